//! The check report: everything a renderer needs, built once, sorted once, with no
//! clocks and no absolute paths. Renderers read it and never re-run a check.

use crate::check::{CheckId, Finding, Normalized, Severity};
use crate::extract::MentionOrigin;
use crate::facts::claims_io::{claim_record, ClaimRecord};
use crate::facts::{AsOf, Claim, FactSet, Tie};
use crate::quantity::Qualifier;
use crate::report::format::plain;
use crate::source::Source;
use crate::text::{Segments, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A claim as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimRow {
    /// Source path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Byte offsets.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The figure as written.
    pub text: String,
    /// The sentence around it, on one line.
    pub snippet: String,
    /// money, parameters or ratio.
    pub kind: String,
    /// Stated value (null for a range).
    pub value: Option<String>,
    /// Stated lower bound.
    pub low: Option<String>,
    /// Stated upper bound.
    pub high: Option<String>,
    /// Currency (money).
    pub currency: Option<String>,
    /// Qualifier.
    pub qualifier: Qualifier,
    /// The date the claim is converted at.
    pub date: Option<String>,
    /// Where that date came from.
    pub date_from: AsOf,
    /// The fact's unit interval, lower bound.
    pub normalized_min: Option<String>,
    /// The fact's unit interval, upper bound.
    pub normalized_max: Option<String>,
    /// The rate used (fact currency per claim currency).
    pub rate: Option<String>,
    /// The table row date of the rate.
    pub rate_date: Option<String>,
    /// The table.
    pub rate_table: Option<String>,
    /// The fact, if tied.
    pub fact: Option<String>,
    /// The words that tied it.
    pub tie: Option<Tie>,
    /// Why it is tied to no fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untied: Option<String>,
    /// Who, what and when the figure is about (when a ledger was loaded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame: Option<crate::frames::Frame>,
    /// Where its unit came from.
    pub unit_from: MentionOrigin,
    /// The rule that found it.
    pub rule: String,
}

/// A fact's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// All claims hold (at their own dates).
    Consistent,
    /// Some claim does not hold.
    Inconsistent,
    /// Nothing could be compared.
    Unchecked,
}

/// A fact's reference, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceRow {
    /// Value.
    pub value: String,
    /// Currency.
    pub currency: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Source.
    pub source: Option<String>,
}

impl ReferenceRow {
    /// "380 bn CNY on 2025-02-24 (source)", as the human and HTML reports show it;
    /// `unit` is the fact's unit, used when the reference names no currency.
    pub fn describe(&self, unit: &str) -> String {
        let value = self
            .value
            .parse::<rust_decimal::Decimal>()
            .map(crate::report::format::short_amount)
            .unwrap_or_else(|_| self.value.clone());
        let cur = self.currency.clone().unwrap_or_else(|| unit.to_string());
        let date = self
            .date
            .as_ref()
            .map_or(String::new(), |d| format!(" on {d}"));
        let src = self
            .source
            .as_ref()
            .map_or(String::new(), |s| format!(" ({s})"));
        format!("{value} {cur}{date}{src}")
    }
}

/// A fact with its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactRow {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// money or parameters.
    pub kind: String,
    /// Currency compared in.
    pub currency: Option<String>,
    /// Reference.
    pub reference: Option<ReferenceRow>,
    /// Verdict.
    pub verdict: Verdict,
    /// Claims, sorted by path and position.
    pub claims: Vec<ClaimRow>,
}

/// A finding, with its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    /// Check id.
    pub check: CheckId,
    /// Severity.
    pub severity: Severity,
    /// Fact id.
    pub fact: Option<String>,
    /// Message with the numbers.
    pub message: String,
    /// Probable cause.
    pub cause: Option<String>,
    /// Matched date (stale conversions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_date: Option<String>,
    /// The source, for findings about a whole source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Claims involved, the flagged one first.
    pub claims: Vec<ClaimRow>,
}

