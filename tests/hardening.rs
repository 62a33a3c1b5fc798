//! Regression tests for the failures hostile testing found: long lines and long digit
//! runs (behaviour on moderately long inputs; the times are measured by hand), offsets
//! after a byte order mark, HTML columns after a reference without `;` or a lone CR,
//! impossible claim records, silent skips and exits, and JSON Lines that streams.
//!
//! Every test runs the real binary in a temporary folder, without a configuration file
//! or an installed rate table.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::walk_line_col;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn figcheck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .env("FIGCHECK_DATA_DIR", dir.join("no-data-dir"))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run figcheck")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        stdout(o),
        stderr(o)
    )
}

/// `extract --format jsonl` rows of `files` (relative to `dir`), language `lang`.
fn rows(dir: &Path, lang: &str, files: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "extract",
        "--no-config",
        "--lang",
        lang,
        "--format",
        "jsonl",
    ];
    args.extend_from_slice(files);
    let o = figcheck(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn num(v: &Value, key: &str) -> usize {
    let n = v[key].as_u64();
    assert!(n.is_some(), "{key} in {v}");
    usize::try_from(n.unwrap()).unwrap()
}

/// Every row's `text` is the file's bytes at `start..end`, and its line:column is where
/// those bytes start.
fn assert_rows_point_into(file: &str, rows: &[Value]) {
    for r in rows {
        let (start, end) = (num(r, "start"), num(r, "end"));
        assert_eq!(file.get(start..end), r["text"].as_str(), "{r}");
        let at = walk_line_col(file, start);
        assert_eq!((num(r, "line"), num(r, "column")), at, "{r}");
    }
}

// ---- 1. one long line ----------------------------------------------------------------

#[test]
fn every_figure_of_one_long_line_has_its_own_column() {
    let tmp = tempfile::tempdir().unwrap();
    // 3 000 sentences on one line (about 250 KB), with multi-byte characters before
    // each figure, so that byte offsets and columns differ more and more.
    let sentence =
        "Le groupe prévoit 380 milliards de yuans (50 milliards d'euros) — année pleine. ";
    let file = sentence.repeat(3000);
    std::fs::write(tmp.path().join("long.txt"), &file).unwrap();
    let rows = rows(tmp.path(), "fr", &["long.txt"]);
    assert_eq!(rows.len(), 6000);
    assert_rows_point_into(&file, &rows);
    let last = rows.last().unwrap();
    assert_eq!(num(last, "line"), 1);
    let chars_per_sentence = sentence.chars().count();
    let first_col = num(&rows[1], "column");
    assert_eq!(num(last, "column"), first_col + 2999 * chars_per_sentence);
}

// ---- 2. a long digit run ---------------------------------------------------------------

#[test]
fn a_long_digit_run_is_no_figure_and_the_text_after_it_is_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let grouped = vec!["777"; 3000].join(" ");
    let file = format!(
        "Un total de {} milliards de yuans.\nPuis {grouped} milliards de yuans.\n\
         Enfin 52 milliards de dollars.\n",
        "7".repeat(20_000)
    );
    std::fs::write(tmp.path().join("digits.txt"), &file).unwrap();
    let rows = rows(tmp.path(), "fr", &["digits.txt"]);
    // Neither run is read, nor any part of it; the figure after them is.
    let texts: Vec<&str> = rows.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, vec!["52 milliards de dollars"]);
    assert_rows_point_into(&file, &rows);
    assert_eq!((num(&rows[0], "line"), num(&rows[0], "column")), (3, 7));
}

#[test]
fn a_number_of_28_digits_is_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let file = format!("Soit {} euros.\n", "1".repeat(28));
    std::fs::write(tmp.path().join("a.txt"), &file).unwrap();
    let rows = rows(tmp.path(), "fr", &["a.txt"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["value"].as_str(), Some("1".repeat(28).as_str()));
}

// ---- 3. byte order mark ------------------------------------------------------------------

#[test]
fn offsets_after_a_byte_order_mark_are_the_file_s() {
    let tmp = tempfile::tempdir().unwrap();
    let txt = "\u{feff}Il a levé 52 milliards de dollars.\nPuis 8,4 milliards d'euros.\n";
    std::fs::write(tmp.path().join("bom.txt"), txt).unwrap();
    let md = "\u{feff}---\ndate: 2025-03-06\n---\nLe fonds a 50 milliards d'euros.\n";
    std::fs::write(tmp.path().join("bom.md"), md).unwrap();
    let txt_rows = rows(tmp.path(), "fr", &["bom.txt"]);
    assert_eq!(txt_rows.len(), 2);
    assert_rows_point_into(txt, &txt_rows);
    // The BOM is 3 bytes, and no column.
    assert_eq!(num(&txt_rows[0], "start"), 3 + "Il a levé ".len());
    assert_eq!(
        (num(&txt_rows[0], "line"), num(&txt_rows[0], "column")),
        (1, 11)
    );
    let md_rows = rows(tmp.path(), "fr", &["bom.md"]);
    assert_eq!(md_rows.len(), 1);
    assert_rows_point_into(md, &md_rows);
    // The front matter after the BOM is still front matter.
    assert_eq!(md_rows[0]["date"].as_str(), Some("2025-03-06"));
    assert_eq!(
        (num(&md_rows[0], "line"), num(&md_rows[0], "column")),
        (4, 12)
    );
}

