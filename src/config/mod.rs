//! Configuration: the built-in packs, `gwlint.toml` files and the command
//! line, layered in that order.
//!
//! A [`Chain`] is what one `gwlint.toml` (with the files it `extend`s and the
//! command-line overrides) says. Together with the built-in base packs and
//! the document's profile pack it resolves to a [`RuleSet`]: the enabled
//! rules with their severities and options. Every value remembers the layer
//! it came from, so `gwlint config` can say where each part came from.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use globset::{Glob, GlobMatcher};
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::rules::{self, RuleMeta};

pub mod error;
mod resolve;
pub mod schema;
pub mod zh;

pub use error::ConfigError;
pub use resolve::{ActiveRule, RuleProvenance, RuleSet, build_ruleset};
pub use schema::{ConfigFile, CustomRuleDef, Detect, PackDef};

/// The name of the configuration file gwlint looks for.
pub const CONFIG_NAME: &str = "gwlint.toml";

/// Where a layer of configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin(&'static str),
    File(PathBuf),
    Cli,
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Builtin(name) => format!("builtin:{name}"),
            Origin::File(p) => p.display().to_string(),
            Origin::Cli => "command line".to_string(),
        }
    }

    pub fn is_builtin(&self) -> bool {
        matches!(self, Origin::Builtin(_))
    }
}

/// One parsed configuration file or pack.
#[derive(Debug)]
pub struct Layer {
    pub origin: Origin,
    /// Directory that relative paths and globs in this layer are taken from.
    pub dir: PathBuf,
    pub text: Arc<str>,
    pub file: ConfigFile,
}

impl Layer {
    pub fn parse(origin: Origin, dir: PathBuf, text: &str) -> Result<Layer, ConfigError> {
        let text: Arc<str> = Arc::from(text);
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let msg = zh::message(e.message());
            ConfigError::new(origin.describe(), text.clone(), e.span(), msg)
        })?;
        Ok(Layer {
            origin,
            dir,
            text,
            file,
        })
    }

    pub fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::new(
            self.origin.describe(),
            self.text.clone(),
            Some(span),
            message,
        )
    }
}

/// The built-in packs, embedded in the binary.
pub mod packs {
    /// Always applied, in this order.
    pub const BASE: &[(&str, &str)] = &[
        ("general", include_str!("../../rules/general.toml")),
        ("usage", include_str!("../../rules/usage.toml")),
    ];
    /// Profile packs, applied when a document is of their kind.
    pub const PROFILES: &[(&str, &str)] = &[
        (
            "annual-report",
            include_str!("../../rules/annual-report.toml"),
        ),
        ("notice", include_str!("../../rules/notice.toml")),
        ("work-report", include_str!("../../rules/work-report.toml")),
        (
            "disclosure-report",
            include_str!("../../rules/disclosure-report.toml"),
        ),
    ];
}

/// The parsed built-in packs.
pub struct Builtins {
    pub base: Vec<Arc<Layer>>,
    /// Profile packs, highest detection priority first.
    pub profiles: Vec<Arc<Layer>>,
}

static BUILTINS: LazyLock<Result<Builtins, ConfigError>> = LazyLock::new(load_builtins);

fn load_builtins() -> Result<Builtins, ConfigError> {
    let dir = PathBuf::from("rules");
    let mut base = Vec::new();
    for (name, text) in packs::BASE {
        base.push(Arc::new(Layer::parse(
            Origin::Builtin(name),
            dir.clone(),
            text,
        )?));
    }
    let mut profiles = Vec::new();
    for (name, text) in packs::PROFILES {
        let layer = Layer::parse(Origin::Builtin(name), dir.clone(), text)?;
        if layer.file.pack.as_ref().map(|p| p.name.as_str()) != Some(*name) {
            return Err(ConfigError::plain(
                layer.origin.describe(),
                format!("配置包必须声明 [pack] name = \"{name}\""),
            ));
        }
        profiles.push(Arc::new(layer));
    }
    profiles.sort_by_key(|l| {
        -l.file
            .pack
            .as_ref()
            .and_then(|p| p.detect.as_ref())
            .map_or(0, |d| d.priority)
    });
    Ok(Builtins { base, profiles })
}

