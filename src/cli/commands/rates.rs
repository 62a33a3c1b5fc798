//! `figcheck rates import | show | info` (`rates update` is in `rates_update`), and the
//! loading of rate tables every command shares.

use super::report_errors;
use crate::cli::args::{RateArgs, RatesImportArgs, RatesInfoArgs, RatesShowArgs, SimpleFormat};
use crate::cli::ExitStatus;
use crate::error::display_path;
use crate::quantity::Currency;
use crate::rates::{
    bundled, data_dir, format, import as import_table, RateError, RateQuote, RateTables,
    UPDATE_HINT,
};
use crate::{Error, Errors};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// The largest gap in days between a date and its rate row, when nothing says.
pub(crate) const DEFAULT_MAX_GAP: u32 = crate::checker::DEFAULT_MAX_GAP;

/// `rates info` warns when the newest row is older than this many days.
pub(crate) const STALE_AFTER_DAYS: i64 = 7;

/// Load the tables a command's rate flags ask for: the bundled table, the data folder's
/// updated table (when installed), then the `--rates` folders.
pub(crate) fn load_tables(a: &RateArgs) -> Result<RateTables, Errors> {
    crate::checker::load_tables(
        &a.rates,
        !a.no_default_rates,
        updated_table(a).as_deref(),
        a.max_gap.unwrap_or(DEFAULT_MAX_GAP),
    )
}

/// Where the table `rates update` installs is read from, unless `--no-default-rates`.
pub(crate) fn updated_table(a: &RateArgs) -> Option<PathBuf> {
    if a.no_default_rates {
        return None;
    }
    data_dir::locate(a.data_dir.as_deref()).map(|d| d.table())
}

/// A `--date` value.
pub(super) fn parse_cli_date(s: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::usage(format!(
            "--date \"{s}\" is not a date (expected YYYY-MM-DD)"
        ))
    })
}

/// "1 row", "2 rows".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Run `figcheck rates import`.
pub fn import(
    a: &RatesImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    // A killed import leaves its temporary file beside the table: remove it first, as
    // `rates update` does.
    match crate::rates::update::remove_stale_temp_files(&a.into) {
        Ok(removed) => {
            for p in removed {
                writeln!(
                    out,
                    "removed a temporary file left by an interrupted import: {}",
                    display_path(&p)
                )?;
            }
        }
        Err(e) => return report_errors(&e.into(), err),
    }
    let s = match import_table(&a.file, &a.into) {
        Ok(s) => s,
        Err(e) => return report_errors(&e.into(), err),
    };
    let into = display_path(&a.into);
    writeln!(
        out,
        "imported {} from {} into {into}: {} added, {} replaced, {} unchanged",
        count(s.rows_read, "row", "rows"),
        display_path(&a.file),
        s.added,
        s.replaced,
        s.unchanged
    )?;
    if !s.new_currencies.is_empty() {
        let names: Vec<&str> = s.new_currencies.iter().map(Currency::as_str).collect();
        writeln!(out, "new currencies: {}", names.join(", "))?;
    }
    match (s.first_date, s.last_date) {
        (Some(first), Some(last)) => writeln!(
            out,
            "{into} now has {} from {first} to {last}, {}",
            count(s.total_rows, "row", "rows"),
            count(s.total_currencies, "currency", "currencies")
        )?,
        _ => writeln!(out, "{into} has no rows")?,
    }
    Ok(ExitStatus::Clean)
}

/// Run `figcheck rates show`.
pub fn show(
    a: &RatesShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let date = match parse_cli_date(&a.date) {
        Ok(d) => d,
        Err(e) => return report_errors(&e.into(), err),
    };
    let only = match a.currency.as_deref().map(str::parse::<Currency>) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => return report_errors(&Error::usage(e).into(), err),
    };
    let tables = match load_tables(&a.rates) {
        Ok(t) => t,
        Err(e) => return report_errors(&e, err),
    };
    let currencies: Vec<Currency> = match only {
        Some(c) => vec![c],
        None => tables
            .currencies()
            .into_iter()
            .filter(|c| *c != Currency::EUR)
            .collect(),
    };
    let rows: Vec<(Currency, Result<RateQuote, RateError>)> = currencies
        .iter()
        .map(|c| (*c, tables.quote(Currency::EUR, *c, date)))
        .collect();
    // One currency asked for, or none found at all: the misses are errors.
    if only.is_some() || rows.iter().all(|(_, r)| r.is_err()) {
        let errors: Vec<Error> = rows
            .iter()
            .filter_map(|(_, r)| r.as_ref().err().map(|e| e.clone().into()))
            .collect();
        if !errors.is_empty() {
            return report_errors(&Errors(errors), err);
        }
    }
    match a.format {
        SimpleFormat::Human => {
            writeln!(out, "rates on {date}, units per 1 EUR:")?;
            for (c, r) in &rows {
                match r {
                    Ok(q) => {
                        write!(
                            out,
                            "{c}  {:>12}  table \"{}\", row of {}",
                            format::rate(q.rate),
                            q.table,
                            q.rate_date
                        )?;
                        if q.rate_date != date {
                            write!(out, " (the latest on or before {date})")?;
                        }
                        writeln!(out)?;
                    }
                    Err(e) => writeln!(out, "{c}  {:>12}  {e}", "-")?,
                }
            }
        }
        SimpleFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(c, r)| match r {
                    Ok(q) => serde_json::json!({
                        "currency": c.as_str(),
                        "rate": q.rate.to_string(),
                        "rate_date": q.rate_date.to_string(),
                        "table": q.table,
                    }),
                    Err(e) => serde_json::json!({
                        "currency": c.as_str(),
                        "error": e.to_string(),
                    }),
                })
                .collect();
            let doc = serde_json::json!({"date": date.to_string(), "base": "EUR", "rates": items});
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
    }
    Ok(ExitStatus::Clean)
}

