//! Turning loaded packs into a `RuleSet`: tables merged per language, every value
//! validated, placeholders expanded, each pattern's regex compiled alone (so an error
//! names its rule) and then all patterns of a language compiled into one combined regex,
//! so a text is read once.

use super::expand::{expand, expand_marked, Form, Placeholders, MARK};
use super::lexicon::{normalize_word, Ambiguity, Lexicon, LocalConvention, NumberFormat};
use super::load::{LoadedFile, LoadedPack, Origin};
use super::schema::{ExampleDef, PatternDef};
use crate::error::{Error, Errors, Location};
use crate::quantity::{iso4217, Currency, Qualifier};
use regex::{Regex, RegexBuilder};
use regex_automata::util::captures::Captures;
use regex_automata::Input;
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;
use toml::Spanned;

/// What a pattern finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PatternKind {
    /// An amount of money.
    Money,
    /// A parameter count.
    Parameters,
    /// A parameter count read from a model's name ("QwQ-32B").
    ModelName,
    /// A number with a scale word whose unit is the one of the figure before it in the
    /// same sentence ("contre 13 milliards").
    ScaledNumber,
    /// A ratio: "vingt fois plus", "20 times larger".
    Ratio,
    /// A share of a whole: "4 % of its sales", "a stake of 11 %".
    Share,
}

impl PatternKind {
    const ALL: [(&'static str, PatternKind); 6] = [
        ("money", PatternKind::Money),
        ("parameters", PatternKind::Parameters),
        ("model-name", PatternKind::ModelName),
        ("scaled-number", PatternKind::ScaledNumber),
        ("ratio", PatternKind::Ratio),
        ("share", PatternKind::Share),
    ];

    /// The name used in TOML.
    pub fn as_str(&self) -> &'static str {
        match self {
            PatternKind::Money => "money",
            PatternKind::Parameters => "parameters",
            PatternKind::ModelName => "model-name",
            PatternKind::ScaledNumber => "scaled-number",
            PatternKind::Ratio => "ratio",
            PatternKind::Share => "share",
        }
    }
}

/// A validated pattern, with where it came from.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    /// `<pack>.<file>.<name>` or the explicit id.
    pub id: String,
    /// What it finds.
    pub kind: PatternKind,
    /// The pack's language ("*" for all).
    pub lang: String,
    /// The regex as written.
    pub regex: String,
    /// A fixed currency, when the regex captures none.
    pub currency: Option<Currency>,
    /// A fixed scale, when the pattern names one (`scale = "1e6"`): it values the
    /// pattern's `scale` group, or the figure when no scale is captured.
    pub fixed_scale: Option<Decimal>,
    /// The value of one sub-unit, for {number:sub} / {spelled:sub} (default 0.01).
    pub sub_unit: Decimal,
    /// The value of the second sub-unit, for {number:sub2} / {spelled:sub2} (default a
    /// tenth of `sub_unit`).
    pub sub_unit_2: Decimal,
    /// What one unit of the number is worth ("0.01" for a percentage); default 1.
    pub unit_value: Decimal,
    /// Lower first.
    pub priority: i64,
    /// Text after a match that rejects it.
    pub reject_followed_by: Option<SideRegex>,
    /// Text before a match that rejects it.
    pub reject_preceded_by: Option<SideRegex>,
    /// Examples.
    pub examples: Vec<ExampleDef>,
    /// Counter-examples with their line.
    pub counter_examples: Vec<(String, usize)>,
    /// Description.
    pub description: Option<String>,
    /// Where the pattern is written.
    pub location: Location,
    /// The file it came from.
    pub origin: Origin,
    /// The id of the pattern this one replaced, with its origin.
    pub overrides: Option<String>,
}

/// A `reject-if-followed-by` / `reject-if-preceded-by` regex, compiled on first use: the
/// bundled packs of every language have them, a run reads one or two languages. A user
/// pack's are compiled at load time, so that an error names its file and line.
#[derive(Debug, Clone)]
pub struct SideRegex {
    text: String,
    cell: std::sync::OnceLock<Option<Regex>>,
}

impl SideRegex {
    /// The regex (`None` only if it does not compile, which `rules test` rules out for
    /// the bundled packs).
    pub fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| Regex::new(&self.text).ok())
            .as_ref()
    }
}

/// Capture-group indexes of one pattern inside its own regex (`MatcherPattern::regex`).
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// The whole pattern (0).
    pub whole: usize,
    /// `{number}`.
    pub number: Option<usize>,
    /// `{number:hi}`.
    pub number_hi: Option<usize>,
    /// `{spelled}`.
    pub spelled: Option<usize>,
    /// `{spelled:hi}`.
    pub spelled_hi: Option<usize>,
    /// `{number:sub}`.
    pub number_sub: Option<usize>,
    /// `{spelled:sub}`.
    pub spelled_sub: Option<usize>,
    /// `{number:sub2}`.
    pub number_sub2: Option<usize>,
    /// `{spelled:sub2}`.
    pub spelled_sub2: Option<usize>,
    /// `{scale}`.
    pub scale: Option<usize>,
    /// `{scale:lo}`.
    pub scale_lo: Option<usize>,
    /// `{currency}` and variants.
    pub currency: Option<usize>,
    /// `{qualifier}`.
    pub qualifier: Option<usize>,
    /// `{fraction}`: a fraction word ("tiers").
    pub fraction: Option<usize>,
    /// `{number:den}`: the digits under a fraction bar ("20" in "1/20").
    pub number_den: Option<usize>,
    /// `(?P<model>...)`.
    pub model: Option<usize>,
}

/// One pattern of a language's matcher: its id, its own regex (to read the groups of a
/// match the combined regex found) and the indexes of its groups.
#[derive(Debug, Clone)]
pub struct MatcherPattern {
    /// The pattern id.
    pub id: String,
    /// The pattern alone, parsed (shared with the combined regex's list while it is
    /// built); compiled into `regex` on first use.
    hir: std::sync::Arc<Hir>,
    /// The pattern alone, compiled when a match of the combined regex first needs it (a
    /// run over one article reads a few patterns, not all). Capture groups are resolved
    /// with it, anchored on the span the combined regex found: a small automaton,
    /// instead of all patterns' groups.
    regex: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
    /// The pattern alone for a span it is known to match (the combined regex reported
    /// it there and its word boundaries are the same): the backtracker alone, no lazy
    /// DFA to fill. Compiled on first use.
    engine: std::sync::OnceLock<Option<PatternEngine>>,
    /// Group indexes in the pattern's regex.
    pub groups: Groups,
    /// Whether the pattern has a Unicode word boundary (`\b`, `\B`), made ASCII in the
    /// combined regex: it may then match alone where the combined regex took a later
    /// pattern, so it is always tried; any other pattern before the one the combined
    /// regex reports cannot match there (leftmost-first would have taken it).
    pub(crate) unicode_boundary: bool,
    /// Whether the pattern cannot tell one ASCII digit from another (see
    /// [`MatcherPattern::digit_blind`]), worked out on first use.
    digit_blind: std::sync::OnceLock<bool>,
}

