//! Sum mismatch. What it checks: a source that gives a figure for the total and for every
//! part of a `sum` `[[relation]]` (post-money = pre-money + round): its own figures must
//! add up, within the relation's tolerance on the total (default 1 %).
//! Why it matters: a pre-money valuation printed as post-money, or a round counted twice,
//! leaves each figure plausible alone; only the sum shows it.
//! Example: "a pre-money valuation of 300 million, 60 million raised, now valued at
//! 400 million": 300 + 60 = 360, not 400.

use super::interval::show;
use super::normalize::unit_label;
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::facts::RelationKind;
use crate::quantity::Interval;
use rust_decimal::Decimal;

/// The source's own value for a fact (the intersection of its claims), with the claims.
/// Shared with the ratio check, which falls back on the fact's reference.
pub(super) fn stated(
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
    value.map(|v| (v, ids))
}

/// The sum of intervals; an open end stays open.
pub(crate) fn add(parts: &[Interval]) -> Interval {
    let sum = |ends: Vec<Option<Decimal>>| -> Option<Decimal> {
        ends.into_iter()
            .try_fold(Decimal::ZERO, |acc, e| e.and_then(|e| acc.checked_add(e)))
    };
    Interval::new(
        sum(parts.iter().map(|p| p.lo).collect()),
        sum(parts.iter().map(|p| p.hi).collect()),
    )
}

/// `iv` widened by `tol` (relative) on each side.
fn widen(iv: &Interval, tol: Decimal) -> Interval {
    let by = |d: Decimal| d.checked_mul(tol).map(|x| x.abs()).unwrap_or(Decimal::ZERO);
    Interval::new(
        iv.lo.map(|l| l.saturating_sub(by(l))),
        iv.hi.map(|h| h.saturating_add(by(h))),
    )
}

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let sources: Vec<usize> = index.by_source.keys().copied().collect();
    for rel in &input.facts.relations {
        if rel.kind != RelationKind::Sum {
            continue;
        }
        let unit = input
            .facts
            .facts
            .get(&rel.larger)
            .map_or_else(|| "parameters".to_string(), unit_label);
        for &source in &sources {
            let Some((total, mut evidence)) = stated(input, index, source, &rel.larger) else {
                continue;
            };
            let parts: Option<Vec<(Interval, Vec<usize>)>> = rel
                .parts
                .iter()
                .map(|p| stated(input, index, source, p))
                .collect();
            let Some(parts) = parts else {
                continue;
            };
            let sum = add(&parts.iter().map(|(iv, _)| *iv).collect::<Vec<_>>());
            if widen(&total, rel.tolerance).overlaps(&sum) {
                continue;
            }
            // The figures as written, and the sum at about three significant digits.
            let text = |ids: &[usize]| -> String {
                ids.first()
                    .and_then(|&i| input.claims.get(i))
                    .map_or_else(String::new, |c| format!("\"{}\"", c.mention.text))
            };
            let terms: Vec<String> = parts.iter().map(|(_, ids)| text(ids)).collect();
            let mid = |iv: &Interval| match (iv.lo, iv.hi) {
                (Some(a), Some(b)) => a
                    .checked_add(b)
                    .and_then(|s| s.checked_div(Decimal::TWO))
                    .and_then(|m| m.round_sf(3)),
                (a, b) => a.or(b),
            };
            let sum_text = match mid(&sum) {
                Some(m) => show(&Interval::new(Some(m), Some(m)), &unit),
                None => show(&sum, &unit),
            };
            for (_, ids) in &parts {
                evidence.extend(ids.iter().take(2));
            }
            out.push(Finding::new(
                CheckId::SumMismatch,
                Some(&rel.larger),
                format!(
                    "{} should be {} ({}): the source gives {} ≈ {}, but {} for the total",
                    super::fact_name(input, &rel.larger),
                    rel.parts
                        .iter()
                        .map(|p| super::fact_name(input, p))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    rel.id,
                    terms.join(" + "),
                    sum_text,
                    text(&evidence),
                ),
                evidence,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(Decimal::from_str(a).ok(), Decimal::from_str(b).ok())
    }

    #[test]
    fn sums_add_both_ends_and_keep_open_ends_open() {
        assert_eq!(add(&[iv("1", "2"), iv("10", "20")]), iv("11", "22"));
        let open = Interval::new(Decimal::from_str("1").ok(), None);
        assert_eq!(
            add(&[open, iv("10", "20")]),
            Interval::new(Decimal::from_str("11").ok(), None)
        );
    }

    #[test]
    fn a_total_within_tolerance_of_the_sum_passes_and_a_pre_money_total_does_not() {
        let sum = add(&[iv("300", "300"), iv("60", "60")]);
        let tol = Decimal::from_str("0.01").unwrap_or_default();
        assert!(widen(&iv("362", "362"), tol).overlaps(&sum));
        assert!(!widen(&iv("400", "400"), tol).overlaps(&sum));
        assert!(!widen(&iv("300", "300"), tol).overlaps(&sum));
    }
}
