//! Family S: structure. Required sections, the heading hierarchy and its
//! numbering, ordinal runs, the title.

use crate::rules::RuleSpec;

pub const RULES: &[RuleSpec] = &[];
