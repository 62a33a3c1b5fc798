//! `include` / `exclude` globs applied to files met while walking a folder, matched on
//! the path relative to that folder (with `/`). Files named explicitly are always read.

use crate::error::Error;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::Path;

/// Compiled include and exclude globs.
#[derive(Debug, Clone)]
pub struct WalkFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

fn build(globs: &[String], what: &str) -> Result<Option<GlobSet>, Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| Error::usage(format!("{what} \"{g}\": {e}")))?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| Error::usage(format!("{what}: {e}")))
}

impl WalkFilter {
    /// Compile the globs; an invalid one is a usage error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, Error> {
        Ok(WalkFilter {
            include: build(include, "include")?,
            exclude: build(exclude, "exclude")?,
        })
    }

    /// Whether a file at `relative` (to the walked folder) is read.
    pub fn accepts(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(relative))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(relative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_then_exclude() {
        let f = WalkFilter::new(&["**/*.md".into()], &["drafts/**".into()]).unwrap();
        assert!(f.accepts(Path::new("a.md")));
        assert!(f.accepts(Path::new("x/a.md")));
        assert!(!f.accepts(Path::new("a.txt")));
        assert!(!f.accepts(Path::new("drafts/a.md")));
        assert!(WalkFilter::new(&["a[".into()], &[]).is_err());
    }
}
