//! One module per subcommand; `dispatch` picks it.

use super::args::{Cli, Command, RatesCommand, RulesCommand};
use super::config::configure_data_dir;
use super::ExitStatus;
use std::io::Write;

mod check;
mod convert;
mod explain;
mod extract;
mod init;
mod rates;
mod rates_update;
mod rules;

/// Run one subcommand.
pub fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<ExitStatus> {
    match cli.command {
        Command::Check(mut a) => match crate::cli::config::configure_check(&mut a) {
            Ok(()) => check::run(&a, out, err),
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Extract(mut a) => match crate::cli::config::configure_extract(&mut a) {
            Ok(()) => extract::run(&a, out, err),
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Init(a) => init::run(&a, out, err),
        Command::Explain(a) => explain::run(&a, out, err),
        Command::Rules(RulesCommand::Test(a)) => rules::test(&a, out, err),
        Command::Rules(RulesCommand::List(a)) => rules::list(&a, out, err),
        Command::Convert(mut a) => match configure_data_dir(&mut a.rates) {
            Ok(()) => convert::run(&a, out, err),
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rates(RatesCommand::Update(a)) => rates_update::run(&a, out, err),
        Command::Rates(RatesCommand::Import(a)) => rates::import(&a, out, err),
        Command::Rates(RatesCommand::Show(mut a)) => match configure_data_dir(&mut a.rates) {
            Ok(()) => rates::show(&a, out, err),
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rates(RatesCommand::Info(mut a)) => match configure_data_dir(&mut a.rates) {
            Ok(()) => rates::info(&a, out, err),
            Err(e) => report_errors(&e.into(), err),
        },
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
