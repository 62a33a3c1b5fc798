//! Ratio mismatch. What it checks: "vingt fois plus", "plus de 20 fois", "20 times
//! larger" against the two facts a `times` `[[relation]]` names, and shares ("4 % of its
//! sales", "a stake of 11 %", "un vingtième de son chiffre d'affaires", "a third of")
//! against the part and whole of a `share` relation, using the source's own claims on
//! them (else the facts' references). A share's finding is filed under its part and
//! carries a probable cause (see `share_cause`). The
//! stated ratio gets the relation's tolerance (default 10 %): "twenty times" is a round
//! figure. A share is read only in a sentence with a figure of its part or whole: an
//! article has many percentages, most about something else.
//! Why it matters: ratios are easy to get wrong and hard to notice.
//! Example: 671 bn against 32 bn parameters is about 21 times; "dix fois plus" is wrong.

use super::interval::show;
use super::normalize::{claim_interval, reference_interval, unit_label};
use super::probable_cause::or_unexplained;
use super::share_cause::{parse_fraction, share_cause, Written};
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::facts::{Relation, RelationKind};
use crate::quantity::{Interval, Unit};
use crate::text::segment::crosses_sentence;
use rust_decimal::Decimal;

/// The values a source gives for a fact (intersection of its claims), else the fact's
/// reference, else, for a discovered fact, what most of its figures agree on (with
/// those figures: the other sources that printed it).
fn fact_value(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    source: usize,
    fact: &str,
) -> Option<(Interval, Vec<usize>)> {
    if let Some(stated) = super::sum::stated(input, index, source, fact) {
        return Some(stated);
    }
    let f = input.facts.facts.get(fact)?;
    if let Some(r) = reference_interval(f, input.tables) {
        return r.ok().map(|iv| (iv, Vec::new()));
    }
    f.discovered?;
    let figures: Vec<(usize, Interval)> = index
        .by_fact
        .get(fact)?
        .iter()
        .filter_map(|&i| Some((i, input.normalized.get(i)?.value?)))
        .collect();
    let ivs: Vec<Interval> = figures.iter().map(|(_, iv)| *iv).collect();
    let (agreed, _) = super::cross_source::consensus(&ivs)?;
    let ids = figures
        .iter()
        .filter(|(_, iv)| iv.overlaps(&agreed))
        .map(|(i, _)| *i)
        .collect();
    Some((agreed, ids))
}

/// Whether the share mention `i` shares a sentence with a claim of `rel`'s part or whole.
fn near_share(input: &CheckInput<'_>, index: &ClaimIndex<'_>, i: usize, rel: &Relation) -> bool {
    let Some(c) = input.claims.get(i) else {
        return false;
    };
    let Some(text) = input.sources.get(c.source).map(|s| s.text.as_str()) else {
        return false;
    };
    let at = c.mention.span;
    [&rel.larger, &rel.smaller].iter().any(|fact| {
        index.of(c.source, fact).iter().any(|&j| {
            input.claims.get(j).is_some_and(|o| {
                let s = o.mention.span;
                let between = if s.end <= at.start {
                    text.get(s.end..at.start)
                } else {
                    text.get(at.end..s.start)
                };
                between.is_some_and(|b| !crosses_sentence(b))
            })
        })
    })
}

/// Whether relation `rel` applies to mention `i` of the source.
fn applies(input: &CheckInput<'_>, index: &ClaimIndex<'_>, i: usize, rel: &Relation) -> bool {
    let Some(c) = input.claims.get(i) else {
        return false;
    };
    let speaks = |fact: &str| !index.of(c.source, fact).is_empty();
    match (c.mention.quantity.unit, rel.kind) {
        // A ratio: the source speaks of both facts.
        (Unit::Ratio, RelationKind::Times) => speaks(&rel.larger) && speaks(&rel.smaller),
        // A share: near a figure of its part or whole (the other may be the reference).
        (Unit::Share, RelationKind::Share) => near_share(input, index, i, rel),
        _ => false,
    }
}

