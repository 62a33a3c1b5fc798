//! Tying each mention to at most one fact. A fact takes a mention of its kind when one of
//! its entity names is within its entity scope, one of its topic words (if it has any) is
//! within its topic scope, and none of its exclusion words is. When several facts could
//! take a mention, the one whose entity name is nearest wins (ties: the later pack, then
//! fact id). A model-name
//! mention ("QwQ-32B") goes to the fact whose entity it names.

use super::as_of::claim_date;
use super::{AsOf, Claim, Fact, FactKind, FactSet, Scope, Tie};
use crate::extract::{Mention, MentionOrigin};
use crate::quantity::Unit;
use crate::source::Source;
use crate::text::{Segments, Span};
use regex::Regex;

/// Whole-word occurrences of a word list in a text.
fn occurrences(re: &Regex, text: &str) -> Vec<Span> {
    re.find_iter(text)
        .filter(|m| {
            let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = text.get(m.end()..).and_then(|s| s.chars().next());
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| Span::new(m.start(), m.end()))
        .collect()
}

fn scope_span(segs: &Segments, scope: Scope, at: usize, text_len: usize) -> Span {
    let whole = Span::new(0, text_len);
    match scope {
        Scope::Sentence => segs.sentence_of(at).unwrap_or(whole),
        Scope::Paragraph => segs.paragraph_of(at).unwrap_or(whole),
        Scope::Document => whole,
    }
}

fn within(occ: &[Span], scope: Span) -> impl Iterator<Item = &Span> {
    let first = occ.partition_point(|o| o.start < scope.start);
    occ.get(first..)
        .unwrap_or(&[])
        .iter()
        .take_while(move |o| o.end <= scope.end)
}

struct FactHits<'f> {
    fact: &'f Fact,
    entities: Vec<Span>,
    topics: Vec<Span>,
    excludes: Vec<Span>,
}

fn kind_matches(fact: &Fact, m: &Mention) -> bool {
    matches!(
        (fact.kind, m.quantity.unit),
        (FactKind::Money, Unit::Money(_)) | (FactKind::Parameters, Unit::Parameters)
    )
}

/// Whether an entity name after a mention has another figure of the same kind between
/// them: then the name belongs to that figure ("1 120 milliards de dollars, dont 589
/// milliards pour Nvidia": "Nvidia" is not the 1 120 billion's). A name before figures
/// is their subject and is shared ("Alibaba ... 380 milliards de yuans (50 milliards
/// d'euros)").
fn shadowed(m: &Mention, entity: &Span, others: &[Mention]) -> bool {
    if entity.end <= m.span.start {
        return false;
    }
    let (lo, hi) = (m.span.end, entity.start);
    others.iter().any(|o| {
        o.span != m.span
            && o.kind() == m.kind()
            && !matches!(o.origin, MentionOrigin::ModelName { .. })
            && o.span.start >= lo
            && o.span.end <= hi
    })
}

