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

/// Every ASCII letter or digit of an HTML file's text maps to that byte of the file
/// (or to the `&` of the reference it came from); the map never goes backwards.
fn assert_html_maps_home(file: &str) {
    let h = read_html(file);
    let mut prev = 0;
    for (i, c) in h.text.char_indices() {
        let at = h.map.to_file(i);
        assert!(
            at >= prev && file.is_char_boundary(at),
            "{file:?}: {i} -> {at}"
        );
        prev = at;
        if c.is_ascii_alphanumeric() {
            let b = file.as_bytes().get(at).copied().map(char::from);
            assert!(
                b == Some(c) || b == Some('&'),
                "{file:?}: {c:?} at {i} -> {b:?} at {at}"
            );
        }
    }
}

/// fuzz target `html`: an unknown named reference (`&ldvuo;`) and the other reference
/// edge cases were aligned by guessing from the decoded text; the map now comes from
/// where the tokenizer read each piece.
#[test]
fn html_references_of_every_kind_map_each_character_home() {
    for file in [
        "<p>a &ldvuo; 5 b &ldquo;6&rdquo; c</p>",
        "<p>x&amp y &amp;amp; &nbsp5 &#x110000; &#0; &#59; &#x35 7 &notin; &notit;</p>",
        "<p>&fjlig; fj &nGt; 8 &#X41;B &#65A &#xD800; &#128; &lt&gt &;x &#;y &#x;z</p>",
        "<p>one\r\ntwo\rthree\r\n\r\n4 milliards</p>\r\n<p title=\"&amp;5\">6</p>",
        "<p>a<!-- 5 &amp; -->b<![CDATA[x]]>5 &sectionamp; &ampamp; &AMP 9</p>",
        "<pre>\r\n\r\n7 &amp\r\n8</pre><p>&nbsp&nbsp2 000 &euro;</p>",
        // text emitted after more input was read: "</" and a name that does not close
        // the RCDATA element (fuzz artifact: `<title>lo;ok</navle>`)
        "<p>ab</p><title>lo;ok</navle>\n  <m</title><p>5 n</p>",
        "<textarea>a</b>5 n&amp;6</textarea><p>x</p><xmp>c</d>7</xmp>",
        "<p>&amp;&lt;5 &amp;&amp;6 &#38;7</p>",
    ] {
        assert_html_maps_home(file);
    }
}

/// fuzz target `html` (long runs, 1.5 M and 4.1 M executions): an unfinished end tag at the end of
/// the file inside `<title>`'s raw text, right after a CR LF. The tokenizer emits "</v"
/// once it reaches the end, after the LF of the CR LF (emitted as its CR); the reader
/// looked for "</" at the LF, missed, and put the letters at the end of the file.
#[test]
fn html_unfinished_end_tag_after_a_crlf_at_the_end_maps_home() {
    assert_html_maps_home("<title/>\r\n</v");
    assert_html_maps_home("<title>a\r\n</b");
    assert_html_maps_home("<textarea>1\r\n</x2");
    // and after a CR LF then a lone CR (the next finding of the same run, 4.1 M)
    assert_html_maps_home("<title/>\r\n\r</y");
    assert_html_maps_home("<title>a\r\r\n\n\r</b");
}

/// The same, through extraction: a figure after such references has its text at its
/// span in the file and its line:column.
#[test]
fn html_figure_after_unknown_reference_and_crlf_has_its_position() {
    let file = "<p>Le groupe &ldvuo; a&#x110000;\r\ninvesti &amp 5 milliards d'euros.</p>\r\n";
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

/// fuzz target `front_matter`: a TOML error at the end of a CRLF line (toml's offset is
/// the LF's) got a column one past the line's end; the break is one place, the CR's.
#[test]
fn toml_front_matter_error_at_a_crlf_line_end_stays_on_the_line() {
    let text = "+++\r\ntitle = \r\n+++\r\nBody.\r\n";
    let err = figcheck::source::front_matter::read_front_matter(text, "a.md", &[]).unwrap_err();
    let loc = err.location.unwrap();
    assert_eq!((loc.line, loc.column), (2, "title = ".len() + 1), "{loc:?}");
    // The offset of the LF of a CR LF is the CR's place, at the end of its line.
    let text = "a = \r\nb";
    assert_eq!(figcheck::text::line_col(text, 5), (1, 5));
    assert_eq!(figcheck::text::line_col(text, 4), (1, 5));
    assert_eq!(figcheck::text::line_col(text, 6), (2, 1));
}

/// fuzz target `html` (input kept as a fixture): inside `<title>`, "</navle>" is text,
/// emitted as "</" and "navle" once the name was read; "navle" was mapped to the `>`.
#[test]
fn html_text_emitted_after_more_input_was_read_maps_home() {
    assert_html_maps_home(include_str!("fixtures/fuzz/html-rcdata-end-tag.html"));
}
