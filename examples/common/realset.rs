//! The real development set (`../shared/data/semeval2013-train.jsonl`, SemEval-2013 Task 7, CC BY
//! 4.0; see its README): student answers graded correct/incorrect by people, with a model answer.
//! Read here and graded in reference mode; the figures its README asks for: ROC AUC, macro-F1 and
//! accuracy at one fixed threshold, the mean score of correct and of incorrect answers, per corpus.
//! Shared by `make accuracy` (examples/accuracy.rs) and examples/fit_reference.rs.

#![allow(dead_code)]

use serde::Deserialize;
use std::path::PathBuf;

/// Where the real set lives, relative to the repository (override with `REALSET`).
pub fn path() -> PathBuf {
    std::env::var_os("REALSET")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/semeval2013-train.jsonl"))
}

/// Score at or above which an answer is called correct (the README's fixed threshold).
pub const THRESHOLD: f64 = 2.5;

#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub qid: String,
    pub question: String,
    pub reference: String,
    pub answer: String,
    pub label: String,
}

impl Item {
    pub fn correct(&self) -> bool {
        self.label == "correct"
    }
    /// The request that grades this answer against its model answer (no rubric).
    pub fn request(&self) -> rubricate::ScoreRequest {
        rubricate::ScoreRequest {
            id: None,
            question: self.question.clone(),
            answer: self.answer.clone(),
            reference: Some(self.reference.clone()),
            rubric: None,
            accurate: None,
        }
    }
    /// `sciEntsBank` or `beetle`.
    pub fn corpus(&self) -> &str {
        self.qid.split('/').next().unwrap_or("")
    }
}

/// The set's items, or why it cannot be read (missing outside this workplace).
pub fn load() -> Result<Vec<Item>, String> {
    let p = path();
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{}: line {}: {e}", p.display(), i + 1)))
        .collect()
}

/// ROC AUC of scores against labels (ties count half).
pub fn auc(scores: &[f64], labels: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum, mut i) = (0.0, 0);
    while i < idx.len() {
        let mut j = i;
        while j < idx.len() && scores[idx[j]] == scores[idx[i]] {
            j += 1;
        }
        let rank = (i + j + 1) as f64 / 2.0;
        rank_sum += idx[i..j].iter().filter(|&&k| labels[k]).count() as f64 * rank;
        i = j;
    }
    let pos = labels.iter().filter(|&&l| l).count() as f64;
    let neg = labels.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// The README's figures for one group of answers.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub n: usize,
    pub auc: f64,
    pub macro_f1: f64,
    pub accuracy: f64,
    pub mean_correct: f64,
    pub mean_incorrect: f64,
}

pub fn figures(scores: &[f64], labels: &[bool]) -> Figures {
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0, 0.0, 0.0, 0.0);
    for (&s, &l) in scores.iter().zip(labels) {
        match (s >= THRESHOLD, l) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fn_ += 1.0,
        }
    }
    let f1 = |a: f64, b: f64, c: f64| if a > 0.0 { 2.0 * a / (2.0 * a + b + c) } else { 0.0 };
    let mean = |want: bool| {
        let v: Vec<f64> = scores.iter().zip(labels).filter(|(_, &l)| l == want).map(|(&s, _)| s).collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    Figures {
        n: scores.len(),
        auc: auc(scores, labels),
        macro_f1: (f1(tp, fp, fn_) + f1(tn, fn_, fp)) / 2.0,
        accuracy: (tp + tn) / scores.len().max(1) as f64,
        mean_correct: mean(true),
        mean_incorrect: mean(false),
    }
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>5} {:>6.3} {:>8.3} {:>8.3} {:>8.2} {:>10.2}",
            self.n, self.auc, self.macro_f1, self.accuracy, self.mean_correct, self.mean_incorrect
        )
    }
}

/// The header matching [`Figures`]' display.
pub const HEADER: &str = "    n    AUC  macroF1 accuracy  correct  incorrect";

/// Accurate mode's evidence for every item (the encoder's comparison of the answer with its model
/// answer), computed on all cores; each model answer is encoded once. Needs the model (`make model`;
/// directory from `RUBRICATE_MODEL`, else target/model).
pub fn accurate_evidence(items: &[Item]) -> Result<Vec<rubricate::score::SentenceEvidence>, String> {
    use rayon::prelude::*;
    use rubricate_encoder::{Comparison, Encoder, MODEL_NAME};
    let dir = std::env::var_os("RUBRICATE_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/model"));
    let encoder = Encoder::from_dir(&dir).map_err(|e| format!("{e} (run `make model`)"))?;
    let mut keys: Vec<&str> = items.iter().map(|i| i.reference.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    let encoded: Vec<_> =
        keys.par_iter().map(|k| encoder.encode(k)).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let key_of = |r: &str| keys.binary_search(&r).ok().map(|i| &encoded[i]);
    items
        .par_iter()
        .map(|it| {
            let key = key_of(&it.reference).ok_or("model answer not encoded")?;
            let answer = encoder.encode(&it.answer).map_err(|e| e.to_string())?;
            let c = Comparison::of(&answer, key);
            Ok(rubricate::score::SentenceEvidence {
                model: MODEL_NAME.into(),
                cosine: f64::from(c.cosine),
                recall: f64::from(c.recall),
            })
        })
        .collect()
}
