//! Every pattern's examples and counter-examples, read with the whole rule set of its
//! language (so priorities between rules are tested too).

use super::{ExampleFailure, SelfTestReport};
use crate::extract::{extract_text, Mention};
use crate::quantity::Qualifier;
use crate::rules::compile::parse_example_value;
use crate::rules::RuleSet;
use rust_decimal::Decimal;
use std::str::FromStr;

fn describe(m: &Mention) -> String {
    let q = &m.quantity;
    let v = |d: Option<Decimal>| d.map_or("-".to_string(), |d| d.normalize().to_string());
    let cur = q.unit.currency().map_or("-".to_string(), |c| c.to_string());
    format!(
        "\"{}\" by {} (value {}, low {}, high {}, {}, {}, {})",
        m.text,
        m.rule,
        v(q.value),
        v(q.low),
        v(q.high),
        q.unit.kind(),
        cur,
        q.qualifier
    )
}

/// Run all examples of all patterns.
pub(super) fn run_pattern_examples(rules: &RuleSet) -> SelfTestReport {
    let mut report = SelfTestReport::default();
    let all_langs = rules.languages();
    for p in rules.patterns.values() {
        let langs: Vec<String> = if p.lang == "*" {
            all_langs.clone()
        } else {
            vec![p.lang.clone()]
        };
        for lang in &langs {
            for ex in &p.examples {
                let found = extract_text(rules, &ex.text, lang);
                let mine: Vec<&Mention> = found
                    .iter()
                    .filter(|m| m.rule == p.id)
                    .filter(|m| ex.matched.as_ref().is_none_or(|t| &m.text == t))
                    .collect();
                let mut fail = |expected: String, got: String| {
                    report.failures.push(ExampleFailure {
                        rule: p.id.clone(),
                        location: p.location.clone(),
                        lang: lang.clone(),
                        text: ex.text.clone(),
                        expected,
                        got,
                    });
                };
                let Some(m) = mine.first() else {
                    let got = if found.is_empty() {
                        "no mention".to_string()
                    } else {
                        found.iter().map(describe).collect::<Vec<_>>().join("; ")
                    };
                    let what = ex
                        .matched
                        .as_ref()
                        .map_or(String::new(), |t| format!(" covering \"{t}\""));
                    fail(format!("a mention by this rule{what}"), got);
                    continue;
                };
                let mut problems = Vec::new();
                let q = &m.quantity;
                let check = |name: &str,
                             want: &Option<String>,
                             got: Option<Decimal>,
                             problems: &mut Vec<String>| {
                    if let Some(w) = want {
                        let w = parse_example_value(w);
                        if w.map(|d| d.normalize()) != got.map(|d| d.normalize()) {
                            problems.push(format!(
                                "{name} {}",
                                w.map_or("?".to_string(), |d| d.normalize().to_string())
                            ));
                        }
                    }
                };
                check("value", &ex.value, q.value, &mut problems);
                check("low", &ex.low, q.low, &mut problems);
                check("high", &ex.high, q.high, &mut problems);
                if let Some(c) = &ex.currency {
                    if q.unit.currency().map(|c| c.to_string()).as_deref() != Some(c.as_str()) {
                        problems.push(format!("currency {c}"));
                    }
                }
                let want_q = ex
                    .qualifier
                    .as_deref()
                    .map_or(Ok(Qualifier::Exact), Qualifier::from_str)
                    .unwrap_or(Qualifier::Exact);
                if q.qualifier != want_q {
                    problems.push(format!("qualifier {want_q}"));
                }
                if problems.is_empty() {
                    report.passed += 1;
                } else {
                    fail(problems.join(", "), describe(m));
                }
            }
            for (text, _line) in &p.counter_examples {
                let found = extract_text(rules, text, lang);
                let mine: Vec<&Mention> = found.iter().filter(|m| m.rule == p.id).collect();
                if mine.is_empty() {
                    report.passed += 1;
                } else {
                    report.failures.push(ExampleFailure {
                        rule: p.id.clone(),
                        location: p.location.clone(),
                        lang: lang.clone(),
                        text: text.clone(),
                        expected: "no mention by this rule (counter-example)".to_string(),
                        got: mine
                            .iter()
                            .map(|m| describe(m))
                            .collect::<Vec<_>>()
                            .join("; "),
                    });
                }
            }
        }
    }
    report
}
