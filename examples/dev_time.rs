//! Development helper: times grading the strong tier answers.
fn main() {
    let engine = rubricate::Engine::new();
    let tiers: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/tiers.json")).unwrap_or_default();
    let t = &tiers[0];
    let answer = format!("{} {}", t["exceptional"].as_str().unwrap_or(""), t["strong"].as_str().unwrap_or(""));
    let req = rubricate::ScoreRequest {
        question: t["question"].as_str().unwrap_or("").into(),
        answer: answer.clone(),
        rubric: Some(format!("{}/{}", t["rubric"].as_str().unwrap_or(""), t["question_id"].as_str().unwrap_or(""))),
        ..Default::default()
    };
    println!("words: {}", answer.split_whitespace().count());
    let n: usize = std::env::var("N").ok().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = engine.score(&req);
    }
    println!("named rubric: {:.1} us/answer", start.elapsed().as_secs_f64() * 1e6 / n as f64);
    let req2 = rubricate::ScoreRequest { rubric: None, ..req.clone() };
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = engine.score(&req2);
    }
    println!("matched: {:.1} us/answer", start.elapsed().as_secs_f64() * 1e6 / n as f64);
    let a = rubricate::text::analyze(&answer);
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = rubricate::text::analyze(&answer);
    }
    println!("analyze only: {:.1} us ({} tokens)", start.elapsed().as_secs_f64() * 1e6 / n as f64, a.tokens.len());
}
