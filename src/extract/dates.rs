//! Dates as written: full dates (`2017年10月26日`), partial dates (`2017年10月`,
//! `10月26日`, `2017年`), dates in Chinese numerals (`二〇二三年三月五日`),
//! numeric dates in page metadata (`2021-02-25 10:00`), ranges (`2017—2020年`,
//! `2021年1月—6月`, `3月1日—10日`, and `20152020年` with its connector lost),
//! and malformed dates whose 年 or 月 was lost (`20171026日`, `20169月`).
//!
//! One linear scan over a small token stream (digit runs, 年/月/日, spaces,
//! connectors) for each stretch of a line around a 年/月/日 that follows a
//! number. The rules of family D decide what is a defect.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::{Document, LineKind, Span32, chinese_ordinal, is_space};
use crate::extract::docnum::is_han;

/// A date unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Year,
    Month,
    Day,
}

impl Unit {
    fn from_char(c: char) -> Option<Unit> {
        match c {
            '年' => Some(Unit::Year),
            '月' => Some(Unit::Month),
            '日' => Some(Unit::Day),
            _ => None,
        }
    }

    fn digits_ok(self, n: usize) -> bool {
        match self {
            Unit::Year => n == 4,
            Unit::Month | Unit::Day => (1..=2).contains(&n),
        }
    }

    fn next(self) -> Option<Unit> {
        match self {
            Unit::Year => Some(Unit::Month),
            Unit::Month => Some(Unit::Day),
            Unit::Day => None,
        }
    }

    pub fn zh(self) -> char {
        match self {
            Unit::Year => '年',
            Unit::Month => '月',
            Unit::Day => '日',
        }
    }
}

/// How the numbers of a date are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numerals {
    /// `2023年3月5日`
    Arabic,
    /// `二〇二三年三月五日`
    Chinese,
    /// `2021-02-25` (page metadata)
    Numeric,
}

/// Where the year of a date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearFrom {
    /// Written in the date itself.
    Written,
    /// From the start of the range the date ends (`2021年1月—6月`).
    RangeStart,
    /// From the nearest preceding year in the same paragraph.
    Paragraph,
    /// Not known: rules fall back to the report year.
    Unknown,
    /// Not known, and the paragraph named another year before it that it
    /// does not go on about (a comparison's baseline, an attribute, a
    /// year's end): rules fall back to the report year, but the date may be
    /// of that one. It holds whether that year is a leap year, which is all
    /// that decides whether a month and day exist in it.
    Doubtful { leap: bool },
}

/// What a date is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Body,
    /// A line holding only a date, after the body has begun: a 成文日期.
    Signing,
    /// A `YYYY年M月D日印发` line.
    Issued,
    /// A date in a page-metadata line after 发布时间/发布日期/时间/日期.
    Published,
    /// Any other date in a metadata or chrome line.
    Meta,
}

/// A date (full or partial) as written. Its ranges are held as `u32` spans
/// (see [`Span32`]) and read through the methods of the same names: a draft
/// may hold a date every few lines, and a date is 96 bytes (was 152).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    range_at: Span32,
    line_at: u32,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub year_from: YearFrom,
    parts_at: [Option<Span32>; 3],
    pub numerals: Numerals,
    spaces_at: Box<[Span32]>,
    pub role: Role,
    /// This date is one end of a range.
    pub in_range: bool,
}

impl Date {
    /// A date at `range` on line `line` with nothing known yet.
    fn at(range: Range<usize>, line: usize, role: Role) -> Date {
        Date {
            range_at: range.into(),
            line_at: line as u32,
            year: None,
            month: None,
            day: None,
            year_from: YearFrom::Unknown,
            parts_at: [None; 3],
            numerals: Numerals::Arabic,
            spaces_at: Box::default(),
            role,
            in_range: false,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.range_at.range()
    }

    /// The date as a message quotes it: its text, without a line break
    /// it was read over (see [`crate::document::joined`]).
    pub fn shown<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        crate::document::joined(&text[self.range()])
    }

    /// 0-based line index.
    pub fn line(&self) -> usize {
        self.line_at as usize
    }

    /// Byte ranges of the year, month and day numbers where written.
    pub fn parts(&self) -> [Option<Range<usize>>; 3] {
        self.parts_at.map(|p| p.map(Span32::range))
    }

    fn set_part(&mut self, i: usize, r: Option<Range<usize>>) {
        self.parts_at[i] = r.map(Span32::from);
    }

    /// Whitespace inside the date (`2015年7月3 日`).
    pub fn spaces(&self) -> impl ExactSizeIterator<Item = Range<usize>> + '_ {
        self.spaces_at.iter().map(|s| s.range())
    }

    /// Year, month, day as far as known (missing parts as 0), for ordering.
    pub fn key(&self) -> (i32, u32, u32) {
        (
            self.year.unwrap_or(0),
            self.month.unwrap_or(0),
            self.day.unwrap_or(0),
        )
    }

    pub fn is_full(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// A full date that exists (not `2025年2月30日`).
    pub fn is_real(&self) -> bool {
        self.is_full()
            && self
                .month
                .zip(self.day)
                .is_some_and(|(m, d)| valid_date(self.year, m, d))
    }

    /// The date in the standard form `YYYY年M月D日` (as far as it goes).
    pub fn standard(&self) -> String {
        let mut s = String::new();
        if let Some(y) = self.year.filter(|_| self.parts_at[0].is_some()) {
            s.push_str(&format!("{y}年"));
        }
        if let Some(m) = self.month.filter(|_| self.parts_at[1].is_some()) {
            s.push_str(&format!("{m}月"));
        }
        if let Some(d) = self.day.filter(|_| self.parts_at[2].is_some()) {
            s.push_str(&format!("{d}日"));
        }
        s
    }
}

/// A range of dates or years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub range: Range<usize>,
    pub line: usize,
    pub start: Date,
    pub end: Date,
    /// The connector as written; `None` when it was lost (`20152020年`).
    pub connector: Option<Range<usize>>,
    /// The start carries no unit of its own (`2017—2020年`, `1—6月`).
    pub bare_start: bool,
    /// The unit in which the two ends differ first (`Year` for
    /// `2017—2020年`, `Month` for `2021年1月—6月`).
    pub unit: Unit,
}

/// Digits that ran into 月 or 日 without the 年 or 月 between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The digits and the unit (`20171026日`).
    pub range: Range<usize>,
    pub line: usize,
    pub digits: Range<usize>,
    pub unit: Unit,
    /// The year when the digits start with one (`2017` in `20171026日`), or
    /// when it is written right before them (`2024年1015日`).
    pub year: Option<i32>,
    /// Only 月 was lost: the range starts at the written year (`2024年1015日`).
    pub year_written: bool,
    /// Every way of reading the digits as a real date: (year, month, day).
    pub readings: Vec<(Option<i32>, u32, Option<u32>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateMention {
    Date(Date),
    Range(Box<DateRange>),
    Malformed(Malformed),
}

impl DateMention {
    pub fn as_date(&self) -> Option<&Date> {
        match self {
            DateMention::Date(d) => Some(d),
            _ => None,
        }
    }
    pub fn as_range(&self) -> Option<&DateRange> {
        match self {
            DateMention::Range(r) => Some(r),
            _ => None,
        }
    }
    pub fn as_malformed(&self) -> Option<&Malformed> {
        match self {
            DateMention::Malformed(m) => Some(m),
            _ => None,
        }
    }
}

/// A four-digit number that can be a year in a 公文.
pub fn plausible_year(y: i32) -> bool {
    (1900..=2099).contains(&y)
}

/// Days in a month, or `None` when the month does not exist.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let y = i16::try_from(year).ok()?;
    jiff::civil::Date::new(y, month as i8, 1)
        .ok()
        .map(|d| d.days_in_month() as u32)
}

