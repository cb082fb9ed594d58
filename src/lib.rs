//! gwlint: a compliance linter for Chinese official documents (公文).
//!
//! The pipeline: [`source`] (bytes → text; [`markdown`] → prose) → [`document`] (lines, structure)
//! → [`extract`] (dates, document numbers, numbers) → [`rules`] →
//! [`diagnostic`] → [`output`]. [`engine`] ties configuration ([`config`]) to
//! a document; [`walk`] finds files; [`cli`] is the command line.

pub mod alloc;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod extract;
pub mod fix;
pub mod markdown;
pub mod output;
pub mod rules;
pub mod server;
pub mod source;
pub mod suppress;
#[cfg(test)]
pub(crate) mod testing;
pub mod walk;
