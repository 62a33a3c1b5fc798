//! The sample CI files shipped for users: `examples/ci/figcheck.yml` (a GitHub Actions
//! workflow) and `.pre-commit-hooks.yaml` (the pre-commit hook definition). Each is
//! parsed and its shape checked, then its figcheck command lines are run with the built
//! binary on `examples/broken/digit-drop`, so that a renamed flag or a changed exit code
//! breaks this test and not the users' CI.

// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml_ng::Value;

const WORKFLOW: &str = "examples/ci/figcheck.yml";
const HOOKS: &str = ".pre-commit-hooks.yaml";
const DIGIT_DROP: &str = "examples/broken/digit-drop";
const REFERENCE: &str = "2025-02-24-fr-reference.md";
const BROKEN: &str = "2025-02-26-fr-digit.md";
/// The workflow's expression for the base branch, and what the tests put in its place.
const BASE_REF: &str = "${{ github.base_ref }}";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Value {
    let text = fs::read_to_string(root().join(path)).unwrap();
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn steps(workflow: &Value) -> Vec<Value> {
    let jobs = workflow["jobs"].as_mapping().unwrap();
    assert_eq!(jobs.len(), 1, "one job");
    let (_, job) = jobs.iter().next().unwrap();
    job["steps"].as_sequence().unwrap().clone()
}

/// The `run:` commands of the workflow that call figcheck check.
fn figcheck_runs(workflow: &Value) -> Vec<String> {
    steps(workflow)
        .iter()
        .filter_map(|s| s["run"].as_str())
        .map(str::trim)
        .filter(|r| r.starts_with("figcheck check "))
        .map(String::from)
        .collect()
}

/// A one-line shell command as figcheck arguments (after `figcheck`) and the file its
/// standard output is redirected to, if any. `base` replaces the base branch expression.
fn parse_command(line: &str, base: &str) -> (Vec<String>, Option<String>) {
    assert!(!line.contains('\n'), "one command per run step: {line}");
    let line = line.replace(BASE_REF, base);
    let (command, redirect) = match line.split_once('>') {
        Some((c, f)) => (c.to_string(), Some(f.trim().to_string())),
        None => (line.clone(), None),
    };
    let mut words: Vec<String> = command.split_whitespace().map(String::from).collect();
    assert_eq!(
        words.first().map(String::as_str),
        Some("figcheck"),
        "{line}"
    );
    words.remove(0);
    (words, redirect)
}

/// The arguments with `articles/` replaced by `articles` and `--changed-since <REV>`
/// dropped (its revision exists only in a git repository with that history).
fn for_crate_root(args: &[String], articles: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--changed-since" {
            it.next();
        } else if a == "articles/" {
            out.push(articles.to_string());
        } else {
            out.push(a.clone());
        }
    }
    out
}

fn figcheck(args: &[String], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        // No updated rate table from the real data folder (see `figcheck rates update`).
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(dir)
        .output()
        .expect("run figcheck")
}

