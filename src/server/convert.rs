//! gwlint findings and fixes as LSP diagnostics, edits and code actions.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types as lsp;
use serde_json::json;

use super::position::{Encoding, LineIndex};
use crate::diagnostic::{Applicability, Diagnostic, Severity};

/// The kind of the "fix all safe problems" action.
pub const FIX_ALL_KIND: &str = "source.fixAll.gwlint";

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::Error,
        Severity::Warning => lsp::DiagnosticSeverity::Warning,
        Severity::Info => lsp::DiagnosticSeverity::Information,
    }
}

/// The engine's warnings (a byte range and a message) as diagnostics of
/// severity warning, without a code.
pub fn warnings(
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    warnings: &[(std::ops::Range<usize>, String)],
) -> Vec<lsp::Diagnostic> {
    let offsets: Vec<usize> = warnings
        .iter()
        .flat_map(|(r, _)| [r.start, r.end])
        .collect();
    let positions = index.positions(text, &offsets, enc);
    warnings
        .iter()
        .zip(positions.chunks_exact(2))
        .map(|((_, m), p)| lsp::Diagnostic {
            range: lsp::Range {
                start: p[0],
                end: p[1],
            },
            severity: Some(lsp::DiagnosticSeverity::Warning),
            code: None,
            code_description: None,
            source: Some("gwlint".to_string()),
            message: lsp::Message::String(m.clone()),
            tags: None,
            related_information: None,
            data: None,
        })
        .collect()
}

/// Convert the findings of one document. All positions are computed in one
/// pass over the text.
pub fn diagnostics(
    uri: &str,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    diags: &[Diagnostic],
) -> Vec<lsp::Diagnostic> {
    let mut offsets = Vec::with_capacity(diags.len() * 2);
    for d in diags {
        offsets.extend([d.range().start, d.range().end]);
        for l in &d.labels {
            offsets.extend([l.range().start, l.range().end]);
        }
    }
    let positions = index.positions(text, &offsets, enc);
    let mut next = positions.chunks_exact(2).map(|p| lsp::Range {
        start: p[0],
        end: p[1],
    });
    let mut out = Vec::with_capacity(diags.len());
    for d in diags {
        let range = next.next().unwrap_or_default();
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|l| lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: lsp::Uri(uri.to_string()),
                    range: next.next().unwrap_or_default(),
                },
                message: l.message.to_string(),
            })
            .collect();
        let mut message = d.message.to_string();
        for n in d.notes.iter() {
            message.push('\n');
            message.push_str(n);
        }
        out.push(lsp::Diagnostic {
            range,
            severity: Some(severity(d.severity)),
            code: Some(lsp::Code::String(d.code().to_string())),
            // gwlint has no web documentation; `gwlint rule CODE` is the
            // reference, so no codeDescription link is sent.
            code_description: None,
            source: Some("gwlint".to_string()),
            message: lsp::Message::String(message),
            tags: None,
            related_information: (!related.is_empty()).then_some(related),
            data: Some(json!({"name": d.name()})),
        });
    }
    out
}

/// A workspace edit of one document, versioned when the client supports
/// `documentChanges` (so a stale edit is refused rather than misapplied).
pub fn workspace_edit(
    uri: &str,
    version: i32,
    edits: Vec<lsp::TextEdit>,
    document_changes: bool,
) -> lsp::WorkspaceEdit {
    if document_changes {
        lsp::WorkspaceEdit {
            document_changes: Some(vec![lsp::DocumentChange::TextDocumentEdit(
                lsp::TextDocumentEdit {
                    text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                        version: Some(version),
                        text_document_identifier: lsp::TextDocumentIdentifier {
                            uri: lsp::Uri(uri.to_string()),
                        },
                    },
                    edits: edits.into_iter().map(lsp::Edit::TextEdit).collect(),
                },
            )]),
            ..Default::default()
        }
    } else {
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(lsp::Uri(uri.to_string()), edits)])),
            ..Default::default()
        }
    }
}