impl MatcherPattern {
    /// The pattern's own regex, compiled now if it was not yet (`None` only if it does
    /// not compile, which `rules test` and a user pack's load rule out).
    pub fn regex(&self) -> Option<&regex_automata::meta::Regex> {
        self.regex
            .get_or_init(|| build_pattern_regex(&self.hir).ok())
            .as_ref()
    }

    /// Whether the pattern cannot tell one ASCII digit from another: every class in it
    /// holds all ten or none, and no literal holds one. It then matches two texts that
    /// differ only in their ASCII digits alike, with its groups at the same offsets.
    pub fn digit_blind(&self) -> bool {
        *self.digit_blind.get_or_init(|| hir_digit_blind(&self.hir))
    }

    /// The pattern alone for a span it matches (see `engine`), compiled now if it was
    /// not yet.
    pub fn engine(&self) -> Option<&PatternEngine> {
        self.engine
            .get_or_init(|| PatternEngine::build(&self.hir).ok())
            .as_ref()
    }
}

/// Whether `hir` treats the ten ASCII digits alike (see [`MatcherPattern::digit_blind`]).
/// Look-arounds do: a digit is a word character to every word boundary.
pub(crate) fn hir_digit_blind(hir: &Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    // Whether a class's ranges (`lo..=hi` code points or bytes) hold all ten ASCII
    // digits or none of them.
    fn all_or_no_digits(ranges: impl Iterator<Item = (u32, u32)>) -> bool {
        let (zero, nine) = (u32::from(b'0'), u32::from(b'9'));
        let digits: u32 = ranges
            .map(|(lo, hi)| {
                let (lo, hi) = (lo.max(zero), hi.min(nine));
                if lo > hi {
                    0
                } else {
                    hi - lo + 1
                }
            })
            .sum();
        digits == 0 || digits == 10
    }
    let mut stack = vec![hir];
    while let Some(h) = stack.pop() {
        let blind = match h.kind() {
            HirKind::Empty | HirKind::Look(_) => true,
            HirKind::Literal(lit) => !lit.0.iter().any(u8::is_ascii_digit),
            HirKind::Class(Class::Unicode(c)) => all_or_no_digits(
                c.ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end()))),
            ),
            HirKind::Class(Class::Bytes(c)) => all_or_no_digits(
                c.ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end()))),
            ),
            HirKind::Repetition(r) => {
                stack.push(&r.sub);
                true
            }
            HirKind::Capture(c) => {
                stack.push(&c.sub);
                true
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                stack.extend(subs.iter());
                true
            }
        };
        if !blind {
            return false;
        }
    }
    true
}

/// One pattern alone, to read the groups of a figure the combined regex found: the
/// bounded backtracker (fastest on a figure's few bytes), the PikeVM for a span too long
/// for it. Both run on the pattern's one NFA (forward only: searches are anchored on a
/// known span, so no reverse NFA and no lazy DFA are built for it).
#[derive(Debug, Clone)]
pub struct PatternEngine {
    backtrack: regex_automata::nfa::thompson::backtrack::BoundedBacktracker,
    pikevm: regex_automata::nfa::thompson::pikevm::PikeVM,
}

/// What one thread's searches with a [`PatternEngine`] reuse.
#[derive(Debug, Clone)]
pub struct EngineCache {
    backtrack: regex_automata::nfa::thompson::backtrack::Cache,
    pikevm: Option<regex_automata::nfa::thompson::pikevm::Cache>,
}

impl PatternEngine {
    fn build(hir: &Hir) -> Result<Self, String> {
        use regex_automata::nfa::thompson;
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().nfa_size_limit(Some(64 * (1 << 20))))
            .build_from_hir(hir)
            .map_err(|e| first_line(&e.to_string()))?;
        let backtrack = thompson::backtrack::BoundedBacktracker::builder()
            .build_from_nfa(nfa.clone())
            .map_err(|e| first_line(&e.to_string()))?;
        let pikevm = thompson::pikevm::PikeVM::builder()
            .build_from_nfa(nfa)
            .map_err(|e| first_line(&e.to_string()))?;
        Ok(PatternEngine { backtrack, pikevm })
    }

    /// Room for the groups of one search.
    pub fn create_captures(&self) -> Captures {
        self.backtrack.create_captures()
    }

    /// Room for one thread's searches.
    pub fn create_cache(&self) -> EngineCache {
        EngineCache {
            backtrack: self.backtrack.create_cache(),
            pikevm: None,
        }
    }

    /// The leftmost-first match in `input` (anchored or not, as `input` says), with its
    /// groups in `caps`; no match leaves `caps` without one.
    pub fn search_captures(&self, cache: &mut EngineCache, input: &Input<'_>, caps: &mut Captures) {
        if self
            .backtrack
            .try_search(&mut cache.backtrack, input, caps)
            .is_ok()
        {
            return;
        }
        let pike = cache
            .pikevm
            .get_or_insert_with(|| self.pikevm.create_cache());
        self.pikevm.search(pike, input, caps);
    }
}

/// Everything needed to read texts of one language.
#[derive(Debug, Clone)]
pub struct LangMatcher {
    /// The language.
    pub lang: String,
    /// Its tables.
    pub lexicon: Lexicon,
    /// All its patterns in one regex, one pattern each, in priority order
    /// (leftmost-first, as one alternation): finds where figures are and which pattern
    /// took each (`Match::pattern`, an index into `patterns`).
    pub regex: super::combined::CombinedRegex,
    /// The patterns in the order of the combined regex.
    pub patterns: Vec<MatcherPattern>,
    /// Tells this matcher (and its clones) apart from every other built in the process:
    /// what a scan remembers about its patterns is kept under it.
    pub(crate) id: u64,
}

/// The id of the next [`LangMatcher`] built.
static NEXT_MATCHER_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A pack as listed by `rules list`.
#[derive(Debug, Clone)]
pub struct PackInfo {
    /// Name.
    pub name: String,
    /// Language.
    pub lang: String,
    /// Version.
    pub version: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Where its pack.toml is.
    pub origin: Origin,
    /// Its files with what each holds, e.g. "12 currencies, 3 patterns".
    pub files: Vec<(Origin, String)>,
}

/// The validated, compiled rules.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Packs in load order.
    pub packs: Vec<PackInfo>,
    /// Patterns by id.
    pub patterns: BTreeMap<String, CompiledPattern>,
    /// One matcher per language, compiled on first use (see [`LazyMatcher`]).
    pub langs: BTreeMap<String, LazyMatcher>,
    /// The packs' `[[fact]]` and `[[relation]]` tables as written: the facts module
    /// compiles them (`FactSet::compile`); the rules compiler does not read them.
    pub ledger: Vec<LedgerTables>,
    /// Every role id of every language, with the roles that may stand for it.
    pub role_ids: BTreeMap<String, Vec<String>>,
    /// The frames stage's words, per language.
    pub frames: BTreeMap<String, super::roles::FrameLexicon>,
}

/// One pack file's ledger tables, with what their error messages need.
#[derive(Debug, Clone)]
pub struct LedgerTables {
    /// The pack's position in load order (a later pack replaces a fact of the same id).
    pub priority: usize,
    /// Where the file came from.
    pub origin: Origin,
    /// Its text, to turn spans into line/column.
    pub text: std::sync::Arc<str>,
    /// `[[fact]]` tables.
    pub facts: Vec<super::schema::FactDef>,
    /// `[[relation]]` tables.
    pub relations: Vec<super::schema::RelationDef>,
}