// ---- 4. HTML line:column ---------------------------------------------------------------

#[test]
fn html_columns_after_a_reference_without_semicolon_and_a_lone_cr() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "nbsp.html",
            "<p>Prix&nbsp&nbspfixe\n50 milliards de dollars.</p>\n",
            (2, 1),
        ),
        (
            "cr.html",
            "<p>Prix fixe\r50 milliards de dollars.</p>\n",
            (2, 1),
        ),
        (
            "crlf.html",
            "<p>Prix fixe\r\n50 milliards de dollars.</p>\n",
            (2, 1),
        ),
        (
            "notin.html",
            "<p>&notit; 50 milliards de dollars.</p>\n",
            (1, 12),
        ),
        (
            "numeric.html",
            "<p>&#160x &amp 50 milliards de dollars.</p>\n",
            (1, 16),
        ),
        (
            "bom.html",
            "\u{feff}<p>A&nbsp;B\n50 milliards de dollars.</p>",
            (2, 1),
        ),
    ];
    for (name, html, _) in &cases {
        std::fs::write(tmp.path().join(name), html).unwrap();
    }
    for (name, html, at) in &cases {
        let rows = rows(tmp.path(), "fr", &[name]);
        assert_eq!(rows.len(), 1, "{name}: {rows:?}");
        let got = (num(&rows[0], "line"), num(&rows[0], "column"));
        assert_eq!(got, *at, "{name}");
        // The place is where the figure is in the file.
        let offset = html.find("50 milliards").unwrap();
        assert_eq!(walk_line_col(html, offset), *at, "{name}");
    }
}

// ---- 5. impossible claim records ---------------------------------------------------------

/// `check --claims FILE` with the examples' ledger.
fn check_claims(root: &str, file: &Path) -> Output {
    let file = file.to_string_lossy();
    figcheck(
        Path::new(root),
        &[
            "check",
            "--config",
            "examples/figcheck.toml",
            "--claims",
            &file,
        ],
    )
}

/// The first claim record (a JSON line) of an example folder's report.
fn first_claim_record(root: &str) -> String {
    let o = figcheck(
        Path::new(root),
        &["check", "examples/broken/digit-drop", "--format", "jsonl"],
    );
    let text = stdout(&o);
    text.lines().next().expect("a claim record").to_string()
}

#[test]
fn claim_records_whose_bounds_are_out_of_order_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let first = first_claim_record(root);
    let first = first.as_str();
    let mut rec: Value = serde_json::from_str(first).unwrap();
    let low = rec["mention"]["low"].clone();
    let high = rec["mention"]["high"].clone();
    assert!(low.is_string() && high.is_string(), "{rec}");
    // low above high
    rec["mention"]["low"] = Value::String("999000000000".into());
    rec["mention"]["high"] = Value::String("1".into());
    let bad = serde_json::to_string(&rec).unwrap();
    let p = tmp.path().join("bad.jsonl");
    std::fs::write(&p, format!("{first}\n{bad}\n")).unwrap();
    let o = check_claims(root, &p);
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = stderr(&o).replace(p.to_str().unwrap(), "bad.jsonl");
    assert!(
        err.contains("error: bad.jsonl:2: the figure \"")
            && err.contains("low 999000000000, value")
            && err.contains("(low <= value <= high)"),
        "{err}"
    );
    assert!(!stdout(&o).contains("CONSISTENT"), "{}", show(&o));
}

#[test]
fn claim_records_placed_past_the_offset_limit_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let first = first_claim_record(root);
    let first = first.as_str();
    let rec: Value = serde_json::from_str(first).unwrap();
    // The same record moved by `shift` bytes: the figure keeps its place in its context.
    let moved = |shift: u64| {
        let mut r = rec.clone();
        for (part, key) in [
            ("context", "start"),
            ("mention", "start"),
            ("mention", "end"),
        ] {
            let at = r[part][key].as_u64().unwrap();
            r[part][key] = Value::from(at + shift);
        }
        serde_json::to_string(&r).unwrap()
    };
    let run = |lines: &str| {
        let p = tmp.path().join("moved.jsonl");
        std::fs::write(&p, lines).unwrap();
        let o = check_claims(root, &p);
        let err = stderr(&o).replace(p.to_str().unwrap(), "moved.jsonl");
        (o, err)
    };
    // 256 MB is the limit: a record past it is refused, with its line.
    let (o, err) = run(&format!("{first}\n{}\n", moved(256 << 20)));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        err.contains("error: moved.jsonl:2: span ") && err.contains("beyond 268435456 bytes"),
        "{err}"
    );
    // 1 MB in is read: the source is rebuilt with line breaks before the context.
    let (o, err) = run(&format!("{}\n", moved(1 << 20)));
    assert_eq!(o.status.code(), Some(0), "{err}\n{}", show(&o));
}

