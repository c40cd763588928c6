//! Dumps every real-set answer's score and main signals as TSV on stdout, for analysis.
//!
//!     cargo run --release --example dump_realset > /tmp/real.tsv

#[path = "common/realset.rs"]
mod realset;

use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, Grading};

fn main() {
    let items = realset::load().unwrap_or_else(|e| panic!("{e}"));
    let set = RubricSet::bundled();
    let grading = Grading::default();
    println!("id\tqid\tcorpus\tlabel\tscore\tinsufficient\tkey_recall\tcoverage\tcoverage_raw\trelevance\tfluency\tlength\tcontent_words\tnegated\tanswer\treference");
    for it in &items {
        let req = it.request();
        let Ok(target) = catalogue::resolve_target(&set, &req) else { continue };
        let a = rubricate::text::analyze(&it.answer);
        let m = score::signals::measure(&it.answer, &a, &target, &grading);
        let s = score::grade(&it.answer, &target, &grading);
        let neg = m.points.iter().filter(|p| p.negated).count();
        let clean = |t: &str| t.replace(['\t', '\n'], " ");
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}",
            it.id, it.qid, it.corpus(), it.label, s.score, s.insufficient, m.key_recall, m.coverage, m.coverage_raw,
            m.relevance, m.fluency, m.length, m.content_words, neg, clean(&it.answer), clean(&it.reference)
        );
    }
}
