//! Manifests (`sources.toml`): one `[[source]]` table per article, giving what its text
//! does not say.
//!
//! ```toml
//! [[source]]
//! path = "001.txt"        # relative to the manifest's folder
//! date = "2025-03-06"     # or a TOML date, or a full date-time
//! lang = "fr"
//! outlet = "AFP"
//! url = "https://example.org/001"
//! dollar = "SGD"            # optional: a bare "$" in this article is this currency
//! note = "free text, ignored"
//! ```
//!
//! Unknown keys, bad dates, unknown languages, an entry naming a missing file and a
//! second entry for the same file are errors with the manifest's file:line:column. A
//! bad entry is dropped (or only its bad field) and the rest of the manifest still
//! applies.

use super::date::parse_iso_date;
use super::lang::check_lang;
use crate::error::{display_path, Error, ErrorKind, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for beside articles.
pub const MANIFEST_NAME: &str = "sources.toml";

/// One usable manifest entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    /// The article's canonical path.
    pub file: PathBuf,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Language, normalised and checked.
    pub lang: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The currency a bare "$" means in the article.
    pub dollar: Option<Currency>,
    /// Where the entry is (its `path` value), for messages.
    pub location: Location,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    source: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    path: Spanned<String>,
    date: Option<Spanned<toml::Value>>,
    lang: Option<Spanned<String>>,
    outlet: Option<String>,
    url: Option<String>,
    dollar: Option<Spanned<String>>,
    #[allow(dead_code)]
    note: Option<String>,
}

/// Reads the manifest at `path`: its usable entries, and the errors met (a file that
/// cannot be read or parsed gives no entries and one error).
pub fn read_manifest(path: &Path, known_langs: &[String]) -> (Vec<ManifestEntry>, Vec<Error>) {
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                return (
                    Vec::new(),
                    vec![Error::new(ErrorKind::InvalidUtf8 { offset }).at(Location::file(path))],
                );
            }
        },
        Err(e) => return (Vec::new(), vec![Error::io(path, &e)]),
    };
    parse_manifest(&text, path, known_langs)
}

/// Parses manifest `text` read from `path` (entries' paths are relative to its folder).
pub fn parse_manifest(
    text: &str,
    path: &Path,
    known_langs: &[String],
) -> (Vec<ManifestEntry>, Vec<Error>) {
    let shown = PathBuf::from(display_path(path));
    let at = |offset: usize| Location::at_offset(&shown, text, offset);
    let raw: RawManifest = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let err = Error::new(ErrorKind::Toml(format!(
                "invalid manifest: {}",
                e.message().trim_end()
            )));
            return (Vec::new(), vec![err.at(at(offset))]);
        }
    };
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut entries: Vec<ManifestEntry> = Vec::new();
    let mut errors = Vec::new();
    for e in raw.source {
        let location = at(e.path.span().start);
        let file = folder.join(e.path.get_ref());
        let Ok(file) = file.canonicalize() else {
            errors.push(
                Error::source_error(format!(
                    "manifest entry names a missing file: {}",
                    display_path(&file)
                ))
                .at(location),
            );
            continue;
        };
        if let Some(first) = entries.iter().find(|x| x.file == file) {
            errors.push(
                Error::source_error(format!(
                    "second entry for {}: the first one, on line {}, is used",
                    e.path.get_ref(),
                    first.location.line
                ))
                .at(location),
            );
            continue;
        }
        let date = e.date.and_then(|d| {
            let value = match d.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(dt) => dt.to_string(),
                other => other.to_string(),
            };
            let parsed = parse_iso_date(&value);
            if parsed.is_none() {
                errors.push(
                    Error::source_error(format!(
                        "invalid date {value}: expected YYYY-MM-DD or an RFC 3339 date-time"
                    ))
                    .at(at(d.span().start)),
                );
            }
            parsed
        });
        let lang = e
            .lang
            .and_then(|l| match check_lang(l.get_ref(), known_langs) {
                Ok(code) => Some(code),
                Err(msg) => {
                    errors.push(Error::source_error(msg).at(at(l.span().start)));
                    None
                }
            });
        let dollar = e
            .dollar
            .and_then(|d| match d.get_ref().parse::<Currency>() {
                Ok(c) => Some(c),
                Err(msg) => {
                    errors.push(Error::source_error(msg).at(at(d.span().start)));
                    None
                }
            });
        entries.push(ManifestEntry {
            file,
            date,
            lang,
            outlet: e.outlet,
            url: e.url,
            dollar,
            location,
        });
    }
    (entries, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec!["en".into(), "fr".into()]
    }

    #[test]
    fn reads_entries_and_reports_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        let text = "[[source]]\npath = \"a.txt\"\ndate = 2025-03-06\nlang = \"fr\"\noutlet = \"AFP\"\nnote = \"n\"\n\n\
                    [[source]]\npath = \"b.txt\"\ndate = \"2025-02-30\"\nlang = \"xx\"\n\n\
                    [[source]]\npath = \"gone.txt\"\n\n\
                    [[source]]\npath = \"a.txt\"\n";
        let mpath = dir.path().join(MANIFEST_NAME);
        let (entries, errors) = parse_manifest(text, &mpath, &known());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].date, NaiveDate::from_ymd_opt(2025, 3, 6));
        assert_eq!(entries[0].lang.as_deref(), Some("fr"));
        assert_eq!(entries[0].outlet.as_deref(), Some("AFP"));
        assert_eq!(entries[1].date, None);
        assert_eq!(entries[1].lang, None);
        let lines: Vec<(usize, usize)> = errors
            .iter()
            .map(|e| {
                let l = e.location.clone().unwrap();
                (l.line, l.column)
            })
            .collect();
        assert_eq!(
            lines,
            vec![(10, 8), (11, 8), (14, 8), (17, 8)],
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_location() {
        let text = "[[source]]\npath = \"a.txt\"\ndatte = \"2025-03-06\"\n";
        let (entries, errors) = parse_manifest(text, Path::new("m/sources.toml"), &known());
        assert!(entries.is_empty());
        let loc = errors[0].location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (3, 1), "{}", errors[0]);
        assert!(errors[0].to_string().contains("datte"), "{}", errors[0]);
    }
}
