//! Converting a stated quantity (value and bounds) or an interval into another currency
//! at a date, carrying the quote used.

use super::{RateError, RateQuote, RateTables};
use crate::quantity::{Currency, Interval, Quantity};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A quantity's value and bounds in another currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The value (none for a range).
    pub value: Option<Decimal>,
    /// Lower bound.
    pub low: Option<Decimal>,
    /// Upper bound.
    pub high: Option<Decimal>,
    /// The rate used.
    pub quote: RateQuote,
}

fn mul(
    v: Option<Decimal>,
    rate: Decimal,
    from: Currency,
    to: Currency,
    date: NaiveDate,
) -> Result<Option<Decimal>, RateError> {
    match v {
        Some(x) => x
            .checked_mul(rate)
            .map(Some)
            .ok_or(RateError::Overflow { from, to, date }),
        None => Ok(None),
    }
}

/// Convert the stated value and bounds of a money quantity from `from` into `to`.
pub fn convert_quantity(
    tables: &RateTables,
    q: &Quantity,
    from: Currency,
    to: Currency,
    date: NaiveDate,
) -> Result<Converted, RateError> {
    let quote = tables.quote(from, to, date)?;
    Ok(Converted {
        value: mul(q.value, quote.rate, from, to, date)?,
        low: mul(q.low, quote.rate, from, to, date)?,
        high: mul(q.high, quote.rate, from, to, date)?,
        quote,
    })
}

/// Convert an interval from `from` into `to` at `date`.
pub fn convert_interval(
    tables: &RateTables,
    interval: &Interval,
    from: Currency,
    to: Currency,
    date: NaiveDate,
) -> Result<(Interval, RateQuote), RateError> {
    let quote = tables.quote(from, to, date)?;
    let converted = interval
        .checked_scale(quote.rate)
        .ok_or(RateError::Overflow { from, to, date })?;
    Ok((converted, quote))
}
