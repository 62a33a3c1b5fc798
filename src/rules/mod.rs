//! Rule packs: the TOML schema (`schema`), finding and parsing packs (`load`), the word
//! tables of a language (`lexicon`), the role and frame words (`roles`), placeholder
//! expansion (`expand`; the matcher gets table words as a tree, `word_tree`),
//! validation and compilation into a `RuleSet` (`compile`), and each language's patterns
//! in one automaton (`combined`).
//! The packs' `[[fact]]` tables are kept as written for `facts` to compile; running the
//! examples is `selftest`. This module depends on no stage after it (`extract`,
//! `frames`, `facts`). The bundled packs are the top-level `rules/` folder, embedded at
//! build time.

pub mod combined;
pub mod compile;
pub mod expand;
pub mod lexicon;
pub mod load;
pub mod roles;
pub mod schema;
pub mod word_tree;

pub use compile::{CompiledPattern, LangMatcher, PatternKind, RuleSet};
pub use lexicon::Lexicon;
