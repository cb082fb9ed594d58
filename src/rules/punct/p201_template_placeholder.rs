use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::extract::{Needles, within};
use crate::rules::punct::text::{char_at, char_before, content_lines, is_han};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 模板里没有填的占位符：
    /// - 两个以上连写的 `XX`、`xx`、`××`、`ＸＸ`（`XX市`、`XX办函`），包括只填了一半的电话号码
    ///   （`0871-6238XXX`、`电话：6238XXX`）；
    /// - 日期、编号里的 `X`：`X月X日`、`20XX年`、`20xx年`、`〔2023〕X号`；
    /// - 代替数字的星号：`共召开会议*次`；
    /// - 括号里的填写提示：`（单位名称）`、`（部门名称）`、`（请填写…）`、`（此处…）`、`（待补充）`、
    ///   `（数据待补充）`，方头括号也一样：`【待补充】`、`【单位名称】`；方头括号里只有一个栏目名：
    ///   `【时间】`、`【地点】`、`【金额】`。
    ///
    /// 不报告：`（时间待定）`、`（另行通知）` 这样告诉读者情况的话；`（牵头单位）` 这样本身就可能是正文的栏目名；
    /// 公开案例中隐去的人名（常见姓氏或“欧阳”“司马”“诸葛”等复姓后两三个 `×`/`X`，后面是“诉”“等”“同志”“不服”或标点，
    /// 或者姓氏前是“对”“向”“由”“当事人”“申请人”等，如 `王××诉某镇人民政府`、`欧阳××诉某县自然资源局`、
    /// `对李XX进行询问`）；公开案例中隐去的
    /// 企业名称（其后几个汉字内是“公司”“厂”“店”“超市”“诊所”等，再往后同一句说到“案”“违法”“处罚”等，如
    /// `某县××食品有限公司销售过期食品案`）；英文单词、型号里的 X（`XXL`、`MAXX`、`X86`、`X光`、`iPhone X`）；数字之间的乘号
    /// （`3×4`、`1920×1080`）；数字后面的脚注星号（`100*`）。小写的 `xx` 只在挨着汉字时报告。
    ///
    /// 文稿给读者规定的格式里的占位符也不报告：引号、书名号里的格式（或用“或”“和”“、”连着写的几种格式）
    /// 前面是“统一为”“格式为”“命名为”“写为”
    /// “示例”“如”等，或者是“按照“…”格式”，如 `报告标题统一为“××单位2024年度法治政府建设情况报告”`，
    /// 这里的 `××` 由各单位照填。`附件` 后面标题是回执、某某表、承诺书等的空白表格，是发给收文单位填写的，
    /// 其中给填表人的提示（`（请填写完整网址）`、`（此处盖章）`）和待填的日期（`20××年×月×日`）不报告；
    /// 同样的提示写在正文或其他附件里，照常报告。
    ///
    /// ## 为什么
    /// 占位符说明文稿是从模板或范文改来的，还没有填上真实的内容。这样的文稿一旦印发或公开，就是严重差错。
    ///
    /// ## 错误示例
    /// ```text
    /// XX县人民政府于20XX年X月X日召开会议*次，（单位名称）负责落实。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县人民政府于2023年5月8日召开会议3次，县司法局负责落实。
    /// 采购A4纸200包，规格210×297毫米。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第二十条：公文文稿签发前应当审核“人名、地名、时间、数字、段落顺序、
    /// 引文等是否准确”。范文网站发布的模板中常见 `*`、`XX`、`××`、`20xx年`、`X月X日`、`（单位名称）` 等占位符。
    ///
    /// ## 选项
    /// 无。
    pub struct TemplatePlaceholder {}
    meta {
        code: "P201",
        name: "template-placeholder",
        severity: Error,
        summary: "模板占位符没有填写（XX、××、X月X日、20XX年、*次、（单位名称））",
        fix: None,
        reads: [RESIDUE],
    }
}

static RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[XxＸｘ×]{2,}").unwrap());
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:[0-9]{2})?[XxＸｘ×]{1,4}(?:年|月|日|号)").unwrap());
static STAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*{1,3}(?:次|件|个|人|项|家|名|万|亿|元|%|年|月|日|号|期|批|场|条|篇|户|所|余|天)")
        .unwrap()
});
static HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[（(【](?:单位名称|单位全称|部门名称|机关名称|文件名称|文件标题|项目名称|会议名称",
        r"|[^（()）【】]{0,4}待(?:补充|填写)",
        r"|请填写[^）)】]{0,12}|此处[^）)】]{0,12}|填写[^）)】]{0,12})[）)】]",
        // A bare field name in 【】, which 公文 text does not use otherwise.
        r"|【(?:时间|日期|地点|姓名|人名|数字|数量|金额|单位|部门|名称|标题|内容)】"
    ))
    .unwrap()
});

