//! The rubric data model: the serde types of a rubric pack as written in `rubrics/*.json`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rubric pack: a role (or theme) and its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub version: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub questions: Vec<Question>,
}

/// One interview question with everything needed to grade answers to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Other ways the same question is asked (used to match a free-typed question to this one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// introduction | project | technical | behavioral | closing | other
    pub kind: String,
    /// A model answer in the rubric author's words.
    pub reference: String,
    pub criteria: Vec<Criterion>,
    pub points: Vec<Point>,
    /// Common wrong claims a weak answer makes, each tied to the talking point it contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<Misconception>,
    /// Example answers with the grade range each must get: the rubric's own tests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

impl Question {
    /// Whether this is a pack index's entry (`rubricate_rubrics.pack`): a question listed and
    /// matched, whose pack is not loaded yet, so it has no criteria (a validated question has at
    /// least one) and cannot be graded against.
    pub fn is_index_entry(&self) -> bool {
        self.criteria.is_empty()
    }
}

/// A grading criterion: a weight, the signals it is measured by, and five score descriptors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: f64,
    /// Signals this criterion is measured by: any of coverage, specificity, reasoning, structure, relevance, fluency.
    pub signals: Vec<String>,
    /// Descriptors for levels "1".."5".
    pub descriptors: BTreeMap<String, String>,
}

/// A talking point a good answer makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub id: String,
    /// The point in a few words, as shown to the candidate (covered / missing).
    pub text: String,
    /// Words and phrases that express the point (synonyms, phrasings). Each is matched through stems.
    pub phrases: Vec<String>,
    pub weight: f64,
}

/// A common wrong claim: how it is worded, the talking point it contradicts, and the correction
/// shown to the candidate. An answer that states it loses that point and is told why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    pub id: String,
    /// The wrong claim in a few words ("RTO is how much data you can lose").
    pub claim: String,
    /// Wordings of the claim, each matched within one clause, word stems in order (see
    /// `score::signals::misconception`). A negation word in a phrasing is part of the claim
    /// ("never test failover"); without one, a clause that negates the words does not state it.
    pub phrases: Vec<String>,
    /// The id of the talking point the claim contradicts.
    pub contradicts: String,
    /// One line saying what is true instead, shown beside the claim.
    pub correction: String,
}

/// An example answer and the grade range it must get (inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// weak | average | strong | exceptional | adversarial
    pub label: String,
    pub answer: String,
    pub min: f64,
    pub max: f64,
}

/// The summary `rubricate rubrics` lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricSummary {
    pub id: String,
    pub title: String,
    pub version: String,
    pub role: String,
    pub questions: Vec<QuestionSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub id: String,
    pub text: String,
    pub kind: String,
}

impl Rubric {
    pub fn summary(&self) -> RubricSummary {
        RubricSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            version: self.version.clone(),
            role: self.role.clone(),
            questions: self
                .questions
                .iter()
                .map(|q| QuestionSummary { id: q.id.clone(), text: q.text.clone(), kind: q.kind.clone() })
                .collect(),
        }
    }
}
