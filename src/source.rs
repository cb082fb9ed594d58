//! Source stage: bytes from disk or standard input, decoded to UTF-8 text.
//!
//! Three encodings are read, each only when it is certain:
//!
//! * UTF-8, with or without a byte-order mark: the common case, validated in
//!   place and never copied.
//! * UTF-16 with a byte-order mark (`FF FE` little-endian, `FE FF`
//!   big-endian), what Notepad saves as "Unicode": the mark says which. UTF-16
//!   without a mark is refused (its NUL bytes read as a binary file).
//! * GB18030 (GBK is its two-byte part), what WPS and Notepad on Chinese
//!   Windows save as "ANSI": tried only when the bytes are not UTF-8, and
//!   decided on the whole file (see `gb18030` below): it decodes as GB18030
//!   with nothing replaced, holds Chinese characters, most of its two-byte
//!   characters lie in GB2312's part, and it reads far worse as UTF-8 than as
//!   GB18030 (a UTF-8 file with a damaged byte, whose other Chinese characters
//!   are good UTF-8, stays refused). A UTF-8 mark says UTF-8: GB18030 is not
//!   tried after one.
//!
//! Anything else is refused with the place where decoding failed; nothing is
//! replaced silently. A UTF-8 file costs what it cost before: the other
//! decoders run only after UTF-8 validation fails or a UTF-16 mark is seen.
//!
//! The rules read the decoded text: lines and columns count its characters,
//! and offsets (JSON's `offset`, fix edits) are bytes of the decoded UTF-8
//! text, whatever the file's encoding. The [`Encoding`] is remembered so that
//! a fix or a diff is written in it: [`Encoding::encode`] gives back the file's
//! own bytes, unchanged outside the edits, or `None` when it cannot (a GB18030
//! file whose bytes do not come back from its text), and then nothing is
//! written.
//!
//! The decoded text keeps the file's own line endings so that byte offsets,
//! fixes and diffs refer to the file as it is; the line model in
//! [`crate::document`] treats `\r\n`, `\r` and `\n` alike. A byte-order mark
//! is removed from the text and remembered so a fix can write it back.

use std::fmt;
use std::path::{Path, PathBuf};

/// A decoded document ready to be linted.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given or found (used for config lookup and output).
    pub path: PathBuf,
    /// Decoded text without the BOM.
    pub text: String,
    /// The encoding the file was read in (and its byte-order mark).
    pub encoding: Encoding,
}

/// The encoding a text was read in, with its byte-order mark, so that a fix
/// is written back in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; `bom`: the file started with `EF BB BF`.
    Utf8 { bom: bool },
    /// GB18030 (or GBK, its two-byte part). `bom`: the file started with
    /// GB18030's mark `84 31 95 33`. `exact`: encoding the text gives the
    /// file's bytes back (GB18030-2022 decodes a few characters from two byte
    /// sequences, and a fix could then change bytes it does not edit).
    Gb18030 { bom: bool, exact: bool },
    /// UTF-16 little-endian, with the mark `FF FE`.
    Utf16Le,
    /// UTF-16 big-endian, with the mark `FE FF`.
    Utf16Be,
}

/// GB18030's byte-order mark: U+FEFF encoded.
const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

impl Encoding {
    /// The name said in messages (a Latin name, then a space before the
    /// Chinese, except after GBK's full-width bracket).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 { .. } => "UTF-8",
            Encoding::Gb18030 { .. } => "GBK（GB18030）",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Whether the file started with a byte-order mark (always, for UTF-16).
    pub fn bom(self) -> bool {
        match self {
            Encoding::Utf8 { bom } | Encoding::Gb18030 { bom, .. } => bom,
            Encoding::Utf16Le | Encoding::Utf16Be => true,
        }
    }

