use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::{Numerals, Role};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 成文日期（文末单独成行的日期）和印发日期（`YYYY年M月D日印发`）的写法：月、日编了虚位
    /// （`2023年03月05日`），或用汉字书写（`二〇二三年三月五日`）。安全地改为 `2023年3月5日`。
    /// 正文中的日期不在此列。
    ///
    /// ## 为什么
    /// 自 GB/T 9704-2012 起，成文日期一律用阿拉伯数字将年、月、日标全，月、日不编虚位。
    /// 汉字成文日期是 2012 年以前的旧写法。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年03月05日
    /// 二〇二三年三月五日
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2023年3月5日
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.5.4：“用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）”；
    /// 7.4.3 印发日期同此要求。
    ///
    /// ## 选项
    /// 无。
    pub struct SigningDateForm {}
    meta {
        code: "D004",
        name: "signing-date-form",
        severity: Warning,
        summary: "成文日期或印发日期编了虚位或用了汉字",
        fix: Always,
        reads: [DATES],
    }
}

impl Rule for SigningDateForm {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for d in super::dates(cx) {
            if !matches!(d.role, Role::Signing | Role::Issued) || !d.is_full() {
                continue;
            }
            let what = if d.role == Role::Signing {
                "成文日期"
            } else {
                "印发日期"
            };
            let written = &*d.shown(text);
            // The standard form is written out for a reported date only.
            match d.numerals {
                Numerals::Chinese => out.push({
                    let right = d.standard();
                    Diagnostic::new(
                        d.range(),
                        format!("{what}“{written}”应使用阿拉伯数字：“{right}”"),
                    )
                    .with_fix(Fix::safe(
                        format!("改为“{right}”"),
                        vec![Edit::replace(d.range(), right)],
                    ))
                }),
                Numerals::Arabic => {
                    let zeros: Vec<_> = d.parts()[1..]
                        .iter()
                        .flatten()
                        .filter(|p| text[(*p).clone()].starts_with('0'))
                        .map(|p| p.start..p.start + 1)
                        .collect();
                    if zeros.is_empty() {
                        continue;
                    }
                    let right = d.standard();
                    let mut diag = Diagnostic::new(
                        d.range(),
                        format!("{what}“{written}”的月、日不编虚位，应为“{right}”"),
                    );
                    for z in &zeros {
                        diag = diag.with_label(z.clone(), "虚位");
                    }
                    out.push(diag.with_fix(Fix::safe(
                        format!("改为“{right}”"),
                        zeros.into_iter().map(Edit::delete).collect(),
                    )));
                }
                Numerals::Numeric => {}
            }
        }
    }
}
