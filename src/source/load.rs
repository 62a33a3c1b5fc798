//! Reading sources from paths: files, folders (walked) and standard input ("-"), with
//! the UTF-8 policy, front matter, manifests, and the language and date of each.
//!
//! Folders are walked recursively with the `ignore` crate, following symbolic links (a
//! link to a file is read as that file, once; a link that loops back to a folder above
//! it, or whose target is missing, is an error that names it): `.gitignore` and `.ignore`
//! files are respected (inside a git repository or not; the user's global git excludes
//! are not, so a run does not depend on the machine), hidden files and folders are
//! skipped, and only articles are taken: files ending `.txt`, `.md`, `.markdown`,
//! `.html` or `.htm` (any case), except `README.*`. A file named explicitly is always
//! read, whatever its name. HTML files (`.html`, `.htm`) are read with
//! [`super::html`]: the source's text is the page's visible text, and
//! [`Source::mapped`] keeps the file's text and the offset map, so that lines and
//! columns point into the file (spans stay offsets into the visible text).
//!
//! Front matter: Markdown files (`.md`, `.markdown`) are read with
//! [`super::front_matter::read_front_matter`] (a leading `---`/`+++` line always opens
//! it); every other text input (`.txt`, standard input, any other file named
//! explicitly) with [`super::front_matter::read_front_matter_by_content`] (only a closed
//! block of `key: value` lines is front matter; a block that looks like front matter but
//! is left open is read as text, with a warning); HTML files not at all (their metadata
//! is in the page). The headline is chosen as [`super`] describes.
//!
//! Folder walks can be narrowed with [`LoadOptions::include`] / [`LoadOptions::exclude`]
//! globs, matched on the path relative to the walked folder ([`super::walk_filter`]).
//!
//! A manifest applies when given with [`LoadOptions::manifest`], or when it is a
//! `sources.toml` met in a folder being walked, or beside a file named explicitly.
//! Several manifests may describe one file: the explicit one wins, then the others in
//! path order.
//!
//! Offsets: the text is the file's bytes, so byte offsets are the file's. A leading
//! UTF-8 byte order mark stays in the text but is not part of the body (like front
//! matter), is not read as front matter or HTML, and is no column (the character after
//! it is at 1:1). Lossy decoding replaces each invalid sequence with U+FFFD, which may shift later
//! offsets; a warning says so. Nothing else is normalised.
//!
//! Problems with one file never stop the others: each becomes an [`Error`] returned
//! beside the sources, and the file is left out. Manifest problems leave the manifest's
//! other entries in force.

use super::front_matter::{read_front_matter, read_front_matter_by_content, unclosed_front_matter};
use super::html::read_html;
use super::lang::{check_lang, detect_lang, normalize_lang, other_lang_in};
use super::manifest::{read_manifest, ManifestEntry, MANIFEST_NAME};
use super::text_date::detect_text_date;
use super::walk_filter::WalkFilter;
use super::{DateOrigin, LangOrigin, MappedText, Source};
use crate::error::{display_path, Error, ErrorKind, Location};
use crate::text::{line_col, Segments, Span};
use chrono::NaiveDate;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What to read and what is known beforehand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files, folders, or "-" for standard input.
    pub paths: Vec<PathBuf>,
    /// `--lang`: the language of sources that do not say (checked against
    /// `known_langs`).
    pub lang: Option<String>,
    /// `--manifest`: a manifest that applies to every source it names.
    pub manifest: Option<PathBuf>,
    /// `--date`: the date of sources that do not say (see [`super::parse_date_flag`]).
    pub date: Option<NaiveDate>,
    /// Decode invalid UTF-8 lossily with a warning instead of reporting an error.
    pub lossy: bool,
    /// Globs: when walking a folder, only files whose path relative to the folder
    /// matches one of them are read (all files when empty).
    pub include: Vec<String>,
    /// Globs: when walking a folder, files whose relative path matches one are skipped.
    pub exclude: Vec<String>,
    /// Languages with rule packs. Codes of other languages figcheck knows are accepted
    /// too (their sources are reported as not checked); empty accepts any code.
    /// Detection chooses among all languages, never only these.
    pub known_langs: Vec<String>,
    /// The language of a source when nothing says and detection is unsure.
    pub default_lang: String,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            paths: Vec::new(),
            lang: None,
            manifest: None,
            date: None,
            lossy: false,
            include: Vec::new(),
            exclude: Vec::new(),
            known_langs: vec!["en".to_string(), "fr".to_string()],
            default_lang: "en".to_string(),
        }
    }
}

