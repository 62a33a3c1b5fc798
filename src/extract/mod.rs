//! Figure extraction: a source's text and the compiled rules in, mentions out. The text
//! is read once with the language's combined regex; each match is checked at its edges
//! (a figure does not start or end inside a word), its groups read by the pattern alone
//! (or from `shape_cache`, when a span of its shape was read before), read into a
//! quantity (`interpret`), and figures whose unit is elided take it from the figure
//! before them (`context`).
//!
//! Extraction never fails: what cannot be read is not a mention.
//!
//! Only the source's body is read: front matter is metadata, never text. Figures are
//! looked for in the text from the body's start (a slice of the source's text, never a
//! copy: memory does not grow with the text), so everything that looks around a figure
//! (edges, look-around, currency windows, elided units) stops at the body's start, as it
//! would at the start of a file; spans are moved back to offsets of the whole text
//! when a mention is handed out.

mod context;
mod convention;
mod interpret;
mod mention;
pub mod number;
mod shape_cache;
pub mod spelled;

pub use mention::{Mention, MentionOrigin, Reading};

use interpret::{Candidate, Found};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use shape_cache::{Lookup, Remembered, ShapeCache, ThreadShapes};

use crate::rules::compile::{EngineCache, MatcherPattern};
use crate::rules::{LangMatcher, RuleSet};
use crate::source::Source;
use crate::text::{LineIndex, Span};

/// The mentions of one source, in text order.
pub fn extract_mentions(rules: &RuleSet, source: &Source) -> Vec<Mention> {
    let mut out = Vec::with_capacity(expected_mentions(source));
    for_each_mention(rules, source, |m| out.push(m));
    out
}

/// Room for the mentions of a source, reserved at once: news text has a few figures per
/// KB. A list grown by doubling copies itself into fresh memory each time, which the
/// system zeroes first (on a 50 MB source, two fifths of the page faults of a run);
/// room reserved and not used is never touched, so it costs no memory.
fn expected_mentions(source: &Source) -> usize {
    (source.text.len() / 256).min(1 << 20)
}

/// [`extract_mentions`], each mention handed to `f` as soon as it is settled, in text
/// order: nothing grows with the number of figures, so a caller that writes them out
/// as they come needs no list of them all.
pub fn for_each_mention(rules: &RuleSet, source: &Source, f: impl FnMut(Mention)) {
    for_each_mention_in_pieces(rules, source, CHUNK, f);
}

/// [`extract_mentions`] with a long source's pieces `chunk` bytes long (a source of
/// `2 * chunk` bytes or more is scanned in pieces side by side): the same mentions, in
/// the same order. For property tests and fuzzing, which cut small texts anywhere.
#[doc(hidden)]
pub fn extract_mentions_in_pieces(rules: &RuleSet, source: &Source, chunk: usize) -> Vec<Mention> {
    let mut out = Vec::new();
    for_each_mention_in_pieces(rules, source, chunk, |m| out.push(m));
    out
}

