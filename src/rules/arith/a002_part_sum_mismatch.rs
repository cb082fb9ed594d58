use std::cmp::Ordering;
use std::ops::Range;
use std::sync::LazyLock;

use super::common::{
    BySentence, Check, CheckKind, Checks, WINDOW, clamp, clause_after, clause_before,
    ends_with_word, is_carried, is_clause_sep, is_comparison_figure, label_before, scope_start,
};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::document::{Document, Sentences};
use crate::extract::Needles;
use crate::extract::numbers::{Dec, Kind, Number, Unit};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 总数与其分项是否相符：“共310项，其中取消57项，调整253项”中 57 + 253 必须等于 310。
    ///
    /// 总数是“其中”“分别为”“包括”之前、与第一个分项单位相同的最近一个确数（同一句；以“其中”开头的句子
    /// 连同上一句；PDF 复制件中一句被短行截断、下一行以计数开头时（“立案查处违法案件86件，办结”/“82件。其中…”），
    /// 连同截断前的部分）；与上年相比的增减数（“比上年增加86人”“同比增长35件”）和比较的基数（“较上年的742件”
    /// “上年为600件”）不是总数，越过它取前面的数。前面最近的几个数中有一个恰好等于分项之和时
    /// （“受理386件，调处成功379件。其中…”），它就是总数；都不等于时，若各分项的名称以同一个两字名词结尾
    /// （“婚姻家庭纠纷”“邻里纠纷”），而最近的数不以它结尾、前面两个数中恰有一个以它结尾（“受理矛盾纠纷5230件，
    /// 调解成功4968件。其中…”），总数是后者（5230）；各分项都以“类”命名（“制度建设类24个、…、其他类20个”），
    /// 而最近的数是已经做到的阶段（名称含“已”或“到位”：“已整改到位41个”）、它前面的一个数不是（“共发现问题58个”）
    /// 时，各类分的是发现的总数，总数是前者（58）。这样取到的是上年结转数（“上年结转1件”“旧存3件”）时，
    /// 总数是新收数还是新收与结转之和不能确定，不检查。报告两种情形：
    /// - 分项之和大于总数，而分项是用顿号（、）并列的一组（“其中甲35件、乙9件、丙5件”），或“其中：”之后
    ///   用分号隔开的一组（“其中：培训经费25000元；教材资料18000元；表彰奖励15000元”）；
    /// - 分项之和不等于总数，而分项是穷尽的：用“分别为”列出，或每个分项的名称都出现在总数的名称中
    ///   （“取消和调整310项，其中取消57项，调整253项”）。“分别为”的总数要写明是总数（“共”“合计”“总计”
    ///   “累计”“总数”“总量”），或者“分别为”紧跟在总数之后、每个分项都有名称（“违法行为52起，分别为超载运输
    ///   19起、无证运输14起……”）；“分别为：”之后用逗号隔开的分项也算一组。
    ///
    /// - 分项是三次产业（“其中第一产业增加值…、第二产业增加值…、第三产业增加值…”，也写作一产、二产、三产；
    ///   三项也可以各成一个分句，用逗号或分号隔开，各自带着增速：“其中第一产业增加值142.7亿元，增长3.1%；
    ///   第二产业增加值…”），三项合起来就是总数，其和不等于总数。各成分句时，“其中”之后同单位的前三个数
    ///   须正是三次产业（中间另写了“增加4.1亿元”一类的数时不检查）。
    ///
    /// 写有小数或“万”“亿”的数是修约后的数（“915.3亿元”代表 [915.25亿, 915.35亿)），分项之和与总数之差
    /// 不超过各数修约误差（末位的半个单位）之和时不报告：“915.3亿元，其中98.4亿元、352.8亿元、464.2亿元”
    /// 之和为915.4亿元，仍可能一致。不带小数和“万”“亿”的整数（“35件”）按确数比较。
    ///
    /// 有一个分项与总数相等时（“排查和化解860件，其中排查860件，化解842件”），分项是同一批事项的不同阶段，
    /// 其和大于总数时不报告。
    ///
    /// 以序数命名的类别（“其中一类案件15件、二类案件41件”“1类隐患9处、2类隐患27处”）是互不重叠的分项：
    /// “一类”“2类”后面紧跟名词和数字时，是类别的名称，不是计数，分项是其后的“15件”“41件”。
    ///
    /// 全文逗号都是半角“,”的（折叠过的文本）中，“1,064件”读作一个数：逗号后恰好三位数字，后面不再接“,”和
    /// 数字，也不是年、月、日、号；但句中写“分别”“依次”，或前面是序数“第”、另一个数和逗号（“3,5,126件”）
    /// 时，它可能是两个数（“1”和“064件”），既不作总数也不作分项（与 A005 相同）。
    ///
    /// 普通的“其中”分项之和小于总数时不报告（“其中”可以只列一部分）；分项中有约数、范围、
    /// 单位不同或名词不同（“155个，其中涉及52个单位”）时不报告；按人的属性列出的分项（“其中中共党员904名、
    /// 女性357名”“其中持证执法人员110人、具有法学专业背景的30人”）、按所涉对象列出的分项（“其中涉企案件856件、
    /// 适用简易程序案件517件”；“移送涉嫌犯罪案件”是执法的一个环节，不是所涉对象），以及只有一部分是新增的分项（“其中新增20名、
    /// 派驻乡镇45名”）可以重叠，其和大于总数时不报告；分项由门槛数限定时（“其中30人以上的集体访30批次、
    /// 50人以上的集体访20批次”），各分项也可以重叠，不查其和（每个分项不大于总数，由 A003 检查）；“其中…分别为”只列出一部分，不算穷尽；“办结和回访的分别为”“涉及食品、药品的分别为”列出的是总数的某些阶段或某几类，也不算；“由401项调整为400项，其中新增3项，
    /// 取消4项”中的“其中”是增减项，由 A004 检查。
    ///
    /// 总数写在分项之后时（“定点医院12家、定点药店31家、村卫生室9家，合计55家”，也写作共计、总计、共、
    /// 一共、总共），分项是紧挨在总数之前的那个分句中用顿号（、和、及）并列、与总数单位相同的各数，最后
    /// 一项结束这个分句；分项之和不等于总数（超出修约误差）时报告。“共”只在紧跟数字时算（“公共”“共同”
    /// 不算）。分句中在这一组之前还有同单位的数、分项中有约数、分项之后还有没写数的项（“等”“及其他”）、
    /// 紧挨的分句是另一单位（“以及个体户9户”）时不检查；分项中有上年结转数或新增数时，总数可能另有所指，
    /// 不相符也不报告。
    ///
    /// 分项也可以写成“数＋量词＋名词”（“对9个乡镇（街道）和16个县直部门，共27个单位”，“共”前可以不加逗号）：
    /// 每项的名词在量词之后，不超过八个字，不含“的”“和”“及”“等”“其他”，各项之间用顿号、“和”“及”连接，
    /// 最后一项的名词一直写到“，共”。总数的量词要与各项相同，量词之后或者不再写名词（“共27个。”），或者
    /// 写统称各项的“单位”“机构”“主体”“对象”，或者写各项名词共同的末两字（“7个市直部门和5个县直部门，共12个
    /// 部门”）；写的是别的名词（“共27个调解组织”）时，总数数的可能是另一种东西，不检查。
    ///
    /// 表格（各列以竖线“|”、制表符或两个以上空格分隔，Markdown 表格同样）中，只有一行“合计”（总计、
    /// 共计、总数，可写作“合 计”；最后一行写“全年”且该行在名称带“占”的列（占比）中写100%的，也是合计
    /// 行）且它是第一行或最后一行数据时，按列检查它是否等于其余各行之和。只加计数列：表头的括号中写有计数单位（“受理（件）”“经费（万元）”），或每个单元格带同一单位，或列名
    /// 本身是计数（“受理数”），或是评分表的分值列（表头写“（分）”，或列名含“分值”“得分”“扣分”，各格为数或
    /// 带“分”；正文中数后的“分”可能是分钟、分数，不读作计数），或表的正上方（或表题正上方、表题末尾；
    /// 中间至多隔一个空行）有一行写明单位（“单位：件”“（单位：万元）”“单位：件（次）”取第一个单位），
    /// 列名没有另写单位、也不是最大最小值、年龄、天数、时长、期限、进度一类的列（“最大年龄”“最长办理天数”
    /// “完成进度”不是按这个单位计的数）；比率列（“…率”“比例”“占比”、单位为 %）和平均、人均、排名、同比等列不加。
    /// 表题（“表1  执法情况”，“表”“续表”“附表”和序号开头，其后即使是两个空格）不是表的一行。“续表”下的表
    /// 接着前一张表：它的合计行等于本表各行之和、或两部分各行之和都视为一致，前一张表读不出对应的列时不报告。
    /// 某一格不是单纯的数（“—”、约数）时这一列不查；有“小计”行或“其中”“含”开头的子行（会重复计数）、
    /// 合计行在中间、各行格数不同（合并单元格）、表头读不出时整张表不查。带小数或“万”的数按修约误差比较。
    /// 第一列是“序号”的，序号列不加，下一列是行标签；“合计”可写在序号格内（名称格空着），合计行的序号格
    /// 可以空着或编号。以制表符分列、表头和各行每两格之间只有一个制表符时，连续的制表符之间、行末的
    /// 制表符之后是空着的格（合计行只写“合计”和合计数，文字格空着），每个数按它前面的制表符数归到它那一列；
    /// 空着的格落在计数列下时，可能是多打了一个制表符，数属于哪一列看不出来，整张表不查。以空格分列、
    /// 或用几个制表符对齐各列、合计行少一格的，看不出空的是哪一格，整张表不查。
    ///
    /// 政府信息公开工作年度报告的法定表格按格式规定的关系检查，不看“合计”行在哪里。第三部分“收到和处理政府
    /// 信息公开申请情况”的表（第一行以“本年新收”开头，正上方的表头是自然人、商业企业、科研机构、社会公益组织、
    /// 法律服务机构、其他、总计七列，或自然人、法人或其他组织、总计三列，并有“（七）总计”行；从PDF复制、以空格
    /// 分列的表，表头可以占第一行之上的至多六行，折成两行的列名（“商业”“企业”）按上下位置接起来，接起来的列名
    /// 从左到右须正是规定的各列，表头中别的文字只能在自然人左边的项目列里；折行的项目名（“（二）部分公开（区分
    /// 处理的，只计”“这一情形……”）与其后带数字的一行接成一行）：每行的总计等于
    /// 自然人和法人或其他组织各列之和；（七）总计等于（一）至（六）各项之和（没有列出的项按0计，只列出小项的
    /// 按其小项之和计）；列出了小项的（三）至（六）各项等于其小项之和；本年新收加上年结转等于（七）总计加结转
    /// 下年度继续办理（勾稽关系）。第四部分行政复议、行政诉讼的表中，各栏的总计等于结果维持、结果纠正、其他
    /// 结果、尚未审结之和（表头写在一行，或按格式分两行：“未经复议直接起诉”“复议后起诉”两栏的列名在下一行）。
    /// 表头与规定的列对不上、某一行的格数与表头不同、表中有格式以外的行时整张表不查；
    /// 小项属于哪一项不能确定时不查（七）总计和各项与小项的关系。一个数不符合几项关系时只报告一次，其余写在
    /// 说明中；一行的总计与本行各列之和不符，而本行有一格已在它那一列差了同样的数时，报告在那一格。
    ///
    /// ## 为什么
    /// 分项之和与总数不符说明至少有一个数字写错；这种错误在逐段校对时很难发现。
    ///
    /// ## 错误示例
    /// ```text
    /// 取消和调整行政审批事项共310项，其中取消57项，调整243项。
    /// 移送司法机关的案件共50件，其中森林资源执法35件、劳动保障监察执法19件、食药监管执法5件。
    /// 查处违法企业中，食品企业14家、药品企业6家、医疗器械企业3家，合计25家。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 取消和调整行政审批事项共310项，其中取消57项，调整253项。
    /// 共受理行政复议申请62件，其中受理58件，不予受理4件，已审结23件。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”“数据准确”。
    ///
    /// ## 选项
    /// 无。
    pub struct PartSumMismatch {}
    meta {
        code: "A002",
        name: "part-sum-mismatch",
        severity: Error,
        summary: "分项之和与总数不符",
        fix: None,
        reads: [NUMBERS, PARTS, SENTENCES, TABLES],
    }
}

