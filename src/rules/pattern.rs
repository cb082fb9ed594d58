//! A regular expression of a rule's options or of a TOML rule, compiled the
//! first time a text might hold a match of it.
//!
//! Compiling is most of what gwlint does before it reads a document: the
//! built-in packs' 30-odd patterns cost about 14 million instructions, three
//! quarters of linting a 2 KB draft. Most of them are never needed for a
//! given text: a heading pattern of S001 whose words the heading lacks, a
//! substitution whose phrase the draft does not use. So a built-in pattern
//! is compiled on its first use, and before that a use asks whether the text
//! holds one of the literals that every match must start with, one of those
//! that every match must end with, and one of those that a part of every
//! match must start with (the literal sets `regex-syntax` extracts from the
//! pattern, on the first use). When it lacks one, there is no match and
//! nothing is compiled. Once the literals have been looked for in a
//! megabyte of text, the pattern is compiled all the same: the regex looks
//! for them in one pass.
//!
//! A pattern that a user writes is compiled at once, when the configuration
//! is read, so that one that does not compile is reported there with its
//! place in the file. Only a pattern that is a string of the built-in packs
//! waits ([`crate::config::is_builtin_string`]); the test suite compiles
//! every one of those.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use memchr::memmem;
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, LookSet};

/// At most this many literals make a guard; a longer set is not used (a
/// search for each would cost more than the compile it may save).
const MAX_NEEDLES: usize = 12;

/// Literals are cut to their first (or last) this many bytes before they
/// are counted: `截止到目前`, `截止到当前`… all start with `截止`.
const NEEDLE_BYTES: usize = 6;

/// After the literals have been looked for in this many bytes of text in
/// all, the pattern is compiled: the regex searches for them in one pass,
/// where the guard takes one pass a literal. A run over a few small files
/// never gets here; a run over a large corpus does, early.
const COMPILE_AFTER_BYTES: usize = 1 << 20;

/// The literals a text must hold to hold a match, each list `None` when
/// there is no short one.
#[derive(Default)]
struct Guard {
    /// Literals one of which starts every match.
    starts: Option<Vec<memmem::Finder<'static>>>,
    /// Literals one of which ends every match.
    ends: Option<Vec<memmem::Finder<'static>>>,
    /// Literals one of which is inside every match: those that start one
    /// part of the pattern that every match goes through (`年` in
    /// `[0-9]{4}年.{0,12}(安排|计划)$`, whose ends are too many).
    inner: Option<Vec<memmem::Finder<'static>>>,
}

impl Guard {
    fn of(hir: &Hir) -> Guard {
        Guard {
            starts: needles(hir, ExtractKind::Prefix),
            ends: needles(hir, ExtractKind::Suffix),
            inner: inner_needles(hir),
        }
    }

    /// Whether the guard is still worth a search once the pattern is
    /// compiled: one or two literals, one of which starts, ends or is inside
    /// every match, make one search of the whole text as cheap as the
    /// regex's own, and a text without them is not searched line by line
    /// at all. Without it, a pattern with no short list of literals to
    /// start a match (`([台对…]?)帐([户号…]?)`) ran its automaton over every
    /// line: 90 million instructions on the 13 MB of benchmark drafts, none
    /// of which holds a 帐.
    fn kept_after_compiling(&self) -> bool {
        let few = |set: &Option<Vec<memmem::Finder<'static>>>| {
            set.as_ref().is_some_and(|fs| fs.len() <= 2)
        };
        few(&self.starts) || few(&self.inner) || few(&self.ends)
    }

    /// Whether `haystack` holds a literal of each list.
    fn admits(&self, haystack: &str) -> bool {
        let holds_one = |set: &Option<Vec<memmem::Finder<'static>>>| {
            set.as_ref()
                .is_none_or(|fs| fs.iter().any(|f| f.find(haystack.as_bytes()).is_some()))
        };
        holds_one(&self.starts) && holds_one(&self.ends) && holds_one(&self.inner)
    }
}

/// A pattern, shared by every rule set that uses it (see [`pattern`]).
#[derive(Clone)]
pub struct Pattern(Arc<Inner>);

