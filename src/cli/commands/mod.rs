//! One module per subcommand; `dispatch` picks it.

use super::args::{Cli, Command, FactsCommand, RatesCommand, RulesCommand};
use super::config::configure_data_dir;
use super::ExitStatus;
use std::io::Write;

mod check;
mod conventions;
mod convert;
mod explain;
mod extract;
mod facts;
mod init;
mod rates;
mod rates_update;
mod rules;

pub(crate) use rates::load_tables;

/// Run one subcommand.
pub fn dispatch(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<ExitStatus> {
    use crate::cli::config::{configure_check, configure_extract, configure_rules};
    match cli.command {
        Command::Check(mut a) => match configure_check(&mut a) {
            Ok(()) => {
                using_config(a.run.config_used.as_deref(), a.run.quiet, err)?;
                check::run(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Extract(mut a) => match configure_extract(&mut a) {
            Ok(()) => {
                using_config(a.run.config_used.as_deref(), a.run.quiet, err)?;
                extract::run(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Init(a) => init::run(&a, out, err),
        Command::Facts(FactsCommand::Suggest(mut a)) => match configure_check(&mut a.check) {
            Ok(()) => {
                using_config(a.check.run.config_used.as_deref(), a.check.run.quiet, err)?;
                facts::suggest(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Facts(FactsCommand::List(mut a)) => match configure_check(&mut a.check) {
            Ok(()) => {
                using_config(a.check.run.config_used.as_deref(), a.check.run.quiet, err)?;
                facts::list(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Explain(mut a) => match configure_rules(&a.cfg, &mut a.rules) {
            Ok(used) => {
                using_config(used.as_deref(), false, err)?;
                explain::run(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rules(RulesCommand::Test(mut a)) => match configure_rules(&a.cfg, &mut a.rules) {
            Ok(used) => {
                using_config(used.as_deref(), false, err)?;
                rules::test(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rules(RulesCommand::List(mut a)) => match configure_rules(&a.cfg, &mut a.rules) {
            Ok(used) => {
                using_config(used.as_deref(), false, err)?;
                rules::list(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rules(RulesCommand::Show(mut a)) => match configure_rules(&a.cfg, &mut a.rules) {
            Ok(used) => {
                using_config(used.as_deref(), false, err)?;
                rules::show(&a, out, err)
            }
            Err(e) => report_errors(&e.into(), err),
        },
        Command::Rules(RulesCommand::ExplainCheck(a)) => rules::explain_check(&a, out, err),
        Command::Completions(a) => conventions::completions(&a, out),
        Command::Man => conventions::man(out),
        Command::Lsp => crate::lsp::run_stdio().map(|()| ExitStatus::Clean),
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

/// Name the configuration file a run reads, on standard error ("using config X").
fn using_config(
    path: Option<&std::path::Path>,
    quiet: bool,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    match path {
        Some(p) if !quiet => writeln!(err, "using config {}", crate::error::shown_path(p)),
        _ => Ok(()),
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

/// Print each source's reading warnings to `err`, "warning: PATH: MESSAGE".
pub(crate) fn report_warnings(
    sources: &[crate::source::Source],
    err: &mut dyn Write,
) -> std::io::Result<()> {
    for s in sources {
        for w in &s.warnings {
            writeln!(err, "warning: {}: {w}", s.path)?;
        }
    }
    Ok(())
}
