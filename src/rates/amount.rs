//! Reading an amount as people type it on a command line: "380e9", "380 000 000 000"
//! (space, U+00A0 or U+202F between groups), "380,000,000,000", "380bn", "380 billion",
//! "380 milliards", "380 Md", "52,4 milliards".
//!
//! A comma is a decimal comma when a scale word follows, when the digits after it are
//! not a group of three, or when spaces group the digits; otherwise it groups
//! thousands. With both "," and ".", the last one is the decimal separator. "billion"
//! is the English 10^9 here; French "milliard" is 10^9 too.

use rust_decimal::Decimal;
use std::fmt;

/// An amount that cannot be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    /// The text given.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the amount \"{}\": {}",
            self.input, self.reason
        )
    }
}

impl std::error::Error for AmountError {}

/// Scale words and abbreviations (lower case) and their power of ten.
const SCALES: &[(&str, u32)] = &[
    ("k", 3),
    ("thousand", 3),
    ("m", 6),
    ("mn", 6),
    ("mio", 6),
    ("million", 6),
    ("millions", 6),
    ("b", 9),
    ("bn", 9),
    ("billion", 9),
    ("billions", 9),
    ("g", 9),
    ("md", 9),
    ("mds", 9),
    ("mrd", 9),
    ("mrds", 9),
    ("milliard", 9),
    ("milliards", 9),
    ("tn", 12),
    ("trillion", 12),
    ("trillions", 12),
];

/// The most digits an exact decimal holds.
const MAX_DIGITS: usize = 28;

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Read an amount; see the module doc for what is accepted.
pub fn parse_amount(input: &str) -> Result<Decimal, AmountError> {
    let fail = |reason: String| AmountError {
        input: input.to_string(),
        reason,
    };
    let text = input.trim();
    if text.is_empty() {
        return Err(fail("it is empty".into()));
    }
    // A trailing word is a scale ("bn", "milliards").
    let word_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    let (number, word) = text.split_at(word_start);
    let number = number.trim_end_matches(is_group_space).trim();
    let scale = if word.is_empty() {
        0
    } else {
        let lower = word.to_lowercase();
        SCALES
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                fail(format!(
                    "unknown scale word \"{word}\" (known: k, thousand, M, mn, million, bn, \
                     billion, G, Md, Mrd, milliard, tn, trillion)"
                ))
            })?
    };
    if number.is_empty() {
        return Err(fail("no digits".into()));
    }
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (mantissa, exponent) = match number.find(['e', 'E']) {
        Some(i) => {
            let (m, e) = number.split_at(i);
            (m, Some(e.get(1..).unwrap_or("")))
        }
        None => (number, None),
    };
    let digits = plain_digits(mantissa, scale > 0).map_err(fail)?;
    let significant = digits.trim_start_matches(['0', '.']).replace('.', "");
    if significant.len() > MAX_DIGITS {
        return Err(fail(format!(
            "{} significant digits, at most {MAX_DIGITS} are supported",
            significant.len()
        )));
    }
    let mut value =
        Decimal::from_str_exact(&digits).map_err(|e| fail(format!("not a number ({e})")))?;
    let exp = match exponent {
        None => 0i64,
        Some(e) => parse_exponent(e).map_err(fail)?,
    } + i64::from(scale);
    value = shift(value, exp).ok_or_else(|| fail("the amount is out of range".into()))?;
    Ok(if negative { -value } else { value })
}

fn parse_exponent(e: &str) -> Result<i64, String> {
    let (sign, digits) = match e.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, e.strip_prefix('+').unwrap_or(e)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("\"e{e}\" is not an exponent"));
    }
    if digits.len() > 4 {
        return Err("the amount is out of range".into());
    }
    digits
        .parse::<i64>()
        .map(|v| v * sign)
        .map_err(|_| "the amount is out of range".into())
}

/// Multiply by 10^exp exactly, `None` when out of range.
fn shift(mut v: Decimal, exp: i64) -> Option<Decimal> {
    if exp.unsigned_abs() > 2 * MAX_DIGITS as u64 {
        return None;
    }
    let ten = Decimal::TEN;
    for _ in 0..exp.unsigned_abs() {
        v = if exp > 0 {
            v.checked_mul(ten)?
        } else {
            v.checked_div(ten)?
        };
    }
    Some(v)
}

