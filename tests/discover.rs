//! Facts without a ledger: figures grouped across sources into discovered facts, checked
//! like ledger facts; `facts suggest` writes a ledger draft that loads back to the same
//! groups; `facts list` shows them.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests: a failure should panic

use std::collections::BTreeMap;
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/discover";

fn figcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_figcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FIGCHECK_DATA_DIR", "no-data-dir")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json_check(args: &[&str]) -> serde_json::Value {
    let mut all = vec![
        "check",
        "--no-config",
        "--format",
        "json",
        "--fail-on",
        "never",
        "-q",
    ];
    all.extend_from_slice(args);
    let out = figcheck(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `facts list` as fact id (without the "discovered:" prefix) → its claims' "path:line text".
fn groups(listing: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    for line in listing.lines().skip(1) {
        if line.is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            let id = line.split_whitespace().next().unwrap();
            let id = id.trim_start_matches("discovered:").to_string();
            out.entry(id.clone()).or_default();
            current = Some(id);
        } else if !line.trim_start().starts_with("consensus:") {
            let claim: Vec<&str> = line.trim().splitn(3, "  ").collect();
            out.get_mut(current.as_ref().unwrap())
                .unwrap()
                .push(format!("{} {}", claim[0], claim[1]));
        }
    }
    out
}

/// A pack folder holding the ledger draft `text`, which `rules test` must accept.
fn draft_pack(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pack.toml"),
        "name = \"draft\"\nlang = \"*\"\nversion = \"1\"\ndescription = \"a draft\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("draft.toml"), text).unwrap();
    let rules = dir.path().to_str().unwrap();
    let test = figcheck(&["rules", "test", "--no-config", "--rules", rules]);
    assert_eq!(
        test.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&test.stderr)
    );
    dir
}

#[test]
fn a_slip_is_flagged_on_a_discovered_fact_with_its_cause() {
    let r = json_check(&[FIXTURE]);
    let facts = r["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0]["id"], "discovered:orvana-funding-2025");
    assert_eq!(facts[0]["discovered_from_sources"], 3);
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["check"], "cross-source-mismatch");
    assert_eq!(findings[0]["severity"], "warning");
    assert!(findings[0]["cause"]
        .as_str()
        .unwrap()
        .starts_with("factor 1000"));
    let human = figcheck(&["check", "--no-config", "--format", "human", "-v", FIXTURE]);
    insta::assert_snapshot!(stdout(&human));
}

#[test]
fn severity_of_discovered_findings_can_be_raised() {
    let r = json_check(&["--severity", "cross-source-mismatch=error", FIXTURE]);
    assert_eq!(r["findings"][0]["severity"], "error");
}

#[test]
fn a_ledger_run_discovers_nothing() {
    let r = json_check(&["--rules", "examples/facts", "examples/brumelune"]);
    let facts = r["facts"].as_array().unwrap();
    assert!(facts
        .iter()
        .all(|f| f.get("discovered_from_sources").is_none()));
}

