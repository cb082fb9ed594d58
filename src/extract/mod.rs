//! Extraction stage: the facts several rules share (dates, document numbers,
//! numbers with units), found once per document and only when a rule asks.
//!
//! Each extractor is a single scan over the document's body; rules work on
//! what it produced and never rescan the text for the same thing.

use std::cell::OnceCell;
use std::iter::Peekable;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Match, MatchKind, packed};

use crate::document::{Document, Sentences};
use crate::rules::arith::PartLists;
use crate::rules::punct::text::{HalfWidthScan, Residue, residue_lines, scan_halfwidth};
use crate::rules::structure::{Outline, ordinal};

pub mod dates;
pub mod docnum;
pub mod numbers;
pub mod tables;

/// The index of the first ASCII digit in `b`, read eight bytes at a time:
/// Chinese text is long stretches without one, and a byte-by-byte search
/// was the dates extractor's largest cost.
///
/// Each byte is XORed with `0x30`, which maps `0`–`9` to 0–9; a byte below
/// 10 is then found by the borrow of a per-byte subtraction (the bit trick
/// "has a byte less than n"). A borrow only runs towards higher bytes, so
/// the lowest byte it flags is always a digit.
pub fn find_ascii_digit(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in chunks.by_ref() {
        let x = u64::from_le_bytes(c.try_into().expect("eight bytes")) ^ (ONES * 0x30);
        let flagged = x.wrapping_sub(ONES * 10) & !x & HIGH;
        if flagged != 0 {
            return Some(at + (flagged.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(u8::is_ascii_digit).map(|p| at + p)
}

/// The items of `it` (in increasing order of `at`) that fall inside `r`,
/// after those before `r` are dropped: one search of the whole text, walked
/// beside the lines in text order, hands each line the matches inside it.
#[inline]
pub fn within<'a, T, I: Iterator<Item = T>>(
    it: &'a mut Peekable<I>,
    r: Range<usize>,
    at: impl Fn(&T) -> usize + 'a,
) -> impl Iterator<Item = T> + 'a {
    while it.next_if(|x| at(x) < r.start).is_some() {}
    std::iter::from_fn(move || it.next_if(|x| at(x) < r.end))
}

/// `it`, never asked again once it has ended. `Iterator::fuse` does not do
/// this for iterators that declare themselves fused, as memchr's do: asked
/// again after its end, memchr's iterator searches the rest of the text
/// anew, and a merge of two searches asks a finished side once for every
/// item of the other (quadratic on a text with many of one and none of the
/// other).
pub fn stop_at_end<I: Iterator>(mut it: I) -> impl Iterator<Item = I::Item> {
    let mut ended = false;
    std::iter::from_fn(move || {
        if ended {
            return None;
        }
        let next = it.next();
        ended = next.is_none();
        next
    })
}

/// Literal patterns found in one SIMD pass, leftmost-first: extractors and
/// rules use it to find their anchors, and to skip documents and lines that
/// cannot hold what they look for, before walking characters.
///
/// It is aho-corasick's Teddy searcher (`aho_corasick::packed`) used
/// directly. On Chinese text the full automaton may pick a byte prefilter
/// instead, and the bytes of CJK characters are everywhere: for the two wide
/// spaces that costs 15 instructions a byte against 2.5 with Teddy. The
/// automaton remains the fallback for pattern sets Teddy does not take (too
/// many patterns, no SIMD). Every pattern should be two bytes or more (look
/// for ASCII bytes with `memchr` instead).
pub struct Needles(Searcher);

enum Searcher {
    Teddy(packed::Searcher),
    Automaton(AhoCorasick),
}

/// The matches of [`Needles::find_iter`].
pub enum NeedleMatches<'a, 'h> {
    Teddy(packed::FindIter<'a, 'h>),
    Automaton(aho_corasick::FindIter<'a, 'h>),
}

impl Iterator for NeedleMatches<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        match self {
            NeedleMatches::Teddy(it) => it.next(),
            NeedleMatches::Automaton(it) => it.next(),
        }
    }
}

