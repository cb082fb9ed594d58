use std::cmp::Ordering;
use std::ops::Range;

use serde::Deserialize;

use super::a004_change_mismatch::change_pairs;
use super::common::{
    BySentence, Check, CheckKind, Checks, Facts, Rounding, WINDOW, at_real_prices, clamp,
    clause_after, clause_before, ends_with_word, is_exact_at, meets, near_floor, places_zh,
    ratio_matches, ratio_rounded, trimmed, with_error,
};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::extract::numbers::{Dec, Kind, Number};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 写出了前后两个值的增长（下降）幅度是否与两个值相符，以及增减方向是否与两个值一致：
    /// - “由A增加到B，增长P%”：P = (B − A) ÷ A × 100；“下降P%”：P = (A − B) ÷ A × 100；
    /// - “B…，比（上年的）A增长P%/增长k倍”：“增长k倍”是 (B − A) ÷ A，“是A的k倍”是 B ÷ A；
    /// - “由A%提高到B%，提高P个百分点”：P = B − A（百分点是两个百分数之差，不是比率）；与“%”的幅度一样，
    ///   基数也可以写作“B%，比（2024年的）A%下降P个百分点”或写在括号里“B%，较上年下降P个百分点（2023年为A%）”，
    ///   或“B%，上年为A%，同比提高P个百分点”，这时 A、B 都须是百分数，B 是该分句之前唯一的百分数；
    ///   之前有几个百分数（或几个数）而没有一个与幅度相符时，幅度所在分句以“比”“较”“同比”开头、
    ///   没有“均”“分别”等字的，按紧挨着的前一分句里唯一的那个值检查（“办理率达98.5%，满意度为97.3%，
    ///   比上年提高1.8个百分点（2024年为96.1%）”：提高的是满意度，97.3 − 96.1 = 1.2）；这个值与基数的
    ///   大小和增减方向不符时（“纠错率为6.4%，调解率为35%，较上年下降1.5个百分点（2023年为8.1%）”），
    ///   幅度多半说的是更前面的值，不报告；这几个值之和与幅度相符的（“代表建议20件，政协提案110件，同比增长
    ///   30.0%（2024年为100件）”），说的是合计，也不报告；
    /// - 方向：“由A增加到B”而 B < A，或“下降”而 B > A，是错误。
    /// - 减少也写作压缩、压减、精简、缩短、缩减：“办理时限由15个工作日压缩至3个工作日，压缩80%”。
    /// - B 前可以写年份：“由2024年的320件增加到2025年的400件”“由2024年底的…增加到2025年底的…”；
    ///   写到月份（“2025年2月的”）时不识别。
    /// - “年均增长”“平均每年增长”是逐年复合的平均幅度，不是由A到B的幅度，这里不检查（首末两年都写出时由 A008 检查）。
    /// - 按可比价格计算的实际增长（句中写“按可比价格计算”“按不变价格计算”“扣除价格因素”，或者说的是地区生产总值、
    ///   增加值）与按现价写出的两个值不可比，百分比幅度不检查（增减的差额照常检查）。
    ///
    /// - 比较写在前一分句：“B，比上年的A增加D，增长P%”（D 是差额，不是基数）；“B，上年同期为A，同比增长P%”
    ///   “B，2023年为A，同比增长P%”（基数单独成句）。
    /// - 只写差额：“B，比上年多D，增长P%”“B，同比减少D，下降P%”：基数是 B − D（下降时是 B + D），
    ///   P = D ÷ 基数 × 100。D 之前、与 D 单位相同的确数只有 B 一个时才检查；差额的方向与幅度的方向
    ///   相反（“比上年少60件，增长30%”）时不检查。B、D 带小数或写作“万”“亿”时，按它们舍入前可能的
    ///   值检查，能得出文中幅度的就不报告，报告时也不给修改建议。
    /// - 基数写在幅度后的括号里：“B，同比增长P%（2023年为A）”“（上年同期为A）”。
    /// - 环比：基数写作上一个时期，“B，环比增长P%（第三季度为A）”“（上季度为A）”“（11月为A）”“（上半年为A）”
    ///   “B，第三季度为A，环比增长P%”，只在幅度前写明“环比”时读；写“同比”或没有写明的，上一季度、上月的数
    ///   不是它的基数，不检查；“环比”而基数写作“上年同期为A”的，比较的时期不一致，也不检查。
    ///
    /// - 现值写在同一段的前一句：“全县行政处罚案件共计1126件。案件总量比上年的980件增长14.9%。”
    ///   这一句在“比（上年的）A”之前没有别的数，A 之前的主语指明了前一句中的一个数时才检查：
    ///   主语以总量、总数、总额、总计、合计、共计结尾时，指前一句中写作总数（共计、合计、“全年共办理”）、
    ///   且前后文含主语其余部分（“案件”）的数；其他主语（至少两个字，如“行政处罚案件”）指前后文含它的数。
    ///   这个数须与 A 单位相同，且只有一个；前一句在另一段、有两个这样的数、单位不同、写作“累计”或在“其中”之后时不检查。
    ///
    /// 两个值带小数或写作“万”“亿”时（“3.48万件”可以是34,760件至34,849件），按它们舍入前可能的值检查：
    /// 有一对可能的值能得出文中幅度就不报告，报告时也不给修改建议。两个百分数之差（百分点）按写出的值检查。
    /// 两个百分数之间的变化写作百分比（“由62.5%提高到71.8%，提高了9.3%”）时，幅度正好是两者之差、
    /// 又不是相对增幅（(71.8 − 62.5) ÷ 62.5 ≈ 14.9%，四舍五入或截断都不是9.3%）的，是把“个百分点”写成了“%”，报告；
    /// 是相对增幅的不报告，两者都不是的无法判断本意，也不报告。
    ///
    /// 值带千分撇（“1,248件，比上年的1,093件增长14.2%”）时，文中逗号用全角“，”的，半角“,”是千分撇，不是分句的
    /// 分隔；全文逗号都是半角“,”的（折叠过的文本），“1,093件”逗号后恰好三位数字、后面不再接“,”和数字时也读作
    /// 一个数，但句中写“分别”“依次”，或前面是序数“第”、另一个数和逗号（“3,5,126件”）时可能是两个数，不检查。
    ///
    /// 除上一条外，只有两个值都写在同一句中、单位相同且都是确数时才检查；“同比增长P%”而没有写出基数或差额时不检查。
    /// “比…A”句式中，B 是该分句之前（同一句中最后一个分号之后）、与 A 单位相同的唯一一个确数；
    /// 有多个候选而都不相符时不报告；但候选是一个总数和它后面“其中”分句用顿号列出的两个以上分项时
    /// （“主动公开1,728条，其中政策文件142条、工作动态1,106条，较上年的1,562条增长12.6%”），都不相符就按总数报告。
    /// 两个值都是百分数而幅度写作“%”（可能是相对增长，也可能是百分点）时不检查。
    ///
    /// ## 为什么
    /// 增长幅度由两个写出的值唯一确定；幅度与数值不符、“增长”与“下降”写反，都是可以核实的错误。
    /// “增长k倍”与“是…的k倍”相差1倍，是常见的误用。
    ///
    /// ## 错误示例
    /// ```text
    /// 办理案件由200件增加到260件，增长了20%。
    /// 出庭应诉236次，比上年的50次增长了4.72倍。
    /// 全县行政处罚案件共计1126件。案件总量比上年的980件增长15.9%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 办理案件由200件增加到260件，增长了30%。
    /// 出庭应诉236次，比上年的50次增长了3.72倍。
    /// 出庭应诉236次，是上年50次的4.72倍。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”；《国家统计局统计用语》：
    /// “增长了几倍”指增加量是基数的几倍，“是原来的几倍”指包括基数在内；“百分点”指百分数之差。
    ///
    /// ## 选项
    /// - `rounding`：`"half-up"`（默认）或 `"half-up-or-truncate"`，同 A001。
    pub struct GrowthMismatch {
        opts: Options,
    }
    meta {
        code: "A005",
        name: "growth-mismatch",
        severity: Error,
        summary: "增长幅度或增减方向与写出的前后两个值不符",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [NUMBERS, SENTENCES],
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub rounding: Rounding,
}

