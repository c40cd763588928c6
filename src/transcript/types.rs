//! The parsed interview: candidates and their question/answer exchanges, with byte spans into the input.

use serde::{Deserialize, Serialize};

/// What a question is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Introduction,
    Project,
    Technical,
    Behavioral,
    Closing,
    Other,
    /// Pleasantries ("how are you doing today?", "thanks for your time"): shown, never graded.
    #[serde(rename = "small-talk")]
    SmallTalk,
    /// Practical matters (audio checks, notice period, salary): shown, never graded on content.
    Logistics,
}

impl QuestionKind {
    /// Whether an exchange of this kind is graded at all: pleasantries, logistics and the closing
    /// (the interviewer's goodbye, the candidate's own questions) are shown but never graded.
    pub fn is_graded(self) -> bool {
        !matches!(self, QuestionKind::SmallTalk | QuestionKind::Logistics | QuestionKind::Closing)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Introduction => "introduction",
            QuestionKind::Project => "project",
            QuestionKind::Technical => "technical",
            QuestionKind::Behavioral => "behavioral",
            QuestionKind::Closing => "closing",
            QuestionKind::Other => "other",
            QuestionKind::SmallTalk => "small-talk",
            QuestionKind::Logistics => "logistics",
        }
    }

    /// Parses a rubric's `kind` field; accepts `behavioural` too.
    pub fn parse(s: &str) -> Option<QuestionKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "introduction" => QuestionKind::Introduction,
            "project" => QuestionKind::Project,
            "technical" => QuestionKind::Technical,
            "behavioral" | "behavioural" => QuestionKind::Behavioral,
            "closing" => QuestionKind::Closing,
            "other" => QuestionKind::Other,
            "small-talk" => QuestionKind::SmallTalk,
            "logistics" => QuestionKind::Logistics,
            _ => return None,
        })
    }
}

/// Which of the contract's three formats the text was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranscriptFormat {
    Dialogue,
    Numbered,
    Plain,
}

/// One question and the candidate's answer to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// 1-based, in order of appearance for this candidate.
    pub number: usize,
    pub question: String,
    /// The answer with surrounding quotes removed and annotations (relevance scores, [STRUGGLED]) stripped.
    pub answer: String,
    pub kind: QuestionKind,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Candidate {
    pub name: Option<String>,
    pub position: Option<String>,
    pub exchanges: Vec<Exchange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub format: TranscriptFormat,
    pub candidates: Vec<Candidate>,
}
