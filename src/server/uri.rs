//! `file:` URIs to paths. The LSP types keep URIs as strings; gwlint needs a
//! path only to find `gwlint.toml` and to match profile and ignore globs.

use std::path::PathBuf;

/// The local path of a `file:` URI (percent-decoded, so Chinese file names
/// work); `None` for any other scheme (`untitled:`, `vscode-notebook:` …).
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    // Skip the authority: empty or `localhost` for local files. A UNC
    // host is kept as `//host/...`.
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let decoded = if host.is_empty() || host.eq_ignore_ascii_case("localhost") {
        decoded
    } else {
        format!("//{host}{decoded}")
    };
    Some(PathBuf::from(windows_drive(decoded)))
}

/// A `file:` URI for a local path, percent-encoding everything but
/// unreserved characters and `/`.
pub fn from_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn windows_drive(p: String) -> String {
    // `/C:/dir` is `C:/dir` on Windows.
    if cfg!(windows) {
        let b = p.as_bytes();
        if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
            return p[1..].to_string();
        }
    }
    p
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chinese_file_names() {
        let p = to_path("file:///tmp/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.txt").unwrap();
        assert_eq!(p, PathBuf::from("/tmp/年度报告.txt"));
        assert_eq!(
            to_path("file:///tmp/%E5%B9%B4.md").unwrap(),
            PathBuf::from("/tmp/年.md")
        );
        assert_eq!(
            to_path("file://localhost/a%20b.txt").unwrap(),
            PathBuf::from("/a b.txt")
        );
    }

    #[test]
    fn paths_round_trip() {
        let p = PathBuf::from("/tmp/法治 报告/gwlint.toml");
        let u = from_path(&p);
        assert_eq!(
            u,
            "file:///tmp/%E6%B3%95%E6%B2%BB%20%E6%8A%A5%E5%91%8A/gwlint.toml"
        );
        assert_eq!(to_path(&u).unwrap(), p);
    }

    #[test]
    fn other_schemes_and_bad_escapes_have_no_path() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///a%zz"), None);
        assert_eq!(to_path("file:///a%e"), None);
        assert_eq!(to_path("file:///a%"), None);
        assert_eq!(to_path("file:///%FF"), None);
    }
}