#[test]
fn suggest_writes_a_draft_that_loads_back_to_the_same_groups() {
    let draft = figcheck(&["facts", "suggest", "--no-config", FIXTURE]);
    assert_eq!(draft.status.code(), Some(0));
    let text = stdout(&draft);
    insta::assert_snapshot!(text);
    let dir = draft_pack(&text);
    let rules = dir.path().to_str().unwrap();
    let discovered = groups(&stdout(&figcheck(&[
        "facts",
        "list",
        "--no-config",
        FIXTURE,
    ])));
    let ledger = groups(&stdout(&figcheck(&[
        "facts",
        "list",
        "--no-config",
        "--rules",
        rules,
        FIXTURE,
    ])));
    assert_eq!(discovered, ledger);
    assert!(!discovered.is_empty());
    // The same verdict: the slip is flagged against the draft's reference.
    let r = json_check(&["--rules", rules, FIXTURE]);
    let f = r["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["fact"], "orvana-funding-2025");
    assert!(f[0]["cause"].as_str().unwrap().starts_with("factor 1000"));
}

#[test]
fn suggest_on_the_examples_passes_rules_test() {
    let draft = figcheck(&["facts", "suggest", "--no-config", "examples/"]);
    draft_pack(&stdout(&draft));
}

#[test]
fn facts_list_shows_discovered_facts_and_their_claims() {
    let out = figcheck(&["facts", "list", "--no-config", FIXTURE]);
    insta::assert_snapshot!(stdout(&out));
}

/// With no ledger, which broken examples are caught on a discovered fact (a finding on
/// a fact whose id starts with "discovered:").
#[test]
fn broken_examples_caught_without_a_ledger() {
    let mut caught = Vec::new();
    let mut missed = Vec::new();
    let mut dirs: Vec<_> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/broken"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().unwrap().to_string_lossy().to_string();
        let r = json_check(&[d.to_str().unwrap()]);
        let hit = r["findings"].as_array().unwrap().iter().find(|f| {
            f["fact"]
                .as_str()
                .is_some_and(|id| id.starts_with("discovered:"))
        });
        if let Some(f) = hit {
            let cause = f["cause"].as_str().unwrap_or("no probable cause");
            let cause: String = cause.chars().take(60).collect();
            caught.push(format!(
                "{name}: {} ({cause})",
                f["check"].as_str().unwrap()
            ));
        } else {
            missed.push(name);
        }
    }
    insta::assert_snapshot!(format!(
        "caught {}:\n{}\nmissed {}:\n{}",
        caught.len(),
        caught.join("\n"),
        missed.len(),
        missed.join("\n")
    ));
}

/// Against the archive with no ledger: `--new` compares the new articles' figures with
/// the facts discovered over the whole archive, and reports only findings on the new
/// articles' figures (the archive's own disagreement, 3.2 vs 32 bn EUR, stays out).
#[test]
fn new_articles_are_checked_against_the_archives_discovered_facts() {
    let dir = "tests/fixtures/discover-archive";
    let r = json_check(&["--new", &format!("{dir}/new"), &format!("{dir}/archive")]);
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["fact"], "discovered:tessaly-investment-2025");
    assert_eq!(f["discovered_from_sources"], 4);
    assert!(f["claims"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("new/2025-03-10-en-draft.md"));
    assert!(f["cause"].as_str().unwrap().starts_with("factor 10"));
    // The whole run, without --new, also flags the archive's own slip.
    let all = json_check(&[dir]);
    let facts: Vec<&str> = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["fact"].as_str())
        .collect();
    assert!(
        facts.contains(&"discovered:halvard-foods-funding-2025"),
        "{facts:?}"
    );
}

/// Every report format says a finding's fact was discovered, and from how many sources.
#[test]
fn report_formats_show_discovered_facts() {
    for format in ["human", "json", "markdown", "html", "sarif", "github"] {
        let out = figcheck(&["check", "--no-config", "--format", format, FIXTURE]);
        let text = stdout(&out);
        let shown = match format {
            "json" => text.contains("\"discovered_from_sources\": 3"),
            "sarif" => {
                text.contains("\"discoveredFromSources\": 3")
                    && text.contains("discovered from 3 sources")
            }
            _ => text.contains("discovered from 3 sources"),
        };
        assert!(shown, "{format}:\n{text}");
    }
    let sarif = figcheck(&["check", "--no-config", "--format", "sarif", FIXTURE]);
    let v: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    insta::assert_json_snapshot!(v["runs"][0]["results"][0]["properties"]);
    let md = figcheck(&["check", "--no-config", "--format", "markdown", FIXTURE]);
    insta::assert_snapshot!(stdout(&md));
}

const ROUND: &str = "tests/fixtures/discover-round";

