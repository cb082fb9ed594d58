use super::{Item, item_display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::Document;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 同一上级标题下的同级标题，句末有的加“。”、有的不加。只比较独占一行的标题（标题后另起一段写正文）；
    /// 标题与正文写在同一段（“（一）提高政治站位。全面依法治国……”）时标题句号是必需的，不参与比较。
    /// 不同上级标题下的标题各自比较，不要求全文一致。报告写法占少数的那些标题。
    /// “（一）联系人：张三”“（二）电子邮件：……”这类“项目：内容”的条目是列表而不是标题，也不参与比较。
    /// 从PDF等复制、按固定宽度断行的文本中，一行没有写完、句子接到下一行的条目（“（一）……是否在法定”
    /// 下一行“职权范围内……。”），其第一行的行末不是标题的句末，也不参与比较。
    ///
    /// ## 为什么
    /// 标题加不加句号各地习惯不同，但同一组标题应当一致；“（一）”“（二）”不加而“（三）”加，是常见的疏漏。
    ///
    /// ## 错误示例
    /// ```text
    /// 二、主要做法
    /// （一）强化组织领导
    /// （二）完善制度体系
    /// （三）全面推进政务公开，打造阳光型政府。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 二、主要做法
    /// （一）强化组织领导
    /// （二）完善制度体系
    /// （三）全面推进政务公开，打造阳光型政府
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第二十条要求审核格式是否规范、标点符号用法是否规范；同级标题体例应一致
    /// （“同一个公文的层次序号前后使用不一致”是常见差错）。
    ///
    /// ## 选项
    /// 无。
    pub struct HeadingEndPunct {}
    meta {
        code: "S104",
        name: "heading-end-punct",
        severity: Info,
        summary: "同级标题句末标点不一致（有的加句号、有的不加）",
        fix: None,
        reads: [OUTLINE],
    }
}

impl Rule for HeadingEndPunct {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        // Group siblings: same segment, same level, same parent. A group is
        // reported when it closes (a heading of a higher level, another
        // segment, the end), so only the open groups are held: one per
        // level, not every group of the document.
        let mut open: [Vec<&Item>; 5] = Default::default();
        // Whether the text is wrapped by hand: asked once, and only when a
        // group is mixed.
        let mut wrapped = None;
        let mut close = |doc: &Document<'_>, g: &mut Vec<&Item>, out: &mut Findings| {
            report_group(doc, g, &mut wrapped, out)
        };
        let mut segment = usize::MAX;
        let mut article = 0;
        for it in &outline.items {
            if it.segment() != segment {
                segment = it.segment();
                open.iter_mut().for_each(|g| close(doc, g, out));
            }
            let a = outline.article_of(it);
            if a != article {
                article = a;
                open[2..].iter_mut().for_each(|g| close(doc, g, out));
            }
            let l = it.level as usize;
            for g in open.iter_mut().skip(l + 1) {
                close(doc, g, out);
            }
            open[l].push(it);
        }
        open.iter_mut().for_each(|g| close(doc, g, out));
    }
}

/// Report the minority of a closed group of siblings, and empty it.
fn report_group(
    doc: &Document<'_>,
    g: &mut Vec<&Item>,
    wrapped: &mut Option<bool>,
    out: &mut Findings,
) {
    // (item, ends with 。)
    let mut classified: Vec<(&Item, bool)> = g
        .iter()
        .filter(|it| !it.run_in && !it.inline)
        .filter_map(|it| {
            let t = doc.text[it.text()].trim_end();
            let last = t.chars().next_back()?;
            if last == '。' {
                Some((*it, true))
            } else if matches!(
                last,
                '；' | ';' | '：' | ':' | '，' | ',' | '！' | '？' | '!' | '?' | '、'
            ) {
                None
            } else {
                Some((*it, false))
            }
        })
        .collect();
    let mixed = |c: &[(&Item, bool)]| {
        let with = c.iter().filter(|c| c.1).count();
        (with > 0 && with < c.len()).then_some((with, c.len() - with))
    };
    // Most groups agree; the list entries and the wrapped items are looked
    // for only in the others. In a text wrapped by hand (a PDF or a fixed-
    // width export) a heading line whose sentence runs on into the next
    // line does not end where the heading ends: its end mark is not known.
    let Some((with, without)) = mixed(&classified).and_then(|_| {
        classified.retain(|(it, _)| !is_field_entry(&doc.text[it.text()]));
        if classified.iter().any(|(it, _)| doc.runs_on(it.line()))
            && *wrapped.get_or_insert_with(|| doc.wrapped_by_hand())
        {
            classified.retain(|(it, _)| !doc.runs_on(it.line()));
        }
        mixed(&classified)
    }) else {
        g.clear();
        return;
    };
    // Report the minority; on a tie, those that differ from the first.
    let odd = if with < without {
        true
    } else if without < with {
        false
    } else {
        !classified[0].1
    };
    let n_major = if odd { without } else { with };
    for (it, _) in classified.iter().filter(|c| c.1 == odd) {
        let msg = if odd {
            format!(
                "标题“{}”句末有“。”，而同组其他{n_major}个同级标题没有",
                item_display(doc, it)
            )
        } else {
            format!(
                "标题“{}”句末没有“。”，而同组其他{n_major}个同级标题有",
                item_display(doc, it)
            )
        };
        out.push(Diagnostic::new(it.marker().start..it.text().end, msg));
    }
    g.clear();
}

/// A list entry of the form “label：value” (`联系人：张三`, `电子邮件：…`):
/// a short label of letters and no punctuation, a colon, and text after it.
/// Such entries are numbered like headings but are not headings, and whether
/// they end with “。” is the writer's choice entry by entry.
fn is_field_entry(t: &str) -> bool {
    let Some((n, (i, c))) = t
        .char_indices()
        .take(9)
        .enumerate()
        .find(|(_, (_, c))| !c.is_alphanumeric())
    else {
        return false;
    };
    n > 0 && matches!(c, '：' | ':') && !t[i + c.len_utf8()..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::is_field_entry;

    #[test]
    fn a_label_and_a_colon_make_a_list_entry() {
        assert!(is_field_entry("联系人：张三，电话：0771-1234567。"));
        assert!(is_field_entry("电子邮件:pufa@example.cn"));
        // A heading that only holds a colon far in, or ends with one, is not.
        assert!(!is_field_entry(
            "全面推进政务公开，打造阳光型政府：成效明显"
        ));
        assert!(!is_field_entry("主要做法："));
        assert!(!is_field_entry("强化组织领导"));
    }
}
