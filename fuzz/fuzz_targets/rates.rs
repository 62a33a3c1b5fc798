//! Rate tables: the ECB wide format (two readers: `parse` and the fast `parse_table`)
//! and the long user format. Invariants: same result twice; the two ECB readers agree
//! (both fail, or give the same table); every rate read is positive; a table written
//! back with `to_csv` reads back the same; errors point into the file.
#![no_main]

use figcheck::rates::{ecb, user};
use figcheck_fuzz::{check_errors, Lines};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("table.csv");
    let files = [(PathBuf::from(path), text.to_string())];
    let wide = ecb::parse(text, path);
    assert_eq!(wide, ecb::parse(text, path), "not deterministic");
    let fast = ecb::parse_table(text, path, "table", None);
    match (&wide, &fast) {
        (Ok(data), Ok(table)) => {
            assert_eq!(
                &data.clone().into_table("table", None),
                table,
                "the ECB readers disagree"
            );
            for row in data.rows.values() {
                for v in row.iter().flatten() {
                    assert!(v.is_sign_positive() && !v.is_zero(), "rate {v} read");
                }
            }
            let again = ecb::parse(&data.to_csv(), path);
            assert_eq!(again.as_ref(), Ok(data), "to_csv does not read back");
        }
        (Err(a), Err(_)) => check_errors(std::slice::from_ref(a), &files, Lines::Lf),
        _ => panic!("the ECB readers disagree: {wide:?} / {fast:?}"),
    }
    let long = user::parse(text, path, "table");
    assert_eq!(long, user::parse(text, path, "table"), "not deterministic");
    if let Err(e) = &long {
        check_errors(std::slice::from_ref(e), &files, Lines::Lf);
    }
});
