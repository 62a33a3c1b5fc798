//! Readings remembered by shape: a figure's span with every ASCII digit written `0`.
//!
//! Reading a pattern's groups on the span the combined regex found (the backtracker, or a
//! pattern's own regex) is a third of the time on figure-dense text, and news repeats a
//! few shapes ("$0.0 billion", "00 million euros") over and over. A pattern that cannot
//! tell one ASCII digit from another (every class holds all ten or none of them, no
//! literal holds one: [`MatcherPattern::digit_blind`]) matches two spans that differ only
//! in their digits the same way, with its groups at the same offsets. So does every
//! pattern [`super::read_match`] tries on the way, when each is digit-blind too. The key
//! holds the pattern the combined regex reported and the characters just before and
//! after the span, which word boundaries and line anchors look at (they look no
//! further); the span's other bytes are kept as they are.
//!
//! Each thread keeps its readings per matcher ([`ThreadShapes`]) from one text to the
//! next: in a folder of articles, the shapes of one come back in the others.

use std::cell::RefCell;
use std::collections::HashMap;

use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::{NonMaxUsize, PatternID};

use crate::rules::compile::MatcherPattern;
use crate::rules::LangMatcher;

/// Spans longer than this are read every time (a figure is a few dozen bytes).
const MAX_SPAN: usize = 96;
/// Shapes kept at most per matcher; past it the cache starts again empty.
const MAX_SHAPES: usize = 4096;
/// Matchers a thread keeps readings for at most (the oldest is forgotten first).
const MAX_MATCHERS: usize = 8;

thread_local! {
    /// This thread's readings, per matcher id, the last used last.
    static THREAD_SHAPES: RefCell<Vec<(u64, ShapeCache)>> = const { RefCell::new(Vec::new()) };
}

/// This thread's readings for one matcher, taken out for a scan and put back when
/// dropped (on every way out of the scan).
pub(super) struct ThreadShapes {
    matcher: u64,
    cache: ShapeCache,
}

impl ThreadShapes {
    /// The readings this thread kept for `matcher` (none yet: an empty cache).
    pub fn take(matcher: &LangMatcher) -> Self {
        let id = matcher.id;
        let cache = THREAD_SHAPES
            .try_with(|kept| {
                let mut kept = kept.borrow_mut();
                let at = kept.iter().position(|(m, _)| *m == id)?;
                Some(kept.remove(at).1)
            })
            .ok()
            .flatten()
            .unwrap_or_default();
        ThreadShapes { matcher: id, cache }
    }

    /// The readings.
    pub fn cache(&mut self) -> &mut ShapeCache {
        &mut self.cache
    }
}

impl Drop for ThreadShapes {
    fn drop(&mut self) {
        let cache = std::mem::take(&mut self.cache);
        let id = self.matcher;
        // A thread being torn down keeps nothing.
        let _ = THREAD_SHAPES.try_with(|kept| {
            let mut kept = kept.borrow_mut();
            if kept.len() >= MAX_MATCHERS {
                kept.remove(0);
            }
            kept.push((id, cache));
        });
    }
}

/// What [`super::read_match`] found for one shape: the pattern that matched (its index in
/// the matcher, and whether it was read with its backtracker alone) and its capture slots
/// as offsets from the span's start; `None`: no pattern matched.
#[derive(Debug, Clone)]
pub(super) struct Remembered {
    pub pattern: usize,
    pub sure: bool,
    slots: Box<[Option<usize>]>,
}

impl Remembered {
    /// The reading of `caps`, a search on a span starting at `start`.
    pub fn of(pattern: usize, sure: bool, caps: &Captures, start: usize) -> Self {
        let slots = caps
            .slots()
            .iter()
            .map(|s| s.map(|s| s.get().saturating_sub(start)))
            .collect();
        Remembered {
            pattern,
            sure,
            slots,
        }
    }

    /// Writes this reading into `caps` for a span starting at `start`: the match and its
    /// groups, as the search would have left them there.
    pub fn write(&self, caps: &mut Captures, start: usize) {
        caps.set_pattern(Some(PatternID::ZERO));
        for (dst, src) in caps.slots_mut().iter_mut().zip(self.slots.iter()) {
            *dst = src.and_then(|r| NonMaxUsize::new(start + r));
        }
    }
}