/// How a share mention was written: a fraction (its reading holds "n/d"), a percentage
/// (its pattern's unit is 0.01), or otherwise.
fn written_share(input: &CheckInput<'_>, c: &crate::facts::Claim) -> Written {
    if let Some((num, den)) = parse_fraction(&c.mention.reading.number) {
        return Written::Fraction { num, den };
    }
    let percent = input
        .rules
        .patterns
        .get(&c.mention.rule)
        .is_some_and(|p| p.unit_value == Decimal::new(1, 2));
    match c.mention.quantity.value {
        Some(v) if percent => v
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or(Written::Other, Written::Percent),
        _ => Written::Other,
    }
}

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in input.claims.iter().enumerate() {
        if !matches!(c.mention.quantity.unit, Unit::Ratio | Unit::Share) {
            continue;
        }
        for rel in &input.facts.relations {
            if !applies(input, index, i, rel) {
                continue;
            }
            let (Some((large, mut ids)), Some((small, ids_small))) = (
                fact_value(input, index, c.source, &rel.larger),
                fact_value(input, index, c.source, &rel.smaller),
            ) else {
                continue;
            };
            ids.extend(ids_small);
            let unit = input
                .facts
                .facts
                .get(&rel.larger)
                .map_or_else(|| "parameters".to_string(), unit_label);
            // times: larger / smaller; share: part (smaller) / whole (larger).
            let (num, den) = match rel.kind {
                RelationKind::Share => (small, large),
                RelationKind::Times | RelationKind::Sum => (large, small),
            };
            let actual = match (num.lo, num.hi, den.lo, den.hi) {
                (Some(nlo), nhi, Some(dlo), dhi) if !dlo.is_zero() => {
                    let lo = dhi.and_then(|d| nlo.checked_div(d));
                    let hi = nhi.and_then(|n| n.checked_div(dlo));
                    Interval::new(lo, hi)
                }
                _ => continue,
            };
            let stated = claim_interval(&c.mention.quantity, rel.tolerance, rel.tolerance);
            if stated.overlaps(&actual) {
                continue;
            }
            let mut evidence = vec![i];
            evidence.extend(ids.iter().take(4));
            let mut cause = None;
            let message = match rel.kind {
                RelationKind::Share => {
                    let written = written_share(input, c);
                    cause = Some(or_unexplained(share_cause(&stated, written, &actual)));
                    let as_written = match written {
                        Written::Fraction { num, den } => {
                            format!(" ({}/{})", num.normalize(), den.normalize())
                        }
                        Written::Percent(_) | Written::Other => String::new(),
                    };
                    let pct = |iv: &Interval| {
                        let h = Decimal::ONE_HUNDRED;
                        Interval::new(
                            iv.lo.and_then(|d| d.checked_mul(h)).map(|d| d.round_dp(1)),
                            iv.hi.and_then(|d| d.checked_mul(h)).map(|d| d.round_dp(1)),
                        )
                    };
                    format!(
                        "\"{}\"{as_written} states that {} is {} of {}, but their values ({} and {}) give {}",
                        c.mention.text,
                        super::fact_name(input, &rel.smaller),
                        show(&pct(&stated), "%"),
                        super::fact_name(input, &rel.larger),
                        show(&small, &unit),
                        show(&large, &unit),
                        show(&pct(&actual), "%"),
                    )
                }
                RelationKind::Times | RelationKind::Sum => {
                    let round = |iv: &Interval| {
                        Interval::new(iv.lo.map(|d| d.round_dp(1)), iv.hi.map(|d| d.round_dp(1)))
                    };
                    format!(
                        "\"{}\" states a ratio of {} between {} and {}, but their values ({} and {}) give {}",
                        c.mention.text,
                        show(&round(&stated), "times"),
                        super::fact_name(input, &rel.larger),
                        super::fact_name(input, &rel.smaller),
                        show(&large, &unit),
                        show(&small, &unit),
                        show(&round(&actual), "times"),
                    )
                }
            };
            // A share is a statement about its part ("the fine is 6 % of the sales"): the
            // finding is filed under the part's fact; a ratio under the larger one's.
            let filed = match rel.kind {
                RelationKind::Share => &rel.smaller,
                RelationKind::Times | RelationKind::Sum => &rel.larger,
            };
            let mut finding = Finding::new(
                CheckId::RatioMismatch,
                Some(filed.as_str()),
                message,
                evidence,
            );
            finding.cause = cause;
            out.push(finding);
            break;
        }
    }
    out
}
