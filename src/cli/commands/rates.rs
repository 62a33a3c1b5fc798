//! `figcheck rates ...` (being built: see issue 3).
use crate::cli::args::{RatesImportArgs, RatesInfoArgs, RatesShowArgs};
use crate::cli::ExitStatus;
use std::io::Write;

/// Run `figcheck rates import`.
pub fn import(
    _a: &RatesImportArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
/// Run `figcheck rates show`.
pub fn show(
    _a: &RatesShowArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
/// Run `figcheck rates info`.
pub fn info(
    _a: &RatesInfoArgs,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    writeln!(err, "error: not available yet")?;
    Ok(ExitStatus::Error)
}
