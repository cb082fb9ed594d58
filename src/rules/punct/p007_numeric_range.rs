use std::sync::LazyLock;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::Needles;
use crate::rules::punct::text::{FOLDED_MIN, char_before, is_han, lines_with, positions_iter};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 带计量单位、百分号或“万”“亿”的数值范围：
    /// - 连接号用了短横线 `-`、全角 `－`、短破折 `–`、`〜`、破折号 `——` 或形似一字线的汉字“一”（`2一3年`，
    ///   “一”两边紧挨着数字）的，改为浪纹线“～”；半角 `~`
    ///   也改，但全文标点被折叠为半角时（见 P006）它可能原本就是“～”，不报告；
    /// - 后一个数值带 `%`、`‰` 而前一个没带的，补上（`10-20%` → `10%～20%`）；
    /// - 后一个数值带“万”“亿”“千”而前一个没带的，补上（`5-10万元` → `5万元～10万元`，`5-10万人` →
    ///   `5万～10万人`）。
    ///
    /// 一字线“—”是标准允许的数值范围连接号，不报告（但缺少的 % 或“万”仍会指出）。
    ///
    /// 年数的范围（`用3-5年时间`，两端都不超过10）也检查。
    ///
    /// 分数的范围（`成绩60-100分为合格`、`扣1-2分`）也检查：“分”后面不跟汉字，或跟“为”“的”“以”“之间”
    /// “左右”“合格”等。“分”与后面的字成词的（`分局`、`分别`、`分队`、`分之一`）不是单位，不报告；时间里的
    /// 分（`8时30-40分`、`9:00-11:30`）不报告。`分钟` 是时长的单位，照常检查（`10-15分钟`）。
    ///
    /// 不报告：后面不跟单位的数字串（电话号码 `0771-5530468`、标准号 `GB/T 15834-2011`、门牌号、编号）；
    /// 年份、月、日、号的范围（如 `2017-2020年`、`1-3月`：年份和日期范围由 D 族规则检查）；纯数字日期
    /// `2018-03-10`；时间 `9:00-17:00`。
    ///
    /// ## 为什么
    /// `5-10万元` 会被读成“5元到10万元”；`10-20%` 会被读成“10到20%”。短横线用于连接号码，不用于数值范围。
    ///
    /// ## 错误示例
    /// ```text
    /// 每个站点配备3-5人，补助5-10万元，覆盖率提高10-20%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 每个站点配备3～5人，补助5万元～10万元，覆盖率提高10%～20%。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.13.3.2：标示数值范围的起止，一般用一字线，有时也可用浪纹线（示例“25～30g”）；
    /// 4.13.3.1：短横线用于连接号码。GB/T 15835-2011：数值范围前后两个数值的附加符号或计量单位省略后会造成
    /// 歧义的，不应省略（“15%～30%”不写为“15～30%”，“13万元～17万元”不写为“13～17万元”）。
    ///
    /// ## 选项
    /// 无。
    pub struct NumericRange {}
    meta {
        code: "P007",
        name: "numeric-range",
        severity: Warning,
        summary: "数值范围的连接号应为“～”，%、万、亿前后都要写",
        fix: Always,
        reads: [RESIDUE, HALFWIDTH],
    }
}

/// Units after which a range needs nothing repeated (longest first among
/// those sharing a prefix).
const UNITS: [&str; 65] = [
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "人次",
    "小时",
    "分钟",
    "个月",
    "周岁",
    "工作日",
    "课时",
    "学时",
    "公斤",
    "千克",
    "个",
    "人",
    "名",
    "件",
    "项",
    "次",
    "家",
    "户",
    "所",
    "座",
    "台",
    "辆",
    "元",
    "吨",
    "亩",
    "米",
    "天",
    "周",
    "岁",
    "倍",
    "册",
    "份",
    "场",
    "期",
    "批",
    "条",
    "篇",
    "本",
    "张",
    "套",
    "间",
    "株",
    "棵",
    "位",
    "类",
    "种",
    "卷",
    "宗",
    "处",
    "组",
    "支",
    "部",
    "℃",
    "毫升",
    "千瓦",
    "升",
    "克",
];

/// The most years a span of years (`3-5年`) is read with: more is a year of
/// an era or a century (`17-20年`), not a span.
const MAX_YEARS: u32 = 10;

/// Magnitudes that change the value and must be written on both sides.
const MAGNITUDES: [&str; 10] = [
    "万亿元",
    "万亿",
    "万元",
    "亿元",
    "千元",
    "百元",
    "万",
    "亿",
    "千",
    "百",
];

