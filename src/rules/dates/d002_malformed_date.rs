use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::extract::dates::Unit;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 日期中的“年”“月”丢失，数字直接连到“日”或“月”上：`20171026日`、`截至20171231日`、`20169月`，
    /// 以及写了“年”、丢了“月”的 `2024年1015日`。
    /// 前四位是年份时，把其余数字按“月”“日”拆开，只列出在公历上存在的读法：读法唯一时给出需要确认的
    /// 修复（如“2017年10月26日”），有多种读法（`2017111日` 可读作1月11日或11月1日）时只报告不修复。
    /// 不以年份开头、却大于12的“月”（`1012月`，多半是丢了连接号的“10—12月”）也报告，不修复。
    /// 发文字号中的数字（`〔2017123号`）由 N002 处理，这里不报告；没有年份的三四位数加“日”
    /// （`930日`）可能是天数，保持沉默。
    ///
    /// ## 为什么
    /// 网页转换或复制粘贴时，数字之间的汉字最容易丢失。丢了“年”“月”的日期读者需要猜，
    /// 猜错就会把事件的时间弄错。
    ///
    /// ## 错误示例
    /// ```text
    /// 20171026日,自治区党委常委会审议通过
    /// 截至20171231日,共受理8830件
    /// 20169月,与某集团签订合作协议
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 2017年10月26日,自治区党委常委会审议通过
    /// 截至2017年12月31日,共受理8830件
    /// 2016年9月,与某集团签订合作协议
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 7.3.5.4：“用阿拉伯数字将年、月、日标全”；GB/T 15835-2011 对年月日写法的规定。
    ///
    /// ## 选项
    /// 无。
    pub struct MalformedDate {}
    meta {
        code: "D002",
        name: "malformed-date",
        severity: Error,
        summary: "日期丢了“年”或“月”，数字连在一起（如20171026日）",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [DATES, DOCNUMS],
    }
}

impl Rule for MalformedDate {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let text = cx.text();
        for m in cx.dates().iter().filter_map(|m| m.as_malformed()) {
            if cx.inside_docnum(&m.range) {
                continue;
            }
            let written = &*crate::document::joined(&text[m.range.clone()]);
            let digits = &text[m.digits.clone()];
            let show = |(y, mo, d): &(Option<i32>, u32, Option<u32>)| {
                let mut s = y.map_or(String::new(), |y| format!("{y}年"));
                s.push_str(&format!("{mo}月"));
                if let Some(d) = d {
                    s.push_str(&format!("{d}日"));
                }
                s
            };
            let lost = if m.year_written {
                "“月”"
            } else {
                "“年”“月”"
            };
            let mut diag = match (m.unit, m.year, m.readings.as_slice()) {
                (Unit::Month, None, _) => Diagnostic::new(
                    m.range.clone(),
                    format!(
                        "“{written}”不是有效的月份：{digits}大于12，疑似丢了连接号或“月”（如“{}—{}月”），请核对",
                        &digits[..digits.len() / 2],
                        &digits[digits.len() / 2..]
                    ),
                ),
                (Unit::Month, Some(_), [r]) => {
                    let right = show(r);
                    Diagnostic::new(
                        m.range.clone(),
                        format!("“{written}”缺少“年”，疑为“{right}”"),
                    )
                    .with_fix(Fix::unsafe_(
                        format!("改为“{right}”"),
                        vec![Edit::replace(m.range.clone(), right)],
                    ))
                }
                (Unit::Day, Some(y), [r]) => {
                    let right = show(r);
                    let mut d = Diagnostic::new(
                        m.range.clone(),
                        format!("“{written}”缺少{lost}，疑为“{right}”"),
                    )
                    .with_fix(Fix::unsafe_(
                        format!("改为“{right}”"),
                        vec![Edit::replace(m.range.clone(), right)],
                    ));
                    // (A written year is followed by three or four digits.)
                    let rest = &digits[digits.len().min(4)..];
                    if !m.year_written
                        && rest.len() == 2
                        && rest.parse::<u32>().is_ok_and(|v| (1..=12).contains(&v))
                    {
                        d = d.with_note(format!("也可能是“{y}年{rest}月”后丢了日，请核对原文"));
                    }
                    d
                }
                (Unit::Day, Some(_), rs) if rs.len() > 1 => {
                    let all: Vec<String> = rs.iter().map(show).collect();
                    Diagnostic::new(
                        m.range.clone(),
                        format!(
                            "“{written}”缺少{lost}，有多种读法（{}），请核对原文",
                            all.join("或")
                        ),
                    )
                }
                _ => continue,
            };
            diag = diag.with_note(format!("数字之间的{lost}可能在复制或网页转换时丢失"));
            out.push(diag);
        }
    }
}
