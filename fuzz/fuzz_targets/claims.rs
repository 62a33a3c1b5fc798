//! Claim files (`check --claims`, JSON lines). Invariants: same result twice; errors
//! name the file and a line (and column) inside it; records that are accepted rebuild
//! into sources and claims whose figures hold the mention invariants (offsets, text,
//! `low <= value <= high`).
//!
//! A record may place its context anywhere below `MAX_OFFSET` (256 MB), and the rebuilt
//! source is as long as its last offset: a mutated digit made most executions fill
//! megabytes of line breaks (53–207 executions a second). Contexts past 64 KB are moved
//! back by a multiple of 64 KB, their figure with them, so every check still runs on
//! sources of fuzz-input size; the offset limit itself is tested in `tests/hardening.rs`.
#![no_main]

use figcheck::extract::Mention;
use figcheck::facts::claims_io::{parse_records, rebuild, ClaimRecord};
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
    // Compared as values: formatting thousands of records twice was most of each run.
    assert!(first == parse_records(path, text), "not deterministic");
    let records = match first {
        Ok(r) => r.into_iter().map(|(at, r)| (at, near(r))).collect(),
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

/// The record with its context moved back below 64 KB (by a multiple of 64 KB) and its
/// figure by the same amount, so it keeps its place in the context.
fn near(mut r: ClaimRecord) -> ClaimRecord {
    const WINDOW: usize = 1 << 16;
    let shift = r.context.start - r.context.start % WINDOW;
    r.context.start -= shift;
    r.mention.start = r.mention.start.saturating_sub(shift);
    r.mention.end = r.mention.end.saturating_sub(shift);
    r
}
