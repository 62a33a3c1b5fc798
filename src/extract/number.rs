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
///
/// One pass, nothing allocated: the digit runs and separators are reduced, as they
/// come, to what the grammar asks of them (`Shape`), and the digits to their value.
pub fn parse_number(text: &str, fmt: &NumberFormat) -> Result<ParsedNumber, NumberError> {
    let mut shape = Shape::default();
    for c in text.trim().chars().map(ascii_digit) {
        if c.is_ascii_digit() {
            shape.digit(u32::from(c) - u32::from('0'));
        } else if fmt.decimal.contains(&c) || fmt.group.contains(&c) {
            shape.separator(c, fmt);
        } else {
            return Err(NumberError::UnexpectedChar(c));
        }
    }
    shape.finish(fmt)
}

/// What the grammar needs of a digit string's runs of digits and the separators between
/// them, gathered in one pass: which separator is the decimal mark is known only at the
/// end (from the last separator and the last run), so each rule is kept both for "every
/// separator" and "every separator but the last".
#[derive(Default)]
struct Shape {
    /// Separators seen so far.
    separators: usize,
    /// Digits in the run being read (the last one, at the end).
    run: usize,
    /// Digits in the first run, once it has ended.
    first_run: usize,
    /// Whether any digit was seen.
    any_digit: bool,
    /// Whether a run before the one being read is empty.
    empty_run: bool,
    /// Whether a run between the first and the one being read has other than three
    /// digits.
    uneven_middle: bool,
    first_separator: Option<char>,
    last_separator: Option<char>,
    /// Whether a separator before the last one cannot group digits.
    earlier_not_group: bool,
    /// Whether a separator before the last one differs from the first.
    earlier_differs: bool,
    /// All digits as one integer, from the first non-zero one (kept while they fit).
    mantissa: u128,
    /// Digits from the first non-zero one on.
    significant: usize,
    /// The run (0 = first) holding the first non-zero digit.
    first_non_zero_run: Option<usize>,
}

impl Shape {
    fn digit(&mut self, d: u32) {
        self.any_digit = true;
        self.run += 1;
        if self.significant == 0 && d == 0 {
            return;
        }
        if self.significant == 0 {
            self.first_non_zero_run = Some(self.separators);
        }
        self.significant += 1;
        // Past MAX_DIGITS the number is refused (see `finish`): the value is not needed.
        if self.significant <= MAX_DIGITS {
            self.mantissa = self.mantissa * 10 + u128::from(d);
        }
    }

    fn separator(&mut self, c: char, fmt: &NumberFormat) {
        if self.run == 0 {
            self.empty_run = true;
        }
        if self.separators == 0 {
            self.first_run = self.run;
            self.first_separator = Some(c);
        } else if self.run != 3 {
            self.uneven_middle = true;
        }
        if let Some(before) = self.last_separator {
            self.earlier_not_group |= !fmt.group.contains(&before);
            self.earlier_differs |= Some(before) != self.first_separator;
        }
        self.last_separator = Some(c);
        self.separators += 1;
        self.run = 0;
    }