/// The fact a mention is about, with the words that tied it, or why it has none.
fn tie_mention(
    hits: &[FactHits<'_>],
    m: &Mention,
    others: &[Mention],
    segs: &Segments,
    text: &str,
    when: (Option<chrono::NaiveDate>, &AsOf),
) -> Result<(String, Tie), String> {
    let mut best: Option<(usize, std::cmp::Reverse<usize>, &str, Tie)> = None;
    let mut out_of_time: Option<String> = None;
    let mut any_kind = false;
    for h in hits {
        if !kind_matches(h.fact, m) {
            continue;
        }
        any_kind = true;
        let tie = if let MentionOrigin::ModelName { .. } = &m.origin {
            // The name itself must be one of the fact's entities.
            let inside: Vec<&Span> = h
                .entities
                .iter()
                .filter(|e| e.start >= m.span.start && e.end <= m.span.end)
                .collect();
            inside.first().map(|e| {
                (
                    0,
                    Tie {
                        entity: e.slice(text).to_string(),
                        topic: None,
                    },
                )
            })
        } else {
            let escope = scope_span(segs, h.fact.entity_scope, m.span.start, text.len());
            let nearest = within(&h.entities, escope)
                .filter(|e| !shadowed(m, e, others))
                .map(|e| {
                    // A name in the figure's own sentence beats a nearer one outside it.
                    let other_sentence = if segs.same_sentence(e.start, m.span.start) {
                        0
                    } else {
                        1_000_000
                    };
                    (distance(e, &m.span) + other_sentence, e)
                })
                .min_by_key(|(d, e)| (*d, e.start));
            let tscope = scope_span(segs, h.fact.topic_scope, m.span.start, text.len());
            let topic = if h.fact.topics.is_empty() {
                Some(None)
            } else {
                within(&h.topics, tscope)
                    .min_by_key(|t| (distance(t, &m.span), t.start))
                    .map(|t| Some(t.slice(text).to_string()))
            };
            let excluded = within(&h.excludes, tscope).next().is_some();
            match (nearest, topic, excluded) {
                (Some((d, e)), Some(topic), false) => Some((
                    d,
                    Tie {
                        entity: e.slice(text).to_string(),
                        topic,
                    },
                )),
                _ => None,
            }
        };
        if let Some((d, tie)) = tie {
            if let Err(why) = h.fact.window.admits(when.0, when.1) {
                out_of_time.get_or_insert_with(|| format!("not {}: {why}", h.fact.id));
                continue;
            }
            // Nearest name first; at equal distance the later pack (the user's own
            // ledger) wins; then id order, for stability.
            let key = (d, std::cmp::Reverse(h.fact.priority), h.fact.id.as_str());
            let better = match &best {
                None => true,
                Some((bd, bp, bid, _)) => key < (*bd, *bp, *bid),
            };
            if better {
                best = Some((key.0, key.1, key.2, tie));
            }
        }
    }
    match best {
        Some((_, _, id, tie)) => Ok((id.to_string(), tie)),
        None => Err(out_of_time.unwrap_or_else(|| {
            if any_kind {
                "no fact's names (and topic words) are within reach".to_string()
            } else {
                format!("no fact counts {}", kind_name(m))
            }
        })),
    }
}

fn kind_name(m: &Mention) -> &'static str {
    match m.quantity.unit {
        Unit::Parameters => "parameters",
        Unit::Ratio => "ratios",
        _ => "money",
    }
}

fn distance(a: &Span, b: &Span) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Claims for the mentions of each source (`mentions[i]` belongs to `sources[i]`), in
/// source then text order. Ratio mentions ("vingt fois plus") are claims tied to no fact:
/// the relation check reads them.
pub fn assign_claims(facts: &FactSet, sources: &[Source], mentions: &[Vec<Mention>]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (i, (source, ms)) in sources.iter().zip(mentions).enumerate() {
        let text = source.text.as_str();
        let segs = Segments::new(text);
        let hits: Vec<FactHits<'_>> = facts
            .facts
            .values()
            .map(|fact| FactHits {
                fact,
                entities: fact
                    .entity_re
                    .as_ref()
                    .map_or_else(Vec::new, |r| occurrences(r, text)),
                topics: fact
                    .topic_re
                    .as_ref()
                    .map_or_else(Vec::new, |r| occurrences(r, text)),
                excludes: fact
                    .exclude_re
                    .as_ref()
                    .map_or_else(Vec::new, |r| occurrences(r, text)),
            })
            .collect();
        for m in ms {
            let (as_of, as_of_origin) = claim_date(text, m.span.end, source.date);
            let tied = if m.quantity.unit == Unit::Ratio || facts.facts.is_empty() {
                Err(None)
            } else {
                tie_mention(&hits, m, ms, &segs, text, (as_of, &as_of_origin)).map_err(Some)
            };
            let (fact, tie, untied) = match tied {
                Ok((f, t)) => (Some(f), Some(t), None),
                Err(why) => (None, None, why),
            };
            claims.push(Claim {
                source: i,
                mention: m.clone(),
                fact,
                tie,
                untied,
                as_of,
                as_of_origin,
            });
        }
    }
    claims
}
