//! The binary on a terminal, as a user runs it: under a pseudo-terminal, over 1 000
//! generated articles, `check` and `extract` must finish and draw their progress bar.
//!
//! Regression test for a hang: the main thread held the standard-error lock for the
//! whole run while the progress bar drew to standard error from worker threads.
//! The deadline below is a hang guard, not a speed assertion: a run that has not ended
//! after it is killed and reported as hung.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests: a failure should panic

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_figcheck");
const HANG_GUARD: Duration = Duration::from_secs(300);

/// 1 000 short articles in French and English, each with a dated front matter and a
/// few figures.
fn write_articles(dir: &Path, n: usize) {
    for i in 0..n {
        let body = if i % 2 == 0 {
            format!(
                "---\ndate: 2025-03-{:02}\nlang: fr\n---\nLa société Exemple{i} a levé {} millions d'euros auprès de ses actionnaires. \
                 Elle vise un chiffre d'affaires de {},5 milliards de dollars d'ici trois ans.\n",
                1 + i % 28,
                10 + i % 90,
                1 + i % 9
            )
        } else {
            format!(
                "---\ndate: 2025-04-{:02}\nlang: en\n---\nSample{i} Corp raised ${} million from investors on Monday. \
                 It expects revenue of {}.2 billion euros next year.\n",
                1 + i % 28,
                5 + i % 70,
                1 + i % 7
            )
        };
        std::fs::write(dir.join(format!("a{i:04}.md")), body).unwrap();
    }
}

/// Run the binary on a pseudo-terminal; returns (exit code, everything it printed), or
/// panics when it does not end within the guard.
fn run_on_tty(args: &[&str], cwd: &Path) -> (u32, String) {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    cmd.cwd(cwd);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("CI");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(buf.get(..n).unwrap_or(&[]));
        }
        let _ = tx.send(all);
    });
    let deadline = std::time::Instant::now() + HANG_GUARD;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("figcheck {args:?} did not end on a terminal: hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pair.master);
    let out = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
    (
        status.exit_code(),
        String::from_utf8_lossy(&out).into_owned(),
    )
}

#[test]
fn check_and_extract_finish_on_a_terminal_with_a_progress_bar() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    write_articles(&articles, 1000);
    for cmd in ["check", "extract"] {
        let (code, printed) = run_on_tty(&[cmd, "--no-config", "articles"], dir.path());
        assert!(code <= 1, "{cmd} exited {code}:\n{printed}");
        assert!(
            printed.contains("/1000 sources"),
            "{cmd}: no progress bar was drawn on the terminal:\n{}",
            printed.chars().take(2000).collect::<String>()
        );
    }
}
