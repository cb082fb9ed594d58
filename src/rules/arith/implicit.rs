//! Trace only: a count followed, in the same sentence, by counts of the same
//! unit that add up to it exactly ("共收到67件，受理53件，不予受理14件").
//! Without a cue word the relation is not certain, so a mismatch is never
//! reported; a match is recorded as verified.

use std::cmp::Ordering;

use super::common::{CheckKind, Checks};
use crate::document::Document;
use crate::extract::numbers::{Dec, Kind, Number};

const MAX_PARTS: usize = 8;

pub fn find(doc: &Document<'_>, nums: &[Number], out: &mut Checks) {
    let text = doc.text;
    for (i, t) in nums.iter().enumerate() {
        if t.kind != Kind::Plain || !t.is_count() || !t.is_exact() {
            continue;
        }
        let mut sum = Dec::ZERO;
        let mut parts = Vec::new();
        for n in nums[i + 1..(i + 1 + super::common::WINDOW).min(nums.len())]
            .iter()
            .take_while(|n| n.sentence() == t.sentence())
        {
            if n.kind != Kind::Plain || n.unit != t.unit {
                continue;
            }
            if !n.is_exact() || parts.len() >= MAX_PARTS {
                break;
            }
            let Some(s) = sum.checked_add(n.value()) else {
                break;
            };
            sum = s;
            parts.push(n);
            match sum.cmp_exact(t.value()) {
                Some(Ordering::Equal) if parts.len() >= 2 => {
                    let expr = parts
                        .iter()
                        .map(|p| p.shown(text))
                        .collect::<Vec<_>>()
                        .join(" + ");
                    out.ok(
                        CheckKind::ImplicitSum,
                        t.range().start..n.range().end,
                        || format!("{expr} = {}", &*t.shown(text)),
                    );
                    break;
                }
                Some(Ordering::Greater) => break,
                _ => {}
            }
        }
    }
}
