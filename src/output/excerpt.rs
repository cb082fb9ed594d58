//! The source lines a `full` finding shows, when one of them is long.
//!
//! codespan prints every line a label touches, whole. A document written as
//! one paragraph is one line of megabytes: printed under each of its
//! findings, the output would grow with the findings times the paragraph.
//! For such findings the renderer gets an [`Excerpt`] instead of the file:
//! the lines codespan shows ([`shown_lines`]), with their numbers and
//! columns, each long line cut to windows around the points the labels
//! mark, joined by `…`.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::document::LineIndex;

/// A line longer than this many bytes is shown as windows, not whole.
pub const LONG_LINE: usize = 1000;

/// Characters shown on each side of a point a label marks.
const CONTEXT: usize = 40;

/// One shown line: which it is, where it is in the excerpt, and the pieces
/// of the original line it is made of.
struct Shown {
    /// 0-based line index in the text.
    index: usize,
    /// Byte range in the excerpt, with its `\n`.
    range: Range<usize>,
    /// Where the original line starts.
    line_start: usize,
    /// (start in the excerpt, start in the text, length, 1-based column of
    /// its start in the text), in order.
    pieces: Vec<(usize, usize, usize, usize)>,
}

/// Some lines of a text, long ones cut to windows.
pub struct Excerpt<'t> {
    name: &'t str,
    text: &'t str,
    shown: String,
    lines: Vec<Shown>,
}

/// The lines (0-based, in order) codespan shows for labels at `ranges`:
/// every line a label covers, and a line alone between two shown ones
/// (codespan prints it rather than a break). The lines in a longer gap are
/// never read, so they cost nothing, however far apart the labels are.
pub fn shown_lines(index: &LineIndex, ranges: &[Range<usize>]) -> Vec<usize> {
    let mut lines: Vec<usize> = ranges
        .iter()
        .flat_map(|r| index.line_of(r.start)..=index.line_of(r.end.max(r.start)))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    let gaps: Vec<usize> = lines
        .windows(2)
        .filter(|w| w[1] == w[0] + 2)
        .map(|w| w[0] + 1)
        .collect();
    lines.extend(gaps);
    lines.sort_unstable();
    lines
}

/// Whether any of `lines` is longer than [`LONG_LINE`].
pub fn has_long_line(text: &str, index: &LineIndex, lines: &[usize]) -> bool {
    lines
        .iter()
        .any(|&i| index.line_range(text, i).len() > LONG_LINE)
}

impl<'t> Excerpt<'t> {
    /// `lines` of `text` (0-based, in order); a long line keeps [`CONTEXT`]
    /// characters on each side of every point of `points` that falls in it,
    /// or its first characters when none does.
    ///
    /// Each point is a byte offset with its 1-based column (from the
    /// positions the output resolved already): the columns of the windows
    /// are counted from the points, a few characters each, never from the
    /// start of a line of megabytes for every finding.
    pub fn new(
        name: &'t str,
        text: &'t str,
        index: &LineIndex,
        lines: &[usize],
        points: &[(usize, usize)],
    ) -> Self {
        let mut ex = Excerpt {
            name,
            text,
            shown: String::new(),
            lines: Vec::with_capacity(lines.len()),
        };
        for &i in lines {
            let line = index.line_range(text, i);
            let windows = if line.len() <= LONG_LINE {
                vec![(line.clone(), 1)]
            } else {
                windows(text, line.clone(), points)
            };
            let at = ex.shown.len();
            let mut pieces = Vec::with_capacity(windows.len());
            for (k, (w, column)) in windows.iter().enumerate() {
                if k > 0 || w.start > line.start {
                    ex.shown.push('…');
                }
                pieces.push((ex.shown.len(), w.start, w.len(), *column));
                ex.shown.push_str(&text[w.clone()]);
            }
            if windows.last().is_some_and(|(w, _)| w.end < line.end) {
                ex.shown.push('…');
            }
            ex.shown.push('\n');
            ex.lines.push(Shown {
                index: i,
                range: at..ex.shown.len(),
                line_start: line.start,
                pieces,
            });
        }
        ex
    }

