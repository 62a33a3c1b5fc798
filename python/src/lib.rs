//! `figcheck._figcheck`: the native half of the Python package. It wraps
//! [`figcheck::checker::Checker`] and speaks JSON text to the Python half
//! (`figcheck/__init__.py`), which turns it into plain Python data with exact
//! `decimal.Decimal` values. Errors become `figcheck.FigcheckError` with the file, line
//! and column of each problem.

use figcheck::checker::Checked;
use figcheck::cli::configured::{Configured, Request};
use figcheck::report::mentions::MentionRow;
use figcheck::report::model::Report;
use figcheck::source::{load_sources_with_stdin, parse_date_flag, plan_sources, Source};
use figcheck::{Error, Errors};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::{Path, PathBuf};

pyo3::create_exception!(
    _figcheck,
    FigcheckError,
    PyException,
    "A figcheck error: a rule pack, rate table, configuration or article that cannot be read. `errors` lists every problem as a dict (file, line, column, message); `file`, `line` and `column` are the first one's."
);

/// Raise `FigcheckError` for `errors`, each with its location.
fn raise(py: Python<'_>, errors: &Errors) -> PyErr {
    let text = errors
        .0
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    let err = FigcheckError::new_err(text);
    let value = err.value(py);
    let list = PyList::empty(py);
    let mut first = None;
    for e in &errors.0 {
        let d = PyDict::new(py);
        let (file, line, column) = match &e.location {
            Some(l) => (
                Some(l.path.to_string_lossy().replace('\\', "/")),
                Some(l.line).filter(|n| *n > 0),
                Some(l.column).filter(|n| *n > 0),
            ),
            None => (None, None, None),
        };
        let _ = d.set_item("file", file.clone());
        let _ = d.set_item("line", line);
        let _ = d.set_item("column", column);
        let _ = d.set_item("message", e.message());
        let _ = d.set_item("rule", e.rule.clone());
        let _ = list.append(d);
        first.get_or_insert((file, line, column));
    }
    let (file, line, column) = first.unwrap_or((None, None, None));
    let _ = value.setattr("errors", list);
    let _ = value.setattr("file", file);
    let _ = value.setattr("line", line);
    let _ = value.setattr("column", column);
    err
}

fn raise_one(py: Python<'_>, e: Error) -> PyErr {
    raise(py, &Errors(vec![e]))
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyException::new_err(e.to_string()))
}

/// Rule packs, rate tables and check settings, loaded once.
#[pyclass(frozen, module = "figcheck._figcheck")]
struct NativeChecker {
    configured: Configured,
}

impl NativeChecker {
    /// Sources from paths (files or folders) and `(name, text)` pairs, sorted by path.
    fn sources(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        texts: Vec<(String, String)>,
        lang: Option<&str>,
        date: Option<&str>,
    ) -> PyResult<Vec<Source>> {
        let date = date
            .map(parse_date_flag)
            .transpose()
            .map_err(|e| raise_one(py, e))?;
        let mut sources = Vec::new();
        if !paths.is_empty() {
            let mut opts = self
                .configured
                .load_options(paths)
                .map_err(|e| raise_one(py, e))?;
            if lang.is_some() {
                opts.lang = lang.map(str::to_string);
            }
            if date.is_some() {
                opts.date = date;
            }
            let (loaded, errors) =
                py.detach(|| load_sources_with_stdin(&opts, &mut std::io::empty()));
            if !errors.is_empty() {
                return Err(raise(py, &Errors(errors)));
            }
            sources.extend(loaded);
        }
        for (name, text) in texts {
            let s = self
                .configured
                .checker
                .source_from_text(&name, &text, lang, date)
                .map_err(|e| raise_one(py, e))?;
            sources.push(s);
        }
        sources.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(sources)
    }

    fn report_json(&self, checked: &Checked) -> PyResult<String> {
        let mut report: Report = self.configured.checker.report(checked);
        report.config = self.configured.config_used();
        to_json(&report)
    }
}

