use std::sync::LazyLock;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::LineKind;
use crate::extract::{Needles, RareMarks};
use crate::rules::punct::text::positions;
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 双书名号《》里面的书名是否用了单书名号“〈〉”（U+3008/U+3009）。写成小于号、大于号 `<>` 或全角的
    /// `＜＞` 的，指出并安全地替换为〈〉；只有一半（只有 `<` 或只有 `>`）的，只指出，不修复。
    /// 《》之外的 `<` `>`（数学式、网页面包屑的“首页 > …”）不检查。
    ///
    /// ## 为什么
    /// `<>` 是数学符号，不是标点。书名号里套书名号时，外层用双书名号、里层用单书名号，这是国家标准的
    /// 规定；用 `<>` 代替，是从网页或输入法里带进来的常见差错。
    ///
    /// ## 错误示例
    /// ```text
    /// 《关于印发<某县行政执法公示办法>的通知》
    /// 《关于修改＜中华人民共和国法官法＞等八部法律的决定》
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《关于印发〈某县行政执法公示办法〉的通知》
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
        summary: "书名号内的书名用了“<>”“＜＞”，应为单书名号“〈〉”",
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

/// The wide marks the rule reads (the ASCII `<` `>` are found with memchr).
static MARKS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["《", "》", "＜", "＞"]));

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Title,
    Angle(usize),
}

impl Rule for TitleMarkNesting {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // Every finding holds an angle mark, and most documents have none.
        if memchr::memchr2(b'<', b'>', doc.text.as_bytes()).is_none()
            && !cx.rare_marks().contains(RareMarks::ANGLES)
        {
            return;
        }
        // The marks of the whole text, found in one pass, visited line by
        // line: lines without a mark are never looked at, and nothing
        // happens on a line without an opening 《.
        let all = positions(doc.text, b"<>", &MARKS);
        if !all.iter().any(|&p| doc.text[p..].starts_with('《')) {
            return;
        }
        let residue = cx.residue();
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
            let mut stack: Vec<Open> = Vec::new();
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
                        stack.push(Open::Title);
                    }
                    '》' => {
                        // Close the nearest 《; angle marks left open inside it are lone.
                        while let Some(top) = stack.pop() {
                            match top {
                                Open::Title => {
                                    titles -= 1;
                                    break;
                                }
                                Open::Angle(at) => {
                                    lone(at, s[at..].chars().next().unwrap_or('<'), out)
                                }
                            }
                        }
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
            for top in stack {
                if let Open::Angle(at) = top {
                    lone(at, s[at..].chars().next().unwrap_or('<'), out);
                }
            }
        }
    }
}
