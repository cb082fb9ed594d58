use super::a004_change_mismatch::{change_pairs, year_of_the_next};
use super::a005_growth_mismatch::{DOWN, UP};
use super::common::{
    BySentence, Check, CheckKind, Checks, Facts, PER_YEAR, Rounding, at_real_prices, clause_before,
    f64_of, is_clause_sep, meets, with_error,
};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::extract::numbers::{Kind, Number};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 写出了首末两年数值的年均增长（下降）幅度，是否与两个值相符：
    /// “由2020年的1,920件增长到2025年的3,268件，年均增长9.6%”，5年间逐年复合的年均增长是
    /// (3268 ÷ 1920)^(1/5) − 1 ≈ 11.2%。
    ///
    /// 只在这些都写明时检查：
    /// - 同一句中“由（在）X年的A增加（增长、提高、上升、减少、下降、降低……）到Y年的B”，两个年份都写出，
    ///   Y 比 X 晚1至50年，A、B 单位相同、都是确数且大于零；
    /// - 紧接的下一个分句写“年均增长P%”“年平均增长P%”“平均每年增长P%”“每年平均下降P%”；
    /// - 增减方向与两个值一致（“年均增长”而 B 小于 A 时不检查）；
    /// - 幅度不是按可比价格计算的实际增长：句中写“按可比价格计算”“按不变价格计算”“扣除价格因素”，或者说的是
    ///   地区生产总值、增加值（统计上一律按可比价格计算增速，首末两年的数值却是现价）时不检查。
    ///
    /// 年均增长率按逐年复合计算：(B ÷ A)^(1/n) − 1，n = Y − X；下降为 1 − (B ÷ A)^(1/n)。
    /// 有的文件按逐年简单平均计算，(B − A) ÷ A ÷ n，这种写法也不报告：两种算法之一能得出文中幅度就不报告。
    /// A、B 带小数或写作“万”“亿”时，按它们舍入前可能的值计算；幅度按写出的位数容许四舍五入或截断的误差。
    ///
    /// ## 为什么
    /// 年均增长率由首末两年的数值和年数唯一确定，而它又最难心算：把累计增幅当作年均增幅、把年数数错、
    /// 或者沿用旧稿的数字，都会写出一个与两端数值对不上的年均幅度。
    ///
    /// ## 错误示例
    /// ```text
    /// 全市行政复议案件由2020年的1,920件增长到2025年的3,268件，年均增长9.6%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 全市行政复议案件由2020年的1,920件增长到2025年的3,268件，年均增长11.2%。
    /// ```
    ///
    /// ## 依据
    /// 统计上的“年均增长速度”是平均发展速度减1，平均发展速度按几何平均（水平法）计算：
    /// (末期水平 ÷ 基期水平)^(1/n)。《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”。
    /// GB/T 8170-2008：按写出的位数修约后比较。
    ///
    /// 不提供修复：不能确定是年均幅度写错了，还是两端的数值或年份写错了。
    pub struct AverageGrowth {}
    meta {
        code: "A008",
        name: "average-growth",
        severity: Error,
        summary: "年均增长幅度与写出的首末两年数值不符",
        fix: None,
        reads: [NUMBERS, SENTENCES],
    }
}

impl Rule for AverageGrowth {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(Facts::of(cx), c));
    }
}

/// The direction of the verb that ends `lead` (the text before a growth
/// figure, `年均增长` → +1), when a word of a yearly average stands right
/// before the verb. The verbs are A005's ([`UP`], [`DOWN`]) and 递增, 递减.
/// Only the end of `lead` is read: it is asked of every percentage of a
/// document, and most have no 均 (which every word of [`PER_YEAR`] holds)
/// in the few characters before them.
fn per_year_direction(lead: &str) -> Option<i8> {
    let s = lead.trim_end_matches(['了', '约']);
    // A word of four characters and a verb of three: 21 bytes.
    let mut tail = s.len().saturating_sub(21);
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    if !s[tail..].contains('均') {
        return None;
    }
    let (rest, dir) = UP
        .iter()
        .chain(&["递增"])
        .map(|v| (v, 1))
        .chain(DOWN.iter().chain(&["递减"]).map(|v| (v, -1)))
        .find_map(|(v, d)| s.strip_suffix(v).map(|r| (r, d)))?;
    PER_YEAR.iter().any(|w| rest.ends_with(w)).then_some(dir)
}

/// The least and the greatest value of `f(a, b)` over the values `a` and `b`
/// may stand for before rounding, for an `f` that rises with `b` and falls
/// with `a`.
fn interval(a: &Number, b: &Number, f: impl Fn(f64, f64) -> f64) -> (f64, f64) {
    let ((av, ea), (bv, eb)) = (with_error(a), with_error(b));
    let (x, y) = (
        f(av + ea, bv - eb),
        f((av - ea).max(f64::MIN_POSITIVE), bv + eb),
    );
    (x.min(y), x.max(y))
}

