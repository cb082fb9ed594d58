//! Document stage: lines, positions and the structure of a 公文.
//!
//! A [`Document`] is built once per file from the decoded text. It owns no
//! copy of the text: every span is a byte range into it. The structure pass
//! finds the title block (which may span several lines), the headings with
//! their level and ordinal (`一、` / `（一）` or `(一)` / `1.` / `（1）` or `(1)`),
//! and the report year where the document states one. [`Sentences`] are found
//! here too, on demand (an extraction, see [`crate::extract`]). Full-width and
//! NFKC-folded punctuation are read alike everywhere.

use crate::extract::{Needles, stop_at_end};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

/// A 1-based line and column (Unicode scalar values) plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Maps byte offsets to lines and columns. Lines end at `\n`, `\r\n` or a
/// lone `\r`.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts, as `u32`: texts are shorter than
    /// 4 GiB (see [`crate::source::MAX_TEXT_LEN`]).
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        debug_assert!(text.len() < crate::source::MAX_TEXT_LEN);
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0u32);
        let mut i = 0;
        while let Some(p) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + p;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next as u32);
            i = next;
            if i >= bytes.len() {
                break;
            }
        }
        // The capacity was a guess (one line per 40 bytes): a long paragraph
        // would keep a megabyte of it for nothing.
        starts.shrink_to_fit();
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline opens an empty last line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Byte offset where line `i` (0-based) starts.
    pub fn line_start(&self, i: usize) -> usize {
        self.starts[i] as usize
    }

    /// The byte range of line `i` without its terminator, in `text` (which
    /// must be the text this index was built from).
    pub fn line_range(&self, text: &str, i: usize) -> Range<usize> {
        let start = self.line_start(i);
        let end = if i + 1 < self.len() {
            let next = self.line_start(i + 1);
            if text.as_bytes()[..next].ends_with(b"\r\n") {
                next - 2
            } else {
                next - 1
            }
        } else {
            text.len()
        };
        start..end
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        // Offsets past `u32::MAX` do not occur (see `starts`).
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// [`LineIndex::line_of`] for an offset at or after the start of line
    /// `from`: a galloping search forward from that line, so that a walk
    /// through sorted offsets pays for the distance of each step, not for
    /// the size of the document.
    pub fn line_of_from(&self, offset: usize, from: usize) -> usize {
        let o = offset as u32;
        let s = &self.starts;
        debug_assert!(s[from] <= o);
        let (mut lo, mut step) = (from, 1);
        loop {
            let hi = lo + step;
            if hi >= s.len() || s[hi] > o {
                // The answer is in `lo..hi`, where `starts[lo] <= o`.
                let end = hi.min(s.len());
                return lo + s[lo..end].partition_point(|&x| x <= o) - 1;
            }
            lo = hi;
            step *= 2;
        }
    }

    /// Position of `offset` in `text` (which must be the text this index was
    /// built from). An offset inside a character is moved back to its start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let column = text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
            offset,
        }
    }
}

/// Whether `t` has at most `n` characters. A character is one to four bytes,
/// so its length in bytes often answers; the characters are counted only
/// when it does not, and a long line is never read to the end to be compared
/// with a small bound.
pub fn at_most_chars(t: &str, n: usize) -> bool {
    t.len() <= n || (t.len() <= 4 * n && t.chars().count() <= n)
}

/// Unicode whitespace as gwlint understands it: ASCII blanks, NBSP, the
/// ideographic space U+3000 and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    // No space but U+FEFF comes after U+3000: a Chinese character is
    // answered with one comparison.
    if c > '\u{3000}' {
        return c == '\u{feff}';
    }
    c.is_whitespace() || c == '\u{200b}'
}

/// The marks after which a line does not run on into the next: the end of a
/// sentence, and the colon or semicolon before a list.
pub(crate) const RUN_STOPS: &str = "。！？!?；;：:";

/// Whether a line's content ends as a sentence or a clause does (`。`,
/// `，`, `：` …): running text, no row of a table. A web page's paragraphs
/// run together on one line keep their indents inside it
/// (`…的通知。　　二、…。`): such a line is no row.
pub(crate) fn ends_as_clause(s: &str) -> bool {
    matches!(
        s.chars().next_back(),
        Some('。' | '！' | '？' | '；' | '，' | '、' | '：')
    )
}

/// Whether a line's cells are separated as in a table typed with ASCII
/// marks: a tab, a run of two spaces or a pipe.
fn ascii_row(t: &str) -> bool {
    t.contains('\t') || t.contains("  ") || t.contains('|')
}

/// Whether the ideographic space U+3000 at byte `at` of `t` is part of a
/// column gap: another space follows or precedes it (`县本级　　120`,
/// `乡镇 　80`). A single U+3000 between two characters is a paragraph's
/// indent, the space after `一、` or after a caption's number (`表1　…`).
fn ideographic_gap_at(t: &str, at: usize) -> bool {
    t[at + '\u{3000}'.len_utf8()..]
        .chars()
        .next()
        .is_some_and(is_space)
        || t[..at].chars().next_back().is_some_and(is_space)
}

/// Whether a line's content aligns columns with ideographic spaces: it
/// holds a U+3000 that is part of a column gap ([`ideographic_gap_at`])
/// after something else than the end of a sentence or a clause (in
/// `…工作。　　二是…` the indent of a paragraph run on into the line).
fn has_ideographic_gap(t: &str) -> bool {
    memchr::memmem::find_iter(t.as_bytes(), "\u{3000}".as_bytes()).any(|at| {
        let before = t[..at].trim_end_matches(is_space);
        ideographic_gap_at(t, at) && !before.is_empty() && !ends_as_clause(before)
    })
}

/// Whether a line's content is a table's row: its cells are separated by a
/// tab, a pipe, a run of two spaces or an ideographic gap
/// ([`has_ideographic_gap`]).
fn table_row(t: &str) -> bool {
    ascii_row(t) || has_ideographic_gap(t)
}

/// One physical line: its trimmed content as a `u32` range (texts are
/// shorter than 4 GiB, see [`crate::source::MAX_TEXT_LEN`]) and its kind, so
/// a line is 12 bytes; a draft of short lines holds one for every 30 bytes of
/// text. The whole line's range is [`Document::line_range`], read from the
/// line index rather than kept twice.
#[derive(Clone, Debug)]
pub struct Line {
    content_at: Span32,
    pub kind: LineKind,
}

impl Line {
    fn new(content: Range<usize>) -> Self {
        Line {
            content_at: content.into(),
            kind: LineKind::Body,
        }
    }

    /// The range with leading and trailing whitespace removed (empty range
    /// at the line's start for a blank line).
    pub fn content(&self) -> Range<usize> {
        self.content_at.range()
    }

    pub fn is_blank(&self) -> bool {
        self.content_at.start == self.content_at.end
    }
}

/// What a line is, as far as the structure pass can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Blank,
    /// Web-page chrome before the document: breadcrumbs, page banners.
    Chrome,
    /// Page metadata: 发布时间、来源、作者 lines, a page's metadata table
    /// (索引号、主题分类、发文机关、成文日期 …).
    Meta,
    /// A line holding only a 发文字号.
    DocNumber,
    /// Part of the title block.
    Title,
    /// A numbered heading (see [`Heading`]).
    Heading,
    /// Running text.
    Body,
}

/// A byte range held as two `u32` (texts are shorter than 4 GiB, see
/// [`crate::source::MAX_TEXT_LEN`]): for the records a document holds one of
/// per heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Range<usize>> for Span32 {
    fn from(r: Range<usize>) -> Self {
        Span32 {
            start: r.start as u32,
            end: r.end as u32,
        }
    }
}

/// The level markers of GB/T 9704-2012 7.3.3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    line_at: u32,
    /// 1 for `一、`, 2 for `（一）`, 3 for `1.`, 4 for `（1）`.
    pub level: u8,
    /// Body text follows the heading on the same line.
    pub run_in: bool,
    /// The number the marker carries (`三、` → 3).
    pub ordinal: u32,
    marker_at: Span32,
    text_at: Span32,
    pub form: MarkerForm,
}

impl Heading {
    /// 0-based line index.
    pub fn line(&self) -> usize {
        self.line_at as usize
    }

    /// The marker as written, including any wrong trailing mark.
    pub fn marker(&self) -> Range<usize> {
        self.marker_at.range()
    }

    /// The heading's own text: after the marker, up to the first sentence
    /// end or the end of the line.
    pub fn text(&self) -> Range<usize> {
        self.text_at.range()
    }
}

/// How a level marker is written (one byte: a shuffled draft holds a
/// heading every few lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerForm {
    /// Exactly as the standard writes it (`一、` `（一）` `1.` `1．` `（1）`).
    Standard,
    /// Folded round brackets `(一)` `(1)`: accepted.
    Folded,
    /// A wrong form, e.g. `1、` `（一）、` `一.`: see [`expected_marker`] for
    /// the right one.
    Wrong,
}

/// The right form of a wrongly written level marker `marker` (as written,
/// with its wrong trailing mark) at `level` with `ordinal`: the bracketed
/// numeral as written without the mark after it (`（一）、` → `（一）`), the
/// digits with a full stop (`1、` → `1.`), the Chinese numeral as written
/// with a 顿号 (`一.` → `一、`).
pub fn expected_marker(marker: &str, level: u8, ordinal: u32) -> String {
    match level {
        3 => format!("{ordinal}."),
        1 => {
            let mark = marker.chars().next_back().map_or(0, char::len_utf8);
            format!("{}、", &marker[..marker.len() - mark])
        }
        _ => {
            let rest = marker.strip_prefix(['（', '(']).unwrap_or(marker);
            let inner = rest.find(['）', ')']).map_or(rest, |c| &rest[..c]);
            format!("（{inner}）")
        }
    }
}

/// The title block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Title {
    /// 0-based line indices of the title lines.
    pub lines: Vec<usize>,
    /// From the start of the first title line to the end of the last.
    pub range: Range<usize>,
    /// The title lines' contents joined without separators.
    pub text: String,
}

/// Where the report year came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    Title,
    Opening,
    Config,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportYear {
    pub year: i32,
    pub source: YearSource,
    /// Where the year is written (empty at 0 when it came from config).
    pub range: Range<usize>,
}

/// The year a document's body opens with (see [`Document::opening_year`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningYear {
    pub year: i32,
    /// Its four digits.
    pub range: Range<usize>,
    /// Written `2023年以来` (a span of years up to now), not `2023年，`.
    pub since: bool,
}

/// The full stop, the sentence end of nearly every sentence (three bytes in
/// UTF-8): memmem finds it in half the time a search for all three ends
/// takes, since it stops only where one stands.
static FULL_STOP: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("。"));

/// The other full-width sentence ends (each three bytes in UTF-8).
static BANG_QUERY: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["！", "？"]));

/// A document: the text, its line index and its structure.
pub struct Document<'a> {
    pub text: &'a str,
    pub index: LineIndex,
    pub lines: Vec<Line>,
    pub title: Option<Title>,
    pub headings: Vec<Heading>,
    pub report_year: Option<ReportYear>,
    /// For a Markdown file's prose, the lines that end in a paragraph's
    /// soft line break (see [`Document::soft_breaks`]); `None` for a text.
    pub markdown_soft: Option<Vec<u32>>,
    /// [`Document::soft_breaks`], found on first use.
    soft: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// [`Document::wrap_counts`], found on first use.
    wrap: std::sync::OnceLock<(usize, usize)>,
    /// [`Document::page_breaks`], found on first use.
    pages: std::sync::OnceLock<Vec<(usize, usize)>>,
    /// A forwarded e-mail's notice (see `forwarded_notice`): its lines,
    /// from the line after the forwarding separator to the signature block
    /// (or the end). The lines outside it are the e-mail's chrome.
    pub forwarded: Option<Range<usize>>,
}

impl<'a> Document<'a> {
    /// Whether line `i` stops short of its sentence's end and the sentence
    /// runs on in the next line, as in a paragraph wrapped by hand: a long
    /// line of running text (or a heading with text after it) that ends
    /// without a mark that ends a sentence or a clause before a list, and
    /// running text right after it that does not open an item of its own
    /// (`二是…`, `● …`): items written without end marks are not one
    /// sentence.
    pub fn runs_on(&self, i: usize) -> bool {
        let (Some(line), Some(next)) = (self.lines.get(i), self.lines.get(i + 1)) else {
            return false;
        };
        let r = line.content();
        matches!(line.kind, LineKind::Body | LineKind::Heading)
            && next.kind == LineKind::Body
            && r.len() >= WRAPPED_LINE_MIN
            && self.text[r]
                .chars()
                .next_back()
                .is_some_and(|c| !RUN_STOPS.contains(c))
            && !opens_item(&self.text[next.content()])
    }

    /// Whether the text is wrapped by hand (copied from a PDF or a fixed-
    /// width export): a quarter of the long lines of running text, and at
    /// least one, [run on](Self::runs_on) into the next. A draft with a
    /// paragraph a line has long lines that end with 。.
    pub fn wrapped_by_hand(&self) -> bool {
        let (long, runs) = self.wrap_counts();
        runs >= 1 && runs * 4 >= long
    }

    /// The long lines of running text, and how many of them run on: counted
    /// once.
    fn wrap_counts(&self) -> (usize, usize) {
        *self.wrap.get_or_init(|| {
            let (mut long, mut runs) = (0usize, 0usize);
            for (i, line) in self.lines.iter().enumerate() {
                if matches!(line.kind, LineKind::Body | LineKind::Heading)
                    && line.content().len() >= WRAPPED_LINE_MIN
                {
                    long += 1;
                    runs += usize::from(self.runs_on(i));
                }
            }
            (long, runs)
        })
    }

    /// The line breaks a figure or a date runs on over, as (end of the
    /// line's content, start of the next line's content), in text order: in
    /// a text [wrapped by hand](Self::wrapped_by_hand), a line of running
    /// text (or a heading with its paragraph run in) that
    /// [runs on](Self::runs_on) (in a Markdown file's prose, one that ends
    /// in a paragraph's soft line break: `markdown_soft`), is a full line of
    /// the wrap (three quarters, in characters, of the longest line that
    /// runs on among the three before and after it), is no
    /// table row (no tab, run of two spaces, ideographic gap or pipe: `table_row`), and ends in a digit,
    /// where the next line starts with a digit or 年, 月, 日 (and opens no
    /// item: `2.`, `3、`, nor is indented; `5.5%` is decimals, not the item
    /// `5.`), a unit (`236` / `件`, `96` / `%`:
    /// [`opens_unit`](crate::extract::numbers::opens_unit)) or the decimal
    /// point and the decimals (`58` / `.6%`); or ends
    /// in a digit and a decimal point (`.`, `．`) before a line that starts
    /// with the decimals and a unit or a mark (`12.` / `5万元`; not `5.
    /// 加强…`), the line being no heading nor item (`1.`, `（二）`, `二是`);
    /// or ends in one to three digits and an ASCII comma before a group of
    /// three (`1,` / `288件`; a full-width ，is the sentence's). Two lines
    /// at least must run on. Anywhere else a line break ends a figure (and
    /// a figure cut at its point or comma by a break not read over is
    /// uncertain: see `numbers::doubt_cuts`).
    pub fn soft_breaks(&self) -> &[(usize, usize)] {
        self.soft.get_or_init(|| self.find_soft_breaks())
    }