/// [`for_each_mention`], a body of `2 * chunk` bytes or more scanned in pieces of
/// `chunk` bytes side by side: the same mentions, in the same order, as one scan.
fn for_each_mention_in_pieces(
    rules: &RuleSet,
    source: &Source,
    chunk: usize,
    mut f: impl FnMut(Mention),
) {
    let chunk = chunk.max(1);
    let Some(matcher) = rules.matcher(&source.lang) else {
        return;
    };
    // The body's start is a line start (after front matter) or 0: a character boundary.
    let Some((off, text)) = body_text(source) else {
        return;
    };
    let end = source.body.end.min(source.text.len()).saturating_sub(off);
    let Some(hay) = text.get(..end) else {
        return;
    };
    let position_text = source.position_text();
    let conventions = convention::SourceConventions::new(source, &source.text);
    let scanner = Scanner {
        rules,
        matcher,
        conventions: &conventions,
        hay,
        text,
    };
    // A long source: its pieces are scanned side by side, a few at a time (memory stays
    // flat), on other threads while this one takes their steps in text order from where
    // the scan before them stopped, as one scan from the start would take them (see
    // `take_steps`).
    //
    // On a thread of rayon's pool (a folder read in parallel), the pieces are scanned
    // from this thread, which takes part in the work while it waits: blocking it on a
    // channel while another thread hands the pieces to the pool could leave the pool
    // with no free thread (every one waiting for pieces nobody scans).
    let long = end / 2 >= chunk;
    if long {
        conventions.decide_ahead(&matcher.lexicon);
    }
    let alongside = long && rayon::current_thread_index().is_none();
    std::thread::scope(|scope| {
        let (pieces, scanned) = std::sync::mpsc::sync_channel::<(usize, Vec<Step>)>(4);
        if alongside {
            let scanner = &scanner;
            scope.spawn(move || {
                scan_pieces(scanner, chunk, &mut |stop, steps| {
                    pieces.send((stop, steps)).is_ok()
                });
            });
        } else {
            drop(pieces);
        }
        let index = LineIndex::new(position_text);
        // Mentions come in text order: each one's line is looked for from the last's.
        let mut line_before = crate::text::LineCursor::default();
        let mut resolver = context::Resolver::default();
        let mut emit = |c: Candidate| {
            let Some(c) = resolver.push(c, text) else {
                return;
            };
            let span = Span::new(c.span.start + off, c.span.end + off);
            let origin = match c.origin {
                MentionOrigin::Context {
                    antecedent,
                    antecedent_start,
                } => MentionOrigin::Context {
                    antecedent,
                    antecedent_start: antecedent_start + off,
                },
                o => o,
            };
            let at = source.file_offset(span.start);
            let (line, column) = index.line_col_after(position_text, at, &mut line_before);
            f(Mention {
                span,
                line,
                column,
                text: c.span.slice(text).to_string(),
                quantity: c.quantity,
                rule: c.rule,
                lang: matcher.lang.clone(),
                origin,
                reading: c.reading,
            });
        };
        if !long {
            scanner.scan(0, end, &mut |step| {
                if let Some(c) = step.candidate {
                    emit(*c);
                }
            });
            return;
        }
        let mut at = ScanAt {
            pos: 0,
            free_until: 0,
        };
        if alongside {
            for (stop, steps) in scanned {
                at = take_steps(&scanner, steps, at, stop, &mut emit);
            }
        } else {
            scan_pieces(&scanner, chunk, &mut |stop, steps| {
                at = take_steps(&scanner, steps, at, stop, &mut emit);
                true
            });
        }
    });
}

/// Scans the pieces of `scanner`'s text, a few side by side at a time, and hands each
/// piece's end and steps to `out` in text order; stops when `out` says no more.
fn scan_pieces(scanner: &Scanner<'_>, chunk: usize, out: &mut dyn FnMut(usize, Vec<Step>) -> bool) {
    use rayon::prelude::*;
    let cuts = chunk_cuts(scanner.hay, chunk);
    let pieces: Vec<(usize, usize)> = cuts
        .iter()
        .copied()
        .zip(cuts.iter().copied().skip(1))
        .collect();
    let wave = rayon::current_num_threads().max(1) * 2;
    for group in pieces.chunks(wave) {
        let scanned: Vec<Vec<Step>> = group
            .par_iter()
            .map(|&(from, stop)| {
                let mut steps = Vec::new();
                scanner.scan(from, stop, &mut |s| steps.push(s));
                steps
            })
            .collect();
        for (&(_, stop), steps) in group.iter().zip(scanned) {
            if !out(stop, steps) {
                return;
            }
        }
    }
}

/// Bytes of a long source's body scanned as one piece.
const CHUNK: usize = 1 << 20;

/// The offsets that cut `hay` into pieces of about `chunk` bytes, on character
/// boundaries: 0 first, `hay.len()` last.
fn chunk_cuts(hay: &str, chunk: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut at = chunk;
    while at < hay.len() {
        while !hay.is_char_boundary(at) {
            at += 1;
        }
        if at < hay.len() {
            cuts.push(at);
        }
        at += chunk;
    }
    cuts.push(hay.len());
    cuts
}

/// Where a scan is: it searches next from `pos`, and no match starts in
/// `pos..free_until` (`free_until` is `pos` when nothing is known).
#[derive(Clone, Copy)]
struct ScanAt {
    pos: usize,
    free_until: usize,
}

