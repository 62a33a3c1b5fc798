//! Byte offset -> 1-based line and column (in characters), built once per text.
//!
//! Lines end at "\n", "\r\n" or a lone "\r" (as editors show them). A leading UTF-8 byte
//! order mark is not a column: the first character after it is at 1:1.
//!
//! Lookups made in text order ([`LineIndex::line_col_after`], as extraction makes them)
//! count the characters between one offset and the next once: all of them together
//! read the text once, whatever its lines' lengths. Any other lookup costs at most one
//! binary search and the counting of [`CHUNK`] bytes: for those the index keeps the
//! number of characters before every [`CHUNK`]-th byte, counted over the whole text the
//! first time such a lookup needs them (a column is then the difference of two such
//! counts, so one long line with a million figures stays linear either way).

/// Bytes between two character-count checkpoints.
const CHUNK: usize = 256;

/// Line starts and character-count checkpoints of a text, for fast offset ->
/// line/column lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// `chars[k]`: characters in `text[..floor_char_boundary(k * CHUNK)]`; counted
    /// when first needed (lookups in text order never need them).
    chars: std::sync::OnceLock<Vec<usize>>,
    /// Length of a leading byte order mark (0 or 3).
    bom: usize,
}

impl LineIndex {
    /// Index the line starts and character counts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Line breaks: a vectorised search for the rare CR and LF.
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
            if lone_cr || bytes.get(i) == Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            starts,
            chars: std::sync::OnceLock::new(),
            bom,
        }
    }

    /// The character-count checkpoints of `text` (see [`LineIndex::chars`]), counted
    /// on first use.
    fn checkpoints(&self, text: &str) -> &[usize] {
        self.chars.get_or_init(|| {
            let mut chars = Vec::with_capacity(text.len() / CHUNK + 1);
            let mut count = 0usize;
            for (k, block) in text.as_bytes().chunks(CHUNK).enumerate() {
                // The count at the char boundary at or before `k * CHUNK`: continuation
                // bytes before it in the same character were not counted yet, and the
                // character's first byte was.
                let back = usize::from(!text.is_char_boundary(k * CHUNK));
                chars.push(count - back);
                count += chars_in(block);
            }
            chars
        })
    }

    /// Characters in `text[..offset]`, `offset` a char boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let chars = self.checkpoints(text);
        let k = (offset / CHUNK).min(chars.len().saturating_sub(1));
        let (base, from) = match chars.get(k) {
            Some(c) => (*c, floor_char_boundary(text, k * CHUNK)),
            None => (0, 0),
        };
        base + text.get(from..offset).map_or(0, |s| chars_in(s.as_bytes()))
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    /// Offsets past the end or inside a character are clamped to a valid position.
    /// An offset between the CR and the LF of a line break is the CR's: the break is
    /// one place at the end of its line, never a column past it.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut anywhere = LineCursor {
            in_order: false,
            ..LineCursor::default()
        };
        self.line_col_after(text, offset, &mut anywhere)
    }

    /// [`LineIndex::line_col`] for offsets asked in increasing order, from where
    /// `cursor` is (the offset asked before; a new cursor is at the start), which it
    /// then moves to: the lines between the two are stepped over (a figure is usually a
    /// few lines after the one before it), and on the same line only the characters
    /// between the two are counted. Any offset may be asked: one before the cursor is
    /// looked for from the start.
    pub fn line_col_after(
        &self,
        text: &str,
        offset: usize,
        cursor: &mut LineCursor,
    ) -> (usize, usize) {
        let mut offset = floor_char_boundary(text, offset.min(text.len()));
        if offset > 0 && text.as_bytes().get(offset - 1..=offset) == Some(b"\r\n") {
            offset -= 1;
        }
        let from = cursor.line.min(self.starts.len().saturating_sub(1));
        let ahead = self.starts.get(from).is_some_and(|s| *s <= offset);
        let near = ahead
            && self
                .starts
                .get(from + 1..)
                .and_then(|rest| rest.get(..8))
                .is_some_and(|next8| next8.last().is_some_and(|s| *s > offset));
        let line = if near {
            from + self
                .starts
                .get(from + 1..)
                .map_or(0, |rest| rest.iter().take_while(|s| **s <= offset).count())
        } else {
            match self.starts.binary_search(&offset) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        let mut start = self.starts.get(line).copied().unwrap_or(0);
        if line == 0 && offset >= self.bom {
            start = self.bom;
        }
        // Characters from the line's start: from the cursor when it is on this line
        // before the offset, else counted from the start when near it, else the
        // difference of two checkpoint counts (a long line). Lookups in text order
        // count from the cursor, or from the start of a line after it, however far:
        // each character is counted once over all of them. A cursor asked for an
        // offset before it is in order no more.
        let count = |s: &str| chars_in(s.as_bytes());
        let in_order = cursor.in_order && cursor.at <= offset;
        let on_line = cursor.line == line && cursor.at >= start && cursor.at <= offset;
        let onward = in_order && cursor.at <= start;
        let chars = match (
            on_line,
            text.get(cursor.at..offset),
            text.get(start..offset),
        ) {
            (true, Some(s), _) if s.len() <= CHUNK || in_order => cursor.chars + count(s),
            (_, _, Some(s)) if s.len() <= CHUNK || onward => count(s),
            _ => self
                .chars_before(text, offset)
                .saturating_sub(self.chars_before(text, start)),
        };
        *cursor = LineCursor {
            line,
            at: offset,
            chars,
            in_order,
        };
        (line + 1, chars + 1)
    }
}

