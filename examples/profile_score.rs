//! Grades the benchmark's ~300-word answer N times in a loop, for profilers: `perf record` (time by
//! function) or `valgrind --tool=callgrind` (instruction counts, exact and repeatable on a noisy
//! machine: how the speed notes of issue 16 compare builds). Mode `ref` grades against the
//! question's model answer instead of its rubric.
//!
//!     cargo build --release --example profile_score   # CARGO_PROFILE_RELEASE_STRIP=false for symbols
//!     valgrind --tool=callgrind target/release/examples/profile_score 200 [ref]
//!
//! (Run it with 0 as well: the difference over N is the instructions per answer, start-up aside.)

use rubricate::{Engine, ScoreRequest};
use std::hint::black_box;

/// The answer of `benches/engine.rs` (about 300 words on keeping a web application up).
const ANSWER_300_WORDS: &str = include_str!("../benches/answer-300-words.txt");

fn main() {
    let engine = Engine::new();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20000);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let Some(q) = engine
        .rubric("cloud-architect")
        .and_then(|r| r.questions.iter().find(|q| q.id == "high-availability").cloned())
    else {
        eprintln!("profile_score: the bundled question cloud-architect/high-availability is missing");
        std::process::exit(2);
    };
    let key = q.reference.clone();
    let request = if mode == "ref" {
        ScoreRequest {
            question: q.text.clone(),
            answer: ANSWER_300_WORDS.to_string(),
            reference: Some(key),
            ..Default::default()
        }
    } else {
        ScoreRequest {
            question: q.text.clone(),
            answer: ANSWER_300_WORDS.to_string(),
            rubric: Some(format!("cloud-architect/{}", q.id)),
            ..Default::default()
        }
    };
    let t = std::time::Instant::now();
    let mut s = 0.0;
    for _ in 0..n {
        match engine.score(black_box(&request)) {
            Ok(scored) => s += scored.score,
            Err(e) => {
                eprintln!("profile_score: {e}");
                std::process::exit(1);
            }
        }
    }
    let el = t.elapsed();
    eprintln!("{} x: {:.1} us each (sum {s})", n, el.as_secs_f64() * 1e6 / n as f64);
}
