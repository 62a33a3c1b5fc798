//! `figcheck rates update`, run as a user would, against a tiny HTTP server on
//! 127.0.0.1 started by each test (it answers a fixed number of requests, then stops).
//! The zips it serves are built here from a small ECB-format history written for the
//! project, with rows in November 2026 (after the built-in table's end, 2026-10-30).
//! Nothing reaches outside 127.0.0.1; the data folder is a temporary one
//! (`FIGCHECK_DATA_DIR`), so no real user folder is read or written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::io::{Cursor, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

// ---- the fixture history ----

/// Business days of November 2026 from the 2nd to the 27th (20 rows).
fn november_days() -> Vec<String> {
    (2..=27)
        .filter(|d| {
            // 2026-11-02 is a Monday: days 7, 8, 14, 15, 21, 22 are weekends.
            ![7, 8, 14, 15, 21, 22].contains(d)
        })
        .map(|d| format!("2026-11-{d:02}"))
        .collect()
}

/// The EUR/USD rate of the fixture on day `i` (0-based): 1.1200, 1.1205, ...
fn usd(i: usize) -> String {
    format!("1.{:04}", 1200 + 5 * i)
}

/// An ECB history in the ECB's own form: newest row first, a trailing comma on every
/// line. `bad` replaces the USD cell of the row of that date.
fn history(days: &[String], bad: Option<(&str, &str)>) -> String {
    let mut s = String::from("Date,USD,JPY,CNY,\n");
    for (i, day) in days.iter().enumerate().rev() {
        let usd = match bad {
            Some((d, v)) if d == day => v.to_string(),
            _ => usd(i),
        };
        s.push_str(&format!("{day},{usd},17{i}.50,8.{:04},\n", 1000 + i));
    }
    s
}

/// A zip holding `text` as eurofxref-hist.csv, stored (not compressed) so that a test can
/// find and damage its bytes.
fn zip_of(text: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("eurofxref-hist.csv", options).unwrap();
    w.write_all(text.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

fn good_zip() -> Vec<u8> {
    zip_of(&history(&november_days(), None))
}

// ---- the server ----

/// One canned HTTP answer.
struct Reply {
    status: &'static str,
    body: Vec<u8>,
}

fn ok(body: Vec<u8>) -> Reply {
    Reply {
        status: "200 OK",
        body,
    }
}

/// Serve `replies` in order, one per connection, on 127.0.0.1, then stop (or stop after
/// 30 s if fewer requests come). Returns the URL of eurofxref-hist.zip on it and the
/// thread, which yields the request lines it saw.
fn serve(replies: Vec<Reply>) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        for reply in replies {
            let mut stream = loop {
                match listener.accept() {
                    Ok((s, _)) => break s,
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(_) => return seen,
                }
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            seen.push(head.lines().next().unwrap_or("").to_string());
            let header = format!(
                "HTTP/1.1 {}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.status,
                reply.body.len()
            );
            let _ = stream.write_all(header.as_bytes());
            let _ = stream.write_all(&reply.body);
            let _ = stream.flush();
        }
        seen
    });
    (
        format!("http://127.0.0.1:{port}/eurofxref-hist.zip"),
        handle,
    )
}

// ---- running figcheck ----

/// figcheck with a data folder of its own, today fixed, no proxy, in `cwd`.
fn figcheck(cwd: &Path, data: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_figcheck"));
    cmd.args(args)
        .current_dir(cwd)
        .env("FIGCHECK_TODAY", "2026-11-30")
        // The platform folder would be under these: keep it in the test's folder.
        .env("HOME", cwd)
        .env("XDG_DATA_HOME", cwd.join("xdg"));
    for v in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        cmd.env_remove(v);
    }
    match data {
        Some(d) => cmd.env("FIGCHECK_DATA_DIR", d),
        None => cmd.env_remove("FIGCHECK_DATA_DIR"),
    };
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

struct Env {
    _tmp: tempfile::TempDir,
    cwd: PathBuf,
    data: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let cwd = tmp.path().join("work");
        std::fs::create_dir(&cwd).unwrap();
        // A .git marker stops figcheck.toml discovery at the test's folder.
        std::fs::create_dir(cwd.join(".git")).unwrap();
        let data = tmp.path().join("data");
        Env {
            _tmp: tmp,
            cwd,
            data,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        figcheck(&self.cwd, Some(&self.data), args)
    }

