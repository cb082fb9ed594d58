//! The language server, driven over stdio as an editor drives it: JSON-RPC
//! with Content-Length framing against the real `gwlint server` binary.
//!
//! Every read goes through a reader thread and `recv_timeout`, so a hung
//! server fails the test instead of hanging CI. Nothing here measures time.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    backlog: VecDeque<Value>,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gwlint server");
        let stdin = child.stdin.take();
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(v) = read_frame(&mut out) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: VecDeque::new(),
        }
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        let w = self.stdin.as_mut().expect("stdin open");
        w.write_all(bytes).expect("write to server");
        w.flush().expect("flush");
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        self.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message from the server; answers the server's own requests
    /// (`client/registerCapability`) on the way.
    fn recv(&mut self) -> Value {
        loop {
            let v = match self.rx.recv_timeout(TIMEOUT) {
                Ok(v) => v,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no message from the server within {TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if v.get("method").is_some() && v.get("id").is_some() {
                let id = v["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            return v;
        }
    }

    /// The response with `id` (a JSON value: number or null).
    fn response(&mut self, id: Value) -> Value {
        loop {
            let v = self.recv();
            if v.get("method").is_none() && v["id"] == id {
                return v;
            }
            if v.get("method").is_some() {
                self.backlog.push_back(v);
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(json!(id));
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The next publishDiagnostics for `uri` with `version` (earlier ones
    /// are skipped; `None` waits for an unversioned one, as after close).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        loop {
            let v = match self.backlog.pop_front() {
                Some(v) => v,
                None => self.recv(),
            };
            if v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"].as_i64() == version
            {
                return v["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }

    fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let mut caps =
            json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
        if let Some(e) = encodings {
            caps["general"] = json!({"positionEncodings": e});
        }
        let r = self.call(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// The `source.fixAll` code actions for `uri`.
    fn fix_all(&mut self, uri: &str) -> Value {
        self.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// shutdown, exit, and the exit status.
    fn shutdown(mut self) -> i32 {
        assert_eq!(self.call("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(&mut self) -> i32 {
        drop(self.stdin.take());
        // The server exits on `exit`; `wait` cannot hang past it because
        // stdin is closed too, which ends the server's input.
        self.child.wait().expect("wait").code().expect("exit code")
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

// ---------------------------------------------------------------------------
// An independent position model, written from the LSP text (not from the
// server's code): lines end at \r\n, \r or \n; columns count UTF-8 bytes,
// UTF-16 units or code points.

fn units(s: &str, enc: &str) -> usize {
    match enc {
        "utf-8" => s.len(),
        "utf-32" => s.chars().count(),
        _ => s.encode_utf16().count(),
    }
}

/// Byte offset → (line, character).
fn lsp_pos(text: &str, offset: usize, enc: &str) -> (u64, u64) {
    let mut line = 0;
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < offset {
        if b[i] == b'\r' || b[i] == b'\n' {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            line += 1;
            start = i + 1;
        }
        i += 1;
    }
    (line, units(&text[start..offset], enc) as u64)
}

/// (line, character) → byte offset.
fn byte_at(text: &str, line: u64, character: u64, enc: &str) -> usize {
    // (An offset between the \r and \n of a CRLF is no position.)
    let offset = (0..=text.len())
        .filter(|&o| {
            text.is_char_boundary(o) && !(text[..o].ends_with('\r') && text[o..].starts_with('\n'))
        })
        .find(|&o| lsp_pos(text, o, enc) == (line, character));
    offset.unwrap_or_else(|| panic!("no offset at {line}:{character} ({enc})"))
}

fn range_of(v: &Value) -> ((u64, u64), (u64, u64)) {
    let p = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    (p(&v["start"]), p(&v["end"]))
}

/// Apply LSP text edits (non-overlapping) to `text`.
fn apply_edits(text: &str, edits: &[Value], enc: &str) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let ((sl, sc), (el, ec)) = range_of(&e["range"]);
            (
                byte_at(text, sl, sc, enc),
                byte_at(text, el, ec, enc),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// The edits a code action makes to `uri`, whichever form the edit takes.
fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(dc) = edit["documentChanges"].as_array() {
        return dc
            .iter()
            .filter(|d| d["textDocument"]["uri"] == uri)
            .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// A directory with its own (empty) gwlint.toml, so that no configuration
/// above the temporary directory changes what is found.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("gwlint.toml"), "").expect("write gwlint.toml");
    dir
}

const DATE: &str = "2023年2月29日";
const DOCNUM: &str = "国办发[2015]51号";

/// A server, initialized, with `text` open as `a.txt` (version 1) in a
/// workspace of its own, which must live as long as the client is used.
fn opened(text: &str) -> (tempfile::TempDir, String, Client) {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut c = Client::start();
    c.initialize(None);
    c.open(&uri, "plaintext", 1, text);
    (dir, uri, c)
}

/// A draft with Chinese and astral characters before the findings, a CRLF
/// and a lone CR line end.
fn draft() -> String {
    format!("𠮷𠮷中文，{DATE}召开会议。\r\n\r（{DOCNUM}）附件𠮷。\n")
}

fn scenario(offer: Option<&[&str]>, expect: &str) {
    let dir = workspace();
    let path = dir.path().join("草稿 一.txt");
    let uri = file_uri(&path);
    let mut c = Client::start();
    let init = c.initialize(offer);
    assert_eq!(
        init["capabilities"]["positionEncoding"], expect,
        "negotiated encoding"
    );
    assert_eq!(init["serverInfo"]["name"], "gwlint");

    // Open: both findings, at positions counted in the negotiated encoding.
    let text = draft();
    c.open(&uri, "plaintext", 1, &text);
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&diags), ["D001", "N001"], "{diags:?}");
    let d = &diags[0];
    let at = text.find(DATE).unwrap();
    assert_eq!(
        range_of(&d["range"]),
        (
            lsp_pos(&text, at, expect),
            lsp_pos(&text, at + DATE.len(), expect)
        )
    );
    assert_eq!(d["source"], "gwlint");
    assert_eq!(d["severity"], 1);
    let (line, col) = lsp_pos(&text, at, expect);
    assert_eq!(line, 0);
    assert_eq!(
        col,
        match expect {
            "utf-8" => 17,
            "utf-32" => 5,
            _ => 7,
        }
    );
    // The secondary label becomes related information inside the finding.
    let rel = d["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(rel[0]["location"]["uri"], uri.as_str());
    let ((rl, rc), _) = range_of(&rel[0]["location"]["range"]);
    assert_eq!(rl, 0);
    assert!(rc > col, "{rel:?}");
    // N001 sits on line 2: after a CRLF and then a lone CR.
    let n = &diags[1];
    // N001 spans the bracketed year and serial, after the organ code.
    let at = text.find(DOCNUM).unwrap() + "国办发".len();
    assert_eq!(range_of(&n["range"]).0, lsp_pos(&text, at, expect));
    assert_eq!(range_of(&n["range"]).0.0, 2);

    // Full change: the date is corrected, only N001 remains.
    let text2 = text.replace("29日", "28日");
    c.change(&uri, 2, json!([{"text": text2}]));
    assert_eq!(codes(&c.diagnostics(&uri, Some(2))), ["N001"]);

    // Incremental change: "28" back to "29", the range given in the
    // negotiated encoding (after the astral characters on line 0).
    let at = text2.find("28日").unwrap();
    let (s, e) = (lsp_pos(&text2, at, expect), lsp_pos(&text2, at + 2, expect));
    c.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": s.0, "character": s.1}, "end": {"line": e.0, "character": e.1}}, "text": "29"}]),
    );
    let diags = c.diagnostics(&uri, Some(3));
    assert_eq!(codes(&diags), ["D001", "N001"]);
    let at = text.find(DATE).unwrap();
    assert_eq!(range_of(&diags[0]["range"]).0, lsp_pos(&text, at, expect));

    // Quick fix at the N001 finding: apply it, the finding disappears.
    let n_range = diags[1]["range"].clone();
    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": n_range, "context": {"diagnostics": [diags[1]]}}),
    );
    let actions = actions.as_array().expect("actions");
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{actions:?}");
    assert_eq!(quick[0]["isPreferred"], true);
    let fixed = apply_edits(&text, &edits_of(quick[0], &uri), expect);
    assert_eq!(fixed, text.replace(DOCNUM, "国办发〔2015〕51号"));
    c.change(&uri, 4, json!([{"text": fixed}]));
    assert_eq!(codes(&c.diagnostics(&uri, Some(4))), ["D001"]);

    // Fix all (source.fixAll): nothing safe left to fix but D001 has no
    // fix, so no action; put the bracket back and fix all again.
    let none = c.fix_all(&uri);
    assert_eq!(none, json!([]));
    c.change(&uri, 5, json!([{"text": text}]));
    assert_eq!(codes(&c.diagnostics(&uri, Some(5))), ["D001", "N001"]);
    let all = c.fix_all(&uri);
    let all = all.as_array().expect("actions");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.gwlint");
    let fixed = apply_edits(&text, &edits_of(&all[0], &uri), expect);
    assert_eq!(fixed, text.replace(DOCNUM, "国办发〔2015〕51号"));

    // Close: the diagnostics are cleared.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(c.diagnostics(&uri, None).is_empty());
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn utf16_is_the_default() {
    scenario(None, "utf-16");
}

#[test]
fn utf16_when_offered() {
    scenario(Some(&["utf-16"]), "utf-16");
}

#[test]
fn utf8_when_offered() {
    scenario(Some(&["utf-8", "utf-16"]), "utf-8");
}

#[test]
fn utf32_when_offered() {
    scenario(Some(&["utf-32", "utf-16"]), "utf-32");
}

/// A code in a suppression comment that names no rule is a warning without
/// a code on the code itself (after a byte order mark and an astral
/// character), after the findings, whose quick fixes are unchanged.
#[test]
fn unknown_codes_in_suppressions_are_warnings() {
    let text = format!(
        "\u{feff}𠮷<!-- gwlint-disable-next-line D0O1 -->\n会议定于{DATE}召开，（{DOCNUM}）。\n"
    );
    let (_dir, uri, mut c) = opened(&text);
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&diags), ["D001", "N001", ""]);
    let w = &diags[2];
    assert_eq!(w["severity"], 2);
    assert!(w["code"].is_null(), "{w}");
    assert!(
        w["message"]
            .as_str()
            .unwrap()
            .contains("“D0O1”不是已知的规则代码"),
        "{w}"
    );
    let at = text.find("D0O1").unwrap();
    assert_eq!(
        range_of(&w["range"]),
        (
            lsp_pos(&text, at, "utf-16"),
            lsp_pos(&text, at + 4, "utf-16")
        )
    );
    let docnum = text.find(DOCNUM).unwrap();
    let (line, character) = lsp_pos(&text, docnum, "utf-16");
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}, "context": {"diagnostics": diags}}),
    );
    let fixed = r
        .as_array()
        .unwrap()
        .iter()
        .map(|a| apply_edits(&text, &edits_of(a, &uri), "utf-16"))
        .find(|t| t.contains("国办发〔2015〕51号"));
    assert!(fixed.is_some(), "{r}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn markdown_documents_are_linted() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("通知.md"));
    let mut c = Client::start();
    c.initialize(None);
    c.open(
        &uri,
        "markdown",
        7,
        &format!("# 通知\n\n会议定于{DATE}召开。\n"),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(7))), ["D001"]);
    // Other languages are not linted: a code action there has nothing.
    let other = file_uri(&dir.path().join("main.rs"));
    c.open(&other, "rust", 1, DATE);
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": other}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(r, json!([]));
    // Nor is a configuration file, which an editor without a TOML mode
    // opens as plain text.
    let config = file_uri(&dir.path().join("gwlint.toml"));
    // (Linted, its 发文字号 would have a quick fix.)
    c.open(&config, "plaintext", 1, &format!("# 依据{DOCNUM}\n"));
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": config}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 20}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(r, json!([]));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn malformed_input_is_answered_and_the_server_survives() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut c = Client::start();

    // Before initialize: a request gets ServerNotInitialized.
    let id = c.request("textDocument/codeAction", json!({}));
    assert_eq!(c.response(json!(id))["error"]["code"], -32002);
    c.initialize(None);

    // Bad JSON: a parse error with id null.
    let body = "{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    c.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    let r = c.response(Value::Null);
    assert_eq!(r["error"]["code"], -32700, "{r}");

    // Valid JSON that is not a message.
    c.send(&json!({"jsonrpc": "2.0", "id": 41}));
    assert_eq!(c.response(json!(41))["error"]["code"], -32600);

    // Unknown method.
    let id = c.request("gwlint/doesNotExist", json!({}));
    assert_eq!(c.response(json!(id))["error"]["code"], -32601);

    // Request for a document never opened.
    let never = file_uri(&dir.path().join("never.txt"));
    let id = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": never}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(c.response(json!(id))["error"]["code"].is_i64());

    // Parameters of the wrong shape.
    let id = c.request("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(c.response(json!(id))["error"]["code"], -32602);

    // Notifications about unknown documents and with bad parameters are
    // ignored; unknown notifications too.
    c.change(&never, 2, json!([{"text": "x"}]));
    c.notify("textDocument/didOpen", json!({"textDocument": "nonsense"}));
    c.notify("gwlint/unknownNotification", json!(null));
    // A position far past the end of the document is clamped.
    c.open(&uri, "plaintext", 1, "开头。\n");
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 99, "character": 99}}, "text": DATE}]),
    );

    // The server still works.
    assert_eq!(codes(&c.diagnostics(&uri, Some(2))), ["D001"]);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_without_shutdown_is_1() {
    let mut c = Client::start();
    c.initialize(None);
    assert_eq!(c.call("shutdown", Value::Null), Value::Null);
    let id = c.request("textDocument/codeAction", json!({}));
    assert_eq!(c.response(json!(id))["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait(), 0);

    let mut c = Client::start();
    c.initialize(None);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait(), 1);
}

#[test]
fn configuration_is_reloaded_when_it_changes() {
    let dir = workspace();
    let config = dir.path().join("gwlint.toml");
    std::fs::write(&config, "ignore = [\"D001\"]\n").unwrap();
    let uri = file_uri(&dir.path().join("报告.txt"));
    let mut c = Client::start();
    c.initialize(None);
    let text = format!("{DATE}，（{DOCNUM}）\n");
    c.open(&uri, "plaintext", 1, &text);
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["N001"]);

    // The client reports the changed file.
    std::fs::write(&config, "").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["D001", "N001"]);

    // The user saves gwlint.toml in the editor.
    std::fs::write(&config, "ignore = [\"N001\"]\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["D001"]);

    // A broken configuration is reported on the document, not a crash.
    std::fs::write(&config, "ignore = [\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    let diags = c.diagnostics(&uri, Some(1));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0]["message"].as_str().unwrap().contains("配置错误"),
        "{diags:?}"
    );
    assert_eq!(
        diags[0]["relatedInformation"][0]["location"]["uri"],
        file_uri(&config)
    );
    std::fs::write(&config, "").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["D001", "N001"]);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn the_latest_version_wins() {
    // Many changes in a row: whatever is published in between, the last
    // publication is for the last version and matches its text.
    let (_dir, uri, mut c) = opened("");
    for v in 2..=40 {
        let text = if v % 2 == 0 {
            format!("{DATE}\n")
        } else {
            "无误。\n".to_string()
        };
        c.change(&uri, v, json!([{"text": text}]));
    }
    // Version 40 is even: the date is there. Older versions may be
    // published first; none may come after version 40.
    assert_eq!(codes(&c.diagnostics(&uri, Some(40))), ["D001"]);
    let id = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    c.response(json!(id));
    // Everything published after version 40's diagnostics arrived (and
    // before the code action answer) would be in the backlog.
    assert!(
        c.backlog
            .iter()
            .all(|m| m["method"] != "textDocument/publishDiagnostics"),
        "published after the latest version: {:?}",
        c.backlog
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn fix_all_fixes_what_check_fix_fixes_however_many_passes_it_takes() {
    // Restoring the folded marks lets P007 read the range `5%~10%`: a second
    // pass, which `gwlint check --fix` makes and "fix all" must make too.
    let dir = workspace();
    let path = dir.path().join("a.txt");
    let uri = file_uri(&path);
    let text = format!(
        "云溪县人民政府\n{}抽查比例为5%~10%.\n",
        "强化统筹,压实责任:严格考核(试行);落实到位,".repeat(10)
    );
    std::fs::write(&path, &text).unwrap();
    let cli = Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(["check", "--isolated", "--fix", "--quiet"])
        .arg(&path)
        .output()
        .expect("gwlint check --fix");
    assert!(cli.status.code().is_some(), "{cli:?}");
    let want = std::fs::read_to_string(&path).unwrap();
    assert!(want.contains("5%～10%"), "{want}");
    std::fs::write(&path, &text).unwrap();

    let mut c = Client::start();
    c.initialize(None);
    c.open(&uri, "plaintext", 1, &text);
    c.diagnostics(&uri, Some(1));
    let all = c.fix_all(&uri);
    let all = all.as_array().expect("actions");
    assert_eq!(all.len(), 1, "{all:?}");
    let fixed = apply_edits(&text, &edits_of(&all[0], &uri), "utf-16");
    assert_eq!(fixed, want);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_change_with_a_malformed_range_leaves_the_document_as_it_was() {
    let (_dir, uri, mut c) = opened(&format!("第一行\n{DOCNUM}\n"));
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), ["N001"]);
    // Read as a whole-document change, this would leave the text "Z".
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Z"}]),
    );
    // A valid edit after it: inserted at the start of the text the server
    // still holds, the finding moves along its line.
    c.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "按"}]),
    );
    let diags = c.diagnostics(&uri, Some(3));
    assert_eq!(codes(&diags), ["N001"]);
    assert_eq!(range_of(&diags[0]["range"]).0.0, 1);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn many_edits_in_one_change_are_applied_in_order() {
    // Several cursors, last first, as editors send them: each line gets a
    // prefix, and the result is linted as the edited text.
    let lines: Vec<String> = (0..300).map(|i| format!("第{i}行。")).collect();
    let (_dir, uri, mut c) = opened(&(lines.join("\n") + "\n"));
    c.diagnostics(&uri, Some(1));
    let edits: Vec<Value> = (0..300u64)
        .rev()
        .map(|l| json!({"range": {"start": {"line": l, "character": 0}, "end": {"line": l, "character": 0}}, "text": "依据"}))
        .collect();
    c.change(&uri, 2, Value::Array(edits));
    // The last line now cites a document number written wrong: one finding
    // at the line the edits moved it to.
    c.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": 299, "character": 2}, "end": {"line": 299, "character": 2}}, "text": DOCNUM}]),
    );
    let diags = c.diagnostics(&uri, Some(3));
    assert_eq!(codes(&diags), ["N001"]);
    let ((line, ch), _) = range_of(&diags[0]["range"]);
    assert_eq!(line, 299);
    let at = DOCNUM.find('[').unwrap();
    assert_eq!(ch as usize, 2 + units(&DOCNUM[..at], "utf-16"));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_byte_order_mark_is_kept_by_every_fix() {
    // The first line of the web capture is page residue, which P202 fixes by
    // deleting the line from its start: that start is after the mark.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/web-capture.txt");
    let body = std::fs::read_to_string(corpus).unwrap();
    // And a 发文字号 with a safe fix, for "fix all".
    let text = format!("\u{feff}{body}依据{DOCNUM}\n");
    let (_dir, uri, mut c) = opened(&text);
    let diags = c.diagnostics(&uri, Some(1));
    let first = diags
        .iter()
        .find(|d| range_of(&d["range"]).0.0 == 0)
        .expect("a finding on the first line");
    // One UTF-16 unit for the mark.
    assert_eq!(range_of(&first["range"]).0, (0, 1));
    for only in [json!(["quickfix"]), json!(["source.fixAll"])] {
        let actions = c.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": first["range"], "context": {"diagnostics": [first], "only": only}}),
        );
        let actions = actions.as_array().expect("actions");
        assert!(!actions.is_empty(), "{only}");
        for a in actions {
            let fixed = apply_edits(&text, &edits_of(a, &uri), "utf-16");
            assert!(fixed.starts_with('\u{feff}'), "{only}: {a}");
            assert_ne!(fixed, text);
        }
    }
    assert_eq!(c.shutdown(), 0);
}

