//! The date a claim speaks of: its source's date, unless words right after the figure
//! give a year of their own ("une amende de 2,3 milliards d'euros en 2021").

use super::AsOf;
use chrono::{Datelike, NaiveDate};

/// Look for "en 2021" / "in 2021" within a few words after the figure (same sentence).
pub fn claim_date(
    text: &str,
    end: usize,
    source_date: Option<NaiveDate>,
) -> (Option<NaiveDate>, AsOf) {
    let fallback = match source_date {
        Some(d) => (Some(d), AsOf::Source),
        None => (None, AsOf::Undated),
    };
    let mut stop = (end + 48).min(text.len());
    while stop > end && !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let Some(after) = text.get(end..stop) else {
        return fallback;
    };
    // Only up to the end of the clause.
    let clause = after
        .split(['.', ';', '(', ')', '\n', ','])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    for pair in words.windows(2) {
        let (Some(prep), Some(year)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let prep_ok = matches!(
            prep.to_lowercase().as_str(),
            "en" | "in" | "during" | "durant"
        );
        let year_digits: String = year.chars().take_while(char::is_ascii_digit).collect();
        if !prep_ok || year_digits.len() != 4 {
            continue;
        }
        let Ok(y) = year_digits.parse::<i32>() else {
            continue;
        };
        if !(1900..=2100).contains(&y) {
            continue;
        }
        let words = format!("{prep} {year_digits}");
        if let Some(d) = source_date {
            if d.year() == y {
                return (Some(d), AsOf::Source);
            }
        }
        // A year: the rate of its last day, or of the source's date if that is earlier.
        let end_of_year = NaiveDate::from_ymd_opt(y, 12, 31);
        let date = match (end_of_year, source_date) {
            (Some(e), Some(s)) if s < e => Some(s),
            (e, _) => e,
        };
        return (date, AsOf::Text { words });
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn years_after_the_figure() {
        let text = "une amende de 2,3 milliards d'euros en 2021 par celui-ci";
        let end = text.find(" en 2021").unwrap();
        let (date, origin) = claim_date(text, end, Some(d("2025-02-24")));
        assert_eq!(date, Some(d("2021-12-31")));
        assert_eq!(
            origin,
            AsOf::Text {
                words: "en 2021".into()
            }
        );

        let text = "plus de 32 milliards de dollars en 2025, contre";
        let end = text.find(" en 2025").unwrap();
        assert_eq!(
            claim_date(text, end, Some(d("2025-09-24"))),
            (Some(d("2025-09-24")), AsOf::Source)
        );

        let text = "50 milliards d'euros. En 2021, rien";
        let end = text.find('.').unwrap();
        assert_eq!(claim_date(text, end, None), (None, AsOf::Undated));

        let text = "5 billion dollars in 2023";
        let end = text.find(" in").unwrap();
        assert_eq!(claim_date(text, end, None).0, Some(d("2023-12-31")));
        assert_eq!(claim_date("x", 5, None), (None, AsOf::Undated));
    }
}
