//! Family S: structure. Required sections, the heading hierarchy and its
//! numbering, ordinal runs, the title.
//!
//! The heading rules share an [`Outline`]: the document's level markers in
//! text order, split into segments (the main text, each attachment, a 方案
//! issued by a 通知), with the markers of an 附件说明 list left out and the
//! headings that were run into the previous paragraph (`…工作。2.加强…`)
//! added where the numbering proves them.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{
    Document, LineKind, MarkerForm, Span32, at_most_chars, is_doc_type_end, is_space,
    split_bracket_note,
};
use crate::rules::RuleSpec;

pub mod ordinal;
mod s001_required_sections;
mod s101_heading_numbering;
mod s102_marker_form;
mod s103_missing_parent_level;
mod s104_heading_end_punct;
mod s105_run_in_heading;
mod s106_article_numbering;
mod s107_heading_count;
mod s201_ordinal_run;
mod s202_ordinal_punct;
mod s301_title_doc_type;
mod s302_title_period;
mod s303_title_guanyu;
mod s304_title_year;
mod s305_missing_title;

pub const RULES: &[RuleSpec] = &[
    s001_required_sections::RequiredSections::SPEC,
    s101_heading_numbering::HeadingNumbering::SPEC,
    s102_marker_form::MarkerFormRule::SPEC,
    s103_missing_parent_level::MissingParentLevel::SPEC,
    s104_heading_end_punct::HeadingEndPunct::SPEC,
    s105_run_in_heading::RunInHeading::SPEC,
    s106_article_numbering::ArticleNumbering::SPEC,
    s107_heading_count::HeadingCount::SPEC,
    s201_ordinal_run::OrdinalRun::SPEC,
    s202_ordinal_punct::OrdinalPunct::SPEC,
    s301_title_doc_type::TitleDocType::SPEC,
    s302_title_period::TitlePeriod::SPEC,
    s303_title_guanyu::TitleGuanyu::SPEC,
    s304_title_year::TitleYear::SPEC,
    s305_missing_title::MissingTitle::SPEC,
];

/// One level marker in the outline.
#[derive(Clone, Debug)]
pub struct Item {
    /// 0-based line.
    line_at: u32,
    /// Index of the segment (0 = main text).
    segment_at: u32,
    pub ordinal: u32,
    pub level: u8,
    /// Body text follows the heading on the same line.
    pub run_in: bool,
    /// Found after a sentence end inside a paragraph, not at a line start.
    pub inline: bool,
    marker_at: Span32,
    text_at: Span32,
    pub form: MarkerForm,
}

impl Item {
    /// 0-based line.
    pub fn line(&self) -> usize {
        self.line_at as usize
    }

    /// Index of the segment (0 = main text).
    pub fn segment(&self) -> usize {
        self.segment_at as usize
    }

    /// The marker as written.
    pub fn marker(&self) -> Range<usize> {
        self.marker_at.range()
    }

    /// The heading's own text (see [`crate::document::Heading::text`]).
    pub fn text(&self) -> Range<usize> {
        self.text_at.range()
    }
}

/// One entry of an 附件说明 list (`附件：1.某某方案` and the lines
/// `2.…` under it), kept apart from the headings.
#[derive(Clone, Debug)]
pub struct ListEntry {
    /// Index of the list in the document.
    list_at: u32,
    pub ordinal: u32,
    marker_at: Span32,
    text_at: Span32,
}

impl ListEntry {
    /// Index of the list in the document.
    pub fn list(&self) -> usize {
        self.list_at as usize
    }

    /// The number and its mark (`3.`).
    pub fn marker(&self) -> Range<usize> {
        self.marker_at.range()
    }

    /// The attachment's name.
    pub fn text(&self) -> Range<usize> {
        self.text_at.range()
    }
}

/// The level markers of a document, in text order.
#[derive(Debug, Default)]
pub struct Outline {
    pub items: Vec<Item>,
    /// The entries of the 附件说明 lists, in text order: they number the
    /// attachments, not the text, and are no items.
    pub attachments: Vec<ListEntry>,
    /// The lines that open an article, a chapter or a section of a
    /// regulation (see [`is_article_start`]), in order.
    articles: Vec<u32>,
}

