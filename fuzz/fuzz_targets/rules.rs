//! The rule-pack loader on mutated TOML. The input holds several files (see
//! `split_files`: `#@ dir/name.toml` lines; seeds are the bundled packs and the broken
//! packs of tests/fixtures/rules-bad), grouped into packs by folder, parsed and compiled
//! as user packs. Invariants: parsing is deterministic; every error's file:line:column
//! points into the file it names; a rule set that compiles extracts figures that hold the
//! mention invariants, in every language it has.
#![no_main]

use figcheck::extract::extract_text;
use figcheck::rules::compile::compile;
use figcheck::rules::load::parse_user_pack;
use figcheck::source::Source;
use figcheck_fuzz::{check_errors, check_mentions, split_files, Lines};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Figures in the bundled languages, to read with a rule set that compiled.
const SAMPLE: &str =
    "Le groupe a investi 380 milliards de yuans (50 milliards d'euros), soit plus \
de 52 milliards de dollars. It raised more than $1.5 billion, about €8,4 Mds.\n\
Die Firma sammelte 2,5 Mrd. Euro ein; la empresa recaudó 300 millones de dólares. \
公司投资3800亿元人民币。A 32B model with 671 billion parameters.";

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let files = split_files(input);
    let mut by_dir: BTreeMap<PathBuf, Vec<(PathBuf, String)>> = BTreeMap::new();
    for (path, text) in &files {
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        by_dir
            .entry(dir)
            .or_default()
            .push((path.clone(), text.clone()));
    }
    let mut packs = Vec::new();
    for group in by_dir.into_values() {
        let first = parse_user_pack(group.clone());
        let again = parse_user_pack(group);
        assert_eq!(
            format!("{first:?}"),
            format!("{again:?}"),
            "parsing is not deterministic"
        );
        match first {
            Ok(p) => packs.push(p),
            Err(e) => check_errors(&e.0, &files, Lines::Any),
        }
    }
    match compile(&packs) {
        Ok(rules) => {
            for lang in rules.languages() {
                let mentions = extract_text(&rules, SAMPLE, &lang);
                check_mentions(&Source::from_text("-", SAMPLE, &lang), &mentions);
            }
        }
        Err(e) => check_errors(&e.0, &files, Lines::Any),
    }
});
