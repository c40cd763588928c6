//! Reports: per-question evaluation and the HR summary for each candidate, and their renderings.

mod types;
pub use types::*;

pub mod build;
mod hr;
pub mod policy;
pub mod render;

pub use build::{build_from_text, build_report, candidate_report};
pub use policy::{
    overall, recommend, ADVANCE_MIN_SCORE, CRITICAL_GAP_MAX_GRADE, DECLINE_BELOW_SCORE, GRADING_ERROR_FLAG,
    STRUGGLED_SHARE_DECLINE,
};
pub use render::{render, render_scored};

use crate::score::offsets::{remap_scored, Unit};

/// Remaps the evidence and misconception spans of every answer in a report from one unit to another
/// (see [`crate::score::offsets`]): the bindings hand reports out in their strings' unit.
pub fn remap_offsets(report: &mut Report, from: Unit, to: Unit) {
    for q in report.candidates.iter_mut().flat_map(|c| c.questions.iter_mut()) {
        remap_scored(&q.answer, &mut q.scored, from, to);
    }
}

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

/// Hand-made scored answers and questions for the unit tests of `build`, `policy` and `hr`.
#[cfg(test)]
pub(crate) mod testing {
    use super::types::*;
    use crate::score::{BasisKind, ScoredAnswer, Signal};
    use crate::transcript::QuestionKind;
    use std::collections::BTreeMap;

    /// A hand-made scored answer.
    pub(crate) fn scored(score: f64, struggled: bool) -> ScoredAnswer {
        ScoredAnswer {
            id: None,
            score,
            grade: (score + 0.5).floor().clamp(0.0, 5.0) as u8,
            relevance: 0.8,
            struggled,
            insufficient: false,
            justification: format!("Graded {}.", crate::number::fixed(score, 1)),
            evidence: Vec::new(),
            covered: vec!["uses idempotent consumers".into()],
            missing: vec!["mentions dead-letter handling".into()],
            misconceptions: Vec::new(),
            next_step: Some("mentions dead-letter handling".into()),
            signals: BTreeMap::from([(Signal::Structure, 0.7), (Signal::Fluency, 0.8)]),
            rubric: None,
            basis: BasisKind::Question,
            flags: Vec::new(),
            engine: crate::ENGINE_VERSION.into(),
            mode: crate::score::Mode::Default,
        }
    }

    pub(crate) fn question(number: usize, kind: QuestionKind, s: ScoredAnswer) -> QuestionReport {
        QuestionReport {
            number,
            kind,
            question: format!("Question {number}?"),
            answer: "Kafka with retries.".into(),
            scored: s,
        }
    }
}
