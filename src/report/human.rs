//! `--format human`: what a desk editor reads in ten seconds. Findings first, one block
//! each (where, the figure as written and as stated, what it should be, the probable
//! cause), then one line per fact (verdict, figures, sources, how many are wrong).
//! `--verbose` adds every figure of every fact (the wrong ones marked), the rate and
//! row date of each conversion, and the figures tied to no fact.

use super::model::{ClaimRow, FactRow, FindingRow, Report, Verdict};
use super::readable;
use crate::check::{CheckId, Severity};
use crate::quantity::format::short_amount;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::io::{self, Write};

fn amount(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .and_then(|v| v.parse::<Decimal>().ok())
        .map(short_amount)
}

/// The normalised interval of a claim (tolerance included), e.g. "377.6 bn .. 382.4 bn
/// CNY": what the checks compare.
pub fn normalized(c: &ClaimRow, unit: &str) -> String {
    match (amount(&c.normalized_min), amount(&c.normalized_max)) {
        (Some(a), Some(b)) => format!("{a} .. {b} {unit}"),
        (Some(a), None) => format!("≥ {a} {unit}"),
        (None, Some(b)) => format!("≤ {b} {unit}"),
        (None, None) => "not normalised".to_string(),
    }
}

/// The verdict word of the human formats.
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "CONSISTENT",
        Verdict::Inconsistent => "INCONSISTENT",
        Verdict::Warning => "WARNING",
        Verdict::Unchecked => "UNCHECKED",
    }
}

/// "path:line:col" of a finding's flagged figure, else its source's path.
pub fn location(f: &FindingRow) -> String {
    f.claims
        .first()
        .map(|c| format!("{}:{}:{}", c.path, c.line, c.column))
        .or_else(|| f.path.clone())
        .unwrap_or_default()
}

/// What the flagged figure should be, when the report knows it in a few words: the
/// fact's reference, for a cross-source miss.
pub fn should_be(r: &Report, f: &FindingRow) -> Option<String> {
    match f.check {
        CheckId::CrossSourceMismatch => {
            let fact = r.facts.iter().find(|x| Some(&x.id) == f.fact.as_ref())?;
            match &fact.reference {
                Some(reference) => Some(format!(
                    "{}, the reference of {}",
                    readable::reference(reference, &readable::fact_unit(fact)),
                    fact.id
                )),
                None => f
                    .message
                    .split_once("which agree on ")
                    .map(|(_, v)| format!("{v}, what most sources of {} say", fact.id)),
            }
        }
        CheckId::StaleConversion | CheckId::InlineConversionMismatch => {
            // "... is 48.136–48.748 bn EUR, but the text says ...": the value at the day's rate.
            let (head, _) = f.message.split_once(", but the text says")?;
            let (_, value) = head.rsplit_once(" is ")?;
            let date = f.claims.first()?.date.as_deref()?;
            Some(format!("{value} at the rate of {date}"))
        }
        _ => None,
    }
}

/// The figure as written and as stated: "\"38 milliards de yuans\" (38 bn CNY, 2025-02-26)".
pub fn figure(c: &ClaimRow) -> String {
    let date = c.date.as_deref().unwrap_or("undated");
    format!("\"{}\" ({}, {date})", c.text, readable::stated(c))
}

/// The finding's one-line statement: "`<figure>` should be `<X>`", else its message.
pub fn statement(r: &Report, f: &FindingRow) -> String {
    match (f.claims.first(), should_be(r, f)) {
        (Some(c), Some(want)) => format!("{} should be {want}", figure(c)),
        _ => f.message.clone(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "26 sources, 61 figures, 7 facts; 6 errors, 1 warning, 0 notes".
pub fn summary_line(r: &Report) -> String {
    let s = &r.summary;
    let mut line = format!(
        "{}, {}, {}; {}, {}, {}",
        plural(s.sources, "source", "sources"),
        plural(s.claims, "figure", "figures"),
        plural(r.facts.len(), "fact", "facts"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "note", "notes"),
    );
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed by a comment", s.suppressed));
    }
    if s.baselined > 0 {
        line.push_str(&format!("; {} in the baseline", s.baselined));
    }
    line
}

/// A finding in two lines: "error [check] path:line:col (also other-check)", then what
/// the figure should be and the probable cause.
fn write_finding(r: &Report, f: &FindingRow, out: &mut dyn Write) -> io::Result<()> {
    let also: Vec<&str> = f.related.iter().map(|x| x.check.as_str()).collect();
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(" (also {})", also.join(", "))
    };
    let discovered = f.discovered_from_sources.map_or(String::new(), |n| {
        format!(" (fact discovered from {})", super::n_sources(n))
    });
    writeln!(
        out,
        "{} [{}] {}{also}{discovered}",
        f.severity,
        f.check,
        location(f)
    )?;
    match &f.cause {
        Some(c) => writeln!(
            out,
            "  {}; probable cause: {}",
            statement(r, f),
            readable::cause(c)
        ),
        None => writeln!(out, "  {}", statement(r, f)),
    }
}

/// One line per fact: "INCONSISTENT  id  22 figures in 18 sources, 3 wrong; reference 380 bn CNY (2025-02-24)".
fn fact_line(f: &FactRow) -> String {
    let sources: BTreeSet<&str> = f.claims.iter().map(|c| c.path.as_str()).collect();
    let wrong = f
        .claims
        .iter()
        .filter(|c| c.flagged.is_some_and(|s| s >= Severity::Warning))
        .count();
    let mut line = format!(
        "{:<12}  {}  {} in {}",
        verdict(f.verdict),
        f.id,
        plural(f.claims.len(), "figure", "figures"),
        plural(sources.len(), "source", "sources"),
    );
    if wrong > 0 {
        line.push_str(&format!(", {wrong} flagged"));
    }
    if let Some(refr) = &f.reference {
        line.push_str("; reference ");
        line.push_str(&readable::reference(refr, &readable::fact_unit(f)));
    }
    line
}

fn marker(c: &ClaimRow) -> &'static str {
    match c.flagged {
        Some(Severity::Error) => "✗",
        Some(Severity::Warning) => "!",
        _ => " ",
    }
}

