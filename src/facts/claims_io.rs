//! Claims as JSON lines: the interchange format of `check --format jsonl` (map) and
//! `check --claims FILE...` (reduce).
//!
//! A [`ClaimRecord`] is self-contained: the source's path, date, language and outlet; the
//! mention as read (span, line, column, text, kind, value and bounds, precision, currency,
//! qualifier, origin, rule, reading); the fact it is tied to and the words that tied it;
//! the date it is converted at and where that came from; and a slice of the source text,
//! `context`, at its byte offset: the figure's sentence, widened to at least
//! [`CONTEXT_BEFORE`] bytes before the figure. The snippet is written for readers and
//! ignored on reading.
//!
//! Reading rebuilds a [`Claim`] per record and one [`Source`] per path whose text is
//! *sparse*: every record's context at its own offset, blank lines everywhere else. The
//! checks that read text between figures (an inline conversion reads at most 40 bytes
//! between two figures of a sentence, part-of-whole 24 bytes before a figure and whether
//! two figures share a sentence) and the report's snippets find the same bytes as in the
//! full text, so the checks run unchanged; blank lines end a sentence, as the real text
//! between two sentences does.
//!
//! This lives in `facts` because the reduce step re-enters the pipeline at the claim
//! stage: the records are claims, written and read by one module; the `jsonl` renderer
//! only writes the records the report carries.
//!
//! It must not re-tie claims to facts: the record's fact is kept, and must exist.

use super::{AsOf, Claim, FactSet, Tie};
use crate::error::Location;
use crate::extract::{Mention, MentionOrigin, Reading};
use crate::quantity::{Currency, Qualifier, Quantity, Unit};
use crate::source::{DateOrigin, LangOrigin, Source};
use crate::text::{Segments, Span};
use crate::{Error, Errors};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The record format's version, written in every record.
pub const FORMAT_VERSION: u32 = 1;

/// Bytes of text kept before a figure, at least.
pub const CONTEXT_BEFORE: usize = 48;

/// Largest byte offset a record may give: a sparse text is as long as its last offset.
pub const MAX_OFFSET: usize = 256 * 1024 * 1024;

/// The source of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// Display path.
    pub path: String,
    /// Publication date (YYYY-MM-DD).
    pub date: Option<String>,
    /// Where the date came from.
    pub date_origin: DateOrigin,
    /// Language.
    pub lang: String,
    /// Where the language came from.
    pub lang_origin: LangOrigin,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
}

/// A mention, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionRecord {
    /// First byte of the figure in the source text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The figure as written.
    pub text: String,
    /// money, parameters or ratio.
    pub kind: String,
    /// Currency, for money.
    pub currency: Option<Currency>,
    /// Stated value (none for a range).
    pub value: Option<Decimal>,
    /// Stated lower bound.
    pub low: Option<Decimal>,
    /// Stated upper bound.
    pub high: Option<Decimal>,
    /// Stated precision.
    pub precision: Decimal,
    /// Qualifier.
    pub qualifier: Qualifier,
    /// The rule that found it.
    pub rule: String,
    /// The language it was read in.
    pub lang: String,
    /// Where its unit came from (model name, antecedent).
    pub origin: MentionOrigin,
    /// How its parts were read (qualifier words, number, scale word, currency alias).
    pub reading: Reading,
}

/// A slice of the source text at its byte offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextRecord {
    /// Byte offset of `text` in the source.
    pub start: usize,
    /// The text.
    pub text: String,
}

