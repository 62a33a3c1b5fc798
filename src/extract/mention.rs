//! `Mention`: one figure found in a text, with how it was read.

use crate::quantity::{Quantity, Unit};
use crate::text::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a mention's unit came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum MentionOrigin {
    /// The figure states its unit ("52 milliards de dollars").
    Stated,
    /// A size read from a model's name ("QwQ-32B").
    ModelName {
        /// The model's name as written.
        model: String,
    },
    /// The unit is elided and taken from the figure before it in the same sentence
    /// ("plus de 32 milliards de dollars ..., contre 13 milliards").
    Context {
        /// The figure the unit was taken from.
        antecedent: String,
        /// Its byte offset.
        antecedent_start: usize,
    },
}

/// How the parts of a figure were read, for `explain` and reports.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reading {
    /// The qualifier words, if any.
    pub qualifier: Option<String>,
    /// The number as written.
    pub number: String,
    /// The upper number of a range, as written.
    pub number_hi: Option<String>,
    /// The scale word and its factor.
    pub scale: Option<(String, Decimal)>,
    /// The currency alias as written.
    pub currency: Option<String>,
    /// How an ambiguous alias was decided.
    pub currency_note: Option<String>,
    /// The other currencies an ambiguous alias may mean when nothing about the source
    /// decided it ("$" read as USD, may be SGD, HKD, AUD...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currency_alternatives: Vec<crate::quantity::Currency>,
}

/// One figure found in a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the source text.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of the figure.
    pub text: String,
    /// The value, bounds, qualifier and unit.
    pub quantity: Quantity,
    /// The id of the rule that found it.
    pub rule: String,
    /// The language it was read in.
    pub lang: String,
    /// Where its unit came from.
    pub origin: MentionOrigin,
    /// How it was read. Boxed: it is read by `explain` and the checks' causes, while
    /// every mention is moved and kept (half a mention's size, in lists of millions).
    pub reading: Box<Reading>,
}

impl Mention {
    /// "money" or "parameters".
    pub fn kind(&self) -> &'static str {
        self.quantity.unit.kind()
    }

    /// The unit.
    pub fn unit(&self) -> Unit {
        self.quantity.unit
    }
}