/// Validate the built-in packs like any other configuration. They are
/// constants of the binary, so this runs in the test suite
/// (`config::tests::builtin_packs_validate`) rather than at every start,
/// where it would build every configured rule twice.
#[cfg(test)]
fn validate_builtins(b: &Builtins) -> Result<(), ConfigError> {
    let all: Vec<Arc<Layer>> = b.base.iter().chain(&b.profiles).cloned().collect();
    let known = known_rules(&all)?;
    for l in &all {
        validate_layer(l, &known)?;
    }
    Ok(())
}

pub fn builtins() -> Result<&'static Builtins, ConfigError> {
    BUILTINS.as_ref().map_err(Clone::clone)
}

/// Every string the built-in packs hold in rule options and TOML rules
/// (their patterns among them): constants of the binary, which the test
/// suite checks. A pattern that is one of them is compiled when it is first
/// needed rather than when the packs are read (see
/// [`crate::rules::pattern`]).
pub fn builtin_strings() -> &'static HashSet<&'static str> {
    static STRINGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        fn walk<'a>(v: &'a toml::Value, out: &mut HashSet<&'a str>) {
            match v {
                toml::Value::String(s) => {
                    out.insert(s);
                }
                toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = HashSet::new();
        let Ok(b) = builtins() else {
            return out;
        };
        for l in b.base.iter().chain(&b.profiles) {
            for t in l.file.rules.values() {
                t.get_ref().values().for_each(|v| walk(v, &mut out));
            }
            for d in &l.file.custom_rules {
                let d = d.get_ref();
                out.insert(d.pattern.get_ref());
                out.extend(d.exceptions.iter().map(|e| e.get_ref().as_str()));
            }
        }
        out
    });
    &STRINGS
}

/// Whether `s` is one of [`builtin_strings`].
pub fn is_builtin_string(s: &str) -> bool {
    builtin_strings().contains(s)
}

/// Which profile a document gets, and why.
#[derive(Debug, Clone)]
pub struct ProfileChoice {
    pub name: String,
    /// The pack that defines it (none for `general`).
    pub pack: Option<Arc<Layer>>,
    /// How it was chosen, for `gwlint config`.
    pub reason: String,
}

#[derive(Debug, Clone)]
enum ProfileRef {
    General,
    Pack(Arc<Layer>),
}

/// The configuration a `gwlint.toml` (and what it extends, and the command
/// line) gives, before a document's profile is known.
#[derive(Debug)]
pub struct Chain {
    pub id: u64,
    /// Extended files first, then the file itself, then the command line.
    pub layers: Vec<Arc<Layer>>,
    per_file_ignores: Vec<(GlobMatcher, PathBuf, Vec<String>, String)>,
    profiles: Vec<(GlobMatcher, PathBuf, ProfileRef, String)>,
    forced_profile: Option<(ProfileRef, String)>,
    excludes: Vec<(GlobMatcher, PathBuf)>,
    pub report_year: Option<(i32, String)>,
    /// Every rule the chain's files can name (built-in and custom).
    pub known: Known,
}

static NEXT_CHAIN: AtomicU64 = AtomicU64::new(1);

impl Chain {
    /// Build a chain from the user layers (already in order).
    pub fn new(layers: Vec<Arc<Layer>>) -> Result<Chain, ConfigError> {
        let b = builtins()?;
        let all: Vec<Arc<Layer>> = b
            .base
            .iter()
            .chain(&b.profiles)
            .chain(&layers)
            .cloned()
            .collect();
        let known = known_rules(&all)?;
        let mut chain = Chain {
            id: NEXT_CHAIN.fetch_add(1, Ordering::Relaxed),
            layers: Vec::new(),
            per_file_ignores: Vec::new(),
            profiles: Vec::new(),
            forced_profile: None,
            excludes: Vec::new(),
            report_year: None,
            known: Known { rules: Vec::new() },
        };
        for layer in &layers {
            validate_layer(layer, &known)?;
            let f = &layer.file;
            let who = layer.origin.describe();
            for (glob, codes) in &f.per_file_ignores {
                let m = compile_glob(layer, glob)?;
                let codes = codes.iter().map(|c| c.get_ref().clone()).collect();
                chain
                    .per_file_ignores
                    .push((m, layer.dir.clone(), codes, who.clone()));
            }
            for (glob, prof) in &f.profiles {
                let m = compile_glob(layer, glob)?;
                let r = profile_ref(layer, prof)?;
                chain.profiles.push((
                    m,
                    layer.dir.clone(),
                    r,
                    format!("{who}: [profiles] \"{}\"", glob.get_ref()),
                ));
            }
            if let Some(p) = &f.profile {
                chain.forced_profile = Some((profile_ref(layer, p)?, format!("{who}: profile")));
            }
            for g in &f.exclude {
                chain
                    .excludes
                    .push((compile_glob(layer, g)?, layer.dir.clone()));
            }
            if let Some(y) = &f.report_year {
                if !(1949..=2200).contains(y.get_ref()) {
                    return Err(layer.error(
                        y.span(),
                        format!(
                            "report-year = {} 不像是年份：应在 1949 到 2200 之间",
                            y.get_ref()
                        ),
                    ));
                }
                chain.report_year = Some((*y.get_ref(), who.clone()));
            }
        }
        chain.layers = layers;
        chain.known = known;
        Ok(chain)
    }

