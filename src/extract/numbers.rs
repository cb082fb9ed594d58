//! Numbers with their units, found once per document in the sentences of the
//! body.
//!
//! Recognised: Arabic integers and decimals (half- and full-width digits),
//! digit grouping where the document's style makes it unambiguous, Chinese
//! numerals (一千二百, 两千, 百分之九十), mixed forms (3.84亿元, 1.2万人),
//! percentages, ‰, 倍 and 个百分点. A value is kept exactly as a scaled
//! integer ([`Dec`]): 3.84亿元 is 384000000 元, never a binary float.
//!
//! Each number carries the qualifiers that keep it out of exact checks:
//! approximate (近/约/超过/逾 before, 余/多/以上/左右 after), part of a range
//! (3万～5万元, 5-15人), or uncertain (a comma that may be a folded 逗号, a
//! digit run glued to letters or to another number). A Chinese numeral
//! inside a short quotation is a slogan's word, not a count (`“最多跑一次”`),
//! and is not taken.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{Document, Sentences, Span32, is_range_mark};

/// The powers of ten an `i128` holds: 10^0 to 10^38.
const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut k = 1;
    while k < 39 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// `10^k`, or `None` when it does not fit in an `i128`: what
/// `10i128.checked_pow(k)` gives, from a table (the arithmetic rules scale
/// every figure they compare).
pub fn pow10(k: u32) -> Option<i128> {
    POW10.get(usize::try_from(k).ok()?).copied()
}

/// An exact decimal: `m / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dec {
    pub m: i128,
    pub scale: u32,
}

impl Dec {
    pub const ZERO: Dec = Dec { m: 0, scale: 0 };

    pub fn int(v: i128) -> Dec {
        Dec { m: v, scale: 0 }
    }

    /// Parse `123`, `12.50` (ASCII digits only).
    pub fn parse(s: &str) -> Option<Dec> {
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        if i.is_empty()
            || !i.bytes().all(|b| b.is_ascii_digit())
            || !f.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if i.len() + f.len() > 30 {
            return None;
        }
        let mut m: i128 = 0;
        for b in i.bytes().chain(f.bytes()) {
            m = m * 10 + (b - b'0') as i128;
        }
        Some(Dec {
            m,
            scale: f.len() as u32,
        })
    }

    /// Bring both to the same scale.
    fn align(self, o: Dec) -> Option<(i128, i128, u32)> {
        if self.scale == o.scale {
            return Some((self.m, o.m, self.scale));
        }
        let s = self.scale.max(o.scale);
        let a = self.m.checked_mul(pow10(s - self.scale)?)?;
        let b = o.m.checked_mul(pow10(s - o.scale)?)?;
        Some((a, b, s))
    }

    pub fn checked_add(self, o: Dec) -> Option<Dec> {
        let (a, b, s) = self.align(o)?;
        Some(Dec {
            m: a.checked_add(b)?,
            scale: s,
        })
    }

    pub fn checked_sub(self, o: Dec) -> Option<Dec> {
        let (a, b, s) = self.align(o)?;
        Some(Dec {
            m: a.checked_sub(b)?,
            scale: s,
        })
    }

    /// Multiply by `10^k`.
    pub fn mul_pow10(self, k: u32) -> Option<Dec> {
        if self.scale >= k {
            Some(Dec {
                m: self.m,
                scale: self.scale - k,
            })
        } else {
            Some(Dec {
                m: self.m.checked_mul(pow10(k - self.scale)?)?,
                scale: 0,
            })
        }
    }

    pub fn is_positive(self) -> bool {
        self.m > 0
    }

    /// Compare exactly; `None` only on overflow.
    pub fn cmp_exact(self, o: Dec) -> Option<Ordering> {
        let (a, b, _) = self.align(o)?;
        Some(a.cmp(&b))
    }

    /// Remove trailing zeros of the fraction.
    pub fn normalized(self) -> Dec {
        let mut d = self;
        while d.scale > 0 && d.m % 10 == 0 {
            d.m /= 10;
            d.scale -= 1;
        }
        d
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.m < 0;
        let digits = self.m.unsigned_abs().to_string();
        let s = self.scale as usize;
        let body = if s == 0 {
            digits
        } else if digits.len() > s {
            format!(
                "{}.{}",
                &digits[..digits.len() - s],
                &digits[digits.len() - s..]
            )
        } else {
            format!("0.{}{}", "0".repeat(s - digits.len()), digits)
        };
        if neg {
            write!(f, "-{body}")
        } else {
            f.write_str(&body)
        }
    }
}

/// What a number measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A count or amount, with or without a unit.
    Plain,
    /// `97.5%`, `百分之九十`: the value is the percentage (97.5).
    Percent,
    /// `3‰`: the value is the per-mille figure (3).
    Permille,
    /// `3.72倍`.
    Times,
    /// `2个百分点` / `2百分点`.
    Points,
}

/// A number as written, with its unit and qualifiers.
///
/// Kept small (64 bytes): a large document holds one per figure. The value
/// is stored as written (a 64-bit mantissa, its scale and the power of ten
/// of the multiplier) and given out as exact [`Dec`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// The number with its multiplier, % sign or unit (`3.84亿元`, `97.5%`);
    /// read through [`Number::range`]. A `u32` span (see [`Span32`]): a
    /// draft may hold a number every few dozen bytes, and a number is 32
    /// bytes (was 40).
    range_at: Span32,
    /// The normalised unit (`件`, `元`, `人次`, `平方米` …); 万元 and 亿元 are
    /// `元` with the multiplier in `value`. `None` for a bare number and for
    /// percentages.
    pub unit: Option<Unit>,
    /// Index into `Document::sentences` (see [`Number::sentence`]).
    sentence: u32,
    /// The written value's mantissa and scale (`3.84` → 384, 2).
    m: i64,
    scale: u8,
    /// The multiplier's power of ten (`亿` → 8).
    pow: u8,
    /// Length in bytes of the numeral with its multiplier, from `range.start`.
    numeral_len: u16,
    pub kind: Kind,
    /// 近/约/超过/逾 before it, 余/多/以上/左右/以下 after it.
    pub approx: bool,
    /// One end of a range (3万～5万元, 5-15人, 1至2期).
    pub in_range: bool,
    /// The reading is not certain (a comma that may be a folded 逗号, a run
    /// glued to letters, a decimal point followed by a space).
    pub uncertain: bool,
    /// Written in Chinese numerals.
    pub chinese: bool,
}

/// What [`Number::new`] needs besides the value.
struct Reading {
    range: Range<usize>,
    numeral_end: usize,
    kind: Kind,
    unit: Option<Unit>,
    approx: bool,
    uncertain: bool,
    chinese: bool,
}

impl Number {
    /// The number with its multiplier, % sign or unit (`3.84亿元`, `97.5%`).
    pub fn range(&self) -> Range<usize> {
        self.range_at.range()
    }

    /// Move it by `base` bytes (from a sentence's offsets to the text's).
    fn shift(&mut self, base: usize) {
        let r = self.range();
        self.range_at = (r.start + base..r.end + base).into();
    }

    /// A number whose written value is `written` times `10^pow`; `None` when
    /// the value does not fit (more than 18 significant digits, which no
    /// figure of a report has).
    fn new(written: Dec, pow: u32, r: Reading) -> Option<Number> {
        written.mul_pow10(pow)?;
        Some(Number {
            m: i64::try_from(written.m).ok()?,
            scale: u8::try_from(written.scale).ok()?,
            pow: u8::try_from(pow).ok()?,
            numeral_len: u16::try_from(r.numeral_end.checked_sub(r.range.start)?).ok()?,
            range_at: r.range.into(),
            unit: r.unit,
            sentence: 0,
            kind: r.kind,
            approx: r.approx,
            in_range: false,
            uncertain: r.uncertain,
            chinese: r.chinese,
        })
    }

    /// The numeral only, with any multiplier (`3.84亿`, `97.5`).
    pub fn numeral(&self) -> Range<usize> {
        self.range().start..self.range().start + usize::from(self.numeral_len)
    }