    /// Where byte `offset` of the text is in the excerpt (an offset in a
    /// part that was cut goes to the nearest shown byte).
    pub fn map(&self, offset: usize) -> usize {
        let li = self
            .lines
            .partition_point(|l| l.line_start <= offset)
            .saturating_sub(1);
        let line = &self.lines[li];
        let mut best = line.range.start;
        for &(at, from, len, _) in &line.pieces {
            if offset < from {
                break;
            }
            best = at + (offset - from).min(len);
        }
        best
    }

    /// The shown line that is line `index` of the text.
    fn line(&self, index: usize) -> Result<&Shown, Error> {
        let k = self.lines.partition_point(|l| l.index < index);
        self.lines
            .get(k)
            .filter(|l| l.index == index)
            .ok_or(Error::LineTooLarge {
                given: index,
                max: self.lines.last().map_or(0, |l| l.index),
            })
    }

    /// Where byte `at` of the excerpt, on `line`, is in the text, with its
    /// 1-based column there.
    fn unmap(&self, line: &Shown, at: usize) -> (usize, usize) {
        let mut best = (line.line_start, 1);
        for &(start, from, len, column) in &line.pieces {
            if at < start {
                break;
            }
            // A byte inside a character counts as that character's start.
            let mut to = from + (at - start).min(len);
            while !self.text.is_char_boundary(to) {
                to -= 1;
            }
            best = (to, column + self.text[from..to].chars().count());
        }
        best
    }
}

