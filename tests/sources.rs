//! Loading sources through the library API: dates and languages from each origin,
//! manifests, the folder walk, the UTF-8 policy, and errors that do not stop the run.

use chrono::NaiveDate;
use figcheck::error::ErrorKind;
use figcheck::source::{
    load_sources, load_sources_with_stdin, parse_date_flag, DateOrigin, LangOrigin, LoadOptions,
    Source,
};
use figcheck::Error;
use std::fs;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/sources";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn opts(paths: &[PathBuf]) -> LoadOptions {
    LoadOptions {
        paths: paths.to_vec(),
        ..LoadOptions::default()
    }
}

fn load(o: &LoadOptions) -> (Vec<Source>, Vec<Error>) {
    load_sources_with_stdin(o, &mut std::io::empty())
}

fn load_one(o: &LoadOptions) -> Source {
    let (mut sources, errors) = load(o);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(sources.len(), 1);
    sources.remove(0)
}

fn paths(sources: &[Source]) -> Vec<&str> {
    sources.iter().map(|s| s.path.as_str()).collect()
}

// ---- dates from each origin -------------------------------------------------------

#[test]
fn date_and_language_from_yaml_front_matter() {
    let s = load_one(&opts(&[fixture("yaml-front-matter.md")]));
    assert_eq!(s.path, "tests/fixtures/sources/yaml-front-matter.md");
    assert_eq!(s.date, ymd(2025, 2, 24));
    assert_eq!(s.date_origin, DateOrigin::FrontMatter);
    assert_eq!(
        (s.lang.as_str(), &s.lang_origin),
        ("fr", &LangOrigin::FrontMatter)
    );
    assert_eq!(s.outlet.as_deref(), Some("Le Quotidien d'Essai"));
    assert_eq!(s.url.as_deref(), Some("https://example.org/usine"));
    // The body starts after the closing `---`, and its offsets are the file's.
    assert!(s.body.slice(&s.text).starts_with("Un fabricant de puces"));
    assert_eq!(figcheck::text::line_col(&s.text, s.body.start), (10, 1));
    assert_eq!(s.body.end, s.text.len());
}

#[test]
fn date_and_language_from_toml_front_matter() {
    let s = load_one(&opts(&[fixture("toml-front-matter.md")]));
    assert_eq!(s.date, ymd(2025, 3, 6));
    assert_eq!(s.date_origin, DateOrigin::FrontMatter);
    assert_eq!(
        (s.lang.as_str(), &s.lang_origin),
        ("en", &LangOrigin::FrontMatter)
    );
    assert_eq!(s.outlet.as_deref(), Some("The Test Gazette"));
}

