use serde::Deserialize;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 年度报告的标题是否写明报告年度（“2023年”或“2023年度”，汉字数字的“二〇二三年度”也算）。规则由选项驱动：只有规则包设定
    /// `require-year = true`（内置的年度报告规则包 `annual-report` 已设定）时才检查。
    ///
    /// ## 为什么
    /// 年度报告按年度报送和公开，标题不写年度，读者无法判断报告的是哪一年，归档检索也不便。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县人民政府关于法治政府建设情况的报告
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况的报告
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》：报告“上一年度”法治政府建设情况；通行的标题写法为
    /// “××关于YYYY年度法治政府建设情况的报告”“××YYYY年度法治政府建设情况报告”。
    ///
    /// ## 选项
    /// - `require-year`（默认 `false`）：要求标题含“YYYY年”或“YYYY年度”。
    pub struct TitleYear { require: bool }
    meta {
        code: "S304",
        name: "title-year",
        severity: Warning,
        summary: "年度报告标题没有写明报告年度",
        fix: None,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    require_year: bool,
}

impl BuiltinRule for TitleYear {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(TitleYear {
            require: o.require_year,
        })
    }
}

/// Whether `s` holds a four-digit year followed by 年.
fn has_year(s: &str) -> bool {
    s.match_indices('年').any(|(p, _)| {
        p >= 4 && s.as_bytes()[p - 4..p].iter().all(u8::is_ascii_digit)
            || crate::document::chinese_year_before(s, p).is_some()
    })
}

impl Rule for TitleYear {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !self.require {
            return;
        }
        let doc = cx.doc;
        let Some(t) = &doc.title else { return };
        if has_year(&t.text) {
            return;
        }
        let mut d = Diagnostic::new(
            t.range.clone(),
            "年度报告的标题应写明报告年度（“YYYY年”或“YYYY年度”）",
        );
        if let Some(y) = &doc.report_year {
            d = d.with_note(format!(
                "正文写的是{}年，标题可写作“……关于{}年度……情况的报告”",
                y.year, y.year
            ));
        }
        out.push(d);
    }
}
