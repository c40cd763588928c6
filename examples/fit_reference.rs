//! Fits `KEY_RECALL_FULL` (src/score/target.rs), the one constant of reference grading chosen on the
//! real development set, and reports held-out figures:
//!
//! * question-grouped 5-fold cross-validation within each corpus (a question's answers are all in
//!   one fold: the constant is chosen on the other folds' questions, measured on unseen ones);
//! * cross-corpus: chosen on SciEntsBank, measured on Beetle, and back.
//!
//! The criterion is macro-F1 at the fixed threshold 2.5 (AUC hardly moves with a scale constant;
//! whether correct answers land above the threshold does). Also prints the AUC of the key recall
//! alone and of the full score at each candidate.
//!
//!     cargo run --release --example fit_reference

#[path = "common/realset.rs"]
mod realset;

use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, Grading};
use std::collections::BTreeMap;
use std::process::ExitCode;

const CANDIDATES: [f64; 8] = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const FOLDS: usize = 5;

fn main() -> ExitCode {
    let items = match realset::load() {
        Ok(items) => items,
        Err(e) => {
            eprintln!("fit_reference: {e}");
            return ExitCode::from(2);
        }
    };
    let set = RubricSet::bundled();
    let grading = Grading::default();
    // Scores of every answer under every candidate, and its key recall.
    let mut scores: Vec<Vec<f64>> = vec![Vec::with_capacity(items.len()); CANDIDATES.len()];
    let mut recall = Vec::with_capacity(items.len());
    for it in &items {
        let req = it.request();
        let Ok(mut target) = catalogue::resolve_target(&set, &req) else {
            eprintln!("fit_reference: {}: cannot be graded", it.id);
            return ExitCode::from(2);
        };
        let a = rubricate::text::analyze(&it.answer);
        recall.push(score::signals::measure(&it.answer, &a, &target, &grading).key_recall);
        for (c, &k) in CANDIDATES.iter().enumerate() {
            target.key_recall_full = k;
            scores[c].push(score::grade(&it.answer, &target, &grading).score);
        }
    }
    let labels: Vec<bool> = items.iter().map(|i| i.correct()).collect();
    let corpora = ["sciEntsBank", "beetle"];
    let pick = |idx: &[usize]| -> (usize, f64) {
        let mut best = (0, f64::MIN);
        for (c, by_candidate) in scores.iter().enumerate() {
            let s: Vec<f64> = idx.iter().map(|&i| by_candidate[i]).collect();
            let l: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
            let f = realset::figures(&s, &l).macro_f1;
            if f > best.1 + 1e-12 {
                best = (c, f);
            }
        }
        best
    };
    let held_out = |c: usize, idx: &[usize]| {
        let s: Vec<f64> = idx.iter().map(|&i| scores[c][i]).collect();
        let l: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        realset::figures(&s, &l)
    };
    println!("Key recall alone (AUC) and the full score at each KEY_RECALL_FULL (all answers)");
    for corpus in corpora {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].corpus() == corpus).collect();
        let r: Vec<f64> = idx.iter().map(|&i| recall[i]).collect();
        let l: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        println!("{corpus}: key recall alone AUC {:.3}", realset::auc(&r, &l));
        println!("  {:>5}  {}", "full", realset::HEADER);
        for (c, k) in CANDIDATES.iter().enumerate() {
            println!("  {k:>5.2}  {}", held_out(c, &idx));
        }
    }
    println!("\nQuestion-grouped {FOLDS}-fold cross-validation (constant chosen on the other folds)");
    println!("{:<12} {}  chosen", "corpus", realset::HEADER);
    for corpus in corpora {
        let mut qids: Vec<&str> =
            items.iter().filter(|i| i.corpus() == corpus).map(|i| i.qid.as_str()).collect::<Vec<_>>();
        qids.sort_unstable();
        qids.dedup();
        let fold_of: BTreeMap<&str, usize> = qids.iter().enumerate().map(|(n, q)| (*q, n % FOLDS)).collect();
        let mut s_all = Vec::new();
        let mut l_all = Vec::new();
        let mut chosen = Vec::new();
        for f in 0..FOLDS {
            let in_corpus = |i: &usize| items[*i].corpus() == corpus;
            let train: Vec<usize> =
                (0..items.len()).filter(in_corpus).filter(|&i| fold_of[items[i].qid.as_str()] != f).collect();
            let test: Vec<usize> =
                (0..items.len()).filter(in_corpus).filter(|&i| fold_of[items[i].qid.as_str()] == f).collect();
            let (c, _) = pick(&train);
            chosen.push(format!("{:.1}", CANDIDATES[c]));
            s_all.extend(test.iter().map(|&i| scores[c][i]));
            l_all.extend(test.iter().map(|&i| labels[i]));
        }
        println!("{:<12} {}  {}", corpus, realset::figures(&s_all, &l_all), chosen.join(" "));
    }
    println!("\nCross-corpus (chosen on one corpus, measured on the other)");
    println!("{:<24} {}", "fit on -> test on", realset::HEADER);
    for (fit, test) in [("sciEntsBank", "beetle"), ("beetle", "sciEntsBank")] {
        let train: Vec<usize> = (0..items.len()).filter(|&i| items[i].corpus() == fit).collect();
        let tst: Vec<usize> = (0..items.len()).filter(|&i| items[i].corpus() == test).collect();
        let (c, _) = pick(&train);
        println!("{:<24} {}  (chosen {:.1})", format!("{fit} -> {test}"), held_out(c, &tst), CANDIDATES[c]);
    }
    let all: Vec<usize> = (0..items.len()).collect();
    let (c, _) = pick(&all);
    println!("\nOn both corpora together the best KEY_RECALL_FULL is {:.1}", CANDIDATES[c]);
    ExitCode::SUCCESS
}