impl Outline {
    #[inline(never)]
    pub fn new(doc: &Document<'_>) -> Outline {
        // About one item a heading; run-in markers add a few.
        let mut items: Vec<Item> = Vec::with_capacity(doc.headings.len());
        let mut hi = 0;
        let mut segment = 0;
        // A break seen and not yet confirmed: it starts a new segment only
        // when the next marker restarts at one.
        let mut pending_break = false;
        // Inside an 附件说明 list (`附件：1.… / 2.…`): the line of its last
        // entry or of the last line of a name that wraps, and how many lines
        // the name has wrapped over.
        let mut in_list: Option<(usize, usize)> = None;
        let mut attachments: Vec<ListEntry> = Vec::new();
        let mut lists = 0u32;
        // Inside a note list (`注：1.… / 2.…`): the line last read as part
        // of it and the number of its last entry.
        let mut in_note: Option<(usize, u32)> = None;
        // Last ordinal per level under the current parent (for inline headings).
        let mut last: [Option<u32>; 5] = [None; 5];
        let mut articles = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            let heading = doc.headings.get(hi).filter(|h| h.line() == i);
            if heading.is_some() {
                hi += 1;
            }
            if line.kind == LineKind::Blank {
                continue;
            }
            let t = doc.line_text(i);
            if let Some((prev, n)) = in_note {
                // Only the lines right under it, with no blank line between:
                // the next entry by number is taken, unless it is also the
                // next item of the body (`1.` `2.`, a note `1.`, then `2.`
                // and `3.`: `3.` goes on with the body); a line of text with
                // no marker (a note that wraps) is read as usual and keeps
                // the list open.
                in_note = None;
                if prev + 1 == i {
                    match note_entry(t) {
                        Some(m) if m == n + 1 && last[3] != Some(n) => {
                            in_note = Some((i, m));
                            continue;
                        }
                        None if heading.is_none() && line.kind == LineKind::Body => {
                            in_note = Some((i, n));
                        }
                        _ => {}
                    }
                }
            }
            if let Some((prev, wraps)) = in_list {
                let start = line.content().start;
                if let Some((ordinal, marker)) = list_entry(t) {
                    attachments.push(ListEntry {
                        list_at: lists - 1,
                        ordinal,
                        marker_at: (start..start + marker).into(),
                        text_at: (start + marker..line.content().end).into(),
                    });
                    in_list = Some((i, 0));
                    continue;
                }
                // A name too long for its line goes on under its first
                // character (GB/T 9704-2012 7.3.4), indented.
                if prev + 1 == i
                    && wraps < 2
                    && doc.line_range(i).start < start
                    && !t.contains('。')
                    && at_most_chars(t, 40)
                {
                    in_list = Some((i, wraps + 1));
                    continue;
                }
                in_list = None;
            }
            if let Some(h) = heading {
                if pending_break {
                    pending_break = false;
                    if h.ordinal == 1 && !items.is_empty() {
                        segment += 1;
                        last = [None; 5];
                    }
                }
                let level = h.level as usize;
                for l in last.iter_mut().skip(level + 1) {
                    *l = None;
                }
                last[level] = Some(h.ordinal);
                items.push(Item {
                    line_at: i as u32,
                    level: h.level,
                    ordinal: h.ordinal,
                    marker_at: h.marker().into(),
                    text_at: h.text().into(),
                    form: h.form,
                    run_in: h.run_in,
                    inline: false,
                    segment_at: segment as u32,
                });
                if h.run_in {
                    find_inline(doc, i, h.text().end, &mut last, segment, &mut items);
                }
                continue;
            }
            if !matches!(line.kind, LineKind::Body | LineKind::Title) {
                continue;
            }
            if let Some(att) = attachment_line(t) {
                pending_break = true;
                if att {
                    // The first entry is on the 附件 line itself.
                    let colon = t.find([':', '：']).unwrap_or(0);
                    let after = colon + t[colon..].chars().next().map_or(0, char::len_utf8);
                    let first =
                        after + (t[after..].len() - t[after..].trim_start_matches(is_space).len());
                    if let Some((ordinal, marker)) = list_entry(&t[first..]) {
                        let start = line.content().start + first;
                        attachments.push(ListEntry {
                            list_at: lists,
                            ordinal,
                            marker_at: (start..start + marker).into(),
                            text_at: (start + marker..line.content().end).into(),
                        });
                        lists += 1;
                        in_list = Some((i, 0));
                    }
                }
                continue;
            }
            if line.kind == LineKind::Title || is_title_like(t) {
                pending_break = true;
                continue;
            }
            if note_line(t) {
                // A note list numbers the notes, not the text.
                in_note = Some((i, 1));
                continue;
            }
            if note_head(t) {
                // `注：` on a line of its own: the list starts on the next
                // line that is not blank (a Markdown file leaves one).
                let before_first = doc.lines[i + 1..]
                    .iter()
                    .position(|l| l.kind != LineKind::Blank)
                    .map_or(i, |k| i + k);
                in_note = Some((before_first, 0));
                continue;
            }
            if is_article_start(t) {
                articles.push(i as u32);
                for l in last.iter_mut().skip(2) {
                    *l = None;
                }
            }
            find_inline(doc, i, line.content().start, &mut last, segment, &mut items);
        }
        items.shrink_to_fit();
        Outline {
            items,
            attachments,
            articles,
        }
    }

    /// How many articles of a regulation start before `it` (see
    /// [`is_article_start`]): each article numbers its own items
    /// (`（一）…（二）…`), so items of two articles are not siblings below
    /// the first level.
    pub fn article_of(&self, it: &Item) -> usize {
        self.articles.partition_point(|&l| l < it.line_at)
    }

    /// The item whose section contains byte `offset`: the last item starting
    /// at or before it.
    pub fn section_of(&self, offset: usize) -> Option<usize> {
        let i = self.items.partition_point(|it| it.marker().start <= offset);
        i.checked_sub(1)
    }
}

