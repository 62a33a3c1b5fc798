//! Conformance runner: measures figcheck's money recogniser against the test cases of
//! two public recognisers (Microsoft Recognizers-Text and Facebook Duckling), read at
//! run time from a folder that is not part of the project:
//!
//! ```text
//! cargo run --example conformance -- ../shared/conformance [--verbose] [--regional]
//! ```
//!
//! Scoring (see the folder's README.md for the file format):
//!
//! - Recognizers-Text (`recognizers-currency-{fr,en,de,es}.jsonl`): per item, the money
//!   mentions figcheck reports against the expected results. A result is found when a
//!   mention has the same value (exact decimal), an acceptable currency and a span that
//!   overlaps the expected one (where given); "span exact" counts those whose span is
//!   the same bytes. The currency is the result's `iso` where given; otherwise the
//!   Recognizers unit name is mapped to the ISO codes it can stand for ("Dollar": any
//!   dollar, "Livre"/"Pound": any pound, "Franc": any franc...). Sub-units ("Cent",
//!   "Pence", "Centimes"...) count units of 1/100: a mention of a hundredth of the value,
//!   in any currency, is accepted. Results with a null value (a bare currency word) and
//!   units figcheck has no code for (Satoshi) are not applicable. The headline uses the
//!   items the reference .NET runner checks (`dotnet_tested`); the others are reported
//!   on their own line.
//! - Duckling (`duckling-money-{fr,en,es}.jsonl`; it has no German money corpus): `full` = one money mention covers the
//!   whole text with the expected value (or min / max / interval) and currency; `none` =
//!   no money mention; `span` = exactly one money mention, at the given bytes; `first` =
//!   the first mention has the expected value. Duckling's ambiguous currencies: "$"
//!   accepts any dollar, "£" any pound, "dinar" / "dirham" / "rial" / "riyal" any
//!   currency of that name, "cent" a hundredth of the value in any currency, "unknown"
//!   (an unnamed currency: "bucks", "balles") any currency. `latent` cases (bare numbers
//!   read as money) are not expected of a news-text recogniser and are reported apart.
//!
//! Precision = correct money mentions / all money mentions reported on the applicable
//! items (a mention is correct when it matches an expected result); recall = expected
//! results found / applicable expected results.

