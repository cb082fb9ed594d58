//! Document numbers (发文字号): 机关代字〔YYYY〕N号, found in every form a
//! drafter or a copy-and-paste can leave: any bracket style, a lost closing
//! bracket (`〔2017123号`), a lost 号 before a citation's closing parenthesis
//! (`(国办发〔2015〕51)`), `第`/`字第` before the number, leading zeros, spaces
//! inside and two- or three-digit years. The rules of family N decide which
//! of these is a defect; this module only records what is written.
//!
//! Government orders (`政府令第1号`, `第5号令`) carry no bracketed year and are
//! never matched.

use std::ops::Range;
use std::sync::LazyLock;

use regex_automata::Span;

use crate::document::{Document, LineKind, Span32};
use crate::extract::Needles;
use crate::rules::punct::text::positions_iter;

/// A 发文字号 as written. Its ranges are held as `u32` spans (see
/// [`Span32`]) and read through the methods of the same names: a draft may
/// cite tens of thousands of document numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumber {
    range_at: Span32,
    /// Where the organ ends (it starts where the number does).
    organ_end: u32,
    open_at: Span32,
    year_at: Span32,
    serial_at: Span32,
    close_at: Option<Span32>,
    extra_at: Option<Span32>,
    hao_at: Option<Span32>,
    spaces_at: Box<[Span32]>,
    line_at: u32,
    /// Whether the organ holds a Han character: what every N rule asks of
    /// it by default ([`DocNumber::organ_has_han`]), read while its text is
    /// at hand instead of once a rule from a text of megabytes.
    organ_han: bool,
}

impl DocNumber {
    /// Whitespace inside the number (between organ and bracket, inside the
    /// brackets, before the number, before 号).
    pub fn spaces(&self) -> impl ExactSizeIterator<Item = Range<usize>> + '_ {
        self.spaces_at.iter().map(|s| s.range())
    }

    /// 0-based line index.
    pub fn line(&self) -> usize {
        self.line_at as usize
    }

    /// From the first character of the organ code to 号 (or to the end of
    /// the number when 号 is missing).
    pub fn range(&self) -> Range<usize> {
        self.range_at.range()
    }

    /// 机关代字, e.g. `国办发`: the run of Han characters and Latin letters
    /// directly before the bracket (at most 16). In running text it may
    /// include a preceding word (`根据国办发`); rules never rewrite it.
    pub fn organ(&self) -> Range<usize> {
        self.range_at.range().start..self.organ_end as usize
    }

    /// Whether [`DocNumber::organ`] holds a Han character.
    pub fn organ_has_han(&self) -> bool {
        self.organ_han
    }

    /// The opening bracket; an empty range before the year when it was
    /// lost (`国办发2021〕12号`, see [`DocNumber::open_lost`]).
    pub fn open(&self) -> Range<usize> {
        self.open_at.range()
    }

    /// Whether the opening bracket before the year was lost
    /// (`国办发2021〕12号`).
    pub fn open_lost(&self) -> bool {
        self.open_at.range().is_empty()
    }

    /// The year digits (the first four digits when the closing bracket is
    /// lost).
    pub fn year(&self) -> Range<usize> {
        self.year_at.range()
    }

    /// The closing bracket; `None` when it was lost (`〔2017123号`).
    pub fn close(&self) -> Option<Range<usize>> {
        self.close_at.map(Span32::range)
    }

    /// `第`, `字` or `字第` between the year and the number.
    pub fn extra(&self) -> Option<Range<usize>> {
        self.extra_at.map(Span32::range)
    }

    /// The sequence number digits.
    pub fn serial(&self) -> Range<usize> {
        self.serial_at.range()
    }

    /// `号`; `None` when the number is followed directly by a closing
    /// parenthesis (`(国办发〔2015〕51)`).
    pub fn hao(&self) -> Option<Range<usize>> {
        self.hao_at.map(Span32::range)
    }

    /// The year as written (2, 3 or 4 digits).
    pub fn year_value(&self, text: &str) -> Option<i32> {
        text[self.year()].parse().ok()
    }

    pub fn year_digits(&self) -> usize {
        self.year().len()
    }
}

