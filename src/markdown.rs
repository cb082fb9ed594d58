//! Markdown sources: the prose the rules read, and the way back to the file.
//!
//! A draft kept as `.md` (or `.markdown`) is parsed with pulldown-cmark
//! (CommonMark, with tables, strikethrough, footnotes, task lists, heading
//! attributes and YAML front matter). The rules do not read the file as it
//! is: they read its [`Prose`], the file with the markup taken out, line for
//! line, so that a heading `## 一、总体情况` is the heading `一、总体情况`,
//! `**126件**` is `126件`, a link `[公示平台](https://…?a=1,2)` is its text
//! `公示平台`, and what is not prose at all (fenced code, inline code, HTML,
//! images, link addresses, front matter, footnote marks) is not there. Every
//! line ending stays where it is, so the prose has the file's lines. A
//! table's rows keep their pipes and spaces (`| 复议案件 | 126件 |`), as a
//! table typed in a text file has them, and lose their delimiter row.
//!
//! Each finding is then moved back to the file ([`Prose::to_source`]): its
//! range, its labels and its fix. A fix whose edit would cover markup taken
//! out (a `**`, a link's address) is dropped, and the finding is kept
//! without it, so that a fix never breaks the Markdown.
//!
//! Two forms stay prose on purpose, because a 公文 drafter writes them as
//! text:
//!
//! - an *indented* code block (four spaces before a paragraph are how some
//!   drafts indent the first line);
//! - the numbers of an ordered list that are in order (`1.`, `2.`, `3.`):
//!   they are the 公文 level-three markers `1.`, `2.`, `3.`. A list whose
//!   numbers are not in order (`1.` `1.` `1.`) is numbered by the renderer,
//!   not by the source: its numbers are taken out, and nothing is said about
//!   them.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;

/// Whether `path` names a Markdown file (`.md`, `.markdown`, any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The prose of a Markdown text, with the way from each of its bytes back to
/// the source.
#[derive(Debug)]
pub struct Prose {
    text: String,
    /// Where each run of bytes taken from the source starts: (offset in the
    /// prose, offset in the source), both increasing.
    runs: Vec<(u32, u32)>,
    /// The prose ranges written in place of source bytes of the same length
    /// (a `<br>` as a line end, a list number as the renderer shows it).
    substituted: Vec<Range<u32>>,
    /// The source's length.
    source_len: usize,
    /// The source ranges of its HTML (comments among them): where a
    /// suppression comment may stand, unlike a code block that shows one.
    html: Vec<Range<usize>>,
    /// The 0-based lines that end in a paragraph's soft line break (the
    /// prose's lines are the source's).
    soft_lines: Vec<u32>,
}

/// A source range the prose keeps: as it is, or written as `with` (as many
/// bytes).
struct Piece {
    range: Range<usize>,
    with: Option<String>,
}

impl Piece {
    fn kept(range: Range<usize>) -> Piece {
        Piece { range, with: None }
    }
}

/// A table: its whole range, and its delimiter row's.
struct Table {
    range: Range<usize>,
    delimiter: Range<usize>,
}

/// An ordered list being read: the number its first item shows, and each
/// item's marker.
struct Ordered {
    start: u64,
    markers: Vec<Marker>,
    /// A marker that is not digits and `.` or `)`.
    unread: bool,
}

/// An ordered item's marker: its digits, and the `.` or `)` with the spaces
/// after it.
struct Marker {
    digits: Range<usize>,
    rest: Range<usize>,
}

