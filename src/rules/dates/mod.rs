//! Family D: dates. Calendar validity, malformed dates, ranges and their
//! connector, years that agree with the report year, signing and
//! publication dates.

use std::ops::Range;
use std::sync::LazyLock;

use crate::document::Document;
use crate::extract::Needles;
use crate::extract::dates::{Date, Role, YearFrom};
use crate::rules::{Context, RuleSpec};

mod d001_invalid_date;
mod d002_malformed_date;
mod d003_space_in_date;
mod d004_signing_date_form;
mod d005_range_connector;
mod d006_range_missing_connector;
mod d007_range_reversed;
mod d010_plan_year;
mod d011_signed_in_report_year;
mod d012_late_publication;
mod d013_done_after_signing;
mod d014_weekday_mismatch;
mod d015_issued_before_signing;
mod d016_deadline_before_signing;
mod d017_opening_year;

pub const RULES: &[RuleSpec] = &[
    d001_invalid_date::InvalidDate::SPEC,
    d002_malformed_date::MalformedDate::SPEC,
    d003_space_in_date::SpaceInDate::SPEC,
    d004_signing_date_form::SigningDateForm::SPEC,
    d005_range_connector::RangeConnector::SPEC,
    d006_range_missing_connector::RangeMissingConnector::SPEC,
    d007_range_reversed::RangeReversed::SPEC,
    d010_plan_year::PlanYear::SPEC,
    d011_signed_in_report_year::SignedInReportYear::SPEC,
    d012_late_publication::LatePublication::SPEC,
    d013_done_after_signing::DoneAfterSigning::SPEC,
    d014_weekday_mismatch::WeekdayMismatch::SPEC,
    d015_issued_before_signing::IssuedBeforeSigning::SPEC,
    d016_deadline_before_signing::DeadlineBeforeSigning::SPEC,
    d017_opening_year::OpeningYear::SPEC,
];

pub const ANNUAL_REPORT: &str = "annual-report";
pub const NOTICE: &str = "notice";

/// The profile of the 政府信息公开工作年度报告: `rules/disclosure-report.toml`.
pub const DISCLOSURE_REPORT: &str = "disclosure-report";

/// The profile of the other reports on one year's work (述法报告, 年度工作总结):
/// `rules/work-report.toml`.
pub const WORK_REPORT: &str = "work-report";

/// The word after a date that makes it a deadline (`2025年3月31日前`,
/// `…之前`), not `前后` (around the date).
pub fn deadline_word(after: &str) -> Option<&'static str> {
    ["之前", "以前", "前"]
        .into_iter()
        .find(|w| after.starts_with(w))
        .filter(|w| !after[w.len()..].starts_with('后'))
}

/// Titles of the documents besides a 通知 that set their readers deadlines
/// from their own 成文日期: a 函 (复函), a 批复, a 请示, a 公告 or 通告.
const DEADLINE_TITLES: [&str; 5] = ["函", "批复", "请示", "公告", "通告"];

/// Whether the document sets its readers deadlines that run from its own
/// 成文日期: a 通知 (the `notice` profile), or a document whose title ends
/// with 函, 批复, 请示, 公告 or 通告. Not a plan: its phases may start before
/// it is signed.
pub fn sets_deadlines(cx: &Context<'_>) -> bool {
    cx.profile == NOTICE || deadline_title(cx).is_some()
}

/// The word of a document that sets deadlines (函, 批复, 请示, 公告, 通告)
/// its title ends with.
pub fn deadline_title(cx: &Context<'_>) -> Option<&'static str> {
    title_ending(cx, &DEADLINE_TITLES)
}

/// The one of `words` the document's title ends with.
pub fn title_ending(cx: &Context<'_>, words: &[&'static str]) -> Option<&'static str> {
    let t = cx.doc.title.as_ref()?;
    let t = t.text.trim_end_matches(crate::document::is_space);
    words.iter().copied().find(|w| t.ends_with(w))
}

/// Whether a profile is one of a report on a year's work that plans the next:
/// the 法治政府建设年度报告, the 政府信息公开工作年度报告 or another annual
/// report.
pub fn reports_on_a_year(profile: &str) -> bool {
    profile == ANNUAL_REPORT || profile == WORK_REPORT || profile == DISCLOSURE_REPORT
}

/// Whether a profile is one of an annual report that the law requires be
/// signed and published after its year by a date: the 法治政府建设年度报告
/// and the 政府信息公开工作年度报告.
pub fn statutory_report(profile: &str) -> bool {
    profile == ANNUAL_REPORT || profile == DISCLOSURE_REPORT
}

