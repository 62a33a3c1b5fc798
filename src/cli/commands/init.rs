//! `figcheck init [DIR]`: write a commented starter `figcheck.toml` and a sample user
//! rule pack (`figcheck-rules/newsroom/`: pack.toml, one pattern with examples, one fact
//! with a reference). Existing files are never overwritten without `--force`; nothing
//! is written unless every file can be.

use crate::cli::args::InitArgs;
use crate::cli::config::CONFIG_NAME;
use crate::cli::ExitStatus;
use crate::error::display_path;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files `init` writes, relative to its folder, with their text.
const FILES: [(&str, &str); 4] = [
    (CONFIG_NAME, include_str!("init/figcheck.toml")),
    (
        "figcheck-rules/newsroom/pack.toml",
        include_str!("init/pack.toml"),
    ),
    (
        "figcheck-rules/newsroom/money.toml",
        include_str!("init/money.toml"),
    ),
    (
        "figcheck-rules/newsroom/facts.toml",
        include_str!("init/facts.toml"),
    ),
];

/// Run `figcheck init`.
pub fn run(a: &InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<ExitStatus> {
    let dir = a.dir.clone().unwrap_or_default();
    let targets: Vec<(PathBuf, &str)> = FILES.iter().map(|(p, t)| (dir.join(p), *t)).collect();
    if !a.force {
        let existing: Vec<String> = targets
            .iter()
            .filter(|(p, _)| p.exists())
            .map(|(p, _)| display_path(p))
            .collect();
        if !existing.is_empty() {
            writeln!(
                err,
                "error: {} already exist{}; nothing written (use --force to overwrite)",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            )?;
            return Ok(ExitStatus::Error);
        }
    }
    for (path, text) in &targets {
        if let Err(e) = write_file(path, text) {
            writeln!(err, "error: {}: cannot write: {e}", display_path(path))?;
            return Ok(ExitStatus::Error);
        }
        writeln!(out, "wrote {}", display_path(path))?;
    }
    writeln!(
        out,
        "next: figcheck rules test --rules {}",
        display_path(&dir.join("figcheck-rules"))
    )?;
    Ok(ExitStatus::Clean)
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}
