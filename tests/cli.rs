//! The binary's errors, snapshot-tested: exit code, stdout and stderr in one block.
//! Each broken rule pack under `fixtures/rules-bad/` has one defect; the command runs
//! in the crate folder so that paths in messages are relative and stable.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::process::Command;

const ARTICLE: &str = "tests/fixtures/cli/article-fr.txt";
const INVALID_UTF8: &str = "tests/fixtures/cli/invalid-utf8.txt";

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        // No updated rate table from the real data folder (see `figcheck rates update`).
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        // clap wraps help at the terminal width; fix it.
        .env("COLUMNS", "100")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run figcheck");
    let code = out
        .status
        .code()
        .map_or_else(|| "signal".to_string(), |c| c.to_string());
    format!(
        "exit: {code}\n----- stdout -----\n{}\n----- stderr -----\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fixture path relative to the crate folder, with `/`.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn bad_rule_pack() {
    insta::glob!("fixtures/rules-bad/*", |path| {
        let dir = relative(path);
        insta::assert_snapshot!(run(&["extract", "--rules", &dir, ARTICLE]));
    });
}

#[test]
fn two_bad_packs_report_both_errors() {
    insta::assert_snapshot!(run(&[
        "extract",
        "--rules",
        "tests/fixtures/rules-bad/invalid-regex",
        "--rules",
        "tests/fixtures/rules-bad/unknown-key",
        ARTICLE,
    ]));
}

#[test]
fn a_folder_of_bad_packs_reports_every_error() {
    insta::assert_snapshot!(run(&[
        "extract",
        "--rules",
        "tests/fixtures/rules-bad",
        ARTICLE
    ]));
}

#[test]
fn extract_a_missing_file() {
    insta::assert_snapshot!(run(&["extract", "tests/fixtures/cli/missing.txt"]));
}

#[test]
fn extract_invalid_utf8_is_an_error_with_its_byte_offset() {
    insta::assert_snapshot!(run(&["extract", ARTICLE, INVALID_UTF8]));
}

#[test]
fn extract_invalid_utf8_lossy_is_a_warning() {
    insta::assert_snapshot!(run(&["extract", "--lossy", ARTICLE, INVALID_UTF8]));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    insta::assert_snapshot!(run(&["extract", "--frobnicate", ARTICLE]));
}

#[test]
fn help_exits_zero() {
    insta::assert_snapshot!(run(&["--help"]));
}
