//! HTML articles: the visible text of the page, its language and date, and a map from
//! that text back to the file.
//!
//! The file is read with html5gum, a WHATWG-compliant tokenizer that gives each token
//! its byte span in the input (scraper and html5ever build a tree but keep no byte
//! offsets, which line:column needs). Text outside `<head>` and outside `script`,
//! `style`, `nav`, `footer`, `noscript`, `template` and `svg` is kept, character
//! references decoded; block elements (`p`, `div`, `h1`..., `li`, `br`...) end a
//! paragraph (a blank line in the text), so sentence and paragraph scopes work as in
//! Markdown.
//!
//! Offsets: figures are found in the extracted text; each text token starts a segment
//! of an [`OffsetMap`] at its file offset, and inside a token a new segment starts
//! after every character reference (`&amp;`, `&#160;`, `&nbsp;`) and every CR dropped
//! by the tokenizer, so a figure's line and column are those of the file. If a token's
//! decoded text cannot be aligned with its bytes (a reference without `;`, one that
//! decodes to two characters), the rest of the token keeps the offset reached so far:
//! the line stays right, the column may be a few characters early.
//!
//! Metadata, at front-matter level: `<html lang>`, the date of
//! `<meta property="article:published_time">` (else the first `<time datetime>`).

use super::date::parse_iso_date;
use crate::text::OffsetMap;
use chrono::NaiveDate;
use html5gum::{DefaultEmitter, Token, Tokenizer};

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
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
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
                    "time" => {
                        time_date =
                            time_date.or_else(|| attr("datetime").and_then(|c| date_of(&c)));
                    }
                    _ => {}
                }
                if SKIPPED.contains(&n.as_str()) && !tag.self_closing {
                    skip += 1;
                }
                if n == "body" {
                    skip = 0;
                }
                if BLOCKS.contains(&n.as_str()) {
                    end_paragraph(&mut out, tag.span.start);
                }
            }
            Token::EndTag(tag) => {
                let n = name(&tag.name);
                if SKIPPED.contains(&n.as_str()) {
                    skip = skip.saturating_sub(1);
                }
                if BLOCKS.contains(&n.as_str()) {
                    end_paragraph(&mut out, tag.span.start);
                }
            }
            Token::String(s) if skip == 0 => {
                let decoded = String::from_utf8_lossy(&s.value);
                let raw = file.get(s.span.start..s.span.end).unwrap_or("");
                push_text(&mut out, &decoded, raw, s.span.start);
            }
            _ => {}
        }
    }
    out.date = out.date.or(time_date);
    out
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

/// Whether `raw` starts with a character reference ending in ';' ("&amp;", "&#160;").
fn reference_len(raw: &str) -> Option<usize> {
    let rest = raw.strip_prefix('&')?;
    let body = rest
        .char_indices()
        .take(32)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))?;
    (body.1 == ';' && body.0 > 0).then_some(body.0 + 2)
}

/// Append a text token: `decoded` (what the tokenizer gives) came from `raw`, the file
/// bytes at `file_at`.
fn push_text(out: &mut HtmlText, decoded: &str, raw: &str, file_at: usize) {
    if decoded.trim().is_empty() && (out.text.is_empty() || out.text.ends_with(char::is_whitespace))
    {
        return;
    }
    let base = out.text.len();
    out.map.push(base, file_at);
    out.text.push_str(decoded);
    if raw == decoded {
        return;
    }
    let (mut i, mut j) = (0usize, 0usize);
    while let (Some(r), Some(d)) = (raw.get(i..), decoded.get(j..)) {
        let (Some(rc), Some(dc)) = (r.chars().next(), d.chars().next()) else {
            break;
        };
        if let Some(len) = reference_len(r) {
            i += len;
            j += dc.len_utf8();
            out.map.push(base + j, file_at + i);
        } else if rc == dc {
            i += rc.len_utf8();
            j += dc.len_utf8();
        } else if rc == '\r' {
            i += 1;
            out.map.push(base + j, file_at + i);
        } else {
            break;
        }
    }
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
}