#[test]
fn date_and_language_from_a_manifest_found_in_the_folder() {
    let (sources, errors) = load(&opts(&[fixture("with-manifest")]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        paths(&sources),
        [
            "tests/fixtures/sources/with-manifest/article-a.txt",
            "tests/fixtures/sources/with-manifest/article-b.md",
            "tests/fixtures/sources/with-manifest/article-c.txt",
        ]
    );
    let [a, b, c] = &sources[..] else { panic!() };
    assert_eq!(
        (a.date, &a.date_origin),
        (ymd(2025, 3, 6), &DateOrigin::Manifest)
    );
    assert_eq!(
        (a.lang.as_str(), &a.lang_origin),
        ("fr", &LangOrigin::Manifest)
    );
    assert_eq!(a.outlet.as_deref(), Some("Agence Essai"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    // Front matter wins over the manifest, field by field.
    assert_eq!(
        (b.date, &b.date_origin),
        (ymd(2025, 9, 24), &DateOrigin::FrontMatter)
    );
    assert_eq!(
        (b.lang.as_str(), &b.lang_origin),
        ("fr", &LangOrigin::FrontMatter)
    );
    assert_eq!(b.outlet.as_deref(), Some("Manifest Outlet"));
    // Not in the manifest: dated by its own dateline.
    assert_eq!(c.date, ymd(2025, 3, 6));
    assert_eq!(
        c.date_origin,
        DateOrigin::Text {
            text: "06/03/2025".into(),
            line: 2
        }
    );
}

#[test]
fn manifest_beside_an_explicit_file_applies() {
    let s = load_one(&opts(&[PathBuf::from(
        "./tests/fixtures/sources/with-manifest/article-a.txt",
    )]));
    assert_eq!(s.path, "tests/fixtures/sources/with-manifest/article-a.txt");
    assert_eq!(s.date_origin, DateOrigin::Manifest);
}

#[test]
fn explicit_manifest_paths_are_relative_to_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("meta")).unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    let article = dir.path().join("articles/x.txt");
    fs::write(&article, "Un court texte sans date.\n").unwrap();
    let manifest = dir.path().join("meta/list.toml");
    fs::write(
        &manifest,
        "[[source]]\npath = \"../articles/x.txt\"\ndate = \"2025-02-24T23:10:00-05:00\"\nlang = \"fr\"\n",
    )
    .unwrap();
    let mut o = opts(&[article]);
    o.manifest = Some(manifest);
    let s = load_one(&o);
    assert_eq!(
        (s.date, &s.date_origin),
        (ymd(2025, 2, 24), &DateOrigin::Manifest)
    );
    assert_eq!(s.lang_origin, LangOrigin::Manifest);
}

#[test]
fn date_flag_applies_when_nothing_else_says() {
    let mut o = opts(&[fixture("undated.txt"), fixture("yaml-front-matter.md")]);
    o.date = Some(parse_date_flag("2025-01-15").unwrap());
    let (sources, errors) = load(&o);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(sources[0].date_origin, DateOrigin::Flag);
    assert_eq!(sources[0].date, ymd(2025, 1, 15));
    assert_eq!(sources[1].date_origin, DateOrigin::FrontMatter);
}

#[test]
fn date_from_the_text_prefers_the_byline_cue() {
    let s = load_one(&opts(&[fixture("text-date-fr.txt")]));
    assert_eq!(s.date, ymd(2025, 2, 24));
    assert_eq!(
        s.date_origin,
        DateOrigin::Text {
            text: "Publié le 24 février 2025".into(),
            line: 3
        }
    );
}

#[test]
fn date_from_a_wire_dateline_takes_the_year_from_the_text() {
    let s = load_one(&opts(&[fixture("text-date-en.txt")]));
    assert_eq!((s.lang.as_str(), s.date), ("en", ymd(2025, 3, 6)));
    assert!(matches!(s.date_origin, DateOrigin::Text { line: 1, .. }));
}

#[test]
fn undated_when_nothing_says() {
    let s = load_one(&opts(&[fixture("undated.txt")]));
    assert_eq!((s.date, &s.date_origin), (None, &DateOrigin::Undated));
}

// ---- languages ----------------------------------------------------------------------

#[test]
fn language_origins() {
    let s = load_one(&opts(&[fixture("undated.txt")]));
    assert_eq!(s.lang, "fr");
    assert!(matches!(s.lang_origin, LangOrigin::Detected { .. }));

    let mut o = opts(&[fixture("undated.txt")]);
    o.lang = Some("EN".into());
    let s = load_one(&o);
    assert_eq!((s.lang.as_str(), &s.lang_origin), ("en", &LangOrigin::Flag));

    let dir = tempfile::tempdir().unwrap();
    let short = dir.path().join("short.txt");
    fs::write(&short, "OK 42").unwrap();
    let mut o = opts(&[short]);
    o.default_lang = "fr".into();
    let s = load_one(&o);
    assert_eq!(
        (s.lang.as_str(), &s.lang_origin),
        ("fr", &LangOrigin::Default)
    );
}

#[test]
fn unknown_languages_are_errors_naming_the_allowed_ones() {
    let mut o = opts(&[fixture("undated.txt")]);
    o.lang = Some("xx".into());
    let (sources, errors) = load(&o);
    assert_eq!(
        sources.len(),
        1,
        "the flag is ignored, the source still loads"
    );
    assert!(matches!(
        sources[0].lang_origin,
        LangOrigin::Detected { .. }
    ));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("expected one of en, fr"),
        "{}",
        errors[0]
    );

    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    fs::write(&md, "---\nlang: xq\n---\nText.\n").unwrap();
    let (sources, errors) = load(&opts(std::slice::from_ref(&md)));
    assert!(sources.is_empty());
    let loc = errors[0].location.clone().unwrap();
    assert_eq!((loc.line, loc.column), (2, 7));
    assert!(errors[0]
        .to_string()
        .contains("a.md:2:7: unknown language \"xq\""));

    // A real language without a pack is not a typo: the source loads in it, and the
    // unsupported-language check says it was not read.
    fs::write(&md, "---\nlang: nl\n---\nTekst.\n").unwrap();
    let (sources, errors) = load(&opts(&[md]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(sources[0].lang, "nl");
    assert_eq!(sources[0].lang_origin, LangOrigin::FrontMatter);
}

// ---- walking folders --------------------------------------------------------------

#[test]
fn folder_walk_takes_articles_only_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    for (name, text) in [
        ("b.txt", "Deux."),
        ("a.md", "Un."),
        ("sub/c.html", "<p>Trois.</p>"),
        ("sub/d.HTM", "Quatre."),
        ("e.markdown", "Cinq."),
        ("notes.json", "{}"),
        ("README.md", "Ce dossier contient des articles."),
        (".hidden.txt", "Caché."),
        (".private/f.txt", "Caché aussi."),
        ("skipped.txt", "Ignoré par .gitignore."),
        ("drafts/g.txt", "Brouillon ignoré."),
        (".gitignore", "skipped.txt\ndrafts/\n"),
    ] {
        let p = root.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let extra = root.join("notes.json");
    let (sources, errors) = load(&opts(&[root.clone(), extra, root.join("a.md")]));
    assert!(errors.is_empty(), "{errors:?}");
    let shown = figcheck::error::display_path(&root);
    let rel: Vec<String> = sources
        .iter()
        .map(|s| {
            s.path
                .strip_prefix(&format!("{shown}/"))
                .unwrap()
                .to_string()
        })
        .collect();
    // notes.json is read because it is named explicitly; a.md only once.
    assert_eq!(
        rel,
        [
            "a.md",
            "b.txt",
            "e.markdown",
            "notes.json",
            "sub/c.html",
            "sub/d.HTM"
        ]
    );
    // HTML: the visible text is read; lines and columns are counted in the file.
    assert_eq!(sources[4].text, "Trois.\n\n");
    assert_eq!(sources[4].position_text(), "<p>Trois.</p>");
    assert_eq!(sources[4].file_offset(0), 3);
}

#[test]
fn standard_input_is_read_once_with_front_matter() {
    let o = opts(&[PathBuf::from("-"), PathBuf::from("-")]);
    let mut input: &[u8] =
        b"---\ndate: 2025-03-06\n---\nUn texte venu de l'entr\xc3\xa9e standard.\n";
    let (sources, errors) = load_sources_with_stdin(&o, &mut input);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(paths(&sources), ["-"]);
    assert_eq!(sources[0].date_origin, DateOrigin::FrontMatter);
}

// ---- UTF-8 policy and errors --------------------------------------------------------

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset_or_a_lossy_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    fs::write(&p, b"Premi\xc3\xa8re ligne\nPrix : 5 \xff euros\n").unwrap();
    let (sources, errors) = load(&opts(std::slice::from_ref(&p)));
    assert!(sources.is_empty());
    assert_eq!(errors[0].kind, ErrorKind::InvalidUtf8 { offset: 25 });
    let loc = errors[0].location.clone().unwrap();
    assert_eq!((loc.line, loc.column), (2, 10));

    let mut o = opts(&[p]);
    o.lossy = true;
    let s = load_one(&o);
    assert_eq!(
        s.warnings,
        ["invalid UTF-8 at byte offset 25, decoded lossily"]
    );
    assert!(s.text.contains("5 \u{fffd} euros"));
}

#[test]
fn a_byte_order_mark_is_kept_out_of_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.md");
    fs::write(&p, b"\xef\xbb\xbf---\nlang: fr\n---\nTexte.\n").unwrap();
    let s = load_one(&opts(&[p]));
    // Read past for the front matter, kept in the text: offsets are the file's.
    assert_eq!(s.lang_origin, LangOrigin::FrontMatter);
    assert!(s.text.starts_with("\u{feff}---"));
    assert_eq!(s.body.slice(&s.text), "Texte.\n");
    assert_eq!(figcheck::text::line_col(&s.text, s.body.start), (4, 1));
    assert_eq!(figcheck::text::line_col(&s.text, 3), (1, 1));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a-bad.txt"), b"\xfe\xff").unwrap();
    fs::copy(fixture("bad-front-matter.md"), dir.path().join("b-bad.md")).unwrap();
    fs::copy(fixture("undated.txt"), dir.path().join("c-good.txt")).unwrap();
    fs::write(
        dir.path().join("sources.toml"),
        "[[source]]\npath = \"gone.txt\"\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let (sources, errors) = load(&opts(&[dir.path().to_path_buf(), missing]));
    assert_eq!(sources.len(), 1);
    assert!(sources[0].path.ends_with("c-good.txt"));
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 4, "{messages:#?}");
    assert!(messages
        .iter()
        .any(|m| m.contains("missing.txt: no such file or folder")));
    assert!(messages
        .iter()
        .any(|m| m.contains("sources.toml:2:8: manifest entry names a missing file")));
    assert!(messages
        .iter()
        .any(|m| m.contains("a-bad.txt:1:1: invalid UTF-8 at byte offset 0")));
    assert!(messages
        .iter()
        .any(|m| m.contains("b-bad.md:3:7: invalid date \"2025-02-31\"")));
}

