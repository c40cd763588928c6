//! Grading one answer: choose what to grade against, measure signals on the text, combine them
//! into a 0–5 score, and explain it with the answer's own words.
//!
//! The score (see [`combine`]): each signal's weight comes from the rubric question's criteria (or a
//! default per basis); `quality = Σ weight × signal`, where every signal but coverage and relevance
//! is first scaled by a content gate (a fluent, detailed answer about something else earns little);
//! then `score = 5 × quality × length factor − hedging penalty`, where a rubric answer that makes
//! every talking point gets at least [`COMPLETE_FLOOR`] before the penalty, at most the ceiling set by the
//! rubric's common wrong claims the answer states ([`MISCONCEPTION_CEILINGS`]), rounded to one
//! decimal.

pub mod accurate;
mod justify;
pub mod offsets;
mod semantic;
pub mod signals;
pub mod target;
mod types;

pub use target::{Basis, Target};
pub use types::*;

use crate::embed::Embeddings;
use crate::text::{self, Analysis};
use signals::Measured;
use std::collections::BTreeMap;

/// Fewer content words than this is too little to grade...
pub const MIN_CONTENT_WORDS: usize = 3;
/// ...unless the answer makes a talking point or part of the model answer in as few as this many
/// ("it resolves names", "a function calling itself"): a terse answer that says something right is graded.
pub const MIN_CONTENT_WORDS_MATCHED: usize = 2;
/// Against a model answer, a terse answer (fewer than [`MIN_CONTENT_WORDS`] content words, even one)
/// is graded when it says at least this share of the key's words (see `signals::recall`): half of
/// it, so a lone word of a long key stays too little to grade...
pub const KEY_RECALL_GRADED: f64 = 0.5;
/// ...or when it says any of the key in a sentence of at least this many words ("It was higher."
/// for "When the string was tighter, the pitch was higher."; "They can use grams."): the key, not
/// a count of content words, decides whether there is something to judge, and the answer scores
/// low for what it leaves out. (A bare word, "requests", still needs half the key.) Since 0.14.0,
/// when two content words that say any of the key were graded too (before, a point had to be made
/// or half the key said); on the real development set (`make accuracy`) SciEntsBank / Beetle ROC
/// AUC 0.744 / 0.766 → 0.748 / 0.768, macro-F1 0.701 / 0.668 → 0.700 / 0.668, the other sets
/// unchanged. Three words: the shortest sentence with a subject, a verb and what it says.
pub const TERSE_SENTENCE_WORDS: usize = 3;
/// Largest score taken off for heavy hedging.
const HEDGING_PENALTY: f64 = 0.6;
/// The highest score an answer may get when it states one, two, or three or more of the rubric's
/// common wrong claims. Set from the level descriptors, not fitted (0.7.0): level 4 asks for points
/// "stated accurately", so one wrong claim stops below grade 4 (3.4 rounds to 3: "main ideas
/// correct, with gaps"); two put it at level 2 ("most of the essentials are missing", the content
/// is wrong where it matters); three or more at level 1 ("what it says is wrong"). Depth and
/// delivery cannot lift an answer past what it gets wrong.
pub const MISCONCEPTION_CEILINGS: [f64; 3] = [3.4, 2.0, 1.0];

/// The least a rubric answer gets when it makes every talking point (each covered, none negated)
/// and states no common wrong claim, before hedging is taken off. Set from the level descriptors,
/// not fitted: level 4 of a question's content criterion is every essential point stated
/// accurately, so an answer that does that is at least 4 however little depth it shows (issue 15:
/// "depth signals add to a complete answer, they do not cap it").
pub const COMPLETE_FLOOR: f64 = 4.0;

/// What a grading may use besides the answer and its target: the optional semantic model. Built by
/// [`crate::Engine`] from what it has loaded and passed down explicitly, so that grading reads no
/// state of its own: [`Grading::default`] grades lexically (no model).
///
/// (Feature switches, such as prefix matching or semantic credit, travel with the
/// [`Target`]'s [`Features`](target::Features).)
#[derive(Clone, Copy, Default)]
pub struct Grading<'a> {
    /// The semantic model in force, if any: with it (and the target's `embeddings` feature on),
    /// talking-point words said in other words can earn partial credit, and outputs name the model
    /// in their `engine` field.
    pub embeddings: Option<&'a Embeddings>,
    /// Accurate mode: a sentence encoder's comparison of the answer with its model answer. Used
    /// when the answer is graded against that model answer ([`Basis::Reference`]); see [`accurate`].
    pub accurate: Option<&'a SentenceEvidence>,
}

