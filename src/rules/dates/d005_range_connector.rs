use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::LineKind;
use crate::extract::dates::{CLOCK, DateRange, Unit};
use crate::rules::{BuiltinRule, Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 年份范围和日期范围的连接号。默认用一字线“—”（U+2014）：`2017—2020年`、`2021年1月—6月`、
    /// `3月1日—10日`。短横线 `-`、全角短横线 `－`、半字线 `–`、半角浪纹线 `~`、形近的 `〜`、破折号 `——`、
    /// 两个数字之间形似一字线的汉字“一”（`2020一2022年`）都会被指出，并安全地替换为首选连接号；
    /// 起点不带“年”的 `2017至2020年` 也改为 `2017—2020年`，
    /// 而两端都带单位的 `2017年至2020年`、`3月1日至10日` 是正常的汉语表达，不报告。
    /// 全角浪纹线 `～` 是标准允许的写法（“有时也可用浪纹线”）：全文的日期范围都用 `～`（或形近的 `~` `〜`，
    /// 以及“至”）时不报告 `～`，`~` `〜` 改为 `～`；同一文件中另有日期范围用一字线等其他连接号时，
    /// 用 `～` 的也报告（应统一为一字线）。
    /// 只检查两端都是日期的范围：电话号码、页面元数据中的 `2021-02-25`、数值范围（`5-15人`）不在此列。
    ///
    /// 钟点的起止（`9:00-11:30`、`14:30－17:00`）同样是时间范围：用短横线、全角短横线、半字线连接的
    /// 报告，并替换为首选连接号；`9:00～11:30`（标准允许的浪纹线）和带秒的时刻不报告，网页的发布信息行不查。
    ///
    /// ## 为什么
    /// GB/T 15834-2011 规定，标示时间的起止用一字线；短横线只用于连接号码和纯数字日期。
    /// 已发布的年度报告中 `(2021-2025年)` 极为常见，是公文校对的高频问题。
    ///
    /// ## 错误示例
    /// ```text
    /// 《法治政府建设实施纲要（2021-2025年）》
    /// 2021年1月~6月
    /// 上午9:00-11:30
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 《法治政府建设实施纲要（2021—2025年）》
    /// 2021年1月—6月
    /// 上午9:00—11:30
    /// ```
    ///
    /// ## 依据
    /// GB/T 15834-2011 4.13.3.2：标示相关项目（如时间、地域等）的起止，“一般用一字线，有时也可用浪纹线”，
    /// 示例“2011年2月3日—10日”；4.13.3.1：短横线用于“连接号码……以及用阿拉伯数字表示年月日等”。
    ///
    /// ## 选项
    /// - `connector`（字符串，默认 `"—"`）：首选连接号，可取 `"—"`、`"～"` 或 `"至"`。取 `"～"` 时半角 `~`
    ///   视为网页转换后的 `～`，不报告；取 `"至"` 时其他连接号一律改为“至”。
    pub struct RangeConnector {
        connector: Connector,
    }
    meta {
        code: "D005",
        name: "range-connector",
        severity: Warning,
        summary: "年份或日期范围的连接号不是一字线“—”（或所配置的连接号）",
        fix: Always,
        reads: [DATES],
    }
}

/// The preferred range connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    Dash,
    Wave,
    Zhi,
}

impl Connector {
    pub fn parse(s: &str) -> Result<Connector, String> {
        match s {
            "—" => Ok(Connector::Dash),
            "～" => Ok(Connector::Wave),
            "至" => Ok(Connector::Zhi),
            _ => Err(format!(
                "connector: “{s}” 不是可选的连接号，可取 \"—\"、\"～\" 或 \"至\""
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Connector::Dash => "—",
            Connector::Wave => "～",
            Connector::Zhi => "至",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Connector::Dash => "一字线“—”",
            Connector::Wave => "浪纹线“～”",
            Connector::Zhi => "“至”",
        }
    }

    /// Whether `c` is wrong in range `r` under this preference.
    fn wrong(self, c: &str, r: &DateRange) -> bool {
        match (self, c) {
            (Connector::Zhi, c) => c != "至",
            (_, "至") => r.bare_start && r.unit == Unit::Year,
            (Connector::Dash, c) => c != "—",
            (Connector::Wave, c) => c != "～" && c != "~",
        }
    }
}

/// The name of a connector as written.
pub fn conn_name(c: &str) -> String {
    let name = match c {
        "-" => "短横线",
        "－" => "全角短横线",
        "–" => "半字线",
        "‐" => "连字符",
        "―" => "横线",
        "~" => "半角浪纹线",
        "～" => "浪纹线",
        "〜" => "波浪号",
        "——" => "破折号",
        "—" => "一字线",
        "一" => "形似一字线的汉字",
        "至" => "",
        _ => "",
    };
    format!("{name}“{c}”")
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    pub connector: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connector: "—".into(),
        }
    }
}

impl BuiltinRule for RangeConnector {
    type Options = Options;
    fn new(o: Options) -> Result<Self, String> {
        Ok(RangeConnector {
            connector: Connector::parse(&o.connector)?,
        })
    }
}

