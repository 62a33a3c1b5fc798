//! `figcheck check`: the whole pipeline, sources to report.

use crate::check::suppress::drop_accepted;
use crate::check::{normalize_claims, run_all, CheckId, CheckInput, CheckSettings, Severity};
use crate::cli::args::{CheckArgs, CheckFormat, FailOn};
use crate::cli::ExitStatus;
use crate::facts::assign_claims;
use crate::facts::claims_io::read_claim_files;
use crate::report::{concise, github, html, human, json, jsonl, markdown, model, sarif};
use crate::source::load_sources;
use crate::{Error, Errors};
use std::collections::BTreeSet;
use std::io::Write;
use std::str::FromStr;

fn settings(a: &CheckArgs) -> Result<(CheckSettings, BTreeSet<CheckId>), Error> {
    let mut s = CheckSettings::default();
    let mut off = BTreeSet::new();
    for item in &a.severity {
        let Some((check, level)) = item.split_once('=') else {
            return Err(Error::usage(format!(
                "--severity \"{item}\": expected CHECK=LEVEL, e.g. stale-conversion=error"
            )));
        };
        let check = CheckId::from_str(check.trim()).map_err(Error::usage)?;
        if level.trim() == "off" {
            off.insert(check);
            continue;
        }
        let level = Severity::from_str(level.trim()).map_err(|_| {
            Error::usage(format!(
                "unknown severity \"{}\" (expected one of: error, warning, info, off)",
                level.trim()
            ))
        })?;
        off.remove(&check);
        s.severities.insert(check, level);
    }
    s.inline_rate_tolerance = a.tolerance.inline_conversion;
    Ok((s, off))
}

/// Say on standard error which suppression comments name no known check (they
/// suppress nothing: never silently).
fn warn_unknown_suppressions(
    sources: &[crate::source::Source],
    err: &mut dyn Write,
) -> std::io::Result<()> {
    for s in sources {
        for x in &s.suppressions {
            for c in &x.checks {
                if c != "all" && CheckId::from_str(c).is_err() {
                    writeln!(
                        err,
                        "warning: {}:{}: figcheck-ignore names an unknown check \"{c}\"; it suppresses nothing for it",
                        s.path, x.line
                    )?;
                }
            }
            if x.checks.is_empty() {
                writeln!(
                    err,
                    "warning: {}:{}: figcheck-ignore names no check (write a check id or \"all\", then the reason)",
                    s.path, x.line
                )?;
            }
        }
    }
    Ok(())
}

