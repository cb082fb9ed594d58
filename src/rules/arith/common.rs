//! What the arithmetic rules share: the record of one check, sentence
//! scopes, labels before a number, and exact comparison at the precision a
//! figure is written to.

use std::cell::Cell;
use std::ops::Range;

use serde::Deserialize;

use crate::document::{Document, LineKind, Sentences};
use crate::extract::numbers::{Dec, Number, pow10};

/// Which arithmetic relation a check verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckKind {
    /// A001: a named rate against its counts.
    Rate,
    /// A002: a total against its parts.
    PartSum,
    /// A003: a part (其中) against its total.
    Subset,
    /// A004: before/after with added and removed items.
    Change,
    /// A005: growth and comparison against two stated values.
    Growth,
    /// A006: a bounded rate above 100%.
    RateBound,
    /// A007: two complementary shares against 100%.
    Shares,
    /// A009: a ranking (最多…次之, 排名前N位) against its figures.
    Ranking,
    /// Trace only: a count followed by counts that add up to it, with no
    /// cue word (never reported, only recorded as verified).
    ImplicitSum,
}

/// One checkable statement and the verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub kind: CheckKind,
    pub consistent: bool,
    /// The stated figure (or the whole statement) the verdict is about.
    pub range: Range<usize>,
    /// The finding, in Chinese (for an inconsistent check).
    pub message: String,
    /// The computation.
    pub note: String,
    pub labels: Vec<(Range<usize>, String)>,
    /// A likely (never certain) replacement of a figure.
    pub fix: Option<(Range<usize>, String)>,
}

/// What the rate, change and growth checks read: the document, its
/// sentences and its numbers.
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    pub doc: &'a Document<'a>,
    pub sents: &'a Sentences,
    pub nums: &'a [Number],
}

impl<'a> Facts<'a> {
    pub fn of(cx: &'a crate::rules::Context<'a>) -> Self {
        Facts {
            doc: cx.doc,
            sents: cx.sentences(),
            nums: cx.numbers(),
        }
    }
}

/// Where the `find` functions put their verdicts. A rule keeps only the
/// inconsistent ones, which it reports; [`super::trace`] keeps every one.
/// A consistent verdict that nobody keeps is not even written.
pub struct Checks {
    all: bool,
    found: Vec<Check>,
}

impl Checks {
    /// Keep the inconsistent verdicts only.
    pub fn failures() -> Checks {
        Checks {
            all: false,
            found: Vec::new(),
        }
    }

    /// Keep every verdict.
    pub fn all() -> Checks {
        Checks {
            all: true,
            found: Vec::new(),
        }
    }

    pub fn push(&mut self, c: Check) {
        if self.all || !c.consistent {
            self.found.push(c);
        }
    }

    /// A consistent verdict, its note written only when it is kept.
    pub fn ok(&mut self, kind: CheckKind, range: Range<usize>, note: impl FnOnce() -> String) {
        if self.all {
            self.found.push(Check::ok(kind, range, note()));
        }
    }

    pub fn into_vec(self) -> Vec<Check> {
        self.found
    }

    /// The findings of the inconsistent verdicts, in order.
    pub fn into_diagnostics(self) -> impl Iterator<Item = crate::diagnostic::Diagnostic> {
        self.found
            .into_iter()
            .filter(|c| !c.consistent)
            .map(Check::into_diagnostic)
    }

    /// What an A rule does: run its `find` and report the inconsistent
    /// verdicts.
    pub fn report(out: &mut crate::diagnostic::Findings, find: impl FnOnce(&mut Checks)) {
        let mut checks = Checks::failures();
        find(&mut checks);
        out.extend(checks.into_diagnostics());
    }
}

