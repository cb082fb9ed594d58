//! The engine: configuration lookup (cached), profile choice and running the
//! rules over one document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::{self, Chain, CliOverrides, ConfigError, Layer, ProfileChoice, RuleSet};
use crate::diagnostic::{Diagnostic, Findings};
use crate::document::{Document, LineIndex, ReportYear, YearSource};
use crate::rules::Context;

/// How the engine finds configuration.
#[derive(Debug, Default, Clone)]
pub struct EngineOptions {
    /// `--config PATH`: use this file for every document.
    pub config: Option<PathBuf>,
    /// `--isolated`: ignore every configuration file.
    pub isolated: bool,
    /// `--select`, `--extend-select`, `--ignore`.
    pub cli: CliOverrides,
    /// `--report-unused-suppressions`: report P901 for suppressions that
    /// suppressed nothing.
    pub report_unused_suppressions: bool,
}

/// A configuration chain's id and a profile's pack.
type RuleSetKey = (u64, String);

/// What linting one document produced.
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    pub profile: ProfileChoice,
    /// The document's line index, for locating the findings without
    /// building it again.
    pub index: LineIndex,
    /// What the user should know that is not a finding: the codes in a
    /// suppression comment that name no rule (their byte ranges and the
    /// message).
    pub warnings: Vec<(std::ops::Range<usize>, String)>,
}

pub struct Engine {
    opts: EngineOptions,
    cli_layer: Option<Arc<Layer>>,
    explicit: Option<Arc<Chain>>,
    no_file: OnceLock<Result<Arc<Chain>, ConfigError>>,
    dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    chains: Mutex<HashMap<PathBuf, Result<Arc<Chain>, ConfigError>>>,
    rulesets: Mutex<HashMap<RuleSetKey, Result<Arc<RuleSet>, ConfigError>>>,
}

impl Engine {
    /// Load what can be loaded up front: the built-in packs, `--config` and
    /// the command-line overrides. Errors here stop the run.
    pub fn new(opts: EngineOptions) -> Result<Engine, ConfigError> {
        config::builtins()?;
        let cli_layer = opts.cli.layer()?.map(Arc::new);
        let mut engine = Engine {
            opts,
            cli_layer,
            explicit: None,
            no_file: OnceLock::new(),
            dirs: Mutex::new(HashMap::new()),
            chains: Mutex::new(HashMap::new()),
            rulesets: Mutex::new(HashMap::new()),
        };
        if let Some(p) = engine.opts.config.clone() {
            let layers = config::load_file_layers(&p)?;
            engine.explicit = Some(Arc::new(engine.chain_from(layers)?));
        }
        Ok(engine)
    }

    fn chain_from(&self, mut layers: Vec<Arc<Layer>>) -> Result<Chain, ConfigError> {
        layers.extend(self.cli_layer.clone());
        Chain::new(layers)
    }

    /// The configuration chain governing `path`.
    pub fn chain_for(&self, path: &Path) -> Result<Arc<Chain>, ConfigError> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        if self.opts.isolated {
            return self.no_file_chain();
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let found = {
            let cached = self.dirs.lock().expect("lock").get(&dir).cloned();
            match cached {
                Some(f) => f,
                None => {
                    let f = config::discover(&dir);
                    self.dirs.lock().expect("lock").insert(dir, f.clone());
                    f
                }
            }
        };
        let Some(cfg) = found else {
            return self.no_file_chain();
        };
        if let Some(r) = self.chains.lock().expect("lock").get(&cfg) {
            return r.clone();
        }
        let r = config::load_file_layers(&cfg)
            .and_then(|l| self.chain_from(l))
            .map(Arc::new);
        self.chains.lock().expect("lock").insert(cfg, r.clone());
        r
    }

    fn no_file_chain(&self) -> Result<Arc<Chain>, ConfigError> {
        self.no_file
            .get_or_init(|| self.chain_from(Vec::new()).map(Arc::new))
            .clone()
    }

    /// The rules that run for a chain and a profile.
    pub fn ruleset(
        &self,
        chain: &Chain,
        profile: &ProfileChoice,
    ) -> Result<Arc<RuleSet>, ConfigError> {
        let key = (
            chain.id,
            profile
                .pack
                .as_ref()
                .map_or_else(|| "general".to_string(), |p| p.origin.describe()),
        );
        if let Some(r) = self.rulesets.lock().expect("lock").get(&key) {
            return r.clone();
        }
        let b = config::builtins()?;
        let mut layers: Vec<&Layer> = b.base.iter().map(|l| &**l).collect();
        if let Some(p) = &profile.pack {
            layers.push(p);
        }
        layers.extend(chain.layers.iter().map(|l| &**l));
        let r = config::build_ruleset(&layers).map(Arc::new);
        self.rulesets.lock().expect("lock").insert(key, r.clone());
        r
    }

