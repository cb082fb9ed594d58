//! The command line end to end: exit codes, configuration discovery and
//! precedence, select/ignore, severities, custom rules, configuration errors,
//! standard input, sorting, the JSON contract and column counting.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn gwlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gwlint"));
    c.env_remove("NO_COLOR").env("GWLINT_TEST", "1");
    c
}

const BAD_DATE: &str = "2023年2月29日召开会议。\n";
const BAD_DOCNUM: &str = "印发《通知》（国办发[2015]51号）。\n";

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = gwlint()
        .current_dir(dir)
        .args(["check", "--output-format", "concise"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn exit_codes_follow_fail_on() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", "一、总体要求\n坚持依法行政。\n");
    write(d.path(), "bad.txt", BAD_DATE);
    assert_eq!(concise(d.path(), &["clean.txt"]).0, 0);
    assert_eq!(concise(d.path(), &["bad.txt"]).0, 1);
    // D001 is an error: still failing at --fail-on error.
    assert_eq!(concise(d.path(), &["bad.txt", "--fail-on", "error"]).0, 1);
    assert_eq!(concise(d.path(), &["bad.txt", "--exit-zero"]).0, 0);
    // Demoted to info, it no longer fails the default threshold.
    write(d.path(), "gwlint.toml", "[severity]\nD001 = \"info\"\n");
    assert_eq!(concise(d.path(), &["bad.txt"]).0, 0);
    assert_eq!(concise(d.path(), &["bad.txt", "--fail-on", "info"]).0, 1);
}

#[test]
fn unreadable_and_undecodable_files_exit_2_but_others_are_linted() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", BAD_DATE);
    fs::write(d.path().join("b.txt"), [0xE5, 0xB9, 0xB4, 0xC4, 0x41]).unwrap();
    let (code, out, err) = concise(d.path(), &["a.txt", "b.txt", "missing.txt"]);
    assert_eq!(code, 2);
    assert!(out.contains("a.txt:1:1: D001"), "{out}");
    assert!(
        // 年 (three bytes) then C4 41: the fourth byte is the first that
        // cannot be decoded.
        err.contains("b.txt") && err.contains("UTF-8") && err.contains("第 4 字节"),
        "{err}"
    );
    assert!(
        err.contains("missing.txt") && err.contains("不存在"),
        "{err}"
    );
}

#[test]
fn output_is_sorted_and_identical_whatever_the_thread_count() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..12 {
        write(
            d.path(),
            &format!("dir{}/f{i:02}.txt", i % 3),
            &format!("{BAD_DOCNUM}{BAD_DATE}"),
        );
    }
    let (_, one, _) = concise(d.path(), &["--threads", "1"]);
    let (_, two, _) = concise(d.path(), &["--threads", "2"]);
    assert_eq!(one, two);
    let lines: Vec<&str> = one.lines().collect();
    assert_eq!(lines.len(), 24);
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "sorted by path, then position");
    assert!(lines[0].starts_with("dir0/f00.txt:1:"));
}

#[test]
fn walk_honours_gitignore_hidden_and_exclude_but_explicit_files_are_linted() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), ".gitignore", "ignored/\n");
    write(d.path(), "ignored/a.txt", BAD_DATE);
    write(d.path(), ".hidden/a.txt", BAD_DATE);
    write(d.path(), "drafts/old/a.txt", BAD_DATE);
    write(d.path(), "drafts/new/a.txt", BAD_DATE);
    write(d.path(), "notes.rs", BAD_DATE);
    let (_, out, _) = concise(d.path(), &["--exclude", "drafts/old/**"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("drafts/new/a.txt:1:1: D001"));
    let (_, out, _) = concise(d.path(), &["ignored/a.txt", "notes.rs"]);
    assert_eq!(
        out.lines().count(),
        2,
        "explicit paths are always linted: {out}"
    );
}