    /// Whether a figure (or a date) cut by the line break after line `i`
    /// goes on at the start of line `j` (the next line, or the next past a
    /// page's furniture): the test of [`Document::soft_breaks`] on the two
    /// lines alone, without the wrap's width.
    #[inline(always)]
    fn figure_goes_on(&self, i: usize, j: usize) -> bool {
        let b = self.text.as_bytes();
        let digit_byte_at = |e: usize| crate::extract::numbers::ends_in_digit(&b[..e]);
        // A digit ends the line, read from its last bytes (ASCII, or
        // full-width: EF BC 90–99), or a digit and a decimal point (`.`,
        // `．`: EF BC 8E) or an ASCII comma; and the next line starts with
        // a digit, one of 年月日, a unit (lead bytes E4–E9, EF), `%` or a
        // decimal point: the test every line pays.
        let at_break = |l: &Line, n: &Line| {
            let (e, s) = (l.content().end, n.content().start);
            e > 1
                && (digit_byte_at(e)
                    || matches!(b[e - 1], b'.' | b',') && digit_byte_at(e - 1)
                    || e >= 4 && b[e - 3..e] == *"．".as_bytes() && digit_byte_at(e - 3))
                && b.get(s).is_some_and(|&c| {
                    c.is_ascii_digit()
                        || matches!(c, b'%' | b'.')
                        || (0xE4..=0xE9).contains(&c)
                        || c == 0xEF
                })
        };
        // What ends the line: digits, not right after a closing mark
        // (`…的通知》1` / `3月3日，…` is a note's mark and the next entry's
        // date, not 13月3日; a figure split by the wrap does not start after
        // a 书名号, quotation mark or bracket), and after them nothing, a
        // decimal point (`12.` / `5万元`) or an ASCII comma after one to
        // three digits (`1,` / `288件`; a full-width ，is the sentence's).
        let line_end = |t: &str| -> Option<End> {
            let (body, end) = if let Some(s) = t.strip_suffix(['.', '．']) {
                (s, End::Point)
            } else if let Some(s) = t.strip_suffix(',') {
                (s, End::Comma)
            } else {
                (t, End::Digits)
            };
            let digits = body.chars().rev().take_while(|&c| is_digit(c)).count();
            let before = body.chars().rev().nth(digits);
            let ok = digits > 0
                && !before.is_some_and(|c| {
                    matches!(
                        c,
                        '》' | '”' | '’' | '）' | ')' | '」' | '』' | '】' | '〉' | '"'
                    )
                })
                && match end {
                    End::Digits => true,
                    // Not a number of a section (`1.2.`) nor a list's.
                    End::Point => !before.is_some_and(|c| matches!(c, '.' | '．' | ',')),
                    End::Comma => digits <= 3,
                };
            ok.then_some(end)
        };
        // Decimals and what follows them: a unit or a mark, not a space
        // (`5. 加强…`), a point or a list's mark, nor the line's end.
        let decimals_go_on = |d: &str| {
            d.trim_start_matches(is_digit)
                .chars()
                .next()
                .is_some_and(|c| !is_space(c) && !".．、)）".contains(c))
        };
        let goes_on = |t: &str, end: End| {
            let mut cs = t.chars();
            let first = cs.next();
            let rest = cs.as_str().trim_start_matches(is_digit);
            match (end, first) {
                (End::Digits, Some('年' | '月' | '日')) => true,
                (End::Digits, Some(c)) if is_digit(c) => match rest.strip_prefix(['.', '．']) {
                    // `…办结率为10` / `5.5%`: the decimals, and a unit or a
                    // mark after them.
                    Some(r) if r.starts_with(is_digit) => decimals_go_on(r),
                    // `2.` `3、` `4)` open an item of a list.
                    Some(_) => false,
                    None => !rest.starts_with(['、', ')', '）']),
                },
                // The point moved to the next line (`…占58` / `.6%`).
                (End::Digits, Some('.' | '．')) => {
                    cs.as_str().starts_with(is_digit) && decimals_go_on(cs.as_str())
                }
                // A number split from its unit (`236` / `件`).
                (End::Digits, Some(c)) => crate::extract::numbers::opens_unit(c),
                // The decimals, and a unit or a mark after them: not an
                // item (`5. 加强…`), nor digits alone on the line.
                (End::Point, Some(c)) if is_digit(c) => decimals_go_on(cs.as_str()),
                // A group of three ASCII digits (`288件`).
                (End::Comma, Some(_)) => {
                    let n = t.bytes().take_while(u8::is_ascii_digit).count();
                    n == 3
                        && t[3..]
                            .chars()
                            .next()
                            .is_some_and(|c| !is_digit(c) && c != ',')
                }
                _ => false,
            }
        };
        let (l, n) = (&self.lines[i], &self.lines[j]);
        if !at_break(l, n) {
            return false;
        }
        let t = &self.text[l.content()];
        // A heading counts only with its paragraph run in (a mark
        // of a clause after it): `（二）上年检查中，发现问题8`, not
        // `二、2025年工作安排及2026`.
        (l.kind == LineKind::Body
            || l.kind == LineKind::Heading
                && ["，", "。", "；", ", "].iter().any(|m| t.contains(m)))
            && n.kind == LineKind::Body
            && l.content().end < n.content().start
            // An indented line opens a paragraph or an item (a
            // Markdown list's, whose marker is taken out).
            && self.line_start(j) == Some(n.content().start)
            && line_end(t).is_some_and(|end| {
                goes_on(&self.text[n.content()], end)
                    // A decimal point at a line's end joins only
                    // in running text: not in a heading or an item
                    // (`1.` `（二）` `二是`).
                    && (end != End::Point
                        || l.kind == LineKind::Body && !opens_item(t) && !numbered(t))
            })
    }

    fn find_soft_breaks(&self) -> Vec<(usize, usize)> {
        // Cheap first: pairs of lines of running text with a digit at the
        // break; only then is the text's wrap read.
        let candidates: Vec<usize> = (0..self.lines.len().saturating_sub(1))
            .filter(|&i| {
                self.figure_goes_on(i, i + 1)
                    && self
                        .markdown_soft
                        .as_ref()
                        .is_none_or(|soft| soft.binary_search(&(i as u32)).is_ok())
            })
            .collect();
        if candidates.is_empty() || self.markdown_soft.is_none() && !self.wrapped_by_hand() {
            return Vec::new();
        }
        let runs_on = |i: usize| match &self.markdown_soft {
            Some(soft) => soft.binary_search(&(i as u32)).is_ok(),
            None => self.runs_on(i),
        };
        // One line left open is no wrap.
        let runs = match &self.markdown_soft {
            Some(soft) => soft.len(),
            None => self.wrap_counts().1,
        };
        if runs < 2 {
            return Vec::new();
        }
        let chars = |i: usize| self.text[self.lines[i].content()].chars().count();
        // The wrap's width near the break: its longest line among the three
        // before and after it that run on.
        let widest = |i: usize| {
            (i.saturating_sub(3)..(i + 4).min(self.lines.len()))
                .filter(|&k| runs_on(k))
                .map(chars)
                .max()
                .unwrap_or(0)
        };
        candidates
            .into_iter()
            .filter(|&i| {
                let t = &self.text[self.lines[i].content()];
                runs_on(i) && !table_row(t) && chars(i) * 4 >= widest(i) * 3
            })
            .map(|i| {
                (
                    self.lines[i].content().end,
                    self.lines[i + 1].content().start,
                )
            })
            .collect()
    }

    /// The page breaks a sentence runs on over in a text [wrapped by
    /// hand](Self::wrapped_by_hand) (a PDF copied as text), as (the line
    /// before, the line after), in text order. Between the two stands a
    /// page's furniture and nothing else but blank lines: a folio (`— 3 —`,
    /// `- 3 -`, `3`, `第3页`, `3/12`), and on either side of it at most one
    /// running title: a short line without a sentence's or a clause's mark,
    /// no heading nor item, that appears at least twice beside a folio or is
    /// the document's title, or (after the folio only) of eight characters
    /// or more, not opening with a digit, that a line of text follows. The
    /// line before ends without a mark that ends a sentence, is no table
    /// row, and is a full line of the wrap (three quarters of the widest
    /// line near it that runs on), or of any length when it ends in a
    /// clause's mark (`…1,386件、`, `，`: a page may end on a paragraph's
    /// short line) or in a figure cut at its ASCII comma (`…案件2,` /
    /// `436件`); a heading counts with its paragraph run in (`（二）…。全县…`).
    /// The line after is running text, not indented, no item, heading or
    /// table row (`12.9%。` is a figure, not an item `1.`). A figure cut at the
    /// break (a digit, or a digit and `.` `,` before it) goes on only as
    /// over a soft break (`86.` / `5万元`; see [`Document::soft_breaks`]);
    /// else there is no such break.
    pub fn page_breaks(&self) -> &[(usize, usize)] {
        self.pages.get_or_init(|| self.find_page_breaks())
    }

    fn find_page_breaks(&self) -> Vec<(usize, usize)> {
        if self.markdown_soft.is_some() || !self.wrapped_by_hand() {
            return Vec::new();
        }
        let b = self.text.as_bytes();
        // A folio is a short line that starts with a digit, a dash or 第:
        // its first byte and length are the test every line pays.
        let folios: Vec<usize> = (0..self.lines.len())
            .filter(|&i| {
                let r = self.lines[i].content();
                (1..=30).contains(&r.len())
                    && matches!(b[r.start], b'0'..=b'9' | b'-' | 0xE2 | 0xE7 | 0xEF)
                    && is_folio(&self.text[r])
            })
            .collect();
        if folios.is_empty() {
            return Vec::new();
        }
        let text_of = |i: usize| &self.text[self.lines[i].content()];
        // A running title is tested for the ASCII marks of a row only
        // (`ascii_row`): a title such as `某县政府公报　　2024年第3期`
        // aligns nothing.
        let title_like = |i: usize| {
            let t = text_of(i);
            let l = &self.lines[i];
            !l.is_blank()
                && l.kind != LineKind::Heading
                && at_most_chars(t, 40)
                && !t.contains([
                    '。', '，', '；', '：', ',', ';', ':', '！', '？', '!', '?', '、',
                ])
                && !numbered(t)
                && !opens_item(t)
                && !ascii_row(t)
                && !is_folio(t)
        };
        let next_filled = |mut k: usize| {
            while self.lines.get(k).is_some_and(Line::is_blank) {
                k += 1;
            }
            (k < self.lines.len()).then_some(k)
        };
        let prev_filled = |mut k: usize| loop {
            if !self.lines[k].is_blank() {
                return Some(k);
            }
            k = k.checked_sub(1)?;
        };
        // The lines beside a folio that may be a running title: one that
        // appears twice among them is one.
        let mut beside: Vec<&str> = Vec::new();
        for &f in &folios {
            for k in [f.checked_sub(1).and_then(prev_filled), next_filled(f + 1)]
                .into_iter()
                .flatten()
            {
                if title_like(k) {
                    beside.push(text_of(k));
                }
            }
        }
        beside.sort_unstable();
        let title = self.title.as_ref();
        let running = |k: usize| {
            let t = text_of(k);
            title_like(k)
                && (beside.partition_point(|&s| s <= t) - beside.partition_point(|&s| s < t) >= 2
                    || title.is_some_and(|ti| {
                        ti.text == t || ti.lines.iter().any(|&l| text_of(l) == t)
                    }))
        };
        // The text is wrapped by hand without the furniture's lines: a
        // running title and the line before a folio run on too, and in a
        // text of one line a paragraph with a title on each page would
        // count as wrapped.
        let long_line = |k: usize| {
            matches!(self.lines[k].kind, LineKind::Body | LineKind::Heading)
                && self.lines[k].content().len() >= WRAPPED_LINE_MIN
        };
        let (mut long, mut runs) = self.wrap_counts();
        for &f in &folios {
            let before = f.checked_sub(1).and_then(prev_filled);
            let after = next_filled(f + 1).filter(|&k| title_like(k));
            for k in [before, after].into_iter().flatten() {
                if long_line(k) {
                    long = long.saturating_sub(1);
                    runs = runs.saturating_sub(usize::from(self.runs_on(k)));
                }
            }
        }
        if runs == 0 || runs * 4 < long {
            return Vec::new();
        }
        let chars = |i: usize| text_of(i).chars().count();
        let widest = |i: usize| {
            (i.saturating_sub(3)..(i + 4).min(self.lines.len()))
                .filter(|&k| k == i || self.runs_on(k))
                .map(chars)
                .max()
                .unwrap_or(0)
        };
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &f in &folios {
            // The line of text before: past a running title.
            let Some(mut i) = f.checked_sub(1).and_then(prev_filled) else {
                continue;
            };
            if running(i) {
                let Some(k) = i.checked_sub(1).and_then(prev_filled) else {
                    continue;
                };
                i = k;
            }
            // The line of text after: past a running title.
            let Some(mut j) = next_filled(f + 1) else {
                continue;
            };
            if title_like(j) {
                let after = next_filled(j + 1);
                // Right after a folio, a title of a few words, not the
                // figure or the words the sentence goes on with (`124起`).
                let titled = || {
                    let t = text_of(j);
                    !at_most_chars(t, 7) && !t.starts_with(is_digit)
                };
                if running(j) || titled() && after.is_some_and(|a| !is_folio(text_of(a))) {
                    match after {
                        Some(a) => j = a,
                        None => continue,
                    }
                }
            }
            let (l, n) = (&self.lines[i], &self.lines[j]);
            let (t, u) = (text_of(i), text_of(j));
            let body = |l: &Line| l.kind == LineKind::Body;
            // A clause's mark ends the line before (`…1,386件、`, `…，`; a
            // folded `,` not after a digit, which would be a figure's): the
            // sentence goes on whatever the line's length (a page may end
            // on a paragraph's short line).
            let clause_open = t.ends_with(['，', '、'])
                || t.ends_with(',') && !t[..t.len() - 1].ends_with(is_digit);
            // A figure cut at its point or comma (`…案件2,` / `436件`); at
            // its ASCII comma it goes on (tested below) whatever the line's
            // length: a group of three digits follows. (A point may end a
            // short line's sentence written half-width: `共计134.`.)
            let mark_cut = t
                .strip_suffix(['.', '．', ','])
                .is_some_and(|h| h.ends_with(is_digit));
            let comma_cut = mark_cut && t.ends_with(',');
            let ok = (body(l)
                || l.kind == LineKind::Heading
                    && ["，", "。", "；", ", "].iter().any(|m| t.contains(m)))
                && body(n)
                && t.chars()
                    .next_back()
                    .is_some_and(|c| !RUN_STOPS.contains(c))
                && !table_row(t)
                && !table_row(u)
                && !is_folio(u)
                && !opens_item(u)
                // `12.9%。` goes on with a figure: `1.` `2、` open items.
                && (!numbered(u) || decimal_first(u))
                && self.line_start(j) == Some(n.content().start)
                && (clause_open
                    || comma_cut
                    || l.content().len() >= WRAPPED_LINE_MIN && chars(i) * 4 >= widest(i) * 3)
                && out.last().is_none_or(|p| p.1 <= i);
            if !ok {
                continue;
            }
            // A figure cut at the break goes on as over a soft break, or
            // the sentence does not run on.
            let cut = mark_cut || t.ends_with(is_digit) && u.starts_with(is_digit);
            if cut && !self.figure_goes_on(i, j) {
                continue;
            }
            out.push((i, j));
        }
        out
    }

