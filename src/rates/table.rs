//! One rate table: dated series of exact rates, one series per currency pair.
//!
//! A series for the pair (base, quote) gives units of `quote` per 1 `base`, one value per
//! row date; `None` is a row where the table says the rate is absent ("N/A"). The ECB
//! table holds the pairs (EUR, X). This module only stores and looks up; it reads no file.

use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A currency pair: units of `.1` per 1 `.0`.
pub type Pair = (Currency, Currency);

/// The dated values of one pair, sorted by date, one value per date.
#[derive(Clone, Default)]
pub struct Series {
    dates: Vec<NaiveDate>,
    rates: Rates,
}

/// A series' values: read, or still in the bundled table's packed form and read on
/// first use (a run needs a few of the table's forty currencies).
#[derive(Clone)]
enum Rates {
    Read(Vec<Option<Decimal>>),
    Packed {
        cells: &'static [u8],
        read: std::sync::OnceLock<Vec<Option<Decimal>>>,
    },
}

impl Default for Rates {
    fn default() -> Self {
        Rates::Read(Vec::new())
    }
}

impl Rates {
    fn get(&self) -> &[Option<Decimal>] {
        match self {
            Rates::Read(v) => v,
            Rates::Packed { cells, read } => read.get_or_init(|| super::bundled::unpack(cells)),
        }
    }
}

impl PartialEq for Series {
    fn eq(&self, other: &Self) -> bool {
        self.dates == other.dates && self.rates.get() == other.rates.get()
    }
}

impl Eq for Series {}

impl std::fmt::Debug for Series {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Series")
            .field("dates", &self.dates)
            .field("rates", &self.rates.get())
            .finish()
    }
}

/// Why a series has no usable value on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesMiss {
    /// The series has no row at all (a table with a header only).
    Empty,
    /// The date is before the first row.
    Before {
        /// The first row's date.
        start: NaiveDate,
    },
    /// The latest row on or before the date is more than the allowed gap earlier.
    Gap {
        /// That row's date.
        row_date: NaiveDate,
        /// Whether that row is the last one of the series.
        last: bool,
    },
    /// The row used says "N/A".
    NotAvailable {
        /// That row's date.
        row_date: NaiveDate,
    },
}

impl Series {
    /// A series from rows; they must be sorted by date with no duplicate (the readers
    /// guarantee it; `from_sorted` checks it and returns `None` otherwise).
    pub fn from_sorted(rows: Vec<(NaiveDate, Option<Decimal>)>) -> Option<Series> {
        if rows.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) {
            return None;
        }
        let (dates, rates) = rows.into_iter().unzip();
        Some(Series {
            dates,
            rates: Rates::Read(rates),
        })
    }

    /// A series over shared row dates (the columns of a wide table).
    pub(crate) fn from_parts(dates: Vec<NaiveDate>, rates: Vec<Option<Decimal>>) -> Series {
        Series {
            dates,
            rates: Rates::Read(rates),
        }
    }

    /// A series of the bundled table, its values read from `cells` on first use (one
    /// per date, as [`super::bundled::unpack`] reads them).
    pub(crate) fn packed(dates: Vec<NaiveDate>, cells: &'static [u8]) -> Series {
        Series {
            dates,
            rates: Rates::Packed {
                cells,
                read: std::sync::OnceLock::new(),
            },
        }
    }

    /// The first row's date.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.dates.first().copied()
    }

    /// The last row's date.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.dates.last().copied()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether the series has no row.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// Whether `date` falls within the rows, or at most `max_gap` days after the last.
    pub fn covers(&self, date: NaiveDate, max_gap: u32) -> bool {
        match (self.first_date(), self.last_date()) {
            (Some(first), Some(last)) => first <= date && days_between(last, date) <= max_gap,
            _ => false,
        }
    }

    /// The value of the exact date, else of the latest earlier row at most `max_gap`
    /// days before; never an older row when that one is "N/A".
    pub fn rate_on(
        &self,
        date: NaiveDate,
        max_gap: u32,
    ) -> Result<(NaiveDate, Decimal), SeriesMiss> {
        let idx = self.dates.partition_point(|d| *d <= date);
        let Some(row) = idx.checked_sub(1) else {
            return Err(match self.first_date() {
                Some(start) => SeriesMiss::Before { start },
                None => SeriesMiss::Empty,
            });
        };
        let (Some(row_date), Some(value)) = (self.dates.get(row), self.rates.get().get(row)) else {
            return Err(SeriesMiss::Before { start: date });
        };
        if days_between(*row_date, date) > max_gap {
            return Err(SeriesMiss::Gap {
                row_date: *row_date,
                last: idx == self.dates.len(),
            });
        }
        match value {
            Some(v) => Ok((*row_date, *v)),
            None => Err(SeriesMiss::NotAvailable {
                row_date: *row_date,
            }),
        }
    }
}

/// Whole days from `from` to `to` (0 when `to` is not after `from`), saturating.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

/// One loaded table: its name, where it came from, and its series by pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    /// The name shown in results ("ecb", or a user file's stem).
    pub name: String,
    /// The file it was read from; `None` for the table built into the binary.
    pub origin: Option<PathBuf>,
    /// The series, by pair (base, quote).
    pub series: BTreeMap<Pair, Series>,
    /// Number of distinct row dates.
    pub rows: usize,
}

impl RateTable {
    /// The series of a pair, if the table has it.
    pub fn series(&self, pair: Pair) -> Option<&Series> {
        self.series.get(&pair)
    }

    /// Earliest row date over all series.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.series.values().filter_map(Series::first_date).min()
    }

    /// Latest row date over all series.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.series.values().filter_map(Series::last_date).max()
    }

    /// Every currency named by a pair, EUR included when it is a side, sorted.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut v: Vec<Currency> = self.series.keys().flat_map(|(a, b)| [*a, *b]).collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn lookup_policy() {
        let s = Series::from_sorted(vec![
            (d("2021-04-08"), Some(Decimal::new(11, 1))),
            (d("2021-04-09"), Some(Decimal::new(12, 1))),
            (d("2021-04-12"), None),
            (d("2021-05-12"), Some(Decimal::new(13, 1))),
        ])
        .unwrap();
        assert_eq!(
            s.rate_on(d("2021-04-09"), 7),
            Ok((d("2021-04-09"), Decimal::new(12, 1)))
        );
        assert_eq!(
            s.rate_on(d("2021-04-10"), 7),
            Ok((d("2021-04-09"), Decimal::new(12, 1)))
        );
        assert_eq!(
            s.rate_on(d("2021-04-07"), 7),
            Err(SeriesMiss::Before {
                start: d("2021-04-08")
            })
        );
        assert_eq!(
            s.rate_on(d("2021-04-13"), 7),
            Err(SeriesMiss::NotAvailable {
                row_date: d("2021-04-12")
            })
        );
        assert_eq!(
            s.rate_on(d("2021-04-30"), 7),
            Err(SeriesMiss::Gap {
                row_date: d("2021-04-12"),
                last: false
            })
        );
        assert_eq!(
            s.rate_on(d("2021-06-12"), 7),
            Err(SeriesMiss::Gap {
                row_date: d("2021-05-12"),
                last: true
            })
        );
        assert!(s.covers(d("2021-05-19"), 7));
        assert!(!s.covers(d("2021-05-20"), 7));
        assert!(
            Series::from_sorted(vec![(d("2021-04-09"), None), (d("2021-04-09"), None)]).is_none()
        );
    }
}
