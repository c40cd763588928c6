//! Property tests of the engine's promises (proptest, 64 cases each so `cargo test` stays quick;
//! set `PROPTEST_CASES` for a longer search).
//!
//! 1. every score is finite and within 0–5 (and every signal within 0–1);
//! 2. `grade` is `score` rounded half up;
//! 3. evidence offsets lie on char boundaries inside the answer, and evidence text is that slice;
//! 4. the same input gives byte-identical JSON twice (same engine, and a fresh engine);
//! 5. appending generic filler sentences never raises a score;
//! 6. shuffling a rubric question's talking points does not change the score;
//! 7. a report on random text never errors, except the documented empty-input error;
//! 8. arbitrary Unicode (emoji, CJK, right-to-left scripts, combining marks, odd whitespace) never panics.

use proptest::prelude::*;
use rubricate::score::SentenceEvidence;
use rubricate::{render, Engine, Format, ScoreRequest, ScoredAnswer};
use serde_json::Value;
use std::sync::OnceLock;

/// Cases per property; `PROPTEST_CASES=2000 cargo test --test properties` searches harder.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// (rubric id, question id, question text) of every bundled rubric question.
fn bundled_questions() -> &'static [(String, String, String)] {
    static QS: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    QS.get_or_init(|| {
        engine()
            .rubrics()
            .into_iter()
            .flat_map(|r| r.questions.into_iter().map(move |q| (r.id.clone(), q.id, q.text)))
            .collect()
    })
}

/// Sentences an answer may be made of: on-topic statements for several bundled subjects, hedges,
/// STAR-shaped sentences and plain chatter.
const SENTENCES: &[&str] = &[
    "I would run at least two instances in separate availability zones behind a load balancer with health checks.",
    "The database is replicated synchronously and fails over automatically when the primary dies.",
    "We measured p99 latency before and after the change and it dropped from 800 ms to 120 ms.",
    "Because the cache can serve stale data, I set a short TTL and invalidate on writes.",
    "A race condition appears when two threads update shared state without a lock or an atomic operation.",
    "I wrote unit tests for the parser first, then integration tests against a real Postgres in Docker.",
    "Last year our release slipped by two weeks, so I told the product owner the same day and proposed a smaller first milestone.",
    "The result was that support tickets fell by a third within a month.",
    "I'm not sure, I haven't really worked with that.",
    "Maybe you could use some kind of queue, I guess.",
    "In Python I would use a generator so the whole file never sits in memory.",
    "useEffect runs after the render is committed, and its cleanup runs before the next run and on unmount.",
    "We used Kafka with idempotent producers and consumer groups so each partition is read by one consumer.",
    "Precision and recall trade off against each other, so I pick the threshold from the cost of each error.",
    "Honestly the trade-off is cost against resilience: active-active doubles the bill.",
    "First I would reproduce the bug, then bisect the commits to find what changed.",
    "We rolled back the deploy within five minutes and wrote a postmortem without blame.",
    "Ok.",
    "Yes.",
];

/// Generic filler: clichés that say nothing about any question.
const FILLER: &[&str] = &[
    "I am a hard worker.",
    "I love technology.",
    "I am a team player.",
    "I always give 110 percent.",
    "I am passionate about learning new things.",
    "I think outside the box.",
    "I am a fast learner and a people person.",
    "This is my dream job.",
    "I am very detail oriented.",
    "I thrive under pressure.",
];

/// Non-ASCII fragments that have tripped up text code elsewhere.
const UNICODE_BITS: &[&str] = &[
    "😀",
    "🚀",
    "👩‍💻",
    "🇯🇵",
    "👍🏽",
    "東京",
    "数据库",
    "キャッシュ",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u{202e}abc\u{202c}",
    "e\u{301}",
    "a\u{308}\u{20dd}",
    "\u{200d}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "İstanbul",
    "ß",
    "ﬁle",
    "Ǆ",
    "\u{1d400}",
    "Ünïcödé",
    "—",
    "…",
    "«»",
    "\u{0}",
    "\t",
    "\r\n",
    "\u{85}",
];

fn sentences(max: usize) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(SENTENCES), 0..max)
}

fn answer() -> impl Strategy<Value = String> {
    sentences(8).prop_map(|s| s.join(" "))
}

