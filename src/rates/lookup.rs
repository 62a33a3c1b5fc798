//! `RateTables`: the loaded tables in priority order, and the lookup of a rate between
//! two currencies at a date.
//!
//! Policy (DESIGN, Rates): for each pair the highest-priority table whose series covers
//! the date answers (the exact date, else the latest earlier row within `max_gap` days;
//! an "N/A" on that row is an error, never an older row). A direct pair (X, Y) or its
//! inverse is used when a table has it; otherwise the rate goes through EUR.

use super::error::RateError;
use super::table::{Pair, RateTable, Series, SeriesMiss};
use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The table name reported when no table is needed (same currency on both sides).
pub const IDENTITY: &str = "identity";

/// The loaded rate tables, lowest priority first, and the maximum gap in days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTables {
    pub(crate) tables: Vec<RateTable>,
    pub(crate) max_gap: u32,
}

/// A rate and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateQuote {
    /// Units of the target currency per 1 unit of the source currency.
    pub rate: Decimal,
    /// The date of the row used (the older one when two rows were combined).
    pub rate_date: NaiveDate,
    /// The table used; "a+b" when the two legs of a cross rate come from two tables,
    /// "identity" for the same currency.
    pub table: String,
}

/// A rate kept as a fraction `num / den` so that a conversion divides only once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Exact {
    pub num: Decimal,
    pub den: Decimal,
    pub rate_date: NaiveDate,
    pub table: String,
}

impl RateTables {
    /// The newest row date over all tables.
    pub fn newest_row(&self) -> Option<chrono::NaiveDate> {
        self.tables.iter().filter_map(RateTable::last_date).max()
    }

    /// Tables given lowest priority first.
    pub fn from_tables(tables: Vec<RateTable>, max_gap: u32) -> RateTables {
        RateTables { tables, max_gap }
    }

    /// The tables, lowest priority first.
    pub fn tables(&self) -> &[RateTable] {
        &self.tables
    }

    /// The maximum gap in days between a date and the row used for it.
    pub fn max_gap(&self) -> u32 {
        self.max_gap
    }

