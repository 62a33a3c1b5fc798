//! Finding and parsing rule packs: the bundled packs (embedded in the binary at build
//! time) first, then each `--rules DIR` in the order given. Every file is parsed; every
//! error is kept with its file, line and column, so one bad file does not hide the others.

use super::schema::{PackFile, PackManifest};
use crate::error::{Error, ErrorKind, Errors, Location};
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The bundled packs: the top-level `rules/` folder, embedded at build time so an
/// installed binary has them.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// Where a pack file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file path as shown to users ("rules/fr/money.toml" for bundled files).
    pub path: PathBuf,
    /// Whether it is a bundled file (embedded in the binary).
    pub bundled: bool,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", crate::error::display_path(&self.path))?;
        if self.bundled {
            f.write_str(" (bundled)")?;
        }
        Ok(())
    }
}

/// One parsed file of a pack, with its text (for error locations).
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Where it came from.
    pub origin: Origin,
    /// The file stem ("money"), middle part of rule ids.
    pub stem: String,
    /// The text, to turn spans into line/column.
    pub text: String,
    /// The parsed contents.
    pub contents: PackFile,
}

/// One parsed pack.
#[derive(Debug, Clone)]
pub struct LoadedPack {
    /// `pack.toml`.
    pub manifest: PackManifest,
    /// Where `pack.toml` came from.
    pub manifest_origin: Origin,
    /// The text of `pack.toml`, for error locations.
    pub manifest_text: String,
    /// The other files, sorted by name.
    pub files: Vec<LoadedFile>,
}

impl LoadedPack {
    /// The pack's name.
    pub fn name(&self) -> &str {
        self.manifest.name.get_ref()
    }

    /// The pack's language ("*" for all).
    pub fn lang(&self) -> &str {
        self.manifest.lang.get_ref()
    }
}

/// Load the bundled packs (unless `bundled` is false) and the packs in `dirs`, in order.
pub fn load_packs(dirs: &[PathBuf], bundled: bool) -> Result<Vec<LoadedPack>, Errors> {
    let (packs, errors) = load_packs_keep_going(dirs, bundled);
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(Errors(errors))
    }
}

