//! Reading one regex match into a quantity: qualifier, number(s), scale, currency.

use super::convention::{AliasReading, SourceConventions};
use super::mention::{MentionOrigin, Reading};
use super::number::parse_number;
use super::spelled::parse_spelled;
use crate::quantity::{Currency, Qualifier, Quantity, Unit};
use crate::rules::compile::{Groups, PatternKind};
use crate::rules::lexicon::normalize_word;
use crate::rules::{CompiledPattern, LangMatcher};
use crate::text::Span;
use regex_automata::util::captures::Captures;
use rust_decimal::Decimal;

/// A mention before its unit is settled (a scaled number has none yet).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte span.
    pub span: Span,
    /// The quantity; its unit is a placeholder when `unit_known` is false.
    pub quantity: Quantity,
    /// Whether the unit is known (false for scaled numbers).
    pub unit_known: bool,
    /// Rule id.
    pub rule: String,
    /// Origin.
    pub origin: MentionOrigin,
    /// Reading (boxed: see [`super::Mention::reading`]).
    pub reading: Box<Reading>,
    /// The kind of the pattern.
    pub kind: PatternKind,
}

/// The groups of one match: a pattern's captures over the text they were found in.
pub struct Found<'c> {
    hay: &'c str,
    caps: &'c Captures,
}

impl<'c> Found<'c> {
    /// Captures of a search over `hay`.
    pub fn new(hay: &'c str, caps: &'c Captures) -> Self {
        Found { hay, caps }
    }

    /// Every group's span (the whole match first), for tests.
    #[cfg(test)]
    pub fn spans(&self) -> Vec<Option<std::ops::Range<usize>>> {
        (0..self.caps.group_len())
            .map(|i| self.caps.get_group(i).map(|s| s.range()))
            .collect()
    }

    fn get(&self, idx: usize) -> Option<Group<'c>> {
        let span = self.caps.get_group(idx)?;
        let text = self.hay.get(span.start..span.end)?;
        Some(Group {
            start: span.start,
            end: span.end,
            text,
        })
    }
}

/// One captured group.
#[derive(Debug, Clone, Copy)]
struct Group<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

fn group<'c>(caps: &Found<'c>, idx: Option<usize>) -> Option<Group<'c>> {
    idx.and_then(|i| caps.get(i))
}

/// A number group (digits or spelled) as (value, decimals, text).
fn read_number(
    m: &LangMatcher,
    caps: &Found<'_>,
    digits: Option<usize>,
    spelled: Option<usize>,
) -> Option<(Decimal, u32, String)> {
    if let Some(g) = group(caps, digits) {
        let n = parse_number(g.as_str(), &m.lexicon.numbers).ok()?;
        return Some((n.value, n.decimals, g.as_str().to_string()));
    }
    if let Some(g) = group(caps, spelled) {
        let v = parse_spelled(g.as_str(), &m.lexicon.spelled, &m.lexicon.connectors)?;
        return Some((Decimal::from(v), 0, g.as_str().to_string()));
    }
    None
}

fn power_of_ten_neg(decimals: u32) -> Decimal {
    Decimal::new(1, decimals.min(28))
}

