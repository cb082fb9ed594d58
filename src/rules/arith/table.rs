//! The arithmetic of tables typed as text (`crate::extract::tables`): a
//! row's rate against the counts of the same row (A001), and a 合计 row
//! against the rows it adds up (A002).

use std::cmp::Ordering;

use super::common::{Check, CheckKind, Checks, Rounding, ends_with_word, places_zh, ratio_matches};
use super::common::{ratio_note, ratio_rounded};
use crate::extract::numbers::{Dec, Unit};
use crate::extract::tables::{HeadUnit, Header, Row, Table, Value};

/// What a column's figures count, when they count things: the unit of its
/// header or of every figure in it (`None` for a column named as a count
/// without a unit, `受理数`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Counted(Option<(Unit, u32)>);

/// The steps of handling a case or an application that a table's column
/// counts when its header is the step alone, without a unit (`受理`, `办结`
/// over columns of whole numbers): nothing else is measured by them. Such a
/// column counts in no unit only when neither its header, its figures nor a
/// unit line of the table give one.
const CASE_STEPS: [&str; 16] = [
    "受理", "办结", "审结", "立案", "结案", "收案", "新收", "旧存", "未结", "撤回", "驳回", "维持",
    "撤销", "调解", "和解", "终止",
];

/// Names of counts written without a unit: `受理数`, `案件数量`.
fn named_as_count(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix("数量")
        .or_else(|| name.strip_suffix("总数"))
        .or_else(|| name.strip_suffix('数'))
    else {
        return false;
    };
    // 指数, 分数, 系数, 倍数, 天数 … are no counts of things.
    !stem.is_empty()
        && ![
            "指", "分", "系", "倍", "天", "均", "岁", "日", "参", "基", "函", "数",
        ]
        .iter()
        .any(|w| stem.ends_with(w))
}

/// What column `c` of `t` counts, when every figure in it is a count of
/// one unit.
fn counted(text: &str, t: &Table, c: usize) -> Option<Counted> {
    let h = &t.header[c];
    let name = &text[h.name.clone()];
    let head = match h.unit {
        HeadUnit::Unit(u, p) if u.counts() => Some(Counted(Some((u, p)))),
        HeadUnit::None if named_as_count(name) => Some(Counted(None)),
        // `单位：件` on a line above the table: the unit of the columns
        // whose name says nothing else (not a rate, a share, an average or
        // a change).
        HeadUnit::None => match t.unit {
            HeadUnit::Unit(u, p)
                if u.counts()
                    && !rate_like(name)
                    && !NOT_THE_UNITS.iter().any(|w| name.contains(w)) =>
            {
                Some(Counted(Some((u, p))))
            }
            _ => None,
        },
        _ => return None,
    };
    // The figures' own units, when the header has none.
    let mut own: Option<(Unit, u32)> = None;
    for r in &t.rows {
        let Some(v) = r.cells[c].value else { continue };
        if v.percent {
            return None;
        }
        match (v.unit, head) {
            (None, _) => {}
            (Some(u), Some(Counted(Some(hu)))) if u == hu => {}
            (Some(u), None) if u.0.counts() && own.is_none_or(|o| o == u) => own = Some(u),
            _ => return None,
        }
    }
    head.or(own.map(|u| Counted(Some(u))))
        .or(CASE_STEPS.contains(&name).then_some(Counted(None)))
}

/// The figure of row `r` in column `c`, in the column's unit.
fn figure(r: &Row, c: usize) -> Option<Value> {
    r.cells[c].value.filter(|v| !v.percent)
}

/// The stem of a rate column's name (`办结` of `办结率`), when the name ends
/// with one of `keywords`.
fn rate_stem<'t>(name: &'t str, keywords: &[String]) -> Option<&'t str> {
    keywords.iter().find(|k| ends_with_word(name, k))?;
    let stem = ["率", "比例", "占比"]
        .iter()
        .find_map(|k| name.strip_suffix(k))?;
    stem.chars().nth(1).is_some().then_some(stem)
}

