//! The binary in CI and newsroom use: figcheck.toml (discovery, precedence, errors),
//! `figcheck init`, HTML articles, `--changed-since` in a git repository, colour.

#![allow(clippy::unwrap_used)] // tests: a failure should panic

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_figcheck");

fn repo_file(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        // No updated rate table from the real data folder (see `figcheck rates update`).
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const TRAM: &str = "The new tram line will cost 2.5 billion EUR, the council said.\n";

/// A folder with an article dated by flag-free means (a manifest is not needed: the
/// tests pass --date or the config does not matter for dates).
fn article_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("a.txt"), TRAM).unwrap();
    dir
}

#[test]
fn config_is_found_upward_and_flags_win() {
    let dir = article_dir();
    fs::write(dir.path().join("figcheck.toml"), "format = \"json\"\n").unwrap();
    let sub = dir.path().join("desk");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("b.txt"), TRAM).unwrap();

    let from_file = run_in(&sub, &["check", "b.txt", "--date", "2025-02-01"]);
    assert_eq!(
        from_file.status.code(),
        Some(0),
        "{}",
        text(&from_file.stderr)
    );
    assert!(text(&from_file.stdout).trim_start().starts_with('{'));

    let flag = run_in(
        &sub,
        &[
            "check",
            "b.txt",
            "--date",
            "2025-02-01",
            "--format",
            "human",
        ],
    );
    assert!(text(&flag.stdout).contains("1 source, 1 figure"));

    let ignored = run_in(
        &sub,
        &["check", "b.txt", "--date", "2025-02-01", "--no-config"],
    );
    assert!(text(&ignored.stdout).contains("1 source, 1 figure"));
}

#[test]
fn discovery_stops_at_the_repository_top() {
    let outer = tempfile::tempdir().unwrap();
    fs::write(outer.path().join("figcheck.toml"), "nonsense = 1\n").unwrap();
    let repo = outer.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::write(repo.join("a.txt"), TRAM).unwrap();
    let out = run_in(&repo, &["check", "a.txt", "--date", "2025-02-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn unknown_key_is_an_error_with_line_and_column() {
    let dir = article_dir();
    fs::write(
        dir.path().join("figcheck.toml"),
        "# settings\nmax-gap = 3\nfoo = 1\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: figcheck.toml:3:1: unknown key `foo`"),
        "{err}"
    );
}

#[test]
fn bad_value_and_explicit_config() {
    let dir = article_dir();
    fs::write(dir.path().join("other.toml"), "fail-on = \"sometimes\"\n").unwrap();
    let out = run_in(dir.path(), &["check", "a.txt", "--config", "other.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("other.toml:1:11: fail-on = \"sometimes\""),
        "{err}"
    );

    fs::write(
        dir.path().join("other.toml"),
        "[severity]\nno-such-check = \"error\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "a.txt", "--config", "other.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("other.toml:2:1: unknown check"));
}

#[test]
fn include_and_exclude_globs_filter_the_walk() {
    let dir = article_dir();
    let arts = dir.path().join("articles");
    fs::create_dir_all(arts.join("drafts")).unwrap();
    fs::write(arts.join("one.txt"), TRAM).unwrap();
    fs::write(arts.join("drafts/two.txt"), TRAM).unwrap();
    fs::write(arts.join("three.md"), TRAM).unwrap();
    fs::write(
        dir.path().join("figcheck.toml"),
        "include = [\"**/*.txt\"]\nexclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["extract", "articles", "--format", "jsonl"]);
    let s = text(&out.stdout);
    assert!(s.contains("articles/one.txt"), "{s}");
    assert!(!s.contains("two.txt") && !s.contains("three.md"), "{s}");
    // a flag replaces the file's list
    let out = run_in(
        dir.path(),
        &[
            "extract",
            "articles",
            "--format",
            "jsonl",
            "--include",
            "*.md",
        ],
    );
    let s = text(&out.stdout);
    assert!(s.contains("three.md") && !s.contains("one.txt"), "{s}");
}

#[test]
fn init_writes_a_pack_that_passes_and_a_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir
        .path()
        .join("figcheck-rules/newsroom/pack.toml")
        .is_file());

    let test = run_in(dir.path(), &["rules", "test", "--rules", "figcheck-rules"]);
    assert_eq!(test.status.code(), Some(0), "{}", text(&test.stdout));

    // the config loads and brings the pack: the sample fact ties the figure
    fs::write(dir.path().join("a.txt"), TRAM).unwrap();
    let check = run_in(dir.path(), &["check", "a.txt", "--date", "2025-02-01"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout).contains("CONSISTENT    newsroom-tram-line-budget (1 fact, 1 figure)")
    );

    let again = run_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("already exist"));
    let forced = run_in(dir.path(), &["init", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn html_figures_point_into_the_file() {
    let fixture = repo_file("tests/fixtures/html/article.html");
    let out = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "extract",
            "--no-config",
            "--format",
            "jsonl",
            fixture.to_str().unwrap(),
        ],
    );
    let s = text(&out.stdout);
    let html = fs::read_to_string(&fixture).unwrap();
    let (line_no, line) = html
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("RMB 380 billion"))
        .unwrap();
    let col = line.find("RMB 380").unwrap() + 1;
    assert!(s.contains("\"text\":\"RMB 380 billion\""), "{s}");
    assert!(
        s.contains(&format!("\"line\":{},\"column\":{col}", line_no + 1)),
        "{s}"
    );
    // nothing from <script>, <nav> or <footer>
    assert!(!s.contains("999") && !s.contains("\"$5"), "{s}");
}

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(st.status.success(), "git {args:?}: {}", text(&st.stderr));
}

