//! Cross-source mismatch. What it checks: the claims on one fact, each normalised into the
//! fact's currency at its own date, must overlap the fact's reference value or, without
//! one, the value most claims agree on.
//! Why it matters: figures for one fact that cannot all be true are the errors readers
//! notice; figures that only look different (a currency that moved) must not be flagged.
//! Example: 52 and 53 bn USD for a 380-bn-CNY plan, in March and September 2025, both
//! hold at their own dates; "38 milliards de yuans" does not (probable cause: factor 10).

use super::ambiguous_currency::{alternative_match, ambiguity_note, shown};
use super::interval::{miss_percent, show};
use super::normalize::{claim_unit_label, reference_interval, unit_label};
use super::probable_cause::{
    or_unexplained, plausible_currencies, probable_cause, CauseQuery, Explained,
};
use super::stale_conversion::{event_date, find_stale_match, stale_finding};
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::error::display_path;
use crate::extract::MentionOrigin;
use crate::facts::Fact;
use crate::quantity::{Interval, Unit};
use crate::rates::format::rate as show_rate;
use rust_decimal::Decimal;

/// What claims are compared with.
enum Target {
    Reference(Interval, String),
    Consensus(Interval, usize, usize),
}

/// The point most intervals cover (sweep over sorted bounds: O(n log n)), with the
/// intersection of those intervals and how many they are.
pub fn consensus(intervals: &[Interval]) -> Option<(Interval, usize)> {
    // events: (position, kind) where lower bounds open (0) before upper bounds close (1)
    let mut events: Vec<(Option<Decimal>, u8, usize)> = Vec::with_capacity(intervals.len() * 2);
    for (i, iv) in intervals.iter().enumerate() {
        events.push((iv.lo, 0, i));
        events.push((iv.hi, 1, i));
    }
    // None as lo is -inf (first), None as hi is +inf (last)
    events.sort_by(|a, b| {
        let key = |e: &(Option<Decimal>, u8, usize)| match (e.0, e.1) {
            (None, 0) => (0u8, Decimal::ZERO, 0u8),
            (None, _) => (2, Decimal::ZERO, 1),
            (Some(v), k) => (1, v, k),
        };
        key(a).cmp(&key(b))
    });
    let mut open = 0usize;
    let mut best = 0usize;
    let mut best_at = None;
    for (pos, (_, kind, _)) in events.iter().enumerate() {
        if *kind == 0 {
            open += 1;
            if open > best {
                best = open;
                best_at = Some(pos);
            }
        } else {
            open = open.saturating_sub(1);
        }
    }
    let at = best_at?;
    let point = events.get(at)?.0;
    let covering: Vec<&Interval> = intervals
        .iter()
        .filter(|iv| point.is_none_or(|p| iv.contains(p)) || (point.is_none() && iv.lo.is_none()))
        .collect();
    let mut inter = **covering.first()?;
    for iv in covering.iter().skip(1) {
        inter = inter.intersect(iv).unwrap_or(inter);
    }
    Some((inter, best))
}

fn target(input: &CheckInput<'_>, fact: &Fact, members: &[(usize, Interval)]) -> Option<Target> {
    if let Some(r) = reference_interval(fact, input.tables) {
        if let Ok(iv) = r {
            let src = fact
                .reference
                .as_ref()
                .and_then(|r| r.source.clone())
                .unwrap_or_else(|| "the fact's reference".to_string());
            return Some(Target::Reference(iv, src));
        }
        return None;
    }
    if members.len() < 2 {
        return None;
    }
    let ivs: Vec<Interval> = members.iter().map(|(_, iv)| *iv).collect();
    let (iv, n) = consensus(&ivs)?;
    Some(Target::Consensus(iv, n, members.len()))
}

/// The facts a `[[relation]]` links to `fact`, with their references in `fact`'s unit
/// (converted at the reference's date): (how they are linked, label, interval). For a
/// discovered fact, also the other facts discovered about the same subject, with what
/// most of their figures agree on (a round printed as the valuation it set).
fn related_facts(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    fact: &Fact,
) -> Vec<(String, String, Interval)> {
    let facts = &input.facts;
    let in_unit = |o: &Fact, iv: Interval, on: Option<chrono::NaiveDate>| match (
        o.currency,
        fact.currency,
        on,
    ) {
        (Some(from), Some(to), Some(d)) if from != to => {
            crate::rates::normalize::convert_interval(input.tables, &iv, from, to, d)
                .ok()
                .map(|c| c.0)
        }
        _ => Some(iv),
    };
    let mut out = linked_facts(input, fact);
    if fact.discovered.is_some() {
        for o in facts.facts.values() {
            // another measure of the same subject, or the valuation before a round for
            // the one after (the same measure in another year is the same thing at
            // another time: the earlier-value cause looks at that)
            let same_subject = o.entities.first() == fact.entities.first();
            let same_measure = o.measure == fact.measure && o.topics == fact.topics;
            if o.id == fact.id
                || o.discovered.is_none()
                || o.kind != fact.kind
                || !same_subject
                || same_measure
            {
                continue;
            }
            let ivs: Vec<Interval> = index
                .by_fact
                .get(o.id.as_str())
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|&i| input.normalized.get(i)?.value)
                .collect();
            let Some(iv) = consensus(&ivs).and_then(|(iv, _)| in_unit(o, iv, o.window.from)) else {
                continue;
            };
            out.push((
                format!(
                    "is another fact discovered about {}",
                    o.entities.first().map_or("its subject", String::as_str)
                ),
                o.label.clone(),
                iv,
            ));
        }
    }
    out
}