impl BuiltinRule for GrowthMismatch {
    type Options = Options;
    fn new(opts: Options) -> Result<Self, String> {
        Ok(GrowthMismatch { opts })
    }
}

impl Rule for GrowthMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(Facts::of(cx), &self.opts, c));
    }
}

/// Verbs of a rise and of a fall (also read by A002 for a difference).
pub(super) const UP: &[&str] = &[
    "增长",
    "增加",
    "提高",
    "上升",
    "提升",
    "增幅为",
    "增幅达",
    "增幅",
    "增产",
    "增收",
];
pub(super) const DOWN: &[&str] = &[
    "下降",
    "减少",
    "降低",
    "下滑",
    "降幅为",
    "降幅达",
    "降幅",
    "减产",
    "减收",
    "压缩",
    "压减",
    "精简",
    "缩短",
    "缩减",
];

/// Direction of a verb: +1 up, −1 down.
fn direction(verb: &str) -> i8 {
    if UP.iter().any(|v| verb.starts_with(v)) || ["增", "扩大"].iter().any(|v| verb.starts_with(v))
    {
        1
    } else if DOWN.iter().any(|v| verb.starts_with(v))
        || ["减", "降", "精简", "压减", "压缩", "缩减", "缩短"]
            .iter()
            .any(|v| verb.starts_with(v))
    {
        -1
    } else {
        0
    }
}

/// The change verb right before a figure (`增长了40%` → 增长): direction.
fn verb_before(text: &str, floor: usize, pos: usize) -> Option<i8> {
    let s = super::common::unwrapped(&text[floor..pos]).trim_end_matches('了');
    let s = s.strip_suffix("约").unwrap_or(s);
    if UP.iter().any(|v| ends_with_word(s, v)) {
        Some(1)
    } else if DOWN.iter().any(|v| ends_with_word(s, v)) {
        Some(-1)
    } else {
        None
    }
}

/// Whether a growth's clause says it is a yearly average (`年均增长10.2%`,
/// `平均每年增长`): a compound rate over the years between, not the change
/// from A to B, and not checked.
fn per_year(clause: &str) -> bool {
    super::common::PER_YEAR.iter().any(|w| clause.contains(w))
}

/// The clause before the one that starts at `start` (after its separator),
/// within the sentence that starts at `floor`.
fn clause_before_clause(text: &str, floor: usize, start: usize) -> Option<Range<usize>> {
    let sep = text[floor..start].chars().next_back()?;
    if !super::common::is_clause_sep(sep) {
        return None;
    }
    let end = start - sep.len_utf8();
    Some(clause_before(text, floor, end)).filter(|r| !r.is_empty())
}

/// Whether `n` can be a value of the change `c`: a percentage for a change
/// in 百分点 (`较上年下降2.5个百分点（2023年为3.5%）`), a count otherwise.
fn is_value_for(c: &Number, n: &Number) -> bool {
    if c.kind == Kind::Points {
        n.kind == Kind::Percent
    } else {
        n.kind == Kind::Plain && n.is_count()
    }
}