#[cfg(test)]
const SP: &str = r"[ \t\u{3000}\u{a0}]*";

/// The part from the opening bracket on, as a regular expression: the
/// matcher [`match_at`] reads exactly this, and the tests hold it to the
/// regex. Two alternatives: a closed bracket around a 2–4 digit year, or 〔
/// followed by 5–10 digits (the closing bracket lost between the year and
/// the number).
#[cfg(test)]
static DOCNUM_PATTERN: LazyLock<String> = LazyLock::new(|| {
    format!(
        concat!(
            r"(?:",
            r"(?P<open>[〔\[［【（(﹝〖⁅])(?P<sp1>{sp})(?P<year>[0-9]{{2,4}})(?P<sp2>{sp})",
            r"(?P<close>[〕\]］】）)﹞〗⁆])(?P<sp3>{sp})(?P<extra>字第|第|字)?(?P<sp4>{sp})",
            r"(?P<serial>[0-9]{{1,6}})(?P<sp5>{sp})(?P<hao>号)?",
            r"|",
            r"(?P<lopen>〔)(?P<ys>[0-9]{{5,10}})(?P<lsp>{sp})(?P<lhao>号)?",
            r")"
        ),
        sp = SP
    )
});

#[cfg(test)]
static DOCNUM: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| regex_automata::meta::Regex::new(&DOCNUM_PATTERN).unwrap());

/// The brackets of [`DOCNUM_PATTERN`].
const OPEN_BRACKETS: [char; 9] = ['〔', '[', '［', '【', '（', '(', '﹝', '〖', '⁅'];
const CLOSE_BRACKETS: [char; 9] = ['〕', ']', '］', '】', '）', ')', '﹞', '〗', '⁆'];

/// The groups of one match, indexed by [`grp`] (0 is the whole match).
type Groups = [Option<Span>; 16];

/// [`DOCNUM_PATTERN`] matched at byte `p` of `s` (anchored), with its
/// groups; `None` when it does not match there.
///
/// Written out by hand because a regex search with groups cost a quarter of
/// the whole document-number extraction: the pattern is not one-pass (a
/// space and a closing bracket share their first byte), so regex-automata
/// reads its groups with a backtracker. Each part of the pattern is a run
/// of one class (digits, spaces, one bracket) and the next class is
/// disjoint from it, so the greedy match is the only one and never needs
/// backtracking; an alternative that fails somewhere fails as a whole, and
/// the second is tried (as leftmost-first does).
fn match_at(s: &str, p: usize) -> Option<Groups> {
    let sp = |i: usize| Span::from(i..spaces_end(s, i));
    let closed = || -> Option<Groups> {
        let open = Span::from(p..bracket_end(s, p, &OPEN_BRACKETS)?);
        let sp1 = sp(open.end);
        let year = Span::from(sp1.end..digits_end(s, sp1.end, 4));
        if year.len() < 2 {
            return None;
        }
        let sp2 = sp(year.end);
        let close = Span::from(sp2.end..bracket_end(s, sp2.end, &CLOSE_BRACKETS)?);
        let sp3 = sp(close.end);
        let extra = ["字第", "第", "字"]
            .into_iter()
            .find(|w| s[sp3.end..].starts_with(w))
            .map(|w| Span::from(sp3.end..sp3.end + w.len()));
        let sp4 = sp(extra.map_or(sp3.end, |e| e.end));
        let serial = Span::from(sp4.end..digits_end(s, sp4.end, 6));
        if serial.is_empty() {
            return None;
        }
        let sp5 = sp(serial.end);
        let hao = hao_at(s, sp5.end);
        let end = hao.map_or(sp5.end, |h| h.end);
        let mut g: Groups = [None; 16];
        g[0] = Some(Span::from(p..end));
        for (k, v) in [
            (grp::OPEN, open),
            (grp::SP1, sp1),
            (grp::YEAR, year),
            (grp::SP2, sp2),
            (grp::CLOSE, close),
            (grp::SP3, sp3),
            (grp::SP4, sp4),
            (grp::SERIAL, serial),
            (grp::SP5, sp5),
        ] {
            g[k] = Some(v);
        }
        g[grp::EXTRA] = extra;
        g[grp::HAO] = hao;
        Some(g)
    };
    let lost = || -> Option<Groups> {
        if !s[p..].starts_with('〔') {
            return None;
        }
        let lopen = Span::from(p..p + '〔'.len_utf8());
        let ys = Span::from(lopen.end..digits_end(s, lopen.end, 10));
        if ys.len() < 5 {
            return None;
        }
        let lsp = sp(ys.end);
        let lhao = hao_at(s, lsp.end);
        let mut g: Groups = [None; 16];
        g[0] = Some(Span::from(p..lhao.map_or(lsp.end, |h| h.end)));
        g[grp::LOPEN] = Some(lopen);
        g[grp::YS] = Some(ys);
        g[grp::LSP] = Some(lsp);
        g[grp::LHAO] = lhao;
        Some(g)
    };
    closed().or_else(lost)
}