/// Takes the steps of a piece scanned on its own from its start, continuing a scan that
/// is at `at`: from the first step whose search finds the match a search from `at`
/// finds (no match starts between the two places), the steps are the ones a single scan
/// takes. When no step does, the piece is scanned again from `at`.
fn take_steps(
    scanner: &Scanner<'_>,
    steps: Vec<Step>,
    at: ScanAt,
    stop: usize,
    emit: &mut impl FnMut(Candidate),
) -> ScanAt {
    let same = |s: &Step| {
        let same_match = if s.from <= at.pos {
            at.pos <= s.found_at
        } else {
            s.from <= at.free_until
        };
        // an empty match's next place depends on where the search started
        same_match && (!s.empty_match || s.from == at.pos)
    };
    let mut now = at;
    let mut take = |s: Step| {
        if s.is_last() {
            now.free_until = s.found_at;
        } else {
            now = ScanAt {
                pos: s.next.max(now.pos),
                free_until: s.next.max(now.pos),
            };
        }
        if let Some(c) = s.candidate {
            emit(*c);
        }
    };
    match steps.iter().position(same) {
        Some(first) => steps.into_iter().skip(first).for_each(&mut take),
        None => scanner.scan(at.pos, stop, &mut take),
    }
    now
}

/// One search of a scan: from `from`, the next match starts at `found_at`
/// (`usize::MAX` for none); the scan goes on at `next`, with the figure read there.
struct Step {
    from: usize,
    found_at: usize,
    empty_match: bool,
    next: usize,
    /// Boxed: a long source's pieces keep their steps until the scan reaches them, and
    /// a step the size of a whole figure made those lists most of the memory written.
    candidate: Option<Box<Candidate>>,
}

impl Step {
    /// The search that found nothing before the piece's end.
    fn is_last(&self) -> bool {
        self.next == self.from
    }
}

/// What a scan of one source reads with.
struct Scanner<'a> {
    rules: &'a RuleSet,
    matcher: &'a LangMatcher,
    conventions: &'a convention::SourceConventions<'a>,
    hay: &'a str,
    text: &'a str,
}

impl Scanner<'_> {
    /// Scans from `pos` for figures starting before `stop`, each search a [`Step`] in
    /// order. The last step is the search that found nothing before `stop` (its `next`
    /// is its `from`). Every step depends only on where its search starts: a piece
    /// scanned from its own start and a scan arriving there agree once they search from
    /// places with no match between them.
    fn scan(&self, mut pos: usize, stop: usize, step: &mut impl FnMut(Step)) {
        let (hay, text, matcher) = (self.hay, self.text, self.matcher);
        let end = hay.len();
        // Each pattern's groups, made when the pattern is first read.
        let mut caps: Vec<Option<PatternCaps>> = matcher.patterns.iter().map(|_| None).collect();
        let mut shapes = ThreadShapes::take(matcher);
        while pos < end {
            // The combined regex finds where the next figure is and which pattern took
            // it (lazy DFA, no groups); that pattern is read alone, anchored on that span.
            let found = matcher
                .regex
                .find(regex_automata::Input::new(hay).range(pos..));
            let Some(m) = found.filter(|m| m.start() < stop) else {
                step(Step {
                    from: pos,
                    found_at: found.map_or(usize::MAX, |m| m.start()),
                    empty_match: false,
                    next: pos,
                    candidate: None,
                });
                return;
            };
            let accepted =
                read_match(hay, &m, matcher, &mut caps, shapes.cache()).and_then(|(mp, found)| {
                    let pattern = self.rules.patterns.get(&mp.id)?;
                    if !edges_ok(text, m.start(), m.end(), pattern) {
                        return None;
                    }
                    interpret::interpret(
                        matcher,
                        pattern,
                        &mp.groups,
                        &found,
                        text,
                        self.conventions,
                    )
                });
            let next = if accepted.is_some() {
                m.end().max(pos + 1)
            } else {
                after_rejected(hay, m.start(), matcher)
            };
            step(Step {
                from: pos,
                found_at: m.start(),
                empty_match: m.is_empty(),
                next,
                candidate: accepted.map(Box::new),
            });
            pos = next;
        }
    }
}

/// The source's text from its body's start, and that start: a slice, not a copy.
fn body_text(source: &Source) -> Option<(usize, &str)> {
    let off = source.body.start.min(source.text.len());
    Some((off, source.text.get(off..)?))
}

