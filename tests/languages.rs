//! Languages: a source is read only with its own language's rules. A source in a
//! language without a pack gets an `unsupported-language` info finding and nothing is
//! extracted from it; sources in languages with packs are unaffected.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

const DIR: &str = "tests/fixtures/languages";

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run figcheck");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (_, out) = run(args);
    serde_json::from_str(&out).expect("JSON output")
}

#[test]
fn a_source_without_a_pack_is_reported_and_not_read() {
    let report = json(&["check", "--format", "json", DIR]);
    let findings = report["findings"].as_array().unwrap();
    let unsupported: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["check"] == "unsupported-language")
        .map(|f| {
            assert_eq!(f["severity"], "info");
            (f["path"].as_str().unwrap(), f["message"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        unsupported,
        vec![
            (
                "tests/fixtures/languages/it.md",
                "it: no rules for this language, not checked"
            ),
            (
                "tests/fixtures/languages/nl.md",
                "nl: no rules for this language, not checked"
            ),
        ]
    );
    // The English article is read as before, and nothing else is.
    let langs: Vec<(&str, &str)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["lang"].as_str().unwrap()))
        .collect();
    assert_eq!(
        langs,
        vec![
            ("tests/fixtures/languages/de.md", "de"),
            ("tests/fixtures/languages/en.md", "en"),
            ("tests/fixtures/languages/es.md", "es"),
            ("tests/fixtures/languages/it.md", "it"),
            ("tests/fixtures/languages/nl.md", "nl"),
        ]
    );
    let figures: Vec<&str> = report["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        figures,
        vec![
            "tests/fixtures/languages/de.md",
            "tests/fixtures/languages/de.md",
            "tests/fixtures/languages/en.md",
            "tests/fixtures/languages/es.md",
            "tests/fixtures/languages/es.md",
            "tests/fixtures/languages/es.md"
        ]
    );
}

#[test]
fn extract_shows_the_source_its_language_and_why_it_was_not_read() {
    let x = json(&["extract", "--format", "json", DIR]);
    let rows: Vec<(&str, &str, u64, bool)> = x["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap(),
                s["lang"].as_str().unwrap(),
                s["mentions"].as_u64().unwrap(),
                s.get("not_read").is_some(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("tests/fixtures/languages/de.md", "de", 2, false),
            ("tests/fixtures/languages/en.md", "en", 1, false),
            ("tests/fixtures/languages/es.md", "es", 3, false),
            ("tests/fixtures/languages/it.md", "it", 0, true),
            ("tests/fixtures/languages/nl.md", "nl", 0, true),
        ]
    );
    let (code, table) = run(&["extract", "tests/fixtures/languages/nl.md"]);
    assert_eq!(code, 0);
    assert!(table.contains("[nl (detected"), "{table}");
    assert!(
        table.contains("(not read: nl: no rules for this language, not checked"),
        "{table}"
    );
}

#[test]
fn the_user_may_choose_the_rules() {
    // --lang wins over detection (front matter and manifests win over --lang): a text
    // read with another language's rules is then the user's choice, not reported.
    let report = json(&[
        "check",
        "--format",
        "json",
        "--lang",
        "nl",
        "tests/fixtures/languages/en.md",
    ]);
    assert_eq!(report["sources"][0]["lang"], "nl");
    assert_eq!(report["findings"][0]["check"], "unsupported-language");
    let report = json(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "tests/fixtures/languages/nl.md",
    ]);
    assert_eq!(report["sources"][0]["lang"], "en");
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["check"] != "unsupported-language"));
}

#[test]
fn a_german_article_is_read_with_the_german_rules() {
    let x = json(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/languages/de.md",
    ]);
    let rows: Vec<(&str, &str, &str)> = x["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["value"].as_str().unwrap(),
                m["qualifier"].as_str().unwrap(),
            )
        })
        .collect();
    // "1.120 Mitarbeiter" is a head count (one thousand one hundred and twenty), not money.
    assert_eq!(
        rows,
        vec![
            ("rund 1,75 Mrd. Euro", "1750000000", "approx"),
            ("32 Milliarden Parameter", "32000000000", "exact"),
        ]
    );
}

#[test]
fn a_spanish_article_is_read_with_the_spanish_rules() {
    let x = json(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/languages/es.md",
    ]);
    let rows: Vec<(&str, &str)> = x["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["text"].as_str().unwrap(), m["value"].as_str().unwrap()))
        .collect();
    // Spanish "billón" is 10^12.
    assert_eq!(
        rows,
        vec![
            ("750.000 millones de euros", "750000000000"),
            ("3,4 billones de dólares", "3400000000000"),
            ("32.000 millones de parámetros", "32000000000"),
        ]
    );
}

#[test]
fn a_mixed_language_folder_gives_one_verdict_per_fact() {
    // examples/alibaba tells the same plan in French, English, German, Spanish and
    // Chinese; every language's figure and its inline conversion tie to the one fact.
    let report = json(&[
        "check",
        "--format",
        "json",
        "--config",
        "examples/figcheck.toml",
        "examples/alibaba",
    ]);
    let plan = report["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "alibaba-ai-cloud-plan-2025")
        .unwrap();
    assert_eq!(plan["verdict"], "consistent");
    let mut langs: Vec<&str> = plan["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["date"] == "2025-02-24")
        .map(|c| {
            let path = c["path"].as_str().unwrap();
            path.rsplit('/').next().unwrap().split('-').nth(3).unwrap()
        })
        .collect();
    langs.sort_unstable();
    assert_eq!(
        langs,
        ["de", "de", "en", "en", "es", "es", "fr", "fr", "zh", "zh"]
    );
    assert!(report["findings"].as_array().unwrap().is_empty());
}

#[test]
fn a_chinese_figure_gets_its_frame_from_chinese_words() {
    // No spaces: the entity, the role word and the conversion bracket are found among
    // Han characters.
    let x = json(&[
        "check",
        "--format",
        "json",
        "--config",
        "examples/figcheck.toml",
        "examples/alibaba/2025-02-24-zh-plan.md",
    ]);
    let claims = x["facts"].as_array().unwrap()[0]["claims"]
        .as_array()
        .unwrap();
    let first = &claims[0];
    assert_eq!(first["text"], "3800亿元人民币");
    assert_eq!(first["frame"]["subject"], "Alibaba");
    assert_eq!(first["frame"]["subject_words"], "阿里巴巴");
    assert_eq!(first["frame"]["measure_words"], "投入");
    assert_eq!(claims[1]["text"], "524亿美元");
}
