//! A002 on the statutory tables of a 政府信息公开工作年度报告 (the format of
//! 国务院办公厅, 2019 and 2021): the table of section 三 (收到和处理政府信息
//! 公开申请情况) and the table of section 四 (行政复议、行政诉讼情况).
//!
//! Their sums are fixed by the format, not guessed from a 合计 row:
//! - each row's 总计 is the sum of 自然人 and the 法人或其他组织 columns;
//! - （七）总计 is the sum of （一） to （六）, each taken from its own row, or
//!   from its numbered sub-rows (1. 2. …) when its row is left out; a row of
//!   （三） to （六） shown with its sub-rows is their sum;
//! - the 勾稽关系: 一（本年新收） + 二（上年结转） = （七）总计 + 四（结转下年度）;
//! - in section 四, each group's 总计 is 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
//!
//! The tables are recognised by their statutory labels only (a row starting
//! 本年新收 with a header of the statutory columns right above it, and a
//! （七）总计 row in the same run of lines; a header line of 结果维持 …
//! 总计 groups under 行政复议). A copy out of a PDF (pdftotext -layout,
//! columns apart by spaces) may spread the header of section 三 over up to
//! six lines above 本年新收, with column names broken (`商业` / `企业`):
//! pieces standing one under the other are joined, and the joined names,
//! left to right, must be the statutory columns, any other header text
//! standing in the label column (the 勾稽关系 note). A row label it wrapped
//! (`（二）部分公开（区分处理的，只计` / `这一情形，不计其他情形）  2 …`) is
//! joined with the line of figures after it when the lines between hold no
//! statutory label and the joined label is the statutory one; a category's
//! name alone on its line is a parent row unless a bracket is left open.
//! Section 四's header broken over lines is not read. Rows left out count
//! as zero. Whatever
//! reads two ways (a header that maps to no statutory columns, a row with
//! another number of figures, a label that is none of the statutory ones,
//! a sub-row whose parent is not certain) leaves the table, or the sums that
//! need it, unchecked. A document without 本年新收 or 结果维持 is not read.

use std::ops::Range;

use memchr::memmem;

use super::common::{Check, CheckKind, Checks};
use crate::document::{Document, chinese_ordinal, is_space};
use crate::extract::tables::{count_cell, line_cells};

/// The columns of section 三, 法人或其他组织 split into its five.
const FULL: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];
/// The columns of section 三, 法人或其他组织 as one.
const SHORT: [&str; 3] = ["自然人", "法人或其他组织", "总计"];
/// One group of section 四's columns.
const APPEAL: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

pub fn check(doc: &Document<'_>, out: &mut Checks) {
    let b = doc.text.as_bytes();
    if let Some(at) = memmem::find(b, "本年新收".as_bytes()) {
        applications(doc, at, out);
    }
    if let Some(at) = memmem::find(b, "结果维持".as_bytes()) {
        appeals(doc, at, out);
    }
}

/// The findings of one table, one per figure: a figure that breaks two
/// sums is reported once, the second sum in its note. Each finding keeps by
/// how much its figure is off (written minus what the sum gives), when that
/// is known.
#[derive(Default)]
struct Found(Vec<(Check, Option<i128>)>);

impl Found {
    /// The total `t` written at `at` against the sum of `vals`: a check
    /// that holds, named `what`, or the finding `bad` words from the sum and
    /// its worked addition (message, note, how much `t` is off).
    fn total(
        &mut self,
        out: &mut Checks,
        at: Range<usize>,
        t: u64,
        vals: &[u64],
        what: &str,
        bad: impl FnOnce(u64, String) -> (String, &'static str, Option<i128>),
    ) {
        let s: u64 = vals.iter().sum();
        if s == t {
            out.ok(CheckKind::PartSum, at, || {
                format!("{what}：{} = {s}", terms(vals))
            });
        } else {
            let (message, note, off) = bad(s, format!("{} = {s}", terms(vals)));
            self.add(at, message, note, off);
        }
    }

    fn add(&mut self, at: Range<usize>, message: String, note: &str, off: Option<i128>) {
        if let Some((c, _)) = self.0.iter_mut().find(|(c, _)| c.range == at) {
            c.note.push_str("；另：");
            c.note.push_str(&message);
            return;
        }
        self.0.push((
            Check::bad(CheckKind::PartSum, at, message, note.to_string()),
            off,
        ));
    }

    /// By how much the figure reported at `at` is off.
    fn off(&self, at: &Range<usize>) -> Option<i128> {
        self.0
            .iter()
            .find(|(c, _)| c.range == *at)
            .and_then(|f| f.1)
    }

    fn has(&self, at: &Range<usize>) -> bool {
        self.0.iter().any(|(c, _)| c.range == *at)
    }

    fn append(&mut self, at: &Range<usize>, message: &str) {
        if let Some((c, _)) = self.0.iter_mut().find(|(c, _)| c.range == *at) {
            c.note.push_str("；另：");
            c.note.push_str(message);
        }
    }

    fn into(self, out: &mut Checks) {
        for (c, _) in self.0 {
            out.push(c);
        }
    }
}

/// A cell's text with spaces and pipes taken out and half-width brackets
/// and full stops folded to the full-width ones the labels are compared in.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_space(c) && c != '|')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '．' => '.',
            c => c,
        })
        .collect()
}

