//! Validating `[[fact]]` and `[[relation]]` tables into a `FactSet`. Errors name the file,
//! line and column and the fact id; later packs replace a fact with the same id.

use super::{EventWindow, Fact, FactKind, FactSet, Reference, Relation, RelationKind, Scope};
use crate::error::Errors;
use crate::error::{Error, Location};
use crate::quantity::{iso4217, Currency};
use crate::rules::compile::parse_decimal_literal;
use crate::rules::compile::LedgerTables;
use crate::rules::expand::{alternation_with, words_regex};
use crate::rules::schema::RelationDef;
use crate::rules::RuleSet;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;
use toml::Spanned;

fn loc<T>(file: &LedgerTables, s: &Spanned<T>) -> Location {
    Location::at_offset(&file.origin.path, &file.text, s.span().start)
}

fn scope(
    s: &Option<Spanned<String>>,
    default: Scope,
    allow_document: bool,
) -> Result<Scope, String> {
    match s.as_ref().map(|s| s.get_ref().as_str()) {
        None => Ok(default),
        Some("sentence") => Ok(Scope::Sentence),
        Some("paragraph") => Ok(Scope::Paragraph),
        Some("document") if allow_document => Ok(Scope::Document),
        Some(other) => Err(format!(
            "unknown scope \"{other}\" (expected one of: sentence, paragraph{})",
            if allow_document { ", document" } else { "" }
        )),
    }
}

fn currency(s: &Spanned<String>) -> Result<Currency, String> {
    let c = Currency::from_str(s.get_ref())?;
    if !iso4217::is_known(c.as_str()) {
        return Err(format!(
            "unknown currency code \"{}\": not an ISO 4217 code",
            s.get_ref()
        ));
    }
    Ok(c)
}

fn ratio(s: &Option<Spanned<String>>, default: &str) -> Result<Decimal, String> {
    let text = s.as_ref().map_or(default, |s| s.get_ref().as_str());
    match parse_decimal_literal(text) {
        Some(d) if d >= Decimal::ZERO && d < Decimal::ONE => Ok(d),
        _ => Err(format!(
            "\"{text}\" is not a relative tolerance between 0 and 1 (write \"0.05\" for 5 %)"
        )),
    }
}

impl FactSet {
    /// Compile the facts and relations of the loaded packs (`rules.ledger`), with the
    /// role ids of `rules` for their measures; every error is reported.
    pub fn compile(rules: &RuleSet) -> Result<FactSet, Errors> {
        let mut errors = Vec::new();
        let set = compile_facts(&rules.ledger, &rules.role_ids, &mut errors);
        if errors.is_empty() {
            Ok(set)
        } else {
            errors.sort_by(|a, b| a.location.cmp(&b.location));
            Err(Errors(errors))
        }
    }
}

/// Whether [`words_regex`] would accept the list, without compiling its regex.
fn words_valid(words: &[String]) -> Result<(), String> {
    if words.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = words.iter().map(String::as_str).collect();
    alternation_with(&list, "words", true, true).map(|_| ())
}

