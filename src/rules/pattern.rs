//! A regular expression of a rule's options or of a TOML rule, compiled the
//! first time a text might hold a match of it.
//!
//! Compiling is most of what gwlint does before it reads a document: the
//! built-in packs' 30-odd patterns cost about 14 million instructions, three
//! quarters of linting a 2 KB draft. Most of them are never needed for a
//! given text: a heading pattern of S001 whose words the heading lacks, a
//! substitution whose phrase the draft does not use. So a built-in pattern
//! is compiled on its first use, and before that a use asks whether the text
//! holds one of the literals that every match must start with, or one of
//! those that every match must end with (the literal sets `regex-syntax`
//! extracts from the pattern). When it holds none, there is no match and
//! nothing is compiled.
//!
//! A pattern that a user writes is compiled at once, when the configuration
//! is read, so that one that does not compile is reported there with its
//! place in the file. Only a pattern that is a string of the built-in packs
//! waits ([`crate::config::is_builtin_string`]); the test suite compiles
//! every one of those.

use std::sync::{Arc, LazyLock, OnceLock};

use memchr::memmem;
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, LookSet};

/// At most this many literals make a guard; a longer set is not used (a
/// search for each would cost more than the compile it may save).
const MAX_NEEDLES: usize = 8;

/// Literals are cut to their first (or last) this many bytes before they
/// are counted: `截止到目前`, `截止到当前`… all start with `截止`.
const NEEDLE_BYTES: usize = 6;

/// A pattern, shared by every rule set that uses it (see [`pattern`]).
#[derive(Clone)]
pub struct Pattern(Arc<Inner>);

struct Inner {
    source: String,
    /// What the pattern asserts about line and text boundaries.
    looks: LookSet,
    /// Whether a match may be empty.
    may_be_empty: bool,
    /// Literals one of which starts every match; `None` when there is no
    /// short list of them.
    starts: Option<Vec<memmem::Finder<'static>>>,
    /// Literals one of which ends every match.
    ends: Option<Vec<memmem::Finder<'static>>>,
    /// The compiled expression (`None` if it did not compile, which the
    /// test suite rules out for the built-in packs).
    compiled: OnceLock<Option<Regex>>,
}

/// The pattern for `source`, from a per-process cache ([`super::cached`]):
/// each profile builds its own rule set from the same packs, and a pattern
/// compiled for one is compiled for all. A pattern that is not a string of
/// the built-in packs is compiled here, and its error returned (the regex
/// crate's, for the caller to word).
pub fn pattern(source: &str) -> Result<Pattern, regex::Error> {
    static CACHE: super::Cache<Pattern> = LazyLock::new(Default::default);
    super::cached(&CACHE, source, Pattern::new)
}

/// The pattern for `source`, checked for syntax now and compiled when a
/// text first holds one of its literals: for patterns made from the
/// built-in packs' strings (S001's headings with the report year put in),
/// which the test suite compiles. Cached as [`pattern`] is.
pub fn derived_pattern(source: &str) -> Result<Pattern, regex::Error> {
    static CACHE: super::Cache<Pattern> = LazyLock::new(Default::default);
    super::cached(&CACHE, source, |s| Pattern::build(s, true))
}

impl Pattern {
    fn new(source: &str) -> Result<Pattern, regex::Error> {
        Self::build(source, crate::config::is_builtin_string(source))
    }

    /// A pattern compiled now, or (`lazy`) when first needed, with the
    /// literals that rule a text out until then.
    fn build(source: &str, lazy: bool) -> Result<Pattern, regex::Error> {
        let hir = match regex_syntax::Parser::new().parse(source) {
            Ok(hir) => hir,
            // Worded as the regex crate words a syntax error.
            Err(e) => return Err(regex::Error::Syntax(e.to_string())),
        };
        let compiled = OnceLock::new();
        if !lazy {
            let _ = compiled.set(Some(Regex::new(source)?));
        }
        let literals = |kind| if lazy { needles(&hir, kind) } else { None };
        let props = hir.properties();
        Ok(Pattern(Arc::new(Inner {
            source: source.to_string(),
            looks: props.look_set(),
            may_be_empty: props.minimum_len().is_none_or(|n| n == 0),
            starts: literals(ExtractKind::Prefix),
            ends: literals(ExtractKind::Suffix),
            compiled,
        })))
    }

    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    /// What the pattern asserts about line and text boundaries (`^`, `$`,
    /// `\b`…), read without compiling it.
    pub fn looks(&self) -> LookSet {
        self.0.looks
    }

    /// Whether the pattern matches the empty string.
    pub fn matches_empty(&self) -> bool {
        self.0.may_be_empty && self.compiled().is_some_and(|r| r.is_match(""))
    }

    /// The compiled expression, compiling it now if it is not yet.
    pub fn compiled(&self) -> Option<&Regex> {
        self.0
            .compiled
            .get_or_init(|| Regex::new(&self.0.source).ok())
            .as_ref()
    }

    /// The compiled expression for a search of `haystack` (or of a part of
    /// it), or `None` when `haystack` cannot hold a match: it has none of
    /// the literals one of which starts (or ends) every match. Once the
    /// pattern is compiled the literals are not looked for again; the
    /// regex does its own search for them.
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if let Some(r) = self.0.compiled.get() {
            return r.as_ref();
        }
        let holds_one = |set: &Option<Vec<memmem::Finder<'static>>>| {
            set.as_ref()
                .is_none_or(|fs| fs.iter().any(|f| f.find(haystack.as_bytes()).is_some()))
        };
        if !holds_one(&self.0.starts) || !holds_one(&self.0.ends) {
            return None;
        }
        self.compiled()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack)
            .is_some_and(|r| r.is_match(haystack))
    }

    /// Whether the expression is compiled (for tests).
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.0.compiled.get().is_some()
    }
}

