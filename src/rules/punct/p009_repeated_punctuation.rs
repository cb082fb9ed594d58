use std::sync::LazyLock;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::Needles;
use crate::rules::punct::text::{FOLDED_MIN, char_at, char_before, dot_ellipses};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 句号、逗号、顿号、分号、冒号重复或连用：`。。`、`，，`、`、、`、`；；`、`：：`，以及
    /// `，。`、`；，` 这样两个不同的点号挨在一起。半角的 `,` `;` `:`（网页文字折叠后的形式）与全角
    /// 的一样读，`，,` 也算重复。
    ///
    /// - 同一个点号重复：安全修复，只保留第一个；
    /// - 三个以上句号（`。。。`）：多半是想打省略号，修复为“……”，标为不安全（需要确认）；
    /// - 两个不同的点号连用：报告，不修复（该留哪一个要看句意）。
    /// - 用英文句点打的省略号：中文之后三到六个 `.`（`问卷调查......”`、`等...`），改为“……”；三个或六个是
    ///   安全修复（`…` 经 NFKC 折叠正是 `...`），四个、五个标为不安全。更长的点串是目录的前导符，点串之后
    ///   紧接数字或字母的（`目录......3`、`v1...`）也不报告。全文标点被整体折叠的文档由 P006 一并报告和修复，
    ///   本规则不再逐处报告。
    ///
    /// 不报告：
    /// - 问号、叹号的叠用和连用（`？！`、`！！`）：它们可以叠用以加强语气；
    /// - 用引号括起来讨论标点本身（`把“，，”改为“，”`）；
    /// - 省略号“……”、破折号“——”（它们本来就占两个字位置）；
    /// - 网页残留行（导航、页脚，见 P202）。
    ///
    /// ## 为什么
    /// 点号表示一处停顿，一处停顿只用一个点号。重复的点号几乎都是录入时多按了一次，或者改稿时删了
    /// 字、留下了标点，校对时很容易漏看。
    ///
    /// ## 错误示例
    /// ```text
    /// 进一步落实行政执法责任制。。
    /// 由市司法局，，市财政局负责。
    /// 全年共办理案件126件，。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 进一步落实行政执法责任制。
    /// 由市司法局、市财政局负责。
    /// 全年共办理案件126件。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011《标点符号用法》：句号、逗号、顿号、分号、冒号是点号，各表示一处停顿，没有
    /// 叠用或连用的用法；问号、叹号可以叠用、连用，本规则不查。
    ///
    /// ## 选项
    /// 无。
    pub struct RepeatedPunctuation {}
    meta {
        code: "P009",
        name: "repeated-punctuation",
        severity: Warning,
        summary: "点号重复或连用（。。 ，， ，。）",
        fix: Sometimes,
        reads: [RESIDUE, HALFWIDTH],
    }
}

const MARKS: [char; 5] = ['。', '，', '、', '；', '：'];

/// Two of the full-width marks in a row, by the four bytes in their middle:
/// the last two of the first mark (80 81 、, 80 82 。, BC 8C ，, BC 9B ；,
/// BC 9A ：) and the first two of the second (E3 80 for 、。, EF BC for
/// ，；：). Ten patterns of four bytes that a Chinese text seldom holds: the
/// 25 pairs as strings made Teddy take more than twice the time, its
/// fingerprint then being each mark's own common bytes.
static PAIRS: LazyLock<Needles> = LazyLock::new(|| {
    let ends: [[u8; 2]; 5] = [
        [0x80, 0x81],
        [0x80, 0x82],
        [0xBC, 0x8C],
        [0xBC, 0x9B],
        [0xBC, 0x9A],
    ];
    let starts: [[u8; 2]; 2] = [[0xE3, 0x80], [0xEF, 0xBC]];
    let pats: Vec<[u8; 4]> = ends
        .iter()
        .flat_map(|e| starts.iter().map(move |s| [e[0], e[1], s[0], s[1]]))
        .collect();
    Needles::new(&pats)
});

/// Whether two of the marks (three bytes each) start at `p`.
fn pair_starts(s: &str, p: usize) -> bool {
    s.is_char_boundary(p)
        && char_at(s, p).is_some_and(|c| MARKS.contains(&c))
        && s.is_char_boundary(p + 3)
        && char_at(s, p + 3).is_some_and(|c| MARKS.contains(&c))
}

/// Where a pair of marks starts, for a match of [`PAIRS`] at `m`: the pair
/// whose middle it is, or one that starts inside the match (the match was
/// the end of another character and the lead bytes of the first mark, and
/// hid the pair's own middle from the search).
fn pair_at(s: &str, m: usize) -> Option<usize> {
    m.checked_sub(1)
        .filter(|&p| pair_starts(s, p))
        .or_else(|| (m..m + 3).find(|&p| pair_starts(s, p)))
}

/// The full-width form of a mark this rule reads, or `None`.
fn point(c: Option<char>) -> Option<char> {
    match c? {
        c @ ('。' | '，' | '、' | '；' | '：') => Some(c),
        ',' => Some('，'),
        ';' => Some('；'),
        ':' => Some('：'),
        _ => None,
    }
}

/// The run of marks around the mark at `at`: its start and end.
fn run_around(s: &str, at: usize) -> (usize, usize) {
    let mut start = at;
    while let Some(c) = char_before(s, start).filter(|&c| point(Some(c)).is_some()) {
        start -= c.len_utf8();
    }
    let mut end = at;
    while let Some(c) = char_at(s, end).filter(|&c| point(Some(c)).is_some()) {
        end += c.len_utf8();
    }
    (start, end)
}