/// The base written in brackets right after the growth figure `nums[ci]`:
/// `同比增长12.5%（2023年为2800户）`, `（上年同期为181件）`, and for a change
/// in 百分点 `（2023年为3.5%）`. The brackets hold the words that name last
/// year and one value, and nothing after it.
fn base_in_brackets<'n>(
    text: &str,
    nums: &'n [Number],
    ci: usize,
    huanbi: impl Fn() -> bool,
) -> Option<&'n Number> {
    let c = &nums[ci];
    let rest = &text[c.range().end..];
    let open = rest.chars().next().filter(|&ch| matches!(ch, '（' | '('))?;
    let inner = c.range().end + open.len_utf8();
    let close = inner + text[inner..].find(['）', ')'])?;
    let mut inside = nums[ci + 1..]
        .iter()
        .take_while(|n| n.sentence() == c.sentence() && n.range().end <= close)
        .filter(|n| is_value_for(c, n));
    let (Some(a), None) = (inside.next(), inside.next()) else {
        return None;
    };
    (a.range().end == close && base_fits(&text[inner..a.range().start], huanbi)).then_some(a)
}

/// Whether `n` stands in the brackets right after a growth figure
/// (`增长6.8%（第三季度为45,250人次）`): the base of that growth, never the
/// current value of another.
fn is_bracketed_base(text: &str, n: &Number) -> bool {
    let before = &text[near_floor(text, 0, n.range().start)..n.range().start];
    let Some(open) = before.rfind(['（', '(']) else {
        return false;
    };
    !before[open..].contains(['）', ')'])
        && ["%", "％", "个百分点", "百分点", "倍"]
            .iter()
            .any(|w| before[..open].ends_with(w))
}

/// Whether the words before a base written on its own (`（上年同期为A）`,
/// `第三季度为A，环比增长P%`) name the period the growth compares with:
/// last year (`上年为`, `2023年为`) for any growth but a 环比 against the
/// same period of last year (`上年同期`), and the period before
/// (`第三季度为`, `上季度为`, `11月为`) only for a 环比: a 同比 against the
/// quarter before is another comparison, and nothing is checked.
fn base_fits(lead: &str, huanbi: impl Fn() -> bool) -> bool {
    if super::common::is_base_clause(lead) {
        return !(lead.contains("同期") && huanbi());
    }
    lead.strip_suffix(['为', '是'])
        .is_some_and(names_period_before)
        && huanbi()
}

/// Whether `words` end by naming a quarter, a month or a half year (the
/// period a 环比 compares with): `第三季度`, `三季度`, `上季度`, `上一季度`,
/// `11月`, `十一月份`, `2025年11月`, `上月`, `上个月`, `上期`, `上半年`.
fn names_period_before(words: &str) -> bool {
    const BEFORE: [&str; 9] = [
        "上季度",
        "上一季度",
        "上个季度",
        "上月",
        "上个月",
        "上一个月",
        "上期",
        "上一期",
        "上半年",
    ];
    if BEFORE.iter().any(|w| words.ends_with(w)) {
        return true;
    }
    if let Some(q) = words.strip_suffix("季度") {
        return q.ends_with(['一', '二', '三', '四', '1', '2', '3', '4']);
    }
    let Some(m) = words
        .strip_suffix("月份")
        .or_else(|| words.strip_suffix('月'))
    else {
        return false;
    };
    let digits = m.len() - m.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return digits <= 2
            && m[m.len() - digits..]
                .parse::<u32>()
                .is_ok_and(|n| (1..=12).contains(&n));
    }
    // 一月 … 十二月; not 个月, 每月, 本月.
    let zh = m.len()
        - m.trim_end_matches(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
            .len();
    let n = &m[m.len() - zh..];
    !n.is_empty() && crate::document::chinese_ordinal(n).is_some_and(|n| (1..=12).contains(&n))
}

/// Where the first of 相比, 比 and 较 starts in `clause`. 相比 holds 比, so the
/// first 比 or 较 is the answer, moved back to its 相 when it is a 比 after
/// one: one walk instead of a search for each word.
fn comparison_marker(clause: &str) -> Option<usize> {
    let (p, c) = clause
        .char_indices()
        .find(|&(_, c)| c == '比' || c == '较')?;
    Some(if c == '比' && clause[..p].ends_with('相') {
        p - '相'.len_utf8()
    } else {
        p
    })
}