/// The mentions of a bare text in a language (for `explain` and rule examples).
pub fn extract_text(rules: &RuleSet, text: &str, lang: &str) -> Vec<Mention> {
    let source = Source::from_text("-", text, lang);
    extract_mentions(rules, &source)
}

/// The first pattern, in the combined regex's order, that matches anchored at the start
/// of `m` within its span: the one the combined regex took (leftmost-first), with its
/// groups. Look-around still sees the text outside the span. A span of a shape read
/// before is answered from `shapes` (see [`shape_cache`]).
fn read_match<'m, 'c>(
    hay: &'c str,
    m: &regex_automata::Match,
    matcher: &'m LangMatcher,
    caps: &'c mut [Option<PatternCaps>],
    shapes: &mut ShapeCache,
) -> Option<(&'m MatcherPattern, Found<'c>)> {
    let took = m.pattern().as_usize();
    let (i, sure) = match shapes.lookup(matcher, took, hay, m.start(), m.end()) {
        Lookup::Known(reading) => {
            let reading = reading?;
            let (i, sure) = (reading.pattern, reading.sure);
            let p = matcher.patterns.get(i)?;
            let c = caps
                .get_mut(i)?
                .get_or_insert_with(PatternCaps::default)
                .captures(p, sure)?;
            reading.write(c, m.start());
            (i, sure)
        }
        Lookup::Unknown => {
            let found = search_patterns(hay, m, matcher, caps);
            let reading = found.and_then(|(i, sure)| {
                let c = captures_of(caps, i, sure)?;
                Some(Remembered::of(i, sure, c, m.start()))
            });
            shapes.remember(reading);
            found?
        }
        Lookup::Unusable => search_patterns(hay, m, matcher, caps)?,
    };
    Some((
        matcher.patterns.get(i)?,
        Found::new(hay, captures_of(caps, i, sure)?),
    ))
}

/// The captures pattern `i`'s last search left (`sure`: its backtracker's).
fn captures_of(caps: &[Option<PatternCaps>], i: usize, sure: bool) -> Option<&Captures> {
    let slot = caps.get(i)?.as_ref()?;
    if sure {
        slot.engine_caps.as_ref()
    } else {
        slot.caps.as_ref()
    }
}

/// Searches the patterns for [`read_match`]: the index of the first that matches and
/// whether its backtracker alone read it (its groups are then in that pattern's
/// `engine_caps`, else in its `caps`).
///
/// A pattern before the one the combined regex reports cannot match there (leftmost-first
/// would have taken it), unless its word boundaries, ASCII in the combined regex, are
/// Unicode alone: only those are tried before it. After it, every pattern is tried in
/// order, as the one reported may not match alone for the same reason.
fn search_patterns(
    hay: &str,
    m: &regex_automata::Match,
    matcher: &LangMatcher,
    caps: &mut [Option<PatternCaps>],
) -> Option<(usize, bool)> {
    let input = Input::new(hay).span(m.range()).anchored(Anchored::Yes);
    let took = m.pattern().as_usize();
    for (i, (p, slot)) in matcher.patterns.iter().zip(caps.iter_mut()).enumerate() {
        if i < took && !p.unicode_boundary {
            continue;
        }
        // The pattern reported, with the same boundaries as in the combined regex,
        // matches this span: the backtracker alone reads its groups. Any other try may
        // fail, which the pattern's lazy DFA finds out fastest.
        let sure = i == took && !p.unicode_boundary;
        let slot = slot.get_or_insert_with(PatternCaps::default);
        let matched = if sure {
            let Some(engine) = p.engine() else {
                continue;
            };
            // (both fields at once: not through `PatternCaps::captures`)
            let cache = slot.cache.get_or_insert_with(|| engine.create_cache());
            let c = slot
                .engine_caps
                .get_or_insert_with(|| engine.create_captures());
            engine.search_captures(cache, &input, c);
            c.is_match()
        } else {
            let (Some(regex), Some(c)) = (p.regex(), slot.captures(p, false)) else {
                continue;
            };
            regex.search_captures(&input, c);
            c.is_match()
        };
        if matched {
            return Some((i, sure));
        }
    }
    None
}

