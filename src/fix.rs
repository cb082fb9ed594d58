//! Applying fixes to a text.
//!
//! Fixes are taken in order of their first edit; a fix whose edits overlap
//! an edit already taken is left for another pass, so the result does not
//! depend on the order rules ran in.

use std::collections::BTreeSet;

use crate::diagnostic::{Applicability, Diagnostic};

/// How many times `gwlint check --fix` (and the editor's "fix all") lint,
/// apply the safe fixes and lint again before they stop: a fix may bring
/// another to light (a folded comma restored lets P007 read the range after
/// it).
pub const MAX_PASSES: usize = 10;

/// Apply the applicable fixes of `diags` to `text`. Returns the new text and
/// how many fixes were applied.
pub fn apply(text: &str, diags: &[Diagnostic], include_unsafe: bool) -> (String, usize) {
    apply_by(text, diags, include_unsafe, |_, ranges, s, e| {
        conflicts(ranges, s, e)
    })
}

/// An edit and its replacement, as [`apply`] takes it.
type Taken<'a> = (usize, usize, &'a str);

/// [`apply`], with `conflict(taken, ranges, s, e)` telling whether the edit
/// of `s..e` conflicts with the edits taken so far (given as they were taken
/// and as their ordered ranges); the tests pass another search through it.
fn apply_by<'a>(
    text: &str,
    diags: &'a [Diagnostic],
    include_unsafe: bool,
    conflict: impl Fn(&[Taken<'a>], &BTreeSet<(usize, usize)>, usize, usize) -> bool,
) -> (String, usize) {
    let mut fixes: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| include_unsafe || f.applicability == Applicability::Safe)
        .filter(|f| !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| {
        f.edits
            .iter()
            .map(|e| (e.range().start, e.range().end))
            .min()
    });
    let mut taken: Vec<Taken<'a>> = Vec::new();
    // The ranges taken, ordered, to find an edit's conflicts without reading
    // every edit taken before it (a folded document's fix has thousands).
    let mut ranges: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut applied = 0;
    for f in fixes {
        let mut edits: Vec<_> = f
            .edits
            .iter()
            .map(|e| (e.range().start, e.range().end, &*e.replacement))
            .collect();
        edits.sort();
        let self_overlap = edits.windows(2).any(|w| w[1].0 < w[0].1);
        if self_overlap
            || edits
                .iter()
                .any(|&(s, e, _)| conflict(&taken, &ranges, s, e))
        {
            continue;
        }
        ranges.extend(edits.iter().map(|&(s, e, _)| (s, e)));
        taken.extend(edits);
        applied += 1;
    }
    (splice(text, taken), applied)
}

/// `text` with the edits taken, which do not overlap, made in text order.
fn splice(text: &str, mut taken: Vec<Taken<'_>>) -> String {
    taken.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, rep) in taken {
        out.push_str(&text[at..s]);
        out.push_str(rep);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether the edit of `s..e` conflicts with a range taken: the two overlap,
/// are the same range, or are insertions at one place.
///
/// Of the ranges taken, those that hold characters are disjoint and an
/// insertion is never strictly inside one: ranges from different fixes were
/// checked here, and a fix's own edits are refused when they overlap (its
/// insertions may repeat, or touch a range's ends). So of the ranges that
/// start before `s`, only the last can reach past `s`; the ranges are read
/// backwards from `e` down to that one.
fn conflicts(ranges: &BTreeSet<(usize, usize)>, s: usize, e: usize) -> bool {
    // An insertion at the same place starts at `e`, past the ranges read.
    if s == e && ranges.contains(&(e, e)) {
        return true;
    }
    let clash = |ts: usize, te: usize| (s < te && ts < e) || (s == ts && e == te);
    for &(ts, te) in ranges.range(..(e, 0)).rev() {
        if clash(ts, te) {
            return true;
        }
        if ts < s {
            return false;
        }
    }
    false
}

/// Write `bytes` to `path` atomically: a temporary file in the same
/// directory, renamed over the original, with the original's permissions.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    // Through a symbolic link, the file it names is replaced, not the link.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    replace_at(&path, bytes)
}