pub fn find(facts: Facts<'_>, opts: &Options, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    let by = BySentence::new(nums);
    // (G1) 由A增加到B, 增长P%.
    for (xi, yi, verb) in change_pairs(text, nums) {
        let (a, b) = (&nums[xi], &nums[yi]);
        if !a.is_exact() || !b.is_exact() || !matches!(a.kind, Kind::Plain | Kind::Percent) {
            continue;
        }
        if a.kind == Kind::Plain
            && !a.is_count()
            && a.unit
                .is_some_and(|u| matches!(u.as_str(), "年" | "月" | "日" | "号"))
        {
            continue;
        }
        let dir = direction(verb);
        let ord = b.value().cmp_exact(a.value());
        let (at, bt) = (&*a.shown(text), &*b.shown(text));
        if (dir == 1 && ord == Some(Ordering::Less))
            || (dir == -1 && ord == Some(Ordering::Greater))
        {
            let word = if dir == 1 { "增加" } else { "减少" };
            out.push(Check::bad(
                CheckKind::Growth,
                a.range().start..b.range().end,
                format!(
                    "“{verb}”表示{word}，但{bt}{}{at}",
                    if dir == 1 { "小于" } else { "大于" }
                ),
                format!("{at} → {bt}"),
            ));
            continue;
        }
        // The change figure: the next number in the sentence, in the next clause.
        let Some(c) = nums
            .get(yi + 1)
            .filter(|c| c.sentence() == b.sentence() && c.range().start >= b.range().end)
        else {
            continue;
        };
        let gap = &text[b.range().end..c.range().start];
        if gap
            .chars()
            .filter(|&ch| super::common::is_clause_sep(ch))
            .count()
            > 1
            || !c.is_exact()
        {
            continue;
        }
        let floor = clause_before(text, sents.get(c.sentence()).start, c.range().start).start;
        let Some(cdir) = verb_before(text, floor, c.range().start) else {
            continue;
        };
        if per_year(&text[floor..c.range().start]) {
            continue;
        }
        if let Some(chk) = judge(text, a, b, c, cdir, false, opts) {
            out.push(chk);
        }
    }
    // (G2) B…，比/较/相比 A 增长P% / 是A的k倍; B%…，比A%下降P个百分点.
    for (ci, c) in nums.iter().enumerate() {
        if !matches!(c.kind, Kind::Percent | Kind::Times | Kind::Points) || !c.is_exact() {
            continue;
        }
        // The values of a change in 百分点 are percentages, of any other
        // change counts.
        let value_kind = if c.kind == Kind::Points {
            Kind::Percent
        } else {
            Kind::Plain
        };
        // A change in 百分点 is read only with both its percentages in
        // its sentence: most (`败诉率为5.96%，较上年下降2.73个百分点`) have
        // one, and are passed over before their clause is looked for.
        if c.kind == Kind::Points
            && nums[by.range(c.sentence(), c.sentence())]
                .iter()
                .filter(|n| n.kind == Kind::Percent)
                .nth(1)
                .is_none()
        {
            continue;
        }
        let sr = sents.get(c.sentence());
        let clause = clause_before(text, sr.start, c.range().start);
        let ctext = &text[clause.clone()];
        let times_of = c.kind == Kind::Times
            && text[..c.range().start].ends_with('的')
            && ctext.contains('是');
        let cdir = if times_of {
            Some(1)
        } else {
            verb_before(text, clause.start, c.range().start)
        };
        let Some(cdir) = cdir else { continue };
        if per_year(ctext) {
            continue;
        }
        let marker = comparison_marker(ctext).map(|p| clause.start + p);
        let idx = clamp(
            by.range(c.sentence(), c.sentence()),
            ci.saturating_sub(WINDOW),
            ci,
        );
        let counts_in = |r: Range<usize>| -> Vec<&Number> {
            nums[idx.clone()]
                .iter()
                .filter(|n| {
                    n.range().start >= r.start && n.range().end <= r.end && is_value_for(c, n)
                })
                .collect()
        };
        // The candidates for B: the plain figures before `end` in `unit`,
        // after the last semicolon before it (`…精简25%；…压缩50%；退回率
        // 降至5%，比2024年的8%下降5个百分点`: the items a semicolon parts
        // are figures of their own).
        let values_before = |end: usize, unit| -> Vec<&Number> {
            let from = memchr::memrchr(b';', &text.as_bytes()[sr.start..end])
                .map_or(sr.start, |p| sr.start + p + 1)
                .max(
                    memchr::memmem::rfind(&text.as_bytes()[sr.start..end], "；".as_bytes())
                        .map_or(sr.start, |p| sr.start + p + '；'.len_utf8()),
                );
            nums[idx.clone()]
                .iter()
                .filter(|n| {
                    n.range().start >= from
                        && n.range().end <= end
                        && n.kind == value_kind
                        && n.unit == unit
                })
                .collect()
        };
        // A: the only count between the marker and the figure; B is
        // written before `b_before`, and the words before the marker
        // (`subject_end`) name what is compared when it is the sentence's
        // first figure.
        let (a, b_before, subject_end) = if times_of {
            let m = clause.start + ctext.find('是').unwrap_or(0);
            let inside = counts_in(m..c.range().start);
            let [a] = inside.as_slice() else { continue };
            (*a, clause.start, None)
        } else if let Some(m) = marker
            && let [a] = counts_in(m..c.range().start).as_slice()
        {
            (*a, clause.start, Some(m))
        } else if let Some(a) = base_in_brackets(text, nums, ci, || ctext.contains("环比")) {
            // "B，同比增长P%（2023年为A）": the base in brackets after the figure.
            (a, clause.start, None)
        } else if let Some(prev) = clause_before_clause(text, sr.start, clause.start) {
            // The comparison in the clause before: "比上年的A增加D，增长P%"
            // (D, the difference, is not the base), or "上年同期为A，同比
            // 增长P%" (the base as a clause of its own).
            let ptext = &text[prev.clone()];
            let inside = counts_in(prev.clone());
            let (a, subject_end) =
                if let Some(pm) = marker.is_none().then(|| comparison_marker(ptext)).flatten() {
                    let m = prev.start + pm;
                    match counts_in(m..prev.end).as_slice() {
                        // Not a difference ("比上年增加300人次", "比上年多60件").
                        [a] if verb_before(text, m, a.range().start).is_none()
                            && !super::common::is_difference(&crate::document::joined(
                                &text[m..a.range().start],
                            )) =>
                        {
                            (*a, Some(m))
                        }
                        [a, d] if verb_before(text, a.range().end, d.range().start).is_some() => {
                            (*a, Some(m))
                        }
                        // Only the difference: the base is B − D (B + D for
                        // a fall).
                        [d] => {
                            if let Some(sign) = super::common::difference_sign(
                                &crate::document::joined(&text[m..d.range().start]),
                            ) && c.kind == Kind::Percent
                                && d.is_exact()
                                && let [b] = values_before(prev.start, d.unit).as_slice()
                                && b.is_exact()
                                && let Some(chk) = by_difference(text, b, d, c, (sign, cdir), opts)
                            {
                                out.push(chk);
                            }
                            continue;
                        }
                        _ => continue,
                    }
                } else if marker.is_some()
                    && let [a] = inside.as_slice()
                    && base_fits(&text[prev.start..a.range().start], || {
                        ctext.contains("环比")
                    })
                {
                    (*a, None)
                } else {
                    continue;
                };
            (a, prev.start, subject_end)
        } else {
            continue;
        };
        if !a.is_exact() {
            continue;
        }
        let mut cands = values_before(b_before, a.unit);
        // `环比增长6.8%（第三季度为45,250人次），同比增长12.3%（上年同期为…）`:
        // the base of an earlier growth is no current value.
        cands.retain(|n| !is_bracketed_base(text, n));
        // "全县行政处罚案件共计1126件。案件总量比上年的980件增长14.9%":
        // the sentence opens with what is compared, and its value is the
        // sentence before.
        let mut from_previous = false;
        if cands.is_empty()
            && let Some(se) = subject_end
            && text[sr.start..b_before].trim().is_empty()
            && let Some(b) = value_in_previous_sentence(facts, &by, c.sentence(), b_before..se, a)
        {
            cands.push(b);
            from_previous = true;
        }
        if cands.is_empty() || cands.iter().any(|n| !n.is_exact()) {
            continue;
        }
        let checks: Vec<Check> = cands
            .iter()
            .filter_map(|b| judge(text, a, b, c, cdir, times_of, opts))
            .map(|mut k| {
                if from_previous {
                    for (_, m) in &mut k.labels {
                        if m == "现值" {
                            *m = "现值（前一句）".into();
                        }
                    }
                }
                k
            })
            .collect();
        if let Some(ok) = checks.iter().find(|k| k.consistent) {
            out.push(ok.clone());
        } else if cands.len() == 1
            && let Some(bad) = checks.into_iter().next()
        {
            out.push(bad);
        } else if Number::sum_of(&cands)
            .and_then(|sum| judge(text, a, &sum, c, cdir, times_of, opts))
            .is_some_and(|k| k.consistent)
        {
            // The change is the values' together (`代表建议20件，政协提案
            // 110件，同比增长30.0%（2024年为100件）`): nothing to report.
        } else if let Some(b) = nearest_subject(text, sr.start, clause.clone(), &cands)
            && rises_or_falls_as_said(a, b, cdir)
            && let Some(bad) = judge(text, a, b, c, cdir, times_of, opts)
        {
            // No value fits: the change is the nearest one's.
            out.push(bad);
        } else if let Some(b) = total_before_list(text, sr.start, clause.clone(), &cands)
            && let Some(bad) = judge(text, a, b, c, cdir, times_of, opts)
        {
            // No value fits: the change is the total's, its parts listed
            // between.
            out.push(bad);
        }
    }
}