use figcheck::extract::{extract_text, Mention};
use figcheck::rules::RuleSet;
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// Tallies for one file (or one group of items).
#[derive(Default, Clone, Copy)]
struct Score {
    items: usize,
    applicable: usize,
    found: usize,
    span_exact: usize,
    mentions: usize,
    correct: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.items += o.items;
        self.applicable += o.applicable;
        self.found += o.found;
        self.span_exact += o.span_exact;
        self.mentions += o.mentions;
        self.correct += o.correct;
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// What a currency expectation accepts.
#[derive(Clone)]
enum CurExp {
    /// Any currency.
    Any,
    /// One of these ISO codes.
    OneOf(Vec<&'static str>),
    /// A sub-unit of 1/100 (the value counts hundredths), in any currency.
    Hundredth,
    /// Not comparable: the item is not applicable.
    NotApplicable,
}

const DOLLARS: &[&str] = &[
    "USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "JMD", "TTD", "BSD", "BBD", "BZD", "BMD",
    "FJD", "GYD", "LRD", "NAD", "SBD", "SRD", "XCD", "KYD", "ZWL", "BND",
];
const POUNDS: &[&str] = &[
    "GBP", "EGP", "LBP", "SYP", "SDG", "SSP", "FKP", "GIP", "SHP",
];
const FRANCS: &[&str] = &[
    "CHF", "FRF", "BEF", "LUF", "XOF", "XAF", "XPF", "CDF", "GNF", "RWF", "BIF", "DJF", "KMF",
    "MGF",
];
const DINARS: &[&str] = &[
    "KWD", "BHD", "IQD", "JOD", "LYD", "TND", "DZD", "RSD", "MKD",
];
const DIRHAMS: &[&str] = &["AED", "MAD"];
const RIALS: &[&str] = &["IRR", "OMR", "YER"];
const RIYALS: &[&str] = &["SAR", "QAR"];

/// A Recognizers unit name (French, English or Spanish; the German spec uses English
/// names) with no `iso`, as ISO codes.
fn recognizers_unit(unit: &str) -> CurExp {
    let u = unit.to_lowercase();
    let one = |c: &'static str| CurExp::OneOf(vec![c]);
    match u.as_str() {
        "dollar" => CurExp::OneOf(DOLLARS.to_vec()),
        "livre" | "pound" => CurExp::OneOf(POUNDS.to_vec()),
        "franc" => CurExp::OneOf(FRANCS.to_vec()),
        "euro" => one("EUR"),
        "yen japonais" | "japanese yen" => one("JPY"),
        "dollar canadien" | "canadian dollar" => one("CAD"),
        "dollar états-unis" | "united states dollar" => one("USD"),
        "dollar de hong kong" | "hong kong dollar" => one("HKD"),
        "dollar australien" => one("AUD"),
        "yuan chinois" | "chinese yuan" => one("CNY"),
        "franc suisse" | "swiss franc" => one("CHF"),
        "roupie indienne" | "indian rupee" => one("INR"),
        "roupie" | "rupee" => CurExp::OneOf(vec!["INR", "PKR", "LKR", "NPR", "MUR", "SCR"]),
        "mark finlandais" | "finnish markka" | "marco finlandés" => one("FIM"),
        "florins néerlandais" | "netherlands guilder" | "florín neerlandés" => one("NLG"),
        "peseta" => one("ESP"),
        // Spanish unit names (the German spec uses the English ones).
        "dólar" => CurExp::OneOf(DOLLARS.to_vec()),
        "libra" => CurExp::OneOf(POUNDS.to_vec()),
        "franco" => CurExp::OneOf(FRANCS.to_vec()),
        "dólar estadounidense" => one("USD"),
        "dólar canadiense" => one("CAD"),
        "dólar australiano" | "australian dollar" => one("AUD"),
        "dólar neozelandés" | "new zealand dollar" => one("NZD"),
        "dólar de hong kong" => one("HKD"),
        "yen" => one("JPY"),
        "yuan chino" => one("CNY"),
        "franco suizo" => one("CHF"),
        "peso mexicano" | "mexican peso" => one("MXN"),
        "british pound" => one("GBP"),
        "cambodian riel" => one("KHR"),
        "centavo" | "penique" => CurExp::Hundredth,
        "bitcoin" => CurExp::OneOf(vec!["BTC", "XBT"]),
        "cent" | "pence" | "penny" | "centimes" | "pesewa" | "sen" => CurExp::Hundredth,
        _ => CurExp::NotApplicable,
    }
}

/// Duckling's currency rendering as an expectation.
/// Duckling's Chinese rules read 元, 块 and 蚊 as its generic "Dollar" (the local unit,
/// as in Hong Kong and Taiwan): in Chinese the yuan is that unit too.
fn duckling_currency_in(c: &str, lang: &str) -> CurExp {
    match (duckling_currency(c), lang, c) {
        (CurExp::OneOf(mut codes), "zh", "$") => {
            codes.push("CNY");
            CurExp::OneOf(codes)
        }
        (other, _, _) => other,
    }
}

fn duckling_currency(c: &str) -> CurExp {
    match c {
        "$" => CurExp::OneOf(DOLLARS.to_vec()),
        "£" => CurExp::OneOf(POUNDS.to_vec()),
        "dinar" => CurExp::OneOf(DINARS.to_vec()),
        "dirham" => CurExp::OneOf(DIRHAMS.to_vec()),
        "rial" => CurExp::OneOf(RIALS.to_vec()),
        "riyal" => CurExp::OneOf(RIYALS.to_vec()),
        "cent" => CurExp::Hundredth,
        "unknown" => CurExp::Any,
        // Duckling's code for the peseta; ISO 4217's is ESP.
        "PTS" => CurExp::OneOf(vec!["ESP"]),
        iso if iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()) => {
            CurExp::OneOf(vec![leak(iso)])
        }
        _ => CurExp::NotApplicable,
    }
}

/// ISO codes read from the data live for the whole run.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// A field of a JSON object, or null.
fn field<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&Value::Null)
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str()
        .and_then(|s| Decimal::from_str(s).ok())
        .map(|d| d.normalize())
}

fn same(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.normalize() == y.normalize(),
        (None, None) => true,
        _ => false,
    }
}

