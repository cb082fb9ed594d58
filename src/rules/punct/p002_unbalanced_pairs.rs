use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::{LineKind, at_most_chars};
use crate::rules::punct::text::is_han;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 成对的标点是否配对：书名号“《》”、单书名号“〈〉”、引号““””、圆括号“（）”（半角的 `(` `)` 与全角的
    /// 同样看待，`（…)` 这样宽度不一致的由 P005 指出）。每个段落单独检查，分几行排的标题合在一起检查。
    /// 缺少后一半的，指向前一半；缺少前一半的，指向后一半。一段里先有一个配不上的后引号、后面又有一个
    /// 配不上的前引号（`”谁执法谁普法“`），是一对写反了的引号：报告一次，安全修复是把两个对调。
    ///
    /// 不报告：引文跨几段时，按规范每段开头用前引号、只在最后一段末尾用后引号，所以下一段以“““”开头时，
    /// 本段未闭合的前引号不算错；行首的列项序号 `1)`、`a)` 的右括号。一行在句中断开（末尾是汉字、字母数字、
    /// 逗号顿号或前一半标点，不是句末标点）而紧接的下一行接着写时（从 PDF 复制的硬换行），两行合在一起配对；
    /// 十五字以上的一行以另一对标点的后一半结尾（`（青府发〔2026〕` 换行接 `12号）`）时也是这样。
    ///
    /// ## 为什么
    /// 缺了一半的书名号、引号、括号，读者无法判断书名、引语或注释到哪里为止；网页抓取或编辑时误删一个
    /// 字符就会造成这种差错，人工校对很难发现。
    ///
    /// ## 错误示例
    /// ```text
    /// 在中国法治政府评估报告（2017）》中位列第5位。
    /// 开展“法治宣传进万家活动，覆盖全县。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 在《中国法治政府评估报告（2017）》中位列第5位。
    /// 开展“法治宣传进万家”活动，覆盖全县。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.9（引号）、4.10（括号）、4.15（书名号）：这些标点都成对使用，标示引语、注释、
    /// 书名的起止。
    ///
    /// ## 选项
    /// 无。
    pub struct UnbalancedPairs {}
    meta {
        code: "P002",
        name: "unbalanced-pairs",
        severity: Error,
        summary: "书名号、引号、括号不配对",
        fix: Sometimes,
        reads: [RESIDUE, PAIR_MARKS],
    }
}

/// The pairs checked: (opener, closer), by kind.
const PAIRS: [(&str, &str); 4] = [("《", "》"), ("〈", "〉"), ("“", "”"), ("（", "）")];

fn kind(c: char) -> Option<(usize, bool)> {
    Some(match c {
        '《' => (0, true),
        '》' => (0, false),
        '〈' => (1, true),
        '〉' => (1, false),
        '“' => (2, true),
        '”' => (2, false),
        '（' | '(' => (3, true),
        '）' | ')' => (3, false),
        _ => return None,
    })
}

/// The finding for closing mark `c` of kind `k` at `span`, which closes
/// nothing.
fn no_opener(span: Range<usize>, c: char, k: usize) -> Diagnostic {
    let (o, cl) = if c == ')' { ("(", ")") } else { PAIRS[k] };
    Diagnostic::new(span, format!("“{c}”前面没有与之配对的“{o}”")).with_note(format!(
        "“{o}{cl}”成对使用；可能漏了前一半，或多了这个“{c}”"
    ))
}

/// A `)` right after a line-initial ordinal (`1)`, `a)`, `一)`) is a list marker.
fn is_list_marker(line: &str, at: usize) -> bool {
    let head = &line[..at];
    // One or two characters.
    !head.is_empty()
        && at_most_chars(head, 2)
        && head.chars().all(|c| {
            c.is_ascii_digit() || c.is_ascii_alphabetic() || "一二三四五六七八九十".contains(c)
        })
}

/// The lines whose marks are paired together: the title's (a pair may
/// span them), or one line of the body.
enum Unit<'a> {
    Title(&'a [usize]),
    Line(usize),
}

impl Unit<'_> {
    fn lines(&self) -> &[usize] {
        match self {
            Unit::Title(lines) => lines,
            Unit::Line(i) => std::slice::from_ref(i),
        }
    }
}

