//! Properties of extraction over arbitrary text with the bundled rule packs: the text is
//! built from figure-like fragments, separators, line endings (LF, CRLF, lone CR),
//! multi-byte characters and arbitrary characters, with or without a byte order mark
//! and front matter, written to a file and read as figcheck reads articles. For every
//! mention:
//!
//! - `start < end`, both on character boundaries of the file;
//! - the file's bytes at `start..end` are the mention's text;
//! - line:column is where the figure's first character is, counted here from the
//!   file's start ("\n", "\r\n" and a lone "\r" end lines; a leading BOM is no column);
//! - `low <= value <= high` wherever they are given;
//!
//! and the same input gives the same output.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::walk_line_col;
use figcheck::extract::{extract_mentions, extract_mentions_in_pieces, Mention};
use figcheck::rules::RuleSet;
use figcheck::source::{load_sources_with_stdin, LoadOptions, Source};
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&[], true).expect("the bundled rules load"))
}

/// Pieces that make figures, near-figures and their surroundings.
const FRAGMENTS: &[&str] = &[
    "380 milliards de yuans",
    "(50 milliards d'euros)",
    "plus de 52 milliards de dollars",
    "52,4 milliards de dollars",
    "près de 8,4 Mds€",
    "entre 10 et 20 milliards de dollars",
    "environ 30 millions d'euros",
    "1 120 euros",
    "1\u{a0}120 euros",
    "1\u{202f}000 milliards de yuans",
    "32 milliards de paramètres",
    "671 milliards",
    "vingt fois plus",
    "cinquante milliards d'euros",
    "QwQ-32B",
    "$52 billion",
    "US$1,120 million",
    "€8.4bn",
    "more than $53 billion",
    "nearly 3 trillion dollars",
    "HK$5 billion",
    "¥100 billion",
    "between $10 and $20 billion",
    "20 billion parameters",
    "7777777777777777777777777777777 dollars",
    "100 000 000 000 000 000 000 000 000 000 000 yuans",
    "2,5",
    "v1.5",
    "12 %",
    "2025",
    "Alibaba",
    "la start-up",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ". ",
    ", ",
    "; ",
    "-",
    "é",
    "€",
    "$",
    "𝄞",
    "\u{a0}",
    "\u{feff}",
    "# ",
    "---\n",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
}

/// A file's text and the name it is read under.
fn article() -> impl Strategy<Value = (String, &'static str, &'static str)> {
    let body = proptest::collection::vec(fragment(), 0..40).prop_map(|v| v.concat());
    let bom = proptest::bool::ANY;
    let front = proptest::sample::select(
        &[
            "",
            "",
            "---\ndate: 2025-03-06\n---\n",
            "---\r\ntitle: Un titre\r\n---\r\n",
            "+++\ndate = 2025-02-24\n+++\n",
        ][..],
    );
    let name = proptest::sample::select(&["a.txt", "a.md"][..]);
    let lang = proptest::sample::select(&["fr", "en"][..]);
    (bom, front, body, name, lang).prop_map(|(bom, front, body, name, lang)| {
        let bom = if bom { "\u{feff}" } else { "" };
        (format!("{bom}{front}{body}"), name, lang)
    })
}

/// The mentions of `file` read as `name` in `lang`, as `extract` reads it.
fn extract(file: &str, name: &str, lang: &str) -> Vec<Mention> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, file).unwrap();
    let opts = LoadOptions {
        paths: vec![path],
        lang: Some(lang.to_string()),
        ..LoadOptions::default()
    };
    let (sources, errors) = load_sources_with_stdin(&opts, &mut std::io::empty());
    // Some generated front matter is invalid (an error, no source): nothing to check.
    if !errors.is_empty() {
        return Vec::new();
    }
    sources
        .iter()
        .flat_map(|s| extract_mentions(rules(), s))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 160,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mentions_point_into_the_file_and_hold_their_bounds((file, name, lang) in article()) {
        let mentions = extract(&file, name, lang);
        for m in &mentions {
            let (start, end) = (m.span.start, m.span.end);
            prop_assert!(start < end, "{m:?}");
            prop_assert!(file.is_char_boundary(start) && file.is_char_boundary(end), "{m:?}");
            prop_assert_eq!(file.get(start..end), Some(m.text.as_str()));
            prop_assert_eq!((m.line, m.column), walk_line_col(&file, start), "{:?}", m);
            let q = &m.quantity;
            if let (Some(low), Some(high)) = (q.low, q.high) {
                prop_assert!(low <= high, "{m:?}");
            }
            if let (Some(low), Some(value)) = (q.low, q.value) {
                prop_assert!(low <= value, "{m:?}");
            }
            if let (Some(value), Some(high)) = (q.value, q.high) {
                prop_assert!(value <= high, "{m:?}");
            }
        }
        // In text order, not overlapping.
        for w in mentions.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "{:?}", w);
        }
        // The same input, the same output.
        prop_assert_eq!(&mentions, &extract(&file, name, lang));
    }

    /// A long source is scanned in pieces side by side: cut anywhere, the pieces give
    /// the mentions of one scan.
    #[test]
    fn pieces_give_the_mentions_of_one_scan((file, name, lang) in article(), chunk in 1usize..64) {
        let source = Source::from_text(name, file, lang);
        prop_assert_eq!(
            extract_mentions_in_pieces(rules(), &source, chunk),
            extract_mentions(rules(), &source)
        );
    }
}

/// The fragments do make figures: the properties are not checked over nothing.
#[test]
fn the_fragments_make_figures() {
    let text = format!(
        "\u{feff}---\ndate: 2025-03-06\n---\n{}",
        FRAGMENTS[..8].join(" et \r")
    );
    let found = extract(&text, "a.md", "fr");
    assert!(found.len() >= 6, "{found:?}");
    for m in &found {
        assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
        assert_eq!((m.line, m.column), walk_line_col(&text, m.span.start));
    }
}
