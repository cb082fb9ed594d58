use super::{OrganFilter, OrganOptions, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号的年份和顺序号之间多了“第”“字”或“字第”，如 `X市财发〔1992〕字第36号`、
    /// `某府发〔2020〕第5号`。安全地删去。机关代字本身含“字”（`厅字〔2019〕28号`、
    /// `南办字〔2020〕12号`）是正确的，不报告；“政府令第1号”“第5号令”不是发文字号，也不报告。
    ///
    /// ## 为什么
    /// 发文字号只由机关代字、年份、顺序号三部分组成，标准明确规定顺序号“不加“第”字”；
    /// 在三者之间加“字”“第”是旧式写法。
    ///
    /// ## 错误示例
    /// ```text
    /// X市财发〔1992〕字第36号
    /// 某府发〔2020〕第5号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// X市财发〔1992〕36号
    /// 厅字〔2019〕28号
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“发文顺序号不加“第”字”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct ExtraDi {
        organs: OrganFilter,
    }
    meta {
        code: "N005",
        name: "docnum-extra-di",
        severity: Error,
        summary: "发文字号的顺序号前多了“第”或“字第”",
        fix: Always,
        reads: [DOCNUMS],
    }
}

impl BuiltinRule for ExtraDi {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(ExtraDi {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for ExtraDi {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            let Some(extra) = n.extra() else {
                continue;
            };
            if !self.organs.accepts(text, n) {
                continue;
            }
            let w = &text[extra.clone()];
            out.push(
                Diagnostic::new(
                    extra.clone(),
                    format!(
                        "发文字号“{}”的年份和顺序号之间不应有“{w}”",
                        written_tail(text, n)
                    ),
                )
                .with_fix(Fix::safe(format!("删去“{w}”"), vec![Edit::delete(extra)])),
            );
        }
    }
}
