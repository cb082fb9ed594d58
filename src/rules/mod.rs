//! Rules stage: the rule trait, the registry of built-in rules and the
//! context a rule sees.
//!
//! A built-in rule is one file under a family folder (`structure/` S,
//! `docnum/` N, `dates/` D, `arith/` A, `punct/` P). It is declared with
//! [`declare_rule!`](crate::declare_rule), whose doc comment is the text `gwlint rule CODE` prints,
//! implements [`Rule::check`] and [`BuiltinRule::new`], and is listed in its
//! family's `RULES`. User-defined rules (family X, and the substitution
//! entries of the built-in packs) are built from TOML by [`custom`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::{LazyLock, Mutex};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Findings, Severity};
use crate::document::Document;
use crate::extract::{Extraction, Reads};

pub mod arith;
pub mod custom;
pub mod dates;
pub mod docnum;
pub mod pattern;
pub mod punct;
pub mod structure;
pub mod suppression;

/// Whether a rule can repair what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    None,
    Sometimes,
    Always,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Sometimes => "sometimes",
            FixKind::Always => "always",
        }
    }
}

/// What is known about a rule without running it.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    /// Family letter and three digits, e.g. `A101`. Stable.
    pub code: &'static str,
    /// Kebab-case name, e.g. `rate-mismatch`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line, in Chinese.
    pub summary: &'static str,
    /// The full documentation (the rule's doc comment).
    pub doc: &'static str,
    pub fix: FixKind,
    /// Every fix the rule offers must be confirmed (it is applied only with
    /// `--unsafe-fixes`): the rule names the likely reading, not a certain
    /// one.
    pub unsafe_fix: bool,
    /// The shared extractions the rule reads; the engine frees each one after
    /// the last rule that reads it.
    pub reads: Reads,
}

impl RuleMeta {
    pub fn family(&self) -> char {
        self.code.chars().next().unwrap_or('?')
    }
}

/// What a rule sees of one document.
pub struct Context<'a> {
    pub path: &'a Path,
    pub doc: &'a Document<'a>,
    /// The document profile (`annual-report`, `notice`, `general` or a
    /// user-defined one).
    pub profile: &'a str,
    /// Shared extraction, computed at most once per document on first use.
    pub ext: Extraction,
}

