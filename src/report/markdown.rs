//! `--format markdown`: a table per fact and a list of findings, for a pull request.

use super::human::normalized;
use super::model::Report;
use std::io::{self, Write};

/// Write the Markdown report.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# figcheck report")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} sources, {} figures: **{} errors**, {} warnings, {} notes.",
        r.summary.sources, r.summary.claims, r.summary.errors, r.summary.warnings, r.summary.infos
    )?;
    for f in &r.facts {
        let unit = f
            .currency
            .clone()
            .unwrap_or_else(|| "parameters".to_string());
        writeln!(out)?;
        writeln!(out, "## {} `{}` — {:?}", f.label, f.id, f.verdict)?;
        writeln!(out)?;
        writeln!(out, "| source | figure | date | normalised | rate |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for c in &f.claims {
            writeln!(
                out,
                "| {}:{}:{} | {} | {} | {} | {} |",
                c.path,
                c.line,
                c.column,
                c.text.replace('|', "\\|"),
                c.date.clone().unwrap_or_else(|| "undated".into()),
                normalized(c, &unit),
                match (&c.rate, &c.rate_date) {
                    (Some(r), Some(d)) => format!("{r} ({d})"),
                    _ => "—".to_string(),
                }
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "## Findings")?;
    writeln!(out)?;
    if r.findings.is_empty() {
        writeln!(out, "None.")?;
    }
    for f in &r.findings {
        let loc = f
            .claims
            .first()
            .map(|c| format!("`{}:{}:{}` ", c.path, c.line, c.column))
            .unwrap_or_default();
        writeln!(out, "- **{}** `{}` {loc}{}", f.severity, f.check, f.message)?;
        if let Some(c) = &f.cause {
            writeln!(out, "  - probable cause: {c}")?;
        }
    }
    Ok(())
}
