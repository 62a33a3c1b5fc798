//! Rule packs: the TOML schema (`schema`), finding and parsing packs (`load`), the word
//! tables of a language (`lexicon`), placeholder expansion (`expand`), validation and
//! compilation into a `RuleSet` (`compile`), and running each rule's examples
//! (`selftest`). The bundled packs are the top-level `rules/` folder, embedded at build
//! time.

pub mod compile;
pub mod expand;
pub mod lexicon;
pub mod load;
pub mod schema;
pub mod selftest;

pub use compile::{CompiledPattern, LangMatcher, PatternKind, RuleSet};
pub use lexicon::Lexicon;
