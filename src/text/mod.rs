//! Text positions: byte spans and their 1-based line/column.

mod line_index;
mod span;

pub use line_index::{line_col, LineIndex};
pub use span::Span;
