//! Probable cause of a share that misses ("un cinquième" where the figures give 5 %).
//! What it checks: given the stated share (with its tolerance) and the share the part and
//! whole give, which simple slip would make them agree, tried in this order: the rest of
//! the whole given for the part (1/4 for 3/4), a percentage and a fraction confused ("un
//! cinquième" for 5 %, "20 %" for a twentieth: 1/N for N %), and a factor of 10 or 100 (a
//! misplaced decimal point).
//! Why it matters: a share is easy to write from the wrong end; telling the reader which
//! end it was from saves a recount. A far-fetched cause is worse than none: no cause is
//! given when none of these fits, and the text says what was tried.
//! Example: 45 million of 900 million is 5 %, "un cinquième" is 20 %: 1/5 was written
//! for 5 %.

use super::probable_cause::Explained;
use crate::quantity::Interval;
use rust_decimal::Decimal;

/// How the share was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A fraction n/d ("un tiers", "1/20").
    Fraction {
        /// Numerator.
        num: Decimal,
        /// Denominator.
        den: Decimal,
    },
    /// A percentage ("6 %"): its number of percent.
    Percent(Decimal),
    /// Another notation.
    Other,
}

/// "1/3" in a mention's reading (see `extract::interpret::read_fraction`), else `None`.
pub fn parse_fraction(number: &str) -> Option<(Decimal, Decimal)> {
    let (n, d) = number.split_once('/')?;
    let n = Decimal::from_str_exact(n.trim()).ok()?;
    let d = Decimal::from_str_exact(d.trim()).ok()?;
    (!d.is_zero()).then_some((n, d))
}

/// The probable cause of `stated` (with its tolerance) missing `actual`.
pub fn share_cause(stated: &Interval, written: Written, actual: &Interval) -> Explained {
    let mut tried = vec!["the rest of the whole".to_string()];
    let rest = Interval::new(
        stated.hi.and_then(|h| Decimal::ONE.checked_sub(h)),
        stated.lo.and_then(|l| Decimal::ONE.checked_sub(l)),
    );
    if rest.lo.is_some_and(|l| l >= Decimal::ZERO) && rest.overlaps(actual) {
        return Explained::Cause(format!(
            "the rest of the whole: the figures give {}, and the stated share is what is left ({}); the other part's share was probably given",
            percent(actual),
            percent(&rest)
        ));
    }
    // 1/N and N %: the same digits, a hundred-fold apart unless N = 10.
    let swap = match written {
        Written::Fraction { num, den } if num == Decimal::ONE => Some((
            den,
            den.checked_mul(den)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
            format!("1/{}", den.normalize()),
            format!("{} %", den.normalize()),
        )),
        Written::Percent(p) => Some((
            p,
            p.checked_mul(p)
                .and_then(|x| Decimal::ONE_HUNDRED.checked_div(x)),
            format!("{} %", p.normalize()),
            format!("1/{}", p.normalize()),
        )),
        Written::Fraction { .. } | Written::Other => None,
    };
    if let Some((n, Some(factor), said, meant)) = swap {
        let whole = n.fract().is_zero() && n >= Decimal::TWO && n != Decimal::TEN;
        if whole {
            tried.push("1/N for N %".to_string());
            if stated
                .checked_scale(factor)
                .is_some_and(|iv| iv.overlaps(actual))
            {
                return Explained::Cause(format!(
                    "a percentage and a fraction confused: the figures give {}, which is {meant}; \"{said}\" has the same number but means {}",
                    percent(actual),
                    percent(stated)
                ));
            }
        }
    }
    tried.push("factors 10 and 100".to_string());
    for factor in [10u32, 100] {
        let f = Decimal::from(factor);
        if stated
            .checked_scale(f)
            .is_some_and(|iv| iv.overlaps(actual))
        {
            return Explained::Cause(format!(
                "factor {factor}: the figures give {}, {factor} times the stated share (a misplaced decimal point?)",
                percent(actual)
            ));
        }
        if stated.checked_div(f).is_some_and(|iv| iv.overlaps(actual)) {
            return Explained::Cause(format!(
                "factor {factor}: the figures give {}, a {factor}th of the stated share (a misplaced decimal point?)",
                percent(actual)
            ));
        }
    }
    Explained::Unexplained(tried)
}

