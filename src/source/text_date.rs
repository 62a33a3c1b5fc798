//! Finds an article's publication date in its own words, in French and English.
//!
//! An article mentions many dates (past events, photo captions), so only its head is
//! searched: the first [`HEAD_LINES`] lines, at most [`HEAD_BYTES`] bytes. In the head,
//! in this order of preference:
//!
//! 1. a full date right after a publication cue ("Publié le", "Mis à jour le",
//!    "Published", "Updated", "Posted"), on the same line, at most 40 bytes after it;
//! 2. the first numeric date (`6/03/2025`, `06.03.2025`, `2025-02-24`): a dateline. A
//!    time glued in front of it, as in the garbled dateline `11:416/03/2025`, is
//!    recognised as `11:41` + `6/03/2025`;
//! 3. a wire-service dateline without a year ("Feb. 24 (Xinhua)", "24 février (AFP)"),
//!    whose year is taken from the first full date anywhere in the text (left undated
//!    when there is none);
//! 4. the first full written date ("le 1er mars 2025", "February 24, 2025",
//!    "24 February 2025").
//!
//! Numeric day/month order is a documented rule: `dd/mm/yyyy` except in English, where
//! it is `mm/dd/yyyy`; an English date whose first number is above 12 can only be
//! `dd/mm/yyyy` and is read so. Month names of both languages are recognised whatever
//! the language. Years outside 1900..=2100 are not taken. Everything runs in time
//! linear in the text (the regex crate guarantees it for each pass).

use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// How many lines from the top count as the head of an article.
pub const HEAD_LINES: usize = 15;
/// At most this many bytes from the top count as the head of an article.
pub const HEAD_BYTES: usize = 2000;

/// A publication date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDate {
    /// The date.
    pub date: NaiveDate,
    /// Byte offset in the searched text where `text` starts.
    pub start: usize,
    /// The words the date was read from ("Publié le 24 février 2025", "6/03/2025").
    pub text: String,
}

/// The publication date of `text` read in language `lang`, if its head gives one.
pub fn detect_text_date(text: &str, lang: &str) -> Option<TextDate> {
    let p = patterns()?;
    let head = text.get(..head_end(text)).unwrap_or("");
    let dates = candidates(p, head, lang);
    let full = |c: &&Candidate| c.date.is_some();

    // 1. cue + full date
    for cue in p.cue.find_iter(head) {
        let after = cue.end();
        let hit = dates.iter().filter(full).find(|c| {
            c.start >= after
                && c.start - after <= 40
                && !head.get(after..c.start).unwrap_or("\n").contains('\n')
        });
        if let Some(c) = hit {
            return make(head, cue.start(), c.end, c.date);
        }
    }
    // 2. numeric dateline
    if let Some(c) = dates.iter().filter(full).find(|c| c.kind == Kind::Numeric) {
        return make(head, c.start, c.end, c.date);
    }
    // 3. yearless wire dateline, year from context
    if let Some(c) = dates.iter().find(|c| c.kind == Kind::Yearless) {
        if let Some(year) = first_full_date(p, text, lang).map(|d| chrono::Datelike::year(&d)) {
            let date = NaiveDate::from_ymd_opt(year, c.month, c.day);
            if date.is_some() {
                return make(head, c.start, c.end, date);
            }
        }
    }
    // 4. first written full date
    dates
        .iter()
        .filter(full)
        .find(|c| c.kind == Kind::Written)
        .and_then(|c| make(head, c.start, c.end, c.date))
}

fn make(text: &str, start: usize, end: usize, date: Option<NaiveDate>) -> Option<TextDate> {
    Some(TextDate {
        date: date?,
        start,
        text: text.get(start..end)?.to_string(),
    })
}

/// End of the head: after [`HEAD_LINES`] lines, at most [`HEAD_BYTES`], on a char
/// boundary.
fn head_end(text: &str) -> usize {
    let by_lines = text
        .match_indices('\n')
        .nth(HEAD_LINES - 1)
        .map_or(text.len(), |(i, _)| i + 1);
    let mut end = by_lines.min(HEAD_BYTES).min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Month written out, with a year.
    Written,
    /// All digits, with a year.
    Numeric,
    /// Month written out, no year, followed by "(Agency)".
    Yearless,
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    kind: Kind,
    month: u32,
    day: u32,
    /// `None` for yearless candidates.
    date: Option<NaiveDate>,
}

struct Patterns {
    cue: Regex,
    written_dmy: Regex,
    written_mdy: Regex,
    yearless_md: Regex,
    yearless_dm: Regex,
    iso: Regex,
    numeric: Regex,
}

/// Month names and abbreviations, French then English, with their number.
const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(build_patterns).as_ref()
}

