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
    let rel = |x: Decimal, r: Decimal| x.checked_mul(r).unwrap_or(Decimal::ZERO).abs();
    let (lo, hi) = match q.qualifier {
        Qualifier::Exact => (Some(v - half), Some(v + half)),
        Qualifier::Approx => (
            Some(v - half - rel(v, approx)),
            Some(v + half + rel(v, approx)),
        ),
        Qualifier::MoreThan | Qualifier::AtLeast => (Some(v), None),
        Qualifier::LessThan => (None, Some(v)),
        Qualifier::AtMost | Qualifier::UpTo => (None, Some(v + half)),
        Qualifier::Range => (q.low.map(|l| l - half), q.high.map(|h| h + half)),
    };
    let lo = lo.map(|l| l - rel(l, tolerance));
    let hi = hi.map(|h| h + rel(h, tolerance));
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
    }
}
