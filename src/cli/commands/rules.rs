//! `figcheck rules test` and `figcheck rules list`.
use crate::cli::args::{RulesListArgs, RulesTestArgs};
use crate::cli::ExitStatus;
use std::io::Write;

/// Run `figcheck rules test`.
pub fn test(
    _a: &RulesTestArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
/// Run `figcheck rules list`.
pub fn list(
    _a: &RulesListArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