/// One claim, self-contained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Format version ([`FORMAT_VERSION`]).
    pub figcheck_claim: u32,
    /// The source.
    pub source: SourceRecord,
    /// The mention.
    pub mention: MentionRecord,
    /// The fact, if tied.
    pub fact: Option<String>,
    /// The words that tied it.
    pub tie: Option<Tie>,
    /// Why it is tied to no fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untied: Option<String>,
    /// Who, what and when the figure is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<crate::frames::Frame>,
    /// The date it is converted at (YYYY-MM-DD).
    pub as_of: Option<String>,
    /// Where that date came from.
    pub as_of_origin: AsOf,
    /// The figure's sentence and the bytes before it.
    pub context: ContextRecord,
    /// The sentence on one line, for readers (ignored on reading).
    pub snippet: String,
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The record of one claim of `source`; `segments` are the source's.
pub fn claim_record(
    source: &Source,
    segments: &Segments,
    claim: &Claim,
    snippet: String,
) -> ClaimRecord {
    let m = &claim.mention;
    let text = source.text.as_str();
    let sentence = segments.sentence_of(m.span.start).unwrap_or(m.span);
    // Never before the body (front matter is not article text), unless the figure is.
    let body_start = source.body.start.min(m.span.start);
    let start = floor_boundary(
        text,
        sentence
            .start
            .min(m.span.start.saturating_sub(CONTEXT_BEFORE))
            .max(body_start),
    );
    let end = sentence.end.max(m.span.end).min(text.len());
    let context = text.get(start..end).unwrap_or_default().to_string();
    let q = &m.quantity;
    ClaimRecord {
        figcheck_claim: FORMAT_VERSION,
        source: SourceRecord {
            path: source.path.clone(),
            date: source.date.map(|d| d.to_string()),
            date_origin: source.date_origin.clone(),
            lang: source.lang.clone(),
            lang_origin: source.lang_origin.clone(),
            outlet: source.outlet.clone(),
            url: source.url.clone(),
        },
        mention: MentionRecord {
            start: m.span.start,
            end: m.span.end,
            line: m.line,
            column: m.column,
            text: m.text.clone(),
            kind: m.kind().to_string(),
            currency: q.unit.currency(),
            value: q.value,
            low: q.low,
            high: q.high,
            precision: q.precision,
            qualifier: q.qualifier,
            rule: m.rule.clone(),
            lang: m.lang.clone(),
            origin: m.origin.clone(),
            reading: (*m.reading).clone(),
        },
        fact: claim.fact.clone(),
        tie: claim.tie.clone(),
        untied: claim.untied.clone(),
        frame: claim.frame.clone(),
        as_of: claim.as_of.map(|d| d.to_string()),
        as_of_origin: claim.as_of_origin.clone(),
        context: ContextRecord {
            start,
            text: context,
        },
        snippet,
    }
}

fn parse_date(s: &Option<String>) -> Result<Option<NaiveDate>, String> {
    s.as_deref()
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|e| format!("invalid date \"{d}\": {e}"))
        })
        .transpose()
}

fn unit(m: &MentionRecord) -> Result<Unit, String> {
    match (m.kind.as_str(), m.currency) {
        ("money", Some(c)) => Ok(Unit::Money(c)),
        ("money", None) => Err("a money claim without a currency".to_string()),
        ("parameters", _) => Ok(Unit::Parameters),
        ("ratio", _) => Ok(Unit::Ratio),
        ("share", _) => Ok(Unit::Share),
        (other, _) => Err(format!(
            "unknown kind \"{other}\" (expected money, parameters, ratio or share)"
        )),
    }
}

/// A record's value and bounds must describe an interval: `low <= value <= high`
/// (each where given). A record that breaks it would compare as anything.
fn bounds_ok(m: &MentionRecord) -> Result<(), String> {
    let show = |d: Option<Decimal>| d.map_or("none".to_string(), |d| d.normalize().to_string());
    let below =
        |a: Option<Decimal>, b: Option<Decimal>| matches!((a, b), (Some(a), Some(b)) if a > b);
    if below(m.low, m.high) || below(m.low, m.value) || below(m.value, m.high) {
        return Err(format!(
            "the figure \"{}\" has low {}, value {} and high {}: they must be in order \
             (low <= value <= high)",
            m.text,
            show(m.low),
            show(m.value),
            show(m.high)
        ));
    }
    Ok(())
}