    /// Codes ignored for `path` by `per-file-ignores`, with the layer that said so.
    pub fn ignored_for(&self, path: &Path) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for (m, dir, codes, who) in &self.per_file_ignores {
            if m.is_match(relative_to(path, dir)) {
                out.extend(codes.iter().map(|c| (c.as_str(), who.as_str())));
            }
        }
        out
    }

    /// Whether a directory walk should skip `path`.
    pub fn excludes(&self, path: &Path) -> bool {
        if self.excludes.is_empty() {
            return false;
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.excludes
            .iter()
            .any(|(m, dir)| m.is_match(relative_to(&abs, dir)))
    }

    /// Choose the profile of a document: configuration first, then detection.
    pub fn profile_for(
        &self,
        path: &Path,
        doc: &Document<'_>,
    ) -> Result<ProfileChoice, ConfigError> {
        let chosen = self
            .profiles
            .iter()
            .rev()
            .find(|(m, dir, _, _)| m.is_match(relative_to(path, dir)))
            .map(|(_, _, r, why)| (r.clone(), why.clone()))
            .or_else(|| self.forced_profile.clone());
        if let Some((r, why)) = chosen {
            return Ok(match r {
                ProfileRef::General => ProfileChoice {
                    name: "general".into(),
                    pack: None,
                    reason: why,
                },
                ProfileRef::Pack(l) => ProfileChoice {
                    name: pack_name(&l),
                    pack: Some(l),
                    reason: why,
                },
            });
        }
        for l in &builtins()?.profiles {
            if let Some(d) = l.file.pack.as_ref().and_then(|p| p.detect.as_ref())
                && detect(d, doc)
            {
                return Ok(ProfileChoice {
                    name: pack_name(l),
                    pack: Some(l.clone()),
                    reason: "detected".into(),
                });
            }
        }
        Ok(ProfileChoice {
            name: "general".into(),
            pack: None,
            reason: "detected (no profile matched)".into(),
        })
    }
}

