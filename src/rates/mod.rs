//! Exchange-rate tables, lookups and conversion.
//!
//! - `table`: a table's dated series (no file access);
//! - `ecb`, `user`: the two file formats (ECB wide CSV, long `date,base,quote,rate`);
//! - `bundled`: the ECB table embedded at build time; `load`: bundled + the data
//!   folder's updated table + `--rates` folders;
//! - `lookup`: [`RateTables::quote`] and the date policy; `convert`: exact conversion;
//! - `update`: `rates import` (merging) and `rates update` (installing), both writing
//!   atomically;
//! - `data_dir`: where `rates update` installs its table (names paths only);
//! - `download`: the HTTP GET of `rates update`; `unzip`: the CSV out of the ECB's zip;
//! - `amount`: reading amounts as typed on a command line.
//!
//! Only `load` and `update` touch the file system and only `download` the network;
//! nothing here prints.

pub mod amount;
pub mod bundled;
mod cell;
mod convert;
pub mod data_dir;
pub mod download;
pub mod ecb;
mod error;
pub mod format;
mod info;
mod load;
mod lookup;
pub mod normalize;
pub mod table;
pub mod unzip;
pub mod update;
pub mod user;

pub use amount::{parse_amount, AmountError};
pub use convert::Conversion;
pub use error::{RateError, UPDATE_HINT};
pub use info::TableInfo;
pub use load::{read_table, read_updated};
pub use lookup::{RateQuote, RateTables, IDENTITY};
pub use table::RateTable;
pub use update::{import, install, ImportSummary, InstallSummary};