impl Ordered {
    /// The markers as the renderer shows them (it numbers the items from
    /// the first one's number, whatever the source says), written over the
    /// source's digits; none when a number shown has more or fewer digits
    /// than the source's.
    fn shown(self, text: &str) -> Vec<Piece> {
        let mut out = Vec::with_capacity(self.markers.len() * 2);
        for (k, m) in self.markers.into_iter().enumerate() {
            let shown = (self.start + k as u64).to_string();
            if shown.len() != m.digits.len() {
                return Vec::new();
            }
            let with = (text[m.digits.clone()] != shown).then_some(shown);
            out.push(Piece {
                range: m.digits,
                with,
            });
            out.push(Piece::kept(m.rest));
        }
        out
    }
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS)
    .union(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

/// What the parse gives the prose: the source ranges it keeps (sorted,
/// disjoint), the tables, and the HTML.
struct Parsed {
    keep: Vec<Piece>,
    tables: Vec<Table>,
    html: Vec<Range<usize>>,
    /// Where each soft line break of a paragraph shown stands.
    soft: Vec<usize>,
}

fn parse(text: &str) -> Parsed {
    let mut keep = Vec::new();
    let mut tables = Vec::new();
    let mut html = Vec::new();
    let mut soft = Vec::new();
    // One entry per open tag: whether its text is hidden.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden = 0usize;
    // One entry per open list; `None` for a bullet list.
    let mut lists: Vec<Option<Ordered>> = Vec::new();
    // Whether the event before opened a block (so that this one is the
    // block's first content), and where the `**` that opens one ends.
    let mut opened_block = false;
    let mut skip_until = 0;
    for (ev, r) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        let block_start = std::mem::replace(
            &mut opened_block,
            matches!(
                ev,
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell)
            ),
        );
        match ev {
            Event::Start(tag) => {
                let hides = match &tag {
                    Tag::CodeBlock(CodeBlockKind::Fenced(_))
                    | Tag::Image { .. }
                    | Tag::MetadataBlock(_)
                    | Tag::HtmlBlock => true,
                    Tag::Link { link_type, .. } => {
                        matches!(link_type, LinkType::Autolink | LinkType::Email)
                    }
                    Tag::Table(_) => {
                        tables.push(Table {
                            range: r.clone(),
                            delimiter: r.end..r.end,
                        });
                        false
                    }
                    // The delimiter row ends where the first body row starts.
                    Tag::TableRow => {
                        if let Some(t) = tables.last_mut()
                            && t.delimiter.end == t.range.end
                        {
                            t.delimiter.end = r.start.max(t.delimiter.start);
                        }
                        false
                    }
                    Tag::List(first) => {
                        lists.push(first.map(|n| Ordered {
                            start: n,
                            markers: Vec::new(),
                            unread: false,
                        }));
                        false
                    }
                    Tag::Item => {
                        if let Some(Some(list)) = lists.last_mut() {
                            read_marker(text, r.start, list);
                        }
                        false
                    }
                    _ => false,
                };
                open.push(hides);
                hidden += usize::from(hides);
            }
            Event::End(end) => {
                if open.pop() == Some(true) {
                    hidden -= 1;
                }
                // The delimiter row starts where the head row ends.
                if matches!(end, TagEnd::TableHead)
                    && let Some(t) = tables.last_mut()
                {
                    t.delimiter.start = r.end.min(t.range.end);
                }
                // A list inside a list is the renderer's indented sub-list,
                // not a 公文 level: its numbers are not read.
                if matches!(end, TagEnd::List(_))
                    && let Some(Some(list)) = lists.pop()
                    && !list.unread
                    && lists.is_empty()
                    && hidden == 0
                {
                    keep.extend(list.shown(text));
                }
            }
            // Text that is the source as it is (not an entity or a code
            // block's expanded tab), outside hidden markup. A block that
            // opens with `**` CommonMark did not take for emphasis
            // (`**（一）加强组织领导。**全年…`: a closing `**` between 。
            // and a Chinese character does not close) opens with the
            // heading it was meant to make bold.
            Event::Text(t) if hidden == 0 && text.get(r.clone()) == Some(&*t) => {
                let rest = &text[r.start..];
                if block_start && (rest.starts_with("**") || rest.starts_with("__")) {
                    skip_until = r.start + 2;
                }
                let r = r.start.max(skip_until)..r.end;
                if !r.is_empty() {
                    keep.push(Piece::kept(r));
                }
            }
            // Inline code is not prose, but it stands between the words
            // around it (`邮箱：`a@b.cn`。` holds no `：。`): letters of the
            // same length, which no rule reads, take its place (its line
            // ends stay).
            Event::Code(_) if hidden == 0 => {
                let with: String = text.as_bytes()[r.clone()]
                    .iter()
                    .map(|&b| {
                        if b == b'\n' || b == b'\r' {
                            char::from(b)
                        } else {
                            'a'
                        }
                    })
                    .collect();
                keep.push(Piece {
                    range: r,
                    with: Some(with),
                });
            }
            Event::Html(_) => html.push(r),
            // A line break written in HTML ends the line, as it does on the page.
            Event::InlineHtml(h) if hidden == 0 && is_line_break(&h) => {
                let mut with = String::from("\n");
                with.extend(std::iter::repeat_n(' ', r.len() - 1));
                keep.push(Piece {
                    range: r,
                    with: Some(with),
                });
            }
            Event::InlineHtml(_) => html.push(r),
            Event::SoftBreak if hidden == 0 => soft.push(r.start),
            _ => {}
        }
    }
    keep.sort_by_key(|p| p.range.start);
    Parsed {
        keep,
        tables,
        html,
        soft,
    }
}

