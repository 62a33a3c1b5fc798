//! Parsing one cell of a rate table: a date, a rate, or "N/A". Fast paths for the plain
//! forms the bundled table uses ("2025-02-24", "7.5875"); anything else goes through the
//! general parsers, so a cell is either read exactly or rejected with a reason.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The marker of an absent rate in ECB files.
pub const NOT_AVAILABLE: &str = "N/A";

/// Parse an ISO date ("2025-02-24") or, for the ECB daily file, "30 October 2026".
pub fn parse_date(cell: &str) -> Result<NaiveDate, String> {
    if let Some(d) = parse_iso_date_fast(cell.as_bytes()) {
        return Ok(d);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(cell, "%d %B %Y"))
        .map_err(|_| {
            format!("\"{cell}\" is not a date (expected YYYY-MM-DD, or \"30 October 2026\")")
        })
}

fn parse_iso_date_fast(b: &[u8]) -> Option<NaiveDate> {
    match b {
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => {
            let y = digits(&[*y0, *y1, *y2, *y3])?;
            let m = digits(&[*m0, *m1])?;
            let d = digits(&[*d0, *d1])?;
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
        }
        _ => None,
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Parse a rate: a positive decimal, or "N/A" (returned as `None`).
pub fn parse_rate(cell: &str) -> Result<Option<Decimal>, String> {
    if cell == NOT_AVAILABLE {
        return Ok(None);
    }
    let value = match parse_plain_decimal_fast(cell.as_bytes()) {
        Some(v) => v,
        None => Decimal::from_str_exact(cell).map_err(|_| {
            if cell.is_empty() {
                "empty rate (write N/A when there is no rate)".to_string()
            } else {
                format!("\"{cell}\" is not a rate (expected a decimal such as 7.5875, or N/A)")
            }
        })?,
    };
    if value <= Decimal::ZERO {
        return Err(format!("rate \"{cell}\" is not positive"));
    }
    Ok(Some(value))
}

/// "123.4567": ASCII digits with at most one point, up to 18 digits. `None` when the
/// cell is anything else (the caller then uses the general parser).
fn parse_plain_decimal_fast(b: &[u8]) -> Option<Decimal> {
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut scale: Option<u32> = None;
    let mut n_digits = 0u32;
    for (i, c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                // 19 digits overflow an i64: left to the general parser.
                mantissa = mantissa.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
                n_digits += 1;
            }
            b'.' if scale.is_none() && i > 0 && i + 1 < b.len() => {
                scale = Some(u32::try_from(b.len() - i - 1).ok()?);
            }
            _ => return None,
        }
    }
    if n_digits > 18 {
        return None;
    }
    Some(Decimal::new(mantissa, scale.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn cells() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let rows: &[(&str, Result<Option<Decimal>, ()>)] = &[
            ("7.5875", Ok(Some(d("7.5875")))),
            ("20275.17", Ok(Some(d("20275.17")))),
            ("372816", Ok(Some(d("372816")))),
            ("N/A", Ok(None)),
            ("", Err(())),
            ("n/a", Err(())),
            ("1.2.3", Err(())),
            (".5", Ok(Some(d("0.5")))),
            ("0", Err(())),
            ("-1.5", Err(())),
            ("1e5", Err(())),
            ("12345678901234567890123456789012345", Err(())),
        ];
        for (cell, want) in rows {
            let got = parse_rate(cell).map_err(|_| ());
            assert_eq!(&got, want, "cell {cell:?}");
        }
        assert_eq!(parse_rate("7.5875").unwrap().unwrap().scale(), 4);
    }

    #[test]
    fn dates() {
        let want = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        assert_eq!(parse_date("2026-10-30"), Ok(want));
        assert_eq!(parse_date("30 October 2026"), Ok(want));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("30/10/2026").is_err());
    }
}
