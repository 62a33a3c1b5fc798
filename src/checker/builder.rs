//! [`CheckerBuilder`]: which rule packs and rate tables a [`Checker`] loads, and the
//! settings its checks run with. It owns loading them (the file system is read here and
//! in the stages it calls, never later).

use super::{CheckConfig, Checker};
use crate::check::{CheckId, Severity};
use crate::facts::FactSet;
use crate::rates::RateTables;
use crate::rules::RuleSet;
use crate::{Error, Errors};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// Largest gap, in days, between a date and the rate row used for it, unless set.
pub const DEFAULT_MAX_GAP: u32 = 7;

/// Builds a [`Checker`]: the bundled packs and the bundled ECB table unless told
/// otherwise, plus the folders added (later folders take priority, as `--rules` and
/// `--rates` do).
#[derive(Debug, Clone)]
pub struct CheckerBuilder {
    rule_dirs: Vec<PathBuf>,
    bundled_rules: bool,
    rate_dirs: Vec<PathBuf>,
    bundled_rates: bool,
    updated_table: Option<PathBuf>,
    max_gap: u32,
    config: CheckConfig,
}

impl Default for CheckerBuilder {
    fn default() -> Self {
        CheckerBuilder {
            rule_dirs: Vec::new(),
            bundled_rules: true,
            rate_dirs: Vec::new(),
            bundled_rates: true,
            updated_table: None,
            max_gap: DEFAULT_MAX_GAP,
            config: CheckConfig::default(),
        }
    }
}

impl CheckerBuilder {
    /// Add a folder of rule packs (`--rules DIR`).
    pub fn rules_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.rule_dirs.push(dir.into());
        self
    }

    /// Load the bundled rule packs or not (`--no-default-rules`).
    pub fn bundled_rules(mut self, yes: bool) -> Self {
        self.bundled_rules = yes;
        self
    }

    /// Add a folder of rate tables (`--rates DIR`).
    pub fn rates_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.rate_dirs.push(dir.into());
        self
    }

    /// Load the bundled ECB table or not (`--no-default-rates`).
    pub fn bundled_rates(mut self, yes: bool) -> Self {
        self.bundled_rates = yes;
        self
    }

    /// Also read the table `figcheck rates update` installed at `path`, when it exists.
    pub fn updated_table(mut self, path: Option<&Path>) -> Self {
        self.updated_table = path.map(Path::to_path_buf);
        self
    }

    /// Largest gap, in days, between a date and the rate row used for it.
    pub fn max_gap(mut self, days: u32) -> Self {
        self.max_gap = days;
        self
    }

    /// Set one check's severity; `None` turns the check off.
    pub fn severity(mut self, check: CheckId, level: Option<Severity>) -> Self {
        self.config.set_severity(check, level);
        self
    }

    /// The relative tolerance of every claim on a fact without its own `tolerance`.
    pub fn cross_source_tolerance(mut self, t: Option<Decimal>) -> Self {
        self.config.cross_source = t;
        self
    }

    /// The relative half-width of "about" figures on a fact without its own
    /// `approx-width`.
    pub fn approx_width(mut self, w: Option<Decimal>) -> Self {
        self.config.approx_width = w;
        self
    }

    /// The relative rate tolerance of a conversion written in the text.
    pub fn inline_rate_tolerance(mut self, t: Option<Decimal>) -> Self {
        self.config.settings.inline_rate_tolerance = t;
        self
    }

    /// Replace the whole check configuration.
    pub fn config(mut self, config: CheckConfig) -> Self {
        self.config = config;
        self
    }

    /// Load the rules, then the rate tables. Errors carry their file, line and column.
    pub fn build(self) -> Result<Checker, Errors> {
        let (rules, facts) = load_rules_and_facts(&self.rule_dirs, self.bundled_rules)?;
        let tables = load_tables(
            &self.rate_dirs,
            self.bundled_rates,
            self.updated_table.as_deref(),
            self.max_gap,
        )?;
        Ok(Checker::from_parts(rules, facts, tables, self.config))
    }
}

/// The rule packs: the bundled ones (unless `bundled` is false) and those in `dirs`. A
/// set without a single language is an error: it would read nothing.
pub fn load_rules(dirs: &[PathBuf], bundled: bool) -> Result<RuleSet, Errors> {
    let rules = RuleSet::load(dirs, bundled)?;
    has_a_language(&rules)?;
    Ok(rules)
}

fn has_a_language(rules: &RuleSet) -> Result<(), Errors> {
    if rules.langs.is_empty() {
        return Err(Errors(vec![Error::usage(
            "no rules loaded: --no-default-rules needs at least one --rules DIR with patterns",
        )]));
    }
    Ok(())
}

/// The rule packs as [`load_rules`] loads them, and their ledger; the errors of both
/// are reported together.
pub fn load_rules_and_facts(dirs: &[PathBuf], bundled: bool) -> Result<(RuleSet, FactSet), Errors> {
    let (rules, facts) = crate::facts::load_rules_and_facts(dirs, bundled)?;
    has_a_language(&rules)?;
    Ok((rules, facts))
}

/// The rate tables: the bundled ECB table and the updated one (unless `bundled` is
/// false), then those in `dirs`.
pub fn load_tables(
    dirs: &[PathBuf],
    bundled: bool,
    updated: Option<&Path>,
    max_gap: u32,
) -> Result<RateTables, Errors> {
    RateTables::load_with_updated(dirs, bundled, updated.filter(|_| bundled), max_gap)
}
