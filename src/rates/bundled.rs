//! The ECB table built into the binary (`rates/ecb.csv`, embedded at compile time), so
//! an installed figcheck needs no data files.
//!
//! The table is read from a pre-parsed form that `build.rs` writes from the same CSV
//! (integers, no decimal text to parse: loading it is ~100× cheaper than parsing the
//! CSV, which was a seventh of a one-article run's start-up). When that form is missing
//! or anything in it is unexpected, the CSV is parsed as before; a test checks that
//! both give the same table.

use super::ecb;
use super::table::{RateTable, Series};
use crate::error::Error;
use crate::quantity::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// The name of the bundled table.
pub const NAME: &str = "ecb";

/// Where the bundled table lives in the repository (for messages only).
pub const PATH: &str = "rates/ecb.csv";

/// The text of `rates/ecb.csv` at build time.
pub const TEXT: &str = include_str!("../../rates/ecb.csv");

/// `rates/ecb.csv` pre-parsed by `build.rs` (empty when it could not be).
const PARSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ecb.bin"));

/// The bundled table.
pub fn table() -> Result<RateTable, Error> {
    match decode(PARSED) {
        Some(t) => Ok(t),
        None => ecb::parse_table(TEXT, Path::new(PATH), NAME, None),
    }
}

/// Reads the blob `build.rs` writes (its layout is described there); `None` when it is
/// empty or its header does not hold a valid table. The rates of each currency are read
/// when first asked for ([`unpack`]).
fn decode(blob: &'static [u8]) -> Option<RateTable> {
    let mut r = Reader(blob);
    if r.take(4)? != b"FCR1" {
        return None;
    }
    let n_currencies = usize::from(u16::from_le_bytes(r.array()?));
    let mut currencies: Vec<Currency> = Vec::with_capacity(n_currencies);
    for _ in 0..n_currencies {
        let code = std::str::from_utf8(r.take(3)?).ok()?;
        let c: Currency = code.parse().ok()?;
        if c.as_str() != code || c == Currency::EUR || currencies.contains(&c) {
            return None;
        }
        currencies.push(c);
    }
    let n_rows = usize::try_from(u32::from_le_bytes(r.array()?)).ok()?;
    let mut dates: Vec<NaiveDate> = Vec::with_capacity(n_rows);
    for _ in 0..n_rows {
        let [y0, y1, m, d] = r.array()?;
        let date = NaiveDate::from_ymd_opt(
            i32::from(u16::from_le_bytes([y0, y1])),
            u32::from(m),
            u32::from(d),
        )?;
        if dates.last().is_some_and(|last| *last >= date) {
            return None;
        }
        dates.push(date);
    }
    let mut lengths = Vec::with_capacity(n_currencies);
    for _ in 0..n_currencies {
        lengths.push(usize::try_from(u32::from_le_bytes(r.array()?)).ok()?);
    }
    let mut series = BTreeMap::new();
    for (currency, len) in currencies.into_iter().zip(lengths) {
        // At least one byte a cell.
        let cells = r.take(len)?;
        if cells.len() < n_rows {
            return None;
        }
        series.insert(
            (Currency::EUR, currency),
            Series::packed(dates.clone(), cells),
        );
    }
    if !r.0.is_empty() {
        return None;
    }
    Some(RateTable {
        name: NAME.to_string(),
        origin: None,
        series,
        rows: n_rows,
    })
}

/// The rates of one currency column of the blob, one per row (`None`: N/A). The column
/// was written by `build.rs` from the CSV it is checked against (a test reads them all);
/// reading stops at a cell it cannot read, which then has no row.
pub(crate) fn unpack(cells: &[u8]) -> Vec<Option<Decimal>> {
    let mut r = Reader(cells);
    let mut out = Vec::with_capacity(cells.len() / 3);
    while !r.0.is_empty() {
        match r.rate() {
            Some(v) => out.push(v),
            None => break,
        }
    }
    out
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn byte(&mut self) -> Option<u8> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }

    /// A scale byte (255: N/A) and the digits as LEB128: a positive rate, or `None`
    /// inside for N/A; `None` outside when the blob is cut or out of range.
    fn rate(&mut self) -> Option<Option<Decimal>> {
        let scale = self.byte()?;
        if scale == 255 {
            return Some(None);
        }
        let mut mantissa: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            mantissa |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift > 56 {
                return None;
            }
        }
        let mantissa = i64::try_from(mantissa).ok()?;
        if mantissa == 0 || u32::from(scale) > 28 {
            return None;
        }
        Some(Some(Decimal::new(mantissa, u32::from(scale))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pre_parsed_table_is_the_csv() {
        let decoded = decode(PARSED).expect("build.rs wrote a readable ecb.bin");
        let parsed = ecb::parse_table(TEXT, Path::new(PATH), NAME, None).unwrap();
        assert_eq!(decoded, parsed);
        // Same decimals to the digit, scale included ("1.10" stays 1.10): equality of
        // decimals is numeric, their debug form is not.
        assert_eq!(format!("{decoded:?}"), format!("{parsed:?}"));
        assert!(decode(b"").is_none());
        assert!(decode(PARSED.get(..PARSED.len() - 1).unwrap()).is_none());
    }
}
