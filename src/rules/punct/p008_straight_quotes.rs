use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::punct::text::{char_at, char_before, is_cjk_mark, is_han, lines_with};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 中文文字中用作引号的半角直引号 `"`：按“谁执法谁普法”的意思写成了 `"谁执法谁普法"`。
    /// 同一行的直引号依次两两配对（第一个是前引号，第二个是后引号……），前引号之前或后引号之后挨着汉字或
    /// 中文标点（引号用在中文句子里）就报告，安全地把前引号改为“，后引号改为”。
    ///
    /// 一行中的直引号为奇数个时无法确定哪个是前引号：只报告第一个两侧都是中文的直引号，不给修复。
    ///
    /// 不报告：外侧都不是中文的直引号（英文引文 `"Hello"`、英文句子引用的中文词、代码、网址中的引号）；
    /// 整行只是一个引语（`"依法行政"`，无法判断）；Markdown 行内代码
    /// （反引号之间）中的直引号；网页残留行（见 P202）。
    /// 半角单引号 `'` 不检查：它也是英文的撇号，无法与引号区分。
    ///
    /// ## 为什么
    /// 网页抓取和 NFKC 规范化不会把中文引号变成直引号；直引号几乎总是在半角输入状态下敲出来的，
    /// 印出来不分前后，字体不同时还会显示成英文引号，是明显的差错。
    ///
    /// ## 错误示例
    /// ```text
    /// 落实"谁执法谁普法"普法责任制。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 落实“谁执法谁普法”普法责任制。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.6（引号）：引号的形式有双引号“”和单引号‘’两种；中文文字使用全角的弯引号。
    ///
    /// ## 选项
    /// 无。
    pub struct StraightQuotes {}
    meta {
        code: "P008",
        name: "straight-quotes",
        severity: Warning,
        summary: "中文文字中用了半角直引号（\"），应为“”",
        fix: Sometimes,
        reads: [RESIDUE],
    }
}

/// Whether `c` is Chinese text: a Han character or a Chinese mark.
fn chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_mark(c))
}

/// Whether the quote at `i` of `s` has Chinese on both sides: in Chinese
/// text, whichever of the pair it is.
fn within_chinese(s: &str, i: usize) -> bool {
    chinese(char_before(s, i)) && chinese(char_at(s, i + 1))
}

/// The quoted words for a message: at most twelve characters.
fn quoted(s: &str) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(12).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

impl Rule for StraightQuotes {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let quotes = memchr::memchr_iter(b'"', doc.text.as_bytes());
        for (_, r, mut at) in lines_with(doc, cx.residue(), quotes) {
            let s = &doc.text[r.clone()];
            // Quotes in a Markdown code span (`key = "value"`) are code.
            if s.contains('`') {
                let ticks: Vec<usize> = memchr::memchr_iter(b'`', s.as_bytes()).collect();
                at.retain(|&i| ticks.partition_point(|&t| t < i).is_multiple_of(2));
            }
            if at.len() % 2 == 1 {
                let Some(&i) = at.iter().find(|&&i| within_chinese(s, i)) else {
                    continue;
                };
                let span = r.start + i..r.start + i + 1;
                out.push(
                    Diagnostic::new(span, "中文文字中用了半角直引号\"，应为“或”").with_note(
                        format!(
                            "本行有{}个直引号，无法确定哪个是前引号，请逐个改为“”",
                            at.len()
                        ),
                    ),
                );
                continue;
            }
            for pair in at.chunks_exact(2) {
                let (open, close) = (pair[0], pair[1]);
                // The words outside the pair say whose quotes they are: a
                // Chinese sentence quotes (`按照"谁执法谁普法"的要求`), an
                // English one may quote Chinese words (`reports "缺少" when`).
                if !chinese(char_before(s, open)) && !chinese(char_at(s, close + 1)) {
                    continue;
                }
                let inner = &s[open + 1..close];
                let (a, b) = (r.start + open, r.start + close);
                out.push(
                    Diagnostic::new(
                        a..b + 1,
                        format!(
                            "引号用了半角直引号：\"{}\"应为“{}”",
                            quoted(inner),
                            quoted(inner)
                        ),
                    )
                    .with_fix(Fix::safe(
                        "改为中文引号“”",
                        vec![Edit::replace(a..a + 1, "“"), Edit::replace(b..b + 1, "”")],
                    )),
                );
            }
        }
    }
}
