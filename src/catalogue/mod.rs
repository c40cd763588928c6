//! The catalogue: the rubrics an engine holds, compiled for grading (each question's target, made
//! once and shared), the index that matches a free-typed question to a rubric question, and the
//! choice of what a request is graded against. It sits between the rubric data ([`crate::rubric`])
//! and grading ([`crate::score`]), which know nothing of each other's sets.

pub mod select;

use crate::rubric::{Question, Rubric, RubricSummary};
use crate::score::{Basis, Grading, ScoreRequest, ScoredAnswer, Target};
use crate::transcript::{self, QuestionKind};
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
    index: Arc<select::QuestionIndex>,
    /// Each question compiled into a grading target on first use (stems of its phrases and reference).
    compiled: Vec<Arc<[OnceLock<Target>]>>,
    /// The bundled set this one was made from ([`RubricSet::bundled`]), to tell when packs installed
    /// since have replaced it (see [`crate::Engine::sync_bundled`]).
    source: Option<Arc<[Rubric]>>,
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
        let source = crate::rubric::bundled::rubrics();
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
        let mut set = RubricSet::from_shared(rubrics);
        set.source = Some(source.clone());
        *shared = Some((source, set.clone()));
        set
    }
    fn from_shared(rubrics: Vec<Arc<Rubric>>) -> RubricSet {
        let index = Arc::new(select::QuestionIndex::build(rubrics.iter().map(|r| &**r)));
        let compiled = rubrics.iter().map(|r| compile_slots(r)).collect();
        RubricSet { rubrics, index, compiled, source: None }
    }
    /// Whether this set was made from the bundled packs installed now.
    pub fn is_current(&self) -> bool {
        self.source.as_ref().is_some_and(|s| Arc::ptr_eq(s, &crate::rubric::bundled::rubrics()))
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
        self.index = Arc::new(select::QuestionIndex::build(self.rubrics.iter().map(|r| &**r)));
    }
    /// The grading target of a rubric's question, compiled once and reused.
    pub fn target(&self, rubric: &Rubric, question: &Question) -> Target {
        let ri = self.rubrics.iter().position(|r| std::ptr::eq(&**r, rubric));
        let qi = rubric.questions.iter().position(|q| std::ptr::eq(q, question));
        match (ri, qi) {
            (Some(ri), Some(qi)) => match self.compiled.get(ri).and_then(|r| r.get(qi)) {
                Some(slot) => slot
                    .get_or_init(|| Target::from_rubric(rubric, question, crate::score::Selection::Named, None))
                    .clone(),
                None => Target::from_rubric(rubric, question, crate::score::Selection::Named, None),
            },
            _ => Target::from_rubric(rubric, question, crate::score::Selection::Named, None),
        }
    }
    /// The question-matching index over every loaded rubric.
    pub fn index(&self) -> &select::QuestionIndex {
        &self.index
    }
}

/// Grades a request against the rubric it names, its reference, a matched rubric question, or the question alone.
/// Like [`grade`], the result depends only on the arguments.
pub fn grade_request(
    rubrics: &RubricSet,
    req: &ScoreRequest,
    grading: &Grading<'_>,
) -> Result<ScoredAnswer, InputError> {
    check_field(&req.answer, "answer")?;
    check_field(&req.question, "question")?;
    if let Some(r) = &req.reference {
        check_field(r, "reference")?;
    }
    let target = resolve_target(rubrics, req)?;
    let accurate = match &req.accurate {
        Some(ev) => Some(crate::score::accurate::check(ev, &target.basis).map_err(|e| InputError::new("accurate", e))?),
        None => None,
    };
    let mut scored = crate::score::grade(&req.answer, &target, &grading.with_accurate(accurate.as_ref()));
    scored.id = req.id.clone();
    Ok(scored)
}

/// A field over [`crate::MAX_INPUT_BYTES`] or one that looks binary (a NUL byte, mostly control
/// characters) is refused with a clear message, as the CLI and transcripts already are.
fn check_field(s: &str, field: &str) -> Result<(), InputError> {
    crate::input::check_text(s, field)
}

/// What an error about rubric packs that are not loaded yet starts with; the ids follow, comma-separated,
/// then a space. The npm package's `withRubrics` reads them from the message and loads the packs.
pub const NOT_LOADED: &str = "rubric packs not loaded yet: ";

/// The error for a rubric question whose pack is only in the index (see
/// [`crate::rubric::Question::is_index_entry`]).
pub fn not_loaded(ids: &str) -> InputError {
    InputError::new("rubric", format!("{NOT_LOADED}{ids} (the npm package loads them with loadRubrics)"))
}

/// The target of a rubric question, or the not-loaded error when only its index entry is loaded.
fn rubric_target(rubrics: &RubricSet, r: &Rubric, q: &Question) -> Result<Target, InputError> {
    if q.is_index_entry() {
        return Err(not_loaded(&r.id));
    }
    Ok(rubrics.target(r, q))
}