/// Of several current values `cands` of which none fits the change in
/// `clause`, the total the change is read with when the clause right before
/// lists its parts after 其中 (`主动公开政府信息1,728条，其中政策文件142条、
/// 工作动态1,106条，较上年的1,562条增长12.6%`): two or more parts joined by
/// 顿号, and the only value before them is in the clause before that.
fn total_before_list<'n>(
    text: &str,
    floor: usize,
    clause: Range<usize>,
    cands: &[&'n Number],
) -> Option<&'n Number> {
    let list = clause_before_clause(text, floor, clause.start)?;
    let ltext = text[list.clone()].trim_start_matches([' ', '\u{3000}']);
    if !ltext.starts_with("其中") || !ltext.contains('、') {
        return None;
    }
    let whole = clause_before_clause(text, floor, list.start)?;
    let inside =
        |r: &Range<usize>, n: &Number| n.range().start >= r.start && n.range().end <= r.end;
    let parts = cands.iter().filter(|n| inside(&list, n)).count();
    let before: Vec<&Number> = cands
        .iter()
        .copied()
        .filter(|n| n.range().end <= list.start)
        .collect();
    let [total] = before.as_slice() else {
        return None;
    };
    (parts >= 2 && inside(&whole, total) && cands.len() == parts + 1).then_some(*total)
}

/// Whether the value went from `a` to `b` the way the change says (`cdir`:
/// 1 up, -1 down). Read with the nearest value, a change the wrong way is
/// more likely another figure's (`复议纠错率为6.4%，调解率为35%，较上年
/// 下降1.5个百分点（2023年为8.1%）`: what fell is the 纠错率).
fn rises_or_falls_as_said(a: &Number, b: &Number, cdir: i8) -> bool {
    let want = if cdir == 1 {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Less
    };
    b.value().cmp_exact(a.value()) == Some(want)
}