/// The calendar date `year`-`month`-`day`, or `None` when there is none
/// (`2月30日`, a year out of range).
pub fn civil_date(year: i32, month: u32, day: u32) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// Every date (full or partial) in the document.
pub fn dates<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = &'c Date> {
    cx.dates().iter().filter_map(|m| m.as_date())
}

/// The 成文日期 at the end of the main text: the last line that holds only a
/// full date, after the body has begun and before any attachment that
/// follows the signature (`附件` or `附件2` on a line of its own, or
/// `附件：某某方案`): an attachment printed after the report ends with its
/// own date, which is not the report's.
pub fn signing<'c>(cx: &'c Context<'_>) -> Option<&'c Date> {
    let doc = cx.doc;
    let mut signed = dates(cx).filter(|d| d.role == Role::Signing);
    let mut last = signed.next()?;
    for d in signed {
        let attachment_between = (last.line() + 1..d.line())
            .any(|l| crate::rules::structure::attachment_line(doc.line_text(l)).is_some());
        if attachment_between {
            break;
        }
        last = d;
    }
    Some(last)
}

/// The publication date of the page (发布时间 in the metadata): the first
/// full date of the metadata labelled 发布 (`发布日期：`, `发布时间：`), else
/// the first with another label of a date (`时间：`, `成文日期：`). A page's
/// metadata table gives its 成文日期 above its 发布日期.
pub fn publication<'c>(cx: &'c Context<'_>) -> Option<&'c Date> {
    let text = cx.text();
    let mut published = dates(cx).filter(|d| d.role == Role::Published && d.is_full());
    let first = published.next()?;
    let labelled = |d: &Date| {
        let at = d.range().start;
        let line = cx.doc.line_range(d.line()).start;
        let mut from = at.saturating_sub(24).max(line);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        text[from..at].contains("发布")
    };
    if labelled(first) {
        return Some(first);
    }
    Some(published.find(|d| labelled(d)).unwrap_or(first))
}

/// Words in a first-level heading that open the next-year plan: the plan
/// nouns, then 下一步 and 下步, which name the next period wherever they
/// stand (`四、下一步，重点抓好以下工作`).
const PLAN_WORDS: [&str; 8] = [
    "打算",
    "计划",
    "安排",
    "思路",
    "展望",
    "设想",
    "下一步",
    "下步",
];
const FIRST_TIME_WORD: usize = 6;

/// Words that name the next period before a plan noun (`明年工作打算`):
/// with one of them the heading is the plan even when more follows the noun
/// (`四、今后工作思路，重点做好以下工作`). The same words open the first
/// `headings` pattern of S001's plan part in `rules/annual-report.toml`.
const NEXT_WORDS: [&str; 8] = [
    "下一年",
    "下阶段",
    "下一阶段",
    "明年",
    "来年",
    "今后",
    "新的一年",
    "新一年",
];

/// Whether a heading opens the next-year plan section (`四、2024年工作打算`,
/// `三、下一步工作计划`), as opposed to reviewing a plan
/// (`二、2023年工作计划完成情况`) or working along one
/// (`一、紧扣2024年度立法计划，推进科学民主依法决策`).
///
/// A plan heading names the plan at its end: a plan noun followed by a
/// clause separator and more text (`……立法计划，推进……`) heads the work
/// the clause after it names, unless a word before the noun names the next
/// period (下一步、明年…). A plan noun that is the object of a verb of its
/// clause (紧扣、围绕、按照… `FOLLOW_WORDS`) is a plan being followed.
pub fn is_plan_heading(text: &str) -> bool {
    // The eight words in one pass (every first-level heading is asked, by
    // three rules).
    static PLAN: LazyLock<Needles> = LazyLock::new(|| Needles::new(&PLAN_WORDS));
    let Some(first) = PLAN.find_iter(text).next() else {
        return false;
    };
    let at = first.start();
    // `一、全面完成2024年度工作计划`: the plan carried out, not the next one.
    if text.contains("情况") || DONE_WORDS.iter().any(|w| text[..at].contains(w)) {
        return false;
    }
    if first.pattern().as_usize() >= FIRST_TIME_WORD
        || NEXT_WORDS.iter().any(|w| text[..at].contains(w))
    {
        return true;
    }
    let clause = text[..at].rfind(is_clause_end).map_or(0, |k| {
        k + text[k..].chars().next().map_or(0, char::len_utf8)
    });
    if FOLLOW_WORDS.iter().any(|w| text[clause..at].contains(w)) {
        return false;
    }
    let after = &text[first.end()..];
    after
        .split_once(is_clause_end)
        .is_none_or(|(_, rest)| rest.trim().is_empty())
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。')
}

