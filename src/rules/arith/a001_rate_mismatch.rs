use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;

use super::common::{
    BySentence, Check, CheckKind, Checks, Facts, Rounding, WINDOW, clamp, clause_before,
    is_bracketed_base, is_carried, is_comparison_figure, is_difference, label_before,
    label_before_over, near_floor, places_zh, ratio_matches, ratio_note, ratio_rounded,
    scope_start,
};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::document::{Document, Sentences};
use crate::extract::numbers::{Dec, Kind, Number, Unit};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 写出了计数的比率是否与计数相符：“受理…3426件，调解成功3334件，调解成功率为97.5%”中，
    /// 3334 ÷ 3426 = 97.31%，写到一位小数应为97.3%，而不是97.5%。
    ///
    /// 只在配对确定时报告：比率的名称（“调解成功率”去掉“率”即“调解成功”）必须恰好对应同一句中
    /// 紧挨着这一名称写出的一个计数（分子；“不合格2名”“不予受理14件”“未办结3件”是其余部分，不是“合格率”
    /// “受理率”“办结率”的分子），同一句（或以“其中”开头时连同上一句）中与分子单位相同、
    /// 不小于分子的其他计数只有一个（分母），且这些数都不是约数（余、多、近、约、以上……）、
    /// 不属于范围（3万～5万）。只要有一种配对与比率相符，就视为一致；配对不确定时不报告。
    /// 分子前写有两三个可能的分母时（“新收164件，审结152件，其中纠错17件，纠错率为12.2%”），
    /// 以任何一个为分母都不相符才报告，列出每一种算法，不给修复（不能确定本意是哪一个）；
    /// 其中有上年结转的数、或比率可能是“不合格”一类计数之外的其余部分时不报告；“按期”“按时”“及时”
    /// “限时”“提前”开头的比率（“按期办结率”）的分母是到期应办的数，通常没有写出，也不报告。
    /// 比率按写出的精度比较：97.31%容许 [97.305, 97.315)，99%容许 [98.5, 99.5)（四舍五入）。
    ///
    /// 计数的名称也可以把比率名称的前后两半（各两字以上）倒过来写：“成功调处214件”对“调处成功率”，
    /// “已完成自查271家”对“自查完成率”；也可以在比率名称之后加“到位”：“已整改到位63个”对“整改率”，
    /// “落实到位36件”对“落实率”（只认“到位”，“整改完毕”“整改落实”不算；有以比率名称本身命名的计数时，
    /// 分子是它：“已整改63个，其中整改到位58个，整改率……”中是63个）。表格的列名同样。
    /// “结案率”的计数也可以称“审结”或“办结”（“受理行政复议案件180件，审结171件，结案率为95.0%”，表格中
    /// “审结（件）”一列同样）；同时写了两个这样的计数（“审结171件，办结175件”）时，分子是哪一个不确定，
    /// 不报告。计数的名称后可以
    /// 加“的”：“评为优秀的36卷”对“优秀率”；但“的”之前有否定或未完成的词时（“未被评为优秀的”“应办结的”
    /// “尚待办结的”）不是分子。以“比例”“占比”结尾的名称去掉这两个字即计数的名称
    /// （“女性干部45名……女性干部比例”）；名称以“天数”结尾时（“优良天数比例”），以“天”计的数也算计数。
    /// 比较中的基数和差额（“较上年的1300件”“上年为600件”“（2023年为49.3亿元）”“比上年减少40件”）
    /// 不是分母。
    ///
    /// 没有写出分子、只写了其余部分时（“评查案卷60卷，不合格3卷，合格率为93.3%”），比率按（60 − 3）÷ 60
    /// 检查；前面同单位的数只能是这一个总数和其后的这一个“不合格”“未办结”“不予受理”计数，多了就不报告。
    /// 总数本身以比率的名称命名时（“受理行政复议申请172件，不予受理14件，受理率为92.5%”），也可能是
    /// 172 ÷（172 + 14）：两种读法有一种相符即视为一致，都不相符时报告但不给修复。
    /// 比率名称在被否定的词前多一个两字以上的限定语时（“抽检合格率”前是“不合格43批次”），限定语须写在
    /// 总数的分句中（“抽检药品2150批次”）；“按期办结率”前只有“办理150件，未办结6件”时不检查：按期办结的
    /// 可能少于全部办结的。
    ///
    /// 比率写作千分数（“占1.9‰”“重复投诉率为2.0‰”）时同样检查，按千分之几计算。
    ///
    /// 写有上年结转的数时（“新收190件，上年结转10件，办结180件，办结率为90%”），分母可能是新收与结转
    /// 之和：按 180 ÷（190 + 10）相符即视为一致，不相符也不报告（不能确定分母）。
    ///
    /// 分母是计数所在“其中”之前的部分时，同一行上一句中同单位的总数也可能是分母：“共抽取案卷120卷。经评查，
    /// 合格114卷……；其中优秀36卷，优秀率为30.0%”按 36 ÷ 120 相符即视为一致。比率后面写明包含别的部分时
    /// （“合格率为95.0%（含优秀等次）”），同名的计数可能不是全部分子，不报告。
    /// 比率的名称是用“和”“及”或顿号连起来的几类中的最后一类时（“其中图文解读30篇、视频解读12篇，图文和视频解读占比
    /// 87.5%”），比率是几类合计所占的比例，与最后一类同名的计数不是它的分子，不报告。
    ///
    /// 一句话开头就是以比率名称命名的计数（分子；前面至多有“全年”“累计”“已”一类的词），句中再没有同单位的
    /// 数时，分母是同一段中紧挨着的上一句里的总数：“全年共受理劳动争议案件512件。调解成功468件，调解成功率
    /// 为92.4%”按 468 ÷ 512 = 91.41% 检查，应为91.4%。上一句中与分子单位相同的数只能有这一个：确数，以
    /// “受理”“新收”“收到”“接到”“排查”“共”“累计”一类的词写明是总数，不是比较的基数或差额、上年结转数，
    /// 不在“其中”之后，不小于分子。上一句有两个以上同单位的数（“512件，比上年减少37件”）、在另一段，
    /// 分子前另有主语（“县仲裁院调解成功468件”），或比率是“按期办结率”一类时不检查。
    ///
    /// 也检查“A件，占B件的P%”：B 为分母，A 为前一分句中同单位的计数；以及“共B项，其中A项，占比P%”
    /// （也写作“占P%”“占全部…的P%”“占审结总数的P%”）：“其中”分句只写了一个计数 A，它前面的分句以同单位的
    /// B 结尾；“其中”另起一句时（“全年审结131件。其中，适用简易程序审结47件，占审结总数的35.9%”），B 是上一句
    /// 末尾的计数。B 后面紧跟的同比幅度和括号里的上年数（“52.6亿元，同比增长6.7%（2023年为49.3亿元），其中…”）
    /// 越过不计，B 仍是52.6亿元。B 本身在“其中”分句里（是另一个总数的分项）时不报告。“其中”之后用分号
    /// 隔开的几项，每项只写一个计数和它的占比时（“其中，简易程序审结132件，占55.0%；普通程序审结108件，
    /// 占45.0%”），第二项及以后各项的占比也按同一个 B 检查；某一项没有计数、写了别的数、单位不同，或它前面
    /// 的一项不是“计数，占P%”这样写的，这一项不检查。
    ///
    /// 表格（各列以竖线“|”、制表符或两个以上空格分隔，Markdown 表格同样）中，比率列按同一行的计数检查：
    /// 表头的第一行写列名，计数的单位写在列名后的括号里（“受理（件）”“办结(件)”），或写在每个单元格里
    /// （“12件”），或列名本身是计数（“受理数”），或写在表上方单独的一行（“单位：件”“（单位：件）”，
    /// 见 A002）；比率列的列名以上述结尾词结尾（“办结率”“办结率（%）”）。
    /// 分子列是名称与比率对应的唯一一列（“办结（件）”对“办结率”），分母列是单位相同、名称中没有比率
    /// 名称的其他计数列（写明应办数的列，“应办结”对“办结率”，是分母，不是分子），每行的分母不小于分子。某一行按任何一列分母都与比率相符即为一致。只有一列分母时，
    /// 或者只有一列分母与表中某些行的比率相符时（“收案”“审结”两列中，其他行都按“审结”计算），分母确定，
    /// 不相符的行报告并给出修复（合计行的计数本身不等于上面各行之和时——A002 报告这一处——错的可能是计数，
    /// 不给修复）；否则只在按每一列分母都不相符时报告，不给修复。有上年结转一类的列（列名含
    /// “结转”“旧存”“上年未结”，与正文中的上年结转数相同；期末的“未结”不是）时，分母也可以是另一列与它之和（办结 ÷（新收 + 上年结转）），按哪种读法相符都视为
    /// 一致，都不相符时报告各种读法的结果，不给修复。
    /// 表中有两行以上、却没有一行的比率与任何一列分母相符时，分母不在表中，不报告。表头读不出（有空的表头格，
    /// 或表头格是数）、各行格数不同（合并单元格）、行标签为空或为数字、分子列不唯一、单元格不是单纯的数
    /// （约数、“—”）时不检查。第一列是“序号”（1、2、3……）的，序号列不读，下一列是行标签；合计行的序号格
    /// 空着或写着“合计”而名称格空着的同样读出。
    ///
    /// ## 为什么
    /// 比率与计数不符是年度报告中最常见、也最难靠人工校对发现的数据错误；上例中的97.5%已公开发布。
    /// 同一份报告中的比率与其计数必须能互相印证。
    ///
    /// ## 错误示例
    /// ```text
    /// 共受理矛盾纠纷3426件，调解成功3334件，调解成功率为97.5%。
    /// | 类别 | 受理（件） | 办结（件） | 办结率 |
    /// | 行政复议 | 12 | 11 | 95.7% |
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 共受理矛盾纠纷3426件，调解成功3334件，调解成功率为97.3%。
    /// 共排查矛盾纠纷8211件，调解成功8140件，成功率为99%。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”“数据准确”；
    /// GB/T 8170-2008《数值修约规则与极限数值的表示和判定》：按写出的位数修约后比较。
    ///
    /// ## 选项
    /// - `rate-keywords`（字符串数组）：比率名称的结尾词。默认：办结率、成功率、通过率、合格率、受理率、
    ///   出庭应诉率、应诉率、纠错率、满意率、覆盖率、结案率、化解率、答复率、采纳率、公开率、参考率、
    ///   知晓率、到位率、执行率、上线率、办理率、败诉率、胜诉率、持证率、优秀率、参训率、出庭率、整改率、
    ///   达标率、完成率、审结率、审核率、备案率、报备率、调解率、落实率、销号率、办复率、回复率、发现率、
    ///   履行率、处置率、投诉率、查处率、立案率、占比、比例。
    /// - `rounding`：`"half-up"`（默认，按写出的精度四舍五入；恰好舍去一个5时，也接受 GB/T 8170-2008 3.3.3
    ///   的“奇进偶舍”，如1÷8=12.5%写作12%或13%都对）或 `"half-up-or-truncate"`
    ///   （也接受截尾，适用于习惯截尾的单位）。
    ///
    /// 修复：给出按计数计算、保留原精度的值，作为不安全修复（须核对原始数据：也可能是计数写错）。
    pub struct RateMismatch {
        opts: Options,
    }
    meta {
        code: "A001",
        name: "rate-mismatch",
        severity: Error,
        summary: "比率与同一句中写出的计数不符",
        fix: Sometimes,
        unsafe_fix: true,
        reads: [NUMBERS, SENTENCES, TABLES],
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub rate_keywords: Vec<String>,
    pub rounding: Rounding,
}

