//! How the check pipeline scales with the number of sources: N small synthetic French
//! sources about one fact (Alibaba's 380-billion-yuan plan, with its euro conversion at
//! dates spread over 2025, some wrong figures, some parts, ratios and model names, some
//! undated), timed stage by stage. Time per claim should stay about flat as N grows.
//!
//! Run with `cargo bench --bench check` (sizes: 1000 10000 20000); give other sizes as
//! arguments, e.g. `cargo bench --bench check -- 500 5000`.
#![allow(clippy::print_stdout, missing_docs)]

use chrono::{Duration, NaiveDate};
use figcheck::check::{normalize_claims, run_all, CheckInput, CheckSettings};
use figcheck::extract::extract_mentions;
use figcheck::facts::{assign_claims, FactSet};
use figcheck::rates::RateTables;
use figcheck::report::{human, json, model};
use figcheck::rules::RuleSet;
use figcheck::source::Source;
use std::time::Instant;

/// The binary's allocator, so the benchmark measures what a user runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The text of synthetic source `i` (our own sentences, the story's figures).
fn text(i: usize) -> String {
    let yuan = match i % 50 {
        7 => "38 milliards de yuans",   // a dropped digit
        19 => "380 billions de yuans",  // French billion
        31 => "407 milliards de yuans", // Hong Kong dollars given as yuans
        _ => "380 milliards de yuans",
    };
    let mut t = format!(
        "Le groupe Alibaba va investir {yuan} (50 milliards d'euros) dans le cloud et l'intelligence artificielle, selon la dépêche numéro {i}.\n\n"
    );
    if i % 5 == 0 {
        t.push_str(
            "Son modèle QwQ-32B, avec ses 32 milliards de paramètres, fait face à DeepSeek R1 et ses 671 milliards de paramètres, des modèles vingt fois plus lourds.\n\n",
        );
    }
    if i % 7 == 0 {
        t.push_str(
            "Les valeurs technologiques ont perdu 1 120 milliards de dollars de capitalisation, dont 589 milliards pour Nvidia.\n",
        );
    }
    t
}

struct Stage {
    name: &'static str,
    secs: f64,
}

fn run(n: usize, rules: &RuleSet, facts: &FactSet, tables: &RateTables) {
    let first = NaiveDate::from_ymd_opt(2025, 2, 24).unwrap_or_default();
    let mut stages = Vec::new();
    let mut time = |name: &'static str, start: Instant| {
        stages.push(Stage {
            name,
            secs: start.elapsed().as_secs_f64(),
        });
    };

    let t = Instant::now();
    let sources: Vec<Source> = (0..n)
        .map(|i| {
            let mut s = Source::from_text(format!("synthetic/{i:06}.md"), text(i), "fr");
            // dates over 200 days from the announcement; one source in 40 undated
            s.date = (i % 40 != 39).then(|| first + Duration::days((i % 200) as i64));
            s
        })
        .collect();
    time("build sources", t);

    let t = Instant::now();
    let mentions: Vec<_> = sources.iter().map(|s| extract_mentions(rules, s)).collect();
    time("extract (1 thread)", t);

    let t = Instant::now();
    let claims = assign_claims(rules, facts, &sources, &mentions);
    time("assign", t);

    let t = Instant::now();
    let normalized = normalize_claims(facts, tables, &claims);
    time("normalize", t);

    let t = Instant::now();
    let input = CheckInput {
        rules,
        facts,
        tables,
        sources: &sources,
        claims: &claims,
        normalized: &normalized,
    };
    let findings = run_all(&input, &CheckSettings::default());
    time("checks (run_all)", t);

    let t = Instant::now();
    let report = model::build(facts, &sources, &claims, &normalized, &findings);
    time("report build", t);

    let t = Instant::now();
    let mut out = Vec::new();
    let human_ok = human::write(&report, &mut out, false).is_ok();
    time("render human", t);
    let human_bytes = out.len();

    let t = Instant::now();
    let mut out = Vec::new();
    let json_ok = json::write(&report, &mut out).is_ok();
    time("render json", t);

    let total: f64 = stages.iter().map(|s| s.secs).sum();
    let c = claims.len().max(1) as f64;
    println!(
        "\nN = {n} sources, {} claims, {} findings ({} errors, {} warnings, {} infos); human {} KB{}",
        claims.len(),
        findings.len(),
        report.summary.errors,
        report.summary.warnings,
        report.summary.infos,
        human_bytes / 1024,
        if human_ok && json_ok { "" } else { " (a renderer failed)" },
    );
    for s in &stages {
        println!(
            "  {:<20} {:>9.1} ms  {:>8.2} µs/claim",
            s.name,
            s.secs * 1000.0,
            s.secs * 1e6 / c
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
        sizes = vec![1_000, 10_000, 20_000];
    }
    let (Ok((rules, facts)), Ok(tables)) = (
        figcheck::facts::load_rules_and_facts(&[], true),
        RateTables::bundled(),
    ) else {
        println!("the bundled rules or rates do not load");
        return;
    };
    for n in sizes {
        run(n, &rules, &facts, &tables);
    }
}
