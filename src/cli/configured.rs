//! A [`Checker`] as `figcheck check`'s flags and the figcheck.toml they find describe
//! it, for every front end that reads a configuration the way `check` does: the
//! `check` and `lsp` commands and the Python package.

use crate::check::{CheckId, CheckSettings, Severity};
use crate::checker::{CheckConfig, Checker};
use crate::cli::args::{CheckArgs, Cli, Command};
use crate::source::{parse_date_flag, LoadOptions};
use crate::{Error, Errors};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What a front end asks for, as `figcheck check` flags would.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Articles (files or folders); figcheck.toml is looked for above them.
    pub paths: Vec<PathBuf>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
    /// `--rules DIR`, in order.
    pub rules: Vec<PathBuf>,
    /// `--rates DIR`, in order.
    pub rates: Vec<PathBuf>,
}

impl Request {
    /// `figcheck check` arguments for this request.
    pub fn check_args(&self) -> Result<CheckArgs, Error> {
        let mut argv: Vec<std::ffi::OsString> = vec!["figcheck".into(), "check".into()];
        if let Some(c) = &self.config {
            argv.push("--config".into());
            argv.push(c.into());
        }
        if self.no_config {
            argv.push("--no-config".into());
        }
        for (flag, dirs) in [("--rules", &self.rules), ("--rates", &self.rates)] {
            for d in dirs {
                argv.push(flag.into());
                argv.push(d.into());
            }
        }
        argv.push("--".into());
        argv.extend(self.paths.iter().map(Into::into));
        let cli = <Cli as clap::Parser>::try_parse_from(argv)
            .map_err(|e| Error::usage(e.to_string().trim().to_string()))?;
        match cli.command {
            Command::Check(a) => Ok(a),
            _ => Err(Error::usage("not a check command")),
        }
    }

    /// The arguments with figcheck.toml applied, and the checker they describe.
    pub fn load(&self) -> Result<Configured, Errors> {
        let mut args = self.check_args()?;
        crate::cli::config::configure_check(&mut args)?;
        let checker = checker(&args)?;
        Ok(Configured { args, checker })
    }
}

/// A checker with the arguments (figcheck.toml applied) it was built from.
#[derive(Debug)]
pub struct Configured {
    /// `figcheck check`'s arguments, the configuration file applied.
    pub args: CheckArgs,
    /// The checker they describe.
    pub checker: Checker,
}

impl Configured {
    /// The configuration file read, as reports show it.
    pub fn config_used(&self) -> Option<String> {
        self.args
            .run
            .config_used
            .as_deref()
            .map(crate::error::shown_path)
    }

    /// Options to read `paths` with: the checker's languages, and the language, date,
    /// manifest and globs of the flags and the configuration file.
    pub fn load_options(&self, paths: Vec<PathBuf>) -> Result<LoadOptions, Error> {
        let s = &self.args.sources;
        Ok(LoadOptions {
            lang: s.lang.clone(),
            manifest: s.manifest.clone(),
            date: s.date.as_deref().map(parse_date_flag).transpose()?,
            lossy: s.lossy,
            include: s.include.clone(),
            exclude: s.exclude.clone(),
            ..self.checker.load_options(paths)
        })
    }
}

/// The checker that `figcheck check`'s flags (figcheck.toml applied) ask for.
pub fn checker(a: &CheckArgs) -> Result<Checker, Errors> {
    let (rules, facts) =
        crate::checker::load_rules_and_facts(&a.rules.rules, !a.rules.no_default_rules)?;
    let config = check_config(a)?;
    let tables = super::commands::load_tables(&a.rates)?;
    Ok(Checker::from_parts(rules, facts, tables, config))
}

/// The check configuration the flags ask for (`--severity`, `--tolerance`...).
pub fn check_config(a: &CheckArgs) -> Result<CheckConfig, Error> {
    let (settings, off) = settings(a)?;
    Ok(CheckConfig {
        settings,
        off,
        cross_source: a.tolerance.cross_source,
        approx_width: a.tolerance.approx_width,
    })
}

/// The folder a path is in (itself for a folder).
pub fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

fn settings(a: &CheckArgs) -> Result<(CheckSettings, BTreeSet<CheckId>), Error> {
    let mut s = CheckSettings::default();
    let mut off = BTreeSet::new();
    for item in &a.severity {
        let Some((check, level)) = item.split_once('=') else {
            return Err(Error::usage(format!(
                "--severity \"{item}\": expected CHECK=LEVEL, e.g. stale-conversion=error"
            )));
        };
        let check = CheckId::from_str(check.trim()).map_err(Error::usage)?;
        if level.trim() == "off" {
            off.insert(check);
            continue;
        }
        let level = Severity::from_str(level.trim()).map_err(|_| {
            Error::usage(format!(
                "unknown severity \"{}\" (expected one of: error, warning, info, off)",
                level.trim()
            ))
        })?;
        off.remove(&check);
        s.severities.insert(check, level);
    }
    s.inline_rate_tolerance = a.tolerance.inline_conversion;
    Ok((s, off))
}
