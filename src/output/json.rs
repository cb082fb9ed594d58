//! The JSON contract: one object per finding, stable field names.
//!
//! ```json
//! {"code": "A101", "name": "rate-mismatch", "severity": "error", "message": "…",
//!  "path": "corpus/report.txt",
//!  "range": {"start": {"line": 12, "column": 5, "offset": 340}, "end": {…}},
//!  "labels": [{"message": "…", "range": {…}}],
//!  "notes": ["3334 ÷ 3426 = 97.31%"],
//!  "fix": null}
//! ```
//! `line` and `column` are 1-based; `column` counts Unicode scalar values;
//! `offset` is the byte offset in the decoded UTF-8 text.

use std::io::{self, Write};

use super::{Located, Span};
use crate::diagnostic::{Applicability, Severity};

/// Write one finding as a compact JSON object (no trailing newline) straight
/// to `w`: the output of a large file is never held as one string.
///
/// The object's shape is fixed, so its keys, brackets and numbers are
/// written as they are; every string that comes from a finding (code, name,
/// message, path, labels, notes, replacements) is escaped by `serde_json`.
/// Written this way a fix edit costs a few copies and three number
/// conversions, where a derived `Serialize` escaped each of its nine keys
/// one byte at a time (the JSON writing was a quarter of the run on web
/// captures, whose one folded-punctuation finding carries hundreds of
/// edits). The test `the_writer_matches_serde` holds it to the output of the
/// derived serializer, byte for byte.
// Never inlined: its callers are large, and inlined into one of them it lost
// the inlining of its own small steps (a few percent of a run, measured).
#[inline(never)]
pub fn write_json<W: Write>(mut w: W, path: &str, l: Located<'_>) -> io::Result<()> {
    let d = l.diag;
    w.write_all(b"{\"code\":")?;
    string(&mut w, d.code())?;
    w.write_all(b",\"name\":")?;
    string(&mut w, d.name())?;
    w.write_all(match d.severity {
        Severity::Info => b",\"severity\":\"info\",\"message\":",
        Severity::Warning => b",\"severity\":\"warning\",\"message\":",
        Severity::Error => b",\"severity\":\"error\",\"message\":",
    })?;
    string(&mut w, &d.message)?;
    w.write_all(b",\"path\":")?;
    string(&mut w, path)?;
    w.write_all(b",\"range\":")?;
    span(&mut w, l.span())?;
    w.write_all(b",\"labels\":[")?;
    for (k, (lab, range)) in d.labels.iter().zip(l.label_spans()).enumerate() {
        open_item(&mut w, k, b"{\"message\":")?;
        string(&mut w, &lab.message)?;
        w.write_all(b",\"range\":")?;
        span(&mut w, range)?;
        w.write_all(b"}")?;
    }
    w.write_all(b"],\"notes\":[")?;
    for (k, note) in d.notes.iter().enumerate() {
        if k > 0 {
            w.write_all(b",")?;
        }
        string(&mut w, note)?;
    }
    let Some(f) = &d.fix else {
        return w.write_all(b"],\"fix\":null}");
    };
    w.write_all(match f.applicability {
        Applicability::Safe => b"],\"fix\":{\"applicability\":\"safe\",\"message\":",
        Applicability::Unsafe => b"],\"fix\":{\"applicability\":\"unsafe\",\"message\":",
    })?;
    string(&mut w, &f.message)?;
    w.write_all(b",\"edits\":[")?;
    for (k, (e, range)) in f.edits.iter().zip(l.edit_spans()).enumerate() {
        edit(&mut w, k, range, &e.replacement)?;
    }
    w.write_all(b"]}}")
}

/// Item `k` of a fix's edits, `{"range":{…},"replacement":"…"}` with a comma
/// before all but the first: put together on the stack and written at once
/// when the replacement has nothing to escape and is short (nearly every
/// edit: a folded document's fix holds one for each of its hundreds of
/// thousands of marks), else written piece by piece.
fn edit<W: Write>(w: &mut W, k: usize, range: Span, replacement: &str) -> io::Result<()> {
    let mut c = Chunk::new();
    if k > 0 {
        c.put(b",");
    }
    c.put(b"{\"range\":");
    c.span(range);
    c.put(b",\"replacement\":");
    if !needs_escape(replacement) && replacement.len() <= Chunk::ROOM_FOR_TEXT {
        c.put(b"\"");
        c.put(replacement.as_bytes());
        c.put(b"\"}");
        return w.write_all(c.bytes());
    }
    w.write_all(c.bytes())?;
    string(w, replacement)?;
    w.write_all(b"}")
}

