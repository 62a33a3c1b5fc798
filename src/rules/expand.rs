//! Placeholder expansion: `{number}`, `{scale}`, `{currency}`... in a pattern become regex
//! text built from the language's tables, so a new alias reaches every pattern at once.
//!
//! Every placeholder expands to one atom (a group), so `{scale}?` works. Capturing
//! placeholders become named groups prefixed with the pattern's prefix (`p3_number`) so
//! that all patterns of a language can live in one combined regex. Named groups the user
//! writes (`(?P<model>...)`) are prefixed the same way.

use super::lexicon::Lexicon;
use regex::Regex;

/// The placeholders a pattern may use, for error messages and docs.
pub const PLACEHOLDERS: &[&str] = &[
    "number",
    "number:hi",
    "spelled",
    "spelled:hi",
    "number:sub",
    "spelled:sub",
    "number:sub2",
    "spelled:sub2",
    "scale",
    "scale:lo",
    "currency",
    "currency-symbol",
    "currency-name",
    "qualifier",
    "fraction",
    "number:den",
    "sp",
];

/// Space between words: spaces, tabs, U+00A0, U+202F, or one line break.
pub const SP: &str = r"(?:[ \t\x{A0}\x{202F}]*\r?\n[ \t\x{A0}\x{202F}]*|[ \t\x{A0}\x{202F}]+)";

/// Expand the placeholders of `regex` for `lex`, naming groups with `prefix`.
/// Errors are messages (the caller adds file, line and rule id).
pub fn expand(regex: &str, lex: &Lexicon, prefix: &str) -> Result<String, String> {
    expand_into(
        regex,
        lex,
        prefix,
        None,
        &mut Placeholders::new(Form::Listed),
    )
}

/// Placeholder expansions made so far for one lexicon, by name and whether a scale is
/// glued to a currency, with an empty group prefix (the same words come back in most
/// patterns of a language).
#[derive(Default)]
pub struct Placeholders {
    made: std::collections::HashMap<(String, bool), Result<Parts, String>>,
    form: Form,
}

/// How a table's words are written: as a list a reader can follow (`rules show`, error
/// messages), or as the tree of shared beginnings the matcher is built from
/// ([`super::word_tree`]: the same matches, a smaller automaton).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Form {
    /// Each word whole, longest first.
    #[default]
    Listed,
    /// Shared beginnings written once.
    Tree,
}

impl Placeholders {
    /// Expansions whose words are written in `form`.
    pub fn new(form: Form) -> Self {
        Placeholders {
            made: std::collections::HashMap::new(),
            form,
        }
    }

    /// The expansion of `{name}` for `lex` with group names prefixed by `prefix`, made
    /// once per name (`lex` must be the same at every call).
    fn get(
        &mut self,
        name: &str,
        glued: bool,
        lex: &Lexicon,
        prefix: &str,
    ) -> Result<Parts, String> {
        let form = self.form;
        let parts = self
            .made
            .entry((name.to_string(), glued))
            .or_insert_with(|| {
                if glued {
                    scale_regex(lex, group_of(name), true, form)
                } else {
                    expand_one(name, lex, "", form)
                }
            })
            .clone()?;
        Ok(Parts {
            open: parts.open.replacen("(?P<", &format!("(?P<{prefix}"), 1),
            ..parts
        })
    }
}

/// [`expand`], each placeholder's words (the inside of its group) left out: in their
/// place an empty group named `fcm_N`, N the index of the words in the returned list. The
/// same words come back in most patterns of a language: they can then be parsed once
/// and put back into each parsed pattern (see `rules::compile`).
/// `placeholders` keeps the expansions made for `lex`, for the next patterns.
pub fn expand_marked(
    regex: &str,
    lex: &Lexicon,
    prefix: &str,
    placeholders: &mut Placeholders,
) -> Result<(String, Vec<String>), String> {
    let mut bodies = Vec::new();
    let text = expand_into(regex, lex, prefix, Some(&mut bodies), placeholders)?;
    Ok((text, bodies))
}

/// The name of the empty group standing for the words `index` in [`expand_marked`].
pub const MARK: &str = "fcm_";

