//! Inline conversion mismatch. What it checks: a figure followed by its conversion, in
//! brackets or after a conversion word ("380 milliards de yuans (50 milliards d'euros)",
//! "RMB 380 billion, or about $52.4bn"), must hold at the rate of the source's date.
//! Why it matters: conversions are copied from older articles or done at a wrong rate.
//! Example: 380 bn CNY was 50.08 bn EUR on 2025-02-24: "(50 milliards d'euros)" holds.
//! A miss that an earlier date's rate explains is reported as a stale conversion.

use super::ambiguous_currency::{ambiguity_note, AlternativeMatch};
use super::interval::{mid, miss_percent, show};
use super::normalize::Problem;
use super::normalize::{claim_interval, DEFAULT_APPROX};
use super::probable_cause::{or_unexplained, plausible_currencies, probable_cause, CauseQuery};
use super::stale_conversion::event_date;
use super::stale_conversion::{
    find_stale_match, outdated_rate_cause, stale_finding, OUTDATED_WINDOW_DAYS,
};
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::facts::Claim;
use crate::frames::conversion::is_conversion_gap;
use crate::quantity::{Currency, Interval, Unit};
use crate::rates::format::rate as show_rate;
use crate::rates::normalize::convert_interval;
use crate::rules::compile::parse_decimal_literal;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Days looked back for a stale inline conversion.
const WINDOW_DAYS: u32 = 90;

/// Run the check; `rate_tolerance` replaces [`RATE_TOLERANCE`].
pub fn check(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    rate_tolerance: Option<Decimal>,
) -> Vec<Finding> {
    let rate_tolerance = rate_tolerance
        .unwrap_or_else(|| parse_decimal_literal(RATE_TOLERANCE).unwrap_or(Decimal::ZERO));
    let mut out = Vec::new();
    let claims = input.claims;
    for (i, pair) in claims.windows(2).enumerate() {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        if a.source != b.source {
            continue;
        }
        let (Unit::Money(from), Unit::Money(to)) =
            (a.mention.quantity.unit, b.mention.quantity.unit)
        else {
            continue;
        };
        if from == to || b.mention.span.start < a.mention.span.end {
            continue;
        }
        let Some(source) = input.sources.get(a.source) else {
            continue;
        };
        let between = source
            .text
            .get(a.mention.span.end..b.mention.span.start)
            .unwrap_or("x");
        if between.len() > 40 {
            continue;
        }
        let words = input
            .rules
            .matcher(&source.lang)
            .map_or(&[][..], |m| m.lexicon.conversion.as_slice());
        if !is_conversion_gap(between, words) {
            continue;
        }
        // Judged once: each side's stated precision (and "about" width), and one rate
        // tolerance for the conversion, not each side widened by the fact's tolerance.
        let fact = a.fact.as_deref().or(b.fact.as_deref());
        let fact_def = fact.and_then(|id| input.facts.facts.get(id));
        let approx = fact_def.map_or_else(
            || parse_decimal_literal(DEFAULT_APPROX).unwrap_or(Decimal::ZERO),
            |f| f.approx_width,
        );
        let sa = claim_interval(&a.mention.quantity, Decimal::ZERO, approx);
        let sb_stated = claim_interval(&b.mention.quantity, Decimal::ZERO, approx);
        let sb = widen(&sb_stated, rate_tolerance);
        let Some(date) = a.as_of.or(source.date) else {
            // The undated-source check says what could not be done.
            let _ = Problem::Undated;
            continue;
        };
        let (converted, quote) = match convert_interval(input.tables, &sa, from, to, date) {
            Ok(x) => x,
            Err(e) => {
                out.push(Finding::new(
                    CheckId::RateUnavailable,
                    a.fact.as_deref(),
                    format!(
                        "could not check the conversion \"{}\" -> \"{}\": {e}",
                        a.mention.text, b.mention.text
                    ),
                    vec![i, i + 1],
                ));
                continue;
            }
        };
        if converted.overlaps(&sb) {
            continue;
        }
        let pct =
            miss_percent(&sb_stated, &converted).map_or(String::new(), |p| format!(" ({p} off)"));
        let outlet_rate = implied_rate(&sa, &sb_stated).map_or(String::new(), |r| {
            format!(
                "; the text's own rate is about {} {to} per {from}",
                show_rate(r)
            )
        });
        let head = format!(
            "\"{}\" converts \"{}\" into {to}: at the rate of {} ({} {to} per {from}) {} is {}, but the text says {}{pct}{outlet_rate}",
            b.mention.text,
            a.mention.text,
            quote.rate_date,
            show_rate(quote.rate),
            show(&sa, from.as_str()),
            show(&converted, to.as_str()),
            show(&sb_stated, to.as_str()),
        );
        if let Some((claim, m, detail)) = local_reading(input, (a, b), (&sa, &sb), (from, to), date)
        {
            let (flagged, other) = if std::ptr::eq(claim, b) {
                (i + 1, i)
            } else {
                (i, i + 1)
            };
            out.push(ambiguity_note(
                fact,
                &head,
                claim,
                &m,
                &detail,
                vec![flagged, other],
            ));
            continue;
        }
        let event = fact_def.and_then(event_date);
        if let Some(m) =
            find_stale_match(input.tables, &sa, from, to, date, &sb, WINDOW_DAYS, event)
        {
            out.push(stale_finding(
                fact,
                &head,
                &m,
                (from, to),
                vec![i + 1, i],
                "conversion",
            ));
            continue;
        }
        if let Some(m) = find_stale_match(
            input.tables,
            &sa,
            from,
            to,
            date,
            &sb,
            OUTDATED_WINDOW_DAYS,
            event,
        ) {
            let mut f = Finding::new(
                CheckId::InlineConversionMismatch,
                fact,
                head,
                vec![i + 1, i],
            );
            f.cause = Some(outdated_rate_cause(&m, (from, to), date));
            out.push(f);
            continue;
        }
        let plausible = plausible_currencies(input, index, b, fact_def);
        let cause = probable_cause(&CauseQuery {
            tables: input.tables,
            claim: b,
            stated: &sb,
            from: Some(to),
            to: Some(to),
            date: Some(date),
            target: &converted,
            event_date: None,
            plausible: &plausible,
            related: &[],
        });
        let mut f = Finding::new(
            CheckId::InlineConversionMismatch,
            fact,
            head,
            vec![i + 1, i],
        );
        f.cause = Some(or_unexplained(cause));
        out.push(f);
    }
    out
}