/// What every match of RUN, DATE, STAR and HINT contains, besides the ASCII
/// `X`, `x` and `*` and the two-byte `×` (looked for with memchr and memmem:
/// a one-byte pattern would keep the automaton off its SIMD path, and a
/// two-byte one makes its filter let through several times more of a
/// Chinese text): the full-width letters, and a word of two or three
/// characters that each of HINT's words holds (单位名称 and five more hold
/// 名称, 单位全称 全称, 文件标题 标题). Eight patterns search a draft
/// without any in 40% of the time the thirteen words took: those shared
/// the searcher's eight buckets, which let far more of a Chinese text
/// through to be checked. 【, which every bracketed field name holds, would
/// be a ninth and share a bucket again: it is looked for apart with memmem,
/// as `×` is.
static TRIGGER: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["Ｘ", "ｘ", "名称", "全称", "标题", "待补充", "填写", "此处"]));

/// Where the triggers (`X`, `x`, `*`, `×`, `【` and [`TRIGGER`]) start in `text`,
/// in increasing order (as `u32`: a text of English words holds many `x`).
/// Most documents hold none, and every placeholder holds one.
fn trigger_offsets(text: &str) -> Vec<u32> {
    let b = text.as_bytes();
    let mut at: Vec<u32> = memchr::memchr3_iter(b'X', b'x', b'*', b)
        .map(|p| p as u32)
        .collect();
    at.extend(memchr::memmem::find_iter(b, "×".as_bytes()).map(|p| p as u32));
    at.extend(memchr::memmem::find_iter(b, "【".as_bytes()).map(|p| p as u32));
    at.extend(TRIGGER.find_iter(text).map(|m| m.start() as u32));
    at.sort_unstable();
    at
}

fn latin(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
    })
}

/// Common one-character surnames, after which a run of two or three marks
/// hides a name. Left out: 于, 和, 万, 时, 全, 都, 安 and the like, which end
/// too many words before a template's slot (`定于××召开`).
const SURNAMES: &str = concat!(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢",
    "姜崔钟谭陆汪范金廖贾夏韦付傅方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵覃武戴莫孔向汤",
    "高石阮白严易乔赖施洪牛钱邢岳庞殷麦柳樊葛倪蒙颜鲁詹祝翟聂章温耿辛柴甘焦裴骆农苗霍晏涂卜戚卓",
    "蔺闵敖伍饶郎冉祁舒佘靳臧瞿牟阎欧"
);

/// Compound surnames, looked for before the one-character ones
/// (`欧阳××诉某县自然资源局`: 阳 alone is no surname).
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙",
    "宇文", "司徒", "申屠", "端木",
];

/// What follows a hidden name in a published case: 诉, 等, a title, a verb
/// of the case, or a mark that ends the name.
const AFTER_NAME: [&str; 30] = [
    "诉", "等", "与", "和", "、", "，", ",", "。", "；", "的", "不服", "申请", "因", "系", "涉嫌",
    "一案", "（", "(", "作出", "提出", "反映", "同志", "先生", "女士", "县长", "区长", "市长",
    "局长", "主任", "书记",
];

/// What comes before the surname of a hidden name in a published case: a
/// preposition that takes a person (`对李××进行`), a party to the case, or a
/// mark that starts a name.
const BEFORE_NAME: [&str; 17] = [
    "对",
    "向",
    "与",
    "由",
    "将",
    "被",
    "给",
    "、",
    "，",
    ",",
    "申请人",
    "当事人",
    "原告",
    "被告",
    "第三人",
    "村民",
    "群众",
];

/// Whether the marks at `start..end` of `s` hide a person's name in a
/// published case (`王××诉某镇人民政府`, `张××等3人`, `对李××进行`): two or
/// three marks after a common surname, and before what follows a name or
/// after what comes before one. An office's template slot (`××县`,
/// `提高××水平`) has none of that around it.
fn masks_a_name(s: &str, start: usize, end: usize) -> bool {
    let marks = s[start..end].chars().count();
    let head = &s[..start];
    let surname_len = match COMPOUND_SURNAMES.iter().find(|w| head.ends_with(**w)) {
        Some(w) => w.len(),
        None => match char_before(s, start).filter(|&c| SURNAMES.contains(c)) {
            Some(c) => c.len_utf8(),
            None => return false,
        },
    };
    let before = &s[..start - surname_len];
    (2..=3).contains(&marks)
        && (end == s.len()
            || AFTER_NAME.iter().any(|w| s[end..].starts_with(w))
            || BEFORE_NAME.iter().any(|w| before.ends_with(w)))
}