impl Rule for PartSumMismatch {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| {
            find(cx.doc, cx.numbers(), cx.part_lists(), c);
            totals_after(cx.doc, cx.sentences(), cx.numbers(), cx.part_lists(), c);
            super::table::sums(cx.doc.text, cx.tables(), c);
            // The statutory tables all write 总计 (the row （七）总计, the
            // column 总计): the cue search has looked for it already.
            if cx.part_lists().writes(cx.doc.text, "总计") {
                super::disclosure::check(cx.doc, c);
            }
        });
    }
}

/// A total and the parts listed after a cue word.
pub struct PartList<'n> {
    /// 分别为 / 分别是.
    pub exhaustive_cue: bool,
    pub total: &'n Number,
    /// Every count of the parts' unit after the cue, up to the next cue or the
    /// end of the sentence.
    pub parts: Vec<&'n Number>,
    /// How many leading parts are joined by 、/和/及 inside one clause.
    pub enum_len: usize,
    /// Every part's name occurs in the total's clause (the parts are the
    /// categories of the total).
    pub categories: bool,
    /// The total is the new value of a before/after change (A004).
    pub is_change: bool,
    /// A threshold qualifies the parts (`其中50人以上的…31批次`): parts so
    /// named may overlap (`30人以上的`, `50人以上的`), and are only held
    /// each to the total (A003).
    pub qualified: bool,
}

const CUES: &[(&str, bool)] = &[
    ("其中", false),
    ("分别为", true),
    ("分别是", true),
    ("包括", false),
];

