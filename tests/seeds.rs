//! The real documents in `../shared/seeds` (when present): the findings of
//! each family on each seed are recorded in `tests/seeds/<family>/<seed>.expected`
//! and reviewed by hand; a change shows up as a readable diff. Skips when the
//! seeds are absent.

mod common;

#[test]
fn seed_findings_per_family() {
    let seeds = common::root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let engine = common::isolated_engine(None);
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for fam in ["S", "N", "D", "A", "P"] {
        let dir = common::root().join("tests/seeds").join(fam);
        if !dir.is_dir() {
            continue;
        }
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let name = f.file_name().unwrap().to_str().unwrap();
            let r = common::lint_with(&engine, f, &text);
            let mine: Vec<_> = r
                .diagnostics
                .into_iter()
                .filter(|d| d.code().starts_with(fam))
                .collect();
            let actual = common::concise(name, &text, &mine);
            let exp = dir.join(name).with_extension("expected");
            if let Some(m) = common::compare(&exp, &actual) {
                failures.push(m);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.concat());
}