fn checks_of(r: &serde_json::Value) -> Vec<String> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["check"].as_str().unwrap(),
                f["fact"].as_str().unwrap_or("-"),
                f["claims"][0]["path"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

/// A round's three figures with no ledger: the valuation before the round ("Before the
/// round", "Avant la levée") is a fact apart from the one after, and after = before +
/// round is checked in each source. The sum names the wrong source; the unexplained
/// "the 2 claims do not agree" between the two "after" figures gives way to it.
#[test]
fn a_round_that_does_not_add_up_is_found_without_a_ledger() {
    let r = json_check(&[ROUND]);
    let ids: Vec<&str> = r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "discovered:quillmark-funding-2025",
            "discovered:quillmark-pre-money-valuation-2025",
            "discovered:quillmark-valuation-2025"
        ]
    );
    assert_eq!(
        checks_of(&r),
        ["sum-mismatch discovered:quillmark-valuation-2025 tests/fixtures/discover-round/2025-05-07-fr-hebdo.md"]
    );
    // One article alone is checked against its own round; the right one passes.
    let wrong = json_check(&[&format!("{ROUND}/2025-05-07-fr-hebdo.md")]);
    assert_eq!(wrong["facts"][0]["discovered_from_sources"], 1);
    assert_eq!(
        checks_of(&wrong),
        ["sum-mismatch discovered:quillmark-valuation-2025 tests/fixtures/discover-round/2025-05-07-fr-hebdo.md"]
    );
    let right = json_check(&[&format!("{ROUND}/2025-05-06-en-wire.md")]);
    assert_eq!(checks_of(&right), Vec::<String>::new());
    assert_eq!(right["facts"].as_array().unwrap().len(), 3);
}

/// `facts suggest` writes the round's relation and the pre-money phrases (topics of the
/// valuation before, exclusions of the one after); loaded back as a ledger, the same
/// groups and the same verdict, now an error on a ledger fact.
#[test]
fn suggest_writes_the_round_relation_and_it_loads_back() {
    let draft = stdout(&figcheck(&["facts", "suggest", "--no-config", ROUND]));
    assert!(draft.contains(
        "[[relation]]\nid = \"quillmark-round-sum-2025\"\nkind = \"sum\"\ntotal = \"quillmark-valuation-2025\"\nparts = [\"quillmark-pre-money-valuation-2025\", \"quillmark-funding-2025\"]"
    ), "{draft}");
    assert!(draft.contains("topics = [\"avant argent\""), "{draft}");
    assert!(draft.contains("exclude = [\"avant argent\""), "{draft}");
    let dir = draft_pack(&draft);
    let rules = dir.path().to_str().unwrap();
    let discovered = groups(&stdout(&figcheck(&["facts", "list", "--no-config", ROUND])));
    let ledger = groups(&stdout(&figcheck(&[
        "facts",
        "list",
        "--no-config",
        "--rules",
        rules,
        ROUND,
    ])));
    assert_eq!(discovered, ledger);
    let r = json_check(&["--rules", rules, ROUND]);
    assert_eq!(
        checks_of(&r),
        ["sum-mismatch quillmark-valuation-2025 tests/fixtures/discover-round/2025-05-07-fr-hebdo.md"]
    );
    assert_eq!(r["findings"][0]["severity"], "error");
}

/// A share with no ledger: "a fine of 180 million euros, 6% of its annual sales" is
/// checked against the sales another source printed (the subject's revenue group of the
/// fine's year or the year before); both groups stand on one source each because the
/// relation links them. The right share passes; the fine alone has nothing to be a
/// share of and is left alone.
#[test]
fn a_share_is_checked_against_the_whole_another_source_printed() {
    let wrong = json_check(&["examples/broken/wrong-share"]);
    assert_eq!(
        checks_of(&wrong),
        ["ratio-mismatch discovered:norvalis-fine-2025 examples/broken/wrong-share/2025-06-18-en-fine.md"]
    );
    let evidence: Vec<&str> = wrong["findings"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        evidence,
        ["6% of", "4.5 billion euros", "180 million euros"]
    );
    let right = json_check(&["examples/clean/wrong-share"]);
    assert_eq!(checks_of(&right), Vec::<String>::new());
    let ids: Vec<&str> = right["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "discovered:norvalis-fine-2025",
            "discovered:norvalis-revenue-2024"
        ]
    );
    let alone = json_check(&["examples/broken/wrong-share/2025-06-18-en-fine.md"]);
    assert_eq!(checks_of(&alone), Vec::<String>::new());
    assert_eq!(alone["facts"].as_array().unwrap().len(), 0);
}