/// What a code action request needs to know about a linted document.
pub struct ActionInput<'a> {
    pub uri: &'a str,
    pub version: i32,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub enc: Encoding,
    pub diags: &'a [Diagnostic],
    pub lsp: &'a [lsp::Diagnostic],
    pub document_changes: bool,
    /// Lints a text as this document (for "fix all", which re-lints after
    /// each pass as `gwlint check --fix` does); `None` when it cannot.
    pub relint: &'a dyn Fn(&str) -> Option<Vec<Diagnostic>>,
}

/// Does an action of `kind` answer a request restricted to `only`? A
/// requested kind matches itself and its sub-kinds (`source` matches
/// `source.fixAll.gwlint`).
pub fn kind_wanted(only: Option<&[lsp::CodeActionKind]>, kind: &str) -> bool {
    match only {
        None => true,
        Some(only) => only.iter().any(|k| {
            let k = k.as_str();
            k.is_empty()
                || kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        }),
    }
}

/// Code actions for the byte range `at`: a quick fix for every finding with
/// a fix that touches it, and "fix all safe problems" for the document.
pub fn code_actions(
    inp: &ActionInput<'_>,
    at: Range<usize>,
    only: Option<&[lsp::CodeActionKind]>,
) -> Vec<lsp::CodeAction> {
    let mut out = Vec::new();
    if kind_wanted(only, "quickfix") {
        for (d, ld) in inp.diags.iter().zip(inp.lsp) {
            let Some(fix) = &d.fix else { continue };
            if d.range().start > at.end || at.start > d.range().end || fix.edits.is_empty() {
                continue;
            }
            let mut ranges: Vec<&crate::diagnostic::Edit> = fix.edits.iter().collect();
            ranges.sort_by_key(|e| (e.range().start, e.range().end));
            if ranges
                .windows(2)
                .any(|w| w[1].range().start < w[0].range().end)
            {
                continue;
            }
            // The positions of all the edits in one pass over the text: a
            // folded document's fix holds an edit for each of its marks, and
            // each counted from the start of its line made a quick fix on a
            // long paragraph quadratic.
            let offsets: Vec<usize> = ranges
                .iter()
                .flat_map(|e| [e.range().start, e.range().end])
                .collect();
            let positions = inp.index.positions(inp.text, &offsets, inp.enc);
            let edits = ranges
                .iter()
                .zip(positions.chunks_exact(2))
                .map(|(e, p)| lsp::TextEdit {
                    range: lsp::Range {
                        start: p[0],
                        end: p[1],
                    },
                    new_text: e.replacement.to_string(),
                })
                .collect();
            let safe = fix.applicability == Applicability::Safe;
            let title = if safe {
                fix.message.to_string()
            } else {
                format!("{}（需人工确认）", fix.message)
            };
            out.push(lsp::CodeAction {
                title: format!("{title} [{}]", d.code()),
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(vec![ld.clone()]),
                is_preferred: Some(safe),
                edit: Some(workspace_edit(
                    inp.uri,
                    inp.version,
                    edits,
                    inp.document_changes,
                )),
                ..Default::default()
            });
        }
    }
    if kind_wanted(only, FIX_ALL_KIND)
        && let Some(a) = fix_all(inp)
    {
        out.push(a);
    }
    out
}

/// "Fix all safe problems in this file": what `gwlint check --fix` writes
/// (the safe fixes applied, the text linted again and fixed again, up to
/// [`crate::fix::MAX_PASSES`] times), as one edit covering the changed part
/// of the text; `None` when nothing safe is fixable.
pub fn fix_all(inp: &ActionInput<'_>) -> Option<lsp::CodeAction> {
    let (mut fixed, mut n) = crate::fix::apply(inp.text, inp.diags, false);
    if n == 0 || fixed == inp.text {
        return None;
    }
    for _ in 1..crate::fix::MAX_PASSES {
        let Some(diags) = (inp.relint)(&fixed) else {
            break;
        };
        let (again, more) = crate::fix::apply(&fixed, &diags, false);
        if more == 0 || again == fixed {
            break;
        }
        (fixed, n) = (again, n + more);
    }
    let (old, new) = changed_span(inp.text, &fixed);
    let edit = lsp::TextEdit {
        range: inp.index.range(inp.text, &old, inp.enc),
        new_text: fixed[new].to_string(),
    };
    Some(lsp::CodeAction {
        title: format!("修复本文件中所有可安全自动修复的问题（{n} 处）"),
        kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(workspace_edit(
            inp.uri,
            inp.version,
            vec![edit],
            inp.document_changes,
        )),
        ..Default::default()
    })
}