/// How the answer is graded: against a bundled rubric question, a reference, or the question alone.
#[derive(Debug, Clone)]
enum Mode {
    Rubric(usize),
    Reference(String),
    Question(usize),
}

fn mode() -> impl Strategy<Value = Mode> {
    let n = bundled_questions().len();
    prop_oneof![(0..n).prop_map(Mode::Rubric), answer().prop_map(Mode::Reference), (0..n).prop_map(Mode::Question),]
}

fn request(mode: &Mode, answer: &str) -> ScoreRequest {
    let qs = bundled_questions();
    match mode {
        Mode::Rubric(i) => ScoreRequest {
            question: qs[*i].2.clone(),
            answer: answer.to_string(),
            rubric: Some(format!("{}/{}", qs[*i].0, qs[*i].1)),
            ..Default::default()
        },
        Mode::Reference(r) => ScoreRequest {
            question: "Explain how you would approach this problem.".into(),
            answer: answer.to_string(),
            reference: Some(r.clone()),
            ..Default::default()
        },
        Mode::Question(i) => {
            ScoreRequest { question: qs[*i].2.clone(), answer: answer.to_string(), ..Default::default() }
        }
    }
}

fn score(req: &ScoreRequest) -> ScoredAnswer {
    engine().score(req).unwrap_or_else(|e| panic!("score failed: {} for {:?}", e, req))
}

/// Text the engine refuses as binary (a NUL byte, mostly control characters) is left to
/// `tests/limits.rs`; every other generated answer must be graded.
fn textual(answer: &str) -> bool {
    rubricate::input::check_text(answer, "answer").is_ok()
}

fn check_ranges(s: &ScoredAnswer) -> Result<(), TestCaseError> {
    prop_assert!(s.score.is_finite() && (0.0..=5.0).contains(&s.score), "score {}", s.score);
    prop_assert!(
        (s.score * 10.0 - (s.score * 10.0).round()).abs() < 1e-9,
        "score {} has more than one decimal",
        s.score
    );
    prop_assert!(s.relevance.is_finite() && (0.0..=1.0).contains(&s.relevance), "relevance {}", s.relevance);
    for (k, v) in &s.signals {
        prop_assert!(v.is_finite() && (0.0..=1.0).contains(v), "signal {} = {}", k, v);
    }
    if s.insufficient {
        prop_assert_eq!(s.score, 0.0);
    }
    Ok(())
}

fn check_evidence(answer: &str, s: &ScoredAnswer) -> Result<(), TestCaseError> {
    for e in &s.evidence {
        prop_assert!(e.start <= e.end, "evidence {}..{} is reversed", e.start, e.end);
        prop_assert!(e.end <= answer.len(), "evidence ends at {} past the answer's {} bytes", e.end, answer.len());
        prop_assert!(answer.is_char_boundary(e.start), "evidence start {} inside a character of {:?}", e.start, answer);
        prop_assert!(answer.is_char_boundary(e.end), "evidence end {} inside a character of {:?}", e.end, answer);
        prop_assert_eq!(&answer[e.start..e.end], e.text.as_str());
    }
    Ok(())
}

/// Half up: 2.5 → 3, 2.4 → 2. Scores carry one decimal, so compare in tenths to avoid float noise.
fn half_up(score: f64) -> u8 {
    let tenths = (score * 10.0).round() as i64;
    ((tenths + 5) / 10) as u8
}

