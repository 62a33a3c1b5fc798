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

use super::{Claim, EventWindow, Fact, FactKind, FactSet, Relation, RelationKind, Scope, Tie};
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
    /// A valuation before the round ("pre-money", "avant l'opération"): kept apart from
    /// the one after.
    pre_money: bool,
    year: i32,
    kind: FactKind,
}

impl Key {
    /// The measure as the id and label say it.
    fn measure_label(&self) -> String {
        if self.pre_money {
            format!("pre-money {}", self.measure)
        } else {
            self.measure.clone()
        }
    }

    /// The discovered fact's id ("discovered:vantaris-investment-2025").
    fn fact_id(&self) -> String {
        format!(
            "{PREFIX}{}-{}-{}",
            slug(&self.subject),
            slug(&self.measure_label()),
            self.year
        )
    }
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

/// How many sources the claims `members` come from.
fn source_count(claims: &[Claim], members: &[usize]) -> usize {
    members
        .iter()
        .filter_map(|i| claims.get(*i).map(|c| c.source))
        .collect::<BTreeSet<usize>>()
        .len()
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
    let n_sources = |members: &[usize]| source_count(claims, members);
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
                && k.pre_money == small.pre_money
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

/// Whether the word sequence `cue` is in `tokens`.
fn has_words(tokens: &[crate::text::words::Token], cue: &[String]) -> bool {
    !cue.is_empty()
        && tokens
            .windows(cue.len())
            .any(|w| w.iter().zip(cue).all(|(t, c)| t.lower == *c))
}

/// The claims (of `idx`, one source's, in text order) whose figure is a valuation before
/// a round: a `pre-money` phrase of the language in the figure's stretch of its
/// sentence (from the figure before it in the sentence, or the sentence's start, to the
/// figure after it, or the sentence's end).
fn pre_money_claims(
    rules: &RuleSet,
    source: &Source,
    segs: &crate::text::Segments,
    claims: &[Claim],
    idx: &[usize],
    frames: &BTreeMap<usize, Frame>,
) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let Some(lex) = rules.frames.get(&source.lang) else {
        return out;
    };
    if lex.pre_money.is_empty() {
        return out;
    }
    let text = source.text.as_str();
    for (k, i) in idx.iter().enumerate() {
        let (Some(c), Some(frame)) = (claims.get(*i), frames.get(i)) else {
            continue;
        };
        if frame.measure.as_deref() != Some("valuation") {
            continue;
        }
        let span = c.mention.span;
        let Some(sentence) = segs.sentence_of(span.start) else {
            continue;
        };
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| idx.get(j))
                .and_then(|j| claims.get(*j))
                .map(|o| o.mention.span)
                .filter(|o| o.start >= sentence.start && o.end <= sentence.end)
        };
        let from = neighbour(k.checked_sub(1)).map_or(sentence.start, |o| o.end);
        let to = neighbour(Some(k + 1)).map_or(sentence.end, |o| o.start);
        // (words of unspaced scripts are one character each, in the text and the cue)
        let tokens = crate::text::words::tokenize(text, from, to, &lex.stemmer);
        if lex.pre_money.iter().any(|(_, cue)| has_words(&tokens, cue)) {
            out.insert(*i);
        }
    }
    out
}

/// The frames of the claims of `sources` (claim indices per source, in text order),
/// subjects read with `index`; and which of them are pre-money valuations.
fn frames_of(
    rules: &RuleSet,
    sources: &[Source],
    claims: &[Claim],
    by_source: &BTreeMap<usize, Vec<usize>>,
    index: &EntityIndex,
) -> (BTreeMap<usize, Frame>, BTreeSet<usize>) {
    let mut frames: BTreeMap<usize, Frame> = BTreeMap::new();
    let mut pre = BTreeSet::new();
    for (s, idx) in by_source {
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
            entities: index,
            conversion_words,
        };
        let segs = source.segments();
        for (i, f) in idx
            .iter()
            .zip(frames_for_source(source, &ms, &segs, &inputs))
        {
            frames.insert(*i, f);
        }
        pre.extend(pre_money_claims(rules, source, &segs, claims, idx, &frames));
    }
    (frames, pre)
}

