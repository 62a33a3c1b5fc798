//! Invariants shared by the fuzz targets. Each check panics with what it found, which
//! libFuzzer records as a crash with the input that caused it: a violated invariant is
//! a finding like a panic in figcheck itself.

use figcheck::error::{Error, Location};
use figcheck::extract::Mention;
use figcheck::quantity::Quantity;
use figcheck::rules::RuleSet;
use figcheck::source::Source;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The bundled rule packs, compiled once per fuzzing process.
pub fn bundled() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| match RuleSet::bundled() {
        Ok(r) => r,
        Err(e) => panic!("the bundled rules do not load: {e:?}"),
    })
}

/// How lines end when counting lines and columns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Articles, rule packs: "\n", "\r\n" and a lone "\r" end a line.
    Any,
    /// JSON lines, CSV: only "\n" ends a line (a "\r" before it is part of the break).
    Lf,
}

/// Line and column (1-based, in characters) of a byte offset, walking the file from its
/// start: "\n", "\r\n" and a lone "\r" end lines; a leading byte order mark is no
/// column. The reference the extractor's line index is compared with (as in
/// tests/common).
pub fn walk_line_col(file: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = file.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        if i == 0 && c == '\u{feff}' {
            continue;
        }
        let lone_cr = c == '\r' && chars.peek().map(|(_, n)| *n) != Some('\n');
        if c == '\n' || lone_cr {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// The length in characters of each line of `text` (without its line break).
fn line_lengths(text: &str, lines: Lines) -> Vec<usize> {
    let mut out = vec![0usize];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let brk = match lines {
            Lines::Any => c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')),
            Lines::Lf => c == '\n',
        };
        let part_of_break = c == '\r' && chars.peek() == Some(&'\n');
        if brk {
            out.push(0);
        } else if !part_of_break {
            if let Some(last) = out.last_mut() {
                *last += 1;
            }
        }
    }
    out
}

/// A location points into its file: line 1..=lines, column 1..=length+1 (0 for "not
/// known" is allowed for either; a column needs a line).
pub fn check_location(loc: &Location, text: &str, lines: Lines) {
    if loc.line == 0 {
        assert_eq!(loc.column, 0, "a column without a line: {loc:?}");
        return;
    }
    let lengths = line_lengths(text, lines);
    let Some(len) = lengths.get(loc.line - 1) else {
        panic!(
            "{loc:?}: line {} past the end ({} lines)",
            loc.line,
            lengths.len()
        );
    };
    assert!(
        loc.column <= len + 1,
        "{loc:?}: column {} past the end of the line ({len} characters)",
        loc.column
    );
}

/// Every located error names one of `files` and points into it.
pub fn check_errors(errors: &[Error], files: &[(PathBuf, String)], lines: Lines) {
    for e in errors {
        let Some(loc) = &e.location else { continue };
        let Some((_, text)) = files.iter().find(|(p, _)| *p == loc.path) else {
            // A pack-level error may name the pack's folder.
            continue;
        };
        check_location(loc, text, lines);
    }
}

/// `low <= value <= high` wherever two of them are given.
pub fn check_quantity(q: &Quantity, what: &str) {
    let pairs = [(q.low, q.value), (q.value, q.high), (q.low, q.high)];
    for (a, b) in pairs {
        if let (Some(a), Some(b)) = (a, b) {
            assert!(a <= b, "{what}: bounds out of order: {q:?}");
        }
    }
}

/// The mention invariants over a source: spans inside the text on character
/// boundaries, the text at the span, line:column at the figure's first character of
/// the file (through the offset map for HTML), bounds in order, text order.
pub fn check_mentions(source: &Source, mentions: &[Mention]) {
    let text = &source.text;
    let file = source.position_text();
    let mut prev = 0;
    for m in mentions {
        let (start, end) = (m.span.start, m.span.end);
        assert!(start < end, "empty or reversed span: {m:?}");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span off character boundaries of the text: {m:?}"
        );
        assert_eq!(text.get(start..end), Some(m.text.as_str()), "{m:?}");
        assert!(start >= source.body.start, "figure before the body: {m:?}");
        assert!(start >= prev, "mentions out of text order: {m:?}");
        prev = start;
        let at = source.file_offset(start);
        assert!(
            file.is_char_boundary(at),
            "file offset {at} off a character boundary: {m:?}"
        );
        assert_eq!(
            (m.line, m.column),
            walk_line_col(file, at),
            "line:column is not the figure's first character in the file: {m:?}"
        );
        if source.mapped.is_none() {
            assert_eq!(file.get(start..end), Some(m.text.as_str()), "{m:?}");
        } else {
            // HTML: the file has the figure's first character there, or the character
            // reference it was decoded from.
            let in_file = file.get(at..).and_then(|s| s.chars().next());
            if in_file != Some('&') {
                assert_eq!(in_file, m.text.chars().next(), "HTML offset drift: {m:?}");
            }
        }
        check_quantity(&m.quantity, &m.text);
    }
}

/// Split a multi-file input: a line `#@ dir/name.toml` starts a file; text before the
/// first such line is `pack/pack.toml`; a path given again replaces the earlier file. Used to seed and fuzz whole rule packs.
pub fn split_files(input: &str) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = vec![(PathBuf::from("pack/pack.toml"), String::new())];
    for line in input.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("#@ ") {
            // A path given twice: the later file replaces the earlier one.
            let path = PathBuf::from(name.trim());
            files.retain(|(p, _)| *p != path);
            files.push((path, String::new()));
        } else if let Some((_, text)) = files.last_mut() {
            text.push_str(line);
        }
    }
    files.retain(|(p, t)| !(p.as_os_str() == "pack/pack.toml" && t.is_empty()));
    files
}
