//! Family N: document numbers (发文字号) per GB/T 9704-2012 7.2.5:
//! 机关代字〔年份〕序号号.
//!
//! Every rule of the family takes the organ-code options of
//! [`OrganOptions`] (`organs`, `organ-patterns`), so that a user can narrow
//! or widen what counts as a 发文字号 rule by rule.

use regex::Regex;
use serde::Deserialize;

use crate::extract::docnum::DocNumber;
use crate::rules::RuleSpec;

mod n001_wrong_brackets;
mod n002_missing_close_bracket;
mod n003_missing_hao;
mod n004_leading_zero;
mod n005_extra_di;
mod n006_space_inside;
mod n007_short_year;
mod n008_year_out_of_range;
mod n009_missing_open_bracket;

pub const RULES: &[RuleSpec] = &[
    n001_wrong_brackets::WrongBrackets::SPEC,
    n002_missing_close_bracket::MissingCloseBracket::SPEC,
    n003_missing_hao::MissingHao::SPEC,
    n004_leading_zero::LeadingZero::SPEC,
    n005_extra_di::ExtraDi::SPEC,
    n006_space_inside::SpaceInside::SPEC,
    n007_short_year::ShortYear::SPEC,
    n008_year_out_of_range::YearOutOfRange::SPEC,
    n009_missing_open_bracket::MissingOpenBracket::SPEC,
];

/// The organ-code options every N rule accepts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OrganOptions {
    /// Allow-list: when not empty, only numbers whose 机关代字 ends with one
    /// of these are checked.
    pub organs: Vec<String>,
    /// Extra regular expressions for organ codes that do not end with a Han
    /// character or a Latin letter the default way (matched against the
    /// organ code as extracted).
    pub organ_patterns: Vec<String>,
}

/// What a rule keeps of [`OrganOptions`].
#[derive(Debug, Default)]
pub struct OrganFilter {
    organs: Vec<String>,
    patterns: Vec<Regex>,
}

impl OrganFilter {
    pub fn new(organs: Vec<String>, patterns: &[String]) -> Result<Self, String> {
        let patterns = patterns
            .iter()
            .map(|p| {
                crate::rules::regex(p).map_err(|e| {
                    format!(
                        "organ-patterns: “{p}” 不是有效的正则表达式：{}",
                        crate::config::zh::regex_message(&e.to_string())
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(OrganFilter { organs, patterns })
    }

    pub fn from_options(o: OrganOptions) -> Result<Self, String> {
        Self::new(o.organs, &o.organ_patterns)
    }

    /// Whether `n` is a 发文字号 this rule checks.
    ///
    /// With the default options, a number whose organ holds a Han character
    /// (nearly every one) is accepted without reading the text: every N rule
    /// asks this of every number, and a large document's numbers lie far
    /// apart in it. Other organs (`ABC〔2021〕3号`) are read as before.
    pub fn accepts(&self, text: &str, n: &DocNumber) -> bool {
        let default_ok = n.organ_has_han();
        if default_ok && self.organs.is_empty() {
            return true;
        }
        let organ = &text[n.organ()];
        let ok = default_ok || self.patterns.iter().any(|p| p.is_match(organ));
        ok && (self.organs.is_empty() || self.organs.iter().any(|o| organ.ends_with(o.as_str())))
    }
}

/// The standard form of `n`, from the bracket on: `〔2017〕123号`.
pub fn standard_tail(text: &str, n: &DocNumber) -> String {
    let serial = text[n.serial()].trim_start_matches('0');
    let serial = if serial.is_empty() { "0" } else { serial };
    format!("〔{}〕{}号", &text[n.year()], serial)
}

/// The number from the bracket on, as written.
pub fn written_tail<'t>(text: &'t str, n: &DocNumber) -> &'t str {
    &text[n.open().start..n.range().end]
}

/// The first year a current 发文字号 can have.
pub const FIRST_YEAR: i32 = 1949;

/// Whether `year` can be the year of a document this one cites: a plausible
/// year, not before [`FIRST_YEAR`] and not after the document's own date
/// (`own`, from [`own_year`]).
pub fn citable_year(year: i32, own: Option<(i32, &'static str)>) -> bool {
    crate::extract::dates::plausible_year(year)
        && year >= FIRST_YEAR
        && own.is_none_or(|(y, _)| year <= y)
}

/// The document's own date: its 成文日期 if it has one, else its
/// publication date. The 成文日期 is the one [`crate::rules::dates::signing`]
/// finds: an attachment printed after the signature (a forwarded document)
/// ends with its own date, which is not this document's.
pub fn own_year(cx: &crate::rules::Context<'_>) -> Option<(i32, &'static str)> {
    let signing = crate::rules::dates::signing(cx).and_then(|d| d.year.map(|y| (y, "成文日期")));
    signing.or_else(|| {
        cx.dates()
            .iter()
            .filter_map(|m| m.as_date())
            .find(|d| d.role == crate::extract::dates::Role::Published)
            .and_then(|d| d.year.map(|y| (y, "发布日期")))
    })
}
