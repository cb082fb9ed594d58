//! Extraction stage: the facts several rules share (dates, document numbers,
//! numbers with units), found once per document and only when a rule asks.
//!
//! Each extractor is a single scan over the document's body; rules work on
//! what it produced and never rescan the text for the same thing.

use std::cell::OnceCell;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::document::Document;
use crate::rules::arith::PartLists;
use crate::rules::punct::text::{HalfWidthScan, Residue, residue_lines, scan_halfwidth};
use crate::rules::structure::{Outline, ordinal};

pub mod dates;
pub mod docnum;
pub mod numbers;

/// An automaton that finds any of `pats` in one SIMD-assisted pass (leftmost-
/// first, so that the crate can use its Teddy searcher). Extractors and rules
/// use it to find their anchors, and to skip documents and lines that cannot
/// hold what they look for, before walking characters. Every pattern should
/// be two bytes or more: a one-byte pattern keeps the search off its SIMD
/// path (look for ASCII bytes with `memchr` instead).
pub fn needles(pats: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(pats)
        .expect("fixed patterns")
}

bitflags::bitflags! {
    /// The shared extractions of [`Extraction`], as a set: what a rule
    /// declares it reads (`reads:` in [`declare_rule!`](crate::declare_rule)),
    /// and what is computed at a given moment.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct Reads: u8 {
        const DATES = 1;
        const DOCNUMS = 1 << 1;
        const NUMBERS = 1 << 2;
        const OUTLINE = 1 << 3;
        const ORDINALS = 1 << 4;
        const RESIDUE = 1 << 5;
        const HALFWIDTH = 1 << 6;
        const PARTS = 1 << 7;
    }
}

/// For rules that run in order and read `reads[i]`: what to free after each
/// one, so that every extraction is dropped right after its last reader and
/// the document holds at most the extractions still to be read.
pub fn release_schedule(reads: &[Reads]) -> Vec<Reads> {
    let mut out = vec![Reads::empty(); reads.len()];
    let mut later = Reads::empty();
    for (i, r) in reads.iter().enumerate().rev() {
        out[i] = r.difference(later);
        later |= *r;
    }
    out
}

/// Lazily computed extraction results for one document.
#[derive(Default)]
pub struct Extraction {
    dates: OnceCell<Vec<dates::DateMention>>,
    docnums: OnceCell<Vec<docnum::DocNumber>>,
    numbers: OnceCell<Vec<numbers::Number>>,
    outline: OnceCell<Outline>,
    ordinals: OnceCell<Vec<ordinal::Token>>,
    residue: OnceCell<Vec<Option<Residue>>>,
    halfwidth: OnceCell<HalfWidthScan>,
    parts: OnceCell<PartLists>,
}

/// `computed` and `release` over every cache, from one list of (flag, field).
macro_rules! caches {
    ($($flag:ident => $field:ident),* $(,)?) => {
        impl Extraction {
            /// The extractions computed so far.
            pub fn computed(&self) -> Reads {
                let mut r = Reads::empty();
                $(r.set(Reads::$flag, self.$field.get().is_some());)*
                r
            }

            /// Free the extractions in `r`. One that is asked for again is
            /// computed again, so freeing too early costs time, never
            /// correctness.
            pub fn release(&mut self, r: Reads) {
                $(if r.contains(Reads::$flag) {
                    self.$field.take();
                })*
            }
        }
    };
}

caches!(
    DATES => dates,
    DOCNUMS => docnums,
    NUMBERS => numbers,
    OUTLINE => outline,
    ORDINALS => ordinals,
    RESIDUE => residue,
    HALFWIDTH => halfwidth,
    PARTS => parts,
);

impl Extraction {
    pub fn dates(&self, doc: &Document<'_>) -> &[dates::DateMention] {
        self.dates.get_or_init(|| dates::extract(doc))
    }

    pub fn docnums(&self, doc: &Document<'_>) -> &[docnum::DocNumber] {
        self.docnums.get_or_init(|| docnum::extract(doc))
    }

    pub fn numbers(&self, doc: &Document<'_>) -> &[numbers::Number] {
        self.numbers.get_or_init(|| numbers::extract(doc))
    }
}

impl crate::rules::Context<'_> {
    pub fn dates(&self) -> &[dates::DateMention] {
        self.ext.dates(self.doc)
    }

    pub fn docnums(&self) -> &[docnum::DocNumber] {
        self.ext.docnums(self.doc)
    }

    /// Whether byte range `r` lies inside a 发文字号 (its digits are not a
    /// date, its brackets are N001's). Document numbers come in text order,
    /// so this is a binary search.
    pub fn inside_docnum(&self, r: &std::ops::Range<usize>) -> bool {
        let nums = self.docnums();
        let i = nums.partition_point(|n| n.range.start <= r.start);
        i.checked_sub(1).is_some_and(|i| r.end <= nums[i].range.end)
    }

    pub fn numbers(&self) -> &[numbers::Number] {
        self.ext.numbers(self.doc)
    }

    /// The heading outline the S1xx rules share (built once per document).
    pub fn outline(&self) -> &Outline {
        self.ext.outline.get_or_init(|| Outline::new(self.doc))
    }

    /// Which lines are web-page residue (navigation, page meta, footer); the
    /// P rules skip them.
    pub fn residue(&self) -> &[Option<Residue>] {
        self.ext.residue.get_or_init(|| residue_lines(self.doc))
    }

    /// The half-width marks next to Chinese text (P005, P006, P007).
    pub fn halfwidth(&self) -> &HalfWidthScan {
        self.ext
            .halfwidth
            .get_or_init(|| scan_halfwidth(self.doc, self.residue()))
    }

    /// The totals with the parts listed after them (A002, A003).
    pub fn part_lists(&self) -> &PartLists {
        self.ext
            .parts
            .get_or_init(|| PartLists::new(self.doc, self.numbers()))
    }

    /// The in-paragraph ordinals (一是、第一，首先，) S201 and S202 share.
    pub fn ordinals(&self) -> &[ordinal::Token] {
        self.ext.ordinals.get_or_init(|| ordinal::tokens(self.doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_extraction_is_freed_after_its_last_reader() {
        let n = Reads::NUMBERS;
        let d = Reads::DATES;
        let k = Reads::DOCNUMS;
        let none = Reads::empty();
        assert_eq!(
            release_schedule(&[k, d | k, none, n, k | n, none]),
            vec![none, d, none, none, k | n, none]
        );
        assert_eq!(release_schedule(&[]), Vec::<Reads>::new());
        assert_eq!(release_schedule(&[none, none]), vec![none, none]);
    }

    #[test]
    fn a_released_extraction_is_computed_again_when_asked_for() {
        let doc = Document::new("审计查出金额3.84亿元，整改2.23亿元。2023年3月6日印发。\n");
        let mut ext = Extraction::default();
        assert_eq!(ext.computed(), Reads::empty());
        let before = ext.numbers(&doc).to_vec();
        assert!(before.len() >= 2);
        assert_eq!(ext.dates(&doc).len(), 1);
        assert_eq!(ext.computed(), Reads::NUMBERS | Reads::DATES);
        ext.release(Reads::NUMBERS);
        assert_eq!(ext.computed(), Reads::DATES);
        assert_eq!(ext.numbers(&doc), &before[..]);
        assert_eq!(ext.computed(), Reads::NUMBERS | Reads::DATES);
    }
}
