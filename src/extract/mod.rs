//! Figure extraction: a source's text and the compiled rules in, mentions out. The text
//! is read once with the language's combined regex; each match is checked at its edges
//! (a figure does not start or end inside a word), read into a quantity (`interpret`),
//! and figures whose unit is elided take it from the figure before them (`context`).
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
pub mod spelled;

pub use mention::{Mention, MentionOrigin, Reading};

use interpret::Found;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use crate::rules::compile::MatcherPattern;
use crate::rules::{LangMatcher, RuleSet};
use crate::source::Source;
use crate::text::{LineIndex, Span};

/// The mentions of one source, in text order.
pub fn extract_mentions(rules: &RuleSet, source: &Source) -> Vec<Mention> {
    let mut out = Vec::new();
    for_each_mention(rules, source, |m| out.push(m));
    out
}

/// [`extract_mentions`], each mention handed to `f` as soon as it is settled, in text
/// order: nothing grows with the number of figures, so a caller that writes them out
/// as they come needs no list of them all.
pub fn for_each_mention(rules: &RuleSet, source: &Source, mut f: impl FnMut(Mention)) {
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
    let index = LineIndex::new(position_text);
    let mut resolver = context::Resolver::default();
    let conventions = convention::SourceConventions::new(source, &source.text);
    // Each pattern's groups, made when the pattern is first read.
    let mut caps: Vec<Option<Captures>> = matcher.patterns.iter().map(|_| None).collect();
    let mut pos = 0;
    while pos < end {
        // The combined regex finds where the next figure is and which pattern took it
        // (lazy DFA, no groups); that pattern is read alone, anchored on that span.
        let Some(m) = matcher
            .regex
            .find(regex_automata::Input::new(hay).range(pos..))
        else {
            break;
        };
        let accepted = read_match(hay, &m, matcher, &mut caps).and_then(|(mp, found)| {
            let pattern = rules.patterns.get(&mp.id)?;
            if !edges_ok(text, m.start(), m.end(), pattern) {
                return None;
            }
            interpret::interpret(matcher, pattern, &mp.groups, &found, text, &conventions)
        });
        let Some(c) = accepted else {
            pos = after_rejected(hay, m.start(), matcher);
            continue;
        };
        pos = m.end().max(pos + 1);
        let Some(c) = resolver.push(c, text) else {
            continue;
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
        let (line, column) = index.line_col(position_text, at);
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
/// groups. Look-around still sees the text outside the span.
///
/// A pattern before the one the combined regex reports cannot match there (leftmost-first
/// would have taken it), unless its word boundaries, ASCII in the combined regex, are
/// Unicode alone: only those are tried before it. After it, every pattern is tried in
/// order, as the one reported may not match alone for the same reason.
fn read_match<'m, 'c>(
    hay: &'c str,
    m: &regex_automata::Match,
    matcher: &'m LangMatcher,
    caps: &'c mut [Option<Captures>],
) -> Option<(&'m MatcherPattern, Found<'c>)> {
    let input = Input::new(hay).span(m.range()).anchored(Anchored::Yes);
    let took = m.pattern().as_usize();
    let mut found = None;
    for (i, (p, c)) in matcher.patterns.iter().zip(caps.iter_mut()).enumerate() {
        if i < took && !p.unicode_boundary {
            continue;
        }
        let Some(regex) = p.regex() else {
            continue;
        };
        let c = c.get_or_insert_with(|| regex.create_captures());
        regex.search_captures(&input, c);
        if c.is_match() {
            found = Some(i);
            break;
        }
    }
    let i = found?;
    Some((
        matcher.patterns.get(i)?,
        Found::new(hay, caps.get(i)?.as_ref()?),
    ))
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