    /// The file's bytes for `text` (read without its mark): the mark, then
    /// the text in this encoding. `None` when this encoding cannot give the
    /// file's bytes back ([`Encoding::Gb18030`] not `exact`).
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Utf8 { bom } => {
                let mut out = Vec::with_capacity(text.len() + 3);
                if bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                out.extend_from_slice(text.as_bytes());
                Some(out)
            }
            Encoding::Gb18030 { bom, exact } => {
                if !exact {
                    return None;
                }
                let mut out = Vec::with_capacity(text.len() + 4);
                if bom {
                    out.extend_from_slice(GB18030_BOM);
                }
                self.encode_line(text, &mut out)?;
                Some(out)
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut out = Vec::with_capacity(text.len() + 2);
                // The mark is U+FEFF in the file's byte order.
                let units = std::iter::once(0xFEFF).chain(text.encode_utf16());
                if self == Encoding::Utf16Le {
                    units.for_each(|u| out.extend_from_slice(&u.to_le_bytes()));
                } else {
                    units.for_each(|u| out.extend_from_slice(&u.to_be_bytes()));
                }
                Some(out)
            }
        }
    }

    /// Append `text` (a part of a text, no mark) to `out` in this encoding,
    /// for a diff, which shows lines in the file's bytes. `None` when this
    /// encoding cannot: UTF-16, whose lines a line-based patch cannot read,
    /// and a GB18030 text that is not `exact`.
    pub fn encode_line(self, text: &str, out: &mut Vec<u8>) -> Option<()> {
        match self {
            Encoding::Utf8 { .. } => out.extend_from_slice(text.as_bytes()),
            Encoding::Gb18030 { exact: true, .. } => {
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
                // GB18030 encodes every character; nothing is ever replaced.
                if unmappable {
                    return None;
                }
                out.extend_from_slice(&bytes);
            }
            Encoding::Gb18030 { exact: false, .. } | Encoding::Utf16Le | Encoding::Utf16Be => {
                return None;
            }
        }
        Some(())
    }

    /// Whether `bytes` are the file `text` was read from in this encoding
    /// (to tell that a file did not change since it was read).
    pub fn read_from(self, bytes: &[u8], text: &str) -> bool {
        match self {
            Encoding::Utf8 { bom } => {
                let body = if bom {
                    bytes.strip_prefix(b"\xEF\xBB\xBF")
                } else {
                    Some(bytes)
                };
                body == Some(text.as_bytes())
            }
            _ => self.encode(text).is_some_and(|b| b == bytes),
        }
    }
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    Io(String),
    /// Not UTF-8 from `offset` on, and not GB18030 either.
    InvalidUtf8 {
        offset: usize,
    },
    Binary {
        offset: usize,
    },
    /// A UTF-16 mark, and no UTF-16 from `offset` on (a lone surrogate, or
    /// an odd byte at the end).
    Utf16 {
        offset: usize,
    },
    /// The text is [`MAX_TEXT_LEN`] bytes or more.
    TooLarge {
        len: usize,
    },
}

/// Texts must be shorter than 4 GiB: offsets, lines and columns are then
/// `u32`, which halves the memory that positions take on large files.
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(e) => write!(f, "无法读取：{e}"),
            SourceError::InvalidUtf8 { offset } => {
                // Counted from one, as a reader counts: the first byte is 第 1.
                write!(
                    f,
                    "不是有效的 UTF-8 文本（第 {} 字节起无法解码）；请另存为 UTF-8",
                    offset + 1
                )
            }
            SourceError::Binary { offset } => {
                write!(
                    f,
                    "含有 NUL 字节（第 {} 字节），像是二进制文件而不是文本",
                    offset + 1
                )
            }
            SourceError::Utf16 { offset } => {
                write!(
                    f,
                    "以 UTF-16 字节序标记开头，但第 {} 字节起不是有效的 UTF-16（孤立的代理项或末尾多出一个字节）；请检查文件是否完整，或另存为 UTF-8",
                    offset + 1
                )
            }
            SourceError::TooLarge { len } => {
                write!(f, "有 {len} 字节，超过 4 GiB；gwlint 只读小于 4 GiB 的文件")
            }
        }
    }
}

/// Decode raw bytes: UTF-8 with or without BOM, UTF-16 with a BOM, or
/// GB18030 (see the module's documentation). Anything else is an error that
/// says where decoding failed; nothing is replaced silently.
///
/// Takes the bytes by value so that valid UTF-8 becomes the text without a
/// copy (a file is held once, not twice). Validation uses `simdutf8`, which is
/// several times faster than `std::str::from_utf8` on Chinese text; only when
/// it fails does `std` find the offset to report, and GB18030 is tried.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, Encoding), SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return decode_utf16(&bytes, Encoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(&bytes, Encoding::Utf16Be);
    }
    if bytes.len() >= MAX_TEXT_LEN {
        return Err(SourceError::TooLarge { len: bytes.len() });
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let skip = if bom { 3 } else { 0 };
    let body = &bytes[skip..];
    if let Some(pos) = memchr::memchr(0, body) {
        return Err(SourceError::Binary { offset: pos + skip });
    }
    if simdutf8::basic::from_utf8(body).is_err() {
        let valid = std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), |s| s.len());
        // A UTF-8 mark says the file is UTF-8: a bad byte in it is damage.
        if !bom && let Some(decoded) = gb18030(body, valid) {
            return decoded;
        }
        return Err(SourceError::InvalidUtf8 {
            offset: valid + skip,
        });
    }
    bytes.drain(..skip);
    // SAFETY: `bytes` (after the BOM, which `drain` removed) was validated as
    // UTF-8 by `simdutf8` just above.
    Ok((
        unsafe { String::from_utf8_unchecked(bytes) },
        Encoding::Utf8 { bom },
    ))
}

