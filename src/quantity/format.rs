//! Decimals as people read them ("52.4", "380 bn", "94,000"), shared by the checks' messages
//! and the renderers.

use rust_decimal::Decimal;

/// A decimal without trailing zeros ("52000000000", "52.4"), as `Decimal`'s `Display`
/// writes it once normalised. Written here from the decimal's integer and scale: every
/// row of a report holds a few, and the crate's general writer took ~1 400
/// instructions each (10 % of a run over a figure-dense text).
pub fn plain(d: Decimal) -> String {
    let d = d.normalize();
    let m = d.mantissa();
    let digits = m.unsigned_abs().to_string();
    let scale = usize::try_from(d.scale()).unwrap_or(usize::MAX);
    let mut out = String::with_capacity(digits.len() + 3);
    if m < 0 {
        out.push('-');
    }
    match digits.len().checked_sub(scale) {
        Some(0) | None => {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', scale.saturating_sub(digits.len())));
            out.push_str(&digits);
        }
        Some(int) => match (digits.get(..int), digits.get(int..)) {
            (Some(whole), Some("")) => out.push_str(whole),
            (Some(whole), Some(fraction)) => {
                out.push_str(whole);
                out.push('.');
                out.push_str(fraction);
            }
            _ => return d.to_string(),
        },
    }
    out
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
    use proptest::prelude::*;
    use std::str::FromStr;

    #[test]
    fn plain_decimals_are_written_as_the_crate_writes_them() {
        for s in [
            "0",
            "-0",
            "0.000",
            "52",
            "52.40",
            "-52.4",
            "0.05",
            "-0.0001",
            "380000000000",
            "1e-28",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "12.5",
            "100",
            "1.10",
        ] {
            let d = Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .unwrap();
            assert_eq!(plain(d), d.normalize().to_string(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn plain_agrees_with_display(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
                                     negative in any::<bool>(), scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(plain(d), d.normalize().to_string());
        }
    }

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
