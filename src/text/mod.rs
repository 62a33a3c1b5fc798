//! Text positions: byte spans and their 1-based line/column.

mod line_index;
pub mod natural;
pub mod offset_map;
pub mod segment;
mod span;

pub use line_index::{line_col, LineIndex};
pub use offset_map::OffsetMap;
pub use segment::Segments;
pub use span::Span;
