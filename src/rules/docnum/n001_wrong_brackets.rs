use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{BuiltinRule, Context, NoOptions, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号中括住年份的括号是否为六角括号“〔〕”（U+3014/U+3015）。方括号 `[]`、全角方括号
    /// `［］`、实心方头括号 `【】`、圆括号 `()` `（）` 以及形近的 `﹝﹞` `〖〗` 都会被指出，并安全地替换为
    /// 〔〕。
    ///
    /// ## 为什么
    /// 六角括号是发文字号的法定格式。用错括号是公文最常见的格式差错之一，引用文件时把年份括在圆括号或
    /// 方括号里，还会造成“低级符号中包含高级符号”的混乱。
    ///
    /// ## 错误示例
    /// ```text
    /// 国办发[2015]51号
    /// XX办函【2012】3号
    /// 南府发（2017）11号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 国办发〔2015〕51号
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.2.5：“年份应标全称，用六角括号“〔〕”括入”。
    ///
    /// ## 选项
    /// 无。
    pub struct WrongBrackets {}
    meta {
        code: "N001",
        name: "docnum-brackets",
        severity: Error,
        summary: "发文字号的年份未用六角括号〔〕",
        fix: Always,
    }
}

impl BuiltinRule for WrongBrackets {
    type Options = NoOptions;
    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(WrongBrackets {})
    }
}

impl Rule for WrongBrackets {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.text();
        for n in cx.docnums() {
            let (open, close) = (&text[n.open.clone()], &text[n.close.clone()]);
            if open == "〔" && close == "〕" {
                continue;
            }
            let fixed = format!(
                "{}〔{}〕{}号",
                &text[n.organ.clone()],
                &text[n.year.clone()],
                &text[n.serial.clone()]
            );
            out.push(
                Diagnostic::new(
                    n.range.clone(),
                    format!("发文字号的年份应使用六角括号〔〕，这里用的是“{open}{close}”"),
                )
                .with_fix(Fix::safe(
                    format!("改为“{fixed}”"),
                    vec![
                        Edit::replace(n.open.clone(), "〔"),
                        Edit::replace(n.close.clone(), "〕"),
                    ],
                )),
            );
        }
    }
}
