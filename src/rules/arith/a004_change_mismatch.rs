use std::cmp::Ordering;
use std::ops::Range;

use super::a002_part_sum_mismatch::{CHANGE_VERB_LAST, CHANGE_VERB_LENS, CHANGE_VERBS};
use super::common::{BySentence, Check, CheckKind, Checks, Facts, WINDOW, clamp, label_before};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::extract::numbers::{Dec, Kind, Number, Unit};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 调整前后的数量与增减项是否相符：“由401项调整为400项，其中新增3项，取消4项”中
    /// 401 + 3 − 4 必须等于 400。
    ///
    /// 识别“（由）X调整为/增加到/减少到/精简为…Y”（Y 前可以写年份：“由2024年底的401项调整为2025年底的400项”），
    /// 后面紧跟（“其中”或直接列出的）增减项：
    /// 新增、增加、净增、增设、纳入、增长、上升、提高记为加，取消、删除、减少、净减、削减、撤销、废止、调出、下降、
    /// 降低记为减，调整、修改、变更不改变数量。“由45件下降到38件，下降了8件”中 45 − 8 必须等于 38；
    /// 幅度写作百分数、倍数的（“下降15.6%”）由 A005 检查，这里不读。任一增减项的名称无法识别、为约数或单位不同时不报告。
    ///
    /// 增减写在前后两个值之间时也检查：“由（原有的）A增加/减少B，调整为/达到/增至C”中 A ± B 必须等于 C。
    /// A、B、C 须在同一句中、单位相同且都是确数，A 前写“由”，A 与 B 之间只有增减词（增加、新增、净增、核增、增，
    /// 减少、净减、核减、削减、精简、压减、缩减、减），B 与 C 之间只有逗号和“调整为”“达到”“增至”“减至”等；
    /// 没有“由A”的“增加B，达到C”不检查。
    ///
    /// 比较写在现值之后的也检查：“B，比（上年的、2023年的）A增加D”中 B − A 必须等于 D（减少、下降、降低、少时
    /// A − B 等于 D），增减方向与两个值相反的（“52件，比上年的45件减少8件”）也报告。B 紧挨在“，比”“，较”之前，
    /// 它所在的分句中没有别的同单位的数；A、B、D 都是同一单位的确数；D 之后是分句的结尾。“比上年增加D”而没有
    /// 写出 A 的不检查（差额与百分比幅度一起写出时由 A005 检查）。
    ///
    /// ## 为什么
    /// 清单调整的增减项是公开的承诺，数字对不上会让人怀疑清单本身是否准确。
    ///
    /// ## 错误示例
    /// ```text
    /// 行政许可事项清单由401项调整为400项，其中新增3项，取消5项。
    /// 局机关编制由原有的12名增加3名，调整为16名。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 行政许可事项清单由401项调整为400项，其中新增3项，取消4项。
    /// 局机关编制由原有的12名增加3名，调整为15名。
    /// 分值由10分提高至20分。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”“数据准确”。
    ///
    /// ## 选项
    /// 无。
    pub struct ChangeMismatch {}
    meta {
        code: "A004",
        name: "change-mismatch",
        severity: Error,
        summary: "调整前后的数量与增减项不符",
        fix: None,
        reads: [NUMBERS, SENTENCES],
    }
}

impl Rule for ChangeMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(Facts::of(cx), c));
    }
}

const ADD: &[&str] = &[
    "新增",
    "增加",
    "增设",
    "新设",
    "纳入",
    "新纳入",
    "增列",
    "新列入",
    "补充",
    "净增",
    "增长",
    "上升",
    "提高",
    "提升",
];
const REMOVE: &[&str] = &[
    "取消", "删除", "减少", "削减", "撤销", "废止", "调出", "删减", "移出", "精简", "净减", "下降",
    "降低",
];
const NEUTRAL: &[&str] = &["调整", "修改", "变更", "更新", "规范"];

