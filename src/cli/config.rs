//! `figcheck.toml`: the configuration file of a newsroom repository.
//!
//! This module owns the file's schema, finding it (from the working folder upward, or
//! `--config FILE`, or none with `--no-config`) and merging it into the parsed command
//! line. Flags win: a value is taken from the file only where its flag was not given.
//! List flags add to the file's lists where order means priority (`rules`, `rates`:
//! bundled < file < `--rules`/`--rates`) and replace them otherwise (`include`,
//! `exclude`); `--severity` entries come after the file's, so they win.
//!
//! `convert` and `rates ...` have no `--config` flag: they read only `data-dir` (and
//! `rates update` also `rates-url`) from the nearest file.
//!
//! Paths in the file (`rules`, `rates`, `data-dir`) are relative to the file's folder; globs
//! (`include`, `exclude`) are matched on paths relative to each folder being walked.
//!
//! Discovery, as ruff does it: from each input path (a folder, or a file's folder)
//! upward, then from the working folder when the inputs find none (or there are no
//! inputs, as for `rules test`), stopping after the first folder that holds `.git` (the
//! top of the repository) or at the filesystem root. Inputs that find different files
//! are an error: one run reads one configuration.

use super::args::{CheckArgs, CheckFormat, ExtractArgs, FailOn, RateArgs, RuleArgs};
use super::args::{ConfigArgs, SourceArgs, Tolerances};
use crate::check::{CheckId, Severity};
use crate::error::{display_path, Error, ErrorKind, Location};
use clap::ValueEnum;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;

/// The configuration file's name.
pub const CONFIG_NAME: &str = "figcheck.toml";

/// The file's keys (kebab-case; unknown keys are errors).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Folders of rule packs, relative to the file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Start without the bundled rule packs.
    pub no_default_rules: Option<bool>,
    /// Folders of rate tables, relative to the file.
    #[serde(default)]
    pub rates: Vec<PathBuf>,
    /// Start without the bundled ECB table.
    pub no_default_rates: Option<bool>,
    /// Largest gap in days between a date and the rate row used.
    pub max_gap: Option<u32>,
    /// Where `rates update` installs the ECB table, relative to the file
    /// (`FIGCHECK_DATA_DIR` wins).
    pub data_dir: Option<PathBuf>,
    /// Where `rates update` downloads from (`--url` wins).
    pub rates_url: Option<String>,
    /// Reporting currency of `extract`.
    pub currency: Option<Spanned<String>>,
    /// `check --fail-on`.
    pub fail_on: Option<Spanned<String>>,
    /// `check --format`.
    pub format: Option<Spanned<String>>,
    /// Language of sources that do not say.
    pub lang: Option<String>,
    /// Check id = "error" | "warning" | "info".
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Default widths per check: `cross-source` (a fact's `tolerance`),
    /// `approx-width` (a fact's `approx-width`), `inline-conversion` (the rate
    /// tolerance of a conversion in the text); relative ("0.005" = 0.5 %). A fact's own
    /// values win.
    #[serde(default)]
    pub tolerance: Option<ToleranceTable>,
    /// Globs of files to read when walking folders.
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    /// Globs of files to skip when walking folders.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
}

/// `[tolerance]`: default widths, per check.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ToleranceTable {
    /// Relative tolerance of every claim on a fact without its own `tolerance`.
    pub cross_source: Option<Spanned<String>>,
    /// Relative half-width of "about" figures on a fact without its own `approx-width`.
    pub approx_width: Option<Spanned<String>>,
    /// Relative rate tolerance of a conversion written in the text.
    pub inline_conversion: Option<Spanned<String>>,
}

/// A configuration file, read.
#[derive(Debug)]
pub struct Config {
    /// The file, as shown to the user.
    pub path: PathBuf,
    /// Its text (for error locations).
    text: String,
    /// Its folder, relative paths are resolved against it.
    dir: PathBuf,
    /// Its values.
    pub file: ConfigFile,
}

