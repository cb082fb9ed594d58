//! Family P: punctuation, usage and residue (GB/T 15834, GB/T 15835).
//!
//! - P0xx: punctuation marks and numeric ranges;
//! - P1xx: spaces and digit forms;
//! - P2xx: residue: template placeholders, web-page chrome, injected spam;
//! - P4xx: the usage pack (`rules/usage.toml`), TOML substitution rules.

use crate::rules::RuleSpec;

mod text;

mod p001_title_mark_nesting;
mod p002_unbalanced_pairs;
mod p003_comma_between_quotes;
mod p004_interpunct;
mod p005_halfwidth_punctuation;
mod p006_folded_punctuation;
mod p007_numeric_range;
mod p101_stray_space;
mod p102_fullwidth_digits;
mod p201_template_placeholder;
mod p202_page_residue;
mod p203_injected_spam;

pub const RULES: &[RuleSpec] = &[
    p001_title_mark_nesting::TitleMarkNesting::SPEC,
    p002_unbalanced_pairs::UnbalancedPairs::SPEC,
    p003_comma_between_quotes::CommaBetweenQuotes::SPEC,
    p004_interpunct::Interpunct::SPEC,
    p005_halfwidth_punctuation::HalfwidthPunctuation::SPEC,
    p006_folded_punctuation::FoldedPunctuation::SPEC,
    p007_numeric_range::NumericRange::SPEC,
    p101_stray_space::StraySpace::SPEC,
    p102_fullwidth_digits::FullwidthDigits::SPEC,
    p201_template_placeholder::TemplatePlaceholder::SPEC,
    p202_page_residue::PageResidue::SPEC,
    p203_injected_spam::InjectedSpam::SPEC,
];
