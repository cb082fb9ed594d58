//! Inline suppressions in Markdown and HTML sources (and plain text):
//!
//! - `<!-- gwlint-disable CODE… -->` … `<!-- gwlint-enable [CODE…] -->`: from
//!   the directive's line to the line of the matching enable (or the end of
//!   the file);
//! - `<!-- gwlint-disable-next-line CODE… -->`: the line after the directive.
//!
//! Without codes a directive covers every rule. Codes may be rule codes,
//! prefixes, families or names, separated by spaces or commas. A directive
//! that suppressed nothing is reported by P901 when
//! `--report-unused-suppressions` is given.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::config::specificity_of;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*gwlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->").expect("valid")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    NextLine,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// The comment's byte range.
    range: Range<usize>,
    /// 0-based lines covered, inclusive.
    lines: Range<usize>,
    codes: Vec<String>,
    used: Vec<bool>,
    used_any: bool,
}

/// The suppressions of one document.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

fn parse_codes(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

impl Suppressions {
    pub fn parse(doc: &Document<'_>) -> Suppressions {
        let text = doc.text;
        if memchr::memmem::find(text.as_bytes(), b"gwlint-").is_none() {
            return Suppressions::default();
        }
        let mut out: Vec<Directive> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for c in DIRECTIVE.captures_iter(text) {
            let m = c.get(0).expect("group 0");
            let line = doc.index.line_of(m.start());
            let codes = parse_codes(c.get(2).map_or("", |g| g.as_str()));
            match c.get(1).map(|g| g.as_str()) {
                Some("disable-next-line") => out.push(Directive {
                    kind: Kind::NextLine,
                    range: m.range(),
                    lines: line + 1..line + 2,
                    used: vec![false; codes.len()],
                    codes,
                    used_any: false,
                }),
                Some("disable") => {
                    open.push(out.len());
                    out.push(Directive {
                        kind: Kind::Disable,
                        range: m.range(),
                        lines: line..usize::MAX,
                        used: vec![false; codes.len()],
                        codes,
                        used_any: false,
                    });
                }
                _ => {
                    // enable: closes the open disables it names (all without codes).
                    open.retain(|&i| {
                        let d = &mut out[i];
                        let closes = codes.is_empty() || d.codes.iter().any(|c| codes.contains(c));
                        if closes {
                            d.lines.end = line + 1;
                        }
                        !closes
                    });
                }
            }
        }
        Suppressions { directives: out }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drop the findings a directive covers, remembering which directives
    /// were used.
    pub fn filter(&mut self, doc: &Document<'_>, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| {
                let line = doc.index.line_of(d.range().start);
                let mut suppressed = false;
                for dir in &mut self.directives {
                    if !dir.lines.contains(&line) {
                        continue;
                    }
                    if dir.codes.is_empty() {
                        dir.used_any = true;
                        suppressed = true;
                    } else {
                        for (i, c) in dir.codes.iter().enumerate() {
                            if specificity_of(c, d.code(), d.name()).is_some() {
                                dir.used[i] = true;
                                suppressed = true;
                            }
                        }
                    }
                }
                !suppressed
            })
            .collect()
    }

    /// Findings for directives (or codes in them) that suppressed nothing.
    pub fn unused(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for d in &self.directives {
            let unused_codes: Vec<&str> = d
                .codes
                .iter()
                .zip(&d.used)
                .filter(|(_, u)| !**u)
                .map(|(c, _)| c.as_str())
                .collect();
            let wholly_unused = if d.codes.is_empty() {
                !d.used_any
            } else {
                unused_codes.len() == d.codes.len()
            };
            if !wholly_unused && unused_codes.is_empty() {
                continue;
            }
            let what = match d.kind {
                Kind::Disable => "gwlint-disable",
                Kind::NextLine => "gwlint-disable-next-line",
            };
            let msg = if wholly_unused {
                format!("这条 {what} 注释没有抑制任何问题，可以删除")
            } else {
                format!(
                    "这条 {what} 注释中的 {} 没有抑制任何问题",
                    unused_codes.join("、")
                )
            };
            let mut diag = Diagnostic::new(d.range.clone(), msg);
            if wholly_unused {
                // Remove the comment; remove its line too when nothing else is on it.
                let line = doc.index.line_of(d.range.start);
                let alone = doc.line_text(line) == doc.slice(d.range.clone());
                let cut = if alone {
                    let whole = doc.line_range(line);
                    whole.start..doc.line_start(line + 1).unwrap_or(whole.end)
                } else {
                    d.range.clone()
                };
                diag = diag.with_fix(Fix::safe("删除这条注释", vec![Edit::delete(cut)]));
            }
            out.push(diag);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(doc: &Document<'_>, line: usize, code: &'static str) -> Diagnostic {
        let mut d = Diagnostic::new(doc.lines[line].content(), "x");
        d.rule = crate::diagnostic::RuleId::of(code, "n");
        d
    }

    #[test]
    fn ranges_next_line_and_unused() {
        let text = "a\n<!-- gwlint-disable D001 -->\nb\nc\n<!-- gwlint-enable -->\nd\n<!-- gwlint-disable-next-line N -->\ne\n<!-- gwlint-disable-next-line P -->\nf\n";
        let doc = Document::new(text);
        let mut s = Suppressions::parse(&doc);
        let all = vec![
            diag(&doc, 0, "D001"),
            diag(&doc, 2, "D001"),
            diag(&doc, 3, "N001"),
            diag(&doc, 5, "D001"),
            diag(&doc, 7, "N001"),
            diag(&doc, 9, "D001"),
        ];
        let kept: Vec<usize> = s
            .filter(&doc, all)
            .iter()
            .map(|d| doc.index.line_of(d.range().start))
            .collect();
        assert_eq!(kept, vec![0, 3, 5, 9]);
        let unused = s.unused(&doc);
        assert_eq!(unused.len(), 1);
        assert_eq!(doc.index.line_of(unused[0].range().start), 8);
        let (fixed, _) = crate::fix::apply(text, &unused, false);
        assert!(!fixed.contains("disable-next-line P"));
        assert!(fixed.ends_with("e\nf\n"));
    }
}