    /// The [page breaks](Self::page_breaks) as soft breaks: (end of the
    /// line's content before, start of the next line of text's content).
    pub fn page_joins(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.page_breaks()
            .iter()
            .map(|&(i, j)| (self.lines[i].content().end, self.lines[j].content().start))
    }

    pub fn new(text: &'a str) -> Self {
        let index = LineIndex::new(text);
        let mut lines = Vec::with_capacity(index.len());
        // Inside a comment that began on an earlier line.
        let mut in_comment = false;
        // The first forwarding separator line (`---------- 转发的邮件 ----------`).
        let mut separator = None;
        for i in 0..index.len() {
            let Range { start, end } = index.line_range(text, i);
            let raw = &text[start..end];
            let rest = raw.trim_start_matches(is_space);
            let lead = raw.len() - rest.len();
            let trimmed = rest.trim_end_matches(is_space);
            let comment = if in_comment {
                in_comment = !trimmed.contains("-->");
                true
            } else if let Some(inner) = trimmed.strip_prefix("<!--") {
                match inner.find("-->") {
                    None => {
                        in_comment = true;
                        true
                    }
                    // Text after the comment is the document's.
                    Some(k) => k + 3 == inner.len(),
                }
            } else {
                false
            };
            // A line of a comment (a suppression comment in a plain-text
            // draft) is no text of the document's: read as a blank line.
            let content = if trimmed.is_empty() || comment {
                start..start
            } else {
                start + lead..start + lead + trimmed.len()
            };
            if separator.is_none() && trimmed.starts_with("--") && is_mail_separator(trimmed) {
                separator = Some(i);
            }
            lines.push(Line::new(content));
        }
        let forwarded = separator.and_then(|s| forwarded_notice(text, &mut lines, s));
        let mut doc = Document {
            text,
            index,
            lines,
            title: None,
            headings: Vec::new(),
            report_year: None,
            markdown_soft: None,
            soft: std::sync::OnceLock::new(),
            wrap: std::sync::OnceLock::new(),
            pages: std::sync::OnceLock::new(),
            forwarded,
        };
        doc.classify();
        doc.report_year = doc.find_report_year();
        doc
    }

    /// Byte range of line `i` without its terminator.
    pub fn line_range(&self, i: usize) -> Range<usize> {
        self.index.line_range(self.text, i)
    }

    /// Where line `i` starts; `None` past the last line.
    pub fn line_start(&self, i: usize) -> Option<usize> {
        (i < self.index.len()).then(|| self.index.line_start(i))
    }

    /// The trimmed text of line `i`.
    pub fn line_text(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].content()]
    }

    pub fn slice(&self, r: Range<usize>) -> &'a str {
        &self.text[r]
    }

    pub fn position(&self, offset: usize) -> Position {
        self.index.position(self.text, offset)
    }

    /// Lines of running text and headings (not chrome, metadata or title).
    pub fn body_lines(&self) -> impl Iterator<Item = (usize, &Line)> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l.kind, LineKind::Body | LineKind::Heading))
    }

    /// The heading whose section contains line `line`, if any: the last
    /// heading at or before it.
    pub fn heading_before(&self, line: usize) -> Option<&Heading> {
        let i = self.headings.partition_point(|h| h.line() <= line);
        i.checked_sub(1).map(|i| &self.headings[i])
    }

    fn classify(&mut self) {
        // A forwarded notice's e-mail around it is chrome.
        let notice = self.forwarded.clone().unwrap_or(0..self.lines.len());
        // Headings first: they are recognised wherever they stand.
        for i in 0..self.lines.len() {
            if self.lines[i].is_blank() {
                self.lines[i].kind = LineKind::Blank;
                continue;
            }
            if !notice.contains(&i) {
                self.lines[i].kind = LineKind::Chrome;
                continue;
            }
            if let Some(h) = parse_heading(self.text, i, self.lines[i].content())
                && !is_numeric_row(&self.text[self.lines[i].content()])
                && !self.is_table_label(i)
                && !self.is_wrapped_row(i)
            {
                self.lines[i].kind = LineKind::Heading;
                self.headings.push(h);
            }
        }
        self.headings.shrink_to_fit();
        // The preamble: lines before the first line of running text. Chrome,
        // metadata and document-number lines split it into groups; the title
        // is the last line ending with a document type, with the lines of the
        // same group just before it (an organ name above "关于…的通知").
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        let mut group = 0;
        // The end of a page's metadata table already read (see
        // [`metadata_table_end`]): its lines are metadata.
        let mut table_end = 0;
        for i in notice {
            let kind = self.lines[i].kind;
            if kind == LineKind::Blank {
                continue;
            }
            if kind == LineKind::Heading {
                break;
            }
            let t = self.line_text(i);
            if i >= table_end {
                table_end = self.metadata_table_end(i).unwrap_or(0);
            }
            let new_kind = if i < table_end {
                LineKind::Meta
            } else if is_chrome(t) {
                LineKind::Chrome
            } else if is_meta(t) {
                LineKind::Meta
            } else if is_wechat_byline(t) {
                // A WeChat article's byline: its publication data, never
                // the title's.
                LineKind::Meta
            } else if memchr::memmem::find(t.as_bytes(), "关注".as_bytes()).is_some()
                && wechat_line(t) == Some(WeChatLine::Prompt)
            {
                LineKind::Chrome
            } else if is_docnum_line(t) {
                LineKind::DocNumber
            } else if opens_body(t) {
                break;
            } else if !ends_with_doc_type(t) && crate::rules::punct::text::is_page_chrome(t) {
                // A site's navigation bar or a page control (P202 reports
                // it): never a line of the title. (A line that ends with a
                // 文种 is the title or ends the title's group already.)
                group += 1;
                continue;
            } else {
                candidates.push((i, group));
                continue;
            };
            self.lines[i].kind = new_kind;
            group += 1;
        }
        // A candidate's text as a title reads it: an OCR title's spaces
        // between characters left out.
        let text_of = |i: usize| -> std::borrow::Cow<'a, str> {
            let t = self.line_text(i);
            unspaced_title(t).map_or(t.into(), Into::into)
        };
        let Some(pos) = candidates
            .iter()
            .rposition(|&(i, _)| ends_with_doc_type(&text_of(i)))
        else {
            return;
        };
        let (last, g) = candidates[pos];
        let mut lines = vec![last];
        for &(i, gi) in candidates[..pos].iter().rev() {
            let t = text_of(i);
            // A line that leaves a 《 open runs on into the next, whatever
            // it ends with (`关于印发《…实施方案` / `（2024—2026年）》的通知`).
            let open_title = t.matches('《').count() > t.matches('》').count();
            if gi != g || ends_with_doc_type(&t) && !open_title || starts_with_date(&t) {
                break;
            }
            lines.insert(0, i);
        }
        let mut text = String::new();
        for &i in &lines {
            text.push_str(&text_of(i));
        }
        for &i in &lines {
            self.lines[i].kind = LineKind::Title;
        }
        let range = self.lines[lines[0]].content().start..self.lines[last].content().end;
        self.title = Some(Title { lines, range, text });
    }

    /// When the preamble's line `first` opens the metadata table of a
    /// government page (政府信息公开: `索引号：…` `主题分类：…` `发文机关：…`
    /// `成文日期：…` `标题：…` `发文字号：…` `有效性：…`, one or two labels a
    /// line), the line after its last line. The table is consecutive lines
    /// (blank lines may part them) that each start with one of its labels,
    /// with three labels or more in all, one of them a label only such a page
    /// uses ([`TABLE_LABELS`]'s first `PAGE_ONLY`): a document's own 版头
    /// never labels its 发文字号 or its organ, and one labelled line
    /// (`签发人：…`) is no table. At most sixteen lines are looked at.
    fn metadata_table_end(&self, first: usize) -> Option<usize> {
        let mut labels = 0;
        let mut page_only = false;
        let mut end = None;
        let mut seen = 0;
        for j in first..self.lines.len() {
            let l = &self.lines[j];
            if l.kind == LineKind::Blank {
                continue;
            }
            seen += 1;
            if seen > 16 || l.kind == LineKind::Heading {
                break;
            }
            let Some((n, only)) = table_labels(self.line_text(j)) else {
                break;
            };
            labels += n;
            page_only |= only;
            end = Some(j + 1);
        }
        end.filter(|_| labels >= 3 && page_only)
    }

    /// A row of a table with a label only (`三、本年度办理结果` followed by
    /// tabs, or between two rows of figures): a label of the table's rows.
    fn is_table_label(&self, i: usize) -> bool {
        let numeric = |j: usize| {
            j < self.lines.len()
                && !self.lines[j].is_blank()
                && is_numeric_row(&self.text[self.lines[j].content()])
        };
        // Between two rows, or next to one with a tab of its own.
        // (The rows around are read before the line is searched for a tab.)
        let before = i > 0 && numeric(i - 1);
        let after = numeric(i + 1) || self.is_wrapped_row(i + 1);
        (before && after) || (before || after) && self.text[self.line_range(i)].contains('\t')
    }

    /// The first line of a table row whose label is wrapped onto the next
    /// line, as a PDF copy leaves it (`1.申请人无正当理由逾期不补正、` /
    /// `行政机关不再处理其政府信息公开申请     0    0    0`): the line stops
    /// where a label cannot end (after a 顿号 or a comma, or inside a
    /// bracket), and the next line has no marker of its own and ends in the
    /// row's figures. It is no heading.
    fn is_wrapped_row(&self, i: usize) -> bool {
        let Some(next) = self.lines.get(i + 1) else {
            return false;
        };
        // The next line first: most lines are ruled out by its last
        // character, before this one (a paragraph, maybe) is read.
        if next.is_blank()
            || !is_numeric_row(&self.text[next.content()])
            || parse_heading(self.text, i + 1, next.content()).is_some()
        {
            return false;
        }
        let s = self.line_text(i);
        s.ends_with(['、', '，', ',', '（', '(']) || s.rfind(['（', '(']) > s.rfind(['）', ')'])
    }

    fn find_report_year(&self) -> Option<ReportYear> {
        if let Some(t) = &self.title {
            // The first four-digit year followed by 年 that is not part of a range.
            for &i in &t.lines {
                let line = self.lines[i].content();
                let s = &self.text[line.clone()];
                // An OCR title with a space between its characters writes
                // the year apart from its 年 (`2025 年`).
                let spaced = unspaced_title(s).is_some();
                let unspace = |t: &'a str| {
                    t.strip_suffix([' ', '\u{3000}'])
                        .filter(|_| spaced)
                        .unwrap_or(t)
                };
                for (p, _) in s.match_indices('年') {
                    // 二〇二四年: four Chinese digits, not part of a range.
                    if let Some((year, at)) = chinese_year_before(s, p) {
                        let start = line.start + at;
                        return Some(ReportYear {
                            year,
                            source: YearSource::Title,
                            range: start..line.start + p,
                        });
                    }
                    // The four bytes before 年 are read as bytes first: they
                    // may end inside a character (二〇二三年).
                    let p = unspace(&s[..p]).len();
                    if p < 4 || !s.as_bytes()[p - 4..p].iter().all(u8::is_ascii_digit) {
                        continue;
                    }
                    let digits = &s[p - 4..p];
                    let before = unspace(&s[..p - 4]).chars().next_back();
                    if before.is_some_and(|c| c.is_ascii_digit() || is_range_mark(c)) {
                        continue;
                    }
                    if let Ok(year) = digits.parse() {
                        let start = line.start + p - 4;
                        return Some(ReportYear {
                            year,
                            source: YearSource::Title,
                            range: start..start + 4,
                        });
                    }
                }
            }
        }
        self.opening_year().map(|o| ReportYear {
            year: o.year,
            source: YearSource::Opening,
            range: o.range,
        })
    }

    /// The year the body opens with: "2023年，…" / "2023年,…" / "2023年是…" /
    /// "2023年以来", in one of the first lines of running text (a title-like
    /// line without a document type may stand before it).
    pub fn opening_year(&self) -> Option<OpeningYear> {
        for first_body in self
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .take(3)
        {
            let s = &self.text[first_body.content()];
            let b = s.as_bytes();
            if b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && s[4..].starts_with('年') {
                let rest = &s[7..];
                let rest = rest.strip_prefix('度').unwrap_or(rest);
                let since = rest.starts_with("以来");
                if rest.starts_with([',', '，']) || rest.starts_with('是') || since {
                    let year = s[..4].parse().ok()?;
                    let start = first_body.content().start;
                    return Some(OpeningYear {
                        year,
                        range: start..start + 4,
                        since,
                    });
                }
            }
        }
        None
    }
}

/// Whether a line opens an item of a list not numbered as a heading: an
/// ordinal word (`二是`, `其二`) or a bullet.
fn opens_item(t: &str) -> bool {
    let mut cs = t.chars();
    match (cs.next(), cs.next()) {
        (Some(c), Some('是')) if is_cn_digit(c) => true,
        (Some('其'), Some(c)) if is_cn_digit(c) => true,
        (Some(c), _) => "●○■□◆◇▪•·★☆-*".contains(c),
        _ => false,
    }
}

