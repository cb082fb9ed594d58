use std::collections::BTreeMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::punct::text::{FOLDED_MIN, dot_ellipses, fullwidth_of};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 全文的标点是否被整体折叠成了半角：紧挨中文的半角 `, ; : ? ! ( )` 至少 10 处，而全角的“，；：（）？！”
    /// 不到它们的二十分之一。这样的文档只报告一次（位置在第一处半角标点），说明总数和各类标点的数量，
    /// 并给出一次改正全部标点的安全修复。判断哪些半角标点算“在中文文字中”的规则与 P005 相同。
    ///
    /// ## 为什么
    /// 网页抓取、复制粘贴和 NFKC 规范化会把“，：（）”等全角标点全部变成半角。对这样的文档逐处报告，会产生
    /// 几百条相同的提示，淹没真正的问题；它其实是一个问题：全文标点宽度错误，应当一次改正。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年,我县坚持依法行政,全面推进法治政府建设:一是…(详见附件)。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2023年，我县坚持依法行政，全面推进法治政府建设：一是…（详见附件）。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 规定了中文标点的形式（全角）。
    ///
    /// ## 选项
    /// 无。
    pub struct FoldedPunctuation {}
    meta {
        code: "P006",
        name: "folded-punctuation",
        severity: Warning,
        summary: "全文标点被整体折叠为半角（报告一次，一次修复）",
        fix: Always,
        reads: [RESIDUE, HALFWIDTH],
    }
}

impl Rule for FoldedPunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let scan = cx.halfwidth();
        if !scan.is_folded(FOLDED_MIN) {
            return;
        }
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        let mut edits = Vec::with_capacity(scan.found.len());
        for h in &scan.found {
            if let Some(full) = fullwidth_of(h.mark()) {
                *counts.entry(h.mark()).or_default() += 1;
                edits.push(Edit::replace(h.at()..h.at() + 1, full));
            }
        }
        let order = [',', ':', ';', '(', ')', '?', '!'];
        let mut parts: Vec<String> = order
            .iter()
            .filter_map(|c| counts.get(c).map(|n| format!("“{c}”{n}处")))
            .collect();
        // `……` folds to `......`: put back with the rest.
        let marks = edits.len();
        let dots = dot_ellipses(cx.doc, cx.residue());
        if !dots.is_empty() {
            parts.push(format!("用英文句点写的省略号{}处", dots.len()));
        }
        edits.extend(dots.into_iter().map(|e| Edit::replace(e.range, "……")));
        edits.sort_by_key(|e| e.range().start);
        let first = &scan.found[0];
        let full = if scan.fullwidth == 0 {
            "没有一个全角标点".to_string()
        } else {
            format!("全角标点只有{}处", scan.fullwidth)
        };
        out.push(
            Diagnostic::new(
                first.at()..first.at() + 1,
                format!("全文标点被折叠为半角：{marks}处半角标点紧挨中文，{full}"),
            )
            .with_note(format!("其中{}", parts.join("、")))
            .with_note("网页抓取、复制粘贴或 NFKC 规范化常把全角标点变成半角；这里只报告一次，修复会把它们全部改为全角")
            .with_fix(Fix::safe(format!("把{}处半角标点改为全角", edits.len()), edits)),
        );
    }
}