#[test]
fn stdin_uses_stdin_filename_for_display_and_config() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "sub/gwlint.toml", "ignore = [\"D001\"]\n");
    let out = gwlint()
        .current_dir(d.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "-",
            "--stdin-filename",
            "draft.txt",
        ])
        .write_stdin(BAD_DATE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .split(": ")
            .next()
            .unwrap(),
        "draft.txt:1:1"
    );
    let out = gwlint()
        .current_dir(d.path())
        .args([
            "check",
            "--output-format",
            "concise",
            "-",
            "--stdin-filename",
            "sub/draft.txt",
        ])
        .write_stdin(BAD_DATE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "sub/gwlint.toml ignores D001");
}

#[test]
fn nearest_config_wins_and_config_flag_and_isolated_override() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gwlint.toml", "ignore = [\"D\"]\n");
    write(d.path(), "inner/gwlint.toml", "select = [\"D001\"]\n");
    write(d.path(), "top.txt", &format!("{BAD_DATE}{BAD_DOCNUM}"));
    write(d.path(), "inner/x.txt", &format!("{BAD_DATE}{BAD_DOCNUM}"));
    let (_, out, _) = concise(d.path(), &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("inner/x.txt:1:1: D001"),
        "inner selects only D001: {out}"
    );
    assert!(
        lines[1].starts_with("top.txt:2:") && lines[1].contains("N001"),
        "top ignores D: {out}"
    );
    let (_, out, _) = concise(d.path(), &["--isolated"]);
    assert_eq!(out.lines().count(), 4, "{out}");
    write(d.path(), "other.toml", "select = [\"N\"]\n");
    let (_, out, _) = concise(d.path(), &["--config", "other.toml"]);
    assert_eq!(
        out.lines().filter(|l| l.contains("N001")).count(),
        2,
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn extend_layers_and_command_line_select_ignore() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "base.toml", "select = [\"N001\"]\n");
    write(
        d.path(),
        "gwlint.toml",
        "extend = [\"base.toml\"]\nextend-select = [\"invalid-date\"]\n",
    );
    write(d.path(), "x.txt", &format!("{BAD_DATE}{BAD_DOCNUM}"));
    assert_eq!(concise(d.path(), &[]).1.lines().count(), 2);
    let (_, out, _) = concise(d.path(), &["--ignore", "N"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("D001"));
    let (_, out, _) = concise(d.path(), &["--select", "N001"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("N001"));
}

#[test]
fn more_specific_selector_wins_within_a_layer() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        "select = [\"ALL\"]\nignore = [\"D\"]\nextend-select = [\"D001\"]\n",
    );
    write(d.path(), "x.txt", BAD_DATE);
    assert_eq!(concise(d.path(), &[]).0, 1, "D001 is more specific than D");
    write(
        d.path(),
        "gwlint.toml",
        "select = [\"D\"]\nignore = [\"D001\"]\n",
    );
    assert_eq!(concise(d.path(), &[]).0, 0);
}

#[test]
fn per_file_ignores_and_exclude_from_config() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        "exclude = [\"archive/**\"]\n[per-file-ignores]\n\"legacy/*.txt\" = [\"D001\"]\n",
    );
    write(d.path(), "archive/a.txt", BAD_DATE);
    write(d.path(), "legacy/a.txt", BAD_DATE);
    write(d.path(), "new/a.txt", BAD_DATE);
    let (_, out, _) = concise(d.path(), &[]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "new/a.txt:1:1: D001 “2023年2月29日”不是有效日期：2023年2月只有28天（平年），不存在29日"
        ]
    );
}

#[test]
fn custom_rules_existence_and_substitution() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        r#"
[[custom-rules]]
code = "X001"
name = "benxian"
message = "公文中用“本县”，不用“{match}”"
pattern = "我县"
replacement = "本县"
severity = "error"

