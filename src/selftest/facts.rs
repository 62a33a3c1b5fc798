//! `[[fact.example]]`: texts whose figure must (or must not) tie to a fact, run by
//! `figcheck rules test` and the test suite, like the patterns' examples. A ledger is
//! tested the way rules are: "this sentence is about our fact; that one is not".

use super::ExampleFailure;
use crate::extract::extract_text;
use crate::facts::assign::{assign_source, Ledger};
use crate::facts::FactSet;
use crate::rules::RuleSet;
use crate::source::lang::detect_lang;
use crate::source::Source;

/// Run every fact's examples: (passed, failures).
pub(super) fn run_fact_examples(rules: &RuleSet, facts: &FactSet) -> (usize, Vec<ExampleFailure>) {
    let ledger = Ledger::new(facts);
    let known = rules.languages();
    let mut passed = 0;
    let mut failures = Vec::new();
    for fact in facts.facts.values() {
        for ex in &fact.examples {
            let lang = ex
                .lang
                .clone()
                .or_else(|| detect_lang(&ex.text, &known).map(|(l, _)| l))
                .or_else(|| known.first().cloned())
                .unwrap_or_default();
            let mut source = Source::from_text("example", ex.text.clone(), &lang);
            source.date = ex.date.or(fact.window.from);
            let mentions = extract_text(rules, &ex.text, &lang);
            let claims = assign_source(&ledger, rules, 0, &source, &mentions);
            let meant: Vec<_> = claims
                .iter()
                .filter(|c| ex.figure.as_deref().is_none_or(|f| c.mention.text == f))
                .collect();
            let tied = meant
                .iter()
                .any(|c| c.fact.as_deref() == Some(fact.id.as_str()));
            if tied == ex.tie && !meant.is_empty() {
                passed += 1;
                continue;
            }
            let got = if meant.is_empty() {
                match &ex.figure {
                    Some(f) => format!("no figure \"{f}\" was found"),
                    None => "no figure was found".to_string(),
                }
            } else {
                meant
                    .iter()
                    .map(|c| match (&c.fact, &c.untied) {
                        (Some(f), _) => format!("\"{}\" tied to {f}", c.mention.text),
                        (None, Some(why)) => format!("\"{}\" untied: {why}", c.mention.text),
                        (None, None) => format!("\"{}\" untied", c.mention.text),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            failures.push(ExampleFailure {
                rule: fact.id.clone(),
                location: ex.location.clone(),
                lang,
                text: ex.text.clone(),
                expected: if ex.tie {
                    format!("a figure tied to {}", fact.id)
                } else {
                    format!("no figure tied to {}", fact.id)
                },
                got,
            });
        }
    }
    (passed, failures)
}