/// Whether a currency of `m` is acceptable and, for sub-units, the factor to apply to
/// the expected value.
fn currency_ok(m: &Mention, exp: &CurExp) -> Option<Decimal> {
    let cur = m.quantity.unit.currency()?;
    match exp {
        CurExp::Any => Some(Decimal::ONE),
        CurExp::OneOf(codes) => codes
            .iter()
            .any(|c| *c == cur.as_str())
            .then_some(Decimal::ONE),
        CurExp::Hundredth => Some(Decimal::new(1, 2)),
        CurExp::NotApplicable => None,
    }
}

fn money(rules: &RuleSet, text: &str, lang: &str) -> Vec<Mention> {
    extract_text(rules, text, lang)
        .into_iter()
        .filter(|m| m.kind() == "money")
        .collect()
}

fn show(m: &Mention) -> String {
    let q = &m.quantity;
    let cur = m
        .quantity
        .unit
        .currency()
        .map_or("?".to_string(), |c| c.to_string());
    let val = match (q.value, q.low, q.high) {
        (Some(v), _, _) => v.normalize().to_string(),
        (None, lo, hi) => format!(
            "{}..{}",
            lo.map_or(String::new(), |d| d.normalize().to_string()),
            hi.map_or(String::new(), |d| d.normalize().to_string())
        ),
    };
    format!(
        "{:?} {} {} [{}..{}] ({})",
        m.text, val, cur, m.span.start, m.span.end, m.rule
    )
}

struct Run {
    rules: RuleSet,
    verbose: bool,
    out: std::io::Stdout,
}

impl Run {
    fn say(&self, s: &str) {
        let _ = writeln!(self.out.lock(), "{s}");
    }