/// Of several current values `cands` (in text order) of which none fits the
/// change in `clause`, the one the change is read with: the last, when it is
/// the only one in the clause right before and the change's clause opens
/// with its comparison and names nothing of its own (`办理率达98.5%，满意度
/// 为97.3%，比上年提高1.8个百分点（2024年为96.1%）`: what rose is 满意度). A
/// clause that says the change is shared (`均`, `分别`, `都`) has none.
fn nearest_subject<'n>(
    text: &str,
    floor: usize,
    clause: Range<usize>,
    cands: &[&'n Number],
) -> Option<&'n Number> {
    let ctext = &text[clause.clone()];
    let opens = ["比", "较", "相比", "同比", "与上年相比", "与去年相比"];
    if !opens.iter().any(|o| ctext.starts_with(o))
        || ["均", "分别", "都", "各"].iter().any(|w| ctext.contains(w))
    {
        return None;
    }
    let prev = clause_before_clause(text, floor, clause.start)?;
    let (last, rest) = cands.split_last()?;
    let in_prev = |n: &Number| n.range().start >= prev.start && n.range().end <= prev.end;
    (in_prev(last) && !rest.iter().any(|n| in_prev(n))).then_some(*last)
}

/// The words that make a comparison's subject the total (`案件总量`), and,
/// with 共有, a figure written as one (`共计1126件`).
const TOTAL_WORDS: [&str; 6] = ["总量", "总数", "总额", "总计", "合计", "共计"];

/// `noun` without the place or year it opens with (`全县`, `本年度`,
/// `2025年`): what it names is compared, not where or when.
fn without_scope(mut noun: &str) -> &str {
    loop {
        let before = noun;
        for w in ["本年度", "全年", "本年", "今年", "年内", "全系统"] {
            noun = noun.strip_prefix(w).unwrap_or(noun);
        }
        // 全县, 全市, 全区, 全省, 全局 …: 全 and one character.
        if let Some(r) = noun.strip_prefix('全')
            && let Some(ch) = r.chars().next()
            && matches!(
                ch,
                '县' | '市' | '区' | '省' | '州' | '镇' | '乡' | '局' | '旗'
            )
        {
            noun = &r[ch.len_utf8()..];
        }
        let b = noun.as_bytes();
        if b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && noun[4..].starts_with('年') {
            noun = &noun[7..];
            noun = noun.strip_prefix('度').unwrap_or(noun);
        }
        if noun == before {
            return noun;
        }
    }
}

/// Whether the words before a figure make it a total: `共计`, `合计`,
/// `总数为`, or `共` opening them or after the place or year
/// (`全年共办理`, `全县共`); not `累计` (a sum over years) nor 公共.
fn names_total(lead: &str) -> bool {
    if lead.contains("累计") || lead.contains("以来") {
        return false;
    }
    if TOTAL_WORDS
        .iter()
        .chain(&["共有"])
        .any(|w| lead.contains(w))
    {
        return true;
    }
    lead.char_indices().any(|(i, ch)| {
        ch == '共'
            && lead[..i].chars().next_back().is_none_or(|p| {
                matches!(
                    p,
                    '年' | '县' | '市' | '区' | '局' | '省' | '州' | '镇' | '乡' | '内' | '度'
                )
            })
    })
}

/// This year's value of a comparison whose sentence names no value before
/// its base (`全县行政处罚案件共计1126件。案件总量比上年的980件增长14.9%。`):
/// the one figure of the sentence before, in the same paragraph and A's
/// unit, that the `subject` before the comparison names. A subject ending
/// in 总量, 总数, 共计 … names a figure written as a total (`共计`, `合计`,
/// `全年共办理`) whose words hold the rest of the subject (`案件`); any other
/// subject of two characters or more names the figure whose words hold it.
/// None when no figure or more than one is named.
fn value_in_previous_sentence<'n>(
    facts: Facts<'n>,
    by: &BySentence<'_>,
    s: usize,
    subject: Range<usize>,
    a: &Number,
) -> Option<&'n Number> {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    if s == 0 || a.kind != Kind::Plain || !a.is_count() {
        return None;
    }
    let (here, prev) = (sents.get(s), sents.get(s - 1));
    if doc.index.line_of(prev.start) != doc.index.line_of(here.start) {
        return None;
    }
    let subject = text[subject].trim();
    if subject.contains("其中") {
        return None;
    }
    let (noun, total) = match TOTAL_WORDS.iter().find_map(|w| subject.strip_suffix(w)) {
        Some(n) => (n, true),
        None => (
            subject
                .strip_suffix("数量")
                .or_else(|| subject.strip_suffix('数'))
                .unwrap_or(subject),
            false,
        ),
    };
    let noun = without_scope(noun);
    if !total && noun.chars().nth(1).is_none() {
        return None;
    }
    let mut found = None;
    for n in &nums[by.range(s - 1, s - 1)] {
        if n.kind != Kind::Plain
            || n.unit != a.unit
            || super::common::is_comparison_figure(text, sents, n)
        {
            continue;
        }
        let lead = &text[clause_before(text, prev.start, n.range().start)];
        let named = noun.is_empty()
            || lead.contains(noun)
            || text[clause_after(text, n.range().end, prev.end)].contains(noun);
        // A total after 其中 is a part's (`其中行政处罚案件共计800件`), not
        // the whole the subject names.
        let whole = || names_total(lead) && !text[prev.start..n.range().start].contains("其中");
        if named && (!total || whole()) {
            if found.is_some() {
                return None;
            }
            found = Some(n);
        }
    }
    found
}

