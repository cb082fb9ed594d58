use super::{OrganFilter, OrganOptions};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号内部有空格（半角、全角或不换行空格）：机关代字与括号之间、括号内、顺序号前后，
    /// 如 `南府发〔2017〕11 号`、`国发 〔2024〕 10号`。一个发文字号报告一次，安全地删去其中全部空格。
    ///
    /// ## 为什么
    /// 发文字号是一个整体，标准的写法“机关代字〔年份〕序号号”中间不留空。空格多是排版对齐或网页转换
    /// 留下的，会让检索和引用对不上。
    ///
    /// ## 错误示例
    /// ```text
    /// 南府发〔2017〕11 号
    /// 国发 〔2024〕 10号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 南府发〔2017〕11号
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：发文字号由机关代字、年份、发文顺序号组成，“在阿拉伯数字后加“号”字”。
    ///
    /// ## 选项
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式（默认只认含汉字的机关代字）。
    pub struct SpaceInside {
        organs: OrganFilter,
    }
    meta {
        code: "N006",
        name: "docnum-space",
        severity: Error,
        summary: "发文字号内部有空格",
        fix: Always,
        reads: [DOCNUMS],
    }
}

impl BuiltinRule for SpaceInside {
    type Options = OrganOptions;
    fn new(o: OrganOptions) -> Result<Self, String> {
        Ok(SpaceInside {
            organs: OrganFilter::from_options(o)?,
        })
    }
}

impl Rule for SpaceInside {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            if n.spaces().len() == 0 || !self.organs.accepts(text, n) {
                continue;
            }
            let written = &text[n.range()];
            let joined: String = written
                .chars()
                .filter(|c| !crate::document::is_space(*c))
                .collect();
            let where_ = if n.spaces().len() == 1 {
                "有一处空格"
            } else {
                "有多处空格"
            };
            let mut d = Diagnostic::new(n.range(), format!("发文字号“{written}”内部{where_}"));
            for s in n.spaces() {
                d = d.with_label(s, "空格");
            }
            out.push(d.with_fix(Fix::safe(
                format!("删去空格：“{joined}”"),
                n.spaces().map(Edit::delete).collect(),
            )));
        }
    }
}
