//! Spelled-out numbers: "cinquante", "vingt-deux", "quatre-vingt-dix", "twenty-one",
//! "one hundred and five", "deux mille". Words and values come from the language's
//! `[spelled]` table; the arithmetic is the usual one: hundreds multiply what comes before,
//! thousands and above close a group, other words add. "quatre-vingt(s)" (4 x 20) is
//! handled too.

use std::collections::BTreeMap;

/// The value of a spelled-out number, `None` if a word is unknown or it overflows.
pub fn parse_spelled(
    text: &str,
    words: &BTreeMap<String, u64>,
    connectors: &[String],
) -> Option<u64> {
    let lower = crate::rules::lexicon::normalize_word(text);
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last: Option<u64> = None;
    let mut any = false;
    let mut tokens: Vec<&str> = Vec::new();
    for token in lower.split([' ', '-']).filter(|t| !t.is_empty()) {
        if words.contains_key(token) || connectors.iter().any(|c| c.eq_ignore_ascii_case(token)) {
            tokens.push(token);
        } else {
            tokens.extend(split_glued(token, words, connectors)?);
        }
    }
    for token in tokens {
        if connectors.iter().any(|c| c.eq_ignore_ascii_case(token)) {
            continue;
        }
        let v = *words.get(token)?;
        any = true;
        if v == 100 {
            current = current.max(1).checked_mul(100)?;
        } else if v >= 1000 {
            total = total.checked_add(current.max(1).checked_mul(v)?)?;
            current = 0;
        } else if v == 20 && last == Some(4) && current % 100 == 4 {
            // quatre-vingt: 4 x 20
            current = current - 4 + 80;
        } else {
            current = current.checked_add(v)?;
        }
        last = Some(v);
    }
    if !any {
        return None;
    }
    total.checked_add(current)
}

/// A glued word cut into number words and connectors, longest first from the left
/// ("achtundsiebzig" -> acht, und, siebzig); `None` when a part is no known word.
fn split_glued<'a>(
    token: &'a str,
    words: &BTreeMap<String, u64>,
    connectors: &[String],
) -> Option<Vec<&'a str>> {
    let mut parts = Vec::new();
    let mut rest = token;
    while !rest.is_empty() {
        let len = words
            .keys()
            .map(String::as_str)
            .chain(connectors.iter().map(String::as_str))
            .filter(|w| !w.is_empty() && rest.starts_with(w))
            .map(str::len)
            .max()?;
        let (head, tail) = rest.split_at_checked(len)?;
        parts.push(head);
        rest = tail;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(w, v)| (w.to_string(), *v)).collect()
    }

    #[test]
    fn french_and_english_numbers() {
        let fr = table(&[
            ("un", 1),
            ("deux", 2),
            ("quatre", 4),
            ("cinq", 5),
            ("dix", 10),
            ("vingt", 20),
            ("vingts", 20),
            ("trente", 30),
            ("cinquante", 50),
            ("soixante", 60),
            ("cent", 100),
            ("cents", 100),
            ("mille", 1000),
        ]);
        let conn = vec!["et".to_string(), "and".to_string()];
        let rows = [
            ("cinquante", Some(50)),
            ("vingt-deux", Some(22)),
            ("vingt et un", Some(21)),
            ("quatre-vingt-dix", Some(90)),
            ("quatre-vingts", Some(80)),
            ("soixante-dix", Some(70)),
            ("deux cents", Some(200)),
            ("deux mille cinq", Some(2005)),
            ("mille", Some(1000)),
            ("Cinquante", Some(50)),
            ("", None),
            ("et", None),
            ("douze", None),
        ];
        for (text, want) in rows {
            assert_eq!(parse_spelled(text, &fr, &conn), want, "{text}");
        }
        let en = table(&[
            ("one", 1),
            ("five", 5),
            ("twenty", 20),
            ("hundred", 100),
            ("thousand", 1000),
            ("a", 1),
        ]);
        assert_eq!(parse_spelled("twenty-one", &en, &conn), Some(21));
        assert_eq!(parse_spelled("one hundred and five", &en, &conn), Some(105));
        assert_eq!(parse_spelled("a hundred", &en, &conn), Some(100));
        assert_eq!(
            parse_spelled("twenty five thousand", &en, &conn),
            Some(25000)
        );
    }

    #[test]
    fn glued_german_numbers() {
        let de = table(&[
            ("ein", 1),
            ("drei", 3),
            ("acht", 8),
            ("zehn", 10),
            ("dreizehn", 13),
            ("siebzig", 70),
            ("fünf", 5),
            ("vierzig", 40),
            ("hundert", 100),
            ("sieben", 7),
            ("tausend", 1000),
        ]);
        let conn = vec!["und".to_string()];
        assert_eq!(parse_spelled("achtundsiebzig", &de, &conn), Some(78));
        assert_eq!(parse_spelled("fünfundvierzig", &de, &conn), Some(45));
        assert_eq!(parse_spelled("siebenhundert", &de, &conn), Some(700));
        assert_eq!(parse_spelled("dreizehn", &de, &conn), Some(13));
        assert_eq!(
            parse_spelled("dreihundertfünfundvierzigtausend", &de, &conn),
            Some(345_000)
        );
        assert_eq!(parse_spelled("achtzig", &de, &conn), None);
    }
}
