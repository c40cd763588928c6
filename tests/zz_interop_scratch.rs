use rubricate::rubric::draft::draft_rubric;
use rubricate::{Engine, ScoreRequest};
#[test]
fn dump() {
    let tiers: serde_json::Value = serde_json::from_str(include_str!("fixtures/tiers.json")).unwrap();
    let mut engine = Engine::new();
    let want = std::env::var("Q").unwrap_or_default();
    for t in tiers.as_array().unwrap() {
        let qid = t["question_id"].as_str().unwrap();
        if !want.is_empty() && want != qid { continue; }
        let r = engine.rubric(t["rubric"].as_str().unwrap()).unwrap().clone();
        let q = r.questions.iter().find(|q| q.id == qid).unwrap();
        let d = draft_rubric(&q.text, &q.reference);
        println!("=== {} ({})\nREF: {}", qid, q.text, q.reference);
        for p in &d.questions[0].points { println!("  [{}] {} {:?}", p.weight, p.text, p.phrases); }
        let s = engine.add_rubric_json(&serde_json::to_string(&d).unwrap()).unwrap();
        for tier in ["weak", "average", "strong", "exceptional"] {
            for rid in [format!("{}/{}", s.id, d.questions[0].id), format!("{}/{}", r.id, qid)] {
                let sc = engine.score(&ScoreRequest { question: t["question"].as_str().unwrap().into(), answer: t[tier].as_str().unwrap().into(), rubric: Some(rid.clone()), ..Default::default() }).unwrap();
                println!("  {tier:<12} {:.1} {:?} covered {} missing {:?}", sc.score, sc.signals, sc.covered.len(), sc.missing);
            }
        }
    }
}
