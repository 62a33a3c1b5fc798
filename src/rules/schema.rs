//! The TOML format of rule packs, as serde structs. Every user-written value that can
//! fail after parsing (regex, code, number, kind) keeps its span, so errors point at it.
//!
//! A pack is a folder with `pack.toml` and any number of other `.toml` files; each file
//! may hold any of the tables below (by convention: currencies.toml, numbers.toml,
//! qualifiers.toml, money.toml, parameters.toml).

use serde::Deserialize;
use toml::Spanned;

/// `pack.toml`: what the pack is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackManifest {
    /// The pack's name, first part of its rule ids ("fr" -> "fr.money.amount-currency").
    pub name: Spanned<String>,
    /// The language its patterns and words belong to ("fr", "en"), or "*" for all.
    pub lang: Spanned<String>,
    /// Version of the pack, free text.
    #[serde(default)]
    pub version: Option<String>,
    /// What the pack is for.
    #[serde(default)]
    pub description: Option<String>,
}

/// Any other file of a pack.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackFile {
    /// Currencies: codes, symbols and names.
    #[serde(default)]
    pub currency: Vec<CurrencyDef>,
    /// How to decide an alias that several currencies share ("¥").
    #[serde(default)]
    pub ambiguous: Vec<AmbiguousDef>,
    /// Scale words ("milliard" = 1e9).
    #[serde(default)]
    pub scale: Vec<ScaleDef>,
    /// Fraction words ("tiers" = 1/3, "tenth" = 1/10), for the `{fraction}` placeholder.
    #[serde(default)]
    pub fraction: Vec<FractionDef>,
    /// Digit separators.
    #[serde(default)]
    pub numbers: Option<NumbersDef>,
    /// Qualifier words ("plus de" -> more_than).
    #[serde(default)]
    pub qualifier: Vec<QualifierDef>,
    /// Spelled-out numbers ("cinquante" = 50).
    #[serde(default)]
    pub spelled: Option<SpelledDef>,
    /// Patterns: regexes with placeholders.
    #[serde(default)]
    pub pattern: Vec<PatternDef>,
    /// Cue words the checks read ("dont", "soit").
    #[serde(default)]
    pub cues: Option<CuesDef>,
    /// Roles: what a figure measures, from words in its clause (see `crate::frames`).
    #[serde(default)]
    pub role: Vec<RoleDef>,
    /// Words the frames stage reads: references, clause breaks, time words.
    #[serde(default)]
    pub frames: Option<FramesDef>,
    /// Facts: what several claims are about (see `crate::facts`).
    #[serde(default)]
    pub fact: Vec<FactDef>,
    /// Relations between facts ("N times larger").
    #[serde(default)]
    pub relation: Vec<RelationDef>,
}

/// `[[role]]`: a measure ("valuation") and the words that name it, matched by stem in the
/// figure's own clause ("valorisée", "valorisation", "valued", "valuation").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleDef {
    /// Role id, shared by every language ("valuation", "funding", "fine"...).
    pub id: Spanned<String>,
    /// Words and phrases; each word is reduced to its stem.
    pub words: Vec<String>,
    /// Roles whose figures may stand for this one, with fewer points ("spending" for
    /// "investment").
    #[serde(default)]
    pub related: Vec<String>,
}

/// `[frames]`: the words the frames stage reads, per language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FramesDef {
    /// Words that refer back to the article's subject ("la start-up", "the company", "its").
    #[serde(default)]
    pub references: Vec<String>,
    /// Pronouns and possessives ("sa", "ses", "its"): the nearest entity named before
    /// them in the sentence, else the article's subject.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Words that start a new clause inside a sentence ("dont", "while", "after").
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Words before a year that make it a target, not the figure's time ("d'ici", "by").
    #[serde(default)]
    pub horizon: Vec<String>,
    /// Words that mean the year before the article ("l'an dernier", "last year").
    #[serde(default)]
    pub last_year: Vec<String>,
    /// Month names, January first (twelve).
    #[serde(default)]
    pub months: Vec<String>,
    /// Words right after a figure that introduce whom it is for ("for", "in", "pour",
    /// "dans"): a ledger name after them is the figure's subject.
    #[serde(default)]
    pub beneficiaries: Vec<String>,
    /// Prepositions before a place name ("from", "in", "à", "de"): such a name is not a
    /// subject.
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// First words of a clause that describes the nearest name before it ("qui", "un",
    /// "which", "a"): its subject is that name, not the sentence's.
    #[serde(default)]
    pub apposition: Vec<String>,
    /// Words next to a name that make it a news source, not a subject ("selon",
    /// "according to", "reported", "said").
    #[serde(default)]
    pub news_sources: Vec<String>,
    /// Capitalised words that are not names ("Le", "The", "Selon", "Monday").
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that make a valuation the one before a funding round ("pre-money", "avant
    /// l'opération"); a valuation without them is the one after. Facts discovered
    /// without a ledger keep the two apart and check that after = before + round.
    #[serde(default)]
    pub pre_money: Vec<String>,
}

