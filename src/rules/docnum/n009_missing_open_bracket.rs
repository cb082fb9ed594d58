use super::{OrganFilter, OrganOptions, citable_year, own_year, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::plausible_year;
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号在年份前丢了开括号“〔”，只剩下闭括号，如 `国办发2021〕12号`。只认这样的写法：机关代字
    /// 之后紧接四位数字的年份，再接“〕”、发文顺序号和“号”。年份是合理的年份（1949 年至今，且不晚于
    /// 本文的成文或发布日期）时，安全地补上“〔”；否则只给出需要确认的修复。
    ///
    /// ## 为什么
    /// 复制粘贴或网页转换时，“〔”这类字符最容易丢失。缺了开括号，机关代字和年份连在一起，
    /// 读者不能据此查到所引文件。
    ///
    /// ## 错误示例
    /// ```text
    /// 《关于…的意见》(国办发2021〕12号)
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《关于…的意见》(国办发〔2021〕12号)
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：年份“用六角括号“〔〕”括入”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    ///
    /// 没有“号”的（`国办发2021〕12`）、年份不是四位的（`国办发21〕12号`）不报告：这样的一串数字和
    /// 闭括号不一定是发文字号。丢了闭括号的由 N002 报告。
    pub struct MissingOpenBracket {
        organs: OrganFilter,
    }
    meta {
        code: "N009",
        name: "docnum-missing-open-bracket",
        severity: Error,
        summary: "发文字号缺少开括号“〔”，机关代字与年份连在一起",
        fix: Always,
        reads: [DATES, DOCNUMS],
    }
}

impl BuiltinRule for MissingOpenBracket {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(MissingOpenBracket {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for MissingOpenBracket {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        let own = own_year(cx);
        for n in cx.docnums() {
            if !n.open_lost() || !self.organs.accepts(text, n) {
                continue;
            }
            let year_s = &text[n.year()];
            let year: i32 = year_s.parse().unwrap_or(0);
            let certain = citable_year(year, own);
            let tail = written_tail(text, n);
            let fixed = format!("〔{tail}");
            let edits = vec![Edit::insert(n.year().start, "〔")];
            let fix = if certain {
                Fix::safe(format!("补上“〔”：“{fixed}”"), edits)
            } else {
                Fix::unsafe_(format!("可能是“{fixed}”，请核对年份"), edits)
            };
            let mut d = Diagnostic::new(
                n.year().start..n.range().end,
                format!("发文字号“{tail}”缺少开括号“〔”：机关代字和年份{year_s}连在了一起"),
            )
            .with_label(n.year().start..n.year().start, "此处应有“〔”")
            .with_fix(fix);
            if !certain {
                let why = match own {
                    Some((y, what)) if plausible_year(year) && year > y => {
                        format!("年份{year_s}晚于本文的{what}（{y}年）")
                    }
                    _ => format!("“{year_s}”不像发文年份"),
                };
                d = d.with_note(format!("{why}，补法需要人工确认"));
            }
            out.push(d);
        }
    }
}
