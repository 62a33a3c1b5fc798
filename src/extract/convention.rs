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
use crate::rules::lexicon::{normalize_word, normalized_word, Ambiguity, Lexicon};
use crate::source::Source;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

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
    /// Shared by the pieces of a long source scanned side by side.
    by_alias: Mutex<BTreeMap<String, Decision>>,
}

/// A currency read for an alias at one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AliasReading {
    pub currency: Currency,
    pub note: Option<String>,
    pub alternatives: Vec<Currency>,
}

/// A body at least this long has its aliases decided before its pieces are scanned
/// ([`SourceConventions::decide_ahead`]).
const DECIDE_AHEAD_BYTES: usize = 1 << 20;

/// The pieces a body is cut into to count words on several threads.
const COUNT_PIECE_BYTES: usize = 256 << 10;

/// How a decision counts words over the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counting {
    /// On this thread alone: a figure asked, and the pieces of the source may be
    /// waiting for the decision (no rayon work may start here).
    HereAlone,
    /// In pieces, on rayon's threads: before the source's pieces are scanned.
    Parallel,
}

impl<'a> SourceConventions<'a> {
    /// The conventions of `source` (its text as `text`; only the body, from
    /// `source.body.start`, is read), decided alias by alias when first asked.
    pub fn new(source: &'a Source, text: &'a str) -> Self {
        SourceConventions {
            source,
            text,
            by_alias: Mutex::new(BTreeMap::new()),
        }
    }

    /// Decides now, with every thread free to help, each alias of `lexicon` that this
    /// source may read locally and writes (its normalised form found in the body), when
    /// the body is long (see [`DECIDE_AHEAD_BYTES`]): a decision may count the local
    /// countries' names over the whole body, and the pieces of a long source, scanned
    /// side by side, would otherwise wait at their first such figure for one of them to
    /// count alone (a fifth of a second on 100 MB). Call it before the pieces are
    /// scanned: their threads help with the counting, which must not find one of them
    /// waiting for this decision. The decisions are those a figure would have made.
    pub fn decide_ahead(&self, lexicon: &Lexicon) {
        let source = self.source;
        let raw = self.text.get(source.body.start..).unwrap_or(self.text);
        if raw.len() < DECIDE_AHEAD_BYTES {
            return;
        }
        for (key, amb) in &lexicon.ambiguous {
            let local = amb.declared_by_source || !amb.locals.is_empty();
            if local && memchr::memmem::find(raw.as_bytes(), key.as_bytes()).is_some() {
                self.decision(lexicon, key, amb, Counting::Parallel);
            }
        }
    }

    /// How the source reads the ambiguous alias `key` (normalised), once decided.
    fn decision(
        &self,
        lexicon: &Lexicon,
        key: &str,
        amb: &Ambiguity,
        counting: Counting,
    ) -> Decision {
        // Held while deciding: the pieces of a source wait for one decision.
        let mut by_alias = match self.by_alias.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(d) = by_alias.get(key) {
            return d.clone();
        }
        let source = self.source;
        let raw = self.text.get(source.body.start..).unwrap_or(self.text);
        // The local currencies' own signs that contain this alias ("A$", "US$" contain
        // "$") and the aliases that make it local, looked for in one pass.
        let signs: Vec<(Currency, String)> = amb
            .locals
            .iter()
            .flat_map(|l| {
                lexicon
                    .symbols
                    .iter()
                    .filter(move |(sym, c)| **c == l.currency && sym.contains(key))
                    .map(|(sym, c)| (*c, normalize_word(sym)))
            })
            .filter(|(_, sym)| sym != key)
            .collect();
        let found = aliases_written(
            raw,
            signs
                .iter()
                .map(|(_, s)| s.as_str())
                .chain(amb.local_if_written.iter().map(String::as_str)),
            key,
            (counting == Counting::Parallel).then_some(COUNT_PIECE_BYTES),
        );
        let written = |alias: &str| found.iter().any(|f| f.starts_with(alias));
        // local currencies the article writes with their own sign ("A$"): its bare
        // alias is then not that currency
        let mut explicit: Vec<Currency> = signs
            .iter()
            .filter(|(_, sym)| written(sym))
            .map(|(c, _)| *c)
            .collect();
        explicit.dedup();
        let d = decide_alias(key, amb, source, &written, raw, &explicit, counting);
        by_alias.insert(key.to_string(), d.clone());
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
        let key = normalized_word(alias);
        let amb = lexicon.ambiguous.get(key.as_ref())?;
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
        Some(
            match self.decision(lexicon, &key, amb, Counting::HereAlone) {
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
            },
        )
    }
}