/// `[cues]`: words that relate two figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CuesDef {
    /// Words that introduce a part of the figure before ("dont", "of which").
    #[serde(default)]
    pub part_of: Vec<String>,
    /// Words between a figure and its conversion ("soit", "or about"); a figure in
    /// brackets right after another is always read as its conversion.
    #[serde(default)]
    pub conversion: Vec<String>,
}

/// `[[fact]]`: something several sources state a figure for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactDef {
    /// Stable id ("alibaba-ai-cloud-plan-2025").
    pub id: Spanned<String>,
    /// What a reader calls it.
    pub label: String,
    /// money or parameters.
    pub kind: Spanned<String>,
    /// For money: the currency claims are compared in.
    #[serde(default)]
    pub currency: Option<Spanned<String>>,
    /// Names of the entity (case-insensitive, whole words): "Alibaba", "QwQ-32B".
    pub entities: Vec<String>,
    /// Topic words or phrases; when given, one must be near the figure.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Words that, near the figure, mean it is about something else.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Where an entity name must be: sentence, paragraph (default) or document.
    #[serde(default)]
    pub entity_scope: Option<Spanned<String>>,
    /// Where a topic word must be: sentence (default) or paragraph.
    #[serde(default)]
    pub topic_scope: Option<Spanned<String>>,
    /// Relative tolerance added to every claim's interval ("0.005" = 0.5 %).
    #[serde(default)]
    pub tolerance: Option<Spanned<String>>,
    /// Relative half-width of "about"/"environ" figures ("0.05" = 5 %).
    #[serde(default)]
    pub approx_width: Option<Spanned<String>>,
    /// How far back (days) a stale conversion is looked for; default 90.
    #[serde(default)]
    pub stale_window_days: Option<u32>,
    /// What the figure measures: a role id of the role lexicons ("valuation", "funding"...).
    #[serde(default)]
    pub measure: Option<Spanned<String>>,
    /// The event's date (YYYY-MM-DD): figures of other times are not about this fact.
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    /// The first day of the event's window (with or instead of `until`).
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// The last day of the event's window.
    #[serde(default)]
    pub until: Option<Spanned<String>>,
    /// How many days after the event articles may still report it without naming a
    /// time of their own; default 365.
    #[serde(default)]
    pub horizon_days: Option<u32>,
    /// A known figure every claim is checked against.
    #[serde(default)]
    pub reference: Option<ReferenceDef>,
    /// Texts whose figure must (or must not) tie to this fact, run by `rules test`.
    #[serde(default)]
    pub example: Vec<FactExampleDef>,
}

/// `[[fact.example]]`: a text whose figure must tie to the fact (or, with `tie = false`,
/// must not).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactExampleDef {
    /// The text (one or a few sentences).
    pub text: Spanned<String>,
    /// Whether the figure must tie to the fact (default) or must not.
    #[serde(default = "yes")]
    pub tie: bool,
    /// The figure meant, as written in the text (default: any figure of the text).
    #[serde(default)]
    pub figure: Option<String>,
    /// The text's language (default: detected, else the first with rules).
    #[serde(default)]
    pub lang: Option<String>,
    /// The text's publication date (default: the fact's event date).
    #[serde(default)]
    pub date: Option<String>,
}

fn yes() -> bool {
    true
}

/// A fact's reference value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferenceDef {
    /// The value in base units ("380e9").
    pub value: Spanned<String>,
    /// Its currency (money).
    #[serde(default)]
    pub currency: Option<Spanned<String>>,
    /// The date it holds at (YYYY-MM-DD).
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Digits the reference is exact to, in base units ("1e9"); default: exact.
    #[serde(default)]
    pub precision: Option<Spanned<String>>,
}

