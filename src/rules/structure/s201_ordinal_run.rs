use std::cell::LazyCell;

use super::ordinal::{Family, SHOUXIAN, Token};
use super::{Outline, item_display};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::{Document, LineKind};
use crate::rules::{Context, Rule};

/// At most this many members of a run are shown in a message or labelled.
const MAX_SHOWN: usize = 12;

declare_rule! {
    /// ## 检查什么
    /// 段内序数（“一是、二是、三是……”“第一，第二，第三，……”“首先，其次，再次，最后，”）组成的序列是否完整：
    /// 一组序列从“一是”（“第一”“首先”）开始，逐个递增，不跳过、不重复。同一标题下可以有几组序列，每组都从头开始；
    /// 不同标题下的序列分别计算。同一段里“一是……，一是……；二是……”算一组序列，第二个“一是”重复；
    /// 单独一个“一是”自成一段时，看不出“二是”接的是哪一个，不报告。报告出错的那个序数，并把整组序列列出来。
    /// 同一句里“一是……；二是……；一是……”，分号后紧接着又从“一是”（“第一”）写起的，是前一组序列写错了序数，
    /// 报告这个“一是”；新的一组由自己的引语引出的（“制度方面，一是……；二是……；队伍方面，一是……”）或在另一句里的，不报告。
    /// 缺少的“二是”被换行截断在两行之间（从 PDF 复制的文字：行末“二”、下一行开头“是”）的，不算跳号。
    ///
    /// 下列写法不是序列，不报告：“第一责任人”“第一季度”“第一批”“第一次”“排名第一，”等（“第一”后面不是逗号、
    /// 顿号或冒号，或前面不是句子、分句的开头）；只用了一次的“首先”；“统一是”“唯一是”“同一是”“之一是”“三分之二是”等词中的“一是”“二是”
    /// （“系统一是”“合同一是”“清单一是”中的“一是”仍是序数，如“全系统一是……，二是……”）；
    /// 引号、书名号里的内容；“最后一公里”“最后认定”等。
    ///
    /// 用带圈数字“①②③……⑳”或带括号数字“⑴⑵⑶……⒇”列出的各项，也检查跳号、重复和倒退，两种写法各成序列。
    /// 只算开启一项的数字：在行首，或在冒号、分号、逗号、顿号、句号之后，后面接着这一项的文字（“做法：①建立台账；
    /// ②定期通报”）；“一是①……；②……”“分为①主体、②程序”中紧跟文字的“①”，后面有开启一项的“②”时也算。
    /// 紧跟在文字、右括号、右引号、书名号或空格后面的（“第五十八条①的规定”“……办法》④。”）是注释的标记，
    /// 后面是顿号或“项”“条”的（“第①、③项”）是引用，公式里的（“③ = ① − ②”）也不算。
    /// 一组序列只包括连着写的各项：同一行里的，或各占一行、中间只隔空行的；隔着别的文字、或在以句号结束的
    /// 最后一项之后又从小号写起的，是页脚的注释，另算。这类序列的第一个数字不要求是“①”：PDF 每页页脚的注释
    /// 接着上一页编号，一页的注释可以从“③”开始。
    ///
    /// ## 为什么
    /// 序列从“三是”开始、或“一是”之后直接是“三是”，多是删改段落时漏删漏改，说明内容可能缺了一段。
    ///
    /// ## 错误示例
    /// ```text
    /// （二）深化权力制约
    /// 三是严格规范公正文明执法。……
    /// 四是深入推进政务公开工作。……
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// （二）深化权力制约
    /// 一是严格规范公正文明执法。……
    /// 二是深入推进政务公开工作。……
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.3（结构层次与顺序）；《党政机关公文处理工作条例》第二十条（审核“段落顺序”）。
    /// 一段文字内部常用“一是、二是、三是……”或“首先、其次、第三……”表示顺序。
    ///
    /// ## 选项
    /// 无。
    pub struct OrdinalRun {}
    meta {
        code: "S201",
        name: "ordinal-run",
        severity: Error,
        summary: "段内序数（一是、二是……）不从头开始、跳号或重复",
        fix: None,
        reads: [OUTLINE, ORDINALS],
    }
}