impl LedgerTables {
    /// The ledger tables of every pack file that has some, in load order.
    pub fn of_packs(packs: &[LoadedPack]) -> Vec<LedgerTables> {
        let mut out = Vec::new();
        for (priority, pack) in packs.iter().enumerate() {
            for file in &pack.files {
                let c = &file.contents;
                if c.fact.is_empty() && c.relation.is_empty() {
                    continue;
                }
                out.push(LedgerTables {
                    priority,
                    origin: file.origin.clone(),
                    text: std::sync::Arc::from(file.text.as_str()),
                    facts: c.fact.clone(),
                    relations: c.relation.clone(),
                });
            }
        }
        out
    }
}

impl RuleSet {
    /// Load the bundled packs (unless `bundled` is false) and the folders in `dirs`.
    pub fn load(dirs: &[std::path::PathBuf], bundled: bool) -> Result<RuleSet, Errors> {
        // Packs that parse are still validated when others do not, so that one bad
        // file does not hide the errors of another pack.
        let (packs, mut errors) = super::load::load_packs_keep_going(dirs, bundled);
        match compile(&packs) {
            Ok(rules) if errors.is_empty() => Ok(rules),
            Ok(_) => Err(Errors(errors)),
            Err(Errors(mut more)) => {
                errors.append(&mut more);
                // One order for errors of both stages: by file, line and column.
                errors.sort_by(|a, b| a.location.cmp(&b.location));
                Err(Errors(errors))
            }
        }
    }

    /// The bundled rules only.
    pub fn bundled() -> Result<RuleSet, Errors> {
        RuleSet::load(&[], true)
    }

    /// The languages that have patterns, sorted.
    pub fn languages(&self) -> Vec<String> {
        self.langs.keys().cloned().collect()
    }

    /// The matcher of a language.
    pub fn matcher(&self, lang: &str) -> Option<&LangMatcher> {
        self.langs.get(lang)?.get(&self.patterns)
    }

    /// Every language's matcher, compiling those not compiled yet (`rules list`,
    /// `rules test`).
    pub fn matchers(&self) -> impl Iterator<Item = (&String, &LangMatcher)> {
        self.langs
            .iter()
            .filter_map(|(l, m)| m.get(&self.patterns).map(|m| (l, m)))
    }
}

/// A language's matcher, built when a text of that language is first read.
///
/// Compiling every language's combined regex took most of a one-article run's start-up
/// (five languages, ~0.2 s): a run over French articles now compiles French alone.
/// Languages with a user pack are compiled at load time, so that their errors are
/// reported with their file and line before anything is read; the bundled packs alone
/// are proven by `figcheck rules test` and the test suite, so building them later
/// cannot fail (if it ever did, the language would read nothing, as one without rules).
#[derive(Debug, Clone)]
pub struct LazyMatcher {
    lang: String,
    lexicon: Lexicon,
    cell: std::sync::OnceLock<Option<LangMatcher>>,
}

impl LazyMatcher {
    fn new(lang: &str, lexicon: Lexicon) -> Self {
        LazyMatcher {
            lang: lang.to_string(),
            lexicon,
            cell: std::sync::OnceLock::new(),
        }
    }

    fn built(lang: &str, lexicon: Lexicon, matcher: LangMatcher) -> Self {
        let cell = std::sync::OnceLock::new();
        let _ = cell.set(Some(matcher));
        LazyMatcher {
            lang: lang.to_string(),
            lexicon,
            cell,
        }
    }

    /// The matcher, compiled now if it was not yet.
    fn get(&self, patterns: &BTreeMap<String, CompiledPattern>) -> Option<&LangMatcher> {
        self.cell
            .get_or_init(|| {
                let mut errors = Vec::new();
                build_matcher(
                    &self.lang,
                    self.lexicon.clone(),
                    patterns,
                    false,
                    &mut errors,
                )
                .filter(|_| errors.is_empty())
            })
            .as_ref()
    }

    /// The language's tables (no compiling needed).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// Whether a pack has patterns or the words their placeholders expand to (what a
/// language's combined matcher is built from), not only facts, roles or cues.
fn shapes_matcher(pack: &LoadedPack) -> bool {
    pack.files.iter().any(|f| {
        let c = &f.contents;
        !c.pattern.is_empty()
            || !c.currency.is_empty()
            || !c.ambiguous.is_empty()
            || !c.scale.is_empty()
            || c.numbers.is_some()
            || !c.qualifier.is_empty()
            || c.spelled.is_some()
    })
}

struct Ctx<'a> {
    file: &'a LoadedFile,
    errors: &'a mut Vec<Error>,
    /// The file's lines, indexed once (a pack file has hundreds of located patterns).
    index: crate::text::LineIndex,
}

impl Ctx<'_> {
    fn loc<T>(&self, s: &Spanned<T>) -> Location {
        let (line, column) = self.index.line_col(&self.file.text, s.span().start);
        Location {
            path: self.file.origin.path.clone(),
            line,
            column,
        }
    }

    fn err<T>(&mut self, s: &Spanned<T>, msg: String, rule: Option<&str>) {
        let mut e = Error::rule_error(msg).at(self.loc(s));
        if let Some(r) = rule {
            e = e.rule(r);
        }
        self.errors.push(e);
    }
}

fn parse_currency(code: &str) -> Result<Currency, String> {
    let c = Currency::from_str(code)?;
    if code.trim() != c.as_str() {
        return Err(format!(
            "currency code \"{code}\" must be written in upper case (\"{c}\")"
        ));
    }
    if !iso4217::is_known(c.as_str()) {
        return Err(format!(
            "unknown currency code \"{code}\": not an ISO 4217 code"
        ));
    }
    Ok(c)
}

/// Parse a decimal written as "1000000000", "1e9" or "52.4e9".
pub fn parse_decimal_literal(s: &str) -> Option<Decimal> {
    let t = s.trim().replace('_', "");
    if let Some((mant, exp)) = t.split_once(['e', 'E']) {
        let m = Decimal::from_str_exact(mant).ok()?;
        let e: u32 = exp.strip_prefix('+').unwrap_or(exp).parse().ok()?;
        if e > 27 {
            return None;
        }
        let factor = Decimal::from_i128_with_scale(10i128.checked_pow(e)?, 0);
        m.checked_mul(factor)
    } else {
        Decimal::from_str_exact(&t).ok()
    }
}

/// Parse an example's expected value: a decimal literal, or a fraction "1/3" (the
/// quotient as [`crate::extract`] computes it, so a share of a third is written exactly).
pub fn parse_example_value(s: &str) -> Option<Decimal> {
    match s.split_once('/') {
        Some((n, d)) => {
            let d = parse_decimal_literal(d)?;
            if d.is_zero() {
                return None;
            }
            parse_decimal_literal(n)?.checked_div(d)
        }
        None => parse_decimal_literal(s),
    }
}

