//! Formats for CI systems: SARIF 2.1.0, GitHub Actions workflow commands,
//! JUnit XML, GitLab Code Quality and reviewdog's rdjson.
//!
//! Each is one document for the whole run, but none is held whole: a
//! [`Document`] knows what comes before and after the findings, a worker
//! writes one file's findings as a chunk ([`Document::write_file`]), and a
//! [`DocWriter`] joins the chunks in path order as they arrive. Memory holds
//! one file's output at a time, as it does for JSON. JUnit's header counts
//! the files, so its test cases wait in a [`Spool`] (in memory, on disk past
//! [`SPOOL_IN_MEMORY_MAX`]) until the last file is done.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Seek, Write};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Format, Found, Located};
use crate::diagnostic::{Applicability, Severity};
use crate::rules::{self, RuleMeta};

/// One file's findings, as the CI formats need them.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub found: &'a Found,
    /// Stable per-finding fingerprints, in the order of `found` (SARIF and
    /// GitLab print them; empty for the other formats).
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

/// What each format calls an error, a warning and an information.
const SARIF_LEVELS: [&str; 3] = ["error", "warning", "note"];
const GITHUB_COMMANDS: [&str; 3] = ["error", "warning", "notice"];
const GITLAB_SEVERITIES: [&str; 3] = ["major", "minor", "info"];
const RDJSON_SEVERITIES: [&str; 3] = ["ERROR", "WARNING", "INFO"];

/// The name a format gives severity `s`, from its names for an error, a
/// warning and an information.
fn named(s: Severity, names: [&'static str; 3]) -> &'static str {
    match s {
        Severity::Error => names[0],
        Severity::Warning => names[1],
        Severity::Info => names[2],
    }
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

/// The rules a SARIF run describes, and where its paths start.
pub struct SarifRun<'a> {
    pub metas: &'a [RuleMeta],
    /// A template in which `{code}` is replaced by the rule code (no
    /// `helpUri` when absent).
    pub help_uri: Option<&'a str>,
    /// The `file://` URI of the directory paths are relative to.
    pub srcroot: &'a str,
}

/// Stands where the findings go while the rest of a JSON document is
/// written; no rule, path or message can produce it.
const SLOT: &str = "\u{0}gwlint-findings\u{0}";

/// Spaces for indentation.
const SPACES: &[u8; 64] = &[b' '; 64];

/// A whole-document format, ready to be written a file at a time: the text
/// before and after the findings and what one finding needs.
pub struct Document {
    format: Format,
    /// For the JSON formats, the document up to the array of findings and
    /// from its end on; the array's items are indented by `indent` spaces.
    head: String,
    tail: String,
    indent: usize,
    /// SARIF's `ruleIndex`: each code's place in the run's rules.
    rule_index: HashMap<&'static str, usize>,
}

impl Document {
    /// The document of `format` (one of the whole-document formats); `run`
    /// is read for SARIF only.
    pub fn new(format: Format, run: &SarifRun<'_>) -> Document {
        let mut rule_index = HashMap::new();
        let skeleton = match format {
            Format::Sarif => {
                rule_index = run
                    .metas
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.code, i))
                    .collect();
                Some(sarif_skeleton(run))
            }
            Format::Gitlab => Some(Value::String(SLOT.to_string())),
            Format::Rdjson => Some(json!({"source": {"name": "gwlint"}, "diagnostics": SLOT})),
            _ => None,
        };
        let (mut head, mut tail, mut indent) = (String::new(), String::new(), 0);
        if let Some(v) = skeleton {
            let text = serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
            let quoted = serde_json::to_string(SLOT).unwrap_or_default();
            let at = text.find(&quoted).expect("the skeleton holds its slot");
            head = text[..at].to_string();
            tail = text[at + quoted.len()..].to_string();
            let line = &head[head.rfind('\n').map_or(0, |i| i + 1)..];
            indent = line.len() - line.trim_start_matches(' ').len() + 2;
        }
        Document {
            format,
            head,
            tail,
            indent,
            rule_index,
        }
    }

    /// One file's findings as this format writes them. For the JSON formats
    /// the array items, joined by `,` and a line break, with nothing before
    /// the first or after the last; for GitHub one line a finding; for JUnit
    /// the file's test case (written for a file without findings too).
    pub fn write_file(&self, w: &mut dyn Write, f: &FileFindings<'_>) -> io::Result<()> {
        let pad = &SPACES[..self.indent.min(SPACES.len())];
        fn item(w: &mut dyn Write, pad: &[u8], k: usize, v: &impl Serialize) -> io::Result<()> {
            if k > 0 {
                w.write_all(b",\n")?;
                w.write_all(pad)?;
            }
            serde_json::to_writer_pretty(Indented { w, pad }, v).map_err(io::Error::from)
        }
        match self.format {
            Format::Sarif => {
                let uri = uri(f.path);
                for (k, (l, fp)) in f.found.iter().zip(f.fingerprints).enumerate() {
                    let index = self.rule_index.get(l.diag.code()).copied();
                    item(w, pad, k, &SarifResult::new(&uri, l, fp, index))?;
                }
            }
            Format::Gitlab => {
                for (k, (l, fp)) in f.found.iter().zip(f.fingerprints).enumerate() {
                    item(w, pad, k, &gitlab_item(f.path, l, fp))?;
                }
            }
            Format::Rdjson => {
                for (k, l) in f.found.iter().enumerate() {
                    item(w, pad, k, &RdDiagnostic::new(f.path, l))?;
                }
            }
            Format::Github => github(w, f)?,
            _ => junit_case(w, f)?,
        }
        Ok(())
    }

    /// The writer that joins the files' chunks into the document.
    pub fn writer(&self) -> DocWriter<'_> {
        DocWriter {
            doc: self,
            started: false,
            items: false,
            tests: 0,
            failures: 0,
            errors: 0,
            spool: Spool::default(),
            spool_error: None,
            failed: Vec::new(),
        }
    }
}

