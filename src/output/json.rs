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

use serde::{Serialize, Serializer};

use super::{Located, Span};
use crate::diagnostic::{Applicability, Edit, Severity};

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub path: &'a str,
    pub range: Span,
    pub labels: Labels<'a>,
    pub notes: &'a [crate::diagnostic::Text],
    pub fix: Option<JsonFix<'a>>,
}

/// A finding's labels, serialized straight from the diagnostic and its
/// resolved spans (no intermediate vector).
pub struct Labels<'a>(Located<'a>);

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        s.collect_seq(
            l.diag
                .labels
                .iter()
                .zip(l.label_spans())
                .map(|(lab, range)| JsonLabel {
                    message: &lab.message,
                    range,
                }),
        )
    }
}

#[derive(Serialize)]
pub struct JsonLabel<'a> {
    pub message: &'a str,
    pub range: Span,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub applicability: Applicability,
    pub message: &'a str,
    pub edits: Edits<'a>,
}

/// A fix's edits, serialized one by one: a fix that rewrites every folded
/// mark of a document may hold tens of thousands of them.
pub struct Edits<'a>(&'a [Edit], Located<'a>);

impl Serialize for Edits<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.0
                .iter()
                .zip(self.1.edit_spans())
                .map(|(e, span)| JsonEdit {
                    range: span,
                    replacement: &e.replacement,
                }),
        )
    }
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub range: Span,
    pub replacement: &'a str,
}

impl<'a> JsonFinding<'a> {
    pub fn new(path: &'a str, l: Located<'a>) -> Self {
        let d = l.diag;
        JsonFinding {
            code: d.code(),
            name: d.name(),
            severity: d.severity,
            message: &d.message,
            path,
            range: l.span(),
            labels: Labels(l),
            notes: &d.notes,
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                message: &f.message,
                edits: Edits(&f.edits, l),
            }),
        }
    }
}

/// Write one finding as a compact JSON object (no trailing newline) straight
/// to `w`: the output of a large file is never held as one string.
pub fn write_json<W: std::io::Write>(w: W, path: &str, l: Located<'_>) -> std::io::Result<()> {
    serde_json::to_writer(w, &JsonFinding::new(path, l)).map_err(std::io::Error::from)
}
