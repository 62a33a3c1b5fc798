//! `figcheck extract`: sources in, mentions out.

use crate::cli::args::{ExtractArgs, ExtractFormat, SourceArgs};
use crate::cli::ordered::ordered_streams;
use crate::cli::ExitStatus;
use crate::extract::{extract_mentions, for_each_mention, Mention};
use crate::quantity::format::plain;
use crate::quantity::Currency;
use crate::rates::normalize::convert_quantity;
use crate::rates::RateTables;
use crate::report::mentions::Reporting;
use crate::report::mentions::{self, Extraction, MentionRow, SourceRow};
use crate::rules::RuleSet;
use crate::source::{load_sources, parse_date_flag, plan_sources, LoadOptions, Source};
use crate::{Error, Errors};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::io::Write;
use std::str::FromStr;

/// Resolve the source flags into load options for the languages the rules know.
pub(crate) fn load_options(a: &SourceArgs, rules: &RuleSet) -> Result<LoadOptions, Error> {
    let date = a.date.as_deref().map(parse_date_flag).transpose()?;
    let mut paths = a.paths.clone();
    if paths.is_empty() {
        return Err(Error::usage(
            "no articles given: name files or folders, or - for standard input",
        ));
    }
    paths.dedup();
    Ok(LoadOptions {
        paths,
        lang: a.lang.clone(),
        manifest: a.manifest.clone(),
        date,
        lossy: a.lossy,
        include: a.include.clone(),
        exclude: a.exclude.clone(),
        known_langs: rules.languages(),
        default_lang: if rules.languages().iter().any(|l| l == "en") {
            "en".to_string()
        } else {
            rules
                .languages()
                .first()
                .cloned()
                .unwrap_or_else(|| "en".to_string())
        },
    })
}

/// Load rules, then sources; the first error list stops the run (exit 2).
/// The ledger is compiled too, though `extract` does not read it: a broken pack is an
/// error whatever the command.
pub(crate) fn load_rules(a: &crate::cli::args::RuleArgs) -> Result<RuleSet, Errors> {
    load_rules_and_facts(a).map(|(rules, _)| rules)
}

/// The rule packs of `--rules`/`--no-default-rules` and their ledger.
pub(crate) fn load_rules_and_facts(
    a: &crate::cli::args::RuleArgs,
) -> Result<(RuleSet, crate::facts::FactSet), Errors> {
    crate::checker::load_rules_and_facts(&a.rules, !a.no_default_rules)
}

/// Extract the mentions of every source in parallel; order is kept.
pub(crate) fn extract_all(
    rules: &RuleSet,
    sources: &[Source],
    progress: &crate::cli::progress::Progress,
) -> Vec<Vec<crate::extract::Mention>> {
    let all = sources
        .par_iter()
        .map(|s| {
            let m = extract_mentions(rules, s);
            progress.inc();
            m
        })
        .collect();
    progress.finish();
    all
}

/// A money mention in the reporting currency at its source's date, or why not.
fn reporting(tables: &RateTables, s: &Source, m: &Mention, to: Currency) -> Option<Reporting> {
    let from = m.quantity.unit.currency()?;
    let mut r = Reporting {
        currency: to,
        value: None,
        low: None,
        high: None,
        rate: None,
        rate_date: None,
        table: None,
        error: None,
    };
    let Some(date) = s.date else {
        r.error = Some("the source is undated: no rate date to convert at".into());
        return Some(r);
    };
    let round = |d: Decimal| plain(d.round_dp(2));
    match convert_quantity(tables, &m.quantity, from, to, date) {
        Ok(c) => {
            r.value = c.value.map(round);
            r.low = c.low.map(round);
            r.high = c.high.map(round);
            r.rate = Some(plain(c.quote.rate));
            r.rate_date = Some(crate::source::date::iso_date(c.quote.rate_date));
            r.table = Some(c.quote.table);
        }
        Err(e) => r.error = Some(e.to_string().into()),
    }
    Some(r)
}