impl Rule for UnbalancedPairs {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let residue = cx.residue();
        let title_lines: &[usize] = doc.title.as_ref().map_or(&[], |t| &t.lines);
        let title_unit: Vec<usize> = title_lines
            .iter()
            .copied()
            .filter(|&i| residue[i].is_none())
            .collect();
        let body = doc
            .lines
            .iter()
            .enumerate()
            .filter(|&(i, l)| {
                l.kind != LineKind::Blank && l.kind != LineKind::Title && residue[i].is_none()
            })
            .map(|(i, _)| Unit::Line(i));
        // The marks of the whole text, found in one pass that P001 shares
        // (its angle marks are passed over below).
        let all: &[u32] = cx.pair_marks();
        // The lines come in text order (but for the title, which goes
        // first): a cursor walks the marks forward, and is found anew by a
        // search only when a line lies before it.
        let mut k = 0;
        let mut in_line = |r: Range<usize>| {
            if k > 0 && all[k - 1] as usize >= r.start {
                k = all.partition_point(|&p| (p as usize) < r.start);
            }
            while all.get(k).is_some_and(|&p| (p as usize) < r.start) {
                k += 1;
            }
            let from = k;
            while all.get(k).is_some_and(|&p| (p as usize) < r.end) {
                k += 1;
            }
            all[from..k].iter().map(move |&p| p as usize - r.start)
        };
        // The title is one unit (a pair may span its lines); every other line
        // is a unit of its own.
        let mut units = (!title_unit.is_empty())
            .then_some(Unit::Title(&title_unit))
            .into_iter()
            .chain(body)
            .peekable();
        // The open marks of each kind, emptied for every unit (and kept
        // allocated across them).
        let mut stacks: [Vec<Range<usize>>; 4] = Default::default();
        // The closing quotes of a unit that close nothing: held to the end
        // of the unit, where one of them before a lone opening quote is a
        // pair written the wrong way round (`”谁执法谁普法“`).
        let mut stray_quotes: Vec<Range<usize>> = Vec::new();
        // Marks left open by a line that was wrapped by hand (text copied
        // from a PDF) and carried to the next.
        let mut carried = false;
        while let Some(u) = units.next() {
            let unit = u.lines();
            if !carried {
                stacks.iter_mut().for_each(Vec::clear);
            }
            for &li in unit {
                let r = doc.lines[li].content();
                let s = &doc.text[r.clone()];
                for i in in_line(r.clone()) {
                    let Some(c) = s[i..].chars().next() else {
                        continue;
                    };
                    let Some((k, opens)) = kind(c) else { continue };
                    let span = r.start + i..r.start + i + c.len_utf8();
                    if opens {
                        stacks[k].push(span);
                    } else if stacks[k].pop().is_none() {
                        if k == 2 {
                            stray_quotes.push(span);
                            continue;
                        }
                        if k == 3 && is_list_marker(s, i) {
                            continue;
                        }
                        out.push(no_opener(span, c, k));
                    }
                }
            }
            // Most units leave no mark open and no closing quote astray.
            carried = false;
            if stray_quotes.is_empty() && stacks.iter().all(Vec::is_empty) {
                continue;
            }
            let last = *unit.last().unwrap_or(&0);
            // A line that stops short of its sentence's end and runs on in
            // the line right after it: a paragraph wrapped by hand.
            let wrapped = matches!(u, Unit::Line(_))
                && matches!(units.peek(), Some(Unit::Line(n)) if *n == last + 1
                    && !doc.text[doc.lines[*n].content()].starts_with('“'))
                && (doc.text[doc.lines[last].content()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| {
                        is_han(c) || c.is_ascii_alphanumeric() || "《〈“（(、，,".contains(c)
                    })
                    // A long line that ends on a closing mark of another
                    // pair (`（青府发〔2026〕` / `12号）`).
                    || doc.runs_on(last));
            // One closing quote that closes nothing, then one opening quote
            // that nothing closes, in a unit that ends there: one pair,
            // reversed. Swapping the two is what was meant.
            if !wrapped
                && let ([close], [open]) = (&stray_quotes[..], &stacks[2][..])
                && close.end <= open.start
            {
                let (close, open) = (close.clone(), open.clone());
                out.push(
                    Diagnostic::new(
                        close.start..open.end,
                        "引号方向颠倒：前引号应为“，后引号应为”",
                    )
                    .with_fix(Fix::safe(
                        "对调为“…”",
                        vec![Edit::replace(close, "“"), Edit::replace(open, "”")],
                    )),
                );
                stray_quotes.clear();
                stacks[2].clear();
            }
            for span in stray_quotes.drain(..) {
                out.push(no_opener(span, '”', 2));
            }
            if stacks.iter().all(Vec::is_empty) {
                continue;
            }
            if wrapped {
                carried = true;
                continue;
            }
            let next_opens_quote = !stacks[2].is_empty()
                && doc.lines[last + 1..]
                    .iter()
                    .find(|l| l.kind != LineKind::Blank)
                    .is_some_and(|l| doc.text[l.content()].starts_with('“'));
            for (k, stack) in stacks.iter().enumerate() {
                if k == 2 && next_opens_quote {
                    continue;
                }
                for span in stack {
                    let c = &doc.text[span.clone()];
                    let (o, cl) = if c == "(" { ("(", ")") } else { PAIRS[k] };
                    out.push(
                        Diagnostic::new(span.clone(), format!("“{c}”没有与之配对的“{cl}”"))
                            .with_note(format!(
                                "“{o}{cl}”成对使用；可能漏了后一半，或多了这个“{c}”"
                            )),
                    );
                }
            }
        }
    }
}
