//! One module per subcommand; `dispatch` picks it.

use super::args::{Cli, Command, RatesCommand, RulesCommand};
use super::ExitStatus;
use std::io::Write;

mod check;
mod convert;
mod explain;
mod extract;
mod rates;
mod rules;

/// Run one subcommand.
pub fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<ExitStatus> {
    match cli.command {
        Command::Check(a) => check::run(&a, out, err),
        Command::Extract(a) => extract::run(&a, out, err),
        Command::Explain(a) => explain::run(&a, out, err),
        Command::Rules(RulesCommand::Test(a)) => rules::test(&a, out, err),
        Command::Rules(RulesCommand::List(a)) => rules::list(&a, out, err),
        Command::Convert(a) => convert::run(&a, out, err),
        Command::Rates(RatesCommand::Import(a)) => rates::import(&a, out, err),
        Command::Rates(RatesCommand::Show(a)) => rates::show(&a, out, err),
        Command::Rates(RatesCommand::Info(a)) => rates::info(&a, out, err),
    }
}

/// Print errors to `err` and return the error status.
pub(crate) fn report_errors(
    errors: &crate::Errors,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    for e in &errors.0 {
        writeln!(err, "error: {e}")?;
    }
    Ok(ExitStatus::Error)
}
