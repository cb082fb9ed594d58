use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::RareMarks;
use crate::rules::punct::text::{char_at, char_before, is_han, lines_with_rare};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 用作间隔号的形近字符：`•`（U+2022，项目符号）、`・`（U+30FB，日文中点）、`‧`（U+2027）、`∙`（U+2219）。
    /// 只在它夹在两个汉字或数字之间时报告（如“法治南宁•横县讲堂”“5•12”），安全地替换为间隔号“·”（U+00B7）。
    /// 行首的项目符号（`• 第一项`）不报告。
    ///
    /// ## 为什么
    /// 这些字符外形相近，但不是国家标准规定的间隔号；在不同字体下大小、位置不一，检索和复制时也会出错。
    ///
    /// ## 错误示例
    /// ```text
    /// 组织召开“法治南宁•横县讲堂”专题讲座。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 组织召开“法治南宁·横县讲堂”专题讲座。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.14（间隔号）：间隔号的形式为“·”，标示外国人名或少数民族人名内部的分界、
    /// 书名与篇（章、卷）名之间的分界、词语中并列各成分之间的分界、月日之间的分界等。
    ///
    /// ## 选项
    /// 无。
    pub struct Interpunct {}
    meta {
        code: "P004",
        name: "interpunct-lookalike",
        severity: Warning,
        summary: "间隔号用了形近字符（• ・），应为“·”",
        fix: Always,
        reads: [RESIDUE],
    }
}

fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || c.is_ascii_digit())
}

impl Rule for Interpunct {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        for (_, r) in lines_with_rare(cx, RareMarks::INTERPUNCTS) {
            let s = &doc.text[r.clone()];
            for (i, c) in s.char_indices() {
                if !matches!(c, '•' | '・' | '‧' | '∙') {
                    continue;
                }
                let end = i + c.len_utf8();
                if !joins(char_before(s, i)) || !joins(char_at(s, end)) {
                    continue;
                }
                let span = r.start + i..r.start + end;
                out.push(
                    Diagnostic::new(
                        span.clone(),
                        format!(
                            "间隔号应为“·”（U+00B7），这里用的是“{c}”（U+{:04X}）",
                            c as u32
                        ),
                    )
                    .with_fix(Fix::safe("改为“·”", vec![Edit::replace(span, "·")])),
                );
            }
        }
    }
}
