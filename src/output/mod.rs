//! Output stage: located findings rendered in the format the user asked for.
//!
//! Locating (byte offsets → line and column) and the `full` rendering need
//! the document text, so they happen in the worker that linted the file; the
//! main thread only prints what the workers produced, in path order.

use std::cell::Cell;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::document::{LineIndex, Position};

pub mod ci;
mod excerpt;
pub mod json;

/// The formats `--output-format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Snippets with underlines (default).
    Full,
    /// `path:line:col: CODE message`, one line per finding.
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: one testcase per file, one failure per finding.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// reviewdog Diagnostic Format.
    Rdjson,
}

impl Format {
    /// Formats written as one document after every file is linted.
    pub fn is_whole_document(self) -> bool {
        matches!(
            self,
            Format::Sarif | Format::Junit | Format::Gitlab | Format::Rdjson | Format::Github
        )
    }
}

/// A start and end position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

/// The findings of one document with their positions resolved: the
/// findings themselves, kept as the engine returned them (not copied into
/// another vector), and one table of the lines and columns of every offset
/// they refer to. Formats read them one at a time as [`Located`] views.
#[derive(Debug)]
pub struct Found {
    diags: Vec<Diagnostic>,
    positions: Positions,
    /// Where the last finding written had its start in `positions`: the
    /// findings come in text order, so each lookup starts a few entries
    /// before its answer instead of searching the whole table.
    hint: Cell<(usize, usize)>,
    /// 1-based UTF-8 byte columns, one per finding, for rdjson only (see
    /// [`locate`]); empty for the other formats.
    byte_columns: Vec<ByteColumns>,
}

impl Found {
    pub fn len(&self) -> usize {
        self.diags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.diags.is_empty()
    }

    /// The findings in order, each with its positions.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Located<'_>> {
        (0..self.diags.len()).map(|i| Located {
            diag: &self.diags[i],
            positions: &self.positions,
            hint: &self.hint,
            byte_columns: self.byte_columns.get(i),
        })
    }

    /// Roughly the bytes it holds.
    pub fn weight(&self) -> usize {
        self.positions.weight()
            + self
                .diags
                .iter()
                .map(|d| {
                    size_of::<Diagnostic>()
                        + d.message.len()
                        + d.fix
                            .as_ref()
                            .map_or(0, |f| f.edits.len() * size_of::<crate::diagnostic::Edit>())
                })
                .sum::<usize>()
    }
}

impl Default for Found {
    fn default() -> Self {
        Found {
            diags: Vec::new(),
            positions: Positions::empty(),
            hint: Cell::default(),
            byte_columns: Vec::new(),
        }
    }
}

/// A finding with its positions resolved. The line and column of its range,
/// labels and fix edits are looked up in the document's shared table when
/// they are written ([`Located::span`], [`Located::label_spans`],
/// [`Located::edit_spans`]), not held in every finding.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    pub diag: &'a Diagnostic,
    /// The positions of every offset of the document's findings: the fix
    /// edits are resolved from it as they are written (a fix may hold tens
    /// of thousands of edits; see [`Located::edit_spans`]).
    positions: &'a Positions,
    /// The document's lookup hint (see [`Found`]).
    hint: &'a Cell<(usize, usize)>,
    /// 1-based UTF-8 byte columns, for rdjson only (see [`locate`]).
    pub byte_columns: Option<&'a ByteColumns>,
}

/// 1-based UTF-8 byte columns of a finding's start and end, and of its fix
/// edits' (reviewdog's rdjson counts columns in bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByteColumns {
    pub range: (usize, usize),
    pub edits: Vec<(usize, usize)>,
}

impl<'a> Located<'a> {
    /// The finding's range as lines and columns.
    pub fn span(&self) -> Span {
        let r = self.diag.range();
        let mut from = self.hint.get();
        let start = self.positions.get_from(r.start, &mut from);
        self.hint.set(from);
        let end = self.positions.get_from(r.end, &mut from);
        Span { start, end }
    }

