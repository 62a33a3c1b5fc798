//! `--format json`: the report as one JSON document (facts, findings, unassigned).

use super::model::Report;
use std::io::{self, Write};

/// Write the report as pretty JSON.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
