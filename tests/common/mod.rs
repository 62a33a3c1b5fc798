//! Helpers shared by the integration tests (a reference implementation to compare with).

/// Line and column (1-based, in characters) of a byte offset, walking the file from its
/// start: "\n", "\r\n" and a lone "\r" end lines; a leading byte order mark is no column.
pub fn walk_line_col(file: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = file.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        if i == 0 && c == '\u{feff}' {
            continue;
        }
        let lone_cr = c == '\r' && chars.peek().map(|(_, n)| *n) != Some('\n');
        if c == '\n' || lone_cr {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}
