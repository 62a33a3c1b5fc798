//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` lists every check (id, descriptions and help from
//! [`CheckId::docs`], default level); each finding is a result on its flagged claim, with
//! the finding's other claims as `relatedLocations` and a `partialFingerprints` entry
//! that stays the same when the article is edited elsewhere (check, path and the figures'
//! text, hashed with FNV-1a). Columns count Unicode code points (`columnKind`). No
//! timestamps; the tool version is the crate's.
//!
//! It reads the [`Report`] only.

use super::model::{ClaimRow, FindingRow, Report};
use crate::check::fingerprint::fingerprint_of;
use crate::check::{CheckId, Severity};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// The schema the output follows.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A short title per check, for `shortDescription` and the HTML report.
pub fn rule_title(check: CheckId) -> &'static str {
    match check {
        CheckId::CrossSourceMismatch => "Sources disagree about one fact",
        CheckId::InlineConversionMismatch => "A conversion in the text does not hold",
        CheckId::StaleConversion => "A conversion made at an older rate",
        CheckId::RatioMismatch => "A stated ratio does not match the figures",
        CheckId::SumMismatch => "A total is not the sum of its parts",
        CheckId::PartExceedsWhole => "A part is larger than its whole",
        CheckId::ModelNameSize => "A model's name and its parameter count disagree",
        CheckId::UndatedSource => "A source has no date",
        CheckId::RateUnavailable => "No rate to convert a figure",
        CheckId::UnsupportedLanguage => "A source in a language without rules",
        CheckId::AmbiguousCurrency => "A \"$\" figure holds only as a local dollar",
    }
}

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` kept, everything outside the unreserved set
/// percent-encoded (spaces, accents, `#`, `?`).
pub fn path_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_descriptor(check: CheckId) -> Value {
    let docs = check.docs();
    let what = docs
        .lines()
        .next()
        .unwrap_or(docs)
        .trim_start_matches("What it checks: ");
    json!({
        "id": check.as_str(),
        "name": check.as_str(),
        "shortDescription": { "text": rule_title(check) },
        "fullDescription": { "text": what },
        "help": { "text": docs },
        "defaultConfiguration": { "level": level(check.default_severity()) },
    })
}

fn region(c: &ClaimRow) -> Value {
    let mut r = Map::new();
    r.insert("startLine".into(), json!(c.line));
    r.insert("startColumn".into(), json!(c.column));
    if !c.text.contains('\n') {
        r.insert(
            "endColumn".into(),
            json!(c.column.saturating_add(c.text.chars().count())),
        );
    }
    r.insert("snippet".into(), json!({ "text": c.text }));
    Value::Object(r)
}

fn claim_location(c: &ClaimRow, id: Option<usize>) -> Value {
    let mut loc = Map::new();
    if let Some(id) = id {
        loc.insert("id".into(), json!(id));
    }
    loc.insert(
        "physicalLocation".into(),
        json!({
            "artifactLocation": { "uri": path_uri(&c.path) },
            "region": region(c),
        }),
    );
    loc.insert(
        "message".into(),
        json!({ "text": format!("\"{}\"", c.text) }),
    );
    Value::Object(loc)
}

/// A report finding's fingerprint (see [`fingerprint_of`]).
pub fn fingerprint(f: &FindingRow) -> String {
    let path = f
        .claims
        .first()
        .map(|c| c.path.as_str())
        .or(f.path.as_deref())
        .unwrap_or("");
    fingerprint_of(f.check, path, f.claims.iter().map(|c| c.text.as_str()))
}

fn result(f: &FindingRow) -> Value {
    let rule_index = CheckId::ALL.iter().position(|c| *c == f.check);
    let mut text = f.message.clone();
    if let Some(n) = f.discovered_from_sources {
        text.push_str(&format!(
            " (The fact was discovered from {}; no ledger fact declares it.)",
            super::n_sources(n)
        ));
    }
    if let Some(c) = &f.cause {
        text.push_str(" Probable cause: ");
        text.push_str(&super::readable::cause(c));
        text.push('.');
    }
    for rel in &f.related {
        text.push_str(&format!(
            " Also {} [{}]: {}",
            rel.severity, rel.check, rel.message
        ));
    }
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.check.as_str()));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": text }));
    let mut claims = f.claims.iter();
    if let Some(first) = claims.next() {
        let mut loc = claim_location(first, None);
        if let Some(o) = loc.as_object_mut() {
            o.remove("message");
        }
        r.insert("locations".into(), json!([loc]));
        // The finding's other claims, then those of the findings folded into it (one
        // mistake, one result), each location once.
        let mut seen = vec![(first.path.as_str(), first.start)];
        let mut others: Vec<&ClaimRow> = Vec::new();
        for c in claims.chain(f.related.iter().flat_map(|r| r.claims.iter())) {
            if !seen.contains(&(c.path.as_str(), c.start)) {
                seen.push((c.path.as_str(), c.start));
                others.push(c);
            }
        }
        let related: Vec<Value> = others
            .into_iter()
            .enumerate()
            .map(|(i, c)| claim_location(c, Some(i.saturating_add(1))))
            .collect();
        if !related.is_empty() {
            r.insert("relatedLocations".into(), Value::Array(related));
        }
    } else if let Some(p) = &f.path {
        r.insert(
            "locations".into(),
            json!([{ "physicalLocation": { "artifactLocation": { "uri": path_uri(p) } } }]),
        );
    }
    r.insert(
        "partialFingerprints".into(),
        json!({ "figcheckFinding/v1": fingerprint(f) }),
    );
    let mut props = Map::new();
    if let Some(fact) = &f.fact {
        props.insert("fact".into(), json!(fact));
    }
    if let Some(c) = &f.cause {
        props.insert("probableCause".into(), json!(c));
    }
    if let Some(d) = &f.matched_date {
        props.insert("matchedDate".into(), json!(d));
    }
    if let Some(n) = f.discovered_from_sources {
        props.insert("discovered".into(), json!(true));
        props.insert("discoveredFromSources".into(), json!(n));
    }
    if !f.related.is_empty() {
        let checks: Vec<&str> = f.related.iter().map(|r| r.check.as_str()).collect();
        props.insert("relatedChecks".into(), json!(checks));
    }
    if !props.is_empty() {
        r.insert("properties".into(), Value::Object(props));
    }
    Value::Object(r)
}

/// The SARIF log as a JSON value.
pub fn to_value(r: &Report) -> Value {
    let rules: Vec<Value> = CheckId::ALL.iter().map(|c| rule_descriptor(*c)).collect();
    let results: Vec<Value> = r.findings.iter().map(result).collect();
    let mut run = json!({
            "tool": { "driver": {
                "name": "figcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
    });
    if let (Some(config), Some(obj)) = (&r.config, run.as_object_mut()) {
        obj.insert("properties".into(), json!({ "config": config }));
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    })
}

/// Write the SARIF log, pretty-printed.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(r)).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_uri("examples/a b.md"), "examples/a%20b.md");
        assert_eq!(path_uri("é.md"), "%C3%A9.md");
        assert_eq!(path_uri("dir\\x.md"), "dir/x.md");
    }
}
