//! Frames: who, what and when every figure is about.
//!
//! For each figure this stage finds its **subject** (an entity of the ledger named in the
//! figure's clause or sentence, a reference such as "la start-up" or "its" resolved to the
//! document's subject, another name — a rival, a regulator — that makes the figure
//! someone else's, or the document's subject when the sentence names nobody), its
//! **measure** (a role of the role lexicons, `[[role]]` in the packs, matched by stem in
//! the figure's own clause, else in its sentence when no nearer figure owns the word), and
//! its **time** (its own time words, else none: the source's date stands). A figure in
//! brackets or after "soit"/"or about" right after another is that figure's conversion
//! and shares its frame.
//!
//! Plain data out: `facts::assign` ties frames to facts; nothing here knows a fact.

pub mod lexicon;
pub mod subject;
pub mod time;
pub mod tokens;

use crate::extract::{Mention, MentionOrigin};
use crate::quantity::Unit;
use crate::source::Source;
use crate::text::{Segments, Span};
use lexicon::FrameLexicon;
use serde::{Deserialize, Serialize};
use subject::EntityIndex;
pub use time::FrameTime;
use tokens::{find_phrase, tokenize, Token};

/// How the subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SubjectFrom {
    /// A ledger name in the figure's clause.
    Clause,
    /// A ledger name elsewhere in the figure's sentence.
    Sentence,
    /// A reference ("la start-up", "its") to the document's subject.
    Reference,
    /// Nobody named in the sentence: the document's subject.
    Document,
    /// The figure this one converts.
    Conversion,
    /// The figure names it (a model name such as "QwQ-32B").
    Name,
    /// Another name (not a ledger entity) is the subject.
    Other,
    /// A ledger entity named near the figure, not its subject (the measure decided).
    Nearby,
    /// No subject found.
    #[default]
    None,
}

/// How the measure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MeasureFrom {
    /// A role word in the figure's clause.
    Clause,
    /// A role word in the figure's sentence that no nearer figure owns.
    Sentence,
    /// The figure's unit (parameter counts).
    Unit,
    /// The figure this one converts.
    Conversion,
    /// No role word.
    #[default]
    None,
}

/// Who, what and when a figure is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Frame {
    /// The subject's name (a ledger entity's first name, or the other name found).
    pub subject: Option<String>,
    /// The ledger entity, when the subject is one.
    #[serde(skip)]
    pub entity: Option<usize>,
    /// How the subject was found.
    pub subject_from: SubjectFrom,
    /// The words that gave the subject ("la start-up", "Helsing").
    pub subject_words: Option<String>,
    /// The measure (a role id).
    pub measure: Option<String>,
    /// How it was found.
    pub measure_from: MeasureFrom,
    /// The role word as written in the text.
    pub measure_words: Option<String>,
    /// The figure's own time, if its words give one.
    pub time: Option<FrameTime>,
    /// Index of the figure this one converts (same source).
    #[serde(skip)]
    pub conversion_of: Option<usize>,
    /// Other ledger entities near the figure: (entity, points, distance in bytes); 2
    /// points in its sentence, 1 in its paragraph. A fact of one of them can still take
    /// the figure when the measure says so ("ses 671 milliards de paramètres" after "le
    /// R1 de DeepSeek").
    #[serde(skip)]
    pub nearby: Vec<(usize, u32, usize)>,
}

impl SubjectFrom {
    /// How a reader would say it.
    pub fn describe(self) -> &'static str {
        match self {
            SubjectFrom::Clause => "named in its clause",
            SubjectFrom::Sentence => "named in its sentence",
            SubjectFrom::Reference => "a reference to the article's subject",
            SubjectFrom::Document => "the article's subject: nobody is named in its sentence",
            SubjectFrom::Conversion => "as the figure it converts",
            SubjectFrom::Name => "the figure names it",
            SubjectFrom::Other => "another name, not in the ledger",
            SubjectFrom::Nearby => "a ledger name near it (the measure decided)",
            SubjectFrom::None => "nobody",
        }
    }
}

impl MeasureFrom {
    /// How a reader would say it.
    pub fn describe(self) -> &'static str {
        match self {
            MeasureFrom::Clause => "a role word in its clause",
            MeasureFrom::Sentence => "a role word in its sentence",
            MeasureFrom::Unit => "its unit",
            MeasureFrom::Conversion => "as the figure it converts",
            MeasureFrom::None => "no role word near it",
        }
    }
}

