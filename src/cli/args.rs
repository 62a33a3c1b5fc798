//! Command-line arguments (clap derive structs only). Help text comes from the doc
//! comments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// figcheck: finds the figures in news articles (money amounts, AI-model parameter
/// counts), converts them with dated exchange rates and reports where sources disagree.
#[derive(Debug, Parser)]
#[command(name = "figcheck", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles: tie figures to facts, convert them at each source's date, and
    /// report where sources disagree, with the numbers, the rates and the probable cause.
    Check(CheckArgs),
    /// List the figures found in articles (money amounts, parameter counts).
    Extract(ExtractArgs),
    /// Show how a piece of text is read: rule, number, scale, currency, qualifier.
    Explain(ExplainArgs),
    /// Work with rule packs: run their examples, list what is loaded.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Convert an amount between currencies at a date, with the rate shown.
    Convert(ConvertArgs),
    /// Work with exchange-rate tables: update, import, show, info.
    #[command(subcommand)]
    Rates(RatesCommand),
    /// Write a commented starter figcheck.toml and a sample rule pack.
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell), e.g.
    /// `figcheck completions bash > ~/.local/share/bash-completion/completions/figcheck`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `figcheck man > figcheck.1 && man ./figcheck.1`.
    Man,
    /// Run the language server over standard input and output (for an editor's LSP
    /// client): diagnostics, hover and quick fixes on Markdown, HTML and text articles.
    Lsp,
    /// Facts: list ledger and discovered facts with their claims; suggest a ledger draft.
    #[command(subcommand)]
    Facts(FactsCommand),
}

/// `figcheck facts`.
#[derive(Debug, Subcommand)]
pub enum FactsCommand {
    /// Write a ledger draft (TOML) to standard output: one `[[fact]]` per fact
    /// discovered across the sources, its reference the sources' consensus, each
    /// followed by comments listing its claims.
    Suggest(FactsArgs),
    /// List the ledger's facts and the facts discovered across the sources, side by
    /// side, each with its claims.
    List(FactsArgs),
}

/// `figcheck facts suggest` and `figcheck facts list`.
#[derive(Debug, Args)]
pub struct FactsArgs {
    /// What `check` reads (sources, rules, rates, configuration).
    #[command(flatten)]
    pub check: CheckArgs,
    /// Fewest sources a discovered fact needs.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_sources: usize,
    /// Only facts of this kind (money, parameters); repeatable.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
}

/// `figcheck completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where rules come from.
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// Add a folder of rule packs (repeatable; later folders override earlier ones by
    /// rule id, and all override the bundled packs).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Start without the bundled rule packs.
    #[arg(long)]
    pub no_default_rules: bool,
}

/// Where rates come from.
#[derive(Debug, Args, Clone, Default)]
pub struct RateArgs {
    /// Add a folder of rate tables (repeatable; later folders take priority).
    #[arg(long = "rates", value_name = "DIR")]
    pub rates: Vec<PathBuf>,
    /// Start without the bundled ECB table and without the one `rates update` installed.
    #[arg(long)]
    pub no_default_rates: bool,
    /// Largest gap, in days, between a date and the table row used for it [default: 7].
    #[arg(long, value_name = "DAYS")]
    pub max_gap: Option<u32>,
    /// `data-dir` from figcheck.toml, resolved (no flag: `FIGCHECK_DATA_DIR` overrides it).
    #[arg(skip)]
    pub data_dir: Option<PathBuf>,
}

