use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::Numerals;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 日期内部有空格（半角、全角或不换行空格），如 `2015年7月3 日`、`2020年 5月`。
    /// 一个日期报告一次，安全地删去其中的空格。日期前后的空格不在此列。
    ///
    /// ## 为什么
    /// 日期是一个整体，中间的空格多是排版对齐或网页转换留下的，打印时会在日期中间留出空白，
    /// 检索时也对不上。
    ///
    /// ## 错误示例
    /// ```text
    /// 2015年7月3 日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2015年7月3日
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.5.4：成文日期“用阿拉伯数字将年、月、日标全”。
    ///
    /// ## 选项
    /// 无。
    pub struct SpaceInDate {}
    meta {
        code: "D003",
        name: "space-in-date",
        severity: Warning,
        summary: "日期内部有空格",
        fix: Always,
        reads: [DATES],
    }
}

impl Rule for SpaceInDate {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for d in super::dates(cx) {
            if d.spaces().len() == 0 || d.numerals != Numerals::Arabic {
                continue;
            }
            let written = &*d.shown(text);
            let joined: String = written
                .chars()
                .filter(|c| !crate::document::is_space(*c))
                .collect();
            let mut diag = Diagnostic::new(d.range(), format!("日期“{written}”中间有空格"));
            for s in d.spaces() {
                diag = diag.with_label(s, "空格");
            }
            out.push(diag.with_fix(Fix::safe(
                format!("删去空格：“{joined}”"),
                d.spaces().map(Edit::delete).collect(),
            )));
        }
    }
}
