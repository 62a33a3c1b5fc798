//! `rates import`: merge an ECB download (the full history or the daily one-row file)
//! into a wide table file, atomically; `rates update`: install a downloaded history as
//! the data folder's table ([`install`]), atomically too, after removing the temporary
//! files a killed run left ([`remove_stale_temp_files`]).
//!
//! Merge rule: the union of the currency columns (existing ones keep their order, new
//! ones are appended in the imported file's order); an imported row whose date is
//! already in the table replaces the cells of the currencies the imported file has, and
//! keeps the others; a new date is added, "N/A" for currencies the imported file lacks.
//! Both files are fully read and checked before anything is written; the new table is
//! written to a temporary file in the same folder, synced, then renamed over the old
//! one, so an interrupted import leaves the old table whole.

use super::bundled;
use super::ecb::{self, EcbData};
use crate::error::{Error, ErrorKind, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Rows in the imported file.
    pub rows_read: usize,
    /// Dates that were not in the table.
    pub added: usize,
    /// Dates whose cells changed.
    pub replaced: usize,
    /// Dates already in the table with the same cells.
    pub unchanged: usize,
    /// Currency columns the table did not have.
    pub new_currencies: Vec<Currency>,
    /// Rows in the table after the import.
    pub total_rows: usize,
    /// Currency columns in the table after the import.
    pub total_currencies: usize,
    /// The table's first date after the import.
    pub first_date: Option<NaiveDate>,
    /// The table's last date after the import.
    pub last_date: Option<NaiveDate>,
}

/// Merge `incoming` into `table` (see the module doc for the rule).
pub fn merge(table: &mut EcbData, incoming: EcbData) -> ImportSummary {
    let mut summary = ImportSummary {
        rows_read: incoming.rows.len(),
        ..ImportSummary::default()
    };
    for c in &incoming.currencies {
        if !table.currencies.contains(c) {
            table.currencies.push(*c);
            summary.new_currencies.push(*c);
        }
    }
    let width = table.currencies.len();
    for row in table.rows.values_mut() {
        row.resize(width, None);
    }
    let columns: Vec<usize> = incoming
        .currencies
        .iter()
        .filter_map(|c| table.currencies.iter().position(|t| t == c))
        .collect();
    for (date, values) in incoming.rows {
        let existed = table.rows.contains_key(&date);
        let row = table.rows.entry(date).or_insert_with(|| vec![None; width]);
        let before = row.clone();
        for (col, v) in columns.iter().zip(values) {
            if let Some(cell) = row.get_mut(*col) {
                *cell = v;
            }
        }
        if !existed {
            summary.added += 1;
        } else if *row == before {
            summary.unchanged += 1;
        } else {
            summary.replaced += 1;
        }
    }
    summary.total_rows = table.rows.len();
    summary.total_currencies = width;
    summary.first_date = table.rows.keys().next().copied();
    summary.last_date = table.rows.keys().next_back().copied();
    summary
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .at(Location::file(path))
    })
}

/// Import `file` into the table at `into` (created when missing) and write it back
/// atomically. Nothing is written when either file has an error.
pub fn import(file: &Path, into: &Path) -> Result<ImportSummary, Error> {
    let incoming = ecb::parse(&read_text(file)?, file)?;
    let mut table = if into.exists() {
        ecb::parse(&read_text(into)?, into)?
    } else {
        EcbData::default()
    };
    let summary = merge(&mut table, incoming);
    write_atomically(into, table.to_csv().as_bytes())?;
    Ok(summary)
}

/// Write `bytes` to `path` through a temporary file in the same folder, synced, then
/// renamed over `path`; on any error the temporary file is removed and `path` untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, &e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(tmp.path(), &e))?;
    tmp.flush().map_err(|e| Error::io(tmp.path(), &e))?;
    // Keep the old table's permissions; a new table gets the usual 0644 (the temporary
    // file is created 0600).
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file()
            .set_permissions(p)
            .map_err(|e| Error::io(tmp.path(), &e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), &e))?;
    tmp.persist(path).map_err(|e| Error::io(path, &e.error))?;
    // Make the rename itself durable where the platform allows it (best effort).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The name prefix of the temporary files [`write_atomically`] makes beside `path`
/// (`.ecb.csv.tmp-` then random characters), so that leftovers of a killed run can be
/// found and removed.
pub fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.tmp-",
        path.file_name()
            .map_or_else(|| "table".into(), |n| n.to_string_lossy())
    )
}