/// What ends a line before a [soft break](Document::soft_breaks).
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// `…共办理236` / `件`, `…整改到位11` / `8个`.
    Digits,
    /// `…经费为12.` / `5万元`.
    Point,
    /// `…调处成功1,` / `288件`.
    Comma,
}

/// Whether a line opens with a number of an item or a section (`1.`,
/// `2、`, `3)`, `（四）`, `五、`).
fn numbered(t: &str) -> bool {
    let rest = t.trim_start_matches(is_digit);
    if rest.len() < t.len() {
        return rest.starts_with(['.', '．', '、', ')', '）']);
    }
    let rest = t.trim_start_matches(['（', '(']);
    let after = rest.trim_start_matches(|c| "一二三四五六七八九十".contains(c));
    after.len() < rest.len() && after.starts_with(['、', '）', ')'])
}

/// Whether `t` opens with a decimal figure (`12.9%`, `3．5万元`): digits, a
/// point and a digit, not a number of an item (`1.`, `1. 加强…`).
fn decimal_first(t: &str) -> bool {
    let rest = t.trim_start_matches(is_digit);
    rest.len() < t.len()
        && rest
            .strip_prefix(['.', '．'])
            .is_some_and(|r| r.starts_with(is_digit))
}

/// `s` with the line breaks inside it taken out, with the spaces around
/// them: words of a sentence that runs on over a line break (in a text
/// wrapped by hand, where sentences hold line breaks), or a figure or a
/// date read over a [soft break](Document::soft_breaks), quoted in a message read as written on one
/// line (`纠` / `错率为` is `纠错率为`). Borrowed when `s` holds none.
#[inline]
pub fn joined(s: &str) -> Cow<'_, str> {
    // Short words and figures: a plain loop costs less than a call.
    if !s.bytes().any(|b| b == b'\n') {
        return Cow::Borrowed(s);
    }
    joined_lines(s)
}

fn joined_lines(s: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(s.len());
    // A figure or words read over a page break (see
    // `Document::page_breaks`): the page's furniture between (a folio, a
    // running title) is no part of them.
    let mut inner = s
        .split('\n')
        .map(|p| p.trim_matches(|c| c == '\r' || is_space(c)));
    inner.next();
    inner.next_back();
    let furniture = inner.clone().any(is_folio);
    let last = s.bytes().filter(|&b| b == b'\n').count();
    let mut parts = s
        .split('\n')
        .enumerate()
        .filter(|&(k, p)| {
            let t = p.trim_matches(|c| c == '\r' || is_space(c));
            !(furniture
                && k > 0
                && k < last
                && (t.is_empty()
                    || is_folio(t)
                    || at_most_chars(t, 40)
                        && !t.contains([
                            '。', '，', '；', '：', ',', ';', ':', '！', '？', '!', '?',
                        ])))
        })
        .map(|(_, p)| p)
        .peekable();
    let mut first = true;
    while let Some(part) = parts.next() {
        let mut part = if first {
            part
        } else {
            part.trim_start_matches(is_space)
        };
        if parts.peek().is_some() {
            part = part.trim_end_matches(|c| c == '\r' || is_space(c));
        }
        out.push_str(part);
        first = false;
    }
    Cow::Owned(out)
}

/// Whether `t` (a trimmed line) is a folio, a page's number as a PDF prints
/// it: one to three digits alone or between dashes (`— 3 —`, `- 3 -`,
/// `－3－`), `第3页` (`第3页 共12页`), or `3/12`.
pub fn is_folio(t: &str) -> bool {
    let core = t.trim_matches(|c| is_space(c) || matches!(c, '—' | '－' | '-' | '–'));
    let digits = |s: &str| (1..=3).contains(&s.chars().count()) && s.chars().all(is_digit);
    if digits(core) {
        // Dashes on both sides or none.
        let dashed = |c: Option<char>| c.is_some_and(|c| matches!(c, '—' | '－' | '-' | '–'));
        return dashed(t.chars().next()) == dashed(t.chars().next_back());
    }
    if let Some((a, z)) = t.split_once('/') {
        return digits(a.trim_matches(is_space)) && digits(z.trim_matches(is_space));
    }
    t.starts_with('第')
        && t.contains('页')
        && t.chars().any(is_digit)
        && t.chars()
            .all(|c| is_digit(c) || is_space(c) || matches!(c, '第' | '页' | '共' | '，' | ','))
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The length in bytes (fifteen Chinese characters) from which a line that
/// ends without 。 may be a line of a paragraph wrapped by hand.
const WRAPPED_LINE_MIN: usize = 45;

/// The sentences of a document: byte ranges in text order, split at 。！？
/// and folded ! ?, held as `u32` pairs. They are found on demand (see
/// [`crate::extract::Extraction::sentences`]): the numbers, the arithmetic
/// rules and D013 read them, and a large document frees them once those
/// have run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentences(Vec<Span32>);

impl Sentences {
    #[inline(never)]
    pub fn new(doc: &Document<'_>) -> Self {
        let mut out: Vec<Span32> = Vec::new();
        // A text wrapped by hand (copied from a PDF) runs its sentences on
        // from one line into the next: a sentence left open at the end of
        // such a line starts here, and ends in the next.
        let wrapped = doc.wrapped_by_hand();
        // A sentence runs on over a page's furniture too (see
        // `Document::page_breaks`): the furniture is no sentence of its own.
        let pages = if wrapped { doc.page_breaks() } else { &[] };
        let mut page = pages.iter().peekable();
        let mut carry: Option<usize> = None;
        // Sentence ends: 。 found with memmem over the whole text, ！？ with a
        // SIMD search and ! ? with memchr (these two merged: they are few),
        // so the characters between are never decoded; the lines, in order,
        // take the ends that fall inside them.
        let t = doc.text.as_bytes();
        let mut ends = itertools::merge(
            stop_at_end(memchr::memchr2_iter(b'!', b'?', t)),
            stop_at_end(BANG_QUERY.find_iter(doc.text)).map(|m| m.start()),
        )
        .peekable();
        let mut stops = stop_at_end(FULL_STOP.find_iter(t)).peekable();
        for (li, line) in doc.lines.iter().enumerate() {
            while page.next_if(|p| p.1 <= li).is_some() {}
            let over_page = page.peek().filter(|p| p.0 <= li);
            if !matches!(line.kind, LineKind::Body | LineKind::Heading)
                || over_page.is_some_and(|p| p.0 < li)
            {
                continue;
            }
            let r = line.content();
            let s = &doc.text[r.clone()];
            let mut start = 0;
            // Where the sentence that starts at `start` in this line starts:
            // the first one on the line before when it was carried here.
            let carried = carry.take();
            let from = |start: usize| match carried {
                Some(at) if start == 0 => at,
                _ => r.start + start,
            };
            let bytes = s.as_bytes();
            while ends.next_if(|&p| p < r.start).is_some() {}
            while stops.next_if(|&p| p < r.start).is_some() {}
            loop {
                // The next end in this line, from whichever search has it first.
                let next = match (ends.peek(), stops.peek()) {
                    (Some(&a), Some(&b)) if a < b => Some((a, true)),
                    (Some(&a), None) => Some((a, true)),
                    (_, Some(&b)) => Some((b, false)),
                    (None, None) => None,
                };
                let Some((at, from_ends)) = next.filter(|&(at, _)| at < r.end) else {
                    break;
                };
                if from_ends {
                    ends.next();
                } else {
                    stops.next();
                }
                let i = at - r.start;
                if i < start {
                    continue;
                }
                let mut end = if bytes[i].is_ascii() {
                    // A folded ! or ? ends a sentence unless a letter or
                    // digit follows (`Wi-Fi?`, `A!B`).
                    if bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
                        continue;
                    }
                    i + 1
                } else {
                    i + '。'.len_utf8()
                };
                // Keep a closing quote or bracket with its sentence.
                while let Some(n) = s[end..]
                    .chars()
                    .next()
                    .filter(|n| matches!(n, '”' | '’' | '）' | ')' | '》'))
                {
                    end += n.len_utf8();
                }
                if end > start {
                    out.push((from(start)..r.start + end).into());
                }
                start = end;
            }
            if start < s.len() && !s[start..].trim_matches(is_space).is_empty() {
                if wrapped && (doc.runs_on(li) || over_page.is_some()) {
                    carry = Some(from(start));
                } else {
                    out.push((from(start)..r.end).into());
                }
            }
        }
        if let Some(from) = carry {
            let end = doc.lines.last().map_or(from, |l| l.content().end);
            out.push((from..end).into());
        }
        out.shrink_to_fit();
        Sentences(out)
    }

    /// The byte range of sentence `i`.
    pub fn get(&self, i: usize) -> Range<usize> {
        self.0[i].range()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every sentence's byte range, in text order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Range<usize>> + '_ {
        self.0.iter().map(|s| s.range())
    }

    /// The sentence that holds byte `offset`: its index and range.
    pub fn at(&self, offset: usize) -> Option<(usize, Range<usize>)> {
        let i = self.0.partition_point(|s| s.range().end <= offset);
        let r = self.0.get(i)?.range();
        (r.start <= offset).then_some((i, r))
    }
}

/// Marks that join the two ends of a range.
/// Whether the bytes at `i` of `b` are the character 一 between two ASCII
/// digits (`2一3年`, `2020一2022年`): typed for the dash it looks like, a
/// range's connector there. After a unit it is a word (`2024年一季度`).
pub fn yi_dash_at(b: &[u8], i: usize) -> bool {
    i > 0
        && b[i - 1].is_ascii_digit()
        && b.get(i..i + 3) == Some("一".as_bytes())
        && b.get(i + 3).is_some_and(u8::is_ascii_digit)
}

pub fn is_range_mark(c: char) -> bool {
    matches!(
        c,
        '—' | '-' | '－' | '–' | '~' | '～' | '〜' | '至' | '‐' | '―'
    )
}

/// A line that a WeChat 公众号 article's page adds to the text copied from
/// it. Each is recognised as a whole line only: a sentence of the text that
/// mentions 关注, 分享 or 在看 is text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeChatLine {
    /// A prompt to follow the account: `点击上方蓝字关注我们`,
    /// `长按识别二维码关注我们`, `微信扫一扫关注该公众号`.
    Prompt,
    /// The byline: `原创 川东应急 川东应急 2026年02月25日 18:02 四川` (see
    /// [`is_wechat_byline`]).
    Byline,
    /// The heading of the links to earlier articles: `往期推荐`, `往期回顾`,
    /// `推荐阅读`.
    Recommend,
    /// The page's controls: `阅读原文`, `分享　收藏　点赞　在看`,
    /// `预览时标签不可点`, `— END —`.
    Toolbar,
    /// The credits: `来源：…`, `编辑：…　审核：…`. A document may name a
    /// source of its own, so these count only beside another line of the
    /// page.
    Credits,
}

/// Decoration of a WeChat page's lines, left out before their words are
/// compared: arrows, pointing hands, quotes, dashes, bars and stars.
fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '↑' | '↓'
            | '←'
            | '→'
            | '▲'
            | '△'
            | '▼'
            | '▽'
            | '▶'
            | '►'
            | '▷'
            | '◀'
            | '◁'
            | '☝'
            | '⬆'
            | '⬇'
            | '•'
            | '·'
            | '|'
            | '｜'
            | '丨'
            | '—'
            | '–'
            | '-'
            | '='
            | '~'
            | '～'
            | '*'
            | '#'
            | '【'
            | '】'
            | '['
            | ']'
            | '「'
            | '」'
            | '“'
            | '”'
            | '"'
            | '\''
            | '‘'
            | '’'
            | '!'
            | '！'
            | '\u{fe0f}'
    ) || ('\u{1f300}'..='\u{1faff}').contains(&c)
}

/// The headings of the links to earlier articles at the end of a page.
const RECOMMEND: [&str; 14] = [
    "往期推荐",
    "往期回顾",
    "往期精彩",
    "往期精选",
    "往期阅读",
    "往期精彩回顾",
    "精彩回顾",
    "精彩推荐",
    "推荐阅读",
    "相关阅读",
    "延伸阅读",
    "热文推荐",
    "近期热文",
    "更多精彩",
];

/// Words of a page's controls that stand in a line of their own.
const PAGE_CONTROLS: [&str; 7] = [
    "阅读原文",
    "预览时标签不可点",
    "滑动看下一个",
    "喜欢此内容的人还喜欢",
    "扫一扫可打开此内容",
    "扫一扫使用小程序",
    "写留言",
];

/// The buttons of the toolbar under an article (`分享　收藏　点赞　在看`),
/// the first four those only the toolbar shows.
const TOOLBAR: [&str; 10] = [
    "分享", "收藏", "点赞", "在看", "转发", "留言", "评论", "推荐", "阅读", "赞",
];

/// The labels of an article's credits, before a colon or a bar.
const CREDITS: [&str; 26] = [
    "来源", "编辑", "审核", "责编", "审校", "校对", "排版", "初审", "复审", "终审", "撰稿", "供稿",
    "文字", "图片", "图文", "文图", "摄影", "美编", "文案", "监制", "统筹", "出品", "编审", "作者",
    "文", "图",
];

/// What line of a WeChat article's page `t` (a trimmed line) is, if any.
pub fn wechat_line(t: &str) -> Option<WeChatLine> {
    // Short lines: most lines are answered by their length in bytes.
    if t.len() > 240 || !at_most_chars(t, 60) {
        return None;
    }
    if is_wechat_byline(t) {
        return Some(WeChatLine::Byline);
    }
    if is_credits(t) {
        return Some(WeChatLine::Credits);
    }
    // The other lines hold one of a few words: one search rules out the
    // rest before a character is decoded.
    static ANCHORS: LazyLock<Needles> = LazyLock::new(|| {
        Needles::new(&[
            "关注",
            "推荐",
            "回顾",
            "精彩",
            "精选",
            "阅读",
            "热文",
            "预览",
            "滑动",
            "喜欢",
            "扫一扫",
            "留言",
            "分享",
            "收藏",
            "赞",
            "在看",
            "转发",
            "评论",
            "END",
            "End",
            "end",
        ])
    });
    if !ANCHORS.is_match(t) || memchr::memmem::find(t.as_bytes(), "。".as_bytes()).is_some() {
        return None;
    }
    let s: String = t
        .chars()
        .filter(|&c| !is_space(c) && !is_decoration(c))
        .collect();
    if s.is_empty() || !at_most_chars(&s, 24) || s.contains(['，', ',', '；', ';', '：', ':']) {
        return None;
    }
    if s.contains("关注")
        && (["点击", "蓝字", "二维码", "扫一扫", "扫码", "识别", "星标"]
            .iter()
            .any(|w| s.contains(w))
            || ["关注我们", "关注该公众号", "关注公众号"]
                .iter()
                .any(|w| s.ends_with(w)))
    {
        return Some(WeChatLine::Prompt);
    }
    if RECOMMEND.contains(&s.as_str()) {
        return Some(WeChatLine::Recommend);
    }
    if PAGE_CONTROLS.iter().any(|w| s.contains(w)) || s.eq_ignore_ascii_case("END") {
        return Some(WeChatLine::Toolbar);
    }
    is_toolbar(&s).then_some(WeChatLine::Toolbar)
}

