//! Unsupported language. What it checks: sources in a language that has no rule pack.
//! Why it matters: such a source is not read at all (reading it with another
//! language's rules would find nothing, or wrong figures), and the reader must know
//! that nothing in it was checked.
//! Example: a Dutch article among French ones, with only French and English packs.

use super::{CheckId, CheckInput, Finding};

/// Run the check.
pub fn check(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (s, source) in input.sources.iter().enumerate() {
        if input.rules.matcher(&source.lang).is_some() {
            continue;
        }
        let mut f = Finding::new(
            CheckId::UnsupportedLanguage,
            None,
            format!("{}: no rules for this language, not checked", source.lang),
            Vec::new(),
        );
        f.source = Some(s);
        out.push(f);
    }
    out
}
