//! CI integration: every output format, exit codes per format, SARIF schema
//! validation, escaping, baselines, suppressions, `--fix` and `--diff`.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

fn gwlint(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gwlint"));
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

const DRAFT: &str = "第一行\n会议于2023年2月29日召开，印发（国办发[2015]51号）。\n";

fn setup(text: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("草稿.txt"), text).unwrap();
    fs::write(d.path().join("clean.txt"), "无问题。\n").unwrap();
    d
}

fn run(d: &Path, args: &[&str]) -> (i32, String) {
    let out = gwlint(d).arg("check").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn every_format_honours_exit_codes() {
    for f in common::formats() {
        let f = f.as_str();
        let d = setup(DRAFT);
        assert_eq!(
            run(d.path(), &["--output-format", f, "草稿.txt"]).0,
            1,
            "{f} with findings"
        );
        assert_eq!(
            run(d.path(), &["--output-format", f, "clean.txt"]).0,
            0,
            "{f} clean"
        );
        assert_eq!(
            run(d.path(), &["--output-format", f, "--exit-zero", "草稿.txt"]).0,
            0,
            "{f} exit-zero"
        );
        fs::write(d.path().join("gwlint.toml"), "select = [").unwrap();
        assert_eq!(
            run(d.path(), &["--output-format", f, "草稿.txt"]).0,
            2,
            "{f} broken config"
        );
    }
}

#[test]
fn sarif_validates_against_the_schema() {
    let d = setup(DRAFT);
    let (_, out) = run(
        d.path(),
        &[
            "--output-format",
            "sarif",
            "--help-uri",
            "https://example.org/rules/{code}",
            ".",
        ],
    );
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // See tests/data/README.md for the one correction made to the schema.
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let d001 = rules.iter().find(|r| r["id"] == "D001").unwrap();
    assert_eq!(d001["helpUri"], "https://example.org/rules/D001");
    assert_eq!(d001["defaultConfiguration"]["level"], "error");
    assert!(
        d001["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("公历")
    );
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let n001 = results.iter().find(|r| r["ruleId"] == "N001").unwrap();
    let loc = &n001["locations"][0]["physicalLocation"];
    // Non-ASCII path segments are percent-encoded.
    assert_eq!(loc["artifactLocation"]["uri"], "%E8%8D%89%E7%A8%BF.txt");
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(
        loc["region"]["startColumn"],
        // N001 spans the bracketed year and serial, after the organ code.
        "会议于2023年2月29日召开，印发（国办发".chars().count() + 1
    );
    assert_eq!(
        n001["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "〔"
    );
    assert_eq!(
        rules[n001["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "N001"
    );
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("gwlint.toml"),
        "[[custom-rules]]\ncode = \"X001\"\nname = \"pct\"\nmessage = \"100%, 不可: 多行\\n第二行\"\npattern = \"百分百\"\n",
    )
    .unwrap();
    fs::write(d.path().join("a,b:c.txt"), "百分百\n").unwrap();
    let (code, out) = run(d.path(), &["--output-format", "github", "a,b:c.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.trim_end(),
        "::warning file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=4,title=X001 pct::100%25, 不可: 多行%0A第二行"
    );
}

#[test]
fn junit_gitlab_rdjson() {
    let d = setup(DRAFT);
    let (_, junit) = run(d.path(), &["--output-format", "junit", "."]);
    assert!(junit.starts_with("<?xml"));
    assert_eq!(junit.matches("<testcase ").count(), 2, "{junit}");
    assert_eq!(junit.matches("<failure ").count(), 2, "{junit}");
    assert!(
        junit.contains("<testcase name=\"clean.txt\" classname=\"gwlint\" file=\"clean.txt\"/>")
    );

    let (_, gl) = run(d.path(), &["--output-format", "gitlab", "."]);
    let gl: Value = serde_json::from_str(&gl).unwrap();
    let items = gl.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|i| i["severity"] == "major" && i["location"]["path"] == "草稿.txt")
    );
    let (_, again) = run(d.path(), &["--output-format", "gitlab", "."]);
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(
        items[0]["fingerprint"], again[0]["fingerprint"],
        "stable across runs"
    );
    assert_ne!(items[0]["fingerprint"], items[1]["fingerprint"]);

    let (_, rd) = run(d.path(), &["--output-format", "rdjson", "."]);
    let rd: Value = serde_json::from_str(&rd).unwrap();
    let n001 = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"]["value"] == "N001")
        .unwrap()
        .clone();
    // rdjson columns are UTF-8 byte columns.
    let byte_col = "会议于2023年2月29日召开，印发（国办发".len() + 1;
    assert_eq!(
        n001["location"]["range"]["start"]["column"].as_u64(),
        Some(byte_col as u64)
    );
    assert_eq!(n001["suggestions"][0]["text"], "〔");
}

/// A file that cannot be linted is in the JUnit report as a test case in
/// error, in GitHub's annotations as an error on the file and in SARIF's
/// invocation, not only on standard error: a CI page shows why the job
/// failed.
#[test]
fn files_that_cannot_be_linted_are_in_junit_github_and_sarif() {
    let d = setup(DRAFT);
    // Latin-1: neither UTF-8 nor GB18030.
    fs::write(d.path().join("latin1.txt"), b"caf\xe9 au lait\n").unwrap();
    fs::create_dir(d.path().join("broken")).unwrap();
    fs::write(d.path().join("broken/gwlint.toml"), "select = 3\n").unwrap();
    fs::write(d.path().join("broken/x.txt"), DRAFT).unwrap();
    let (code, junit) = run(d.path(), &["--output-format", "junit", "."]);
    assert_eq!(code, 2);
    assert!(
        junit.contains("tests=\"4\" failures=\"1\" errors=\"2\""),
        "{junit}"
    );
    let latin1 = junit.split("<testcase name=\"latin1.txt\"").nth(1).unwrap();
    let latin1 = &latin1[..latin1.find("</testcase>").unwrap()];
    assert!(
        latin1.contains("<error type=\"gwlint\" message=\"不是有效的 UTF-8 文本"),
        "{junit}"
    );
    let broken = junit
        .split("<testcase name=\"broken/x.txt\"")
        .nth(1)
        .unwrap();
    assert!(
        broken
            .trim_start()
            .starts_with("classname=\"gwlint\" file=\"broken/x.txt\">\n      <error"),
        "{junit}"
    );
    assert!(broken.contains("配置错误"), "{junit}");
    let (code, gh) = run(d.path(), &["--output-format", "github", "."]);
    assert_eq!(code, 2);
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=latin1.txt,title=gwlint::不是有效的 UTF-8 文本")),
        "{gh}"
    );
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=broken/x.txt,title=gwlint::")),
        "{gh}"
    );
    // SARIF: the run's invocation is not successful and names both files,
    // and the findings of the files that were linted stand.
    let (code, sarif) = run(d.path(), &["--output-format", "sarif", "."]);
    assert_eq!(code, 2);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let run0 = &sarif["runs"][0];
    assert!(!run0["results"].as_array().unwrap().is_empty());
    let inv = &run0["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    let named: Vec<&str> = notes
        .iter()
        .map(|n| {
            assert_eq!(n["level"], "error");
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(named, ["broken/x.txt", "latin1.txt"]);
    let latin1_note = notes[1]["message"]["text"].as_str().unwrap();
    assert!(
        latin1_note.starts_with("latin1.txt: 不是有效的 UTF-8 文本"),
        "{latin1_note}"
    );
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("配置错误"),
        "{notes:?}"
    );
    // Without such a file, the invocation is successful and lists none.
    fs::remove_file(d.path().join("latin1.txt")).unwrap();
    fs::remove_dir_all(d.path().join("broken")).unwrap();
    let (_, sarif) = run(d.path(), &["--output-format", "sarif", "."]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        sarif["runs"][0]["invocations"],
        json!([{"executionSuccessful": true}])
    );
}

#[test]
fn baseline_round_trip() {
    let d = setup(DRAFT);
    let (code, _) = run(d.path(), &["--write-baseline", "baseline.json", "."]);
    assert_eq!(code, 0);
    let b: Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 2);
    assert_eq!(run(d.path(), &["--baseline", "baseline.json", "."]).0, 0);

    // Editing elsewhere in the file does not resurrect old findings.
    fs::write(
        d.path().join("草稿.txt"),
        format!("新增的开头一段。\n\n{DRAFT}"),
    )
    .unwrap();
    let (code, out) = run(
        d.path(),
        &[
            "--baseline",
            "baseline.json",
            "--output-format",
            "concise",
            ".",
        ],
    );
    assert_eq!((code, out.as_str()), (0, ""));

    // A new defect is one new finding.
    fs::write(
        d.path().join("草稿.txt"),
        format!("新增的开头一段。\n\n{DRAFT}2021年4月31日印发。\n"),
    )
    .unwrap();
    let (code, out) = run(
        d.path(),
        &[
            "--baseline",
            "baseline.json",
            "--output-format",
            "concise",
            ".",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("D001") && out.contains("4月"));

    // Fixing a baselined finding removes it from the baseline on rewrite.
    fs::write(
        d.path().join("草稿.txt"),
        "第一行\n会议于2024年2月29日召开，印发（国办发[2015]51号）。\n",
    )
    .unwrap();
    assert_eq!(
        run(d.path(), &["--write-baseline", "baseline.json", "."]).0,
        0
    );
    let b: Value =
        serde_json::from_str(&fs::read_to_string(d.path().join("baseline.json")).unwrap()).unwrap();
    let codes: Vec<&str> = b["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["N001"]);

    fs::write(d.path().join("bad.json"), "{}").unwrap();
    assert_eq!(run(d.path(), &["--baseline", "bad.json", "."]).0, 2);
}

#[test]
fn suppressions_and_unused_report() {
    let text = "<!-- gwlint-disable-next-line D001 -->\n2023年2月29日开会。\n<!-- gwlint-disable N -->\n印发（国办发[2015]51号）。\n<!-- gwlint-enable -->\n<!-- gwlint-disable-next-line D001 -->\n2024年2月29日开会。\n";
    let d = setup(text);
    fs::write(d.path().join("a.md"), text).unwrap();
    let (code, out) = run(d.path(), &["--output-format", "concise", "a.md"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out) = unused_report(d.path());
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "a.md:6:1: P901 这条 gwlint-disable-next-line 注释没有抑制任何问题，可以删除\n"
    );
    assert_eq!(
        run(d.path(), &["--report-unused-suppressions", "--fix", "a.md"]).0,
        0
    );
    assert!(
        !fs::read_to_string(d.path().join("a.md"))
            .unwrap()
            .contains("2024年2月29日开会。\n<!--")
    );
    let after = fs::read_to_string(d.path().join("a.md")).unwrap();
    assert!(
        after.ends_with("<!-- gwlint-enable -->\n2024年2月29日开会。\n"),
        "{after}"
    );
}

/// `a.md` in `d` linted with the unused suppressions reported, concisely.
fn unused_report(d: &Path) -> (i32, String) {
    run(
        d,
        &[
            "--output-format",
            "concise",
            "--report-unused-suppressions",
            "a.md",
        ],
    )
}

/// `text` as `a.md` in a new directory, linted with no configuration in
/// `format`: the directory (for more runs) and the run's output.
fn lint_md(text: &str, format: &str) -> (tempfile::TempDir, std::process::Output) {
    let d = setup(text);
    fs::write(d.path().join("a.md"), text).unwrap();
    let out = gwlint(d.path())
        .args(["check", "--isolated", "--output-format", format, "a.md"])
        .output()
        .unwrap();
    (d, out)
}

/// A code in a suppression comment that names no rule is a warning on
/// standard error at the comment's place (not a finding: the exit code is
/// that of the findings); a custom rule's code is known; `--quiet` leaves
/// the warning out; P901 says which unused code is unknown.
#[test]
fn unknown_codes_in_suppressions_are_warned_about() {
    let text = "无问题。\n<!-- gwlint-disable-next-line D0O1, D001 -->\n2023年2月29日开会。\n  <!-- gwlint-disable X001 -->\n<!-- gwlint-enable benxian -->\n";
    let (d, out) = lint_md(text, "json");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap(),
        Value::Array(vec![])
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        vec![
            "warning: a.md:2:31: 抑制注释中的“D0O1”不是已知的规则代码或名称，它不抑制任何问题（见 `gwlint rules`）",
            "warning: a.md:4:23: 抑制注释中的“X001”不是已知的规则代码或名称，它不抑制任何问题（见 `gwlint rules`）",
            "warning: a.md:5:20: 抑制注释中的“benxian”不是已知的规则代码或名称，它不抑制任何问题（见 `gwlint rules`）",
        ],
        "{stderr}"
    );
    // With the custom rule configured, X001 and its name are known.
    fs::write(
        d.path().join("gwlint.toml"),
        "[[custom-rules]]\ncode = \"X001\"\nname = \"benxian\"\nmessage = \"不用“{match}”\"\npattern = \"我县\"\n",
    )
    .unwrap();
    let out = gwlint(d.path()).args(["check", "a.md"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("“D0O1”"), "{stderr}");
    let quiet = gwlint(d.path())
        .args(["check", "-q", "a.md"])
        .output()
        .unwrap();
    assert!(
        quiet.stderr.is_empty(),
        "{:?}",
        String::from_utf8(quiet.stderr)
    );
    let (code, out) = unused_report(d.path());
    assert_eq!(code, 1);
    assert!(
        out.starts_with("a.md:2:1: P901 这条 gwlint-disable-next-line 注释中的 D0O1 没有抑制任何问题（D0O1 不是已知的规则代码或名称，见 `gwlint rules`）\n"),
        "{out}"
    );
}

/// A comment that looks like a directive and is none (`gwlint-disable-line`)
/// suppresses nothing (it used to be read as `disable` to the end of the
/// file) and is warned about at its place.
#[test]
fn a_mistyped_directive_suppresses_nothing_and_is_warned_about() {
    let text = "无问题。\n<!-- gwlint-disable-line D001 -->\n2023年2月29日开会。\n<!-- gwlint-disable,D001 -->\n印发（国办发[2015]51号）。\n2023年2月30日开会。\n";
    let (_d, out) = lint_md(text, "concise");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.md:3:1: D001 “2023年2月29日”不是有效日期：2023年2月只有28天（平年），不存在29日\na.md:5:7: N001 发文字号“[2015]51号”的年份应使用六角括号〔〕，这里用的是“[]”\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "warning: a.md:2:6: “gwlint-disable-line”不是抑制注释的写法，这条注释不起作用"
        ),
        "{stderr}"
    );
}

/// Apply a unified diff of one file as `patch` would: hunks of lines ended
/// by LF, `-` lines checked against the text.
fn apply_unified(text: &str, diff: &str) -> String {
    let old: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0;
    let mut lines = diff.split_inclusive('\n').peekable();
    while let Some(l) = lines.next() {
        let Some(h) = l.strip_prefix("@@ -") else {
            continue;
        };
        let start: usize = h.split([',', ' ']).next().unwrap().parse().unwrap();
        while at + 1 < start {
            out.push_str(old[at]);
            at += 1;
        }
        while let Some(l) = lines.next_if(|l| !l.starts_with("@@")) {
            // `\ No newline at end of file` after a line: it has no LF.
            let unterminated = lines.peek().is_some_and(|n| n.starts_with('\\'));
            let no_newline = |line: &str| {
                let mut line = line.to_string();
                if unterminated {
                    line.pop();
                }
                line
            };
            if let Some(r) = l.strip_prefix('-') {
                assert_eq!(no_newline(r), old[at], "{diff}");
                at += 1;
            } else if let Some(r) = l.strip_prefix('+') {
                out.push_str(&no_newline(r));
            } else if let Some(r) = l.strip_prefix(' ') {
                assert_eq!(no_newline(r), old[at], "{diff}");
                out.push_str(old[at]);
                at += 1;
            }
        }
    }
    old[at..].iter().for_each(|l| out.push_str(l));
    out
}

#[test]
fn diff_applies_to_the_file_as_it_is_on_disk() {
    // A BOM is part of the first line, and a lone CR does not end a line
    // for `patch`: the diff applied to the file gives what --fix writes.
    let d = tempfile::tempdir().unwrap();
    for (name, original) in [
        ("bom.txt", "\u{feff}印发（国办发[2015]51号）。\n第二行\n"),
        ("cr.txt", "甲\r乙:丙\n第二行\r\n中文:文字"),
        // CR line ends only: one line for `patch`, ended by no LF.
        ("cr_only.txt", "国办发[2015]51号\r第二行\r"),
    ] {
        fs::write(d.path().join(name), original).unwrap();
        let out = gwlint(d.path())
            .args(["check", "--isolated", "--diff", name])
            .output()
            .unwrap();
        let diff = String::from_utf8(out.stdout).unwrap();
        assert!(diff.contains("@@"), "{diff}");
        let patched = apply_unified(original, &diff);
        gwlint(d.path())
            .args(["check", "--isolated", "--fix", name])
            .output()
            .unwrap();
        let fixed = fs::read_to_string(d.path().join(name)).unwrap();
        assert_ne!(fixed, original, "{name}");
        assert_eq!(patched, fixed, "{name}: {diff}");
    }
}

#[test]
fn fix_keeps_bom_crlf_and_other_bytes_and_is_idempotent() {
    let d = tempfile::tempdir().unwrap();
    let original =
        "\u{feff}第一行\r\n印发（国办发[2015]51号）和（国发【2016】3号）。\r\n2023年2月29日\r\n";
    fs::write(d.path().join("a.txt"), original).unwrap();
    let out = gwlint(d.path())
        .args(["check", "--diff", "a.txt"])
        .output()
        .unwrap();
    let (code, diff) = (out.status.code(), String::from_utf8(out.stdout).unwrap());
    assert_eq!(code, Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("可以自动修复 2 个问题（1 个文件），修复后剩余 1 个"),
        "{err}"
    );
    assert!(
        diff.contains("+印发（国办发〔2015〕51号）和（国发〔2016〕3号）。"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(d.path().join("a.txt")).unwrap(),
        original,
        "--diff writes nothing"
    );
    let out = gwlint(d.path())
        .args(["check", "--fix", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the invalid date remains");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("修复了 2 个问题（1 个文件），剩余 1 个"),
        "{err}"
    );
    let fixed = fs::read_to_string(d.path().join("a.txt")).unwrap();
    assert_eq!(
        fixed,
        original
            .replace("[2015]", "〔2015〕")
            .replace("【2016】", "〔2016〕")
    );
    let (_, diff) = run(d.path(), &["--diff", "a.txt"]);
    assert_eq!(diff, "", "a second run changes nothing");
    assert_eq!(run(d.path(), &["--diff", "a.txt"]).0, 0);
}

#[cfg(unix)]
#[test]
fn fix_reports_a_read_only_file_and_leaves_it() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("ro.txt");
    fs::write(&p, "印发（国办发[2015]51号）。\n").unwrap();
    fs::write(d.path().join("ok.txt"), "印发（国办发[2015]52号）。\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    let out = gwlint(d.path())
        .args(["check", "--fix", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("ro.txt: 无法写入修复结果")
    );
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "印发（国办发[2015]51号）。\n"
    );
    assert!(
        fs::read_to_string(d.path().join("ok.txt"))
            .unwrap()
            .contains("〔2015〕52号"),
        "other files are still fixed"
    );
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let d = tempfile::tempdir().unwrap();
    let out = gwlint(d.path())
        .args(["check", "--fix", "-"])
        .write_stdin("国办发[2015]51号\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "国办发〔2015〕51号\n"
    );
}

/// `--fix` on standard input is a filter: whatever the format, standard
/// output is the fixed text alone (a report wrapped around it or after it,
/// as JSON's brackets or JUnit's XML were, would corrupt the document an
/// editor reads back), with its byte order mark.
#[test]
fn fix_on_stdin_writes_the_text_alone() {
    let d = tempfile::tempdir().unwrap();
    for f in common::formats() {
        let out = gwlint(d.path())
            .args(["check", "--fix", "--output-format", f.as_str(), "-"])
            .write_stdin("\u{feff}国办发[2015]51号\n")
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "\u{feff}国办发〔2015〕51号\n",
            "{f}"
        );
    }
}

/// As a filter, `--fix` never eats the text: input it cannot lint (Latin-1,
/// a bad configuration) comes out as it went in, byte for byte, with exit 2
/// and the reason on standard error.
#[test]
fn fix_on_stdin_passes_through_what_it_cannot_lint() {
    let d = tempfile::tempdir().unwrap();
    // "Décret [2015]51" in Latin-1: neither UTF-8 nor GB18030.
    let latin1: &[u8] = b"D\xe9cret [2015]51\n";
    let out = gwlint(d.path())
        .args(["check", "--fix", "--isolated", "-"])
        .write_stdin(latin1)
        .output()
        .unwrap();
    assert_eq!(out.stdout, latin1);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("不是有效的 UTF-8 文本"), "{stderr}");
    fs::write(d.path().join("gwlint.toml"), "select = [").unwrap();
    let out = gwlint(d.path())
        .args(["check", "--fix", "-"])
        .write_stdin("国办发[2015]51号\n")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "国办发[2015]51号\n");
    assert_eq!(out.status.code(), Some(2));
}

/// A report that cannot be written to standard output because the disk is
/// full fails the run (exit 2, with the reason), in the whole-document
/// formats as in the others: a CI job must not pass on a report cut short.
/// The files were linted, so a baseline asked for is still written.
#[test]
fn a_full_standard_output_fails_the_run_and_keeps_the_baseline() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for f in common::formats() {
        let d = tempfile::tempdir().unwrap();
        let baseline = d.path().join("baseline.json");
        let to_full = |extra: &[&std::ffi::OsStr]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"))
                .current_dir(d.path())
                .args(["check", "--isolated", "--select", "ALL", "--output-format"])
                .arg(f.as_str())
                .args(extra)
                .arg(&corpus)
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            (out.status.code(), stderr)
        };
        let (code, stderr) = to_full(&["--write-baseline".as_ref(), baseline.as_os_str()]);
        assert_eq!(code, Some(2), "{f}: {stderr}");
        assert!(
            stderr.contains("无法写入标准输出：磁盘已满"),
            "{f}: {stderr}"
        );
        assert!(baseline.exists(), "{f}: the baseline is written");
        let (code, stderr) = to_full(&[]);
        assert_eq!(code, Some(2), "{f}: {stderr}");
        assert_eq!(
            stderr.matches("无法写入标准输出").count(),
            1,
            "{f}: {stderr}"
        );
    }
}