    /// Resolved ranges of the labels, in label order.
    pub fn label_spans(self) -> impl Iterator<Item = Span> + 'a {
        self.diag.labels.iter().map(move |l| {
            let r = l.range();
            let mut from = self.hint.get();
            let start = self.positions.get_from(r.start, &mut from);
            let end = self.positions.get_from(r.end, &mut from);
            Span { start, end }
        })
    }

    /// Resolved ranges of the fix's edits, in edit order.
    pub fn edit_spans(self) -> impl Iterator<Item = Span> + 'a {
        // A fix's edits come in text order: each lookup starts where the
        // last one ended. A map over the slice, which the writers' loops
        // take in without a call for each edit.
        let edits = self.diag.fix.as_ref().map_or(&[][..], |f| &f.edits[..]);
        let mut from = self.hint.get();
        edits.iter().map(move |e| {
            let r = e.range();
            let start = self.positions.get_from(r.start, &mut from);
            let end = self.positions.get_from(r.end, &mut from);
            Span { start, end }
        })
    }
}

/// Positions of many offsets in one pass: offsets are sorted and each
/// line's characters are counted once, so locating k findings on one long
/// line costs O(line length + k log k), not O(line length × k).
///
/// Eight bytes an offset (its value and its column) plus one entry per line
/// that holds any: [`crate::source::decode`] refuses texts of 4 GiB or more,
/// so every offset, line and column fits in a `u32`.
#[derive(Debug)]
struct Positions {
    /// In increasing order, each once.
    offsets: Vec<u32>,
    /// The 1-based column of each offset.
    columns: Vec<u32>,
    /// `(index of the line's first offset, 1-based line)` for each line that
    /// holds offsets, in order.
    lines: Vec<(u32, u32)>,
}