fn validate_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Compile loaded packs into a rule set, keeping every error.
pub fn compile(packs: &[LoadedPack]) -> Result<RuleSet, Errors> {
    let mut errors = Vec::new();
    let mut infos = Vec::new();
    let mut patterns: BTreeMap<String, CompiledPattern> = BTreeMap::new();
    let mut langs: Vec<String> = Vec::new();

    for pack in packs {
        let m = &pack.manifest;
        let mloc = |s: &Spanned<String>| {
            Location::at_offset(
                &pack.manifest_origin.path,
                &pack.manifest_text,
                s.span().start,
            )
        };
        if !validate_name(m.name.get_ref()) {
            errors.push(
                Error::rule_error(format!(
                    "pack name \"{}\" must be lower-case letters, digits, - or _",
                    m.name.get_ref()
                ))
                .at(mloc(&m.name)),
            );
        }
        let lang = m.lang.get_ref();
        if lang != "*"
            && !(lang.len() >= 2 && lang.len() <= 3 && lang.chars().all(|c| c.is_ascii_lowercase()))
        {
            errors.push(
                Error::rule_error(format!(
                    "pack lang \"{lang}\" must be a language code such as \"fr\" or \"en\", or \"*\" for all languages"
                ))
                .at(mloc(&m.lang)),
            );
        } else if lang != "*" && !langs.iter().any(|l| l == lang) {
            langs.push(lang.clone());
        }
        let mut info = PackInfo {
            name: pack.name().to_string(),
            lang: lang.clone(),
            version: m.version.clone(),
            description: m.description.clone(),
            origin: pack.manifest_origin.clone(),
            files: Vec::new(),
        };
        let mut ids_in_pack: BTreeMap<String, Location> = BTreeMap::new();
        for file in &pack.files {
            info.files.push((file.origin.clone(), summarize(file)));
            let mut ctx = Ctx {
                file,
                errors: &mut errors,
                index: crate::text::LineIndex::new(&file.text),
            };
            for p in &file.contents.pattern {
                if let Some(cp) = compile_pattern(pack, file, p, &mut ctx) {
                    if let Some(first) = ids_in_pack.get(&cp.id) {
                        let msg = format!(
                            "duplicate rule id \"{}\" in pack \"{}\" (first defined at {first})",
                            cp.id,
                            pack.name()
                        );
                        ctx.errors
                            .push(Error::rule_error(msg).at(cp.location.clone()).rule(&cp.id));
                        continue;
                    }
                    ids_in_pack.insert(cp.id.clone(), cp.location.clone());
                    let mut cp = cp;
                    if let Some(old) = patterns.get(&cp.id) {
                        cp.overrides = Some(format!("{}", old.location));
                    }
                    patterns.insert(cp.id.clone(), cp);
                }
            }
        }
        infos.push(info);
    }

    // Tables per language, then the combined matcher.
    let mut matchers = BTreeMap::new();
    langs.sort();
    for lang in &langs {
        let lex = build_lexicon(packs, lang, &mut errors);
        // Only a user pack that shapes the matcher (patterns or their words) has it
        // compiled now: a facts-only pack of lang "*" compiled every language at
        // start-up.
        let has_user_pack = packs.iter().any(|p| {
            !p.manifest_origin.bundled && shapes_matcher(p) && {
                let l = p.manifest.lang.get_ref();
                l == lang || l == "*"
            }
        });
        if has_user_pack {
            if let Some(m) = build_matcher(lang, lex.clone(), &patterns, true, &mut errors) {
                matchers.insert(lang.clone(), LazyMatcher::built(lang, lex, m));
            }
        } else {
            matchers.insert(lang.clone(), LazyMatcher::new(lang, lex));
        }
    }
    let mut frames = BTreeMap::new();
    for lang in &langs {
        let lex = super::roles::compile_frames(packs, lang, &mut errors);
        frames.insert(lang.clone(), lex);
    }
    if errors.is_empty() {
        Ok(RuleSet {
            packs: infos,
            patterns,
            langs: matchers,
            ledger: LedgerTables::of_packs(packs),
            role_ids: super::roles::role_ids(packs),
            frames,
        })
    } else {
        Err(Errors(errors))
    }
}

fn summarize(file: &LoadedFile) -> String {
    let c = &file.contents;
    let mut parts = Vec::new();
    let mut add = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    add(c.currency.len(), "currencies");
    add(c.ambiguous.len(), "ambiguous aliases");
    add(c.scale.len(), "scales");
    add(c.fraction.len(), "fractions");
    add(usize::from(c.numbers.is_some()), "number format");
    add(c.qualifier.len(), "qualifiers");
    add(
        c.spelled.as_ref().map_or(0, |s| s.numbers.len()),
        "spelled numbers",
    );
    add(c.pattern.len(), "patterns");
    add(usize::from(c.cues.is_some()), "cue lists");
    add(c.fact.len(), "facts");
    add(c.relation.len(), "relations");
    if parts.is_empty() {
        "empty".to_string()
    } else {
        parts.join(", ")
    }
}

