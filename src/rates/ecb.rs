//! The ECB "wide" CSV: a header `Date,USD,JPY,...` then one row per business day, units
//! of each currency per 1 EUR, "N/A" where absent. Reads both ECB downloads, the full
//! history (`eurofxref-hist.csv`, newest row first, trailing empty column) and the daily
//! one-row file (`eurofxref.csv`, header with spaces, date like "30 October 2026"), and
//! the bundled table (`rates/ecb.csv`, oldest row first). Writes the bundled form.

use super::cell::{parse_date, parse_rate, NOT_AVAILABLE};
use super::table::{RateTable, Series};
use crate::error::{Error, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A wide table in memory: currencies in column order, rows sorted by date (oldest
/// first), each row with one cell per currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcbData {
    /// The currency columns, in file order.
    pub currencies: Vec<Currency>,
    /// The rows by date; each has `currencies.len()` cells.
    pub rows: BTreeMap<NaiveDate, Vec<Option<Decimal>>>,
}

/// Cells of one line with the byte offset where each starts, trimmed, with the trailing
/// empty cell of ECB files dropped.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in line.split(',') {
        let lead = part.len() - part.trim_start().len();
        out.push((start + lead, part.trim()));
        start += part.len() + 1;
    }
    if out.len() > 1 && matches!(out.last(), Some((_, ""))) {
        out.pop();
    }
    out
}

fn error_at(path: &Path, line_no: usize, line: &str, offset: usize, msg: String) -> Error {
    let column = line.get(..offset).map_or(0, |s| s.chars().count()) + 1;
    Error::rate(msg).at(Location {
        path: path.to_path_buf(),
        line: line_no,
        column,
    })
}

/// Whether `text` starts like an ECB wide table (its first cell is "Date").
pub fn looks_like_ecb(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    first
        .split(',')
        .next()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("date"))
        && !first.to_ascii_lowercase().contains("base")
}

/// Read a wide table; `path` is used for error locations only. Every row is checked:
/// the date, the number of cells, each rate (a positive decimal or "N/A"), and that no
/// date appears twice.
pub fn parse(text: &str, path: &Path) -> Result<EcbData, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(
            Error::rate("empty file: expected a header line \"Date,USD,JPY,...\"")
                .at(Location::file(path)),
        );
    };
    let header_cells = cells(header);
    let mut currencies = Vec::with_capacity(header_cells.len());
    for (i, (offset, cell)) in header_cells.iter().enumerate() {
        if i == 0 {
            if !cell.eq_ignore_ascii_case("date") {
                return Err(error_at(
                    path,
                    1,
                    header,
                    *offset,
                    format!("the first column must be \"Date\", found \"{cell}\""),
                ));
            }
            continue;
        }
        let cur: Currency = cell
            .parse()
            .map_err(|e: String| error_at(path, 1, header, *offset, e))?;
        if cur == Currency::EUR {
            return Err(error_at(
                path,
                1,
                header,
                *offset,
                "EUR cannot be a column: rates are units per 1 EUR".to_string(),
            ));
        }
        if currencies.contains(&cur) {
            return Err(error_at(
                path,
                1,
                header,
                *offset,
                format!("{cur} appears twice"),
            ));
        }
        currencies.push(cur);
    }
    let mut rows = BTreeMap::new();
    for (idx, line) in lines {
        let line_no = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let row_cells = cells(line);
        if row_cells.len() != currencies.len() + 1 {
            return Err(error_at(
                path,
                line_no,
                line,
                0,
                format!(
                    "{} cells, the header has {} (Date and {} currencies)",
                    row_cells.len(),
                    currencies.len() + 1,
                    currencies.len()
                ),
            ));
        }
        let mut it = row_cells.iter();
        let Some((date_offset, date_cell)) = it.next() else {
            continue;
        };
        let date =
            parse_date(date_cell).map_err(|e| error_at(path, line_no, line, *date_offset, e))?;
        let mut values = Vec::with_capacity(currencies.len());
        for ((offset, cell), cur) in it.zip(&currencies) {
            let v = parse_rate(cell)
                .map_err(|e| error_at(path, line_no, line, *offset, format!("{cur}: {e}")))?;
            values.push(v);
        }
        if rows.insert(date, values).is_some() {
            return Err(error_at(
                path,
                line_no,
                line,
                *date_offset,
                format!("{date} appears twice"),
            ));
        }
    }
    Ok(EcbData { currencies, rows })
}

