//! The figure's own time: a year ("en 2023", "in 2021"), a month and year ("en juin
//! 2024", "in February 2025"), a month alone ("in February": the latest such month up to
//! the article's date), or "last year" words — found in the figure's clause and in a
//! sentence-opening adverbial ("En 2023, ..."). A year after a horizon word ("d'ici
//! 2029", "by 2030") is a target, not the figure's time.

use crate::rules::roles::FrameLexicon;
use crate::text::words::Token;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A time span the figure speaks of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameTime {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub until: NaiveDate,
    /// The words that gave it.
    pub words: String,
}

fn year_of(t: &Token) -> Option<i32> {
    if t.lower.len() != 4 || !t.lower.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.lower.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

fn month_span(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((from, next.pred_opt()?))
}

fn ends_with_seq(tokens: &[Token], end: usize, seq: &[String]) -> bool {
    let n = seq.len();
    if n == 0 || end < n {
        return false;
    }
    tokens
        .get(end - n..end)
        .is_some_and(|w| w.iter().zip(seq).all(|(t, s)| &t.lower == s))
}

/// The time in `tokens` (a clause, or an opening adverbial), skipping tokens inside
/// `skip` spans (the figures themselves). `source_date` resolves "last year" and a
/// month without a year.
pub fn find_time(
    text: &str,
    tokens: &[Token],
    skip: &[(usize, usize)],
    lex: &FrameLexicon,
    source_date: Option<NaiveDate>,
) -> Option<FrameTime> {
    let inside = |t: &Token| skip.iter().any(|(s, e)| t.start >= *s && t.end <= *e);
    for (i, t) in tokens.iter().enumerate() {
        if inside(t) {
            continue;
        }
        if let Some(y) = year_of(t) {
            if lex.horizon.iter().any(|h| ends_with_seq(tokens, i, h)) {
                continue;
            }
            // "juin 2024": the month before the year.
            let month = i
                .checked_sub(1)
                .and_then(|j| tokens.get(j))
                .and_then(|p| lex.months.iter().position(|m| *m == p.lower));
            if let Some(m) = month.and_then(|m| u32::try_from(m + 1).ok()) {
                if let Some((from, until)) = month_span(y, m) {
                    let words =
                        format!("{} {y}", tokens.get(i - 1).map_or("", |p| p.lower.as_str()));
                    return Some(FrameTime { from, until, words });
                }
            }
            let (Some(from), Some(until)) = (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            ) else {
                continue;
            };
            return Some(FrameTime {
                from,
                until,
                words: t.lower.clone(),
            });
        }
        if let Some(d) = source_date {
            if let Some(ly) = lex
                .last_year
                .iter()
                .find(|s| ends_with_seq(tokens, i + 1, s))
            {
                let y = d.year() - 1;
                if let (Some(from), Some(until)) = (
                    NaiveDate::from_ymd_opt(y, 1, 1),
                    NaiveDate::from_ymd_opt(y, 12, 31),
                ) {
                    return Some(FrameTime {
                        from,
                        until,
                        words: tokens
                            .get(i + 1 - ly.len())
                            .and_then(|first| text.get(first.start..t.end))
                            .map_or_else(|| ly.join(" "), String::from),
                    });
                }
            }
            let next_is_year = tokens.get(i + 1).and_then(year_of).is_some();
            // English month names are capitalised ("may" is a verb, "March" a month).
            let could_be_month = t.capitalised || lex.lang != "en";
            if let (Some(m), false, true) = (
                lex.months.iter().position(|m| *m == t.lower),
                next_is_year,
                could_be_month,
            ) {
                // "in February": the latest February up to the article's date.
                let m = u32::try_from(m + 1).unwrap_or(1);
                let y = if m <= d.month() {
                    d.year()
                } else {
                    d.year() - 1
                };
                if let Some((from, until)) = month_span(y, m) {
                    return Some(FrameTime {
                        from,
                        until,
                        words: t.lower.clone(),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::text::words::tokenize;

    fn time_of(lang: &str, text: &str, date: &str) -> Option<String> {
        let rules = crate::rules::RuleSet::bundled().unwrap();
        let lex = rules.frames.get(lang).unwrap();
        let tokens = tokenize(text, 0, text.len(), &lex.stemmer);
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        find_time(text, &tokens, &[], lex, d)
            .map(|t| format!("{}..{} {}", t.from, t.until, t.words))
    }

    #[test]
    fn own_time_words() {
        assert_eq!(
            time_of("fr", "levés en juin 2024", "2025-01-10").as_deref(),
            Some("2024-06-01..2024-06-30 juin 2024")
        );
        assert_eq!(
            time_of("fr", "l'an dernier", "2025-01-10").as_deref(),
            Some("2024-01-01..2024-12-31 l'an dernier")
        );
        // A target is not the figure's time.
        assert_eq!(time_of("fr", "d'ici 2029", "2025-01-10"), None);
        assert_eq!(time_of("en", "by 2030", "2025-01-10"), None);
        assert_eq!(
            time_of("en", "in 2021", "2025-01-10").as_deref(),
            Some("2021-01-01..2021-12-31 2021")
        );
        // "may" is a verb; "May" a month (the latest one up to the article's date).
        assert_eq!(time_of("en", "it may raise", "2025-01-10"), None);
        assert_eq!(
            time_of("en", "raised in May", "2025-01-10").as_deref(),
            Some("2024-05-01..2024-05-31 may")
        );
    }
}
