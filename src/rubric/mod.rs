//! Rubrics: the model, validation with JSON paths, the bundled packs, and the set an engine holds.

pub mod bundled;
mod model;
pub mod validate;
pub use model::*;
pub use validate::{parse_and_validate, MAX_RUBRIC_BYTES};


/// The rubrics an engine holds, in a stable order (bundled first, then custom in insertion order).
#[derive(Debug, Clone, Default)]
pub struct RubricSet {
    rubrics: Vec<Rubric>,
    /// Every question text and phrasing, for matching a free-typed question (rebuilt on insert).
    index: crate::score::select::QuestionIndex,
}

impl RubricSet {
    /// The rubrics compiled into the engine (see [`bundled`]), parsed once per process.
    pub fn bundled() -> RubricSet {
        let rubrics = bundled::rubrics().to_vec();
        let index = crate::score::select::QuestionIndex::build(rubrics.iter());
        RubricSet { rubrics, index }
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
    }
    /// The question-matching index over every loaded rubric.
    pub fn index(&self) -> &crate::score::select::QuestionIndex {
        &self.index
    }
}