/// An answer with Unicode fragments spliced between words and sentences.
fn unicode_answer() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(SENTENCES).prop_map(str::to_string),
            3 => prop::sample::select(UNICODE_BITS).prop_map(str::to_string),
            1 => "\\PC{1,20}",
            1 => any::<String>(),
        ],
        0..12,
    )
    .prop_map(|parts| parts.join(" "))
    .prop_filter("binary-looking text is refused, see tests/limits.rs", |s: &String| textual(s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Properties 1–3 on generated answers under every basis.
    #[test]
    fn scores_grades_and_evidence_keep_the_contract(mode in mode(), answer in answer()) {
        let s = score(&request(&mode, &answer));
        check_ranges(&s)?;
        prop_assert_eq!(s.grade, half_up(s.score), "grade {} for score {}", s.grade, s.score);
        check_evidence(&answer, &s)?;
    }

    /// Property 3 where it is hardest: answers full of multi-byte characters.
    #[test]
    fn evidence_is_a_slice_of_a_unicode_answer(mode in mode(), answer in unicode_answer()) {
        let s = score(&request(&mode, &answer));
        check_ranges(&s)?;
        prop_assert_eq!(s.grade, half_up(s.score));
        check_evidence(&answer, &s)?;
    }

    /// Property 4: byte-identical JSON from the same engine twice and from a fresh engine.
    #[test]
    fn same_input_gives_the_same_bytes(mode in mode(), answer in unicode_answer()) {
        let req = request(&mode, &answer);
        let first = serde_json::to_string(&score(&req)).unwrap();
        let again = serde_json::to_string(&score(&req)).unwrap();
        let fresh = serde_json::to_string(&Engine::new().score(&req).unwrap()).unwrap();
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &fresh);
    }

    /// Property 5: filler never raises a score, wherever it goes in the answer's end.
    #[test]
    fn filler_never_raises_a_score(
        mode in mode(),
        body in prop::collection::vec(prop::sample::select(SENTENCES), 1..8),
        filler in prop::collection::vec(prop::sample::select(FILLER), 1..6),
    ) {
        let answer = body.join(" ");
        let padded = format!("{} {}", answer, filler.join(" "));
        let plain = score(&request(&mode, &answer));
        let more = score(&request(&mode, padded.trim_start()));
        prop_assert!(
            more.score <= plain.score,
            "filler raised the score from {} to {}\nanswer: {:?}\npadded: {:?}\nsignals before {:?}\nsignals after {:?}",
            plain.score, more.score, answer, padded, plain.signals, more.signals
        );
    }

    /// Property 6: the order of a rubric question's talking points does not matter.
    #[test]
    fn shuffled_points_give_the_same_score(
        q in 0..bundled_questions().len(),
        body in sentences(8),
        seed in any::<u64>(),
    ) {
        let (rubric_id, question_id, question) = bundled_questions()[q].clone();
        let mut rubric: Value = serde_json::to_value(engine().rubric(&rubric_id).unwrap()).unwrap();
        let shuffled_id = format!("{}-shuffled", rubric_id);
        rubric["id"] = Value::String(shuffled_id.clone());
        for question in rubric["questions"].as_array_mut().unwrap() {
            shuffle(question["points"].as_array_mut().unwrap(), seed);
        }
        let mut engine = engine().clone();
        engine.add_rubric_json(&rubric.to_string()).expect("a permuted bundled rubric is valid");
        let answer = body.join(" ");
        let graded = |id: &str| {
            let req = ScoreRequest {
                question: question.clone(),
                answer: answer.clone(),
                rubric: Some(format!("{}/{}", id, question_id)),
                ..Default::default()
            };
            engine.score(&req).unwrap()
        };
        let (a, b) = (graded(&rubric_id), graded(&shuffled_id));
        prop_assert_eq!(a.score, b.score, "answer {:?}", answer);
        prop_assert_eq!(a.grade, b.grade);
        let (mut ca, mut cb) = (a.covered.clone(), b.covered.clone());
        ca.sort();
        cb.sort();
        prop_assert_eq!(ca, cb);
    }

    /// Property 7: a report on random text (with the question a plain answer needs) never errors,
    /// except that empty or whitespace-only text is refused as empty, and text that looks binary (a
    /// NUL byte, mostly control characters: `input::check_text`) is refused as binary; every rendering works.
    #[test]
    fn report_on_random_text_only_refuses_empty_input(text in prop_oneof![
        3 => unicode_answer(),
        1 => "[ \t\r\n\u{a0}\u{3000}]{0,8}",
    ]) {
        match engine().report(&text, None, Some("Tell me about a project you are proud of.")) {
            Ok(report) => {
                prop_assert!(!text.trim().is_empty());
                prop_assert!(!report.candidates.is_empty());
                for format in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
                    let _ = render(&report, format);
                }
            }
            Err(e) if rubricate::input::check_text(&text, "transcript").is_err() => {
                prop_assert!(!text.trim().is_empty());
                prop_assert!(e.to_string().contains("binary"), "binary input should be refused as binary: {}", e);
            }
            Err(e) => {
                let blank = text.trim_start_matches('\u{feff}').trim().is_empty();
                prop_assert!(blank, "report refused non-empty text {:?}: {}", text, e);
                prop_assert!(e.to_string().contains("empty"), "the empty-input error should say so: {}", e);
            }
        }
    }

    /// Property 8: arbitrary Unicode anywhere (question, answer, reference, rubric name, transcript) never panics.
    #[test]
    fn arbitrary_unicode_never_panics(
        question in unicode_answer(),
        answer in unicode_answer(),
        reference in prop::option::of(unicode_answer()),
        rubric in prop::option::of("\\PC{0,12}"),
        raw in any::<String>(),
        evidence in prop::option::of((any::<f64>(), any::<f64>())),
    ) {
        // Accurate mode's evidence as any caller may send it: NaN, infinities, out of range.
        let accurate = evidence.map(|(cosine, recall)| SentenceEvidence { model: "m".into(), cosine, recall });
        let req = ScoreRequest {
            question: question.clone(),
            answer: answer.clone(),
            reference,
            rubric,
            id: Some(raw.clone()),
            accurate,
        };
        if let Ok(s) = engine().score(&req) {
            check_ranges(&s)?;
            check_evidence(&answer, &s)?;
        }
        let _ = rubricate::transcript::parse(&raw);
        let transcript = format!("Interviewer: {}\nCandidate: {}\n{}", question, answer, raw);
        for text in [raw.as_str(), transcript.as_str()] {
            for q in [None, Some(question.as_str())] {
                if let Ok(report) = engine().report(text, None, q) {
                    for format in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
                        let _ = render(&report, format);
                    }
                }
            }
        }
        let _ = rubricate::input::text_from_bytes(raw.as_bytes(), "raw");
    }
}