/// The cues of [`CUES`], then the words that write a total after its parts
/// (`…、村卫生室9家，合计55家`; 共 only right before a digit, not 公共, 共同,
/// 共享): one search finds both.
static CUE_FINDER: LazyLock<Needles> = LazyLock::new(|| {
    let mut pats: Vec<String> = CUES.iter().map(|c| c.0.to_string()).collect();
    pats.extend(
        ["合计", "共计", "总计", "一共", "总共"]
            .iter()
            .map(|s| s.to_string()),
    );
    pats.extend((0..10).map(|d| format!("共{d}")));
    pats.extend(RANK_CUES.iter().map(|s| s.to_string()));
    Needles::new(&pats)
});

/// The words that rank figures (A009), found by the same search: `次之`,
/// `其次` after a first (`最多`), and a list of the first few (`排名前三位的是`).
pub const RANK_CUES: [&str; 3] = ["次之", "其次", "排名前"];

/// Where the patterns of [`CUE_FINDER`] after the cues and the words of a
/// total after its parts begin: the first of [`RANK_CUES`].
const FIRST_RANK_CUE: usize = CUES.len() + 5 + 10;

/// The last characters of [`CHANGE_VERBS`] (为, 到, 至): most clauses end
/// with none, and the verbs are not compared.
static CHANGE_VERB_ENDS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut ends: Vec<char> = CHANGE_VERBS
        .iter()
        .filter_map(|v| v.chars().next_back())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
});

/// The shortest and the longest of [`CHANGE_VERBS`], in bytes: most gaps
/// between two numbers fit none, and are ruled out without a comparison.
pub const CHANGE_VERB_LENS: (usize, usize) = {
    let (mut lo, mut hi, mut i) = (usize::MAX, 0, 0);
    while i < CHANGE_VERBS.len() {
        let n = CHANGE_VERBS[i].len();
        if n < lo {
            lo = n;
        }
        if n > hi {
            hi = n;
        }
        i += 1;
    }
    (lo, hi)
};

/// Whether a byte is the last byte of one of [`CHANGE_VERBS`] (of 为, 到 or
/// 至): the words between two numbers that end with another byte are no
/// change verb, and are not compared with them.
pub const CHANGE_VERB_LAST: [bool; 256] = {
    let mut last = [false; 256];
    let mut i = 0;
    while i < CHANGE_VERBS.len() {
        let b = CHANGE_VERBS[i].as_bytes();
        last[b[b.len() - 1] as usize] = true;
        i += 1;
    }
    last
};

/// The verbs that join the old and the new value of a change.
pub const CHANGE_VERBS: &[&str] = &[
    "调整为",
    "调整到",
    "调整至",
    "增加到",
    "增加至",
    "增至",
    "增为",
    "减少到",
    "减少至",
    "减至",
    "减为",
    "降至",
    "降为",
    "下降到",
    "下降至",
    "下降为",
    "精简为",
    "精简到",
    "精简至",
    "压减至",
    "压减为",
    "压减到",
    "缩减为",
    "缩减至",
    "压缩至",
    "压缩为",
    "压缩到",
    "缩短至",
    "缩短为",
    "缩短到",
    "调减为",
    "调减至",
    "调增为",
    "调增至",
    "变为",
    "变更为",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "上升到",
    "上升至",
    "扩大到",
    "扩大至",
    "扩展到",
    "扩展至",
    "拓展到",
    "拓展至",
    "扩充到",
    "扩充至",
    "压缩至",
    "压缩为",
    "压缩到",
    "减少为",
    "增加为",
    "增长到",
    "增长至",
    "提速到",
    "提速至",
];