fn decide_alias(
    alias: &str,
    amb: &Ambiguity,
    source: &Source,
    written: &dyn Fn(&str) -> bool,
    raw: &str,
    explicit: &[Currency],
    counting: Counting,
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
    let Some(written) = amb.local_if_written.iter().find(|w| written(w)) else {
        return Decision::Open {
            alternatives,
            note: None,
        };
    };
    // The local currency is the one whose country the article names most (ties: the
    // table's order), unless the article writes that one with its own sign too ("A$55
    // million (US$35.8 million)": both are spelled out, a bare "$" is the default).
    let counts = word_counts(raw, amb.locals.iter().flat_map(|l| &l.words), counting);
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

/// How many times each of `words` (normalised) is written in `raw`, in one pass, read
/// as normalising would (any case, any run of spaces, either apostrophe): where several
/// start at one place, the longest is counted ("australien", not also "australie").
///
/// With [`Counting::Parallel`], a long `raw` is counted in pieces on rayon's threads, cut
/// just after a character no match can hold (see [`count_cuts`]): every match lies in
/// one piece, and the pieces' counts add up to the whole's.
fn word_counts<'w>(
    raw: &str,
    words: impl Iterator<Item = &'w String> + Clone,
    counting: Counting,
) -> BTreeMap<&'w str, usize> {
    word_counts_by(
        raw,
        words,
        COUNT_PIECE_BYTES,
        counting == Counting::Parallel,
    )
}

/// [`word_counts`], `raw` cut into pieces of about `piece` bytes ([`count_cuts`]),
/// counted side by side when `parallel` and there are several, else one after the
/// other on this thread. Each piece is lowered ([`folded_regex`]) in a buffer of its
/// own size, so the memory taken stays that of a piece.
fn word_counts_by<'w>(
    raw: &str,
    words: impl Iterator<Item = &'w String> + Clone,
    piece: usize,
    parallel: bool,
) -> BTreeMap<&'w str, usize> {
    use rayon::prelude::*;
    let mut counts: BTreeMap<&str, usize> = words.clone().map(|w| (w.as_str(), 0)).collect();
    let Some(re) = folded_regex(words.clone().map(String::as_str)) else {
        return counts;
    };
    let written = |lowered: &mut String, piece: &str| {
        lowered.clear();
        lowered.push_str(piece);
        lowered.make_ascii_lowercase();
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for m in re.find_iter(lowered.as_str()) {
            if let Some(word) = piece.get(m.range()) {
                *found.entry(normalize_word(word)).or_default() += 1;
            }
        }
        found
    };
    let cuts = count_cuts(raw, words.map(String::as_str), piece);
    let pieces: Vec<&str> = cuts
        .windows(2)
        .filter_map(|w| raw.get(*w.first()?..*w.get(1)?))
        .collect();
    let found: Vec<BTreeMap<String, usize>> = if parallel && pieces.len() > 1 {
        pieces
            .par_iter()
            .map_init(String::new, |lowered, p| written(lowered, p))
            .collect()
    } else {
        let mut lowered = String::new();
        pieces.iter().map(|p| written(&mut lowered, p)).collect()
    };
    for (word, n) in found.iter().flatten() {
        if let Some(count) = counts.get_mut(word.as_str()) {
            *count += n;
        }
    }
    counts
}

/// Where [`word_counts`] may cut `raw` into pieces of about `piece` bytes: `0`, then just
/// after an ASCII digit or punctuation mark that no word holds (a match of
/// [`literal_regex`] holds the words' own characters, their case variants, spaces and
/// apostrophes, and no other character), then `raw.len()`.
fn count_cuts<'a>(raw: &str, words: impl Iterator<Item = &'a str>, piece: usize) -> Vec<usize> {
    let words: Vec<&str> = words.collect();
    let safe = |b: u8| {
        (b.is_ascii_digit() || b.is_ascii_punctuation())
            && b != b'\''
            && !words.iter().any(|w| w.as_bytes().contains(&b))
    };
    let bytes = raw.as_bytes();
    let mut cuts = vec![0];
    let mut at = piece.max(1);
    while at < bytes.len() {
        let Some(found) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| safe(*b)))
        else {
            break;
        };
        let cut = at + found + 1;
        if cut >= bytes.len() {
            break;
        }
        cuts.push(cut);
        at = cut.saturating_add(piece.max(1));
    }
    cuts.push(bytes.len());
    cuts
}

