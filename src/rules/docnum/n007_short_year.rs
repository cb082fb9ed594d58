use super::{OrganFilter, OrganOptions, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号的年份没有标全称，只写了两位或三位数字，如 `X发〔87〕5号`。世纪无法从字面确定，
    /// 不提供自动修复。
    ///
    /// ## 为什么
    /// 标准要求“年份应标全称”。“87”“93”这样的简写在跨世纪后会产生歧义，也无法据此检索原文件。
    ///
    /// ## 错误示例
    /// ```text
    /// X发〔87〕5号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// X发〔1987〕5号
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“年份应标全称”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct ShortYear {
        organs: OrganFilter,
    }
    meta {
        code: "N007",
        name: "docnum-short-year",
        severity: Error,
        summary: "发文字号的年份未标全称（如〔87〕）",
        fix: None,
        reads: [DOCNUMS],
    }
}

impl BuiltinRule for ShortYear {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(ShortYear {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for ShortYear {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            if n.year_digits() == 4 || !self.organs.accepts(text, n) {
                continue;
            }
            let y = &text[n.year()];
            out.push(Diagnostic::new(
                n.year(),
                format!(
                    "发文字号“{}”的年份应标全称（四位数字），这里只写了“{y}”",
                    written_tail(text, n)
                ),
            ));
        }
    }
}