/// CJK characters right after a number's unit, up to punctuation or a digit
/// (at most four).
fn word_after(text: &str, pos: usize, ceil: usize) -> &str {
    let s = &text[pos..ceil];
    let mut end = 0;
    for (k, (i, c)) in s.char_indices().enumerate() {
        if k >= 4 || !('\u{4e00}'..='\u{9fff}').contains(&c) {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}

pub fn sum(parts: &[&Number]) -> Option<Dec> {
    parts
        .iter()
        .try_fold(Dec::ZERO, |acc, p| acc.checked_add(p.value()))
}

/// The part lists of a document, found once and shared by A002 and A003:
/// numbers by their index in the document's numbers, the parts of every list
/// in one vector.
#[derive(Debug, Default)]
pub struct PartLists {
    lists: Vec<Stored>,
    parts: Vec<u32>,
    /// Where a word that writes a total after its parts (合计, 共5…) starts.
    after: Vec<u32>,
    /// Where a word of [`RANK_CUES`] starts, and which.
    ranks: Vec<(u32, u8)>,
}

#[derive(Debug)]
struct Stored {
    total: u32,
    parts: Range<u32>,
    enum_len: u32,
    exhaustive_cue: bool,
    categories: bool,
    is_change: bool,
    qualified: bool,
}

impl PartLists {
    /// `nums` are the document's numbers (as [`crate::extract::numbers::extract`] gives them).
    #[inline(never)]
    pub fn new(doc: &Document<'_>, sents: &Sentences, nums: &[Number]) -> Self {
        // A number's index, from its address in `nums`.
        let index = |n: &Number| {
            ((n as *const Number as usize - nums.as_ptr() as usize) / size_of::<Number>()) as u32
        };
        let mut out = PartLists::default();
        let mut after = Vec::new();
        let mut ranks = Vec::new();
        part_lists(doc, sents, nums, (&mut after, &mut ranks), |l| {
            let from = out.parts.len() as u32;
            out.parts.extend(l.parts.iter().map(|&n| index(n)));
            out.lists.push(Stored {
                total: index(l.total),
                parts: from..out.parts.len() as u32,
                enum_len: l.enum_len as u32,
                exhaustive_cue: l.exhaustive_cue,
                categories: l.categories,
                is_change: l.is_change,
                qualified: l.qualified,
            });
        });
        out.lists.shrink_to_fit();
        out.parts.shrink_to_fit();
        after.shrink_to_fit();
        out.after = after;
        out.ranks = ranks;
        out
    }

    /// The words that rank figures (A009), in text order: where each
    /// starts, and the word.
    pub fn rank_cues(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        self.ranks
            .iter()
            .map(|&(p, k)| (p as usize, RANK_CUES[usize::from(k)]))
    }

    /// Whether `text` (the text the lists were found in) writes `word`, one
    /// of the words that write a total after its parts (合计, 总计 …).
    pub fn writes(&self, text: &str, word: &str) -> bool {
        self.after
            .iter()
            .any(|&p| text[p as usize..].starts_with(word))
    }

    /// The lists, in text order, with the numbers they refer to (`nums` must
    /// be the numbers they were found in).
    pub fn iter<'n>(&'n self, nums: &'n [Number]) -> impl Iterator<Item = PartList<'n>> + 'n {
        self.lists.iter().map(move |s| PartList {
            exhaustive_cue: s.exhaustive_cue,
            total: &nums[s.total as usize],
            parts: self.parts[s.parts.start as usize..s.parts.end as usize]
                .iter()
                .map(|&i| &nums[i as usize])
                .collect(),
            enum_len: s.enum_len as usize,
            categories: s.categories,
            is_change: s.is_change,
            qualified: s.qualified,
        })
    }
}

/// Each list of parts after a cue, in text order, handed to `each` as it is
/// found.
fn part_lists<'n>(
    doc: &Document<'_>,
    sents: &Sentences,
    nums: &'n [Number],
    (after, ranks): (&mut Vec<u32>, &mut Vec<(u32, u8)>),
    mut each: impl FnMut(PartList<'n>),
) {
    let text = doc.text;
    let by = BySentence::new(nums);
    // No cue is a substring of another and none crosses a sentence end, so
    // one non-overlapping pass over the text finds each occurrence, in text
    // order; the sentences without a cue are never looked at.
    // The words of a total after its parts are put aside for
    // [`totals_after`].
    let mut all = CUE_FINDER
        .find_iter(text)
        .filter_map(|m| match CUES.get(m.pattern().as_usize()) {
            Some(&(w, ex)) => Some((m.start(), w, ex)),
            None => {
                let k = m.pattern().as_usize();
                if k >= FIRST_RANK_CUE {
                    ranks.push((m.start() as u32, (k - FIRST_RANK_CUE) as u8));
                } else {
                    after.push(m.start() as u32);
                }
                None
            }
        })
        .peekable();
    // The cues of one sentence.
    let mut cues: Vec<(usize, &str, bool)> = Vec::new();
    while let Some(&(q0, _, _)) = all.peek() {
        let Some((si, sr)) = sents.at(q0) else {
            all.next();
            continue;
        };
        cues.clear();
        while let Some(c) = all.next_if(|c| c.0 + c.1.len() <= sr.end) {
            cues.push(c);
        }
        if cues.is_empty() {
            all.next();
            continue;
        }
        let own = by.range(si, si);
        for (k, &(q, w, ex)) in cues.iter().enumerate() {
            let cue_end = q + w.len();
            // “其中…分别为” lists some of the total, not all of it; so does
            // a list of what the parts are said to be (`办结和回访的分别为`,
            // `涉及食品、药品的分别为`): stages of the whole or some kinds.
            if ex && text[..q].ends_with('的') {
                continue;
            }
            let ex = ex && !text[clause_before(text, sr.start, q)].contains("其中");
            let next = cues.get(k + 1).map_or(sr.end, |c| c.0);
            let lo = nums.partition_point(|n| n.range().start < cue_end);
            // Numbers are in text order: the walk stops at the next cue.
            let after = nums[clamp(own.clone(), lo, lo + WINDOW)]
                .iter()
                .take_while(|n| n.range().start < next)
                .filter(|n| {
                    n.range().start >= cue_end && n.range().end <= next && n.kind == Kind::Plain
                });
            // `其中50人以上的大规模集体访31批次`: a threshold qualifies the
            // part, it is none.
            // `其中一类案件12件`: 一类 names the part's kind, it is none.
            let Some(first) = after
                .clone()
                .find(|n| n.is_count() && !is_threshold(text, n) && !names_a_kind(text, n))
            else {
                continue;
            };
            let qualified = after.clone().any(|n| is_threshold(text, n));
            // The first part is in the clause the cue opens.
            let gap = &text[cue_end..first.range().start];
            // `分别为：甲19起，乙14起，丙16起`: after a colon, commas (after
            // 分别为) or semicolons separate the parts of a list.
            let colon_list = gap.starts_with([':', '：']);
            let gap = gap.strip_prefix([',', '，', ':', '：']).unwrap_or(gap);
            if gap.chars().any(is_clause_sep) {
                continue;
            }
            let parts: Vec<&Number> = after
                .filter(|n| {
                    n.is_count()
                        && n.unit == first.unit
                        && !is_threshold(text, n)
                        && !names_a_kind(text, n)
                })
                .collect();
            // The total: the nearest number of the same unit before the cue.
            let at_start = text[sr.start..q].trim().is_empty();
            let s0 = if at_start {
                scope_start(doc, sents, si)
            } else {
                si
            };
            let qi = nums.partition_point(|n| n.range().start < q);
            let scope = clamp(by.range(s0, si), qi.saturating_sub(WINDOW), qi);
            // A difference from a comparison ("1260人，比上年增加86人，其中…")
            // or its baseline ("1024件，较上年的742件增长38.0%，其中…") is
            // not what 其中 divides: the total is the number before it.
            let candidates = nums[scope].iter().rev().filter(|n| {
                n.range().end <= q && n.kind == Kind::Plain && n.unit == first.unit && {
                    !is_comparison_figure(text, sents, n)
                }
            });
            // Of two counts before the cue ("受理386件，调处成功379件。其中…"),
            // the one the parts add up to is the total they divide: the
            // nearest, unless the parts do not add up to it and do to one of
            // the two before it.
            let mut candidates = candidates;
            let Some(nearest) = candidates.next() else {
                continue;
            };
            let adds_up = |n: &Number| {
                leading_sums(&parts).any(|s| s.cmp_exact(n.value()) == Some(Ordering::Equal))
            };
            let total = if parts.len() < 2 || adds_up(nearest) {
                nearest
            } else {
                let earlier = [candidates.next(), candidates.next()];
                let earlier = earlier.as_slice().iter().flatten().copied();
                earlier
                    .clone()
                    .find(|n| adds_up(n))
                    .or_else(|| named_like_parts(text, sents, &parts, nearest, earlier.clone()))
                    .or_else(|| kinds_of_found(text, sents, &parts, nearest, earlier))
                    .unwrap_or(nearest)
            };
            if !total.is_exact() || !total.is_count() {
                continue;
            }
            // Read once: three tests below ask it.
            let sums_to_total = adds_up(total);
            // `新收6件，上年结转1件，其中涉企案件5件`: 其中 divides the year's
            // caseload (the new, or the new and the carried-over together),
            // not the carried-over count. Unless the parts add up to a count
            // before it (chosen above), which whole is meant is not certain.
            // (Parts that add up to it report nothing either way, and are
            // not read for the label.)
            if !sums_to_total && is_carried(text, sents, total) {
                continue;
            }
            // `由3名工作人员和1名法律顾问组成，其中…2名`: the count before the
            // cue is the last item of a list, and the whole is the list's sum
            // or a count not written; which one is not certain.
            if !sums_to_total && is_joined_item(text, nums, total) {
                continue;
            }
            // `86名，分别为律师62名、…法学专家4名。其中，女性31名`: a 其中 that
            // opens a sentence speaks of the sentence before, not of the last
            // item of a list there.
            if at_start && total.sentence() != si && is_listed_item(text, sents, total) {
                continue;
            }
            let tsent = sents.get(total.sentence());
            let tclause = clause_before(text, tsent.start, total.range().start);
            let tclause_full = tclause.start..clause_after(text, total.range().end, tsent.end).end;
            // A part followed by a noun the total does not have is a different
            // quantity ("155个，其中…52个单位").
            let w = word_after(text, first.range().end, next);
            if !w.is_empty() && !text[tclause_full.clone()].contains(w) {
                continue;
            }
            if ex {
                let lead = &text[tclause.clone()];
                // The total says it is one (共, 合计…), or the list opens
                // right after it and names what each part is (`违法行为52起，
                // 分别为超载运输19起、无证运输14起…`): a 分别为 after other
                // numbers may pair them (`受理和办结分别为52件和49件`).
                let said = ["共", "合计", "总计", "累计", "总数", "总量"]
                    .iter()
                    .any(|c| lead.contains(c));
                let right_after = matches!(text[total.range().end..q].trim(), "，" | ",")
                    && parts.len() >= 2
                    && parts.iter().all(|p| {
                        label_before(text, sents.get(p.sentence()).start, p.range().start)
                            .chars()
                            .nth(1)
                            .is_some()
                    });
                if !said && !right_after {
                    continue;
                }
            }
            let mut enum_len = 1;
            while enum_len < parts.len() {
                let b = &text[parts[enum_len - 1].range().end..parts[enum_len].range().start];
                // `分别为：甲19起，乙14起` (commas or semicolons), `其中：甲
                // 25000元；乙18000元` (semicolons only: after 其中 a comma
                // may open a clause of another kind).
                let seps: &[char] = if ex {
                    &['，', ',', '；', ';']
                } else {
                    &['；', ';']
                };
                let by_comma = colon_list
                    && b.chars().filter(|&c| is_clause_sep(c)).count() == 1
                    && b.contains(seps);
                if !by_comma
                    && (b.chars().any(is_clause_sep)
                        || !(b.contains('、') || b.contains('和') || b.contains('及')))
                {
                    break;
                }
                enum_len += 1;
            }
            let tlead = &text[tclause.clone()];
            // The parts are the total's categories when each has its own
            // label of two or more characters, named in the total's clause
            // (read one part at a time, up to the first that is not).
            let categories = parts.len() >= 2 && {
                let mut labels: Vec<&str> = Vec::with_capacity(parts.len());
                parts.iter().all(|p| {
                    let l = label_before(text, sents.get(p.sentence()).start, p.range().start);
                    let ok =
                        l.chars().nth(1).is_some() && tlead.contains(l) && !labels.contains(&l);
                    labels.push(l);
                    ok
                })
            };
            let is_change = tlead
                .chars()
                .next_back()
                .is_some_and(|c| CHANGE_VERB_ENDS.contains(&c))
                && CHANGE_VERBS.iter().any(|v| ends_with_word(tlead, v));
            // `全体居民人均可支配收入17268元，其中，城镇居民人均可支配收入
            // 22964元`: an average is no whole its groups add up to, and a
            // group's average may well be above it. Parts that add up to
            // the total report nothing, average or not (no part is above
            // it, and A002 finds the sum right), so the words are read only
            // for the lists that do not.
            if !sums_to_total
                && (names_average(&text[tclause.clone()])
                    || names_average(&text[clause_before(text, sr.start, first.range().start)]))
            {
                continue;
            }
            each(PartList {
                exhaustive_cue: ex,
                total,
                parts,
                enum_len,
                categories,
                is_change,
                qualified,
            });
        }
    }
}

/// Whether a clause names an average (`人均可支配收入`, `职工年平均工资`,
/// `户均`, `日均`): a figure per person, household or day, not a whole.
/// The words are 人均, 平均, 户均, 亩均, 日均, 月均, 年均, 均价, 均值 and 每人.
/// This runs for every list of parts, so it looks only at the places where
/// a 均 or a 每 ends (their last bytes, 0x87 and 0x8F, are rare in Chinese
/// text) and reads the characters on either side; ten substring searches
/// per clause cost more than all of A002's other tests.
fn names_average(clause: &str) -> bool {
    let b = clause.as_bytes();
    memchr::memchr2_iter(0x87, 0x8F, b).any(|end| {
        let Some(start) = end.checked_sub(2) else {
            return false;
        };
        let before = clause.get(..start).and_then(|s| s.chars().next_back());
        let after = clause.get(end + 1..).and_then(|s| s.chars().next());
        match clause.get(start..end + 1) {
            Some("均") => {
                matches!(before, Some('人' | '平' | '户' | '亩' | '日' | '月' | '年'))
                    || matches!(after, Some('价' | '值'))
            }
            Some("每") => after == Some('人'),
            _ => false,
        }
    })
}

/// Of the counts before the nearest one (`earlier`), the one the parts are
/// kinds of, when the parts add up to none: every part's label ends with
/// the same noun of two characters (`婚姻家庭纠纷`, `邻里纠纷`: 纠纷), the
/// label of exactly one earlier count ends with it too (`受理矛盾纠纷5230件`)
/// and the nearest's does not (`调解成功4968件`). The finding then names the
/// whole the parts divide.
fn named_like_parts<'n>(
    text: &str,
    sents: &Sentences,
    parts: &[&Number],
    nearest: &Number,
    earlier: impl Iterator<Item = &'n Number>,
) -> Option<&'n Number> {
    let label = |n: &Number| label_before(text, sents.get(n.sentence()).start, n.range().start);
    // The noun of the first part's label (which has more than the noun),
    // then the totals' labels, then the other parts' (most lists stop
    // before them).
    let first = label(parts.first()?);
    let at = first.char_indices().rev().nth(1)?.0;
    let tail = &first[at..];
    if at == 0 || label(nearest).ends_with(tail) {
        return None;
    }
    let mut named = earlier.filter(|n| label(n).ends_with(tail));
    let (Some(total), None) = (named.next(), named.next()) else {
        return None;
    };
    parts[1..]
        .iter()
        .all(|p| {
            let l = label(p);
            l.ends_with(tail) && l.len() > tail.len()
        })
        .then_some(total)
}

