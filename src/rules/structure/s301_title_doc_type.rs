use serde::Deserialize;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::{Document, LineKind, at_most_chars, is_space};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 标题是否以文种结尾（报告、通知、意见、方案、办法……）。gwlint 把文件开头、正文之前以文种结尾的一行
    /// （或几行）当作标题；没有这样的行时，若第一行像是标题却没有文种（不含句内标点、不以日期开头，含有“关于”
    /// 或选项 `subject-words` 中的词，例如年度报告的“法治政府建设”），就报告“标题缺少文种”。
    ///
    /// 有版头时（发文机关标志“某县卫生健康局文件”、发文字号），检查的是发文字号（及签发人）之后的一行；
    /// 发文字号后隔空格写的答复类别（“南司函〔2026〕18号　　A”“…18号 B类”）不影响识别。
    ///
    /// 对人大代表建议、议案和政协提案的答复以函发出，标题按办理规定写作“关于…第36号建议的答复”：
    /// 以“建议的答复”“提案的答复”“议案的答复”结尾的标题视为写了文种。
    ///
    /// 网页转载丢了标题、文件直接从正文开始时不报告（见 S305）；会议题注、讲话人署名等不当作标题。
    ///
    /// ## 为什么
    /// 《党政机关公文处理工作条例》第九条：标题由发文机关名称、事由和文种组成。缺少文种，读者无法判断公文的性质和
    /// 行文方向，是常见的“标题要素不全”。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况
    ///
    /// 2023年，我县坚持……
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况的报告
    ///
    /// 2023年，我县坚持……
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第九条（七）：标题“由发文机关名称、事由和文种组成”；第八条列出15种文种。
    /// GB/T 9704-2012 7.3.1（标题）。
    ///
    /// ## 选项
    /// - `subject-words`（默认 `["关于"]`）：第一行含有其中任一词语时才视为缺少文种的标题。
    pub struct TitleDocType { words: Vec<String> }
    meta {
        code: "S301",
        name: "title-doc-type",
        severity: Warning,
        summary: "标题没有以文种（报告、通知、意见等）结尾",
        fix: None,
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    subject_words: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            subject_words: vec!["关于".into()],
        }
    }
}

impl BuiltinRule for TitleDocType {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(TitleDocType {
            words: o.subject_words,
        })
    }
}

impl Rule for TitleDocType {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        if doc.title.is_some() {
            return;
        }
        // The first line of the document proper.
        let Some((i, _)) = doc.lines.iter().enumerate().find(|(_, l)| {
            !matches!(
                l.kind,
                LineKind::Blank | LineKind::Chrome | LineKind::Meta | LineKind::DocNumber
            )
        }) else {
            return;
        };
        // Under a masthead (`某县卫生健康局文件`) and its 发文字号, the
        // title is the line after the 发文字号 (and after a 签发人 line).
        let i = after_masthead(doc, i).unwrap_or(i);
        if doc.lines[i].kind != LineKind::Body {
            return;
        }
        let t = doc.line_text(i);
        let b = t.as_bytes();
        let starts_with_year = b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit);
        // Six to sixty characters.
        if !at_most_chars(t, 60)
            || at_most_chars(t, 5)
            || starts_with_year
            || t.contains(['。', '，', ',', '：', ':', '；', ';', '！', '？', '!', '?'])
            || t.chars().any(is_space)
            || !self.words.iter().any(|w| t.contains(w.as_str()))
        {
            return;
        }
        // Something must follow it: a title stands above a body.
        let has_body = doc.lines[i + 1..]
            .iter()
            .any(|l| matches!(l.kind, LineKind::Body | LineKind::Heading));
        if !has_body {
            return;
        }
        out.push(
            Diagnostic::new(doc.lines[i].content(), format!("标题“{t}”没有以文种结尾"))
                .with_note("标题应由发文机关名称、事由和文种组成，以文种结尾，如“……的报告”“……的通知”“……的意见”")
                .with_note("若这一行不是标题，可忽略本条"),
        );
    }
}

/// The first line after the 发文字号 that follows line `first` within three
/// lines (the masthead, then 份号 or 紧急程度 lines), skipping a 签发人 line:
/// where GB/T 9704-2012 puts the title.
fn after_masthead(doc: &Document<'_>, first: usize) -> Option<usize> {
    let mut lines = (first + 1..doc.lines.len()).filter(|&j| doc.lines[j].kind != LineKind::Blank);
    let num = lines
        .by_ref()
        .take(3)
        .find(|&j| doc.lines[j].kind == LineKind::DocNumber)?;
    (num + 1..doc.lines.len()).find(|&j| {
        doc.lines[j].kind != LineKind::Blank
            && doc.lines[j].kind != LineKind::DocNumber
            && !doc.line_text(j).starts_with("签发人")
    })
}
