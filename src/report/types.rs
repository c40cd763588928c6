//! The report types: the contract's report JSON (per-question evaluation + HR summary per candidate).

use crate::score::ScoredAnswer;
use crate::transcript::QuestionKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub engine: String,
    pub candidates: Vec<CandidateReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    pub name: Option<String>,
    pub position: Option<String>,
    pub questions: Vec<QuestionReport>,
    pub overall: Overall,
    pub hr: HrReport,
}

/// A scored answer plus where it sits in the interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    pub number: usize,
    pub kind: QuestionKind,
    pub question: String,
    pub answer: String,
    #[serde(flatten)]
    pub scored: ScoredAnswer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Recommendation {
    Advance,
    Hold,
    Decline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    pub score: f64,
    pub recommendation: Recommendation,
    /// Extension: how many questions counted towards the overall score (introductions and closings do not).
    pub graded: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HrReport {
    pub suitability: String,
    pub strengths: Vec<String>,
    pub gaps: Vec<String>,
    pub skills: Vec<String>,
    pub communication: String,
    pub recommendation: String,
}
