use super::{Item, item_display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 一个带序数的标题被并进了上一段的末尾：“……按时完成立法答复工作。2.加强政府规范性文件备案和审查。严格执行……”。
    /// 只有当序数正好是同级编号接下来应有的那个（前面已有“1.”，这里是“2.”），而且后面是一句简短的标题句时才报告；
    /// 段落中间的“（1）（2）（3）”列举、“1.5亿元”之类的数字不会被当作标题。
    ///
    /// ## 为什么
    /// 标题应另起一段。标题并入上一段多是排版或网页转载时丢了换行，读者会漏看这一条，编号看起来也像是跳号。
    ///
    /// ## 错误示例
    /// ```text
    /// 1.加强立法协调。全年办理征求意见33件，均按时答复。2.加强规范性文件备案审查。严格执行备案制度。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 1.加强立法协调。全年办理征求意见33件，均按时答复。
    /// 2.加强规范性文件备案审查。严格执行备案制度。
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3：正文“每个自然段左空二字”，结构层次序数标注各层标题；标题应各自成段。
    ///
    /// ## 选项
    /// 无。
    pub struct RunInHeading {}
    meta {
        code: "S105",
        name: "run-in-heading",
        severity: Info,
        summary: "带序数的标题并入了上一段，应另起一段",
        fix: None,
        reads: [OUTLINE],
    }
}

impl Rule for RunInHeading {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        // The last heading of each level that stands on its own line, kept
        // as the items go by (a search back from each run-in heading was
        // quadratic in a paragraph of them: 80,000 took 1.9 s).
        let mut own_line: [Option<&Item>; 5] = [None; 5];
        for it in &outline.items {
            if !it.inline {
                if let Some(slot) = own_line.get_mut(it.level as usize) {
                    *slot = Some(it);
                }
                continue;
            }
            let prev = own_line.get(it.level as usize).copied().flatten();
            let mut d = Diagnostic::new(
                it.marker().start..it.text().end,
                format!("标题“{}”接在上一段末尾，应另起一段", item_display(doc, it)),
            );
            if let Some(p) = prev {
                d = d.with_label(p.marker(), "前一个同级标题");
            }
            out.push(d.with_note("它按同级编号计入序数，不会被当作跳号"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::rules::structure::Outline;

    /// The next second-level heading, on a line of its own or run into the
    /// paragraph; the third level starts again under it.
    fn next_second(text: &mut String, second: &mut u32, third: &mut u32, run_in: bool) {
        *second += 1;
        *third = 0;
        let n = crate::rules::structure::chinese_numeral(*second);
        if run_in {
            text.push_str(&format!("（{n}）强化监督。开展检查3次。"));
        } else {
            text.push_str(&format!("（{n}）规范执法\n"));
        }
    }

    /// On random documents of headings on their own lines and run into
    /// paragraphs, at both levels that run in, every finding's label is the
    /// one a search back from its heading finds.
    #[test]
    fn the_label_is_the_heading_a_search_back_finds() {
        let engine = crate::testing::engine_selecting("S105");
        let mut rng = fastrand::Rng::with_seed(105);
        let (mut labelled, mut second_level) = (0, 0);
        for _ in 0..300 {
            let mut text = String::from("某县2023年度法治政府建设情况报告\n\n一、主要举措\n");
            let (mut second, mut third) = (0u32, 0);
            for _ in 0..rng.usize(1..12) {
                if rng.u8(0..4) == 0 {
                    next_second(&mut text, &mut second, &mut third, false);
                }
                third += 1;
                text.push_str(&format!("{third}.加强协调。全年办理33件。"));
                for _ in 0..rng.usize(0..4) {
                    if rng.u8(0..3) == 0 {
                        next_second(&mut text, &mut second, &mut third, true);
                    } else {
                        third += 1;
                        text.push_str(&format!("{third}.推进公开。公开200条。"));
                    }
                }
                text.push('\n');
            }
            let doc = Document::new(&text);
            let items = Outline::new(&doc).items;
            let want: Vec<Option<usize>> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.inline)
                .map(|(i, it)| {
                    items[..i]
                        .iter()
                        .rev()
                        .find(|p| p.level == it.level && !p.inline)
                        .map(|p| p.marker().start)
                })
                .collect();
            let found = engine
                .lint(std::path::Path::new("t.txt"), &text)
                .expect("lint")
                .diagnostics;
            let got: Vec<Option<usize>> = found
                .iter()
                .map(|d| d.labels.first().map(|l| l.range().start))
                .collect();
            assert_eq!(got, want, "{text}");
            labelled += got.iter().flatten().count();
            second_level += items.iter().filter(|it| it.inline && it.level == 2).count();
        }
        assert!(labelled > 100, "{labelled}");
        // Both levels ran in.
        assert!(second_level > 50, "{second_level}");
    }
}
