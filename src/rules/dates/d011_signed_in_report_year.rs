use super::{dates, signing, statutory_report};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::Numerals;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 仅用于法治政府建设年度报告（`annual-report`）和政府信息公开工作年度报告（`disclosure-report`）。文末的成文日期（单独成行的完整日期）在报告年度 Y
    /// 或更早：一份总结 Y 年全年工作的报告，不可能在 Y 年结束之前成文。成文年份恰为 Y、月份在1月至3月时，
    /// 多半是沿用上一年模板忘了改年份，给出改为 Y+1 的修复，需要确认；月份更晚时不给修复（改成 Y+1 年的
    /// 同一月份就过了报送期限）。落款之后另起“附件”（单独成行的“附件”“附件2”
    /// 或“附件：某某方案”）时，附件末尾的日期是附件自己的，成文日期取附件之前的那一个。
    ///
    /// 不报告：成文日期在报告年度的11月或12月，而报告写明数据截至当年更早的某一天（“截至2023年11月30日”）：
    /// 这是年终报送的报告，它已说明自己覆盖到哪一天。
    ///
    /// ## 为什么
    /// 年度报告在次年年初形成并报送（通常在3月1日或4月1日之前）。“2020年度报告”落款“2020年2月25日”，
    /// 日期比报告期还早，是最常见的年份笔误之一。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县2020年度法治政府建设情况报告
    /// ……
    /// 2020年2月25日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2021年2月25日
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》：每年3月1日或4月1日之前报告“上一年度”法治政府建设情况。
    ///
    /// ## 选项
    /// 无。
    pub struct SignedInReportYear {}
    meta {
        code: "D011",
        name: "signed-in-report-year",
        severity: Error,
        summary: "年度报告的成文日期不晚于报告年度",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [DATES],
    }
}

impl Rule for SignedInReportYear {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !statutory_report(cx.profile) {
            return;
        }
        let (Some(ry), Some(s)) = (cx.doc.report_year.clone(), signing(cx)) else {
            return;
        };
        let Some(y) = s.year else { return };
        if y > ry.year {
            return;
        }
        // Signed late in the report year by a report that says its figures
        // stop at an earlier date of that year (`截至2023年11月30日`): a
        // year-end report, sent as some offices do. It says what it covers.
        if y == ry.year && s.month.is_some_and(|m| m >= 11) {
            let text = cx.text();
            let cut_off = dates(cx).any(|d| {
                let before = &text[..d.range().start];
                d.year == Some(y)
                    && d.month.is_some()
                    && d.key() <= s.key()
                    && ["截至", "截止", "截止到", "截止至", "统计至", "数据截至"]
                        .iter()
                        .any(|w| before.ends_with(w))
            });
            if cut_off {
                return;
            }
        }
        let written = &*s.shown(cx.text());
        let mut d = Diagnostic::new(
            s.range(),
            format!(
                "这是{}年度的报告，成文日期却是“{written}”：总结{}年全年工作的报告不可能在{}年结束前成文",
                ry.year, ry.year, ry.year
            ),
        );
        if !ry.range.is_empty() {
            d = d.with_label(ry.range.clone(), "报告年度");
        }
        // Only a date early in the year reads as last year's template with
        // the year left (`2020年2月25日` for 2021年2月25日): the next year's
        // December would be past every deadline.
        if y == ry.year
            && s.month.is_some_and(|m| m <= 3)
            && s.numerals == Numerals::Arabic
            && let Some(at) = s.parts()[0].clone()
        {
            let want = ry.year + 1;
            d = d.with_fix(Fix::unsafe_(
                format!("年份改为{want}"),
                vec![Edit::replace(at, want.to_string())],
            ));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    /// The year is offered for change (unsafe) only on a date early in the
    /// year: the next December would be past every deadline.
    #[test]
    fn the_next_year_is_offered_only_for_an_early_date() {
        let engine = crate::testing::engine_selecting("D011");
        let fix_of = |signed: &str| {
            let text = format!(
                "某县2020年法治政府建设情况报告\n\n2020年，我县扎实推进法治政府建设。\n\n某县人民政府\n{signed}\n"
            );
            let found = engine
                .lint(std::path::Path::new("r.txt"), &text)
                .expect("lint")
                .diagnostics;
            assert_eq!(found.len(), 1, "{signed}");
            found[0].fix.as_ref().map(|f| {
                let e = &f.edits[0];
                (text[e.range()].to_string(), e.replacement.to_string())
            })
        };
        assert_eq!(
            fix_of("2020年2月25日"),
            Some(("2020".to_string(), "2021".to_string()))
        );
        assert_eq!(fix_of("2020年12月28日"), None);
        assert_eq!(fix_of("2020年6月28日"), None);
    }
}