/// The relative tolerance of a conversion's rate (outlets use the day before's rate, or
/// a market rate instead of the ECB's reference).
pub const RATE_TOLERANCE: &str = "0.005";

/// `iv` widened by `rel` (relative) on each side.
fn widen(iv: &Interval, rel: Decimal) -> Interval {
    let by = |x: Decimal| x.checked_mul(rel).map_or(Decimal::ZERO, |d| d.abs());
    Interval::new(
        iv.lo.map(|l| l.saturating_sub(by(l))),
        iv.hi.map(|h| h.saturating_add(by(h))),
    )
}

/// The rate a text used: the middle of the converted figure over the middle of the
/// figure it converts, to 4 significant digits.
fn implied_rate(a: &Interval, b: &Interval) -> Option<Decimal> {
    let (ma, mb) = (mid(a)?, mid(b)?);
    if ma.is_zero() {
        return None;
    }
    mb.checked_div(ma)?.round_sf(4).map(|d| d.normalize())
}

/// When one side of a conversion is an undecided "$": that side, the local currencies
/// under which the conversion holds, and the arithmetic.
fn local_reading<'c>(
    input: &CheckInput<'_>,
    (a, b): (&'c Claim, &'c Claim),
    (sa, sb): (&Interval, &Interval),
    (from, to): (Currency, Currency),
    date: NaiveDate,
) -> Option<(&'c Claim, AlternativeMatch, String)> {
    // the conversion side is the "$": the first figure converted into each reading
    let mut readings = Vec::new();
    let mut shown = Vec::new();
    for &alt in &b.mention.reading.currency_alternatives {
        let Ok((converted, quote)) = convert_interval(input.tables, sa, from, alt, date) else {
            continue;
        };
        if alt != from && converted.overlaps(sb) {
            shown.push(format!(
                "at {} {alt} per {from} it is {}",
                show_rate(quote.rate),
                show(&converted, alt.as_str())
            ));
            readings.push((alt, converted));
        }
    }
    if !readings.is_empty() {
        let detail = format!(
            "{} on {date}: {}",
            show(sa, from.as_str()),
            shown.join("; ")
        );
        return Some((b, AlternativeMatch { readings }, detail));
    }
    // the converted side is the "$": each reading converted into the second figure's
    for &alt in &a.mention.reading.currency_alternatives {
        let Ok((converted, quote)) = convert_interval(input.tables, sa, alt, to, date) else {
            continue;
        };
        if alt != to && converted.overlaps(sb) {
            shown.push(format!(
                "{} at {} {to} per {alt} is {}",
                show(sa, alt.as_str()),
                show_rate(quote.rate),
                show(&converted, to.as_str())
            ));
            readings.push((alt, converted));
        }
    }
    (!readings.is_empty()).then(|| {
        let detail = format!("on {date}: {}", shown.join("; "));
        (a, AlternativeMatch { readings }, detail)
    })
}