/// A figure cell `r`: `Ok(Some(n))` for a whole count (digits, grouped by
/// commas or not: [`count_cell`]), `Ok(None)` for a dash or slash written
/// for nothing, `Err` for anything else.
fn figure(text: &str, r: Range<usize>) -> Result<Option<u64>, ()> {
    if matches!(&text[r.clone()], "—" | "——" | "-" | "－" | "/" | "／") {
        return Ok(None);
    }
    // A count of applications is far below this; sums cannot overflow.
    count_cell(text, r)
        .filter(|&n| n < 1 << 40)
        .map(Some)
        .ok_or(())
}

/// The normalized names of line `li`'s cells, without a first cell that
/// names the label column (项目, 申请人情况, or nothing) when `known` does
/// not hold it.
fn names(doc: &Document<'_>, li: usize, known: &[&str]) -> Option<Vec<String>> {
    let line = doc.lines.get(li)?;
    if line.is_blank() {
        return None;
    }
    let cells = line_cells(doc.text, line.content())?;
    let mut v: Vec<String> = cells.iter().map(|r| norm(&doc.text[r.clone()])).collect();
    if v.first().is_some_and(|n| !known.contains(&n.as_str())) {
        v.remove(0);
    }
    Some(v)
}

fn same(v: &[String], want: &[&str]) -> bool {
    v.len() == want.len() && v.iter().zip(want).all(|(a, b)| a == b)
}

/// The line above `li` that may hold a header: the one before, or the one
/// before a blank line or a delimiter row (a Markdown table's).
fn above(doc: &Document<'_>, li: usize) -> Option<usize> {
    let h = li.checked_sub(1)?;
    let line = &doc.lines[h];
    if line.is_blank() || line_cells(doc.text, line.content()).is_none() {
        return h.checked_sub(1);
    }
    Some(h)
}

