//! Attribution on the examples: every figure's frame (subject, measure, time) and tie,
//! as snapshots; the broken variant caught; fact examples run by `rules test`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::path::Path;
use std::process::{Command, Output};

fn figcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// One line per figure: where, what, its frame and its tie (or why not).
fn frames_table(folder: &str) -> String {
    let out = figcheck(&[
        "check",
        folder,
        "--format",
        "json",
        "--fail-on",
        "never",
        "-q",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut rows = Vec::new();
    let claims = r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap().iter())
        .chain(r["unassigned"].as_array().unwrap().iter());
    for c in claims {
        let f = &c["frame"];
        let time = f["time"]["words"].as_str().unwrap_or("-");
        let tie = match c["fact"].as_str() {
            Some(id) => format!("-> {id} (score {})", c["tie"]["score"]),
            None => format!("untied: {}", c["untied"].as_str().unwrap_or("")),
        };
        rows.push(format!(
            "{}:{}:{} {:?}\n    subject {} ({}, {:?}) | measure {} ({}, {:?}) | time {}\n    {}",
            Path::new(c["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy(),
            c["line"],
            c["column"],
            c["text"].as_str().unwrap(),
            f["subject"].as_str().unwrap_or("-"),
            f["subject_from"].as_str().unwrap_or("-"),
            f["subject_words"].as_str().unwrap_or("-"),
            f["measure"].as_str().unwrap_or("-"),
            f["measure_from"].as_str().unwrap_or("-"),
            f["measure_words"].as_str().unwrap_or("-"),
            time,
            tie
        ));
    }
    rows.sort();
    rows.join("\n")
}

#[test]
fn frames_and_ties_of_the_brumelune_story() {
    insta::assert_snapshot!(frames_table("examples/brumelune"));
}

#[test]
fn frames_and_ties_of_the_seed_story() {
    insta::assert_snapshot!(frames_table("examples/alibaba"));
}

#[test]
fn the_brumelune_story_is_clean_and_its_slip_is_caught() {
    let out = figcheck(&["check", "examples/brumelune", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        r["findings"].as_array().unwrap().is_empty(),
        "{:#}",
        r["findings"]
    );
    let verdicts: Vec<&str> = r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["consistent", "consistent"]);

    let out = figcheck(&[
        "check",
        "examples/broken/reference-slip",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &r["findings"][0];
    assert_eq!(f["check"], "cross-source-mismatch");
    assert_eq!(f["fact"], "brumelune-series-b-2024");
    assert!(f["cause"].as_str().unwrap().contains("factor 10"), "{f:#}");
    // Tied through "la start-up", the article's subject.
    assert_eq!(f["claims"][0]["frame"]["subject_from"], "reference");
}

#[test]
fn explain_facts_shows_frames_and_ties() {
    let out = figcheck(&[
        "explain",
        "--facts",
        "--config",
        "examples/figcheck.toml",
        "--lang",
        "en",
        "--date",
        "2024-06-12",
        "The round values Brumelune at 1.1 billion euros, after a 120 million euro raise. It raised 30 million euros in 2023.",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let ties = text.split("\n\n").last().unwrap_or("");
    insta::assert_snapshot!(ties);
}

#[test]
fn fact_examples_run_with_rules_test() {
    let out = figcheck(&["rules", "test", "--config", "examples/figcheck.toml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A fact example that does not hold fails, with its location.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pack.toml"),
        "name = \"ledger\"\nlang = \"*\"\nversion = \"1\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("facts.toml"),
        "[[fact]]\nid = \"acme-round\"\nlabel = \"Acme round\"\nkind = \"money\"\ncurrency = \"EUR\"\nentities = [\"Acme\"]\nmeasure = \"funding\"\n\n[[fact.example]]\ntext = \"Acme est valorisée 40 millions d'euros.\"\nlang = \"fr\"\n",
    )
    .unwrap();
    let out = figcheck(&[
        "rules",
        "test",
        "--no-config",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("facts.toml:10:8") && text.contains("[acme-round]"),
        "{text}"
    );
    assert!(text.contains("it measures valuation"), "{text}");
}

/// A figure set after a name, a comma and an apposition word ("ahead of Mistral AI,
/// valued at …") is that name's figure, not the sentence subject's; a verb after the
/// comma ("based in Paris, has raised …") leaves it to the sentence subject.
#[test]
fn an_apposition_after_another_name_takes_the_figure() {
    let out = figcheck(&[
        "explain",
        "--facts",
        "--config",
        "examples/figcheck.toml",
        "--lang",
        "en",
        "--date",
        "2024-06-12",
        "Brumelune now trails Lunaria Labs, valued at 5 billion euros after its spring round.",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("subject    Lunaria Labs (another name"),
        "the apposed name should take the figure:\n{text}"
    );
    let out = figcheck(&[
        "explain",
        "--facts",
        "--config",
        "examples/figcheck.toml",
        "--lang",
        "en",
        "--date",
        "2024-06-12",
        "Brumelune, a start-up based in Lyon, has raised 120 million euros.",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("subject    Brumelune"),
        "the sentence subject keeps its figure:\n{text}"
    );
}
