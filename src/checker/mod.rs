//! The pipeline as one entry point: [`Checker`] loads the rule packs and rate tables
//! once, then reads, extracts and checks any number of sources. The CLI (`figcheck
//! check`, `extract`, `lsp`), the Python package and the language server all call it;
//! they only parse their arguments and render its output.
//!
//! It owns the order of the stages and nothing else: each stage stays in its module
//! (`source`, `extract`, `facts`, `rates`, `check`, `report`). It never prints.
//!
//! ```
//! use figcheck::checker::Checker;
//!
//! # fn main() -> Result<(), figcheck::Errors> {
//! let checker = Checker::builder().build()?; // bundled packs and ECB table
//! let a = checker
//!     .source_from_text("a.md", "---\ndate: 2025-03-10\n---\nLa société lève 2 milliards d'euros.\n", Some("fr"), None)
//!     .map_err(|e| figcheck::Errors(vec![e]))?;
//! let mentions = checker.extract(&a);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!(mentions[0].text, "2 milliards d'euros");
//!
//! let checked = checker.check(vec![a]);
//! let report = checker.report(&checked);
//! assert_eq!(report.summary.sources, 1);
//! # Ok(())
//! # }
//! ```

pub mod builder;

pub use builder::{load_rules, load_rules_and_facts, load_tables, CheckerBuilder, DEFAULT_MAX_GAP};

use crate::check::suppress::{drop_accepted, Dropped};
use crate::check::{normalize_claims, run_all, CheckId, CheckInput, CheckSettings, Normalized};
use crate::check::{Finding, Severity};
use crate::extract::{extract_mentions, Mention};
use crate::facts::claims_io::{parse_records, rebuild, ClaimRecord};
use crate::facts::discover::{discover, DiscoverOptions};
use crate::facts::{assign_claims, Claim, FactSet};
use crate::rates::RateTables;
use crate::report::model::{self, Report};
use crate::rules::RuleSet;
use crate::source::{source_from_bytes, LoadOptions, Source};
use crate::{Error, Errors};
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How the checks run: severities, checks turned off, default widths.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    /// Severity overrides and the inline-conversion rate tolerance.
    pub settings: CheckSettings,
    /// Checks turned off.
    pub off: BTreeSet<CheckId>,
    /// `[tolerance] cross-source`: a fact's tolerance, unless it sets its own.
    pub cross_source: Option<Decimal>,
    /// `[tolerance] approx-width`: a fact's "about" width, unless it sets its own.
    pub approx_width: Option<Decimal>,
}

impl CheckConfig {
    /// Set one check's severity; `None` turns the check off. A later call wins.
    pub fn set_severity(&mut self, check: CheckId, level: Option<Severity>) {
        match level {
            None => {
                self.off.insert(check);
            }
            Some(l) => {
                self.off.remove(&check);
                self.settings.severities.insert(check, l);
            }
        }
    }
}

/// Sources with their claims: every mention tied to a fact or not, and the facts they
/// are tied to (the ledger's, plus those discovered across the sources when there is
/// no ledger).
#[derive(Debug, Clone)]
pub struct Claims {
    /// The sources, sorted by path.
    pub sources: Vec<Source>,
    /// The claims, sources in order, then text order.
    pub claims: Vec<Claim>,
    /// The facts claims may be tied to.
    pub facts: FactSet,
}

/// A finished check: the claims, their normalised values and the findings that were
/// not accepted (by a check turned off, a suppression comment or the baseline).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The sources.
    pub sources: Vec<Source>,
    /// The claims.
    pub claims: Vec<Claim>,
    /// The facts.
    pub facts: FactSet,
    /// The claims normalised into their facts' units (same order as `claims`).
    pub normalized: Vec<Normalized>,
    /// The findings kept.
    pub findings: Vec<Finding>,
    /// How many findings were accepted, and by what.
    pub dropped: Dropped,
}

/// Rule packs (their rules and their ledger), rate tables and check settings, loaded
/// once.
#[derive(Debug, Clone)]
pub struct Checker {
    rules: RuleSet,
    facts: FactSet,
    tables: RateTables,
    config: CheckConfig,
}

