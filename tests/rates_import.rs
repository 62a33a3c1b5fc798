//! `rates import`: merging newer rows, and an import that fails leaves the table whole.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use figcheck::rates::import;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rates")
        .join(name)
}

fn table_copy(dir: &Path) -> PathBuf {
    let into = dir.join("ecb.csv");
    std::fs::copy(fixture("small-table.csv"), &into).unwrap();
    into
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn newer_history_rows_are_added_and_the_same_date_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let into = table_copy(tmp.path());
    let s = import(&fixture("history-newer.csv"), &into).unwrap();
    assert_eq!(
        (s.rows_read, s.added, s.replaced, s.unchanged),
        (3, 2, 1, 0)
    );
    assert!(s.new_currencies.is_empty());
    assert_eq!(s.last_date.unwrap().to_string(), "2025-02-26");
    assert_eq!(
        std::fs::read_to_string(&into).unwrap(),
        "Date,USD,JPY,CNY\n\
         2025-02-20,1.0495,157.51,7.6162\n\
         2025-02-21,1.0497,156.74,7.6066\n\
         2025-02-24,1.0468,156.81,7.5879\n\
         2025-02-25,1.0491,156.99,7.6013\n\
         2025-02-26,1.0482,156.44,7.6011\n"
    );
    // Importing the same file again changes nothing.
    let again = import(&fixture("history-newer.csv"), &into).unwrap();
    assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 3));
    assert_eq!(names(tmp.path()), vec!["ecb.csv"]);
}

#[test]
fn the_daily_file_adds_a_row_and_new_currencies() {
    let tmp = tempfile::tempdir().unwrap();
    let into = table_copy(tmp.path());
    let s = import(&fixture("daily.csv"), &into).unwrap();
    assert_eq!((s.added, s.replaced, s.unchanged), (1, 0, 0));
    assert_eq!(s.new_currencies, vec!["BGN".parse().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&into).unwrap(),
        "Date,USD,JPY,CNY,BGN\n\
         2025-02-20,1.0495,157.51,7.6162,N/A\n\
         2025-02-21,1.0497,156.74,7.6066,N/A\n\
         2025-02-24,1.0466,156.81,7.5879,N/A\n\
         2025-02-25,1.0491,156.99,7.6013,1.9558\n"
    );
}

#[test]
fn a_bad_row_in_the_middle_leaves_the_table_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let into = table_copy(tmp.path());
    let before = std::fs::read(&into).unwrap();
    let err = import(&fixture("history-bad-row.csv"), &into).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.ends_with("history-bad-row.csv:3:19: JPY: \"1S6.44\" is not a rate (expected a decimal such as 7.5875, or N/A)"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&into).unwrap(), before);
    assert_eq!(names(tmp.path()), vec!["ecb.csv"], "no temporary file left");
}

#[test]
fn a_broken_table_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("ecb.csv");
    std::fs::write(&into, "Date,USD\n2025-02-24,x\n").unwrap();
    let err = import(&fixture("daily.csv"), &into).unwrap_err();
    assert!(
        err.to_string()
            .contains("ecb.csv:2:12: USD: \"x\" is not a rate"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&into).unwrap(),
        "Date,USD\n2025-02-24,x\n"
    );
    assert_eq!(names(tmp.path()), vec!["ecb.csv"]);
}

#[test]
fn a_missing_table_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("new.csv");
    let s = import(&fixture("daily.csv"), &into).unwrap();
    assert_eq!((s.added, s.total_rows, s.total_currencies), (1, 1, 4));
    assert_eq!(
        std::fs::read_to_string(&into).unwrap(),
        "Date,USD,JPY,BGN,CNY\n2025-02-25,1.0491,156.99,1.9558,7.6013\n"
    );
}

#[test]
fn the_bundled_table_is_what_the_import_writes() {
    // rates/ecb.csv must be the canonical output of `rates import` of itself.
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("ecb.csv");
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rates/ecb.csv");
    import(&bundled, &into).unwrap();
    assert_eq!(
        std::fs::read(&into).unwrap(),
        std::fs::read(&bundled).unwrap()
    );
}
