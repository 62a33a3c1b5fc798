//! Facts without a ledger: figures that no ledger fact took, grouped across sources by
//! who they are about (a name several sources share), what they measure (a role of the
//! role lexicons) and the year they speak of. A group that at least `min_sources`
//! sources feed becomes a fact marked as discovered, with an id derived from subject,
//! measure and year ("discovered:vantaris-investment-2025"); the checks then run on it
//! as on a ledger fact, so a slip (×1000, another currency, a stale rate) is flagged
//! against the value most sources agree on. Values never decide a group: a figure ×1000
//! off joins its group, for the checks to flag.
//!
//! Plain data in and out; nothing here converts or judges a figure.

mod names;

use super::{Claim, EventWindow, Fact, FactKind, FactSet, Scope, Tie};
use crate::error::Location;
use crate::extract::Mention;
use crate::frames::subject::EntityIndex;
use crate::frames::{frames_for_source, Frame, FrameInputs, SubjectFrom};
use crate::quantity::{Currency, Unit};
use crate::rules::RuleSet;
use crate::source::Source;
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Id prefix of discovered facts.
pub const PREFIX: &str = "discovered:";

/// A fact with the settings of a ledger fact that sets nothing but its names.
pub(crate) fn plain_fact(id: String, label: String, kind: FactKind, entities: Vec<String>) -> Fact {
    Fact {
        id,
        label,
        kind,
        currency: None,
        entities,
        topics: Vec::new(),
        exclude: Vec::new(),
        entity_scope: Scope::Paragraph,
        topic_scope: Scope::Sentence,
        tolerance: Decimal::new(5, 3),
        approx_width: Decimal::new(5, 2),
        own_widths: (false, false),
        stale_window_days: 90,
        reference: None,
        window: EventWindow::default(),
        measure: None,
        measure_related: Vec::new(),
        examples: Vec::new(),
        location: Location::file("(discovered)"),
        priority: 0,
        discovered: None,
        topic_re: None,
        exclude_re: None,
    }
}

/// A lower-case slug: letters and digits, other runs as one "-".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What discovered facts group on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    subject: String,
    measure: String,
    year: i32,
    kind: FactKind,
}

/// The year a figure speaks of: the year its own time words start in ("over three
/// years" from a 2025 article is 2025), else its claim's date.
fn year_of(frame: &Frame, claim: &Claim) -> Option<i32> {
    match &frame.time {
        Some(t) => Some(t.from.year()),
        None => claim.as_of.map(|d| d.year()),
    }
}

fn kind_of(m: &Mention) -> Option<FactKind> {
    match m.quantity.unit {
        Unit::Money(_) => Some(FactKind::Money),
        Unit::Parameters => Some(FactKind::Parameters),
        _ => None,
    }
}

/// The entity index of the names several sources share (each name one entity, with
/// money and parameter facts).
fn name_index(names: &BTreeMap<String, String>) -> EntityIndex {
    let mut set = FactSet::default();
    for (key, shown) in names {
        for kind in [FactKind::Money, FactKind::Parameters] {
            let id = format!("{key}-{}", kind.as_str());
            set.facts.insert(
                id.clone(),
                plain_fact(id, shown.clone(), kind, vec![shown.clone()]),
            );
        }
    }
    set.entity_index()
}

/// The most common currency of a group's money figures (ties: the code's order).
fn main_currency(claims: &[&Claim]) -> Option<Currency> {
    let mut n: BTreeMap<Currency, usize> = BTreeMap::new();
    for c in claims {
        if let Unit::Money(cur) = c.mention.quantity.unit {
            *n.entry(cur).or_default() += 1;
        }
    }
    n.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
}

/// Whether one measure may stand for the other in some source's language (a role's
/// `related` list: "spending" for "investment"), and which one is the wider:
/// `Some(true)` when `a` lists `b`.
fn related(rules: &RuleSet, langs: &BTreeSet<&str>, a: &str, b: &str) -> Option<bool> {
    let lists = |x: &str, y: &str| {
        langs.iter().any(|l| {
            rules
                .frames
                .get(*l)
                .and_then(|lex| lex.role_ids.get(x))
                .is_some_and(|r| r.iter().any(|m| m == y))
        })
    };
    if lists(a, b) {
        Some(true)
    } else if lists(b, a) {
        Some(false)
    } else {
        None
    }
}