impl Check {
    pub fn ok(kind: CheckKind, range: Range<usize>, note: String) -> Check {
        Check {
            kind,
            consistent: true,
            range,
            message: String::new(),
            note,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn bad(kind: CheckKind, range: Range<usize>, message: String, note: String) -> Check {
        Check {
            kind,
            consistent: false,
            range,
            message,
            note,
            labels: Vec::new(),
            fix: None,
        }
    }

    pub fn label(mut self, r: Range<usize>, m: impl Into<String>) -> Check {
        self.labels.push((r, m.into()));
        self
    }

    pub fn into_diagnostic(self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::{Diagnostic, Edit, Fix};
        let mut d = Diagnostic::new(self.range, self.message).with_note(self.note);
        for (r, m) in self.labels {
            d = d.with_label(r, m);
        }
        if let Some((r, v)) = self.fix {
            d = d.with_fix(Fix::unsafe_(
                format!("改为“{v}”（请先核对原始数据）"),
                vec![Edit::replace(r, v)],
            ));
        }
        d
    }
}

/// How a stated figure may differ from the exact value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Round half up at the precision the figure is written to (97.31% is
    /// anything in [97.305, 97.315)); an exact half may also go to the even
    /// neighbour, as GB/T 8170-2008 rounds it (12.5 is 12 or 13).
    #[default]
    HalfUp,
    /// Also accept the exact value truncated at that precision, for offices
    /// that cut off instead of rounding.
    HalfUpOrTruncate,
}

/// The words that make a growth a yearly average (`年均增长`, `平均每年增长`):
/// A005 leaves such growths alone, A008 checks them. Each holds 均.
pub const PER_YEAR: [&str; 4] = ["年均", "年平均", "平均每年", "每年平均"];

/// `x` as a float (for intervals of values that are rounded where they are
/// written; exact comparisons use [`Dec`]).
pub fn f64_of(x: Dec) -> f64 {
    x.m as f64 / 10f64.powi(x.scale as i32)
}

/// A figure's value and its rounding error (half its last unit; zero for an
/// exact count).
pub fn with_error(n: &Number) -> (f64, f64) {
    (f64_of(n.value()), f64_of(n.rounding()))
}

/// Whether some value in `[lo, hi]` is written `c` at `c`'s precision.
pub fn meets(lo: f64, hi: f64, c: &Number, rounding: Rounding) -> bool {
    let stated = f64_of(c.written());
    let half = 0.5 / 10f64.powi(c.precision() as i32);
    let top = match rounding {
        Rounding::HalfUp => stated + half,
        Rounding::HalfUpOrTruncate => stated + 2.0 * half,
    };
    let slack = 1e-9;
    lo < top + slack && hi >= stated - half - slack
}

/// Whether `num × factor ÷ den`, written at the precision of `stated`, is
/// `stated`. `None` when the comparison is impossible (zero or negative
/// denominator, overflow).
pub fn ratio_matches(
    num: Dec,
    den: Dec,
    factor: i128,
    stated: Dec,
    rounding: Rounding,
) -> Option<bool> {
    let (n, d) = ratio_parts(num, den, factor)?;
    let p = pow10(stated.scale)?;
    let sm = stated.m;
    let lhs = n.checked_mul(p)?.checked_mul(2)?;
    // (2sm − 1)·d ≤ 2·10^s·n < (2sm + 1)·d
    let lo = (2 * sm - 1).checked_mul(d)?;
    let hi = (2 * sm + 1).checked_mul(d)?;
    // An exact half (12.5% written at whole percent) also rounds to the
    // even neighbour under GB/T 8170-2008 3.3.3 (奇进偶舍): 12% as well as 13%.
    let half_to_even = lhs == hi && sm % 2 == 0;
    let rounded = lo <= lhs && lhs < hi || half_to_even;
    if rounded {
        return Some(true);
    }
    if rounding == Rounding::HalfUpOrTruncate {
        let lhs = n.checked_mul(p)?;
        return Some(sm.checked_mul(d)? <= lhs && lhs < (sm + 1).checked_mul(d)?);
    }
    Some(false)
}

/// `num × factor ÷ den` as an integer fraction with a positive denominator.
fn ratio_parts(num: Dec, den: Dec, factor: i128) -> Option<(i128, i128)> {
    if den.m <= 0 {
        return None;
    }
    // num = a/10^x, den = b/10^y → a·10^y·factor / (b·10^x)
    let n = num.m.checked_mul(pow10(den.scale)?)?.checked_mul(factor)?;
    let d = den.m.checked_mul(pow10(num.scale)?)?;
    Some((n, d))
}

/// `num × factor ÷ den` rounded half up to `places` decimals.
pub fn ratio_rounded(num: Dec, den: Dec, factor: i128, places: u32) -> Option<Dec> {
    let (n, d) = ratio_parts(num, den, factor)?;
    let scaled = n.checked_mul(pow10(places)?)?;
    // Round half up (away from zero for negatives).
    let q = if scaled >= 0 {
        (2 * scaled + d) / (2 * d)
    } else {
        -((-2 * scaled + d) / (2 * d))
    };
    Some(Dec {
        m: q,
        scale: places,
    })
}

/// The computation rendered for a note: `a ÷ b × 100% = 97.3147%`.
pub fn ratio_note(
    num_text: &str,
    den_text: &str,
    num: Dec,
    den: Dec,
    factor: i128,
    places: u32,
    suffix: &str,
) -> String {
    let shown = ratio_rounded(num, den, factor, places + 3)
        .map_or_else(|| "?".into(), |d| trimmed(d, places).to_string());
    let times = if factor == 100 { " × 100%" } else { "" };
    let eq = if is_exact_at(num, den, factor, places + 3) {
        "="
    } else {
        "≈"
    };
    format!("{num_text} ÷ {den_text}{times} {eq} {shown}{suffix}")
}

/// Whether `num × factor ÷ den` has at most `places` decimals.
pub fn is_exact_at(num: Dec, den: Dec, factor: i128, places: u32) -> bool {
    ratio_parts(num, den, factor)
        .and_then(|(n, d)| Some(n.checked_mul(pow10(places)?)? % d == 0))
        .unwrap_or(false)
}

/// `d` without trailing fraction zeros beyond `keep` places.
pub fn trimmed(mut d: Dec, keep: u32) -> Dec {
    while d.scale > keep && d.m % 10 == 0 {
        d.m /= 10;
        d.scale -= 1;
    }
    d
}

pub fn places_zh(p: u32) -> String {
    match p {
        0 => "整数".into(),
        1 => "一位小数".into(),
        2 => "两位小数".into(),
        n => format!("{n}位小数"),
    }
}

/// Whether `s` ends with the word `w`. The words of this module's lists are
/// Chinese, and they differ mostly in their characters' second bytes: that
/// byte is compared first, so that most of a list's mismatches are settled
/// without a call to `memcmp`.
#[inline]
pub fn ends_with_word(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    s.len() >= w.len() && {
        let tail = &s[s.len() - w.len()..];
        tail.get(1) == w.get(1) && tail == w
    }
}

/// Whether `words` end by naming last year's figure (`上年`, `去年同期`,
/// `上年度`): the base of a comparison, not this year's count.
pub fn names_last_year(words: &str) -> bool {
    ["上年", "去年", "同期", "上一年", "上年度"]
        .iter()
        .any(|w| words.ends_with(w))
}

/// Clause separators inside a sentence (full-width and folded).
pub fn is_clause_sep(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | ':' | '：')
}