/// The columns of the section 三 table whose first row is on line `li`:
/// their names, from the header right above (7 columns, or 3 with
/// 法人或其他组织 as one; the five 法人 columns under a line of 自然人,
/// 法人或其他组织, 总计 make 7).
fn app_columns(doc: &Document<'_>, li: usize) -> Option<&'static [&'static str]> {
    let mut known: Vec<&str> = FULL.to_vec();
    known.push(SHORT[1]);
    let h = above(doc, li)?;
    let v = names(doc, h, &known)?;
    if same(&v, &FULL) {
        return Some(&FULL);
    }
    if same(&v, &SHORT) {
        return Some(&SHORT);
    }
    if same(&v, &FULL[1..6]) && same(&names(doc, h.checked_sub(1)?, &known)?, &SHORT) {
        return Some(&FULL);
    }
    laid_out_columns(doc, li)
}

/// How many lines above the first row a header laid out with spaces (a PDF
/// copy) may take.
const HEADER_LINES: usize = 6;

/// Whether a header piece is a whole name already (it continues on no
/// line below: `申请人情况` over `法人或其他组织`).
fn whole(name: &str) -> bool {
    FULL.contains(&name) || name == SHORT[1] || name == "申请人情况"
}

/// A header cell of a table laid out with spaces, where it stands on the
/// line (in display columns), and the pieces of a name broken over lines
/// joined.
struct HeadCell {
    start: usize,
    end: usize,
    name: String,
    /// The header line that gave its last piece.
    last: usize,
}

/// The columns of the section 三 table whose first row is on line `li`,
/// from a header laid out with spaces over up to [`HEADER_LINES`] lines
/// (pdftotext -layout): a piece of a name on a line right under a piece
/// that it alone overlaps, and that overlaps it alone, continues it when
/// they share half the narrower one's width or more (a copy folded to
/// half-width punctuation shifts a line by a column or two) and the upper
/// one is no whole name yet (`商业` / `企业`). The joined names, left to right, must be the
/// statutory columns, 自然人 … 总计 (法人或其他组织 and 申请人情况 may stand
/// over them); any other text must start in the label column, left of
/// 自然人. `None` for tabs or pipes, or anything else.
fn laid_out_columns(doc: &Document<'_>, li: usize) -> Option<&'static [&'static str]> {
    use unicode_width::UnicodeWidthStr;
    let text = doc.text;
    let mut top = li;
    while top > 0 && li - top < HEADER_LINES && !doc.lines[top - 1].is_blank() {
        top -= 1;
    }
    if top == li {
        return None;
    }
    let mut cols: Vec<HeadCell> = Vec::new();
    for (t, l) in (top..li).enumerate() {
        let start = doc.line_range(l).start;
        let content = doc.lines[l].content();
        let s = &text[start..content.end];
        if memchr::memchr2(b'\t', b'|', s.as_bytes()).is_some() {
            return None;
        }
        let cells: Vec<(usize, usize, &str)> = line_cells(text, content)?
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| {
                let a = text[start..r.start].width();
                let piece = &text[r];
                (a, a + piece.width(), piece)
            })
            .collect();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        // The columns the line before ended, each with the cells under it.
        let open: Vec<usize> = (0..cols.len())
            .filter(|&k| t > 0 && cols[k].last == t - 1)
            .collect();
        let mut joins: Vec<Option<usize>> = vec![None; cells.len()];
        for (i, c) in cells.iter().enumerate() {
            let mut over = open
                .iter()
                .filter(|&&k| overlaps((cols[k].start, cols[k].end), (c.0, c.1)));
            if let (Some(&k), None) = (over.next(), over.next())
                && !whole(&cols[k].name)
                && 2 * (c.1.min(cols[k].end) - c.0.max(cols[k].start))
                    >= (c.1 - c.0).min(cols[k].end - cols[k].start)
                && cells
                    .iter()
                    .filter(|d| overlaps((cols[k].start, cols[k].end), (d.0, d.1)))
                    .count()
                    == 1
            {
                joins[i] = Some(k);
            }
        }
        for (c, j) in cells.into_iter().zip(joins) {
            match j {
                Some(k) => {
                    let col = &mut cols[k];
                    col.start = col.start.min(c.0);
                    col.end = col.end.max(c.1);
                    col.name.push_str(&norm(c.2));
                    col.last = t;
                }
                None => cols.push(HeadCell {
                    start: c.0,
                    end: c.1,
                    name: norm(c.2),
                    last: t,
                }),
            }
        }
    }
    let person = cols.iter().find(|c| c.name == FULL[0])?.start;
    let mut named: Vec<&HeadCell> = Vec::new();
    for c in &cols {
        if FULL.contains(&c.name.as_str()) || c.name == SHORT[1] {
            named.push(c);
        } else if c.name != "申请人情况" && c.start >= person {
            return None;
        }
    }
    named.sort_by_key(|c| c.start);
    let five: Vec<&str> = named
        .iter()
        .map(|c| c.name.as_str())
        .filter(|&n| n != SHORT[1])
        .collect();
    if five == FULL {
        return Some(&FULL);
    }
    let all: Vec<&str> = named.iter().map(|c| c.name.as_str()).collect();
    (all == SHORT).then_some(&SHORT[..])
}

/// A statutory row of section 三.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// 一、本年新收.
    New,
    /// 二、上年结转.
    Carried,
    /// 三、本年度办理结果 (no figures).
    Results,
    /// （一） to （六）.
    Cat(usize),
    /// A numbered sub-row (1. 2. …), with the group its name belongs to.
    Sub(Option<usize>),
    /// （七）总计.
    Total,
    /// 四、结转下年度继续办理.
    CarryOut,
}

impl Kind {
    /// Where the row stands in the format (sub-rows apart).
    fn rank(self) -> usize {
        match self {
            Kind::New => 0,
            Kind::Carried => 1,
            Kind::Results => 2,
            Kind::Cat(k) => 2 + k,
            Kind::Sub(_) => usize::MAX,
            Kind::Total => 9,
            Kind::CarryOut => 10,
        }
    }
}

/// The categories' names, in order （一） to （六）.
const CATS: [&str; 6] = [
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
];

/// The words that name a sub-row of （三） to （六）, by category.
const SUB_WORDS: [(usize, &[&str]); 4] = [
    (
        3,
        &[
            "国家秘密",
            "禁止公开",
            "三安全一稳定",
            "第三方合法权益",
            "内部事务",
            "过程性信息",
            "行政执法案卷",
            "行政查询事项",
        ],
    ),
    (4, &["不掌握", "另行制作", "补正后"]),
    (
        5,
        &[
            "信访",
            "重复申请",
            "公开出版物",
            "大量反复",
            "确认或重新出具",
        ],
    ),
    (6, &["逾期不补正", "收费通知", "缴纳费用"]),
];

