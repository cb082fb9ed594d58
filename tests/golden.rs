//! Golden files: every output format on the whole corpus, in
//! `tests/golden/corpus.<format>`. Only what varies between machines and runs
//! is normalised (SARIF's source root, JUnit's elapsed time).
//! `GWLINT_BLESS=1 cargo test --test golden` rewrites them: read the diff.

mod common;

use std::process::Command;

fn normalise(format: &str, out: &str) -> String {
    match format {
        "sarif" => {
            let root = format!("file://{}/", common::root().display());
            out.replace(&root, "file:///ROOT/")
        }
        "junit" => {
            let re = regex::Regex::new(r#"time="[0-9.]+""#).unwrap();
            re.replace_all(out, r#"time="0""#).into_owned()
        }
        _ => out.to_string(),
    }
}

#[test]
fn every_format_on_the_corpus() {
    let mut failures = Vec::new();
    for format in common::formats() {
        let format = format.as_str();
        let out = Command::new(env!("CARGO_BIN_EXE_gwlint"))
            .current_dir(common::root())
            .args([
                "check",
                "--isolated",
                "--color",
                "never",
                "--output-format",
                format,
                "corpus/",
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: the corpus has defects"
        );
        let text = normalise(format, &String::from_utf8(out.stdout).unwrap());
        let golden = common::root()
            .join("tests/golden")
            .join(format!("corpus.{format}"));
        if let Some(m) = common::compare(&golden, &text) {
            failures.push(m);
        }
    }
    assert!(failures.is_empty(), "{}", failures.concat());
}
