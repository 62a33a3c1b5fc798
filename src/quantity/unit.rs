//! What a figure counts: money in a currency, or model parameters.

use super::{Currency, Qualifier};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// The unit of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// An amount of money in a currency.
    Money(Currency),
    /// A count of AI-model parameters.
    Parameters,
    /// A ratio between two figures ("vingt fois plus").
    Ratio,
    /// A share of a whole, as a fraction ("4 %" is 0.04).
    Share,
}

impl Unit {
    /// "money" or "parameters".
    pub fn kind(&self) -> &'static str {
        match self {
            Unit::Money(_) => "money",
            Unit::Parameters => "parameters",
            Unit::Ratio => "ratio",
            Unit::Share => "share",
        }
    }

    /// The currency, for money.
    pub fn currency(&self) -> Option<Currency> {
        match self {
            Unit::Money(c) => Some(*c),
            Unit::Parameters | Unit::Ratio | Unit::Share => None,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Money(c) => write!(f, "{c}"),
            Unit::Parameters => f.write_str("parameters"),
            Unit::Ratio => f.write_str("times"),
            Unit::Share => f.write_str("of the whole"),
        }
    }
}

/// A stated quantity: the figure as the text gives it, in base units
/// ("52 milliards" -> 52000000000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// The stated value; `None` for a range.
    pub value: Option<Decimal>,
    /// The stated lower bound; `None` when open ("moins de 5").
    pub low: Option<Decimal>,
    /// The stated upper bound; `None` when open ("plus de 52").
    pub high: Option<Decimal>,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// The unit counted.
    #[serde(skip)]
    pub unit: Unit,
    /// The unit of the stated precision ("52,4 milliards" -> 100000000; "50 milliards"
    /// -> 1000000000): half of it on each side is what the figure's wording allows.
    pub precision: Decimal,
}

impl Quantity {
    /// The stated bounds of a figure with `value` and `qualifier`.
    pub fn from_value(
        value: Decimal,
        qualifier: Qualifier,
        unit: Unit,
        precision: Decimal,
    ) -> Self {
        let (low, high) = match qualifier {
            Qualifier::MoreThan | Qualifier::AtLeast => (Some(value), None),
            Qualifier::LessThan | Qualifier::AtMost | Qualifier::UpTo => (None, Some(value)),
            Qualifier::Exact | Qualifier::Approx | Qualifier::Range => (Some(value), Some(value)),
        };
        Quantity {
            value: Some(value),
            low,
            high,
            qualifier,
            unit,
            precision,
        }
    }

    /// A stated range "entre X et Y".
    pub fn range(low: Decimal, high: Decimal, unit: Unit, precision: Decimal) -> Self {
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        Quantity {
            value: None,
            low: Some(low),
            high: Some(high),
            qualifier: Qualifier::Range,
            unit,
            precision,
        }
    }
}