/// The category a sub-row's name (after its number) belongs to, when one
/// only.
fn sub_group(name: &str) -> Option<usize> {
    let mut found = None;
    for (k, words) in SUB_WORDS {
        if words.iter().any(|w| name.contains(w)) || (k == 6 && name == "其他") {
            if found.is_some() {
                return None;
            }
            found = Some(k);
        }
    }
    found
}

/// What a normalized label is, when it is a statutory row.
fn classify(label: &str) -> Option<Kind> {
    let digits = label.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = label[digits..]
            .strip_prefix('.')
            .or_else(|| label[digits..].strip_prefix('、'))?;
        return Some(Kind::Sub(sub_group(rest)));
    }
    let (top, rest) = match label.split_once('、') {
        Some((o, r)) if o.chars().count() == 1 && chinese_ordinal(o).is_some() => {
            (chinese_ordinal(o), r)
        }
        _ => (None, label),
    };
    let (cat, rest) = match rest.strip_prefix('（') {
        Some(r) => {
            let (o, r) = r.split_once('）')?;
            (Some(chinese_ordinal(o)? as usize), r)
        }
        None => (None, rest),
    };
    if top.is_some() && cat.is_some() {
        return None;
    }
    let (kind, want_top, want_cat) = if rest.starts_with("本年新收") {
        (Kind::New, 1, 0)
    } else if rest.starts_with("上年结转") {
        (Kind::Carried, 2, 0)
    } else if rest.starts_with("本年度办理结果") || rest == "办理结果" {
        (Kind::Results, 3, 0)
    } else if rest.starts_with("结转下年") {
        (Kind::CarryOut, 4, 0)
    } else if rest == "总计" {
        (Kind::Total, 0, 7)
    } else if let Some(k) = CATS.iter().position(|c| rest.starts_with(c)) {
        (Kind::Cat(k + 1), 0, k + 1)
    } else {
        return None;
    };
    // An ordinal, when written, is the format's.
    let ok = match (top, cat) {
        (Some(t), None) => want_top != 0 && t as usize == want_top,
        (None, Some(c)) => want_cat != 0 && c == want_cat,
        _ => true,
    };
    ok.then_some(kind)
}

struct Fig {
    value: Option<u64>,
    range: Range<usize>,
}

struct AppRow {
    kind: Kind,
    label: Range<usize>,
    /// Empty for a row without figures (三、本年度办理结果).
    figs: Vec<Fig>,
}

/// A row's label as the messages show it: without the bracketed
/// explanation after a category's name (`（二）部分公开`).
fn short_label(s: &str) -> &str {
    let skip = if s.starts_with('（') || s.starts_with('(') {
        s.char_indices()
            .find(|&(_, c)| c == '）' || c == ')')
            .map_or(0, |(i, c)| i + c.len_utf8())
    } else {
        0
    };
    match s[skip..].find(['（', '(']) {
        Some(i) if i > 0 => &s[..skip + i],
        _ => s,
    }
}

/// How many lines a row label wrapped by a PDF copy may take.
const LABEL_LINES: usize = 3;

/// The row whose label `raw` on line `l` (a line without figures, read as
/// `kind`) a PDF copy wrapped: its kind, the line of its figures and that
/// line's cells. The lines after it up to that line hold no statutory label
/// and only the last has figures, and the label joined is a statutory one;
/// a category's name without figures (a parent row) is taken as wrapped
/// only inside a bracket (`（二）部分公开（区分处理的，只计`). `None` when not
/// wrapped.
fn wrapped_label(
    doc: &Document<'_>,
    l: usize,
    raw: &str,
    kind: Option<Kind>,
) -> Option<(Kind, usize, Vec<Range<usize>>)> {
    let text = doc.text;
    let mut label = norm(raw);
    if matches!(kind, Some(Kind::Cat(_)))
        && label.matches('（').count() <= label.matches('）').count()
    {
        return None;
    }
    if !matches!(kind, None | Some(Kind::Sub(_) | Kind::Cat(_))) {
        return None;
    }
    for next in l + 1..(l + LABEL_LINES).min(doc.lines.len()) {
        let line = &doc.lines[next];
        if line.is_blank() {
            return None;
        }
        let cells = line_cells(text, line.content())?;
        let piece = norm(&text[cells[0].clone()]);
        if piece.is_empty() || classify(&piece).is_some() {
            return None;
        }
        label.push_str(&piece);
        if cells[1..].iter().all(|r| r.is_empty()) {
            continue;
        }
        let k = classify(&label)?;
        return match (kind, k) {
            (None, _) => Some((k, next, cells)),
            (Some(a), b) if a == b || matches!((a, b), (Kind::Sub(_), Kind::Sub(_))) => {
                Some((k, next, cells))
            }
            _ => None,
        };
    }
    None
}

