//! What the editor shows: diagnostics (findings on the figure they flag, with the other
//! sources as related locations), hover (a figure as read, normalised, with its rate
//! and fact) and the code action that accepts a finding with a suppression comment.

use super::analysis::Analysis;
use super::position::{offset_of, path_to_uri, range_of};
use crate::check::Severity;
use crate::report::model::{ClaimRow, FindingRow};
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Hover, HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;

/// The `source` field of figcheck's diagnostics.
pub const SOURCE: &str = "figcheck";

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Where a claim of another (or the same) source is, for related information.
fn location(a: &Analysis, c: &ClaimRow) -> Option<Location> {
    if c.path == a.source.path {
        let (s, e) = a.file_range(c);
        let uri = path_to_uri(&absolute(Path::new(&c.path)))?;
        return Some(Location::new(uri, range_of(&a.text, s, e)));
    }
    let line = u32::try_from(c.line.saturating_sub(1)).unwrap_or(0);
    let col = u32::try_from(c.column.saturating_sub(1)).unwrap_or(0);
    let len = u32::try_from(c.text.encode_utf16().count()).unwrap_or(0);
    let uri = path_to_uri(&absolute(Path::new(&c.path)))?;
    Some(Location::new(
        uri,
        Range::new(
            Position::new(line, col),
            Position::new(line, col.saturating_add(len)),
        ),
    ))
}

fn absolute(p: &Path) -> std::path::PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p))
    }
}

fn message(f: &FindingRow) -> String {
    match &f.cause {
        Some(cause) => format!("{}\nprobable cause: {cause}", f.message),
        None => f.message.clone(),
    }
}

/// The figures a finding is measured against: its other claims, then the figures of
/// its fact in the other sources.
fn other_claims<'a>(a: &'a Analysis, f: &'a FindingRow) -> Vec<&'a ClaimRow> {
    let mut out: Vec<&ClaimRow> = f.claims.iter().skip(1).collect();
    let fact_claims = f
        .fact
        .as_ref()
        .and_then(|id| a.report.facts.iter().find(|x| &x.id == id))
        .map(|x| x.claims.as_slice())
        .unwrap_or_default();
    for c in fact_claims {
        let flagged = f.claims.first().is_some_and(|x| x == c);
        if c.path != a.source.path && !flagged && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// The document's diagnostics: each finding whose flagged figure (or whole source) is
/// in the document.
pub fn diagnostics(a: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in &a.report.findings {
        let range = match f.claims.first() {
            Some(c) if c.path == a.source.path => {
                let (s, e) = a.file_range(c);
                range_of(&a.text, s, e)
            }
            None if f.path.as_deref() == Some(a.source.path.as_str()) => Range::default(),
            _ => continue,
        };
        let related: Vec<DiagnosticRelatedInformation> = other_claims(a, f)
            .into_iter()
            .filter_map(|c| {
                Some(DiagnosticRelatedInformation {
                    location: location(a, c)?,
                    message: format!(
                        "{}: \"{}\"{}",
                        crate::error::display_path(Path::new(&c.path)),
                        c.text,
                        c.date
                            .as_ref()
                            .map_or(String::new(), |d| format!(" on {d}"))
                    ),
                })
            })
            .collect();
        out.push(Diagnostic {
            range,
            severity: Some(severity(f.severity)),
            code: Some(NumberOrString::String(f.check.as_str().to_string())),
            source: Some(SOURCE.to_string()),
            message: message(f),
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        });
    }
    out
}

/// The document's figure at `pos`, if any.
fn claim_at(a: &Analysis, pos: Position) -> Option<&ClaimRow> {
    let at = offset_of(&a.text, pos);
    a.claims().find(|c| {
        let (s, e) = a.file_range(c);
        s <= at && at <= e
    })
}

fn bounds(c: &ClaimRow) -> String {
    match (&c.value, &c.low, &c.high) {
        (Some(v), _, _) => v.clone(),
        (None, Some(l), Some(h)) => format!("{l} to {h}"),
        (None, Some(l), None) => format!("at least {l}"),
        (None, None, Some(h)) => format!("at most {h}"),
        (None, None, None) => "?".to_string(),
    }
}

/// Hover on a figure: the value as read, the normalised interval, the rate and its row
/// date, the fact it is tied to (or why none).
pub fn hover(a: &Analysis, pos: Position) -> Option<Hover> {
    let c = claim_at(a, pos)?;
    let (s, e) = a.file_range(c);
    let unit = c.currency.clone().unwrap_or_else(|| c.kind.clone());
    let mut lines = vec![format!(
        "**{}**: read as {} {unit} ({:?}, rule `{}`)",
        c.text,
        bounds(c),
        c.qualifier,
        c.rule
    )];
    if let (Some(lo), Some(hi)) = (&c.normalized_min, &c.normalized_max) {
        let fact_unit = c
            .fact
            .as_ref()
            .and_then(|id| a.report.facts.iter().find(|f| &f.id == id))
            .and_then(|f| f.currency.clone())
            .unwrap_or_default();
        lines.push(format!("normalised: {lo} to {hi} {fact_unit}"));
    }
    if let Some(rate) = &c.rate {
        lines.push(format!(
            "rate: {rate} ({} row of {}{})",
            c.rate_table.as_deref().unwrap_or("table"),
            c.rate_date.as_deref().unwrap_or("?"),
            c.date
                .as_ref()
                .map_or(String::new(), |d| format!(", for {d}"))
        ));
    }
    match c.fact.as_ref() {
        Some(id) => {
            let label = a
                .report
                .facts
                .iter()
                .find(|f| &f.id == id)
                .map_or(String::new(), |f| format!(": {}", f.label));
            lines.push(format!("fact: `{id}`{label}"));
        }
        None => lines.push(format!(
            "tied to no fact{}",
            c.untied
                .as_ref()
                .map_or(String::new(), |w| format!(" ({w})"))
        )),
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: lines.join("\n\n"),
        }),
        range: Some(range_of(&a.text, s, e)),
    })
}

