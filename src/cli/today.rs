//! Today's date, for `rates info`'s "newest row ... days ago". The only clock figcheck
//! reads; `FIGCHECK_TODAY=YYYY-MM-DD` sets it (tests, reproducible runs). Never used to
//! date an article or a claim.

use crate::Error;
use chrono::NaiveDate;
use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable that sets today's date.
pub const ENV: &str = "FIGCHECK_TODAY";

/// `FIGCHECK_TODAY` when set (an error when it is not a date), else today in UTC.
pub fn today() -> Result<NaiveDate, Error> {
    match std::env::var(ENV) {
        Ok(v) if !v.trim().is_empty() => parse(&v),
        _ => Ok(system_today()),
    }
}

fn parse(v: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map_err(|_| Error::usage(format!("{ENV}=\"{v}\" is not a date (expected YYYY-MM-DD)")))
}

/// Today's date in UTC from the system clock (1970-01-01 if the clock is before it).
fn system_today() -> NaiveDate {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::default()
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_override_and_reads_the_clock() {
        assert_eq!(parse(" 2026-11-20 ").unwrap().to_string(), "2026-11-20");
        assert_eq!(
            parse("20/11/2026").unwrap_err().to_string(),
            "FIGCHECK_TODAY=\"20/11/2026\" is not a date (expected YYYY-MM-DD)"
        );
        assert!(system_today().to_string().as_str() > "2025-01-01");
    }
}
