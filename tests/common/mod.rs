//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gwlint::diagnostic::Diagnostic;
use gwlint::engine::{Engine, EngineOptions, LintResult};
use gwlint::output;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lint `text` as if it were the file `path`.
pub fn lint_with(engine: &Engine, path: &Path, text: &str) -> LintResult {
    engine
        .lint(path, text)
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
}

/// Concise lines (`name:line:col: CODE message`) for findings.
pub fn concise(name: &str, text: &str, diags: &[Diagnostic]) -> String {
    let index = gwlint::document::LineIndex::new(text);
    let found = output::locate(text, &index, diags.to_vec(), false);
    output::render_concise(name, &found)
}

pub fn isolated_engine(select: Option<Vec<String>>) -> Engine {
    let mut opts = EngineOptions {
        isolated: true,
        ..Default::default()
    };
    opts.cli.select = select;
    Engine::new(opts).unwrap_or_else(|e| panic!("{}", e.render(false)))
}

pub fn bless() -> bool {
    std::env::var_os("GWLINT_BLESS").is_some()
}

/// Compare `actual` with the file at `expected` (writing it when blessing).
/// Returns a readable failure message on mismatch.
pub fn compare(expected: &Path, actual: &str) -> Option<String> {
    if bless() {
        std::fs::write(expected, actual).expect("write expected");
        return None;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_default();
    if want == actual {
        return None;
    }
    let mut msg = format!("\n=== {} differs\n", expected.display());
    let w: Vec<&str> = want.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    for l in &w {
        if !a.contains(l) {
            msg.push_str(&format!("- {l}\n"));
        }
    }
    for l in &a {
        if !w.contains(l) {
            msg.push_str(&format!("+ {l}\n"));
        }
    }
    if msg.lines().count() == 1 {
        msg.push_str("(same lines, different order or whitespace)\n");
    }
    Some(msg)
}

/// Every `--output-format`, by the name the command line takes, from the
/// enum itself (a new format is tested without being listed here).
pub fn formats() -> Vec<String> {
    use clap::ValueEnum;
    let v = output::Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>();
    // The tests that loop over them must not pass by looping over nothing.
    for name in ["full", "json", "json-lines", "sarif", "rdjson"] {
        assert!(v.iter().any(|x| x == name), "{name} missing from {v:?}");
    }
    v
}
