//! The check report: everything a renderer needs, built once, sorted once, with no
//! clocks and no absolute paths. Renderers read it and never re-run a check.

use crate::check::{CheckId, Finding, Normalized, Severity};
use crate::extract::MentionOrigin;
use crate::facts::claims_io::{claim_record, ClaimRecord};
use crate::facts::{AsOf, Claim, FactSet, Tie};
use crate::quantity::format::plain;
use crate::quantity::Qualifier;
use crate::source::Source;
use crate::text::natural::natural_cmp;
use crate::text::{Segments, Span};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The most severe primary finding flagging this figure, if any (its fact's
    /// wrong row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flagged: Option<Severity>,
}

/// A fact's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// All claims hold (at their own dates).
    Consistent,
    /// An error on one of the fact's own claims.
    Inconsistent,
    /// Only warnings on the fact's own claims (a stale conversion, say).
    Warning,
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
            .map(crate::quantity::format::short_amount)
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
    /// For a fact discovered across sources (no ledger wrote it): from how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered_from_sources: Option<usize>,
    /// Verdict.
    pub verdict: Verdict,
    /// The relative tolerance every claim is given ("0.005" is 0.5 %), shown apart
    /// from the figures.
    pub tolerance: String,
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
    /// When the fact was discovered across sources (no ledger wrote it): from how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered_from_sources: Option<usize>,
    /// Matched date (stale conversions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_date: Option<String>,
    /// The source, for findings about a whole source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Claims involved, the flagged one first.
    pub claims: Vec<ClaimRow>,
    /// Other findings on the same flagged figure: one mistake, one finding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedFinding>,
}

/// A finding folded into another one because it flags the same figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedFinding {
    /// Check id.
    pub check: CheckId,
    /// Severity.
    pub severity: Severity,
    /// Message with the numbers.
    pub message: String,
    /// Probable cause.
    pub cause: Option<String>,
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
    /// Findings accepted by a `figcheck-ignore` comment (not reported).
    pub suppressed: usize,
    /// Findings accepted by the baseline (not reported).
    pub baselined: usize,
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
        date: claim.as_of.map(crate::source::date::iso_date),
        date_from: claim.as_of_origin.clone(),
        normalized_min: value.and_then(|v| v.lo).map(|d| plain(d.round_dp(2))),
        normalized_max: value.and_then(|v| v.hi).map(|d| plain(d.round_dp(2))),
        rate: n.and_then(|n| n.quote.as_ref()).map(|q| plain(q.rate)),
        rate_date: n
            .and_then(|n| n.quote.as_ref())
            .map(|q| crate::source::date::iso_date(q.rate_date)),
        rate_table: n.and_then(|n| n.quote.as_ref()).map(|q| q.table.clone()),
        fact: claim.fact.clone(),
        tie: claim.tie.clone(),
        untied: claim.untied.clone(),
        frame: claim.frame.clone(),
        unit_from: claim.mention.origin.clone(),
        rule: claim.mention.rule.clone(),
        flagged: None,
    }
}

/// Claims by path (natural order: p2 before p10), then position.
fn by_position(a: &ClaimRow, b: &ClaimRow) -> std::cmp::Ordering {
    natural_cmp(&a.path, &b.path).then(a.start.cmp(&b.start))
}

/// Whether a check says a figure is wrong (not "could not check" notes).
pub fn judges_figures(check: CheckId) -> bool {
    !matches!(
        check,
        CheckId::UndatedSource | CheckId::RateUnavailable | CheckId::UnsupportedLanguage
    )
}

/// Findings as rows, in the report's one order (fact, path, position, check, message).
fn sorted_findings(
    findings: &[Finding],
    sources: &[Source],
    row: &dyn Fn(usize) -> Option<ClaimRow>,
) -> Vec<FindingRow> {
    let mut rows: Vec<FindingRow> = findings
        .iter()
        .map(|f| FindingRow {
            check: f.check,
            severity: f.severity,
            fact: f.fact.clone(),
            message: f.message.clone(),
            cause: f.cause.clone(),
            discovered_from_sources: None,
            matched_date: f.matched_date.map(crate::source::date::iso_date),
            path: f
                .source
                .and_then(|s| sources.get(s))
                .map(|s| s.path.clone()),
            claims: f.claims.iter().filter_map(|i| row(*i)).collect(),
            related: Vec::new(),
        })
        .collect();
    rows.sort_by(|a, b| {
        let path = |f: &FindingRow| f.claims.first().map(|c| c.path.clone()).or(f.path.clone());
        let start = |f: &FindingRow| f.claims.first().map(|c| c.start);
        a.fact
            .cmp(&b.fact)
            .then_with(|| match (path(a), path(b)) {
                (Some(x), Some(y)) => natural_cmp(&x, &y),
                (x, y) => x.cmp(&y),
            })
            .then_with(|| start(a).cmp(&start(b)))
            .then_with(|| a.check.cmp(&b.check))
            .then_with(|| a.message.cmp(&b.message))
    });
    rows
}