/// The aliases among `aliases` (normalised) that `raw` writes with no letter glued
/// before them, each as written there, normalised: where several start at one place,
/// the longest ("us $" for "US $" when both "us" and "us $" are looked for), so an alias
/// is written when it starts one of them. One pass of one regex, looked at again one
/// character after each place found, so overlapping aliases are all seen.
///
/// When every alias contains `key` (the ambiguous sign they are told apart from, "$"),
/// only the stretches of `raw` around a `key` are read: see [`key_windows`].
///
/// With `pieces`, `raw` is read in pieces of about that many bytes on rayon's threads,
/// cut as [`count_cuts`] cuts (no alias is written across a cut): the same aliases, in
/// the same order.
fn aliases_written<'a>(
    raw: &str,
    aliases: impl Iterator<Item = &'a str>,
    key: &str,
    pieces: Option<usize>,
) -> Vec<String> {
    use rayon::prelude::*;
    let aliases: Vec<&str> = aliases.collect();
    let Some(re) = literal_regex(aliases.iter().copied()) else {
        return Vec::new();
    };
    let Some(piece) = pieces else {
        return aliases_written_in(raw, 0, raw.len(), &aliases, key, &re);
    };
    let cuts = count_cuts(raw, aliases.iter().copied(), piece);
    let spans: Vec<(usize, usize)> = cuts
        .windows(2)
        .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
        .collect();
    let found: Vec<Vec<String>> = spans
        .par_iter()
        .map(|&(from, to)| aliases_written_in(raw, from, to, &aliases, key, &re))
        .collect();
    let mut all: Vec<String> = Vec::new();
    for alias in found.into_iter().flatten() {
        if !all.contains(&alias) {
            all.push(alias);
        }
    }
    all
}

/// [`aliases_written`] in `raw[from..to]` (a match of `re` there cannot run past it),
/// a letter glued before an alias looked for in all of `raw`.
fn aliases_written_in(
    raw: &str,
    from: usize,
    to: usize,
    aliases: &[&str],
    key: &str,
    re: &regex::Regex,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let Some(piece) = raw.get(from..to) else {
        return found;
    };
    let windows = key_windows(piece, aliases, key).unwrap_or_else(|| vec![(0, piece.len())]);
    for (start, end) in windows {
        let Some(hay) = raw.get(..from + end) else {
            continue;
        };
        let mut at = from + start;
        while let Some(m) = re.find_at(hay, at) {
            let glued = raw
                .get(..m.start())
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphanumeric);
            let text = normalize_word(m.as_str());
            if !glued && !found.contains(&text) {
                found.push(text);
            }
            at = m.start()
                + raw
                    .get(m.start()..)
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
        }
    }
    found
}

/// The stretches of `raw` (byte ranges on character boundaries, in order, apart) that
/// hold every place where one of `aliases` is written, when each alias holds `key`
/// and `key` reads the same in any case (no letter, space or apostrophe in it); `None`
/// otherwise (the whole text is read).
///
/// An alias written in `raw` holds a `key` written there, and has at most `n`
/// characters that are not spaces (`n` the longest alias's), with any run of spaces
/// between its words. So it lies within `n` such characters on either side of a `key`:
/// each stretch is a `key` and that much around it, and stretches that touch are one.
/// A text with few signs is read with a byte search, not the regex.
fn key_windows(raw: &str, aliases: &[&str], key: &str) -> Option<Vec<(usize, usize)>> {
    let case_free =
        |c: char| !c.is_alphabetic() && !c.is_whitespace() && c != '\'' && c != '\u{2019}';
    if key.is_empty() || !key.chars().all(case_free) || !aliases.iter().all(|a| a.contains(key)) {
        return None;
    }
    let n = aliases
        .iter()
        .map(|a| a.chars().filter(|c| !c.is_whitespace()).count())
        .max()
        .unwrap_or(0);
    // From `at`, `n` characters that are not spaces back (or forward), spaces free.
    let back = |at: usize| {
        let mut left = n;
        let mut start = at;
        for (i, c) in raw.get(..at).unwrap_or("").char_indices().rev() {
            if !c.is_whitespace() {
                if left == 0 {
                    break;
                }
                left -= 1;
            }
            start = i;
        }
        start
    };
    let forward = |at: usize| {
        let mut left = n;
        let mut end = at;
        for (i, c) in raw.get(at..).unwrap_or("").char_indices() {
            if !c.is_whitespace() {
                if left == 0 {
                    break;
                }
                left -= 1;
            }
            end = at + i + c.len_utf8();
        }
        end
    };
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memmem::find_iter(raw.as_bytes(), key.as_bytes()) {
        let (from, to) = (back(at), forward(at + key.len()));
        match windows.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => windows.push((from, to)),
        }
    }
    Some(windows)
}

