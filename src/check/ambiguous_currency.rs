//! Ambiguous currency. What it checks: a figure whose alias several currencies share
//! ("$"), read as the default (USD) because nothing about the source decided it, that
//! misses as USD but matches when read as one of the local currencies the alias may
//! mean (SGD, HKD, AUD, CAD, NZD).
//! Why it matters: Singapore, Hong Kong, Australian and Canadian outlets write their own
//! dollar as "$"; flagging their correct figures as errors teaches readers to ignore
//! figcheck. The note says which reading holds and how to declare it.
//! Example: "$2.9 billion" in an Australian article for a 1.8-bn-EUR fine is 2.7 bn EUR
//! as USD, but 1.75 bn EUR as AUD: a note, not an error, until the outlet or the source
//! says which dollar it writes (`dollar = "AUD"` in its front matter).
//!
//! The cross-source and inline-conversion checks call [`alternative_match`] on their
//! misses; this file only decides and words the note.

use super::interval::show;
use super::{CheckId, Finding};
use crate::facts::Claim;
use crate::quantity::{Currency, Interval};
use crate::rates::normalize::convert_interval;
use crate::rates::RateTables;
use chrono::NaiveDate;

/// The readings of an ambiguous alias under which a figure matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlternativeMatch {
    /// The currencies the alias would then mean, each with the figure so read (in the
    /// target's currency or, for a conversion, the currency compared), in table order.
    pub readings: Vec<(Currency, Interval)>,
}

impl AlternativeMatch {
    /// The currencies, "SGD", "SGD or AUD", "SGD, AUD or CAD".
    pub fn currencies(&self) -> String {
        let names: Vec<String> = self.readings.iter().map(|(c, _)| c.to_string()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}

/// The claim's other readings (`claim.mention.reading.currency_alternatives`, in table
/// order) under which `stated` (its value in its own unit) overlaps `target` (in `to`,
/// at `date`); `None` when none does.
pub fn alternative_match(
    tables: &RateTables,
    claim: &Claim,
    stated: &Interval,
    to: Currency,
    date: NaiveDate,
    target: &Interval,
) -> Option<AlternativeMatch> {
    // an open side ("above $900 billion") overlaps a target under almost any reading:
    // that says nothing about the currency
    if stated.lo.is_none() || stated.hi.is_none() {
        return None;
    }
    let readings: Vec<(Currency, Interval)> = claim
        .mention
        .reading
        .currency_alternatives
        .iter()
        .filter_map(|&alt| {
            let converted = if alt == to {
                *stated
            } else {
                convert_interval(tables, stated, alt, to, date).ok()?.0
            };
            converted.overlaps(target).then_some((alt, converted))
        })
        .collect();
    (!readings.is_empty()).then_some(AlternativeMatch { readings })
}

/// The note for a miss (`head` says what missed) that reading the alias of `claim` as
/// one of `m`'s currencies explains; `detail` shows the arithmetic.
pub fn ambiguity_note(
    fact: Option<&str>,
    head: &str,
    claim: &Claim,
    m: &AlternativeMatch,
    detail: &str,
    claims: Vec<usize>,
) -> Finding {
    let currency = m.currencies();
    let first = m
        .readings
        .first()
        .map_or("SGD".to_string(), |(c, _)| c.to_string());
    let alias = claim.mention.reading.currency.as_deref().unwrap_or("$");
    let mut f = Finding::new(
        CheckId::AmbiguousCurrency,
        fact,
        format!(
            "{head}; read as {currency}, {detail}, which matches: nothing says which currency \"{alias}\" means in this source (declare `dollar = \"{first}\"` in its front matter or manifest, or add its outlet to an [[ambiguous.local]] table)"
        ),
        claims,
    );
    f.cause = Some(format!(
        "ambiguous currency: \"{alias}\" read as {currency} matches; read as {} it does not",
        claim
            .mention
            .quantity
            .unit
            .currency()
            .map_or("-".to_string(), |c| c.to_string())
    ));
    f
}

/// `m` shown as the detail of a note: "it is 1.75 bn EUR", or with several readings
/// "it is 1.75 bn EUR as AUD, 1.71 bn EUR as CAD".
pub fn shown(m: &AlternativeMatch, to: Currency) -> String {
    if let [(_, iv)] = m.readings.as_slice() {
        return format!("it is {}", show(iv, to.as_str()));
    }
    let parts: Vec<String> = m
        .readings
        .iter()
        .map(|(c, iv)| format!("{} as {c}", show(iv, to.as_str())))
        .collect();
    format!("it is {}", parts.join(", "))
}