/// A reader that stops reading (`gwlint check … | head`) is no failure:
/// the exit code stays that of the findings, and nothing is said of it.
#[test]
fn a_closed_pipe_is_not_a_failure() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(["check", "--isolated", "--select", "ALL", "--no-summary"])
        .arg(&corpus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before anything is read: the report (more than a pipe holds)
    // meets a closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Standard error that cannot be written (a full disk) loses the messages
/// but neither panics nor changes the exit code.
#[test]
fn a_full_standard_error_is_no_panic() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("草稿.txt");
    fs::write(&f, "南府办函〔2017123号\n").unwrap();
    for extra in [&[][..], &["--statistics"][..], &["--fix"][..]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"))
            .args(["check", "--isolated"])
            .args(extra)
            .arg(&f)
            .arg(d.path().join("不存在.txt"))
            .stdout(std::process::Stdio::null())
            .stderr(full.try_clone().unwrap())
            .output()
            .unwrap();
        // The missing file is an error (2), said on the full standard error.
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
    }
}

/// SARIF, GitLab and rdjson are written a file at a time, not as one tree;
/// the text must still be exactly serde_json's pretty form of the document
/// (keys in order, the same indentation and separators), hold every file's
/// findings in path order, and keep fixes, labels and notes.
#[test]
fn streamed_json_reports_are_canonical_and_complete() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let d = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for e in fs::read_dir(&corpus).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            fs::copy(&p, d.path().join(&name)).unwrap();
            names.push(name);
        }
    }
    assert!(names.len() >= 3, "corpus/ has drafts");
    fs::create_dir(d.path().join("empty")).unwrap();
    let (_, json) = run(
        d.path(),
        &[
            "--isolated",
            "--select",
            "ALL",
            "--output-format",
            "json",
            ".",
        ],
    );
    let json: Value = serde_json::from_str(&json).unwrap();
    let by_json: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(by_json.len() > 20, "the corpus has findings");
    for (format, results, path, code) in [
        (
            "sarif",
            "/runs/0/results",
            "/locations/0/physicalLocation/artifactLocation/uri",
            "/ruleId",
        ),
        ("gitlab", "", "/location/path", "/check_name"),
        ("rdjson", "/diagnostics", "/location/path", "/code/value"),
    ] {
        for dir in [".", "empty"] {
            let (_, out) = run(
                d.path(),
                &[
                    "--isolated",
                    "--select",
                    "ALL",
                    "--output-format",
                    format,
                    dir,
                ],
            );
            let mut v: Value =
                serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format} {dir}: {e}"));
            // SARIF's invocation follows the results (the files that could
            // not be linted are known at the end): apart from it, the keys
            // are in order.
            let mut out = out;
            if format == "sarif" {
                let inv = v["runs"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("invocations")
                    .unwrap();
                assert_eq!(inv, json!([{"executionSuccessful": true}]));
                let from = out.find(",\n      \"invocations\": ").unwrap();
                let to = from + out[from..].find(",\n      \"tool\": ").unwrap();
                assert!(out[..from].ends_with(']'), "right after the results");
                out.replace_range(from..to, "");
            }
            assert_eq!(
                out,
                serde_json::to_string_pretty(&v).unwrap() + "\n",
                "{format} {dir}"
            );
            let items = v.pointer(results).unwrap().as_array().unwrap();
            if dir == "empty" {
                assert!(items.is_empty(), "{format}");
                continue;
            }
            let got: Vec<(String, String)> = items
                .iter()
                .map(|i| {
                    (
                        i.pointer(path).unwrap().as_str().unwrap().to_string(),
                        i.pointer(code).unwrap().as_str().unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(got, by_json, "{format}: every finding, in path order");
        }
    }
    let (_, sarif) = run(
        d.path(),
        &[
            "--isolated",
            "--select",
            "ALL",
            "--output-format",
            "sarif",
            ".",
        ],
    );
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let most_edits = results
        .iter()
        .filter_map(|r| r["fixes"][0]["artifactChanges"][0]["replacements"].as_array())
        .map(Vec::len)
        .max();
    assert!(
        most_edits > Some(10),
        "a folded draft's fix has many edits: {most_edits:?}"
    );
    assert!(results.iter().any(|r| {
        r["relatedLocations"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    }));
    assert!(results.iter().any(|r| {
        r["properties"]["notes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    }));
    assert!(results.iter().all(|r| r["ruleIndex"].is_u64()));
}

/// A small file with many findings is written by the printing thread from
/// its findings (its text would take megabytes); a small file with few by
/// the worker. The two must print the same findings the same way: the
/// first three of 10,000 are the three of a three-line copy, byte for byte.
/// (10,000 findings with a fix each are estimated at about 6 MB of text,
/// over the 4 MiB past which the printing thread writes them.)
#[test]
fn a_small_file_of_many_findings_prints_as_a_file_of_few() {
    let line = "2019-2022年规划。\n";
    let many = tempfile::tempdir().unwrap();
    let few = tempfile::tempdir().unwrap();
    fs::write(many.path().join("a.txt"), line.repeat(10_000)).unwrap();
    fs::write(few.path().join("a.txt"), line.repeat(3)).unwrap();
    let args = |f: &'static str| {
        [
            "--isolated",
            "--select",
            "D005",
            "--output-format",
            f,
            "a.txt",
        ]
    };
    // JSON Lines: a finding a line.
    let (code, all) = run(many.path(), &args("json-lines"));
    assert_eq!(code, 1);
    let (_, three) = run(few.path(), &args("json-lines"));
    assert_eq!(all.lines().count(), 10_000);
    assert_eq!(
        all.lines().take(3).collect::<Vec<_>>(),
        three.lines().collect::<Vec<_>>()
    );
    // JSON: the same objects in one array, in line order.
    let (_, all) = run(many.path(), &args("json"));
    let (_, three) = run(few.path(), &args("json"));
    let all: Value = serde_json::from_str(&all).unwrap();
    let three: Value = serde_json::from_str(&three).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 10_000);
    assert_eq!(all[..3], three.as_array().unwrap()[..]);
    assert_eq!(all[9_999]["range"]["start"]["line"], 10_000);
    // SARIF: a whole-document format, joined by the printing thread.
    let (_, all) = run(many.path(), &args("sarif"));
    let (_, three) = run(few.path(), &args("sarif"));
    let all: Value = serde_json::from_str(&all).unwrap();
    let three: Value = serde_json::from_str(&three).unwrap();
    let results = |v: &Value| v["runs"][0]["results"].as_array().unwrap().clone();
    assert_eq!(results(&all).len(), 10_000);
    assert_eq!(results(&all)[..3], results(&three)[..]);
}