impl Rule for OrdinalRun {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let outline = cx.outline();
        let toks = cx.ordinals();
        // Group by (section, family), keeping text order.
        let mut i = 0;
        while i < toks.len() {
            let sec = outline.section_of(toks[i].range.start);
            let mut j = i;
            while j < toks.len() && outline.section_of(toks[j].range.start) == sec {
                j += 1;
            }
            for fam in [
                Family::Shi,
                Family::Di,
                Family::Shouxian,
                Family::Circled,
                Family::Parenthesized,
            ] {
                let in_fam: Vec<&Token> = toks[i..j].iter().filter(|t| t.family == fam).collect();
                if fam.enclosed(1).is_some() {
                    for block in item_blocks(doc, &in_fam) {
                        check_section(doc, outline, sec, block, out);
                    }
                } else {
                    check_section(doc, outline, sec, &in_fam, out);
                }
            }
            i = j;
        }
    }
}

/// The enclosed numerals of a section split where their items stop
/// following each other: a numeral goes on from the one before when it is
/// in the same line, or opens a line and only blank lines stand between.
/// A list's items are written together; a note's numerals at the foot of a
/// page come after other text, or after the list's last item, and number on
/// from the page before.
fn item_blocks<'t>(doc: &Document<'_>, toks: &'t [&'t Token]) -> Vec<&'t [&'t Token]> {
    let mut blocks = Vec::new();
    let mut from = 0;
    for k in 1..toks.len() {
        let (a, b) = (toks[k - 1], toks[k]);
        let (la, lb) = (
            doc.index.line_of(a.range.start),
            doc.index.line_of(b.range.start),
        );
        // After an item that ended its list with 。, a numeral that steps
        // back or repeats is a note's at the foot of the page.
        let list_ended =
            || b.ordinal <= a.ordinal && doc.text[doc.lines[la].content()].ends_with(['。', '.']);
        let follows = la == lb
            || b.range.start == doc.lines[lb].content().start
                && doc.lines[la + 1..lb]
                    .iter()
                    .all(|l| l.kind == LineKind::Blank)
                && !list_ended();
        if !follows {
            blocks.push(&toks[from..k]);
            from = k;
        }
    }
    if from < toks.len() {
        blocks.push(&toks[from..]);
    }
    blocks
}

