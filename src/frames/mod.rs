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

mod clause;
pub(crate) mod conversion;

mod measure;
pub mod subject;
pub mod time;

use crate::extract::Mention;
use crate::quantity::Unit;
use crate::rules::roles::FrameLexicon;
use crate::source::Source;
use crate::text::words::{self, tokenize, Token};
use crate::text::{Segments, Span};
use clause::{clause_of, distance, words_between};
pub use measure::role_after;
use measure::{roles_in, ROLE_REACH};
use serde::{Deserialize, Serialize};
use subject::EntityIndex;
pub use time::FrameTime;

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

/// Everything read once per source.
pub(super) struct SourceWords<'a> {
    pub(super) paragraphs: Vec<Span>,
    pub(super) tokens: Vec<Token>,
    pub(super) ledger: Vec<(Span, usize)>,
    pub(super) references: Vec<(Span, &'a str, bool)>,
    pub(super) figures: Vec<(usize, usize)>,
    /// The document's subject for money figures, and for parameter counts.
    pub(super) document_subject: (Option<usize>, Option<usize>),
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
            &words::WordStemmer::for_lang(""),
        ),
    };
    let mut ledger = inp.entities.occurrences(text, body.start, body.end);
    ledger.sort_by_key(|(s, _)| (s.start, s.end));
    let mut references = Vec::new();
    if let Some(l) = stemmer_lex {
        // the spans taken so far, start -> end (disjoint, so the one starting last
        // before a span's end is the only one that can overlap it)
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        for (written, stems, pronoun) in &l.references {
            for (i, j) in words::find_phrase_gapped(&tokens, stems, 2) {
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(j)) else {
                    continue;
                };
                let span = Span::new(a.start, b.end);
                // A longer reference found first keeps its words.
                let overlaps = taken
                    .range(..span.end)
                    .next_back()
                    .is_some_and(|(_, end)| *end > span.start);
                if overlaps {
                    continue;
                }
                taken.insert(span.start, span.end);
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

impl<'a> SourceWords<'a> {
    pub(super) fn paragraph_of(&self, at: usize) -> Option<Span> {
        let i = self.paragraphs.partition_point(|p| p.end <= at);
        self.paragraphs.get(i).copied().filter(|p| p.start <= at)
    }

    /// The words inside `within` only, as if it were the whole source (its one
    /// paragraph), the document's subject kept. Everything a figure's frame reads lies
    /// in its paragraph, so reading each paragraph through its window gives the same
    /// frames in time linear in the source (a whole-source scan per figure is quadratic
    /// on a long file).
    fn window(&self, within: Span) -> SourceWords<'a> {
        fn inside<T: Clone>(v: &[T], within: Span, span: impl Fn(&T) -> Span) -> Vec<T> {
            let a = v.partition_point(|x| span(x).start < within.start);
            let b = v.partition_point(|x| span(x).start < within.end);
            v.get(a..b.max(a))
                .unwrap_or(&[])
                .iter()
                .filter(|x| span(x).end <= within.end)
                .cloned()
                .collect()
        }
        SourceWords {
            paragraphs: vec![within],
            tokens: inside(&self.tokens, within, |t| Span::new(t.start, t.end)),
            ledger: inside(&self.ledger, within, |(s, _)| *s),
            references: inside(&self.references, within, |(s, _, _)| *s),
            figures: inside(&self.figures, within, |(a, b)| Span::new(*a, *b)),
            document_subject: self.document_subject,
        }
    }
}

/// Longest paragraph read as one window; a longer one (a file with no blank lines) is
/// read sentence by sentence.
const WINDOW_MAX: usize = 20_000;

/// The frames of a source's figures (`mentions` in text order), one per mention.
pub fn frames_for_source(
    source: &Source,
    mentions: &[Mention],
    segs: &Segments,
    inp: &FrameInputs<'_>,
) -> Vec<Frame> {
    let all = source_words(source, mentions, segs, inp);
    let whole = source.body;
    let window_of = |m: &Mention| {
        let p = all.paragraph_of(m.span.start).unwrap_or(whole);
        if p.end - p.start <= WINDOW_MAX {
            p
        } else {
            segs.sentence_of(m.span.start).unwrap_or(p)
        }
    };
    let mut frames: Vec<Frame> = Vec::with_capacity(mentions.len());
    let mut start = 0;
    while let Some(first) = mentions.get(start) {
        let within = window_of(first);
        let n = mentions
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| window_of(m) == within)
            .count()
            .max(1);
        let w = all.window(within);
        frames_in_window(
            source,
            mentions,
            start..start + n,
            segs,
            inp,
            &w,
            &mut frames,
        );
        start += n;
    }
    frames
}

/// The frames of `mentions[run]` (one window's figures), pushed onto `frames` (which
/// holds those of every figure before).
fn frames_in_window(
    source: &Source,
    mentions: &[Mention],
    run: std::ops::Range<usize>,
    segs: &Segments,
    inp: &FrameInputs<'_>,
    w: &SourceWords<'_>,
    frames: &mut Vec<Frame>,
) {
    let text = source.text.as_str();
    let whole = source.body;
    let offset = run.start;
    let local = mentions.get(run).unwrap_or(&[]);
    let clauses: Vec<Span> = local
        .iter()
        .map(|m| {
            let sentence = segs.sentence_of(m.span.start).unwrap_or(whole);
            clause_of(text, sentence, m.span, &w.tokens, inp.lex)
        })
        .collect();
    for (k, m) in local.iter().enumerate() {
        let i = offset + k;
        let mut frame = Frame::default();
        // A conversion of the figure just before shares its frame.
        if let Some(prev) = i.checked_sub(1).and_then(|j| mentions.get(j)) {
            let between = text.get(prev.span.end..m.span.start).unwrap_or("x");
            let converts = prev.unit() != m.unit()
                && matches!((prev.unit(), m.unit()), (Unit::Money(_), Unit::Money(_)))
                && between.len() <= 40
                && conversion::is_conversion_gap(between, inp.conversion_words);
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
        let clause = clauses.get(k).copied().unwrap_or(sentence);
        subject::subject_of(text, m, clause, sentence, w, inp, &mut frame);
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
                        !local.iter().zip(&clauses).any(|(o, oc)| {
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
                    let from = local
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
}
