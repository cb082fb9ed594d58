use std::sync::{Arc, Mutex};

use crate::rules::pattern::{Pattern, derived_pattern, pattern};
use serde::Deserialize;

use super::{Item, Outline, item_display};
use crate::config::zh::regex_message;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Findings, Severity};
use crate::document::{Document, LineKind};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 按文档类型的规则包（例如 `rules/annual-report.toml`）列出的必备部分，检查文件是否都写了：
    /// - 缺少某个必备部分：说明缺的是哪一部分、应放在哪里、哪些标题写法算数；级别由规则包逐项设定
    ///   （法治政府建设年度报告：“存在的不足和原因”“下一年度主要安排”为错误，“第一责任人职责情况”为警告）。
    ///   规则包可为某一部分给出正文用语（`body`）：该部分没有单独的标题、但其他部分的正文已写到时（如把第一责任人
    ///   履职情况并入“主要举措和成效”），视为已写，不报告；书名号里引用的文件名不算。
    /// - 必备部分只有标题、下面没有任何内容：警告。
    /// - 各部分顺序颠倒（例如“存在的问题”排在“下一步工作安排”之后）：警告。
    ///
    /// 只看正文（附件之前）的第一层标题“一、”“二、”……；第一层标题少于两个时无法判断结构，不报告。
    /// 某一部分的标题用语不在列表中时，可用 `fallback-before` 把它之前的未识别标题归入该部分（年度报告的
    /// “主要举措和成效”常用“一、切实加强党对法治政府建设的全面领导”之类的标题）。
    ///
    /// 规则完全由选项驱动：没有设定 `sections` 时（通用公文）不做任何检查。办公室可以在自己的规则包中为别的报告
    /// 定义另一组必备部分。
    ///
    /// ## 为什么
    /// 审阅年度报告时首先要问的是它有没有写全规定要写的内容。《法治政府建设与责任落实督察工作规定》列出了年度报告
    /// 的五个方面，漏写“存在的不足和原因”或“下一年度的主要安排”是督察中常被指出的问题。
    ///
    /// ## 错误示例
    /// ```text
    /// 某县2023年度法治政府建设情况报告
    /// 一、主要举措和成效
    /// ……
    /// 二、2024年工作打算
    /// ……
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县2023年度法治政府建设情况报告
    /// 一、主要举措和成效
    /// ……（其中写明党政主要负责人履行推进法治建设第一责任人职责的情况）
    /// 二、存在的不足和原因
    /// ……
    /// 三、2024年工作打算
    /// ……
    /// ```
    ///
    /// ## 依据
    /// 《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）：年度报告内容“一是上一年度推进法治政府建设的主要
    /// 举措和成效；二是上一年度推进法治政府建设存在的不足和原因；三是上一年度党政主要负责人履行推进法治建设第一责任人
    /// 职责，加强法治政府建设的有关情况；四是下一年度推进法治政府建设的主要安排；五是其他需要报告的情况。”
    ///
    /// ## 选项
    /// - `sections`：必备部分的列表（数组表 `[[rules.S001.sections]]`），按匹配的优先顺序排列（一个标题归入
    ///   第一个匹配的部分；它同时匹配的其他部分也不算缺少，如“存在的问题和下一步工作打算”）。每一项：
    ///   `id`（标识）、`name`（部分的名称，用于提示）、`headings`（标题用语，正则表达式，匹配第一层标题文字）、
    ///   `not-headings`（可选，正则表达式：匹配的标题不归入这一部分，如“全面完成2024年度工作计划”不是下一年度的计划）、
    ///   `headings` 和 `not-headings` 中可写 `{year}`（报告年度）和 `{next-year}`（下一年度），按文件的报告年度
    ///   代入（阿拉伯数字或“二〇二五”式汉字）；没有报告年度时，含这两项的写法不匹配任何标题。
    ///   年度报告包用它把“2025年主要工作”（2024年度报告中）归入下一年度安排，“2024年主要工作”仍是主要举措和成效；
    ///   `examples`（提示中列出的标题写法）、`body`（可选，正文用语的正则表达式：正文写到即视为已写）、
    ///   `severity`（缺少时的级别：`error`、`warning`、`info`，默认 `error`）、`required`（默认 `true`；
    ///   `false` 表示可选部分，只用于识别，不报缺少）、`fallback-before`（可选，另一部分的 `id`）。
    /// - `order`：各部分应有的先后顺序（`id` 的列表），用于顺序检查和提示“应放在哪里”。
    /// - `basis`：提示中引用的依据，例如“《法治政府建设与责任落实督察工作规定》”。
    /// - `empty-severity`（默认 `warning`）、`order-severity`（默认 `warning`）：设为 `off` 关闭该项检查。
    pub struct RequiredSections { sections: Vec<Section>, order: Vec<usize>, basis: String, empty: Option<Severity>, order_sev: Option<Severity>, by_year: Mutex<Vec<(i32, Arc<YearPatterns>)>> }
    meta {
        code: "S001",
        name: "required-sections",
        severity: Error,
        summary: "缺少文档类型要求的必备部分、必备部分无内容或顺序颠倒",
        fix: None,
        reads: [OUTLINE],
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    sections: Vec<SectionDef>,
    order: Vec<String>,
    basis: String,
    empty_severity: Option<String>,
    order_severity: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionDef {
    id: String,
    name: String,
    headings: Vec<String>,
    #[serde(default)]
    not_headings: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    fallback_before: Option<String>,
}

fn yes() -> bool {
    true
}

struct Section {
    name: String,
    headings: Vec<Pattern>,
    /// The `headings` and `not-headings` that name the report year
    /// (`{year}`, `{next-year}`), as written: they are compiled for each
    /// report year met.
    year_headings: Vec<String>,
    year_not_headings: Vec<String>,
    not_headings: Vec<Pattern>,
    examples: Vec<String>,
    body: Vec<Pattern>,
    severity: Severity,
    required: bool,
    fallback_before: Option<usize>,
}

fn severity_opt(s: Option<&str>, default: Option<Severity>) -> Result<Option<Severity>, String> {
    match s {
        None => Ok(default),
        Some("off") => Ok(None),
        Some(v) => Severity::parse(v)
            .map(Some)
            .ok_or_else(|| format!("不认识的级别“{v}”：可写 error、warning、info 或 off")),
    }
}

impl BuiltinRule for RequiredSections {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        let compile = |pats: &[String]| -> Result<Vec<Pattern>, String> {
            pats.iter()
                .map(|p| {
                    pattern(p).map_err(|e| {
                        format!("正则表达式“{p}”有误：{}", regex_message(&e.to_string()))
                    })
                })
                .collect()
        };
        let ids: Vec<String> = o.sections.iter().map(|s| s.id.clone()).collect();
        let index_of = |id: &str| -> Result<usize, String> {
            ids.iter()
                .position(|x| x == id)
                .ok_or_else(|| format!("没有 id 为“{id}”的部分（已有：{}）", ids.join(", ")))
        };
        let mut sections = Vec::new();
        for s in &o.sections {
            if s.headings.is_empty() {
                return Err(format!("部分“{}”没有 headings", s.id));
            }
            let (year_headings, headings): (Vec<String>, Vec<String>) =
                s.headings.iter().cloned().partition(|h| names_year(h));
            let (year_not_headings, not_headings): (Vec<String>, Vec<String>) =
                s.not_headings.iter().cloned().partition(|h| names_year(h));
            // Checked now, with a year in place (the built-in packs' by the
            // test suite).
            for h in year_headings
                .iter()
                .chain(&year_not_headings)
                .filter(|h| !crate::config::is_builtin_string(h))
            {
                year_pattern(h, 2000).map_err(|e| {
                    format!("正则表达式“{h}”有误：{}", regex_message(&e.to_string()))
                })?;
            }
            let severity = severity_opt(s.severity.as_deref(), Some(Severity::Error))?
                .unwrap_or(Severity::Error);
            sections.push(Section {
                name: s.name.clone(),
                headings: compile(&headings)?,
                year_headings,
                year_not_headings,
                not_headings: compile(&not_headings)?,
                examples: s.examples.clone(),
                body: compile(&s.body)?,
                severity,
                required: s.required,
                fallback_before: s.fallback_before.as_deref().map(index_of).transpose()?,
            });
        }
        let order = o
            .order
            .iter()
            .map(|id| index_of(id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(RequiredSections {
            sections,
            order,
            basis: o.basis,
            empty: severity_opt(o.empty_severity.as_deref(), Some(Severity::Warning))?,
            order_sev: severity_opt(o.order_severity.as_deref(), Some(Severity::Warning))?,
            by_year: Mutex::new(Vec::new()),
        })
    }
}

/// Whether heading pattern `h` names the report year.
fn names_year(h: &str) -> bool {
    h.contains("{year}") || h.contains("{next-year}")
}

/// Heading pattern `h` for report year `y`: `{year}` and `{next-year}`
/// become that year and the next, in Arabic or Chinese numerals
/// (`2025`, `二〇二五`, `二○二五`, `二零二五`).
fn with_year(h: &str, y: i32) -> String {
    let forms = |y: i32| {
        let digits = y.to_string();
        let chinese = |zero: char| -> String {
            digits
                .chars()
                .map(|d| match d.to_digit(10) {
                    Some(0) => zero,
                    Some(n) => "一二三四五六七八九"
                        .chars()
                        .nth(n as usize - 1)
                        .unwrap_or(d),
                    None => d,
                })
                .collect()
        };
        format!(
            "(?:{digits}|{}|{}|{})",
            chinese('〇'),
            chinese('○'),
            chinese('零')
        )
    };
    h.replace("{next-year}", &forms(y + 1))
        .replace("{year}", &forms(y))
}

/// Heading pattern `h` for report year `y` ([`with_year`]). One of the
/// built-in packs is compiled when a heading first holds one of its
/// literals (the year, mostly), not at start-up or for every year met; one
/// of the user's is compiled now, so that its errors show.
fn year_pattern(h: &str, y: i32) -> Result<Pattern, regex::Error> {
    let source = with_year(h, y);
    if crate::config::is_builtin_string(h) {
        derived_pattern(&source)
    } else {
        pattern(&source)
    }
}

/// Whether `re` matches somewhere in `s` outside 《…》 (one pass: the
/// bracket depth is carried from one match to the next).
fn matches_outside_titles(p: &Pattern, s: &str) -> bool {
    let Some(re) = p.for_haystack(s) else {
        return false;
    };
    let mut depth = 0i64;
    let mut at = 0;
    for m in re.find_iter(s) {
        for c in s[at..m.start()].chars() {
            match c {
                '《' => depth += 1,
                '》' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        at = m.start();
        if depth == 0 {
            return true;
        }
    }
    false
}

/// Per section, its `headings` and `not-headings` that name the report
/// year, with one year put in.
type YearPatterns = Vec<(Vec<Pattern>, Vec<Pattern>)>;

impl RequiredSections {
    /// The year headings of every section for report year `y`, made once
    /// per year met and kept (a corpus has few report years).
    fn year_patterns(&self, y: i32) -> Arc<YearPatterns> {
        let mut made = self.by_year.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, p)) = made.iter().find(|(year, _)| *year == y) {
            return Arc::clone(p);
        }
        let for_year = |hs: &[String]| -> Vec<Pattern> {
            hs.iter().filter_map(|h| year_pattern(h, y).ok()).collect()
        };
        let p: Arc<YearPatterns> = Arc::new(
            self.sections
                .iter()
                .map(|s| (for_year(&s.year_headings), for_year(&s.year_not_headings)))
                .collect(),
        );
        made.push((y, Arc::clone(&p)));
        p
    }
}

impl Rule for RequiredSections {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        if self.sections.is_empty() {
            return;
        }
        let doc = cx.doc;
        let outline = cx.outline();
        // The first-level headings of the main text, and where each stands
        // among the items (for `is_empty_part`).
        let top_index: Vec<usize> = (0..outline.items.len())
            .filter(|&k| outline.items[k].segment() == 0 && outline.items[k].level == 1)
            .collect();
        let tops: Vec<&Item> = top_index.iter().map(|&k| &outline.items[k]).collect();
        if tops.len() < 2 {
            return;
        }
        // Classify each first-level heading.
        let texts: Vec<&str> = tops
            .iter()
            .map(|it| {
                doc.text[it.text()]
                    .trim_end_matches(['。', '：', ':', '；', ';', ' ', '\u{a0}', '\u{3000}'])
            })
            .collect();
        // The headings that name the report year, for this document's year
        // (none match when it has no report year).
        let year_pats = doc.report_year.as_ref().map(|y| self.year_patterns(y.year));
        let none = (Vec::new(), Vec::new());
        let heads = |si: usize, t: &str| {
            let s = &self.sections[si];
            let (yes, no) = year_pats.as_ref().map_or(&none, |p| &p[si]);
            s.headings.iter().chain(yes).any(|r| r.is_match(t))
                && !s.not_headings.iter().chain(no).any(|r| r.is_match(t))
        };
        let mut class: Vec<Option<usize>> = texts
            .iter()
            .map(|t| (0..self.sections.len()).find(|&si| heads(si, t)))
            .collect();
        let first_of = |class: &[Option<usize>], s: usize| class.iter().position(|c| *c == Some(s));
        for (si, s) in self.sections.iter().enumerate() {
            let Some(before) = s.fallback_before else {
                continue;
            };
            if first_of(&class, si).is_some() {
                continue;
            }
            let limit = first_of(&class, before).or_else(|| class.iter().position(Option::is_some));
            if let Some(limit) = limit {
                for c in class[..limit].iter_mut().filter(|c| c.is_none()) {
                    *c = Some(si);
                }
            }
        }
        let basis = if self.basis.is_empty() {
            String::new()
        } else {
            format!("按{}，", self.basis)
        };
        // Missing parts.
        for (si, s) in self.sections.iter().enumerate() {
            if !s.required || first_of(&class, si).is_some() {
                continue;
            }
            // A heading given to an earlier part may head this one too
            // (`存在的问题和下一步工作打算`).
            if texts.iter().any(|t| heads(si, t)) {
                continue;
            }
            if !s.body.is_empty() && covered_in_body(doc, &s.body) {
                continue;
            }
            let wordings = if s.examples.is_empty() {
                String::new()
            } else {
                let ex: Vec<String> = s.examples.iter().map(|e| format!("“{e}”")).collect();
                format!("；可用的标题如{}", ex.join(""))
            };
            let (at, place) = self.placement(doc, &tops, &class, si);
            let mut d = Diagnostic::new(
                at.clone(),
                format!("缺少“{}”部分：{basis}报告应写明这一部分{wordings}", s.name),
            )
            .with_severity(s.severity)
            .with_note(place);
            if !s.body.is_empty() {
                d = d.with_note(
                    "若已并入其他部分的正文，请写明相关表述（如“履行推进法治建设第一责任人职责”）"
                        .to_string(),
                );
            }
            out.push(d);
        }
        // Parts without content.
        if let Some(sev) = self.empty {
            for (si, s) in self.sections.iter().enumerate() {
                let Some(k) = first_of(&class, si) else {
                    continue;
                };
                if !s.required {
                    continue;
                }
                // All headings of the part are empty.
                let mine: Vec<usize> = (0..tops.len()).filter(|&j| class[j] == Some(si)).collect();
                if mine
                    .iter()
                    .all(|&j| is_empty_part(doc, outline, top_index[j]))
                {
                    let it = tops[k];
                    out.push(
                        Diagnostic::new(
                            it.marker().start..it.text().end,
                            format!("“{}”部分只有标题，下面没有内容", item_display(doc, it)),
                        )
                        .with_severity(sev)
                        .with_note(format!("这是“{}”部分，应写明具体内容", s.name)),
                    );
                }
            }
        }
        // Order.
        if let Some(sev) = self.order_sev {
            let pos: Vec<Option<usize>> = self.order.iter().map(|&s| first_of(&class, s)).collect();
            for (a, &pa) in pos.iter().enumerate() {
                let Some(pa) = pa else { continue };
                let later = pos
                    .iter()
                    .enumerate()
                    .skip(a + 1)
                    .find(|(_, pb)| pb.is_some_and(|pb| pb < pa));
                if let Some((b, Some(pb))) = later {
                    let (ita, itb) = (tops[pa], tops[*pb]);
                    let (na, nb) = (
                        &self.sections[self.order[a]].name,
                        &self.sections[self.order[b]].name,
                    );
                    out.push(
                        Diagnostic::new(
                            ita.marker().start..ita.text().end,
                            format!(
                                "“{}”（{na}）排在“{}”（{nb}）之后，顺序颠倒",
                                item_display(doc, ita),
                                item_display(doc, itb)
                            ),
                        )
                        .with_severity(sev)
                        .with_label(itb.marker().start..itb.text().end, format!("“{nb}”部分"))
                        .with_note(format!("“{na}”应在“{nb}”之前")),
                    );
                }
            }
        }
    }
}

impl RequiredSections {
    /// Where a missing part should go: the span to report and a note.
    fn placement(
        &self,
        doc: &Document<'_>,
        tops: &[&Item],
        class: &[Option<usize>],
        si: usize,
    ) -> (std::ops::Range<usize>, String) {
        let first_of = |s: usize| class.iter().position(|c| *c == Some(s));
        let span = |it: &Item| it.marker().start..it.text().end;
        if let Some(k) = self.order.iter().position(|&o| o == si) {
            let prev = self.order[..k]
                .iter()
                .rev()
                .find_map(|&o| first_of(o).map(|p| (o, p)));
            let next = self.order[k + 1..]
                .iter()
                .find_map(|&o| first_of(o).map(|p| (o, p)));
            match (prev, next) {
                (Some((_, p)), Some((_, n))) => {
                    // Right after the heading that precedes the next part.
                    let last_prev = if n > p { n - 1 } else { p };
                    return (
                        span(tops[n]),
                        format!(
                            "应放在“{}”之后、“{}”之前",
                            item_display(doc, tops[last_prev]),
                            item_display(doc, tops[n])
                        ),
                    );
                }
                (None, Some((_, n))) => {
                    return (
                        span(tops[n]),
                        format!("应放在“{}”之前", item_display(doc, tops[n])),
                    );
                }
                (Some((_, p)), None) => {
                    let last = (p..tops.len())
                        .rev()
                        .find(|&j| class[j] == class[p])
                        .unwrap_or(p);
                    return (
                        span(tops[last]),
                        format!("应放在“{}”部分之后", item_display(doc, tops[last])),
                    );
                }
                (None, None) => {}
            }
        }
        (
            span(tops[0]),
            "可作为单独的一部分（常见位置为第一部分或“主要举措和成效”之后）".to_string(),
        )
    }
}

fn covered_in_body(doc: &Document<'_>, pats: &[Pattern]) -> bool {
    doc.lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Body | LineKind::Heading))
        .any(|l| {
            let s = &doc.text[l.content()];
            pats.iter().any(|r| matches_outside_titles(r, s))
        })
}