/// The end of the run of [`SPACES`] at `i`.
fn spaces_end(s: &str, i: usize) -> usize {
    s.len() - s[i..].trim_start_matches(SPACES).len()
}

/// The end of up to `max` ASCII digits at `i`.
fn digits_end(s: &str, i: usize, max: usize) -> usize {
    i + s.as_bytes()[i..]
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The end of the bracket of `set` at `i`, if there is one.
fn bracket_end(s: &str, i: usize, set: &[char]) -> Option<usize> {
    let c = s[i..].chars().next().filter(|c| set.contains(c))?;
    Some(i + c.len_utf8())
}

/// The span of a 号 at `i`, if there is one.
fn hao_at(s: &str, i: usize) -> Option<Span> {
    s[i..]
        .starts_with('号')
        .then(|| Span::from(i..i + '号'.len_utf8()))
}

/// The opening brackets of [`DOCNUM_PATTERN`] besides `(` and `[` (found
/// with memchr), and the closing 〕 of a number that lost its opening
/// bracket (`国办发2021〕12号`).
static BRACKETS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["〔", "［", "【", "（", "﹝", "〖", "⁅", "〕"]));

/// Where a document number can be, in order: each opening bracket of `s`
/// followed, after optional spaces, by an ASCII digit (every document number
/// starts at one), and each 〕 right after an ASCII digit (where a number
/// that lost its opening bracket has its year end). Searched once over the
/// whole text (the spaces are no line breaks, so the digit is on the
/// bracket's line): the lines without one are never looked at.
fn candidates(s: &str) -> impl Iterator<Item = usize> + '_ {
    positions_iter(s, b"([", &BRACKETS).filter(move |&p| {
        if is_lost_open_close(s, p) {
            return s.as_bytes()[..p].last().is_some_and(u8::is_ascii_digit);
        }
        let bracket = s[p..].chars().next().map_or(1, char::len_utf8);
        let rest = s[p + bracket..].trim_start_matches(SPACES);
        rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
    })
}

/// Whether the candidate at `p` is a closing 〕 (a number that may have lost
/// its opening bracket) rather than an opening bracket.
fn is_lost_open_close(s: &str, p: usize) -> bool {
    s[p..].starts_with('〕')
}

/// The opening brackets among [`candidates`]: where [`DOCNUM_PATTERN`] is
/// tried.
#[cfg(test)]
fn bracketed_digits(s: &str) -> impl Iterator<Item = usize> + '_ {
    candidates(s).filter(move |&p| !is_lost_open_close(s, p))
}

/// The parts of a number that lost its opening bracket, as byte ranges of
/// its line: `国办发2021〕12号` with 〔 lost before the year.
#[derive(Debug, PartialEq, Eq)]
struct LostOpen {
    organ_start: usize,
    year: Range<usize>,
    close: Range<usize>,
    extra: Option<Range<usize>>,
    serial: Range<usize>,
    hao: Range<usize>,
    /// The spaces after the bracket, before the number and before 号.
    spaces: Vec<Range<usize>>,
}