#[pymethods]
impl NativeChecker {
    /// Load the bundled packs and ECB table, the folders in `rules` and `rates`, and
    /// the figcheck.toml `config` names (none unless named).
    #[new]
    #[pyo3(signature = (rules=None, rates=None, config=None))]
    fn new(
        py: Python<'_>,
        rules: Option<Vec<PathBuf>>,
        rates: Option<Vec<PathBuf>>,
        config: Option<PathBuf>,
    ) -> PyResult<Self> {
        let request = Request {
            paths: Vec::new(),
            no_config: config.is_none(),
            config,
            rules: rules.unwrap_or_default(),
            rates: rates.unwrap_or_default(),
        };
        let configured = py.detach(|| request.load()).map_err(|e| raise(py, &e))?;
        Ok(NativeChecker { configured })
    }

    /// The mentions of one text, as JSON: a list of rows (`figcheck extract --format json`).
    #[pyo3(signature = (text, lang=None, date=None, path="-"))]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        date: Option<&str>,
        path: &str,
    ) -> PyResult<String> {
        let source = self
            .sources(
                py,
                Vec::new(),
                vec![(path.to_string(), text.to_string())],
                lang,
                date,
            )?
            .into_iter()
            .next()
            .ok_or_else(|| PyException::new_err("no source"))?;
        let mentions = py.detach(|| self.configured.checker.extract(&source));
        let rows: Vec<MentionRow> = mentions
            .iter()
            .map(|m| MentionRow::new(&source, m, None))
            .collect();
        to_json(&rows)
    }

    /// Check paths and texts together, as one `figcheck check` run; the report as JSON.
    #[pyo3(signature = (paths, texts, lang=None, date=None))]
    fn check_json(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        texts: Vec<(String, String)>,
        lang: Option<&str>,
        date: Option<&str>,
    ) -> PyResult<String> {
        let sources = self.sources(py, paths, texts, lang, date)?;
        let checked = py.detach(|| self.configured.checker.check(sources));
        self.report_json(&checked)
    }

    /// The map step: the claim records of paths and texts, one JSON line each (as
    /// `figcheck check --format jsonl` writes them).
    #[pyo3(signature = (paths, texts, lang=None, date=None))]
    fn claim_lines(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        texts: Vec<(String, String)>,
        lang: Option<&str>,
        date: Option<&str>,
    ) -> PyResult<Vec<String>> {
        let sources = self.sources(py, paths, texts, lang, date)?;
        let report = py.detach(|| {
            self.configured
                .checker
                .report(&self.configured.checker.check(sources))
        });
        report.claim_records.iter().map(to_json).collect()
    }

    /// The reduce step: check claim records (JSON lines, from any number of map
    /// steps) together, as `figcheck check --claims`; the report as JSON.
    fn reduce_json(&self, py: Python<'_>, lines: Vec<String>) -> PyResult<String> {
        let text = lines.join("\n");
        let claims = self
            .configured
            .checker
            .claims_from_jsonl(Path::new("<claims>"), &text)
            .map_err(|e| raise(py, &e))?;
        let checked = py.detach(|| self.configured.checker.check_claims(claims, None));
        self.report_json(&checked)
    }

    /// The configuration file read, as shown in reports.
    #[getter]
    fn config_used(&self) -> Option<String> {
        self.configured.config_used()
    }

    /// The articles that `paths` (files and folders) name, as `figcheck check` would
    /// read them: folders walked with the configuration's globs, in reading order.
    fn plan(&self, py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Vec<String>> {
        let opts = self
            .configured
            .load_options(paths)
            .map_err(|e| raise_one(py, e))?;
        let (plan, errors) = plan_sources(&opts);
        if !errors.is_empty() {
            return Err(raise(py, &Errors(errors)));
        }
        Ok(plan.paths())
    }

    /// The languages the rules read, sorted.
    #[getter]
    fn languages(&self) -> Vec<String> {
        self.configured.checker.rules().languages()
    }
}

/// The native module.
#[pymodule]
fn _figcheck(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeChecker>()?;
    m.add("FigcheckError", m.py().get_type::<FigcheckError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
