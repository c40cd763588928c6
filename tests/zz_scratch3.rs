use std::time::Instant;
#[test]
fn dialogue_scale() {
    let t = "Interviewer: What is X?\nCandidate: \"It is Y.\"\n".repeat(25_000);
    let s = Instant::now();
    let iv = rubricate::transcript::parse(&t);
    println!("dialogue {:?} {}", s.elapsed(), iv.candidates[0].exchanges.len());
    let t = "Q1: ?\n".repeat(150_000);
    let s = Instant::now();
    let _ = rubricate::transcript::parse(&t);
    println!("q1 {:?}", s.elapsed());
}
