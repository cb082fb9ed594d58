//! Finding the files to lint: a parallel walk with the `ignore` crate.
//!
//! Directories are walked in parallel, honouring `.gitignore` (also outside a
//! git repository), `.ignore`, `.gwlintignore`, hidden files, `--exclude`
//! globs and the `exclude` setting of the governing configuration. Files
//! named explicitly are always linted. The result is sorted, so the output
//! does not depend on the walk's order.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};

use crate::engine::Engine;

/// Extensions linted when a directory is walked.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// A problem met while walking (a path that does not exist, an unreadable
/// directory).
#[derive(Debug, Clone)]
pub struct WalkError {
    pub path: PathBuf,
    pub reason: String,
}

/// Collect the files under `roots`.
pub fn collect(
    roots: &[PathBuf],
    excludes: &[String],
    engine: &Engine,
) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut dirs = Vec::new();
    for r in roots {
        match std::fs::metadata(r) {
            Ok(m) if m.is_dir() => dirs.push(r.clone()),
            Ok(_) => files.push(r.clone()),
            Err(e) => errors.push(WalkError {
                path: r.clone(),
                reason: crate::source::io_reason(&e),
            }),
        }
    }
    if !dirs.is_empty() {
        let mut b = WalkBuilder::new(&dirs[0]);
        for d in &dirs[1..] {
            b.add(d);
        }
        b.standard_filters(true)
            .require_git(false)
            .add_custom_ignore_filename(".gwlintignore")
            .follow_links(false);
        if !excludes.is_empty() {
            let mut ob = OverrideBuilder::new(".");
            for g in excludes {
                if let Err(e) = ob.add(&format!("!{g}")) {
                    errors.push(WalkError {
                        path: PathBuf::from(g),
                        reason: format!("--exclude 的通配符写法有误：{e}"),
                    });
                }
            }
            match ob.build() {
                Ok(o) => {
                    b.overrides(o);
                }
                Err(e) => errors.push(WalkError {
                    path: PathBuf::from("--exclude"),
                    reason: e.to_string(),
                }),
            }
        }
        let found = Mutex::new(Vec::new());
        let errs = Mutex::new(Vec::new());
        b.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file())
                            && has_text_extension(e.path())
                        {
                            let p = e.path().to_path_buf();
                            let excluded = engine
                                .chain_for(&p)
                                .map(|c| c.excludes(&p))
                                .unwrap_or(false);
                            if !excluded {
                                found.lock().expect("lock").push(p);
                            }
                        }
                    }
                    Err(err) => {
                        let (path, reason) = located(&err);
                        errs.lock().expect("lock").push(WalkError { path, reason });
                    }
                }
                WalkState::Continue
            })
        });
        files.extend(found.into_inner().expect("lock"));
        errors.extend(errs.into_inner().expect("lock"));
    }
    files.sort();
    files.dedup();
    // One file named twice (`a.txt ./a.txt`, or a file and its directory)
    // is linted, and fixed, once: the first of its names in order is kept.
    if roots.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errors)
}

/// The path a walk error is about, however deep the walk's wrappers hold
/// it, and the reason without it.
fn located(err: &ignore::Error) -> (PathBuf, String) {
    match err {
        ignore::Error::WithPath { path, err } => (path.clone(), located(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            located(err)
        }
        ignore::Error::Io(e) => (PathBuf::new(), crate::source::io_reason(e)),
        other => (PathBuf::new(), other.to_string()),
    }
}

/// Whether every `--exclude` glob is one; the first that is not is named.
pub fn check_excludes(excludes: &[String]) -> Result<(), String> {
    for g in excludes {
        if let Err(e) = OverrideBuilder::new(".").add(g) {
            return Err(format!("--exclude \"{g}\" 不是有效的 glob（{e}）"));
        }
    }
    Ok(())
}

fn has_text_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