    /// Lint one document. `path` is used for configuration lookup,
    /// per-file ignores and profile globs.
    pub fn lint(&self, path: &Path, text: &str) -> Result<LintResult, ConfigError> {
        let chain = self.chain_for(path)?;
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        // A Markdown file's rules read its prose; the findings are moved
        // back to the file before anything else sees them.
        let prose = if crate::markdown::is_markdown(path) {
            crate::markdown::Prose::of(text)
        } else {
            None
        };
        let read = prose.as_ref().map_or(text, |p| p.text());
        let mut doc = Document::new(read);
        doc.markdown_soft = prose.as_ref().map(|p| p.soft_lines().to_vec());
        if doc.report_year.is_none()
            && let Some((y, _)) = chain.report_year
        {
            doc.report_year = Some(ReportYear {
                year: y,
                source: YearSource::Config,
                range: 0..0,
            });
        }
        let profile = chain.profile_for(&abs, &doc)?;
        let rules = self.ruleset(&chain, &profile)?;
        let mut cx = Context::new(path, &doc, &profile.name);
        let mut all = Findings::new();
        for (r, free) in rules.rules.iter().zip(&rules.release_after) {
            // Rules append to the findings so far; the new ones are stamped
            // in place (no second buffer as large as the largest rule's).
            let from = all.len();
            let before = cx.ext.computed();
            r.rule.check(&cx, &mut all);
            // What a rule computes and does not declare would be freed
            // under a later reader, or kept to the end of the document.
            debug_assert!(
                r.meta.reads.contains(cx.ext.computed().difference(before)),
                "{} computed {:?} and declares {:?}",
                r.meta.code,
                cx.ext.computed().difference(before),
                r.meta.reads
            );
            // Each extraction goes once its last reader has run: a large
            // document holds the numbers or the dates, not all of them.
            cx.ext.release(*free);
            for d in all.since_mut(from) {
                d.rule = r.id;
                d.severity = if r.explicit_severity {
                    r.severity
                } else {
                    d.own_severity.unwrap_or(r.severity)
                };
                sanitize(read, d);
            }
        }
        // One vector of exactly the findings; the chunks they were reported
        // in are freed as they are moved. On a large document, hand their
        // pages back to the system rather than keep them resident beside
        // the vector.
        let mut all = all.gather(|| return_free_memory(text.len()));
        // The source's own lines, when the rules read a Markdown file's prose.
        let source_index = prose.as_ref().map(|p| {
            p.to_source(text, &mut all);
            LineIndex::new(text)
        });
        let index = source_index.as_ref().unwrap_or(&doc.index);
        let mut sups = crate::suppress::Suppressions::parse(text, index);
        if let Some(p) = &prose {
            sups.retain(|r| p.in_html(r));
        }
        let mut warnings = Vec::new();
        if !sups.is_empty() {
            // A code is known when a rule of the chain's files, or of the
            // profile's pack, answers to it.
            let known = |c: &str| {
                chain.known.matches(c)
                    || rules
                        .rules
                        .iter()
                        .any(|r| config::specificity_of(c, r.meta.code, r.meta.name).is_some())
            };
            for r in sups.unknown_kinds() {
                let msg = format!(
                    "“{}”不是抑制注释的写法，这条注释不起作用：可用 gwlint-disable、gwlint-disable-next-line、gwlint-enable",
                    &text[r.clone()]
                );
                warnings.push((r, msg));
            }
            for r in sups.unknown_codes(text, known) {
                let msg = format!(
                    "抑制注释中的“{}”不是已知的规则代码或名称，它不抑制任何问题（见 `gwlint rules`）",
                    &text[r.clone()]
                );
                warnings.push((r, msg));
            }
            all = sups.filter(index, all);
            if self.opts.report_unused_suppressions
                && let Some(r) = rules.rules.iter().find(|r| r.meta.code == "P901")
            {
                for mut d in sups.unused(text, index, known) {
                    d.rule = r.id;
                    d.severity = r.severity;
                    all.push(d);
                }
            }
        }
        let ignored = chain.ignored_for(&abs);
        if !ignored.is_empty() {
            all.retain(|d| {
                !ignored
                    .iter()
                    .any(|(sel, _)| config::specificity_of(sel, d.code(), d.name()).is_some())
            });
        }
        // The findings are kept until they are written: no spare room (the
        // unused suppressions may have been appended).
        all.shrink_to_fit();
        sort_findings(&mut all);
        all.dedup_by(|a, b| {
            a.code() == b.code() && a.range() == b.range() && a.message == b.message
        });
        Ok(LintResult {
            diagnostics: all,
            profile,
            index: source_index.unwrap_or(doc.index),
            warnings,
        })
    }
}