fn pack_name(l: &Layer) -> String {
    l.file
        .pack
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

fn profile_ref(layer: &Layer, v: &Spanned<String>) -> Result<ProfileRef, ConfigError> {
    let name = v.get_ref();
    if name == "general" {
        return Ok(ProfileRef::General);
    }
    if let Some(l) = builtins()?.profiles.iter().find(|l| pack_name(l) == *name) {
        return Ok(ProfileRef::Pack(l.clone()));
    }
    if name.ends_with(".toml") {
        let path = layer.dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            layer.error(
                v.span(),
                format!(
                    "无法读取配置包 {}：{}",
                    path.display(),
                    crate::source::io_reason(&e)
                ),
            )
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let pack = Layer::parse(Origin::File(path.clone()), dir, &text)?;
        if pack.file.pack.is_none() {
            return Err(layer.error(
                v.span(),
                format!("{} 没有 [pack] 表，不是配置包", path.display()),
            ));
        }
        let b = builtins()?;
        let all: Vec<Arc<Layer>> = b.base.to_vec();
        let mut known = known_rules(&all)?;
        known.extend(custom_codes(&pack));
        validate_layer(&pack, &known)?;
        return Ok(ProfileRef::Pack(Arc::new(pack)));
    }
    let names: Vec<String> = builtins()?.profiles.iter().map(|l| pack_name(l)).collect();
    Err(layer.error(
        v.span(),
        format!(
            "没有名为“{name}”的文档类型：可写 general、{}，或以 .toml 结尾的配置包路径",
            names.join("、")
        ),
    ))
}

/// Does a document match a profile's detection rule?
pub fn detect(d: &Detect, doc: &Document<'_>) -> bool {
    if d.needs_year && doc.report_year.is_none() {
        return false;
    }
    match &doc.title {
        Some(t) => {
            let title = t.text.trim_end_matches(['。', '.']);
            d.title_contains.iter().all(|w| title.contains(w.as_str()))
                && (d.title_ends_with.is_empty() && !d.title_reports_on_year
                    || d.title_ends_with
                        .iter()
                        .any(|w| title.ends_with(w.as_str()))
                    || d.title_reports_on_year && field_report(doc, title))
        }
        None => {
            if d.opening_contains.is_empty() {
                return false;
            }
            let opening: String = doc
                .lines
                .iter()
                .filter(|l| l.kind == crate::document::LineKind::Body)
                .take(4)
                .map(|l| &doc.text[l.content()])
                .collect();
            d.opening_contains
                .iter()
                .all(|w| opening.contains(w.as_str()))
        }
    }
}

/// Whether the title names a report on one year's work in a field, with
/// the report year taken from the title: see [`reports_on_a_field_year`].
fn field_report(doc: &Document<'_>, title: &str) -> bool {
    doc.report_year
        .as_ref()
        .filter(|y| y.source == crate::document::YearSource::Title)
        .is_some_and(|y| reports_on_a_field_year(title, &doc.text[y.range.clone()]))
}

/// The endings of a title that reports on a year's work in a field, and
/// whether they need the year written `Y年度`: `2025年行政复议工作报告` may
/// be a report made in 2025 on the year before, as a 政府工作报告 is, while
/// `2025年度…工作报告` and `2025年…工作总结`, `…工作情况报告` look back on 2025.
const FIELD_REPORT_ENDINGS: [(&str, bool); 6] = [
    ("工作报告", true),
    ("工作总结报告", false),
    ("工作总结", false),
    ("工作情况报告", false),
    ("工作情况的报告", false),
    ("工作情况总结", false),
];

/// Whether `title` names a report on the work of one year (`year`, as the
/// title writes it: `2025`, `二〇二五`) in a field: the year followed by 年度
/// or 年, the name of the field, and one of the endings of a report (`工作报告`, `工作总结`, `工作情况报告` …)
/// (`某县人民政府2025年度行政复议工作报告`, `关于2025年度公平竞争审查工作情况的报告`,
/// `某局2025年执法工作总结`). Not when the field names a part of the year
/// (`2025年上半年工作总结`, `…第一季度…`, `…1—6月…`) or a time since the year
/// (`2021年以来`), and not a report made to a people's congress, whose year
/// is the year it is made (`政府工作报告`, `法院工作报告`, `检察院工作报告`,
/// `常委会工作报告`). A 工作要点, 工作计划, 实施方案 or 通知 does not end so.
pub fn reports_on_a_field_year(title: &str, year: &str) -> bool {
    let Some(&(ending, needs_du)) = FIELD_REPORT_ENDINGS
        .iter()
        .find(|(e, _)| title.ends_with(e))
    else {
        return false;
    };
    let head = &title[..title.len() - ending.len()];
    let Some(rest) = head
        .match_indices(year)
        .find(|&(i, _)| {
            !head[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || crate::document::is_range_mark(c))
        })
        .and_then(|(i, _)| head[i + year.len()..].strip_prefix('年'))
    else {
        return false;
    };
    let (field, du) = match rest.strip_prefix('度') {
        Some(f) => (f, true),
        None => (rest, false),
    };
    if needs_du && !du {
        return false;
    }
    let part_of_year = ["半年", "季度", "月", "以来"];
    let congress = ["政府", "法院", "检察院", "常委会", "常务委员会"];
    !field.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !part_of_year.iter().any(|w| field.contains(w))
        && !congress.iter().any(|w| field.ends_with(w))
}

fn compile_glob(layer: &Layer, g: &Spanned<String>) -> Result<GlobMatcher, ConfigError> {
    Glob::new(g.get_ref())
        .map(|g| g.compile_matcher())
        .map_err(|e| layer.error(g.span(), format!("路径通配符写法有误：{}", e.kind())))
}

/// `path` relative to `dir` when it lies below it, else as given.
fn relative_to<'p>(path: &'p Path, dir: &Path) -> &'p Path {
    let stripped = path.strip_prefix(dir).ok().or_else(|| {
        let cwd_rel = path.strip_prefix(".").ok()?;
        cwd_rel.strip_prefix(dir).ok()
    });
    stripped.unwrap_or(path)
}