pub const DEFAULT_RATE_KEYWORDS: &[&str] = &[
    "办结率",
    "成功率",
    "通过率",
    "合格率",
    "受理率",
    "出庭应诉率",
    "应诉率",
    "纠错率",
    "满意率",
    "覆盖率",
    "结案率",
    "化解率",
    "答复率",
    "采纳率",
    "公开率",
    "参考率",
    "知晓率",
    "到位率",
    "执行率",
    "上线率",
    "办理率",
    "败诉率",
    "胜诉率",
    "持证率",
    "优秀率",
    "参训率",
    "出庭率",
    "整改率",
    "达标率",
    "完成率",
    "审结率",
    "审核率",
    "备案率",
    "报备率",
    "调解率",
    "落实率",
    "销号率",
    "办复率",
    "回复率",
    "发现率",
    "履行率",
    "处置率",
    "投诉率",
    "查处率",
    "立案率",
    "占比",
    "比例",
];

impl Default for Options {
    fn default() -> Self {
        Options {
            rate_keywords: DEFAULT_RATE_KEYWORDS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            rounding: Rounding::HalfUp,
        }
    }
}

impl BuiltinRule for RateMismatch {
    type Options = Options;
    fn new(opts: Options) -> Result<Self, String> {
        if opts.rate_keywords.iter().any(|k| k.is_empty()) {
            return Err("rate-keywords 中不能有空字符串".into());
        }
        Ok(RateMismatch { opts })
    }
}

impl Rule for RateMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| {
            find(Facts::of(cx), &self.opts, c);
            super::table::rates(
                cx.doc.text,
                cx.tables(),
                &self.opts.rate_keywords,
                self.opts.rounding,
                c,
            );
        });
    }
}

const CONNECTORS: &[&str] = &[
    "均达到",
    "均达",
    "均为",
    "高达",
    "达到",
    "分别为",
    "为",
    "达",
    "是",
    ":",
    "：",
];

/// The last bytes of [`CONNECTORS`]: a name that ends with none of them is
/// followed by no connector, and is not compared with them.
const CONNECTOR_ENDS: [u8; CONNECTORS.len()] = {
    let mut ends = [0; CONNECTORS.len()];
    let mut i = 0;
    while i < CONNECTORS.len() {
        let b = CONNECTORS[i].as_bytes();
        ends[i] = b[b.len() - 1];
        i += 1;
    }
    ends
};

/// Rate keywords (see [`rate_name`]) indexed by two of their bytes: most
/// of the words before a percentage are a rate's name, and most keywords
/// end with 率, so each name is compared only with the keywords that end
/// with its last byte and with the last byte of its character before.
pub struct Keywords<'k> {
    list: &'k [String],
    /// Bit `i`: keyword `i` ends with this byte, or is empty.
    last: Box<[u64; 256]>,
    /// Bit `i`: keyword `i` has this byte fourth from its end (the last
    /// byte of a CJK character before the last), or is shorter than four
    /// bytes.
    fourth: Box<[u64; 256]>,
}

impl<'k> Keywords<'k> {
    pub fn new(list: &'k [String]) -> Self {
        let mut last = Box::new([0u64; 256]);
        let mut fourth = Box::new([0u64; 256]);
        // More keywords than bits: every name is compared with them all.
        if list.len() <= 64 {
            for (i, k) in list.iter().enumerate() {
                let bit = 1u64 << i;
                let b = k.as_bytes();
                match b.last() {
                    Some(&x) => last[usize::from(x)] |= bit,
                    None => last.iter_mut().for_each(|m| *m |= bit),
                }
                match b.len().checked_sub(4) {
                    Some(j) => fourth[usize::from(b[j])] |= bit,
                    None => fourth.iter_mut().for_each(|m| *m |= bit),
                }
            }
        }
        Keywords { list, last, fourth }
    }

