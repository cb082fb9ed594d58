//! Tables typed as text: a header row of column names (with their units,
//! `受理（件）`, `办结率（%）`) over rows of cells, the cells separated by
//! pipes (`| 类别 | 受理（件） |`, also what a Markdown table is in its
//! prose, see `crate::markdown`), by tabs, or by runs of two spaces or more,
//! ideographic spaces (U+3000, as Word and web pages align columns) among
//! them: `县本级　　120　　114`, `乡镇 　80`. One U+3000 alone separates no
//! cells (it is a paragraph's indent, the space after `一、` or in a caption
//! `表1　…`), and an indent makes no empty first cell. A line whose only
//! gaps are ideographic spaces is a row only in running text that does not
//! end as a sentence or a clause: a heading (`二、　　办理情况`), the title
//! (`通　　知`), a 版记 line or paragraphs run together on one line
//! (`…。　　二是…。`) are none.
//! A001 reads a row's rate against its counts, A002 a 合计 row against the
//! rows it adds up.
//!
//! Only what reads one way is a table: every row has the header's number of
//! cells, every header cell has a name, and every data row a label that is
//! not a number. Anything else (merged cells, a second header row, rows of
//! different lengths) is no table, and the rules say nothing about it.
//!
//! A first column headed `序号` numbers the rows: it is left out, and the
//! column after it labels them. The 合计 row may write its label in the 序号
//! cell with the name cell empty, or leave the 序号 cell empty: with pipes
//! both show as empty cells; in a tab layout the empty cell is two tabs or a
//! tab at the line start. Columns aligned by spaces show neither: such a row
//! one cell short makes no table, unless it is indented past the header.
//!
//! When the header and every full row separate their cells by one tab each,
//! a shorter row is split at every tab: a run of tabs leaves empty cells, a
//! tab at the line's end an empty last cell (`合计\t\t\t192\t`, the text
//! cells of a 合计 row left empty), and each figure stays in the column its
//! tabs put it in. An empty cell so read under a column of counts makes no
//! table (a tab typed too many would put the figure there).
//!
//! A bulleted line as Word exports it to text (`●\t各村检查情况如下：`: a
//! bullet, one tab and prose) is no row: the table under it is read as if
//! the caption were not there. So is a caption `表1  执法情况` (`表`,
//! `续表` or `附表` and a number) with two spaces after the number, as a
//! PDF or Word copy leaves it.
//!
//! A line right above the table or its caption that states the unit
//! (`单位：件`, `（单位：万元）`) is kept as the table's [`Table::unit`]: the
//! rules read it as the unit of the columns whose header writes none.

use std::ops::Range;

use crate::document::{Document, LineKind, ends_as_clause, is_space};
use crate::extract::numbers::{Dec, Unit, unit_named};

/// A table: its header and its data rows, each with as many cells.
#[derive(Debug)]
pub struct Table {
    pub header: Vec<Header>,
    pub rows: Vec<Row>,
    /// The unit a line above the table gives its figures (`单位：件`,
    /// `（单位：万元）`), [`HeadUnit::None`] when there is none; see
    /// `unit_line`.
    pub unit: HeadUnit,
    /// Whether the table goes on from one before it (a `续表` caption above
    /// its header): its total row may add up the rows of both parts.
    pub continued: bool,
}

/// A column's header cell.
#[derive(Debug)]
pub struct Header {
    /// The whole cell (`受理（件）`).
    pub range: Range<usize>,
    /// The name without the bracketed unit (`受理`).
    pub name: Range<usize>,
    pub unit: HeadUnit,
}

/// The unit a header gives its column's figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadUnit {
    /// None written.
    None,
    /// `（%）`.
    Percent,
    /// A unit of the numbers' table (`（件）`, `（万元）`: 元 with 4).
    Unit(Unit, u32),
    /// Something else in brackets (`（注）`, `（件/人）`).
    Other,
}

/// A data row: `cells[0]` is its label.
#[derive(Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
}

#[derive(Debug)]
pub struct Cell {
    /// The cell's text, trimmed.
    pub range: Range<usize>,
    /// The figure, when the cell is only a figure.
    pub value: Option<Value>,
}

/// A cell that is a plain figure: `4116`, `4,116`, `98.0%`, `12件`.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    pub written: Dec,
    /// The digits (what a fix replaces).
    pub numeral: (usize, usize),
    pub percent: bool,
    /// A unit written in the cell (`12件`).
    pub unit: Option<(Unit, u32)>,
}

impl Value {
    pub fn numeral(&self) -> Range<usize> {
        self.numeral.0..self.numeral.1
    }
}

impl Row {
    /// The row's label, trimmed (`合计`, `行政复议`).
    pub fn label<'t>(&self, text: &'t str) -> &'t str {
        &text[self.cells[0].range.clone()]
    }
}

