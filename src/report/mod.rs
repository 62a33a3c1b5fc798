//! Rendering: plain data in, bytes out through a writer. Renderers never extract, look
//! up a rate or run a check; they only format what they are given.

pub mod concise;

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod ledger_draft;
pub mod markdown;
pub mod mentions;
pub mod model;
pub mod readable;
pub mod sarif;
pub mod short_paths;

/// "1 source", "3 sources".
pub fn n_sources(n: usize) -> String {
    if n == 1 {
        "1 source".to_string()
    } else {
        format!("{n} sources")
    }
}
