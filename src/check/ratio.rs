//! Ratio mismatch. What it checks: "vingt fois plus", "plus de 20 fois", "20 times
//! larger" against the two facts a `[[relation]]` names, using the source's own claims on
//! them (else the facts' references). The stated ratio gets the relation's tolerance
//! (default 10 %): "twenty times" is a round figure.
//! Why it matters: ratios are easy to get wrong and hard to notice.
//! Example: 671 bn against 32 bn parameters is about 21 times; "dix fois plus" is wrong.

use super::interval::show;
use super::normalize::{claim_interval, reference_interval, unit_label};
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::quantity::{Interval, Unit};

/// The values a source gives for a fact (intersection of its claims), else the fact's
/// reference.
fn fact_value(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    source: usize,
    fact: &str,
) -> Option<(Interval, Vec<usize>)> {
    let mut value: Option<Interval> = None;
    let mut ids = Vec::new();
    for &i in index.of(source, fact) {
        if let Some(v) = input.normalized.get(i).and_then(|n| n.value) {
            ids.push(i);
            value = Some(match value {
                None => v,
                Some(acc) => acc.intersect(&v).unwrap_or(acc),
            });
        }
    }
    if let Some(v) = value {
        return Some((v, ids));
    }
    let f = input.rules.facts.facts.get(fact)?;
    reference_interval(f, input.tables)?
        .ok()
        .map(|iv| (iv, Vec::new()))
}

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in input.claims.iter().enumerate() {
        if c.mention.quantity.unit != Unit::Ratio {
            continue;
        }
        for rel in &input.rules.facts.relations {
            // The relation applies when the source speaks of both facts.
            let speaks = |fact: &str| !index.of(c.source, fact).is_empty();
            if !(speaks(&rel.larger) && speaks(&rel.smaller)) {
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
                .rules
                .facts
                .facts
                .get(&rel.larger)
                .map_or_else(|| "parameters".to_string(), unit_label);
            let actual = match (large.lo, large.hi, small.lo, small.hi) {
                (Some(llo), lhi, Some(slo), shi) if !slo.is_zero() => {
                    let lo = shi.and_then(|s| llo.checked_div(s));
                    let hi = lhi.and_then(|l| l.checked_div(slo));
                    Interval::new(lo, hi)
                }
                _ => continue,
            };
            let stated = claim_interval(&c.mention.quantity, rel.tolerance, rel.tolerance);
            if stated.overlaps(&actual) {
                continue;
            }
            let round = |iv: &Interval| {
                Interval::new(iv.lo.map(|d| d.round_dp(1)), iv.hi.map(|d| d.round_dp(1)))
            };
            let mut evidence = vec![i];
            evidence.extend(ids.iter().take(4));
            out.push(Finding::new(
                CheckId::RatioMismatch,
                Some(&rel.larger),
                format!(
                    "\"{}\" states a ratio of {} between {} and {}, but their values ({} and {}) give {}",
                    c.mention.text,
                    show(&round(&stated), "times"),
                    rel.larger,
                    rel.smaller,
                    show(&large, &unit),
                    show(&small, &unit),
                    show(&round(&actual), "times"),
                ),
                evidence,
            ));
            break;
        }
    }
    out
}
