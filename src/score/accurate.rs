//! Accurate mode: the engine's own grade against a model answer combined with a sentence encoder's
//! comparison of the two texts ([`SentenceEvidence`]: the cosine of their sentence embeddings and
//! the encoder's token-level recall of the key).
//!
//! The encoder runs outside the core (natively `rubricate-encoder`, in the browser
//! `pkg/accurate.js`), so the core stays small and instant and only weighs the evidence it is given.
//!
//! How they are combined: a logistic model of the probability that a person would call the answer
//! correct, from two pieces of evidence: the engine's lexical score (key recall, contradiction,
//! relevance: what the answer says in the key's words) and the encoder's recall of the key (each
//! content token of the model answer found in the answer in context, in any words). The score is
//! that probability relative to the model answer's own (lexical 5, recall 1), times five: the model
//! answer scores 5, an answer with half its odds of being called correct about 2.5. Stacking the
//! evidence this way, rather than averaging scores, lets each count as much as it predicts.
//!
//! The sentence cosine is reported and worded in the justification but not weighed: fitted beside
//! recall it took a negative weight (the two say nearly the same; recall predicts better: AUC 0.722
//! and 0.778 against 0.683 and 0.742) and added nothing held out (0.742/0.777 with it, 0.741/0.776
//! without, question-grouped cross-validation).
//!
//! The three constants are fitted by `examples/fit_accurate.rs` (logistic regression, Newton's
//! method) on the real development set (`../shared/data/semeval2013-train.jsonl`, both corpora);
//! that script also reports question-grouped cross-validation and cross-corpus figures (README.md,
//! "Accuracy").

use super::{Basis, SentenceEvidence};
use crate::number::fixed;

/// Log-odds of a correct answer with no evidence (lexical 0, recall 0).
pub const INTERCEPT: f64 = -2.57;
/// Log-odds per unit of the engine's lexical score divided by 5 (0–1).
pub const LEXICAL_WEIGHT: f64 = 1.19;
/// Log-odds per unit of the encoder's recall of the key.
pub const RECALL_WEIGHT: f64 = 3.26;
/// The fitted model as one value: `[INTERCEPT, LEXICAL_WEIGHT, RECALL_WEIGHT]`.
pub const WEIGHTS: [f64; 3] = [INTERCEPT, LEXICAL_WEIGHT, RECALL_WEIGHT];

/// Accurate mode's score (0–5, one decimal) from the engine's lexical score and the encoder's evidence.
pub fn combine(lexical: f64, ev: &SentenceEvidence) -> f64 {
    combine_with(&WEIGHTS, lexical, ev.recall)
}

/// [`combine`] with the given weights (the fitting script measures candidates with it).
pub fn combine_with(w: &[f64; 3], lexical: f64, recall: f64) -> f64 {
    let p = |lexical: f64, recall: f64| 1.0 / (1.0 + (-(w[0] + w[1] * lexical / 5.0 + w[2] * recall)).exp());
    let relative = p(lexical, recall) / p(5.0, 1.0);
    (50.0 * relative.min(1.0)).round() / 10.0
}

/// The sentence the justification gains in accurate mode: what the encoder found, and what the
/// engine alone would have given.
pub fn explain(lexical: f64, ev: &SentenceEvidence) -> String {
    format!(
        "Accurate mode ({}): sentence similarity to the model answer {}, {}% of it matched in context; from shared words alone the score would be {}.",
        ev.model,
        fixed(ev.cosine, 2),
        fixed(ev.recall.max(0.0) * 100.0, 0),
        fixed(lexical, 1)
    )
}

/// What computes accurate mode's evidence: compares an answer with its model answer (natively the
/// CLI's sentence encoder; in tests, anything). `Sync`, as a batch compares on several threads.
pub trait Compare: Sync {
    /// The evidence for `answer` against the model answer `reference`, or why there is none.
    fn compare(&self, answer: &str, reference: &str) -> Result<SentenceEvidence, String>;
}

/// Checks evidence given with a request (numbers in [-1, 1], a model name, and a model answer to
/// grade against: evidence compares the answer with the model answer; it says nothing about a
/// rubric) and returns it with its numbers rounded to three decimals, so the output does not
/// depend on float noise between encoders built for different machines (native, wasm).
pub fn check(ev: &SentenceEvidence, basis: &Basis) -> Result<SentenceEvidence, String> {
    // (Fixed messages: the module carries no formatting for them.) NaN fails `<=`.
    if !(ev.cosine.abs() <= 1.0 && ev.recall.abs() <= 1.0) {
        return Err("cosine and recall must be numbers between -1 and 1".into());
    }
    let model = ev.model.trim();
    if model.is_empty() || model.len() > 100 {
        return Err("model must name the encoder (1 to 100 characters)".into());
    }
    if !matches!(basis, Basis::Reference) {
        return Err("accurate mode compares the answer with a model answer: give `reference` (and no `rubric`)".into());
    }
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    Ok(SentenceEvidence { model: model.to_string(), cosine: round3(ev.cosine), recall: round3(ev.recall) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(cosine: f64, recall: f64) -> SentenceEvidence {
        SentenceEvidence { model: "all-MiniLM-L6-v2".into(), cosine, recall }
    }

    #[test]
    fn more_evidence_never_lowers_the_score() {
        let mut last = -1.0;
        for step in 0..=10 {
            let x = f64::from(step) / 10.0;
            let s = combine(5.0 * x, &ev(x, x));
            assert!((0.0..=5.0).contains(&s) && s >= last, "{x}: {s} after {last}");
            last = s;
        }
        assert!(combine(5.0, &ev(0.9, 0.9)) > combine(5.0, &ev(0.9, 0.4)));
        assert!(combine(4.0, &ev(0.7, 0.7)) > combine(1.0, &ev(0.7, 0.7)));
    }

    #[test]
    fn the_key_itself_scores_high_and_an_unrelated_answer_low() {
        assert_eq!(combine(5.0, &ev(1.0, 1.0)), 5.0);
        assert!(combine(0.0, &ev(0.1, 0.2)) <= 1.0, "{}", combine(0.0, &ev(0.1, 0.2)));
    }

    #[test]
    fn evidence_is_checked() {
        assert_eq!(check(&ev(0.12345, -0.98765), &Basis::Reference), Ok(ev(0.123, -0.988)));
        assert!(check(&ev(1.5, 0.5), &Basis::Reference).unwrap_err().contains("between -1 and 1"));
        assert!(check(&ev(0.5, f64::NAN), &Basis::Reference).unwrap_err().contains("between -1 and 1"));
        assert!(check(&ev(0.5, 0.5), &Basis::Question).unwrap_err().contains("reference"));
        let unnamed = SentenceEvidence { model: " ".into(), cosine: 0.1, recall: 0.1 };
        assert!(check(&unnamed, &Basis::Reference).unwrap_err().contains("model"));
    }

    #[test]
    fn explanation_names_the_model_and_the_lexical_score() {
        let s = explain(2.3, &ev(0.83, 0.71));
        assert!(s.contains("all-MiniLM-L6-v2") && s.contains("0.83") && s.contains("71%") && s.contains("2.3"), "{s}");
    }
}
