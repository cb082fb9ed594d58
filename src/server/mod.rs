//! The language server: `gwlint server`, LSP over stdio.
//!
//! * Transport and message types: lsp-server ([`transport`] replaces only its
//!   stdio reader, which would stop the server on a malformed payload).
//!   Protocol types: gen-lsp-types (imported as `lsp_types`).
//! * Positions: negotiated encoding (UTF-8, UTF-16 or UTF-32, in the order
//!   the client prefers them; UTF-16 when it says nothing), lines split at
//!   `\r\n`, `\r` and `\n` ([`position`]).
//! * Documents: plain text and Markdown (language id `plaintext`, `text`,
//!   `markdown`, or a `.txt`/`.md`/`.markdown` path) are linted on open,
//!   change (full or incremental sync) and save; diagnostics are cleared on
//!   close.
//! * Linting runs on worker threads, never on the message loop. Jobs are
//!   coalesced per document (a queued lint of an old version is replaced by
//!   the newer one) and every result carries a sequence number: a result is
//!   published only if it is the latest lint scheduled for that document, so
//!   a stale result never overwrites a newer one.
//! * Code actions: one quick fix per finding with a fix, and
//!   `source.fixAll.gwlint` ("fix all safe problems in this file"). A request
//!   that arrives while its document is being re-linted waits for the new
//!   result (without blocking the loop); if the document changed meanwhile
//!   it is answered with `ContentModified`.
//! * Configuration: `gwlint.toml` is found as the CLI finds it (from the
//!   file's directory upward). The engine is rebuilt, and every open
//!   document re-linted, when the client reports a changed `*.toml`
//!   (`workspace/didChangeWatchedFiles`, registered dynamically when the
//!   client allows it), on `didSave` of a `gwlint.toml`, and on
//!   `workspace/didChangeConfiguration`.
//!
//! For benchmarks, [`lint_to_lsp`] runs the whole lint-and-convert path of
//! one re-lint on a text, and [`apply_change`] applies one incremental edit
//! ([`apply_changes`] the edits of one notification).

pub mod convert;
pub mod position;
pub mod transport;
pub mod uri;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::engine::{Engine, EngineOptions};
pub use position::{Encoding, LineIndex};

/// Run the server on stdin/stdout until `exit`. Returns the process exit
/// code: 0 after `shutdown` then `exit`, 1 if the client exits (or the input
/// ends) without `shutdown`.
pub fn run_stdio() -> i32 {
    let (conn, io) = transport::stdio();
    let code = serve(conn);
    io.finish();
    code
}

/// Lint `text` as the file `path` and convert the findings to LSP
/// diagnostics for `uri` in `encoding`: exactly what the server does after
/// each keystroke, minus the message passing. Meant for benchmarks.
pub fn lint_to_lsp(
    engine: &Engine,
    path: &Path,
    uri: &str,
    text: &str,
    encoding: Encoding,
) -> Result<Vec<lsp::Diagnostic>, ConfigError> {
    lint(engine, path, uri, text, encoding).map(|l| l.lsp)
}

/// Apply one `textDocument/didChange` content change (a whole-document
/// replacement, or an edit of a range given in `encoding`) to `text`.
pub fn apply_change(
    text: &mut String,
    change: &lsp::TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    apply_changes(text, std::slice::from_ref(change), encoding);
}