/// Whether a line opens an article, a chapter or a section of a regulation
/// (`第三条　有下列情形之一的…`, `第二章 监督程序`, `第1条`): in a 办法 or
/// a 规定, printed on its own or after the 通知 that issues it, each article
/// numbers its items (`（一）…（二）…`) from one again.
pub fn is_article_start(t: &str) -> bool {
    article_marker(t).is_some()
}

/// The marker at the start of a line that opens an article, a chapter or a
/// section (see [`is_article_start`]): its unit (条, 章 or 节), the numeral
/// between 第 and the unit (Chinese or Arabic, as written), and the marker's
/// length in bytes. The marker ends the line or a space follows it.
pub fn article_marker(t: &str) -> Option<(char, &str, usize)> {
    let rest = t.strip_prefix('第')?;
    let n = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || "〇零一二三四五六七八九十百两".contains(c)))
        .map_or(rest.len(), |(i, _)| i);
    if n == 0 {
        return None;
    }
    let unit = rest[n..]
        .chars()
        .next()
        .filter(|c| matches!(c, '条' | '章' | '节'))?;
    let after = &rest[n + unit.len_utf8()..];
    (after.is_empty() || after.starts_with(is_space)).then_some((
        unit,
        &rest[..n],
        '第'.len_utf8() + n + unit.len_utf8(),
    ))
}

/// `附件` lines: `Some(true)` for an 附件说明 that starts a numbered list
/// (`附件：1.…`), `Some(false)` for any other attachment line (`附件`,
/// `附件2`, `附件：某某方案`).
pub(crate) fn attachment_line(t: &str) -> Option<bool> {
    let rest = t.strip_prefix("附件")?;
    let rest = rest.trim_start_matches(is_space);
    if rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit() || is_space(c)) {
        return Some(false);
    }
    let after = rest.strip_prefix([':', '：'])?.trim_start_matches(is_space);
    Some(after.starts_with("1.") || after.starts_with("1．"))
}

