//! The report types: the contract's report JSON (per-question evaluation + HR summary per candidate).

use crate::score::{BasisKind, Evidence, Flag, MisconceptionFound, Mode, RubricRef, ScoredAnswer, Signal};
use crate::transcript::QuestionKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// A scored answer plus where it sits in the interview. Its JSON is one flat object: these four
/// fields, then the scored answer's. It is read back through [`FlatQuestionReport`] rather than
/// `#[serde(flatten)]`, whose buffering deserializer would add ~6 KB (gzipped) to the wasm module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "FlatQuestionReport")]
pub struct QuestionReport {
    pub number: usize,
    pub kind: QuestionKind,
    pub question: String,
    pub answer: String,
    #[serde(flatten)]
    pub scored: ScoredAnswer,
}

/// [`QuestionReport`]'s JSON as read: its own fields and [`ScoredAnswer`]'s side by side, with the
/// same names, defaults and types, so it accepts exactly what the flattened form would.
#[derive(Deserialize)]
struct FlatQuestionReport {
    number: usize,
    kind: QuestionKind,
    question: String,
    answer: String,
    #[serde(default)]
    id: Option<String>,
    score: f64,
    grade: u8,
    relevance: f64,
    struggled: bool,
    insufficient: bool,
    justification: String,
    evidence: Vec<Evidence>,
    covered: Vec<String>,
    missing: Vec<String>,
    #[serde(default)]
    misconceptions: Vec<MisconceptionFound>,
    #[serde(default)]
    next_step: Option<String>,
    signals: BTreeMap<Signal, f64>,
    #[serde(default)]
    rubric: Option<RubricRef>,
    basis: BasisKind,
    flags: Vec<Flag>,
    engine: String,
    // A report's answers are graded in the default mode (a transcript has no model answers), so a
    // report read back (to render it) needs neither field: not reading them keeps their readers out
    // of the wasm module.
    #[serde(skip_deserializing)]
    mode: Mode,
}

impl From<FlatQuestionReport> for QuestionReport {
    fn from(f: FlatQuestionReport) -> Self {
        QuestionReport {
            number: f.number,
            kind: f.kind,
            question: f.question,
            answer: f.answer,
            scored: ScoredAnswer {
                id: f.id,
                score: f.score,
                grade: f.grade,
                relevance: f.relevance,
                struggled: f.struggled,
                insufficient: f.insufficient,
                justification: f.justification,
                evidence: f.evidence,
                covered: f.covered,
                missing: f.missing,
                misconceptions: f.misconceptions,
                next_step: f.next_step,
                signals: f.signals,
                rubric: f.rubric,
                basis: f.basis,
                flags: f.flags,
                engine: f.engine,
                mode: f.mode,
            },
        }
    }
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
