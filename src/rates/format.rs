//! How rates and amounts are shown to people: values rounded to 2 decimals with
//! thousands grouped, a short scaled form ("50.08 bn"), rates to 6 significant digits.
//! Machine output (JSON) uses the full-precision decimal strings instead.

use rust_decimal::{Decimal, RoundingStrategy};

/// `value` rounded half away from zero to `dp` decimals, thousands grouped with ','.
pub fn grouped(value: Decimal, dp: u32) -> String {
    let s = value
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 2);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if dp > 0 {
        out.push('.');
        out.push_str(frac);
        for _ in frac.len()..dp as usize {
            out.push('0');
        }
    }
    out
}

/// A short form for large values: "50.08 bn", "12.50 M"; `None` below a million.
pub fn scaled(value: Decimal) -> Option<String> {
    let abs = value.abs();
    for (power, word) in [(12u32, "tn"), (9, "bn"), (6, "M")] {
        let unit = Decimal::from_i128_with_scale(10i128.pow(power), 0);
        if abs >= unit {
            let v = value.checked_div(unit)?;
            return Some(format!("{} {word}", grouped(v, 2)));
        }
    }
    None
}

/// A rate as given when it has at most 6 decimals ("7.5875", "20275.17"), else to 6
/// significant digits ("0.131796"); trailing zeros removed.
pub fn rate(value: Decimal) -> String {
    let value = value.normalize();
    if value.scale() <= 6 {
        return value.to_string();
    }
    value
        .round_sf_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .unwrap_or(value)
        .normalize()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn shows() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(grouped(d("50082372322.8995"), 2), "50,082,372,322.90");
        assert_eq!(grouped(d("-1234.5"), 2), "-1,234.50");
        assert_eq!(grouped(d("12"), 2), "12.00");
        assert_eq!(grouped(d("123"), 0), "123");
        assert_eq!(scaled(d("50082372322.8995")).as_deref(), Some("50.08 bn"));
        assert_eq!(scaled(d("999999")), None);
        assert_eq!(rate(d("0.13179571663920922570016474465")), "0.131796");
        assert_eq!(rate(d("7.5875")), "7.5875");
        assert_eq!(rate(d("20275.17")), "20275.17");
        assert_eq!(rate(d("2671.9736842105263157894736842")), "2671.97");
    }
}