/// A regex that finds any of `words` (normalised) as normalising reads them (any case,
/// any run of spaces for a space, either apostrophe), longest first; `None` for no
/// words. Built once per set of words in a run: every source of a language asks for
/// the same ones.
fn literal_regex<'a>(words: impl Iterator<Item = &'a str>) -> Option<Arc<regex::Regex>> {
    static BUILT: Mutex<BTreeMap<String, Option<Arc<regex::Regex>>>> = Mutex::new(BTreeMap::new());
    let pattern = words_pattern(words)?;
    let build = || {
        regex::RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .build()
            .ok()
            .map(Arc::new)
    };
    match BUILT.lock() {
        Ok(mut built) => built.entry(pattern.clone()).or_insert_with(build).clone(),
        Err(_) => build(),
    }
}

/// [`literal_regex`] for a text lowered with `make_ascii_lowercase`: it matches there
/// exactly where `literal_regex` matches in the text as written (lowering ASCII letters
/// keeps every byte where it was, and a case-insensitive class holds both cases of a
/// letter, so each class may drop "A"–"Z": no such byte is left to match). Its words
/// then begin with a few literals each, not one per mix of cases, and the regex crate
/// looks for those with a vectorised search before it runs its automaton: on news text
/// about twice as fast as the case-insensitive regex, whose words begin with too many
/// literals for that. Built once per set of words in a run.
fn folded_regex<'a>(
    words: impl Iterator<Item = &'a str>,
) -> Option<Arc<regex_automata::meta::Regex>> {
    type Built = BTreeMap<String, Option<Arc<regex_automata::meta::Regex>>>;
    static BUILT: Mutex<Built> = Mutex::new(BTreeMap::new());
    let pattern = words_pattern(words)?;
    let build = || {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(&pattern)
            .ok()?;
        regex_automata::meta::Regex::builder()
            .build_from_hir(&without_ascii_upper(&hir))
            .ok()
            .map(Arc::new)
    };
    match BUILT.lock() {
        Ok(mut built) => built.entry(pattern.clone()).or_insert_with(build).clone(),
        Err(_) => build(),
    }
}

/// `hir` with "A"–"Z" taken out of every class (see [`folded_regex`]).
fn without_ascii_upper(hir: &regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_ascii_upper).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_ascii_upper).collect())
        }
        HirKind::Repetition(rep) => {
            let mut rep = rep.clone();
            rep.sub = Box::new(without_ascii_upper(&rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(without_ascii_upper(&cap.sub)),
            ..cap.clone()
        }),
        _ => hir.clone(),
    }
}

