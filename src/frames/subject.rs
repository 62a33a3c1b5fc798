//! Who a figure is about: the names of the ledger's entities (grouped: names that one
//! fact lists together are one entity), references back to the article's subject ("la
//! start-up", "the company", "its"), other capitalised names (a rival, a regulator), and
//! the document's subject (the entity the headline, the lead and most mentions name).
//! `subject_of` chooses a figure's subject among them: its clause first, then its
//! sentence, then the document's subject.

use super::clause::{
    clause_after_conversion, distance, inside_any, seq_at, shadowed, words_between,
};
use super::{Frame, FrameInputs, SourceWords, SubjectFrom};
use crate::extract::{Mention, MentionOrigin};
use crate::quantity::Unit;
use crate::rules::roles::FrameLexicon;
use crate::text::words::Token;
use crate::text::Span;
use regex::Regex;
use std::collections::BTreeMap;

/// The ledger's entities: names grouped so that aliases are one entity.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    /// Each entity's names, the first one used for display.
    pub groups: Vec<Vec<String>>,
    /// Lower-case name → entity.
    by_name: BTreeMap<String, usize>,
    /// Every name, whole words, case-insensitive, longest first.
    regex: Option<Regex>,
    /// Per entity: whether it has money facts, parameter facts.
    kinds: Vec<(bool, bool)>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(x) {
            *slot = gp;
        }
        x = gp;
    }
    x
}

impl EntityIndex {
    /// Group the entity names of every fact: each item is one fact's names and whether
    /// it counts money (else parameters). Names shared by two facts join their entities.
    pub fn new<'a>(facts: impl IntoIterator<Item = (&'a [String], bool)>) -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut name_kinds: Vec<(bool, bool)> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut parent: Vec<usize> = Vec::new();
        for (entities, money) in facts {
            let mut first: Option<usize> = None;
            for n in entities {
                let key = n.to_lowercase();
                let i = *index.entry(key).or_insert_with(|| {
                    names.push(n.clone());
                    name_kinds.push((false, false));
                    parent.push(parent.len());
                    parent.len() - 1
                });
                if let Some(k) = name_kinds.get_mut(i) {
                    if money {
                        k.0 = true;
                    } else {
                        k.1 = true;
                    }
                }
                match first {
                    None => first = Some(i),
                    Some(a) => {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, i));
                        if let Some(slot) = parent.get_mut(rb) {
                            *slot = ra;
                        }
                    }
                }
            }
        }
        let mut root_to_group: BTreeMap<usize, usize> = BTreeMap::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut by_name = BTreeMap::new();
        let mut kinds: Vec<(bool, bool)> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let r = find(&mut parent, i);
            let g = *root_to_group.entry(r).or_insert_with(|| {
                groups.push(Vec::new());
                kinds.push((false, false));
                groups.len() - 1
            });
            if let Some(v) = groups.get_mut(g) {
                v.push(n.clone());
            }
            if let (Some(k), Some(nk)) = (kinds.get_mut(g), name_kinds.get(i)) {
                k.0 |= nk.0;
                k.1 |= nk.1;
            }
            by_name.insert(n.to_lowercase(), g);
        }
        let mut all = names.clone();
        all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let regex = crate::rules::expand::words_regex(&all).ok().flatten();
        EntityIndex {
            groups,
            by_name,
            regex,
            kinds,
        }
    }

    /// The entity a name belongs to.
    pub fn group_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    /// Whether an entity has facts of money (`money`) or of parameters (`!money`).
    pub fn has_kind(&self, group: usize, money: bool) -> bool {
        self.kinds
            .get(group)
            .is_some_and(|(m, p)| if money { *m } else { *p })
    }

    /// The display name of an entity.
    pub fn display(&self, group: usize) -> &str {
        self.groups
            .get(group)
            .and_then(|g| g.first())
            .map_or("", String::as_str)
    }

    /// Whole-word occurrences of the names in `text[from..to]`, with their entity.
    pub fn occurrences(&self, text: &str, from: usize, to: usize) -> Vec<(Span, usize)> {
        let Some(re) = &self.regex else {
            return Vec::new();
        };
        let Some(slice) = text.get(from..to) else {
            return Vec::new();
        };
        re.find_iter(slice)
            .filter(|m| {
                let before = slice.get(..m.start()).and_then(|s| s.chars().next_back());
                let after = slice.get(m.end()..).and_then(|s| s.chars().next());
                // Han characters are word edges: "阿里巴巴宣布" names 阿里巴巴.
                let glued = |c: char| c.is_alphanumeric() && !crate::text::is_unspaced_script(c);
                !before.is_some_and(glued) && !after.is_some_and(glued)
            })
            .filter_map(|m| {
                self.group_of(m.as_str())
                    .map(|g| (Span::new(from + m.start(), from + m.end()), g))
            })
            .collect()
    }
}

