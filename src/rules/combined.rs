//! A language's combined regex: all its patterns in one automaton, which finds where
//! the next figure is and which pattern took it (no groups: the pattern found there is
//! then read alone).
//!
//! It is the lazy DFA of `regex-automata` (a forward automaton finds where a match
//! ends, a reverse one where it starts) with the PikeVM for the searches where the lazy
//! DFA gives up, as the crate's `meta::Regex` would run it. Built here rather than
//! through `meta::Regex` so that the two automata are compiled at once, on two threads:
//! they are most of a one-article run's start-up (issue 14). No prefilter: the figures'
//! first words (numbers, currency signs, qualifiers, spelled numbers) give none worth
//! having, and looking for one was 8 % of a start-up.

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, pikevm::PikeVM, WhichCaptures, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, Match, MatchKind};
use regex_syntax::hir::Hir;
use std::sync::Arc;

/// The largest automaton a language's patterns may compile to.
const NFA_SIZE_LIMIT: usize = 64 * (1 << 20);

/// The lazy DFA's cache: large, as news text visits many states.
const DFA_CACHE: usize = 64 * (1 << 20);

/// The automata, shared with the cache pool.
#[derive(Debug)]
struct Engines {
    /// `None` when the lazy DFA could not be built (the PikeVM does every search).
    hybrid: Option<hybrid::regex::Regex>,
    pikevm: PikeVM,
}

/// One thread's search state.
#[derive(Debug)]
struct Caches {
    hybrid: Option<hybrid::regex::Cache>,
    pikevm: Option<thompson::pikevm::Cache>,
}

type MakeCaches =
    Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// All patterns of a language, leftmost-first in the order given.
pub struct CombinedRegex {
    engines: Arc<Engines>,
    caches: Pool<Caches, MakeCaches>,
}

impl std::fmt::Debug for CombinedRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CombinedRegex")
            .field("engines", &self.engines)
            .finish_non_exhaustive()
    }
}

impl Clone for CombinedRegex {
    fn clone(&self) -> Self {
        CombinedRegex::from_engines(Arc::clone(&self.engines))
    }
}

impl CombinedRegex {
    /// Compile `hirs` (one pattern each) into one regex; the forward and reverse
    /// automata are compiled on two threads. An error is its message's first line.
    pub fn build(hirs: &[Arc<Hir>]) -> Result<Self, String> {
        let config = thompson::Config::new()
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .shrink(false)
            .which_captures(WhichCaptures::Implicit);
        let compile = |config: thompson::Config| {
            thompson::Compiler::new()
                .configure(config)
                .build_many_from_hir(hirs)
                .map_err(|e| first_line(&e.to_string()))
        };
        // A scoped thread, not rayon: this runs inside a rayon worker on first use, and
        // a rayon join would let this thread take other work meanwhile, which may ask
        // for this very matcher.
        let (forward, reverse) = std::thread::scope(|s| {
            let reverse = s.spawn(|| {
                compile(
                    config
                        .clone()
                        .which_captures(WhichCaptures::None)
                        .reverse(true),
                )
            });
            let forward = compile(config.clone());
            let reverse = reverse
                .join()
                .unwrap_or_else(|_| Err("the reverse automaton's build stopped".to_string()));
            (forward, reverse)
        });
        let forward = forward?;
        let reverse = reverse?;
        let pikevm = PikeVM::builder()
            .build_from_nfa(forward.clone())
            .map_err(|e| first_line(&e.to_string()))?;
        Ok(CombinedRegex::from_engines(Arc::new(Engines {
            hybrid: lazy_dfa(forward, reverse),
            pikevm,
        })))
    }

    fn from_engines(engines: Arc<Engines>) -> Self {
        let shared = Arc::clone(&engines);
        let make: MakeCaches = Box::new(move || Caches {
            hybrid: shared
                .hybrid
                .as_ref()
                .map(hybrid::regex::Regex::create_cache),
            pikevm: None,
        });
        CombinedRegex {
            engines,
            caches: Pool::new(make),
        }
    }

    /// The leftmost-first match in `input`: its span and the index of the pattern.
    pub fn find(&self, input: Input<'_>) -> Option<Match> {
        let mut caches = self.caches.get();
        if let (Some(dfa), Some(cache)) = (&self.engines.hybrid, caches.hybrid.as_mut()) {
            if let Ok(found) = dfa.try_search(cache, &input) {
                return found;
            }
        }
        // The lazy DFA gave up (its cache refilled too often on this text).
        let pike = caches
            .pikevm
            .get_or_insert_with(|| self.engines.pikevm.create_cache());
        self.engines.pikevm.find(pike, input)
    }
}

/// What this thread's lazy DFA holds after its searches (for benchmarks): the forward
/// automaton's alphabet (byte classes: a state's row has one entry per class), the
/// memory its forward and reverse caches take, and how often the forward cache was
/// cleared for being full.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct LazyDfaStats {
    /// Byte classes of the forward automaton.
    pub classes: usize,
    /// Bytes of the forward cache (its states and their rows).
    pub forward_bytes: usize,
    /// Bytes of the reverse cache.
    pub reverse_bytes: usize,
    /// Times the forward cache was cleared.
    pub clears: usize,
}