/// A source, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// Path.
    pub path: String,
    /// Language.
    pub lang: String,
    /// Date.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_origin: String,
    /// Outlet.
    pub outlet: Option<String>,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    /// Sources read.
    pub sources: usize,
    /// Claims found.
    pub claims: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The configuration file the run read, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    /// Counts.
    pub summary: Summary,
    /// Sources.
    pub sources: Vec<SourceInfo>,
    /// Facts with at least one claim, by id.
    pub facts: Vec<FactRow>,
    /// Findings, sorted by fact, path, position, check.
    pub findings: Vec<FindingRow>,
    /// Claims tied to no fact.
    pub unassigned: Vec<ClaimRow>,
    /// Every claim as a self-contained record, in run order (sources by path, then text
    /// order), for `--format jsonl`.
    #[serde(skip)]
    pub claim_records: Vec<ClaimRecord>,
}

/// The sentences of each source's body (front matter left out), built once per report.
struct SourceSegments<'a> {
    sources: &'a [Source],
    segments: Vec<Segments>,
}

impl<'a> SourceSegments<'a> {
    fn new(sources: &'a [Source]) -> Self {
        SourceSegments {
            sources,
            segments: sources
                .iter()
                .map(|s| Segments::new(s.body.slice(&s.text)))
                .collect(),
        }
    }

    fn row(&self, claim: &Claim, n: Option<&Normalized>) -> ClaimRow {
        let snippet = match (
            self.sources.get(claim.source),
            self.segments.get(claim.source),
        ) {
            (Some(s), Some(segs)) => snippet(s, segs, claim),
            _ => String::new(),
        };
        row_with_snippet(self.sources, claim, n, snippet)
    }
}

