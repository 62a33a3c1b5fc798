//! How a figure is qualified: "plus de", "about", "up to", a range...

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The qualifier of a figure, which shapes its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: the figure as stated (with its stated precision).
    Exact,
    /// "environ", "about", "quelque", "some", "around".
    Approx,
    /// "plus de", "more than", "over".
    MoreThan,
    /// "au moins", "at least".
    AtLeast,
    /// "moins de", "less than", "under".
    LessThan,
    /// "au plus", "at most", "près de", "nearly", "almost" (at or just below).
    AtMost,
    /// "jusqu'à", "up to".
    UpTo,
    /// "entre X et Y", "X-Y".
    Range,
}

impl Qualifier {
    /// All qualifiers, in a stable order.
    pub const ALL: [Qualifier; 8] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::LessThan,
        Qualifier::AtMost,
        Qualifier::UpTo,
        Qualifier::Range,
    ];

    /// The snake_case name used in TOML and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::AtMost => "at_most",
            Qualifier::UpTo => "up_to",
            Qualifier::Range => "range",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Qualifier {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Qualifier::ALL
            .iter()
            .find(|q| q.as_str() == s)
            .copied()
            .ok_or_else(|| {
                let names: Vec<&str> = Qualifier::ALL.iter().map(Qualifier::as_str).collect();
                format!(
                    "unknown qualifier \"{s}\" (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}
