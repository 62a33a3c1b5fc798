//! The word tables of one language, merged from the packs that apply to it (the packs of
//! that language and the "*" packs): currency aliases, ambiguous aliases, scale words,
//! qualifiers, digit separators and spelled-out numbers. Later packs add to earlier ones
//! and override a word's meaning.

use crate::quantity::{Currency, Qualifier};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How digits are written in a language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NumberFormat {
    /// Decimal separators.
    pub decimal: Vec<char>,
    /// Thousands separators.
    pub group: Vec<char>,
}

/// An alias several currencies share, decided by nearby words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// The currency when no cue is near.
    pub default: Currency,
    /// Cue words (lower-case) and the currency they select, in order.
    pub cues: Vec<(Currency, Vec<String>)>,
    /// Bytes looked at on each side of the figure.
    pub window: usize,
    /// Whether the source's declared `dollar` decides this alias.
    pub declared_by_source: bool,
    /// Aliases (normalised) whose presence in the article means a local reading.
    pub local_if_written: Vec<String>,
    /// Local readings, in table order.
    pub locals: Vec<LocalConvention>,
}

/// Who writes an ambiguous alias for a local currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalConvention {
    /// The local currency.
    pub currency: Currency,
    /// Outlet names, normalised.
    pub outlets: Vec<String>,
    /// Web domains, lower case.
    pub domains: Vec<String>,
    /// Country words, normalised.
    pub words: Vec<String>,
}

/// The tables of one language.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Language code.
    pub lang: String,
    /// Currency symbols and codes, as written, with their currency.
    pub symbols: BTreeMap<String, Currency>,
    /// Currency names, as written, with their currency.
    pub names: BTreeMap<String, Currency>,
    /// Ambiguous aliases, keyed by normalised alias.
    pub ambiguous: BTreeMap<String, Ambiguity>,
    /// Scale words, as written, with their factor.
    pub scales: BTreeMap<String, Decimal>,
    /// Qualifier words, as written, with their kind.
    pub qualifiers: BTreeMap<String, Qualifier>,
    /// Digit separators.
    pub numbers: NumberFormat,
    /// Fraction words, normalised, with their denominator ("tiers" = 3).
    pub fractions: BTreeMap<String, u32>,
    /// Spelled-out number words and their values.
    pub spelled: BTreeMap<String, u64>,
    /// Words joining spelled-out numbers ("et", "and").
    pub connectors: Vec<String>,
    /// Whether number words may be glued into one word ("achtundsiebzig").
    pub spelled_compound: bool,
    /// Words introducing a part of the figure before ("dont"), normalised.
    pub part_of: Vec<String>,
    /// Words between a figure and its conversion ("soit"), normalised.
    pub conversion: Vec<String>,
    /// The qualifiers by normalised words, made on first use (each figure with a
    /// qualifier looks its words up; normalising every table word for each was a tenth
    /// of extracting figure-dense English).
    pub(crate) qualifier_index: std::sync::OnceLock<std::collections::HashMap<String, Qualifier>>,
    /// Currency symbols, then names, by normalised spelling, made on first use: an
    /// alias not written as in the table ("Euro", "Mrd. Dollar") was looked for by
    /// normalising every table word, 8 % of extracting German news.
    pub(crate) currency_index: std::sync::OnceLock<std::collections::HashMap<String, Currency>>,
    /// Scale words by normalised spelling, made on first use (as `currency_index`).
    pub(crate) scale_index: std::sync::OnceLock<std::collections::HashMap<String, Decimal>>,
}

/// The first value of each normalised spelling among `entries`, in their order: what a
/// scan of the entries for the first one that normalises the same would find.
fn first_by_normalised<'a, V: Copy + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a V)>,
) -> std::collections::HashMap<String, V> {
    let mut index = std::collections::HashMap::new();
    for (k, v) in entries {
        index.entry(normalize_word(k)).or_insert(*v);
    }
    index
}

/// Normalise an alias or word for lookup: lower case, typographic apostrophe to ASCII,
/// any run of spaces (incl. U+00A0, U+202F, newlines) to one space.
pub fn normalize_word(s: &str) -> String {
    normalized_word(s).into_owned()
}

/// [`normalize_word`] without a copy when `s` is normalised already (lower-case ASCII,
/// single spaces inside): the common case of a word looked up for each figure.
pub fn normalized_word(s: &str) -> std::borrow::Cow<'_, str> {
    if is_normalized(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(normalize_word_copy(s))
    }
}

/// Whether [`normalize_word`] would give `s` back unchanged: ASCII with no upper-case
/// letter, no white space but single spaces between other characters.
fn is_normalized(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut space_before = false;
    for &b in bytes {
        if !b.is_ascii() || b.is_ascii_uppercase() {
            return false;
        }
        if b == b' ' {
            if space_before {
                return false;
            }
            space_before = true;
        } else if b.is_ascii_whitespace() || b == 0x0B {
            return false;
        } else {
            space_before = false;
        }
    }
    true
}

fn normalize_word_copy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

impl Lexicon {
    /// The currency of a captured alias, exact spelling first, then normalised.
    pub fn currency_of(&self, alias: &str) -> Option<Currency> {
        let trimmed = alias.trim();
        if let Some(c) = self
            .symbols
            .get(trimmed)
            .or_else(|| self.names.get(trimmed))
        {
            return Some(*c);
        }
        let index = self
            .currency_index
            .get_or_init(|| first_by_normalised(self.symbols.iter().chain(self.names.iter())));
        index.get(normalized_word(trimmed).as_ref()).copied()
    }