[[custom-rules]]
code = "X002"
name = "no-outdated"
message = "“{match}”是过时提法"
pattern = "依法治县办"
exceptions = ["原依法治县办"]
"#,
    );
    write(
        d.path(),
        "x.txt",
        "我县成立依法治县办，原依法治县办撤销。\n",
    );
    let (code, out, _) = concise(d.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "x.txt:1:1: X001 公文中用“本县”，不用“我县”",
            "x.txt:1:5: X002 “依法治县办”是过时提法"
        ]
    );
    let listed = gwlint()
        .current_dir(d.path())
        .arg("rules")
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.contains("X001  benxian"), "{listed}");
    gwlint()
        .current_dir(d.path())
        .args(["rule", "X001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("我县").and(predicate::str::contains("本县")));
}

/// A pattern without anchors is searched over the whole text and only the
/// lines where a match may start are searched on their own; an anchored one
/// is searched line by line. Either way the findings are those of a search
/// of every line's trimmed content: line anchors match at every line (CRLF
/// too), also on an indented line (whose content starts after its spaces,
/// where a whole-text `^` would not match), and a match the whole-text
/// search starts on an earlier line (`\s*` taking the line break) is still
/// found on the line that holds it. Large and small documents agree.
#[test]
fn custom_rules_on_large_documents_match_like_on_small_ones() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        r#"
[[custom-rules]]
code = "X001"
name = "bare-attachment"
message = "附件行“{match}”缺少名称"
pattern = "^附件[0-9]*$"

[[custom-rules]]
code = "X002"
name = "doc-start"
message = "文首不应是“{match}”"
pattern = "\\A草稿"

[[custom-rules]]
code = "X003"
name = "bare-attachment-flagged"
message = "附件行“{match}”缺少名称"
pattern = "(?-m)^附件[0-9]*$"

[[custom-rules]]
code = "X004"
name = "attachment-anywhere"
message = "附件“{match}”"
pattern = "\\s*附件[0-9]"
"#,
    );
    let filler = "依法全面履行政府职能，深化行政审批制度改革。\r\n".repeat(1200);
    assert!(filler.len() > 32 * 1024);
    let big = format!("草稿\r\n{filler}附件2\r\n　　附件3\r\n{filler}");
    write(d.path(), "big.txt", &big);
    write(
        d.path(),
        "small.txt",
        "草稿\r\n正文。\r\n附件2\r\n　　附件3\r\n",
    );
    write(d.path(), "clean.txt", &filler);
    // The only attachment line is indented.
    write(
        d.path(),
        "indented.txt",
        &format!("{filler}　　附件3\r\n{filler}"),
    );
    let (code, out, _) = concise(d.path(), &["--select", "X"]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "big.txt:1:1: X002 文首不应是“草稿”",
            "big.txt:1202:1: X001 附件行“附件2”缺少名称",
            "big.txt:1202:1: X003 附件行“附件2”缺少名称",
            "big.txt:1202:1: X004 附件“附件2”",
            "big.txt:1203:3: X001 附件行“附件3”缺少名称",
            "big.txt:1203:3: X003 附件行“附件3”缺少名称",
            "big.txt:1203:3: X004 附件“附件3”",
            "indented.txt:1201:3: X001 附件行“附件3”缺少名称",
            "indented.txt:1201:3: X003 附件行“附件3”缺少名称",
            "indented.txt:1201:3: X004 附件“附件3”",
            "small.txt:1:1: X002 文首不应是“草稿”",
            "small.txt:3:1: X001 附件行“附件2”缺少名称",
            "small.txt:3:1: X003 附件行“附件2”缺少名称",
            "small.txt:3:1: X004 附件“附件2”",
            "small.txt:4:3: X001 附件行“附件3”缺少名称",
            "small.txt:4:3: X003 附件行“附件3”缺少名称",
            "small.txt:4:3: X004 附件“附件3”",
        ]
    );
}

