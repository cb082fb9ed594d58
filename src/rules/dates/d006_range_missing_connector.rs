use super::d005_range_connector::{Connector, Options};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 年份范围丢了连接号，两个年份连成八位数：`20152020年`、`(20212025年)`。两个四位数都是合理的年份、
    /// 后者大于前者且相差不超过50年时，安全地在中间补上连接号（默认一字线“—”）。
    /// 这样的八位数不是日期，不会再被当作“2015年20月20日”报告。
    ///
    /// ## 为什么
    /// 网页转换时一字线“—”常常丢失，留下一串难以辨认的数字。规划、纲要的名称中尤其常见：
    /// 《法治政府建设实施纲要（20152020年）》。
    ///
    /// ## 错误示例
    /// ```text
    /// 《法治政府建设实施纲要(20152020年)》
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《法治政府建设实施纲要(2015—2020年)》
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.13.3.2：标示时间的起止用一字线，如“沈括（1031—1095）”。
    ///
    /// ## 选项
    /// - `connector`（字符串，默认 `"—"`）：补上的连接号，可取 `"—"`、`"～"` 或 `"至"`（与 D005 一致）。
    pub struct RangeMissingConnector {
        connector: Connector,
    }
    meta {
        code: "D006",
        name: "range-missing-connector",
        severity: Error,
        summary: "年份范围丢了连接号（如20152020年）",
        fix: Always,
        reads: [DATES],
    }
}

impl BuiltinRule for RangeMissingConnector {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(RangeMissingConnector {
            connector: Connector::parse(&o.connector)?,
        })
    }
}

impl Rule for RangeMissingConnector {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for r in cx.dates().iter().filter_map(|m| m.as_range()) {
            if r.connector.is_some() {
                continue;
            }
            let (Some(a), Some(b)) = (r.start.year, r.end.year) else {
                continue;
            };
            let written = &*crate::document::joined(&text[r.range.clone()]);
            let to = self.connector.as_str();
            let at = r.start.range().end;
            out.push(
                Diagnostic::new(
                    r.range.clone(),
                    format!("年份范围“{written}”缺少连接号：应为“{a}{to}{b}年”"),
                )
                .with_label(at..at, "此处缺少连接号")
                .with_fix(Fix::safe(
                    format!("改为“{a}{to}{b}年”"),
                    vec![Edit::insert(at, to)],
                )),
            );
        }
    }
}
