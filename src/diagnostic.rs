//! Diagnostics: what a rule reports, before it is located and rendered.
//!
//! Spans are byte ranges into the decoded UTF-8 text of a document. They are
//! turned into line and column positions only at output time (see
//! [`crate::document::LineIndex`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

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

/// The text of a label or a note: a fixed text of the program (borrowed, not
/// allocated) or one a rule wrote, which the findings of a document that
/// repeat it share (see [`Findings`]).
#[derive(Clone)]
pub enum Text {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (**self).hash(h)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text::Static(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Shared(s.into())
    }
}

impl From<Cow<'static, str>> for Text {
    fn from(s: Cow<'static, str>) -> Text {
        match s {
            Cow::Borrowed(s) => Text::Static(s),
            Cow::Owned(s) => s.into(),
        }
    }
}

/// A secondary location with its own message. Its range is a [`Span32`],
/// read through [`Label::range`]: a label is 32 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    at: Span32,
    pub message: Text,
}

impl Label {
    pub fn range(&self) -> Range<usize> {
        self.at.range()
    }

    pub fn set_range(&mut self, r: Range<usize>) {
        self.at = r.into();
    }
}

/// A rule's code and name as a finding carries them: one reference, where
/// two string slices took 32 bytes of every finding.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct RuleId {
    pub code: &'static str,
    pub name: &'static str,
}

impl RuleId {
    /// What a finding carries before the engine stamps it.
    pub const NONE: RuleId = RuleId { code: "", name: "" };

    /// The one `RuleId` of `code` and `name`. Each pair is allocated once
    /// for the life of the process (rules are few: the built-in ones and
    /// those a configuration defines).
    pub fn of(code: &'static str, name: &'static str) -> &'static RuleId {
        static KNOWN: std::sync::Mutex<Vec<&'static RuleId>> = std::sync::Mutex::new(Vec::new());
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = known.iter().find(|id| id.code == code && id.name == name) {
            return id;
        }
        let id: &'static RuleId = Box::leak(Box::new(RuleId { code, name }));
        known.push(id);
        id
    }
}

