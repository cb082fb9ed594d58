use std::fmt::Write as _;

use serde::Deserialize;

use super::{Item, item_display, marker_label};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::Document;
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 结构层次序数（“一、”“（一）”“1.”“（1）”）的编号是否连续：同一上级标题下，同一层的序数从一（1）开始，
    /// 逐个加一，不跳号、不重号、不倒退。报告时同时指出出问题的标题和它前面的同级标题。
    ///
    /// 以下写法不报告：
    /// - 第三层、第四层序数跨上级标题连续编号（“（一）”下为1.、2.，“（二）”下接着3.、4.；工作要点常见的
    ///   “一、”下直接为1.、2.，“二、”下接着3.、4.），有的机关采用这种写法；可用选项关闭。采用这种写法的
    ///   文件中，某一部分的第一个序数跳过了号（“二、”下止于4.，“三、”下从6.开始），按跳号报告
    ///   （“4.”之后是“6.”，缺少“5.”），而不是“从6.开始，缺少1.至5.”；
    /// - 第二层序数跨第一层标题连续编号（工作要点常见的“一、”下为（一）、（二），“二、”下接着（三）、（四）），
    ///   前提是文件中第二层序数从没有在后面的部分重新从“（一）”开始；已经重新开始过的文件里，接着上一部分编号的
    ///   “（二）”仍按缺少“（一）”报告；
    /// - 附件、通知所印发的方案另起一段正文时，序数从“一、”重新开始；
    /// - 附件说明中的“附件：1.…”“2.…”列表不计入正文的编号；但列表本身跳号、重号、倒退的（“附件：1.…”
    ///   下面是“3.…”）另行报告，消息写明是附件序号；
    /// - 注释列表“注：1.…”（也作“注:”“说明：”“备注：”）和紧接其下、中间没有空行的“2.…”“3.…”是注释的编号，
    ///   不计入正文的编号；注释列表遇到空行、其他层次的序数或不接续的序号即结束；某一项的序号同时也是正文
    ///   下一个“1.”层序数的（正文“1.”之后的“注：1.…”下面的“2.…”），按正文读；
    /// - 办法、规定的每一条（“第三条　有下列情形之一的：”）、每一章、每一节下的“（一）”“1.”从一重新开始；
    /// - 第一层在写完“三、”之后又从“一、”重新开始（多为另一份文件或附件的正文，标题缺失时无法确认，或是
    ///   表格中自带序数的行，如政府信息公开年报的“一、本年新收政府信息公开申请数量”）；此后又接着重新开始之前的
    ///   序数写下去的（表格之后的“四、”接着表格之前的“三、”），也不报告；
    /// - 第三层、第四层在同一上级标题下写完“2.”之后又从“1.”开始（同一标题下的第二组列举）；
    /// - “一、”下第一个标题误写作“（1）”、接着是“（二）”的，“（二）”不再报告“缺少（一）”：这是同一处笔误，
    ///   由 S103 报告“（1）”，并指出它应是“（一）”；
    /// - 序号后面空一格的列表（Markdown 的有序列表“1. ”“2. ”，或照此录入的文本）从“2. ”或更大的号开始：
    ///   这种列表常接着上一个被段落隔开的列表编号。文本文件里这种列表内部跳号、重号、倒退的照常报告；
    ///   Markdown 文件里序号不按顺序的有序列表（“1. 2. 4.”）显示时由渲染器重新编号，读者看到的是1、2、3，不报告。
    ///
    /// 被并入上一段的标题（“……工作。2.加强……。”）计入编号（见 S105），不会被误报为跳号。以期限开头的
    /// 任务（“1.2026年6月底前修订……”）的“1.”是序数，不读作小数 1.2026。
    ///
    /// ## 为什么
    /// 跳号、重号多是增删段落后没有重新编号留下的，校对时容易漏看；《党政机关公文处理工作条例》第二十条要求审核
    /// “段落顺序”是否准确。
    ///
    /// ## 错误示例
    /// ```text
    /// 一、主要举措和成效
    /// （一）加强组织领导
    /// （三）完善制度体系
    /// 二、存在的问题
    /// 二、下一步工作安排
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 一、主要举措和成效
    /// （一）加强组织领导
    /// （二）完善制度体系
    /// 二、存在的问题
    /// 三、下一步工作安排
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3：“文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注”；
    /// 《党政机关公文处理工作条例》第二十条（审核“段落顺序”）。
    ///
    /// ## 选项
    /// - `continue-across-parents`（默认 `true`）：允许第三层、第四层序数跨上级标题连续编号。设为 `false` 时，
    ///   每个上级标题下都必须从1开始。
    pub struct HeadingNumbering { continue_across: bool }
    meta {
        code: "S101",
        name: "heading-numbering",
        severity: Error,
        summary: "结构层次序数跳号、重号或倒退",
        fix: None,
        reads: [OUTLINE],
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    continue_across_parents: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            continue_across_parents: true,
        }
    }
}