/// Run `figcheck extract`.
pub fn run(
    a: &ExtractArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let rules = match load_rules(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let opts = match load_options(&a.sources, &rules) {
        Ok(o) => o,
        Err(e) => return super::report_errors(&e.into(), err),
    };
    let reporting_currency = match Currency::from_str(a.currency.as_deref().unwrap_or("USD")) {
        Ok(c) => c,
        Err(msg) => {
            return super::report_errors(&Error::usage(format!("--currency: {msg}")).into(), err)
        }
    };
    let tables = match super::rates::load_tables(&a.rates) {
        Ok(t) => t,
        Err(e) => return super::report_errors(&e, err),
    };
    // A reporting currency no table has would leave every row unconverted: refuse it
    // up front, as `convert --to` does.
    if !tables.currencies().contains(&reporting_currency) {
        let msg = format!(
            "--currency {reporting_currency}: no loaded rate table has {reporting_currency} \
             (add a table with --rates DIR)"
        );
        return super::report_errors(&Error::rate(msg).into(), err);
    }
    let format = a.format.unwrap_or_default();
    if format == ExtractFormat::Jsonl {
        return stream_jsonl(a, &rules, &tables, reporting_currency, &opts, out, err);
    }
    let (sources, errors) = load_sources(&opts);
    if sources.is_empty() && !errors.is_empty() {
        // Nothing was read (a wrong path, an empty folder): no report, only why.
        return super::report_errors(&Errors(errors), err);
    }
    let progress = crate::cli::progress::Progress::new(sources.len(), a.run.quiet);
    let all = extract_all(&rules, &sources, &progress);
    let mut x = Extraction {
        sources: Vec::new(),
        mentions: Vec::new(),
        errors: errors.iter().map(ToString::to_string).collect(),
    };
    for (s, ms) in sources.iter().zip(&all) {
        let mut row = SourceRow::new(s, ms.len());
        if rules.matcher(&s.lang).is_none() {
            row.not_read = Some(format!(
                "{}: no rules for this language, not checked (rules exist for: {}; --lang, front matter or manifest choose the language)",
                s.lang,
                rules.languages().join(", ")
            ));
        }
        x.sources.push(row);
        for m in ms {
            let reporting = reporting(&tables, s, m, reporting_currency);
            x.mentions.push(MentionRow::new(s, m, reporting));
        }
    }
    let color = format == ExtractFormat::Table && crate::cli::color::stdout_color(a.run.color);
    let out = &mut crate::cli::color::Painter::new(out, color);
    match format {
        ExtractFormat::Table => mentions::write_table(&x, out)?,
        ExtractFormat::Json => mentions::write_json(&x, out)?,
        ExtractFormat::Jsonl => mentions::write_jsonl(&x, out)?,
    }
    out.flush()?;
    crate::cli::dispose(x);
    crate::cli::dispose((rules, tables, sources, all));
    if errors.is_empty() {
        Ok(ExitStatus::Clean)
    } else {
        super::report_errors(&Errors(errors), err)
    }
}

/// What a worker of `extract --format jsonl` says of one source, in order.
enum JsonlMsg {
    /// The source is read: what its rows need of it (path, date, warnings).
    Start(Box<Source>),
    /// Its next mentions, in text order.
    Mentions(Vec<Mention>),
    /// It could not be read.
    Failed(Error),
}

/// Mentions sent to the writer at a time.
const JSONL_BATCH: usize = 256;

/// `extract --format jsonl`: sources are read and extracted in parallel (a few ahead at
/// most), and written in path order; each source's rows are written as soon as every
/// source before it is written, as its mentions are found, in batches. So output starts
/// at once, and memory holds a few batches of mentions, not a source's or the run's
/// rows, however large the input. Reading warnings go to standard error as each source
/// starts; errors (unreadable files) at the end, as for the other formats.
fn stream_jsonl(
    a: &ExtractArgs,
    rules: &RuleSet,
    tables: &RateTables,
    to: Currency,
    opts: &LoadOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let (plan, mut errors) = plan_sources(opts);
    let progress = crate::cli::progress::Progress::new(plan.len(), a.run.quiet);
    let threads = rayon::current_num_threads();
    let work = |i: usize, emit: &mut dyn FnMut(JsonlMsg) -> bool| {
        match plan.load(i, &mut std::io::stdin()) {
            Some(Ok(source)) => jsonl_source(rules, &source, emit),
            Some(Err(e)) => {
                emit(JsonlMsg::Failed(e));
            }
            None => {}
        }
        progress.inc();
    };
    let mut load_errors = Vec::new();
    let mut current: Option<Source> = None;
    let mut buf = Vec::new();
    ordered_streams(plan.len(), threads, threads * 2, 8, work, |_, msg| {
        match msg {
            JsonlMsg::Start(s) => {
                for w in &s.warnings {
                    writeln!(err, "warning: {}: {w}", s.path)?;
                }
                current = Some(*s);
            }
            JsonlMsg::Mentions(ms) => {
                if let Some(s) = &current {
                    // Serialised into a buffer, written at once (many small writes
                    // through the output cost more than the serialising).
                    buf.clear();
                    for m in &ms {
                        let row = MentionRow::new(s, m, reporting(tables, s, m, to));
                        serde_json::to_writer(&mut buf, &row).map_err(std::io::Error::other)?;
                        buf.push(b'\n');
                    }
                    out.write_all(&buf)?;
                    out.flush()?;
                }
            }
            JsonlMsg::Failed(e) => load_errors.push(e),
        }
        Ok::<(), std::io::Error>(())
    })?;
    progress.finish();
    errors.extend(load_errors);
    if errors.is_empty() {
        Ok(ExitStatus::Clean)
    } else {
        super::report_errors(&Errors(errors), err)
    }
}

/// Extract one source for [`stream_jsonl`]: what its rows need of it first, then its
/// mentions in batches, as they are found.
fn jsonl_source(rules: &RuleSet, source: &Source, emit: &mut dyn FnMut(JsonlMsg) -> bool) {
    let mut meta = Source::from_text(source.path.clone(), String::new(), &source.lang);
    meta.date = source.date;
    meta.date_origin = source.date_origin.clone();
    meta.warnings.clone_from(&source.warnings);
    if !emit(JsonlMsg::Start(Box::new(meta))) {
        return;
    }
    let mut batch = Vec::with_capacity(JSONL_BATCH);
    let mut listening = true;
    for_each_mention(rules, source, |m| {
        if !listening {
            return;
        }
        batch.push(m);
        if batch.len() >= JSONL_BATCH {
            listening = emit(JsonlMsg::Mentions(std::mem::take(&mut batch)));
        }
    });
    if listening && !batch.is_empty() {
        emit(JsonlMsg::Mentions(batch));
    }
}