/// A time of day as a regular expression (`9:00`, `14:30`, `8：30`, with
/// either colon): the one definition D005's ranges of clock times and
/// P101's schedule columns build on.
pub const CLOCK: &str = "(?:[01]?[0-9]|2[0-4])[:：][0-5][0-9]";

/// Whether (year, month, day) is a real date. With no year, 2月29日 counts.
pub fn valid_date(year: Option<i32>, month: u32, day: u32) -> bool {
    match year {
        Some(y) => days_in_month(y, month).is_some_and(|n| (1..=n).contains(&day)),
        None => days_in_month(2024, month).is_some_and(|n| (1..=n).contains(&day)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tk {
    Num,
    Unit(Unit),
    Space,
    Conn,
    Other,
}

/// Offsets in the line are `u32` (texts are shorter than 4 GiB, see
/// [`crate::source::MAX_TEXT_LEN`]): a long paragraph has one token for
/// every few characters.
#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Tk,
    start: u32,
    end: u32,
}

impl Tok {
    fn new(kind: Tk, start: usize, end: usize) -> Self {
        Tok {
            kind,
            start: start as u32,
            end: end as u32,
        }
    }

    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

fn is_conn(c: char) -> bool {
    matches!(
        c,
        '—' | '–' | '-' | '－' | '~' | '～' | '〜' | '至' | '‐' | '―'
    )
}

/// The token kind of an ASCII byte other than a digit.
fn ascii_kind(b: u8) -> Tk {
    match b {
        b' ' | b'\t' => Tk::Space,
        b'-' | b'~' => Tk::Conn,
        _ => Tk::Other,
    }
}

/// The token kind of a character that is not ASCII (a `——` is one
/// connector, which [`next_token`] joins).
fn wide_kind(c: char) -> Tk {
    if let Some(u) = Unit::from_char(c) {
        Tk::Unit(u)
    } else if c == '\u{3000}' || c == '\u{a0}' {
        Tk::Space
    } else if is_conn(c) {
        Tk::Conn
    } else {
        Tk::Other
    }
}

/// Whether the text after a run of digits can take the reading of a date
/// further: a space, a unit (年 月 日) or a connector comes next.
fn may_follow_number(rest: &str) -> bool {
    let kind = match rest.as_bytes().first() {
        None => return false,
        Some(&b) if b.is_ascii() => ascii_kind(b),
        // 一 right after the digits, and a digit after it (see [`yi_dash_at`](crate::document::yi_dash_at)).
        Some(_) if rest.starts_with('一') => {
            return rest.as_bytes().get(3).is_some_and(u8::is_ascii_digit);
        }
        Some(_) => rest.chars().next().map_or(Tk::Other, wide_kind),
    };
    kind != Tk::Other
}

/// The kind of the character `c` as a token (a digit is a number).
fn char_kind(c: char) -> Tk {
    match c {
        '0'..='9' => Tk::Num,
        _ if c.is_ascii() => ascii_kind(c as u8),
        _ => wide_kind(c),
    }
}

/// Split all of `s` into tokens, into `toks` (cleared first): the reading
/// of a whole line, which the tests hold the reading a stretch at a time
/// (see [`tokenize_stretch`]) to.
///
/// Dates start at a number, and the scanner reads only forward from a number
/// through spaces, units and connectors: any other character ends every
/// reading. So from an `Other` token to the next digit nothing can matter,
/// and that whole stretch is one `Other` token, found with a byte search
/// instead of decoding each character.
fn tokenize(s: &str, toks: &mut Vec<Tok>) {
    let bytes = s.as_bytes();
    toks.clear();
    let mut i = 0;
    while i < bytes.len() {
        if toks.last().is_none_or(|t| t.kind == Tk::Other) {
            let next = super::find_ascii_digit(&bytes[i..]).map_or(bytes.len(), |p| i + p);
            if next > i {
                match toks.last_mut() {
                    Some(last) => last.end = next as u32,
                    None => toks.push(Tok::new(Tk::Other, i, next)),
                }
                i = next;
                continue;
            }
        }
        let (kind, end) = next_token(s, i);
        // Runs of spaces and of other characters are one token.
        if let Some(last) = toks.last_mut()
            && matches!(
                (last.kind, kind),
                (Tk::Space, Tk::Space) | (Tk::Other, Tk::Other)
            )
        {
            last.end = end as u32;
        } else {
            toks.push(Tok::new(kind, i, end));
        }
        i = end;
    }
}

/// The kind and end of the token at `i` in `s`: a whole run of digits, a
/// `——` (one, wrong, connector), or one character. ASCII is classified from
/// the byte; other characters are decoded.
fn next_token(s: &str, i: usize) -> (Tk, usize) {
    let bytes = s.as_bytes();
    match bytes[i] {
        b'0'..=b'9' => {
            let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            (Tk::Num, end)
        }
        b @ 0x00..=0x7F => (ascii_kind(b), i + 1),
        _ => {
            let c = s[i..].chars().next().unwrap_or(' ');
            let end = i + c.len_utf8();
            if c == '—' && s[end..].starts_with('—') {
                (Tk::Conn, end + '—'.len_utf8())
            } else if c == '一' && crate::document::yi_dash_at(bytes, i) {
                (Tk::Conn, end)
            } else {
                (wide_kind(c), end)
            }
        }
    }
}

/// Split the stretch of `s` that starts with the number at `from` into
/// tokens, into `toks` (cleared first, reused across stretches); returns
/// where the stretch ends.
///
/// A stretch is what a reading can go through: numbers, spaces, units and
/// connectors. It ends at the first other character, or at a run of digits
/// that no reading can use, one followed by a character that is no space,
/// unit or connector (`123件`, `5.2%`, or at the end): a reading goes
/// forward from a number only through those, and a number followed by
/// anything else neither starts one nor continues one. Most runs of digits
/// in a report are counts, amounts and rates, not dates.
fn tokenize_stretch(s: &str, from: usize, toks: &mut Vec<Tok>) -> usize {
    toks.clear();
    let mut i = from;
    while i < s.len() {
        let (kind, end) = next_token(s, i);
        if kind == Tk::Other || kind == Tk::Num && !may_follow_number(&s[end..]) {
            break;
        }
        match toks.last_mut() {
            Some(last) if last.kind == Tk::Space && kind == Tk::Space => last.end = end as u32,
            _ => toks.push(Tok::new(kind, i, end)),
        }
        i = end;
    }
    i
}

/// Where the stretch (see [`tokenize_stretch`]) that holds the unit at `at`
/// starts: at its first number, after the last character before `at` that
/// ends every reading. `None` when no number stands before `at` in it.
///
/// Whatever stands between that character and the first number is not read
/// (the scan of a whole line takes it into the `Other` token before it).
fn stretch_start(s: &str, at: usize) -> Option<usize> {
    let mut from = None;
    let mut i = at;
    while let Some(c) = s[..i].chars().next_back() {
        let kind = if c == '一' && crate::document::yi_dash_at(s.as_bytes(), i - c.len_utf8()) {
            Tk::Conn
        } else {
            char_kind(c)
        };
        if kind == Tk::Other {
            break;
        }
        i -= c.len_utf8();
        if kind == Tk::Num {
            from = Some(i);
        }
    }
    from
}

/// Whether the character ending at `at` in `b`, past any spaces, is a digit:
/// whether a unit at `at` follows a number, as every date, range and
/// malformed date has one do.
fn follows_number(b: &[u8], at: usize) -> bool {
    let mut b = &b[..at];
    loop {
        match b {
            [rest @ .., b' ' | b'\t'] | [rest @ .., 0xC2, 0xA0] | [rest @ .., 0xE3, 0x80, 0x80] => {
                b = rest
            }
            [.., d] => return d.is_ascii_digit(),
            [] => return false,
        }
    }
}

/// The offsets in `s` of each 年, 月 and 日 that follows a number (see
/// [`follows_number`]), in order, and of each 年 that follows a Chinese
/// digit. One SIMD search of the text for each unit, instead of decoding
/// every line with a digit: a line without a unit that follows a number
/// holds no date, and one with some is read only in the stretches around
/// them; a line without a 年 that follows a Chinese digit never runs
/// `CN_DATE`.
fn find_units(s: &str) -> (Vec<usize>, Vec<usize>) {
    let b = s.as_bytes();
    let (mut after_number, mut after_cn_digit) = (Vec::new(), Vec::new());
    for (unit, finder) in [Unit::Year, Unit::Month, Unit::Day]
        .into_iter()
        .zip(UNIT_CHARS.iter())
    {
        for p in finder.find_iter(b) {
            if follows_number(b, p) {
                after_number.push(p);
            } else if unit == Unit::Year && s[..p].chars().next_back().and_then(cn_digit).is_some()
            {
                after_cn_digit.push(p);
            }
        }
    }
    // Three runs in order, which the stable sort merges.
    after_number.sort();
    (after_number, after_cn_digit)
}

/// One number with its unit (or bare).
#[derive(Clone, Debug, Default)]
struct Seg {
    num: Range<usize>,
    unit: Option<Unit>,
    /// Space between the number and its unit, or before the number.
    spaces: Vec<Range<usize>>,
    /// Token index after the segment.
    next: usize,
    end: usize,
}

/// The segments of a chain, held inline: there are at most three (a 年, a
/// 月 and a 日, in order), and a chain is read at every number before a unit.
#[derive(Default)]
struct Segs {
    at: [Seg; 3],
    len: usize,
}

impl Segs {
    fn push(&mut self, seg: Seg) {
        self.at[self.len] = seg;
        self.len += 1;
    }
}

impl std::ops::Deref for Segs {
    type Target = [Seg];

    fn deref(&self) -> &[Seg] {
        &self.at[..self.len]
    }
}

struct Chain {
    segs: Segs,
    /// A final number without unit, followed by a connector.
    bare: Option<Seg>,
}

impl Chain {
    fn first_unit(&self) -> Option<Unit> {
        self.segs.first().and_then(|s| s.unit)
    }
    fn last_unit(&self) -> Option<Unit> {
        self.segs.last().and_then(|s| s.unit)
    }
    fn next(&self) -> usize {
        self.bare
            .as_ref()
            .or(self.segs.last())
            .map_or(0, |s| s.next)
    }
    fn start(&self) -> usize {
        self.segs
            .first()
            .or(self.bare.as_ref())
            .map_or(0, |s| s.num.start)
    }
    fn end(&self) -> usize {
        self.bare.as_ref().or(self.segs.last()).map_or(0, |s| s.end)
    }
}

struct Scanner<'t> {
    t: &'t [Tok],
}

impl Scanner<'_> {
    fn kind(&self, i: usize) -> Option<Tk> {
        self.t.get(i).map(|t| t.kind)
    }

    /// A number at `i` with its unit (spaces allowed between).
    fn seg(&self, i: usize) -> Option<Seg> {
        let t = self.t.get(i)?;
        if t.kind != Tk::Num {
            return None;
        }
        let mut j = i + 1;
        let mut spaces = Vec::new();
        if self.kind(j) == Some(Tk::Space) && matches!(self.kind(j + 1), Some(Tk::Unit(_))) {
            spaces.push(self.t[j].start()..self.t[j].end());
            j += 1;
        }
        if let Some(Tk::Unit(u)) = self.kind(j) {
            if u.digits_ok(t.end() - t.start()) {
                return Some(Seg {
                    num: t.start()..t.end(),
                    unit: Some(u),
                    spaces,
                    next: j + 1,
                    end: self.t[j].end(),
                });
            }
            return None;
        }
        Some(Seg {
            num: t.start()..t.end(),
            unit: None,
            spaces: Vec::new(),
            next: i + 1,
            end: t.end(),
        })
    }

    /// A chain of segments with units in order 年 < 月 < 日, optionally ending
    /// with a bare number that a connector follows.
    fn chain(&self, i: usize) -> Option<Chain> {
        let mut segs = Segs::default();
        let mut j = i;
        loop {
            let mut lead = None;
            let mut k = j;
            if !segs.is_empty() && self.kind(k) == Some(Tk::Space) {
                lead = Some(self.t[k].start()..self.t[k].end());
                k += 1;
            }
            let Some(mut seg) = self.seg(k) else { break };
            match (seg.unit, segs.last().and_then(|s| s.unit)) {
                (Some(u), None) if segs.is_empty() => {
                    let _ = u;
                }
                (Some(u), Some(prev)) if u > prev && prev.next() == Some(u) => {}
                (None, prev) => {
                    // A bare number: only when a connector follows, and it
                    // stands where the next unit would.
                    let mut n = seg.next;
                    if self.kind(n) == Some(Tk::Space) {
                        n += 1;
                    }
                    let fits = match prev {
                        Some(p) => p.next().is_some_and(|u| u.digits_ok(seg.num.len())),
                        None => segs.is_empty(),
                    };
                    if self.kind(n) == Some(Tk::Conn) && fits && lead.is_none() {
                        return Some(Chain {
                            segs,
                            bare: Some(seg),
                        });
                    }
                    break;
                }
                _ => break,
            }
            if let Some(lead) = lead {
                seg.spaces.insert(0, lead);
            }
            j = seg.next;
            segs.push(seg);
        }
        if segs.is_empty() {
            None
        } else {
            Some(Chain { segs, bare: None })
        }
    }
}

static CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?").unwrap()
});

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2}))(?:[^0-9]|$)").unwrap()
});

