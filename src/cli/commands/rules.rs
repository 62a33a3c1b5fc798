//! `figcheck rules test` and `figcheck rules list`.

use crate::check::CheckId;
use crate::cli::args::{ExplainCheckArgs, RulesListArgs, RulesShowArgs, RulesTestArgs};
use crate::cli::ExitStatus;
use crate::quantity::format::plain;
use crate::report::sarif::rule_title;
use crate::selftest::run_examples;
use std::io::Write;
use std::str::FromStr;

/// Run `figcheck rules test`: every example and counter-example of every rule.
pub fn test(
    a: &RulesTestArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let (rules, facts) = match super::extract::load_rules_and_facts(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let report = run_examples(&rules, &facts);
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
    for (lang, m) in rules.matchers() {
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
    for (lang, m) in rules.matchers() {
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

/// Run `figcheck rules show ID`: one pattern, its regex as written and as expanded from
/// each language's tables (what the matcher really runs), and its examples.
pub fn show(
    a: &RulesShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let rules = match super::extract::load_rules(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let Some(p) = rules.patterns.get(&a.id) else {
        let near: Vec<&str> = rules
            .patterns
            .keys()
            .filter(|k| strsim::jaro_winkler(k, &a.id) > 0.85)
            .map(String::as_str)
            .take(5)
            .collect();
        let hint = if near.is_empty() {
            "see `figcheck rules list`".to_string()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        writeln!(err, "error: no pattern \"{}\" ({hint})", a.id)?;
        return Ok(ExitStatus::Error);
    };
    writeln!(out, "{}  ({}, lang {})", p.id, p.kind.as_str(), p.lang)?;
    writeln!(out, "  written at: {}", p.location)?;
    if let Some(d) = &p.description {
        writeln!(out, "  description: {d}")?;
    }
    writeln!(out, "  priority: {}", p.priority)?;
    if let Some(c) = &p.currency {
        writeln!(out, "  currency: {c}")?;
    }
    if let Some(o) = &p.overrides {
        writeln!(out, "  replaces: {o}")?;
    }
    writeln!(out, "  regex: {}", p.regex)?;
    for (lang, m) in rules.matchers() {
        if p.lang != *lang && p.lang != "*" {
            continue;
        }
        match crate::rules::expand::expand(&p.regex, &m.lexicon, "") {
            Ok(x) => writeln!(out, "  expanded ({lang}): {x}")?,
            Err(e) => writeln!(out, "  expanded ({lang}): error: {e}")?,
        }
    }
    if !p.examples.is_empty() {
        writeln!(out, "  examples:")?;
        for ex in &p.examples {
            writeln!(out, "    {:?}", ex.text)?;
        }
    }
    if !p.counter_examples.is_empty() {
        writeln!(out, "  counter-examples:")?;
        for (text, _) in &p.counter_examples {
            writeln!(out, "    {text:?}")?;
        }
    }
    Ok(ExitStatus::Clean)
}

/// Run `figcheck rules explain-check [ID]`: what a check does, why it matters, an
/// example, and its default severity; without an id, one line per check.
pub fn explain_check(
    a: &ExplainCheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let Some(id) = &a.id else {
        for c in CheckId::ALL {
            writeln!(
                out,
                "{:<28} {:<8} {}",
                c.as_str(),
                c.default_severity().as_str(),
                rule_title(c)
            )?;
        }
        return Ok(ExitStatus::Clean);
    };
    let check = match CheckId::from_str(id) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    writeln!(out, "{} ({})", check.as_str(), rule_title(check))?;
    writeln!(out, "Default severity: {}", check.default_severity())?;
    writeln!(out)?;
    for line in check.docs().lines() {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Change its severity with --severity {}=error|warning|info|off or [severity] in figcheck.toml.",
        check.as_str()
    )?;
    Ok(ExitStatus::Clean)
}
