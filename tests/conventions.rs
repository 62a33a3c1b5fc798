//! Issue 13, the conventions of linters: shell completions, a man page, `rules show`
//! (a pattern's expanded regex) and `rules explain-check` (what a check does).

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::path::Path;
use std::process::{Command, Output};

fn output(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn completions_know_the_subcommands_and_the_formats() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = output(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = text(&out.stdout);
        for word in ["check", "extract", "explain-check", "baseline"] {
            assert!(s.contains(word), "{shell}: no {word}");
        }
        // shells that complete values know the new format
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(s.contains("concise"), "{shell}: no concise");
        }
    }
    let bad = output(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let out = output(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(s.contains(".TH figcheck 1"), "{s}");
    assert!(s.contains(".SH SYNOPSIS"), "{s}");
    for sub in [
        "check",
        "extract",
        "explain",
        "rules",
        "convert",
        "rates",
        "completions",
    ] {
        assert!(s.contains(&format!("figcheck\\-{sub}(1)")), "{sub}: {s}");
    }
}

#[test]
fn rules_show_prints_the_expanded_regex() {
    let out = output(&["rules", "show", "fr.money.amount-currency", "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("written at: rules/fr/money.toml:"), "{s}");
    assert!(s.contains("regex: {qualifier}?{number}"), "{s}");
    let expanded = s
        .lines()
        .find(|l| l.starts_with("  expanded (fr): "))
        .unwrap();
    // the placeholders are gone, the French tables are in
    assert!(!expanded.contains("{currency}"), "{expanded}");
    assert!(expanded.contains("milliard"), "{expanded}");
    assert!(
        s.contains("\"un plan de 380 milliards de yuans sur trois ans\""),
        "{s}"
    );

    let unknown = output(&["rules", "show", "fr.money.amount", "--no-config"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = text(&unknown.stderr);
    assert!(err.contains("did you mean fr.money.amount-"), "{err}");
}

#[test]
fn rules_explain_check_prints_what_a_check_does() {
    let out = output(&["rules", "explain-check", "part-exceeds-whole"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert!(
        s.starts_with(
            "part-exceeds-whole (A part is larger than its whole)\nDefault severity: error\n"
        ),
        "{s}"
    );
    assert!(
        s.contains("What it checks:") && s.contains("Why it matters:"),
        "{s}"
    );
    let all = text(&output(&["rules", "explain-check"]).stdout);
    assert_eq!(all.lines().count(), 11, "{all}");
    let bad = output(&["rules", "explain-check", "no-such-check"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown check \"no-such-check\""));
}

#[test]
fn explain_shows_amounts_as_people_say_them() {
    let out = output(&[
        "explain",
        "--no-config",
        "--lang",
        "fr",
        "plus de 52,4 milliards de dollars",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("  value      52.4 bn USD = 52400000000  (stated bounds 52.4 bn .. open)"),
        "{s}"
    );
    assert!(
        s.contains("  precision  100 M  (the last stated digit)"),
        "{s}"
    );
}

#[test]
fn absolute_inputs_are_shown_relative_to_the_working_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("examples/broken/digit-drop");
    let out = output(&["check", dir.to_str().unwrap(), "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "examples/broken/digit-drop/2025-02-26-fr-digit.md");
    let gh = text(&output(&["check", dir.to_str().unwrap(), "--format", "github"]).stdout);
    assert!(
        gh.starts_with("::error file=examples/broken/digit-drop/2025-02-26-fr-digit.md,"),
        "{gh}"
    );
}