/// The lines (0-based) the soft breaks at `soft` end, counted by `\n`;
/// none when a lone CR also ends lines.
fn soft_lines(text: &str, soft: &[usize]) -> Vec<u32> {
    let b = text.as_bytes();
    if soft.is_empty() || memchr::memchr_iter(b'\r', b).any(|p| b.get(p + 1) != Some(&b'\n')) {
        return Vec::new();
    }
    let (mut line, mut at) = (0usize, 0usize);
    soft.iter()
        .map(|&o| {
            line += memchr::memchr_iter(b'\n', &b[at..o]).count();
            at = o;
            line as u32
        })
        .collect()
}

/// `<br>`, `<br/>`, `<br />`, in any case.
fn is_line_break(h: &str) -> bool {
    let t = h.trim();
    let inner = t.strip_prefix('<').and_then(|t| t.strip_suffix('>'));
    inner.is_some_and(|i| {
        let i = i.trim_end_matches('/').trim();
        i.eq_ignore_ascii_case("br")
    })
}

/// Read the marker of an ordered item starting at `at` (`3.`, `3)`), with
/// the spaces after it, which stay as in a text file (`1. 2024年…` is not
/// the number 1.2024).
fn read_marker(text: &str, at: usize, list: &mut Ordered) {
    let rest = &text.as_bytes()[at..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = std::str::from_utf8(&rest[..digits])
        .ok()
        .and_then(|d| d.parse::<u64>().ok());
    let (Some(_), Some(b'.' | b')')) = (n, rest.get(digits)) else {
        list.unread = true;
        return;
    };
    let spaces = rest[digits + 1..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    list.markers.push(Marker {
        digits: at..at + digits,
        rest: at + digits..at + digits + 1 + spaces,
    });
}

impl Prose {
    /// The prose of `text`, or `None` when it is the text itself (no
    /// markup).
    pub fn of(text: &str) -> Option<Prose> {
        let Parsed {
            keep,
            tables,
            html,
            soft,
        } = parse(text);
        let mut p = Prose {
            text: String::with_capacity(text.len()),
            runs: Vec::new(),
            substituted: Vec::new(),
            source_len: text.len(),
            html,
            soft_lines: soft_lines(text, &soft),
        };
        let mut at = 0;
        let mut tables = tables.iter().peekable();
        for piece in keep {
            let r = piece.range.start.max(at)..piece.range.end;
            if r.is_empty() {
                continue;
            }
            p.gap(text, at..r.start, &mut tables);
            match piece.with {
                Some(with) if r == piece.range && with.len() == r.len() => {
                    p.start_run(r.start);
                    let here = p.text.len() as u32;
                    p.substituted.push(here..here + with.len() as u32);
                    p.text.push_str(&with);
                }
                _ => p.take(text, r.clone()),
            }
            at = r.end;
        }
        p.gap(text, at..text.len(), &mut tables);
        (p.text != text).then_some(p)
    }

    /// The prose the rules read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 0-based lines that end in a soft line break of a paragraph: the
    /// paragraph runs on into the next line (see
    /// [`Document::soft_breaks`](crate::document::Document::soft_breaks)).
    pub fn soft_lines(&self) -> &[u32] {
        &self.soft_lines
    }

    /// Whether source range `r` lies in the source's HTML (a comment, not
    /// one shown in a code block).
    pub fn in_html(&self, r: &Range<usize>) -> bool {
        let i = self.html.partition_point(|h| h.end <= r.start);
        self.html
            .get(i)
            .is_some_and(|h| h.start <= r.start && r.end <= h.end)
    }

    /// Append source bytes `r` to the prose.
    fn take(&mut self, text: &str, r: Range<usize>) {
        self.start_run(r.start);
        self.text.push_str(&text[r]);
    }

    /// Note that the next prose byte comes from source offset `from`.
    fn start_run(&mut self, from: usize) {
        let here = self.text.len() as u32;
        if let Some(&(p, s)) = self.runs.last()
            && s as usize + (here - p) as usize == from
        {
            return;
        }
        self.runs.push((here, from as u32));
    }

    /// The markup between two kept ranges: its line ends stay, and in a
    /// table's rows (not its delimiter row) its pipes and spaces; the rest
    /// goes.
    fn gap<'t>(
        &mut self,
        text: &str,
        g: Range<usize>,
        tables: &mut std::iter::Peekable<impl Iterator<Item = &'t Table>>,
    ) {
        let bytes = text.as_bytes();
        for i in g {
            while tables.peek().is_some_and(|t| t.range.end <= i) {
                tables.next();
            }
            let b = bytes[i];
            let keep = match b {
                b'\n' | b'\r' => true,
                b'|' | b' ' | b'\t' => tables
                    .peek()
                    .is_some_and(|t| t.range.start <= i && !t.delimiter.contains(&i)),
                _ => false,
            };
            if keep {
                self.start_run(i);
                self.text.push(b as char);
            }
        }
    }

    /// The source offset of prose offset `p`.
    fn source_at(&self, p: usize) -> usize {
        let i = self.runs.partition_point(|&(q, _)| q as usize <= p);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some((q, s)) => s as usize + (p - q as usize),
            None => p,
        }
    }

    /// The source range of prose range `r`.
    fn source_span(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() {
            let s = self.source_at(r.start);
            return s..s;
        }
        self.source_at(r.start)..self.source_at(r.end - 1) + 1
    }

    /// Whether source bytes were taken out at prose offset `p` (between the
    /// prose bytes before and after it).
    fn taken_out_at(&self, p: usize) -> bool {
        let before = if p == 0 { 0 } else { self.source_at(p - 1) + 1 };
        let after = if p >= self.text.len() {
            self.source_len
        } else {
            self.source_at(p)
        };
        before != after
    }

    /// Whether an edit of prose range `r`, written at source range `src`
    /// of `source`, leaves the markup as it was: the range holds no markup
    /// taken out or written over, and it does not take away the spaces
    /// next to markup (`**（一）…。** 全年`: without the space, the `**` no
    /// longer closes).
    fn edit_is_prose(&self, r: &Range<usize>, src: &Range<usize>, source: &str) -> bool {
        if src.len() != r.len() {
            return false;
        }
        let i = self
            .substituted
            .partition_point(|s| (s.end as usize) <= r.start);
        if self
            .substituted
            .get(i)
            .is_some_and(|s| (s.start as usize) < r.end.max(r.start + 1))
        {
            return false;
        }
        !self.is_space_beside_markup(r, src, source)
    }

    /// Whether prose range `r` (source range `src`) is nothing but spaces
    /// next to markup taken out: how the Markdown is written, not prose.
    fn is_space_beside_markup(&self, r: &Range<usize>, src: &Range<usize>, source: &str) -> bool {
        let blank = source
            .get(src.clone())
            .is_some_and(|t| !t.is_empty() && t.trim().is_empty());
        blank && (self.taken_out_at(r.start) || self.taken_out_at(r.end))
    }

    /// Put back into `d`'s message the inline code that the letters of the
    /// prose stand for (`一、做好aaaaaaaa工作` is `一、做好`印发`工作`), for
    /// the code on the lines of the finding and its labels: a message that
    /// quotes the text there quotes the file, not the letters. Each code
    /// takes the first run of exactly its number of letters after the one
    /// before it; code over more than one line is left as it is.
    fn restore_code(&self, d: &mut Diagnostic, source: &str) {
        let ranges = std::iter::once(d.range()).chain(d.labels.iter().map(|l| l.range()));
        let (lo, hi) = ranges.fold((usize::MAX, 0), |(lo, hi), r| {
            (lo.min(r.start), hi.max(r.end))
        });
        let text = self.text.as_bytes();
        let lo = memchr::memrchr(b'\n', &text[..lo.min(text.len())]).map_or(0, |i| i + 1);
        let hi = memchr::memchr(b'\n', &text[hi.min(text.len())..]).map_or(text.len(), |i| hi + i);
        let first = self.substituted.partition_point(|s| (s.end as usize) <= lo);
        let codes = self.substituted[first..]
            .iter()
            .map(|s| s.start as usize..s.end as usize)
            .take_while(|s| s.start < hi)
            .filter(|s| text[s.clone()].iter().all(|&b| b == b'a'));
        let mut message: Option<String> = None;
        let mut from = 0;
        for code in codes {
            let m = message.get_or_insert_with(|| d.message.to_string());
            let Some(at) = letter_run(&m[from..], code.len()).map(|i| from + i) else {
                continue;
            };
            let Some(written) = source.get(self.source_span(code.clone())) else {
                continue;
            };
            m.replace_range(at..at + code.len(), written);
            from = at + written.len();
        }
        if let Some(m) = message.filter(|m| **m != *d.message) {
            d.message = m.into();
        }
    }

    /// Move the findings on the prose of `source` back to it: ranges,
    /// labels and fix edits. A fix that would edit markup is dropped (the
    /// finding stays).
    pub fn to_source(&self, source: &str, diags: &mut Vec<Diagnostic>) {
        // A finding on nothing but the spaces next to markup is about the
        // markup (`详见 `附件1`，`, `**（一）…。** 全年`): the spaces are
        // how the Markdown is written.
        diags.retain(|d| {
            let r = d.range();
            !self.is_space_beside_markup(&r, &self.source_span(r.clone()), source)
        });
        for d in diags.iter_mut() {
            self.restore_code(d, source);
            d.set_range(self.source_span(d.range()));
            for l in &mut d.labels {
                l.set_range(self.source_span(l.range()));
            }
            let mut whole = true;
            for e in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                let prose = e.range();
                let r = self.source_span(prose.clone());
                whole &= self.edit_is_prose(&prose, &r, source);
                e.set_range(r);
            }
            if !whole {
                d.fix = None;
            }
        }
    }
}

