//! Evaluation runner: how well figcheck ties figures to facts and judges facts on real
//! multi-outlet coverage it was not tuned on (tests/eval/, see its README.md).
//!
//! ```text
//! cargo run --release --example eval -- tests/eval [--verbose] [--no-ledger]
//! ```
//!
//! With `--no-ledger` the ledger is left out and figcheck discovers facts across the
//! articles; the discovered groups are scored against the ledger facts instead of ties
//! and verdicts: ledger facts found as one group (all their grouped figures in one
//! group that holds no other fact's figure), facts split over two or more groups, groups
//! that mix figures of two facts, facts with no grouped figure; findings as below.
//!
//! For each story folder: the ledger (`ledger.toml`) is loaded as a rule pack next to the
//! bundled ones, `figcheck check --format json` runs over `articles/` (through the same
//! library call as the binary), and the report is scored against `expected.toml`:
//!
//! - an expected figure is *found* when a claim's bytes overlap its text (located by
//!   `occurrence` in the article body);
//! - tie recall = expected figures with a fact whose claim is tied to that fact /
//!   expected figures with a fact;
//! - tie precision = claims tied to the expected fact / claims tied to any fact (a claim
//!   tied to a fact where the expected figure says "none", or that matches no expected
//!   figure, is a wrong tie);
//! - verdicts: each ledger fact's verdict against the expected one (a fact with no claim
//!   counts as wrong);
//! - findings (error or warning, not `undated-source`/`rate-unavailable`): *right* when
//!   the flagged claim is an expected culprit, else a *false alarm*; culprits caught, and
//!   caught with the expected cause.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a measuring tool prints
#![allow(clippy::indexing_slicing)] // serde_json::Value indexing returns Null, never panics

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Expected {
    #[serde(default)]
    figure: Vec<Figure>,
    #[serde(default)]
    verdict: Vec<VerdictDef>,
}

#[derive(Debug, Deserialize)]
struct Figure {
    file: String,
    text: String,
    #[serde(default)]
    occurrence: Option<usize>,
    fact: String,
}

#[derive(Debug, Deserialize)]
struct VerdictDef {
    fact: String,
    verdict: String,
    #[serde(default)]
    culprits: Vec<Culprit>,
}

#[derive(Debug, Deserialize)]
struct Culprit {
    file: String,
    text: String,
    #[serde(default)]
    cause: String,
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    figures: usize,
    expected_tied: usize,
    found: usize,
    recalled: usize,
    tied: usize,
    tied_right: usize,
    facts: usize,
    verdicts_right: usize,
    findings: usize,
    false_alarms: usize,
    culprits: usize,
    culprits_caught: usize,
    culprits_cause: usize,
    /// No-ledger mode: ledger facts found as one discovered group.
    one_group: usize,
    /// No-ledger mode: ledger facts split over two or more groups.
    split: usize,
    /// No-ledger mode: discovered groups holding figures of two or more ledger facts.
    mixed: usize,
    /// No-ledger mode: ledger facts none of whose figures was grouped.
    ungrouped: usize,
    /// No-ledger mode: discovered groups.
    groups: usize,
    /// No-ledger mode: ledger facts with expected figures.
    ledger_facts: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.figures += o.figures;
        self.expected_tied += o.expected_tied;
        self.found += o.found;
        self.recalled += o.recalled;
        self.tied += o.tied;
        self.tied_right += o.tied_right;
        self.facts += o.facts;
        self.verdicts_right += o.verdicts_right;
        self.findings += o.findings;
        self.false_alarms += o.false_alarms;
        self.culprits += o.culprits;
        self.culprits_caught += o.culprits_caught;
        self.culprits_cause += o.culprits_cause;
        self.one_group += o.one_group;
        self.split += o.split;
        self.mixed += o.mixed;
        self.ungrouped += o.ungrouped;
        self.groups += o.groups;
        self.ledger_facts += o.ledger_facts;
    }
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "  -  ".to_string()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let r = a as f64 / b as f64;
        format!("{r:.3}")
    }
}

/// Byte offset where the body starts: after a leading `---`/`+++` header block.
fn body_start(text: &str) -> usize {
    for delim in ["---", "+++"] {
        if text.starts_with(&format!("{delim}\n")) || text.starts_with(&format!("{delim}\r\n")) {
            let mut pos = delim.len() + 1;
            for line in text.get(pos..).unwrap_or("").split_inclusive('\n') {
                pos += line.len();
                if line.trim_end() == delim || (delim == "---" && line.trim_end() == "...") {
                    return pos;
                }
            }
        }
    }
    0
}