    /// The longest keyword `s` ends with (of those as long, the last).
    fn longest_at_end(&self, s: &str) -> Option<&'k String> {
        let b = s.as_bytes();
        if self.list.len() > 64 || b.len() < 4 {
            return self
                .list
                .iter()
                .filter(|k| super::common::ends_with_word(s, k))
                .max_by_key(|k| k.len());
        }
        let mut cand =
            self.last[usize::from(b[b.len() - 1])] & self.fourth[usize::from(b[b.len() - 4])];
        let mut best: Option<&'k String> = None;
        while cand != 0 {
            let k = &self.list[cand.trailing_zeros() as usize];
            cand &= cand - 1;
            if super::common::ends_with_word(s, k) && best.is_none_or(|b| k.len() >= b.len()) {
                best = Some(k);
            }
        }
        best
    }
}

/// The rate name written before a percentage at `pos` (e.g. `调解成功率`),
/// when it ends with one of `keywords`.
pub fn rate_name<'t, 'k>(
    text: &'t str,
    floor: usize,
    pos: usize,
    keywords: &'k [String],
    wrapped: bool,
) -> Option<(&'k str, Cow<'t, str>)> {
    rate_name_of(text, floor, pos, &Keywords::new(keywords), wrapped)
}

/// [`rate_name`], with the keywords' last bytes found once.
fn rate_name_of<'t, 'k>(
    text: &'t str,
    floor: usize,
    pos: usize,
    keywords: &Keywords<'k>,
    wrapped: bool,
) -> Option<(&'k str, Cow<'t, str>)> {
    let floor = near_floor(text, floor, pos);
    let raw = super::common::unwrapped(&text[floor..pos]);
    if let Some((kw, r)) = name_in(raw, keywords) {
        let name = &raw[r];
        return Some((
            kw,
            if wrapped {
                super::common::joined(name)
            } else {
                Cow::Borrowed(name)
            },
        ));
    }
    // In a text wrapped by hand (whose sentences alone hold line breaks), a
    // name broken by a line the sentence runs on over (`纠` / `错率`) is
    // read without the break, which lies among its last characters.
    if !wrapped {
        return None;
    }
    let tail = raw.len().saturating_sub(48);
    memchr::memrchr(b'\n', &raw.as_bytes()[tail..])?;
    let joined = super::common::joined(raw);
    let (kw, r) = name_in(&joined, keywords)?;
    Some((kw, Cow::Owned(joined[r].to_string())))
}

/// The rate name at the end of `s` (see [`rate_name`]): its keyword and
/// range.
fn name_in<'k>(s: &str, keywords: &Keywords<'k>) -> Option<(&'k str, Range<usize>)> {
    let mut s = s;
    if s.as_bytes()
        .last()
        .is_some_and(|b| CONNECTOR_ENDS.contains(b))
    {
        for c in CONNECTORS {
            if let Some(r) = s.strip_suffix(c) {
                s = r;
                break;
            }
        }
    }
    let kw = keywords.longest_at_end(s)?;
    // The characters looked for are ASCII, or start with 0xE2 (“”), 0xE3
    // (、), 0xE5 (和及) or 0xEF (，；：).
    let start = super::common::rfind_char(
        s,
        |b| b < 0x80 || matches!(b, 0xE2 | 0xE3 | 0xE5 | 0xEF),
        |_, c| {
            super::common::is_clause_sep(c)
                || matches!(c, '、' | '和' | '及' | '%' | '“' | '”')
                || c.is_ascii_digit()
        },
    )
    .map_or(0, |(i, c)| i + c.len_utf8());
    Some((kw.as_str(), start..s.len()))
}

/// Whether the rate's name, the last part of `before`, is the last of names
/// joined by 和, 及 or a 顿号 (`其中图文解读30篇、视频解读12篇，图文和视频解读占比87.5%`):
/// the rate is of the kinds together, and the count named like the last kind
/// alone is not its numerator. A count before the 顿号 (`办结118件、办结率`)
/// joins no names.
fn coordinated(before: &str, name: &str) -> bool {
    // The last `n` bytes of `s`, from a character's start.
    let last = |s: &str, n: usize| {
        let mut from = s.len().saturating_sub(n);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        from
    };
    // The name ends the text but for a word that joins it to the figure
    // (`为`, `达到`, `：`): only the last bytes are searched.
    let from = last(before, name.len() + 21);
    if !before[from..].contains(['和', '及', '、']) {
        return false;
    }
    let Some(at) = before[from..].rfind(name).map(|k| from + k) else {
        return false;
    };
    let Some(head) = before[..at].strip_suffix(['和', '及', '、']) else {
        return false;
    };
    let head = &head[last(head, 48)..];
    let kind = head
        .rsplit(|c: char| super::common::is_clause_sep(c) || matches!(c, '、' | '和' | '及'))
        .next()
        .unwrap_or("");
    !kind.is_empty() && kind.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
}