/// The whole of examples/ with no ledger (the test): every broken folder has a
/// finding, every finding is on an article whose front matter notes its planted fault,
/// and no clean twin or seed story has any. The twins
/// share names with the broken articles, so groups here mix folders: a place named
/// after a reference ("Le groupe de Hangzhou") must not become the figure's subject.
#[test]
fn every_planted_fault_of_the_examples_is_found_without_a_ledger() {
    let r = json_check(&["examples/"]);
    let mut flagged = std::collections::BTreeSet::new();
    let mut causes = Vec::new();
    for f in r["findings"].as_array().unwrap() {
        let path = f["claims"][0]["path"].as_str().unwrap();
        let folder = path
            .strip_prefix("examples/broken/")
            .unwrap_or_else(|| panic!("a finding outside examples/broken: {f:#}"));
        let planted = std::fs::read_to_string(path).unwrap();
        assert!(
            planted.contains("note: \"faulty on purpose")
                || planted.contains("note: \"ambiguous on purpose"),
            "a finding on an article with no planted fault: {f:#}"
        );
        let folder = folder.split('/').next().unwrap().to_string();
        let cause: String = f["cause"]
            .as_str()
            .unwrap_or("no probable cause")
            .chars()
            .take(70)
            .collect();
        causes.push(format!(
            "{folder}: {} ({cause})",
            f["check"].as_str().unwrap()
        ));
        flagged.insert(folder);
    }
    causes.sort();
    insta::assert_snapshot!(causes.join("\n"));
    let mut broken: Vec<String> = std::fs::read_dir("examples/broken")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    broken.sort();
    assert_eq!(flagged.into_iter().collect::<Vec<_>>(), broken);
}

/// With no ledger, "ses 32 milliards de paramètres rivalisent avec le modèle R1 de
/// DeepSeek": the 32 billion stay the article's subject's (a name after the figure owns
/// the name before it only when the figure is "pour"/"for" that one: "671 milliards
/// pour le R1 de DeepSeek").
#[test]
fn a_figure_is_not_given_to_the_owner_of_a_later_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\nlang: fr\ndate: 2025-03-06\n---\nAlibaba surprend. Le QwQ-32B et ses 32 milliards de paramètres rivalisent avec le modèle R1 de DeepSeek, lourd de 671 milliards.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "---\nlang: fr\ndate: 2025-03-07\n---\nAlibaba publie QwQ-32B, doté de 32 milliards de paramètres. Le modèle affronte 671 milliards de paramètres pour le R1 de DeepSeek.\n",
    )
    .unwrap();
    let r = json_check(&[dir.path().to_str().unwrap()]);
    assert_eq!(checks_of(&r), Vec::<String>::new(), "{r:#}");
    let tied: Vec<(String, String)> = r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let id = f["id"].as_str().unwrap().to_string();
            f["claims"]
                .as_array()
                .map(|cs| {
                    cs.iter()
                        .map(|c| (c["text"].as_str().unwrap().to_string(), id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect();
    assert!(
        tied.iter().any(|(text, _)| text.starts_with("32 ")),
        "{tied:?}"
    );
    assert!(
        tied.iter()
            .all(|(text, id)| !text.starts_with("32 ") || id.contains("alibaba")),
        "{tied:?}"
    );
}