/// Compile the facts and relations of the ledger tables, reporting every error.
pub(super) fn compile_facts(
    ledger: &[LedgerTables],
    role_ids: &std::collections::BTreeMap<String, Vec<String>>,
    errors: &mut Vec<Error>,
) -> FactSet {
    let mut set = FactSet::default();
    let mut relation_defs = Vec::new();
    for file in ledger {
        let priority = file.priority;
        {
            for f in &file.facts {
                let id = f.id.get_ref().clone();
                let mut push = |at: Location, msg: String| {
                    errors.push(Error::rule_error(msg).at(at).rule(&id));
                };
                let mut ok = true;
                if id.is_empty()
                    || !id.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
                {
                    push(
                        loc(file, &f.id),
                        format!("fact id \"{id}\" must be lower-case letters, digits, - or _"),
                    );
                    ok = false;
                }
                let kind = match f.kind.get_ref().as_str() {
                    "money" => FactKind::Money,
                    "parameters" => FactKind::Parameters,
                    other => {
                        push(loc(file, &f.kind), format!("unknown fact kind \"{other}\" (expected one of: money, parameters)"));
                        continue;
                    }
                };
                let cur = match (&f.currency, kind) {
                    (Some(c), _) => match currency(c) {
                        Ok(c) => Some(c),
                        Err(e) => {
                            push(loc(file, c), e);
                            ok = false;
                            None
                        }
                    },
                    (None, FactKind::Money) => {
                        push(loc(file, &f.kind), "a money fact needs currency = \"ISO\": the currency its claims are compared in".to_string());
                        ok = false;
                        None
                    }
                    (None, FactKind::Parameters) => None,
                };
                if f.entities.is_empty() {
                    push(
                        loc(file, &f.id),
                        "a fact needs at least one entity name (entities = [\"...\"])".to_string(),
                    );
                    ok = false;
                }
                let entity_scope = scope(&f.entity_scope, Scope::Paragraph, true);
                let topic_scope = scope(&f.topic_scope, Scope::Sentence, false);
                let tolerance = ratio(&f.tolerance, "0.005");
                let approx = ratio(&f.approx_width, "0.05");
                for (r, s) in [
                    (&entity_scope.as_ref().err(), &f.entity_scope),
                    (&topic_scope.as_ref().err(), &f.topic_scope),
                ] {
                    if let (Some(e), Some(s)) = (r, s) {
                        push(loc(file, s), (*e).clone());
                        ok = false;
                    }
                }
                for (r, s) in [(&tolerance, &f.tolerance), (&approx, &f.approx_width)] {
                    if let (Err(e), Some(s)) = (r, s) {
                        push(loc(file, s), e.clone());
                        ok = false;
                    }
                }
                let mut day = |key: &str, v: &Option<Spanned<String>>| -> Option<NaiveDate> {
                    let v = v.as_ref()?;
                    match NaiveDate::parse_from_str(v.get_ref().trim(), "%Y-%m-%d") {
                        Ok(d) => Some(d),
                        Err(_) => {
                            push(
                                loc(file, v),
                                format!("{key} \"{}\" is not a date (YYYY-MM-DD)", v.get_ref()),
                            );
                            ok = false;
                            None
                        }
                    }
                };
                let (date, from, until) = (
                    day("date", &f.date),
                    day("from", &f.from),
                    day("until", &f.until),
                );
                if let (Some(d), true) = (&f.date, f.from.is_some() || f.until.is_some()) {
                    push(
                        loc(file, d),
                        "give either date = \"...\" (one day) or from/until (a window), not both"
                            .to_string(),
                    );
                    ok = false;
                }
                if let (Some(a), Some(b)) = (from, until) {
                    if a > b {
                        if let Some(u) = &f.until {
                            push(loc(file, u), format!("until ({b}) is before from ({a})"));
                        }
                        ok = false;
                    }
                }
                let measure = match &f.measure {
                    None => None,
                    Some(m) if role_ids.contains_key(m.get_ref()) => Some(m.get_ref().clone()),
                    Some(m) => {
                        push(
                            loc(file, m),
                            format!(
                                "unknown measure \"{}\" (the role lexicons know: {})",
                                m.get_ref(),
                                role_ids.keys().cloned().collect::<Vec<_>>().join(", ")
                            ),
                        );
                        ok = false;
                        None
                    }
                };
                let mut examples = Vec::new();
                for ex in &f.example {
                    let date = match &ex.date {
                        None => None,
                        Some(d) => match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
                            Ok(d) => Some(d),
                            Err(_) => {
                                push(
                                    loc(file, &ex.text),
                                    format!("example date \"{d}\" is not a date (YYYY-MM-DD)"),
                                );
                                ok = false;
                                None
                            }
                        },
                    };
                    examples.push(super::FactExample {
                        text: ex.text.get_ref().clone(),
                        tie: ex.tie,
                        figure: ex.figure.clone(),
                        lang: ex.lang.clone(),
                        date,
                        location: loc(file, &ex.text),
                    });
                }
                let window = EventWindow {
                    from: date.or(from),
                    until: date.or(until),
                    horizon_days: f.horizon_days.unwrap_or(365),
                };
                let reference = match &f.reference {
                    None => None,
                    Some(r) => {
                        let value = parse_decimal_literal(r.value.get_ref());
                        if value.is_none() {
                            push(
                                loc(file, &r.value),
                                format!(
                                    "reference value \"{}\" is not a decimal number",
                                    r.value.get_ref()
                                ),
                            );
                            ok = false;
                        }
                        let rc = match &r.currency {
                            Some(c) => match currency(c) {
                                Ok(c) => Some(c),
                                Err(e) => {
                                    push(loc(file, c), e);
                                    ok = false;
                                    None
                                }
                            },
                            None => cur,
                        };
                        let date = match &r.date {
                            Some(d) => match NaiveDate::parse_from_str(d.get_ref(), "%Y-%m-%d") {
                                Ok(d) => Some(d),
                                Err(_) => {
                                    push(
                                        loc(file, d),
                                        format!(
                                            "reference date \"{}\" is not YYYY-MM-DD",
                                            d.get_ref()
                                        ),
                                    );
                                    ok = false;
                                    None
                                }
                            },
                            None => None,
                        };
                        let precision = match &r.precision {
                            Some(p) => {
                                match parse_decimal_literal(p.get_ref()) {
                                    Some(p) => p,
                                    None => {
                                        push(loc(file, p), format!("reference precision \"{}\" is not a decimal number", p.get_ref()));
                                        ok = false;
                                        Decimal::ZERO
                                    }
                                }
                            }
                            None => Decimal::ZERO,
                        };
                        if kind == FactKind::Money && rc.is_some() && rc != cur && date.is_none() {
                            push(loc(file, &r.value), "a reference in another currency than the fact's needs a date (to convert it)".to_string());
                            ok = false;
                        }
                        value.map(|value| Reference {
                            value,
                            currency: rc,
                            date,
                            source: r.source.clone(),
                            precision,
                        })
                    }
                };
                // Entities are looked up by name, never by this regex: their list is
                // only checked as the others are (building its regex was a tenth of
                // loading a ledger).
                let regexes = (
                    words_valid(&f.entities),
                    words_regex(&f.topics),
                    words_regex(&f.exclude),
                );
                let (topic_re, exclude_re) = match regexes {
                    (Ok(_), Ok(b), Ok(c)) => (b, c),
                    (a, b, c) => {
                        for e in [a.err(), b.err(), c.err()].into_iter().flatten() {
                            push(loc(file, &f.id), format!("invalid word list: {e}"));
                        }
                        continue;
                    }
                };
                if !ok {
                    continue;
                }
                let (Ok(entity_scope), Ok(topic_scope), Ok(tolerance), Ok(approx_width)) =
                    (entity_scope, topic_scope, tolerance, approx)
                else {
                    continue;
                };
                set.facts.insert(
                    id.clone(),
                    Fact {
                        id,
                        label: f.label.clone(),
                        kind,
                        currency: cur,
                        entities: f.entities.clone(),
                        topics: f.topics.clone(),
                        exclude: f.exclude.clone(),
                        entity_scope,
                        topic_scope,
                        tolerance,
                        approx_width,
                        own_widths: (f.tolerance.is_some(), f.approx_width.is_some()),
                        stale_window_days: f.stale_window_days.unwrap_or(90),
                        reference,
                        window,
                        measure_related: measure
                            .as_ref()
                            .and_then(|m| role_ids.get(m))
                            .cloned()
                            .unwrap_or_default(),
                        measure,
                        examples,
                        location: loc(file, &f.id),
                        priority,
                        discovered: None,
                        topic_re,
                        exclude_re,
                    },
                );
            }
            for r in &file.relations {
                relation_defs.push((file, r));
            }
        }
    }
    for (file, r) in relation_defs {
        if let Some(rel) = compile_relation(file, r, &set, errors) {
            set.relations.retain(|x| x.id != rel.id);
            set.relations.push(rel);
        }
    }
    set.relations.sort_by(|a, b| a.id.cmp(&b.id));
    set
}

