//! Front matter at the very top of an article: YAML between `---` lines (closed by `---`
//! or `...`) or TOML between `+++` lines.
//!
//! Two ways of reading it, by kind of file:
//! - Markdown (`.md`, `.markdown`): [`read_front_matter`]. A first line `---` or `+++`
//!   always opens front matter; a block that is not closed or does not parse is an
//!   error.
//! - Any other text input (`.txt`, standard input, a file named explicitly; not HTML,
//!   which has its own metadata): [`read_front_matter_by_content`]. A first line `---` or
//!   `+++` opens front matter only when the block is closed and every line in it looks
//!   like front matter: `key: value` lines (YAML; `key = value` and `[table]` lines for
//!   TOML), blank lines, `#` comments, and, after a key, list items (`- x`), indented
//!   continuation lines and (TOML) the lines of a multi-line array or string. Anything
//!   else (a Markdown horizontal rule followed by prose, an unclosed block) is not front
//!   matter: the block stays in the body, with no error. [`unclosed_front_matter`] says
//!   when a block that looks like front matter was left open, for a warning.
//!
//!   Choice: once a block looks like front matter it is read as strictly as in
//!   Markdown, so a text file and a Markdown file with the same header behave the
//!   same: a block of `key: value` lines that fails to parse as YAML (`title: Acme:
//!   the story`), a date that does not parse, an unknown language or a list where a
//!   single value is expected is an error with file:line:column, and the file is left
//!   out of the run, rather than its header being read as article text.
//!
//! Keys read: `date` or `published` (YYYY-MM-DD or a full date-time, see
//! [`super::date::parse_iso_date`]), `lang` or `language`, `outlet` or `source`, `url`,
//! `title` or `headline` (the article's headline, whitespace collapsed), `dollar` (the
//! currency a bare "$" means in the article, an ISO code: "SGD"). When both
//! spellings are given, the first one listed wins. Every other key (author, tags...) is
//! ignored. Malformed YAML or TOML, a date that does not parse, an unknown language or a
//! list where a single value is expected is an error with the file, line and column,
//! counted in the whole file.
//!
//! YAML is parsed with `serde_yaml_ng`, the maintained fork of the deprecated
//! `serde_yaml`, which reports the byte offset of syntax errors.