/// A line of the table being read.
struct Line {
    li: usize,
    cells: Cells,
    /// Bytes of indent before the first cell.
    lead: usize,
    /// The whole line, without its terminator (with the tabs around the
    /// content: an empty first or last cell).
    whole: Range<usize>,
}

/// One line read as cells.
enum Cells {
    Cells(Vec<Range<usize>>),
    /// `| --- | :---: |`: a Markdown delimiter row typed in a text file.
    Delimiter,
}

/// The next byte at or after `pos` that may separate cells, and whether it
/// is an ASCII one: a pipe, a tab, or the first of two spaces; or a space
/// beside an ideographic space (`乡镇 　80`: a gap of U+3000, not ASCII).
fn next_separator(b: &[u8], mut pos: usize) -> Option<(usize, bool)> {
    loop {
        let at = pos + memchr::memchr3(b'|', b'\t', b' ', &b[pos..])?;
        if b[at] != b' ' || b.get(at + 1) == Some(&b' ') {
            return Some((at, true));
        }
        if b[at + 1..].starts_with(IDEOGRAPHIC) || b[..at].ends_with(IDEOGRAPHIC) {
            return Some((at, false));
        }
        pos = at + 1;
    }
}

/// The ideographic space U+3000, as Word and web pages align columns with.
const IDEOGRAPHIC: &[u8] = "\u{3000}".as_bytes();

/// The first run of two ideographic spaces (`　　`, found by `wide`) in the
/// content of a line from line `li` on that may be a row of a table
/// aligned by them: a line of running text (no heading, no title, no line
/// of a page's bar or of the 版记) that does not end as a sentence or a
/// clause ([`ends_as_clause`](crate::document::ends_as_clause)). Lines are looked at one by one, their last
/// character first: a whole text searched for `　　` would stop at every
/// paragraph's indent, and the bytes of U+3000 (`E3 80 80`) begin every
/// CJK mark (、。《》).
fn next_ideographic_gap(
    doc: &Document<'_>,
    wide: &memchr::memmem::Finder<'_>,
    mut li: usize,
) -> Option<usize> {
    while let Some(l) = doc.lines.get(li) {
        if l.kind == LineKind::Body {
            let c = l.content();
            let s = &doc.text[c.clone()];
            if !ends_as_clause(s)
                && let Some(k) = wide.find(s.as_bytes())
            {
                return Some(c.start + k);
            }
        }
        li += 1;
    }
    None
}

/// The tables of a document, in text order.
#[inline(never)]
pub fn extract(doc: &Document<'_>) -> Vec<Table> {
    let text = doc.text;
    let b = text.as_bytes();
    let mut out = Vec::new();
    // The rows of the table being read.
    let mut run: Vec<Line> = Vec::new();
    let mut pos = 0;
    let mut hint = 0;
    // Columns aligned by ideographic spaces (`县本级　　120　　114`) too.
    // The next separator of each kind is kept until the lines read pass it.
    let wide = memchr::memmem::Finder::new("\u{3000}\u{3000}");
    // The line after the last one read.
    let mut next_line = 0;
    let mut gap = next_ideographic_gap(doc, &wide, 0);
    let mut sep = next_separator(b, 0);
    loop {
        if sep.is_some_and(|(s, _)| s < pos) {
            sep = next_separator(b, pos);
        }
        if gap.is_some_and(|g| g < pos) {
            gap = next_ideographic_gap(doc, &wide, next_line);
        }
        let Some(at) = (match (sep, gap) {
            (Some((s, _)), Some(g)) => Some(s.min(g)),
            (s, g) => s.map(|s| s.0).or(g),
        }) else {
            break;
        };
        let li = doc.index.line_of_from(at, hint);
        hint = li;
        next_line = li + 1;
        pos = doc.line_range(li).end.max(at + 1);
        let content = doc.lines[li].content();
        // Separators before or after the content (an indent) are no cells.
        if at < content.start && sep.is_some_and(|(s, _)| s < content.start) {
            sep = next_separator(b, content.start);
        }
        let inside = |x: usize| (content.start..content.end).contains(&x);
        let sep_in = sep.filter(|s| inside(s.0));
        if sep_in.is_none() && !gap.is_some_and(inside) {
            continue;
        }
        // A line whose only gaps are ideographic spaces (a space beside one
        // found first) is a row only as [`next_ideographic_gap`] says.
        if !sep_in.is_some_and(|s| s.1) && gap.is_none_or(|g| !inside(g)) {
            let c = &b[content.clone()];
            if memchr::memchr2(b'\t', b'|', c).is_none()
                && memchr::memmem::find(c, b"  ").is_none()
                && (doc.lines[li].kind != LineKind::Body || ends_as_clause(&text[content.clone()]))
            {
                flush(doc, &mut run, &mut out);
                continue;
            }
        }
        let lead = content.start - doc.line_range(li).start;
        // A Word bullet exported with its tab (`●\t各村检查情况如下：`), on
        // the line above a table, is a caption: no row of it.
        if is_bullet_tab_line(&text[content.clone()]) || is_caption(&text[content.clone()]) {
            flush(doc, &mut run, &mut out);
            continue;
        }
        let Some(cells) = split(text, content) else {
            flush(doc, &mut run, &mut out);
            continue;
        };
        let follows = run.last().is_some_and(|l| {
            let last = l.li;
            li == last + 1
                // The blank line a Markdown table's delimiter row leaves.
                || run.len() == 1 && li == last + 2 && doc.lines[last + 1].is_blank()
        });
        if !follows {
            flush(doc, &mut run, &mut out);
        }
        run.push(Line {
            li,
            cells,
            lead,
            whole: doc.line_range(li),
        });
    }
    flush(doc, &mut run, &mut out);
    out
}