/// The finders for a short list of literals one of which starts (or ends)
/// every match, or `None` when there is no such list. The extractor cuts
/// each literal to its first (last) [`NEEDLE_BYTES`] (a necessary condition
/// stays one: a text that holds a literal holds its first bytes), and gives
/// up on a set much larger than is looked for; a literal that holds another
/// is dropped here (the other is found wherever it is).
fn needles(hir: &Hir, kind: ExtractKind) -> Option<Vec<memmem::Finder<'static>>> {
    let seq = Extractor::new()
        .kind(kind)
        .limit_literal_len(NEEDLE_BYTES)
        .limit_total(4 * MAX_NEEDLES)
        .extract(hir);
    let mut lits: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
    if lits.iter().any(Vec::is_empty) {
        return None;
    }
    lits.sort_unstable();
    lits.dedup();
    lits.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for l in lits {
        if !kept.iter().any(|k| memmem::find(&l, k).is_some()) {
            kept.push(l);
        }
    }
    if kept.len() > MAX_NEEDLES {
        return None;
    }
    Some(
        kept.into_iter()
            .map(|l| memmem::Finder::new(&l).into_owned())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built as a pack's pattern is, whatever the packs hold.
    fn lazy(source: &str) -> Pattern {
        Pattern::build(source, true).unwrap()
    }

    #[test]
    fn a_text_without_the_literals_compiles_nothing() {
        let p = lazy("截止到(目前|当前|今年|去年|上年|年底)");
        assert!(!p.is_match("截至2023年底，全市共办理案件。"));
        assert!(!p.is_compiled());
        assert!(p.is_match("截止到年底，全市共办理案件。"));
        assert!(p.is_compiled());
        // Once compiled, the regex answers: no literal search of its own.
        assert!(!p.is_match("截至2023年底"));
    }

    #[test]
    fn either_end_can_rule_a_text_out() {
        // Every match starts with one of four words and ends with one of
        // four: a heading with a start but no end is not searched.
        let p = lazy("(下一年度|下一步|明年|今后).*(安排|打算|计划|思路)");
        assert!(!p.is_match("下一步工作重点"));
        assert!(!p.is_compiled());
        assert!(p.is_match("下一步工作计划"));
        // The years of `[0-9]{4}` are too many to look for; the ends are not.
        let q = lazy("[0-9]{4}年度?.{0,12}(安排|打算|计划)");
        assert!(q.0.starts.is_none());
        assert!(!q.is_match("2023年工作举措和成效"));
        assert!(!q.is_compiled());
        assert!(q.is_match("2024年工作安排"));
    }

    #[test]
    fn a_pattern_with_no_short_list_compiles_on_first_use() {
        // `[^，,]*` may start a match with any character, and the ten
        // digits that end one are more than are looked for.
        let p = lazy("[^，,]*[0-9]$");
        assert!(p.0.starts.is_none() && p.0.ends.is_none());
        assert!(!p.is_match("主要举措和成效"));
        assert!(p.is_compiled());
        // The same start with a short list of ends is ruled out by them.
        let q = lazy("[^，,]*(问题|不足)$");
        assert!(q.0.starts.is_none());
        assert!(!q.is_match("主要举措和成效"));
        assert!(!q.is_compiled());
    }

    #[test]
    fn literals_are_cut_and_those_holding_another_dropped() {
        let p = lazy("截止至?(目前|当前|今年)");
        // 截止至 and 截止 (each cut to six bytes): 截止 is enough.
        assert_eq!(p.0.starts.as_ref().map(Vec::len), Some(1));
        let q = lazy("(?i)ab");
        assert!(q.is_match("xAbx"));
        let e = lazy("a|");
        assert!(e.0.starts.is_none(), "an empty literal starts every text");
        assert!(e.matches_empty());
    }

    /// A pattern a user writes is compiled when it is read, and one that
    /// does not compile is an error then.
    #[test]
    fn a_user_pattern_is_compiled_when_read() {
        let p = pattern("本规则只在测试里写过的词").unwrap();
        assert!(p.is_compiled());
        assert!(
            p.0.starts.is_none() && p.0.ends.is_none(),
            "no literals kept"
        );
        // The error is worded as the regex crate words it.
        let unclosed = String::from("(未闭合");
        assert_eq!(
            pattern(&unclosed).err().map(|e| e.to_string()),
            Regex::new(&unclosed).err().map(|e| e.to_string())
        );
        assert!(pattern("a{99999}{99999}").is_err());
    }

    /// Every string of the built-in packs that reads as a pattern compiles:
    /// the lazy path of [`Pattern::for_haystack`] never meets one that
    /// does not.
    #[test]
    fn every_builtin_string_that_parses_compiles() {
        let mut n = 0;
        for s in crate::config::builtin_strings() {
            if regex_syntax::Parser::new().parse(s).is_ok() {
                assert!(Regex::new(s).is_ok(), "{s}");
                n += 1;
            }
        }
        assert!(n > 30, "{n} strings");
    }

    /// S001's heading patterns that name the report year (`{year}`,
    /// `{next-year}`) compile with a year in place: they are compiled
    /// lazily, as [`derived_pattern`]s, and not checked at start-up.
    #[test]
    fn every_builtin_year_heading_compiles_with_a_year() {
        let years: Vec<&str> = crate::config::builtin_strings()
            .iter()
            .copied()
            .filter(|s| s.contains("{year}") || s.contains("{next-year}"))
            .collect();
        assert!(!years.is_empty());
        for s in years {
            let with = s
                .replace("{next-year}", "(?:2025|二〇二五)")
                .replace("{year}", "(?:2024|二〇二四)");
            assert!(Regex::new(&with).is_ok(), "{s}");
        }
    }
}
