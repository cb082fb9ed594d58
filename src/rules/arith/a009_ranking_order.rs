use super::common::{BySentence, Check, CheckKind, Checks, is_clause_sep};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::document::{Document, Sentences, chinese_ordinal};
use crate::extract::numbers::{Kind, Number};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 排序的说法与写出的数值是否一致：
    /// - “最多（最高、最大、居首）”之后接“次之”“其次”：“婚姻家庭类最多，占28.4%；劳动争议类次之，占31.2%”中，
    ///   “次之”的31.2%大于“最多”的28.4%；
    /// - “排名前N位（名）的是（依次为）”之后列出的各项数值应从高到低：“排名前三位的是甲县（96.5分）、
    ///   乙区（95.0分）、丙县（95.5分）”中，95.5分排在95.0分之后。
    ///
    /// 只比较同一句中、同为百分数或同一单位的两个数：“最多”的数是“次之”（“其次”）所在分句之前最近的数，
    /// 它所在的分句或前一分句写有“最多”“最高”“最大”“居首”（“最多跑一次”不算）；“次之”的数是其后一个分句内
    /// 的第一个数。两个数相等（并列）不报告。“其次”只作“首先……其次”的连接词、前面没有“最多”的，不检查。
    /// “排名后N位”的列举顺序不定，不检查。
    ///
    /// ## 为什么
    /// 排序的说法是读者最先看到的结论；它与紧随其后的数值矛盾，说明排序或数值至少有一个写错了，多是调整
    /// 数据后没有改写文字。
    ///
    /// ## 错误示例
    /// ```text
    /// 从案件类型看，婚姻家庭类最多，占28.4%；劳动争议类次之，占31.2%。
    /// 排名前三位的是枫林县（96.5分）、青川区（95.0分）、石门县（95.5分）。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 从案件类型看，劳动争议类最多，占31.2%；婚姻家庭类次之，占28.4%。
    /// 排名前三位的是枫林县（96.5分）、石门县（95.5分）、青川区（95.0分）。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”“数据准确”。
    ///
    /// 不提供修复：不能确定是排序写错了还是数值写错了。
    pub struct RankingOrder {}
    meta {
        code: "A009",
        name: "ranking-order",
        severity: Warning,
        summary: "“最多……次之”“排名前N位”的顺序与写出的数值不符",
        fix: None,
        reads: [NUMBERS, PARTS, SENTENCES],
    }
}

impl Rule for RankingOrder {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let lists = cx.part_lists();
        if lists.rank_cues().next().is_none() {
            return;
        }
        let (doc, sents, nums) = (cx.doc, cx.sentences(), cx.numbers());
        Checks::report(out, |c| find(doc, sents, nums, lists.rank_cues(), c));
    }
}

/// The words that say a figure is the first of a ranking.
const FIRSTS: [&str; 6] = ["最多", "最高", "最大", "居首", "居第一", "排名第一"];

/// Whether two figures can be compared: both percentages, or counts of one
/// unit.
fn comparable(a: &Number, b: &Number) -> bool {
    a.kind == b.kind
        && matches!(a.kind, Kind::Plain | Kind::Percent)
        && a.unit == b.unit
        && a.is_exact()
        && b.is_exact()
}

/// The clause of byte `pos` and the clause before it, back to the second
/// clause separator before `pos` or `floor`.
fn two_clauses_before(text: &str, floor: usize, pos: usize) -> &str {
    let s = &text[floor..pos];
    let mut seps = s.char_indices().rev().filter(|&(_, c)| is_clause_sep(c));
    let from = seps.nth(1).map_or(0, |(i, c)| i + c.len_utf8());
    &s[from..]
}

/// `次之` / `其次` at `q`: the figure said to be second and the one said to
/// be first, when both are plain to see.
fn second_after_first<'n>(
    text: &str,
    sent: std::ops::Range<usize>,
    nums: &'n [Number],
    q: usize,
    cue: &str,
) -> Option<(&'n Number, &'n Number)> {
    let cue_end = q + cue.len();
    // The second: the first figure after the cue, in its clause or the next
    // (`劳动争议类次之，占31.2%`, `其次是劳动争议类，占31.2%`).
    let b = nums.iter().find(|n| n.range().start >= cue_end)?;
    let gap = &text[cue_end..b.range().start];
    if gap.chars().filter(|&c| is_clause_sep(c)).count() > 1 || gap.chars().count() > 20 {
        return None;
    }
    // The first: the last figure before the clause of the cue, with a word
    // that ranks it first in its clause or the one before.
    let clause_start = text[sent.start..q]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_sep(c))
        .map_or(sent.start, |(i, _)| sent.start + i);
    let a = nums.iter().rev().find(|n| n.range().end <= clause_start)?;
    let lead = two_clauses_before(text, sent.start, a.range().start);
    let first = FIRSTS.iter().any(|w| {
        lead.match_indices(w)
            .any(|(i, _)| !lead[i + w.len()..].starts_with('跑'))
    });
    (first && comparable(a, b)).then_some((b, a))
}