/// The first line of the paragraph holding `line` (0-based): after the nearest blank
/// line above it.
fn paragraph_start(text: &str, line: u32) -> u32 {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut l = line;
    while l > 0 {
        let above = lines
            .get(usize::try_from(l - 1).unwrap_or(0))
            .copied()
            .unwrap_or_default();
        if above.trim().is_empty() || above.trim() == "---" {
            break;
        }
        l -= 1;
    }
    l
}

/// For each figcheck diagnostic in `diagnostics`: an action inserting the suppression
/// comment (`<!-- figcheck-ignore CHECK reason -->`) above the figure's paragraph.
// The protocol's `WorkspaceEdit::changes` is a HashMap keyed by `Uri`, whose parsed
// form caches data inside: the key is never mutated here.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(a: &Analysis, uri: &Uri, diagnostics: &[Diagnostic]) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for d in diagnostics {
        if d.source.as_deref() != Some(SOURCE) {
            continue;
        }
        let Some(NumberOrString::String(check)) = &d.code else {
            continue;
        };
        let line = paragraph_start(&a.text, d.range.start.line);
        let comment = format!("<!-- figcheck-ignore {check} the figure is right: say why -->\n");
        let at = Position::new(line, 0);
        let mut changes = HashMap::new();
        changes.insert(
            uri.clone(),
            vec![TextEdit::new(Range::new(at, at), comment)],
        );
        out.push(CodeAction {
            title: format!("Accept this figure: insert a figcheck-ignore {check} comment"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_start_after_a_blank_line() {
        let text = "---\ndate: x\n---\nTitle\n\nOne\ntwo\nthree\n";
        assert_eq!(paragraph_start(text, 7), 5);
        assert_eq!(paragraph_start(text, 5), 5);
        assert_eq!(paragraph_start(text, 3), 3);
        assert_eq!(paragraph_start(text, 0), 0);
    }
}