/// Whether count `n` is a threshold that qualifies what follows it rather
/// than a count: `50人以上的大规模集体访`, `标的额100万元以上的案件`, `3件以下的`
/// (以上, 以下, 以内, also after 及 or （含）, then a noun or 的), `超过50人的`
/// (an approximate count, then 的).
fn is_threshold(text: &str, n: &Number) -> bool {
    let rest = &text[n.range().end..];
    // Most figures are followed by none of 以 (E4 BB A5), 及 (E5 8F 8A),
    // 的 (E7 9A 84), （ (EF BC 88) or `(`: their first byte says so.
    if !rest
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, 0xE4 | 0xE5 | 0xE7 | 0xEF | b'('))
    {
        return false;
    }
    let rest = ["（含）", "(含)", "及"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    match ["以上", "以下", "以内"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    {
        Some(r) => r
            .chars()
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        None => n.approx && rest.starts_with('的'),
    }
}

/// Whether number `n` is the numeral of a kind's name (`一类案件12件`,
/// `2类问题5个`: class one, class two), not a count of kinds: it is a number
/// of 类 followed by a noun of at most six characters and then a figure.
/// Such kinds are separate, and the figures after them are the parts.
#[inline]
fn names_a_kind(text: &str, n: &Number) -> bool {
    n.unit == Some(Unit::KIND) && kind_name_follows(text, n)
}

/// Whether a noun of at most six characters and then a figure follow
/// number `n` (see [`names_a_kind`]).
fn kind_name_follows(text: &str, n: &Number) -> bool {
    let rest = &text[n.range().end..];
    let noun = rest
        .char_indices()
        .take(7)
        .find(|&(_, c)| !('\u{4e00}'..='\u{9fff}').contains(&c))
        .map_or(rest.len(), |(i, _)| i);
    (1..=6 * 3).contains(&noun)
        && rest[noun..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
}

/// Of the counts before the nearest one (`earlier`), the one the parts are
/// kinds of, when the parts add up to none: every part is named a kind
/// (`制度落实类`, `其他类`), the nearest count is a stage already reached
/// (`已整改到位63个`, its label says 已 or 到位) and the count before it is
/// not (`共发现问题87个`): the kinds divide what was found, not what has
/// been done about it so far.
fn kinds_of_found<'n>(
    text: &str,
    sents: &Sentences,
    parts: &[&Number],
    nearest: &Number,
    mut earlier: impl Iterator<Item = &'n Number>,
) -> Option<&'n Number> {
    let label = |n: &Number| label_before(text, sents.get(n.sentence()).start, n.range().start);
    let stage = |l: &str| l.contains('已') || l.contains("到位");
    let kinds = parts.iter().all(|p| {
        let l = label(p);
        l.ends_with('类') && l.chars().nth(1).is_some()
    });
    if !kinds || !stage(label(nearest)) {
        return None;
    }
    earlier.next().filter(|n| !stage(label(n)))
}

