use std::ops::Range;

use crate::declare_rule;
use std::cell::OnceCell;

use super::{deadline_word, sets_deadlines, signing, title_ending};
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix, Severity};
use crate::extract::dates::{Date, DateMention, Numerals, Role, YearFrom};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 日期后面写的星期与公历不符，如 `2025年3月6日（星期五）`（这一天是星期四）。
    /// 读“星期X”“周X”“礼拜X”（X 为一至六、日、天），可以带圆括号（全角或半角），可以与日期隔一个空格。
    ///
    /// 年份写在日期本身（或日期范围的起点）上时，星期不符是错误，并给出修复。
    ///
    /// 没有写年份的日期（“4月3日（周五）”）只在年份可以从上下文确定时检查，报告为警告、不给修复：
    /// 参照的完整日期是同一段中它前面最近的、写明年份的完整日期（“2024年1月1日以来”“自2024年1月1日起”是回溯的
    /// 起点，不作参照）；没有时，在通知（`notice`，或标题以“通知”结尾）、
    /// 标题以“函”“批复”“请示”“公告”“通告”结尾的文件和标题以“方案”“计划”“要点”“安排”结尾的文件中，是文末的成文日期（这些文件部署今后的工作，日期在成文日期
    /// 前后；报告、总结说的是成文之前一年的事，不用成文日期推定）。
    /// 参照日期前后最近的两个同月同日（参照日期在3月20日时，“4月3日”是当年或上一年的4月3日；参照日期在
    /// 12月20日时，“1月10日”是下一年或当年的1月10日），连同本段前文写出的年份，只要有一个的星期与所写的相符，
    /// 就不报告：十二月印发的通知说“1月10日（星期五）”指的是下一年，也可能说的是已过去的那一天。
    /// 参照的是同一段前文的完整日期、且与它相距不到两个月时（`2026年4月9日（星期四）至4月10日（星期四）`），
    /// 只取较近的那一个；按成文日期推定的期限（`请于1月12日（星期五）前报送`）不会早于成文日期，只取成文日期之后的那一个。
    /// 消息写明推定的年份和依据。跟在“每年”“每月”之后的日期、本段前文提到过作比较的其他年份的日期、
    /// 其他文件中没有同段参照日期的，都不检查。
    ///
    /// 后面接着“至”“到”“、”等的（“2025年3月3日周一至周五”）说的是一段时间，不检查。不存在的日期由 D001 报告。
    ///
    /// ## 为什么
    /// 通知里的会议、报名、截止日期常写明星期几，二者不一致时读者不知道哪个是对的，
    /// 往往意味着日期或星期有一个写错（常见于沿用上一年的模板）。星期可以由日期推算，是可以核实的错误。
    ///
    /// ## 错误示例
    /// ```text
    /// 定于2025年3月6日（星期五）上午9:00召开全县法治政府建设工作会议。
    /// ```
    ///
    /// 通知中没有写年份的期限（成文日期为2025年3月20日；2025年4月3日是星期四，2024年4月3日是星期三）：
    /// ```text
    /// 请于4月3日（星期五）前报送参会名单。
    /// ……
    /// 2025年3月20日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 定于2025年3月6日（星期四）上午9:00召开全县法治政府建设工作会议。
    /// 请于4月3日（星期四）前报送参会名单。
    /// ```
    ///
    /// 年份写明时，修复（不安全）把星期改为按日期推算的那一天；如果星期是对的，应改的是日期。
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”；星期按公历（格里高利历）推算。
    ///
    /// ## 选项
    /// 无。
    pub struct WeekdayMismatch {}
    meta {
        code: "D014",
        name: "weekday-mismatch",
        severity: Error,
        summary: "日期后写的星期与公历不符",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [DATES],
    }
}

/// The names of the days, Monday first, as they follow 星期, 周 or 礼拜.
const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// Words that name a day of the week before its number.
const WEEK_WORDS: [&str; 3] = ["星期", "礼拜", "周"];