/// Where sources come from and what is known of them.
#[derive(Debug, Args, Clone, Default)]
pub struct SourceArgs {
    /// Articles: files, folders (read recursively), or "-" for standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Language of sources that do not say (fr, en); otherwise detected from the text.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// A manifest (sources.toml) giving each file's date, language and outlet. A
    /// sources.toml beside the articles is read without this flag.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) of sources that do not give one.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Decode invalid UTF-8 lossily (with a warning) instead of reporting an error.
    #[arg(long)]
    pub lossy: bool,
    /// Only read files matching this glob when walking folders (repeatable; matched on
    /// the path relative to the folder, e.g. "articles/**/*.md").
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files matching this glob when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExtractFormat {
    /// A readable table.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per mention, per line.
    Jsonl,
}

/// `figcheck extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Sources.
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Rates.
    #[command(flatten)]
    pub rates: RateArgs,
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub format: Option<ExtractFormat>,
    /// Reporting currency money mentions are converted into [default: USD].
    #[arg(long, value_name = "CUR")]
    pub currency: Option<String>,
    /// Configuration, colour and progress.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    /// Findings first, one block each, then one line per fact (--verbose: every figure).
    #[default]
    Human,
    #[allow(rustdoc::broken_intra_doc_links)] // clap help text: "[check]" is literal
    /// One line per finding (path:line:col: severity[check] ...), as linters print.
    Concise,
    /// One JSON document: facts, findings, unassigned claims.
    Json,
    /// Markdown, for a pull-request comment or a newsroom wiki.
    Markdown,
    // --- formats for CI and archives (figcheck in CI and in the newsroom, part 4) ---
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// One self-contained claim record per line; read back with --claims.
    Jsonl,
    /// One self-contained HTML page with a picture per fact.
    Html,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    /// Errors only (the default).
    #[default]
    Error,
    /// Warnings and errors.
    Warning,
    /// Never: always exit 0 unless figcheck itself fails.
    Never,
}

/// `figcheck check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Sources.
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Rules (patterns and facts).
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Rates.
    #[command(flatten)]
    pub rates: RateArgs,
    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Exit 1 when a finding reaches this severity [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Change a check's severity: CHECK=error|warning|info|off (repeatable), e.g.
    /// --severity stale-conversion=error.
    #[arg(long = "severity", value_name = "CHECK=LEVEL")]
    pub severity: Vec<String>,
    /// Human report: list every figure of every fact (the wrong ones marked), each
    /// conversion's rate and row date, and the figures tied to no fact.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Accept the findings listed in this file (written by --write-baseline): they are
    /// not reported and do not fail the run; new findings still do.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the run's findings to FILE as a baseline (keyed by their SARIF
    /// fingerprints) and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Configuration, colour and progress.
    #[command(flatten)]
    pub run: RunArgs,
    /// Report only what is new.
    #[command(flatten)]
    pub only_new: OnlyNewArgs,
    // --- reduce step (figcheck in CI and in the newsroom, part 4) ---
    /// Check claim files written by --format jsonl (from one or several runs) instead of
    /// articles: facts come from the rules, sources and claims from the records.
    #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "paths")]
    pub claims: Vec<PathBuf>,
    /// Default widths from figcheck.toml's `[tolerance]` (no flags).
    #[arg(skip)]
    pub tolerance: Tolerances,
}

/// Default widths per check, from figcheck.toml's `[tolerance]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tolerances {
    /// `cross-source`: a fact's tolerance, unless it sets its own.
    pub cross_source: Option<rust_decimal::Decimal>,
    /// `approx-width`: a fact's "about" width, unless it sets its own.
    pub approx_width: Option<rust_decimal::Decimal>,
    /// `inline-conversion`: the rate tolerance of a conversion in the text.
    pub inline_conversion: Option<rust_decimal::Decimal>,
}

/// `figcheck explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The text to read.
    pub text: String,
    /// Language to read it in (default: detected).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Also show each figure's frame (subject, measure, time) and the fact it ties to,
    /// with the facts of the rule packs (your ledger: figcheck.toml or --rules).
    #[arg(long)]
    pub facts: bool,
    /// The text's publication date, for `--facts` (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Configuration file.
    #[command(flatten)]
    pub cfg: ConfigArgs,
}

/// `figcheck rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every example and counter-example of every rule; exit 1 on any failure.
    Test(RulesTestArgs),
    /// List the packs, patterns and tables loaded, each with the file it came from.
    List(RulesListArgs),
    /// Show one pattern: where it is written, its regex as written and expanded for each
    /// language, its examples.
    Show(RulesShowArgs),
    /// Print what a check does, why it matters and an example (like `ruff rule`).
    ExplainCheck(ExplainCheckArgs),
}

/// `figcheck rules show`.
#[derive(Debug, Args)]
pub struct RulesShowArgs {
    /// The pattern id, e.g. fr.money.amount (see `figcheck rules list`).
    pub id: String,
    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Configuration file.
    #[command(flatten)]
    pub cfg: ConfigArgs,
}

/// `figcheck rules explain-check`.
#[derive(Debug, Args)]
pub struct ExplainCheckArgs {
    /// The check id, e.g. cross-source-mismatch; without one, every check is listed.
    pub id: Option<String>,
}