/// Groups too small to stand (fewer than `min` sources) join the one group they are
/// compatible with, when there is exactly one, as a ledger fact would take their
/// figures: same subject and kind, and either a related measure in the same year
/// ("dépenser 380 milliards" and "consacrer 380 milliards"), or the same measure in one
/// of the two years before, when none of the figures has time words of its own (a later
/// report of an earlier plan: "is still rolling out its $12.7 billion investment"). The
/// joined group keeps the wider measure and the earlier year.
fn merge_small_groups(
    rules: &RuleSet,
    sources: &[Source],
    claims: &[Claim],
    frames: &BTreeMap<usize, Frame>,
    groups: &mut BTreeMap<Key, Vec<usize>>,
    min: usize,
) {
    let langs: BTreeSet<&str> = sources.iter().map(|s| s.lang.as_str()).collect();
    let n_sources = |members: &[usize]| {
        members
            .iter()
            .filter_map(|i| claims.get(*i).map(|c| c.source))
            .collect::<BTreeSet<usize>>()
            .len()
    };
    let undated = |members: &[usize]| {
        members
            .iter()
            .all(|i| frames.get(i).is_some_and(|f| f.time.is_none()))
    };
    let keys: Vec<Key> = groups.keys().cloned().collect();
    for small in keys {
        let Some(members) = groups.get(&small) else {
            continue;
        };
        if n_sources(members) >= min {
            continue;
        }
        let small_undated = undated(members);
        let mut fits = groups.iter().filter(|(k, _)| {
            **k != small
                && k.subject == small.subject
                && k.kind == small.kind
                && ((k.year == small.year
                    && related(rules, &langs, &k.measure, &small.measure).is_some())
                    || (k.measure == small.measure
                        && k.year < small.year
                        && small.year - k.year <= 2
                        && small_undated))
        });
        let (Some((other, other_members)), None) = (fits.next(), fits.next()) else {
            continue;
        };
        let (other, other_n) = (other.clone(), n_sources(other_members));
        let small_n = n_sources(members);
        // the joined group's key: the bigger group's; on a tie the wider measure's, or
        // the earlier year's
        let into_small = other.year == small.year
            && (small_n > other_n
                || (small_n == other_n
                    && related(rules, &langs, &small.measure, &other.measure) == Some(true)));
        let (keep, gone) = if into_small {
            (small.clone(), other)
        } else {
            (other, small.clone())
        };
        let Some(moved) = groups.remove(&gone) else {
            continue;
        };
        if let Some(v) = groups.get_mut(&keep) {
            v.extend(moved);
            v.sort_unstable();
        }
    }
}

/// Discovery settings.
#[derive(Debug, Clone, Copy)]
pub struct DiscoverOptions {
    /// Fewest sources a group needs.
    pub min_sources: usize,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions { min_sources: 2 }
    }
}

