use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 写成“YYYY年M月D日”的日期在公历上是否存在：月份在 1～12 之间，日在该月的天数之内，
    /// 闰年规则正确（2月29日只出现在闰年）。
    ///
    /// ## 为什么
    /// “2月30日”“4月31日”“2023年2月29日”多是笔误或复制粘贴留下的错误，校对时极易漏看；
    /// 日期错误会直接影响公文的效力和可信度。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年2月29日召开常务会议
    /// 2021年4月31日印发
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
        summary: "日期在公历上不存在（如2月30日、4月31日）",
        fix: None,
    }
}

impl BuiltinRule for InvalidDate {
    type Options = NoOptions;
    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(InvalidDate {})
    }
}

impl Rule for InvalidDate {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for d in cx.dates() {
            if !(1..=9999).contains(&d.year) {
                continue;
            }
            let msg = if !(1..=12).contains(&d.month) {
                format!("{}年没有{}月：月份应在1～12之间", d.year, d.month)
            } else {
                let Ok(first) = jiff::civil::Date::new(d.year as i16, d.month as i8, 1) else {
                    continue;
                };
                let days = first.days_in_month() as u32;
                if (1..=days).contains(&d.day) {
                    continue;
                }
                let leap = if d.month == 2 {
                    if first.in_leap_year() {
                        "（闰年）"
                    } else {
                        "（平年）"
                    }
                } else {
                    ""
                };
                format!(
                    "{}年{}月只有{}天{}，不存在{}日",
                    d.year, d.month, days, leap, d.day
                )
            };
            out.push(Diagnostic::new(d.range.clone(), msg).with_label(d.parts[2].clone(), "此处"));
        }
    }
}
