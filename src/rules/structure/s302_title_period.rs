use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 标题末尾是否加了句号（“。”或折叠后的“.”）。
    ///
    /// ## 为什么
    /// 公文标题除法规、规章名称加书名号外，一般不使用标点符号，末尾不加句号。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况的报告。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况的报告
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.1（标题）；公文写作规范：“公文标题除法规、规章名称加书名号外，一般不使用标点符号。”
    ///
    /// ## 选项
    /// 无。
    pub struct TitlePeriod {}
    meta {
        code: "S302",
        name: "title-period",
        severity: Warning,
        summary: "标题末尾加了句号",
        fix: Always,
    }
}

impl Rule for TitlePeriod {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let Some(t) = &doc.title else { return };
        let s = &doc.text[t.range.clone()];
        let Some(last) = s
            .chars()
            .next_back()
            .filter(|c| matches!(c, '。' | '.' | '．'))
        else {
            return;
        };
        let at = t.range.end - last.len_utf8();
        out.push(
            Diagnostic::new(at..t.range.end, "标题末尾不应加句号")
                .with_fix(Fix::safe("删去句号", vec![Edit::delete(at..t.range.end)])),
        );
    }
}