/// A row of the toolbar's buttons, with or without their counts
/// (`分享收藏点赞在看`, `阅读1.2万在看15`; spaces already taken out): two
/// buttons or more, one of them a button only the toolbar shows.
fn is_toolbar(s: &str) -> bool {
    let mut rest = s;
    let (mut buttons, mut own) = (0, false);
    while !rest.is_empty() {
        if let Some((k, w)) = TOOLBAR
            .iter()
            .enumerate()
            .find(|(_, w)| rest.starts_with(*w))
        {
            buttons += 1;
            own |= k < 4;
            rest = &rest[w.len()..];
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            rest = rest.trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | '+' | '万' | 'w' | 'W' | 'k' | 'K')
            });
        } else {
            return false;
        }
    }
    buttons >= 2 && own
}

/// A line of credits: it starts with a label of [`CREDITS`] and a colon or a
/// bar (`编辑：王晓　审核：李明`, `来源 | 某县司法局`, folded `编辑:王晓`).
fn is_credits(t: &str) -> bool {
    CREDITS.iter().any(|w| {
        t.strip_prefix(w).is_some_and(|r| {
            r.trim_start_matches(is_space)
                .starts_with([':', '：', '|', '｜', '丨'])
        })
    })
}

/// The byline of a WeChat article, as a line of its own: `原创` (optional),
/// the author and the account (the same name twice when the account writes
/// itself), the date (`2026年02月25日`, `2026年2月25日`, `2026-02-25`), the
/// time and the place it was posted from (`四川`, `发表于四川`). The line is
/// a byline when it has the time, begins with 原创, or names the account
/// twice: an organ's name and a date alone (a 纪要's 版头) are not one.
pub fn is_wechat_byline(t: &str) -> bool {
    if t.len() > 240 {
        return false;
    }
    let (original, rest) = match t.strip_prefix("原创") {
        Some(r) => (true, r.trim_start_matches(is_space)),
        None => (false, t),
    };
    let Some(d) = rest.bytes().position(|b| b.is_ascii_digit()) else {
        return false;
    };
    let (names, tail) = rest.split_at(d);
    // The date first: a title's `2025年度` fails at its 度.
    let Some(after) = byline_date(tail) else {
        return false;
    };
    // Names: Han characters and letters, no mark.
    if !names.chars().all(|c| {
        is_space(c)
            || c.is_ascii_alphabetic()
            || matches!(c, '·' | '_')
            || matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
    }) {
        return false;
    }
    let after = after.trim_start_matches(is_space);
    let (timed, after) = match clock_time(after) {
        Some(r) => (true, r.trim_start_matches(is_space)),
        None => (false, after),
    };
    let place = ["发表于", "IP属地：", "IP属地:"]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .unwrap_or(after)
        .trim_start_matches(is_space);
    if !(place.is_empty() || at_most_chars(place, 6) && place.chars().all(char::is_alphabetic)) {
        return false;
    }
    let mut tokens = names.split(is_space).filter(|s| !s.is_empty()).rev();
    let twice = matches!((tokens.next(), tokens.next()), (Some(a), Some(b)) if a == b);
    timed || original && !names.trim_matches(is_space).is_empty() || twice
}

/// A date at the start of `s` written as a byline writes it (`2026年02月25日`,
/// `2026年2月25日`, `2026-02-25`, `2026/02/25`): what follows it.
fn byline_date(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |s: &'_ str| -> Option<(u32, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        ((1..=2).contains(&n)).then(|| (s[..n].parse().unwrap_or(0), n))
    };
    let rest = &s[4..];
    let (marks, rest): ([&str; 3], &str) = if let Some(r) = rest.strip_prefix('年') {
        (["年", "月", "日"], r)
    } else if let Some(r) = rest.strip_prefix('-') {
        (["-", "-", ""], r)
    } else if let Some(r) = rest.strip_prefix('/') {
        (["/", "/", ""], r)
    } else {
        return None;
    };
    let (month, n) = number(rest)?;
    let rest = rest[n..].strip_prefix(marks[1])?;
    let (day, n) = number(rest)?;
    let rest = rest[n..].strip_prefix(marks[2])?;
    ((1..=12).contains(&month)
        && (1..=31).contains(&day)
        && !rest.starts_with(|c: char| c.is_ascii_digit()))
    .then_some(rest)
}

/// A clock time at the start of `s` (`18:02`, `9:30`, `18:02:35`): what
/// follows it.
fn clock_time(s: &str) -> Option<&str> {
    let h = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&h) {
        return None;
    }
    let rest = s[h..].strip_prefix([':', '：'])?;
    let m = rest.bytes().take_while(u8::is_ascii_digit).count();
    if m != 2 {
        return None;
    }
    let rest = &rest[2..];
    // Seconds, when the page shows them.
    Some(match rest.strip_prefix(':') {
        Some(r) if r.len() >= 2 && r.as_bytes()[..2].iter().all(u8::is_ascii_digit) => &r[2..],
        _ => rest,
    })
}

/// Whether line `t` is the separator a mail client writes above a forwarded
/// or quoted message: dashes, a phrase naming the forwarded or original
/// mail, dashes (`---------- 转发的邮件 ----------`,
/// `-----Original Message-----`, `----- 原始邮件 -----`,
/// `-------- 转发邮件信息 --------`, `---------- Forwarded message ---------`).
pub fn is_mail_separator(t: &str) -> bool {
    if !t.starts_with("--") || !t.trim_end().ends_with('-') {
        return false;
    }
    if ["原始邮件", "邮件原件", "转发邮件", "转发的邮件"]
        .iter()
        .any(|w| t.contains(w))
    {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    lower.contains("forwarded message") || lower.contains("original message")
}

/// The notice a plain-text e-mail forwards after its separator line `sep`:
/// when the non-blank lines after the separator (up to a signature block's
/// `--` line) are nearly all quoted with `>` (three at least, one in ten
/// unquoted at most), each quoted line's content starts after its `>` marks
/// and the spaces after them, and the lines of the notice are returned
/// (from the line after the separator to the `--` line or the end). A `>`
/// anywhere else, or a few quoted lines, change nothing. (A Markdown file's
/// prose has lost its blockquote marks already.)
fn forwarded_notice(text: &str, lines: &mut [Line], sep: usize) -> Option<Range<usize>> {
    let (mut quoted, mut other) = (0usize, 0usize);
    let mut end = lines.len();
    for (j, l) in lines.iter().enumerate().skip(sep + 1) {
        let t = &text[l.content()];
        if t.starts_with('>') {
            quoted += 1;
        } else if t == "--" && quoted > 0 {
            end = j;
            break;
        } else if !t.is_empty() {
            other += 1;
        }
    }
    if quoted < 3 || other * 10 > quoted {
        return None;
    }
    for l in &mut lines[sep + 1..end] {
        let r = l.content();
        let t = &text[r.clone()];
        if t.starts_with('>') {
            let rest = t.trim_start_matches(|c| c == '>' || is_space(c));
            let start = r.end - rest.len();
            *l = Line::new(if rest.is_empty() {
                r.start..r.start
            } else {
                start..r.end
            });
        }
    }
    Some(sep + 1..end)
}

fn is_chrome(t: &str) -> bool {
    // The breadcrumb's words in one pass (the first line of a document that
    // is one paragraph is megabytes long): a word of location, or 首页
    // with an arrow.
    static WORDS: LazyLock<Needles> =
        LazyLock::new(|| Needles::new(&["当前位置", "您的位置", "您所在的位置", "首页"]));
    let mut home = false;
    for m in WORDS.find_iter(t) {
        if m.pattern().as_usize() < 3 {
            return true;
        }
        home = true;
    }
    (home && (t.contains('>') || t.contains('＞') || t.contains('»')))
        // A web page's date bar: "今天是：2019年10月31日 星期三".
        || (t.starts_with("今天是") && t.contains("星期"))
}

/// A page's line of publication data: it starts with one of their labels
/// and its colon (`发布日期：… 来源：…`, `信息来源：… 发布日期：… 阅读次数：…`:
/// the labels come in any order), or names the source with a time or an
/// author.
fn is_meta(t: &str) -> bool {
    const KEYS: [&str; 13] = [
        "发布时间",
        "发布日期",
        "来源",
        "信息来源",
        "文章来源",
        "作者",
        "时间",
        "浏览次数",
        "阅读次数",
        "点击次数",
        "访问次数",
        "字号",
        "索引号",
    ];
    KEYS.iter().any(|k| {
        t.strip_prefix(k)
            .is_some_and(|r| r.trim_start_matches(is_space).starts_with([':', '：']))
    }) || (t.contains("来源")
        && (t.contains("时间") || t.contains("作者") || t.contains("发布日期"))
        && (t.contains(':') || t.contains('：')))
}

/// The labels of a government page's metadata table (政府信息公开目录),
/// those only such a page uses first (up to `PAGE_ONLY`), then those a
/// document may also write.
const TABLE_LABELS: [&str; 27] = [
    "索引号",
    "主题分类",
    "有效性",
    "公开方式",
    "公开范围",
    "公开时限",
    "信息分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "效力状态",
    "生成日期",
    "发布机构",
    "所属机构",
    "发文机关",
    "成文日期",
    "发文日期",
    "发布日期",
    "发布时间",
    "标题",
    "发文字号",
    "文号",
    "主题词",
    "关键词",
    "生效日期",
    "废止日期",
    "信息来源",
];
const PAGE_ONLY: usize = 14;

/// A line of a page's metadata table: it starts with one of
/// [`TABLE_LABELS`] and its colon, and holds no sentence. The number of
/// labels it holds (two in a table of two columns: `索引号：…　主题分类：…`)
/// and whether one of them is a page's own.
fn table_labels(t: &str) -> Option<(usize, bool)> {
    let labelled = |at: &str, w: &str| {
        at.strip_prefix(w)
            .is_some_and(|r| r.trim_start_matches(is_space).starts_with([':', '：']))
    };
    // The first label ends within six characters and its spaces, at a
    // colon: most lines are answered from their first bytes.
    let head = &t.as_bytes()[..t.len().min(24)];
    let colon = match (
        memchr::memchr(b':', head),
        memchr::memmem::find(head, "：".as_bytes()),
    ) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let label = t[..colon].trim_end_matches(is_space);
    if !TABLE_LABELS.contains(&label) || !at_most_chars(t, 120) || t.contains('。') {
        return None;
    }
    let mut n = 0;
    let mut page_only = false;
    for (k, w) in TABLE_LABELS.iter().enumerate() {
        // At the line's start or after a space (a second column); 文号 in
        // 发文字号 is one label.
        if t.match_indices(w)
            .any(|(p, _)| labelled(&t[p..], w) && (p == 0 || t[..p].ends_with(is_space)))
        {
            n += 1;
            page_only |= k < PAGE_ONLY;
        }
    }
    Some((n, page_only))
}

/// A line that is only a 发文字号, in any bracket style.
fn is_docnum_line(t: &str) -> bool {
    let t = without_reply_class(t);
    // Five to thirty characters.
    if !at_most_chars(t, 30) || at_most_chars(t, 4) || !t.ends_with('号') {
        return false;
    }
    let open = ['〔', '[', '［', '【', '(', '（', '﹝', '〖'];
    t.chars().any(|c| open.contains(&c))
        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 5
        && !t.contains('。')
        && !t.contains('，')
}

/// `t` without the 答复类别 written after a space at the end of a
/// 发文字号 line of a reply to a 建议 or 提案 (`南司函〔2026〕18号　　A`,
/// `…18号 B类`): the class of the reply (A, B or C), not part of the number.
fn without_reply_class(t: &str) -> &str {
    for class in ["A", "B", "C", "Ａ", "Ｂ", "Ｃ"] {
        let Some(rest) = t.strip_suffix("类").unwrap_or(t).strip_suffix(class) else {
            continue;
        };
        let number = rest.trim_end_matches(is_space);
        if number.len() < rest.len() {
            return number;
        }
    }
    t
}

fn looks_like_body(t: &str) -> bool {
    t.ends_with([':', '：'])
        || t.ends_with('。')
        || !at_most_chars(t, 60)
        || t.contains('。')
        || t.contains('，')
        || t.contains(", ")
        || (t.contains(',') && !at_most_chars(t, 30))
}

/// Whether a line of the preamble is running text, where the preamble ends.
/// An OCR title with a space between its characters is read without them
/// (`关 于 … 的 报 告`).
fn opens_body(t: &str) -> bool {
    let u = unspaced_title(t);
    let t = u.as_deref().unwrap_or(t);
    looks_like_body(t) && !is_title_with_period(t)
}

/// A line of a title that OCR (or letter-spaced type) wrote with a space
/// between every two characters (`关 于 2025 年 度 … 的 报 告`): the line
/// without those spaces. Each part between single spaces is one character or
/// a number, and at least four are Han characters; a line with no space, or
/// with words of several characters between its spaces, is `None`.
fn unspaced_title(t: &str) -> Option<String> {
    // Most lines have no space at all.
    if memchr::memchr(b' ', t.as_bytes()).is_none() && !t.contains('\u{3000}') {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let (mut han, mut parts) = (0usize, 0usize);
    for part in t.split([' ', '\u{3000}']) {
        let mut cs = part.chars();
        let first = cs.next()?;
        if cs.next().is_some() {
            // Only a number is written as a run (`2025`).
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
        } else if crate::rules::punct::text::is_han(first) {
            han += 1;
        }
        parts += 1;
        out.push_str(part);
    }
    (han >= 4 && parts >= 5).then_some(out)
}

/// A title line that wrongly ends with a full stop: short, with no other
/// sentence punctuation, ending with a document type before the stop.
fn is_title_with_period(t: &str) -> bool {
    let Some(body) = t.strip_suffix('。').or_else(|| t.strip_suffix('.')) else {
        return false;
    };
    at_most_chars(body, 60)
        && !body.contains(['。', '，', ',', '：', ':', '；', ';'])
        && ends_with_doc_type(body)
}

fn starts_with_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && t[4..].starts_with('年') && {
        let r = &t[7..];
        r.starts_with(|c: char| c.is_ascii_digit())
    }
}

/// Document types a title ends with: the 15 文种 of the 条例 plus the kinds
/// of text that are issued under them.
pub const DOC_TYPES: [&str; 27] = [
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
    "批复", "议案", "函", "纪要", "方案", "办法", "规定", "规划", "要点", "计划", "细则", "总结",
    "讲话", "安排", "纲要",
];

fn ends_with_doc_type(t: &str) -> bool {
    if is_doc_type_end(t.trim_end_matches(['。', '.', ')', '）'])) {
        return true;
    }
    // A short note in brackets after the 文种: `……的报告（送审稿）`,
    // `……的通知（征求意见稿）`.
    split_bracket_note(t.trim_end_matches(['。', '.']))
        .is_some_and(|(s, note)| at_most_chars(note, 12) && is_doc_type_end(s))
}

/// `t` cut before a note in brackets at its end (`（试行）`, `（送审稿）`):
/// the text before it and the note, brackets included.
pub fn split_bracket_note(t: &str) -> Option<(&str, &str)> {
    if !t.ends_with([')', '）']) {
        return None;
    }
    t.rfind(['(', '（']).map(|p| t.split_at(p))
}

/// The endings of the title of a reply to a 人大建议, 议案 or 政协提案
/// (`关于…第36号建议的答复`): sent as a 函, it is titled 答复 by the rules
/// on handling them, and 答复 is no 文种 elsewhere.
const REPLY_TITLE_ENDS: [&str; 3] = ["建议的答复", "提案的答复", "议案的答复"];

/// Whether `t` ends with one of [`DOC_TYPES`] (or is the title of a reply to
/// a 建议 or 提案). Its last character is looked at first: most lines end
/// with none of theirs.
pub fn is_doc_type_end(t: &str) -> bool {
    t.chars().next_back().is_some_and(may_end_doc_type)
        && (DOC_TYPES.iter().any(|d| t.ends_with(d))
            || REPLY_TITLE_ENDS.iter().any(|d| t.ends_with(d)))
}

/// The last characters of [`DOC_TYPES`] (a test checks the list).
fn may_end_doc_type(c: char) -> bool {
    matches!(
        c,
        '议' | '定'
            | '令'
            | '报'
            | '告'
            | '见'
            | '知'
            | '示'
            | '复'
            | '案'
            | '函'
            | '要'
            | '法'
            | '划'
            | '点'
            | '则'
            | '结'
            | '话'
            | '排'
    )
}

/// The value of a Chinese digit 〇, 一 … 九.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse a value written in Chinese numerals from 一 to 九十九.
pub fn chinese_ordinal(s: &str) -> Option<u32> {
    let digit = chinese_digit;
    // At most three characters (no vector: every line that starts with a
    // Chinese digit comes here).
    let mut cs = s.chars();
    let (a, b, c) = (cs.next()?, cs.next(), cs.next());
    if cs.next().is_some() {
        return None;
    }
    match (a, b, c) {
        ('十', None, None) => Some(10),
        (a, None, None) => digit(a).filter(|&d| d > 0),
        ('十', Some(b), None) => digit(b).filter(|&d| d > 0).map(|d| 10 + d),
        (a, Some('十'), None) => digit(a).filter(|&d| d > 1).map(|d| d * 10),
        (a, Some('十'), Some(b)) => {
            Some(digit(a).filter(|&d| d > 1)? * 10 + digit(b).filter(|&d| d > 0)?)
        }
        _ => None,
    }
}

/// Whether `c` is a Chinese digit of a level marker, 〇 to 十 (a comparison,
/// not a search of a string: it runs on the first character of every line).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Recognise a level marker at the start of `content`.
/// The year written in four Chinese digits just before byte `p` of `s`
/// (`二〇二四年`, `二零二四年`), and where it starts; none when more digits or
/// a range mark stand before it.
pub fn chinese_year_before(s: &str, p: usize) -> Option<(i32, usize)> {
    let mut year = 0;
    let mut at = p;
    for place in [1, 10, 100, 1000] {
        let c = s[..at].chars().next_back()?;
        let d = if c == '零' { 0 } else { chinese_digit(c)? };
        year += d as i32 * place;
        at -= c.len_utf8();
    }
    let before = s[..at].chars().next_back();
    if before.is_some_and(|c| c == '零' || chinese_digit(c).is_some() || is_range_mark(c)) {
        return None;
    }
    (year >= 1000).then_some((year, at))
}

/// Words that count what a run of ordinals numbers: 二、三季度 (the second
/// and third quarters), 一、二审, 二、三产业, 一、二级医院.
const ORDINAL_COUNTED: &[&str] = &["季度", "审", "产", "级", "类", "档", "线", "孩", "胎"];

/// Whether `rest`, after `N、`, goes on with the next ordinals and a word
/// they count (`二、三季度以来…`): a line that starts with a pair of
/// ordinals, not a heading numbered N.
fn counts_ordinals(ordinal: u32, rest: &str) -> bool {
    let mut want = ordinal + 1;
    let mut rest = rest;
    loop {
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if chinese_digit(c) != Some(want) {
            return false;
        }
        rest = &rest[c.len_utf8()..];
        if let Some(r) = rest.strip_prefix('、') {
            rest = r;
            want += 1;
            continue;
        }
        return ORDINAL_COUNTED.iter().any(|w| rest.starts_with(w));
    }
}

/// A row of a statistics table typed with tabs or runs of spaces whose label
/// happens to start like a heading (`一、本年新收申请数量\t8\t2\t10`,
/// `（七）总计    8    2    10`): after the label, only figures. It is a row,
/// not a heading of the document.
fn is_numeric_row(s: &str) -> bool {
    // A row ends with a figure: most lines are ruled out by their last
    // character, before any search of them.
    let ends_with_figure = s
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | '—' | '-' | '/'));
    if !ends_with_figure || !s.contains('\t') && !s.contains("  ") && !has_ideographic_gap(s) {
        return false;
    }
    let mut cells = s
        .split(['\t', ' ', '\u{3000}'])
        .filter(|c| !c.is_empty())
        .skip(1)
        .peekable();
    cells.peek().is_some()
        && cells.all(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%' | '—' | '-' | '/'))
                && c.chars()
                    .any(|ch| ch.is_ascii_digit() || ch == '—' || ch == '-' || ch == '/')
        })
}

