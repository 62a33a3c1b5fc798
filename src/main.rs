//! The figcheck binary: parse the command line, run, print errors, map the outcome to an
//! exit code. All logic lives in the library.

use clap::Parser;
use figcheck::cli::{self, args::Cli};
use std::io::Write;
use std::process::ExitCode;

/// Building the rules' automata is mostly small allocations (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (2).
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // The language server owns standard input and output: its own threads read and
    // write them, so this thread must not hold the stdout lock.
    if matches!(cli.command, figcheck::cli::args::Command::Lsp) {
        return match figcheck::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "error: figcheck lsp: {e}");
                ExitCode::from(2)
            }
        };
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Standard error is NOT locked for the whole run: the progress bar draws to it from
    // worker threads, and a lock held here would block them forever (the bar's writes
    // wait for the lock, the main thread waits for the workers). `Stderr` takes the lock
    // per write.
    let mut err = std::io::stderr();
    cli::process_ends_after_run();
    let status = cli::run(cli, &mut out, &mut err).and_then(|s| out.flush().map(|()| s));
    match status {
        Ok(s) => ExitCode::from(s.code()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(2)
        }
    }
}