/// The rows of the section 三 table whose first row is on line `li`, with
/// `n` figures each, up to the first blank line or line that is no row;
/// `None` when a line reads two ways, and the last line read.
fn app_rows(doc: &Document<'_>, li: usize, n: usize) -> (Option<Vec<AppRow>>, usize) {
    let text = doc.text;
    let mut rows = Vec::new();
    let mut l = li;
    while l < doc.lines.len() {
        let line = &doc.lines[l];
        if line.is_blank() {
            break;
        }
        let Some(cells) = line_cells(text, line.content()) else {
            return (None, l);
        };
        let raw = &text[cells[0].clone()];
        let raw = raw.trim_matches(|c: char| c == '|' || is_space(c));
        let mut rest = &cells[1..];
        let mut empty = rest.iter().all(|r| r.is_empty());
        let mut kind = classify(&norm(raw));
        // A label a PDF copy wrapped: its figures on the line after.
        let wrapped = if empty {
            wrapped_label(doc, l, raw, kind)
        } else {
            None
        };
        let wrapped_cells;
        if let Some((k, next, c)) = wrapped {
            kind = Some(k);
            wrapped_cells = c;
            rest = &wrapped_cells[1..];
            empty = false;
            l = next;
        }
        let Some(kind) = kind else {
            if empty {
                break;
            }
            return (None, l);
        };
        let figs = if empty {
            // Only a heading row, or a parent shown without figures, may
            // have none.
            if !matches!(kind, Kind::Results | Kind::Cat(3..=6)) {
                return (None, l);
            }
            Vec::new()
        } else {
            if kind == Kind::Results || rest.len() != n {
                return (None, l);
            }
            let mut figs = Vec::with_capacity(n);
            for r in rest {
                let Ok(value) = figure(text, r.clone()) else {
                    return (None, l);
                };
                figs.push(Fig {
                    value,
                    range: r.clone(),
                });
            }
            figs
        };
        let cell = &text[cells[0].clone()];
        let start = cells[0].start
            + (cell.len()
                - cell
                    .trim_start_matches(|c: char| c == '|' || is_space(c))
                    .len());
        rows.push(AppRow {
            kind,
            label: start..start + raw.len(),
            figs,
        });
        l += 1;
    }
    (Some(rows), l)
}