/// A run that is quoted: the marks themselves are being talked about.
fn is_quoted(s: &str, start: usize, end: usize) -> bool {
    matches!(char_before(s, start), Some('“' | '‘' | '「' | '『' | '"'))
        && matches!(char_at(s, end), Some('”' | '’' | '」' | '』' | '"'))
}

impl Rule for RepeatedPunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let s = doc.text;
        // A run is found from a full-width pair, or from a half-width mark
        // next to Chinese text (the scan P005 reads) that has a mark beside it.
        let mut at: Vec<usize> = PAIRS
            .find_iter(s)
            .filter_map(|m| pair_at(s, m.start()))
            .collect();
        let scan = cx.halfwidth();
        at.extend(
            scan.found
                .iter()
                .filter(|h| matches!(h.mark(), ',' | ';' | ':'))
                .map(|h| h.at())
                .filter(|&p| {
                    point(char_at(s, p + 1)).is_some() || point(char_before(s, p)).is_some()
                }),
        );
        let residue = cx.residue();
        // Ellipses typed as full stops; a folded text's are P006's.
        if !scan.is_folded(FOLDED_MIN) {
            for e in dot_ellipses(doc, residue) {
                let run = &s[e.range.clone()];
                let edits = vec![Edit::replace(e.range.clone(), "……")];
                let fix = if matches!(e.dots(), 3 | 6) {
                    Fix::safe("改为省略号“……”", edits)
                } else {
                    Fix::unsafe_("改为省略号“……”", edits)
                };
                out.push(
                    Diagnostic::new(e.range, format!("“{run}”是英文句点：中文的省略号写作“……”"))
                        .with_fix(fix),
                );
            }
        }
        if at.is_empty() {
            return;
        }
        at.sort_unstable();
        let mut done = 0;
        for p in at {
            if p < done {
                continue;
            }
            let (start, end) = run_around(s, p);
            done = end;
            let marks: Vec<char> = s[start..end].chars().collect();
            if marks.len() < 2
                || is_quoted(s, start, end)
                || residue[doc.index.line_of(start)].is_some()
            {
                continue;
            }
            let run = &s[start..end];
            let first = point(Some(marks[0])).expect("a mark");
            let same = marks.iter().all(|&c| point(Some(c)) == Some(first));
            let d = if same && first == '。' && marks.len() >= 3 {
                Diagnostic::new(
                    start..end,
                    format!("连续{}个句号“{run}”：疑为省略号“……”", marks.len()),
                )
                .with_fix(Fix::unsafe_(
                    "改为省略号“……”",
                    vec![Edit::replace(start..end, "……")],
                ))
            } else if same {
                let keep = start + marks[0].len_utf8();
                Diagnostic::new(
                    start..end,
                    format!("点号“{run}”重复：一处停顿只用一个“{first}”"),
                )
                .with_label(keep..end, "多出的点号")
                .with_fix(Fix::safe(
                    format!("只保留一个“{}”", marks[0]),
                    vec![Edit::delete(keep..end)],
                ))
            } else {
                Diagnostic::new(
                    start..end,
                    format!("点号“{run}”连用：一处停顿只用一个点号，请按句意保留其中一个"),
                )
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn spans(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let cx = Context::new(std::path::Path::new("t.txt"), &doc, "general");
        let mut out = Findings::new();
        RepeatedPunctuation {}.check(&cx, &mut out);
        out.gather(|| ())
            .iter()
            .map(|d| text[d.range()].to_string())
            .collect()
    }

    #[test]
    fn runs_of_points_and_what_is_left_alone() {
        assert_eq!(
            spans("落实责任制。。\n由市司法局，，市财政局负责；；"),
            ["。。", "，，", "；；"]
        );
        assert_eq!(spans("共办理126件，。\n一是加强、、二是"), ["，。", "、、"]);
        assert_eq!(spans("说明如下。。。。。。\n"), ["。。。。。。"]);
        // Folded marks beside Chinese read as their full-width forms.
        assert_eq!(spans("市司法局,,市财政局;;\n局，,局"), [",,", ";;", "，,"]);
        // Quoted marks, ellipses, dashes, ？！ and times are not runs.
        assert!(spans("把“，，”改为“，”。等等……——好吗？！真的！！9:00,10:00\n").is_empty());
    }

    /// A character that ends in the bytes a mark ends in (U+5001 ends like
    /// 、) before a pair: the search's match there hides the pair's middle.
    #[test]
    fn a_pair_after_a_look_alike_ending() {
        assert_eq!(spans("\u{5001}、、市"), ["、、"]);
        assert_eq!(spans("\u{5002}。，市"), ["。，"]);
    }

    /// On random texts of marks and characters that end in a mark's bytes,
    /// the runs found from the search are the runs a walk over the
    /// characters finds.
    #[test]
    fn the_search_finds_what_a_walk_finds() {
        let pieces = [
            "、", "。", "，", "；", "：", "\u{5001}", "\u{5002}", "\u{5F0C}", "\u{5F1B}", "甲",
            "\n",
        ];
        let mut found = 0;
        crate::testing::for_random_texts(9, 20_000, &pieces, 1..12, |t| {
            let mut want: Vec<String> = Vec::new();
            let mut run = String::new();
            for c in t.chars().chain(['\0']) {
                if MARKS.contains(&c) {
                    run.push(c);
                } else {
                    if run.chars().count() >= 2 {
                        want.push(run.clone());
                    }
                    run.clear();
                }
            }
            found += want.len();
            assert_eq!(spans(t), want, "{t:?}");
        });
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn one_run_one_finding() {
        assert_eq!(spans("局，，，，。市"), ["，，，，。"]);
    }
}
