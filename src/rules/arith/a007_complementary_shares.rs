use super::common::{Check, CheckKind, Checks, Facts, clause_before, is_clause_sep};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::document::joined;
use crate::extract::numbers::{Dec, Kind, Number};
use crate::rules::{Context, Rule};
use std::borrow::Cow;

declare_rule! {
    /// ## 检查什么
    /// 把一个整体分成互补两部分的两个占比，相加是否为100%：“受援人中，城镇居民占58.6%，农村居民占43.4%”
    /// 合计102.0%，两者必有一个写错。
    ///
    /// 只在两部分确定互补、且只有这两部分时检查：
    /// - 两个占比在同一句的相邻两个分句里，或以顿号连着写（“男性占比58.3%、女性占比41.7%”，后面再有顿号时不检查），
    ///   分句以“占”“占比（为）”“比例为”“所占比例为”“权重为”结尾；
    /// - 两个分句的名称是成对的互补词，其余部分相同：城镇/农村、城市/农村、男性/女性、线上/线下、
    ///   境内/境外、省内/省外、公办/民办（“城镇居民占”与“农村居民占”）；或者句中先写明整体由这两部分
    ///   结合而成（“日常考核与年终考核相结合……日常考核占40%，年终考核占60%”）；
    /// - 同一句中紧挨着的前后分句没有第三个占比（“城镇占50%，农村占45%，其他占5%”不检查），两个占比之后
    ///   同一句中也没有别的百分数（“……农村居民占比52.3%，另有6.5%为外省籍务工人员”不检查），下一句也没有以
    ///   “另有”“其余”“其他”“还有”“此外”说起的百分数；
    /// - 分句说的是各部分之内的比例时（“在城镇居民中占5.6%，在农村居民中占4.3%”）不检查。
    ///
    /// 每个占比按写出的精度容许四舍五入的误差：58.6% 代表 [58.55%, 58.65%)，两个一位小数的占比之和
    /// 与100%相差不超过0.1个百分点时不报告。
    ///
    /// ## 为什么
    /// 互补两部分的占比是读者最容易自己验算的数字；合计不是100%，说明至少一个占比（或其计数）写错了。
    ///
    /// ## 错误示例
    /// ```text
    /// 受援人中，城镇居民占58.6%，农村居民占43.4%。
    /// 考核采取日常考核与年终考核相结合的方式，日常考核占40%，年终考核占70%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 受援人中，城镇居民占58.6%，农村居民占41.4%。
    /// 受援人中，城镇居民占50%，农村居民占45%，外省来务工人员占5%。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”；互补两部分的占比之和为100%。
    /// GB/T 8170-2008：按写出的位数修约后比较。
    ///
    /// 不提供修复：不能确定是哪一个占比写错了。
    pub struct ComplementaryShares {}
    meta {
        code: "A007",
        name: "complementary-shares",
        severity: Error,
        summary: "互补两部分的占比相加不是100%",
        fix: None,
        reads: [NUMBERS, SENTENCES],
    }
}

impl Rule for ComplementaryShares {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(Facts::of(cx), c));
    }
}

/// Pairs of words that split a whole in two with nothing left over.
const PAIRS: [(&str, &str); 7] = [
    ("城镇", "农村"),
    ("城市", "农村"),
    ("男性", "女性"),
    ("线上", "线下"),
    ("境内", "境外"),
    ("省内", "省外"),
    ("公办", "民办"),
];

/// The endings of a clause that states a share of its subject, longest
/// first.
const SHARE_ENDS: [&str; 6] = ["所占比例为", "占比为", "比例为", "权重为", "占比", "占"];

/// The subject of a share's clause (`城镇居民` of `城镇居民占`), when the
/// clause ends with one of [`SHARE_ENDS`] and names something.
fn share_subject(clause: &str) -> Option<&str> {
    let subject = SHARE_ENDS.iter().find_map(|e| clause.strip_suffix(e))?;
    let subject = subject.strip_prefix("其中").unwrap_or(subject);
    // `在城镇居民中占5.6%`: the clause names the whole (a rate within the
    // group), not a part's share of one whole.
    let names_whole = subject.starts_with('在') || subject.ends_with('中');
    (subject.chars().nth(1).is_some()
        && !names_whole
        && !subject.contains(|c: char| c.is_ascii_digit()))
    .then_some(subject)
}

/// Whether subjects `a` and `b` are the two parts of one whole: a pair of
/// [`PAIRS`] with the rest the same, or the two written as combined before
/// (`日常考核与年终考核相结合`) in `lead`.
fn complementary(a: &str, b: &str, lead: &str) -> bool {
    let paired = PAIRS.iter().any(|&(x, y)| {
        [(x, y), (y, x)].iter().any(|&(x, y)| {
            a.contains(x) && b.contains(y) && a.replacen(x, "", 1) == b.replacen(y, "", 1)
        })
    });
    paired
        || lead.match_indices(a).any(|(at, _)| {
            lead[at + a.len()..]
                .strip_prefix(['与', '和'])
                .and_then(|r| r.strip_prefix(b))
                .is_some_and(|r| r.starts_with("相结合"))
        })
}