/// Apply the content changes of one `textDocument/didChange`, in order, to
/// `text`.
///
/// Each change is relative to the text the ones before it left. A run of
/// edits each wholly before the one before it (what an editor sends for a
/// replace-all or for several cursors, last first) reads every position
/// against the same text, which is unchanged before the last edit: the run
/// is resolved with one line index and written in one pass. Any other edit
/// is applied on its own. So thousands of edits of a large document cost a
/// few passes over it, not one each. Returns how many times the text was
/// rewritten.
pub fn apply_changes(
    text: &mut String,
    changes: &[lsp::TextDocumentContentChangeEvent],
    encoding: Encoding,
) -> usize {
    use lsp::TextDocumentContentChangeEvent as Change;
    let mut passes = 0;
    let mut i = 0;
    while i < changes.len() {
        passes += 1;
        let Change::TextDocumentContentChangePartial(_) = &changes[i] else {
            if let Change::TextDocumentContentChangeWholeDocument(w) = &changes[i] {
                text.clone_from(&w.text);
            }
            i += 1;
            continue;
        };
        let index = LineIndex::new(text);
        // Edits in text order once reversed.
        let mut run: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        while let Some(Change::TextDocumentContentChangePartial(p)) = changes.get(i) {
            let r = index.byte_range(text, p.range, encoding);
            // Up to where the last edit starts, the text is as it was; an
            // end clamped to a line's end or the text's end there may read
            // differently after that edit, and is applied on its own.
            let exact = || {
                let end = if (p.range.start.line, p.range.start.character)
                    > (p.range.end.line, p.range.end.character)
                {
                    p.range.start
                } else {
                    p.range.end
                };
                index.position(text, r.end, encoding) == end
            };
            if run
                .last()
                .is_some_and(|(last, _)| r.end > last.start || r.end == last.start && !exact())
            {
                break;
            }
            run.push((r, &p.text));
            i += 1;
        }
        if let [(r, t)] = run.as_slice() {
            text.replace_range(r.clone(), t);
            continue;
        }
        let added: usize = run.iter().map(|(_, t)| t.len()).sum();
        let mut out = String::with_capacity(text.len() + added);
        let mut at = 0;
        // Reversed, two insertions at one place come out in the order
        // applying them one after the other gives: the later first.
        for (r, t) in run.iter().rev() {
            out.push_str(&text[at..r.start]);
            out.push_str(t);
            at = r.end;
        }
        out.push_str(&text[at..]);
        *text = out;
    }
    passes
}

/// Whether every content change of a `didChange` that has a `range` has a
/// valid one. A change whose range does not parse would otherwise be read
/// as a whole-document change (it has a `text` too) and replace the
/// document with the edit's text.
fn check_change_ranges(params: &Value) -> Result<(), String> {
    let changes = params
        .get("contentChanges")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for (k, c) in changes.iter().enumerate() {
        if let Some(r) = c.get("range") {
            serde_json::from_value::<lsp::Range>(r.clone())
                .map_err(|e| format!("contentChanges[{k}].range: {e}"))?;
        }
    }
    Ok(())
}

struct Linted {
    diags: Vec<Diagnostic>,
    index: LineIndex,
    lsp: Vec<lsp::Diagnostic>,
}

fn lint(
    engine: &Engine,
    path: &Path,
    uri: &str,
    text: &str,
    enc: Encoding,
) -> Result<Linted, ConfigError> {
    // Offsets are u32 throughout (see `source::MAX_TEXT_LEN`), as on the
    // command line.
    if text.len() >= crate::source::MAX_TEXT_LEN {
        return Err(ConfigError::new(
            uri,
            std::sync::Arc::from(""),
            None,
            crate::source::SourceError::TooLarge { len: text.len() }.to_string(),
        ));
    }
    let (diags, warnings) = lint_warned(engine, path, text)?;
    let index = LineIndex::new(text);
    let mut lsp = convert::diagnostics(uri, text, &index, enc, &diags);
    // What the command line prints as a warning (a code in a suppression
    // comment that names no rule) is a diagnostic without a code, after the
    // findings (code actions pair the findings with the first diagnostics).
    lsp.extend(convert::warnings(text, &index, enc, &warnings));
    Ok(Linted { diags, index, lsp })
}

/// The findings of `text` as the document `path`. A byte order mark that an
/// editor leaves at the start of the text is not linted, as on the command
/// line: the findings are of the text after it, moved past it, so that no
/// fix (a line deleted from its start) takes the mark away.
fn lint_text(engine: &Engine, path: &Path, text: &str) -> Result<Vec<Diagnostic>, ConfigError> {
    lint_warned(engine, path, text).map(|(d, _)| d)
}

/// [`lint_text`] with the engine's warnings (offset and message).
type Warned = (Vec<Diagnostic>, Vec<(std::ops::Range<usize>, String)>);

fn lint_warned(engine: &Engine, path: &Path, text: &str) -> Result<Warned, ConfigError> {
    let Some(body) = text.strip_prefix('\u{feff}') else {
        let r = engine.lint(path, text)?;
        return Ok((r.diagnostics, r.warnings));
    };
    let by = text.len() - body.len();
    let shift = |r: std::ops::Range<usize>| r.start + by..r.end + by;
    let r = engine.lint(path, body)?;
    let mut diags = r.diagnostics;
    for d in &mut diags {
        d.set_range(shift(d.range()));
        for l in &mut d.labels {
            l.set_range(shift(l.range()));
        }
        for e in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            e.set_range(shift(e.range()));
        }
    }
    let warnings = r
        .warnings
        .into_iter()
        .map(|(at, m)| (shift(at), m))
        .collect();
    Ok((diags, warnings))
}

