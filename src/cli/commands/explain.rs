//! `figcheck explain "text"`: how a text is read, part by part.

use crate::cli::args::ExplainArgs;
use crate::cli::ExitStatus;
use crate::extract::{extract_text, Mention, MentionOrigin};
use crate::quantity::format::plain;
use crate::rules::RuleSet;
use crate::source::lang::{check_lang, detect_lang};
use std::io::Write;

/// Run `figcheck explain`.
pub fn run(
    a: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitStatus> {
    let (rules, facts) = match super::extract::load_rules_and_facts(&a.rules) {
        Ok(r) => r,
        Err(e) => return super::report_errors(&e, err),
    };
    let known = rules.languages();
    let (lang, why) = match &a.lang {
        Some(l) => match check_lang(l, &known) {
            Ok(l) => (l, "--lang".to_string()),
            Err(msg) => return super::report_errors(&crate::Error::usage(msg).into(), err),
        },
        None => match detect_lang(&a.text, &known) {
            Some((l, conf)) => (l, format!("detected, confidence {conf:.2}")),
            None => {
                let l = if known.iter().any(|k| k == "en") {
                    "en".to_string()
                } else {
                    known.first().cloned().unwrap_or_default()
                };
                (
                    l,
                    "default: the text is too short to detect; use --lang".to_string(),
                )
            }
        },
    };
    writeln!(out, "Read as \"{lang}\" ({why}).")?;
    if rules.matcher(&lang).is_none() {
        writeln!(
            out,
            "{lang}: no rules for this language, not checked (rules exist for: {}; use --lang to choose one).",
            known.join(", ")
        )?;
        return Ok(ExitStatus::Clean);
    }
    let mentions = extract_text(&rules, &a.text, &lang);
    if mentions.is_empty() {
        writeln!(out, "No figure found.")?;
        writeln!(
            out,
            "A figure needs a number (digits or words) with a currency, a scale word with a unit, \"paramètres\"/\"parameters\", or a model name such as QwQ-32B."
        )?;
        return Ok(ExitStatus::Clean);
    }
    for m in &mentions {
        explain_one(&rules, m, out)?;
    }
    if a.facts {
        let date = match a.date.as_deref().map(super::rates::parse_cli_date) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return super::report_errors(&e.into(), err),
            None => None,
        };
        explain_ties(&rules, &facts, &a.text, &lang, date, &mentions, out)?;
    }
    Ok(ExitStatus::Clean)
}

/// `--facts`: every figure's frame and tie, or why it has none.
fn explain_ties(
    rules: &RuleSet,
    facts: &crate::facts::FactSet,
    text: &str,
    lang: &str,
    date: Option<chrono::NaiveDate>,
    mentions: &[Mention],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use crate::facts::assign::{assign_source, Ledger};
    writeln!(out)?;
    if facts.facts.is_empty() {
        writeln!(
            out,
            "No facts are loaded: a ledger comes from figcheck.toml (rules = [\"...\"]) or --rules DIR."
        )?;
        return Ok(());
    }
    let mut source = crate::source::Source::from_text("-", text, lang);
    source.date = date;
    let ledger = Ledger::new(facts);
    for c in assign_source(&ledger, rules, 0, &source, mentions) {
        writeln!(out, "\"{}\"", c.mention.text)?;
        write!(out, "{}", describe_claim(&c))?;
    }
    Ok(())
}

/// The frame and tie of a claim, a few indented lines.
pub(crate) fn describe_claim(c: &crate::facts::Claim) -> String {
    let mut s = String::new();
    if let Some(f) = &c.frame {
        let subject = match (&f.subject, &f.subject_words) {
            (Some(name), Some(w)) if name != w => {
                format!("{name} (\"{w}\": {})", f.subject_from.describe())
            }
            (Some(name), _) => format!("{name} ({})", f.subject_from.describe()),
            (None, _) => "none".to_string(),
        };
        s.push_str(&format!("  subject    {subject}\n"));
        let measure = match (&f.measure, &f.measure_words) {
            (Some(m), Some(w)) => format!("{m} (\"{w}\": {})", f.measure_from.describe()),
            (Some(m), None) => format!("{m} ({})", f.measure_from.describe()),
            (None, _) => "none (no role word near it)".to_string(),
        };
        s.push_str(&format!("  measure    {measure}\n"));
        match &f.time {
            Some(t) => s.push_str(&format!(
                "  time       {}..{} (\"{}\")\n",
                t.from, t.until, t.words
            )),
            None => s.push_str("  time       the source's date\n"),
        }
    }
    match (&c.fact, &c.tie, &c.untied) {
        (Some(fact), Some(t), _) => {
            s.push_str(&format!("  tied to    {fact} (score {})", t.score));
            if let Some(r) = &t.runner_up {
                s.push_str(&format!("; runner-up {r}"));
            }
            s.push('\n');
        }
        (_, _, Some(why)) => s.push_str(&format!("  untied     {why}\n")),
        _ => s.push_str("  untied\n"),
    }
    s
}

fn explain_one(rules: &RuleSet, m: &Mention, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "\"{}\"  (bytes {}..{})",
        m.text, m.span.start, m.span.end
    )?;
    let origin = rules
        .patterns
        .get(&m.rule)
        .map_or(String::new(), |p| format!("  ({})", p.location));
    writeln!(out, "  rule       {}{origin}", m.rule)?;
    let r = &m.reading;
    let q = &m.quantity;
    if let Some(words) = &r.qualifier {
        writeln!(out, "  qualifier  \"{words}\" -> {}", q.qualifier)?;
    } else {
        writeln!(out, "  qualifier  none -> {}", q.qualifier)?;
    }
    match &r.number_hi {
        Some(hi) => writeln!(out, "  numbers    \"{}\" and \"{hi}\" (a range)", r.number)?,
        None => writeln!(out, "  number     \"{}\"", r.number)?,
    }
    match &r.scale {
        Some((w, f)) => writeln!(out, "  scale      \"{w}\" -> x {}", plain(*f))?,
        None => writeln!(out, "  scale      none")?,
    }
    match (&r.currency, q.unit.currency()) {
        (Some(alias), Some(c)) => writeln!(out, "  currency   \"{alias}\" -> {c}")?,
        (None, Some(c)) => writeln!(out, "  currency   {c}")?,
        _ => writeln!(out, "  unit       {}", q.unit)?,
    }
    if let Some(note) = &r.currency_note {
        writeln!(out, "             {note}")?;
    }
    match &m.origin {
        MentionOrigin::Stated => {}
        MentionOrigin::ModelName { model } => {
            writeln!(out, "  from       the model name \"{model}\"")?;
        }
        MentionOrigin::Context { antecedent, .. } => {
            writeln!(
                out,
                "  unit from  \"{antecedent}\" (the figure before it in the sentence)"
            )?;
        }
    }
    // "380 bn" as a reader says it, the exact value beside it
    let short = crate::quantity::format::short_amount;
    let v = |d: Option<rust_decimal::Decimal>| d.map_or("open".to_string(), short);
    let unit = q.unit.currency().map_or(String::new(), |c| format!(" {c}"));
    match q.value {
        Some(value) => writeln!(
            out,
            "  value      {}{unit} = {}  (stated bounds {} .. {})",
            short(value),
            plain(value),
            v(q.low),
            v(q.high)
        )?,
        None => writeln!(out, "  value      {} .. {}{unit}", v(q.low), v(q.high))?,
    }
    writeln!(
        out,
        "  precision  {}  (the last stated digit)",
        short(q.precision)
    )?;
    Ok(())
}
