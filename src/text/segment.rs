//! Sentences and paragraphs of a text, as byte spans, for the stages that need to know
//! whether two words are "near" (elided units, facts, relations).
//!
//! A paragraph ends at a blank line, or at a line break after a line that ends a
//! sentence (. ! ? : » ") or before a list item or heading, so one-paragraph-per-line
//! texts and hard-wrapped Markdown both read right. A sentence ends at . ! ? or ; followed
//! by a space, and at a paragraph end.

use super::Span;

/// The sentences and paragraphs of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Sentence spans, in order, covering the text.
    pub sentences: Vec<Span>,
    /// Paragraph spans, in order, covering the text.
    pub paragraphs: Vec<Span>,
}

impl Segments {
    /// Segment `text`.
    pub fn new(text: &str) -> Self {
        let paragraphs = paragraphs(text);
        let mut sentences = Vec::new();
        for p in &paragraphs {
            sentences.extend(sentences_in(text, *p));
        }
        Segments {
            sentences,
            paragraphs,
        }
    }

    /// The sentence containing byte `offset`.
    pub fn sentence_of(&self, offset: usize) -> Option<Span> {
        find(&self.sentences, offset)
    }

    /// The paragraph containing byte `offset`.
    pub fn paragraph_of(&self, offset: usize) -> Option<Span> {
        find(&self.paragraphs, offset)
    }

    /// Whether two offsets are in the same sentence.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence_of(a).is_some() && self.sentence_of(a) == self.sentence_of(b)
    }
}

fn find(spans: &[Span], offset: usize) -> Option<Span> {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).copied().filter(|s| s.start <= offset)
}

/// Whether the text between two figures crosses a sentence end (used where building
/// whole segments would be wasteful).
pub fn crosses_sentence(between: &str) -> bool {
    let mut prev_end = false;
    let mut lines = between.split('\n').peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if !first {
            // a line break: a break when the previous line ended a sentence, or this
            // line is blank, a list item or a heading
            let t = line.trim_start();
            if prev_end || t.is_empty() || starts_block(t) {
                return true;
            }
        }
        first = false;
        for c in line.chars() {
            if prev_end && c.is_whitespace() {
                return true;
            }
            prev_end = matches!(c, '.' | '!' | '?' | ';');
        }
        if lines.peek().is_some() {
            let t = line.trim_end();
            prev_end = t.ends_with(['.', '!', '?', ';', ':', '»', '"']) || t.is_empty();
        }
    }
    false
}

fn starts_block(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("• ")
        || line.starts_with('#')
        || line.starts_with('>')
}

fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut prev_line: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let t = content.trim();
        let is_blank = t.is_empty();
        let breaks_before = match prev_line {
            None => false,
            Some(prev) => {
                let p = prev.trim_end();
                is_blank
                    || p.is_empty()
                    || p.ends_with(['.', '!', '?', ':', '»', '"'])
                    || starts_block(t)
                    || p.starts_with('#')
            }
        };
        if breaks_before && offset > start {
            out.push(Span::new(start, offset));
            start = offset;
        }
        prev_line = Some(content);
        offset += line.len();
    }
    if offset > start || out.is_empty() {
        out.push(Span::new(start, offset));
    }
    out
}

fn sentences_in(text: &str, p: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let body = p.slice(text);
    let mut start = p.start;
    let mut prev_end = false;
    for (i, c) in body.char_indices() {
        if prev_end && c.is_whitespace() {
            let at = p.start + i;
            if at > start {
                out.push(Span::new(start, at));
                start = at;
            }
        }
        prev_end = matches!(c, '.' | '!' | '?' | ';');
    }
    if p.end > start {
        out.push(Span::new(start, p.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_by_blank_lines_and_sentence_ends() {
        let text =
            "Title\n\nFirst line wraps\nhere. Second one.\nNext para.\n- item one\n- item two\n";
        let s = Segments::new(text);
        let paras: Vec<&str> = s.paragraphs.iter().map(|p| p.slice(text)).collect();
        assert_eq!(
            paras,
            vec![
                "Title\n",
                "\n",
                "First line wraps\nhere. Second one.\n",
                "Next para.\n",
                "- item one\n",
                "- item two\n"
            ]
        );
        let wrap = text.find("wraps").unwrap();
        let here = text.find("here").unwrap();
        let second = text.find("Second").unwrap();
        assert!(s.same_sentence(wrap, here));
        assert!(!s.same_sentence(here, second));
    }

    #[test]
    fn crossing() {
        assert!(crosses_sentence(" en 2025. Puis "));
        assert!(crosses_sentence(" x.\ny "));
        assert!(crosses_sentence(" x\n\ny "));
        assert!(crosses_sentence(" x\n- y "));
        assert!(!crosses_sentence(" en 2025, contre "));
        assert!(!crosses_sentence(" wrapped\nline "));
        assert!(!crosses_sentence(" 8.4 "));
    }

    #[test]
    fn empty_and_odd_texts() {
        assert_eq!(Segments::new("").paragraphs, vec![Span::new(0, 0)]);
        let s = Segments::new("\n\n\n");
        assert!(!s.paragraphs.is_empty());
        assert_eq!(s.sentence_of(999), None);
    }
}
