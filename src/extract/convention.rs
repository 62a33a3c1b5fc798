//! Local currency conventions: how one source writes an alias that several currencies
//! share and that outlets use for their own money ("$": Singapore, Hong Kong, Canadian
//! and Australian outlets write their dollar as "$" and the US one as "US$").
//!
//! Decided once per source and alias, at the first figure written with the alias, in
//! this order:
//! 1. the source's declaration (front matter or manifest `dollar = "SGD"`);
//! 2. the outlet table (`[[ambiguous.local]]`: outlet names and web domains);
//! 3. the article itself: a `local-if-written` alias ("US$") elsewhere in it means the
//!    bare alias is a local currency, the one whose country words the article uses most.
//!
//! Next to a figure, a currency code written right after it ("$178 million AUD") or
//! right before it ("USD $694m") decides that figure alone. When nothing decides, the
//! alias keeps its default (USD) and the figure carries the other readings, so that a
//! check can say "read as SGD it matches" as a note rather than an error.
//!
//! This module reads the source's metadata and text; it does not read figures.

use crate::quantity::Currency;
use crate::rules::lexicon::{normalize_word, Ambiguity, Lexicon};
use crate::source::Source;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;

/// How an alias is read in one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Something about the source decides it.
    Decided {
        /// The currency.
        currency: Currency,
        /// Why, for `explain`.
        note: String,
    },
    /// Nothing decides: the default, with the other readings kept.
    Open {
        /// The currencies the alias may also mean.
        alternatives: Vec<Currency>,
        /// Why the reading is open, when the article gives a reason to doubt it.
        note: Option<String>,
    },
}

/// The decisions of one source, keyed by normalised alias. Each alias is decided the
/// first time a figure of the source is written with it, so a source with no ambiguous
/// alias pays nothing (no normalised copy of its body is made).
#[derive(Debug)]
pub(crate) struct SourceConventions<'a> {
    source: &'a Source,
    text: &'a str,
    /// The source's body, normalised, made on first need.
    body: OnceCell<String>,
    by_alias: RefCell<BTreeMap<String, Decision>>,
}

/// A currency read for an alias at one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AliasReading {
    pub currency: Currency,
    pub note: Option<String>,
    pub alternatives: Vec<Currency>,
}

impl<'a> SourceConventions<'a> {
    /// The conventions of `source` (its text as `text`; only the body, from
    /// `source.body.start`, is read), decided alias by alias when first asked.
    pub fn new(source: &'a Source, text: &'a str) -> Self {
        SourceConventions {
            source,
            text,
            body: OnceCell::new(),
            by_alias: RefCell::new(BTreeMap::new()),
        }
    }

    /// How the source reads the ambiguous alias `key` (normalised), once decided.
    fn decision(&self, lexicon: &Lexicon, key: &str, amb: &Ambiguity) -> Decision {
        if let Some(d) = self.by_alias.borrow().get(key) {
            return d.clone();
        }
        let source = self.source;
        let raw = self.text.get(source.body.start..).unwrap_or(self.text);
        let body = || {
            self.body
                .get_or_init(|| normalize_word(raw))
                .as_str()
        };
        // Aliases that contain this one ("A$" and "US$" contain "$") are looked for
        // only around the places the article writes it, not in the whole body.
        let near = around_alias(raw, key);
        let written = |alias: &str| match near.as_deref() {
            Some(near) if alias.contains(key) => contains_alias(near, alias),
            _ => contains_alias(body(), alias),
        };
        // local currencies the article writes with their own sign ("A$"): its bare
        // alias is then not that currency
        let explicit: Vec<Currency> = amb
            .locals
            .iter()
            .map(|l| l.currency)
            .filter(|c| {
                lexicon.symbols.iter().any(|(sym, sc)| {
                    sc == c && sym.contains(key) && {
                        let sym = normalize_word(sym);
                        sym != key && written(&sym)
                    }
                })
            })
            .collect();
        let d = decide_alias(key, amb, source, &written, body, &explicit);
        self.by_alias
            .borrow_mut()
            .insert(key.to_string(), d.clone());
        d
    }