impl EcbData {
    /// The table as series (EUR, X), one per currency column.
    pub fn into_table(self, name: &str, origin: Option<PathBuf>) -> RateTable {
        let dates: Vec<NaiveDate> = self.rows.keys().copied().collect();
        let mut columns: Vec<Vec<Option<Decimal>>> = self
            .currencies
            .iter()
            .map(|_| Vec::with_capacity(dates.len()))
            .collect();
        for values in self.rows.values() {
            for (col, v) in columns.iter_mut().zip(values) {
                col.push(*v);
            }
        }
        let series = self
            .currencies
            .iter()
            .zip(columns)
            .map(|(cur, col)| {
                (
                    (Currency::EUR, *cur),
                    Series::from_parts(dates.clone(), col),
                )
            })
            .collect();
        RateTable {
            name: name.to_string(),
            origin,
            series,
            rows: dates.len(),
        }
    }

    /// The text of the table in the bundled form: header `Date,USD,...`, rows oldest
    /// first, dates as YYYY-MM-DD, rates exactly as read, "N/A" where absent.
    pub fn to_csv(&self) -> String {
        let mut s = String::with_capacity(self.rows.len() * (12 + 9 * self.currencies.len()));
        s.push_str("Date");
        for c in &self.currencies {
            s.push(',');
            s.push_str(c.as_str());
        }
        s.push('\n');
        for (date, values) in &self.rows {
            let _ = write!(s, "{date}");
            for v in values {
                s.push(',');
                match v {
                    Some(v) => {
                        let _ = write!(s, "{v}");
                    }
                    None => s.push_str(NOT_AVAILABLE),
                }
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_history_and_daily_forms() {
        let hist = "Date,USD,JPY,\n2025-02-25,1.05,N/A,\n2025-02-24,1.0465,157.92,\n";
        let t = parse(hist, Path::new("h.csv")).unwrap();
        assert_eq!(
            t.currencies,
            vec!["USD".parse().unwrap(), "JPY".parse().unwrap()]
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.to_csv(),
            "Date,USD,JPY\n2025-02-24,1.0465,157.92\n2025-02-25,1.05,N/A\n"
        );
        let daily = "Date, USD, JPY, \n30 October 2026, 1.1172, 175.68, \n";
        let t = parse(daily, Path::new("d.csv")).unwrap();
        assert_eq!(t.rows.keys().next().unwrap().to_string(), "2026-10-30");
    }

    #[test]
    fn bad_rows_name_line_and_column() {
        let cases = [
            (
                "Date,USD\n2025-02-24,abc\n",
                "x.csv:2:12: USD: \"abc\" is not a rate",
            ),
            (
                "Date,USD\n2025-02-24,1,2\n",
                "x.csv:2:1: 3 cells, the header has 2",
            ),
            (
                "Date,USD\n2025-13-24,1\n",
                "x.csv:2:1: \"2025-13-24\" is not a date",
            ),
            (
                "Date,USD\n2025-02-24,1\n2025-02-24,1\n",
                "x.csv:3:1: 2025-02-24 appears twice",
            ),
            ("Day,USD\n", "x.csv:1:1: the first column must be \"Date\""),
            ("Date,USD,US\n", "x.csv:1:10: \"US\" is not an ISO 4217"),
            ("Date,USD,EUR\n", "x.csv:1:10: EUR cannot be a column"),
            ("", "x.csv: empty file"),
        ];
        for (text, want) in cases {
            let e = parse(text, Path::new("x.csv")).unwrap_err().to_string();
            assert!(e.starts_with(want), "{text:?}: {e}");
        }
    }
}