/// The sentence around a claim, on one line, cut at 220 characters. `segs` are the
/// sentences of the source's body (offsets relative to the body), so front matter never
/// leaks into a snippet.
fn snippet(source: &Source, segs: &Segments, claim: &Claim) -> String {
    let body = source.body;
    let span = claim
        .mention
        .span
        .start
        .checked_sub(body.start)
        .and_then(|at| segs.sentence_of(at))
        .map_or(claim.mention.span, |s| {
            Span::new(s.start + body.start, s.end + body.start)
        });
    let s: String = span
        .slice(&source.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if s.chars().count() > 220 {
        let cut: String = s.chars().take(217).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// A claim's row (segments its source; [`build`] segments each source once instead).
pub fn claim_row(sources: &[Source], claim: &Claim, n: Option<&Normalized>) -> ClaimRow {
    let snippet = sources.get(claim.source).map_or(String::new(), |s| {
        snippet(s, &Segments::new(s.body.slice(&s.text)), claim)
    });
    row_with_snippet(sources, claim, n, snippet)
}

fn row_with_snippet(
    sources: &[Source],
    claim: &Claim,
    n: Option<&Normalized>,
    snippet: String,
) -> ClaimRow {
    let q = &claim.mention.quantity;
    let source = sources.get(claim.source);
    let value = n.and_then(|n| n.value);
    ClaimRow {
        path: source.map(|s| s.path.clone()).unwrap_or_default(),
        line: claim.mention.line,
        column: claim.mention.column,
        start: claim.mention.span.start,
        end: claim.mention.span.end,
        text: claim.mention.text.clone(),
        snippet,
        kind: claim.mention.kind().to_string(),
        value: q.value.map(plain),
        low: q.low.map(plain),
        high: q.high.map(plain),
        currency: q.unit.currency().map(|c| c.to_string()),
        qualifier: q.qualifier,
        date: claim.as_of.map(|d| d.to_string()),
        date_from: claim.as_of_origin.clone(),
        normalized_min: value.and_then(|v| v.lo).map(|d| plain(d.round_dp(2))),
        normalized_max: value.and_then(|v| v.hi).map(|d| plain(d.round_dp(2))),
        rate: n.and_then(|n| n.quote.as_ref()).map(|q| plain(q.rate)),
        rate_date: n
            .and_then(|n| n.quote.as_ref())
            .map(|q| q.rate_date.to_string()),
        rate_table: n.and_then(|n| n.quote.as_ref()).map(|q| q.table.clone()),
        fact: claim.fact.clone(),
        tie: claim.tie.clone(),
        untied: claim.untied.clone(),
        frame: claim.frame.clone(),
        unit_from: claim.mention.origin.clone(),
        rule: claim.mention.rule.clone(),
    }
}

/// Build the report: facts with claims, findings, unassigned claims, all sorted.
pub fn build(
    facts: &FactSet,
    sources: &[Source],
    claims: &[Claim],
    normalized: &[Normalized],
    findings: &[Finding],
) -> Report {
    let segments = SourceSegments::new(sources);
    let row = |i: usize| -> Option<ClaimRow> {
        let c = claims.get(i)?;
        Some(segments.row(c, normalized.get(i)))
    };
    // Claims and findings grouped by fact once, so the report is linear in the claims.
    let mut by_fact: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(f) = c.fact.as_deref() {
            by_fact.entry(f).or_default().push(i);
        }
    }
    let flagged: BTreeSet<&str> = findings
        .iter()
        .filter(|f| {
            f.severity >= Severity::Warning
                && f.check != CheckId::UndatedSource
                && f.check != CheckId::RateUnavailable
                && f.check != CheckId::UnsupportedLanguage
        })
        .filter_map(|f| f.fact.as_deref())
        .collect();
    let mut fact_rows = Vec::new();
    for fact in facts.facts.values() {
        let Some(members) = by_fact.get(fact.id.as_str()) else {
            continue;
        };
        let mut rows: Vec<ClaimRow> = members.iter().filter_map(|i| row(*i)).collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
        let bad = flagged.contains(fact.id.as_str());
        let compared = members
            .iter()
            .filter(|i| normalized.get(**i).is_some_and(|n| n.value.is_some()))
            .count();
        let verdict = if bad {
            Verdict::Inconsistent
        } else if compared >= 2 || (compared >= 1 && fact.reference.is_some()) {
            Verdict::Consistent
        } else {
            Verdict::Unchecked
        };
        fact_rows.push(FactRow {
            id: fact.id.clone(),
            label: fact.label.clone(),
            kind: fact.kind.as_str().to_string(),
            currency: fact.currency.map(|c| c.to_string()),
            reference: fact.reference.as_ref().map(|r| ReferenceRow {
                value: plain(r.value),
                currency: r.currency.map(|c| c.to_string()),
                date: r.date.map(|d| d.to_string()),
                source: r.source.clone(),
            }),
            verdict,
            claims: rows,
        });
    }
    let mut finding_rows: Vec<FindingRow> = findings
        .iter()
        .map(|f| FindingRow {
            check: f.check,
            severity: f.severity,
            fact: f.fact.clone(),
            message: f.message.clone(),
            cause: f.cause.clone(),
            matched_date: f.matched_date.map(|d| d.to_string()),
            path: f
                .source
                .and_then(|s| sources.get(s))
                .map(|s| s.path.clone()),
            claims: f.claims.iter().filter_map(|i| row(*i)).collect(),
        })
        .collect();
    finding_rows.sort_by(|a, b| {
        let key = |f: &FindingRow| {
            let first = f.claims.first();
            (
                f.fact.clone(),
                first.map(|c| c.path.clone()).or(f.path.clone()),
                first.map(|c| c.start),
                f.check,
                f.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut unassigned: Vec<ClaimRow> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fact.is_none() && c.mention.kind() != "ratio")
        .filter_map(|(i, _)| row(i))
        .collect();
    unassigned.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
    let mut summary = Summary {
        sources: sources.len(),
        claims: claims.len(),
        ..Summary::default()
    };
    for f in &finding_rows {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    let mut claim_records = Vec::with_capacity(claims.len());
    let mut whole: Option<(usize, crate::text::Segments)> = None;
    for c in claims {
        let Some(source) = sources.get(c.source) else {
            continue;
        };
        let segs = match whole.take() {
            Some((i, s)) if i == c.source => s,
            _ => crate::text::Segments::of_body(&source.text, source.body),
        };
        let snip = segments
            .segments
            .get(c.source)
            .map_or_else(String::new, |body| snippet(source, body, c));
        claim_records.push(claim_record(source, &segs, c, snip));
        whole = Some((c.source, segs));
    }
    Report {
        config: None,
        summary,
        sources: sources
            .iter()
            .map(|s| SourceInfo {
                path: s.path.clone(),
                lang: s.lang.clone(),
                date: s.date.map(|d| d.to_string()),
                date_origin: s.date_origin.to_string(),
                outlet: s.outlet.clone(),
            })
            .collect(),
        facts: fact_rows,
        findings: finding_rows,
        unassigned,
        claim_records,
    }
}
