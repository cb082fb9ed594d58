//! Family N: document numbers (发文字号) per GB/T 9704-2012 7.2.5:
//! 机关代字〔年份〕序号号.

use crate::rules::RuleSpec;

mod n001_wrong_brackets;

pub const RULES: &[RuleSpec] = &[n001_wrong_brackets::WrongBrackets::SPEC];
