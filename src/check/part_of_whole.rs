//! Part exceeds whole. What it checks: a figure introduced as a part of the figure before
//! it in the same sentence ("dont", "of which", "including" in the language's [cues]) is
//! not larger than that whole.
//! Why it matters: a part larger than its whole is a typo or a misread scale.
//! Example: "1 120 milliards de dollars, dont 1 589 milliards pour Nvidia".

use super::interval::show;
use super::normalize::claim_unit_label;
use super::{CheckId, CheckInput, ClaimIndex, Finding};
use crate::quantity::Unit;
use crate::rates::normalize::convert_interval;
use crate::rules::lexicon::normalize_word;
use crate::text::segment::crosses_sentence;

/// Run the check.
pub fn check(input: &CheckInput<'_>, index: &ClaimIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, part) in input.claims.iter().enumerate() {
        let Some(source) = input.sources.get(part.source) else {
            continue;
        };
        let Some(cues) = input
            .rules
            .matcher(&source.lang)
            .map(|m| &m.lexicon.part_of)
        else {
            continue;
        };
        let start = part.mention.span.start;
        let mut from = start.saturating_sub(24);
        while from < start && !source.text.is_char_boundary(from) {
            from += 1;
        }
        let before = normalize_word(source.text.get(from..start).unwrap_or(""));
        let before = before.trim_end();
        let Some(cue) = cues.iter().find(|c| {
            before.ends_with(c.as_str())
                && before
                    .get(..before.len() - c.len())
                    .and_then(|s| s.chars().next_back())
                    .is_none_or(|ch| !ch.is_alphanumeric())
        }) else {
            continue;
        };
        // The whole: the nearest figure of the same kind before it, in the same sentence.
        // Only the source's own earlier claims are looked at, and the walk back stops at
        // the first sentence end, so a source with many figures stays linear.
        let mine = index
            .by_source
            .get(&part.source)
            .map_or(&[][..], Vec::as_slice);
        let earlier = mine.get(..mine.partition_point(|&j| j < i)).unwrap_or(&[]);
        let mut whole = None;
        for &j in earlier.iter().rev() {
            let Some(w) = input.claims.get(j) else {
                continue;
            };
            let Some(between) = source.text.get(w.mention.span.end..start) else {
                continue;
            };
            if crosses_sentence(between) {
                break;
            }
            if w.mention.kind() == part.mention.kind()
                && !matches!(w.mention.kind(), "ratio" | "share")
            {
                whole = Some(j);
                break;
            }
        }
        let Some(j) = whole else {
            continue;
        };
        let (Some(w), Some(np), Some(nw)) = (
            input.claims.get(j),
            input.normalized.get(i),
            input.normalized.get(j),
        ) else {
            continue;
        };
        let (Some(sp), Some(sw)) = (np.stated, nw.stated) else {
            continue;
        };
        let whole_in_part_unit = match (w.mention.quantity.unit, part.mention.quantity.unit) {
            (Unit::Money(a), Unit::Money(b)) if a != b => match part.as_of.or(source.date) {
                Some(d) => match convert_interval(input.tables, &sw, a, b, d) {
                    Ok((iv, _)) => iv,
                    Err(_) => continue,
                },
                None => continue,
            },
            _ => sw,
        };
        // The part is too large when even its smallest reading exceeds the whole's largest.
        let too_large = match (sp.lo, whole_in_part_unit.hi) {
            (Some(p), Some(wh)) => p > wh,
            _ => false,
        };
        if too_large {
            let unit = claim_unit_label(part);
            out.push(Finding::new(
                CheckId::PartExceedsWhole,
                part.fact.as_deref().or(w.fact.as_deref()),
                format!(
                    "\"{}\" is introduced by \"{cue}\" as a part of \"{}\", but the part ({}) is larger than the whole ({})",
                    part.mention.text,
                    w.mention.text,
                    show(&sp, &unit),
                    show(&whole_in_part_unit, &unit)
                ),
                vec![i, j],
            ));
        }
    }
    out
}
