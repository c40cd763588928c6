//! Benchmarks of the two hot paths: grading one ~300-word answer against a bundled rubric question,
//! and building a report from a ~60 KB dialogue transcript; and accurate mode's cost: loading the
//! sentence encoder, and comparing a ~40-word and a ~300-word answer with a model answer (the encoder
//! alone: the engine's own grading is the row above). Run with `cargo bench` (or `make bench`);
//! the accurate-mode rows need the model (`make model`) and say so when it is missing.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rubricate::{Engine, ScoreRequest};
use std::hint::black_box;

/// The rubric question the answer below is written for; any bundled question is used if it is absent.
const RUBRIC_QUESTION: (&str, &str) = ("cloud-architect", "high-availability");

/// About 300 words on keeping a web application up when parts of it fail.
const ANSWER_300_WORDS: &str = include_str!("answer-300-words.txt");

/// Interviewer questions for the generated transcript (written for this benchmark).
const QUESTIONS: &[&str] = &[
    "How would you keep a web application available when one of its servers fails?",
    "Tell me about a time you disagreed with a teammate about a technical decision.",
    "How do you decide what to monitor and what to alert on?",
    "Walk me through how you would cut the monthly cloud bill of a service by a third.",
    "Describe a deployment that went wrong and what you changed afterwards.",
    "How would you secure an API that mobile clients call directly?",
    "What is your approach to testing infrastructure code before it reaches production?",
    "How do you handle a database migration on a table with a billion rows?",
    "Tell me about a project you are proud of and your part in it.",
    "How would you design retries between two services without making an outage worse?",
    "What would you do in your first month on this team?",
    "How do you explain a technical risk to a manager who is not technical?",
];

/// Sentences the candidate's answers are assembled from (written for this benchmark).
const SENTENCES: &[&str] = &[
    "In my last role I owned the deployment pipeline for about thirty services.",
    "We ran everything on Kubernetes across three availability zones.",
    "The first thing I check is what changed recently, since most incidents follow a change.",
    "I prefer small, reversible steps over one large switch-over.",
    "We measured p99 latency before and after, and it dropped from 800 to 240 milliseconds.",
    "Honestly I am not completely sure about the details of that part.",
    "I wrote a short design document and asked the two most sceptical engineers to review it first.",
    "The trade-off was cost against recovery time, and the business chose a four-hour recovery target.",
    "We added a feature flag so the new path could be turned off in seconds.",
    "Terraform plans ran in CI and a second person approved every apply to production.",
    "I think communication mattered more than the technical fix in the end.",
    "Reserved instances and right-sizing the batch cluster saved about 35 percent.",
    "Every alert had to link to a runbook or it was deleted after a month.",
    "We copied the table in batches of ten thousand rows and switched reads over behind a flag.",
    "Retries used exponential backoff with jitter and a budget per request.",
    "The mobile clients authenticated with short-lived tokens and we rate limited per account.",
    "After the postmortem we added a canary stage that caught two bad releases the next quarter.",
    "My manager wanted a date, so I gave a range and explained what would move it.",
    "I would spend the first weeks reading incident history and pairing with whoever is on call.",
    "We load tested with recorded production traffic replayed at twice the normal rate.",
    "It was, um, kind of a team effort, so I don't know exactly what I did versus others.",
    "The circuit breaker opened after five consecutive failures and probed again after thirty seconds.",
    "I kept a decision log so that later readers could see why we rejected the other option.",
    "Secrets moved from environment files into a vault with automatic rotation every ninety days.",
];

/// Builds a dialogue transcript of about `target` bytes from the pools above, deterministically:
/// exchange `i` asks question `i mod 12` and answers with five to seven sentences picked by stride.
fn transcript(target: usize) -> String {
    let mut out =
        String::from("Interview Transcript\nCandidate: Morgan Ellis\nPosition: Cloud Solutions Architect\n\n");
    let mut i = 0usize;
    while out.len() < target {
        out.push_str("AI Recruiter: ");
        out.push_str(QUESTIONS[i % QUESTIONS.len()]);
        out.push_str("\n\nCandidate: \"");
        let count = 5 + i % 3;
        for k in 0..count {
            if k > 0 {
                out.push(' ');
            }
            out.push_str(SENTENCES[(i * 7 + k * 5) % SENTENCES.len()]);
        }
        out.push_str("\"\n\n");
        i += 1;
    }
    out
}