/// The smallest span where `old` and `new` differ, as a range of each; it
/// never splits a character or a `\r\n` pair.
pub fn changed_span(old: &str, new: &str) -> (Range<usize>, Range<usize>) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(p) && new.is_char_boundary(p)) {
        p -= 1;
    }
    if p > 0 && a[p - 1] == b'\r' && a.get(p) == Some(&b'\n') {
        p -= 1;
    }
    let max_s = a.len().min(b.len()) - p;
    let mut s = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_s)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(a.len() - s) && new.is_char_boundary(b.len() - s)) {
        s -= 1;
    }
    let e = a.len() - s;
    if s > 0 && e > 0 && a[e] == b'\n' && a[e - 1] == b'\r' {
        s -= 1;
    }
    (p..a.len() - s, p..b.len() - s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_span_is_minimal_and_on_boundaries() {
        let (o, n) = changed_span("国办发[2015]51号", "国办发〔2015〕51号");
        assert_eq!((o, n), (9..15, 9..19));
        // Different chars sharing a leading byte: never split a char.
        let (old, new) = ("a〔b", "a〕b");
        let (o, n) = changed_span(old, new);
        assert_eq!((&old[o], &new[n]), ("〔", "〕"));
        let (old, new) = ("x\r\ny", "x\r\r\ny");
        let (o, n) = changed_span(old, new);
        assert!(!old[..o.start].ends_with('\r') && !old[o.end..].starts_with('\n'));
        assert_eq!(
            format!("{}{}{}", &old[..o.start], &new[n], &old[o.end..]),
            new
        );
        let (o, n) = changed_span("same", "same");
        assert_eq!((o, n), (4..4, 4..4));
    }

    #[test]
    fn requested_kinds_match_their_sub_kinds() {
        let only = [lsp::CodeActionKind::SourceFixAll];
        assert!(kind_wanted(Some(&only), FIX_ALL_KIND));
        assert!(!kind_wanted(Some(&only), "quickfix"));
        assert!(kind_wanted(
            Some(&[lsp::CodeActionKind::Source]),
            FIX_ALL_KIND
        ));
        assert!(!kind_wanted(
            Some(&[lsp::CodeActionKind::new("source.fix")]),
            FIX_ALL_KIND
        ));
        assert!(kind_wanted(None, "quickfix"));
    }

    /// A folded paragraph's quick fix has an edit for each of its marks,
    /// far along one line: every edit's range, resolved in one pass, is the
    /// range the index gives that edit alone, in each position encoding.
    #[test]
    fn a_quick_fix_resolves_every_edit_as_the_index_does() {
        let unit = "强化统筹,压实责任:严格考核(试行);𠀀落实到位,";
        let text = format!("云溪县人民政府\r\n{}\r\n末行,结束", unit.repeat(40));
        let engine = crate::testing::engine_selecting("P006");
        let diags = engine
            .lint(std::path::Path::new("t.txt"), &text)
            .expect("lint")
            .diagnostics;
        let fix = diags[0].fix.as_ref().expect("a fix");
        assert!(fix.edits.len() > 200, "{}", fix.edits.len());
        let index = LineIndex::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lsp = diagnostics("file:///t.txt", &text, &index, enc, &diags);
            let inp = ActionInput {
                uri: "file:///t.txt",
                version: 1,
                text: &text,
                index: &index,
                enc,
                diags: &diags,
                lsp: &lsp,
                document_changes: false,
                relint: &|_| None,
            };
            let actions = code_actions(&inp, diags[0].range(), None);
            let edit = actions[0].edit.as_ref().expect("an edit");
            let got: Vec<lsp::Range> = edit.changes.as_ref().expect("changes")
                [&lsp::Uri("file:///t.txt".into())]
                .iter()
                .map(|e| e.range)
                .collect();
            let want: Vec<lsp::Range> = fix
                .edits
                .iter()
                .map(|e| index.range(&text, &e.range(), enc))
                .collect();
            assert_eq!(got, want, "{enc:?}");
        }
    }
}
