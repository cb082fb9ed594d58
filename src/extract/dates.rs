//! Dates written in the body: `YYYY年M月D日`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, LineKind};

/// A date as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub range: Range<usize>,
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Byte ranges of the year, month and day digits.
    pub parts: [Range<usize>; 3],
}

static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日").unwrap());

pub fn extract(doc: &Document<'_>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for line in &doc.lines {
        if matches!(line.kind, LineKind::Blank) {
            continue;
        }
        let base = line.content.start;
        let s = &doc.text[line.content.clone()];
        for c in FULL_DATE.captures_iter(s) {
            let (y, m, d) = (c.get(1).unwrap(), c.get(2).unwrap(), c.get(3).unwrap());
            // A longer digit run before the year is not a year.
            if s[..y.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let m0 = c.get(0).unwrap();
            out.push(DateMention {
                range: base + m0.start()..base + m0.end(),
                year: y.as_str().parse().unwrap_or(0),
                month: m.as_str().parse().unwrap_or(0),
                day: d.as_str().parse().unwrap_or(0),
                parts: [
                    base + y.start()..base + y.end(),
                    base + m.start()..base + m.end(),
                    base + d.start()..base + d.end(),
                ],
            });
        }
    }
    out
}
