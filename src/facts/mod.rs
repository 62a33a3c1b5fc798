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
    /// Days looked back for a stale conversion.
    pub stale_window_days: u32,
    /// Reference value.
    pub reference: Option<Reference>,
    /// Where it is defined.
    pub location: Location,
    pub(crate) entity_re: Option<Regex>,
    pub(crate) topic_re: Option<Regex>,
    pub(crate) exclude_re: Option<Regex>,
}

/// A validated relation: the larger fact is N times the smaller.
#[derive(Debug, Clone)]
pub struct Relation {
    /// Id.
    pub id: String,
    /// Larger fact id.
    pub larger: String,
    /// Smaller fact id.
    pub smaller: String,
    /// Relative tolerance on stated ratios.
    pub tolerance: Decimal,
    /// Where it is defined.
    pub location: Location,
}

/// All facts and relations.
#[derive(Debug, Clone, Default)]
pub struct FactSet {
    /// Facts by id.
    pub facts: BTreeMap<String, Fact>,
    /// Relations, by id order.
    pub relations: Vec<Relation>,
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
    /// The entity name found.
    pub entity: String,
    /// The topic word found, if the fact has topics.
    pub topic: Option<String>,
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
    /// The date the claim speaks of.
    pub as_of: Option<NaiveDate>,
    /// Where that date came from.
    pub as_of_origin: AsOf,
}