/// What one scan keeps per pattern between figures: the groups of its last search and
/// the backtracker's working memory, made on first use.
#[derive(Default)]
struct PatternCaps {
    caps: Option<Captures>,
    engine_caps: Option<Captures>,
    cache: Option<EngineCache>,
}

impl PatternCaps {
    /// The groups a search of `p` writes (`sure`: its backtracker's, else its regex's),
    /// made on first use; `None` when `p` does not compile.
    fn captures(&mut self, p: &MatcherPattern, sure: bool) -> Option<&mut Captures> {
        if sure {
            let engine = p.engine()?;
            Some(
                self.engine_caps
                    .get_or_insert_with(|| engine.create_captures()),
            )
        } else {
            let regex = p.regex()?;
            Some(self.caps.get_or_insert_with(|| regex.create_captures()))
        }
    }
}

/// Where to look next after a match at `at` was rejected, skipping whole runs that no
/// figure can start inside, so that a long run is read once, not once per character:
///
/// - a run of letters and digits: a figure does not start inside a word or a number
///   ([`edges_ok`] rejects every start inside it), so the search goes on at its end;
/// - a run of digits and the language's separators holding more digits than an exact
///   decimal holds ("7 777 777 ..." past 28 digits): it is no figure, and neither is
///   any part of it.
fn after_rejected(text: &str, at: usize, matcher: &LangMatcher) -> usize {
    let Some(rest) = text.get(at..) else {
        return at + 1;
    };
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let fmt = &matcher.lexicon.numbers;
        let mut digits = 0usize;
        let mut end = 0usize;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_ascii_digit() {
                digits += 1;
                end = i + 1;
            } else if (fmt.group.contains(&c) || fmt.decimal.contains(&c))
                && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit())
            {
                continue;
            } else {
                break;
            }
        }
        if digits > number::MAX_DIGITS {
            return at + end;
        }
    }
    let word = rest
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(rest.len(), |(i, _)| i);
    if word > 0 {
        at + word
    } else {
        next_char(text, at)
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(at + 1, |c| at + c.len_utf8())
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// A letter or digit of a word written with spaces. Scripts written without spaces
/// between words (Chinese, Japanese kana) are not: each of their characters is an edge,
/// so "投入超过3800亿元" holds a figure glued to the words around it.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced_script(c)
}

/// Han ideographs, kana and CJK punctuation and full-width forms (not full-width
/// digits and letters: "１２３" is one number).
pub(crate) fn is_unspaced_script(c: char) -> bool {
    if matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}') {
        return false;
    }
    matches!(
        c,
        '\u{3000}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// A figure does not start or end inside a word or a number, is not a percentage, and
/// passes its pattern's reject-if rules.
fn edges_ok(text: &str, start: usize, end: usize, pattern: &crate::rules::CompiledPattern) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    if let (Some(b), Some(f)) = (before, first) {
        if is_word_char(b) && is_word_char(f) {
            return false;
        }
        // "2,5" read from its "5", or "v1.5"
        if is_digit(f) && (b == '.' || b == ',') {
            let bb = text
                .get(..start.saturating_sub(1))
                .and_then(|s| s.chars().next_back());
            if bb.is_some_and(is_digit) {
                return false;
            }
        }
    }
    if let (Some(l), Some(a)) = (last, after) {
        if is_word_char(l) && is_word_char(a) {
            return false;
        }
        if is_digit(l) && (a == '%' || a == '\u{FF05}') {
            return false;
        }
        // "a dollar-denominated bond": the figure ends inside a compound word
        if l.is_alphabetic() && a == '-' {
            let next = text.get(end + 1..).and_then(|s| s.chars().next());
            if next.is_some_and(char::is_alphabetic) {
                return false;
            }
        }
    }
    if let Some(r) = pattern.reject_followed_by.as_ref().and_then(|r| r.get()) {
        let window = window_after(text, end, 80);
        if r.is_match(window) {
            return false;
        }
    }
    if let Some(r) = pattern.reject_preceded_by.as_ref().and_then(|r| r.get()) {
        let window = window_before(text, start, 80);
        if r.is_match(window) {
            return false;
        }
    }
    true
}