impl Positions {
    fn empty() -> Self {
        Positions {
            offsets: Vec::new(),
            columns: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// The bytes its tables hold.
    fn weight(&self) -> usize {
        (self.offsets.len() + self.columns.len() + 2 * self.lines.len()) * size_of::<u32>()
    }

    /// `offsets` must be sorted, each once, and on character boundaries of
    /// the text (see [`sorted_offsets`]).
    fn new(text: &str, index: &LineIndex, offsets: Vec<u32>) -> Self {
        let bytes = text.as_bytes();
        let mut columns = Vec::with_capacity(offsets.len());
        // At most one entry a line (so few that the spare capacity costs
        // less than growing the vector).
        let mut lines = Vec::with_capacity(offsets.len().min(index.len()));
        // The line of the offset before, where the line after it starts (0
        // before the first offset, whose line is so looked up), the offset
        // before or the line's start, and its 0-based column.
        let (mut line, mut next, mut cursor, mut column) = (0, 0, 0, 0);
        for (k, &o) in offsets.iter().enumerate() {
            let o = o as usize;
            // The offsets are sorted: most are on the line of the one before,
            // which is checked before the line index is searched.
            if o >= next {
                line = index.line_of_from(o, line);
                next = if line + 1 < index.len() {
                    index.line_start(line + 1)
                } else {
                    usize::MAX
                };
                cursor = index.line_start(line);
                column = 0;
                lines.push((k as u32, (line + 1) as u32));
            }
            column += count_chars(&bytes[cursor..o]);
            cursor = o;
            columns.push((column + 1) as u32);
        }
        Positions {
            offsets,
            columns,
            lines,
        }
    }

    /// The position of an offset given to [`Positions::new`]: the last
    /// entry at or before it, which is where `new` moved it.
    #[cfg(test)]
    fn get(&self, o: usize) -> Position {
        self.get_from(o, &mut (0, 0))
    }

    /// [`Positions::get`], looking from the entries `from` found for an
    /// earlier offset (and leaving there the ones found for `o`): a few steps
    /// forward when `o` is close after it, a binary search otherwise.
    // Inlined, as is `last_at_most`: a fix's edits look up two offsets
    // each, nearly always a step or two after the last ones.
    #[inline(always)]
    fn get_from(&self, o: usize, from: &mut (usize, usize)) -> Position {
        let i = last_at_most(&self.offsets, from.0, |p| p as usize <= o);
        let l = last_at_most(&self.lines, from.1, |(first, _)| first as usize <= i);
        *from = (i, l);
        Position {
            line: self.lines[l].1 as usize,
            column: self.columns[i] as usize,
            offset: self.offsets[i] as usize,
        }
    }
}

/// The characters of UTF-8 `bytes`: the bytes that do not continue a
/// character (0b10xxxxxx), counted a word at a time. Most gaps between
/// offsets are a few characters long, where `str::chars().count()` pays for
/// a call and a loop over the bytes.
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    // 1 in each byte of `w` that starts a character (bit 7 clear or bit 6
    // set), 0 in the others.
    let starts = |w: u64| (!w >> 7 | w >> 6) & ONES;
    // The sum of the bytes of `w`, each at most 255.
    let sum = |w: u64| {
        const LOW: u64 = 0x00ff_00ff_00ff_00ff;
        let pairs = (w & LOW) + (w >> 8 & LOW);
        (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
    };
    let (words, tail) = bytes.as_chunks::<8>();
    if words.is_empty() {
        return tail.iter().filter(|&&b| (b as i8) >= -0x40).count();
    }
    // Up to 255 words are added up byte by byte before each sum.
    let mut n: usize = words
        .chunks(255)
        .map(|block| sum(block.iter().map(|&w| starts(u64::from_le_bytes(w))).sum()))
        .sum();
    if !tail.is_empty() {
        // The tail is the top of the slice's last word, which the words
        // counted so far hold the rest of.
        let last = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap());
        n += sum(starts(last) >> (8 * (8 - tail.len())));
    }
    n
}

/// The index of the last item of `v` (sorted so that `fits` holds of a
/// prefix) for which `fits` holds, 0 when none does; the search starts at
/// `from` and steps forward when it can.
#[inline(always)]
fn last_at_most<T: Copy>(v: &[T], from: usize, fits: impl Fn(T) -> bool) -> usize {
    if v.get(from).is_some_and(|&x| fits(x)) {
        let mut k = from;
        for _ in 0..8 {
            match v.get(k + 1) {
                Some(&x) if fits(x) => k += 1,
                _ => return k,
            }
        }
        return k + v[k..].partition_point(|&x| fits(x)) - 1;
    }
    v.partition_point(|&x| fits(x)).saturating_sub(1)
}

/// Every offset the findings refer to (ranges, labels, fix edits), moved
/// back to the start of its character, sorted, each once.
fn sorted_offsets(text: &str, diags: &[Diagnostic]) -> Vec<u32> {
    let bytes = text.as_bytes();
    // Offsets are u32: see `Positions`.
    let floor = |o: usize| floor_char_boundary(bytes, o) as u32;
    // Most offsets of a document are often those of one fix (an edit for
    // each stray space of the whole text, say), whose edits come in text
    // order: already sorted, they are merged into the sorted rest rather
    // than sorted with it.
    let run = diags
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .max_by_key(|f| f.edits.len());
    let in_rest = |f: &&Fix| !run.is_some_and(|r| std::ptr::eq(r, *f));
    // Reserved exactly: growing the vector cost more than counting first.
    let len = diags
        .iter()
        .map(|d| {
            2 + 2 * d.labels.len()
                + d.fix
                    .as_deref()
                    .filter(in_rest)
                    .map_or(0, |f| 2 * f.edits.len())
        })
        .sum();
    let mut rest = Vec::with_capacity(len);
    let mut add = |r: Range<usize>| rest.extend([floor(r.start), floor(r.end)]);
    for d in diags {
        add(d.range());
        d.labels.iter().for_each(|l| add(l.range()));
        if let Some(f) = d.fix.as_deref().filter(in_rest) {
            f.edits.iter().for_each(|e| add(e.range()));
        }
    }
    rest.sort_unstable();
    rest.dedup();
    let Some(run) = run else {
        return rest;
    };
    if let Some(mut merged) = merge_edits(&rest, &run.edits, floor) {
        // The capacity counted twice the offsets both hold.
        merged.shrink_to_fit();
        return merged;
    }
    // Edits out of order: sorted with the rest after all.
    for e in &run.edits {
        let r = e.range();
        rest.extend([floor(r.start), floor(r.end)]);
    }
    rest.sort_unstable();
    rest.dedup();
    rest
}

/// `o`, or the start of the character it falls inside; the end of the text
/// when it is past it. (`str::floor_char_boundary` is newer than the
/// supported Rust.)
fn floor_char_boundary(text: &[u8], o: usize) -> usize {
    let mut b = o.min(text.len());
    // Continuation bytes are 0b10xxxxxx: as `i8`, below -0x40.
    while b < text.len() && (text[b] as i8) < -0x40 {
        b -= 1;
    }
    b
}

/// The union of `sorted` (in order, each once) and the offsets of `edits`
/// mapped by `floor`, in order and each once; `None` if the edits are not in
/// text order. (`floor` keeps offsets in order.)
fn merge_edits(sorted: &[u32], edits: &[Edit], floor: impl Fn(usize) -> u32) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(sorted.len() + 2 * edits.len());
    let (mut i, mut last) = (0, 0);
    for e in edits {
        let r = e.range();
        for o in [floor(r.start), floor(r.end)] {
            if o < last {
                return None;
            }
            last = o;
            while let Some(&x) = sorted.get(i)
                && x < o
            {
                out.push(x);
                i += 1;
            }
            i += usize::from(sorted.get(i) == Some(&o));
            if out.last() != Some(&o) {
                out.push(o);
            }
        }
    }
    out.extend_from_slice(&sorted[i..]);
    Some(out)
}

