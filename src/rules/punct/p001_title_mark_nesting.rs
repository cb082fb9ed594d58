use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::LineKind;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 双书名号《》里面的书名是否用了单书名号“〈〉”（U+3008/U+3009）。写成小于号、大于号 `<>` 或全角的
    /// `＜＞` 的，指出并安全地替换为〈〉，只有一半（只有 `<` 或只有 `>`）的只指出、不修复；里层又用了
    /// 双书名号的（《关于转发《某办法》的通知》），指出里层的《》并安全地改为〈〉。
    ///
    /// 外层的《在同一行里没有合上时，哪一个书名号是多余的说不准，不报告，留给 P002。套在〈〉或尖括号
    /// 里的第三层书名不检查（标准没有规定第三层的写法）。《》之外的 `<` `>`（数学式、网页面包屑的
    /// “首页 > …”）不检查。
    ///
    /// ## 为什么
    /// `<>` 是数学符号，不是标点。书名号里套书名号时，外层用双书名号、里层用单书名号，这是国家标准的
    /// 规定；用 `<>` 代替，是从网页或输入法里带进来的常见差错；里外两层都用双书名号，读者分不清哪个
    /// 书名在哪一层结束。
    ///
    /// ## 错误示例
    /// ```text
    /// 《关于印发<某县行政执法公示办法>的通知》
    /// 《关于修改＜中华人民共和国法官法＞等八部法律的决定》
    /// 《关于转发《某市行政复议办法》的通知》
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《关于印发〈某县行政执法公示办法〉的通知》
    /// 《关于转发〈某市行政复议办法〉的通知》
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.15：“书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号。”
    /// 单书名号为“〈〉”（U+3008/U+3009）。
    ///
    /// ## 选项
    /// 无。
    pub struct TitleMarkNesting {}
    meta {
        code: "P001",
        name: "title-mark-nesting",
        severity: Error,
        summary: "书名号内的书名用了“<>”“＜＞”或双书名号，应为单书名号“〈〉”",
        fix: Sometimes,
        reads: [RESIDUE, PAIR_MARKS],
    }
}

/// Whether the mark at byte `p` is one the rule reads: 《》〈〉, ＜＞ or `<>`
/// (the shared search also finds P002's “”（）()).
fn is_mine(b: &[u8], p: usize) -> bool {
    match b[p] {
        b'<' | b'>' => true,
        0xE3 => b[p + 1] == 0x80 && matches!(b[p + 2], 0x88..=0x8B),
        0xEF => b[p + 1] == 0xBC && matches!(b[p + 2], 0x9C | 0x9E),
        _ => false,
    }
}

/// Whether the mark at byte `p` (one the rule reads) is an angle mark.
fn is_angle(b: &[u8], p: usize) -> bool {
    matches!(b[p], b'<' | b'>' | 0xEF)
}

/// A mark left open on a line.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    /// 《 at this offset in the line.
    Title(usize),
    /// 〈.
    Single,
    /// `<` or `＜` at this offset.
    Angle(usize),
}

/// Whether some 《 opens while another 《 of the same line is open: the one
/// question asked of a text without angle marks before its lines are read.
/// The text between two marks is searched for a line end only while a 《 is
/// open, which is rarely for long.
fn titles_nest(text: &str, marks: &[usize]) -> bool {
    let b = text.as_bytes();
    let mut depth = 0u32;
    let mut last = 0;
    for &p in marks {
        if depth > 0 && memchr::memchr2(b'\n', b'\r', &b[last..p]).is_some() {
            depth = 0;
        }
        last = p;
        let mark = &b[p..];
        if mark.starts_with("《".as_bytes()) {
            if depth > 0 {
                return true;
            }
            depth += 1;
        } else if mark.starts_with("》".as_bytes()) {
            depth = depth.saturating_sub(1);
        }
    }
    false
}