fn parse_heading(text: &str, line: usize, content: Range<usize>) -> Option<Heading> {
    let s = &text[content.clone()];
    let base = content.start;
    let (level, ordinal, marker_len, form) = if let Some(rest) = s.strip_prefix(['（', '(']) {
        // （一） (1)
        let open_len = s.len() - rest.len();
        let close = rest.find(['）', ')'])?;
        let inner = &rest[..close];
        let close_len = rest[close..].chars().next()?.len_utf8();
        let (level, ordinal) =
            if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) && inner.len() <= 3 {
                // Numbering starts at 1: `（0）` is no level marker.
                (4u8, inner.parse().ok().filter(|&n: &u32| n > 0)?)
            } else if !inner.is_empty() && inner.chars().all(is_cn_digit) {
                (2u8, chinese_ordinal(inner)?)
            } else {
                return None;
            };
        let mut len = open_len + close + close_len;
        let folded = s.starts_with('(') || rest[close..].starts_with(')');
        let after = &s[len..];
        let form = if let Some(p) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '，' | ',' | '.' | '．' | ':' | '：'))
        {
            len += p.len_utf8();
            MarkerForm::Wrong
        } else if folded {
            MarkerForm::Folded
        } else {
            MarkerForm::Standard
        };
        (level, ordinal, len, form)
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        // 1. 1． 1、
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 {
            return None;
        }
        let rest = &s[digits..];
        let mark = rest.chars().next()?;
        let next = rest[mark.len_utf8()..].chars().next();
        // Numbering starts at 1: `0.` is no level marker.
        let ordinal: u32 = s[..digits].parse().ok().filter(|&n| n > 0)?;
        // `1. 加强` (a Markdown list item, a list typed with a space): the
        // marker is the same, but `1. 5亿元` is a figure.
        let after_spaces = rest[mark.len_utf8()..]
            .trim_start_matches(is_space)
            .chars()
            .next();
        // `1.2026年底前建成…`: a task that opens with its deadline (no
        // figure is 1.2026 of a year).
        let year_after = || {
            let a = &rest.as_bytes()[mark.len_utf8()..];
            a.len() > 4
                && a[..4].iter().all(u8::is_ascii_digit)
                && a[4..].starts_with("年".as_bytes())
        };
        match mark {
            '.' | '．'
                if next.is_none()
                    || next.is_some_and(|c| !c.is_ascii_digit())
                        && after_spaces.is_some_and(|c| !c.is_ascii_digit())
                    || year_after() =>
            {
                (3, ordinal, digits + mark.len_utf8(), MarkerForm::Standard)
            }
            '、' | '，' | ','
                if next.is_some_and(|c| !(c.is_ascii_digit() || mark == ',' && is_space(c))) =>
            {
                (3, ordinal, digits + mark.len_utf8(), MarkerForm::Wrong)
            }
            _ => return None,
        }
    } else {
        // 一、 (and the wrong 一. 一．)
        let n = s
            .chars()
            .take_while(|&c| is_cn_digit(c))
            .map(char::len_utf8)
            .sum::<usize>();
        if n == 0 {
            return None;
        }
        let ordinal = chinese_ordinal(&s[..n])?;
        let mark = s[n..].chars().next()?;
        match mark {
            '、' if counts_ordinals(ordinal, &s[n + mark.len_utf8()..]) => return None,
            '、' => (1, ordinal, n + mark.len_utf8(), MarkerForm::Standard),
            '.' | '．' => (1, ordinal, n + mark.len_utf8(), MarkerForm::Wrong),
            _ => return None,
        }
    };
    let marker = base..base + marker_len;
    let after = &s[marker_len..];
    let lead = after.len() - after.trim_start_matches(is_space).len();
    let text_start = marker.end + lead;
    let body = &text[text_start..content.end];
    let (text_end, run_in) = match find_sentence_end(body) {
        Some(p) => {
            let end = p + body[p..].chars().next().map_or(0, char::len_utf8);
            (
                text_start + end,
                !body[end..].trim_matches(is_space).is_empty(),
            )
        }
        None => (content.end, false),
    };
    Some(Heading {
        line_at: line as u32,
        level,
        ordinal,
        marker_at: marker.into(),
        form,
        text_at: (text_start..text_end).into(),
        run_in,
    })
}

