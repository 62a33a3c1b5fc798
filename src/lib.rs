//! figcheck: finds the figures in news articles (money amounts and AI-model parameter
//! counts), puts every amount on one footing with dated exchange-rate tables, and reports
//! where sources disagree.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! ```text
//! paths ─► source::load ─► Vec<Source>
//! rules/ ─► rules::RuleSet::load ─► RuleSet ─► facts::FactSet::compile ─► FactSet
//! rates/ ─► rates::RateTables::load ─► RateTables
//! Source + RuleSet ─► extract::extract_mentions ─► Vec<Mention>
//! Mentions + RuleSet + FactSet ─► facts::assign_claims ─► Vec<Claim> (frames inside)
//! Claims + FactSet + RateTables ─► check::run_all ─► Vec<Finding> ─► report
//! ```
//!
//! `checker::Checker` runs it all. Each stage depends only on those before it: `rules`
//! knows nothing of `extract`, `frames` or `facts`; `frames` knows no fact.
//!
//! The library never prints: output goes to writers passed in, problems are values.

pub mod check;
pub mod checker;
pub mod cli;
pub mod error;
pub mod extract;
pub mod facts;
pub mod frames;
pub mod lsp;
pub mod quantity;
pub mod rates;
pub mod report;
pub mod rules;
pub mod selftest;
pub mod source;
pub mod text;

pub use error::{Error, Errors, Location};