/// The pattern of [`literal_regex`] (without its case-insensitive flag), `None` for no
/// words.
fn words_pattern<'a>(words: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut words: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    if words.is_empty() {
        return None;
    }
    let pattern = words
        .iter()
        .map(|w| {
            w.split(' ')
                .map(|part| {
                    part.split('\'')
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join("['\u{2019}]")
                })
                .collect::<Vec<_>>()
                .join(r"[\s\u{a0}\u{202f}]+")
        })
        .collect::<Vec<_>>()
        .join("|");
    Some(pattern)
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
    fn aliases_written_in_one_pass() {
        let found = |raw: &str| {
            aliases_written(
                raw,
                ["us$", "us $", "s$", "a$", "$ ca", "$ can"].into_iter(),
                "$",
                None,
            )
        };
        for (raw, want) in [
            ("It paid US$ 3 billion and $2 billion.", vec!["us$"]),
            ("It paid US \u{a0} $3 billion.", vec!["us $"]),
            ("It paid bonus$3, nothing else.", vec![]),
            ("No sign at all, US dollars.", vec![]),
            ("A$55 million (US$35.8 million)", vec!["a$", "us$"]),
            ("Some 5 $ CAN, then S$4.", vec!["$ can", "s$"]),
        ] {
            assert_eq!(found(raw), want, "{raw}");
        }
        // "$ ca" is written where "$ can" is: it starts it
        let f = found("5 $ CAN");
        assert!(f.iter().any(|w| w.starts_with("$ ca")));
        assert!(aliases_written("anything", std::iter::empty(), "$", None).is_empty());
    }

    /// Reading only the stretches around each "$" finds what reading the whole text
    /// finds: aliases after long runs of spaces, in other cases (the long s "ſ" is an
    /// "s"), glued to a letter, overlapping, at either end of the text.
    #[test]
    fn reading_around_the_sign_finds_what_the_whole_text_holds() {
        let words = [
            "us$", "us $", "u.s.$", "s$", "a$", "$ ca", "$ can", "$ hk", "nz$",
        ];
        let texts = [
            "US$1 and A$2",
            "US \u{a0}\u{202f}      \n\t   $3 billion",
            "$ \n\n\n              CAN 5",
            "uſ$ 4, S$5, $ HK 6, NZ$7",
            "bonus$3 and ÉS$4 and é$5",
            "$",
            "US",
            "$$$ can can",
            "x A$ y US $ z U.S.$ w $ Ca",
            "no sign here at all, only US dollars and Canada",
            "€ 5 et 6 $ à Sydney, puis 7 $ CA",
        ];
        for raw in texts {
            let all = aliases_written(raw, words.into_iter(), "", None);
            let around = aliases_written(raw, words.into_iter(), "$", None);
            assert_eq!(around, all, "{raw:?}");
            assert_eq!(key_windows(raw, &words, "").map(|w| w.len()), None);
        }
        // and in pieces side by side, cut anywhere a cut may be: the same, in order
        let joined = texts.join("; 9 ");
        let whole = aliases_written(&joined, words.into_iter(), "$", None);
        assert_eq!(whole.len(), 10, "{whole:?}");
        for piece in (1..64).chain([1000]) {
            let by_pieces = aliases_written(&joined, words.into_iter(), "$", Some(piece));
            assert_eq!(by_pieces, whole, "{piece}");
        }
        // a stretch per group of signs, and none without a sign
        assert_eq!(key_windows("no sign", &words, "$"), Some(vec![]));
        let spread = format!("$1{}$2", " word".repeat(40));
        assert_eq!(key_windows(&spread, &words, "$").map(|w| w.len()), Some(2));
        // an alias without the key, or a key with a letter: the whole text
        assert_eq!(key_windows("US$", &["us$", "usd"], "$"), None);
        assert_eq!(key_windows("US$", &["us$"], "s$"), None);
    }

    #[test]
    fn country_words_are_counted_once_per_place() {
        let words = [
            "australie",
            "australien",
            "sydney",
            "hong kong",
            "l'australien",
        ]
        .map(String::from);
        let counts = word_counts(
            "L’australien de Sydney, en Australie; SYDNEY encore, pas Hong\u{a0} Kong",
            words.iter(),
            Counting::HereAlone,
        );
        let got: Vec<(&str, usize)> = counts.into_iter().collect();
        assert_eq!(
            got,
            [
                ("australie", 1),
                ("australien", 0),
                ("hong kong", 1),
                ("l'australien", 1),
                ("sydney", 2)
            ]
        );
    }

    /// Counted in pieces of any size, the counts are those of one pass: no match is
    /// cut (names across line breaks and runs of spaces, next to digits and marks,
    /// in other cases, a word that holds a digit or a mark of its own).
    /// The words found in a text lowered are those found case-insensitively in the text
    /// as written, at the same places: in any mix of cases, with the Kelvin sign and the
    /// long s (case variants of "k" and "s"), "É", runs of spaces and either apostrophe.
    #[test]
    fn folded_words_are_found_where_the_words_are_written() {
        let words = [
            "hong kong",
            "hongkong",
            "auckland",
            "sydney",
            "québec",
            "l'australien",
            "australie",
            "g7",
            "st. john",
            "new zealand",
        ];
        let text = "HONG\u{a0}KONG, Hong  kong; hongKONG. AUC\u{212A}LAND ſydney SYDNEY \
                    QUÉBEC Québec quÉbec L’AUSTRALIEN l'Australie G7 g7 st. JOHN NEW\n ZEALAND \
                    Hongkon Sydne Quebec";
        let plain = literal_regex(words.iter().copied()).unwrap();
        let folded = folded_regex(words.iter().copied()).unwrap();
        for flip in 0..12 {
            // every `flip`-th ASCII letter in the other case
            let text: String = text
                .chars()
                .enumerate()
                .map(|(i, c)| match c {
                    c if flip > 0 && i % flip == 0 && c.is_ascii_lowercase() => {
                        c.to_ascii_uppercase()
                    }
                    c if flip > 0 && i % flip == 0 => c.to_ascii_lowercase(),
                    c => c,
                })
                .collect();
            let mut lowered = text.clone();
            lowered.make_ascii_lowercase();
            let expected: Vec<_> = plain.find_iter(&text).map(|m| m.range()).collect();
            let found: Vec<_> = folded
                .find_iter(lowered.as_str())
                .map(|m| m.range())
                .collect();
            assert_eq!(found, expected, "{text}");
            assert_eq!(expected.len(), 15, "{text}");
        }
    }

    #[test]
    fn counting_in_pieces_counts_what_one_pass_counts() {
        let words = [
            "hong kong",
            "hongkong",
            "australie",
            "australien",
            "new zealand",
            "nouvelle-zélande",
            "l'australien",
            "g7",
            "st. john",
        ]
        .map(String::from);
        let mut text = String::new();
        for (i, piece) in [
            "Hong\n\n  Kong, 12.",
            "HONGKONG;hong kong(3)",
            "l’Australien, 5 Australie.",
            "NEW ZEALAND 7 nouvelle-Zélande!",
            "G7 g7. St. John; st.  JOHN",
            "ſydney (australien) 2024",
        ]
        .iter()
        .cycle()
        .take(60)
        .enumerate()
        {
            text.push_str(piece);
            text.push_str(if i % 3 == 0 { " " } else { "\n" });
        }
        let whole = word_counts_by(&text, words.iter(), usize::MAX, false);
        assert!(whole.values().all(|n| *n > 0), "{whole:?}");
        for piece in (1..64).chain([100, 1000]) {
            let cuts = count_cuts(&text, words.iter().map(String::as_str), piece);
            assert!(cuts.len() > 2 || piece >= 1000, "{piece}: {cuts:?}");
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{cuts:?}");
            assert_eq!(
                word_counts_by(&text, words.iter(), piece, false),
                whole,
                "{piece}"
            );
            assert_eq!(
                word_counts_by(&text, words.iter(), piece, true),
                whole,
                "{piece}"
            );
        }
        // A text with no place to cut is one piece.
        assert_eq!(
            count_cuts("hong kong hong kong", ["hong kong"].into_iter(), 3),
            [0, 19]
        );
    }

    /// Deciding ahead (a long body, counted in pieces) decides as the first figure would.
    #[test]
    fn deciding_ahead_decides_as_a_figure_would() {
        let rules = crate::rules::RuleSet::bundled().unwrap();
        let lexicon = &rules.matcher("en").unwrap().lexicon;
        let mut body = String::from("It paid US$5 billion. ");
        while body.len() < DECIDE_AHEAD_BYTES + 10 {
            body.push_str("Sydney and Melbourne, 2024; then Toronto. ");
        }
        body.push_str("Then $3 billion.");
        let source = Source::from_text("-", body.clone(), "en");
        let at = body.rfind('$').unwrap();
        let read = |ahead: bool| {
            let conventions = SourceConventions::new(&source, &source.text);
            if ahead {
                conventions.decide_ahead(lexicon);
                // decided before any figure asked
                assert!(conventions.by_alias.lock().unwrap().contains_key("$"));
            }
            conventions.read(lexicon, "$", at, at + 1, &source.text)
        };
        let figure = read(false).unwrap();
        assert_eq!(figure.currency.as_str(), "AUD", "{figure:?}");
        assert_eq!(read(true), Some(figure));
        // A short body is left to its figures.
        let short = Source::from_text("-", "It paid US$5 billion in Sydney.", "en");
        let conventions = SourceConventions::new(&short, &short.text);
        conventions.decide_ahead(lexicon);
        assert!(conventions.by_alias.lock().unwrap().is_empty());
    }
}
