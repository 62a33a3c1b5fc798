//! `--format concise`: one line per finding, as ruff prints them:
//! `path:line:col: severity[check] "figure" (as stated, date) should be X; probable cause`
//! and a closing summary line. Grep-able, and short enough for a pre-commit hook.

use super::human::{location, statement, summary_line};
use super::model::Report;
use super::readable;
use std::io::{self, Write};

/// Write one line per finding, then the summary.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &r.findings {
        let mut line = format!(
            "{}: {}[{}] {}",
            location(f),
            f.severity,
            f.check,
            statement(r, f)
        );
        if let Some(c) = &f.cause {
            line.push_str(" (probable cause: ");
            line.push_str(&readable::cause(c));
            line.push(')');
        }
        for rel in &f.related {
            line.push_str(&format!(" [also {}]", rel.check));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", summary_line(r))
}
