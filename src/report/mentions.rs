//! The output of `figcheck extract`: one row per mention, as a table, JSON or JSON Lines.

use super::readable;
use crate::extract::{Mention, MentionOrigin};
use crate::quantity::format::plain;
use crate::quantity::{Currency, Qualifier};
use crate::source::Source;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// A money mention converted into the reporting currency, or why it could not be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reporting {
    /// The reporting currency.
    pub currency: Currency,
    /// The value (null for a range).
    pub value: Option<String>,
    /// Lower bound.
    pub low: Option<String>,
    /// Upper bound.
    pub high: Option<String>,
    /// Units of the reporting currency per unit of the mention's currency.
    pub rate: Option<String>,
    /// The date of the table row used.
    pub rate_date: Option<String>,
    /// The table.
    pub table: Option<String>,
    /// Why it could not be converted.
    pub error: Option<Cow<'static, str>>,
}

/// One mention, as reported.
///
/// It borrows what it shows from the source and the mention: `extract --format jsonl`
/// writes a row for every figure, and copying them was most of its allocations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionRow<'a> {
    /// Source path.
    pub path: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// Byte offset of the start in the file (a leading byte order mark counted; in an
    /// HTML file's visible text).
    pub start: usize,
    /// Byte offset of the end (exclusive), as `start`.
    pub end: usize,
    /// The text of the figure.
    pub text: &'a str,
    /// "money" or "parameters".
    pub kind: &'static str,
    /// The stated value in base units; null for a range.
    pub value: Option<String>,
    /// The stated lower bound; null when open.
    pub low: Option<String>,
    /// The stated upper bound; null when open.
    pub high: Option<String>,
    /// ISO code for money.
    pub currency: Option<Currency>,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The rule id.
    pub rule: &'a str,
    /// The language.
    pub lang: &'a str,
    /// Where the unit came from.
    pub unit_from: &'a MentionOrigin,
    /// The source's date (for convenience when rows are read one by one).
    pub date: Option<String>,
    /// The money value in the reporting currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
}

impl<'a> MentionRow<'a> {
    /// A row for a mention of a source.
    pub fn new(source: &'a Source, m: &'a Mention, reporting: Option<Reporting>) -> Self {
        let q = &m.quantity;
        MentionRow {
            path: &source.path,
            line: m.line,
            column: m.column,
            start: m.span.start,
            end: m.span.end,
            text: &m.text,
            kind: m.kind(),
            value: q.value.map(plain),
            low: q.low.map(plain),
            high: q.high.map(plain),
            currency: q.unit.currency(),
            qualifier: q.qualifier,
            rule: &m.rule,
            lang: &m.lang,
            unit_from: &m.origin,
            date: source.date.map(crate::source::date::iso_date),
            reporting,
        }
    }
}

/// What is said of a source in the extraction output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRow {
    /// Path.
    pub path: String,
    /// Language.
    pub lang: String,
    /// Where the language came from.
    pub lang_origin: String,
    /// Date, or null when undated.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_origin: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Warnings met while reading.
    pub warnings: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// Why the source was not read, when it was not (a language without rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_read: Option<String>,
}

impl SourceRow {
    /// The row of a source.
    pub fn new(s: &Source, mentions: usize) -> Self {
        SourceRow {
            path: s.path.clone(),
            lang: s.lang.clone(),
            lang_origin: s.lang_origin.to_string(),
            date: s.date.map(crate::source::date::iso_date),
            date_origin: s.date_origin.to_string(),
            outlet: s.outlet.clone(),
            warnings: s.warnings.clone(),
            mentions,
            not_read: None,
        }
    }
}

/// The whole extraction output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extraction<'a> {
    /// The sources read, sorted by path.
    pub sources: Vec<SourceRow>,
    /// The mentions, sorted by path then position.
    pub mentions: Vec<MentionRow<'a>>,
    /// Errors met (unreadable files...), as "path:line:col: message".
    pub errors: Vec<String>,
}

/// `--format json`.
pub fn write_json(x: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, x).map_err(io::Error::other)?;
    writeln!(out)
}

