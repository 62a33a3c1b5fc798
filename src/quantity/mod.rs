//! Value types every stage uses: currencies, qualifiers, intervals, units, quantities.

mod currency;
pub mod format;
mod interval;
pub mod iso4217;
mod qualifier;
mod unit;

pub use currency::Currency;
pub use interval::Interval;
pub use qualifier::Qualifier;
pub use unit::{Quantity, Unit};