/// The file byte span of the n-th (1-based) occurrence of `needle` in the body.
fn locate(text: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let body = body_start(text);
    let mut from = body;
    let mut n = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(needle)) {
        let s = from + i;
        n += 1;
        if n == occurrence {
            return Some((s, s + needle.len()));
        }
        from = s + needle.len().max(1);
    }
    None
}

struct ClaimInfo {
    file: String,
    start: usize,
    end: usize,
    text: String,
    fact: Option<String>,
}

fn claims_of(report: &Value) -> Vec<ClaimInfo> {
    let mut out = Vec::new();
    let mut push = |c: &Value, fact: Option<String>| {
        let path = c["path"].as_str().unwrap_or("");
        let file = Path::new(path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(ClaimInfo {
            file,
            start: c["start"].as_u64().unwrap_or(0) as usize,
            end: c["end"].as_u64().unwrap_or(0) as usize,
            text: c["text"].as_str().unwrap_or("").to_string(),
            fact,
        });
    };
    for f in report["facts"].as_array().into_iter().flatten() {
        for c in f["claims"].as_array().into_iter().flatten() {
            push(c, c["fact"].as_str().map(String::from));
        }
    }
    for c in report["unassigned"].as_array().into_iter().flatten() {
        push(c, None);
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// No-ledger mode: the discovered groups against the ledger facts of the expected
/// figures (`located`: each expected figure with its span).
fn score_groups(
    name: &str,
    located: &[(&Figure, Option<(usize, usize)>)],
    claims: &[ClaimInfo],
    verbose: bool,
    s: &mut Score,
) {
    use std::collections::BTreeSet;
    // ledger fact -> discovered groups of its figures; group -> ledger facts
    let mut groups_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut facts_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (f, span) in located {
        if f.fact == "none" {
            continue;
        }
        let e = groups_of.entry(f.fact.as_str()).or_default();
        let Some(span) = span else { continue };
        for c in claims
            .iter()
            .filter(|c| c.file == f.file && overlaps(*span, (c.start, c.end)))
        {
            if let Some(g) = c.fact.as_deref() {
                e.insert(g);
                facts_of.entry(g).or_default().insert(f.fact.as_str());
            }
        }
    }
    let all_groups: BTreeSet<&str> = claims.iter().filter_map(|c| c.fact.as_deref()).collect();
    s.groups += all_groups.len();
    for (g, fs) in &facts_of {
        if fs.len() > 1 {
            s.mixed += 1;
            if verbose {
                println!("  {name}: MIXED {g}: {fs:?}");
            }
        }
    }
    s.ledger_facts += groups_of.len();
    for (fact, gs) in &groups_of {
        match gs.len() {
            0 => {
                s.ungrouped += 1;
                if verbose {
                    println!("  {name}: UNGROUPED {fact}");
                }
            }
            1 => {
                let pure = gs
                    .iter()
                    .all(|g| facts_of.get(g).is_some_and(|f| f.len() == 1));
                if pure {
                    s.one_group += 1;
                } else if verbose {
                    println!("  {name}: IN A MIXED GROUP {fact}: {gs:?}");
                }
            }
            _ => {
                s.split += 1;
                if verbose {
                    println!("  {name}: SPLIT {fact}: {gs:?}");
                }
            }
        }
    }
}

fn run_story(dir: &Path, verbose: bool, no_ledger: bool) -> Result<Score, String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expected: Expected = toml::from_str(
        &std::fs::read_to_string(dir.join("expected.toml")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{name}/expected.toml: {e}"))?;
    // The ledger as a pack of its own.
    let pack = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::write(
        pack.path().join("pack.toml"),
        "name = \"ledger\"\nlang = \"*\"\nversion = \"1\"\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::copy(dir.join("ledger.toml"), pack.path().join("ledger.toml"))
        .map_err(|e| e.to_string())?;
    let articles = dir.join("articles");
    let pack_path = pack.path().to_string_lossy().into_owned();
    let articles_path = articles.to_string_lossy().into_owned();
    let mut args = vec![
        "figcheck",
        "check",
        "--no-config",
        "--quiet",
        "--format",
        "json",
        "--fail-on",
        "never",
    ];
    if !no_ledger {
        args.extend(["--rules", pack_path.as_str()]);
    }
    args.push(articles_path.as_str());
    let cli = <figcheck::cli::args::Cli as clap::Parser>::try_parse_from(args)
        .map_err(|e| e.to_string())?;
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = figcheck::cli::run(cli, &mut out, &mut err).map_err(|e| e.to_string())?;
    if status.code() == 2 {
        return Err(format!("{name}: {}", String::from_utf8_lossy(&err)));
    }
    let report: Value = serde_json::from_slice(&out).map_err(|e| format!("{name}: {e}"))?;
    let claims = claims_of(&report);
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut s = Score::default();
    // Expected figures, located.
    let mut located: Vec<(&Figure, Option<(usize, usize)>)> = Vec::new();
    for f in &expected.figure {
        let text = texts
            .entry(f.file.clone())
            .or_insert_with(|| std::fs::read_to_string(articles.join(&f.file)).unwrap_or_default());
        let span = locate(text, &f.text, f.occurrence.unwrap_or(1));
        if span.is_none() {
            eprintln!("{name}: expected figure {:?} not in {}", f.text, f.file);
        }
        located.push((f, span));
    }
    let expected_for = |c: &ClaimInfo| -> Option<&Figure> {
        located
            .iter()
            .find(|(f, span)| {
                f.file == c.file && span.is_some_and(|sp| overlaps(sp, (c.start, c.end)))
            })
            .map(|(f, _)| *f)
    };
    if no_ledger {
        score_groups(&name, &located, &claims, verbose, &mut s);
    }
    for (f, span) in &located {
        s.figures += 1;
        let Some(span) = span else { continue };
        let mine: Vec<&ClaimInfo> = claims
            .iter()
            .filter(|c| c.file == f.file && overlaps(*span, (c.start, c.end)))
            .collect();
        if !mine.is_empty() {
            s.found += 1;
        }
        if f.fact != "none" {
            s.expected_tied += 1;
            if mine
                .iter()
                .any(|c| c.fact.as_deref() == Some(f.fact.as_str()))
            {
                s.recalled += 1;
            } else if verbose && !no_ledger {
                let got: Vec<String> = mine
                    .iter()
                    .map(|c| c.fact.clone().unwrap_or_else(|| "untied".into()))
                    .collect();
                println!(
                    "  {name}: MISSED {}  {:?} -> expected {}, got {}",
                    f.file,
                    f.text,
                    f.fact,
                    if got.is_empty() {
                        "not extracted".to_string()
                    } else {
                        got.join(", ")
                    }
                );
            }
        }
    }
    for c in &claims {
        let Some(fact) = &c.fact else { continue };
        s.tied += 1;
        match expected_for(c) {
            Some(f) if &f.fact == fact => s.tied_right += 1,
            other => {
                if verbose && !no_ledger {
                    println!(
                        "  {name}: WRONG TIE {}  {:?} -> {fact}, expected {}",
                        c.file,
                        c.text,
                        other.map_or("(no expected figure)", |f| f.fact.as_str())
                    );
                }
            }
        }
    }
    // Verdicts.
    let verdicts: BTreeMap<String, String> = report["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["verdict"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut culprits: Vec<(&Culprit, Option<(usize, usize)>)> = Vec::new();
    for v in &expected.verdict {
        s.facts += 1;
        let got = verdicts.get(&v.fact).map_or("no claim", String::as_str);
        if got == v.verdict {
            s.verdicts_right += 1;
        } else if verbose && !no_ledger {
            println!(
                "  {name}: VERDICT {}: expected {}, got {got}",
                v.fact, v.verdict
            );
        }
        for c in &v.culprits {
            let text = texts.entry(c.file.clone()).or_insert_with(|| {
                std::fs::read_to_string(articles.join(&c.file)).unwrap_or_default()
            });
            culprits.push((c, locate(text, &c.text, 1)));
        }
    }
    s.culprits = culprits.len();
    let mut caught = vec![false; culprits.len()];
    let mut with_cause = vec![false; culprits.len()];
    for f in report["findings"].as_array().into_iter().flatten() {
        let check = f["check"].as_str().unwrap_or("");
        let sev = f["severity"].as_str().unwrap_or("");
        if !(sev == "error" || sev == "warning")
            || check == "undated-source"
            || check == "rate-unavailable"
            || check == "unsupported-language"
        {
            continue;
        }
        s.findings += 1;
        let flagged = f["claims"].get(0);
        let hit = flagged.and_then(|c| {
            let path = c["path"].as_str().unwrap_or("");
            let file = Path::new(path).file_name()?.to_string_lossy().into_owned();
            let span = (c["start"].as_u64()? as usize, c["end"].as_u64()? as usize);
            culprits
                .iter()
                .position(|(k, sp)| k.file == file && sp.is_some_and(|sp| overlaps(sp, span)))
        });
        match hit {
            Some(i) => {
                if let Some(x) = caught.get_mut(i) {
                    *x = true;
                }
                let cause = f["cause"].as_str().unwrap_or("").to_lowercase();
                let want = culprits.get(i).map_or("", |(k, _)| k.cause.as_str());
                let ok = match want {
                    "factor-1000" => cause.contains("1000"),
                    "factor-10" => {
                        cause.contains("factor 10")
                            || cause.contains("×10")
                            || cause.contains("digit")
                    }
                    "other-currency" => cause.contains("currency"),
                    "stale-rate" => cause.contains("rate") || check == "stale-conversion",
                    _ => !cause.is_empty(),
                };
                if ok {
                    if let Some(x) = with_cause.get_mut(i) {
                        *x = true;
                    }
                }
            }
            None => {
                s.false_alarms += 1;
                if verbose {
                    println!(
                        "  {name}: FALSE ALARM [{check}] {}",
                        f["message"]
                            .as_str()
                            .unwrap_or("")
                            .chars()
                            .take(160)
                            .collect::<String>()
                    );
                }
            }
        }
    }
    s.culprits_caught = caught.iter().filter(|x| **x).count();
    s.culprits_cause = with_cause.iter().filter(|x| **x).count();
    Ok(s)
}

/// One line of the table.
fn print_row(name: &str, s: &Score) {
    println!(
        "{:<36} {:>5} {:>6} {:>7} {:>7} {:>5}/{:<2} {:>6} {:>3}/{} ({})",
        name,
        s.figures,
        s.found,
        ratio(s.recalled, s.expected_tied),
        ratio(s.tied_right, s.tied),
        s.verdicts_right,
        s.facts,
        s.false_alarms,
        s.culprits_caught,
        s.culprits,
        s.culprits_cause
    );
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    let no_ledger = args.iter().any(|a| a == "--no-ledger");
    let root = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map_or_else(|| PathBuf::from("tests/eval"), PathBuf::from);
    let mut stories: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(d) => d
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("expected.toml").is_file())
            .collect(),
        Err(e) => {
            eprintln!("{}: {e}", root.display());
            return std::process::ExitCode::from(2);
        }
    };
    stories.sort();
    println!(
        "{:<36} {:>5} {:>6} {:>7} {:>7} {:>8} {:>6} {:>8}",
        "story", "figs", "found", "recall", "prec.", "verdicts", "false", "culprits"
    );
    let mut total = Score::default();
    for dir in &stories {
        match run_story(dir, verbose, no_ledger) {
            Ok(s) => {
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                print_row(&name, &s);
                total.add(&s);
            }
            Err(e) => {
                eprintln!("{e}");
                return std::process::ExitCode::from(2);
            }
        }
    }
    print_row("TOTAL", &total);
    if no_ledger {
        println!(
            "no ledger: {} discovered groups; of {} ledger facts: found as one group {}, split in two or more {}, never grouped {}; groups mixing two facts {}; findings {} of which false alarms {}, culprits caught {}/{} (right cause {})",
            total.groups,
            total.ledger_facts,
            total.one_group,
            total.split,
            total.ungrouped,
            total.mixed,
            total.findings,
            total.false_alarms,
            total.culprits_caught,
            total.culprits,
            total.culprits_cause
        );
        return std::process::ExitCode::SUCCESS;
    }
    println!(
        "tie recall {} ({}/{}), tie precision {} ({}/{}), verdicts {}/{}, findings {} of which false alarms {}, culprits caught {}/{} (right cause {})",
        ratio(total.recalled, total.expected_tied),
        total.recalled,
        total.expected_tied,
        ratio(total.tied_right, total.tied),
        total.tied_right,
        total.tied,
        total.verdicts_right,
        total.facts,
        total.findings,
        total.false_alarms,
        total.culprits_caught,
        total.culprits,
        total.culprits_cause
    );
    std::process::ExitCode::SUCCESS
}