/// `--format jsonl`: one mention per line.
pub fn write_jsonl(x: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    for m in &x.mentions {
        serde_json::to_writer(&mut *out, m).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The figure as a reader says it, in the notation `check` uses: "≥ 52 bn USD",
/// "50–60 bn USD", "32 bn parameters".
pub fn figure(row: &MentionRow) -> String {
    let unit = match (&row.currency, row.kind) {
        (Some(c), _) => c.to_string(),
        (None, "ratio") => "times".to_string(),
        (None, "share") => "%".to_string(),
        (None, _) => "parameters".to_string(),
    };
    // A share is shown in percent ("4 %"), other figures as amounts ("52.4 bn").
    if row.currency.is_none() && row.kind == "share" {
        let pct = |s: &Option<String>| {
            s.as_deref()
                .and_then(|v| v.parse::<rust_decimal::Decimal>().ok())
                .and_then(|d| d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED))
                // 1/3 is 33.33 % to a reader, not 28 digits
                .map(|p| p.round_dp(2).normalize().to_string())
        };
        let (v, lo, hi) = (pct(&row.value), pct(&row.low), pct(&row.high));
        return readable::amount(
            row.qualifier,
            v.as_deref(),
            lo.as_deref(),
            hi.as_deref(),
            &unit,
        )
        .unwrap_or_else(|| format!("? {unit}"));
    }
    readable::amount(
        row.qualifier,
        row.value.as_deref(),
        row.low.as_deref(),
        row.high.as_deref(),
        &unit,
    )
    .unwrap_or_else(|| format!("? {unit}"))
}

/// A mention's figure in the reporting currency, in the same notation: "≥ 7.1 bn USD".
fn reported(row: &MentionRow, r: &Reporting) -> String {
    readable::amount(
        row.qualifier,
        r.value.as_deref(),
        r.low.as_deref(),
        r.high.as_deref(),
        r.currency.as_str(),
    )
    .unwrap_or_else(|| format!("? {}", r.currency))
}

/// `--format table` (the default): per source, a header with its language and date and
/// where they came from, then one line per mention.
pub fn write_table(x: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    for (i, s) in x.sources.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let date = match &s.date {
            Some(d) => format!("{d} ({})", s.date_origin),
            None => "undated: money figures not converted".to_string(),
        };
        let outlet = s
            .outlet
            .as_ref()
            .map_or(String::new(), |o| format!(", {o}"));
        writeln!(
            out,
            "{}  [{} ({}), {date}{outlet}]",
            s.path, s.lang, s.lang_origin
        )?;
        for w in &s.warnings {
            writeln!(out, "  warning: {w}")?;
        }
        let rows: Vec<&MentionRow> = x.mentions.iter().filter(|m| m.path == s.path).collect();
        if let Some(why) = &s.not_read {
            writeln!(out, "  (not read: {why})")?;
        } else if rows.is_empty() {
            writeln!(out, "  (no figures found)")?;
        }
        for m in rows {
            let mut note = String::new();
            match &m.unit_from {
                MentionOrigin::Stated => {}
                MentionOrigin::ModelName { model } => {
                    note = format!("  (from the name {model})");
                }
                MentionOrigin::Context { antecedent, .. } => {
                    note = format!("  (unit from \"{antecedent}\")");
                }
            }
            let conv = match &m.reporting {
                Some(r) if r.error.is_none() && m.currency != Some(r.currency) => {
                    format!(
                        "  = {} (rate {} on {})",
                        reported(m, r),
                        r.rate
                            .as_deref()
                            .and_then(|v| v.parse::<rust_decimal::Decimal>().ok())
                            .map_or("?".to_string(), crate::rates::format::rate),
                        r.rate_date.as_deref().unwrap_or("?")
                    )
                }
                // An undated source says so once, in its header line.
                Some(_) if s.date.is_none() => String::new(),
                Some(r) => r
                    .error
                    .as_ref()
                    .map_or(String::new(), |e| format!("  (not converted: {e})")),
                None => String::new(),
            };
            writeln!(
                out,
                "  {:>4}:{:<3} {:<10} {:<22} {:<40} {}{note}{conv}",
                m.line,
                m.column,
                m.kind,
                figure(m),
                format!("\"{}\"", m.text.replace('\n', " ")),
                m.rule
            )?;
        }
    }
    if !x.errors.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{} file(s) could not be read (see errors).",
            x.errors.len()
        )?;
    }
    Ok(())
}
