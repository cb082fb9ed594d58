use std::ops::Range;

use super::{article_marker, chinese_numeral};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::{LineKind, chinese_ordinal};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 办法、规定、细则、基准等规范性文件中章、节、条的序号是否连续：行首的“第一章”“第二章”……依次加一，
    /// 每章中的“第一节”“第二节”……从一开始依次加一，“第一条”“第二条”……全文连续编号、不随章节重新开始。
    /// 报告三种情形：跳号（“第二章”之后是“第四章”）、重号（两个“第五条”）和倒序（“第四章”之后是“第三章”）。
    /// 跳号后按所写的序号、重号后按应有的序号或重复的序号（“第三条”“第三条”之后是“第四条”或“第五条”都接得上）、
    /// 倒序后按此前最大的序号接着检查，一处错只报告一次。
    ///
    /// 只看行首的章、节、条（“第三条　……”，序号后是空格或行尾；“第3条”同样）。行中引用的条文（“依照本办法
    /// 第五条”）不算。标题行（“某某办法”“某某办法（摘录）”）和附件行之后重新计数；一串章或条的第一个
    /// 不是“第一章”“第一条”时（摘录他人文件的几条），这一串不检查；再出现“第一章”“第一条”，是另一个文件
    /// （通知后附的第二个办法）的开始，也重新计数。
    ///
    /// ## 为什么
    /// 章、条的序号是引用的依据（“依照本办法第八条”）。跳号、重号多是起草中增删条文后没有重新编号，
    /// 发布后条文引用就会错位，而且要修改就得重新发文。
    ///
    /// ## 错误示例
    /// ```text
    /// 第一章　总则
    /// 第一条　为规范行政执法监督工作，制定本办法。
    /// 第二条　本办法适用于本市行政区域。
    /// 第三章　监督方式
    /// 第四条　行政执法监督可以采取案卷评查等方式。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 第一章　总则
    /// 第一条　为规范行政执法监督工作，制定本办法。
    /// 第二条　本办法适用于本市行政区域。
    /// 第二章　监督方式
    /// 第三条　行政执法监督可以采取案卷评查等方式。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第二十条：文稿审核包括“段落顺序”是否准确。
    ///
    /// ## 选项
    /// 无。
    ///
    /// 不给修复：改一个序号要连带改后面所有的序号和文中对它们的引用，须由起草人处理。
    pub struct ArticleNumbering {}
    meta {
        code: "S106",
        name: "article-numbering",
        severity: Error,
        summary: "章、节、条的序号不连续",
        fix: None,
    }
}

/// What a line of a regulation opens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Chapter,
    Section,
    Article,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Chapter => "章",
            Unit::Section => "节",
            Unit::Article => "条",
        }
    }
}

/// `第三条　…` at the start of `t` ([`article_marker`]): the unit, its
/// number (Chinese up to 九十九, or Arabic), and the marker's length.
fn marker(t: &str) -> Option<(Unit, u32, usize)> {
    let (unit, digits, len) = article_marker(t)?;
    let unit = match unit {
        '章' => Unit::Chapter,
        '节' => Unit::Section,
        _ => Unit::Article,
    };
    let number = if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        chinese_ordinal(digits)?
    };
    (number > 0).then_some((unit, number, len))
}

/// The numbers of one unit seen so far: the last, when its run started at
/// one (a run that starts elsewhere is an excerpt, and is not checked), and
/// after a repeated number, the number written twice: the next may follow
/// either it or the number it stood for.
#[derive(Default)]
struct Run(Option<u32>, bool, Option<u32>);