/// Every configuration error is located (file:line:column) and exits 2.
#[test]
fn config_errors_are_located_and_exit_2() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "select = [\"D001\"\n",
            "gwlint.toml:1:17",
            "数组的方括号没有闭合",
        ),
        (
            "selcet = [\"D001\"]\n",
            "gwlint.toml:1:1",
            "是不是 `select`？",
        ),
        (
            "select = [\"Q999\"]\n",
            "gwlint.toml:1:11",
            "没有代码或名称为“Q999”的规则",
        ),
        (
            "[severity]\nD001 = \"fatal\"\n",
            "gwlint.toml:2:8",
            "不认识的级别“fatal”",
        ),
        (
            "[rules.D001]\nfoo = 1\n",
            "gwlint.toml:",
            "D001 的选项有误：不认识的配置项 `foo`",
        ),
        ("[rules.ZZZ]\n", "gwlint.toml:1:8", "“ZZZ”不是规则"),
        (
            "[[custom-rules]]\ncode = \"X001\"\nname = \"a\"\nmessage = \"m\"\npattern = \"(unclosed\"\n",
            "gwlint.toml:5:11",
            "正则表达式有误：圆括号没有闭合",
        ),
        (
            "[[custom-rules]]\ncode = \"P900\"\nname = \"a\"\nmessage = \"m\"\npattern = \"x\"\n",
            "gwlint.toml:2:8",
            "应属于 X 类",
        ),
        (
            "[per-file-ignores]\n\"a/[\" = [\"D\"]\n",
            "gwlint.toml:2:1",
            "通配符写法有误",
        ),
        (
            "profile = \"budget\"\n",
            "gwlint.toml:1:11",
            "没有名为“budget”的文档类型",
        ),
        ("extend = [\"nope.toml\"]\n", "gwlint.toml:1:11", "无法读取"),
        ("report-year = 20\n", "gwlint.toml:1:15", "不像是年份"),
    ];
    for (toml, located, words) in cases {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "gwlint.toml", toml);
        write(d.path(), "x.txt", BAD_DATE);
        let out = gwlint()
            .current_dir(d.path())
            .args(["check", "x.txt"])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{toml}: {err}");
        assert!(err.contains(located), "{toml}: expected {located} in {err}");
        assert!(err.contains(words), "{toml}: expected {words} in {err}");
        assert!(
            out.stdout.is_empty(),
            "nothing linted under a broken config"
        );
    }
}

#[test]
fn broken_config_spares_files_it_does_not_govern() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "bad/gwlint.toml", "select = 3\n");
    write(d.path(), "bad/x.txt", BAD_DATE);
    write(d.path(), "good/x.txt", BAD_DATE);
    let (code, out, err) = concise(d.path(), &[]);
    assert_eq!(code, 2);
    assert!(out.starts_with("good/x.txt:1:1: D001"), "{out}");
    assert_eq!(err.matches("配置错误").count(), 1, "reported once: {err}");
}

/// Whatever stands where a `gwlint.toml` is looked for is that directory's
/// configuration: a directory or a broken link there is an error (exit 2),
/// not passed over for the configuration above it or for none.
#[test]
fn a_config_that_is_not_a_file_is_an_error_not_skipped() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "gwlint.toml", "ignore = [\"D001\"]\n");
    write(d.path(), "dir/x.txt", BAD_DATE);
    fs::create_dir(d.path().join("dir/gwlint.toml")).unwrap();
    let (code, out, err) = concise(d.path(), &["dir"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("gwlint.toml") && err.contains("这是一个目录"),
        "{err}"
    );
    #[cfg(unix)]
    {
        write(d.path(), "link/x.txt", BAD_DATE);
        std::os::unix::fs::symlink(
            d.path().join("moved.toml"),
            d.path().join("link/gwlint.toml"),
        )
        .unwrap();
        let (code, out, err) = concise(d.path(), &["link"]);
        assert_eq!(code, 2, "{out}");
        assert!(err.contains("文件不存在"), "{err}");
    }
}

