//! `--format html`: one self-contained page (inline CSS and SVG, no script, nothing
//! fetched) for a desk editor: per fact, a picture of every source's normalised interval
//! on one axis with the reference as a band, the verdict, the rate used (rate, row date,
//! table) and the sentence with the figure marked; then the findings by severity.
//!
//! Everything from the report is HTML-escaped. It reads the [`Report`] only.

use super::model::{ClaimRow, FactRow, FindingRow, Report, Verdict};
use super::sarif::rule_title;
use crate::check::Severity;
use crate::quantity::format::short_amount;
use crate::report::human::{location, normalized, statement, summary_line};
use crate::report::readable;
use rust_decimal::Decimal;
use std::io::{self, Write};

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1d2330;background:#fafafa}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.15em;margin:0 0 .4em}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eef0f4;padding:0 .25em;border-radius:3px}
.summary{color:#4a5263}
.fact{background:#fff;border:1px solid #d9dde5;border-left:6px solid #8a93a6;border-radius:6px;padding:1em 1.2em;margin:1.2em 0}
.fact.consistent{border-left-color:#2e8b57}.fact.inconsistent{border-left-color:#c62828}.fact.unchecked{border-left-color:#8a93a6}.fact.warning{border-left-color:#d9822b}
.badge{display:inline-block;font-size:.75em;font-weight:700;letter-spacing:.05em;padding:.1em .5em;border-radius:3px;color:#fff;vertical-align:middle;margin-right:.4em}
.badge.consistent{background:#2e8b57}.badge.inconsistent{background:#c62828}.badge.unchecked{background:#8a93a6}.badge.warning{background:#d9822b}
.badge.error{background:#c62828}.badge.warning{background:#d9822b}.badge.info{background:#3367d6}
.ref{color:#4a5263;margin:.2em 0 .6em}
svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.9em;margin-top:.6em}
th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-top:1px solid #e3e6ec}
th{color:#4a5263;font-weight:600}
mark{background:#ffe58a;padding:0 .1em;border-radius:2px}
.finding{background:#fff;border:1px solid #d9dde5;border-left:6px solid #8a93a6;border-radius:6px;padding:.6em 1em;margin:.6em 0}
.finding.error{border-left-color:#c62828}.finding.warning{border-left-color:#d9822b}.finding.info{border-left-color:#3367d6}
.loc{color:#4a5263;font-size:.9em}
.cause{margin:.3em 0 0;color:#333}
.snippet{color:#333;font-size:.9em;margin-top:.3em}
tr.error td{background:#fdecea}tr.warning td{background:#fff4e5}
nav.toc{background:#fff;border:1px solid #d9dde5;border-radius:6px;padding:.6em 1em;margin:1em 0}
nav.toc ul{margin:.3em 0;padding-left:1.2em;columns:2}
details>summary{cursor:pointer;color:#3367d6;margin:.4em 0}
a{color:#3367d6}
";

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "consistent",
        Verdict::Inconsistent => "inconsistent",
        Verdict::Warning => "warning",
        Verdict::Unchecked => "unchecked",
    }
}

fn severity_colour(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "#c62828",
        Some(Severity::Warning) => "#d9822b",
        Some(Severity::Info) => "#3367d6",
        None => "#2e8b57",
    }
}

/// The snippet with the figure marked, escaped.
fn marked_snippet(c: &ClaimRow) -> String {
    let figure = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    match c.snippet.find(&figure).filter(|_| !figure.is_empty()) {
        Some(i) => {
            let before = c.snippet.get(..i).unwrap_or_default();
            let after = c.snippet.get(i + figure.len()..).unwrap_or_default();
            format!(
                "{}<mark>{}</mark>{}",
                escape(before),
                escape(&figure),
                escape(after)
            )
        }
        None => format!("<mark>{}</mark> — {}", escape(&c.text), escape(&c.snippet)),
    }
}

/// The severity of the primary finding that flags this claim, if any.
fn claim_severity(_r: &Report, _fact: &FactRow, c: &ClaimRow) -> Option<Severity> {
    c.flagged
}

fn num(s: &Option<String>) -> Option<f64> {
    s.as_deref().and_then(|v| v.parse::<f64>().ok())
}

/// The reference value, when it is in the fact's unit.
fn reference_value(f: &FactRow) -> Option<f64> {
    let r = f.reference.as_ref()?;
    if r.currency.is_some() && r.currency != f.currency {
        return None;
    }
    r.value.parse::<f64>().ok()
}

const W: f64 = 1000.0;
const LEFT: f64 = 330.0;
const RIGHT: f64 = 60.0;
const ROW: f64 = 26.0;
const TOP: f64 = 14.0;

/// Most rows a chart draws; the table below it lists every figure.
const MAX_CHART_ROWS: usize = 40;

/// The chart's rows: identical figures (same text, same normalised interval, same flag)
/// grouped into one row with their count ("×11"), flagged rows first kept when there are
/// more than [`MAX_CHART_ROWS`]; and how many rows were left out.
fn chart_rows(claims: &[ClaimRow]) -> (Vec<(&ClaimRow, usize)>, usize) {
    let mut groups: Vec<(&ClaimRow, usize)> = Vec::new();
    for c in claims {
        let same = |g: &&mut (&ClaimRow, usize)| {
            g.0.text == c.text
                && g.0.normalized_min == c.normalized_min
                && g.0.normalized_max == c.normalized_max
                && g.0.flagged == c.flagged
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.1 += 1,
            None => groups.push((c, 1)),
        }
    }
    if groups.len() <= MAX_CHART_ROWS {
        return (groups, 0);
    }
    let total = groups.len();
    let flagged: Vec<(&ClaimRow, usize)> = groups
        .iter()
        .filter(|g| g.0.flagged.is_some())
        .take(MAX_CHART_ROWS)
        .copied()
        .collect();
    let room = MAX_CHART_ROWS.saturating_sub(flagged.len());
    let mut kept: Vec<(&ClaimRow, usize)> = groups
        .into_iter()
        .filter(|g| g.0.flagged.is_none())
        .take(room)
        .collect();
    kept.extend(flagged);
    let hidden = total.saturating_sub(kept.len());
    (kept, hidden)
}

/// Round tick values between `lo` and `hi`: steps of 1, 2 or 5 times a power of ten
/// (about five ticks) on a linear axis, powers of ten on a log axis.
fn round_ticks(lo: f64, hi: f64, log: bool) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    if log && lo > 0.0 {
        let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
        // a few decades: 1, 2 and 5 times each power of ten; more: the powers only
        let steps: &[f64] = if b - a <= 2 { &[1.0, 2.0, 5.0] } else { &[1.0] };
        let ticks: Vec<f64> = (a..=b)
            .flat_map(|k| steps.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|v| *v >= lo && *v <= hi)
            .collect();
        if ticks.len() >= 2 {
            return ticks;
        }
    }
    let raw = (hi - lo) / 4.0;
    let pow = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw * 0.75)
        .unwrap_or(10.0 * pow);
    let mut v = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while v <= hi + step * 1e-9 && out.len() < 12 {
        out.push(v);
        v += step;
    }
    out
}

fn svg(r: &Report, f: &FactRow, out: &mut dyn Write) -> io::Result<()> {
    let mut values: Vec<f64> = f
        .claims
        .iter()
        .flat_map(|c| [num(&c.normalized_min), num(&c.normalized_max)])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let refv = reference_value(f).filter(|v| v.is_finite());
    values.extend(refv);
    let (Some(lo), Some(hi)) = (
        values.iter().copied().reduce(f64::min),
        values.iter().copied().reduce(f64::max),
    ) else {
        return writeln!(out, "<p class=\"ref\">No figure could be normalised.</p>");
    };
    // Figures a factor 10 or 1000 apart (the slips figcheck looks for) need a log axis.
    let log = lo > 0.0 && hi / lo > 20.0;
    let t = |v: f64| {
        if log {
            v.max(f64::MIN_POSITIVE).log10()
        } else {
            v
        }
    };
    let inv = |v: f64| if log { 10f64.powf(v) } else { v };
    let (tlo, thi) = (t(lo), t(hi));
    let span = if thi > tlo {
        thi - tlo
    } else {
        thi.abs().max(1.0)
    };
    let mut tlo = tlo - span * 0.08;
    if !log && lo >= 0.0 {
        tlo = tlo.max(0.0);
    }
    let thi = thi + span * 0.08;
    let (lo, hi) = (tlo, thi);
    let x = |v: f64| LEFT + (t(v) - lo) / (hi - lo) * (W - LEFT - RIGHT);
    let (groups, hidden) = chart_rows(&f.claims);
    let rows = groups.len() as f64 + if hidden > 0 { 1.0 } else { 0.0 };
    let axis_y = TOP + rows * ROW + 6.0;
    let height = axis_y + 34.0;
    let unit = f.currency.clone().unwrap_or_else(|| "parameters".into());
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height:.0}\" width=\"{W}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\" font-family=\"system-ui,sans-serif\" font-size=\"12\">",
        escape(&format!("normalised intervals for {} in {unit}", f.label))
    )?;
    if let Some(v) = refv {
        let rx = x(v);
        writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"{:.1}\" fill=\"#2e8b57\" fill-opacity=\"0.18\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#2e8b57\" text-anchor=\"middle\" font-size=\"10\">reference</text>",
            rx - 3.0,
            TOP - 4.0,
            axis_y - TOP + 4.0,
            rx,
            TOP - 5.0
        )?;
    }
    if hidden > 0 {
        let y = TOP + groups.len() as f64 * ROW + ROW / 2.0;
        writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#8a93a6\" font-size=\"11\">{}</text>",
            LEFT - 8.0,
            y + 4.0,
            escape(&format!("… {hidden} more in the table"))
        )?;
    }
    for (i, (c, n)) in groups.iter().enumerate() {
        let c = *c;
        let y = TOP + i as f64 * ROW + ROW / 2.0;
        let name = &c.path;
        let times = if *n > 1 {
            format!(" ×{n}")
        } else {
            String::new()
        };
        let label = format!("{name}:{} “{}”", c.line, c.text);
        let limit = 44usize.saturating_sub(times.chars().count());
        let label: String = if label.chars().count() > limit {
            let cut: String = label.chars().take(limit.saturating_sub(1)).collect();
            format!("{cut}…{times}")
        } else {
            format!("{label}{times}")
        };
        writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#333\" font-size=\"11\">{}</text>",
            LEFT - 8.0,
            y + 4.0,
            escape(&label)
        )?;
        let colour = severity_colour(claim_severity(r, f, c));
        let (a, b) = (num(&c.normalized_min), num(&c.normalized_max));
        let (x0, open_left) = match a {
            Some(v) => (x(v), false),
            None => (LEFT, true),
        };
        let (x1, open_right) = match b {
            Some(v) => (x(v), false),
            None => (W - RIGHT, true),
        };
        if a.is_none() && b.is_none() {
            writeln!(
                out,
                "<text x=\"{LEFT:.1}\" y=\"{:.1}\" fill=\"#8a93a6\">not normalised</text>",
                y + 4.0
            )?;
            continue;
        }
        let width = (x1 - x0).max(3.0);
        writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"12\" rx=\"3\" fill=\"{colour}\" fill-opacity=\"0.85\"><title>{}</title></rect>",
            x0 - if width > x1 - x0 { 1.5 } else { 0.0 },
            y - 6.0,
            escape(&normalized(c, &unit))
        )?;
        if open_left {
            writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">◀</text>",
                x0 - 2.0,
                y + 4.0
            )?;
        }
        if open_right {
            writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">▶</text>",
                x1 - 8.0,
                y + 4.0
            )?;
        }
    }
    writeln!(
        out,
        "<line x1=\"{LEFT:.1}\" y1=\"{axis_y:.1}\" x2=\"{:.1}\" y2=\"{axis_y:.1}\" stroke=\"#8a93a6\"/>",
        W - RIGHT
    )?;
    for v in round_ticks(inv(lo), inv(hi), log) {
        let tx = x(v);
        let shown = Decimal::from_f64_retain(v)
            .map(|d| short_amount(d.round_dp(2)))
            .unwrap_or_default();
        writeln!(
            out,
            "<line x1=\"{tx:.1}\" y1=\"{axis_y:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#8a93a6\"/><text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4a5263\">{}</text>",
            axis_y + 5.0,
            axis_y + 18.0,
            escape(&shown)
        )?;
    }
    writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5263\">{}</text>",
        W - RIGHT,
        axis_y + 32.0,
        escape(&if log {
            format!("{unit}, log scale")
        } else {
            unit.clone()
        })
    )?;
    writeln!(out, "</svg>")
}

fn fact(r: &Report, f: &FactRow, out: &mut dyn Write) -> io::Result<()> {
    let v = verdict_class(f.verdict);
    writeln!(
        out,
        "<section class=\"fact {v}\" id=\"fact-{}\">",
        escape(&f.id)
    )?;
    writeln!(
        out,
        "<h2><span class=\"badge {v}\">{}</span>{} <code>{}</code></h2>",
        v.to_uppercase(),
        escape(&f.label),
        escape(&f.id)
    )?;
    let unit = f.currency.clone().unwrap_or_else(|| "parameters".into());
    if let Some(n) = f.discovered_from_sources {
        writeln!(
            out,
            "<p class=\"ref discovered\">Discovered: no ledger fact; grouped from {n} sources (same subject, measure and year).</p>"
        )?;
    }
    if let Some(refr) = &f.reference {
        writeln!(
            out,
            "<p class=\"ref\">Reference: {}</p>",
            escape(&refr.describe(&unit))
        )?;
    } else {
        writeln!(
            out,
            "<p class=\"ref\">Compared in {}; no reference value.</p>",
            escape(&unit)
        )?;
    }
    writeln!(
        out,
        "<p class=\"ref\">Tolerance: {} on every figure, besides its stated precision.</p>",
        escape(&readable::tolerance(&f.tolerance))
    )?;
    svg(r, f, out)?;
    const FOLD: usize = 30;
    if f.claims.len() > FOLD {
        let flagged: Vec<&ClaimRow> = f.claims.iter().filter(|c| c.flagged.is_some()).collect();
        if !flagged.is_empty() {
            claim_table(&flagged, &unit, out)?;
        }
        writeln!(
            out,
            "<details><summary>All {} figures</summary>",
            f.claims.len()
        )?;
        claim_table(&f.claims.iter().collect::<Vec<_>>(), &unit, out)?;
        writeln!(out, "</details>")?;
    } else {
        claim_table(&f.claims.iter().collect::<Vec<_>>(), &unit, out)?;
    }
    writeln!(out, "</section>")
}

/// A fact's figures, the wrong rows highlighted (class `error` or `warning`).
fn claim_table(claims: &[&ClaimRow], unit: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<table><thead><tr><th>source</th><th>date</th><th>figure in context</th><th>as stated</th><th>in {}</th><th>rate used</th></tr></thead><tbody>", escape(unit))?;
    for c in claims {
        let rate = match (&c.rate, &c.rate_date) {
            (Some(rt), Some(d)) => {
                let table = c.rate_table.clone().unwrap_or_default();
                format!("{} (row {d}, {table})", readable::rate(rt))
            }
            _ => "—".to_string(),
        };
        let class = match c.flagged {
            Some(sev) if sev >= Severity::Warning => format!(" class=\"{}\"", sev.as_str()),
            _ => String::new(),
        };
        writeln!(
            out,
            "<tr{class}><td><code>{}:{}:{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&c.path),
            c.line,
            c.column,
            escape(c.date.as_deref().unwrap_or("undated")),
            marked_snippet(c),
            escape(&readable::stated(c)),
            escape(&readable::converted(c, unit).unwrap_or_else(|| "—".to_string())),
            escape(&rate)
        )?;
    }
    writeln!(out, "</tbody></table>")
}

fn finding(r: &Report, f: &FindingRow, out: &mut dyn Write) -> io::Result<()> {
    let s = f.severity.as_str();
    writeln!(out, "<div class=\"finding {s}\">")?;
    let card = match &f.fact {
        Some(id) if r.facts.iter().any(|x| &x.id == id) => {
            format!(" <a href=\"#fact-{}\">{} ↓</a>", escape(id), escape(id))
        }
        _ => String::new(),
    };
    writeln!(
        out,
        "<div><span class=\"badge {s}\">{}</span><code>{}</code> {} <span class=\"loc\">{}</span>{card}</div>",
        s.to_uppercase(),
        f.check,
        escape(rule_title(f.check)),
        escape(&location(f))
    )?;
    writeln!(out, "<div>{}</div>", escape(&statement(r, f)))?;
    if let Some(n) = f.discovered_from_sources {
        writeln!(
            out,
            "<p class=\"discovered\">Fact discovered from {} (no ledger fact declares it).</p>",
            super::n_sources(n)
        )?;
    }
    if let Some(c) = &f.cause {
        writeln!(
            out,
            "<p class=\"cause\">Probable cause: {}</p>",
            escape(&readable::cause(c))
        )?;
    }
    if let Some(d) = &f.matched_date {
        writeln!(out, "<p class=\"cause\">Matched date: {}</p>", escape(d))?;
    }
    for rel in &f.related {
        writeln!(
            out,
            "<p class=\"cause\">Also {} <code>{}</code>: {}</p>",
            rel.severity,
            rel.check,
            escape(&rel.message)
        )?;
    }
    if let Some(c) = f.claims.first() {
        writeln!(out, "<div class=\"snippet\">{}</div>", marked_snippet(c))?;
    }
    writeln!(out, "</div>")
}

/// Write the HTML page. Paths are shown relative to the common folder of the inputs,
/// named once under the summary, so that every path is short and still unique.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let root = super::short_paths::root_of(r);
    let short = super::short_paths::shortened(r, &root);
    page(&short, root.prefix(), out)
}

fn page(r: &Report, root: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>figcheck report</title><style>{STYLE}</style></head><body>"
    )?;
    writeln!(out, "<h1>figcheck report</h1>")?;
    writeln!(
        out,
        "<p class=\"summary\">{}.</p>",
        escape(&summary_line(r))
    )?;
    if !root.is_empty() {
        writeln!(
            out,
            "<p class=\"summary\">Paths are relative to <code>{}</code>.</p>",
            escape(root)
        )?;
    }
    if !r.facts.is_empty() {
        writeln!(out, "<nav class=\"toc\"><strong>Contents</strong><ul>")?;
        writeln!(
            out,
            "<li><a href=\"#findings\">Findings ({})</a></li>",
            r.findings.len()
        )?;
        for f in &r.facts {
            let v = verdict_class(f.verdict);
            writeln!(
                out,
                "<li><a href=\"#fact-{}\"><span class=\"badge {v}\">{}</span>{}</a></li>",
                escape(&f.id),
                v.to_uppercase(),
                escape(&f.label)
            )?;
        }
        if !r.unassigned.is_empty() {
            writeln!(
                out,
                "<li><a href=\"#untied\">Figures tied to no fact ({})</a></li>",
                r.unassigned.len()
            )?;
        }
        writeln!(out, "</ul></nav>")?;
    }
    writeln!(out, "<h2 id=\"findings\">Findings</h2>")?;
    if r.findings.is_empty() {
        writeln!(out, "<p>None.</p>")?;
    }
    for f in &r.findings {
        finding(r, f, out)?;
    }
    for f in &r.facts {
        fact(r, f, out)?;
    }
    if !r.unassigned.is_empty() {
        writeln!(
            out,
            "<h2 id=\"untied\">Figures tied to no fact ({})</h2><ul>",
            r.unassigned.len()
        )?;
        for c in &r.unassigned {
            writeln!(
                out,
                "<li><code>{}:{}:{}</code> {}</li>",
                escape(&c.path),
                c.line,
                c.column,
                marked_snippet(c)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</body></html>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn ticks_are_round() {
        let t = super::round_ticks(9.7e9, 410.0e9, false);
        assert_eq!(t, vec![1e11, 2e11, 3e11, 4e11]);
        let t = super::round_ticks(30e9, 450e9, true);
        assert_eq!(t, vec![5e10, 1e11, 2e11]);
        let t = super::round_ticks(1e6, 1e12, true);
        assert_eq!(t.len(), 7);
        assert_eq!(super::round_ticks(5.0, 5.0, false), vec![5.0]);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            super::escape("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
    }
}