/// A pair of numbers joined by a change verb: (index of X, index of Y,
/// verb). Between them is the verb alone (`由401项调整为400项`), or the verb
/// and the year Y is of (`由2024年的320件增加到2025年的400件`).
pub fn change_pairs<'t>(text: &'t str, nums: &[Number]) -> Vec<(usize, usize, &'t str)> {
    let mut out = Vec::new();
    for i in 1..nums.len() {
        let x = &nums[i - 1];
        if let Some(v) = joined(text, x, &nums[i], None) {
            out.push((i - 1, i, v));
        } else if nums[i].unit == Some(Unit::YEAR)
            && year_of_the_next(text, nums, i)
            && let Some(v) = joined(text, x, &nums[i + 1], Some(nums[i].range().start))
        {
            // `2025年的` stands between: Y is the number after the year.
            out.push((i - 1, i + 1, v));
        }
    }
    out
}

/// The change verb that joins `x` to `y`, alone between them or followed by
/// the year `y` is of (from byte `year` on).
fn joined<'t>(text: &'t str, x: &Number, y: &Number, year: Option<usize>) -> Option<&'t str> {
    if x.sentence() != y.sentence()
        || x.range().end > y.range().start
        || x.kind != y.kind
        || x.unit != y.unit
    {
        return None;
    }
    let end = year.unwrap_or(y.range().start);
    let gap = end - x.range().end;
    if gap < CHANGE_VERB_LENS.0
        || gap > CHANGE_VERB_LENS.1
        || !CHANGE_VERB_LAST[usize::from(text.as_bytes()[end - 1])]
    {
        return None;
    }
    let between = &text[x.range().end..end];
    CHANGE_VERBS
        .iter()
        .find(|v| between == **v)
        .map(|v| &text[x.range().end..x.range().end + v.len()])
}

/// Whether number `nums[i]` is a year that the number after it is of:
/// `2025年的`, `2025年底的`, `2025年末的` right before it.
pub(super) fn year_of_the_next(text: &str, nums: &[Number], i: usize) -> bool {
    let (year, Some(next)) = (&nums[i], nums.get(i + 1)) else {
        return false;
    };
    let numeral = &*year.shown_numeral(text);
    numeral.len() == 4
        && numeral.bytes().all(|b| b.is_ascii_digit())
        && year.range().end <= next.range().start
        && text[year.numeral().end..next.range().start]
            .strip_prefix('年')
            .is_some_and(|r| matches!(r, "的" | "底的" | "末的"))
}

fn sign_of(label: &str) -> Option<i8> {
    let l = label.trim_start_matches(['其', '中', '并']);
    let add = ADD.iter().any(|w| l.starts_with(w));
    let rem = REMOVE.iter().any(|w| l.starts_with(w));
    let neu = NEUTRAL.iter().any(|w| l.starts_with(w));
    match (add, rem, neu) {
        (true, false, false) => Some(1),
        (false, true, false) => Some(-1),
        (false, false, true) => Some(0),
        _ => None,
    }
}

/// The words between A and B of `由A增加B，调整为C`, with the sign of B.
const DELTA_VERBS: &[(&str, i8)] = &[
    ("增加", 1),
    ("新增", 1),
    ("净增", 1),
    ("核增", 1),
    ("增", 1),
    ("减少", -1),
    ("净减", -1),
    ("核减", -1),
    ("削减", -1),
    ("精简", -1),
    ("压减", -1),
    ("缩减", -1),
    ("减", -1),
];

/// The words between B and C of `由A增加B，调整为C` after the comma: the
/// verbs of [`CHANGE_VERBS`] and 达到, 达, 变为, optionally after 总数 or 总量.
fn is_target_verb(words: &str) -> bool {
    let w = words.trim_end_matches('了');
    let w = w
        .strip_prefix("总数")
        .or_else(|| w.strip_prefix("总量"))
        .unwrap_or(w);
    matches!(w, "达到" | "达" | "变为") || CHANGE_VERBS.contains(&w)
}

