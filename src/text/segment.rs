//! Sentences, paragraphs, the headline and the lead of a text, as byte spans, for the
//! stages that need to know whether two words are "near" (elided units, facts,
//! relations) and what a document is about (frames).
//!
//! Paragraphs come from blank lines and block elements, never from a line break alone:
//! a hard-wrapped paragraph and a block of one-sentence-per-line text are one paragraph
//! each. A paragraph ends
//! - at a blank (whitespace-only) line;
//! - at a separator line: a thematic break or a setext underline (`---`, `***`, `___`,
//!   `===`, `+++`, three or more of one of those characters, spaces allowed), which
//!   belongs to no paragraph;
//! - before and after a Markdown ATX heading (`#` to `######`, then a space or the end
//!   of the line): a heading is a paragraph of its own;
//! - before a list item (`- `, `* `, `• `, `1. `, `1) `) and a block quote (`>`): every
//!   item is a paragraph of its own, and consecutive `>` lines are one. As in CommonMark,
//!   an ordered item interrupts running text only when it is numbered 1, so a wrapped
//!   line that starts with "2025. " stays in its paragraph.
//!
//! A paragraph runs from the start of its first line to the end of its last line, line
//! break included; blank and separator lines between paragraphs belong to none, so
//! [`Segments::paragraph_of`] and [`Segments::sentence_of`] give `None` there. A text
//! paragraph directly followed by a `===` or `---` underline is a (setext) heading.
//!
//! A sentence ends at `.` `!` `?` or `;` followed by whitespace (a line break included),
//! at a line break after a line that ends with `:` `»` or `"`, and at a paragraph end.
//! A sentence starts with the white space after the previous one's end; white space
//! after a paragraph's last sentence is in no sentence.
//! [`crosses_sentence`] applies the same rules to the text between two figures.
//!
//! The headline and the lead ([`Segments::of_body`]): the segments of a document are
//! built over its body (the text after any front matter), with spans in the coordinates
//! of the whole text. The headline is a level-1 heading (`# Title`, or a `===`
//! underlined line) when it is the body's first paragraph; its span covers the title's
//! words only (no `#`, no trailing spaces). [`Segments::with_headline`] sets it from
//! elsewhere (an HTML `<h1>`, a plain text's title line, see
//! [`Segments::title_line`]). The lead is the first prose paragraph after the headline
//! (of the body when there is none): the first text paragraph (not a heading, list item
//! or block quote) that ends like a sentence (`.` `!` `?` `…` or a closing quote), so a
//! byline or a dateline line is passed over; when no paragraph ends so,
//! the first text paragraph. The lead is always one of [`Segments::paragraphs`].
//!
//! Building is linear in the text. The segments of a loaded source, with its headline,
//! come from [`crate::source::Source::segments`].

use super::Span;

/// The sentences, paragraphs, headline and lead of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Sentence spans, in order, inside the paragraphs.
    pub sentences: Vec<Span>,
    /// Paragraph spans, in order (blank and separator lines are in none).
    pub paragraphs: Vec<Span>,
    /// The words of the headline, when it is part of the segmented text (a leading
    /// `# Heading`, or set with [`Segments::with_headline`]).
    pub headline: Option<Span>,
    /// The lead: the first prose paragraph after the headline (see the module doc).
    pub lead: Option<Span>,
    /// What each paragraph is, parallel to `paragraphs`.
    kinds: Vec<Kind>,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A heading: `level1` for `#` and `===` headings.
    Heading { level1: bool },
    /// A list item.
    Item,
    /// A block quote.
    Quote,
    /// Running text; `ends_sentence` when its last character ends a sentence.
    Text { ends_sentence: bool },
}

impl Segments {
    /// Segment the whole of `text` (spans are offsets into `text`).
    pub fn new(text: &str) -> Self {
        Self::of_body(text, Span::new(0, text.len()))
    }

