use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::{LineKind, is_space};
use crate::extract::Needles;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 被注入网页的赌博、博彩广告：`在线投注`、`体育投注`、`投注平台`、`真人娱乐`、`百家乐`、`娱乐城`、`彩金`、
    /// `开户送`、`bet365` 之类的广告用语，以及一长串数字紧跟“体育”“娱乐”“彩票”“棋牌”“博彩”“投注”的网站名
    /// （如 `38365365体育…`）。检查全文，包括导航栏等网页残留行。报告的范围是包含广告的那一段（以空白或
    /// 标点为界）；修复（不安全）是删去这一段。
    ///
    /// 不报告：公文中谈打击赌博的正常用语（`打击网络赌博`、`查处赌场`、`禁赌`），它们不含广告用语；广告用语
    /// 出现在谈执法或合法彩票的句子里时（`破获“百家乐”网络赌博案件3起`、`依法兑付体育彩票彩金`）也不报告。
    /// 网站名（一长串数字紧跟“体育”等、`bet365`）无论在哪里都报告。
    ///
    /// ## 为什么
    /// 政府网站被挂马、注入博彩广告的情况时有发生；从这样的页面复制的文稿会把广告带进公文。这类内容
    /// 绝不能印发或公开。
    ///
    /// ## 错误示例
    /// ```text
    /// 政府信息公开平台　88888888体育在线投注平台　政府信息公开目录
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 政府信息公开平台　政府信息公开目录
    /// 依法打击网络赌博违法犯罪活动。
    /// ```
    ///
    /// ## 依据
    /// 《中华人民共和国刑法》第三百零三条规定了赌博罪、开设赌场罪，赌博网站的广告是违法信息；《党政机关
    /// 公文处理工作条例》第二十条要求签发前审核公文内容。
    ///
    /// ## 选项
    /// 无。
    pub struct InjectedSpam {}
    meta {
        code: "P203",
        name: "injected-spam",
        severity: Error,
        summary: "文中混入赌博、博彩广告",
        fix: Always,
        unsafe_fix: true,
    }
}

static SPAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)在线投注|体育投注|彩票投注|投注平台|投注网|投注游戏|真人娱乐|真人视讯|百家乐|娱乐城|彩金|开户送|注册送",
        r"|首存送|博彩平台|博彩网|bet365|365bet|[0-9]{5,}(?:体育|娱乐|彩票|棋牌|博彩|投注|赌场)",
    ))
    .unwrap()
});

/// SPAM's Chinese words, for a SIMD-assisted first look at the whole text.
const WORDS: [&str; 10] = [
    "投注",
    "真人娱乐",
    "真人视讯",
    "百家乐",
    "娱乐城",
    "彩金",
    "开户送",
    "注册送",
    "首存送",
    "博彩",
];

/// The gambling words that SPAM's long digit runs are glued to.
const GLUED: [&str; 7] = ["体育", "娱乐", "彩票", "棋牌", "博彩", "投注", "赌场"];

/// [`WORDS`], then [`GLUED`], in one search (a word of both lists is found
/// as one of [`WORDS`]).
static FINDER: LazyLock<Needles> = LazyLock::new(|| {
    Needles::new(
        &WORDS
            .iter()
            .chain(GLUED.iter())
            .copied()
            .collect::<Vec<_>>(),
    )
});

/// Where SPAM may match: each of its Chinese words, `bet365` or `365bet` in
/// any case, and a gambling word right after five ASCII digits. A superset
/// of its matches, found with SIMD searches instead of a regex over the text.
fn triggers(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let bet = |r: std::ops::Range<usize>| b.get(r).is_some_and(|w| w.eq_ignore_ascii_case(b"bet"));
    let sites = memchr::memmem::find_iter(b, "365")
        .filter(move |&p| (p >= 3 && bet(p - 3..p)) || bet(p + 3..p + 6));
    let words = FINDER
        .find_iter(text)
        .filter(move |m| {
            let p = m.start();
            m.pattern().as_usize() < WORDS.len()
                || p >= 5 && b[p - 5..p].iter().all(u8::is_ascii_digit)
        })
        .map(|m| m.start());
    sites.chain(words)
}

fn boundary(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | '、'
                | ','
                | ';'
                | ':'
                | '|'
                | '（'
                | '）'
                | '('
                | ')'
                | '“'
                | '”'
        )
}

