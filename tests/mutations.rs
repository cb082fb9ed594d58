//! Bad input never panics: every rule runs on seeded mutations of the
//! project's own sample documents, and neither the lint, nor applying every
//! fix it offers, nor linting the fixed text again may panic.
//!
//! The mutations are the damage real drafts carry, aimed at the places where
//! the extractors and rules slice text: a figure, a date part, a bracket or
//! an ordinal inserted or deleted, a line break added or lost (a sentence
//! split from its figures), punctuation folded to half-width in part of a
//! line, a span repeated, a text cut short. A crash found this way
//! (`占全部案件的35.0%` on the line after its count made A001 slice the text
//! backwards) becomes a fixture of the rule.
//!
//! The run is deterministic: a fixed seed and a fixed number of mutants.
//! `GWLINT_MUTANTS=N` and `GWLINT_MUTATION_SEED=S` run more or others, e.g.
//! `GWLINT_MUTANTS=50000 cargo test --release --test mutations`; a failure
//! prints each crashing text with the seed and index that rebuild it.

mod common;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gwlint::engine::Engine;

/// Mutants linted by default: enough to pass every rule through damaged
/// text of each kind, small enough for the debug build of `cargo test`.
const DEFAULT_MUTANTS: usize = 3000;
const DEFAULT_SEED: u64 = 0x6777_6c69_6e74;
/// A mutant is cut from its source at most this many characters long.
const WINDOW: usize = 1600;

/// What a mutation inserts or puts in place of a character: the marks,
/// digits, units and words the extractors anchor on, in both punctuation
/// styles.
const PIECES: &[&str] = &[
    "0",
    "1",
    "9",
    "10",
    "12",
    "31",
    "2024",
    "20241026",
    "99999999999999999999",
    "3.5",
    "0.0",
    "年",
    "月",
    "日",
    "〔",
    "〕",
    "[",
    "]",
    "（",
    "）",
    "(",
    ")",
    "％",
    "%",
    "‰",
    "，",
    ",",
    "。",
    ".",
    "．",
    "、",
    "：",
    ":",
    "；",
    ";",
    "？",
    "?",
    "！",
    "!",
    "《",
    "》",
    "〈",
    "〉",
    "“",
    "”",
    "\"",
    "—",
    "——",
    "-",
    "－",
    "~",
    "～",
    "至",
    "…",
    "……",
    "·",
    "•",
    "＜",
    "＞",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "一",
    "二",
    "三",
    "十",
    "十一",
    "〇",
    "零",
    "两",
    "百",
    "千",
    "万",
    "亿",
    "倍",
    "件",
    "人次",
    "个",
    "项",
    "是",
    "为",
    "达",
    "占",
    "占比",
    "率",
    "比例",
    "较",
    "同比",
    "环比",
    "增长",
    "下降",
    "减少",
    "百分点",
    "个百分点",
    "上年",
    "其中",
    "分别为",
    "合计",
    "共计",
    "总计",
    "第",
    "号",
    "条",
    "章",
    "节",
    "附件",
    "注：",
    "一是",
    "二是",
    "三是",
    "一、",
    "二、",
    "（一）",
    "（二）",
    "1.",
    "2.",
    "（1）",
    "①",
    "X",
    "×",
    "XX",
    "２０２４",
    "# ",
    "| ",
    "- ",
    "1) ",
    "```",
    "<!-- gwlint-disable -->",
];

/// What folding turns a full-width mark into.
const FOLDS: &[(char, char)] = &[
    ('，', ','),
    ('：', ':'),
    ('；', ';'),
    ('（', '('),
    ('）', ')'),
    ('？', '?'),
    ('！', '!'),
];

fn sources() -> Vec<(PathBuf, String)> {
    let root = common::root();
    let mut dirs = vec![root.join("corpus")];
    let fixtures = root.join("tests/fixtures");
    let mut codes: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    codes.sort();
    dirs.extend(codes);
    // The seeds, when the shared folder is beside the project.
    let seeds = root.join("../shared/seeds");
    if seeds.is_dir() {
        dirs.push(seeds);
    }
    let mut out = Vec::new();
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd.map(|e| e.expect("entry").path()).collect();
        files.sort();
        for f in files {
            let ext = f.extension().and_then(|e| e.to_str());
            if !matches!(ext, Some("txt" | "md")) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&f) {
                out.push((f, text));
            }
        }
    }
    out
}

