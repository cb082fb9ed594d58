//! Document numbers (发文字号): 机关代字〔YYYY〕N号, in any bracket style.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, LineKind};

/// A 发文字号 as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumber {
    /// From the first character of the organ code to 号.
    pub range: Range<usize>,
    /// 机关代字, e.g. `国办发`.
    pub organ: Range<usize>,
    pub open: Range<usize>,
    pub year: Range<usize>,
    pub close: Range<usize>,
    pub serial: Range<usize>,
}

static DOCNUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{1,12})([〔\[［【（(﹝〖])([0-9]{4})([〕\]］】）)﹞〗])([0-9]{1,5})号")
        .unwrap()
});

pub fn extract(doc: &Document<'_>) -> Vec<DocNumber> {
    let mut out = Vec::new();
    for line in &doc.lines {
        if matches!(line.kind, LineKind::Blank) {
            continue;
        }
        let base = line.content.start;
        let s = &doc.text[line.content.clone()];
        for c in DOCNUM.captures_iter(s) {
            let g = |i: usize| {
                let m = c.get(i).unwrap();
                base + m.start()..base + m.end()
            };
            let all = c.get(0).unwrap();
            out.push(DocNumber {
                range: base + all.start()..base + all.end(),
                organ: g(1),
                open: g(2),
                year: g(3),
                close: g(4),
                serial: g(5),
            });
        }
    }
    out
}
