//! `--format github`: GitHub Actions workflow commands, one line per finding, so a pull
//! request shows each finding as an annotation on the flagged figure.
//!
//! `::error file=PATH,line=L,col=C,endColumn=E,title=figcheck CHECK::MESSAGE`; warnings
//! are `::warning`, infos `::notice`. The location is the finding's flagged claim (its
//! first); a finding about a whole source gives the file only. Escaping follows the
//! runner's rules: in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in
//! properties `:` and `,` also become `%3A` and `%2C`.
//!
//! It reads the [`Report`] only.

use super::human::statement;
use super::model::{FindingRow, Report};
use super::readable;
use crate::check::Severity;
use std::io::{self, Write};

/// Escape a workflow command's message.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The annotation's properties: file, position, title.
fn properties(f: &FindingRow) -> String {
    let mut props = Vec::new();
    if let Some(c) = f.claims.first() {
        props.push(format!("file={}", escape_property(&c.path)));
        props.push(format!("line={}", c.line));
        props.push(format!("col={}", c.column));
        if !c.text.contains('\n') {
            let end = c.column.saturating_add(c.text.chars().count());
            props.push(format!("endColumn={end}"));
        }
    } else if let Some(p) = &f.path {
        props.push(format!("file={}", escape_property(p)));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("figcheck {}", f.check))
    ));
    props.join(",")
}

/// The annotation's text: what should be, the probable cause, the matched date and the
/// other checks that flag the same figure (one mistake, one annotation).
fn message(r: &Report, f: &FindingRow) -> String {
    let mut m = statement(r, f);
    if let Some(n) = f.discovered_from_sources {
        m.push_str(&format!(
            "\nfact discovered from {} (no ledger fact)",
            super::n_sources(n)
        ));
    }
    if let Some(c) = &f.cause {
        m.push_str("\nprobable cause: ");
        m.push_str(&readable::cause(c));
    }
    for rel in &f.related {
        m.push_str(&format!(
            "\nalso {} [{}]: {}",
            rel.severity, rel.check, rel.message
        ));
    }
    if let Some(d) = &f.matched_date {
        m.push_str("\nmatched date: ");
        m.push_str(d);
    }
    escape_data(&m)
}

/// Write one workflow command per finding.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &r.findings {
        writeln!(
            out,
            "::{} {}::{}",
            command(f.severity),
            properties(f),
            message(r, f)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let rows = [
            ("50 %", "50 %25", "50 %25"),
            ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
            ("x: y, z", "x: y, z", "x%3A y%2C z"),
            ("", "", ""),
            ("%0A", "%250A", "%250A"),
        ];
        for (input, data, prop) in rows {
            assert_eq!(escape_data(input), data, "{input:?}");
            assert_eq!(escape_property(input), prop, "{input:?}");
        }
    }
}
