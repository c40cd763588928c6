//! Reports: per-question evaluation and the HR summary for each candidate, and their renderings.

mod types;
pub use types::*;

use crate::rubric::RubricSet;
use crate::InputError;

/// Output formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Text,
    /// HTML in which everything that came from input is escaped: safe to insert into a page.
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "text" | "txt" => Format::Text,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

pub fn build_from_text(_rubrics: &RubricSet, _text: &str, _rubric: Option<&str>, _question: Option<&str>) -> Result<Report, InputError> {
    Err(InputError::new("", "not implemented yet"))
}

pub fn render(report: &Report, format: Format) -> String {
    let _ = format;
    serde_json::to_string_pretty(report).unwrap_or_default()
}
