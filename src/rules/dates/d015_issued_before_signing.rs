use super::{dates, signing};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::extract::dates::Role;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 版记中的印发日期（`某某办公室  2025年3月28日印发` 一行，日期后只有“印发”）早于成文日期
    /// （正文之后单独成行的完整日期，见 D011）。印发日期取全文最后一个印发行，它须在成文日期之后。
    ///
    /// 不检查：没有成文日期或印发日期，其中一个不是完整的年月日或不是真实的日期（写法问题由 D001、
    /// D002、D004 报告）；成文日期与印发行之间还有另一个单独成行的日期（附件另有落款，分不清印发行
    /// 属于哪一份文件）。
    ///
    /// ## 为什么
    /// 成文日期是会议通过或发文机关负责人签发的日期，印发日期是公文付印的日期：公文先签发、后付印，
    /// 印发日期不会早于成文日期。早于成文日期的，是其中一个日期写错了（常见于沿用旧文件的版记）。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县司法局
    /// 2025年4月1日
    ///
    /// 某县司法局办公室        2025年3月28日印发
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县司法局
    /// 2025年4月1日
    ///
    /// 某县司法局办公室        2025年4月2日印发
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第九条：成文日期“署会议通过或者发文机关负责人签发的日期”；
    /// GB/T 9704-2012 7.4.3：“印发日期以公文付印的日期为准”。
    ///
    /// ## 选项
    /// 无。
    pub struct IssuedBeforeSigning {}
    meta {
        code: "D015",
        name: "issued-before-signing",
        severity: Error,
        summary: "印发日期早于成文日期",
        fix: None,
        reads: [DATES],
    }
}

impl Rule for IssuedBeforeSigning {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let Some(issued) = dates(cx).filter(|d| d.role == Role::Issued).last() else {
            return;
        };
        let Some(s) = signing(cx) else { return };
        if !issued.is_real() || !s.is_real() || issued.line() <= s.line() || issued.key() >= s.key()
        {
            return;
        }
        // Another signature between: an attachment with its own date,
        // whose 版记 the 印发 line may be.
        if dates(cx)
            .any(|d| d.role == Role::Signing && (s.line() + 1..issued.line()).contains(&d.line()))
        {
            return;
        }
        let text = cx.text();
        out.push(
            Diagnostic::new(
                issued.range(),
                format!(
                    "印发日期“{}”早于成文日期“{}”：公文签发后才付印，请核对印发日期或成文日期",
                    issued.shown(text),
                    s.shown(text)
                ),
            )
            .with_label(s.range(), "成文日期"),
        );
    }
}
