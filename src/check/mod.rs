//! Checks: claims in, findings out. One check per file; `CheckId` names them, gives each
//! a default severity and the text `figcheck rules explain-check` prints.
//!
//! Checks never fail: a rate that cannot be found or a source without a date becomes a
//! finding that says what could not be checked.

mod ambiguous_currency;
pub(crate) mod cross_source;
pub mod fingerprint;
pub(crate) mod inline_conversion;
pub(crate) mod interval;
mod model_name_size;
pub(crate) mod normalize;
mod part_of_whole;
mod probable_cause;
mod ratio;
mod share_cause;
mod stale_conversion;
mod sum;
pub mod suppress;
mod undated_source;
mod unsupported_language;

pub use normalize::{claim_interval, normalize_claims, Normalized};

use crate::facts::{Claim, FactSet};
use crate::rates::RateTables;
use crate::rules::RuleSet;
use crate::source::Source;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information: nothing wrong, something worth knowing.
    Info,
    /// Probably wrong, or could not be checked.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The name used in flags, config and reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity \"{other}\" (expected one of: error, warning, info)"
            )),
        }
    }
}

/// The checks, with stable kebab-case ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckId {
    /// Claims on one fact that cannot all be true.
    CrossSourceMismatch,
    /// "380 milliards de yuans (50 milliards d'euros)" that does not hold at the
    /// source's date.
    InlineConversionMismatch,
    /// A figure that misses at its date but matches an earlier date's rate.
    StaleConversion,
    /// "vingt fois plus" against the two facts' values.
    RatioMismatch,
    /// A total that is not the sum of its parts, in one source's own figures.
    SumMismatch,
    /// "dont 589 milliards": a part larger than its whole.
    PartExceedsWhole,
    /// A model name's size ("QwQ-32B") against a stated parameter count.
    ModelNameSize,
    /// A source without a date, and what could not be checked because of it.
    UndatedSource,
    /// A claim that could not be converted (no rate for a currency or date).
    RateUnavailable,
    /// A source in a language without rules: not read.
    UnsupportedLanguage,
    /// A "$" figure that misses as USD but matches as a local dollar, with nothing to
    /// say which the source writes.
    AmbiguousCurrency,
}

impl CheckId {
    /// All checks, in a stable order.
    pub const ALL: [CheckId; 11] = [
        CheckId::CrossSourceMismatch,
        CheckId::InlineConversionMismatch,
        CheckId::StaleConversion,
        CheckId::RatioMismatch,
        CheckId::SumMismatch,
        CheckId::PartExceedsWhole,
        CheckId::ModelNameSize,
        CheckId::UndatedSource,
        CheckId::RateUnavailable,
        CheckId::UnsupportedLanguage,
        CheckId::AmbiguousCurrency,
    ];