/// A deterministic Fisher–Yates shuffle driven by a 64-bit seed (xorshift).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[test]
fn half_up_rounds_halves_up() {
    assert_eq!(half_up(2.5), 3);
    assert_eq!(half_up(2.4), 2);
    assert_eq!(half_up(0.5), 1);
    assert_eq!(half_up(4.5), 5);
    assert_eq!(half_up(0.0), 0);
    assert_eq!(half_up(5.0), 5);
}

/// Regression (found by `filler_never_raises_a_score`): "I always give 110 percent." was kept as a
/// technical sentence because of its own number, and "110 percent" then counted as a measured
/// result, lifting the score from 0.3 to 1.5.
#[test]
fn a_cliche_with_a_number_in_it_is_still_filler() {
    let answer =
        "I would run at least two instances in separate availability zones behind a load balancer with health checks.";
    let req = |a: &str| ScoreRequest {
        question: "Explain how you would approach this problem.".into(),
        answer: a.into(),
        ..Default::default()
    };
    let plain = score(&req(answer));
    for filler in
        ["I always give 110 percent.", "I give a hundred percent every day.", "I always give 110% to my work."]
    {
        let padded = score(&req(&format!("{} {}", answer, filler)));
        assert!(padded.score <= plain.score, "{:?} raised the score from {} to {}", filler, plain.score, padded.score);
        assert!(
            !padded.evidence.iter().any(|e| e.text.contains("110") || e.text.contains("percent")),
            "{:?}",
            padded.evidence
        );
    }
}

/// Regression (found by `filler_never_raises_a_score`): "ms" after a number is milliseconds, not
/// "Ms.", so "… to 120 ms. I always give 110 percent." is two sentences; merged, the cliché rode
/// along with the measured sentence and counted as a measurement.
#[test]
fn a_unit_before_a_full_stop_ends_the_sentence() {
    let split =
        |t: &str| rubricate::text::split_sentences(t).into_iter().map(|(_, s)| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        split("Latency fell from 800 ms to 120 ms. Then we shipped it."),
        ["Latency fell from 800 ms to 120 ms.", "Then we shipped it."]
    );
    assert_eq!(split("We spoke to Ms. Lee about it."), ["We spoke to Ms. Lee about it."]);
    let answer = "We measured p99 latency before and after the change and it dropped from 800 ms to 120 ms.";
    let req = |a: &str| ScoreRequest {
        question: "Explain how you would approach this problem.".into(),
        answer: a.into(),
        ..Default::default()
    };
    let plain = score(&req(answer));
    let padded = score(&req(&format!("{} I always give 110 percent.", answer)));
    assert!(padded.score <= plain.score, "the cliché raised the score from {} to {}", plain.score, padded.score);
}
