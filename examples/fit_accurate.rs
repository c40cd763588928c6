#![allow(clippy::needless_range_loop)] // index loops read as the linear algebra they are
//! Fits accurate mode's three constants (`src/score/accurate.rs`: INTERCEPT, LEXICAL_WEIGHT,
//! RECALL_WEIGHT) on the real development set and reports held-out figures:
//!
//! * question-grouped 5-fold cross-validation within each corpus (a question's answers are all in
//!   one fold: the constants are fitted on the other folds' questions, measured on unseen ones);
//! * cross-corpus: fitted on SciEntsBank, measured on Beetle, and back;
//! * the constants in the source, measured on each corpus (what `make accuracy` prints).
//!
//! The model: P(correct) = σ(b0 + b1·lexical/5 + b2·recall), fitted by maximum likelihood
//! (Newton's method, a small ridge penalty [`RIDGE`] so the solve is always defined); accurate
//! mode's score is 5·P relative to the model answer's own P (`accurate::combine_with`). `lexical` is
//! the engine's default-mode score against the model answer; `recall` comes from the sentence
//! encoder (`rubricate-encoder`). The AUC of the cosine alone is printed too (it is not weighed).
//!
//!     make model && cargo run --release --example fit_accurate

#[path = "common/realset.rs"]
mod realset;

use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, accurate, Grading, SentenceEvidence};
use std::collections::BTreeMap;
use std::process::ExitCode;

const FOLDS: usize = 5;
/// Ridge penalty on the weights (not the intercept): keeps Newton's step defined; small enough not
/// to move the fit (the weights change in the third decimal between 1e-4 and 1e-2).
const RIDGE: f64 = 1e-3;

const N: usize = 3;

fn features(lexical: f64, ev: &SentenceEvidence) -> [f64; N] {
    [1.0, lexical / 5.0, ev.recall]
}

/// Logistic regression by Newton's method.
fn fit(x: &[[f64; N]], y: &[bool]) -> [f64; N] {
    let mut w = [0.0; N];
    for _ in 0..50 {
        let mut g = [0.0; N];
        let mut h = [[0.0; N]; 4];
        for (xi, &yi) in x.iter().zip(y) {
            let p = sigmoid(dot(&w, xi));
            let t = if yi { 1.0 } else { 0.0 };
            for a in 0..N {
                g[a] += (p - t) * xi[a];
                for b in 0..N {
                    h[a][b] += p * (1.0 - p) * xi[a] * xi[b];
                }
            }
        }
        for a in 1..N {
            g[a] += RIDGE * w[a];
            h[a][a] += RIDGE;
        }
        let step = solve(h, g);
        let mut moved = 0.0f64;
        for a in 0..N {
            w[a] -= step[a];
            moved = moved.max(step[a].abs());
        }
        if moved < 1e-10 {
            break;
        }
    }
    w
}

/// Solves `h · s = g` (Gaussian elimination with partial pivoting; `h` is positive definite).
fn solve(mut h: [[f64; N]; 4], mut g: [f64; N]) -> [f64; N] {
    for c in 0..N {
        let p = (c..N).max_by(|&a, &b| h[a][c].abs().total_cmp(&h[b][c].abs())).unwrap_or(c);
        h.swap(c, p);
        g.swap(c, p);
        for r in 0..N {
            if r != c && h[c][c] != 0.0 {
                let f = h[r][c] / h[c][c];
                for k in c..N {
                    h[r][k] -= f * h[c][k];
                }
                g[r] -= f * g[c];
            }
        }
    }
    std::array::from_fn(|i| if h[i][i] != 0.0 { g[i] / h[i][i] } else { 0.0 })
}

