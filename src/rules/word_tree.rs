//! A table's words (currency aliases, scale words, qualifiers, number words) as one
//! regex whose shared beginnings are written once: "dollar", "dollars" and "US dollars"
//! become `(?:(?i:d)(?i:o)…(?i:r)(?:(?i:s)|)|US…)` instead of three full words.
//!
//! Every pattern of a language holds its tables' words, so their size is most of the
//! combined automaton: building it, and the lazy DFA's first states on each run, cost in
//! proportion (issue 14, start-up). Written as a tree, the words match exactly what
//! their alternation, longest first, matches, with the same preferences:
//!
//! - words are taken in the alternation's order (longest first), and a word joins an
//!   earlier branch with the same first atom only when it passes no branch whose first
//!   character it could share: two alternatives whose first characters differ never
//!   both match at one place, so their order does not matter;
//! - where a word ends inside a branch, the longer words of that branch come first (they
//!   came first in the alternation), and the end is tried last.

use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// One atom of a word: its regex text and the characters its first character may be.
#[derive(Clone)]
struct Atom {
    text: String,
    first: ClassUnicode,
}

/// A word as atoms, then what follows its last one (a word boundary, or nothing).
struct Word {
    atoms: Vec<Atom>,
    end: String,
}

/// The alternation of `words` (in preference order, longest first), written as a tree.
/// `before`/`after`: a word starting/ending in an ASCII letter or digit must start/end
/// at a word boundary.
pub fn tree_alternation(words: &[&str], before: bool, after: bool) -> String {
    let words: Vec<Word> = words.iter().map(|w| atoms(w, before, after)).collect();
    let refs: Vec<(&[Atom], &str)> = words
        .iter()
        .map(|w| (w.atoms.as_slice(), w.end.as_str()))
        .collect();
    let mut out = String::from("(?:");
    write_branches(&refs, &mut out, false);
    out.push(')');
    out
}

/// Words that start here, grouped by first atom in preference order; a word whose atoms
/// are used up is an end, which matches here whatever follows, so nothing passes it.
enum Group<'a> {
    Atom(&'a Atom, Vec<(&'a [Atom], &'a str)>),
    End(&'a str),
}

fn grouped<'a>(words: &[(&'a [Atom], &'a str)]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for &(atoms, end) in words {
        let Some((first, rest)) = atoms.split_first() else {
            groups.push(Group::End(end));
            continue;
        };
        // The last group with the same first atom, if the word may pass every group
        // after it.
        let join = groups
            .iter()
            .rposition(|g| matches!(g, Group::Atom(a, _) if a.text == first.text))
            .filter(|&at| {
                groups.iter().skip(at + 1).all(|g| match g {
                    Group::Atom(a, _) => disjoint(&a.first, &first.first),
                    Group::End(_) => false,
                })
            });
        match join.and_then(|at| groups.get_mut(at)) {
            Some(Group::Atom(_, members)) => members.push((rest, end)),
            _ => groups.push(Group::Atom(first, vec![(rest, end)])),
        }
    }
    groups
}

/// Write the branches for words that all start here (their remaining atoms, their
/// end), in preference order, separated by `|`; in a group `(?:…)` when there are
/// several and `wrap` asks for it.
fn write_branches(words: &[(&[Atom], &str)], out: &mut String, wrap: bool) {
    let groups = grouped(words);
    let wrap = wrap && groups.len() > 1;
    if wrap {
        out.push_str("(?:");
    }
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        match g {
            Group::End(end) => out.push_str(end),
            Group::Atom(atom, members) => {
                out.push_str(&atom.text);
                write_branches(members, out, true);
            }
        }
    }
    if wrap {
        out.push(')');
    }
}

/// A space between the words of a table word: any of the spaces a text may use.
const SPACE: &str = "[ \\x{A0}\\x{202F}]";

fn disjoint(a: &ClassUnicode, b: &ClassUnicode) -> bool {
    let mut both = a.clone();
    both.intersect(b);
    both.ranges().is_empty()
}

fn class(chars: &[char]) -> ClassUnicode {
    ClassUnicode::new(chars.iter().map(|&c| ClassUnicodeRange::new(c, c)))
}

