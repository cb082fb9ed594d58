//! Family P: punctuation, usage and residue (GB/T 15834, GB/T 15835).

use crate::rules::RuleSpec;

pub const RULES: &[RuleSpec] = &[];
