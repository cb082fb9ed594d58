//! Rules defined in TOML: family X in a user's `gwlint.toml`, and the
//! substitution entries of the built-in packs (family P).
//!
//! Two forms, as in Vale: **existence** (`pattern` must not appear) and
//! **substitution** (`pattern` should be written as `replacement`). A match
//! that lies inside a match of one of the `exceptions` is not reported.
//! Matching is per line, over every non-blank line of the document.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::Look;

use crate::config::{CustomRuleDef, Origin};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Findings, Fix, Severity};
use crate::document::LineKind;
use crate::rules::{Context, FixKind, Rule, RuleMeta};

/// A compiled TOML rule.
pub struct CustomRule {
    pub meta: RuleMeta,
    pattern: Regex,
    /// The same pattern in multi-line, CRLF-aware mode, run once over the
    /// whole text to skip documents it cannot match on any line. `None`
    /// when the pattern anchors to the text (`\A`, `\z`), where a whole-
    /// text search would not stand for the per-line one.
    /// Built on first use, so that loading a configuration stays cheap.
    gate: OnceLock<Option<Regex>>,
    exceptions: Vec<Regex>,
    replacement: Option<String>,
    message: String,
    applicability: Applicability,
}

/// Documents from this size on are first searched as a whole.
const GATE_MIN_BYTES: usize = 32 * 1024;

/// A regex that matches somewhere in a text whenever `pattern` matches in
/// one of its lines: `^`/`$` at line ends (CRLF included). Other constructs
/// can only match more across line ends, never less, except assertions of
/// the text's own start or end (`\A`, `\z`, `(?-m)^`), for which there is no
/// gate: the parsed pattern says whether it holds one.
fn whole_text_gate(pattern: &str) -> Option<Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .ok()?;
    let looks = hir.properties().look_set();
    if looks.contains(Look::Start) || looks.contains(Look::End) {
        return None;
    }
    regex::RegexBuilder::new(pattern)
        .multi_line(true)
        .crlf(true)
        .build()
        .ok()
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
                format!(
                    "custom rule code \"{code}\" must be a family letter and three digits, e.g. X001"
                ),
            ));
        }
        if !origin.is_builtin() && b[0] != b'X' {
            return Err((
                def.code.span(),
                format!("custom rule code \"{code}\" must be in family X (X001 to X999)"),
            ));
        }
        if crate::rules::find_builtin(code).is_some() {
            return Err((
                def.code.span(),
                format!("{code} is already a built-in rule"),
            ));
        }
        let name = def.name.get_ref();
        if !is_kebab(name) {
            return Err((
                def.name.span(),
                format!("rule name \"{name}\" must be kebab-case (lowercase letters, digits, -)"),
            ));
        }
        if crate::rules::find_builtin(name).is_some() {
            return Err((
                def.name.span(),
                format!("\"{name}\" is already the name of a built-in rule"),
            ));
        }
        let pattern = Regex::new(def.pattern.get_ref()).map_err(|e| {
            (
                def.pattern.span(),
                format!("invalid regular expression: {}", first_line(&e.to_string())),
            )
        })?;
        if pattern.is_match("") {
            return Err((
                def.pattern.span(),
                "the pattern matches the empty string, so it would match everywhere".into(),
            ));
        }
        let mut exceptions = Vec::new();
        for ex in &def.exceptions {
            exceptions.push(Regex::new(ex.get_ref()).map_err(|e| {
                (
                    ex.span(),
                    format!("invalid regular expression: {}", first_line(&e.to_string())),
                )
            })?);
        }
        let severity = match &def.severity {
            None => Severity::Warning,
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                (
                    s.span(),
                    format!(
                        "unknown severity \"{}\": use error, warning or info",
                        s.get_ref()
                    ),
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
                    format!(
                        "fix must be \"safe\" or \"unsafe\", not \"{}\"",
                        f.get_ref()
                    ),
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
            reads: crate::extract::Reads::empty(),
        };
        Ok(CustomRule {
            meta,
            gate: OnceLock::new(),
            pattern,
            exceptions,
            replacement: def.replacement.clone(),
            message: def.message.clone(),
            applicability,
        })
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
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

impl Rule for CustomRule {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        // Below GATE_MIN_BYTES the per-line search costs less than building
        // the gate, so a one-page document never pays for its compilation.
        if doc.text.len() >= GATE_MIN_BYTES {
            let gate = self
                .gate
                .get_or_init(|| whole_text_gate(self.pattern.as_str()));
            if gate.as_ref().is_some_and(|g| !g.is_match(doc.text)) {
                return;
            }
        }
        for line in &doc.lines {
            if line.kind == LineKind::Blank {
                continue;
            }
            let base = line.content().start;
            let s = &doc.text[line.content()];
            let mut exception_spans: Option<Vec<Range<usize>>> = None;
            for caps in self.pattern.captures_iter(s) {
                let m = caps.get(0).expect("group 0");
                if m.is_empty() {
                    continue;
                }
                let spans = exception_spans.get_or_insert_with(|| {
                    self.exceptions
                        .iter()
                        .flat_map(|r| r.find_iter(s).map(|e| e.range()))
                        .collect()
                });
                if spans
                    .iter()
                    .any(|e| e.start <= m.start() && m.end() <= e.end)
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
}