pub fn find(facts: Facts<'_>, opts: &Options, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    let by = BySentence::new(nums);
    let wrapped = doc.wrapped_by_hand();
    let keywords = Keywords::new(&opts.rate_keywords);
    // The numbers before each rate, and the exact counts among them (the
    // vectors are reused from one rate to the next).
    let mut before: Vec<&Number> = Vec::new();
    let mut counts: Vec<&Number> = Vec::new();
    for (pi, p) in nums.iter().enumerate() {
        if !matches!(p.kind, Kind::Percent | Kind::Permille) || !p.is_exact() {
            continue;
        }
        let sent = sents.get(p.sentence());
        // "占B件的P%".
        if share(doc, sents, nums, pi, opts, out).is_some() {
            continue;
        }
        let Some((_, name)) = rate_name_of(text, sent.start, p.range().start, &keywords, wrapped)
        else {
            continue;
        };
        let name: &str = &name;
        // 调解成功 of 调解成功率, 优良天数 of 优良天数比例.
        let stem = ["率", "比例", "占比"]
            .iter()
            .find_map(|k| name.strip_suffix(k))
            .unwrap_or("");
        // A rate of days (`优良天数比例`) counts days, which are otherwise
        // durations, not counts.
        let of_days = stem.ends_with("天数");
        let s0 = scope_start(doc, sents, p.sentence());
        let idx = clamp(by.range(s0, p.sentence()), pi.saturating_sub(WINDOW), pi);
        before.clear();
        before.extend(
            nums[idx]
                .iter()
                .filter(|n| n.range().end <= p.range().start && n.kind == Kind::Plain),
        );
        counts.clear();
        counts.extend(
            before
                .iter()
                .copied()
                .filter(|n| n.is_exact() && (n.is_count() || of_days && is_days(n))),
        );
        // Any pair that gives the stated rate makes it consistent.
        let mut matched = None;
        'outer: for a in &counts {
            for b in &counts {
                if std::ptr::eq(*a, *b)
                    || a.unit != b.unit
                    || a.value().cmp_exact(b.value()) == Some(std::cmp::Ordering::Greater)
                {
                    continue;
                }
                if ratio_matches(a.value(), b.value(), per(p).0, p.written(), opts.rounding)
                    == Some(true)
                {
                    matched = Some((*a, *b));
                    break 'outer;
                }
            }
        }
        if let Some((a, b)) = matched {
            out.ok(CheckKind::Rate, p.range(), || {
                let note = percent_note(text, a, b, p);
                format!("{name}{}：{note}", &*p.shown(text))
            });
            continue;
        }
        // Not matched: report only when the pair is certain. A rate said to
        // include more than its name (`合格率为95.0%（含优秀等次）`) counts
        // what the count named like it may leave out.
        if stem.chars().count() < 2 || includes_more(&text[p.range().end..]) {
            continue;
        }
        // Read when a pair would be reported, not for every rate.
        let joined = || {
            text.get(sent.start..p.range().start)
                .is_some_and(|before| coordinated(before, name))
        };
        // The counts named like the rate, and those named by the rate's
        // stem and 到位 (`已整改到位63个` for `整改率`), read when there are
        // none of the first (each label is read once).
        let mut labelled: Vec<&Number> = Vec::new();
        let mut in_full: Vec<&Number> = Vec::new();
        for &n in &counts {
            let floor = sents.get(n.sentence()).start;
            let label = of_the_kind(label_before_over(text, floor, n.range().start, wrapped));
            if names_the_rate(label, stem)
                || qualified_name(&text[floor..n.range().start], label, stem)
            {
                labelled.push(n);
            } else if labelled.is_empty() && names_the_rate_in_full(label, stem) {
                in_full.push(n);
            }
        }
        if labelled.is_empty() {
            labelled = in_full;
        }
        if labelled.is_empty() {
            // `评查案卷60卷，不合格3卷，合格率为95%`: the rate of the rest.
            if !joined() {
                complement(text, sents, name, stem, p, &before, opts, out);
            }
            continue;
        }
        let [num] = labelled.as_slice() else { continue };
        if joined() {
            continue;
        }
        // Not a figure of a comparison (`较上年的1300件`, `（2023年为49.3亿元）`).
        let same_unit: Vec<&Number> = before
            .iter()
            .copied()
            .filter(|n| n.unit == num.unit && !is_comparison_figure(text, sents, n))
            .collect();
        if same_unit.iter().any(|n| !n.is_exact()) {
            continue;
        }
        let dens: Vec<&Number> = same_unit
            .iter()
            .copied()
            .filter(|n| {
                !std::ptr::eq(*n, *num)
                    && n.value().cmp_exact(num.value()) != Some(std::cmp::Ordering::Less)
            })
            .collect();
        // The numerator is written after the whole, in the clause before the rate
        // or the rate's own clause.
        if dens.is_empty() {
            // `全年受理纠纷3426件。调解成功3334件，调解成功率为97.5%`: the
            // numerator opens its sentence, alone of its unit, and the whole
            // is the one count of the sentence before.
            if s0 == p.sentence()
                && let [only] = same_unit.as_slice()
                && std::ptr::eq(*only, *num)
                && let Some(whole) = whole_in_sentence_before(doc, sents, &by, nums, pi, num, stem)
            {
                if ratio_matches(
                    num.value(),
                    whole.value(),
                    per(p).0,
                    p.written(),
                    opts.rounding,
                ) == Some(true)
                {
                    out.ok(CheckKind::Rate, p.range(), || {
                        let note = percent_note(text, num, whole, p);
                        format!("{name}{}：{note}", &*p.shown(text))
                    });
                } else if let Some(c) = mismatch(text, name, p, num, whole) {
                    out.push(c);
                }
            }
            continue;
        }
        if dens.iter().any(|d| d.range().start > num.range().start) {
            continue;
        }
        let [den] = dens.as_slice() else {
            // `新收164件，审结152件，其中纠错17件，纠错率12.2%`: two wholes
            // the rate may be of. Either one that gives it is enough (the
            // pairs above); when none does, the rate is wrong whichever was
            // meant.
            if let Some(c) = no_whole_gives(text, sents, name, stem, p, num, &dens, &before, opts) {
                out.push(c);
            }
            continue;
        };
        // `新收190件，上年结转10件，办结180件`: the whole may be the new and
        // the carried-over together. That reading holding is enough; if it
        // does not, which whole was meant is not certain.
        if let Some(carried) = same_unit.iter().find(|n| is_carried(text, sents, n)) {
            let whole = den.value().checked_add(carried.value());
            if let Some(whole) = whole
                && ratio_matches(num.value(), whole, per(p).0, p.written(), opts.rounding)
                    == Some(true)
            {
                out.ok(CheckKind::Rate, p.range(), || {
                    let note = over_a_sum(text, num, [den, carried], whole, p);
                    format!("{name}{}：{note}", &*p.shown(text))
                });
            }
            continue;
        }
        let Some(mut c) = mismatch(text, name, p, num, den) else {
            continue;
        };
        // `共抽取案卷120卷。经评查，合格114卷…；其中优秀36卷，优秀率为30.0%`:
        // the rate may be of the whole in the sentence before, on the same
        // line (36 ÷ 120), not of the part the count is said to be in.
        // That reading holding is enough.
        if s0 > 0 && doc.index.line_of(sents.get(s0 - 1).start) == doc.index.line_of(sent.start) {
            let earlier = clamp(by.range(s0 - 1, s0 - 1), pi.saturating_sub(WINDOW), pi);
            if nums[earlier].iter().any(|w| {
                w.kind == Kind::Plain
                    && w.is_exact()
                    && w.unit == num.unit
                    && !is_comparison_figure(text, sents, w)
                    && ratio_matches(num.value(), w.value(), per(p).0, p.written(), opts.rounding)
                        == Some(true)
            }) {
                continue;
            }
        }
        // `60卷，其中优秀18卷、合格39卷、不合格3卷，合格率95.0%`: the rate
        // is of all but the negated count (优秀 and 合格 together), not of
        // the count named like it. Either reading that holds is enough.
        if let Some(r) = complement_reading(text, sents, stem, &before, Parts::Between) {
            if ratio_matches(r.rest, r.den.value(), per(p).0, p.written(), opts.rounding)
                == Some(true)
            {
                out.ok(CheckKind::Rate, p.range(), || {
                    format!("{name}{}：{}", &*p.shown(text), r.note(text, p))
                });
                continue;
            }
            // Wrong either way, but which value was meant is not certain:
            // no fix is offered.
            c.fix = None;
        }
        out.push(c);
    }
}

/// A rate read as what one negated count leaves of the whole before it.
struct Complement<'n> {
    den: &'n Number,
    neg: &'n Number,
    rest: Dec,
}

impl Complement<'_> {
    fn note(&self, text: &str, p: &Number) -> String {
        let (factor, sign) = per(p);
        ratio_note(
            &format!(
                "（{} − {}）",
                &text[self.den.range()],
                &text[self.neg.range()]
            ),
            &text[self.den.range()],
            self.rest,
            self.den.value(),
            factor,
            p.precision(),
            sign,
        )
    }
}

/// Whether a count's label negates the rate's stem, with at most a short
/// noun after it: `不合格`, `未办结`, `不予受理`, `不合格样品` before a
/// `合格率`.
fn negates_the_rate(label: &str, stem: &str) -> bool {
    let Some(at) = label.rfind(stem) else {
        return false;
    };
    let after = &label[at + stem.len()..];
    after.chars().count() <= 2
        && after
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && ["不", "未", "不予"]
            .iter()
            .any(|w| label[..at].ends_with(w))
}

/// Whether `stem` ends within two characters before `at` (a cheap test,
/// before the label is read).
fn stem_just_before(text: &str, at: usize, stem: &str) -> bool {
    let mut lo = at.saturating_sub(stem.len() + 6);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    text[lo..at].contains(stem)
}

/// Whether other counts of the unit may stand between the whole and the
/// negated count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// None: the whole and the negated count are the only two.
    None,
    /// Some, each less than the whole and all of them adding up to it
    /// (`60卷，其中优秀18卷、合格39卷、不合格3卷`), when the reading is only
    /// a second one.
    Between,
}

/// The ways a rate's stem may be negated: the stem itself, or what is left
/// of it after a qualifier of two characters or more (`合格` of `抽检合格`,
/// `案卷合格`), two characters or more, with that qualifier.
fn negatable(stem: &str) -> impl Iterator<Item = (&str, &str)> {
    std::iter::once(("", stem)).chain(
        stem.char_indices()
            .skip(2)
            .map(|(at, _)| stem.split_at(at))
            .filter(|(_, core)| core.chars().nth(1).is_some()),
    )
}