// ---------------------------------------------------------------------------
// Worker pool

struct Job {
    uri: String,
    seq: u64,
    version: i32,
    text: Arc<String>,
    path: PathBuf,
    engine: Arc<Engine>,
    enc: Encoding,
}

enum Outcome {
    Done(Linted),
    Config(ConfigError),
    Panicked,
}

struct Done {
    uri: String,
    seq: u64,
    version: i32,
    text: Arc<String>,
    outcome: Outcome,
}

#[derive(Default)]
struct QueueState {
    order: VecDeque<String>,
    jobs: HashMap<String, Job>,
    closed: bool,
}

#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

impl Queue {
    /// Queue a lint, replacing a queued (not yet started) lint of the same
    /// document.
    fn push(&self, job: Job) {
        let Ok(mut s) = self.state.lock() else { return };
        if !s.jobs.contains_key(&job.uri) {
            s.order.push_back(job.uri.clone());
        }
        s.jobs.insert(job.uri.clone(), job);
        self.ready.notify_one();
    }

    fn pop(&self) -> Option<Job> {
        let mut s = self.state.lock().ok()?;
        loop {
            if s.closed {
                return None;
            }
            while let Some(uri) = s.order.pop_front() {
                if let Some(j) = s.jobs.remove(&uri) {
                    return Some(j);
                }
            }
            s = self.ready.wait(s).ok()?;
        }
    }

    fn close(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.closed = true;
        }
        self.ready.notify_all();
    }
}

fn worker(queue: Arc<Queue>, results: Sender<Done>) {
    while let Some(job) = queue.pop() {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lint(&job.engine, &job.path, &job.uri, &job.text, job.enc)
        }));
        let outcome = match run {
            Ok(Ok(l)) => Outcome::Done(l),
            Ok(Err(e)) => Outcome::Config(e),
            Err(_) => Outcome::Panicked,
        };
        let done = Done {
            uri: job.uri,
            seq: job.seq,
            version: job.version,
            text: job.text,
            outcome,
        };
        if results.send(done).is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------
// The server

#[derive(PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Doc {
    text: Arc<String>,
    version: i32,
    path: PathBuf,
    lintable: bool,
    /// The sequence number of the latest lint scheduled.
    seq: u64,
    /// The latest published result and the text it was computed on.
    linted: Option<(Arc<String>, Linted)>,
}

struct Parked {
    id: RequestId,
    params: lsp::CodeActionParams,
    /// The text the request was made against.
    text: Arc<String>,
}

struct Server {
    sender: Sender<Message>,
    phase: Phase,
    enc: Encoding,
    document_changes: bool,
    watch_dynamically: bool,
    engine: Option<Arc<Engine>>,
    docs: HashMap<String, Doc>,
    queue: Arc<Queue>,
    results: Receiver<Done>,
    /// Kept so that the results channel never disconnects.
    results_tx: Sender<Done>,
    seq: u64,
    parked: HashMap<String, Vec<Parked>>,
    next_request: i32,
    shown: HashSet<String>,
    /// The workspace's root folder (`workspaceFolders`, else `rootUri`, else
    /// `rootPath` of `initialize`): where a document that is not a file
    /// (`untitled:`) is taken to be, so that it gets the workspace's
    /// `gwlint.toml`.
    root: Option<PathBuf>,
}

/// Serve one connection until `exit` or the end of input; returns the exit
/// code.
pub fn serve(conn: Connection) -> i32 {
    let (results_tx, results) = unbounded();
    let mut s = Server {
        sender: conn.sender.clone(),
        phase: Phase::Uninitialized,
        enc: Encoding::Utf16,
        document_changes: false,
        watch_dynamically: false,
        engine: None,
        docs: HashMap::new(),
        queue: Arc::new(Queue::default()),
        results,
        results_tx,
        seq: 0,
        parked: HashMap::new(),
        next_request: 1,
        shown: HashSet::new(),
        root: None,
    };
    let code = loop {
        select! {
            recv(conn.receiver) -> msg => match msg {
                Ok(m) => if let Some(code) = s.handle(m) { break code },
                Err(_) => break if s.phase == Phase::ShuttingDown { 0 } else { 1 },
            },
            recv(s.results) -> done => if let Ok(d) = done { s.on_done(d) },
        }
    };
    s.queue.close();
    code
}

