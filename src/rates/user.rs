//! User rate tables in the "long" format: a header `date,base,quote,rate`, then one row
//! per date and pair, `rate` = units of `quote` per 1 `base` (a positive decimal, or
//! "N/A" for "no rate from this date on"). Lines starting with `#` and blank lines are
//! ignored. See rates/README.md.

use super::cell::{parse_date, parse_rate};
use super::table::{Pair, RateTable, Series};
use crate::error::{Error, Location};
use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The header line of the long format.
pub const HEADER: [&str; 4] = ["date", "base", "quote", "rate"];

fn err(path: &Path, line_no: usize, line: &str, offset: usize, msg: String) -> Error {
    let column = line.get(..offset).map_or(0, |s| s.chars().count()) + 1;
    Error::rate(msg).at(Location {
        path: path.to_path_buf(),
        line: line_no,
        column,
    })
}

fn split(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in line.split(',') {
        let lead = part.len() - part.trim_start().len();
        out.push((start + lead, part.trim()));
        start += part.len() + 1;
    }
    out
}

/// Read a long-format table named `name`; `path` is its origin and error location.
pub fn parse(text: &str, path: &Path, name: &str) -> Result<RateTable, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((h_idx, header)) = lines.next() else {
        return Err(
            Error::rate("empty file: expected a header line \"date,base,quote,rate\"")
                .at(Location::file(path)),
        );
    };
    let names: Vec<String> = split(header)
        .iter()
        .map(|(_, c)| c.to_ascii_lowercase())
        .collect();
    if names != HEADER {
        return Err(err(
            path,
            h_idx + 1,
            header,
            0,
            format!(
                "the header must be \"date,base,quote,rate\", found \"{}\"",
                header.trim()
            ),
        ));
    }
    let mut rows: BTreeMap<Pair, BTreeMap<NaiveDate, Option<Decimal>>> = BTreeMap::new();
    for (idx, line) in lines {
        let line_no = idx + 1;
        let cells = split(line);
        let [(d_off, d), (b_off, b), (q_off, q), (r_off, r)] = cells.as_slice() else {
            return Err(err(
                path,
                line_no,
                line,
                0,
                format!("{} cells, expected 4 (date,base,quote,rate)", cells.len()),
            ));
        };
        let date = parse_date(d).map_err(|e| err(path, line_no, line, *d_off, e))?;
        let base: Currency = b
            .parse()
            .map_err(|e: String| err(path, line_no, line, *b_off, e))?;
        let quote: Currency = q
            .parse()
            .map_err(|e: String| err(path, line_no, line, *q_off, e))?;
        if base == quote {
            return Err(err(
                path,
                line_no,
                line,
                *q_off,
                format!("base and quote are both {base}"),
            ));
        }
        let rate = parse_rate(r).map_err(|e| err(path, line_no, line, *r_off, e))?;
        let series = rows.entry((base, quote)).or_default();
        if series.insert(date, rate).is_some() {
            return Err(err(
                path,
                line_no,
                line,
                *d_off,
                format!("{base}/{quote} on {date} appears twice"),
            ));
        }
        if rows.contains_key(&(quote, base)) {
            return Err(err(
                path,
                line_no,
                line,
                *b_off,
                format!(
                    "the table gives both {base}/{quote} and {quote}/{base}: keep one direction"
                ),
            ));
        }
    }
    let mut dates: Vec<NaiveDate> = rows.values().flat_map(|s| s.keys().copied()).collect();
    dates.sort();
    dates.dedup();
    let series = rows
        .into_iter()
        .filter_map(|(pair, s)| Some((pair, Series::from_sorted(s.into_iter().collect())?)))
        .collect();
    Ok(RateTable {
        name: name.to_string(),
        origin: Some(PathBuf::from(path)),
        series,
        rows: dates.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pairs_and_rejects_bad_rows() {
        let t = parse(
            "# fixed rates\ndate,base,quote,rate\n2025-01-01,EUR,USD,1.25\n2025-01-01,USD,CNY,7.2\n",
            Path::new("u.csv"),
            "u",
        )
        .unwrap();
        assert_eq!(t.series.len(), 2);
        assert_eq!(t.rows, 1);
        let cases = [
            ("date,base,quote\n", "u.csv:1:1: the header must be"),
            (
                "date,base,quote,rate\n2025-01-01,EUR,USD\n",
                "u.csv:2:1: 3 cells",
            ),
            (
                "date,base,quote,rate\n2025-01-01,EUR,USD,x\n",
                "u.csv:2:20: \"x\" is not a rate",
            ),
            (
                "date,base,quote,rate\n2025-01-01,EUR,EUR,1\n",
                "u.csv:2:16: base and quote",
            ),
            (
                "date,base,quote,rate\n2025-01-01,EUR,US,1\n",
                "u.csv:2:16: \"US\" is not",
            ),
            (
                "date,base,quote,rate\n2025-01-01, EUR ,USD,1\n2025-01-01,EUR,USD,2\n",
                "u.csv:3:1: EUR/USD on 2025-01-01 appears twice",
            ),
            (
                "date,base,quote,rate\n2025-01-01,EUR,USD,1\n2025-01-02,USD,EUR,1\n",
                "u.csv:3:12: the table gives both",
            ),
            (
                "date,base,quote,rate\n01/01/2025,EUR,USD,1\n",
                "u.csv:2:1: \"01/01/2025\" is not a date",
            ),
        ];
        for (text, want) in cases {
            let e = parse(text, Path::new("u.csv"), "u")
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(want), "{text:?}: {e}");
        }
    }
}