/// The mantissa with separators removed: digits, at most one '.'.
fn plain_digits(s: &str, scale_word: bool) -> Result<String, String> {
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || is_group_space(*c) || *c == ',' || *c == '.'))
    {
        return Err(format!("unexpected character '{c}'"));
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let spaced = s.chars().any(is_group_space);
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (_, 0) if commas > 1 => None,
        (1, 0) => {
            let after = s.rsplit(',').next().unwrap_or("");
            let three = after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit());
            (scale_word || !three || spaced).then_some(',')
        }
        (0, 1) => Some('.'),
        (0, _) => None,
        _ => {
            let last_comma = s.rfind(',');
            let last_dot = s.rfind('.');
            if last_comma > last_dot {
                Some(',')
            } else {
                Some('.')
            }
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(sep) => {
            if s.matches(sep).count() > 1 {
                return Err(format!(
                    "'{sep}' is both the decimal separator and a group separator"
                ));
            }
            let (a, b) = s.split_at(s.rfind(sep).unwrap_or(s.len()));
            (a, b.get(1..).unwrap_or(""))
        }
        None => (s, ""),
    };
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "separator after the decimal separator in \"{frac_part}\""
        ));
    }
    let groups: Vec<&str> = int_part
        .split(|c: char| is_group_space(c) || c == ',' || c == '.')
        .collect();
    let separators: Vec<char> = int_part.chars().filter(|c| !c.is_ascii_digit()).collect();
    if separators.windows(2).any(|w| matches!(w, [a, b] if a != b)) {
        return Err("mixed group separators".into());
    }
    if groups.len() > 1 {
        let bad_first = groups.first().is_some_and(|g| g.is_empty() || g.len() > 3);
        let bad_rest = groups.iter().skip(1).any(|g| g.len() != 3);
        if bad_first || bad_rest {
            return Err("digit groups must be of three digits".into());
        }
    }
    let int_digits: String = groups.concat();
    if int_digits.is_empty() && frac_part.is_empty() {
        return Err("no digits".into());
    }
    let mut out = if int_digits.is_empty() {
        "0".to_string()
    } else {
        int_digits
    };
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(frac_part);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn table() {
        let d = |s: &str| Ok(Decimal::from_str(s).unwrap());
        let rows: &[(&str, Result<Decimal, &str>)] = &[
            ("380e9", d("380000000000")),
            ("380E9", d("380000000000")),
            ("3.8e11", d("380000000000")),
            ("380 000 000 000", d("380000000000")),
            ("380\u{a0}000\u{a0}000\u{a0}000", d("380000000000")),
            ("380\u{202f}000\u{202f}000\u{202f}000", d("380000000000")),
            ("380,000,000,000", d("380000000000")),
            ("380.000.000.000", d("380000000000")),
            ("380bn", d("380000000000")),
            ("380 bn", d("380000000000")),
            ("380 billion", d("380000000000")),
            ("380 milliards", d("380000000000")),
            ("380 Md", d("380000000000")),
            ("380 Mds", d("380000000000")),
            ("380 Mrd", d("380000000000")),
            ("52,4 milliards", d("52400000000")),
            ("52.4bn", d("52400000000")),
            ("1,250 milliards", d("1250000000")),
            ("1,250", d("1250")),
            ("1,25", d("1.25")),
            ("1 234,5", d("1234.5")),
            ("1 234,567", d("1234.567")),
            ("1.234,56", d("1234.56")),
            ("1,234.56", d("1234.56")),
            ("12k", d("12000")),
            ("2.5 M", d("2500000")),
            ("0.5", d("0.5")),
            (".5", d("0.5")),
            ("-12", d("-12")),
            ("  42  ", d("42")),
            ("1.5tn", d("1500000000000")),
            ("5e-2", d("0.05")),
            ("", Err("it is empty")),
            ("   ", Err("it is empty")),
            ("abc", Err("unknown scale word")),
            ("bn", Err("no digits")),
            ("12 xyz", Err("unknown scale word")),
            ("1e999", Err("out of range")),
            ("1e99999999", Err("out of range")),
            ("1e", Err("unknown scale word")),
            ("1e+", Err("not an exponent")),
            ("1,2,3", Err("groups must be of three")),
            ("38 00", Err("groups must be of three")),
            ("1,234,56", Err("groups must be of three")),
            ("1.234.567,8.9", Err("both the decimal separator")),
            ("1 000,000.5", Err("mixed group separators")),
            ("12$", Err("unexpected character")),
            ("١٢", Err("unexpected character")),
            ("99999999999999999999999999999", Err("significant digits")),
            ("9e28", Err("out of range")),
        ];
        for (input, want) in rows {
            let got = parse_amount(input).map_err(|e| e.to_string());
            match (want, &got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "{input:?}"),
                (Err(w), Err(g)) => assert!(g.contains(w), "{input:?}: {g}"),
                _ => panic!("{input:?}: want {want:?}, got {got:?}"),
            }
        }
        let long = "9".repeat(400);
        let e = parse_amount(&long).unwrap_err().to_string();
        assert!(e.contains("400 significant digits"), "{e}");
        assert!(parse_amount(&format!("{}bn", "1".repeat(400))).is_err());
    }
}
