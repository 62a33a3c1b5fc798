//! Offsets of a derived text (the visible text of an HTML file) mapped back to the file
//! it came from, so that line and column point into the file the user opens.
//!
//! The map is a sorted list of segment starts `(text offset, file offset)`: inside a
//! segment the two advance together byte for byte; a new segment starts wherever they
//! stop doing so (a tag skipped, a character reference decoded, a separator inserted).

/// Derived-text offset -> file offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    starts: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Start a segment: text offset `text` is file offset `file` (and so on, byte for
    /// byte, until the next segment). Segments must be pushed in text order; one pushed
    /// at the same text offset as the previous replaces it.
    pub fn push(&mut self, text: usize, file: usize) {
        if let Some(last) = self.starts.last_mut() {
            if last.0 == text {
                *last = (text, file);
                return;
            }
            if last.0 > text {
                return;
            }
        }
        self.starts.push((text, file));
    }

    /// The same map into a file that has `by` more bytes in front (a byte order mark
    /// the derived text was read without).
    #[must_use]
    pub fn shifted(mut self, by: usize) -> Self {
        if by == 0 {
            return self;
        }
        for s in &mut self.starts {
            s.1 = s.1.saturating_add(by);
        }
        if self.starts.first().is_none_or(|s| s.0 != 0) {
            self.starts.insert(0, (0, by));
        }
        self
    }

    /// The file offset of a text offset.
    pub fn to_file(&self, text: usize) -> usize {
        let i = self.starts.partition_point(|s| s.0 <= text);
        match i.checked_sub(1).and_then(|i| self.starts.get(i)) {
            Some((t, f)) => f.saturating_add(text - t),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_inside_and_between_segments() {
        let mut m = OffsetMap::default();
        m.push(0, 10);
        m.push(5, 30);
        m.push(5, 31);
        assert_eq!(m.to_file(0), 10);
        assert_eq!(m.to_file(4), 14);
        assert_eq!(m.to_file(5), 31);
        assert_eq!(m.to_file(9), 35);
        assert_eq!(OffsetMap::default().to_file(7), 7);
        let s = m.shifted(3);
        assert_eq!((s.to_file(0), s.to_file(4), s.to_file(9)), (13, 17, 38));
        assert_eq!(OffsetMap::default().shifted(3).to_file(7), 10);
    }
}