/// Words of a sentence that speaks of gambling as the law does: cases,
/// crackdowns, the lawful lottery.
const LAWFUL: [&str; 16] = [
    "赌博",
    "涉赌",
    "赌资",
    "破获",
    "侦破",
    "查处",
    "查获",
    "打击",
    "取缔",
    "整治",
    "案件",
    "犯罪",
    "福利彩票",
    "体育彩票",
    "兑付",
    "兑奖",
];

fn about_the_law(sentence: &str) -> bool {
    LAWFUL.iter().any(|w| sentence.contains(w))
}

/// The sentence of line `s` around `start..end`: from the 。；!? before it
/// to the one after it (or the line's ends).
fn sentence_around(s: &str, start: usize, end: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?');
    let from = s[..start]
        .rfind(is_end)
        .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8));
    let to = s[end..].find(is_end).map_or(s.len(), |p| end + p);
    &s[from..to]
}

/// Whether line `t` is an advertisement and nothing else: short, with no
/// sentence in it, matching the gambling words outside a sentence about
/// the law (the web-page residue reads it to keep a footer whole).
pub fn is_advert_line(t: &str) -> bool {
    crate::document::at_most_chars(t, 40)
        && !t.contains(['。', '，', ','])
        && !about_the_law(t)
        && triggers(t).next().is_some()
        && SPAM.is_match(t)
}

impl Rule for InjectedSpam {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // The lines holding a trigger: SPAM matches nowhere else (a trigger
        // holds no line end, so each lies within one line).
        let mut lines: Vec<usize> = triggers(doc.text).map(|at| doc.index.line_of(at)).collect();
        lines.sort_unstable();
        lines.dedup();
        for l in lines.into_iter().map(|i| &doc.lines[i]) {
            if l.kind == LineKind::Blank {
                continue;
            }
            let r = l.content();
            let s = &doc.text[r.clone()];
            let mut last_end = 0;
            for m in SPAM.find_iter(s) {
                if m.start() < last_end {
                    continue;
                }
                let start = s[last_end..m.start()]
                    .rfind(boundary)
                    .map_or(last_end, |p| {
                        last_end + p + s[last_end + p..].chars().next().map_or(1, char::len_utf8)
                    });
                let end = s[m.end()..].find(boundary).map_or(s.len(), |p| m.end() + p);
                last_end = end;
                // `破获“百家乐”网络赌博案件`, `兑付体育彩票彩金`: a word of the
                // trade in a sentence about enforcing the law or the lawful
                // lottery. A site's name (digits glued to 体育…, bet365) is
                // an advertisement wherever it stands.
                let word = !m.as_str().starts_with(|c: char| c.is_ascii_alphanumeric());
                if word && about_the_law(sentence_around(s, m.start(), m.end())) {
                    continue;
                }
                let seg = &s[start..end];
                out.push(
                    Diagnostic::new(
                        r.start + start..r.start + end,
                        format!("文中混入赌博广告“{seg}”，绝不能印发或公开"),
                    )
                    .with_label(r.start + m.start()..r.start + m.end(), "广告用语")
                    .with_note("多是网页被注入的广告随复制带入；请删除，并检查来源网页是否被篡改")
                    .with_fix(Fix::unsafe_(
                        "删去这段广告",
                        vec![Edit::delete(r.start + start..r.start + end)],
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spam_match_is_on_a_line_with_a_trigger() {
        let spam = [
            "欢迎访问在线投注平台",
            "真人视讯",
            "百家乐",
            "首存送彩金",
            "博彩网",
            "访问BET365",
            "访问Bet365官网",
            "365BeT",
            "888888体育",
            "1234567棋牌游戏",
            "2021赌场12345赌场",
        ];
        for s in spam {
            assert!(SPAM.is_match(s), "{s}");
            assert!(triggers(s).next().is_some(), "{s}");
        }
    }

    #[test]
    fn short_digit_runs_and_lone_numbers_are_no_trigger() {
        for s in [
            "2024年体育工作",
            "1234体育",
            "365天",
            "bet on 365",
            "第365号",
        ] {
            assert_eq!(triggers(s).next(), None, "{s}");
        }
        assert_eq!(
            triggers("共12345体育").collect::<Vec<_>>(),
            ["共".len() + 5]
        );
        // A word of both lists needs no digits.
        assert_eq!(triggers("博彩").collect::<Vec<_>>(), [0]);
    }
}