    /// The ambiguity rule of an alias, if it has one.
    pub fn ambiguity_of(&self, alias: &str) -> Option<&Ambiguity> {
        self.ambiguous.get(normalized_word(alias).as_ref())
    }

    /// The factor of a captured scale word: exact spelling first, then normalised.
    pub fn scale_of(&self, word: &str) -> Option<Decimal> {
        let trimmed = word.trim();
        if let Some(v) = self.scales.get(trimmed) {
            return Some(*v);
        }
        let index = self
            .scale_index
            .get_or_init(|| first_by_normalised(self.scales.iter()));
        index.get(normalized_word(trimmed).as_ref()).copied()
    }

    /// The denominator of a captured fraction word ("tiers" = 3, "Tenths" = 10).
    pub fn fraction_of(&self, word: &str) -> Option<u32> {
        self.fractions.get(normalized_word(word).as_ref()).copied()
    }

    /// The qualifier of captured qualifier words.
    pub fn qualifier_of(&self, words: &str) -> Option<Qualifier> {
        let index = self
            .qualifier_index
            .get_or_init(|| first_by_normalised(self.qualifiers.iter()));
        index.get(normalized_word(words).as_ref()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// A word kept as it is only when normalising gives it back unchanged: words of
        /// ASCII and other letters, upper and lower case, every kind of space (single,
        /// doubled, leading, trailing, tabs, vertical tab, no-break), apostrophes.
        #[test]
        fn kept_as_is_only_when_already_normalised(
            s in "[ \t\u{0B}\n\u{A0}\u{202F}]?([a-zA-Zé€$'\u{2019}.]{0,4}[ \t\u{0B}\u{A0}]{0,2}){0,4}",
        ) {
            let copied = normalize_word_copy(&s);
            let got = normalized_word(&s);
            proptest::prop_assert_eq!(got.as_ref(), copied.as_str());
            if matches!(got, std::borrow::Cow::Borrowed(_)) {
                proptest::prop_assert_eq!(copied.as_str(), s.as_str());
            }
        }
    }

    /// The normalised indexes find what a scan of the tables finds (the first entry, in
    /// table order, that normalises the same), for every bundled language's words
    /// written as in the table, in capitals, capitalised, with doubled or no-break
    /// spaces and a typographic apostrophe, and for words in no table.
    #[test]
    fn indexes_find_what_a_scan_of_the_tables_finds() {
        let rules = crate::rules::RuleSet::bundled().unwrap();
        let mut asked = 0;
        for (_, m) in rules.matchers() {
            let lex = &m.lexicon;
            // as written first, then the first that normalises the same
            let scan_currency = |w: &str| {
                let t = w.trim();
                if let Some(c) = lex.symbols.get(t).or_else(|| lex.names.get(t)) {
                    return Some(*c);
                }
                let norm = normalize_word(t);
                lex.symbols
                    .iter()
                    .chain(lex.names.iter())
                    .find(|(k, _)| normalize_word(k) == norm)
                    .map(|(_, c)| *c)
            };
            let scan_scale = |w: &str| {
                let t = w.trim();
                if let Some(v) = lex.scales.get(t) {
                    return Some(*v);
                }
                let norm = normalize_word(t);
                lex.scales
                    .iter()
                    .find(|(k, _)| normalize_word(k) == norm)
                    .map(|(_, v)| *v)
            };
            let words: Vec<&String> = lex
                .symbols
                .keys()
                .chain(lex.names.keys())
                .chain(lex.scales.keys())
                .collect();
            for w in words {
                let mut capitalised = w.chars();
                let capitalised: String = capitalised
                    .next()
                    .map(|c| c.to_uppercase().chain(capitalised).collect())
                    .unwrap_or_default();
                for v in [
                    w.clone(),
                    w.to_uppercase(),
                    capitalised,
                    w.replace(' ', "  "),
                    w.replace(' ', "\u{A0}"),
                    w.replace('\'', "\u{2019}"),
                    format!("{w}x"),
                ] {
                    assert_eq!(lex.currency_of(&v), scan_currency(&v), "{} {v:?}", lex.lang);
                    assert_eq!(lex.scale_of(&v), scan_scale(&v), "{} {v:?}", lex.lang);
                    asked += 1;
                }
            }
        }
        assert!(asked > 1000, "{asked}");
    }

    #[test]
    fn normalised_words_are_not_copied() {
        for s in ["dollars", "milliards de", "us$", "d'euros"] {
            assert!(
                matches!(normalized_word(s), std::borrow::Cow::Borrowed(_)),
                "{s:?}"
            );
        }
        for (s, want) in [
            ("Dollars", "dollars"),
            (" yuan", "yuan"),
            ("milliards  de", "milliards de"),
            ("d\u{2019}euros", "d'euros"),
            ("a\u{0B}b", "a b"),
            ("a\tb", "a b"),
        ] {
            assert_eq!(normalized_word(s), want, "{s:?}");
            assert!(
                matches!(normalized_word(s), std::borrow::Cow::Owned(_)),
                "{s:?}"
            );
        }
    }
}