    /// Segment the part `body` of `text` (a source's body, after its front matter):
    /// spans are offsets into the whole `text`, and nothing outside `body` is in any
    /// span. Finds the headline when the body starts with a level-1 heading, and the
    /// lead.
    pub fn of_body(text: &str, body: Span) -> Self {
        let end = body.end.min(text.len());
        let start = body.start.min(end);
        let (paragraphs, kinds) = paragraphs(text, Span::new(start, end));
        let mut sentences = Vec::new();
        for p in &paragraphs {
            sentences.extend(sentences_in(text, *p));
        }
        let headline = match (paragraphs.first(), kinds.first()) {
            (Some(p), Some(Kind::Heading { level1: true })) => heading_words(text, *p),
            _ => None,
        };
        let mut segs = Segments {
            sentences,
            paragraphs,
            headline,
            lead: None,
            kinds,
        };
        segs.lead = segs.find_lead();
        segs
    }

    /// The same segments with `headline` as the headline (the span of its words in the
    /// text, e.g. an HTML `<h1>`'s), and the lead found again after it.
    pub fn with_headline(mut self, headline: Span) -> Self {
        self.headline = Some(headline);
        self.lead = self.find_lead();
        self
    }

    /// A plain text's title line: the first paragraph when it is one line (of running
    /// text, or underlined), at most 200 characters, not ending with `.` `,` `;` or `:`, set apart from
    /// a following paragraph by a blank or separator line. `None` otherwise, and when
    /// a headline is already known. For inputs without heading markup (`.txt`).
    pub fn title_line(&self, text: &str) -> Option<Span> {
        if self.headline.is_some() {
            return None;
        }
        let (first, next) = (self.paragraphs.first()?, self.paragraphs.get(1)?);
        if !matches!(
            self.kinds.first(),
            Some(Kind::Text { .. } | Kind::Heading { .. })
        ) {
            return None;
        }
        let words = first.slice(text).trim();
        let gap = text.get(first.end..next.start).unwrap_or("");
        let one_line = !words.contains('\n');
        let apart = !gap.is_empty();
        if !one_line
            || !apart
            || words.is_empty()
            || words.chars().count() > 200
            || words.ends_with(['.', ',', ';', ':'])
        {
            return None;
        }
        trimmed(text, *first)
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

    /// Whether the paragraph containing `offset` is a heading (`#`, or underlined).
    pub fn in_heading(&self, offset: usize) -> bool {
        let i = self.paragraphs.partition_point(|s| s.end <= offset);
        self.paragraphs.get(i).is_some_and(|p| p.start <= offset)
            && matches!(self.kinds.get(i), Some(Kind::Heading { .. }))
    }

    fn find_lead(&self) -> Option<Span> {
        let after = self.headline.map_or(0, |h| h.end);
        let candidates = || {
            self.paragraphs
                .iter()
                .zip(&self.kinds)
                .filter(move |(p, _)| p.start >= after)
        };
        candidates()
            .find(|(_, k)| {
                matches!(
                    k,
                    Kind::Text {
                        ends_sentence: true
                    }
                )
            })
            .or_else(|| candidates().find(|(_, k)| matches!(k, Kind::Text { .. })))
            .map(|(p, _)| *p)
    }
}

fn find(spans: &[Span], offset: usize) -> Option<Span> {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).copied().filter(|s| s.start <= offset)
}

/// `span` without its leading and trailing whitespace, `None` when nothing is left.
fn trimmed(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    (end > start).then_some(Span::new(start, end))
}

/// The words of a heading paragraph: without the `#` markers (opening and closing) and
/// the surrounding whitespace.
fn heading_words(text: &str, p: Span) -> Option<Span> {
    let line = p.slice(text);
    let t = line.trim_start();
    let mut start = p.start + (line.len() - t.len());
    if t.starts_with('#') {
        let rest = t.trim_start_matches('#');
        let rest_trimmed = rest.trim_start();
        start += t.len() - rest_trimmed.len();
        let words = rest_trimmed.trim_end();
        // a closing sequence: " ##" at the end
        let without_close = words.trim_end_matches('#');
        let words = if without_close.len() < words.len()
            && (without_close.is_empty() || without_close.ends_with([' ', '\t']))
        {
            without_close.trim_end()
        } else {
            words
        };
        return (!words.is_empty()).then_some(Span::new(start, start + words.len()));
    }
    trimmed(text, Span::new(start, p.end))
}

