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
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().ok()?;
    // Read the pipes while the browser runs: a DOM larger than a pipe's buffer would
    // otherwise block it until the time limit.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().ok()? {
            return Some(Output {
                status,
                stdout: stdout.join().ok()?,
                stderr: stderr.join().ok()?,
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

/// 1 000 articles on one fact: the page stays readable. Identical figures share a chart
/// row ("×N"), the chart keeps at most 40 rows, long tables fold into `<details>`, the
/// findings come first and link to the fact card, and the wrong rows are highlighted.
#[test]
fn html_report_stays_bounded_at_a_thousand_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let day = 13 + i % 10;
        let text = if i == 500 {
            format!("---\ndate: 2024-06-{day}\nlang: fr\n---\nBrumelune, spécialiste des prévisions météo, a levé 12 millions d'euros (dépêche {i}).\n")
        } else {
            format!("---\ndate: 2024-06-{day}\nlang: fr\n---\nBrumelune, spécialiste des prévisions météo, a levé 120 millions d'euros (dépêche {i}).\n")
        };
        std::fs::write(tmp.path().join(format!("p{i}.md")), text).unwrap();
    }
    let facts = root.join("examples/facts");
    let out = Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(["check", ".", "--format", "html", "--no-config", "--rules"])
        .arg(&facts)
        .current_dir(tmp.path())
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8_lossy(&out.stdout);
    // one chart row for the 999 identical figures, one for the slip
    assert!(
        html.contains("“120 millions d&#39;euros” ×999"),
        "no grouped row"
    );
    for svg in html.split("<svg").skip(1) {
        let h: f64 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(h <= 14.0 + 41.0 * 26.0 + 40.0, "chart {h} px high");
    }
    assert!(html.contains("<details><summary>All 1000 figures</summary>"));
    // findings first, linking to their fact card; the wrong row highlighted
    let findings = html.find("id=\"findings\"").unwrap();
    let card = html.find("<section class=\"fact").unwrap();
    assert!(findings < card);
    assert!(html.contains("<a href=\"#fact-brumelune-series-b-2024\">"));
    assert!(html.contains("<tr class=\"error\"><td><code>p500.md:"));
    // natural order: p2 before p10
    let (p2, p10) = (
        html.find("<code>p2.md:").unwrap(),
        html.find("<code>p10.md:").unwrap(),
    );
    assert!(p2 < p10);

    let Some(browser) = browser() else {
        eprintln!("SKIPPED (browser part): no chromium found");
        return;
    };
    let page = tmp.path().join("report.html");
    std::fs::write(&page, html.as_bytes()).unwrap();
    let url = format!("file://{}", page.display());
    let profile = tmp.path().join("profile");
    let Some(d) = run_browser(&browser, &profile, &["--dump-dom".to_string()], &url) else {
        panic!("{} took more than 120 s to dump the DOM", browser.display());
    };
    let dom = String::from_utf8_lossy(&d.stdout);
    assert!(dom.contains("id=\"fact-brumelune-series-b-2024\""));
    assert_eq!(dom.matches("<svg").count(), 1);
    // the page's height, as printed pages: the folded table does not print
    let pdf = tmp.path().join("report.pdf");
    let arg = format!("--print-to-pdf={}", pdf.display());
    let Some(_) = run_browser(
        &browser,
        &profile,
        &[arg, "--no-pdf-header-footer".to_string()],
        &url,
    ) else {
        panic!("{} took more than 120 s to print", browser.display());
    };
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page\r").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page/").count()
        + text.matches("/Type /Page>").count();
    assert!((1..=12).contains(&pages), "{pages} printed pages");
}