/// A count column's name as a count's label: without 数, 数量 (`办结数`).
fn count_label(name: &str) -> &str {
    name.strip_suffix("数量")
        .or_else(|| name.strip_suffix("件数"))
        .or_else(|| name.strip_suffix('数'))
        .unwrap_or(name)
}

/// Whether a count column's name says what was due of the rate's stem
/// (`应办结` for `办结率`): the whole the rate is of, not its part.
fn is_due(label: &str, stem: &str) -> bool {
    label
        .strip_suffix(stem)
        .is_some_and(|before| matches!(before, "应" | "应当" | "应予" | "应该" | "应当予以"))
}

fn col_name<'t>(text: &'t str, h: &Header) -> &'t str {
    &text[h.range.clone()]
}

/// A001 in tables: each rate column whose name (`办结率`) names exactly one
/// count column of the same table (`办结（件）`, the numerator) is read
/// against the other count columns of that unit (the denominators) row by
/// row. One denominator that gives the written rate makes a row consistent.
/// Which column is the denominator is certain when there is one, or when it
/// is the only one that gives some row's rate; a row that none gives is
/// reported, with a fix only when the denominator is certain. When two rows
/// or more are read and none has its rate from any column, the whole the
/// rates are of is not in the table: nothing is reported.
pub fn rates(
    text: &str,
    tables: &[Table],
    keywords: &[String],
    rounding: Rounding,
    out: &mut Checks,
) {
    for t in tables {
        let n = t.header.len();
        let counts: Vec<Option<Counted>> = (0..n)
            .map(|c| if c == 0 { None } else { counted(text, t, c) })
            .collect();
        for rc in 1..n {
            let h = &t.header[rc];
            if !matches!(h.unit, HeadUnit::None | HeadUnit::Percent) {
                continue;
            }
            let Some(stem) = rate_stem(&text[h.name.clone()], keywords) else {
                continue;
            };
            let named = |names: fn(&str, &str) -> bool| -> Vec<usize> {
                (1..n)
                    .filter(|&c| {
                        counts[c].is_some()
                            && names(count_label(&text[t.header[c].name.clone()]), stem)
                    })
                    .collect()
            };
            // `应办结` beside `已办结` for `办结率`: what was due is the whole.
            let due = |c: usize| is_due(count_label(&text[t.header[c].name.clone()]), stem);
            let mut nums = named(super::a001_rate_mismatch::names_the_rate);
            nums.retain(|&c| !due(c));
            if nums.is_empty() {
                // `整改到位（个）` for `整改率`.
                nums = named(super::a001_rate_mismatch::names_the_rate_in_full);
            }
            let [nc] = nums[..] else { continue };
            let dens: Vec<usize> = (1..n)
                .filter(|&c| {
                    c != nc
                        && counts[c].is_some()
                        && counts[c] == counts[nc]
                        && (!text[t.header[c].name.clone()].contains(stem) || due(c))
                })
                .collect();
            if dens.is_empty() {
                continue;
            }
            let rate = |r: &Row| {
                r.cells[rc]
                    .value
                    .filter(|v| v.percent || h.unit == HeadUnit::Percent && v.unit.is_none())
            };
            // A column of cases carried over from the year before
            // (`上年结转`): a rate may be of the new ones and those together.
            let carried: Vec<usize> = dens
                .iter()
                .copied()
                .filter(|&c| super::common::names_carried(&text[t.header[c].name.clone()]))
                .collect();
            // Which denominators give which rows' rates: a column, or a
            // column and the carried-over one together. `None` when no
            // reading is possible (a whole smaller than the part).
            let gives = |r: &Row, dc: usize| -> Option<bool> {
                let (p, num, den) = (rate(r)?, figure(r, nc)?, figure(r, dc)?);
                let reading = |whole: Dec| {
                    if whole.cmp_exact(num.written) == Some(Ordering::Less) {
                        return None;
                    }
                    ratio_matches(num.written, whole, 100, p.written, rounding)
                };
                let mut any = None;
                for whole in std::iter::once(Some(den.written)).chain(
                    carried
                        .iter()
                        .filter(|&&cc| cc != dc)
                        .map(|&cc| den.written.checked_add(figure(r, cc)?.written)),
                ) {
                    match whole.and_then(reading) {
                        Some(true) => return Some(true),
                        Some(false) => any = Some(false),
                        None => {}
                    }
                }
                any
            };
            let confirmed: Vec<usize> = dens
                .iter()
                .copied()
                .filter(|&dc| t.rows.iter().any(|r| gives(r, dc) == Some(true)))
                .collect();
            // Rows of which none has its rate from any of these columns:
            // the whole the rates are of is not in the table.
            let read = t
                .rows
                .iter()
                .filter(|r| dens.iter().any(|&dc| gives(r, dc).is_some()))
                .count();
            if read >= 2 && confirmed.is_empty() {
                continue;
            }
            // With a carried-over column the whole may be a sum: no column
            // is certain, and no fix is offered.
            let certain = match (&dens[..], &confirmed[..]) {
                _ if !carried.is_empty() => None,
                ([d], _) | (_, [d]) => Some(*d),
                _ => None,
            };
            for r in &t.rows {
                let (Some(p), Some(num)) = (rate(r), figure(r, nc)) else {
                    continue;
                };
                let readings: Vec<(usize, bool)> = dens
                    .iter()
                    .filter_map(|&dc| Some((dc, gives(r, dc)?)))
                    .collect();
                if readings.is_empty() || readings.iter().any(|&(_, ok)| ok) {
                    continue;
                }
                let places = p.written.scale;
                let cell = r.cells[rc].range.clone();
                let rate_name = &text[h.name.clone()];
                let label = r.label(text);
                let num_name = col_name(text, &t.header[nc]);
                let note_of = |dc: usize| -> Option<(Dec, String)> {
                    let den = figure(r, dc)?;
                    if den.written.cmp_exact(num.written) == Some(Ordering::Less) {
                        return None;
                    }
                    let want = ratio_rounded(num.written, den.written, 100, places)?;
                    let worked = ratio_note(
                        &text[num.numeral()],
                        &text[den.numeral()],
                        num.written,
                        den.written,
                        100,
                        places,
                        "%",
                    );
                    let den_name = col_name(text, &t.header[dc]);
                    Some((want, format!("“{num_name}”÷“{den_name}”：{worked}")))
                };
                // The reading over a column and the carried-over one.
                let note_of_sum = |dc: usize, cc: usize| -> Option<(Dec, String, String)> {
                    let (den, more) = (figure(r, dc)?, figure(r, cc)?);
                    let whole = den.written.checked_add(more.written)?;
                    let want = ratio_rounded(num.written, whole, 100, places)?;
                    let worked = ratio_note(
                        &text[num.numeral()],
                        &format!("（{}+{}）", &text[den.numeral()], &text[more.numeral()]),
                        num.written,
                        whole,
                        100,
                        places,
                        "%",
                    );
                    let names = format!(
                        "“{}”与“{}”之和",
                        col_name(text, &t.header[dc]),
                        col_name(text, &t.header[cc])
                    );
                    Some((want, format!("“{num_name}”÷{names}：{worked}"), names))
                };
                let written = &text[cell.clone()];
                if let Some(dc) = certain.filter(|dc| readings.iter().any(|r| r.0 == *dc)) {
                    let Some((want, worked)) = note_of(dc) else {
                        continue;
                    };
                    let den = figure(r, dc).expect("read above");
                    let mut c = Check::bad(
                        CheckKind::Rate,
                        cell,
                        format!(
                            "表中“{label}”行的{rate_name}与本行计数不符：按{}计算为{want}%，表中写作{written}",
                            places_zh(places)
                        ),
                        format!("{worked}，写到{}应为{want}%", places_zh(places)),
                    )
                    .label(num.numeral(), "分子")
                    .label(den.numeral(), "分母");
                    // A total row whose own counts are not the sums of the
                    // rows above (A002's finding): the rate may be right and
                    // a count wrong; no fix.
                    if !total_row_off(text, t, r, [nc, dc]) {
                        c.fix = Some((p.numeral(), want.to_string()));
                    }
                    out.push(c);
                    continue;
                }
                // Wrong whichever column is the whole.
                let mut wants = Vec::new();
                let mut notes = Vec::new();
                for &(dc, _) in &readings {
                    if let Some((want, worked)) = note_of(dc) {
                        wants.push(format!(
                            "以“{}”为分母为{want}%",
                            col_name(text, &t.header[dc])
                        ));
                        notes.push(worked);
                    }
                    for &cc in carried.iter().filter(|&&cc| cc != dc) {
                        if let Some((want, worked, names)) = note_of_sum(dc, cc) {
                            wants.push(format!("以{names}为分母为{want}%"));
                            notes.push(worked);
                        }
                    }
                }
                if wants.is_empty() {
                    continue;
                }
                out.push(
                    Check::bad(
                        CheckKind::Rate,
                        cell,
                        format!(
                            "表中“{label}”行的{rate_name}与本行计数不符：按{}计算，{}，表中写作{written}",
                            places_zh(places),
                            wants.join("，")
                        ),
                        format!(
                            "{}；不能确定哪一列是分母，不给出修改值",
                            notes.join("；")
                        ),
                    )
                    .label(num.numeral(), "分子"),
                );
            }
        }
    }
}

