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

/// Read the header line: "Date" then distinct currency codes, EUR excluded.
fn parse_header(header: &str, path: &Path) -> Result<Vec<Currency>, Error> {
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
    Ok(currencies)
}

/// Read one data row, handing each rate to `put(column, value)`; returns its date.
/// No allocation on the way: this is the hot loop of loading the bundled table.
fn parse_row(
    line: &str,
    line_no: usize,
    currencies: &[Currency],
    path: &Path,
    mut put: impl FnMut(usize, Option<Decimal>),
) -> Result<NaiveDate, Error> {
    let width = currencies.len() + 1;
    let mut date = None;
    let mut n = 0usize;
    let mut start = 0usize;
    let mut last_empty = false;
    for part in line.split(',') {
        let offset = start + (part.len() - part.trim_start().len());
        start += part.len() + 1;
        let cell = part.trim();
        if n == 0 {
            date = Some(parse_date(cell).map_err(|e| error_at(path, line_no, line, offset, e))?);
        } else if let Some(cur) = currencies.get(n - 1) {
            let v = parse_rate(cell)
                .map_err(|e| error_at(path, line_no, line, offset, format!("{cur}: {e}")))?;
            put(n - 1, v);
        }
        last_empty = cell.is_empty();
        n += 1;
    }
    // The ECB files end each line with a comma: one trailing empty cell is allowed.
    let n = if n == width + 1 && last_empty {
        width
    } else {
        n
    };
    match date {
        Some(d) if n == width => Ok(d),
        _ => Err(error_at(
            path,
            line_no,
            line,
            0,
            format!(
                "{n} cells, the header has {width} (Date and {} currencies)",
                currencies.len()
            ),
        )),
    }
}

/// The data lines with their 1-based numbers, blank lines skipped.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .skip(1)
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn header_line<'a>(text: &'a str, path: &Path) -> Result<&'a str, Error> {
    text.lines().next().ok_or_else(|| {
        Error::rate("empty file: expected a header line \"Date,USD,JPY,...\"")
            .at(Location::file(path))
    })
}

fn duplicate(path: &Path, line_no: usize, line: &str, date: NaiveDate) -> Error {
    error_at(path, line_no, line, 0, format!("{date} appears twice"))
}

/// Read a wide table; `path` is used for error locations only. Every row is checked:
/// the date, the number of cells, each rate (a positive decimal or "N/A"), and that no
/// date appears twice.
pub fn parse(text: &str, path: &Path) -> Result<EcbData, Error> {
    let text = strip_bom(text);
    let currencies = parse_header(header_line(text, path)?, path)?;
    let mut rows = BTreeMap::new();
    for (line_no, line) in data_lines(text) {
        let mut values = vec![None; currencies.len()];
        let date = parse_row(line, line_no, &currencies, path, |i, v| {
            if let Some(cell) = values.get_mut(i) {
                *cell = v;
            }
        })?;
        if rows.insert(date, values).is_some() {
            return Err(duplicate(path, line_no, line, date));
        }
    }
    Ok(EcbData { currencies, rows })
}

/// Read a wide table straight into a [`RateTable`] of series (EUR, X), column by
/// column (the fast path used to load tables; same checks as [`parse`]).
pub fn parse_table(
    text: &str,
    path: &Path,
    name: &str,
    origin: Option<PathBuf>,
) -> Result<RateTable, Error> {
    let text = strip_bom(text);
    let currencies = parse_header(header_line(text, path)?, path)?;
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut columns: Vec<Vec<Option<Decimal>>> = vec![Vec::new(); currencies.len()];
    for (line_no, line) in data_lines(text) {
        let date = parse_row(line, line_no, &currencies, path, |i, v| {
            if let Some(col) = columns.get_mut(i) {
                col.push(v);
            }
        })?;
        dates.push(date);
        lines.push(line_no);
    }
    // Oldest first: the bundled table already is, the ECB history is newest first.
    let ascending = dates.windows(2).all(|w| matches!(w, [a, b] if a < b));
    if !ascending {
        let mut order: Vec<usize> = (0..dates.len()).collect();
        order.sort_by_key(|i| (dates.get(*i).copied(), lines.get(*i).copied()));
        for w in order.windows(2) {
            if let [a, b] = w {
                if dates.get(*a) == dates.get(*b) {
                    let line_no = lines.get(*b).copied().unwrap_or(0);
                    let line = text.lines().nth(line_no.saturating_sub(1)).unwrap_or("");
                    let date = dates.get(*b).copied().unwrap_or_default();
                    return Err(duplicate(path, line_no, line, date));
                }
            }
        }
        let permute = |v: &[Option<Decimal>]| -> Vec<Option<Decimal>> {
            order.iter().filter_map(|i| v.get(*i).copied()).collect()
        };
        columns = columns.iter().map(|c| permute(c)).collect();
        dates = order
            .iter()
            .filter_map(|i| dates.get(*i).copied())
            .collect();
    }
    let rows = dates.len();
    let series = currencies
        .iter()
        .zip(columns)
        .map(|(cur, col)| {
            (
                (Currency::EUR, *cur),
                Series::from_parts(dates.clone(), col),
            )
        })
        .collect();
    Ok(RateTable {
        name: name.to_string(),
        origin,
        series,
        rows,
    })
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
    fn the_fast_table_reader_agrees_with_the_row_reader() {
        let hist = "Date,USD,JPY,\n2025-02-25,1.05,N/A,\n2025-02-21,1.04,156,\n2025-02-24,1.0465,157.92,\n";
        let p = Path::new("h.csv");
        let fast = parse_table(hist, p, "t", None).unwrap();
        assert_eq!(fast, parse(hist, p).unwrap().into_table("t", None));
        assert_eq!(fast.rows, 3);
        let dup = "Date,USD\n2025-02-25,1\n2025-02-24,1\n2025-02-25,2\n";
        let e = parse_table(dup, Path::new("x.csv"), "t", None).unwrap_err();
        assert_eq!(e.to_string(), "x.csv:4:1: 2025-02-25 appears twice");
        let e = parse_table(
            "Date,USD,\n2025-02-25,1,2,\n",
            Path::new("x.csv"),
            "t",
            None,
        );
        assert!(e.unwrap_err().to_string().starts_with("x.csv:2:1: 4 cells"));
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
