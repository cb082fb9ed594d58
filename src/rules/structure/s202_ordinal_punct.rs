use super::folded_commas;
use super::ordinal::Family;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 段内序数“第一”“第二”“首先”“其次”“再次”“最后”后面用了顿号：“第一、要……”应为“第一，要……”。
    /// 只检查位于句子或分句开头、后面紧跟顿号的这些词；“第一责任人”“第一批”等不受影响；“第一、二季度”“第一、第二批”是并列的序数，其中的顿号是对的，也不报告。
    /// 修复时按全文逗号的写法使用“，”或折叠后的“,”。
    ///
    /// ## 为什么
    /// 顿号用于并列词语之间；“第一”“首先”等表示次序的词语后应用逗号。这是公文校对中常被指出的标点差错。
    ///
    /// ## 错误示例
    /// ```text
    /// 第一、要提高认识。第二、要加强领导。
    /// 首先、要统一思想。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 第一，要提高认识。第二，要加强领导。
    /// 首先，要统一思想。
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011《标点符号用法》4.5（顿号用于并列词语之间）；常见差错：“在“首先”、“其次”、“再次”或者
    /// “第一”、“第二”、“第三”后加顿号。正确表示应为逗号，如“第一，要……””。
    ///
    /// ## 选项
    /// 无。
    pub struct OrdinalPunct {}
    meta {
        code: "S202",
        name: "ordinal-punct",
        severity: Warning,
        summary: "“第一”“首先”等序数词后用了顿号，应用逗号",
        fix: Always,
        reads: [ORDINALS],
    }
}

impl Rule for OrdinalPunct {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let comma = if folded_commas(doc) { "," } else { "，" };
        for t in cx.ordinals() {
            if !t.bounded || t.family == Family::Shi {
                continue;
            }
            let Some(p) = t.punct.clone() else { continue };
            let word = &doc.text[t.range.clone()];
            out.push(
                Diagnostic::new(
                    t.range.start..p.end,
                    format!("序数词“{word}”后应用逗号，不用顿号"),
                )
                .with_fix(Fix::safe(
                    format!("改为“{word}{comma}”"),
                    vec![Edit::replace(p, comma)],
                )),
            );
        }
    }
}