/// Run `figcheck rates info`.
pub fn info(
    a: &RatesInfoArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let today = match crate::cli::today::today() {
        Ok(d) => d,
        Err(e) => return report_errors(&e.into(), err),
    };
    let tables = match load_tables(&a.rates) {
        Ok(t) => t,
        Err(e) => return report_errors(&e, err),
    };
    let infos = tables.info();
    let updated = updated_table(&a.rates);
    let is_updated = |o: &Option<PathBuf>| o.is_some() && *o == updated;
    let installed = infos.iter().any(|t| is_updated(&t.origin));
    let origin = |o: &Option<PathBuf>| match o {
        Some(p) if is_updated(o) => {
            format!("{} (installed by `figcheck rates update`)", display_path(p))
        }
        Some(p) => display_path(p),
        None => format!("built in (from {})", bundled::PATH),
    };
    let newest = infos.iter().filter_map(|t| t.last_date).max();
    let age = newest.map(|d| (today - d).num_days());
    let stale = age.is_some_and(|n| n > STALE_AFTER_DAYS);
    let opt = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    match a.format {
        SimpleFormat::Human => {
            writeln!(
                out,
                "{}, highest priority first; maximum gap {} days",
                count(infos.len(), "rate table", "rate tables"),
                tables.max_gap()
            )?;
            for t in &infos {
                writeln!(out, "[{}] {}  {}", t.priority, t.name, origin(&t.origin))?;
                writeln!(
                    out,
                    "    {} from {} to {}",
                    count(t.rows, "row", "rows"),
                    opt(t.first_date),
                    opt(t.last_date)
                )?;
                let names: Vec<&str> = t.currencies.iter().map(Currency::as_str).collect();
                writeln!(
                    out,
                    "    {}: {}",
                    count(names.len(), "currency", "currencies"),
                    names.join(" ")
                )?;
                if t.pairs.iter().any(|p| !p.starts_with("EUR/")) {
                    writeln!(out, "    pairs: {}", t.pairs.join(" "))?;
                }
            }
            if let (Some(p), false) = (&updated, installed) {
                writeln!(
                    out,
                    "no updated table in {} yet: `figcheck rates update` downloads one",
                    display_path(p)
                )?;
            }
            if let (Some(d), Some(n)) = (newest, age) {
                writeln!(out, "newest row: {d} ({})", days_ago(n))?;
            }
        }
        SimpleFormat::Json => {
            let items: Vec<serde_json::Value> = infos
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "name": t.name,
                        "origin": t.origin.as_ref().map(|p| display_path(p)),
                        "bundled": t.origin.is_none(),
                        "installed_by_update": is_updated(&t.origin),
                        "priority": t.priority,
                        "first_date": t.first_date.map(|d| d.to_string()),
                        "last_date": t.last_date.map(|d| d.to_string()),
                        "rows": t.rows,
                        "currencies": t.currencies.iter().map(Currency::as_str).collect::<Vec<_>>(),
                        "pairs": t.pairs,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "max_gap_days": tables.max_gap(),
                "tables": items,
                "updated_table": updated.as_ref().map(|p| display_path(p)),
                "updated_table_installed": installed,
                "today": today.to_string(),
                "newest_row": newest.map(|d| d.to_string()),
                "newest_row_age_days": age,
                "stale": stale,
            });
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
    }
    if let (Some(d), Some(n), true) = (newest, age, stale) {
        write!(
            err,
            "warning: the newest rate row is from {d}, {}",
            days_ago(n)
        )?;
        if infos.iter().any(|t| t.name == bundled::NAME) {
            write!(err, "{UPDATE_HINT}")?;
        }
        writeln!(err)?;
    }
    Ok(ExitStatus::Clean)
}

/// "today", "1 day ago", "12 days ago", "3 days after today".
fn days_ago(n: i64) -> String {
    match n {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        n if n > 1 => format!("{n} days ago"),
        -1 => "1 day after today".to_string(),
        n => format!("{} days after today", n.unsigned_abs()),
    }
}
