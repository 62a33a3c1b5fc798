//! `cargo bench --bench extract`: throughput of `extract_mentions` in MB/s, mentions
//! found and peak memory, over text from the corpus generator in `common/corpus.rs`.
//!
//! Environment: `FIGCHECK_BENCH_SIZES` (MB, comma-separated, default "1,10,50"),
//! `FIGCHECK_BENCH_RUNS` (default 5), `FIGCHECK_BENCH_FILES` (default 2000),
//! `FIGCHECK_BENCH_CASES` (comma-separated, default all: `files`, `default`, `default1`,
//! `news`, `dense`, `lang`, `scan`).
//! `default` is the path a user takes: files read as the binary reads them (no
//! `--lang`: the language detected from the text), then extracted; a French and an
//! English file. `default1` is the same text as one file, French then English (issue
//! 14's "100 MB news-like FR+EN file"; ripgrep reads one file on one thread).
//! Per language (every language with a pack): the example articles' bodies repeated.
//! `scan`: the floor under extraction, each language's combined regex alone finding
//! where the figures are on one thread (no reading, no interpreting).
//! Peak RSS is VmHWM from /proc/self/status, reset before each measurement through
//! /proc/self/clear_refs where the kernel allows it.

// A benchmark binary reports on stdout.
#![allow(clippy::print_stdout)]

/// The binary's allocator, so the benchmark measures what a user runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use common::corpus::{generate, Density, Lang};
use figcheck::extract::extract_mentions;
use figcheck::rules::RuleSet;
use figcheck::source::load::{source_from_bytes, LoadOptions};
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

/// The default path: a French and an English news file of `mb` MB together, each read
/// from bytes as the binary reads a file given without `--lang` (front matter none, the
/// language detected), then extracted; the time includes reading and detecting, after
/// one untimed run.
fn bench_default_path(rules: &RuleSet, mb: f64, runs: usize, one_file: bool) {
    let reset = reset_peak_rss();
    let half = (mb * MB / 2.0) as usize;
    let fr = generate(Lang::Fr, half, 7, Density::News);
    let en = generate(Lang::En, half, 11, Density::News);
    let files = if one_file {
        vec![("gen/fr-en-news.txt", fr + "\n" + &en)]
    } else {
        vec![("gen/fr-news.txt", fr), ("gen/en-news.txt", en)]
    };
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let opts = LoadOptions {
        known_langs: rules.languages(),
        ..LoadOptions::default()
    };
    let mut times = Vec::new();
    let mut reading = Vec::new();
    let mut found = Vec::new();
    // One untimed run first: the lazy DFAs of both languages fill their caches on the
    // first megabytes they read, on each thread (a cost of the first run only).
    for i in 0..=runs {
        // the file's bytes, as read from disk (the copy is not timed)
        let bytes: Vec<Vec<u8>> = files.iter().map(|(_, t)| t.clone().into_bytes()).collect();
        let t = Instant::now();
        let mut read = Duration::ZERO;
        found.clear();
        for ((path, _), bytes) in files.iter().zip(bytes) {
            let r = Instant::now();
            let source = source_from_bytes(path, bytes, &opts);
            read += r.elapsed();
            match source {
                Ok(source) => {
                    found.push((source.lang.clone(), extract_mentions(rules, &source).len()))
                }
                Err(e) => println!("{path}: {e}"),
            }
        }
        if i > 0 {
            times.push(t.elapsed());
            reading.push(read);
        }
    }
    let d = median(times);
    let read = median(reading);
    let langs: Vec<String> = found.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let ripgrep = ripgrep_mb_s(&files, runs)
        .map(|rg| {
            let ours = total as f64 / MB / d.as_secs_f64();
            format!(
                "; ripgrep, one money regex, same files: {rg:.1} MB/s ({:.1}x figcheck)",
                rg / ours
            )
        })
        .unwrap_or_default();
    println!(
        "extract default path (no --lang), fr+en news {:.1} MB in {} file(s): {:.1} MB/s (median of {runs}; reading the files {:.0} ms of {:.0} ms), mentions {}, peak RSS {}{}",
        total as f64 / MB,
        files.len(),
        total as f64 / MB / d.as_secs_f64(),
        read.as_secs_f64() * 1000.0,
        d.as_secs_f64() * 1000.0,
        langs.join(", "),
        rss_text(),
        if reset { "" } else { " (peak since start)" },
    );
    if !ripgrep.is_empty() {
        println!("  {}", ripgrep.trim_start_matches("; "));
    }
}