/// Whether a line's content is a table's caption (`表1  执法情况`,
/// `续表2`, `附表1：…`): `表`, `续表` or `附表`, a number (`1`, `1-2`,
/// `一`), then nothing, a space or a colon. Copied from a PDF or Word, the
/// caption may keep two spaces after the number; it is no row of the table
/// under it.
fn is_caption(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix('表')
        .or_else(|| s.strip_prefix("续表"))
        .or_else(|| s.strip_prefix("附表"))
    else {
        return false;
    };
    let num = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "一二三四五六七八九十".contains(c)
            || matches!(c, '-' | '－' | '.' | '．')
    });
    num.len() < rest.len()
        && (num.is_empty() || num.starts_with(is_space) || num.starts_with(['：', ':']))
}

/// The unit a line states for the table whose header is line `li`: a line
/// right above it (or above its caption, [`is_caption`]; one blank line
/// may stand between) that is `单位：件`, `（单位：万元）`, `单位：件（次）`
/// (the first of two units), or a caption ending with one
/// (`表1  执法情况（单位：件）`). A unit that is none of the numbers' table's
/// (`单位：件、万元`, `单位：青川县司法局`) gives none.
fn unit_line(doc: &Document<'_>, li: usize) -> HeadUnit {
    let text = doc.text;
    let mut k = li;
    let mut blank = false;
    let mut caption = false;
    while k > 0 {
        k -= 1;
        let l = &doc.lines[k];
        if l.is_blank() {
            if blank {
                return HeadUnit::None;
            }
            blank = true;
            continue;
        }
        let s = &text[l.content()];
        let Some(at) = s.find("单位：").or_else(|| s.find("单位:")) else {
            if !caption && is_caption(s) {
                caption = true;
                continue;
            }
            return HeadUnit::None;
        };
        // The whole line, or the end of a caption.
        let open = matches!(s[..at].chars().next_back(), Some('（' | '('));
        if at > 0 && !is_caption(s) && !(open && s[..at].chars().count() == 1) {
            return HeadUnit::None;
        }
        let u = &s[at + "单位".len()..];
        let u = u
            .strip_prefix('：')
            .or_else(|| u.strip_prefix(':'))
            .unwrap_or(u);
        let mut u = u.trim_matches(is_space);
        if open {
            let Some(inner) = u.strip_suffix('）').or_else(|| u.strip_suffix(')')) else {
                return HeadUnit::None;
            };
            u = inner.trim_end_matches(is_space);
        }
        // `件（次）`: the first unit.
        if let Some(open) = u.find(['（', '(']) {
            let alt = &u[open..];
            if !(alt.ends_with('）') || alt.ends_with(')')) || open == 0 {
                return HeadUnit::None;
            }
            u = &u[..open];
        }
        return unit_named(u).map_or(HeadUnit::None, |(u, p)| HeadUnit::Unit(u, p));
    }
    HeadUnit::None
}

/// Whether the table whose header is line `li` has a `续表` caption above it
/// (one blank line, and a unit line, may stand between).
fn continued(doc: &Document<'_>, li: usize) -> bool {
    doc.lines[li.saturating_sub(3)..li]
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(2)
        .any(|l| {
            let s = &doc.text[l.content()];
            s.starts_with("续表") && is_caption(s)
        })
}

/// Whether a line's content is a list bullet (`●` `•` `◆` `■` `▲` `-` `*`
/// `·`), one tab and prose: a line of text with no other separator in it,
/// not a figure, with a character that is no ASCII (a bulleted item as Word
/// writes it in plain text). Such a line is no table row or header.
fn is_bullet_tab_line(s: &str) -> bool {
    let mut cs = s.chars();
    if !matches!(
        cs.next(),
        Some('●' | '•' | '◆' | '■' | '▲' | '-' | '*' | '·')
    ) || cs.next() != Some('\t')
    {
        return false;
    }
    let rest = cs.as_str();
    let b = rest.as_bytes();
    !rest.is_empty()
        && !rest.starts_with(is_space)
        && memchr::memchr2(b'\t', b'|', b).is_none()
        && memchr::memmem::find(b, b"  ").is_none()
        && !rest.is_ascii()
        && value(rest, 0..rest.len()).is_none()
}