/// Labels of a total row (spaces taken out: `合 计`).
const TOTALS: [&str; 5] = ["合计", "总计", "共计", "总数", "全部"];

/// Labels of a row that is part of the row above it, or adds up only some
/// rows: a total row then adds up no plain run of rows.
fn is_sub_row(label: &str) -> bool {
    [
        "其中",
        "含",
        "包括",
        "（其中",
        "(其中",
        "—",
        "-",
        "－",
        "·",
        "└",
    ]
    .iter()
    .any(|w| label.starts_with(w))
        || label.contains("小计")
}

/// Whether column `c` of `t` holds points of a score (`分值（分）`, `得分`,
/// `扣分`): its header gives the unit 分 or its name says 分值, 得分 or 扣分,
/// and its figures are plain or in 分. The items of a 评分细则 add up to
/// its 合计 as counts do. Only a header says so: 分 after a figure in prose
/// may be a minute or a share.
fn points(text: &str, t: &Table, c: usize) -> bool {
    let h = &t.header[c];
    let is_fen = |u: Unit| u.as_str() == "分";
    let named = match h.unit {
        HeadUnit::Unit(u, 0) => is_fen(u),
        HeadUnit::None => {
            let name = &text[h.name.clone()];
            ["分值", "得分", "扣分"].iter().any(|w| name.contains(w))
        }
        _ => false,
    };
    named
        && t.rows.iter().all(|r| {
            r.cells[c]
                .value
                .is_none_or(|v| !v.percent && v.unit.is_none_or(|(u, p)| is_fen(u) && p == 0))
        })
}

