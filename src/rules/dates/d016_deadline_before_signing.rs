use std::ops::Range;

use super::{civil_date, dates, deadline_title, deadline_word, sets_deadlines, signing};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::extract::dates::{Date, Role, YearFrom};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 用于通知（`notice`），以及标题以“函”“批复”“请示”“公告”“通告”结尾的文件。正文给收文单位定的期限
    /// 早于文件自己的成文日期（文末单独成行的完整日期）：
    /// “请于2025年3月31日前报送”而通知落款“2025年4月1日”。
    ///
    /// 期限是年份写明的完整日期，紧跟“前”“之前”“以前”（“于2025年3月31日前完成”“截至2025年3月31日前”），
    /// 或紧跟在“截止日期”“截止时间”“期限”“不晚于”“最迟”“最晚”之后（中间可有“为”“是”“于”“到”“：”）。
    ///
    /// 只写月日的期限（“请于3月31日前报送”，本段没有写年份）按成文日期所在年份理解，只在它早于成文日期
    /// 不超过31天时报告：早得更多的，可能指的是次年（12月发文写“1月5日前”），不报告。
    ///
    /// 不检查：没有成文日期或它不是真实的完整日期；成文日期之后（附件中）的日期；日期范围；
    /// “前后”“前受理的案件”这类不是期限的说法（“前”之后本分句内有“的”）；只写“截止”“截至”的日期
    /// （“截至2024年12月31日，共办理……”是统计时点，不是期限）；所在句子说的是已发生或已过期的事
    /// （含“已”“累计”“先后”“此前”“曾”“未在”“未于”“未按”“未能”“尚未”“逾期”“补报”“补交”；日期之后以“逾期”开头的
    /// 分句，如“逾期未报的予以通报”，是对今后的告诫，不算），或转述其他文件的规定
    /// （日期之前有书名号，其后有“明确”“规定”“提出”“要求”）。其他文件（如年度报告的年终统计、
    /// 阶段可能早于成文日期的实施方案）不检查。
    ///
    /// ## 为什么
    /// 收文单位见到通知时期限已经过去，无法执行。多半是沿用上一年的通知忘了改日期，或成文日期写错。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县司法局关于开展普法考试的通知
    /// 请各单位于2025年3月31日前报送参考人员名单。
    /// 某县司法局
    /// 2025年4月1日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 请各单位于2025年4月15日前报送参考人员名单。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“提出的政策措施和办法切实可行”；
    /// 成文日期署“发文机关负责人签发的日期”（第九条），期限早于签发日期便无从执行。
    ///
    /// ## 选项
    /// 无。
    pub struct DeadlineBeforeSigning {}
    meta {
        code: "D016",
        name: "deadline-before-signing",
        severity: Warning,
        summary: "通知中的期限早于成文日期",
        fix: None,
        reads: [DATES],
    }
}

/// Words before a date (and 为, 是, 于, 到 or a colon) that make it a
/// deadline. Bare 截止 is not among them: it is often written for 截至
/// before a statistic's date (`截止2024年12月31日，共…`).
const DEADLINE_NOUNS: [&str; 6] = ["截止日期", "截止时间", "期限", "不晚", "最迟", "最晚"];

/// Words of a sentence about what has happened or is overdue, not a
/// deadline still ahead: `已完成`, `累计`, `未在…前报送的单位`, `逾期`, `补报`
/// (未 alone would also take 未成年人).
const PAST_WORDS: [&str; 14] = [
    "已",
    "累计",
    "先后",
    "此前",
    "曾",
    "未在",
    "未于",
    "未按",
    "未能",
    "尚未",
    "逾期",
    "补报",
    "补交",
    "补充报送",
];

/// Words that, after a title in 《》 and before the date, quote another
/// document's deadline (`《方案》明确，2024年6月30日前完成`).
const QUOTING: [&str; 4] = ["明确", "规定", "提出", "要求"];

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
    )
}

/// The deadline's span (the date, with 前 or 之前 when written after it)
/// when the date at `d` in `line` (the line's content) reads as one.
fn deadline(text: &str, line: &Range<usize>, d: &Date) -> Option<Range<usize>> {
    let r = d.range();
    let after = &text[r.end..line.end];
    if let Some(word) = deadline_word(after) {
        let rest = &after[word.len()..];
        // `2025年3月31日前受理的案件`: the date bounds what is named.
        let clause = rest.find(is_clause_end).map_or(rest, |e| &rest[..e]);
        if clause.contains('的') {
            return None;
        }
        return Some(r.start..r.end + word.len());
    }
    let before = text[line.start..r.start].trim_end_matches(crate::document::is_space);
    let before = before
        .strip_suffix(['为', '是', '于', '到', '：', ':'])
        .unwrap_or(before)
        .trim_end_matches(crate::document::is_space);
    DEADLINE_NOUNS
        .iter()
        .any(|w| before.ends_with(w))
        .then_some(r)
}

