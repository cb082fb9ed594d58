use super::{is_plan_heading, reports_on_a_year};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::DateMention;
use crate::extract::dates::{Numerals, YearFrom};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 用于法治政府建设年度报告（`annual-report`）、政府信息公开工作年度报告（`disclosure-report`）和述法报告、年度工作总结、一项工作的年度报告或总结（“2025年度行政复议工作报告”“2025年普法工作总结”）等其他年度报告（`work-report`）。
    /// 下一年度工作安排的一级标题（含“打算”“计划”
    /// “安排”“思路”“设想”“展望”“下一步”，不含“情况”）中写的年份，应是报告年度 Y 的下一年 Y+1。
    /// 下列标题不是下一年度工作安排，不检查：回顾计划的（“全面完成2024年度工作计划”，前面有“完成”“落实”
    /// “执行”“总结”“回顾”）；计划是同一分句中“紧扣”“围绕”“贯彻”“按照”“依照”“根据”“对照”“依据”“聚焦”
    /// “对标”“遵循”的对象的（“一、紧扣2024年度立法计划”）；计划用语之后还有逗号、分号、冒号和另一分句的
    /// （“一、2024年度立法计划，推进科学民主依法决策”），除非前面有“下一步”“明年”“今后”等指下一时期的词。
    /// 报告年度取自标题，没有标题时取正文开头的“Y年，”，再没有时取配置的 `report-year`。
    /// 标题中没有年份，或写的是年份范围（`2021—2025年`）时不检查。给出改为 Y+1 的修复，需要确认。
    ///
    /// ## 为什么
    /// 年度报告的第四部分是“下一年度推进法治政府建设的主要安排”。套用上一年的报告时，标题里的年份
    /// 最容易忘改，出现“2023年度报告”里的“三、2023年工作打算”。
    ///
    /// ## 错误示例
    /// ```text
    /// 某市人民政府关于2023年度法治政府建设情况的报告
    /// ……
    /// 三、2023年工作打算
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 三、2024年工作打算
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》：年度报告应包括“下一年度推进法治政府建设的主要安排”。
    ///
    /// ## 选项
    /// 无。
    pub struct PlanYear {}
    meta {
        code: "D010",
        name: "plan-year",
        severity: Error,
        summary: "年度报告中下一年度工作安排的标题年份不是报告年度的下一年",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [DATES],
    }
}

impl Rule for PlanYear {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !reports_on_a_year(cx.profile) {
            return;
        }
        let Some(ry) = cx.doc.report_year.clone() else {
            return;
        };
        let want = ry.year + 1;
        let text = cx.text();
        for h in cx.doc.headings.iter().filter(|h| h.level == 1) {
            if !is_plan_heading(cx.doc.slice(h.text())) {
                continue;
            }
            let all = cx.dates();
            let from = all.partition_point(|m| mention_line(m) < h.line());
            let in_heading: Vec<_> = all[from..]
                .iter()
                .take_while(|m| mention_line(m) == h.line())
                .filter_map(|m| m.as_date())
                .filter(|d| h.text().start <= d.range().start && d.range().end <= h.text().end)
                .collect();
            // A range (2021—2025年) names a period, not the next year.
            if in_heading.iter().any(|d| d.in_range) {
                continue;
            }
            let years: Vec<_> = in_heading
                .iter()
                .filter(|d| d.year_from == YearFrom::Written && d.numerals == Numerals::Arabic)
                .filter_map(|d| Some((d.year?, d.parts()[0].clone()?)))
                .collect();
            let [(y, ref at)] = years[..] else { continue };
            if y == want {
                continue;
            }
            let at = at.clone();
            let heading = &text[h.marker().start..h.text().end];
            let src = match ry.source {
                crate::document::YearSource::Title => "标题",
                crate::document::YearSource::Opening => "正文开头",
                crate::document::YearSource::Config => "配置",
            };
            let mut d = Diagnostic::new(
                at.clone(),
                format!("这是{}年度的报告（见{src}），下一年度工作安排“{heading}”应写{want}年，这里写的是{y}年", ry.year),
            )
            .with_fix(Fix::unsafe_(format!("改为{want}年"), vec![Edit::replace(at, want.to_string())]));
            if !ry.range.is_empty() {
                d = d.with_label(ry.range.clone(), "报告年度");
            }
            out.push(d);
        }
    }
}

fn mention_line(m: &DateMention) -> usize {
    match m {
        DateMention::Date(d) => d.line(),
        DateMention::Range(r) => r.line,
        DateMention::Malformed(m) => m.line,
    }
}