/// `figcheck rules test`.
#[derive(Debug, Args)]
pub struct RulesTestArgs {
    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Configuration file.
    #[command(flatten)]
    pub cfg: ConfigArgs,
}

/// `figcheck rules list`.
#[derive(Debug, Args)]
pub struct RulesListArgs {
    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Configuration file.
    #[command(flatten)]
    pub cfg: ConfigArgs,
}

/// Output formats of `convert` and `rates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SimpleFormat {
    /// Readable text.
    #[default]
    Human,
    /// JSON.
    Json,
}

/// `figcheck convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The amount: "380e9", "380 000 000 000", "380bn", "380 milliards".
    pub amount: String,
    /// The currency of the amount (ISO code).
    pub from: String,
    /// Target currencies, comma-separated (ISO codes).
    #[arg(
        long,
        value_delimiter = ',',
        required = true,
        value_name = "CUR[,CUR...]"
    )]
    pub to: Vec<String>,
    /// The date of the conversion (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
    /// Rates.
    #[command(flatten)]
    pub rates: RateArgs,
}

/// `figcheck rates ...`.
#[derive(Debug, Subcommand)]
pub enum RatesCommand {
    /// Download the ECB's rate history and install it in the data folder: every command
    /// then uses the newer rates, with no rebuild.
    Update(RatesUpdateArgs),
    /// Import an ECB CSV (full history or the daily file) into a rate table, atomically.
    Import(RatesImportArgs),
    /// Show the rates of a date.
    Show(RatesShowArgs),
    /// Show the tables loaded: coverage, currencies, priority.
    Info(RatesInfoArgs),
}

/// `figcheck rates import`.
#[derive(Debug, Args)]
pub struct RatesImportArgs {
    /// The ECB CSV to import.
    pub file: PathBuf,
    /// The table file to merge into (created if missing).
    #[arg(long, value_name = "PATH", default_value = "rates/ecb.csv")]
    pub into: PathBuf,
}

/// `figcheck rates update`.
#[derive(Debug, Args)]
pub struct RatesUpdateArgs {
    /// Download from this URL (a zip holding eurofxref-hist.csv, or the CSV itself)
    /// [default: `rates-url` in figcheck.toml, else the ECB's eurofxref-hist.zip].
    #[arg(long, value_name = "URL", conflicts_with = "file")]
    pub url: Option<String>,
    /// Install from a file already downloaded (the ECB zip or its CSV) instead.
    #[arg(long, value_name = "ZIP_OR_CSV")]
    pub file: Option<PathBuf>,
    /// Install even a history with fewer rows or an earlier last date than the one
    /// installed.
    #[arg(long)]
    pub force: bool,
}

/// `figcheck rates show`.
#[derive(Debug, Args)]
pub struct RatesShowArgs {
    /// The date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Only this currency (ISO code).
    #[arg(long, value_name = "CUR")]
    pub currency: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
    /// Rates.
    #[command(flatten)]
    pub rates: RateArgs,
}

/// `figcheck rates info`.
#[derive(Debug, Args)]
pub struct RatesInfoArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimpleFormat::Human)]
    pub format: SimpleFormat,
    /// Rates.
    #[command(flatten)]
    pub rates: RateArgs,
}

// ---- config, output and "only new" flags (figcheck.toml; CI and newsroom use) ----

/// When to colour the human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Which figcheck.toml to read.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// Read this configuration file instead of the nearest figcheck.toml above the
    /// articles (or above the working folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not read any figcheck.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// Configuration file, colour, progress.
#[derive(Debug, Args, Clone, Default)]
pub struct RunArgs {
    /// Configuration file.
    #[command(flatten)]
    pub cfg: ConfigArgs,
    /// The configuration file that was read (set after discovery, for the reports).
    #[arg(skip)]
    pub config_used: Option<PathBuf>,
    /// No progress bar and no notes on standard error (errors are still shown).
    #[arg(long, short)]
    pub quiet: bool,
    /// Colour the human output: auto, always, never (NO_COLOR is honoured in auto).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Report only the findings that involve new sources; every path is still read.
#[derive(Debug, Args, Clone, Default)]
pub struct OnlyNewArgs {
    /// Sources added or modified since this git revision (and untracked ones) are new.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// These files or folders are new (repeatable); they are read too.
    #[arg(long = "new", value_name = "PATH")]
    pub new: Vec<PathBuf>,
}

/// `figcheck init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write into (default: the working folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}
