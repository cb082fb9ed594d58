use super::{OrganFilter, OrganOptions, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文顺序号前编了虚位（补零），如 `〔2019〕05号`、`〔2023〕001号`。安全地去掉前导的 0。
    ///
    /// ## 为什么
    /// 标准明确规定发文顺序号“不编虚位（即1不编为01）”。补零是台账编号的习惯，不是公文格式。
    ///
    /// ## 错误示例
    /// ```text
    /// 某府办发〔2019〕05号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某府办发〔2019〕5号
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“发文顺序号不加“第”字，不编虚位（即1不编为01）”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct LeadingZero {
        organs: OrganFilter,
    }
    meta {
        code: "N004",
        name: "docnum-leading-zero",
        severity: Error,
        summary: "发文顺序号编了虚位（如05号）",
        fix: Always,
        reads: [DOCNUMS],
    }
}

impl BuiltinRule for LeadingZero {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(LeadingZero {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for LeadingZero {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            // A lost 〕 makes the split uncertain: N002 reports it.
            if n.close().is_none() || !self.organs.accepts(text, n) {
                continue;
            }
            let serial = &text[n.serial()];
            let zeros = serial.len() - serial.trim_start_matches('0').len();
            if zeros == 0 || zeros == serial.len() {
                continue;
            }
            let right = &serial[zeros..];
            out.push(
                Diagnostic::new(
                    n.serial(),
                    format!(
                        "发文字号“{}”的顺序号不编虚位：“{serial}”应为“{right}”",
                        written_tail(text, n)
                    ),
                )
                .with_fix(Fix::safe(
                    format!("去掉前导的0：“{right}”"),
                    vec![Edit::delete(n.serial().start..n.serial().start + zeros)],
                )),
            );
        }
    }
}