fn terms(vals: &[u64]) -> String {
    vals.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Section 三: every table whose first row (本年新收) is at or after `from`.
fn applications(doc: &Document<'_>, from: usize, out: &mut Checks) {
    let text = doc.text;
    let finder = memmem::Finder::new("本年新收");
    let mut pos = from;
    let mut hint = 0;
    // The last line of the table read last.
    let mut done: Option<usize> = None;
    while let Some(k) = finder.find(&text.as_bytes()[pos..]) {
        let at = pos + k;
        let li = doc.index.line_of_from(at, hint);
        hint = li;
        pos = doc.line_range(li).end.max(at + 1);
        if done.is_some_and(|d| li < d) {
            continue;
        }
        // The word is in the row's label, its first cell.
        let content = doc.lines[li].content();
        let Some(cells) = line_cells(text, content) else {
            continue;
        };
        if !cells[0].contains(&at) && cells[0].start != at {
            continue;
        }
        let Some(cols) = app_columns(doc, li) else {
            continue;
        };
        let (rows, last) = app_rows(doc, li, cols.len());
        done = Some(last);
        if let Some(rows) = rows {
            application_sums(text, cols, &rows, out);
        }
    }
}

fn application_sums(text: &str, cols: &[&str], rows: &[AppRow], out: &mut Checks) {
    let n = cols.len();
    let find = |k: Kind| -> Vec<usize> { (0..rows.len()).filter(|&i| rows[i].kind == k).collect() };
    let [new] = find(Kind::New)[..] else { return };
    let [total] = find(Kind::Total)[..] else {
        return;
    };
    if new != 0 || rows[total].figs.is_empty() {
        return;
    }
    // The rows stand in the format's order, each once; sub-rows only
    // between 三、本年度办理结果 (or a category) and （七）总计.
    let mut rank = 0;
    let mut seen_first = false;
    for r in rows {
        match r.kind {
            Kind::Sub(_) => {
                if !(2..9).contains(&rank) {
                    return;
                }
            }
            k => {
                if seen_first && k.rank() <= rank {
                    return;
                }
                rank = k.rank();
                seen_first = true;
            }
        }
    }
    let row_of = |k: Kind| rows.iter().find(|r| r.kind == k);
    let present = |k: usize| row_of(Kind::Cat(k)).is_some();
    // The category of each sub-row: by its name, else by the category row
    // above it when no category after that one is left out.
    let mut certain = true;
    let mut group: Vec<Option<usize>> = vec![None; rows.len()];
    let mut above: Option<usize> = None;
    for (i, r) in rows.iter().enumerate() {
        match r.kind {
            Kind::Cat(k) => above = Some(k),
            Kind::Sub(by_name) => {
                let g = match (by_name, above) {
                    (Some(g), Some(p)) if g == p => Some(g),
                    (Some(g), p) if !present(g) && p.is_none_or(|p| p < g) => Some(g),
                    (None, Some(p)) if p >= 3 && (p + 1..=6).all(present) => Some(p),
                    _ => None,
                };
                certain &= g.is_some();
                group[i] = g;
            }
            _ => {}
        }
    }
    let mut found = Found::default();
    let fig = |r: &AppRow, c: usize| r.figs.get(c).and_then(|f| f.value);
    let subs_of = |k: usize| -> Vec<&AppRow> {
        (0..rows.len())
            .filter(|&i| group[i] == Some(k))
            .map(|i| &rows[i])
            .collect()
    };
    let tot = &rows[total];
    let tlabel = short_label(&text[tot.label.clone()]);
    // （七）总计 = （一） + … + （六）.
    if certain {
        'col: for (c, col) in cols.iter().enumerate() {
            let Some(t) = fig(tot, c) else { continue };
            let mut vals = Vec::new();
            for k in 1..=6 {
                match row_of(Kind::Cat(k)).filter(|r| !r.figs.is_empty()) {
                    Some(r) => match fig(r, c) {
                        Some(v) => vals.push(v),
                        None => continue 'col,
                    },
                    None => {
                        let subs = subs_of(k);
                        if subs.is_empty() {
                            continue;
                        }
                        let mut s = 0;
                        for r in subs {
                            match fig(r, c) {
                                Some(v) => s += v,
                                None => continue 'col,
                            }
                        }
                        vals.push(s);
                    }
                }
            }
            let at = tot.figs[c].range.clone();
            found.total(out, at, t, &vals, "（一）至（六）", |s, sum| {
                (
                    format!("表中“{tlabel}”行的{col}列为{t}，而（一）至（六）各项之和为{s}（{sum}）"),
                    "按政府信息公开工作年度报告格式，（七）总计等于（一）至（六）各项之和（未列出的项按0计，只列出小项的按其小项之和计）",
                    Some(i128::from(t) - i128::from(s)),
                )
            });
        }
        // A category shown with its sub-rows is their sum.
        for k in 3..=6 {
            let Some(p) = row_of(Kind::Cat(k)).filter(|r| !r.figs.is_empty()) else {
                continue;
            };
            let subs = subs_of(k);
            if subs.is_empty() {
                continue;
            }
            let plabel = short_label(&text[p.label.clone()]);
            for (c, col) in cols.iter().enumerate() {
                let Some(t) = fig(p, c) else { continue };
                let Some(vals) = subs.iter().map(|r| fig(r, c)).collect::<Option<Vec<u64>>>()
                else {
                    continue;
                };
                let at = p.figs[c].range.clone();
                found.total(out, at, t, &vals, &format!("{plabel}的各小项"), |s, sum| {
                    (
                        format!("表中“{plabel}”行的{col}列为{t}，而其下各小项之和为{s}（{sum}）"),
                        "按政府信息公开工作年度报告格式，（三）至（六）各项等于其下各小项之和（未列出的小项按0计）",
                        Some(i128::from(t) - i128::from(s)),
                    )
                });
            }
        }
    }
    // Each row's 总计 = 自然人 + 法人或其他组织 (四 after the 勾稽关系, which
    // may have found its wrong figure).
    for r in rows.iter().filter(|r| r.kind != Kind::CarryOut) {
        row_sum(text, n, r, &mut found, out);
    }
    // 一 + 二 = （七） + 四.
    let Some(carry_out) = row_of(Kind::CarryOut).filter(|r| !r.figs.is_empty()) else {
        found.into(out);
        return;
    };
    let carry_out_row = carry_out;
    let carried = row_of(Kind::Carried);
    for (c, col) in cols.iter().enumerate() {
        let (Some(a), Some(t), Some(d)) = (fig(&rows[new], c), fig(tot, c), fig(carry_out, c))
        else {
            continue;
        };
        let b = match carried {
            Some(r) => match fig(r, c) {
                Some(b) => b,
                None => continue,
            },
            None => 0,
        };
        let at = carry_out.figs[c].range.clone();
        if a + b == t + d {
            out.ok(CheckKind::PartSum, at, || {
                format!("勾稽关系：{a} + {b} = {} = {t} + {d}", a + b)
            });
            continue;
        }
        let message = format!(
            "表中{}列不符合勾稽关系：本年新收与上年结转之和为{}（{a} + {b}），而办理结果总计与结转下年度之和为{}（{t} + {d}）",
            col,
            a + b,
            t + d
        );
        // A figure of these rows already reported explains it.
        let prev = [
            Some(&tot.figs[c].range),
            Some(&rows[new].figs[c].range),
            carried.map(|r| &r.figs[c].range),
            Some(&at),
        ]
        .into_iter()
        .flatten()
        .find(|r| found.has(r))
        .cloned();
        if let Some(prev) = prev {
            found.append(&prev, &message);
            continue;
        }
        found.add(
            at,
            message,
            "按政府信息公开工作年度报告格式，第一项加第二项之和等于第三项加第四项之和（未列出上年结转的按0计）",
            Some(i128::from(t + d) - i128::from(a + b)),
        );
    }
    row_sum(text, n, carry_out_row, &mut found, out);
    found.into(out);
}