    /// The number as a message quotes it: its text, without a line break
    /// it was read over (see [`crate::document::joined`]).
    pub fn shown<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        crate::document::joined(&text[self.range()])
    }

    /// The numeral only (see [`Number::numeral`]), as a message quotes it.
    pub fn shown_numeral<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        crate::document::joined(&text[self.numeral()])
    }

    /// The sum of `parts` as one figure of their unit, multiplier and kind,
    /// standing where the last stands (what a change stated of several
    /// figures together is read against: `代表建议20件，政协提案110件，同比
    /// 增长30.0%`); `None` when they are not alike or the sum does not fit.
    pub fn sum_of(parts: &[&Number]) -> Option<Number> {
        let (last, rest) = parts.split_last()?;
        let mut w = last.written();
        for p in rest {
            if p.pow != last.pow || p.unit != last.unit || p.kind != last.kind {
                return None;
            }
            w = w.checked_add(p.written())?;
        }
        let mut n = (*last).clone();
        n.m = i64::try_from(w.m).ok()?;
        n.scale = u8::try_from(w.scale).ok()?;
        Some(n)
    }

    /// The value as written, before the multiplier (3.84 for 3.84亿元).
    pub fn written(&self) -> Dec {
        Dec {
            m: i128::from(self.m),
            scale: u32::from(self.scale),
        }
    }

    /// The value in the base unit (384000000 for 3.84亿元).
    pub fn value(&self) -> Dec {
        // `new` checked that the product fits.
        self.written()
            .mul_pow10(u32::from(self.pow))
            .unwrap_or(Dec::ZERO)
    }

    /// `value` in the terms the number is written in: 136000000 as `1.36亿`
    /// beside 1.26亿元, as it is without a 万, 亿 or 万亿.
    pub fn in_terms_of(&self, value: Dec) -> String {
        let word = match self.pow {
            4 => "万",
            8 => "亿",
            12 => "万亿",
            _ => return value.normalized().to_string(),
        };
        let scaled = Dec {
            m: value.m,
            scale: value.scale + u32::from(self.pow),
        };
        format!("{}{word}", scaled.normalized())
    }

    /// `value` as [`Number::in_terms_of`] writes it, its whole part grouped
    /// by thousands when this figure's own digits are (`18,742` beside
    /// `18,642个`), so that a message sets like beside like.
    pub fn in_terms_of_like(&self, text: &str, value: Dec) -> String {
        group_like(&text[self.range()], self.in_terms_of(value))
    }

    /// Half a unit of the last digit written, in the base unit, when the
    /// figure is rounded there: written with decimals or a multiplier
    /// (`915.3亿元` stands for [915.25亿, 915.35亿): 0.05亿); zero for a
    /// whole number with neither (`35件` is exact).
    pub fn rounding(&self) -> Dec {
        if self.scale == 0 && self.pow == 0 {
            return Dec::ZERO;
        }
        Dec {
            m: 5,
            scale: u32::from(self.scale) + 1,
        }
        .mul_pow10(u32::from(self.pow))
        .unwrap_or(Dec::ZERO)
    }

    /// Decimal places as written (97.31 → 2, 99 → 0).
    pub fn precision(&self) -> u32 {
        u32::from(self.scale)
    }

    /// A plain count or amount that may take part in an exact check.
    pub fn is_exact(&self) -> bool {
        !self.approx && !self.in_range && !self.uncertain
    }

    pub fn is_count(&self) -> bool {
        self.kind == Kind::Plain && self.unit.is_some_and(Unit::counts)
    }

    /// Index into `Document::sentences` of the sentence it is in.
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
}

/// A normalised unit in one byte: the row of the unit table that writes it
/// (`万元`, `亿元` and `元` are all the row of `元`). Units compare as
/// bytes, not as text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Unit(u8);

impl Unit {
    /// 年, the unit of a year (`2025年`).
    pub const YEAR: Unit = Unit(row_of("年"));
    /// 天, the unit of a count of days.
    pub const DAY: Unit = Unit(row_of("天"));
    /// 类, the unit of a count of kinds (`三类`), also read in a kind's
    /// name (`一类案件`).
    pub const KIND: Unit = Unit(row_of("类"));

    pub fn as_str(self) -> &'static str {
        UNITS[self.0 as usize].0
    }

    /// Counts things (as opposed to dates, scores and measures).
    pub fn counts(self) -> bool {
        COUNTS[self.0 as usize]
    }
}

/// The unit written exactly `name` (`件`, `万元`) and the power of ten it
/// folds into a value (万元 → 4), as a number written with it would have
/// them: for a unit written apart from its figures, in a table's header
/// (`受理（件）`).
pub fn unit_named(name: &str) -> Option<(Unit, u32)> {
    let j = UNITS.iter().position(|u| u.0 == name)?;
    Some((Unit(CANONICAL[j]), UNITS[j].2))
}

impl fmt::Debug for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `c` opens a unit or a multiplier a figure split from it by a
/// [soft break](crate::document::Document::soft_breaks) runs on into
/// (`236` / `件`, `96` / `%`): the counts, amounts and rates the
/// arithmetic reads, and none that opens a common word (部门, 单位, 本年).
pub fn opens_unit(c: char) -> bool {
    "%％‰万亿元件个人项次起家户名所条份场宗卷批倍".contains(c)
}

/// The first row of [`UNITS`] that writes `name` (a compile error if none).
const fn row_of(name: &str) -> u8 {
    let mut j = 0;
    while !same(UNITS[j].0, name) {
        j += 1;
    }
    j as u8
}

/// For each row of [`UNITS`], the [`Unit`] of its normalised form.
const CANONICAL: [u8; UNITS.len()] = {
    let mut out = [0; UNITS.len()];
    let mut i = 0;
    while i < UNITS.len() {
        out[i] = row_of(UNITS[i].1);
        i += 1;
    }
    out
};

/// Units that do not count things.
const NOT_COUNTS: &[&str] = &["年", "月", "日", "号", "分", "岁", "天", "工作日", "小时"];

const COUNTS: [bool; UNITS.len()] = {
    let mut out = [true; UNITS.len()];
    let mut i = 0;
    while i < NOT_COUNTS.len() {
        out[row_of(NOT_COUNTS[i]) as usize] = false;
        i += 1;
    }
    out
};

/// Units, longest first within a shared prefix. The second field is the
/// power of ten folded into the value (万元 → 元 × 10^4).
const UNITS: &[(&str, &str, u32)] = &[
    ("万亿元", "元", 12),
    ("亿元", "元", 8),
    ("千万元", "元", 7),
    ("百万元", "元", 6),
    ("万元", "元", 4),
    ("千元", "元", 3),
    ("元", "元", 0),
    ("人次", "人次", 0),
    ("件次", "件次", 0),
    ("户次", "户次", 0),
    ("场次", "场次", 0),
    ("车次", "车次", 0),
    ("家次", "家次", 0),
    ("余人", "人", 0),
    ("人", "人", 0),
    ("件", "件", 0),
    ("项", "项", 0),
    ("个工作日", "工作日", 0),
    ("个", "个", 0),
    ("次", "次", 0),
    ("起", "起", 0),
    ("卷", "卷", 0),
    ("条", "条", 0),
    ("份", "份", 0),
    ("名", "名", 0),
    ("户", "户", 0),
    ("家", "家", 0),
    ("宗", "宗", 0),
    ("场", "场", 0),
    ("期", "期", 0),
    ("批次", "批次", 0),
    ("批", "批", 0),
    ("类", "类", 0),
    ("所", "所", 0),
    ("处", "处", 0),
    ("座", "座", 0),
    ("台", "台", 0),
    ("辆", "辆", 0),
    ("艘", "艘", 0),
    ("架", "架", 0),
    ("栋", "栋", 0),
    ("间", "间", 0),
    ("套", "套", 0),
    ("册", "册", 0),
    ("篇", "篇", 0),
    ("位", "位", 0),
    ("部", "部", 0),
    ("本", "本", 0),
    ("张", "张", 0),
    ("封", "封", 0),
    ("支", "支", 0),
    ("队", "队", 0),
    ("例", "例", 0),
    ("单", "单", 0),
    ("笔", "笔", 0),
    ("平方公里", "平方公里", 0),
    ("平方米", "平方米", 0),
    ("公顷", "公顷", 0),
    ("亩", "亩", 0),
    ("公里", "公里", 0),
    ("千米", "公里", 0),
    ("米", "米", 0),
    ("吨", "吨", 0),
    ("天", "天", 0),
    ("工作日", "工作日", 0),
    ("年", "年", 0),
    ("月", "月", 0),
    ("日", "日", 0),
    ("号", "号", 0),
    ("分", "分", 0),
    ("小时", "小时", 0),
    ("岁", "岁", 0),
];

/// Units a Chinese numeral must be followed by to count as a number (and not
/// as part of a word such as 十分, 一体, 三中全会).
const CN_UNITS: &[&str] = &[
    "万元", "亿元", "元", "人次", "件", "项", "个", "人", "次", "名", "户", "家", "条", "份", "起",
    "批", "类", "场", "所", "处", "宗", "卷", "期",
];

/// A character of three bytes of UTF-8 (every Chinese character here) as a
/// number: its bytes, little-endian. [`key_at`] reads the same from a text,
/// so that a character is compared at once, not byte by byte.
const fn key(c: &str) -> u32 {
    let b = c.as_bytes();
    assert!(b.len() >= 3, "a character of three bytes");
    u32::from_le_bytes([b[0], b[1], b[2], 0])
}

/// The three bytes at `i` of `b` as [`key`] makes them (0 when fewer
/// remain). Equal to the key of a three-byte character exactly when that
/// character stands at `i`: its lead byte fixes its length.
fn key_at(b: &[u8], i: usize) -> u32 {
    match b.get(i..i + 3) {
        Some(&[x, y, z]) => u32::from_le_bytes([x, y, z, 0]),
        _ => 0,
    }
}

/// The rows of [`UNITS`] by the first character they start with, found in
/// two steps: `slots` maps the low six bits of that character's second and
/// third bytes (twelve bits, one of 4096 slots) to a run of `rows`, whose
/// keys ([`key`]) then tell the characters of one slot apart. Within one
/// character the rows come longest first, then in table order. Built at
/// compile time: a static, not a lazy one checked at each numeral.
struct UnitIndex {
    /// For each slot, where its run starts in `rows`; one more entry ends the
    /// last run.
    slots: [u8; 4097],
    /// `(key of the first character, row)`.
    rows: [(u32, u8); UNITS.len()],
}

const fn slot_of(key: u32) -> usize {
    // The second byte's low six bits, then the third's.
    (((key >> 8) & 63) << 6 | ((key >> 16) & 63)) as usize
}

/// Whether row `x` of the index comes before row `y`: by slot, by key,
/// longest first, then in table order.
const fn before_in_index(x: (u32, u8), y: (u32, u8)) -> bool {
    let (sx, sy) = (slot_of(x.0), slot_of(y.0));
    if sx != sy {
        return sx < sy;
    }
    if x.0 != y.0 {
        return x.0 < y.0;
    }
    let (lx, ly) = (UNITS[x.1 as usize].0.len(), UNITS[y.1 as usize].0.len());
    if lx != ly {
        return lx > ly;
    }
    x.1 < y.1
}

