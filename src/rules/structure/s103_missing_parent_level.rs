use super::{Item, item_display, marker_label};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 结构层次是否越级使用：
    /// - 第四层“（1）”直接出现在第一层“一、”之下，中间既没有“（一）”也没有“1.”；紧接着的是“（二）”时，
    ///   指出“（1）”应是“（一）”（同一处笔误，S101 不再另报“（二）”前缺少“（一）”）。同一上级标题之下
    ///   连续越级的同级标题（“（1）（2）（3）”）是同一个错误，只报告一次，指出从哪一个到哪一个；
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

/// The first item after a given one, in the same segment, that opens a
/// level above a given level (an ordinal 1 of a smaller level number).
///
/// Asked with items in order, as the rule walks them: one cursor per level,
/// each only moving forward, so that the whole walk reads every item at most
/// once a level. (A search from each orphan to the end of its segment was
/// quadratic when no opener follows: 100,000 lines of `（三）` took 2.9 s.)
struct Openers<'a> {
    items: &'a [Item],
    /// Per level, an index at or before the first opener of that level
    /// after the last item asked about.
    next: [usize; 5],
}

impl<'a> Openers<'a> {
    fn new(items: &'a [Item]) -> Self {
        Openers {
            items,
            next: [0; 5],
        }
    }

    /// The first item after item `i` in its segment with a level below
    /// `level` and ordinal 1. Calls come with `i` never decreasing.
    fn first_after(&mut self, i: usize, level: usize) -> Option<&'a Item> {
        let segment = self.items[i].segment();
        let mut first: Option<usize> = None;
        for (lv, k) in self.next.iter_mut().enumerate().take(level).skip(1) {
            *k = (*k).max(i + 1);
            while self
                .items
                .get(*k)
                .is_some_and(|o| o.level as usize != lv || o.ordinal != 1)
            {
                *k += 1;
            }
            if *k < self.items.len() && first.is_none_or(|f| *k < f) {
                first = Some(*k);
            }
        }
        first
            .map(|k| &self.items[k])
            .filter(|o| o.segment() == segment)
    }
}

/// The items of one run that skip levels: consecutive siblings under one
/// parent (`四、` then `（1）（2）（3）`), reported as one finding.
struct Skip<'a> {
    parent: &'a Item,
    /// The first of the run, and the index of the item after it.
    first: &'a Item,
    after_first: usize,
    /// The rest of the run, in order.
    rest: Vec<&'a Item>,
}

