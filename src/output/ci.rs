//! Formats for CI systems: SARIF 2.1.0, GitHub Actions workflow commands,
//! JUnit XML, GitLab Code Quality and reviewdog's rdjson.
//!
//! Each takes every file's located findings at once, because each is one
//! document (or, for GitHub, because order matters to the reader).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::Found;
use crate::diagnostic::{Applicability, Severity};
use crate::rules::{self, RuleMeta};

/// One file's findings, as the CI formats need them.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub found: &'a Found,
    /// Stable per-finding fingerprints (same order as `found`).
    pub fingerprints: &'a [String],
}

/// Characters escaped in a SARIF artifact URI (a URI reference): everything
/// but unreserved characters and `/`.
const URI_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

pub fn uri(path: &str) -> String {
    utf8_percent_encode(&path.replace('\\', "/"), URI_SET).to_string()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(s: &super::Span) -> Value {
    json!({
        "startLine": s.start.line, "startColumn": s.start.column,
        "endLine": s.end.line, "endColumn": s.end.column,
    })
}

/// The first paragraph of a rule's "检查什么" section, for descriptions.
fn first_paragraph(doc: &str) -> String {
    let text = rules::doc_text(doc);
    let body = text.split("## 检查什么").nth(1).unwrap_or(&text);
    body.trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split("\n##")
        .next()
        .unwrap_or("")
        .replace('\n', "")
        .trim()
        .to_string()
}

/// SARIF 2.1.0, one run. `help_uri` is a template in which `{code}` is
/// replaced by the rule code (no helpUri when absent).
pub fn sarif(
    files: &[FileFindings<'_>],
    metas: &[RuleMeta],
    help_uri: Option<&str>,
    srcroot: &str,
) -> String {
    let index: BTreeMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let rules: Vec<Value> = metas
        .iter()
        .map(|m| {
            let mut r = json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": first_paragraph(m.doc)},
                "help": {"text": rules::doc_text(m.doc), "markdown": rules::doc_text(m.doc)},
                "defaultConfiguration": {"level": sarif_level(m.severity)},
                "properties": {"fix": m.fix.as_str()},
            });
            if let Some(t) = help_uri {
                r["helpUri"] = json!(t.replace("{code}", m.code));
            }
            r
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for (l, fp) in f.found.iter().zip(f.fingerprints) {
            let d = l.diag;
            let loc = |span: &super::Span| {
                json!({"physicalLocation": {
                    "artifactLocation": {"uri": uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": region(span)}})
            };
            let mut r = json!({
                "ruleId": d.code(),
                "level": sarif_level(d.severity),
                "message": {"text": &*d.message},
                "locations": [loc(&l.span())],
                "partialFingerprints": {"gwlint/v1": fp},
            });
            if let Some(&i) = index.get(d.code()) {
                r["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                let related: Vec<Value> = d
                    .labels
                    .iter()
                    .zip(l.label_spans())
                    .enumerate()
                    .map(|(i, (lab, span))| {
                        let mut v = loc(&span);
                        v["id"] = json!(i);
                        v["message"] = json!({"text": lab.message});
                        v
                    })
                    .collect();
                r["relatedLocations"] = json!(related);
            }
            if !d.notes.is_empty() {
                r["properties"] = json!({"notes": &d.notes[..]});
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .zip(l.edit_spans())
                    .map(|(e, span)| json!({"deletedRegion": region(&span), "insertedContent": {"text": e.replacement}}))
                    .collect();
                r["fixes"] = json!([{
                    "description": {"text": fix.message},
                    "artifactChanges": [{"artifactLocation": {"uri": uri(f.path), "uriBaseId": "%SRCROOT%"},
                                         "replacements": replacements}],
                }]);
            }
            results.push(r);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gwlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": srcroot}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// Escape a GitHub workflow-command message.
pub fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a GitHub workflow-command property value.
pub fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one per finding.
pub fn github(files: &[FileFindings<'_>]) -> String {
    let mut out = String::new();
    for f in files {
        for l in f.found.iter() {
            let d = l.diag;
            let cmd = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let span = l.span();
            let _ = writeln!(
                out,
                "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                gh_escape_property(f.path),
                span.start.line,
                span.start.column,
                span.end.line,
                span.end.column,
                gh_escape_property(&format!("{} {}", d.code(), d.name())),
                gh_escape_data(&d.message),
            );
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 forbids (control characters, ANSI escapes).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

/// JUnit XML: one testcase per file, one failure per finding.
pub fn junit(files: &[FileFindings<'_>], secs: f64) -> String {
    let failing_cases = files.iter().filter(|f| !f.found.is_empty()).count();
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        o,
        "<testsuites name=\"gwlint\" tests=\"{}\" failures=\"{failing_cases}\" errors=\"0\" time=\"{secs:.3}\">",
        files.len()
    );
    let _ = writeln!(
        o,
        "  <testsuite name=\"gwlint\" tests=\"{}\" failures=\"{failing_cases}\" errors=\"0\" skipped=\"0\" time=\"{secs:.3}\">",
        files.len()
    );
    for f in files {
        let name = xml_escape(f.path);
        if f.found.is_empty() {
            let _ = writeln!(
                o,
                "    <testcase name=\"{name}\" classname=\"gwlint\" file=\"{name}\"/>"
            );
            continue;
        }
        let _ = writeln!(
            o,
            "    <testcase name=\"{name}\" classname=\"gwlint\" file=\"{name}\">"
        );
        for l in f.found.iter() {
            let d = l.diag;
            let span = l.span();
            let _ = writeln!(
                o,
                "      <failure type=\"{}\" message=\"{}: {}\">{}:{}:{}: {} {} [{}]</failure>",
                d.code(),
                d.code(),
                xml_escape(&d.message),
                name,
                span.start.line,
                span.start.column,
                d.code(),
                xml_escape(&d.message),
                d.severity.as_str(),
            );
        }
        o.push_str("    </testcase>\n");
    }
    o.push_str("  </testsuite>\n</testsuites>\n");
    o
}

/// GitLab Code Quality report.
pub fn gitlab(files: &[FileFindings<'_>]) -> String {
    let mut items = Vec::new();
    for f in files {
        for (l, fp) in f.found.iter().zip(f.fingerprints) {
            let d = l.diag;
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            let span = l.span();
            items.push(json!({
                "description": format!("{} {}: {}", d.code(), d.name(), d.message),
                "check_name": d.code(),
                "fingerprint": format!("{:016x}", xxhash_rust::xxh3::xxh3_64(format!("{}\u{1f}{fp}", f.path).as_bytes())),
                "severity": severity,
                "location": {"path": f.path, "positions": {
                    "begin": {"line": span.start.line, "column": span.start.column},
                    "end": {"line": span.end.line, "column": span.end.column}}},
            }));
        }
    }
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_default() + "\n"
}

/// reviewdog's Diagnostic Format (rdjson). Columns are UTF-8 byte columns,
/// as the format specifies; safe fixes become suggestions.
pub fn rdjson(files: &[FileFindings<'_>]) -> String {
    let mut diags = Vec::new();
    for f in files {
        for l in f.found.iter() {
            let d = l.diag;
            // Filled by `locate` when rdjson is asked for.
            let bc = l.byte_columns;
            let pos = |line: usize, col: usize| json!({"line": line, "column": col});
            let range = |s: &super::Span, bc: (usize, usize)| json!({"start": pos(s.start.line, bc.0), "end": pos(s.end.line, bc.1)});
            let mut v = json!({
                "message": &*d.message,
                "location": {"path": f.path, "range": range(&l.span(), bc.map_or((0, 0), |b| b.range))},
                "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                "code": {"value": d.code()},
            });
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability == Applicability::Safe)
            {
                let s: Vec<Value> = fix
                    .edits
                    .iter()
                    .zip(l.edit_spans())
                    .zip(bc.map_or(&[][..], |b| &b.edits))
                    .map(
                        |((e, span), bc)| json!({"range": range(&span, *bc), "text": e.replacement}),
                    )
                    .collect();
                v["suggestions"] = json!(s);
            }
            diags.push(v);
        }
    }
    let doc = json!({"source": {"name": "gwlint"}, "diagnostics": diags});
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