/// Resolve positions for the findings of one document. Byte columns serve
/// rdjson only; other formats pass `byte_columns: false` and get none (a fix
/// may hold tens of thousands of edits).
pub fn locate(text: &str, index: &LineIndex, diags: Vec<Diagnostic>, byte_columns: bool) -> Found {
    let positions = Positions::new(text, index, sorted_offsets(text, &diags));
    let byte_col = |o: usize| {
        let o = o.min(text.len());
        o - index.line_start(index.line_of(o)) + 1
    };
    let byte_cols = |r: &Range<usize>| (byte_col(r.start), byte_col(r.end));
    let byte_columns = if byte_columns {
        diags
            .iter()
            .map(|d| ByteColumns {
                range: byte_cols(&d.range()),
                edits: d
                    .fix
                    .iter()
                    .flat_map(|f| f.edits.iter().map(|e| byte_cols(&e.range())))
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Found {
        diags,
        positions,
        hint: Cell::default(),
        byte_columns,
    }
}

/// Render one diagnostic through codespan into a string.
pub fn render_codespan<'a, F: Files<'a, FileId = ()>>(
    config: &term::Config,
    files: &'a F,
    d: &CsDiagnostic<()>,
    color: bool,
) -> String {
    let mut buf = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    if term::emit_to_write_style(&mut buf, config, files, d).is_err() {
        return format!("{}\n", d.message);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

fn cs_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// A file for codespan whose lines are the document's: a lone CR ends a line
/// as LF and CRLF do, so the snippets show the line numbers every other
/// format reports (codespan's own `SimpleFile` breaks lines at LF only).
struct IndexedFile<'a> {
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> Files<'a> for IndexedFile<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.path)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_of(byte_index.min(self.text.len())))
    }

    /// The line with its terminator, as codespan expects (it trims it).
    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let lines = self.index.len();
        if line_index >= lines {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: lines.saturating_sub(1),
            });
        }
        let end = if line_index + 1 < lines {
            self.index.line_start(line_index + 1)
        } else {
            self.text.len()
        };
        Ok(self.index.line_start(line_index)..end)
    }
}