    fn read(&self, path: &Path) -> Result<Vec<Value>, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
            })
            .collect()
    }

    /// Recognizers-Text: (dotnet tested, not dotnet tested).
    fn recognizers(&self, path: &Path) -> Result<(Score, Score), String> {
        let mut tested = Score::default();
        let mut untested = Score::default();
        for item in self.read(path)? {
            let id = field(&item, "id").as_str().unwrap_or("?");
            let text = field(&item, "text").as_str().unwrap_or("");
            let lang = field(&item, "lang").as_str().unwrap_or("en");
            let dotnet = field(&item, "dotnet_tested").as_bool().unwrap_or(true);
            let s = if dotnet { &mut tested } else { &mut untested };
            s.items += 1;
            let mentions = money(&self.rules, text, lang);
            let empty = Vec::new();
            let expected = field(&item, "expected").as_array().unwrap_or(&empty);
            let mut used = vec![false; mentions.len()];
            let mut any_applicable = expected.is_empty();
            let mut misses = Vec::new();
            for r in expected {
                let Some(value) = dec(field(r, "value")) else {
                    continue;
                };
                let cur = match field(r, "iso").as_str() {
                    Some(iso) => CurExp::OneOf(vec![leak(iso)]),
                    None => recognizers_unit(field(r, "unit").as_str().unwrap_or("")),
                };
                if matches!(cur, CurExp::NotApplicable) {
                    continue;
                }
                any_applicable = true;
                s.applicable += 1;
                let span = match (
                    field(r, "byte_start").as_u64(),
                    field(r, "byte_end").as_u64(),
                ) {
                    (Some(a), Some(b)) => Some((a as usize, b as usize)),
                    _ => None,
                };
                let hit = mentions.iter().position(|m| {
                    let Some(f) = currency_ok(m, &cur) else {
                        return false;
                    };
                    same(m.quantity.value, Some(value * f))
                        && span.is_none_or(|(a, b)| m.span.start < b && a < m.span.end)
                });
                match hit {
                    Some(i) => {
                        s.found += 1;
                        if let Some(u) = used.get_mut(i) {
                            *u = true;
                        }
                        if let (Some((a, b)), Some(m)) = (span, mentions.get(i)) {
                            if m.span.start == a && m.span.end == b {
                                s.span_exact += 1;
                            }
                        }
                    }
                    None => misses.push(format!(
                        "{:?} = {} {}",
                        field(r, "text").as_str().unwrap_or(""),
                        value,
                        field(r, "iso")
                            .as_str()
                            .unwrap_or(field(r, "unit").as_str().unwrap_or(""))
                    )),
                }
            }
            if !any_applicable {
                continue;
            }
            s.mentions += mentions.len();
            s.correct += used.iter().filter(|u| **u).count();
            if self.verbose {
                for m in &misses {
                    self.say(&format!(
                        "  MISS {id}{}: {m}\n       in {text:?}",
                        tag(dotnet)
                    ));
                    for f in &mentions {
                        self.say(&format!("       got {}", show(f)));
                    }
                }
                for (m, u) in mentions.iter().zip(&used) {
                    if !u {
                        self.say(&format!(
                            "  FP   {id}{}: {}\n       in {text:?}",
                            tag(dotnet),
                            show(m)
                        ));
                    }
                }
            }
        }
        Ok((tested, untested))
    }

    /// Duckling: (headline sections, latent section).
    fn duckling(&self, path: &Path) -> Result<(Score, Score), String> {
        let mut main = Score::default();
        let mut latent = Score::default();
        for item in self.read(path)? {
            let id = field(&item, "id").as_str().unwrap_or("?");
            let text = field(&item, "text").as_str().unwrap_or("");
            let lang = field(&item, "lang").as_str().unwrap_or("en");
            let section = field(&item, "section").as_str().unwrap_or("");
            let how = field(&item, "match").as_str().unwrap_or("");
            let e = &field(&item, "expected");
            let s = if section == "latent" {
                &mut latent
            } else {
                &mut main
            };
            s.items += 1;
            let mentions = money(&self.rules, text, lang);
            let value_ok = |m: &Mention| -> bool {
                let cur = duckling_currency_in(field(e, "currency").as_str().unwrap_or(""), lang);
                let Some(f) = currency_ok(m, &cur) else {
                    return false;
                };
                let scaled = |v: &Value| dec(v).map(|d| d * f);
                let q = &m.quantity;
                match field(e, "kind").as_str().unwrap_or("") {
                    "value" => same(q.value, scaled(field(e, "value"))),
                    "min" => same(q.low, scaled(field(e, "min"))) && q.high.is_none(),
                    "max" => same(q.high, scaled(field(e, "max"))) && q.low.is_none(),
                    "interval" => {
                        same(q.low, scaled(field(e, "min")))
                            && same(q.high, scaled(field(e, "max")))
                    }
                    _ => false,
                }
            };
            let (applicable, ok, correct) = match how {
                "full" => {
                    let cur =
                        duckling_currency_in(field(e, "currency").as_str().unwrap_or(""), lang);
                    if matches!(cur, CurExp::NotApplicable) {
                        (false, false, 0)
                    } else {
                        let t = text.trim();
                        let lead = text.len() - text.trim_start().len();
                        let full =
                            |m: &Mention| m.span.start == lead && m.span.end == lead + t.len();
                        let ok =
                            mentions.len() == 1 && mentions.iter().all(|m| full(m) && value_ok(m));
                        let correct = mentions.iter().filter(|m| value_ok(m)).count().min(1);
                        (true, ok, correct)
                    }
                }
                "none" => (true, mentions.is_empty(), 0),
                "span" => {
                    let a = field(e, "byte_start").as_u64().unwrap_or(0) as usize;
                    let b = field(e, "byte_end").as_u64().unwrap_or(0) as usize;
                    let at = |m: &Mention| m.span.start == a && m.span.end == b;
                    let ok = mentions.len() == 1 && mentions.iter().all(at);
                    (true, ok, mentions.iter().filter(|m| at(m)).count())
                }
                "first" => {
                    let ok = mentions.first().is_some_and(value_ok);
                    (true, ok, usize::from(ok))
                }
                _ => (false, false, 0),
            };
            if !applicable {
                continue;
            }
            // A "none" case has nothing to find: it only weighs on precision.
            if how != "none" {
                s.applicable += 1;
                s.found += usize::from(ok);
                s.span_exact += usize::from(ok);
            }
            s.mentions += mentions.len();
            s.correct += correct;
            if self.verbose && !(ok && correct == mentions.len()) {
                let what = if ok { "FP  " } else { "MISS" };
                let exp = if e.is_null() {
                    "nothing".to_string()
                } else {
                    format!(
                        "{} {}",
                        field(e, "kind").as_str().unwrap_or(""),
                        [
                            &field(e, "value"),
                            &field(e, "min"),
                            &field(e, "max"),
                            &field(e, "text"),
                            &field(e, "currency")
                        ]
                        .iter()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                    )
                };
                self.say(&format!(
                    "  {what} {id} ({section}): {text:?} expected {exp}"
                ));
                for m in &mentions {
                    self.say(&format!("       got {}", show(m)));
                }
            }
        }
        Ok((main, latent))
    }
}

