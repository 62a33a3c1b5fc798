//! Errors as values: every error that input can cause carries where it happened
//! (file, line, column) and, for rule errors, the rule id. The library returns these;
//! only `main` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a user-written file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as the user named it (relative paths stay relative).
    pub path: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
}

impl Location {
    /// A location for a whole file (no line known).
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: 0,
            column: 0,
        }
    }

    /// A location at a byte offset of `text`, the contents of `path`.
    pub fn at_offset(path: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, column) = crate::text::line_col(text, offset);
        Location {
            path: path.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", display_path(&self.path))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// A path as shown to users: forward slashes, no `./` prefix.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    match s.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// A path as shown to users, relative to the working folder when it is inside it: an
/// absolute path ("/repo/figcheck.toml" run from /repo reads "figcheck.toml") or one
/// that climbs out and back in ("../repo/x.md" reads "x.md"). Other paths as given.
pub fn shown_path(path: &Path) -> String {
    display_path(&relative_to_cwd(path))
}

/// `path` relative to the working folder when it is inside it, else as given.
pub fn relative_to_cwd(path: &Path) -> std::path::PathBuf {
    let climbs = path
        .components()
        .any(|c| c == std::path::Component::ParentDir);
    if !path.is_absolute() && !climbs {
        return path.to_path_buf();
    }
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    if let Ok(rest) = path.strip_prefix(&cwd) {
        if !rest.as_os_str().is_empty() {
            return rest.to_path_buf();
        }
    }
    // Through symbolic links and "..": compare the real paths.
    if let (Ok(real), Ok(real_cwd)) = (path.canonicalize(), cwd.canonicalize()) {
        if let Ok(rest) = real.strip_prefix(&real_cwd) {
            if !rest.as_os_str().is_empty() {
                return rest.to_path_buf();
            }
        }
    }
    path.to_path_buf()
}

/// What went wrong, in the words a user needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file could not be read.
    Io(String),
    /// A file is not valid UTF-8 (byte offset of the first bad byte).
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// TOML syntax or schema error.
    Toml(String),
    /// A rule (pattern, table, fact) is invalid.
    Rule(String),
    /// A rate table is invalid or a rate could not be found.
    Rate(String),
    /// A source (article, manifest, front matter) is invalid.
    Source(String),
    /// The command line or configuration is invalid.
    Usage(String),
}

/// An error with its location and, where relevant, the rule id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where, when known.
    pub location: Option<Location>,
    /// The rule id, for rule errors.
    pub rule: Option<String>,
}

impl Error {
    /// A new error without location.
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            location: None,
            rule: None,
        }
    }

    /// Attach a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attach a rule id.
    pub fn rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Shorthand for a usage error.
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Usage(msg.into()))
    }

    /// Shorthand for a rule error.
    pub fn rule_error(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Rule(msg.into()))
    }

    /// Shorthand for a rate error.
    pub fn rate(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Rate(msg.into()))
    }

    /// Shorthand for a source error.
    pub fn source_error(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Source(msg.into()))
    }

    /// An I/O error on a path.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Error::new(ErrorKind::Io(err.to_string())).at(Location::file(path))
    }

    /// The message without location or rule id.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::Io(m) => format!("cannot read: {m}"),
            ErrorKind::InvalidUtf8 { offset } => {
                format!("invalid UTF-8 at byte offset {offset}")
            }
            ErrorKind::Toml(m)
            | ErrorKind::Rule(m)
            | ErrorKind::Rate(m)
            | ErrorKind::Source(m)
            | ErrorKind::Usage(m) => m.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, "[{rule}] ")?;
        }
        write!(f, "{}", self.message())
    }
}

impl std::error::Error for Error {}

/// Several errors found in one pass (one bad file does not hide the others).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

impl std::error::Error for Errors {}

/// Result with one error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