/// Reads every source named by `opts`; "-" reads the process's standard input.
/// Problems with one file do not stop the others. Sources come sorted by display path.
pub fn load_sources(opts: &LoadOptions) -> (Vec<Source>, Vec<Error>) {
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    load_sources_with_stdin(opts, &mut lock)
}

/// As [`load_sources`], with "-" read from `stdin`.
pub fn load_sources_with_stdin(
    opts: &LoadOptions,
    stdin: &mut dyn Read,
) -> (Vec<Source>, Vec<Error>) {
    let (plan, mut errors) = plan_sources(opts);
    let mut sources = Vec::new();
    for i in 0..plan.len() {
        match plan.load(i, stdin) {
            Some(Ok(s)) => sources.push(s),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
    }
    sources.sort_by(|a, b| crate::text::natural::natural_cmp(&a.path, &b.path));
    (sources, errors)
}

/// What [`plan_sources`] found to read: the inputs in display-path order, and what is
/// known of them beforehand. Each is read on its own with [`SourcePlan::load`], so that
/// a caller can read, use and drop the sources one by one (in parallel, in any order).
pub struct SourcePlan {
    inputs: Vec<Input>,
    entries: Vec<ManifestEntry>,
    flag_lang: Option<String>,
    opts: LoadOptions,
}

/// The inputs `opts` names (folders walked, manifests read) and the errors met on the
/// way; nothing is read yet. [`load_sources`] is this, then every input read in order.
pub fn plan_sources(opts: &LoadOptions) -> (SourcePlan, Vec<Error>) {
    let mut errors = Vec::new();
    let flag_lang = opts.lang.as_deref().and_then(|l| {
        check_lang(l, &opts.known_langs)
            .map_err(|m| errors.push(Error::usage(format!("--lang: {m}"))))
            .ok()
    });
    let (inputs, entries) = match WalkFilter::new(&opts.include, &opts.exclude) {
        Ok(filter) => {
            let (inputs, found_manifests) = collect_inputs(&opts.paths, &filter, &mut errors);
            let entries = read_manifests(opts, found_manifests, &mut errors);
            (inputs, entries)
        }
        Err(e) => {
            errors.push(e);
            (Vec::new(), Vec::new())
        }
    };
    let plan = SourcePlan {
        inputs,
        entries,
        flag_lang,
        opts: opts.clone(),
    };
    (plan, errors)
}

impl SourcePlan {
    /// The number of inputs.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Whether there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The display paths of the inputs, in reading order.
    pub fn paths(&self) -> Vec<String> {
        self.inputs.iter().map(|i| i.shown.clone()).collect()
    }

    /// Read the `i`-th input (in display-path order); "-" reads `stdin`. `None` past
    /// the end.
    pub fn load(&self, i: usize, stdin: &mut dyn Read) -> Option<Result<Source, Error>> {
        let input = self.inputs.get(i)?;
        let bytes = match &input.file {
            None => {
                let mut buf = Vec::new();
                stdin.read_to_end(&mut buf).map(|_| buf)
            }
            Some(path) => std::fs::read(path),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return Some(Err(Error::io(Path::new(&input.shown), &e))),
        };
        let entry = input
            .canonical
            .as_ref()
            .and_then(|c| self.entries.iter().find(|e| &e.file == c));
        Some(build_source(
            input,
            bytes,
            entry,
            self.flag_lang.as_deref(),
            &self.opts,
        ))
    }
}

/// One source from bytes held in memory, read as a file named `shown` is read
/// (its extension decides Markdown, HTML or text; `opts` gives the UTF-8 policy, the
/// language and date flags and the known languages; no manifest applies). Used by the
/// fuzz targets and by callers that have the bytes already.
pub fn source_from_bytes(shown: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Source, Error> {
    let flag_lang = match opts.lang.as_deref() {
        Some(l) => Some(
            check_lang(l, &opts.known_langs).map_err(|m| Error::usage(format!("--lang: {m}")))?,
        ),
        None => None,
    };
    let input = Input {
        shown: shown.to_string(),
        file: None,
        canonical: None,
    };
    build_source(&input, bytes, None, flag_lang.as_deref(), opts)
}

/// One thing to read.
struct Input {
    /// Display path, "-" for standard input.
    shown: String,
    /// The file, `None` for standard input.
    file: Option<PathBuf>,
    /// Canonical path, for manifests and duplicates.
    canonical: Option<PathBuf>,
}

/// Whether a file met while walking a folder is an article.
/// "no such file or folder", with the nearest name in its folder when one is close (a
/// typo: "artciles" → "articles").
fn not_found(path: &Path) -> Error {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut best: Option<(f64, String)> = None;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let other = e.file_name().to_string_lossy().into_owned();
            let score = strsim::jaro_winkler(&name, &other);
            if score > 0.85
                && best
                    .as_ref()
                    .is_none_or(|(b, n)| score > *b || (score == *b && other < *n))
            {
                best = Some((score, other));
            }
        }
    }
    let hint = match best {
        Some((_, n)) => format!(
            " (did you mean {}?)",
            display_path(&dir.join(n)).trim_start_matches("./")
        ),
        None => String::new(),
    };
    Error::usage(format!(
        "{}: no such file or folder{hint}",
        display_path(path)
    ))
}