impl Needles {
    /// The searcher of `pats`: strings, or byte strings that need not be
    /// whole characters (the end of one mark and the lead bytes of the next).
    pub fn new<P: AsRef<[u8]>>(pats: &[P]) -> Self {
        let teddy = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(pats)
            .build();
        Needles(match teddy {
            Some(t) => Searcher::Teddy(t),
            None => Searcher::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(pats)
                    .expect("fixed patterns"),
            ),
        })
    }

    /// Non-overlapping matches in `h`, leftmost-first (the earlier pattern
    /// wins at one position), in order.
    pub fn find_iter<'a, 'h>(&'a self, h: &'h str) -> NeedleMatches<'a, 'h> {
        match &self.0 {
            Searcher::Teddy(t) => NeedleMatches::Teddy(t.find_iter(h)),
            Searcher::Automaton(a) => NeedleMatches::Automaton(a.find_iter(h)),
        }
    }

    pub fn is_match(&self, h: &str) -> bool {
        match &self.0 {
            Searcher::Teddy(t) => t.find(h).is_some(),
            Searcher::Automaton(a) => a.is_match(h),
        }
    }
}

bitflags::bitflags! {
    /// The shared extractions of [`Extraction`], as a set: what a rule
    /// declares it reads (`reads:` in [`declare_rule!`](crate::declare_rule)),
    /// and what is computed at a given moment.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct Reads: u16 {
        const DATES = 1;
        const DOCNUMS = 1 << 1;
        const NUMBERS = 1 << 2;
        const OUTLINE = 1 << 3;
        const ORDINALS = 1 << 4;
        const RESIDUE = 1 << 5;
        const HALFWIDTH = 1 << 6;
        const PARTS = 1 << 7;
        const SENTENCES = 1 << 8;
        const PAIR_MARKS = 1 << 9;
        const TABLES = 1 << 10;
    }
}

bitflags::bitflags! {
    /// Which of four rare kinds of mark a document holds anywhere: each is
    /// what one rule looks for, and most documents hold none of them.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct RareMarks: u8 {
        /// Full-width digits ０–９ (P102).
        const FULLWIDTH_DIGITS = 1;
        /// The look-alikes of the interpunct •・‧∙ (P004).
        const INTERPUNCTS = 1 << 1;
        /// Full-width angle marks ＜＞ (P001).
        const ANGLES = 1 << 2;
        /// The variation selector U+FE0F that shows a symbol as an emoji
        /// (P204).
        const EMOJI_SELECTOR = 1 << 3;
    }
}

/// The patterns of [`RareMarks`], by kind: ten digits, four interpuncts,
/// two angles, one selector.
const RARE_KINDS: [(RareMarks, &[&str]); 4] = [
    (
        RareMarks::FULLWIDTH_DIGITS,
        &["０", "１", "２", "３", "４", "５", "６", "７", "８", "９"],
    ),
    (RareMarks::INTERPUNCTS, &["•", "・", "‧", "∙"]),
    (RareMarks::ANGLES, &["＜", "＞"]),
    (RareMarks::EMOJI_SELECTOR, &["\u{FE0F}"]),
];

/// All the patterns of [`RARE_KINDS`] in one set, then each kind's own.
static RARE: LazyLock<(Needles, [Needles; 4])> = LazyLock::new(|| {
    let all: Vec<&str> = RARE_KINDS
        .iter()
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    (Needles::new(&all), RARE_KINDS.map(|(_, p)| Needles::new(p)))
});

/// The search for one kind of [`RareMarks`] (what its rule looks for in a
/// line).
pub fn rare_mark_search(kind: RareMarks) -> &'static Needles {
    let (_, each) = &*RARE;
    let i = RARE_KINDS
        .iter()
        .position(|(k, _)| *k == kind)
        .expect("one kind of rare mark");
    &each[i]
}

/// The full-width marks of [`pair_marks`] but the angles (eight: as many
/// as Teddy has buckets).
static PAIRS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["《", "》", "〈", "〉", "“", "”", "（", "）"]));