/// `[[relation]]`: how facts relate. `kind = "times"` (the default: `larger` is N times
/// `smaller`, "vingt fois plus"), `"share"` (`part` is a share of `whole`: "4 % of its
/// sales", "a stake of 11 %") or `"sum"` (`total` is the sum of `parts`: post-money =
/// pre-money + round).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelationDef {
    /// Stable id.
    pub id: Spanned<String>,
    /// times (default), share or sum.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// The larger fact's id (times).
    #[serde(default)]
    pub larger: Option<Spanned<String>>,
    /// The smaller fact's id (times).
    #[serde(default)]
    pub smaller: Option<Spanned<String>>,
    /// The whole's fact id (share).
    #[serde(default)]
    pub whole: Option<Spanned<String>>,
    /// The part's fact id (share).
    #[serde(default)]
    pub part: Option<Spanned<String>>,
    /// The total's fact id (sum).
    #[serde(default)]
    pub total: Option<Spanned<String>>,
    /// The parts' fact ids (sum), two or more.
    #[serde(default)]
    pub parts: Vec<Spanned<String>>,
    /// Relative tolerance on a stated ratio or share ("0.1" = 10 %, the default:
    /// "twenty times" is a round figure); for a sum, on the total (default "0.01").
    #[serde(default)]
    pub tolerance: Option<Spanned<String>>,
}

/// `[[currency]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CurrencyDef {
    /// ISO 4217 code.
    pub code: Spanned<String>,
    /// Symbols and codes written next to the number, before or after ("$", "US$", "USD").
    #[serde(default)]
    pub symbols: Vec<String>,
    /// Names, singular and plural ("dollar", "dollars"), in the pack's language.
    #[serde(default)]
    pub names: Vec<String>,
    /// A note shown by `rules list` (ambiguities, history).
    #[serde(default)]
    pub note: Option<String>,
}

/// `[[ambiguous]]`: an alias shared by several currencies, decided by nearby words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AmbiguousDef {
    /// The alias ("¥").
    pub alias: Spanned<String>,
    /// The currency chosen when no cue is near.
    pub default: Spanned<String>,
    /// Cues: a currency chosen when one of its words is near the figure.
    #[serde(default)]
    pub when: Vec<AmbiguousCue>,
    /// How far (bytes, each side) cue words are looked for; default 300.
    #[serde(default)]
    pub window: Option<usize>,
    /// The source key that declares the reading outright (front matter or manifest):
    /// only `"dollar"` is known (`dollar = "SGD"`).
    #[serde(default)]
    pub declared_by: Option<Spanned<String>>,
    /// Aliases whose presence elsewhere in the article means the alias is not the
    /// default ("US$" written elsewhere: a bare "$" is a local dollar).
    #[serde(default)]
    pub local_if_written: Vec<String>,
    /// Local readings: the outlets and domains that write the alias for their own
    /// currency, and the words that say an article is about that currency's country.
    #[serde(default)]
    pub local: Vec<LocalConventionDef>,
}

/// One `[[ambiguous.local]]`: who writes the alias for a local currency.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocalConventionDef {
    /// The local currency ("SGD").
    pub currency: Spanned<String>,
    /// Outlet names (as in front matter `outlet`), matched case-insensitively.
    #[serde(default)]
    pub outlets: Vec<String>,
    /// Web domains of those outlets (the source's `url` host ends with one).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Words that name the country (read only when the article writes a
    /// `local-if-written` alias, to say which local currency it is).
    #[serde(default)]
    pub words: Vec<String>,
}

/// One cue of an `[[ambiguous]]` alias.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AmbiguousCue {
    /// The currency chosen.
    pub currency: Spanned<String>,
    /// Words (case-insensitive substrings) that select it.
    pub near: Vec<String>,
}

/// `[[scale]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScaleDef {
    /// The words and abbreviations ("milliard", "milliards", "Md", "Mds").
    pub words: Vec<String>,
    /// The factor, as a decimal string or power of ten ("1e9", "1000000000").
    pub value: Spanned<String>,
}

/// `[[fraction]]`: words that name one N-th of a whole ("un tiers", "a tenth", "half").
/// A spelled or digit numerator before them counts N-ths ("deux tiers", "two thirds").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FractionDef {
    /// The words, singular and plural ("tiers"; "tenth", "tenths").
    pub words: Vec<String>,
    /// N: the whole is cut into N parts ("quart" = 4).
    pub denominator: Spanned<u32>,
}

/// `[numbers]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumbersDef {
    /// Decimal separators ("," in French; "," and "." both allowed there).
    pub decimal_separators: Vec<String>,
    /// Thousands separators (space, U+00A0, U+202F, and "." or ",").
    pub group_separators: Vec<String>,
}

/// `[[qualifier]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QualifierDef {
    /// The qualifier kind: exact, approx, more_than, at_least, less_than, at_most, up_to.
    pub kind: Spanned<String>,
    /// The words ("plus de", "more than"); ' matches both apostrophes.
    pub words: Vec<String>,
}