/// The facts a `[[relation]]` links to `fact` (see [`related_facts`]).
fn linked_facts(input: &CheckInput<'_>, fact: &Fact) -> Vec<(String, String, Interval)> {
    let facts = &input.facts;
    facts
        .relations
        .iter()
        .flat_map(|r| r.pairs().into_iter().map(move |p| (r, p)))
        .filter_map(|(r, (a, b))| {
            let other = if a == fact.id {
                b
            } else if b == fact.id {
                a
            } else {
                return None;
            };
            let o = facts.facts.get(other)?;
            if o.kind != fact.kind {
                return None;
            }
            let iv = reference_interval(o, input.tables)?.ok()?;
            let iv = match (o.currency, fact.currency, event_date(o)) {
                (Some(from), Some(to), Some(d)) if from != to => {
                    crate::rates::normalize::convert_interval(input.tables, &iv, from, to, d)
                        .ok()?
                        .0
                }
                _ => iv,
            };
            Some((
                format!("the relation \"{}\" links to this fact", r.id),
                o.label.clone(),
                iv,
            ))
        })
        .collect()
}

/// Run the check over every fact.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for fact in input.facts.facts.values() {
        let members: Vec<(usize, Interval)> = index
            .by_fact
            .get(fact.id.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| Some((i, input.claims.get(i)?)))
            .filter(|(_, c)| !matches!(c.mention.origin, MentionOrigin::ModelName { .. }))
            .filter_map(|(i, _)| input.normalized.get(i)?.value.map(|v| (i, v)))
            .collect();
        let Some(t) = target(input, fact, &members) else {
            continue;
        };
        let (t_iv, against) = match &t {
            Target::Reference(iv, src) => (
                *iv,
                format!("the reference {} ({src})", show(iv, &unit_label(fact))),
            ),
            Target::Consensus(iv, n, total) => {
                if *n == *total {
                    continue;
                }
                if *n < 2 {
                    if let Some(f) = culprit_of_two(input, index, fact, &members) {
                        out.push(f);
                        continue;
                    }
                    let ids: Vec<usize> = members.iter().map(|(i, _)| *i).collect();
                    let shown: Vec<String> = members
                        .iter()
                        .map(|(_, v)| show(v, &unit_label(fact)))
                        .collect();
                    out.push(Finding::new(
                        CheckId::CrossSourceMismatch,
                        Some(&fact.id),
                        format!(
                            "the {} claims on \"{}\" do not agree and none overlap: {}",
                            members.len(),
                            fact.label,
                            shown.join("; ")
                        ),
                        ids,
                    ));
                    continue;
                }
                (
                    *iv,
                    format!(
                        "{} of {} sources, which agree on {}",
                        n,
                        total,
                        show(iv, &unit_label(fact))
                    ),
                )
            }
        };
        for (i, value) in &members {
            if value.overlaps(&t_iv) {
                continue;
            }
            if let Some((f, _)) = judge(input, index, fact, *i, value, &t_iv, &against) {
                out.push(f);
            }
        }
    }
    out
}

/// How well a slip explains a miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slip {
    /// Nothing explains it.
    None,
    /// A slip that explains either figure from the other (a factor of ten, a digit swap).
    Symmetric,
    /// A slip only one figure can have made: a scale word dropped, doubled or French, a
    /// currency label, an older rate.
    OneWay,
    /// An alias several currencies share ("$") that nothing decided, and another reading
    /// matches: stronger than a currency swap suspected in a figure whose currency its
    /// source declared.
    Alias,
}

/// The slip kind of a cause text.
fn slip_of(cause: &Explained) -> Slip {
    match cause {
        Explained::Unexplained(_) => Slip::None,
        Explained::Cause(c)
            if (c.starts_with("factor ") && !c.contains("French"))
                || c.starts_with("digit swap") =>
        {
            Slip::Symmetric
        }
        Explained::Cause(_) => Slip::OneWay,
    }
}