/// Words before a plan word that make the heading review the plan: the
/// same list as the first of the `not-headings` of S001's plan part in
/// `rules/annual-report.toml`.
const DONE_WORDS: [&str; 5] = ["完成", "落实", "执行", "总结", "回顾"];

/// Verbs that take a plan noun of their clause as their object, the plan
/// being one the work follows (`紧扣2024年度立法计划`): the same list as the
/// second of the `not-headings` of S001's plan part.
const FOLLOW_WORDS: [&str; 11] = [
    "紧扣", "围绕", "贯彻", "按照", "依照", "根据", "对照", "依据", "聚焦", "对标", "遵循",
];

/// Line ranges (0-based, end exclusive) of the next-year plan sections: from
/// a first-level plan heading to the next first-level heading. They come in
/// line order and never overlap, which [`in_plan_section`] relies on.
pub fn plan_sections(doc: &Document<'_>) -> Vec<Range<usize>> {
    let top: Vec<_> = doc.headings.iter().filter(|h| h.level == 1).collect();
    let mut out = Vec::new();
    for (i, h) in top.iter().enumerate() {
        if is_plan_heading(doc.slice(h.text())) {
            let end = top.get(i + 1).map_or(doc.lines.len(), |n| n.line());
            out.push(h.line()..end);
        }
    }
    out
}

/// The year a date refers to. Dates written only as M月D日 take the nearest
/// preceding year of their paragraph (the extractor fills it in), else the
/// report year (the year after it inside the next-year plan).
pub fn year_of(cx: &Context<'_>, d: &Date, plan: &[Range<usize>]) -> Option<i32> {
    match d.year_from {
        YearFrom::Written | YearFrom::RangeStart | YearFrom::Paragraph => d.year,
        YearFrom::Unknown | YearFrom::Doubtful { .. } => {
            let ry = cx.doc.report_year.as_ref()?.year;
            Some(if in_plan(d, plan) { ry + 1 } else { ry })
        }
    }
}

/// Where year `y` of [`year_of`] comes from, for a message (empty when the
/// date writes it). Only formatted for a date that is reported.
pub fn year_why(d: &Date, plan: &[Range<usize>], y: i32) -> String {
    match d.year_from {
        YearFrom::Written => String::new(),
        YearFrom::RangeStart => format!("（年份取自范围起点{y}年）"),
        YearFrom::Paragraph => format!("（年份取自本段前文的{y}年）"),
        YearFrom::Unknown | YearFrom::Doubtful { .. } if in_plan(d, plan) => {
            format!("（年份按下一年度工作安排推定为{y}年）")
        }
        YearFrom::Unknown | YearFrom::Doubtful { .. } => format!("（年份按报告年度推定为{y}年）"),
    }
}

fn in_plan(d: &Date, plan: &[Range<usize>]) -> bool {
    in_plan_section(plan, d.line())
}

/// Whether line `line` lies in one of the sections [`plan_sections`] found:
/// a binary search, since they are in order and apart. (A walk over all of
/// them for every date was quadratic: a document of 200,000 plan headings,
/// each followed by a date, took 8.7 s.)
pub fn in_plan_section(plan: &[Range<usize>], line: usize) -> bool {
    let k = plan.partition_point(|r| r.end <= line);
    plan.get(k).is_some_and(|r| r.contains(&line))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The binary search answers as a walk over every section does, for
    /// sections that touch, stand apart, are empty of lines after them or
    /// reach the end.
    #[test]
    fn a_line_is_in_a_plan_section_as_a_walk_over_all_of_them_says() {
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..2_000 {
            let mut plan = Vec::new();
            let mut at = rng.usize(0..4);
            for _ in 0..rng.usize(0..8) {
                let end = at + rng.usize(1..5);
                plan.push(at..end);
                at = end + rng.usize(0..3);
            }
            for line in 0..at + 3 {
                let walk = plan.iter().any(|r| r.contains(&line));
                assert_eq!(in_plan_section(&plan, line), walk, "{plan:?} {line}");
            }
        }
    }

    #[test]
    fn plan_sections_run_from_a_plan_heading_to_the_next_first_level_heading() {
        let text = "某县2023年法治政府建设年度报告\n\n一、主要成效\n正文。\n二、2024年工作计划\n3月5日召开会议。\n三、其他\n正文。\n四、下一步工作安排\n正文。\n";
        let doc = Document::new(text);
        let plan = plan_sections(&doc);
        let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count();
        assert_eq!(
            plan,
            vec![
                line_of("二、")..line_of("三、"),
                line_of("四、")..doc.lines.len()
            ]
        );
        assert!(in_plan_section(&plan, line_of("3月5日")));
        assert!(!in_plan_section(&plan, line_of("一、")));
        assert!(!in_plan_section(&plan, line_of("三、")));
    }
}