/// The `full` format for the findings of one file. A finding on a line
/// longer than 1,000 bytes shows windows of it around its labels (see the
/// `excerpt` module), so the output stays proportional to the findings.
pub fn render_full(
    path: &str,
    text: &str,
    index: &LineIndex,
    found: &Found,
    color: bool,
) -> String {
    let file = IndexedFile { path, text, index };
    let config = term::Config::default();
    let mut out = String::new();
    for l in found.iter() {
        let d = l.diag;
        let ranges: Vec<Range<usize>> = std::iter::once(d.range())
            .chain(d.labels.iter().map(|lab| lab.range()))
            .collect();
        let lines = excerpt::shown_lines(index, &ranges);
        let excerpt = excerpt::has_long_line(text, index, &lines).then(|| {
            // Each end of the finding and its labels, with its column (a
            // point not on a character's start, which the positions move
            // back, is left out, as the windows would leave it out).
            let points: Vec<(usize, usize)> = std::iter::once(l.span())
                .chain(l.label_spans())
                .zip(&ranges)
                .flat_map(|(span, r)| [(r.start, span.start), (r.end, span.end)])
                .filter(|&(o, p)| o == p.offset)
                .map(|(o, p)| (o, p.column))
                .collect();
            excerpt::Excerpt::new(path, text, index, &lines, &points)
        });
        let at = |r: &Range<usize>| match &excerpt {
            Some(e) => e.map(r.start)..e.map(r.end),
            None => r.clone(),
        };
        let mut labels = vec![CsLabel::primary((), at(&d.range()))];
        labels.extend(
            d.labels
                .iter()
                .map(|lab| CsLabel::secondary((), at(&lab.range())).with_message(&lab.message)),
        );
        let mut notes: Vec<String> = d.notes.iter().map(|n| n.to_string()).collect();
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "可自动修复",
                Applicability::Unsafe => "建议修改（需人工确认）",
            };
            notes.push(format!("{kind}：{}", fix.message));
        }
        notes.push(format!(
            "规则 {} {}；`gwlint rule {}` 查看说明",
            d.code(),
            d.name(),
            d.code()
        ));
        let cs = CsDiagnostic::new(cs_severity(d.severity))
            .with_code(d.code())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        out.push_str(&match &excerpt {
            Some(e) => render_codespan(&config, e, &cs, color),
            None => render_codespan(&config, &file, &cs, color),
        });
    }
    out
}

/// The `concise` format for the findings of one file.
pub fn render_concise(path: &str, found: &Found) -> String {
    let mut out = String::new();
    for l in found.iter() {
        let span = l.span();
        out.push_str(&format!(
            "{}:{}:{}: {} {}\n",
            path,
            span.start.line,
            span.start.column,
            l.diag.code(),
            l.diag.message
        ));
    }
    out
}

/// Counts for the summary line.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
    pub failed_files: usize,
}

