use std::ops::Range;

use super::text::content_lines;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::RareMarks;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 正文、标题中的表情符号（emoji）：`📢`、`👉`、`👆👆👆`、`⚖️`，多是从微信公众号文章、聊天记录复制来的。
    /// 相连的几个表情符号报告一次。
    ///
    /// 只认两类字符：U+1F000–U+1FAFF 的图形符号（表情、手势、交通、物品等），以及后面跟着“变体选择符-16”
    /// （U+FE0F，要求按表情显示）的符号（`⚖️`、`✔️`）。公文里常用作项目符号的 `★`、`☆`、`●`、`✓`、`❶`
    /// 不带 U+FE0F 时不报告。网页残留行（P202 报告的导航栏、公众号署名和页尾按钮等）不在这里重复报告。
    ///
    /// ## 为什么
    /// 公文正文用仿宋体等规定字体排印，表情符号不是公文用字：印出来是空框或彩色图标，既不庄重，也说明文稿是
    /// 从网页或聊天中拼来的、没有经过审核。
    ///
    /// ## 错误示例
    /// ```text
    /// 📢深化普法宣传。全县建成普法讲堂示范点18个。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// （一）深化普法宣传。全县建成普法讲堂示范点18个。
    /// ★ 重点任务：完成行政执法案卷评查。
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3：正文“一般用3号仿宋体字”；《党政机关公文处理工作条例》第二十条要求签发前审核
    /// 文字、标点符号等用法是否规范。
    ///
    /// ## 选项
    /// 无。
    ///
    /// 修复（不安全，须确认）：删去这几个表情符号。它们有时代替了一个词（`👉点击`）或一个序号，删后请通读。
    pub struct Emoji {}
    meta {
        code: "P204",
        name: "emoji",
        severity: Warning,
        summary: "文中有表情符号",
        fix: Always,
        unsafe_fix: true,
        reads: [RESIDUE],
    }
}

/// Whether `c` is a pictograph of the supplementary plane (U+1F000–U+1FAFF).
fn is_pictograph(c: char) -> bool {
    ('\u{1F000}'..='\u{1FAFF}').contains(&c)
}

/// The characters that join or modify the emoji of a run: the variation
/// selector, the zero-width joiner, skin tones (in the pictograph range) and
/// the keycap.
fn is_emoji_glue(c: char) -> bool {
    matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

/// The runs of emoji in `s`, as byte ranges: pictographs, and other
/// characters shown as emoji by a U+FE0F after them, with what joins them.
fn runs(s: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let end = i + c.len_utf8();
        let emoji = is_pictograph(c)
            || !c.is_ascii() && it.peek().is_some_and(|&(_, n)| n == '\u{FE0F}')
            || is_emoji_glue(c) && out.last().is_some_and(|r| r.end == i);
        if !emoji {
            continue;
        }
        match out.last_mut() {
            Some(r) if r.end == i => r.end = end,
            _ if is_emoji_glue(c) => {}
            _ => out.push(i..end),
        }
    }
    out
}

impl Rule for Emoji {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        // Pictographs are four bytes starting F0, a byte no character of
        // the basic plane has; an emoji of the basic plane has U+FE0F after
        // it, which the shared search for rare marks looks for. Most texts
        // have neither.
        if memchr::memchr(0xF0, cx.doc.text.as_bytes()).is_none()
            && !cx.rare_marks().contains(RareMarks::EMOJI_SELECTOR)
        {
            return;
        }
        // Page residue is P202's: a WeChat toolbar's `👍` is reported there.
        for (_, r) in content_lines(cx.doc, cx.residue()) {
            let base = r.start;
            for run in runs(&cx.doc.text[r]) {
                let at = base + run.start..base + run.end;
                let shown = &cx.doc.text[at.clone()];
                out.push(
                    Diagnostic::new(at.clone(), format!("文中有表情符号“{shown}”"))
                        .with_note("公文用规定的字体排印，不用表情符号；多是从公众号文章或聊天中复制带来的")
                        .with_fix(Fix::unsafe_("删去表情符号", vec![Edit::replace(at, "")])),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_emoji() {
        let shown =
            |s: &str| -> Vec<String> { runs(s).into_iter().map(|r| s[r].to_string()).collect() };
        assert_eq!(shown("📢深化普法宣传。"), ["📢"]);
        assert_eq!(shown("👆👆👆"), ["👆👆👆"]);
        assert_eq!(shown("⚖️化解矛盾纠纷。"), ["⚖\u{FE0F}"]);
        // A family joined by zero-width joiners is one run.
        assert_eq!(
            shown("家庭👨\u{200D}👩\u{200D}👧调解"),
            ["👨\u{200D}👩\u{200D}👧"]
        );
        // Bullets of the basic plane without U+FE0F are not emoji.
        assert!(shown("★ 重点任务；☆ 一般任务；● 其他；✓ 已完成；❶ 第一项").is_empty());
        // Two runs apart.
        assert_eq!(shown("👉点击👈"), ["👉", "👈"]);
    }
}