/// The claims no fact took, grouped by subject, measure, year and kind.
fn group_claims(
    claims: &[Claim],
    frames: &BTreeMap<usize, Frame>,
    pre: &BTreeSet<usize>,
    index: &EntityIndex,
) -> BTreeMap<Key, Vec<usize>> {
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, frame) in frames {
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
            pre_money: pre.contains(i),
            year,
            kind,
        };
        groups.entry(key).or_default().push(*i);
    }
    // A figure whose subject is named next to it but whose clause has no role word
    // joins its subject's group of that year and kind, when there is only one (as a
    // ledger fact takes such a figure).
    for (i, frame) in frames {
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
    groups
}

/// The pre-money phrases of `langs`, as written in the packs (a discovered pre-money
/// valuation's topics, a post-money one's exclusions, for the ledger draft).
fn pre_money_phrases(rules: &RuleSet, langs: &BTreeSet<&str>) -> Vec<String> {
    let mut out: Vec<String> = langs
        .iter()
        .filter_map(|l| rules.frames.get(*l))
        .flat_map(|lex| lex.pre_money.iter().map(|(w, _)| w.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Make the group's fact, tie its claims to it, add it to `facts`; its id.
fn add_fact(
    rules: &RuleSet,
    sources: &[Source],
    key: &Key,
    members: &[usize],
    claims: &mut [Claim],
    frames: &BTreeMap<usize, Frame>,
    facts: &mut FactSet,
) -> String {
    let srcs: BTreeSet<usize> = members
        .iter()
        .filter_map(|i| claims.get(*i).map(|c| c.source))
        .collect();
    let measure = key.measure_label();
    let id = key.fact_id();
    let label = format!("{}: {} ({})", key.subject, measure, key.year);
    let mut fact = plain_fact(id.clone(), label, key.kind, vec![key.subject.clone()]);
    let refs: Vec<&Claim> = members.iter().filter_map(|i| claims.get(*i)).collect();
    fact.currency = match key.kind {
        FactKind::Money => main_currency(&refs),
        FactKind::Parameters => None,
    };
    fact.measure = Some(key.measure.clone());
    fact.discovered = Some(srcs.len());
    if key.measure == "valuation" && key.kind == FactKind::Money {
        let langs: BTreeSet<&str> = srcs
            .iter()
            .filter_map(|s| sources.get(*s).map(|s| s.lang.as_str()))
            .collect();
        let phrases = pre_money_phrases(rules, &langs);
        if key.pre_money {
            fact.topics = phrases;
        } else {
            fact.exclude = phrases;
        }
    }
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
    for i in members {
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
    id
}

/// The three groups of one subject and year that a round's sum links: the round, the
/// valuation before it and the one after (money groups, by key).
fn round_triples(groups: &BTreeMap<Key, Vec<usize>>) -> Vec<[Key; 3]> {
    let mut out = Vec::new();
    for k in groups.keys() {
        if k.kind != FactKind::Money || k.measure != "funding" || k.pre_money {
            continue;
        }
        let find = |measure: &str, pre: bool| {
            groups
                .keys()
                .find(|o| {
                    o.kind == FactKind::Money
                        && o.subject == k.subject
                        && o.year == k.year
                        && o.measure == measure
                        && o.pre_money == pre
                })
                .cloned()
        };
        if let (Some(before), Some(after)) = (find("valuation", true), find("valuation", false)) {
            out.push([k.clone(), before, after]);
        }
    }
    out
}

/// Shares whose part and whole are both groups: "a fine of 180 million euros, 6 % of its
/// annual sales" where the figure before the share (same sentence) is in a group, and
/// what follows the share names a measure ("sales": revenue) of which the same subject
/// has a group, of the part's year or the year before (last year's sales). Pairs of
/// (part, whole) keys, each once.
fn share_pairs(
    rules: &RuleSet,
    sources: &[Source],
    claims: &[Claim],
    groups: &BTreeMap<Key, Vec<usize>>,
) -> Vec<(Key, Key)> {
    let key_of: BTreeMap<usize, &Key> = groups
        .iter()
        .flat_map(|(k, members)| members.iter().map(move |i| (*i, k)))
        .collect();
    let mut out: Vec<(Key, Key)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.mention.quantity.unit != Unit::Share {
            continue;
        }
        let (Some(source), Some(prev)) = (sources.get(c.source), i.checked_sub(1)) else {
            continue;
        };
        let Some(lex) = rules.frames.get(&source.lang) else {
            continue;
        };
        let text = source.text.as_str();
        let at = c.mention.span;
        // the part: the nearest figure before, in the sentence, that a money group took
        let part = (0..=prev)
            .rev()
            .map_while(|j| {
                let o = claims.get(j).filter(|o| o.source == c.source)?;
                let between = text.get(o.mention.span.end..at.start)?;
                (!crate::text::segment::crosses_sentence(between)).then_some(j)
            })
            .find_map(|j| key_of.get(&j).filter(|k| k.kind == FactKind::Money));
        let Some(part) = part else { continue };
        // what it is a share of: up to the next figure of the source, or the sentence's end
        let next = claims
            .get(i + 1)
            .filter(|o| o.source == c.source)
            .map_or(source.body.end, |o| o.mention.span.start);
        let until = text
            .get(at.end..next)
            .and_then(|t| t.find(['.', '!', '?', '\n']).map(|p| at.end + p))
            .unwrap_or(next);
        let Some(measure) = crate::frames::role_after(text, lex, at.end, until) else {
            continue;
        };
        let wholes = |year: i32| {
            groups
                .keys()
                .filter(|k| {
                    k.subject == part.subject
                        && k.kind == FactKind::Money
                        && k.measure == measure
                        && !k.pre_money
                        && k.year == year
                        && **k != **part
                })
                .collect::<Vec<_>>()
        };
        let mut found = wholes(part.year);
        if found.is_empty() {
            found = wholes(part.year - 1);
        }
        if let [whole] = found.as_slice() {
            let pair = ((*part).clone(), (*whole).clone());
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// Ratios between two groups: "dix fois plus lourd" in a sentence with a figure of one
/// group, in a source that gives figures of exactly one other group of the same kind
/// (and unit). Pairs of (larger, smaller) keys, by the source's own values, each once.
fn ratio_pairs(claims: &[Claim], groups: &BTreeMap<Key, Vec<usize>>) -> Vec<(Key, Key)> {
    // per source: its grouped figures in claim order, and each group's first figure
    let mut figs: BTreeMap<usize, Vec<(usize, &Key)>> = BTreeMap::new();
    let mut firsts: BTreeMap<usize, BTreeMap<&Key, usize>> = BTreeMap::new();
    for (k, members) in groups {
        for &i in members {
            let Some(c) = claims.get(i) else { continue };
            figs.entry(c.source).or_default().push((i, k));
            let first = firsts.entry(c.source).or_default().entry(k).or_insert(i);
            *first = (*first).min(i);
        }
    }
    figs.values_mut()
        .for_each(|v| v.sort_unstable_by_key(|(i, _)| *i));
    let unit_of = |j: usize| claims.get(j).map(|o| o.mention.quantity.unit);
    let value = |j: usize| claims.get(j).and_then(|o| o.mention.quantity.value);
    let mut out: Vec<(Key, Key)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.mention.quantity.unit != Unit::Ratio {
            continue;
        }
        let (Some(own), Some(first)) = (figs.get(&c.source), firsts.get(&c.source)) else {
            continue;
        };
        // the ratio's figure: the nearest grouped one before it, else after it
        let at = own.partition_point(|(j, _)| *j < i);
        let near = at
            .checked_sub(1)
            .and_then(|p| own.get(p))
            .or_else(|| own.get(at));
        let Some(&(a_claim, a)) = near else {
            continue;
        };
        let others: Vec<(&Key, usize)> = first
            .iter()
            .filter(|(k, j)| **k != a && k.kind == a.kind && unit_of(**j) == unit_of(a_claim))
            .map(|(k, j)| (*k, *j))
            .collect();
        let [(b, b_claim)] = others.as_slice() else {
            continue;
        };
        let (Some(va), Some(vb)) = (value(a_claim), value(*b_claim)) else {
            continue;
        };
        let pair = if va >= vb {
            (a.clone(), (*b).clone())
        } else {
            ((*b).clone(), a.clone())
        };
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// The relation "the valuation after = the one before + the round" between discovered
/// facts (ids: round, before, after).
fn round_sum(subject: &str, year: i32, [round, before, after]: [String; 3]) -> Relation {
    Relation {
        id: format!("{PREFIX}{}-round-sum-{year}", slug(subject)),
        kind: RelationKind::Sum,
        larger: after,
        smaller: before.clone(),
        parts: vec![before, round],
        tolerance: Decimal::new(1, 2),
        location: Location::file("(discovered)"),
    }
}

/// Longest source whose own round is looked for when no other source names its
/// subject (1 MB: longer than any article).
const ROUND_SOURCE_MAX: usize = 1 << 20;

/// Whether a source may state a round's three figures: a sentence with one of the
/// `free` claims has a pre-money phrase (sentence by sentence: a large file is never
/// tokenized whole).
fn may_state_a_round(rules: &RuleSet, source: &Source, claims: &[Claim], free: &[usize]) -> bool {
    let Some(lex) = rules.frames.get(&source.lang) else {
        return false;
    };
    if lex.pre_money.is_empty() {
        return false;
    }
    let segs = source.segments();
    let mut last: Option<crate::text::Span> = None;
    for c in free.iter().filter_map(|i| claims.get(*i)) {
        let Some(sentence) = segs.sentence_of(c.mention.span.start) else {
            continue;
        };
        if last == Some(sentence) {
            continue;
        }
        last = Some(sentence);
        let tokens =
            crate::text::words::tokenize(&source.text, sentence.start, sentence.end, &lex.stemmer);
        if lex.pre_money.iter().any(|(_, cue)| has_words(&tokens, cue)) {
            return true;
        }
    }
    false
}

/// Group the claims no fact took (`claims` in source order, each source's in text
/// order, as `assign_claims` gives them); the facts found go into `facts`, marked as
/// discovered, and their claims are tied to them. Returns the ids added.
///
/// A source's own round (its amount, the valuation before and the one after, for one
/// subject) is a relation even when no other source names that subject: its three
/// figures become facts discovered from one source, for the sum check.
pub fn discover(
    rules: &RuleSet,
    sources: &[Source],
    claims: &mut [Claim],
    facts: &mut FactSet,
    opts: DiscoverOptions,
) -> Vec<String> {
    let min = opts.min_sources.max(1);
    // Claims per source, in text order.
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_source.entry(c.source).or_default().push(i);
    }
    let mut added = Vec::new();
    let names = names::shared_names(rules, sources, min);
    if !names.is_empty() {
        let index = name_index(&names);
        let (frames, pre) = frames_of(rules, sources, claims, &by_source, &index);
        let mut groups = group_claims(claims, &frames, &pre, &index);
        merge_small_groups(rules, sources, claims, &frames, &mut groups, min);
        let n_sources = |members: &[usize]| source_count(claims, members);
        // Relations between groups: a group in one keeps it even below `min` sources
        // (a figure checked against another through the relation).
        let triples = round_triples(&groups);
        let shares = share_pairs(rules, sources, claims, &groups);
        let ratios = ratio_pairs(claims, &groups);
        let linked: BTreeSet<&Key> = triples
            .iter()
            .flatten()
            .chain(shares.iter().flat_map(|(a, b)| [a, b]))
            .chain(ratios.iter().flat_map(|(a, b)| [a, b]))
            .collect();
        let keep: BTreeSet<Key> = groups
            .iter()
            .filter(|(k, members)| n_sources(members) >= min || linked.contains(k))
            .map(|(k, _)| k.clone())
            .collect();
        groups.retain(|k, _| keep.contains(k));
        let mut ids: BTreeMap<Key, String> = BTreeMap::new();
        for (key, members) in &groups {
            let id = add_fact(rules, sources, key, members, claims, &frames, facts);
            ids.insert(key.clone(), id.clone());
            added.push(id);
        }
        // A later year's group whose figures carry no time of their own may be an
        // earlier event reported again ("is still rolling out its $12.7 billion plan"):
        // its event starts with that of the same subject and measure up to two years
        // before, so that "the value at the event's date" (a figure printed with the old
        // value under a new label) is tried at that date.
        for (key, members) in &groups {
            let undated = members
                .iter()
                .all(|i| frames.get(i).is_some_and(|f| f.time.is_none()));
            let earlier = groups
                .keys()
                .filter(|k| {
                    k.subject == key.subject
                        && k.measure == key.measure
                        && k.pre_money == key.pre_money
                        && k.kind == key.kind
                        && k.year < key.year
                        && key.year - k.year <= 2
                })
                .filter_map(|k| ids.get(k).and_then(|id| facts.facts.get(id)))
                .filter_map(|f| f.window.from)
                .min();
            let fact = ids.get(key).and_then(|id| facts.facts.get_mut(id));
            if let (true, Some(from), Some(fact)) = (undated, earlier, fact) {
                fact.window.from = Some(from);
            }
        }
        let id_of = |k: &Key| ids.get(k).cloned().unwrap_or_default();
        for t in triples {
            let rel = round_sum(&t[0].subject, t[0].year, t.clone().map(|k| id_of(&k)));
            facts.relations.push(rel);
        }
        for (larger, smaller) in ratios {
            facts.relations.push(Relation {
                id: format!(
                    "{PREFIX}{}-vs-{}-{}-{}",
                    slug(&larger.subject),
                    slug(&smaller.subject),
                    slug(&larger.measure_label()),
                    larger.year
                ),
                kind: RelationKind::Times,
                larger: id_of(&larger),
                smaller: id_of(&smaller),
                parts: Vec::new(),
                tolerance: Decimal::new(1, 1),
                location: Location::file("(discovered)"),
            });
        }
        for (part, whole) in shares {
            let (part_id, whole_id) = (id_of(&part), id_of(&whole));
            let currency = |id: &str| facts.facts.get(id).and_then(|f| f.currency);
            // a share of another currency's figure: not comparable as it stands
            if currency(&part_id) != currency(&whole_id) {
                continue;
            }
            facts.relations.push(Relation {
                id: format!(
                    "{PREFIX}{}-{}-share-of-{}-{}",
                    slug(&part.subject),
                    slug(&part.measure_label()),
                    slug(&whole.measure_label()),
                    part.year
                ),
                kind: RelationKind::Share,
                larger: whole_id,
                smaller: part_id.clone(),
                parts: Vec::new(),
                tolerance: Decimal::new(1, 1),
                location: Location::file("(discovered)"),
            });
        }
    }
    // One source's own round, with figures no group took.
    for (s, idx) in &by_source {
        let Some(source) = sources.get(*s) else {
            continue;
        };
        let free: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|i| claims.get(*i).is_some_and(|c| c.fact.is_none()))
            .collect();
        // an article, not a dump: a round is told in a few paragraphs, and reading a
        // long file's names and frames once more for it is not worth its cost
        let article = source.body.end - source.body.start <= ROUND_SOURCE_MAX;
        if free.len() < 3 || !article || !may_state_a_round(rules, source, claims, &free) {
            continue;
        }
        let own = names::shared_names(rules, std::slice::from_ref(source), 1);
        if own.is_empty() {
            continue;
        }
        let index = name_index(&own);
        // frames over the source's every figure (neighbours matter), groups of its
        // free ones; claim indices are the run's.
        let one: BTreeMap<usize, Vec<usize>> = [(*s, idx.clone())].into_iter().collect();
        let (frames, pre) = frames_of(rules, sources, claims, &one, &index);
        let groups = group_claims(claims, &frames, &pre, &index);
        for t in round_triples(&groups) {
            // a fact of that subject, measure and year discovered from other sources
            // did not take these figures: leave them (no second fact of the same id)
            if t.iter().any(|k| facts.facts.contains_key(&k.fact_id())) {
                continue;
            }
            let three = t.clone().map(|k| {
                let members = groups.get(&k).cloned().unwrap_or_default();
                add_fact(rules, sources, &k, &members, claims, &frames, facts)
            });
            added.extend(three.iter().cloned());
            facts
                .relations
                .push(round_sum(&t[0].subject, t[0].year, three));
        }
    }
    added
}