/// Where the first run of exactly `n` letters `a` in `s` starts.
fn letter_run(s: &str, n: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'a', &b[i..]).map(|j| i + j) {
        let len = b[j..].iter().take_while(|&&c| c == b'a').count();
        if len == n {
            return Some(j);
        }
        i = j + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(t: &str) -> String {
        Prose::of(t).map_or_else(|| t.to_string(), |p| p.text)
    }

    #[test]
    fn markup_goes_and_lines_stay() {
        let t = "# 关于印发某县2025年普法工作要点的通知\n\n## 一、总体要求\n\n全年办理**126件**，详见[公示平台](https://a.cn/x?b=1,2)。\n";
        assert_eq!(
            prose(t),
            "关于印发某县2025年普法工作要点的通知\n\n一、总体要求\n\n全年办理126件，详见公示平台。\n"
        );
    }

    #[test]
    fn code_html_images_front_matter_and_footnote_marks_are_not_prose() {
        let t = "---\ntitle: 某县(试行)\n---\n见`a,b`和<br>图![图(1)](p(1).png)注[^f]。\n\n```toml\nx = \"某县(试行)\"\n```\n<!-- 注释:不查 -->\n\n[^f]: 脚注。\n";
        let p = prose(t);
        // `<br>` ends a line, as on the page.
        assert_eq!(p.lines().count(), t.lines().count() + 1);
        // Inline code: letters in its place.
        assert!(p.starts_with("\n\n\n见aaaaa和\n"), "{p:?}");
        assert_eq!(p.replace(['\n', ' '], ""), "见aaaaa和图注。脚注。");
    }

    /// A message that quotes the prose around inline code quotes the
    /// code as the file has it, not the letters standing for it.
    #[test]
    fn a_message_quotes_inline_code_as_written() {
        let t = "一、做好`印发`和`x`工作\n\n再见`aa`。\n";
        let p = Prose::of(t).unwrap();
        let heading = &p.text()[..p.text().find('\n').unwrap()];
        assert_eq!(heading, "一、做好aaaaaaaa和aaa工作");
        let mut diags = vec![Diagnostic::new(0..3, format!("标题“{heading}”"))];
        p.to_source(t, &mut diags);
        assert_eq!(&*diags[0].message, "标题“一、做好`印发`和`x`工作”");
        // Only the code on the finding's lines: the line below keeps the
        // message's letters (a quoted `aaaa` there is not its code).
        let mut far = vec![Diagnostic::new(0..3, "见aaaa")];
        p.to_source(t, &mut far);
        assert_eq!(&*far[0].message, "见aaaa");
        assert_eq!(letter_run("aaaa aa aaa", 3), Some(8));
        assert_eq!(letter_run("aaaa", 3), None);
    }

    #[test]
    fn tables_keep_their_pipes_and_lose_their_delimiter_row() {
        let t = "| 项目 | 数量 |\n| --- | ---: |\n| 复议案件 | **126件** |\n|[平台](http://a.cn/x,y)|见`a`|\n";
        assert_eq!(
            prose(t),
            "| 项目 | 数量 |\n\n| 复议案件 | 126件 |\n|平台|见aaa|\n"
        );
        // A table whose delimiter row is its last.
        assert_eq!(prose("|甲|乙|\n|-|-|\n"), "|甲|乙|\n\n");
    }

    #[test]
    fn ordered_lists_read_as_the_renderer_numbers_them() {
        // The numbers and the spaces after them stay, as in a text file.
        assert!(Prose::of("1. 完善制度。\n2. 加强培训。\n").is_none());
        // The renderer numbers the items from the first one's number.
        assert_eq!(
            prose("1. 完善制度。\n1. 加强培训。\n"),
            "1. 完善制度。\n2. 加强培训。\n"
        );
        assert_eq!(
            prose("3) 甲；\n5) 乙；\n4) 丙。\n"),
            "3) 甲；\n4) 乙；\n5) 丙。\n"
        );
        // A number shown with more digits than the source's: none are read.
        let lazy: String = (0..10).map(|_| "1. 项。\n").collect();
        assert!(!prose(&lazy).contains('1'));
        // A list inside a list is not a 公文 level.
        assert_eq!(
            prose("1. 甲\n   1. 乙\n   2. 丙\n2. 丁\n"),
            "1. 甲\n乙\n丙\n2. 丁\n"
        );
        // A block that opens with a `**` CommonMark does not close opens
        // with its text.
        assert_eq!(
            prose("**（一）加强组织领导。**全年办理126件。\n"),
            "（一）加强组织领导。**全年办理126件。\n"
        );
        // Bullets go; a blockquote's marks go; escapes lose the backslash.
        assert_eq!(prose("- 第一项\n> 注：见\\*号\n"), "第一项\n注：见*号\n");
    }

    #[test]
    fn plain_text_is_its_own_prose() {
        assert!(Prose::of("一、总体情况\n全年办理126件。\n").is_none());
        // Four spaces before a paragraph indent it; they are not code.
        assert!(
            prose("    全年办理126件，其中维持98件。\n").contains("全年办理126件，其中维持98件。")
        );
    }

    /// Every byte of the prose maps back to the same byte of the source (but
    /// for the bytes written over it), and the map never goes backwards.
    #[test]
    fn every_prose_byte_maps_back_to_itself() {
        let pieces = [
            "# ",
            "## ",
            "一、",
            "（一）",
            "1. ",
            "2. ",
            "- ",
            "> ",
            "**",
            "*",
            "_",
            "`",
            "```\n",
            "[",
            "](",
            ")",
            "<br>",
            "<!-- x -->",
            "| ",
            " |",
            "---",
            "\n",
            "\n\n",
            "126件",
            "，",
            "全年",
            "\\*",
            "&nbsp;",
            "    ",
            "[^1]",
            "~~",
            "![",
            "：",
        ];
        crate::testing::for_random_texts(20, 3_000, &pieces, 1..40, |t| {
            let Some(p) = Prose::of(t) else { return };
            let ends = |s: &str| s.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
            let breaks = p
                .substituted
                .iter()
                .filter(|r| p.text.as_bytes()[r.start as usize] == b'\n')
                .count();
            assert_eq!(ends(&p.text), ends(t) + breaks, "{t:?}");
            let mut last = 0;
            for (i, b) in p.text.bytes().enumerate() {
                let s = p.source_at(i);
                assert!(s >= last, "{t:?}");
                last = s;
                let written = p
                    .substituted
                    .iter()
                    .any(|r| (r.start as usize..r.end as usize).contains(&i));
                if !written {
                    assert_eq!(t.as_bytes()[s], b, "{t:?} at {i}");
                }
            }
        });
    }

    #[test]
    fn fixes_that_would_edit_markup_are_dropped() {
        use crate::diagnostic::{Edit, Fix};
        let t = "全年办理**126件**,其中维持98件。\n";
        let p = Prose::of(t).expect("markup");
        let comma = p.text.find(',').expect("comma");
        let num = p.text.find("126件").expect("number");
        let mut diags = vec![
            Diagnostic::new(comma..comma + 1, "comma")
                .with_fix(Fix::safe("，", vec![Edit::replace(comma..comma + 1, "，")])),
            Diagnostic::new(num..comma + 1, "across")
                .with_fix(Fix::safe("x", vec![Edit::delete(num..comma + 1)])),
        ];
        p.to_source(t, &mut diags);
        let src_comma = t.find(',').expect("comma");
        assert_eq!(diags[0].range(), src_comma..src_comma + 1);
        assert!(diags[0].fix.is_some());
        assert_eq!(diags[1].range(), t.find("126").expect("n")..src_comma + 1);
        assert!(diags[1].fix.is_none());

        // The space that lets a `**` close, and a `<br>` written as a line
        // end, are markup too; a character next to markup is not.
        let t = "**（一）加强领导。** 全年办理126件<br>其中维持98件,撤销28件\n";
        let p = Prose::of(t).expect("markup");
        let space = p.text.find(' ').expect("space");
        let br = p.text.find('\n').expect("line end");
        let first = p.text.find('（').expect("first");
        let mut diags = vec![
            Diagnostic::new(space..space + 1, "space")
                .with_fix(Fix::safe("", vec![Edit::delete(space..space + 1)])),
            Diagnostic::new(br..br + 1, "br")
                .with_fix(Fix::safe("", vec![Edit::delete(br - 3..br + 1)])),
            Diagnostic::new(first..first + 3, "first")
                .with_fix(Fix::safe("(", vec![Edit::replace(first..first + 3, "(")])),
        ];
        p.to_source(t, &mut diags);
        // The finding on the space alone is about the markup: gone.
        assert_eq!(diags.len(), 2);
        assert_eq!(&*diags[0].message, "br");
        assert!(diags[0].fix.is_none());
        assert!(diags[1].fix.is_some());
        assert_eq!(&t[diags[1].range()], "（");
    }

    #[test]
    fn markdown_paths() {
        assert!(is_markdown(Path::new("a/报告.md")));
        assert!(is_markdown(Path::new("b.MARKDOWN")));
        assert!(!is_markdown(Path::new("c.txt")));
        assert!(!is_markdown(Path::new("md")));
    }
}