/// Whether the words before a figure name it last year's, the base of a
/// 同比 that follows: `上年同期为`, `上年为`, `2023年为`.
pub fn is_base_clause(lead: &str) -> bool {
    lead.strip_suffix(['为', '是']).is_some_and(|l| {
        names_last_year(l)
            || l.strip_suffix('年').is_some_and(|y| {
                // Bytes: the fourth byte from the end may be inside a
                // character (`上半年为`).
                y.len() >= 4 && y.as_bytes()[y.len() - 4..].iter().all(u8::is_ascii_digit)
            })
    })
}

/// Whether number `n` is a figure of a comparison, not a count of its own:
/// a difference (`比上年增加86件`), a baseline (`较上年的742件`, `上年为600件`)
/// or last year's figure in brackets after a growth (`（2023年为1128件）`).
pub fn is_comparison_figure(text: &str, sents: &Sentences, n: &Number) -> bool {
    let start = sents.get(n.sentence()).start;
    let lead = &text[clause_before(text, start, n.range().start)];
    is_difference(lead) || is_baseline(lead) || is_bracketed_base(text, lead, n)
}

/// What names the items carried over from last year (`上年结转10件`,
/// `旧存3件`): a part of the year's caseload, which a whole may include.
/// (`names_carried` looks for them byte by byte; the list is what the test
/// holds it to.)
#[cfg(test)]
const CARRIED: [&str; 4] = ["结转", "旧存", "上年未结", "上年未办结"];

/// Whether number `n` counts the items carried over from last year: its
/// label holds a word of `CARRIED` (结转, 旧存, 上年未结…).
pub fn is_carried(text: &str, sents: &Sentences, n: &Number) -> bool {
    names_carried(label_before(
        text,
        sents.get(n.sentence()).start,
        n.range().start,
    ))
}

/// Whether a label or a table's column name names the items carried over
/// from last year (a word of `CARRIED`: `上年结转`, `旧存`; not the items
/// still pending at the end, `未结`).
pub fn names_carried(name: &str) -> bool {
    // Each word of `CARRIED` ends with 转, 存 or 结, whose last bytes are
    // 0xAC, 0x98 and 0x93: only where one of those ends a character are the
    // words before it compared.
    let b = name.as_bytes();
    memchr::memchr3_iter(0xAC, 0x98, 0x93, b).any(|e| {
        let Some(s) = e.checked_sub(2) else {
            return false;
        };
        let head = &b[..s];
        let ends = |w: &str| head.ends_with(w.as_bytes());
        match &name.as_bytes()[s..=e] {
            x if x == "转".as_bytes() => ends("结"),
            x if x == "存".as_bytes() => ends("旧"),
            x if x == "结".as_bytes() => ends("上年未") || ends("上年未办"),
            _ => false,
        }
    })
}

/// Whether the clause before a number makes it the baseline of a
/// comparison: `较上年的`, `比2023年的`, `上年为`, `上年同期为`, `是上年`.
pub fn is_baseline(lead: &str) -> bool {
    let compared = lead.ends_with('的') && (lead.contains('比') || lead.contains('较'));
    compared || super::common::names_last_year(lead.strip_suffix(['为', '是']).unwrap_or(lead))
}

