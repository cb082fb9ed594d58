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
use crate::document::{LineIndex, is_space};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    // The word after `gwlint-` is read whole (`disable-line` is not
    // `disable` with a code `-line`); codes follow after a space.
    Regex::new(r"<!--\s*gwlint-([A-Za-z][A-Za-z-]*)(?:[\s,]+([^>]*?))?\s*-->").expect("valid")
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

impl Directive {
    /// Whether this directive, which covers `d`'s line, suppresses `d`;
    /// the codes that do (or the directive, when it names none) are marked
    /// used.
    fn suppresses(&mut self, d: &Diagnostic) -> bool {
        if self.codes.is_empty() {
            self.used_any = true;
            return true;
        }
        let mut hit = false;
        for (i, c) in self.codes.iter().enumerate() {
            if specificity_of(c, d.code(), d.name()).is_some() {
                self.used[i] = true;
                hit = true;
            }
        }
        hit
    }
}

/// The suppressions of one document.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Every code a directive names (`enable` ones too): the directive's
    /// byte range and the code's, in the order of the text.
    named: Vec<(Range<usize>, Range<usize>)>,
    /// Comments `<!-- gwlint-… -->` whose word is none of the three (a
    /// typo such as `gwlint-disable-line`): the comment's and the word's
    /// byte ranges. They suppress nothing.
    unknown_kinds: Vec<(Range<usize>, Range<usize>)>,
}

/// The codes in `s` (separated by commas and spaces) and their byte ranges
/// in `s`.
fn parse_codes(s: &str) -> Vec<(String, Range<usize>)> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(|c| {
            let at = c.as_ptr() as usize - s.as_ptr() as usize;
            (c.to_string(), at..at + c.len())
        })
        .collect()
}

