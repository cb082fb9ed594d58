use super::{Item, item_display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::chinese_ordinal;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 标题末尾括注了件数（“一、制定项目（6件）”“（二）废止的规范性文件（7件）”），其下列出的条目数是否
    /// 与它相同。条目是这个标题之下、下一个同级或上级标题之前的下一层序数（“1.”“2.”……）；下面还分层时，
    /// 最下一层的条目数与件数相同也不报告（“一、（6件）”下分“（一）（3件）”“（二）（3件）”）。
    ///
    /// 只读末尾整个括号是“数字＋量词”的标题：件、项、个、条、部、篇、名、家，数字可以是阿拉伯数字或
    /// 汉字（“（六项）”）。不报告：标题下没有编号的条目（名单逐行列出而不编号）；只有一个条目；
    /// 件数与条目数相差一倍以上（“一、行政复议（120件）”下的“1.”“2.”是工作的几个方面，不是这120件）；
    /// 标题与第一个编号条目之间用“一是……三是……”等段内序数写出了同样多项的（编号条目列的是别的，如所附材料）；
    /// “注：”“说明：”之下的编号是注释，不算条目，“注：”单独占一行时也一样。
    /// 序号跳号、重号由 S101 报告，这里只数条目：“1. 2. 3. 5. 6.”是5项。
    ///
    /// ## 为什么
    /// 清理目录、立法计划、工作要点常在标题里写明件数。增删条目后漏改件数，标题与清单就自相矛盾，
    /// 读者无从判断哪一个是准的。
    ///
    /// ## 错误示例
    /// ```text
    /// 一、制定项目（6件）
    /// 1.《青溪市电动自行车管理办法》
    /// 2.《青溪市数据资源管理办法》
    /// 3.《青溪市河道采砂管理办法》
    /// 4.《青溪市养老服务条例》
    /// 5.《青溪市物业管理办法》
    /// 二、预备项目（2件）
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 一、制定项目（5件）
    /// 1.《青溪市电动自行车管理办法》
    /// ……
    /// 5.《青溪市物业管理办法》
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”“结构严谨”。
    ///
    /// 不提供修复：不能确定是件数写错了，还是条目漏列或多列了。
    pub struct HeadingCount {}
    meta {
        code: "S107",
        name: "heading-count",
        severity: Warning,
        summary: "标题中括注的件数与其下列出的条目数不符",
        fix: None,
        reads: [OUTLINE, ORDINALS],
    }
}

/// The classifiers a heading's count may end with.
const CLASSIFIERS: [char; 8] = ['件', '项', '个', '条', '部', '篇', '名', '家'];

/// A count in brackets that ends a heading's text (`制定项目（6件）`): its
/// value, classifier and byte range within `t`.
fn announced(t: &str) -> Option<(u32, char, std::ops::Range<usize>)> {
    let t = t.trim_end_matches(['。', '：', ':', ' ', '\u{3000}']);
    let inner_end = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    let open = inner_end.rfind(['（', '('])?;
    let inner = &inner_end[open..];
    let inner = inner
        .strip_prefix('（')
        .or_else(|| inner.strip_prefix('('))?;
    let inner = inner.strip_prefix('共').unwrap_or(inner);
    let unit = inner.chars().next_back()?;
    if !CLASSIFIERS.contains(&unit) {
        return None;
    }
    let number = &inner[..inner.len() - unit.len_utf8()];
    let n = if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        number.parse().ok()?
    } else {
        chinese_ordinal(number)?
    };
    Some((n, unit, open..t.len()))
}

/// The items under `items[i]` (up to the next item of its level or above,
/// in its segment): how many there are of the first level below it, and of
/// the deepest level, and the last of the first level.
fn children(items: &[Item], i: usize) -> Option<(u32, u32, &Item)> {
    let head = &items[i];
    let under = items[i + 1..]
        .iter()
        .take_while(|it| it.segment() == head.segment() && it.level > head.level);
    let (mut top, mut deep) = (u8::MAX, 0u8);
    let (mut n_top, mut n_deep) = (0u32, 0u32);
    let mut last = None;
    for it in under {
        if it.level < top {
            (top, n_top) = (it.level, 0);
        }
        if it.level == top {
            n_top += 1;
            last = Some(it);
        }
        if it.level > deep {
            (deep, n_deep) = (it.level, 0);
        }
        if it.level == deep {
            n_deep += 1;
        }
    }
    Some((n_top, n_deep, last?))
}

impl Rule for HeadingCount {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let items = &cx.outline().items;
        for (i, it) in items.iter().enumerate() {
            let text = &doc.text[it.text()];
            // Cheap first: the heading's text ends with a closing bracket.
            if !text
                .trim_end_matches(['。', '：', ':', ' ', '\u{3000}'])
                .ends_with(['）', ')'])
            {
                continue;
            }
            let Some((n, unit, at)) = announced(text) else {
                continue;
            };
            let Some((direct, leaves, last)) = children(items, i) else {
                continue;
            };
            if n == direct || n == leaves || direct < 2 || n > 2 * direct || direct > 2 * n {
                continue;
            }
            // `一、重点任务（三项）` / `一是……二是……三是……相关材料如下：` /
            // `1.…` `2.…`: the count is of the ordinals written before the
            // numbered items, which list something else.
            // (`children` found items under it: the first is the next.)
            let (from, to) = (it.text().end, items[i + 1].marker().start);
            if cx
                .ordinals()
                .iter()
                .filter(|t| t.range.start >= from && t.range.end <= to)
                .map(|t| t.ordinal)
                .max()
                == Some(n)
            {
                continue;
            }
            let start = it.text().start;
            let written = &text[at.clone()];
            let fewer = if direct < n { "只" } else { "" };
            out.push(
                Diagnostic::new(
                    start + at.start..start + at.end,
                    format!("标题写明“{written}”，其下{fewer}列出{direct}{unit}"),
                )
                .with_label(
                    last.marker(),
                    format!("最后一{unit}：{}", item_display(doc, last)),
                )
                .with_note(format!(
                    "“{}”之下、下一个同级标题之前有{direct}个下一层条目；件数与条目数应当一致",
                    item_display(doc, it)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_bracket_of_a_number_and_a_classifier_is_a_count() {
        assert_eq!(announced("制定项目（6件）").map(|a| a.0), Some(6));
        assert_eq!(announced("预备项目(12项)").map(|a| a.0), Some(12));
        assert_eq!(
            announced("继续有效的规章（共23件）。").map(|a| a.0),
            Some(23)
        );
        assert_eq!(announced("修订项目（三件）").map(|a| a.0), Some(3));
        assert_eq!(announced("行政复议（受理120件）"), None);
        assert_eq!(announced("制定项目（2026年）"), None);
        assert_eq!(announced("制定项目（6件）的说明"), None);
        assert_eq!(announced("制定项目"), None);
    }
}