    /// The stable id.
    pub fn as_str(&self) -> &'static str {
        match self {
            CheckId::CrossSourceMismatch => "cross-source-mismatch",
            CheckId::InlineConversionMismatch => "inline-conversion-mismatch",
            CheckId::StaleConversion => "stale-conversion",
            CheckId::RatioMismatch => "ratio-mismatch",
            CheckId::SumMismatch => "sum-mismatch",
            CheckId::PartExceedsWhole => "part-exceeds-whole",
            CheckId::ModelNameSize => "model-name-size",
            CheckId::UndatedSource => "undated-source",
            CheckId::RateUnavailable => "rate-unavailable",
            CheckId::UnsupportedLanguage => "unsupported-language",
            CheckId::AmbiguousCurrency => "ambiguous-currency",
        }
    }

    /// The severity a finding has unless the configuration changes it.
    pub fn default_severity(&self) -> Severity {
        match self {
            CheckId::CrossSourceMismatch
            | CheckId::InlineConversionMismatch
            | CheckId::RatioMismatch
            | CheckId::SumMismatch
            | CheckId::PartExceedsWhole
            | CheckId::ModelNameSize => Severity::Error,
            CheckId::StaleConversion | CheckId::RateUnavailable => Severity::Warning,
            CheckId::UndatedSource | CheckId::UnsupportedLanguage | CheckId::AmbiguousCurrency => {
                Severity::Info
            }
        }
    }

    /// What it checks, why it matters, an example (for `figcheck rules explain-check` and
    /// SARIF help).
    pub fn docs(&self) -> &'static str {
        match self {
            CheckId::CrossSourceMismatch => "What it checks: every claim on one fact, normalised into the fact's currency at the claim's own date (stated precision, qualifier and tolerance make an interval), must overlap the fact's reference value, or, without one, the value most sources agree on.\nWhy it matters: two articles that give different figures for one fact cannot both be right, and a rate change can make honest figures look different.\nExample: \"38 milliards de yuans\" for a 380-billion-yuan plan (probable cause: factor 10).",
            CheckId::InlineConversionMismatch => "What it checks: a figure followed by its conversion in brackets or after \"soit\"/\"about\" (\"380 milliards de yuans (50 milliards d'euros)\") must hold at the rate of the source's date.\nWhy it matters: conversions are often copied from older articles or done with a wrong rate.\nExample: 380 bn CNY = 50.08 bn EUR on 2025-02-24, so \"(50 milliards d'euros)\" holds that day.",
            CheckId::StaleConversion => "What it checks: a converted figure that misses at its date but matches the rate of an earlier date within a window (default 90 days); the finding names the best-matching date in matched_date.\nWhy it matters: a conversion made at announcement time and repeated weeks later is not wrong, but it is stale.\nExample: \"50 milliards d'euros\" on 2025-03-06 for 380 bn CNY (48.56 bn EUR that day) matches the rate of late February.",
            CheckId::RatioMismatch => "What it checks: \"vingt fois plus\", \"plus de 20 fois\", \"20 times larger\" against the values of the two facts a times [[relation]] names, and shares (\"4 % of its sales\", \"a stake of 11 %\") against the part and whole of a share relation (the source's own claims, else the facts' references).\nWhy it matters: ratios are easy to get wrong and hard to notice.\nExample: 671 bn vs 32 bn parameters is about 21 times, so \"dix fois plus\" is wrong.",
            CheckId::SumMismatch => "What it checks: a source that gives figures for the total and every part of a sum [[relation]] (post-money = pre-money + round): they must add up, within the relation's tolerance on the total (default 1 %).\nWhy it matters: a pre-money valuation printed as post-money leaves each figure plausible alone; only the sum shows it.\nExample: a pre-money valuation of 300 million, a 60 million round and \"now valued at 400 million\": 300 + 60 = 360.",
            CheckId::PartExceedsWhole => "What it checks: a figure introduced as a part of the figure before it (\"dont\", \"of which\", \"including\") is not larger than that whole.\nWhy it matters: a part larger than its whole is a typo or a misread scale.\nExample: \"1 120 milliards de dollars, dont 1 589 milliards pour Nvidia\".",
            CheckId::ModelNameSize => "What it checks: the size in a model's name (\"QwQ-32B\") against the parameter counts stated for that model.\nWhy it matters: a name and a stated count that disagree point to a wrong model or a wrong figure.\nExample: \"QwQ-32B, avec ses 320 milliards de paramètres\".",
            CheckId::UndatedSource => "What it checks: sources with no publication date (front matter, manifest, --date or text), and which of their claims could not be converted for want of one.\nWhy it matters: a converted figure only means something at a date; figcheck never guesses one.\nExample: an opinion piece with no date giving a figure in dollars for a fact kept in yuan.",
            CheckId::UnsupportedLanguage => "What it checks: sources whose language (detected, or given by front matter, manifest or --lang) has no rule pack; nothing is extracted from them.\nWhy it matters: reading a text with another language's rules finds nothing or wrong figures; the reader must know the source was not checked.\nExample: a Dutch article in a folder of French ones, with French and English packs only: \"nl: no rules for this language, not checked\".",
            CheckId::AmbiguousCurrency => "What it checks: a figure written with an alias several currencies share (\"$\"), read as its default (USD) because neither the source (`dollar = \"SGD\"`), nor its outlet (the [[ambiguous.local]] table), nor the article (\"US$\" elsewhere) decides it, that misses as USD but matches as a local dollar (SGD, HKD, AUD, CAD, NZD).\nWhy it matters: Singapore, Hong Kong, Australian and Canadian outlets write their own dollar as \"$\"; their correct figures must not be reported as errors.\nExample: \"$2.9 billion\" for a fine of 1.8 bn EUR is 2.7 bn EUR as USD, 1.75 bn EUR as AUD: a note that says to declare the source's dollar.",
            CheckId::RateUnavailable => "What it checks: claims that could not be converted because no rate exists for the currency at the date (before or after the table, a gap, N/A).\nWhy it matters: an unchecked claim must be visible, not silently skipped.\nExample: a claim in HRK dated 2023, after the ECB stopped quoting the kuna.",
        }
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CheckId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CheckId::ALL
            .iter()
            .find(|c| c.as_str() == s)
            .copied()
            .ok_or_else(|| {
                let ids: Vec<&str> = CheckId::ALL.iter().map(CheckId::as_str).collect();
                format!("unknown check \"{s}\" (known: {})", ids.join(", "))
            })
    }
}

