//! Stale conversion. What it checks: a converted figure that misses at its date but
//! matches the rate of an earlier date within a window (default 90 days).
//! Why it matters: conversions made at announcement time are repeated weeks later; the
//! figure is not wrong, it is stale, and the date it matches tells the reader so.
//! Example: "50 milliards d'euros" on 2025-03-06 for a 380-billion-yuan plan matches the
//! rate of 24 February, not of 6 March (48.56 bn EUR).
//!
//! The date named is believable: the fact's event date when its rate matches (the
//! conversion was made at the announcement), never a date before the event when the
//! event matches; the report also gives every matching day as a range.
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
    /// The table row date named: the fact's event date when its row matches, else the
    /// closest match (ties: the later date).
    pub date: NaiveDate,
    /// The figure converted at that date.
    pub converted: Interval,
    /// The rate of that date.
    pub quote: RateQuote,
    /// The first and last matching rows (the range of believable dates).
    pub range: (NaiveDate, NaiveDate),
    /// Whether `date` is the fact's event date.
    pub at_event: bool,
}

/// The earlier dates (within `window_days` before `date`) whose rate makes `stated`
/// (in `from`) overlap `target` (in `to`). The date named is the event's (`event`, the
/// fact's date) when its row matches; else the closest match among the rows on or
/// after the event (a conversion is not made before the thing it converts), else among
/// all rows; ties go to the later date.
#[allow(clippy::too_many_arguments)]
pub fn find_stale_match(
    tables: &RateTables,
    stated: &Interval,
    from: Currency,
    to: Currency,
    date: NaiveDate,
    target: &Interval,
    window_days: u32,
    event: Option<NaiveDate>,
) -> Option<StaleMatch> {
    // (row date, gap, converted, quote), newest first
    let mut rows: Vec<(NaiveDate, rust_decimal::Decimal, Interval, RateQuote)> = Vec::new();
    let mut event_row: Option<NaiveDate> = None;
    let mut last_row = None;
    for back in 1..=i64::from(window_days) {
        let day = date.checked_sub_signed(Duration::days(back))?;
        let Ok((converted, quote)) = convert_interval(tables, stated, from, to, day) else {
            continue;
        };
        if event == Some(day) {
            event_row = Some(quote.rate_date);
        }
        if last_row == Some(quote.rate_date) {
            continue; // a weekend or holiday: same row as the day after
        }
        last_row = Some(quote.rate_date);
        if !converted.overlaps(target) {
            continue;
        }
        let gap = relative_gap(&converted, target);
        rows.push((quote.rate_date, gap, converted, quote));
    }
    // the range: the matching rows, those on or after the event when there are any
    let believable = |d: &NaiveDate| event.is_none_or(|e| *d >= e);
    let in_range: Vec<NaiveDate> = if rows.iter().any(|r| believable(&r.0)) {
        rows.iter().map(|r| r.0).filter(|d| believable(d)).collect()
    } else {
        rows.iter().map(|r| r.0).collect()
    };
    let first = in_range.iter().min().copied()?;
    let last = in_range.iter().max().copied()?;
    let pick =
        |r: &(NaiveDate, rust_decimal::Decimal, Interval, RateQuote), at_event: bool| StaleMatch {
            date: r.0,
            converted: r.2,
            quote: r.3.clone(),
            range: (first, last),
            at_event,
        };
    if let Some(r) = event_row.and_then(|e| rows.iter().find(|r| r.0 == e)) {
        return Some(pick(r, true));
    }
    let after_event: Vec<&(NaiveDate, rust_decimal::Decimal, Interval, RateQuote)> = rows
        .iter()
        .filter(|r| event.is_none_or(|e| r.0 >= e))
        .collect();
    let pool: Vec<&(NaiveDate, rust_decimal::Decimal, Interval, RateQuote)> =
        if after_event.is_empty() {
            rows.iter().collect()
        } else {
            after_event
        };
    // newest first, so the first of equal gaps is the later date
    let mut best: Option<&(NaiveDate, rust_decimal::Decimal, Interval, RateQuote)> = None;
    for r in pool {
        if best.is_none_or(|b| r.1 < b.1) {
            best = Some(r);
        }
    }
    best.map(|r| pick(r, false))
}

/// The date of a fact's event: its reference's date, else the first day of its window.
pub fn event_date(fact: &crate::facts::Fact) -> Option<NaiveDate> {
    fact.reference
        .as_ref()
        .and_then(|r| r.date)
        .or(fact.window.from)
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
            "{head}; at the rate of {}{} ({} {to} per {from}) it is {}, which matches: the conversion was probably made at that date{}",
            m.date,
            if m.at_event { ", the fact's date" } else { "" },
            show_rate(m.quote.rate),
            show(&m.converted, to.as_str()),
            range_words(m),
        ),
        claims,
    );
    f.matched_date = Some(m.date);
    f.cause = Some(format!(
        "rate date: the {what} matches the rate of {}{}{}",
        m.date,
        if m.at_event { ", the fact's date" } else { "" },
        range_words(m),
    ));
    f
}

/// "; any day from 2025-02-19 to 2025-02-26 matches", when more than one row does.
fn range_words(m: &StaleMatch) -> String {
    let (first, last) = m.range;
    if first == last {
        String::new()
    } else {
        format!("; any day from {first} to {last} matches")
    }
}

/// How far back an outdated rate is looked for, when no rate of the stale window
/// matches: a year. A conversion made at a rate that old is not stale but wrong, and
/// the date it matches says where the rate came from.
pub const OUTDATED_WINDOW_DAYS: u32 = 366;

/// The probable cause of a conversion that matches only a rate older than the stale
/// window: "an outdated rate: …".
pub fn outdated_rate_cause(
    m: &StaleMatch,
    (from, to): (Currency, Currency),
    date: NaiveDate,
) -> String {
    format!(
        "an outdated rate: at the rate of {} ({} {to} per {from}) it is {}, which matches; the rate of {date} does not{}",
        m.date,
        show_rate(m.quote.rate),
        show(&m.converted, to.as_str()),
        range_words(m),
    )
}