/// Whether `n`, with the words `lead` before it, is last year's figure
/// written in brackets after a growth (`同比增长12.4%（2023年为1128件）`,
/// `（上年同期为181件）`): the base of the comparison, not a total.
pub fn is_bracketed_base(text: &str, lead: &str, n: &Number) -> bool {
    if !text[n.range().end..].starts_with(['）', ')']) {
        return false;
    }
    let Some((open, c)) = lead
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '（' | '('))
    else {
        return false;
    };
    is_base_clause(&lead[open + c.len_utf8()..])
}

/// Whether the clause before a number makes it a difference from a
/// comparison: `比上年增加`, `较去年减少`, `同比增长`, `比上年多`.
pub fn is_difference(lead: &str) -> bool {
    difference_sign(lead).is_some()
}

/// The direction of the difference that the clause before a number makes
/// it (see [`is_difference`]): 1 for more (`比上年增加`, `多`), −1 for less
/// (`较去年减少`, `少`).
pub fn difference_sign(lead: &str) -> Option<i8> {
    use super::a005_growth_mismatch::{DOWN, UP};
    // `比上年多了`, `较去年多出`.
    let lead = lead.trim_end_matches('了');
    let lead = lead.strip_suffix('出').unwrap_or(lead);
    if !(lead.contains('比') || lead.contains('较')) {
        return None;
    }
    let ends = |words: &[&str]| words.iter().any(|v| lead.ends_with(v));
    if ends(UP) || ends(&["多", "增"]) {
        Some(1)
    } else if ends(DOWN) || ends(&["少", "减"]) {
        Some(-1)
    } else {
        None
    }
}

/// The sentences whose numbers a statement in sentence `s` may use: the
/// sentence itself, and the previous one when `s` opens with 其中 on the same
/// line ("已审结41件。其中,维持10件…"); and, before the first of them, the
/// sentence it was cut from (`cut_from_previous`).
pub fn scope_start(doc: &Document<'_>, sents: &Sentences, s: usize) -> usize {
    let r = sents.get(s);
    let t = doc.text[r.clone()].trim_start();
    let mut s0 = s;
    if s > 0 && t.starts_with("其中") {
        let prev = sents.get(s - 1);
        if doc.index.line_of(prev.start) == doc.index.line_of(r.start) {
            s0 = s - 1;
        }
    }
    // At most three lines back: a cut sentence is not a paragraph.
    for _ in 0..3 {
        if s0 == 0 || !cut_from_previous(doc, sents, s0) {
            break;
        }
        s0 -= 1;
    }
    s0
}

/// Whether sentence `s` is the rest of the one before it, cut by a line
/// break that no rule of wrapping explains (a short line in a PDF copy,
/// `立案查处违法案件86件，办结` / `82件。其中…`): it opens its line with a
/// figure that is no year, and the line before is running text that ends
/// without a mark that ends a sentence. A sentence does not begin with a
/// bare count, so the words it counts are on the line before.
fn cut_from_previous(doc: &Document<'_>, sents: &Sentences, s: usize) -> bool {
    let start = sents.get(s).start;
    // Most sentences open with a word: that is read first.
    if !doc
        .text
        .as_bytes()
        .get(start)
        .is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    let line = doc.index.line_of(start);
    let (Some(prev), Some(this)) = (
        line.checked_sub(1).and_then(|l| doc.lines.get(l)),
        doc.lines.get(line),
    ) else {
        return false;
    };
    let text = doc.text;
    let rest = &text[start..this.content().end];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if this.content().start != start
        || digits == 0
        || rest[digits..].starts_with(['年', '.', '．', '、'])
        || prev.kind != LineKind::Body
    {
        return false;
    }
    text[prev.content()]
        .chars()
        .next_back()
        .is_some_and(|c| !crate::document::RUN_STOPS.contains(c))
}

/// How many numbers on either side of a figure a check looks at: keeps every
/// check linear in the length of a sentence.
pub const WINDOW: usize = 24;

/// `r` limited to `lo..hi`.
pub fn clamp(r: Range<usize>, lo: usize, hi: usize) -> Range<usize> {
    let a = r.start.max(lo);
    let b = r.end.min(hi).max(a);
    a..b
}

/// The start of the text a backward scan from `pos` may look at: `floor`,
/// but never more than 240 bytes back (on a char boundary).
pub fn near_floor(text: &str, floor: usize, pos: usize) -> usize {
    // A floor past `pos` (a figure of an earlier sentence asked about with
    // the rate's sentence start) gives the empty text at `pos`, never a
    // reversed slice.
    let mut f = floor.max(pos.saturating_sub(240)).min(pos);
    while !text.is_char_boundary(f) {
        f += 1;
    }
    f
}

