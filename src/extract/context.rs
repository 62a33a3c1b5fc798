//! Elided units: "plus de 32 milliards de dollars en 2025, contre 13 milliards en 2023".
//! A scaled number with no unit takes the unit of the nearest figure before it in the
//! same sentence; with none, it is not a figure.

use super::interpret::Candidate;
use super::mention::MentionOrigin;
use crate::rules::compile::PatternKind;
use crate::text::segment::crosses_sentence;

/// How far back (bytes) an antecedent may be.
const MAX_DISTANCE: usize = 400;

/// Settle the units of scaled numbers and drop those with no antecedent.
pub fn resolve(candidates: Vec<Candidate>, text: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for mut c in candidates {
        if c.unit_known {
            out.push(c);
            continue;
        }
        // Candidates come in text order and do not overlap, so their ends grow: stop at
        // the first one too far back (scanning them all made this quadratic).
        let antecedent = out
            .iter()
            .rev()
            .take_while(|a| a.span.end.saturating_add(MAX_DISTANCE) >= c.span.start)
            .find(|a| {
                a.kind != PatternKind::ModelName
                    && a.span.end <= c.span.start
                    && c.span.start - a.span.end <= MAX_DISTANCE
                    && !crosses_sentence(text.get(a.span.end..c.span.start).unwrap_or("."))
            });
        if let Some(a) = antecedent {
            c.quantity.unit = a.quantity.unit;
            c.unit_known = true;
            c.origin = MentionOrigin::Context {
                antecedent: a.span.slice(text).to_string(),
                antecedent_start: a.span.start,
            };
            out.push(c);
        }
        // else: no figure to take a unit from, so this is not a figure
    }
    out
}