fn longest_prefix<'a>(s: &str, list: &[&'a str]) -> Option<&'a str> {
    list.iter()
        .filter(|u| s.starts_with(**u))
        .max_by_key(|u| u.len())
        .copied()
}

/// The suffix after the right-hand number, and what the left side must
/// repeat (empty when nothing).
fn right_suffix(s: &str) -> Option<(usize, &'static str)> {
    if s.starts_with('%') {
        return Some((1, "%"));
    }
    if s.starts_with('‰') {
        return Some(('‰'.len_utf8(), "‰"));
    }
    if let Some(u) = longest_prefix(s, &UNITS) {
        return Some((u.len(), ""));
    }
    if is_score(s) {
        return Some(('分'.len_utf8(), ""));
    }
    let m = longest_prefix(s, &MAGNITUDES)?;
    let rest = &s[m.len()..];
    let unit = if m.ends_with('元') {
        0
    } else {
        longest_prefix(rest, &UNITS).map_or(0, str::len)
    };
    Some((m.len() + unit, m))
}

/// What may follow 分 when it is a score (`60-100分为合格`, `扣1-2分。`):
/// anything but a Chinese character, or one of these words. A character
/// that makes a word with 分 (分局、分别、分队、分之一、分册) is no score.
/// (分钟 is one of [`UNITS`].)
const AFTER_SCORE: [&str; 16] = [
    "为",
    "的",
    "以",
    "之间",
    "不等",
    "左右",
    "者",
    "区间",
    "档",
    "段",
    "计",
    "合格",
    "及格",
    "优秀",
    "良好",
    "不合格",
];

/// Whether `s`, after the right-hand number, starts with 分 as a score.
fn is_score(s: &str) -> bool {
    s.strip_prefix('分').is_some_and(|r| {
        r.chars().next().is_none_or(|c| !is_han(c)) || AFTER_SCORE.iter().any(|w| r.starts_with(w))
    })
}

/// Parse `digits[.digits]` at the start of `s`; returns its length.
fn number_at(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if i == 0 {
        return 0;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
    i
}

/// Parse `digits[.digits]` ending at `end`; returns its start.
fn number_before(s: &str, end: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = end;
    while i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.') {
        i -= 1;
    }
    while i < end && b[i] == b'.' {
        i += 1;
    }
    (i < end && b[i].is_ascii_digit() && b[end - 1].is_ascii_digit()).then_some(i)
}

/// The connectors besides `-` and `~` (looked for with memchr).
static CONNECTORS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["－", "–", "〜", "～", "—"]));

/// The places of the character 一 between two ASCII digits (`2一3年`): typed
/// for a dash, which it looks like, and read as one of the connectors. One
/// search for its three bytes; 一 is frequent, but seldom beside a digit.
fn han_yi_between_digits(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    memchr::memmem::find_iter(b, "一".as_bytes())
        .filter(move |&i| crate::document::yi_dash_at(b, i))
}