impl<'a> Grading<'a> {
    /// A grading context with the given semantic model (or none).
    pub fn new(embeddings: Option<&'a Embeddings>) -> Grading<'a> {
        Grading { embeddings, accurate: None }
    }

    /// This context with accurate mode's evidence for one answer.
    pub fn with_accurate(self, accurate: Option<&'a SentenceEvidence>) -> Grading<'a> {
        Grading { accurate, ..self }
    }

    /// The `engine` field of an output graded in this context (see [`crate::embed::engine_label`]).
    pub fn engine_label(&self) -> String {
        crate::embed::engine_label(self.embeddings)
    }
}

impl std::fmt::Debug for Grading<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grading")
            .field("embeddings", &self.embeddings.map(|_| "loaded"))
            .field("accurate", &self.accurate)
            .finish()
    }
}

/// Grades an answer against a compiled target.
///
/// Pure and deterministic: the output depends only on the arguments — the answer, the target (its
/// features included) and the grading context (the semantic model, if any) — never on state set
/// elsewhere (no thread-local or global switch is read; caches inside only memoise).
pub fn grade(answer: &str, target: &Target, grading: &Grading<'_>) -> ScoredAnswer {
    let a = text::analyze(answer);
    let m = signals::measure(answer, &a, target, grading);
    let says_key = m.key_recall > 0.0;
    let matched = m.points.iter().any(|p| p.credit > 0.0 && !p.negated) || says_key;
    // A one-word answer that says a good part of a model answer ("push" for "push"), or a short
    // sentence that says some of it, is graded: the key sets how much is enough.
    let terse_ok = m.key_recall >= KEY_RECALL_GRADED || (says_key && a.tokens.len() >= TERSE_SENTENCE_WORDS);
    let min_matched = if terse_ok { 1 } else { MIN_CONTENT_WORDS_MATCHED };
    let insufficient = m.content_words < min_matched || (m.content_words < MIN_CONTENT_WORDS && !matched);
    let struggled = insufficient
        || m.unfamiliar.len() >= 2
        || (!m.unfamiliar.is_empty() && m.coverage < 0.5)
        || m.hedging >= 0.5
        || (!m.deflections.is_empty() && m.content_words < 12);
    // Accurate mode applies where its evidence compares like with like: against the model answer.
    let accurate = grading.accurate.filter(|_| matches!(target.basis, Basis::Reference));
    let lexical = if insufficient { 0.0 } else { combine(&m, target) };
    let score = match accurate {
        Some(ev) if !insufficient => accurate::combine(lexical, ev),
        _ => lexical,
    };
    let grade = grade_of(score);
    let mut flags = Vec::new();
    for (cond, flag) in [
        (!m.hedges.is_empty() && m.hedging >= 0.25, Flag::Hedging),
        (!m.unfamiliar.is_empty(), Flag::AdmitsUnfamiliarity),
        (!m.deflections.is_empty(), Flag::Deflection),
        (insufficient, Flag::NonAnswer),
        (m.fillers >= 2, Flag::Fillers),
        (!m.instructions.is_empty(), Flag::GraderInstruction),
        (m.prose < 0.5 && m.content_words >= MIN_CONTENT_WORDS, Flag::KeywordList),
        (m.echo > 0.6 && m.content_words >= MIN_CONTENT_WORDS, Flag::EchoesQuestion),
        (m.focus < 0.6 && a.sentences.len() >= 3, Flag::OffTopicPadding),
    ] {
        if cond {
            flags.push(flag);
        }
    }
    let (evidence, covered, missing) = justify::evidence(answer, &a, &m, target);
    let misconceptions = justify::misconceptions(answer, &a, &m, target);
    let next_step =
        if insufficient { Some(justify::insufficient_next_step(target)) } else { justify::next_step(&m, target) };
    let mut justification = justify::justification(answer, &a, &m, target, score, insufficient);
    if let Some(ev) = accurate.filter(|_| !insufficient) {
        justification.push(' ');
        justification.push_str(&accurate::explain(lexical, ev));
    }
    // Inserted one by one: `collect()` into a BTreeMap sorts its input first, a stable sort the wasm
    // module would otherwise carry a second copy of (several KB).
    let mut signals: BTreeMap<Signal, f64> = BTreeMap::new();
    for &s in Signal::ALL {
        signals.insert(s, round3(m.signal(s)));
    }
    let rubric = match &target.basis {
        Basis::Rubric { rubric_id, version, question_id, selected, confidence } => Some(RubricRef {
            id: rubric_id.clone(),
            version: version.clone(),
            question: Some(question_id.clone()),
            selected: Some(*selected),
            confidence: *confidence,
        }),
        _ => None,
    };
    ScoredAnswer {
        id: None,
        score,
        grade,
        relevance: round3(if insufficient { m.relevance.min(0.2) } else { m.relevance }),
        struggled,
        insufficient,
        justification,
        evidence,
        covered,
        missing,
        misconceptions,
        next_step,
        signals,
        rubric,
        basis: target.basis.kind(),
        flags,
        engine: grading.engine_label(),
        mode: if accurate.is_some() { Mode::Accurate } else { Mode::Default },
    }
}

