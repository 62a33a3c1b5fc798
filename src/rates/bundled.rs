//! The ECB table built into the binary (`rates/ecb.csv`, embedded at compile time), so
//! an installed figcheck needs no data files.

use super::ecb;
use super::table::RateTable;
use crate::error::Error;
use std::path::Path;

/// The name of the bundled table.
pub const NAME: &str = "ecb";

/// Where the bundled table lives in the repository (for messages only).
pub const PATH: &str = "rates/ecb.csv";

/// The text of `rates/ecb.csv` at build time.
pub const TEXT: &str = include_str!("../../rates/ecb.csv");

/// Parse the bundled table.
pub fn table() -> Result<RateTable, Error> {
    ecb::parse_table(TEXT, Path::new(PATH), NAME, None)
}
