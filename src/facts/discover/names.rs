//! Names a discovered fact can be about: capitalised words found in the headline and
//! body of at least `min_sources` sources, that no source writes in lower case. The
//! first word of a run of capitalised words stands for the run ("Alibaba Cloud" is
//! "Alibaba"), so that one company's names meet in one entity.

use crate::frames::lexicon::FrameLexicon;
use crate::frames::tokens::{tokenize, WordStemmer};
use crate::rules::RuleSet;
use crate::source::Source;
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

/// The capitalised words of one text that start a run of capitalised words (lower-case
/// key → as written), and the words it writes in lower case.
fn names_in(
    text: &str,
    from: usize,
    to: usize,
    lex: Option<&FrameLexicon>,
    lower: &mut BTreeSet<String>,
) -> BTreeMap<String, String> {
    let plain = WordStemmer::for_lang("");
    let stemmer = lex.map_or(&plain, |l| &l.stemmer);
    let tokens = tokenize(text, from, to, stemmer);
    let mut out = BTreeMap::new();
    // The end of the previous token when it was (part of) a name.
    let mut run_end: Option<usize> = None;
    for t in &tokens {
        let glued = run_end.is_some_and(|end| t.capitalised && t.start <= end + 1);
        let is_name = t.capitalised
            && !glued
            && t.lower.chars().count() > 2
            && t.lower.chars().all(char::is_alphabetic)
            && lex.is_none_or(|l| l.not_names.binary_search(&t.lower).is_err());
        // A sentence's first word does not start a run: "Yesterday Borvik" names Borvik.
        run_end = ((is_name && !opens_sentence(text, t.start)) || glued).then_some(t.end);
        if !t.capitalised && !opens_sentence(text, t.start) {
            lower.insert(t.lower.clone());
        }
        if is_name {
            if let Some(w) = text.get(t.start..t.end) {
                out.entry(t.lower.clone()).or_insert_with(|| w.to_string());
            }
        }
    }
    out
}

/// Names found in at least `min_sources` sources, lower-case key → as first written
/// (the earliest source's spelling).
pub fn shared_names(
    rules: &RuleSet,
    sources: &[Source],
    min_sources: usize,
) -> BTreeMap<String, String> {
    let mut seen: BTreeMap<String, (BTreeSet<usize>, String)> = BTreeMap::new();
    // Words some source writes in lower case are words, not names.
    let mut lower = BTreeSet::new();
    for (i, s) in sources.iter().enumerate() {
        let lex = rules.frames.get(&s.lang);
        let mut names = names_in(&s.text, s.body.start, s.body.end, lex, &mut lower);
        if let Some(h) = s.headline.as_deref() {
            for (k, v) in names_in(h, 0, h.len(), lex, &mut lower) {
                names.entry(k).or_insert(v);
            }
        }
        for (k, v) in names {
            let e = seen.entry(k).or_insert_with(|| (BTreeSet::new(), v));
            e.0.insert(i);
        }
    }
    seen.into_iter()
        .filter(|(k, (s, _))| s.len() >= min_sources && !lower.contains(k))
        .map(|(k, (_, v))| (k, v))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn first_word_of_a_capitalised_run_not_sentence_openers() {
        let t = "Yesterday Borvik Labs said it raised money. Then Borvik grew.";
        let mut lower = BTreeSet::new();
        let n = names_in(t, 0, t.len(), None, &mut lower);
        assert_eq!(
            n.keys().collect::<Vec<_>>(),
            vec!["borvik", "then", "yesterday"]
        );
        assert!(lower.contains("said"));
    }
}
