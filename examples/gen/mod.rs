//! Synthetic 公文 drafts for gwlint's benchmark.
//!
//! Shared by `examples/gen_corpus.rs` (writes a corpus to disk) and
//! `benches/pipeline.rs` (builds one draft in memory) through `#[path]`.
//!
//! Every sentence template here was written for this generator: 法治政府建设
//! 年度报告 and 通知 with headings (一、/（一）/1./（1）), ordinal runs (一是…二是…),
//! rates with their counts, totals with their parts, dates, 发文字号 (some with
//! the wrong brackets or a stray 第), ranges, amounts, and both punctuation
//! styles: full-width and NFKC-folded (，：（）；→ , : ( ) ;). Some figures are
//! consistent and some are not, some dates are impossible, so every rule family
//! has work to do. Output is a pure function of the seed.

#![allow(dead_code)]

use std::fmt::Write as _;

use fastrand::Rng;

/// Punctuation style of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// ，：（）；as typed in a word processor.
    Full,
    /// The same text after NFKC folding, as in web captures: , : ( ) ;
    Folded,
}

/// What kind of draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 法治政府建设年度报告.
    Report,
    /// 通知 (issuing a 工作要点 or 实施方案).
    Notice,
}

const CITIES: &[&str] = &[
    "江州市",
    "临川市",
    "青山区",
    "云溪县",
    "东湖市",
    "白石县",
    "龙泉市",
    "桂湖区",
    "清河县",
    "宁远市",
    "安澜区",
    "松原县",
    "凤鸣市",
    "金沙县",
    "南屏区",
];

const DEPTS: &[&str] = &[
    "司法局",
    "市场监督管理局",
    "生态环境局",
    "自然资源局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "应急管理局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
];

const ORGANS: &[&str] = &[
    "江政发",
    "江政办发",
    "临司发",
    "青府办",
    "云政规",
    "东法治委发",
    "白政函",
    "龙政办函",
    "桂司通",
    "宁府发",
];

const TOPICS_L1: &[&str] = &[
    "加强党对法治政府建设的领导",
    "依法全面履行政府职能",
    "完善依法行政制度体系",
    "推进行政决策科学化、民主化、法治化",
    "坚持严格规范公正文明执法",
    "强化对行政权力的制约和监督",
    "依法有效化解社会矛盾纠纷",
    "全面提升政府工作人员法治思维和依法行政能力",
    "加快推进数字法治政府建设",
    "存在的问题和不足",
    "下一年度工作安排",
];

const TOPICS_L2: &[&str] = &[
    "深化“放管服”改革",
    "持续优化法治化营商环境",
    "加强规范性文件监督管理",
    "严格落实重大行政决策程序",
    "全面推行行政执法“三项制度”",
    "加强行政复议和行政应诉工作",
    "深入开展普法宣传教育",
    "健全行政执法协调监督机制",
    "推进政务公开标准化规范化",
    "加强公共法律服务体系建设",
    "规范涉企行政检查",
    "落实党政主要负责人履行推进法治建设第一责任人职责",
];

const TOPICS_L3: &[&str] = &[
    "健全工作机制",
    "压实主体责任",
    "强化督促检查",
    "加强队伍建设",
    "推进信息共享",
    "完善考核评价",
    "做好宣传引导",
];

const MEETINGS: &[&str] = &[
    "政府常务会议",
    "全面依法治市委员会会议",
    "法治政府建设推进会",
    "行政执法工作座谈会",
    "规范性文件审查工作培训会",
];

const DOCS: &[&str] = &[
    "法治政府建设实施方案",
    "重大行政决策程序规定",
    "行政规范性文件管理办法",
    "行政执法公示办法",
    "优化营商环境若干措施",
    "行政复议体制改革实施方案",
    "法治政府建设工作要点",
    "行政执法责任制实施办法",
];