/// Whether the rate that ends at `to`, of a change whose first figure
/// starts at `from`, is a real growth, not a nominal one: its words say it
/// is reckoned at comparable prices (`按可比价格计算`, `按不变价格计算`,
/// `扣除价格因素`), or it is the growth of a 地区生产总值 or an 增加值,
/// which statistics always give at comparable prices while the figures
/// are current (`由218.6亿元增加到286.4亿元，按可比价格计算年均增长5.6%`).
/// Read from the start of the sentence or clause of `from` (after a 。 or
/// ；, at most 240 bytes back).
pub fn at_real_prices(text: &str, from: usize, to: usize) -> bool {
    let f = near_floor(text, 0, from);
    let start = text[f..from]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n'))
        .map_or(f, |(k, c)| f + k + c.len_utf8());
    let Some(words) = text.get(start..to) else {
        return false;
    };
    ["可比价", "不变价", "扣除价格因素", "生产总值", "增加值"]
        .iter()
        .any(|w| words.contains(w))
}

/// Numbers indexed by sentence.
pub struct BySentence<'n> {
    nums: &'n [Number],
    /// Where the last answer began: the rules ask in text order, so the next
    /// search starts near it.
    hint: Cell<usize>,
}

impl<'n> BySentence<'n> {
    pub fn new(nums: &'n [Number]) -> Self {
        BySentence {
            nums,
            hint: Cell::new(0),
        }
    }

    /// Indices of the numbers of sentences `a..=b`.
    pub fn range(&self, a: usize, b: usize) -> Range<usize> {
        let lo = self.first_from(self.hint.get(), a);
        let hi = self.first_from(lo, b + 1);
        self.hint.set(lo);
        lo..hi
    }

    /// The index of the first number of sentence `s` or later: a galloping
    /// search from `from` when the answer lies after it, a binary search of
    /// the numbers before it otherwise (what `partition_point` gives).
    fn first_from(&self, from: usize, s: usize) -> usize {
        let v = self.nums;
        let before = |k: usize| v[k].sentence() < s;
        let from = from.min(v.len());
        if from > 0 && !before(from - 1) {
            return v[..from].partition_point(|n| n.sentence() < s);
        }
        let (mut lo, mut step) = (from, 1);
        // Every number before `lo` is of an earlier sentence.
        while lo + step <= v.len() && before(lo + step - 1) {
            lo += step;
            step *= 2;
        }
        let end = (lo + step).min(v.len());
        lo + v[lo..end].partition_point(|n| n.sentence() < s)
    }
}

/// Whether the ASCII `,` at byte `i` of `text` groups the digits of a
/// number (`1,093`), and so ends no clause (`1,248件，比上年的1,093件增长
/// 12.8%`): one to three digits before it, three after and no fourth, in a
/// text that writes its 逗号 full-width, which is when `extract::numbers`
/// reads the number across the comma. The text is the 240 bytes on either
/// side of the comma: a 逗号 there is one of the document's. In a document
/// without one (NFKC-folded) the comma may end a clause; it groups digits
/// when `extract::numbers` reads the figure as one all the same
/// ([`folded_group_sure`](crate::extract::numbers::folded_group_sure):
/// `共计2,136条`), and otherwise the number is uncertain and the comma
/// parts the clauses.
pub fn groups_digits(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let digits_before = b[..i.min(b.len())]
        .iter()
        .rev()
        .take_while(|d| d.is_ascii_digit())
        .count();
    b.get(i) == Some(&b',')
        && (1..=3).contains(&digits_before)
        && b.get(i + 1..i + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        && (memchr::memmem::find(
            &b[i.saturating_sub(240)..(i + 240).min(b.len())],
            "，".as_bytes(),
        )
        .is_some()
            || crate::extract::numbers::folded_group_sure(text, i - digits_before, i + 4))
}

/// The text of the clause before byte `pos`, back to a clause separator or
/// `floor`. A comma that groups digits (`1,093`) is none.
pub fn clause_before(text: &str, floor: usize, pos: usize) -> Range<usize> {
    let floor = near_floor(text, floor, pos);
    let b = &text.as_bytes()[floor..pos];
    // The last full-width separator (，：；, 0xEF 0xBC then 0x8C, 0x9A or
    // 0x9B; 0xEF leads only full-width forms, rare in the text), then the
    // last ASCII one after it that does not group digits.
    let mut start = memchr::memrchr_iter(0xEF, b)
        .find(|&e| b.get(e + 1) == Some(&0xBC) && matches!(b.get(e + 2), Some(0x8C | 0x9A | 0x9B)))
        .map_or(0, |e| e + 3);
    let mut end = b.len();
    while let Some(k) = memchr::memrchr3(b',', b';', b':', &b[start..end]) {
        let i = start + k;
        if b[i] != b',' || !groups_digits(text, floor + i) {
            start = i + 1;
            break;
        }
        end = i;
    }
    floor + start..pos
}

/// The last character of `s` that `hit` accepts, with its byte offset, as
/// `s.char_indices().rev().find(..)` gives it; but only the characters
/// whose first byte `lead` accepts are decoded and handed to `hit`, and
/// `lead` must accept the first byte of every character `hit` may accept.
/// The texts are mostly CJK (lead bytes 0xE4 to 0xE9), which the
/// backward scans of this module skip a byte at a time.
#[inline]
pub fn rfind_char(
    s: &str,
    lead: impl Fn(u8) -> bool,
    mut hit: impl FnMut(usize, char) -> bool,
) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let x = b[i];
        // A continuation byte (0x80 to 0xBF) starts no character.
        if (x as i8) < -0x40 || !lead(x) {
            continue;
        }
        let c = if x < 0x80 {
            char::from(x)
        } else {
            s[i..].chars().next().unwrap_or_default()
        };
        if hit(i, c) {
            return Some((i, c));
        }
    }
    None
}

