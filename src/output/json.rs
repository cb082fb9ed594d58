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

use std::cell::RefCell;
use std::io::{self, Write};

use super::{Located, Span};
use crate::diagnostic::{Applicability, Severity};

/// Write one finding as a compact JSON object (no trailing newline) to `w`.
///
/// The object's shape is fixed, so its keys, brackets and numbers are
/// written as they are; a string that comes from a finding (code, name,
/// message, path, labels, notes, replacements) is written between quotes
/// as it is when JSON escapes none of its bytes, else by `serde_json`. The
/// pieces are put together in a buffer of the thread's (`Out`) and handed
/// to `w` a few kilobytes at a time: a fix edit is a handful of copies of
/// known length and six numbers written in place, where writing each piece
/// to `w` cost a call and a copy of unknown length (the JSON writing was the
/// largest cost after the rules on drafts whose folded-punctuation finding
/// carries hundreds of edits). The output of a large file is still never
/// held as one string. The test `the_writer_matches_serde` holds it to the
/// output of the derived serializer, byte for byte.
// Never inlined: its callers are large, and inlined into one of them it lost
// the inlining of its own small steps (a few percent of a run, measured).
#[inline(never)]
pub fn write_json<W: Write>(w: W, path: &str, l: Located<'_>) -> io::Result<()> {
    BUF.with_borrow_mut(|buf| {
        buf.len = 0;
        let mut out = Out { w, buf };
        finding(&mut out, path, l)?;
        out.flush()
    })
}

fn finding<W: Write>(out: &mut Out<'_, W>, path: &str, l: Located<'_>) -> io::Result<()> {
    let d = l.diag;
    out.put(b"{\"code\":")?;
    out.string(d.code())?;
    out.put(b",\"name\":")?;
    out.string(d.name())?;
    out.put(match d.severity {
        Severity::Info => b",\"severity\":\"info\",\"message\":",
        Severity::Warning => b",\"severity\":\"warning\",\"message\":",
        Severity::Error => b",\"severity\":\"error\",\"message\":",
    })?;
    out.string(&d.message)?;
    out.put(b",\"path\":")?;
    out.string(path)?;
    out.put(b",\"range\":")?;
    out.span(l.span())?;
    out.put(b",\"labels\":[")?;
    for (k, (lab, range)) in d.labels.iter().zip(l.label_spans()).enumerate() {
        out.put(if k > 0 {
            b",{\"message\":"
        } else {
            b"{\"message\":"
        })?;
        out.string(&lab.message)?;
        out.put(b",\"range\":")?;
        out.span(range)?;
        out.put(b"}")?;
    }
    out.put(b"],\"notes\":[")?;
    for (k, note) in d.notes.iter().enumerate() {
        if k > 0 {
            out.put(b",")?;
        }
        out.string(note)?;
    }
    let Some(f) = &d.fix else {
        return out.put(b"],\"fix\":null}");
    };
    out.put(match f.applicability {
        Applicability::Safe => b"],\"fix\":{\"applicability\":\"safe\",\"message\":",
        Applicability::Unsafe => b"],\"fix\":{\"applicability\":\"unsafe\",\"message\":",
    })?;
    out.string(&f.message)?;
    out.put(b",\"edits\":[")?;
    for (k, (e, range)) in f.edits.iter().zip(l.edit_spans()).enumerate() {
        edit(out, k, range, &e.replacement)?;
    }
    out.put(b"]}}")
}

/// Item `k` of a fix's edits, `{"range":{…},"replacement":"…"}` with a comma
/// before all but the first (a folded document's fix holds one for each of
/// its hundreds of thousands of marks). Room is made once for all of it
/// when the replacement is short, which nearly every one is.
#[inline(always)]
fn edit<W: Write>(
    out: &mut Out<'_, W>,
    k: usize,
    range: Span,
    replacement: &str,
) -> io::Result<()> {
    const ROOM: usize = 10 + SPAN_ROOM + 15 + SHORT_ROOM + 1;
    let mut done = false;
    out.with_room(ROOM, |c| {
        c.put(if k > 0 {
            b",{\"range\":"
        } else {
            b"{\"range\":"
        });
        c.span(range);
        c.put(b",\"replacement\":");
        if c.short_string(replacement) {
            c.put(b"}");
            done = true;
        }
    })?;
    if !done {
        out.string(replacement)?;
        out.put(b"}")?;
    }
    Ok(())
}