/// [`write_atomic`] at a path with no symbolic link left to follow.
fn replace_at(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let meta = std::fs::metadata(path).ok();
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Some(m) = &meta {
        tmp.as_file().set_permissions(m.permissions())?;
        // The file keeps its owner where the system lets us give it back
        // (as root); otherwise it belongs to whoever fixed it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(m.uid()), Some(m.gid()));
        }
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Write the fixed text `new` (bytes in the file's encoding) of the file at
/// `path`, which was read as `old` in `encoding` (without its byte order
/// mark, which `encoding` remembers), or say why not. The file is left as it is when it changed since it was read
/// (an edit made while gwlint ran would be lost), when it is gone, and
/// when it has other hard links (replacing it would split them); a
/// symbolic link's target is fixed and the link kept.
pub fn replace_file(
    path: &std::path::Path,
    old: &str,
    encoding: crate::source::Encoding,
    new: &[u8],
) -> Result<(), String> {
    use crate::source::io_write_reason;
    let gone = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            "文件在检查期间被删除或移走".to_string()
        } else {
            io_write_reason(&e)
        }
    };
    let target = std::fs::canonicalize(path).map_err(gone)?;
    let meta = std::fs::metadata(&target).map_err(gone)?;
    if meta.permissions().readonly() {
        return Err("文件是只读的".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "文件另有 {} 个硬链接，写入会把它们拆开；可用 --diff 查看修复",
                meta.nlink() - 1
            ));
        }
    }
    let now = std::fs::read(&target).map_err(gone)?;
    if !encoding.read_from(&now, old) {
        return Err("文件在检查期间被修改过，修复是按修改前的内容做的".to_string());
    }
    drop(now);
    replace_at(&target, new).map_err(|e| io_write_reason(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};
    use crate::source::Encoding;

    fn d(start: usize, end: usize, rep: &str) -> Diagnostic {
        Diagnostic::new(start..end, "x").with_fix(Fix::safe(
            "x",
            vec![Edit::replace(start..end, rep.to_string())],
        ))
    }

    /// A file that changed since it was read, or is gone, is not replaced:
    /// the edit made meanwhile is kept.
    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.txt");
        std::fs::write(&p, "\u{feff}旧文本，用户又改了一句。").unwrap();
        let e = replace_file(&p, "旧文本", Encoding::Utf8 { bom: true }, b"new").unwrap_err();
        assert!(e.contains("被修改过"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "\u{feff}旧文本，用户又改了一句。"
        );
        // Read without its BOM, unchanged: replaced.
        replace_file(
            &p,
            "旧文本，用户又改了一句。",
            Encoding::Utf8 { bom: true },
            b"new",
        )
        .unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let gone = d.path().join("gone.txt");
        let e = replace_file(&gone, "x", Encoding::Utf8 { bom: false }, b"new").unwrap_err();
        assert!(e.contains("被删除或移走"), "{e}");
        assert!(!gone.exists());
    }

    #[test]
    fn overlapping_fixes_are_deferred_deterministically() {
        let text = "abcdef";
        let (out, n) = apply(text, &[d(2, 4, "X"), d(0, 3, "Y")], false);
        assert_eq!((out.as_str(), n), ("Ydef", 1));
        let (out, n) = apply(text, &[d(0, 1, "A"), d(4, 5, "E")], false);
        assert_eq!((out.as_str(), n), ("AbcdEf", 2));
    }

    /// The ordered conflict search takes the fixes the search through every
    /// edit taken took: random fixes of one to four edits, insertions among
    /// them, on a short text.
    #[test]
    fn the_conflict_search_agrees_with_reading_every_edit() {
        // The old search: every edit against every edit taken.
        let plain = |text: &str, diags: &[Diagnostic]| {
            apply_by(text, diags, false, |taken, _, s, e| {
                taken.iter().any(|&(ts, te, _)| {
                    (s < te && ts < e) || (s == e && s == ts && te == ts) || (s == ts && e == te)
                })
            })
        };
        let text = "abcdefghijklmnopqrst";
        let mut rng = fastrand::Rng::with_seed(18);
        let mut applied = 0;
        for round in 0..5_000 {
            let diags: Vec<Diagnostic> = (0..rng.usize(1..12))
                .map(|k| {
                    let edits = (0..rng.usize(1..5))
                        .map(|_| {
                            let s = rng.usize(0..=text.len());
                            let e = (s + rng.usize(0..4)).min(text.len());
                            Edit::replace(s..e, format!("{k}"))
                        })
                        .collect();
                    Diagnostic::new(0..1, "x").with_fix(Fix::safe("x", edits))
                })
                .collect();
            let (ours, want) = (apply(text, &diags, false), plain(text, &diags));
            assert_eq!(ours, want, "round {round}");
            applied += want.1;
        }
        assert!(applied > 10_000, "{applied}");
    }

    #[test]
    fn unsafe_fixes_only_on_request() {
        let u =
            Diagnostic::new(0..1, "x").with_fix(Fix::unsafe_("x", vec![Edit::replace(0..1, "Z")]));
        assert_eq!(apply("ab", std::slice::from_ref(&u), false).0, "ab");
        assert_eq!(apply("ab", &[u], true).0, "Zb");
    }
}
