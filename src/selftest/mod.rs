//! `figcheck rules test`: every pattern's examples and counter-examples (`patterns`) and
//! every fact's examples (`facts`), run through the real pipeline (extraction, then
//! frames and ties). Used by the CLI and the test suite. It sits above `rules`, `extract`
//! and `facts`, which it runs; none of them knows it.

mod facts;
mod patterns;

use crate::error::Location;
use crate::facts::FactSet;
use crate::rules::RuleSet;

/// One example that did not read as expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule: String,
    /// Where the rule is written.
    pub location: Location,
    /// The language the example was read in.
    pub lang: String,
    /// The example text.
    pub text: String,
    /// What was expected.
    pub expected: String,
    /// What was found.
    pub got: String,
}

/// The outcome of a self-test.
#[derive(Debug, Clone, Default)]
pub struct SelfTestReport {
    /// Examples and counter-examples that passed.
    pub passed: usize,
    /// Those that did not.
    pub failures: Vec<ExampleFailure>,
}

/// Run all examples of all patterns, then those of the facts.
pub fn run_examples(rules: &RuleSet, facts: &FactSet) -> SelfTestReport {
    let mut report = patterns::run_pattern_examples(rules);
    let (passed, mut failures) = facts::run_fact_examples(rules, facts);
    report.passed += passed;
    report.failures.append(&mut failures);
    report
}
