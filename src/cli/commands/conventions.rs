//! `figcheck completions SHELL` and `figcheck man`: generated from the clap definition,
//! so they never drift from the real flags.

use crate::cli::args::{Cli, CompletionsArgs};
use crate::cli::ExitStatus;
use clap::CommandFactory;
use std::io::Write;

/// Print the completion script for a shell.
pub fn completions(a: &CompletionsArgs, out: &mut dyn Write) -> std::io::Result<ExitStatus> {
    let mut cmd = Cli::command();
    // clap_complete panics when its writer fails (a closed pipe): write to memory first,
    // then to `out`, whose errors main handles (a broken pipe exits 0).
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "figcheck", &mut buf);
    out.write_all(&buf)?;
    Ok(ExitStatus::Clean)
}

/// Print the man page (roff): synopsis, options and the subcommands.
pub fn man(out: &mut dyn Write) -> std::io::Result<ExitStatus> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitStatus::Clean)
}
