use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::RareMarks;
use crate::rules::punct::text::lines_with_rare;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 全角数字“０１２３４５６７８９”（U+FF10～U+FF19）。连续的一串报告一次，安全地替换为半角阿拉伯数字；
    /// 夹在全角数字之间的全角句点“．”一并改为小数点“.”。
    ///
    /// ## 为什么
    /// 公文中的阿拉伯数字使用半角形式。全角数字在排版中宽窄不一，检索、统计和复制时也不会被当作数字。
    ///
    /// ## 错误示例
    /// ```text
    /// ２０２３年共办理案件１２．５万件。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2023年共办理案件12.5万件。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15835-2011 4.1：计量和编号使用阿拉伯数字；公文中阿拉伯数字使用半角形式。
    ///
    /// ## 选项
    /// 无。
    pub struct FullwidthDigits {}
    meta {
        code: "P102",
        name: "fullwidth-digits",
        severity: Warning,
        summary: "用了全角数字（如２０２０），应为半角阿拉伯数字",
        fix: Always,
        reads: [RESIDUE],
    }
}

fn fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

impl Rule for FullwidthDigits {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        for (_, r) in lines_with_rare(cx, RareMarks::FULLWIDTH_DIGITS) {
            let s = &doc.text[r.clone()];
            let mut run: Option<(usize, usize)> = None;
            let flush = |run: &mut Option<(usize, usize)>, out: &mut Findings| {
                if let Some((a, b)) = run.take() {
                    let mut t = &s[a..b];
                    let mut b = b;
                    while let Some(x) = t.strip_suffix('．') {
                        t = x;
                        b -= '．'.len_utf8();
                    }
                    let fixed: String = t
                        .chars()
                        .map(|c| {
                            if fw_digit(c) {
                                char::from(b'0' + (c as u32 - '０' as u32) as u8)
                            } else {
                                '.'
                            }
                        })
                        .collect();
                    let span = r.start + a..r.start + b;
                    out.push(
                        Diagnostic::new(
                            span.clone(),
                            format!("“{t}”用了全角数字，应写作“{fixed}”"),
                        )
                        .with_fix(Fix::safe(
                            format!("改为“{fixed}”"),
                            vec![Edit::replace(span, fixed)],
                        )),
                    );
                }
            };
            for (i, c) in s.char_indices() {
                let end = i + c.len_utf8();
                match (&mut run, c) {
                    (_, c) if fw_digit(c) => match &mut run {
                        Some((_, b)) => *b = end,
                        None => run = Some((i, end)),
                    },
                    (Some((_, b)), '．') if *b == i => *b = end,
                    _ => flush(&mut run, out),
                }
            }
            flush(&mut run, out);
        }
    }
}