/// The line `content` as cells, when it has two or more.
fn split(text: &str, content: Range<usize>) -> Option<Cells> {
    let s = &text[content.clone()];
    let base = content.start;
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut push = |a: usize, z: usize| {
        let cell = &s[a..z];
        let lead = cell.len() - cell.trim_start_matches(is_space).len();
        let trail = cell.trim_end_matches(is_space).len();
        let (a2, z2) = if lead >= cell.len() {
            (a, a)
        } else {
            (a + lead, a + trail)
        };
        cells.push(base + a2..base + z2);
    };
    if memchr::memchr(b'|', s.as_bytes()).is_some() {
        let inner_start = usize::from(s.starts_with('|'));
        let inner_end = s.len() - usize::from(s.len() > inner_start && s.ends_with('|'));
        let inner = &s[inner_start..inner_end];
        if !inner.is_empty()
            && inner
                .bytes()
                .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
            && inner.contains('-')
        {
            return Some(Cells::Delimiter);
        }
        let mut a = inner_start;
        for (i, _) in inner.match_indices('|') {
            push(a, inner_start + i);
            a = inner_start + i + 1;
        }
        push(a, inner_end);
    } else {
        // Tabs, or runs of two spaces or more.
        let mut a = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_space(c) {
                continue;
            }
            let mut z = i + c.len_utf8();
            let mut n = 1;
            let mut tab = c == '\t';
            while let Some(&(j, d)) = chars.peek() {
                if !is_space(d) {
                    break;
                }
                tab |= d == '\t';
                n += 1;
                z = j + d.len_utf8();
                chars.next();
            }
            if tab || n >= 2 {
                push(a, i);
                a = z;
            }
        }
        push(a, s.len());
        join_spaced_label(text, &mut cells);
    }
    (cells.len() >= 2).then_some(Cells::Cells(cells))
}

/// A label of two characters spaced out to the column's width (`合　　计`,
/// `类　　别`: Word and web pages pad a short label so) is one cell, not two:
/// the first two cells of a row of three or more, each a single Han
/// character, are joined. Read as two, a 合计 row lost its label and every
/// figure stood one column to the right.
fn join_spaced_label(text: &str, cells: &mut Vec<Range<usize>>) {
    let one_han = |r: &Range<usize>| {
        let mut cs = text[r.clone()].chars();
        cs.next().is_some_and(crate::extract::docnum::is_han) && cs.next().is_none()
    };
    if cells.len() >= 3 && one_han(&cells[0]) && one_han(&cells[1]) {
        let second = cells.remove(1);
        cells[0].end = second.end;
    }
}

/// The cells of one line, whose trimmed content is `content`, split as a
/// table's rows are (pipes, tabs, runs of two spaces): `None` for a Markdown
/// delimiter row, the whole content as one cell for a line without a
/// separator. The statutory tables of A002 (`rules/arith/disclosure.rs`),
/// whose headers span several lines, are read line by line through this.
pub fn line_cells(text: &str, content: Range<usize>) -> Option<Vec<Range<usize>>> {
    match split(text, content.clone()) {
        Some(Cells::Cells(c)) => Some(c),
        Some(Cells::Delimiter) => None,
        None => Some(vec![content]),
    }
}

/// The cell `r` when it is only a whole count without a unit or a per cent
/// sign (`12`, `1,234`, read as the table's other figures are): its value.
pub fn count_cell(text: &str, r: Range<usize>) -> Option<u64> {
    let v = value(text, r)?;
    if v.percent || v.unit.is_some() || v.written.scale != 0 {
        return None;
    }
    u64::try_from(v.written.m).ok()
}

/// Read the lines of `run` as a table into `out`, when they are one.
fn flush(doc: &Document<'_>, run: &mut Vec<Line>, out: &mut Vec<Table>) {
    let rows = std::mem::take(run);
    let Some(first) = rows.first().map(|l| l.li) else {
        return;
    };
    if let Some(mut t) = read_table(doc.text, rows) {
        t.unit = unit_line(doc, first);
        t.continued = continued(doc, first);
        // A continued table keeps the unit of the one it continues.
        if t.continued
            && t.unit == HeadUnit::None
            && let Some(before) = out.last()
        {
            t.unit = before.unit;
        }
        out.push(t);
    }
}

/// Whether a header cell names a column of row numbers (`序号`, `序　号`).
fn is_row_number(s: &str) -> bool {
    let mut cs = s.chars().filter(|&c| !is_space(c));
    cs.next() == Some('序') && cs.next() == Some('号') && cs.next().is_none()
}

