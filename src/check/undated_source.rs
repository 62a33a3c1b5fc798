//! Undated source. What it checks: sources with no publication date, and which of their
//! claims could not be converted for want of one.
//! Why it matters: a converted figure only means something at a date, and figcheck
//! never guesses one: the reader must know what was not checked.
//! Example: an undated opinion piece giving a dollar figure for a fact kept in yuan.

use super::normalize::Problem;
use super::{CheckId, CheckInput, ClaimIndex, Finding};

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, source) in input.sources.iter().enumerate() {
        if source.date.is_some() {
            continue;
        }
        let mine: Vec<usize> = index
            .by_source
            .get(&s)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|i| {
                input
                    .claims
                    .get(*i)
                    .is_some_and(|c| !matches!(c.mention.kind(), "ratio" | "share"))
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let unconverted: Vec<usize> = mine
            .iter()
            .copied()
            .filter(|i| {
                matches!(
                    input.normalized.get(*i).and_then(|n| n.problem.as_ref()),
                    Some(Problem::Undated)
                )
            })
            .collect();
        let money_untied = mine
            .iter()
            .filter(|i| {
                input
                    .claims
                    .get(**i)
                    .is_some_and(|c| c.fact.is_none() && c.mention.kind() == "money")
            })
            .count();
        let message = if unconverted.is_empty() {
            format!(
                "{} has no date (front matter, manifest, --date or text); its {} figure(s) were compared only where no conversion was needed{}",
                source.path,
                mine.len(),
                if money_untied > 0 {
                    format!(", and {money_untied} money figure(s) could not be put in another currency")
                } else {
                    String::new()
                }
            )
        } else {
            let texts: Vec<String> = unconverted
                .iter()
                .filter_map(|i| {
                    input
                        .claims
                        .get(*i)
                        .map(|c| format!("\"{}\"", c.mention.text))
                })
                .collect();
            format!(
                "{} has no date, so {} could not be converted into their facts' currencies and were not checked",
                source.path,
                texts.join(", ")
            )
        };
        let mut f = Finding::new(
            CheckId::UndatedSource,
            None,
            message,
            if unconverted.is_empty() {
                Vec::new()
            } else {
                unconverted
            },
        );
        f.source = Some(s);
        out.push(f);
    }
    out
}
