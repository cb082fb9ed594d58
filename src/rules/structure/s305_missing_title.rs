use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::{LineKind, at_most_chars, is_space};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 文件有没有标题：正文之前没有以文种结尾的标题行，文件直接从正文（或会议题注、称谓）开始。
    /// 只对看得出是公文的文件报告：已识别出文档类型（年度报告、通知等），或正文至少有两个第一层标题“一、”“二、”。
    /// 第一行像标题但缺少文种时由 S301 报告，这里不重复（以年份开头的也算，如“2025年12348热线运行情况统计”；以
    /// 完整日期开头的会议题注“2026年1月8日在…会议上”不算）。
    /// OCR识别的标题字与字之间常有空格（“关 于 … 的 报 告”）：每个空格之间只有一个字（或一个数字）的行，
    /// 去掉空格后再判断是不是标题，这样的标题不报告。
    ///
    /// 级别为提示：从网页转载的文本常把标题留在网页标题里，正文中就没有了；标题另存（文件名、数据库字段）时
    /// 可以在配置中关闭本规则。
    ///
    /// ## 为什么
    /// 《党政机关公文处理工作条例》第九条：“公文一般应当有标题”。没有标题的文本无法判断发文机关、事由和文种。
    ///
    /// ## 错误示例
    /// ```text
    /// 2023年，我市坚持依法行政……现将有关情况报告如下：
    /// 一、2023年法治政府建设工作情况
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某市2023年度法治政府建设情况报告
    ///
    /// 2023年，我市坚持依法行政……现将有关情况报告如下：
    /// 一、2023年法治政府建设工作情况
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第九条（七）：“公文一般应当有标题”；GB/T 9704-2012 7.3.1（标题）。
    ///
    /// ## 选项
    /// 无。
    pub struct MissingTitle {}
    meta {
        code: "S305",
        name: "missing-title",
        severity: Info,
        summary: "文件没有标题",
        fix: None,
    }
}

impl Rule for MissingTitle {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        if doc.title.is_some() {
            return;
        }
        let tops = doc.headings.iter().filter(|h| h.level == 1).count();
        if cx.profile == "general" && tops < 2 {
            return;
        }
        let Some(first) = doc.lines.iter().find(|l| {
            !matches!(
                l.kind,
                LineKind::Blank | LineKind::Chrome | LineKind::Meta | LineKind::DocNumber
            )
        }) else {
            return;
        };
        let t = &doc.text[first.content()];
        let b = t.as_bytes();
        // A line that opens with a date, a date alone or a meeting's caption
        // (`2017年12月11日在…会议上`), is no title; a title may open with its
        // year (`2025年12348热线运行情况统计`).
        let opens_with_date =
            b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && t[4..].starts_with('年') && {
                let rest = &b[4 + '年'.len_utf8()..];
                let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                (1..=2).contains(&n) && rest[n..].starts_with("月".as_bytes())
            };
        let title_shaped = first.kind == LineKind::Body
            && !opens_with_date
            && at_most_chars(t, 60)
            && !t.contains(['。', '，', ',', '：', ':', '；', ';', '！', '？', '!', '?'])
            && !t.chars().any(is_space);
        if title_shaped {
            // A title-like first line (perhaps missing its 文种): S301's business.
            return;
        }
        let end = first.content().start + t.chars().next().map_or(0, char::len_utf8);
        out.push(
            Diagnostic::new(
                first.content().start..end,
                "文件没有标题：正文之前没有以文种结尾的标题",
            )
            .with_note(
                "公文标题由发文机关名称、事由和文种组成，如“某市2023年度法治政府建设情况报告”",
            )
            .with_note("若标题保存在别处（网页标题、文件名），可忽略本条或在配置中关闭 S305"),
        );
    }
}
