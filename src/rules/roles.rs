//! The frames stage's words for one language, compiled from the packs' `[[role]]` and
//! `[frames]` tables: role words and references as stem phrases, clause breaks, time
//! words, and the capitalised words that are not names.

use crate::error::{Error, Location};
use crate::rules::load::LoadedPack;
use crate::text::words::{phrase_stems, WordStemmer};
use std::collections::BTreeMap;

/// One role word or phrase.
#[derive(Debug, Clone)]
pub struct RoleWord {
    /// The role id ("valuation").
    pub role: String,
    /// The words as written in the pack.
    pub written: String,
    /// Their stems.
    pub stems: Vec<String>,
}

/// A language's frame words.
#[derive(Debug, Clone)]
pub struct FrameLexicon {
    /// Language code.
    pub lang: String,
    /// The stemmer.
    pub stemmer: WordStemmer,
    /// Role words, longest phrase first.
    pub roles: Vec<RoleWord>,
    /// Every role id known, with the roles that may stand for it.
    pub role_ids: BTreeMap<String, Vec<String>>,
    /// References to the article's subject, as lower-case words, and whether each is a
    /// pronoun.
    pub references: Vec<(String, Vec<String>, bool)>,
    /// Clause breaks, as lower-case word sequences.
    pub clause_breaks: Vec<Vec<String>>,
    /// Horizon words before a year, as lower-case word sequences.
    pub horizon: Vec<Vec<String>>,
    /// "last year" phrases, as lower-case word sequences.
    pub last_year: Vec<Vec<String>>,
    /// Words that introduce whom a figure is for (lower case).
    pub beneficiaries: Vec<String>,
    /// Prepositions before place names (lower case).
    pub prepositions: Vec<String>,
    /// First words of an apposition or relative clause (lower case).
    pub apposition: Vec<String>,
    /// Words next to a name that make it a news source, as lower-case word sequences.
    pub news_sources: Vec<Vec<String>>,
    /// Month names (lower case), January first.
    pub months: Vec<String>,
    /// Capitalised words that are not names (lower case).
    pub not_names: Vec<String>,
    /// Words that make a valuation the pre-money one: as written, and as lower-case
    /// word sequences.
    pub pre_money: Vec<(String, Vec<String>)>,
}

fn lower_words(s: &str) -> Vec<String> {
    crate::text::words::tokenize(s, 0, s.len(), &WordStemmer::for_lang(""))
        .into_iter()
        .map(|t| t.lower)
        .collect()
}

/// Every valid role id of the packs, with the roles that may stand for it, and
/// "parameters": what a `[[fact]]`'s `measure` may name. (Errors in the role tables are
/// reported by [`compile_frames`].)
pub fn role_ids(packs: &[LoadedPack]) -> BTreeMap<String, Vec<String>> {
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    ids.insert("parameters".to_string(), Vec::new());
    for file in packs.iter().flat_map(|p| &p.files) {
        for r in &file.contents.role {
            let id = r.id.get_ref();
            let ok = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if ok && !r.words.is_empty() {
                let e = ids.entry(id.clone()).or_default();
                e.extend(r.related.iter().cloned());
                e.sort();
                e.dedup();
            }
        }
    }
    ids
}