/// Split a section's tokens of one family into runs and report defects.
fn check_section(
    doc: &Document<'_>,
    outline: &Outline,
    sec: Option<usize>,
    toks: &[&Token],
    out: &mut Findings,
) {
    // Accept tokens into runs. A token that does not stand at a clause
    // start (统一是) is only kept when it continues the run exactly.
    let mut runs: Vec<Vec<&Token>> = Vec::new();
    for &t in toks {
        let prev = runs.last().and_then(|r| r.last()).map(|p| p.ordinal);
        let fits = match prev {
            None => t.ordinal == 1,
            Some(p) => t.ordinal == p + 1 || t.ordinal == 1,
        };
        if !t.bounded && !fits {
            continue;
        }
        let family = t.family;
        if family == Family::Shouxian {
            // Only runs opened by 首先 are checked; 最后 closes a run.
            match prev {
                None if t.ordinal != 1 => continue,
                _ if t.ordinal == 99 => {
                    if let Some(r) = runs.last_mut() {
                        r.push(t);
                    }
                    continue;
                }
                _ => {}
            }
        }
        if t.ordinal == 1 || runs.is_empty() {
            runs.push(vec![t]);
        } else if let Some(r) = runs.last_mut() {
            r.push(t);
        }
    }
    // `一是A，一是B；二是C`: a lone 一是 and a run opened by another 一是 in
    // the same paragraph are one run whose 一是 is repeated. A lone 一是 in
    // a paragraph of its own, or two lone ones, stay apart: nothing shows
    // which of them the 二是 follows.
    // One pass into a new list: removing from the middle of `runs` would
    // move the runs after it each time (quadratic in a long paragraph).
    let mut merged: Vec<Vec<&Token>> = Vec::with_capacity(runs.len());
    for b in runs {
        match merged.last_mut() {
            Some(a)
                if a.len() == 1
                    && a[0].ordinal == 1
                    && b.len() >= 2
                    && doc.index.line_of(a[0].range.start)
                        == doc.index.line_of(b[0].range.start) =>
            {
                a.extend(b);
            }
            _ => merged.push(b),
        }
    }
    let runs = merged;
    restarted_in_sentence(doc, outline, sec, &runs, out);
    for run in &runs {
        // The run as text, shortened for very long runs, and where it
        // stands: written out for a run that has a defect only.
        let shown_lazy = LazyCell::new(|| shown(doc, run));
        let where_lazy = LazyCell::new(|| placed(doc, outline, sec));
        let mut prev: Option<&Token> = None;
        for (k, &t) in run.iter().enumerate() {
            if t.ordinal == 99 {
                break;
            }
            let word = &doc.text[t.range.clone()];
            let msg = match prev {
                // An item list's first numeral may be a note's mark that
                // goes on from an earlier page (a PDF's notes at the foot of
                // each page): only its steps are checked.
                None if t.ordinal != 1 && t.family.enclosed(1).is_none() => {
                    let (where_, shown) = (&*where_lazy, &*shown_lazy);
                    let missing: Vec<String> = (1..t.ordinal)
                        .map(|n| format!("“{}”", ordinal_word(t.family, n)))
                        .collect();
                    Some(format!(
                        "序数“{word}”前缺少{}：{where_}的序列从“{word}”开始（{shown}）",
                        missing.join("")
                    ))
                }
                Some(p) if t.ordinal == p.ordinal => {
                    let (where_, shown) = (&*where_lazy, &*shown_lazy);
                    Some(format!("序数“{word}”重复：{where_}的序列为 {shown}"))
                }
                // `…；二` / `是个别村…`: the missing one cut by a line break
                // (a PDF's wrap) is there.
                Some(p)
                    if t.ordinal > p.ordinal + 1
                        && t.family == Family::Shi
                        && (p.ordinal + 1..t.ordinal).all(|n| {
                            cut_by_break(
                                &doc.text[p.range.end..t.range.start],
                                &super::chinese_numeral(n),
                            )
                        }) =>
                {
                    None
                }
                Some(p) if t.ordinal > p.ordinal + 1 => {
                    let (where_, shown) = (&*where_lazy, &*shown_lazy);
                    let missing: Vec<String> = (p.ordinal + 1..t.ordinal)
                        .map(|n| format!("“{}”", ordinal_word(t.family, n)))
                        .collect();
                    Some(format!(
                        "序数“{}”之后是“{word}”，缺少{}：{where_}的序列为 {shown}",
                        &doc.text[p.range.clone()],
                        missing.join("")
                    ))
                }
                Some(p) if t.ordinal < p.ordinal => {
                    let (where_, shown) = (&*where_lazy, &*shown_lazy);
                    Some(format!(
                        "序数“{word}”排在“{}”之后，顺序倒退：{where_}的序列为 {shown}",
                        &doc.text[p.range.clone()]
                    ))
                }
                _ => None,
            };
            if let Some(msg) = msg {
                let mut d = Diagnostic::new(t.range.clone(), msg);
                // Label the neighbours in the run (a bounded number).
                let from = k.saturating_sub(MAX_SHOWN / 2);
                for o in run
                    .iter()
                    .skip(from)
                    .take(MAX_SHOWN)
                    .filter(|o| o.range != t.range)
                {
                    d = d.with_label(o.range.clone(), "同一组序列");
                }
                if let Some(h) = sec.map(|s| &outline.items[s]) {
                    d = d.with_label(h.marker(), "所在标题");
                }
                out.push(d);
            }
            prev = Some(t);
        }
    }
}

