//! How long loading the bundled ECB table takes (parse every date and rate of the
//! whole history). Run with `cargo bench --bench rates_load`; prints the mean per load.
#![allow(clippy::print_stdout, missing_docs)]

use figcheck::rates::RateTables;
use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(50);
    // One warm-up load, also a check that the table is usable.
    let Ok(tables) = RateTables::bundled() else {
        println!("the bundled table does not load");
        return;
    };
    let rows = tables.tables().first().map_or(0, |t| t.rows);
    let start = Instant::now();
    for _ in 0..n {
        let t = RateTables::bundled();
        std::hint::black_box(&t);
    }
    let mean_ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    println!(
        "rates_load: bundled ECB table ({rows} rows x {} currencies): {mean_ms:.2} ms per load (mean of {n})",
        tables.currencies().len().saturating_sub(1)
    );
}