/// A word's atoms: spaces match any space (one or more), `'` both apostrophes, an
/// all-lower-case word of 3+ letters any case; the first atom carries the word boundary
/// before it.
fn atoms(word: &str, before: bool, after: bool) -> Word {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let any_case = letters >= 3 && word.chars().all(|c| !c.is_uppercase());
    let mut atoms: Vec<Atom> = Vec::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let atom = match c {
            // A run of spaces is one atom, `[…]{n,}`: it takes the whole run whatever
            // comes next (never a space), so the branches after it all start where the
            // run ends, as the words' own spaces do.
            ' ' | '\u{A0}' | '\u{202F}' => {
                let mut n = 1;
                while chars
                    .next_if(|c| matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
                    .is_some()
                {
                    n += 1;
                }
                let times = if n == 1 {
                    "+".to_string()
                } else {
                    format!("{{{n},}}")
                };
                Atom {
                    text: format!("{SPACE}{times}"),
                    first: class(&[' ', '\u{A0}', '\u{202F}']),
                }
            }
            '\'' | '\u{2019}' => Atom {
                text: "['\u{2019}]".to_string(),
                first: class(&['\'', '\u{2019}']),
            },
            c => {
                let escaped = regex::escape(c.encode_utf8(&mut [0u8; 4]));
                let mut first = class(&[c]);
                if any_case {
                    first.case_fold_simple();
                    Atom {
                        text: format!("(?i:{escaped})"),
                        first,
                    }
                } else {
                    Atom {
                        text: escaped,
                        first,
                    }
                }
            }
        };
        atoms.push(atom);
    }
    let starts_word = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if starts_word && before {
        if let Some(a) = atoms.first_mut() {
            a.text.insert_str(0, "(?-u:\\b)");
        }
    }
    let ends_word = word
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let end = if ends_word && after {
        "(?-u:\\b)".to_string()
    } else {
        String::new()
    };
    Word { atoms, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_beginnings_are_written_once() {
        let t = tree_alternation(&["dollars", "dollar", "euro"], true, true);
        assert_eq!(
            t,
            "(?:(?-u:\\b)(?i:d)(?i:o)(?i:l)(?i:l)(?i:a)(?i:r)(?:(?i:s)(?-u:\\b)|(?-u:\\b))\
             |(?-u:\\b)(?i:e)(?i:u)(?i:r)(?i:o)(?-u:\\b))"
        );
    }

    /// A run of spaces is one atom: "xa  bc" (two spaces) and "xa b" share no atom
    /// after "xa", so the tree cannot stop after "b" where the list reads "xa  bc" whole.
    #[test]
    fn a_run_of_spaces_is_one_atom() {
        let words = ["xa  bc", "xa b"];
        let find = |alt: String| {
            let r = regex::Regex::new(&alt).unwrap();
            r.find("xa  bc").map(|m| m.as_str().to_string())
        };
        let listed = super::super::expand::written(
            &words,
            "words",
            false,
            false,
            super::super::expand::Form::Listed,
        )
        .unwrap();
        assert_eq!(find(listed).as_deref(), Some("xa  bc"));
        assert_eq!(
            find(tree_alternation(&words, false, false)).as_deref(),
            Some("xa  bc")
        );
    }

    #[test]
    fn a_word_does_not_pass_a_branch_it_could_share_a_character_with() {
        // "Mds" (as written) comes between "mdsx" and "mdx" (any case): "mdx" may not
        // join "mdsx" ahead of it, since "M" starts both.
        let t = tree_alternation(&["mdsx", "Mds", "mdx"], false, false);
        assert_eq!(t, "(?:(?i:m)(?i:d)(?i:s)(?i:x)|Mds|(?i:m)(?i:d)(?i:x))");
        // Had it passed, "Saas1" would be read as "saa" + "s1" instead of "Saas" + "1".
        let words = ["sasaa", "Saas", "saa"];
        let tree = regex::Regex::new(&format!(
            "(?P<w>{})s?1",
            tree_alternation(&words, false, false)
        ));
        let w = tree
            .unwrap()
            .captures("Saas1")
            .and_then(|c| Some(c.name("w")?.as_str().to_string()));
        assert_eq!(w.as_deref(), Some("Saas"));
        // With "€" between them instead, it may.
        let t = tree_alternation(&["mdsx", "€ab", "mdx"], false, false);
        assert_eq!(t, "(?:(?i:m)(?i:d)(?:(?i:s)(?i:x)|(?i:x))|€ab)");
    }

    /// Words from a few characters that fold, space and join in every way the atoms do.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                'a', 'a', 's', 'S', '\u{17F}', 'k', '\u{212A}', ' ', '\u{A0}', '\'', '\u{2019}',
                '$',
            ]),
            1..6,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The tree finds what the flat alternation finds, with the same word, followed
        /// by whatever the rest of a pattern asks for (here an optional "s" and a digit).
        #[test]
        fn the_tree_matches_as_the_alternation(
            mut words in proptest::collection::vec(word(), 1..12),
            // Texts made of the words (in either case) and what may follow them.
            pieces in proptest::collection::vec(
                (0usize..12, any::<bool>(), proptest::sample::select(vec!["", "s", "1", "s1", " ", "a"])),
                1..6,
            ),
            before in any::<bool>(),
            after in any::<bool>(),
        ) {
            words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            words.dedup();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let tree = regex::Regex::new(&format!(
                "(?P<w>{})s?1",
                tree_alternation(&refs, before, after)
            ))
            .unwrap();
            let listed = super::super::expand::written(&refs, "words", before, after, super::super::expand::Form::Listed).unwrap();
            let flat = regex::Regex::new(&format!("(?P<w>{listed})s?1"))
                .unwrap();
            let mut texts = vec![String::new()];
            let mut text = String::new();
            for (i, upper, tail) in pieces {
                let w = &words[i % words.len()];
                text.push_str(&if upper { w.to_uppercase() } else { w.clone() });
                text.push_str(tail);
                texts.push(text.clone());
            }
            for text in texts {
                let spans = |r: &regex::Regex| -> Vec<(usize, usize, usize)> {
                    r.captures_iter(&text)
                        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c.name("w")?.end())))
                        .collect()
                };
                prop_assert_eq!(spans(&tree), spans(&flat), "{:?} in {:?}", refs, text);
            }
        }
    }
}