/// Which of two findings on one figure leads: the more severe, then the more specific
/// check (a part larger than its whole says more than "sources disagree").
fn lead_rank(f: &FindingRow) -> (std::cmp::Reverse<Severity>, u8) {
    let specific = match f.check {
        CheckId::PartExceedsWhole => 0,
        CheckId::ModelNameSize => 1,
        CheckId::InlineConversionMismatch => 2,
        CheckId::RatioMismatch | CheckId::SumMismatch => 3,
        CheckId::CrossSourceMismatch => 4,
        CheckId::StaleConversion => 5,
        // notes, and checks added later
        #[allow(unreachable_patterns)]
        _ => 6,
    };
    (std::cmp::Reverse(f.severity), specific)
}

/// One mistake, one finding: findings that flag the same figure (same path and
/// position) become one primary finding with the others as `related`. The primary
/// keeps the place of the group's first finding in the report's order.
fn merge_related(rows: Vec<FindingRow>) -> Vec<FindingRow> {
    let mut groups: Vec<Vec<FindingRow>> = Vec::new();
    let mut at: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for f in rows {
        let key = f
            .claims
            .first()
            .filter(|_| judges_figures(f.check))
            .map(|c| (c.path.clone(), c.start));
        match key.as_ref().and_then(|k| at.get(k)).copied() {
            Some(g) => {
                if let Some(group) = groups.get_mut(g) {
                    group.push(f);
                }
            }
            None => {
                if let Some(k) = key {
                    at.insert(k, groups.len());
                }
                groups.push(vec![f]);
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|mut group| {
            group.sort_by_key(lead_rank);
            let mut it = group.into_iter();
            let mut lead = it.next()?;
            lead.related = it
                .map(|r| RelatedFinding {
                    check: r.check,
                    severity: r.severity,
                    message: r.message,
                    cause: r.cause,
                    claims: r.claims,
                })
                .collect();
            Some(lead)
        })
        .collect()
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
    let mut finding_rows = merge_related(sorted_findings(findings, sources, &row));
    for f in &mut finding_rows {
        f.discovered_from_sources = f
            .fact
            .as_deref()
            .and_then(|id| facts.facts.get(id))
            .and_then(|x| x.discovered);
    }
    // The wrong rows: each flagged figure with its most severe primary finding.
    let mut flagged_rows: BTreeMap<(&str, usize), Severity> = BTreeMap::new();
    // Each fact's worst finding on its own claims (a ratio elsewhere does not count).
    let mut fact_worst: BTreeMap<&str, Severity> = BTreeMap::new();
    for f in &finding_rows {
        let Some(first) = f.claims.first() else {
            continue;
        };
        if !judges_figures(f.check) {
            continue;
        }
        let e = flagged_rows
            .entry((first.path.as_str(), first.start))
            .or_insert(f.severity);
        *e = (*e).max(f.severity);
        let own = std::iter::once((f.severity, f.check, first.fact.as_deref())).chain(
            f.related.iter().filter_map(|r| {
                r.claims
                    .first()
                    .map(|c| (r.severity, r.check, c.fact.as_deref()))
            }),
        );
        for (severity, check, fact) in own {
            if let (Some(fact), true) = (fact, judges_figures(check)) {
                let w = fact_worst.entry(fact).or_insert(severity);
                *w = (*w).max(severity);
            }
        }
    }
    let mut fact_rows = Vec::new();
    for fact in facts.facts.values() {
        let Some(members) = by_fact.get(fact.id.as_str()) else {
            continue;
        };
        let mut rows: Vec<ClaimRow> = members.iter().filter_map(|i| row(*i)).collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by(by_position);
        for r in &mut rows {
            r.flagged = flagged_rows.get(&(r.path.as_str(), r.start)).copied();
        }
        let compared = members
            .iter()
            .filter(|i| normalized.get(**i).is_some_and(|n| n.value.is_some()))
            .count();
        let verdict = match fact_worst.get(fact.id.as_str()) {
            Some(Severity::Error) => Verdict::Inconsistent,
            Some(Severity::Warning) => Verdict::Warning,
            _ if compared >= 2 || (compared >= 1 && fact.reference.is_some()) => {
                Verdict::Consistent
            }
            _ => Verdict::Unchecked,
        };
        fact_rows.push(FactRow {
            id: fact.id.clone(),
            label: fact.label.clone(),
            kind: fact.kind.as_str().to_string(),
            currency: fact.currency.map(|c| c.to_string()),
            reference: fact.reference.as_ref().map(|r| ReferenceRow {
                value: plain(r.value),
                currency: r.currency.map(|c| c.to_string()),
                date: r.date.map(crate::source::date::iso_date),
                source: r.source.clone(),
            }),
            discovered_from_sources: fact.discovered,
            verdict,
            tolerance: plain(fact.tolerance),
            claims: rows,
        });
    }
    let mut unassigned: Vec<ClaimRow> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fact.is_none() && !matches!(c.mention.kind(), "ratio" | "share"))
        .filter_map(|(i, _)| row(i))
        .collect();
    unassigned.sort_by(by_position);
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
                date: s.date.map(crate::source::date::iso_date),
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