/// The one negated count before a rate and the one whole before that, the
/// first number of its unit, with the other numbers of that unit between
/// them as `parts` allows; the negated count is the last. A count that
/// negates only the end of the stem (`不合格` before `抽检合格率`) is the rest
/// of a whole that the stem's qualifier names (`抽检食品8640批次`): not of
/// `办理120件` before `按期办结率`, which counts fewer than all 办结 cases.
fn complement_reading<'n>(
    text: &str,
    sents: &Sentences,
    stem: &str,
    before: &[&'n Number],
    parts: Parts,
) -> Option<Complement<'n>> {
    let mut qualifier = "";
    // Every way of negating the stem ends with its last two characters:
    // most counts have no such word right before them, and no label is read.
    let tail = stem
        .char_indices()
        .rev()
        .nth(1)
        .map_or(stem, |(at, _)| &stem[at..]);
    let mut negated = before.iter().copied().filter(|n| {
        if !(n.is_count() && n.is_exact() && stem_just_before(text, n.range().start, tail)) {
            return false;
        }
        let label = label_before(text, sents.get(n.sentence()).start, n.range().start);
        negatable(stem).any(|(q, core)| {
            let hit = negates_the_rate(label, core);
            if hit {
                qualifier = q;
            }
            hit
        })
    });
    let neg = negated.next()?;
    if negated.next().is_some() {
        return None;
    }
    let mut same_unit = before.iter().copied().filter(|n| n.unit == neg.unit);
    let den = same_unit.next()?;
    if !qualifier.is_empty()
        && !text[clause_before(text, sents.get(den.sentence()).start, den.range().start)]
            .contains(qualifier)
    {
        return None;
    }
    let below = |n: &Number| den.value().cmp_exact(n.value()) == Some(std::cmp::Ordering::Greater);
    let mut last = same_unit.next()?;
    let first_part = last;
    let mut sum = last.value();
    for n in same_unit {
        if parts == Parts::None || !n.is_exact() || !below(last) {
            return None;
        }
        last = n;
        sum = sum.checked_add(n.value())?;
    }
    if !std::ptr::eq(last, neg) || !den.is_exact() || !below(neg) {
        return None;
    }
    // Parts between: the grades of the whole, all of them (`优秀18卷、合格
    // 39卷、不合格3卷` of 60): 合格 in 合格率 then takes in 优秀.
    if !std::ptr::eq(last, first_part)
        && sum.cmp_exact(den.value()) != Some(std::cmp::Ordering::Equal)
    {
        return None;
    }
    let rest = den.value().checked_sub(neg.value())?;
    Some(Complement { den, neg, rest })
}

/// A rate of what the one negated count before it leaves of the one whole
/// before that (`评查案卷60卷，不合格3卷，合格率为95%`: (60 − 3) ÷ 60), when
/// those are the only two numbers of their unit before the rate.
#[allow(clippy::too_many_arguments)]
fn complement(
    text: &str,
    sents: &Sentences,
    name: &str,
    stem: &str,
    p: &Number,
    before: &[&Number],
    opts: &Options,
    out: &mut Checks,
) {
    let Some(r) = complement_reading(text, sents, stem, before, Parts::None) else {
        return;
    };
    let places = p.precision();
    if ratio_matches(r.rest, r.den.value(), per(p).0, p.written(), opts.rounding) == Some(true) {
        out.ok(CheckKind::Rate, p.range(), || {
            format!("{name}{}：{}", &*p.shown(text), r.note(text, p))
        });
        return;
    }
    // `受理…172件，不予受理14件，受理率92.5%`: the count named like the rate
    // may be the part, and the whole the two together (172 ÷ 186). That
    // reading holding is enough; if neither holds, which was meant is not
    // certain, and no fix is offered.
    let den_label = label_before(text, sents.get(r.den.sentence()).start, r.den.range().start);
    let named = den_label.contains(stem);
    if named
        && let Some(whole) = r.den.value().checked_add(r.neg.value())
        && ratio_matches(r.den.value(), whole, per(p).0, p.written(), opts.rounding) == Some(true)
    {
        out.ok(CheckKind::Rate, p.range(), || {
            let note = over_a_sum(text, r.den, [r.den, r.neg], whole, p);
            format!("{name}{}：{note}", &*p.shown(text))
        });
        return;
    }
    let Some(want) = ratio_rounded(r.rest, r.den.value(), per(p).0, places) else {
        return;
    };
    let note = format!(
        "{name}是总数中除去“{}”的部分所占的比率：{}，写到{}应为{want}{}",
        label_before(text, sents.get(r.neg.sentence()).start, r.neg.range().start),
        r.note(text, p),
        places_zh(places),
        per(p).1
    );
    let mut c = rate_check(text, name, p, want, note)
        .label(r.neg.range(), "不计入的部分")
        .label(r.den.range(), "分母");
    if named {
        c.fix = None;
    }
    out.push(c);
}

/// The finding for rate `p`, which should be `want` (the labels are the
/// caller's), with the fix to `want` where the rate is in Arabic numerals.
fn rate_check(text: &str, name: &str, p: &Number, want: Dec, note: String) -> Check {
    let mut c = Check::bad(
        CheckKind::Rate,
        p.range(),
        format!(
            "{name}与计数不符：按{}计算为{want}{}，文中写作{}",
            places_zh(p.precision()),
            per(p).1,
            &*p.shown(text)
        ),
        note,
    );
    if !p.chinese {
        c.fix = Some((p.numeral(), want.to_string()));
    }
    c
}

/// Stems of rates whose count is also named by other words: a 结案率 is of
/// the cases 审结 (by a court or a review body) or 办结.
const SYNONYMS: [(&str, &[&str]); 1] = [("结案", &["审结", "办结"])];

/// Whether a count's label names what the rate counts: it ends with the
/// rate's stem (`调解成功` for `调解成功率`), or with the stem's two halves of
/// two characters or more the other way round (`成功调处` for `调处成功率`,
/// `已完成自查` for `自查完成率`), or with a word of [`SYNONYMS`] (`审结` for
/// `结案率`); not negated (`不合格2名` before `合格率`,
/// `不予受理14件` before `受理率`, `未办结3件` before `办结率` count the rest of
/// the whole, not the part the rate is of).
pub(super) fn names_the_rate(label: &str, stem: &str) -> bool {
    let not_negated = |before: &str| {
        !["不予", "未予", "不", "未", "非", "无", "没"]
            .iter()
            .any(|n| before.ends_with(n))
    };
    if let Some(before) = label.strip_suffix(stem) {
        return not_negated(before);
    }
    // `审结228件`, `办结228件` for `结案率`: the same cases closed.
    if let Some((_, words)) = SYNONYMS.iter().find(|(s, _)| *s == stem) {
        return words
            .iter()
            .find_map(|w| label.strip_suffix(w))
            .is_some_and(not_negated);
    }
    // Cuts after the second character and before the second last.
    let n = stem.chars().count();
    n >= 4
        && stem.char_indices().skip(2).take(n - 3).any(|(at, _)| {
            let (verb, what) = stem.split_at(at);
            label
                .strip_suffix(verb)
                .and_then(|l| l.strip_suffix(what))
                .is_some_and(not_negated)
        })
}

/// Whether the text right after a rate says the rate includes more than its
/// name (`（含优秀等次）`, `(含…)`, `，含…`).
fn includes_more(after: &str) -> bool {
    let after = after
        .strip_prefix(['（', '(', '，', ','])
        .unwrap_or("")
        .trim_start_matches(crate::document::is_space);
    after.starts_with('含') || after.starts_with("包含") || after.starts_with("包括")
}

