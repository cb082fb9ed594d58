//! The sample drafts in `corpus/` and their expected findings
//! (`corpus/<name>.expected`, concise form, every built-in rule).
//! `GWLINT_BLESS=1 cargo test --test corpus` rewrites them: read the diff.

mod common;

#[test]
fn corpus_matches_expectations() {
    let dir = common::root().join("corpus");
    let engine = common::isolated_engine(None);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "the corpus needs at least six drafts");
    let mut failures = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = format!("corpus/{}", f.file_name().unwrap().to_str().unwrap());
        let r = common::lint_with(&engine, &f, &text);
        let actual = common::concise(&name, &text, &r.diagnostics);
        if let Some(m) = common::compare(&f.with_extension("expected"), &actual) {
            failures.push(m);
        }
    }
    assert!(failures.is_empty(), "{}", failures.concat());
}
