//! What is loaded: one `TableInfo` per table, highest priority first.

use super::RateTables;
use crate::quantity::Currency;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A summary of one loaded table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    /// The table's name, as results show it.
    pub name: String,
    /// The file read; `None` for the table built into the binary.
    pub origin: Option<PathBuf>,
    /// Higher wins; the bundled table, when loaded, is 0.
    pub priority: usize,
    /// The first row's date.
    pub first_date: Option<NaiveDate>,
    /// The last row's date.
    pub last_date: Option<NaiveDate>,
    /// Number of row dates.
    pub rows: usize,
    /// The currencies with a rate in the table, EUR left out when it is only the pivot.
    pub currencies: Vec<Currency>,
    /// The pairs as "BASE/QUOTE", sorted.
    pub pairs: Vec<String>,
}

impl RateTables {
    /// One summary per table, highest priority first.
    pub fn info(&self) -> Vec<TableInfo> {
        let mut v: Vec<TableInfo> = self
            .tables
            .iter()
            .enumerate()
            .map(|(priority, t)| {
                let eur_only_pivot = t
                    .series
                    .keys()
                    .all(|(b, q)| *b == Currency::EUR || *q == Currency::EUR);
                let currencies = t
                    .currencies()
                    .into_iter()
                    .filter(|c| !(eur_only_pivot && *c == Currency::EUR))
                    .collect();
                TableInfo {
                    name: t.name.clone(),
                    origin: t.origin.clone(),
                    priority,
                    first_date: t.first_date(),
                    last_date: t.last_date(),
                    rows: t.rows,
                    currencies,
                    pairs: t.series.keys().map(|(b, q)| format!("{b}/{q}")).collect(),
                }
            })
            .collect();
        v.reverse();
        v
    }
}
