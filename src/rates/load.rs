//! Loading rate tables: the bundled ECB table (lowest priority), then every `.csv` file
//! of each `--rates` folder, folders in the order given, files sorted by name inside a
//! folder; each table has a higher priority than the ones before it. A file whose first
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
        let mut tables = Vec::new();
        let mut errors = Vec::new();
        if bundled {
            match bundled::table() {
                Ok(t) => tables.push(t),
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
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(ErrorKind::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
        .at(Location::file(path))
    })?;
    let name = path
        .file_stem()
        .map_or_else(|| "table".to_string(), |s| s.to_string_lossy().into_owned());
    if ecb::looks_like_ecb(&text) {
        ecb::parse_table(&text, path, &name, Some(path.to_path_buf()))
    } else {
        user::parse(&text, path, &name)
    }
}