impl Frame {
    /// Points the subject is worth to a tie.
    pub fn subject_score(&self) -> u32 {
        match self.subject_from {
            SubjectFrom::Name | SubjectFrom::Clause => 4,
            SubjectFrom::Sentence | SubjectFrom::Reference | SubjectFrom::Conversion => 3,
            SubjectFrom::Document => 1,
            SubjectFrom::Nearby | SubjectFrom::Other | SubjectFrom::None => 0,
        }
    }

    /// Points the measure is worth to a tie.
    pub fn measure_score(&self) -> u32 {
        match self.measure_from {
            MeasureFrom::Clause | MeasureFrom::Unit | MeasureFrom::Conversion => 4,
            MeasureFrom::Sentence => 2,
            MeasureFrom::None => 0,
        }
    }
}

/// What the frames of one source need besides the source.
pub struct FrameInputs<'a> {
    /// The language's frame words (none: only units and names are read).
    pub lex: Option<&'a FrameLexicon>,
    /// The ledger's entities.
    pub entities: &'a EntityIndex,
    /// Words between a figure and its conversion ("soit"), normalised.
    pub conversion_words: &'a [String],
}

const BREAK_CHARS: [&str; 9] = [", ", ",\n", "; ", ";", "(", ")", " – ", " — ", ": "];

fn inside_any(t: &Token, spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|(s, e)| t.start < *e && *s < t.end)
}

fn seq_at(tokens: &[Token], i: usize, seq: &[String]) -> bool {
    !seq.is_empty()
        && tokens
            .get(i..i + seq.len())
            .is_some_and(|w| w.iter().zip(seq).all(|(t, s)| &t.lower == s))
}

/// The clause of a figure: its sentence cut at punctuation and clause words.
fn clause_of(
    text: &str,
    sentence: Span,
    figure: Span,
    tokens: &[Token],
    lex: Option<&FrameLexicon>,
) -> Span {
    let mut start = sentence.start;
    let mut end = sentence.end;
    if let Some(left) = text.get(sentence.start..figure.start) {
        for b in BREAK_CHARS {
            if let Some(i) = left.rfind(b) {
                start = start.max(sentence.start + i + b.len());
            }
        }
    }
    // A bracket right after the figure holds its conversion ("€1.8 billion ($2
    // billion) penalty on Apple"): the clause goes on after it.
    let mut after = figure.end;
    if let Some(right) = text.get(figure.end..sentence.end) {
        let trimmed = right.trim_start();
        if trimmed.starts_with('(') {
            if let Some(close) = trimmed.find(')') {
                after = figure.end + (right.len() - trimmed.len()) + close + 1;
            }
        }
    }
    if let Some(right) = text.get(after..sentence.end) {
        for b in BREAK_CHARS {
            if let Some(i) = right.find(b) {
                end = end.min(after + i);
            }
        }
    }
    if let Some(lex) = lex {
        for (i, t) in tokens.iter().enumerate() {
            if t.start < sentence.start || t.end > sentence.end {
                continue;
            }
            if lex.clause_breaks.iter().any(|b| seq_at(tokens, i, b)) {
                if t.end <= figure.start && t.start > start {
                    start = t.start;
                } else if t.start >= after && t.start < end {
                    end = t.start;
                }
            }
        }
    }
    Span::new(start.min(figure.start), end.max(figure.end))
}

/// Words between a role word and its figure beyond which the word is read as the
/// sentence's, not the clause's.
const ROLE_REACH: usize = 6;

/// How many words lie between two spans.
fn words_between(tokens: &[Token], a: Span, b: Span) -> usize {
    let (lo, hi) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    let i = tokens.partition_point(|t| t.start < lo);
    let j = tokens.partition_point(|t| t.end <= hi);
    j.saturating_sub(i)
}

fn distance(a: Span, b: Span) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Everything read once per source.
struct SourceWords<'a> {
    paragraphs: Vec<Span>,
    tokens: Vec<Token>,
    ledger: Vec<(Span, usize)>,
    references: Vec<(Span, &'a str, bool)>,
    figures: Vec<(usize, usize)>,
    /// The document's subject for money figures, and for parameter counts.
    document_subject: (Option<usize>, Option<usize>),
}

