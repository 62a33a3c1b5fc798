//! Probable cause of a miss. What it checks: given a claim that misses its target, which
//! simple slip would make it match: French "billion" read as 10^12, a factor of 1000, 100
//! or 10, two swapped digits, or another currency (HKD or JPY given as CNY, and the like).
//! Why it matters: a reader fixes an error faster when told what it probably is.
//! Example: "38 milliards de yuans" for 380 bn: "a factor of 10".

use super::interval::show;
use crate::facts::Claim;
use crate::quantity::{Currency, Interval};
use crate::rates::normalize::convert_interval;
use crate::rates::RateTables;
use crate::rules::lexicon::normalize_word;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The cause given when no slip explains a miss.
pub fn or_unexplained(cause: Option<String>) -> String {
    cause.unwrap_or_else(|| {
        "no simple slip (factor, digit swap, currency, rate date) explains it".to_string()
    })
}

/// Currencies tried when a figure may have been given in the wrong one.
const OTHER_CURRENCIES: [&str; 9] = [
    "HKD", "TWD", "JPY", "USD", "EUR", "CNY", "GBP", "SGD", "KRW",
];

/// What the claim's figure would be after a slip, in the target's unit at `date`.
struct Probe<'a> {
    tables: &'a RateTables,
    to: Option<Currency>,
    date: Option<NaiveDate>,
    target: &'a Interval,
}

impl Probe<'_> {
    fn matches(&self, stated: &Interval, from: Option<Currency>) -> bool {
        match (from, self.to) {
            (Some(f), Some(t)) if f != t => match self.date {
                Some(d) => convert_interval(self.tables, stated, f, t, d)
                    .map(|(iv, _)| iv.overlaps(self.target))
                    .unwrap_or(false),
                None => false,
            },
            _ => stated.overlaps(self.target),
        }
    }
}

/// The probable cause of `claim` (stated interval `stated`, in `from`) missing `target`
/// (in `to`, at `date`).
pub fn probable_cause(
    tables: &RateTables,
    claim: &Claim,
    stated: &Interval,
    from: Option<Currency>,
    to: Option<Currency>,
    date: Option<NaiveDate>,
    target: &Interval,
) -> Option<String> {
    let p = Probe {
        tables,
        to,
        date,
        target,
    };
    let thousand = Decimal::from(1000);
    let scale_word = claim
        .mention
        .reading
        .scale
        .as_ref()
        .map(|(w, _)| normalize_word(w));
    if claim.mention.lang == "fr"
        && matches!(scale_word.as_deref(), Some("billion" | "billions"))
        && stated
            .checked_div(thousand)
            .is_some_and(|iv| p.matches(&iv, from))
    {
        return Some(
            "factor 1000: in French \"billion\" is 10^12; read as \"milliard\" (10^9) the figure matches, so \"milliards\" was probably meant".to_string(),
        );
    }
    for (factor, name) in [
        (
            1000u32,
            "1000 (billion vs milliard, or million vs billion?)",
        ),
        (100, "100"),
        (10, "10 (a dropped or extra digit?)"),
    ] {
        let f = Decimal::from(factor);
        if stated
            .checked_scale(f)
            .is_some_and(|iv| p.matches(&iv, from))
        {
            return Some(format!(
                "factor {name}: the figure is {factor} times too small"
            ));
        }
        if stated.checked_div(f).is_some_and(|iv| p.matches(&iv, from)) {
            return Some(format!(
                "factor {name}: the figure is {factor} times too large"
            ));
        }
    }
    if let Some(swap) = digit_swap(claim, stated, &p, from) {
        return Some(swap);
    }
    for code in OTHER_CURRENCIES {
        let Ok(other) = code.parse::<Currency>() else {
            continue;
        };
        if Some(other) == from || from.is_none() {
            continue;
        }
        if p.matches(stated, Some(other)) {
            return Some(format!(
                "another currency: read as {} the figure matches, so it is probably a {other} amount given as {}",
                show(stated, other.as_str()),
                from.map_or("-".to_string(), |c| c.to_string())
            ));
        }
    }
    None
}

/// Two adjacent digits of the stated number swapped.
fn digit_swap(
    claim: &Claim,
    stated: &Interval,
    p: &Probe<'_>,
    from: Option<Currency>,
) -> Option<String> {
    let number = &claim.mention.reading.number;
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let value = claim.mention.quantity.value?;
    let original: String = digits.iter().collect();
    let orig_n = Decimal::from_str_exact(&original).ok()?;
    if orig_n.is_zero() || digits.len() < 2 {
        return None;
    }
    for i in 0..digits.len() - 1 {
        let mut d = digits.clone();
        d.swap(i, i + 1);
        if d == digits || d.first() == Some(&'0') {
            continue;
        }
        let swapped: String = d.iter().collect();
        let n = Decimal::from_str_exact(&swapped).ok()?;
        let factor = n.checked_div(orig_n)?;
        let candidate = stated.checked_scale(factor)?;
        if p.matches(&candidate, from) {
            let new_value = value.checked_mul(factor)?;
            let _ = new_value;
            return Some(format!(
                "digit swap: \"{swapped}\" instead of \"{original}\" would match"
            ));
        }
    }
    None
}
