//! Elided units: "plus de 32 milliards de dollars en 2025, contre 13 milliards en 2023".
//! A scaled number with no unit takes the unit of the nearest figure before it in the
//! same sentence; with none, it is not a figure.

use super::interpret::Candidate;
use super::mention::MentionOrigin;
use crate::rules::compile::PatternKind;
use crate::text::segment::crosses_sentence;

/// How far back (bytes) an antecedent may be.
const MAX_DISTANCE: usize = 400;

/// Settles the units of scaled numbers one candidate at a time, in text order, and
/// drops those with no antecedent. It keeps only the figures still near enough to be an
/// antecedent, so a long text needs no list of all its candidates.
#[derive(Default)]
pub struct Resolver {
    /// Figures settled so far that a later one may take its unit from (ends growing).
    recent: std::collections::VecDeque<(crate::text::Span, PatternKind, crate::quantity::Unit)>,
}

impl Resolver {
    /// Settle `c` (the next candidate in text order): `None` when it is not a figure.
    pub fn push(&mut self, mut c: Candidate, text: &str) -> Option<Candidate> {
        // Candidates come in text order and do not overlap, so their ends grow: those
        // too far back for this one are too far back for every later one.
        while self
            .recent
            .front()
            .is_some_and(|(a, _, _)| a.end.saturating_add(MAX_DISTANCE) < c.span.start)
        {
            self.recent.pop_front();
        }
        if !c.unit_known {
            // The nearest figure before it in the same sentence, else not a figure.
            let (span, _, unit) = self.recent.iter().rev().find(|(a, kind, _)| {
                *kind != PatternKind::ModelName
                    && *kind != PatternKind::Share
                    && a.end <= c.span.start
                    && c.span.start - a.end <= MAX_DISTANCE
                    && !crosses_sentence(text.get(a.end..c.span.start).unwrap_or("."))
            })?;
            c.quantity.unit = *unit;
            c.unit_known = true;
            c.origin = MentionOrigin::Context {
                antecedent: span.slice(text).to_string(),
                antecedent_start: span.start,
            };
        }
        self.recent.push_back((c.span, c.kind, c.quantity.unit));
        Some(c)
    }
}