/// The size of [`Out`]'s buffer: a few kilobytes, so that a write to the
/// destination is seldom and its copy stays small.
const BUF_LEN: usize = 8 << 10;

thread_local! {
    /// [`Out`]'s buffer, one a thread and reused: one on the stack would be
    /// zeroed for every finding.
    static BUF: RefCell<Buf> = const {
        RefCell::new(Buf {
            bytes: [0; BUF_LEN],
            len: 0,
        })
    };
}

/// The bytes of a finding not yet handed to the writer, and how many.
struct Buf {
    bytes: [u8; BUF_LEN],
    len: usize,
}

/// A writer and its buffer: the pieces of a finding are copied into the
/// buffer and handed to `w` when it is full and at the end of the finding.
struct Out<'b, W> {
    w: W,
    buf: &'b mut Buf,
}

impl<W: Write> Out<'_, W> {
    /// Hand what the buffer holds to the writer.
    #[cold]
    fn flush(&mut self) -> io::Result<()> {
        let r = self.w.write_all(&self.buf.bytes[..self.buf.len]);
        self.buf.len = 0;
        r
    }

    /// Room for `n` more bytes in the buffer (`n` at most [`BUF_LEN`]).
    // Inlined, so that the test is an add and a compare before the copies
    // of known length that follow it.
    #[inline(always)]
    fn room(&mut self, n: usize) -> io::Result<()> {
        if self.buf.len + n > BUF_LEN {
            self.flush()?;
        }
        Ok(())
    }

    /// Room for `n` bytes, then `f` writes at most `n` through a
    /// [`Cursor`].
    #[inline(always)]
    fn with_room(&mut self, n: usize, f: impl FnOnce(&mut Cursor<'_>)) -> io::Result<()> {
        self.room(n)?;
        let mut c = Cursor {
            bytes: &mut self.buf.bytes,
            at: self.buf.len,
        };
        f(&mut c);
        self.buf.len = c.at;
        Ok(())
    }

    /// Bytes of at most [`BUF_LEN`], through the buffer.
    #[inline(always)]
    fn put(&mut self, b: &[u8]) -> io::Result<()> {
        self.with_room(b.len(), |c| c.put(b))
    }

    /// A JSON string, quoted and escaped as `serde_json` does it.
    ///
    /// JSON escapes only the control characters, `"` and `\\`; a string
    /// without them (nearly every one) is written between quotes as it is,
    /// which is what `serde_json` would write. The test for them
    /// ([`needs_escape`]) is branch-free SIMD, where `serde_json` looks each
    /// byte up in a table: a fix with thousands of edits has thousands of
    /// replacements to write.
    fn string(&mut self, s: &str) -> io::Result<()> {
        if s.len() <= SHORT {
            let mut done = false;
            self.with_room(SHORT_ROOM, |c| done = c.short_string(s))?;
            if done {
                return Ok(());
            }
        } else if !needs_escape(s) && s.len() + 2 <= BUF_LEN {
            self.put(b"\"")?;
            self.put(s.as_bytes())?;
            return self.put(b"\"");
        }
        self.flush()?;
        serde_json::to_writer(&mut self.w, s).map_err(io::Error::from)
    }

    /// A range as `{"start":{…},"end":{…}}`.
    #[inline(always)]
    fn span(&mut self, s: Span) -> io::Result<()> {
        self.with_room(SPAN_ROOM, |c| c.span(s))
    }

    #[cfg(test)]
    fn number(&mut self, n: usize) -> io::Result<()> {
        self.with_room(NUMBER_ROOM, |c| c.number(n))
    }
}