/// SARIF 2.1.0, one run, with [`SLOT`] for its results.
fn sarif_skeleton(run: &SarifRun<'_>) -> Value {
    let rules: Vec<Value> = run
        .metas
        .iter()
        .map(|m| {
            let mut r = json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": first_paragraph(m.doc)},
                "help": {"text": rules::doc_text(m.doc), "markdown": rules::doc_text(m.doc)},
                "defaultConfiguration": {"level": named(m.severity, SARIF_LEVELS)},
                "properties": {"fix": m.fix.as_str()},
            });
            if let Some(t) = run.help_uri {
                r["helpUri"] = json!(t.replace("{code}", m.code));
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gwlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": run.srcroot}},
            "columnKind": "unicodeCodePoints",
            "results": SLOT,
        }],
    })
}

/// SARIF's one invocation: successful when every file was linted, and
/// otherwise with a notification for each file that was not, naming it and
/// why (the findings of the others stand). It follows the results: they
/// are written as the files are linted, and these are known at the end.
fn sarif_invocations(failed: &[(String, String)]) -> Value {
    let mut run = json!({"executionSuccessful": failed.is_empty()});
    if !failed.is_empty() {
        let notes: Vec<Value> = failed
            .iter()
            .map(|(path, reason)| {
                json!({
                    "level": "error",
                    "message": {"text": format!("{path}: {reason}")},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
                    }}],
                })
            })
            .collect();
        run["toolExecutionNotifications"] = Value::Array(notes);
    }
    json!([run])
}

/// Joins the files' chunks, in the order they are given, into the
/// document: the JSON formats' separators and brackets, JUnit's header.
pub struct DocWriter<'d> {
    doc: &'d Document,
    /// Whether the head is written.
    started: bool,
    /// Whether an array item is written.
    items: bool,
    /// JUnit: the files, the files with findings and the files that could
    /// not be linted.
    tests: usize,
    failures: usize,
    errors: usize,
    spool: Spool,
    /// The first error of the spool's own file.
    spool_error: Option<io::Error>,
    /// SARIF: the files that could not be linted, and why.
    failed: Vec<(String, String)>,
}

/// Standard output as the reports write it: an error there (a closed pipe,
/// a full disk) is passed over here and kept by the writer beneath (the
/// command line's report writer, which fails the run on a full disk), so
/// that the only errors a [`DocWriter`] reports are its spool's.
struct Lossy<'a>(&'a mut dyn Write);