impl Rule for TitleMarkNesting {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // Every finding holds an angle mark or a 《 inside another. The marks
        // of the whole text are found in one pass and visited line by line:
        // lines without a mark are never looked at, and nothing happens on a
        // line without an opening 《.
        let b = doc.text.as_bytes();
        let all: Vec<usize> = cx
            .pair_marks()
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| is_mine(b, p))
            .collect();
        let angles = all.iter().any(|&p| is_angle(b, p));
        if !(angles && all.iter().any(|&p| doc.text[p..].starts_with('《'))
            || titles_nest(doc.text, &all))
        {
            return;
        }
        let residue = cx.residue();
        let mut stack: Vec<Open> = Vec::new();
        // 《》 pairs directly inside an outermost 《 of the line, reported
        // once that 《 is closed (a line that leaves it open is ambiguous).
        let mut nested: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        while from < all.len() {
            let li = doc.index.line_of(all[from]);
            let line = &doc.lines[li];
            // Marks are not spaces: they lie in the line's content, but for
            // the `>` marks that quote a forwarded notice's line (see
            // `document::forwarded_notice`), which are no text of it.
            let r = line.content();
            let to = from + all[from..].partition_point(|&p| p < r.end);
            let marks = &all[from..to.max(from + 1)];
            from = to.max(from + 1);
            if line.kind == LineKind::Blank
                || residue[li].is_some()
                || !marks.iter().any(|&p| doc.text[p..].starts_with('《'))
            {
                continue;
            }
            let s = &doc.text[r.clone()];
            let base = r.start;
            stack.clear();
            nested.clear();
            let mut titles = 0usize;
            let lone = |at: usize, c: char, out: &mut Findings| {
                out.push(Diagnostic::new(
                    base + at..base + at + c.len_utf8(),
                    format!("书名号内出现“{c}”：书名号里的书名应使用单书名号“〈〉”，这里缺少与之配对的另一半"),
                ));
            };
            // Only the marks matter: visit them, not every character.
            for i in marks.iter().filter(|&&p| p >= base).map(|&p| p - base) {
                let c = s[i..].chars().next().unwrap_or(' ');
                match c {
                    '《' => {
                        titles += 1;
                        stack.push(Open::Title(i));
                    }
                    '》' => {
                        // Close the nearest 《; angle marks left open inside it are lone.
                        while let Some(top) = stack.pop() {
                            match top {
                                Open::Title(at) => {
                                    titles -= 1;
                                    if matches!(stack.as_slice(), [Open::Title(_)]) {
                                        nested.push((at, i));
                                    } else if titles == 0 {
                                        report_nested(&nested, s, base, out);
                                        nested.clear();
                                    }
                                    break;
                                }
                                Open::Single => {}
                                Open::Angle(at) => {
                                    lone(at, s[at..].chars().next().unwrap_or('<'), out)
                                }
                            }
                        }
                    }
                    '〈' if titles > 0 => stack.push(Open::Single),
                    '〉' if titles > 0 && stack.last() == Some(&Open::Single) => {
                        stack.pop();
                    }
                    '<' | '＜' if titles > 0 => stack.push(Open::Angle(i)),
                    '>' | '＞' if titles > 0 => {
                        if let Some(&Open::Angle(at)) = stack.last() {
                            stack.pop();
                            let o = s[at..].chars().next().unwrap_or('<');
                            let (os, oe) = (base + at, base + at + o.len_utf8());
                            let (cs, ce) = (base + i, base + i + c.len_utf8());
                            let inner = &doc.text[oe..cs];
                            out.push(
                                Diagnostic::new(
                                    os..ce,
                                    format!("书名号内的书名应使用单书名号“〈〉”，不能用“{o}{c}”"),
                                )
                                .with_fix(Fix::safe(
                                    format!("改为“〈{inner}〉”"),
                                    vec![Edit::replace(os..oe, "〈"), Edit::replace(cs..ce, "〉")],
                                )),
                            );
                        } else {
                            lone(i, c, out);
                        }
                    }
                    _ => {}
                }
            }
            for top in &stack {
                if let Open::Angle(at) = *top {
                    lone(at, s[at..].chars().next().unwrap_or('<'), out);
                }
            }
        }
    }
}

/// Report the 《》 pairs (offsets in the line `s`, which starts at `base`)
/// written directly inside another 《》, with the fix to 〈〉.
fn report_nested(pairs: &[(usize, usize)], s: &str, base: usize, out: &mut Findings) {
    const W: usize = '《'.len_utf8();
    for &(o, c) in pairs {
        let inner = &s[o + W..c];
        out.push(
            Diagnostic::new(
                base + o..base + c + W,
                "书名号里又用了双书名号“《》”：里层的书名应使用单书名号“〈〉”",
            )
            .with_fix(Fix::safe(
                format!("改为“〈{inner}〉”"),
                vec![
                    Edit::replace(base + o..base + o + W, "〈"),
                    Edit::replace(base + c..base + c + W, "〉"),
                ],
            )),
        );
    }
}