/// What `is_article` accepts, for messages.
const ARTICLE_KINDS: &str = ".txt, .md, .markdown, .html and .htm files";

fn is_article(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.starts_with("readme.") {
        return false;
    }
    [".txt", ".md", ".markdown", ".html", ".htm"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether a file is read as HTML.
fn is_html(shown: &str) -> bool {
    let lower = shown.to_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Whether a file is read as Markdown (front matter always, `# Heading` headlines).
fn is_markdown(shown: &str) -> bool {
    let lower = shown.to_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The inputs, deduplicated by canonical path and sorted by display path, and the
/// manifests found beside them.
fn collect_inputs(
    paths: &[PathBuf],
    filter: &WalkFilter,
    errors: &mut Vec<Error>,
) -> (Vec<Input>, Vec<PathBuf>) {
    let mut inputs: Vec<Input> = Vec::new();
    let mut manifests = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            if !inputs.iter().any(|i| i.file.is_none()) {
                inputs.push(Input {
                    shown: "-".to_string(),
                    file: None,
                    canonical: None,
                });
            }
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(not_found(path));
            }
            Err(e) => errors.push(Error::io(path, &e)),
            Ok(meta) if meta.is_dir() => {
                walk_folder(path, filter, &mut inputs, &mut manifests, errors);
            }
            Ok(_) => {
                let folder = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let beside = folder.join(MANIFEST_NAME);
                if beside.is_file() && path.file_name() != beside.file_name() {
                    manifests.push(beside);
                }
                push_file(&mut inputs, path);
            }
        }
    }
    inputs.sort_by(|a, b| crate::text::natural::natural_cmp(&a.shown, &b.shown));
    (inputs, manifests)
}

fn push_file(inputs: &mut Vec<Input>, path: &Path) {
    let canonical = path.canonicalize().ok();
    if canonical.is_some() && inputs.iter().any(|i| i.canonical == canonical) {
        return;
    }
    inputs.push(Input {
        shown: crate::error::shown_path(path),
        file: Some(path.to_path_buf()),
        canonical,
    });
}

fn walk_folder(
    root: &Path,
    filter: &WalkFilter,
    inputs: &mut Vec<Input>,
    manifests: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
) {
    let mut found = 0usize;
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .git_global(false)
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(walk_error(root, &e));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == MANIFEST_NAME) {
            manifests.push(path.to_path_buf());
        } else if is_article(path) && filter.accepts(path.strip_prefix(root).unwrap_or(path)) {
            push_file(inputs, path);
            found += 1;
        }
    }
    if found == 0 {
        errors.push(Error::usage(format!(
            "no articles under {} (figcheck reads {}; hidden and git-ignored files are \
                 skipped; see also --include/--exclude)",
            display_path(root),
            ARTICLE_KINDS
        )));
    }
}