fn parse<T: DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

fn lintable(language: &str, path: &Path) -> bool {
    // A configuration file or a rule pack (`gwlint.toml`), which an editor
    // without a TOML mode opens as plain text, is not a document: `gwlint
    // check` never lints one.
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    !toml && matches!(language, "plaintext" | "text" | "txt" | "markdown" | "md")
        || path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            crate::walk::EXTENSIONS
                .iter()
                .any(|x| x.eq_ignore_ascii_case(e))
        })
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::config::CONFIG_NAME)
}

impl Server {
    fn send(&self, m: impl Into<Message>) {
        let _ = self.sender.send(m.into());
    }

    fn reply_ok(&self, id: RequestId, v: impl serde::Serialize) {
        self.send(Response::new_ok(id, v));
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, msg: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, msg.into()));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn show_error(&mut self, msg: String) {
        eprintln!("gwlint server: {msg}");
        if self.shown.insert(msg.clone()) {
            self.notify(
                "window/showMessage",
                lsp::ShowMessageParams {
                    kind: lsp::MessageType::Error,
                    message: msg,
                },
            );
        }
    }

    /// Handle one incoming message; `Some(code)` ends the loop.
    fn handle(&mut self, msg: Message) -> Option<i32> {
        match msg {
            Message::Request(r) => self.on_request(r),
            Message::Notification(n) => return self.on_notification(n),
            Message::Response(r) => {
                if let Err(e) = r.response_result {
                    eprintln!(
                        "gwlint server: the client refused request {}: {}",
                        r.id, e.message
                    );
                }
            }
        }
        None
    }

    fn on_request(&mut self, r: Request) {
        match (&self.phase, r.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(r),
            (Phase::Uninitialized, _) => self.reply_err(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized",
            ),
            (Phase::ShuttingDown, _) => self.reply_err(
                r.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            ),
            (Phase::Running, "initialize") => self.reply_err(
                r.id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShuttingDown;
                self.queue.close();
                for (_, parked) in std::mem::take(&mut self.parked) {
                    for p in parked {
                        self.reply_err(
                            p.id,
                            ErrorCode::RequestCanceled,
                            "the server is shutting down",
                        );
                    }
                }
                self.reply_ok(r.id, ());
            }
            (Phase::Running, "textDocument/codeAction") => self.code_action(r),
            (Phase::Running, m) => {
                let m = m.to_string();
                self.reply_err(
                    r.id,
                    ErrorCode::MethodNotFound,
                    format!("gwlint does not handle {m}"),
                )
            }
        }
    }

    fn initialize(&mut self, r: Request) {
        if !r.params.is_object() {
            return self.reply_err(
                r.id,
                ErrorCode::InvalidParams,
                "initialize needs an InitializeParams object",
            );
        }
        let caps = &r.params["capabilities"];
        let offered = caps
            .pointer("/general/positionEncodings")
            .and_then(Value::as_array);
        self.enc = Encoding::negotiate(offered.into_iter().flatten().filter_map(Value::as_str));
        self.document_changes =
            caps.pointer("/workspace/workspaceEdit/documentChanges") == Some(&Value::Bool(true));
        self.watch_dynamically = caps
            .pointer("/workspace/didChangeWatchedFiles/dynamicRegistration")
            == Some(&Value::Bool(true));
        let param = |p: &str| r.params.pointer(p).and_then(Value::as_str);
        self.root = param("/workspaceFolders/0/uri")
            .and_then(uri::to_path)
            .or_else(|| param("/rootUri").and_then(uri::to_path))
            .or_else(|| param("/rootPath").map(PathBuf::from));
        self.reload();
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        for i in 0..threads {
            let (q, tx) = (self.queue.clone(), self.results_tx.clone());
            let _ = std::thread::Builder::new()
                .name(format!("gwlint-lint-{i}"))
                .spawn(move || worker(q, tx));
        }
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(self.enc.kind()),
            text_document_sync: Some(lsp::TextDocumentSync::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::Incremental),
                    save: Some(lsp::Save::SaveOptions(lsp::SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProvider::CodeActionOptions(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QuickFix,
                        lsp::CodeActionKind::new(convert::FIX_ALL_KIND),
                    ]),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "gwlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        self.phase = Phase::Running;
        self.reply_ok(r.id, result);
    }

    fn on_notification(&mut self, n: Notification) -> Option<i32> {
        if n.method == "exit" {
            return Some(if self.phase == Phase::ShuttingDown {
                0
            } else {
                1
            });
        }
        if self.phase != Phase::Running {
            return None;
        }
        let method = n.method.clone();
        let res = match method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => parse(n.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => check_change_ranges(&n.params)
                .and_then(|()| parse(n.params))
                .map(|p| self.did_change(p)),
            "textDocument/didSave" => parse(n.params).map(|p| self.did_save(p)),
            "textDocument/didClose" => parse(n.params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => parse(n.params).map(|p| self.watched_files(p)),
            "workspace/didChangeConfiguration" => {
                self.reload();
                Ok(())
            }
            "$/cancelRequest" => parse(n.params).map(|p| self.cancel(p)),
            _ => Ok(()),
        };
        if let Err(e) = res {
            eprintln!("gwlint server: ignored {method}: {e}");
        }
        None
    }

    fn register_watchers(&mut self) {
        if !self.watch_dynamically {
            return;
        }
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "gwlint-config".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: Some(
                    serde_json::json!({"watchers": [{"globPattern": "**/*.toml"}]}),
                ),
            }],
        };
        let id = RequestId::from(self.next_request);
        self.next_request += 1;
        self.send(Request::new(
            id,
            "client/registerCapability".to_string(),
            params,
        ));
    }

    /// Build a fresh engine (re-reading every `gwlint.toml`) and re-lint
    /// every open document.
    fn reload(&mut self) {
        match Engine::new(EngineOptions::default()) {
            Ok(e) => self.engine = Some(Arc::new(e)),
            Err(e) => {
                self.engine = None;
                self.show_error(e.to_string());
                // No lint will come to answer waiting code actions.
                for (_, parked) in std::mem::take(&mut self.parked) {
                    for p in parked {
                        self.reply_ok(p.id, Vec::<lsp::CodeAction>::new());
                    }
                }
            }
        }
        self.shown.clear();
        let uris: Vec<String> = self.docs.keys().cloned().collect();
        for u in uris {
            self.schedule(&u);
        }
    }

    fn schedule(&mut self, uri: &str) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        if !doc.lintable {
            return;
        }
        self.seq += 1;
        doc.seq = self.seq;
        let Some(engine) = self.engine.clone() else {
            return;
        };
        self.queue.push(Job {
            uri: uri.to_string(),
            seq: doc.seq,
            version: doc.version,
            text: doc.text.clone(),
            path: doc.path.clone(),
            engine,
            enc: self.enc,
        });
    }

    /// The path a document is linted as: its own, or for one that is not a
    /// file, `untitled.txt` (`.md`) in the workspace's root (in the server's
    /// working directory when the client named no root).
    fn path_for(&self, uri: &str, language: &str) -> PathBuf {
        uri::to_path(uri).unwrap_or_else(|| {
            let ext = if language == "markdown" { "md" } else { "txt" };
            let dir = self
                .root
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            dir.join(format!("untitled.{ext}"))
        })
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let item = p.text_document;
        let uri = item.uri.0;
        let language = item.language_id.as_str().to_string();
        let path = self.path_for(&uri, &language);
        let lintable = lintable(&language, &path);
        let doc = Doc {
            text: Arc::new(item.text),
            version: item.version,
            path,
            lintable,
            seq: 0,
            linted: None,
        };
        self.docs.insert(uri.clone(), doc);
        self.schedule(&uri);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.text_document_identifier.uri.0;
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(&uri) else {
            eprintln!("gwlint server: didChange for a document never opened: {uri}");
            return;
        };
        let text = Arc::make_mut(&mut doc.text);
        apply_changes(text, &p.content_changes, enc);
        doc.version = p.text_document.version;
        self.schedule(&uri);
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        let uri = p.text_document.uri.0;
        if uri::to_path(&uri).is_some_and(|p| is_config(&p)) {
            self.reload();
        } else if self.docs.contains_key(&uri) {
            self.schedule(&uri);
        }
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri.0;
        if let Some(doc) = self.docs.remove(&uri) {
            for q in self.parked.remove(&uri).unwrap_or_default() {
                self.reply_err(q.id, ErrorCode::ContentModified, "the document was closed");
            }
            if doc.lintable {
                self.publish(&uri, None, Vec::new());
            }
        }
    }

    fn watched_files(&mut self, p: lsp::DidChangeWatchedFilesParams) {
        let config_changed = p.changes.iter().any(|c| {
            uri::to_path(&c.uri.0).is_some_and(|p| p.extension().is_some_and(|e| e == "toml"))
        });
        if config_changed {
            self.reload();
        }
    }

    fn cancel(&mut self, p: lsp::CancelParams) {
        let id: RequestId = match p.id {
            lsp::Id::Int(i) => i.into(),
            lsp::Id::String(s) => s.into(),
        };
        let mut cancelled = Vec::new();
        for parked in self.parked.values_mut() {
            parked.retain(|q| {
                if q.id == id {
                    cancelled.push(q.id.clone());
                    false
                } else {
                    true
                }
            });
        }
        for id in cancelled {
            self.reply_err(id, ErrorCode::RequestCanceled, "cancelled");
        }
    }

    fn publish(&self, uri: &str, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: lsp::Uri(uri.to_string()),
                version,
                diagnostics,
            },
        );
    }

    fn code_action(&mut self, r: Request) {
        let params: lsp::CodeActionParams = match parse(r.params) {
            Ok(p) => p,
            Err(e) => return self.reply_err(r.id, ErrorCode::InvalidParams, e),
        };
        let uri = params.text_document.uri.0.clone();
        let Some(doc) = self.docs.get(&uri) else {
            return self.reply_err(
                r.id,
                ErrorCode::InvalidParams,
                format!("document not open: {uri}"),
            );
        };
        if !doc.lintable || self.engine.is_none() {
            return self.reply_ok(r.id, Vec::<lsp::CodeAction>::new());
        }
        let fresh = doc
            .linted
            .as_ref()
            .is_some_and(|(t, _)| Arc::ptr_eq(t, &doc.text));
        if fresh {
            let actions = self.actions_for(&uri, &params);
            self.reply_ok(r.id, actions);
        } else {
            let text = doc.text.clone();
            self.parked.entry(uri).or_default().push(Parked {
                id: r.id,
                params,
                text,
            });
        }
    }

    fn actions_for(&self, uri: &str, params: &lsp::CodeActionParams) -> Vec<lsp::CodeAction> {
        let Some(doc) = self.docs.get(uri) else {
            return Vec::new();
        };
        let Some((text, linted)) = &doc.linted else {
            return Vec::new();
        };
        let relint = |t: &str| {
            let engine = self.engine.as_ref()?;
            lint_text(engine, &doc.path, t).ok()
        };
        let inp = convert::ActionInput {
            uri,
            version: doc.version,
            text,
            index: &linted.index,
            enc: self.enc,
            diags: &linted.diags,
            lsp: &linted.lsp,
            document_changes: self.document_changes,
            relint: &relint,
        };
        let at = linted.index.byte_range(text, params.range, self.enc);
        convert::code_actions(&inp, at, params.context.only.as_deref())
    }

    fn on_done(&mut self, d: Done) {
        let Some(doc) = self.docs.get_mut(&d.uri) else {
            return;
        };
        if d.seq != doc.seq {
            return; // a newer lint of this document is on its way
        }
        let (lsp_diags, linted, error) = match d.outcome {
            Outcome::Done(l) => (l.lsp.clone(), l, None),
            Outcome::Config(e) => {
                let diag = config_diagnostic(&e, self.enc);
                let empty = Linted {
                    diags: Vec::new(),
                    index: LineIndex::new(&d.text),
                    lsp: Vec::new(),
                };
                (vec![diag], empty, Some(e.to_string()))
            }
            Outcome::Panicked => {
                let empty = Linted {
                    diags: Vec::new(),
                    index: LineIndex::new(&d.text),
                    lsp: Vec::new(),
                };
                let msg = format!("gwlint 内部错误（规则执行时崩溃），请报告此问题：{}", d.uri);
                (Vec::new(), empty, Some(msg))
            }
        };
        doc.linted = Some((d.text.clone(), linted));
        let current = doc.text.clone();
        self.publish(&d.uri, Some(d.version), lsp_diags);
        if let Some(e) = error {
            self.show_error(e);
        }
        for q in self.parked.remove(&d.uri).unwrap_or_default() {
            if Arc::ptr_eq(&q.text, &current) {
                let actions = self.actions_for(&d.uri, &q.params);
                self.reply_ok(q.id, actions);
            } else {
                self.reply_err(q.id, ErrorCode::ContentModified, "the document changed");
            }
        }
    }
}

