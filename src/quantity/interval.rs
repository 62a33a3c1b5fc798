//! Closed intervals of exact decimals, open on either side when a bound is unknown.

use rust_decimal::Decimal;
use serde::Serialize;

/// An interval `[lo, hi]` of exact decimals; `None` means unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// Lower bound, `None` for -infinity (in practice: no lower bound stated).
    pub lo: Option<Decimal>,
    /// Upper bound, `None` for +infinity.
    pub hi: Option<Decimal>,
}

impl Interval {
    /// A single point.
    pub fn point(v: Decimal) -> Self {
        Interval {
            lo: Some(v),
            hi: Some(v),
        }
    }

    /// A new interval; bounds are swapped if given in the wrong order.
    pub fn new(lo: Option<Decimal>, hi: Option<Decimal>) -> Self {
        match (lo, hi) {
            (Some(a), Some(b)) if a > b => Interval {
                lo: Some(b),
                hi: Some(a),
            },
            _ => Interval { lo, hi },
        }
    }

    /// Whether two intervals share at least one point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let lo_ok = match (self.lo, other.hi) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let hi_ok = match (self.hi, other.lo) {
            (Some(a), Some(b)) => b <= a,
            _ => true,
        };
        lo_ok && hi_ok
    }

    /// The interval multiplied by a positive factor, `None` on overflow.
    pub fn checked_scale(&self, factor: Decimal) -> Option<Interval> {
        let mul = |v: Option<Decimal>| -> Option<Option<Decimal>> {
            match v {
                Some(x) => x.checked_mul(factor).map(Some),
                None => Some(None),
            }
        };
        Some(Interval::new(mul(self.lo)?, mul(self.hi)?))
    }

    /// The interval divided by a positive divisor, `None` on overflow or zero.
    pub fn checked_div(&self, divisor: Decimal) -> Option<Interval> {
        if divisor.is_zero() {
            return None;
        }
        let div = |v: Option<Decimal>| -> Option<Option<Decimal>> {
            match v {
                Some(x) => x.checked_div(divisor).map(Some),
                None => Some(None),
            }
        };
        Some(Interval::new(div(self.lo)?, div(self.hi)?))
    }

    /// The smallest interval containing both.
    pub fn hull(&self, other: &Interval) -> Interval {
        let lo = match (self.lo, other.lo) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        };
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        Interval { lo, hi }
    }

    /// The intersection, `None` when empty.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        if !self.overlaps(other) {
            return None;
        }
        let lo = match (self.lo, other.lo) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Some(Interval { lo, hi })
    }

    /// Whether a point lies in the interval.
    pub fn contains(&self, v: Decimal) -> bool {
        self.lo.is_none_or(|lo| lo <= v) && self.hi.is_none_or(|hi| v <= hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    mod rust_decimal_macros_free {
        use rust_decimal::Decimal;
        use std::str::FromStr;
        pub fn d(s: &str) -> Decimal {
            Decimal::from_str(s).unwrap()
        }
    }

    #[test]
    fn overlap_and_open_bounds() {
        let a = Interval::new(Some(d("49.5")), Some(d("50.5")));
        let b = Interval::new(Some(d("50.5")), None);
        let c = Interval::new(Some(d("50.6")), None);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
        assert!(a.contains(d("50")));
        assert_eq!(
            a.intersect(&b),
            Some(Interval::new(Some(d("50.5")), Some(d("50.5"))))
        );
        assert_eq!(a.intersect(&c), None);
    }

    #[test]
    fn scaling_is_checked() {
        let a = Interval::point(Decimal::MAX);
        assert_eq!(a.checked_scale(d("2")), None);
        assert_eq!(a.checked_div(Decimal::ZERO), None);
        let b = Interval::new(Some(d("1")), Some(d("2")));
        assert_eq!(
            b.checked_scale(d("10")),
            Some(Interval::new(Some(d("10")), Some(d("20"))))
        );
    }
}