/// A problem met while walking a folder (an unreadable folder, a broken symbolic link,
/// a link that loops back to a folder above it), naming what was skipped.
fn walk_error(root: &Path, e: &ignore::Error) -> Error {
    let mut inner = e;
    let mut path = None;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let kind = match inner {
        ignore::Error::Loop { ancestor, child } => {
            path = Some(child.clone());
            ErrorKind::Source(format!(
                "skipped: a symbolic link that loops back to {}",
                display_path(ancestor)
            ))
        }
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => ErrorKind::Source(
            "skipped: a broken symbolic link (its target does not exist)".to_string(),
        ),
        other => ErrorKind::Io(other.to_string()),
    };
    Error::new(kind).at(Location::file(path.unwrap_or_else(|| root.to_path_buf())))
}

/// Entries of every manifest that applies, the explicit one first; one entry per file.
fn read_manifests(
    opts: &LoadOptions,
    mut found: Vec<PathBuf>,
    errors: &mut Vec<Error>,
) -> Vec<ManifestEntry> {
    found.sort();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut entries: Vec<ManifestEntry> = Vec::new();
    for path in opts.manifest.iter().chain(found.iter()) {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let (new, errs) = read_manifest(path, &opts.known_langs);
        errors.extend(errs);
        for e in new {
            if !entries.iter().any(|x| x.file == e.file) {
                entries.push(e);
            }
        }
    }
    entries
}

/// Decodes `bytes` under the UTF-8 policy (a byte order mark is kept).
fn decode(bytes: Vec<u8>, shown: &str, lossy: bool) -> Result<(String, Option<String>), Error> {
    let (text, warning) =
        match utf8_string(bytes) {
            Ok(t) => (t, None),
            Err((bytes, offset)) => {
                if !lossy {
                    let prefix = bytes
                        .get(..offset)
                        .and_then(|b| std::str::from_utf8(b).ok())
                        .unwrap_or("");
                    return Err(Error::new(ErrorKind::InvalidUtf8 { offset })
                        .at(Location::at_offset(shown, prefix, prefix.len())));
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                (
                    text,
                    Some(format!(
                        "invalid UTF-8 at byte offset {offset}, decoded lossily"
                    )),
                )
            }
        };
    Ok((text, warning))
}

/// `bytes` as a `String`, or the bytes back with the length of their valid UTF-8 start.
/// Checked by `simdutf8` (vectorised; its `compat` check fails where the standard
/// library's would): on accented news text 100 MB in 15 ms against 42 for
/// `String::from_utf8`, which a long source waits for before anything else starts.
#[allow(unsafe_code)]
fn utf8_string(bytes: Vec<u8>) -> Result<String, (Vec<u8>, usize)> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: `simdutf8` has just checked that the whole of `bytes` is UTF-8.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => {
            let valid = e.valid_up_to();
            Err((bytes, valid))
        }
    }
}

/// The file's 1-based line of byte `at` of the text read (an HTML page's text mapped
/// back to its file).
fn file_line(text: &str, mapped: Option<&MappedText>, at: usize) -> usize {
    match mapped {
        Some(m) => line_col(&m.file_text, m.map.to_file(at)).0,
        None => line_col(text, at).0,
    }
}

