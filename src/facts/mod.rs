//! Facts: what several claims are about ("Alibaba's three-year AI and cloud plan",
//! "QwQ-32B's parameter count"). Facts are TOML in the rule packs (`[[fact]]`,
//! `[[relation]]`); this module validates them (`compile`), ties each mention to at most
//! one fact (`assign`), and finds the date a claim speaks of (`as_of`).
//!
//! It must not convert currencies or judge figures: that is `rates` and `check`.

pub mod as_of;
pub mod assign;
pub mod claims_io;
pub mod compile;
pub mod discover;

use crate::error::Location;
use crate::extract::Mention;
use crate::quantity::Currency;
use chrono::NaiveDate;
use regex::Regex;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use assign::assign_claims;

/// What a fact counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Money.
    Money,
    /// Parameter counts.
    Parameters,
}

impl FactKind {
    /// "money" or "parameters".
    pub fn as_str(&self) -> &'static str {
        match self {
            FactKind::Money => "money",
            FactKind::Parameters => "parameters",
        }
    }
}

/// Where words must be, around a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The figure's sentence.
    Sentence,
    /// The figure's paragraph.
    Paragraph,
    /// Anywhere in the source.
    Document,
}

/// A known figure claims are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Value in base units.
    pub value: Decimal,
    /// Its currency, for money.
    pub currency: Option<Currency>,
    /// The date it holds at.
    pub date: Option<NaiveDate>,
    /// Where it comes from.
    pub source: Option<String>,
    /// Its precision (0: exact).
    pub precision: Decimal,
}

/// A validated fact.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind.
    pub kind: FactKind,
    /// Currency claims are compared in (money).
    pub currency: Option<Currency>,
    /// Entity names.
    pub entities: Vec<String>,
    /// Topic words.
    pub topics: Vec<String>,
    /// Exclusion words.
    pub exclude: Vec<String>,
    /// Entity scope.
    pub entity_scope: Scope,
    /// Topic scope.
    pub topic_scope: Scope,
    /// Relative tolerance added to every claim interval.
    pub tolerance: Decimal,
    /// Relative half-width of approximate figures.
    pub approx_width: Decimal,
    /// Whether the ledger set `tolerance` and `approx-width` itself (else the
    /// configuration's `[tolerance]` defaults apply).
    pub own_widths: (bool, bool),
    /// Days looked back for a stale conversion.
    pub stale_window_days: u32,
    /// Reference value.
    pub reference: Option<Reference>,
    /// When the event happened: figures of other times are not about this fact.
    pub window: EventWindow,
    /// What its figures measure (a role id: "valuation", "funding"...), if declared.
    pub measure: Option<String>,
    /// Roles whose figures may stand for the measure, with fewer points.
    pub measure_related: Vec<String>,
    /// Texts whose figure must (or must not) tie to it.
    pub examples: Vec<FactExample>,
    /// Where it is defined.
    pub location: Location,
    /// The position of its pack in load order: when two facts fit a figure equally,
    /// the later pack wins (a user's ledger over a bundled or shared one).
    pub priority: usize,
    /// Set for a fact discovered across sources (not in a ledger): how many sources
    /// it was found in.
    pub discovered: Option<usize>,
    pub(crate) topic_re: Option<Regex>,
    pub(crate) exclude_re: Option<Regex>,
}

/// A `[[fact.example]]`.
#[derive(Debug, Clone)]
pub struct FactExample {
    /// The text.
    pub text: String,
    /// Must tie (true) or must not.
    pub tie: bool,
    /// The figure meant, as written.
    pub figure: Option<String>,
    /// Language, if given.
    pub lang: Option<String>,
    /// Publication date, if given.
    pub date: Option<NaiveDate>,
    /// Where it is written.
    pub location: Location,
}

/// When a fact's event happened, and how long after it articles may report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EventWindow {
    /// First day (`date` or `from`); none: open.
    pub from: Option<NaiveDate>,
    /// Last day (`date` or `until`); none: open.
    pub until: Option<NaiveDate>,
    /// Days after `until` an article may report the event with no time words.
    pub horizon_days: u32,
}