impl BuiltinRule for HeadingNumbering {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(HeadingNumbering {
            continue_across: o.continue_across_parents,
        })
    }
}

impl Rule for HeadingNumbering {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        // Per level (index 1..=4): the last sibling under the current parent,
        // and the last item at that level since the grandparent changed.
        let mut last: [Option<&Item>; 5] = [None; 5];
        let mut cont: [Option<&Item>; 5] = [None; 5];
        // The level of the parent of `cont[l]` (0: none).
        let mut cont_parent = [0usize; 5];
        // The last first-level item before the first level started again
        // (a list of its own inside the text, such as the rows of a table).
        let mut outer: Option<&Item> = None;
        // Per level: an item has continued the numbering of the parent
        // before (`3.` first under `二、` after `1.` `2.` under `一、`).
        let mut runs_on = [false; 5];
        // Per level: a part after the first has started again at one, so
        // the document does not number that level through its parts.
        let mut restarted = [false; 5];
        let mut segment = usize::MAX;
        let mut article = 0;
        // The item before, whatever its level.
        let mut before: Option<&Item> = None;
        for it in &outline.items {
            let prev_item = before.replace(it);
            if it.segment() != segment {
                segment = it.segment();
                last = [None; 5];
                cont = [None; 5];
                outer = None;
                runs_on = [false; 5];
                restarted = [false; 5];
            }
            // An article of a regulation numbers its own items.
            let a = outline.article_of(it);
            if a != article {
                article = a;
                last[2..].fill(None);
                cont[2..].fill(None);
            }
            let l = it.level as usize;
            let parent = (1..l).rev().find_map(|p| last[p]);
            match last[l] {
                None => {
                    restarted[l] |= it.ordinal == 1 && cont[l].is_some();
                    // The second level goes on through the first-level parts
                    // only in a document that never starts it again (a
                    // 工作要点's `（三）` first under `二、`).
                    let continued = self.continue_across
                        && (l >= 3 || l == 2 && !restarted[2])
                        && cont[l].is_some_and(|c| it.ordinal == c.ordinal + 1);
                    runs_on[l] |= continued;
                    let skipped_on =
                        cont[l].filter(|c| runs_on[l] && l >= 2 && it.ordinal > c.ordinal + 1);
                    if let Some(c) = skipped_on {
                        // The document numbers these items through its
                        // parts: the skip is from the last one.
                        let (a, b) = (
                            marker_label(it.level, c.ordinal),
                            marker_label(it.level, it.ordinal),
                        );
                        let mut msg = format!(
                            "序数跳号：“{a}”之后是“{b}”，缺少“{}",
                            marker_label(it.level, c.ordinal + 1)
                        );
                        if it.ordinal > c.ordinal + 2 {
                            let _ = write!(msg, "”至“{}", marker_label(it.level, it.ordinal - 1));
                        }
                        msg.push('”');
                        let mut d = Diagnostic::new(it.marker(), msg)
                            .with_label(c.marker(), "上一个同层序数");
                        if let Some(p) = parent {
                            d = d.with_label(p.marker(), "上级标题");
                        }
                        out.push(
                            d.with_note("本文这一层的序数跨上级标题连续编号，应接着上一个序数"),
                        );
                    } else if it.ordinal == 2
                        && l == 2
                        && last[3].is_none()
                        && prev_item.is_some_and(|p| {
                            p.level == 4 && p.ordinal == 1 && p.segment() == it.segment()
                        })
                    {
                        // `一、` / `（1）…` / `（二）…`: `（1）` was written for
                        // `（一）`, which S103 reports, naming `（二）`; one
                        // slip, one finding.
                    } else if it.ordinal != 1 && !continued && !list_item_spaced(doc, it) {
                        let mut msg = format!(
                            "序数从“{}”开始，缺少“{}",
                            marker_label(it.level, it.ordinal),
                            marker_label(it.level, 1)
                        );
                        if it.ordinal != 2 {
                            let _ = write!(msg, "”至“{}", marker_label(it.level, it.ordinal - 1));
                        }
                        msg.push('”');
                        let mut d;
                        if let Some(p) = parent {
                            let _ =
                                write!(msg, "：它是“{}”下的第一个同级标题", item_display(doc, p));
                            d = Diagnostic::new(it.marker(), msg)
                                .with_label(p.marker(), "上级标题");
                        } else {
                            msg.push_str("：这是本层的第一个标题");
                            d = Diagnostic::new(it.marker(), msg);
                        }
                        if let Some(c) = cont[l].filter(|_| l >= 2) {
                            d = d.with_label(c.marker(), "上一个同层序数");
                        }
                        out.push(d.with_note("同一上级标题下，同层序数应从一（1）开始连续编号"));
                    }
                }
                Some(prev) => {
                    let want = prev.ordinal + 1;
                    let got = it.ordinal;
                    if got == want {
                        // In order.
                    } else if l == 1 && got == 1 && prev.ordinal >= 2 {
                        // A first level that starts again: another text whose
                        // title was not recognised, or a list of its own (the
                        // rows of a table). Treat as a new segment.
                        last = [None; 5];
                        cont = [None; 5];
                        outer = Some(prev);
                    } else if l == 1 && outer.is_some_and(|o| got == o.ordinal + 1) {
                        // The numbering from before that list goes on
                        // (`三、` … table rows `一、`–`四、` … `四、`).
                        outer = None;
                    } else if l >= 3 && got == 1 && prev.ordinal >= 2 {
                        // A second list of items under the same heading
                        // (1. 2. … then a paragraph, then 1. 2. again).
                    } else {
                        let (a, b) = (
                            marker_label(it.level, prev.ordinal),
                            marker_label(it.level, got),
                        );
                        let msg = if got == prev.ordinal {
                            format!(
                                "序数重复：“{a}”之后又是“{b}”，应为“{}”",
                                marker_label(it.level, want)
                            )
                        } else if got == want + 1 {
                            format!(
                                "序数跳号：“{a}”之后是“{b}”，缺少“{}”",
                                marker_label(it.level, want)
                            )
                        } else if got > want {
                            format!(
                                "序数跳号：“{a}”之后是“{b}”，缺少“{}”至“{}”",
                                marker_label(it.level, want),
                                marker_label(it.level, got - 1)
                            )
                        } else {
                            format!(
                                "序数倒退：“{a}”之后是“{b}”，应为“{}”",
                                marker_label(it.level, want)
                            )
                        };
                        out.push(
                            Diagnostic::new(it.marker(), msg)
                                .with_label(
                                    prev.marker(),
                                    format!("前一个同级标题“{}”", item_display(doc, prev)),
                                )
                                .with_note("同一上级标题下，同层序数应从一（1）开始连续编号"),
                        );
                    }
                }
            }
            // The item is now the last at its level; deeper levels close.
            for d in last.iter_mut().skip(l + 1) {
                *d = None;
            }
            // An item at level l is a grandparent (or higher) of levels ≥ l+2,
            // except of those written right under level l, with no level
            // between (`一、` then `1.`): it is their parent.
            for k in l + 2..cont.len() {
                if cont_parent[k] != l {
                    cont[k] = None;
                }
            }
            last[l] = Some(it);
            cont[l] = Some(it);
            cont_parent[l] = parent.map_or(0, |p| p.level as usize);
        }
        // The 附件说明 lists number the attachments on their own.
        for w in outline.attachments.windows(2) {
            let (prev, it) = (&w[0], &w[1]);
            if prev.list() != it.list() {
                continue;
            }
            let (want, got) = (prev.ordinal + 1, it.ordinal);
            if got == want {
                continue;
            }
            let (a, b) = (&doc.text[prev.marker()], &doc.text[it.marker()]);
            let msg = if got == prev.ordinal {
                format!("附件序号重复：“{a}”之后又是“{b}”，应为“{want}.”")
            } else if got == want + 1 {
                format!("附件序号跳号：“{a}”之后是“{b}”，缺少“{want}.”")
            } else if got > want {
                format!(
                    "附件序号跳号：“{a}”之后是“{b}”，缺少“{want}.”至“{}.”",
                    got - 1
                )
            } else {
                format!("附件序号倒退：“{a}”之后是“{b}”，应为“{want}.”")
            };
            out.push(
                Diagnostic::new(it.marker(), msg)
                    .with_label(
                        prev.marker(),
                        format!(
                            "附件说明的前一项“{}{}”",
                            doc.text[prev.marker()].trim_end(),
                            super::short(doc, prev.text(), 16)
                        ),
                    )
                    .with_note("附件说明中多个附件用阿拉伯数字依次标注顺序号（GB/T 9704-2012 7.3.4），附件顺序号应与后附的附件一致"),
            );
        }
    }
}

/// Whether third-level item `it` is written as a list item, with a space
/// after its marker (`2. 加强`): such a list may go on from one a paragraph
/// broke off, so where it starts is not checked.
fn list_item_spaced(doc: &Document<'_>, it: &Item) -> bool {
    it.level == 3
        && doc.text[it.marker().end..]
            .chars()
            .next()
            .is_some_and(crate::document::is_space)
}
