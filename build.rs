//! Rebuild when the bundled rule packs or rate tables change: they are embedded in the
//! binary (include_dir / include_str), and cargo does not see new files on its own.
//!
//! Also writes `$OUT_DIR/ecb.bin`, the bundled ECB table (`rates/ecb.csv`) pre-parsed, so
//! that start-up reads integers instead of parsing 290 000 decimal cells (see
//! `src/rates/bundled.rs`, which decodes it and checks it against the CSV in a test).
//! Anything this simple reader does not expect (a cell that is not plain digits with at
//! most one point, rows out of order...) gives an empty file: the CSV is then parsed at
//! run time as before, with its exact error messages.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rates");
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let blob = std::fs::read_to_string(Path::new("rates").join("ecb.csv"))
        .ok()
        .and_then(|text| encode(&text))
        .unwrap_or_default();
    if let Err(e) = std::fs::write(out.join("ecb.bin"), blob) {
        println!("cargo:warning=cannot write ecb.bin: {e}");
    }
}

/// The blob, little-endian: `FCR1`, u16 currency count, 3 bytes per code, u32 row count,
/// each row's date as u16 year, u8 month, u8 day, each column's length in bytes as u32;
/// then column by column, each cell a scale byte (digits after the point; 255 for N/A)
/// followed, unless N/A, by the digits as an unsigned LEB128 integer.
fn encode(text: &str) -> Option<Vec<u8>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next()?.split(',').collect();
    let (first, codes) = header.split_first()?;
    if *first != "Date" || codes.is_empty() || codes.len() > usize::from(u16::MAX) {
        return None;
    }
    let mut blob = b"FCR1".to_vec();
    blob.extend_from_slice(&u16::try_from(codes.len()).ok()?.to_le_bytes());
    for code in codes {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        blob.extend_from_slice(code.as_bytes());
    }
    let mut dates: Vec<(u16, u8, u8)> = Vec::new();
    let mut columns: Vec<Vec<u8>> = vec![Vec::new(); codes.len()];
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let (date, rates) = cells.split_first()?;
        if rates.len() != codes.len() {
            return None;
        }
        let date = parse_date(date)?;
        if dates.last().is_some_and(|last| *last >= date) {
            return None;
        }
        dates.push(date);
        for (column, cell) in columns.iter_mut().zip(rates) {
            encode_cell(cell, column)?;
        }
    }
    blob.extend_from_slice(&u32::try_from(dates.len()).ok()?.to_le_bytes());
    for (y, m, d) in &dates {
        blob.extend_from_slice(&y.to_le_bytes());
        blob.push(*m);
        blob.push(*d);
    }
    for column in &columns {
        blob.extend_from_slice(&u32::try_from(column.len()).ok()?.to_le_bytes());
    }
    for column in columns {
        blob.extend_from_slice(&column);
    }
    Some(blob)
}

/// "YYYY-MM-DD" as numbers (the calendar is checked when the blob is read).
fn parse_date(cell: &str) -> Option<(u16, u8, u8)> {
    let mut parts = cell.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let num = |s: &str| -> Option<u16> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    Some((
        num(y)?,
        u8::try_from(num(m)?).ok()?,
        u8::try_from(num(d)?).ok()?,
    ))
}

/// "N/A", or a positive "123.4567" (at most 18 digits, as the run-time fast path reads).
fn encode_cell(cell: &str, out: &mut Vec<u8>) -> Option<()> {
    if cell == "N/A" {
        out.push(255);
        return Some(());
    }
    let (int, frac) = cell.split_once('.').unwrap_or((cell, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || (cell.contains('.') && frac.is_empty()) || !plain(int) || !plain(frac) {
        return None;
    }
    let digits = format!("{int}{frac}");
    if digits.len() > 18 {
        return None;
    }
    let mut mantissa: u64 = digits.parse().ok()?;
    if mantissa == 0 {
        return None;
    }
    out.push(u8::try_from(frac.len()).ok()?);
    loop {
        let low = u8::try_from(mantissa & 0x7f).ok()?;
        mantissa >>= 7;
        if mantissa == 0 {
            out.push(low);
            return Some(());
        }
        out.push(low | 0x80);
    }
}