/// A run that finds nothing to lint says so (a mistyped path or an
/// over-wide exclude), without failing; `--quiet` leaves it out.
#[test]
fn nothing_to_lint_is_a_warning() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "drafts/notes.docx", "x");
    let (code, out, err) = concise(d.path(), &["drafts"]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(
        err.starts_with("warning: 给定路径下没有要检查的文件（扩展名为 .txt、.md、.markdown"),
        "{err}"
    );
    let (code, _, err) = concise(d.path(), &["--quiet", "drafts"]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn json_matches_the_contract() {
    let d = tempfile::tempdir().unwrap();
    // An astral character (𠮷, 4 bytes) before the finding on the same line.
    write(d.path(), "x.txt", "第一行\n𠮷印发（国办发[2015]51号）\n");
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--output-format", "json", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v.as_array().unwrap()[0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "code", "name", "severity", "message", "path", "range", "labels", "notes", "fix",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(f["code"], "N001");
    assert_eq!(f["name"], "docnum-brackets");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "x.txt");
    let start = &f["range"]["start"];
    // Line 2: 𠮷 印 发 （ 国 办 发 → the bracketed part starts at column 8.
    assert_eq!(
        (start["line"].as_u64(), start["column"].as_u64()),
        (Some(2), Some(8))
    );
    let offset = "第一行\n𠮷印发（国办发".len() as u64;
    assert_eq!(start["offset"].as_u64(), Some(offset));
    assert_eq!(
        f["range"]["end"]["column"].as_u64(),
        Some(8 + "[2015]".chars().count() as u64),
        "the span covers the bracketed year"
    );
    assert_eq!(f["fix"]["applicability"], "safe");
    let edits = f["fix"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[0]["replacement"], "〔");
    assert_eq!(edits[0]["range"]["start"]["column"].as_u64(), Some(8));

    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--output-format", "json-lines", "x.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(&line, f);
    // A clean run is still a valid JSON array.
    write(d.path(), "clean.txt", "无问题。\n");
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--output-format", "json", "clean.txt"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn full_output_underlines_under_chinese_and_honours_color() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x.txt", "会议于2023年2月29日召开。\n");
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "x.txt", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[D001]"), "{text}");
    assert!(text.contains("x.txt:1:4"), "{text}");
    // 会议于 is three wide characters: the caret starts after six columns.
    let src = text.lines().find(|l| l.contains("会议于")).unwrap();
    let caret = text.lines().find(|l| l.contains('^')).unwrap();
    let gutter = src.find("会议于").unwrap();
    assert_eq!(caret.find('^').unwrap(), gutter + 6, "{text}");
    assert_eq!(
        caret.matches('^').count(),
        "2023年2月29日"
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    );
    assert!(!text.contains('\u{1b}'), "no colour when asked for none");
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "x.txt", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn full_output_counts_lines_as_every_format_does() {
    // A lone CR ends a line, as LF and CRLF do: the finding is on line 3 in
    // the snippet's header and gutter as in the concise form.
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x.txt", "甲\r乙\r\n会议于2023年2月29日召开。\n");
    let run = |format: &str| {
        let out = gwlint()
            .current_dir(d.path())
            .args([
                "check",
                "x.txt",
                "--color",
                "never",
                "--output-format",
                format,
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run("concise").starts_with("x.txt:3:4: D001"));
    let full = run("full");
    assert!(full.contains("x.txt:3:4"), "{full}");
    let src = full.lines().find(|l| l.contains("会议于")).unwrap();
    assert!(src.trim_start().starts_with("3 │"), "{full}");
    assert!(!full.contains('\r'), "{full:?}");
}

#[test]
fn a_fix_that_cannot_be_written_leaves_the_file_and_reports_its_findings() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "ro.txt", BAD_DOCNUM);
    write(d.path(), "ok.txt", BAD_DOCNUM);
    let ro = d.path().join("ro.txt");
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms).unwrap();
    let (code, out, err) = concise(d.path(), &["--fix", "ro.txt", "ok.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ro.txt") && err.contains("只读"), "{err}");
    // The unwritten file keeps its text, and its finding is reported as
    // not fixed; the other file is fixed.
    assert_eq!(fs::read_to_string(&ro).unwrap(), BAD_DOCNUM);
    assert!(out.contains("ro.txt:1:") && out.contains("N001"), "{out}");
    assert!(!out.contains("ok.txt"), "{out}");
    assert!(
        fs::read_to_string(d.path().join("ok.txt"))
            .unwrap()
            .contains("〔2015〕")
    );
    assert!(err.contains("检查了 2 个文件"), "{err}");
}

