use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::punct::text::{char_at, content_lines};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 并列的书名号、引号之间是否用了顿号：`》、《` 和 `”、“`。安全修复是删去顿号。
    ///
    /// 不报告（按标准应保留顿号，或无法判断）：
    /// - 书名号、引号之后还有括注，如 `《…》（2023年）、《…》`：顿号不紧挨着，本规则不会匹配；
    ///   后一项带括注而列举随后还在继续（`《…》、《…》（2023年）、《…》`），括注插在了并列成分之间，
    ///   也不报告。只有最后一项带括注（`《…》、《…》（某政发〔2024〕12号）。`）时，括注不在两项之间，
    ///   照样报告；
    /// - 后一项引号或书名号之后还带着别的成分，如 `“横县时讯”、“横县发布”新浪微博`、
    ///   `《…》、《…》实施细则`：这一项不是单纯的引号、书名号成分，顿号起分隔作用。书名号之后接着
    ///   “执行、贯彻、落实、施行、实施（不是实施细则等）、颁布、出台、印发、以来、均、都、已、相继、先后”的，
    ///   并列的是书名本身，照样报告；
    /// - 后一项在本行内找不到后引号或后书名号。
    ///
    /// ## 为什么
    /// 引号、书名号本身已经把并列的各项隔开，再加顿号是多余的。这是公文中最常见的标点差错之一。
    ///
    /// ## 错误示例
    /// ```text
    /// 认真学习《中华人民共和国行政复议法》、《中华人民共和国行政诉讼法》。
    /// 开展“法律进机关”、“法律进乡村”活动。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 认真学习《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》。
    /// 开展“法律进机关”“法律进乡村”活动。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.5.3.5：“标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号。若有其他
    /// 成分插在并列的引号之间或并列的书名号之间（如引语或书名号之后还有括注），宜用顿号。”
    ///
    /// ## 选项
    /// 无。
    pub struct CommaBetweenQuotes {}
    meta {
        code: "P003",
        name: "comma-between-quotes",
        severity: Warning,
        summary: "并列的书名号、引号之间多用了顿号（》、《 ”、“）",
        fix: Always,
        reads: [RESIDUE],
    }
}

/// How far (in bytes) to look for the end of the next item.
const MAX_ITEM: usize = 600;

/// After the next item closes, does the list go on or end here (so that the
/// item is a pure quoted or titled element)?
fn item_ends(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            "、，,。；;：:）)！!？?“”《》和及与或等—…".contains(c)
                || c.is_ascii_digit()
                || "一二两三四五六七八九十".contains(c)
        }
    }
}

/// After the last of a list of titles (书名号), words that make the titles
/// the list's whole items: the list is the subject or object of a verb
/// (`《…》、《…》执行以来`, `贯彻落实《…》、《…》均…`), not a title modifying a
/// noun (`《…》实施细则`, `《…》的规定`, which stay silent as in a quotation).
fn titles_end_before(rest: &str) -> bool {
    const VERBS: [&str; 13] = [
        "执行", "贯彻", "落实", "施行", "颁布", "出台", "印发", "均", "都", "已", "相继", "先后",
        "以来",
    ];
    if VERBS.iter().any(|v| rest.starts_with(v)) {
        return true;
    }
    // `实施` is a verb unless a noun follows it (实施细则, 实施办法…).
    rest.strip_prefix("实施").is_some_and(|after| {
        ![
            "细则", "办法", "意见", "方案", "计划", "条例", "规则", "方法", "规定",
        ]
        .iter()
        .any(|n| after.starts_with(n))
    })
}

/// Byte offset just after the mark closing the item that opens at `from`.
fn close_of(s: &str, from: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[from..].char_indices() {
        if i > MAX_ITEM {
            return None;
        }
        if c == open && i > 0 {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(from + i + c.len_utf8());
            }
            depth -= 1;
        }
    }
    None
}

impl Rule for CommaBetweenQuotes {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // memmem's SIMD search: `str::contains` reads these texts a byte at a
        // time.
        let has = |pat: &str| memchr::memmem::find(doc.text.as_bytes(), pat.as_bytes()).is_some();
        if !has("》、《") && !has("”、“") {
            return;
        }
        let residue = cx.residue();
        for (_, r) in content_lines(doc, residue) {
            let s = &doc.text[r.clone()];
            for (pat, open, close, what) in
                [("》、《", '《', '》', "书名号"), ("”、“", '“', '”', "引号")]
            {
                for (p, _) in s.match_indices(pat) {
                    let comma = p + close.len_utf8();
                    let next_open = comma + '、'.len_utf8();
                    let Some(end) = close_of(s, next_open, open, close) else {
                        continue;
                    };
                    // A 括注 after the last item is not between the items.
                    let end = match char_at(s, end) {
                        Some(c @ ('（' | '(')) => {
                            let shut = if c == '（' { '）' } else { ')' };
                            match close_of(s, end, c, shut) {
                                Some(after) if !matches!(char_at(s, after), Some('、')) => after,
                                _ => continue,
                            }
                        }
                        _ => end,
                    };
                    let whole_titles = open == '《' && titles_end_before(&s[end..]);
                    if !(item_ends(char_at(s, end)) || whole_titles) {
                        continue;
                    }
                    let span = r.start + p..r.start + next_open + open.len_utf8();
                    let comma_r = r.start + comma..r.start + next_open;
                    out.push(
                        Diagnostic::new(span, format!("标有{what}的并列成分之间通常不用顿号"))
                            .with_label(comma_r.clone(), "删去这个顿号")
                            .with_fix(Fix::safe(
                                format!("删去顿号，写作“{close}{open}”"),
                                vec![Edit::delete(comma_r)],
                            )),
                    );
                }
            }
        }
    }
}