/// The entity most of the article is about: headline mentions count 3, the lead's 2,
/// the rest 1; the first mentioned wins a tie. None when no ledger name occurs.
/// Only entities `keep` accepts count (those with money facts, for a money figure: "le
/// groupe" is a company, not a model).
pub fn document_subject(
    headline_hits: &[(Span, usize)],
    body_hits: &[(Span, usize)],
    lead: Option<Span>,
    keep: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let mut weight: BTreeMap<usize, (usize, usize)> = BTreeMap::new(); // group -> (weight, first)
    for (i, (_, g)) in headline_hits
        .iter()
        .enumerate()
        .filter(|(_, (_, g))| keep(*g))
    {
        let e = weight.entry(*g).or_insert((0, i));
        e.0 += 3;
    }
    for (i, (s, g)) in body_hits.iter().enumerate().filter(|(_, (_, g))| keep(*g)) {
        let w = if lead.is_some_and(|l| s.start >= l.start && s.end <= l.end) {
            2
        } else {
            1
        };
        let e = weight.entry(*g).or_insert((0, headline_hits.len() + i));
        e.0 += w;
    }
    weight
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(g, _)| g)
}

/// A capitalised name in `tokens` (not a ledger name, a reference, a figure or a
/// not-name), merged with the capitalised words right after it.
pub(super) fn other_names(
    tokens: &[Token],
    w: &SourceWords<'_>,
    lex: Option<&FrameLexicon>,
    within: Span,
) -> Vec<(Span, String)> {
    let mut out: Vec<(Span, String)> = Vec::new();
    let mut last_end: Option<usize> = None;
    for t in tokens
        .iter()
        .filter(|t| t.start >= within.start && t.end <= within.end)
    {
        let is_name = t.capitalised
            && t.lower.chars().count() > 1
            && !t.lower.chars().all(|c| c.is_ascii_digit())
            && !inside_any(t, &w.figures)
            && !w
                .ledger
                .iter()
                .any(|(s, _)| t.start < s.end && s.start < t.end)
            && !w
                .references
                .iter()
                .any(|(s, _, _)| t.start < s.end && s.start < t.end)
            && lex.is_none_or(|l| l.not_names.binary_search(&t.lower).is_err());
        if !is_name {
            last_end = None;
            continue;
        }
        match (out.last_mut(), last_end) {
            (Some((span, name)), Some(e)) if t.start <= e + 1 => {
                span.end = t.end;
                name.push(' ');
                name.push_str(&t.lower);
            }
            _ => out.push((Span::new(t.start, t.end), t.lower.clone())),
        }
        last_end = Some(t.end);
    }
    out
}

#[derive(Clone, Copy)]
pub(super) enum Cand {
    Ledger(usize),
    /// A reference; `true` for a pronoun.
    Reference(bool),
    Other,
}

