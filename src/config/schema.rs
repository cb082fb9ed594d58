//! The TOML schema shared by `gwlint.toml` and the built-in packs in `rules/`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One configuration file or rule pack.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Other configuration files to load first (paths relative to this file).
    pub extend: Vec<Spanned<String>>,
    /// Rules to enable, replacing what earlier layers selected: codes,
    /// prefixes, families (`"A"`), rule names, or `"ALL"`.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to enable in addition to what earlier layers selected.
    pub extend_select: Vec<Spanned<String>>,
    /// Rules to disable.
    pub ignore: Vec<Spanned<String>>,
    /// Paths (globs relative to this file) that a directory walk skips.
    pub exclude: Vec<Spanned<String>>,
    /// The report year when the document does not state one.
    pub report_year: Option<Spanned<i32>>,
    /// The document profile for every file this configuration governs.
    pub profile: Option<Spanned<String>>,
    /// Profiles per glob: `"reports/**" = "annual-report"` or a path to a pack.
    pub profiles: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Severity per code, prefix, family or name.
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Options per rule: `[rules.D201]`.
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Table>>,
    /// Codes to ignore per glob (relative to this file).
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    /// Rules defined in TOML.
    pub custom_rules: Vec<Spanned<CustomRuleDef>>,
    /// Present in a profile pack: its name and how to recognise its documents.
    pub pack: Option<PackDef>,
}

/// A rule written in TOML, in the two forms Vale users know: existence
/// (`pattern` must not appear) and substitution (`pattern` → `replacement`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CustomRuleDef {
    /// `X` and three digits in a user configuration.
    pub code: Spanned<String>,
    /// Kebab-case name.
    pub name: Spanned<String>,
    /// The finding's message; `{match}` is replaced by the matched text and
    /// `{replacement}` by the expanded replacement.
    pub message: String,
    #[serde(default)]
    pub severity: Option<Spanned<String>>,
    /// A regular expression (Rust `regex` syntax).
    pub pattern: Spanned<String>,
    /// Makes the rule a substitution; `$1` … refer to the pattern's groups.
    #[serde(default)]
    pub replacement: Option<String>,
    /// Matches that lie inside a match of one of these expressions are not
    /// reported.
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// `safe` (default) or `unsafe`: how `--fix` treats the replacement.
    #[serde(default)]
    pub fix: Option<Spanned<String>>,
    /// One line for `gwlint rules`; defaults to the message.
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer documentation for `gwlint rule CODE`.
    #[serde(default)]
    pub doc: Option<String>,
    /// Where the rule comes from (a standard, a guide, an office's style sheet).
    #[serde(default)]
    pub source: Option<String>,
}

/// The `[pack]` table of a profile pack.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PackDef {
    pub name: String,
    pub description: String,
    pub detect: Option<Detect>,
}

/// How a profile recognises its documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Detect {
    /// Every word must appear in the title.
    pub title_contains: Vec<String>,
    /// The title must end with one of these (when given).
    pub title_ends_with: Vec<String>,
    /// Without a title: every word must appear in the opening paragraphs.
    pub opening_contains: Vec<String>,
    /// The title may also name a report on one year's work in a field
    /// (`2025年度行政复议工作报告`, `2025年普法工作总结`; see
    /// `config::reports_on_a_field_year`): such a title matches as one that
    /// ends with a word of `title-ends-with` does.
    pub title_reports_on_year: bool,
    /// The document must state a report year.
    pub needs_year: bool,
    /// Higher is tried first.
    pub priority: i32,
}
