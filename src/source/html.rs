//! HTML articles: the visible text of the page, its language and date, and a map from
//! that text back to the file.
//!
//! The file is read with html5gum, a WHATWG-compliant tokenizer that gives each token
//! its byte span in the input (scraper and html5ever build a tree but keep no byte
//! offsets, which line:column needs). Text outside `<head>` and outside `script`,
//! `style`, `nav`, `footer`, `noscript`, `template` and `svg` is kept, character
//! references decoded. Paragraphs follow the page's blocks, as
//! [`crate::text::Segments`] reads them from blank lines: block elements (`p`, `div`,
//! `h1`..`h6`, `li`, `blockquote`, `article`, `section`, `table` cells...) start and end
//! with a blank line ("\n\n") in the text; one `<br>` is a line break ("\n"), two in a
//! row (only spaces between) a blank line. The file's own line breaks are white space to
//! a browser, so a line break that would make a blank line in the text is read as a
//! space (same length, so offsets are kept), except inside `<pre>`.
//!
//! Offsets: figures are found in the extracted text; an [`OffsetMap`] takes each text
//! offset back to the file. The map is not inferred from the decoded text: the
//! tokenizer's emitter is wrapped (`chunks.rs`) to note where in the file each piece of
//! text was emitted, so a character reference (known or not, with or without its `;`,
//! numeric or named, decoding to one character or two) maps to its `&`, a CR LF to its
//! CR, and plain text byte for byte: a figure's line and column are those of the file.
//!
//! Metadata, at front-matter level: `<html lang>`, the date of
//! `<meta property="article:published_time">` (else the first `<time datetime>`), and
//! the headline: the first `<h1>` inside `<article>` or `<main>`, else the first `<h1>`,
//! else `<meta property="og:title">`, else `<title>` (whitespace collapsed). When it is
//! an `<h1>`, [`HtmlText::headline_span`] is where its words are in the text.

use super::date::parse_iso_date;
use crate::text::{OffsetMap, Span};
use chrono::NaiveDate;
use html5gum::{DefaultEmitter, Token, Tokenizer};

mod chunks;
use chunks::{Chunks, Recorder};

/// What an HTML file says, read.
#[derive(Debug, Clone, Default)]
pub struct HtmlText {
    /// The visible text.
    pub text: String,
    /// Text offsets -> file offsets.
    pub map: OffsetMap,
    /// `<html lang>`, as written.
    pub lang: Option<String>,
    /// The publication date, when a tag gives one.
    pub date: Option<NaiveDate>,
    /// The headline (`<h1>`, `og:title` or `<title>`), whitespace collapsed.
    pub headline: Option<String>,
    /// Where the headline's words are in `text`, when it is an `<h1>`.
    pub headline_span: Option<Span>,
}

/// Where the `<h1>` being read started, and where the chosen one is.
#[derive(Default)]
struct Headings {
    /// Text offset where the open `<h1>` started, and whether it is inside
    /// `<article>`/`<main>`.
    open: Option<(usize, bool)>,
    /// The first `<h1>` (text span).
    first: Option<Span>,
    /// The first `<h1>` inside `<article>` or `<main>`.
    in_article: Option<Span>,
    /// Depth of `<article>`/`<main>`.
    article_depth: usize,
    /// The first `<title>`'s text, whether it is being read, whether it was read.
    title: String,
    in_title: bool,
    title_seen: bool,
    /// `<meta property="og:title">`.
    og_title: Option<String>,
}

const SKIPPED: &[&str] = &[
    "script", "style", "nav", "footer", "noscript", "template", "svg", "head",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "main",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "dd",
    "dt",
    "dl",
    "pre",
    "body",
    "title",
];

