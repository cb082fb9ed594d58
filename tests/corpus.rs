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

/// A finding of an `.expected` file: line and family letter.
fn expected_findings(dir: &std::path::Path, file: &str) -> Vec<(usize, char)> {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let text = std::fs::read_to_string(dir.join(format!("{stem}.expected"))).unwrap();
    text.lines()
        .map(|l| {
            // `corpus/NAME:LINE:COL: CODE message`
            let mut parts = l.splitn(4, ':');
            let (_, line, _, rest) = (parts.next(), parts.next(), parts.next(), parts.next());
            let line = line.and_then(|n| n.parse().ok()).unwrap_or(0);
            let family = rest
                .and_then(|r| r.trim_start().chars().next())
                .unwrap_or('?');
            (line, family)
        })
        .collect()
}

/// `corpus/README.md` is the ground truth the `.expected` files were checked
/// against by hand; this holds them to it mechanically, so that a planted
/// defect the linter misses cannot be blessed into an `.expected` file
/// unnoticed (one was, for sixteen sessions, and another for seventeen).
///
/// - Every row of a planted-defects table (`| # | line | col | exact text |
///   family | … |`) has a finding of its family on its line (anywhere in the
///   file when the line is not a number, as for a missing part).
/// - In those files every finding is on the line of a planted defect of its
///   family: nothing unplanned.
/// - A draft whose summary row says "no diagnostics" has none.
#[test]
fn the_readme_ground_truth_holds() {
    let dir = common::root().join("corpus");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let cells = |row: &str| -> Vec<String> {
        row.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let mut planted: Vec<(String, Option<usize>, char)> = Vec::new();
    let mut clean: Vec<String> = Vec::new();
    let mut file: Option<String> = None;
    let mut in_table = false;
    for row in readme.lines() {
        if let Some(h) = row.strip_prefix("## ") {
            file = h.split('`').nth(1).map(str::to_string);
            in_table = false;
            continue;
        }
        if !row.starts_with('|') {
            in_table = false;
            continue;
        }
        let c = cells(row);
        if c.len() >= 6 && c[0] == "#" && c[1] == "line" && c[4] == "family" {
            in_table = true;
            continue;
        }
        // The summary table: `| `name` | bytes | lines | kind | year | expected |`.
        if file.is_none()
            && c.len() == 6
            && c[5] == "no diagnostics"
            && let Some(name) = c[0].strip_prefix('`').and_then(|n| n.strip_suffix('`'))
        {
            clean.push(name.to_string());
        }
        if in_table && let (Some(f), Ok(_)) = (&file, c[0].parse::<usize>()) {
            let family = c[4].chars().next().unwrap();
            planted.push((f.clone(), c[1].parse().ok(), family));
        }
    }
    assert!(
        planted.len() >= 40,
        "{} planted defects read",
        planted.len()
    );
    assert!(clean.len() >= 3, "{clean:?}");
    let mut failures = Vec::new();
    let files: std::collections::BTreeSet<&String> = planted.iter().map(|p| &p.0).collect();
    for f in files {
        let found = expected_findings(&dir, f);
        let rows: Vec<_> = planted.iter().filter(|p| &p.0 == f).collect();
        for (_, line, family) in &rows {
            if !found
                .iter()
                .any(|(l, fam)| fam == family && line.is_none_or(|n| n == *l))
            {
                failures.push(format!(
                    "{f}: planted {family} defect at line {line:?} not found"
                ));
            }
        }
        for (l, fam) in &found {
            if !rows
                .iter()
                .any(|(_, line, family)| family == fam && *line == Some(*l))
            {
                failures.push(format!(
                    "{f}: {fam} finding at line {l} is not a planted defect"
                ));
            }
        }
    }
    for f in &clean {
        let found = expected_findings(&dir, f);
        if !found.is_empty() {
            failures.push(format!("{f}: a clean draft has {} findings", found.len()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
