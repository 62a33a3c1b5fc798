//! Loading rate tables: the bundled ECB table (lowest priority), then the table that
//! `figcheck rates update` installed in the data folder (when the file exists), then
//! every `.csv` file of each `--rates` folder, folders in the order given, files sorted
//! by name inside a folder; each table has a higher priority than the ones before it. A file whose first
//! cell is "Date" is read as an ECB wide table, any other as the long format
//! (`date,base,quote,rate`). Every file is read; all errors are returned together.

use super::table::RateTable;
use super::{bundled, ecb, user, RateTables};
use crate::error::{Error, ErrorKind, Errors, Location};
use std::path::{Path, PathBuf};

impl RateTables {
    /// Load the bundled table (unless `bundled` is false) and the tables of `dirs`
    /// (later folders take priority); `max_gap` is the longest gap in days between a
    /// date and the row used for it.
    pub fn load(dirs: &[PathBuf], bundled: bool, max_gap: u32) -> Result<RateTables, Errors> {
        RateTables::load_with_updated(dirs, bundled, None, max_gap)
    }

    /// [`RateTables::load`], with the table `figcheck rates update` installed at
    /// `updated` read just above the bundled one when the file exists (a missing file is
    /// not an error; an unreadable or invalid one is, naming the file).
    pub fn load_with_updated(
        dirs: &[PathBuf],
        bundled: bool,
        updated: Option<&Path>,
        max_gap: u32,
    ) -> Result<RateTables, Errors> {
        let mut tables = Vec::new();
        let mut errors = Vec::new();
        if bundled {
            match bundled::table() {
                Ok(t) => tables.push(t),
                Err(e) => errors.push(e),
            }
        }
        if let Some(path) = updated {
            match read_updated(path) {
                Ok(Some(t)) => tables.push(t),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        for dir in dirs {
            match table_files(dir) {
                Ok(files) => {
                    for file in files {
                        match read_table(&file) {
                            Ok(t) => tables.push(t),
                            Err(e) => errors.push(e),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        if tables.is_empty() {
            return Err(Error::usage(
                "no rate table loaded: the bundled table is off and no --rates folder was given",
            )
            .into());
        }
        Ok(RateTables::from_tables(tables, max_gap))
    }

    /// The bundled ECB table alone, with a maximum gap of 7 days.
    pub fn bundled() -> Result<RateTables, Error> {
        Ok(RateTables::from_tables(vec![bundled::table()?], 7))
    }
}

/// What to do about a broken installed table, appended to its error.
pub const UPDATED_TABLE_HINT: &str = "; this table was installed by `figcheck rates update`: \
     run it again, or delete the file to use the built-in rates";

/// The table `figcheck rates update` installed at `path`, named like the bundled one
/// (both hold the ECB's rates); `None` when there is no such file.
pub fn read_updated(path: &Path) -> Result<Option<RateTable>, Error> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let read = || -> Result<RateTable, Error> {
        let text = read_utf8(path)?;
        let table = ecb::parse_table(&text, path, bundled::NAME, Some(path.to_path_buf()))?;
        if table.rows == 0 {
            return Err(Error::rate("the table has no rows").at(Location::file(path)));
        }
        Ok(table)
    };
    read().map(Some).map_err(|e| Error {
        kind: ErrorKind::Rate(format!("{}{UPDATED_TABLE_HINT}", e.message())),
        location: e.location.or_else(|| Some(Location::file(path))),
        rule: None,
    })
}

/// A file's text; invalid UTF-8 is an error with its byte offset.
fn read_utf8(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .at(Location::file(path))
    })
}

/// The `.csv` files of a folder, sorted by name; an error when there is none.
fn table_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, &e))?.path();
        let is_csv = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
        if is_csv && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::rate("no .csv rate table in this folder").at(Location::file(dir)));
    }
    Ok(files)
}

/// Read one user table; its name is the file stem.
pub fn read_table(path: &Path) -> Result<RateTable, Error> {
    let text = read_utf8(path)?;
    let name = path
        .file_stem()
        .map_or_else(|| "table".to_string(), |s| s.to_string_lossy().into_owned());
    if ecb::looks_like_ecb(&text) {
        ecb::parse_table(&text, path, &name, Some(path.to_path_buf()))
    } else {
        user::parse(&text, path, &name)
    }
}
