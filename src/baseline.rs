//! Baselines: adopting gwlint on documents that already have findings.
//!
//! `--write-baseline FILE` records every current finding; `--baseline FILE`
//! then reports only findings that are not in it. An entry is keyed by code,
//! path and a fingerprint of the offending text and its neighbourhood on the
//! same line, never by line number, so edits elsewhere in the file do not
//! bring old findings back. Identical keys are counted, so a second copy of a
//! baselined defect is new. Rewriting the baseline drops what was fixed.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How many characters on each side of a finding go into its fingerprint.
const CONTEXT_CHARS: usize = 10;

/// A stable fingerprint of a finding: its code, the text it covers and up to
/// ten characters on either side within the same line.
pub fn fingerprint(code: &str, text: &str, range: &Range<usize>) -> String {
    // Only the context is read, never the whole line: cost is independent of
    // the line's length.
    let not_eol = |c: &char| *c != '\n' && *c != '\r';
    let before: Vec<char> = text[..range.start]
        .chars()
        .rev()
        .take_while(not_eol)
        .take(CONTEXT_CHARS)
        .collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[range.end..]
        .chars()
        .take_while(not_eol)
        .take(CONTEXT_CHARS)
        .collect();
    let key = format!(
        "{code}\u{1f}{before}\u{1f}{}\u{1f}{after}",
        &text[range.clone()]
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub path: String,
    pub fingerprint: String,
    /// For people reading the file; not part of the key.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// A loaded baseline: how many times each key may still be matched.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: HashMap<(String, String, String), usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::source::io_reason(&e))?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| format!("不是有效的 gwlint 基线文件：{e}"))?;
        if file.version != 1 {
            return Err(format!("不支持的基线版本 {}", file.version));
        }
        let mut counts = HashMap::new();
        for e in file.findings {
            *counts.entry((e.code, e.path, e.fingerprint)).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// Keep only the findings that the baseline does not account for.
    /// `keys` are (code, path, fingerprint) per finding, in order.
    pub fn new_findings(&self, keys: &[(String, String, String)]) -> Vec<bool> {
        let mut left = HashMap::new();
        keys.iter()
            .map(|k| {
                let budget = left
                    .entry(k.clone())
                    .or_insert_with(|| self.counts.get(k).copied().unwrap_or(0));
                if *budget > 0 {
                    *budget -= 1;
                    false
                } else {
                    true
                }
            })
            .collect()
    }
}

/// Write a baseline file atomically.
pub fn write(path: &Path, mut findings: Vec<Entry>) -> Result<(), String> {
    findings.sort_by(|a, b| {
        (&a.path, &a.code, &a.fingerprint).cmp(&(&b.path, &b.code, &b.fingerprint))
    });
    let file = BaselineFile {
        version: 1,
        findings,
    };
    let json = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    crate::fix::write_atomic(path, json.as_bytes()).map_err(|e| crate::source::io_reason(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_other_lines_but_not_neighbours() {
        let a = "第一行\n印发国办发[2015]51号文件\n";
        let b = "新加的一行\n\n第一行\n印发国办发[2015]51号文件\n";
        let ra = a.find("国办发").unwrap()..a.find("号文").unwrap() + 3;
        let rb = b.find("国办发").unwrap()..b.find("号文").unwrap() + 3;
        assert_eq!(fingerprint("N001", a, &ra), fingerprint("N001", b, &rb));
        let c = "第一行\n转发国办发[2015]51号文件\n";
        let rc = c.find("国办发").unwrap()..c.find("号文").unwrap() + 3;
        assert_ne!(fingerprint("N001", a, &ra), fingerprint("N001", c, &rc));
        assert_ne!(fingerprint("N001", a, &ra), fingerprint("N002", a, &ra));
    }

    #[test]
    fn counted_matching() {
        let mut b = Baseline::default();
        let k = ("N001".to_string(), "a.txt".to_string(), "f".to_string());
        b.counts.insert(k.clone(), 1);
        assert_eq!(b.new_findings(&[k.clone(), k]), vec![false, true]);
    }
}
