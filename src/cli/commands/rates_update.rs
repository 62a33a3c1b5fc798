//! `figcheck rates update [--url URL | --file ZIP_OR_CSV] [--force]`: fetch the ECB
//! history, check every row, and install it atomically as the data folder's `ecb.csv`,
//! which every command then reads in front of the built-in table. Any failure leaves the
//! installed table as it was and exits 2.
//!
//! Steps, each in its own module: where (`rates::data_dir`), stale temporary files
//! (`rates::update::remove_stale_temp_files`), fetch (`rates::download` or the file),
//! unpack (`rates::unzip`), read and check (`rates::ecb::parse`), install
//! (`rates::update::install`).

use super::report_errors;
use crate::cli::args::RatesUpdateArgs;
use crate::cli::config;
use crate::cli::ExitStatus;
use crate::error::display_path;
use crate::rates::update::{remove_stale_temp_files, Coverage, Previous};
use crate::rates::{data_dir, download, ecb, install, unzip, InstallSummary};
use crate::Error;
use std::io::Write;
use std::path::Path;

/// Run `figcheck rates update`.
pub fn run(
    a: &RatesUpdateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let config = match config::discovered() {
        Ok(c) => c,
        Err(e) => return report_errors(&e.into(), err),
    };
    let Some(dir) = data_dir::locate(config.as_ref().and_then(|c| c.data_dir()).as_deref()) else {
        let e = Error::usage(format!(
            "no data folder to install the rates into: set {} or data-dir in figcheck.toml",
            data_dir::ENV
        ));
        return report_errors(&e.into(), err);
    };
    let into = dir.table();
    match remove_stale_temp_files(&into) {
        Ok(removed) => {
            for p in removed {
                writeln!(
                    out,
                    "removed a temporary file left by an interrupted update: {}",
                    display_path(&p)
                )?;
            }
        }
        Err(e) => return report_errors(&e.into(), err),
    }
    let url = a
        .url
        .clone()
        .or_else(|| config.as_ref().and_then(config::Config::rates_url))
        .unwrap_or_else(|| download::DEFAULT_URL.to_string());
    match fetch_and_install(a, &url, &into) {
        Ok((fetched, summary)) => {
            writeln!(out, "{fetched}")?;
            print_summary(out, &summary, &into)?;
            Ok(ExitStatus::Clean)
        }
        Err(e) => {
            let status = report_errors(&e.into(), err)?;
            if into.exists() {
                writeln!(
                    err,
                    "nothing installed: {} is unchanged",
                    display_path(&into)
                )?;
            } else {
                writeln!(err, "nothing installed")?;
            }
            Ok(status)
        }
    }
}

/// Fetch (or read), unpack, check and install; returns a line saying what was fetched.
fn fetch_and_install(
    a: &RatesUpdateArgs,
    url: &str,
    into: &Path,
) -> Result<(String, InstallSummary), Error> {
    let (origin, bytes, fetched) = match &a.file {
        Some(file) => {
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, &e))?;
            let origin = display_path(file);
            let line = format!("read {} from {origin}", bytes_text(bytes.len()));
            (origin, bytes, line)
        }
        None => {
            let bytes = download::fetch(url)?;
            let line = format!("downloaded {} from {url}", bytes_text(bytes.len()));
            (url.to_string(), bytes, line)
        }
    };
    let csv = unzip::csv_text(&bytes, &origin)?;
    let data = match (&csv.entry, &a.file) {
        // A CSV file on disk: its own path, line and column.
        (None, Some(file)) => ecb::parse(&csv.text, file)?,
        // Inside an archive or downloaded: the entry (or URL's last segment), then where
        // it came from.
        (entry, _) => {
            let name = entry
                .clone()
                .unwrap_or_else(|| origin.rsplit('/').next().unwrap_or("").to_string());
            ecb::parse(&csv.text, Path::new(&name))
                .map_err(|e| Error::rate(format!("{origin}: {e}")))?
        }
    };
    let summary = install(data, &origin, into, a.force)?;
    Ok((fetched, summary))
}

fn print_summary(out: &mut dyn Write, s: &InstallSummary, into: &Path) -> std::io::Result<()> {
    writeln!(
        out,
        "updated rates: {}, {}, {} {}, into {}",
        rows(s.coverage.rows),
        range(&s.coverage),
        s.currencies,
        if s.currencies == 1 {
            "currency"
        } else {
            "currencies"
        },
        display_path(into)
    )?;
    let new = format!(
        "{} new {}",
        s.new_rows,
        if s.new_rows == 1 { "row" } else { "rows" }
    );
    match &s.previous {
        Previous::Installed(c) => writeln!(
            out,
            "{new} compared with the table installed before ({}, {})",
            rows(c.rows),
            range(c)
        ),
        Previous::BuiltIn(c) => writeln!(
            out,
            "{new} compared with the built-in table ({}, {})",
            rows(c.rows),
            range(c)
        ),
        Previous::Unreadable(e, c) => {
            writeln!(out, "replaced an unreadable table: {e}")?;
            writeln!(
                out,
                "{new} compared with the built-in table ({}, {})",
                rows(c.rows),
                range(c)
            )
        }
    }
}

fn rows(n: usize) -> String {
    format!("{n} {}", if n == 1 { "row" } else { "rows" })
}

fn bytes_text(n: usize) -> String {
    format!("{n} {}", if n == 1 { "byte" } else { "bytes" })
}

/// "1999-01-04..2026-11-27".
fn range(c: &Coverage) -> String {
    let d = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    format!("{}..{}", d(c.first_date), d(c.last_date))
}
