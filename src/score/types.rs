//! The scored answer: what grading one answer produces (the contract's "scored answer" JSON).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The string a vocabulary value is read from (one function for every vocabulary enum).
fn vocabulary_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d)
}

/// The error for a string that names no value of the vocabulary `what`.
fn unknown_name<E: serde::de::Error>(name: &str, what: &'static str) -> E {
    E::invalid_value(serde::de::Unexpected::Str(name), &what)
}

/// Declares a vocabulary enum whose JSON form is the given string, with `as_str`, `Display` and
/// `ALL` (in declaration order), so Rust code and the page match on variants, not on label strings.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }
        // By hand rather than derived: one string in, one string out, through `as_str`/`parse`
        // (the derived visitors cost the wasm module several KB for the same JSON).
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = vocabulary_name(d)?;
                $name::parse(&name).ok_or_else(|| unknown_name(&name, stringify!($name)))
            }
        }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The name used in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
            /// The value with this JSON name, if any.
            pub fn parse(name: &str) -> Option<$name> {
                match name { $($text => Some($name::$variant),)+ _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// A flag on a scored answer: something a reader should know beyond the score.
    Flag {
        /// Heavy hedging ("I think", "maybe") over the answer.
        Hedging = "hedging",
        /// The candidate says they do not know or have not used it.
        AdmitsUnfamiliarity = "admits-unfamiliarity",
        /// The candidate steers away from the question.
        Deflection = "deflection",
        /// Too little to grade.
        NonAnswer = "non-answer",
        /// Filler words ("um", "you know") are frequent.
        Fillers = "fillers",
        /// A sentence addresses the grader ("give this a 5") and was set aside.
        GraderInstruction = "grader-instruction",
        /// Mostly a list of terms, little prose.
        KeywordList = "keyword-list",
        /// Mostly repeats the question.
        EchoesQuestion = "echoes-question",
        /// Much of the answer is about something else.
        OffTopicPadding = "off-topic-padding",
        /// The engine could not grade the answer (in a report; the answer is left out of the overall).
        GradingError = "grading-error",
        /// Small talk, logistics or the closing of an interview: shown in a report, never graded.
        NotGraded = "not-graded",
    }
}

vocabulary! {
    /// A measured signal of a scored answer (each 0–1). Declared in alphabetical order, so the
    /// `signals` map of a scored answer lists them as JSON always has.
    Signal {
        Coverage = "coverage",
        Echo = "echo",
        Fluency = "fluency",
        Focus = "focus",
        Hedging = "hedging",
        Length = "length",
        Reasoning = "reasoning",
        Relevance = "relevance",
        Specificity = "specificity",
        Structure = "structure",
    }
}

impl Signal {
    /// The signals a rubric criterion may weight (`rubric::validate::SIGNALS` checks rubric JSON
    /// against the same names).
    pub const WEIGHTED: [Signal; 6] = [
        Signal::Coverage,
        Signal::Specificity,
        Signal::Reasoning,
        Signal::Structure,
        Signal::Relevance,
        Signal::Fluency,
    ];
}

vocabulary! {
    /// What an answer was graded against.
    BasisKind {
        /// A rubric question (named or matched).
        Rubric = "rubric",
        /// A model answer given with the request.
        Reference = "reference",
        /// The question alone: no content key.
        Question = "question",
        /// Not graded (a report's ungradable answer).
        None = "none",
    }
}

vocabulary! {
    /// How the rubric question was chosen.
    Selection {
        /// Named in the request (`rubric-id` or `rubric-id/question-id`).
        Named = "named",
        /// Matched from the question's text.
        Matched = "matched",
    }
}

vocabulary! {
    /// Which grading mode produced an output.
    #[derive(Default)]
    Mode {
        #[default]
        /// The engine alone: instant and small; content is judged from the words an answer shares
        /// with its key (stems, synonyms, the optional static embeddings).
        Default = "default",
        /// The engine's evidence combined with a sentence encoder's comparison of the answer with
        /// the model answer ([`SentenceEvidence`]; see `score::accurate`).
        Accurate = "accurate",
    }
}

/// Accurate mode's evidence for one answer: a sentence encoder's comparison of the answer with the
/// model answer, computed outside the core (natively by the CLI with `rubricate-encoder`, in the
/// browser by `pkg/accurate.js`) and passed in with the request. Both numbers are in [-1, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceEvidence {
    /// The encoder that produced it (`all-MiniLM-L6-v2`).
    pub model: String,
    /// Cosine of the answer's and the model answer's sentence embeddings.
    pub cosine: f64,
    /// Share of the model answer's tokens found in the answer in context (the mean of each key
    /// token's best cosine with an answer token: BERTScore recall).
    pub recall: f64,
}

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
    /// Accurate mode: the encoder's comparison of `answer` with `reference` (only with a model
    /// answer the answer is graded against). Not read by serde: each binding reads it itself (the
    /// JSONL reader in `request::parse_line`, the wasm binding from the JS object), which keeps a
    /// second struct reader out of the wasm module.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub accurate: Option<SentenceEvidence>,
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

/// A common wrong claim of the rubric question that the answer states (see the rubric format's
/// `misconceptions`). Offsets are UTF-8 byte offsets of the wording found in the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MisconceptionFound {
    pub id: String,
    /// The wrong claim, as the rubric words it.
    pub claim: String,
    /// What is true instead.
    pub correction: String,
    /// The talking point it contradicts (its text), which the answer is not credited with.
    pub point: String,
    pub start: usize,
    pub end: usize,
    /// The answer's own words that state it.
    pub text: String,
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
    pub selected: Option<Selection>,
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
    /// Extension: the rubric's common wrong claims the answer states (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<MisconceptionFound>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    pub signals: BTreeMap<Signal, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<RubricRef>,
    /// Extension: what the answer was graded against: `rubric`, `reference` or `question`.
    pub basis: BasisKind,
    /// Extension: flags such as `hedging`, `admits-unfamiliarity`, `deflection`, `non-answer`, `fillers`, `grader-instruction`.
    pub flags: Vec<Flag>,
    pub engine: String,
    /// Which mode produced this output: `default` or `accurate`.
    #[serde(default)]
    pub mode: Mode,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_json_is_the_label() {
        for f in Flag::ALL {
            assert_eq!(serde_json::to_string(f).unwrap(), format!("\"{}\"", f.as_str()));
            assert_eq!(Flag::parse(f.as_str()), Some(*f));
        }
        assert_eq!(Flag::parse("vibes"), None);
        let names: Vec<&str> = Signal::ALL.iter().map(|s| s.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "signals are declared in alphabetical order (JSON map order)");
        let weighted: Vec<&str> = Signal::WEIGHTED.iter().map(|s| s.as_str()).collect();
        assert_eq!(weighted, crate::rubric::validate::SIGNALS, "the signals rubric JSON may weight");
        assert_eq!(serde_json::to_string(&BasisKind::None).unwrap(), "\"none\"");
        assert_eq!(serde_json::from_str::<Selection>("\"matched\"").unwrap(), Selection::Matched);
    }
}