/// Read a match; `None` when it is not a figure after all.
pub fn interpret(
    m: &LangMatcher,
    pattern: &CompiledPattern,
    groups: &Groups,
    caps: &Found<'_>,
    text: &str,
    conventions: &SourceConventions,
) -> Option<Candidate> {
    let whole = caps.get(groups.whole)?;
    let mut reading = Reading::default();

    let qualifier = match group(caps, groups.qualifier) {
        Some(q) => {
            reading.qualifier = Some(q.as_str().to_string());
            m.lexicon.qualifier_of(q.as_str())?
        }
        None => Qualifier::Exact,
    };
    if group(caps, groups.fraction).is_some() || group(caps, groups.number_den).is_some() {
        let (value, precision, n_text) = read_fraction(m, pattern, groups, caps)?;
        reading.number = n_text;
        return Some(Candidate {
            span: Span::new(whole.start(), whole.end()),
            quantity: Quantity::from_value(value, qualifier, Unit::Share, precision),
            unit_known: true,
            rule: pattern.id.clone(),
            origin: MentionOrigin::Stated,
            reading: Box::new(reading),
            kind: pattern.kind,
        });
    }
    // Sub-units ("50 cents"; "3 dollars 50 cents"): alone they are the amount, scaled
    // by the pattern's sub-unit; after a main number they are added to it.
    // A second, smaller sub-unit (Chinese 分 after 角) adds to the first the same way.
    let main = read_number(m, caps, groups.number, groups.spelled);
    let sub = read_number(m, caps, groups.number_sub, groups.spelled_sub);
    let sub2 = read_number(m, caps, groups.number_sub2, groups.spelled_sub2);
    let has_sub2 = sub2.is_some();
    let smallest = if sub2.is_some() {
        pattern.sub_unit_2
    } else {
        pattern.sub_unit
    };
    let sub = match (sub, sub2) {
        (Some((s, d, t)), Some((s2, _, t2))) => {
            let add = s2.checked_mul(pattern.sub_unit_2)?;
            if add >= pattern.sub_unit {
                return None;
            }
            let total = s.checked_add(add.checked_div(pattern.sub_unit)?)?;
            Some((total, d, format!("{t} + {t2}")))
        }
        (Some(s), None) => Some(s),
        (None, Some((s2, d, t2))) => {
            // "两毛五" is read with sub-unit 2 alone only after a main number or a
            // first sub-unit; alone, it is the amount in that smallest unit.
            let ratio = pattern.sub_unit_2.checked_div(pattern.sub_unit)?;
            Some((s2.checked_mul(ratio)?, d, t2))
        }
        (None, None) => None,
    };
    let (n, decimals, n_text, unit_factor, extra) = match (main, sub) {
        (Some((n, d, t)), Some((s, _, st))) => {
            let add = s.checked_mul(pattern.sub_unit)?;
            if add >= Decimal::ONE {
                return None;
            }
            (n, d, format!("{t} + {st}"), Decimal::ONE, Some(add))
        }
        (Some((n, d, t)), None) => (n, d, t, pattern.unit_value, None),
        (None, Some((s, d, t))) => (s, d, t, pattern.sub_unit, None),
        (None, None) => return None,
    };
    reading.number = n_text;
    let hi = read_number(m, caps, groups.number_hi, groups.spelled_hi);
    reading.number_hi = hi.as_ref().map(|h| h.2.clone());

    let scale = match (group(caps, groups.scale), pattern.fixed_scale) {
        (Some(s), fixed) => {
            let f = match fixed {
                Some(f) => f,
                None => m.lexicon.scale_of(s.as_str())?,
            };
            reading.scale = Some((s.as_str().to_string(), f));
            f.checked_mul(unit_factor)?
        }
        (None, Some(f)) => {
            reading.scale = Some((String::new(), f));
            f.checked_mul(unit_factor)?
        }
        (None, None) => {
            if pattern.kind == PatternKind::ScaledNumber {
                return None;
            }
            unit_factor
        }
    };
    let scale_lo = match group(caps, groups.scale_lo) {
        Some(s) => m.lexicon.scale_of(s.as_str())?.checked_mul(unit_factor)?,
        None => scale,
    };

    let (unit, unit_known, origin) = match pattern.kind {
        PatternKind::Money => {
            let cur = match group(caps, groups.currency) {
                Some(c) => {
                    reading.currency = Some(c.as_str().to_string());
                    let read = match conventions.read(
                        &m.lexicon,
                        c.as_str(),
                        whole.start(),
                        whole.end(),
                        text,
                    ) {
                        Some(r) => r,
                        None => {
                            let (currency, note) =
                                currency_of(m, c.as_str(), whole.start(), whole.end(), text)?;
                            AliasReading {
                                currency,
                                note,
                                alternatives: Vec::new(),
                            }
                        }
                    };
                    reading.currency_note = read.note;
                    reading.currency_alternatives = read.alternatives;
                    read.currency
                }
                None => pattern.currency?,
            };
            (Unit::Money(cur), true, MentionOrigin::Stated)
        }
        PatternKind::Parameters => (Unit::Parameters, true, MentionOrigin::Stated),
        PatternKind::ModelName => {
            let model = group(caps, groups.model)
                .map_or_else(|| whole.as_str().to_string(), |g| g.as_str().to_string());
            (Unit::Parameters, true, MentionOrigin::ModelName { model })
        }
        PatternKind::ScaledNumber => (Unit::Parameters, false, MentionOrigin::Stated),
        PatternKind::Ratio => (Unit::Ratio, true, MentionOrigin::Stated),
        PatternKind::Share => (Unit::Share, true, MentionOrigin::Stated),
    };

    let precision = scale.checked_mul(power_of_ten_neg(decimals))?;
    let value = n.checked_mul(scale_lo)?;
    let quantity = match hi {
        Some((h, hdec, _)) => {
            let high = h.checked_mul(scale)?;
            if value > high {
                // "between 3 and 1 dollars" is not a range
                return None;
            }
            let p_hi = scale.checked_mul(power_of_ten_neg(hdec))?;
            // each end in its own scale: "between $900 billion and $1 trillion" is
            // precise to the billion, not to the trillion
            let p_lo = scale_lo.checked_mul(power_of_ten_neg(decimals))?;
            Quantity::range(value, high, unit, p_lo.min(p_hi))
        }
        None => match extra {
            Some(add) => {
                let value = n.checked_mul(scale)?.checked_add(add)?;
                Quantity::from_value(value, qualifier, unit, precision.min(smallest))
            }
            None => {
                let value = n.checked_mul(scale)?;
                let precision = if has_sub2 {
                    precision.min(smallest)
                } else {
                    precision
                };
                Quantity::from_value(value, qualifier, unit, precision)
            }
        },
    };
    Some(Candidate {
        span: Span::new(whole.start(), whole.end()),
        quantity,
        unit_known,
        rule: pattern.id.clone(),
        origin,
        reading: Box::new(reading),
        kind: pattern.kind,
    })
}

