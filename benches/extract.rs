//! `cargo bench --bench extract`: throughput of `extract_mentions` in MB/s, mentions
//! found and peak memory, over text from the corpus generator in `common/corpus.rs`.
//!
//! Environment: `FIGCHECK_BENCH_SIZES` (MB, comma-separated, default "1,10,50"),
//! `FIGCHECK_BENCH_RUNS` (default 5), `FIGCHECK_BENCH_FILES` (default 2000).
//! Peak RSS is VmHWM from /proc/self/status, reset before each measurement through
//! /proc/self/clear_refs where the kernel allows it.

// A benchmark binary reports on stdout.
#![allow(clippy::print_stdout)]

mod common;

use common::corpus::{generate, Density, Lang};
use figcheck::extract::extract_mentions;
use figcheck::rules::RuleSet;
use figcheck::source::Source;
use rayon::prelude::*;
use std::time::{Duration, Instant};

const MB: f64 = 1_000_000.0;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// VmHWM in MB, if the kernel tells.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Reset VmHWM to the current RSS (Linux 4.0+); returns whether it worked.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn rss_text() -> String {
    peak_rss_mb().map_or_else(|| "n/a".to_string(), |m| format!("{m:.0} MB"))
}

fn bench_compile(runs: usize) -> Option<RuleSet> {
    let mut times = Vec::new();
    let mut rules = None;
    for _ in 0..runs {
        let t = Instant::now();
        match RuleSet::bundled() {
            Ok(r) => rules = Some(r),
            Err(e) => {
                println!("bundled rules do not load: {e}");
                return None;
            }
        }
        times.push(t.elapsed());
    }
    let t = median(times);
    println!(
        "rules: RuleSet::bundled() {:.1} ms (median of {runs})",
        t.as_secs_f64() * 1000.0
    );
    rules
}

fn bench_many_files(rules: &RuleSet, files: usize) {
    let size = 25_000;
    let reset = reset_peak_rss();
    let t = Instant::now();
    let (bytes, mentions) = (0..files)
        .into_par_iter()
        .map(|i| {
            let lang = if i % 2 == 0 { Lang::Fr } else { Lang::En };
            let text = generate(lang, size, 1000 + i as u64, Density::News);
            let len = text.len();
            let source = Source::from_text(format!("gen/{i}.txt"), text, lang.code());
            (len, extract_mentions(rules, &source).len())
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extract {files} files of 25 KB in parallel, news density ({} threads, {:.1} MB generated on the fly): {:.1} MB/s, {mentions} mentions, peak RSS {}{}",
        rayon::current_num_threads(),
        bytes as f64 / MB,
        bytes as f64 / MB / secs,
        rss_text(),
        if reset { "" } else { " (peak since start)" },
    );
}

fn bench_large(rules: &RuleSet, mb: f64, runs: usize, density: Density) {
    let reset = reset_peak_rss();
    let half = (mb * MB / 2.0) as usize;
    let sources = [
        Source::from_text("gen/fr.txt", generate(Lang::Fr, half, 7, density), "fr"),
        Source::from_text("gen/en.txt", generate(Lang::En, half, 11, density), "en"),
    ];
    let total: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut per_lang = vec![Vec::new(); sources.len()];
    let mut mentions = vec![0; sources.len()];
    for _ in 0..runs {
        for (i, s) in sources.iter().enumerate() {
            let t = Instant::now();
            let found = extract_mentions(rules, s);
            if let Some(v) = per_lang.get_mut(i) {
                v.push(t.elapsed());
            }
            if let Some(m) = mentions.get_mut(i) {
                *m = found.len();
            }
        }
    }
    let medians: Vec<Duration> = per_lang.into_iter().map(median).collect();
    for (i, s) in sources.iter().enumerate() {
        let d = medians.get(i).copied().unwrap_or_default();
        println!(
            "  {} {:.1} MB: {:.1} MB/s, {} mentions",
            s.lang,
            s.text.len() as f64 / MB,
            s.text.len() as f64 / MB / d.as_secs_f64(),
            mentions.get(i).copied().unwrap_or(0),
        );
    }
    let secs: f64 = medians.iter().map(Duration::as_secs_f64).sum();
    println!(
        "extract fr+en {:.1} MB, {}: {:.1} MB/s (median of {runs}), {} mentions, peak RSS {}{}",
        total as f64 / MB,
        density.name(),
        total as f64 / MB / secs,
        mentions.iter().sum::<usize>(),
        rss_text(),
        if reset { "" } else { " (peak since start)" },
    );
}

fn main() {
    let runs: usize = env_or("FIGCHECK_BENCH_RUNS", "5")
        .parse()
        .unwrap_or(5)
        .max(1);
    let files: usize = env_or("FIGCHECK_BENCH_FILES", "2000")
        .parse()
        .unwrap_or(2000);
    let sizes: Vec<f64> = env_or("FIGCHECK_BENCH_SIZES", "1,10,50")
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let Some(rules) = bench_compile(runs) else {
        return;
    };
    if files > 0 {
        bench_many_files(&rules, files);
    }
    for mb in &sizes {
        bench_large(&rules, *mb, runs, Density::News);
    }
    if let Some(mb) = sizes.first() {
        bench_large(&rules, *mb, runs, Density::Dense);
    }
}