/// Whether the words before A make it the starting value: `由`, `由原有的`,
/// `由原来的`, `由现有的` (and the same without 的 or 有/来).
fn from_before(text: &str, pos: usize) -> bool {
    // Bytes: `pos - 15` may cut a character, and only the end is compared.
    let lead = &text.as_bytes()[pos.saturating_sub(15)..pos];
    [
        "由",
        "由原",
        "由原有",
        "由原来",
        "由原有的",
        "由原来的",
        "由现有",
        "由现有的",
    ]
    .iter()
    .any(|w| lead.ends_with(w.as_bytes()))
}

/// `由A增加B，调整为C` (`由原有的12名增加3名，调整为16名`): the change is
/// written between the two values, and A ± B must be C. All three are exact
/// counts of one unit in one sentence, and nothing else stands between them.
fn delta_between(text: &str, nums: &[Number], out: &mut Checks) {
    // Every such change starts with 由: a text without one is passed over
    // with a search instead of a look at each number.
    if memchr::memmem::find(text.as_bytes(), "由".as_bytes()).is_none() {
        return;
    }
    for w in nums.windows(3) {
        let [a, b, c] = w else { continue };
        // Most numbers have no verb of at most three characters after
        // them: settled on the gap's length before any comparison.
        let gap = b.range().start.saturating_sub(a.range().end);
        if !(3..=9).contains(&gap) || a.range().end > b.range().start {
            continue;
        }
        let verb = text[a.range().end..b.range().start].trim_end_matches('了');
        let Some(&(_, sign)) = DELTA_VERBS.iter().find(|(v, _)| *v == verb) else {
            continue;
        };
        if a.sentence() != c.sentence()
            || b.range().end > c.range().start
            || !from_before(text, a.range().start)
            || [b, c]
                .iter()
                .any(|n| n.kind != Kind::Plain || n.unit != a.unit)
            || !a.is_count()
            || [a, b, c].iter().any(|n| !n.is_exact())
        {
            continue;
        }
        if !text[b.range().end..c.range().start]
            .strip_prefix(['，', ','])
            .is_some_and(is_target_verb)
        {
            continue;
        }
        let v = if sign == 1 {
            a.value().checked_add(b.value())
        } else {
            a.value().checked_sub(b.value())
        };
        let Some(v) = v else { continue };
        let (at, bt, ct) = (&*a.shown(text), &*b.shown(text), &*c.shown(text));
        let op = if sign == 1 { "+" } else { "−" };
        let note = format!("{at} {op} {bt} = {}", v.normalized());
        let range = a.range().start..b.range().end;
        verdict(out, range, &note, v, (c, ct));
    }
}

/// The verdict on a change whose items give `v` (worked out in `note`) over
/// `range`, against the figure `after` written for the result (`at` its
/// text).
fn verdict(
    out: &mut Checks,
    range: Range<usize>,
    note: &str,
    v: Dec,
    (after, at): (&Number, &str),
) {
    if v.cmp_exact(after.value()) == Some(Ordering::Equal) {
        out.ok(CheckKind::Change, range, || format!("{note}，与{at}一致"));
    } else {
        out.push(
            Check::bad(
                CheckKind::Change,
                range,
                format!(
                    "调整前后的数量与增减项不符：按增减项计算应为{}，文中写作{at}",
                    v.normalized()
                ),
                format!("{note}，文中调整后为{at}"),
            )
            .label(after.range(), "调整后"),
        );
    }
}

/// The words after A of `B，比上年的A增加D`, with the sign of D.
const COMPARED_BY: &[(&str, i8)] = &[
    ("增加", 1),
    ("增长", 1),
    ("上升", 1),
    ("提高", 1),
    ("多", 1),
    ("减少", -1),
    ("下降", -1),
    ("降低", -1),
    ("少", -1),
];

/// Whether the words between B and A of `B，比上年的A增加D` (`words`, the
/// comma included) say A is the value B is compared with: a comma, 比 or
/// 较, then the period (上年, 去年, 上年同期, or nothing when a year stands
/// between: `较2023年的A`), then 的 or nothing.
fn compares_with(words: &str, year_between: bool) -> bool {
    let Some(w) = words
        .strip_prefix(['，', ','])
        .and_then(|w| w.strip_prefix(['比', '较']))
    else {
        return false;
    };
    if year_between {
        return w.is_empty();
    }
    let w = w.strip_suffix('的').unwrap_or(w);
    matches!(w, "" | "上年" | "去年" | "上年同期" | "去年同期")
}