#[test]
fn manifest_with_an_unknown_key_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("undated.txt"), dir.path().join("a.txt")).unwrap();
    fs::write(
        dir.path().join("sources.toml"),
        "[[source]]\npath = \"a.txt\"\npublished = \"2025-03-06\"\n",
    )
    .unwrap();
    let (sources, errors) = load(&opts(&[dir.path().to_path_buf()]));
    assert_eq!(
        sources.len(),
        1,
        "the article still loads, without the manifest"
    );
    assert_eq!(sources[0].date_origin, DateOrigin::Undated);
    let loc = errors[0].location.clone().unwrap();
    assert_eq!((loc.line, loc.column), (3, 1), "{}", errors[0]);
    assert!(errors[0].to_string().contains("published"), "{}", errors[0]);
}

// ---- structure: front matter in any text, headline, lead -----------------------------

const HEADED_TXT: &str = "---\n\
title: \"Acme raises a record round\"\n\
date: 2025-03-06\n\
lang: en\n\
outlet: The Test Wire\n\
url: https://example.org/acme-raises-eur20-billion\n\
---\n\
\n\
Acme said on Thursday that investors had put 3 billion euros into the company.\n\
The money will pay for two new plants.\n\
\n\
A second paragraph gives no other figure.\n";

#[test]
fn a_txt_header_block_is_front_matter_and_never_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let article = dir.path().join("acme.txt");
    fs::write(&article, HEADED_TXT).unwrap();

    let s = load_one(&opts(std::slice::from_ref(&article)));
    assert_eq!(
        (s.date, &s.date_origin),
        (ymd(2025, 3, 6), &DateOrigin::FrontMatter)
    );
    assert_eq!(
        (s.lang.as_str(), &s.lang_origin),
        ("en", &LangOrigin::FrontMatter)
    );
    assert_eq!(s.outlet.as_deref(), Some("The Test Wire"));
    assert_eq!(s.headline.as_deref(), Some("Acme raises a record round"));
    assert_eq!(s.headline_span, None);
    assert!(s.body.slice(&s.text).trim_start().starts_with("Acme said"));
    let segs = s.segments();
    let lead = segs.lead.unwrap().slice(&s.text);
    assert!(
        lead.starts_with("Acme said") && lead.ends_with("new plants.\n"),
        "{lead:?}"
    );
    assert_eq!(segs.paragraphs.len(), 2);

    // The binary: no figure from the header (the URL's "eur20-billion"), the body's
    // figure with its line in the file, and the header's date, language and outlet.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(["extract", "--format", "json", "acme.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mentions = json["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 1, "{stdout}");
    assert_eq!(mentions[0]["text"], "3 billion euros", "{stdout}");
    assert_eq!(mentions[0]["line"], 9, "{stdout}");
    let source = &json["sources"][0];
    assert_eq!(source["date"], "2025-03-06", "{stdout}");
    assert_eq!(source["date_origin"], "front matter", "{stdout}");
    assert_eq!(source["lang"], "en", "{stdout}");
    assert_eq!(source["lang_origin"], "front matter", "{stdout}");
    assert_eq!(source["outlet"], "The Test Wire", "{stdout}");
}

