//! Exchange-rate tables, lookups and conversion.
//!
//! - `table`: a table's dated series (no file access);
//! - `ecb`, `user`: the two file formats (ECB wide CSV, long `date,base,quote,rate`);
//! - `bundled`: the ECB table embedded at build time; `load`: bundled + `--rates` folders;
//! - `lookup`: [`RateTables::quote`] and the date policy; `convert`: exact conversion;
//! - `update`: `rates import`, merging and writing atomically;
//! - `amount`: reading amounts as typed on a command line.
//!
//! Only `load` and `update` touch the file system; nothing here prints.

pub mod amount;
pub mod bundled;
mod cell;
mod convert;
pub mod ecb;
mod error;
pub mod format;
mod info;
mod load;
mod lookup;
pub mod normalize;
pub mod table;
pub mod update;
pub mod user;

pub use amount::{parse_amount, AmountError};
pub use convert::Conversion;
pub use error::RateError;
pub use info::TableInfo;
pub use load::read_table;
pub use lookup::{RateQuote, RateTables, IDENTITY};
pub use table::RateTable;
pub use update::{import, ImportSummary};
