use super::{FIRST_YEAR, OrganFilter, OrganOptions, own_year, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::LineKind;
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号的年份不可能成立：早于 1949 年，或晚于本文自己的日期（文末的成文日期；没有成文日期时
    /// 用页面的发布日期）。落款之后的附件（如转发的文件）末尾自有日期，不是本文的成文日期，不用。本文引用的文件不可能在本文之后才印发。没有成文日期也没有发布日期时，
    /// 只检查 1949 年的下限。
    ///
    /// 版头里本文自己的发文字号（标题之前独占一行）晚于成文日期时，说的是两处日期互相矛盾：
    /// 发文字号的年份就是发文年份，两处必有一处写错。
    ///
    /// ## 为什么
    /// 年份写错（如把2017写成2071、2107）会让引用指向一份不存在的文件；晚于成文日期的文号多是
    /// 笔误或套用模板时没有改。
    ///
    /// ## 错误示例
    /// ```text
    /// 根据《…的通知》（某府发〔2025〕3号）……（文末成文日期为2021年3月1日）
    /// 某发〔1937〕2号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 根据《…的通知》（某府发〔2020〕3号）……（文末成文日期为2021年3月1日）
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：发文字号的“年份应标全称”；《党政机关公文处理工作条例》第九条：
    /// 发文字号“由发文机关代字、年份、发文顺序号组成”，年份即发文年份。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct YearOutOfRange {
        organs: OrganFilter,
    }
    meta {
        code: "N008",
        name: "docnum-year-out-of-range",
        severity: Error,
        summary: "发文字号的年份早于1949年或晚于本文的日期",
        fix: None,
        reads: [DATES, DOCNUMS],
    }
}

impl BuiltinRule for YearOutOfRange {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(YearOutOfRange {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for YearOutOfRange {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        let own = own_year(cx);
        for n in cx.docnums() {
            // A lost 〕 (N002) makes the year a guess: do not pile a second finding on it.
            if n.year_digits() != 4 || n.close().is_none() || !self.organs.accepts(text, n) {
                continue;
            }
            let Some(y) = n.year_value(text) else {
                continue;
            };
            let tail = written_tail(text, n);
            let msg = if y < FIRST_YEAR {
                format!("发文字号“{tail}”的年份{y}早于1949年，不可能是现行公文的发文年份")
            } else if let Some((own_y, what)) = own.filter(|(o, _)| y > *o) {
                if cx.doc.lines[n.line()].kind == LineKind::DocNumber {
                    format!(
                        "本文的发文字号“{tail}”年份为{y}，晚于本文的{what}（{own_y}年）：发文字号的年份就是发文年份，两处必有一处写错"
                    )
                } else {
                    format!(
                        "发文字号“{tail}”的年份{y}晚于本文的{what}（{own_y}年）：被引用的文件不可能晚于本文印发"
                    )
                }
            } else {
                continue;
            };
            out.push(Diagnostic::new(n.year(), msg));
        }
    }
}