/// An `untitled:` document has no path of its own: it is linted as if it
/// lay in the workspace's root, with the workspace's `gwlint.toml`, however
/// the client names the root (`workspaceFolders`, `rootUri`, `rootPath`).
#[test]
fn an_untitled_document_gets_the_workspace_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("gwlint.toml"), "ignore = [\"D001\"]\n").unwrap();
    let root = file_uri(dir.path());
    let text = format!("{DATE}召开会议。\n");
    let codes = |params: Value| -> Vec<String> {
        let mut c = Client::start();
        c.call("initialize", params);
        c.notify("initialized", json!({}));
        c.open("untitled:Untitled-1", "plaintext", 1, &text);
        c.diagnostics("untitled:Untitled-1", Some(1))
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let caps = json!({});
    // Without a root the server's working directory (the crate, with no
    // gwlint.toml) is used: the invalid date is reported.
    let none = codes(json!({"processId": null, "rootUri": null, "capabilities": caps}));
    assert!(none.iter().any(|c| c == "D001"), "{none:?}");
    for params in [
        json!({"processId": null, "rootUri": null, "capabilities": caps,
               "workspaceFolders": [{"uri": root, "name": "w"}]}),
        json!({"processId": null, "rootUri": root, "capabilities": caps}),
        json!({"processId": null, "rootUri": null, "rootPath": dir.path(), "capabilities": caps}),
    ] {
        let got = codes(params.clone());
        assert!(!got.iter().any(|c| c == "D001"), "{params}: {got:?}");
    }
}