/// The text of the clause after byte `pos`, up to a clause separator or `ceil`.
pub fn clause_after(text: &str, pos: usize, ceil: usize) -> Range<usize> {
    let mut ceil = ceil.min(pos + 240);
    while !text.is_char_boundary(ceil) {
        ceil -= 1;
    }
    let s = &text[pos..ceil];
    let end = s
        .char_indices()
        .find(|&(i, c)| is_clause_sep(c) && !(c == ',' && groups_digits(text, pos + i)))
        .map_or(s.len(), |(i, _)| i);
    pos..pos + end
}

/// `s` without the line break (and the next line's indent) it ends with: a
/// sentence of a text wrapped by hand runs on over its lines
/// ([`Document::runs_on`](crate::document::Document::runs_on)), and the
/// words before a figure at a line's start end on the line before. Other
/// texts have no line break inside a sentence.
///
/// Over a page break a sentence runs on over
/// ([`Document::page_breaks`](crate::document::Document::page_breaks)) the
/// page's furniture is taken out too: a folio, blank lines, and at most one
/// running title (a short line without a mark) on either side of the folio
/// (`…增长` / `青山县司法局` / `1/4` / blank / `12.9%`).
pub fn unwrapped(s: &str) -> &str {
    let t = s.trim_end_matches([' ', '\t', '\u{3000}']);
    let Some(u) = t.strip_suffix('\n') else {
        return s;
    };
    let one = u.strip_suffix('\r').unwrap_or(u);
    over_furniture(one).unwrap_or(one)
}

/// `t` without its last lines when they are a page's furniture (see
/// [`unwrapped`]): blank lines, at most one running title, a folio, blank
/// lines and at most one running title (never the sentence's first line),
/// with text before.
fn over_furniture(t: &str) -> Option<&str> {
    use crate::document::{at_most_chars, is_folio};
    // The last line, trimmed, and the text before it (without its break).
    fn split(t: &str) -> Option<(&str, &str)> {
        let k = t.rfind('\n')?;
        let last = t[k + 1..].trim_matches(|c: char| c == '\r' || c.is_whitespace());
        let before = &t[..k];
        Some((last, before.strip_suffix('\r').unwrap_or(before)))
    }
    fn blanks(mut t: &str) -> Option<&str> {
        while let Some(("", before)) = split(t) {
            t = before;
        }
        Some(t)
    }
    let title = |l: &str| {
        !l.is_empty()
            && at_most_chars(l, 40)
            && !is_folio(l)
            && !l.contains([
                '。', '，', '；', '：', ',', ';', ':', '！', '？', '!', '?', '、',
            ])
    };
    fn last_line(t: &str) -> Option<&str> {
        split(t).map(|(l, _)| l)
    }
    let mut t = blanks(t)?;
    if last_line(t).is_some_and(title) {
        t = blanks(split(t)?.1)?;
    }
    let (folio, before) = split(t)?;
    if !is_folio(folio) {
        return None;
    }
    t = blanks(before)?;
    if last_line(t).is_some_and(title) {
        t = split(t)?.1;
    }
    (!t.trim_end().is_empty()).then_some(t)
}

pub use crate::document::joined;

/// The words right before a number: back to a clause separator, 、, a digit,
/// a closing mark of a previous figure, a line break, or `floor`; leading
/// cue words (其中, 共, 分别为 …) removed.
pub fn label_before(text: &str, floor: usize, pos: usize) -> &str {
    label_in(&text[near_floor(text, floor, pos)..pos])
}