use super::date::parse_iso_date;
use super::lang::check_lang;
use crate::error::{Error, ErrorKind, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;

/// What a front matter says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte offset where the body starts (after the closing delimiter line).
    pub body_start: usize,
    /// `date` / `published`.
    pub date: Option<NaiveDate>,
    /// `lang` / `language`, normalised and checked.
    pub lang: Option<String>,
    /// `outlet` / `source`.
    pub outlet: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `title` / `headline`, whitespace collapsed.
    pub title: Option<String>,
    /// `dollar`: the currency a bare "$" means in this article ("SGD").
    pub dollar: Option<Currency>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

/// The front matter of `text` (the contents of `path`, a Markdown file), `Ok(None)` if
/// it has none. `known_langs` are the accepted language codes (any when empty).
pub fn read_front_matter(
    text: &str,
    path: &str,
    known_langs: &[String],
) -> Result<Option<FrontMatter>, Error> {
    let Some(block) = find_block(text) else {
        return Ok(None);
    };
    let Some((close_start, close_len)) = block.close else {
        let delim = if block.format == Format::Yaml {
            "---"
        } else {
            "+++"
        };
        return Err(Error::source_error(format!(
            "front matter opened on line 1 is not closed by a \"{delim}\" line"
        ))
        .at(Location::at_offset(path, text, 0)));
    };
    parse_block(text, path, known_langs, &block, close_start, close_len).map(Some)
}

/// The front matter of `text` (the contents of `path`, a text file that is not
/// Markdown), recognised by its content (see the module doc): `Ok(None)` when the text
/// does not start with a closed block of front-matter lines. Once recognised, it is read
/// as [`read_front_matter`] reads it, errors included.
pub fn read_front_matter_by_content(
    text: &str,
    path: &str,
    known_langs: &[String],
) -> Result<Option<FrontMatter>, Error> {
    let Some(block) = find_block(text) else {
        return Ok(None);
    };
    let Some((close_start, close_len)) = block.close else {
        return Ok(None);
    };
    let content = text.get(block.content_start..close_start).unwrap_or("");
    if !looks_like_fields(content, block.format) {
        return Ok(None);
    }
    parse_block(text, path, known_langs, &block, close_start, close_len).map(Some)
}

/// Whether `text` starts with a `---`/`+++` line followed by front-matter lines up to
/// its first blank line (at least one `key: value`), and no closing line: front matter
/// left open, which [`read_front_matter_by_content`] reads as text.
pub fn unclosed_front_matter(text: &str) -> bool {
    let Some(block) = find_block(text) else {
        return false;
    };
    if block.close.is_some() {
        return false;
    }
    let rest = text.get(block.content_start..).unwrap_or("");
    let head_len = lines_with_offsets(rest)
        .find(|(_, l)| l.trim().is_empty())
        .map_or(rest.len(), |(start, _)| start);
    looks_like_fields(rest.get(..head_len).unwrap_or(""), block.format)
}

/// A leading delimited block.
struct Block {
    format: Format,
    /// Offset after the opening line.
    content_start: usize,
    /// Start and length of the closing line, when there is one.
    close: Option<(usize, usize)>,
}

fn find_block(text: &str) -> Option<Block> {
    let mut lines = lines_with_offsets(text);
    let (_, first) = lines.next()?;
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return None,
    };
    let close = lines
        .find(|(_, line)| {
            let l = line.trim_end();
            match format {
                Format::Yaml => l == "---" || l == "...",
                Format::Toml => l == "+++",
            }
        })
        .map(|(start, line)| (start, line.len()));
    Some(Block {
        format,
        content_start: first.len(),
        close,
    })
}

/// Whether every line of `content` looks like a front-matter line, with one key at
/// least (see the module doc).
fn looks_like_fields(content: &str, format: Format) -> bool {
    let mut keys = 0usize;
    let mut in_string = false;
    for (_, line) in lines_with_offsets(content) {
        let line = line.trim_end_matches(['\n', '\r']);
        let t = line.trim();
        if in_string {
            in_string =
                line.matches("\"\"\"").count() % 2 == 0 && line.matches("\'\'\'").count() % 2 == 0;
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let ok = match format {
            Format::Yaml => {
                if yaml_key_line(t) && !indented {
                    keys += 1;
                    true
                } else {
                    keys > 0 && (indented || t == "-" || t.starts_with("- "))
                }
            }
            Format::Toml => {
                if toml_key_line(t) && !indented {
                    keys += 1;
                    in_string = t.matches("\"\"\"").count() % 2 == 1
                        || t.matches("\'\'\'").count() % 2 == 1;
                    true
                } else if t.starts_with('[') && t.ends_with(']') && !indented {
                    true
                } else {
                    keys > 0 && (indented || t.starts_with([']', '}', '"', '\'']))
                }
            }
        };
        if !ok {
            return false;
        }
    }
    keys > 0
}

/// A bare key (letters, digits, `_`, `-`, `.`) or a quoted one, and what follows it.
fn split_key(t: &str) -> Option<&str> {
    for q in ['"', '\''] {
        if let Some(rest) = t.strip_prefix(q) {
            let end = rest.find(q)?;
            return (end > 0).then(|| rest.get(end + 1..)).flatten();
        }
    }
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(t.len());
    (end > 0).then(|| t.get(end..)).flatten()
}

/// `key: value` or `key:` (YAML).
fn yaml_key_line(t: &str) -> bool {
    split_key(t)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|v| v.is_empty() || v.starts_with([' ', '\t']))
}