/// Combines the signals into a 0–5 score (one decimal). See the module documentation.
pub fn combine(m: &Measured, target: &Target) -> f64 {
    // Content gate: with a content key, depth and fluency count only as far as the content is there;
    // with the question alone, as far as the answer is relevant.
    // A relevant answer in other words than the rubric's keeps part of its depth credit.
    let gate = if target.points.is_empty() {
        (m.relevance / 0.6).min(1.0)
    } else {
        (m.coverage / 0.5).max(0.5 * m.relevance).min(1.0)
    };
    let mut quality = 0.0;
    for (signal, w) in &target.weights {
        let v = match signal {
            Signal::Coverage | Signal::Relevance => m.signal(*signal),
            // Against a model answer, structure is asked for only as far as the key has it: an
            // answer that says the key has what the key has (as with length below).
            Signal::Structure if matches!(target.basis, Basis::Reference) => m.structure.max(m.coverage) * gate,
            Signal::Specificity | Signal::Reasoning | Signal::Structure | Signal::Fluency => m.signal(*signal) * gate,
            Signal::Echo | Signal::Focus | Signal::Hedging | Signal::Length => 0.0,
        };
        quality += w * v;
    }
    // Short answers lose up to 40%; past the expected length, more words add nothing.
    // Against a model answer, an answer that says the key is long enough, however short the key is.
    let length = match target.basis {
        Basis::Reference => m.length.max(m.coverage),
        _ => m.length,
    };
    let length_factor = 0.6 + 0.4 * length;
    // A rubric answer that makes every talking point, states none in the negative and no common
    // wrong claim reaches level 4 of the content descriptor whatever its depth: depth adds to it.
    // (Not for what the adversarial flags catch: a list of terms, an echo of the question, padding
    // off the topic, instructions to the grader.)
    let complete = matches!(target.basis, Basis::Rubric { .. })
        && !m.points.is_empty()
        && m.misconceptions.is_empty()
        && m.points.iter().all(|p| p.credit >= signals::COVERED_AT && !p.negated)
        && m.prose >= 0.5
        && m.echo <= 0.6
        && m.focus >= 0.6
        && m.instructions.is_empty();
    let base = 5.0 * quality * length_factor;
    let raw = if complete { base.max(COMPLETE_FLOOR) } else { base } - HEDGING_PENALTY * m.hedging;
    let ceiling = match m.misconceptions.len() {
        0 => 5.0,
        n => MISCONCEPTION_CEILINGS[(n - 1).min(MISCONCEPTION_CEILINGS.len() - 1)],
    };
    // (max then min, not `clamp`: clamp with a bound known only at run time keeps a panic path that
    // formats floats, 1 KB of wasm)
    round1(raw.max(0.0).min(ceiling))
}

/// The grade: the score rounded half up.
pub fn grade_of(score: f64) -> u8 {
    (score + 0.5).floor().clamp(0.0, 5.0) as u8
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
fn round3(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// Token span to byte span helper shared by evidence building.
pub(crate) fn byte_span(a: &Analysis, start: usize, end: usize) -> Option<(usize, usize)> {
    a.span(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_that_says_the_whole_model_answer_scores_full_marks_whatever_structure_the_key_has() {
        // A behavioural question whose model answer is advice, not a story: structure is asked
        // for only as far as the key has it.
        let key = "I map the stakeholders by influence and interest. The most influential and most \
                   affected I manage closely with regular one-to-one meetings, the influential but less \
                   interested I keep satisfied with short summaries, and the rest I keep informed \
                   through a monthly note.";
        let target = Target::from_reference(
            "How do you handle stakeholders with different levels of interest?",
            key,
            crate::transcript::QuestionKind::Behavioral,
        );
        assert!(target.weight(Signal::Structure) > 0.0);
        let graded = grade(key, &target, &Grading::default());
        assert!(graded.score >= 4.5, "{} {:?}", graded.score, graded.signals);
    }

    #[test]
    fn grading_depends_only_on_its_arguments() {
        let bytes = crate::embed::tests::asset(&[("outage", [5, 5, 100]), ("downtime", [6, 4, 100])]);
        let model = Embeddings::parse(&bytes).unwrap_or_else(|e| panic!("test asset: {e}"));
        let target = Target::from_question("How do you keep a service up?", crate::transcript::QuestionKind::Technical);
        let answer = "We run two replicas behind a load balancer, so one outage does not take the service down.";
        let plain = grade(answer, &target, &Grading::default());
        let with = grade(answer, &target, &Grading::new(Some(&model)));
        assert_eq!(plain.engine, crate::ENGINE_VERSION);
        assert!(with.engine.starts_with(&format!("{} +embeddings ", crate::ENGINE_VERSION)), "{}", with.engine);
        // Nothing carries over from one grading to the next, whatever context each had.
        assert_eq!(grade(answer, &target, &Grading::default()), plain);
        assert_eq!(grade(answer, &target, &Grading::new(Some(&model))), with);
        assert_eq!(grade(answer, &target, &Grading::default()), plain);
    }
}
