use std::ops::Range;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::{Date, DateMention, YearFrom};
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 日期后面写的星期与公历不符，如 `2025年3月6日（星期五）`（这一天是星期四）。
    /// 读“星期X”“周X”“礼拜X”（X 为一至六、日、天），可以带圆括号（全角或半角），可以与日期隔一个空格。
    ///
    /// 只有年份写在日期本身（或日期范围的起点）上时才检查；“3月6日（星期五）”这类年份要从上下文推断的日期不检查，
    /// 因为推断的年份可能不是作者指的那一年。后面接着“至”“到”“、”等的（“2025年3月3日周一至周五”）
    /// 说的是一段时间，不检查。不存在的日期由 D001 报告。
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
    /// ## 正确示例
    /// ```text
    /// 定于2025年3月6日（星期四）上午9:00召开全县法治政府建设工作会议。
    /// ```
    ///
    /// 修复（不安全）把星期改为按日期推算的那一天；如果星期是对的，应改的是日期。
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
        fix: Always,
        unsafe_fix: true,
        reads: [DATES],
    }
}

impl BuiltinRule for WeekdayMismatch {
    type Options = NoOptions;
    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(WeekdayMismatch {})
    }
}

/// The names of the days, Monday first, as they follow 星期, 周 or 礼拜.
const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// Words that name a day of the week before its number.
const WEEK_WORDS: [&str; 3] = ["星期", "礼拜", "周"];

impl Rule for WeekdayMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for m in cx.dates() {
            let ends: [Option<&Date>; 2] = match m {
                DateMention::Date(d) => [Some(d), None],
                DateMention::Range(r) => [Some(&r.start), Some(&r.end)],
                DateMention::Malformed(_) => continue,
            };
            for d in ends.into_iter().flatten() {
                if let Some(diag) = check_date(text, d) {
                    out.push(diag);
                }
            }
        }
    }
}

fn check_date(text: &str, d: &Date) -> Option<Diagnostic> {
    if !matches!(d.year_from, YearFrom::Written | YearFrom::RangeStart) {
        return None;
    }
    let (year, month, day) = (d.year?, d.month?, d.day?);
    let date = jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let (name, written) = weekday_after(text, d.range().end)?;
    let actual = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    if written == actual {
        return None;
    }
    let date_text = &text[d.range()];
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
