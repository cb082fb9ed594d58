use serde::Deserialize;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::{MarkerForm, expected_marker};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 结构层次序数的写法：第三层用“1.”而不是“1、”“1，”；“（一）”“（1）”括号后不加顿号等标点；
    /// 第一层用“一、”而不是“一.”。全角“（一）”和折叠成半角的“(一)”都接受，“1．”（全角点）也接受。
    ///
    /// 同一种错误写法在一份文件里往往成批出现（例如通篇第三层都写作“1、”），默认合并为一条，
    /// 报告在第一次出现处，附注列出其余行号，修复一次改正全部。
    ///
    /// ## 为什么
    /// 序数后的标点是公文格式审核中最常见的差错之一：“在“1”后标顿号而非下脚点。正确表示应是“1.”，
    /// 而不是“1、””；“（一）”和“（1）”括号外面不带标点符号。
    ///
    /// ## 错误示例
    /// ```text
    /// 1、建立法律知识学习培训长效机制。
    /// （一）、指导思想
    /// （1）、按时报送
    /// 一.总体要求
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 1.建立法律知识学习培训长效机制。
    /// （一）指导思想
    /// （1）按时报送
    /// 一、总体要求
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    ///
    /// ## 选项
    /// - `aggregate`（默认 `true`）：同一种错误写法合并为一条报告；设为 `false` 时逐处报告。
    pub struct MarkerFormRule { aggregate: bool }
    meta {
        code: "S102",
        name: "marker-form",
        severity: Warning,
        summary: "结构层次序数写法不规范（1、 （一）、 一. 等）",
        fix: Always,
        reads: [OUTLINE],
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    aggregate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { aggregate: true }
    }
}

impl BuiltinRule for MarkerFormRule {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(MarkerFormRule {
            aggregate: o.aggregate,
        })
    }
}

/// The kind of wrong form (for grouping and display, as written in the
/// document: `1、`, `(一)、`), the right form, and the edit that repairs it.
fn repair(marker: &str, start: usize, level: u8) -> Option<(String, String, Edit)> {
    let last = marker.chars().next_back()?;
    let last_at = start + marker.len() - last.len_utf8();
    let folded = marker.starts_with('(');
    let end = start + marker.len();
    match level {
        // （一）、 (1)、 → drop the mark after the bracket.
        2 | 4 => {
            let n = if level == 2 { "一" } else { "1" };
            let right = if folded {
                format!("({n})")
            } else {
                format!("（{n}）")
            };
            Some((format!("{right}{last}"), right, Edit::delete(last_at..end)))
        }
        // 1、 1， → 1.
        3 => Some((
            format!("1{last}"),
            "1.".to_string(),
            Edit::replace(last_at..end, "."),
        )),
        // 一. 一． → 一、
        1 => Some((
            format!("一{last}"),
            "一、".to_string(),
            Edit::replace(last_at..end, "、"),
        )),
        _ => None,
    }
}

/// Findings of one wrong form: kind, right form, first marker, edits, lines.
type Group = (
    String,
    String,
    std::ops::Range<usize>,
    Vec<Edit>,
    Vec<usize>,
);

impl Rule for MarkerFormRule {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        // (kind, right form, first marker range, edits, lines)
        let mut groups: Vec<Group> = Vec::new();
        for it in outline.items.iter().filter(|it| !it.inline) {
            if it.form != MarkerForm::Wrong {
                continue;
            }
            let marker = &doc.text[it.marker()];
            let expected = expected_marker(marker, it.level, it.ordinal);
            let Some((kind, right, edit)) = repair(marker, it.marker().start, it.level) else {
                continue;
            };
            if !self.aggregate {
                let level = ["", "第一层", "第二层", "第三层", "第四层"][it.level as usize];
                out.push(
                    Diagnostic::new(
                        it.marker(),
                        format!("{level}序数“{marker}”写法不规范，应为“{expected}”"),
                    )
                    .with_fix(Fix::safe(format!("改为“{expected}”"), vec![edit])),
                );
                continue;
            }
            match groups.iter_mut().find(|g| g.0 == kind) {
                Some(g) => {
                    g.3.push(edit);
                    g.4.push(it.line() + 1);
                }
                None => groups.push((kind, right, it.marker(), vec![edit], vec![it.line() + 1])),
            }
        }
        for (kind, right, first, edits, lines) in groups {
            let level = match right.as_str() {
                "一、" => "第一层",
                "（一）" | "(一)" => "第二层",
                "1." => "第三层",
                _ => "第四层",
            };
            let n = edits.len();
            let mut msg = format!("{level}序数写作“{kind}”，应为“{right}”");
            if n > 1 {
                msg.push_str(&format!("（本文共{n}处）"));
            }
            let mut d = Diagnostic::new(first, msg);
            if n > 1 {
                let rest: Vec<String> = lines[1..].iter().map(|l| l.to_string()).collect();
                d = d.with_note(format!("同样的写法还在第{}行", rest.join("、")));
            }
            let fix_msg = if n > 1 {
                format!("全部改为“{right}”的写法（{n}处）")
            } else {
                format!("改为“{right}”的写法")
            };
            out.push(d.with_fix(Fix::safe(fix_msg, edits)));
        }
    }
}