/// Documents from this size (in bytes) hand the heap's free pages back to
/// the system (see [`return_free_memory`]); for smaller ones the call would
/// cost more than it gives back.
const RETURN_MEMORY_FROM: usize = 1 << 20;

/// After work on a document of `len` bytes has freed memory: hand the
/// allocator's free pages back to the system when the document is large.
/// glibc keeps memory freed inside its heap resident until it is reused, so
/// a large document's garbage would otherwise add to the next one's peak;
/// elsewhere this does nothing.
pub fn return_free_memory(len: usize) {
    if len < RETURN_MEMORY_FROM {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free;
    // no live allocation is touched.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Keep every span inside the text and on character boundaries, whatever a
/// rule produced, so that locating and rendering never panic.
fn sanitize(text: &str, d: &mut Diagnostic) {
    let clamp = |mut o: usize| {
        o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let fix = |r: std::ops::Range<usize>| {
        let start = clamp(r.start);
        start..clamp(r.end).max(start)
    };
    d.set_range(fix(d.range()));
    for l in &mut d.labels {
        l.set_range(fix(l.range()));
    }
    if let Some(f) = &mut d.fix {
        for e in &mut f.edits {
            e.set_range(fix(e.range()));
        }
    }
    // A figure or a date read over a soft line break (see
    // `Document::soft_breaks`) is not rewritten: which side of the break
    // the edit would leave its text on is not certain.
    if matches!(d.code().as_bytes().first(), Some(b'A' | b'D'))
        && d.fix.as_ref().is_some_and(|f| {
            f.edits
                .iter()
                .any(|e| memchr::memchr2(b'\n', b'\r', &text.as_bytes()[e.range()]).is_some())
        })
    {
        d.fix = None;
    }
}

/// Sort findings by position and code, keeping the order in which they were
/// reported among equals (what a stable sort gives), without the scratch
/// copy of the findings that a stable sort of them allocates: the order is
/// found on 4-byte indices, then applied by swapping along its cycles.
fn sort_findings(all: &mut [Diagnostic]) {
    // The ranges apart, so that a comparison reads eight bytes, not two
    // findings; the codes are compared only between findings of one range.
    // Each rule reports in text order: a merge sort of the indices (stable,
    // so equals keep their order) takes those runs as they are.
    let ranges: Vec<(u32, u32)> = all
        .iter()
        .map(|d| {
            let r = d.range();
            (r.start as u32, r.end as u32)
        })
        .collect();
    let mut order: Vec<u32> = (0..all.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        ranges[a]
            .cmp(&ranges[b])
            .then_with(|| all[a].code().cmp(all[b].code()))
    });
    // Position `i` takes the finding at `order[i]`; a position done is
    // marked by pointing at itself.
    for start in 0..order.len() {
        let mut cur = start;
        loop {
            let next = order[cur] as usize;
            order[cur] = cur as u32;
            if next == start {
                break;
            }
            all.swap(cur, next);
            cur = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_sort_as_a_stable_sort_would() {
        // Ties on position and code keep their order (told apart by message).
        let mut all: Vec<Diagnostic> = Vec::new();
        for i in 0..200usize {
            let start = (i * 37) % 23;
            let mut d = Diagnostic::new(start..start + i % 3, format!("m{i}"));
            d.rule = crate::diagnostic::RuleId::of(["P001", "A001", "S101"][i % 3], "");
            all.push(d);
        }
        let mut want = all.clone();
        want.sort_by(|a, b| {
            (a.range().start, a.range().end, a.code()).cmp(&(
                b.range().start,
                b.range().end,
                b.code(),
            ))
        });
        sort_findings(&mut all);
        let msgs = |v: &[Diagnostic]| v.iter().map(|d| d.message.to_string()).collect::<Vec<_>>();
        assert_eq!(msgs(&all), msgs(&want));
        sort_findings(&mut []);
    }
}
