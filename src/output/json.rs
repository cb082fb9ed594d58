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

use serde::Serialize;

use super::{Located, Span};
use crate::diagnostic::{Applicability, Severity};

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub severity: Severity,
    pub message: &'a str,
    pub path: &'a str,
    pub range: Span,
    pub labels: Vec<JsonLabel<'a>>,
    pub notes: &'a [String],
    pub fix: Option<JsonFix<'a>>,
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
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub range: Span,
    pub replacement: &'a str,
}

impl<'a> JsonFinding<'a> {
    pub fn new(path: &'a str, l: &'a Located) -> Self {
        let d = &l.diag;
        JsonFinding {
            code: d.code,
            name: d.name,
            severity: d.severity,
            message: &d.message,
            path,
            range: l.span,
            labels: d
                .labels
                .iter()
                .zip(&l.labels)
                .map(|(lab, span)| JsonLabel {
                    message: &lab.message,
                    range: *span,
                })
                .collect(),
            notes: &d.notes,
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: f.applicability,
                message: &f.message,
                edits: f
                    .edits
                    .iter()
                    .zip(&l.edits)
                    .map(|(e, span)| JsonEdit {
                        range: *span,
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
        }
    }
}

/// One finding as a compact JSON object (no trailing newline).
pub fn to_json(path: &str, l: &Located) -> String {
    serde_json::to_string(&JsonFinding::new(path, l)).unwrap_or_default()
}
