//! `figcheck explain`.
use crate::cli::args::ExplainArgs;
use crate::cli::ExitStatus;
use std::io::Write;

/// Run `figcheck explain`.
pub fn run(
    _a: &ExplainArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