/// The first 。, ！ or ？ in `s`. They are the characters led by E3 or EF that
/// it looks for, with `memchr` (a search for an array of characters decodes
/// every character before the first).
fn find_sentence_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr2_iter(0xE3, 0xEF, b).find(|&p| {
        matches!(
            b.get(p..p + 3),
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81] | [0xEF, 0xBC, 0x9F])
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_space` answers as its plain form, on every character; the
    /// sentence-end search finds what `str::find` finds.
    #[test]
    fn space_and_sentence_end_agree_with_their_plain_forms() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let plain = c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}';
            assert_eq!(is_space(c), plain, "U+{:04X}", c as u32);
        }
        let pieces = ["。", "！", "？", "，", "、", "中", "a", "!", "【", "～"];
        crate::testing::for_random_texts(13, 5_000, &pieces, 0..12, |t| {
            assert_eq!(find_sentence_end(t), t.find(['。', '！', '？']), "{t:?}");
        });
    }

    /// A statistics table's row aligned by ideographic spaces is no
    /// heading; a heading with one U+3000 after its marker is one.
    #[test]
    fn a_row_aligned_by_ideographic_spaces_is_no_heading() {
        let t = "（一）　基本情况\n一、本年新收　　8　　2\n（七）总计 　10\n";
        let doc = Document::new(t);
        let kinds: Vec<LineKind> = doc.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds[..3],
            [LineKind::Heading, LineKind::Body, LineKind::Body]
        );
        assert!(has_ideographic_gap("县本级　　120") && has_ideographic_gap("乡镇 　80"));
        // One U+3000, or the indent of a paragraph run on into the line.
        assert!(
            !has_ideographic_gap("表1　执法情况") && !has_ideographic_gap("抓学习。　　二是抓落实")
        );
    }

    /// `is_chrome` answers as its plain form, on lines made of its words,
    /// arrows and other text.
    #[test]
    fn chrome_agrees_with_its_plain_form() {
        let plain = |t: &str| {
            t.contains("当前位置")
                || t.contains("您的位置")
                || t.contains("您所在的位置")
                || (t.contains("首页") && (t.contains('>') || t.contains('＞') || t.contains('»')))
                || (t.starts_with("今天是") && t.contains("星期"))
        };
        let pieces = [
            "当前位置",
            "您的位置",
            "您所在的",
            "位置",
            "首页",
            "首",
            "页",
            ">",
            "＞",
            "»",
            "今天是",
            "星期",
            "新闻",
            "：",
            " ",
        ];
        let mut chrome = 0;
        crate::testing::for_random_texts(16, 20_000, &pieces, 0..7, |t| {
            assert_eq!(is_chrome(t), plain(t), "{t:?}");
            chrome += usize::from(plain(t));
        });
        assert!(chrome > 1_000 && chrome < 19_000, "{chrome}");
    }

    /// `at_most_chars` answers as counting the characters does, for texts of
    /// one- to four-byte characters on both sides of each bound.
    #[test]
    fn at_most_chars_agrees_with_counting() {
        let pieces = ["a", "é", "中", "𠀀", "，"];
        crate::testing::for_random_texts(12, 5_000, &pieces, 0..90, |t| {
            for n in [0, 1, 2, 4, 5, 30, 40, 60] {
                assert_eq!(at_most_chars(t, n), t.chars().count() <= n, "{t:?} {n}");
            }
        });
    }

    /// A title whose year is written in Chinese numerals has no report year
    /// from the title (and does not break the reading of it).
    #[test]
    fn a_title_with_a_chinese_numeral_year() {
        let doc = Document::new("二〇二三年工作要点\n\n一、总体情况\n今年完成了各项任务。\n");
        assert!(doc.title.is_some());
        let year = doc.report_year.clone().unwrap();
        assert_eq!(year.year, 2023);
        assert_eq!(doc.slice(year.range), "二〇二三");
        let doc = Document::new("某县关于二零二四年度法治政府建设情况的报告\n\n一、总体情况\n");
        assert_eq!(doc.report_year.map(|y| y.year), Some(2024));
        // More than four digits, or the end of a range, is no year.
        let doc = Document::new("某县二〇二一—二〇二五年法治政府建设规划\n\n一、总体情况\n");
        assert_eq!(doc.report_year.map(|y| y.year), None);
        let doc = Document::new("某县二〇二三年2023年法治政府建设年度报告\n\n一、总体情况\n");
        assert_eq!(doc.report_year.map(|y| y.year), Some(2023));
    }

    #[test]
    fn is_cn_digit_is_the_list() {
        for c in "〇一二三四五六七八九十".chars() {
            assert!(is_cn_digit(c), "{c}");
        }
        let others = ['零', '百', '两', '1', '（'];
        assert!(others.iter().all(|&c| !is_cn_digit(c)));
    }

    #[test]
    fn every_doc_type_ends_with_a_listed_character() {
        for d in DOC_TYPES {
            assert!(may_end_doc_type(d.chars().next_back().unwrap()), "{d}");
            assert!(is_doc_type_end(&format!("关于开展工作的{d}")), "{d}");
        }
        assert!(!is_doc_type_end("工作情况"));
    }

    #[test]
    fn columns_count_scalar_values_including_astral() {
        let text = "第一行\n𠮷野家，共计3件\r\n末行";
        let doc = Document::new(text);
        let off = text.find('共').unwrap();
        assert_eq!(
            doc.position(off),
            Position {
                line: 2,
                column: 5,
                offset: off
            }
        );
        let off = text.find('末').unwrap();
        assert_eq!(doc.position(off).line, 3);
        assert_eq!(doc.position(off).column, 1);
    }

    /// The galloping search finds the line the binary search finds, from
    /// every line at or before the offset's.
    #[test]
    fn line_of_from_agrees_with_line_of() {
        let mut rng = fastrand::Rng::with_seed(14);
        for _ in 0..200 {
            let text: String = (0..rng.usize(0..300))
                .map(|_| ["a", "中", "\n", "\r\n", "\n\n"][rng.usize(..5)])
                .collect();
            let idx = LineIndex::new(&text);
            for o in 0..=text.len() {
                let want = idx.line_of(o);
                for from in 0..=want {
                    assert_eq!(idx.line_of_from(o, from), want, "{text:?} {o} {from}");
                }
            }
        }
    }

    #[test]
    fn comment_lines_are_blank_and_the_title_is_found_after_them() {
        let doc = Document::new(
            "<!-- gwlint-disable-next-line N001, S302 -->\n<!-- 跨\n行 -->\n关于开展评查工作的通知\n<!-- a -->正文，照常。\n",
        );
        let kinds: Vec<LineKind> = doc.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Title,
                LineKind::Body,
                LineKind::Blank
            ]
        );
        assert_eq!(doc.title.as_ref().unwrap().text, "关于开展评查工作的通知");
        // Text after a comment on its line stays the document's.
        assert_eq!(doc.line_text(4), "<!-- a -->正文，照常。");
    }

    #[test]
    fn a_pair_of_ordinals_is_no_heading() {
        for t in [
            "二、三季度以来，工业生产明显加快。",
            "一、二审案件同比下降。",
            "二、三产业增加值稳步增长。",
            "一、二、三级医院全部接入平台。",
        ] {
            assert!(Document::new(t).headings.is_empty(), "{t}");
        }
        // A heading whose text starts with another numeral stays one.
        for t in [
            "三、四项机制建设情况",
            "二、三项制度落实情况",
            "一、二〇二四年工作",
        ] {
            assert_eq!(Document::new(t).headings.len(), 1, "{t}");
        }
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let idx = LineIndex::new("a\rb\r\nc\n");
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.line_of(2), 1);
        assert_eq!(idx.line_of(5), 2);
    }

    #[test]
    fn headings_in_both_punctuation_styles() {
        let doc = Document::new(
            "一、主要举措\n（一）加强领导\n(二)完善制度。本段正文。\n1.建立机制\n1、错误形式\n（1）细项\n1.5亿元不是标题\n",
        );
        let got: Vec<(u8, u32)> = doc.headings.iter().map(|h| (h.level, h.ordinal)).collect();
        assert_eq!(got, vec![(1, 1), (2, 1), (2, 2), (3, 1), (3, 1), (4, 1)]);
        assert_eq!(doc.headings[2].form, MarkerForm::Folded);
        assert!(doc.headings[2].run_in);
        assert_eq!(doc.slice(doc.headings[2].text()), "完善制度。");
        let h = &doc.headings[4];
        assert_eq!(h.form, MarkerForm::Wrong);
        assert_eq!(
            expected_marker(doc.slice(h.marker()), h.level, h.ordinal),
            "1."
        );
    }

    #[test]
    fn zero_is_no_ordinal() {
        // S101 read `0.` as a heading and asked for "1." to "4294967295.".
        let doc = Document::new("一、总体情况\n0.总体\n（0）细项\n(00)细项\n1.第一项\n");
        let got: Vec<(u8, u32)> = doc.headings.iter().map(|h| (h.level, h.ordinal)).collect();
        assert_eq!(got, [(1, 1), (3, 1)]);
    }

    #[test]
    fn wrong_marker_after_bracket_is_part_of_the_marker() {
        let doc = Document::new("（一）、指导思想\n");
        let h = &doc.headings[0];
        assert_eq!(doc.slice(h.marker()), "（一）、");
        assert_eq!(h.form, MarkerForm::Wrong);
        assert_eq!(expected_marker("（一）、", 2, 1), "（一）");
        // Each wrong form and its right one, as written.
        let doc = Document::new("二.总体要求\n(三)、工作机制\n（12）：细项\n4，措施\n");
        let got: Vec<(MarkerForm, String)> = doc
            .headings
            .iter()
            .map(|h| {
                (
                    h.form,
                    expected_marker(doc.slice(h.marker()), h.level, h.ordinal),
                )
            })
            .collect();
        let wrong = |e: &str| (MarkerForm::Wrong, e.to_string());
        assert_eq!(
            got,
            [wrong("二、"), wrong("（三）"), wrong("（12）"), wrong("4.")]
        );
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal("一"), Some(1));
        assert_eq!(chinese_ordinal("十"), Some(10));
        assert_eq!(chinese_ordinal("十二"), Some(12));
        assert_eq!(chinese_ordinal("二十"), Some(20));
        assert_eq!(chinese_ordinal("二十三"), Some(23));
        assert_eq!(chinese_ordinal("一十"), None);
        assert_eq!(chinese_ordinal("〇"), None);
        for bad in ["", "十十", "二十三四", "九十九九", "三十〇", "十〇"] {
            assert_eq!(chinese_ordinal(bad), None, "{bad}");
        }
        assert_eq!(chinese_ordinal("九十九"), Some(99));
    }

    /// A plain-text e-mail that forwards a notice quoted with `>`: the
    /// notice is the document, read without its quote marks; the e-mail
    /// around it is chrome. A few `>` lines, or quoted lines without a
    /// separator, change nothing.
    #[test]
    fn forwarded_notice_is_the_document() {
        let mail = "发件人: 某局办公室\n\n各单位：\n转发如下。\n\n---------- 转发的邮件 ----------\n\n\
                    > 某县某局关于开展培训的通知\n>\n> 各单位：\n> 一、培训时间\n\
                    > > 5月8日。\n\n--\n某局办公室\n";
        let doc = Document::new(mail);
        assert_eq!(doc.forwarded, Some(6..13));
        assert_eq!(
            doc.title.as_ref().map(|t| t.text.as_str()),
            Some("某县某局关于开展培训的通知")
        );
        assert_eq!(doc.line_text(10), "一、培训时间");
        assert_eq!(doc.line_text(11), "5月8日。");
        assert!(doc.lines[8].is_blank());
        assert_eq!(doc.headings.len(), 1);
        for i in [0, 2, 3, 5, 13, 14] {
            assert_eq!(doc.lines[i].kind, LineKind::Chrome, "{i}");
        }
        // No separator: the quoted lines are read as written.
        let plain = mail.replace("---------- 转发的邮件 ----------", "以下为原文：");
        let doc = Document::new(&plain);
        assert_eq!(doc.forwarded, None);
        assert!(doc.line_text(7).starts_with("> "));
        // Too few quoted lines, or most lines after the separator unquoted.
        for t in [
            "甲\n-----Original Message-----\n> 一\n> 二\n",
            "甲\n----- 原始邮件 -----\n> 一\n> 二\n> 三\n四\n",
        ] {
            assert_eq!(Document::new(t).forwarded, None, "{t}");
        }
    }

    #[test]
    fn title_block_spans_lines_and_skips_chrome() {
        let text = "当前位置:首页 > 政务公开\n\n某市人民政府\n关于2023年度法治政府建设情况的报告\n\n发布时间:2024-03-01\n\n2023年,我市坚持依法行政。\n";
        let doc = Document::new(text);
        let t = doc.title.as_ref().unwrap();
        assert_eq!(t.text, "某市人民政府关于2023年度法治政府建设情况的报告");
        assert_eq!(doc.report_year.as_ref().unwrap().year, 2023);
        assert_eq!(doc.report_year.as_ref().unwrap().source, YearSource::Title);
        assert_eq!(doc.lines[0].kind, LineKind::Chrome);
    }

    #[test]
    fn a_pages_metadata_table_is_metadata_and_not_the_title() {
        let text = "索引号：1145/2025-00017　主题分类：综合政务\n\n发文机关：某县农业农村局\n成文日期：2025-02-20\n标题：某县农业农村局关于春耕的通知\n发文字号：某农〔2025〕3号\n有效性：有效\n某县农业农村局关于春耕的通知\n各乡镇：\n";
        let doc = Document::new(text);
        let kinds: Vec<LineKind> = doc.lines.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(
            kinds,
            [
                Meta, Blank, Meta, Meta, Meta, Meta, Meta, Title, Body, Blank
            ]
        );
        assert_eq!(
            doc.title.as_ref().unwrap().text,
            "某县农业农村局关于春耕的通知"
        );
        // A document's own 版头 with a labelled 发文字号 is no table.
        let doc = Document::new(
            "发文机关：某县农业农村局\n发文字号：某农〔2025〕3号\n成文日期：2025年2月20日\n某县农业农村局关于春耕的通知\n各乡镇：\n",
        );
        assert_eq!(doc.lines[1].kind, DocNumber);
        // The labels of a page's publication line in any order.
        for line in [
            "信息来源：某局　发布日期：2025-04-26　阅读次数：208",
            "阅读次数：208　发布日期：2025-04-26",
            "来源:某局 发布日期:2025-04-26",
        ] {
            let text = format!("{line}\n某局关于春耕的通知\n各乡镇：\n");
            let doc = Document::new(&text);
            assert_eq!(doc.lines[0].kind, Meta, "{line}");
        }
    }

    #[test]
    fn a_wechat_byline_and_prompt_are_page_data_not_the_title() {
        for byline in [
            "原创 川东应急 川东应急 2026年02月25日 18:02 四川",
            "川东应急 川东应急 2026年02月25日 18:02",
            "川东应急 2026年2月25日 18:02 发表于四川",
            "原创 川东应急 2026-02-25",
            "川东应急 川东应急 2026年02月25日",
            "2026年02月25日 18:02",
        ] {
            assert!(is_wechat_byline(byline), "{byline}");
            for text in [
                format!(
                    "{byline}\n川东县应急管理局2025年度法治政府建设情况报告\n2025年，县局坚持依法行政。\n"
                ),
                format!(
                    "点击上方蓝字关注我们\n川东县应急管理局2025年度法治政府建设情况报告\n{byline}\n2025年，县局坚持依法行政。\n"
                ),
            ] {
                let doc = Document::new(&text);
                let t = doc.title.as_ref().expect("a title");
                assert_eq!(
                    t.text, "川东县应急管理局2025年度法治政府建设情况报告",
                    "{text}"
                );
                assert_eq!(doc.report_year.as_ref().unwrap().year, 2025, "{text}");
            }
        }
        // An organ and a date without a time: a 纪要's 版头, no byline.
        for line in [
            "县政府办公室　2026年3月4日",
            "川东县应急管理局 2026年2月25日",
            "2026年2月25日",
            "时间：2026年2月25日 18:02",
            "川东应急 2026年2月30号 18:02",
        ] {
            assert!(!is_wechat_byline(line), "{line}");
        }
        use WeChatLine::*;
        for (line, kind) in [
            ("点击上方蓝字关注我们", Some(Prompt)),
            ("↑ 点击上方\"川东应急\"关注我们", Some(Prompt)),
            ("长按识别二维码关注我们", Some(Prompt)),
            ("微信扫一扫关注该公众号", Some(Prompt)),
            ("往期推荐", Some(Recommend)),
            ("— 往期回顾 —", Some(Recommend)),
            ("阅读原文", Some(Toolbar)),
            ("预览时标签不可点", Some(Toolbar)),
            ("分享　收藏　点赞　在看", Some(Toolbar)),
            ("在看 分享", Some(Toolbar)),
            ("阅读 1.2万 在看 15", Some(Toolbar)),
            ("编辑：王晓　审核：李明", Some(Credits)),
            ("编辑:王晓 审核:李明", Some(Credits)),
            ("来源 | 川东县应急管理局", Some(Credits)),
            // Text that mentions the words.
            ("请各单位积极关注、转发、分享。", None),
            ("关注民生 点赞先进", None),
            ("分享经验做法", None),
            ("阅读 推荐", None),
            ("重点关注", None),
        ] {
            assert_eq!(wechat_line(line), kind, "{line}");
        }
    }

    #[test]
    fn an_ocr_title_is_read_without_its_spaces() {
        assert_eq!(
            unspaced_title("关 于 2025 年 度 普 法 工 作 情 况 的 报 告").as_deref(),
            Some("关于2025年度普法工作情况的报告")
        );
        assert_eq!(
            unspaced_title("某　县　司　法　局").as_deref(),
            Some("某县司法局")
        );
        // Words between spaces, a line without spaces, too few characters.
        for t in [
            "某县 司法局 关于 印发 方案 的 通知",
            "某县司法局关于印发方案的通知",
            "附 件 1",
            "第 一 章",
        ] {
            assert_eq!(unspaced_title(t), None, "{t}");
        }
        let doc = Document::new(
            "某 县 司 法 局\n关 于 2025 年 度 普 法 工 作 情 况 的 报 告\n\n县人民政府：\n一、主要工作\n",
        );
        let t = doc.title.as_ref().expect("a title");
        assert_eq!(t.text, "某县司法局关于2025年度普法工作情况的报告");
        assert_eq!(t.lines, [0, 1]);
        let y = doc.report_year.as_ref().unwrap();
        assert_eq!((y.year, y.source), (2025, YearSource::Title));
        assert_eq!(&doc.text[y.range.clone()], "2025");
    }

    #[test]
    fn no_title_when_document_opens_with_body() {
        let doc = Document::new("2023年,钦州市坚持依法行政,取得成效。\n一、工作情况\n");
        assert!(doc.title.is_none());
        let y = doc.report_year.as_ref().unwrap();
        assert_eq!((y.year, y.source), (2023, YearSource::Opening));
    }

    #[test]
    fn title_with_trailing_period_is_still_the_title() {
        let doc = Document::new(
            "某县人民政府关于2023年度法治政府建设情况的报告。\n\n2023年，我县坚持依法行政。\n",
        );
        assert_eq!(
            doc.title.as_ref().unwrap().text,
            "某县人民政府关于2023年度法治政府建设情况的报告。"
        );
        let doc = Document::new("我县坚持依法行政，完成报告。\n");
        assert!(doc.title.is_none());
    }

    #[test]
    fn opening_year_after_an_untyped_title_line() {
        let doc = Document::new("某县2023年度法治政府建设工作情况\n\n2023年,我县坚持依法行政。\n");
        assert!(doc.title.is_none());
        assert_eq!(doc.report_year.as_ref().unwrap().year, 2023);
    }

    #[test]
    fn folded_comma_after_a_number_is_a_wrong_marker() {
        let doc = Document::new("3,严格法制审核。\n3,000元\n");
        assert_eq!(doc.headings.len(), 1);
        let h = &doc.headings[0];
        assert_eq!(h.form, MarkerForm::Wrong);
        assert_eq!(
            expected_marker(doc.slice(h.marker()), h.level, h.ordinal),
            "3."
        );
    }

    #[test]
    fn title_year_skips_ranges() {
        let doc = Document::new("某县法治政府建设实施方案（2021—2025年）\n");
        assert!(doc.report_year.is_none());
    }

    #[test]
    fn sentences_split_on_both_styles() {
        let doc = Document::new("共3件。其中2件办结!满意率100%\n");
        let s: Vec<&str> = Sentences::new(&doc).iter().map(|r| doc.slice(r)).collect();
        assert_eq!(s, vec!["共3件。", "其中2件办结!", "满意率100%"]);
    }

    #[test]
    fn per_line_and_per_heading_records_are_small() {
        // A draft of short lines holds one `Line` per 30 bytes of text and,
        // shuffled, nearly as many headings.
        assert!(std::mem::size_of::<Line>() <= 12);
        assert!(std::mem::size_of::<Heading>() <= 28);
        let doc = Document::new("一、总体情况\n（二）健全机制。全年办结3件\n");
        let h = &doc.headings[1];
        assert_eq!(doc.slice(h.marker()), "（二）");
        assert_eq!(doc.slice(h.text()), "健全机制。");
        assert_eq!(doc.slice(doc.line_range(1)), "（二）健全机制。全年办结3件");
        assert_eq!(h.line(), 1);
        // A line's whole range comes from the line index, without its
        // terminator (CRLF, LF or a lone CR).
        let doc = Document::new("甲 \r\n  乙\r丙\n");
        let whole: Vec<_> = (0..doc.lines.len()).map(|i| doc.line_range(i)).collect();
        assert_eq!(whole, vec![0..4, 6..11, 12..15, 16..16]);
        assert_eq!(doc.line_text(1), "乙");
        assert_eq!(doc.line_start(3), Some(16));
        assert_eq!(doc.line_start(4), None);
    }

    /// The searches that find the sentence ends agree with a walk over the
    /// characters of each line of running text and each heading.
    #[test]
    fn sentences_agree_with_a_walk_over_the_characters() {
        let plain = |doc: &Document<'_>| -> Vec<Range<usize>> {
            let mut out = Vec::new();
            // A sentence that runs on from the line before (text wrapped by
            // hand) starts there.
            let wrapped = doc.wrapped_by_hand();
            let mut carry: Option<usize> = None;
            for (li, line) in doc.body_lines() {
                let (r, s) = (line.content(), &doc.text[line.content()]);
                let from = carry.take();
                let at = |start: usize| match from {
                    Some(f) if start == 0 => f,
                    _ => r.start + start,
                };
                let mut start = 0;
                for (i, c) in s.char_indices() {
                    if i < start {
                        continue;
                    }
                    let next = s.as_bytes().get(i + c.len_utf8());
                    let mut end = match c {
                        '。' | '！' | '？' => i + c.len_utf8(),
                        '!' | '?' if !next.is_some_and(u8::is_ascii_alphanumeric) => i + 1,
                        _ => continue,
                    };
                    while let Some(n) = s[end..].chars().next().filter(|n| "”’）)》".contains(*n))
                    {
                        end += n.len_utf8();
                    }
                    if end > start {
                        out.push(at(start)..r.start + end);
                    }
                    start = end;
                }
                if start < s.len() && !s[start..].trim_matches(is_space).is_empty() {
                    if wrapped && doc.runs_on(li) {
                        carry = Some(at(start));
                    } else {
                        out.push(at(start)..r.end);
                    }
                }
            }
            if let Some(f) = carry {
                out.push(f..doc.lines.last().map_or(f, |l| l.content().end));
            }
            out
        };
        let pieces = [
            "。", "！", "？", "!", "?", "a", "1", "”", "）", ")", "》", "甲", "乙", " ", "\n",
            "一、", "，",
        ];
        let mut ends = 0;
        crate::testing::for_random_texts(17, 20_000, &pieces, 0..24, |t| {
            let doc = Document::new(t);
            let got: Vec<Range<usize>> = Sentences::new(&doc).iter().collect();
            let want = plain(&doc);
            assert_eq!(got, want, "{t:?}");
            ends += want.len();
        });
        assert!(ends > 50_000, "{ends}");
    }

    /// In a text wrapped by hand, a sentence runs on over the lines that stop
    /// short of its end; a draft with a paragraph a line keeps one line a
    /// sentence, whatever a line ends with.
    #[test]
    fn a_sentence_runs_on_over_lines_wrapped_by_hand() {
        let text = "全年收到行政复议申请三百八十六件，依法受理\n352件，不予受理34件，受理率91.2%。审结\n331件。";
        let doc = Document::new(text);
        assert!(doc.runs_on(0) && doc.runs_on(1) && doc.wrapped_by_hand());
        let got: Vec<&str> = Sentences::new(&doc).iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "全年收到行政复议申请三百八十六件，依法受理\n352件，不予受理34件，受理率91.2%。",
                "审结\n331件。"
            ]
        );
        // Items without end marks, each a line: no sentence runs on.
        let item = "一是加强行政执法队伍建设，全年组织执法人员培训十二期";
        let text = format!("{item}\n二是规范行政执法程序，全面推行执法全过程记录制度");
        let doc = Document::new(&text);
        assert!(!doc.runs_on(0));
        assert_eq!(Sentences::new(&doc).len(), 2);
        // Four long lines, one of them without 。: a draft, not a wrap.
        let line = "全年共办理行政复议案件一百二十件，全部按期审结。";
        let text = format!(
            "{line}\n{line}\n全年共办理行政复议案件一百二十件，全部按期审结\n{line}\n{line}"
        );
        let doc = Document::new(&text);
        assert!(doc.runs_on(2) && !doc.wrapped_by_hand());
        assert_eq!(Sentences::new(&doc).len(), 5);
    }

    #[test]
    fn folios() {
        for t in [
            "— 3 —",
            "- 12 -",
            "－3－",
            "3",
            "第3页",
            "第 3 页 共 12 页",
            "3/12",
        ] {
            assert!(is_folio(t), "{t}");
        }
        for t in ["2025", "— 3", "3.", "第三页", "共计3", "1/2025", "第3条"] {
            assert!(!is_folio(t), "{t}");
        }
    }

    /// A sentence runs on over a page's furniture after a full line of a
    /// wrap; the furniture is no part of it, and a figure cut there is read
    /// whole.
    #[test]
    fn sentences_run_on_over_a_page_break() {
        let title = "某县人社局2025年度劳动保障监察工作报告";
        let lines = [
            title,
            "全年共主动检查用人单位642户，涉及劳动者2.3万人，责令补签劳动合同",
            "1,086份，督促用人单位为劳动者追发工资等各项待遇共计134.",
            "— 1 —",
            title,
            "",
            "6万元，其中建设领域96.8万元、加工制造领域37.8万元，均已足额发放。",
            "全年共受理劳动保障监察举报投诉案件318件，按期结案率为100%，群众对",
            "案件处理结果总体满意，未发生因欠薪引发的群体性事件。",
        ];
        let text = lines.join("\n");
        let doc = Document::new(&text);
        assert_eq!(doc.page_breaks(), [(2, 6)]);
        let sentences = Sentences::new(&doc);
        // No sentence of the folio or the running title.
        assert!(
            sentences
                .iter()
                .all(|r| !doc.text[r].starts_with(['—', '某']))
        );
        let numbers = crate::extract::numbers::extract(&doc, &sentences);
        let read: Vec<_> = numbers
            .iter()
            .map(|n| joined(&doc.text[n.range()]).into_owned())
            .collect();
        assert!(read.contains(&"134.6万元".to_string()), "{read:?}");
        assert!(!read.iter().any(|r| r == "1" || r == "6万元" || r == "134"));
        // After a short line, before an item, at a sentence's end, without
        // a folio: none.
        for (k, line) in [
            (2, "1,086份，共计134."),
            (6, "2. 6万元用于办案补贴。"),
            (
                2,
                "1,086份，督促用人单位为劳动者追发工资等各项待遇共计134。",
            ),
            (3, "第一部分"),
        ] {
            let mut l = lines;
            l[k] = line;
            let text = l.join("\n");
            assert!(Document::new(&text).page_breaks().is_empty(), "{line}");
        }
        // A short line after the folio is the text going on, not a title.
        let mut l = lines;
        l[4] = "6万元";
        let text = l.join("\n");
        assert_eq!(Document::new(&text).page_breaks(), [(2, 4)]);
        // A full-width point cut before the folio is read without slicing
        // into it (it is three bytes).
        let mut l = lines;
        l[2] = "1,086份，督促用人单位为劳动者追发工资等各项待遇共计134．";
        let text = l.join("\n");
        let doc = Document::new(&text);
        let sentences = Sentences::new(&doc);
        let _ = crate::extract::numbers::extract(&doc, &sentences);
        assert_eq!(doc.page_breaks(), [(2, 6)]);
    }

    /// A figure runs on over a break only after a full line of a wrap by
    /// hand, into a line that opens no item and is not indented.
    #[test]
    fn soft_breaks_are_full_lines_of_a_wrap() {
        let text = "各单位全面梳理本年度办理的涉企行政执法案件，共排查案件\n\
                    合计一千余件，发现问题的案件与单位名单另行印发，问题8\n\
                    7个，整改到位83个。\n";
        let doc = Document::new(text);
        let at = text.find("8\n").unwrap() + 1;
        assert_eq!(doc.soft_breaks(), [(at, at + 1)]);
        // The same break after a short line, before an item, an indented
        // line, in a table row or after a heading: none.
        for (before, after) in [
            ("问题8", "7个，整改到位83个。"),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，发现问题8",
                "2.整改到位83个。",
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，发现问题8",
                "  7个，整改到位83个。",
            ),
            (
                "各单位\t全面梳理本年度办理的涉企行政执法案件发现问题8",
                "7个，整改到位83个。",
            ),
            (
                "二、全面梳理本年度办理的涉企行政执法案件发现问题的情况2026",
                "年整改到位83个。",
            ),
        ] {
            let text = format!(
                "各单位全面梳理本年度办理的涉企行政执法案件，共排查案件\n\
                 合计一千余件，发现问题的案件与单位名单另行印发，另行\n{before}\n{after}\n"
            );
            assert!(
                Document::new(&text).soft_breaks().is_empty(),
                "{before} / {after}"
            );
        }
        // A decimal point, an ASCII comma or a unit at the break: read
        // over; a full-width ，, a list's number after the point, a point
        // in an item or a heading, or a word that is no unit: not.
        let wrap = "各单位全面梳理本年度办理的涉企行政执法案件，共排查案件\n\
                    合计一千余件，发现问题的案件与单位名单另行印发，另行\n";
        for (before, after, joins) in [
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，经费为12.",
                "5万元。",
                true,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，经费为12．",
                "5万元。",
                true,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，调处成功1,",
                "288件。",
                true,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，共办理236",
                "件。",
                true,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，满意度为96",
                "%。",
                true,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，调处成功1，",
                "288件。",
                false,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，调处成功12,",
                "2888件。",
                false,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，问题共12.",
                "5. 加强监督。",
                false,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，问题共12.",
                "5 加强监督。",
                false,
            ),
            (
                "1.各单位全面梳理本年度办理的涉企行政执法案件，经费为12.",
                "5万元。",
                false,
            ),
            (
                "（二）各单位全面梳理本年度办理的涉企执法案件，经费为12.",
                "5万元。",
                false,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，章节1.2.",
                "5万元。",
                false,
            ),
            (
                "各单位全面梳理本年度办理的涉企行政执法案件，共办理236",
                "部门。",
                false,
            ),
        ] {
            let text = format!("{wrap}{before}\n{after}\n");
            assert_eq!(
                !Document::new(&text).soft_breaks().is_empty(),
                joins,
                "{before} / {after}"
            );
        }
        // One line left open in a draft of whole lines: no wrap.
        let text = "各单位全面梳理本年度办理的涉企行政执法案件，已经按期完成。\n\
                    各单位全面梳理本年度办理的涉企行政执法案件，发现问题8\n7个。\n";
        assert!(Document::new(text).soft_breaks().is_empty());
    }

    #[test]
    fn words_joined_over_a_break() {
        assert_eq!(joined("纠错率为"), "纠错率为");
        assert_eq!(joined("纠 \r\n  错率为"), "纠错率为");
        assert_eq!(joined("发现问题8\n7个"), "发现问题87个");
    }

    #[test]
    fn the_sentence_at_an_offset() {
        // Two sentences, a blank line between them holds none.
        let text = "共3件。\n\n满意率100%";
        let doc = Document::new(text);
        let s = Sentences::new(&doc);
        assert_eq!(s.len(), 2);
        let second = text.find('满').unwrap();
        assert_eq!(s.at(0), Some((0, 0..10)));
        assert_eq!(s.at(9), Some((0, 0..10)));
        assert_eq!(s.at(10), None);
        assert_eq!(s.at(second), Some((1, s.get(1))));
        assert_eq!(s.get(1).start, second);
        assert_eq!(s.at(text.len()), None);
    }
}
