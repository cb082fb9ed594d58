use super::{Item, item_display, marker_label};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 结构层次是否越级使用：
    /// - 第四层“（1）”直接出现在第一层“一、”之下，中间既没有“（一）”也没有“1.”；
    /// - 下级标题出现在本段正文第一个上级标题之前（例如“（一）”出现在第一个“一、”之前）。
    ///
    /// 跳过一层是允许的，不报告：“一、”之下直接用“1.”（只有两个层次时的常见写法），“（一）”之下直接用“（1）”。
    /// 没有任何上级层次的文件（例如全文只用“（1）（2）（3）”列举）也不报告。
    ///
    /// ## 为什么
    /// 层次序数要逐级使用，越两级使用会让读者无法判断层级关系，多是标题层级排错或漏写了中间一级。
    ///
    /// ## 错误示例
    /// ```text
    /// 一、主要举措
    /// （1）加强组织领导
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 一、主要举措
    /// （一）加强组织领导
    /// 1.完善工作机制
    /// （1）建立联席会议
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    ///
    /// ## 选项
    /// 无。
    pub struct MissingParentLevel {}
    meta {
        code: "S103",
        name: "missing-parent-level",
        severity: Warning,
        summary: "层次序数越级使用（如“一、”下直接用“（1）”）",
        fix: None,
        reads: [OUTLINE],
    }
}

impl BuiltinRule for MissingParentLevel {
    type Options = NoOptions;
    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(MissingParentLevel {})
    }
}

impl Rule for MissingParentLevel {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        let items = &outline.items;
        let mut last: [Option<&Item>; 5] = [None; 5];
        let mut segment = usize::MAX;
        let mut reported_orphan = false;
        for (i, it) in items.iter().enumerate() {
            if it.segment() != segment {
                segment = it.segment();
                last = [None; 5];
                reported_orphan = false;
            }
            let l = it.level as usize;
            let parent = (1..l).rev().find_map(|p| last[p]);
            match parent {
                Some(p) if l - p.level as usize >= 3 => {
                    let skipped: Vec<String> = (p.level + 1..it.level)
                        .map(|lv| format!("“{}”", marker_label(lv, 1)))
                        .collect();
                    out.push(
                        Diagnostic::new(
                            it.marker(),
                            format!(
                                "“{}”直接出现在“{}”之下，中间缺少{}层次",
                                doc.text[it.marker()].trim_end(),
                                item_display(doc, p),
                                skipped.join("或")
                            ),
                        )
                        .with_label(p.marker(), "上级标题")
                        .with_note("层次序数依次为“一、”“（一）”“1.”“（1）”，最多只宜跳过一层"),
                    );
                }
                None if l >= 2 && !reported_orphan => {
                    // A lower level before the first higher one of the same text.
                    let later = items[i + 1..]
                        .iter()
                        .take_while(|o| o.segment() == segment)
                        .find(|o| (o.level as usize) < l && o.ordinal == 1);
                    if let Some(h) = later {
                        reported_orphan = true;
                        out.push(
                            Diagnostic::new(
                                it.marker(),
                                format!(
                                    "“{}”出现在第一个“{}”之前，没有上级标题",
                                    doc.text[it.marker()].trim_end(),
                                    doc.text[h.marker()].trim_end()
                                ),
                            )
                            .with_label(h.marker(), "第一个上级标题在此"),
                        );
                    }
                }
                _ => {}
            }
            for d in last.iter_mut().skip(l + 1) {
                *d = None;
            }
            last[l] = Some(it);
        }
    }
}
