//! Claims into intervals: a claim's stated interval (its precision, qualifier and the
//! fact's tolerance), then the same interval in its fact's currency at the claim's date.

use super::{CheckId, CheckInput, Finding};
use crate::facts::{Claim, Fact, FactSet};
use crate::quantity::{Currency, Interval, Qualifier, Quantity, Unit};
use crate::rates::normalize::convert_interval;
use crate::rates::{RateError, RateQuote, RateTables};
use rust_decimal::Decimal;

/// Tolerance and "about" width when a claim is tied to no fact.
pub const DEFAULT_TOLERANCE: &str = "0.005";
/// Half-width of "about" when a claim is tied to no fact.
pub const DEFAULT_APPROX: &str = "0.05";

/// A claim's intervals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The stated interval, in the claim's own unit.
    pub stated: Option<Interval>,
    /// The interval in the fact's unit (its currency for money), when tied and convertible.
    pub value: Option<Interval>,
    /// The rate used, when a conversion was needed.
    pub quote: Option<RateQuote>,
    /// Why the claim could not be normalised.
    pub problem: Option<Problem>,
}

/// Why a claim has no normalised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The claim has no date and needs a conversion.
    Undated,
    /// No rate.
    Rate(RateError),
}

fn dec(s: &str) -> Decimal {
    crate::rules::compile::parse_decimal_literal(s).unwrap_or(Decimal::ZERO)
}

/// The stated interval of a quantity: half its last stated digit on each side, the
/// qualifier's shape, then `tolerance` (relative) on each side. "About" figures are
/// `approx` (relative) wide on each side.
pub fn claim_interval(q: &Quantity, tolerance: Decimal, approx: Decimal) -> Interval {
    let half = q
        .precision
        .checked_div(Decimal::TWO)
        .unwrap_or(Decimal::ZERO);
    let v = q.value.or(q.low).unwrap_or(Decimal::ZERO);
    // Saturating: a figure at the edge of Decimal's range must not panic (DESIGN: no
    // panic on any input); such a figure is flagged by the checks anyway.
    let rel = |x: Decimal, r: Decimal| x.checked_mul(r).unwrap_or(Decimal::MAX).abs();
    let widen = |x: Decimal, by: Decimal| x.saturating_add(by);
    let narrow = |x: Decimal, by: Decimal| x.saturating_sub(by);
    let (lo, hi) = match q.qualifier {
        Qualifier::Exact => (Some(narrow(v, half)), Some(widen(v, half))),
        Qualifier::Approx => (
            Some(narrow(narrow(v, half), rel(v, approx))),
            Some(widen(widen(v, half), rel(v, approx))),
        ),
        Qualifier::MoreThan | Qualifier::AtLeast => (Some(v), None),
        Qualifier::LessThan => (None, Some(v)),
        Qualifier::AtMost | Qualifier::UpTo => (None, Some(widen(v, half))),
        Qualifier::Range => (
            q.low.map(|l| narrow(l, half)),
            q.high.map(|h| widen(h, half)),
        ),
    };
    let lo = lo.map(|l| narrow(l, rel(l, tolerance)));
    let hi = hi.map(|h| widen(h, rel(h, tolerance)));
    Interval::new(lo, hi)
}

/// The interval of a claim with the settings of its fact (or the defaults).
pub fn stated_interval(claim: &Claim, fact: Option<&Fact>) -> Interval {
    let (t, a) = match fact {
        Some(f) => (f.tolerance, f.approx_width),
        None => (dec(DEFAULT_TOLERANCE), dec(DEFAULT_APPROX)),
    };
    claim_interval(&claim.mention.quantity, t, a)
}

/// The fact's reference as an interval in the fact's unit.
pub fn reference_interval(fact: &Fact, tables: &RateTables) -> Option<Result<Interval, RateError>> {
    let r = fact.reference.as_ref()?;
    let half = r
        .precision
        .checked_div(Decimal::TWO)
        .unwrap_or(Decimal::ZERO);
    let own = Interval::new(Some(r.value - half), Some(r.value + half));
    match (r.currency, fact.currency, r.date) {
        (Some(from), Some(to), Some(date)) if from != to => {
            Some(convert_interval(tables, &own, from, to, date).map(|(iv, _)| iv))
        }
        _ => Some(Ok(own)),
    }
}

/// Normalise every claim (same order as `claims`).
pub fn normalize_claims(facts: &FactSet, tables: &RateTables, claims: &[Claim]) -> Vec<Normalized> {
    claims
        .iter()
        .map(|c| {
            let fact = c.fact.as_ref().and_then(|f| facts.facts.get(f));
            let stated = stated_interval(c, fact);
            let mut n = Normalized {
                stated: Some(stated),
                ..Normalized::default()
            };
            let Some(fact) = fact else {
                return n;
            };
            match (c.mention.quantity.unit, fact.currency) {
                (Unit::Money(from), Some(to)) if from != to => match c.as_of {
                    None => n.problem = Some(Problem::Undated),
                    Some(date) => match convert_interval(tables, &stated, from, to, date) {
                        Ok((iv, q)) => {
                            n.value = Some(iv);
                            n.quote = Some(q);
                        }
                        Err(e) => n.problem = Some(Problem::Rate(e)),
                    },
                },
                _ => n.value = Some(stated),
            }
            n
        })
        .collect()
}