/// A line that opens a note list: `注：1.…` (also `注:`, `说明：`, `备注：`,
/// with the first entry run in after the colon). The notes under a table or
/// at the end of a 公报 number themselves; GB/T 9704-2012 7.3.3 orders the
/// levels of the body, not of its notes.
fn note_line(t: &str) -> bool {
    let Some(rest) = ["注", "说明", "备注"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    else {
        return false;
    };
    let Some(rest) = rest.trim_start_matches(is_space).strip_prefix([':', '：']) else {
        return false;
    };
    note_entry(rest.trim_start_matches(is_space)) == Some(1)
}

/// A line that only says a note list follows: `注：`, `注:`, `说明：`,
/// `备注：` (its first entry on the next line).
fn note_head(t: &str) -> bool {
    ["注", "说明", "备注"].iter().any(|p| {
        t.strip_prefix(p)
            .map(|r| r.trim_matches(is_space))
            .is_some_and(|r| r == "：" || r == ":")
    })
}

/// The number of a note (`2.行政应诉数据包括……`, `2．`, `2、`): one or two
/// digits, the mark, and text that is not a figure (`2.5万元` is no note).
fn note_entry(t: &str) -> Option<u32> {
    let (number, end) = numbered(t)?;
    let rest = &t[end..];
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(number)
}

/// The number that opens `t` in a list of notes or attachments: one or two
/// digits and a full stop (`.`, `．`) or a 顿号. The number and the length of
/// the number with its mark.
fn numbered(t: &str) -> Option<(u32, usize)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let mark = t[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | '．' | '、'))?;
    Some((t[..digits].parse().ok()?, digits + mark.len_utf8()))
}

/// An entry of an 附件说明 list: one or two digits, a full stop (`.`, `．`)
/// or a 顿号, and the attachment's name, which may start with a digit
/// (`3.2024年度统计表`) and holds no sentence. Its number and the length of
/// the number with its mark.
fn list_entry(t: &str) -> Option<(u32, usize)> {
    let (number, end) = numbered(t)?;
    let name = t[end..].trim_start_matches(is_space);
    if name.is_empty() || t.contains('。') || !at_most_chars(t, 80) {
        return None;
    }
    Some((number, end))
}

/// A line that reads like the title of a text of its own (an attachment or
/// a 方案 issued by a 通知): short, no sentence punctuation, ending with a
/// document type (optionally followed by a bracketed note such as （试行）).
pub fn is_title_like(t: &str) -> bool {
    // The ending first: most lines end with no document type, and the
    // length and the punctuation are then never counted.
    let s = split_bracket_note(t).map_or(t, |(s, _)| s);
    is_doc_type_end(s)
        && !at_most_chars(s, 4)
        && at_most_chars(t, 60)
        && !t.contains(['。', '，', ',', '：', ':', '；', ';', '！', '？'])
}

/// Headings run into a paragraph: after a sentence end, the marker that the
/// numbering expects next at level 2 or 3 (`。2.加强…。` after `1.`), with a
/// short heading sentence after it.
fn find_inline(
    doc: &Document<'_>,
    line: usize,
    from: usize,
    last: &mut [Option<u32>; 5],
    segment: usize,
    items: &mut Vec<Item>,
) {
    // Only a marker that follows one already seen at level 2 or 3 is taken.
    if last[2].is_none() && last[3].is_none() {
        return;
    }
    let end = doc.lines[line].content().end;
    let s = &doc.text[from..end];
    // `str::find('。')` would stop at every character whose last UTF-8 byte
    // is that of 。 (very many are): search for its three bytes instead.
    static FULL_STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。"));
    for p in FULL_STOP.find_iter(s.as_bytes()) {
        let after = p + '。'.len_utf8();
        let rest = &s[after..];
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        let rest = &rest[lead..];
        let start = from + after + lead;
        // Most sentences start with neither marker: skip them before
        // spelling out the expected ones.
        if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '（' || c == '(') {
            continue;
        }
        for level in [3u8, 2] {
            let Some(prev) = last[level as usize] else {
                continue;
            };
            let want = prev + 1;
            let (marker_len, form) = if level == 3 {
                let mut buf = itoa::Buffer::new();
                let digits = buf.format(want);
                let Some(r) = rest.strip_prefix(digits) else {
                    continue;
                };
                let Some(mark) = r.chars().next().filter(|c| matches!(c, '.' | '．')) else {
                    continue;
                };
                if r[mark.len_utf8()..].starts_with(|c: char| c.is_ascii_digit() || is_space(c)) {
                    continue;
                }
                (digits.len() + mark.len_utf8(), MarkerForm::Standard)
            } else {
                let num = chinese_numeral(want);
                let within = |open: char, close: char| {
                    rest.strip_prefix(open)
                        .and_then(|r| r.strip_prefix(num.as_str()))
                        .and_then(|r| r.strip_prefix(close))
                        .map(|r| rest.len() - r.len())
                };
                if let Some(n) = within('（', '）') {
                    (n, MarkerForm::Standard)
                } else if let Some(n) = within('(', ')') {
                    (n, MarkerForm::Folded)
                } else {
                    continue;
                }
            };
            let body = &rest[marker_len..];
            let Some(q) = FULL_STOP.find(body.as_bytes()) else {
                continue;
            };
            if !at_most_chars(&body[..q], 30) || body[..q].is_empty() {
                continue;
            }
            let marker = start..start + marker_len;
            let text = marker.end..marker.end + q + '。'.len_utf8();
            for l in last.iter_mut().skip(level as usize + 1) {
                *l = None;
            }
            last[level as usize] = Some(want);
            items.push(Item {
                line_at: line as u32,
                level,
                ordinal: want,
                marker_at: marker.into(),
                text_at: text.into(),
                form,
                run_in: true,
                inline: true,
                segment_at: segment as u32,
            });
            break;
        }
    }
}