/// The configuration `cfg` asks for: `--config FILE`, none with `--no-config`, else the
/// nearest `figcheck.toml` above the inputs, else above the working folder.
pub fn load_for(cfg: &ConfigArgs, inputs: &[PathBuf]) -> Result<Option<Config>, Error> {
    if cfg.no_config {
        return Ok(None);
    }
    let path = match &cfg.config {
        Some(p) => p.clone(),
        None => match discover_for_inputs(inputs)? {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    read_config(&path).map(Some)
}

/// The folder discovery starts from for one input: a folder itself, a file's folder, the
/// nearest existing folder above a path that does not exist (its error comes later),
/// none for standard input.
fn start_folder(input: &Path) -> Option<PathBuf> {
    if input.as_os_str() == "-" {
        return None;
    }
    let mut p = if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    while !p.as_os_str().is_empty() && !p.is_dir() {
        p = p.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    Some(if p.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        p
    })
}

/// The one `figcheck.toml` the inputs find (see the module docs).
fn discover_for_inputs(inputs: &[PathBuf]) -> Result<Option<PathBuf>, Error> {
    let mut found: Vec<(PathBuf, PathBuf, &Path)> = Vec::new(); // (shown, canonical, input)
    for input in inputs {
        let Some(start) = start_folder(input) else {
            continue;
        };
        let Some(rel) = discover(&start) else {
            continue;
        };
        let shown = PathBuf::from(display_path(&normalize(&start.join(rel))));
        let canonical = std::fs::canonicalize(&shown).unwrap_or_else(|_| shown.clone());
        if let Some((first, _, first_input)) = found.iter().find(|(_, c, _)| *c != canonical) {
            return Err(Error::usage(format!(
                "{} and {} have different configuration files ({} and {}): check them in \
                 separate runs, or choose one with --config",
                display_path(first_input),
                display_path(input),
                display_path(first),
                display_path(&shown)
            )));
        }
        if found.is_empty() {
            found.push((shown, canonical, input));
        }
    }
    if let Some((shown, _, _)) = found.into_iter().next() {
        return Ok(Some(shown));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), &e))?;
    Ok(discover(&cwd))
}

/// `a/b/../c` → `a/c`, `./x` → `x` (lexically: for display, not for safety).
fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// The nearest `figcheck.toml` from `start` upward, as a path relative to `start`
/// ("figcheck.toml", "../figcheck.toml", ...).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut up = PathBuf::new();
    for dir in start.ancestors() {
        if dir.join(CONFIG_NAME).is_file() {
            return Some(up.join(CONFIG_NAME));
        }
        if dir.join(".git").exists() {
            return None;
        }
        up.push("..");
    }
    None
}

/// Read and parse one configuration file.
pub fn read_config(path: &Path) -> Result<Config, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let msg = e.message().replace("unknown field", "unknown key");
        Error::new(ErrorKind::Toml(msg)).at(Location::at_offset(path, &text, offset))
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::new(),
    };
    Ok(Config {
        path: path.to_path_buf(),
        text,
        dir,
        file,
    })
}

impl Config {
    fn err_at<T>(&self, value: &Spanned<T>, msg: String) -> Error {
        Error::new(ErrorKind::Usage(msg)).at(Location::at_offset(
            &self.path,
            &self.text,
            value.span().start,
        ))
    }

    fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() || self.dir.as_os_str().is_empty() {
            p.to_path_buf()
        } else {
            PathBuf::from(display_path(&self.dir.join(p)))
        }
    }

    fn apply_rules(&self, r: &mut RuleArgs) {
        let mut dirs: Vec<PathBuf> = self.file.rules.iter().map(|p| self.resolve(p)).collect();
        dirs.append(&mut r.rules);
        r.rules = dirs;
        r.no_default_rules |= self.file.no_default_rules.unwrap_or(false);
    }

    fn apply_rates(&self, r: &mut RateArgs) {
        let mut dirs: Vec<PathBuf> = self.file.rates.iter().map(|p| self.resolve(p)).collect();
        dirs.append(&mut r.rates);
        r.rates = dirs;
        r.no_default_rates |= self.file.no_default_rates.unwrap_or(false);
        if r.max_gap.is_none() {
            r.max_gap = self.file.max_gap;
        }
        if r.data_dir.is_none() {
            r.data_dir = self.data_dir();
        }
    }

    /// `data-dir`, resolved against the file's folder.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.file.data_dir.as_deref().map(|p| self.resolve(p))
    }

    /// `rates-url`.
    pub fn rates_url(&self) -> Option<String> {
        self.file.rates_url.clone()
    }

    fn apply_sources(&self, s: &mut SourceArgs) -> Result<(), Error> {
        if s.lang.is_none() {
            s.lang.clone_from(&self.file.lang);
        }
        if s.include.is_empty() {
            s.include = self.globs(&self.file.include, "include")?;
        }
        if s.exclude.is_empty() {
            s.exclude = self.globs(&self.file.exclude, "exclude")?;
        }
        Ok(())
    }

    /// The file's `include`/`exclude` globs, each checked here so that a bad one is
    /// reported at its place in the file.
    fn globs(&self, globs: &[Spanned<String>], key: &str) -> Result<Vec<String>, Error> {
        globs
            .iter()
            .map(|g| {
                globset::Glob::new(g.get_ref())
                    .map(|_| g.get_ref().clone())
                    .map_err(|e| self.err_at(g, format!("{key} \"{}\": {e}", g.get_ref())))
            })
            .collect()
    }

    /// Fill `figcheck check`'s unset flags from the file.
    pub fn apply_check(&self, a: &mut CheckArgs) -> Result<(), Error> {
        self.apply_rules(&mut a.rules);
        self.apply_rates(&mut a.rates);
        self.apply_sources(&mut a.sources)?;
        if a.format.is_none() {
            if let Some(f) = &self.file.format {
                a.format = Some(self.value_enum::<CheckFormat>(f, "format")?);
            }
        }
        if a.fail_on.is_none() {
            if let Some(f) = &self.file.fail_on {
                a.fail_on = Some(self.value_enum::<FailOn>(f, "fail-on")?);
            }
        }
        let mut severities = Vec::new();
        for (check, level) in &self.file.severity {
            CheckId::from_str(check.get_ref()).map_err(|m| self.err_at(check, m))?;
            if level.get_ref() != "off" {
                Severity::from_str(level.get_ref()).map_err(|_| {
                    self.err_at(
                        level,
                        format!(
                            "unknown severity \"{}\" (expected one of: error, warning, info, off)",
                            level.get_ref()
                        ),
                    )
                })?;
            }
            severities.push(format!("{}={}", check.get_ref(), level.get_ref()));
        }
        severities.append(&mut a.severity);
        a.severity = severities;
        if let Some(t) = &self.file.tolerance {
            let ratio =
                |v: &Option<Spanned<String>>| -> Result<Option<rust_decimal::Decimal>, Error> {
                    let Some(v) = v else { return Ok(None) };
                    match crate::rules::compile::parse_decimal_literal(v.get_ref()) {
                    Some(d) if d >= rust_decimal::Decimal::ZERO && d < rust_decimal::Decimal::ONE => Ok(Some(d)),
                    _ => Err(self.err_at(
                        v,
                        format!(
                            "tolerance \"{}\" is not a relative width between 0 and 1 (write \"0.005\" for 0.5 %)",
                            v.get_ref()
                        ),
                    )),
                }
                };
            a.tolerance = Tolerances {
                cross_source: ratio(&t.cross_source)?,
                approx_width: ratio(&t.approx_width)?,
                inline_conversion: ratio(&t.inline_conversion)?,
            };
        }
        Ok(())
    }

    /// Fill `figcheck extract`'s unset flags from the file (`format` is `check`'s and
    /// does not apply).
    pub fn apply_extract(&self, a: &mut ExtractArgs) -> Result<(), Error> {
        self.apply_rules(&mut a.rules);
        self.apply_rates(&mut a.rates);
        self.apply_sources(&mut a.sources)?;
        if a.currency.is_none() {
            a.currency = self.file.currency.as_ref().map(|c| c.get_ref().clone());
        }
        Ok(())
    }

    fn value_enum<T: ValueEnum>(&self, v: &Spanned<String>, key: &str) -> Result<T, Error> {
        T::from_str(v.get_ref(), true).map_err(|_| {
            let allowed: Vec<String> = T::value_variants()
                .iter()
                .filter_map(|x| x.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            self.err_at(
                v,
                format!(
                    "{key} = \"{}\": expected one of {}",
                    v.get_ref(),
                    allowed.join(", ")
                ),
            )
        })
    }
}