fn source_words<'a>(
    source: &Source,
    mentions: &[Mention],
    segs: &Segments,
    inp: &FrameInputs<'a>,
) -> SourceWords<'a> {
    let body = source.body;
    let text = source.text.as_str();
    let stemmer_lex = inp.lex;
    let tokens = match stemmer_lex {
        Some(l) => tokenize(text, body.start, body.end, &l.stemmer),
        None => tokenize(
            text,
            body.start,
            body.end,
            &tokens::WordStemmer::for_lang(""),
        ),
    };
    let ledger = inp.entities.occurrences(text, body.start, body.end);
    let mut references = Vec::new();
    if let Some(l) = stemmer_lex {
        for (written, stems, pronoun) in &l.references {
            for (i, j) in tokens::find_phrase_gapped(&tokens, stems, 2) {
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(j)) else {
                    continue;
                };
                let span = Span::new(a.start, b.end);
                // A longer reference found first keeps its words.
                if references
                    .iter()
                    .any(|(s, _, _): &(Span, &str, bool)| span.start < s.end && s.start < span.end)
                {
                    continue;
                }
                references.push((span, written.as_str(), *pronoun));
            }
        }
    }
    references.sort_by_key(|(s, _, _)| (s.start, s.end));
    let figures = mentions
        .iter()
        .map(|m| (m.span.start, m.span.end))
        .collect();
    let lead = segs
        .paragraphs
        .iter()
        .find(|p| {
            p.end > body.start
                && text
                    .get(p.start..p.end)
                    .is_some_and(|t| !t.trim().is_empty())
        })
        .copied();
    let headline_hits = source
        .headline
        .as_deref()
        .map(|h| inp.entities.occurrences(h, 0, h.len()))
        .unwrap_or_default();
    let entities = inp.entities;
    let document_subject = (
        subject::document_subject(&headline_hits, &ledger, lead, &|g| {
            entities.has_kind(g, true)
        }),
        subject::document_subject(&headline_hits, &ledger, lead, &|g| {
            entities.has_kind(g, false)
        }),
    );
    SourceWords {
        paragraphs: segs.paragraphs.clone(),
        tokens,
        ledger,
        references,
        figures,
        document_subject,
    }
}

impl SourceWords<'_> {
    fn paragraph_of(&self, at: usize) -> Option<Span> {
        let i = self.paragraphs.partition_point(|p| p.end <= at);
        self.paragraphs.get(i).copied().filter(|p| p.start <= at)
    }
}