/// Whether the text between two figures crosses a sentence end (used where building
/// whole segments would be wasteful): the rules of [`Segments`] for sentences and
/// paragraphs, applied to the text between.
pub fn crosses_sentence(between: &str) -> bool {
    let mut prev_end = false;
    let mut lines = between.split('\n').peekable();
    // The first piece starts after a figure, mid-line: running text as far as known.
    let mut prev_line: Option<Line> = None;
    while let Some(line) = lines.next() {
        let content = line.strip_suffix('\r').unwrap_or(line);
        let last = lines.peek().is_none();
        // The last piece ends where the next figure starts: its line is not blank.
        let kind = match prev_line {
            None => Line::Text,
            Some(_) if last && content.trim().is_empty() => Line::Text,
            Some(_) => classify(content),
        };
        if let Some(prev) = prev_line {
            // a line break: a break when the previous line ended a sentence or was a
            // heading or a separator, or this line is blank, a separator or starts a
            // block
            let block = match kind {
                Line::Item { interrupts } => interrupts,
                Line::Blank | Line::Separator { .. } | Line::Heading { .. } | Line::Quote => true,
                Line::Text => false,
            };
            let after_block = matches!(prev, Line::Heading { .. } | Line::Separator { .. });
            if prev_end || block || after_block {
                return true;
            }
        }
        for c in line.chars() {
            if prev_end && c.is_whitespace() {
                return true;
            }
            prev_end = matches!(c, '.' | '!' | '?' | ';');
        }
        if !last {
            let t = content.trim_end();
            prev_end = t.ends_with(['.', '!', '?', ';', ':', '»', '"']);
        }
        prev_line = Some(kind);
    }
    false
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Whitespace only.
    Blank,
    /// A thematic break or setext underline; `underline` for `===` / `---`.
    Separator { underline: bool },
    /// An ATX heading.
    Heading { level1: bool },
    /// A list item; `interrupts` when it may interrupt running text (a bullet, or an
    /// ordered item numbered 1).
    Item { interrupts: bool },
    /// A block quote line.
    Quote,
    /// Anything else.
    Text,
}

fn classify(content: &str) -> Line {
    let t = content.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if let Some(underline) = separator(t) {
        return Line::Separator { underline };
    }
    let lead = content.trim_start();
    let hashes = lead.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let rest = lead.get(hashes..).unwrap_or("");
        if rest.is_empty() || rest.starts_with([' ', '\t']) {
            return Line::Heading {
                level1: hashes == 1,
            };
        }
    }
    if lead.starts_with('>') {
        return Line::Quote;
    }
    if ["- ", "* ", "• ", "-\t", "*\t"]
        .iter()
        .any(|m| lead.starts_with(m))
    {
        return Line::Item { interrupts: true };
    }
    let digits = lead.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = lead.get(digits..).unwrap_or("");
        let marked = rest.starts_with(['.', ')'])
            && rest
                .get(1..)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']));
        if marked {
            let number = lead.get(..digits).unwrap_or("");
            return Line::Item {
                interrupts: number.trim_start_matches('0') == "1",
            };
        }
    }
    Line::Text
}

/// `Some(underline)` when a trimmed line is a separator: three or more of one of
/// `- * _ = +`, spaces allowed between; `underline` for `=` and `-` lines.
fn separator(t: &str) -> Option<bool> {
    let first = t.chars().next()?;
    if !matches!(first, '-' | '*' | '_' | '=' | '+') {
        return None;
    }
    let mut count = 0usize;
    for c in t.chars() {
        if c == first {
            count += 1;
        } else if c != ' ' && c != '\t' {
            return None;
        }
    }
    (count >= 3).then_some(matches!(first, '=' | '-'))
}