/// Whether item `k` of the outline, a first-level heading, is followed by no
/// text before the next first-level heading (or the end of its text).
///
/// The next one is looked for from item `k` on (the items are in text
/// order), so that the parts of a document are read once between them. (A
/// search from the first item for every heading was quadratic: 60,000 empty
/// parts took 0.7 s, and 140,000 took 3.7 s.)
fn is_empty_part(doc: &Document<'_>, outline: &Outline, k: usize) -> bool {
    let it = &outline.items[k];
    if it.run_in {
        return false;
    }
    let next_line = outline.items[k + 1..]
        .iter()
        .find(|o| o.level == 1 || o.segment() != it.segment())
        .map_or(doc.lines.len(), |o| o.line());
    !doc.lines[it.line() + 1..next_line]
        .iter()
        .any(|l| matches!(l.kind, LineKind::Body | LineKind::Heading))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse_options;

    /// On random outlines (parts with and without text, lower levels, run-in
    /// headings, a second text after an attachment line), whether a part is
    /// empty is what the search from the first item says.
    #[test]
    fn an_empty_part_is_what_a_search_from_the_first_item_finds() {
        let walk = |doc: &Document<'_>, outline: &Outline, it: &Item| {
            if it.run_in {
                return false;
            }
            let next_line = outline
                .items
                .iter()
                .find(|o| {
                    o.marker().start > it.marker().start
                        && (o.level == 1 || o.segment() != it.segment())
                })
                .map_or(doc.lines.len(), |o| o.line());
            !doc.lines[it.line() + 1..next_line]
                .iter()
                .any(|l| matches!(l.kind, LineKind::Body | LineKind::Heading))
        };
        let pieces = [
            "一、主要成效\n",
            "二、存在的问题\n",
            "（一）加强领导\n",
            "1.完善制度\n",
            "全年办理案件120件。\n",
            "\n",
            "三、下一步工作安排：一是加强领导。\n",
            "附件：\n某县行政执法工作实施方案\n",
        ];
        let mut rng = fastrand::Rng::with_seed(1);
        let (mut empty, mut full) = (0, 0);
        for _ in 0..1_000 {
            let mut text = String::from("某县2023年法治政府建设年度报告\n\n");
            for _ in 0..rng.usize(1..16) {
                text.push_str(pieces[rng.usize(0..pieces.len())]);
            }
            let doc = Document::new(&text);
            let outline = Outline::new(&doc);
            for (k, it) in outline.items.iter().enumerate() {
                if it.level != 1 {
                    continue;
                }
                let want = walk(&doc, &outline, it);
                assert_eq!(is_empty_part(&doc, &outline, k), want, "{text}\nitem {k}");
                if want {
                    empty += 1;
                } else {
                    full += 1;
                }
            }
        }
        assert!(empty > 100 && full > 100, "{empty} {full}");
    }

    fn pack_rule() -> RequiredSections {
        let pack: toml::Table =
            toml::from_str(include_str!("../../../rules/annual-report.toml")).unwrap();
        let table = pack["rules"]["S001"].as_table().unwrap();
        RequiredSections::new(parse_options::<Options>(table).unwrap()).unwrap()
    }

    fn run(text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text);
        let cx = Context::new(std::path::Path::new("t.txt"), &doc, "annual-report");
        let mut out = Findings::new();
        pack_rule().check(&cx, &mut out);
        out.into_vec()
    }

    #[test]
    fn severities_and_placement_come_from_the_pack() {
        let out = run(
            "某县2023年度法治政府建设情况报告\n\n一、主要举措和成效\n全年审查文件5件。\n二、2024年工作打算\n继续努力。\n",
        );
        assert_eq!(out.len(), 2, "{out:?}");
        let problems = out
            .iter()
            .find(|d| d.message.contains("存在的不足和原因"))
            .unwrap();
        assert_eq!(problems.own_severity, Some(Severity::Error));
        assert!(
            problems.notes[0].contains("应放在“一、主要举措和成效”之后、“二、2024年工作打算”之前"),
            "{:?}",
            problems.notes
        );
        let resp = out
            .iter()
            .find(|d| d.message.contains("第一责任人"))
            .unwrap();
        assert_eq!(resp.own_severity, Some(Severity::Warning));
    }

    #[test]
    fn empty_and_order_findings_are_warnings() {
        let out = run(
            "某县2023年度法治政府建设情况报告\n\n县长履行推进法治建设第一责任人职责。\n一、主要举措和成效\n有内容。\n二、下一步工作计划\n有内容。\n三、存在的问题\n",
        );
        let sev: Vec<Option<Severity>> = out.iter().map(|d| d.own_severity).collect();
        assert_eq!(
            sev,
            vec![Some(Severity::Warning), Some(Severity::Warning)],
            "{out:?}"
        );
    }

    #[test]
    fn no_sections_no_findings() {
        let rule = RequiredSections::new(Options::default()).unwrap();
        let doc = Document::new("一、甲\n二、乙\n");
        let cx = Context::new(std::path::Path::new("t.txt"), &doc, "general");
        let mut out = Findings::new();
        rule.check(&cx, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn bad_options_are_reported() {
        let bad: toml::Table = toml::from_str("order = [\"nope\"]").unwrap();
        let err = RequiredSections::new(parse_options::<Options>(&bad).unwrap())
            .err()
            .unwrap();
        assert!(err.contains("没有 id 为“"), "{err}");
        let bad: toml::Table =
            toml::from_str("[[sections]]\nid = \"a\"\nname = \"甲\"\nheadings = [\"(\"]").unwrap();
        assert!(RequiredSections::new(parse_options::<Options>(&bad).unwrap()).is_err());
    }

    #[test]
    fn cited_titles_do_not_count_as_coverage() {
        let re = pattern("第一责任人").unwrap();
        assert!(!matches_outside_titles(
            &re,
            "学习《党政主要负责人履行推进法治建设第一责任人职责规定》。"
        ));
        assert!(matches_outside_titles(
            &re,
            "学习《规定》，履行第一责任人职责。"
        ));
    }
}
