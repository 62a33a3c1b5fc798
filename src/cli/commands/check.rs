//! `figcheck check`: the whole pipeline, sources to report.

use crate::check::{CheckId, Severity};
use crate::checker::Checker;
use crate::cli::args::{CheckArgs, CheckFormat, FailOn};
use crate::cli::ExitStatus;
use crate::report::{concise, github, html, human, json, jsonl, markdown, sarif};
use crate::source::load_sources;
use crate::Errors;
use std::io::Write;
use std::str::FromStr;

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
    let (rules, facts) = match super::extract::load_rules_and_facts(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let config = match crate::cli::configured::check_config(a) {
        Ok(c) => c,
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
    let checker = Checker::from_parts(rules, facts, tables, config);
    // ---- only-new (figcheck.toml / CI work) ----
    let only_new = match crate::cli::only_new::new_sources(&a.only_new) {
        Ok(n) => n,
        Err(e) => return super::report_errors(&e.into(), err),
    };
    // ---- end ----
    // --- sources and claims: from articles, or from claim files (--claims) ---
    let (claims, errors) = if a.claims.is_empty() {
        let mut opts = match super::extract::load_options(&a.sources, checker.rules()) {
            Ok(o) => o,
            Err(e) => return super::report_errors(&e.into(), err),
        };
        opts.paths.extend(a.only_new.new.iter().cloned()); // --new files are read too
        let (sources, errors) = load_sources(&opts);
        let progress = crate::cli::progress::Progress::new(sources.len(), a.run.quiet);
        let mentions = checker.extract_all(&sources, &|| progress.inc());
        progress.finish();
        (checker.claims(sources, &mentions), errors)
    } else {
        match checker.read_claim_files(&a.claims) {
            Ok(c) => (c, Vec::new()),
            Err(e) => return super::report_errors(&e, err),
        }
    };
    // --- end sources and claims ---
    // The reports have no place for a source's reading warnings (lossy decoding, an
    // unclosed front matter): they go to standard error, never dropped.
    super::report_warnings(&claims.sources, err)?;
    if claims.sources.is_empty() && !errors.is_empty() {
        // Nothing was read (a wrong path, an empty folder): no report, only why.
        return super::report_errors(&Errors(errors), err);
    }
    // Articles newer than the rate tables: say once what to run, not only per figure.
    let tables = checker.tables();
    if let Some(newest) = tables.newest_row() {
        let limit = newest
            .checked_add_days(chrono::Days::new(u64::from(tables.max_gap)))
            .unwrap_or(newest);
        let late = claims
            .sources
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
    warn_unknown_suppressions(&claims.sources, err)?;
    let checked = checker.check_claims(claims, baseline.as_ref());
    if let Some(path) = &a.write_baseline {
        return match crate::cli::baseline::write(
            path,
            &checked.findings,
            &checked.claims,
            &checked.sources,
        ) {
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
    let mut report = checker.report(&checked);
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
    crate::cli::dispose((checker, checked, report));
    Ok(if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
