//! The command line: clap structs (`args`) and one module per subcommand under
//! `commands`. The library stages never see a clap type.

pub mod args;
pub mod baseline;
pub mod color;
pub mod commands;
pub mod config;
pub mod configured;
pub mod only_new;
pub mod ordered;
pub mod progress;
pub mod today;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the process ends when [`run`] returns (the binary says so): a run's large
/// values (the compiled rules and their automata, the rate tables) are then left to the
/// operating system rather than freed one allocation at a time, a few milliseconds of a
/// one-article run. A library caller is not affected.
static PROCESS_ENDS_AFTER_RUN: AtomicBool = AtomicBool::new(false);

/// Tell [`run`] that the process exits when it returns (see `PROCESS_ENDS_AFTER_RUN`).
pub fn process_ends_after_run() {
    PROCESS_ENDS_AFTER_RUN.store(true, Ordering::Relaxed);
}

/// Drop `value`, unless the process is about to end anyway.
pub(crate) fn dispose<T>(value: T) {
    if PROCESS_ENDS_AFTER_RUN.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        drop(value);
    }
}

/// How a run ended, mapped to the process exit code once, in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above the fail level.
    Clean,
    /// 1: findings (or failed rule examples).
    Findings,
    /// 2: usage, configuration, rule or rate-table errors.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Run a parsed command line, writing results to `out` and diagnostics to `err`.
pub fn run(
    cli: args::Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    commands::dispatch(cli, out, err)
}
