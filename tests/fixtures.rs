//! Rule fixtures: `tests/fixtures/<CODE>/<case>.txt` (or `.md`) with the
//! expected findings of rule CODE beside it in `<case>.expected` (concise
//! form, path shown as the case's file name; empty for text that must stay
//! silent).
//!
//! - `<case>.toml`, when present, is the configuration for the case (for
//!   options); otherwise only the built-in packs apply.
//! - When any finding of CODE has a safe fix, `<case>.fixed` must exist: it is
//!   the text after applying those fixes. The fixed text is linted again and
//!   must have no finding of CODE left where a fix was applied.
//!
//! Only rule CODE runs for its fixtures. `GWLINT_BLESS=1 cargo test` writes
//! the expected files; read every line it writes before committing it.

mod common;

use std::path::Path;

use gwlint::engine::{Engine, EngineOptions};

fn engine_for(code: &str, case_cfg: &Path) -> Engine {
    let mut opts = EngineOptions {
        isolated: true,
        ..Default::default()
    };
    if case_cfg.exists() {
        opts = EngineOptions {
            config: Some(case_cfg.to_path_buf()),
            ..Default::default()
        };
    }
    opts.cli.select = Some(vec![code.to_string()]);
    Engine::new(opts).unwrap_or_else(|e| panic!("{}", e.render(false)))
}

#[test]
fn fixtures() {
    let dir = common::root().join("tests/fixtures");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut codes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    codes.sort();
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut files: Vec<_> = std::fs::read_dir(&code_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} has no fixtures", code_dir.display());
        for file in files {
            cases += 1;
            let name = file.file_name().unwrap().to_str().unwrap();
            let stem = file.with_extension("");
            let engine = engine_for(&code, &stem.with_extension("toml"));
            let text = std::fs::read_to_string(&file).unwrap();
            let result = common::lint_with(&engine, &file, &text);
            let mine: Vec<_> = result
                .diagnostics
                .into_iter()
                .filter(|d| d.code() == code)
                .collect();
            let actual = common::concise(name, &text, &mine);
            if let Some(f) = common::compare(&stem.with_extension("expected"), &actual) {
                failures.push(f);
            }
            let has_safe_fix = mine.iter().any(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == gwlint::diagnostic::Applicability::Safe)
            });
            let fixed_path = stem.with_extension("fixed");
            if has_safe_fix || fixed_path.exists() {
                let (fixed, _) = gwlint::fix::apply(&text, &mine, false);
                if let Some(f) = common::compare(&fixed_path, &fixed) {
                    failures.push(f);
                }
                let again = common::lint_with(&engine, &file, &fixed);
                for d in again.diagnostics.iter().filter(|d| d.code() == code) {
                    if d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability == gwlint::diagnostic::Applicability::Safe)
                    {
                        failures.push(format!(
                            "\n=== {}: after applying the fixes, {} still reports a fixable finding: {}",
                            file.display(),
                            code,
                            d.message
                        ));
                    }
                }
            }
        }
    }
    assert!(cases > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture mismatch(es):{}",
        failures.len(),
        failures.concat()
    );
}
