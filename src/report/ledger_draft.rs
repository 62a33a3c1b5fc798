//! A ledger draft from discovered facts: one `[[fact]]` per group, its reference the
//! consensus of its sources (said so, in a comment and in `source`), each followed by
//! comments listing its claims. Loading the draft back (`--rules DIR`) ties the same
//! figures to the same facts.

use crate::check::cross_source::consensus;
use crate::check::interval::show;
use crate::check::normalize::{unit_label, Normalized};
use crate::error::display_path;
use crate::facts::discover::PREFIX;
use crate::facts::{Claim, Fact, FactKind, FactSet, RelationKind};
use crate::quantity::Interval;
use crate::source::Source;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The id a discovered fact takes in a ledger ("alibaba-investment-2025").
pub fn ledger_id(id: &str) -> &str {
    id.strip_prefix(PREFIX).unwrap_or(id)
}

/// The consensus of a fact's claims: the interval, how many agree, out of how many.
pub fn fact_consensus(
    fact: &Fact,
    claims: &[Claim],
    normalized: &[Normalized],
) -> Option<(Interval, usize, usize)> {
    let ivs: Vec<Interval> = claims
        .iter()
        .zip(normalized)
        .filter(|(c, _)| c.fact.as_deref() == Some(fact.id.as_str()))
        .filter_map(|(_, n)| n.value)
        .collect();
    let (iv, n) = consensus(&ivs)?;
    Some((iv, n, ivs.len()))
}

/// Midpoint and half-width of a bounded interval.
fn centre(iv: &Interval) -> Option<(Decimal, Decimal)> {
    let (lo, hi) = (iv.lo?, iv.hi?);
    let two = Decimal::from(2);
    Some((((lo + hi) / two).normalize(), ((hi - lo) / two).normalize()))
}

fn write_fact(
    out: &mut String,
    fact: &Fact,
    claims: &[Claim],
    normalized: &[Normalized],
    sources: &[Source],
) -> std::fmt::Result {
    let n = fact.discovered.unwrap_or(0);
    writeln!(
        out,
        "# discovered from {}: same subject, measure and year",
        super::n_sources(n)
    )?;
    writeln!(out, "[[fact]]")?;
    writeln!(out, "id = {}", quoted(ledger_id(&fact.id)))?;
    writeln!(out, "label = {}", quoted(&fact.label))?;
    writeln!(out, "kind = {}", quoted(fact.kind.as_str()))?;
    if let (FactKind::Money, Some(c)) = (fact.kind, fact.currency) {
        writeln!(out, "currency = {}", quoted(c.as_str()))?;
    }
    let entities: Vec<String> = fact.entities.iter().map(|e| quoted(e)).collect();
    writeln!(out, "entities = [{}]", entities.join(", "))?;
    if let Some(m) = &fact.measure {
        writeln!(out, "measure = {}", quoted(m))?;
    }
    let list = |words: &[String]| words.iter().map(|w| quoted(w)).collect::<Vec<_>>();
    if !fact.topics.is_empty() {
        writeln!(out, "topics = [{}]", list(&fact.topics).join(", "))?;
    }
    if !fact.exclude.is_empty() {
        writeln!(out, "exclude = [{}]", list(&fact.exclude).join(", "))?;
    }
    if let Some(d) = fact.window.from {
        writeln!(out, "from = {}", quoted(&d.to_string()))?;
    }
    if let Some(d) = fact.window.until {
        writeln!(out, "until = {}", quoted(&d.to_string()))?;
    }
    writeln!(out, "horizon-days = {}", fact.window.horizon_days)?;
    let unit = unit_label(fact);
    match fact_consensus(fact, claims, normalized) {
        Some((iv, agree, total)) if agree >= 2 => {
            if let Some((value, half)) = centre(&iv) {
                writeln!(
                    out,
                    "# reference: the consensus ({agree} of {total} figures agree on {}), not a checked figure",
                    show(&iv, &unit)
                )?;
                writeln!(out, "[fact.reference]")?;
                writeln!(out, "value = {}", quoted(&value.to_string()))?;
                writeln!(out, "precision = {}", quoted(&half.to_string()))?;
                writeln!(
                    out,
                    "source = {}",
                    quoted(&format!(
                        "consensus of {agree} of {total} figures (figcheck facts suggest)"
                    ))
                )?;
            }
        }
        _ => writeln!(
            out,
            "# no reference: no two figures agree; check the claims below and write one"
        )?,
    }
    writeln!(out, "# claims:")?;
    for (c, nv) in claims.iter().zip(normalized) {
        if c.fact.as_deref() != Some(fact.id.as_str()) {
            continue;
        }
        let path = sources
            .get(c.source)
            .map_or_else(String::new, |s| display_path(std::path::Path::new(&s.path)));
        let value = nv
            .value
            .map_or_else(|| "not normalised".to_string(), |v| show(&v, &unit));
        writeln!(
            out,
            "#   {path}:{}  \"{}\"  {value}",
            c.mention.line,
            c.mention.text.replace('\n', " ")
        )?;
    }
    writeln!(out)
}

/// The draft for every discovered fact of `facts`, in id order.
pub fn write(
    facts: &FactSet,
    claims: &[Claim],
    normalized: &[Normalized],
    sources: &[Source],
) -> String {
    let mut out = String::new();
    let found: Vec<&Fact> = facts
        .facts
        .values()
        .filter(|f| f.discovered.is_some())
        .collect();
    let _ = writeln!(
        out,
        "# figcheck ledger draft: {} fact(s) discovered across sources by `figcheck facts suggest`.\n# Each reference is what most sources agree on, not a checked figure: verify it, then\n# keep this file with your rule packs (`--rules DIR`).\n",
        found.len()
    );
    for f in found {
        let _ = write_fact(&mut out, f, claims, normalized, sources);
    }
    for r in &facts.relations {
        let ids = std::iter::once(&r.larger).chain(&r.parts);
        if r.kind != RelationKind::Sum || !ids.clone().all(|id| id.starts_with(PREFIX)) {
            continue;
        }
        let parts: Vec<String> = r.parts.iter().map(|p| quoted(ledger_id(p))).collect();
        let _ = writeln!(
            out,
            "# discovered: the valuation after the round = the one before + the round\n[[relation]]\nid = {}\nkind = \"sum\"\ntotal = {}\nparts = [{}]\n",
            quoted(ledger_id(&r.id)),
            quoted(ledger_id(&r.larger)),
            parts.join(", ")
        );
    }
    out
}