    fn finish(self, fmt: &NumberFormat) -> Result<ParsedNumber, NumberError> {
        if !self.any_digit {
            return Err(NumberError::Empty);
        }
        if self.empty_run || self.run == 0 {
            return Err(NumberError::BadGrouping);
        }
        let last = self.run;
        // The last separator is the decimal mark if it can be one and is not followed
        // by exactly three digits (or cannot group digits).
        let decimal = self
            .last_separator
            .is_some_and(|s| fmt.decimal.contains(&s) && (!fmt.group.contains(&s) || last != 3));
        // Group separators: every run of the integer part after the first is exactly
        // three digits, the first at most three, and all separators between them are
        // the same group separator.
        let int_runs = self.separators + 1 - usize::from(decimal);
        if int_runs > 1 {
            let first_ok = self.first_run <= 3;
            let rest_ok = !self.uneven_middle && (decimal || last == 3);
            let (seps_ok, same_sep) = if decimal {
                (!self.earlier_not_group, !self.earlier_differs)
            } else {
                let last_sep = self.last_separator;
                (
                    !self.earlier_not_group && last_sep.is_some_and(|s| fmt.group.contains(&s)),
                    !self.earlier_differs && last_sep == self.first_separator,
                )
            };
            if !(first_ok && rest_ok && seps_ok && same_sep) {
                return Err(NumberError::BadGrouping);
            }
        }
        let decimals = if decimal { last } else { 0 };
        // Written out, the decimal mark counts as a place when a non-zero digit is
        // before it ("12.5": four places, "0.05": one).
        let mark_counts = decimal && self.first_non_zero_run.is_some_and(|r| r < self.separators);
        let places = self.significant + usize::from(mark_counts);
        if places > MAX_DIGITS || decimals > MAX_DIGITS {
            return Err(NumberError::TooLong);
        }
        let scale = u32::try_from(decimals).map_err(|_| NumberError::TooLong)?;
        let mantissa = i128::try_from(self.mantissa).map_err(|_| NumberError::TooLong)?;
        let value =
            Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| NumberError::TooLong)?;
        Ok(ParsedNumber {
            value,
            decimals: scale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The grammar as first written (runs collected as strings, the digits joined and
    /// parsed): the one-pass [`parse_number`] must agree with it on any input.
    fn parse_number_by_strings(
        text: &str,
        fmt: &NumberFormat,
    ) -> Result<ParsedNumber, NumberError> {
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
            // at the limit: 28 places, the decimal mark counting as one after a non-zero
            // digit, not after zeros alone
            (
                "0.1234567890123456789012345678",
                en(),
                Some(("0.1234567890123456789012345678", 28)),
            ),
            ("1.234567890123456789012345678", en(), None),
            (
                "1.23456789012345678901234567",
                en(),
                Some(("1.23456789012345678901234567", 26)),
            ),
            (
                "9999999999999999999999999999",
                en(),
                Some(("9999999999999999999999999999", 0)),
            ),
            ("99999999999999999999999999999", en(), None),
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

    /// Every bundled language's separators, and formats where one character is both.
    fn formats() -> Vec<NumberFormat> {
        vec![
            fr(),
            en(),
            NumberFormat {
                decimal: vec![','],
                group: vec!['.', ' '],
            },
            NumberFormat {
                decimal: vec!['.', ','],
                group: vec![',', '.', '\''],
            },
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The one-pass grammar gives what the grammar as first written gives: the same
        /// error, or the same value with the same scale and stated decimals. Inputs are
        /// digit strings with separators in any place, leading zeros, full-width digits,
        /// spaces around and stray letters; lengths reach past 28 digits.
        #[test]
        fn one_pass_agrees_with_the_grammar_as_written(
            text in "[ ]?([0０]{0,3}[0-9１５]{0,4}[ ,.'\u{A0}\u{202F}]?){0,9}[0-9a]{0,5}[ ]?",
            which in 0usize..4,
        ) {
            let fmts = formats();
            let fmt = &fmts[which];
            agree(&text, fmt)?;
        }

        /// The same near the 28-place limit: long runs, a mark anywhere.
        #[test]
        fn one_pass_agrees_near_the_limit(
            text in "0{0,3}[0-9]{0,30}[.,]?[0-9]{0,30}",
            which in 0usize..4,
        ) {
            let fmts = formats();
            agree(&text, &fmts[which])?;
        }
    }

    fn agree(text: &str, fmt: &NumberFormat) -> Result<(), proptest::test_runner::TestCaseError> {
        {
            let got = parse_number(text, fmt);
            let want = parse_number_by_strings(text, fmt);
            match (&got, &want) {
                (Ok(g), Ok(w)) => {
                    proptest::prop_assert_eq!(g.value.mantissa(), w.value.mantissa(), "{:?}", text);
                    proptest::prop_assert_eq!(g.value.scale(), w.value.scale(), "{:?}", text);
                    proptest::prop_assert_eq!(g.decimals, w.decimals, "{:?}", text);
                }
                _ => proptest::prop_assert_eq!(got, want, "{:?}", text),
            }
        }
        Ok(())
    }
}