/// Run `figcheck check`.
pub fn run(a: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<ExitStatus> {
    let mut rules = match super::extract::load_rules(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    // `[tolerance]` defaults for facts that do not set their own widths
    for fact in rules.facts.facts.values_mut() {
        if let (Some(t), false) = (a.tolerance.cross_source, fact.own_widths.0) {
            fact.tolerance = t;
        }
        if let (Some(w), false) = (a.tolerance.approx_width, fact.own_widths.1) {
            fact.approx_width = w;
        }
    }
    let (settings, off) = match settings(a) {
        Ok(s) => s,
        Err(e) => return super::report_errors(&e.into(), err),
    };
    let baseline = match a
        .baseline
        .as_deref()
        .map(crate::cli::baseline::read)
        .transpose()
    {
        Ok(b) => b,
        Err(e) => return super::report_errors(&e.into(), err),
    };
    let tables = match super::rates::load_tables(&a.rates) {
        Ok(t) => t,
        Err(e) => return super::report_errors(&e, err),
    };
    // ---- only-new (figcheck.toml / CI work) ----
    let only_new = match crate::cli::only_new::new_sources(&a.only_new) {
        Ok(n) => n,
        Err(e) => return super::report_errors(&e.into(), err),
    };
    // ---- end ----
    // --- sources and claims: from articles, or from claim files (--claims) ---
    let (sources, claims, errors) = if a.claims.is_empty() {
        let mut opts = match super::extract::load_options(&a.sources, &rules) {
            Ok(o) => o,
            Err(e) => return super::report_errors(&e.into(), err),
        };
        opts.paths.extend(a.only_new.new.iter().cloned()); // --new files are read too
        let (sources, errors) = load_sources(&opts);
        let progress = crate::cli::progress::Progress::new(sources.len(), a.run.quiet);
        let mentions = super::extract::extract_all(&rules, &sources, &progress);
        let mut claims = assign_claims(&rules, &sources, &mentions);
        // No ledger: facts are discovered across the sources themselves.
        if rules.facts.facts.is_empty() {
            let mut found = crate::facts::FactSet::default();
            crate::facts::discover::discover(
                &rules,
                &sources,
                &mut claims,
                &mut found,
                crate::facts::discover::DiscoverOptions::default(),
            );
            rules.facts.facts.extend(found.facts);
        }
        (sources, claims, errors)
    } else {
        match read_claim_files(&a.claims, &rules.facts) {
            Ok((sources, claims)) => (sources, claims, Vec::new()),
            Err(e) => return super::report_errors(&e, err),
        }
    };
    // --- end sources and claims ---
    // The reports have no place for a source's reading warnings (lossy decoding, an
    // unclosed front matter): they go to standard error, never dropped.
    super::report_warnings(&sources, err)?;
    if sources.is_empty() && !errors.is_empty() {
        // Nothing was read (a wrong path, an empty folder): no report, only why.
        return super::report_errors(&Errors(errors), err);
    }
    // Articles newer than the rate tables: say once what to run, not only per figure.
    if let Some(newest) = tables.newest_row() {
        let limit = newest
            .checked_add_days(chrono::Days::new(u64::from(tables.max_gap)))
            .unwrap_or(newest);
        let late = sources
            .iter()
            .filter(|s| s.date.is_some_and(|d| d > limit))
            .count();
        if late > 0 && !a.run.quiet {
            writeln!(
                err,
                "warning: {late} article(s) are dated after the newest rate row ({newest}): their conversions cannot be checked; run `figcheck rates update`"
            )?;
        }
    }
    let normalized = normalize_claims(&rules.facts, &tables, &claims);
    let input = CheckInput {
        rules: &rules,
        tables: &tables,
        sources: &sources,
        claims: &claims,
        normalized: &normalized,
    };
    let mut findings = run_all(&input, &settings);
    // Findings on discovered facts are warnings unless `--severity` says otherwise: the
    // value they are measured against is only what most sources say. A mismatch there
    // that no known slip explains is a note: a group found by subject, measure and year
    // can hold two facts (an earlier round, a share price beside a market value), and
    // a figure far from the others with no slip to show is more often the other fact
    // than an error.
    for f in &mut findings {
        let discovered = f
            .fact
            .as_ref()
            .and_then(|id| rules.facts.facts.get(id))
            .is_some_and(|x| x.discovered.is_some());
        if discovered && !settings.severities.contains_key(&f.check) {
            let unexplained = f.check == CheckId::CrossSourceMismatch
                && f.cause
                    .as_deref()
                    .is_none_or(|c| c.starts_with("no simple slip"));
            let cap = if unexplained {
                Severity::Info
            } else {
                Severity::Warning
            };
            f.severity = f.severity.min(cap);
        }
    }
    warn_unknown_suppressions(&sources, err)?;
    let (findings, dropped) = drop_accepted(findings, &off, baseline.as_ref(), &claims, &sources);
    if let Some(path) = &a.write_baseline {
        return match crate::cli::baseline::write(path, &findings, &claims, &sources) {
            Ok(n) => {
                writeln!(
                    err,
                    "wrote {n} finding(s) to {} as the baseline",
                    crate::error::display_path(path)
                )?;
                Ok(ExitStatus::Clean)
            }
            Err(e) => super::report_errors(&e.into(), err),
        };
    }
    let mut report = model::build(&rules.facts, &sources, &claims, &normalized, &findings);
    report.summary.suppressed = dropped.by_comment;
    report.summary.baselined = dropped.by_baseline;
    report.config = a.run.config_used.as_deref().map(crate::error::shown_path);
    // ---- only-new filter and colour (figcheck.toml / CI work) ----
    if let Some(new) = &only_new {
        crate::cli::only_new::keep_new(&mut report, new);
    }
    let format = a.format.unwrap_or_default();
    let color = matches!(format, CheckFormat::Human | CheckFormat::Concise)
        && crate::cli::color::stdout_color(a.run.color);
    let out = &mut crate::cli::color::Painter::new(out, color);
    // ---- end ----
    match format {
        CheckFormat::Human => human::write(&report, out, a.verbose)?,
        CheckFormat::Concise => concise::write(&report, out)?,
        CheckFormat::Json => json::write(&report, out)?,
        CheckFormat::Markdown => markdown::write(&report, out)?,
        CheckFormat::Github => github::write(&report, out)?,
        CheckFormat::Sarif => sarif::write(&report, out)?,
        CheckFormat::Jsonl => jsonl::write(&report, out)?,
        CheckFormat::Html => html::write(&report, out)?,
    }
    out.flush()?;
    if !errors.is_empty() {
        return super::report_errors(&Errors(errors), err);
    }
    let threshold = match a.fail_on.unwrap_or_default() {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
    Ok(if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