/// Whether the X's at `start..end` of `s` end a telephone number left half
/// filled (`0871-6238XXX`, `电话：6238XXX`): digits with an area code's
/// hyphen, or after 电话, 手机, 传真 or 热线, before them, and no letter or
/// digit after them.
fn half_filled_number(s: &str, start: usize, end: usize) -> bool {
    if latin(char_at(s, end)) {
        return false;
    }
    let run = s[..start]
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    let digits = &s[start - run..start];
    let before = s[..start - run].trim_end_matches([':', '：']);
    digits.bytes().filter(u8::is_ascii_digit).count() >= 3
        && (digits.contains('-')
            || ["电话", "手机", "传真", "热线"]
                .iter()
                .any(|w| before.ends_with(w)))
}

/// What ends the name of a business.
const BUSINESS: [&str; 16] = [
    "有限公司",
    "公司",
    "厂",
    "店",
    "超市",
    "诊所",
    "药房",
    "商行",
    "经营部",
    "酒店",
    "宾馆",
    "餐厅",
    "饭店",
    "门诊部",
    "合作社",
    "工作室",
];

/// What a published case says of a business it names: the case, the
/// wrong, the penalty.
const CASE_WORDS: [&str; 6] = ["案", "违法", "处罚", "诉", "涉嫌", "查处"];

/// Whether the marks at `start..end` of `s` hide a business's name in a
/// published case (`枫林县××食品有限公司销售过期食品案`): a business's
/// ending a few Chinese characters after them, and the case spoken of
/// after it. A template's slot (`××有限公司：`) has no case after it.
fn masks_a_business(s: &str, end: usize) -> bool {
    let rest = &s[end..];
    let name_end = rest
        .char_indices()
        .take(10)
        .take_while(|&(_, c)| is_han(c))
        .find_map(|(i, _)| {
            BUSINESS
                .iter()
                .find(|w| rest[i..].starts_with(**w))
                .map(|w| i + w.len())
        });
    name_end.is_some_and(|n| {
        let sentence = &rest[n..];
        let sentence = &sentence[..sentence.find(['。', '；', ';']).unwrap_or(sentence.len())];
        CASE_WORDS.iter().any(|w| sentence.contains(w))
    })
}

