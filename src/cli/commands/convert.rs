//! `figcheck convert` (being built: see issue 3).
use crate::cli::args::ConvertArgs;
use crate::cli::ExitStatus;
use std::io::Write;

/// Run `figcheck convert`.
pub fn run(
    _a: &ConvertArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: convert is not available yet")?;
    Ok(ExitStatus::Error)
}
