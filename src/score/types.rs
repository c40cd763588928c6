//! The scored answer: what grading one answer produces (the contract's "scored answer" JSON).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A request to grade one answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A rubric id (`cloud-architect`) or `rubric-id/question-id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
}

/// A span of the answer that supports a finding. Offsets are UTF-8 byte offsets in the core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The talking point or signal this evidence supports (e.g. a point's text, or `STAR: action`).
    pub point: String,
}

/// Which rubric (and question in it) an answer was graded against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    /// Extension: the rubric question used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Extension: how the rubric question was chosen: `named` or `matched` (with a confidence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// The contract's scored answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub score: f64,
    pub grade: u8,
    pub relevance: f64,
    pub struggled: bool,
    pub insufficient: bool,
    pub justification: String,
    pub evidence: Vec<Evidence>,
    pub covered: Vec<String>,
    pub missing: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    pub signals: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<RubricRef>,
    /// Extension: what the answer was graded against: `rubric`, `reference` or `question`.
    pub basis: String,
    /// Extension: flags such as `hedging`, `admits-unfamiliarity`, `deflection`, `non-answer`, `fillers`, `grader-instruction`.
    pub flags: Vec<String>,
    pub engine: String,
}