/// A row's 总计 against 自然人 and the 法人或其他组织 columns.
fn row_sum(text: &str, n: usize, r: &AppRow, found: &mut Found, out: &mut Checks) {
    let fig = |r: &AppRow, c: usize| r.figs.get(c).and_then(|f| f.value);
    if r.figs.is_empty() {
        return;
    }
    let Some(vals) = (0..n - 1).map(|c| fig(r, c)).collect::<Option<Vec<u64>>>() else {
        return;
    };
    let Some(t) = fig(r, n - 1) else { return };
    let s: u64 = vals.iter().sum();
    let at = r.figs[n - 1].range.clone();
    let label = short_label(&text[r.label.clone()]);
    if s == t {
        out.ok(CheckKind::PartSum, at, || {
            format!("{label}：{} = {s}", terms(&vals))
        });
        return;
    }
    let message = format!(
        "表中“{label}”行的总计为{t}，而自然人和法人或其他组织各列之和为{s}（{} = {s}）",
        terms(&vals)
    );
    // One figure of the row off by as much in its column: that figure
    // is the wrong one, and its finding tells this sum too.
    let off = i128::from(s) - i128::from(t);
    let mut culprits = r.figs[..n - 1]
        .iter()
        .filter(|f| found.off(&f.range) == Some(off));
    if let (Some(f), None) = (culprits.next(), culprits.next()) {
        let at = f.range.clone();
        found.append(&at, &message);
        return;
    }
    found.add(
        at,
        message,
        "按政府信息公开工作年度报告格式，每行的总计等于自然人和法人或其他组织各列之和",
        Some(-off),
    );
}