/// Group the claims no fact took (`claims` in source order, each source's in text
/// order, as `assign_claims` gives them); the facts found go into `facts`, marked as
/// discovered, and their claims are tied to them. Returns the ids added.
pub fn discover(
    rules: &RuleSet,
    sources: &[Source],
    claims: &mut [Claim],
    facts: &mut FactSet,
    opts: DiscoverOptions,
) -> Vec<String> {
    let min = opts.min_sources.max(1);
    let names = names::shared_names(rules, sources, min);
    if names.is_empty() {
        return Vec::new();
    }
    let index = name_index(&names);
    // Claims per source, in text order.
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_source.entry(c.source).or_default().push(i);
    }
    let mut frames: BTreeMap<usize, Frame> = BTreeMap::new();
    for (s, idx) in &by_source {
        let Some(source) = sources.get(*s) else {
            continue;
        };
        let ms: Vec<Mention> = idx
            .iter()
            .filter_map(|i| claims.get(*i).map(|c| c.mention.clone()))
            .collect();
        let conversion_words = rules
            .matcher(&source.lang)
            .map_or(&[][..], |m| m.lexicon.conversion.as_slice());
        let inputs = FrameInputs {
            lex: rules.frames.get(&source.lang),
            entities: &index,
            conversion_words,
        };
        let segs = source.segments();
        for (i, f) in idx
            .iter()
            .zip(frames_for_source(source, &ms, &segs, &inputs))
        {
            frames.insert(*i, f);
        }
    }
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, frame) in &frames {
        let Some(c) = claims.get(*i) else { continue };
        if c.fact.is_some() {
            continue;
        }
        let (Some(kind), Some(g), Some(measure), Some(year)) = (
            kind_of(&c.mention),
            frame.entity,
            frame.measure.clone(),
            year_of(frame, c),
        ) else {
            continue;
        };
        let key = Key {
            subject: index.display(g).to_string(),
            measure,
            year,
            kind,
        };
        groups.entry(key).or_default().push(*i);
    }
    // A figure whose subject is named next to it but whose clause has no role word
    // joins its subject's group of that year and kind, when there is only one (as a
    // ledger fact takes such a figure).
    for (i, frame) in &frames {
        let Some(c) = claims.get(*i) else { continue };
        let named = matches!(
            frame.subject_from,
            SubjectFrom::Clause | SubjectFrom::Sentence | SubjectFrom::Name
        );
        if c.fact.is_some() || frame.measure.is_some() || !named {
            continue;
        }
        let (Some(kind), Some(g), Some(year)) =
            (kind_of(&c.mention), frame.entity, year_of(frame, c))
        else {
            continue;
        };
        let subject = index.display(g);
        let mut same = groups
            .keys()
            .filter(|k| k.subject == subject && k.year == year && k.kind == kind);
        if let (Some(k), None) = (same.next().cloned(), same.next()) {
            if let Some(v) = groups.get_mut(&k) {
                v.push(*i);
                v.sort_unstable();
            }
        }
    }
    merge_small_groups(rules, sources, claims, &frames, &mut groups, min);
    let mut added = Vec::new();
    for (key, members) in groups {
        let srcs: BTreeSet<usize> = members
            .iter()
            .filter_map(|i| claims.get(*i).map(|c| c.source))
            .collect();
        if srcs.len() < min {
            continue;
        }
        let id = format!(
            "{PREFIX}{}-{}-{}",
            slug(&key.subject),
            slug(&key.measure),
            key.year
        );
        let label = format!("{}: {} ({})", key.subject, key.measure, key.year);
        let mut fact = plain_fact(id.clone(), label, key.kind, vec![key.subject.clone()]);
        let refs: Vec<&Claim> = members.iter().filter_map(|i| claims.get(*i)).collect();
        fact.currency = match key.kind {
            FactKind::Money => main_currency(&refs),
            FactKind::Parameters => None,
        };
        fact.measure = Some(key.measure.clone());
        fact.discovered = Some(srcs.len());
        // The event: from the first report in the year to the year's end (the first
        // report's date is also what "converted at the event's rate" is tried at).
        let first = refs
            .iter()
            .filter_map(|c| c.as_of)
            .filter(|d| d.year() == key.year)
            .min()
            .or_else(|| chrono::NaiveDate::from_ymd_opt(key.year, 1, 1));
        fact.window = EventWindow {
            from: first,
            until: chrono::NaiveDate::from_ymd_opt(key.year, 12, 31),
            horizon_days: 0,
        };
        for i in &members {
            let (Some(c), Some(frame)) = (claims.get_mut(*i), frames.get(i)) else {
                continue;
            };
            c.fact = Some(id.clone());
            c.untied = None;
            c.tie = Some(Tie {
                entity: frame
                    .subject_words
                    .clone()
                    .or_else(|| frame.subject.clone())
                    .unwrap_or_default(),
                topic: None,
                subject_from: frame.subject_from,
                measure_words: frame.measure_words.clone(),
                score: frame.subject_score() + frame.measure_score(),
                runner_up: None,
            });
            c.frame = Some(frame.clone());
        }
        facts.facts.insert(id.clone(), fact);
        added.push(id);
    }
    added
}
