//! Issue 13: accepting a known discrepancy. A `<!-- figcheck-ignore CHECK reason -->`
//! comment covers the next paragraph (Markdown, HTML, text) and never shows in a
//! snippet; a baseline (`--write-baseline`, `--baseline`) accepts what is there and
//! still fails on a new finding; `--severity CHECK=off` turns a check off.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const REFERENCE: &str = "---\ndate: 2024-06-12\nlang: fr\n---\nBrumelune a bouclé mercredi un tour de table de 120 millions d'euros mené par des fonds européens.\n";

/// A weekly column that quotes a wrong figure on purpose, then gets it right.
const QUOTE_MD: &str = "---\ndate: 2024-06-20\nlang: fr\n---\nRetour sur une semaine chargée pour les jeunes pousses de la météo.\n\n<!-- figcheck-ignore cross-source-mismatch the column quotes a dispatch that said 15 millions -->\nUne dépêche du matin affirmait que Brumelune avait levé 12 millions d'euros,\nchiffre corrigé dans l'après-midi.\n";

const QUOTE_HTML: &str = "<html lang=\"fr\"><head><meta property=\"article:published_time\" content=\"2024-06-20\"></head><body>\n<p>Retour sur une semaine chargée pour les jeunes pousses de la météo.</p>\n<!-- figcheck-ignore cross-source-mismatch a quoted error -->\n<p>Une dépêche du matin affirmait que Brumelune avait levé 12 millions d'euros,\nchiffre corrigé dans l'après-midi.</p>\n</body></html>\n";

/// A new article with the same slip and no comment.
const NEW_SLIP: &str = "---\ndate: 2024-06-21\nlang: fr\n---\nBrumelune, qui a levé 12 millions d'euros cette semaine, recrute des météorologues.\n";

fn figcheck(dir: &Path, args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let facts = root.join("examples/facts");
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .args(["--no-config", "--rules", facts.to_str().unwrap()])
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn corpus(quote_name: &str, quote: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a-reference.md"), REFERENCE).unwrap();
    fs::write(dir.path().join(quote_name), quote).unwrap();
    dir
}

#[test]
fn without_the_comment_the_quote_fails() {
    let uncommented: String = QUOTE_MD
        .lines()
        .filter(|l| !l.starts_with("<!--"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = corpus("b-quote.md", &uncommented);
    let out = figcheck(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("error [cross-source-mismatch] b-quote.md:7:"));
}

#[test]
fn a_comment_suppresses_the_next_paragraph_in_markdown_and_html() {
    for (name, quote) in [("b-quote.md", QUOTE_MD), ("b-quote.html", QUOTE_HTML)] {
        let dir = corpus(name, quote);
        let out = figcheck(dir.path(), &["check", "."]);
        let s = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {s}{}",
            text(&out.stderr)
        );
        assert!(s.contains("No findings."), "{name}: {s}");
        assert!(s.contains("1 suppressed by a comment"), "{name}: {s}");
        // the figure in the reason ("15 millions") is not read, the quoted one still is
        let json = text(&figcheck(dir.path(), &["check", ".", "--format", "json"]).stdout);
        assert!(!json.contains("15 millions"), "{name}: {json}");
        assert!(json.contains("\"text\": \"12 millions d'euros\""), "{name}");
        assert!(
            !json.contains("figcheck-ignore"),
            "{name}: a snippet shows the comment"
        );
        assert!(json.contains("\"suppressed\": 1"), "{name}");
    }
}

#[test]
fn a_comment_for_another_check_or_an_unknown_one_suppresses_nothing() {
    let other = QUOTE_MD.replace("cross-source-mismatch", "stale-conversion");
    let dir = corpus("b-quote.md", &other);
    assert_eq!(figcheck(dir.path(), &["check", "."]).status.code(), Some(1));
    let typo = QUOTE_MD.replace("cross-source-mismatch", "cross-source");
    let dir = corpus("b-quote.md", &typo);
    let out = figcheck(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("b-quote.md:7: figcheck-ignore names an unknown check \"cross-source\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_baseline_accepts_known_findings_and_a_new_one_still_fails() {
    let uncommented: String = QUOTE_MD
        .lines()
        .filter(|l| !l.starts_with("<!--"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = corpus("b-quote.md", &uncommented);
    let wrote = figcheck(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert_eq!(wrote.status.code(), Some(0), "{}", text(&wrote.stderr));
    let baseline = fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    // keyed by the SARIF fingerprint
    let sarif = text(&figcheck(dir.path(), &["check", ".", "--format", "sarif"]).stdout);
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let fp = v["runs"][0]["results"][0]["partialFingerprints"]["figcheckFinding/v1"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(baseline.contains(&fp), "{baseline}");
    assert!(
        baseline.contains("\"figure\": \"12 millions d'euros\""),
        "{baseline}"
    );

    let accepted = figcheck(dir.path(), &["check", ".", "--baseline", "baseline.json"]);
    assert_eq!(
        accepted.status.code(),
        Some(0),
        "{}",
        text(&accepted.stdout)
    );
    assert!(text(&accepted.stdout).contains("1 in the baseline"));

    fs::write(dir.path().join("c-new.md"), NEW_SLIP).unwrap();
    let new = figcheck(dir.path(), &["check", ".", "--baseline", "baseline.json"]);
    let s = text(&new.stdout);
    assert_eq!(new.status.code(), Some(1), "{s}");
    assert!(s.contains("c-new.md:5:"), "{s}");
    assert!(!s.contains("b-quote.md:7:"), "{s}");

    fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 1, \"findings\": [}",
    )
    .unwrap();
    let bad = figcheck(dir.path(), &["check", ".", "--baseline", "bad.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("--baseline bad.json:1:"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn severity_off_turns_a_check_off() {
    let uncommented: String = QUOTE_MD
        .lines()
        .filter(|l| !l.starts_with("<!--"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = corpus("b-quote.md", &uncommented);
    let out = figcheck(
        dir.path(),
        &["check", ".", "--severity", "cross-source-mismatch=off"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let bad = figcheck(
        dir.path(),
        &["check", ".", "--severity", "cross-source-mismatch=of"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("(expected one of: error, warning, info, off)"),
        "{}",
        text(&bad.stderr)
    );
}
