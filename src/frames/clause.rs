//! Clauses and distances: where a figure's clause starts and ends in its sentence
//! (punctuation and clause words cut it; a bracketed conversion right after the figure
//! does not), and how far apart two spans are, in bytes or in words.

use crate::rules::roles::FrameLexicon;
use crate::text::words::Token;
use crate::text::Span;

pub(super) const BREAK_CHARS: [&str; 14] = [
    ", ", ",\n", "; ", ";", "(", ")", " – ", " — ", ": ",
    // Chinese punctuation is full width, with no space after it.
    "，", "；", "（", "）", "：",
];

/// A bracket opening a conversion right after a figure, and its closing bracket.
const OPEN_BRACKETS: [char; 2] = ['(', '（'];
const CLOSE_BRACKETS: [char; 2] = [')', '）'];

pub(super) fn inside_any(t: &Token, spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|(s, e)| t.start < *e && *s < t.end)
}

pub(super) fn seq_at(tokens: &[Token], i: usize, seq: &[String]) -> bool {
    !seq.is_empty()
        && tokens
            .get(i..i + seq.len())
            .is_some_and(|w| w.iter().zip(seq).all(|(t, s)| &t.lower == s))
}

/// The clause of a figure: its sentence cut at punctuation and clause words.
pub(super) fn clause_of(
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
        if trimmed.starts_with(OPEN_BRACKETS) {
            if let Some((close, c)) = trimmed
                .char_indices()
                .find(|(_, c)| CLOSE_BRACKETS.contains(c))
            {
                after = figure.end + (right.len() - trimmed.len()) + close + c.len_utf8();
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

/// How many words lie between two spans.
pub(super) fn words_between(tokens: &[Token], a: Span, b: Span) -> usize {
    let (lo, hi) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    let i = tokens.partition_point(|t| t.start < lo);
    let j = tokens.partition_point(|t| t.end <= hi);
    j.saturating_sub(i)
}

pub(super) fn distance(a: Span, b: Span) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Where the clause goes on after a figure and its bracketed conversion, if any.
pub(super) fn clause_after_conversion(text: &str, figure: Span, clause: Span) -> usize {
    let Some(right) = text.get(figure.end..clause.end) else {
        return figure.end;
    };
    let trimmed = right.trim_start();
    let close = trimmed
        .char_indices()
        .find(|(_, c)| CLOSE_BRACKETS.contains(c));
    match (trimmed.starts_with(OPEN_BRACKETS), close) {
        (true, Some((close, c))) => {
            figure.end + (right.len() - trimmed.len()) + close + c.len_utf8()
        }
        _ => figure.end,
    }
}

/// Whether `name`, after `figure`, has another figure between them.
pub(super) fn shadowed(figure: Span, name: Span, figures: &[(usize, usize)]) -> bool {
    name.start >= figure.end
        && figures.iter().any(|(a, b)| {
            *a >= figure.end && *b <= name.start && (*a, *b) != (figure.start, figure.end)
        })
}