/// The opening of item `k` of an array of objects: a comma before all but
/// the first, then `{` and the first key.
fn open_item<W: Write>(w: &mut W, k: usize, opening: &[u8]) -> io::Result<()> {
    if k > 0 {
        w.write_all(b",")?;
    }
    w.write_all(opening)
}

/// A JSON string, quoted and escaped by `serde_json`.
///
/// JSON escapes only the control characters, `"` and `\\`; a string without
/// them (nearly every one) is written between quotes as it is, which is what
/// `serde_json` would write. The test for them ([`needs_escape`]) is
/// branch-free SIMD, where `serde_json` looks each byte up in a table: a
/// fix with thousands of edits has thousands of replacements to write.
fn string<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    if needs_escape(s) {
        return serde_json::to_writer(w, s).map_err(io::Error::from);
    }
    // A short string is quoted on the stack and written at once.
    let mut buf = [b'"'; 64];
    if s.len() + 2 <= buf.len() {
        buf[1..=s.len()].copy_from_slice(s.as_bytes());
        return w.write_all(&buf[..s.len() + 2]);
    }
    w.write_all(b"\"")?;
    w.write_all(s.as_bytes())?;
    w.write_all(b"\"")
}

/// Whether JSON escapes any byte of `s`: a control character, `"` or `\\`
/// (a branch-free fold, which the compiler turns into SIMD).
fn needs_escape(s: &str) -> bool {
    s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// A range as `{"start":{…},"end":{…}}`, put together on the stack and
/// written at once (a fix may hold tens of thousands of them).
fn span<W: Write>(w: &mut W, s: Span) -> io::Result<()> {
    let mut c = Chunk::new();
    c.span(s);
    w.write_all(c.bytes())
}

/// A few hundred bytes of JSON put together on the stack, to be written
/// with one call: a range, or an edit with its range and a short
/// replacement.
struct Chunk {
    buf: [u8; Chunk::CAPACITY],
    len: usize,
}

impl Chunk {
    /// Room for a range (six numbers of at most 20 digits and 75 bytes of
    /// keys and brackets), an edit's keys and brackets (32 bytes), and a
    /// replacement of up to [`Chunk::ROOM_FOR_TEXT`] bytes.
    const CAPACITY: usize = 6 * 20 + 75 + 32 + Chunk::ROOM_FOR_TEXT;
    const ROOM_FOR_TEXT: usize = 64;

    fn new() -> Self {
        Chunk {
            buf: [0; Chunk::CAPACITY],
            len: 0,
        }
    }

    // Inlined, so that a key's copy is a few moves of a known length.
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        self.buf[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
    }

    #[inline(always)]
    fn span(&mut self, s: Span) {
        let mut n = itoa::Buffer::new();
        for (key, p) in [(&b"{\"start\":"[..], s.start), (&b",\"end\":"[..], s.end)] {
            self.put(key);
            self.put(b"{\"line\":");
            self.put(n.format(p.line).as_bytes());
            self.put(b",\"column\":");
            self.put(n.format(p.column).as_bytes());
            self.put(b",\"offset\":");
            self.put(n.format(p.offset).as_bytes());
            self.put(b"}");
        }
        self.put(b"}");
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    //! The contract's reference: the finding as `serde` derives it.
    use serde::Serialize;

    use super::*;
    use crate::diagnostic::Text;

    #[derive(Serialize)]
    struct JsonFinding<'a> {
        code: &'a str,
        name: &'a str,
        severity: Severity,
        message: &'a str,
        path: &'a str,
        range: Span,
        labels: Vec<JsonLabel<'a>>,
        notes: &'a [Text],
        fix: Option<JsonFix<'a>>,
    }

    #[derive(Serialize)]
    struct JsonLabel<'a> {
        message: &'a str,
        range: Span,
    }

    #[derive(Serialize)]
    struct JsonFix<'a> {
        applicability: Applicability,
        message: &'a str,
        edits: Vec<JsonEdit<'a>>,
    }

    #[derive(Serialize)]
    struct JsonEdit<'a> {
        range: Span,
        replacement: &'a str,
    }

    fn reference(path: &str, l: Located<'_>) -> String {
        let d = l.diag;
        let f = JsonFinding {
            code: d.code(),
            name: d.name(),
            severity: d.severity,
            message: &d.message,
            path,
            range: l.span(),
            labels: d
                .labels
                .iter()
                .zip(l.label_spans())
                .map(|(lab, range)| JsonLabel {
                    message: &lab.message,
                    range,
                })
                .collect(),
            notes: &d.notes,
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                message: &f.message,
                edits: f
                    .edits
                    .iter()
                    .zip(l.edit_spans())
                    .map(|(e, range)| JsonEdit {
                        range,
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
        };
        serde_json::to_string(&f).expect("serialize")
    }

    /// An edit is written as serde writes it, on the stack (short, nothing
    /// to escape) or piece by piece (escapes, or longer than the room on
    /// the stack), first or after a comma; the largest numbers fit.
    #[test]
    fn edits_are_written_as_serde_writes_them() {
        use crate::document::Position;
        let at = |n: usize| Position {
            line: n,
            column: n,
            offset: n,
        };
        let long = "长".repeat(Chunk::ROOM_FOR_TEXT / 3 + 1);
        let exact = "a".repeat(Chunk::ROOM_FOR_TEXT);
        for replacement in ["，", "", "\"引号\"", "a\\b\t", &long, &exact] {
            for range in [
                Span {
                    start: at(1),
                    end: at(2),
                },
                Span {
                    start: at(usize::MAX),
                    end: at(usize::MAX),
                },
            ] {
                for k in [0, 1] {
                    let mut got = Vec::new();
                    edit(&mut got, k, range, replacement).expect("write");
                    let mut want = if k > 0 { b",".to_vec() } else { Vec::new() };
                    serde_json::to_writer(&mut want, &JsonEdit { range, replacement })
                        .expect("serde");
                    assert_eq!(
                        String::from_utf8(got).unwrap(),
                        String::from_utf8(want).unwrap(),
                        "{replacement:?} {k}"
                    );
                }
            }
        }
    }

    fn written(path: &str, l: Located<'_>) -> String {
        let mut buf = Vec::new();
        write_json(&mut buf, path, l).expect("write");
        String::from_utf8(buf).expect("utf-8")
    }

    /// `string` writes what `serde_json` writes: every ASCII character
    /// alone and inside Chinese text, and lengths on both sides of the
    /// stack buffer's.
    #[test]
    fn strings_are_written_as_serde_writes_them() {
        let mut texts: Vec<String> = (0u8..=0x7F)
            .map(|b| char::from(b).to_string())
            .flat_map(|c| [c.clone(), format!("中{c}文"), format!("，{c}")])
            .collect();
        for n in 55..70 {
            texts.push("x".repeat(n));
            texts.push(format!("{}\"", "y".repeat(n)));
        }
        texts.push("办结率为97.5%（3334÷3426）".repeat(9));
        for t in &texts {
            let mut ours = Vec::new();
            string(&mut ours, t).expect("write");
            assert_eq!(
                String::from_utf8(ours).expect("utf-8"),
                serde_json::to_string(t).expect("serialize"),
                "{t:?}"
            );
        }
    }

    /// Every finding of the built-in rules on the corpus, the seeds (when
    /// they are there) and texts made to carry characters JSON escapes.
    #[test]
    fn the_writer_matches_serde() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<(String, String)> = Vec::new();
        for dir in [root.join("corpus"), root.join("../shared/seeds")] {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")) {
                    let t = std::fs::read_to_string(&p).expect("read");
                    texts.push((p.display().to_string(), t));
                }
            }
        }
        texts.push((
            "引号\"与\\反斜杠\t.txt".into(),
            "关于\"印发\"的通知\n\u{1}共受理3件,办结2件,办结率为80%。\t\r\n2020-2021年\n".into(),
        ));
        let engine = crate::testing::engine_selecting("ALL");
        let mut seen = 0;
        let mut with_fix = 0;
        for (path, text) in &texts {
            let r = engine.lint(std::path::Path::new(path), text).expect("lint");
            let index = crate::document::LineIndex::new(text);
            let found = super::super::locate(text, &index, r.diagnostics, false);
            for l in found.iter() {
                assert_eq!(written(path, l), reference(path, l), "{path}");
                seen += 1;
                with_fix += usize::from(l.diag.fix.is_some());
            }
        }
        assert!(
            seen > 50 && with_fix > 10,
            "{seen} findings, {with_fix} with a fix"
        );
    }
}