/// Where the last [`LineIndex::line_col_after`] was: its 0-based line, its offset and
/// the characters from the line's start to it. A new cursor is at the start, for
/// lookups mostly in text order.
#[derive(Debug, Clone, Copy)]
pub struct LineCursor {
    line: usize,
    at: usize,
    chars: usize,
    /// Whether the lookups come mostly in text order, so that counting from the cursor
    /// however far is linear overall (false for one-off lookups: [`LineIndex::line_col`]).
    in_order: bool,
}

impl Default for LineCursor {
    fn default() -> Self {
        LineCursor {
            line: 0,
            at: 0,
            chars: 0,
            in_order: true,
        }
    }
}

/// Characters that start in the UTF-8 `bytes`: the bytes that do not continue a
/// character (`10xxxxxx`), counted eight at a time.
fn chars_in(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut continuing = 0;
    for word in &mut words {
        if let Ok(word) = <[u8; 8]>::try_from(word) {
            let w = u64::from_le_bytes(word);
            // Each byte's bit 7 set and bit 6 (shifted into bit 7's place) clear.
            continuing += (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
        }
    }
    continuing += words
        .remainder()
        .iter()
        .filter(|b| **b & 0xC0 == 0x80)
        .count();
    bytes.len() - continuing
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 1-based line and column of a byte offset, without a prebuilt index.
/// Reads the text up to the offset only (a rule pack's thousand patterns each locate
/// their line without indexing the whole file each time).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // One character past the offset decides a CR LF or a lone CR there.
    let mut end = offset.saturating_add(1).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    let head = text.get(..end).unwrap_or(text);
    LineIndex::new(head).line_col(head, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column by walking the text from its start.
    fn naive(text: &str, mut offset: usize) -> (usize, usize) {
        // The LF of a CR LF is the CR's place.
        if offset > 0 && text.get(offset - 1..=offset) == Some("\r\n") {
            offset -= 1;
        }
        let (mut line, mut col) = (1, 1);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i >= offset {
                break;
            }
            if c == '\u{feff}' && i == 0 {
                continue;
            }
            let cr_alone = c == '\r' && chars.peek().map(|(_, n)| *n) != Some('\n');
            if c == '\n' || cr_alone {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        (line, col)
    }

    /// Eight bytes at a time counts as one at a time does, on any bytes (cut
    /// characters included) and any length.
    #[test]
    fn characters_counted_by_words_as_by_bytes() {
        let text = "a€é𝄞 \u{feff}b\r\nü€€€€€€€€ 12 345,6 millions d’euros 亿元";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            for to in from..=bytes.len() {
                let piece = bytes.get(from..to).unwrap_or_default();
                let one_by_one = piece.iter().filter(|b| **b & 0xC0 != 0x80).count();
                assert_eq!(chars_in(piece), one_by_one, "{from}..{to}");
            }
        }
        let all: Vec<u8> = (0..=255).collect();
        let one_by_one = all.iter().filter(|b| **b & 0xC0 != 0x80).count();
        assert_eq!(chars_in(&all), one_by_one);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nécu 5\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        // "é" is two bytes: "5" is at byte 8, the 5th character of line 2.
        assert_eq!(idx.line_col(text, 8), (2, 5));
        assert_eq!(idx.line_col(text, 999), (3, 1));
        // inside a multi-byte char: clamped to its start
        assert_eq!(idx.line_col(text, 4), (2, 1));
    }

    #[test]
    fn lone_cr_ends_a_line_and_a_bom_is_no_column() {
        let text = "\u{feff}a 1\rb 2\r\nc 3";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 1));
        assert_eq!(idx.line_col(text, 5), (1, 3));
        assert_eq!(idx.line_col(text, 7), (2, 1));
        assert_eq!(idx.line_col(text, 12), (3, 1));
    }

    /// Lookups in text order count from one offset to the next, however long the
    /// lines, without the checkpoints; the first lookup out of order counts those, and
    /// the cursor uses them from then on.
    #[test]
    fn lookups_in_order_need_no_checkpoints() {
        let text = "é 1 ".repeat(2000) + "\n" + &"€ 2 ".repeat(3000) + "\r\nz";
        let idx = LineIndex::new(&text);
        let offsets: Vec<usize> = (0..text.len())
            .filter(|o| text.is_char_boundary(*o))
            .step_by(101)
            .chain([text.len() - 1])
            .collect();
        let mut cursor = LineCursor::default();
        for &off in &offsets {
            let found = idx.line_col_after(&text, off, &mut cursor);
            assert_eq!(found, naive(&text, off), "{off}");
        }
        assert!(idx.chars.get().is_none());
        assert!(cursor.in_order);
        for &off in offsets.iter().rev() {
            let found = idx.line_col_after(&text, off, &mut cursor);
            assert_eq!(found, naive(&text, off), "{off}");
        }
        assert!(idx.chars.get().is_some());
        assert!(!cursor.in_order);
    }

    #[test]
    fn long_lines_agree_with_a_walk_from_the_start() {
        // short lines (columns counted from the line's start) and lines of hundreds of
        // bytes (columns from the checkpoints)
        for breaks in [1, 97] {
            let mut text = String::from("\u{feff}");
            for i in 0..3000 {
                let piece = ["é", "a", "€", "\n", "𝄞", " ", "\r", "\r\n"][i % 8];
                let is_break = piece.contains(['\n', '\r']);
                text.push_str(if is_break && i % breaks != 0 {
                    "x"
                } else {
                    piece
                });
                if i % 13 == 0 {
                    text.push_str("ü€b");
                }
            }
            let idx = LineIndex::new(&text);
            let mut line = LineCursor::default();
            for off in (0..text.len()).filter(|o| text.is_char_boundary(*o)) {
                assert_eq!(idx.line_col(&text, off), naive(&text, off), "{off}");
                // asked in order, stepping from the line asked before
                assert_eq!(idx.line_col_after(&text, off, &mut line), naive(&text, off));
            }
            // and out of order, or far apart: the line asked before is no help
            let mut line = LineCursor::default();
            for off in (0..text.len())
                .rev()
                .step_by(37)
                .chain((0..text.len()).step_by(611))
            {
                let at = floor_char_boundary(&text, off);
                assert_eq!(
                    idx.line_col_after(&text, at, &mut line),
                    naive(&text, at),
                    "{at}"
                );
            }
        }
    }
}
