//! Claim files (`check --claims`, JSON lines). Invariants: same result twice; errors
//! name the file and a line (and column) inside it; records that are accepted rebuild
//! into sources and claims whose figures hold the mention invariants (offsets, text,
//! `low <= value <= high`).
#![no_main]

use figcheck::extract::Mention;
use figcheck::facts::claims_io::{parse_records, rebuild};
use figcheck::facts::FactSet;
use figcheck_fuzz::{check_errors, check_quantity, Lines};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("claims.jsonl");
    let files = [(PathBuf::from(path), text.to_string())];
    let first = parse_records(path, text);
    assert_eq!(
        format!("{first:?}"),
        format!("{:?}", parse_records(path, text)),
        "not deterministic"
    );
    let records = match first {
        Ok(r) => r,
        Err(e) => {
            check_errors(&e.0, &files, Lines::Lf);
            return;
        }
    };
    match rebuild(records, &FactSet::default()) {
        Ok((sources, claims)) => {
            for c in &claims {
                let Some(source) = sources.get(c.source) else {
                    panic!("claim of source {} of {}", c.source, sources.len());
                };
                let m: &Mention = &c.mention;
                assert!(m.span.start < m.span.end, "{m:?}");
                assert_eq!(
                    source.text.get(m.span.start..m.span.end),
                    Some(m.text.as_str()),
                    "{m:?}"
                );
                check_quantity(&m.quantity, &m.text);
            }
        }
        Err(e) => check_errors(&e.0, &files, Lines::Lf),
    }
});
