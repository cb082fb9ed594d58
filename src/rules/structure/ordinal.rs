//! In-paragraph ordinals (一是、二是…, 第一，第二，…, 首先，其次，…, and the
//! enclosed numerals ①②③… and ⑴⑵⑶… that open an item), found once per
//! document and shared by S201 (the runs) and S202 (their punctuation)
//! through [`Context::ordinals`](crate::rules::Context::ordinals).
//!
//! One search of the whole text finds the words an ordinal holds: every 是
//! (a `一是` token ends in one; the numerals are read backwards from it),
//! every 第, and the four words 首先/其次/再次/最后. A second search, of two
//! bytes, finds the enclosed numerals (U+2460–U+2487 share their first two
//! bytes, `E2 91` or `E2 92`; most texts hold none and cost one pass of
//! memchr). Where one may be an ordinal, the quotation marks and 书名号
//! before it in its line tell whether it stands in quoted text. Nothing else
//! in the line is decoded.

use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{Document, LineKind, chinese_ordinal, is_space};
use crate::extract::{Needles, within};

/// The three kinds of in-paragraph ordinals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// 一是 二是
    Shi,
    /// 第一， 第二，
    Di,
    /// 首先， 其次， 再次， 最后，
    Shouxian,
    /// ① ② ③ … ⑳ opening an item
    Circled,
    /// ⑴ ⑵ ⑶ … ⒇ opening an item
    Parenthesized,
}

impl Family {
    /// The enclosed numeral `n` (1 to 20) of the two enclosed families.
    pub fn enclosed(self, n: u32) -> Option<char> {
        let first = match self {
            Family::Circled => 0x2460,
            Family::Parenthesized => 0x2474,
            _ => return None,
        };
        (1..=20)
            .contains(&n)
            .then(|| char::from_u32(first + n - 1))
            .flatten()
    }
}

/// The family and value of an enclosed numeral ①–⑳ or ⑴–⒇.
fn enclosed_value(c: char) -> Option<(Family, u32)> {
    match c as u32 {
        n @ 0x2460..=0x2473 => Some((Family::Circled, n - 0x2460 + 1)),
        n @ 0x2474..=0x2487 => Some((Family::Parenthesized, n - 0x2474 + 1)),
        _ => None,
    }
}

/// The first two bytes of every enclosed numeral ①–⒇ in UTF-8.
const ENCLOSED_PREFIXES: [&[u8]; 2] = [b"\xE2\x91", b"\xE2\x92"];

/// One ordinal word in running text.
#[derive(Clone, Debug)]
pub struct Token {
    pub family: Family,
    pub ordinal: u32,
    /// The ordinal word, e.g. `三是`, `第二`, `其次`.
    pub range: Range<usize>,
    /// The punctuation right after it (for 第一、 and 首先、), if any.
    pub punct: Option<Range<usize>>,
    /// Stands at the start of a sentence or clause.
    pub bounded: bool,
}

fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | ';'
            | '：'
            | ':'
            | '，'
            | ','
            | '、'
            | '！'
            | '!'
            | '？'
            | '?'
            | '）'
            | ')'
            | '　'
    ) || is_space(c)
}