/// The byte offsets, in text order, of the paired marks two rules read: 《》
/// 〈〉 “” （） ＜＞ and the ASCII `(` `)` `<` `>` (P001 the title and angle
/// marks, P002 all but the angles). One search serves both; the two rules
/// run one after the other and the offsets are freed after the second. The
/// angles, rare, are searched for only when `angles` says the text holds
/// ＜ or ＞ (see [`RareMarks`]). Offsets are u32, as in the output's
/// positions.
#[inline(never)]
pub fn pair_marks(text: &str, angles: bool) -> Vec<u32> {
    let b = text.as_bytes();
    // Each search gives its offsets in order; the whole is sorted once when
    // more than one of them found something.
    let mut at: Vec<u32> = Vec::new();
    let mut sources = 0;
    let mut add = |at: &mut Vec<u32>, found: &mut dyn Iterator<Item = usize>| {
        let n = at.len();
        at.extend(found.map(|p| p as u32));
        sources += usize::from(at.len() > n);
    };
    add(&mut at, &mut memchr::memchr2_iter(b'(', b')', b));
    if memchr::memchr2(b'<', b'>', b).is_some() {
        add(&mut at, &mut memchr::memchr2_iter(b'<', b'>', b));
    }
    if angles {
        let wide = rare_mark_search(RareMarks::ANGLES);
        add(&mut at, &mut wide.find_iter(text).map(|m| m.start()));
    }
    add(&mut at, &mut PAIRS.find_iter(text).map(|m| m.start()));
    if sources > 1 {
        at.sort_unstable();
    }
    at
}

/// The rare marks `text` holds. One search for all three kinds finds the
/// first mark (most texts hold none, and are read once, instead of once by
/// each of three rules); the kinds not seen yet are then looked for after
/// it, each with its own search, which stops at its first match (so that a
/// text full of one kind is not read match by match).
#[inline(never)]
pub fn rare_marks(text: &str) -> RareMarks {
    let (all, each) = &*RARE;
    let Some(first) = all.find_iter(text).next() else {
        return RareMarks::empty();
    };
    let rest = &text[first.start()..];
    let mut seen = RareMarks::empty();
    for ((kind, _), set) in RARE_KINDS.iter().zip(each) {
        if set.is_match(rest) {
            seen |= *kind;
        }
    }
    seen
}

/// The extractions in the order their readers run: each is built, read and
/// freed before the next one is built, so a document holds one of them at a
/// time (plus the ones a rule reads together). The numbers come first and
/// the outline last: the structure rules may report a finding on almost
/// every heading of a shuffled document, and those findings should not sit
/// beside the dates or the document numbers while these are built.
const RUN_ORDER: [Reads; 11] = [
    Reads::NUMBERS,
    Reads::PARTS,
    Reads::TABLES,
    Reads::SENTENCES,
    Reads::DATES,
    Reads::DOCNUMS,
    Reads::RESIDUE,
    Reads::HALFWIDTH,
    Reads::PAIR_MARKS,
    Reads::OUTLINE,
    Reads::ORDINALS,
];

/// Where a rule that reads `r` runs: by the first and then the last of its
/// extractions in `RUN_ORDER`; a rule that reads none runs last. Rules of
/// one key keep their registry order (the sort is stable).
pub fn run_key(r: Reads) -> (usize, usize) {
    let at = |i: &Reads| r.contains(*i);
    let first = RUN_ORDER.iter().position(at).unwrap_or(RUN_ORDER.len());
    let last = RUN_ORDER.iter().rposition(at).unwrap_or(RUN_ORDER.len());
    (first, last)
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
    sentences: OnceCell<Sentences>,
    pair_marks: OnceCell<Vec<u32>>,
    tables: OnceCell<Vec<tables::Table>>,
    /// One byte, kept for the whole document (never released).
    rare_marks: OnceCell<RareMarks>,
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
    SENTENCES => sentences,
    PAIR_MARKS => pair_marks,
    TABLES => tables,
);