fn name(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

/// The date of an attribute value such as "2025-03-06T10:00:00+01:00".
fn date_of(value: &[u8]) -> Option<NaiveDate> {
    let s = String::from_utf8_lossy(value);
    parse_iso_date(s.trim().get(..10)?)
}

/// Read the visible text and metadata of an HTML file's text.
pub fn read_html(file: &str) -> HtmlText {
    let mut out = HtmlText::default();
    let mut time_date = None;
    let mut skip = 0usize;
    let mut pre = 0usize;
    let mut heads = Headings::default();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let chunks = Chunks::default();
    let emitter = Recorder::new(emitter, &chunks);
    for token in Tokenizer::new_with_emitter(file, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let n = name(&tag.name);
                let attr = |k: &str| tag.attributes.get(k.as_bytes()).map(|v| v.value.clone());
                match n.as_str() {
                    "html" => out.lang = attr("lang").map(|v| name(&v)),
                    "meta"
                        if attr("property")
                            .is_some_and(|p| name(&p) == "article:published_time") =>
                    {
                        out.date = out
                            .date
                            .or_else(|| attr("content").and_then(|c| date_of(&c)));
                    }
                    "meta" if attr("property").is_some_and(|p| name(&p) == "og:title") => {
                        heads.og_title = heads.og_title.take().or_else(|| {
                            attr("content")
                                .map(|c| collapse(&String::from_utf8_lossy(&c)))
                                .filter(|t| !t.is_empty())
                        });
                    }
                    "time" => {
                        time_date =
                            time_date.or_else(|| attr("datetime").and_then(|c| date_of(&c)));
                    }
                    "title" if !tag.self_closing && !heads.title_seen => {
                        heads.in_title = true;
                    }
                    "article" | "main" if !tag.self_closing => heads.article_depth += 1,
                    "pre" if !tag.self_closing => pre += 1,
                    _ => {}
                }
                if SKIPPED.contains(&n.as_str()) && !tag.self_closing {
                    skip += 1;
                }
                if n == "body" {
                    skip = 0;
                }
                if n == "br" {
                    line_break(&mut out, tag.span.start);
                } else if BLOCKS.contains(&n.as_str()) {
                    end_paragraph(&mut out, tag.span.start);
                }
                if n == "h1" && skip == 0 && heads.open.is_none() && !tag.self_closing {
                    heads.open = Some((out.text.len(), heads.article_depth > 0));
                }
            }
            Token::EndTag(tag) => {
                let n = name(&tag.name);
                if SKIPPED.contains(&n.as_str()) {
                    skip = skip.saturating_sub(1);
                }
                match n.as_str() {
                    "title" if heads.in_title => {
                        heads.in_title = false;
                        heads.title_seen = true;
                    }
                    "article" | "main" => {
                        heads.article_depth = heads.article_depth.saturating_sub(1);
                    }
                    "pre" => pre = pre.saturating_sub(1),
                    "h1" => close_heading(&mut heads, &out.text),
                    _ => {}
                }
                if n == "br" {
                    line_break(&mut out, tag.span.start);
                } else if BLOCKS.contains(&n.as_str()) {
                    end_paragraph(&mut out, tag.span.start);
                }
            }
            Token::String(s) => {
                // Where the token's pieces are in the file (taken for every token, so
                // the pieces of the next one are next).
                let mut segs = Vec::new();
                chunks.map_token(file.as_bytes(), &s.value, s.span.start, |t, f| {
                    segs.push((t, f));
                });
                if heads.in_title {
                    heads.title.push_str(&String::from_utf8_lossy(&s.value));
                } else if skip == 0 {
                    let decoded = String::from_utf8_lossy(&s.value);
                    let decoded = if pre == 0 {
                        no_blank_lines(&out.text, &decoded)
                    } else {
                        decoded.into_owned()
                    };
                    push_text(&mut out, &decoded, &segs);
                }
            }
            _ => {}
        }
    }
    close_heading(&mut heads, &out.text);
    out.date = out.date.or(time_date);
    let h1 = heads.in_article.or(heads.first);
    out.headline = h1
        .map(|s| collapse(s.slice(&out.text)))
        .or(heads.og_title)
        .or_else(|| Some(collapse(&heads.title)))
        .filter(|t| !t.is_empty());
    out.headline_span = h1;
    out
}