/// `key = value` (TOML).
fn toml_key_line(t: &str) -> bool {
    split_key(t).is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// Reads the fields of the block between `content_start` and the closing line.
fn parse_block(
    text: &str,
    path: &str,
    known_langs: &[String],
    block: &Block,
    close_start: usize,
    close_len: usize,
) -> Result<FrontMatter, Error> {
    let (format, content_start) = (block.format, block.content_start);
    let content = text.get(content_start..close_start).unwrap_or("");
    let fields = match format {
        Format::Yaml => yaml_fields(content, content_start, text, path)?,
        Format::Toml => toml_fields(content, content_start, text, path)?,
    };
    let at_key = |key: &str| {
        let off = content_start + key_value_offset(content, key).unwrap_or(0);
        Location::at_offset(path, text, off)
    };
    let mut fm = FrontMatter {
        body_start: close_start + close_len,
        ..FrontMatter::default()
    };
    if let Some((key, value)) = pick(&fields, &["date", "published"]) {
        fm.date = Some(parse_iso_date(&value).ok_or_else(|| {
            Error::source_error(format!(
                "invalid date \"{value}\" in front matter key `{key}`: expected YYYY-MM-DD or an RFC 3339 date-time"
            ))
            .at(at_key(&key))
        })?);
    }
    if let Some((key, value)) = pick(&fields, &["lang", "language"]) {
        fm.lang = Some(
            check_lang(&value, known_langs).map_err(|m| Error::source_error(m).at(at_key(&key)))?,
        );
    }
    if let Some((key, value)) = pick(&fields, &["dollar"]) {
        fm.dollar = Some(value.parse::<Currency>().map_err(|m| {
            Error::source_error(format!("front matter key `{key}`: {m}")).at(at_key(&key))
        })?);
    }
    fm.outlet = pick(&fields, &["outlet", "source"]).map(|(_, v)| v);
    fm.url = pick(&fields, &["url"]).map(|(_, v)| v);
    fm.title = pick(&fields, &["title", "headline"])
        .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    Ok(fm)
}

/// Keys figcheck reads; others are ignored.
const KEYS: &[&str] = &[
    "date",
    "published",
    "lang",
    "language",
    "outlet",
    "source",
    "url",
    "title",
    "headline",
    "dollar",
];

/// (key, value) of the first of `keys` present.
fn pick(fields: &[(String, String)], keys: &[&str]) -> Option<(String, String)> {
    keys.iter()
        .find_map(|k| fields.iter().find(|(fk, _)| fk == k))
        .cloned()
}

/// Lines with their start offsets, each line keeping its `\n`.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0usize, |pos, line| {
        let start = *pos;
        *pos += line.len();
        Some((start, line))
    })
}

/// Byte offset (in `content`) of the value of `key` on a `key: value` / `key = value`
/// line, for error locations.
fn key_value_offset(content: &str, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    lines_with_offsets(content).find_map(|(start, line)| {
        let rest = line.trim_start();
        let rest = rest
            .strip_prefix(key)
            .or_else(|| rest.strip_prefix(quoted.as_str()))?
            .trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
        Some(start + line.len() - value.trim_start().len())
    })
}

fn yaml_fields(
    content: &str,
    content_start: usize,
    text: &str,
    path: &str,
) -> Result<Vec<(String, String)>, Error> {
    use serde_yaml_ng::Value;
    let value: Value =
        serde_yaml_ng::from_str(content).map_err(|e| {
            let off = e.location().map_or(0, |l| l.index());
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            Error::source_error(format!("invalid YAML front matter: {msg}"))
                .at(Location::at_offset(path, text, content_start + off))
        })?;
    let map = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Mapping(map) => map,
        _ => {
            return Err(Error::source_error(
                "invalid YAML front matter: expected `key: value` lines",
            )
            .at(Location::at_offset(path, text, content_start)))
        }
    };
    let mut out = Vec::new();
    for (k, v) in map {
        let Value::String(key) = k else { continue };
        if !KEYS.contains(&key.as_str()) {
            continue;
        }
        let scalar = match v {
            Value::Null => continue,
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => {
                let off = content_start + key_value_offset(content, &key).unwrap_or(0);
                return Err(Error::source_error(format!(
                    "front matter key `{key}` must be a single value"
                ))
                .at(Location::at_offset(path, text, off)));
            }
        };
        out.push((key, scalar));
    }
    Ok(out)
}