/// One thread's remembered readings for one matcher, and which reported patterns allow
/// them.
#[derive(Default)]
pub(super) struct ShapeCache {
    readings: HashMap<Vec<u8>, Option<Remembered>>,
    /// Per pattern the combined regex reports: whether its readings may be remembered
    /// (worked out on first use).
    usable: Vec<Option<bool>>,
    key: Vec<u8>,
}

/// The outcome of [`ShapeCache::lookup`].
pub(super) enum Lookup<'a> {
    /// Read before: this (`None`: nothing matched).
    Known(Option<&'a Remembered>),
    /// Not read before: read it, then [`ShapeCache::remember`] it.
    Unknown,
    /// Not a span this cache can answer for.
    Unusable,
}

impl ShapeCache {
    /// The reading remembered for the span `start..end` of `hay` reported for pattern
    /// `took`, if any (the key is kept for [`ShapeCache::remember`]).
    pub fn lookup(
        &mut self,
        matcher: &LangMatcher,
        took: usize,
        hay: &str,
        start: usize,
        end: usize,
    ) -> Lookup<'_> {
        if end.saturating_sub(start) > MAX_SPAN || !self.usable(matcher, took) {
            return Lookup::Unusable;
        }
        let (Some(before), Some(span), Some(after)) =
            (hay.get(..start), hay.get(start..end), hay.get(end..))
        else {
            return Lookup::Unusable;
        };
        let edge = |c: Option<char>| c.map_or(u32::MAX, u32::from).to_le_bytes();
        self.key.clear();
        self.key.extend_from_slice(&(took as u64).to_le_bytes());
        self.key
            .extend_from_slice(&edge(before.chars().next_back()));
        self.key.extend_from_slice(&edge(after.chars().next()));
        self.key.extend(
            span.bytes()
                .map(|b| if b.is_ascii_digit() { b'0' } else { b }),
        );
        match self.readings.get(self.key.as_slice()) {
            Some(known) => Lookup::Known(known.as_ref()),
            None => Lookup::Unknown,
        }
    }

    /// Remembers `reading` for the key of the last [`ShapeCache::lookup`] that answered
    /// [`Lookup::Unknown`].
    pub fn remember(&mut self, reading: Option<Remembered>) {
        if self.readings.len() >= MAX_SHAPES {
            self.readings.clear();
        }
        self.readings.insert(self.key.clone(), reading);
    }

    /// Whether readings for pattern `took` may be remembered: it is read with its
    /// backtracker alone (no Unicode word boundary), and it and every pattern tried
    /// before it (those with a Unicode word boundary) are digit-blind.
    fn usable(&mut self, matcher: &LangMatcher, took: usize) -> bool {
        if self.usable.len() < matcher.patterns.len() {
            self.usable.resize(matcher.patterns.len(), None);
        }
        let Some(slot) = self.usable.get_mut(took) else {
            return false;
        };
        *slot.get_or_insert_with(|| {
            let blind = |p: &MatcherPattern| p.digit_blind();
            matcher
                .patterns
                .get(took)
                .is_some_and(|p| !p.unicode_boundary && blind(p))
                && matcher
                    .patterns
                    .iter()
                    .take(took)
                    .filter(|p| p.unicode_boundary)
                    .all(blind)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_match, PatternCaps};
    use super::*;
    use crate::rules::RuleSet;
    use proptest::prelude::*;

    /// A figure's pattern and every group's span (`None`: no pattern read it).
    type Read = Option<(String, Vec<Option<std::ops::Range<usize>>>)>;

    /// Every figure the combined regex finds in `text`, read through `shapes` (shared by
    /// all, as in a scan) or through a fresh cache each time (always a search): the
    /// pattern and every group's span.
    fn readings(matcher: &LangMatcher, text: &str, shared: bool) -> Vec<Read> {
        let mut caps: Vec<Option<PatternCaps>> = matcher.patterns.iter().map(|_| None).collect();
        let mut shapes = ShapeCache::default();
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = matcher
            .regex
            .find(regex_automata::Input::new(text).range(pos..))
        {
            if !shared {
                shapes = ShapeCache::default();
            }
            out.push(
                read_match(text, &m, matcher, &mut caps, &mut shapes)
                    .map(|(p, found)| (p.id.clone(), found.spans())),
            );
            pos = m.end().max(pos + 1);
            if pos > text.len() {
                break;
            }
        }
        out
    }

    /// Figures of each bundled language, their digits to be redrawn.
    const FIGURES: &[(&str, &[&str])] = &[
        (
            "en",
            &[
                "$1.5 billion",
                "US$900 million",
                "between $10 billion and $20 billion",
                "3 billion yuan",
                "RMB 9,904 billion",
                "CNY271 billion",
                "a 32B model",
                "671 billion parameters",
                "HK$10bn",
                "$4-5 million",
                "1/20 of $3 billion",
            ],
        ),
        (
            "fr",
            &[
                "380 milliards de yuans",
                "8,4 Mds€",
                "1 120 M€",
                "2,5 Md$",
                "entre 10 et 20 milliards de dollars",
                "US$3 milliards",
                "4 $",
                "52,4 milliards d'euros",
            ],
        ),
        (
            "de",
            &[
                "3,8 Mrd. Euro",
                "500 Mio. €",
                "2 Mrd.",
                "zwischen 1 und 2 Mrd. Dollar",
            ],
        ),
        (
            "es",
            &[
                "300 millones de dólares",
                "1.200 millones de euros",
                "2,5 mil millones de yuanes",
            ],
        ),
        ("zh", &["3800亿元", "530亿美元", "1.5万亿元人民币"]),
    ];
    /// What may stand before or after a figure: word boundaries and line anchors look
    /// at it.
    const EDGES: &[&str] = &[
        "", " ", "a", "é", "7", "\n", "$", "-", ".", "US", "x1", "€", "，", "\r\n",
    ];

    /// `template` with each ASCII digit replaced by the next of `digits`.
    fn redraw(template: &str, digits: &[u8]) -> String {
        let mut next = digits.iter().cycle();
        template
            .chars()
            .map(|c| match (c.is_ascii_digit(), next.next()) {
                (true, Some(d)) => char::from(b'0' + d % 10),
                _ => c,
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Reading figures through the cache gives, figure for figure, what a search
        /// gives: the same pattern, every group at the same place; whatever the digits
        /// and whatever stands around the figures.
        #[test]
        fn remembered_readings_are_the_searched_ones(
            lang in 0..FIGURES.len(),
            parts in proptest::collection::vec((0..64usize, 0..EDGES.len(), 0..EDGES.len(), proptest::collection::vec(0..10u8, 1..8)), 1..12),
        ) {
            let rules = RuleSet::bundled().unwrap();
            let Some((code, figures)) = FIGURES.get(lang) else { return Ok(()) };
            let matcher = rules.matcher(code).unwrap();
            let mut text = String::new();
            for (f, before, after, digits) in parts {
                let figure = figures[f % figures.len()];
                text.push_str(EDGES[before]);
                text.push_str(&redraw(figure, &digits));
                text.push_str(EDGES[after]);
            }
            prop_assert_eq!(readings(matcher, &text, true), readings(matcher, &text, false), "{:?}", text);
        }
    }

    /// A fixed text where the shapes come back with other digits and other edges, so
    /// that the cache answers (the proptest above may draw few repeats).
    #[test]
    fn repeated_shapes_read_alike() {
        let rules = RuleSet::bundled().unwrap();
        for (code, figures) in FIGURES {
            let matcher = rules.matcher(code).unwrap();
            let mut text = String::new();
            for (i, f) in figures.iter().enumerate() {
                for (j, edge) in EDGES.iter().enumerate() {
                    text.push_str(&format!(
                        "{edge}{}{edge} ",
                        redraw(f, &[i as u8, j as u8, 7])
                    ));
                }
            }
            let shared = readings(matcher, &text, true);
            assert!(
                shared.iter().filter(|r| r.is_some()).count() > figures.len(),
                "{code}"
            );
            assert_eq!(shared, readings(matcher, &text, false), "{code}");
        }
    }

    /// A pattern with a Unicode word boundary, tried before the one the combined regex
    /// reports, matches or not by the character before or after the span: spans of one
    /// shape read alike only with the same edges. (No bundled pattern has such a
    /// boundary where the edges decide; this user pack does, both ways.)
    #[test]
    fn edges_are_part_of_the_shape() {
        let pack = |boundary: &str, example: &str| {
            let files = vec![
                ("u/pack.toml".into(), "name = \"u\"\nlang = \"en\"\n".to_string()),
                (
                    "u/money.toml".into(),
                    format!(
                        "[[currency]]\ncode = \"USD\"\nsymbols = [\"$\"]\n\n\
                         [[pattern]]\nname = \"bounded\"\nkind = \"money\"\nregex = '{boundary}'\n\
                         examples = [{{ text = \"{example}\", match = \"5 $\", value = \"5\", currency = \"USD\" }}]\n\n\
                         [[pattern]]\nname = \"plain\"\nkind = \"money\"\nregex = '{{number}} {{currency-symbol}}'\n\
                         examples = [{{ text = \"5 $\", match = \"5 $\", value = \"5\", currency = \"USD\" }}]\n"
                    ),
                ),
            ];
            let loaded = crate::rules::load::parse_user_pack(files).unwrap();
            crate::rules::compile::compile(&[loaded]).unwrap()
        };
        for (boundary, example, text) in [
            // \B before the digits: Unicode holds after "é" (two word characters),
            // ASCII does not (the combined regex takes "plain").
            (
                r"\B{number} {currency-symbol}",
                "é5 $",
                "é5 $ ; .6 $ ; é7 $ ; .8 $",
            ),
            // \b after the "$": Unicode holds before "é", ASCII does not.
            (
                r"{number} {currency-symbol}\b",
                "5 $é",
                "5 $é ; 6 $. ; 7 $é ; 8 $.",
            ),
        ] {
            let rules = pack(boundary, example);
            let matcher = rules.matcher("en").unwrap();
            let ids: Vec<String> = readings(matcher, text, true)
                .into_iter()
                .flatten()
                .map(|(id, _)| id.rsplit('.').next().unwrap_or_default().to_string())
                .collect();
            assert_eq!(ids, ["bounded", "plain", "bounded", "plain"], "{boundary}");
            assert_eq!(
                readings(matcher, text, true),
                readings(matcher, text, false)
            );
        }
    }

    /// A pattern that tells digits apart is read every time: "0 $" takes the branch
    /// without the number, "5 $" the one with it, though they have one shape.
    #[test]
    fn digits_in_a_pattern_turn_the_cache_off() {
        let files = vec![
            ("u/pack.toml".into(), "name = \"u\"\nlang = \"en\"\n".to_string()),
            (
                "u/money.toml".into(),
                "[[currency]]\ncode = \"USD\"\nsymbols = [\"$\"]\n\n\
                 [[pattern]]\nname = \"zero\"\nkind = \"money\"\n\
                 regex = '(?:0|{number}) {currency-symbol}'\n\
                 examples = [{ text = \"5 $\", match = \"5 $\", value = \"5\", currency = \"USD\" }]\n"
                    .to_string(),
            ),
        ];
        let loaded = crate::rules::load::parse_user_pack(files).unwrap();
        let rules = crate::rules::compile::compile(&[loaded]).unwrap();
        let matcher = rules.matcher("en").unwrap();
        assert!(!matcher
            .patterns
            .iter()
            .any(|p| p.id.ends_with("zero") && p.digit_blind()));
        let text = "5 $ ; 0 $ ; 7 $ ; 0 $";
        let shared = readings(matcher, text, true);
        assert_eq!(shared, readings(matcher, text, false));
        let groups = |r: &Read| r.as_ref().map_or(0, |(_, g)| g.iter().flatten().count());
        assert!(groups(&shared[0]) > groups(&shared[1]), "{shared:?}");
    }

    #[test]
    fn digit_blind_patterns() {
        use regex_syntax::parse;
        for (pattern, blind) in [
            (r"\d+", true),
            (r"[0-9]{1,4}(?:\.[0-9]+)?", true),
            (r"[A-Za-z0-9.]+\b", true),
            (r"(?i)milliards?", true),
            (r"[0-5]", false),
            (r"1er", false),
            (r"(?-u:[\x00-\x39])", true),
            (r"(?-u:[\x00-\x35])", false),
            (r"x|19\d\d", false),
        ] {
            let hir = parse(pattern).unwrap();
            assert_eq!(
                crate::rules::compile::hir_digit_blind(&hir),
                blind,
                "{pattern}"
            );
        }
    }

    /// Nearly every bundled pattern is digit-blind: the cache answers for them.
    #[test]
    fn bundled_patterns_are_digit_blind() {
        let rules = RuleSet::bundled().unwrap();
        for (lang, matcher) in rules.matchers() {
            let not: Vec<&str> = matcher
                .patterns
                .iter()
                .filter(|p| !p.digit_blind())
                .map(|p| p.id.as_str())
                .collect();
            assert!(not.is_empty(), "{lang}: {not:?}");
        }
    }
}