/// A fraction ("1/20", "un tiers", "two thirds", "half") as (value, precision, "n/d").
///
/// The value is the exact quotient when it has one (1/20 = 0.05, precision 0); 1/3 has
/// none in decimals, so the value is rounded to Decimal's last digit and the precision
/// is two units of that digit: the interval `value ± precision / 2` then holds the exact
/// rational, and 1/3 is never compared as 0.33. A numerator is a whole number no larger
/// than the denominator (a share of a whole); none means 1.
fn read_fraction(
    m: &LangMatcher,
    pattern: &CompiledPattern,
    groups: &Groups,
    caps: &Found<'_>,
) -> Option<(Decimal, Decimal, String)> {
    let den = match group(caps, groups.number_den) {
        Some(g) => {
            let n = parse_number(g.as_str(), &m.lexicon.numbers).ok()?;
            (n.decimals == 0).then_some(n.value)?
        }
        None => Decimal::from(
            m.lexicon
                .fraction_of(group(caps, groups.fraction)?.as_str())?,
        ),
    };
    let num = match read_number(m, caps, groups.number, groups.spelled) {
        Some((n, 0, _)) => n,
        Some(_) => return None,
        None => Decimal::ONE,
    };
    if den <= Decimal::ZERO || num <= Decimal::ZERO || num > den {
        return None;
    }
    let top = num.checked_mul(pattern.unit_value)?;
    let value = top.checked_div(den)?;
    let exact = value.checked_mul(den).is_some_and(|back| back == top);
    let precision = if exact {
        Decimal::ZERO
    } else {
        Decimal::new(2, value.scale())
    };
    Some((
        value,
        precision,
        format!("{}/{}", num.normalize(), den.normalize()),
    ))
}

/// The currency of an alias; an ambiguous alias is decided by cue words near the figure.
fn currency_of(
    m: &LangMatcher,
    alias: &str,
    start: usize,
    end: usize,
    text: &str,
) -> Option<(Currency, Option<String>)> {
    if let Some(amb) = m.lexicon.ambiguity_of(alias) {
        let from = floor(text, start.saturating_sub(amb.window));
        let to = floor(text, (end + amb.window).min(text.len()));
        let window = normalize_word(text.get(from..to).unwrap_or(""));
        for (cur, cues) in &amb.cues {
            if let Some(cue) = cues.iter().find(|c| window.contains(c.as_str())) {
                return Some((
                    *cur,
                    Some(format!("\"{alias}\" read as {cur}: \"{cue}\" is near")),
                ));
            }
        }
        return Some((
            amb.default,
            Some(format!(
                "\"{alias}\" read as {}: no cue for another currency nearby",
                amb.default
            )),
        ));
    }
    m.lexicon.currency_of(alias).map(|c| (c, None))
}

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