/// The yardstick of issue 14: ripgrep (when `rg` is on the PATH) counting the lines that
/// hold a money amount in the same files, written to a temporary folder (read from the
/// page cache, both files side by side as ripgrep does), median of `runs` after one
/// untimed run. `None` without ripgrep.
fn ripgrep_mb_s(files: &[(&str, String)], runs: usize) -> Option<f64> {
    const MONEY: &str = r"[$€£¥] ?[0-9][0-9,. ]*(?: ?(?:million|billion|bn|m))?|[0-9][0-9,. ]*(?: (?:millions?|milliards?|billions?|millions?))? ?(?:d'euros|de dollars|de yuans|dollars|euros|yuans?)";
    std::process::Command::new("rg")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let dir = tempfile::tempdir().ok()?;
    let mut total = 0;
    for (path, text) in files {
        let name = path.rsplit('/').next().unwrap_or(path);
        std::fs::write(dir.path().join(name), text).ok()?;
        total += text.len();
    }
    let mut times = Vec::new();
    for i in 0..=runs {
        let t = Instant::now();
        let out = std::process::Command::new("rg")
            .args(["--count", "--no-config", MONEY])
            .arg(dir.path())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        if i > 0 {
            times.push(t.elapsed());
        }
    }
    Some(total as f64 / MB / median(times).as_secs_f64())
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

/// The combined regex alone on French and English news: every match found from the end
/// of the one before, as a scan finds them, on one thread (MB/s per thread), then both
/// languages at once on two threads (do two cores scale?). The extraction cases use
/// every core.
fn bench_scan_floor(rules: &RuleSet, mb: f64, runs: usize) {
    let mut texts = Vec::new();
    for (lang, seed, code) in [(Lang::Fr, 7, "fr"), (Lang::En, 11, "en")] {
        if let Some(matcher) = rules.matcher(code) {
            let text = generate(lang, (mb * MB / 2.0) as usize, seed, Density::News);
            texts.push((code, matcher, text));
        }
    }
    // Matches of `matcher` in `text`, and the time the scan took.
    let scan = |matcher: &figcheck::rules::LangMatcher, text: &str| {
        let t = Instant::now();
        let (mut pos, mut n) = (0, 0usize);
        while let Some(m) = matcher
            .regex
            .find(regex_automata::Input::new(text).range(pos..))
        {
            n += 1;
            pos = m.end().max(pos + 1);
            if pos > text.len() {
                break;
            }
        }
        (n, t.elapsed())
    };
    for (code, matcher, text) in &texts {
        let mut times = Vec::new();
        let mut found = 0;
        for i in 0..=runs {
            let (n, d) = scan(matcher, text);
            found = n;
            if i > 0 {
                times.push(d);
            }
        }
        let dfa = matcher
            .regex
            .lazy_dfa_stats()
            .map(|s| {
                format!(
                    "; lazy DFA: {} byte classes, forward cache {:.1} MB (cleared {}x), reverse {:.1} MB",
                    s.classes,
                    s.forward_bytes as f64 / MB,
                    s.clears,
                    s.reverse_bytes as f64 / MB
                )
            })
            .unwrap_or_default();
        println!(
            "scan floor, {code} news {:.1} MB, the combined regex alone on one thread: {:.1} MB/s (median of {runs}), {found} matches{dfa}",
            text.len() as f64 / MB,
            text.len() as f64 / MB / median(times).as_secs_f64(),
        );
    }
    // Both at once, each on its own thread (whose lazy DFA fills on the first run).
    let mut per_thread: Vec<Vec<Duration>> = vec![Vec::new(); texts.len()];
    for i in 0..=runs {
        let took: Vec<Duration> = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .iter()
                .map(|(_, matcher, text)| s.spawn(move || scan(matcher, text).1))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        if i > 0 {
            for (v, d) in per_thread.iter_mut().zip(took) {
                v.push(d);
            }
        }
    }
    let each: Vec<String> = texts
        .iter()
        .zip(per_thread)
        .map(|((code, _, text), times)| {
            format!(
                "{code} {:.1}",
                text.len() as f64 / MB / median(times).as_secs_f64()
            )
        })
        .collect();
    println!(
        "scan floor, both at once on two threads: {} MB/s per thread",
        each.join(", ")
    );
}

/// Throughput per language with a pack, on news text: the example articles of each
/// language (examples/alibaba, examples/brumelune: real figures, several per KB), bodies
/// repeated to `mb` MB, read with that language's rules.
fn bench_per_language(rules: &RuleSet, mb: f64, runs: usize) {
    let mut bodies: std::collections::BTreeMap<String, String> = Default::default();
    for dir in ["examples/alibaba", "examples/brumelune"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // The language is the file name's fourth part: 2025-02-24-zh-plan.md.
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let Some(lang) = name.split('-').nth(3) else {
                continue;
            };
            // The body: what follows the closing front matter line.
            let body = text.splitn(3, "---").nth(2).unwrap_or(&text);
            let entry = bodies.entry(lang.to_string()).or_default();
            entry.push_str(body);
            entry.push_str("\n\n");
        }
    }
    for (lang, body) in &bodies {
        if body.trim().is_empty() {
            continue;
        }
        let target = (mb * MB) as usize;
        let mut text = String::with_capacity(target + body.len());
        while text.len() < target {
            text.push_str(body);
        }
        let source = Source::from_text(format!("gen/news-{lang}.md"), text, lang);
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..runs {
            let t = Instant::now();
            found = extract_mentions(rules, &source).len();
            times.push(t.elapsed());
        }
        let d = median(times);
        let len = source.text.len() as f64;
        println!(
            "  {lang} news {:.1} MB ({:.1} figures per KB): {:.1} MB/s, {found} mentions",
            len / MB,
            found as f64 / (len / 1000.0),
            len / MB / d.as_secs_f64(),
        );
    }
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
    let cases = env_or("FIGCHECK_BENCH_CASES", "files,default,news,dense,lang");
    let case = |name: &str| cases.split(',').any(|c| c.trim() == name);
    let Some(rules) = bench_compile(runs) else {
        return;
    };
    if files > 0 && case("files") {
        bench_many_files(&rules, files);
    }
    for mb in &sizes {
        if case("default") {
            bench_default_path(&rules, *mb, runs, false);
        }
        if case("default1") {
            bench_default_path(&rules, *mb, runs, true);
        }
        if case("news") {
            bench_large(&rules, *mb, runs, Density::News);
        }
    }
    if let Some(mb) = sizes.first() {
        if case("dense") {
            bench_large(&rules, *mb, runs, Density::Dense);
        }
        if case("scan") {
            bench_scan_floor(&rules, *mb, runs);
        }
        if case("lang") {
            println!("extract per language, example articles repeated (median of {runs}):");
            bench_per_language(&rules, *mb, runs);
        }
    }
}