/// Whether count `n` is joined to a count of the same unit before it in its
/// sentence and clause by 和, 及, 与 or 、 (`3名工作人员和1名法律顾问`): an item of a list.
fn is_joined_item(text: &str, nums: &[Number], n: &Number) -> bool {
    let i = nums.partition_point(|m| m.range().start < n.range().start);
    let Some(prev) = nums[..i]
        .iter()
        .rev()
        .take_while(|m| m.sentence() == n.sentence())
        .find(|m| m.unit == n.unit && m.is_count())
    else {
        return false;
    };
    let Some(gap) = text.get(prev.range().end..n.range().start) else {
        return false;
    };
    !gap.is_empty()
        && gap.chars().count() <= 20
        && !gap.chars().any(is_clause_sep)
        && gap.contains(['和', '及', '与', '、'])
}

/// Whether number `n` is an item of a list: its label follows a 、.
fn is_listed_item(text: &str, sents: &Sentences, n: &Number) -> bool {
    let floor = sents.get(n.sentence()).start;
    let label = label_before(text, floor, n.range().start);
    let at = n.range().start - label.len();
    text[floor..at].ends_with('、')
}

/// Whether `parts` are the three sectors of an economy, in order (`第一产业
/// 增加值98.4亿元、第二产业增加值352.7亿元、第三产业增加值461.2亿元`, also
/// 一产、二产、三产, and with the sectors in clauses of their own, after a
/// comma or a semicolon): all three listed, they make up the whole.
fn three_sectors(text: &str, parts: &[&Number]) -> bool {
    parts.len() == 3
        && ["一产", "二产", "三产"].iter().zip(parts).all(|(w, p)| {
            label_before(text, p.range().start.saturating_sub(60), p.range().start).contains(w)
        })
}

/// What names people by what they are or have rather than by a share of
/// them: parts so named may overlap (a woman may be a party member, a
/// certified officer may have studied law). Cases named by what they
/// involve (`涉企案件`) are read by [`names_involved`].
const ATTRIBUTES: [&str; 17] = [
    "党员",
    "女性",
    "男性",
    "女干部",
    "少数民族",
    "资格",
    "学历",
    "学位",
    "本科",
    "研究生",
    "岁以下",
    "岁以上",
    "具有",
    "具备",
    "持有",
    "持证",
    "取得",
];

/// What names the newcomers of a stock: `其中新增20名` counts some of the
/// same people that another part (`派驻乡镇45名`) counts.
const NEW: &str = "新增";

/// Whether a part is named by what a person is or has (`中共党员`, `女性`,
/// `具有法律职业资格的`, `持证执法人员`), or some parts but not all are the
/// newcomers (`其中新增20名、派驻乡镇45名`): such parts may overlap, and
/// their sum may pass the total. Asked only of parts whose sum does. Parts
/// that are all new (`新增企业400户、新增个体户700户`) still add up.
fn overlapping(text: &str, l: &PartList<'_>, parts: &[&Number]) -> bool {
    let labels: Vec<&str> = parts
        .iter()
        .map(|p| label_before(text, l.total.range().end, p.range().start))
        .collect();
    let new = labels.iter().filter(|label| label.contains(NEW)).count();
    (new > 0 && new < labels.len())
        || labels
            .iter()
            .any(|label| ATTRIBUTES.iter().any(|a| label.contains(a)) || names_involved(label))
}

/// Whether a label names what the items involve (`涉企案件`, `涉农纠纷`,
/// `涉及食品的`): such a kind may take in items of the others. 涉嫌 (`移送
/// 涉嫌犯罪案件`, a stage of enforcement that every report lists beside the
/// others) names no such kind.
fn names_involved(label: &str) -> bool {
    label
        .match_indices('涉')
        .any(|(i, w)| !label[i + w.len()..].starts_with('嫌'))
}

/// The sums of the first two, three … parts, while they are exact.
fn leading_sums<'p>(parts: &'p [&Number]) -> impl Iterator<Item = Dec> + 'p {
    parts
        .iter()
        .scan(Some(Dec::ZERO), |run, p| {
            *run = run.filter(|_| p.is_exact())?.checked_add(p.value());
            *run
        })
        .skip(1)
}

fn sum_text(text: &str, parts: &[&Number]) -> String {
    parts
        .iter()
        .map(|p| p.shown(text))
        .collect::<Vec<_>>()
        .join(" + ")
}

pub fn find(doc: &Document<'_>, nums: &[Number], lists: &PartLists, out: &mut Checks) {
    find_lists(doc, nums, lists, out);
}

/// The totals written after their parts, for [`super::trace`].
pub fn find_after(
    doc: &Document<'_>,
    sents: &Sentences,
    nums: &[Number],
    lists: &PartLists,
    out: &mut Checks,
) {
    totals_after(doc, sents, nums, lists, out);
}

