//! "Only what is new": which sources are new (`--new PATH`, `--changed-since REV`), and
//! keeping only the parts of a report that involve them. Every path is still read and
//! checked in full, so the archive's claims still count in the comparison; the filter
//! applies to the finished report, in the CLI layer.
//!
//! A finding is kept when its source (findings about a whole source) or any of its
//! claims is in a new source. Facts are kept when one of their claims is; unassigned
//! figures when they are. The summary's severity counts are recomputed.
//!
//! `--changed-since REV` asks git (the `git` program, no library): files added or
//! modified between REV and the working tree (`git diff --name-only --diff-filter=AM
//! REV`), plus untracked files that are not ignored.

use super::args::OnlyNewArgs;
use crate::check::Severity;
use crate::error::Error;
use crate::report::model::Report;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The new files and folders, canonical.
#[derive(Debug, Default)]
pub struct NewSources {
    paths: Vec<PathBuf>,
}

impl NewSources {
    /// Whether the source shown as `shown` is new: it is, or is inside, a new path.
    pub fn contains(&self, shown: &str) -> bool {
        let Ok(c) = Path::new(shown).canonicalize() else {
            return false;
        };
        self.paths.iter().any(|p| c.starts_with(p))
    }
}

/// The new sources `a` asks for, or `None` when it asks for no filter.
pub fn new_sources(a: &OnlyNewArgs) -> Result<Option<NewSources>, Error> {
    if a.changed_since.is_none() && a.new.is_empty() {
        return Ok(None);
    }
    let mut paths = Vec::new();
    for p in &a.new {
        paths.push(p.canonicalize().map_err(|e| Error::io(p, &e))?);
    }
    if let Some(rev) = &a.changed_since {
        paths.extend(changed_since(rev)?);
    }
    Ok(Some(NewSources { paths }))
}

fn git(args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Error::usage(format!("--changed-since: cannot run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(Error::usage(format!(
            "--changed-since: git {} failed: {}",
            args.join(" "),
            msg.trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Files added or modified since `rev`, and untracked ones, canonical.
fn changed_since(rev: &str) -> Result<Vec<PathBuf>, Error> {
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let changed = git(&["diff", "--name-only", "--diff-filter=AM", rev, "--"])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "--full-name"])?;
    Ok(changed
        .lines()
        .chain(untracked.lines())
        .filter(|l| !l.is_empty())
        .filter_map(|l| top.join(l).canonicalize().ok())
        .collect())
}

/// Keep only the parts of `report` that involve a new source.
pub fn keep_new(report: &mut Report, new: &NewSources) {
    report.findings.retain(|f| {
        f.path.as_deref().is_some_and(|p| new.contains(p))
            || f.claims.iter().any(|c| new.contains(&c.path))
    });
    report
        .facts
        .retain(|f| f.claims.iter().any(|c| new.contains(&c.path)));
    report.unassigned.retain(|c| new.contains(&c.path));
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    report.summary.errors = count(Severity::Error);
    report.summary.warnings = count(Severity::Warning);
    report.summary.infos = count(Severity::Info);
}