impl Extraction {
    pub fn dates(&self, doc: &Document<'_>) -> &[dates::DateMention] {
        self.dates.get_or_init(|| dates::extract(doc))
    }

    pub fn docnums(&self, doc: &Document<'_>) -> &[docnum::DocNumber] {
        self.docnums.get_or_init(|| docnum::extract(doc))
    }

    pub fn numbers(&self, doc: &Document<'_>) -> &[numbers::Number] {
        self.numbers
            .get_or_init(|| numbers::extract(doc, self.sentences(doc)))
    }

    /// The sentences (the numbers are found sentence by sentence).
    pub fn sentences(&self, doc: &Document<'_>) -> &Sentences {
        self.sentences.get_or_init(|| Sentences::new(doc))
    }
}

impl crate::rules::Context<'_> {
    pub fn dates(&self) -> &[dates::DateMention] {
        self.ext.dates(self.doc)
    }

    pub fn docnums(&self) -> &[docnum::DocNumber] {
        self.ext.docnums(self.doc)
    }

    /// The sentences. A rule that reads them declares `SENTENCES`.
    pub fn sentences(&self) -> &Sentences {
        self.ext.sentences(self.doc)
    }

    /// Whether byte range `r` lies inside a 发文字号 (its digits are not a
    /// date, its brackets are N001's). Document numbers come in text order,
    /// so this is a binary search.
    pub fn inside_docnum(&self, r: &std::ops::Range<usize>) -> bool {
        let nums = self.docnums();
        let i = nums.partition_point(|n| n.range().start <= r.start);
        i.checked_sub(1)
            .is_some_and(|i| r.end <= nums[i].range().end)
    }

    pub fn numbers(&self) -> &[numbers::Number] {
        self.ext.numbers(self.doc)
    }

    /// The heading outline the S1xx rules share (built once per document).
    pub fn outline(&self) -> &Outline {
        self.ext.outline.get_or_init(|| Outline::new(self.doc))
    }

    /// The offsets of the paired marks (see [`pair_marks`]). A rule that
    /// reads them declares `PAIR_MARKS`.
    pub fn pair_marks(&self) -> &[u32] {
        self.ext.pair_marks.get_or_init(|| {
            pair_marks(self.doc.text, self.rare_marks().contains(RareMarks::ANGLES))
        })
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
            .get_or_init(|| PartLists::new(self.doc, self.sentences(), self.numbers()))
    }

    /// The tables typed as text (A001, A002).
    pub fn tables(&self) -> &[tables::Table] {
        self.ext.tables.get_or_init(|| tables::extract(self.doc))
    }

    /// The in-paragraph ordinals (一是、第一，首先，) S201 and S202 share.
    pub fn ordinals(&self) -> &[ordinal::Token] {
        self.ext.ordinals.get_or_init(|| ordinal::tokens(self.doc))
    }

    /// Which rare marks the document holds (P001, P004, P102, P204).
    pub fn rare_marks(&self) -> RareMarks {
        *self
            .ext
            .rare_marks
            .get_or_init(|| rare_marks(self.doc.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shared search gives every paired mark, in order, whichever of
    /// its searches found it; the angles ＜＞ only when told they are there.
    #[test]
    fn pair_marks_are_every_paired_mark_in_order() {
        let marks = "《》〈〉“”（）＜＞()<>";
        let alphabet: Vec<char> = format!("{marks}甲a1，").chars().collect();
        let mut rng = fastrand::Rng::with_seed(15);
        for _ in 0..3_000 {
            let text: String = (0..rng.usize(0..30))
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect();
            let angles = rare_marks(&text).contains(RareMarks::ANGLES);
            let walk: Vec<u32> = text
                .char_indices()
                .filter(|&(_, c)| marks.contains(c) && (angles || !"＜＞".contains(c)))
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(pair_marks(&text, angles), walk, "{text}");
        }
    }

    #[test]
    fn rare_marks_names_each_kind_a_text_holds() {
        type M = RareMarks;
        assert_eq!(rare_marks("依法行政，加强监督。"), M::empty());
        assert_eq!(rare_marks("共２０２３件"), M::FULLWIDTH_DIGITS);
        assert_eq!(rare_marks("甲•乙"), M::INTERPUNCTS);
        assert_eq!(rare_marks("《关于＜某法＞的决定》"), M::ANGLES);
        assert_eq!(rare_marks("⚖\u{FE0F}调解"), M::EMOJI_SELECTOR);
        assert_eq!(rare_marks("９・＞✔\u{FE0F}"), M::all());
        // A kind counts wherever it stands, however far after the first
        // mark of another.
        let filler = "依法行政，".repeat(2000);
        assert_eq!(rare_marks(&format!("{filler}∙")), M::INTERPUNCTS);
        assert_eq!(
            rare_marks(&format!("１{filler}∙{filler}＞")),
            M::FULLWIDTH_DIGITS | M::INTERPUNCTS | M::ANGLES
        );
        // A text full of one kind holds that kind only.
        assert_eq!(rare_marks(&"•".repeat(5000)), M::INTERPUNCTS);
    }

    /// Each range takes the items inside it; those before it are dropped,
    /// those after it are left for the next range.
    #[test]
    fn within_hands_each_range_its_items() {
        let mut it = [1usize, 3, 5, 8, 13, 21].into_iter().peekable();
        assert_eq!(within(&mut it, 2..6, |&p| p).collect::<Vec<_>>(), [3, 5]);
        assert_eq!(within(&mut it, 6..8, |&p| p).count(), 0);
        assert_eq!(
            within(&mut it, 10..30, |&p| p).collect::<Vec<_>>(),
            [13, 21]
        );
        assert_eq!(it.next(), None);
    }

    /// Once it has ended, the inner iterator is not asked again (memchr's
    /// would search the rest of the text again each time).
    #[test]
    fn stop_at_end_does_not_ask_again() {
        let asked = std::cell::Cell::new(0);
        let mut left = 2;
        let inner = std::iter::from_fn(|| {
            asked.set(asked.get() + 1);
            (left > 0).then(|| {
                left -= 1;
                left
            })
        });
        let mut it = stop_at_end(inner);
        assert_eq!((it.next(), it.next(), it.next()), (Some(1), Some(0), None));
        for _ in 0..10 {
            assert_eq!(it.next(), None);
        }
        assert_eq!(asked.get(), 3);
        // As a side of a merge, the finished side is not searched again.
        let text = "（2021）5号\n".repeat(50);
        let opened = std::cell::Cell::new(0);
        let ascii = stop_at_end(std::iter::from_fn(|| {
            opened.set(opened.get() + 1);
            memchr::memchr(b'(', text.as_bytes())
        }));
        assert_eq!(itertools::merge(ascii, 0..100).count(), 100);
        assert_eq!(opened.get(), 1);
    }

    #[test]
    fn the_digit_search_finds_what_a_byte_search_finds() {
        let mut rng = fastrand::Rng::with_seed(7);
        // Bytes around the digits (/ : and their high-bit twins) and Chinese.
        let alphabet: Vec<u8> = b"/0123456789:\xaf\xb0\xb9\xba a"
            .iter()
            .copied()
            .chain("年，".bytes())
            .collect();
        for len in 0..40 {
            for _ in 0..200 {
                let mut b: Vec<u8> = (0..len)
                    .map(|_| alphabet[rng.usize(..alphabet.len())])
                    .collect();
                if rng.bool() {
                    b.iter_mut().for_each(|x| {
                        if x.is_ascii_digit() {
                            *x = b'x'
                        }
                    });
                }
                let want = b.iter().position(u8::is_ascii_digit);
                assert_eq!(find_ascii_digit(&b), want, "{b:?}");
            }
        }
        for byte in 0..=255u8 {
            let b = [b'x', b'x', b'x', byte, b'x', b'x', b'x', b'x', b'x'];
            assert_eq!(
                find_ascii_digit(&b),
                byte.is_ascii_digit().then_some(3),
                "{byte}"
            );
        }
    }

    #[test]
    fn needles_find_what_the_automaton_finds_in_short_and_long_texts() {
        let sets: [&[&str]; 4] = [
            &["。", "！", "？"],
            &["\u{a0}", "\u{3000}"],
            &["分别", "分别为", "其中"],
            &["０", "１", "２", "３", "４", "５", "６", "７", "８", "９"],
        ];
        let line = "其中，分别为3件、５件。\u{3000}共计！分别是？";
        // Short lines take Teddy's fallback; a long text its SIMD path.
        let long = format!("{}{line}", "依法行政，".repeat(400)).repeat(3);
        for pats in sets {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(pats)
                .unwrap();
            let n = Needles::new(pats);
            for h in ["", "无", line, &long] {
                let want: Vec<_> = ac.find_iter(h).map(|m| (m.pattern(), m.range())).collect();
                let got: Vec<_> = n.find_iter(h).map(|m| (m.pattern(), m.range())).collect();
                assert_eq!(got, want, "{pats:?} in {} bytes", h.len());
                assert_eq!(n.is_match(h), !want.is_empty());
            }
        }
        // Leftmost-first: the earlier pattern wins where both start (分别为
        // and 分别是 are both found as 分别).
        let m: Vec<_> = Needles::new(&["分别", "分别为"]).find_iter(line).collect();
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|m| m.pattern().as_usize() == 0));
    }

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
    fn rules_run_grouped_by_what_they_read() {
        let mut reads = vec![
            Reads::empty(),
            Reads::OUTLINE,
            Reads::DOCNUMS | Reads::RESIDUE,
            Reads::DATES | Reads::DOCNUMS,
            Reads::RESIDUE,
            Reads::DOCNUMS,
            Reads::DATES,
            Reads::NUMBERS | Reads::PARTS,
            Reads::DATES | Reads::SENTENCES,
            Reads::NUMBERS | Reads::SENTENCES,
            Reads::NUMBERS,
        ];
        reads.sort_by_key(|r| run_key(*r));
        assert_eq!(
            reads,
            vec![
                Reads::NUMBERS,
                Reads::NUMBERS | Reads::PARTS,
                Reads::NUMBERS | Reads::SENTENCES,
                Reads::DATES | Reads::SENTENCES,
                Reads::DATES,
                Reads::DATES | Reads::DOCNUMS,
                Reads::DOCNUMS,
                Reads::DOCNUMS | Reads::RESIDUE,
                Reads::RESIDUE,
                Reads::OUTLINE,
                Reads::empty(),
            ]
        );
        // So the dates are gone before the document numbers' last reader,
        // and no two of numbers, dates and outline are held at once.
        let free = release_schedule(&reads);
        assert_eq!(free[1], Reads::PARTS);
        assert_eq!(free[2], Reads::NUMBERS);
        assert_eq!(free[3], Reads::SENTENCES);
        assert_eq!(free[5], Reads::DATES);
        assert_eq!(free[7], Reads::DOCNUMS);
    }

    #[test]
    fn a_released_extraction_is_computed_again_when_asked_for() {
        let doc = Document::new("审计查出金额3.84亿元，整改2.23亿元。2023年3月6日印发。\n");
        let mut ext = Extraction::default();
        assert_eq!(ext.computed(), Reads::empty());
        let before = ext.numbers(&doc).to_vec();
        assert!(before.len() >= 2);
        assert_eq!(ext.dates(&doc).len(), 1);
        // The numbers are found sentence by sentence.
        let nsd = Reads::NUMBERS | Reads::SENTENCES | Reads::DATES;
        assert_eq!(ext.computed(), nsd);
        ext.release(Reads::NUMBERS | Reads::SENTENCES);
        assert_eq!(ext.computed(), Reads::DATES);
        assert_eq!(ext.numbers(&doc), &before[..]);
        assert_eq!(ext.computed(), nsd);
    }
}