/// Write `n` in Chinese numerals: 1 → 一, 12 → 十二, 20 → 二十 (1 to 99).
fn write_chinese_numeral(f: &mut impl fmt::Write, n: u32) -> fmt::Result {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let (t, u) = (n / 10, n % 10);
    match t {
        0 => {}
        1 => f.write_char('十')?,
        _ => {
            f.write_char(D[(t % 10) as usize])?;
            f.write_char('十')?;
        }
    }
    if u > 0 || t == 0 {
        f.write_char(D[u as usize])?;
    }
    Ok(())
}

/// 1 → 一, 12 → 十二, 20 → 二十 (1 to 99).
pub fn chinese_numeral(n: u32) -> String {
    let mut s = String::new();
    let _ = write_chinese_numeral(&mut s, n);
    s
}

/// The marker of ordinal `n` at `level` as messages show it (`三、`
/// `（三）` `3.` `（3）`). It is written where the message is formatted: a
/// shuffled draft has a finding on nearly every heading, each naming two or
/// three markers.
#[derive(Clone, Copy, Debug)]
pub struct MarkerLabel {
    level: u8,
    n: u32,
}

impl fmt::Display for MarkerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            1 => {
                write_chinese_numeral(f, self.n)?;
                f.write_str("、")
            }
            2 => {
                f.write_str("（")?;
                write_chinese_numeral(f, self.n)?;
                f.write_str("）")
            }
            3 => write!(f, "{}.", self.n),
            _ => write!(f, "（{}）", self.n),
        }
    }
}

pub fn marker_label(level: u8, n: u32) -> MarkerLabel {
    MarkerLabel { level, n }
}

/// A heading text shortened for messages: at most `max` characters, then
/// `…`. Written where the message is formatted.
#[derive(Clone, Copy, Debug)]
pub struct Short<'a> {
    s: &'a str,
    max: usize,
}

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.s.char_indices().nth(self.max) {
            None => f.write_str(self.s),
            Some((cut, _)) => {
                f.write_str(&self.s[..cut])?;
                f.write_str("…")
            }
        }
    }
}

/// The heading text of an item, shortened for messages.
pub fn short<'a>(doc: &Document<'a>, r: Range<usize>, max: usize) -> Short<'a> {
    Short {
        s: doc.text[r].trim_end_matches(['。', '：', ':']),
        max,
    }
}

/// Marker and text of an item as it appears, for messages: `（二）深化权力制约…`.
#[derive(Clone, Copy, Debug)]
pub struct ItemDisplay<'a> {
    marker: &'a str,
    text: Short<'a>,
}

impl fmt::Display for ItemDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.marker)?;
        self.text.fmt(f)
    }
}

pub fn item_display<'a>(doc: &Document<'a>, it: &Item) -> ItemDisplay<'a> {
    ItemDisplay {
        marker: doc.text[it.marker()].trim_end(),
        text: short(doc, it.text(), 16),
    }
}

