//! Stale conversion. What it checks: a converted figure that misses at its date but
//! matches the rate of an earlier date within a window (default 90 days).
//! Why it matters: conversions made at announcement time are repeated weeks later; the
//! figure is not wrong, it is stale, and the date it matches tells the reader so.
//! Example: "50 milliards d'euros" on 2025-03-06 for a 380-billion-yuan plan matches the
//! rate of 24 February, not of 6 March (48.56 bn EUR).
//!
//! This file finds the best-matching earlier date; the cross-source and inline-conversion
//! checks call it on their misses.

use super::interval::{relative_gap, show};
use super::{CheckId, Finding};
use crate::quantity::{Currency, Interval};
use crate::rates::format::rate as show_rate;
use crate::rates::normalize::convert_interval;
use crate::rates::{RateQuote, RateTables};
use chrono::{Duration, NaiveDate};

/// An earlier date at whose rate a figure matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleMatch {
    /// The table row date that matches best.
    pub date: NaiveDate,
    /// The figure converted at that date.
    pub converted: Interval,
    /// The rate of that date.
    pub quote: RateQuote,
}

/// The earlier date (within `window_days` before `date`) whose rate makes `stated`
/// (in `from`) overlap `target` (in `to`), closest match first; ties go to the later date.
pub fn find_stale_match(
    tables: &RateTables,
    stated: &Interval,
    from: Currency,
    to: Currency,
    date: NaiveDate,
    target: &Interval,
    window_days: u32,
) -> Option<StaleMatch> {
    let mut best: Option<(rust_decimal::Decimal, StaleMatch)> = None;
    let mut last_row = None;
    for back in 1..=i64::from(window_days) {
        let day = date.checked_sub_signed(Duration::days(back))?;
        let Ok((converted, quote)) = convert_interval(tables, stated, from, to, day) else {
            continue;
        };
        if last_row == Some(quote.rate_date) {
            continue; // a weekend or holiday: same row as the day after
        }
        last_row = Some(quote.rate_date);
        if !converted.overlaps(target) {
            continue;
        }
        let gap = relative_gap(&converted, target);
        let better = best.as_ref().is_none_or(|(g, _)| gap < *g);
        if better {
            best = Some((
                gap,
                StaleMatch {
                    date: quote.rate_date,
                    converted,
                    quote,
                },
            ));
        }
    }
    best.map(|(_, m)| m)
}

/// The stale-conversion finding for a miss (`head` says what missed) that `m` explains;
/// `what` is "figure" or "conversion".
pub fn stale_finding(
    fact: Option<&str>,
    head: &str,
    m: &StaleMatch,
    (from, to): (Currency, Currency),
    claims: Vec<usize>,
    what: &str,
) -> Finding {
    let mut f = Finding::new(
        CheckId::StaleConversion,
        fact,
        format!(
            "{head}; at the rate of {} ({} {to} per {from}) it is {}, which matches: the conversion was probably made at that date",
            m.date,
            show_rate(m.quote.rate),
            show(&m.converted, to.as_str()),
        ),
        claims,
    );
    f.matched_date = Some(m.date);
    f.cause = Some(format!(
        "rate date: the {what} matches the rate of {}",
        m.date
    ));
    f
}
