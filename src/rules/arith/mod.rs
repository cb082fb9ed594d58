//! Family A: arithmetic. Rates against their counts, totals against their
//! parts, before/after changes and growth.

use crate::rules::RuleSpec;

pub const RULES: &[RuleSpec] = &[];
