use super::{OrganFilter, OrganOptions, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号的年份和顺序号之间多了“第”“字”或“字第”，如 `X市财发〔1992〕字第36号`、
    /// `某府发〔2020〕第5号`。安全地删去。机关代字本身含“字”（`厅字〔2019〕28号`、
    /// `南办字〔2020〕12号`）是正确的，不报告；“政府令第1号”“第5号令”不是发文字号，也不报告。
    /// 代字以“案字”“罚字”“裁字”“决字”结尾或含“仲”的，多是案号或执法文书编号（`某劳人仲案字〔2024〕第15号`），
    /// 各有编号规范，照样报告，但只给需人工确认的修改建议。
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
            let tail = written_tail(text, n);
            let edits = vec![Edit::delete(extra.clone())];
            let d = if is_case_number(&text[n.organ()]) {
                Diagnostic::new(
                    extra,
                    format!(
                        "编号“{tail}”的年份和顺序号之间有“{w}”：这看来是案号或执法文书编号，不是发文字号，请按其编号规范核对"
                    ),
                )
                .with_fix(Fix::unsafe_(format!("删去“{w}”"), edits))
            } else {
                Diagnostic::new(
                    extra,
                    format!("发文字号“{tail}”的年份和顺序号之间不应有“{w}”"),
                )
                .with_fix(Fix::safe(format!("删去“{w}”"), edits))
            };
            out.push(d);
        }
    }
}

/// Whether an organ code names a case or an enforcement paper rather than an
/// office that issues 公文: `劳人仲案字`, `市监罚字`, `裁字`.
fn is_case_number(organ: &str) -> bool {
    organ.contains('仲')
        || organ
            .strip_suffix('字')
            .is_some_and(|o| o.ends_with(['案', '罚', '裁', '决']))
}