/// Days before an event an article may already report it (announced plans, leaks).
pub const LEAD_DAYS: i64 = 7;

impl EventWindow {
    /// Whether a figure whose own words give the time `t` can be about this event.
    pub fn admits_time(&self, t: &crate::frames::FrameTime) -> Result<(), String> {
        let before = self.from.is_some_and(|f| t.until < f);
        let after = self.until.is_some_and(|u| t.from > u);
        if before || after {
            return Err(format!(
                "its own time (\"{}\": {}..{}) is outside {}",
                t.words,
                t.from,
                t.until,
                self.describe()
            ));
        }
        Ok(())
    }

    /// Whether a figure of `as_of` (the date it speaks of, and how that was found) can
    /// be about this event; `Err` says why not.
    pub fn admits(&self, as_of: Option<NaiveDate>, origin: &AsOf) -> Result<(), String> {
        use chrono::Datelike;
        let Some(d) = as_of else { return Ok(()) };
        match origin {
            AsOf::Text { words } => {
                let y = d.year();
                let lo = self.from.map(|f| f.year());
                let hi = self.until.map(|u| u.year());
                if lo.is_some_and(|lo| y < lo) || hi.is_some_and(|hi| y > hi) {
                    return Err(format!(
                        "its own time (\"{words}\") is outside {}",
                        self.describe()
                    ));
                }
                Ok(())
            }
            AsOf::Source | AsOf::Undated => {
                let early = self
                    .from
                    .and_then(|f| f.checked_sub_signed(chrono::TimeDelta::days(LEAD_DAYS)));
                let late = self.until.and_then(|u| {
                    u.checked_add_signed(chrono::TimeDelta::days(i64::from(self.horizon_days)))
                });
                if early.is_some_and(|e| d < e) {
                    return Err(format!(
                        "its source's date ({d}) is before {}",
                        self.describe()
                    ));
                }
                if late.is_some_and(|l| d > l) {
                    return Err(format!(
                        "its source's date ({d}) is more than {} days after {}",
                        self.horizon_days,
                        self.describe()
                    ));
                }
                Ok(())
            }
        }
    }

    /// Days between a time span and the event (0 when they overlap; none when the
    /// window is open on both sides).
    pub fn days_from(&self, from: NaiveDate, until: NaiveDate) -> Option<i64> {
        if self.from.is_none() && self.until.is_none() {
            return None;
        }
        let before = self.from.map_or(0, |f| (f - until).num_days().max(0));
        let after = self.until.map_or(0, |u| (from - u).num_days().max(0));
        Some(before.max(after))
    }

    /// "the event of 2025-01-27", "the event window 2025-01-01..2025-03-31".
    pub fn describe(&self) -> String {
        match (self.from, self.until) {
            (Some(a), Some(b)) if a == b => format!("the event of {a}"),
            (Some(a), Some(b)) => format!("the event window {a}..{b}"),
            (Some(a), None) => format!("the event window from {a}"),
            (None, Some(b)) => format!("the event window until {b}"),
            (None, None) => "any time".to_string(),
        }
    }
}

/// What a relation says about its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// `larger` is N times `smaller` ("vingt fois plus", "20 times larger").
    Times,
    /// `smaller` is a share of `larger` ("4 % of its sales", "a stake of 11 %").
    Share,
    /// `larger` is the sum of `parts` (post-money = pre-money + round).
    Sum,
}

/// A validated relation between facts.
#[derive(Debug, Clone)]
pub struct Relation {
    /// Id.
    pub id: String,
    /// What it says.
    pub kind: RelationKind,
    /// Larger fact id: the multiple (times), the whole (share) or the total (sum).
    pub larger: String,
    /// Smaller fact id: the base (times), the part (share) or the first part (sum).
    pub smaller: String,
    /// Every part of a sum, in the order written (empty for times and share).
    pub parts: Vec<String>,
    /// Relative tolerance on stated ratios.
    pub tolerance: Decimal,
    /// Where it is defined.
    pub location: Location,
}

