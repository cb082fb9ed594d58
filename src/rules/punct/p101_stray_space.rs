use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::{Document, LineKind};
use crate::extract::dates::{CLOCK, Numerals};
use crate::extract::{Needles, stop_at_end};
use crate::rules::punct::text::{
    char_at, char_before, is_cjk_mark, is_han, lines_with, positions_iter,
};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 中文正文中间多出的单个空格（U+0020、不换行空格 U+00A0 或全角空格 U+3000）：
    /// - 数字中间：`16631. 31亿元`；
    /// - 数字与单位之间：`6 个月`、`399 项`；
    /// - 汉字与数字之间：`上报了 9895个`、`达 100%`（新闻稿电头后的空格 `本报讯　10月14日` 是版式，不报告）；
    /// - 汉字或中文标点与中文标点之间：`“两违” 拆除`、`推行 “一个窗口对外”`、`》 （南府发…）`、`建设 。`。
    ///
    /// 安全修复是删去这个空格。gwlint 从不插入空格。
    ///
    /// 不报告（版式，不是错误）：行首缩进和行尾空格；连续两个以上的空白（名单里把两字姓名补成三字宽的
    /// `阮  涛`、落款前的留白）；两个汉字之间的空格（名单、职务对齐）；汉字与拉丁字母之间、数字与字母单位
    /// 之间的空格（`5 km`）；数字与数字之间的空格（千分空 `55 235 367`；但电话号码里分开三四位和四位的空格要报告：
    /// 前面是区号和连字符的 `0596-312 5680`，或紧跟“电话：”“传真：”的 `联系电话：312 5680`；手机号按
    /// 3-4-4 分组的 `138 0745 1234` 不报告）；行末落款日期前的空格（也包括标题下括号里的署名与日期之间的，如“（某某中心　2026年1月）”），版记中印发机关与印发日期之间的空格（`某县人民政府办公室 2025年3月14日印发`）；网页残留行；
    /// 分隔表单栏目的空格（`联系人：孙伟　联系电话：…`，空格后是栏目名和冒号，或七位以上的电话号码）；用空格
    /// 分栏、没有逗号句号的表格行（`1 单位自查 11月15日前`）；日程表里时间一栏之后的空格（`9:00—9:30　开班式`）；行首序号后的空格（`1. 2024年3月8日，召开…`，
    /// Markdown 的列表项必须有这个空格）；表题、图题中编号之后的空格（`表1　行政执法主体和人员情况`、`续表2`、
    /// `附表3`、`图1`、`附件2`、`表2-1`）；页下注分隔线（`——————`）之下注码后的空格（`1 该办法全文见…`）。
    /// 日期中间（`2015年7月3 日`、`2024 年共办理`）和发文字号中间（`〔2017〕11 号`、`国办发 〔2021〕12号`）的空格由 D 族、N 族规则报告，这里跳过，
    /// 不重复报告。
    ///
    /// ## 为什么
    /// 公文正文的汉字、数字、单位和标点之间不空格。多出的空格多半是从网页或排版软件带来的，会使数字断开
    /// （`16631. 31`）、使引号悬空，印出来就是明显的差错。
    ///
    /// ## 错误示例
    /// ```text
    /// 全年新增399 项，上报了 9895个项目，总投资16631. 31亿元，办结率达 100%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 全年新增399项，上报了9895个项目，总投资16631.31亿元，办结率达100%。
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 正文排版不在汉字、数字、标点之间留空；GB/T 15834-2011 规定标点占一个字的位置，前后
    /// 不另加空格。AutoCorrect 等工具在汉字和数字之间插入空格的做法不适用于公文（见 `2013年12月` 不写作
    /// `2013 年 12 月`）。
    ///
    /// ## 选项
    /// 无。
    pub struct StraySpace {}
    meta {
        code: "P101",
        name: "stray-space",
        severity: Warning,
        summary: "中文正文中多出的空格（数字中间、数字与单位、汉字与数字或标点之间）",
        fix: Always,
        reads: [RESIDUE, DATES],
    }
}