/// Validate one `[[relation]]`: its kind, the keys that kind takes, the facts it names
/// (known, and of one kind and currency for a share or a sum) and its tolerance.
fn compile_relation(
    file: &LedgerTables,
    r: &RelationDef,
    set: &FactSet,
    errors: &mut Vec<Error>,
) -> Option<Relation> {
    let id = r.id.get_ref().clone();
    let before = errors.len();
    let mut push = |at: Location, msg: String| {
        errors.push(Error::rule_error(msg).at(at).rule(&id));
    };
    let kind = match r.kind.as_ref().map(|k| k.get_ref().as_str()) {
        None | Some("times") => RelationKind::Times,
        Some("share") => RelationKind::Share,
        Some("sum") => RelationKind::Sum,
        Some(other) => {
            if let Some(k) = &r.kind {
                push(
                    loc(file, k),
                    format!(
                        "unknown relation kind \"{other}\" (expected one of: times, share, sum)"
                    ),
                );
            }
            return None;
        }
    };
    // The keys each kind takes, and the ones it must not have.
    let (big_key, big, small_key, small) = match kind {
        RelationKind::Times => ("larger", &r.larger, "smaller", &r.smaller),
        RelationKind::Share => ("whole", &r.whole, "part", &r.part),
        RelationKind::Sum => ("total", &r.total, "parts", &None),
    };
    let stray = [
        ("larger", &r.larger),
        ("smaller", &r.smaller),
        ("whole", &r.whole),
        ("part", &r.part),
        ("total", &r.total),
    ];
    let kind_name = r.kind.as_ref().map_or("times", |k| k.get_ref().as_str());
    for (key, v) in stray {
        if let (Some(v), true) = (v, key != big_key && key != small_key) {
            push(
                loc(file, v),
                format!("a {kind_name} relation takes {big_key} and {small_key}, not {key}"),
            );
        }
    }
    if kind != RelationKind::Sum {
        if let Some(p) = r.parts.first() {
            push(
                loc(file, p),
                format!("a {kind_name} relation takes {big_key} and {small_key}, not parts"),
            );
        }
    }
    let Some(big) = big else {
        push(
            loc(file, &r.id),
            format!("a {kind_name} relation needs {big_key} = \"fact-id\""),
        );
        return None;
    };
    let parts: Vec<&Spanned<String>> = match (kind, small) {
        (RelationKind::Sum, _) => r.parts.iter().collect(),
        (_, Some(s)) => vec![s],
        (_, None) => {
            push(
                loc(file, &r.id),
                format!("a {kind_name} relation needs {small_key} = \"fact-id\""),
            );
            return None;
        }
    };
    if kind == RelationKind::Sum && parts.len() < 2 {
        push(
            loc(file, big),
            "a sum relation needs two parts or more (parts = [\"a\", \"b\"])".to_string(),
        );
    }
    for side in std::iter::once(big).chain(parts.iter().copied()) {
        match set.facts.get(side.get_ref()) {
            None => push(
                loc(file, side),
                format!("relation names unknown fact \"{}\"", side.get_ref()),
            ),
            Some(f) if kind != RelationKind::Times => {
                let whole = set.facts.get(big.get_ref());
                if let Some(w) = whole.filter(|w| w.kind != f.kind || w.currency != f.currency) {
                    push(
                        loc(file, side),
                        format!(
                            "fact \"{}\" is not counted like \"{}\" ({} vs {}): a {kind_name} relation compares facts of one kind and currency",
                            f.id,
                            w.id,
                            f.currency.map_or_else(|| "parameters".to_string(), |c| c.to_string()),
                            w.currency.map_or_else(|| "parameters".to_string(), |c| c.to_string()),
                        ),
                    );
                }
            }
            Some(_) => {}
        }
    }
    let default = if kind == RelationKind::Sum {
        "0.01"
    } else {
        "0.1"
    };
    let tolerance = match ratio(&r.tolerance, default) {
        Ok(t) => t,
        Err(e) => {
            if let Some(s) = &r.tolerance {
                push(loc(file, s), e);
            }
            Decimal::ZERO
        }
    };
    if errors.len() > before {
        return None;
    }
    let first = parts.first()?.get_ref().clone();
    Some(Relation {
        id: id.clone(),
        kind,
        larger: big.get_ref().clone(),
        smaller: first,
        parts: if kind == RelationKind::Sum {
            parts.iter().map(|p| p.get_ref().clone()).collect()
        } else {
            Vec::new()
        },
        tolerance,
        location: loc(file, &r.id),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use crate::facts::RelationKind;
    use crate::rules::RuleSet;

    const FACTS: &str = r#"
[[fact]]
id = "round"
label = "round"
kind = "money"
currency = "EUR"
entities = ["Acme"]

[[fact]]
id = "pre"
label = "pre"
kind = "money"
currency = "EUR"
entities = ["Acme"]

[[fact]]
id = "post"
label = "post"
kind = "money"
currency = "EUR"
entities = ["Acme"]

[[fact]]
id = "sales-usd"
label = "sales-usd"
kind = "money"
currency = "USD"
entities = ["Acme"]
"#;

    /// The relations of a ledger with `relations` appended, or the error messages.
    fn load(relations: &str) -> Result<Vec<crate::facts::Relation>, Vec<String>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pack.toml"),
            "name = \"ledger\"\nlang = \"*\"\nversion = \"1\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("facts.toml"), format!("{FACTS}{relations}")).unwrap();
        RuleSet::load(&[dir.path().to_path_buf()], true)
            .and_then(|r| crate::facts::FactSet::compile(&r))
            .map(|f| f.relations)
            .map_err(|e| e.0.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_times_relation_is_the_default_kind() {
        let r = load("[[relation]]\nid = \"t\"\nlarger = \"post\"\nsmaller = \"round\"\n").unwrap();
        assert_eq!(r[0].kind, RelationKind::Times);
        assert_eq!(r[0].pairs(), vec![("post", "round")]);
        assert_eq!(r[0].tolerance.to_string(), "0.1");
    }

    #[test]
    fn a_sum_links_its_total_with_each_part_and_is_tight_by_default() {
        let r = load(
            "[[relation]]\nid = \"s\"\nkind = \"sum\"\ntotal = \"post\"\nparts = [\"pre\", \"round\"]\n",
        )
        .unwrap();
        assert_eq!(r[0].kind, RelationKind::Sum);
        assert_eq!(r[0].pairs(), vec![("post", "pre"), ("post", "round")]);
        assert_eq!(r[0].tolerance.to_string(), "0.01");
    }

    #[test]
    fn a_share_has_a_whole_and_a_part() {
        let r = load(
            "[[relation]]\nid = \"f\"\nkind = \"share\"\nwhole = \"post\"\npart = \"round\"\n",
        )
        .unwrap();
        assert_eq!(r[0].kind, RelationKind::Share);
        assert_eq!(
            (r[0].larger.as_str(), r[0].smaller.as_str()),
            ("post", "round")
        );
    }

    #[test]
    fn wrong_relations_are_errors_with_the_rule_id() {
        for (toml, want) in [
            (
                "kind = \"sum\"\ntotal = \"post\"\nparts = [\"pre\"]",
                "two parts or more",
            ),
            (
                "kind = \"sum\"\ntotal = \"post\"\nparts = [\"pre\", \"nope\"]",
                "unknown fact \"nope\"",
            ),
            (
                "kind = \"share\"\nwhole = \"post\"\nsmaller = \"round\"",
                "not smaller",
            ),
            (
                "kind = \"share\"\nwhole = \"sales-usd\"\npart = \"round\"",
                "one kind and currency",
            ),
            (
                "kind = \"ratio\"\nlarger = \"post\"\nsmaller = \"round\"",
                "unknown relation kind",
            ),
            ("larger = \"post\"", "needs smaller"),
        ] {
            let errors = load(&format!("[[relation]]\nid = \"bad\"\n{toml}\n")).unwrap_err();
            assert!(
                errors.iter().any(|e| e.contains(want) && e.contains("bad")),
                "{toml}: {errors:#?}"
            );
        }
    }
}