fn build_patterns() -> Option<Patterns> {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    // Longest first, so that "mars" is not read as "mar" + "s".
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let month = format!(r"(?P<m>{})\b\.?", names.join("|"));
    let day = r"(?P<d>\d{1,2})(?:er|st|nd|rd|th)?\b";
    let year = r"(?P<y>\d{4})\b";
    let re = |s: String| Regex::new(&format!("(?i){s}")).ok();
    Some(Patterns {
        cue: re(r"\b(?:publié|publiée|publie|publiee|mis à jour|mis a jour|modifié|actualisé|published|updated|posted|last modified)\b".into())?,
        written_dmy: re(format!(r"\b{day}\s+{month},?\s+{year}"))?,
        written_mdy: re(format!(r"\b{month}\s*{day},?\s+{year}"))?,
        yearless_md: re(format!(r"\b{month}\s*{day}\s*\([^()\n]{{1,40}}\)"))?,
        yearless_dm: re(format!(r"\b{day}\s+{month}\s*\([^()\n]{{1,40}}\)"))?,
        iso: re(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b".into())?,
        numeric: re(
            r"(?:\b\d{1,2}[:h]\d{2}|\b)(?P<a>\d{1,2})(?P<s1>[/.\-])(?P<b>\d{1,2})(?P<s2>[/.\-])(?P<y>\d{4})\b"
                .into(),
        )?,
    })
}

fn num(caps: &Captures<'_>, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn full_date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Reads one match of pattern `kind` into a candidate; `None` if it is not a real date.
fn read(caps: &Captures<'_>, kind: Kind, lang: &str, numeric_start: bool) -> Option<Candidate> {
    let whole = caps.get(0)?;
    let (month, day, start) = match kind {
        Kind::Numeric if numeric_start => {
            // `a`/`b` order depends on the language; the start skips a glued time.
            let a = num(caps, "a")?;
            let b = num(caps, "b")?;
            if caps.name("s1")?.as_str() != caps.name("s2")?.as_str() {
                return None;
            }
            let (m, d) = numeric_order(a, b, lang);
            (m, d, caps.name("a")?.start())
        }
        Kind::Numeric => (num(caps, "m")?, num(caps, "d")?, whole.start()),
        _ => (
            month_number(caps.name("m")?.as_str())?,
            num(caps, "d")?,
            whole.start(),
        ),
    };
    let date = match kind {
        Kind::Yearless => {
            // A real month/day in some year (29 February needs a leap year).
            NaiveDate::from_ymd_opt(2024, month, day)?;
            None
        }
        _ => Some(full_date(num(caps, "y")? as i32, month, day)?),
    };
    Some(Candidate {
        start,
        end: whole.end(),
        kind,
        month,
        day,
        date,
    })
}

/// (month, day) of a numeric `a/b/yyyy` date under the documented rule.
fn numeric_order(a: u32, b: u32, lang: &str) -> (u32, u32) {
    if lang == "en" && a <= 12 {
        (a, b)
    } else {
        (b, a)
    }
}

/// Every date in `text`, in order of position.
fn candidates(p: &Patterns, text: &str, lang: &str) -> Vec<Candidate> {
    let passes: [(&Regex, Kind, bool); 6] = [
        (&p.written_dmy, Kind::Written, false),
        (&p.written_mdy, Kind::Written, false),
        (&p.yearless_md, Kind::Yearless, false),
        (&p.yearless_dm, Kind::Yearless, false),
        (&p.iso, Kind::Numeric, false),
        (&p.numeric, Kind::Numeric, true),
    ];
    let mut out: Vec<Candidate> = passes
        .iter()
        .flat_map(|(re, kind, numeric)| {
            re.captures_iter(text)
                .filter_map(move |c| read(&c, *kind, lang, *numeric))
        })
        .collect();
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// The first full date anywhere in `text` (for the year of a yearless dateline).
fn first_full_date(p: &Patterns, text: &str, lang: &str) -> Option<NaiveDate> {
    let passes: [(&Regex, Kind, bool); 4] = [
        (&p.written_dmy, Kind::Written, false),
        (&p.written_mdy, Kind::Written, false),
        (&p.iso, Kind::Numeric, false),
        (&p.numeric, Kind::Numeric, true),
    ];
    passes
        .iter()
        .filter_map(|(re, kind, numeric)| {
            re.captures_iter(text)
                .find_map(|c| read(&c, *kind, lang, *numeric))
        })
        .filter_map(|c| Some((c.start, c.date?)))
        .min()
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn patterns_compile() {
        assert!(patterns().is_some());
    }

    /// (language, text, expected date, expected words).
    #[test]
    fn text_dates_table() {
        let rows: &[(&str, &str, Option<NaiveDate>, &str)] = &[
            // French
            (
                "fr",
                "Un titre\nPublié le 24 février 2025",
                ymd(2025, 2, 24),
                "Publié le 24 février 2025",
            ),
            (
                "fr",
                "publié le 24 février 2025 à 11h28",
                ymd(2025, 2, 24),
                "publié le 24 février 2025",
            ),
            (
                "fr",
                "Par Jeanne Test Publié le 24 février 2025 à 9h05\n",
                ymd(2025, 2, 24),
                "Publié le 24 février 2025",
            ),
            (
                "fr",
                "Titre\n\n6/03/2025, jeudi\nUn texte.",
                ymd(2025, 3, 6),
                "6/03/2025",
            ),
            (
                "fr",
                "Titre\n06/03/2025\nUn texte.",
                ymd(2025, 3, 6),
                "06/03/2025",
            ),
            (
                "fr",
                "Titre\n\n11:416/03/2025, jeudi\nAFP",
                ymd(2025, 3, 6),
                "6/03/2025",
            ),
            ("fr", "Titre\n09h156/03/2025", ymd(2025, 3, 6), "6/03/2025"),
            (
                "fr",
                "La réunion a eu lieu le 1er mars 2025 à Lyon.",
                ymd(2025, 3, 1),
                "1er mars 2025",
            ),
            (
                "fr",
                "Mis à jour le 3 sept. 2025",
                ymd(2025, 9, 3),
                "Mis à jour le 3 sept. 2025",
            ),
            (
                "fr",
                "Jeudi 6 mars 2025, à Paris",
                ymd(2025, 3, 6),
                "6 mars 2025",
            ),
            (
                "fr",
                "PARIS, 24 février (AFP) - Un texte qui cite le 2 janvier 2025.",
                ymd(2025, 2, 24),
                "24 février (AFP)",
            ),
            // the caption trap: an explicit cue wins over an earlier date
            (
                "fr",
                "Une photo prise le 21 février 2025.\nPublié le 24 février 2025",
                ymd(2025, 2, 24),
                "Publié le 24 février 2025",
            ),
            // a numeric dateline wins over a caption date written out
            (
                "fr",
                "Titre\n6/03/2025\nUne photo du 21 février 2025.",
                ymd(2025, 3, 6),
                "6/03/2025",
            ),
            // English
            (
                "en",
                "Published Feb. 24, 2025",
                ymd(2025, 2, 24),
                "Published Feb. 24, 2025",
            ),
            (
                "en",
                "Updated: February 24, 2025 at 5 p.m.",
                ymd(2025, 2, 24),
                "Updated: February 24, 2025",
            ),
            (
                "en",
                "The meeting of 24 February 2025 ended.",
                ymd(2025, 2, 24),
                "24 February 2025",
            ),
            (
                "en",
                "A story\n2025-02-24\nText.",
                ymd(2025, 2, 24),
                "2025-02-24",
            ),
            ("en", "Dateline 03/06/2025", ymd(2025, 3, 6), "03/06/2025"),
            ("en", "Dateline 24/02/2025", ymd(2025, 2, 24), "24/02/2025"),
            (
                "en",
                "BEIJING, Feb. 24 (Xinhua) -- A group said on Feb. 20, 2025 that it will spend.",
                ymd(2025, 2, 24),
                "Feb. 24 (Xinhua)",
            ),
            (
                "en",
                "On March 1st, 2025 the firm said so.",
                ymd(2025, 3, 1),
                "March 1st, 2025",
            ),
            // hostile rows
            ("fr", "Titre\n31/02/2025", None, ""),
            ("fr", "99/99/9999", None, ""),
            ("fr", "Le 24 février, rien ne s'est passé.", None, ""),
            (
                "en",
                "BEIJING, Feb. 24 (Xinhua) -- no year anywhere.",
                None,
                "",
            ),
            ("fr", "", None, ""),
            ("fr", "le 32 mars 2025 et le 29 février 2025", None, ""),
            ("fr", "version 1.2.3 du 12/13/14", None, ""),
            ("fr", "01/01/1850", None, ""),
            ("fr", "mélange 6/03-2025", None, ""),
        ];
        for (lang, text, want, words) in rows {
            let got = detect_text_date(text, lang);
            assert_eq!(got.as_ref().map(|g| g.date), *want, "{lang} {text:?}");
            if let Some(g) = got {
                assert_eq!(g.text, *words, "{text:?}");
                assert_eq!(
                    text.get(g.start..g.start + g.text.len()),
                    Some(g.text.as_str())
                );
            }
        }
    }

    #[test]
    fn only_the_head_is_searched() {
        let mut text = "Une ligne sans date.\n".repeat(20);
        text.push_str("Publié le 24 février 2025\n");
        assert_eq!(detect_text_date(&text, "fr"), None);
    }

    #[test]
    fn huge_text_without_dates() {
        let text = "chiffres 12 34/56 mars avril 2025x ".repeat(100_000);
        assert_eq!(detect_text_date(&text, "fr"), None);
        let bytes: String = (0..200_000u32)
            .map(|i| char::from_u32(i % 0x2FF + 0x20).unwrap_or(' '))
            .collect();
        let _ = detect_text_date(&bytes, "en");
    }

    #[test]
    fn head_is_cut_on_a_char_boundary() {
        let text = "é".repeat(3000);
        assert!(head_end(&text) <= HEAD_BYTES);
        assert!(text.is_char_boundary(head_end(&text)));
    }
}