/// Codes and names of every rule the layers can refer to.
#[derive(Debug)]
pub struct Known {
    rules: Vec<(String, String)>,
}

impl Known {
    fn extend(&mut self, rules: impl IntoIterator<Item = (String, String)>) {
        self.rules.extend(rules);
    }

    pub fn matches(&self, selector: &str) -> bool {
        if selector == "ALL" || (selector.len() == 1 && "SNDAPX".contains(selector)) {
            return true;
        }
        self.rules
            .iter()
            .any(|(c, n)| specificity_of(selector, c, n).is_some())
    }
}

fn custom_codes(layer: &Layer) -> Vec<(String, String)> {
    layer
        .file
        .custom_rules
        .iter()
        .map(|d| {
            (
                d.get_ref().code.get_ref().clone(),
                d.get_ref().name.get_ref().clone(),
            )
        })
        .collect()
}

fn known_rules(layers: &[Arc<Layer>]) -> Result<Known, ConfigError> {
    let mut rules: Vec<(String, String)> = rules::builtin()
        .map(|s| (s.meta.code.to_string(), s.meta.name.to_string()))
        .collect();
    for l in layers {
        rules.extend(custom_codes(l));
    }
    Ok(Known { rules })
}

/// How specifically `selector` names the rule: `None` if it does not.
/// `ALL` < family < longer prefixes < the full code or the name.
pub fn specificity(selector: &str, meta: &RuleMeta) -> Option<usize> {
    specificity_of(selector, meta.code, meta.name)
}

/// [`specificity`] for a rule known by its code and name.
pub fn specificity_of(selector: &str, code: &str, name: &str) -> Option<usize> {
    if selector == "ALL" {
        return Some(0);
    }
    if selector == name {
        return Some(4);
    }
    let code = code.as_bytes();
    let sel = selector.as_bytes();
    (!sel.is_empty() && sel.len() <= code.len() && code[..sel.len()].eq_ignore_ascii_case(sel))
        .then_some(sel.len())
}

/// Check everything in a layer that can be checked on its own, so that an
/// error points into the file that has it.
fn validate_layer(layer: &Layer, known: &Known) -> Result<(), ConfigError> {
    let f = &layer.file;
    let check_sel = |s: &Spanned<String>| -> Result<(), ConfigError> {
        if known.matches(s.get_ref()) {
            Ok(())
        } else {
            Err(layer.error(
                s.span(),
                format!(
                    "没有代码或名称为“{}”的规则（`gwlint rules` 列出全部规则）",
                    s.get_ref()
                ),
            ))
        }
    };
    for s in f
        .select
        .iter()
        .flatten()
        .chain(&f.extend_select)
        .chain(&f.ignore)
    {
        check_sel(s)?;
    }
    for codes in f.per_file_ignores.values() {
        for s in codes {
            check_sel(s)?;
        }
    }
    for (k, v) in &f.severity {
        check_sel(k)?;
        if Severity::parse(v.get_ref()).is_none() {
            return Err(layer.error(
                v.span(),
                format!("不认识的级别“{}”：可写 error、warning 或 info", v.get_ref()),
            ));
        }
    }
    for (k, table) in &f.rules {
        let key = k.get_ref();
        if let Some(spec) = rules::find_builtin(key) {
            if let Err(e) = (spec.build)(table.get_ref()) {
                return Err(
                    layer.error(table.span(), format!("{} 的选项有误：{e}", spec.meta.code))
                );
            }
        } else if !f
            .custom_rules
            .iter()
            .any(|c| c.get_ref().code.get_ref() == key)
            && !known.matches(key)
        {
            return Err(layer.error(k.span(), format!("[rules] 中的“{key}”不是规则")));
        } else if f
            .custom_rules
            .iter()
            .all(|c| c.get_ref().code.get_ref() != key)
        {
            return Err(layer.error(
                k.span(),
                format!("[rules.{key}] 只能写一条内置规则的代码或名称"),
            ));
        }
    }
    if f.pack.is_some() && !layer.origin.is_builtin() && matches!(layer.origin, Origin::Cli) {
        return Err(ConfigError::plain(
            layer.origin.describe(),
            "[pack] 只能写在配置包里",
        ));
    }
    let mut seen = HashSet::new();
    for def in &f.custom_rules {
        let def = def.get_ref();
        let code = def.code.get_ref();
        if !seen.insert(code.clone()) {
            return Err(layer.error(
                def.code.span(),
                format!("自定义规则 {code} 在本文件中定义了两次"),
            ));
        }
        rules::custom::CustomRule::from_def(def, &layer.origin)
            .map_err(|(span, msg)| layer.error(span, msg))?;
    }
    Ok(())
}