/// The finding on claim `i` (its value `value`, in the fact's unit) missing `t_iv`,
/// described as `against`: a "$" a local dollar explains, a conversion at an older
/// rate, or a mismatch with its probable cause; with how well a slip explains it.
fn judge(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    fact: &Fact,
    i: usize,
    value: &Interval,
    t_iv: &Interval,
    against: &str,
) -> Option<(Finding, Slip)> {
    let t_iv = *t_iv;
    let claim = input.claims.get(i)?;
    let n = input.normalized.get(i)?;
    let stated = n.stated.unwrap_or(*value);
    let path = input
        .sources
        .get(claim.source)
        .map(|s| display_path(std::path::Path::new(&s.path)))
        .unwrap_or_default();
    let date = claim.as_of.map_or("undated".to_string(), |d| d.to_string());
    let at_rate = n.quote.as_ref().map_or(String::new(), |q| {
        format!(
            " at the rate of {} ({} {} per {})",
            q.rate_date,
            show_rate(q.rate),
            unit_label(fact),
            claim_unit_label(claim)
        )
    });
    let pct = miss_percent(value, &t_iv).map_or(String::new(), |p| format!(", {p} off"));
    let head = format!(
        "\"{}\" ({path}:{}, {date}) is {}{at_rate}, outside {against}{pct}",
        claim.mention.text,
        claim.mention.line,
        show(value, &unit_label(fact)),
    );
    // A "$" that nothing decided: does a local dollar match?
    if let (Some(to), Some(d)) = (fact.currency, claim.as_of) {
        if let Some(m) = alternative_match(input.tables, claim, &stated, to, d, &t_iv) {
            let f = ambiguity_note(Some(&fact.id), &head, claim, &m, &shown(&m, to), vec![i]);
            return Some((f, Slip::Alias));
        }
    }
    // A money claim in another currency: is it a conversion made at an older rate?
    if let (Unit::Money(from), Some(to), Some(d)) =
        (claim.mention.quantity.unit, fact.currency, claim.as_of)
    {
        if from != to {
            if let Some(m) = find_stale_match(
                input.tables,
                &stated,
                from,
                to,
                d,
                &t_iv,
                fact.stale_window_days,
                event_date(fact),
            ) {
                let f = stale_finding(Some(&fact.id), &head, &m, (from, to), vec![i], "figure");
                return Some((f, Slip::OneWay));
            }
        }
    }
    let from = claim.mention.quantity.unit.currency();
    let plausible = plausible_currencies(input, index, claim, Some(fact));
    let cause = probable_cause(&CauseQuery {
        tables: input.tables,
        claim,
        stated: &stated,
        from,
        to: fact.currency,
        date: claim.as_of,
        target: &t_iv,
        event_date: event_date(fact),
        plausible: &plausible,
        related: &related_facts(input, index, fact),
    });
    let slip = slip_of(&cause);
    let mut f = Finding::new(CheckId::CrossSourceMismatch, Some(&fact.id), head, vec![i]);
    f.cause = Some(or_unexplained(cause));
    Some((f, slip))
}