fn find_lists(doc: &Document<'_>, nums: &[Number], lists: &PartLists, out: &mut Checks) {
    let text = doc.text;
    lists.iter(nums).for_each(|l| {
        if l.is_change || l.qualified || l.parts.len() < 2 && !l.exhaustive_cue {
            return;
        }
        let t = l.total;
        let ttext = &*t.shown(text);
        // Consistent when some leading run of parts adds up to the total.
        let mut run = Dec::ZERO;
        let mut matched = None;
        for (i, p) in l.parts.iter().enumerate() {
            if !p.is_exact() {
                break;
            }
            let Some(r) = run.checked_add(p.value()) else {
                break;
            };
            run = r;
            if i >= 1 && run.cmp_exact(t.value()) == Some(Ordering::Equal) {
                matched = Some(i + 1);
                break;
            }
        }
        if let Some(n) = matched {
            let parts = &l.parts[..n];
            out.ok(
                CheckKind::PartSum,
                t.range().start..parts[n - 1].range().end,
                || format!("{} = {ttext}", sum_text(text, parts)),
            );
            return;
        }
        // The three sectors joined by 、, or one to a clause (`第一产业增加值
        // 98.4亿元，增长3.5%；第二产业增加值…`): the first three parts.
        let listed = if l.enum_len == 1 && l.parts.len() >= 3 {
            &l.parts[..3]
        } else {
            &l.parts[..l.enum_len]
        };
        let sectors = three_sectors(text, listed);
        let (parts, exhaustive) = if l.exhaustive_cue {
            (&l.parts[..l.enum_len], true)
        } else if l.categories {
            (&l.parts[..], true)
        } else if sectors {
            (listed, true)
        } else {
            (&l.parts[..l.enum_len], false)
        };
        if parts.len() < 2 || parts.iter().any(|p| !p.is_exact()) {
            return;
        }
        let Some(s) = sum(parts) else { return };
        // Rounded figures (`98.4亿元`) may miss the total by their rounding
        // (`915.3亿元`): a difference within it is no finding.
        let Some(slack) = parts
            .iter()
            .try_fold(t.rounding(), |acc, p| acc.checked_add(p.rounding()))
        else {
            return;
        };
        let beyond = |a: Dec, b: Dec| {
            a.checked_sub(b)
                .and_then(|d| d.cmp_exact(slack))
                .is_some_and(|o| o == Ordering::Greater)
        };
        let ord = match s.cmp_exact(t.value()) {
            Some(Ordering::Greater) if !beyond(s, t.value()) => None,
            Some(Ordering::Less) if !beyond(t.value(), s) => None,
            o => o,
        };
        // Written for a finding only.
        let note = || {
            format!(
                "{} = {}，总数为{ttext}",
                sum_text(text, parts),
                t.in_terms_of_like(text, s)
            )
        };
        let range = t.range().start..parts[parts.len() - 1].range().end;
        match ord {
            // A part as large as the total (`排查和化解860件，其中排查860件，
            // 化解842件`): the parts are stages of the same items.
            Some(Ordering::Greater)
                if !overlapping(text, &l, parts)
                    && !parts
                        .iter()
                        .any(|p| p.value().cmp_exact(t.value()) == Some(Ordering::Equal)) =>
            {
                out.push(
                    Check::bad(
                        CheckKind::PartSum,
                        range,
                        format!("分项之和{}大于总数{ttext}", t.in_terms_of_like(text, s)),
                        note(),
                    )
                    .label(t.range(), "总数"),
                );
            }
            Some(Ordering::Less) if exhaustive => {
                let why = if l.exhaustive_cue {
                    "“分别为”列出的分项之和"
                } else if sectors && !l.categories {
                    "三次产业之和"
                } else {
                    "分项是总数所列的各类，其和"
                };
                out.push(
                    Check::bad(
                        CheckKind::PartSum,
                        range,
                        format!("{why}{}不等于总数{ttext}", t.in_terms_of_like(text, s)),
                        note(),
                    )
                    .label(t.range(), "总数"),
                );
            }
            _ => {}
        }
    });
}

/// Where the item of a list whose figure starts at `pos` starts: after the
/// 、, 和 or 及 that joins it to the item before, a clause separator or a
/// figure's digits (never before `floor`).
fn item_start(text: &str, floor: usize, pos: usize) -> usize {
    let floor = super::common::near_floor(text, floor, pos);
    text[floor..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            is_clause_sep(c)
                || matches!(c, '、' | '和' | '及' | '%' | '％' | '。')
                || c.is_ascii_digit()
                || c.is_whitespace()
        })
        .map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// What joins two parts of one list.
fn joins_parts(gap: &str) -> bool {
    matches!(gap, "、" | "和" | "及")
}

/// Whether `s`, the words after a part's 量词 (`县（市、区）`, `市直部门`),
/// reads as the noun of that part alone: one to eight Chinese characters
/// besides a bracket without figures, no 的 (`部门的执法案卷` counts
/// something else), no 和, 及, 等 or 其他 (the list goes on without a
/// figure).
fn part_noun(s: &str) -> bool {
    let mut depth = 0u8;
    let mut n = 0;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if c.is_ascii_digit() || is_clause_sep(c) || c == '。' => return false,
            _ if depth > 0 => {}
            '的' | '和' | '及' | '等' => return false,
            _ if ('\u{4e00}'..='\u{9fff}').contains(&c) => n += 1,
            _ => return false,
        }
    }
    depth == 0 && (1..=8).contains(&n) && !s.contains("其他") && !s.contains("其它")
}

/// Nouns a total may name the things its parts count together by: `12个县
/// 和28个市直部门，共42个单位`.
const COVER_NOUNS: [&str; 4] = ["单位", "机构", "主体", "对象"];

/// The parts of a list written number–量词–noun (`12个县（市、区）和28个
/// 市直部门`), the last noun ending at `sep`, joined by 、, 和 or 及, when
/// the total after them counts the same things (from the last part to the
/// first): nothing after its 量词, a
/// noun naming the parts together (`单位`), or the two characters every
/// part's noun ends with (`部门` after `市直部门`, `县直部门`). Also
/// whether a part of another unit is joined to the list (which makes it no
/// list of the total's parts).
fn nouns_after<'n>(
    text: &str,
    total: &Number,
    before: &'n [Number],
    sep: usize,
) -> Option<(Vec<&'n Number>, bool)> {
    let (last, rest) = before.split_last()?;
    let last_noun = &text[last.range().end..sep];
    if !part_noun(last_noun) {
        return None;
    }
    let mut parts = vec![last];
    let mut nouns = vec![last_noun];
    let mut mixed = false;
    for prev in rest.iter().rev() {
        let gap = &text[prev.range().end..parts[parts.len() - 1].range().start];
        let Some(noun) = gap
            .strip_suffix("以及")
            .or_else(|| gap.strip_suffix(['、', '和', '及']))
        else {
            break;
        };
        if !part_noun(noun) {
            break;
        }
        if prev.unit != total.unit || prev.kind != Kind::Plain {
            mixed = true;
            break;
        }
        parts.push(prev);
        nouns.push(noun);
    }
    let named = &text[total.range().end..];
    let tail = last_noun
        .char_indices()
        .rev()
        .nth(1)
        .map(|(i, _)| &last_noun[i..])
        .filter(|t| !t.contains(['（', '）', '(', ')']) && nouns.iter().all(|n| n.ends_with(t)));
    let same = named
        .chars()
        .next()
        .is_none_or(|c| !('\u{4e00}'..='\u{9fff}').contains(&c))
        || COVER_NOUNS.iter().any(|w| named.starts_with(w))
        || tail.is_some_and(|t| named.starts_with(t));
    (parts.len() >= 2 && same || mixed).then_some((parts, mixed))
}

