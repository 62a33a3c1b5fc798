//! Byte offsets of a text <-> LSP positions (0-based line, UTF-16 code units), and file
//! paths <-> `file://` URIs. Nothing here can fail on odd input: an offset or position
//! past the end is clamped.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The LSP position of byte `offset` of `text` (clamped to the text, and back to a
/// character boundary).
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let col: usize = before
        .get(line_start..)
        .unwrap_or_default()
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

/// The byte offset of an LSP position in `text` (the line's end when the character is
/// past it; the text's end when the line is).
pub fn offset_of(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(start..).unwrap_or_default();
    let line = line.split('\n').next().unwrap_or_default();
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units = units.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
    }
    start + line.len()
}

/// The range of bytes `start..end` of `text`.
pub fn range_of(text: &str, start: usize, end: usize) -> Range {
    Range::new(position_of(text, start), position_of(text, end))
}

/// The file a `file://` URI names, percent-decoded.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // file://host/path: only the local host (empty or "localhost") is a local file.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file://` URI of an absolute path, percent-encoded.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "ab\n€ 5 😀 x\n";
        // "€" is 3 bytes, 1 unit; "😀" 4 bytes, 2 units
        let x = text.find('x').unwrap();
        assert_eq!(position_of(text, x), Position::new(1, 7));
        assert_eq!(offset_of(text, Position::new(1, 7)), x);
        assert_eq!(position_of(text, 999), Position::new(2, 0));
        assert_eq!(offset_of(text, Position::new(9, 9)), text.len());
        assert_eq!(offset_of(text, Position::new(0, 99)), 2);
        // inside a multi-byte character: back to its start
        assert_eq!(position_of(text, 4), Position::new(1, 0));
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/a b/é.md");
        let uri = path_to_uri(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9.md");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        assert_eq!(uri_to_path(&Uri::from_str("untitled:1").unwrap()), None);
    }
}