fn window_after(text: &str, end: usize, len: usize) -> &str {
    let mut stop = (end + len).min(text.len());
    while stop > end && !text.is_char_boundary(stop) {
        stop -= 1;
    }
    text.get(end..stop).unwrap_or("")
}

fn window_before(text: &str, start: usize, len: usize) -> &str {
    let mut from = start.saturating_sub(len);
    while from < start && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..start).unwrap_or("")
}

/// A span helper for other stages.
pub fn span_text(text: &str, span: Span) -> &str {
    span.slice(text)
}

#[cfg(test)]
mod pieces_tests {
    use super::*;

    fn mentions(rules: &RuleSet, source: &Source, chunk: usize) -> Vec<String> {
        let mut out = Vec::new();
        for_each_mention_in_pieces(rules, source, chunk, |m| {
            out.push(format!(
                "{}:{} {:?} {} {:?} {:?}",
                m.line, m.column, m.text, m.rule, m.quantity, m.origin
            ));
        });
        out
    }

    /// Pieces of every size, cut anywhere (inside figures, words, characters, between a
    /// figure and the one that takes its unit), give what one scan gives.
    #[test]
    fn pieces_give_the_mentions_of_one_scan() {
        let rules = RuleSet::bundled().unwrap();
        let texts = [
            ("fr", "Le groupe a levé 380 milliards de yuans (50 milliards d'euros), contre 13 milliards en 2023. Puis 1\u{202F}120 M€ et 2,5 Md$.\n\nUS$3 milliards ou 4 $ à Singapour; 7777777777777777777777777777777777 milliards de yuans, entre 10 et 20 milliards de dollars."),
            ("en", "It raised $1.2bn, or US$900 million, in Singapore; then between $10 billion and $20 billion, up from 3 billion. QwQ-32B has 32B parameters; HK$10 billion; 671B parameters."),
            ("de", "Der Konzern investiert 3,8 Mrd. Euro, nach 2 Mrd. im Vorjahr; rund 500 Mio. € für KI."),
            ("zh", "阿里巴巴宣布未来三年投入超过3800亿元，约合530亿美元。"),
        ];
        for (lang, text) in texts {
            let long = format!("{text} ").repeat(9);
            let source = Source::from_text("t.md", long.clone(), lang);
            let one = mentions(&rules, &source, usize::MAX);
            assert!(one.len() > 9, "{lang}: {}", one.len());
            for chunk in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377] {
                assert_eq!(
                    mentions(&rules, &source, chunk),
                    one,
                    "{lang}, pieces of {chunk}"
                );
            }
        }
    }

    /// Sources read in parallel on a pool whose threads each scan a long source in
    /// pieces: every one finishes (a thread of the pool waiting on a channel for pieces
    /// handed to the same pool left it with no free thread: `check` of a folder of three
    /// 3 MB articles hung).
    #[test]
    fn long_sources_read_in_parallel_finish() {
        use rayon::prelude::*;
        let rules = RuleSet::bundled().unwrap();
        let text = "Alibaba a investi 380 milliards de yuans (50 milliards d'euros) cette année. "
            .repeat(40);
        let sources: Vec<Source> = (0..6)
            .map(|i| Source::from_text(format!("{i}.md"), text.clone(), "fr"))
            .collect();
        let one = mentions(&rules, &sources[0], usize::MAX).len();
        let (done, finished) = std::sync::mpsc::channel();
        // The global pool, as the binary uses it, with fewer threads than sources (it
        // may exist already when tests share a process: then as it is).
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build_global();
        std::thread::spawn(move || {
            let counts: Vec<usize> = sources
                .par_iter()
                .map(|s| extract_mentions_in_pieces(&rules, s, 97).len())
                .collect();
            let _ = done.send(counts);
        });
        let counts = finished
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("reading long sources in parallel did not finish");
        assert_eq!(counts, vec![one; 6]);
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        let text = "é€漢".repeat(10);
        for chunk in 1..12 {
            let cuts = chunk_cuts(&text, chunk);
            assert_eq!(cuts.first(), Some(&0));
            assert_eq!(cuts.last(), Some(&text.len()));
            assert!(cuts.iter().all(|c| text.is_char_boundary(*c)), "{chunk}");
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{chunk}");
        }
    }
}
