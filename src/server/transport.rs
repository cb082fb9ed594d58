//! The stdio transport: Content-Length framing in, lsp-server messages out.
//!
//! lsp-server's own `Connection::stdio()` ends its reader thread (and so the
//! whole server) on the first payload that is not valid JSON-RPC. This
//! reader answers such a payload with a JSON-RPC error instead (`-32700`
//! parse error or `-32600` invalid request, `id: null` when no id can be
//! read) and goes on with the next message. Everything else is lsp-server's
//! [`Connection`] and [`Message`].

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam_channel::unbounded;
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The threads behind [`stdio`].
pub struct IoThreads {
    writer: thread::JoinHandle<()>,
}

impl IoThreads {
    /// Wait until everything sent has been written. Call after the
    /// connection (and every clone of its sender) is dropped.
    pub fn finish(self) {
        let _ = self.writer.join();
    }
}

/// A connection over this process's stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    let out: Arc<Mutex<io::Stdout>> = Arc::new(Mutex::new(io::stdout()));
    let (to_writer, from_server) = unbounded::<Message>();
    let (to_server, from_reader) = unbounded::<Message>();

    let w_out = out.clone();
    let writer = thread::Builder::new()
        .name("gwlint-lsp-writer".into())
        .spawn(move || {
            for msg in from_server {
                let Ok(mut lock) = w_out.lock() else { return };
                if msg.write(&mut *lock).is_err() {
                    return;
                }
            }
        })
        .expect("spawn writer thread");

    // The reader is never joined: after `exit` the process ends, and a
    // blocked read of stdin must not hold it up.
    thread::Builder::new()
        .name("gwlint-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            read_loop(&mut input, &to_server, &|v: Value| {
                if let Ok(mut lock) = out.lock() {
                    let _ = write_frame(&mut *lock, &v);
                }
            });
        })
        .expect("spawn reader thread");

    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        IoThreads { writer },
    )
}

/// Read framed messages until end of input, `exit`, or the server hanging
/// up. Malformed payloads are answered through `reply` (raw JSON, because
/// lsp-server cannot express `id: null`).
pub(crate) fn read_loop(
    input: &mut dyn BufRead,
    to_server: &crossbeam_channel::Sender<Message>,
    reply: &dyn Fn(Value),
) {
    loop {
        let body = match read_frame(input) {
            Ok(Frame::Eof) | Err(_) => return,
            Ok(Frame::BadHeader(why)) => {
                reply(error(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("bad message header: {why}"),
                ));
                continue;
            }
            Ok(Frame::Body(b)) => b,
        };
        let value: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                reply(error(
                    Value::Null,
                    ErrorCode::ParseError,
                    &format!("invalid JSON: {e}"),
                ));
                continue;
            }
        };
        let id = value
            .get("id")
            .filter(|id| id.is_i64() || id.is_string())
            .cloned()
            .unwrap_or(Value::Null);
        // A request whose id is neither an integer nor a string (`null`,
        // `1.5`) would be read as a notification and never answered: LSP
        // allows only those two, and JSON-RPC answers an id it cannot read
        // with `null`.
        if value.get("method").is_some()
            && value
                .get("id")
                .is_some_and(|i| !(i.is_i64() || i.is_string()))
        {
            reply(error(
                Value::Null,
                ErrorCode::InvalidRequest,
                "a request's id must be an integer or a string",
            ));
            continue;
        }
        let msg = match serde_json::from_value::<Message>(value) {
            Ok(m) => m,
            Err(e) => {
                reply(error(
                    id,
                    ErrorCode::InvalidRequest,
                    &format!("not a JSON-RPC request, response or notification: {e}"),
                ));
                continue;
            }
        };
        let is_exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
        if to_server.send(msg).is_err() || is_exit {
            return;
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    BadHeader(String),
    Eof,
}

/// Headers are limited in size so that garbage without line ends cannot
/// exhaust memory; bodies are read incrementally, so a wrong
/// Content-Length cannot allocate more than what actually arrives.
const MAX_HEADER_LINE: u64 = 8 * 1024;

fn read_frame<R: BufRead + ?Sized>(input: &mut R) -> io::Result<Frame> {
    let mut length: Option<Result<u64, String>> = None;
    let mut seen_any = false;
    let mut bad: Option<String> = None;
    loop {
        let mut line = Vec::new();
        let n = (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(if seen_any {
                Frame::BadHeader("input ended inside the header".into())
            } else {
                Frame::Eof
            });
        }
        seen_any = true;
        if !line.ends_with(b"\n") {
            bad.get_or_insert_with(|| "header line too long".into());
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<u64>()
                        .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
                );
            }
            Some(_) => {}
            None => {
                bad.get_or_insert_with(|| format!("not a header: {text:?}"));
            }
        }
    }
    if let Some(why) = bad {
        return Ok(Frame::BadHeader(why));
    }
    let len = match length {
        None => return Ok(Frame::BadHeader("no Content-Length".into())),
        Some(Err(why)) => return Ok(Frame::BadHeader(why)),
        Some(Ok(n)) => n,
    };
    let mut body = Vec::new();
    (&mut *input).take(len).read_to_end(&mut body)?;
    if (body.len() as u64) < len {
        return Ok(Frame::Eof);
    }
    Ok(Frame::Body(body))
}

fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

fn write_frame(w: &mut dyn Write, v: &Value) -> io::Result<()> {
    let text = v.to_string();
    write!(w, "Content-Length: {}\r\n\r\n", text.len())?;
    w.write_all(text.as_bytes())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn run(input: &str) -> (Vec<Message>, Vec<Value>) {
        let (tx, rx) = unbounded();
        let replies = RefCell::new(Vec::new());
        read_loop(&mut input.as_bytes(), &tx, &|v| {
            replies.borrow_mut().push(v)
        });
        drop(tx);
        (rx.iter().collect(), replies.into_inner())
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_payloads_are_answered_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":7}"#),
            frame("[1,2]"),
            "X-Nonsense\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let (msgs, replies) = run(&input);
        assert_eq!(msgs.len(), 1);
        assert!(matches!(&msgs[0], Message::Request(r) if r.method == "shutdown"));
        let codes: Vec<(Value, i64)> = replies
            .iter()
            .map(|r| (r["id"].clone(), r["error"]["code"].as_i64().unwrap()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (Value::Null, -32700),
                (json!(7), -32600),
                (Value::Null, -32600),
                (Value::Null, -32700),
                (Value::Null, -32600),
                (Value::Null, -32600)
            ]
        );
    }

    #[test]
    fn reading_stops_after_exit_and_at_a_truncated_body() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"x"}"#),
        ]
        .concat();
        assert_eq!(run(&input).0.len(), 1);
        let (msgs, replies) = run("Content-Length: 100\r\n\r\n{}");
        assert!(msgs.is_empty() && replies.is_empty());
    }
}