static UNIT_INDEX: UnitIndex = {
    let mut rows = [(0u32, 0u8); UNITS.len()];
    let mut k = 0;
    while k < UNITS.len() {
        // An insertion sort (a few dozen rows, once, at compile time).
        let new = (key(UNITS[k].0), k as u8);
        let mut j = k;
        while j > 0 && before_in_index(new, rows[j - 1]) {
            rows[j] = rows[j - 1];
            j -= 1;
        }
        rows[j] = new;
        k += 1;
    }
    // Each slot's run starts where the rows of the slots before it end.
    let mut slots = [0u8; 4097];
    let mut slot = 0;
    let mut r = 0;
    while slot <= 4096 {
        while r < UNITS.len() && slot_of(rows[r].0) < slot {
            r += 1;
        }
        slots[slot] = r as u8;
        slot += 1;
    }
    UnitIndex { slots, rows }
};

/// For each row of [`UNITS`], the keys of its characters (every one of
/// three bytes), 0 past its end: a unit of several characters is matched
/// key by key, without a call to compare bytes.
const UNIT_KEYS: [[u32; 4]; UNITS.len()] = {
    let mut out = [[0u32; 4]; UNITS.len()];
    let mut row = 0;
    while row < UNITS.len() {
        let w = UNITS[row].0.as_bytes();
        assert!(w.len().is_multiple_of(3) && w.len() <= 12);
        let mut j = 0;
        while j < w.len() / 3 {
            let c = [w[3 * j], w[3 * j + 1], w[3 * j + 2]];
            assert!(c[0] >= 0xE0 && c[0] < 0xF0, "three bytes");
            out[row][j] = u32::from_le_bytes([c[0], c[1], c[2], 0]);
            j += 1;
        }
        row += 1;
    }
    out
};

/// How row `row` of [`UNITS`] is read: the unit as written and the power of
/// ten it folds into the value. `余人` is read as 人 (the 余 marks the
/// number approximate), with nothing to fold.
/// (A comparison of rows, not of strings: it runs for every unit read.)
const fn unit_row(row: usize) -> (&'static str, u32) {
    const YU_REN: usize = row_of("余人") as usize;
    if row == YU_REN {
        ("人", 0)
    } else {
        (UNITS[row].0, UNITS[row].2)
    }
}

/// Whether each row of [`UNITS`], as read, may follow a Chinese numeral
/// ([`CN_UNITS`]).
const CN_UNIT_ROWS: [bool; UNITS.len()] = {
    let mut out = [false; UNITS.len()];
    let mut row = 0;
    while row < UNITS.len() {
        let mut j = 0;
        while j < CN_UNITS.len() {
            out[row] |= same(CN_UNITS[j], unit_row(row).0);
            j += 1;
        }
        row += 1;
    }
    out
};

/// The unit at byte `i` of `b`, whose character there has key `first`
/// (`key_at(b, i)`, which the caller has read already): its row of
/// [`UNITS`] (which says how it is written and the power of ten it folds
/// into the value) and its normalised form. The longest unit wins (`万元`
/// over `万`): the rows that start with the character at `i` are found in
/// [`UNIT_INDEX`] and tried longest first, and a unit of one character is
/// matched by its key alone. (This runs for every numeral; an anchored
/// Aho-Corasick automaton gave the same answers at several times the cost,
/// and the tests hold this search to it.)
fn unit_with_key(b: &[u8], i: usize, first: u32) -> Option<(usize, Unit)> {
    let index = &UNIT_INDEX;
    let slot = slot_of(first);
    let run = usize::from(index.slots[slot])..usize::from(index.slots[slot + 1]);
    // (Loops, not iterator adapters: these stay inlined.)
    for &(k, row) in &index.rows[run] {
        if k != first {
            continue;
        }
        let row = usize::from(row);
        // The characters after the first, key by key.
        let keys = &UNIT_KEYS[row];
        let mut j = 1;
        while j < keys.len() && keys[j] != 0 && key_at(b, i + 3 * j) == keys[j] {
            j += 1;
        }
        if j == keys.len() || keys[j] == 0 {
            return Some((row, Unit(CANONICAL[row])));
        }
    }
    None
}

/// [`unit_with_key`] at byte `i` of `s`.
#[cfg(test)]
fn unit_at(s: &str, i: usize) -> Option<(usize, Unit)> {
    let b = s.as_bytes();
    unit_with_key(b, i, key_at(b, i))
}

/// The words before a number that make it approximate. The number reads
/// them with [`approx_before`], character by character; the tests hold it
/// to this table.
#[cfg(test)]
const APPROX_BEFORE: &[&str] = &[
    "近", "约", "超过", "超", "逾", "大约", "将近", "接近", "不足", "不到", "至少", "最多", "多达",
    "上", "数", "几", "成",
];
/// The words after a number that make it approximate (read by
/// [`approx_after`]).
#[cfg(test)]
const APPROX_AFTER: &[&str] = &[
    "余", "多", "以上", "左右", "以下", "以内", "上下", "许", "来",
];

/// The key of the character that ends at byte `end` of `b`, when it is
/// three bytes long (0 otherwise, or when fewer bytes come before). `end`
/// is a character's boundary: three bytes before it that match a key are
/// that character.
fn key_before(b: &[u8], end: usize) -> u32 {
    end.checked_sub(3).map_or(0, |at| key_at(b, at))
}

/// Whether the number starting at byte `start` of `b` follows a word of
/// [`APPROX_BEFORE`] that marks it approximate: 近, 约 and the rest, and 上,
/// 数, 几 and 成 only before a Chinese numeral (上万, 数十, 几百; not
/// 总数120件; 近 in 习近平 is never directly before a numeral that counts).
/// Read from the last character (most numbers follow none of them), then
/// the one before it for the words of two (超过, 不足 …; 将近 and 大约 end
/// in a word of their own).
fn approx_before(b: &[u8], start: usize, chinese: bool) -> bool {
    const JIN: u32 = key("近");
    const YUE: u32 = key("约");
    const CHAO: u32 = key("超");
    const YU: u32 = key("逾");
    const GUO: u32 = key("过");
    const ZU: u32 = key("足");
    const DAO: u32 = key("到");
    const SHAO: u32 = key("少");
    const DUO: u32 = key("多");
    const DA: u32 = key("达");
    const SHANG: u32 = key("上");
    const SHU: u32 = key("数");
    const JI: u32 = key("几");
    const CHENG: u32 = key("成");
    let second = || key_before(b, start - 3);
    match key_before(b, start) {
        JIN | YUE | CHAO | YU => true,
        GUO => second() == key("超"),
        ZU | DAO => second() == key("不"),
        SHAO => second() == key("至"),
        DUO => second() == key("最"),
        DA => second() == key("多"),
        SHANG | SHU | JI | CHENG => chinese,
        _ => false,
    }
}

/// Whether the text at byte `i` of `b` (after a number's unit) starts a
/// word of [`APPROX_AFTER`] that marks the number approximate: 余, 多, 以上,
/// 以下, 以内 or 左右 (来, 许 and 上下 do not), and 多 not as the start of
/// a word (多元, 多种, 多部门 …).
fn approx_after(b: &[u8], i: usize) -> bool {
    const YU: u32 = key("余");
    const DUO: u32 = key("多");
    const YI: u32 = key("以");
    const ZUO: u32 = key("左");
    // The words 多 starts, by their second character: 多元 多种 多次 多头
    // 多措 多方 多个 多项 多样 多彩, and 多部门 多渠道 by their third.
    const DUO_WORDS: [u32; 10] = [
        key("元"),
        key("种"),
        key("次"),
        key("头"),
        key("措"),
        key("方"),
        key("个"),
        key("项"),
        key("样"),
        key("彩"),
    ];
    let next = || key_at(b, i + 3);
    match key_at(b, i) {
        YU => true,
        DUO => {
            let (next, third) = (next(), key_at(b, i + 6));
            !(DUO_WORDS.contains(&next)
                || next == key("部") && third == key("门")
                || next == key("渠") && third == key("道"))
        }
        YI => matches!(next(), n if n == key("上") || n == key("下") || n == key("内")),
        ZUO => next() == key("右"),
        _ => false,
    }
}

fn digit_of(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        '一' | '壹' => Some(1),
        '二' | '两' | '贰' => Some(2),
        '三' | '叁' => Some(3),
        '四' | '肆' => Some(4),
        '五' | '伍' => Some(5),
        '六' | '陆' => Some(6),
        '七' | '柒' => Some(7),
        '八' | '捌' => Some(8),
        '九' | '玖' => Some(9),
        _ => None,
    }
}

fn cn_small_unit(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        _ => None,
    }
}

/// The Chinese numerals (digits with their financial forms, 两, 十百千 and
/// theirs, 万, 亿).
const CN_NUMERALS: &str = "〇零一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿";

/// The full-width digits, which the skip below stops at as well.
const FULLWIDTH_DIGITS: &str = "０１２３４５６７８９";

/// One bit for each value of the low twelve bits of the code point of a
/// numeral or a full-width digit (512 bytes): a character whose bit is clear
/// is neither (about one CJK character in a hundred passes).
const CN_NUMERAL_BITS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let sets = [CN_NUMERALS.as_bytes(), FULLWIDTH_DIGITS.as_bytes()];
    let mut k = 0;
    while k < sets.len() {
        let b = sets[k];
        let mut i = 0;
        while i < b.len() {
            // Every one is three bytes in UTF-8.
            let cp = ((b[i] as u32 & 0x0F) << 12)
                | ((b[i + 1] as u32 & 0x3F) << 6)
                | (b[i + 2] as u32 & 0x3F);
            bits[((cp >> 6) & 63) as usize] |= 1 << (cp & 63);
            i += 3;
        }
        k += 1;
    }
    bits
};