fn build_source(
    input: &Input,
    bytes: Vec<u8>,
    entry: Option<&ManifestEntry>,
    flag_lang: Option<&str>,
    opts: &LoadOptions,
) -> Result<Source, Error> {
    let (text, warning) = decode(bytes, &input.shown, opts.lossy)?;
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let html_file = is_html(&input.shown);
    let markdown = is_markdown(&input.shown);
    // A byte order mark is kept in the text (offsets stay the file's) but read past.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let content = text.get(bom..).unwrap_or_default();
    let fm = if html_file {
        None
    } else if markdown {
        read_front_matter(content, &input.shown, &opts.known_langs)?
    } else {
        let fm = read_front_matter_by_content(content, &input.shown, &opts.known_langs)?;
        if fm.is_none() && unclosed_front_matter(content) {
            warnings.push(
                "line 1 opens what looks like front matter, but no closing line follows: \
                 read as article text"
                    .to_string(),
            );
        }
        fm
    };
    let fm = fm.unwrap_or_default();
    // Suppression comments are read from the file's own text; in Markdown and text they
    // are then blanked (same length), so no figure in a reason is read.
    let suppressions = super::suppress::find_suppressions(&text);
    let (text, html) = if html_file {
        let h = read_html(content);
        let mapped = MappedText {
            map: h.map.shifted(bom),
            file_text: text,
        };
        let headline = (h.headline, h.headline_span);
        (h.text, Some((h.lang, h.date, headline, mapped)))
    } else if suppressions.is_empty() {
        (text, None)
    } else {
        (super::suppress::blank_comments(&text), None)
    };
    let (html_lang, html_date, html_headline, mapped) = match html {
        Some((l, d, h, m)) => (l, d, Some(h), Some(m)),
        None => (None, None, None, None),
    };
    let html_lang = html_lang.and_then(|l| match check_lang(&l, &opts.known_langs) {
        Ok(l) => Some(l),
        Err(m) => {
            warnings.push(format!("<html lang=\"{l}\"> ignored: {m}"));
            None
        }
    });
    let body_start = if html_file { 0 } else { bom + fm.body_start };
    let body = Span::new(body_start.min(text.len()), text.len());
    let body_text = body.slice(&text);
    let (headline, headline_span) = match html_headline {
        Some((words, span)) => (fm.title.or(words), span),
        None => {
            let span = body_headline(&text, body, markdown);
            let words = span.map(|s| collapse(s.slice(&text)));
            (fm.title.or(words), span)
        }
    };

    let (lang, lang_origin) = if let Some(l) = fm.lang {
        (l, LangOrigin::FrontMatter)
    } else if let Some(l) = html_lang {
        (l, LangOrigin::Html)
    } else if let Some(l) = entry.and_then(|e| e.lang.clone()) {
        (l, LangOrigin::Manifest)
    } else if let Some(l) = flag_lang {
        (l.to_string(), LangOrigin::Flag)
    } else if let Some((l, confidence)) = detect_lang(body_text, &opts.known_langs) {
        let confidence = format!("{confidence:.2}");
        (l, LangOrigin::Detected { confidence })
    } else {
        (normalize_lang(&opts.default_lang), LangOrigin::Default)
    };
    // A language guessed from the start: say so when a long text turns to another one.
    if matches!(
        lang_origin,
        LangOrigin::Detected { .. } | LangOrigin::Default
    ) {
        if let Some((other, at)) = other_lang_in(body_text, &lang, &opts.known_langs) {
            let line = file_line(&text, mapped.as_ref(), body.start + at);
            warnings.push(format!(
                "the text reads as {other} around line {line}, but the whole file is read as \
                 {lang}: figures written in {other} there are read with the {lang} rules \
                 (scale words differ: \"billion\" is 10^9 in English, 10^12 in French); \
                 put each language in a file of its own"
            ));
        }
    }

    let (date, date_origin) = if let Some(d) = fm.date {
        (Some(d), DateOrigin::FrontMatter)
    } else if let Some(d) = html_date {
        (Some(d), DateOrigin::Html)
    } else if let Some(d) = entry.and_then(|e| e.date) {
        (Some(d), DateOrigin::Manifest)
    } else if let Some(d) = opts.date {
        (Some(d), DateOrigin::Flag)
    } else if let Some(found) = detect_text_date(body_text, &lang) {
        let line = file_line(&text, mapped.as_ref(), body.start + found.start);
        let origin = DateOrigin::Text {
            text: found.text,
            line,
        };
        (Some(found.date), origin)
    } else {
        (None, DateOrigin::Undated)
    };

    Ok(Source {
        path: input.shown.clone(),
        body,
        lang,
        lang_origin,
        date,
        date_origin,
        outlet: fm.outlet.or_else(|| entry.and_then(|e| e.outlet.clone())),
        url: fm.url.or_else(|| entry.and_then(|e| e.url.clone())),
        dollar: fm.dollar.or_else(|| entry.and_then(|e| e.dollar)),
        headline: headline.filter(|h| !h.is_empty()),
        headline_span,
        warnings,
        text,
        mapped,
        suppressions,
    })
}

