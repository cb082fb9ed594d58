//! Configuration errors, located and rendered through codespan.

use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// A configuration that cannot be used. Always fatal for the files it governs.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The file (or built-in pack) at fault.
    pub origin: String,
    /// Its text, for the snippet.
    pub text: Arc<str>,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl ConfigError {
    pub fn new(
        origin: impl Into<String>,
        text: Arc<str>,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        ConfigError {
            origin: origin.into(),
            text,
            span,
            message: message.into(),
        }
    }

    /// Without a file to point into (e.g. a missing `--config` file).
    pub fn plain(origin: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            origin: origin.into(),
            text: Arc::from(""),
            span: None,
            message: message.into(),
        }
    }

    /// The error with its file, line and column and a snippet.
    pub fn render(&self, color: bool) -> String {
        let file = SimpleFile::new(self.origin.as_str(), &*self.text);
        let mut d = CsDiagnostic::error().with_message(format!("配置错误：{}", self.message));
        match &self.span {
            Some(span) => {
                let mut span = span.clone();
                span.end = span.end.min(self.text.len());
                span.start = span.start.min(span.end);
                d = d.with_labels(vec![Label::primary((), span)]);
            }
            None => d = d.with_notes(vec![format!("文件：{}", self.origin)]),
        }
        let config = term::Config::default();
        crate::output::render_codespan(&config, &file, &d, color)
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: 配置错误：{}", self.origin, self.message)
    }
}