/// Whether `s[start..end]` stands inside a short quotation (`“综合查一次”`,
/// `“最多跑一次”`): a slogan, whose Chinese numerals count nothing. At most
/// ten characters on either side.
fn in_short_quote(s: &str, start: usize, end: usize) -> bool {
    const NEAR: usize = 10;
    let opened = s[..start]
        .chars()
        .rev()
        .take(NEAR)
        .take_while(|&c| c != '”' && c != '」')
        .any(|c| c == '“' || c == '「');
    opened
        && s[end..]
            .chars()
            .take(NEAR)
            .take_while(|&c| c != '“' && c != '「')
            .any(|c| c == '”' || c == '」')
}

/// From byte `i`, the first byte that is not the start of a three-byte
/// character (lead byte E0–EF) whose table bit is clear: the characters
/// skipped can be neither numerals nor full-width digits. (For such a
/// character, bits 6–11 of the code point are the low bits of its second
/// byte and bits 0–5 those of its third.) The full-width punctuation (，：
/// （）, lead byte EF) and the quotation marks (“”, E2) between the Chinese
/// characters are skipped with them, without a return to the scan for each.
fn skip_non_numerals(b: &[u8], mut i: usize) -> usize {
    let skip = |lead: u8, b1: u8, b2: u8| {
        lead & 0xF0 == 0xE0 && CN_NUMERAL_BITS[usize::from(b1 & 63)] & (1 << (b2 & 63)) == 0
    };
    // Three-byte steps from a character's start stay on characters' starts
    // for as long as the characters are three bytes long; four characters
    // a step.
    while let Some(&[a0, a1, a2, b0, b1, b2, c0, c1, c2, d0, d1, d2]) = b.get(i..i + 12) {
        if !skip(a0, a1, a2) {
            return i;
        }
        if !skip(b0, b1, b2) {
            return i + 3;
        }
        if !skip(c0, c1, c2) {
            return i + 6;
        }
        if !skip(d0, d1, d2) {
            return i + 9;
        }
        i += 12;
    }
    while let Some(&[a0, a1, a2]) = b.get(i..i + 3)
        && skip(a0, a1, a2)
    {
        i += 3;
    }
    i
}

fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_small_unit(c).is_some() || c == '万' || c == '亿'
}

/// Parse a Chinese integer (一千二百三十四, 两千, 十二, 三亿八千四百万,
/// 两千三 = 2300). `None` when malformed.
pub fn parse_chinese(s: &str) -> Option<i128> {
    let mut cs = s.chars();
    cs.next()?;
    // A plain digit string (二〇二四) is not a count here.
    if cs.next().is_some() && s.chars().all(|c| cn_digit(c).is_some()) {
        return None;
    }
    let mut total: i128 = 0; // completed 亿 sections
    let mut section: i128 = 0; // completed 万 part within the current 亿 section
    let mut small: i128 = 0; // below 万
    let mut digit: Option<i128> = None;
    let mut last_unit_pow: u32 = 0; // power of the last multiplier seen, for 两千三
    let mut zero_seen = false;
    for (i, c) in s.chars().enumerate() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                zero_seen = true;
                continue;
            }
            digit = Some(d as i128);
        } else if let Some(p) = cn_small_unit(c) {
            let d = match digit.take() {
                Some(d) => d,
                None if i == 0 || p == 1 => 1,
                None => return None,
            };
            small = small.checked_add(d * POW10[p as usize])?;
            last_unit_pow = p;
            zero_seen = false;
        } else if c == '万' {
            if let Some(d) = digit.take() {
                small += d;
            }
            if small == 0 && section == 0 && total == 0 {
                return None;
            }
            section = section.checked_add(small.checked_mul(10_000)?)?;
            small = 0;
            last_unit_pow = 4;
            zero_seen = false;
        } else if c == '亿' {
            if let Some(d) = digit.take() {
                small += d;
            }
            let v = section.checked_add(small)?;
            if v == 0 && total == 0 {
                return None;
            }
            total = total.checked_add(v)?.checked_mul(100_000_000)?;
            section = 0;
            small = 0;
            last_unit_pow = 8;
            zero_seen = false;
        } else {
            return None;
        }
    }
    if let Some(d) = digit {
        // 两千三 = 2300, 一万二 = 12000; 一千零三 = 1003.
        if last_unit_pow >= 2 && !zero_seen {
            small = small.checked_add(d * POW10[(last_unit_pow - 1) as usize])?;
        } else {
            small += d;
        }
    }
    total.checked_add(section)?.checked_add(small)
}

/// Find the numbers of a document, sentence by sentence.
#[inline(never)]
pub fn extract(doc: &Document<'_>, sentences: &Sentences) -> Vec<Number> {
    let text = doc.text;
    // ASCII `,` is a grouping separator only when the document writes its
    // 逗号 full-width. (A byte search: `contains('，')` would stop at every
    // character that shares its last byte.)
    let fullwidth_commas = memchr::memmem::find(text.as_bytes(), "，".as_bytes()).is_some();
    // Room for one number every 24 bytes, reserved at once: more than the
    // densest drafts hold (one every 32 bytes in 20 MB of short lines), so
    // that a large document's vector is not grown and copied step by step
    // (each copy briefly holds both), and large enough to be faulted in huge
    // pages (see `crate::alloc`). The part never written is never touched,
    // and is given back below. When the room is refused, the vector grows
    // as usual.
    let mut out: Vec<Number> = Vec::new();
    let _ = out.try_reserve_exact(text.len() / 24);
    // The line breaks a figure runs on over (a text wrapped by hand that
    // breaks `8` / `7个`): few, and in most texts none.
    for (si, r) in sentences.iter().enumerate() {
        scan_sentence(text, r, si, fullwidth_commas, &mut out);
    }
    // With the page breaks a sentence runs on over (few: only in a PDF
    // copied as text), in text order.
    let soft = doc.soft_breaks();
    let merged: Vec<(usize, usize)>;
    let joins = if doc.page_breaks().is_empty() {
        soft
    } else {
        merged = merge_joins(soft, doc.page_joins());
        &merged
    };
    if !joins.is_empty() {
        read_over_breaks(text, sentences, joins, fullwidth_commas, &mut out);
    }
    doubt_cuts(doc, joins, &mut out);
    // Give back the room not used.
    out.shrink_to_fit();
    out
}

