//! Regression tests for what the fuzz targets (fuzz/, run by fuzz/run.sh) found: each
//! test is the smallest input of one finding, checked for the invariant it broke.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::walk_line_col;
use figcheck::extract::extract_mentions;
use figcheck::facts::claims_io::parse_records;
use figcheck::rules::RuleSet;
use figcheck::source::html::read_html;
use figcheck::source::{source_from_bytes, LoadOptions};
use std::path::Path;

/// fuzz target `html`: a legacy character reference (no `;`) followed by letters or
/// digits was aligned as a two-character decoding ("&secti" -> "§i"), so the character
/// after it mapped into the reference and a figure starting there got a column too far
/// left.
#[test]
fn html_legacy_reference_then_letters_maps_each_character_home() {
    let file = "<p>Alibaba &sectionamp; its cloud unit</p>";
    let h = read_html(file);
    assert!(h.text.starts_with("Alibaba §ionamp; its"), "{:?}", h.text);
    let i = h.text.find("ionamp").unwrap();
    assert_eq!(&file[h.map.to_file(i)..][..6], "ionamp");
}

#[test]
fn html_figure_right_after_a_reference_without_semicolon_has_its_column() {
    let file = "<p>Le groupe a investi&nbsp5 milliards d'euros en 2024.</p>\n";
    let rules = RuleSet::bundled().unwrap();
    let opts = LoadOptions {
        lang: Some("fr".into()),
        known_langs: rules.languages(),
        ..LoadOptions::default()
    };
    let source = source_from_bytes("a.html", file.as_bytes().to_vec(), &opts).unwrap();
    let mentions = extract_mentions(&rules, &source);
    let m = mentions
        .iter()
        .find(|m| m.text.starts_with('5'))
        .unwrap_or_else(|| panic!("no figure read: {mentions:?}"));
    let five = file.find("5 milliards").unwrap();
    assert_eq!((m.line, m.column), walk_line_col(file, five));
    assert_eq!(source.file_offset(m.span.start), five);
}

/// fuzz target `claims`: a claim file's JSON syntax error gave serde_json's column, a
/// byte count, as the location's column, which counts characters: past the end of a
/// line with accents.
#[test]
fn claim_file_syntax_error_column_counts_characters() {
    let line = r#"{"figcheck_claim": 1, "text": "éé€€ fin" x}"#;
    let err = parse_records(Path::new("c.jsonl"), line).unwrap_err();
    let loc = err.0[0].location.clone().unwrap();
    let x = line.find(" x}").unwrap() + 1;
    assert_eq!((loc.line, loc.column), (1, line[..x].chars().count() + 1));
}

/// fuzz target `rates`: a rate of 19 digits overflowed the fast decimal reader's i64
/// (a panic in builds with overflow checks, a wrapped intermediate otherwise) before it
/// handed the cell to the general parser.
#[test]
fn rate_of_nineteen_digits_is_read_exactly() {
    let text = "Date,USD\n2025-04-20,9666666666666666666\n";
    let data = figcheck::rates::ecb::parse(text, Path::new("t.csv")).unwrap();
    let row = data.rows.values().next().unwrap();
    assert_eq!(row[0], Some("9666666666666666666".parse().unwrap()));
}