/// The paragraphs of `body` (a span of `text`) and their kinds.
fn paragraphs(text: &str, body: Span) -> (Vec<Span>, Vec<Kind>) {
    let mut spans = Vec::new();
    let mut kinds = Vec::new();
    // The open paragraph: start, end, kind.
    let mut open: Option<(usize, usize, Kind)> = None;
    let close =
        |open: &mut Option<(usize, usize, Kind)>, spans: &mut Vec<Span>, kinds: &mut Vec<Kind>| {
            if let Some((s, e, k)) = open.take() {
                let k = match k {
                    Kind::Text { .. } => Kind::Text {
                        ends_sentence: ends_sentence(Span::new(s, e).slice(text)),
                    },
                    k => k,
                };
                spans.push(Span::new(s, e));
                kinds.push(k);
            }
        };
    let mut offset = body.start;
    for line in body.slice(text).split_inclusive('\n') {
        let start = offset;
        let end = offset + line.len();
        offset = end;
        let content = line.trim_end_matches(['\n', '\r']);
        match classify(content) {
            Line::Blank => close(&mut open, &mut spans, &mut kinds),
            Line::Separator { underline } => {
                if let Some((_, _, k @ Kind::Text { .. })) = open.as_mut() {
                    if underline {
                        let level1 = content.trim_start().starts_with('=');
                        *k = Kind::Heading { level1 };
                    }
                }
                close(&mut open, &mut spans, &mut kinds);
            }
            Line::Heading { level1 } => {
                close(&mut open, &mut spans, &mut kinds);
                open = Some((start, end, Kind::Heading { level1 }));
                close(&mut open, &mut spans, &mut kinds);
            }
            Line::Item { interrupts } => match open.as_mut() {
                Some((_, e, Kind::Text { .. })) if !interrupts => *e = end,
                _ => {
                    close(&mut open, &mut spans, &mut kinds);
                    open = Some((start, end, Kind::Item));
                }
            },
            Line::Quote => match open.as_mut() {
                Some((_, e, Kind::Quote)) => *e = end,
                _ => {
                    close(&mut open, &mut spans, &mut kinds);
                    open = Some((start, end, Kind::Quote));
                }
            },
            Line::Text => match open.as_mut() {
                Some((_, e, _)) => *e = end,
                None => {
                    open = Some((
                        start,
                        end,
                        Kind::Text {
                            ends_sentence: false,
                        },
                    ))
                }
            },
        }
    }
    close(&mut open, &mut spans, &mut kinds);
    (spans, kinds)
}

/// Whether a paragraph's last visible character ends a sentence.
fn ends_sentence(p: &str) -> bool {
    p.trim_end().ends_with([
        '.', '!', '?', '…', '»', '"', '”', '’', '\'', '。', '！', '？',
    ])
}