/// The number whose 〕 is at `close` in line `s`, when the opening bracket
/// before its year was lost: exactly four ASCII digits right before the 〕,
/// a 机关代字 (Han characters and Latin letters, not reaching back before
/// `floor`, the end of the number before it) right before those, and after
/// it what follows a closed year: `第`/`字`/`字第`, one to six digits and 号,
/// with the spaces the pattern allows. Without 号 the digits are not taken
/// for a number: too much else ends in a digit and a 〕.
fn lost_open_at(s: &str, close: usize, floor: usize) -> Option<LostOpen> {
    let b = s.as_bytes();
    let year_start = close.checked_sub(4).filter(|&y| y >= floor)?;
    if !b[year_start..close].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let before = &s[floor..year_start];
    let mut organ_start = year_start;
    for (n, (i, ch)) in before.char_indices().rev().enumerate() {
        if n >= 16 || !is_organ_char(ch) {
            break;
        }
        organ_start = floor + i;
    }
    if organ_start == year_start {
        return None;
    }
    let close_end = close + '〕'.len_utf8();
    let sp3 = close_end..spaces_end(s, close_end);
    let extra = ["字第", "第", "字"]
        .into_iter()
        .find(|w| s[sp3.end..].starts_with(w))
        .map(|w| sp3.end..sp3.end + w.len());
    let sp4_start = extra.as_ref().map_or(sp3.end, |e| e.end);
    let sp4 = sp4_start..spaces_end(s, sp4_start);
    let serial = sp4.end..digits_end(s, sp4.end, 6);
    if serial.is_empty() {
        return None;
    }
    let sp5 = serial.end..spaces_end(s, serial.end);
    let hao = hao_at(s, sp5.end)?;
    let spaces = [sp3, sp4, sp5]
        .into_iter()
        .filter(|r| !r.is_empty())
        .collect();
    Some(LostOpen {
        organ_start,
        year: year_start..close,
        close: close..close_end,
        extra,
        serial,
        hao: hao.start..hao.end,
        spaces,
    })
}

/// The spaces the pattern allows between its parts (`SP` in the tests'
/// regex).
const SPACES: [char; 4] = [' ', '\t', '\u{3000}', '\u{a0}'];

/// Indices of [`DOCNUM_PATTERN`]'s groups, in the order they open (a test
/// checks them against the regex's names).
mod grp {
    pub const OPEN: usize = 1;
    pub const SP1: usize = 2;
    pub const YEAR: usize = 3;
    pub const SP2: usize = 4;
    pub const CLOSE: usize = 5;
    pub const SP3: usize = 6;
    pub const EXTRA: usize = 7;
    pub const SP4: usize = 8;
    pub const SERIAL: usize = 9;
    pub const SP5: usize = 10;
    pub const HAO: usize = 11;
    pub const LOPEN: usize = 12;
    pub const YS: usize = 13;
    pub const LSP: usize = 14;
    pub const LHAO: usize = 15;
}