/// The frame words of `lang`: packs of that language and `*` packs, in load order.
pub fn compile_frames(packs: &[LoadedPack], lang: &str, errors: &mut Vec<Error>) -> FrameLexicon {
    let stemmer = WordStemmer::for_lang(lang);
    let mut lex = FrameLexicon {
        lang: lang.to_string(),
        roles: Vec::new(),
        role_ids: BTreeMap::new(),
        references: Vec::new(),
        clause_breaks: Vec::new(),
        horizon: Vec::new(),
        last_year: Vec::new(),
        months: Vec::new(),
        news_sources: Vec::new(),
        apposition: Vec::new(),
        prepositions: Vec::new(),
        beneficiaries: Vec::new(),
        not_names: Vec::new(),
        pre_money: Vec::new(),
        stemmer: WordStemmer::for_lang(lang),
    };
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pack in packs.iter().filter(|p| p.lang() == lang || p.lang() == "*") {
        for file in &pack.files {
            for r in &file.contents.role {
                let id = r.id.get_ref();
                let ok = !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !ok || r.words.is_empty() {
                    let at = Location::at_offset(&file.origin.path, &file.text, r.id.span().start);
                    let msg = if ok {
                        format!("role \"{id}\" has no words")
                    } else {
                        format!("role id \"{id}\" must be lower-case letters, digits or -")
                    };
                    if pack.lang() == lang {
                        errors.push(Error::rule_error(msg).at(at).rule(id));
                    }
                    continue;
                }
                ids.entry(id.clone())
                    .or_default()
                    .extend(r.related.iter().cloned());
                for w in &r.words {
                    let stems = phrase_stems(w, &stemmer);
                    if !stems.is_empty() {
                        lex.roles.push(RoleWord {
                            role: id.clone(),
                            written: w.clone(),
                            stems,
                        });
                    }
                }
            }
            if let Some(f) = &file.contents.frames {
                for (w, pronoun) in f
                    .references
                    .iter()
                    .map(|w| (w, false))
                    .chain(f.pronouns.iter().map(|w| (w, true)))
                {
                    let words = lower_words(w);
                    if !words.is_empty() {
                        lex.references.push((w.clone(), words, pronoun));
                    }
                }
                lex.clause_breaks
                    .extend(f.clause_breaks.iter().map(|w| lower_words(w)));
                lex.horizon.extend(f.horizon.iter().map(|w| lower_words(w)));
                lex.last_year
                    .extend(f.last_year.iter().map(|w| lower_words(w)));
                lex.apposition
                    .extend(f.apposition.iter().map(|w| w.to_lowercase()));
                lex.prepositions
                    .extend(f.prepositions.iter().map(|w| w.to_lowercase()));
                lex.beneficiaries
                    .extend(f.beneficiaries.iter().map(|w| w.to_lowercase()));
                lex.news_sources
                    .extend(f.news_sources.iter().map(|w| lower_words(w)));
                if !f.months.is_empty() {
                    lex.months = f.months.iter().map(|m| m.to_lowercase()).collect();
                }
                lex.not_names
                    .extend(f.not_names.iter().map(|w| w.to_lowercase()));
                lex.pre_money
                    .extend(f.pre_money.iter().map(|w| (w.clone(), lower_words(w))));
            }
        }
    }
    lex.roles.sort_by(|a, b| {
        b.stems
            .len()
            .cmp(&a.stems.len())
            .then(a.written.cmp(&b.written))
    });
    lex.references.sort_by_key(|r| std::cmp::Reverse(r.1.len()));
    lex.not_names.sort();
    lex.not_names.dedup();
    lex.role_ids = ids;
    lex
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// Every word list of the bundled `[frames]` tables reaches the compiled lexicon.
    #[test]
    fn bundled_frame_words_are_all_loaded() {
        let rules = crate::rules::RuleSet::bundled().unwrap();
        for lang in ["fr", "en"] {
            let l = rules.frames.get(lang).unwrap();
            let lists = [
                ("roles", l.roles.len()),
                ("references", l.references.len()),
                ("clause breaks", l.clause_breaks.len()),
                ("horizon", l.horizon.len()),
                ("last year", l.last_year.len()),
                ("months", l.months.len()),
                ("news sources", l.news_sources.len()),
                ("apposition", l.apposition.len()),
                ("prepositions", l.prepositions.len()),
                ("beneficiaries", l.beneficiaries.len()),
                ("not names", l.not_names.len()),
                ("pre-money", l.pre_money.len()),
            ];
            for (name, n) in lists {
                assert!(n > 0, "{lang}: no {name}");
            }
            assert_eq!(l.months.len(), 12, "{lang}");
            assert!(l.references.iter().any(|r| r.2), "{lang}: no pronouns");
        }
    }
}