/// A run as text, for a message, shortened for a very long run.
fn shown(doc: &Document<'_>, run: &[&Token]) -> String {
    let mut labels: Vec<&str> = run
        .iter()
        .take(MAX_SHOWN)
        .map(|t| &doc.text[t.range.clone()])
        .collect();
    if run.len() > MAX_SHOWN {
        labels.push("…");
    }
    labels.join(" → ")
}

/// Where a run stands, for a message: under its heading, or before the first.
fn placed(doc: &Document<'_>, outline: &Outline, sec: Option<usize>) -> String {
    match sec.map(|s| &outline.items[s]) {
        Some(h) => format!("“{}”下", item_display(doc, h)),
        None => "第一个标题之前".to_string(),
    }
}

/// The ordinal word `n` of a family (`三是`, `第三`, `再次`, `③`).
fn ordinal_word(fam: Family, n: u32) -> String {
    match fam {
        Family::Shi => format!("{}是", super::chinese_numeral(n)),
        Family::Di => format!("第{}", super::chinese_numeral(n)),
        Family::Shouxian => SHOUXIAN
            .iter()
            .find(|s| s.1 == n)
            .map_or("", |s| s.0)
            .to_string(),
        Family::Circled | Family::Parenthesized => {
            fam.enclosed(n).map(String::from).unwrap_or_default()
        }
    }
}

/// `一是A；二是B；一是C`: a run that starts again right after a semicolon,
/// in the same sentence as the run before it, is that run going on with
/// its numeral written wrong (a new run in one sentence would be introduced
/// by words of its own: `制度方面，一是…；队伍方面，一是…`).
fn restarted_in_sentence(
    doc: &Document<'_>,
    outline: &Outline,
    sec: Option<usize>,
    runs: &[Vec<&Token>],
    out: &mut Findings,
) {
    for w in runs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (Some(&last), Some(&first)) = (a.last(), b.first()) else {
            continue;
        };
        if a.len() < 2
            || first.ordinal != 1
            || last.ordinal == 99
            || first.family != last.family
            || !matches!(first.family, Family::Shi | Family::Di)
        {
            continue;
        }
        let Some(gap) = doc.text.get(last.range.end..first.range.start) else {
            continue;
        };
        if gap.contains(['。', '！', '？', '!', '?', '\n'])
            || !gap
                .trim_end_matches([' ', '\u{3000}'])
                .ends_with(['；', ';'])
        {
            continue;
        }
        let where_ = placed(doc, outline, sec);
        let mut d = Diagnostic::new(
            first.range.clone(),
            format!(
                "序数“{}”在同一句里又从头开始：分号前的序列已到“{}”，这里应为“{}”（{where_}的序列为 {} → {}）",
                &doc.text[first.range.clone()],
                &doc.text[last.range.clone()],
                ordinal_word(first.family, last.ordinal + 1),
                shown(doc, a),
                &doc.text[first.range.clone()],
            ),
        );
        for o in a.iter().take(MAX_SHOWN) {
            d = d.with_label(o.range.clone(), "同一组序列");
        }
        if let Some(h) = sec.map(|s| &outline.items[s]) {
            d = d.with_label(h.marker(), "所在标题");
        }
        out.push(d);
    }
}

/// Whether `gap` holds the ordinal `numeral` + 是 cut by a line break after
/// the numeral (`二` / `是`), as a PDF's wrap leaves it.
fn cut_by_break(gap: &str, numeral: &str) -> bool {
    gap.match_indices(numeral).any(|(at, m)| {
        let after = gap[at + m.len()..].trim_start_matches([' ', '\t', '\r', '\u{3000}']);
        after.strip_prefix('\n').is_some_and(|next| {
            next.trim_start_matches([' ', '\t', '\u{3000}'])
                .starts_with('是')
        })
    })
}
