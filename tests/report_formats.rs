//! `figcheck check --format github|sarif|jsonl|html` run as a user would, and the
//! map/reduce pair `--format jsonl` / `--claims`.
//!
//! Snapshots: `<format>@<fixture>` with the exit code, stdout and stderr in one block.
//! The SARIF output is validated against the vendored OASIS schema
//! (tests/fixtures/sarif/, see its README) before its snapshots are trusted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn figcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        // No updated rate table from the real data folder (see `figcheck rates update`).
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(root())
        .output()
        .unwrap()
}

fn block(out: &Output) -> String {
    format!(
        "exit: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const FIXTURES: [(&str, &str); 2] = [
    ("digit-drop", "examples/broken/digit-drop"),
    ("alibaba", "examples/alibaba"),
];

fn snapshot(format: &str) {
    for (name, dir) in FIXTURES {
        let out = figcheck(&["check", dir, "--format", format]);
        insta::assert_snapshot!(format!("{format}@{name}"), block(&out));
    }
}

#[test]
fn github_snapshots() {
    snapshot("github");
}

#[test]
fn jsonl_snapshots() {
    snapshot("jsonl");
}

#[test]
fn html_snapshots() {
    snapshot("html");
}

#[test]
fn sarif_snapshots() {
    sarif_is_valid_against_the_oasis_schema();
    snapshot("sarif");
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
        .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let validator = sarif_validator();
    let mut dirs = vec!["examples".to_string(), "examples/alibaba".to_string()];
    for e in std::fs::read_dir(root().join("examples/broken")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        dirs.push(format!("examples/broken/{name}"));
    }
    dirs.sort();
    for dir in dirs {
        let out = figcheck(&["check", &dir, "--format", "sarif"]);
        assert!(out.status.code().is_some_and(|c| c < 2), "{}", block(&out));
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
        // What GitHub code scanning needs beyond the schema: rule ids that resolve,
        // a location on every result, relative URIs.
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"], "{dir}");
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
            assert!(r["partialFingerprints"].is_object());
        }
    }
}

#[test]
fn sarif_schema_rejects_a_broken_log() {
    // The validator is live: a log without `version` and with a bad level fails.
    let validator = sarif_validator();
    let bad: Value = serde_json::json!({
        "runs": [{ "tool": { "driver": { "name": "x" } },
                   "results": [{ "message": { "text": "m" }, "level": "fatal" }] }]
    });
    assert!(validator.iter_errors(&bad).count() >= 2);
}

/// Every article under examples/, sorted.
fn corpus() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("examples"), &mut files);
    let mut files: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