#[test]
fn a_txt_rule_followed_by_prose_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rule.txt");
    let text = "---\nThe group will spend 4 billion euros.\n\nAnalysts agreed.\n---\nMore.\n";
    fs::write(&p, text).unwrap();
    let s = load_one(&opts(std::slice::from_ref(&p)));
    assert_eq!(s.body.start, 0);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.headline, None);
    assert_eq!(
        s.segments().lead.map(|l| l.slice(&s.text)),
        Some("The group will spend 4 billion euros.\n")
    );

    // Left open: text, with a warning.
    let p = dir.path().join("open.txt");
    fs::write(&p, "---\ntitle: x\ndate: 2025-01-01\n\nBody.\n").unwrap();
    let s = load_one(&opts(std::slice::from_ref(&p)));
    assert_eq!(s.body.start, 0);
    assert_ne!(s.date_origin, DateOrigin::FrontMatter);
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert!(
        s.warnings[0].contains("no closing line"),
        "{:?}",
        s.warnings
    );
}

#[test]
fn a_malformed_txt_header_is_an_error_like_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.txt");
    fs::write(&p, "---\ntitle: x\ndate: 2025-02-31\n---\nBody.\n").unwrap();
    let (sources, errors) = load(&opts(std::slice::from_ref(&p)));
    assert!(sources.is_empty());
    assert!(
        errors[0]
            .to_string()
            .contains("bad.txt:3:7: invalid date \"2025-02-31\""),
        "{}",
        errors[0]
    );
    let input = b"---\ntitle: Acme: the story\n---\nBody.\n";
    let (sources, errors) = load_sources_with_stdin(&opts(&[PathBuf::from("-")]), &mut &input[..]);
    assert!(sources.is_empty());
    assert!(errors[0].to_string().starts_with("-:2:"), "{}", errors[0]);
}