/// A random char boundary of `s` (its end included).
fn boundary(rng: &mut fastrand::Rng, s: &str) -> usize {
    let mut i = rng.usize(..=s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The boundary `n` characters after `i` (or the end).
fn after(s: &str, i: usize, n: usize) -> usize {
    s[i..].char_indices().nth(n).map_or(s.len(), |(k, _)| i + k)
}

/// One mutant: a window of `text` with one to eight mutations.
fn mutate(rng: &mut fastrand::Rng, text: &str) -> String {
    let start = boundary(rng, text);
    let start = if text.len() - start < 200 { 0 } else { start };
    let mut s = text[start..after(text, start, WINDOW)].to_string();
    for _ in 0..rng.usize(1..=8) {
        let i = boundary(rng, &s);
        let piece = PIECES[rng.usize(..PIECES.len())];
        match rng.u8(..10) {
            0..=2 => s.insert_str(i, piece),
            3 | 4 => {
                let j = after(&s, i, rng.usize(1..=3));
                s.replace_range(i..j, "");
            }
            5 => {
                let j = after(&s, i, 1);
                s.replace_range(i..j, piece);
            }
            6 => {
                let j = after(&s, i, rng.usize(1..=40));
                let span = s[i..j].to_string();
                s.insert_str(j, &span);
            }
            7 => {
                let j = after(&s, i, rng.usize(1..=80));
                let folded: String = s[i..j]
                    .chars()
                    .map(|c| FOLDS.iter().find(|f| f.0 == c).map_or(c, |f| f.1))
                    .collect();
                s.replace_range(i..j, &folded);
            }
            8 => {
                // A line break lost or gained.
                match s[i..].find('\n') {
                    Some(k) if rng.bool() => s.replace_range(i + k..i + k + 1, ""),
                    _ => s.insert(i, '\n'),
                }
            }
            _ => {
                if i > 0 {
                    s.truncate(i);
                }
            }
        }
    }
    s
}

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Run `f`, and give the panic's message and place when it panics.
fn no_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    PANIC.with(|p| *p.borrow_mut() = None);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "panic".into())
    })
}

/// Lint, fix everything and lint the fixed text; every step must finish,
/// and every range reported must lie on the text's character boundaries.
fn exercise(engine: &Engine, path: &Path, text: &str) -> Result<(), String> {
    let r = no_panic(|| engine.lint(path, text))?.map_err(|e| e.render(false))?;
    for d in &r.diagnostics {
        let ranges = std::iter::once(d.range())
            .chain(d.labels.iter().map(|l| l.range()))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.range())));
        for rg in ranges {
            if rg.start > rg.end
                || !text.is_char_boundary(rg.start)
                || !text.is_char_boundary(rg.end)
            {
                return Err(format!("{}: range {rg:?} is not on the text", d.code()));
            }
        }
    }
    let (fixed, _) = no_panic(|| gwlint::fix::apply(text, &r.diagnostics, true))?;
    no_panic(|| engine.lint(path, &fixed))?.map_err(|e| e.render(false))?;
    Ok(())
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn mutated_documents_never_crash_a_rule() {
    let sources = sources();
    assert!(
        sources.len() > 100,
        "expected the corpus and the fixtures as sources, found {}",
        sources.len()
    );
    let count = env_number("GWLINT_MUTANTS").map_or(DEFAULT_MUTANTS, |n| n as usize);
    let seed = env_number("GWLINT_MUTATION_SEED").unwrap_or(DEFAULT_SEED);
    let engine = common::isolated_engine(Some(vec!["ALL".into()]));
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg: String = msg.chars().take(300).collect();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{at}: {msg}")));
    }));
    let mut failures = Vec::new();
    for k in 0..count {
        // One generator per mutant: a failure names the seed and index that
        // rebuild it alone.
        let mut rng =
            fastrand::Rng::with_seed(seed ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (path, text) = &sources[rng.usize(..sources.len())];
        let mutant = mutate(&mut rng, text);
        let name = if path.extension().is_some_and(|e| e == "md") {
            "mutant.md"
        } else {
            "mutant.txt"
        };
        if let Err(why) = exercise(&engine, Path::new(name), &mutant) {
            failures.push((k, path.clone(), why, mutant));
        }
    }
    std::panic::set_hook(previous);
    let mut report = String::new();
    for (k, path, why, text) in failures.iter().take(5) {
        let _ = writeln!(
            report,
            "mutant {k} (seed {seed:#x}) of {}: {why}\n{text:?}\n",
            path.display()
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {count} mutants failed:\n{report}",
        failures.len()
    );
}

#[test]
fn mutants_are_damaged_documents() {
    // The generator itself: same seed, same mutant; each differs from its
    // source window; and over a run every kind of damage occurs.
    let text = "全年共受理行政复议申请120件，审结100件，审结率83.3%。\n二、2024年工作安排\n";
    let a = mutate(&mut fastrand::Rng::with_seed(7), text);
    let b = mutate(&mut fastrand::Rng::with_seed(7), text);
    assert_eq!(a, b);
    let mut rng = fastrand::Rng::with_seed(11);
    let mutants: Vec<String> = (0..400).map(|_| mutate(&mut rng, text)).collect();
    assert!(mutants.iter().filter(|m| m.as_str() == text).count() < 40);
    assert!(mutants.iter().any(|m| m.contains(',') && m.contains('，')));
    assert!(mutants.iter().any(|m| m.len() < text.len() / 2));
    assert!(mutants.iter().any(|m| m.matches('\n').count() > 2));
    assert!(mutants.iter().any(|m| !m.contains('\n')));
}
