use super::{dates, in_plan_section, plan_sections, reports_on_a_year, signing};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::Sentences;
use crate::extract::dates::{Role, YearFrom};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 用于法治政府建设年度报告（`annual-report`）、政府信息公开工作年度报告（`disclosure-report`）和述法报告、年度工作总结、一项工作的年度报告或总结（“2025年度行政复议工作报告”“2025年普法工作总结”）等其他年度报告（`work-report`）。
    /// 正文中作为已做的事报告的日期晚于文末的成文日期。
    /// 下一年度工作安排部分中的日期、后面跟着“起”“前”“之前”“以前”的日期（期限），后面跟着“施行”“实施”
    /// “生效”“启用”（中间可有“正式”“开始”）的日期（生效日期），
    /// 紧跟在“至”“到”之后的日期（“有效期至2029年12月31日”“聘期自2024年1月1日至2025年12月31日”，是期限的终点；
    /// “截至”“截止到”之后的不在此列）和日期范围中连接号之后的日期（“2024年1月1日—2025年12月31日”），
    /// 同一分句中“要求”“责令”“责成”“督促”“通知”“限令”之后、紧跟在“于”“在”之后的日期（“要求相关单位于2025年2月28日
    /// 完成整改”，是期限），以及所在句子含“将”“拟”“计划”“预计”“力争”“争取”“定于”“届时”“时限”“期限”“限期”“确保”
    /// “需在”“应在”“须在”“需于”“应于”“须于”的日期都是将来的安排，不报告。
    /// 写明事项尚未发生（“尚在”“尚未”“尚待”“有待”“待审理”“待开庭”）或把日期作为排定时间（“开庭时间”“开庭日期”
    /// “排期”“安排在”“安排于”）的，日期同样是将来的安排：这些词在句中日期之前，或在日期所在的分句中，都不报告
    /// （“另有1件行政诉讼案件尚在审理中，开庭时间为2025年3月12日”）；写在已做的事之后的另一分句中的不算
    /// （“2025年3月10日召开专题会，部分问题尚未整改”仍报告）。只检查年份写明或取自本段前文的完整日期。成文日期本身不晚于报告年度时（见 D011），问题在成文日期，本规则不再逐条报告。
    ///
    /// ## 为什么
    /// 报告不能记述成文之后才发生的事。出现这种日期，要么是成文日期写错（常见的是年份没改），要么是
    /// 正文日期笔误。
    ///
    /// ## 错误示例
    /// ```text
    /// 2021年3月10日，召开全县法治政府建设推进会。
    /// ……
    /// 2021年2月25日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2020年12月10日，召开全县法治政府建设推进会。
    /// ……
    /// 2021年2月25日
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》：年度报告报告的是“上一年度”推进法治政府建设的举措和成效。
    ///
    /// ## 选项
    /// 无。
    pub struct DoneAfterSigning {}
    meta {
        code: "D013",
        name: "done-after-signing",
        severity: Warning,
        summary: "年度报告正文中已完成事项的日期晚于成文日期",
        fix: None,
        reads: [DATES],
    }
}

const FUTURE_AFTER: [&str; 4] = ["起", "前", "之前", "以前"];
/// A date when something takes effect (`2025年3月1日正式施行`), which the
/// report states rather than claims as done; an adverb may stand between.
const TAKES_EFFECT: [&str; 4] = ["施行", "实施", "生效", "启用"];
/// (`起施行` is already a start: [`FUTURE_AFTER`].)
const EFFECT_ADVERBS: [&str; 2] = ["正式", "开始"];

fn takes_effect(after: &str) -> bool {
    let after = EFFECT_ADVERBS
        .iter()
        .find_map(|a| after.strip_prefix(a))
        .unwrap_or(after);
    TAKES_EFFECT.iter().any(|w| after.starts_with(w))
}
const FUTURE_WORDS: [&str; 18] = [
    "将", "拟", "计划", "预计", "力争", "争取", "定于", "届时", "时限", "期限", "限期", "确保",
    "需在", "应在", "须在", "需于", "应于", "须于",
];

/// Words saying the matter has not happened yet (`另有1件案件尚在审理中`,
/// `尚未开庭`) or giving the date as a scheduled time (`开庭时间为…`,
/// `排期于…`). They count before the date in its sentence or anywhere in
/// its own clause: a pending matter written after a finished one
/// (`2025年3月10日召开专题会，部分问题尚未整改`) leaves that date reported.
const PENDING_WORDS: [&str; 11] = [
    "尚在",
    "尚未",
    "尚待",
    "有待",
    "待审理",
    "待开庭",
    "开庭时间",
    "开庭日期",
    "排期",
    "安排在",
    "安排于",
];