/// One thing the checker found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which check.
    pub check: CheckId,
    /// How serious.
    pub severity: Severity,
    /// The fact, if the finding is about one.
    pub fact: Option<String>,
    /// What is wrong, with the numbers.
    pub message: String,
    /// The probable cause of a miss, when one explains it.
    pub cause: Option<String>,
    /// For stale conversions: the date whose rate matches best.
    pub matched_date: Option<NaiveDate>,
    /// The claims involved (indices into the run's claims), the first one flagged.
    pub claims: Vec<usize>,
    /// The source, for findings about a whole source.
    pub source: Option<usize>,
}

impl Finding {
    fn new(check: CheckId, fact: Option<&str>, message: String, claims: Vec<usize>) -> Self {
        Finding {
            check,
            severity: check.default_severity(),
            fact: fact.map(str::to_string),
            message,
            cause: None,
            matched_date: None,
            claims,
            source: None,
        }
    }
}

/// What the checks read.
pub struct CheckInput<'a> {
    /// The rules (language tables).
    pub rules: &'a RuleSet,
    /// The facts and relations of this run (the ledger's, or those discovered).
    pub facts: &'a FactSet,
    /// The rate tables.
    pub tables: &'a RateTables,
    /// The sources.
    pub sources: &'a [Source],
    /// The claims (every mention, tied or not).
    pub claims: &'a [Claim],
    /// The claims normalised into their facts' units (same order as `claims`).
    pub normalized: &'a [Normalized],
}

/// Severity overrides from the configuration.
#[derive(Debug, Clone, Default)]
pub struct CheckSettings {
    /// A severity per check, replacing the default.
    pub severities: BTreeMap<CheckId, Severity>,
    /// The relative rate tolerance of inline conversions (`[tolerance]
    /// inline-conversion`); default `inline_conversion::RATE_TOLERANCE`.
    pub inline_rate_tolerance: Option<rust_decimal::Decimal>,
}

/// Claim indices grouped once, so that no check scans every claim for every claim.
pub(crate) struct ClaimIndex<'a> {
    /// Claim indices per source, in claim order.
    pub by_source: BTreeMap<usize, Vec<usize>>,
    /// Claim indices per (source, fact), in claim order.
    pub by_source_fact: BTreeMap<usize, BTreeMap<&'a str, Vec<usize>>>,
    /// Claim indices per fact, in claim order.
    pub by_fact: BTreeMap<&'a str, Vec<usize>>,
    /// Per source, the local currencies its body names, read once (a long source is
    /// not read again for every figure judged).
    source_cues: std::sync::Mutex<BTreeMap<usize, Vec<crate::quantity::Currency>>>,
}

impl<'a> ClaimIndex<'a> {
    /// Index `claims`.
    pub fn new(claims: &'a [Claim]) -> Self {
        let mut ix = ClaimIndex {
            by_source: BTreeMap::new(),
            by_source_fact: BTreeMap::new(),
            by_fact: BTreeMap::new(),
            source_cues: std::sync::Mutex::new(BTreeMap::new()),
        };
        for (i, c) in claims.iter().enumerate() {
            ix.by_source.entry(c.source).or_default().push(i);
            if let Some(f) = c.fact.as_deref() {
                ix.by_source_fact
                    .entry(c.source)
                    .or_default()
                    .entry(f)
                    .or_default()
                    .push(i);
                ix.by_fact.entry(f).or_default().push(i);
            }
        }
        ix
    }

