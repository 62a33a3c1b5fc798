//! Issue 16: `figcheck lsp`, driven by a scripted client over stdio: initialize,
//! didOpen, publishDiagnostics (the finding on the figure, the cause in the message,
//! the other sources as related information), hover on a figure, the code action that
//! inserts a suppression comment, didChange with that comment (no diagnostic left),
//! shutdown and exit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const ROUND: &str = "---\ndate: 2024-06-12\nlang: fr\n---\nBrumelune a bouclé mercredi un tour de table de 120 millions d'euros mené par des fonds européens.\n";

/// A later article whose figure is off by a factor of ten.
const SLIP: &str = "---\ndate: 2024-06-14\nlang: fr\n---\nLa semaine a été chargée pour les jeunes pousses de la météo.\n\nBrumelune, qui vient de lever 12 millions d'euros, recrute des prévisionnistes.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_figcheck"))
            .arg("lsp")
            .current_dir(dir)
            .env("FIGCHECK_DATA_DIR", "no-data-dir")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || loop {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    len = n.parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            if out.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (notifications on the way are kept
    /// out of it).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg["id"] == json!(id) {
                assert!(msg.get("error").is_none(), "{msg}");
                return msg["result"].clone();
            }
        }
    }

    fn recv(&mut self) -> Value {
        self.rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers within 120 s")
    }

    /// The next publishDiagnostics notification.
    fn diagnostics(&mut self) -> Value {
        loop {
            let msg = self.recv();
            if msg["method"] == "textDocument/publishDiagnostics" {
                return msg["params"].clone();
            }
        }
    }

    fn initialize(&mut self, dir: &Path) {
        let root = format!("file://{}", dir.display());
        let result = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        assert_eq!(result["capabilities"]["hoverProvider"], json!(true));
        assert_eq!(result["capabilities"]["codeActionProvider"], json!(true));
        self.notify("initialized", json!({}));
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

/// A folder with a figcheck.toml that loads the examples' ledger, and `articles`.
fn workspace(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dir_path = dir.path().canonicalize().unwrap();
    std::fs::create_dir(dir_path.join(".git")).unwrap();
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/facts");
    std::fs::write(
        dir_path.join("figcheck.toml"),
        format!("rules = [{:?}]\n", facts.to_str().unwrap()),
    )
    .unwrap();
    for (name, text) in articles {
        std::fs::write(dir_path.join(name), text).unwrap();
    }
    dir
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

#[test]
fn diagnostics_hover_and_quick_fix() {
    let dir = workspace(&[("a.md", ROUND), ("b.md", SLIP)]);
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root);
    let uri = format!("file://{}/b.md", root.display());
    open(&mut client, &uri, SLIP);
    let published = client.diagnostics();
    assert_eq!(published["uri"], json!(uri));
    let diags = published["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{published:#}");
    let d = &diags[0];
    // on the figure "12 millions d'euros": line 6 (0-based), after "Brumelune, qui vient de lever "
    let col = "Brumelune, qui vient de lever ".encode_utf16().count();
    assert_eq!(d["range"]["start"], json!({"line": 6, "character": col}));
    assert_eq!(
        d["range"]["end"],
        json!({"line": 6, "character": col + "12 millions d'euros".encode_utf16().count()})
    );
    assert_eq!(d["source"], json!("figcheck"));
    assert_eq!(d["code"], json!("cross-source-mismatch"));
    assert_eq!(d["severity"], json!(1));
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("probable cause"), "{message}");
    assert!(
        message.contains("10"),
        "the factor of ten is named: {message}"
    );
    let related = d["relatedInformation"].as_array().unwrap();
    assert!(
        related.iter().any(
            |r| r["location"]["uri"].as_str().unwrap().ends_with("/a.md")
                && r["message"]
                    .as_str()
                    .unwrap()
                    .contains("120 millions d'euros")
        ),
        "{related:#?}"
    );

    // hover on the figure: as read, normalised, the fact
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": col + 3}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("12 millions d'euros"), "{text}");
    assert!(text.contains("12000000"), "{text}");
    assert!(text.contains("brumelune-series-b-2024"), "{text}");
    assert!(text.contains("normalised"), "{text}");
    // nothing to say away from a figure
    let none = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}}),
    );
    assert_eq!(none, Value::Null);

    // the quick fix inserts the comment above the figure's paragraph
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let action = &actions.as_array().unwrap()[0];
    let edit = &action["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 6, "character": 0}));
    let comment = edit["newText"].as_str().unwrap();
    assert!(
        comment.starts_with("<!-- figcheck-ignore cross-source-mismatch "),
        "{comment}"
    );

    // applied, the finding is accepted: no diagnostic left
    let mut lines: Vec<&str> = SLIP.split_inclusive('\n').collect();
    lines.insert(6, comment);
    let fixed = lines.concat();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"], json!([]), "{published:#}");
    client.shutdown();
}

#[test]
#[allow(clippy::print_stderr)] // the measurement is printed, never asserted
fn one_article_workspace_gets_its_diagnostics() {
    let dir = workspace(&[("a.md", ROUND)]);
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&root);
    let t = Instant::now();
    client.initialize(&root);
    let init = t.elapsed();
    let uri = format!("file://{}/a.md", root.display());
    let t = Instant::now();
    open(&mut client, &uri, ROUND);
    let published = client.diagnostics();
    let first = t.elapsed();
    assert_eq!(published["diagnostics"], json!([]), "{published:#}");
    // a second check, rules and rates loaded
    let t = Instant::now();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}, "text": ROUND}),
    );
    client.diagnostics();
    let again = t.elapsed();
    eprintln!(
        "initialize: {} ms (rules, rates and matchers loaded); didOpen -> publishDiagnostics: {} ms; didSave -> publishDiagnostics: {} ms",
        init.as_millis(),
        first.as_millis(),
        again.as_millis()
    );
    client.shutdown();
}