/// `排名前三位的是` at `q`: the figures listed after it in the sentence,
/// when the cue names how many (`前三位`, `前5名`) and what follows is the
/// list (`的是`, `依次为`).
fn top_list<'t, 'n>(
    text: &'t str,
    nums: &'n [Number],
    q: usize,
    cue: &str,
) -> Option<(&'t str, Vec<&'n Number>)> {
    let rest = &text[q + cue.len()..];
    let count_len = rest
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit() || chinese_ordinal(c.encode_utf8(&mut [0; 4])).is_some())
        })
        .map_or(rest.len(), |(i, _)| i);
    if count_len == 0 {
        return None;
    }
    let rest = rest[count_len..].strip_prefix(['位', '名'])?;
    // `排名前三位`: the cue, the count and 位 (or 名, both three bytes).
    let said = &text[q..q + cue.len() + count_len + '位'.len_utf8()];
    let rest = rest.trim_start_matches('的');
    let opens = ["依次是", "依次为", "分别是", "分别为", "是", "为"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    let list_start = text.len() - opens.len();
    // The list ends at the first clause separator (the items are parted by
    // 、, which is none): `…，平均得分95.7分` is no item.
    let list_end = opens
        .char_indices()
        .find(|&(_, c)| is_clause_sep(c) && c != '：' && c != ':' || c == '。')
        .map_or(text.len(), |(i, _)| list_start + i);
    let listed: Vec<&Number> = nums
        .iter()
        .filter(|n| n.range().start >= list_start && n.range().end <= list_end)
        .collect();
    let first = listed.first()?;
    (listed.len() >= 2 && listed.iter().all(|n| comparable(first, n))).then_some((said, listed))
}

pub fn find<'c>(
    doc: &Document<'_>,
    sents: &Sentences,
    nums: &[Number],
    cues: impl Iterator<Item = (usize, &'c str)>,
    out: &mut Checks,
) {
    let text = doc.text;
    let by = BySentence::new(nums);
    for (q, cue) in cues {
        let Some((si, sent)) = sents.at(q) else {
            continue;
        };
        let own = &nums[by.range(si, si)];
        if cue == "次之" || cue == "其次" {
            let Some((b, a)) = second_after_first(text, sent, own, q, cue) else {
                continue;
            };
            let (at, bt) = (&*a.shown(text), &*b.shown(text));
            if b.value().cmp_exact(a.value()) == Some(std::cmp::Ordering::Greater) {
                out.push(
                    Check::bad(
                        CheckKind::Ranking,
                        b.range(),
                        format!("写作“{cue}”的{bt}大于写作第一的{at}：排序与数值不符"),
                        format!("{bt} > {at}"),
                    )
                    .label(a.range(), "写作第一"),
                );
            } else {
                out.ok(CheckKind::Ranking, b.range(), || format!("{bt} ≤ {at}"));
            }
            continue;
        }
        let Some((said, listed)) = top_list(text, own, q, cue) else {
            continue;
        };
        let Some(w) = listed
            .windows(2)
            .find(|w| w[1].value().cmp_exact(w[0].value()) == Some(std::cmp::Ordering::Greater))
        else {
            out.ok(CheckKind::Ranking, q..q + cue.len(), || {
                "依次从高到低".to_string()
            });
            continue;
        };
        let (prev, next) = (&text[w[0].range()], &text[w[1].range()]);
        out.push(
            Check::bad(
                CheckKind::Ranking,
                w[1].range(),
                format!("“{said}”依次列出的数值应从高到低，{next}却排在{prev}之后"),
                format!("{next} > {prev}"),
            )
            .label(w[0].range(), "排在前面的"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clauses_back() {
        assert_eq!(
            two_clauses_before("甲，乙最多，占", 0, "甲，乙最多，占".len()),
            "乙最多，占"
        );
        assert_eq!(two_clauses_before("乙最多", 0, "乙最多".len()), "乙最多");
    }
}