/// `bytes` (mark included) decoded as UTF-16 in `encoding`'s byte order.
fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Result<(String, Encoding), SourceError> {
    let codec = if encoding == Encoding::Utf16Le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let body = &bytes[2..];
    let Some(text) = codec.decode_without_bom_handling_and_without_replacement(body) else {
        // Where it fails, for the message: the first unit that is not part
        // of a character, or the odd byte at the end.
        let unit = |c: &[u8]| {
            let pair = [c[0], c[1]];
            if encoding == Encoding::Utf16Le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        };
        let mut at = 0;
        for c in char::decode_utf16(body.chunks_exact(2).map(unit)) {
            match c {
                Ok(c) => at += 2 * c.len_utf16(),
                Err(_) => break,
            }
        }
        return Err(SourceError::Utf16 { offset: 2 + at });
    };
    if text.len() >= MAX_TEXT_LEN {
        return Err(SourceError::TooLarge { len: text.len() });
    }
    if let Some(pos) = memchr::memchr(0, text.as_bytes()) {
        let units = text[..pos].encode_utf16().count();
        return Err(SourceError::Binary {
            offset: 2 + 2 * units,
        });
    }
    Ok((text.into_owned(), encoding))
}

/// `body`, which is not UTF-8 from byte `valid` on, decoded as GB18030, when
/// the whole of it is GB18030:
///
/// * it decodes with nothing replaced, and holds Chinese characters;
/// * most of its two-byte characters are in GB2312's part (both bytes
///   `A1`–`FE`), where the characters and punctuation of a Chinese text are:
///   Latin-1 text whose accented letter is followed by a letter (`D\xe9cret`)
///   decodes as GB18030 too, as rare characters of GBK's extension;
/// * as UTF-8 it has more undecodable places than characters of more than
///   one byte. Chinese text in GBK reads as UTF-8 as an undecodable place at
///   nearly every character (only a few, such as 石 `CA AF`, happen to be a
///   UTF-8 character), while a UTF-8 file with a damaged byte has one place
///   and many good characters: it is not taken for GB18030 even though its
///   bytes, paired up, often decode as such.
///
/// `None` when it is not (or the decoded text would be 4 GiB or more, which
/// is then refused as not UTF-8).
fn gb18030(body: &[u8], valid: usize) -> Option<Result<(String, Encoding), SourceError>> {
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body)?;
    if !text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        || !mostly_gb2312(body)
        || damaged_utf8(body, valid)
    {
        return None;
    }
    if text.len() >= MAX_TEXT_LEN {
        return Some(Err(SourceError::TooLarge { len: text.len() }));
    }
    let mut text = text.into_owned();
    let bom = text.starts_with('\u{feff}');
    // The bytes come back from the text exactly (see `Encoding::Gb18030`):
    // checked once here, so a fix is written only when they do.
    let (again, _, unmappable) = encoding_rs::GB18030.encode(&text);
    let exact = !unmappable && *again == *body;
    drop(again);
    if bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Some(Ok((text, Encoding::Gb18030 { bom, exact })))
}

/// Whether `body`, not UTF-8 from byte `valid` on, has no more undecodable
/// places as UTF-8 than characters of more than one byte (their lead bytes,
/// `C0` and above in valid UTF-8): a UTF-8 text with damage, not GBK.
fn damaged_utf8(body: &[u8], valid: usize) -> bool {
    let leads = |b: &[u8]| b.iter().filter(|&&x| x >= 0xC0).count();
    let mut utf8_chars = leads(&body[..valid]);
    let mut bad = 0usize;
    let mut rest = &body[valid..];
    while let Err(e) = std::str::from_utf8(rest) {
        utf8_chars += leads(&rest[..e.valid_up_to()]);
        bad += 1;
        match e.error_len() {
            Some(n) => rest = &rest[e.valid_up_to() + n..],
            None => break,
        }
    }
    bad <= utf8_chars
}

