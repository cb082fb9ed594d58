use super::{reports_on_a_year, title_ending};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::YearSource;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 年度报告、年度工作总结和统计公报的正文开头写的年份，是否就是标题写的年度：标题为
    /// “云岭市2025年公共法律服务统计公报”，正文却以“2024年，全市……”开头，多半是沿用上一年的稿子
    /// 忘了改年份。
    ///
    /// 只检查：
    /// - 法治政府建设年度报告（`annual-report`）、政府信息公开工作年度报告（`disclosure-report`）、述法报告、年度工作总结和一项工作的年度报告或总结
    ///   （“2025年度行政复议工作报告”，`work-report`），以及标题以
    ///   “统计公报”结尾的文件；
    /// - 标题中写了年份（报告年度取标题中第一个四位年份），正文前三行中的第一行正文以“某年，”或
    ///   “某年是”开头。
    ///
    /// “2023年以来”（一段时间到现在）不报告；“2025年政府工作报告”一类标题的年份是作报告的年份，
    /// 不是报告所总结的年份，这类文件不在上述范围内，也不检查。
    ///
    /// ## 为什么
    /// 年度报告逐年沿用模板，开头一句的年份最容易漏改；读者一看开头就会怀疑整份报告的数据是哪一年的。
    ///
    /// ## 错误示例
    /// ```text
    /// 云岭市2025年公共法律服务统计公报
    ///
    /// 　　2024年，全市司法行政系统推进公共法律服务体系建设。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 云岭市2025年公共法律服务统计公报
    ///
    /// 　　2025年，全市司法行政系统推进公共法律服务体系建设。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”。
    ///
    /// 不提供修复：不能确定写错的是标题还是正文。
    pub struct OpeningYear {}
    meta {
        code: "D017",
        name: "opening-year",
        severity: Warning,
        summary: "年度报告正文开头的年份与标题的年度不同",
        fix: None,
        reads: [],
    }
}

impl Rule for OpeningYear {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let Some(ry) = doc
            .report_year
            .as_ref()
            .filter(|r| r.source == YearSource::Title)
        else {
            return;
        };
        if !reports_on_a_year(cx.profile) && title_ending(cx, &["统计公报"]).is_none() {
            return;
        }
        let Some(o) = doc.opening_year() else { return };
        if o.since || o.year == ry.year {
            return;
        }
        let opening = &doc.text[o.range.clone()];
        out.push(
            Diagnostic::new(
                o.range.clone(),
                format!(
                    "标题写的是{}年，正文却以“{opening}年”开头：多半是沿用上一年的稿子忘了改年份",
                    ry.year
                ),
            )
            .with_label(ry.range.clone(), "标题的年度")
            .with_note("核对标题和正文开头，两处的年份应当相同"),
        );
    }
}