/// `B，比上年的A增加D` (`全年办理52件，比上年的45件增加7件`): the difference of
/// the two values is written after them, and B − A must be D (A − B after
/// 减少, 下降…). B stands right before the comparison and is the only count
/// of its unit in its clause; A may follow a year (`较2023年的45件`); D ends
/// its clause. All three are exact counts of one unit.
fn compared_delta(
    text: &str,
    sents: &crate::document::Sentences,
    nums: &[Number],
    out: &mut Checks,
) {
    // Every such comparison has 比 or 较: a text without either is passed
    // over with a search.
    let b = text.as_bytes();
    if memchr::memmem::find(b, "比".as_bytes()).is_none()
        && memchr::memmem::find(b, "较".as_bytes()).is_none()
    {
        return;
    }
    for i in 1..nums.len() {
        let (cur, mut j) = (&nums[i - 1], i);
        // A comma right after B comes first: most numbers have none.
        let after = &b[cur.range().end..];
        if !(after.starts_with(b",") || after.starts_with("，".as_bytes())) {
            continue;
        }
        // The year between: `较2023年的45件`.
        let year_between = nums[j].unit == Some(Unit::YEAR) && year_of_the_next(text, nums, j);
        if year_between {
            j += 1;
        }
        let (Some(base), Some(d)) = (nums.get(j), nums.get(j + 1)) else {
            continue;
        };
        let gap_end = if year_between {
            nums[i].range().start
        } else {
            base.range().start
        };
        if cur.range().end >= gap_end
            || gap_end - cur.range().end > "，比上年同期的".len()
            || !compares_with(&text[cur.range().end..gap_end], year_between)
        {
            continue;
        }
        if base.range().end > d.range().start || d.range().start - base.range().end > 9 {
            continue;
        }
        let verb = text[base.range().end..d.range().start].trim_end_matches('了');
        let Some(&(_, sign)) = COMPARED_BY.iter().find(|(v, _)| *v == verb) else {
            continue;
        };
        if [base, d]
            .iter()
            .any(|n| n.sentence() != cur.sentence() || n.kind != Kind::Plain || n.unit != cur.unit)
            || cur.kind != Kind::Plain
            || !cur.is_count()
            || [cur, base, d].iter().any(|n| !n.is_exact())
        {
            continue;
        }
        // D ends its clause.
        if !text[d.range().end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '，' | '。' | '；' | ',' | ';' | '\n' | '）' | ')'))
        {
            continue;
        }
        // B is the only count of its unit in its clause.
        let sr = sents.get(cur.sentence());
        let clause = super::common::clause_before(text, sr.start, cur.range().start);
        if nums[..i - 1]
            .iter()
            .rev()
            .take_while(|n| n.range().start >= clause.start)
            .any(|n| n.unit == cur.unit && n.kind == Kind::Plain)
        {
            continue;
        }
        let (Some(up), Some(down)) = (
            cur.value().checked_sub(base.value()),
            base.value().checked_sub(cur.value()),
        ) else {
            continue;
        };
        let (bt, at, dt) = (&*cur.shown(text), &*base.shown(text), &*d.shown(text));
        let range = cur.range().start..d.range().end;
        let diff = if sign == 1 { up } else { down };
        let written = &text[base.range().end..d.range().end];
        if diff.cmp_exact(d.value()) == Some(Ordering::Equal) {
            out.ok(CheckKind::Change, range, || {
                format!("{bt} − {at} = {}，与“{written}”一致", up.normalized())
            });
            continue;
        }
        // The unit as D writes it (`件`; figures in 万 or 亿 are no exact counts).
        let unit = &text[d.numeral().end..d.range().end];
        let (msg, note) =
            if diff.is_positive() || diff.cmp_exact(Dec::ZERO) == Some(Ordering::Equal) {
                (
                    format!(
                        "比较的差额与前后两个值不符：按两个值计算应为{}{unit}，文中写作{dt}",
                        diff.normalized()
                    ),
                    if sign == 1 {
                        format!("{bt} − {at} = {}", up.normalized())
                    } else {
                        format!("{at} − {bt} = {}", down.normalized())
                    },
                )
            } else {
                let (more, by) = if sign == 1 {
                    ("少", down)
                } else {
                    ("多", up)
                };
                (
                    format!(
                        "增减方向与前后两个值不符：{bt}比{at}{more}{}{unit}，文中写作“{written}”",
                        by.normalized()
                    ),
                    format!("现值{bt}，比较的值{at}"),
                )
            };
        out.push(
            Check::bad(CheckKind::Change, range, msg, note)
                .label(base.range(), "比较的值")
                .label(d.range(), "差额"),
        );
    }
}

