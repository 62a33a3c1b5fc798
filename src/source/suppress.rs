//! Suppression comments: `<!-- figcheck-ignore CHECK[,CHECK...] reason -->` in a
//! Markdown, HTML or text article accepts a known discrepancy (an article that quotes a
//! wrong figure on purpose) for the next paragraph: the lines after the comment up to the
//! next blank line (or, in HTML, the line that closes the block, `</p>`, `</li>`...).
//! `all` names every check.
//!
//! This module only reads the comments; the check stage drops the findings they cover
//! (`check::suppress`). In Markdown and text the comment is blanked out of the text the
//! extractor reads (same byte length, line breaks kept), so a figure in a reason is not
//! read and no snippet shows the comment.

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";
const KEYWORD: &str = "figcheck-ignore";

/// One suppression comment and the lines it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The check ids named ("all" for every check), as written.
    pub checks: Vec<String>,
    /// The reason given (may be empty).
    pub reason: String,
    /// 1-based line of the comment.
    pub line: usize,
    /// 1-based first and last line of the paragraph it covers.
    pub covers: (usize, usize),
}

impl Suppression {
    /// Whether it covers `check` on `line`.
    pub fn covers(&self, check: &str, line: usize) -> bool {
        line >= self.covers.0
            && line <= self.covers.1
            && self.checks.iter().any(|c| c == check || c == "all")
    }
}

/// Byte ranges of the `figcheck-ignore` comments of `text`, with their inner text.
fn comments(text: &str) -> Vec<(usize, usize, &str)> {
    // Vectorised searches: every source is read for them, most have none.
    let (open_finder, close_finder) = (
        memchr::memmem::Finder::new(OPEN),
        memchr::memmem::Finder::new(CLOSE),
    );
    let find = |finder: &memchr::memmem::Finder<'_>, from: usize| {
        finder.find(text.as_bytes().get(from..)?)
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = find(&open_finder, at) {
        let start = at + open;
        let inner_start = start + OPEN.len();
        let Some(close) = find(&close_finder, inner_start) else {
            break;
        };
        let end = inner_start + close + CLOSE.len();
        let inner = text
            .get(inner_start..inner_start + close)
            .unwrap_or_default();
        if inner.trim_start().starts_with(KEYWORD) {
            out.push((start, end, inner));
        }
        at = end;
    }
    out
}

fn is_block_close(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    ["</p>", "</li>", "</div>", "</blockquote>", "</td>"]
        .iter()
        .any(|t| l.contains(t))
}

/// The suppression comments of a file's text (the file's own text, for HTML).
pub fn find_suppressions(text: &str) -> Vec<Suppression> {
    let found = comments(text);
    if found.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    // Lines are counted on from the previous comment: once over the text in all.
    let (mut counted_to, mut breaks) = (0usize, 0usize);
    let mut line_of = |at: usize| {
        breaks += text
            .get(counted_to..at)
            .map_or(0, |t| t.matches('\n').count());
        counted_to = counted_to.max(at);
        breaks + 1
    };
    for (start, end, inner) in found {
        let rest = inner.trim().get(KEYWORD.len()..).unwrap_or_default().trim();
        let (ids, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let checks: Vec<String> = ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let line = line_of(start);
        let end_line = line_of(end);
        // The paragraph: from the comment's last line (text may follow it there) to the
        // line before the next blank line, or a line closing an HTML block.
        let after = text
            .get(end..)
            .map_or("", |t| t.split('\n').next().unwrap_or_default());
        let mut first = if after.trim().is_empty() {
            end_line + 1
        } else {
            end_line
        };
        // blank lines between the comment and its paragraph are skipped
        while lines
            .get(first.saturating_sub(1))
            .is_some_and(|l| l.trim().is_empty())
        {
            first += 1;
        }
        let mut last = first;
        while let Some(l) = lines.get(last.saturating_sub(1)) {
            if is_block_close(l) {
                break;
            }
            match lines.get(last) {
                Some(next) if !next.trim().is_empty() => last += 1,
                _ => break,
            }
        }
        out.push(Suppression {
            checks,
            reason: reason.trim().to_string(),
            line,
            covers: (first, last),
        });
    }
    out
}

/// `text` with every `figcheck-ignore` comment replaced by spaces of the same byte
/// length (line breaks kept), so offsets, lines and columns do not move.
pub fn blank_comments(text: &str) -> String {
    let found = comments(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, _) in found {
        out.push_str(text.get(at..start).unwrap_or_default());
        for c in text.get(start..end).unwrap_or_default().chars() {
            if c == '\n' || c == '\r' {
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_covers_the_next_paragraph() {
        let text = "Intro line.\n\n<!-- figcheck-ignore cross-source-mismatch quoted on purpose: 38 bn -->\nThe paper said 38 bn,\nwrongly.\n\nNext paragraph.\n";
        let s = find_suppressions(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].checks, vec!["cross-source-mismatch"]);
        assert_eq!(s[0].reason, "quoted on purpose: 38 bn");
        assert_eq!(s[0].line, 3);
        assert_eq!(s[0].covers, (4, 5));
        assert!(s[0].covers("cross-source-mismatch", 5));
        assert!(!s[0].covers("cross-source-mismatch", 7));
        assert!(!s[0].covers("stale-conversion", 4));
    }

    #[test]
    fn blank_lines_after_the_comment_and_html_blocks() {
        let text =
            "<!-- figcheck-ignore all,stale-conversion -->\n\n<p>One\ntwo</p>\n<p>three</p>\n";
        let s = find_suppressions(text);
        assert_eq!(s[0].checks, vec!["all", "stale-conversion"]);
        assert_eq!(s[0].reason, "");
        assert_eq!(s[0].covers, (3, 4));
        assert!(s[0].covers("ratio-mismatch", 4));
    }

    #[test]
    fn each_comment_has_its_own_line() {
        let text = "<!-- figcheck-ignore all -->\nOne.\n\nTwo.\n<!-- figcheck-ignore all x\ny -->\nThree.\n";
        let s = find_suppressions(text);
        let lines: Vec<(usize, (usize, usize))> = s.iter().map(|s| (s.line, s.covers)).collect();
        assert_eq!(lines, [(1, (2, 2)), (5, (7, 7))]);
    }

    #[test]
    fn other_comments_and_unclosed_ones_are_not_suppressions() {
        assert!(find_suppressions("<!-- a note -->\ntext").is_empty());
        assert!(find_suppressions("<!-- figcheck-ignore all\ntext").is_empty());
        assert!(find_suppressions("").is_empty());
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let text = "a <!-- figcheck-ignore all é 12 M€\nx --> b <!-- keep -->";
        let blank = blank_comments(text);
        assert_eq!(blank.len(), text.len());
        assert_eq!(blank.matches('\n').count(), 1);
        assert!(blank.starts_with("a ") && blank.contains(" b <!-- keep -->"));
        assert!(!blank.contains("12"));
        assert_eq!(blank_comments("plain"), "plain");
    }
}