pub fn find(facts: Facts<'_>, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    let by = BySentence::new(nums);
    for c in nums {
        if c.kind != Kind::Percent || !c.is_exact() {
            continue;
        }
        let floor = sents.get(c.sentence()).start;
        let Some(cdir) = per_year_direction(&text[floor..c.range().start]) else {
            continue;
        };
        if at_real_prices(text, floor, c.range().start) {
            continue;
        }
        let clause = clause_before(text, floor, c.range().start);
        // The change from A to B in the clause before, the years of both
        // written: `由2020年的A增长到2025年的B，`.
        let idx = by.range(c.sentence(), c.sentence());
        let local = &nums[idx];
        let Some((xi, yi, _)) = change_pairs(text, local)
            .into_iter()
            .rfind(|&(_, yi, _)| local[yi].range().end <= clause.start)
        else {
            continue;
        };
        let (a, b) = (&local[xi], &local[yi]);
        let gap = &text[b.range().end..clause.start];
        if gap.chars().filter(|&ch| is_clause_sep(ch)).count() != 1
            || gap
                .chars()
                .any(|ch| !is_clause_sep(ch) && !ch.is_whitespace())
            || xi == 0
            || yi != xi + 2
            || !year_of_the_next(text, local, xi - 1)
        {
            continue;
        }
        let year = |n: &Number| text[n.numeral()].parse::<i32>().ok();
        let (Some(from), Some(to)) = (year(&local[xi - 1]), year(&local[yi - 1])) else {
            continue;
        };
        let years = to - from;
        if !(1..=50).contains(&years)
            || a.kind != Kind::Plain
            || !a.is_exact()
            || !b.is_exact()
            || !a.value().is_positive()
            || !b.value().is_positive()
        {
            continue;
        }
        let rising = b.value().cmp_exact(a.value()) == Some(std::cmp::Ordering::Greater);
        let falling = b.value().cmp_exact(a.value()) == Some(std::cmp::Ordering::Less);
        if !(cdir == 1 && rising || cdir == -1 && falling) {
            continue;
        }
        let n = f64::from(years);
        let sign = f64::from(cdir);
        let compound = |ax: f64, bx: f64| sign * ((bx / ax).powf(1.0 / n) - 1.0) * 100.0;
        let simple = |ax: f64, bx: f64| sign * (bx - ax) / ax / n * 100.0;
        let (clo, chi) = interval(a, b, compound);
        let (slo, shi) = interval(a, b, simple);
        let (at, bt, ct) = (&*a.shown(text), &*b.shown(text), &*c.shown(text));
        let (av, bv) = (f64_of(a.value()), f64_of(b.value()));
        let places = c.precision() as usize;
        let shown = |v: f64, p: usize| format!("{v:.p$}%");
        let (exact_c, exact_s) = (compound(av, bv), simple(av, bv));
        let formula = if cdir == 1 {
            format!("({bt} ÷ {at})^(1/{years}) − 1")
        } else {
            format!("1 − ({bt} ÷ {at})^(1/{years})")
        };
        let word = if cdir == 1 { "增长" } else { "下降" };
        // Rounded half up or truncated: either is accepted.
        let fits = |(lo, hi)| meets(lo, hi, c, Rounding::HalfUpOrTruncate);
        if fits((clo, chi)) || fits((slo, shi)) {
            out.ok(CheckKind::Growth, c.range(), || {
                format!("{ct}：{formula} ≈ {}", shown(exact_c, places + 2))
            });
            continue;
        }
        out.push(
            Check::bad(
                CheckKind::Growth,
                c.range(),
                format!(
                    "年均{word}幅度与首末两年的数值不符：{from}年至{to}年共{years}年，\
                     由{at}到{bt}，逐年复合的年均{word}为{}，文中写作{ct}",
                    shown(exact_c, places)
                ),
                format!(
                    "{formula} ≈ {}；按逐年简单平均计算为{}，也不是{ct}",
                    shown(exact_c, places + 2),
                    shown(exact_s, places + 2)
                ),
            )
            .label(a.range(), format!("{from}年"))
            .label(b.range(), format!("{to}年")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verb_after_the_yearly_word_gives_the_direction() {
        assert_eq!(per_year_direction("年均增长"), Some(1));
        assert_eq!(per_year_direction("年平均增长了"), Some(1));
        assert_eq!(per_year_direction("平均每年下降"), Some(-1));
        assert_eq!(per_year_direction("每年平均递增"), Some(1));
        assert_eq!(
            per_year_direction("全市案件由2020年的1,920件增长到2025年的3,268件，年均压减"),
            Some(-1)
        );
        assert_eq!(per_year_direction("累计增长"), None);
        assert_eq!(per_year_direction("年均办理"), None);
        assert_eq!(per_year_direction("增长"), None);
    }
}
