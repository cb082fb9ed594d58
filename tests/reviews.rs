//! Review sets: drafts written for gwlint by a reviewer who planted known
//! defects in some (`d*.txt`) and kept others clean (`c*.txt`), with the
//! defects listed in `planted.tsv` (file, line, column, what, family, the
//! rule expected to find it, the lines a finding may start on).
//!
//! Every planted defect must be found: by a finding of the expected rule
//! that starts in its lines, or by one of the same family that starts on
//! its line within six columns of it. Every clean draft must give no
//! finding at all, with every rule on. A change that loses a finding or
//! adds one on a clean draft fails here, with the defect named.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

struct Finding {
    code: String,
    line: u64,
    column: u64,
}

fn findings(dir: &Path) -> HashMap<String, Vec<Finding>> {
    let out = Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args([
            "check",
            "--isolated",
            "--select",
            "ALL",
            "--output-format",
            "json",
        ])
        .args(["--no-summary", "--exit-zero"])
        .arg(dir)
        .output()
        .expect("gwlint runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let mut by_file: HashMap<String, Vec<Finding>> = HashMap::new();
    for f in json.as_array().expect("an array of findings") {
        let path = Path::new(f["path"].as_str().expect("path"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let start = &f["range"]["start"];
        by_file.entry(name).or_default().push(Finding {
            code: f["code"].as_str().expect("code").to_string(),
            line: start["line"].as_u64().expect("line"),
            column: start["column"].as_u64().expect("column"),
        });
    }
    by_file
}

fn score(set: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let docs = root.join("docs");
    let found = findings(&docs);
    let planted = std::fs::read_to_string(root.join("planted.tsv")).expect("planted.tsv");
    let mut missed = Vec::new();
    let mut rows = 0;
    for row in planted.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        rows += 1;
        let f: Vec<&str> = row.split('\t').collect();
        let [file, line, col, what, family, rule, lines] = f[..] else {
            panic!("a row of seven columns: {row}");
        };
        let (line, col): (u64, u64) = (line.parse().unwrap(), col.parse().unwrap());
        let (lo, hi) = lines.split_once('-').expect("lines as LO-HI");
        let (lo, hi): (u64, u64) = (lo.parse().unwrap(), hi.parse().unwrap());
        let hit = found.get(file).into_iter().flatten().any(|g| {
            (lo..=hi).contains(&g.line)
                && (g.code == rule
                    || g.code.starts_with(family) && g.line == line && g.column.abs_diff(col) <= 6)
        });
        if !hit {
            missed.push(format!("{file}:{line}:{col} [{rule}] {what}"));
        }
    }
    assert!(rows > 0, "no planted defects read");
    let mut noisy = Vec::new();
    for entry in std::fs::read_dir(&docs).expect("docs") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with('c') {
            for g in found.get(&name).into_iter().flatten() {
                noisy.push(format!("{name}:{}:{} {}", g.line, g.column, g.code));
            }
        }
    }
    assert!(
        missed.is_empty() && noisy.is_empty(),
        "{set}: {} of {rows} planted defects missed:\n{}\nfindings on clean drafts:\n{}",
        missed.len(),
        missed.join("\n"),
        noisy.join("\n")
    );
}

#[test]
fn review_43_every_planted_defect_found_and_clean_drafts_silent() {
    score("review43");
}

#[test]
fn review_44_every_planted_defect_found_and_clean_drafts_silent() {
    score("review44");
}
