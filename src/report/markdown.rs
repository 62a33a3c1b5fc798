//! `--format markdown`: findings first, then a table per fact (the wrong rows marked),
//! for a pull request or a newsroom wiki. Numbers as in the human report: figures as
//! stated, the tolerance apart, rates to 6 significant digits.

use super::human::{location, statement, summary_line, verdict};
use super::model::{ClaimRow, Report};
use super::readable;
use crate::check::Severity;
use std::io::{self, Write};

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn mark(c: &ClaimRow) -> &'static str {
    match c.flagged {
        Some(Severity::Error) => "❌ ",
        Some(Severity::Warning) => "⚠️ ",
        _ => "",
    }
}

/// Write the Markdown report.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# figcheck report")?;
    writeln!(out)?;
    writeln!(out, "{}.", summary_line(r))?;
    writeln!(out)?;
    writeln!(out, "## Findings")?;
    writeln!(out)?;
    if r.findings.is_empty() {
        writeln!(out, "None.")?;
    }
    for f in &r.findings {
        writeln!(
            out,
            "- **{}** `{}` `{}`: {}",
            f.severity,
            f.check,
            location(f),
            statement(r, f)
        )?;
        if let Some(n) = f.discovered_from_sources {
            writeln!(
                out,
                "  - fact discovered from {} (no ledger fact)",
                super::n_sources(n)
            )?;
        }
        if let Some(c) = &f.cause {
            writeln!(out, "  - probable cause: {}", readable::cause(c))?;
        }
        for rel in &f.related {
            writeln!(
                out,
                "  - also {} `{}`: {}",
                rel.severity, rel.check, rel.message
            )?;
        }
    }
    for f in &r.facts {
        let unit = readable::fact_unit(f);
        writeln!(out)?;
        writeln!(out, "## {} `{}` — {}", f.label, f.id, verdict(f.verdict))?;
        if let Some(n) = f.discovered_from_sources {
            writeln!(
                out,
                "\n_Discovered: no ledger fact; grouped from {n} sources._"
            )?;
        }
        writeln!(out)?;
        if let Some(refr) = &f.reference {
            writeln!(out, "Reference: {}.", cell(&refr.describe(&unit)))?;
        }
        writeln!(
            out,
            "Tolerance: {} on every figure, besides its stated precision.",
            readable::tolerance(&f.tolerance)
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| source | figure | stated | date | in {unit} | rate |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for c in &f.claims {
            let converted = readable::converted(c, &unit).unwrap_or_else(|| "—".to_string());
            writeln!(
                out,
                "| {}{}:{}:{} | {} | {} | {} | {} | {} |",
                mark(c),
                c.path,
                c.line,
                c.column,
                cell(&c.text),
                cell(&readable::stated(c)),
                c.date.clone().unwrap_or_else(|| "undated".into()),
                converted,
                match (&c.rate, &c.rate_date) {
                    (Some(rt), Some(d)) => format!("{} ({d})", readable::rate(rt)),
                    _ => "—".to_string(),
                }
            )?;
        }
    }
    Ok(())
}
