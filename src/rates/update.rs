//! `rates import`: merge an ECB download (the full history or the daily one-row file)
//! into a wide table file, atomically.
//!
//! Merge rule: the union of the currency columns (existing ones keep their order, new
//! ones are appended in the imported file's order); an imported row whose date is
//! already in the table replaces the cells of the currencies the imported file has, and
//! keeps the others; a new date is added, "N/A" for currencies the imported file lacks.
//! Both files are fully read and checked before anything is written; the new table is
//! written to a temporary file in the same folder, synced, then renamed over the old
//! one, so an interrupted import leaves the old table whole.

use super::ecb::{self, EcbData};
use crate::error::{Error, ErrorKind, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

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
    let prefix = format!(
        ".{}.",
        path.file_name()
            .map_or_else(|| "table".into(), |n| n.to_string_lossy())
    );
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
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