impl Rule for WeekdayMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        // The full dates with a written year seen so far on the current
        // line (a paragraph), from which a date without a year may take its
        // year: the last one in Arabic numerals (the extractor gives them
        // in the order they are written), and those in Chinese numerals
        // (given before the Arabic ones of their line, in their own order).
        let mut line = usize::MAX;
        let mut last: Option<&Date> = None;
        let mut chinese: Vec<&Date> = Vec::new();
        // Every year written so far in the paragraph.
        let mut years_here: Vec<i32> = Vec::new();
        // The signing date, looked for only when a date needs it.
        let signed = OnceCell::new();
        for m in cx.dates() {
            let ends: [Option<&Date>; 2] = match m {
                DateMention::Date(d) => [Some(d), None],
                DateMention::Range(r) => [Some(&r.start), Some(&r.end)],
                DateMention::Malformed(_) => continue,
            };
            for d in ends.into_iter().flatten() {
                if d.line() != line {
                    line = d.line();
                    last = None;
                    chinese.clear();
                    years_here.clear();
                }
                if matches!(d.year_from, YearFrom::Written | YearFrom::RangeStart) {
                    if let Some(diag) = check_date(text, d) {
                        out.push(diag);
                    }
                    if let Some(y) = d.year.filter(|_| d.role == Role::Body)
                        && !years_here.contains(&y)
                    {
                        years_here.push(y);
                    }
                    // `2024年1月1日以来`, `自2024年1月1日起`: a day looked back
                    // to, not the time the paragraph is at.
                    if d.is_full() && d.role == Role::Body && !looks_back(text, d) {
                        if d.numerals == Numerals::Chinese {
                            chinese.push(d);
                        } else {
                            last = Some(d);
                        }
                    }
                } else if matches!(m, DateMention::Date(_))
                    && matches!(d.year_from, YearFrom::Paragraph | YearFrom::Unknown)
                    && d.role == Role::Body
                    && let Some(written) = weekday_after(text, d.range().end)
                {
                    let k = chinese.partition_point(|c| c.range().start < d.range().start);
                    let near = [last, k.checked_sub(1).map(|k| chinese[k])]
                        .into_iter()
                        .flatten()
                        .max_by_key(|a| a.range().start);
                    let anchor = match near {
                        Some(a) => Some((a, Anchor::Paragraph)),
                        None if looks_ahead(cx) => signed
                            .get_or_init(|| signing(cx))
                            .map(|s| (s, Anchor::Signing)),
                        None => None,
                    };
                    if let Some(anchor) = anchor
                        && let Some(diag) = check_inferred(text, d, written, anchor, &years_here)
                    {
                        out.push(diag);
                    }
                }
            }
        }
    }
}

/// Titles of documents that set out work still to come, whose dates lie
/// around or after their 成文日期: a 通知 (also under a profile of the
/// user's) and a plan.
const AHEAD_TITLES: [&str; 5] = ["通知", "方案", "计划", "要点", "安排"];

/// Whether a date without a year may take it from the 成文日期: in a
/// document that sets deadlines (a 通知, 函, 批复, 公告: see
/// [`sets_deadlines`]) or a plan (`…实施方案`, `…工作要点`). A report or a
/// summary tells of the year before its signature, which the nearest days
/// around it miss.
fn looks_ahead(cx: &Context<'_>) -> bool {
    sets_deadlines(cx) || title_ending(cx, &AHEAD_TITLES).is_some()
}

/// Whether the date `d` is a day looked back to or counted from
/// (`2024年1月1日以来`, `自2024年1月1日起`), which says nothing of the year
/// of the dates after it.
fn looks_back(text: &str, d: &Date) -> bool {
    let after = &text[d.range().end..];
    after.starts_with("以来") || after.starts_with('起')
}

/// Where the year of a date written without one is taken from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// The nearest full date before it in its paragraph.
    Paragraph,
    /// The 成文日期 of a 通知.
    Signing,
}

/// Day of the week of a date, Monday 0; `None` when there is no such day.
fn weekday(year: i32, month: u32, day: u32) -> Option<usize> {
    let date = super::civil_date(year, month, day)?;
    Some(usize::from(
        date.weekday().to_monday_zero_offset().unsigned_abs(),
    ))
}

