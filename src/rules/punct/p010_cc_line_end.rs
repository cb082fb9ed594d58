use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::{Document, LineKind};
use crate::rules::punct::text::Residue;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 版记中抄送机关一项的末尾是否标了句号：以“抄送：”（或折叠后的 `抄送:`）开头的一行，连同以逗号、
    /// 顿号结尾而在下一行接续的各行，最后一个抄送机关名称之后应是“。”。
    ///
    /// - 末尾什么标点也没有：安全修复，补上“。”；
    /// - 末尾是英文句点 `.` 或全角句点 `．`：安全修复，改为“。”；
    /// - 末尾是逗号、顿号、分号：报告，修复需要确认（也可能是下一行的机关名称漏掉了）。
    ///
    /// 不报告：正文中的“同时抄送……”（不在行首，或“抄送”后没有冒号）；“抄送”之后没有机关名称的空项；
    /// 转发的电子邮件的邮件头里的 `抄送:` 一行（文首或 `-----原始邮件-----` 一类分隔行之下，与 `发件人:`、
    /// `收件人:`、`主题:` 等连续两行以上的邮件头，见 P202）：那是邮件的抄送人，不是版记。
    ///
    /// ## 为什么
    /// 抄送一项的句号是 GB/T 9704 对版记的明文规定，却最常被漏掉：版记常从模板复制，机关名称改了，
    /// 末尾的句号没有跟着补上。
    ///
    /// ## 错误示例
    /// ```text
    /// 抄送：县委办公室，县人大常委会办公室，县政协办公室
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 抄送：县委办公室，县人大常委会办公室，县政协办公室。
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.4.2（抄送机关）：“抄送”二字后加全角冒号和抄送机关名称，回行时与冒号后的首字对齐，
    /// 最后一个抄送机关名称后标句号。
    ///
    /// ## 选项
    /// 无。
    pub struct CcLineEnd {}
    meta {
        code: "P010",
        name: "cc-line-end",
        severity: Warning,
        summary: "版记抄送机关的末尾没有标句号",
        fix: Always,
        reads: [RESIDUE],
    }
}

/// The names after `抄送：` on line `i`, or `None` when the line is not a
/// 抄送 item.
fn cc_names<'a>(doc: &Document<'a>, i: usize) -> Option<&'a str> {
    let t = doc.line_text(i);
    let rest = t.strip_prefix("抄送")?;
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    rest.strip_prefix(['：', ':'])
}

/// Whether a line that ends with `c` goes on on the next line.
fn continues(c: char) -> bool {
    matches!(c, '，' | ',' | '、')
}

impl Rule for CcLineEnd {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // A 版记 line starts with 抄送; a text without the word has none.
        if memchr::memmem::find(doc.text.as_bytes(), "抄送".as_bytes()).is_none() {
            return;
        }
        let residue = cx.residue();
        let mut i = 0;
        while i < doc.lines.len() {
            let Some(names) = cc_names(doc, i) else {
                i += 1;
                continue;
            };
            // The 抄送 of an e-mail's header is no 版记.
            if residue[i] == Some(Residue::MailHeader) {
                i += 1;
                continue;
            }
            if names.trim().is_empty() {
                i += 1;
                continue;
            }
            // The item's last line: follow lines ending with a comma onto the
            // next non-blank line, unless that is another item of the 版记.
            let mut last = i;
            loop {
                let end = doc.line_text(last).chars().next_back();
                if !end.is_some_and(continues) {
                    break;
                }
                let Some(next) =
                    (last + 1..doc.lines.len()).find(|&j| doc.lines[j].kind != LineKind::Blank)
                else {
                    break;
                };
                let t = doc.line_text(next);
                if t.starts_with("抄送") || t.ends_with("印发") || next > last + 2 {
                    break;
                }
                last = next;
            }
            i = last + 1;
            let r = doc.lines[last].content();
            let t = &doc.text[r.clone()];
            let Some(end) = t.chars().next_back() else {
                continue;
            };
            let at = r.end - end.len_utf8();
            let d = match end {
                '。' => continue,
                '.' | '．' => Diagnostic::new(
                    at..r.end,
                    format!("抄送机关的末尾应标句号“。”，这里是“{end}”"),
                )
                .with_fix(Fix::safe("改为“。”", vec![Edit::replace(at..r.end, "。")])),
                '，' | ',' | '、' | '；' | ';' => Diagnostic::new(
                    at..r.end,
                    format!("抄送机关的末尾应标句号“。”，这里是“{end}”：是否漏了一个机关名称？"),
                )
                .with_fix(Fix::unsafe_(
                    "改为“。”",
                    vec![Edit::replace(at..r.end, "。")],
                )),
                c if c.is_alphanumeric() || matches!(c, '）' | ')' | '”' | '》') => {
                    Diagnostic::new(at..r.end, "抄送机关的末尾没有标句号“。”")
                        .with_fix(Fix::safe("补上“。”", vec![Edit::insert(r.end, "。")]))
                }
                _ => continue,
            };
            out.push(d);
        }
    }
}
