use serde::Deserialize;

use super::a001_rate_mismatch::rate_name;
use super::common::{Check, CheckKind, Checks, Facts};
use crate::declare_rule;
use crate::diagnostic::Findings;
use crate::extract::numbers::{Dec, Kind};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 不可能超过100%的比率是否写成了超过100%的值：办结率、成功率、通过率、合格率、覆盖率、
    /// 满意率、占比等，分子是分母的一部分，最大为100%。
    ///
    /// 增长率、完成率（完成目标的程度，可以超额）不在默认名单中。约数（“100%以上”）不报告。
    ///
    /// ## 为什么
    /// 超过100%的办结率、合格率多是录入错误（如把99.8%写成998%或把两个数写反），
    /// 会直接损害报告的可信度。
    ///
    /// ## 错误示例
    /// ```text
    /// 全年行政复议案件办结率为102%。
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 全年行政复议案件办结率为100%。
    /// 全年任务完成率为105%。
    /// ```
    ///
    /// ## 依据
    /// 《党政机关公文处理工作条例》第十九条：公文起草应当“数据准确”。比率的定义（部分 ÷ 整体）决定其上限为100%。
    ///
    /// ## 选项
    /// - `bounded-rates`（字符串数组）：上限为100%的比率名称结尾词。默认：办结率、成功率、通过率、合格率、
    ///   受理率、出庭应诉率、应诉率、纠错率、满意率、覆盖率、结案率、化解率、答复率、采纳率、公开率、
    ///   参考率、知晓率、到位率、上线率、败诉率、胜诉率、持证率、优秀率、参训率、出庭率、整改率、达标率、
    ///   审结率、审核率、备案率、报备率、调解率、落实率、销号率、办复率、回复率、发现率、履行率、
    ///   投诉率、立案率、占比（A001 的默认比率名称中除去执行率、办理率、完成率、处置率、查处率和比例）。
    pub struct RateOverHundred {
        opts: Options,
    }
    meta {
        code: "A006",
        name: "rate-over-hundred",
        severity: Error,
        summary: "办结率、合格率、覆盖率等比率超过100%",
        fix: None,
        reads: [NUMBERS, SENTENCES],
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub bounded_rates: Vec<String>,
}

/// Rates of A001 that are not bounded by 100%: an execution or handling
/// rate may count items carried over from earlier years, a 完成率 may exceed
/// its target, and a 比例 may be a ratio such as 1∶3.
const UNBOUNDED: &[&str] = &["执行率", "办理率", "完成率", "处置率", "查处率", "比例"];

impl Default for Options {
    fn default() -> Self {
        Options {
            bounded_rates: super::a001_rate_mismatch::DEFAULT_RATE_KEYWORDS
                .iter()
                .filter(|k| !UNBOUNDED.contains(k))
                .map(|s| s.to_string())
                .collect(),
        }
    }
}

impl BuiltinRule for RateOverHundred {
    type Options = Options;
    fn new(opts: Options) -> Result<Self, String> {
        if opts.bounded_rates.iter().any(|k| k.is_empty()) {
            return Err("bounded-rates 中不能有空字符串".into());
        }
        Ok(RateOverHundred { opts })
    }
}

impl Rule for RateOverHundred {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        Checks::report(out, |c| find(Facts::of(cx), &self.opts, c));
    }
}

pub fn find(facts: Facts<'_>, opts: &Options, out: &mut Checks) {
    let Facts { doc, sents, nums } = facts;
    let text = doc.text;
    let wrapped = doc.wrapped_by_hand();
    for p in nums {
        if p.kind != Kind::Percent || !p.is_exact() {
            continue;
        }
        // Most rates are at most 100%: their names are not read.
        if p.written().cmp_exact(Dec::int(100)) != Some(std::cmp::Ordering::Greater) {
            continue;
        }
        let floor = sents.get(p.sentence()).start;
        let Some((name, _)) = rate_name(text, floor, p.range().start, &opts.bounded_rates, wrapped)
        else {
            continue;
        };
        let stated = &*p.shown(text);
        out.push(Check::bad(
            CheckKind::RateBound,
            p.range(),
            format!("{name}为{stated}，超过100%：{name}是部分占整体的比例，不可能超过100%"),
            format!("{stated} > 100%"),
        ));
    }
}

#[cfg(test)]
mod tests {
    /// The names listed after `默认：` under an option in a rule's
    /// documentation, up to the `。` that ends the list.
    fn documented(doc: &str, option: &str) -> Vec<String> {
        let at = doc.find(option).expect("option documented");
        let rest = &doc[at..];
        let list = &rest[rest.find("默认：").expect("defaults") + "默认：".len()..];
        let list = &list[..list.find('。').expect("end of list")];
        let list = list.split('（').next().unwrap_or(list);
        list.split('、')
            .map(|w| w.split_whitespace().collect::<String>())
            .collect()
    }

    #[test]
    fn the_documented_defaults_are_the_defaults() {
        let a001 = documented(
            super::super::a001_rate_mismatch::RateMismatch::SPEC
                .meta
                .doc,
            "`rate-keywords`",
        );
        assert_eq!(
            a001,
            super::super::a001_rate_mismatch::DEFAULT_RATE_KEYWORDS
        );
        let a006 = documented(super::RateOverHundred::SPEC.meta.doc, "`bounded-rates`");
        assert_eq!(a006, super::Options::default().bounded_rates);
    }
}
