//! Diagnostics: what a rule reports, before it is located and rendered.
//!
//! Spans are byte ranges into the decoded UTF-8 text of a document. They are
//! turned into line and column positions only at output time (see
//! [`crate::document::LineIndex`]).

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::document::Span32;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Chinese word used in summaries.
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a fix can be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The replacement is certainly what the author meant (a bracket, a space).
    Safe,
    /// The replacement is the likely reading but must be confirmed.
    Unsafe,
}

/// One replacement of a byte range. Most replacements are fixed marks
/// (`，`, `〔`): they are borrowed, not allocated, so a fix of tens of
/// thousands of folded commas costs one vector. The range is a [`Span32`]
/// (texts are shorter than 4 GiB, see [`crate::source::MAX_TEXT_LEN`]): an
/// edit is 32 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    at: Span32,
    pub replacement: Cow<'static, str>,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<Cow<'static, str>>) -> Self {
        Edit {
            at: range.into(),
            replacement: replacement.into(),
        }
    }
    pub fn delete(range: Range<usize>) -> Self {
        Edit::replace(range, "")
    }
    pub fn insert(at: usize, text: impl Into<Cow<'static, str>>) -> Self {
        Edit::replace(at..at, text)
    }

    /// The byte range it replaces.
    pub fn range(&self) -> Range<usize> {
        self.at.range()
    }

    pub fn set_range(&mut self, r: Range<usize>) {
        self.at = r.into();
    }
}

/// A set of edits that together repair one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Most fix messages are fixed texts: borrowed, not allocated.
    pub message: Cow<'static, str>,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            message: message.into(),
            edits,
        }
    }
    pub fn unsafe_(message: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            message: message.into(),
            edits,
        }
    }
}

/// A secondary location with its own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub range: Range<usize>,
    /// Most labels are fixed texts: borrowed, not allocated.
    pub message: Cow<'static, str>,
}

/// A finding as a rule reports it.
///
/// `code` and `name` are filled in by the engine from the rule that produced
/// it; `severity` is the rule's effective severity unless the rule set
/// `severity` itself for this finding (and the user did not override it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Severity chosen by the rule for this particular finding, if any.
    pub own_severity: Option<Severity>,
    /// Held without spare capacity: a message built with `format!` and
    /// `push_str` may have reserved twice its length.
    pub message: Box<str>,
    pub range: Range<usize>,
    /// Boxed slices, not vectors: no spare capacity, and 16 bytes each
    /// in a finding instead of 24.
    pub labels: Box<[Label]>,
    /// Most notes are fixed texts: borrowed, not allocated.
    pub notes: Box<[Cow<'static, str>]>,
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// A finding at `range` with `message`. Code, name and severity are set
    /// by the engine.
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: "",
            name: "",
            severity: Severity::Warning,
            own_severity: None,
            message: message.into().into_boxed_str(),
            range,
            labels: Box::default(),
            notes: Box::default(),
            fix: None,
        }
    }

    pub fn with_label(
        mut self,
        range: Range<usize>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        push_exact(
            &mut self.labels,
            Label {
                range,
                message: message.into(),
            },
        );
        self
    }

    pub fn with_note(mut self, note: impl Into<Cow<'static, str>>) -> Self {
        push_exact(&mut self.notes, note.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// Report this finding at a severity other than the rule's default.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.own_severity = Some(severity);
        self
    }
}

/// Append `x` to a boxed slice. Most findings carry one label and one
/// note; a `Vec` would reserve room for four, and on a draft with tens of
/// thousands of findings that slack is megabytes.
fn push_exact<T>(b: &mut Box<[T]>, x: T) {
    let mut v = std::mem::take(b).into_vec();
    v.reserve_exact(1);
    v.push(x);
    *b = v.into_boxed_slice();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_is_small_and_keeps_its_range() {
        // P006 may hold an edit for every folded mark of a large document.
        assert!(std::mem::size_of::<Edit>() <= 32);
        let mut e = Edit::replace(3..4, "，");
        assert_eq!(e.range(), 3..4);
        assert!(matches!(e.replacement, Cow::Borrowed("，")));
        e.set_range(5..9);
        assert_eq!(e.range(), 5..9);
        assert_eq!(Edit::insert(7, "人").range(), 7..7);
        assert_eq!(Edit::delete(2..5).replacement, "");
    }

    #[test]
    fn labels_and_notes_keep_their_order() {
        // A finding is one of tens of thousands on a large draft.
        assert!(std::mem::size_of::<Diagnostic>() <= 112);
        let d = Diagnostic::new(0..1, "m")
            .with_label(1..2, "a")
            .with_note("n");
        assert_eq!((d.labels.len(), d.notes.len()), (1, 1));
        let d = d.with_label(2..3, "b").with_label(3..4, "c").with_note("o");
        let ranges: Vec<_> = d.labels.iter().map(|l| l.range.clone()).collect();
        assert_eq!(ranges, vec![1..2, 2..3, 3..4]);
        assert_eq!(&d.notes[..], ["n", "o"]);
    }
}