fn compile_pattern(
    pack: &LoadedPack,
    file: &LoadedFile,
    p: &PatternDef,
    ctx: &mut Ctx<'_>,
) -> Option<CompiledPattern> {
    let id = match &p.id {
        Some(id) => id.get_ref().clone(),
        None => format!("{}.{}.{}", pack.name(), file.stem, p.name.get_ref()),
    };
    let mut ok = true;
    if !validate_name(p.name.get_ref()) {
        ctx.err(
            &p.name,
            format!(
                "pattern name \"{}\" must be lower-case letters, digits, - or _",
                p.name.get_ref()
            ),
            Some(&id),
        );
        ok = false;
    }
    let kind = match PatternKind::ALL
        .iter()
        .find(|(n, _)| *n == p.kind.get_ref().as_str())
    {
        Some((_, k)) => *k,
        None => {
            let names: Vec<&str> = PatternKind::ALL.iter().map(|(n, _)| *n).collect();
            ctx.err(
                &p.kind,
                format!(
                    "unknown pattern kind \"{}\" (expected one of: {})",
                    p.kind.get_ref(),
                    names.join(", ")
                ),
                Some(&id),
            );
            return None;
        }
    };
    let currency = match &p.currency {
        Some(c) => match parse_currency(c.get_ref()) {
            Ok(c) => Some(c),
            Err(e) => {
                ctx.err(c, e, Some(&id));
                ok = false;
                None
            }
        },
        None => None,
    };
    let fixed_scale = match &p.scale {
        Some(s) => match parse_decimal_literal(s.get_ref()) {
            Some(d) if d > Decimal::ZERO => Some(d),
            _ => {
                ctx.err(
                    s,
                    format!(
                        "scale \"{}\" is not a positive decimal number (\"1e6\" for millions)",
                        s.get_ref()
                    ),
                    Some(&id),
                );
                ok = false;
                None
            }
        },
        None => None,
    };
    let sub_unit = match &p.sub_unit {
        Some(s) => match parse_decimal_literal(s.get_ref()) {
            Some(d) if d > Decimal::ZERO && d < Decimal::ONE => d,
            _ => {
                ctx.err(
                    s,
                    format!(
                        "sub-unit \"{}\" is not a decimal number between 0 and 1 (\"0.01\" for cents)",
                        s.get_ref()
                    ),
                    Some(&id),
                );
                ok = false;
                Decimal::new(1, 2)
            }
        },
        None => Decimal::new(1, 2),
    };
    let sub_unit_2 = match &p.sub_unit_2 {
        Some(s) => match parse_decimal_literal(s.get_ref()) {
            Some(d) if d > Decimal::ZERO && d < sub_unit => d,
            _ => {
                ctx.err(
                    s,
                    format!(
                        "sub-unit-2 \"{}\" is not a decimal number between 0 and sub-unit ({sub_unit})",
                        s.get_ref()
                    ),
                    Some(&id),
                );
                ok = false;
                sub_unit / Decimal::TEN
            }
        },
        None => sub_unit / Decimal::TEN,
    };
    let bundled = pack.manifest_origin.bundled;
    let mut side_regex = |s: &Option<Spanned<String>>, anchor_end: bool| -> Option<SideRegex> {
        let s = s.as_ref()?;
        let text = if anchor_end {
            format!("(?:{})$", s.get_ref())
        } else {
            format!("^(?:{})", s.get_ref())
        };
        let cell = std::sync::OnceLock::new();
        if !bundled {
            match Regex::new(&text) {
                Ok(r) => {
                    let _ = cell.set(Some(r));
                }
                Err(e) => {
                    ctx.err(s, format!("invalid regex: {}", regex_error(&e)), Some(&id));
                    ok = false;
                    return None;
                }
            }
        }
        Some(SideRegex { text, cell })
    };
    let reject_followed_by = side_regex(&p.reject_if_followed_by, false);
    let reject_preceded_by = side_regex(&p.reject_if_preceded_by, true);
    for ex in &p.examples {
        for (field, v) in [("value", &ex.value), ("low", &ex.low), ("high", &ex.high)] {
            if let Some(v) = v {
                if parse_example_value(v).is_none() {
                    ctx.err(
                        &p.name,
                        format!(
                            "example \"{}\": {field} \"{v}\" is not a decimal number or a fraction (\"1/3\")",
                            ex.text
                        ),
                        Some(&id),
                    );
                    ok = false;
                }
            }
        }
        if let Some(c) = &ex.currency {
            if let Err(e) = parse_currency(c) {
                ctx.err(&p.name, format!("example \"{}\": {e}", ex.text), Some(&id));
                ok = false;
            }
        }
        if let Some(q) = &ex.qualifier {
            if let Err(e) = Qualifier::from_str(q) {
                ctx.err(&p.name, format!("example \"{}\": {e}", ex.text), Some(&id));
                ok = false;
            }
        }
    }
    if p.examples.is_empty() {
        ctx.err(
            &p.name,
            "pattern has no examples: give at least one text it must read, with the expected value"
                .to_string(),
            Some(&id),
        );
        ok = false;
    }
    let unit_value = match &p.unit_value {
        Some(s) => match parse_decimal_literal(s.get_ref()) {
            Some(d) if d > Decimal::ZERO => d,
            _ => {
                ctx.err(
                    s,
                    format!(
                        "unit-value \"{}\" is not a positive decimal number (\"0.01\" for a percentage)",
                        s.get_ref()
                    ),
                    Some(&id),
                );
                ok = false;
                Decimal::ONE
            }
        },
        None => Decimal::ONE,
    };
    let counter_examples = p
        .counter_examples
        .iter()
        .map(|c| (c.get_ref().clone(), ctx.loc(c).line))
        .collect();
    if !ok {
        return None;
    }
    Some(CompiledPattern {
        id,
        kind,
        lang: pack.lang().to_string(),
        regex: p.regex.get_ref().clone(),
        currency,
        fixed_scale,
        sub_unit,
        sub_unit_2,
        unit_value,
        priority: p.priority.unwrap_or(100),
        reject_followed_by,
        reject_preceded_by,
        examples: p.examples.clone(),
        counter_examples,
        description: p.description.clone(),
        location: ctx.loc(&p.regex),
        origin: file.origin.clone(),
        overrides: None,
    })
}

/// The first line of a regex error, without the echo of the pattern.
fn regex_error(e: &regex::Error) -> String {
    let s = e.to_string();
    let lines: Vec<&str> = s.lines().collect();
    match lines.iter().rev().find(|l| l.starts_with("error:")) {
        Some(l) => l.trim_start_matches("error:").trim().to_string(),
        None => lines.first().map(|l| l.to_string()).unwrap_or(s),
    }
}

fn build_lexicon(packs: &[LoadedPack], lang: &str, errors: &mut Vec<Error>) -> Lexicon {
    let mut lex = Lexicon {
        lang: lang.to_string(),
        ..Lexicon::default()
    };
    // Only report table errors once: for the first language, or for the pack's own.
    let report = |pack: &LoadedPack| {
        pack.lang() == lang || (pack.lang() == "*" && Some(lang) == first_lang(packs).as_deref())
    };
    for pack in packs.iter().filter(|p| p.lang() == "*" || p.lang() == lang) {
        let rep = report(pack);
        for file in &pack.files {
            let mut sink = Vec::new();
            let mut ctx = Ctx {
                file,
                errors: &mut sink,
                index: crate::text::LineIndex::new(&file.text),
            };
            let c = &file.contents;
            for cur in &c.currency {
                match parse_currency(cur.code.get_ref()) {
                    Ok(code) => {
                        for s in &cur.symbols {
                            lex.symbols.insert(s.clone(), code);
                        }
                        for n in &cur.names {
                            lex.names.insert(n.clone(), code);
                        }
                    }
                    Err(e) => ctx.err(&cur.code, e, None),
                }
            }
            for amb in &c.ambiguous {
                let default = match parse_currency(amb.default.get_ref()) {
                    Ok(c) => c,
                    Err(e) => {
                        ctx.err(&amb.default, e, None);
                        continue;
                    }
                };
                let mut cues = Vec::new();
                for w in &amb.when {
                    match parse_currency(w.currency.get_ref()) {
                        Ok(c) => cues.push((c, w.near.iter().map(|n| normalize_word(n)).collect())),
                        Err(e) => ctx.err(&w.currency, e, None),
                    }
                }
                let declared_by_source = match &amb.declared_by {
                    Some(k) if k.get_ref() == "dollar" => true,
                    Some(k) => {
                        ctx.err(
                            k,
                            format!(
                                "unknown source key \"{}\" in declared-by (known: dollar)",
                                k.get_ref()
                            ),
                            None,
                        );
                        false
                    }
                    None => false,
                };
                let mut locals = Vec::new();
                for l in &amb.local {
                    match parse_currency(l.currency.get_ref()) {
                        Ok(currency) => locals.push(LocalConvention {
                            currency,
                            outlets: l.outlets.iter().map(|o| normalize_word(o)).collect(),
                            domains: l.domains.iter().map(|d| d.trim().to_lowercase()).collect(),
                            words: l.words.iter().map(|w| normalize_word(w)).collect(),
                        }),
                        Err(e) => ctx.err(&l.currency, e, None),
                    }
                }
                let alias = amb.alias.get_ref().clone();
                lex.symbols.remove(&alias);
                lex.ambiguous.insert(
                    normalize_word(&alias),
                    Ambiguity {
                        default,
                        cues,
                        window: amb.window.unwrap_or(300),
                        declared_by_source,
                        local_if_written: amb
                            .local_if_written
                            .iter()
                            .map(|a| normalize_word(a))
                            .collect(),
                        locals,
                    },
                );
            }
            for sc in &c.scale {
                match parse_decimal_literal(sc.value.get_ref()) {
                    Some(v) if v > Decimal::ZERO => {
                        for w in &sc.words {
                            lex.scales.insert(w.clone(), v);
                        }
                    }
                    _ => ctx.err(
                        &sc.value,
                        format!(
                            "scale value \"{}\" is not a positive decimal (write \"1e9\" or \"1000000000\")",
                            sc.value.get_ref()
                        ),
                        None,
                    ),
                }
            }
            for fr in &c.fraction {
                let d = *fr.denominator.get_ref();
                if d < 2 {
                    ctx.err(
                        &fr.denominator,
                        format!("fraction denominator {d} must be 2 or more (\"quart\" = 4)"),
                        None,
                    );
                    continue;
                }
                for w in &fr.words {
                    lex.fractions.insert(normalize_word(w), d);
                }
            }
            if let Some(n) = &c.numbers {
                let chars = |v: &[String]| -> Vec<char> {
                    v.iter().filter_map(|s| s.chars().next()).collect()
                };
                lex.numbers = NumberFormat {
                    decimal: chars(&n.decimal_separators),
                    group: chars(&n.group_separators),
                };
            }
            for q in &c.qualifier {
                match Qualifier::from_str(q.kind.get_ref()) {
                    Ok(kind) => {
                        for w in &q.words {
                            lex.qualifiers.insert(w.clone(), kind);
                        }
                    }
                    Err(e) => ctx.err(&q.kind, e, None),
                }
            }
            if let Some(sp) = &c.spelled {
                for (w, v) in &sp.numbers {
                    lex.spelled.insert(normalize_word(w), *v.get_ref());
                }
                lex.connectors.extend(sp.connectors.iter().cloned());
                lex.spelled_compound |= sp.compound;
            }
            if let Some(cues) = &c.cues {
                lex.part_of
                    .extend(cues.part_of.iter().map(|w| normalize_word(w)));
                lex.conversion
                    .extend(cues.conversion.iter().map(|w| normalize_word(w)));
            }
            if rep {
                errors.append(&mut sink);
            }
        }
    }
    lex
}

