//! `--format human`: grouped by fact; each claim with path:line:column, its figure, the
//! normalised interval, the rate and row date; then the findings with their causes.

use super::model::{ClaimRow, Report, Verdict};
use crate::report::format::short_amount;
use rust_decimal::Decimal;
use std::io::{self, Write};

fn amount(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .and_then(|v| v.parse::<Decimal>().ok())
        .map(short_amount)
}

/// The normalised interval of a claim, e.g. "379.5–380.5 bn CNY".
pub fn normalized(c: &ClaimRow, unit: &str) -> String {
    match (amount(&c.normalized_min), amount(&c.normalized_max)) {
        (Some(a), Some(b)) => format!("{a} .. {b} {unit}"),
        (Some(a), None) => format!("≥ {a} {unit}"),
        (None, Some(b)) => format!("≤ {b} {unit}"),
        (None, None) => "not normalised".to_string(),
    }
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "CONSISTENT",
        Verdict::Inconsistent => "INCONSISTENT",
        Verdict::Unchecked => "UNCHECKED",
    }
}

/// Write the human report.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &r.facts {
        let unit = f
            .currency
            .clone()
            .unwrap_or_else(|| "parameters".to_string());
        writeln!(out, "{} [{}]  {}", verdict(f.verdict), f.id, f.label)?;
        if let Some(refr) = &f.reference {
            writeln!(out, "  reference: {}", refr.describe(&unit))?;
        }
        for c in &f.claims {
            let rate = match (&c.rate, &c.rate_date) {
                (Some(rt), Some(d)) => {
                    let shown = rt
                        .parse::<Decimal>()
                        .map(crate::rates::format::rate)
                        .unwrap_or_else(|_| rt.clone());
                    format!(", rate {shown} on {d}")
                }
                _ => String::new(),
            };
            let date = c.date.clone().unwrap_or_else(|| "undated".to_string());
            writeln!(
                out,
                "  {}:{}:{}  \"{}\"  ({date}) -> {}{rate}",
                c.path,
                c.line,
                c.column,
                c.text,
                normalized(c, &unit)
            )?;
        }
        writeln!(out)?;
    }
    if r.findings.is_empty() {
        writeln!(out, "No findings.")?;
    }
    for f in &r.findings {
        let loc = f
            .claims
            .first()
            .map(|c| format!("{}:{}:{}: ", c.path, c.line, c.column))
            .or_else(|| f.path.as_ref().map(|p| format!("{p}: ")))
            .unwrap_or_default();
        writeln!(out, "{loc}{} [{}] {}", f.severity, f.check, f.message)?;
        if let Some(c) = &f.cause {
            writeln!(out, "  probable cause: {c}")?;
        }
        if let Some(d) = &f.matched_date {
            writeln!(out, "  matched date: {d}")?;
        }
        if let Some(c) = f.claims.first() {
            writeln!(out, "  | {}", c.snippet)?;
        }
    }
    if !r.unassigned.is_empty() {
        writeln!(out)?;
        writeln!(out, "Figures tied to no fact ({}):", r.unassigned.len())?;
        for c in &r.unassigned {
            match &c.untied {
                Some(why) => writeln!(
                    out,
                    "  {}:{}:{}  \"{}\"  ({why})",
                    c.path, c.line, c.column, c.text
                )?,
                None => writeln!(out, "  {}:{}:{}  \"{}\"", c.path, c.line, c.column, c.text)?,
            }
        }
    }
    if r.facts.is_empty() && r.summary.claims > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "No fact of a ledger took these figures: only conversions and relations inside each article were checked. Facts are yours to write (README, \"Adding facts\"; `figcheck init` writes a sample)."
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} sources, {} figures, {} facts; {} errors, {} warnings, {} notes",
        r.summary.sources,
        r.summary.claims,
        r.facts.len(),
        r.summary.errors,
        r.summary.warnings,
        r.summary.infos
    )?;
    Ok(())
}
