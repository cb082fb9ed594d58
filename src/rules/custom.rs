//! Rules defined in TOML: family X in a user's `gwlint.toml`, and the
//! substitution entries of the built-in packs (family P).
//!
//! Two forms, as in Vale: **existence** (`pattern` must not appear) and
//! **substitution** (`pattern` should be written as `replacement`). A match
//! that lies inside a match of one of the `exceptions` is not reported.
//! Matching is per line, over every non-blank line of the document.

use std::ops::Range;

use regex::Regex;
use regex_syntax::hir::{Look, LookSet};

use crate::config::zh::regex_message;
use crate::config::{CustomRuleDef, Origin};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Findings, Fix, Severity};
use crate::document::LineKind;
use crate::rules::pattern::{self, Pattern};
use crate::rules::{Context, FixKind, Rule, RuleMeta};

/// A compiled TOML rule.
pub struct CustomRule {
    pub meta: RuleMeta,
    pattern: Pattern,
    /// Whether a search of the whole text stands for the per-line search
    /// (see [`searches_whole_text`]): only the lines its matches start on or
    /// run across are searched one by one.
    whole_text: bool,
    exceptions: Vec<Pattern>,
    replacement: Option<String>,
    message: String,
    applicability: Applicability,
}

/// Whether the pattern, searched over the whole text, finds a match at or
/// before the start of every match that the per-line search finds: true when
/// it asserts no line or text boundary (`^`, `$`, `\A`, `\z`). Then a match
/// within a line's trimmed content is also a match of the whole text at the
/// same place: the rest of the pattern can only match more when a match may
/// run across a line end (`\s`, `[^x]`), never less, and the characters
/// trimmed from a line's ends are spaces, not word characters, so `\b`
/// agrees there. Anchored patterns search line by line (an indented line's
/// content starts after its spaces, where a whole-text `^` does not match).
fn searches_whole_text(looks: LookSet) -> bool {
    ![
        Look::Start,
        Look::End,
        Look::StartLF,
        Look::EndLF,
        Look::StartCRLF,
        Look::EndCRLF,
    ]
    .into_iter()
    .any(|l| looks.contains(l))
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

impl CustomRule {
    /// Compile a definition. The error carries the span (in the file the
    /// definition is in) of the offending value.
    pub fn from_def(
        def: &CustomRuleDef,
        origin: &Origin,
    ) -> Result<CustomRule, (Range<usize>, String)> {
        let code = def.code.get_ref();
        let b = code.as_bytes();
        let well_formed =
            b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
        if !well_formed {
            return Err((
                def.code.span(),
                format!("自定义规则代码“{code}”应是一个大写字母加三位数字，如 X001"),
            ));
        }
        if !origin.is_builtin() && b[0] != b'X' {
            return Err((
                def.code.span(),
                format!("自定义规则代码“{code}”应属于 X 类（X001 到 X999）"),
            ));
        }
        if crate::rules::find_builtin(code).is_some() {
            return Err((def.code.span(), format!("{code} 已是内置规则的代码")));
        }
        let name = def.name.get_ref();
        if !is_kebab(name) {
            return Err((
                def.name.span(),
                format!("规则名称“{name}”只能用小写字母、数字和 -（kebab-case）"),
            ));
        }
        if crate::rules::find_builtin(name).is_some() {
            return Err((def.name.span(), format!("“{name}”已是内置规则的名称")));
        }
        let pattern = pattern::pattern(def.pattern.get_ref()).map_err(|e| {
            (
                def.pattern.span(),
                format!("正则表达式有误：{}", regex_message(&e.to_string())),
            )
        })?;
        if pattern.matches_empty() {
            return Err((
                def.pattern.span(),
                "这个 pattern 能匹配空字符串，会在每个位置都匹配".into(),
            ));
        }
        let mut exceptions = Vec::new();
        for ex in &def.exceptions {
            exceptions.push(pattern::pattern(ex.get_ref()).map_err(|e| {
                (
                    ex.span(),
                    format!("正则表达式有误：{}", regex_message(&e.to_string())),
                )
            })?);
        }
        let severity = match &def.severity {
            None => Severity::Warning,
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                (
                    s.span(),
                    format!("不认识的级别“{}”：可写 error、warning 或 info", s.get_ref()),
                )
            })?,
        };
        let applicability = match &def.fix {
            None => Applicability::Safe,
            Some(f) if f.get_ref() == "safe" => Applicability::Safe,
            Some(f) if f.get_ref() == "unsafe" => Applicability::Unsafe,
            Some(f) => {
                return Err((
                    f.span(),
                    format!("fix 只能写 \"safe\" 或 \"unsafe\"，不能写“{}”", f.get_ref()),
                ));
            }
        };
        let summary = def.summary.clone().unwrap_or_else(|| {
            def.message
                .replace("{match}", "…")
                .replace("{replacement}", "…")
        });
        let doc = render_doc(def, origin);
        let meta = RuleMeta {
            code: leak(code.clone()),
            name: leak(name.clone()),
            severity,
            summary: leak(summary),
            doc: leak(doc),
            fix: if def.replacement.is_some() {
                FixKind::Always
            } else {
                FixKind::None
            },
            unsafe_fix: false,
            reads: crate::extract::Reads::empty(),
        };
        Ok(CustomRule {
            meta,
            whole_text: searches_whole_text(pattern.looks()),
            pattern,
            exceptions,
            replacement: def.replacement.clone(),
            message: def.message.clone(),
            applicability,
        })
    }
}

