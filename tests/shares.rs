//! Shares in every language with a pack: a percentage ("5 Prozent des Umsatzes", "el 5 %
//! de su facturación", "年销售额的5%", "百分之五十") is a mention of kind share, never a
//! money figure, and a `share` relation judges it; fractions ("un tiers", "a tenth of")
//! are shares held exactly.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use figcheck::extract::extract_text;
use figcheck::rules::RuleSet;
use rust_decimal::Decimal;
use serde_json::Value;
use std::process::Command;
use std::str::FromStr;

fn check(lang: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args([
            "check",
            "--format",
            "json",
            "--rules",
            "tests/fixtures/shares/ledger",
            &format!("tests/fixtures/shares/{lang}"),
        ])
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run figcheck");
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// The wrong article (50 % for a fine of 5 % of the sales) gets one ratio-mismatch, on
/// its percentage, filed under the fine, with a factor of 10 as cause; the right one
/// (5 %) gets nothing.
fn judged(lang: &str, share_text: &str, fine: &str) {
    let report = check(lang);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{lang}: {findings:#?}");
    let f = &findings[0];
    assert_eq!(f["check"], "ratio-mismatch", "{lang}");
    assert_eq!(f["fact"], fine, "{lang}");
    let first = &f["claims"][0];
    assert_eq!(first["kind"], "share", "{lang}");
    assert_eq!(first["text"], share_text, "{lang}");
    assert!(
        first["path"].as_str().unwrap().ends_with("-wrong.md"),
        "{lang}: {first}"
    );
    let cause = f["cause"].as_str().unwrap();
    assert!(
        cause.starts_with("factor 10: the figures give"),
        "{lang}: {cause}"
    );
    // The percentages are no money claim: every fact's claims are money.
    for fact in report["facts"].as_array().unwrap() {
        for c in fact["claims"].as_array().unwrap() {
            assert_eq!(c["kind"], "money", "{lang}: {c}");
        }
    }
}

#[test]
fn a_german_percentage_is_a_share() {
    judged("de", "50 Prozent des", "brennholt-fine-2025");
}

#[test]
fn a_spanish_percentage_is_a_share() {
    judged("es", "50 % de", "quelmar-fine-2025");
}

#[test]
fn a_chinese_percentage_is_a_share() {
    judged("zh", "百分之五十", "hengda-fine-2025");
}

fn shares(text: &str, lang: &str) -> Vec<(String, Decimal)> {
    let rules = RuleSet::bundled().unwrap();
    extract_text(&rules, text, lang)
        .into_iter()
        .filter(|m| m.kind() == "share")
        .map(|m| (m.text.clone(), m.quantity.value.unwrap()))
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn chinese_tenths_and_percentages_are_read_and_changes_are_not() {
    assert_eq!(
        shares("外资持有三成股份", "zh"),
        [("三成".to_string(), d("0.3"))]
    );
    assert_eq!(
        shares("占营收的4％", "zh"),
        [("4％".to_string(), d("0.04"))]
    );
    assert!(shares("营收同比增长5%，股价下跌三成", "zh").is_empty());
}

#[test]
fn fractions_keep_a_third_exact() {
    let third = d("1") / d("3");
    assert_eq!(
        shares("l'État détient un tiers du capital", "fr")[0].1,
        third
    );
    assert_eq!(
        shares("the state holds a third of the capital", "en")[0].1,
        third
    );
    assert_eq!(shares("soit 1/20 du budget", "fr")[0].1, d("0.05"));
    assert_eq!(
        shares("two thirds of its sales", "en")[0].1,
        d("2") / d("3")
    );
    // 1/3 is held with the width of Decimal's last digit around it, not as 0.33
    let rules = RuleSet::bundled().unwrap();
    let m = &extract_text(&rules, "un tiers du capital", "fr")[0];
    assert!(m.quantity.precision > Decimal::ZERO && m.quantity.precision < d("1e-20"));
    assert_eq!(m.reading.number, "1/3");
    let m = &extract_text(&rules, "un vingtième du capital", "fr")[0];
    assert_eq!(m.quantity.precision, Decimal::ZERO);
}

#[test]
fn time_and_rank_words_are_no_fractions() {
    for (text, lang) in [
        (
            "un quart d'heure plus tard, trois quarts d'heure de débat",
            "fr",
        ),
        ("éliminé en quart de finale, un tiers de confiance", "fr"),
        ("moitié prix, le cinquième du classement", "fr"),
        ("in the second half of 2024, at half-time", "en"),
        ("a quarter of an hour, the third quarter of 2024", "en"),
    ] {
        assert!(
            shares(text, lang).is_empty(),
            "{text}: {:?}",
            shares(text, lang)
        );
    }
}