/// Two figures on a fact that disagree, with no third to side with either: the one a
/// known slip of the other explains is the culprit. A slip only one of them can have
/// made (a scale word, a currency label, an older rate) decides; a factor of ten
/// explains either, and then the later report is taken for the copy that slipped (news
/// copies earlier news), which the cause says.
fn culprit_of_two(
    input: &CheckInput<'_>,
    index: &ClaimIndex<'_>,
    fact: &Fact,
    members: &[(usize, Interval)],
) -> Option<Finding> {
    let [(a, va), (b, vb)] = members else {
        return None;
    };
    let describe = |i: usize, v: &Interval| {
        let claim = input.claims.get(i)?;
        let path = input
            .sources
            .get(claim.source)
            .map(|s| display_path(std::path::Path::new(&s.path)))
            .unwrap_or_default();
        Some(format!(
            "the other source's figure \"{}\" ({path}:{}), {}",
            claim.mention.text,
            claim.mention.line,
            show(v, &unit_label(fact))
        ))
    };
    let on_a = judge(input, index, fact, *a, va, vb, &describe(*b, vb)?)?;
    let on_b = judge(input, index, fact, *b, vb, va, &describe(*a, va)?)?;
    let later = |i: usize| {
        input
            .claims
            .get(i)
            .map(|c| (c.as_of, c.source, c.mention.span.start))
    };
    let (mut f, slip, tie) = match on_a.1.cmp(&on_b.1) {
        std::cmp::Ordering::Greater => (on_a.0, on_a.1, false),
        std::cmp::Ordering::Less => (on_b.0, on_b.1, false),
        std::cmp::Ordering::Equal if later(*a) >= later(*b) => (on_a.0, on_a.1, true),
        std::cmp::Ordering::Equal => (on_b.0, on_b.1, true),
    };
    match (slip, tie) {
        (Slip::None, _) | (Slip::OneWay, true) => None,
        (Slip::Symmetric, true) => {
            if let Some(c) = f.cause.as_mut() {
                c.push_str(
                    "; with two sources only, the later report is taken for the one that slipped",
                );
            }
            Some(f)
        }
        _ => Some(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn iv(a: &str, b: &str) -> Interval {
        Interval::new(Decimal::from_str(a).ok(), Decimal::from_str(b).ok())
    }

    #[test]
    fn consensus_finds_the_most_covered_point() {
        let ivs = vec![iv("1", "3"), iv("2", "4"), iv("10", "12"), iv("2.5", "x")];
        let (inter, n) = consensus(&ivs).unwrap();
        assert_eq!(n, 3);
        assert_eq!(inter, iv("2.5", "3"));
        assert_eq!(consensus(&[]), None);
        let (_, n) = consensus(&[iv("1", "2"), iv("5", "6")]).unwrap();
        assert_eq!(n, 1);
    }

    /// Bounds written as strings; "" is an open side.
    fn ob(lo: &str, hi: &str) -> Interval {
        let b = |s: &str| (!s.is_empty()).then(|| Decimal::from_str(s).unwrap());
        Interval::new(b(lo), b(hi))
    }

    #[test]
    fn consensus_table() {
        #[rustfmt::skip]
        type Row = (&'static str, Vec<Interval>, Option<(Interval, usize)>);
        let rows: Vec<Row> = vec![
            ("nothing", vec![], None),
            (
                "one interval is its own consensus",
                vec![ob("1", "2")],
                Some((ob("1", "2"), 1)),
            ),
            (
                "identical intervals",
                vec![ob("5", "6"), ob("5", "6"), ob("5", "6")],
                Some((ob("5", "6"), 3)),
            ),
            (
                "touching at one point counts as overlapping",
                vec![ob("1", "2"), ob("2", "3")],
                Some((ob("2", "2"), 2)),
            ),
            (
                "zero-width points, two agree",
                vec![ob("0", "0"), ob("0", "0"), ob("1", "1")],
                Some((ob("0", "0"), 2)),
            ),
            (
                "zero and negatives",
                vec![ob("-1", "0"), ob("-0.5", "0.5"), ob("3", "4")],
                Some((ob("-0.5", "0"), 2)),
            ),
            (
                "huge values (10^27) next to small ones",
                vec![ob("1e27", "1.1e27"), ob("1.05e27", "2e27"), ob("1", "2")],
                Some((ob("1.05e27", "1.1e27"), 2)),
            ),
            (
                "open above: \"more than 52\" agrees with 53 and 60",
                vec![ob("52", ""), ob("53", "54"), ob("59", "61")],
                Some((ob("53", "54"), 2)),
            ),
            (
                "two open-above intervals meet above the larger bound",
                vec![ob("52", ""), ob("53", ""), ob("1", "2")],
                Some((ob("53", ""), 2)),
            ),
            (
                "open below and open above that cross",
                vec![ob("", "10"), ob("5", ""), ob("7", "8")],
                Some((ob("7", "8"), 3)),
            ),
            (
                "open below and open above that do not cross",
                vec![ob("", "1"), ob("5", "")],
                Some((ob("", "1"), 1)),
            ),
            (
                "fully open intervals agree with everything",
                vec![ob("", ""), ob("", ""), ob("3", "4")],
                Some((ob("3", "4"), 3)),
            ),
            (
                "only fully open intervals",
                vec![ob("", ""), ob("", "")],
                Some((ob("", ""), 2)),
            ),
        ];
        for (what, ivs, want) in rows {
            assert_eq!(consensus(&ivs), want, "{what}");
        }
    }

    #[test]
    fn consensus_of_many_is_fast_and_right() {
        // 20 000 intervals, half around 380, half scattered: the sweep is n log n.
        let mut ivs = Vec::new();
        for i in 0..20_000u32 {
            if i % 2 == 0 {
                ivs.push(ob("379", "381"));
            } else {
                let v = Decimal::from(i);
                ivs.push(Interval::new(Some(v), Some(v)));
            }
        }
        let (inter, n) = consensus(&ivs).unwrap();
        // 379 and 381 are scattered points too: each is covered 10 001 times; the sweep
        // keeps the first
        assert_eq!(n, 10_001);
        assert_eq!(inter, ob("379", "379"));
    }
}