impl Rule for NumericRange {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let residue = cx.residue();
        let mut folded: Option<bool> = None;
        // The connectors are single characters: those of the whole text are
        // those of its lines.
        let all = itertools::merge(
            positions_iter(doc.text, b"-~", &CONNECTORS),
            han_yi_between_digits(doc.text),
        );
        for (_, r, here) in lines_with(doc, residue, all) {
            let s = &doc.text[r.clone()];
            for i in here {
                let Some(c) = s[i..].chars().next() else {
                    continue;
                };
                let mut conn_end = i + c.len_utf8();
                if c == '—' {
                    if s[..i].ends_with('—') {
                        continue; // second half of a ——, handled with the first
                    }
                    if s[conn_end..].starts_with('—') {
                        conn_end += '—'.len_utf8();
                    }
                }
                // Right: a number, then a unit.
                let rn = number_at(&s[conn_end..]);
                if rn == 0 {
                    continue;
                }
                let after_num = conn_end + rn;
                // A span of years (`用3-5年时间`) is a range of numbers; a
                // range of years (`2017-2020年`) is D005's.
                let years = |n: &str| n.parse::<u32>().is_ok_and(|v| v <= MAX_YEARS);
                let right_years = s[after_num..].starts_with('年')
                    && !s[after_num..].starts_with("年度")
                    && years(&s[conn_end..after_num]);
                let Some((slen, repeat)) =
                    right_suffix(&s[after_num..]).or(right_years.then_some(('年'.len_utf8(), "")))
                else {
                    continue;
                };
                let right_end = after_num + slen;
                // Left: a number, optionally with its own unit (a run of Han or % ‰ ℃).
                let tail_start = {
                    let mut t = i;
                    while let Some(p) = char_before(s, t) {
                        if (is_han(p) || matches!(p, '%' | '‰' | '℃')) && i - t < 18 {
                            t -= p.len_utf8();
                        } else {
                            break;
                        }
                    }
                    t
                };
                let Some(left_start) = number_before(s, tail_start) else {
                    continue;
                };
                if right_years && !years(&s[left_start..tail_start]) {
                    continue;
                }
                let before = char_before(s, left_start);
                // The minutes of a time (`8时30-40分`, `8点30-45分`) are
                // not a score.
                if s[after_num..].starts_with('分') && matches!(before, Some('时' | '点')) {
                    continue;
                }
                if before.is_some_and(|p| {
                    p.is_ascii_alphanumeric()
                        || matches!(
                            p,
                            '.' | '-' | '－' | '/' | ':' | '：' | '_' | '#' | '~' | '～' | '—'
                        )
                }) {
                    continue;
                }
                let left_has_unit = tail_start < i;
                // The character 一 connects only digits written right
                // beside it (`2一3年`); after a unit it is a word (`3个一…`).
                if c == '一' && left_has_unit {
                    continue;
                }
                let conn = &s[i..conn_end];
                let conn_wrong = match c {
                    '-' | '－' | '–' | '〜' | '一' => true,
                    '—' => conn_end - i > '—'.len_utf8(),
                    '~' => !*folded.get_or_insert_with(|| cx.halfwidth().is_folded(FOLDED_MIN)),
                    _ => false,
                };
                let needs_repeat = !repeat.is_empty() && !left_has_unit;
                if !conn_wrong && !needs_repeat {
                    continue;
                }
                let new_conn = if conn_wrong { "～" } else { conn };
                let ins = if needs_repeat { repeat } else { "" };
                let fixed = format!(
                    "{}{ins}{new_conn}{}",
                    &s[left_start..i],
                    &s[conn_end..right_end]
                );
                let span = r.start + left_start..r.start + right_end;
                let mut d = Diagnostic::new(
                    span,
                    format!("数值范围“{}”应写作“{fixed}”", &s[left_start..right_end]),
                );
                let mut edits = Vec::new();
                if needs_repeat {
                    d = d.with_note(format!(
                        "前后两个数值都要带“{repeat}”：省略后会造成歧义（GB/T 15835-2011，如“15%～30%”不写为“15～30%”）"
                    ));
                    edits.push(Edit::insert(r.start + i, repeat));
                }
                if conn_wrong {
                    let which = if c == '一' {
                        "（这里是汉字“一”，不是一字线“—”）"
                    } else {
                        ""
                    };
                    d = d.with_note(format!(
                        "数值范围用浪纹线“～”连接，不用“{conn}”{which}（GB/T 15834-2011 4.13.3.2）"
                    ));
                    edits.push(Edit::replace(r.start + i..r.start + conn_end, "～"));
                }
                out.push(d.with_fix(Fix::safe(format!("改为“{fixed}”"), edits)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        assert_eq!(right_suffix("%以上"), Some((1, "%")));
        assert_eq!(right_suffix("万元的"), Some(("万元".len(), "万元")));
        assert_eq!(right_suffix("万人参加"), Some(("万人".len(), "万")));
        assert_eq!(right_suffix("千米"), Some(("千米".len(), "")));
        assert_eq!(right_suffix("个百分点"), Some(("个百分点".len(), "")));
        assert_eq!(right_suffix("年"), None);
        assert_eq!(right_suffix("分为合格"), Some(("分".len(), "")));
        assert_eq!(right_suffix("分。"), Some(("分".len(), "")));
        assert_eq!(right_suffix("分"), Some(("分".len(), "")));
        assert_eq!(right_suffix("分钟"), Some(("分钟".len(), "")));
        for word in ["分局", "分别", "分队", "分之一", "分册", "分会场"] {
            assert_eq!(right_suffix(word), None, "{word}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number_at("16.5万"), 4);
        assert_eq!(number_at("3.万"), 1);
        assert_eq!(number_before("约0.5", 6), Some(3));
        assert_eq!(number_before("年.", 4), None);
    }
}