struct Inner {
    source: String,
    /// What the pattern asserts about line and text boundaries.
    looks: LookSet,
    /// Whether a match may be empty.
    may_be_empty: bool,
    /// The parsed pattern, while its guard may be wanted (a pattern
    /// compiled at once has none).
    hir: Option<Hir>,
    /// The literals that rule a text out, made from `hir` on first use.
    guard: OnceLock<Guard>,
    /// How many bytes of text the literals have been looked for in.
    scanned: AtomicUsize,
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
        let props = hir.properties();
        Ok(Pattern(Arc::new(Inner {
            source: source.to_string(),
            looks: props.look_set(),
            may_be_empty: props.minimum_len().is_none_or(|n| n == 0),
            hir: lazy.then_some(hir),
            guard: OnceLock::new(),
            scanned: AtomicUsize::new(0),
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
    /// the literals one of which starts (or ends, or is inside) every
    /// match. Once the pattern is compiled the literals are looked for only
    /// when they are one or two (see `Guard::kept_after_compiling`); the
    /// regex does its own search for longer lists.
    /// The pattern is compiled once the literals have been looked for in a
    /// megabyte of text (`COMPILE_AFTER_BYTES`).
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if let Some(r) = self.0.compiled.get() {
            let guard = self.guard();
            if guard.kept_after_compiling() && !guard.admits(haystack) {
                return None;
            }
            return r.as_ref();
        }
        let before = self.0.scanned.fetch_add(haystack.len(), Ordering::Relaxed);
        if before < COMPILE_AFTER_BYTES && !self.guard().admits(haystack) {
            return None;
        }
        self.compiled()
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack)
            .is_some_and(|r| r.is_match(haystack))
    }

    /// The literals that rule a text out (none for a pattern compiled when
    /// it was read).
    fn guard(&self) -> &Guard {
        self.0
            .guard
            .get_or_init(|| self.0.hir.as_ref().map(Guard::of).unwrap_or_default())
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
/// up on a set much larger than is looked for, or one with a literal of a
/// single byte; a literal that holds another is dropped here (the other is
/// found wherever it is).
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
    // An empty literal is in every text, and a one-byte one (a digit, an
    // ASCII letter or mark) in nearly every one.
    if lits.iter().any(|l| l.len() < 2) {
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

/// The literals of the part of `hir` (one of the parts in a row that make
/// it up, after the first, which [`Guard::starts`] covers) whose short
/// list is the best guard: the fewest literals, then the longest. A part
/// that may match the empty string has none (its list holds the empty
/// literal).
fn inner_needles(hir: &Hir) -> Option<Vec<memmem::Finder<'static>>> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    parts
        .iter()
        .skip(1)
        .filter_map(|p| needles(p, ExtractKind::Prefix))
        .min_by_key(|fs| {
            let shortest = fs.iter().map(|f| f.needle().len()).min().unwrap_or(0);
            (fs.len(), std::cmp::Reverse(shortest))
        })
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
        assert!(q.guard().starts.is_none());
        assert!(!q.is_match("2023年工作举措和成效"));
        assert!(!q.is_compiled());
        assert!(q.is_match("2024年工作安排"));
        // Eleven words to start a match are few enough.
        let r =
            lazy("(紧扣|围绕|贯彻|按照|依照|根据|对照|依据|聚焦|对标|遵循)[^，,]{0,20}(安排|计划)");
        assert_eq!(r.guard().starts.as_ref().map(Vec::len), Some(11));
        assert!(!r.is_match("2025年推进法治政府建设的主要安排"));
        assert!(!r.is_compiled());
    }

    #[test]
    fn a_pattern_with_no_short_list_compiles_on_first_use() {
        // `[^，,]*` may start a match with any character, and the ten
        // digits that end one are more than are looked for.
        let p = lazy("[^，,]*[0-9]$");
        assert!(p.guard().starts.is_none() && p.guard().ends.is_none());
        assert!(!p.is_match("主要举措和成效"));
        assert!(p.is_compiled());
        // The same start with a short list of ends is ruled out by them.
        let q = lazy("[^，,]*(问题|不足)$");
        assert!(q.guard().starts.is_none());
        assert!(!q.is_match("主要举措和成效"));
        assert!(!q.is_compiled());
    }

    #[test]
    fn a_literal_inside_every_match_rules_a_text_out() {
        // Neither end has a short list (the years; any character before
        // `$`), but every match holds 年.
        let p = lazy("[0-9]{4}年度?.{0,12}(安排|计划|思路)[^，,；;：:。]*$");
        assert!(p.guard().starts.is_none() && p.guard().ends.is_none());
        assert_eq!(p.guard().inner.as_ref().map(Vec::len), Some(1));
        assert!(!p.is_match("加强党对法治政府建设的领导"));
        assert!(!p.is_compiled());
        assert!(!p.is_match("2023年工作举措和成效"));
        assert!(p.is_compiled());
        assert!(p.is_match("2025年法治政府建设工作安排"));
        // A part that may be empty (`度?`) has no literal to look for, nor
        // has a pattern that is not parts in a row.
        assert!(lazy("[0-9]{4}度?[0-9]").guard().inner.is_none());
        assert!(lazy("[0-9]{4}|年").guard().inner.is_none());
    }

    #[test]
    fn after_a_megabyte_of_text_the_regex_searches() {
        let p = lazy("截止到(目前|当前)");
        let text = "截至2023年底，全市共办理案件。".repeat(COMPILE_AFTER_BYTES / 40 + 1);
        assert!(text.len() > COMPILE_AFTER_BYTES);
        assert!(!p.is_match(&text));
        assert!(!p.is_compiled(), "the first text is looked through");
        assert!(!p.is_match("截至2023年底"));
        assert!(p.is_compiled(), "compiled after a megabyte");
        assert!(p.is_match("截止到目前"));
    }

    #[test]
    fn one_or_two_literals_still_rule_a_text_out_once_compiled() {
        // One literal inside every match and none to start one: the regex
        // would run its automaton over the text; the literal is looked for.
        let p = lazy("([台对]?)帐([户号]?)");
        assert!(p.compiled().is_some());
        assert!(p.for_haystack("全年办结案件120件。").is_none());
        assert!(p.for_haystack("建立台帐。").is_some());
        // More literals than two: the regex's own search is used.
        let q = lazy("(甲|乙|丙)(子|丑|寅)");
        assert!(q.compiled().is_some());
        assert!(q.for_haystack("全年办结案件120件。").is_some());
    }

    #[test]
    fn literals_are_cut_and_those_holding_another_dropped() {
        let p = lazy("截止至?(目前|当前|今年)");
        // 截止至 and 截止 (each cut to six bytes): 截止 is enough.
        assert_eq!(p.guard().starts.as_ref().map(Vec::len), Some(1));
        let q = lazy("(?i)ab");
        assert!(q.is_match("xAbx"));
        let e = lazy("a|");
        assert!(
            e.guard().starts.is_none(),
            "an empty literal starts every text"
        );
        assert!(e.matches_empty());
    }

    /// A pattern a user writes is compiled when it is read, and one that
    /// does not compile is an error then.
    #[test]
    fn a_user_pattern_is_compiled_when_read() {
        let p = pattern("本规则只在测试里写过的词").unwrap();
        assert!(p.is_compiled());
        assert!(
            p.guard().starts.is_none() && p.guard().ends.is_none(),
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
