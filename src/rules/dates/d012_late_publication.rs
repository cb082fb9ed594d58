use serde::Deserialize;

use super::{DISCLOSURE_REPORT, publication, statutory_report};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 仅用于法治政府建设年度报告（`annual-report`）和政府信息公开工作年度报告（`disclosure-report`）。页面元数据中的发布时间（`发布时间:2024-04-22`，
    /// 或 `信息来源：… 发布日期：… 阅读次数：…` 一行中的发布日期，各项次序不限）晚于报告年度次年的
    /// 公开期限（默认4月1日；政府信息公开工作年度报告的规则包设为3月31日；当天发布不算晚）。政府信息公开页面的元数据表同时写了成文日期和发布日期的，
    /// 读发布日期。没有发布时间时不检查。
    ///
    /// ## 为什么
    /// 地方各级政府和县级以上政府部门的法治政府建设年度报告，应当在每年4月1日之前通过报刊、网站等
    /// 向社会公开。政府信息公开工作年度报告，县级以上人民政府部门的应当在每年1月31日前公布，本级政府的由
    /// 政府信息公开工作主管部门在每年3月31日前公布。
    ///
    /// ## 错误示例
    /// ```text
    /// 某区2024年度法治政府建设情况报告
    /// 发布时间：2025-04-22
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某区2024年度法治政府建设情况报告
    /// 发布时间：2025-03-28
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》：“每年4月1日之前，地方各级政府和县级以上政府部门的法治政府
    /// 建设年度报告，除涉及党和国家秘密的，应当通过报刊、网站等新闻媒体向社会公开”。
    /// 《中华人民共和国政府信息公开条例》第四十九条（政府信息公开工作年度报告的公布期限）。
    ///
    /// ## 选项
    /// - `deadline`（字符串，默认 `"04-01"`）：报告年度次年的公开期限，格式 `MM-DD`，当天发布不算晚。
    ///   本地另有规定时可改，如 `"03-01"`；政府部门的政府信息公开工作年度报告可设为 `"01-31"`。
    pub struct LatePublication {
        month: u32,
        day: u32,
    }
    meta {
        code: "D012",
        name: "late-publication",
        severity: Warning,
        summary: "年度报告的发布时间晚于次年4月1日",
        fix: None,
        reads: [DATES],
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    deadline: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            deadline: "04-01".into(),
        }
    }
}

impl BuiltinRule for LatePublication {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        let bad = || format!("deadline: “{}” 应写成 MM-DD，如 \"04-01\"", o.deadline);
        let (m, d) = o.deadline.split_once('-').ok_or_else(bad)?;
        let (month, day): (u32, u32) =
            (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if !crate::extract::dates::valid_date(Some(2023), month, day) {
            return Err(bad());
        }
        Ok(LatePublication { month, day })
    }
}

impl Rule for LatePublication {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !statutory_report(cx.profile) {
            return;
        }
        let (Some(ry), Some(p)) = (cx.doc.report_year.clone(), publication(cx)) else {
            return;
        };
        let limit = (ry.year + 1, self.month, self.day);
        if p.key() <= limit {
            return;
        }
        let written = &*p.shown(cx.text());
        out.push(
            Diagnostic::new(
                p.range(),
                format!(
                    "{}年度报告的发布时间“{written}”晚于{}年{}月{}日的公开期限",
                    ry.year, limit.0, limit.1, limit.2
                ),
            )
            .with_note(if cx.profile == DISCLOSURE_REPORT {
                "《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门的年度报告在每年1月31日前、\
                 本级政府的年度报告在每年3月31日前向社会公布"
            } else {
                "《法治政府建设与责任落实督察工作规定》：年度报告应当在每年4月1日之前向社会公开"
            }),
        );
    }
}