/// A numeric date (`2025.6.31`, `2025-06-31`) written in running text:
/// its byte range and those of its year, month and day, with their values.
pub struct NumericDate {
    pub range: Range<usize>,
    pub parts: [Range<usize>; 3],
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The numeric dates in the lines of running text (headings, body, title
/// and 发文字号 lines; the page metadata's are extracted as dates). They
/// are not dates for the other rules: only D001 reads them, for a date that
/// cannot exist. What only looks like one is left out: a year outside
/// 1900–2099, the two marks not the same, or a letter, `_`, `.`, a slash or
/// the date's own mark right before it (`v2025.6.31`, `1.2025.6.31`,
/// `/2025/06/31`, `/news/2025-06-31.html`), or a letter, `_`, `%`, or `.` or its own mark and a digit
/// right after it (`2025.6.31.2`, `2025-06-31-01`).
pub fn body_numeric_dates(doc: &Document<'_>) -> Vec<NumericDate> {
    let mut out = Vec::new();
    // The lines that can hold one: four digits, a mark and a digit. One
    // SIMD pass over the text for the marks, instead of a regex search of
    // every line with a digit.
    let b = doc.text.as_bytes();
    let mut lines: Vec<usize> = memchr::memchr3_iter(b'-', b'/', b'.', b)
        .filter(|&p| {
            p >= 4
                && b[p - 4..p].iter().all(u8::is_ascii_digit)
                && b.get(p + 1).is_some_and(u8::is_ascii_digit)
        })
        .map(|p| doc.index.line_of(p))
        .collect();
    lines.dedup();
    for line in lines.into_iter().map(|i| &doc.lines[i]) {
        if matches!(
            line.kind,
            LineKind::Blank | LineKind::Meta | LineKind::Chrome
        ) {
            continue;
        }
        let base = line.content().start;
        let s = &doc.text[line.content()];
        let mut at = 0;
        while let Some(c) = NUMERIC_DATE.captures_at(s, at) {
            let (all, y, m, d) = (
                c.get(1).unwrap(),
                c.get(2).unwrap(),
                c.get(3).unwrap(),
                c.get(4).unwrap(),
            );
            // The next search starts at the character after this date, which
            // may stand before the next one (`2025.6.1-2025.6.31`).
            at = all.end();
            let sep1 = s[y.end()..].chars().next();
            let sep = s[m.end()..].chars().next();
            if sep1 != sep {
                continue;
            }
            let sep = sep.unwrap_or('.');
            let before = s[..all.start()].chars().next_back();
            if before.is_some_and(|b| {
                b.is_ascii_alphabetic() || matches!(b, '_' | '.' | '/' | '\\') || b == sep
            }) {
                continue;
            }
            let mut rest = s[all.end()..].chars();
            let after = rest.next();
            let digit_next = rest.next().is_some_and(|c| c.is_ascii_digit());
            if after.is_some_and(|a| {
                a.is_ascii_alphabetic()
                    || matches!(a, '_' | '%')
                    || (a == '.' || a == sep) && digit_next
            }) {
                continue;
            }
            let (Ok(year), Ok(month), Ok(day)) =
                (y.as_str().parse(), m.as_str().parse(), d.as_str().parse())
            else {
                continue;
            };
            if !(1900..=2099).contains(&year) {
                continue;
            }
            let r = |m: regex::Match<'_>| base + m.start()..base + m.end();
            out.push(NumericDate {
                range: r(all),
                parts: [r(y), r(m), r(d)],
                year,
                month,
                day,
            });
        }
    }
    out
}

/// A digit of a year written in Chinese: 〇 … 九, and ○ and 零 for zero.
fn cn_digit(c: char) -> Option<i32> {
    match c {
        '○' | '零' => Some(0),
        _ => crate::document::chinese_digit(c).map(|d| d as i32),
    }
}

fn meta_role(line: &str, at: usize) -> Role {
    // Only the label just before the date (bounded, so a long line stays linear).
    let mut from = at.saturating_sub(24);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    let before = &line[from..at];
    if [
        "发布时间",
        "发布日期",
        "时间",
        "日期",
        "发文日期",
        "成文日期",
    ]
    .iter()
    .any(|k| before.contains(k))
    {
        Role::Published
    } else {
        Role::Meta
    }
}

#[inline(never)]
pub fn extract(doc: &Document<'_>) -> Vec<DateMention> {
    extract_with(doc, true)
}

/// [`extract`], with only the stretches of a line around a unit that follows
/// a number read, or (`by_stretch` false, for the tests) every line with a
/// digit read whole (see [`scan_line`]).
fn extract_with(doc: &Document<'_>, by_stretch: bool) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let (units, cn_years) = find_units(doc.text);
    // The units of the lines before the one read.
    let mut units_before = 0;
    // Has a line of running text (or a heading with text run in) ending a
    // sentence been seen yet?
    let mut body_started = false;
    // Each 年 right after a Chinese digit, found once over the whole text
    // (at a line's start the character before is a line break or a space,
    // no digit): the lines that hold none never run CN_DATE.
    let mut cn_years = cn_years.into_iter().peekable();
    // The line breaks a date runs on over (`2026年7` / `月32日`), and the
    // end of the last date read over one: the next line's own readings of
    // its pieces give way to it.
    let joins = doc.soft_breaks();
    let mut joins = joins.iter().peekable();
    let mut crossed_to = 0;
    for (li, line) in doc.lines.iter().enumerate() {
        if matches!(line.kind, LineKind::Blank) {
            continue;
        }
        let has_cn_year = super::within(&mut cn_years, line.content(), |&p| p).count() > 0;
        let base = line.content().start;
        let s = &doc.text[line.content()];
        let meta = matches!(line.kind, LineKind::Meta | LineKind::Chrome);
        let first = out.len();
        if meta {
            for c in NUMERIC_DATE.captures_iter(s) {
                let (all, y, m, d) = (
                    c.get(1).unwrap(),
                    c.get(2).unwrap(),
                    c.get(3).unwrap(),
                    c.get(4).unwrap(),
                );
                let g = |m: regex::Match<'_>| Some((base + m.start()..base + m.end()).into());
                out.push(DateMention::Date(Date {
                    year: y.as_str().parse().ok(),
                    month: m.as_str().parse().ok(),
                    day: d.as_str().parse().ok(),
                    year_from: YearFrom::Written,
                    parts_at: [g(y), g(m), g(d)],
                    numerals: Numerals::Numeric,
                    ..Date::at(
                        base + all.start()..base + all.end(),
                        li,
                        meta_role(s, all.start()),
                    )
                }));
            }
        }
        // CN_DATE needs a Chinese digit right before 年: look for that
        // before running the regex.
        if has_cn_year {
            for c in CN_DATE.captures_iter(s) {
                let all = c.get(0).unwrap();
                let y = c.get(1).unwrap();
                let year = y
                    .as_str()
                    .chars()
                    .try_fold(0i32, |acc, ch| cn_digit(ch).map(|d| acc * 10 + d));
                let month = chinese_ordinal(c.get(2).unwrap().as_str());
                let day = c.get(3).map(|d| chinese_ordinal(d.as_str()));
                let (Some(year), Some(month)) = (year, month) else {
                    continue;
                };
                if day == Some(None) {
                    continue;
                }
                let g = |m: Option<regex::Match<'_>>| {
                    m.map(|m| (base + m.start()..base + m.end()).into())
                };
                let role = if meta { Role::Meta } else { Role::Body };
                out.push(DateMention::Date(Date {
                    year: Some(year),
                    month: Some(month),
                    day: day.flatten(),
                    year_from: YearFrom::Written,
                    parts_at: [g(Some(y)), g(c.get(2)), g(c.get(3))],
                    numerals: Numerals::Chinese,
                    ..Date::at(base + all.start()..base + all.end(), li, role)
                }));
            }
        }
        if by_stretch {
            while units.get(units_before).is_some_and(|&p| p < base) {
                units_before += 1;
            }
            let first_unit = units_before;
            while units
                .get(units_before)
                .is_some_and(|&p| p < line.content().end)
            {
                units_before += 1;
            }
            let units = &units[first_unit..units_before];
            if !units.is_empty() {
                scan_line(s, base, li, meta, Some(units), &mut toks, &mut out);
            }
        } else if super::find_ascii_digit(s.as_bytes()).is_some() {
            scan_line(s, base, li, meta, None, &mut toks, &mut out);
        }
        if crossed_to > line.content().start {
            let tail = out.split_off(first);
            out.extend(
                tail.into_iter()
                    .filter(|m| mention_range(m).start >= crossed_to),
            );
        }
        // A date cut by a line break that is not read over (`…至1` /
        // `2月31日`, where the text's wrap is not known): the month or the
        // day that opens the line may end a figure of the line before
        // (12月31日), so the date read there is uncertain, and dropped.
        let start = line.content().start;
        if li > 0
            && out.len() > first
            && crossed_to <= start
            && doc.text.as_bytes()[start].is_ascii_digit()
            && crate::extract::numbers::ends_in_digit(
                &doc.text.as_bytes()[..doc.lines[li - 1].content().end],
            )
            && doc.runs_on(li - 1)
            && joins
                .peek()
                .is_none_or(|j| j.0 != doc.lines[li - 1].content().end)
            && let Some(k) = out[first..].iter().position(|m| match m {
                DateMention::Date(d) => d.range().start == start && d.parts_at[0].is_none(),
                DateMention::Range(r) => r.range.start == start && r.start.parts_at[0].is_none(),
                DateMention::Malformed(_) => false,
            })
        {
            out.remove(first + k);
        }
        while joins.next_if(|j| j.0 < line.content().end).is_some() {}
        if let Some(&&(from, to)) = joins.peek()
            && from == line.content().end
            && let Some(next) = doc.lines.get(li + 1)
        {
            // The dates read with the next line run in: those that cross the
            // break stand for the pieces read on either side of it.
            let mut joined = String::with_capacity(s.len() + next.content().len());
            joined.push_str(s);
            joined.push_str(&doc.text[next.content()]);
            let mut over = Vec::new();
            let units = by_stretch.then(|| find_units(&joined).0);
            scan_line(&joined, 0, li, meta, units.as_deref(), &mut toks, &mut over);
            let cut = s.len();
            let at = |o: usize, end: bool| {
                if o < cut || end && o == cut {
                    base + o
                } else {
                    to + (o - cut)
                }
            };
            over.retain(|m| {
                let r = mention_range(m);
                r.start < cut && r.end > cut
            });
            for m in &mut over {
                remap(m, &at);
                let r = mention_range(m);
                crossed_to = crossed_to.max(r.end);
                let tail = out.split_off(first);
                out.extend(tail.into_iter().filter(|o| {
                    let q = mention_range(o);
                    q.end <= r.start || q.start >= r.end
                }));
            }
            out.extend(over);
        }
        // Years known in this paragraph so far fill in dates without one.
        let mut year: Option<i32> = None;
        // The last year named that the paragraph does not take.
        let mut doubt: Option<i32> = None;
        // Whether the text up to `title_at` (in the line) is inside a title
        // in 《》, read on from one date to the next.
        let (mut title_at, mut in_title) = (0, false);
        for m in &mut out[first..] {
            match m {
                DateMention::Date(d) => {
                    let at = d.range().start - base;
                    if at >= title_at {
                        if let Some(open) = last_title_mark(&s.as_bytes()[title_at..at]) {
                            in_title = open;
                        }
                        title_at = at;
                    }
                    // `落实《2023年法治政府建设工作要点》，2月29日召开…`: the
                    // year of a title is not the year the paragraph goes on
                    // about.
                    // (A title closes within a few hundred bytes: looking
                    // no further keeps a line without 》 linear.)
                    let rest = s.as_bytes().get(d.range().end - base..).unwrap_or_default();
                    let titled = in_title
                        && memchr::memmem::find(&rest[..rest.len().min(480)], "》".as_bytes())
                            .is_some();
                    if d.year.is_none() {
                        if let Some(y) = year {
                            d.year = Some(y);
                            d.year_from = YearFrom::Paragraph;
                        } else if let Some(y) = doubt {
                            d.year_from = YearFrom::Doubtful {
                                leap: days_in_month(y, 2) == Some(29),
                            };
                        }
                    } else if !titled
                        && (d.month.is_some()
                            || !is_baseline(
                                &doc.text[..d.range().start],
                                &doc.text[d.range().end..],
                            ))
                    {
                        // After `2023年底` the next `2月29日` may be of
                        // 2024: the year is not carried past a year's end.
                        let year_end = d.month.is_none()
                            && doc.text[d.range().end..].starts_with(['底', '末']);
                        year = if year_end { None } else { d.year };
                        if year_end {
                            doubt = d.year;
                        }
                    } else {
                        doubt = d.year;
                    }
                }
                DateMention::Range(r) => {
                    for d in [&mut r.start, &mut r.end] {
                        if d.year.is_none()
                            && let Some(y) = year
                        {
                            d.year = Some(y);
                            d.year_from = YearFrom::Paragraph;
                        }
                    }
                    if r.end.year.is_some() {
                        year = r.end.year;
                    }
                }
                DateMention::Malformed(m) => {
                    if m.year.is_some() {
                        year = m.year;
                    }
                }
            }
        }
        // Roles: a line that is only a date (or a date and 印发).
        if !meta && body_started {
            let mut dates = (first..out.len()).filter(|&i| matches!(out[i], DateMention::Date(_)));
            if let (Some(only), None) = (dates.next(), dates.next())
                && let DateMention::Date(d) = &mut out[only]
            {
                let rest_before = &doc.text[line.content().start..d.range().start];
                let rest_after = doc
                    .text
                    .get(d.range().end..line.content().end)
                    .unwrap_or_default();
                let after = rest_after.trim_matches(is_space);
                if d.is_full() {
                    if (after.is_empty() || is_weekday_note(after))
                        && rest_before.trim_matches(is_space).is_empty()
                    {
                        d.role = Role::Signing;
                    } else if after == "印发" {
                        // 版记: `某某办公室  2023年3月6日印发`.
                        d.role = Role::Issued;
                    }
                }
            }
        }
        // A heading with its paragraph run in (`一、请于3月1日前报送。`)
        // is running text too.
        if !body_started
            && matches!(line.kind, LineKind::Body | LineKind::Heading)
            && (s.contains('。') || s.contains('；'))
        {
            body_started = true;
        }
    }
    out.shrink_to_fit();
    out
}

/// Whether the last 《 or 》 in `b` is a 《; `None` when it holds neither.
/// A search for their last bytes (a `char` search decodes every character
/// back to it, and the most often there is none), each checked for the
/// bytes before it, which the two share.
fn last_title_mark(b: &[u8]) -> Option<bool> {
    const OPEN: &[u8] = "《".as_bytes();
    const CLOSE: &[u8] = "》".as_bytes();
    let mut end = b.len();
    while let Some(p) = memchr::memrchr2(OPEN[2], CLOSE[2], &b[..end]) {
        if p >= 2 && b[p - 2..p] == OPEN[..2] {
            return Some(b[p] == OPEN[2]);
        }
        end = p;
    }
    None
}

/// The range a mention covers.
fn mention_range(m: &DateMention) -> Range<usize> {
    match m {
        DateMention::Date(d) => d.range(),
        DateMention::Range(r) => r.range.clone(),
        DateMention::Malformed(m) => m.range.clone(),
    }
}

/// Move a mention read in a joined text to the text's offsets: `at(offset,
/// is_end)`.
fn remap(m: &mut DateMention, at: &impl Fn(usize, bool) -> usize) {
    let r = |r: Range<usize>| at(r.start, false)..at(r.end, true);
    let date = |d: &mut Date| {
        d.range_at = r(d.range()).into();
        d.parts_at = d.parts_at.map(|p| p.map(|p| r(p.range()).into()));
        for sp in d.spaces_at.iter_mut() {
            *sp = r(sp.range()).into();
        }
    };
    match m {
        DateMention::Date(d) => date(d),
        DateMention::Range(x) => {
            x.range = r(x.range.clone());
            x.connector = x.connector.clone().map(r);
            date(&mut x.start);
            date(&mut x.end);
        }
        DateMention::Malformed(x) => {
            x.range = r(x.range.clone());
            x.digits = r(x.digits.clone());
        }
    }
}

/// Whether the words after a date on a line of its own are only its day of
/// the week (`（星期三）`, `(周三)`, `星期三`): the line is still the
/// 成文日期 (D014 checks the day).
fn is_weekday_note(after: &str) -> bool {
    let inner = match after.strip_prefix(['（', '(']) {
        Some(r) => match r.strip_suffix(['）', ')']) {
            Some(i) => i,
            None => return false,
        },
        None => after,
    };
    ["星期", "礼拜", "周"].iter().any(|w| {
        inner.strip_prefix(w).is_some_and(|d| {
            let mut cs = d.chars();
            cs.next().is_some_and(|c| "一二三四五六日天".contains(c)) && cs.next().is_none()
        })
    })
}

/// Whether a year written between `before` and `after` is not the year the
/// paragraph goes on about, so that the dates after it do not take it: the
/// baseline of a comparison (`较2023年增长12%`, `与2023年相比`, `同比`,
/// `2023年同期为119件`, `（2023年为3939户）`), an aside in brackets, or an
/// attribute of a noun (`按照2023年的部署`, `2023年出台的《办法》`: up to six
/// characters, no mark, then 的).
fn is_baseline(before: &str, after: &str) -> bool {
    if ["较", "比", "与", "同", "相较", "（", "("]
        .iter()
        .any(|w| before.ends_with(w))
        // `2023年度考核`: the year of a thing named, not of what follows.
        || ["为", "同期", "同比", "度"].iter().any(|w| after.starts_with(w))
    {
        return true;
    }
    after
        .chars()
        .take(7)
        .take_while(|c| is_han(*c))
        .any(|c| c == '的')
}

/// 年, 月 and 日, found with memchr's two-byte prefilter (a `char` search
/// looks for its last byte, which half the Chinese characters share).
static UNIT_CHARS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    LazyLock::new(|| ["年", "月", "日"].map(memchr::memmem::Finder::new));

/// Read the dates of line `s` (at `base` in the text) into `out`. With
/// `units`, the offsets in the text of the units in it that follow a number
/// (see [`find_units`]), only the stretches that hold one are read:
/// a reading never leaves its stretch, and one without such a unit holds no
/// date. Without, the whole line is read, as the tests hold the two to.
fn scan_line(
    s: &str,
    base: usize,
    li: usize,
    meta: bool,
    units: Option<&[usize]>,
    toks: &mut Vec<Tok>,
    out: &mut Vec<DateMention>,
) {
    let Some(units) = units else {
        tokenize(s, toks);
        read_tokens(s, base, li, meta, toks, out);
        return;
    };
    // The end of the stretch read last: the units inside it were read.
    let mut done = 0;
    for at in units.iter().map(|&at| at - base) {
        if at < done {
            continue;
        }
        let Some(from) = stretch_start(s, at) else {
            continue;
        };
        done = tokenize_stretch(s, from, toks);
        read_tokens(s, base, li, meta, toks, out);
    }
}

/// Read the dates in tokens `toks` of line `s` (at `base` in the text) into
/// `out`.
fn read_tokens(
    s: &str,
    base: usize,
    li: usize,
    meta: bool,
    toks: &[Tok],
    out: &mut Vec<DateMention>,
) {
    let sc = Scanner { t: toks };
    let role = if meta { Role::Meta } else { Role::Body };
    let mk = |chain_segs: &[Seg], bare: Option<(&Seg, Unit)>| -> Date {
        let mut d = Date::at(0..0, li, role);
        let mut spaces: Vec<Span32> = Vec::new();
        let all = chain_segs
            .iter()
            .filter_map(|s| s.unit.map(|u| (s, u)))
            .chain(bare);
        let mut start = usize::MAX;
        let mut end = 0;
        for (seg, u) in all {
            let v: u32 = s[seg.num.clone()].parse().unwrap_or(0);
            let r = Some(base + seg.num.start..base + seg.num.end);
            match u {
                Unit::Year => {
                    d.year = Some(v as i32);
                    d.set_part(0, r);
                    d.year_from = YearFrom::Written;
                }
                Unit::Month => {
                    d.month = Some(v);
                    d.set_part(1, r);
                }
                Unit::Day => {
                    d.day = Some(v);
                    d.set_part(2, r);
                }
            }
            spaces.extend(
                seg.spaces
                    .iter()
                    .map(|r| Span32::from(base + r.start..base + r.end)),
            );
            start = start.min(seg.num.start);
            end = end.max(seg.end);
        }
        d.range_at = (base + start..base + end).into();
        d.spaces_at = spaces.into_boxed_slice();
        d
    };
    let mut i = 0;
    while i < sc.t.len() {
        let t = sc.t[i];
        if t.kind != Tk::Num {
            i += 1;
            continue;
        }
        // A number inside a decimal, a code or a longer token is not a date.
        let prev = s[..t.start()].chars().next_back();
        if prev.is_some_and(|c| {
            c == '.' || c == '．' || c.is_ascii_alphanumeric() || c == '〔' || c == '%'
        }) {
            i += 1;
            continue;
        }
        let len = t.end() - t.start();
        let unit_after = match sc.kind(i + 1) {
            Some(Tk::Unit(u)) => Some(u),
            _ => None,
        };
        // Malformed and glued forms first.
        if let Some(u) = unit_after
            && !u.digits_ok(len)
        {
            let digits = &s[t.start()..t.end()];
            let uend = sc.t[i + 1].end();
            if u == Unit::Year && len == 8 {
                // 20152020年: a year range that lost its connector.
                let (a, b): (i32, i32) = (
                    digits[..4].parse().unwrap_or(0),
                    digits[4..].parse().unwrap_or(0),
                );
                if plausible_year(a) && plausible_year(b) && a < b && b - a <= 50 {
                    let year = base + t.start()..base + t.start() + 4;
                    let mut start = Date {
                        year: Some(a),
                        year_from: YearFrom::Written,
                        in_range: true,
                        ..Date::at(year.clone(), li, role)
                    };
                    start.set_part(0, Some(year));
                    let mut end = start.clone();
                    end.range_at = (base + t.start() + 4..base + uend).into();
                    end.set_part(0, Some(base + t.start() + 4..base + t.end()));
                    end.year = Some(b);
                    out.push(DateMention::Range(Box::new(DateRange {
                        range: base + t.start()..base + uend,
                        line: li,
                        start,
                        end,
                        connector: None,
                        bare_start: true,
                        unit: Unit::Year,
                    })));
                }
            } else if u == Unit::Year {
                // A longer digit run before 年 (`12023年2月30日`) is not a
                // year, and what hangs on it is not a date either.
                let mut j = i + 2;
                while sc.kind(j) == Some(Tk::Num) && matches!(sc.kind(j + 1), Some(Tk::Unit(_))) {
                    j += 2;
                }
                i = j;
                continue;
            } else if let Some(m) = malformed(digits, u) {
                out.push(DateMention::Malformed(Malformed {
                    range: base + t.start()..base + uend,
                    line: li,
                    digits: base + t.start()..base + t.end(),
                    unit: u,
                    year: m.0,
                    year_written: false,
                    readings: m.1,
                }));
            } else if u == Unit::Day
                && let Some((at, y)) = year_right_before(&sc, i, s)
                && let Some(readings) = month_day(digits, y)
            {
                // `2024年1015日`: the year is written, 月 is lost.
                out.push(DateMention::Malformed(Malformed {
                    range: base + at..base + uend,
                    line: li,
                    digits: base + t.start()..base + t.end(),
                    unit: u,
                    year: Some(y),
                    year_written: true,
                    readings,
                }));
            }
            i += 2;
            continue;
        }
        let Some(a) = sc.chain(i) else {
            i += 1;
            continue;
        };
        // A range: A [space] connector [space] B.
        let mut k = a.next();
        if sc.kind(k) == Some(Tk::Space) {
            k += 1;
        }
        let mut ranged = None;
        if sc.kind(k) == Some(Tk::Conn) {
            let conn = sc.t[k].start()..sc.t[k].end();
            let mut kb = k + 1;
            if sc.kind(kb) == Some(Tk::Space) {
                kb += 1;
            }
            if let Some(b) = sc.chain(kb).filter(|b| b.bare.is_none()) {
                ranged = range_of(&a, &b, s).map(|(unit, bare_unit)| (b, conn, unit, bare_unit));
            }
        }
        match ranged {
            Some((b, conn, unit, bare_unit)) => {
                let mut start = mk(&a.segs, a.bare.as_ref().map(|s| (s, bare_unit)));
                let mut end = mk(&b.segs, None);
                start.in_range = true;
                end.in_range = true;
                // The end inherits what it does not write from the start.
                if end.year.is_none() && start.year.is_some() {
                    end.year = start.year;
                    end.year_from = YearFrom::RangeStart;
                }
                if end.month.is_none() && end.day.is_some() {
                    end.month = start.month;
                }
                let range = base + a.start()..base + b.end();
                out.push(DateMention::Date(start.clone()));
                out.push(DateMention::Date(end.clone()));
                out.push(DateMention::Range(Box::new(DateRange {
                    range,
                    line: li,
                    start,
                    end,
                    connector: Some(base + conn.start..base + conn.end),
                    bare_start: a.bare.is_some() && a.segs.is_empty(),
                    unit,
                })));
                i = b.next();
            }
            None => {
                if !a.segs.is_empty() {
                    let d = mk(&a.segs, None);
                    // A day alone (`30日内`) is a duration, not a date.
                    if d.year.is_some() || d.month.is_some() {
                        out.push(DateMention::Date(d));
                    }
                }
                i = a.segs.last().map_or(i + 1, |s| s.next);
            }
        }
    }
}

/// Whether chains `a` and `b` joined by a connector form a range; returns
/// the unit the two ends differ in and the unit of `a`'s bare number.
fn range_of(a: &Chain, b: &Chain, s: &str) -> Option<(Unit, Unit)> {
    let bf = b.first_unit()?;
    let bl = b.last_unit()?;
    match (&a.bare, a.last_unit()) {
        (Some(bare), None) => {
            // 2017—2020年, 1—6月; a bare day range (3—5日) is a duration.
            if bf == Unit::Day || !bf.digits_ok(bare.num.len()) {
                return None;
            }
            if bf == Unit::Year && !s[bare.num.clone()].parse().is_ok_and(plausible_year) {
                return None;
            }
            Some((bf, bf))
        }
        (Some(_), Some(last)) => {
            // 2021年1—6月, 3月1—10日
            let u = last.next()?;
            (bf == u && bl == u).then_some((u, u))
        }
        (None, Some(last)) => {
            let first = a.first_unit()?;
            (bf >= first && bf <= last && bl == last).then_some((bf, last))
        }
        (None, None) => None,
    }
}

/// Read digits that lost 年 or 月: `20171026` + 日, `20169` + 月, `1012` + 月.
/// Returns the year (when the digits start with one) and every reading as a
/// real date; `None` when the digits are not a date at all.
/// The start and value of a four-digit year written with 年 right before
/// token `i` (`2024年` before `1015日`).
fn year_right_before(sc: &Scanner<'_>, i: usize, s: &str) -> Option<(usize, i32)> {
    let unit = sc.t.get(i.checked_sub(1)?)?;
    let num = sc.t.get(i.checked_sub(2)?)?;
    if unit.kind != Tk::Unit(Unit::Year)
        || unit.end() != sc.t[i].start()
        || num.kind != Tk::Num
        || num.end() != unit.start()
        || num.end() - num.start() != 4
    {
        return None;
    }
    let y: i32 = s[num.start()..num.end()].parse().ok()?;
    plausible_year(y).then_some((num.start(), y))
}

/// Ways of reading digits as a date: (year, month, day).
type Readings = Vec<(Option<i32>, u32, Option<u32>)>;

/// The ways three or four digits that lost 月 read as a month and a day of
/// year `y` (`1015` → 10月15日; `111` → 1月11日 or 11月1日).
fn month_day(digits: &str, y: i32) -> Option<Readings> {
    if !(3..=4).contains(&digits.len()) || digits.starts_with('0') {
        return None;
    }
    let readings: Vec<_> = (1..digits.len())
        .filter_map(|cut| {
            let (m, d) = (&digits[..cut], &digits[cut..]);
            if m.len() > 2 || d.len() > 2 || d.starts_with('0') {
                return None;
            }
            let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
            valid_date(Some(y), m, d).then_some((Some(y), m, Some(d)))
        })
        .collect();
    (!readings.is_empty()).then_some(readings)
}

fn malformed(digits: &str, unit: Unit) -> Option<(Option<i32>, Readings)> {
    let len = digits.len();
    let year: Option<i32> = if len >= 5 {
        digits[..4].parse().ok().filter(|y| plausible_year(*y))
    } else {
        None
    };
    let num = |t: &str| -> Option<u32> {
        if t.is_empty() || t.len() > 2 || t.starts_with('0') {
            None
        } else {
            t.parse().ok()
        }
    };
    match unit {
        Unit::Day => {
            // Year + month + day, 年 and 月 lost.
            let y = year?;
            let rest = &digits[4..];
            let mut readings = Vec::new();
            for cut in 1..rest.len() {
                if let (Some(m), Some(d)) = (num(&rest[..cut]), num(&rest[cut..]))
                    && valid_date(Some(y), m, d)
                {
                    readings.push((Some(y), m, Some(d)));
                }
            }
            // Month and day both padded to two digits, as in 2024年03月15日
            // (20240315日): the only reading with a leading zero.
            if rest.len() == 4 && (rest.starts_with('0') || rest[2..].starts_with('0')) {
                let padded = |t: &str| t.parse::<u32>().ok().filter(|&v| v > 0);
                if let (Some(m), Some(d)) = (padded(&rest[..2]), padded(&rest[2..]))
                    && valid_date(Some(y), m, d)
                {
                    readings.push((Some(y), m, Some(d)));
                }
            }
            (!readings.is_empty()).then_some((Some(y), readings))
        }
        Unit::Month => match year {
            Some(y) => {
                let m = num(&digits[4..]).filter(|m| (1..=12).contains(m))?;
                Some((Some(y), vec![(Some(y), m, None)]))
            }
            // 1012月: a month number that cannot be one (a lost connector or 月).
            None if (3..=4).contains(&len) && !digits.starts_with('0') => Some((None, Vec::new())),
            None => None,
        },
        Unit::Year => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signing_date_may_carry_its_weekday() {
        let roles = |text: &str| -> Vec<Role> {
            let doc = Document::new(text);
            extract(&doc)
                .iter()
                .filter_map(|m| m.as_date().map(|d| d.role))
                .collect()
        };
        for line in [
            "2026年2月10日（星期二）",
            "2026年2月10日(周二)",
            "2026年2月10日 星期二",
        ] {
            let text = format!("标题\n\n正文一段。\n\n某某局\n{line}\n");
            assert_eq!(roles(&text).last(), Some(&Role::Signing), "{line}");
        }
        for line in [
            "2026年2月10日（星期二）上午",
            "2026年2月10日（周二至周三）",
            "2026年2月10日（补发）",
        ] {
            let text = format!("标题\n\n正文一段。\n\n某某局\n{line}\n");
            assert_ne!(roles(&text).last(), Some(&Role::Signing), "{line}");
        }
    }

    fn show(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        extract(&doc)
            .iter()
            .map(|m| match m {
                DateMention::Date(d) => format!(
                    "D{:?}-{:?}-{:?}:{}",
                    d.year,
                    d.month,
                    d.day,
                    &text[d.range()]
                ),
                DateMention::Range(r) => format!(
                    "R{:?}:{}:{}",
                    r.unit,
                    &text[r.range.clone()],
                    r.connector.as_ref().map_or("", |c| &text[c.clone()])
                ),
                DateMention::Malformed(m) => {
                    format!("M{:?}:{}", m.readings, &text[m.range.clone()])
                }
            })
            .collect()
    }

    #[test]
    fn a_date_is_small_and_reads_back_its_ranges() {
        // A draft may hold a date every few lines.
        assert!(std::mem::size_of::<DateMention>() <= 96);
        let text = "首行\n于2015年7月3 日印发";
        let doc = Document::new(text);
        let all = extract(&doc);
        let d = all[0].as_date().expect("a date");
        assert_eq!(&text[d.range()], "2015年7月3 日");
        assert_eq!(d.line(), 1);
        let parts: Vec<&str> = d.parts().into_iter().map(|p| &text[p.unwrap()]).collect();
        assert_eq!(parts, ["2015", "7", "3"]);
        let spaces: Vec<_> = d.spaces().collect();
        assert_eq!(spaces.len(), 1);
        assert_eq!(&text[spaces[0].clone()], " ");
        assert_eq!(&text[spaces[0].end..d.range().end], "日");
    }

    #[test]
    fn a_long_paragraph_read_a_stretch_at_a_time_gives_the_same_dates() {
        let sentences = [
            "2020年1月至3月开展专项检查。",
            "2017-2020年规划已印发，20171026日召开会议。",
            "3月5日起施行 ， 于2020年2月25日签发。",
            "二〇二〇年十二月三十日，会议持续到2021年1 月。",
            "第35号文件、2019年度报告、20152020年。",
            "2018年3月—",
            "2019年5月。",
        ];
        let paragraph = sentences.concat().repeat(60);
        let doc = Document::new(&paragraph);
        let whole = extract_with(&doc, false);
        let by_stretch = extract(&doc);
        assert!(whole.len() >= 60 * 12, "{}", whole.len());
        assert_eq!(whole.len(), by_stretch.len());
        if let Some(i) = (0..whole.len()).find(|&i| whole[i] != by_stretch[i]) {
            panic!("mention {i}: {:?} != {:?}", whole[i], by_stretch[i]);
        }
    }

    /// Reading only the stretches around a unit that follows a number, and
    /// ending them at a number no reading can use, changes no mention:
    /// random texts of digits, units, connectors, spaces and the characters
    /// that end a reading, read so and read whole.
    #[test]
    fn lines_read_a_stretch_at_a_time_give_the_same_dates() {
        let bits = [
            "2023",
            "2017",
            "20171026",
            "1",
            "12",
            "3",
            "05",
            "年",
            "月",
            "日",
            "-",
            "—",
            "——",
            "～",
            "至",
            "一",
            " ",
            "\u{3000}",
            "\u{a0}",
            "\t",
            "件",
            "%",
            ".",
            "．",
            "〔",
            "号",
            "，",
            "。",
            "\n",
            "印发",
            "a",
            "—2020年",
            "-6月",
            "至3月",
            "～5日",
        ];
        let mut rng = fastrand::Rng::with_seed(5);
        let mut found = [0; 3];
        for _ in 0..30_000 {
            let n = rng.usize(0..24);
            let text: String = (0..n).map(|_| bits[rng.usize(..bits.len())]).collect();
            let doc = Document::new(&text);
            let by_stretch = extract_with(&doc, true);
            assert_eq!(by_stretch, extract_with(&doc, false), "{text:?}");
            for m in &by_stretch {
                found[match m {
                    DateMention::Date(_) => 0,
                    DateMention::Range(_) => 1,
                    DateMention::Malformed(_) => 2,
                }] += 1;
            }
        }
        // The texts hold dates, ranges and malformed dates to compare.
        assert!(found.iter().all(|&n| n > 100), "{found:?}");
    }

    /// A date in Chinese numerals is found on its own line only: a line that
    /// ends with a Chinese digit does not lend it to the 年 opening the next.
    #[test]
    fn chinese_dates_on_their_lines() {
        assert_eq!(
            show("会议共有代表二\n年三月五日召开。\n于二〇二三年三月五日印发。\n"),
            vec!["DSome(2023)-Some(3)-Some(5):二〇二三年三月五日"]
        );
    }

    #[test]
    fn full_and_partial() {
        assert_eq!(
            show("2017年10月26日召开，12月底完成。"),
            vec![
                "DSome(2017)-Some(10)-Some(26):2017年10月26日",
                "DSome(2017)-Some(12)-None:12月"
            ]
        );
        assert_eq!(show("自收到之日起30日内"), Vec::<String>::new());
        assert_eq!(
            show("2015年7月3 日"),
            vec!["DSome(2015)-Some(7)-Some(3):2015年7月3 日"]
        );
    }

    #[test]
    fn ranges() {
        let v = show("《纲要(2017-2020年)》");
        assert_eq!(v.last().unwrap(), "RYear:2017-2020年:-");
        let v = show("2021年1月—6月");
        assert_eq!(v.last().unwrap(), "RMonth:2021年1月—6月:—");
        let v = show("2021年1-6月");
        assert_eq!(v.last().unwrap(), "RMonth:2021年1-6月:-");
        let v = show("3月1日—10日");
        assert_eq!(v.last().unwrap(), "RDay:3月1日—10日:—");
        let v = show("(20152020年)");
        assert_eq!(v, vec!["RYear:20152020年:"]);
        assert!(show("人数为5-15人，电话0771-5530468，3-5日办结").is_empty());
        assert!(show("工作1-2年").is_empty());
    }

    #[test]
    fn malformed_readings() {
        assert_eq!(
            show("20171026日"),
            vec!["M[(Some(2017), 10, Some(26))]:20171026日"]
        );
        assert_eq!(
            show("2017212日"),
            vec!["M[(Some(2017), 2, Some(12))]:2017212日"]
        );
        assert_eq!(show("2017111日").len(), 1);
        assert!(
            show("2017111日")[0].contains("(Some(2017), 1, Some(11)), (Some(2017), 11, Some(1))")
        );
        assert_eq!(show("20169月"), vec!["M[(Some(2016), 9, None)]:20169月"]);
        assert_eq!(show("1012月"), vec!["M[]:1012月"]);
        // 930日 (three digits, no year) stays silent: it may be a count of days.
        assert!(show("于930日前完成").is_empty());
    }

    #[test]
    fn calendar() {
        assert!(valid_date(Some(2024), 2, 29));
        assert!(!valid_date(Some(2023), 2, 29));
        assert!(!valid_date(Some(1900), 2, 29));
        assert!(valid_date(Some(2000), 2, 29));
        assert!(!valid_date(Some(2021), 4, 31));
        assert!(!valid_date(None, 2, 30));
        assert!(valid_date(None, 2, 29));
    }
}