impl Write for Lossy<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

impl DocWriter<'_> {
    /// A file's chunk as [`Document::write_file`] wrote it, and how many
    /// findings it holds.
    pub fn chunk(&mut self, w: &mut dyn Write, chunk: &[u8], findings: usize) {
        self.file(w, findings, |w| w.write_all(chunk));
    }

    /// A file whose chunk was not written by a worker (a large file's, or
    /// one without findings): it is written here from the findings.
    pub fn found(&mut self, w: &mut dyn Write, f: &FileFindings<'_>) {
        let doc = self.doc;
        self.file(w, f.found.len(), |w| doc.write_file(w, f));
    }

    /// A file that could not be linted (unreadable, not UTF-8, under a
    /// broken configuration), and why: GitHub annotates it as an error,
    /// JUnit counts it as a test case in error, and SARIF lists it in the
    /// run's invocation, which is then not successful. The other JSON
    /// formats hold findings only; there it is said on standard error and
    /// by exit code 2.
    pub fn failed(&mut self, w: &mut dyn Write, path: &str, reason: &str) {
        match self.doc.format {
            Format::Sarif => self.failed.push((path.to_string(), reason.to_string())),
            Format::Junit => {
                self.tests += 1;
                self.errors += 1;
                let name = xml_escape(path);
                let reason = xml_escape(reason);
                let case = format!(
                    "    <testcase name=\"{name}\" classname=\"gwlint\" file=\"{name}\">\n      <error type=\"gwlint\" message=\"{reason}\">{name}: {reason}</error>\n    </testcase>\n"
                );
                if let Err(e) = self.spool.write(|w| w.write_all(case.as_bytes())) {
                    self.spool_error.get_or_insert(e);
                }
            }
            Format::Github => {
                let _ = writeln!(
                    Lossy(w),
                    "::error file={},title=gwlint::{}",
                    gh_escape_property(path),
                    gh_escape_data(reason)
                );
            }
            _ => {}
        }
    }

    fn file(
        &mut self,
        w: &mut dyn Write,
        findings: usize,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) {
        let w = &mut Lossy(w);
        match self.doc.format {
            Format::Junit => {
                self.tests += 1;
                self.failures += usize::from(findings > 0);
                if let Err(e) = self.spool.write(write) {
                    self.spool_error.get_or_insert(e);
                }
            }
            Format::Github => {
                let _ = write(w);
            }
            _ => {
                self.start(w);
                if findings > 0 {
                    let _ = w.write_all(if self.items { b",\n" } else { b"[\n" });
                    let _ = w.write_all(&SPACES[..self.doc.indent.min(SPACES.len())]);
                    self.items = true;
                    let _ = write(w);
                }
            }
        }
    }

    fn start(&mut self, w: &mut Lossy<'_>) {
        if !self.started {
            self.started = true;
            let _ = w.write_all(self.doc.head.as_bytes());
        }
    }

    /// The end of the document (for JUnit, all of it); `secs` is the run's
    /// time, for JUnit. An error is the spool's (the report is incomplete);
    /// one writing standard output is left to the writer beneath.
    pub fn finish(mut self, w: &mut dyn Write, secs: f64) -> io::Result<()> {
        let w = &mut Lossy(w);
        if let Some(e) = self.spool_error.take() {
            return Err(e);
        }
        match self.doc.format {
            Format::Junit => {
                let file = self.spool.finished_file()?;
                let (tests, failures, errors) = (self.tests, self.failures, self.errors);
                let mut h = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                let _ = writeln!(
                    h,
                    "<testsuites name=\"gwlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{secs:.3}\">"
                );
                let _ = writeln!(
                    h,
                    "  <testsuite name=\"gwlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{secs:.3}\">"
                );
                let _ = w.write_all(h.as_bytes());
                self.spool.copy_to(file, w)?;
                let _ = w.write_all(b"  </testsuite>\n</testsuites>\n");
            }
            Format::Github => {}
            _ => {
                self.start(w);
                let _ = if self.items {
                    let close = &SPACES[..(self.doc.indent - 2).min(SPACES.len())];
                    w.write_all(b"\n")
                        .and_then(|()| w.write_all(close))
                        .and_then(|()| w.write_all(b"]"))
                } else {
                    w.write_all(b"[]")
                };
                if self.doc.format == Format::Sarif {
                    let pad = &SPACES[..(self.doc.indent - 2).min(SPACES.len())];
                    let _ = w.write_all(b",\n");
                    let _ = w.write_all(pad);
                    let _ = w.write_all(b"\"invocations\": ");
                    let _ = serde_json::to_writer_pretty(
                        Indented { w, pad },
                        &sarif_invocations(&self.failed),
                    );
                }
                let _ = w.write_all(self.doc.tail.as_bytes());
            }
        }
        Ok(())
    }
}