/// Where the headline's words are in a text body: a leading level-1 heading, else, for
/// a text that is not Markdown, a first line that stands alone like a title.
/// Only the body's head is segmented: a headline or title line is in its first two
/// paragraphs, and a long source is not split into sentences here.
fn body_headline(text: &str, body: Span, markdown: bool) -> Option<Span> {
    const HEAD: usize = 16 * 1024;
    let mut end = body.end.min(body.start.saturating_add(HEAD));
    while end < body.end && !text.is_char_boundary(end) {
        end += 1;
    }
    let segs = Segments::of_body(text, Span::new(body.start, end));
    if segs.headline.is_some() || markdown {
        return segs.headline;
    }
    segs.title_line(text)
}

/// Words separated by one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectorised check takes what the standard library takes and stops where it
    /// stops, in short inputs and past the first vector's worth of bytes.
    #[test]
    fn utf8_is_checked_as_the_standard_library_checks_it() {
        let bad: [&[u8]; 7] = [
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
            b"\xc0\xaf",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\x80",
        ];
        let good = "Il a levé 380 millions d’euros (€), 亿元 𝄞. ";
        for lead in [0, 1, 40, 100] {
            let head = good.repeat(lead);
            let whole = format!("{head}{good}").into_bytes();
            assert_eq!(
                utf8_string(whole.clone()).ok(),
                String::from_utf8(whole).ok()
            );
            for b in bad {
                let mut bytes = head.clone().into_bytes();
                bytes.extend_from_slice(b);
                bytes.extend_from_slice(good.as_bytes());
                let expected = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
                let (back, valid) = utf8_string(bytes.clone()).unwrap_err();
                assert_eq!((back, valid), (bytes, expected), "{lead} {b:?}");
            }
        }
    }

    #[test]
    fn article_names() {
        for yes in ["a.txt", "b/c.MD", "d.markdown", "e.html", "f.htm"] {
            assert!(is_article(Path::new(yes)), "{yes}");
        }
        for no in ["sources.toml", "README.md", "a.json", "a", "notes.txt.bak"] {
            assert!(!is_article(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn utf8_policy() {
        let bad = b"ok\n\xff rest".to_vec();
        let err = decode(bad.clone(), "a.txt", false).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidUtf8 { offset: 3 });
        assert_eq!(err.to_string(), "a.txt:2:1: invalid UTF-8 at byte offset 3");
        let (text, warning) = decode(bad, "a.txt", true).unwrap();
        assert_eq!(text, "ok\n\u{fffd} rest");
        assert_eq!(
            warning.as_deref(),
            Some("invalid UTF-8 at byte offset 3, decoded lossily")
        );
        let (text, _) = decode(b"\xef\xbb\xbfBonjour".to_vec(), "a.txt", false).unwrap();
        assert_eq!(text, "\u{feff}Bonjour");
    }
}