/// Check a record's spans and rebuild its mention.
fn mention(r: &ClaimRecord) -> Result<Mention, String> {
    let m = &r.mention;
    let ctx = &r.context;
    let ctx_end = ctx.start.saturating_add(ctx.text.len());
    if m.start > m.end || m.end > MAX_OFFSET || ctx_end > MAX_OFFSET {
        return Err(format!(
            "span {}..{} is invalid or beyond {MAX_OFFSET} bytes",
            m.start, m.end
        ));
    }
    let inside = m
        .start
        .checked_sub(ctx.start)
        .zip(m.end.checked_sub(ctx.start))
        .and_then(|(a, b)| ctx.text.get(a..b));
    if inside != Some(m.text.as_str()) {
        return Err(format!(
            "the figure \"{}\" is not at {}..{} of its context",
            m.text, m.start, m.end
        ));
    }
    bounds_ok(m)?;
    Ok(Mention {
        span: Span::new(m.start, m.end),
        line: m.line,
        column: m.column,
        text: m.text.clone(),
        quantity: Quantity {
            value: m.value,
            low: m.low,
            high: m.high,
            qualifier: m.qualifier,
            unit: unit(m)?,
            precision: m.precision,
        },
        rule: m.rule.clone(),
        lang: m.lang.clone(),
        origin: m.origin.clone(),
        reading: Box::new(m.reading.clone()),
    })
}

/// A source being rebuilt: its metadata and the slices of its text.
struct SparseSource {
    meta: SourceRecord,
    slices: BTreeMap<usize, String>,
    claims: BTreeMap<(usize, usize), (Mention, ClaimRecord)>,
}

/// Read claim records from JSON-lines text, each with its place; `path` names the file.
pub fn parse_records(path: &Path, text: &str) -> Result<Vec<(Location, ClaimRecord)>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = Location {
            path: path.to_path_buf(),
            line: n.saturating_add(1),
            column: 0,
        };
        // Syntax first (with a column), then the version, then the fields.
        let value = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push(Error::usage(format!("not JSON: {}", serde_message(&e))).at(
                    Location {
                        column: char_column(line, e.column()),
                        ..at
                    },
                ));
                continue;
            }
        };
        let version = value
            .get("figcheck_claim")
            .and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(FORMAT_VERSION)) {
            let found = version.map_or("missing".to_string(), |v| v.to_string());
            errors.push(
                Error::usage(format!(
                    "not a figcheck claim record of version {FORMAT_VERSION} (figcheck_claim: {found})"
                ))
                .at(at),
            );
            continue;
        }
        match serde_json::from_value::<ClaimRecord>(value) {
            Ok(r) => out.push((at, r)),
            Err(e) => errors.push(
                Error::usage(format!(
                    "not a figcheck claim record: {}",
                    serde_message(&e)
                ))
                .at(at),
            ),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// serde_json's 1-based column counts bytes; a [`Location`]'s counts characters.
fn char_column(line: &str, byte_column: usize) -> usize {
    if byte_column == 0 {
        return 0;
    }
    let byte = floor_boundary(line, byte_column.saturating_sub(1).min(line.len()));
    line.get(..byte).map_or(0, |s| s.chars().count()) + 1
}

/// A serde_json message without its own " at line L column C" (the location is ours).
fn serde_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rsplit_once(" at line ") {
        Some((head, _)) if e.line() > 0 => head.to_string(),
        _ => m,
    }
}