/// Whether at least half of the two-byte characters of `body`, which decodes
/// as GB18030, are in GB2312's part. Only the lengths of GB18030's sequences
/// are read here (decoding is `encoding_rs`'s): a byte below `80` is one
/// byte, `80` and `FF` are one byte, a lead byte followed by `30`–`39` starts
/// four bytes, any other lead byte two.
fn mostly_gb2312(body: &[u8]) -> bool {
    let (mut two, mut gb2312) = (0usize, 0usize);
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b < 0x81 || b == 0xFF {
            i += 1;
            continue;
        }
        let Some(&next) = body.get(i + 1) else { break };
        if next.is_ascii_digit() {
            i += 4;
            continue;
        }
        two += 1;
        gb2312 += usize::from((0xA1..=0xFE).contains(&b) && (0xA1..=0xFE).contains(&next));
        i += 2;
    }
    2 * gb2312 >= two
}

/// Read and decode a file.
pub fn read(path: &Path) -> Result<SourceFile, SourceError> {
    // A file that is too large is refused before it is read.
    if let Ok(m) = std::fs::metadata(path)
        && m.len() >= MAX_TEXT_LEN as u64
    {
        return Err(SourceError::TooLarge {
            len: usize::try_from(m.len()).unwrap_or(usize::MAX),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| SourceError::Io(io_reason(&e)))?;
    let (text, encoding) = decode(bytes)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
        encoding,
    })
}

/// A short Chinese reason for an I/O error, with the system's own message.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let zh = match e.kind() {
        NotFound => "文件不存在",
        PermissionDenied => "没有读取权限",
        IsADirectory => "这是一个目录",
        _ => "读写失败",
    };
    format!("{zh}（{e}）")
}