    fn table(&self) -> PathBuf {
        self.data.join("ecb.csv")
    }

    /// `rates update` from a server answering `reply` once.
    fn update_from(&self, reply: Reply, extra: &[&str]) -> Output {
        let (url, server) = serve(vec![reply]);
        let mut args = vec!["rates", "update", "--url", url.as_str()];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let seen = server.join().unwrap();
        assert_eq!(seen, vec!["GET /eurofxref-hist.zip HTTP/1.1"]);
        out
    }
}

fn convert_usd_on_2026_11_20(env: &Env) -> Output {
    env.run(&[
        "convert",
        "100",
        "USD",
        "--to",
        "EUR",
        "--date",
        "2026-11-20",
    ])
}

// ---- the tests ----

#[test]
fn update_installs_the_history_and_convert_uses_it_without_a_rebuild() {
    let env = Env::new();
    // Before: the built-in table ends on 2026-10-30, and the error says what to run.
    let before = convert_usd_on_2026_11_20(&env);
    assert_eq!(before.status.code(), Some(2), "{}", stderr(&before));
    assert_eq!(
        stderr(&before),
        "error: no rate for USD on 2026-11-20: the table \"ecb\" ends on 2026-10-30, more than \
         the maximum gap of 7 days earlier: run `figcheck rates update` to download newer ECB rates\n"
    );

    // A check of an article of that date: a rate-unavailable finding with the same hint.
    std::fs::write(
        env.cwd.join("a.md"),
        "---\ndate: 2026-11-20\nlang: fr\n---\nLe groupe investira 380 milliards de yuans \
         (50 milliards d'euros) dans le cloud.\n",
    )
    .unwrap();
    let check = env.run(&["check", "a.md", "--format", "json"]);
    let findings = stdout(&check);
    assert!(
        findings.contains("\"rate-unavailable\"")
            && findings.contains(
                "ends on 2026-10-30, more than the maximum gap of 7 days earlier: run \
                 `figcheck rates update` to download newer ECB rates"
            ),
        "{findings}"
    );

    let zip = good_zip();
    let size = zip.len();
    let out = env.update_from(ok(zip), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let url_line = stdout(&out).lines().next().unwrap().to_string();
    assert!(
        url_line.starts_with(&format!("downloaded {size} bytes from http://127.0.0.1:")),
        "{url_line}"
    );
    let table = env.table();
    assert_eq!(
        stdout(&out),
        format!(
            "{url_line}\n\
             updated rates: 20 rows, 2026-11-02..2026-11-27, 3 currencies, into {}\n\
             20 new rows compared with the built-in table (7126 rows, 1999-01-04..2026-10-30)\n",
            table.display()
        )
    );
    assert_eq!(stderr(&out), "");
    // Installed in the bundled form: oldest row first, no trailing comma.
    let installed = std::fs::read_to_string(&table).unwrap();
    assert!(installed.starts_with("Date,USD,JPY,CNY\n2026-11-02,1.1200,170.50,8.1000\n"));
    assert_eq!(installed.lines().count(), 21);
    // Nothing else is left in the folder.
    assert_eq!(std::fs::read_dir(&env.data).unwrap().count(), 1);

    // After: the same command works, with the downloaded row (day 14 of the fixture:
    // 2026-11-20, EUR/USD 1.1270), and no rebuild.
    let after = convert_usd_on_2026_11_20(&env);
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
    assert_eq!(
        stdout(&after),
        "100 USD on 2026-11-20\n  = 88.73 EUR  at 0.887311 EUR per USD, table \"ecb\", row of 2026-11-20\n"
    );
    // The check converts with the downloaded row now (2026-11-20: CNY 8.1014 per EUR,
    // so 380 bn CNY is about 46.9 bn EUR and the "50 milliards d'euros" is off).
    let check = env.run(&["check", "a.md", "--format", "json"]);
    let findings = stdout(&check);
    assert!(!findings.contains("rate-unavailable"), "{findings}");
    assert!(
        findings.contains("at the rate of 2026-11-20 (0.123435 EUR per CNY)"),
        "{findings}"
    );
    // Dates before the installed table still use the built-in one.
    let old = env.run(&[
        "convert",
        "100",
        "USD",
        "--to",
        "EUR",
        "--date",
        "2025-02-24",
    ]);
    assert_eq!(old.status.code(), Some(0), "{}", stderr(&old));
    assert!(
        stdout(&old).contains("row of 2025-02-24"),
        "{}",
        stdout(&old)
    );

    // rates info lists the installed table first, with its path and dates.
    let info = env.run(&["rates", "info"]);
    assert_eq!(info.status.code(), Some(0), "{}", stderr(&info));
    let text = stdout(&info);
    assert!(
        text.starts_with(&format!(
            "2 rate tables, highest priority first; maximum gap 7 days\n\
             [1] ecb  {} (installed by `figcheck rates update`)\n    \
             20 rows from 2026-11-02 to 2026-11-27\n    3 currencies: CNY JPY USD\n\
             [0] ecb  built in (from rates/ecb.csv)\n",
            table.display()
        )),
        "{text}"
    );
    assert!(
        text.ends_with("newest row: 2026-11-27 (3 days ago)\n"),
        "{text}"
    );
    assert_eq!(stderr(&info), "");

    // --no-default-rates drops both the built-in and the installed table.
    let none = env.run(&["rates", "info", "--no-default-rates"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("no rate table loaded"),
        "{}",
        stderr(&none)
    );

    // A second update of the same history: nothing new, the same file.
    let again = env.update_from(ok(good_zip()), &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stdout(&again).ends_with(
            "0 new rows compared with the table installed before (20 rows, 2026-11-02..2026-11-27)\n"
        ),
        "{}",
        stdout(&again)
    );
    assert_eq!(std::fs::read_to_string(&table).unwrap(), installed);
}

/// Each bad download: exit 2, a message that says what was wrong, and the installed
/// table byte for byte as it was.
#[test]
fn a_bad_download_leaves_the_installed_table_untouched() {
    let env = Env::new();
    let first = env.update_from(ok(good_zip()), &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let table = env.table();
    let before = std::fs::read(&table).unwrap();

    // A damaged byte inside the stored CSV: the checksum no longer matches.
    let mut corrupt = good_zip();
    let at = corrupt
        .windows(10)
        .position(|w| w == b"2026-11-20")
        .unwrap();
    corrupt[at + 3] = b'7';
    // A zip cut in half (no central directory).
    let whole = good_zip();
    let truncated = whole[..whole.len() / 2].to_vec();
    // A well-formed zip whose CSV has a bad rate on its 5th line (newest first:
    // 2026-11-27, 26, 25, 24 are lines 2 to 5).
    let days = november_days();
    let bad_row = zip_of(&history(&days, Some(("2026-11-24", "1.12x"))));
    // A shorter history than the one installed (a truncated but valid download).
    let shorter = zip_of(&history(&days[..5], None));

    let cases: Vec<(&str, Reply, String)> = vec![
        (
            "corrupt zip",
            ok(corrupt),
            "/eurofxref-hist.zip: cannot unpack eurofxref-hist.csv: ".to_string(),
        ),
        (
            "not a zip at all",
            ok(b"PK\x03\x04 this is not really an archive".to_vec()),
            "/eurofxref-hist.zip is not a valid zip archive: ".to_string(),
        ),
        (
            "truncated zip",
            ok(truncated),
            "/eurofxref-hist.zip is not a valid zip archive: ".to_string(),
        ),
        (
            "bad row",
            ok(bad_row),
            "/eurofxref-hist.zip: eurofxref-hist.csv:5:12: USD: \"1.12x\" is not a rate".to_string(),
        ),
        (
            "HTTP 404",
            Reply {
                status: "404 Not Found",
                body: b"no such file".to_vec(),
            },
            "/eurofxref-hist.zip: HTTP 404 Not Found\n".to_string(),
        ),
        (
            "empty body",
            ok(Vec::new()),
            "/eurofxref-hist.zip: HTTP 200 with an empty body\n".to_string(),
        ),
        (
            "an HTML page",
            ok(b"<!DOCTYPE html><html><body>Moved</body></html>".to_vec()),
            "/eurofxref-hist.zip is neither a zip archive nor an ECB CSV: it starts with \"<!DOCTYPE html>".to_string(),
        ),
        (
            "shorter history",
            ok(shorter),
            format!(
                "/eurofxref-hist.zip has 5 rows up to 2026-11-06, the installed table {} has 20 \
                 rows up to 2026-11-27: a shorter or older history is not installed (--force \
                 installs it anyway)",
                table.display()
            ),
        ),
    ];
    for (what, reply, want) in cases {
        let out = env.update_from(reply, &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(err.starts_with("error: "), "{what}: {err}");
        if what == "HTTP 404" || what == "empty body" {
            assert!(
                err.starts_with("error: downloading http://127.0.0.1:"),
                "{what}: {err}"
            );
        } else {
            assert!(err.starts_with("error: http://127.0.0.1:"), "{what}: {err}");
        }
        assert!(err.contains(&want), "{what}: {err}\nwanted: {want}");
        assert!(
            err.ends_with(&format!(
                "\nnothing installed: {} is unchanged\n",
                table.display()
            )),
            "{what}: {err}"
        );
        assert_eq!(stdout(&out), "", "{what}");
        assert_eq!(std::fs::read(&table).unwrap(), before, "{what}");
        assert_eq!(
            std::fs::read_dir(&env.data).unwrap().count(),
            1,
            "{what}: a temporary file was left"
        );
    }

    // --force installs the shorter history all the same.
    let forced = env.update_from(
        ok(zip_of(&history(&november_days()[..5], None))),
        &["--force"],
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(stdout(&forced).contains("updated rates: 5 rows, 2026-11-02..2026-11-06"));
}

#[test]
fn a_server_that_is_not_there_is_an_error_too() {
    let env = Env::new();
    // Bind a port, then free it: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/eurofxref-hist.zip");
    let out = env.run(&["rates", "update", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("error: downloading {url}: ")),
        "{err}"
    );
    assert!(err.ends_with("\nnothing installed\n"), "{err}");
    assert!(!env.table().exists());
}

#[test]
fn stale_temporary_files_are_removed_by_the_next_update() {
    let env = Env::new();
    std::fs::create_dir_all(&env.data).unwrap();
    for name in [".ecb.csv.tmp-a1B2c3", ".ecb.csv.tmp-XyZ789", "notes.txt"] {
        std::fs::write(env.data.join(name), "left over").unwrap();
    }
    let out = env.update_from(ok(good_zip()), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for name in [".ecb.csv.tmp-XyZ789", ".ecb.csv.tmp-a1B2c3"] {
        let line = format!(
            "removed a temporary file left by an interrupted update: {}\n",
            env.data.join(name).display()
        );
        assert!(text.contains(&line), "{text}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&env.data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["ecb.csv", "notes.txt"]);
}

#[test]
fn a_broken_installed_table_is_an_error_naming_it_until_updated_again() {
    let env = Env::new();
    std::fs::create_dir_all(&env.data).unwrap();
    let table = env.table();
    std::fs::write(&table, "Date,USD\n2026-11-02,1.12\n2026-11-03,oops\n").unwrap();
    let out = convert_usd_on_2026_11_20(&env);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}:3:12: USD: \"oops\" is not a rate (expected a decimal such as 7.5875, or \
             N/A); this table was installed by `figcheck rates update`: run it again, or delete \
             the file to use the built-in rates\n",
            table.display()
        )
    );
    // An update replaces it, and says so.
    let up = env.update_from(ok(good_zip()), &[]);
    assert_eq!(up.status.code(), Some(0), "{}", stderr(&up));
    assert!(
        stdout(&up).contains(&format!(
            "replaced an unreadable table: {}:3:12: USD: \"oops\" is not a rate (expected a decimal \
             such as 7.5875, or N/A)\n",
            table.display()
        )),
        "{}",
        stdout(&up)
    );
    assert_eq!(convert_usd_on_2026_11_20(&env).status.code(), Some(0));
}

#[test]
fn figcheck_toml_names_the_data_folder_and_the_url() {
    let env = Env::new();
    let (url, server) = serve(vec![ok(good_zip())]);
    std::fs::write(
        env.cwd.join("figcheck.toml"),
        format!("data-dir = \"rates-data\"\nrates-url = \"{url}\"\n"),
    )
    .unwrap();
    // No FIGCHECK_DATA_DIR: the file's data-dir, relative to the file.
    let out = figcheck(&env.cwd, None, &["rates", "update"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.join().unwrap().len(), 1);
    assert!(
        stdout(&out).contains("into rates-data/ecb.csv\n"),
        "{}",
        stdout(&out)
    );
    assert!(env.cwd.join("rates-data/ecb.csv").is_file());
    let conv = figcheck(
        &env.cwd,
        None,
        &[
            "convert",
            "100",
            "USD",
            "--to",
            "EUR",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(conv.status.code(), Some(0), "{}", stderr(&conv));
    // check and extract read the same folder.
    std::fs::write(
        env.cwd.join("a.md"),
        "---\ndate: 2026-11-20\nlang: en\n---\nThe firm raised 100 million dollars.\n",
    )
    .unwrap();
    let ex = figcheck(&env.cwd, None, &["extract", "a.md", "--currency", "EUR"]);
    assert_eq!(ex.status.code(), Some(0), "{}", stderr(&ex));
    assert!(stdout(&ex).contains("2026-11-20"), "{}", stdout(&ex));
    assert!(!stdout(&ex).contains("not converted"), "{}", stdout(&ex));
    // FIGCHECK_DATA_DIR wins over the file: an empty folder there means no updated table.
    let other = env.cwd.join("elsewhere");
    let conv = figcheck(
        &env.cwd,
        Some(&other),
        &[
            "convert",
            "100",
            "USD",
            "--to",
            "EUR",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(conv.status.code(), Some(2));
}

#[test]
fn file_installs_a_downloaded_zip_or_csv() {
    let env = Env::new();
    let zip = env.cwd.join("eurofxref-hist.zip");
    std::fs::write(&zip, good_zip()).unwrap();
    let out = env.run(&["rates", "update", "--file", "eurofxref-hist.zip"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!(
        "read {} bytes from eurofxref-hist.zip\nupdated rates: 20 rows",
        good_zip().len()
    )));
    let before = std::fs::read(env.table()).unwrap();
    // A CSV on disk with a bad row: its own path, line and column.
    let days = november_days();
    std::fs::write(
        env.cwd.join("hist.csv"),
        history(&days, Some(("2026-11-27", "N/B"))),
    )
    .unwrap();
    let out = env.run(&["rates", "update", "--file", "hist.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: hist.csv:2:12: USD: \"N/B\" is not a rate"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(env.table()).unwrap(), before);
    // A good CSV with more rows than installed: installed.
    let more: Vec<String> = days
        .iter()
        .cloned()
        .chain(["2026-11-30".to_string()])
        .collect();
    std::fs::write(env.cwd.join("hist.csv"), history(&more, None)).unwrap();
    let out = env.run(&["rates", "update", "--file", "hist.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with(
        "1 new row compared with the table installed before (20 rows, 2026-11-02..2026-11-27)\n"
    ));
}

#[test]
fn rates_info_warns_when_the_newest_row_is_old() {
    let env = Env::new();
    let cmd_today = |today: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_figcheck"));
        cmd.args(["rates", "info", "--format", "json"])
            .current_dir(&env.cwd)
            .env("FIGCHECK_DATA_DIR", &env.data)
            .env("FIGCHECK_TODAY", today);
        cmd.output().unwrap()
    };
    let fresh = cmd_today("2026-11-06");
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(stderr(&fresh), "");
    let doc: serde_json::Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert_eq!(doc["newest_row"], "2026-10-30");
    assert_eq!(doc["newest_row_age_days"], 7);
    assert_eq!(doc["stale"], false);
    assert_eq!(doc["updated_table_installed"], false);
    let old = cmd_today("2026-11-30");
    assert_eq!(old.status.code(), Some(0));
    assert_eq!(
        stderr(&old),
        "warning: the newest rate row is from 2026-10-30, 31 days ago: run `figcheck rates \
         update` to download newer ECB rates\n"
    );
    let doc: serde_json::Value = serde_json::from_slice(&old.stdout).unwrap();
    assert_eq!(doc["stale"], true);
    let bad = cmd_today("30/11/2026");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        stderr(&bad),
        "error: FIGCHECK_TODAY=\"30/11/2026\" is not a date (expected YYYY-MM-DD)\n"
    );
}