impl Run {
    /// Take number `n` at `at`: the finding when it is not the next one.
    fn take(&mut self, unit: Unit, n: u32, at: Range<usize>) -> Option<Diagnostic> {
        if n == 1 {
            // A new regulation (or the first): count again.
            *self = Run(Some(1), true, None);
            return None;
        }
        let (last, checked) = (self.0.replace(n), self.1);
        let repeated = self.2.take();
        let last = last.filter(|_| checked)?;
        let u = unit.name();
        // `第三条 第三条 第四条`: the numbering goes on from the repeated
        // one (an article added without renumbering); the repeat was the
        // one finding.
        if n == last + 1 || repeated.is_some_and(|r| n == r + 1) {
            return None;
        }
        // Go on from what the number should have been (a repeated number
        // stands for the next one), or from the highest one yet when it goes
        // back: one slip is one finding.
        self.0 = Some(if n == last { n + 1 } else { n.max(last) });
        if n == last {
            self.2 = Some(n);
        }
        let (was, is) = (ordinal(last, u), ordinal(n, u));
        Some(if n == last {
            Diagnostic::new(
                at,
                format!("{is}与上一{u}的序号重复，这里应为{}", ordinal(n + 1, u)),
            )
            .with_note(format!(
                "{u}的序号应依次加一；增删{u}后请重新编号，并核对文中对它们的引用"
            ))
        } else if n > last {
            let missing = if n == last + 2 {
                ordinal(last + 1, u)
            } else {
                format!("{}至{}", ordinal(last + 1, u), ordinal(n - 1, u))
            };
            Diagnostic::new(at, format!("{was}之后是{is}，缺少{missing}")).with_note(format!(
                "{u}的序号应依次加一；增删{u}后请重新编号，并核对文中对它们的引用"
            ))
        } else {
            Diagnostic::new(at, format!("{is}排在{was}之后：序号重复或顺序颠倒")).with_note(
                format!("{u}的序号应依次加一；增删{u}后请重新编号，并核对文中对它们的引用"),
            )
        })
    }
}

/// `第十二条`, with the number in Chinese up to 九十九 (`第120条` above).
fn ordinal(n: u32, unit: &str) -> String {
    if n < 100 {
        format!("第{}{unit}", chinese_numeral(n))
    } else {
        format!("第{n}{unit}")
    }
}

impl Rule for ArticleNumbering {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let (mut chapters, mut sections, mut articles) =
            (Run::default(), Run::default(), Run::default());
        for (i, line) in doc.lines.iter().enumerate() {
            // A chapter's line (`第二章　监督内容`) may read as a title line.
            if !matches!(
                line.kind,
                LineKind::Body | LineKind::Heading | LineKind::Title
            ) {
                continue;
            }
            let t = doc.line_text(i);
            let Some((unit, n, len)) = t.starts_with('第').then(|| marker(t)).flatten() else {
                // A title (`某某办法（摘录）`) or an 附件 line starts another
                // document: its articles are counted afresh.
                let counting = [&chapters, &sections, &articles]
                    .iter()
                    .any(|r| r.0.is_some());
                if counting
                    && (line.kind == LineKind::Title
                        || super::attachment_line(t).is_some()
                        || super::is_title_like(t))
                {
                    (chapters, sections, articles) =
                        (Run::default(), Run::default(), Run::default());
                }
                continue;
            };
            let start = line.content().start;
            let at = start..start + len;
            let found = match unit {
                Unit::Chapter => {
                    // Each chapter numbers its sections from one.
                    sections = Run::default();
                    chapters.take(unit, n, at)
                }
                Unit::Section => sections.take(unit, n, at),
                Unit::Article => articles.take(unit, n, at),
            };
            if let Some(d) = found {
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_their_numbers() {
        let m = |t: &str| marker(t).map(|(u, n, len)| (u.name(), n, len));
        assert_eq!(
            m("第十二条　本办法自发布之日起施行。"),
            Some(("条", 12, 12))
        );
        assert_eq!(m("第3章 附则"), Some(("章", 3, 7)));
        assert_eq!(m("第二节"), Some(("节", 2, 9)));
        // A reference at a line's start, not a marker.
        assert_eq!(m("第五条规定的情形除外。"), None);
        assert_eq!(m("第一批试点单位"), None);
        assert_eq!(m("第〇条　"), None);
    }

    #[test]
    fn ordinals_are_written_in_chinese() {
        assert_eq!(ordinal(4, "章"), "第四章");
        assert_eq!(ordinal(10, "条"), "第十条");
        assert_eq!(ordinal(17, "条"), "第十七条");
        assert_eq!(ordinal(40, "条"), "第四十条");
        assert_eq!(ordinal(52, "条"), "第五十二条");
        assert_eq!(ordinal(120, "条"), "第120条");
    }
}