/// The bytes a number takes in a [`Cursor`]: `usize::MAX` has 20 digits.
const NUMBER_ROOM: usize = 20;
/// The bytes a range takes: six numbers and 75 bytes of keys and brackets.
const SPAN_ROOM: usize = 6 * NUMBER_ROOM + 75;
/// The longest string written a byte at a time (see [`Cursor::short_string`]).
const SHORT: usize = 16;
/// The bytes a short string takes, quoted.
const SHORT_ROOM: usize = SHORT + 2;

/// A place in [`Out`]'s buffer, for writing pieces it has made room for.
/// The place is a local of the writing function, kept in a register, where
/// the length in the buffer's struct was loaded and stored again around
/// every copy (the compiler cannot tell that a copy into the bytes leaves
/// it as it was). Writing past the room made panics.
struct Cursor<'b> {
    bytes: &'b mut [u8; BUF_LEN],
    at: usize,
}

impl Cursor<'_> {
    #[inline(always)]
    fn put(&mut self, b: &[u8]) {
        self.bytes[self.at..self.at + b.len()].copy_from_slice(b);
        self.at += b.len();
    }

    /// A number in decimal, in [`NUMBER_ROOM`] bytes. Its digits are put
    /// together four at a time at the end of 20 bytes on the stack (as
    /// `itoa` does), and those 20 bytes are copied from the first digit on:
    /// a copy of a known length, where copying the digits alone is a call to
    /// `memcpy` (what lies past the number is written over by what follows
    /// it).
    #[inline(always)]
    fn number(&mut self, mut n: usize) {
        const PAIRS: &[u8; 200] = b"\
            0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut digits = [0u8; 2 * NUMBER_ROOM];
        let mut first = NUMBER_ROOM;
        while n >= 10_000 {
            let four = n % 10_000;
            n /= 10_000;
            let (high, low) = (four / 100 * 2, four % 100 * 2);
            first -= 4;
            digits[first..first + 2].copy_from_slice(&PAIRS[high..high + 2]);
            digits[first + 2..first + 4].copy_from_slice(&PAIRS[low..low + 2]);
        }
        if n >= 100 {
            let pair = n % 100 * 2;
            n /= 100;
            first -= 2;
            digits[first..first + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            first -= 2;
            digits[first..first + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
        } else {
            first -= 1;
            digits[first] = b'0' + n as u8;
        }
        self.bytes[self.at..self.at + NUMBER_ROOM]
            .copy_from_slice(&digits[first..first + NUMBER_ROOM]);
        self.at += NUMBER_ROOM - first;
    }

    /// A string of at most [`SHORT`] bytes that JSON does not escape,
    /// quoted, in [`SHORT_ROOM`] bytes; false (and nothing written) for
    /// any other. Most strings are a replacement of a character or two:
    /// copied a byte at a time as they are checked, they cost less than the
    /// setting up of the SIMD test and of a `memcpy`.
    #[inline(always)]
    fn short_string(&mut self, s: &str) -> bool {
        if s.len() > SHORT {
            return false;
        }
        let quoted = &mut self.bytes[self.at..self.at + SHORT_ROOM];
        quoted[0] = b'"';
        let mut any = false;
        for (to, &b) in quoted[1..].iter_mut().zip(s.as_bytes()) {
            *to = b;
            any |= escaped(b);
        }
        if any {
            return false;
        }
        quoted[s.len() + 1] = b'"';
        self.at += s.len() + 2;
        true
    }

    /// A range as `{"start":{…},"end":{…}}`, in [`SPAN_ROOM`] bytes.
    #[inline(always)]
    fn span(&mut self, s: Span) {
        self.put(b"{\"start\":{\"line\":");
        self.number(s.start.line);
        self.put(b",\"column\":");
        self.number(s.start.column);
        self.put(b",\"offset\":");
        self.number(s.start.offset);
        self.put(b"},\"end\":{\"line\":");
        self.number(s.end.line);
        self.put(b",\"column\":");
        self.number(s.end.column);
        self.put(b",\"offset\":");
        self.number(s.end.offset);
        self.put(b"}}");
    }
}

/// Whether JSON escapes any byte of `s`: a control character, `"` or `\\`
/// (a branch-free fold, which the compiler turns into SIMD).
fn needs_escape(s: &str) -> bool {
    s.bytes().fold(false, |any, b| any | escaped(b))
}

/// Whether JSON escapes the byte `b` (branch-free).
#[inline(always)]
fn escaped(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
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

    /// What `f` writes through an [`Out`] whose buffer already holds
    /// `fill` bytes (`x`), as a string.
    fn through_out(
        fill: usize,
        f: impl FnOnce(&mut Out<'_, &mut Vec<u8>>) -> io::Result<()>,
    ) -> String {
        let mut got = Vec::new();
        let mut buf = Buf {
            bytes: [b'x'; BUF_LEN],
            len: fill,
        };
        let mut out = Out {
            w: &mut got,
            buf: &mut buf,
        };
        f(&mut out).expect("write");
        out.flush().expect("flush");
        String::from_utf8(got).expect("utf-8")
    }

    /// An edit is written as serde writes it: short or longer than the
    /// buffer, with escapes or without, first or after a comma, in a buffer
    /// with room for it or without (it is handed on midway); the largest
    /// numbers fit.
    #[test]
    fn edits_are_written_as_serde_writes_them() {
        use crate::document::Position;
        let at = |n: usize| Position {
            line: n,
            column: n,
            offset: n,
        };
        let long = "长".repeat(BUF_LEN / 3 + 1);
        let exact = "a".repeat(BUF_LEN - 2);
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
                    for fill in [0, 1, BUF_LEN - 70, BUF_LEN - 9, BUF_LEN - 1, BUF_LEN] {
                        let got = through_out(fill, |out| edit(out, k, range, replacement));
                        let mut want = "x".repeat(fill);
                        if k > 0 {
                            want.push(',');
                        }
                        want += &serde_json::to_string(&JsonEdit { range, replacement })
                            .expect("serde");
                        assert_eq!(got, want, "{replacement:?} {k} {fill}");
                    }
                }
            }
        }
    }

    /// Numbers are written as `to_string` writes them, whatever their
    /// number of digits.
    #[test]
    fn numbers_are_written_as_to_string_writes_them() {
        let mut ns = vec![0, usize::MAX];
        for p in (0..20).map(|e| 10usize.pow(e)) {
            ns.extend([p - 1, p, p + 1, p.saturating_mul(5)]);
        }
        for n in ns {
            assert_eq!(through_out(0, |out| out.number(n)), n.to_string());
            let got = through_out(BUF_LEN - 3, |out| out.number(n));
            assert_eq!(got, "x".repeat(BUF_LEN - 3) + &n.to_string());
        }
    }

    fn written(path: &str, l: Located<'_>) -> String {
        let mut buf = Vec::new();
        write_json(&mut buf, path, l).expect("write");
        String::from_utf8(buf).expect("utf-8")
    }

    /// `string` writes what `serde_json` writes: every ASCII character
    /// alone and inside Chinese text, and lengths on both sides of the
    /// buffer's.
    #[test]
    fn strings_are_written_as_serde_writes_them() {
        let mut texts: Vec<String> = (0u8..=0x7F)
            .map(|b| char::from(b).to_string())
            .flat_map(|c| [c.clone(), format!("中{c}文"), format!("，{c}")])
            .collect();
        for n in (0..5).map(|d| BUF_LEN - 4 + d) {
            texts.push("x".repeat(n));
            texts.push(format!("{}\"", "y".repeat(n)));
        }
        texts.push("办结率为97.5%（3334÷3426）".repeat(9));
        for t in &texts {
            assert_eq!(
                through_out(0, |out| out.string(t)),
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
