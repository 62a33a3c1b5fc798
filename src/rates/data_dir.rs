//! The user's data folder: where `figcheck rates update` installs the ECB table
//! (`ecb.csv`) that every command then reads in front of the built-in one.
//!
//! Which folder, first match wins:
//! 1. the environment variable `FIGCHECK_DATA_DIR` (when set and not empty);
//! 2. `data-dir` in figcheck.toml (the caller resolves it against the file's folder);
//! 3. the platform's data folder for "figcheck" (the `directories` crate):
//!    `~/.local/share/figcheck` on Linux (or `$XDG_DATA_HOME/figcheck`),
//!    `~/Library/Application Support/figcheck` on macOS,
//!    `%APPDATA%\figcheck\data` on Windows.
//!
//! This module only names paths; it reads and writes nothing.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder.
pub const ENV: &str = "FIGCHECK_DATA_DIR";

/// The file name of the installed table inside the data folder.
pub const TABLE_FILE: &str = "ecb.csv";

/// Why a folder was chosen (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The `FIGCHECK_DATA_DIR` environment variable.
    Env,
    /// `data-dir` in figcheck.toml.
    Config,
    /// The platform's data folder.
    Platform,
}

impl fmt::Display for Chosen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Chosen::Env => ENV,
            Chosen::Config => "data-dir in figcheck.toml",
            Chosen::Platform => "the platform's data folder",
        })
    }
}

/// The data folder and why it is that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// The folder (it may not exist yet).
    pub path: PathBuf,
    /// Where the choice came from.
    pub chosen: Chosen,
}

impl DataDir {
    /// The installed table's path: `<folder>/ecb.csv`.
    pub fn table(&self) -> PathBuf {
        self.path.join(TABLE_FILE)
    }
}

/// The data folder: `FIGCHECK_DATA_DIR`, else `config` (figcheck.toml's `data-dir`,
/// already resolved), else the platform's; `None` when none of them is known (no home
/// folder).
pub fn locate(config: Option<&Path>) -> Option<DataDir> {
    choose(std::env::var_os(ENV), config, platform)
}

/// The platform's data folder for figcheck, if the platform has one.
pub fn platform() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "figcheck").map(|d| d.data_dir().to_path_buf())
}

/// The rule of [`locate`], with its inputs given (testable without the environment).
pub fn choose(
    env: Option<OsString>,
    config: Option<&Path>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Option<DataDir> {
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        return Some(DataDir {
            path: PathBuf::from(v),
            chosen: Chosen::Env,
        });
    }
    if let Some(p) = config {
        return Some(DataDir {
            path: p.to_path_buf(),
            chosen: Chosen::Config,
        });
    }
    platform().map(|path| DataDir {
        path,
        chosen: Chosen::Platform,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_wins_then_config_then_platform() {
        let plat = || Some(PathBuf::from("/home/u/.local/share/figcheck"));
        let cfg = Path::new("repo/data");
        let d = choose(Some("/tmp/x".into()), Some(cfg), plat).unwrap();
        assert_eq!((d.path, d.chosen), (PathBuf::from("/tmp/x"), Chosen::Env));
        let d = choose(Some("".into()), Some(cfg), plat).unwrap();
        assert_eq!(
            (d.path.clone(), d.chosen),
            (cfg.to_path_buf(), Chosen::Config)
        );
        assert_eq!(d.table(), PathBuf::from("repo/data/ecb.csv"));
        let d = choose(None, None, plat).unwrap();
        assert_eq!(d.chosen, Chosen::Platform);
        assert!(choose(None, None, || None).is_none());
    }
}