fn first_lang(packs: &[LoadedPack]) -> Option<String> {
    let mut langs: Vec<&str> = packs
        .iter()
        .map(LoadedPack::lang)
        .filter(|l| *l != "*")
        .collect();
    langs.sort_unstable();
    langs.first().map(|s| s.to_string())
}

/// Build a language's matcher. With `eager`, every pattern's own regex is compiled now
/// (a user pack's errors are then reported at load time, with their file and line);
/// otherwise each is compiled when a match first needs it.
fn build_matcher(
    lang: &str,
    lexicon: Lexicon,
    patterns: &BTreeMap<String, CompiledPattern>,
    eager: bool,
    errors: &mut Vec<Error>,
) -> Option<LangMatcher> {
    let mut mine: Vec<&CompiledPattern> = patterns
        .values()
        .filter(|p| p.lang == lang || p.lang == "*")
        .collect();
    mine.sort_by(|a, b| a.priority.cmp(&b.priority).then(a.id.cmp(&b.id)));
    let mut order: Vec<MatcherPattern> = Vec::new();
    let mut combined: Vec<std::sync::Arc<Hir>> = Vec::new();
    let mut words = WordsCache::default();
    let mut placeholders = Placeholders::new(Form::Tree);
    for (i, p) in mine.iter().enumerate() {
        let prefix = format!("p{i}_");
        let (marked, bodies) = match expand_marked(&p.regex, &lexicon, &prefix, &mut placeholders) {
            Ok(e) => e,
            Err(msg) => {
                errors.push(Error::rule_error(msg).at(p.location.clone()).rule(&p.id));
                continue;
            }
        };
        // The pattern as written out in full: what is parsed when the quick way below
        // does not apply, and what an error is about.
        let expanded = || expand(&p.regex, &lexicon, &prefix).unwrap_or_default();
        // Parsed once: the pattern's own regex and the combined one are built from it.
        // The regex crate's error text (clearer) only on failure.
        let invalid = |e: String| {
            let msg = build_regex(&expanded())
                .err()
                .map_or(e, |e| regex_error(&e));
            Error::rule_error(format!("invalid regex: {msg}"))
                .at(p.location.clone())
                .rule(&p.id)
        };
        let parsed = match parse_marked(&marked, &bodies, &mut words) {
            Some(h) => Ok(h),
            None => regex_automata::util::syntax::parse(&expanded()),
        };
        let hir = match parsed {
            Ok(h) => h,
            Err(e) => {
                errors.push(invalid(first_line(&e.to_string())));
                continue;
            }
        };
        let alone = std::sync::OnceLock::new();
        if eager {
            match build_pattern_regex(&hir) {
                Ok(r) => {
                    let _ = alone.set(Some(r));
                }
                Err(e) => {
                    errors.push(invalid(e));
                    continue;
                }
            }
        }
        let names = capture_names(&hir);
        let has = |g: &str| names.iter().any(|(n, _)| *n == format!("{prefix}{g}"));
        let is_fraction = has("fraction") || has("number_den");
        if is_fraction && p.kind != PatternKind::Share {
            errors.push(
                Error::rule_error(format!(
                    "{{fraction}} and {{number:den}} read a share: this pattern's kind is \"{}\", use kind = \"share\"",
                    p.kind.as_str()
                ))
                .at(p.location.clone())
                .rule(&p.id),
            );
            continue;
        }
        let needs_number = !(is_fraction
            || has("number")
            || has("spelled")
            || has("number_sub")
            || has("spelled_sub")
            || has("number_sub2")
            || has("spelled_sub2"));
        if needs_number {
            errors.push(
                Error::rule_error(
                    "pattern captures no number: use {number}, {spelled} or {fraction}".to_string(),
                )
                .at(p.location.clone())
                .rule(&p.id),
            );
            continue;
        }
        if p.kind == PatternKind::Money && !has("currency") && p.currency.is_none() {
            errors.push(
                Error::rule_error(
                    "money pattern captures no currency: use {currency} (or a variant) or set currency = \"ISO\"".to_string(),
                )
                .at(p.location.clone())
                .rule(&p.id),
            );
            continue;
        }
        // A regex whose every match is at least one byte long cannot match the empty
        // text: only the others are compiled to find out.
        if hir.properties().minimum_len() == Some(0) {
            let regex = alone.get_or_init(|| build_pattern_regex(&hir).ok());
            let Some(regex) = regex else {
                errors.push(invalid(String::new()));
                continue;
            };
            if regex.is_match("") {
                errors.push(
                    Error::rule_error("pattern matches the empty text".to_string())
                        .at(p.location.clone())
                        .rule(&p.id),
                );
                continue;
            }
        }
        let unicode_boundary = hir.properties().look_set().contains_word_unicode();
        let hir = std::sync::Arc::new(hir);
        combined.push(if unicode_boundary {
            std::sync::Arc::new(ascii_word_boundaries_hir(&hir))
        } else {
            std::sync::Arc::clone(&hir)
        });
        let g = |s: &str| {
            let name = format!("p{i}_{s}");
            names.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
        };
        let groups = Groups {
            whole: 0,
            number: g("number"),
            number_hi: g("number_hi"),
            spelled: g("spelled"),
            spelled_hi: g("spelled_hi"),
            number_sub: g("number_sub"),
            spelled_sub: g("spelled_sub"),
            number_sub2: g("number_sub2"),
            spelled_sub2: g("spelled_sub2"),
            scale: g("scale"),
            scale_lo: g("scale_lo"),
            currency: g("currency"),
            qualifier: g("qualifier"),
            fraction: g("fraction"),
            number_den: g("number_den"),
            model: g("model"),
        };
        order.push(MatcherPattern {
            id: p.id.clone(),
            hir,
            regex: alone,
            engine: std::sync::OnceLock::new(),
            groups,
            unicode_boundary,
            digit_blind: std::sync::OnceLock::new(),
        });
    }
    if combined.is_empty() {
        return None;
    }
    let regex = match super::combined::CombinedRegex::build(&combined) {
        Ok(r) => r,
        Err(e) => {
            errors.push(Error::rule_error(format!(
                "the patterns of language \"{lang}\" do not compile together: {e}"
            )));
            return None;
        }
    };
    Some(LangMatcher {
        lang: lang.to_string(),
        lexicon,
        regex,
        patterns: order,
        id: NEXT_MATCHER_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    })
}