/// Totals written after their parts: `定点医院12家、定点药店31家、村卫生室
/// 9家，合计55家` (also 共计, 总计, 共, 一共, 总共). The parts are the
/// numbers of the total's unit joined by 、 (和, 及) in the clause right
/// before it, the last one ending that clause; the list then holds every
/// part, and the total must be their sum. Nothing is checked when the
/// clause holds another number of that unit before the list, when a
/// part is approximate, or when the list goes on without a figure
/// (`9家等`, `及其他`); a sum that does not hold is not reported when a part
/// is carried over from last year (`上年结转3件`) or new (`新增`), as the
/// total may then count something else.
fn totals_after(
    doc: &Document<'_>,
    sents: &Sentences,
    nums: &[Number],
    lists: &PartLists,
    out: &mut Checks,
) {
    let text = doc.text;
    for &q in &lists.after {
        let q = q as usize;
        // 共 alone, before a digit; the others are two characters.
        let cue_len = if text[q..].starts_with('共') && !text[q..].starts_with("共计") {
            '共'.len_utf8()
        } else {
            2 * '共'.len_utf8()
        };
        let cue = &text[q..q + cue_len];
        // The comma before the cue; without one, only a list of parts
        // written number–量词–noun is read (`12个县区、28个市直部门共42个`),
        // never 公共 (`公共4…`).
        let comma = text[..q]
            .strip_suffix('，')
            .or_else(|| text[..q].strip_suffix(','))
            .map(str::len);
        if comma.is_none() && text[..q].ends_with(['公', '，', ',']) {
            continue;
        }
        let sep = comma.unwrap_or(q);
        let mut at = q + cue_len;
        for w in ["为", "达", "有"] {
            if text[at..].starts_with(w) {
                at += w.len();
                break;
            }
        }
        let k = nums.partition_point(|n| n.range().start < at);
        let Some(total) = nums.get(k).filter(|n| n.range().start == at) else {
            continue;
        };
        if !total.is_count() || !total.is_exact() {
            continue;
        }
        let floor = sents.get(total.sentence()).start;
        let clause = clause_before(text, floor, sep);
        // The parts, from the last, which ends the clause.
        let lo = nums.partition_point(|n| n.range().start < clause.start);
        let before = &nums[lo.max(k.saturating_sub(WINDOW))..k];
        let Some(last) = before.last() else { continue };
        let mut parts: Vec<&Number> = vec![last];
        let mut first_label = last.range().start;
        let mut mixed = false;
        if last.range().end != sep {
            // `12个县（市、区）和28个市直部门，共42个单位`: each part's noun
            // after its 量词.
            match nouns_after(text, total, before, sep) {
                Some((p, m)) => (parts, mixed) = (p, m),
                None => continue,
            }
            first_label = parts[parts.len() - 1].range().start;
        } else if comma.is_none() {
            continue;
        }
        if last.range().end == sep {
            loop {
                let cur = parts[parts.len() - 1];
                first_label = item_start(text, clause.start, cur.range().start);
                let Some(prev) = before.iter().rev().find(|n| n.range().end <= first_label) else {
                    break;
                };
                if !joins_parts(&text[prev.range().end..first_label]) {
                    break;
                }
                if prev.unit != total.unit || prev.kind != Kind::Plain {
                    mixed = true;
                    break;
                }
                parts.push(prev);
            }
        }
        parts.reverse();
        if mixed
            || parts.len() < 2
            || parts.iter().any(|p| !p.is_exact() || !p.is_count())
            || parts.iter().any(|p| p.unit != total.unit)
            || before
                .iter()
                .any(|n| n.range().end <= first_label && n.unit == total.unit)
        {
            continue;
        }
        let Some(s) = sum(&parts) else { continue };
        let ttext = &*total.shown(text);
        let range = parts[0].range().start..total.range().end;
        let Some(slack) = parts
            .iter()
            .try_fold(total.rounding(), |acc, p| acc.checked_add(p.rounding()))
        else {
            continue;
        };
        let off = s
            .checked_sub(total.value())
            .map(|d| Dec {
                m: d.m.abs(),
                scale: d.scale,
            })
            .and_then(|d| d.cmp_exact(slack));
        match off {
            Some(Ordering::Greater) => {}
            Some(_) => {
                out.ok(CheckKind::PartSum, range, || {
                    format!("{} = {cue}{ttext}", sum_text(text, &parts))
                });
                continue;
            }
            None => continue,
        }
        // A total of the year's caseload, or of a stock, may count other
        // items than the ones listed.
        if parts.iter().any(|p| {
            is_carried(text, sents, p)
                || ["新增", "新建", "新收"]
                    .iter()
                    .any(|w| label_before(text, floor, p.range().start).contains(w))
        }) {
            continue;
        }
        out.push(
            Check::bad(
                CheckKind::PartSum,
                range,
                format!(
                    "分项之和{}不等于其后写出的{cue}{ttext}",
                    total.in_terms_of_like(text, s)
                ),
                format!(
                    "{} = {}，{cue}写作{ttext}",
                    sum_text(text, &parts),
                    total.in_terms_of_like(text, s)
                ),
            )
            .label(total.range(), "总数"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::names_average;

    #[test]
    fn averages_are_named_by_each_word_and_nothing_else() {
        for clause in [
            "全体居民人均可支配收入",
            "职工年平均工资",
            "户均增收",
            "亩均税收",
            "日均办件量",
            "月均受理",
            "年均增长",
            "商品房均价",
            "指标均值",
            "每人每年",
        ] {
            assert!(names_average(clause), "{clause}");
        }
        for clause in [
            "均衡发展",
            "均等化服务",
            "受理案件",
            "每年",
            "人口",
            "平等保护",
            "均为",
        ] {
            assert!(!names_average(clause), "{clause}");
        }
    }

    /// A002's findings on `t`, linted as a plain-text draft.
    fn lint(t: &str) -> usize {
        crate::testing::engine_selecting("A002")
            .lint(std::path::Path::new("draft.txt"), t)
            .expect("lint")
            .diagnostics
            .len()
    }

    /// Kinds named by a numeral (`一类案件`) and sectors one to a clause,
    /// cut anywhere, are read without a panic.
    #[test]
    fn kinds_and_sectors_cut_anywhere_are_read_safely() {
        for t in [
            "共受理案件64件，其中一类案件15件、二类案件41件、三类案件11件。",
            "其中一类",
            "生产总值1286.4亿元，其中第一产业增加值142.7亿元；第二产业增加值468.3亿元；第三产业增加值665.2亿元",
        ] {
            for (at, _) in t.char_indices().skip(1) {
                lint(&t[..at]);
            }
        }
        assert_eq!(
            lint("共受理案件64件，其中一类案件15件、二类案件41件、三类案件11件。"),
            1
        );
    }
}