fn expand_into(
    regex: &str,
    lex: &Lexicon,
    prefix: &str,
    mut marks: Option<&mut Vec<String>>,
    placeholders: &mut Placeholders,
) -> Result<String, String> {
    let mut push = |out: &mut String, parts: Parts| {
        out.push_str(&parts.open);
        match marks.as_deref_mut() {
            Some(bodies) if !parts.body.is_empty() => {
                out.push_str(&format!("(?P<{MARK}{}>)", bodies.len()));
                bodies.push(parts.body);
            }
            _ => out.push_str(&parts.body),
        }
        out.push_str(&parts.close);
    };
    let mut out = String::with_capacity(regex.len() * 4);
    let mut used: Vec<String> = Vec::new();
    let mut rest = regex;
    while let Some(open) = rest.find('{') {
        let (before, after_open) = rest.split_at(open);
        out.push_str(&rename_groups(before, prefix));
        let after = after_open.get(1..).unwrap_or("");
        // A regex repetition such as {1,3} or an escaped \{ is not a placeholder.
        let is_placeholder =
            after.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && !before.ends_with('\\');
        if !is_placeholder {
            out.push('{');
            rest = after;
            continue;
        }
        let Some(close) = after.find('}') else {
            return Err("unclosed placeholder: a '{' has no matching '}'".to_string());
        };
        let name = after.get(..close).unwrap_or("");
        rest = after.get(close + 1..).unwrap_or("");
        let group = group_of(name);
        let repeat = used.iter().any(|u| u == group);
        if repeat && group == "currency" {
            // A second currency in one figure ("between $50bn and $60bn") is matched
            // but not captured: the first one names the currency.
            let mut parts = placeholders.get(name, false, lex, prefix)?;
            parts.open = uncapture(&parts.open);
            push(&mut out, parts);
            continue;
        }
        // A scale glued to a currency ("12 MdEUR", "1,5 Md€"): `{scale}{currency}` lets
        // the scale word run into the currency, which then ends the figure.
        let glued = matches!(name, "scale" | "scale:lo") && rest.starts_with("{currency");
        let parts = placeholders.get(name, glued, lex, prefix)?;
        if name != "sp" {
            if repeat {
                return Err(format!(
                    "placeholder {{{name}}} captures \"{group}\", which this pattern already captures; use it once (or {{{group}:hi}} / {{{group}:lo}} for a second bound)"
                ));
            }
            used.push(group.to_string());
        }
        push(&mut out, parts);
    }
    out.push_str(&rename_groups(rest, prefix));
    Ok(out)
}

/// Turn the outer named group of an expansion into a non-capturing group.
fn uncapture(expansion: &str) -> String {
    match (expansion.strip_prefix("(?P<"), expansion.find('>')) {
        (Some(_), Some(gt)) => format!("(?:{}", expansion.get(gt + 1..).unwrap_or("")),
        _ => expansion.to_string(),
    }
}

/// The capture group a placeholder fills.
fn group_of(name: &str) -> &str {
    match name {
        "currency-symbol" | "currency-name" => "currency",
        "number:hi" => "number_hi",
        "spelled:hi" => "spelled_hi",
        "number:sub" => "number_sub",
        "spelled:sub" => "spelled_sub",
        "number:sub2" => "number_sub2",
        "number:den" => "number_den",
        "spelled:sub2" => "spelled_sub2",
        "scale:lo" => "scale_lo",
        other => other,
    }
}

/// A placeholder's expansion: `open`, then the words (`body`), then `close`.
#[derive(Clone)]
pub struct Parts {
    open: String,
    body: String,
    close: String,
}

impl Parts {
    /// `(?P<group>body)`.
    fn group(group: &str, body: String) -> Parts {
        Parts {
            open: format!("(?P<{group}>"),
            body,
            close: ")".to_string(),
        }
    }
}

