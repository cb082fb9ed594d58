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
}

/// A table: its whole range, and its delimiter row's.
struct Table {
    range: Range<usize>,
    delimiter: Range<usize>,
}

/// An ordered list being read: its markers, and whether they are in order.
struct Ordered {
    next: u64,
    in_order: bool,
    markers: Vec<Range<usize>>,
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

/// The source ranges the prose keeps (sorted, disjoint) and the tables.
fn kept_ranges(text: &str) -> (Vec<Range<usize>>, Vec<Table>) {
    let mut keep = Vec::new();
    let mut tables = Vec::new();
    // One entry per open tag: whether its text is hidden.
    let mut open: Vec<bool> = Vec::new();
    let mut hidden = 0usize;
    // One entry per open list; `None` for a bullet list.
    let mut lists: Vec<Option<Ordered>> = Vec::new();
    for (ev, r) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
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
                            next: n,
                            in_order: true,
                            markers: Vec::new(),
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
                if matches!(end, TagEnd::List(_))
                    && let Some(Some(list)) = lists.pop()
                    && list.in_order
                {
                    keep.extend(list.markers);
                }
            }
            // Text that is the source as it is (not an entity or a code
            // block's expanded tab), outside hidden markup.
            Event::Text(t) if hidden == 0 && text.get(r.clone()) == Some(&*t) => keep.push(r),
            _ => {}
        }
    }
    keep.sort_by_key(|r| r.start);
    (keep, tables)
}

/// Read the marker of an ordered item starting at `at` (`3.`, `3)`).
fn read_marker(text: &str, at: usize, list: &mut Ordered) {
    let rest = &text.as_bytes()[at..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = std::str::from_utf8(&rest[..digits])
        .ok()
        .and_then(|d| d.parse::<u64>().ok());
    if n != Some(list.next) || !matches!(rest.get(digits), Some(b'.' | b')')) {
        list.in_order = false;
        return;
    }
    list.next += 1;
    list.markers.push(at..at + digits + 1);
}

impl Prose {
    /// The prose of `text`, or `None` when it is the text itself (no
    /// markup).
    pub fn of(text: &str) -> Option<Prose> {
        let (keep, tables) = kept_ranges(text);
        let mut p = Prose {
            text: String::with_capacity(text.len()),
            runs: Vec::new(),
        };
        let mut at = 0;
        let mut tables = tables.iter().peekable();
        for r in keep {
            let r = r.start.max(at)..r.end;
            if r.is_empty() {
                continue;
            }
            p.gap(text, at..r.start, &mut tables);
            p.take(text, r.clone());
            at = r.end;
        }
        p.gap(text, at..text.len(), &mut tables);
        (p.text != text).then_some(p)
    }

    /// The prose the rules read.
    pub fn text(&self) -> &str {
        &self.text
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

    /// The source range of prose range `r`, and whether it is the same bytes
    /// (no markup taken out inside it).
    fn source_span(&self, r: Range<usize>) -> (Range<usize>, bool) {
        if r.is_empty() {
            let s = self.source_at(r.start);
            return (s..s, true);
        }
        let s = self.source_at(r.start);
        let e = self.source_at(r.end - 1) + 1;
        (s..e, e - s == r.len())
    }

    /// Move the findings on the prose to the source: ranges, labels and fix
    /// edits. A fix that would edit markup is dropped (the finding stays).
    pub fn to_source(&self, diags: &mut [Diagnostic]) {
        for d in diags {
            d.set_range(self.source_span(d.range()).0);
            for l in &mut d.labels {
                l.set_range(self.source_span(l.range()).0);
            }
            let mut whole = true;
            for e in d.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                let (r, same) = self.source_span(e.range());
                whole &= same;
                e.set_range(r);
            }
            if !whole {
                d.fix = None;
            }
        }
    }
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
        assert_eq!(p.lines().count(), t.lines().count());
        assert_eq!(p.replace('\n', ""), "见和图注。脚注。");
    }

    #[test]
    fn tables_keep_their_pipes_and_lose_their_delimiter_row() {
        let t = "| 项目 | 数量 |\n| --- | ---: |\n| 复议案件 | **126件** |\n|[平台](http://a.cn/x,y)|见`a`|\n";
        assert_eq!(
            prose(t),
            "| 项目 | 数量 |\n\n| 复议案件 | 126件 |\n|平台|见|\n"
        );
        // A table whose delimiter row is its last.
        assert_eq!(prose("|甲|乙|\n|-|-|\n"), "|甲|乙|\n\n");
    }

    #[test]
    fn ordered_numbers_in_order_stay_and_others_go() {
        assert_eq!(
            prose("1. 完善制度。\n2. 加强培训。\n"),
            "1.完善制度。\n2.加强培训。\n"
        );
        assert_eq!(
            prose("1. 完善制度。\n1. 加强培训。\n"),
            "完善制度。\n加强培训。\n"
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

    /// Every byte of the prose maps back to the same byte of the source, and
    /// the map never goes backwards.
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
            assert_eq!(ends(&p.text), ends(t), "{t:?}");
            let mut last = 0;
            for (i, b) in p.text.bytes().enumerate() {
                let s = p.source_at(i);
                assert!(s >= last, "{t:?}");
                last = s;
                assert_eq!(t.as_bytes()[s], b, "{t:?} at {i}");
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
        let mut diags = [
            Diagnostic::new(comma..comma + 1, "comma")
                .with_fix(Fix::safe("，", vec![Edit::replace(comma..comma + 1, "，")])),
            Diagnostic::new(num..comma + 1, "across")
                .with_fix(Fix::safe("x", vec![Edit::delete(num..comma + 1)])),
        ];
        p.to_source(&mut diags);
        let src_comma = t.find(',').expect("comma");
        assert_eq!(diags[0].range(), src_comma..src_comma + 1);
        assert!(diags[0].fix.is_some());
        assert_eq!(diags[1].range(), t.find("126").expect("n")..src_comma + 1);
        assert!(diags[1].fix.is_none());
    }

    #[test]
    fn markdown_paths() {
        assert!(is_markdown(Path::new("a/报告.md")));
        assert!(is_markdown(Path::new("b.MARKDOWN")));
        assert!(!is_markdown(Path::new("c.txt")));
        assert!(!is_markdown(Path::new("md")));
    }
}