    /// The local currencies source `source`'s body names (see
    /// `probable_cause::body_cue_currencies`), read on first use.
    pub fn source_cues(
        &self,
        input: &CheckInput<'_>,
        source: usize,
    ) -> Vec<crate::quantity::Currency> {
        let Ok(mut cache) = self.source_cues.lock() else {
            return probable_cause::body_cue_currencies(input, source);
        };
        cache
            .entry(source)
            .or_insert_with(|| probable_cause::body_cue_currencies(input, source))
            .clone()
    }

    /// The claims of one source on one fact.
    pub fn of(&self, source: usize, fact: &str) -> &[usize] {
        self.by_source_fact
            .get(&source)
            .and_then(|m| m.get(fact))
            .map_or(&[], Vec::as_slice)
    }
}

/// How a message names a fact: its id, or for a discovered fact its label ("Ferrovela:
/// pre-money valuation (2025)"), which says more than a derived id.
pub(crate) fn fact_name(input: &CheckInput<'_>, id: &str) -> String {
    match input.facts.facts.get(id) {
        Some(f) if f.discovered.is_some() => format!("\"{}\"", f.label),
        _ => id.to_string(),
    }
}

/// Run every check; findings come sorted (fact, first claim position, check).
pub fn run_all(input: &CheckInput<'_>, settings: &CheckSettings) -> Vec<Finding> {
    let index = ClaimIndex::new(input.claims);
    let mut findings = Vec::new();
    findings.extend(normalize::rate_findings(input));
    // One stale figure, one warning: when the inline-conversion check finds that a
    // figure's own conversion is stale, the cross-source check's stale warning on the
    // same figure says the same thing with less detail, and is dropped.
    let inline = inline_conversion::check(input, &index, settings.inline_rate_tolerance);
    let stale_inline: BTreeSet<usize> = inline
        .iter()
        .filter(|f| f.check == CheckId::StaleConversion)
        .filter_map(|f| f.claims.first().copied())
        .collect();
    findings.extend(cross_source::check(input, &index).into_iter().filter(|f| {
        f.check != CheckId::StaleConversion
            || f.claims.first().is_none_or(|c| !stale_inline.contains(c))
    }));
    findings.extend(inline);
    findings.extend(ratio::check(input, &index));
    // A total the sum check flags (post-money = pre-money + round) says which source is
    // wrong and why; the cross-source check's unexplained disagreement on that total
    // ("the 2 claims do not agree") is dropped, not shown beside it.
    let sums = sum::check(input, &index);
    let flagged: BTreeSet<&str> = sums.iter().filter_map(|f| f.fact.as_deref()).collect();
    findings.retain(|f| {
        let unexplained = f
            .cause
            .as_deref()
            .is_none_or(|c| c.starts_with("no simple slip"));
        !(f.check == CheckId::CrossSourceMismatch
            && unexplained
            && f.fact.as_deref().is_some_and(|id| flagged.contains(id)))
    });
    findings.extend(sums);
    findings.extend(part_of_whole::check(input, &index));
    findings.extend(model_name_size::check(input, &index));
    findings.extend(undated_source::check(input, &index));
    findings.extend(unsupported_language::check(input));
    for f in &mut findings {
        if let Some(s) = settings.severities.get(&f.check) {
            f.severity = *s;
        }
    }
    let key = |f: &Finding| {
        let first = f.claims.first().and_then(|i| input.claims.get(*i));
        (
            first.map(|c| {
                (
                    input.sources.get(c.source).map(|s| s.path.clone()),
                    c.mention.span.start,
                )
            }),
            f.check,
            f.fact.clone(),
            f.message.clone(),
        )
    };
    findings.sort_by_cached_key(key);
    findings.dedup();
    findings
}