/// A percentage whose clause states a share: its subject, read over the
/// line breaks of a text wrapped by hand (`城镇居` / `民占58.6%`).
fn share<'t>(text: &'t str, floor: usize, n: &Number) -> Option<Cow<'t, str>> {
    if n.kind != Kind::Percent {
        return None;
    }
    subject_of(&text[clause_before(text, floor, n.range().start)])
}

/// [`share_subject`] of `clause`, read without its line breaks.
fn subject_of(clause: &str) -> Option<Cow<'_, str>> {
    match joined(clause) {
        Cow::Borrowed(c) => share_subject(c).map(Cow::Borrowed),
        Cow::Owned(c) => share_subject(&c).map(|s| Cow::Owned(s.to_owned())),
    }
}

/// Half a unit of the last digit written of percentage `n`: every written
/// percentage is rounded.
fn half_unit(n: &Number) -> Dec {
    Dec {
        m: 5,
        scale: n.precision() + 1,
    }
}

pub fn find(facts: Facts<'_>, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    for (i, pair) in nums.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        if a.kind != Kind::Percent
            || b.kind != Kind::Percent
            || a.sentence() != b.sentence()
            || !a.is_exact()
            || !b.is_exact()
        {
            continue;
        }
        let floor = sents.get(a.sentence()).start;
        // The second share's clause follows the first's at once, after a
        // clause mark or a 顿号 (`男性占比58.3%、女性占比41.7%`; a third
        // share after another 顿号 may follow).
        let b_clause = clause_before(text, floor, b.range().start);
        let sb = match text.get(a.range().end..b_clause.start) {
            Some(gap) => {
                if gap.chars().filter(|&c| is_clause_sep(c)).count() != 1
                    || gap.chars().any(|c| !is_clause_sep(c) && !c.is_whitespace())
                {
                    continue;
                }
                share(text, floor, b)
            }
            // Numbers in words may overlap (`百分之五百分之五`): no gap.
            None => text
                .get(a.range().end..b.range().start)
                .and_then(|g| g.strip_prefix('、'))
                .filter(|_| !text[b.range().end..].starts_with('、'))
                .and_then(subject_of),
        };
        // Both in one clause (`分别占58%和42%`) give no subject.
        let (Some(sa), Some(sb)) = (share(text, floor, a), sb) else {
            continue;
        };
        let a_clause = clause_before(text, floor, a.range().start);
        if !complementary(&sa, &sb, &joined(&text[floor..a_clause.start])) {
            continue;
        }
        // A third share right before them: the two are not the whole.
        if i.checked_sub(1).is_some_and(|k| {
            nums[k].sentence() == a.sentence() && share(text, floor, &nums[k]).is_some()
        }) {
            continue;
        }
        // Any percentage after them in the sentence may be a third part
        // (`城镇居民占比41.2%、农村居民占比52.3%，另有6.5%为外省籍务工人员`),
        // and so may one the next sentence says is the rest (`。另有6.5%…`).
        if nums.get(i + 2).is_some_and(|n| {
            n.kind == Kind::Percent
                && (n.sentence() == a.sentence()
                    || n.sentence() == a.sentence() + 1
                        && text.get(b.range().end..n.range().start).is_some_and(|g| {
                            ["另有", "其余", "其他", "还有", "此外"]
                                .iter()
                                .any(|w| g.contains(w))
                        }))
        }) {
            continue;
        }
        let (Some(sum), Some(room)) = (
            a.written().checked_add(b.written()),
            half_unit(a).checked_add(half_unit(b)),
        ) else {
            continue;
        };
        let hundred = Dec::int(100);
        let (Some(lo), Some(hi)) = (sum.checked_sub(room), sum.checked_add(room)) else {
            continue;
        };
        let fits = lo.cmp_exact(hundred) != Some(std::cmp::Ordering::Greater)
            && hi.cmp_exact(hundred) != Some(std::cmp::Ordering::Less);
        let range = a.range().start..b.range().end;
        let (ta, tb) = (&*a.shown(text), &*b.shown(text));
        let shown = sum;
        if fits {
            out.ok(CheckKind::Shares, range, || {
                format!("{sa}{ta} + {sb}{tb} = {shown}%")
            });
            continue;
        }
        out.push(
            Check::bad(
                CheckKind::Shares,
                range,
                format!("{sa}与{sb}的占比之和为{shown}%，不是100%：两者互补，合计应为100%"),
                format!("{ta} + {tb} = {shown}%"),
            )
            .label(a.range(), sa.to_string())
            .label(b.range(), sb.to_string()),
        );
    }
}