/// Like [`load_packs`], but returns the packs that parsed along with the errors of the
/// others, so that the caller can still validate the good packs and report every error
/// at once (a pack with a file that does not parse is left out whole).
pub fn load_packs_keep_going(dirs: &[PathBuf], bundled: bool) -> (Vec<LoadedPack>, Vec<Error>) {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    if bundled {
        let mut subdirs: Vec<&Dir<'static>> = BUNDLED.dirs().collect();
        subdirs.sort_by_key(|d| d.path().to_path_buf());
        // Parsed side by side (a tenth of a one-article run), kept in folder order.
        let parsed: Vec<Result<LoadedPack, Vec<Error>>> = subdirs
            .par_iter()
            .map(|dir| {
                let mut files: Vec<(PathBuf, String)> = Vec::new();
                for f in dir.files() {
                    if f.path().extension().is_some_and(|e| e == "toml") {
                        let text = String::from_utf8_lossy(f.contents()).into_owned();
                        files.push((Path::new("rules").join(f.path()), text));
                    }
                }
                parse_pack(files, true)
            })
            .collect();
        for p in parsed {
            match p {
                Ok(p) => packs.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    for dir in dirs {
        let (found, mut dir_errors) = read_user_dir(dir);
        errors.append(&mut dir_errors);
        for files in found {
            match parse_pack(files, false) {
                Ok(p) => packs.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    (packs, errors)
}

/// Parse one user pack from files held in memory (`pack.toml` and the others, each
/// with the path it is shown under): what `--rules DIR` does after reading the folder.
/// Used by the fuzz targets; errors carry file:line:column as for files on disk.
pub fn parse_user_pack(files: Vec<(PathBuf, String)>) -> Result<LoadedPack, Errors> {
    parse_pack(files, false).map_err(Errors)
}

/// A user folder is a pack (it has pack.toml) or a folder of packs (each subfolder has
/// one). Anything else is an error: nothing is silently skipped. Returns the packs
/// read and the errors met, so one bad pack does not hide the others.
fn read_user_dir(dir: &Path) -> (Vec<Vec<(PathBuf, String)>>, Vec<Error>) {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) => return (Vec::new(), vec![Error::io(dir, &e)]),
    };
    if !meta.is_dir() {
        let e =
            Error::usage("--rules expects a folder holding a pack (pack.toml) or folders of packs")
                .at(Location::file(dir));
        return (Vec::new(), vec![e]);
    }
    if dir.join("pack.toml").is_file() {
        return match read_pack_dir(dir) {
            Ok(f) => (vec![f], Vec::new()),
            Err(e) => (Vec::new(), e),
        };
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut entries = match list_dir(dir) {
        Ok(e) => e,
        Err(e) => return (Vec::new(), vec![e]),
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.join("pack.toml").is_file() {
                match read_pack_dir(&path) {
                    Ok(f) => out.push(f),
                    Err(mut e) => errors.append(&mut e),
                }
            } else {
                errors.push(
                    Error::rule_error("this folder has no pack.toml, so it is not a rule pack (add one with name and lang)")
                        .at(Location::file(&path)),
                );
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            errors.push(
                Error::rule_error(format!(
                    "this file is not in a pack: {} has no pack.toml (add one with name and lang, or move the file into a pack folder)",
                    crate::error::display_path(dir)
                ))
                .at(Location::file(&path)),
            );
        }
    }
    (out, errors)
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| Error::io(dir, &e))?;
        out.push(entry.path());
    }
    Ok(out)
}

fn read_pack_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>, Vec<Error>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut entries = list_dir(dir).map_err(|e| vec![e])?;
    entries.sort();
    for path in entries {
        if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push((path, text)),
                    Err(e) => errors.push(
                        Error::new(ErrorKind::InvalidUtf8 {
                            offset: e.utf8_error().valid_up_to(),
                        })
                        .at(Location::file(&path)),
                    ),
                },
                Err(e) => errors.push(Error::io(&path, &e)),
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let loc = match e.span() {
        Some(span) => Location::at_offset(path, text, span.start),
        None => Location::file(path),
    };
    // toml's message may run over several lines ("invalid array\nexpected `]`"): one
    // line reads better after "file:line:col:".
    let msg = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    Error::new(ErrorKind::Toml(msg)).at(loc)
}

fn parse_pack(files: Vec<(PathBuf, String)>, bundled: bool) -> Result<LoadedPack, Vec<Error>> {
    let mut manifest = None;
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    let mut dir_hint = None;
    for (path, text) in files {
        dir_hint.get_or_insert_with(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        let origin = Origin {
            path: path.clone(),
            bundled,
        };
        let is_manifest = path.file_name().is_some_and(|n| n == "pack.toml");
        if is_manifest {
            match toml::from_str::<PackManifest>(&text) {
                Ok(m) => manifest = Some((m, origin, text)),
                Err(e) => errors.push(toml_error(&path, &text, &e)),
            }
        } else {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match toml::from_str::<PackFile>(&text) {
                Ok(contents) => loaded.push(LoadedFile {
                    origin,
                    stem,
                    text,
                    contents,
                }),
                Err(e) => errors.push(toml_error(&path, &text, &e)),
            }
        }
    }
    match manifest {
        Some((manifest, manifest_origin, manifest_text)) if errors.is_empty() => Ok(LoadedPack {
            manifest,
            manifest_origin,
            manifest_text,
            files: loaded,
        }),
        Some(_) => Err(errors),
        None => {
            if errors.is_empty() {
                errors.push(
                    Error::rule_error("rule pack has no pack.toml")
                        .at(Location::file(dir_hint.unwrap_or_default())),
                );
            }
            Err(errors)
        }
    }
}