fn toml_fields(
    content: &str,
    content_start: usize,
    text: &str,
    path: &str,
) -> Result<Vec<(String, String)>, Error> {
    let table: toml::Table = toml::from_str(content).map_err(|e| {
        let off = e.span().map_or(0, |s| s.start);
        Error::new(ErrorKind::Toml(format!(
            "invalid TOML front matter: {}",
            e.message().trim_end()
        )))
        .at(Location::at_offset(path, text, content_start + off))
    })?;
    let mut out = Vec::new();
    for (key, v) in table {
        if !KEYS.contains(&key.as_str()) {
            continue;
        }
        let scalar = match v {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Array(_) | toml::Value::Table(_) => {
                let off = content_start + key_value_offset(content, &key).unwrap_or(0);
                return Err(Error::source_error(format!(
                    "front matter key `{key}` must be a single value"
                ))
                .at(Location::at_offset(path, text, off)));
            }
        };
        out.push((key, scalar));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec!["en".into(), "fr".into()]
    }

    fn read(text: &str) -> Result<Option<FrontMatter>, Error> {
        read_front_matter(text, "a.md", &known())
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: Un titre\ndate: 2025-02-24\nlang: fr\nsource: Le Journal\nurl: https://example.org/a\ntags: [a, b]\n---\nLe corps.\n";
        let fm = read(text).unwrap().unwrap();
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 2, 24));
        assert_eq!(fm.lang.as_deref(), Some("fr"));
        assert_eq!(fm.outlet.as_deref(), Some("Le Journal"));
        assert_eq!(fm.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(text.get(fm.body_start..), Some("Le corps.\n"));
    }

    #[test]
    fn toml_front_matter_with_datetime() {
        let text = "+++\npublished = 2025-02-24T11:28:00+01:00\nlanguage = \"en\"\nauthor = \"X\"\n+++\r\nBody";
        let fm = read(text).unwrap().unwrap();
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 2, 24));
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(text.get(fm.body_start..), Some("Body"));
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(read("Texte\n---\n").unwrap(), None);
        assert_eq!(read("").unwrap(), None);
        let fm = read("---\n---\n").unwrap().unwrap();
        assert_eq!(fm.body_start, 8);
        assert_eq!(fm.date, None);
    }

    #[test]
    fn errors_point_into_the_file() {
        let rows: &[(&str, usize, usize, &str)] = &[
            (
                "---\ntitle: x\ndate: 2025-02-31\n---\n",
                3,
                7,
                "invalid date",
            ),
            ("---\ntitle: [unclosed\n---\n", 3, 1, "invalid YAML"),
            (
                "+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\n",
                3,
                8,
                "invalid date",
            ),
            ("+++\ntitle = = 3\n+++\n", 2, 9, "invalid TOML"),
            ("---\nlang: xx\n---\n", 2, 7, "unknown language"),
            ("---\ndate: [1, 2]\n---\n", 2, 7, "single value"),
            ("---\ndate: 2025-01-01\n", 1, 1, "not closed"),
            ("---\n- a\n- b\n---\n", 2, 1, "key: value"),
        ];
        for (text, line, col, msg) in rows {
            let err = read(text).unwrap_err();
            let loc = err.location.clone().unwrap();
            assert_eq!((loc.line, loc.column), (*line, *col), "{text:?}: {err}");
            assert!(err.to_string().contains(msg), "{err}");
        }
    }

    fn by_content(text: &str) -> Result<Option<FrontMatter>, Error> {
        read_front_matter_by_content(text, "a.txt", &known())
    }

    #[test]
    fn title_or_headline() {
        let fm = read("---\ntitle: \"Acme  raises\n  money\"\nheadline: Other\n---\nBody\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Acme raises money"));
        let fm = read("+++\nheadline = \"Acme raises money\"\n+++\nBody\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Acme raises money"));
        let fm = read("---\ntitle: \"  \"\n---\nBody\n").unwrap().unwrap();
        assert_eq!(fm.title, None);
    }

    #[test]
    fn recognised_by_content() {
        let text = "---\n# a comment\ntitle: \"Acme: the story\"\ndate: 2025-03-06\n\nlang: en\ntags:\n- a\n- b\nmore:\n  - c\nsummary: >\n  folded\n  text\n'quoted key': x\nurl: https://example.org/acme-raises-eur20-billion\n---\nBody.\n";
        let fm = by_content(text).unwrap().unwrap();
        assert_eq!(fm.title.as_deref(), Some("Acme: the story"));
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 3, 6));
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(
            fm.url.as_deref(),
            Some("https://example.org/acme-raises-eur20-billion")
        );
        assert_eq!(text.get(fm.body_start..), Some("Body.\n"));

        let toml = "+++\r\ntitle = \"T\"\r\ntags = [\r\n  \"a\",\r\n]\r\nnote = \"\"\"\r\nFree prose here.\r\n\"\"\"\r\n[extra]\r\nx = 1\r\n+++\r\nBody";
        let fm = by_content(toml).unwrap().unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(toml.get(fm.body_start..), Some("Body"));

        // "..." closes YAML too
        let fm = by_content("---\nlang: fr\n...\nCorps.\n").unwrap().unwrap();
        assert_eq!(fm.lang.as_deref(), Some("fr"));
    }

    #[test]
    fn not_recognised_by_content() {
        for text in [
            // a horizontal rule, prose, another rule
            "---\nThe company said it would invest more.\n\nAnalysts agreed.\n---\nMore.\n",
            // prose that starts like a key
            "---\nNote: this is prose.\nAnd so is this line.\n---\n",
            // not closed
            "---\ntitle: x\ndate: 2025-01-01\n\nBody.\n",
            // nothing but blank lines and comments
            "---\n\n# hi\n---\nBody.\n",
            // a list without a key
            "---\n- a\n- b\n---\n",
            "+++\nJust text = no, this is prose\n+++\n",
            "Texte\n---\ntitle: x\n---\n",
            "",
            "---",
        ] {
            assert_eq!(by_content(text).unwrap(), None, "{text:?}");
        }
        assert!(unclosed_front_matter(
            "---\ntitle: x\ndate: 2025-01-01\n\nBody.\n"
        ));
        assert!(!unclosed_front_matter("---\nThe text.\n"));
        assert!(!unclosed_front_matter("---\ntitle: x\n---\n"));
        assert!(!unclosed_front_matter("Text\n"));
    }

    #[test]
    fn malformed_by_content_is_an_error_like_markdown() {
        let rows: &[(&str, usize, usize, &str)] = &[
            (
                "---\ntitle: Acme: the story\n---\nBody.\n",
                2,
                12,
                "invalid YAML",
            ),
            (
                "---\ntitle: x\ndate: 2025-02-31\n---\n",
                3,
                7,
                "invalid date",
            ),
            ("+++\ntitle = = 3\n+++\n", 2, 9, "invalid TOML"),
            ("---\nlang: xx\n---\n", 2, 7, "unknown language"),
            ("---\ntitle: [a, b]\n---\n", 2, 8, "single value"),
        ];
        for (text, line, col, msg) in rows {
            let err = by_content(text).unwrap_err();
            let loc = err.location.clone().unwrap();
            assert_eq!((loc.line, loc.column), (*line, *col), "{text:?}: {err}");
            assert!(err.to_string().contains(msg), "{err}");
            assert!(err.to_string().starts_with("a.txt:"), "{err}");
        }
    }
}