impl CombinedRegex {
    /// [`LazyDfaStats`] of this thread's cache; `None` without a lazy DFA.
    #[doc(hidden)]
    pub fn lazy_dfa_stats(&self) -> Option<LazyDfaStats> {
        let dfa = self.engines.hybrid.as_ref()?;
        let mut caches = self.caches.get();
        let cache = caches.hybrid.as_mut()?;
        let (forward, reverse) = cache.as_parts_mut();
        Some(LazyDfaStats {
            classes: dfa.forward().byte_classes().alphabet_len(),
            forward_bytes: forward.memory_usage(),
            reverse_bytes: reverse.memory_usage(),
            clears: forward.clear_count(),
        })
    }
}

/// The lazy DFA of the forward and reverse automata, configured as `meta::Regex`
/// configures its own (the reverse one finds where a match starts, any pattern's
/// longest); `None` if it cannot be built.
fn lazy_dfa(forward: NFA, reverse: NFA) -> Option<hybrid::regex::Regex> {
    let config = hybrid::dfa::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .starts_for_each_pattern(true)
        .byte_classes(true)
        .unicode_word_boundary(true)
        .cache_capacity(DFA_CACHE)
        .skip_cache_capacity_check(false)
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10));
    let fwd = hybrid::dfa::Builder::new()
        .configure(config.clone())
        .build_from_nfa(forward)
        .ok()?;
    let rev = hybrid::dfa::Builder::new()
        .configure(config.match_kind(MatchKind::All))
        .build_from_nfa(reverse)
        .ok()?;
    Some(hybrid::regex::Builder::new().build_from_dfas(fwd, rev))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hirs(patterns: &[&str]) -> Vec<Arc<Hir>> {
        patterns
            .iter()
            .map(|p| Arc::new(regex_syntax::parse(p).unwrap()))
            .collect()
    }

    /// The same matches as `meta::Regex` over the same patterns, on the lazy DFA and
    /// on the PikeVM it falls back to.
    #[test]
    fn finds_what_the_meta_regex_finds() {
        let patterns = [
            r"(?-u:\b)[0-9]+(?: [0-9]{3})* (?:milliards?|millions?) d(?:e |')(?:yuans|euros)",
            r"\$[0-9]+(?:\.[0-9]+)?(?:bn| billion)?",
            r"[0-9]+(?:,[0-9]+)? ?%",
            r"(?i:about) \$[0-9]+",
        ];
        let ours = CombinedRegex::build(&hirs(&patterns)).unwrap();
        let meta = regex_automata::meta::Regex::new_many(&patterns).unwrap();
        let text = "Il a investi 380 milliards de yuans, 52 % de plus; about $1.5bn, \
                    puis 1 120 millions d'euros. $3 billion et 4,5%.";
        let all = |f: &dyn Fn(Input<'_>) -> Option<Match>| {
            let mut out = Vec::new();
            let mut at = 0;
            while let Some(m) = f(Input::new(text).range(at..)) {
                out.push((m.pattern().as_usize(), m.start(), m.end()));
                at = m.end().max(at + 1);
            }
            out
        };
        let expected = all(&|i| meta.find(i));
        assert_eq!(expected.len(), 6, "{expected:?}");
        assert_eq!(all(&|i| ours.find(i)), expected);
        let pike_only = CombinedRegex::from_engines(Arc::new(Engines {
            hybrid: None,
            pikevm: ours.engines.pikevm.clone(),
        }));
        assert_eq!(all(&|i| pike_only.find(i)), expected);
        // A clone searches with its own caches.
        assert_eq!(all(&|i| ours.clone().find(i)), expected);
    }

    /// The stats are this thread's cache: it grows with the states a search built.
    #[test]
    fn stats_show_the_states_a_search_built() {
        let re = CombinedRegex::build(&hirs(&[r"[0-9]+ (?:million|billion)"])).unwrap();
        let before = re.lazy_dfa_stats().unwrap();
        // digits, space, the letters of the two words, everything else, end of input
        assert!((8..=16).contains(&before.classes), "{before:?}");
        let found = re.find(Input::new("it raised 5 billion, then 7 million"));
        assert_eq!(found.map(|m| m.range()), Some(10..19));
        let after = re.lazy_dfa_stats().unwrap();
        assert!(after.forward_bytes > before.forward_bytes, "{after:?}");
        assert!(after.reverse_bytes > before.reverse_bytes, "{after:?}");
        assert_eq!(after.clears, 0);
    }

    #[test]
    fn an_automaton_too_large_is_an_error() {
        let huge = [r"\w{500}\w{500}\w{500}"];
        let e = CombinedRegex::build(&hirs(&huge)).unwrap_err();
        assert!(e.contains("exceeded limit"), "{e}");
    }
}
