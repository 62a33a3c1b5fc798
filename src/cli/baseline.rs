//! Baseline files (`--baseline FILE`, `--write-baseline FILE`): the findings a newsroom
//! has accepted, keyed by their stable fingerprints (the SARIF `partialFingerprints`),
//! so CI fails on new findings only. JSON, sorted, with each finding's check, path and
//! figure beside its fingerprint for the reviewer of the file.

use crate::check::suppress::finding_fingerprint;
use crate::check::Finding;
use crate::error::Error;
use crate::facts::Claim;
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The fingerprint (what is matched).
    pub fingerprint: String,
    /// The check, for the reader.
    pub check: String,
    /// The path of the flagged figure, for the reader.
    pub path: String,
    /// The flagged figure, for the reader.
    #[serde(default)]
    pub figure: String,
}

/// The file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// Accepted findings, sorted.
    pub findings: Vec<Entry>,
}

/// Read a baseline's fingerprints.
pub fn read(path: &Path) -> Result<BTreeSet<String>, Error> {
    let shown = crate::error::display_path(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::usage(format!("--baseline {shown}: {e}")))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        Error::usage(format!(
            "--baseline {shown}:{}:{}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    Ok(b.findings.into_iter().map(|e| e.fingerprint).collect())
}

/// Write the findings as a baseline.
pub fn write(
    path: &Path,
    findings: &[Finding],
    claims: &[Claim],
    sources: &[Source],
) -> Result<usize, Error> {
    let entries: BTreeSet<Entry> = findings
        .iter()
        .map(|f| {
            let first = f.claims.first().and_then(|i| claims.get(*i));
            Entry {
                fingerprint: finding_fingerprint(f, claims, sources),
                check: f.check.as_str().to_string(),
                path: first
                    .map(|c| c.source)
                    .or(f.source)
                    .and_then(|s| sources.get(s))
                    .map(|s| s.path.clone())
                    .unwrap_or_default(),
                figure: first.map(|c| c.mention.text.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let n = entries.len();
    let b = Baseline {
        version: 1,
        findings: entries.into_iter().collect(),
    };
    let mut text = serde_json::to_string_pretty(&b).map_err(|e| Error::usage(e.to_string()))?;
    text.push('\n');
    let shown = crate::error::display_path(path);
    std::fs::write(path, text)
        .map_err(|e| Error::usage(format!("--write-baseline {shown}: {e}")))?;
    Ok(n)
}