/// A finding as a rule reports it.
///
/// `rule` (code and name) is filled in by the engine from the rule that produced
/// it; `severity` is the rule's effective severity unless the rule set
/// `severity` itself for this finding (and the user did not override it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's code and name, one reference for both (read through
    /// [`Diagnostic::code`] and [`Diagnostic::name`]).
    pub rule: &'static RuleId,
    pub severity: Severity,
    /// Severity chosen by the rule for this particular finding, if any.
    pub own_severity: Option<Severity>,
    /// Held without spare capacity (a message built with `format!` and
    /// `push_str` may have reserved twice its length), and shared by the
    /// findings of a document that say the same thing (see [`Findings`]).
    pub message: Arc<str>,
    /// The byte range, as a [`Span32`] (read through [`Diagnostic::range`]).
    at: Span32,
    /// Boxed slices, not vectors: no spare capacity, and 16 bytes each
    /// in a finding instead of 24.
    pub labels: Box<[Label]>,
    /// Most notes are fixed texts: borrowed, not allocated. The list is
    /// shared by the findings of a document that carry the same notes (see
    /// [`Findings`]).
    pub notes: Arc<[Text]>,
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// The byte range it reports.
    pub fn range(&self) -> Range<usize> {
        self.at.range()
    }

    pub fn set_range(&mut self, r: Range<usize>) {
        self.at = r.into();
    }

    /// The rule's code, e.g. `S101`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The rule's name, e.g. `heading-numbering`.
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    /// A finding at `range` with `message`. Code, name and severity are set
    /// by the engine.
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: &RuleId::NONE,
            severity: Severity::Warning,
            own_severity: None,
            message: message.into().into(),
            at: range.into(),
            labels: Box::default(),
            notes: Arc::default(),
            fix: None,
        }
    }

    pub fn with_label(mut self, range: Range<usize>, message: impl Into<Text>) -> Self {
        push_exact(
            &mut self.labels,
            Label {
                at: range.into(),
                message: message.into(),
            },
        );
        self
    }

    pub fn with_note(mut self, note: impl Into<Text>) -> Self {
        self.notes = if self.notes.is_empty() {
            // Most findings have one note: one allocation.
            Arc::from([note.into()])
        } else {
            let mut notes = self.notes.to_vec();
            notes.push(note.into());
            notes.into()
        };
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

/// The findings of one document as its rules report them.
///
/// On a draft with tens of thousands of findings most texts repeat: the same
/// skipped ordinal, the same wrong bracket, the same label. Each text a rule
/// wrote is kept once per document and shared by the findings that repeat
/// it, as they are reported (not after a rule has finished, when every copy
/// would already be held); so is each list of notes.
///
/// The findings are held in chunks of [`Findings::CHUNK`]: a vector grown by
/// doubling would, past a few thousand findings, copy them all each time it
/// grows and hold up to as much room again as it uses.
/// [`Findings::into_vec`] moves them into one vector of exactly their number.
#[derive(Debug, Default)]
pub struct Findings {
    /// Full chunks, of `CHUNK` findings each.
    full: Vec<Vec<Diagnostic>>,
    /// The chunk being filled (grown as a vector up to `CHUNK`, so that a
    /// document with few findings allocates for few).
    cur: Vec<Diagnostic>,
    /// Hashed with foldhash (randomly seeded): with the standard SipHash,
    /// hashing was most of what reporting a finding cost.
    texts: HashSet<Arc<str>, foldhash::fast::RandomState>,
    notes: HashSet<Arc<[Text]>, foldhash::fast::RandomState>,
}

impl Findings {
    /// Findings per chunk (80 KiB).
    pub const CHUNK: usize = 1024;

    pub fn new() -> Self {
        Findings::default()
    }

    /// Report a finding.
    pub fn push(&mut self, mut d: Diagnostic) {
        d.message = self.share(&d.message);
        for l in &mut d.labels {
            self.share_text(&mut l.message);
        }
        if !d.notes.is_empty() {
            if let Some(notes) = Arc::get_mut(&mut d.notes) {
                notes.iter_mut().for_each(|n| self.share_text(n));
            }
            d.notes = match self.notes.get(&*d.notes) {
                Some(kept) => Arc::clone(kept),
                None => {
                    self.notes.insert(Arc::clone(&d.notes));
                    d.notes
                }
            };
        }
        if self.cur.len() == Self::CHUNK {
            let full = std::mem::replace(&mut self.cur, Vec::with_capacity(Self::CHUNK));
            self.full.push(full);
        }
        self.cur.push(d);
    }

    fn share(&mut self, s: &Arc<str>) -> Arc<str> {
        match self.texts.get(&**s) {
            Some(kept) => Arc::clone(kept),
            None => {
                self.texts.insert(Arc::clone(s));
                Arc::clone(s)
            }
        }
    }

    fn share_text(&mut self, t: &mut Text) {
        if let Text::Shared(s) = t {
            *s = self.share(s);
        }
    }

    pub fn len(&self) -> usize {
        self.full.len() * Self::CHUNK + self.cur.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.full.iter().flatten().chain(&self.cur)
    }

    /// The findings from the `from`th on (none when `from` is their number).
    pub fn since_mut(&mut self, from: usize) -> impl Iterator<Item = &mut Diagnostic> {
        // The chunk that holds finding `from`, or the one being filled: it is
        // only moved to `full` by the push after the one that fills it, so
        // with a full `cur`, `from` may be one chunk past `full`.
        let first = (from / Self::CHUNK).min(self.full.len());
        let skip = from - first * Self::CHUNK;
        self.full[first..]
            .iter_mut()
            .flatten()
            .chain(&mut self.cur)
            .skip(skip)
    }

    /// The findings, in the order reported, in a vector of exactly their
    /// number. Each chunk is freed once it is moved.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.gather(|| {})
    }

    /// [`Findings::into_vec`], calling `freed` after each chunk is freed
    /// (the engine hands a large document's freed pages back to the system
    /// there, so that the vector and the chunks are never resident together).
    pub fn gather(self, mut freed: impl FnMut()) -> Vec<Diagnostic> {
        if self.full.is_empty() {
            let mut v = self.cur;
            v.shrink_to_fit();
            return v;
        }
        let mut v = Vec::with_capacity(self.len());
        for chunk in self.full {
            v.extend(chunk);
            freed();
        }
        v.extend(self.cur);
        v
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, it: I) {
        for d in it {
            self.push(d);
        }
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
    fn findings_share_the_texts_they_repeat() {
        let mut f = Findings::new();
        let d = |n: usize| {
            Diagnostic::new(n..n + 1, format!("缺少“{}”", n % 2))
                .with_label(0..1, format!("前一个“{}”", n % 2))
                .with_label(0..1, "上级标题")
                .with_note(format!("注{n}"))
        };
        for n in 0..4 {
            f.push(d(n));
        }
        assert_eq!(f.len(), 4);
        let all = f.into_vec();
        // The texts are unchanged, in order.
        assert_eq!(&*all[2].message, "缺少“0”");
        assert_eq!(all[3].labels[0].message, "前一个“1”");
        assert_eq!(all[3].notes[0], "注3");
        assert_eq!(all[1].range(), 1..2);
        // Equal texts are one allocation; different ones are not.
        let shared = |t: &Text, u: &Text| match (t, u) {
            (Text::Shared(a), Text::Shared(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        assert!(Arc::ptr_eq(&all[0].message, &all[2].message));
        assert!(!Arc::ptr_eq(&all[0].message, &all[1].message));
        assert!(shared(&all[1].labels[0].message, &all[3].labels[0].message));
        assert!(!shared(
            &all[0].labels[0].message,
            &all[1].labels[0].message
        ));
        assert!(!shared(&all[0].notes[0], &all[2].notes[0]));
        // A fixed text stays borrowed.
        assert!(matches!(all[0].labels[1].message, Text::Static("上级标题")));
        // Equal lists of notes are one list.
        let mut f = Findings::new();
        let d = |n: usize| {
            Diagnostic::new(n..n + 1, "m")
                .with_note("应连续编号")
                .with_note(format!("第{}组", n % 2))
        };
        (0..3).for_each(|n| f.push(d(n)));
        f.push(Diagnostic::new(0..1, "m"));
        let all = f.into_vec();
        assert!(Arc::ptr_eq(&all[0].notes, &all[2].notes));
        assert!(!Arc::ptr_eq(&all[0].notes, &all[1].notes));
        assert_eq!(&all[1].notes[..], ["应连续编号", "第1组"]);
        assert!(all[3].notes.is_empty());
    }

    #[test]
    fn findings_across_chunks_keep_their_order_and_their_number() {
        let n = 2 * Findings::CHUNK + 5;
        let mut f = Findings::new();
        for i in 0..n {
            f.push(Diagnostic::new(i..i + 1, "m"));
        }
        assert_eq!(f.len(), n);
        assert!(f.iter().map(|d| d.range().start).eq(0..n));
        // Stamping from any point reaches exactly the findings from there on,
        // also when the chunk being filled is full (a count that is a multiple
        // of the chunk: a rule after it that reports nothing stamps nothing).
        for n in [n, Findings::CHUNK, 2 * Findings::CHUNK, 3] {
            let mut g = Findings::new();
            (0..n).for_each(|i| g.push(Diagnostic::new(i..i + 1, "m")));
            let mut points = vec![0, 1, n - 1, n];
            points.extend([
                Findings::CHUNK - 1,
                Findings::CHUNK,
                2 * Findings::CHUNK + 1,
            ]);
            for from in points.into_iter().filter(|&p| p <= n) {
                let starts: Vec<usize> = g.since_mut(from).map(|d| d.range().start).collect();
                assert_eq!(
                    starts,
                    (from..n).collect::<Vec<_>>(),
                    "{n} findings, from {from}"
                );
            }
        }
        f.since_mut(Findings::CHUNK + 3)
            .for_each(|d| d.rule = RuleId::of("X", ""));
        let v = f.into_vec();
        assert_eq!(v.capacity(), n);
        assert!(v.iter().map(|d| d.range().start).eq(0..n));
        assert!(
            v.iter()
                .enumerate()
                .all(|(i, d)| (d.code() == "X") == (i >= Findings::CHUNK + 3))
        );
        // A document with few findings allocates for those only.
        let mut f = Findings::new();
        f.push(Diagnostic::new(0..1, "m"));
        assert_eq!(f.into_vec().capacity(), 1);
    }

    #[test]
    fn labels_and_notes_keep_their_order() {
        // A finding is one of tens of thousands on a large draft.
        assert!(std::mem::size_of::<Diagnostic>() <= 80);
        assert!(std::mem::size_of::<Label>() <= 32);
        let d = Diagnostic::new(0..1, "m")
            .with_label(1..2, "a")
            .with_note("n");
        assert_eq!((d.labels.len(), d.notes.len()), (1, 1));
        let d = d.with_label(2..3, "b").with_label(3..4, "c").with_note("o");
        let ranges: Vec<_> = d.labels.iter().map(|l| l.range()).collect();
        assert_eq!(ranges, vec![1..2, 2..3, 3..4]);
        assert_eq!(&d.notes[..], ["n", "o"]);
    }
}
