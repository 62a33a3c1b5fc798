//! `figcheck check --format html` opened in a headless Chromium: the page renders (a
//! screenshot is taken) and the DOM holds every fact. Without a browser the test says
//! "SKIPPED: no chromium found" and passes (CI installs one in `.ci/run`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)] // tests

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn browser() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome", "chrome"];
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Run the browser with a time limit; `None` when it had to be killed.
fn run_browser(browser: &Path, profile: &Path, extra: &[String], url: &str) -> Option<Output> {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1200,1600",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(url)
    .stdin(Stdio::null());
    // Output goes to files, not pipes: a DOM larger than a pipe's buffer (64 KiB) would
    // block the browser on its write while this loop waits for it to exit.
    let out_path = profile.with_extension("stdout");
    let err_path = profile.with_extension("stderr");
    cmd.stdout(std::fs::File::create(&out_path).ok()?)
        .stderr(std::fs::File::create(&err_path).ok()?);
    let mut child = cmd.spawn().ok()?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().ok()? {
            return Some(Output {
                status,
                stdout: std::fs::read(&out_path).unwrap_or_default(),
                stderr: std::fs::read(&err_path).unwrap_or_default(),
            });
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn html_report_renders_in_a_browser() {
    let Some(browser) = browser() else {
        eprintln!("SKIPPED: no chromium found");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(["check", "examples", "--format", "html"])
        .current_dir(root)
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings are expected");
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("report.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let url = format!("file://{}", page.display());
    let profile = tmp.path().join("profile");
    let shot = tmp.path().join("shot.png");

    let shot_arg = format!("--screenshot={}", shot.display());
    let Some(s) = run_browser(&browser, &profile, &[shot_arg], &url) else {
        panic!(
            "{} took more than 120 s to take a screenshot",
            browser.display()
        );
    };
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot ({size} bytes); browser stderr:\n{}",
        String::from_utf8_lossy(&s.stderr)
    );
    if let Some(keep) = std::env::var_os("FIGCHECK_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    let Some(d) = run_browser(&browser, &profile, &["--dump-dom".to_string()], &url) else {
        panic!("{} took more than 120 s to dump the DOM", browser.display());
    };
    let dom = String::from_utf8_lossy(&d.stdout);
    let json = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(["check", "examples", "--format", "json"])
        .current_dir(root)
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let facts = report["facts"].as_array().unwrap();
    assert!(!facts.is_empty());
    for f in facts {
        let id = f["id"].as_str().unwrap();
        assert!(
            dom.contains(&format!("id=\"fact-{id}\"")),
            "fact {id} missing from the rendered DOM"
        );
        let label = f["label"].as_str().unwrap();
        let shown = label
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(dom.contains(&shown), "label {label:?} missing from the DOM");
    }
    assert_eq!(
        dom.matches("<svg").count(),
        facts.len(),
        "one picture per fact"
    );
    assert!(dom.contains("<mark>"), "figures are highlighted");
}