const FILLER: &[&str] = &[
    "坚持以人民为中心的发展思想，把法治政府建设贯穿于政府工作全过程和各方面。",
    "各部门主要负责人切实履行推进法治建设第一责任人职责，做到重要工作亲自部署、重大问题亲自过问。",
    "把法治政府建设纳入年度绩效考核，考核结果作为领导班子和领导干部评价的重要依据。",
    "严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。",
    "推动行政执法信息平台与政务服务平台互联互通，实现执法数据实时归集。",
    "认真办理人大代表建议和政协委员提案，办理结果及时向社会公开。",
    "对照上级督察反馈意见逐项建立整改台账，明确责任单位和完成时限。",
    "部分基层执法人员法治意识还不够强，执法程序不够规范的问题仍然存在。",
    "法治宣传教育的针对性和实效性有待进一步增强。",
    "下一步，我们将持续深化法治政府建设，为经济社会高质量发展提供有力法治保障。",
    "健全行政裁量权基准制度，细化量化裁量范围、种类和幅度。",
    "充分发挥法律顾问和公职律师在重大行政决策中的参谋助手作用。",
];

const ORDINALS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

const ACTIONS: &[&str] = &[
    "完善制度机制，及时修订内部管理规定",
    "加强业务培训，提升执法人员专业能力",
    "强化监督检查，定期通报工作进展",
    "推进数据共享，减少群众重复提交材料",
    "落实整改责任，建立问题清单和责任清单",
    "拓宽公众参与渠道，广泛听取各方意见",
];

/// Chinese numeral for 1..=99.
pub fn cn_num(n: usize) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        _ if n.is_multiple_of(10) => format!("{}十", D[(n / 10) % 10]),
        _ => format!("{}十{}", D[(n / 10) % 10], D[n % 10]),
    }
}

/// The NFKC folding of the punctuation gwlint reads in both forms.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '；' => ';',
            '！' => '!',
            '？' => '?',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// A generator of drafts; one per file, seeded.
pub struct Gen {
    pub rng: Rng,
    pub style: Style,
    pub year: u32,
    pub city: &'static str,
}

