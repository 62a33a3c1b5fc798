//! `figcheck convert AMOUNT FROM --to CUR[,CUR...] --date D`: an amount in other
//! currencies at a date, each with its rate, row date and table.

use super::rates::{load_tables, parse_cli_date};
use super::report_errors;
use crate::cli::args::{ConvertArgs, SimpleFormat};
use crate::cli::ExitStatus;
use crate::quantity::Currency;
use crate::rates::{format, parse_amount, Conversion};
use crate::{Error, Errors};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Run `figcheck convert`.
pub fn run(
    a: &ConvertArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let mut errors = Vec::new();
    let amount = parse_amount(&a.amount)
        .map_err(|e| errors.push(Error::usage(e.to_string())))
        .ok();
    let from = parse_currency(&a.from, &mut errors);
    let targets: Vec<Currency> =
        a.to.iter()
            .filter_map(|t| parse_currency(t, &mut errors))
            .collect();
    let date = parse_cli_date(&a.date).map_err(|e| errors.push(e)).ok();
    let (Some(amount), Some(from), Some(date), true) = (amount, from, date, errors.is_empty())
    else {
        return report_errors(&Errors(errors), err);
    };
    let tables = match load_tables(&a.rates) {
        Ok(t) => t,
        Err(e) => return report_errors(&e, err),
    };
    let mut results = Vec::new();
    for to in targets {
        match tables.convert(amount, from, to, date) {
            Ok(c) => results.push((to, c)),
            Err(e) => {
                // "XYZ" as the source fails once per target: say it once.
                let e: Error = e.into();
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
    }
    if !errors.is_empty() {
        return report_errors(&Errors(errors), err);
    }
    match a.format {
        SimpleFormat::Human => human(out, amount, from, date, &results)?,
        SimpleFormat::Json => json(out, amount, from, date, &results)?,
    }
    Ok(ExitStatus::Clean)
}

fn parse_currency(s: &str, errors: &mut Vec<Error>) -> Option<Currency> {
    s.parse()
        .map_err(|e: String| errors.push(Error::usage(e)))
        .ok()
}

fn human(
    out: &mut dyn Write,
    amount: Decimal,
    from: Currency,
    date: NaiveDate,
    results: &[(Currency, Conversion)],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {from} on {date}",
        format::grouped(amount.normalize(), amount.normalize().scale())
    )?;
    for (to, c) in results {
        let short = format::scaled(c.value).map_or(String::new(), |s| format!(" ({s})"));
        writeln!(
            out,
            "  = {} {to}{short}  at {} {to} per {from}, table \"{}\", row of {}",
            format::grouped(c.value, 2),
            format::rate(c.quote.rate),
            c.quote.table,
            c.quote.rate_date,
        )?;
        if c.quote.rate_date != date {
            writeln!(
                out,
                "    using the row of {}, the latest on or before {date}",
                c.quote.rate_date
            )?;
        }
    }
    Ok(())
}

fn json(
    out: &mut dyn Write,
    amount: Decimal,
    from: Currency,
    date: NaiveDate,
    results: &[(Currency, Conversion)],
) -> std::io::Result<()> {
    let results: Vec<serde_json::Value> = results
        .iter()
        .map(|(to, c)| {
            serde_json::json!({
                "currency": to.as_str(),
                "value": c.value.to_string(),
                "rate": c.quote.rate.to_string(),
                "rate_date": c.quote.rate_date.to_string(),
                "table": c.quote.table,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "amount": amount.normalize().to_string(),
        "from": from.as_str(),
        "date": date.to_string(),
        "results": results,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