fn describe(args: &[String], out: &Output) -> String {
    format!(
        "figcheck {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The github step: exit 1 and an annotation on the broken article.
fn assert_github(args: &[String], out: &Output, broken: &str) {
    let msg = describe(args, out);
    assert_eq!(out.status.code(), Some(1), "{msg}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&format!("::error file={broken},"))),
        "{msg}"
    );
}

/// The SARIF step: exit 0 and a SARIF 2.1.0 document with a result.
fn assert_sarif(args: &[String], out: &Output) {
    let msg = describe(args, out);
    assert_eq!(out.status.code(), Some(0), "{msg}");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect(&msg);
    assert_eq!(sarif["version"], "2.1.0", "{msg}");
    let results = sarif["runs"][0]["results"].as_array().expect(&msg);
    assert!(!results.is_empty(), "{msg}");
}

#[test]
fn workflow_has_the_documented_shape() {
    let wf = load(WORKFLOW);
    // `on` is a plain string key in YAML 1.2 (not the boolean true).
    let on = wf["on"].as_mapping().expect("an `on:` mapping");
    let triggers: Vec<&str> = on.keys().filter_map(Value::as_str).collect();
    assert_eq!(triggers, ["pull_request"]);
    assert_eq!(wf["permissions"]["security-events"], "write");

    let steps = steps(&wf);
    let checkout = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .expect("a checkout step");
    assert_eq!(checkout["with"]["fetch-depth"], 0);

    let install = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("cargo install"))
        .expect("an install step");
    assert!(install.contains("--git <REPO_URL> figcheck"), "{install}");

    let runs = figcheck_runs(&wf);
    assert_eq!(runs.len(), 2, "{runs:?}");
    for run in &runs {
        assert!(
            run.starts_with(
                "figcheck check articles/ --changed-since origin/${{ github.base_ref }} "
            ),
            "{run}"
        );
    }
    assert!(runs[0].ends_with("--format github"), "{}", runs[0]);
    assert!(
        runs[1].ends_with("--format sarif --fail-on never > figcheck.sarif"),
        "{}",
        runs[1]
    );

    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(upload["with"]["sarif_file"], "figcheck.sarif");
}

#[test]
fn workflow_commands_run_from_the_crate_root() {
    let runs = figcheck_runs(&load(WORKFLOW));
    let broken = format!("{DIGIT_DROP}/{BROKEN}");

    let (args, redirect) = parse_command(&runs[0], "main");
    assert_eq!(redirect, None);
    let args = for_crate_root(&args, DIGIT_DROP);
    assert_github(&args, &figcheck(&args, root()), &broken);

    let (args, redirect) = parse_command(&runs[1], "main");
    assert_eq!(redirect.as_deref(), Some("figcheck.sarif"));
    let args = for_crate_root(&args, DIGIT_DROP);
    assert_sarif(&args, &figcheck(&args, root()));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A git repository shaped like a newsroom's pull request checkout: `origin/main` holds
/// the reference article, the pull request adds the article with the dropped digit.
fn pull_request_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let articles: PathBuf = d.join("articles");
    fs::create_dir(&articles).unwrap();
    let example = root().join(DIGIT_DROP);
    git(d, &["init", "-q"]);
    git(d, &["config", "user.email", "ci@example.org"]);
    git(d, &["config", "user.name", "ci"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    fs::copy(example.join(REFERENCE), articles.join(REFERENCE)).unwrap();
    // The newsroom's ledger: the examples' facts, brought in by its figcheck.toml.
    let facts = d.join("facts");
    fs::create_dir(&facts).unwrap();
    for f in fs::read_dir(root().join("examples/facts")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, facts.join(f.file_name().unwrap())).unwrap();
    }
    fs::write(d.join("figcheck.toml"), "rules = [\"facts\"]\n").unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    git(d, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    fs::copy(example.join(BROKEN), articles.join(BROKEN)).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "pull request"]);
    dir
}

#[test]
fn workflow_commands_run_verbatim_in_a_pull_request_checkout() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git not found: the --changed-since form of the workflow is not run");
        return;
    }
    let repo = pull_request_repo();
    let runs = figcheck_runs(&load(WORKFLOW));

    // Only `${{ github.base_ref }}` is replaced (by the base branch, `main`).
    let (args, _) = parse_command(&runs[0], "main");
    assert_github(
        &args,
        &figcheck(&args, repo.path()),
        &format!("articles/{BROKEN}"),
    );

    let (args, _) = parse_command(&runs[1], "main");
    assert_sarif(&args, &figcheck(&args, repo.path()));
}

#[test]
fn pre_commit_hook_has_the_documented_shape_and_runs() {
    let hooks = load(HOOKS);
    let hooks = hooks.as_sequence().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook["id"], "figcheck");
    assert!(hook["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(hook["entry"], "figcheck check");
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], true);

    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for name in ["a.md", "a.markdown", "a.txt", "a.html", "a.htm"] {
        assert!(files.is_match(name), "{name}");
    }
    for name in ["a.rs", "a.toml", "a.md.bak"] {
        assert!(!files.is_match(name), "{name}");
    }

    // pre-commit runs `entry` followed by the staged files that match `files`.
    let (mut args, redirect) = parse_command(hook["entry"].as_str().unwrap(), "");
    assert_eq!(redirect, None);
    for name in [REFERENCE, BROKEN] {
        let file = format!("{DIGIT_DROP}/{name}");
        assert!(files.is_match(&file), "{file}");
        args.push(file);
    }
    let out = figcheck(&args, root());
    assert_eq!(out.status.code(), Some(1), "{}", describe(&args, &out));
}
