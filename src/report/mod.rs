//! Reports: per-question evaluation and the HR summary for each candidate, and their renderings.

mod types;
pub use types::*;

pub mod build;
mod hr;
pub mod render;

pub use build::{build_from_text, build_report, candidate_report, overall, recommend};
pub use build::{
    ADVANCE_MIN_SCORE, CRITICAL_GAP_MAX_GRADE, DECLINE_BELOW_SCORE, GRADING_ERROR_FLAG, STRUGGLED_SHARE_DECLINE,
};
pub use render::render;

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