/// Whether a column's name says its figures are rates, shares or figures
/// that do not add up down the column (`办结率`, `占比`, `人均`, `同比`).
fn rate_like(name: &str) -> bool {
    name.ends_with('率')
        || name.ends_with("比例")
        || name.ends_with("占比")
        || NOT_ADDITIVE.iter().any(|w| name.contains(w))
}

/// Column names whose figures do not add up down the column.
const NOT_ADDITIVE: [&str; 17] = [
    "平均", "人均", "户均", "均值", "年均", "日均", "件均", "排名", "名次", "序号", "编号", "同比",
    "环比", "增幅", "最高", "最低", "单价",
];

/// Words of a column's name that measure something else than the count a
/// line above the table gives its unit to (`单位：件`): extremes
/// (`最长办理天数`, `最大年龄`), ages, durations and progress (`完成进度`, a
/// share written without %).
const NOT_THE_UNITS: [&str; 10] = [
    "最", "年龄", "龄", "天数", "时长", "周期", "时限", "期限", "进度", "峰值",
];

/// A row's label with its spaces taken out (`合 计` is `合计`).
fn plain_label(text: &str, r: &Row) -> String {
    r.label(text)
        .chars()
        .filter(|&c| !crate::document::is_space(c))
        .collect()
}

/// Whether row `r` of `t` gives a share of 100% (`100%`, `100.0%`) in a
/// column named for shares (with 占: `占比`, `占总数比例`; a rate such as
/// `办结率` says nothing of the rows): a last row labelled `全年` is then
/// the year's total of the rows above it, not one more of them.
fn whole_share(text: &str, t: &Table, r: &Row) -> bool {
    (1..t.header.len().min(r.cells.len())).any(|c| {
        text[t.header[c].name.clone()].contains('占')
            && r.cells[c].value.is_some_and(|v| {
                v.percent && v.written.cmp_exact(Dec::int(100)) == Some(Ordering::Equal)
            })
    })
}