/// Dates and document numbers, spaces allowed inside (and before a document
/// number's bracket, `国办发 〔2021〕12号`): their spaces belong to the D and N
/// families.
static SKIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[0-9]{2,4}[ \u{a0}\u{3000}]?年[ \u{a0}\u{3000}]?[0-9]{1,2}[ \u{a0}\u{3000}]?月(?:[ \u{a0}\u{3000}]?[0-9]{1,2}[ \u{a0}\u{3000}]?日)?",
        r"|[0-9]{1,2}[ \u{a0}\u{3000}]?月[ \u{a0}\u{3000}]?[0-9]{1,2}[ \u{a0}\u{3000}]?日",
        r"|[ \u{a0}\u{3000}]?[〔\[［【（(﹝〖][ \u{a0}\u{3000}]?[0-9]{4}[ \u{a0}\u{3000}]?[〕\]］】）)﹞〗]?[ \u{a0}\u{3000}]?[0-9]{1,5}[ \u{a0}\u{3000}]?号",
    ))
    .unwrap()
});

/// Where the spaces inside dates written in Arabic numerals are, in order:
/// D003 reports them, a date at a time, including those the pattern above
/// does not cover (a year alone, `本单位 2024 年共办理`).
fn spaces_in_dates(cx: &Context<'_>) -> Vec<usize> {
    let mut at: Vec<usize> = crate::rules::dates::dates(cx)
        .filter(|d| d.numerals == Numerals::Arabic)
        .flat_map(|d| d.spaces().map(|s| s.start))
        .collect();
    at.sort_unstable();
    at
}

/// A signature line ends with a full date after the space, and so does the
/// 版记 line of the organ that issues the document (`… 2025年3月14日印发`)
/// and the bracketed byline under a title (`（某某中心　2026年1月）`).
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日(印发)?$|(?:[0-9]{1,2}日)?[)）]$)").unwrap()
});

fn is_stray_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{3000}')
}

/// Why the space between `a` and `b` is a defect, if it is one.
fn why(s: &str, at: usize, a: char, b: char) -> Option<&'static str> {
    let digit = |c: char| c.is_ascii_digit();
    // `1. 2024年…` at the start of a line is an ordinal and its text (a
    // Markdown list item needs the space), not the number 1.2024.
    let ordinal = |head: &str| {
        !head.is_empty() && head.len() <= 3 && head.bytes().all(|c| c.is_ascii_digit())
    };
    if a == '.' && digit(b) && char_before(s, at - 1).is_some_and(digit) && !ordinal(&s[..at - 1]) {
        return Some("数字中间多了空格");
    }
    if digit(a) && digit(b) && splits_phone_number(s, at) {
        return Some("电话号码中间多了空格");
    }
    if (digit(a) || a == '%') && is_han(b) {
        return Some("数字与单位或后面的文字之间多了空格");
    }
    if is_han(a) && digit(b) {
        return Some("汉字与数字之间多了空格");
    }
    let mark = |c: char| is_cjk_mark(c) || c == '(' || c == ')';
    if (is_cjk_mark(a) && (is_han(b) || mark(b))) || ((is_han(a) || mark(a)) && is_cjk_mark(b)) {
        return Some("汉字与标点或标点之间多了空格");
    }
    None
}

/// Whether `head`, the text of a line before a space, is only the label of a
/// caption: `表1`, `续表2`, `附表3`, `图1`, `附件2`, and numbered within a
/// chapter (`表2-1`, `表2.1`), after any Markdown emphasis or heading marks.
/// The space between a table's or a figure's number and its title is the
/// caption's layout (`表1　行政执法主体和人员情况`), not a stray space.
fn after_caption_label(head: &str) -> bool {
    let head = head.trim_start_matches(['*', '_', '#', '>', ' ', '\u{3000}']);
    let Some(number) = ["续表", "附表", "表", "附图", "图", "附件"]
        .iter()
        .find_map(|l| head.strip_prefix(l))
    else {
        return false;
    };
    let (major, minor) = match number.split_once(['-', '－', '.', '．']) {
        Some((a, b)) => (a, Some(b)),
        None => (number, None),
    };
    let digits = |d: &str| (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit());
    digits(major) && minor.is_none_or(digits)
}