fn expand_one(name: &str, lex: &Lexicon, prefix: &str, form: Form) -> Result<Parts, String> {
    let g = |group: &str| format!("{prefix}{group}");
    let s = match name {
        "sp" => Parts {
            open: String::new(),
            body: SP.to_string(),
            close: String::new(),
        },
        "number" | "number:hi" | "number:sub" | "number:sub2" | "number:den" => {
            Parts::group(&g(group_of(name)), number_regex(lex))
        }
        "spelled" | "spelled:hi" | "spelled:sub" | "spelled:sub2" => {
            Parts::group(&g(group_of(name)), spelled_regex(lex, form)?)
        }
        "scale" | "scale:lo" => scale_regex(lex, &g(group_of(name)), false, form)?,
        "currency" => {
            let words: Vec<&str> = lex
                .symbols
                .keys()
                .chain(lex.names.keys())
                .chain(lex.ambiguous.keys())
                .map(String::as_str)
                .collect();
            Parts::group(
                &g("currency"),
                written(&words, "currency", false, false, form)?,
            )
        }
        "currency-symbol" => {
            let words: Vec<&str> = lex
                .symbols
                .keys()
                .chain(lex.ambiguous.keys())
                .map(String::as_str)
                .collect();
            Parts::group(
                &g("currency"),
                written(&words, "currency", false, false, form)?,
            )
        }
        "currency-name" => {
            let words: Vec<&str> = lex.names.keys().map(String::as_str).collect();
            Parts::group(
                &g("currency"),
                written(&words, "currency", false, false, form)?,
            )
        }
        "fraction" => {
            let words: Vec<&str> = lex.fractions.keys().map(String::as_str).collect();
            Parts::group(
                &g("fraction"),
                written(&words, "fraction", true, true, form)?,
            )
        }
        "qualifier" => {
            let words: Vec<&str> = lex.qualifiers.keys().map(String::as_str).collect();
            Parts {
                open: format!("(?:(?P<{}>", g("qualifier")),
                body: written(&words, "qualifier", true, true, form)?,
                close: ")[ \\x{A0}\\x{202F}]*)".to_string(),
            }
        }
        other => {
            let known: Vec<String> = PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect();
            return Err(format!(
                "unknown placeholder {{{other}}} (known: {})",
                known.join(", ")
            ));
        }
    };
    Ok(s)
}

/// The scale words as a capture group named `group`. A scale word ends at a word
/// boundary unless it is `glued` to what follows (a currency: "MdEUR").
fn scale_regex(lex: &Lexicon, group: &str, glued: bool, form: Form) -> Result<Parts, String> {
    let words: Vec<&str> = lex.scales.keys().map(String::as_str).collect();
    Ok(Parts::group(
        group,
        written(&words, "scale", false, !glued, form)?,
    ))
}

/// A digit: ASCII or full-width ("３８００", as Chinese and Japanese texts may write
/// them); the number grammar reads both.
const DIGIT: &str = "[0-9\\x{FF10}-\\x{FF19}]";

/// Digits with the language's separators: grouped ("1 120", "1,120", "1.120") or plain,
/// with an optional decimal part.
pub fn number_regex(lex: &Lexicon) -> String {
    let class = |chars: &[char]| -> String {
        let mut s = String::from("[");
        for c in chars {
            s.push_str(&regex_escape_char(*c));
        }
        s.push(']');
        s
    };
    let dec = if lex.numbers.decimal.is_empty() {
        String::new()
    } else {
        format!("(?:{}{DIGIT}+)?", class(&lex.numbers.decimal))
    };
    if lex.numbers.group.is_empty() {
        format!("{DIGIT}+{dec}")
    } else {
        format!(
            "{DIGIT}{{1,3}}(?:{}{DIGIT}{{3}})+{dec}|{DIGIT}+{dec}",
            class(&lex.numbers.group)
        )
    }
}

fn regex_escape_char(c: char) -> String {
    match c {
        ' ' => " ".to_string(),
        c if c.is_ascii_alphanumeric() => c.to_string(),
        c if c.is_ascii() => format!("\\{c}"),
        c => format!("\\x{{{:X}}}", c as u32),
    }
}