fn write_fact_block(f: &FactRow, out: &mut dyn Write) -> io::Result<()> {
    let unit = readable::fact_unit(f);
    writeln!(out, "{} [{}]  {}", verdict(f.verdict), f.id, f.label)?;
    if let Some(n) = f.discovered_from_sources {
        writeln!(
            out,
            "  discovered: no ledger fact; grouped from {n} sources (same subject, measure and year)"
        )?;
    }
    if let Some(refr) = &f.reference {
        writeln!(out, "  reference: {}", refr.describe(&unit))?;
    }
    writeln!(
        out,
        "  tolerance: {} on every figure, besides its stated precision",
        readable::tolerance(&f.tolerance)
    )?;
    for c in &f.claims {
        let date = c.date.clone().unwrap_or_else(|| "undated".to_string());
        let conversion = match (readable::converted(c, &unit), &c.rate, &c.rate_date) {
            (Some(v), Some(rt), Some(d)) => {
                format!(" → {v} at {} ({d})", readable::rate(rt))
            }
            _ => String::new(),
        };
        writeln!(
            out,
            "  {} {}:{}:{}  \"{}\"  {} ({date}){conversion}",
            marker(c),
            c.path,
            c.line,
            c.column,
            c.text,
            readable::stated(c),
        )?;
    }
    Ok(())
}

/// Write the human report; `verbose` lists every figure.
pub fn write(r: &Report, out: &mut dyn Write, verbose: bool) -> io::Result<()> {
    if r.findings.is_empty() {
        writeln!(out, "No findings.")?;
    }
    for f in &r.findings {
        if verbose && !std::ptr::eq(f, r.findings.first().unwrap_or(f)) {
            writeln!(out)?;
        }
        write_finding(r, f, out)?;
        if verbose {
            if let Some(d) = &f.matched_date {
                writeln!(out, "  matched date: {d}")?;
            }
            if should_be(r, f).is_some() {
                writeln!(out, "  {}", f.message)?;
            }
            for rel in &f.related {
                writeln!(out, "  {} [{}] {}", rel.severity, rel.check, rel.message)?;
                if let Some(c) = &rel.cause {
                    writeln!(out, "    probable cause: {}", readable::cause(c))?;
                }
            }
            if let Some(c) = f.claims.first() {
                writeln!(out, "  | {}", c.snippet)?;
            }
        }
    }
    if !r.facts.is_empty() {
        writeln!(out)?;
    }
    if verbose {
        for (i, f) in r.facts.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_fact_block(f, out)?;
        }
    } else {
        // Facts with something to look at, one line each; the consistent ones together.
        let (fine, other): (Vec<&FactRow>, Vec<&FactRow>) = r
            .facts
            .iter()
            .partition(|f| f.verdict == Verdict::Consistent);
        for f in other {
            writeln!(out, "{}", fact_line(f))?;
        }
        if !fine.is_empty() {
            let ids: Vec<&str> = fine.iter().map(|f| f.id.as_str()).collect();
            let figures: usize = fine.iter().map(|f| f.claims.len()).sum();
            writeln!(
                out,
                "{:<12}  {} ({}, {})",
                "CONSISTENT",
                ids.join(", "),
                plural(fine.len(), "fact", "facts"),
                plural(figures, "figure", "figures")
            )?;
        }
    }
    if !r.unassigned.is_empty() {
        if !verbose {
            writeln!(out)?;
            writeln!(
                out,
                "{} tied to no fact (--verbose lists every figure)",
                plural(r.unassigned.len(), "figure", "figures")
            )?;
        } else {
            writeln!(out)?;
            writeln!(
                out,
                "{} tied to no fact:",
                plural(r.unassigned.len(), "figure", "figures")
            )?;
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
    }
    if r.facts.is_empty() && r.summary.claims > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "No fact of a ledger took these figures: only conversions and relations inside each article were checked. Facts are yours to write (README, \"Adding facts\"; `figcheck init` writes a sample)."
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", summary_line(r))?;
    Ok(())
}