/// The placeholders of one line `s` (offsets in it), each once: what the
/// four searches find, merged where they touch or overlap. None in a line
/// without a trigger ([`trigger_offsets`]): every search's matches hold one.
fn placeholders(s: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for m in RUN.find_iter(s) {
        let (p, n) = (char_before(s, m.start()), char_at(s, m.end()));
        let t = m.as_str();
        if t.chars().all(|c| c == '×') {
            if p.is_some_and(|c| c.is_ascii_digit()) || n.is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
        } else if (latin(p) || latin(n)) && !half_filled_number(s, m.start(), m.end()) {
            continue;
        }
        if t.chars().all(|c| c == 'x' || c == 'ｘ')
            && !p.is_some_and(is_han)
            && !n.is_some_and(is_han)
        {
            continue;
        }
        if masks_a_name(s, m.start(), m.end()) || masks_a_business(s, m.end()) {
            continue;
        }
        found.push(m.range());
    }
    for m in DATE.find_iter(s) {
        let p = char_before(s, m.start());
        if latin(p) || (p.is_some_and(|c| c.is_ascii_digit())) {
            continue;
        }
        found.push(m.range());
    }
    for m in STAR.find_iter(s) {
        let p = char_before(s, m.start());
        if latin(p) || p == Some('*') {
            continue;
        }
        found.push(m.range());
    }
    found.extend(HINT.find_iter(s).map(|m| m.range()));
    // One finding per placeholder: merge what touches or overlaps.
    found.sort_by_key(|m| (m.start, m.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for m in found {
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    merged
}

/// What, written before a quoted text, makes it a format the document
/// prescribes (`报告标题统一为“××单位2024年度…报告”`, `示例：“××县…”`):
/// its marks stand for what each reader writes there.
const PRESCRIBES: [&str; 8] = [
    "统一为",
    "格式为",
    "命名为",
    "写为",
    "样式为",
    "示例",
    "格式",
    "如",
];

/// What, before a quoted text, goes with a word of format after it
/// (`按照“××市××局关于…的请示”格式`).
const BY: [&str; 4] = ["按照", "参照", "依照", "按"];
const FORMAT_AFTER: [&str; 5] = ["格式", "的格式", "样式", "的样式", "形式"];

/// Whether `m` of the line `s` lies inside a quoted format that the
/// document prescribes to its readers ([`PRESCRIBES`], [`BY`]): a variable
/// of that format, not a blank left in the draft.
fn in_prescribed_format(s: &str, m: &Range<usize>) -> bool {
    [('“', '”'), ('《', '》'), ('「', '」')]
        .iter()
        .any(|&(open, close)| {
            let head = &s[..m.start];
            let Some(o) = head.rfind(open) else {
                return false;
            };
            if head[o..].contains(close) {
                return false;
            }
            let Some(c) = s[m.end..].find(close).map(|c| m.end + c) else {
                return false;
            };
            let mut before = s[..o].trim_end_matches([':', '：', ' ', '\u{3000}']);
            // An alternative of the format (`统一为“××县…的报告”或“××局…
            // 报告”`): the words before the first of the quoted texts.
            for _ in 0..4 {
                let Some(prev) = ["或者", "或", "和", "及", "、"]
                    .iter()
                    .find_map(|w| before.strip_suffix(w))
                    .and_then(|b| b.strip_suffix(close))
                else {
                    break;
                };
                let Some(po) = prev.rfind(open) else {
                    break;
                };
                before = prev[..po].trim_end_matches([':', '：', ' ', '\u{3000}']);
            }
            let after = &s[c + close.len_utf8()..];
            PRESCRIBES.iter().any(|w| before.ends_with(w))
                || (BY.iter().any(|w| before.ends_with(w))
                    && FORMAT_AFTER.iter().any(|w| after.starts_with(w)))
        })
}

/// Whether `t` names a form or a text that the readers fill in and sign:
/// a 回执, a 表, a 承诺书 (with a bracketed note after it: `报名表（样表）`).
fn names_a_form(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c.is_whitespace());
    let t = match t.strip_suffix(['）', ')']) {
        Some(h) => h.rfind(['（', '(']).map_or(t, |o| &h[..o]),
        None => t,
    };
    t.contains("回执")
        || ["表", "单", "承诺书", "申请书", "确认书", "委托书", "授权书"]
            .iter()
            .any(|w| t.ends_with(w))
}

/// For every line of `doc`, whether it belongs to a blank form the
/// document attaches for its readers to fill in: from an `附件` line whose
/// title (after its colon, or on the next line) names a form
/// ([`names_a_form`]) to the next `附件` line; or the whole document, when
/// its first line names one.
fn form_lines(doc: &crate::document::Document<'_>) -> Vec<bool> {
    use crate::document::LineKind;
    let mut out = vec![false; doc.lines.len()];
    let (mut in_form, mut title_next, mut first) = (false, false, true);
    for (i, l) in doc.lines.iter().enumerate() {
        if l.kind == LineKind::Blank {
            continue;
        }
        let t = doc.line_text(i);
        if first {
            in_form = names_a_form(t) && t.chars().count() <= 40;
            first = false;
        }
        match crate::rules::structure::attachment_line(t) {
            Some(false) => {
                let title = t
                    .split_once(['：', ':'])
                    .map_or("", |(_, r)| r)
                    .trim_matches(|c: char| c.is_whitespace());
                title_next = title.is_empty();
                in_form = !title_next && names_a_form(title);
            }
            Some(true) => (in_form, title_next) = (false, false),
            None if title_next => {
                in_form = names_a_form(t) && t.chars().count() <= 40;
                title_next = false;
            }
            None => {}
        }
        out[i] = in_form;
    }
    out
}

/// A whole date left for whoever fills in a form (`20××年×月×日`).
static FORM_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{2})?[XxＸｘ×]{1,4}年(?:[XxＸｘ×]{1,2}月(?:[XxＸｘ×]{1,2}日)?)?$")
        .unwrap()
});

/// What a blank form leaves for whoever fills it in: a note in brackets
/// that tells what to write or where to stamp (`（请填写完整网址）`,
/// `（此处盖章）`), or a date field (`20××年×月×日`).
fn is_form_field(t: &str) -> bool {
    let inner = t
        .strip_prefix(['（', '(', '【'])
        .and_then(|r| r.strip_suffix(['）', ')', '】']));
    inner.is_some_and(|r| ["请填写", "填写", "此处"].iter().any(|w| r.starts_with(w)))
        || FORM_DATE.is_match(t)
}