/// Whether `head`, the text of a line before a space, is a news report's
/// dateline (电头): `本报讯`, `本报12月3日讯`, `法治日报讯`, `新华社北京1月22日
/// 电`. The space after it is the newspaper's layout (`本报讯　10月14日，…`).
fn after_dateline(head: &str) -> bool {
    let head = head.trim_start_matches([' ', '\u{3000}']);
    crate::document::at_most_chars(head, 24)
        && !head.contains(['，', '。', '；', '：', ',', ';', ':', '、'])
        && (head.strip_suffix('讯').is_some_and(|h| {
            h.starts_with('本') || h.ends_with(['报', '网', '台', '刊']) || h.ends_with('日')
        }) || head.ends_with("日电"))
}

/// Whether the space at `at`, between two digits, splits the local part of
/// a telephone number, three or four digits and four (`0596-312 5680`):
/// after an area code and its hyphen (`0` and two or three digits), or
/// right after a label of a telephone (`联系电话：312 5680`). Anything else
/// (`12 345`) may be a thousands space; a mobile number grouped 3-4-4
/// (`138 0745 1234`) is grouped on purpose.
fn splits_phone_number(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    let run_before = |end: usize| {
        b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let left = run_before(at);
    let Some(space) = char_at(s, at) else {
        return false;
    };
    let from = at + space.len_utf8();
    let right = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    // A third group after another space: a number grouped on purpose.
    let grouped = char_at(s, from + right)
        .filter(|&c| is_stray_space(c))
        .is_some_and(|c| {
            b.get(from + right + c.len_utf8())
                .is_some_and(u8::is_ascii_digit)
        });
    if !(3..=4).contains(&left) || right != 4 || grouped {
        return false;
    }
    let head = &s[..at - left];
    let area_code = head
        .strip_suffix('-')
        .or_else(|| head.strip_suffix('－'))
        .is_some_and(|h| {
            let n = run_before(h.len());
            (3..=4).contains(&n) && h.as_bytes()[h.len() - n] == b'0'
        });
    area_code
        || head
            .trim_end_matches(is_stray_space)
            .strip_suffix(['：', ':'])
            .is_some_and(|l| {
                ["电话", "传真", "热线", "座机"]
                    .iter()
                    .any(|w| l.ends_with(w))
            })
}

/// Whether the space before `end` separates two fields of a form line: a
/// label and its colon follow it (`联系人：孙伟　联系电话：…`, `9:00 地点：…`),
/// or a telephone number or a code of seven or more digits does, with no
/// unit after it (`联系人：孙伟 13807451234`).
fn separates_fields(s: &str, end: usize) -> bool {
    let rest = &s[end..];
    let label = rest
        .char_indices()
        .take(9)
        .find(|&(_, c)| !is_han(c))
        .is_some_and(|(i, c)| i > 0 && matches!(c, '：' | ':'));
    let run = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    let digits = rest.as_bytes()[..run]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .count();
    // A number with a unit after it (`投入 12000000元`) is an amount.
    let number = digits >= 7 && !rest[run..].starts_with(is_han);
    label || number
}

/// Whether line `s`, with its spaces at `at`, is a row of a table typed
/// with spaces (`1 单位自查 11月15日前`): two or more single spaces and no
/// mark that ends a clause or a sentence.
fn is_table_row(s: &str, at: &[usize]) -> bool {
    at.len() >= 2 && !s.contains(['，', '。', '；', '！', '？', ',', ';']) && !s.contains("  ")
}

/// A schedule's time column: the line up to the space is a time or a span of
/// time (`9:00—9:30　开班式`, `下午14:30-17:00 分组讨论`), and the space parts
/// it from the item.
static TIME_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:上午|下午|晚上|中午)?{CLOCK}(?:\s*[-—–－~～至到]{{1,2}}\s*{CLOCK})?$"
    ))
    .expect("time column")
});