impl<'a> Context<'a> {
    pub fn new(path: &'a Path, doc: &'a Document<'a>, profile: &'a str) -> Self {
        Context {
            path,
            doc,
            profile,
            ext: Extraction::default(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.doc.text
    }
}

/// A configured rule, ready to check documents.
pub trait Rule: Send + Sync {
    /// Report this rule's findings to `out`, which already holds those of
    /// the rules that ran before it: push, never read. `out` keeps each text
    /// the document's findings repeat once (see [`Findings`]).
    fn check(&self, cx: &Context<'_>, out: &mut Findings);
}

/// A rule built into gwlint: constructed from its options table.
pub trait BuiltinRule: Rule + Sized + 'static {
    /// The rule's options, deserialised from `[rules.CODE]`. Use
    /// `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]`.
    type Options: DeserializeOwned + Default;
    fn new(options: Self::Options) -> Result<Self, String>;
}

/// Options of a rule that has none: any key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// How to construct a built-in rule.
pub struct RuleSpec {
    pub meta: RuleMeta,
    pub build: fn(&toml::Table) -> Result<Box<dyn Rule>, String>,
}

/// A compiled regular expression of a rule's options (the N rules'
/// `organ-patterns`), compiled once per process: each profile builds its own
/// rule set from the same packs, and a `Regex` is shared by cloning it. The
/// error is the regex crate's, for the caller to word. (S001 and the TOML
/// rules use [`pattern::pattern`], which compiles a pack's pattern only when
/// it is needed.)
pub fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    static CACHE: Cache<regex::Regex> = LazyLock::new(Default::default);
    cached(&CACHE, pattern, regex::Regex::new)
}

/// A per-process cache of what is built from a pattern's source.
pub type Cache<T> = LazyLock<Mutex<HashMap<String, T>>>;

/// The value cached for `source`, or the one `build` makes of it (built
/// outside the lock, so that a large pattern does not hold the others up;
/// an error is not kept). The cache holds at most [`REGEX_CACHE_MAX`]
/// entries and starts again when full: a language server that reloads a
/// configuration as it is edited does not keep every pattern it ever saw.
pub fn cached<T: Clone, E>(
    cache: &Cache<T>,
    source: &str,
    build: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, E> {
    if let Some(v) = cache.lock().expect("pattern cache").get(source) {
        return Ok(v.clone());
    }
    let v = build(source)?;
    let mut map = cache.lock().expect("pattern cache");
    if map.len() >= REGEX_CACHE_MAX {
        map.clear();
    }
    map.insert(source.to_string(), v.clone());
    Ok(v)
}

/// See [`cached()`]: the built-in packs hold a few dozen patterns.
pub const REGEX_CACHE_MAX: usize = 512;

/// Deserialise a rule's options table.
pub fn parse_options<T: DeserializeOwned + Default>(table: &toml::Table) -> Result<T, String> {
    if table.is_empty() {
        return Ok(T::default());
    }
    T::deserialize(toml::Value::Table(table.clone()))
        .map_err(|e| crate::config::zh::message(e.message()))
}

pub fn build_rule<T: BuiltinRule>(table: &toml::Table) -> Result<Box<dyn Rule>, String> {
    Ok(Box::new(T::new(parse_options::<T::Options>(table)?)?))
}

/// Declare a built-in rule: its struct (whose doc comment becomes the rule's
/// documentation) and its metadata, as an associated `SPEC`.
///
/// ```ignore
/// declare_rule! {
///     /// ## 检查什么
///     /// …
///     pub struct InvalidDate {}
///     meta {
///         code: "D001", name: "invalid-date", severity: Error,
///         summary: "日期在日历上不存在", fix: None,
///         reads: [DATES],
///     }
/// }
/// ```
///
/// A rule whose struct has no fields takes no options (`[rules.CODE]` must be
/// empty): the macro implements [`BuiltinRule`] for it with [`NoOptions`]. A
/// rule with options declares its fields and implements `BuiltinRule` itself.
///
/// `reads` lists the shared extractions ([`Reads`]) the rule asks the
/// context for; leave it out when it reads none. A test runs every rule on
/// the corpus and checks the list against what it actually computed.
#[macro_export]
macro_rules! declare_rule {
    // A rule without fields takes no options: its `BuiltinRule` is generated.
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $name:ident {}
        meta { $($meta:tt)* }
    ) => {
        $crate::declare_rule! {
            $(#[doc = $doc])+
            $vis struct $name {}
            meta { $($meta)* } spec_only
        }

        impl $crate::rules::BuiltinRule for $name {
            type Options = $crate::rules::NoOptions;
            fn new(_: $crate::rules::NoOptions) -> Result<Self, String> {
                Ok($name {})
            }
        }
    };
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $name:ident { $($body:tt)* }
        meta {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal,
            fix: $fix:ident
            $(, unsafe_fix: $unsafe_fix:literal)?
            $(, reads: [$($read:ident),* $(,)?])? $(,)?
        }
        $(spec_only)?
    ) => {
        $(#[doc = $doc])+
        $vis struct $name { $($body)* }

        impl $name {
            pub const SPEC: $crate::rules::RuleSpec = $crate::rules::RuleSpec {
                meta: $crate::rules::RuleMeta {
                    code: $code,
                    name: $rname,
                    severity: $crate::diagnostic::Severity::$sev,
                    summary: $summary,
                    doc: concat!($($doc, "\n"),+),
                    fix: $crate::rules::FixKind::$fix,
                    unsafe_fix: false $(|| $unsafe_fix)?,
                    reads: $crate::extract::Reads::empty()
                        $($(.union($crate::extract::Reads::$read))*)?,
                },
                build: $crate::rules::build_rule::<$name>,
            };
        }
    };
}

/// Every built-in rule, in code order.
pub fn builtin() -> impl Iterator<Item = &'static RuleSpec> {
    structure::RULES
        .iter()
        .chain(docnum::RULES)
        .chain(dates::RULES)
        .chain(arith::RULES)
        .chain(punct::RULES)
        .chain(suppression::RULES)
}

/// Find a built-in rule by code (case-insensitive) or name.
pub fn find_builtin(key: &str) -> Option<&'static RuleSpec> {
    builtin().find(|s| s.meta.code.eq_ignore_ascii_case(key) || s.meta.name == key)
}