impl Checker {
    /// A builder: bundled packs and table unless told otherwise.
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// A checker from rules, facts and tables already loaded
    /// ([`load_rules_and_facts`], [`load_tables`]). The configuration's default widths
    /// are given to the facts that do not set their own.
    pub fn from_parts(
        rules: RuleSet,
        mut facts: FactSet,
        tables: RateTables,
        config: CheckConfig,
    ) -> Checker {
        for fact in facts.facts.values_mut() {
            if let (Some(t), false) = (config.cross_source, fact.own_widths.0) {
                fact.tolerance = t;
            }
            if let (Some(w), false) = (config.approx_width, fact.own_widths.1) {
                fact.approx_width = w;
            }
        }
        Checker {
            rules,
            facts,
            tables,
            config,
        }
    }

    /// The rule set.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The ledger: the packs' facts and relations.
    pub fn facts(&self) -> &FactSet {
        &self.facts
    }

    /// The rate tables.
    pub fn tables(&self) -> &RateTables {
        &self.tables
    }

    /// The check configuration.
    pub fn config(&self) -> &CheckConfig {
        &self.config
    }

    /// Options to read `paths` with (`source::load_sources`): the languages of the
    /// rules; English when detection is unsure, if the rules have it.
    pub fn load_options(&self, paths: Vec<PathBuf>) -> LoadOptions {
        let langs = self.rules.languages();
        let default_lang = if langs.iter().any(|l| l == "en") {
            "en".to_string()
        } else {
            langs.first().cloned().unwrap_or_else(|| "en".to_string())
        };
        LoadOptions {
            paths,
            known_langs: langs,
            default_lang,
            ..LoadOptions::default()
        }
    }