fn sentences_in(text: &str, p: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let body = p.slice(text);
    let mut start = p.start;
    let mut prev_end = false;
    let mut last_visible: Option<char> = None;
    for (i, c) in body.char_indices() {
        let after_colon_line = c == '\n' && matches!(last_visible, Some(':' | '»' | '"'));
        if (prev_end && c.is_whitespace()) || after_colon_line {
            let at = p.start + i;
            if at > start {
                out.push(Span::new(start, at));
                start = at;
            }
        }
        prev_end = matches!(c, '.' | '!' | '?' | ';');
        // A Chinese full stop ends its sentence with no space after it.
        if matches!(c, '。' | '！' | '？' | '；') {
            let at = p.start + i + c.len_utf8();
            if at > start && at < p.end {
                out.push(Span::new(start, at));
                start = at;
            }
        }
        if c == '\n' {
            last_visible = None;
        } else if !c.is_whitespace() {
            last_visible = Some(c);
        }
    }
    // what is left after the last sentence end, unless it is only white space
    if p.end > start && !text.get(start..p.end).unwrap_or("").trim().is_empty() {
        out.push(Span::new(start, p.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        Segments::new(text)
            .paragraphs
            .iter()
            .map(|p| p.slice(text))
            .collect()
    }

    #[test]
    fn one_sentence_per_line_is_one_paragraph() {
        let text = "First line wraps\nhere. Second one.\nThird sentence.\nFourth one!\n";
        assert_eq!(paras(text), vec![text]);
        let s = Segments::new(text);
        let wrap = text.find("wraps").unwrap();
        let here = text.find("here").unwrap();
        let second = text.find("Second").unwrap();
        let third = text.find("Third").unwrap();
        assert!(s.same_sentence(wrap, here));
        assert!(!s.same_sentence(here, second));
        // a line break after a sentence end still ends the sentence
        assert!(!s.same_sentence(second, third));
        assert_eq!(s.sentences.len(), 4);
    }

    #[test]
    fn a_chinese_full_stop_ends_a_sentence_without_a_space() {
        let text = "阿里巴巴宣布投入3800亿元。该集团表示，金额创纪录！最后一句\n";
        let s = Segments::new(text);
        let got: Vec<&str> = s.sentences.iter().map(|p| p.slice(text)).collect();
        assert_eq!(
            got,
            vec![
                "阿里巴巴宣布投入3800亿元。",
                "该集团表示，金额创纪录！",
                "最后一句\n"
            ]
        );
    }

    #[test]
    fn blank_lines_split_paragraphs() {
        let text = "One. Two.\nThree.\n\n  \nFour\nfive.\n\n";
        assert_eq!(paras(text), vec!["One. Two.\nThree.\n", "Four\nfive.\n"]);
        let s = Segments::new(text);
        // blank lines are in no paragraph and no sentence
        let blank = text.find("\n\n").unwrap() + 1;
        assert_eq!(s.paragraph_of(blank), None);
        assert_eq!(s.sentence_of(blank), None);
    }

    #[test]
    fn headings_list_items_and_quotes_split() {
        let text = "# Title\nIntro line\nwrapped.\n## Part\nThe list:\n- item one\n  continued\n- item two\n* item three\n1. first\n2. second\n> quoted\n> still quoted\nAfter.\n";
        assert_eq!(
            paras(text),
            vec![
                "# Title\n",
                "Intro line\nwrapped.\n",
                "## Part\n",
                "The list:\n",
                "- item one\n  continued\n",
                "- item two\n",
                "* item three\n",
                "1. first\n",
                "2. second\n",
                "> quoted\n> still quoted\nAfter.\n",
            ]
        );
        let s = Segments::new(text);
        assert!(s.in_heading(text.find("Part").unwrap()));
        assert!(!s.in_heading(text.find("Intro").unwrap()));
    }

    #[test]
    fn numbers_and_hashtags_in_running_text_do_not_split() {
        let text = "Le groupe a investi en\n2025. Puis il a vendu\n#hashtag et\n12) rien.\n";
        assert_eq!(paras(text), vec![text]);
    }

    #[test]
    fn separators_and_setext_headings() {
        let text = "Title\n=====\nBody text.\n\n***\nMore.\nSub\n---\nEnd.\n";
        assert_eq!(
            paras(text),
            vec!["Title\n", "Body text.\n", "More.\nSub\n", "End.\n"]
        );
        let s = Segments::new(text);
        assert_eq!(s.headline.map(|h| h.slice(text)), Some("Title"));
        assert_eq!(s.lead.map(|l| l.slice(text)), Some("Body text.\n"));
        assert!(s.in_heading(text.find("More").unwrap()));
    }

    #[test]
    fn crlf_line_endings() {
        let text = "# Titre\r\n\r\nUne phrase.\r\nUne autre.\r\n\r\nFin.\r\n";
        assert_eq!(
            paras(text),
            vec!["# Titre\r\n", "Une phrase.\r\nUne autre.\r\n", "Fin.\r\n"]
        );
        let s = Segments::new(text);
        assert_eq!(s.headline.map(|h| h.slice(text)), Some("Titre"));
        assert_eq!(
            s.lead.map(|l| l.slice(text)),
            Some("Une phrase.\r\nUne autre.\r\n")
        );
        let a = text.find("Une phrase").unwrap();
        let b = text.find("Une autre").unwrap();
        assert!(!s.same_sentence(a, b));
        assert!(crosses_sentence(" x\r\n\r\ny "));
        assert!(!crosses_sentence(" x\r\ny "));
    }

    #[test]
    fn lead_is_the_first_prose_paragraph_of_the_body() {
        let text = "---\ntitle: x\n---\n# Acme raises money ##\n\nBy A. Writer\n\nAcme said it raised funds.\nIt will hire.\n\nSecond paragraph.\n";
        let body = Span::new(text.find("# Acme").unwrap(), text.len());
        let s = Segments::of_body(text, body);
        assert_eq!(s.headline.map(|h| h.slice(text)), Some("Acme raises money"));
        assert_eq!(
            s.lead.map(|l| l.slice(text)),
            Some("Acme said it raised funds.\nIt will hire.\n")
        );
        // nothing before the body is segmented
        assert!(s.paragraphs.iter().all(|p| p.start >= body.start));
        assert_eq!(s.paragraph_of(4), None);

        // no paragraph ends like a sentence: the first text paragraph
        let s = Segments::new("## Part\n\nBy A. Writer\n");
        assert_eq!(s.headline, None);
        assert_eq!(s.lead, Some(Span::new(9, 22)));

        // a level-2 heading first is not a headline
        let s = Segments::new("## Part\n\nText.\n");
        assert_eq!(s.headline, None);
        assert_eq!(s.lead, Some(Span::new(9, 15)));
    }

    #[test]
    fn headline_set_from_elsewhere_moves_the_lead() {
        let text = "Site name.\n\nThe real headline\n\nThe lead.\n";
        let s = Segments::new(text);
        assert_eq!(s.lead.map(|l| l.slice(text)), Some("Site name.\n"));
        let at = text.find("The real").unwrap();
        let s = s.with_headline(Span::new(at, at + "The real headline".len()));
        assert_eq!(s.lead.map(|l| l.slice(text)), Some("The lead.\n"));
    }

    #[test]
    fn title_line_of_plain_text() {
        let text = "Le constructeur dévoile son modèle\n\nPar J. Essai\n\nLe texte.\n";
        let s = Segments::new(text);
        let t = s.title_line(text);
        assert_eq!(
            t.map(|t| t.slice(text)),
            Some("Le constructeur dévoile son modèle")
        );
        for no in [
            "Une phrase.\n\nUne autre.\n",
            "Deux lignes\nde titre\n\nTexte.\n",
            "Seul titre\n",
            "Liste :\n- a\n",
            "# Titre\n\nTexte.\n",
        ] {
            let s = Segments::new(no);
            assert_eq!(s.title_line(no), None, "{no:?}");
        }
    }

    #[test]
    fn crossing() {
        assert!(crosses_sentence(" en 2025. Puis "));
        assert!(crosses_sentence(" x.\ny "));
        assert!(crosses_sentence(" x:\ny "));
        assert!(crosses_sentence(" x\n\ny "));
        assert!(crosses_sentence(" x\n- y "));
        assert!(crosses_sentence(" x\n# y "));
        assert!(crosses_sentence(" x\n---\ny "));
        assert!(!crosses_sentence(" en 2025, contre "));
        assert!(!crosses_sentence(" wrapped\nline "));
        // the next figure starts the next line: that line is not blank
        assert!(!crosses_sentence(" en 2025, contre\n"));
        assert!(!crosses_sentence(" en 2025, contre\n  "));
        // the first piece is the end of a line, not a line of its own
        assert!(!crosses_sentence(" # 2 et "));
        assert!(!crosses_sentence(" wrapped\n#hashtag "));
        assert!(!crosses_sentence(" 8.4 "));
    }

    #[test]
    fn empty_and_odd_texts() {
        assert_eq!(Segments::new("").paragraphs, vec![]);
        let s = Segments::new("\n\n\n");
        assert!(s.paragraphs.is_empty());
        assert_eq!(s.lead, None);
        assert_eq!(s.sentence_of(999), None);
        let s = Segments::of_body("abc", Span::new(10, 2));
        assert!(s.paragraphs.is_empty());
        for odd in [
            "#", "# ", "#######", "1.", ">", "- ", "é\n-\n", "\r", "***\n",
        ] {
            let s = Segments::new(odd);
            let _ = s.title_line(odd);
        }
    }
}
