//! Explains grades of the development set: for every dev-set answer whose id contains one of the
//! arguments, each talking point's credit, matched words and negation, plus the signals. The tool to
//! reach for when `make accuracy` reports a violation.
//!
//!     cargo run --release --example devset_points -- cloud-architect-07 [MORE IDS]
//!     DEVSET=tests/devset-reference cargo run --release --example devset_points -- ID
use rubricate::catalogue::{self, RubricSet};
use rubricate::score::{self, signals, ScoreRequest};
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = RubricSet::bundled();
    let mut files: Vec<_> = std::fs::read_dir(std::env::var("DEVSET").unwrap_or_else(|_| "tests/devset".into()))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(s) = std::fs::read_to_string(&f) else { continue };
        for line in s.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let id = v["id"].as_str().unwrap_or("");
            if !args.iter().any(|a| id.contains(a.as_str())) {
                continue;
            }
            let answer = v["answer"].as_str().unwrap_or("");
            let req = ScoreRequest {
                question: v["question"].as_str().unwrap_or("").into(),
                answer: answer.into(),
                rubric: v["rubric"].as_str().map(String::from),
                reference: v["reference"].as_str().map(String::from),
                ..Default::default()
            };
            let Ok(t) = catalogue::resolve_target(&set, &req) else { continue };
            let a = rubricate::text::analyze(answer);
            let m = signals::measure(answer, &a, &t, &score::Grading::default());
            let sc = score::grade(answer, &t, &score::Grading::default());
            println!(
                "== {id} [{}] human {} engine {} cov {:.2} raw {:.2} rel {:.2} focus {:.2}",
                v["category"], v["grade"], sc.score, m.coverage, m.coverage_raw, m.relevance, m.focus
            );
            for (si, sent) in a.sentences.iter().enumerate() {
                let ts: Vec<&str> = a.tokens[sent.token_range()]
                    .iter()
                    .filter(|x| !x.stop && t.topic_stems.contains(x.stem.as_str()))
                    .map(|x| x.stem.as_str())
                    .collect();
                let vs: Vec<&str> = a.tokens[sent.token_range()]
                    .iter()
                    .filter(|x| !x.stop && t.points.iter().any(|p| p.vocabulary.contains(x.stem.as_str())))
                    .map(|x| x.stem.as_str())
                    .collect();
                let qs: Vec<&str> = a.tokens[sent.token_range()]
                    .iter()
                    .filter(|x| !x.stop && t.question_stems.contains(x.stem.as_str()))
                    .map(|x| x.stem.as_str())
                    .collect();
                println!(
                    "  s{si} on={} topic={:?} vocab={:?} q={:?}",
                    m.on_topic.get(si).copied().unwrap_or(false),
                    ts,
                    vs,
                    qs
                );
            }
            for (p, r) in t.points.iter().zip(&m.points) {
                let words = r
                    .span
                    .map(|(s, e)| {
                        a.tokens[s..e.min(a.tokens.len())]
                            .iter()
                            .map(|t| t.lower.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                println!(
                    "  {:.2} w{} {}{} | {}",
                    r.credit,
                    p.weight,
                    if r.negated { "NEG " } else { "" },
                    p.text,
                    words
                );
            }
        }
    }
}