impl Suppressions {
    /// The directives in `text` (the source, not a Markdown file's prose:
    /// its comments are markup), whose lines `index` gives.
    pub fn parse(text: &str, index: &LineIndex) -> Suppressions {
        if memchr::memmem::find(text.as_bytes(), b"gwlint-").is_none() {
            return Suppressions::default();
        }
        let mut out: Vec<Directive> = Vec::new();
        let mut named = Vec::new();
        let mut unknown_kinds = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for c in DIRECTIVE.captures_iter(text) {
            let m = c.get(0).expect("group 0");
            let kind = c.get(1).expect("group 1");
            if !matches!(kind.as_str(), "disable-next-line" | "disable" | "enable") {
                let word = kind.start() - "gwlint-".len()..kind.end();
                unknown_kinds.push((m.range(), word));
                continue;
            }
            let line = index.line_of(m.start());
            let (codes, at): (Vec<String>, Vec<Range<usize>>) = match c.get(2) {
                Some(g) => parse_codes(g.as_str())
                    .into_iter()
                    .map(|(c, r)| (c, g.start() + r.start..g.start() + r.end))
                    .unzip(),
                None => Default::default(),
            };
            named.extend(at.into_iter().map(|r| (m.range(), r)));
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
        Suppressions {
            directives: out,
            named,
            unknown_kinds,
        }
    }

    /// The byte ranges in `text` (the text parsed) of the codes named in a
    /// directive that `known` does not know (no rule has that code, prefix,
    /// family or name). Such a code suppresses nothing.
    pub fn unknown_codes(&self, text: &str, known: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
        self.named
            .iter()
            .filter(|(_, c)| !known(&text[c.clone()]))
            .map(|(_, c)| c.clone())
            .collect()
    }

    /// Keep the directives whose comment `real` accepts (in a Markdown
    /// file, those that are HTML and not text shown in a code block).
    pub fn retain(&mut self, real: impl Fn(&Range<usize>) -> bool) {
        self.directives.retain(|d| real(&d.range));
        self.named.retain(|(r, _)| real(r));
        self.unknown_kinds.retain(|(r, _)| real(r));
    }

    /// The byte ranges of the words of comments that look like directives
    /// and are none (`gwlint-disable-line`).
    pub fn unknown_kinds(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.unknown_kinds.iter().map(|(_, w)| w.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.unknown_kinds.is_empty()
    }

    /// Drop the findings a directive covers, remembering which directives
    /// were used.
    ///
    /// The findings are visited in line order beside the directives in
    /// order of their first line, and each finding is held only to the
    /// directives that cover its line (those begun and not yet ended): a
    /// document with a `disable-next-line` comment before each of its
    /// 60,000 findings no longer holds each finding to every comment (which
    /// took 3.2 s for 4 MB). The findings keep their order.
    pub fn filter(&mut self, index: &LineIndex, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let lines: Vec<usize> = diags
            .iter()
            .map(|d| index.line_of(d.range().start))
            .collect();
        let mut by_line: Vec<u32> = (0..diags.len() as u32).collect();
        by_line.sort_by_key(|&k| lines[k as usize]);
        let mut by_start: Vec<usize> = (0..self.directives.len()).collect();
        by_start.sort_by_key(|&i| self.directives[i].lines.start);
        let mut suppressed = vec![false; diags.len()];
        let mut next = 0;
        let mut active: Vec<usize> = Vec::new();
        let mut active_line = None;
        for k in by_line {
            let line = lines[k as usize];
            if active_line != Some(line) {
                active_line = Some(line);
                while let Some(&i) = by_start.get(next)
                    && self.directives[i].lines.start <= line
                {
                    active.push(i);
                    next += 1;
                }
                active.retain(|&i| self.directives[i].lines.end > line);
            }
            let d = &diags[k as usize];
            for &i in &active {
                // Every covering directive is asked (each marks itself used).
                suppressed[k as usize] |= self.directives[i].suppresses(d);
            }
        }
        diags
            .into_iter()
            .zip(suppressed)
            .filter_map(|(d, s)| (!s).then_some(d))
            .collect()
    }

    /// [`Suppressions::filter`] as a walk over every directive for every
    /// finding: what the sweep is held to.
    #[cfg(test)]
    fn filter_by_walk(&mut self, index: &LineIndex, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| {
                let line = index.line_of(d.range().start);
                let mut suppressed = false;
                for dir in &mut self.directives {
                    if dir.lines.contains(&line) {
                        suppressed |= dir.suppresses(d);
                    }
                }
                !suppressed
            })
            .collect()
    }

    /// Findings for directives (or codes in them) that suppressed nothing;
    /// a code that `known` does not know is called unknown.
    pub fn unused(
        &self,
        text: &str,
        index: &LineIndex,
        known: impl Fn(&str) -> bool,
    ) -> Vec<Diagnostic> {
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
            let unknown: Vec<&str> = unused_codes.iter().copied().filter(|c| !known(c)).collect();
            let unknown_note = if unknown.is_empty() {
                String::new()
            } else {
                format!(
                    "（{} 不是已知的规则代码或名称，见 `gwlint rules`）",
                    unknown.join("、")
                )
            };
            let msg = if wholly_unused {
                format!("这条 {what} 注释没有抑制任何问题，可以删除{unknown_note}")
            } else {
                format!(
                    "这条 {what} 注释中的 {} 没有抑制任何问题{unknown_note}",
                    unused_codes.join("、")
                )
            };
            let mut diag = Diagnostic::new(d.range.clone(), msg);
            if wholly_unused {
                // Remove the comment; remove its line too when nothing else is on it.
                let line = index.line_of(d.range.start);
                let whole = index.line_range(text, line);
                let alone = text[whole.clone()].trim_matches(is_space) == &text[d.range.clone()];
                let cut = if alone {
                    let next = (line + 1 < index.len()).then(|| index.line_start(line + 1));
                    whole.start..next.unwrap_or(whole.end)
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
    use crate::document::Document;

    fn diag(doc: &Document<'_>, line: usize, code: &'static str) -> Diagnostic {
        let mut d = Diagnostic::new(doc.lines[line].content(), "x");
        d.rule = crate::diagnostic::RuleId::of(code, "n");
        d
    }

    #[test]
    fn ranges_next_line_and_unused() {
        let text = "a\n<!-- gwlint-disable D001 -->\nb\nc\n<!-- gwlint-enable -->\nd\n<!-- gwlint-disable-next-line N -->\ne\n<!-- gwlint-disable-next-line P -->\nf\n";
        let doc = Document::new(text);
        let mut s = Suppressions::parse(doc.text, &doc.index);
        let all = vec![
            diag(&doc, 0, "D001"),
            diag(&doc, 2, "D001"),
            diag(&doc, 3, "N001"),
            diag(&doc, 5, "D001"),
            diag(&doc, 7, "N001"),
            diag(&doc, 9, "D001"),
        ];
        let kept: Vec<usize> = s
            .filter(&doc.index, all)
            .iter()
            .map(|d| doc.index.line_of(d.range().start))
            .collect();
        assert_eq!(kept, vec![0, 3, 5, 9]);
        let unused = s.unused(doc.text, &doc.index, |_| true);
        assert_eq!(unused.len(), 1);
        assert_eq!(doc.index.line_of(unused[0].range().start), 8);
        let (fixed, _) = crate::fix::apply(text, &unused, false);
        assert!(!fixed.contains("disable-next-line P"));
        assert!(fixed.ends_with("e\nf\n"));
    }

    /// On random documents of nested, overlapping, unclosed and next-line
    /// directives with and without codes, and findings on random lines in
    /// no order, the sweep keeps the findings the walk keeps, in the same
    /// order, and marks the same directives and codes used.
    #[test]
    fn the_sweep_suppresses_and_marks_what_the_walk_does() {
        let directives = [
            "<!-- gwlint-disable -->",
            "<!-- gwlint-disable D001 -->",
            "<!-- gwlint-disable N, S201 -->",
            "<!-- gwlint-enable -->",
            "<!-- gwlint-enable D001 -->",
            "<!-- gwlint-disable-next-line -->",
            "<!-- gwlint-disable-next-line P006 D -->",
            "<!-- gwlint-disable-next-line S -->",
        ];
        let codes = ["D001", "N002", "S201", "P006", "A001"];
        let mut rng = fastrand::Rng::with_seed(901);
        let mut suppressed = 0;
        for _ in 0..3_000 {
            let n = rng.usize(1..30);
            let mut text = String::new();
            for _ in 0..n {
                if rng.u8(0..3) == 0 {
                    text.push_str(directives[rng.usize(0..directives.len())]);
                } else {
                    text.push_str("正文");
                }
                text.push('\n');
            }
            let doc = Document::new(&text);
            let all: Vec<Diagnostic> = (0..rng.usize(0..40))
                .map(|_| diag(&doc, rng.usize(0..n), codes[rng.usize(0..codes.len())]))
                .collect();
            let show = |ds: &[Diagnostic]| -> Vec<(usize, String)> {
                ds.iter()
                    .map(|d| (d.range().start, d.code().to_string()))
                    .collect()
            };
            let mut fast = Suppressions::parse(doc.text, &doc.index);
            let mut walk = Suppressions::parse(doc.text, &doc.index);
            let kept = fast.filter(&doc.index, all.clone());
            let want = walk.filter_by_walk(&doc.index, all.clone());
            assert_eq!(show(&kept), show(&want), "{text}");
            suppressed += all.len() - kept.len();
            let marks = |s: &Suppressions| -> Vec<(Vec<bool>, bool)> {
                s.directives
                    .iter()
                    .map(|d| (d.used.clone(), d.used_any))
                    .collect()
            };
            assert_eq!(marks(&fast), marks(&walk), "{text}");
        }
        // The directives did suppress findings.
        assert!(suppressed > 1_000, "{suppressed}");
    }
}