impl Skip<'_> {
    /// Whether `it`, whose nearest item above is `parent`, continues the run.
    fn continued_by(&self, it: &Item, parent: &Item) -> bool {
        std::ptr::eq(self.parent, parent) && it.level == self.first.level
    }

    fn report(self, doc: &crate::document::Document<'_>, items: &[Item], out: &mut Findings) {
        let (p, it) = (self.parent, self.first);
        let skipped: Vec<String> = (p.level + 1..it.level)
            .map(|lv| format!("“{}”", marker_label(lv, 1)))
            .collect();
        let shown = |it: &Item| doc.text[it.marker()].trim_end().to_string();
        let what = match self.rest.last() {
            Some(last) => format!("“{}”至“{}”", shown(it), shown(last)),
            None => format!("“{}”", shown(it)),
        };
        let mut d = Diagnostic::new(
            it.marker(),
            format!(
                "{what}直接出现在“{}”之下，中间缺少{}层次",
                item_display(doc, p),
                skipped.join("或")
            ),
        )
        .with_label(p.marker(), "上级标题");
        for s in &self.rest {
            d = d.with_label(s.marker(), "同样越级");
        }
        // `（1）` then `（二）`: the first was meant as `（一）`.
        if let Some(next) = items.get(self.after_first).filter(|n| {
            it.level == 4
                && it.ordinal == 1
                && n.level == 2
                && n.ordinal == 2
                && n.segment() == it.segment()
        }) {
            d = d.with_label(next.marker(), "下一个标题").with_note(format!(
                "其后的同级标题是“{}”：“{}”应是“{}”",
                shown(next),
                shown(it),
                marker_label(2, 1)
            ));
        }
        out.push(d.with_note("层次序数依次为“一、”“（一）”“1.”“（1）”，最多只宜跳过一层"));
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
        let mut openers = Openers::new(items);
        // The run of skipping items not reported yet.
        let mut run: Option<Skip<'_>> = None;
        for (i, it) in items.iter().enumerate() {
            if it.segment() != segment {
                segment = it.segment();
                last = [None; 5];
                reported_orphan = false;
            }
            let l = it.level as usize;
            let parent = (1..l).rev().find_map(|p| last[p]);
            match parent {
                Some(p) if l - p.level as usize >= 3 => match &mut run {
                    Some(r) if r.continued_by(it, p) => r.rest.push(it),
                    _ => {
                        if let Some(r) = run.take() {
                            r.report(doc, items, out);
                        }
                        run = Some(Skip {
                            parent: p,
                            first: it,
                            after_first: i + 1,
                            rest: Vec::new(),
                        });
                    }
                },
                None if l >= 2 && !reported_orphan => {
                    // A lower level before the first higher one of the same text.
                    let later = openers.first_after(i, l);
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
        if let Some(r) = run {
            r.report(doc, items, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::rules::structure::Outline;

    /// The search from each item to the end of its segment that the cursors
    /// replace.
    fn walk(items: &[Item], i: usize, level: usize) -> Option<usize> {
        let segment = items[i].segment();
        items[i + 1..]
            .iter()
            .take_while(|o| o.segment() == segment)
            .position(|o| (o.level as usize) < level && o.ordinal == 1)
            .map(|p| i + 1 + p)
    }

    /// On random outlines of all four levels, with ordinals that restart or
    /// not and texts that start new segments (a 附件 line, a second title),
    /// the cursors find what the walk finds, asked in order as the rule asks.
    #[test]
    fn a_first_item_written_for_the_second_level_is_named() {
        let engine = crate::testing::engine_selecting("S1");
        let text = "一、明确责任\n（1）各单位是责任主体。\n（二）清单所列为最低任务数。\n";
        let r = engine
            .lint(std::path::Path::new("a.txt"), text)
            .expect("lint");
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code()).collect();
        // One slip, one finding: S101 does not add “从（二）开始”.
        assert_eq!(codes, ["S103"]);
        let notes: Vec<&str> = r.diagnostics[0].notes.iter().map(|n| n.as_ref()).collect();
        assert!(
            notes.contains(&"其后的同级标题是“（二）”：“（1）”应是“（一）”"),
            "{notes:?}"
        );
    }

    /// Siblings that skip the same levels under one parent are one slip:
    /// one finding from the first to the last, the others labelled; the
    /// same under the next parent is a finding of its own.
    #[test]
    fn a_run_of_siblings_that_skip_levels_is_reported_once() {
        let engine = crate::testing::engine_selecting("S103");
        let text = "某县实施方案\n\n四、实施步骤\n（1）动员部署。\n（2）全面实施。\n（3）评估验收。\n\
                    五、保障措施\n（1）加强领导。\n";
        let r = engine
            .lint(std::path::Path::new("a.txt"), text)
            .expect("lint");
        let found: Vec<(&str, usize)> = r
            .diagnostics
            .iter()
            .map(|d| (d.message.as_ref(), d.labels.len()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "“（1）”至“（3）”直接出现在“四、实施步骤”之下，中间缺少“（一）”或“1.”层次",
                    3
                ),
                (
                    "“（1）”直接出现在“五、保障措施”之下，中间缺少“（一）”或“1.”层次",
                    1
                ),
            ]
        );
        let labels: Vec<&str> = r.diagnostics[0]
            .labels
            .iter()
            .map(|l| &text[l.range()])
            .collect();
        assert_eq!(labels, ["四、", "（2）", "（3）"]);
    }

    #[test]
    fn the_cursors_find_the_first_opener_the_walk_finds() {
        let markers = [
            ["一、", "二、", "三、"],
            ["（一）", "（二）", "（三）"],
            ["1.", "2.", "3."],
            ["（1）", "（2）", "（3）"],
        ];
        let mut rng = fastrand::Rng::with_seed(103);
        let mut segments = 0;
        for _ in 0..500 {
            let mut text = String::from("某县人民政府关于加强行政执法工作的意见\n\n");
            for _ in 0..rng.usize(1..40) {
                match rng.usize(0..20) {
                    0 => text.push_str("附件：\n某县行政执法工作实施方案\n"),
                    _ => {
                        let m = markers[rng.usize(0..4)][rng.usize(0..3)];
                        text.push_str(&format!("{m}落实工作责任\n"));
                    }
                }
            }
            let doc = Document::new(&text);
            let items = Outline::new(&doc).items;
            segments = segments.max(items.last().map_or(0, Item::segment));
            let mut openers = Openers::new(&items);
            for i in 0..items.len() {
                // Asked for some items only, as the rule asks for orphans.
                if rng.bool() {
                    continue;
                }
                let level = rng.usize(1..5);
                let got = openers.first_after(i, level).map(|o| o.marker().start);
                let want = walk(&items, i, level).map(|k| items[k].marker().start);
                assert_eq!(got, want, "{text}\nitem {i}, level {level}");
            }
        }
        // The texts did start new segments.
        assert!(segments > 0);
    }
}