fn json_report(args: &[&str]) -> (Option<i32>, Value) {
    let out = figcheck(args);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", block(&out));
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

/// The map step over two halves of the corpus, then the reduce step over both claim
/// files, gives the findings (and facts) of one run over the whole corpus.
#[test]
fn claims_of_two_halves_give_the_findings_of_the_whole() {
    let files = corpus();
    assert!(files.len() >= 10, "{files:?}");
    // Interleave so that sources of one fact land in both halves.
    let (a, b): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let tmp = tempfile::tempdir().unwrap();
    let mut claim_files = Vec::new();
    for (n, half) in [a, b].into_iter().enumerate() {
        let mut args = vec!["check", "--format", "jsonl", "--fail-on", "never"];
        args.extend(half.iter().map(|(_, f)| f.as_str()));
        let out = figcheck(&args);
        assert_eq!(out.status.code(), Some(0), "{}", block(&out));
        assert!(!out.stdout.is_empty());
        let path = tmp.path().join(format!("half-{n}.jsonl"));
        std::fs::write(&path, &out.stdout).unwrap();
        claim_files.push(path.to_string_lossy().to_string());
    }
    let mut whole_args = vec!["check", "--format", "json"];
    whole_args.extend(files.iter().map(String::as_str));
    let (whole_code, whole) = json_report(&whole_args);
    // Reduce, with the files given in the other order: the result must not depend on it.
    let (reduce_code, reduced) = json_report(&[
        "check",
        "--format",
        "json",
        "--config",
        "examples/figcheck.toml",
        "--claims",
        &claim_files[1],
        &claim_files[0],
    ]);
    assert!(
        whole["findings"].as_array().unwrap().len() >= 5,
        "{:#}",
        whole["findings"]
    );
    assert_eq!(whole["findings"], reduced["findings"]);
    assert_eq!(whole["facts"], reduced["facts"]);
    assert_eq!(whole["unassigned"], reduced["unassigned"]);
    assert_eq!(whole_code, reduce_code);
    // The claim files hold every claim once.
    assert_eq!(whole["summary"]["claims"], reduced["summary"]["claims"]);
}

#[test]
fn claims_given_twice_are_read_once() {
    let out = figcheck(&["check", "examples/broken/digit-drop", "--format", "jsonl"]);
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("c.jsonl");
    std::fs::write(&p, &out.stdout).unwrap();
    let p = p.to_string_lossy().to_string();
    let (_, once) = json_report(&[
        "check",
        "--format",
        "json",
        "--config",
        "examples/figcheck.toml",
        "--claims",
        &p,
    ]);
    let (_, twice) = json_report(&[
        "check",
        "--format",
        "json",
        "--config",
        "examples/figcheck.toml",
        "--claims",
        &p,
        &p,
    ]);
    assert_eq!(once, twice);
}

#[test]
fn bad_claim_files_are_errors_with_a_location() {
    let out = figcheck(&["check", "examples/broken/digit-drop", "--format", "jsonl"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    let unknown_fact = first.replace("alibaba-ai-cloud-plan-2025", "no-such-fact");
    let moved = first.replace("\"start\":154,\"end\":176", "\"start\":150,\"end\":172");
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("bad.jsonl");
    std::fs::write(
        &p,
        format!(
            "{first}\n\nnot json\n{unknown_fact}\n{{\"figcheck_claim\": 9}}\n{{\"figcheck_claim\": 1}}\n"
        ),
    )
    .unwrap();
    let p = p.to_string_lossy().to_string();
    let out = figcheck(&[
        "check",
        "--config",
        "examples/figcheck.toml",
        "--claims",
        &p,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", block(&out));
    let err = String::from_utf8_lossy(&out.stderr).replace(&p, "bad.jsonl");
    insta::assert_snapshot!("claims_bad_file", err);
    // And the parse errors alone, then the record errors alone.
    std::fs::write(&p, format!("{unknown_fact}\n{moved}\n")).unwrap();
    let out = figcheck(&[
        "check",
        "--config",
        "examples/figcheck.toml",
        "--claims",
        &p,
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", block(&out));
    let err = String::from_utf8_lossy(&out.stderr).replace(&p, "bad.jsonl");
    insta::assert_snapshot!("claims_bad_records", err);
}

#[test]
fn claims_and_paths_conflict() {
    let out = figcheck(&[
        "check",
        "examples/alibaba",
        "--claims",
        "x.jsonl",
        "--format",
        "json",
    ]);
    // With --claims taking every following value, "examples/alibaba" comes first and
    // clap reports the conflict.
    assert_eq!(out.status.code(), Some(2), "{}", block(&out));
}

/// Two desks' files of one name: the HTML page names them by the part of their paths
/// that differs, below the inputs' common folder, which it names once.
#[test]
fn html_paths_are_short_and_unique() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\ndate: 2026-03-02\nlang: fr\n---\n\nLa coopérative Vellaterre a levé 12 MEUR auprès de trois fonds.\n";
    for desk in ["desk-a", "desk-b"] {
        let d = dir.path().join("news").join(desk);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("p1.md"), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(["check", "news", "--format", "html", "--no-config"])
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("Paths are relative to <code>news/</code>."),
        "{}",
        block(&out)
    );
    assert!(html.contains("<code>desk-a/p1.md:6:"), "{}", block(&out));
    assert!(html.contains("<code>desk-b/p1.md:6:"), "{}", block(&out));
    assert!(!html.contains("news/desk-a"), "{}", block(&out));
}