/// A count's label without the 的 that makes it a noun (`评为优秀的` before
/// `36卷`: the 优秀 ones, named like 优秀率). A label with a word that
/// negates or defers anywhere in it (`未被评为优秀的`, `应办结的`,
/// `尚待办结的`: the rest, or the whole) names nothing (an empty label).
fn of_the_kind(label: &str) -> &str {
    match label.strip_suffix('的') {
        Some(l) if !l.contains(['不', '未', '没', '非', '无', '应', '待', '需', '须']) => {
            l
        }
        Some(_) => "",
        None => label,
    }
}

/// Whether a count's label names what the rate counts done in full: the
/// rate's stem and 到位 (`已整改到位` for `整改率`, `落实到位` for `落实率`),
/// the standard wording of the count a 整改率 or 落实率 is of; no other word
/// (`整改完毕`, `整改落实`). Read only when no count is named by the stem
/// itself ([`names_the_rate`]): beside `已整改63个`, `其中整改到位58个` is a
/// part of the 整改率's count.
pub(super) fn names_the_rate_in_full(label: &str, stem: &str) -> bool {
    label
        .strip_suffix("到位")
        .is_some_and(|l| !stem.ends_with("到位") && names_the_rate(l, stem))
}

/// `措施落实率` named by `已落实45条` after `整改措施48条`: the rate's stem is
/// a qualifier and the label's word (措施 + 落实), and the qualifier names
/// what the sentence counts before the label. Both parts have two
/// characters or more.
fn qualified_name(before: &str, label: &str, stem: &str) -> bool {
    stem.char_indices().skip(2).any(|(at, _)| {
        let (what, verb) = stem.split_at(at);
        verb.chars().nth(1).is_some() && before.contains(what) && names_the_rate(label, verb)
    })
}

/// Whether `n` is a number of days (`349天`).
fn is_days(n: &Number) -> bool {
    n.kind == Kind::Plain && n.unit == Some(Unit::DAY)
}

/// The finding for a rate `p` that is not `num` ÷ `den` at its written
/// precision (`name` is the rate's name, for the message).
fn mismatch(text: &str, name: &str, p: &Number, num: &Number, den: &Number) -> Option<Check> {
    let places = p.precision();
    let want = ratio_rounded(num.value(), den.value(), per(p).0, places)?;
    let note = percent_note(text, num, den, p);
    let note = format!("{note}，写到{}应为{want}{}", places_zh(places), per(p).1);
    Some(
        rate_check(text, name, p, want, note)
            .label(num.range(), "分子")
            .label(den.range(), "分母"),
    )
}

/// The words that name a count as a whole, a total received or found
/// (`受理`, `新收`, `排查`, `共`…): the count of the sentence before a rate
/// is read as its whole only when so named.
const WHOLE_WORDS: [&str; 13] = [
    "受理", "收到", "新收", "收案", "接到", "接收", "登记", "排查", "累计", "合计", "总计", "共计",
    "共有",
];

/// Words that may open a sentence before the numerator's name without
/// naming anything of their own (`全年调解成功`, `已整改`).
const PLAIN_LEADS: [&str; 7] = ["全年", "累计", "共计", "共", "均已", "已", "经"];

/// Whether `lead`, the words of a sentence before its first figure, is only
/// the name of the rate's count (`调解成功` for `调解成功率`, `成功调处` for
/// `调处成功率`, `审结` for `结案率`, `整改到位` for `整改率`), after at most
/// a few words of [`PLAIN_LEADS`]: no subject of its own (`县调解委员会调解
/// 成功`), which may count a part of another whole than the one before.
fn bare_name(lead: &str, stem: &str) -> bool {
    let mut rest = lead;
    for _ in 0..3 {
        match PLAIN_LEADS.iter().find_map(|w| rest.strip_prefix(w)) {
            Some(r) => rest = r,
            None => break,
        }
    }
    let rest = rest.strip_suffix("到位").unwrap_or(rest);
    rest.chars().count() == stem.chars().count() && names_the_rate(rest, stem)
}

/// The whole of a rate in the sentence right before the rate's own
/// (`全年受理纠纷3426件。调解成功3334件，调解成功率为97.5%`: 3426件), when the
/// rate's sentence writes its numerator `num` first, with only the rate's
/// name before it ([`bare_name`]), and no whole. The sentence before must
/// be on the same line (the same paragraph), not a part (`其中…`), and hold
/// exactly one number of `num`'s unit: exact, no figure of a comparison or
/// of what was carried over, named as a total ([`WHOLE_WORDS`]) and not
/// smaller than `num`. Not for a rate of what fell due (`按期办结率`).
fn whole_in_sentence_before<'n>(
    doc: &Document<'_>,
    sents: &Sentences,
    by: &BySentence<'_>,
    nums: &'n [Number],
    pi: usize,
    num: &Number,
    stem: &str,
) -> Option<&'n Number> {
    let text = doc.text;
    let s = num.sentence();
    if s == 0 || DUE_QUALIFIERS.iter().any(|q| stem.starts_with(q)) {
        return None;
    }
    let sent = sents.get(s);
    let lead = text.get(sent.start..num.range().start)?;
    if !bare_name(lead.trim_start_matches(crate::document::is_space), stem) {
        return None;
    }
    let prev = sents.get(s - 1);
    // The same paragraph: nothing but spaces between the two sentences.
    if prev.end > sent.start
        || !text[prev.end..sent.start]
            .chars()
            .all(|c| crate::document::is_space(c) && c != '\n')
        || text[prev.clone()]
            .trim_start_matches(crate::document::is_space)
            .starts_with("其中")
    {
        return None;
    }
    let earlier = &nums[clamp(by.range(s - 1, s - 1), pi.saturating_sub(WINDOW), pi)];
    let mut same = earlier
        .iter()
        .filter(|n| n.kind == Kind::Plain && n.unit == num.unit);
    let (Some(whole), None) = (same.next(), same.next()) else {
        return None;
    };
    let clause = &text[clause_before(text, prev.start, whole.range().start)];
    let named = clause.ends_with('共') || WHOLE_WORDS.iter().any(|w| clause.contains(w));
    (named
        && whole.is_exact()
        && whole.is_count()
        && !clause.starts_with("其中")
        && !is_comparison_figure(text, sents, whole)
        && !is_carried(text, sents, whole)
        && whole.value().cmp_exact(num.value()) != Some(std::cmp::Ordering::Less))
    .then_some(whole)
}

/// The most wholes a rate is checked against (`新收`, `审结`, `办结`): with
/// more, the sentence lists figures of other kinds.
const MAX_WHOLES: usize = 3;

/// The qualifiers of a rate of what fell due (`按期办结率`, `及时回复率`): its
/// whole is the count that fell due in the year, which is seldom written, so
/// the wholes written before it do not decide it.
const DUE_QUALIFIERS: [&str; 5] = ["按期", "按时", "及时", "限时", "提前"];

