//! A progress bar on standard error for long runs: only when standard error is a
//! terminal, never with `--quiet`, and only past a few sources. Lives in the CLI layer:
//! the library never draws anything.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Fewer sources than this finish too fast to need a bar.
const MIN_SOURCES: usize = 20;

/// A bar over the sources being read, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar of `len` steps, shown only when it helps (see the module docs).
    pub fn new(len: usize, quiet: bool) -> Self {
        if quiet || len < MIN_SOURCES || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(len).unwrap_or(u64::MAX)),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} sources {msg}") {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// One more source done.
    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