/// Whether the document writes its commas folded (`,` rather than `，`).
pub fn folded_commas(doc: &Document<'_>) -> bool {
    // Byte searches: `str::contains('，')` would stop at every character
    // that shares its last UTF-8 byte.
    let t = doc.text.as_bytes();
    memchr::memmem::find(t, "，".as_bytes()).is_none() && memchr::memchr(b',', t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(23), "二十三");
        for n in 1..100 {
            assert_eq!(
                crate::document::chinese_ordinal(&chinese_numeral(n)),
                Some(n)
            );
        }
    }

    #[test]
    fn markers_and_headings_as_messages_show_them() {
        // An outline holds an item for nearly every heading.
        assert!(std::mem::size_of::<Item>() <= 32);
        let labels: Vec<String> = (1..=4).map(|l| marker_label(l, 12).to_string()).collect();
        assert_eq!(labels, ["十二、", "（十二）", "12.", "（12）"]);
        let doc = Document::new("（三）推进严格规范公正文明执法工作的若干措施。\n四、其他\n");
        let o = Outline::new(&doc);
        // Sixteen characters, then an ellipsis; a short text whole, without
        // its end mark.
        let sixteen = "推进严格规范公正文明执法工作的若";
        assert_eq!(sixteen.chars().count(), 16);
        assert_eq!(
            item_display(&doc, &o.items[0]).to_string(),
            format!("（三）{sixteen}…")
        );
        assert_eq!(item_display(&doc, &o.items[1]).to_string(), "四、其他");
        let at = doc.text.find(sixteen).unwrap();
        let end = at + sixteen.len();
        assert_eq!(short(&doc, at..end, 16).to_string(), sixteen);
        assert_eq!(
            short(&doc, at..end, 15).to_string(),
            format!("{}…", &sixteen[..45])
        );
        assert_eq!(
            short(&doc, at..end + 3, 16).to_string(),
            format!("{sixteen}…")
        );
    }

    #[test]
    fn inline_heading_found_after_its_sibling() {
        let doc = Document::new(
            "一、工作\n（一）制度\n1.立法协调。共办理3件。2.加强备案审查。严格执行制度。\n（二）执法\n",
        );
        let o = Outline::new(&doc);
        let got: Vec<(u8, u32, bool)> = o
            .items
            .iter()
            .map(|i| (i.level, i.ordinal, i.inline))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 1, false),
                (2, 1, false),
                (3, 1, false),
                (3, 2, true),
                (2, 2, false)
            ]
        );
    }

    #[test]
    fn attachment_list_and_attachment_segment() {
        let doc = Document::new(
            "一、要求\n二、安排\n附件:1.甲方案\n2.乙办法\n附件1\n某县工作方案\n一、目标\n",
        );
        let o = Outline::new(&doc);
        let got: Vec<(u8, u32, usize)> = o
            .items
            .iter()
            .map(|i| (i.level, i.ordinal, i.segment()))
            .collect();
        assert_eq!(got, vec![(1, 1, 0), (1, 2, 0), (1, 1, 1)]);
        let entries: Vec<(usize, u32)> = o
            .attachments
            .iter()
            .map(|e| (e.list(), e.ordinal))
            .collect();
        assert_eq!(entries, vec![(0, 1), (0, 2)]);
    }

    #[test]
    fn attachment_list_takes_gaps_wrapped_names_and_numbered_names() {
        let doc = Document::new(
            "一、要求\n附件：1.某县关于做好行政复议工作的\n      实施方案\n      3.2024年度统计表\n      3．名单\n\n某县人民政府\n1.另一项\n",
        );
        let o = Outline::new(&doc);
        let entries: Vec<(usize, u32, &str)> = o
            .attachments
            .iter()
            .map(|e| (e.list(), e.ordinal, &doc.text[e.marker()]))
            .collect();
        assert_eq!(entries, vec![(0, 1, "1."), (0, 3, "3."), (0, 3, "3．")]);
        let items: Vec<(u8, u32)> = o.items.iter().map(|i| (i.level, i.ordinal)).collect();
        assert_eq!(items, vec![(1, 1), (3, 1)]);
    }

    #[test]
    fn break_without_restart_is_ignored() {
        let doc = Document::new("一、要求\n具体工作安排\n二、安排\n");
        let o = Outline::new(&doc);
        assert!(o.items.iter().all(|i| i.segment() == 0));
    }
}