/// The finding for rate `p` of count `num` when the sentence writes two or
/// three wholes before it (`dens`) and none gives the rate. Silent when a
/// whole may be the sum of two (a carried-over count), when the rate may be
/// of the rest of a negated count, or when a division cannot be decided.
/// Which whole was meant is not certain: no fix is offered.
#[allow(clippy::too_many_arguments)]
fn no_whole_gives(
    text: &str,
    sents: &Sentences,
    name: &str,
    stem: &str,
    p: &Number,
    num: &Number,
    dens: &[&Number],
    before: &[&Number],
    opts: &Options,
) -> Option<Check> {
    if dens.len() > MAX_WHOLES
        || DUE_QUALIFIERS.iter().any(|q| stem.starts_with(q))
        || before
            .iter()
            .any(|n| n.unit == num.unit && is_carried(text, sents, n))
        || complement_reading(text, sents, stem, before, Parts::Between).is_some()
    {
        return None;
    }
    let factor = per(p).0;
    let mut notes = Vec::with_capacity(dens.len());
    for den in dens {
        if ratio_matches(num.value(), den.value(), factor, p.written(), opts.rounding)
            != Some(false)
        {
            return None;
        }
        notes.push(percent_note(text, num, den, p));
    }
    let mut c = Check::bad(
        CheckKind::Rate,
        p.range(),
        format!(
            "{name}与计数不符：文中写作{}，以前面写出的任何一个总数为分母都不是这个值",
            &*p.shown(text),
        ),
        format!(
            "{}；写到{}都不是{}",
            notes.join("；"),
            places_zh(p.precision()),
            &*p.shown(text)
        ),
    )
    .label(num.range(), "分子");
    for den in dens {
        c = c.label(den.range(), "可能的分母");
    }
    Some(c)
}

/// A share (占比) written with its two counts: `Some` when rate `nums[pi]`
/// is one ([`share_of`], [`share_after_qizhong`]), its verdict then given to
/// `out`.
fn share(
    doc: &Document<'_>,
    sents: &Sentences,
    nums: &[Number],
    pi: usize,
    opts: &Options,
    out: &mut Checks,
) -> Option<()> {
    let text = doc.text;
    let p = &nums[pi];
    let sent = sents.get(p.sentence());
    let (num, den) = share_of(text, sent.clone(), nums, pi)
        .or_else(|| share_after_qizhong(text, sents, nums, pi))?;
    share_verdict(text, p, num, den, opts, out)
}

/// "A件，占B件的P%": B is written in the rate's clause, A is the last count of
/// the same unit before that clause. The counts (A, B) when rate `nums[pi]`
/// in the sentence `sent` is such a share.
fn share_of<'n>(
    text: &str,
    sent: Range<usize>,
    nums: &'n [Number],
    pi: usize,
) -> Option<(&'n Number, &'n Number)> {
    let p = &nums[pi];
    let clause = clause_before(text, sent.start, p.range().start);
    // (A numeral run may overlap the rate: in 五百分之五, 五百 and 百分之五.)
    let den = nums[..pi]
        .last()
        .filter(|n| n.range().start >= clause.start && n.range().end <= p.range().start)?;
    let between = &text[den.range().end..p.range().start];
    if between != "的" || !den.is_count() || !den.is_exact() {
        return None;
    }
    let lead = &text[clause.start..den.range().start];
    if !lead.starts_with('占') {
        return None;
    }
    let num = nums[..pi].iter().rev().take(WINDOW).find(|n| {
        n.range().end <= clause.start && n.sentence() == p.sentence() && n.kind == Kind::Plain
    })?;
    (num.unit == den.unit && num.is_exact()).then_some((num, den))
}

/// "共B项，其中A项，占比P%": the rate's clause is only 占比 (or 占, or
/// 占全部…的), the clause before it opens with 其中 and holds one figure, A,
/// and the clause before that ends with B, of A's unit. The counts (A, B)
/// when rate `nums[pi]` is such a share (`sents`: the document's sentences).
fn share_after_qizhong<'n>(
    text: &str,
    sents: &Sentences,
    nums: &'n [Number],
    pi: usize,
) -> Option<(&'n Number, &'n Number)> {
    let p = &nums[pi];
    let sent = sents.get(p.sentence());
    // Most rates are not shares: the words right before them say so.
    let before = &text[sent.start..p.range().start];
    let share_word = before.ends_with('占')
        || before.ends_with('的')
        || ["占比", "占比为", "占比达", "占比达到"]
            .iter()
            .any(|w| before.ends_with(w));
    if !share_word {
        return None;
    }
    let clause = clause_before(text, sent.start, p.range().start);
    if !share_lead(&text[clause.clone()]) {
        return None;
    }
    let (num_at, num) = nums[..pi]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, n)| n.range().end <= clause.start)?;
    if num.sentence() != p.sentence()
        || num.kind != Kind::Plain
        || !num.is_count()
        || !num.is_exact()
    {
        return None;
    }
    // Where 其中 starts, and the index of the first item's figure.
    let (qizhong, first_at) = list_head(text, sent.start, nums, num_at)?;
    // Only the one figure in the 其中 clause: with two, which is the share?
    let (den, stop) = whole_before(text, sents, &nums[..first_at], qizhong)?;
    // B is in the same sentence, or ends the sentence before one that
    // opens with 其中 (`全年审结131件。其中，…`).
    let same_sentence = den.sentence() == p.sentence();
    let sentence_before = den.sentence() + 1 == p.sentence()
        && text[sent.start..qizhong]
            .trim_start_matches(crate::document::is_space)
            .is_empty();
    // B is a whole, not itself a part (`其中刑事50件。其中，…`).
    let den_clause = clause_before(text, sents.get(den.sentence()).start, den.range().start);
    if den.range().end > qizhong
        || !(same_sentence || sentence_before)
        || text[den_clause].starts_with("其中")
        || den.kind != Kind::Plain
        || den.unit != num.unit
        || !den.is_count()
        || !den.is_exact()
    {
        return None;
    }
    // B ends the clause (or the sentence) right before 其中.
    let gap = text[den.range().end..stop].trim_end_matches(ends_a_clause);
    let whole_first = den.value().cmp_exact(num.value()) != Some(std::cmp::Ordering::Less);
    (gap.is_empty() && whole_first).then_some((num, den))
}

/// The share leads of [`share_after_qizhong`]: the rate's clause is only
/// 占比 (占), or 占全部…的, 占审结总数的.
fn share_lead(lead: &str) -> bool {
    let whole = lead.strip_suffix('的').is_some_and(|l| {
        ["占全部", "占总", "占所有"]
            .iter()
            .any(|w| l.starts_with(w))
            // 占审结总数的, 占受理案件总量的.
            || (l.starts_with('占')
                && ["总数", "总量", "总额"].iter().any(|w| l.ends_with(w))
                && crate::document::at_most_chars(l, 12))
    });
    whole || ["占比", "占比为", "占比达", "占比达到", "占"].contains(&lead)
}

/// The most items of a list after 其中 walked back over to its head.
const MAX_ITEMS: usize = 8;

/// Where the 其中 of a share's figure `nums[num_at]` starts (in the sentence
/// from `floor`), and the index of the first item's figure: the figure's
/// clause opens with 其中 (`其中适用简易程序审结47件`), or 其中 is a clause
/// of its own before it (`其中，适用…`); or the figure's item follows a
/// `；` after other items of the same kind, each a figure of its unit and
/// its share and nothing else (`其中，简易程序审结86件，占52.1%；普通程序
/// 审结79件，占47.9%`), back to the first item, which opens with 其中 so.
fn list_head(text: &str, floor: usize, nums: &[Number], num_at: usize) -> Option<(usize, usize)> {
    let mut at = num_at;
    for _ in 0..MAX_ITEMS {
        let num = &nums[at];
        let clause = clause_before(text, floor, num.range().start);
        if text[clause.clone()].starts_with("其中") {
            return Some((clause.start, at));
        }
        let before = &text[floor..clause.start];
        if let Some(b) = before.trim_end_matches([',', '，']).strip_suffix("其中") {
            let q = floor + b.len();
            return text[clause_before(text, floor, q)]
                .is_empty()
                .then_some((q, at));
        }
        // An item after a `；`: the item before ends with its share, right
        // before the `；`, its clause a share's lead (`占52.1%`), and the
        // figure of the same unit right before that clause (`86件，`), the
        // one figure of its item (the next round sees to that).
        let semi = before.strip_suffix(['；', ';'])?.len() + floor;
        let k = at.checked_sub(2)?;
        let (prev, share) = (&nums[k], &nums[k + 1]);
        let share_clause = clause_before(text, floor, share.range().start);
        if share.range().end != semi
            || !matches!(share.kind, Kind::Percent | Kind::Permille)
            || !share_lead(&text[share_clause.clone()])
            || prev.range().end > share_clause.start
            || !matches!(
                text[prev.range().end..share_clause.start].trim(),
                "，" | ","
            )
            || prev.kind != Kind::Plain
            || prev.unit != num.unit
            || !prev.is_count()
            || !prev.is_exact()
        {
            return None;
        }
        at = k;
    }
    None
}

