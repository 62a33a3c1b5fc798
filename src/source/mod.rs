//! Sources: the articles figcheck reads, with their language, date and outlet, and
//! where each of those came from.
//!
//! This module owns reading files ([`load`]), front matter, manifests, language and date
//! detection. It must not extract figures. The entry point is [`load_sources`]; HTML
//! files are read as their visible text, mapped back to the file ([`html`]).
//!
//! Structure: front matter is metadata, never text ([`Source::body`] starts after it;
//! see [`front_matter`] for when a `.txt` header block is front matter). The headline
//! ([`Source::headline`]) comes from the front matter's `title`/`headline`, else an
//! HTML page's `<h1>`/`og:title`/`<title>` ([`html`]), else a leading `# Heading` (or
//! `===`-underlined line) of the body, else, for plain text (not Markdown), a first line
//! that stands alone like a title ([`crate::text::Segments::title_line`]).
//! [`Source::headline_span`] is where the headline's words are in the body, when they
//! are there (a body heading, an `<h1>`, a plain text's title line, even when the front
//! matter also gives a title). [`Source::segments`] gives the body's sentences,
//! paragraphs, headline and lead.
//!
//! Precedence, for the language: front matter, `<html lang>`, manifest, `--lang`,
//! detection from the body (among every language whatlang knows, so a German text is
//! German even without a German pack: it is then reported as not checked, never read
//! with another language's rules), default (only when detection is unsure). For the date: front matter, HTML
//! `<meta>`/`<time>`, manifest, `--date`, the text's own words ([`text_date`]), else
//! undated (never today's date).

pub mod date;
pub mod front_matter;
pub mod html;
pub mod lang;
pub mod load;
pub mod manifest;
pub mod suppress;
pub mod text_date;
pub mod walk_filter;

pub use date::{parse_date_flag, parse_iso_date};
pub use load::{
    load_sources, load_sources_with_stdin, plan_sources, source_from_bytes, LoadOptions, SourcePlan,
};
pub use text_date::{detect_text_date, TextDate};

use crate::text::{OffsetMap, Segments, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One article.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display path (relative as given, with `/`), or "-" for standard input.
    pub path: String,
    /// The whole text of the file, decoded.
    pub text: String,
    /// Where the article body is in `text` (after any front matter).
    pub body: Span,
    /// The language the text is read in ("fr", "en", ...).
    pub lang: String,
    /// Where the language came from.
    pub lang_origin: LangOrigin,
    /// The publication date, when known.
    pub date: Option<NaiveDate>,
    /// Where the date came from.
    pub date_origin: DateOrigin,
    /// The outlet ("AFP"), when known.
    pub outlet: Option<String>,
    /// The URL, when known.
    pub url: Option<String>,
    /// The currency a bare "$" means, when the front matter or manifest declares it
    /// (`dollar = "SGD"`).
    pub dollar: Option<crate::quantity::Currency>,
    /// The headline, whitespace collapsed, when something gives one (see the module
    /// doc); `None` otherwise.
    pub headline: Option<String>,
    /// Where the headline's words are in `text`, when they are part of the body (a
    /// `# Heading` line, an HTML `<h1>`, a plain text's title line).
    pub headline_span: Option<Span>,
    /// Non-fatal problems met while reading (lossy decoding, ignored keys...).
    pub warnings: Vec<String>,
    /// For a text derived from the file (HTML): the file's own text and where each
    /// byte of `text` came from. Lines and columns are those of the file.
    pub mapped: Option<MappedText>,
    /// `<!-- figcheck-ignore CHECK reason -->` comments, with the lines they cover.
    pub suppressions: Vec<suppress::Suppression>,
}

/// The file behind a derived text, and the offset map into it.
#[derive(Debug, Clone)]
pub struct MappedText {
    /// The file's text, decoded.
    pub file_text: String,
    /// `text` offsets -> `file_text` offsets.
    pub map: OffsetMap,
}

impl Source {
    /// The text that lines and columns are counted in: the file's.
    pub fn position_text(&self) -> &str {
        self.mapped.as_ref().map_or(&self.text, |m| &m.file_text)
    }

    /// The sentences, paragraphs, headline and lead of the body, with offsets into
    /// `text` (front matter is in no span). Built on each call: build it once per
    /// source.
    pub fn segments(&self) -> Segments {
        let segs = Segments::of_body(&self.text, self.body);
        match self.headline_span {
            Some(h) => segs.with_headline(h),
            None => segs,
        }
    }

    /// The offset in [`Source::position_text`] of a byte offset of `text`.
    pub fn file_offset(&self, offset: usize) -> usize {
        self.mapped
            .as_ref()
            .map_or(offset, |m| m.map.to_file(offset))
    }
}

impl Source {
    /// A source from a string, as for standard input or tests: whole text is the body,
    /// no date, language as given.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>, lang: &str) -> Self {
        let text = text.into();
        let body = Span::new(0, text.len());
        Source {
            path: path.into(),
            text,
            body,
            lang: lang.to_string(),
            lang_origin: LangOrigin::Flag,
            date: None,
            date_origin: DateOrigin::Undated,
            outlet: None,
            dollar: None,
            url: None,
            headline: None,
            headline_span: None,
            warnings: Vec::new(),
            mapped: None,
            suppressions: Vec::new(),
        }
    }
}

/// Where a source's language came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "origin")]
pub enum LangOrigin {
    /// The front matter's `lang` key.
    FrontMatter,
    /// An HTML file's `<html lang>`.
    Html,
    /// The manifest's `lang` key.
    Manifest,
    /// The `--lang` flag.
    Flag,
    /// Detected from the text.
    Detected {
        /// Detector confidence, 0..1, as a string with two decimals.
        confidence: String,
    },
    /// Nothing said and detection was unsure: the default language.
    Default,
}

impl fmt::Display for LangOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LangOrigin::FrontMatter => f.write_str("front matter"),
            LangOrigin::Html => f.write_str("<html lang>"),
            LangOrigin::Manifest => f.write_str("manifest"),
            LangOrigin::Flag => f.write_str("--lang"),
            LangOrigin::Detected { confidence } => {
                write!(f, "detected (confidence {confidence})")
            }
            LangOrigin::Default => f.write_str("default (detection unsure)"),
        }
    }
}

/// Where a source's date came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "origin")]
pub enum DateOrigin {
    /// The front matter's `date` or `published` key.
    FrontMatter,
    /// An HTML file's `<meta property="article:published_time">` or `<time datetime>`.
    Html,
    /// The manifest.
    Manifest,
    /// The `--date` flag.
    Flag,
    /// Found in the text.
    Text {
        /// The words the date was read from ("Publié le 24 février 2025").
        text: String,
        /// 1-based line of those words in the file.
        line: usize,
    },
    /// No date found.
    Undated,
}

impl fmt::Display for DateOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrigin::FrontMatter => f.write_str("front matter"),
            DateOrigin::Html => f.write_str("HTML <meta>/<time>"),
            DateOrigin::Manifest => f.write_str("manifest"),
            DateOrigin::Flag => f.write_str("--date"),
            DateOrigin::Text { text, line } => write!(f, "text, line {line}: \"{text}\""),
            DateOrigin::Undated => f.write_str("undated"),
        }
    }
}
