use std::cmp::Ordering;

use super::a002_part_sum_mismatch::PartLists;
use super::common::{Check, CheckKind, Checks};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::document::Document;
use crate::extract::numbers::Number;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// “其中”之后的分项是否大于它所属的总数：“审结案件60件，其中裁决结案69件”中 69 > 60。
    ///
    /// 总数的确定方式与 A002 相同（“其中”之前、与分项单位相同的最近一个确数；增减数“比上年增收2亿元”
    /// 不是总数；上年结转数“上年结转1件”“旧存3件”也不是总数：“全年新收6件，上年结转1件，其中涉企案件5件”中“其中”
    /// 分的是全年案件，总数是新收数还是新收与结转之和不能确定，除非分项之和正好等于前面的某个数，否则不报告）。
    /// “其中”另起一句，而上一句最后一个数是顿号并列的一项（“分别为律师62名、…法学专家4名。
    /// 其中，女性31名”）时，“其中”说的是上一句整体，不报告。“其中”之前最近的数是用“和”“及”“与”“、”
    /// 与前一个同单位的数并列的一项（“由3名工作人员和1名法律顾问组成，其中…2名”）时，总数是并列各项之和
    /// 还是另有所指不能确定，不报告（A002 同样不查）。只比较“其中”所在分句的
    /// 第一个分项和与它用顿号并列的分项。分项前限定它的门槛数（“其中50人以上的大规模集体访31批次”
    /// “其中标的额100万元以上的案件69件”“超过20人的”：数后写“以上”“以下”“以内”再接名词或“的”，或约数后接
    /// “的”）不是分项，分项是它后面的数（31批次、69件）。约数、范围、单位或名词不同的数不参与比较；
    /// 全文逗号都是半角“,”的（折叠过的文本）中，“1,097件”在句中写“分别”“依次”等列举时可能是两个数（“1”和
    /// “097件”），也不参与比较（与 A005 相同）；
    /// “由401项调整为400项，其中新增3项”中的“其中”是增减项，不在此检查。
    /// 总数或分项是平均数（“人均”“平均”“户均”“日均”等：“全体居民人均可支配收入17268元，其中，城镇居民人均
    /// 可支配收入22964元”）时不是总数与分项，不检查（A002 同样不查）。
    ///
    /// ## 为什么
    /// 部分不可能大于整体。分项大于总数，说明总数或分项至少有一个写错（常见为漏写、多写一位或两数写反）。
    ///
    /// ## 错误示例
    /// ```text
    /// 全年审结案件60件，其中裁决结案69件。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 全年审结案件600件，其中裁决结案409件。
    /// 审计项目155个，其中经济责任审计涉及52个单位。
    /// 全年受理集体访29批次，其中50人以上的大规模集体访3批次。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“情况确实”“数据准确”。
    ///
    /// ## 选项
    /// 无。
    pub struct PartExceedsTotal {}
    meta {
        code: "A003",
        name: "part-exceeds-total",
        severity: Error,
        summary: "“其中”的分项大于总数",
        fix: None,
        reads: [NUMBERS, PARTS, SENTENCES],
    }
}

impl Rule for PartExceedsTotal {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(cx.doc, cx.numbers(), cx.part_lists(), c));
    }
}

pub fn find(doc: &Document<'_>, nums: &[Number], lists: &PartLists, out: &mut Checks) {
    let text = doc.text;
    lists.iter(nums).for_each(|l| {
        if l.is_change || l.exhaustive_cue {
            return;
        }
        let t = l.total;
        let ttext = &*t.shown(text);
        for p in &l.parts[..l.enum_len] {
            if !p.is_exact() {
                continue;
            }
            let ptext = &*p.shown(text);
            match p.value().cmp_exact(t.value()) {
                Some(Ordering::Greater) => out.push(
                    Check::bad(
                        CheckKind::Subset,
                        p.range(),
                        format!("“其中”的分项{ptext}大于总数{ttext}"),
                        format!("{ptext} > {ttext}"),
                    )
                    .label(t.range(), "总数"),
                ),
                Some(_) => out.ok(CheckKind::Subset, p.range(), || {
                    format!("{ptext} ≤ {ttext}")
                }),
                None => {}
            }
        }
    });
}
