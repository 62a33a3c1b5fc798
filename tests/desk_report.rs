//! Issue 13: reports a desk editor reads in ten seconds. The default human report of
//! examples/ fits on one screen and names every fault; `--format concise` is one line per
//! finding; `--verbose` lists every figure with the wrong rows marked; one mistake gives
//! one finding, the other checks on the same figure folded in as related.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use serde_json::Value;
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

fn stdout(args: &[&str]) -> String {
    String::from_utf8_lossy(&output(args).stdout).into_owned()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&output(args).stdout).unwrap()
}

/// Every broken example folder's faulty figure, as path:line:col.
fn faults() -> Vec<String> {
    let report = json(&["check", "examples/broken", "--format", "json"]);
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let c = &f["claims"][0];
            format!(
                "{}:{}:{}",
                c["path"].as_str().unwrap(),
                c["line"],
                c["column"]
            )
        })
        .collect()
}

#[test]
fn the_concise_report_of_the_examples_fits_one_screen_and_names_every_fault() {
    let out = output(&["check", "examples/"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines = text.lines().count();
    // 40 lines until the wrong-sum and wrong-share folders added two findings (four lines).
    assert!(lines <= 44, "{lines} lines:\n{text}");
    let faults = faults();
    // one per broken folder (seven when this was written), one finding each
    assert!(faults.len() >= 7, "{faults:?}");
    for fault in &faults {
        assert!(text.contains(fault.as_str()), "{fault} missing:\n{text}");
    }
    // every figure is not listed by default, the figures tied to no fact are counted
    assert!(
        !text.contains("examples/alibaba/2025-02-24-fr-plan.md:7:59"),
        "{text}"
    );
    assert!(
        text.contains(" tied to no fact (--verbose lists every figure)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let text = stdout(&["check", "examples/", "--format", "concise"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), faults().len() + 1, "{text}"); // the findings and the summary
    for fault in faults() {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{fault}: "))),
            "{fault}:\n{text}"
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn verbose_lists_every_figure_and_marks_the_wrong_one() {
    let text = stdout(&["check", "examples/broken/digit-drop", "--verbose"]);
    let wrong: Vec<&str> = text.lines().filter(|l| l.starts_with("  ✗ ")).collect();
    assert_eq!(wrong.len(), 1, "{text}");
    assert!(wrong[0].contains("2025-02-26-fr-digit.md:8:125"), "{text}");
    // the figure as stated, not widened by the tolerance, which is shown apart
    assert!(
        wrong[0].contains("\"38 milliards de yuans\"  38 bn CNY (2025-02-26)"),
        "{text}"
    );
    assert!(text.contains("tolerance: ±0.5 %"), "{text}");
    assert!(text.contains("probable cause: ×10 too small"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_stale_conversion_makes_a_warning_verdict_not_an_inconsistent_one() {
    let text = stdout(&["check", "examples/broken/late-conversion"]);
    assert!(
        text.contains("WARNING       alibaba-ai-cloud-plan-2025"),
        "{text}"
    );
    assert!(!text.contains("INCONSISTENT"), "{text}");
    // a ratio failing elsewhere does not make the facts it compares inconsistent
    let text = stdout(&["check", "examples/broken/wrong-ratio"]);
    assert!(
        text.contains("CONSISTENT    deepseek-r1-parameters"),
        "{text}"
    );
    assert!(!text.contains("INCONSISTENT"), "{text}");
}

#[test]
fn one_mistake_one_finding_with_the_other_checks_related() {
    let dir = "examples/broken/part-exceeds-whole";
    let report = json(&["check", dir, "--format", "json"]);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["check"], "part-exceeds-whole");
    assert_eq!(findings[0]["related"][0]["check"], "cross-source-mismatch");
    assert_eq!(report["summary"]["errors"], 1);
    let sarif = json(&["check", dir, "--format", "sarif"]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0]["properties"]["relatedChecks"][0],
        "cross-source-mismatch"
    );
    // the whole ("1 120 milliards de dollars") is a related location
    let related = results[0]["relatedLocations"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|l| l["message"]["text"] == "\"1 120 milliards de dollars\""),
        "{related:?}"
    );
}