/// The line `whole` split at every tab, each cell trimmed: a run of tabs
/// leaves empty cells between them, a tab at either end an empty first or
/// last cell. `None` for a line without a tab, with a pipe, or with a run of
/// two spaces inside a cell (tabs and spaces both separate its cells).
fn tab_cells(text: &str, whole: Range<usize>) -> Option<Vec<Range<usize>>> {
    let s = &text[whole.clone()];
    if memchr::memchr(b'\t', s.as_bytes()).is_none() || memchr::memchr(b'|', s.as_bytes()).is_some()
    {
        return None;
    }
    let mut cells = Vec::new();
    let mut a = whole.start;
    for piece in s.split('\t') {
        let lead = piece.len() - piece.trim_start_matches(is_space).len();
        let trail = piece.trim_end_matches(is_space).len();
        let r = if lead >= piece.len() {
            a..a
        } else {
            a + lead..a + trail
        };
        let mut prev_space = false;
        for c in text[r.clone()].chars() {
            let sp = is_space(c);
            if sp && prev_space {
                return None;
            }
            prev_space = sp;
        }
        cells.push(r);
        a += piece.len() + 1;
    }
    Some(cells)
}

/// `cells` without the empty cells at their end past the first `keep`.
fn drop_trailing_empty(mut cells: Vec<Range<usize>>, keep: usize) -> Vec<Range<usize>> {
    while cells.len() > keep && cells.last().is_some_and(|r| r.is_empty()) {
        cells.pop();
    }
    cells
}

fn read_table(text: &str, rows: Vec<Line>) -> Option<Table> {
    let mut it = rows.into_iter();
    let Some(Line {
        cells: Cells::Cells(mut head),
        lead: head_lead,
        whole: head_whole,
        ..
    }) = it.next()
    else {
        return None;
    };
    let full = head.len();
    let mut lines = Vec::new();
    for (k, l) in it.enumerate() {
        match l.cells {
            Cells::Delimiter if k == 0 => {}
            Cells::Delimiter => return None,
            Cells::Cells(c) => lines.push((c, l.lead, l.whole)),
        }
    }
    // Cells separated by one tab each, in the header and in every row of
    // the header's length: a run of tabs in a shorter row is then a run of
    // empty cells, and each figure's column is the count of tabs before it
    // (`合计\t\t\t192\t`: the text cells of a 合计 row left empty).
    // Where tabs also align the columns (two tabs in a full row), or spaces
    // separate cells, which cell is empty cannot be told.
    let single_tabs = |whole: &Range<usize>, len: usize| {
        tab_cells(text, whole.clone()).is_some_and(|c| {
            let c = drop_trailing_empty(c, 1);
            c.len() == len && c.iter().all(|r| !r.is_empty())
        })
    };
    let tabbed = single_tabs(&head_whole, full)
        && lines
            .iter()
            .all(|(c, _, whole)| c.len() != full || single_tabs(whole, full));
    // A first column of row numbers (`序号`: 1, 2, 3 …) is no part of the
    // table's figures: it is left out, and the next column labels the rows.
    let numbered = is_row_number(&text[head[0].clone()]);
    if numbered {
        head.remove(0);
        if head.len() < 2 {
            return None;
        }
    }
    let n = head.len();
    // Every header cell names its column, and none is a figure.
    if head
        .iter()
        .any(|r| r.is_empty() || value(text, r.clone()).is_some())
    {
        return None;
    }
    let header: Vec<Header> = head.into_iter().map(|r| header(text, r)).collect();
    let mut body = Vec::new();
    // The rows read with empty cells, by index in `body`.
    let mut with_empty = Vec::new();
    for (mut cells, lead, whole) in lines {
        let mut split_at_tabs = false;
        if tabbed
            && cells.len() < full
            && let Some(c) = tab_cells(text, whole)
        {
            let c = drop_trailing_empty(c, full);
            if c.len() == full {
                cells = c;
                split_at_tabs = true;
            }
        }
        if numbered {
            if cells.len() == n + 1 {
                let no = cells.remove(0);
                // `合计` written in the 序号 cell, the name cell left empty
                // (the two cells merged in the table it was copied from).
                if cells[0].is_empty() && !no.is_empty() && value(text, no.clone()).is_none() {
                    cells[0] = no;
                }
            } else if !(cells.len() == n
                && (lead > head_lead
                    || text[cells[0].end..cells[1].start].matches('\t').count() >= 2))
            {
                // One cell short: the row left its 序号 cell empty at the
                // line start (`\t合计\t50`, indented past the header), or
                // the name cell after it (`合计\t\t50`, two tabs); the label
                // is the first cell either way. Any other row is merged
                // cells (in columns aligned by spaces, which cell is
                // missing cannot be told).
                return None;
            }
        }
        // Rows of another length: merged or missing cells.
        if cells.len() != n {
            return None;
        }
        // A label: not empty (a merged cell), not a figure (a numbered list).
        let label = cells[0].clone();
        if label.is_empty() || value(text, label).is_some() {
            return None;
        }
        if split_at_tabs && cells[1..].iter().any(|r| r.is_empty()) {
            with_empty.push(body.len());
        }
        body.push(Row {
            cells: cells
                .into_iter()
                .map(|r| Cell {
                    value: value(text, r.clone()),
                    range: r,
                })
                .collect(),
        });
    }
    // An empty cell read from a run of tabs stands under a column of text
    // (`普法内容`, `完成时限`: 12月 counts nothing). Under a column of
    // counts, a figure of the row may as well belong there (one tab too
    // many, typed to align it): no table.
    // (An empty cell holds no figure: whether any row has one in a column
    // is asked once per column.)
    if !with_empty.is_empty() {
        let figures: Vec<bool> = (0..n)
            .map(|c| {
                body.iter().any(|r| {
                    r.cells[c]
                        .value
                        .is_some_and(|v| v.unit.is_none_or(|(u, _)| u.counts()))
                })
            })
            .collect();
        if with_empty
            .iter()
            .any(|&i| (1..n).any(|c| body[i].cells[c].range.is_empty() && figures[c]))
        {
            return None;
        }
    }
    (!body.is_empty()).then_some(Table {
        header,
        rows: body,
        unit: HeadUnit::None,
        continued: false,
    })
}

