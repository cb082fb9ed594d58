//! In-paragraph ordinals (一是、二是…, 第一，第二，…, 首先，其次，…), found
//! once per document and shared by S201 (the runs) and S202 (their
//! punctuation) through [`Context::ordinals`](crate::rules::Context::ordinals).
//!
//! One Aho-Corasick pass per line finds the anchors: the quotation marks and
//! 书名号 that open and close quoted text, every 是 (a `一是` token ends in
//! one; the numerals are read backwards from it), every 第, and the four
//! words 首先/其次/再次/最后. Nothing else in the line is decoded.

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
}

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

/// Anchor patterns, in this order: five opening marks, five closing marks,
/// 是, 第, then the four SHOUXIAN words.
const ANCHORS: [&str; 16] = [
    "“", "《", "「", "『", "〈", "”", "》", "」", "』", "〉", "是", "第", "首先", "其次", "再次",
    "最后",
];
const OPEN_END: usize = 5;
const CLOSE_END: usize = 10;
const SHI: usize = 10;
const DI: usize = 11;

static FINDER: LazyLock<Needles> = LazyLock::new(|| Needles::new(&ANCHORS));

/// Ordinal words in the running text of the document, outside quotation
/// marks and 书名号, in text order.
pub fn tokens(doc: &Document<'_>) -> Vec<Token> {
    let mut out = Vec::new();
    // The anchors are searched once over the whole text: none holds a space
    // or a line break, so those inside a line's content are the ones a search
    // of the content finds, and the lines without one cost nothing.
    let mut anchors = FINDER.find_iter(doc.text).peekable();
    for line in &doc.lines {
        if anchors.peek().is_none() {
            break;
        }
        let content = line.content();
        // The anchors of this line's content; those before it (in a line
        // passed over, or in its leading spaces) are dropped.
        let here = within(&mut anchors, content.clone(), |m| m.start())
            .map(|m| (m.start() - content.start, m.pattern().as_usize()));
        if matches!(line.kind, LineKind::Body | LineKind::Heading) {
            line_tokens(doc.text, content.clone(), here, &mut out);
        } else {
            here.for_each(drop);
        }
    }
    out
}

/// The tokens of one line, from its anchors (offsets in the line and
/// pattern indices, in order).
fn line_tokens(
    text: &str,
    content: Range<usize>,
    anchors: impl Iterator<Item = (usize, usize)>,
    out: &mut Vec<Token>,
) {
    let base = content.start;
    let s = &text[content];
    let prev_char = |i: usize| s[..i].chars().next_back();
    let bounded_at = |i: usize| prev_char(i).is_none_or(is_boundary);
    let mut depth = 0i32;
    for (i, pat) in anchors {
        if pat < OPEN_END {
            depth += 1;
            continue;
        }
        if pat < CLOSE_END {
            depth = (depth - 1).max(0);
            continue;
        }
        if depth > 0 {
            continue;
        }
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
                if start == i || prev_char(start) == Some('第') {
                    continue;
                }
                let num = &s[start..i];
                // 实事求是、一是一二是二
                if rest['是'.len_utf8()..].starts_with(num) {
                    continue;
                }
                if let Some(ord) = chinese_ordinal(num).filter(|&o| o < 20) {
                    out.push(Token {
                        family: Family::Shi,
                        ordinal: ord,
                        range: base + start..base + i + '是'.len_utf8(),
                        punct: None,
                        bounded: bounded_at(start),
                    });
                }
            }
            DI => {
                if !bounded_at(i) {
                    continue;
                }
                let head = '第'.len_utf8();
                let num_len: usize = rest[head..]
                    .chars()
                    .take_while(|&c| is_numeral(c))
                    .map(char::len_utf8)
                    .sum();
                if num_len == 0 {
                    continue;
                }
                let end = head + num_len;
                let Some(p) = rest[end..]
                    .chars()
                    .next()
                    .filter(|p| matches!(p, '，' | ',' | '、' | '：' | ':'))
                else {
                    continue;
                };
                let Some(ord) = chinese_ordinal(&rest[head..end]).filter(|&o| o < 20) else {
                    continue;
                };
                let r = base + i..base + i + end;
                let punct = (p == '、').then(|| r.end..r.end + p.len_utf8());
                out.push(Token {
                    family: Family::Di,
                    ordinal: ord,
                    range: r,
                    punct,
                    bounded: true,
                });
            }
            _ => {
                if !bounded_at(i) {
                    continue;
                }
                let (w, ord) = SHOUXIAN[pat - DI - 1];
                let Some(p) = rest[w.len()..]
                    .chars()
                    .next()
                    .filter(|p| matches!(p, '，' | ',' | '、'))
                else {
                    continue;
                };
                let r = base + i..base + i + w.len();
                let punct = (p == '、').then(|| r.end..r.end + p.len_utf8());
                out.push(Token {
                    family: Family::Shouxian,
                    ordinal: ord,
                    range: r,
                    punct,
                    bounded: true,
                });
            }
        }
    }
}