pub(super) fn subject_of(
    text: &str,
    m: &Mention,
    clause: Span,
    sentence: Span,
    w: &SourceWords<'_>,
    inp: &FrameInputs<'_>,
    frame: &mut Frame,
) {
    let entities = inp.entities;
    let document_subject = if m.quantity.unit == Unit::Parameters {
        w.document_subject.1
    } else {
        w.document_subject.0
    };
    if let MentionOrigin::ModelName { .. } = &m.origin {
        if let Some((s, g)) = w
            .ledger
            .iter()
            .find(|(s, _)| s.start >= m.span.start && s.end <= m.span.end)
        {
            frame.entity = Some(*g);
            frame.subject = Some(entities.display(*g).to_string());
            frame.subject_from = SubjectFrom::Name;
            frame.subject_words = text.get(s.start..s.end).map(String::from);
            return;
        }
    }
    let mut cands: Vec<(Span, Cand, String)> = Vec::new();
    // "le groupe de Hangzhou", "the company from Munich": a name right after a
    // reference and a preposition of place says where (or whose) the reference is; the
    // reference is the subject.
    let qualifies_reference = |s: &Span| {
        inp.lex.is_some_and(|l| {
            let i = w.tokens.partition_point(|t| t.start < s.start);
            let prep = i.checked_sub(1).and_then(|k| w.tokens.get(k));
            prep.is_some_and(|p| {
                l.prepositions.contains(&p.lower)
                    && w.references
                        .iter()
                        .any(|(r, _, pronoun)| !pronoun && r.end <= p.start && p.start - r.end <= 1)
            })
        })
    };
    for (s, g) in &w.ledger {
        if s.start >= sentence.start && s.end <= sentence.end && !qualifies_reference(s) {
            cands.push((
                *s,
                Cand::Ledger(*g),
                text.get(s.start..s.end).unwrap_or("").to_string(),
            ));
        }
    }
    let others = other_names(&w.tokens, w, inp.lex, sentence);
    for (s, written, pronoun) in &w.references {
        // "son concurrent allemand Wolkenwerk": a possessive before another name is that
        // name's description, not the subject.
        let before_name = *pronoun
            && others
                .iter()
                .any(|(o, _)| o.start >= s.end && words_between(&w.tokens, *s, *o) <= 3);
        if s.start >= sentence.start && s.end <= sentence.end && !before_name {
            cands.push((*s, Cand::Reference(*pronoun), (*written).to_string()));
        }
    }
    for (s, name) in others.iter().cloned() {
        // "le R1 de DeepSeek", "Llama of Meta": a name right after a ledger name
        // qualifies it.
        let qualifies = w
            .ledger
            .iter()
            .any(|(l, _)| l.end <= s.start && s.start - l.end <= 4);
        // "selon le Financial Times", "Reuters reported": a source, not a subject.
        let source_of_news = inp.lex.is_some_and(|l| {
            let i = w.tokens.partition_point(|t| t.start < s.start);
            let j = w.tokens.partition_point(|t| t.end <= s.end);
            l.news_sources.iter().any(|seq| {
                seq_at(&w.tokens, j, seq)
                    || (0..=3).any(|gap| {
                        i.checked_sub(seq.len() + gap)
                            .is_some_and(|k| seq_at(&w.tokens, k, seq))
                    })
            })
        });
        // "a company from Munich", "une start-up basée à Paris": a place, not a subject.
        let after_preposition = inp.lex.is_some_and(|l| {
            let i = w.tokens.partition_point(|t| t.start < s.start);
            i.checked_sub(1)
                .and_then(|k| w.tokens.get(k))
                .is_some_and(|p| l.prepositions.contains(&p.lower))
        });
        // Another name after the figure is its object ("from SoftBank"), not its subject.
        if !qualifies && !source_of_news && !after_preposition && s.end <= m.span.start {
            cands.push((
                s,
                Cand::Other,
                text.get(s.start..s.end).map_or(name, String::from),
            ));
        }
    }
    // A ledger name after the figure with another name between belongs to that name's
    // description ("137 millions de dollars obtenu par Zhipu AI, soutenue par Alibaba").
    let behind_other = |s: &Span| {
        s.start >= m.span.end
            && others.iter().any(|(o, _)| {
                // "671 milliards pour le R1 de DeepSeek": the figure is for the other
                // name ("pour", "for" just before it), and the name right after it owns
                // it: that name is not behind it
                let for_other = inp.lex.is_some_and(|l| {
                    let i = w.tokens.partition_point(|t| t.start < o.start);
                    (1..=2).any(|k| {
                        i.checked_sub(k)
                            .and_then(|j| w.tokens.get(j))
                            .is_some_and(|t| {
                                t.start >= m.span.end && l.beneficiaries.contains(&t.lower)
                            })
                    })
                });
                let owns = for_other && words_between(&w.tokens, *o, *s) <= 1;
                o.start >= m.span.end && o.end <= s.start && !owns
            })
    };
    let in_clause = |s: &Span| s.start >= clause.start && s.end <= clause.end && !behind_other(s);
    // In the clause: a ledger name, else a reference, else another name.
    let pick = |pred: &dyn Fn(&Cand) -> bool, within: &dyn Fn(&Span) -> bool| {
        cands
            .iter()
            .filter(|(s, c, _)| pred(c) && within(s))
            .min_by_key(|(s, _, _)| {
                (
                    distance(*s, m.span) + if s.start > m.span.start { 1000 } else { 0 },
                    s.start,
                )
            })
            .cloned()
    };
    // "a €600 million investment in Helsing", "une amende pour Apple", "dont 589
    // milliards pour Nvidia": a ledger name introduced right after the figure is whom the
    // figure is for, whoever is named before it.
    let beneficiary = inp.lex.and_then(|l| {
        let after = clause_after_conversion(text, m.span, clause);
        cands
            .iter()
            .filter(|(s, c, _)| {
                matches!(c, Cand::Ledger(_)) && s.start >= after && s.end <= clause.end
            })
            .filter(|(s, _, _)| {
                let i = w.tokens.partition_point(|t| t.start < s.start);
                let gap = words_between(&w.tokens, Span::new(after, after), *s);
                gap <= 6
                    && i.checked_sub(1)
                        .and_then(|k| w.tokens.get(k))
                        .is_some_and(|p| l.beneficiaries.contains(&p.lower))
                    && !w.figures.iter().any(|(a, b)| *a >= after && *b <= s.start)
            })
            .min_by_key(|(s, _, _)| s.start)
            .cloned()
    });
    // "ahead of OpenAI, valued at $852 billion": a name, a comma, an apposition word and
    // a few words that name no one else before the figure: the figure describes that
    // name ("based in New York, has collected $235 million" does not: "has" opens no
    // apposition).
    let apposed = others
        .iter()
        .filter(|(o, _)| {
            o.start >= sentence.start
                && o.end <= m.span.start
                && text
                    .get(o.end..)
                    .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(','))
                && words_between(&w.tokens, *o, m.span) <= 4
                // "le R1 de DeepSeek, un système de…": a name qualifying a ledger name
                // leaves the figure to that one
                && !w
                    .ledger
                    .iter()
                    .any(|(l, _)| l.end <= o.start && o.start - l.end <= 4)
                && inp.lex.is_some_and(|l| {
                    let i = w.tokens.partition_point(|t| t.start < o.end);
                    w.tokens
                        .get(i)
                        .is_some_and(|t| l.apposition.contains(&t.lower))
                })
                && !cands
                    .iter()
                    .any(|(c, _, _)| c.start >= o.end && c.end <= m.span.start)
        })
        .max_by_key(|(o, _)| o.end)
        .map(|(o, n)| {
            (
                *o,
                Cand::Other,
                text.get(o.start..o.end).map_or(n.clone(), String::from),
            )
        });
    let chosen = beneficiary
        .map(|c| (c, SubjectFrom::Clause))
        .or_else(|| {
            pick(&|c| matches!(c, Cand::Ledger(_)), &in_clause).map(|c| (c, SubjectFrom::Clause))
        })
        .or_else(|| {
            pick(&|c| matches!(c, Cand::Reference(_)), &in_clause)
                .map(|c| (c, SubjectFrom::Reference))
        })
        .or_else(|| {
            pick(&|c| matches!(c, Cand::Other), &in_clause).map(|c| (c, SubjectFrom::Other))
        })
        .or_else(|| apposed.map(|c| (c, SubjectFrom::Other)))
        .or_else(|| {
            // The rest of the sentence: its first name or reference before the clause
            // (the sentence's subject: "Hugging Face, an AI company based in New York,
            // has collected $235 million"), else a ledger name after it.
            let before = |s: &Span| s.end <= clause.start;
            // A name after the figure with another figure between belongs to that one.
            let after = |s: &Span| {
                s.start >= clause.end && !shadowed(m.span, *s, &w.figures) && !behind_other(s)
            };
            // A clause that opens with a relative word or an indefinite article ("qui a
            // levé", "un système de 671 milliards") describes the nearest name instead.
            let attaches_to_nearest = inp.lex.is_some_and(|l| {
                let i = w.tokens.partition_point(|t| t.start < clause.start);
                w.tokens
                    .get(i)
                    .is_some_and(|t| l.apposition.contains(&t.lower))
            });
            let before_clause = cands.iter().filter(|(s, _, _)| before(s));
            if attaches_to_nearest {
                // The nearest name (a reference only when no name precedes).
                before_clause
                    .max_by_key(|(s, c, _)| (!matches!(c, Cand::Reference(_)), s.end))
                    .cloned()
            } else {
                // A ledger name first, then a reference, then another name: the
                // regulator that fines a company is not the fine's subject.
                before_clause
                    .min_by_key(|(s, c, _)| {
                        let rank = match c {
                            Cand::Ledger(_) => 0,
                            Cand::Reference(_) => 1,
                            Cand::Other => 2,
                        };
                        (rank, s.start)
                    })
                    .cloned()
            }
            .or_else(|| pick(&|c| matches!(c, Cand::Ledger(_)), &after))
            .or_else(|| {
                // Nobody before it, but another name after it in its clause ("137
                // millions de dollars obtenu par Zhipu AI"): that name's figure.
                others
                    .iter()
                    .find(|(o, _)| o.start >= m.span.end && o.end <= clause.end)
                    .map(|(o, n)| {
                        (
                            *o,
                            Cand::Other,
                            text.get(o.start..o.end).map_or(n.clone(), String::from),
                        )
                    })
            })
            .map(|c| {
                let from = match c.1 {
                    Cand::Ledger(_) => SubjectFrom::Sentence,
                    Cand::Reference(_) => SubjectFrom::Reference,
                    Cand::Other => SubjectFrom::Other,
                };
                (c, from)
            })
        });
    let paragraph = w.paragraph_of(m.span.start);
    let mut nearby: Vec<(usize, u32, usize)> = Vec::new();
    for (s, g) in &w.ledger {
        let in_sentence = s.start >= sentence.start && s.end <= sentence.end;
        let in_paragraph = paragraph.is_some_and(|p| s.start >= p.start && s.end <= p.end);
        if !(in_sentence || in_paragraph) || shadowed(m.span, *s, &w.figures) {
            continue;
        }
        let points = if in_sentence { 2 } else { 1 };
        let d = distance(*s, m.span);
        match nearby.iter_mut().find(|(e, _, _)| e == g) {
            Some(x) => {
                if (points, std::cmp::Reverse(d)) > (x.1, std::cmp::Reverse(x.2)) {
                    x.1 = points;
                    x.2 = d;
                }
            }
            None => nearby.push((*g, points, d)),
        }
    }
    match chosen {
        Some(((_, Cand::Ledger(g), words), from)) => {
            frame.entity = Some(g);
            frame.subject = Some(entities.display(g).to_string());
            frame.subject_from = from;
            frame.subject_words = Some(words);
        }
        Some(((at, Cand::Reference(pronoun), words), _)) => {
            frame.subject_words = Some(words);
            // A pronoun: the nearest entity (of the figure's kind) named before it in
            // the sentence; else, like a noun reference, the article's subject.
            let money = m.quantity.unit != Unit::Parameters;
            let antecedent = cands
                .iter()
                .filter_map(|(s, c, _)| match c {
                    Cand::Ledger(g)
                        if pronoun && s.end <= at.start && entities.has_kind(*g, money) =>
                    {
                        Some((*s, *g))
                    }
                    _ => None,
                })
                .max_by_key(|(s, _)| s.end)
                .map(|(_, g)| g);
            if let Some(g) = antecedent.or(document_subject) {
                frame.entity = Some(g);
                frame.subject = Some(entities.display(g).to_string());
                frame.subject_from = SubjectFrom::Reference;
            }
        }
        Some(((_, Cand::Other, words), _)) => {
            frame.subject = Some(words.clone());
            frame.subject_words = Some(words);
            frame.subject_from = SubjectFrom::Other;
        }
        None => {
            if let Some(g) = document_subject {
                frame.entity = Some(g);
                frame.subject = Some(entities.display(g).to_string());
                frame.subject_from = SubjectFrom::Document;
            }
        }
    }
    nearby.retain(|(g, _, _)| Some(*g) != frame.entity);
    nearby.sort_by_key(|(g, p, d)| (std::cmp::Reverse(*p), *d, *g));
    frame.nearby = nearby;
}