    /// The reading of `alias` at a figure spanning `start..end` of `text`, when the
    /// alias has local readings.
    pub fn read(
        &self,
        lexicon: &Lexicon,
        alias: &str,
        start: usize,
        end: usize,
        text: &str,
    ) -> Option<AliasReading> {
        let key = normalize_word(alias);
        let amb = lexicon.ambiguous.get(&key)?;
        if !amb.declared_by_source && amb.locals.is_empty() {
            return None;
        }
        let allowed = |c: Currency| c == amb.default || amb.locals.iter().any(|l| l.currency == c);
        let after = text.get(end..).and_then(code_after);
        let before = text.get(..start).and_then(code_before);
        for (code, side) in [(after, "follows"), (before, "precedes")] {
            let Some(code) = code.and_then(|c| lexicon.currency_of(c).map(|cur| (c, cur))) else {
                continue;
            };
            if allowed(code.1) {
                return Some(AliasReading {
                    currency: code.1,
                    note: Some(format!(
                        "\"{alias}\" read as {}: \"{}\" {side} the figure",
                        code.1, code.0
                    )),
                    alternatives: Vec::new(),
                });
            }
        }
        Some(match self.decision(lexicon, &key, amb) {
            Decision::Decided { currency, note } => AliasReading {
                currency,
                note: Some(note),
                alternatives: Vec::new(),
            },
            Decision::Open { alternatives, note } => AliasReading {
                currency: amb.default,
                note,
                alternatives,
            },
        })
    }
}

fn decide_alias<'b>(
    alias: &str,
    amb: &Ambiguity,
    source: &Source,
    written: &dyn Fn(&str) -> bool,
    body: impl FnOnce() -> &'b str,
    explicit: &[Currency],
) -> Decision {
    if amb.declared_by_source {
        if let Some(c) = source.dollar {
            return Decision::Decided {
                currency: c,
                note: format!("\"{alias}\" read as {c}: the source declares dollar = \"{c}\""),
            };
        }
    }
    let outlet = source.outlet.as_deref().map(normalize_word);
    let host = source.url.as_deref().and_then(url_host);
    for local in &amb.locals {
        if let Some(o) = outlet.as_ref().filter(|o| local.outlets.contains(o)) {
            return Decision::Decided {
                currency: local.currency,
                note: format!(
                    "\"{alias}\" read as {}: the outlet \"{o}\" writes its own currency as \"{alias}\" (outlet table)",
                    local.currency
                ),
            };
        }
        if let Some(h) = host.as_ref().filter(|h| {
            local
                .domains
                .iter()
                .any(|d| *h == d || h.ends_with(&format!(".{d}")))
        }) {
            return Decision::Decided {
                currency: local.currency,
                note: format!(
                    "\"{alias}\" read as {}: the outlet at {h} writes its own currency as \"{alias}\" (outlet table)",
                    local.currency
                ),
            };
        }
    }
    let alternatives: Vec<Currency> = amb
        .locals
        .iter()
        .map(|l| l.currency)
        .filter(|c| *c != amb.default)
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    let Some(written) = amb
        .local_if_written
        .iter()
        .find(|w| written(w))
    else {
        return Decision::Open {
            alternatives,
            note: None,
        };
    };
    // The local currency is the one whose country the article names most (ties: the
    // table's order), unless the article writes that one with its own sign too ("A$55
    // million (US$35.8 million)": both are spelled out, a bare "$" is the default).
    let counts = word_counts(body(), amb.locals.iter().flat_map(|l| &l.words));
    let mut best: Option<(usize, Currency, &str)> = None;
    for local in amb
        .locals
        .iter()
        .filter(|l| !explicit.contains(&l.currency))
    {
        let mut count = 0usize;
        let mut first: Option<&str> = None;
        for w in &local.words {
            let n = counts.get(w.as_str()).copied().unwrap_or(0);
            if n > 0 && first.is_none() {
                first = Some(w);
            }
            count += n;
        }
        if let Some(w) = first {
            if best.as_ref().is_none_or(|(n, _, _)| count > *n) {
                best = Some((count, local.currency, w));
            }
        }
    }
    match best {
        Some((_, c, word)) => Decision::Decided {
            currency: c,
            note: format!(
                "\"{alias}\" read as {c}: the article writes \"{}\" for US dollars elsewhere, and it is about \"{word}\"",
                written.to_uppercase()
            ),
        },
        None => Decision::Open {
            alternatives,
            note: Some(format!(
                "\"{alias}\" read as {}, though the article writes \"{}\" elsewhere: it may be a local currency, and nothing says which",
                amb.default,
                written.to_uppercase()
            )),
        },
    }
}