/// `[spelled]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpelledDef {
    /// Number words and their values ("vingt" = 20, "cent" = 100, "mille" = 1000).
    pub numbers: std::collections::BTreeMap<String, Spanned<u64>>,
    /// Words that join number words ("et", "and").
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Number words and connectors may also be glued into one word, as German writes
    /// them ("achtundsiebzig" = acht + und + siebzig, "siebenhundert").
    #[serde(default)]
    pub compound: bool,
}

/// `[[pattern]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternDef {
    /// Name, unique in its pack file; the rule id is `<pack>.<file>.<name>` unless `id`
    /// is given.
    pub name: Spanned<String>,
    /// An explicit id, to override a rule of another pack.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    /// What the pattern finds: money, parameters, model-name (a size in a model's name),
    /// scaled-number (a number and scale word whose unit comes from the figure before it
    /// in the same sentence: "contre 13 milliards"), ratio ("20 times larger") or share
    /// ("4 % of its sales": a fraction of a whole, read with `unit-value`).
    pub kind: Spanned<String>,
    /// The regex, with placeholders: {number}, {number:hi}, {spelled}, {scale},
    /// {scale:lo}, {currency}, {currency-symbol}, {currency-name}, {qualifier}, {sp},
    /// {number:sub}, {spelled:sub} (a count of sub-units: see `sub-unit`), and for a
    /// share {fraction} (a word of the `[[fraction]]` table: "tiers", "tenth") and
    /// {number:den} (the digits under the bar of "1/20"); a fraction's numerator is
    /// {number} or {spelled}, else 1.
    pub regex: Spanned<String>,
    /// The currency when the pattern does not capture one (e.g. a pattern for "yuan").
    #[serde(default)]
    pub currency: Option<Spanned<String>>,
    /// A fixed scale ("1e6"), for a scale letter the scale table cannot hold because it
    /// would read too much elsewhere: "12 MEUR", "$12M". A group the regex names
    /// `(?P<scale>M)` is shown as the scale word; its value is this one.
    #[serde(default)]
    pub scale: Option<Spanned<String>>,
    /// The value of one sub-unit of the currency ("0.01" for cents, pence, centimes):
    /// a number captured by {number:sub} / {spelled:sub} counts sub-units. With a main
    /// number ("3 dollars 50 cents") the sub-units are added to it and must be less than
    /// one unit; alone ("50 cents") they are the amount. Default "0.01".
    #[serde(default)]
    pub sub_unit: Option<Spanned<String>>,
    /// The value of the second, smaller sub-unit, for {number:sub2} / {spelled:sub2}
    /// (Chinese 元, 角 = 0.1 and 分 = 0.01: "五元三角二分"). Default: a tenth of
    /// `sub-unit`.
    #[serde(default)]
    pub sub_unit_2: Option<Spanned<String>>,
    /// What one unit of the number is worth: "0.01" for a percentage ("4 %" reads 0.04).
    /// Default "1".
    #[serde(default)]
    pub unit_value: Option<Spanned<String>>,
    /// A regex tested against the text just after a match (anchored at its end); when it
    /// matches, the match is not a figure ("3 milliards d'utilisateurs").
    #[serde(default)]
    pub reject_if_followed_by: Option<Spanned<String>>,
    /// A regex tested against the text just before a match (anchored at its start).
    #[serde(default)]
    pub reject_if_preceded_by: Option<Spanned<String>>,
    /// Order among patterns that match at the same place: lower first; default 100.
    #[serde(default)]
    pub priority: Option<i64>,
    /// Texts that must produce a mention by this rule, with what it must read.
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
    /// Texts that must not produce a mention by this rule.
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
    /// Free text shown by `rules list`.
    #[serde(default)]
    pub description: Option<String>,
}

/// One example of a pattern.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleDef {
    /// The text.
    pub text: String,
    /// The exact text the mention must cover, when the example has several figures.
    #[serde(default, rename = "match")]
    pub matched: Option<String>,
    /// The expected value in base units ("52000000000"), for a non-range.
    #[serde(default)]
    pub value: Option<String>,
    /// Expected lower bound ("" or absent: not checked).
    #[serde(default)]
    pub low: Option<String>,
    /// Expected upper bound.
    #[serde(default)]
    pub high: Option<String>,
    /// Expected currency (ISO code), for money.
    #[serde(default)]
    pub currency: Option<String>,
    /// Expected qualifier; default "exact".
    #[serde(default)]
    pub qualifier: Option<String>,
}
