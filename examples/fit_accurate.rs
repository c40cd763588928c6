//! Exploration: cosine of answer and model answer on the real set.
#[path = "common/realset.rs"]
mod realset;

use rayon::prelude::*;
use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, Grading};
use std::collections::HashMap;

fn bert_score(a: &[Vec<f32>], r: &[Vec<f32>]) -> (f32, f32) {
    if a.is_empty() || r.is_empty() {
        return (0.0, 0.0);
    }
    let dot = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>();
    let rec = r.iter().map(|rv| a.iter().map(|av| dot(av, rv)).fold(-1.0, f32::max)).sum::<f32>() / r.len() as f32;
    let prec = a.iter().map(|av| r.iter().map(|rv| dot(av, rv)).fold(-1.0, f32::max)).sum::<f32>() / a.len() as f32;
    (prec, rec)
}

fn main() {
    let items = realset::load().unwrap();
    let enc = rubricate_encoder::Encoder::from_dir(std::path::Path::new("target/model")).unwrap();
    let mut texts: Vec<&str> =
        items.iter().flat_map(|i| [i.answer.as_str(), i.reference.as_str(), i.question.as_str()]).collect();
    texts.sort();
    texts.dedup();
    let t0 = std::time::Instant::now();
    let vecs: HashMap<&str, (Vec<f32>, Vec<Vec<f32>>)> =
        texts.par_iter().map(|t| (*t, (enc.embed(t).unwrap(), enc.embed_tokens(t).unwrap()))).collect();
    eprintln!("{} texts in {:?}", texts.len(), t0.elapsed());
    let set = RubricSet::bundled();
    let grading = Grading::default();
    let mut out = String::new();
    for it in &items {
        let target = catalogue::resolve_target(&set, &it.request()).unwrap();
        let s = score::grade(&it.answer, &target, &grading).score;
        let (a, r, q) = (&vecs[it.answer.as_str()], &vecs[it.reference.as_str()], &vecs[it.question.as_str()]);
        let c = rubricate_encoder::cosine(&a.0, &r.0);
        let cq = rubricate_encoder::cosine(&a.0, &q.0);
        let (p, rc) = bert_score(&a.1, &r.1);
        let (pq, rq) = bert_score(&a.1, &q.1);
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            it.qid,
            it.corpus(),
            it.correct() as u8,
            s,
            c,
            cq,
            p,
            rc,
            pq,
            rq
        ));
    }
    std::fs::write("target/model/realset.tsv", out).unwrap();
}