/// Placeholder words parsed so far, by their text (`None`: not usable in
/// [`parse_marked`]).
type WordsCache = std::collections::HashMap<String, Option<Hir>>;

/// A pattern from [`expand_marked`] parsed as [`expand`]'s text would be, each
/// placeholder's words parsed once per language (`cache`) and put back in place: the
/// words are most of a pattern's text and come back in most patterns, and parsing was
/// the largest part of building a language's matcher. `None` (parse the full text
/// instead) when the pattern does not parse, when a placeholder sits where a flag such as
/// `(?i)` applies (its words would be read differently), or when words hold a group.
fn parse_marked(marked: &str, bodies: &[String], cache: &mut WordsCache) -> Option<Hir> {
    use regex_syntax::ast::{Ast, GroupKind};
    /// Whether a flag is set directly in this group's content (`a(?i)b`): it applies
    /// to the rest of the group, other branches included.
    fn sets_flags(ast: &Ast) -> bool {
        match ast {
            Ast::Flags(_) => true,
            Ast::Concat(c) => c.asts.iter().any(sets_flags),
            Ast::Alternation(a) => a.asts.iter().any(sets_flags),
            _ => false,
        }
    }
    /// Whether no placeholder is under a flag (`flagged`: the context is).
    fn marks_unflagged(ast: &Ast, flagged: bool) -> bool {
        match ast {
            Ast::Group(g) => {
                let is_mark = matches!(&g.kind, GroupKind::CaptureName { name, .. } if name.name.starts_with(MARK));
                if is_mark && flagged {
                    return false;
                }
                let flags = matches!(&g.kind, GroupKind::NonCapturing(f) if !f.items.is_empty());
                marks_unflagged(&g.ast, flagged || flags || sets_flags(&g.ast))
            }
            Ast::Concat(c) => c.asts.iter().all(|a| marks_unflagged(a, flagged)),
            Ast::Alternation(a) => a.asts.iter().all(|a| marks_unflagged(a, flagged)),
            Ast::Repetition(r) => marks_unflagged(&r.ast, flagged),
            _ => true,
        }
    }
    /// The parsed pattern with each mark replaced by its words and the groups numbered
    /// again, in the order of their opening parenthesis as in the full text (`next`).
    fn splice(hir: &Hir, words: &[&Hir], next: &mut u32) -> Option<Hir> {
        Some(match hir.kind() {
            HirKind::Capture(c) => {
                if let Some(i) = c.name.as_deref().and_then(|n| n.strip_prefix(MARK)) {
                    return words.get(i.parse::<usize>().ok()?).map(|w| (*w).clone());
                }
                let index = *next;
                *next += 1;
                Hir::capture(Capture {
                    index,
                    name: c.name.clone(),
                    sub: Box::new(splice(&c.sub, words, next)?),
                })
            }
            HirKind::Repetition(r) => Hir::repetition(Repetition {
                min: r.min,
                max: r.max,
                greedy: r.greedy,
                sub: Box::new(splice(&r.sub, words, next)?),
            }),
            HirKind::Concat(v) => Hir::concat(
                v.iter()
                    .map(|h| splice(h, words, next))
                    .collect::<Option<_>>()?,
            ),
            HirKind::Alternation(v) => Hir::alternation(
                v.iter()
                    .map(|h| splice(h, words, next))
                    .collect::<Option<_>>()?,
            ),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {
                hir.clone()
            }
        })
    }
    let ast = regex_syntax::ast::parse::Parser::new().parse(marked).ok()?;
    if !marks_unflagged(&ast, sets_flags(&ast)) {
        return None;
    }
    let skeleton = regex_syntax::hir::translate::Translator::new()
        .translate(marked, &ast)
        .ok()?;
    for body in bodies {
        if !cache.contains_key(body.as_str()) {
            let hir = regex_automata::util::syntax::parse(body)
                .ok()
                .filter(|h| h.properties().explicit_captures_len() == 0);
            cache.insert(body.clone(), hir);
        }
    }
    let words: Vec<&Hir> = bodies
        .iter()
        .map(|b| cache.get(b.as_str()).and_then(Option::as_ref))
        .collect::<Option<_>>()?;
    splice(&skeleton, &words, &mut 1)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

/// The named capture groups of a regex with their indexes (as its compiled form numbers
/// them: by the position of their opening parenthesis, the whole match being 0).
fn capture_names(hir: &Hir) -> Vec<(String, usize)> {
    fn walk(hir: &Hir, out: &mut Vec<(String, usize)>) {
        // A table's words hold no group: not walked through.
        if hir.properties().explicit_captures_len() == 0 {
            return;
        }
        match hir.kind() {
            HirKind::Capture(c) => {
                if let Some(name) = &c.name {
                    out.push((name.to_string(), c.index as usize));
                }
                walk(&c.sub, out);
            }
            HirKind::Repetition(r) => walk(&r.sub, out),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|h| walk(h, out)),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
        }
    }
    let mut out = Vec::new();
    walk(hir, &mut out);
    out
}

/// One pattern alone, with the same syntax and limits as the combined regex; an error
/// is its first line. No prefilter: it is only run anchored, where none is used, and
/// looking for one among a pattern's many words took a third of building it.
fn build_pattern_regex(hir: &Hir) -> Result<regex_automata::meta::Regex, String> {
    regex_automata::meta::Regex::builder()
        .configure(
            regex_automata::meta::Config::new()
                .nfa_size_limit(Some(64 * (1 << 20)))
                .hybrid_cache_capacity(8 * (1 << 20))
                .auto_prefilter(false),
        )
        .build_from_hir(hir)
        .map_err(|e| first_line(&e.to_string()))
}