impl Gen {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng::with_seed(seed);
        let style = if rng.u8(0..10) < 6 {
            Style::Full
        } else {
            Style::Folded
        };
        let year = rng.u32(2015..=2024);
        let city = *pick(&mut rng, CITIES);
        Gen {
            rng,
            style,
            year,
            city,
        }
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        *pick(&mut self.rng, xs)
    }

    /// A percentage written with up to two decimals.
    fn pct(x: f64) -> String {
        let s = format!("{x:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }

    /// A date; about one in forty is impossible (2月30日, 4月31日, 13月).
    pub fn date(&mut self) -> String {
        let y = if self.chance(80) {
            self.year
        } else {
            self.year + 1
        };
        if self.chance(3) {
            let (m, d) = self.pick(&[
                (2, 30),
                (2, 29),
                (4, 31),
                (6, 31),
                (9, 31),
                (11, 31),
                (13, 5),
            ]);
            return format!("{y}年{m}月{d}日");
        }
        let m = self.rng.u32(1..=12);
        let max = match m {
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let d = self.rng.u32(1..=max);
        format!("{y}年{m}月{d}日")
    }

    /// A 发文字号; about one in eight is malformed.
    pub fn docnum(&mut self) -> String {
        let organ = self.pick(ORGANS);
        let y = self.year - self.rng.u32(0..3);
        let n = self.rng.u32(1..=150);
        match self.rng.u8(0..100) {
            0..=3 => format!("{organ}[{y}]{n}号"),
            4..=6 => format!("{organ}（{y}）{n}号"),
            7..=8 => format!("{organ}【{y}】{n}号"),
            9..=10 => format!("{organ}〔{y}〕第{n}号"),
            11 => format!("{organ}〔{y}〕{n:03}号"),
            _ => format!("{organ}〔{y}〕{n}号"),
        }
    }

    /// A range of years, days or percentages in one of the marks drafters use.
    fn range(&mut self) -> String {
        let mark = self.pick(&["—", "-", "－", "～", "~", "至"]);
        match self.rng.u8(0..3) {
            0 => format!(
                "{}{mark}{}年",
                self.year - 1,
                self.year + 1 + self.rng.u32(0..4)
            ),
            1 => {
                let a = self.rng.u32(3..10);
                format!("{a}{mark}{}个工作日", a + self.rng.u32(2..10))
            }
            _ => {
                let a = self.rng.u32(5..40);
                format!("{a}%{mark}{}%", a + self.rng.u32(5..30))
            }
        }
    }

    /// One sentence of running text (full-width punctuation; folded later).
    pub fn sentence(&mut self) -> String {
        let city = self.city;
        match self.rng.u8(0..15) {
            0 | 1 => {
                // A rate with its counts.
                let n = self.rng.u32(20..5000);
                let m = self.rng.u32(n / 2..=n);
                let mut p = f64::from(m) * 100.0 / f64::from(n);
                if self.chance(15) {
                    p = (p - 0.5 - self.rng.f64() * 4.0).max(1.0);
                }
                let (what, done, rate) = self.pick(&[
                    ("受理行政复议申请", "审结", "审结率"),
                    ("办理政务服务事项", "网上办理", "网办率"),
                    ("开展行政执法检查", "按时办结", "办结率"),
                    ("受理群众来信来访", "按期答复", "按期答复率"),
                ]);
                format!("全年共{what}{n}件，{done}{m}件，{rate}{}%。", Self::pct(p))
            }
            2 | 3 => {
                // A total with its parts.
                let a = self.rng.u32(1..300);
                let b = self.rng.u32(1..300);
                let c = self.rng.u32(0..100);
                let mut t = a + b + c;
                if self.chance(15) {
                    t += self.rng.u32(1..20);
                }
                let (verb, unit, parts) = self.pick(&[
                    ("开展执法检查", "次", ["日常检查", "专项检查", "联合检查"]),
                    (
                        "审查规范性文件",
                        "件",
                        ["市政府文件", "部门文件", "乡镇文件"],
                    ),
                    ("组织法治培训", "场", ["集中培训", "专题讲座", "网络培训"]),
                    ("化解矛盾纠纷", "起", ["劳动争议", "邻里纠纷", "合同纠纷"]),
                ]);
                format!(
                    "{}共{verb}{t}{unit}，其中{}{a}{unit}、{}{b}{unit}、{}{c}{unit}。",
                    self.pick(&["全年", "年内", "报告期内"]),
                    parts[0],
                    parts[1],
                    parts[2]
                )
            }
            4 | 5 => {
                let d = self.date();
                let meeting = self.pick(MEETINGS);
                let doc = self.pick(DOCS);
                format!("{d}，{city}召开{meeting}，审议通过《{city}{doc}》。")
            }
            6 | 7 => {
                let doc = self.pick(DOCS);
                let n = self.docnum();
                format!(
                    "印发《{city}{doc}》（{n}），明确{}项重点任务。",
                    self.rng.u32(5..60)
                )
            }
            8 => {
                // An ordinal run; sometimes one is skipped.
                let k = self.rng.usize(2..=4);
                let skip = if self.chance(10) {
                    Some(self.rng.usize(1..k))
                } else {
                    None
                };
                let mut s = String::new();
                let mut o = 0;
                for i in 0..k {
                    if Some(i) == skip {
                        o += 1;
                    }
                    let _ = write!(s, "{}是{}", ORDINALS[o], self.pick(ACTIONS));
                    s.push(if i + 1 == k { '。' } else { '；' });
                    o += 1;
                }
                s
            }
            9 => {
                let r = self.range();
                format!("按照{r}的工作安排，分阶段推进各项任务落实。")
            }
            10 => {
                let x = self.rng.u32(10..5000);
                let p = Self::pct(self.rng.f64() * 30.0);
                format!(
                    "落实法治政府建设经费{x}万元，同比增长{p}%，其中用于执法装备{}万元。",
                    self.rng.u32(1..=x)
                )
            }
            11 => {
                let p = Self::pct(self.rng.f64() * 10.0);
                let q = Self::pct(self.rng.f64() * 3.0);
                format!("行政诉讼案件败诉率为{p}%，较上年下降{q}个百分点。")
            }
            12 => {
                let n = self.rng.u32(2..30);
                let m = self.rng.u32(100..20000);
                format!(
                    "组织领导干部集中学法{n}次，参训{m}人次，年度考试参考率{}%。",
                    self.rng.u32(90..=100)
                )
            }
            _ => self.pick(FILLER).to_string(),
        }
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        let mut p = String::new();
        for _ in 0..sentences {
            p.push_str(&self.sentence());
        }
        p
    }

    /// Apply the draft's punctuation style; a full-width draft sometimes has
    /// a stray half-width comma between two Han characters.
    fn styled(&mut self, s: String) -> String {
        match self.style {
            Style::Folded => fold(&s),
            Style::Full => {
                if self.chance(5) {
                    s.replacen('，', ",", 1)
                } else {
                    s
                }
            }
        }
    }

    fn line(&mut self, out: &mut String, s: String) {
        let s = self.styled(s);
        out.push_str(&s);
        out.push('\n');
    }

    /// A whole draft of at least `target` bytes (it stops at the first
    /// section boundary past the target).
    pub fn draft(&mut self, kind: Kind, target: usize) -> String {
        let mut out = String::with_capacity(target + 4096);
        let y = self.year;
        let city = self.city;
        let indent = if self.chance(50) { "　　" } else { "" };
        if self.chance(20) {
            out.push_str("当前位置：首页 > 政务公开 > 法治政府建设\n\n");
            let d = self.rng.u32(1..=28);
            let src = format!("{city}{}", self.pick(DEPTS));
            let meta = format!("发布时间：{}-03-{d:02} 来源：{src}", y + 1);
            self.line(&mut out, meta);
            out.push('\n');
        }
        match kind {
            Kind::Report => {
                let title = if self.chance(50) {
                    format!("{city}人民政府关于{y}年度法治政府建设情况的报告")
                } else {
                    format!("{city}{}{y}年法治政府建设年度报告", self.pick(DEPTS))
                };
                self.line(&mut out, title);
                out.push('\n');
                let open = format!(
                    "{indent}{y}年，{city}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，\
                     全面落实《法治政府建设实施纲要（2021—2025年）》，法治政府建设取得新成效。现将有关情况报告如下："
                );
                self.line(&mut out, open);
            }
            Kind::Notice => {
                let n = self.docnum();
                self.line(&mut out, n);
                out.push('\n');
                let doc = self.pick(&["法治政府建设工作要点", "法治政府建设实施方案"]);
                let title = format!(
                    "{city}人民政府办公室关于印发《{city}{}年{doc}》的通知",
                    y + 1
                );
                self.line(&mut out, title);
                out.push('\n');
                self.line(
                    &mut out,
                    "各乡镇人民政府、街道办事处，市政府各部门、各直属机构：".into(),
                );
                let open = format!(
                    "{indent}经{city}人民政府同意，现将《{city}{}年{doc}》印发给你们，请结合实际认真贯彻落实。",
                    y + 1
                );
                self.line(&mut out, open);
            }
        }
        let mut l1 = 0;
        while out.len() < target {
            l1 += 1;
            let t = if l1 <= TOPICS_L1.len() {
                TOPICS_L1[l1 - 1]
            } else {
                self.pick(TOPICS_L1)
            };
            let h = format!("{indent}{}、{t}", cn_num(l1.min(99)));
            self.line(&mut out, h);
            let subs = self.rng.usize(1..=6);
            let mut topics = TOPICS_L2.to_vec();
            self.rng.shuffle(&mut topics);
            for (l2, t) in topics.into_iter().take(subs).enumerate() {
                let l2 = l2 + 1;
                // A run-in heading: （一）标题。正文……
                let mut p = format!("{indent}（{}）{t}。", cn_num(l2));
                let n = self.rng.usize(2..8);
                p.push_str(&self.paragraph(n));
                self.line(&mut out, p);
                if self.chance(30) {
                    for l3 in 1..=self.rng.usize(2..=4) {
                        let t = self.pick(TOPICS_L3);
                        let sep = self.pick(&[".", "．", "."]);
                        let mut p = format!("{indent}{l3}{sep}{t}。");
                        let n = self.rng.usize(1..4);
                        p.push_str(&self.paragraph(n));
                        self.line(&mut out, p);
                    }
                }
                if self.chance(15) {
                    for l4 in 1..=self.rng.usize(2..=3) {
                        let mut p = format!("{indent}（{l4}）");
                        p.push_str(&self.sentence());
                        self.line(&mut out, p);
                    }
                }
                if out.len() >= target {
                    break;
                }
            }
        }
        out.push('\n');
        let signer = match kind {
            Kind::Report => format!("{city}人民政府"),
            Kind::Notice => format!("{city}人民政府办公室"),
        };
        self.line(&mut out, signer);
        let d = self.date();
        self.line(&mut out, d);
        out
    }

    /// One paragraph of about `target` bytes on a single line with no
    /// newline at all: the worst case for anything per line or per paragraph.
    pub fn single_paragraph(&mut self, target: usize) -> String {
        let mut out = String::with_capacity(target + 512);
        while out.len() < target {
            let s = self.sentence();
            let s = self.styled(s);
            out.push_str(&s);
        }
        out
    }

    /// About `target` bytes of short lines (headings, fragments, list items).
    pub fn short_lines(&mut self, target: usize) -> String {
        let mut out = String::with_capacity(target + 512);
        let mut l1 = 0;
        while out.len() < target {
            match self.rng.u8(0..10) {
                0 => {
                    l1 = l1 % 99 + 1;
                    let t = self.pick(TOPICS_L1);
                    let h = format!("{}、{t}", cn_num(l1));
                    self.line(&mut out, h);
                }
                1 => {
                    let t = self.pick(TOPICS_L3);
                    let h = format!("（{}）{t}", cn_num(self.rng.usize(1..10)));
                    self.line(&mut out, h);
                }
                2 => {
                    let d = self.date();
                    self.line(&mut out, d);
                }
                3 => {
                    let n = self.docnum();
                    self.line(&mut out, n);
                }
                4 => out.push('\n'),
                5 => {
                    let a = self.pick(ACTIONS);
                    let a = a.split('，').next().unwrap_or(a).to_string();
                    self.line(&mut out, format!("{a}；"));
                }
                _ => {
                    let s = self.sentence();
                    // Keep lines short: the first clause only, closed.
                    let cut = s.find('，').unwrap_or(s.len());
                    let mut s = s[..cut].trim_end_matches('。').to_string();
                    s.push('。');
                    self.line(&mut out, s);
                }
            }
        }
        out
    }
}

fn pick<'a, T>(rng: &mut Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.usize(0..xs.len())]
}

/// The seed of file `i` of a corpus: files do not depend on one another, so
/// a larger corpus starts with the same files as a smaller one.
pub fn file_seed(seed: u64, i: u64) -> u64 {
    // splitmix64 of (seed, i).
    let mut z = seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Size of draft `i`: log-uniform between 2 KB and 200 KB.
pub fn draft_size(rng: &mut Rng) -> usize {
    let lo = (2.0f64 * 1024.0).ln();
    let hi = (200.0f64 * 1024.0).ln();
    (lo + rng.f64() * (hi - lo)).exp() as usize
}

/// A ~`bytes` draft built in memory (for benches): an annual report with
/// full-width punctuation.
pub fn bench_draft(seed: u64, bytes: usize) -> String {
    let mut g = Gen::new(seed);
    g.style = Style::Full;
    g.draft(Kind::Report, bytes)
}
