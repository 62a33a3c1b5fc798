//! Converting an amount with a looked-up rate, in exact decimals: the amount is
//! multiplied by the rate's numerator and divided once by its denominator.

use super::error::RateError;
use super::lookup::{RateQuote, RateTables};
use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A converted amount and the rate used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The amount in the target currency, full precision (round only to show it).
    pub value: Decimal,
    /// The rate used, its row date and table.
    pub quote: RateQuote,
}

impl RateTables {
    /// `amount` of `from` in `to` at `date`.
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Result<Conversion, RateError> {
        let overflow = RateError::Overflow { from, to, date };
        let exact = self.exact(from, to, date)?;
        let value = amount
            .checked_mul(exact.num)
            .and_then(|v| v.checked_div(exact.den))
            .or_else(|| {
                amount
                    .checked_div(exact.den)
                    .and_then(|v| v.checked_mul(exact.num))
            })
            .ok_or(overflow.clone())?;
        let rate = exact.num.checked_div(exact.den).ok_or(overflow)?;
        Ok(Conversion {
            value: value.normalize(),
            quote: RateQuote {
                rate: rate.normalize(),
                rate_date: exact.rate_date,
                table: exact.table,
            },
        })
    }
}