#[test]
fn headlines_from_each_origin() {
    let dir = tempfile::tempdir().unwrap();
    // (file, text, headline, its words in the body, lead)
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);
    let cases: &[Case] = &[
        (
            "a.md",
            "---\ntitle: From YAML\n---\n# Body heading\n\nText.\n",
            Some("From YAML"),
            Some("Body heading"),
            "Text.",
        ),
        (
            "b.md",
            "+++\nheadline = \"From TOML\"\n+++\nText.\n",
            Some("From TOML"),
            None,
            "Text.",
        ),
        (
            "c.md",
            "# A  Markdown heading #\n\nThe lead.\n",
            Some("A Markdown heading"),
            Some("A  Markdown heading"),
            "The lead.",
        ),
        (
            "d.md",
            "A first line\n\nThe lead.\n",
            None,
            None,
            "The lead.",
        ),
        (
            "e.txt",
            "A first line\n\nBy A. Writer\n\nThe lead.\nStill the lead.\n",
            Some("A first line"),
            Some("A first line"),
            "The lead.\nStill the lead.",
        ),
        (
            "f.txt",
            "A sentence.\n\nThe lead.\n",
            None,
            None,
            "A sentence.",
        ),
        (
            "g.html",
            "<title>T</title><h1>From h1</h1><p>The lead.</p>",
            Some("From h1"),
            Some("From h1"),
            "The lead.",
        ),
        (
            "h.html",
            "<title>From title</title><p>The lead.</p>",
            Some("From title"),
            None,
            "The lead.",
        ),
    ];
    for (name, text, headline, words, lead) in cases {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        let s = load_one(&opts(std::slice::from_ref(&p)));
        assert_eq!(s.headline.as_deref(), *headline, "{name}");
        assert_eq!(s.headline_span.map(|h| h.slice(&s.text)), *words, "{name}");
        let segs = s.segments();
        assert_eq!(segs.headline, s.headline_span, "{name}");
        let got = segs.lead.map(|l| l.slice(&s.text).trim_end());
        assert_eq!(got, Some(*lead), "{name}");
    }
}

#[test]
fn load_sources_reads_files_without_stdin() {
    let (sources, errors) = load_sources(&opts(&[fixture("undated.txt")]));
    assert!(errors.is_empty());
    assert_eq!(sources.len(), 1);
}

#[test]
fn no_panic_on_arbitrary_bytes() {
    // A small deterministic generator: no dependency, same bytes on every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 10] = [
        b"---\n",
        b"+++\n",
        b"date: ",
        b"2025-02-31",
        b"Publi\xc3\xa9 le ",
        b"6/03/2025",
        b"\xff",
        b"\n",
        b"f\xc3\xa9vrier 2025 ",
        b"(AFP) ",
    ];
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 40) {
            let r = next();
            if r % 3 == 0 {
                bytes.push((r >> 8) as u8);
            } else {
                bytes.extend_from_slice(pieces[(r as usize >> 8) % pieces.len()]);
            }
        }
        let ext = if i % 2 == 0 { "md" } else { "txt" };
        let p = dir.path().join(format!("f{i}.{ext}"));
        fs::write(&p, &bytes).unwrap();
        for lossy in [false, true] {
            let mut o = opts(std::slice::from_ref(&p));
            o.lossy = lossy;
            let (sources, errors) = load(&o);
            assert_eq!(sources.len() + errors.len().min(1), 1, "{bytes:?}");
        }
    }
}