/// Words separated by one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Close the open `<h1>`: note its words' span if it is the first (in an article).
fn close_heading(heads: &mut Headings, text: &str) {
    let Some((start, in_article)) = heads.open.take() else {
        return;
    };
    let span = Span::new(start, text.len());
    let words = span.slice(text);
    let lead = words.len() - words.trim_start().len();
    let span = Span::new(start + lead, start + words.trim_end().len());
    if span.end <= span.start {
        return;
    }
    if heads.first.is_none() {
        heads.first = Some(span);
    }
    if in_article && heads.in_article.is_none() {
        heads.in_article = Some(span);
    }
}

/// `decoded` with each line break that would end a whitespace-only line of the text
/// (the text so far, then `decoded`) turned into a space: a browser shows the file's
/// line breaks as spaces, so they must not make blank lines (paragraph breaks).
fn no_blank_lines(text: &str, decoded: &str) -> String {
    // Whether the text's last line is blank: look back over trailing white space only
    // (not the whole line), so that many tokens on one long line stay linear.
    let mut line_blank = true;
    for c in text.chars().rev() {
        if c == '\n' {
            break;
        }
        if !c.is_whitespace() {
            line_blank = false;
            break;
        }
    }
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        if c == '\n' {
            if line_blank {
                out.push(' ');
                continue;
            }
            line_blank = true;
        } else if !c.is_whitespace() {
            line_blank = false;
        }
        out.push(c);
    }
    out
}

/// A `<br>`: a line break; a second one in a row makes a blank line.
fn line_break(out: &mut HtmlText, file_at: usize) {
    let trimmed = out.text.trim_end_matches([' ', '\t', '\n', '\r']).len();
    if trimmed == 0 || out.text.ends_with("\n\n") {
        return;
    }
    out.map.push(out.text.len(), file_at);
    out.text.push('\n');
}

/// End the current paragraph: the text ends with a blank line (none at the start).
fn end_paragraph(out: &mut HtmlText, file_at: usize) {
    let trimmed = out.text.trim_end_matches([' ', '\t', '\n', '\r']).len();
    if trimmed == 0 || out.text.ends_with("\n\n") {
        return;
    }
    out.map.push(out.text.len(), file_at);
    out.text.push_str(if out.text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    });
}

