//! Family D: dates. Calendar validity, malformed dates, ranges and their
//! connector, years that agree with the report year, signing and
//! publication dates.

use crate::rules::RuleSpec;

mod d001_invalid_date;

pub const RULES: &[RuleSpec] = &[d001_invalid_date::InvalidDate::SPEC];