/// A date written without a year (`4月3日（周五）`) whose day of the week
/// fits no year it can be of: the two nearest of its month and day around
/// the `anchor` date (the next one, on or after it, then the one before),
/// and the year the extractor took from the paragraph. Reported as a
/// warning, with the paragraph's year or else the nearer of the two as the
/// year assumed, and no fix: the year is inferred.
fn check_inferred(
    text: &str,
    d: &Date,
    (name, written): (Range<usize>, usize),
    (anchor, from): (&Date, Anchor),
    written_years: &[i32],
) -> Option<Diagnostic> {
    let (month, day) = (d.month?, d.day?);
    let (ay, am, ad) = (anchor.year?, anchor.month?, anchor.day?);
    // The anchor must be a day that exists (D001 reports one that does not).
    weekday(ay, am, ad)?;
    // `每年4月3日`: a day that comes back, of no one year.
    let before = &text[..d.range().start];
    if before.ends_with("每年") || before.ends_with("每月") {
        return None;
    }
    let (next, prev) = if (month, day) >= (am, ad) {
        (ay, ay - 1)
    } else {
        (ay + 1, ay)
    };
    // The nearer of the two first (by a year of 12 months of 31 days:
    // enough to order them).
    let ahead = (month * 31 + day + 372 - am * 31 - ad) % 372;
    let near = if ahead <= 372 - ahead {
        [next, prev]
    } else {
        [prev, next]
    };
    // The years tried: a notice's deadline (`请于1月12日（星期五）前报送`)
    // lies on or after the notice's date, the next of the two only; within
    // two months of a full date of its own paragraph (`2026年4月9日（星期四）
    // 至4月10日`) the nearer; farther away, or from the 成文日期 (which a
    // notice's past events precede), either may be.
    let after_day = text[name.end..].trim_start_matches(['）', ')']);
    let tried: &[i32] = if from == Anchor::Signing && deadline_word(after_day).is_some() {
        &[next]
    } else if from == Anchor::Paragraph && ahead.min(372 - ahead) <= 62 {
        &near[..1]
    } else {
        &near
    };
    // The paragraph's year, unless no full date of the paragraph could be
    // the anchor (its dates are days looked back to): then the 成文日期 is
    // the year assumed, and the years written are only tried below.
    let paragraph = d
        .year
        .filter(|_| d.year_from == YearFrom::Paragraph && from == Anchor::Paragraph);
    let mut years: Vec<i32> = paragraph.into_iter().collect();
    for &y in tried {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    // Any year the paragraph writes before it will do (`（2026年3月16日—
    // 5月31日）……2024年1月1日以来……6月5日（星期五）`).
    let fits_a_written_year = written_years
        .iter()
        .any(|&y| weekday(y, month, day) == Some(written));
    if fits_a_written_year {
        return None;
    }
    let days: Vec<(i32, usize)> = years
        .iter()
        .filter_map(|&y| Some((y, weekday(y, month, day)?)))
        .collect();
    if days.is_empty() || days.iter().any(|&(_, w)| w == written) {
        return None;
    }
    let (year, actual) = days[0];
    let date_text = &*d.shown(text);
    let day_at = name.end - text[..name.end].chars().next_back()?.len_utf8();
    let word = &text[name.start..day_at];
    let as_written = &text[name.clone()];
    let sunday = as_written.ends_with('天');
    let day_name = |w: usize| if w == 6 && sunday { "天" } else { DAYS[w] };
    let anchor_text = &text[anchor.range()];
    let why = match (from, paragraph) {
        (Anchor::Paragraph, Some(y)) if y == ay => format!("本段前文的“{anchor_text}”"),
        (_, Some(_)) => "本段前文写出的年份".to_string(),
        (Anchor::Paragraph, None) => format!("本段前文的“{anchor_text}”"),
        (Anchor::Signing, None) => format!("成文日期“{anchor_text}”"),
    };
    let each: Vec<String> = days
        .iter()
        .map(|&(y, w)| format!("{y}年{month}月{day}日是{word}{}", day_name(w)))
        .collect();
    Some(
        Diagnostic::new(
            name.clone(),
            format!(
                "{date_text}没有写年份，按{why}推定为{year}年，是{word}{}，不是{as_written}",
                day_name(actual)
            ),
        )
        .with_severity(Severity::Warning)
        .with_label(d.range(), "按推定的年份推算星期")
        .with_label(anchor.range(), "推定年份的依据")
        .with_note(format!(
            "{}，都不是{as_written}；请核对日期和星期，必要时写明年份",
            each.join("，")
        )),
    )
}

fn check_date(text: &str, d: &Date) -> Option<Diagnostic> {
    if !matches!(d.year_from, YearFrom::Written | YearFrom::RangeStart) {
        return None;
    }
    let (year, month, day) = (d.year?, d.month?, d.day?);
    let date = super::civil_date(year, month, day)?;
    let (name, written) = weekday_after(text, d.range().end)?;
    let actual = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    if written == actual {
        return None;
    }
    let date_text = &*d.shown(text);
    let day_at = name.end - text[..name.end].chars().next_back()?.len_utf8();
    let word = &text[name.start..day_at];
    let right = DAYS[actual];
    // 星期天 and 星期日 are the same day: keep the writer's word for Sunday.
    let right = if actual == 6 && text[name.clone()].ends_with('天') {
        "天"
    } else {
        right
    };
    Some(
        Diagnostic::new(
            name.clone(),
            format!("{date_text}是{word}{right}，不是{}", &text[name.clone()]),
        )
        .with_label(d.range(), "按公历推算星期")
        .with_note(format!(
            "{year}年{month}月{day}日是{word}{right}；如果星期无误，应改的是日期"
        ))
        .with_fix(Fix::unsafe_(
            format!("改为“{word}{right}”"),
            vec![Edit::replace(day_at..name.end, right.to_string())],
        )),
    )
}

/// The day of the week written right after a date that ends at `at`:
/// `（星期五）`, `(周五)`, ` 星期五`, `星期五上午`. Its span (word and day)
/// and the day, Monday 0. `None` when nothing of the kind follows, or when
/// it opens a span of days (`周一至周五`, `周一、周三`).
fn weekday_after(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let rest = &text[at..];
    let mut i = rest.len() - rest.trim_start_matches(crate::document::is_space).len();
    // At most one space between the date and what follows.
    if rest[..i].chars().count() > 1 {
        return None;
    }
    let bracketed = rest[i..].starts_with(['（', '(']);
    if bracketed {
        i += rest[i..].chars().next()?.len_utf8();
    }
    let word = WEEK_WORDS.iter().find(|w| rest[i..].starts_with(*w))?;
    let day_at = i + word.len();
    let c = rest[day_at..].chars().next()?;
    let day = match c {
        '天' => 6,
        _ => DAYS.iter().position(|d| d.starts_with(c))?,
    };
    let end = day_at + c.len_utf8();
    let next = rest[end..].chars().next();
    let closes = matches!(next, Some('）' | ')'));
    if bracketed && !closes {
        return None;
    }
    if matches!(
        next,
        Some('至' | '到' | '、' | '和' | '及' | '或' | '-' | '—' | '～' | '~' | '－' | '末')
    ) {
        return None;
    }
    Some((at + i..at + end, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_after_a_date_is_read_in_its_forms() {
        let t = "2025年3月6日（星期五）";
        let at = "2025年3月6日".len();
        assert_eq!(weekday_after(t, at).map(|(_, d)| d), Some(4));
        assert_eq!(weekday_after("X (周日)", 1).map(|(_, d)| d), Some(6));
        assert_eq!(weekday_after("X星期天上午", 1).map(|(_, d)| d), Some(6));
        assert_eq!(weekday_after("X礼拜三", 1).map(|(_, d)| d), Some(2));
        // A span of days, an unclosed bracket, a word that only starts alike.
        assert_eq!(weekday_after("X周一至周五", 1), None);
        assert_eq!(weekday_after("X（周一、周三）", 1), None);
        assert_eq!(weekday_after("X（星期五", 1), None);
        assert_eq!(weekday_after("X周边", 1), None);
        assert_eq!(weekday_after("X周末", 1), None);
        assert_eq!(weekday_after("X  星期五", 1), None);
    }
}