/// Rebuild sources and claims from records (from one or several files, in any order).
/// Sources come sorted by path and claims in text order, as a run over the articles
/// gives them; a claim given twice is kept once. Each record's location names it in
/// errors.
pub fn rebuild(
    records: Vec<(Location, ClaimRecord)>,
    facts: &FactSet,
) -> Result<(Vec<Source>, Vec<Claim>), Errors> {
    let mut errors = Vec::new();
    let mut by_path: BTreeMap<String, SparseSource> = BTreeMap::new();
    for (at, r) in records {
        let fail = |msg: String| Error::usage(msg).at(at.clone());
        if let Some(f) = &r.fact {
            if !facts.facts.contains_key(f) {
                errors.push(fail(format!(
                    "the claim \"{}\" is tied to fact \"{f}\", which the rules do not define",
                    r.mention.text
                )));
                continue;
            }
        }
        if let Err(e) = parse_date(&r.source.date).and(parse_date(&r.as_of)) {
            errors.push(fail(e));
            continue;
        }
        let m = match mention(&r) {
            Ok(m) => m,
            Err(e) => {
                errors.push(fail(e));
                continue;
            }
        };
        let entry = by_path
            .entry(r.source.path.clone())
            .or_insert_with(|| SparseSource {
                meta: r.source.clone(),
                slices: BTreeMap::new(),
                claims: BTreeMap::new(),
            });
        if entry.meta != r.source {
            errors.push(fail(format!(
                "{} is described differently by another claim record (date, language or outlet)",
                r.source.path
            )));
            continue;
        }
        let slice = entry.slices.entry(r.context.start).or_default();
        if r.context.text.len() > slice.len() {
            *slice = r.context.text.clone();
        }
        entry.claims.insert((m.span.start, m.span.end), (m, r));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut sources = Vec::new();
    let mut claims = Vec::new();
    for (i, (_, s)) in by_path.into_iter().enumerate() {
        let text = sparse_text(&s.slices);
        let date = parse_date(&s.meta.date).ok().flatten();
        sources.push(Source {
            path: s.meta.path,
            body: Span::new(0, text.len()),
            text,
            lang: s.meta.lang,
            lang_origin: s.meta.lang_origin,
            date,
            date_origin: s.meta.date_origin,
            outlet: s.meta.outlet,
            url: s.meta.url,
            dollar: None,
            headline: None,
            headline_span: None,
            warnings: Vec::new(),
            mapped: None,
            suppressions: Vec::new(),
        });
        for (_, (mention, r)) in s.claims {
            claims.push(Claim {
                source: i,
                mention,
                fact: r.fact,
                tie: r.tie,
                untied: r.untied,
                frame: r.frame,
                as_of: parse_date(&r.as_of).ok().flatten(),
                as_of_origin: r.as_of_origin,
            });
        }
    }
    Ok((sources, claims))
}

/// Slices at their offsets, newlines elsewhere. Overlapping slices are copies of one
/// text, so a later slice only adds what the earlier ones did not reach.
fn sparse_text(slices: &BTreeMap<usize, String>) -> String {
    let mut text = String::new();
    for (start, s) in slices {
        let have = text.len();
        if *start >= have {
            text.extend(std::iter::repeat_n('\n', start - have));
            text.push_str(s);
        } else {
            let skip = have - start;
            if let Some(rest) = s.get(skip..) {
                text.push_str(rest);
            }
        }
    }
    text
}

/// Read claim files (JSON lines) and rebuild sources and claims; every error of every
/// file is reported.
pub fn read_claim_files(
    paths: &[PathBuf],
    facts: &FactSet,
) -> Result<(Vec<Source>, Vec<Claim>), Errors> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let text = match std::fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Error::io(p, &e));
                continue;
            }
        };
        match parse_records(p, &text) {
            Ok(rs) => records.extend(rs),
            Err(Errors(es)) => errors.extend(es),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    rebuild(records, facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_text_places_slices() {
        let mut m = BTreeMap::new();
        m.insert(3usize, "abc".to_string());
        m.insert(4usize, "bcdef".to_string());
        m.insert(12usize, "xy".to_string());
        assert_eq!(sparse_text(&m), "\n\n\nabcdef\n\n\nxy");
        assert_eq!(sparse_text(&BTreeMap::new()), "");
    }

    #[test]
    fn bad_lines_are_located() {
        let text = "\n{\"figcheck_claim\": 1}\nnot json\n";
        let Err(Errors(es)) = parse_records(Path::new("c.jsonl"), text) else {
            panic!("expected errors");
        };
        assert_eq!(es.len(), 2);
        assert!(es[0].to_string().contains("c.jsonl:2"), "{}", es[0]);
        assert!(es[1].to_string().contains("c.jsonl:3"), "{}", es[1]);
    }
}
