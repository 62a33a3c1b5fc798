//! Machine-written dates: the `--date` flag, front matter and manifest values.
//!
//! Accepted: `YYYY-MM-DD`, or an RFC 3339 / ISO 8601 date-time whose calendar date (as
//! written, in its own offset) is taken. Dates in running text are found by
//! [`super::text_date`], not here.

use crate::error::Error;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

/// `YYYY-MM-DD`, as `NaiveDate`'s `Display` writes it, at a fraction of its cost: every
/// row of a report carries one or two dates (chrono formats through its `Debug`, ~1 400
/// instructions a date; a run over a dense text spent 5 % there). Years outside
/// 0..=9999 are left to chrono, which signs them.
pub fn iso_date(d: NaiveDate) -> String {
    if !(0..=9999).contains(&d.year()) {
        return d.to_string();
    }
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads `YYYY-MM-DD`, or a full date-time (`2025-02-24T11:28:00+01:00`,
/// `2025-02-24T11:28:00`, `2025-02-24 11:28:00`) and keeps its date. `None` if it is
/// neither.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|fmt| NaiveDateTime::parse_from_str(s, fmt).ok())
    .map(|dt| dt.date())
}

/// Parses the `--date` flag: `YYYY-MM-DD` only (a usage error otherwise).
pub fn parse_date_flag(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::usage(format!(
            "invalid --date \"{s}\": expected a calendar date as YYYY-MM-DD"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, day) in [
            (2025, 2, 24),
            (1999, 1, 4),
            (9, 12, 31),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(iso_date(date), date.to_string(), "{y}-{m}-{day}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn iso_dates_and_datetimes() {
        let rows: &[(&str, Option<NaiveDate>)] = &[
            ("2025-02-24", d(2025, 2, 24)),
            (" 2025-02-24 ", d(2025, 2, 24)),
            ("2025-02-24T23:30:00-05:00", d(2025, 2, 24)),
            ("2025-02-24T11:28:00Z", d(2025, 2, 24)),
            ("2025-02-24T11:28:00", d(2025, 2, 24)),
            ("2025-02-24 11:28:00", d(2025, 2, 24)),
            ("2025-02-30", None),
            ("24/02/2025", None),
            ("", None),
            ("yesterday", None),
        ];
        for (input, want) in rows {
            assert_eq!(parse_iso_date(input), *want, "{input:?}");
        }
    }

    #[test]
    fn date_flag() {
        assert_eq!(parse_date_flag("2025-03-06").ok(), d(2025, 3, 6));
        let err = parse_date_flag("06/03/2025").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        assert!(parse_date_flag("2025-13-01").is_err());
    }
}
