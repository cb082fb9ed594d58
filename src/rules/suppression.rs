//! The rule behind `--report-unused-suppressions`. Its findings are made by
//! the engine (which alone knows what every other rule found), not by a
//! pass over the text.

use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::rules::{Context, Rule, RuleSpec};

declare_rule! {
    /// ## 检查什么
    /// 用 `--report-unused-suppressions` 运行时，报告没有抑制任何问题的抑制注释
    /// （`<!-- gwlint-disable … -->`、`<!-- gwlint-disable-next-line … -->`），以及注释中列出却没有
    /// 用上的规则代码。整条注释都没用时，可自动删除。
    ///
    /// ## 为什么
    /// 问题修好以后，留下的抑制注释会在今后悄悄掩盖同一位置的新问题；它们也是草稿中的残留物。
    ///
    /// ## 错误示例
    /// ```text
    /// <!-- gwlint-disable-next-line D001 -->
    /// 2024年2月29日召开会议。
    /// ```
    /// （2024年是闰年，这一行没有 D001 问题，注释多余。）
    ///
    /// ## 正确示例
    /// ```text
    /// 2024年2月29日召开会议。
    /// ```
    ///
    /// ## 依据
    /// gwlint 的抑制注释约定（与 Ruff 的 RUF100 同理）。
    ///
    /// ## 选项
    /// 无。只在命令行给出 `--report-unused-suppressions` 时生效。
    pub struct UnusedSuppression {}
    meta {
        code: "P901",
        name: "unused-suppression",
        severity: Warning,
        summary: "抑制注释没有抑制任何问题",
        fix: Always,
    }
}

impl Rule for UnusedSuppression {
    fn check(&self, _cx: &Context<'_>, _out: &mut Findings) {}
}

pub const RULES: &[RuleSpec] = &[UnusedSuppression::SPEC];