#[test]
fn summary_and_statistics() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "x.txt",
        &format!("{BAD_DATE}{BAD_DOCNUM}{BAD_DOCNUM}"),
    );
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--statistics"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = stdout.lines().collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("2  N001  [*] docnum-brackets"), "{stdout}");
    assert!(rows[1].contains("1  D001      invalid-date"), "{stdout}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("检查了 1 个文件，发现 3 个问题（错误 3，警告 0，提示 0）"),
        "{err}"
    );
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--quiet", "--output-format", "concise"])
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
    // A rule whose fixes all need --unsafe-fixes is fixable only with it,
    // as --fix would fix it.
    write(d.path(), "y.txt", "20171026日，召开常务会议。\n");
    for (flags, mark) in [(&[][..], "   "), (&["--unsafe-fixes"][..], "[*]")] {
        let out = gwlint()
            .current_dir(d.path())
            .args(["check", "--isolated", "--select", "D002", "--statistics"])
            .args(flags)
            .arg("y.txt")
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            stdout,
            format!("1  D002  {mark} malformed-date\n"),
            "{flags:?}"
        );
    }
}

#[test]
fn rules_rule_and_config_commands() {
    let out = gwlint().arg("rules").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("D001  invalid-date"), "{text}");
    assert!(text.contains("N001  docnum-brackets"), "{text}");
    gwlint().args(["rule", "D001"]).assert().success().stdout(
        predicate::str::contains("## 检查什么").and(predicate::str::contains("GB/T 9704-2012")),
    );
    gwlint().args(["rule", "invalid-date"]).assert().success();
    gwlint().args(["rule", "Q123"]).assert().code(2);

    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        "ignore = [\"N001\"]\n[severity]\nD001 = \"warning\"\n",
    );
    write(
        d.path(),
        "r.txt",
        "某县人民政府关于2024年度法治政府建设情况的报告\n\n2024年，我县坚持依法行政。现将有关情况报告如下：\n",
    );
    let out = gwlint()
        .current_dir(d.path())
        .args(["config", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("profile = \"annual-report\"  # detected"),
        "{text}"
    );
    assert!(text.contains("report-year = 2024"), "{text}");
    assert!(text.contains("builtin:annual-report"), "{text}");
    let n001 = text.split("[rules.N001]").nth(1).unwrap();
    assert!(
        n001.lines().nth(1).unwrap().contains("enabled = false") && n001.contains("gwlint.toml"),
        "{text}"
    );
    let d001 = text.split("[rules.D001]").nth(1).unwrap();
    assert!(
        d001.contains("severity = \"warning\"") && d001.contains("gwlint.toml"),
        "{text}"
    );
    // A file not written yet: what will apply to it, said to be so; a path
    // in no directory is an error.
    let out = gwlint()
        .current_dir(d.path())
        .args(["config", "new.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("new.txt 还不存在"));
    let out = gwlint()
        .current_dir(d.path())
        .args(["config", "nodir/new.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    gwlint()
        .args(["check", "--output-format", "xml"])
        .assert()
        .code(2);
    gwlint().args(["frobnicate"]).assert().code(2);
    gwlint().args(["check", "--threads", "0"]).assert().code(2);
    // Thousands of threads only cost (2,000 took 45 s on one small file).
    gwlint()
        .args(["check", "--threads", "257"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threads 应在 1 到 256 之间"));
}

#[test]
fn a_rule_that_reports_nothing_after_a_full_chunk_of_findings_claims_none_of_them() {
    // 1,024 findings of P403 fill the engine's first chunk exactly; P404
    // then runs and reports nothing. Its code must not reach them.
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", &"他们做出决定。\n".repeat(1024));
    let (code, out, _) = concise(d.path(), &["--isolated", "--select", "P403,P404", "a.txt"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1024);
    assert!(lines.iter().all(|l| l.contains(": P403 ")), "{}", lines[0]);
}

/// A numeral run can overlap a rate written in words (五百分之五: 五百 and
/// 百分之五); the rate rules once sliced the text between the two and
/// crashed, and the file was reported as an internal error.
#[test]
fn overlapping_numerals_are_no_internal_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", "百分之五百分之五\n");
    write(
        d.path(),
        "b.txt",
        "占总数的五百分之五。\n收入增长了五百分之五，增长了三成。\n",
    );
    gwlint()
        .current_dir(d.path())
        .args(["check", "--isolated", "--select", "ALL", "a.txt", "b.txt"])
        .assert()
        .code(predicate::in_iter([0, 1]))
        .stderr(predicate::str::contains("内部错误").not());
}

/// `--fix` through a symbolic link fixes the file it names and keeps the
/// link; a file with another hard link is not replaced (that would split
/// the links) and the run says so and exits 2.
#[cfg(unix)]
#[test]
fn fix_keeps_links() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "target.txt", BAD_DOCNUM);
    std::os::unix::fs::symlink("target.txt", d.path().join("link.txt")).unwrap();
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--isolated", "--fix", "link.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let link = d.path().join("link.txt");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let fixed = fs::read_to_string(d.path().join("target.txt")).unwrap();
    assert!(fixed.contains("国办发〔2015〕51号"), "{fixed}");

    write(d.path(), "h1.txt", BAD_DOCNUM);
    fs::hard_link(d.path().join("h1.txt"), d.path().join("h2.txt")).unwrap();
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--isolated", "--fix", "h1.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("h1.txt: 无法写入修复结果（文件另有 1 个硬链接"),
        "{err}"
    );
    for h in ["h1.txt", "h2.txt"] {
        assert_eq!(fs::read_to_string(d.path().join(h)).unwrap(), BAD_DOCNUM);
    }
}

/// A fix that brings back what it fixes (a replacement that matches its own
/// pattern) does not settle: nothing is written (the file would double at
/// every pass), the run says so and exits 2; on standard input the text
/// comes back as it was.
#[test]
fn fixes_that_do_not_settle_write_nothing() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "gwlint.toml",
        "[[custom-rules]]\ncode = \"X001\"\nname = \"grow\"\nmessage = \"m\"\npattern = \"本县\"\nreplacement = \"本县本县\"\n",
    );
    let text = "本县开展工作。\n";
    write(d.path(), "a.txt", text);
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--fix", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a.txt: 修复经过 10 轮仍未稳定"), "{err}");
    assert_eq!(fs::read_to_string(d.path().join("a.txt")).unwrap(), text);
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--fix", "-", "--stdin-filename", "b.txt"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

/// One file named several ways is linted (and fixed) once; a path that
/// cannot be read counts as a file that could not be checked; a bad
/// `--exclude` stops the run before any file is fixed.
#[test]
fn paths_named_twice_missing_or_excluded_badly() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.txt", BAD_DOCNUM);
    let abs = d.path().join("a.txt").to_string_lossy().into_owned();
    let out = gwlint()
        .current_dir(d.path())
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "a.txt",
            "./a.txt",
            &abs,
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--isolated", "nope.txt", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("检查了 1 个文件"), "{err}");
    assert!(err.contains("1 个文件无法检查"), "{err}");
    let out = gwlint()
        .current_dir(d.path())
        .args(["check", "--isolated", "--fix", ".", "--exclude", "x["])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--exclude \"x[\" 不是有效的 glob"), "{err}");
    assert_eq!(
        fs::read_to_string(d.path().join("a.txt")).unwrap(),
        BAD_DOCNUM
    );
}