/// Spelled-out numbers: number words joined by spaces, hyphens or connectors.
fn spelled_regex(lex: &Lexicon, form: Form) -> Result<String, String> {
    if lex.spelled.is_empty() {
        return Err(format!(
            "{{spelled}} needs a [spelled] table for language \"{}\"",
            lex.lang
        ));
    }
    let words: Vec<&str> = lex.spelled.keys().map(String::as_str).collect();
    if lex.spelled_compound {
        // Glued words ("achtundsiebzig"): words and connectors with no boundary between
        // them, a word boundary only around the whole.
        let inner = written(&words, "spelled", false, false, form)?;
        let glue = if lex.connectors.is_empty() {
            "[ -]*".to_string()
        } else {
            let c: Vec<&str> = lex.connectors.iter().map(String::as_str).collect();
            format!(
                "[ -]*(?:{}[ -]*)?",
                written(&c, "connector", false, false, form)?
            )
        };
        // Number words of a script without spaces (三千八百) have no word boundary: the
        // figure's edges are checked when it is read.
        let b = if words
            .iter()
            .any(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()))
        {
            "(?-u:\\b)"
        } else {
            ""
        };
        return Ok(format!("{b}{inner}(?:{glue}{inner})*{b}"));
    }
    let word = written(&words, "spelled", true, true, form)?;
    let conn = if lex.connectors.is_empty() {
        String::new()
    } else {
        let c: Vec<&str> = lex.connectors.iter().map(String::as_str).collect();
        format!(
            "|[ -]+{}[ -]+",
            written(&c, "connector", false, false, form)?
        )
    };
    Ok(format!("{word}(?:(?:[ -]+{conn}){word})*"))
}

/// An alternation of table words, longest first, each as a regex atom: spaces match any
/// space, `'` matches both apostrophes, all-lower-case words of 3+ letters match in any
/// case, and a word ending in an ASCII letter or digit must end at a word boundary.
pub fn alternation(words: &[&str], table: &str) -> Result<String, String> {
    alternation_with(words, table, true, true)
}

/// Like [`alternation`], choosing the word boundaries: `before` false lets a word follow
/// digits ("52bn"), `after` false lets it run into what follows (a code before digits:
/// "CNY380").
pub fn alternation_with(
    words: &[&str],
    table: &str,
    before: bool,
    after: bool,
) -> Result<String, String> {
    written(words, table, before, after, Form::Listed)
}

/// [`alternation_with`], the words written in `form`.
pub fn written(
    words: &[&str],
    table: &str,
    before: bool,
    after: bool,
    form: Form,
) -> Result<String, String> {
    let mut sorted: Vec<&str> = words.iter().copied().filter(|w| !w.is_empty()).collect();
    if sorted.is_empty() {
        return Err(format!(
            "the {table} table is empty for this language, so the placeholder can never match"
        ));
    }
    sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    sorted.dedup();
    if form == Form::Tree {
        return Ok(super::word_tree::tree_alternation(&sorted, before, after));
    }
    let alts: Vec<String> = sorted
        .iter()
        .map(|w| word_regex(w, before, after))
        .collect();
    Ok(format!("(?:{})", alts.join("|")))
}

