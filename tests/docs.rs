//! The CI examples in docs/ are real: the YAML parses, the gwlint commands in
//! it run against corpus/ with the expected exit codes, and docs/ci.md shows
//! each example file verbatim.

use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join("docs/examples").join(name)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// Run a documented shell command with the gwlint under test first on PATH.
fn run_shell(cmd: &str, dir: &Path) -> (i32, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_gwlint"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(cmd)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn ci_md_shows_every_example_verbatim() {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    for name in [
        "github-workflow.yml",
        "gitlab-ci.yml",
        "pre-commit-config.yaml",
        "lint-loop.sh",
    ] {
        let ex = std::fs::read_to_string(root().join("docs/examples").join(name)).unwrap();
        assert!(
            doc.contains(&ex),
            "docs/ci.md does not show docs/examples/{name} as it is"
        );
    }
}

#[test]
fn github_workflow_commands_run_against_the_corpus() {
    let wf = load("github-workflow.yml");
    assert!(!wf["on"]["push"].is_badvalue() && !wf["on"]["pull_request"].is_badvalue());
    let steps = wf["jobs"]["gwlint"]["steps"].as_vec().unwrap();
    let runs: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.starts_with("gwlint "))
        .collect();
    assert_eq!(runs.len(), 2);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("corpus")).unwrap();
    for e in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, tmp.path().join("corpus").join(p.file_name().unwrap())).unwrap();
    }
    let (code, out) = run_shell(runs[0], tmp.path());
    assert_eq!(
        code, 1,
        "the corpus has defects: the annotation step fails the job"
    );
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    let (code, _) = run_shell(runs[1], tmp.path());
    assert_eq!(code, 0, "--exit-zero: the SARIF step always succeeds");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("gwlint.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.contains("upload-sarif"))
        })
        .unwrap();
    assert_eq!(upload["with"]["sarif_file"].as_str(), Some("gwlint.sarif"));
}

#[test]
fn gitlab_job_commands_run_against_the_corpus() {
    let job = load("gitlab-ci.yml");
    let script = job["gwlint"]["script"].as_vec().unwrap();
    let report = job["gwlint"]["artifacts"]["reports"]["codequality"]
        .as_str()
        .unwrap();
    let (code, _) = run_shell(script[0].as_str().unwrap(), &root());
    assert_eq!(code, 0);
    let path = root().join(report);
    let cq: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(cq.as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(run_shell(script[1].as_str().unwrap(), &root()).0, 1);
}

#[test]
fn pre_commit_hooks_parse_and_their_entry_runs() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let hooks = hooks.as_vec().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["gwlint", "gwlint-fix"]);
    let entry = hooks[0]["entry"].as_str().unwrap();
    // pre-commit appends the staged file names to the entry.
    let (code, out) = run_shell(&format!("{entry} corpus/annual-report-clean.txt"), &root());
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out) = run_shell(&format!("{entry} corpus/notice-defects.txt"), &root());
    assert_eq!(code, 1);
    assert!(out.starts_with("corpus/notice-defects.txt:"));
    let user = load("pre-commit-config.yaml");
    assert_eq!(user["repos"][0]["hooks"][0]["id"].as_str(), Some("gwlint"));
}

#[test]
fn shell_loop_lists_drafts_that_need_work() {
    let (code, out) = run_shell("bash docs/examples/lint-loop.sh", &root());
    assert_eq!(code, 1);
    assert!(out.contains("需要修改: corpus/notice-defects.txt"), "{out}");
    assert!(!out.contains("annual-report-clean.txt"), "{out}");
}