/// Whether a row is a total row (合计, 总计 …).
fn is_total(text: &str, r: &Row) -> bool {
    TOTALS.contains(&plain_label(text, r).as_str())
}

/// The sum of column `c` over the rows of `t` that are no total row; `None`
/// when a cell is no figure.
fn parts_sum(text: &str, t: &Table, c: usize) -> Option<Dec> {
    t.rows
        .iter()
        .filter(|r| !is_total(text, r))
        .try_fold(Dec::ZERO, |acc, r| acc.checked_add(figure(r, c)?.written))
}

/// Whether row `r` of `t` is its total row and one of its figures in `cols`
/// is not the sum of the other rows' (all of them plain figures).
fn total_row_off(text: &str, t: &Table, r: &Row, cols: [usize; 2]) -> bool {
    is_total(text, r)
        && cols
            .iter()
            .any(|&c| match (parts_sum(text, t, c), figure(r, c)) {
                (Some(sum), Some(v)) => sum.cmp_exact(v.written) != Some(Ordering::Equal),
                _ => false,
            })
}

/// The sum of the rows of table `t` (its total row left out) in the column
/// named `name`: the first part of a table continued under a `续表`
/// caption. `None` when there is no such column or a cell is no figure.
fn earlier_sum(text: &str, t: &Table, name: &str) -> Option<Dec> {
    let c = (1..t.header.len()).find(|&c| &text[t.header[c].name.clone()] == name)?;
    parts_sum(text, t, c)
}

