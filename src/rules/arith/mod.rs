//! Family A: arithmetic. Rates against their counts, totals against their
//! parts, before/after changes and growth.
//!
//! Every rule finds the checkable statements of its kind and records a
//! [`common::Check`] for each, consistent or not; the rule reports the
//! inconsistent ones. [`trace`] returns them all, so tests (and a future
//! `--explain`) can show what was verified silently.

use crate::document::{Document, Sentences};
use crate::rules::RuleSpec;

mod a001_rate_mismatch;
mod a002_part_sum_mismatch;
mod a003_part_exceeds_total;
mod a004_change_mismatch;
mod a005_growth_mismatch;
mod a006_rate_over_hundred;
mod a007_complementary_shares;
mod a008_average_growth;
mod a009_ranking_order;
pub mod common;
mod disclosure;
mod implicit;
mod table;

pub use a002_part_sum_mismatch::PartLists;
pub use common::{Check, CheckKind, Checks};

pub const RULES: &[RuleSpec] = &[
    a001_rate_mismatch::RateMismatch::SPEC,
    a002_part_sum_mismatch::PartSumMismatch::SPEC,
    a003_part_exceeds_total::PartExceedsTotal::SPEC,
    a004_change_mismatch::ChangeMismatch::SPEC,
    a005_growth_mismatch::GrowthMismatch::SPEC,
    a006_rate_over_hundred::RateOverHundred::SPEC,
    a007_complementary_shares::ComplementaryShares::SPEC,
    a008_average_growth::AverageGrowth::SPEC,
    a009_ranking_order::RankingOrder::SPEC,
];

/// Every checkable statement of `text` with its verdict, under the default
/// options, in text order.
pub fn trace(text: &str) -> Vec<Check> {
    let doc = Document::new(text);
    let sents = Sentences::new(&doc);
    let nums = crate::extract::numbers::extract(&doc, &sents);
    let mut found = Checks::all();
    let facts = common::Facts {
        doc: &doc,
        sents: &sents,
        nums: &nums,
    };
    a001_rate_mismatch::find(facts, &Default::default(), &mut found);
    let lists = a002_part_sum_mismatch::PartLists::new(&doc, &sents, &nums);
    a002_part_sum_mismatch::find(&doc, &nums, &lists, &mut found);
    a002_part_sum_mismatch::find_after(&doc, &sents, &nums, &lists, &mut found);
    let tables = crate::extract::tables::extract(&doc);
    let defaults = a001_rate_mismatch::Options::default();
    table::rates(
        doc.text,
        &tables,
        &defaults.rate_keywords,
        defaults.rounding,
        &mut found,
    );
    table::sums(doc.text, &tables, &mut found);
    disclosure::check(&doc, &mut found);
    a003_part_exceeds_total::find(&doc, &nums, &lists, &mut found);
    a004_change_mismatch::find(facts, &mut found);
    a005_growth_mismatch::find(facts, &Default::default(), &mut found);
    a006_rate_over_hundred::find(facts, &Default::default(), &mut found);
    a007_complementary_shares::find(facts, &mut found);
    a008_average_growth::find(facts, &mut found);
    a009_ranking_order::find(&doc, &sents, &nums, lists.rank_cues(), &mut found);
    let mut all = found.into_vec();
    let covered: std::collections::HashSet<usize> = all
        .iter()
        .filter(|c| c.kind == CheckKind::PartSum)
        .map(|c| c.range.start)
        .collect();
    let mut implicit_sums = Checks::all();
    implicit::find(&doc, &nums, &mut implicit_sums);
    all.extend(
        implicit_sums
            .into_vec()
            .into_iter()
            .filter(|c| !covered.contains(&c.range.start)),
    );
    all.sort_by_key(|c| (c.range.start, c.range.end));
    all
}