impl Rule for TemplatePlaceholder {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let triggers = trigger_offsets(doc.text);
        if triggers.is_empty() {
            return;
        }
        let residue = cx.residue();
        // Which lines are a blank form's: read once, the first time a
        // form's field is found.
        let mut forms: Option<Vec<bool>> = None;
        // Only the lines that hold a trigger are searched: the four searches
        // of every line of a long document cost more than one search of its
        // text for the triggers.
        let mut triggers = triggers.into_iter().peekable();
        for (i, r) in content_lines(doc, residue) {
            if within(&mut triggers, r.clone(), |&p| p as usize).count() == 0 {
                continue;
            }
            let s = &doc.text[r.clone()];
            for m in placeholders(s) {
                let t = &s[m.clone()];
                if in_prescribed_format(s, &m)
                    || (is_form_field(t) && forms.get_or_insert_with(|| form_lines(doc))[i])
                {
                    continue;
                }
                out.push(
                    Diagnostic::new(r.start + m.start..r.start + m.end, format!("模板占位符“{t}”没有填写"))
                        .with_note("文稿中不应留有 XX、××、X月X日、*次、（单位名称）这类占位符；请填入真实内容"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line without a trigger holds no placeholder, so that only the
    /// lines with one need the four searches: on random lines made of the
    /// placeholders' pieces and their neighbours.
    #[test]
    fn a_line_without_a_trigger_holds_no_placeholder() {
        let pieces = [
            "X",
            "x",
            "Ｘ",
            "ｘ",
            "×",
            "*",
            "年",
            "月",
            "日",
            "号",
            "次",
            "件",
            "万",
            "%",
            "（",
            "）",
            "(",
            ")",
            "单位",
            "名称",
            "单位名称",
            "全称",
            "文件",
            "标题",
            "会议",
            "填写",
            "请",
            "此处",
            "待补充",
            "待",
            "补充",
            "填",
            "【",
            "】",
            "时间",
            "地点",
            "甲",
            "a",
            "1",
            "20",
            " ",
        ];
        let (mut with_trigger, mut with_placeholder) = (0, 0);
        crate::testing::for_random_texts(7, 30_000, &pieces, 1..10, |t| {
            let found = placeholders(t);
            if trigger_offsets(t).is_empty() {
                assert!(found.is_empty(), "{t:?}: {found:?}");
            } else {
                with_trigger += 1;
                with_placeholder += usize::from(!found.is_empty());
            }
        });
        assert!(
            with_trigger > 10_000 && with_placeholder > 3_000,
            "{with_trigger} {with_placeholder}"
        );
    }

    /// Each of HINT's words, bracketed, is a placeholder and holds a trigger
    /// (the random lines above seldom put a whole one together).
    #[test]
    fn every_hint_word_holds_a_trigger() {
        for w in [
            "单位名称",
            "单位全称",
            "部门名称",
            "机关名称",
            "文件名称",
            "文件标题",
            "项目名称",
            "会议名称",
            "待补充",
            "待填写",
            "请填写日期",
            "此处写明",
            "填写",
            "数据待补充",
            "人数待填写",
        ] {
            for line in [
                format!("（{w}）"),
                format!("甲({w})乙"),
                format!("甲【{w}】乙"),
            ] {
                assert_eq!(placeholders(&line).len(), 1, "{line}");
                assert!(!trigger_offsets(&line).is_empty(), "{line}");
            }
        }
    }

    /// The rule reports, line by line, what the searches find in every
    /// line, whichever lines hold the triggers.
    #[test]
    fn only_lines_with_triggers_are_searched_and_none_is_missed() {
        let text = "关于XX县的报告\n依法行政。\n全年办理*件。\n严格执法。\n（单位名称）\n20xx年X月X日\n加强监督。\n";
        let doc = crate::document::Document::new(text);
        let residue = crate::rules::punct::text::residue_lines(&doc);
        let want: Vec<Range<usize>> = content_lines(&doc, &residue)
            .flat_map(|(_, r)| {
                placeholders(&text[r.clone()])
                    .into_iter()
                    .map(move |m| r.start + m.start..r.start + m.end)
            })
            .collect();
        assert_eq!(want.len(), 4, "{want:?}");
        let engine = crate::testing::engine_selecting("P201");
        let got: Vec<Range<usize>> = engine
            .lint(std::path::Path::new("draft.txt"), text)
            .expect("lint")
            .diagnostics
            .iter()
            .map(|d| d.range())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn each_kind_of_placeholder_lets_a_document_through_the_prefilter() {
        for text in [
            "××市司法局：",
            "ＸＸ县：",
            "20xx年",
            "共*件",
            "（单位名称）",
            "（请填写日期）",
            "此处填写",
        ] {
            let doc = format!("依法行政。\n{text}\n加强监督。");
            assert!(!trigger_offsets(&doc).is_empty(), "{text}");
        }
        assert!(trigger_offsets("依法行政，严格执法，加强监督。").is_empty());
    }
}