/// Decides what the answer is graded against (the contract's order of precedence).
pub fn resolve_target(rubrics: &RubricSet, req: &ScoreRequest) -> Result<Target, InputError> {
    let kind_of_question =
        || if req.question.trim().is_empty() { QuestionKind::Other } else { transcript::classify(&req.question) };
    if let Some(name) = req.rubric.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let (rubric, qid) = rubrics.resolve_name(name)?;
        let (q, conf) = select::question_in(rubrics.index(), rubrics, rubric, qid, &req.question)
            .ok_or_else(|| InputError::new("rubric", format!("rubric '{}' has no questions", rubric.id)))?;
        return Ok(with_selection(
            rubric_target(rubrics, rubric, q)?,
            crate::score::Selection::Named,
            conf.map(round2),
        )
        .with_asked_question(&req.question));
    }
    if let Some(reference) = req.reference.as_deref().filter(|r| !r.trim().is_empty()) {
        return Ok(reference_target(&req.question, reference, kind_of_question));
    }
    if !req.question.trim().is_empty() {
        if let Some((ri, qi, sim)) = rubrics.index().best(&req.question, None) {
            if sim >= select::MATCH_THRESHOLD {
                if let Some((r, q)) = rubrics.iter().nth(ri).and_then(|r| r.questions.get(qi).map(|q| (r, q))) {
                    return Ok(with_selection(
                        rubric_target(rubrics, r, q)?,
                        crate::score::Selection::Matched,
                        Some(round2(sim)),
                    )
                    .with_asked_question(&req.question));
                }
            }
        }
    }
    Ok(Target::from_question(&req.question, kind_of_question()))
}

/// How many (question, model answer) targets each thread keeps (see [`reference_target`]). A batch
/// usually runs question by question; a handful covers interleaved questions. Not tuned.
#[cfg(not(target_arch = "wasm32"))]
const RECENT_REFERENCES: usize = 8;

/// The target of a model answer. Natively, the last few built on this thread are kept and a repeated
/// (question, model answer) pair is cloned instead of analysed again: batches grade many answers
/// against each model answer, and building its target was a sixth of a batch's time (`perf`, 0.10.0).
/// The result is the same either way (`Target::from_reference` is a pure function of its inputs).
/// The wasm module builds it each time: it grades one answer at a time and has no bytes to spare.
fn reference_target(question: &str, reference: &str, kind: impl FnOnce() -> QuestionKind) -> Target {
    #[cfg(not(target_arch = "wasm32"))]
    {
        type Recent = std::cell::RefCell<Vec<(String, String, Target)>>;
        thread_local! { static RECENT: Recent = const { std::cell::RefCell::new(Vec::new()) }; }
        let cached = RECENT.with(|cell| {
            let recent = cell.try_borrow().ok()?;
            recent.iter().find(|(q, r, _)| q == question && r == reference).map(|(_, _, t)| t.clone())
        });
        if let Some(t) = cached {
            return t;
        }
        let t = Target::from_reference(question, reference, kind());
        RECENT.with(|cell| {
            if let Ok(mut recent) = cell.try_borrow_mut() {
                if recent.len() >= RECENT_REFERENCES {
                    recent.remove(0);
                }
                recent.push((question.to_string(), reference.to_string(), t.clone()));
            }
        });
        t
    }
    #[cfg(target_arch = "wasm32")]
    Target::from_reference(question, reference, kind())
}

fn with_selection(mut t: Target, how: crate::score::Selection, conf: Option<f64>) -> Target {
    if let Basis::Rubric { selected, confidence, .. } = &mut t.basis {
        *selected = how;
        *confidence = conf;
    }
    t
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_whose_pack_is_only_indexed_is_not_graded_and_the_error_names_the_pack() {
        // An index entry: a bundled question listed and matched, without criteria or points.
        let mut bundled = crate::rubric::bundled::rubrics()[2].clone();
        for q in &mut bundled.questions {
            q.criteria.clear();
            q.points.clear();
        }
        let (id, first) = (bundled.id.clone(), bundled.questions[0].text.clone());
        let mut set = RubricSet::default();
        set.insert(bundled);
        let answer = "It depends on the partitions and on how the consumers keep up with the producers.";
        let grade = |rubric: Option<String>| {
            let req =
                ScoreRequest { question: first.clone(), answer: answer.into(), rubric, ..ScoreRequest::default() };
            grade_request(&set, &req, &Grading::new(None)).map(|s| s.score)
        };
        let expected = format!("rubric: {NOT_LOADED}{id} (the npm package loads them with loadRubrics)");
        for named in [None, Some(id.clone())] {
            assert_eq!(grade(named).map_err(|e| e.to_string()), Err(expected.clone()));
        }
        // A report names the pack too, instead of grading the answer as ungradable.
        let transcript = format!("Interviewer: {first}\nCandidate: {answer}\n");
        let report = crate::report::build_from_text(&set, &transcript, None, None, &Grading::new(None));
        assert_eq!(report.map(|_| ()).map_err(|e| e.to_string()), Err(expected));
    }

    #[test]
    fn a_remembered_model_answer_grades_as_a_fresh_one() {
        let key = |n: usize| {
            format!("A hash map stores key {n} in the bucket its hash picks, so lookups take constant time on average.")
        };
        let question = "How does a hash map find a key?";
        let answer = "It hashes the key to pick a bucket, so a lookup is constant time unless many keys collide.";
        let fresh = |k: &str| {
            crate::score::grade(
                answer,
                &Target::from_reference(question, k, QuestionKind::Technical),
                &Grading::new(None),
            )
        };
        // More model answers than the threads keep, asked twice in turn: hits, misses and evictions.
        for round in 0..2 {
            for n in 0..RECENT_REFERENCES + 3 {
                let cached = reference_target(question, &key(n), || QuestionKind::Technical);
                let got = crate::score::grade(answer, &cached, &Grading::new(None));
                assert_eq!(got, fresh(&key(n)), "model answer {n}, round {round}");
            }
        }
    }
}
