//! Development helper: grades every bundled rubric example and prints score vs expected range.
fn main() {
    let engine = rubricate::Engine::new();
    let (mut ok, mut bad) = (0, 0);
    for (name, r) in rubricate::rubric::bundled::load_all() {
        let Ok(r) = r else {
            println!("{name}: INVALID");
            continue;
        };
        for q in &r.questions {
            for ex in &q.examples {
                let req = rubricate::ScoreRequest {
                    question: q.text.clone(),
                    answer: ex.answer.clone(),
                    rubric: Some(format!("{}/{}", r.id, q.id)),
                    ..Default::default()
                };
                let Ok(s) = engine.score(&req) else { continue };
                let pass = s.score >= ex.min && s.score <= ex.max;
                if pass {
                    ok += 1
                } else {
                    bad += 1
                }
                let sig = |k: &str| s.signals.get(k).copied().unwrap_or(0.0);
                println!(
                    "{} {:>22}/{:<28} {:<8} {:.1} [{}-{}] cov {:.2} spec {:.2} rea {:.2} str {:.2} flu {:.2} len {:.2} rel {:.2}",
                    if pass { "  " } else { "XX" }, r.id, q.id, ex.label, s.score, ex.min, ex.max,
                    sig("coverage"), sig("specificity"), sig("reasoning"), sig("structure"), sig("fluency"), sig("length"), sig("relevance")
                );
            }
        }
    }
    println!("{ok} passed, {bad} failed");
}
