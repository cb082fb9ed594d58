use super::d005_range_connector::kind_of;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::extract::dates::Unit;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 范围的终点早于起点：`2020—2017年`、`2021年3月10日—2日`、`2021年5月—2020年3月`。
    /// 只比较能确定先后的范围：年份范围、日范围（终点只写日）、起点或终点写了年份的范围
    /// （`2021年6月—3月` 的终点与起点同年）。两端都没有年份的 `12月—3月` 可能跨年，不报告。
    ///
    /// ## 为什么
    /// 起止颠倒多是数字输错或年份没有改完，读者无法判断真实的时间段。
    ///
    /// ## 错误示例
    /// ```text
    /// 2020—2017年
    /// 2021年3月10日—2日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2017—2020年
    /// 2021年3月2日—10日
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.13.3.2：连接号“标示相关项目（如时间、地域等）的起止”，前为起点，后为终点。
    ///
    /// ## 选项
    /// 无。
    pub struct RangeReversed {}
    meta {
        code: "D007",
        name: "range-reversed",
        severity: Error,
        summary: "范围的终点早于起点",
        fix: None,
        reads: [DATES],
    }
}

impl Rule for RangeReversed {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for r in cx.dates().iter().filter_map(|m| m.as_range()) {
            if r.connector.is_none() {
                continue;
            }
            let comparable = match r.unit {
                Unit::Year | Unit::Day => true,
                Unit::Month => r.end.parts()[0].is_some() || r.start.parts()[0].is_some(),
            };
            if !comparable || r.end.key() >= r.start.key() {
                continue;
            }
            let written = &*crate::document::joined(&text[r.range.clone()]);
            // The start of `2025年3—2月` or `2020—2017年` shares the end's
            // unit: the message names it whole (`2025年3月`).
            let start = &*r.start.shown(text);
            let unit = match r.unit {
                Unit::Year => "年",
                Unit::Month => "月",
                Unit::Day => "日",
            };
            let shared = if start.ends_with(['年', '月', '日', '号']) {
                ""
            } else {
                unit
            };
            out.push(Diagnostic::new(
                r.range.clone(),
                format!(
                    "{}“{written}”的终点（{}）早于起点（{start}{shared}）",
                    kind_of(r),
                    r.end.shown(text),
                ),
            ));
        }
    }
}