impl Relation {
    /// The pairs of facts it links, larger first: one pair, or the total with each part.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        match self.kind {
            RelationKind::Sum => self
                .parts
                .iter()
                .map(|p| (self.larger.as_str(), p.as_str()))
                .collect(),
            RelationKind::Times | RelationKind::Share => {
                vec![(self.larger.as_str(), self.smaller.as_str())]
            }
        }
    }
}

/// All facts and relations.
#[derive(Debug, Clone, Default)]
pub struct FactSet {
    /// Facts by id.
    pub facts: BTreeMap<String, Fact>,
    /// Relations, by id order.
    pub relations: Vec<Relation>,
}

impl FactSet {
    /// The facts' entities, for the frames stage: names shared by two facts are one
    /// entity.
    pub fn entity_index(&self) -> crate::frames::subject::EntityIndex {
        crate::frames::subject::EntityIndex::new(
            self.facts
                .values()
                .map(|f| (f.entities.as_slice(), f.kind == FactKind::Money)),
        )
    }
}

/// Load the bundled packs (unless `bundled` is false) and those of `dirs`, and compile
/// their rules and their facts, as [`RuleSet::load`](crate::rules::RuleSet::load) then
/// [`FactSet::compile`] do, but reporting the errors of both at once (a bad pattern does
/// not hide a bad fact), by file, line and column.
pub fn load_rules_and_facts(
    dirs: &[std::path::PathBuf],
    bundled: bool,
) -> Result<(crate::rules::RuleSet, FactSet), crate::error::Errors> {
    use crate::rules::compile::LedgerTables;
    let (packs, mut errors) = crate::rules::load::load_packs_keep_going(dirs, bundled);
    let rules = crate::rules::compile::compile(&packs);
    let role_ids = crate::rules::roles::role_ids(&packs);
    let facts = compile::compile_facts(&LedgerTables::of_packs(&packs), &role_ids, &mut errors);
    match rules {
        Ok(rules) if errors.is_empty() => Ok((rules, facts)),
        Ok(_) => {
            errors.sort_by(|a, b| a.location.cmp(&b.location));
            Err(crate::error::Errors(errors))
        }
        Err(crate::error::Errors(more)) => {
            errors.extend(more);
            errors.sort_by(|a, b| a.location.cmp(&b.location));
            Err(crate::error::Errors(errors))
        }
    }
}

/// How a claim's date was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum AsOf {
    /// The source's publication date.
    Source,
    /// Words next to the figure ("en 2021"): the claim speaks of another time.
    Text {
        /// The words.
        words: String,
    },
    /// Neither the source nor the claim gives a date.
    Undated,
}

/// Which words tied a mention to its fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tie {
    /// The words that named the subject ("Helsing", "la start-up").
    pub entity: String,
    /// The topic word found, if the fact has topics.
    pub topic: Option<String>,
    /// How the subject was found (see [`crate::frames::SubjectFrom`]).
    #[serde(default)]
    pub subject_from: crate::frames::SubjectFrom,
    /// The role word that gave the measure, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_words: Option<String>,
    /// How well the frame fits the fact (subject and measure points).
    #[serde(default)]
    pub score: u32,
    /// The next best fact, if another one fitted too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
}

/// A mention, tied (or not) to a fact, with its date.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Index of the source in the run's source list.
    pub source: usize,
    /// The mention.
    pub mention: Mention,
    /// The fact, if tied.
    pub fact: Option<String>,
    /// The words that tied it.
    pub tie: Option<Tie>,
    /// Who, what and when the figure is about (none when no fact was loaded).
    pub frame: Option<crate::frames::Frame>,
    /// Why it is tied to no fact (none when tied, or when no fact was loaded).
    pub untied: Option<String>,
    /// The date the claim speaks of.
    pub as_of: Option<NaiveDate>,
    /// Where that date came from.
    pub as_of_origin: AsOf,
}
