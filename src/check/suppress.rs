//! Accepted findings: dropped after the checks, before the report, and counted.
//! - a `<!-- figcheck-ignore CHECK reason -->` comment (read by `source::suppress`)
//!   covering the finding's flagged figure;
//! - a check whose severity is `off`;
//! - a baseline: fingerprints (the SARIF `partialFingerprints`) of findings accepted
//!   earlier (`--baseline FILE`).

use super::fingerprint::fingerprint_of;
use super::{CheckId, Finding};
use crate::facts::Claim;
use crate::source::Source;
use std::collections::BTreeSet;

/// How many findings each kind of acceptance dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// By a `figcheck-ignore` comment.
    pub by_comment: usize,
    /// By a baseline.
    pub by_baseline: usize,
}

/// The fingerprint of a finding (equal to its SARIF `partialFingerprints` entry).
pub fn finding_fingerprint(f: &Finding, claims: &[Claim], sources: &[Source]) -> String {
    let first = f.claims.first().and_then(|i| claims.get(*i));
    let source = first.map(|c| c.source).or(f.source);
    let path = source
        .and_then(|s| sources.get(s))
        .map_or("", |s| s.path.as_str());
    let figures = f
        .claims
        .iter()
        .filter_map(|i| claims.get(*i))
        .map(|c| c.mention.text.as_str());
    fingerprint_of(f.check, path, figures)
}

fn commented(f: &Finding, claims: &[Claim], sources: &[Source]) -> bool {
    let Some(claim) = f.claims.first().and_then(|i| claims.get(*i)) else {
        return false;
    };
    sources.get(claim.source).is_some_and(|s| {
        s.suppressions
            .iter()
            .any(|x| x.covers(f.check.as_str(), claim.mention.line))
    })
}

/// Drop the findings of checks turned `off`, those a comment covers and those in the
/// baseline; say how many went.
pub fn drop_accepted(
    findings: Vec<Finding>,
    off: &BTreeSet<CheckId>,
    baseline: Option<&BTreeSet<String>>,
    claims: &[Claim],
    sources: &[Source],
) -> (Vec<Finding>, Dropped) {
    let mut dropped = Dropped::default();
    let kept = findings
        .into_iter()
        .filter(|f| !off.contains(&f.check))
        .filter(|f| {
            let c = commented(f, claims, sources);
            dropped.by_comment += usize::from(c);
            !c
        })
        .filter(|f| {
            let b = baseline.is_some_and(|b| b.contains(&finding_fingerprint(f, claims, sources)));
            dropped.by_baseline += usize::from(b);
            !b
        })
        .collect();
    (kept, dropped)
}
