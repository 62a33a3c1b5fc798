//! `figcheck rules test` and `figcheck rules list`.

use crate::cli::args::{RulesListArgs, RulesTestArgs};
use crate::cli::ExitStatus;
use crate::report::format::plain;
use crate::rules::selftest::run_examples;
use std::io::Write;

/// Run `figcheck rules test`: every example and counter-example of every rule.
pub fn test(
    a: &RulesTestArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let rules = match super::extract::load_rules(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let report = run_examples(&rules);
    for f in &report.failures {
        writeln!(out, "FAIL {}: [{}] ({})", f.location, f.rule, f.lang)?;
        writeln!(out, "     text:     {:?}", f.text)?;
        writeln!(out, "     expected: {}", f.expected)?;
        writeln!(out, "     got:      {}", f.got)?;
    }
    writeln!(
        out,
        "{} rules, {} examples passed, {} failed",
        rules.patterns.len(),
        report.passed,
        report.failures.len()
    )?;
    Ok(if report.failures.is_empty() {
        ExitStatus::Clean
    } else {
        ExitStatus::Findings
    })
}

/// Run `figcheck rules list`: packs, their files, patterns and tables, with origins.
pub fn list(
    a: &RulesListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let rules = match super::extract::load_rules(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    writeln!(out, "Precedence: bundled packs < --rules folders in the order given; a rule with the same id replaces the earlier one.")?;
    writeln!(out)?;
    writeln!(out, "Packs:")?;
    for p in &rules.packs {
        let version = p
            .version
            .as_ref()
            .map_or(String::new(), |v| format!(" v{v}"));
        writeln!(out, "  {} [lang {}]{version}  {}", p.name, p.lang, p.origin)?;
        if let Some(d) = &p.description {
            writeln!(out, "      {d}")?;
        }
        for (origin, summary) in &p.files {
            writeln!(out, "      {origin}: {summary}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Patterns (in matching order per language):")?;
    for (lang, m) in &rules.langs {
        writeln!(out, "  {lang}:")?;
        for mp in &m.patterns {
            if let Some(p) = rules.patterns.get(&mp.id) {
                let over = p
                    .overrides
                    .as_ref()
                    .map_or(String::new(), |o| format!("  (replaces {o})"));
                writeln!(
                    out,
                    "    {:<40} {:<14} priority {:<4} {}{over}",
                    mp.id,
                    p.kind.as_str(),
                    p.priority,
                    p.location
                )?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "Tables:")?;
    for (lang, m) in &rules.langs {
        let lex = &m.lexicon;
        writeln!(
            out,
            "  {lang}: {} currency symbols, {} currency names, {} ambiguous aliases, {} scale words, {} qualifier words, {} number words",
            lex.symbols.len(),
            lex.names.len(),
            lex.ambiguous.len(),
            lex.scales.len(),
            lex.qualifiers.len(),
            lex.spelled.len()
        )?;
        let mut scales: Vec<(&String, &rust_decimal::Decimal)> = lex.scales.iter().collect();
        scales.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
        let s: Vec<String> = scales
            .iter()
            .map(|(w, v)| format!("{w}={}", plain(**v)))
            .collect();
        writeln!(out, "      scales: {}", s.join(", "))?;
        let dec: String = lex
            .numbers
            .decimal
            .iter()
            .map(|c| format!("{c:?}"))
            .collect::<Vec<_>>()
            .join(" ");
        let grp: String = lex
            .numbers
            .group
            .iter()
            .map(|c| format!("{c:?}"))
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(
            out,
            "      decimal marks: {dec}; thousands separators: {grp}"
        )?;
    }
    Ok(ExitStatus::Clean)
}