// ---- 6. silent skips and exits -------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlinked_article_is_read_and_a_link_loop_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    let folder = tmp.path().join("articles");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(
        outside.join("real.txt"),
        "Il a levé 52 milliards de dollars.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("real.txt"), folder.join("linked.txt")).unwrap();
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "jsonl",
            "articles",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let rows: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{}", show(&o));
    assert_eq!(rows[0]["path"].as_str(), Some("articles/linked.txt"));

    // A link back to a folder above: walked once, and named as skipped.
    std::os::unix::fs::symlink(&folder, folder.join("sub").join("loop")).unwrap();
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "jsonl",
            "articles",
        ],
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", show(&o));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        stderr(&o).contains(
            "error: articles/sub/loop: skipped: a symbolic link that loops back to articles"
        ),
        "{}",
        show(&o)
    );

    // A link to nothing: named too.
    std::fs::remove_file(folder.join("sub").join("loop")).unwrap();
    std::os::unix::fs::symlink(outside.join("gone.txt"), folder.join("gone.txt")).unwrap();
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "jsonl",
            "articles",
        ],
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", show(&o));
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        stderr(&o).contains("error: articles/gone.txt: skipped: a broken symbolic link"),
        "{}",
        show(&o)
    );
}

#[test]
fn extract_with_a_currency_no_table_has_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "Il a levé 52 milliards de dollars.\n",
    )
    .unwrap();
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--currency",
            "XXX",
            "a.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        stderr(&o).contains("--currency XXX: no loaded rate table has XXX"),
        "{}",
        show(&o)
    );
    assert_eq!(stdout(&o), "");
}

#[test]
fn check_lossy_shows_the_invalid_utf8_warning() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.txt"),
        b"Il a lev\xe9 52 milliards de dollars.\n",
    )
    .unwrap();
    for cmd in ["check", "extract"] {
        let mut args = vec![cmd, "--no-config", "--lang", "fr", "--lossy", "bad.txt"];
        if cmd == "extract" {
            args.extend(["--format", "jsonl"]);
        }
        let o = figcheck(tmp.path(), &args);
        assert!(
            stderr(&o)
                .contains("warning: bad.txt: invalid UTF-8 at byte offset 8, decoded lossily"),
            "{cmd}: {}",
            show(&o)
        );
    }
}

