//! Words of a text as byte spans, lower-cased and reduced to their stems, for matching
//! role words and references whatever their inflection ("valorisée", "valorisation";
//! "valued", "valuation"). French elisions split ("l'entreprise" is "l" + "entreprise").
//! Scripts written without spaces (Chinese) have no word edges to find: each of their
//! characters is a token, and a word of the lexicons ("融资") is matched as the sequence
//! of its characters.

use rust_stemmers::{Algorithm, Stemmer};

/// Han ideographs, kana and CJK punctuation and full-width forms (not full-width
/// digits and letters: "１２３" is one number).
pub fn is_unspaced_script(c: char) -> bool {
    if matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}') {
        return false;
    }
    matches!(
        c,
        '\u{3000}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// One word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte start in the text.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Lower case.
    pub lower: String,
    /// Stem of `lower` (the same when the language has no stemmer).
    pub stem: String,
    /// Whether it starts with an upper-case letter.
    pub capitalised: bool,
}

/// A language's stemmer, or none (words are then compared lower-cased).
pub struct WordStemmer(Option<Stemmer>, String);

impl Clone for WordStemmer {
    fn clone(&self) -> Self {
        WordStemmer::for_lang(&self.1)
    }
}

impl std::fmt::Debug for WordStemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "WordStemmer(snowball)"
        } else {
            "WordStemmer(none)"
        })
    }
}

impl WordStemmer {
    /// The Snowball stemmer of a language code, when there is one.
    pub fn for_lang(lang: &str) -> Self {
        let alg = match lang {
            "fr" => Some(Algorithm::French),
            "en" => Some(Algorithm::English),
            "de" => Some(Algorithm::German),
            "es" => Some(Algorithm::Spanish),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "nl" => Some(Algorithm::Dutch),
            _ => None,
        };
        WordStemmer(alg.map(Stemmer::create), lang.to_string())
    }

    /// The stem of a lower-case word.
    pub fn stem(&self, lower: &str) -> String {
        match &self.0 {
            Some(s) => s.stem(lower).into_owned(),
            None => lower.to_string(),
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The words of `text[from..to]`, in order.
pub fn tokenize(text: &str, from: usize, to: usize, stemmer: &WordStemmer) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(slice) = text.get(from..to) else {
        return out;
    };
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Token>| {
        let Some(word) = slice.get(s..e) else { return };
        let word = word.trim_matches(|c| c == '-' || c == '_');
        if word.is_empty() {
            return;
        }
        let lead = slice
            .get(s..e)
            .map_or(0, |w| w.len() - w.trim_start_matches(['-', '_']).len());
        let lower = word.to_lowercase();
        out.push(Token {
            start: from + s + lead,
            end: from + s + lead + word.len(),
            stem: stemmer.stem(&lower),
            capitalised: word.chars().next().is_some_and(char::is_uppercase),
            lower,
        });
    };
    for (i, c) in slice.char_indices() {
        if is_unspaced_script(c) {
            if let Some(s) = start.take() {
                push(s, i, &mut out);
            }
            if c.is_alphanumeric() {
                push(i, i + c.len_utf8(), &mut out);
            }
        } else if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, slice.len(), &mut out);
    }
    out
}

/// A phrase as the stems of its words ("chiffre d'affaires" → ["chiffr", "d", "affair"]).
pub fn phrase_stems(phrase: &str, stemmer: &WordStemmer) -> Vec<String> {
    tokenize(phrase, 0, phrase.len(), stemmer)
        .into_iter()
        .map(|t| t.stem)
        .collect()
}

/// Where `phrase` (as stems) occurs in `tokens`: the index of its first token each time.
pub fn find_phrase(tokens: &[Token], phrase: &[String]) -> Vec<usize> {
    find_words(tokens, phrase, true)
}

/// Where `phrase` occurs in `tokens`, compared by stem (`by_stem`) or by lower-case word.
pub fn find_words(tokens: &[Token], phrase: &[String], by_stem: bool) -> Vec<usize> {
    let n = phrase.len();
    if n == 0 || tokens.len() < n {
        return Vec::new();
    }
    (0..=tokens.len() - n)
        .filter(|&i| {
            tokens.get(i..i + n).is_some_and(|w| {
                w.iter()
                    .zip(phrase)
                    .all(|(t, p)| if by_stem { &t.stem == p } else { &t.lower == p })
            })
        })
        .collect()
}

/// Like [`find_phrase`], but a phrase of two words or more may have up to `gap` other
/// words before its last one ("the German company" for "the company"): (first, last)
/// token indices of each occurrence.
pub fn find_phrase_gapped(tokens: &[Token], phrase: &[String], gap: usize) -> Vec<(usize, usize)> {
    let n = phrase.len();
    if n < 2 {
        return find_phrase(tokens, phrase)
            .into_iter()
            .map(|i| (i, i))
            .collect();
    }
    let (Some(last), Some(head)) = (phrase.last(), phrase.get(..n - 1)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in find_words(tokens, head, false) {
        let after_head = i + head.len();
        for k in 0..=gap {
            if tokens.get(after_head + k).is_some_and(|t| &t.lower == last) {
                out.push((i, after_head + k));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stems_and_elisions() {
        let fr = WordStemmer::for_lang("fr");
        let s = "La start-up, valorisée à l'époque.";
        let t = tokenize(s, 0, s.len(), &fr);
        let lower: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(lower, ["la", "start-up", "valorisée", "à", "l", "époque"]);
        assert!(t[0].capitalised && !t[1].capitalised);
        assert_eq!(t[2].stem, fr.stem("valorisation"));
        let en = WordStemmer::for_lang("en");
        assert_eq!(en.stem("valued"), en.stem("values"));
        let t = tokenize("its chiffre d'affaires", 0, 22, &fr);
        assert_eq!(
            find_phrase(&t, &phrase_stems("chiffre d'affaires", &fr)),
            vec![1]
        );
        assert_eq!(WordStemmer::for_lang("zz").stem("words"), "words");
        let t = tokenize("the German defence company", 0, 26, &en);
        let company: Vec<String> = vec!["the".into(), "company".into()];
        assert_eq!(find_phrase_gapped(&t, &company, 2), vec![(0, 3)]);
        assert!(find_phrase_gapped(&t, &company, 1).is_empty());
        assert_eq!(
            find_phrase_gapped(&t, &["german".to_string()], 2),
            vec![(1, 1)]
        );
        // Pronouns compare as words: "se" is not "ses".
        let t = tokenize("Elle se manifeste", 0, 17, &fr);
        assert!(find_phrase_gapped(&t, &["ses".to_string()], 0).is_empty());
        assert!(tokenize("x", 5, 9, &fr).is_empty());
        // Chinese: one token a character, so "融资" is found as its two characters,
        // and Latin words glued to Han characters still stand apart.
        let zh = WordStemmer::for_lang("zh");
        let s = "阿里巴巴完成Qwen融资，估值";
        let t = tokenize(s, 0, s.len(), &zh);
        let lower: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lower,
            ["阿", "里", "巴", "巴", "完", "成", "qwen", "融", "资", "估", "值"]
        );
        assert_eq!(find_phrase(&t, &phrase_stems("融资", &zh)), vec![7]);
    }
}
