//! Turning what `rates update` fetched (or was given with `--file`) into the text of an
//! ECB CSV: a zip archive is opened and its `eurofxref-hist.csv` read (or its only
//! `.csv` entry), plain text is taken as it is. Sizes are limited, a damaged archive
//! (bad structure, bad checksum, truncated) is an error naming where it came from.
//! Nothing here parses the CSV rows (see `ecb`) or touches the file system.

use crate::error::Error;
use std::io::{Cursor, Read};

/// The entry of the ECB's zip that holds the history.
pub const HISTORY_ENTRY: &str = "eurofxref-hist.csv";

/// The largest CSV read out of an archive (the ECB history is a few MiB).
pub const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;

/// The CSV text and the name to give it in error locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvText {
    /// The archive entry's name, or `None` when the bytes were the CSV itself.
    pub entry: Option<String>,
    /// The text.
    pub text: String,
}

/// Whether `bytes` start like a zip archive ("PK\x03\x04", or an empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The CSV held by `bytes` (a zip archive or the CSV itself); `origin` (a URL or a path)
/// names them in errors.
pub fn csv_text(bytes: &[u8], origin: &str) -> Result<CsvText, Error> {
    if is_zip(bytes) {
        let (entry, data) = history_entry(bytes, origin)?;
        let text = utf8(data, &format!("{origin}: {entry}"))?;
        return Ok(CsvText {
            entry: Some(entry),
            text,
        });
    }
    let text = utf8(bytes.to_vec(), origin)?;
    if !super::ecb::looks_like_ecb(&text) {
        return Err(Error::rate(format!(
            "{origin} is neither a zip archive nor an ECB CSV: it starts with \"{}\"",
            preview(&text)
        )));
    }
    Ok(CsvText { entry: None, text })
}

/// The name and bytes of the history entry of a zip archive.
fn history_entry(bytes: &[u8], origin: &str) -> Result<(String, Vec<u8>), Error> {
    let bad = |what: String| Error::rate(format!("{origin} is not a valid zip archive: {what}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let base = |n: &str| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string();
    let csvs: Vec<&String> = names
        .iter()
        .filter(|n| base(n).to_ascii_lowercase().ends_with(".csv"))
        .collect();
    let chosen = names
        .iter()
        .find(|n| base(n).eq_ignore_ascii_case(HISTORY_ENTRY))
        .or(match csvs.as_slice() {
            [only] => Some(*only),
            _ => None,
        })
        .cloned();
    let Some(name) = chosen else {
        let listed = if names.is_empty() {
            "it is empty".to_string()
        } else {
            format!("it holds {}", names.join(", "))
        };
        return Err(Error::rate(format!(
            "{origin} has no {HISTORY_ENTRY}: {listed}"
        )));
    };
    let unpack = |what: String| Error::rate(format!("{origin}: cannot unpack {name}: {what}"));
    let entry = archive.by_name(&name).map_err(|e| unpack(e.to_string()))?;
    if entry.size() > MAX_CSV_BYTES {
        return Err(unpack(format!(
            "{} bytes, more than the limit of {MAX_CSV_BYTES}",
            entry.size()
        )));
    }
    let mut data = Vec::new();
    entry
        .take(MAX_CSV_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| unpack(e.to_string()))?;
    if data.len() as u64 > MAX_CSV_BYTES {
        return Err(unpack(format!(
            "more than the limit of {MAX_CSV_BYTES} bytes"
        )));
    }
    Ok((name, data))
}

fn utf8(bytes: Vec<u8>, origin: &str) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        Error::rate(format!(
            "{origin} is not UTF-8 text: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The first line of `text`, at most 40 characters.
fn preview(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut s: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        s.push_str("...");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_the_history_entry_or_the_only_csv() {
        let z = zip_of(&[("readme.txt", "x"), ("eurofxref-hist.csv", "Date,USD,\n")]);
        let t = csv_text(&z, "u").unwrap();
        assert_eq!(t.entry.as_deref(), Some("eurofxref-hist.csv"));
        assert_eq!(t.text, "Date,USD,\n");
        let z = zip_of(&[("other.csv", "Date,USD\n")]);
        assert_eq!(
            csv_text(&z, "u").unwrap().entry.as_deref(),
            Some("other.csv")
        );
        let z = zip_of(&[("a.csv", "x"), ("b.csv", "y")]);
        let e = csv_text(&z, "u").unwrap_err().to_string();
        assert_eq!(e, "u has no eurofxref-hist.csv: it holds a.csv, b.csv");
    }

    #[test]
    fn plain_csv_garbage_and_broken_archives() {
        assert!(csv_text(b"Date,USD\n2025-01-02,1\n", "f").is_ok());
        let e = csv_text(b"<html>", "f").unwrap_err().to_string();
        assert_eq!(
            e,
            "f is neither a zip archive nor an ECB CSV: it starts with \"<html>\""
        );
        let z = zip_of(&[("eurofxref-hist.csv", "Date,USD\n")]);
        let cut = &z[..z.len() / 2];
        let e = csv_text(cut, "f").unwrap_err().to_string();
        assert!(e.starts_with("f is not a valid zip archive: "), "{e}");
        let e = csv_text(b"PK\x03\x04garbage", "f").unwrap_err().to_string();
        assert!(e.starts_with("f is not a valid zip archive: "), "{e}");
        let e = csv_text(&[0xff, 0xfe], "f").unwrap_err().to_string();
        assert_eq!(e, "f is not UTF-8 text: invalid byte at offset 0");
    }
}
