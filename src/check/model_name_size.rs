//! Model name size. What it checks: the size a model's name carries ("QwQ-32B") against
//! the parameter counts the same source states for that model (its fact).
//! Why it matters: a name and a count that disagree mean a wrong model or a wrong figure.
//! Example: "QwQ-32B, avec ses 320 milliards de paramètres".

use super::interval::show;
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::extract::MentionOrigin;

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, stated) in input.claims.iter().enumerate() {
        if matches!(stated.mention.origin, MentionOrigin::ModelName { .. })
            || stated.mention.kind() != "parameters"
        {
            continue;
        }
        let Some(fact) = stated.fact.as_deref() else {
            continue;
        };
        // The model names of the same fact in the same source.
        let named = index
            .of(stated.source, fact)
            .iter()
            .filter_map(|&j| Some((j, input.claims.get(j)?)))
            .find(|(_, c)| matches!(c.mention.origin, MentionOrigin::ModelName { .. }));
        let Some((j, name)) = named else {
            continue;
        };
        let (Some(a), Some(b)) = (
            input.normalized.get(i).and_then(|n| n.stated),
            input.normalized.get(j).and_then(|n| n.stated),
        ) else {
            continue;
        };
        if !a.overlaps(&b) {
            out.push(Finding::new(
                CheckId::ModelNameSize,
                Some(fact),
                format!(
                    "\"{}\" states {}, but the model's name \"{}\" says {}",
                    stated.mention.text,
                    show(&a, "parameters"),
                    name.mention.text,
                    show(&b, "parameters")
                ),
                vec![i, j],
            ));
        }
    }
    out
}
