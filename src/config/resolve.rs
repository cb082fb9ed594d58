//! Resolving layers into the rules that run, with provenance.

use std::collections::BTreeMap;

use super::{ConfigError, Layer, layer_enables, merged_options, severity_for};
use crate::diagnostic::Severity;
use crate::extract::{Reads, release_schedule, run_key};
use crate::rules::custom::CustomRule;
use crate::rules::{self, Rule, RuleMeta};

/// A rule that runs, with the severity it reports at.
pub struct ActiveRule {
    pub meta: RuleMeta,
    /// The code and name its findings carry.
    pub id: &'static crate::diagnostic::RuleId,
    pub severity: Severity,
    /// A layer set the severity; the rule's own per-finding severity yields.
    pub explicit_severity: bool,
    pub rule: Box<dyn Rule>,
}

/// Where a rule's settings came from.
#[derive(Debug, Clone)]
pub struct RuleProvenance {
    pub meta: RuleMeta,
    pub enabled: bool,
    pub enabled_by: String,
    pub severity: Severity,
    pub severity_by: String,
    pub options: toml::Table,
    pub option_origins: BTreeMap<String, String>,
}

/// The rules that run for one (configuration, profile) pair.
pub struct RuleSet {
    pub rules: Vec<ActiveRule>,
    /// What to free after each rule (parallel to `rules`): the extractions it
    /// is the last to read.
    pub release_after: Vec<Reads>,
    pub provenance: Vec<RuleProvenance>,
}

/// Resolve layers (lowest first) into a rule set.
pub fn build_ruleset(layers: &[&Layer]) -> Result<RuleSet, ConfigError> {
    // Custom rules: a later definition of the same code replaces an earlier one.
    let mut customs: Vec<(RuleMeta, &Layer, usize)> = Vec::new();
    for l in layers {
        for (i, def) in l.file.custom_rules.iter().enumerate() {
            let meta = CustomRule::from_def(def.get_ref(), &l.origin)
                .map_err(|(s, m)| l.error(s, m))?
                .meta;
            customs.retain(|(m, _, _)| m.code != meta.code);
            customs.push((meta, l, i));
        }
    }
    let mut metas: Vec<(RuleMeta, Option<(&Layer, usize)>)> =
        rules::builtin().map(|s| (s.meta, None)).collect();
    metas.extend(customs.iter().map(|(m, l, i)| (*m, Some((*l, *i)))));

    let mut set = RuleSet {
        rules: Vec::new(),
        release_after: Vec::new(),
        provenance: Vec::new(),
    };
    for (meta, custom) in metas {
        let mut enabled = false;
        let mut enabled_by = "default (not selected)".to_string();
        let mut severity = meta.severity;
        let mut severity_by = "rule default".to_string();
        let mut explicit = false;
        for l in layers {
            if let Some(on) = layer_enables(l, &meta) {
                enabled = on;
                enabled_by = l.origin.describe();
            }
            if let Some(s) = severity_for(l, &meta) {
                severity = s;
                severity_by = l.origin.describe();
                explicit = true;
            }
        }
        let (options, option_origins) = merged_options(layers, &meta);
        if enabled {
            let rule: Box<dyn Rule> = match custom {
                Some((l, i)) => {
                    let def = l.file.custom_rules[i].get_ref();
                    let mut r =
                        CustomRule::from_def(def, &l.origin).map_err(|(s, m)| l.error(s, m))?;
                    r.meta.severity = severity;
                    Box::new(r)
                }
                None => {
                    let spec = rules::find_builtin(meta.code).expect("registered");
                    (spec.build)(&options).map_err(|e| {
                        let last = layers.iter().rev().find(|l| {
                            l.file
                                .rules
                                .keys()
                                .any(|k| k.get_ref() == meta.code || k.get_ref() == meta.name)
                        });
                        match last {
                            Some(l) => ConfigError::new(
                                l.origin.describe(),
                                l.text.clone(),
                                None,
                                format!("{} 的选项有误：{e}", meta.code),
                            ),
                            None => ConfigError::plain("gwlint", format!("{}: {e}", meta.code)),
                        }
                    })?
                }
            };
            set.rules.push(ActiveRule {
                id: crate::diagnostic::RuleId::of(meta.code, meta.name),
                meta,
                severity,
                explicit_severity: explicit,
                rule,
            });
        }
        set.provenance.push(RuleProvenance {
            meta,
            enabled,
            enabled_by,
            severity,
            severity_by,
            options,
            option_origins,
        });
    }
    // The readers of one extraction run together, numbers first and the
    // outline last (see `run_key`): each extraction is built and freed in
    // turn, and the dates and the numbers are built while the findings are
    // still few (P006 alone may hold tens of thousands of edits, S101 a
    // finding on every heading of a shuffled draft). Findings are sorted
    // afterwards, so the order in which rules run is not visible.
    set.rules.sort_by_key(|r| run_key(r.meta.reads));
    let reads: Vec<Reads> = set.rules.iter().map(|r| r.meta.reads).collect();
    set.release_after = release_schedule(&reads);
    Ok(set)
}