/// Whether `alias` (normalised) is written in `body` (normalised) with no letter glued
/// before it.
fn contains_alias(body: &str, alias: &str) -> bool {
    if alias.is_empty() {
        return false;
    }
    body.match_indices(alias).any(|(i, _)| {
        body.get(..i)
            .and_then(|b| b.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// How many times each of `words` is written in `body`, in one pass: where several
/// start at one place, the longest is counted ("australien", not also "australie").
fn word_counts<'w>(
    body: &str,
    words: impl Iterator<Item = &'w String>,
) -> BTreeMap<&'w str, usize> {
    let mut words: Vec<&str> = words.map(String::as_str).filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let mut counts: BTreeMap<&str, usize> = words.iter().map(|w| (*w, 0)).collect();
    let alternation: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    let Ok(re) = regex::Regex::new(&alternation.join("|")) else {
        return counts;
    };
    for m in re.find_iter(body) {
        if let Some(n) = counts.get_mut(m.as_str()) {
            *n += 1;
        }
    }
    counts
}

/// The normalised text around each place `raw` writes `key` (normalised), one stretch a
/// line, wide enough to hold any alias written across it; `None` when `key` has letters,
/// digits, spaces or an apostrophe (normalising may change those, so the caller reads
/// the whole normalised body instead). A stretch cut inside a word starts with a letter,
/// so that an alias at its start is still seen as glued to that word.
fn around_alias(raw: &str, key: &str) -> Option<String> {
    const REACH: usize = 32;
    if key.is_empty()
        || key
            .chars()
            .any(|c| c.is_alphanumeric() || c.is_whitespace() || c == '\'' || c == '\u{2019}')
    {
        return None;
    }
    let mut out = String::new();
    let mut flush = |from: usize, to: usize| {
        let glued = raw
            .get(..from)
            .and_then(|b| b.chars().next_back())
            .is_some_and(char::is_alphanumeric);
        if glued {
            out.push('a');
        }
        out.push_str(&normalize_word(raw.get(from..to).unwrap_or("")));
        out.push('\n');
    };
    let mut open: Option<(usize, usize)> = None;
    // A one-character alias is looked for as a character (memchr), not as a string.
    let mut chars = key.chars();
    let places: Box<dyn Iterator<Item = usize>> = match (chars.next(), chars.next()) {
        (Some(c), None) => Box::new(raw.match_indices(c).map(|(i, _)| i)),
        _ => Box::new(raw.match_indices(key).map(|(i, _)| i)),
    };
    for i in places {
        let head = raw.get(..i).unwrap_or("");
        let from = head.char_indices().rev().nth(REACH - 1).map_or(0, |(j, _)| j);
        let end = i + key.len();
        let tail = raw.get(end..).unwrap_or("");
        let to = tail.char_indices().nth(REACH).map_or(raw.len(), |(j, _)| end + j);
        open = match open {
            Some((f, t)) if from <= t => Some((f, to.max(t))),
            Some((f, t)) => {
                flush(f, t);
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((f, t)) = open {
        flush(f, t);
    }
    Some(out)
}

/// The host of a URL, lower case, without "www.".
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A three-letter upper-case code right after a figure (one space between).
fn code_after(rest: &str) -> Option<&str> {
    let r = rest.strip_prefix([' ', '\u{a0}', '\u{202f}'])?;
    let code = r.get(..3)?;
    let next = r.get(3..)?.chars().next();
    (code.chars().all(|c| c.is_ascii_uppercase()) && next.is_none_or(|c| !c.is_alphanumeric()))
        .then_some(code)
}

/// A three-letter upper-case code right before a figure (one space between).
fn code_before(head: &str) -> Option<&str> {
    let h = head.strip_suffix([' ', '\u{a0}', '\u{202f}'])?;
    let start = h.len().checked_sub(3)?;
    let code = h.get(start..)?;
    let prev = h.get(..start)?.chars().next_back();
    (code.chars().all(|c| c.is_ascii_uppercase()) && prev.is_none_or(|c| !c.is_alphanumeric()))
        .then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_mentions;
    use crate::rules::RuleSet;
    use std::str::FromStr;

    /// The currency, note and other readings of the first figure of `text`, with the
    /// source's metadata set by `meta`.
    fn first(text: &str, meta: impl Fn(&mut Source)) -> (String, String, Vec<String>) {
        let rules = RuleSet::bundled().unwrap();
        let mut src = Source::from_text("t.md", text, "en");
        meta(&mut src);
        let m = extract_mentions(&rules, &src).into_iter().next().unwrap();
        (
            m.quantity.unit.currency().unwrap().to_string(),
            m.reading.currency_note.unwrap_or_default(),
            m.reading
                .currency_alternatives
                .iter()
                .map(ToString::to_string)
                .collect(),
        )
    }

    /// What, text, source metadata, currency, a part of the note, other readings.
    type Row = (
        &'static str,
        &'static str,
        Box<dyn Fn(&mut Source)>,
        &'static str,
        &'static str,
        Vec<String>,
    );

    #[test]
    fn a_bare_dollar_is_decided_in_order() {
        let open = ["SGD", "HKD", "AUD", "CAD", "NZD"]
            .map(String::from)
            .to_vec();
        #[rustfmt::skip]
        let rows: Vec<Row> = vec![
            ("nothing decides: USD, other readings kept", "It raised $250 million in Singapore.",
                Box::new(|_| {}), "USD", "", open.clone()),
            ("the source declares its dollar", "It raised $250 million.",
                Box::new(|s| s.dollar = Some(Currency::from_str("SGD").unwrap())), "SGD",
                "the source declares dollar = \"SGD\"", vec![]),
            ("the declaration wins over the outlet table", "It raised $250 million.",
                Box::new(|s| { s.dollar = Some(Currency::from_str("CAD").unwrap()); s.outlet = Some("The Straits Times".into()); }),
                "CAD", "declares", vec![]),
            ("the outlet table, by name (any case)", "It raised $250 million.",
                Box::new(|s| s.outlet = Some("the straits times".into())), "SGD", "outlet table", vec![]),
            ("the outlet table, by domain", "It raised $250 million.",
                Box::new(|s| s.url = Some("https://www.scmp.com/business/x".into())), "HKD", "scmp.com", vec![]),
            ("a country's domain", "It raised $250 million.",
                Box::new(|s| s.url = Some("https://news.example.com.au/a".into())), "AUD", "outlet table", vec![]),
            ("not a country domain: a look-alike host", "It raised $250 million.",
                Box::new(|s| s.url = Some("https://beau.example.com/a".into())), "USD", "", open.clone()),
            ("US$ elsewhere and the country named", "Grab raised $1.2 billion, or US$900 million, in Singapore.",
                Box::new(|_| {}), "SGD", "writes \"US$\" for US dollars elsewhere", vec![]),
            ("US$ and A$ both written: a bare $ stays USD", "Brussels fined it $3.45 billion; in Australia it paid A$55 million (US$35.8 million).",
                Box::new(|_| {}), "USD", "nothing says which", open.clone()),
            ("US$ elsewhere, no country: still USD, said to be open", "It raised $1.2 billion, or US$900 million.",
                Box::new(|_| {}), "USD", "nothing says which", open.clone()),
            ("a code after the figure", "Ek put $178 million AUD into it.",
                Box::new(|s| s.outlet = Some("The Straits Times".into())), "AUD", "\"AUD\" follows the figure", vec![]),
            ("a code before the figure", "It raised USD $694m.",
                Box::new(|s| s.outlet = Some("The Straits Times".into())), "USD", "\"USD\" precedes the figure", vec![]),
            ("a word in capitals after it is no code", "It paid $5 million CASH.",
                Box::new(|_| {}), "USD", "", open.clone()),
        ];
        for (what, text, meta, cur, note, alts) in rows {
            let (c, n, a) = first(text, meta);
            assert_eq!(c, cur, "{what}");
            assert!(n.contains(note), "{what}: {n:?}");
            assert_eq!(a, alts, "{what}");
        }
    }

    #[test]
    fn hosts() {
        for (url, want) in [
            (
                "https://www.straitstimes.com/business/x",
                Some("straitstimes.com"),
            ),
            ("http://scmp.com", Some("scmp.com")),
            (
                "https://user@news.example.org:8080/a?b",
                Some("news.example.org"),
            ),
            ("", None),
        ] {
            assert_eq!(url_host(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn codes_next_to_a_figure() {
        assert_eq!(code_after(" AUD, said"), Some("AUD"));
        assert_eq!(code_after(" AUDIT"), None);
        assert_eq!(code_after("AUD"), None);
        assert_eq!(code_after(" aud"), None);
        assert_eq!(code_before("raised USD "), Some("USD"));
        assert_eq!(code_before("XUSD "), None);
        assert_eq!(code_before("USD"), None);
    }

    #[test]
    fn aliases_are_looked_for_around_the_sign_only() {
        let near = |raw: &str| around_alias(raw, "$").unwrap();
        // the same answers as the whole normalised body
        for (raw, alias, want) in [
            ("It paid US$ 3 billion and $2 billion.", "us$", true),
            ("It paid US  $3 billion.", "us $", true),
            ("It paid bonus$3.", "us$", false),
            ("No sign at all, US dollars.", "us$", false),
            ("A$55 million (US$35.8 million)", "a$", true),
        ] {
            assert_eq!(contains_alias(&near(raw), alias), want, "{raw}");
            assert_eq!(contains_alias(&normalize_word(raw), alias), want, "{raw}");
        }
        // a stretch cut inside a long word keeps the alias glued to it
        let long = format!("{}us$3", "x".repeat(40));
        assert!(!contains_alias(&near(&long), "us$"));
        // one stretch per place, far apart; none for an alias with letters
        let far = format!("$1 {} $2", "word ".repeat(40));
        assert_eq!(near(&far).lines().count(), 2);
        assert_eq!(around_alias("kr 5", "kr"), None);
    }

    #[test]
    fn country_words_are_counted_once_per_place() {
        let words = ["australie", "australien", "sydney", "canada"].map(String::from);
        let counts = word_counts(
            "l'australien de sydney, en australie; sydney encore",
            words.iter(),
        );
        let got: Vec<(&str, usize)> = counts.into_iter().collect();
        assert_eq!(
            got,
            [("australie", 1), ("australien", 1), ("canada", 0), ("sydney", 2)]
        );
    }

    #[test]
    fn aliases_written_elsewhere() {
        assert!(contains_alias("worth us$ 3 billion", "us$"));
        assert!(contains_alias("us$3 billion", "us$"));
        assert!(!contains_alias("bonus$3", "us$"));
        assert!(!contains_alias("anything", ""));
    }
}