    /// One source from text held in memory, read as a file named `path` is read (its
    /// extension picks Markdown, HTML or plain text; front matter gives the date and
    /// language). `lang` and `date` apply when the text does not say.
    pub fn source_from_text(
        &self,
        path: &str,
        text: &str,
        lang: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Result<Source, Error> {
        let mut opts = self.load_options(Vec::new());
        opts.lang = lang.map(str::to_string);
        opts.date = date;
        source_from_bytes(path, text.as_bytes().to_vec(), &opts)
    }

    /// The mentions of one source, in text order.
    pub fn extract(&self, source: &Source) -> Vec<Mention> {
        extract_mentions(&self.rules, source)
    }

    /// The mentions of every source, in parallel; `done` is called once per source.
    pub fn extract_all(&self, sources: &[Source], done: &(dyn Fn() + Sync)) -> Vec<Vec<Mention>> {
        sources
            .par_iter()
            .map(|s| {
                let m = self.extract(s);
                done();
                m
            })
            .collect()
    }

    /// Tie the mentions to facts: the ledger's, or, without a ledger, facts discovered
    /// across the sources.
    pub fn claims(&self, sources: Vec<Source>, mentions: &[Vec<Mention>]) -> Claims {
        let mut claims = assign_claims(&self.rules, &self.facts, &sources, mentions);
        let mut facts = self.facts.clone();
        if facts.facts.is_empty() {
            let mut found = FactSet::default();
            discover(
                &self.rules,
                &sources,
                &mut claims,
                &mut found,
                DiscoverOptions::default(),
            );
            facts.facts.extend(found.facts);
            facts.relations.extend(found.relations);
        }
        Claims {
            sources,
            claims,
            facts,
        }
    }

    /// Sources and claims from claim records (`check --format jsonl`), the reduce step
    /// of `check --claims`: claims keep the fact their record names.
    pub fn claims_from_records(
        &self,
        records: Vec<(crate::Location, ClaimRecord)>,
    ) -> Result<Claims, Errors> {
        let (sources, claims) = rebuild(records, &self.facts)?;
        Ok(Claims {
            sources,
            claims,
            facts: self.facts.clone(),
        })
    }

    /// Claims from JSON-lines text (as `check --format jsonl` writes); `path` names the
    /// text in errors.
    pub fn claims_from_jsonl(&self, path: &Path, text: &str) -> Result<Claims, Errors> {
        self.claims_from_records(parse_records(path, text)?)
    }

    /// Claims from claim files, every error of every file reported (`check --claims`).
    pub fn read_claim_files(&self, paths: &[PathBuf]) -> Result<Claims, Errors> {
        let (sources, claims) = crate::facts::claims_io::read_claim_files(paths, &self.facts)?;
        Ok(Claims {
            sources,
            claims,
            facts: self.facts.clone(),
        })
    }

    /// Extract, tie and check: the whole pipeline over `sources`.
    pub fn check(&self, sources: Vec<Source>) -> Checked {
        let mentions = self.extract_all(&sources, &|| ());
        let claims = self.claims(sources, &mentions);
        self.check_claims(claims, None)
    }

    /// Normalise and check claims; drop the findings of checks turned off, those a
    /// suppression comment covers and those whose fingerprint is in `baseline`.
    pub fn check_claims(&self, c: Claims, baseline: Option<&BTreeSet<String>>) -> Checked {
        let normalized = normalize_claims(&c.facts, &self.tables, &c.claims);
        let input = CheckInput {
            rules: &self.rules,
            facts: &c.facts,
            tables: &self.tables,
            sources: &c.sources,
            claims: &c.claims,
            normalized: &normalized,
        };
        let settings = &self.config.settings;
        let mut findings = run_all(&input, settings);
        // Findings on discovered facts are warnings unless a severity is set for their
        // check: the value they are measured against is only what most sources say. A
        // mismatch there that no known slip explains is a note: a group found by
        // subject, measure and year can hold two facts (an earlier round, a share price
        // beside a market value), and a figure far from the others with no slip to show
        // is more often the other fact than an error.
        for f in &mut findings {
            let discovered = f
                .fact
                .as_ref()
                .and_then(|id| c.facts.facts.get(id))
                .is_some_and(|x| x.discovered.is_some());
            if discovered && !settings.severities.contains_key(&f.check) {
                let unexplained = f.check == CheckId::CrossSourceMismatch
                    && f.cause
                        .as_deref()
                        .is_none_or(|c| c.starts_with("no simple slip"));
                let cap = if unexplained {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                f.severity = f.severity.min(cap);
            }
        }
        let (findings, dropped) =
            drop_accepted(findings, &self.config.off, baseline, &c.claims, &c.sources);
        Checked {
            sources: c.sources,
            claims: c.claims,
            facts: c.facts,
            normalized,
            findings,
            dropped,
        }
    }

    /// The report of a check: sorted once, self-contained, ready for any renderer.
    pub fn report(&self, c: &Checked) -> Report {
        let mut report = model::build(&c.facts, &c.sources, &c.claims, &c.normalized, &c.findings);
        report.summary.suppressed = c.dropped.by_comment;
        report.summary.baselined = c.dropped.by_baseline;
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(checker: &Checker, path: &str, date: &str, body: &str) -> Source {
        let text = format!("---\ndate: {date}\nlang: fr\n---\n{body}\n");
        checker.source_from_text(path, &text, None, None).unwrap()
    }

    #[test]
    fn claim_records_reduce_to_the_same_findings() {
        let ledger = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts");
        let checker = Checker::builder().rules_dir(ledger).build().unwrap();
        let a = fr(
            &checker,
            "a.md",
            "2024-06-12",
            "Brumelune a levé 120 millions d'euros.",
        );
        let b = fr(
            &checker,
            "b.md",
            "2024-06-13",
            "Brumelune a levé 180 millions d'euros.",
        );
        let direct = checker.check(vec![a.clone(), b.clone()]);
        let direct = checker.report(&direct);
        // map: one source at a time, as a cluster's workers do
        let mut lines = String::new();
        for s in [a, b] {
            let report = checker.report(&checker.check(vec![s]));
            for r in &report.claim_records {
                lines.push_str(&serde_json::to_string(r).unwrap());
                lines.push('\n');
            }
        }
        let claims = checker
            .claims_from_jsonl(Path::new("claims.jsonl"), &lines)
            .unwrap();
        let reduced = checker.report(&checker.check_claims(claims, None));
        assert_eq!(reduced.summary.claims, direct.summary.claims);
        assert!(
            !direct.findings.is_empty(),
            "120 vs 180 million EUR is a finding"
        );
        assert_eq!(
            serde_json::to_value(&reduced.findings).unwrap(),
            serde_json::to_value(&direct.findings).unwrap()
        );
    }

    #[test]
    fn a_check_turned_off_reports_nothing() {
        let mut config = CheckConfig::default();
        config.set_severity(CheckId::CrossSourceMismatch, None);
        assert!(config.off.contains(&CheckId::CrossSourceMismatch));
        config.set_severity(CheckId::CrossSourceMismatch, Some(Severity::Info));
        assert!(!config.off.contains(&CheckId::CrossSourceMismatch));
    }
}