/// Bytes kept in memory before a [`Spool`] moves to a temporary file.
pub const SPOOL_IN_MEMORY_MAX: usize = 8 << 20;

/// Text that must wait for the end of the run: in memory while it is small,
/// then in an anonymous temporary file (deleted when closed), so that a
/// large run's JUnit report does not stay in memory.
pub struct Spool {
    memory: Vec<u8>,
    file: Option<io::BufWriter<std::fs::File>>,
    /// The bytes kept in memory ([`SPOOL_IN_MEMORY_MAX`]).
    limit: usize,
}

impl Default for Spool {
    fn default() -> Self {
        Spool {
            memory: Vec::new(),
            file: None,
            limit: SPOOL_IN_MEMORY_MAX,
        }
    }
}

impl Spool {
    fn write(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        if let Some(f) = &mut self.file {
            return write(f);
        }
        write(&mut self.memory)?;
        if self.memory.len() > self.limit {
            // Without a temporary directory the text stays in memory.
            if let Ok(f) = tempfile::tempfile() {
                let mut f = io::BufWriter::with_capacity(1 << 16, f);
                f.write_all(&self.memory)?;
                self.memory = Vec::new();
                self.file = Some(f);
            }
        }
        Ok(())
    }

    /// The spool's file, written out and rewound, ready to be read (none
    /// while the text is in memory). Done before anything of the report is
    /// written, so that an error here leaves standard output untouched.
    fn finished_file(&mut self) -> io::Result<Option<std::fs::File>> {
        let Some(f) = self.file.take() else {
            return Ok(None);
        };
        let mut f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        f.rewind()?;
        Ok(Some(f))
    }

    /// Everything spooled, to `w`; `file` is [`Spool::finished_file`]'s.
    fn copy_to(&self, file: Option<std::fs::File>, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(&self.memory)?;
        if let Some(mut f) = file {
            io::copy(&mut f, w)?;
        }
        Ok(())
    }
}

/// Writes pretty-printed JSON as if it were nested: `pad` after every line
/// break. JSON has no raw line break inside a string, so every one it
/// writes is between tokens.
struct Indented<'a> {
    w: &'a mut dyn Write,
    pad: &'a [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'\n', rest) {
            self.w.write_all(&rest[..=i])?;
            self.w.write_all(self.pad)?;
            rest = &rest[i + 1..];
        }
        self.w.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
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

/// GitHub Actions workflow commands, one a finding.
fn github(w: &mut dyn Write, f: &FileFindings<'_>) -> io::Result<()> {
    let path = gh_escape_property(f.path);
    for l in f.found.iter() {
        let d = l.diag;
        let cmd = named(d.severity, GITHUB_COMMANDS);
        let span = l.span();
        writeln!(
            w,
            "::{cmd} file={path},line={},col={},endLine={},endColumn={},title={}::{}",
            span.start.line,
            span.start.column,
            span.end.line,
            span.end.column,
            gh_escape_property(&format!("{} {}", d.code(), d.name())),
            gh_escape_data(&d.message),
        )?;
    }
    Ok(())
}

