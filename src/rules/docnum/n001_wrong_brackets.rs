use serde::Deserialize;

use super::{OrganFilter, written_tail};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 发文字号中括住年份的括号是否为六角括号“〔〕”（U+3014/U+3015）。方括号 `[]`、全角方括号
    /// `［］`、实心方头括号 `【】`、圆括号 `()` `（）` 以及形近的 `﹝﹞` `〖〗` `⁅⁆` 都会被指出，并安全地替换为
    /// 〔〕。文中引用的发文字号（`《…的通知》（国办发[2015]51号）`）同样检查；引用时外层的圆括号是正确的，
    /// 不会被指出。
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
    /// - `brackets`（字符串数组，默认 `["〔〕"]`）：认可的括号对，每项两个字符（开、闭）。不在其中的
    ///   括号对被指出，修复改为列表中的第一对。
    /// - `organs`（字符串数组，默认空）：机关代字白名单；非空时只检查机关代字以其中一项结尾的发文字号。
    /// - `organ-patterns`（字符串数组，默认空）：额外的机关代字正则表达式。默认只认含汉字的机关代字，
    ///   如 `ABC〔2019〕1号` 这类纯字母代字需要在这里登记（如 `"^ABC$"`）。
    pub struct WrongBrackets {
        pairs: Vec<(String, String)>,
        organs: OrganFilter,
    }
    meta {
        code: "N001",
        name: "docnum-brackets",
        severity: Error,
        summary: "发文字号的年份未用六角括号〔〕",
        fix: Always,
        reads: [DOCNUMS],
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    brackets: Vec<String>,
    organs: Vec<String>,
    organ_patterns: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            brackets: vec!["〔〕".into()],
            organs: Vec::new(),
            organ_patterns: Vec::new(),
        }
    }
}

impl BuiltinRule for WrongBrackets {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        let mut pairs = Vec::new();
        for b in &o.brackets {
            let cs: Vec<char> = b.chars().collect();
            let [open, close] = cs[..] else {
                return Err(format!(
                    "brackets: “{b}” 应是两个字符（开括号和闭括号），如 \"〔〕\""
                ));
            };
            pairs.push((open.to_string(), close.to_string()));
        }
        if pairs.is_empty() {
            return Err("brackets 不能为空".into());
        }
        Ok(WrongBrackets {
            pairs,
            organs: OrganFilter::new(o.organs, &o.organ_patterns)?,
        })
    }
}

impl Rule for WrongBrackets {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for n in cx.docnums() {
            let Some(close_r) = n.close() else {
                continue;
            };
            // A lost opening bracket is N009's.
            if n.open_lost() || !self.organs.accepts(text, n) {
                continue;
            }
            let (open, close) = (&text[n.open()], &text[close_r.clone()]);
            if self.pairs.iter().any(|(o, c)| o == open && c == close) {
                continue;
            }
            let (to_open, to_close) = &self.pairs[0];
            let tail = written_tail(text, n);
            let fixed = format!("{to_open}{}{to_close}", &text[n.year()]);
            out.push(
                Diagnostic::new(
                    n.open().start..close_r.end,
                    format!("发文字号“{tail}”的年份应使用六角括号{to_open}{to_close}，这里用的是“{open}{close}”"),
                )
                .with_fix(Fix::safe(
                    format!("改为“{fixed}”"),
                    vec![Edit::replace(n.open(), to_open.clone()), Edit::replace(close_r, to_close.clone())],
                )),
            );
        }
    }
}