/// Windows of [`CONTEXT`] characters around the points inside `line`,
/// merged where they touch, each with the 1-based column of its start; the
/// line's start when no point is inside. `points` are byte offsets with
/// their columns.
fn windows(
    text: &str,
    line: Range<usize>,
    points: &[(usize, usize)],
) -> Vec<(Range<usize>, usize)> {
    let s = &text[line.clone()];
    let around = |(p, column): (usize, usize)| {
        let p = p - line.start;
        let from = s[..p]
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let to = s[p..]
            .char_indices()
            .nth(CONTEXT)
            .map_or(s.len(), |(i, _)| p + i);
        let before = s[from..p].chars().count();
        (
            line.start + from..line.start + to,
            column.saturating_sub(before).max(1),
        )
    };
    let mut inside: Vec<(usize, usize)> = points
        .iter()
        .copied()
        .filter(|&(p, _)| line.contains(&p) || p == line.end)
        .filter(|&(p, _)| text.is_char_boundary(p))
        .collect();
    if inside.is_empty() {
        inside.push((line.start, 1));
    }
    inside.sort_unstable();
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    for (w, column) in inside.into_iter().map(around) {
        match out.last_mut() {
            Some((last, _)) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push((w, column)),
        }
    }
    out
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.shown)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        let k = self
            .lines
            .partition_point(|l| l.range.start <= byte_index)
            .saturating_sub(1);
        Ok(self.lines.get(k).map_or(0, |l| l.index))
    }

    /// Columns of the text, not of the excerpt.
    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.line(line_index)?;
        Ok(self.unmap(line, byte_index).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.line(line_index).map(|l| l.range.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::output::{locate, render_full};

    /// `full` output of findings at byte ranges `ranges` of `text`.
    fn full(text: &str, ranges: &[Range<usize>]) -> String {
        let index = LineIndex::new(text);
        let diags = ranges
            .iter()
            .map(|r| {
                let mut d = Diagnostic::new(r.clone(), "示例").with_label(r.end..r.end, "此处");
                d.rule = crate::diagnostic::RuleId::of("X001", "x");
                d
            })
            .collect();
        render_full(
            "t.txt",
            text,
            &index,
            &locate(text, &index, diags, false),
            false,
        )
    }

    #[test]
    fn a_long_line_is_shown_around_the_finding_with_its_own_columns() {
        // One line of 30,000 characters, a finding at character 20,001.
        let text = format!(
            "{}发文字号[2020]1号{}\n下一行\n",
            "甲".repeat(20_000),
            "乙".repeat(10_000)
        );
        let at = text.find('[').unwrap();
        let out = full(&text, &[at..at + 6, 3..6]);
        // Its line and column are the file's; it shows 40 characters on each
        // side of the marked points, cut with `…`.
        assert!(out.contains("t.txt:1:20005"), "{out}");
        let shown = format!("…{}发文字号[2020]1号{}…", "甲".repeat(36), "乙".repeat(38));
        assert!(out.contains(&shown), "{out}");
        // The second finding, at the start of the line.
        assert!(out.contains("t.txt:1:2"), "{out}");
        assert!(out.contains(&format!("1 │ {}…", "甲".repeat(42))), "{out}");
        // Not the line under every finding.
        assert!(out.len() < 2_000, "{} bytes", out.len());
    }

    #[test]
    fn only_the_lines_codespan_shows_are_read_and_long_ones_cut() {
        let text = format!(
            "一、总体\n{}\n（二）第二\n\n中间\n\n（四）第四\n",
            "甲".repeat(2_000)
        );
        let index = LineIndex::new(&text);
        let r = |s: &str| {
            let a = text.find(s).unwrap();
            a..a + s.len()
        };
        // A line alone between two shown ones is shown; a longer gap is not
        // read at all.
        assert_eq!(shown_lines(&index, &[r("（二）"), r("一、")]), [0, 1, 2]);
        assert_eq!(shown_lines(&index, &[r("（四）"), r("（二）")]), [2, 6]);
        let mut d = Diagnostic::new(r("（二）"), "示例").with_label(r("一、"), "上级");
        d.rule = crate::diagnostic::RuleId::of("X001", "x");
        let out = render_full(
            "t.txt",
            &text,
            &index,
            &locate(&text, &index, vec![d], false),
            false,
        );
        assert!(
            out.contains(&format!("2 │ {}…\n", "甲".repeat(40))),
            "{out}"
        );
        assert!(out.contains("3 │ （二）第二"), "{out}");
        assert!(out.len() < 1_000, "{out}");
    }

    #[test]
    fn short_lines_are_shown_whole_and_marks_map_back() {
        let text = "第一行\n第二行很短\n";
        let index = LineIndex::new(text);
        assert!(!has_long_line(text, &index, &[0, 1]));
        let second = text.find("第二").unwrap();
        let out = full(text, std::slice::from_ref(&(second..second + 6)));
        assert!(out.contains("t.txt:2:1"), "{out}");
        assert!(out.contains("2 │ 第二行很短\n"), "{out}");
        // An excerpt maps offsets into its windows and back.
        let long = format!("{}目标{}", "a".repeat(2_000), "b".repeat(2_000));
        let index = LineIndex::new(&long);
        assert!(has_long_line(&long, &index, &[0]));
        let p = long.find('目').unwrap();
        let e = Excerpt::new("t", &long, &index, &[0], &[(p, 2_001)]);
        let m = e.map(p);
        assert!(e.shown[m..].starts_with("目标"));
        assert_eq!(e.column_number((), 0, m).unwrap(), 2_001);
        assert_eq!(e.line_number((), 0).unwrap(), 1);
    }

    /// Every byte of an excerpt of long lines (mixed widths, windows that
    /// merge and that stand apart, points at the ends) gets the column that
    /// counting the characters from the start of its line in the text gives
    /// (a byte inside a character, that of the character).
    #[test]
    fn columns_counted_from_the_points_are_the_columns_of_the_text() {
        let mut rng = fastrand::Rng::with_seed(41);
        let alphabet = ['中', 'a', '，', '1', '𠀀', ' '];
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..rng.usize(1..4) {
                let n = rng.usize(0..3_000);
                text.extend((0..n).map(|_| alphabet[rng.usize(0..alphabet.len())]));
                text.push('\n');
            }
            let index = LineIndex::new(&text);
            let count = |o: usize| text[index.line_start(index.line_of(o))..o].chars().count() + 1;
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&o| text.is_char_boundary(o))
                .collect();
            let points: Vec<(usize, usize)> = (0..rng.usize(1..8))
                .map(|_| bounds[rng.usize(0..bounds.len())])
                .map(|o| (o, count(o)))
                .collect();
            let lines: Vec<usize> = (0..index.len()).collect();
            let ex = Excerpt::new("t.txt", &text, &index, &lines, &points);
            // Every byte, those inside a character too (which count as its
            // start, and never panic).
            for shown in &ex.lines {
                for at in shown.range.clone() {
                    let o = Excerpt::unmap(&ex, shown, at).0;
                    let got = ex.column_number((), shown.index, at).unwrap();
                    assert_eq!(got, count(o), "line {}, byte {at}", shown.index);
                }
            }
        }
    }
}