/// Whether the sentence of the date at `r` (within `line`) tells of the
/// past or of another document's deadline.
fn past_or_quoted(text: &str, line: &Range<usize>, r: &Range<usize>) -> bool {
    let head = &text[line.start..r.start];
    let start = head.rfind(['。', '！', '？']).map_or(line.start, |p| {
        line.start + p + head[p..].chars().next().map_or(0, char::len_utf8)
    });
    let tail = &text[r.end..line.end];
    let end = tail
        .find(['。', '！', '？'])
        .map_or(line.end, |p| r.end + p);
    let sentence = &text[start..end];
    // `截止时间为2024年1月5日，逾期未报的予以通报`: a clause after the date
    // that opens with 逾期 warns of what follows a missed deadline, and
    // says nothing of this one being past.
    let after = &text[r.end..end];
    let warns = |k: usize| after[..k].ends_with(['，', ',', '；', ';']);
    if PAST_WORDS.iter().any(|&w| {
        if w == "逾期" {
            text[start..r.start].contains(w) || after.match_indices(w).any(|(k, _)| !warns(k))
        } else {
            sentence.contains(w)
        }
    }) {
        return true;
    }
    let before = &text[start..r.start];
    before
        .rfind('》')
        .is_some_and(|p| QUOTING.iter().any(|w| before[p..].contains(w)))
}

/// How many days at most a deadline without a year may fall before the
/// signing, read in the signing year, to be reported: a month. Further back,
/// the next year's date is as likely (`1月5日前` in a notice of December).
const YEARLESS_DAYS: i32 = 31;

/// Whether the month and day of `d`, a date without a year, fall in the
/// signing year of `s` from one to [`YEARLESS_DAYS`] days before it.
fn shortly_before(d: &Date, s: &Date) -> bool {
    let (Some(m), Some(day), Some(y)) = (d.month, d.day, s.year) else {
        return false;
    };
    let (Some(sm), Some(sd)) = (s.month, s.day) else {
        return false;
    };
    let (Some(deadline), Some(signed)) = (civil_date(y, m, day), civil_date(y, sm, sd)) else {
        return false;
    };
    let days = (signed - deadline).get_days();
    (1..=YEARLESS_DAYS).contains(&days)
}

impl Rule for DeadlineBeforeSigning {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !sets_deadlines(cx) {
            return;
        }
        let Some(s) = signing(cx) else { return };
        let kind = deadline_title(cx).unwrap_or("通知");
        let reader = if kind.ends_with("告") {
            "公众"
        } else {
            "收文单位"
        };
        if !s.is_real() {
            return;
        }
        let text = cx.text();
        let doc = cx.doc;
        for d in dates(cx) {
            // The dates come in line order: what follows the signature is
            // an attachment's.
            if d.line() >= s.line() {
                break;
            }
            if d.role != Role::Body || d.in_range {
                continue;
            }
            // A deadline without a year: read in the signing year, and
            // only when that puts it shortly before the signing.
            let yearless = d.year_from == YearFrom::Unknown && d.year.is_none();
            if yearless {
                if !shortly_before(d, s) {
                    continue;
                }
            } else if d.year_from != YearFrom::Written || d.key() >= s.key() || !d.is_real() {
                continue;
            }
            let mut line = doc.lines[d.line()].content();
            // A date read over a soft break ends on the next line.
            if d.range().end > line.end {
                line.end = doc
                    .lines
                    .get(d.line() + 1)
                    .map_or(d.range().end, |n| n.content().end.max(d.range().end));
            }
            let Some(span) = deadline(text, &line, d) else {
                continue;
            };
            if past_or_quoted(text, &line, &d.range()) {
                continue;
            }
            let signed_in = s.year.unwrap_or_default();
            let mut found = Diagnostic::new(
                span.clone(),
                format!(
                    "期限“{}”{}早于本{kind}的成文日期“{}”：{reader}见到{kind}时期限已过，请核对期限或成文日期",
                    crate::document::joined(&text[span]),
                    if yearless {
                        format!("（未写年份，按成文日期所在的{signed_in}年理解）")
                    } else {
                        String::new()
                    },
                    s.shown(text)
                ),
            )
            .with_label(s.range(), "成文日期");
            if yearless {
                found =
                    found.with_note("期限只写月日时按成文日期所在年份理解；如指次年，请写明年份");
            }
            out.push(found);
        }
    }
}
