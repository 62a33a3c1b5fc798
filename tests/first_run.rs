//! A new user's first five minutes: which configuration is read, what happens with no
//! path, an empty folder or a typo, and that no facts are loaded unless a ledger says so.

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
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        text(&o.stdout),
        text(&o.stderr)
    )
}

/// `parent/newsroom/{figcheck.toml, facts/, articles/}` with the examples' ledger and the
/// digit-drop pair of articles; `parent` is the top of a git repository.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let room = dir.path().join("newsroom");
    let facts = room.join("facts");
    let articles = room.join("articles");
    fs::create_dir_all(&facts).unwrap();
    fs::create_dir_all(&articles).unwrap();
    for f in fs::read_dir(repo_file("examples/facts")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, facts.join(f.file_name().unwrap())).unwrap();
    }
    fs::write(room.join("figcheck.toml"), "rules = [\"facts\"]\n").unwrap();
    for f in fs::read_dir(repo_file("examples/broken/digit-drop")).unwrap() {
        let f = f.unwrap().path();
        fs::copy(&f, articles.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn config_is_found_from_the_articles_not_the_working_folder() {
    let dir = newsroom();
    // From the parent: the articles' config is found, named, and its facts are used.
    let out = run_in(dir.path(), &["check", "newsroom/articles"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config newsroom/figcheck.toml"),
        "{}",
        show(&out)
    );
    assert!(
        text(&out.stdout).contains("cross-source-mismatch"),
        "{}",
        show(&out)
    );
    // From inside the newsroom, the same.
    let out = run_in(&dir.path().join("newsroom"), &["check", "articles/"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config figcheck.toml"),
        "{}",
        show(&out)
    );
    // From a sibling folder.
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let out = run_in(
        &dir.path().join("elsewhere"),
        &["check", "../newsroom/articles"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config ../newsroom/figcheck.toml"),
        "{}",
        show(&out)
    );
    // The JSON report says which config it read.
    let out = run_in(
        dir.path(),
        &["check", "newsroom/articles", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["config"], "newsroom/figcheck.toml");
    // --quiet: no note.
    let out = run_in(dir.path(), &["check", "-q", "newsroom/articles"]);
    assert!(
        !text(&out.stderr).contains("using config"),
        "{}",
        show(&out)
    );
}

#[test]
fn no_path_checks_the_working_folder() {
    let dir = newsroom();
    let out = run_in(&dir.path().join("newsroom"), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        text(&out.stdout).contains("articles/2025-02-26-fr-digit.md"),
        "{}",
        show(&out)
    );
    let out = run_in(&dir.path().join("newsroom"), &["extract"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(
        text(&out.stdout).contains("38 milliards de yuans"),
        "{}",
        show(&out)
    );
}

#[test]
fn an_empty_folder_or_a_typo_is_an_error() {
    let dir = newsroom();
    fs::create_dir(dir.path().join("empty")).unwrap();
    for cmd in ["check", "extract"] {
        let out = run_in(dir.path(), &[cmd, "empty"]);
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        assert!(
            text(&out.stderr).contains("no articles under empty"),
            "{}",
            show(&out)
        );
        assert!(text(&out.stdout).is_empty(), "{}", show(&out));
        let out = run_in(dir.path(), &[cmd, "newsroom/articels"]);
        assert_eq!(out.status.code(), Some(2), "{}", show(&out));
        assert!(
            text(&out.stderr).contains("newsroom/articels"),
            "{}",
            show(&out)
        );
    }
}

#[test]
fn inputs_with_different_configs_are_an_error() {
    let dir = newsroom();
    let other = dir.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("figcheck.toml"), "max-gap = 3\n").unwrap();
    fs::write(other.join("a.md"), "Acme raised 5 million euros.\n").unwrap();
    let out = run_in(dir.path(), &["check", "newsroom/articles", "other"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("different configuration files"),
        "{}",
        show(&out)
    );
    // --config settles it.
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--config",
            "other/figcheck.toml",
            "newsroom/articles",
            "other",
        ],
    );
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", show(&out));
}

#[test]
fn rules_test_list_and_explain_read_the_config() {
    let dir = newsroom();
    let room = dir.path().join("newsroom");
    let out = run_in(&room, &["rules", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config figcheck.toml"),
        "{}",
        show(&out)
    );
    assert!(
        text(&out.stdout).contains("facts/alibaba-deepseek-2025.toml: 5 facts"),
        "{}",
        show(&out)
    );
    let out = run_in(&room, &["rules", "list", "--no-config"]);
    assert!(!text(&out.stdout).contains("5 facts"), "{}", show(&out));
    // A broken pack named by the config is found by `rules test`.
    fs::write(room.join("facts/bad.toml"), "[[fact]]\nid = \"Bad Id\"\n").unwrap();
    let out = run_in(&room, &["rules", "test"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("facts/bad.toml"),
        "{}",
        show(&out)
    );
    let out = run_in(&room, &["rules", "test", "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    fs::remove_file(room.join("facts/bad.toml")).unwrap();
    // explain uses the config's packs too.
    let out = run_in(
        &room,
        &[
            "explain",
            "--lang",
            "fr",
            "Alibaba investira 380 milliards de yuans.",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config figcheck.toml"),
        "{}",
        show(&out)
    );
}

/// Articles of 2026 about the seed story's companies: with no ledger nothing is checked
/// against the 2025 story; with the examples' ledger, the 2026 figures are not taken by
/// the 2025 facts, and say why.
#[test]
fn no_demo_facts_in_real_checks() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        dir.path().join("nvidia.md"),
        "---\ndate: 2026-04-14\nlang: en\n---\nNvidia lost $210 billion in market value on Monday, a sell-off traders blamed on export rules.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("alibaba.md"),
        "---\ndate: 2026-04-20\nlang: fr\n---\nAlibaba prévoit d'investir 480 milliards de yuans dans le cloud d'ici 2029.\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["facts"].as_array().unwrap().len(), 0, "{v:#}");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v:#}");

    let facts = repo_file("examples/facts");
    let out = run_in(
        dir.path(),
        &[
            "check",
            ".",
            "--rules",
            facts.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v:#}");
    let untied = v["unassigned"].as_array().unwrap();
    let nvidia = untied.iter().find(|c| c["text"] == "$210 billion").unwrap();
    let why = nvidia["untied"].as_str().unwrap();
    assert!(
        why.contains("nvidia-selloff-loss")
            && why.contains("2026-04-14")
            && why.contains("365 days after the event of 2025-01-27"),
        "{why}"
    );
}

/// Two facts that fit a figure equally: the one from the pack given later wins, whatever
/// the ids.
#[test]
fn the_later_pack_wins_a_tie() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    for (pack, id) in [("shared", "zz-shared-round"), ("mine", "aa-my-round")] {
        let p = dir.path().join(pack);
        fs::create_dir(&p).unwrap();
        fs::write(
            p.join("pack.toml"),
            format!("name = \"{pack}\"\nlang = \"*\"\nversion = \"1\"\n"),
        )
        .unwrap();
        fs::write(
            p.join("facts.toml"),
            format!("[[fact]]\nid = \"{id}\"\nlabel = \"Acme round\"\nkind = \"money\"\ncurrency = \"EUR\"\nentities = [\"Acme\"]\n"),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join("a.md"),
        "---\ndate: 2025-05-02\nlang: en\n---\nAcme raised 12 million euros from investors.\n",
    )
    .unwrap();
    let fact_of = |args: &[&str]| {
        let mut all = vec!["check", "a.md", "--format", "json"];
        all.extend_from_slice(args);
        let out = run_in(dir.path(), &all);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["facts"][0]["id"].as_str().unwrap_or("none").to_string()
    };
    assert_eq!(
        fact_of(&["--rules", "shared", "--rules", "mine"]),
        "aa-my-round"
    );
    assert_eq!(
        fact_of(&["--rules", "mine", "--rules", "shared"]),
        "zz-shared-round"
    );
}

#[test]
fn a_fact_with_a_date_and_a_window_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ledger");
    fs::create_dir(&p).unwrap();
    fs::write(
        p.join("pack.toml"),
        "name = \"ledger\"\nlang = \"*\"\nversion = \"1\"\n",
    )
    .unwrap();
    fs::write(
        p.join("facts.toml"),
        "[[fact]]\nid = \"acme\"\nlabel = \"Acme\"\nkind = \"money\"\ncurrency = \"EUR\"\nentities = [\"Acme\"]\ndate = \"2025-05-02\"\nuntil = \"2025-06-01\"\n\n[[fact]]\nid = \"acme2\"\nlabel = \"Acme\"\nkind = \"money\"\ncurrency = \"EUR\"\nentities = [\"Acme\"]\nfrom = \"2025-13-01\"\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["rules", "test", "--no-config", "--rules", "ledger"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = text(&out.stderr);
    assert!(
        err.contains("facts.toml:7:8") && err.contains("not both"),
        "{err}"
    );
    assert!(err.contains("from \"2025-13-01\" is not a date"), "{err}");
}

/// Articles newer than the rate tables: one warning that says what to run.
#[test]
fn articles_newer_than_the_rates_say_to_update() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let rates = dir.path().join("rates");
    fs::create_dir(&rates).unwrap();
    fs::write(
        rates.join("fixed.csv"),
        "date,base,quote,rate\n2025-01-10,EUR,USD,1.03\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("a.md"),
        "---\ndate: 2025-03-01\nlang: en\n---\nAcme raised 12 million euros ($13 million).\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["check", "a.md", "--no-default-rates", "--rates", "rates"])
        .current_dir(dir.path())
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(
        err.contains("1 article(s) are dated after the newest rate row (2025-01-10)")
            && err.contains("figcheck rates update"),
        "{}",
        show(&out)
    );
    // Within the gap the row of 2025-01-10 serves: no warning.
    fs::write(
        dir.path().join("a.md"),
        "---\ndate: 2025-01-13\nlang: en\n---\nAcme raised 12 million euros ($13 million).\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["check", "a.md", "--no-default-rates", "--rates", "rates"])
        .current_dir(dir.path())
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .output()
        .unwrap();
    assert!(
        !text(&out.stderr).contains("newest rate row"),
        "{}",
        show(&out)
    );
}

#[test]
fn an_absolute_config_inside_the_working_folder_is_named_relative_to_it() {
    let dir = newsroom();
    let room = dir.path().join("newsroom");
    let config = room.join("figcheck.toml");
    let out = run_in(
        &room,
        &["check", "articles/", "--config", config.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        text(&out.stderr).contains("using config figcheck.toml\n"),
        "{}",
        show(&out)
    );
    // A path that climbs out and back in reads the same.
    let out = run_in(
        &room,
        &[
            "check",
            "articles/",
            "--config",
            "../newsroom/figcheck.toml",
        ],
    );
    assert!(
        text(&out.stderr).contains("using config figcheck.toml\n"),
        "{}",
        show(&out)
    );
    // Outside the working folder: as given.
    let out = run_in(
        &room.join("articles"),
        &["check", ".", "--config", "../figcheck.toml"],
    );
    assert!(
        text(&out.stderr).contains("using config ../figcheck.toml\n"),
        "{}",
        show(&out)
    );
}