/// The soft breaks and the page breaks together, in text order, none
/// overlapping another. A line may end in both: before a bare folio (`…共计12`
/// / `3` / running title / `5件…`) the soft break would read the folio's digit
/// into the figure; the page break, which runs on past the furniture, is
/// kept.
fn merge_joins(
    soft: &[(usize, usize)],
    pages: impl Iterator<Item = (usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for j in itertools::merge(soft.iter().copied(), pages) {
        match out.last_mut() {
            // Sorted: the later one from the same line end runs on further.
            Some(last) if last.0 == j.0 => *last = j,
            Some(last) if j.0 < last.1 => {}
            _ => out.push(j),
        }
    }
    out
}

/// The figures a line break may cut that is not read over (see
/// [`Document::soft_breaks`]): a line that ends in a digit and a decimal
/// point or an ASCII comma (`12.`, `1,`) before a line that starts with a
/// digit (`5万元`, `288件`), also when a page's furniture stands between
/// them (a folio `— 3 —` and a running title: a PDF's page break); or a
/// line that ends in a digit before one that starts with an ASCII comma or
/// point and digits (`共计1` / `,200人次`). The reading on either side of
/// it may be a piece of one figure (12.5万元, 1,288件, 1,200人次): both are
/// uncertain, and no arithmetic is done with them.
#[inline(never)]
fn doubt_cuts(doc: &Document<'_>, joins: &[(usize, usize)], out: &mut [Number]) {
    let b = doc.text.as_bytes();
    let ends_in_digit = |e: usize| ends_in_digit(&b[..e]);
    let starts_with_digit = |s: usize| doc.text[s..].chars().next().and_then(digit_of).is_some();
    // The number that starts at `at`, and the one that ends at `cut`.
    let mut doubt = |at: usize, cut: usize| {
        let i = out.partition_point(|n| n.range().start < at);
        if let Some(n) = out.get_mut(i).filter(|n| n.range().start == at) {
            n.uncertain = true;
        }
        let k = out.partition_point(|n| n.range().start < cut);
        if let Some(n) = k
            .checked_sub(1)
            .and_then(|k| out.get_mut(k))
            .filter(|n| n.range().end == cut)
        {
            n.uncertain = true;
        }
    };
    for (i, l) in doc.lines.iter().enumerate() {
        let e = l.content().end;
        if e == 0 || joins.binary_search_by_key(&e, |j| j.0).is_ok() {
            continue;
        }
        // The last bytes first: a digit and `.` `,` (or `．`: EF BC 8E).
        let (cut, mark) = match &b[..e] {
            [.., b'.' | b','] => (e - 1, 1),
            [.., 0xEF, 0xBC, 0x8E] => (e - 3, 3),
            [.., b'0'..=b'9'] => {
                // `共计1` / `,200人次`: the next line opens with the mark.
                let Some(n) = doc.lines.get(i + 1) else {
                    continue;
                };
                let s = n.content().start;
                if matches!(&b[s..], [b',' | b'.', b'0'..=b'9', ..]) {
                    doubt(s + 1, e);
                }
                continue;
            }
            _ => continue,
        };
        if !ends_in_digit(e - mark) {
            continue;
        }
        // The next line of text, past at most two lines of a page's
        // furniture.
        let mut skipped = 0;
        for n in &doc.lines[i + 1..] {
            if n.is_blank() {
                continue;
            }
            let s = n.content().start;
            if starts_with_digit(s) {
                doubt(s, cut);
                break;
            }
            if skipped == 2 || !page_furniture(&doc.text[n.content()]) {
                break;
            }
            skipped += 1;
        }
    }
}

/// Whether `t` (a trimmed line) may be a page's furniture that a PDF copied
/// as text puts inside a sentence: a folio (`— 3 —`, `- 3 -`, `第3页`,
/// `3/12`) or a short line without a sentence mark (a running title).
fn page_furniture(t: &str) -> bool {
    crate::document::is_folio(t)
        || crate::document::at_most_chars(t, 40)
            && !t.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？', '!', '?'])
}

/// The numbers again of each sentence that holds a soft break (a text
/// wrapped by hand that breaks `8` / `7个`), read with the break taken out
/// and moved back to the text: a run of digits goes on over the break.
#[cold]
#[inline(never)]
fn read_over_breaks(
    text: &str,
    sentences: &Sentences,
    joins: &[(usize, usize)],
    fw_commas: bool,
    out: &mut Vec<Number>,
) {
    let mut joined = String::new();
    let mut found = Vec::new();
    // Each sentence read again, with its numbers, in sentence order; put in
    // place of its first reading in one pass at the end (a splice for each
    // would move the numbers after it each time: quadratic in a long text
    // wrapped by hand).
    let mut again: Vec<(usize, Vec<Number>)> = Vec::new();
    let mut k = 0;
    // Sentences in text order, each holding the breaks after the last.
    while let Some(&(from, _)) = joins.get(k) {
        let Some((si, r)) = sentences.at(from) else {
            k += 1;
            continue;
        };
        // The breaks inside this sentence: (offset in the joined sentence
        // where the next line's text starts, its offset in the text).
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        joined.clear();
        let mut at = r.start;
        // (A break the sentence does not run on over is none.)
        while let Some(&(from, to)) = joins.get(k).filter(|j| j.0 >= r.start && j.1 < r.end) {
            k += 1;
            joined.push_str(&text[at..from]);
            cuts.push((joined.len(), to));
            at = to;
        }
        if cuts.is_empty() {
            k += 1;
            continue;
        }
        joined.push_str(&text[at..r.end]);
        found.clear();
        scan_sentence(&joined, 0..joined.len(), si, fw_commas, &mut found);
        // An offset of the joined sentence in the text: `end` for the end
        // of a range, which stays on the line before the break at it.
        let place = |o: usize, end: bool| {
            let c = cuts.partition_point(|c| c.0 < o || !end && c.0 == o);
            match c.checked_sub(1) {
                Some(c) => cuts[c].1 + (o - cuts[c].0),
                None => r.start + o,
            }
        };
        let mut moved = Vec::with_capacity(found.len());
        for mut n in found.drain(..) {
            let (range, numeral) = (n.range(), n.numeral());
            let start = place(range.start, false);
            let Ok(len) = u16::try_from(place(numeral.end, true) - start) else {
                continue;
            };
            n.range_at = (start..place(range.end, true)).into();
            n.numeral_len = len;
            moved.push(n);
        }
        again.push((si, moved));
    }
    if again.is_empty() {
        return;
    }
    // The sentences' numbers as first read give way to these.
    let first = std::mem::take(out);
    out.reserve(first.len());
    let mut first = first.into_iter().peekable();
    for (si, moved) in again {
        while let Some(n) = first.next_if(|n| n.sentence() < si) {
            out.push(n);
        }
        while first.next_if(|n| n.sentence() == si).is_some() {}
        out.extend(moved);
    }
    out.extend(first);
}

// Inlined in both callers: as a call of its own the hot loop of
// `extract` costs 10% more.
#[inline(always)]
fn scan_sentence(text: &str, r: Range<usize>, si: usize, fw_commas: bool, out: &mut Vec<Number>) {
    let s = &text[r.clone()];
    let base = r.start;
    let first = out.len();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Most bytes start neither a digit nor a Chinese numeral: classify
        // them from the lead byte and skip without decoding. Digits are
        // ASCII or U+FF10–FF19 (EF BC 90–99); Chinese numerals are three-
        // byte characters with lead bytes E3–E9.
        let lead = b[i];
        let c = match lead {
            b'0'..=b'9' => char::from(lead),
            0xE0..=0xEF => {
                // A three-byte character: a table lookup rejects most
                // characters, and the run of them (with the full-width
                // punctuation among them), before the exact test.
                i = skip_non_numerals(b, i);
                let Some(&[lead, b1, b2]) = b.get(i..i + 3) else {
                    continue;
                };
                if lead & 0xF0 != 0xE0 {
                    continue;
                }
                let cp = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                let c = char::from_u32(cp).unwrap_or(' ');
                if !(is_cn_numeral_char(c) || digit_of(c).is_some()) {
                    i += 3;
                    continue;
                }
                c
            }
            0x00..=0x7F => {
                i += 1;
                continue;
            }
            _ => {
                i += s[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
        };
        if digit_of(c).is_some() {
            let n = arabic_at(s, i, fw_commas);
            let end = n.end;
            if let Some(mut num) = n.number {
                num.shift(base);
                num.sentence = si as u32;
                out.push(num);
            }
            i = end.max(i + c.len_utf8());
        } else if is_cn_numeral_char(c) {
            let run: usize = s[i..]
                .chars()
                .take_while(|&c| is_cn_numeral_char(c) || c == '点')
                .map(char::len_utf8)
                .sum();
            if let Some(mut num) = chinese_at(s, i, i + run)
                && !in_short_quote(s, i, num.range().end)
            {
                num.shift(base);
                num.sentence = si as u32;
                out.push(num);
            }
            i += run.max(c.len_utf8());
        } else {
            i += c.len_utf8();
        }
    }
    // Ranges: two numbers joined by a range mark, 至 or 到.
    for k in first + 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        let (end, start) = (a.range().end, b.range().start);
        // One character between them is one to four bytes: most pairs,
        // further apart, are ruled out before the text is read.
        if end >= start || start - end > 4 {
            continue;
        }
        let between = &text[end..start];
        let mut cs = between.chars();
        let is_range = match (cs.next(), cs.next()) {
            (Some(c), None) => is_range_mark(c) || c == '到',
            _ => false,
        };
        if is_range {
            out[k - 1].in_range = true;
            out[k].in_range = true;
        }
    }
}

struct Scanned {
    number: Option<Number>,
    end: usize,
}

/// Whether `b` ends in a digit, half- or full-width (EF BC 90–99), read
/// from its last bytes.
#[inline]
pub fn ends_in_digit(b: &[u8]) -> bool {
    matches!(b, [.., b'0'..=b'9'] | [.., 0xEF, 0xBC, 0x90..=0x99])
}

/// The digit (half- or full-width) at byte `i`, and its length in bytes.
fn digit_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match *b.get(i)? {
        c @ b'0'..=b'9' => Some((c - b'0', 1)),
        0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
            Some(&c @ 0x90..=0x99) => Some((c - 0x90, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// A run of digits read as an integer, without allocating. Only the first
/// [`MAX_DIGITS`] digits are accumulated: a longer numeral is rejected
/// anyway.
#[derive(Clone, Copy, Default)]
struct Digits {
    m: i128,
    n: usize,
}

const MAX_DIGITS: usize = 30;

impl Digits {
    fn push(&mut self, d: u8) {
        if self.n < MAX_DIGITS {
            self.m = self.m * 10 + i128::from(d);
        }
        self.n += 1;
    }

    /// Read the digits starting at byte `i`; returns the end.
    fn read(&mut self, b: &[u8], mut i: usize) -> usize {
        while let Some((d, len)) = digit_at(b, i) {
            self.push(d);
            i += len;
        }
        i
    }

    /// Append the digits of `o` (as `int.push_str(group)` would).
    fn append(&mut self, o: Digits) {
        if self.n + o.n <= MAX_DIGITS {
            self.m = self.m * POW10[o.n] + o.m;
        }
        self.n += o.n;
    }
}

fn arabic_at(s: &str, start: usize, fw_commas: bool) -> Scanned {
    let b = s.as_bytes();
    let mut uncertain = false;
    // Integer digits, with grouping.
    let mut int = Digits::default();
    let mut i = int.read(b, start);
    // `1,097` read as `1` and `097` (the group is not taken below when the
    // comma may be a folded 逗号): three digits after `digit,` may be that
    // group as well as a count of their own.
    if int.n == 3 && start > 1 && b[start - 1] == b',' && ends_in_digit(&b[..start - 1]) {
        uncertain = true;
    }
    // Grouping: `,ddd` (not followed by a further digit). The groups are
    // read without being kept (most numerals have none): how many, whether
    // all or any are written with an ASCII comma, where the first and the
    // last end, and their digits together.
    let mut groups = 0;
    let (mut all_ascii, mut any_ascii) = (true, false);
    let (mut first_end, mut last_end) = (i, i);
    let mut grouped = Digits::default();
    let mut j = i;
    loop {
        let (ascii, len) = if b.get(j) == Some(&b',') {
            (true, 1)
        } else if key_at(b, j) == key("，") {
            (false, '，'.len_utf8())
        } else {
            break;
        };
        let mut g = Digits::default();
        let k = g.read(b, j + len);
        if g.n != 3 {
            if g.n > 0 && ascii {
                uncertain = true;
            }
            break;
        }
        groups += 1;
        all_ascii &= ascii;
        any_ascii |= ascii;
        if groups == 1 {
            first_end = k;
        }
        last_end = k;
        // Past `MAX_DIGITS` the number is rejected below, whatever the
        // digits kept.
        grouped.append(g);
        j = k;
    }
    if groups > 0 {
        let sure = all_ascii
            && int.n <= 3
            && (fw_commas || groups >= 2 || !uncertain && folded_group_sure(s, start, first_end));
        if sure {
            int.append(grouped);
            i = last_end;
        } else if any_ascii {
            uncertain = true;
        }
    }
    // Fraction.
    let mut frac = Digits::default();
    let point = if b.get(i) == Some(&b'.') {
        Some(1)
    } else if key_at(b, i) == key("．") {
        Some('．'.len_utf8())
    } else {
        None
    };
    if let Some(len) = point {
        let after = i + len;
        if digit_at(b, after).is_some() {
            i = frac.read(b, after);
        } else if s[after..].starts_with(' ')
            && s[after..]
                .trim_start()
                .chars()
                .next()
                .and_then(digit_of)
                .is_some()
        {
            // `16631. 31`: a decimal broken by a space.
            uncertain = true;
        }
    }
    // Context before: glued to letters or a broken decimal (the character
    // before is read from its bytes: ASCII, or the three of ．).
    let glued = match b[..start] {
        [.., c] if c.is_ascii_alphabetic() || matches!(c, b'.' | b'/' | b'_') => true,
        // `．`, `. `, `.` and a no-break space.
        [.., 0xEF, 0xBC, 0x8E] | [.., b'.', b' '] | [.., b'.', 0xC2, 0xA0] => true,
        _ => false,
    };
    if glued {
        uncertain = true;
    }
    if int.n + frac.n > MAX_DIGITS {
        return Scanned {
            number: None,
            end: i.max(start + 1),
        };
    }
    let written = Dec {
        // (Most numerals are whole: no multiplication of 128 bits.)
        m: if frac.n == 0 {
            int.m
        } else {
            int.m * POW10[frac.n] + frac.m
        },
        scale: frac.n as u32,
    };
    if b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        uncertain = true;
    }
    finish(s, start, i, written, false, uncertain)
}

/// `shown` (digits, a point, decimals, then anything) with its whole part
/// grouped by thousands with the separator that `written`, a figure as
/// written, groups its own digits with (an ASCII or a full-width comma);
/// as it is when `written` is not grouped.
pub fn group_like(written: &str, shown: String) -> String {
    let b = written.as_bytes();
    let sep = [",", "，"].into_iter().find(|sep| {
        written.match_indices(sep).any(|(at, _)| {
            at > 0 && b[at - 1].is_ascii_digit() && digit_at(b, at + sep.len()).is_some()
        })
    });
    let Some(sep) = sep else {
        return shown;
    };
    let sign = usize::from(shown.starts_with('-'));
    let end = sign + shown[sign..].bytes().take_while(u8::is_ascii_digit).count();
    let whole = &shown[sign..end];
    if whole.len() <= 3 {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + whole.len() / 3 * sep.len());
    out.push_str(&shown[..sign]);
    for (k, d) in whole.char_indices() {
        if k > 0 && (whole.len() - k).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(d);
    }
    out.push_str(&shown[end..]);
    out
}

/// Whether `d,ddd` (one ASCII comma, three digits after it, from `start`
/// to `end`) in a text without a full-width 逗号 is one figure: the comma
/// there may be a folded 逗号 (`1,286` as `1` `，` `286`), read as a
/// thousands separator only when nothing says it parts a list. Not when the
/// figure opens with 0, follows `第` (an ordinal) or a digit and a comma or
/// 、 (`1,2,386`), is followed by 年 月 日 号 (a date, a 发文字号), a colon,
/// `-`, `/` or a comma and a digit,
/// or its sentence says 分别 or 依次 (`分别为12,386件`: 12 and 386 as well).
/// The sentence is read back to a 。 ； ; ! ? or line break, and at most
/// 120 bytes (a folded comma parts no clause that can be told).
pub fn folded_group_sure(s: &str, start: usize, end: usize) -> bool {
    const NOT_AFTER: [u32; 4] = [key("年"), key("月"), key("日"), key("号")];
    let b = s.as_bytes();
    if b.get(start) == Some(&b'0') {
        return false;
    }
    let before = &b[..start];
    if before.ends_with("第".as_bytes()) {
        return false;
    }
    if let Some(p) = before
        .strip_suffix(b",")
        .or_else(|| before.strip_suffix("、".as_bytes()))
        .or_else(|| before.strip_suffix("，".as_bytes()))
        && ends_in_digit(p)
    {
        return false;
    }
    // What follows, past a fraction (`1,286.50元`).
    let mut k = end;
    if b.get(k) == Some(&b'.') && digit_at(b, k + 1).is_some() {
        k = Digits::default().read(b, k + 1);
    }
    if matches!(b.get(k), Some(b':' | b'-' | b'/'))
        || b.get(k) == Some(&b',') && digit_at(b, k + 1).is_some()
        || NOT_AFTER.contains(&key_at(b, k))
        || key_at(b, k) == key("：")
    {
        return false;
    }
    // The sentence before.
    let floor = start.saturating_sub(120);
    let mut from = floor;
    let mut j = start;
    while j > floor {
        j -= 1;
        let stop = match b[j] {
            b'\n' | b';' | b'!' | b'?' => true,
            0xE3 => b.get(j..j + 3) == Some("。".as_bytes()),
            0xEF => b.get(j..j + 3) == Some("；".as_bytes()),
            _ => false,
        };
        if stop {
            from = j + 1;
            break;
        }
    }
    let said = &b[from..start];
    memchr::memmem::find(said, "分别".as_bytes()).is_none()
        && memchr::memmem::find(said, "依次".as_bytes()).is_none()
}

/// Multiplier, kind, unit and qualifiers after a numeral ending at `i`.
///
/// It runs once for every numeral of a document, so it compares characters
/// as numbers ([`key_at`]) instead of strings.
fn finish(
    s: &str,
    start: usize,
    mut i: usize,
    written: Dec,
    chinese: bool,
    uncertain: bool,
) -> Scanned {
    const WAN: u32 = key("万");
    const YI: u32 = key("亿");
    const YUAN: u32 = key("元");
    let b = s.as_bytes();
    let mut pow = 0u32;
    // The character at `i`, as a key: read once each time `i` moves.
    let mut c = key_at(b, i);
    if !chinese && (c == WAN || c == YI) {
        // 1.2万 / 3.84亿 / 2万亿 (but 万元 and 亿元 are units, read below).
        let after = key_at(b, i + 3);
        match c {
            WAN if after == YI => {
                pow = 12;
                i += 6;
            }
            WAN if after != YUAN => {
                pow = 4;
                i += 3;
            }
            YI if after != YUAN => {
                pow = 8;
                i += 3;
            }
            _ => {}
        }
        c = key_at(b, i);
    }
    let numeral_end = i;
    // 16万余, 490余条, 600多宗 (the other words after a numeral, 以上 and
    // the like, are read after the unit).
    let mut approx = false;
    if c == key("余") || c == key("多") {
        approx = true;
        i += 3;
        c = key_at(b, i);
    }
    let mut kind = Kind::Plain;
    let mut unit = None;
    let points = |first: u32, i: usize| {
        first == key("百") && key_at(b, i + 3) == key("分") && key_at(b, i + 6) == key("点")
    };
    if b.get(i) == Some(&b'%') {
        kind = Kind::Percent;
        i += 1;
    } else if c == key("％") {
        kind = Kind::Percent;
        i += 3;
    } else if c == key("‰") {
        kind = Kind::Permille;
        i += 3;
    } else if c == key("倍") {
        kind = Kind::Times;
        i += 3;
    } else if c == key("个") && points(key_at(b, i + 3), i + 3) {
        kind = Kind::Points;
        i += "个百分点".len();
    } else if points(c, i) {
        kind = Kind::Points;
        i += "百分点".len();
    } else if let Some((row, u)) = unit_with_key(b, i, c)
        && (!chinese || CN_UNIT_ROWS[row])
    {
        let (w, p) = unit_row(row);
        unit = Some(u);
        pow += p;
        i += w.len();
    }
    if chinese && kind == Kind::Plain && unit.is_none() {
        return Scanned {
            number: None,
            end: i,
        };
    }
    // 以上, 左右 … after a unit or a %: not after a bare number, whose 多
    // or 以上 may start a word of its own.
    if (unit.is_some() || kind != Kind::Plain) && approx_after(b, i) {
        approx = true;
    }
    if approx_before(b, start, chinese) {
        approx = true;
    }
    Scanned {
        number: Number::new(
            written,
            pow,
            Reading {
                range: start..i,
                numeral_end,
                kind,
                unit,
                approx,
                uncertain,
                chinese,
            },
        ),
        end: i,
    }
}

/// Whether the text after a Chinese numeral can start what [`finish`]
/// accepts after one: a superset check on the first character (after an
/// optional 余 or 多).
fn may_take_cn_unit(rest: &str) -> bool {
    let mut cs = rest.chars();
    let mut c = cs.next();
    if matches!(c, Some('余' | '多')) {
        c = cs.next();
    }
    let Some(c) = c else { return false };
    matches!(c, '%' | '％' | '‰' | '倍' | '百') || CN_UNIT_FIRSTS.binary_search(&c).is_ok()
}

/// The first characters of [`CN_UNITS`], sorted.
static CN_UNIT_FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut firsts: Vec<char> = CN_UNITS.iter().filter_map(|u| u.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    firsts
});

/// A Chinese numeral run at `start..run_end` (may contain 点).
fn chinese_at(s: &str, start: usize, run_end: usize) -> Option<Number> {
    let run = &s[start..run_end];
    let before = &s[..start];
    let prev = before.chars().next_back();
    // 第一, 每一, 统一, 之一, 唯一 …: ordinals and words.
    if prev.is_some_and(|c| {
        matches!(
            c,
            '第' | '每' | '之' | '唯' | '统' | '同' | '逐' | '单' | '任' | '初' | '周' | '星'
        )
    }) && !before.ends_with("百分之")
    {
        return None;
    }
    // The numeral must hold a digit or 十 (not a bare 万, 百, 千).
    if !run.chars().any(|c| cn_digit(c).is_some() || c == '十') {
        return None;
    }
    let percent = before.ends_with("百分之");
    if !percent && !may_take_cn_unit(&s[run_end..]) {
        // `finish` keeps a Chinese numeral only before a unit, %, ‰, 倍 or
        // 百分点 (after an optional 余/多); most runs (一体, 进一步) have none.
        return None;
    }
    let (int_part, frac_part) = match run.split_once('点') {
        Some((a, b)) => (a, Some(b)),
        None => (run, None),
    };
    let int_part = int_part.trim_end_matches('点');
    let iv = parse_chinese(int_part)?;
    let mut written = Dec::int(iv);
    let mut end = start + int_part.len();
    if let Some(f) = frac_part {
        let digits: Option<String> = f
            .chars()
            .map(|c| cn_digit(c).map(|d| char::from_digit(d, 10).unwrap_or('0')))
            .collect();
        if let Some(d) = digits.filter(|d| !d.is_empty()) {
            written = Dec::parse(&format!("{iv}.{d}"))?;
            end = start + int_part.len() + '点'.len_utf8() + f.len();
        }
    }
    if percent {
        let pstart = start - "百分之".len();
        return Number::new(
            written,
            0,
            Reading {
                range: pstart..end,
                numeral_end: end,
                kind: Kind::Percent,
                unit: None,
                approx: false,
                uncertain: false,
                chinese: true,
            },
        );
    }
    finish(s, start, end, written, true, false).number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_powers_is_checked_pow() {
        for k in 0..=200 {
            assert_eq!(pow10(k), 10i128.checked_pow(k), "10^{k}");
        }
        assert_eq!(pow10(u32::MAX), None);
    }

    /// The scan skips every character with lead byte EF but the full-width
    /// digits: no other is a digit or a Chinese numeral.
    #[test]
    fn no_character_led_by_ef_is_read_but_the_fullwidth_digits() {
        for cp in 0xF000u32..=0xFFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let read = digit_of(c).is_some() || is_cn_numeral_char(c);
            assert_eq!(read, ('０'..='９').contains(&c), "U+{cp:04X}");
        }
    }

    /// The character-by-character reading of the qualifiers answers as the
    /// word tables read as text: on every word, and on random texts made
    /// of the words' characters, at every character of them.
    #[test]
    fn the_approx_words_read_as_the_tables() {
        let before_ref = |before: &str, chinese: bool| {
            APPROX_BEFORE.iter().any(|a| before.ends_with(a))
                && (chinese || !["上", "数", "几", "成"].iter().any(|w| before.ends_with(w)))
        };
        let after_ref = |rest: &str| {
            let word = [
                "多元",
                "多种",
                "多次",
                "多头",
                "多部门",
                "多措",
                "多方",
                "多渠道",
                "多个",
                "多项",
                "多样",
                "多彩",
            ]
            .iter()
            .any(|x| rest.starts_with(x));
            APPROX_AFTER
                .iter()
                .filter(|a| !matches!(**a, "来" | "许" | "上下"))
                .any(|a| rest.starts_with(a))
                && !word
        };
        let chars: Vec<char> = APPROX_BEFORE
            .iter()
            .chain(APPROX_AFTER)
            .flat_map(|w| w.chars())
            .chain("元种次头部门措方渠道个项样彩习平右内下总计件1a．，".chars())
            .collect();
        let mut texts: Vec<String> = APPROX_BEFORE
            .iter()
            .chain(APPROX_AFTER)
            .flat_map(|w| [w.to_string(), format!("共{w}"), format!("{w}件")])
            .collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let n = rng.usize(1..6);
            texts.push((0..n).map(|_| chars[rng.usize(..chars.len())]).collect());
        }
        let (mut before_hits, mut after_hits) = (0, 0);
        for t in &texts {
            let b = t.as_bytes();
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                for chinese in [false, true] {
                    let want = before_ref(&t[..i], chinese);
                    assert_eq!(approx_before(b, i, chinese), want, "{t:?} at {i}");
                    before_hits += usize::from(want);
                }
                let want = after_ref(&t[i..]);
                assert_eq!(approx_after(b, i), want, "{t:?} at {i}");
                after_hits += usize::from(want);
            }
        }
        // The texts exercise both answers.
        assert!(before_hits > 1_000 && after_hits > 1_000);
    }

    /// `unit_at` answers as the anchored leftmost-longest automaton it
    /// replaced: on every unit, on every unit's prefixes and extensions, and
    /// on random texts made of the units' characters.
    #[test]
    fn the_unit_search_reads_what_the_automaton_reads() {
        use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(UNITS.iter().map(|u| u.0))
            .expect("fixed patterns");
        let reference = |s: &str| {
            let row = automaton
                .find(Input::new(s).anchored(Anchored::Yes))?
                .pattern()
                .as_usize();
            let (w, _, p) = UNITS[row];
            Some(if w == "余人" { ("人", 0) } else { (w, p) }).map(|(w, p)| (w, CANONICAL[row], p))
        };
        let ours = |s: &str| {
            unit_at(s, 0).map(|(row, u)| {
                let (w, p) = unit_row(row);
                (w, u.0, p)
            })
        };
        let chars: Vec<char> = UNITS
            .iter()
            .flat_map(|u| u.0.chars())
            .chain("年度元件个月次总计多余 1,。".chars())
            .collect();
        let mut texts: Vec<String> = Vec::new();
        for (w, _, _) in UNITS {
            let cs: Vec<char> = w.chars().collect();
            for k in 0..=cs.len() {
                texts.push(cs[..k].iter().collect());
            }
            for &c in &chars {
                texts.push(format!("{w}{c}"));
            }
        }
        let mut rng = fastrand::Rng::with_seed(12);
        for _ in 0..50_000 {
            let n = rng.usize(1..6);
            texts.push((0..n).map(|_| chars[rng.usize(..chars.len())]).collect());
        }
        let mut matched = 0;
        for t in &texts {
            assert_eq!(ours(t), reference(t), "{t:?}");
            matched += usize::from(reference(t).is_some());
        }
        // The texts exercise both answers.
        assert!(
            matched > 1_000 && matched < texts.len() - 1_000,
            "{matched}"
        );
    }

    type Row = (String, String, Kind, Option<&'static str>, bool, bool, bool);

    fn nums(text: &str) -> Vec<Row> {
        let doc = Document::new(text);
        extract(&doc, &Sentences::new(&doc))
            .into_iter()
            .map(|n| {
                (
                    text[n.range()].to_string(),
                    n.value().to_string(),
                    n.kind,
                    n.unit.map(Unit::as_str),
                    n.approx,
                    n.in_range,
                    n.uncertain,
                )
            })
            .collect()
    }

    /// What follows a numeral, read from the characters' keys: a
    /// multiplier (万, 亿, 万亿, but not before 元), 余/多, the points words,
    /// a unit, or none of them.
    #[test]
    fn what_follows_a_numeral_is_read_as_multiplier_qualifier_or_unit() {
        let row = |t: &str, v: &str, k: Kind, u: Option<&'static str>, approx: bool| {
            (t.to_string(), v.to_string(), k, u, approx, false, false)
        };
        assert_eq!(
            nums(
                "拨款2万亿，增加1.2万人，投入3万元、5亿元，超600多宗，下降2.5个百分点，提高3百分点，达4余。"
            ),
            vec![
                row("2万亿", "2000000000000", Kind::Plain, None, false),
                row("1.2万人", "12000", Kind::Plain, Some("人"), false),
                row("3万元", "30000", Kind::Plain, Some("元"), false),
                row("5亿元", "500000000", Kind::Plain, Some("元"), false),
                row("600多宗", "600", Kind::Plain, Some("宗"), true),
                row("2.5个百分点", "2.5", Kind::Points, None, false),
                row("3百分点", "3", Kind::Points, None, false),
                row("4余", "4", Kind::Plain, None, true),
            ]
        );
    }

    #[test]
    fn the_numeral_table_passes_every_numeral() {
        assert!(CN_NUMERALS.chars().all(is_cn_numeral_char));
        assert_eq!(CN_NUMERALS.chars().count() * 3, CN_NUMERALS.len());
        // A character passes when the skip stops at it.
        let passes = |c: char| skip_non_numerals(c.to_string().as_bytes(), 0) == 0;
        for c in CN_NUMERALS.chars() {
            assert!(passes(c), "{c}");
        }
        // Every numeral is in the list.
        for cp in 0x3000..0xA000 {
            if let Some(c) = char::from_u32(cp)
                && is_cn_numeral_char(c)
            {
                assert!(CN_NUMERALS.contains(c), "{c}");
            }
        }
        let passed = ('\u{4e00}'..='\u{9fff}').filter(|&c| passes(c)).count();
        // Five code points of the block share each twelve-bit value, so
        // about five characters pass for each numeral and full-width digit
        // there.
        assert!(passed < 0x5200 / 80, "{passed} of the CJK block pass");
        // A run is skipped up to its first candidate, and never past a byte
        // that does not lead a three-byte character (the full-width and
        // the curly punctuation is skipped; how far, after the run).
        // (Runs of every length up to eleven: the skip takes four
        // characters a step.)
        for n in 0..=11 {
            let plain: String = ('\u{4e00}'..='\u{9fff}')
                .filter(|&c| !passes(c))
                .take(n)
                .collect();
            assert_eq!(plain.chars().count(), n);
            for (tail, more) in [
                ("三项", 0),
                ("12", 0),
                ("", 0),
                ("，三", 3),
                ("“：１", 6),
                ("a", 0),
                ("三", 0),
                ("é", 0),
                ("😀", 0),
            ] {
                let s = format!("{plain}{tail}");
                assert_eq!(
                    skip_non_numerals(s.as_bytes(), 0),
                    plain.len() + more,
                    "{s}"
                );
            }
        }
    }

    /// The skip passes over no numeral and no digit, and over no character
    /// but one of three bytes.
    #[test]
    fn the_skip_stops_at_every_numeral_and_digit() {
        for cp in 0..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let skipped = skip_non_numerals(c.to_string().as_bytes(), 0) > 0;
            if skipped {
                assert_eq!(c.len_utf8(), 3, "U+{cp:04X}");
                assert!(
                    !is_cn_numeral_char(c) && digit_of(c).is_none(),
                    "U+{cp:04X}"
                );
            }
        }
    }

    #[test]
    fn units_are_one_byte_and_compare_by_their_normalised_form() {
        let doc =
            Document::new("投入3万元、200元、1亿元，共15余人、3人，长2千米、5公里，历时3天。");
        let v: Vec<Number> = extract(&doc, &Sentences::new(&doc));
        let unit = |i: usize| v[i].unit.expect("has a unit");
        assert_eq!(std::mem::size_of::<Option<Unit>>(), 2);
        assert_eq!(unit(0), unit(1));
        assert_eq!(unit(1), unit(2));
        assert_eq!(unit(0).as_str(), "元");
        assert_eq!(unit(3), unit(4));
        assert_eq!(unit(3).as_str(), "人");
        assert_eq!(unit(5), unit(6));
        assert_eq!(unit(5).as_str(), "公里");
        assert_ne!(unit(0), unit(3));
        assert!(unit(0).counts() && unit(3).counts());
        assert!(!unit(7).counts(), "天 is a duration, not a count");
        assert_eq!(format!("{:?}", unit(7)), "天");
    }

    #[test]
    fn a_number_is_small_and_holds_its_value_exactly() {
        // A large document holds one `Number` per figure.
        assert!(std::mem::size_of::<Number>() <= 32);
        let v = nums("合计123456789012345678元，另有1.5万亿元。");
        assert_eq!(v[0].1, "123456789012345678");
        assert_eq!(v[1].1, "1500000000000");
        let doc = Document::new("涉及1.25万人。");
        let n = &extract(&doc, &Sentences::new(&doc))[0];
        assert_eq!(&doc.text[n.numeral()], "1.25万");
        assert_eq!(&doc.text[n.range()], "1.25万人");
        assert_eq!(n.written().to_string(), "1.25");
        assert_eq!(n.value().to_string(), "12500");
        assert_eq!(n.precision(), 2);
    }

    #[test]
    fn a_run_of_more_than_eighteen_digits_is_not_a_figure() {
        // An account or serial number, not an amount: no exact value is kept.
        assert!(nums("账号12345678901234567890元。").is_empty());
    }

    #[test]
    fn decimals_and_multipliers_are_exact() {
        let v = nums("审计查出金额3.84亿元,整改2.23亿元,涉及1.2万人,另有500万元。");
        assert_eq!(v[0].0, "3.84亿元");
        assert_eq!(v[0].1, "384000000");
        assert_eq!(v[0].3, Some("元"));
        assert_eq!(v[1].1, "223000000");
        assert_eq!((v[2].1.as_str(), v[2].3), ("12000", Some("人")));
        assert_eq!(v[3].1, "5000000");
    }

    #[test]
    fn percent_times_points() {
        let v = nums("成功率为97.5%,增长了3.72倍,提高2个百分点,千分之不算,3‰。");
        assert_eq!((v[0].1.as_str(), v[0].2), ("97.5", Kind::Percent));
        assert_eq!(v[1].2, Kind::Times);
        assert_eq!(v[2].2, Kind::Points);
        assert_eq!(v[3].2, Kind::Permille);
    }

    #[test]
    fn approximate_markers() {
        let v = nums(
            "近5000件,约4.52亿元,16万余人,490余条,600多宗,3次以上,50人左右,超过100件,逾20项。",
        );
        assert!(v.iter().all(|n| n.4), "{v:?}");
        // 习近平 is not an approximation, 多元 is not 多.
        let v = nums("习近平总书记指出,300件多元化解,受理10件。");
        assert!(v.iter().all(|n| !n.4), "{v:?}");
    }

    #[test]
    fn ranges_are_marked() {
        let v = nums("奖励3万～5万元,人数为5-15人,每年1至2期,由10分提高至20分。");
        assert!(
            v[0].5 && v[1].5 && v[2].5 && v[3].5 && v[4].5 && v[5].5,
            "{v:?}"
        );
        assert!(!v[6].5 && !v[7].5);
    }

    #[test]
    fn a_sum_is_grouped_like_the_figure_it_is_set_beside() {
        let g = |w: &str, s: &str| group_like(w, s.to_string());
        assert_eq!(g("18,642个", "18742"), "18,742");
        assert_eq!(g("1，248件", "1296"), "1，296");
        assert_eq!(g("2,685", "1234567.5"), "1,234,567.5");
        assert_eq!(g("2,685", "-1250"), "-1,250");
        assert_eq!(g("2,685", "875"), "875");
        assert_eq!(g("18642个", "18742"), "18742");
        assert_eq!(g("3,其中", "18742"), "18742");
    }

    #[test]
    fn grouping_depends_on_the_document_style() {
        // Folded commas: 1,234 is one figure when nothing says it parts a
        // list, two (both uncertain) when something does.
        let v = nums("受理1,234件,办结5件。");
        assert_eq!(v[0].1, "1234");
        assert!(!v[0].6, "{v:?}");
        for t in [
            "受理分别为1,234件。",
            "依次为1,234件。",
            "受理3,1,234件。",
            "第1,234条。",
            "于1,234年。",
            "受理1,234,56件。",
        ] {
            let v = nums(t);
            assert!(v[0].6 && v.iter().all(|n| n.1 != "1234"), "{t}: {v:?}");
        }
        // Full-width 逗号 elsewhere: the ASCII comma groups digits.
        let v = nums("受理1,234件，办结5件。");
        assert_eq!(v[0].1, "1234");
        assert!(!v[0].6);
        // Two groups are unambiguous.
        let v = nums("共1,234,567元,其中5元。");
        assert_eq!(v[0].1, "1234567");
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("一千二百三十四"), Some(1234));
        assert_eq!(parse_chinese("两千"), Some(2000));
        assert_eq!(parse_chinese("两千三"), Some(2300));
        assert_eq!(parse_chinese("一万二"), Some(12000));
        assert_eq!(parse_chinese("一千零三"), Some(1003));
        assert_eq!(parse_chinese("十二"), Some(12));
        assert_eq!(parse_chinese("三亿八千四百万"), Some(384_000_000));
        assert_eq!(parse_chinese("二〇二四"), None);
        let v = nums("开展三项活动,第一项,十九大精神,百分之九十五,两千人,十分重要,一是加强。");
        let got: Vec<(&str, &str)> = v.iter().map(|n| (n.0.as_str(), n.1.as_str())).collect();
        assert_eq!(
            got,
            vec![("三项", "3"), ("百分之九十五", "95"), ("两千人", "2000")]
        );
    }

    #[test]
    fn glued_and_broken_numbers_are_uncertain() {
        let v = nums("总投资16631. 31亿元,备案号ICP08002053号。");
        assert!(v.iter().all(|n| n.6), "{v:?}");
    }

    #[test]
    fn soft_and_page_breaks_from_one_line_end_are_one_join() {
        // A line ending in a digit before a bare folio: the soft break to
        // the folio and the page break past it start at one offset.
        let joins = merge_joins(&[(10, 11), (40, 41)], [(10, 30), (50, 60)].into_iter());
        assert_eq!(joins, [(10, 30), (40, 41), (50, 60)]);
        // One that starts inside another is dropped.
        let joins = merge_joins(&[(10, 30)], [(20, 40)].into_iter());
        assert_eq!(joins, [(10, 30)]);
    }

    #[test]
    fn figures_cut_at_a_line_break_are_uncertain() {
        // Not read over the break (a short line): both pieces are in doubt.
        let v = nums("经费为15.\n6万元，其中装备9.4万元。调处成功1,\n  372件，共1，\n288件。");
        let doubt: Vec<_> = v.iter().map(|n| n.6).collect();
        assert_eq!(
            doubt,
            [true, true, false, true, true, false, false],
            "{v:?}"
        );
    }

    #[test]
    fn dec_arithmetic() {
        let a = Dec::parse("2.23").unwrap();
        let b = Dec::parse("1.61").unwrap();
        assert_eq!(
            a.checked_add(b)
                .unwrap()
                .cmp_exact(Dec::parse("3.84").unwrap()),
            Some(Ordering::Equal)
        );
        assert_eq!(Dec::parse("0.05").unwrap().to_string(), "0.05");
        assert_eq!(Dec::int(-3).to_string(), "-3");
    }
}
