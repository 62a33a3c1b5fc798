//! Short, unique paths for reports read on one page (HTML): every path shown relative
//! to the common folder of the report's inputs ("examples/a/p1.md" and
//! "examples/b/p1.md" read "a/p1.md" and "b/p1.md"). Stripping one common prefix keeps
//! distinct paths distinct.

use super::model::{ClaimRow, FindingRow, Report};

/// The folder every path of a report is in, with its trailing '/' ("" when none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommonRoot {
    prefix: String,
}

impl CommonRoot {
    /// The deepest folder holding every path (paths use '/', as reports show them).
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a str>) -> Self {
        let mut common: Option<Vec<&str>> = None;
        for p in paths {
            // The folders of a path: all its components but the file name.
            let dirs: Vec<&str> = match p.rsplit_once('/') {
                Some((dir, _)) => dir.split('/').collect(),
                None => Vec::new(),
            };
            common = Some(match common {
                None => dirs,
                Some(c) => c
                    .iter()
                    .zip(&dirs)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| *a)
                    .collect(),
            });
        }
        let prefix = match common {
            Some(c) if !c.is_empty() => format!("{}/", c.join("/")),
            _ => String::new(),
        };
        CommonRoot { prefix }
    }

    /// The common folder as shown ("examples/"), empty when the paths share none.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// `path` relative to the common folder.
    pub fn strip<'a>(&self, path: &'a str) -> &'a str {
        match path.strip_prefix(self.prefix.as_str()) {
            Some(rest) if !rest.is_empty() => rest,
            _ => path,
        }
    }
}

/// The root of a report's paths: its sources, claims and findings.
pub fn root_of(r: &Report) -> CommonRoot {
    let claims = r
        .facts
        .iter()
        .flat_map(|f| &f.claims)
        .chain(&r.unassigned)
        .chain(r.findings.iter().flat_map(|f| &f.claims))
        .map(|c| c.path.as_str());
    let findings = r.findings.iter().filter_map(|f| f.path.as_deref());
    CommonRoot::of(
        r.sources
            .iter()
            .map(|s| s.path.as_str())
            .chain(claims)
            .chain(findings),
    )
}

/// A copy of the report (without its JSON Lines records) whose paths are relative to
/// `root`.
pub fn shortened(r: &Report, root: &CommonRoot) -> Report {
    let claim = |c: &ClaimRow| ClaimRow {
        path: root.strip(&c.path).to_string(),
        ..c.clone()
    };
    let finding = |f: &FindingRow| FindingRow {
        path: f.path.as_deref().map(|p| root.strip(p).to_string()),
        claims: f.claims.iter().map(claim).collect(),
        related: f
            .related
            .iter()
            .map(|rel| super::model::RelatedFinding {
                claims: rel.claims.iter().map(claim).collect(),
                ..rel.clone()
            })
            .collect(),
        ..f.clone()
    };
    Report {
        config: r.config.clone(),
        summary: r.summary,
        sources: r
            .sources
            .iter()
            .map(|s| super::model::SourceInfo {
                path: root.strip(&s.path).to_string(),
                ..s.clone()
            })
            .collect(),
        facts: r
            .facts
            .iter()
            .map(|f| super::model::FactRow {
                claims: f.claims.iter().map(claim).collect(),
                ..f.clone()
            })
            .collect(),
        findings: r.findings.iter().map(finding).collect(),
        unassigned: r.unassigned.iter().map(claim).collect(),
        claim_records: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::CommonRoot;

    #[test]
    fn common_folder_is_stripped() {
        let r = CommonRoot::of(["examples/a/p1.md", "examples/b/p1.md"]);
        assert_eq!(r.prefix(), "examples/");
        assert_eq!(r.strip("examples/a/p1.md"), "a/p1.md");
        assert_eq!(r.strip("examples/b/p1.md"), "b/p1.md");
    }

    #[test]
    fn one_file_shows_its_name() {
        let r = CommonRoot::of(["/tmp/x/news/p1.md"]);
        assert_eq!(r.strip("/tmp/x/news/p1.md"), "p1.md");
    }

    #[test]
    fn no_common_folder_keeps_paths() {
        let r = CommonRoot::of(["a/p1.md", "b/p1.md", "p2.md"]);
        assert_eq!(r.prefix(), "");
        assert_eq!(r.strip("a/p1.md"), "a/p1.md");
    }

    #[test]
    fn partial_names_are_not_a_common_folder() {
        let r = CommonRoot::of(["news1/p.md", "news2/p.md"]);
        assert_eq!(r.prefix(), "");
        let r = CommonRoot::of(["-"]);
        assert_eq!(r.strip("-"), "-");
    }
}
