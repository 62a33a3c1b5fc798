//! Colour for the human output of `check` and `extract`, in the CLI layer: a writer that
//! colours whole lines by their first word (verdicts, severities) and passes every other
//! byte through unchanged. The report renderers never know about colour, and snapshots
//! (not a terminal) have none.

use super::args::ColorChoice;
use anstyle::{AnsiColor, Style};
use std::io::{self, IsTerminal, Write};

/// Whether to colour: `always` and `never` say so; `auto` colours a terminal unless
/// `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
pub fn use_color(choice: ColorChoice, is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(str::is_empty),
    }
}

/// [`use_color`] for the process's standard output and environment.
pub fn stdout_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var("NO_COLOR").ok();
    use_color(choice, io::stdout().is_terminal(), no_color.as_deref())
}

/// A writer that colours lines when enabled.
pub struct Painter<'a> {
    inner: &'a mut dyn Write,
    enabled: bool,
    line: Vec<u8>,
}

impl<'a> Painter<'a> {
    /// Wrap `inner`; with `enabled` false, bytes pass straight through.
    pub fn new(inner: &'a mut dyn Write, enabled: bool) -> Self {
        Painter {
            inner,
            enabled,
            line: Vec::new(),
        }
    }

    fn style_of(line: &str) -> Option<Style> {
        let word = line
            .split([' ', '\t'])
            .find(|w| !w.is_empty() && !w.ends_with(':'))?;
        let color = match word {
            "INCONSISTENT" | "error" => AnsiColor::Red,
            "CONSISTENT" => AnsiColor::Green,
            "UNCHECKED" | "WARNING" | "warning" => AnsiColor::Yellow,
            "info" => AnsiColor::Cyan,
            _ => return None,
        };
        Some(Style::new().fg_color(Some(color.into())).bold())
    }

    fn write_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        let text = String::from_utf8_lossy(&line);
        let body = text.trim_end_matches('\n');
        match Self::style_of(body) {
            Some(style) => {
                write!(self.inner, "{style}{body}{style:#}")?;
                self.inner
                    .write_all(line.get(body.len()..).unwrap_or_default())
            }
            None => self.inner.write_all(&line),
        }
    }
}

impl Write for Painter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.enabled {
            return self.inner.write(buf);
        }
        for &b in buf {
            self.line.push(b);
            if b == b'\n' {
                self.write_line()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.write_line()?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_terminals() {
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(use_color(ColorChoice::Auto, true, Some("")));
        assert!(!use_color(ColorChoice::Auto, true, Some("1")));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(use_color(ColorChoice::Always, false, Some("1")));
        assert!(!use_color(ColorChoice::Never, true, None));
    }

    #[test]
    fn colours_verdict_and_severity_lines_only() {
        let mut out = Vec::new();
        {
            let mut p = Painter::new(&mut out, true);
            write!(p, "CONSISTENT [x]  a\n  plain\na.md:1:2: error [c] m\nend").unwrap();
            p.flush().unwrap();
        }
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "\u{1b}[1m\u{1b}[32mCONSISTENT [x]  a\u{1b}[0m\n  plain\n\u{1b}[1m\u{1b}[31ma.md:1:2: error [c] m\u{1b}[0m\nend"
        );
    }
}
