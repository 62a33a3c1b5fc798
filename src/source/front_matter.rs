//! Front matter at the very top of a Markdown file: YAML between `---` lines (closed by
//! `---` or `...`) or TOML between `+++` lines.
//!
//! Keys read: `date` or `published` (YYYY-MM-DD or a full date-time, see
//! [`super::date::parse_iso_date`]), `lang` or `language`, `outlet` or `source`, `url`.
//! When both spellings are given, the first one listed wins. Every other key (title,
//! author, tags...) is ignored. Malformed YAML or TOML, a date that does not parse, an
//! unknown language or a list where a single value is expected is an error with the
//! file, line and column, counted in the whole file.
//!
//! YAML is parsed with `serde_yaml_ng`, the maintained fork of the deprecated
//! `serde_yaml`, which reports the byte offset of syntax errors.

use super::date::parse_iso_date;
use super::lang::check_lang;
use crate::error::{Error, ErrorKind, Location};
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
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

/// The front matter of `text` (the contents of `path`), `Ok(None)` if it has none.
/// `known_langs` are the accepted language codes (any when empty).
pub fn read_front_matter(
    text: &str,
    path: &str,
    known_langs: &[String],
) -> Result<Option<FrontMatter>, Error> {
    let mut lines = lines_with_offsets(text);
    let Some((_, first)) = lines.next() else {
        return Ok(None);
    };
    let format = match first.trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return Ok(None),
    };
    let content_start = first.len();
    let close = lines.find(|(_, line)| {
        let l = line.trim_end();
        match format {
            Format::Yaml => l == "---" || l == "...",
            Format::Toml => l == "+++",
        }
    });
    let Some((close_start, close_line)) = close else {
        let delim = if format == Format::Yaml { "---" } else { "+++" };
        return Err(Error::source_error(format!(
            "front matter opened on line 1 is not closed by a \"{delim}\" line"
        ))
        .at(Location::at_offset(path, text, 0)));
    };
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
        body_start: close_start + close_line.len(),
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
    fm.outlet = pick(&fields, &["outlet", "source"]).map(|(_, v)| v);
    fm.url = pick(&fields, &["url"]).map(|(_, v)| v);
    Ok(Some(fm))
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
}