/// [`label_before`] in a text wrapped by hand (`wrapped`), where the words
/// before a figure at a line's start end on the line before
/// (`评为优秀的` / `42卷`): read over that line break ([`unwrapped`]).
pub fn label_before_over(text: &str, floor: usize, pos: usize, wrapped: bool) -> &str {
    let s = &text[near_floor(text, floor, pos)..pos];
    label_in(if wrapped { unwrapped(s) } else { s })
}

/// The label at the end of `s` (see [`label_before`]).
fn label_in(s: &str) -> &str {
    // The characters that end a label are ASCII, or start with 0xC2 (U+0085,
    // U+00A0), 0xE1 (U+1680), 0xE2 (U+2000 to U+205F), 0xE3 (、。U+3000) or
    // 0xEF (，；：％).
    let start = rfind_char(
        s,
        |b| b < 0x80 || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF),
        |_, c| {
            is_clause_sep(c)
                || matches!(c, '、' | '%' | '％' | '。')
                || c.is_ascii_digit()
                || c.is_whitespace()
        },
    )
    .map_or(0, |(i, c)| i + c.len_utf8());
    let mut l = &s[start..];
    // Every cue starts with one of these: most labels start with none.
    while l
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '其' | '分' | '共' | '合' | '总' | '累' | '包' | '有'))
    {
        let before = l;
        for cue in [
            "其中",
            "分别为",
            "分别是",
            "分别",
            "共计",
            "合计",
            "总计",
            "累计",
            "包括",
            "共有",
            "共",
            "有",
        ] {
            if let Some(r) = l.strip_prefix(cue) {
                l = r;
            }
        }
        if l == before {
            break;
        }
    }
    l.trim_end_matches(['共', '达'])
}

