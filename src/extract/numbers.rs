//! Numbers with their units.

use std::ops::Range;

use crate::document::Document;

/// A number as written, with its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub range: Range<usize>,
}

pub fn extract(_doc: &Document<'_>) -> Vec<Number> {
    Vec::new()
}
