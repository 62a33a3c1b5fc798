//! Numbers as a desk editor reads them, shared by the human-facing formats (human,
//! concise, Markdown, GitHub, HTML): the figure as stated ("380 bn CNY", "≥ 52 bn USD"),
//! its conversion at the stated value (the tolerance is shown apart, never folded into
//! the figure), rates to 6 significant digits, and probable causes as factors ("×1000
//! too large"). Machine formats (JSON, SARIF properties) keep the exact strings.

use super::model::{ClaimRow, FactRow, ReferenceRow};
use crate::quantity::format::short_amount;
use crate::quantity::Qualifier;
use rust_decimal::Decimal;

fn dec(s: Option<&str>) -> Option<Decimal> {
    s.and_then(|v| v.parse::<Decimal>().ok())
}

/// The unit a figure is shown in: its currency, else "parameters".
pub fn claim_unit(c: &ClaimRow) -> String {
    match (&c.currency, c.kind.as_str()) {
        (Some(cur), _) => cur.clone(),
        (None, "ratio") => "times".to_string(),
        (None, "share") => "of the whole".to_string(),
        (None, _) => "parameters".to_string(),
    }
}

/// The unit a fact's claims are compared in.
pub fn fact_unit(f: &FactRow) -> String {
    f.currency
        .clone()
        .unwrap_or_else(|| "parameters".to_string())
}

fn bounds(c: &ClaimRow, scale: Decimal) -> (Option<Decimal>, Option<Decimal>, Option<Decimal>) {
    let m = |d: Option<Decimal>| d.and_then(|d| d.checked_mul(scale));
    (
        m(dec(c.value.as_deref())),
        m(dec(c.low.as_deref())),
        m(dec(c.high.as_deref())),
    )
}

fn with_qualifier(
    q: Qualifier,
    value: Option<Decimal>,
    low: Option<Decimal>,
    high: Option<Decimal>,
    unit: &str,
) -> Option<String> {
    let s = |d: Decimal| short_amount(d.round_dp(6));
    let text = match (q, value, low, high) {
        (Qualifier::Range, _, Some(a), Some(b)) | (_, None, Some(a), Some(b)) => {
            let (sa, sb) = (s(a), s(b));
            match (sa.rsplit_once(' '), sb.rsplit_once(' ')) {
                (Some((na, ua)), Some((nb, ub))) if ua == ub => format!("{na}–{nb} {ua}"),
                _ => format!("{sa}–{sb}"),
            }
        }
        // An open range: one bound only.
        (_, None, Some(a), None) => format!("≥ {}", s(a)),
        (_, None, None, Some(b)) => format!("≤ {}", s(b)),
        (_, None, _, _) => return None,
        (Qualifier::Exact, Some(v), _, _) => s(v),
        (Qualifier::Approx, Some(v), _, _) => format!("≈ {}", s(v)),
        // "plus de", "more than": at or above (DESIGN), one notation for bounds.
        (Qualifier::MoreThan | Qualifier::AtLeast, Some(v), _, _) => format!("≥ {}", s(v)),
        (Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo, Some(v), _, _) => {
            format!("≤ {}", s(v))
        }
        (Qualifier::Range, Some(v), _, _) => s(v),
    };
    Some(format!("{text} {unit}"))
}

/// A figure from its exact strings, in the one notation for bounds every human-facing
/// format uses (`extract` and `check` alike): "38 bn CNY", "≥ 52 bn USD", "≈ 52.4 bn
/// USD", "≤ 20 k EUR", "5–6 bn CNY". `None` when no bound can be read.
pub fn amount(
    q: Qualifier,
    value: Option<&str>,
    low: Option<&str>,
    high: Option<&str>,
    unit: &str,
) -> Option<String> {
    with_qualifier(q, dec(value), dec(low), dec(high), unit)
}

/// The figure as stated, in its own unit: "380 bn CNY", "≥ 52 bn USD", "≈ 52.4 bn USD".
pub fn stated(c: &ClaimRow) -> String {
    let (v, lo, hi) = bounds(c, Decimal::ONE);
    with_qualifier(c.qualifier, v, lo, hi, &claim_unit(c)).unwrap_or_else(|| c.text.clone())
}

/// The stated figure converted at the rate used, in the fact's unit ("379.4 bn CNY"),
/// when the claim was converted.
pub fn converted(c: &ClaimRow, unit: &str) -> Option<String> {
    let rate = dec(c.rate.as_deref())?;
    let (v, lo, hi) = bounds(c, rate);
    with_qualifier(c.qualifier, v, lo, hi, unit)
}