/// Turn a doc comment captured by [`declare_rule!`](crate::declare_rule) back into text: each line
/// loses the single space rustdoc keeps after `///`.
pub fn doc_text(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    for line in doc.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pattern compiled twice is the same regex; a bad one is an error
    /// every time (errors are not kept).
    #[test]
    fn regexes_are_compiled_once_and_errors_every_time() {
        let a = regex("做出(决定|决策)").unwrap();
        let b = regex("做出(决定|决策)").unwrap();
        assert_eq!(a.as_str(), b.as_str());
        assert_eq!(b.find("依法做出决定").map(|m| m.start()), Some(6));
        for _ in 0..2 {
            assert!(regex("(未闭合").is_err());
        }
    }

    #[test]
    fn codes_are_unique_well_formed_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for spec in builtin() {
            let m = &spec.meta;
            assert!(seen.insert(m.code), "duplicate code {}", m.code);
            let b = m.code.as_bytes();
            assert!(
                b.len() == 4 && b"SNDAP".contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit),
                "{}",
                m.code
            );
            assert!(
                m.name.bytes().all(|c| c.is_ascii_lowercase() || c == b'-'),
                "{}",
                m.name
            );
            for section in [
                "## 检查什么",
                "## 为什么",
                "## 错误示例",
                "## 正确示例",
                "## 依据",
            ] {
                assert!(m.doc.contains(section), "{} doc lacks {section}", m.code);
            }
            (spec.build)(&toml::Table::new())
                .unwrap_or_else(|e| panic!("{} default options: {e}", m.code));
        }
    }

    /// Each rule's `reads` is exactly what it computes when run alone over the
    /// corpus and its own fixtures, with the options the built-in packs give it (S001 reads the
    /// outline only with a pack's sections): a rule that reads more than it
    /// declares would have its extraction freed under it and computed again
    /// (slow), one that declares more keeps memory alive for nothing. The
    /// engine checks the first half on every document in debug builds.
    /// There too, each rule's `fix` and `unsafe_fix` are what its findings
    /// carry: `gwlint rules` marks a rule `[*]` only if `--fix` applies its
    /// fixes.
    #[test]
    fn every_rule_declares_what_it_reads_and_how_it_fixes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = Vec::new();
        for e in std::fs::read_dir(&dir).expect("corpus") {
            let p = e.expect("entry").path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md"))
                && p.file_name() != Some(std::ffi::OsStr::new("README.md"))
            {
                texts.push((p.clone(), std::fs::read_to_string(&p).expect("utf-8")));
            }
        }
        assert!(texts.len() >= 8, "corpus has {} drafts", texts.len());
        let mut out = Findings::new();
        let mut wrong = Vec::new();
        // `[rules.CODE]` of the first pack that sets it.
        let packs: Vec<toml::Table> = crate::config::packs::BASE
            .iter()
            .chain(crate::config::packs::PROFILES)
            .map(|(_, t)| t.parse().expect("pack"))
            .collect();
        let options = |code: &str| {
            packs
                .iter()
                .find_map(|p| p.get("rules")?.get(code)?.as_table().cloned())
                .unwrap_or_default()
        };
        let fixtures = |code: &str| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(code);
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .map(|p| {
                    let t = std::fs::read_to_string(&p).expect("utf-8");
                    (p, t)
                })
                .collect::<Vec<_>>()
        };
        for spec in builtin() {
            let rule = (spec.build)(&options(spec.meta.code)).expect("pack options");
            let mut read = Reads::empty();
            let from = out.len();
            for (path, text) in texts.iter().chain(&fixtures(spec.meta.code)) {
                let doc = Document::new(text);
                for profile in [
                    "annual-report",
                    "disclosure-report",
                    "notice",
                    "work-report",
                    "general",
                ] {
                    let cx = Context::new(path, &doc, profile);
                    rule.check(&cx, &mut out);
                    read |= cx.ext.computed();
                }
            }
            if read != spec.meta.reads {
                wrong.push(format!(
                    "{} declares {:?} and reads {:?}",
                    spec.meta.code, spec.meta.reads, read
                ));
            }
            // What `gwlint rules` says of the fixes is what they are.
            let (mut safe, mut unsafe_) = (false, false);
            for d in out.since_mut(from) {
                match d.fix.as_ref().map(|f| f.applicability) {
                    Some(crate::diagnostic::Applicability::Safe) => safe = true,
                    Some(crate::diagnostic::Applicability::Unsafe) => unsafe_ = true,
                    None => {}
                }
            }
            let m = &spec.meta;
            // P901's findings come from the engine, not from `check`.
            if m.code != "P901"
                && ((m.fix == FixKind::None && (safe || unsafe_))
                    || (m.fix != FixKind::None && !safe && !unsafe_)
                    || (m.unsafe_fix && safe)
                    || (m.fix != FixKind::None && !m.unsafe_fix && !safe))
            {
                wrong.push(format!(
                    "{} declares fix {:?} (unsafe only: {}) and gave safe fixes: {safe}, unsafe ones: {unsafe_}",
                    m.code, m.fix, m.unsafe_fix
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
