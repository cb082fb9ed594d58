//! Applying fixes to a text.
//!
//! Fixes are taken in order of their first edit; a fix whose edits overlap
//! an edit already taken is left for another pass, so the result does not
//! depend on the order rules ran in.

use crate::diagnostic::{Applicability, Diagnostic};

/// Apply the applicable fixes of `diags` to `text`. Returns the new text and
/// how many fixes were applied.
pub fn apply(text: &str, diags: &[Diagnostic], include_unsafe: bool) -> (String, usize) {
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
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for f in fixes {
        let mut edits: Vec<_> = f
            .edits
            .iter()
            .map(|e| (e.range().start, e.range().end, &*e.replacement))
            .collect();
        edits.sort();
        let self_overlap = edits.windows(2).any(|w| w[1].0 < w[0].1);
        let overlaps = edits.iter().any(|&(s, e, _)| {
            taken.iter().any(|&(ts, te, _)| {
                (s < te && ts < e) || (s == e && s == ts && te == ts) || (s == ts && e == te)
            })
        });
        if self_overlap || overlaps {
            continue;
        }
        taken.extend(edits);
        applied += 1;
    }
    taken.sort_by_key(|&(s, e, _)| (s, e));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, rep) in taken {
        out.push_str(&text[at..s]);
        out.push_str(rep);
        at = e;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Write `bytes` to `path` atomically: a temporary file in the same
/// directory, renamed over the original, with the original's permissions.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let perms = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};

    fn d(start: usize, end: usize, rep: &str) -> Diagnostic {
        Diagnostic::new(start..end, "x").with_fix(Fix::safe(
            "x",
            vec![Edit::replace(start..end, rep.to_string())],
        ))
    }

    #[test]
    fn overlapping_fixes_are_deferred_deterministically() {
        let text = "abcdef";
        let (out, n) = apply(text, &[d(2, 4, "X"), d(0, 3, "Y")], false);
        assert_eq!((out.as_str(), n), ("Ydef", 1));
        let (out, n) = apply(text, &[d(0, 1, "A"), d(4, 5, "E")], false);
        assert_eq!((out.as_str(), n), ("AbcdEf", 2));
    }

    #[test]
    fn unsafe_fixes_only_on_request() {
        let u =
            Diagnostic::new(0..1, "x").with_fix(Fix::unsafe_("x", vec![Edit::replace(0..1, "Z")]));
        assert_eq!(apply("ab", std::slice::from_ref(&u), false).0, "ab");
        assert_eq!(apply("ab", &[u], true).0, "Zb");
    }
}