/// Append a text token: `decoded` (what the tokenizer gives, line breaks that would
/// make blank lines turned into spaces, same length) with its segments `(offset in
/// decoded, file offset)`.
fn push_text(out: &mut HtmlText, decoded: &str, segs: &[(usize, usize)]) {
    if decoded.trim().is_empty() && (out.text.is_empty() || out.text.ends_with(char::is_whitespace))
    {
        return;
    }
    let base = out.text.len();
    for &(t, f) in segs {
        out.map.push(base + t, f);
    }
    out.text.push_str(decoded);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_metadata_and_offsets() {
        let file = "<html lang=\"en-GB\"><head><title>T</title>\
            <meta property=\"article:published_time\" content=\"2025-03-06T08:00:00Z\">\
            <style>p{}</style></head><body><nav>Home</nav>\n<p>A &amp; B spent\n$52&nbsp;billion.</p>\
            <script>var x = \"$1 billion\";</script><footer>(c)</footer></body></html>";
        let h = read_html(file);
        assert_eq!(h.lang.as_deref(), Some("en-gb"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2025, 3, 6));
        assert_eq!(h.text, "A & B spent\n$52\u{a0}billion.\n\n");
        let at = h.text.find("$52").unwrap();
        assert_eq!(file.get(h.map.to_file(at)..).unwrap().get(..3), Some("$52"));
        let b = h.text.find("billion").unwrap();
        assert!(file.get(h.map.to_file(b)..).unwrap().starts_with("billion"));
        let amp = h.text.find("B spent").unwrap();
        assert!(file
            .get(h.map.to_file(amp)..)
            .unwrap()
            .starts_with("B spent"));
    }

    #[test]
    fn time_tag_and_hostile_input() {
        let h = read_html("<p>x <time datetime=\"2024-12-01\">1 Dec</time></p>");
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 12, 1));
        for bad in [
            "<",
            "&",
            "<p>&#xFFFFFFFF; &amp",
            "<script>",
            "</p></p>",
            "<time datetime=\"2\">",
        ] {
            let _ = read_html(bad);
        }
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        crate::text::Segments::new(text)
            .paragraphs
            .iter()
            .map(|p| p.slice(text).trim_end())
            .collect()
    }

    #[test]
    fn blocks_are_paragraphs_and_offsets_still_point_into_the_file() {
        let file = "<article><h1>Head line</h1><p>One.\nTwo.</p><div>Three</div>\
            <p>a<br>b<br/><br>c</p><ul><li>x</li><li>y</li></ul>\
            <blockquote>q</blockquote><section>s</section>text<h2>Sub</h2>end</article>";
        let h = read_html(file);
        assert_eq!(
            paragraphs(&h.text),
            vec![
                "Head line",
                "One.\nTwo.",
                "Three",
                "a\nb",
                "c",
                "x",
                "y",
                "q",
                "s",
                "text",
                "Sub",
                "end"
            ]
        );
        for word in ["Two", "Three", "b", "c", "y", "end"] {
            let at = h.text.find(word).unwrap();
            let f = h.map.to_file(at);
            assert!(file.get(f..).unwrap().starts_with(word), "{word}");
        }
    }

    #[test]
    fn the_file_s_blank_lines_are_not_paragraph_breaks() {
        let file = "<p>First line\n\n   \n  second line.</p>\n\n<p>Next.</p>\n<pre>a\n\nb</pre>";
        let h = read_html(file);
        assert_eq!(
            paragraphs(&h.text),
            vec!["First line\n       second line.", "Next.", "a", "b"]
        );
        let at = h.text.find("second").unwrap();
        assert!(file.get(h.map.to_file(at)..).unwrap().starts_with("second"));
        let crlf = "<p>One\r\n\r\ntwo 5 euros.</p>";
        let h = read_html(crlf);
        assert_eq!(paragraphs(&h.text), vec!["One\n two 5 euros."]);
        let at = h.text.find("5 euros").unwrap();
        assert!(crlf
            .get(h.map.to_file(at)..)
            .unwrap()
            .starts_with("5 euros"));
    }

    #[test]
    fn headline_from_h1_og_title_or_title() {
        let h = read_html(
            "<head><title>Site | Page</title></head><body><header><h1>Site</h1></header>\
             <article><h1>  The\n real  <b>one</b> </h1><p>Lead.</p></article></body>",
        );
        assert_eq!(h.headline.as_deref(), Some("The real one"));
        let span = h.headline_span.unwrap();
        assert_eq!(span.slice(&h.text), "The\n real  one");
        let segs = crate::text::Segments::new(&h.text).with_headline(span);
        assert_eq!(
            segs.lead.map(|l| l.slice(&h.text).trim_end()),
            Some("Lead.")
        );

        let h = read_html("<h1>First</h1><p>x</p><h1>Second</h1>");
        assert_eq!(h.headline.as_deref(), Some("First"));

        let h = read_html(
            "<head><title>T &amp; co</title>\
             <meta property=\"og:title\" content=\"  OG  title \"></head><p>x</p>",
        );
        assert_eq!(h.headline.as_deref(), Some("OG title"));
        assert_eq!(h.headline_span, None);

        let h = read_html(
            "<head><title>T &amp;\n co</title></head><p>x</p><svg><title>icon</title></svg>",
        );
        assert_eq!(h.headline.as_deref(), Some("T & co"));
        assert_eq!(h.text, "x\n\n");

        let h = read_html("<p>No headline.</p><h1> </h1>");
        assert_eq!((h.headline, h.headline_span), (None, None));
    }
}
