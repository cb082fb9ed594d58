//! Source stage: bytes from disk or standard input, decoded to UTF-8 text.
//!
//! The decoded text keeps the file's own line endings so that byte offsets,
//! fixes and diffs refer to the file as it is; the line model in
//! [`crate::document`] treats `\r\n`, `\r` and `\n` alike. A UTF-8 byte-order
//! mark is removed from the text and remembered so a fix can write it back.

use std::fmt;
use std::path::{Path, PathBuf};

/// A decoded document ready to be linted.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as given or found (used for config lookup and output).
    pub path: PathBuf,
    /// Decoded text without the BOM.
    pub text: String,
    /// The file started with a UTF-8 BOM.
    pub bom: bool,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    Io(String),
    InvalidUtf8 {
        offset: usize,
    },
    Binary {
        offset: usize,
    },
    Utf16,
    /// Not UTF-8 from `offset` on, and the whole text reads as GBK
    /// (GB18030), the legacy encoding of Chinese text files.
    Gbk {
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
            SourceError::Gbk { offset } => {
                write!(
                    f,
                    "不是 UTF-8 文本（第 {} 字节起无法解码），看起来是 GBK（GB18030）编码；gwlint 只读 UTF-8，请另存为 UTF-8（如 `iconv -f GB18030 -t UTF-8 原文件 > 新文件`）",
                    offset + 1
                )
            }
            SourceError::Utf16 => {
                write!(f, "是 UTF-16 编码；gwlint 目前只读 UTF-8，请另存为 UTF-8")
            }
            SourceError::TooLarge { len } => {
                write!(f, "有 {len} 字节，超过 4 GiB；gwlint 只读小于 4 GiB 的文件")
            }
        }
    }
}

/// Decode raw bytes: UTF-8 with or without BOM. Anything else is an error that
/// says where decoding failed; nothing is replaced silently.
///
/// Takes the bytes by value so that valid UTF-8 becomes the text without a
/// copy (a file is held once, not twice). Validation uses `simdutf8`, which is
/// several times faster than `std::str::from_utf8` on Chinese text; only when
/// it fails does `std` find the offset to report.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, bool), SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::Utf16);
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
        let offset = valid + skip;
        return Err(if looks_like_gbk(body, valid) {
            SourceError::Gbk { offset }
        } else {
            SourceError::InvalidUtf8 { offset }
        });
    }
    bytes.drain(..skip);
    // SAFETY: `bytes` (after the BOM, which `drain` removed) was validated as
    // UTF-8 by `simdutf8` just above.
    Ok((unsafe { String::from_utf8_unchecked(bytes) }, bom))
}

/// Whether `body`, not UTF-8 from byte `valid` on, is a GBK (GB18030) text:
/// ASCII up to there (a UTF-8 text with a damaged byte has Chinese before
/// it), the whole of it decodes as GB18030 with nothing replaced, and it
/// holds Chinese characters.
fn looks_like_gbk(body: &[u8], valid: usize) -> bool {
    body[..valid].is_ascii()
        && encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .is_some_and(|t| t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
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
    let (text, bom) = decode(bytes)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
        bom,
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
        let (t, bom) = decode("\u{feff}一、总体要求".as_bytes().to_vec()).unwrap();
        assert!(bom);
        assert_eq!(t, "一、总体要求");
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

    #[test]
    fn names_gbk_and_only_gbk() {
        // "报告：2024年" in GBK.
        let (gbk, _, bad) = encoding_rs::GBK.encode("2024年报告：依法行政");
        assert!(!bad);
        let err = decode(gbk.into_owned()).unwrap_err();
        assert_eq!(err, SourceError::Gbk { offset: 4 });
        assert!(err.to_string().contains("GBK（GB18030）"), "{err}");
        // A UTF-8 text with one damaged byte is not called GBK.
        let mut b = "依法行政".as_bytes().to_vec();
        b.push(0xC4);
        assert_eq!(decode(b), Err(SourceError::InvalidUtf8 { offset: 12 }));
        // Latin-1 is not GBK.
        assert_eq!(
            decode(b"caf\xe9 au lait".to_vec()),
            Err(SourceError::InvalidUtf8 { offset: 3 })
        );
    }

    #[test]
    fn rejects_nul_and_utf16() {
        assert_eq!(
            decode(b"ab\0c".to_vec()),
            Err(SourceError::Binary { offset: 2 })
        );
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x00, 0x4E]),
            Err(SourceError::Utf16)
        );
    }
}
