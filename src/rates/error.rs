//! Why a rate could not be given. Every variant names the currency, the date asked for
//! and, where a table was consulted, the table: a missing rate is never a silent guess.

use super::bundled;
use crate::quantity::Currency;
use chrono::NaiveDate;
use std::fmt;

/// What a date after the end of the ECB table asks the user to do (appended to the
/// message, once, here: findings and `convert` both show this message).
pub const UPDATE_HINT: &str = ": run `figcheck rates update` to download newer ECB rates";

/// A rate lookup or conversion that has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateError {
    /// The table has the currency's column but no row (a header only).
    EmptyTable {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
        /// The table consulted.
        table: String,
    },
    /// The date is before the first row of the table.
    BeforeTable {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
        /// The table consulted.
        table: String,
        /// Its first row.
        start: NaiveDate,
    },
    /// The date is after the table's last row by more than the maximum gap.
    AfterTable {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
        /// The table consulted.
        table: String,
        /// Its last row.
        end: NaiveDate,
        /// The maximum gap in days.
        max_gap: u32,
    },
    /// Inside the table, the latest row on or before the date is too old.
    GapTooLong {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
        /// The table consulted.
        table: String,
        /// The latest row on or before the date.
        row_date: NaiveDate,
        /// The maximum gap in days.
        max_gap: u32,
    },
    /// The row used has no value for the currency ("N/A").
    NotAvailable {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
        /// The table consulted.
        table: String,
        /// The row used.
        row_date: NaiveDate,
    },
    /// No loaded table has the currency.
    UnknownCurrency {
        /// The currency asked for.
        currency: Currency,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The result does not fit in an exact decimal (about 7.9e28).
    Overflow {
        /// The source currency.
        from: Currency,
        /// The target currency.
        to: Currency,
        /// The date asked for.
        date: NaiveDate,
    },
}

impl fmt::Display for RateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateError::EmptyTable {
                currency,
                date,
                table,
            } => write!(
                f,
                "no rate for {currency} on {date}: the table \"{table}\" has no rows"
            ),
            RateError::BeforeTable {
                currency,
                date,
                table,
                start,
            } => write!(
                f,
                "no rate for {currency} on {date}: the table \"{table}\" starts on {start}"
            ),
            RateError::AfterTable {
                currency,
                date,
                table,
                end,
                max_gap,
            } => {
                write!(
                    f,
                    "no rate for {currency} on {date}: the table \"{table}\" ends on {end}, \
                     more than the maximum gap of {max_gap} days earlier"
                )?;
                // The ECB table (built in or installed by `rates update`) can be brought
                // up to date without a rebuild; a user's own table cannot.
                if table == bundled::NAME {
                    write!(f, "{UPDATE_HINT}")?;
                }
                Ok(())
            }
            RateError::GapTooLong {
                currency,
                date,
                table,
                row_date,
                max_gap,
            } => write!(
                f,
                "no rate for {currency} on {date}: the latest row of the table \"{table}\" \
                 on or before it is {row_date}, more than the maximum gap of {max_gap} days earlier"
            ),
            RateError::NotAvailable {
                currency,
                date,
                table,
                row_date,
            } => {
                write!(
                    f,
                    "no rate for {currency} on {date}: the table \"{table}\" has no value (N/A) \
                     for {currency} in its row of {row_date}"
                )?;
                if row_date != date {
                    write!(f, ", the latest on or before {date}")?;
                }
                Ok(())
            }
            RateError::UnknownCurrency { currency, date } => write!(
                f,
                "no rate for {currency} on {date}: no loaded rate table has {currency}"
            ),
            RateError::Overflow { from, to, date } => write!(
                f,
                "converting {from} to {to} on {date} overflows the exact decimal range"
            ),
        }
    }
}

impl std::error::Error for RateError {}

impl From<RateError> for crate::Error {
    fn from(e: RateError) -> Self {
        crate::Error::rate(e.to_string())
    }
}
