use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::punct::text::{FOLDED_MIN, fullwidth_of};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 中文文字中的半角标点 `,` `;` `:` `?` `!` `(` `)`：标点至少一侧紧挨汉字或中文标点时报告，安全地替换为
    /// 对应的全角标点“，；：？！（）”。圆括号成对处理：一对括号只要有一侧挨着中文，两个都改。
    ///
    /// 不报告：两侧都是数字的（小数、千分撇 `624,000`、时间 `9:05`、比例 `1:500`）；两侧都不是中文的（网址
    /// `http://…`、电子邮件地址、英文短语 `Hello, world`）；网页残留行（见 P202）。
    ///
    /// 全文被整体折叠为半角的文档（网页抓取、NFKC 规范化的结果：半角标点很多而几乎没有全角标点），本规则
    /// 不逐处报告，改由 P006 报告一次。
    ///
    /// ## 为什么
    /// 中文文本使用全角标点；半角标点在中文里占位不对，排版时与前后文字挤在一起，也是文稿由别处复制、
    /// 未经校对的标志。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年,我县坚持依法行政(详见附件)。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2023年，我县坚持依法行政（详见附件）。
    /// 会议于9:05开始，联系邮箱fazhi@example.gov.cn。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 规定了中文标点的形式；句号、逗号、顿号、分号、冒号等占一个字的位置。半角标点用于
    /// 外文、数字、网址等场合。
    ///
    /// ## 选项
    /// 无。
    pub struct HalfwidthPunctuation {}
    meta {
        code: "P005",
        name: "halfwidth-punctuation",
        severity: Warning,
        summary: "中文文字中用了半角标点（, ; : ? ! ( )）",
        fix: Always,
        reads: [DOCNUMS, RESIDUE, HALFWIDTH],
    }
}

impl Rule for HalfwidthPunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let scan = cx.halfwidth();
        if scan.is_folded(FOLDED_MIN) {
            return;
        }
        // Marks inside a 发文字号 (云政发(2024)3号) are N001's: one defect, one finding.
        for h in &scan.found {
            let Some(full) = fullwidth_of(h.mark()) else {
                continue;
            };
            if cx.inside_docnum(&(h.at()..h.at() + 1)) {
                continue;
            }
            let span = h.at()..h.at() + 1;
            out.push(
                Diagnostic::new(
                    span.clone(),
                    format!("中文文字中应使用全角“{full}”，这里是半角“{}”", h.mark()),
                )
                .with_fix(Fix::safe(
                    format!("改为“{full}”"),
                    vec![Edit::replace(span, full)],
                )),
            );
        }
    }
}
