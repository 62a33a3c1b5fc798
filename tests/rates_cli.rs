//! `figcheck convert` and `figcheck rates ...` run as a user would: exit code, stdout
//! and stderr in one snapshot.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::path::Path;
use std::process::Command;

fn run_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        // No updated rate table from the real data folder (see `figcheck rates update`).
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        // `rates info` says how old the newest row is: fix today.
        .env("FIGCHECK_TODAY", "2026-11-02")
        .current_dir(dir)
        .output()
        .unwrap();
    format!(
        "exit: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run(args: &[&str]) -> String {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

#[test]
fn convert_human() {
    insta::assert_snapshot!(run(&[
        "convert",
        "380 milliards",
        "CNY",
        "--to",
        "EUR,USD",
        "--date",
        "2025-02-24"
    ]));
}

#[test]
fn convert_json() {
    insta::assert_snapshot!(run(&[
        "convert",
        "380e9",
        "CNY",
        "--to",
        "EUR,USD",
        "--date",
        "2025-03-06",
        "--format",
        "json"
    ]));
}

#[test]
fn convert_on_a_saturday_names_the_row_used() {
    insta::assert_snapshot!(run(&[
        "convert",
        "52,4 milliards",
        "USD",
        "--to",
        "EUR,CNY",
        "--date",
        "2021-04-10"
    ]));
}

#[test]
fn convert_with_a_user_table() {
    insta::assert_snapshot!(run(&[
        "convert",
        "1000",
        "JPY",
        "--to",
        "USD,EUR",
        "--date",
        "2025-02-24",
        "--rates",
        "tests/fixtures/rates/override"
    ]));
}

#[test]
fn convert_errors() {
    insta::assert_snapshot!(
        "convert_before_table",
        run(&[
            "convert",
            "380bn",
            "CNY",
            "--to",
            "EUR",
            "--date",
            "1998-12-31"
        ])
    );
    insta::assert_snapshot!(
        "convert_not_available",
        run(&[
            "convert",
            "1 000",
            "RUB",
            "--to",
            "EUR,USD",
            "--date",
            "2023-05-02"
        ])
    );
    insta::assert_snapshot!(
        "convert_bad_input",
        run(&[
            "convert",
            "abc",
            "US",
            "--to",
            "EUR,XYZ1",
            "--date",
            "2025-02-30"
        ])
    );
    insta::assert_snapshot!(
        "convert_bad_user_table",
        run(&[
            "convert",
            "1",
            "USD",
            "--to",
            "EUR",
            "--date",
            "2025-02-24",
            "--rates",
            "tests/fixtures/rates/bad"
        ])
    );
}

#[test]
fn rates_show() {
    insta::assert_snapshot!(
        "rates_show_one",
        run(&["rates", "show", "--date", "2021-04-10", "--currency", "USD"])
    );
    insta::assert_snapshot!(
        "rates_show_all_json",
        run(&[
            "rates",
            "show",
            "--date",
            "2025-02-24",
            "--format",
            "json",
            "--rates",
            "tests/fixtures/rates/override"
        ])
    );
    insta::assert_snapshot!(
        "rates_show_after_end",
        run(&["rates", "show", "--date", "2026-11-29", "--currency", "CNY"])
    );
}

#[test]
fn rates_info() {
    insta::assert_snapshot!(
        "rates_info_human",
        run(&[
            "rates",
            "info",
            "--rates",
            "tests/fixtures/rates/override",
            "--rates",
            "tests/fixtures/rates/override-later"
        ])
    );
    insta::assert_snapshot!(
        "rates_info_json",
        run(&[
            "rates",
            "info",
            "--format",
            "json",
            "--no-default-rates",
            "--rates",
            "tests/fixtures/rates/gap"
        ])
    );
}

#[test]
fn rates_import() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rates");
    for f in ["small-table.csv", "daily.csv", "history-bad-row.csv"] {
        std::fs::copy(fixtures.join(f), tmp.path().join(f)).unwrap();
    }
    insta::assert_snapshot!(
        "rates_import_daily",
        run_in(
            tmp.path(),
            &["rates", "import", "daily.csv", "--into", "small-table.csv"]
        )
    );
    insta::assert_snapshot!(
        "rates_import_bad_row",
        run_in(
            tmp.path(),
            &[
                "rates",
                "import",
                "history-bad-row.csv",
                "--into",
                "small-table.csv"
            ]
        )
    );
}
