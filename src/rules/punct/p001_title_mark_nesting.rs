use std::sync::LazyLock;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::LineKind;
use crate::extract::{Needles, RareMarks};
use crate::rules::punct::text::positions;
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 双书名号《》里面的书名是否用了单书名号“〈〉”（U+3008/U+3009）：
    /// - 写成小于号、大于号 `<>` 或全角的 `＜＞` 的，指出并安全地替换为〈〉；只有一半（只有 `<` 或只有
    ///   `>`）的，只指出，不修复。《》之外的 `<` `>`（数学式、网页面包屑的“首页 > …”）不检查。
    /// - 里层又用了双书名号的（《关于印发《某办法》的通知》），指出里层的《》并安全地改为〈〉。只看同一行里
    ///   外层已经合上的：外层没有合上时，哪一个书名号是多余的说不准，留给 P002。里层套在〈〉或尖括号里的
    ///   第三层书名不检查（标准没有规定第三层的写法）。
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
        reads: [RESIDUE],
    }
}

impl BuiltinRule for TitleMarkNesting {
    type Options = NoOptions;
    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(TitleMarkNesting {})
    }
}

/// The wide marks the rule reads when the text holds an angle mark (the
/// ASCII `<` `>` are found with memchr).
static MARKS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["《", "》", "〈", "〉", "＜", "＞"]));

/// The wide marks the rule reads when it does not: the book-title marks alone.
static TITLES: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["《", "》", "〈", "〉"]));

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

/// Whether some 《 opens while another is open, lines aside: the one
/// question asked of a text without angle marks before its lines are read.
fn titles_nest(text: &str, marks: &[usize]) -> bool {
    let mut depth = 0u32;
    for &p in marks {
        match text.as_bytes()[p + 2] {
            0x8a => {
                if depth > 0 {
                    return true;
                }
                depth += 1;
            }
            0x8b => depth = depth.saturating_sub(1),
            _ => {}
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
        let ascii = memchr::memchr2(b'<', b'>', doc.text.as_bytes()).is_some();
        let angles = ascii || cx.rare_marks().contains(RareMarks::ANGLES);
        let all = positions(
            doc.text,
            if ascii { b"<>" } else { b"" },
            if angles { &MARKS } else { &TITLES },
        );
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
            // Marks are not spaces: they lie in the line's content.
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
            for i in marks.iter().map(|&p| p - base) {
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
