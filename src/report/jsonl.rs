//! `--format jsonl`: one self-contained claim record per line (see
//! [`crate::facts::claims_io`]), the map step of a run split over machines;
//! `check --claims FILE...` reads them back and runs the checks.
//!
//! It reads the [`Report`] only.

use super::model::Report;
use std::io::{self, Write};

/// Write one JSON object per claim, per line.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for rec in &r.claim_records {
        serde_json::to_writer(&mut *out, rec).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