pub fn find(facts: Facts<'_>, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    delta_between(text, nums, out);
    compared_delta(text, sents, nums, out);
    let by = BySentence::new(nums);
    for (xi, yi, _verb) in change_pairs(text, nums) {
        let (x, y) = (&nums[xi], &nums[yi]);
        if x.kind != Kind::Plain || !x.is_count() || !x.is_exact() || !y.is_exact() {
            continue;
        }
        let sr = sents.get(y.sentence());
        let mut stop = sr.end.min(y.range().end + 400);
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        let rest = &text[y.range().end..stop];
        let rest_t = rest.trim_start_matches([',', '，', ';', '；']);
        let via_cue = rest_t.starts_with("其中");
        if !via_cue && sign_of(rest_t).is_none_or(|s| s == 0) {
            continue;
        }
        let idx = by.range(y.sentence(), y.sentence());
        let mut deltas: Vec<(&Number, i8)> = Vec::new();
        let mut ok = true;
        let end = rest_t
            .find("其中")
            .filter(|_| !via_cue)
            .map_or(stop, |p| stop - rest_t.len() + p);
        let second_cue = if via_cue {
            rest_t[6..]
                .find("其中")
                .map(|p| stop - rest_t.len() + 6 + p)
        } else {
            None
        };
        let end = second_cue.unwrap_or(end);
        for n in nums[clamp(idx, yi + 1, yi + 1 + WINDOW)]
            .iter()
            .filter(|n| n.range().start >= y.range().end && n.range().end <= end)
        {
            if n.kind == Kind::Plain && n.unit.is_none() {
                // A count whose unit could not be read (新增 120 项, with stray
                // spaces) may be one of the items: the list is not certain.
                ok = false;
                break;
            }
            if n.kind != Kind::Plain || n.unit != x.unit {
                continue;
            }
            if !n.is_exact() {
                ok = false;
                break;
            }
            match sign_of(label_before(text, sr.start, n.range().start)) {
                Some(s) => deltas.push((n, s)),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok || !deltas.iter().any(|d| d.1 != 0) {
            continue;
        }
        let mut v = x.value();
        let mut expr = text[x.range()].to_string();
        let mut overflow = false;
        for (n, s) in &deltas {
            let t = &*n.shown(text);
            match s {
                1 => {
                    v = v.checked_add(n.value()).unwrap_or_else(|| {
                        overflow = true;
                        Dec::ZERO
                    });
                    expr.push_str(&format!(" + {t}"));
                }
                -1 => {
                    v = v.checked_sub(n.value()).unwrap_or_else(|| {
                        overflow = true;
                        Dec::ZERO
                    });
                    expr.push_str(&format!(" − {t}"));
                }
                _ => {}
            }
        }
        if overflow {
            continue;
        }
        let ytext = &*y.shown(text);
        let range = x.range().start..deltas[deltas.len() - 1].0.range().end;
        let note = format!("{expr} = {}", v.normalized());
        verdict(out, range, &note, v, (y, ytext));
    }
}