/// Claims whose conversion failed for want of a rate.
pub fn rate_findings(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, (c, n)) in input.claims.iter().zip(input.normalized).enumerate() {
        if let Some(Problem::Rate(e)) = &n.problem {
            out.push(Finding::new(
                CheckId::RateUnavailable,
                c.fact.as_deref(),
                format!("could not check \"{}\": {e}", c.mention.text),
                vec![i],
            ));
        }
    }
    out
}

/// The unit label of a fact's values ("CNY", "parameters").
pub fn unit_label(fact: &Fact) -> String {
    fact.currency
        .map_or_else(|| "parameters".to_string(), |c: Currency| c.to_string())
}

/// The unit label of a claim's own values.
pub fn claim_unit_label(c: &Claim) -> String {
    match c.mention.quantity.unit {
        Unit::Money(cur) => cur.to_string(),
        Unit::Parameters => "parameters".to_string(),
        Unit::Ratio => "times".to_string(),
        Unit::Share => "of the whole".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::Currency;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn cny() -> Unit {
        Unit::Money(Currency::from_str("CNY").unwrap())
    }

    fn q(value: &str, qualifier: Qualifier, precision: &str) -> Quantity {
        Quantity::from_value(d(value), qualifier, cny(), d(precision))
    }

    /// Bounds written as strings; "" is an open side.
    fn iv(lo: &str, hi: &str) -> Interval {
        let b = |s: &str| (!s.is_empty()).then(|| d(s));
        Interval::new(b(lo), b(hi))
    }

    #[test]
    fn claim_interval_table() {
        let range = |lo: &str, hi: &str, p: &str| Quantity::range(d(lo), d(hi), cny(), d(p));
        #[rustfmt::skip]
        let rows: Vec<(&str, Quantity, &str, &str, Interval)> = vec![
            // (what, quantity, tolerance, approx, expected)
            ("exact \"50 milliards\": half a billion each side",
             q("50e9", Qualifier::Exact, "1e9"), "0", "0", iv("49.5e9", "50.5e9")),
            ("\"52,4 milliards\": half the last stated digit",
             q("52.4e9", Qualifier::Exact, "1e8"), "0", "0", iv("52.35e9", "52.45e9")),
            ("\"52,4\" without a scale",
             q("52.4", Qualifier::Exact, "0.1"), "0", "0", iv("52.35", "52.45")),
            ("more than: open above, at the figure itself",
             q("52e9", Qualifier::MoreThan, "1e9"), "0", "0", iv("52e9", "")),
            ("at least: like more than",
             q("52e9", Qualifier::AtLeast, "1e9"), "0", "0", iv("52e9", "")),
            ("less than: open below",
             q("5e6", Qualifier::LessThan, "1e6"), "0", "0", iv("", "5e6")),
            ("up to: open below, half a digit above",
             q("10", Qualifier::UpTo, "1"), "0", "0", iv("", "10.5")),
            ("at most / nearly: like up to",
             q("10", Qualifier::AtMost, "1"), "0", "0", iv("", "10.5")),
            ("about: precision plus approx (5 %) each side",
             q("100", Qualifier::Approx, "1"), "0", "0.05", iv("94.5", "105.5")),
            ("about, with no approx width: only the precision",
             q("100", Qualifier::Approx, "1"), "0", "0", iv("99.5", "100.5")),
            ("range: each end widened by half its digit",
             range("50", "60", "1"), "0", "0", iv("49.5", "60.5")),
            ("range given backwards is put in order",
             range("60", "50", "1"), "0", "0", iv("49.5", "60.5")),
            ("tolerance 1 % widens both bounds",
             q("100", Qualifier::Exact, "1"), "0.01", "0", iv("98.505", "101.505")),
            ("tolerance on an open interval widens only the finite bound",
             q("100", Qualifier::MoreThan, "1"), "0.01", "0", iv("99", "")),
            ("tolerance 0.5 % on \"50 milliards\"",
             q("50e9", Qualifier::Exact, "1e9"), "0.005", "0", iv("49.2525e9", "50.7525e9")),
            // hostile rows
            ("zero: a point, tolerance cannot widen it",
             q("0", Qualifier::Exact, "0"), "0.5", "0.5", iv("0", "0")),
            ("zero with a precision: around zero, negative below",
             q("0", Qualifier::Exact, "1"), "0", "0", iv("-0.5", "0.5")),
            ("zero precision: the exact point",
             q("380e9", Qualifier::Exact, "0"), "0", "0", iv("380e9", "380e9")),
            ("huge value (10^27), exact",
             q("1e27", Qualifier::Exact, "1e24"), "0", "0", iv("0.9995e27", "1.0005e27")),
            ("huge value with tolerance",
             q("1e27", Qualifier::Exact, "0"), "0.01", "0", iv("0.99e27", "1.01e27")),
            ("tiny value, tiny precision",
             q("0.000001", Qualifier::Exact, "0.000001"), "0", "0", iv("0.0000005", "0.0000015")),
        ];
        for (what, quantity, tol, approx, want) in rows {
            let got = claim_interval(&quantity, d(tol), d(approx));
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn claim_interval_never_panics_at_the_edges() {
        // Values at the edge of Decimal's range: any result, but no overflow panic.
        for v in [Decimal::MAX, Decimal::MIN, Decimal::ZERO] {
            for qual in Qualifier::ALL {
                let quantity = Quantity::from_value(v, qual, cny(), d("1e20"));
                let _ = claim_interval(&quantity, d("0.5"), d("0.5"));
                let _ = claim_interval(&quantity, Decimal::MAX, Decimal::MAX);
            }
        }
    }
}