/// A share interval in percent, one decimal: "3.9–4.1 %".
pub fn percent(iv: &Interval) -> String {
    let p = |d: Decimal| {
        d.checked_mul(Decimal::ONE_HUNDRED)
            .map(|x| x.round_dp(1).normalize())
    };
    match (iv.lo.and_then(p), iv.hi.and_then(p)) {
        (Some(a), Some(b)) if a == b => format!("{a} %"),
        (Some(a), Some(b)) => format!("{a}–{b} %"),
        (Some(a), None) => format!("≥ {a} %"),
        (None, Some(b)) => format!("≤ {b} %"),
        (None, None) => "any share".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::probable_cause::or_unexplained;
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A stated share as the ratio check builds it: the value, widened by 10 %.
    fn stated(written: Written) -> Interval {
        let v = match written {
            Written::Fraction { num, den } => num / den,
            Written::Percent(p) => p / Decimal::ONE_HUNDRED,
            Written::Other => Decimal::ONE,
        };
        let t = v * d("0.1");
        Interval::new(Some(v - t), Some(v + t))
    }

    fn frac(n: u32, dd: u32) -> Written {
        Written::Fraction {
            num: Decimal::from(n),
            den: Decimal::from(dd),
        }
    }

    /// One row: what the article wrote, the share the figures give (lo, hi), and how the
    /// cause must start.
    #[test]
    fn share_causes_are_ranked_and_near_misses_stay_unexplained() {
        #[rustfmt::skip]
        let rows: [(&str, Written, (&str, &str), &str); 12] = [
            ("a fifth for 5 %", frac(1, 5), ("0.049", "0.051"),
                "a percentage and a fraction confused: the figures give 4.9–5.1 %, which is 5 %; \"1/5\""),
            ("a twentieth for 20 %", frac(1, 20), ("0.195", "0.205"),
                "a percentage and a fraction confused: the figures give 19.5–20.5 %, which is 20 %; \"1/20\""),
            ("4 % for a quarter", Written::Percent(d("4")), ("0.245", "0.255"),
                "a percentage and a fraction confused: the figures give 24.5–25.5 %, which is 1/4; \"4 %\""),
            ("a quarter for three quarters", frac(1, 4), ("0.74", "0.76"),
                "the rest of the whole: the figures give 74–76 %"),
            ("a third for two thirds", frac(1, 3), ("0.66", "0.67"),
                "the rest of the whole: the figures give 66–67 %"),
            ("6 % for 60 %", Written::Percent(d("6")), ("0.59", "0.61"),
                "factor 10: the figures give 59–61 %, 10 times"),
            ("a half for 0.5 %", frac(1, 2), ("0.0049", "0.0051"),
                "factor 100: the figures give 0.5 %, a 100th"),
            // near misses: each would have a cause if the slip were a little different
            ("near miss: a fifth for 6 %", frac(1, 5), ("0.059", "0.061"),
                "no simple slip explains it (tried: the rest of the whole, 1/N for N %, factors 10 and 100)"),
            ("near miss: a quarter for 20 %", frac(1, 4), ("0.195", "0.205"),
                "no simple slip explains it (tried: the rest of the whole, 1/N for N %, factors 10 and 100)"),
            ("near miss: a tenth is 10 % either way", frac(1, 10), ("0.2", "0.21"),
                "no simple slip explains it (tried: the rest of the whole, factors 10 and 100)"),
            ("near miss: two thirds is no 1/N", frac(2, 3), ("0.02", "0.021"),
                "no simple slip explains it (tried: the rest of the whole, factors 10 and 100)"),
            ("near miss: 12.5 % is no N", Written::Percent(d("12.5")), ("0.3", "0.31"),
                "no simple slip explains it (tried: the rest of the whole, factors 10 and 100)"),
        ];
        for (what, written, (lo, hi), want) in rows {
            let actual = Interval::new(Some(d(lo)), Some(d(hi)));
            let s = stated(written);
            assert!(!s.overlaps(&actual), "{what}: the row must be a miss");
            let got = or_unexplained(share_cause(&s, written, &actual));
            assert!(got.starts_with(want), "{what}: got {got:?}, want {want:?}");
        }
    }

    #[test]
    fn a_third_is_held_exactly_enough() {
        // 1/3 against a share of exactly 1/3 (1 bn of 3 bn) and of 0.3333: both agree
        // with the default tolerance; 1/20 against 1/10 does not.
        let s = stated(frac(1, 3));
        assert!(s.overlaps(&Interval::point(d("1") / d("3"))));
        assert!(s.overlaps(&Interval::point(d("0.3333"))));
        assert!(!stated(frac(1, 20)).overlaps(&Interval::point(d("0.1"))));
    }

    #[test]
    fn fractions_are_read_from_the_reading() {
        assert_eq!(parse_fraction("1/20"), Some((d("1"), d("20"))));
        assert_eq!(parse_fraction("2/3"), Some((d("2"), d("3"))));
        assert_eq!(parse_fraction("1/0"), None);
        assert_eq!(parse_fraction("4"), None);
    }
}
