//! One open article checked against its comparison set: the other articles of its
//! folder, with the figcheck.toml found above it. The open text replaces the file's.

use crate::cli::configured::{Configured, Request};
use crate::report::model::{ClaimRow, Report};
use crate::source::{load_sources_with_stdin, source_from_bytes, Source};
use crate::{Error, Errors};
use std::path::{Path, PathBuf};

/// A checked document.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The document's text, as checked.
    pub text: String,
    /// The document as a source (its `path` is the report's name for it).
    pub source: Source,
    /// The report of the folder's check.
    pub report: Report,
}

impl Analysis {
    /// The document's claims, as reported (tied or not).
    pub fn claims(&self) -> impl Iterator<Item = &ClaimRow> {
        self.report
            .facts
            .iter()
            .flat_map(|f| f.claims.iter())
            .chain(self.report.unassigned.iter())
            .filter(|c| c.path == self.source.path)
    }

    /// The byte range of a claim of the document in its text (the file's bytes, also
    /// for HTML, whose checked text is derived).
    pub fn file_range(&self, c: &ClaimRow) -> (usize, usize) {
        (
            self.source.file_offset(c.start),
            self.source.file_offset(c.end),
        )
    }
}

/// The configuration for documents of `folder`: figcheck.toml found above it.
pub fn configure(folder: &Path) -> Result<Configured, Errors> {
    Request {
        paths: vec![folder.to_path_buf()],
        ..Request::default()
    }
    .load()
}

fn canonical(p: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// Check the document at `path` (its open `text`) with the other articles of its
/// folder. Articles of the folder that cannot be read are left out (they are not the
/// document being edited); an error in the document itself is returned.
pub fn analyse(configured: &Configured, path: &Path, text: &str) -> Result<Analysis, Error> {
    let folder = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let opts = configured.load_options(vec![folder])?;
    // Standard input is the protocol's: a "-" path reads nothing.
    let (mut sources, _unreadable) = load_sources_with_stdin(&opts, &mut std::io::empty());
    let doc = canonical(path);
    if doc.is_some() {
        sources.retain(|s| canonical(Path::new(&s.path)) != doc);
    }
    let shown = path.to_string_lossy().into_owned();
    let source = source_from_bytes(&shown, text.as_bytes().to_vec(), &opts)?;
    sources.push(source.clone());
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let checker = &configured.checker;
    let checked = checker.check(sources);
    let report = checker.report(&checked);
    Ok(Analysis {
        text: text.to_string(),
        source,
        report,
    })
}
