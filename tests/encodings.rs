//! Files in GB18030 (GBK) and in UTF-16 with a byte-order mark, end to end:
//! their findings are those of the same text in UTF-8 (lines and columns in
//! characters, JSON offsets in bytes of the decoded UTF-8 text), and `--fix`,
//! `--diff` and the `--fix` filter on standard input give the file back in
//! its own encoding, its bytes unchanged outside the edits. What is neither
//! UTF-8, nor GB18030, nor UTF-16 with a mark is refused as before.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn gwlint(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gwlint"));
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GWLINT_TEST", "1")
        .args(["check", "--isolated", "--select", "D001,N001"]);
    c
}

/// A notice: a date that does not exist (D001 at 3:5) and a document number
/// with square brackets (N001 at 3:24, fixed to 〔〕). 石 (GBK `CA AF`, a
/// UTF-8 character by chance) opens it, 𠮷 (four bytes in GB18030, two
/// units in UTF-16) stands before the findings on their line, and the lines
/// end in CRLF.
const BEFORE: &str =
    "石门县统计局关于报送年度报表的通知\r\n各科室：\r\n请𠮷村于2023年2月29日前报送，依据国办发";
const AFTER: &str = "51号文件办理。\r\n";

fn text(brackets: (&str, &str)) -> String {
    format!("{BEFORE}{}2015{}{AFTER}", brackets.0, brackets.1)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Enc {
    Gbk,
    Utf16Le,
    Utf16Be,
}

const ENCODINGS: [Enc; 3] = [Enc::Gbk, Enc::Utf16Le, Enc::Utf16Be];

/// `s` in `enc`, without a mark.
fn bytes(enc: Enc, s: &str) -> Vec<u8> {
    match enc {
        Enc::Gbk => {
            let (b, _, bad) = encoding_rs::GB18030.encode(s);
            assert!(!bad);
            b.into_owned()
        }
        Enc::Utf16Le => s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Enc::Utf16Be => s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

/// The mark a file in `enc` starts with (GBK files have none).
fn mark(enc: Enc) -> &'static [u8] {
    match enc {
        Enc::Gbk => b"",
        Enc::Utf16Le => b"\xFF\xFE",
        Enc::Utf16Be => b"\xFE\xFF",
    }
}

/// The file for `s` in `enc`.
fn file(enc: Enc, s: &str) -> Vec<u8> {
    [mark(enc), &bytes(enc, s)].concat()
}

/// A file's bytes decoded as `enc` (its mark checked and taken off).
fn decode(enc: Enc, b: &[u8]) -> String {
    let body = b.strip_prefix(mark(enc)).expect("the mark is kept");
    let codec = match enc {
        Enc::Gbk => encoding_rs::GB18030,
        Enc::Utf16Le => encoding_rs::UTF_16LE,
        Enc::Utf16Be => encoding_rs::UTF_16BE,
    };
    codec
        .decode_without_bom_handling_and_without_replacement(body)
        .expect("decodes")
        .into_owned()
}

#[test]
fn gbk_and_utf16_files_have_the_findings_of_their_utf8_text() {
    let d = tempfile::tempdir().unwrap();
    let original = text(("[", "]"));
    fs::write(d.path().join("utf8.txt"), &original).unwrap();
    for enc in ENCODINGS {
        fs::write(d.path().join("x.txt"), file(enc, &original)).unwrap();
        let out = gwlint(d.path())
            .args(["--output-format", "concise", "--no-summary", "x.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{enc:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let at: Vec<&str> = stdout
            .lines()
            .map(|l| l.split(' ').next().unwrap())
            .collect();
        assert_eq!(at, ["x.txt:3:5:", "x.txt:3:24:"], "{enc:?}: {stdout}");
        assert!(
            stdout.contains("D001") && stdout.contains("N001"),
            "{stdout}"
        );
        assert!(out.stderr.is_empty(), "{enc:?}");
        // Every finding as in the UTF-8 file, in JSON too (the same
        // offsets: bytes of the decoded UTF-8 text).
        let json = |name: &str| {
            let out = gwlint(d.path())
                .args(["--output-format", "json", name])
                .output()
                .unwrap();
            let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
            for f in v.as_array_mut().unwrap() {
                f["path"] = Value::Null;
            }
            v
        };
        let got = json("x.txt");
        assert_eq!(got, json("utf8.txt"), "{enc:?}");
        let n001 = &got[1]["range"]["start"];
        assert_eq!(n001["offset"].as_u64(), Some(BEFORE.len() as u64));
        assert_eq!(
            (n001["line"].as_u64(), n001["column"].as_u64()),
            (Some(3), Some(24))
        );
    }
}

#[test]
fn fix_writes_the_file_back_in_its_encoding() {
    let d = tempfile::tempdir().unwrap();
    for enc in ENCODINGS {
        let path = d.path().join("x.txt");
        let original = file(enc, &text(("[", "]")));
        fs::write(&path, &original).unwrap();
        let out = gwlint(d.path())
            .args(["--output-format", "concise", "--fix", "x.txt"])
            .output()
            .unwrap();
        // D001 has no fix and is left.
        assert_eq!(out.status.code(), Some(1), "{enc:?}");
        let fixed = fs::read(&path).unwrap();
        assert_eq!(decode(enc, &fixed), text(("〔", "〕")), "{enc:?}");
        // Outside the two edits, the file's own bytes: the mark, the CRLF
        // line ends and every character.
        let head = mark(enc).len() + bytes(enc, BEFORE).len();
        let tail = bytes(enc, AFTER).len();
        let (open, close) = (bytes(enc, "〔"), bytes(enc, "〕"));
        let year = bytes(enc, "2015");
        assert_eq!(fixed[..head], original[..head], "{enc:?}");
        assert_eq!(
            fixed[fixed.len() - tail..],
            original[original.len() - tail..]
        );
        assert_eq!(
            fixed[head..fixed.len() - tail],
            [&open[..], &year, &close].concat()[..],
            "{enc:?}"
        );
        assert_eq!(
            original[head..original.len() - tail],
            [&bytes(enc, "[")[..], &year, &bytes(enc, "]")].concat()[..],
        );
        // Fixed, it is linted again as read: nothing left to fix.
        let again = gwlint(d.path()).args(["--fix", "x.txt"]).output().unwrap();
        assert_eq!(again.status.code(), Some(1));
        assert_eq!(fs::read(&path).unwrap(), fixed, "{enc:?}");
    }
}

/// As a filter, `--fix` writes the fixed text in the encoding it came in.
#[test]
fn fix_on_standard_input_keeps_the_encoding() {
    let d = tempfile::tempdir().unwrap();
    for enc in ENCODINGS {
        let out = gwlint(d.path())
            .args(["--fix", "-"])
            .write_stdin(file(enc, &text(("[", "]"))))
            .output()
            .unwrap();
        assert_eq!(out.stdout, file(enc, &text(("〔", "〕"))), "{enc:?}");
        assert_eq!(out.status.code(), Some(1), "{enc:?}");
    }
}

/// `--diff` shows a GBK file's lines in GBK, as `diff -u` would and as
/// `patch` reads them against the file (the headers, with the path, stay
/// UTF-8). A UTF-16 file's lines cannot be a line-based patch: its diff is
/// refused with the reason, and `--fix` still works on it.
#[test]
fn diff_is_in_the_file_encoding_or_refused() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("通知.txt");
    let original = file(Enc::Gbk, &text(("[", "]")));
    fs::write(&path, &original).unwrap();
    let out = gwlint(d.path())
        .args(["--diff", "通知.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let line = |brackets| {
        let t = text(brackets);
        bytes(Enc::Gbk, t.lines().nth(2).unwrap())
    };
    let expected = [
        "--- a/通知.txt\n+++ b/通知.txt\n@@ -1,3 +1,3 @@\n".as_bytes(),
        &bytes(
            Enc::Gbk,
            " 石门县统计局关于报送年度报表的通知\r\n 各科室：\r\n-",
        ),
        &line(("[", "]")),
        b"\r\n+",
        &line(("〔", "〕")),
        b"\r\n",
    ]
    .concat();
    assert_eq!(
        out.stdout,
        expected,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(fs::read(&path).unwrap(), original);

    for enc in [Enc::Utf16Le, Enc::Utf16Be] {
        let original = file(enc, &text(("[", "]")));
        fs::write(&path, &original).unwrap();
        let out = gwlint(d.path())
            .args(["--diff", "通知.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{enc:?}");
        assert!(out.stdout.is_empty(), "{enc:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("通知.txt: 无法给出修复补丁") && err.contains("UTF-16"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), original);
    }
}

/// What is not UTF-8, not GB18030 and not UTF-16 with a mark is refused as
/// before: exit 2, the file named with the reason, nothing written, the
/// other files linted (and fixed).
#[test]
fn what_is_neither_is_still_refused_and_left_alone() {
    let d = tempfile::tempdir().unwrap();
    // A UTF-8 text with one byte cut from 行 (E8 A1 8C written E8 8C): its
    // bytes pair up as GB18030 characters, but it is damaged UTF-8.
    let mut damaged = "依法行政".as_bytes().to_vec();
    damaged.remove(7);
    damaged.extend_from_slice("见国办发[2015]51号文\n".as_bytes());
    assert!(
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&damaged)
            .is_some()
    );
    let refused: [(&str, Vec<u8>, &str); 4] = [
        (
            "nul.txt",
            b"abc\0def\n".to_vec(),
            "含有 NUL 字节（第 4 字节）",
        ),
        // Latin-1: é and the letter after it decode as a rare GBK
        // character, but this is no Chinese text.
        (
            "latin1.txt",
            b"D\xe9cret [2015]51\n".to_vec(),
            "不是有效的 UTF-8 文本（第 2 字节起无法解码）",
        ),
        (
            "damaged.txt",
            damaged,
            "不是有效的 UTF-8 文本（第 7 字节起无法解码）",
        ),
        // UTF-16 without a mark: its NUL bytes, as before.
        (
            "utf16.txt",
            bytes(Enc::Utf16Le, &text(("[", "]"))),
            // 17 characters, then CR: 0D 00.
            "含有 NUL 字节（第 36 字节）",
        ),
    ];
    fs::write(d.path().join("ok.txt"), text(("[", "]"))).unwrap();
    for (name, b, _) in &refused {
        fs::write(d.path().join(name), b).unwrap();
    }
    let out = gwlint(d.path())
        .args(["--output-format", "concise", "--fix", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for (name, b, reason) in &refused {
        assert!(err.contains(&format!("{name}: {reason}")), "{name}: {err}");
        assert_eq!(&fs::read(d.path().join(name)).unwrap(), b, "{name}");
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("ok.txt:3:5: D001"), "{stdout}");
    assert_eq!(
        fs::read_to_string(d.path().join("ok.txt")).unwrap(),
        text(("〔", "〕"))
    );
}

/// A GB18030 file whose bytes do not all come back from its text (the lone
/// byte 80 reads as €, which GB18030 writes A2 E3) is linted, but no fix is
/// written to it: not to the file, not as a diff, not through the filter,
/// whose output is the input as it came.
#[test]
fn a_gbk_file_that_would_not_come_back_is_linted_but_not_fixed() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("x.txt");
    let mut original = file(Enc::Gbk, &text(("[", "]")));
    original.extend_from_slice(b"\x80\r\n");
    fs::write(&path, &original).unwrap();
    let out = gwlint(d.path())
        .args(["--output-format", "concise", "--fix", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("x.txt:3:5: D001"), "{stdout}");
    assert!(stdout.contains("x.txt:3:24: N001"), "{stdout}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("x.txt: 无法写入修复结果（文件是 GBK（GB18030）编码")
            && err.contains("文件保持原样"),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), original);
    let out = gwlint(d.path()).args(["--diff", "x.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = gwlint(d.path())
        .args(["--fix", "-"])
        .write_stdin(original.clone())
        .output()
        .unwrap();
    assert_eq!(out.stdout, original);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("无法修复（文件是 GBK（GB18030）编码"), "{err}");
}