/// A file's JUnit test case: one failure a finding.
fn junit_case(w: &mut dyn Write, f: &FileFindings<'_>) -> io::Result<()> {
    let name = xml_escape(f.path);
    if f.found.is_empty() {
        return writeln!(
            w,
            "    <testcase name=\"{name}\" classname=\"gwlint\" file=\"{name}\"/>"
        );
    }
    writeln!(
        w,
        "    <testcase name=\"{name}\" classname=\"gwlint\" file=\"{name}\">"
    )?;
    for l in f.found.iter() {
        let d = l.diag;
        let span = l.span();
        let message = xml_escape(&d.message);
        writeln!(
            w,
            "      <failure type=\"{code}\" message=\"{code}: {message}\">{name}:{}:{}: {code} {message} [{}]</failure>",
            span.start.line,
            span.start.column,
            d.severity.as_str(),
            code = d.code(),
        )?;
    }
    w.write_all(b"    </testcase>\n")
}

/// A GitLab Code Quality item.
fn gitlab_item(path: &str, l: Located<'_>, fp: &str) -> Value {
    let d = l.diag;
    let severity = named(d.severity, GITLAB_SEVERITIES);
    let span = l.span();
    json!({
        "description": format!("{} {}: {}", d.code(), d.name(), d.message),
        "check_name": d.code(),
        "fingerprint": format!("{:016x}", xxhash_rust::xxh3::xxh3_64(format!("{path}\u{1f}{fp}").as_bytes())),
        "severity": severity,
        "location": {"path": path, "positions": {
            "begin": {"line": span.start.line, "column": span.start.column},
            "end": {"line": span.end.line, "column": span.end.column}}},
    })
}

// The findings of SARIF and rdjson are written by serde straight from the
// findings, without a tree of values: a folded document's fix may hold
// hundreds of thousands of edits. Fields are declared in the order of their
// names, the order serde_json's maps keep, so that the text is the same as
// a pretty-printed `Value` of it (a test holds the formats to that).

/// `{"text": ...}`.
#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

/// A SARIF region.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

impl From<super::Span> for Region {
    fn from(s: super::Span) -> Self {
        Region {
            end_column: s.end.column,
            end_line: s.end.line,
            start_column: s.start.column,
            start_line: s.start.line,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: &'a str,
    uri_base_id: &'static str,
}

impl<'a> ArtifactLocation<'a> {
    fn new(uri: &'a str) -> Self {
        ArtifactLocation {
            uri,
            uri_base_id: "%SRCROOT%",
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

/// A SARIF location; `id` and `message` for related locations only.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    physical_location: PhysicalLocation<'a>,
}

impl<'a> SarifLocation<'a> {
    fn new(uri: &'a str, span: super::Span) -> Self {
        SarifLocation {
            id: None,
            message: None,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation::new(uri),
                region: span.into(),
            },
        }
    }
}

/// A SARIF result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [SarifLocation<'a>; 1],
    message: Text<'a>,
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Notes<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "gwlint/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
struct Notes<'a> {
    notes: &'a [crate::diagnostic::Text],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Replacements<'a>,
}

/// A fix's edits as SARIF replacements, written one at a time.
struct Replacements<'a>(Located<'a>);

impl Serialize for Replacements<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Replacement<'a> {
            deleted_region: Region,
            inserted_content: Text<'a>,
        }
        let l = self.0;
        let edits = l.diag.fix.as_ref().map_or(&[][..], |f| &f.edits[..]);
        s.collect_seq(
            edits
                .iter()
                .zip(l.edit_spans())
                .map(|(e, span)| Replacement {
                    deleted_region: span.into(),
                    inserted_content: Text {
                        text: &e.replacement,
                    },
                }),
        )
    }
}

impl<'a> SarifResult<'a> {
    fn new(uri: &'a str, l: Located<'a>, fp: &'a str, rule_index: Option<usize>) -> Self {
        let d = l.diag;
        SarifResult {
            fixes: d.fix.as_ref().map(|fix| {
                [SarifFix {
                    artifact_changes: [ArtifactChange {
                        artifact_location: ArtifactLocation::new(uri),
                        replacements: Replacements(l),
                    }],
                    description: Text { text: &fix.message },
                }]
            }),
            level: named(d.severity, SARIF_LEVELS),
            locations: [SarifLocation::new(uri, l.span())],
            message: Text { text: &d.message },
            partial_fingerprints: Fingerprints { v1: fp },
            properties: (!d.notes.is_empty()).then(|| Notes { notes: &d.notes }),
            related_locations: d
                .labels
                .iter()
                .zip(l.label_spans())
                .enumerate()
                .map(|(i, (lab, span))| SarifLocation {
                    id: Some(i),
                    message: Some(Text { text: &lab.message }),
                    ..SarifLocation::new(uri, span)
                })
                .collect(),
            rule_id: d.code(),
            rule_index,
        }
    }
}

