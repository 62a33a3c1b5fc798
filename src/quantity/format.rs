//! Decimals as people read them ("52.4", "380 bn", "94,000"), shared by the checks' messages
//! and the renderers.

use rust_decimal::Decimal;

/// A decimal without trailing zeros ("52000000000", "52.4").
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// An amount in words people read quickly: "380 bn", "1.12 tn", "137 M", "94,000".
pub fn short_amount(d: Decimal) -> String {
    let abs = d.abs();
    let units = [
        (Decimal::from(1_000_000_000_000u64), "tn"),
        (Decimal::from(1_000_000_000u64), "bn"),
        (Decimal::from(1_000_000u64), "M"),
    ];
    for (unit, name) in units {
        if abs >= unit {
            if let Some(v) = d.checked_div(unit) {
                return format!("{} {name}", plain(v.round_dp(3)));
            }
        }
    }
    group_thousands(&plain(d.round_dp(2)))
}

/// "94000" -> "94,000" (commas, as an international reader expects in a report).
fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::new();
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn short_amounts() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(short_amount(d("380000000000")), "380 bn");
        assert_eq!(short_amount(d("1120000000000")), "1.12 tn");
        assert_eq!(short_amount(d("137000000")), "137 M");
        assert_eq!(short_amount(d("94000")), "94,000");
        assert_eq!(short_amount(d("52410000000.123")), "52.41 bn");
        assert_eq!(short_amount(d("12.5")), "12.5");
    }
}