/// Find every occurrence of `pat` in `text[r]`, as absolute offsets.
pub fn find_all<'t>(
    text: &'t str,
    r: Range<usize>,
    pat: &'t str,
) -> impl Iterator<Item = usize> + 't {
    text[r.clone()]
        .match_indices(pat)
        .map(move |(i, _)| r.start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `names_carried` finds the words of `CARRIED`, and only them.
    #[test]
    fn carried_words() {
        for name in [
            "上年结转",
            "结转",
            "旧存",
            "上年未结",
            "上年未办结",
            "上年未办结案件",
            "未结",
            "未办结",
            "年未结",
            "结",
            "转",
            "办结转入",
            "新收",
            "旧",
            "存量",
            "依存",
            "",
            "a结转",
        ] {
            assert_eq!(
                names_carried(name),
                CARRIED.iter().any(|w| name.contains(w)),
                "{name}"
            );
        }
    }

    /// A comma that groups digits ends no clause, in a text that writes its
    /// 逗号 full-width; in a folded text it still parts the clauses.
    #[test]
    fn grouping_commas_end_no_clause() {
        let t = "收到1,248件，比上年的1,093件增长12.8%";
        let pos = t.find("增长").unwrap();
        assert_eq!(&t[clause_before(t, 0, pos)], "比上年的1,093件");
        let from = t.find("比").unwrap();
        assert_eq!(
            &t[clause_after(t, from, t.len())],
            "比上年的1,093件增长12.8%"
        );
        let folded = "收到1,248件,比上年的1,093件增长12.8%";
        let pos = folded.find("增长").unwrap();
        assert_eq!(&folded[clause_before(folded, 0, pos)], "比上年的1,093件");
        // In a list the folded comma may part two figures, and a clause.
        let listed = "分别为1,248件,比上年的1,093件增长12.8%";
        let pos = listed.find("增长").unwrap();
        assert_eq!(&listed[clause_before(listed, 0, pos)], "093件");
        for (t, i) in [
            ("共12345,678件，", 7),
            ("共1,2345件，", 4),
            ("共1,23件，", 4),
            ("件,678，", 3),
        ] {
            assert!(!groups_digits(t, i), "{t}");
        }
        assert!(groups_digits("共1,234,567件，", 4));
        assert!(groups_digits("共1,234,567件，", 8));
    }

    /// The galloping lookup answers as two binary searches do, for queries
    /// in text order, backwards and at random, on sentences with no number,
    /// one and several.
    #[test]
    fn by_sentence_agrees_with_binary_search() {
        let mut rng = fastrand::Rng::with_seed(15);
        for _ in 0..30 {
            let text: String = (0..rng.usize(1..60))
                .map(|_| ["办结3件。", "无。", "共12件，其中5件、7件。", "完成。"][rng.usize(..4)])
                .collect();
            let doc = crate::document::Document::new(&text);
            let sents = crate::document::Sentences::new(&doc);
            let nums = crate::extract::numbers::extract(&doc, &sents);
            let n = sents.len() + 2;
            let by = BySentence::new(&nums);
            let mut queries: Vec<(usize, usize)> = (0..n).map(|a| (a, a)).collect();
            queries.extend((0..n).rev().map(|a| (a, (a + 1).min(n))));
            queries.extend((0..200).map(|_| {
                let a = rng.usize(..n);
                (a, rng.usize(a..=n))
            }));
            for (a, b) in queries {
                let lo = nums.partition_point(|x| x.sentence() < a);
                let hi = nums.partition_point(|x| x.sentence() <= b);
                assert_eq!(by.range(a, b), lo..hi, "{text:?} {a} {b}");
            }
        }
    }

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn ends_with_word_agrees_with_ends_with() {
        let texts = [
            "行政复议纠错率",
            "纠错率",
            "率",
            "",
            "a率",
            "调整为",
            "整为",
            "增至",
            "ab",
        ];
        let words = [
            "纠错率",
            "错率",
            "率",
            "调整为",
            "整为",
            "为",
            "b",
            "ab",
            "至",
        ];
        for t in texts {
            for w in words {
                assert_eq!(ends_with_word(t, w), t.ends_with(w), "{t} / {w}");
            }
        }
    }

    #[test]
    fn rounding_at_written_precision() {
        // 3334 ÷ 3426 = 97.3147%
        assert_eq!(
            ratio_matches(d("3334"), d("3426"), 100, d("97.5"), Rounding::HalfUp),
            Some(false)
        );
        assert_eq!(
            ratio_matches(d("3334"), d("3426"), 100, d("97.3"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("3334"), d("3426"), 100, d("97.31"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("3334"), d("3426"), 100, d("97"), Rounding::HalfUp),
            Some(true)
        );
        // 8140 ÷ 8211 = 99.135% → 99
        assert_eq!(
            ratio_matches(d("8140"), d("8211"), 100, d("99"), Rounding::HalfUp),
            Some(true)
        );
        // 2 ÷ 41 = 4.878% → 4.88; 19 ÷ 41 = 46.341% → 46.34
        assert_eq!(
            ratio_matches(d("2"), d("41"), 100, d("4.88"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("19"), d("41"), 100, d("46.34"), Rounding::HalfUp),
            Some(true)
        );
        // An exact half: 1 ÷ 8 = 12.5% → 13 half up, or 12 to the even
        // neighbour (GB/T 8170-2008); not 11.
        assert_eq!(
            ratio_matches(d("1"), d("8"), 100, d("13"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("1"), d("8"), 100, d("12"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("1"), d("8"), 100, d("11"), Rounding::HalfUp),
            Some(false)
        );
        // 3 ÷ 8 = 37.5% → 38 either way: 37 is odd, so never.
        assert_eq!(
            ratio_matches(d("3"), d("8"), 100, d("38"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("3"), d("8"), 100, d("37"), Rounding::HalfUp),
            Some(false)
        );
        // Not a half: 12.51% is 13 only.
        assert_eq!(
            ratio_matches(d("1251"), d("10000"), 100, d("12"), Rounding::HalfUp),
            Some(false)
        );
        // Truncation slack: 2 ÷ 3 = 66.67% → 66.6 only when truncating.
        assert_eq!(
            ratio_matches(d("2"), d("3"), 100, d("66.6"), Rounding::HalfUp),
            Some(false)
        );
        assert_eq!(
            ratio_matches(d("2"), d("3"), 100, d("66.6"), Rounding::HalfUpOrTruncate),
            Some(true)
        );
        // Decimals on both sides: 1.61 ÷ 3.84 = 41.93%
        assert_eq!(
            ratio_matches(d("1.61"), d("3.84"), 100, d("41.93"), Rounding::HalfUp),
            Some(true)
        );
        assert_eq!(
            ratio_matches(d("1"), d("0"), 100, d("1"), Rounding::HalfUp),
            None
        );
    }

    #[test]
    fn rounded_values() {
        assert_eq!(
            ratio_rounded(d("3334"), d("3426"), 100, 1)
                .unwrap()
                .to_string(),
            "97.3"
        );
        assert_eq!(
            ratio_rounded(d("186"), d("50"), 1, 2).unwrap().to_string(),
            "3.72"
        );
        assert_eq!(
            ratio_rounded(Dec::int(-1), d("8"), 100, 0)
                .unwrap()
                .to_string(),
            "-13"
        );
    }

    #[test]
    fn labels_strip_cues() {
        let t = "已审结41件。其中,维持10件,以确认违法、撤销等方式直接纠错2件";
        let p = t.find("10件").unwrap();
        assert_eq!(label_before(t, 0, p), "维持");
        let p = t.find("2件").unwrap();
        assert_eq!(label_before(t, 0, p), "撤销等方式直接纠错");
        let t = "其中审批项目6779个";
        assert_eq!(label_before(t, 0, t.find('6').unwrap()), "审批项目");
    }
}
