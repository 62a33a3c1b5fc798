//! The bundled rule packs: they load, and every example of every rule reads as it says.

use figcheck::facts::load_rules_and_facts;
use figcheck::selftest::run_examples;

#[test]
fn bundled_packs_load_and_pass_their_examples() {
    let (rules, facts) =
        load_rules_and_facts(&[], true).unwrap_or_else(|e| panic!("bundled rules: {e}"));
    let report = run_examples(&rules, &facts);
    let msgs: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "{} [{}] ({}) {:?}\n    expected: {}\n    got: {}",
                f.location, f.rule, f.lang, f.text, f.expected, f.got
            )
        })
        .collect();
    assert!(
        msgs.is_empty(),
        "{} failures:\n{}",
        msgs.len(),
        msgs.join("\n")
    );
    assert!(report.passed > 50, "only {} examples ran", report.passed);
}
