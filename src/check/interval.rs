//! Interval helpers the checks share: how wide a claim is, how far two figures are, and
//! how to show an interval to a reader.

use crate::quantity::format::short_amount;
use crate::quantity::Interval;
use rust_decimal::Decimal;

/// Midpoint, or the finite bound of a half-open interval.
pub fn mid(iv: &Interval) -> Option<Decimal> {
    match (iv.lo, iv.hi) {
        (Some(a), Some(b)) => a.checked_add(b).and_then(|s| s.checked_div(Decimal::TWO)),
        (Some(a), None) | (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

/// Relative distance between two intervals' midpoints, for ranking matches.
pub fn relative_gap(a: &Interval, b: &Interval) -> Decimal {
    match (mid(a), mid(b)) {
        (Some(x), Some(y)) if !y.is_zero() => {
            (x - y).abs().checked_div(y.abs()).unwrap_or(Decimal::MAX)
        }
        _ => Decimal::MAX,
    }
}

/// By how much a misses b, as a percentage of b's midpoint ("3.2 %"), if they miss.
pub fn miss_percent(a: &Interval, b: &Interval) -> Option<String> {
    if a.overlaps(b) {
        return None;
    }
    let target = mid(b)?;
    let gap = match (a.hi, b.lo, a.lo, b.hi) {
        (Some(ahi), Some(blo), _, _) if ahi < blo => blo - ahi,
        (_, _, Some(alo), Some(bhi)) if alo > bhi => alo - bhi,
        _ => return None,
    };
    let pct = gap
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(target.abs())?;
    Some(format!("{} %", pct.round_dp(1).normalize()))
}

/// "49.5–50.5 bn EUR", "≥ 52 bn USD", "≤ 10 M USD".
pub fn show(iv: &Interval, unit: &str) -> String {
    let s = |d: Decimal| short_amount(d.round_dp(6));
    match (iv.lo, iv.hi) {
        (Some(a), Some(b)) if a == b => format!("{} {unit}", s(a)),
        (Some(a), Some(b)) => {
            let (sa, sb) = (s(a), s(b));
            // "49.5 bn–50.5 bn" reads better as "49.5–50.5 bn" when the suffix is shared
            match (sa.rsplit_once(' '), sb.rsplit_once(' ')) {
                (Some((na, ua)), Some((nb, ub))) if ua == ub => format!("{na}–{nb} {ua} {unit}"),
                _ => format!("{sa}–{sb} {unit}"),
            }
        }
        (Some(a), None) => format!("≥ {} {unit}", s(a)),
        (None, Some(b)) => format!("≤ {} {unit}", s(b)),
        (None, None) => format!("any {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(Decimal::from_str(a).ok(), Decimal::from_str(b).ok())
    }

    #[test]
    fn shows_and_measures() {
        assert_eq!(
            show(&iv("49500000000", "50500000000"), "EUR"),
            "49.5–50.5 bn EUR"
        );
        assert_eq!(show(&iv("52000000000", "x"), "USD"), "≥ 52 bn USD");
        assert_eq!(
            miss_percent(&iv("100", "110"), &iv("120", "120")),
            Some("8.3 %".to_string())
        );
        assert_eq!(miss_percent(&iv("100", "130"), &iv("120", "120")), None);
        assert_eq!(
            relative_gap(&iv("90", "110"), &iv("200", "200")),
            Decimal::from_str("0.5").unwrap()
        );
    }
}
