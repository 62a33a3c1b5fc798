//! Names a discovered fact can be about: runs of capitalised words ("Kelong Robotics",
//! "Alibaba Cloud") found in the headline and body of at least `min_sources` sources.
//! The first word of a run stands for the run ("Alibaba Cloud" is "Alibaba"), so that one
//! company's names meet in one entity; a word that never stands alone is no name by
//! itself, and the run it opens is ("Jack Ma", not "Jack").
//!
//! What is not a name: a word some source writes in lower case ("Why" opening a
//! sentence, when "why" occurs elsewhere), a word of the language's `not-names` list in
//! its roles.toml (users extend it there), and a currency's code or name ("RMB",
//! "Yuan"). Such words are dropped from the front of a run: "Why Kelong Robotics..."
//! names Kelong Robotics.

use crate::rules::lexicon::normalize_word;
use crate::rules::roles::FrameLexicon;
use crate::rules::RuleSet;
use crate::source::Source;
use crate::text::words::{tokenize, WordStemmer};
use std::collections::{BTreeMap, BTreeSet};

/// Whether the word at `start` opens a sentence or a line (so its capital says nothing,
/// and a lower-case word there is no evidence either).
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    match before
        .trim_end_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next_back()
    {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!' | '?' | '\n' | '"' | '«' | '“' | '—' | '–' | '-' | '#' | '*' | '>'
        ),
    }
}

/// A run of capitalised words next to each other: (lower case, as written) each.
type Run = Vec<(String, String)>;