/// Remove the temporary files a killed write of `path` left beside it; returns them,
/// sorted. A missing folder has none.
pub fn remove_stale_temp_files(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, &e)),
    };
    let prefix = temp_prefix(path);
    let mut removed = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, &e))?;
        let is_ours = entry.file_name().to_string_lossy().starts_with(&prefix);
        if is_ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let p = entry.path();
            std::fs::remove_file(&p).map_err(|e| Error::io(&p, &e))?;
            removed.push(p);
        }
    }
    removed.sort();
    Ok(removed)
}

/// Rows and date range of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Number of row dates.
    pub rows: usize,
    /// The first row's date.
    pub first_date: Option<NaiveDate>,
    /// The last row's date.
    pub last_date: Option<NaiveDate>,
}

impl Coverage {
    fn of(data: &EcbData) -> Coverage {
        Coverage {
            rows: data.rows.len(),
            first_date: data.rows.keys().next().copied(),
            last_date: data.rows.keys().next_back().copied(),
        }
    }
}

/// What an installed table is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Previous {
    /// The table installed before, now replaced.
    Installed(Coverage),
    /// No table was installed: the built-in one.
    BuiltIn(Coverage),
    /// The installed table could not be read (the error); it is replaced, and the new
    /// one compared with the built-in table.
    Unreadable(Error, Coverage),
}

/// What [`install`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallSummary {
    /// The installed table's rows and dates.
    pub coverage: Coverage,
    /// Its currency columns.
    pub currencies: usize,
    /// Its dates that the table compared with did not have.
    pub new_rows: usize,
    /// The table compared with.
    pub previous: Previous,
}

/// Install `incoming` (an ECB history read from `origin`, a URL or path for messages)
/// as the table at `into`, replacing it atomically; the folder is created if needed.
///
/// Refused, leaving `into` untouched: a table with no row; unless `force`, a table with
/// fewer rows or an earlier last date than the installed one (a truncated or stale
/// download). An installed table that cannot be read is replaced.
pub fn install(
    incoming: EcbData,
    origin: &str,
    into: &Path,
    force: bool,
) -> Result<InstallSummary, Error> {
    let coverage = Coverage::of(&incoming);
    let (Some(_), Some(last)) = (coverage.first_date, coverage.last_date) else {
        return Err(Error::rate(format!(
            "{origin} has a header but no rows: not an ECB history"
        )));
    };
    let built_in = || ecb::parse(bundled::TEXT, Path::new(bundled::PATH)).unwrap_or_default();
    let (previous, baseline) = if into.exists() {
        match read_text(into).and_then(|t| ecb::parse(&t, into)) {
            Ok(old) => (Previous::Installed(Coverage::of(&old)), old),
            Err(e) => {
                let b = built_in();
                (Previous::Unreadable(e, Coverage::of(&b)), b)
            }
        }
    } else {
        let b = built_in();
        (Previous::BuiltIn(Coverage::of(&b)), b)
    };
    if let (Previous::Installed(old), false) = (&previous, force) {
        let shorter = coverage.rows < old.rows;
        let older = old.last_date.is_some_and(|d| last < d);
        if shorter || older {
            return Err(Error::rate(format!(
                "{origin} has {} up to {last}, the installed table {} has {} up to {}: \
                 a shorter or older history is not installed (--force installs it anyway)",
                rows(coverage.rows),
                crate::error::display_path(into),
                rows(old.rows),
                old.last_date
                    .map_or_else(|| "-".to_string(), |d| d.to_string()),
            )));
        }
    }
    let new_rows = incoming
        .rows
        .keys()
        .filter(|d| !baseline.rows.contains_key(d))
        .count();
    let currencies = incoming.currencies.len();
    if let Some(dir) = into.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    }
    write_atomically(into, incoming.to_csv().as_bytes())?;
    Ok(InstallSummary {
        coverage,
        currencies,
        new_rows,
        previous,
    })
}

fn rows(n: usize) -> String {
    format!("{n} {}", if n == 1 { "row" } else { "rows" })
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_replaces_same_date_and_unions_currencies() {
        let p = Path::new("t.csv");
        let mut t =
            ecb::parse("Date,USD,JPY\n2025-01-02,1.1,150\n2025-01-03,1.2,151\n", p).unwrap();
        let new = ecb::parse(
            "Date,USD,CNY\n2025-01-03,1.25,7.5\n2025-01-06,1.3,7.6\n2025-01-02,1.1,N/A\n",
            p,
        )
        .unwrap();
        let s = merge(&mut t, new);
        assert_eq!((s.added, s.replaced, s.unchanged), (1, 1, 1));
        assert_eq!(s.new_currencies, vec!["CNY".parse().unwrap()]);
        assert_eq!(
            t.to_csv(),
            "Date,USD,JPY,CNY\n2025-01-02,1.1,150,N/A\n2025-01-03,1.25,151,7.5\n2025-01-06,1.3,N/A,7.6\n"
        );
    }
}
