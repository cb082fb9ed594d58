use super::{OrganFilter, OrganOptions, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 引用的发文字号在顺序号后丢了“号”字，紧接着就是引文的闭圆括号，如 `(国办发〔2015〕51)`。
    /// 独占一行的发文字号（版头的 `南司发〔2025〕7`）丢了“号”也报告。安全地在顺序号后补上“号”。
    /// 只在“〔”后、闭圆括号前或行末（整行就是这个发文字号）认定，其他位置的“〔2015〕51”不报告。
    ///
    /// ## 为什么
    /// “号”是发文字号的组成部分，GB/T 9704-2012 要求“在阿拉伯数字后加“号”字”。引文末尾丢了“号”，
    /// 多是复制时漏选了一个字。
    ///
    /// ## 错误示例
    /// ```text
    /// 按照《…的若干意见》(国办发〔2015〕51)的要求
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 按照《…的若干意见》(国办发〔2015〕51号)的要求
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“发文顺序号……在阿拉伯数字后加“号”字”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct MissingHao {
        organs: OrganFilter,
    }
    meta {
        code: "N003",
        name: "docnum-missing-hao",
        severity: Error,
        summary: "发文字号的顺序号后缺少“号”",
        fix: Always,
        reads: [DOCNUMS],
    }
}

impl BuiltinRule for MissingHao {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(MissingHao {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for MissingHao {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            if n.hao().is_some() || !self.organs.accepts(text, n) {
                continue;
            }
            let tail = written_tail(text, n);
            let serial = &text[n.serial()];
            out.push(
                Diagnostic::new(
                    n.serial(),
                    format!("发文字号“{tail}”的顺序号{serial}后缺少“号”"),
                )
                .with_fix(Fix::safe(
                    format!("补上“号”：“{serial}号”"),
                    vec![Edit::insert(n.serial().end, "号")],
                )),
            );
        }
    }
}