/// Compare the growth `c` with the value `b` and the difference `d` from
/// the year before (`260件，比上年多60件，增长30%`): the base is B − D, or
/// B + D for a fall, and the growth D ÷ base. `signs` are the difference's
/// direction and the growth's; when they disagree nothing is said. Figures
/// rounded where they are written (`32.5万吨`, `1.3万吨`) are taken as
/// anything they round from; the growth is wrong only when no such pair
/// gives it, and then no fix is offered.
fn by_difference(
    text: &str,
    b: &Number,
    d: &Number,
    c: &Number,
    signs: (i8, i8),
    opts: &Options,
) -> Option<Check> {
    let (sign, cdir) = signs;
    if sign != cdir {
        return None;
    }
    let (bt, dt, ct) = (&*b.shown(text), &*d.shown(text), &*c.shown(text));
    let base = if cdir == 1 {
        b.value().checked_sub(d.value())?
    } else {
        b.value().checked_add(d.value())?
    };
    if base.m <= 0 || d.value().m <= 0 {
        return None;
    }
    let places = c.precision();
    let want = ratio_rounded(d.value(), base, 100, places)?;
    let exact = ratio_rounded(d.value(), base, 100, places + 3)?;
    let eq = if is_exact_at(d.value(), base, 100, places + 3) {
        "="
    } else {
        "≈"
    };
    let op = if cdir == 1 { "−" } else { "+" };
    let note = format!(
        "{dt} ÷ ({bt} {op} {dt}) × 100% {eq} {}%",
        trimmed(exact, places)
    );
    let rounded = b.rounding().m != 0 || d.rounding().m != 0;
    let fits = if rounded {
        reachable(b, d, c, cdir, opts.rounding)
    } else {
        ratio_matches(d.value(), base, 100, c.written(), opts.rounding)?
    };
    if fits {
        return Some(Check::ok(
            CheckKind::Growth,
            c.range(),
            format!("{ct}：{note}"),
        ));
    }
    // 60件 ÷ 260件: the difference over this year's value, not last year's.
    let over_b = !rounded
        && ratio_matches(d.value(), b.value(), 100, c.written(), opts.rounding) == Some(true);
    let extra = if over_b {
        let whole = if cdir == 1 {
            "现值减差额"
        } else {
            "现值加差额"
        };
        format!("（{ct}是差额除以现值；幅度应除以上年的值，即{whole}）")
    } else {
        String::new()
    };
    let written = (ct, extra.as_str());
    let mut chk = mismatch(c.range(), "现值和差额", (want, "%", places), written, &note)
        .label(d.range(), "差额")
        .label(b.range(), "现值");
    if !c.chinese && !rounded {
        chk.fix = Some((c.numeral(), want.to_string()));
    }
    Some(chk)
}

/// Whether growth `c` can be D ÷ (B ∓ D) for some B and D that round to the
/// figures written: the growth rises with D and falls with B, so the
/// extremes are at the ends of their rounding intervals.
fn reachable(b: &Number, d: &Number, c: &Number, cdir: i8, rounding: Rounding) -> bool {
    let ((bv, eb), (dv, ed)) = (with_error(b), with_error(d));
    let growth = |bx: f64, dx: f64| {
        let base = if cdir == 1 { bx - dx } else { bx + dx };
        (base > 0.0).then(|| dx / base * 100.0)
    };
    let (Some(lo), Some(hi)) = (
        growth(bv + eb, (dv - ed).max(0.0)),
        growth(bv - eb, dv + ed),
    ) else {
        return false;
    };
    meets(lo, hi, c, rounding)
}

/// The least and the greatest change (a per cent, or a multiple when `factor`
/// is 1) that some A and B rounding to the values written give: (B − A) ÷ A
/// (a fall: (A − B) ÷ A; `times_of`: B ÷ A). The change rises with B and
/// falls with A, so its extremes are at the ends of their rounding intervals.
fn change_interval(
    (a, b): (&Number, &Number),
    cdir: i8,
    times_of: bool,
    factor: f64,
) -> Option<(f64, f64)> {
    let ((av, ea), (bv, eb)) = (with_error(a), with_error(b));
    let change = |ax: f64, bx: f64| {
        let v = if times_of {
            bx / ax
        } else if cdir == 1 {
            (bx - ax) / ax
        } else {
            (ax - bx) / ax
        };
        (ax > 0.0).then_some(v * factor)
    };
    let ((alo, blo), (ahi, bhi)) = if cdir == 1 || times_of {
        ((av + ea, bv - eb), (av - ea, bv + eb))
    } else {
        ((av - ea, bv + eb), (av + ea, bv - eb))
    };
    Some((change(alo, blo)?, change(ahi, bhi)?))
}

/// `x` at `places` decimals, rounded down (or up when `up`).
fn outward(x: f64, places: u32, up: bool) -> String {
    let k = 10f64.powi(places as i32);
    let v = if up { (x * k).ceil() } else { (x * k).floor() } / k;
    format!("{v:.*}", places as usize)
}

/// The finding for a growth `written` (the figure, then any word on it)
/// that is not what the values (`from`) give: `want` with its suffix, at
/// `places` decimals; `note` is the computation.
fn mismatch(
    range: Range<usize>,
    from: &str,
    (want, suffix, places): (Dec, &str, u32),
    (ct, extra): (&str, &str),
    note: &str,
) -> Check {
    let places = places_zh(places);
    Check::bad(
        CheckKind::Growth,
        range,
        format!("幅度与{from}不符：按{places}计算为{want}{suffix}，文中写作{ct}{extra}"),
        format!("{note}，写到{places}应为{want}{suffix}"),
    )
}

