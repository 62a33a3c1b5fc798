//! `figcheck lsp`: a language server over standard input and output for Markdown, HTML
//! and text articles (crate `lsp-server`: synchronous, one thread, no async runtime).
//!
//! On open, change and save the document is checked with the other articles of its
//! folder and the figcheck.toml found above it ([`analysis`]); the findings on its
//! figures are published as diagnostics, a hover on a figure shows how it was read and
//! converted, and a code action accepts a finding with a suppression comment
//! ([`features`]). Rules and rates are loaded once per configuration.
//!
//! It owns the protocol and the documents' state; the pipeline is [`crate::checker`].

pub mod analysis;
pub mod features;
pub mod position;

use crate::cli::configured::Configured;
use analysis::{analyse, configure, Analysis};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionProviderCapability, Diagnostic, HoverProviderCapability, PublishDiagnosticsParams,
    Range, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the server advertises.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The server's state: configurations by folder, open documents and their analyses.
#[derive(Default)]
struct State {
    configs: BTreeMap<PathBuf, Result<Configured, String>>,
    docs: BTreeMap<Uri, (String, Option<Analysis>)>,
}

/// Serve on standard input and output until `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection).map_err(std::io::Error::other)?;
    drop(connection);
    io_threads.join()
}

/// Serve one connection: initialize, then requests and notifications until shutdown.
pub fn serve(connection: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let caps = serde_json::to_value(capabilities())?;
    let (id, init) = connection.initialize_start()?;
    let mut state = State::default();
    // Load the workspace folder's configuration, rules and rates, and compile every
    // language's matcher before answering `initialize`: the editor waits once at start,
    // and the first document's diagnostics do not pay for it.
    if let Some(root) = workspace_root(&init) {
        if let Ok(c) = state.configured(&root) {
            for _ in c.checker.rules().matchers() {}
        }
    }
    connection.initialize_finish(id, serde_json::json!({ "capabilities": caps }))?;
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let resp = state.request(req);
                connection.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => {
                for out in state.notification(n) {
                    connection.sender.send(Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The folder of `initialize`'s first workspace folder, else of its `rootUri`.
fn workspace_root(init: &serde_json::Value) -> Option<PathBuf> {
    let uri = init
        .get("workspaceFolders")
        .and_then(|f| f.get(0))
        .and_then(|f| f.get("uri"))
        .or_else(|| init.get("rootUri"))
        .and_then(serde_json::Value::as_str)?;
    let uri: Uri = uri.parse().ok()?;
    position::uri_to_path(&uri)
}

fn params<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Option<T> {
    serde_json::from_value(v).ok()
}

fn publish(uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Notification {
    let p = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    Notification::new(PublishDiagnostics::METHOD.to_string(), p)
}

/// A diagnostic at the top of the document, for a problem that is not a finding (a
/// configuration or rule error, a document that cannot be read).
fn problem(message: String) -> Diagnostic {
    Diagnostic {
        range: Range::default(),
        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
        source: Some(features::SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

impl State {
    fn configured(&mut self, folder: &Path) -> &Result<Configured, String> {
        self.configs.entry(folder.to_path_buf()).or_insert_with(|| {
            configure(folder).map_err(|e| {
                e.0.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        })
    }

    /// Check the document and say what to publish.
    fn refresh(&mut self, uri: Uri, version: Option<i32>) -> Notification {
        let Some((text, _)) = self.docs.get(&uri) else {
            return publish(uri, Vec::new(), version);
        };
        let text = text.clone();
        let Some(path) = position::uri_to_path(&uri) else {
            return publish(uri, Vec::new(), version);
        };
        let folder = path
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let (analysis, diagnostics) = match self.configured(&folder) {
            Err(msg) => (None, vec![problem(format!("figcheck: {msg}"))]),
            Ok(c) => match analyse(c, &path, &text) {
                Ok(a) => {
                    let d = features::diagnostics(&a);
                    (Some(a), d)
                }
                Err(e) => (None, vec![problem(format!("figcheck: {e}"))]),
            },
        };
        if let Some(doc) = self.docs.get_mut(&uri) {
            doc.1 = analysis;
        }
        publish(uri, diagnostics, version)
    }

    fn notification(&mut self, n: Notification) -> Vec<Notification> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let d = p.text_document;
                self.docs.insert(d.uri.clone(), (d.text, None));
                vec![self.refresh(d.uri, Some(d.version))]
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                // Full sync: the last change holds the whole text.
                if let (Some(change), Some(doc)) = (
                    p.content_changes.into_iter().last(),
                    self.docs.get_mut(&uri),
                ) {
                    doc.0 = change.text;
                }
                vec![self.refresh(uri, Some(p.text_document.version))]
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                if let (Some(text), Some(doc)) = (p.text, self.docs.get_mut(&uri)) {
                    doc.0 = text;
                }
                // Another article of the folder may have changed on disk too.
                vec![self.refresh(uri, None)]
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return Vec::new();
                };
                self.docs.remove(&p.text_document.uri);
                vec![publish(p.text_document.uri, Vec::new(), None)]
            }
            _ => Vec::new(),
        }
    }

    fn analysis(&self, uri: &Uri) -> Option<&Analysis> {
        self.docs.get(uri).and_then(|d| d.1.as_ref())
    }

    fn request(&mut self, req: Request) -> Response {
        let id: RequestId = req.id.clone();
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let Some(p) = params::<lsp_types::HoverParams>(req.params) else {
                    return invalid(id);
                };
                let at = p.text_document_position_params;
                let hover = self
                    .analysis(&at.text_document.uri)
                    .and_then(|a| features::hover(a, at.position));
                Response::new_ok(id, hover)
            }
            CodeActionRequest::METHOD => {
                let Some(p) = params::<lsp_types::CodeActionParams>(req.params) else {
                    return invalid(id);
                };
                let uri = p.text_document.uri;
                let actions = self
                    .analysis(&uri)
                    .map(|a| features::code_actions(a, &uri, &p.context.diagnostics))
                    .unwrap_or_default();
                Response::new_ok(id, actions)
            }
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("figcheck lsp does not handle {}", req.method),
            ),
        }
    }
}

fn invalid(id: RequestId) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        "invalid params".to_string(),
    )
}