/// [`io_reason`] for a failed write: permission there is to write the file
/// or to create the temporary file beside it.
pub fn io_write_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let zh = match e.kind() {
        NotFound => "文件或所在目录不存在",
        PermissionDenied => "没有写入权限：文件或所在目录不可写",
        ReadOnlyFilesystem => "文件系统是只读的",
        StorageFull => "磁盘已满",
        _ => "写入失败",
    };
    format!("{zh}（{e}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_remembers_it() {
        let (t, enc) = decode("\u{feff}一、总体要求".as_bytes().to_vec()).unwrap();
        assert_eq!(enc, Encoding::Utf8 { bom: true });
        assert_eq!(t, "一、总体要求");
        assert_eq!(enc.encode(&t).unwrap(), "\u{feff}一、总体要求".as_bytes());
    }

    #[test]
    fn reports_offset_of_invalid_utf8() {
        let mut b = "报告".as_bytes().to_vec();
        b.push(0xC4);
        b.push(0x41);
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 6 }));
    }

    #[test]
    fn refuses_a_file_of_4_gib_before_reading_it() {
        let dir = std::env::temp_dir().join(format!("gwlint-large-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.txt");
        // Sparse: no 4 GiB is written or read.
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_TEXT_LEN as u64).unwrap();
        let got = read(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        let err = got.unwrap_err();
        assert_eq!(err, SourceError::TooLarge { len: MAX_TEXT_LEN });
        assert!(err.to_string().contains("超过 4 GiB"), "{err}");
    }

    fn gbk(text: &str) -> Vec<u8> {
        let (b, _, bad) = encoding_rs::GB18030.encode(text);
        assert!(!bad);
        b.into_owned()
    }

    #[test]
    fn reads_gbk_whatever_its_first_characters() {
        for text in [
            "2024年报告：依法行政",
            // 石 is CA AF, a UTF-8 character: the decision is the whole
            // file's, not its first bytes'.
            "石门县2025年法治政府建设情况报告\n",
            "关于印发《实施方案》的通知\r\n各乡镇：\r\n",
        ] {
            let (t, enc) = decode(gbk(text)).unwrap();
            assert_eq!(t, text);
            assert_eq!(
                enc,
                Encoding::Gb18030 {
                    bom: false,
                    exact: true
                }
            );
            assert_eq!(enc.encode(&t).unwrap(), gbk(text));
        }
        // GB18030's own mark is taken off and written back.
        let mut b = GB18030_BOM.to_vec();
        b.extend(gbk("关于报送报表的通知"));
        let (t, enc) = decode(b.clone()).unwrap();
        assert_eq!(t, "关于报送报表的通知");
        assert_eq!(
            enc,
            Encoding::Gb18030 {
                bom: true,
                exact: true
            }
        );
        assert_eq!(enc.encode(&t).unwrap(), b);
        assert!(enc.read_from(&b, &t));
    }

    /// GB18030 is taken only when it is certain: a UTF-8 text with a damaged
    /// byte is refused as such even when its bytes happen to decode as
    /// GB18030, and so is Latin-1 or text without Chinese characters.
    #[test]
    fn refuses_what_is_not_gbk() {
        // 依法行政 then C4: GB18030 fails at the lone lead byte at the end.
        let mut b = "依法行政".as_bytes().to_vec();
        b.push(0xC4);
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 12 }));
        // 年 (E5 B9 B4) then C4 41 decodes as GB18030 (E5B9 B4C4 41), but
        // reads as one UTF-8 character and one bad byte: damage, not GBK.
        let b = vec![0xE5, 0xB9, 0xB4, 0xC4, 0x41];
        assert!(
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&b)
                .is_some()
        );
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 3 }));
        // A UTF-8 text with one byte cut from a character (行 E8 A1 8C
        // written E8 8C) and an even length: its bytes pair up as GB18030
        // characters, but UTF-8 has one bad place among three characters.
        let mut b = "依法行政".as_bytes().to_vec();
        b.remove(7);
        b.push(b'A');
        assert!(
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&b)
                .is_some()
        );
        assert!(damaged_utf8(&b, 6));
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 6 }));
        // GBK, 石 (CA AF) first, is not: nearly every character is an
        // undecodable place as UTF-8.
        let b = gbk("石门县人民政府关于2025年度法治政府建设情况的报告");
        assert!(!damaged_utf8(&b, 2));
        assert!(mostly_gb2312(&b));
        // Latin-1 is not GBK, even when its accented letter and the letter
        // after it decode as a GBK character (E9 63).
        assert_eq!(
            decode(b"caf\xe9 au lait".to_vec()),
            Err(SourceError::InvalidUtf8 { offset: 3 })
        );
        let b = b"D\xe9cret [2015]51\n".to_vec();
        assert!(
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&b)
                .is_some_and(|t| t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
        );
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 1 }));
        // A name with a character of GBK's extension (堃, 88 D2) among
        // GB2312's is read.
        let (t, _) = decode(gbk("王堃同志：你好。")).unwrap();
        assert_eq!(t, "王堃同志：你好。");
        // A UTF-8 mark says UTF-8: GBK after it is damage.
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend(gbk("关于报送报表的通知"));
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 3 }));
    }

    /// A GB18030 text whose bytes do not come back from its characters (the
    /// lone byte 80, read as €, is written A2 E3) is read, but no fix can be
    /// written to it.
    #[test]
    fn an_inexact_gb18030_text_is_read_but_not_written() {
        let mut b = gbk("报告金额");
        b.push(0x80);
        b.extend(gbk("一万"));
        let (t, enc) = decode(b.clone()).unwrap();
        assert_eq!(t, "报告金额€一万");
        assert_eq!(
            enc,
            Encoding::Gb18030 {
                bom: false,
                exact: false
            }
        );
        assert_eq!(enc.encode(&t), None);
        assert!(!enc.read_from(&b, &t));
    }

    #[test]
    fn reads_utf16_with_a_bom_in_either_order() {
        let text = "关于2024年的报告\r\n一、总体情况𠮷\n";
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let b = enc.encode(text).unwrap();
            assert_eq!(
                b[..2],
                if enc == Encoding::Utf16Le {
                    [0xFF, 0xFE]
                } else {
                    [0xFE, 0xFF]
                }
            );
            assert_eq!(decode(b.clone()), Ok((text.to_string(), enc)));
            assert!(enc.read_from(&b, text));
            let mut line = Vec::new();
            assert_eq!(enc.encode_line(text, &mut line), None);
        }
    }

    #[test]
    fn rejects_nul_and_broken_utf16() {
        assert_eq!(
            decode(b"ab\0c".to_vec()),
            Err(SourceError::Binary { offset: 2 })
        );
        // UTF-16 without a mark: its NUL bytes, as before.
        let no_bom: Vec<u8> = "A报告".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(no_bom), Err(SourceError::Binary { offset: 1 }));
        // A mark, then U+0000.
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x00, 0x4E, 0x00, 0x00]),
            Err(SourceError::Binary { offset: 4 })
        );
        // A lone high surrogate, then 一.
        let err = decode(vec![0xFE, 0xFF, 0x4E, 0x00, 0xD8, 0x00, 0x4E, 0x00]).unwrap_err();
        assert_eq!(err, SourceError::Utf16 { offset: 4 });
        assert!(err.to_string().contains("第 5 字节"), "{err}");
        // An odd byte at the end.
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x00, 0x4E, 0x41]),
            Err(SourceError::Utf16 { offset: 4 })
        );
    }
}