pub fn kind_of(r: &DateRange) -> &'static str {
    if r.unit == Unit::Year && r.start.month.is_none() && r.end.month.is_none() {
        "年份范围"
    } else {
        "日期范围"
    }
}

/// A span of clock times joined by a hyphen (`9:00-11:30`): group 1 is the
/// connector.
static CLOCK_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:^|[^0-9:：]){CLOCK} ?([-－–‐]) ?{CLOCK}(?:$|[^0-9:：])"
    ))
    .expect("clock range")
});

impl RangeConnector {
    /// Spans of clock times with a hyphen: looked for only on the lines
    /// that hold a colon (one SIMD pass for each width).
    fn clock_ranges(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let b = doc.text.as_bytes();
        // A clock's colon has a digit before it and two after it: most
        // colons of a Chinese text (`如下：`) are passed over here.
        let clock = |p: usize, len: usize| {
            p > 0
                && b[p - 1].is_ascii_digit()
                && b.get(p + len..p + len + 2)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        let mut colons: Vec<usize> = memchr::memchr_iter(b':', b)
            .filter(|&p| clock(p, 1))
            .collect();
        colons.extend(memchr::memmem::find_iter(b, "：".as_bytes()).filter(|&p| clock(p, 3)));
        if colons.is_empty() {
            return;
        }
        colons.sort_unstable();
        let mut last_line = usize::MAX;
        for p in colons {
            let line = doc.index.line_of(p);
            if line == last_line {
                continue;
            }
            last_line = line;
            if !matches!(doc.lines[line].kind, LineKind::Body | LineKind::Heading) {
                continue;
            }
            let r = doc.lines[line].content();
            let s = &doc.text[r.clone()];
            for c in CLOCK_RANGE.captures_iter(s) {
                let conn = c.get(1).expect("connector").range();
                let whole = c.get(0).expect("match").range();
                // The match takes one character on either side.
                let start = s[whole.clone()]
                    .find(|ch: char| ch.is_ascii_digit())
                    .map_or(whole.start, |k| whole.start + k);
                let end = s[..whole.end]
                    .rfind(|ch: char| ch.is_ascii_digit())
                    .map_or(whole.end, |k| k + 1);
                let written = &s[start..end];
                let to = self.connector.as_str();
                let fixed = format!("{}{to}{}", &s[start..conn.start], &s[conn.end..end]);
                let conn = r.start + conn.start..r.start + conn.end;
                out.push(
                    Diagnostic::new(
                        r.start + start..r.start + end,
                        format!(
                            "时间范围“{written}”的连接号应为{}，这里用的是{}",
                            self.connector.describe(),
                            conn_name(&doc.text[conn.clone()])
                        ),
                    )
                    .with_label(conn.clone(), "连接号")
                    .with_fix(Fix::safe(
                        format!("改为“{fixed}”"),
                        vec![Edit::replace(conn, to)],
                    )),
                );
            }
        }
    }
}

impl Rule for RangeConnector {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        self.clock_ranges(cx, out);
        let text = cx.text();
        let ranges = || cx.dates().iter().filter_map(|m| m.as_range());
        // The standard allows the 浪纹线 for the ends of a time (4.13.3.2:
        // “一般用一字线，有时也可用浪纹线”): a document that writes its date
        // ranges with ～ (and its lookalikes ~ 〜 at most, besides 至) is held
        // to ～; one that writes them with ～ and a dash is held to the
        // preferred connector. Either way the fixes leave nothing to report.
        let mut wave = None;
        for r in ranges() {
            let Some(conn) = r.connector.clone() else {
                continue;
            };
            let c = &text[conn.clone()];
            if !self.connector.wrong(c, r) {
                continue;
            }
            let wave = *wave.get_or_insert_with(|| {
                self.connector == Connector::Dash && {
                    let mut full = false;
                    ranges().filter_map(|r| r.connector.as_ref()).all(|k| {
                        let k = &text[k.clone()];
                        full |= k == "～";
                        matches!(k, "～" | "~" | "〜" | "至")
                    }) && full
                }
            });
            let (pref, to) = if wave && c != "至" {
                if c == "～" {
                    continue;
                }
                (Connector::Wave.describe(), "～")
            } else {
                (self.connector.describe(), self.connector.as_str())
            };
            let note = match (c, wave) {
                ("～", false) => "（标准也允许浪纹线，但本文的日期范围没有统一用浪纹线）",
                (_, true) if c != "至" => "（本文的日期范围用的是浪纹线）",
                _ => "",
            };
            let written = &*crate::document::joined(&text[r.range.clone()]);
            let fixed = format!(
                "{}{to}{}",
                &text[r.range.start..conn.start],
                &text[conn.end..r.range.end]
            );
            out.push(
                Diagnostic::new(
                    r.range.clone(),
                    format!(
                        "{}“{written}”的连接号应为{pref}，这里用的是{}{note}",
                        kind_of(r),
                        conn_name(c),
                    ),
                )
                .with_label(conn.clone(), "连接号")
                .with_fix(Fix::safe(
                    format!("改为“{fixed}”"),
                    vec![Edit::replace(conn, to)],
                )),
            );
        }
    }
}