fn score_300_words(c: &mut Criterion) {
    let engine = Engine::new();
    let (rubric, question) = match engine.rubric(RUBRIC_QUESTION.0) {
        Some(r) => {
            (r.id.clone(), r.questions.iter().find(|q| q.id == RUBRIC_QUESTION.1).or(r.questions.first()).cloned())
        }
        None => match engine.rubrics().first() {
            Some(s) => (s.id.clone(), engine.rubric(&s.id).and_then(|r| r.questions.first().cloned())),
            None => (String::new(), None),
        },
    };
    let request = ScoreRequest {
        question: question.as_ref().map_or_else(
            || "How would you keep a web application available when parts of it fail?".to_string(),
            |q| q.text.clone(),
        ),
        answer: ANSWER_300_WORDS.to_string(),
        rubric: question.as_ref().map(|q| format!("{}/{}", rubric, q.id)),
        ..ScoreRequest::default()
    };
    match engine.score(&request) {
        Ok(s) => eprintln!(
            "score_300_words: {} words, graded {:.1} against {:?}",
            ANSWER_300_WORDS.split_whitespace().count(),
            s.score,
            request.rubric
        ),
        Err(e) => eprintln!("score_300_words: the engine refused the request ({}); timing the refusal", e),
    }
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(ANSWER_300_WORDS.len() as u64));
    group.bench_function("score_300_words", |b| b.iter(|| engine.score(black_box(&request))));
    group.finish();
}

fn report_60kb_transcript(c: &mut Criterion) {
    let engine = Engine::new();
    let text = transcript(60 * 1024);
    match engine.report(&text, None, None) {
        Ok(r) => eprintln!(
            "report_60kb_transcript: {} bytes, {} candidate(s), {} question(s)",
            text.len(),
            r.candidates.len(),
            r.candidates.iter().map(|c| c.questions.len()).sum::<usize>()
        ),
        Err(e) => eprintln!("report_60kb_transcript: the engine refused the transcript ({}); timing the refusal", e),
    }
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("report_60kb_transcript", |b| b.iter(|| engine.report(black_box(&text), None, None)));
    group.finish();
}

/// A ~60-word model answer to the same question, for accurate mode's rows.
const MODEL_ANSWER: &str = "Spread stateless servers over several availability zones behind a load balancer with \
health checks, keep sessions and data in replicated stores with automatic failover, back up and test \
restores, use timeouts, retries with backoff and circuit breakers between services, and alert on what \
users feel so that someone notices and acts before a partial failure becomes an outage.";

fn accurate_mode(c: &mut Criterion) {
    let dir = std::env::var_os("RUBRICATE_MODEL")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/model"));
    let started = std::time::Instant::now();
    let encoder = match rubricate_encoder::Encoder::from_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("accurate mode: skipped ({e}; run `make model`)");
            return;
        }
    };
    eprintln!(
        "accurate mode: encoder loaded in {:.0} ms (first load, files from disk)",
        started.elapsed().as_secs_f64() * 1e3
    );
    let key = match encoder.encode(MODEL_ANSWER) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("accurate mode: skipped ({e})");
            return;
        }
    };
    let words: Vec<&str> = ANSWER_300_WORDS.split_whitespace().collect();
    let answer_40 = words[..40.min(words.len())].join(" ");
    let mut group = c.benchmark_group("accurate");
    group.sample_size(10);
    for (name, answer) in [("compare_40_words", answer_40.as_str()), ("compare_300_words", ANSWER_300_WORDS)] {
        group.bench_function(name, |b| {
            b.iter(|| encoder.encode(black_box(answer)).map(|a| rubricate_encoder::Comparison::of(&a, &key)))
        });
    }
    group.finish();
}

criterion_group!(benches, score_300_words, report_60kb_transcript, accurate_mode);
criterion_main!(benches);