fn tag(dotnet: bool) -> &'static str {
    if dotnet {
        ""
    } else {
        " (not dotnet-tested)"
    }
}

fn row(run: &Run, name: &str, s: &Score) {
    run.say(&format!(
        "| {name:<46} | {:>5} | {:>10} | {:>5} | {:>7} | {:>10} | {:>8} | {:>9} |",
        s.items,
        s.applicable,
        s.found,
        pct(s.found, s.applicable),
        pct(s.span_exact, s.applicable),
        s.mentions,
        pct(s.correct, s.mentions),
    ));
}

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut verbose = false;
    let mut regional = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--regional" => regional = true,
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let err = |m: &str| {
        let _ = writeln!(std::io::stderr(), "conformance: {m}");
        ExitCode::from(2)
    };
    let Some(dir) = dir else {
        return err("usage: conformance DIR [--verbose] [--regional]");
    };
    let rules = match RuleSet::bundled() {
        Ok(r) => r,
        Err(e) => return err(&format!("bundled rules: {e}")),
    };
    let run = Run {
        rules,
        verbose,
        out: std::io::stdout(),
    };
    let mut rows: Vec<(String, Score)> = Vec::new();
    let mut headline = Score::default();
    let mut per_lang: Vec<(&str, Score)> = ["fr", "en", "de", "es", "zh"]
        .iter()
        .map(|l| (*l, Score::default()))
        .collect();
    let mut add_lang = |lang: &str, s: &Score| {
        if let Some((_, t)) = per_lang.iter_mut().find(|(l, _)| *l == lang) {
            t.add(s);
        }
    };
    for lang in ["fr", "en", "de", "es", "zh"] {
        let f = dir.join(format!("recognizers-currency-{lang}.jsonl"));
        if verbose {
            run.say(&format!("## {}", f.display()));
        }
        match run.recognizers(&f) {
            Ok((t, u)) => {
                if lang == "fr" || lang == "en" {
                    headline.add(&t);
                }
                add_lang(lang, &t);
                rows.push((format!("recognizers-currency-{lang}"), t));
                rows.push((
                    format!("recognizers-currency-{lang} (not dotnet-tested)"),
                    u,
                ));
            }
            Err(e) => return err(&e),
        }
    }
    // Duckling has no money corpus for German.
    let mut duck = vec!["fr", "en", "es", "zh"];
    if regional {
        duck.push("en-regional");
    }
    for lang in duck {
        let f = dir.join(format!("duckling-money-{lang}.jsonl"));
        if verbose {
            run.say(&format!("## {}", f.display()));
        }
        match run.duckling(&f) {
            Ok((m, l)) => {
                if lang == "fr" || lang == "en" {
                    headline.add(&m);
                }
                add_lang(lang, &m);
                rows.push((format!("duckling-money-{lang}"), m));
                if l.items > 0 {
                    rows.push((format!("duckling-money-{lang} (latent)"), l));
                }
            }
            Err(e) => return err(&e),
        }
    }
    run.say("");
    run.say(&format!(
        "| {:<46} | {:>5} | {:>10} | {:>5} | {:>7} | {:>10} | {:>8} | {:>9} |",
        "file", "items", "applicable", "found", "recall", "span exact", "mentions", "precision"
    ));
    run.say(&format!(
        "|{}|{}|{}|{}|{}|{}|{}|{}|",
        "-".repeat(48),
        "-".repeat(7),
        "-".repeat(12),
        "-".repeat(7),
        "-".repeat(9),
        "-".repeat(12),
        "-".repeat(10),
        "-".repeat(11)
    ));
    for (name, s) in &rows {
        row(&run, name, s);
    }
    for (lang, s) in &per_lang {
        row(
            &run,
            &format!("{lang} (dotnet-tested, duckling non-latent)"),
            s,
        );
    }
    row(
        &run,
        "HEADLINE fr+en (dotnet-tested, duckling non-latent)",
        &headline,
    );
    ExitCode::SUCCESS
}
