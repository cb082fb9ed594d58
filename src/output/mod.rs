//! Output stage: located findings rendered in the format the user asked for.
//!
//! Locating (byte offsets → line and column) and the `full` rendering need
//! the document text, so they happen in the worker that linted the file; the
//! main thread only prints what the workers produced, in path order.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{LineIndex, Position};

pub mod ci;
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

/// A finding with its positions resolved.
#[derive(Clone, Debug)]
pub struct Located {
    pub diag: Diagnostic,
    pub span: Span,
    pub labels: Vec<Span>,
    /// Resolved ranges of the fix's edits, in edit order.
    pub edits: Vec<Span>,
    /// 1-based UTF-8 byte columns of the start and end (for rdjson).
    pub byte_columns: (usize, usize),
    /// The same for the fix edits, filled only for rdjson (see [`locate`]).
    pub edit_byte_columns: Vec<(usize, usize)>,
}

/// Positions of many offsets in one pass: offsets are sorted and each
/// line's characters are counted once, so locating k findings on one long
/// line costs O(line length + k log k), not O(line length × k).
struct Positions {
    /// In offset order (each `offset` once).
    sorted: Vec<Position>,
}

impl Positions {
    fn new(text: &str, index: &LineIndex, mut offsets: Vec<usize>) -> Self {
        for o in &mut offsets {
            *o = (*o).min(text.len());
            while !text.is_char_boundary(*o) {
                *o -= 1;
            }
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut sorted = Vec::with_capacity(offsets.len());
        let (mut cur_line, mut cursor, mut column) = (usize::MAX, 0, 0);
        for o in offsets {
            let line = index.line_of(o);
            if line != cur_line {
                cur_line = line;
                cursor = index.line_start(line);
                column = 0;
            }
            column += text[cursor..o].chars().count();
            cursor = o;
            sorted.push(Position {
                line: line + 1,
                column: column + 1,
                offset: o,
            });
        }
        Positions { sorted }
    }

    fn get(&self, text: &str, o: usize) -> Position {
        let mut o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        let i = self.sorted.partition_point(|p| p.offset < o);
        self.sorted[i]
    }
}

/// Resolve positions for the findings of one document. The byte columns of
/// fix edits serve rdjson only; other formats pass `edit_byte_columns: false`
/// and get none (a fix may hold tens of thousands of edits).
pub fn locate(
    text: &str,
    index: &LineIndex,
    diags: Vec<Diagnostic>,
    edit_byte_columns: bool,
) -> Vec<Located> {
    let mut offsets = Vec::with_capacity(diags.len() * 2);
    for d in &diags {
        offsets.extend([d.range.start, d.range.end]);
        offsets.extend(d.labels.iter().flat_map(|l| [l.range.start, l.range.end]));
        if let Some(f) = &d.fix {
            offsets.extend(f.edits.iter().flat_map(|e| [e.range.start, e.range.end]));
        }
    }
    let pos = Positions::new(text, index, offsets);
    let span = |r: &Range<usize>| Span {
        start: pos.get(text, r.start),
        end: pos.get(text, r.end),
    };
    let byte_col = |o: usize| {
        let o = o.min(text.len());
        o - index.line_start(index.line_of(o)) + 1
    };
    let byte_cols = |r: &Range<usize>| (byte_col(r.start), byte_col(r.end));
    diags
        .into_iter()
        .map(|d| {
            let labels = d.labels.iter().map(|l| span(&l.range)).collect();
            let edits = d
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().map(|e| span(&e.range)))
                .collect();
            let edit_byte_columns = d
                .fix
                .iter()
                .filter(|_| edit_byte_columns)
                .flat_map(|f| f.edits.iter().map(|e| byte_cols(&e.range)))
                .collect();
            Located {
                span: span(&d.range),
                labels,
                edits,
                byte_columns: byte_cols(&d.range),
                edit_byte_columns,
                diag: d,
            }
        })
        .collect()
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

/// The `full` format for the findings of one file.
pub fn render_full(path: &str, text: &str, found: &[Located], color: bool) -> String {
    let file = SimpleFile::new(path, text);
    let config = term::Config::default();
    let mut out = String::new();
    for l in found {
        let d = &l.diag;
        let mut labels = vec![CsLabel::primary((), d.range.clone())];
        labels.extend(
            d.labels
                .iter()
                .map(|lab| CsLabel::secondary((), lab.range.clone()).with_message(&lab.message)),
        );
        let mut notes: Vec<String> = d.notes.clone();
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "可自动修复",
                Applicability::Unsafe => "建议修改（需人工确认）",
            };
            notes.push(format!("{kind}：{}", fix.message));
        }
        notes.push(format!(
            "规则 {} {}；`gwlint rule {}` 查看说明",
            d.code, d.name, d.code
        ));
        let cs = CsDiagnostic::new(cs_severity(d.severity))
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        out.push_str(&render_codespan(&config, &file, &cs, color));
    }
    out
}

/// The `concise` format for the findings of one file.
pub fn render_concise(path: &str, found: &[Located]) -> String {
    let mut out = String::new();
    for l in found {
        out.push_str(&format!(
            "{}:{}:{}: {} {}\n",
            path, l.span.start.line, l.span.start.column, l.diag.code, l.diag.message
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
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        let pos = Positions::new(text, &index, offsets.clone());
        for o in offsets {
            assert_eq!(pos.get(text, o), index.position(text, o), "offset {o}");
        }
    }
}
