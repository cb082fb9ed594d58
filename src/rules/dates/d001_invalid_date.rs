use super::{dates, plan_sections, year_of, year_why};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::extract::dates::{YearFrom, body_numeric_dates, days_in_month};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 日期在公历上是否存在：月份在 1～12 之间，日在该月的天数之内，闰年规则正确（2月29日只出现在
    /// 闰年）。检查完整日期“YYYY年M月D日”、“YYYY年M月”、“M月D日”、范围的两端（`3月1日—31日`
    /// 的终点按3月计）、汉字日期、页面元数据中的数字日期，以及正文中年份为1900～2099、两个分隔符相同的数字日期
    /// （“2025.6.31前”“2025-06-31”；前面紧挨字母、“.”、斜杠或同一分隔符，或后面紧挨字母、“%”或“.”加数字的，
    /// 如版本号、网址路径、编号，不算）。只写“M月D日”的日期，年份取本段前文最近的
    /// 年份（作比较基数的“较2023年”“与2023年相比”“2023年同期为”“（2023年为…）”、作定语的“2023年的部署”
    /// “2023年出台的”“2023年底”和书名号里的“《2023年法治政府建设工作要点》”不算），没有时取报告年度（在下一年度工作安排中取报告年度的下一年）；
    /// 年份无从确定时，2月29日不报告；前文不算的年份是闰年时，2月29日可能属于那一年，也不报告。
    /// 没有年份、在行首以数字开头的日期，上一行接着写（行末没有句末标点）且以数字结尾时（手工折行的
    /// “……至1”/“2月31日”），月份可能被折行截断了（原文是“12月31日”），不报告。
    ///
    /// ## 为什么
    /// “2月30日”“4月31日”“2023年2月29日”多是笔误或复制粘贴留下的错误，校对时极易漏看；
    /// 日期错误会直接影响公文的效力和可信度。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年2月29日召开常务会议
    /// 2021年4月31日印发
    /// 2021年13月起施行
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2024年2月29日召开常务会议
    /// 2021年4月30日印发
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.5.4：成文日期“用阿拉伯数字将年、月、日标全”；日期须为真实存在的公历日期。
    ///
    /// ## 选项
    /// 无。
    pub struct InvalidDate {}
    meta {
        code: "D001",
        name: "invalid-date",
        severity: Error,
        summary: "日期在公历上不存在（如2月30日、4月31日、13月）",
        fix: None,
        reads: [DATES],
    }
}

impl Rule for InvalidDate {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let plan = plan_sections(cx.doc);
        for d in dates(cx) {
            let Some(m) = d.month else { continue };
            let written = &*d.shown(cx.text());
            if !(1..=12).contains(&m) {
                let at = d.parts()[1].clone().unwrap_or(d.range());
                out.push(
                    Diagnostic::new(d.range(), no_such_month(written, m)).with_label(at, "月份"),
                );
                continue;
            }
            let Some(day) = d.day else { continue };
            // Without a year only what is wrong in every year (2024 is a
            // leap year). The messages are formatted for a reported date only.
            let year = year_of(cx, d, &plan);
            let Some(days) = days_in_month(year.unwrap_or(2024), m) else {
                continue;
            };
            if (1..=days).contains(&day) {
                continue;
            }
            // `（2023年为3939户）。2月29日…` in a report on 2023, or
            // `2024年结转的任务于2月29日前完成` in its plan for 2025: the date
            // may be of the year the paragraph named, which has the day.
            if let YearFrom::Doubtful { leap: true } = d.year_from
                && (m, day) == (2, 29)
            {
                continue;
            }
            let why = year.map(|y| year_why(d, &plan, y)).unwrap_or_default();
            let at = d.parts()[2].clone().unwrap_or(d.range());
            out.push(
                Diagnostic::new(d.range(), no_such_day(written, year, m, days, day) + &why)
                    .with_label(at, "日"),
            );
        }
        // `2025.6.31前`, `2025-06-31` in running text: only the ones that
        // cannot exist are read (see [`body_numeric_dates`]).
        for d in body_numeric_dates(cx.doc) {
            let written = &*crate::document::joined(&cx.text()[d.range.clone()]);
            let (m, day) = (d.month, d.day);
            let (message, at, part) = if !(1..=12).contains(&m) {
                (no_such_month(written, m), d.parts[1].clone(), "月份")
            } else {
                let Some(days) = days_in_month(d.year, m) else {
                    continue;
                };
                if (1..=days).contains(&day) {
                    continue;
                }
                let message = no_such_day(written, Some(d.year), m, days, day);
                (message, d.parts[2].clone(), "日")
            };
            out.push(Diagnostic::new(d.range.clone(), message).with_label(at, part));
        }
    }
}

/// The finding's words for a date whose month `m` does not exist.
fn no_such_month(written: &str, m: u32) -> String {
    format!("“{written}”不是有效日期：没有{m}月，月份应在1～12之间")
}

/// The finding's words for a date whose day `day` is past the `days` of its
/// month `m` (of `year`, when it is known; without one, `days` is the most
/// any year gives the month).
fn no_such_day(written: &str, year: Option<i32>, m: u32, days: u32, day: u32) -> String {
    let month = match year {
        Some(y) => {
            let leap = match (m, days) {
                (2, 29) => "（闰年）",
                (2, _) => "（平年）",
                _ => "",
            };
            format!("{y}年{m}月只有{days}天{leap}")
        }
        None => format!("{m}月最多只有{days}天"),
    };
    format!("“{written}”不是有效日期：{month}，不存在{day}日")
}
