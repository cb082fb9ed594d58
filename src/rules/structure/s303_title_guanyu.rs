use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::DOC_TYPES;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 用“关于”引出事由的标题，是否写成“关于……的＋文种”：“关于2024年法治政府建设报告”缺少“的”（年度报告
    /// 通常写作“关于2024年度法治政府建设情况的报告”）。书名号里的“关于”（印发、转发的文件名）不算；没有闭合的“《”（“关于印发《某县……办法的通知”）不当作书名号，其后的“的”照常算。
    /// 文种前有“实施”“工作”等修饰语时（“……的实施意见”），只要“关于”之后有“的”就不报告。
    /// 不带“关于”的标题（“某县2023年度法治政府建设情况报告”）是另一种通行写法，不报告。
    ///
    /// 提供一个需要确认的修复：在文种前补“的”；事由以“建设”结尾时补“情况的”。
    ///
    /// ## 为什么
    /// “关于”是介词，与“的”配合构成“关于……的”，修饰文种；缺了“的”就是介词结构残缺，是常见的标题语病。
    ///
    /// ## 错误示例
    /// ```text
    /// 某区人民政府
    /// 关于2024年法治政府建设报告
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某区人民政府
    /// 关于2024年度法治政府建设情况的报告
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第九条（七）（标题由发文机关名称、事由和文种组成）；常见标题差错“介词残缺；
    /// 介词重复”。
    ///
    /// ## 选项
    /// 无。
    pub struct TitleGuanyu {}
    meta {
        code: "S303",
        name: "title-guanyu",
        severity: Warning,
        summary: "“关于”引出事由的标题缺少“的”（关于……的报告）",
        fix: Sometimes,
        unsafe_fix: true,
    }
}

/// Byte offsets of the characters of `s` that lie outside 《…》. A 《 that
/// is never closed (`关于印发《某县行政执法公示办法的通知`, which P002
/// reports) quotes nothing: the words after it are still the title's.
fn outside_titles(s: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    // +1 where a closed pair opens, -1 after it closes: a character is
    // quoted where the running sum is above zero.
    let mut edge = vec![0i32; chars.len() + 1];
    let mut open = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '《' => open.push(k),
            '》' => {
                if let Some(o) = open.pop() {
                    edge[o] += 1;
                    edge[k + 1] -= 1;
                }
            }
            _ => {}
        }
    }
    let mut depth = 0;
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        depth += edge[k];
        if depth == 0 && c != '《' && c != '》' {
            out.push((i, c));
        }
    }
    out
}

impl Rule for TitleGuanyu {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let Some(t) = &doc.title else { return };
        let Some(&last_line) = t.lines.last() else {
            return;
        };
        let line = doc.lines[last_line].content();
        let s = &doc.text[line.clone()];
        let body = s.trim_end_matches(['。', '.', '．']);
        let Some(ty) = DOC_TYPES
            .iter()
            .filter(|d| body.ends_with(*d))
            .max_by_key(|d| d.len())
        else {
            return;
        };
        let type_at = body.len() - ty.len();
        // Work on the whole title: the 关于 may be on an earlier line.
        let whole = &doc.text[t.range.start..line.start + type_at];
        let chars = outside_titles(whole);
        let Some(p) = chars
            .windows(2)
            .rposition(|w| w[0].1 == '关' && w[1].1 == '于')
        else {
            return;
        };
        if chars[p + 2..].iter().any(|&(_, c)| c == '的') {
            return;
        }
        let at = line.start + type_at;
        let before = &doc.text[..at];
        let insert = if before.ends_with("建设") && *ty == "报告" {
            "情况的"
        } else {
            "的"
        };
        out.push(
            Diagnostic::new(
                t.range.clone(),
                format!("标题用“关于”引出事由，文种“{ty}”前缺少“的”：应为“关于……的{ty}”"),
            )
            .with_label(at..at + ty.len(), "文种")
            .with_fix(Fix::unsafe_(
                format!("在“{ty}”前补“{insert}”"),
                vec![Edit::insert(at, insert)],
            )),
        );
    }
}