fn dot(w: &[f64; N], x: &[f64; N]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn score_with(w: &[f64; N], x: &[f64; N]) -> f64 {
    accurate::combine_with(w, 5.0 * x[1], x[2])
}

fn main() -> ExitCode {
    let items = match realset::load() {
        Ok(items) => items,
        Err(e) => {
            eprintln!("fit_accurate: {e}");
            return ExitCode::from(2);
        }
    };
    let set = RubricSet::bundled();
    let grading = Grading::default();
    let mut lexical = Vec::with_capacity(items.len());
    for it in &items {
        let Ok(target) = catalogue::resolve_target(&set, &it.request()) else {
            eprintln!("fit_accurate: {}: cannot be graded", it.id);
            return ExitCode::from(2);
        };
        let scored = score::grade(&it.answer, &target, &grading);
        lexical.push((scored.score, scored.insufficient));
    }
    let started = std::time::Instant::now();
    let evidence = match realset::accurate_evidence(&items) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("fit_accurate: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("encoded {} answers in {:.1} s", items.len(), started.elapsed().as_secs_f64());
    let x: Vec<[f64; N]> = lexical.iter().zip(&evidence).map(|(&(s, _), ev)| features(s, ev)).collect();
    let labels: Vec<bool> = items.iter().map(|i| i.correct()).collect();
    // An answer too short to grade stays 0 in accurate mode too (as `score::grade` does).
    let predict = |w: &[f64; N], i: usize| if lexical[i].1 { 0.0 } else { score_with(w, &x[i]) };
    let fit_on = |idx: &[usize]| {
        let xs: Vec<[f64; N]> = idx.iter().map(|&i| x[i]).collect();
        let ys: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        fit(&xs, &ys)
    };
    let measure = |w: &[f64; N], idx: &[usize]| {
        let s: Vec<f64> = idx.iter().map(|&i| predict(w, i)).collect();
        let l: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        realset::figures(&s, &l)
    };
    let corpora = ["sciEntsBank", "beetle"];
    let in_corpus = |c: &str| -> Vec<usize> { (0..items.len()).filter(|&i| items[i].corpus() == c).collect() };

    println!("Each piece of evidence alone (AUC)");
    for corpus in corpora {
        let idx = in_corpus(corpus);
        let l: Vec<bool> = idx.iter().map(|&i| labels[i]).collect();
        let col = |k: usize| -> Vec<f64> { idx.iter().map(|&i| x[i][k]).collect() };
        let cosine: Vec<f64> = idx.iter().map(|&i| evidence[i].cosine).collect();
        println!(
            "  {corpus:<12} lexical {:.3}  recall {:.3}  cosine {:.3} (not weighed)",
            realset::auc(&col(1), &l),
            realset::auc(&col(2), &l),
            realset::auc(&cosine, &l)
        );
    }

    println!("\nQuestion-grouped {FOLDS}-fold cross-validation (fitted on the other folds' questions)");
    println!("{:<12} {}", "corpus", realset::HEADER);
    for corpus in corpora {
        let idx = in_corpus(corpus);
        let mut qids: Vec<&str> = idx.iter().map(|&i| items[i].qid.as_str()).collect();
        qids.sort_unstable();
        qids.dedup();
        let fold_of: BTreeMap<&str, usize> = qids.iter().enumerate().map(|(n, q)| (*q, n % FOLDS)).collect();
        let (mut s_all, mut l_all) = (Vec::new(), Vec::new());
        for f in 0..FOLDS {
            let train: Vec<usize> = idx.iter().copied().filter(|&i| fold_of[items[i].qid.as_str()] != f).collect();
            let test: Vec<usize> = idx.iter().copied().filter(|&i| fold_of[items[i].qid.as_str()] == f).collect();
            let w = fit_on(&train);
            s_all.extend(test.iter().map(|&i| predict(&w, i)));
            l_all.extend(test.iter().map(|&i| labels[i]));
        }
        println!("{:<12} {}", corpus, realset::figures(&s_all, &l_all));
    }

    println!("\nCross-corpus (fitted on one corpus, measured on the other)");
    println!("{:<24} {}", "fit on -> test on", realset::HEADER);
    for (a, b) in [("sciEntsBank", "beetle"), ("beetle", "sciEntsBank")] {
        let w = fit_on(&in_corpus(a));
        println!("{:<24} {}", format!("{a} -> {b}"), measure(&w, &in_corpus(b)));
    }

    let all: Vec<usize> = (0..items.len()).collect();
    let w = fit_on(&all);
    println!("\nFitted on both corpora (paste into src/score/accurate.rs):");
    println!("pub const INTERCEPT: f64 = {:.2};", w[0]);
    println!("pub const LEXICAL_WEIGHT: f64 = {:.2};", w[1]);
    println!("pub const RECALL_WEIGHT: f64 = {:.2};", w[2]);
    let source = accurate::WEIGHTS;
    println!("\nThe constants in the source {source:?}, in sample:");
    println!("{:<12} {}", "corpus", realset::HEADER);
    for corpus in corpora {
        println!("{:<12} {}", corpus, measure(&source, &in_corpus(corpus)));
    }
    let same = SentenceEvidence { model: String::new(), cosine: 1.0, recall: 1.0 };
    let half = SentenceEvidence { model: String::new(), cosine: 0.5, recall: 0.5 };
    println!(
        "The model answer itself (lexical 5, recall 1) scores {}; lexical 2.5 with recall 0.5 scores {}",
        accurate::combine(5.0, &same),
        accurate::combine(2.5, &half)
    );
    ExitCode::SUCCESS
}