pub(super) fn word_regex(word: &str, before: bool, after: bool) -> String {
    let mut body = String::new();
    for c in word.chars() {
        match c {
            '\'' | '\u{2019}' => body.push_str("['\u{2019}]"),
            ' ' | '\u{A0}' | '\u{202F}' => body.push_str("[ \\x{A0}\\x{202F}]+"),
            c => body.push_str(&regex::escape(c.encode_utf8(&mut [0u8; 4]))),
        }
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let lower = word.chars().all(|c| !c.is_uppercase());
    if lower && letters >= 3 {
        body = format!("(?i:{body})");
    }
    let ends_word = word
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let starts_word = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let pre = if starts_word && before {
        "(?-u:\\b)"
    } else {
        ""
    };
    let post = if ends_word && after { "(?-u:\\b)" } else { "" };
    format!("{pre}{body}{post}")
}

/// Prefix user-written named groups: `(?P<model>` -> `(?P<p3_model>`.
fn rename_groups(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let p = rest.find("(?P<");
        let a = rest.find("(?<");
        let (pos, len) = match (p, a) {
            (Some(p), Some(a)) if a < p => (a, 3),
            (Some(p), _) => (p, 4),
            (None, Some(a)) => (a, 3),
            (None, None) => break,
        };
        let head = rest.get(..pos + len).unwrap_or("");
        out.push_str(head);
        out.push_str(prefix);
        rest = rest.get(pos + len..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A case-insensitive whole-word matcher for a list of words.
pub fn words_regex(words: &[String]) -> Result<Option<Regex>, String> {
    if words.is_empty() {
        return Ok(None);
    }
    let list: Vec<&str> = words.iter().map(String::as_str).collect();
    let alt = written(&list, "words", true, true, Form::Tree)?;
    Regex::new(&format!("(?i:{alt})"))
        .map(Some)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_placeholder_is_named() {
        let lex = Lexicon::default();
        let e = expand("{nombre}", &lex, "p0_").unwrap_err();
        assert!(e.contains("unknown placeholder {nombre}"), "{e}");
    }

    #[test]
    fn repetitions_are_not_placeholders() {
        let lex = Lexicon::default();
        assert_eq!(expand("[0-9]{1,3}", &lex, "p0_").unwrap(), "[0-9]{1,3}");
    }

    #[test]
    fn user_groups_are_prefixed() {
        let lex = Lexicon::default();
        assert_eq!(
            expand("(?P<model>x)(?<y>z)", &lex, "p1_").unwrap(),
            "(?P<p1_model>x)(?<p1_y>z)"
        );
    }

    fn glued_lexicon() -> Lexicon {
        let eur: crate::quantity::Currency = "EUR".parse().unwrap();
        let mut lex = Lexicon::default();
        lex.numbers.decimal = vec![','];
        for (w, v) in [("Md", "1e9"), ("Mds", "1e9"), ("milliards", "1e9")] {
            lex.scales.insert(w.to_string(), v.parse().unwrap());
        }
        for w in ["EUR", "€"] {
            lex.symbols.insert(w.to_string(), eur);
        }
        lex.names.insert("euros".to_string(), eur);
        lex
    }

    fn full_match(pattern: &str, text: &str) -> Option<(String, String)> {
        let re = regex::Regex::new(&expand(pattern, &glued_lexicon(), "p0_").unwrap()).unwrap();
        let c = re.captures(text)?;
        let whole = c.get(0)?.as_str();
        (whole == text).then(|| (c["p0_scale"].to_string(), c["p0_currency"].to_string()))
    }

    #[test]
    fn scale_glued_to_currency_reads_codes_and_symbols() {
        let p = "{number}{sp}?{scale}{currency}";
        let got = |t: &str| full_match(p, t);
        assert_eq!(got("1,5 MdEUR"), Some(("Md".into(), "EUR".into())));
        assert_eq!(got("3 Md€"), Some(("Md".into(), "€".into())));
        assert_eq!(got("12MdsEUR"), Some(("Mds".into(), "EUR".into())));
        assert_eq!(
            got("2 milliardseuros"),
            Some(("milliards".into(), "euros".into()))
        );
    }

    #[test]
    fn scale_glued_needs_the_currency_right_after() {
        let p = "{number}{sp}?{scale}{currency}";
        assert_eq!(full_match(p, "1,5 Md EUR"), None);
        assert_eq!(full_match(p, "1,5 MdxEUR"), None);
        assert_eq!(full_match(p, "1,5 EUR"), None);
    }

    #[test]
    fn scale_not_glued_keeps_its_word_boundary() {
        let p = "{number}{sp}?{scale}{sp}?{currency}";
        assert_eq!(
            full_match(p, "1,5 Md EUR"),
            Some(("Md".into(), "EUR".into()))
        );
        assert_eq!(full_match(p, "1,5 MdEUR"), None);
        let re = expand("{scale}{sp}", &glued_lexicon(), "p0_").unwrap();
        assert!(re.contains("Md(?-u:\\b)"), "{re}");
        let glued = expand("{scale:lo}{currency-symbol}", &glued_lexicon(), "p0_").unwrap();
        assert!(!glued.contains("Md(?-u:\\b)"), "{glued}");
        assert!(glued.contains("(?P<p0_scale_lo>"), "{glued}");
    }

    #[test]
    fn words_get_case_and_boundaries() {
        assert_eq!(word_regex("Md", false, true), "Md(?-u:\\b)");
        assert_eq!(word_regex("$", true, true), "\\$");
        assert_eq!(
            word_regex("d'euros", true, true),
            "(?-u:\\b)(?i:d['\u{2019}]euros)(?-u:\\b)"
        );
    }
}
