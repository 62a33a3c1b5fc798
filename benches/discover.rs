//! Facts without a ledger at scale: N generated English sources about N/20 invented
//! companies (each company's funding round reported by about 20 sources, one report in
//! 47 with a figure ten times too large, and an investment plan per source), checked with
//! no ledger so that every figure goes through discovery. Times the stages and prints
//! the time per claim, to set beside `cargo bench --bench check`; the grouping stage
//! should stay about flat per claim from 5 000 to 20 000 sources (near-linear).
//!
//! Run with `cargo bench --bench discover` (sizes: 5000 20000); other sizes as
//! arguments, e.g. `cargo bench --bench discover -- 1000 10000`.
#![allow(clippy::print_stdout, missing_docs)]

use chrono::{Duration, NaiveDate};
use figcheck::check::{normalize_claims, run_all, CheckInput, CheckSettings};
use figcheck::extract::extract_mentions;
use figcheck::facts::discover::{discover, DiscoverOptions};
use figcheck::facts::{assign_claims, FactSet};
use figcheck::rates::RateTables;
use figcheck::report::model;
use figcheck::source::Source;
use std::time::Instant;

const FIRST: [&str; 20] = [
    "Vor", "Kal", "Tes", "Mir", "Dun", "Sel", "Bra", "Quen", "Lor", "Fen", "Gal", "Hes", "Jor",
    "Nel", "Pra", "Ros", "Tav", "Ulm", "Wex", "Zar",
];
const SECOND: [&str; 20] = [
    "link", "mora", "vane", "dex", "tria", "quist", "bolt", "nova", "ris", "hale", "dyne", "mark",
    "sora", "vex", "lume", "tor", "ix", "ara", "gen", "well",
];

/// An invented company name, one per index below 400, then with a number-free suffix.
fn company(c: usize) -> String {
    let first = FIRST.get(c % 20).copied().unwrap_or("Vor");
    let second = SECOND.get((c / 20) % 20).copied().unwrap_or("link");
    let third = match c / 400 {
        0 => String::new(),
        k => FIRST.get(k % 20).copied().unwrap_or("").to_lowercase(),
    };
    format!("{first}{second}{third}")
}

/// The text of source `i` of `n` (our own sentences, invented figures).
fn text(i: usize, n: usize) -> String {
    let companies = (n / 20).max(2);
    let c = i % companies;
    let name = company(c);
    let amount = 100 + (c * 37) % 400;
    let raised = if i % 47 == 7 {
        format!("{amount}0 million dollars") // ten times too large
    } else {
        format!("{amount} million dollars")
    };
    let other = company((i * 7 + 3) % companies);
    let plan = 2 + ((i * 7 + 3) % companies) % 9;
    format!(
        "# {name} closes a round\n\n{name} raised {raised} in a funding round led by pension funds, the company said on Monday. Investors in {name} expect the money to go to new plants.\n\nSeparately, {other} will invest {plan} billion euros in data centres over the next three years.\n"
    )
}

fn run(n: usize, tables: &RateTables) {
    let Ok((rules, mut facts)) = figcheck::facts::load_rules_and_facts(&[], true) else {
        println!("the bundled rules do not load");
        return;
    };
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    let mut stages: Vec<(&'static str, f64)> = Vec::new();
    let mut time = |name: &'static str, start: Instant| {
        stages.push((name, start.elapsed().as_secs_f64()));
    };

    let t = Instant::now();
    let sources: Vec<Source> = (0..n)
        .map(|i| {
            let mut s = Source::from_text(format!("generated/{i:06}.md"), text(i, n), "en");
            s.date = Some(first + Duration::days((i % 300) as i64));
            s
        })
        .collect();
    time("build sources", t);

    let t = Instant::now();
    let mentions: Vec<_> = sources
        .iter()
        .map(|s| extract_mentions(&rules, s))
        .collect();
    time("extract (1 thread)", t);

    let t = Instant::now();
    let mut claims = assign_claims(&rules, &facts, &sources, &mentions);
    time("assign", t);

    let t = Instant::now();
    let mut found = FactSet::default();
    let ids = discover(
        &rules,
        &sources,
        &mut claims,
        &mut found,
        DiscoverOptions::default(),
    );
    facts.facts.extend(found.facts);
    time("discover (grouping)", t);

    let t = Instant::now();
    let normalized = normalize_claims(&facts, tables, &claims);
    time("normalize", t);

    let t = Instant::now();
    let input = CheckInput {
        rules: &rules,
        facts: &facts,
        tables,
        sources: &sources,
        claims: &claims,
        normalized: &normalized,
    };
    let findings = run_all(&input, &CheckSettings::default());
    time("checks (run_all)", t);

    let t = Instant::now();
    let report = model::build(&facts, &sources, &claims, &normalized, &findings);
    time("report build", t);

    let tied = claims.iter().filter(|c| c.fact.is_some()).count();
    let total: f64 = stages.iter().map(|s| s.1).sum();
    let c = claims.len().max(1) as f64;
    println!(
        "\nN = {n} sources (no ledger), {} claims, {tied} in {} discovered facts, {} findings ({} errors, {} warnings; the CLI caps them at warning)",
        claims.len(),
        ids.len(),
        findings.len(),
        report.summary.errors,
        report.summary.warnings,
    );
    for (name, secs) in &stages {
        println!(
            "  {:<20} {:>9.1} ms  {:>8.2} µs/claim",
            name,
            secs * 1000.0,
            secs * 1e6 / c
        );
    }
    println!(
        "  {:<20} {:>9.1} ms  {:>8.2} µs/claim  {:>9.0} claims/s",
        "total",
        total * 1000.0,
        total * 1e6 / c,
        c / total.max(1e-9)
    );
}

fn main() {
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![5_000, 20_000];
    }
    let Ok(tables) = RateTables::bundled() else {
        println!("the bundled rates do not load");
        return;
    };
    for n in sizes {
        run(n, &tables);
    }
}
