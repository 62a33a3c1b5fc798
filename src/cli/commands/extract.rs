//! `figcheck extract`.
use crate::cli::args::ExtractArgs;
use crate::cli::ExitStatus;
use std::io::Write;

/// Run `figcheck extract`.
pub fn run(
    _a: &ExtractArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