impl Counts {
    pub fn add(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
        {
            self.fixable += 1;
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// The summary line (Chinese), printed on standard error.
pub fn summary(c: &Counts, secs: f64) -> String {
    let mut s = format!("检查了 {} 个文件", c.files);
    if c.total() == 0 {
        s.push_str("，未发现问题");
    } else {
        s.push_str(&format!(
            "，发现 {} 个问题（错误 {}，警告 {}，提示 {}）",
            c.total(),
            c.errors,
            c.warnings,
            c.infos
        ));
        if c.fixable > 0 {
            s.push_str(&format!("，其中 {} 个可用 --fix 自动修复", c.fixable));
        }
    }
    if c.failed_files > 0 {
        s.push_str(&format!("；{} 个文件无法检查", c.failed_files));
    }
    s.push_str(&format!("。用时 {secs:.2} 秒。"));
    s
}

/// `--statistics`: counts per rule, most frequent first.
pub fn write_statistics(
    w: &mut dyn Write,
    stats: &[(String, String, usize, bool)],
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json | Format::JsonLines => {
            let v: Vec<serde_json::Value> = stats
                .iter()
                .map(|(c, n, k, f)| serde_json::json!({"code": c, "name": n, "count": k, "fixable": f}))
                .collect();
            writeln!(
                w,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            )
        }
        _ => {
            let width = stats
                .iter()
                .map(|s| s.2.to_string().len())
                .max()
                .unwrap_or(1);
            for (code, name, count, fixable) in stats {
                let mark = if *fixable { "[*]" } else { "   " };
                writeln!(w, "{count:>width$}  {code}  {mark} {name}")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_positions_equal_single_positions() {
        let text = "第一行\r\n𠮷野家，共计3件\n\n末行abc";
        let index = LineIndex::new(text);
        // Every offset, inside characters and past the end included.
        let offsets = 0..=text.len() + 2;
        let mut starts: Vec<u32> = offsets
            .clone()
            .map(|o| floor_char_boundary(text.as_bytes(), o) as u32)
            .collect();
        starts.dedup();
        let pos = Positions::new(text, &index, starts);
        for o in offsets {
            assert_eq!(pos.get(o), index.position(text, o), "offset {o}");
        }
    }

    #[test]
    fn a_lookup_from_an_earlier_one_finds_what_a_fresh_one_finds() {
        let v: Vec<u32> = (0..100).map(|k| k * 3).collect();
        for o in 0..320usize {
            let want = v.partition_point(|&p| p as usize <= o).saturating_sub(1);
            for from in [0, 5, 40, 99, 150] {
                assert_eq!(
                    last_at_most(&v, from, |p| p as usize <= o),
                    want,
                    "{o} from {from}"
                );
            }
        }
        assert_eq!(last_at_most::<u32>(&[], 0, |_| true), 0);
    }

    #[test]
    fn edits_are_resolved_from_the_shared_positions() {
        let text = "甲,乙\n丙:丁";
        let index = LineIndex::new(text);
        let d = Diagnostic::new(0..text.len(), "m").with_fix(Fix::safe(
            "f",
            vec![Edit::replace(3..4, "，"), Edit::replace(11..12, "：")],
        ));
        let located = locate(text, &index, vec![d], false);
        let spans: Vec<Span> = located.iter().next().unwrap().edit_spans().collect();
        assert_eq!(
            spans,
            [
                Span {
                    start: index.position(text, 3),
                    end: index.position(text, 4)
                },
                Span {
                    start: index.position(text, 11),
                    end: index.position(text, 12)
                },
            ]
        );
        assert_eq!((spans[1].start.line, spans[1].start.column), (2, 2));
    }

    #[test]
    fn characters_are_counted_as_chars_counts_them() {
        let text = "第一行abc𠮷野家，共计3件\r\n".repeat(200);
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            for start in [0, 1, 3, 7, 20].into_iter().filter(|&s| s <= end) {
                assert_eq!(
                    count_chars(&text.as_bytes()[start..end]),
                    text.as_bytes()[start..end]
                        .iter()
                        .filter(|&&b| (b as i8) >= -0x40)
                        .count(),
                    "{start}..{end}"
                );
            }
            assert_eq!(
                count_chars(&text.as_bytes()[..end]),
                text[..end].chars().count()
            );
        }
    }

    #[test]
    fn merged_offsets_are_sorted_and_distinct() {
        let edits = |rs: &[Range<usize>]| -> Vec<Edit> {
            rs.iter().map(|r| Edit::delete(r.clone())).collect()
        };
        let merge = |a: &[u32], rs: &[Range<usize>]| merge_edits(a, &edits(rs), |o| o as u32);
        assert_eq!(
            merge(&[1, 4, 9], &[0..0, 4..5, 5..12]),
            Some(vec![0, 1, 4, 5, 9, 12])
        );
        assert_eq!(merge(&[], &[2..3, 3..3]), Some(vec![2, 3]));
        assert_eq!(merge(&[2, 3], &[]), Some(vec![2, 3]));
        assert_eq!(merge(&[2], &[5..6, 1..2]), None);
    }

    #[test]
    fn every_offset_is_located_whichever_fix_is_merged() {
        let text = "甲,乙 丙\n丁:戊 己，庚\r\n辛";
        let index = LineIndex::new(text);
        let edits = |rs: &[Range<usize>]| rs.iter().map(|r| Edit::delete(r.clone())).collect();
        // The largest fix in text order (merged), one out of order (sorted),
        // and offsets inside characters.
        let diags = vec![
            Diagnostic::new(4..9, "a")
                .with_fix(Fix::safe("f", edits(&[0..1, 3..4, 8..9, 12..16, 20..21]))),
            Diagnostic::new(1..2, "b").with_fix(Fix::safe("g", edits(&[13..14, 2..3]))),
            Diagnostic::new(10..text.len(), "c"),
        ];
        let found = locate(text, &index, diags.clone(), false);
        for (l, d) in found.iter().zip(&diags) {
            let want = |r: Range<usize>| Span {
                start: index.position(text, r.start),
                end: index.position(text, r.end),
            };
            assert_eq!(l.span(), want(d.range()));
            let edits = d.fix.iter().flat_map(|f| &f.edits);
            assert!(l.edit_spans().eq(edits.map(|e| want(e.range()))));
        }
    }
}