#[test]
fn a_bad_include_glob_in_the_config_file_names_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("figcheck.toml"),
        "lang = \"fr\"\ninclude = [\"*.md\", \"a[\"]\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("a.txt"), "52 milliards de dollars.\n").unwrap();
    let o = figcheck(
        tmp.path(),
        &["extract", "--config", "figcheck.toml", "a.txt"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    assert!(
        stderr(&o).contains("error: figcheck.toml:2:20: include \"a[\": "),
        "{}",
        show(&o)
    );
}

#[test]
fn a_header_only_rate_table_says_it_has_no_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let rates = tmp.path().join("rates");
    std::fs::create_dir_all(&rates).unwrap();
    // An ECB-style table: currency columns, no row.
    std::fs::write(rates.join("empty.csv"), "Date,USD,JPY,\n").unwrap();
    let o = figcheck(
        tmp.path(),
        &[
            "convert",
            "100",
            "EUR",
            "--to",
            "USD",
            "--date",
            "2025-02-03",
            "--no-default-rates",
            "--rates",
            "rates",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = stderr(&o);
    assert!(
        err.contains("no rate for USD on 2025-02-03: the table \"empty\" has no rows"),
        "{}",
        show(&o)
    );
    assert!(!err.contains("starts on"), "{}", show(&o));
}

#[test]
fn rates_import_removes_a_temporary_file_left_by_a_killed_import() {
    let tmp = tempfile::tempdir().unwrap();
    let stale = tmp.path().join(".ecb.csv.tmp-AbC123");
    std::fs::write(&stale, "Date,USD\n2025-02-2").unwrap();
    let history: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rates/history-newer.csv");
    let o = figcheck(
        tmp.path(),
        &[
            "rates",
            "import",
            history.to_str().unwrap(),
            "--into",
            "ecb.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(!stale.exists(), "{}", show(&o));
    assert!(
        stdout(&o).contains("removed a temporary file left by an interrupted import: "),
        "{}",
        show(&o)
    );
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// ---- 7. JSON Lines streams -------------------------------------------------------------------

#[test]
fn jsonl_rows_come_in_path_order_and_match_the_json_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    for (i, name) in ["c.txt", "a.txt", "b/z.md", "b/a.txt", "d.txt"]
        .iter()
        .enumerate()
    {
        let body = format!(
            "Le groupe a levé {} milliards de dollars.\nPuis {},5 milliards d'euros.\n",
            10 + i,
            i
        );
        std::fs::write(dir.join(name), body).unwrap();
    }
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "jsonl",
            "corpus",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = lines.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        vec![
            "corpus/a.txt",
            "corpus/a.txt",
            "corpus/b/a.txt",
            "corpus/b/a.txt",
            "corpus/b/z.md",
            "corpus/b/z.md",
            "corpus/c.txt",
            "corpus/c.txt",
            "corpus/d.txt",
            "corpus/d.txt"
        ]
    );
    let o = figcheck(
        tmp.path(),
        &[
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "json",
            "corpus",
        ],
    );
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["mentions"].as_array().unwrap(), &lines);
}

/// The rows of a source are written while a later source is still being read: the
/// second input is a named pipe that is written to only after the first source's rows
/// have come out (a run that held its output back would wait forever, so a watchdog
/// unblocks it and the test fails).
#[cfg(unix)]
#[test]
fn jsonl_writes_a_source_s_rows_before_the_next_source_is_read() {
    use std::io::{BufRead, BufReader, Write};
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "Le groupe a levé 52 milliards de dollars.\n",
    )
    .unwrap();
    let fifo = tmp.path().join("z.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args([
            "extract",
            "--no-config",
            "--lang",
            "fr",
            "--format",
            "jsonl",
            "a.txt",
            "z.txt",
        ])
        .env("FIGCHECK_DATA_DIR", tmp.path().join("no-data-dir"))
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        tx.send(first).unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
        rest
    });
    // A watchdog, not a timing assertion: it only turns a hang into a failure.
    let first = rx.recv_timeout(std::time::Duration::from_secs(120));
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all("Puis 8 milliards d'euros.\n".as_bytes())
        .unwrap();
    drop(pipe);
    let rest = reader.join().unwrap();
    let status = child.wait().unwrap();
    let first = first.expect("the first source's row came out before the second was read");
    assert!(first.contains("\"path\":\"a.txt\""), "{first}");
    assert!(rest.contains("\"path\":\"z.txt\""), "{rest}");
    assert_eq!(status.code(), Some(0));
}

/// A long file whose language changes part-way is read with the language detected at
/// its start; the user is told where it turns, with the line, and that its figures
/// there are read with the other language's rules. Not for a file in one language, a
/// short one, or a language the user set.
#[test]
fn a_long_file_that_turns_to_another_language_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let fr =
        "Le groupe a annoncé un plan de 52 milliards de dollars pour ses centres de données.\n";
    let en = "The group announced a plan worth 33.7 billion yuan for its data centres.\n";
    std::fs::write(
        tmp.path().join("mixed.txt"),
        fr.repeat(250) + &en.repeat(250),
    )
    .unwrap();
    std::fs::write(tmp.path().join("french.txt"), fr.repeat(500)).unwrap();
    std::fs::write(tmp.path().join("short.txt"), fr.repeat(20) + &en.repeat(20)).unwrap();
    for args in [
        &["extract", "--no-config", "mixed.txt"][..],
        &["extract", "--no-config", "--format", "jsonl", "mixed.txt"],
        &["check", "--no-config", "mixed.txt"],
    ] {
        let o = figcheck(tmp.path(), args);
        let all = stdout(&o) + &stderr(&o);
        let said = all
            .lines()
            .find(|l| l.contains("the text reads as en around line "))
            .unwrap_or_else(|| panic!("{args:?}: {}", show(&o)));
        // the sample that found English starts in the English half (lines 251-500)
        let line: usize = said
            .split("around line ")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!((200..=500).contains(&line), "{said}");
        assert!(said.contains("read with the fr rules"), "{said}");
    }
    for args in [
        &["extract", "--no-config", "french.txt"][..],
        &["extract", "--no-config", "short.txt"],
        &["extract", "--no-config", "--lang", "fr", "mixed.txt"],
    ] {
        let o = figcheck(tmp.path(), args);
        let all = stdout(&o) + &stderr(&o);
        assert!(o.status.success(), "{args:?}: {}", show(&o));
        assert!(!all.contains("the text reads as"), "{args:?}: {}", show(&o));
    }
}