fn is_organ_char(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '×' || is_han(c)
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Each match of [`DOCNUM_PATTERN`] in line `s`, in order and without
/// overlap, as a search along the line would find them, given the line's
/// [`bracketed_digits`]: `f` gets the groups, the whole match (with the
/// spaces before the bracket) and the bracket's offset.
fn each_match(
    s: &str,
    brackets: impl IntoIterator<Item = usize>,
    mut f: impl FnMut(&Groups, Range<usize>, usize),
) {
    // A bracket inside the last match is skipped.
    let mut last_end = 0;
    for p in brackets {
        if p < last_end {
            continue;
        }
        let Some(caps) = match_at(s, p) else {
            continue;
        };
        let m = caps[0].expect("the whole match");
        // Spaces right before the bracket belong to the number (not those
        // of the last one).
        let mut start = p;
        while start > last_end
            && let Some(c) = s[..start]
                .chars()
                .next_back()
                .filter(|c| SPACES.contains(c))
        {
            start -= c.len_utf8();
        }
        last_end = m.end;
        f(&caps, start..m.end, p);
    }
}

#[inline(never)]
pub fn extract(doc: &Document<'_>) -> Vec<DocNumber> {
    let mut out = Vec::new();
    let mut brackets = candidates(doc.text).peekable();
    let mut here = Vec::new();
    while let Some(&first) = brackets.peek() {
        // The brackets of one line.
        let li = doc.index.line_of(first);
        let next_line = doc.line_start(li + 1).unwrap_or(doc.text.len());
        here.clear();
        while let Some(p) = brackets.next_if(|&p| p < next_line) {
            here.push(p);
        }
        let line = &doc.lines[li];
        if matches!(line.kind, LineKind::Blank | LineKind::Chrome) {
            continue;
        }
        let base = line.content().start;
        let s = &doc.text[line.content()];
        let line_first = out.len();
        let openers = here
            .iter()
            .filter(|&&p| !is_lost_open_close(doc.text, p))
            .map(|&p| p - base);
        each_match(s, openers, |caps, whole, p| {
            // The groups, as spans of the line.
            let get = |i: usize| caps[i];
            let sp0 = Span::from(whole.start..p);
            // The organ code: Han characters and Latin letters right before.
            let before = &s[..sp0.start];
            let mut organ_start = sp0.start;
            for (n, (i, ch)) in before.char_indices().rev().enumerate() {
                if n >= 16 || !is_organ_char(ch) {
                    break;
                }
                organ_start = i;
            }
            if organ_start == sp0.start
                || !before.ends_with(is_han) && !before.ends_with(|c: char| c.is_ascii_alphabetic())
            {
                return;
            }
            let g = |m: Span| base + m.start..base + m.end;
            let after = &s[whole.end..];
            let mut spaces: Vec<Span32> = Vec::new();
            let push_sp = |spaces: &mut Vec<Span32>, m: Option<Span>| {
                if let Some(m) = m.filter(|m| !m.is_empty()) {
                    spaces.push((base + m.start..base + m.end).into());
                }
            };
            push_sp(&mut spaces, Some(sp0));
            let organ_han = s[organ_start..sp0.start].chars().any(is_han);
            let n = if let Some(open) = get(grp::OPEN) {
                let year = get(grp::YEAR).unwrap();
                let serial = get(grp::SERIAL).unwrap();
                let hao = get(grp::HAO);
                // A bracketed year with no 号 is a number only with the right
                // brackets, and only before a closing parenthesis (a citation
                // that lost its 号) or alone on its line (the 发文字号 line
                // of a heading block, `南司发〔2025〕7`).
                let alone = organ_start == 0 && after.is_empty();
                if hao.is_none()
                    && !(&s[open.range()] == "〔" && (after.starts_with([')', '）']) || alone))
                {
                    return;
                }
                // Digits must not run on (`〔2015〕51号` is fine; `〔2015〕5１` is not ours).
                if hao.is_none() && get(grp::SP5).is_some_and(|m| !m.is_empty()) {
                    return;
                }
                for k in [grp::SP1, grp::SP2, grp::SP3, grp::SP4] {
                    push_sp(&mut spaces, get(k));
                }
                if hao.is_some() {
                    push_sp(&mut spaces, get(grp::SP5));
                }
                let end = hao.map_or(serial.end, |h| h.end);
                DocNumber {
                    range_at: (base + organ_start..base + end).into(),
                    organ_end: (base + sp0.start) as u32,
                    open_at: g(open).into(),
                    year_at: g(year).into(),
                    close_at: Some(g(get(grp::CLOSE).unwrap()).into()),
                    extra_at: get(grp::EXTRA).map(|e| g(e).into()),
                    serial_at: g(serial).into(),
                    hao_at: hao.map(|h| g(h).into()),
                    spaces_at: spaces.into_boxed_slice(),
                    line_at: li as u32,
                    organ_han,
                }
            } else {
                let open = get(grp::LOPEN).unwrap();
                let ys = get(grp::YS).unwrap();
                let hao = get(grp::LHAO);
                if hao.is_none() && !after.starts_with([')', '）']) {
                    return;
                }
                if hao.is_none() && get(grp::LSP).is_some_and(|m| !m.is_empty()) {
                    return;
                }
                if hao.is_some() {
                    push_sp(&mut spaces, get(grp::LSP));
                }
                let y = base + ys.start;
                let end = hao.map_or(base + ys.end, |h| base + h.end);
                DocNumber {
                    range_at: (base + organ_start..end).into(),
                    organ_end: (base + sp0.start) as u32,
                    open_at: g(open).into(),
                    year_at: (y..y + 4).into(),
                    close_at: None,
                    extra_at: None,
                    serial_at: (y + 4..base + ys.end).into(),
                    hao_at: hao.map(|h| g(h).into()),
                    spaces_at: spaces.into_boxed_slice(),
                    line_at: li as u32,
                    organ_han,
                }
            };
            out.push(n);
        });
        let closers = here.iter().filter(|&&p| is_lost_open_close(doc.text, p));
        let mut lost: Vec<DocNumber> = Vec::new();
        // The numbers found above, in text order, walked along with the
        // closers (also in order): `floor` is where the last one before the
        // closer ends.
        let mut j = line_first;
        let mut floor = 0;
        for &p in closers {
            let q = p - base;
            while j < out.len() && out[j].range().end <= p {
                floor = floor.max(out[j].range().end - base);
                j += 1;
            }
            // A 〕 of a number found above is that number's; the organ of
            // a number without 〔 does not reach back into the one before.
            if out.get(j).is_some_and(|n| n.range().contains(&p)) {
                continue;
            }
            if let Some(n) = lost.last() {
                floor = floor.max(n.range().end - base);
            }
            let Some(m) = lost_open_at(s, q, floor) else {
                continue;
            };
            let g = |r: Range<usize>| -> Span32 { (base + r.start..base + r.end).into() };
            lost.push(DocNumber {
                range_at: (base + m.organ_start..base + m.hao.end).into(),
                organ_end: (base + m.year.start) as u32,
                // Lost: the empty span where it belongs.
                open_at: g(m.year.start..m.year.start),
                organ_han: s[m.organ_start..m.year.start].chars().any(is_han),
                year_at: g(m.year),
                close_at: Some(g(m.close)),
                extra_at: m.extra.map(g),
                serial_at: g(m.serial),
                hao_at: Some(g(m.hao)),
                spaces_at: m.spaces.into_iter().map(g).collect(),
                line_at: li as u32,
            });
        }
        if !lost.is_empty() {
            out.append(&mut lost);
            out[line_first..].sort_by_key(|n| n.range_at.range().start);
            // An organ read back from a bracket does not reach into a
            // number without 〔 before it (`府发2021〕6号国发〔2020〕5号`).
            let mut prev_end = 0;
            let mut this_line = out.split_off(line_first);
            this_line.retain_mut(|n| {
                let r = n.range();
                if r.start < prev_end {
                    let organ_end = n.organ_end as usize;
                    if prev_end >= organ_end {
                        return false;
                    }
                    n.range_at = (prev_end..r.end).into();
                    n.organ_han = doc.text[prev_end..organ_end].chars().any(is_han);
                }
                prev_end = r.end;
                true
            });
            out.append(&mut this_line);
        }
    }
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        extract(&doc)
            .iter()
            .map(|n| {
                format!(
                    "{}|{}|{}|{}|{}",
                    &text[n.organ()],
                    &text[n.year()],
                    n.close().is_some(),
                    &text[n.serial()],
                    n.hao().is_some()
                )
            })
            .collect()
    }

    #[test]
    fn a_document_number_is_small_and_reads_back_its_spaces() {
        // A draft may cite tens of thousands of document numbers.
        assert!(std::mem::size_of::<DocNumber>() <= 96);
        let text = "见\n国办发 〔2015〕 51号";
        let doc = Document::new(text);
        let all = extract(&doc);
        assert_eq!(all.len(), 1);
        let n = &all[0];
        assert_eq!(n.line(), 1);
        assert_eq!(&text[n.range()], "国办发 〔2015〕 51号");
        let spaces: Vec<_> = n.spaces().collect();
        assert_eq!(spaces.len(), 2);
        assert!(spaces.iter().all(|s| &text[s.clone()] == " "));
        assert_eq!(spaces[0].end, n.open().start);
        assert_eq!(spaces[1].start, n.close().unwrap().end);
    }

    #[test]
    fn anchored_matches_are_those_a_search_finds() {
        // The regex as a search along the line would use it: the spaces
        // before the bracket first.
        let search = regex::Regex::new(&format!(r"{SP}{}", DOCNUM_PATTERN.as_str())).unwrap();
        let lines = [
            "国办发〔2015〕51号",
            "根据  〔2015〕51号和(2016) 3号，以及［2017］第5号、【2018】字第 6 号",
            "见〔201712号与〔2017〕12号 〔2019123号",
            "(一)〔2020〕(3) 〔2021〕3 号 ( 2022 ) 7号",
            "共12件(2019〔2020〕5号",
            "〔20〕1、[2020]1234567号 （２０２０）５号",
        ];
        for s in lines {
            let want: Vec<_> = search.find_iter(s).map(|m| m.range()).collect();
            let mut got = Vec::new();
            each_match(s, bracketed_digits(s), |_, whole, _| got.push(whole));
            assert_eq!(got, want, "{s}");
        }
    }

    /// The groups the regex gives, anchored at `p`.
    fn regex_groups(s: &str, p: usize) -> Option<Groups> {
        use regex_automata::{Anchored, Input};
        let mut caps = DOCNUM.create_captures();
        DOCNUM.search_captures(&Input::new(s).range(p..).anchored(Anchored::Yes), &mut caps);
        caps.is_match()
            .then(|| std::array::from_fn(|i| caps.get_group(i)))
    }

    #[test]
    fn the_matcher_reads_what_the_regex_reads() {
        let lines = [
            "国办发〔2015〕51号",
            "根据  〔2015〕51号和(2016) 3号，以及［2017］第5号、【2018】字第 6 号",
            "见〔201712号与〔2017〕12号 〔2019123号 〔20191234567号",
            "(一)〔2020〕(3) 〔2021〕3 号 ( 2022 ) 7号 〔2021〕字3号 〔2021〕字第号",
            "〔20〕1、[2020]1234567号 （２０２０）５号 〔12345〕6号 〔1〕2号",
        ];
        // And random texts over the pattern's own characters.
        let alphabet = [
            "〔", "〕", "[", "]", "［", "］", "【", "】", "（", "）", "(", ")", "﹝", "﹞", "〖",
            "〗", "⁅", "⁆", " ", "\t", "\u{3000}", "\u{a0}", "号", "第", "字", "字第", "发", "x",
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "2015", "123456",
        ];
        let mut rng = fastrand::Rng::with_seed(9);
        let mut pick = |set: &[&'static str]| set[rng.usize(..set.len())];
        let digits = [
            "",
            "1",
            "20",
            "201",
            "2015",
            "20151",
            "12345678",
            "1234567890123",
        ];
        let spaces = ["", "", " ", "  ", "\t", "\u{3000}", "\u{a0} "];
        // A document number's parts, each sometimes swapped for any character.
        let random: Vec<String> = (0..50_000)
            .map(|_| {
                let parts = [
                    pick(&alphabet[..18]),
                    pick(&spaces),
                    pick(&digits),
                    pick(&spaces),
                    pick(&alphabet[..18]),
                    pick(&spaces),
                    pick(&["", "", "第", "字", "字第", "第字"]),
                    pick(&spaces),
                    pick(&digits),
                    pick(&spaces),
                    pick(&["", "号", "号号"]),
                    pick(&alphabet),
                ];
                parts
                    .map(|p| {
                        if pick(&["", "", "", "", "", "x"]).is_empty() {
                            p
                        } else {
                            pick(&alphabet)
                        }
                    })
                    .concat()
            })
            .collect();
        let mut matched = 0;
        for s in lines
            .iter()
            .copied()
            .chain(random.iter().map(String::as_str))
        {
            for (p, _) in s.char_indices() {
                let want = regex_groups(s, p);
                matched += usize::from(want.is_some());
                assert_eq!(match_at(s, p), want, "{s:?} at {p}");
            }
        }
        // The random texts reach the matches, not only the failures.
        assert!(matched > 1_500, "{matched}");
    }

    #[test]
    fn group_indices_match_the_names() {
        let names = DOCNUM
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO);
        for (i, name) in names.enumerate().skip(1) {
            let by_name = [
                ("open", grp::OPEN),
                ("sp1", grp::SP1),
                ("year", grp::YEAR),
                ("sp2", grp::SP2),
                ("close", grp::CLOSE),
                ("sp3", grp::SP3),
                ("extra", grp::EXTRA),
                ("sp4", grp::SP4),
                ("serial", grp::SERIAL),
                ("sp5", grp::SP5),
                ("hao", grp::HAO),
                ("lopen", grp::LOPEN),
                ("ys", grp::YS),
                ("lsp", grp::LSP),
                ("lhao", grp::LHAO),
            ];
            let name = name.expect("every group is named");
            let (_, idx) = by_name
                .iter()
                .find(|(n, _)| *n == name)
                .expect("known group");
            assert_eq!(*idx, i, "group {name}");
        }
        assert_eq!(
            DOCNUM
                .group_info()
                .group_len(regex_automata::PatternID::ZERO),
            16
        );
    }

    #[test]
    fn forms() {
        assert_eq!(
            nums("印发《通知》（国办发〔2015〕51号），"),
            vec!["国办发|2015|true|51|true"]
        );
        assert_eq!(
            nums("(南府办函〔2017123号)"),
            vec!["南府办函|2017|false|123|true"]
        );
        assert_eq!(
            nums("(国办发〔201551)的要求"),
            vec!["国办发|2015|false|51|false"]
        );
        assert_eq!(
            nums("(国办发〔2015〕51)的要求"),
            vec!["国办发|2015|true|51|false"]
        );
        assert_eq!(
            nums("X市财发〔1992〕字第36号"),
            vec!["X市财发|1992|true|36|true"]
        );
        assert_eq!(nums("国发 [2024] 10 号"), vec!["国发|2024|true|10|true"]);
        assert_eq!(nums("X发〔87〕5号"), vec!["X发|87|true|5|true"]);
    }

    #[test]
    fn a_number_that_lost_its_opening_bracket_is_read_with_an_empty_one() {
        let text = "依据国办发2021〕12号和某府发〔2020〕3号，以及市府办函2019〕第 7 号执行。";
        let doc = Document::new(text);
        let all = extract(&doc);
        let read: Vec<_> = all
            .iter()
            .map(|n| {
                (
                    &text[n.organ()],
                    &text[n.year()],
                    &text[n.serial()],
                    n.open_lost(),
                )
            })
            .collect();
        assert_eq!(
            read,
            vec![
                ("依据国办发", "2021", "12", true),
                ("和某府发", "2020", "3", false),
                ("以及市府办函", "2019", "7", true),
            ]
        );
        // The lost bracket is an empty range where it belongs.
        assert_eq!(all[0].open(), all[0].year().start..all[0].year().start);
        assert_eq!(&text[all[2].extra().unwrap()], "第");
        assert_eq!(all[2].spaces().count(), 2);
        // In text order, so that a binary search finds them.
        assert!(
            all.windows(2)
                .all(|w| w[0].range().end <= w[1].range().start)
        );
    }

    #[test]
    fn a_closing_bracket_after_digits_is_not_always_a_lost_opening_one() {
        for t in [
            // Inside a number found from its opening bracket.
            "国办发〔2021〕12号",
            "国办发(2021〕12号",
            // Not four digits, no 号, no organ, a digit before the year.
            "国办发21〕12号",
            "国办发2021〕12",
            "、2021〕12号",
            "国办发12021〕12号",
            "国办发2021〕号",
        ] {
            let doc = Document::new(t);
            let lost = extract(&doc).iter().filter(|n| n.open_lost()).count();
            assert_eq!(lost, 0, "{t}");
        }
        // The organ stops at the number before it.
        let text = "国发〔2020〕5号府发2021〕6号";
        let doc = Document::new(text);
        let all = extract(&doc);
        assert_eq!(all.len(), 2);
        assert_eq!(&text[all[1].organ()], "府发");
    }

    #[test]
    fn look_alikes_are_not_numbers() {
        for t in [
            "《南宁市行政规范性文件管理办法》(政府令第1号)",
            "第5号令",
            "桂ICP备08002053号-1",
            "嘉宾路1号市政府大楼1号楼",
            "《中国法治政府评估报告(2017)》",
            "(第一批)的函",
            "(2019)京01民终123号",
            "报告(2017)12项",
        ] {
            assert!(nums(t).is_empty(), "{t}");
        }
    }
}
