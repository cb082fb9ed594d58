use super::{OrganFilter, OrganOptions, citable_year, own_year, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号在年份后丢了闭括号“〕”，年份和发文顺序号连成一串数字，如 `南府办函〔2017123号`。
    /// 取“〔”后的前四位为年份、其余为顺序号：四位数是合理的年份（1949 年至今，且不晚于本文的成文或
    /// 发布日期）、顺序号不以 0 开头时，安全地补上“〕”；否则只给出需要确认的修复。
    ///
    /// ## 为什么
    /// 复制粘贴或网页转换时，“〕”这类字符最容易丢失。缺了闭括号，年份和顺序号无法区分，
    /// 读者不能据此查到所引文件。
    ///
    /// ## 错误示例
    /// ```text
    /// 《关于…的通知》(南府办函〔2017123号)
    /// 《关于…的若干意见》(国办发〔201551)
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《关于…的通知》(南府办函〔2017〕123号)
    /// 《关于…的若干意见》(国办发〔2015〕51号)
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：年份“用六角括号“〔〕”括入”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    ///
    /// 缺少的“号”由 N003 另行报告。
    pub struct MissingCloseBracket {
        organs: OrganFilter,
    }
    meta {
        code: "N002",
        name: "docnum-missing-close-bracket",
        severity: Error,
        summary: "发文字号缺少闭括号“〕”，年份与顺序号连在一起",
        fix: Always,
        reads: [DATES, DOCNUMS],
    }
}

impl BuiltinRule for MissingCloseBracket {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(MissingCloseBracket {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for MissingCloseBracket {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        let own = own_year(cx);
        for n in cx.docnums() {
            if n.close().is_some() || !self.organs.accepts(text, n) {
                continue;
            }
            let year_s = &text[n.year()];
            let serial = &text[n.serial()];
            let year: i32 = year_s.parse().unwrap_or(0);
            let certain = citable_year(year, own) && !serial.starts_with('0');
            let tail = written_tail(text, n);
            let fixed = format!("〔{year_s}〕{serial}");
            let edits = vec![Edit::insert(n.year().end, "〕")];
            let fix = if certain {
                Fix::safe(format!("补上“〕”：“{fixed}”"), edits)
            } else {
                Fix::unsafe_(format!("可能是“{fixed}”，请核对年份和顺序号"), edits)
            };
            let mut d = Diagnostic::new(
                n.open().start..n.serial().end,
                format!("发文字号“{tail}”缺少闭括号“〕”：年份{year_s}和顺序号{serial}连在了一起"),
            )
            .with_label(n.year().end..n.year().end, "此处应有“〕”")
            .with_fix(fix);
            if !certain {
                d = d.with_note(format!(
                    "前四位“{year_s}”不像本文可以引用的年份，或顺序号以0开头，补法需要人工确认"
                ));
            }
            out.push(d);
        }
    }
}
