//! Dumps every real-set answer's score and main signals as TSV on stdout, for analysis.
//!
//!     cargo run --release --example dump_realset > /tmp/real.tsv

#[path = "common/realset.rs"]
mod realset;

use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, Grading};

fn main() {
    let items: Vec<realset::Item> = match std::env::var("PAIRS") {
        Ok(f) => std::fs::read_to_string(f)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
        Err(_) => realset::load().unwrap_or_else(|e| panic!("{e}")),
    };
    let set = RubricSet::bundled();
    let grading = Grading::default();
    println!("id\tqid\tcorpus\tlabel\tscore\tinsufficient\tkey_recall\tcoverage\tcoverage_raw\trelevance\tfluency\tlength\tcontent_words\tnegated\tkey_total\tprecision\tanswer\treference");
    for it in &items {
        let req = it.request();
        let Ok(target) = catalogue::resolve_target(&set, &req) else { continue };
        let a = rubricate::text::analyze(&it.answer);
        let m = score::signals::measure(&it.answer, &a, &target, &grading);
        let s = score::grade(&it.answer, &target, &grading);
        let mut seen = std::collections::HashSet::new();
        let mut key_total: f64 = target.key_relations.len() as f64;
        for (b, _) in target.key_bag.iter() {
            if seen.insert(b.stem.clone()) {
                key_total += b.weight
                    * if target.question_stems.contains(&b.stem) { score::signals::QUESTION_WORD_WEIGHT } else { 1.0 };
            }
        }
        let key: std::collections::HashSet<&str> = target.key_bag.iter().map(|(b, _)| b.stem.as_str()).collect();
        let (mut pin, mut pall) = (0.0, 0.0);
        let mut seen2 = std::collections::HashSet::new();
        for t in a.tokens.iter().filter(|t| !t.stop) {
            if !seen2.insert(t.stem.to_string()) {
                continue;
            }
            let w = rubricate::score::target::stem_weight(&t.stem);
            pall += w;
            if key.contains(t.stem.as_str()) || target.question_stems.contains(t.stem.as_str()) {
                pin += w;
            }
        }
        let precision = if pall > 0.0 { pin / pall } else { 0.0 };
        let neg = m.points.iter().filter(|p| p.negated).count();
        let clean = |t: &str| t.replace(['\t', '\n'], " ");
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}",
            it.id,
            it.qid,
            it.corpus(),
            it.label,
            s.score,
            s.insufficient,
            m.key_recall,
            m.coverage,
            m.coverage_raw,
            m.relevance,
            m.fluency,
            m.length,
            m.content_words,
            neg,
            key_total,
            precision,
            clean(&it.answer),
            clean(&it.reference)
        );
    }
}