/// The nearest figcheck.toml, for the commands that have no `--config` flag (`convert`,
/// `rates ...`): they take only `data-dir` (and `rates update` `rates-url`) from it.
pub fn discovered() -> Result<Option<Config>, Error> {
    load_for(&ConfigArgs::default(), &[])
}

/// Fill the data folder of `convert` and `rates show|info` from the nearest figcheck.toml.
pub fn configure_data_dir(r: &mut RateArgs) -> Result<(), Error> {
    if r.data_dir.is_none() {
        r.data_dir = discovered()?.and_then(|c| c.data_dir());
    }
    Ok(())
}

/// No path: the working folder, as ruff and Vale do.
fn default_paths(s: &mut SourceArgs) {
    if s.paths.is_empty() {
        s.paths.push(PathBuf::from("."));
    }
}

/// Read the configuration `a.run` asks for and fill `figcheck check`'s unset flags; the
/// file read is kept in `a.run.config_used`.
pub fn configure_check(a: &mut CheckArgs) -> Result<(), Error> {
    if a.claims.is_empty() {
        default_paths(&mut a.sources);
    }
    let mut inputs = a.sources.paths.clone();
    inputs.extend(a.claims.iter().cloned());
    match load_for(&a.run.cfg, &inputs)? {
        Some(c) => {
            a.run.config_used = Some(c.path.clone());
            c.apply_check(a)
        }
        None => Ok(()),
    }
}

/// Read the configuration `a.run` asks for and fill `figcheck extract`'s unset flags.
pub fn configure_extract(a: &mut ExtractArgs) -> Result<(), Error> {
    default_paths(&mut a.sources);
    match load_for(&a.run.cfg, &a.sources.paths)? {
        Some(c) => {
            a.run.config_used = Some(c.path.clone());
            c.apply_extract(a)
        }
        None => Ok(()),
    }
}

/// Read the configuration `cfg` asks for (from the working folder) and fill the rule
/// flags of `rules test`, `rules list` and `explain`; returns the file read.
pub fn configure_rules(cfg: &ConfigArgs, r: &mut RuleArgs) -> Result<Option<PathBuf>, Error> {
    match load_for(cfg, &[])? {
        Some(c) => {
            c.apply_rules(r);
            Ok(Some(c.path))
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_has_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_NAME);
        std::fs::write(&path, "max-gap = 3\n\nfoo = 1\n").unwrap();
        let err = read_config(&path).unwrap_err();
        let loc = err.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (3, 1));
        assert!(err.message().starts_with("unknown key `foo`"), "{err}");
    }

    #[test]
    fn discovery_stops_at_the_repository_top() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(CONFIG_NAME), "").unwrap();
        assert_eq!(
            discover(&deep),
            Some(PathBuf::from("../../../figcheck.toml"))
        );
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(discover(&deep), None);
        std::fs::write(repo.join(CONFIG_NAME), "").unwrap();
        assert_eq!(discover(&deep), Some(PathBuf::from("../../figcheck.toml")));
    }
}