pub const SHOUXIAN: [(&str, u32); 4] = [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 99)];

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The words an ordinal holds, in this order: 是 (a `一是` ends in one; the
/// numerals are read backwards from it), 第, then the four SHOUXIAN words.
const WORDS: [&str; 6] = ["是", "第", "首先", "其次", "再次", "最后"];
const SHI: usize = 0;
const DI: usize = 1;

/// The quotation marks and 书名号 that open (the first five) and close
/// quoted text, inside which no ordinal counts.
const QUOTES: [&str; 10] = ["“", "《", "「", "『", "〈", "”", "》", "」", "』", "〉"];
const OPEN_END: usize = 5;

/// The words are searched over the whole text; the quotation marks only in
/// a line before an ordinal. (One search for both, sixteen patterns, cost
/// two and a half times as much: Teddy has eight buckets, and the marks are
/// frequent.)
static WORD_FINDER: LazyLock<Needles> = LazyLock::new(|| Needles::new(&WORDS));
static QUOTE_FINDER: LazyLock<Needles> = LazyLock::new(|| Needles::new(&QUOTES));

/// Ordinal words in the running text of the document, outside quotation
/// marks and 书名号, in text order.
#[inline(never)]
pub fn tokens(doc: &Document<'_>) -> Vec<Token> {
    let mut out = Vec::new();
    // The words are searched once over the whole text: none holds a space
    // or a line break, so those inside a line's content are the ones a search
    // of the content finds, and the lines without one cost nothing.
    let mut words = WORD_FINDER.find_iter(doc.text).peekable();
    for line in &doc.lines {
        if words.peek().is_none() {
            break;
        }
        let content = line.content();
        // The words of this line's content; those before it (in a line
        // passed over, or in its leading spaces) are dropped.
        let here = within(&mut words, content.clone(), |m| m.start())
            .map(|m| (m.start() - content.start, m.pattern().as_usize()));
        if matches!(line.kind, LineKind::Body | LineKind::Heading) {
            line_tokens(doc.text, content.clone(), here, &mut out);
        } else {
            here.for_each(drop);
        }
    }
    let enclosed = enclosed_tokens(doc);
    if enclosed.is_empty() {
        return out;
    }
    // Both lists are in text order; one merge keeps it.
    let mut merged = Vec::with_capacity(out.len() + enclosed.len());
    let mut words = out.into_iter().peekable();
    for t in enclosed {
        while let Some(w) = words.next_if(|w| w.range.start < t.range.start) {
            merged.push(w);
        }
        merged.push(t);
    }
    merged.extend(words);
    merged
}

/// The enclosed numerals ①–⑳ and ⑴–⒇ that open an item (at the start of a
/// line, or after a clause's punctuation or a space) outside quoted text,
/// in text order. One written right after a character (`规定①`) marks a
/// note or labels something; it is no item of a list and is passed over.
fn enclosed_tokens(doc: &Document<'_>) -> Vec<Token> {
    let b = doc.text.as_bytes();
    let mut at: Vec<usize> = Vec::new();
    for prefix in ENCLOSED_PREFIXES {
        let n = at.len();
        at.extend(memchr::memmem::find_iter(b, prefix));
        if n > 0 && at.len() > n {
            at.sort_unstable();
        }
    }
    let mut out = Vec::new();
    if at.is_empty() {
        return out;
    }
    let mut at = at.into_iter().peekable();
    for line in &doc.lines {
        if at.peek().is_none() {
            break;
        }
        let content = line.content();
        let here = within(&mut at, content.clone(), |&p| p);
        if !matches!(line.kind, LineKind::Body | LineKind::Heading) {
            here.for_each(drop);
            continue;
        }
        let base = content.start;
        let s = &doc.text[content];
        let mut depth = Depth::default();
        let mut line: Vec<(usize, Family, u32, bool)> = Vec::new();
        for p in here {
            let i = p - base;
            if !s.is_char_boundary(i) {
                continue;
            }
            if let Some(c) = s[i..].chars().next()
                && let Some((family, ordinal)) = enclosed_value(c)
                && depth.at(s, i) == 0
            {
                line.push((i, family, ordinal, opens_item(s, i, c)));
            }
        }
        line_enclosed(&line, base, &mut out);
    }
    out
}

/// The enclosed numerals of one line (offset, family, value, whether it
/// opens an item by its place) as tokens: those that open an item, and a
/// ① after a word whose list goes on in the line with a ② that opens one
/// (`一是①加强学习；②落实制度`, `评查分为①主体、②程序`).
fn line_enclosed(line: &[(usize, Family, u32, bool)], base: usize, out: &mut Vec<Token>) {
    for (k, &(i, family, ordinal, opens)) in line.iter().enumerate() {
        let first_of_list = || {
            ordinal == 1
                && line[k + 1..]
                    .iter()
                    .find(|n| n.1 == family)
                    .is_some_and(|n| n.2 == 2 && n.3)
        };
        if opens || first_of_list() {
            // Every enclosed numeral is three bytes in UTF-8 (U+2460–U+2487).
            out.push(Token {
                family,
                ordinal,
                range: base + i..base + i + 3,
                punct: None,
                bounded: true,
            });
        }
    }
}

/// Whether the enclosed numeral `c` at `i` of line `s` opens an item by
/// its place: first in the line, or after a clause's punctuation, and
/// followed by the item's words. One after a closing bracket or quotation
/// mark, a space or a word marks a note (`……规定》④。`, `（2021—2025年）④`)
/// or stands in a formula (`③ = ① − ②`); one followed by 、 or 项 is cited
/// (`第①、③项`); one alone at the end of a line heads a column or a note.
fn opens_item(s: &str, i: usize, c: char) -> bool {
    let placed = i == 0
        || prev_char(s, i).is_some_and(|p| {
            matches!(
                p,
                '：' | ':' | '；' | ';' | '，' | ',' | '、' | '。' | '！' | '!' | '？' | '?'
            )
        });
    placed
        && s[i + c.len_utf8()..].chars().next().is_some_and(|n| {
            !matches!(
                n,
                '、' | '，'
                    | ','
                    | '。'
                    | '；'
                    | ';'
                    | '：'
                    | ':'
                    | '）'
                    | ')'
                    | '项'
                    | '条'
                    | '款'
                    | '类'
                    | '种'
                    | '个'
                    | '点'
                    | '号'
                    | '='
                    | '＝'
                    | '+'
                    | '＋'
            )
        })
}

/// How deep in quoted text each point of a line is, read forward: the
/// quotation marks between the last point asked and the next are searched
/// only when an ordinal may stand there.
#[derive(Default)]
struct Depth {
    /// Where the marks have been read up to.
    read_to: usize,
    depth: i32,
}

impl Depth {
    fn at(&mut self, s: &str, i: usize) -> i32 {
        for m in QUOTE_FINDER.find_iter(&s[self.read_to..i]) {
            if m.pattern().as_usize() < OPEN_END {
                self.depth += 1;
            } else {
                self.depth = (self.depth - 1).max(0);
            }
        }
        self.read_to = i;
        self.depth
    }
}

/// The tokens of one line, from its ordinal words (offsets in the line and
/// indices into [`WORDS`], in order).
fn line_tokens(
    text: &str,
    content: Range<usize>,
    words: impl Iterator<Item = (usize, usize)>,
    out: &mut Vec<Token>,
) {
    let base = content.start;
    let s = &text[content];
    let mut depth = Depth::default();
    for (i, pat) in words {
        if !may_be_ordinal(s, i, pat) || depth.at(s, i) > 0 {
            continue;
        }
        out.extend(token_at(s, base, i, pat));
    }
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn bounded_at(s: &str, i: usize) -> bool {
    prev_char(s, i).is_none_or(is_boundary)
}

/// What word `pat` at `i` of line `s` needs beside it to be an ordinal, as
/// far as it is checked before the quotation marks are read: a numeral
/// before 是, a numeral after 第 (the four words: nothing).
fn may_be_ordinal(s: &str, i: usize, pat: usize) -> bool {
    match pat {
        SHI => prev_char(s, i).is_some_and(is_numeral),
        DI => s[i + '第'.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_numeral),
        _ => true,
    }
}

/// The characters that make a word with a 一 after them (统一、唯一、同一、
/// 万一、单一、专一、划一、合一、如一), each with the characters before it
/// that make it the end of another word instead: 系统一是、合同一是、
/// 清单一是、规划一是 are a subject and an ordinal (全系统一是加强……).
const WORD_BEFORE_YI: [(char, &str); 10] = [
    ('统', "系传总血正"),
    ('唯', ""),
    ('惟', ""),
    ('同', "合共协会认赞连等陪如胡相不雷混大视"),
    ('万', ""),
    ('单', "清名菜订账简传表买孤"),
    ('专', "中大"),
    ('划', "计规策谋筹区企比刻"),
    ('合', "结综联配融整符组场适复混聚契磨吻集汇会统糅拼耦缝撮"),
    ('如', "例比假譬诸正犹有"),
];

/// Whether the text `before` a 一 ends in a character that makes a word
/// with it (see [`WORD_BEFORE_YI`]).
fn closes_word_with_yi(before: &str) -> bool {
    let mut back = before.chars().rev();
    let Some(c) = back.next() else {
        return false;
    };
    WORD_BEFORE_YI
        .iter()
        .find(|(w, _)| *w == c)
        .is_some_and(|(_, taken)| back.next().is_none_or(|p| !taken.contains(p)))
}

/// The ordinal that word `pat` at `i` of line `s` (at `base` in the text)
/// belongs to, if it is one; whether it is quoted is the caller's question.
fn token_at(s: &str, base: usize, i: usize, pat: usize) -> Option<Token> {
    let rest = &s[i..];
    match pat {
        SHI => {
            // The numerals right before 是, read backwards.
            let start = s[..i]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_numeral(c))
                .last()
                .map_or(i, |(k, _)| k);
            // 第一是…; 其一是、其二是, a list inside an item of the run;
            // 之一是、三分之二是.
            if start == i || matches!(prev_char(s, start), Some('第' | '其' | '之')) {
                return None;
            }
            let num = &s[start..i];
            // 统一是、唯一是: 一 closes a word, and the 是 is the verb after it.
            if num == "一" && closes_word_with_yi(&s[..start]) {
                return None;
            }
            // 实事求是、一是一二是二
            if rest['是'.len_utf8()..].starts_with(num) {
                return None;
            }
            let ord = chinese_ordinal(num).filter(|&o| o < 20)?;
            Some(Token {
                family: Family::Shi,
                ordinal: ord,
                range: base + start..base + i + '是'.len_utf8(),
                punct: None,
                bounded: bounded_at(s, start),
            })
        }
        DI => {
            if !bounded_at(s, i) {
                return None;
            }
            let head = '第'.len_utf8();
            let num_len: usize = rest[head..]
                .chars()
                .take_while(|&c| is_numeral(c))
                .map(char::len_utf8)
                .sum();
            if num_len == 0 {
                return None;
            }
            let end = head + num_len;
            let p = rest[end..]
                .chars()
                .next()
                .filter(|p| matches!(p, '，' | ',' | '、' | '：' | ':'))?;
            // 第一、二季度, 第一、第二批: ordinals listed side by side, which
            // the 顿号 rightly separates; no ordinal of a run.
            if p == '、' {
                let after = &rest[end + p.len_utf8()..];
                let after = after.strip_prefix('第').unwrap_or(after);
                if after.chars().next().is_some_and(is_numeral) {
                    return None;
                }
            }
            let ord = chinese_ordinal(&rest[head..end]).filter(|&o| o < 20)?;
            let r = base + i..base + i + end;
            let punct = (p == '、').then(|| r.end..r.end + p.len_utf8());
            Some(Token {
                family: Family::Di,
                ordinal: ord,
                range: r,
                punct,
                bounded: true,
            })
        }
        _ => {
            if !bounded_at(s, i) {
                return None;
            }
            let (w, ord) = SHOUXIAN[pat - DI - 1];
            let p = rest[w.len()..]
                .chars()
                .next()
                .filter(|p| matches!(p, '，' | ',' | '、'))?;
            let r = base + i..base + i + w.len();
            let punct = (p == '、').then(|| r.end..r.end + p.len_utf8());
            Some(Token {
                family: Family::Shouxian,
                ordinal: ord,
                range: r,
                punct,
                bounded: true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word at depth 0, each tried without the prefilter, the depth
    /// counted over every character of the line.
    fn walk(doc: &Document<'_>) -> Vec<Token> {
        let mut out = Vec::new();
        for line in &doc.lines {
            if !matches!(line.kind, LineKind::Body | LineKind::Heading) {
                continue;
            }
            let base = line.content().start;
            let s = &doc.text[line.content()];
            let mut depth = 0;
            let mut i = 0;
            let mut enclosed = Vec::new();
            while i < s.len() {
                let rest = &s[i..];
                if let Some(q) = QUOTES.iter().position(|q| rest.starts_with(q)) {
                    depth = if q < OPEN_END {
                        depth + 1
                    } else {
                        (depth - 1).max(0)
                    };
                } else if let Some(c) = rest.chars().next()
                    && let Some((family, ordinal)) = enclosed_value(c)
                {
                    if depth == 0 {
                        enclosed.push((i, family, ordinal, opens_item(s, i, c)));
                    }
                } else if let Some(w) = WORDS.iter().position(|w| rest.starts_with(w)) {
                    if depth == 0 {
                        out.extend(token_at(s, base, i, w));
                    }
                    i += WORDS[w].len();
                    continue;
                }
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
            line_enclosed(&enclosed, base, &mut out);
        }
        out.sort_by_key(|t| t.range.start);
        out
    }

    fn key(t: &Token) -> (Range<usize>, u32, Option<Range<usize>>, bool) {
        (t.range.clone(), t.ordinal, t.punct.clone(), t.bounded)
    }

    /// The search of the words, the prefilter and the quotation marks read
    /// only before a possible ordinal find what a walk over every
    /// character finds.
    #[test]
    fn tokens_are_what_a_walk_over_the_characters_finds() {
        let bits = [
            "一",
            "二",
            "三",
            "十",
            "是",
            "第",
            "首先",
            "其次",
            "再次",
            "最后",
            "，",
            "、",
            "：",
            "。",
            "“",
            "”",
            "《",
            "》",
            "「",
            "」",
            "『",
            "』",
            "〈",
            "〉",
            "依法",
            "之",
            "统",
            "系",
            "实事求",
            "\n",
            "　",
            "①",
            "②",
            "⑳",
            "⑴",
            "⒇",
            "㉑",
            "Ⅰ",
            "项",
            "）",
            " ",
            "=",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..20_000 {
            let n = rng.usize(0..30);
            let text: String = (0..n).map(|_| bits[rng.usize(..bits.len())]).collect();
            let doc = Document::new(&text);
            let got: Vec<_> = tokens(&doc).iter().map(key).collect();
            let want: Vec<_> = walk(&doc).iter().map(key).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // Quoted ordinals are not ordinals; the marks close again.
        let doc = Document::new("“一是”文件。《二是》，一是加强，\n二是落实。\n");
        let found: Vec<_> = tokens(&doc).iter().map(|t| t.ordinal).collect();
        assert_eq!(found, [1, 2]);
    }

    /// The enclosed numerals that open an item are ordinals of their own
    /// families, merged into text order with the words; one right after a
    /// character (a note's mark) and one in quotation marks are not.
    #[test]
    fn enclosed_numerals_that_open_an_item_are_ordinals() {
        let doc = Document::new(
            "①加强学习；②落实制度，一是培训。\n依照规定①执行，“③”不算。\n⑵完善台账\n\
             分为①主体、②程序。\n第①、③项，其中 ③ = ① − ②。\n规定》。④\n",
        );
        let found: Vec<_> = tokens(&doc)
            .iter()
            .map(|t| (t.family, t.ordinal, &doc.text[t.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                (Family::Circled, 1, "①"),
                (Family::Circled, 2, "②"),
                (Family::Shi, 1, "一是"),
                (Family::Parenthesized, 2, "⑵"),
                (Family::Circled, 1, "①"),
                (Family::Circled, 2, "②"),
            ]
        );
        assert_eq!(Family::Circled.enclosed(3), Some('③'));
        assert_eq!(Family::Parenthesized.enclosed(20), Some('⒇'));
        assert_eq!(Family::Circled.enclosed(21), None);
        assert_eq!(Family::Shi.enclosed(1), None);
    }
}