fn render_doc(def: &CustomRuleDef, origin: &Origin) -> String {
    let mut s = String::new();
    s.push_str("## 检查什么\n");
    match &def.replacement {
        Some(r) => s.push_str(&format!(
            "替换规则：匹配 `{}` 的文字应写作 `{r}`。\n",
            def.pattern.get_ref()
        )),
        None => s.push_str(&format!(
            "存在规则：不应出现匹配 `{}` 的文字。\n",
            def.pattern.get_ref()
        )),
    }
    if !def.exceptions.is_empty() {
        let ex: Vec<String> = def
            .exceptions
            .iter()
            .map(|e| format!("`{}`", e.get_ref()))
            .collect();
        s.push_str(&format!(
            "例外：落在 {} 的匹配之内的不报告。\n",
            ex.join("、")
        ));
    }
    s.push_str(
        "引号里作为写法举出的（`不得写作“截止目前”`、`把“其它”改为“其他”`）是提及而不是使用，不报告。\n",
    );
    s.push_str(&format!("\n提示信息：{}\n", def.message));
    if let Some(d) = &def.doc {
        s.push('\n');
        s.push_str(d.trim_end());
        s.push('\n');
    }
    if let Some(src) = &def.source {
        s.push_str(&format!("\n## 依据\n{src}\n"));
    }
    s.push_str(&format!("\n## 定义于\n{}\n", origin.describe()));
    s
}

/// Words that, right before a quote, cite a form rather than use it:
/// `不得写作“截止目前”`, `不用“其它”`, `而不是“做出决定”`. (`用` stands for
/// 使用, 不用, 误用, 慎用 and 禁用.)
const CITES_BEFORE: [&str; 16] = [
    "写作", "写成", "写为", "误作", "称为", "称作", "叫作", "叫做", "用", "不写", "而非", "不是",
    "避免", "例如", "比如", "诸如",
];

/// Words that, right after a quote, say it cites a form: `把“其它”改为`,
/// `“截止目前”等写法`, `“做出决定”的说法`.
const CITES_AFTER: [&str; 16] = [
    "改为",
    "改成",
    "应为",
    "应写",
    "应改",
    "应当写",
    "一词",
    "这种写法",
    "这样的写法",
    "的写法",
    "等写法",
    "的说法",
    "等说法",
    "的用法",
    "等用法",
    "等提法",
];

/// What may stand between two quoted forms cited together
/// (`“截止目前”“做出决定”`, `“其它”、“做出”`).
const BETWEEN_QUOTES: [&str; 6] = ["、", "或者", "或", "和", "与", "及"];

/// Whether `t`, the content of a pair of quotes, is a short phrase: a form
/// cited, not a sentence quoted.
fn is_phrase(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 16
        && !t.contains([
            '，', '。', '；', '：', '！', '？', '、', '“', '”', ',', ';', ':', '!', '?',
        ])
}

/// Whether the match at `start..end` of line `s` is a form mentioned, not
/// used: it lies within a pair of quotes around a short phrase, and that
/// quote (or the run of quoted forms it stands in, `“截止目前”“做出决定”“其它”`)
/// follows a word that cites a form ([`CITES_BEFORE`]) or comes before
/// one ([`CITES_AFTER`]). `不得写作“截止目前”` cites the wrong form as an
/// example; `截止目前，我局…` and `开展“其它”活动` use it.
fn is_mention(s: &str, start: usize, end: usize) -> bool {
    let Some(open) = s[..start].rfind('“') else {
        return false;
    };
    let Some(close) = s[end..].find('”').map(|p| end + p) else {
        return false;
    };
    let open_end = open + '“'.len_utf8();
    if !is_phrase(&s[open_end..close]) {
        return false;
    }
    // Back over the quoted forms cited before this one.
    let mut before = &s[..open];
    loop {
        let b = BETWEEN_QUOTES
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .unwrap_or(before);
        let Some(inner) = b.strip_suffix('”') else {
            break;
        };
        match inner.rfind('“') {
            Some(o) if is_phrase(&inner[o + '“'.len_utf8()..]) => before = &inner[..o],
            _ => break,
        }
    }
    if CITES_BEFORE.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    // On over the quoted forms cited after it.
    let mut after = &s[close + '”'.len_utf8()..];
    loop {
        let a = BETWEEN_QUOTES
            .iter()
            .find_map(|w| after.strip_prefix(w))
            .unwrap_or(after);
        let Some(inner) = a.strip_prefix('“') else {
            break;
        };
        match inner.find('”') {
            Some(c) if is_phrase(&inner[..c]) => after = &inner[c + '”'.len_utf8()..],
            _ => break,
        }
    }
    CITES_AFTER.iter().any(|w| after.starts_with(w))
}

