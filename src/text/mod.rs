//! Text positions (byte spans and their 1-based line/column), sentences, and words
//! (tokens and their stems).

mod line_index;
pub mod natural;
pub mod offset_map;
pub mod segment;
mod span;
pub mod words;

pub use line_index::{line_col, LineCursor, LineIndex};
pub use offset_map::OffsetMap;
pub use segment::Segments;
pub use span::Span;
pub use words::is_unspaced_script;