/// A line and column in rdjson.
#[derive(Serialize)]
struct RdPosition {
    column: usize,
    line: usize,
}

#[derive(Serialize)]
struct RdRange {
    end: RdPosition,
    start: RdPosition,
}

impl RdRange {
    /// `span`'s lines with UTF-8 byte columns `bc`.
    fn new(span: &super::Span, bc: (usize, usize)) -> Self {
        RdRange {
            end: RdPosition {
                column: bc.1,
                line: span.end.line,
            },
            start: RdPosition {
                column: bc.0,
                line: span.start.line,
            },
        }
    }
}

#[derive(Serialize)]
struct RdLocation<'a> {
    path: &'a str,
    range: RdRange,
}

#[derive(Serialize)]
struct RdCode<'a> {
    value: &'a str,
}

/// A reviewdog diagnostic (rdjson). Columns are UTF-8 byte columns, as the
/// format specifies; safe fixes become suggestions.
#[derive(Serialize)]
struct RdDiagnostic<'a> {
    code: RdCode<'a>,
    location: RdLocation<'a>,
    message: &'a str,
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestions: Option<Suggestions<'a>>,
}

impl<'a> RdDiagnostic<'a> {
    fn new(path: &'a str, l: Located<'a>) -> Self {
        let d = l.diag;
        // Filled by `locate` when rdjson is asked for.
        let bc = l.byte_columns.map_or((0, 0), |b| b.range);
        RdDiagnostic {
            code: RdCode { value: d.code() },
            location: RdLocation {
                path,
                range: RdRange::new(&l.span(), bc),
            },
            message: &d.message,
            severity: named(d.severity, RDJSON_SEVERITIES),
            suggestions: d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
                .then_some(Suggestions(l)),
        }
    }
}

/// A safe fix's edits as rdjson suggestions, written one at a time.
struct Suggestions<'a>(Located<'a>);

impl Serialize for Suggestions<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Suggestion<'a> {
            range: RdRange,
            text: &'a str,
        }
        let l = self.0;
        let edits = l.diag.fix.as_ref().map_or(&[][..], |f| &f.edits[..]);
        let columns = l.byte_columns.map_or(&[][..], |b| &b.edits[..]);
        s.collect_seq(
            edits
                .iter()
                .zip(l.edit_spans())
                .zip(columns)
                .map(|((e, span), bc)| Suggestion {
                    range: RdRange::new(&span, *bc),
                    text: &e.replacement,
                }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spool_gives_back_what_it_took_in_memory_and_on_disk() {
        for limit in [usize::MAX, 0, 10, 1000] {
            let mut spool = Spool {
                limit,
                ..Spool::default()
            };
            let mut want = Vec::new();
            for i in 0..500 {
                let piece = format!("    <testcase name=\"文件{i}.txt\"/>\n");
                want.extend_from_slice(piece.as_bytes());
                spool.write(|w| w.write_all(piece.as_bytes())).unwrap();
            }
            assert_eq!(
                spool.file.is_some(),
                limit < want.len(),
                "limit {limit}: on disk only past the limit"
            );
            let mut got = Vec::new();
            let file = spool.finished_file().unwrap();
            spool.copy_to(file, &mut got).unwrap();
            assert_eq!(got, want, "limit {limit}");
        }
    }

    #[test]
    fn indented_json_is_nested_json() {
        let v = json!({"a": [1, {"b": "x\ny"}], "c": {}});
        let mut got = Vec::new();
        serde_json::to_writer_pretty(
            Indented {
                w: &mut got,
                pad: b"    ",
            },
            &v,
        )
        .unwrap();
        let nested = serde_json::to_string_pretty(&json!({"k": {"k": v}})).unwrap();
        let inner = nested
            .strip_prefix("{\n  \"k\": {\n    \"k\": ")
            .and_then(|t| t.strip_suffix("\n  }\n}"))
            .unwrap();
        assert_eq!(String::from_utf8(got).unwrap(), inner);
    }
}