/// Compare the change figure `c` with the values `a` (before) and `b` (after).
fn judge(
    text: &str,
    a: &Number,
    b: &Number,
    c: &Number,
    cdir: i8,
    times_of: bool,
    opts: &Options,
) -> Option<Check> {
    let (at, bt, ct) = (&*a.shown(text), &*b.shown(text), &*c.shown(text));
    let range = c.range();
    let diff = if cdir == 1 {
        b.value().checked_sub(a.value())?
    } else {
        a.value().checked_sub(b.value())?
    };
    if !times_of && diff.m < 0 {
        let word = if cdir == 1 { "增长" } else { "下降" };
        return Some(
            Check::bad(
                CheckKind::Growth,
                range,
                format!(
                    "写作“{word}{ct}”，但{bt}{}{at}",
                    if cdir == 1 { "小于" } else { "大于" }
                ),
                format!("{at} → {bt}"),
            )
            .label(a.range(), "基数")
            .label(b.range(), "现值"),
        );
    }
    let places = c.precision();
    // `由62.5%提高到71.8%，提高了9.3%`: the change of two percentages
    // written with % is their relative change; when it is their difference
    // instead (9.3), and not the relative change (14.9%) even cut short
    // (`由90%提高到95%，增长5%`: 5.6% cut to 5%), 个百分点 was meant. Any
    // other figure is left alone: which of the two was meant cannot be
    // told.
    if (c.kind, a.kind, b.kind) == (Kind::Percent, Kind::Percent, Kind::Percent) {
        let points = ratio_matches(diff, Dec::int(1), 1, c.written(), opts.rounding)?;
        let relative = ratio_matches(
            diff,
            a.value(),
            100,
            c.written(),
            Rounding::HalfUpOrTruncate,
        )?;
        if relative || !points {
            return relative
                .then(|| Check::ok(CheckKind::Growth, range, format!("{ct}：相对增幅")));
        }
        let rel = ratio_rounded(diff, a.value(), 100, places)?;
        let shown = trimmed(c.written(), places);
        return Some(
            Check::bad(
                CheckKind::Growth,
                range,
                format!("“{ct}”是两个百分数之差，应写作“{shown}个百分点”：按百分比计算的相对增幅为{rel}%"),
                format!("{bt} − {at} = {shown}个百分点；({bt} − {at}) ÷ {at} × 100% ≈ {rel}%"),
            )
            .label(a.range(), "基数")
            .label(b.range(), "现值"),
        );
    }
    let (num, den, factor, formula, suffix) = match (c.kind, a.kind) {
        (Kind::Points, Kind::Percent) => (diff, Dec::int(1), 1, format!("{bt} − {at}"), "个百分点"),
        (Kind::Percent, Kind::Plain)
            if at_real_prices(text, a.range().start.min(b.range().start), range.start) =>
        {
            return None;
        }
        (Kind::Percent, Kind::Plain) => {
            let f = if cdir == 1 {
                format!("({bt} − {at}) ÷ {at} × 100%")
            } else {
                format!("({at} − {bt}) ÷ {at} × 100%")
            };
            (diff, a.value(), 100, f, "%")
        }
        (Kind::Times, Kind::Plain) if times_of => {
            (b.value(), a.value(), 1, format!("{bt} ÷ {at}"), "倍")
        }
        (Kind::Times, Kind::Plain) if cdir == 1 => {
            (diff, a.value(), 1, format!("({bt} − {at}) ÷ {at}"), "倍")
        }
        _ => return None,
    };
    let want = ratio_rounded(num, den, factor, places)?;
    let exact = ratio_rounded(num, den, factor, places + 3)?;
    let eq = if is_exact_at(num, den, factor, places + 3) {
        "="
    } else {
        "≈"
    };
    let note = format!("{formula} {eq} {}{suffix}", trimmed(exact, places));
    // Values with decimals or written in 万/亿 are rounded (2.36万户 may be
    // 23,640 households): any values they may stand for will do.
    let interval = (c.kind != Kind::Points && (a.rounding().m != 0 || b.rounding().m != 0))
        .then(|| change_interval((a, b), cdir, times_of, factor as f64))
        .flatten();
    if ratio_matches(num, den, factor, c.written(), opts.rounding)?
        || interval.is_some_and(|(lo, hi)| meets(lo, hi, c, opts.rounding))
    {
        return Some(Check::ok(CheckKind::Growth, range, format!("{ct}：{note}")));
    }
    let mut extra = String::new();
    if c.kind == Kind::Times
        && !times_of
        && ratio_matches(b.value(), a.value(), 1, c.written(), opts.rounding) == Some(true)
    {
        extra = "（“增长k倍”指增加量是基数的k倍；B是A的k倍时应写“是…的k倍”或“增长k−1倍”）".into();
    }
    let written = (ct, extra.as_str());
    let mut chk = mismatch(range, "前后两个值", (want, suffix, places), written, &note)
        .label(a.range(), "基数")
        .label(b.range(), "现值");
    if let Some((lo, hi)) = interval {
        // Rounded outwards: the bounds shown contain the interval.
        chk.note = format!(
            "{}；两个值是修约后的数，舍入前的值能得出的幅度也只在{}{suffix}至{}{suffix}之间",
            chk.note,
            outward(lo, places, false),
            outward(hi, places, true)
        );
    } else if !c.chinese {
        chk.fix = Some((c.numeral(), want.to_string()));
    }
    Some(chk)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk finds the earliest of the three words, as a search for each
    /// word and the least of their places does.
    #[test]
    fn the_comparison_marker_is_the_earliest_word() {
        let plain = |t: &str| ["相比", "比", "较"].iter().filter_map(|m| t.find(m)).min();
        let pieces = ["相", "比", "较", "相比", "同", "年", "增长", "1", "，"];
        crate::testing::for_random_texts(17, 20_000, &pieces, 0..8, |t| {
            assert_eq!(comparison_marker(t), plain(t), "{t:?}");
        });
    }
}
