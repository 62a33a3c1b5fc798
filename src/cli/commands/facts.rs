//! `figcheck facts suggest` and `figcheck facts list`: the facts discovered across the
//! sources (and the ledger's), as a ledger draft or side by side with their claims.

use crate::check::cross_source::consensus;
use crate::check::interval::show;
use crate::check::normalize::{unit_label, Normalized};
use crate::check::normalize_claims;
use crate::cli::args::FactsArgs;
use crate::cli::ExitStatus;
use crate::facts::discover::{discover, DiscoverOptions};
use crate::facts::FactSet;
use crate::facts::{assign_claims, Claim, Fact};
use crate::report::ledger_draft;
use crate::source::{load_sources, Source};
use crate::Errors;
use std::io::Write;

/// What both subcommands read.
struct Run {
    /// The ledger's facts and those discovered.
    facts: FactSet,
    sources: Vec<Source>,
    claims: Vec<Claim>,
    normalized: Vec<Normalized>,
}

fn gather(a: &FactsArgs, err: &mut dyn Write) -> std::io::Result<Result<Run, ExitStatus>> {
    let c = &a.check;
    let (rules, mut facts) = match super::extract::load_rules_and_facts(&c.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err).map(Err),
    };
    let tables = match super::rates::load_tables(&c.rates) {
        Ok(t) => t,
        Err(e) => return super::report_errors(&e, err).map(Err),
    };
    let opts = match super::extract::load_options(&c.sources, &rules) {
        Ok(o) => o,
        Err(e) => return super::report_errors(&e.into(), err).map(Err),
    };
    let (sources, errors) = load_sources(&opts);
    super::report_warnings(&sources, err)?;
    if !errors.is_empty() {
        return super::report_errors(&Errors(errors), err).map(Err);
    }
    let progress = crate::cli::progress::Progress::new(sources.len(), true);
    let mentions = super::extract::extract_all(&rules, &sources, &progress);
    let mut claims = assign_claims(&rules, &facts, &sources, &mentions);
    let mut found = crate::facts::FactSet::default();
    discover(
        &rules,
        &sources,
        &mut claims,
        &mut found,
        DiscoverOptions {
            min_sources: a.min_sources,
        },
    );
    // --kind: the other kinds' discovered facts are dropped, their figures untied.
    if !a.kinds.is_empty() {
        found
            .facts
            .retain(|_, f| a.kinds.iter().any(|k| k == f.kind.as_str()));
        for cl in &mut claims {
            let gone = cl.fact.as_ref().is_some_and(|id| {
                id.starts_with(crate::facts::discover::PREFIX) && !found.facts.contains_key(id)
            });
            if gone {
                cl.fact = None;
                cl.tie = None;
            }
        }
    }
    // a relation stays when all its facts do
    let kept = &found.facts;
    found.relations.retain(|r| {
        std::iter::once(&r.larger)
            .chain(&r.parts)
            .all(|id| kept.contains_key(id))
    });
    facts.facts.extend(found.facts);
    facts.relations.extend(found.relations);
    let normalized = normalize_claims(&facts, &tables, &claims);
    Ok(Ok(Run {
        facts,
        sources,
        claims,
        normalized,
    }))
}

/// Run `figcheck facts suggest`.
pub fn suggest(
    a: &FactsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let r = match gather(a, err)? {
        Ok(r) => r,
        Err(status) => return Ok(status),
    };
    let text = ledger_draft::write(&r.facts, &r.claims, &r.normalized, &r.sources);
    out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}

fn write_fact(r: &Run, f: &Fact, out: &mut dyn Write) -> std::io::Result<()> {
    let unit = unit_label(f);
    let origin = match f.discovered {
        Some(n) => format!("discovered from {}", crate::report::n_sources(n)),
        None => format!("ledger {}", crate::error::display_path(&f.location.path)),
    };
    writeln!(out, "{}  {}  ({origin})", f.id, f.label)?;
    let ivs: Vec<_> = r
        .claims
        .iter()
        .zip(&r.normalized)
        .filter(|(c, _)| c.fact.as_deref() == Some(f.id.as_str()))
        .filter_map(|(_, n)| n.value)
        .collect();
    if let Some((iv, n)) = consensus(&ivs) {
        writeln!(
            out,
            "  consensus: {} ({n} of {} figures)",
            show(&iv, &unit),
            ivs.len()
        )?;
    }
    for (c, n) in r.claims.iter().zip(&r.normalized) {
        if c.fact.as_deref() != Some(f.id.as_str()) {
            continue;
        }
        let path = r.sources.get(c.source).map_or_else(String::new, |s| {
            crate::error::display_path(std::path::Path::new(&s.path))
        });
        let value = n
            .value
            .map_or_else(|| "not normalised".to_string(), |v| show(&v, &unit));
        writeln!(
            out,
            "  {path}:{}  \"{}\"  {value}",
            c.mention.line,
            c.mention.text.replace('\n', " ")
        )?;
    }
    writeln!(out)
}

/// Run `figcheck facts list`.
pub fn list(
    a: &FactsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let r = match gather(a, err)? {
        Ok(r) => r,
        Err(status) => return Ok(status),
    };
    let (found, ledger): (Vec<&Fact>, Vec<&Fact>) =
        r.facts.facts.values().partition(|f| f.discovered.is_some());
    writeln!(
        out,
        "{} ledger fact(s), {} discovered\n",
        ledger.len(),
        found.len()
    )?;
    for f in ledger.into_iter().chain(found) {
        write_fact(&r, f, out)?;
    }
    Ok(ExitStatus::Clean)
}