/// A newsroom's own ledger: the examples' facts copied into `facts/`, brought in by the
/// repository's figcheck.toml.
fn newsroom_ledger(d: &Path) {
    let facts = d.join("facts");
    fs::create_dir(&facts).unwrap();
    for f in fs::read_dir(repo_file("examples/facts")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, facts.join(f.file_name().unwrap())).unwrap();
    }
    fs::write(d.join("figcheck.toml"), "rules = [\"facts\"]\n").unwrap();
}

#[test]
fn changed_since_reports_only_the_new_article() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    let src = repo_file("examples/broken/digit-drop");
    fs::copy(
        src.join("2025-02-24-fr-reference.md"),
        d.join("reference.md"),
    )
    .unwrap();
    newsroom_ledger(d);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "archive"]);
    fs::copy(src.join("2025-02-26-fr-digit.md"), d.join("digit.md")).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "new"]);

    let all = run_in(d, &["check", "."]);
    assert_eq!(all.status.code(), Some(1));
    let out = run_in(d, &["check", ".", "--changed-since", "HEAD~1"]);
    let s = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{s}{}", text(&out.stderr));
    assert!(
        s.contains("error [cross-source-mismatch] digit.md:8:125"),
        "{s}"
    );

    // the archive alone has nothing new: the same run since HEAD is clean
    let none = run_in(d, &["check", ".", "--changed-since", "HEAD"]);
    assert_eq!(none.status.code(), Some(0), "{}", text(&none.stdout));
    assert!(text(&none.stdout).contains("No findings."));

    // an untracked article counts as new
    fs::copy(src.join("2025-02-26-fr-digit.md"), d.join("untracked.md")).unwrap();
    let un = run_in(d, &["check", ".", "--changed-since", "HEAD"]);
    assert!(text(&un.stdout).contains("untracked.md:8:125"));
    assert!(!text(&un.stdout).contains("] digit.md:8:125"));

    // --new names new files directly
    let named = run_in(d, &["check", "reference.md", "--new", "digit.md"]);
    assert_eq!(named.status.code(), Some(1));
    assert!(text(&named.stdout).contains("digit.md:8:125"));

    let bad = run_in(d, &["check", ".", "--changed-since", "no-such-rev"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--changed-since: git"));
}

#[test]
fn colour_only_when_asked_and_no_color_is_honoured() {
    let dir = article_dir();
    let src = repo_file("examples/broken/digit-drop");
    for f in ["2025-02-24-fr-reference.md", "2025-02-26-fr-digit.md"] {
        fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let plain = run_in(dir.path(), &["check", "."]);
    assert!(!text(&plain.stdout).contains('\u{1b}'));
    let always = run_in(dir.path(), &["check", ".", "--color", "always"]);
    assert!(text(&always.stdout).contains('\u{1b}'));
    let no_color = Command::new(BIN)
        .args(["check", ".", "--color", "auto"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!text(&no_color.stdout).contains('\u{1b}'));
    let json = run_in(
        dir.path(),
        &[
            "check",
            "a.txt",
            "--date",
            "2025-02-01",
            "--color",
            "always",
            "--format",
            "json",
        ],
    );
    assert!(!text(&json.stdout).contains('\u{1b}'));
    let quiet = run_in(
        dir.path(),
        &["check", "a.txt", "--date", "2025-02-01", "-q"],
    );
    assert_eq!(text(&quiet.stderr), "");
}

/// `[tolerance]`: a wider cross-source default makes a 7 % miss pass; a value outside
/// 0..1 is an error with the file's line and column.
#[test]
fn tolerance_table_sets_the_default_widths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    newsroom_ledger(root);
    let articles = root.join("articles");
    fs::create_dir(&articles).unwrap();
    for f in fs::read_dir(repo_file("examples/broken/earlier-value-wrong-label")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, articles.join(f.file_name().unwrap())).unwrap();
    }
    let write_config = |tol: &str| {
        fs::write(
            root.join("figcheck.toml"),
            format!("rules = [\"facts\"]\n[tolerance]\ncross-source = \"{tol}\"\n"),
        )
        .unwrap();
    };
    write_config("0.005");
    let o = run_in(root, &["check", "articles", "--quiet"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    write_config("0.1");
    let o = run_in(root, &["check", "articles", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    write_config("2");
    let o = run_in(root, &["check", "articles", "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("figcheck.toml:3:16: tolerance \"2\" is not a relative width"),
        "{err}"
    );
}