    /// Every currency some table has a rate for, EUR included, sorted.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut v: Vec<Currency> = self.tables.iter().flat_map(RateTable::currencies).collect();
        v.push(Currency::EUR);
        v.sort();
        v.dedup();
        v
    }

    /// Units of `to` per 1 `from` at `date`; cross rates through EUR.
    pub fn quote(
        &self,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Result<RateQuote, RateError> {
        let exact = self.exact(from, to, date)?;
        let rate = exact
            .num
            .checked_div(exact.den)
            .ok_or(RateError::Overflow { from, to, date })?;
        Ok(RateQuote {
            rate: rate.normalize(),
            rate_date: exact.rate_date,
            table: exact.table,
        })
    }

    pub(crate) fn exact(
        &self,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Result<Exact, RateError> {
        if from == to {
            return Ok(Exact {
                num: Decimal::ONE,
                den: Decimal::ONE,
                rate_date: date,
                table: IDENTITY.to_string(),
            });
        }
        if let Some(direct) = self.leg((from, to), date) {
            return direct;
        }
        let first = if from == Currency::EUR {
            None
        } else {
            Some(self.leg((from, Currency::EUR), date).unwrap_or(Err(
                RateError::UnknownCurrency {
                    currency: from,
                    date,
                },
            ))?)
        };
        let second = if to == Currency::EUR {
            None
        } else {
            Some(
                self.leg((Currency::EUR, to), date)
                    .unwrap_or(Err(RateError::UnknownCurrency { currency: to, date }))?,
            )
        };
        match (first, second) {
            (Some(a), Some(b)) => combine(a, b).ok_or(RateError::Overflow { from, to, date }),
            (Some(a), None) => Ok(a),
            (None, Some(b)) => Ok(b),
            // from == to == EUR was handled above.
            (None, None) => Err(RateError::UnknownCurrency { currency: to, date }),
        }
    }

    /// The rate of one pair from the table that covers it, `None` when no table has the
    /// pair in either direction.
    fn leg(&self, pair: Pair, date: NaiveDate) -> Option<Result<Exact, RateError>> {
        let (base, quote) = pair;
        let currency = if quote == Currency::EUR { base } else { quote };
        let mut having: Vec<(&RateTable, &Series, bool)> = Vec::new();
        for table in self.tables.iter().rev() {
            for (p, inverse) in [((base, quote), false), ((quote, base), true)] {
                if let Some(series) = table.series(p) {
                    if series.covers(date, self.max_gap) {
                        return Some(self.answer(table, series, inverse, currency, date));
                    }
                    having.push((table, series, inverse));
                }
            }
        }
        // No table covers the date: report against the nearest coverage.
        let started = having
            .iter()
            .filter(|(_, s, _)| s.first_date().is_some_and(|f| f <= date))
            .max_by_key(|(_, s, _)| s.last_date());
        let chosen = started.or_else(|| having.iter().min_by_key(|(_, s, _)| s.first_date()))?;
        let (table, series, inverse) = *chosen;
        Some(self.answer(table, series, inverse, currency, date))
    }

    fn answer(
        &self,
        table: &RateTable,
        series: &Series,
        inverse: bool,
        currency: Currency,
        date: NaiveDate,
    ) -> Result<Exact, RateError> {
        let name = table.name.clone();
        match series.rate_on(date, self.max_gap) {
            Ok((rate_date, value)) => {
                let (num, den) = if inverse {
                    (Decimal::ONE, value)
                } else {
                    (value, Decimal::ONE)
                };
                Ok(Exact {
                    num,
                    den,
                    rate_date,
                    table: name,
                })
            }
            Err(SeriesMiss::Empty) => Err(RateError::EmptyTable {
                currency,
                date,
                table: name,
            }),
            Err(SeriesMiss::Before { start }) => Err(RateError::BeforeTable {
                currency,
                date,
                table: name,
                start,
            }),
            Err(SeriesMiss::Gap {
                row_date,
                last: true,
            }) => Err(RateError::AfterTable {
                currency,
                date,
                table: name,
                end: row_date,
                max_gap: self.max_gap,
            }),
            Err(SeriesMiss::Gap { row_date, .. }) => Err(RateError::GapTooLong {
                currency,
                date,
                table: name,
                row_date,
                max_gap: self.max_gap,
            }),
            Err(SeriesMiss::NotAvailable { row_date }) => Err(RateError::NotAvailable {
                currency,
                date,
                table: name,
                row_date,
            }),
        }
    }
}

/// `from -> EUR` then `EUR -> to`.
fn combine(a: Exact, b: Exact) -> Option<Exact> {
    let table = if a.table == b.table {
        a.table
    } else {
        format!("{}+{}", a.table, b.table)
    };
    Some(Exact {
        num: a.num.checked_mul(b.num)?,
        den: a.den.checked_mul(b.den)?,
        rate_date: a.rate_date.min(b.rate_date),
        table,
    })
}

/// Values worked out by hand from rows of `rates/ecb.csv` (units per 1 EUR):
/// 2025-02-24 CNY 7.5879, USD 1.0466; 2025-03-06 CNY 7.8247, USD 1.0796;
/// 2025-09-24 CNY 8.3786, USD 1.1756. So 380 bn CNY = 380/7.5879 = 50.0797 bn EUR and
/// 380 x 1.0466/7.5879 = 52.4134 bn USD on 2025-02-24, and so on.
#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn c(s: &str) -> Currency {
        s.parse().unwrap()
    }
    fn bn(tables: &RateTables, to: &str, date: &str) -> String {
        let amount = Decimal::new(380_000_000_000, 0);
        let v = tables
            .convert(amount, Currency::CNY, c(to), d(date))
            .unwrap();
        assert_eq!(v.quote.table, "ecb");
        assert_eq!(v.quote.rate_date, d(date));
        (v.value / Decimal::from(1_000_000_000))
            .round_dp(2)
            .to_string()
    }

    #[test]
    fn alibaba_plan_at_each_articles_date() {
        let t = RateTables::bundled().unwrap();
        assert_eq!(bn(&t, "EUR", "2025-02-24"), "50.08");
        assert_eq!(bn(&t, "USD", "2025-02-24"), "52.41");
        assert_eq!(bn(&t, "EUR", "2025-03-06"), "48.56");
        assert_eq!(bn(&t, "USD", "2025-03-06"), "52.43");
        assert_eq!(bn(&t, "USD", "2025-09-24"), "53.32");
        // The exact value: 380e9 x 1.0466 / 7.5879, divided once.
        let v = t
            .convert(
                Decimal::from(380_000_000_000u64),
                Currency::CNY,
                Currency::USD,
                d("2025-02-24"),
            )
            .unwrap();
        assert_eq!(v.value.round_dp(6).to_string(), "52413447725.984792");
        assert_eq!(v.quote.rate.round_dp(8).to_string(), "0.13793013");
    }

    #[test]
    fn direct_rates_and_identity() {
        let t = RateTables::bundled().unwrap();
        let q = t
            .quote(Currency::EUR, Currency::USD, d("2025-02-24"))
            .unwrap();
        assert_eq!(q.rate.to_string(), "1.0466");
        let q = t
            .quote(Currency::USD, Currency::EUR, d("2025-02-24"))
            .unwrap();
        assert_eq!(q.rate.round_dp(6).to_string(), "0.955475");
        let q = t.quote(c("XYZ"), c("XYZ"), d("1990-01-01")).unwrap();
        assert_eq!((q.rate, q.table.as_str()), (Decimal::ONE, IDENTITY));
    }

    #[test]
    fn a_saturday_uses_the_friday_row() {
        let t = RateTables::bundled().unwrap();
        let q = t
            .quote(Currency::EUR, Currency::USD, d("2021-04-10"))
            .unwrap();
        assert_eq!(q.rate_date, d("2021-04-09"));
        assert_eq!(q.rate.to_string(), "1.1888");
    }

    #[test]
    fn misses_are_errors_that_say_why() {
        let t = RateTables::bundled().unwrap();
        let msg = |from: &str, to: &str, date: &str| {
            t.quote(c(from), c(to), d(date)).unwrap_err().to_string()
        };
        assert_eq!(
            msg("CNY", "EUR", "1998-12-31"),
            "no rate for CNY on 1998-12-31: the table \"ecb\" starts on 1999-01-04"
        );
        // RUB is last quoted on 2022-03-01, HRK on 2022-12-30: no fallback to older rows.
        assert_eq!(
            msg("RUB", "EUR", "2022-03-02"),
            "no rate for RUB on 2022-03-02: the table \"ecb\" has no value (N/A) for RUB in its row of 2022-03-02"
        );
        assert_eq!(
            msg("EUR", "HRK", "2023-01-07"),
            "no rate for HRK on 2023-01-07: the table \"ecb\" has no value (N/A) for HRK in its row \
             of 2023-01-06, the latest on or before 2023-01-07"
        );
        assert!(t.quote(c("RUB"), Currency::EUR, d("2022-03-01")).is_ok());
        // 30 days after the last row (2026-10-30).
        assert_eq!(
            msg("USD", "EUR", "2026-11-29"),
            "no rate for USD on 2026-11-29: the table \"ecb\" ends on 2026-10-30, more than the maximum gap of 7 days earlier: \
             run `figcheck rates update` to download newer ECB rates"
        );
        assert!(t
            .quote(Currency::USD, Currency::EUR, d("2026-11-06"))
            .is_ok());
        assert_eq!(
            msg("XYZ", "EUR", "2025-02-24"),
            "no rate for XYZ on 2025-02-24: no loaded rate table has XYZ"
        );
        assert_eq!(
            msg("EUR", "XYZ", "2025-02-24"),
            "no rate for XYZ on 2025-02-24: no loaded rate table has XYZ"
        );
        assert!(matches!(
            t.quote(c("XYZ"), Currency::USD, d("2025-02-24")),
            Err(RateError::UnknownCurrency { .. })
        ));
    }

    #[test]
    fn overflow_is_an_error() {
        let t = RateTables::bundled().unwrap();
        let r = t.convert(Decimal::MAX, Currency::EUR, c("IDR"), d("2025-02-24"));
        assert!(matches!(r, Err(RateError::Overflow { .. })), "{r:?}");
    }
}