/// A configuration error shown on the document it prevents from being
/// linted, pointing at the faulty line of `gwlint.toml` when there is one.
fn config_diagnostic(e: &ConfigError, enc: Encoding) -> lsp::Diagnostic {
    let mut related = None;
    let path = Path::new(&e.origin);
    if path.is_absolute() && path.is_file() {
        let span = e.span.clone().unwrap_or(0..0);
        let index = LineIndex::new(&e.text);
        related = Some(vec![lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: lsp::Uri(uri::from_path(path)),
                range: index.range(&e.text, &span, enc),
            },
            message: e.message.clone(),
        }]);
    }
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::Error),
        source: Some("gwlint".to_string()),
        message: lsp::Message::String(format!("{e}（此文件未检查）")),
        related_information: related,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn partial(l0: u32, c0: u32, l1: u32, c1: u32, t: &str) -> lsp::TextDocumentContentChangeEvent {
        serde_json::from_value(json!({
            "range": {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}},
            "text": t,
        }))
        .unwrap()
    }

    /// The changes applied one notification at a time.
    fn one_by_one(text: &str, changes: &[lsp::TextDocumentContentChangeEvent]) -> String {
        let mut t = text.to_string();
        for c in changes {
            apply_change(&mut t, c, Encoding::Utf16);
        }
        t
    }

    #[test]
    fn a_notification_of_many_edits_gives_what_the_edits_one_by_one_give() {
        let base = "第一行，依据国办发〔2021〕12号。\r\n第二行𠮷有三个字\n\n第四行\r末行";
        // A small generator of its own (xorshift), so that the cases are the
        // same on every run.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(n.max(1))) as u32
        };
        let texts = ["", "甲", "乙\n", "\r\n丙丁", "𠮷"];
        // Edits and passes of the sequences sent last first.
        let (mut edits, mut passes) = (0, 0);
        for _ in 0..2000 {
            let k = 1 + next(6) as usize;
            let mut changes = Vec::new();
            // Often last first, as editors send them; sometimes in any order.
            let descending = next(3) > 0;
            let (mut l, mut c) = (5u32, 9u32);
            for _ in 0..k {
                let (l1, c1) = if descending {
                    (l, c)
                } else {
                    (next(6), next(10))
                };
                let l0 = if descending { next(l1 + 1) } else { next(6) };
                let c0 = next(10);
                let (l0, c0) = if (l0, c0) > (l1, c1) {
                    (l1, c1)
                } else {
                    (l0, c0)
                };
                changes.push(partial(l0, c0, l1, c1, texts[next(5) as usize]));
                (l, c) = (l0, c0);
            }
            let mut batched = base.to_string();
            let n = apply_changes(&mut batched, &changes, Encoding::Utf16);
            assert_eq!(batched, one_by_one(base, &changes), "{changes:?}");
            if descending {
                (edits, passes) = (edits + k, passes + n);
            }
        }
        // Sent last first, the edits are mostly applied together: far fewer
        // passes over the text than edits (one edit, one pass).
        assert!(passes * 2 < edits, "{passes} passes for {edits} edits");
    }

    #[test]
    fn two_insertions_at_one_place_keep_their_order() {
        let changes = [partial(0, 1, 0, 1, "甲"), partial(0, 1, 0, 1, "乙")];
        let mut t = "一二".to_string();
        apply_changes(&mut t, &changes, Encoding::Utf16);
        assert_eq!(t, "一乙甲二");
        assert_eq!(t, one_by_one("一二", &changes));
    }

    #[test]
    fn a_change_with_a_malformed_range_is_refused_not_read_as_the_whole_text() {
        let bad = json!({"textDocument": {"uri": "untitled:x", "version": 2},
            "contentChanges": [{"range": {"start": {"line": -1, "character": 0},
                "end": {"line": 0, "character": 0}}, "text": "Z"}]});
        assert!(check_change_ranges(&bad).is_err());
        for range in [
            json!(null),
            json!({"start": {"line": 0}, "end": {"line": 0, "character": 0}}),
        ] {
            let v = json!({"contentChanges": [{"range": range, "text": "Z"}]});
            assert!(check_change_ranges(&v).is_err(), "{v}");
        }
        let good = json!({"contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "Z"},
            {"text": "整篇"}]});
        assert_eq!(check_change_ranges(&good), Ok(()));
    }
}