impl Rule for CustomRule {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // A text without the literals every match needs is not searched
        // (and, for a pattern of the built-in packs, the pattern is not
        // compiled: see [`Pattern`]).
        let Some(re) = self.pattern.for_haystack(doc.text) else {
            return;
        };
        if !self.whole_text {
            for i in 0..doc.lines.len() {
                self.check_line(doc, i, re, out);
            }
            return;
        }
        // One pass over the whole text. Every place where a line's own search
        // finds a match is also a match of the whole text, and a pass of
        // non-overlapping matches reports each such place or runs over it:
        // the lines that a reported match starts on or runs across are the
        // only ones that can hold a match, and each is searched once. (A new
        // search from each such line instead would re-read a long match, a
        // run of blank lines under `\s*` or a paragraph under `[^。]*`, once
        // for every line of it.)
        let mut next = 0;
        for m in re.find_iter(doc.text) {
            let first = doc.index.line_of(m.start()).max(next);
            let last = doc.index.line_of(m.end().saturating_sub(1).max(m.start()));
            for i in first..=last {
                self.check_line(doc, i, re, out);
            }
            next = next.max(last + 1);
        }
    }
}

impl CustomRule {
    /// The findings of line `i`, searched on its own.
    fn check_line(
        &self,
        doc: &crate::document::Document<'_>,
        i: usize,
        re: &Regex,
        out: &mut Findings,
    ) {
        let line = &doc.lines[i];
        if line.kind == LineKind::Blank {
            return;
        }
        let base = line.content().start;
        let s = &doc.text[line.content()];
        let mut exception_spans: Option<Vec<Range<usize>>> = None;
        for caps in re.captures_iter(s) {
            let m = caps.get(0).expect("group 0");
            if m.is_empty() {
                continue;
            }
            let spans = exception_spans.get_or_insert_with(|| {
                self.exceptions
                    .iter()
                    .filter_map(|r| r.for_haystack(s))
                    .flat_map(|r| r.find_iter(s).map(|e| e.range()))
                    .collect()
            });
            if spans
                .iter()
                .any(|e| e.start <= m.start() && m.end() <= e.end)
                || is_mention(s, m.start(), m.end())
            {
                continue;
            }
            let range = base + m.start()..base + m.end();
            let mut d;
            if let Some(rep) = &self.replacement {
                let mut expanded = String::new();
                caps.expand(rep, &mut expanded);
                let msg = self
                    .message
                    .replace("{match}", m.as_str())
                    .replace("{replacement}", &expanded);
                d = Diagnostic::new(range.clone(), msg);
                if expanded != m.as_str() {
                    d = d.with_fix(Fix {
                        applicability: self.applicability,
                        message: format!("改为“{expanded}”").into(),
                        edits: vec![Edit::replace(range, expanded)],
                    });
                }
            } else {
                d = Diagnostic::new(range, self.message.replace("{match}", m.as_str()));
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_mention;

    fn mention(line: &str, word: &str) -> bool {
        let start = line.find(word).expect("word");
        is_mention(line, start, start + word.len())
    }

    #[test]
    fn a_cited_form_is_a_mention() {
        assert!(mention("不得写作“截止目前”。", "截止目前"));
        assert!(mention("不得写作“截止目前”“做出决定”“其它”。", "其它"));
        assert!(mention("不写“做出决定”、“其它”等。", "其它"));
        assert!(mention("把“其它”改为“其他”。", "其它"));
        assert!(mention("“截止2023年底”这种写法要改。", "截止2023年"));
    }

    #[test]
    fn a_used_form_is_no_mention() {
        assert!(!mention("截止目前，我局已办结案件56件。", "截止目前"));
        assert!(!mention("开展“其它”事项清理。", "其它"));
        assert!(!mention("不得写作“截止目前，全县共办结”。", "截止目前"));
        assert!(!mention("写作“甲”其它“乙”。", "其它"));
        assert!(!mention("不得写作“截止目前", "截止目前"));
    }
}