/// Whether a word of [`PENDING_WORDS`] stands in `sent` before the date at
/// `start`, or after it in the same clause.
fn pending(text: &str, sent: &std::ops::Range<usize>, start: usize) -> bool {
    let rest = &text[start..sent.end];
    let clause_end = rest
        .find(['，', '；', '：', ',', ';', ':'])
        .map_or(sent.end, |i| start + i);
    let span = &text[sent.start.min(start)..clause_end];
    PENDING_WORDS.iter().any(|w| span.contains(w))
}

/// Words that set someone a task, after which a date written after 于 or
/// 在 in the same clause is the task's deadline:
/// `要求相关单位于2025年2月28日完成整改`, `责令其于…改正`.
const DIRECTS: [&str; 6] = ["要求", "责令", "责成", "督促", "通知", "限令"];

/// Whether the date at `start` is a deadline set in its clause
/// (`已下发整改通知书，要求相关单位于2025年2月28日完成整改`): 于 or 在
/// right before it, and a word of [`DIRECTS`] before that, with no mark
/// between (`按照要求，于2025年3月10日完成` reports what was done).
fn directed_deadline(text: &str, start: usize) -> bool {
    let before = &text[..start];
    if !before.ends_with(['于', '在']) {
        return false;
    }
    let clause_start = before
        .char_indices()
        .rev()
        .take(30)
        .take_while(|&(_, c)| {
            !matches!(
                c,
                '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '\n'
            )
        })
        .last()
        .map_or(start, |(i, _)| i);
    DIRECTS.iter().any(|w| before[clause_start..].contains(w))
}

/// Whether the date at `start` ends a period (`有效期至2029年12月31日`,
/// `聘期自2024年1月1日至2025年12月31日`, `到2025年底`): written after 至 or
/// 到, but not after 截至 or 截止到, which report a state at that date; or
/// after a range mark that follows a date (`2024年1月1日—2025年12月31日`).
fn ends_a_period(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let after_mark = before
        .strip_suffix(['—', '～', '~', '－', '-', '–'])
        .map(|b| b.trim_end_matches('—'))
        .is_some_and(|b| b.ends_with(['日', '月', '年']));
    after_mark
        || (before.ends_with('至') || before.ends_with('到'))
            && !(before.ends_with("截至")
                || before.ends_with("截止到")
                || before.ends_with("截止至"))
}

impl Rule for DoneAfterSigning {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if !reports_on_a_year(cx.profile) {
            return;
        }
        let Some(s) = signing(cx) else { return };
        // A signing date in the report year is itself the error (D011):
        // measuring the body against it would repeat that one defect.
        if !s.is_full()
            || cx
                .doc
                .report_year
                .as_ref()
                .is_some_and(|ry| s.year.is_none_or(|y| y <= ry.year))
        {
            return;
        }
        let text = cx.text();
        let plan = plan_sections(cx.doc);
        // Only a date after the signing date needs its sentence: found
        // here the first time, and dropped with this rule (the shared ones
        // are freed after the arithmetic rules, before the dates).
        let sentences = std::cell::OnceCell::new();
        for d in dates(cx) {
            if d.role != Role::Body
                || !d.is_full()
                || matches!(d.year_from, YearFrom::Unknown | YearFrom::Doubtful { .. })
                || d.key() <= s.key()
                || in_plan_section(&plan, d.line())
            {
                continue;
            }
            if FUTURE_AFTER
                .iter()
                .any(|w| text[d.range().end..].starts_with(w))
                || takes_effect(&text[d.range().end..])
                || ends_a_period(text, d.range().start)
                || directed_deadline(text, d.range().start)
            {
                continue;
            }
            if let Some((_, sent)) = sentences
                .get_or_init(|| Sentences::new(cx.doc))
                .at(d.range().start)
                && (FUTURE_WORDS.iter().any(|w| text[sent.clone()].contains(w))
                    || pending(text, &sent, d.range().start))
            {
                continue;
            }
            let written = &*d.shown(text);
            out.push(
                Diagnostic::new(
                    d.range(),
                    format!(
                        "“{written}”晚于本报告的成文日期“{}”，却作为已做的事记述：请核对这里的日期或成文日期",
                        &text[s.range()]
                    ),
                )
                .with_label(s.range(), "成文日期"),
            );
        }
    }
}
