//! Lists every development-set answer's id, category, human grade and engine score, one a line, so
//! two runs can be diffed to see exactly which answers a grading change moved:
//!
//!     cargo run --release --example devset_scores > before.txt   # ... change ... then after.txt; diff
use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, ScoreRequest};
fn main() {
    let set = RubricSet::bundled();
    let mut files: Vec<_> =
        std::fs::read_dir("tests/devset").map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(s) = std::fs::read_to_string(&f) else { continue };
        for line in s.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let answer = v["answer"].as_str().unwrap_or("");
            let req = ScoreRequest {
                question: v["question"].as_str().unwrap_or("").into(),
                answer: answer.into(),
                rubric: v["rubric"].as_str().map(String::from),
                ..Default::default()
            };
            let Ok(t) = catalogue::resolve_target(&set, &req) else { continue };
            let sc = score::grade(answer, &t, &score::Grading::default());
            println!(
                "{} {} {} {}",
                v["id"].as_str().unwrap_or(""),
                v["category"].as_str().unwrap_or(""),
                v["grade"],
                sc.score
            );
        }
    }
}
