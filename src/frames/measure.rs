//! The measure side of a frame: role words (`[[role]]` in the packs) found by stem in a
//! span of the text, outside figures.

use crate::rules::roles::FrameLexicon;
use crate::text::words::{find_phrase, Token};
use crate::text::Span;

/// Words between a role word and its figure beyond which the word is read as the
/// sentence's, not the clause's.
pub(super) const ROLE_REACH: usize = 6;

/// Role words in `tokens` that lie within `within`, outside figures: (span, role, words).
pub(super) fn roles_in(
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

/// What a share is a share of: the role of the first role word within `ROLE_REACH`
/// words after it, in `from..to` (the share's end to the next figure or the sentence's
/// end): "6 % of its annual sales" → revenue, "un cinquième de son chiffre d'affaires" →
/// revenue.
pub fn role_after(text: &str, lex: &FrameLexicon, from: usize, to: usize) -> Option<String> {
    let tokens = crate::text::words::tokenize(text, from, to, &lex.stemmer);
    let reach = tokens.get(..ROLE_REACH.min(tokens.len()))?;
    let end = reach.last()?.end;
    roles_in(text, reach, lex, Span::new(from, end), &[])
        .into_iter()
        .min_by_key(|(span, _, _)| span.start)
        .map(|(_, role, _)| role)
}