/// A rate to 6 significant digits ("0.131796", "7.5879"); an unreadable string as is.
pub fn rate(s: &str) -> String {
    s.parse::<Decimal>()
        .map(crate::rates::format::rate)
        .unwrap_or_else(|_| s.to_string())
}

/// "380 bn CNY (2025-02-24)": a fact's reference in a few words.
pub fn reference(r: &ReferenceRow, unit: &str) -> String {
    let value = dec(Some(&r.value)).map_or_else(|| r.value.clone(), short_amount);
    let cur = r.currency.clone().unwrap_or_else(|| unit.to_string());
    match &r.date {
        Some(d) => format!("{value} {cur} ({d})"),
        None => format!("{value} {cur}"),
    }
}

/// A relative tolerance as a percentage: "0.005" -> "±0.5 %".
pub fn tolerance(s: &str) -> String {
    match dec(Some(s)).and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED)) {
        Some(p) => format!("±{} %", p.normalize()),
        None => s.to_string(),
    }
}

/// A probable cause in few words: "factor 10 (a dropped or extra digit?): the figure is
/// 10 times too small" reads "×10 too small (a dropped or extra digit?)". Causes of
/// another shape are returned unchanged.
pub fn cause(text: &str) -> String {
    let Some(rest) = text.strip_prefix("factor ") else {
        return text.to_string();
    };
    let Some((head, tail)) = rest.split_once(':') else {
        return text.to_string();
    };
    let (factor, hint) = match head.split_once(' ') {
        Some((f, h)) => (f, Some(h.trim())),
        None => (head, None),
    };
    if factor.is_empty() || !factor.chars().all(|c| c.is_ascii_digit()) {
        return text.to_string();
    }
    let direction = if tail.contains("too small") {
        "too small"
    } else if tail.contains("too large") || tail.contains("10^12") {
        // French "billion" (10^12) where "milliard" (10^9) was meant: too large.
        "too large"
    } else {
        ""
    };
    let mut out = format!("×{factor}");
    if !direction.is_empty() {
        out.push(' ');
        out.push_str(direction);
    }
    match hint {
        Some(h) if !h.is_empty() => {
            out.push(' ');
            out.push_str(h);
        }
        _ => {}
    }
    if !tail.contains("times too") {
        // "factor 1000: in French "billion" is 10^12; ..." keeps its explanation.
        out.push(':');
        out.push_str(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_read_as_factors() {
        let rows = [
            (
                "factor 10 (a dropped or extra digit?): the figure is 10 times too small",
                "×10 too small (a dropped or extra digit?)",
            ),
            (
                "factor 1000 (billion vs milliard, or million vs billion?): the figure is 1000 times too large",
                "×1000 too large (billion vs milliard, or million vs billion?)",
            ),
            ("factor 100: the figure is 100 times too large", "×100 too large"),
            (
                "factor 1000: in French \"billion\" is 10^12",
                "×1000 too large: in French \"billion\" is 10^12",
            ),
            (
                "factor 7: something else",
                "×7: something else",
            ),
            ("rate date: the conversion matches", "rate date: the conversion matches"),
            ("factor x: odd", "factor x: odd"),
            ("factor ", "factor "),
            ("", ""),
        ];
        for (input, want) in rows {
            assert_eq!(cause(input), want, "{input}");
        }
    }

    #[test]
    fn rates_and_tolerances() {
        assert_eq!(rate("0.13179571663920922570016474465"), "0.131796");
        assert_eq!(rate("7.5879"), "7.5879");
        assert_eq!(rate("n/a"), "n/a");
        assert_eq!(tolerance("0.005"), "±0.5 %");
        assert_eq!(tolerance("0"), "±0 %");
    }

    #[test]
    fn figures_as_stated() {
        assert_eq!(
            with_qualifier(
                Qualifier::MoreThan,
                Some(Decimal::from(52_000_000_000u64)),
                None,
                None,
                "USD"
            )
            .as_deref(),
            Some("≥ 52 bn USD")
        );
        assert_eq!(
            with_qualifier(
                Qualifier::Exact,
                Some(Decimal::from(380_000_000_000u64)),
                None,
                None,
                "CNY"
            )
            .as_deref(),
            Some("380 bn CNY")
        );
        assert_eq!(
            with_qualifier(
                Qualifier::Range,
                None,
                Some(Decimal::from(10_000_000u64)),
                Some(Decimal::from(12_000_000u64)),
                "EUR"
            )
            .as_deref(),
            Some("10–12 M EUR")
        );
        assert_eq!(
            with_qualifier(Qualifier::Exact, None, None, None, "EUR"),
            None
        );
    }
}