/// A capitalised name in `tokens` (not a ledger name, a reference, a figure or a
/// not-name), merged with the capitalised words right after it.
fn other_names(
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
enum Cand {
    Ledger(usize),
    /// A reference; `true` for a pronoun.
    Reference(bool),
    Other,
}

fn subject_of(
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
    for (s, g) in &w.ledger {
        if s.start >= sentence.start && s.end <= sentence.end {
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
            && others
                .iter()
                .any(|(o, _)| o.start >= m.span.end && o.end <= s.start)
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

/// Where the clause goes on after a figure and its bracketed conversion, if any.
fn clause_after_conversion(text: &str, figure: Span, clause: Span) -> usize {
    let Some(right) = text.get(figure.end..clause.end) else {
        return figure.end;
    };
    let trimmed = right.trim_start();
    match (trimmed.starts_with('('), trimmed.find(')')) {
        (true, Some(close)) => figure.end + (right.len() - trimmed.len()) + close + 1,
        _ => figure.end,
    }
}

/// Whether `name`, after `figure`, has another figure between them.
fn shadowed(figure: Span, name: Span, figures: &[(usize, usize)]) -> bool {
    name.start >= figure.end
        && figures.iter().any(|(a, b)| {
            *a >= figure.end && *b <= name.start && (*a, *b) != (figure.start, figure.end)
        })
}

/// Role words in `tokens` that lie within `within`, outside figures: (span, role, words).
fn roles_in(
    text: &str,
    tokens: &[Token],
    lex: &FrameLexicon,
    within: Span,
    figures: &[(usize, usize)],
) -> Vec<(Span, String, String)> {
    let first = tokens.partition_point(|t| t.start < within.start);
    let last = tokens.partition_point(|t| t.end <= within.end);
    let Some(slice) = tokens.get(first..last.max(first)) else {
        return Vec::new();
    };
    let mut out: Vec<(Span, String, String)> = Vec::new();
    for r in &lex.roles {
        for i in find_phrase(slice, &r.stems) {
            let (Some(a), Some(b)) = (slice.get(i), slice.get(i + r.stems.len() - 1)) else {
                continue;
            };
            let span = Span::new(a.start, b.end);
            if figures
                .iter()
                .any(|(s, e)| span.start < *e && *s < span.end)
            {
                continue;
            }
            // A longer phrase found first keeps its words.
            if out
                .iter()
                .any(|(s, _, _)| span.start < s.end && s.start < span.end)
            {
                continue;
            }
            out.push((
                span,
                r.role.clone(),
                text.get(span.start..span.end).unwrap_or("").to_string(),
            ));
        }
    }
    out
}

/// The frames of a source's figures (`mentions` in text order), one per mention.
pub fn frames_for_source(
    source: &Source,
    mentions: &[Mention],
    segs: &Segments,
    inp: &FrameInputs<'_>,
) -> Vec<Frame> {
    let text = source.text.as_str();
    let w = source_words(source, mentions, segs, inp);
    let whole = source.body;
    let clauses: Vec<Span> = mentions
        .iter()
        .map(|m| {
            let sentence = segs.sentence_of(m.span.start).unwrap_or(whole);
            clause_of(text, sentence, m.span, &w.tokens, inp.lex)
        })
        .collect();
    let mut frames: Vec<Frame> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let mut frame = Frame::default();
        // A conversion of the figure just before shares its frame.
        if let Some(prev) = i.checked_sub(1).and_then(|j| mentions.get(j)) {
            let between = text.get(prev.span.end..m.span.start).unwrap_or("x");
            let converts = prev.unit() != m.unit()
                && matches!((prev.unit(), m.unit()), (Unit::Money(_), Unit::Money(_)))
                && between.len() <= 40
                && crate::check::inline_conversion::is_conversion_gap(
                    between,
                    inp.conversion_words,
                );
            if let (true, Some(pf)) = (converts, frames.last()) {
                frame = pf.clone();
                frame.conversion_of = Some(i - 1);
                if frame.entity.is_some() {
                    frame.subject_from = SubjectFrom::Conversion;
                }
                if frame.measure.is_some() {
                    frame.measure_from = MeasureFrom::Conversion;
                }
                frames.push(frame);
                continue;
            }
        }
        let sentence = segs.sentence_of(m.span.start).unwrap_or(whole);
        let clause = clauses.get(i).copied().unwrap_or(sentence);
        subject_of(text, m, clause, sentence, &w, inp, &mut frame);
        if m.quantity.unit == Unit::Parameters {
            frame.measure = Some("parameters".to_string());
            frame.measure_from = MeasureFrom::Unit;
        } else if let Some(lex) = inp.lex {
            let in_clause = roles_in(text, &w.tokens, lex, clause, &w.figures);
            let nearest = in_clause
                .into_iter()
                .min_by_key(|(s, _, _)| (distance(*s, m.span), s.start));
            if let Some((span, role, words)) = nearest {
                // A role word far from the figure in a long clause speaks less for it.
                let far = words_between(&w.tokens, span, m.span) > ROLE_REACH;
                frame.measure = Some(role);
                frame.measure_words = Some(words);
                frame.measure_from = if far {
                    MeasureFrom::Sentence
                } else {
                    MeasureFrom::Clause
                };
            } else {
                // In the sentence, a role word no other figure owns (in its clause, or
                // nearer to it).
                let mine = roles_in(text, &w.tokens, lex, sentence, &w.figures)
                    .into_iter()
                    .filter(|(s, _, _)| {
                        let d = distance(*s, m.span);
                        !mentions.iter().zip(&clauses).any(|(o, oc)| {
                            let o = o.span;
                            o != m.span
                                && o.start >= sentence.start
                                && o.end <= sentence.end
                                && (distance(*s, o) < d || (s.start >= oc.start && s.end <= oc.end))
                        })
                    })
                    .min_by_key(|(s, _, _)| (distance(*s, m.span), s.start));
                if let Some((_, role, words)) = mine {
                    frame.measure = Some(role);
                    frame.measure_words = Some(words);
                    frame.measure_from = MeasureFrom::Sentence;
                }
            }
        }
        if let Some(lex) = inp.lex {
            let first = w.tokens.partition_point(|t| t.start < clause.start);
            let last = w.tokens.partition_point(|t| t.end <= clause.end);
            let clause_tokens = w.tokens.get(first..last.max(first)).unwrap_or(&[]);
            frame.time = time::find_time(text, clause_tokens, &w.figures, lex, source.date)
                .or_else(|| {
                    // "En 2023, la société avait levé ...", "Its Series C, last year,
                    // brought in ...": time words before the clause, in the sentence,
                    // when no other figure stands between.
                    let from = mentions
                        .iter()
                        .filter(|o| o.span.end <= clause.start && o.span.start >= sentence.start)
                        .map(|o| o.span.end)
                        .max()
                        .unwrap_or(sentence.start);
                    let a = w.tokens.partition_point(|t| t.start < from);
                    let b = w.tokens.partition_point(|t| t.end <= clause.start);
                    time::find_time(
                        text,
                        w.tokens.get(a..b.max(a)).unwrap_or(&[]),
                        &w.figures,
                        lex,
                        source.date,
                    )
                });
        }
        frames.push(frame);
    }
    frames
}