/// Whether `head`, the text of line `li` before a space, is the mark of a
/// footnote below the rule that parts the notes from the text
/// (`—————` then `1 该通知全文见…`): one or two digits, on the first line of
/// the notes or a later one. A figure does not start a line after such a
/// rule.
fn footnote_marker(doc: &Document<'_>, li: usize, head: &str) -> bool {
    let digits = |h: &str| (1..=2).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit());
    if !digits(head) {
        return false;
    }
    doc.lines[..li]
        .iter()
        .rev()
        .filter(|l| l.kind != LineKind::Blank)
        .take(6)
        .map(|l| doc.text[l.content()].trim())
        .take_while(|t| !t.is_empty())
        .find(|t| {
            is_note_rule(t)
                || !t
                    .split_once([' ', '\u{3000}'])
                    .is_some_and(|(h, _)| digits(h))
        })
        .is_some_and(is_note_rule)
}

/// A line that is only a rule of dashes or lines, three or more long: what
/// parts a page's footnotes from its text in text copied out of a PDF.
fn is_note_rule(t: &str) -> bool {
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '—' | '─' | '━' | '_' | '＿' | '-' | '－'))
}

/// The ideographic space. The ASCII space is looked for with memchr, and
/// the no-break space with memmem: in a set with U+3000, its two bytes would
/// make the set's filter let through several times more of a Chinese text.
static IDEOGRAPHIC_SPACE: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["\u{3000}"]));

impl Rule for StraySpace {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // The spaces of the text, in order, found once: the other characters
        // are never decoded, and the lines without one are passed over (the
        // spaces trimmed from a line's ends are outside its content).
        let nbsp = memchr::memmem::find_iter(doc.text.as_bytes(), "\u{a0}".as_bytes());
        let all = itertools::merge(
            positions_iter(doc.text, b" ", &IDEOGRAPHIC_SPACE),
            stop_at_end(nbsp),
        );
        let mut date_spaces: Option<Vec<usize>> = None;
        for (li, r, at) in lines_with(doc, cx.residue(), all) {
            let s = &doc.text[r.clone()];
            let mut skip: Option<Vec<std::ops::Range<usize>>> = None;
            let mut columns: Option<bool> = None;
            let mut k = 0;
            while k < at.len() {
                let i = at[k];
                k += 1;
                let c = char_at(s, i).unwrap_or(' ');
                let end = i + c.len_utf8();
                // Only a single space: runs of two or more are layout.
                if char_at(s, end).is_some_and(is_stray_space) {
                    let mut next = end;
                    while k < at.len() && at[k] == next {
                        next += char_at(s, next).map_or(1, char::len_utf8);
                        k += 1;
                    }
                    continue;
                }
                let (Some(a), Some(b)) = (char_before(s, i), char_at(s, end)) else {
                    continue;
                };
                if is_stray_space(a) {
                    continue;
                }
                let Some(reason) = why(s, i, a, b) else {
                    continue;
                };
                if TRAILING_DATE.is_match(&s[end..])
                    || after_caption_label(&s[..i])
                    || after_dateline(&s[..i])
                    || separates_fields(s, end)
                    || TIME_COLUMN.is_match(&s[..i])
                    || footnote_marker(doc, li, &s[..i])
                {
                    continue;
                }
                if *columns.get_or_insert_with(|| is_table_row(s, &at)) {
                    continue;
                }
                let spans =
                    skip.get_or_insert_with(|| SKIP.find_iter(s).map(|m| m.range()).collect());
                let k = spans.partition_point(|m| m.start <= i);
                if k > 0 && end < spans[k - 1].end {
                    continue;
                }
                let in_date = date_spaces.get_or_insert_with(|| spaces_in_dates(cx));
                if in_date.binary_search(&(r.start + i)).is_ok() {
                    continue;
                }
                let name = match c {
                    ' ' => "空格",
                    '\u{a0}' => "不换行空格",
                    _ => "全角空格",
                };
                let span = r.start + i..r.start + end;
                out.push(
                    Diagnostic::new(
                        span.clone(),
                        format!("{reason}：“{a}”与“{b}”之间不应有{name}"),
                    )
                    .with_fix(Fix::safe("删去空格", vec![Edit::delete(span)])),
                );
            }
        }
    }
}
