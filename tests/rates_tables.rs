//! User rate tables: override of the bundled ECB table, priority order, gaps, errors.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use chrono::NaiveDate;
use figcheck::quantity::Currency;
use figcheck::rates::{RateError, RateTables};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn c(s: &str) -> Currency {
    s.parse().unwrap()
}
fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rates")
        .join(name)
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn a_user_table_overrides_the_ecb_for_its_currency_and_dates_only() {
    let t = RateTables::load(&[dir("override")], true, 7).unwrap();
    let usd = t
        .quote(Currency::EUR, Currency::USD, d("2025-02-24"))
        .unwrap();
    assert_eq!((usd.rate, usd.table.as_str()), (dec("1.25"), "fixed-usd"));
    // Another currency, same day: still the ECB.
    let jpy = t.quote(Currency::EUR, c("JPY"), d("2025-02-24")).unwrap();
    assert_eq!((jpy.rate, jpy.table.as_str()), (dec("156.81"), "ecb"));
    // Before and well after the user table's rows: the ECB answers.
    let before = t
        .quote(Currency::EUR, Currency::USD, d("2025-01-15"))
        .unwrap();
    assert_eq!(before.table, "ecb");
    let after = t
        .quote(Currency::EUR, Currency::USD, d("2025-03-10"))
        .unwrap();
    assert_eq!(after.table, "ecb");
    // Within the user table's span, a hole longer than the gap is an error, not the ECB.
    let hole = t
        .quote(Currency::EUR, Currency::USD, d("2025-02-10"))
        .unwrap_err();
    assert!(matches!(hole, RateError::GapTooLong { .. }), "{hole}");
    assert_eq!(
        hole.to_string(),
        "no rate for USD on 2025-02-10: the latest row of the table \"fixed-usd\" on or before \
         it is 2025-02-01, more than the maximum gap of 7 days earlier"
    );
    // A cross rate whose legs come from two tables names both.
    let cross = t.quote(c("JPY"), Currency::USD, d("2025-02-24")).unwrap();
    assert_eq!(cross.table, "ecb+fixed-usd");
    assert_eq!(cross.rate, (dec("1.25") / dec("156.81")).normalize());
}

#[test]
fn later_folders_take_priority() {
    let t = RateTables::load(&[dir("override"), dir("override-later")], true, 7).unwrap();
    let usd = t
        .quote(Currency::EUR, Currency::USD, d("2025-02-24"))
        .unwrap();
    assert_eq!((usd.rate, usd.table.as_str()), (dec("1.5"), "usd-cny"));
    let t = RateTables::load(&[dir("override-later"), dir("override")], true, 7).unwrap();
    let usd = t
        .quote(Currency::EUR, Currency::USD, d("2025-02-24"))
        .unwrap();
    assert_eq!((usd.rate, usd.table.as_str()), (dec("1.25"), "fixed-usd"));
    let names: Vec<(usize, String)> = t.info().into_iter().map(|i| (i.priority, i.name)).collect();
    assert_eq!(
        names,
        vec![
            (2, "fixed-usd".into()),
            (1, "usd-cny".into()),
            (0, "ecb".into())
        ]
    );
}

#[test]
fn a_direct_pair_is_used_both_ways() {
    let t = RateTables::load(&[dir("override-later")], true, 7).unwrap();
    let q = t
        .quote(Currency::USD, Currency::CNY, d("2025-02-24"))
        .unwrap();
    assert_eq!((q.rate, q.table.as_str()), (dec("7.25"), "usd-cny"));
    let v = t
        .convert(dec("725"), Currency::CNY, Currency::USD, d("2025-02-24"))
        .unwrap();
    assert_eq!(v.value, dec("100"));
    // EUR -> CNY is not that pair: the ECB answers.
    let q = t
        .quote(Currency::EUR, Currency::CNY, d("2025-02-24"))
        .unwrap();
    assert_eq!((q.rate, q.table.as_str()), (dec("7.5879"), "ecb"));
}

#[test]
fn gaps_and_edges_of_a_sparse_table() {
    let t = RateTables::load(&[dir("gap")], false, 7).unwrap();
    let xau = c("XAU");
    assert!(t.quote(Currency::EUR, xau, d("2025-03-31")).is_ok());
    assert!(t.quote(Currency::EUR, xau, d("2025-04-07")).is_ok());
    let e = |date: &str| t.quote(Currency::EUR, xau, d(date)).unwrap_err();
    assert!(matches!(e("2025-02-28"), RateError::GapTooLong { .. }));
    assert!(matches!(e("2025-04-08"), RateError::AfterTable { .. }));
    assert_eq!(
        e("2025-01-01").to_string(),
        "no rate for XAU on 2025-01-01: the table \"monthly\" starts on 2025-01-31"
    );
    // Without the bundled table, USD is unknown.
    assert!(matches!(
        t.quote(Currency::EUR, Currency::USD, d("2025-03-31")),
        Err(RateError::UnknownCurrency { .. })
    ));
    // A larger gap is a choice of the caller.
    let wide = RateTables::load(&[dir("gap")], false, 40).unwrap();
    assert!(wide.quote(Currency::EUR, xau, d("2025-02-28")).is_ok());
}

#[test]
fn a_malformed_row_is_an_error_with_file_line_and_column() {
    let errors = RateTables::load(&[dir("bad"), dir("missing-folder")], true, 7).unwrap_err();
    let text: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 2, "{text:?}");
    assert!(
        text[0].ends_with("tests/fixtures/rates/bad/broken.csv:3:20: \"one\" is not a rate (expected a decimal such as 7.5875, or N/A)"),
        "{}",
        text[0]
    );
    assert!(
        text[1].contains("missing-folder: cannot read"),
        "{}",
        text[1]
    );
    assert!(RateTables::load(&[], false, 7).is_err());
}