/// The runs of capitalised words of one text; the words it writes in lower case (not at
/// a sentence's start) go into `lower`.
fn runs_in(
    text: &str,
    from: usize,
    to: usize,
    stemmer: &WordStemmer,
    lower: &mut BTreeSet<String>,
) -> Vec<Run> {
    let tokens = tokenize(text, from, to, stemmer);
    let mut out: Vec<Run> = Vec::new();
    let mut run: Run = Vec::new();
    let mut run_end: Option<usize> = None;
    for t in &tokens {
        if !t.capitalised {
            if !opens_sentence(text, t.start) {
                lower.insert(t.lower.clone());
            }
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            run_end = None;
            continue;
        }
        let glued = run_end.is_some_and(|end| t.start <= end + 1);
        if !glued && !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        if let Some(w) = text.get(t.start..t.end) {
            run.push((t.lower.clone(), w.to_string()));
        }
        run_end = Some(t.end);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// What makes a word no name: the words written in lower case somewhere, the
/// `not-names` of each language, the currencies' codes and one-word names.
struct NotNames {
    lower: BTreeSet<String>,
    listed: BTreeSet<String>,
    currencies: BTreeSet<String>,
}

impl NotNames {
    /// Whether a word can open a name.
    fn can_open(&self, lower: &str) -> bool {
        lower.chars().count() > 2
            && lower.chars().all(char::is_alphabetic)
            && self.can_follow(lower)
    }

    /// Whether a word can be part of a name after its first word.
    fn can_follow(&self, lower: &str) -> bool {
        !self.lower.contains(lower)
            && !self.listed.contains(lower)
            && !self.currencies.contains(&normalize_word(lower))
    }
}

/// The currency words of a language's lexicon: codes, and names and symbols that are
/// one alphabetic word, normalised.
fn currency_words(rules: &RuleSet, lang: &str, out: &mut BTreeSet<String>) {
    let Some(m) = rules.matcher(lang) else {
        return;
    };
    let lex = &m.lexicon;
    for (alias, cur) in lex.symbols.iter().chain(lex.names.iter()) {
        out.insert(cur.as_str().to_lowercase());
        let norm = normalize_word(alias);
        if !norm.is_empty() && norm.chars().all(char::is_alphabetic) {
            out.insert(norm);
        }
    }
}

/// One name's sightings.
#[derive(Default)]
struct Seen {
    sources: BTreeSet<usize>,
    /// Its first spelling.
    written: String,
    /// Whether it stood alone somewhere.
    alone: bool,
    /// The longer runs it opened: text → (count, first seen).
    runs: BTreeMap<String, (usize, usize)>,
}

/// Names found in at least `min_sources` sources, lower-case key → as first written
/// (the earliest source's spelling).
pub fn shared_names(
    rules: &RuleSet,
    sources: &[Source],
    min_sources: usize,
) -> BTreeMap<String, String> {
    let mut not = NotNames {
        lower: BTreeSet::new(),
        listed: BTreeSet::new(),
        currencies: BTreeSet::new(),
    };
    let mut langs: BTreeSet<&str> = BTreeSet::new();
    let mut runs: Vec<(usize, Vec<Run>)> = Vec::with_capacity(sources.len());
    for (i, s) in sources.iter().enumerate() {
        let lex: Option<&FrameLexicon> = rules.frames.get(&s.lang);
        let plain = WordStemmer::for_lang("");
        let stemmer = lex.map_or(&plain, |l| &l.stemmer);
        let mut rs = runs_in(&s.text, s.body.start, s.body.end, stemmer, &mut not.lower);
        if let Some(h) = s.headline.as_deref() {
            rs.extend(runs_in(h, 0, h.len(), stemmer, &mut not.lower));
        }
        if langs.insert(s.lang.as_str()) {
            if let Some(l) = lex {
                not.listed.extend(l.not_names.iter().cloned());
            }
            currency_words(rules, &s.lang, &mut not.currencies);
        }
        runs.push((i, rs));
    }
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let mut order = 0usize;
    for (i, rs) in runs {
        for run in rs {
            // drop what is no name from the front; a word that is none ends the run
            let Some(start) = run.iter().position(|(l, _)| not.can_open(l)) else {
                continue;
            };
            let rest = run.get(start..).unwrap_or(&[]);
            let len = rest
                .iter()
                .skip(1)
                .position(|(l, _)| !not.can_follow(l))
                .map_or(rest.len(), |p| p + 1);
            let name = rest.get(..len).unwrap_or(&[]);
            let Some((key, written)) = name.first() else {
                continue;
            };
            let e = seen.entry(key.clone()).or_insert_with(|| Seen {
                written: written.clone(),
                ..Seen::default()
            });
            e.sources.insert(i);
            if name.len() == 1 {
                e.alone = true;
            } else {
                let text: Vec<&str> = name.iter().map(|(_, w)| w.as_str()).collect();
                order += 1;
                let r = e.runs.entry(text.join(" ")).or_insert((0, order));
                r.0 += 1;
            }
        }
    }
    seen.into_values()
        .filter(|s| s.sources.len() >= min_sources)
        .filter_map(|s| {
            let shown = if s.alone {
                s.written
            } else {
                // the run it opens most often (ties: the first seen)
                s.runs
                    .into_iter()
                    .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
                    .map(|(t, _)| t)?
            };
            Some((shown.to_lowercase(), shown))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::source::Source;

    fn names(texts: &[&str]) -> Vec<String> {
        let rules = RuleSet::bundled().unwrap();
        let sources: Vec<Source> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Source::from_text(format!("s{i}.md"), *t, "en"))
            .collect();
        shared_names(&rules, &sources, 2).into_values().collect()
    }

    #[test]
    fn a_run_is_named_by_its_first_word_when_that_word_stands_alone() {
        let n = names(&[
            "Yesterday Borvik Labs said it raised money. Then Borvik grew.",
            "Analysts expect Borvik to grow.",
        ]);
        assert_eq!(n, vec!["Borvik"]);
    }

    #[test]
    fn sentence_openers_written_in_lower_case_elsewhere_are_no_names() {
        // "Shares" opens sentences in both; "shares" is written in lower case once.
        let n = names(&[
            "Shares of Borvik rose. The shares fell later.",
            "Shares of Borvik fell.",
        ]);
        assert_eq!(n, vec!["Borvik"]);
    }

    #[test]
    fn listed_not_names_are_no_names() {
        // "Why" and "Wall Street" are in the English not-names of rules/en/roles.toml.
        let n = names(&[
            "Why Borvik matters. Wall Street likes Borvik.",
            "Why Borvik fell. Wall Street shrugged.",
        ]);
        assert_eq!(n, vec!["Borvik"]);
    }

    #[test]
    fn currency_codes_and_names_are_no_names() {
        let n = names(&[
            "RMB deposits grew at Borvik. Yuan loans too.",
            "RMB bonds and Yuan notes at Borvik.",
        ]);
        assert_eq!(n, vec!["Borvik"]);
    }

    #[test]
    fn a_first_name_never_alone_gives_way_to_the_full_name() {
        let n = names(&[
            "The founder Jack Ma spoke. Borvik listened.",
            "Its co-founder Jack Ma was there, and Borvik too.",
        ]);
        assert_eq!(n, vec!["Borvik", "Jack Ma"]);
    }

    #[test]
    fn a_company_opening_a_sentence_names_its_run() {
        let n = names(&[
            "Kelong Robotics raised money.",
            "Kelong Robotics builds robots.",
        ]);
        assert_eq!(n, vec!["Kelong Robotics"]);
    }
}