/// The regex with every word boundary (`\b`, `\B`) made an ASCII one (`(?-u:\b)`), the
/// rest unchanged.
///
/// A Unicode word boundary stops the lazy DFA at the first non-ASCII byte ("é", "€",
/// "’"), and the search falls back to the PikeVM, hundreds of times slower: German,
/// Spanish and English news ran at 0.1 MB/s. The combined regex only finds where a
/// figure is; the pattern that matched there is then read alone with its exact
/// (Unicode) boundaries, and [`crate::extract`] rejects a figure glued to a word, so
/// the ASCII boundary changes what is found only when a non-ASCII letter follows.
fn ascii_word_boundaries_hir(hir: &Hir) -> Hir {
    if !hir.properties().look_set().contains_word_unicode() {
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Look(Look::WordUnicode) => Hir::look(Look::WordAscii),
        HirKind::Look(Look::WordUnicodeNegate) => Hir::look(Look::WordAsciiNegate),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(ascii_word_boundaries_hir(&c.sub)),
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(ascii_word_boundaries_hir(&r.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(ascii_word_boundaries_hir).collect()),
        HirKind::Alternation(v) => {
            Hir::alternation(v.iter().map(ascii_word_boundaries_hir).collect())
        }
    }
}

fn build_regex(text: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(text)
        .size_limit(64 * (1 << 20))
        .dfa_size_limit(64 * (1 << 20))
        .build()
}

#[cfg(test)]
mod lazy_tests {
    use super::RuleSet;

    /// What is compiled on first use in a run is compiled here for every bundled pack.
    #[test]
    fn the_bundled_packs_compile_in_full() {
        let rules = RuleSet::bundled().unwrap();
        for p in rules.patterns.values() {
            for r in [&p.reject_followed_by, &p.reject_preceded_by]
                .into_iter()
                .flatten()
            {
                assert!(r.get().is_some(), "{}", p.id);
            }
        }
        assert_eq!(rules.matchers().count(), rules.languages().len());
        for (lang, m) in rules.matchers() {
            for p in &m.patterns {
                assert!(p.regex().is_some(), "{lang}: {}", p.id);
                assert!(p.engine().is_some(), "{lang}: {}", p.id);
            }
        }
    }
}

#[cfg(test)]
mod marked_tests {
    use super::{parse_marked, RuleSet, WordsCache};
    use crate::rules::expand::{expand, expand_marked, Placeholders};
    use regex_automata::util::syntax::parse;

    /// The quick parse gives what parsing the full text gives, for every bundled
    /// pattern, and applies to most of them.
    #[test]
    fn words_parsed_once_give_the_same_pattern() {
        let rules = RuleSet::bundled().unwrap();
        let (mut quick, mut all) = (0, 0);
        for lang in rules.languages() {
            let lex = rules.langs[&lang].lexicon();
            let mut cache = WordsCache::default();
            let mut placeholders = Placeholders::default();
            let mine = rules
                .patterns
                .values()
                .filter(|p| p.lang == lang || p.lang == "*");
            for (i, p) in mine.enumerate() {
                let prefix = format!("p{i}_");
                let full = expand(&p.regex, lex, &prefix).unwrap();
                let (marked, bodies) =
                    expand_marked(&p.regex, lex, &prefix, &mut placeholders).unwrap();
                // The same text, the words put back.
                let mut joined = marked.clone();
                for (n, b) in bodies.iter().enumerate().rev() {
                    joined = joined.replacen(&format!("(?P<fcm_{n}>)"), b, 1);
                }
                assert_eq!(joined, full, "{lang}: {}", p.id);
                let full = parse(&full).unwrap();
                all += 1;
                if let Some(h) = parse_marked(&marked, &bodies, &mut cache) {
                    assert_eq!(h, full, "{lang}: {}", p.id);
                    quick += 1;
                }
            }
        }
        assert!(quick * 10 >= all * 9, "{quick} of {all}");
    }

    #[test]
    fn flags_and_groups_around_placeholders() {
        let rules = RuleSet::bundled().unwrap();
        let lex = rules.langs["en"].lexicon();
        let mut cache = WordsCache::default();
        let same = |r: &str, cache: &mut WordsCache| {
            let (marked, bodies) =
                expand_marked(r, lex, "p1_", &mut Placeholders::default()).unwrap();
            let quick = parse_marked(&marked, &bodies, cache);
            if let Some(h) = &quick {
                assert_eq!(h, &parse(&expand(r, lex, "p1_").unwrap()).unwrap(), "{r}");
            }
            quick.is_some()
        };
        assert!(same(
            r"(?P<a>x)(?:{number}|{spelled}){sp}?(?P<b>y){scale}?{currency}",
            &mut cache
        ));
        assert!(same(
            r"(?i:abc)\b{qualifier}?{number}{sp}(?:US)?{currency}{sp}{currency}",
            &mut cache
        ));
        assert!(!same(r"(?i){number}{sp}{currency}", &mut cache));
        assert!(!same(r"(?i:x{sp}){number}{currency}", &mut cache));
        assert!(!same(r"a(?i)b|{number}{currency}", &mut cache));
        assert!(same(r"(?:a(?i)b)|{number}{currency}", &mut cache));
    }
}

#[cfg(test)]
mod boundary_tests {
    use super::ascii_word_boundaries_hir;
    use regex_automata::util::syntax::parse;

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        let made = |r: &str| ascii_word_boundaries_hir(&parse(r).unwrap());
        assert_eq!(
            made(r"cents?\b|c\B|\\b|\d|(?P<x>\bé\b)+"),
            parse(r"cents?(?-u:\b)|c(?-u:\B)|\\b|\d|(?P<x>(?-u:\b)é(?-u:\b))+").unwrap()
        );
        assert_eq!(made("é€"), parse("é€").unwrap());
    }
}

#[cfg(test)]
mod engine_tests {
    use super::*;

    /// The backtracker and, for a span too long for it, the PikeVM give the groups the
    /// meta regex gives.
    #[test]
    fn the_pattern_engine_reads_the_groups_of_the_meta_regex() {
        let hir = regex_automata::util::syntax::parse(
            r"(?<n>[0-9]+) (?<s>milliards?) de (?<c>yuans|dollars)",
        )
        .unwrap();
        let engine = PatternEngine::build(&hir).unwrap();
        let meta = build_pattern_regex(&hir).unwrap();
        for digits in [3, 40, 300_000] {
            let text = format!("x {} milliards de yuans.", "7".repeat(digits));
            let input = Input::new(&text)
                .span(2..text.len() - 1)
                .anchored(regex_automata::Anchored::Yes);
            let (mut a, mut b) = (engine.create_captures(), meta.create_captures());
            let mut cache = engine.create_cache();
            engine.search_captures(&mut cache, &input, &mut a);
            meta.search_captures(&input, &mut b);
            assert!(a.is_match(), "{digits}");
            for g in 0..4 {
                assert_eq!(a.get_group(g), b.get_group(g), "{digits} digits, group {g}");
            }
            // the PikeVM was needed for the longest span only
            assert_eq!(cache.pikevm.is_some(), digits == 300_000, "{digits}");
        }
        let none = Input::new("x 12 euros").anchored(regex_automata::Anchored::Yes);
        let mut c = engine.create_captures();
        engine.search_captures(&mut engine.create_cache(), &none, &mut c);
        assert!(!c.is_match());
    }
}
