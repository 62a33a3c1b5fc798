//! The digit grammar: "1 120", "1,120", "1.120", "8,4", "52.4", with the separators of
//! the language. Which separator is the decimal mark is decided from the right: a
//! separator that can be decimal and is not followed by exactly three digits (or cannot
//! be a group separator) is the decimal mark; all others must be group separators
//! between groups of three digits.

use crate::rules::lexicon::NumberFormat;
use rust_decimal::Decimal;

/// A parsed digit string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedNumber {
    /// The value.
    pub value: Decimal,
    /// Digits after the decimal mark (the stated precision).
    pub decimals: u32,
}

/// Why a digit string is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// No digits.
    Empty,
    /// A character that is neither a digit nor a separator of the language.
    UnexpectedChar(char),
    /// Separators that do not form groups of three digits.
    BadGrouping,
    /// More digits than an exact decimal holds (28).
    TooLong,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberError::Empty => f.write_str("no digits"),
            NumberError::UnexpectedChar(c) => write!(f, "unexpected character {c:?}"),
            NumberError::BadGrouping => {
                f.write_str("separators do not form groups of three digits")
            }
            NumberError::TooLong => {
                f.write_str("too many digits for an exact decimal (at most 28)")
            }
        }
    }
}

/// The most digits an exact decimal holds: longer numbers are not read.
pub const MAX_DIGITS: usize = 28;

/// A full-width digit ("３") as its ASCII digit; any other character as it is.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => {
            char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c)
        }
        _ => c,
    }
}

/// Parse `text` (digits and separators only) with the language's format.
pub fn parse_number(text: &str, fmt: &NumberFormat) -> Result<ParsedNumber, NumberError> {
    // Split into digit runs and the separators between them.
    let mut runs: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    for c in text.trim().chars().map(ascii_digit) {
        if c.is_ascii_digit() {
            if let Some(last) = runs.last_mut() {
                last.push(c);
            }
        } else if fmt.decimal.contains(&c) || fmt.group.contains(&c) {
            seps.push(c);
            runs.push(String::new());
        } else {
            return Err(NumberError::UnexpectedChar(c));
        }
    }
    if runs.iter().all(String::is_empty) {
        return Err(NumberError::Empty);
    }
    if runs.iter().any(String::is_empty) {
        return Err(NumberError::BadGrouping);
    }
    let (int_runs, frac) = match (seps.last(), runs.last()) {
        (Some(&last_sep), Some(last_run)) => {
            let can_decimal = fmt.decimal.contains(&last_sep);
            let can_group = fmt.group.contains(&last_sep);
            let is_decimal = can_decimal && (!can_group || last_run.len() != 3);
            if is_decimal {
                let n = runs.len() - 1;
                (runs.get(..n).unwrap_or(&[]), Some(last_run.as_str()))
            } else {
                (runs.as_slice(), None)
            }
        }
        _ => (runs.as_slice(), None),
    };
    // Group separators: every run after the first is exactly three digits, the first
    // at most three, and all separators between them are group separators.
    let int_seps = seps.get(..int_runs.len().saturating_sub(1)).unwrap_or(&[]);
    if int_runs.len() > 1 {
        let first_ok = int_runs.first().is_some_and(|r| r.len() <= 3);
        let rest_ok = int_runs.iter().skip(1).all(|r| r.len() == 3);
        let seps_ok = int_seps.iter().all(|c| fmt.group.contains(c));
        let same_sep = int_seps.windows(2).all(|w| w.first() == w.get(1));
        if !(first_ok && rest_ok && seps_ok && same_sep) {
            return Err(NumberError::BadGrouping);
        }
    }
    let mut digits: String = int_runs.concat();
    let decimals = frac.map_or(0, str::len);
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    let significant = digits.trim_start_matches(['0', '.']).len();
    if significant > MAX_DIGITS || decimals > MAX_DIGITS {
        return Err(NumberError::TooLong);
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| NumberError::TooLong)?;
    Ok(ParsedNumber {
        value,
        decimals: u32::try_from(decimals).map_err(|_| NumberError::TooLong)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn fr() -> NumberFormat {
        NumberFormat {
            decimal: vec![',', '.'],
            group: vec![' ', '\u{A0}', '\u{202F}', '.'],
        }
    }

    fn en() -> NumberFormat {
        NumberFormat {
            decimal: vec!['.'],
            group: vec![',', ' ', '\u{A0}', '\u{202F}'],
        }
    }

    /// (input, format, expected value, expected decimals) — None: an error.
    #[test]
    fn number_grammar_table() {
        let long = "9".repeat(400);
        type Row<'a> = (&'a str, NumberFormat, Option<(&'a str, u32)>);
        let rows: Vec<Row> = vec![
            ("52", fr(), Some(("52", 0))),
            ("8,4", fr(), Some(("8.4", 1))),
            ("52.4", fr(), Some(("52.4", 1))),
            ("52.4", en(), Some(("52.4", 1))),
            ("1 120", fr(), Some(("1120", 0))),
            ("1\u{A0}120", fr(), Some(("1120", 0))),
            ("1\u{202F}120", fr(), Some(("1120", 0))),
            ("380 000 000 000", fr(), Some(("380000000000", 0))),
            ("1.120", fr(), Some(("1120", 0))),
            ("1.120", en(), Some(("1.120", 3))),
            ("1,120", en(), Some(("1120", 0))),
            ("1,120", fr(), Some(("1.120", 3))),
            ("1,234.56", en(), Some(("1234.56", 2))),
            ("1 234,56", fr(), Some(("1234.56", 2))),
            ("1.234.567", fr(), Some(("1234567", 0))),
            ("94,000", en(), Some(("94000", 0))),
            ("2,3", fr(), Some(("2.3", 1))),
            ("0,001", fr(), Some(("0.001", 3))),
            ("３８００", en(), Some(("3800", 0))),
            ("１.５", en(), Some(("1.5", 1))),
            ("１,２００", en(), Some(("1200", 0))),
            // hostile rows
            ("", fr(), None),
            ("   ", fr(), None),
            ("1 12", fr(), None),
            ("1234 567", fr(), None),
            ("1,234 567", en(), None),
            ("1,,2", en(), None),
            ("12a", fr(), None),
            (long.as_str(), fr(), None),
            ("0.00000000000000000000000000001", en(), None),
        ];
        for (input, fmt, expected) in rows {
            let got = parse_number(input, &fmt);
            match expected {
                Some((v, d)) => {
                    let got = got.unwrap_or_else(|e| panic!("{input:?}: {e}"));
                    assert_eq!(got.value, Decimal::from_str(v).unwrap(), "{input:?}");
                    assert_eq!(got.decimals, d, "{input:?}");
                }
                None => assert!(got.is_err(), "{input:?} should fail, got {got:?}"),
            }
        }
    }
}