/// Find the nearest `gwlint.toml` at or above `dir`. Whatever stands there
/// under that name is taken, not only a readable file: a broken symbolic
/// link or a directory becomes an error when it is loaded, rather than a
/// configuration passed over in silence for the one above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        let p = d.join(CONFIG_NAME);
        if p.symlink_metadata().is_ok() {
            return Some(p);
        }
        cur = d.parent();
    }
    None
}

/// Load a configuration file and the files it extends, in layering order.
pub fn load_file_layers(path: &Path) -> Result<Vec<Arc<Layer>>, ConfigError> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    load_rec(path, None, &mut stack, &mut out)?;
    Ok(out)
}

fn load_rec(
    path: &Path,
    from: Option<(&Layer, &Spanned<String>)>,
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<Arc<Layer>>,
) -> Result<(), ConfigError> {
    let canon = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let err = |msg: String| match from {
        Some((l, s)) => l.error(s.span(), msg),
        None => ConfigError::plain(path.display().to_string(), msg),
    };
    if stack.contains(&canon) {
        return Err(err(format!(
            "{} 经 extend 引用了它自己（extend 成环）",
            path.display()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        err(format!(
            "无法读取 {}：{}",
            path.display(),
            crate::source::io_reason(&e)
        ))
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let layer = Layer::parse(Origin::File(path.to_path_buf()), dir, &text)?;
    stack.push(canon);
    for e in &layer.file.extend {
        let target = layer.dir.join(e.get_ref());
        load_rec(&target, Some((&layer, e)), stack, out)?;
    }
    stack.pop();
    out.push(Arc::new(layer));
    Ok(())
}

/// Overrides given on the command line, as a layer of their own.
#[derive(Debug, Default, Clone)]
pub struct CliOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

impl CliOverrides {
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }

    /// The overrides as a TOML layer, so they are validated and reported like
    /// any other.
    pub fn layer(&self) -> Result<Option<Layer>, ConfigError> {
        if self.is_empty() {
            return Ok(None);
        }
        let mut t = toml::Table::new();
        let arr =
            |v: &[String]| toml::Value::Array(v.iter().cloned().map(toml::Value::String).collect());
        if let Some(s) = &self.select {
            t.insert("select".into(), arr(s));
        }
        if !self.extend_select.is_empty() {
            t.insert("extend-select".into(), arr(&self.extend_select));
        }
        if !self.ignore.is_empty() {
            t.insert("ignore".into(), arr(&self.ignore));
        }
        let text = toml::to_string(&t).unwrap_or_default();
        Layer::parse(Origin::Cli, PathBuf::from("."), &text).map(Some)
    }
}

/// Severity keys of a layer sorted from least to most specific, for one rule.
pub(crate) fn severity_for(layer: &Layer, meta: &RuleMeta) -> Option<Severity> {
    let mut best: Option<(usize, Severity)> = None;
    for (k, v) in &layer.file.severity {
        if let Some(s) = specificity(k.get_ref(), meta) {
            let sev = Severity::parse(v.get_ref())?;
            if best.is_none_or(|(b, _)| s >= b) {
                best = Some((s, sev));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// What one layer says about enabling a rule, if anything.
pub(crate) fn layer_enables(layer: &Layer, meta: &RuleMeta) -> Option<bool> {
    let f = &layer.file;
    let best = |sels: &mut dyn Iterator<Item = &Spanned<String>>| {
        sels.filter_map(|s| specificity(s.get_ref(), meta)).max()
    };
    let sel = best(&mut f.select.iter().flatten().chain(&f.extend_select));
    let ign = best(&mut f.ignore.iter());
    match (f.select.is_some(), sel, ign) {
        (true, Some(s), Some(i)) => Some(s > i),
        (true, Some(_), None) => Some(true),
        (true, None, _) => Some(false),
        (false, None, None) => None,
        (false, Some(_), None) => Some(true),
        (false, None, Some(_)) => Some(false),
        (false, Some(s), Some(i)) => Some(s > i),
    }
}

/// Merge the option tables the layers give a rule, later keys winning.
pub(crate) fn merged_options(
    layers: &[&Layer],
    meta: &RuleMeta,
) -> (toml::Table, BTreeMap<String, String>) {
    let mut table = toml::Table::new();
    let mut origins = BTreeMap::new();
    for l in layers {
        for (k, v) in &l.file.rules {
            let key = k.get_ref();
            if key == meta.code || key == meta.name {
                for (ok, ov) in v.get_ref() {
                    table.insert(ok.clone(), ov.clone());
                    origins.insert(ok.clone(), l.origin.describe());
                }
            }
        }
    }
    (table, origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_reports_on_a_year() {
        for t in [
            "枫林县人民政府2025年度行政复议工作报告",
            "某县司法局2025年度普法工作总结",
            "某县人民政府2025年度行政复议工作情况报告",
            "某县司法局2025年度法治宣传教育工作报告",
            "某局关于2025年度公平竞争审查工作情况的报告",
            "某局2025年执法工作总结",
            "某局2025年度“八五”普法工作总结报告",
            "某局2025年信访工作情况报告",
            "某县2025年度工作报告",
        ] {
            assert!(reports_on_a_field_year(t, "2025"), "{t}");
        }
        assert!(reports_on_a_field_year(
            "某县二〇二五年度普法工作总结",
            "二〇二五"
        ));
        for t in [
            "岚西县2025年政府工作报告",
            "某县2025年度县人民政府工作报告",
            "某市2025年人民法院工作报告",
            "某县2025年行政复议工作报告",
            "某局2025年上半年工作总结",
            "某局2025年度上半年普法工作总结",
            "某局2025年第一季度执法工作情况报告",
            "某局2025年1-6月执法工作总结",
            "某局2025年一至六月执法工作总结",
            "某局2021年以来普法工作总结",
            "某局2024年至2025年度普法工作总结",
            "某局2025年普法工作要点",
            "某局2025年度普法工作计划",
            "关于报送2025年度普法工作总结的通知",
            "某县2025年度行政执法情况报告",
            "某局2025年度普法工作总结和2026年工作计划",
        ] {
            assert!(!reports_on_a_field_year(t, "2025"), "{t}");
        }
    }

    /// The built-in packs pass the checks a user's gwlint.toml gets: known
    /// selectors and severities, rule options that build. A broken pack
    /// fails here, not on a user's machine.
    #[test]
    fn builtin_packs_validate() {
        let b = load_builtins().expect("built-in packs parse");
        assert!(!b.base.is_empty() && !b.profiles.is_empty());
        validate_builtins(&b).expect("built-in packs validate");
    }

    /// The same check fails on a pack with bad options, so the test above
    /// cannot pass vacuously.
    #[test]
    fn validation_rejects_bad_rule_options() {
        let mut b = load_builtins().expect("built-in packs parse");
        let bad = Layer::parse(
            Origin::Builtin("bad"),
            PathBuf::from("rules"),
            "[rules.S001]\norder = [\"no-such-section\"]\n",
        )
        .expect("parses");
        b.base.push(Arc::new(bad));
        let e = validate_builtins(&b).expect_err("bad options are rejected");
        assert!(e.to_string().contains("S001"), "{e}");
    }
}
