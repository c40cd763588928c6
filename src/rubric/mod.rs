//! Rubrics: the model, validation with JSON paths, the bundled packs, and the set an engine holds.

pub mod bundled;
pub mod draft;
pub mod interop;
mod model;
pub mod validate;
pub use model::*;
pub use validate::{parse_and_validate, MAX_RUBRIC_BYTES};

use crate::score::Target;
use std::sync::OnceLock;

/// The rubrics an engine holds, in a stable order (bundled first, then custom in insertion order).
#[derive(Debug, Clone, Default)]
pub struct RubricSet {
    rubrics: Vec<Rubric>,
    /// Every question text and phrasing, for matching a free-typed question (rebuilt on insert).
    index: crate::score::select::QuestionIndex,
    /// Each question compiled into a grading target on first use (stems of its phrases and reference).
    compiled: Vec<Vec<OnceLock<Target>>>,
}

fn compile_slots(rubrics: &[Rubric]) -> Vec<Vec<OnceLock<Target>>> {
    rubrics.iter().map(|r| r.questions.iter().map(|_| OnceLock::new()).collect()).collect()
}

impl RubricSet {
    /// The rubrics compiled into the engine (see [`bundled`]), parsed once per process.
    pub fn bundled() -> RubricSet {
        let rubrics = bundled::rubrics().to_vec();
        let index = crate::score::select::QuestionIndex::build(rubrics.iter());
        let compiled = compile_slots(&rubrics);
        RubricSet { rubrics, index, compiled }
    }
    pub fn summaries(&self) -> Vec<RubricSummary> {
        self.rubrics.iter().map(Rubric::summary).collect()
    }
    pub fn get(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id)
    }
    pub fn iter(&self) -> impl Iterator<Item = &Rubric> {
        self.rubrics.iter()
    }
    pub fn insert(&mut self, rubric: Rubric) {
        if let Some(slot) = self.rubrics.iter_mut().find(|r| r.id == rubric.id) {
            *slot = rubric;
        } else {
            self.rubrics.push(rubric);
        }
        self.index = crate::score::select::QuestionIndex::build(self.rubrics.iter());
        self.compiled = compile_slots(&self.rubrics);
    }
    /// The grading target of a rubric's question, compiled once and reused.
    pub fn target(&self, rubric: &Rubric, question: &Question) -> Target {
        let ri = self.rubrics.iter().position(|r| std::ptr::eq(r, rubric));
        let qi = rubric.questions.iter().position(|q| std::ptr::eq(q, question));
        match (ri, qi) {
            (Some(ri), Some(qi)) => match self.compiled.get(ri).and_then(|r| r.get(qi)) {
                Some(slot) => slot.get_or_init(|| Target::from_rubric(rubric, question, "named", None)).clone(),
                None => Target::from_rubric(rubric, question, "named", None),
            },
            _ => Target::from_rubric(rubric, question, "named", None),
        }
    }
    /// The question-matching index over every loaded rubric.
    pub fn index(&self) -> &crate::score::select::QuestionIndex {
        &self.index
    }
}