/// A header cell: its name and the unit in brackets after it.
fn header(text: &str, r: Range<usize>) -> Header {
    let s = &text[r.clone()];
    let bracketed = s
        .strip_suffix('）')
        .and_then(|t| Some((t, t.rfind('（')?, '（'.len_utf8())))
        .or_else(|| {
            s.strip_suffix(')')
                .and_then(|t| Some((t, t.rfind('(')?, 1)))
        });
    let Some((t, open, w)) = bracketed.filter(|&(_, open, _)| open > 0) else {
        return Header {
            name: r.clone(),
            range: r,
            unit: HeadUnit::None,
        };
    };
    let unit = match t[open + w..].trim_matches(is_space) {
        "%" | "％" => HeadUnit::Percent,
        u => unit_named(u).map_or(HeadUnit::Other, |(u, p)| HeadUnit::Unit(u, p)),
    };
    let name = t[..open].trim_end_matches(is_space);
    Header {
        name: r.start..r.start + name.len(),
        range: r,
        unit,
    }
}

/// The cell `r` as a figure, when it is only one: digits (grouped by
/// commas in threes or not), a decimal part, then nothing, a per cent sign
/// or a unit.
fn value(text: &str, r: Range<usize>) -> Option<Value> {
    let s = &text[r.clone()];
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |k| from + k)
    };
    let mut i = digits(0);
    if i == 0 {
        return None;
    }
    let mut num = String::from(&s[..i]);
    // `4,116`: groups of three after a first group of at most three.
    if b.get(i) == Some(&b',') && i <= 3 {
        while b.get(i) == Some(&b',') && digits(i + 1) == i + 4 {
            num.push_str(&s[i + 1..i + 4]);
            i += 4;
        }
    }
    if b.get(i) == Some(&b'.') {
        let z = digits(i + 1);
        if z == i + 1 {
            return None;
        }
        num.push('.');
        num.push_str(&s[i + 1..z]);
        i = z;
    }
    let written = Dec::parse(&num)?;
    let rest = s[i..].trim_start_matches(is_space);
    let (percent, unit) = match rest {
        "" => (false, None),
        "%" | "％" => (true, None),
        u => (false, Some(unit_named(u)?)),
    };
    Some(Value {
        written,
        numeral: (r.start, r.start + i),
        percent,
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(t: &str) -> Vec<Table> {
        extract(&Document::new(t))
    }

    #[test]
    fn pipes_tabs_and_spaces_make_rows() {
        let t = "表如下：\n| 类别 | 受理（件） | 办结率 |\n\n| 投诉 | 4,200 | 98.0% |\n| 合计 | 12件 | 95% |\n";
        let ts = tables(t);
        let [tb] = &ts[..] else { panic!("{ts:?}") };
        assert_eq!(tb.rows.len(), 2);
        assert_eq!(&t[tb.header[1].name.clone()], "受理");
        assert!(matches!(tb.header[1].unit, HeadUnit::Unit(..)));
        assert_eq!(tb.rows[0].cells[1].value.unwrap().written, Dec::int(4200));
        assert!(tb.rows[0].cells[2].value.unwrap().percent);
        assert!(tb.rows[1].cells[1].value.unwrap().unit.is_some());
        let t = "类别\t收案（件）\t结案率\n行政复议\t23\t91.3%\n";
        assert!(tables(t)[0].rows[0].cells[2].value.unwrap().percent);
        let t = "  类别    收案    结案\n  复议    23    21\n";
        assert_eq!(tables(t)[0].rows[0].label(t), "复议");
        // A sentence with one double space is no table.
        assert!(tables("全年受理  23件。\n办结21件。\n").is_empty());
    }

    #[test]
    fn a_row_number_column_is_left_out() {
        let labels = |t: &str| -> Vec<(String, Vec<Option<i64>>)> {
            let ts = tables(t);
            let [tb] = &ts[..] else { panic!("{ts:?}") };
            assert_eq!(&t[tb.header[0].range.clone()], "部门");
            tb.rows
                .iter()
                .map(|r| {
                    let v = r.cells[1..]
                        .iter()
                        .map(|c| c.value.map(|v| v.written.m as i64))
                        .collect();
                    (r.label(t).to_string(), v)
                })
                .collect()
        };
        let want = |last: &str| {
            vec![
                ("甲局".to_string(), vec![Some(10)]),
                ("乙局".to_string(), vec![Some(15)]),
                (last.to_string(), vec![Some(50)]),
            ]
        };
        // 合计 in the 序号 cell, the name cell empty.
        assert_eq!(
            labels("序号\t部门\t案卷（卷）\n1\t甲局\t10\n2\t乙局\t15\n合计\t\t50\n"),
            want("合计")
        );
        // The 序号 cell of the 合计 row empty, numbered, or a Markdown table.
        assert_eq!(
            labels("序号\t部门\t案卷（卷）\n1\t甲局\t10\n2\t乙局\t15\n\t合计\t50\n"),
            want("合计")
        );
        assert_eq!(
            labels("序号\t部门\t案卷（卷）\n1\t甲局\t10\n2\t乙局\t15\n3\t合计\t50\n"),
            want("合计")
        );
        assert_eq!(
            labels(
                "| 序号 | 部门 | 案卷（卷） |\n\n| 1 | 甲局 | 10 |\n| 2 | 乙局 | 15 |\n|  | 合计 | 50 |\n"
            ),
            want("合计")
        );
        assert_eq!(
            labels("序号  部门  案卷（卷）\n1     甲局  10\n2     乙局  15\n      合计  50\n"),
            want("合计")
        );
        // A row whose first cell cannot be told from a missing one: no table.
        assert!(tables("序号  部门  案卷（卷）\n1     甲局  10\n合计  50\n").is_empty());
        // Nothing left but the labels: no table.
        assert!(tables("序号\t部门\n1\t甲局\n2\t乙局\n").is_empty());
    }

    #[test]
    fn a_run_of_tabs_is_a_run_of_empty_cells() {
        // Each figure stays in the column its tabs put it in.
        let last = |t: &str| -> Vec<Option<i64>> {
            let ts = tables(t);
            let [tb] = &ts[..] else { panic!("{ts:?}") };
            let r = tb.rows.last().unwrap();
            assert_eq!(r.label(t), "合计");
            r.cells[1..]
                .iter()
                .map(|c| c.value.map(|v| v.written.m as i64))
                .collect()
        };
        assert_eq!(
            last("单位\t内容\t场次（场）\n甲局\t宪法\t10\n乙局\t民法\t15\n合计\t\t25\n"),
            vec![None, Some(25)]
        );
        assert_eq!(
            last("单位\t场次（场）\t时限\n甲局\t10\t6月\n乙局\t15\t9月\n合计\t25\t\n"),
            vec![Some(25), None]
        );
        assert_eq!(
            last("序号\t单位\t内容\t场次（场）\t时限\n1\t甲局\t宪法\t10\t6月\n合计\t\t\t25\t\n"),
            vec![None, Some(25), None]
        );
        // Under a column of counts the empty cell may be a tab too many.
        assert!(tables("类别\t收案\t结案\n复议\t20\t18\n合计\t\t18\n").is_empty());
        // Tabs that also align the columns; a row still one cell short.
        assert!(tables("单位\t\t内容\t场次（场）\n甲局\t\t宪法\t10\n合计\t\t\t10\n").is_empty());
        assert!(tables("单位\t内容\t场次（场）\n甲局\t宪法\t10\n合计\t10\n").is_empty());
    }

    #[test]
    fn a_caption_is_no_row_and_a_unit_line_gives_the_unit() {
        let unit = |t: &str| -> Vec<HeadUnit> { tables(t).iter().map(|tb| tb.unit).collect() };
        let jian = HeadUnit::Unit(unit_named("件").unwrap().0, 0);
        let wan = unit_named("万元").unwrap();
        let wan = HeadUnit::Unit(wan.0, wan.1);
        // A caption with two spaces, then the header.
        let t = "表1  执法情况\n部门\t收案\n甲局\t3\n";
        assert_eq!(&t[tables(t)[0].header[0].name.clone()], "部门");
        assert!(is_caption("续表2  执法情况") && is_caption("附表1：清单") && is_caption("表一"));
        assert!(!is_caption("表彰奖励") && !is_caption("表1中") && !is_caption("表示"));
        assert_eq!(unit("单位：件（次）\n部门  收案\n甲局  3\n"), vec![jian]);
        assert_eq!(unit("（单位：万元）\n\n项目\t经费\n甲\t3.5\n"), vec![wan]);
        assert_eq!(
            unit("单位：件\n表1  情况\n部门\t收案\n甲局\t3\n"),
            vec![jian]
        );
        assert_eq!(
            unit("表1  情况（单位：件）\n部门\t收案\n甲局\t3\n"),
            vec![jian]
        );
        // Not a unit line, or a unit that is none or two.
        assert_eq!(
            unit("单位：件\n说明\n部门\t收案\n甲局\t3\n"),
            vec![HeadUnit::None]
        );
        assert_eq!(
            unit("数据单位：件\n部门\t收案\n甲局\t3\n"),
            vec![HeadUnit::None]
        );
        assert_eq!(
            unit("单位：件、万元\n部门\t收案\n甲局\t3\n"),
            vec![HeadUnit::None]
        );
        assert_eq!(
            unit("单位：件\n\n\n部门\t收案\n甲局\t3\n"),
            vec![HeadUnit::None]
        );
    }

    #[test]
    fn ideographic_spaces_separate_cells() {
        let cells = |t: &str| -> Vec<Vec<String>> {
            let ts = tables(t);
            let [tb] = &ts[..] else { panic!("{ts:?}") };
            std::iter::once(
                tb.header
                    .iter()
                    .map(|h| t[h.range.clone()].to_string())
                    .collect(),
            )
            .chain(tb.rows.iter().map(|r| {
                r.cells
                    .iter()
                    .map(|c| t[c.range.clone()].to_string())
                    .collect()
            }))
            .collect()
        };
        let want = |rows: &[&[&str]]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect()
        };
        // Runs of U+3000, mixed with spaces; an indent makes no empty cell,
        // one U+3000 inside a label splits nothing, and the caption with
        // one U+3000 is no row.
        let t = "表1　办理情况\n　　类别　　受理（件）　 办结\n　　县本级　　12　　 10\n　　合　计 　　12　　10\n";
        assert_eq!(
            cells(t),
            want(&[
                &["类别", "受理（件）", "办结"],
                &["县本级", "12", "10"],
                &["合　计", "12", "10"]
            ])
        );
        // A label of two characters spaced to the column's width is one
        // cell, in the header and in the 合计 row; a row of two cells
        // keeps both.
        let t = "类　　别　　受理　　办结\n县本级　　12　　10\n合　　计　　12　　10\n";
        assert_eq!(
            cells(t),
            want(&[
                &["类　　别", "受理", "办结"],
                &["县本级", "12", "10"],
                &["合　　计", "12", "10"]
            ])
        );
        let t = "类别　　结果\n甲　　是\n乙　　否\n";
        assert_eq!(
            cells(t),
            want(&[&["类别", "结果"], &["甲", "是"], &["乙", "否"]])
        );
        // A heading whose only gap is ideographic is no row: the table
        // under it is read.
        let t = "二、　　办理情况\n类别　　受理\n复议　　3\n";
        assert_eq!(cells(t), want(&[&["类别", "受理"], &["复议", "3"]]));
        // Paragraphs indented with U+3000 and a single U+3000 between
        // words: no table.
        assert!(tables("　　全年受理23件。\n　　办结21件。\n").is_empty());
        assert!(tables("类别　受理\n复议　3\n诉讼　5\n").is_empty());
        // Paragraphs of a web page run together on a line, their indents
        // inside it: no rows.
        assert!(tables("一是抓学习。　　二是抓落实。\n三是抓整改。　　四是抓督查。\n").is_empty());
        assert!(tables("一是抓学习。 　二是抓落实。\n三是抓整改。 　四是抓督查。\n").is_empty());
        // A cell left empty shows only as a longer gap: no table.
        assert!(tables("类别　　受理　　办结\n复议　　3　　2\n诉讼　　　　　　5\n").is_empty());
    }

    #[test]
    fn what_reads_two_ways_is_no_table() {
        // Rows of different lengths.
        assert!(tables("| 类别 | 收案 | 结案 |\n| 复议 | 23 |\n").is_empty());
        // An empty label (a merged cell).
        assert!(tables("| 类别 | 收案 | 结案 |\n|  | 23 | 21 |\n").is_empty());
        // A numbered list.
        assert!(tables("| 项目 | 任务 | 时限 |\n| 1 | 清理 | 6月 |\n").is_empty());
        // A header with a figure.
        assert!(tables("| 类别 | 23 | 结案 |\n| 复议 | 23 | 21 |\n").is_empty());
    }
}