/// Section 四: every header line of 结果维持 … 总计 groups at or after
/// `from`, under 行政复议, with the rows of figures below it.
fn appeals(doc: &Document<'_>, from: usize, out: &mut Checks) {
    let text = doc.text;
    let finder = memmem::Finder::new("结果维持");
    let mut pos = from;
    let mut hint = 0;
    while let Some(k) = finder.find(&text.as_bytes()[pos..]) {
        let at = pos + k;
        let li = doc.index.line_of_from(at, hint);
        hint = li;
        pos = doc.line_range(li).end.max(at + 1);
        let Some(mut v) = names(doc, li, &APPEAL) else {
            continue;
        };
        // The header as the format prints it, on two lines: 行政复议's
        // group, then the cells 未经复议直接起诉 and 复议后起诉, whose two
        // groups are on the next line under them (after empty cells).
        let mut last = li;
        if v.len() == APPEAL.len() + 2
            && same(&v[..APPEAL.len()], &APPEAL)
            && v[APPEAL.len()..] == ["未经复议直接起诉", "复议后起诉"]
            && let Some(w) = names(doc, li + 1, &APPEAL)
        {
            let w: Vec<String> = w.into_iter().skip_while(String::is_empty).collect();
            if w.len() == 2 * APPEAL.len() && w.chunks(APPEAL.len()).all(|g| same(g, &APPEAL)) {
                v.truncate(APPEAL.len());
                v.extend(w);
                last = li + 1;
            }
        }
        let groups = v.len() / APPEAL.len();
        if !(1..=3).contains(&groups)
            || v.len() != groups * APPEAL.len()
            || v.chunks(APPEAL.len()).any(|g| !same(g, &APPEAL))
        {
            continue;
        }
        // The lines above (up to three) say what the groups are.
        let context: String = (li.saturating_sub(3)..last)
            .map(|l| &text[doc.lines[l].content()])
            .collect();
        let width = groups * APPEAL.len();
        let mut rows: Vec<(Option<Range<usize>>, Vec<Fig>)> = Vec::new();
        let mut l = last + 1;
        if l < doc.lines.len()
            && (doc.lines[l].is_blank() || line_cells(text, doc.lines[l].content()).is_none())
        {
            l += 1;
        }
        let mut ok = true;
        while l < doc.lines.len() && !doc.lines[l].is_blank() {
            let Some(cells) = line_cells(text, doc.lines[l].content()) else {
                ok = false;
                break;
            };
            let (label, rest) = if cells.len() == width {
                (None, &cells[..])
            } else if cells.len() == width + 1 && figure(text, cells[0].clone()).is_err() {
                (Some(cells[0].clone()), &cells[1..])
            } else if cells.len() == 1 {
                break;
            } else {
                ok = false;
                break;
            };
            let mut figs = Vec::with_capacity(width);
            for r in rest {
                match figure(text, r.clone()) {
                    Ok(value) => figs.push(Fig {
                        value,
                        range: r.clone(),
                    }),
                    Err(()) => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                break;
            }
            rows.push((label, figs));
            l += 1;
        }
        pos = pos.max(doc.line_range(l.min(doc.lines.len() - 1)).start);
        let under_review = context.contains("行政复议")
            || rows.iter().any(|(lab, _)| {
                lab.as_ref()
                    .is_some_and(|r| text[r.clone()].contains("行政复议"))
            });
        if !ok || rows.is_empty() || !under_review {
            continue;
        }
        let statutory =
            groups == 3 && context.contains("直接起诉") && context.contains("复议后起诉");
        let mut found = Found::default();
        for (label, figs) in &rows {
            for g in 0..groups {
                let part = &figs[g * 5..g * 5 + 5];
                let Some(vals) = part[..4]
                    .iter()
                    .map(|f| f.value)
                    .collect::<Option<Vec<u64>>>()
                else {
                    continue;
                };
                let Some(t) = part[4].value else { continue };
                let at = part[4].range.clone();
                let group_name = if statutory {
                    [
                        "行政复议",
                        "行政诉讼（未经复议直接起诉）",
                        "行政诉讼（复议后起诉）",
                    ][g]
                        .to_string()
                } else if groups == 1 {
                    if label.is_some() {
                        String::new()
                    } else {
                        "这一行".to_string()
                    }
                } else {
                    format!("第{}组", g + 1)
                };
                let place = match label {
                    Some(r) => format!("“{}”行{group_name}", &text[r.clone()]),
                    None => group_name,
                };
                found.total(out, at, t, &vals, &place, |s, sum| {
                    (
                        format!("表中{place}的总计为{t}，而结果维持、结果纠正、其他结果、尚未审结之和为{s}（{sum}）"),
                        "按政府信息公开工作年度报告格式，行政复议、行政诉讼各栏的总计等于结果维持、结果纠正、其他结果、尚未审结之和",
                        None,
                    )
                });
            }
        }
        found.into(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let figure = |s: &str| figure(s, 0..s.len());
        assert_eq!(figure("12"), Ok(Some(12)));
        assert_eq!(figure("1,234"), Ok(Some(1234)));
        assert_eq!(figure("—"), Ok(None));
        assert!(figure("1,23").is_err());
        assert!(figure("12件").is_err());
        assert!(figure("").is_err());
        assert!(figure("1.5").is_err());
        assert!(figure("99999999999999999999").is_err());
    }

    #[test]
    fn labels() {
        assert_eq!(
            classify("一、本年新收政府信息公开申请数量"),
            Some(Kind::New)
        );
        assert_eq!(classify("（七）总计"), Some(Kind::Total));
        assert_eq!(classify("总计"), Some(Kind::Total));
        assert_eq!(classify("（三）不予公开"), Some(Kind::Cat(3)));
        // The ordinal is the format's.
        assert_eq!(classify("（四）不予公开"), None);
        assert_eq!(
            classify("2.其他法律行政法规禁止公开"),
            Some(Kind::Sub(Some(3)))
        );
        assert_eq!(classify("3.其他"), Some(Kind::Sub(Some(6))));
        assert_eq!(
            classify("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            Some(Kind::Sub(Some(6)))
        );
        assert_eq!(
            classify("3.补正后申请内容仍不明确"),
            Some(Kind::Sub(Some(4)))
        );
        assert_eq!(classify("四、结转下年度继续办理"), Some(Kind::CarryOut));
        assert_eq!(classify("行政许可"), None);
        assert_eq!(
            short_label("（二）部分公开（区分处理的，只计这一情形）"),
            "（二）部分公开"
        );
    }
}
