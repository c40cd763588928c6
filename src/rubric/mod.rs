//! Rubrics: the model, validation with JSON paths, the bundled packs, and the set an engine holds.

pub mod bundled;
pub mod draft;
pub mod interop;
mod model;
pub mod validate;
pub use model::*;
pub use validate::{parse_and_validate, MAX_RUBRIC_BYTES};

use crate::score::Target;
use crate::InputError;
use std::sync::{Arc, Mutex, OnceLock};

/// The rubrics an engine holds, in a stable order (bundled first, then custom in insertion order).
///
/// Cheap to clone: rubrics, the question index and compiled targets are shared, so every engine
/// made from the same bundled packs shares one copy of them (and each question is compiled once).
#[derive(Debug, Clone, Default)]
pub struct RubricSet {
    rubrics: Vec<Arc<Rubric>>,
    /// Every question text and phrasing, for matching a free-typed question (rebuilt on insert).
    index: Arc<crate::score::select::QuestionIndex>,
    /// Each question compiled into a grading target on first use (stems of its phrases and reference).
    compiled: Vec<Arc<[OnceLock<Target>]>>,
}

fn compile_slots(rubric: &Rubric) -> Arc<[OnceLock<Target>]> {
    rubric.questions.iter().map(|_| OnceLock::new()).collect()
}

impl RubricSet {
    /// The bundled rubrics (see [`bundled`]): built once per set of bundled packs, then shared.
    pub fn bundled() -> RubricSet {
        // The bundled set this was built from is kept with it (so its address cannot be reused by
        // a later set while the cache refers to it).
        static SHARED: Mutex<Option<(Arc<[Rubric]>, RubricSet)>> = Mutex::new(None);
        let source = bundled::rubrics();
        let mut shared = match SHARED.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((from, set)) = shared.as_ref() {
            if Arc::ptr_eq(from, &source) {
                return set.clone();
            }
        }
        let rubrics: Vec<Arc<Rubric>> = source.iter().cloned().map(Arc::new).collect();
        let set = RubricSet::from_shared(rubrics);
        *shared = Some((source, set.clone()));
        set
    }
    fn from_shared(rubrics: Vec<Arc<Rubric>>) -> RubricSet {
        let index = Arc::new(crate::score::select::QuestionIndex::build(rubrics.iter().map(|r| &**r)));
        let compiled = rubrics.iter().map(|r| compile_slots(r)).collect();
        RubricSet { rubrics, index, compiled }
    }
    pub fn summaries(&self) -> Vec<RubricSummary> {
        self.rubrics.iter().map(|r| r.summary()).collect()
    }
    pub fn get(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id).map(|r| &**r)
    }
    pub fn iter(&self) -> impl Iterator<Item = &Rubric> {
        self.rubrics.iter().map(|r| &**r)
    }
    /// Resolves a rubric name as users give it, `id` or `id/question-id`, to the loaded rubric and
    /// the question id if one was named. The one place that says a name is unknown, so the command
    /// line, JavaScript and transcripts all say it in the same words.
    pub fn resolve_name<'a>(&'a self, name: &'a str) -> Result<(&'a Rubric, Option<&'a str>), InputError> {
        let name = name.trim();
        let (rid, qid) = match name.split_once('/') {
            Some((r, q)) => (r, Some(q)),
            None => (name, None),
        };
        let rubric = self.get(rid).ok_or_else(|| InputError::new("rubric", format!("no rubric with id '{rid}'")))?;
        if let Some(qid) = qid {
            if !rubric.questions.iter().any(|q| q.id == qid) {
                return Err(InputError::new("rubric", format!("rubric '{rid}' has no question '{qid}'")));
            }
        }
        Ok((rubric, qid))
    }
    /// Adds a rubric, or replaces the one with its id (keeping its place); the other rubrics keep
    /// their compiled targets.
    pub fn insert(&mut self, rubric: Rubric) {
        let slots = compile_slots(&rubric);
        match self.rubrics.iter().position(|r| r.id == rubric.id) {
            Some(i) => {
                self.rubrics[i] = Arc::new(rubric);
                if let Some(c) = self.compiled.get_mut(i) {
                    *c = slots;
                }
            }
            None => {
                self.rubrics.push(Arc::new(rubric));
                self.compiled.push(slots);
            }
        }
        self.index = Arc::new(crate::score::select::QuestionIndex::build(self.rubrics.iter().map(|r| &**r)));
    }
    /// The grading target of a rubric's question, compiled once and reused.
    pub fn target(&self, rubric: &Rubric, question: &Question) -> Target {
        let ri = self.rubrics.iter().position(|r| std::ptr::eq(&**r, rubric));
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