/// What may stand between a figure and the clause after it.
fn ends_a_clause(c: char) -> bool {
    matches!(c, ',' | '，' | '。') || crate::document::is_space(c)
}

/// The last number of `nums` (those before a 其中 clause at `qizhong`) with
/// what compares it with last year stepped over (`52.6亿元，同比增长8.4%
/// （2023年为49.3亿元），其中…`: 52.6亿元, not 49.3亿元), and where the
/// words after it that must be separators end.
fn whole_before<'n>(
    text: &str,
    sents: &Sentences,
    nums: &'n [Number],
    qizhong: usize,
) -> Option<(&'n Number, usize)> {
    let mut stop = qizhong;
    for (k, d) in nums.iter().enumerate().rev().take(6) {
        if d.range().end > stop {
            if stop == qizhong {
                // A second figure in the 其中 clause.
                return None;
            }
            // Within what was stepped over (`2023年` in its bracket).
            continue;
        }
        let tail = text[d.range().end..stop].trim_end_matches(ends_a_clause);
        let floor = sents.get(d.sentence()).start;
        let lead = clause_before(text, floor, d.range().start);
        if d.kind == Kind::Percent && tail.is_empty() && is_difference(&text[lead.clone()]) {
            // `，同比增长8.4%`: the clause goes.
            stop = lead.start;
        } else if d.kind == Kind::Plain
            && matches!(tail, "）" | ")")
            && is_bracketed_base(text, &text[lead.clone()], d)
        {
            // `（2023年为49.3亿元）`: from its bracket on.
            stop = text[..d.range().start].rfind(['（', '('])?;
        } else {
            return Some((d, stop));
        }
        if k == 0 {
            return None;
        }
    }
    None
}

/// The verdict on share `p` of `num` in `den` (占比), given to `out`.
fn share_verdict(
    text: &str,
    p: &Number,
    num: &Number,
    den: &Number,
    opts: &Options,
    out: &mut Checks,
) -> Option<()> {
    if ratio_matches(
        num.value(),
        den.value(),
        per(p).0,
        p.written(),
        opts.rounding,
    )? {
        out.ok(CheckKind::Rate, p.range(), || {
            let note = percent_note(text, num, den, p);
            format!("占比{}：{note}", &*p.shown(text))
        });
    } else {
        out.push(mismatch(text, "占比", p, num, den)?);
    }
    Some(())
}

/// The worked division `num ÷ （a + b） = …%` at `places` decimals, for a
/// note: a rate of a whole written as two counts (`whole` is their sum).
fn over_a_sum(text: &str, num: &Number, [a, b]: [&Number; 2], whole: Dec, p: &Number) -> String {
    let over = format!("（{} + {}）", &*a.shown(text), &*b.shown(text));
    let (factor, sign) = per(p);
    ratio_note(
        &num.shown(text),
        &over,
        num.value(),
        whole,
        factor,
        p.precision(),
        sign,
    )
}

/// The worked division `num ÷ den = …%` at `places` decimals, for a note.
fn percent_note(text: &str, num: &Number, den: &Number, p: &Number) -> String {
    let (factor, sign) = per(p);
    ratio_note(
        &num.shown(text),
        &den.shown(text),
        num.value(),
        den.value(),
        factor,
        p.precision(),
        sign,
    )
}

/// What rate `p` is written per: a hundred (`%`) or a thousand (`‰`), and
/// its sign.
fn per(p: &Number) -> (i128, &'static str) {
    if p.kind == Kind::Permille {
        (1000, "‰")
    } else {
        (100, "%")
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    /// A001's findings on `t`, linted as a plain-text draft.
    fn lint(t: &str) -> Vec<Diagnostic> {
        crate::testing::engine_selecting("A001")
            .lint(std::path::Path::new("draft.txt"), t)
            .expect("lint")
            .diagnostics
    }

    /// When the rate of the count named like it is wrong and so is the rate
    /// of all but the negated grade, which value was meant is not certain:
    /// the finding stands, with no fix; one reading that holds is silence.
    #[test]
    fn a_second_reading_takes_the_fix_away_or_the_finding() {
        let both_wrong = lint("评查案卷60卷，其中优秀18卷、合格39卷、不合格3卷，合格率90.0%。");
        let [d] = &both_wrong[..] else {
            panic!("{both_wrong:?}")
        };
        assert!(d.fix.is_none(), "{d:?}");
        assert!(lint("评查案卷60卷，其中优秀18卷、合格39卷、不合格3卷，合格率95.0%。").is_empty());
        // The grades do not add up to the whole: one reading, with its fix.
        let one = lint("评查案卷60卷，其中优秀18卷、合格39卷、不合格2卷，合格率90.0%。");
        let [d] = &one[..] else { panic!("{one:?}") };
        assert!(d.fix.is_some(), "{d:?}");
    }

    /// A list of shares after 其中 cut anywhere (the text ending inside an
    /// item, after its `；`, before its share, without a final 。) is read
    /// without a panic; the second item's share is checked once it is whole.
    #[test]
    fn a_list_of_shares_cut_anywhere_is_read_safely() {
        for t in [
            "全年审结165件。其中，简易程序审结86件，占52.1%；普通程序审结79件，占47.6%。",
            "全年审结165件，其中简易程序审结86件，占审结总数的52.1%;；普通程序审结79件，占47.6%；占",
            "其中，86件，占52.1%；79件，占47.6%；；其中",
            "全年受理纠纷3426件。调解成功3334件，调解成功率为97.5%",
        ] {
            for (at, _) in t.char_indices().skip(1) {
                lint(&t[..at]);
            }
            lint(t);
        }
        let cut = lint("全年审结165件。其中，简易程序审结86件，占52.1%；普通程序审结79件，占47.6%");
        assert_eq!(cut.len(), 1, "{cut:?}");
        assert!(
            lint("全年审结165件。其中，简易程序审结86件，占52.1%；普通程序审结79件，占").is_empty()
        );
    }

    /// A table's total row whose rate is wrong for its own counts, but whose
    /// count is not the sum of the rows above (A002's finding): reported,
    /// with no fix (the count may be what is wrong). A row that adds up
    /// keeps its fix.
    #[test]
    fn a_total_row_whose_counts_do_not_add_up_gets_no_fix() {
        let table = |total: &str| {
            format!(
                "单位：件\n单位\t应办结\t已办结\t办结率\n甲局\t100\t95\t95.0%\n乙局\t50\t48\t96.0%\n合计\t150\t{total}\n"
            )
        };
        // 95 + 48 = 143 (143 ÷ 150 = 95.3%); written 133 and 95.3%.
        let off = lint(&table("133\t95.3%"));
        let [d] = &off[..] else { panic!("{off:?}") };
        assert!(d.fix.is_none(), "{d:?}");
        // The counts add up, the rate is wrong: the fix stays.
        let wrong_rate = lint(&table("143\t96.3%"));
        let [d] = &wrong_rate[..] else {
            panic!("{wrong_rate:?}")
        };
        assert!(d.fix.is_some(), "{d:?}");
    }
}
