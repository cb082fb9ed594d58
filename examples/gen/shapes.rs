//! Repeated structures for the scaling check: one unit of text (a heading,
//! a date, an open bracket, a part with no content…) written over and over.
//!
//! Ordinary drafts hold a few dozen of each; a document that holds tens of
//! thousands shows any rule whose work grows with the square of what it
//! reads (a search from every item to the end of the document, a walk over
//! every section for every date). `scripts/bench.sh` times each shape at two
//! sizes, and `tests/linear.rs` counts findings and allocations on each.
//!
//! Every unit was written for gwlint's benchmark.

/// The title line that gives a document its report year (many rules read
/// differently with one).
pub const REPORT_TITLE: &str = "云溪县人民政府2023年法治政府建设年度报告\n\n";

/// A shape: its name, what comes once before the units, and the unit
/// repeated. A `{n}` in the unit is the unit's number, counted from 2 (for
/// headings run into a paragraph, which must follow in order).
pub struct Shape {
    pub name: &'static str,
    pub head: &'static str,
    pub unit: &'static str,
}

impl Shape {
    /// A shape of one unit with nothing before it.
    const fn unit(name: &'static str, unit: &'static str) -> Shape {
        Shape {
            name,
            head: "",
            unit,
        }
    }
}

/// The shapes, each also run after [`REPORT_TITLE`] (see [`text`]).
pub const SHAPES: &[Shape] = &[
    Shape::unit(
        "plan-heading-and-date",
        "一、2024年工作计划\n3月5日前完成清理。\n",
    ),
    Shape::unit("empty-parts", "二、存在的不足和原因\n三、下一步工作安排\n"),
    Shape::unit("orphan-heading", "（三）完善考核机制\n"),
    Shape::unit(
        "orphans-of-every-level",
        "（2）明确办理时限\n3.细化工作流程\n（二）压实工作责任\n",
    ),
    Shape::unit("first-level-heading", "一、依法全面履行政府职能\n"),
    Shape::unit(
        "four-levels",
        "一、主要成效\n（一）健全工作机制\n1.加强统筹\n（1）定期调度\n",
    ),
    Shape::unit(
        "ordinal-run",
        "一是强化统筹，二是压实责任，四是严格考核。\n",
    ),
    Shape::unit("ordinal-line", "三是落实整改责任。\n"),
    Shape::unit(
        "ordinal-words",
        "首先，完善制度。其次，强化监督。第一，加强培训。第三，严格考核。\n",
    ),
    Shape::unit(
        "document-number",
        "转发《云溪县行政执法公示办法》（云府办〔2021〕35号）。\n",
    ),
    Shape::unit("broken-document-number", "云府办函〔2019135号\n"),
    Shape::unit(
        "numbers-in-a-row",
        "云府办〔2021〕1号、云府办〔2021〕2号、云府发〔2022〕8号\n",
    ),
    Shape::unit("full-date", "2023年4月12日召开推进会。\n"),
    Shape::unit("month-and-day", "4月12日召开推进会。\n"),
    Shape::unit("date-without-units", "20190412日召开推进会。\n"),
    Shape::unit("signing-line", "云溪县司法局\n2023年4月12日\n"),
    Shape::unit("year-range", "2019-2022年规划。\n"),
    Shape::unit(
        "rate-and-counts",
        "共受理1250件，办结1180件，办结率96.2%。\n",
    ),
    Shape::unit(
        "total-and-parts",
        "共开展检查80次，其中专项检查50次、日常检查40次。\n",
    ),
    Shape::unit(
        "nested-parts",
        "共90件，其中甲类60件、乙类30件，其中乙类一档10件、二档20件。\n",
    ),
    Shape::unit("change", "由120件增加到150件，增长25%。\n"),
    Shape::unit("open-quote", "“强化责任落实\n"),
    Shape::unit("open-quote-and-blanks", "“强化责任落实\n\n\n"),
    Shape::unit("quote-across-lines", "“强化责任落实\n“健全工作机制”\n”\n"),
    Shape::unit("open-bracket", "（强化责任落实\n"),
    Shape::unit("nested-title-marks", "《云溪县《执法》办法》\n"),
    Shape::unit("placeholder", "XX县人民政府关于XXX的通知\n"),
    Shape::unit("half-width-marks", "强化统筹,压实责任:严格考核(试行)。\n"),
    Shape::unit("stray-spaces", "强化 统筹　压实责任。\n"),
    Shape::unit("straight-quotes", "落实\"谁执法谁普法\"责任制。\n"),
    // One line: quotes and Markdown code spans all along it.
    Shape::unit(
        "straight-quotes-and-code",
        "落实\"谁执法谁普法\"责任制，`key=\"v\"`，",
    ),
    // One paragraph: a lone 一是 and a run opened by another, all along it
    // (S201 joins each pair into one run).
    Shape::unit("repeated-first-ordinal", "一是甲，一是乙；二是丙。"),
    // One line: runs of repeated and mixed points all along it.
    Shape::unit(
        "repeated-points",
        "落实责任制。。由县司法局，，县财政局,,负责，。",
    ),
    Shape::unit("number-range", "同比增长12%-18%。\n"),
    Shape::unit(
        "page-chrome",
        "首页 > 政务公开 > 法治政府\n地址：云溪县府前路8号 电话：0000-1234567\n【打印】【关闭】\n",
    ),
    Shape::unit(
        "publication-line",
        "发布时间：2023-04-12 来源：云溪县司法局\n",
    ),
    Shape::unit(
        "notice-title",
        "云溪县人民政府关于加强行政执法工作的意见\n\n",
    ),
    Shape::unit(
        "attachment-list",
        "附件：\n1.云溪县实施方案\n2.云溪县工作要点\n",
    ),
    Shape::unit(
        "suppressed-next-line",
        "<!-- gwlint-disable-next-line S201 -->\n三是落实整改责任。\n",
    ),
    Shape::unit(
        "suppressed-block",
        "<!-- gwlint-disable S201 -->\n三是落实整改责任。\n<!-- gwlint-enable -->\n",
    ),
    // No line break: one line of megabytes with findings all along it
    // (the scaling section also prints it in every output format).
    Shape::unit(
        "paragraph-of-findings",
        "2023年2月30日，云府办[2021]5号，三是抓好落实。",
    ),
    Shape {
        name: "run-in-headings",
        head: "一、总体要求\n1.加强组织领导。",
        unit: "全年召开会议5次。{n}.健全工作机制。",
    },
    Shape::unit("blank-lines", "\n"),
    // A text wrapped by hand whose figures and dates run on over the line
    // breaks (`8` / `7个`, `2026年7` / `月32日`): each sentence is read
    // again without its breaks.
    Shape {
        name: "wrapped-figures",
        head: "云溪县司法局关于涉企执法问题整改情况的报告\n",
        unit: "各单位全面梳理本年度办理的涉企行政执法案件，共发现问题8\n\
               7个，整改到位83个，整改率为96.4%，其余问题于2026年7\n\
               月32日前整改完毕，整改情况已经报告县人民政府知悉。\n",
    },
];

/// The text of `shape` with `n` units, with the report title first or not.
pub fn text(shape: &Shape, titled: bool, n: usize) -> String {
    let title = if titled { REPORT_TITLE } else { "" };
    let mut s = String::with_capacity(title.len() + shape.head.len() + shape.unit.len() * n);
    s.push_str(title);
    s.push_str(shape.head);
    match shape.unit.split_once("{n}") {
        Some((before, after)) => {
            for k in 2..n + 2 {
                s.push_str(before);
                s.push_str(&k.to_string());
                s.push_str(after);
            }
        }
        None => {
            for _ in 0..n {
                s.push_str(shape.unit);
            }
        }
    }
    s
}