/// A002 in tables: the one total row (合计, 总计 …, the last row or the
/// first; a last row labelled 全年 when it holds a share of 100%) against the sum of the other rows, column by column, for the
/// columns that count one unit (a rate column never). A column is left out
/// when one of its cells is not a plain figure; a table with a 小计 or a
/// 其中 row, or a total row in the middle, is left out whole.
pub fn sums(text: &str, tables: &[Table], out: &mut Checks) {
    for (k, t) in tables.iter().enumerate() {
        // A continued table's (`续表1`) total may be of its own rows or of
        // both parts: the rows of the table before it are read too.
        let earlier = if t.continued {
            match k.checked_sub(1) {
                Some(j) => Some(&tables[j]),
                None => continue,
            }
        } else {
            None
        };
        let labels: Vec<String> = t.rows.iter().map(|r| plain_label(text, r)).collect();
        if labels.iter().any(|l| is_sub_row(l)) {
            continue;
        }
        let last = labels.len().saturating_sub(1);
        let totals: Vec<usize> = (0..labels.len())
            .filter(|&i| {
                TOTALS.contains(&labels[i].as_str())
                    || i == last && labels[i] == "全年" && whole_share(text, t, &t.rows[i])
            })
            .collect();
        let [ti] = totals[..] else { continue };
        if ti != 0 && ti + 1 != t.rows.len() {
            continue;
        }
        let parts: Vec<&Row> = (0..t.rows.len())
            .filter(|&i| i != ti)
            .map(|i| &t.rows[i])
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let total_row = &t.rows[ti];
        for c in 1..t.header.len() {
            let h = &t.header[c];
            let name = &text[h.name.clone()];
            if rate_like(name) || (counted(text, t, c).is_none() && !points(text, t, c)) {
                continue;
            }
            let Some(total) = figure(total_row, c) else {
                continue;
            };
            let Some(figs) = parts
                .iter()
                .map(|r| figure(r, c))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let Some(sum) = figs
                .iter()
                .try_fold(Dec::ZERO, |acc, v| acc.checked_add(v.written))
            else {
                continue;
            };
            // Figures with decimals, or in 万元, are rounded: half a unit of
            // the last digit each.
            let rounded = |v: &Value| {
                let pow = v.unit.map_or(
                    match (h.unit, t.unit) {
                        (HeadUnit::Unit(_, p), _) | (HeadUnit::None, HeadUnit::Unit(_, p)) => p,
                        _ => 0,
                    },
                    |u| u.1,
                );
                if v.written.scale == 0 && pow == 0 {
                    Dec::ZERO
                } else {
                    Dec {
                        m: 5,
                        scale: v.written.scale + 1,
                    }
                }
            };
            let Some(slack) = figs
                .iter()
                .chain(std::iter::once(&total))
                .try_fold(Dec::ZERO, |acc, v| acc.checked_add(rounded(v)))
            else {
                continue;
            };
            let Some(diff) = sum.checked_sub(total.written) else {
                continue;
            };
            let diff = Dec {
                m: diff.m.abs(),
                scale: diff.scale,
            };
            let ttext = &text[total_row.cells[c].range.clone()];
            let sum_text = figs
                .iter()
                .map(|v| &text[v.numeral()])
                .collect::<Vec<_>>()
                .join(" + ");
            let sum_shown =
                crate::extract::numbers::group_like(ttext, sum.normalized().to_string());
            if diff.cmp_exact(slack) != Some(Ordering::Greater) {
                out.ok(CheckKind::PartSum, total_row.cells[c].range.clone(), || {
                    format!("{sum_text} = {sum_shown}，{}为{ttext}", labels[ti])
                });
                continue;
            }
            // A continued table: both parts together, or nothing certain.
            let mut both_shown = String::new();
            if let Some(e) = earlier {
                let Some(both) = earlier_sum(text, e, name).and_then(|x| x.checked_add(sum)) else {
                    continue;
                };
                let fits = both.checked_sub(total.written).is_some_and(|d| {
                    Dec {
                        m: d.m.abs(),
                        scale: d.scale,
                    }
                    .cmp_exact(slack.checked_add(slack).unwrap_or(slack))
                        != Some(Ordering::Greater)
                });
                if fits {
                    continue;
                }
                both_shown = format!("，连同续表之前的各行为{}", both.normalized());
            }
            let where_ = if ti == 0 { "下面" } else { "上面" };
            out.push(
                Check::bad(
                    CheckKind::PartSum,
                    total_row.cells[c].range.clone(),
                    format!(
                        "表中{}行的“{}”与{where_}各行之和不符：各行之和为{sum_shown}{both_shown}，{}行写作{ttext}",
                        labels[ti],
                        col_name(text, h),
                        labels[ti]
                    ),
                    format!("{sum_text} = {sum_shown}，{}为{ttext}", labels[ti]),
                )
                .label(h.range.clone(), "这一列"),
            );
        }
    }
}
