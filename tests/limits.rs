//! Limits: what the engine refuses, how fast, and how it copes with large, odd and hostile input.
//! Also replays every input in `tests/fixtures/regressions/` (crashes, hangs and out-of-memory
//! inputs the fuzzers found) through the same code the fuzz targets run.
//!
//! Times are printed (`cargo test --test limits -- --nocapture`), never asserted (a test must not
//! depend on the machine's speed): a refusal is checked to come from the size or shape check alone.
//! `batch --jobs` is checked here too: same output, same order, for any number of workers.

use rubricate::{Engine, ScoreRequest, MAX_INPUT_BYTES};
use std::path::PathBuf;
use std::time::Instant;

mod common;
#[path = "../fuzz/fuzz_targets/harness.rs"]
mod harness;

/// Runs `f` and prints how long it took (information only: nothing asserts on it).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{:<58} {:>10.3} ms", what, t.elapsed().as_secs_f64() * 1e3);
    out
}

/// A text over the input limit (about 1.2 MB), made of real words.
fn oversized() -> String {
    let mut s = "Replicate the database and put a load balancer in front. ".repeat(MAX_INPUT_BYTES / 50);
    while s.len() <= MAX_INPUT_BYTES {
        s.push_str("more words ");
    }
    s
}

#[test]
fn oversized_inputs_are_refused_quickly_by_score() {
    let engine = Engine::new();
    let big = oversized();
    let base = ScoreRequest {
        question: "How do you keep a service available?".into(),
        answer: "A short answer.".into(),
        ..Default::default()
    };
    let cases = [
        ("answer", ScoreRequest { answer: big.clone(), ..base.clone() }),
        ("question", ScoreRequest { question: big.clone(), ..base.clone() }),
        ("reference", ScoreRequest { reference: Some(big.clone()), ..base.clone() }),
    ];
    for (field, req) in cases {
        let result = timed(&format!("score: {} of {} bytes refused", field, big.len()), || engine.score(&req));
        let e = result.expect_err("an input over MAX_INPUT_BYTES must be refused");
        let msg = e.to_string();
        assert!(msg.contains(field), "the error should name the field {}: {}", field, msg);
        assert!(
            msg.contains("too large") && msg.contains(&MAX_INPUT_BYTES.to_string()),
            "the error should say it is too large and give the limit: {}",
            msg
        );
    }
    // exactly at the limit is accepted (and graded)
    let mut at_limit = "word ".repeat(MAX_INPUT_BYTES / 5);
    at_limit.truncate(MAX_INPUT_BYTES);
    assert!(
        engine.score(&ScoreRequest { reference: Some(at_limit), ..base }).is_ok(),
        "an input of exactly MAX_INPUT_BYTES is allowed"
    );
}

#[test]
fn oversized_transcript_is_refused_quickly_by_report() {
    let engine = Engine::new();
    let big = format!("Interviewer: How do you keep a service available?\nCandidate: {}", oversized());
    let result =
        timed(&format!("report: transcript of {} bytes refused", big.len()), || engine.report(&big, None, None));
    let e = result.expect_err("a transcript over MAX_INPUT_BYTES must be refused");
    let msg = e.to_string();
    assert!(msg.contains("transcript"), "the error should name the transcript: {}", msg);
    assert!(
        msg.contains(&MAX_INPUT_BYTES.to_string()) && msg.contains("limit"),
        "the error should give the limit: {}",
        msg
    );
}

#[test]
fn deeply_nested_rubric_json_is_refused_cleanly() {
    const DEPTH: usize = 10_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEPTH), "}".repeat(DEPTH));
    // nesting where a rubric expects a list of questions, inside an otherwise plausible rubric
    let inside = format!(
        "{{\"id\":\"deep\",\"title\":\"Deep\",\"version\":\"1.0.0\",\"role\":\"x\",\"questions\":{}{}}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    // unclosed: the parser would recurse before it ever saw the end
    let unclosed = "[{\"a\":".repeat(DEPTH);
    for (what, json) in [("arrays", &arrays), ("objects", &objects), ("questions", &inside), ("unclosed", &unclosed)] {
        let mut engine = Engine::new();
        let result =
            timed(&format!("rubric nested {} deep ({}) refused", DEPTH, what), || engine.add_rubric_json(json));
        let e = result.expect_err("a rubric nested 10,000 deep must be refused");
        assert!(e.to_string().contains("nested too deeply"), "{}", e);
        assert!(e.problems.iter().all(|p| p.path.starts_with('$')), "{:?}", e);
    }
}

#[test]
fn three_megabyte_rubric_is_refused_cleanly() {
    let valid = std::fs::read_to_string(root().join("tests/fixtures/rubrics/good-custom.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&valid).unwrap();
    v["description"] = serde_json::Value::String("A long description. ".repeat(3 * 1024 * 1024 / 20));
    let json = v.to_string();
    assert!(json.len() >= 3 << 20);
    let mut engine = Engine::new();
    let result = timed(&format!("rubric of {} bytes refused", json.len()), || engine.add_rubric_json(&json));
    let e = result.expect_err("a 3 MB rubric must be refused");
    assert_eq!(e.problems.len(), 1, "{}", e);
    assert!(e.problems[0].problem.contains("too large"), "{}", e);
    // and 3 MB of garbage is refused for its size, not parsed
    let junk = "{".repeat(3 << 20);
    let result = timed("rubric of 3 MiB of '{' refused", || engine.add_rubric_json(&junk));
    assert!(result.unwrap_err().to_string().contains("too large"));
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset() {
    let mut bytes = "Line one is fine.\nLine two has caf".as_bytes().to_vec();
    let at = bytes.len();
    bytes.push(0xe9); // Latin-1 é: not UTF-8
    bytes.extend_from_slice(b" in it.\n");
    let result = timed("invalid UTF-8 located", || rubricate::input::text_from_bytes(&bytes, "answer.txt"));
    let e = result.unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("answer.txt"), "{}", msg);
    assert!(msg.contains("invalid UTF-8"), "{}", msg);
    assert!(msg.contains(&format!("byte offset {}", at)), "should give byte offset {}: {}", at, msg);
    assert!(msg.contains("line 2"), "{}", msg);
    // a multi-byte character cut short at the end
    let mut cut = "Ends with an emoji ".as_bytes().to_vec();
    let at = cut.len();
    cut.extend_from_slice(&"😀".as_bytes()[..2]);
    let msg = rubricate::input::text_from_bytes(&cut, "stdin").unwrap_err().to_string();
    assert!(msg.contains(&format!("byte offset {}", at)), "{}", msg);
    // and one over the limit is refused for its size before anything else
    let mut big = vec![b'a'; MAX_INPUT_BYTES + 1];
    big[3] = 0xff;
    let result =
        timed("1 MiB + 1 byte of invalid UTF-8 refused for size", || rubricate::input::text_from_bytes(&big, "stdin"));
    assert!(result.unwrap_err().to_string().contains("too large"));
}

#[test]
fn a_200_kb_answer_of_one_word_is_graded_in_reasonable_time() {
    let engine = Engine::new();
    let answer = "scalability ".repeat(200 * 1024 / 12);
    for (what, req) in [
        (
            "question only",
            ScoreRequest {
                question: "How do you make a service scale?".into(),
                answer: answer.clone(),
                ..Default::default()
            },
        ),
        (
            "bundled rubric",
            ScoreRequest {
                question: "How do you make a service scale?".into(),
                answer: answer.clone(),
                rubric: Some("system-design".into()),
                ..Default::default()
            },
        ),
        (
            "reference",
            ScoreRequest {
                question: "How do you make a service scale?".into(),
                answer: answer.clone(),
                reference: Some("Scale out stateless services behind a load balancer and shard the data.".into()),
                ..Default::default()
            },
        ),
    ] {
        let result =
            timed(&format!("{} KB of one repeated word, {}", answer.len() / 1024, what), || engine.score(&req));
        let s = result.expect("a 200 KB answer is within the limit and is graded");
        assert!(s.score.is_finite() && (0.0..=5.0).contains(&s.score));
        assert!(s.score <= 2.5, "one word repeated should not grade well, got {}", s.score);
        harness::check_scored(&answer, &s);
        // ~0.05 s in a release build, ~2 s in an unoptimised test build.
    }
    // the same as a transcript answer
    let transcript = format!("Interviewer: How do you make a service scale?\nCandidate: {}", answer);
    let result = timed("200 KB one-word answer in a transcript report", || engine.report(&transcript, None, None));
    result.expect("a 200 KB transcript is graded");
}

#[test]
fn a_long_varied_answer_near_the_limit_is_graded() {
    let engine = Engine::new();
    let sentence = "We replicated the database across three zones, measured p99 latency at 120 ms, and rolled back bad deploys within five minutes because an untested failover fails. ";
    let answer = sentence.repeat((MAX_INPUT_BYTES - 1024) / sentence.len());
    let req = ScoreRequest {
        question: "How would you keep a web application available?".into(),
        answer: answer.clone(),
        ..Default::default()
    };
    let result = timed(&format!("{} KB answer of repeated sentences", answer.len() / 1024), || engine.score(&req));
    harness::check_scored(&answer, &result.unwrap());
    // ~0.2 s in a release build; ~12 s in an unoptimised test build on a busy machine.
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file in tests/fixtures/regressions/ is named `<fuzz target>-<what>` and is replayed through
/// that target's code; each must run without a panic and well inside the fuzzers' 2 s timeout.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = root().join("tests/fixtures/regressions");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue; // notes
        }
        let data = std::fs::read(path).unwrap();
        let run: fn(&[u8]) = match target_of(&name) {
            "transcript_parse" => harness::transcript_parse,
            "score" => harness::score,
            "rubric_validate" => harness::rubric_validate,
            "report" => harness::report,
            "rubric_convert" => harness::rubric_convert,
            // Installs what it is given as the bundled rubrics of this test process.
            "rubric_packs" => harness::rubric_packs,
            other => panic!("{}: unknown fuzz target {:?} (name files <target>-<what>)", path.display(), other),
        };
        timed(&format!("regression {}", name), || run(&data));
    }
    println!("{} regression inputs replayed", files.len());
}

fn target_of(name: &str) -> &str {
    name.split('-').next().unwrap_or(name)
}

#[test]
fn binary_input_is_refused_with_its_offset() {
    let engine = Engine::new();
    let binary = "PK\u{3}\u{4}\u{0}\u{0}zip archive".to_string();
    let req = ScoreRequest {
        question: "How do you keep a service available?".into(),
        answer: binary.clone(),
        ..Default::default()
    };
    let msg = timed("binary answer refused", || engine.score(&req)).expect_err("binary answer").to_string();
    assert!(msg.contains("answer") && msg.contains("binary") && msg.contains("byte offset 4"), "{}", msg);
    let with_binary_reference = ScoreRequest {
        answer: "Two zones behind a load balancer.".into(),
        reference: Some(binary.clone()),
        ..req.clone()
    };
    let msg = engine.score(&with_binary_reference).expect_err("binary reference").to_string();
    assert!(msg.contains("reference") && msg.contains("binary"), "{}", msg);
    let msg = timed("binary transcript refused", || engine.report(&binary, None, None))
        .expect_err("binary transcript")
        .to_string();
    assert!(msg.contains("transcript") && msg.contains("binary") && msg.contains("byte offset 4"), "{}", msg);
    // mostly control characters, no NUL: refused too; ordinary text with a stray control is not
    let controls = format!("Interviewer: Why?\nCandidate: {}", "\u{1}\u{2}\u{3}\u{7f}".repeat(200));
    let msg = engine.report(&controls, None, None).expect_err("control characters").to_string();
    assert!(msg.contains("binary"), "{}", msg);
    let stray =
        "Interviewer: How do you keep a service available?\nCandidate: Two zones behind a load balancer.\u{7}\n";
    assert!(engine.report(stray, None, None).is_ok());
}

/// Runs the CLI's `batch` with `args` on `input`; returns stdout lines and the exit status.
fn batch_cli(args: &[&str], input: &[u8]) -> (Vec<String>, Option<i32>) {
    let argv: Vec<&str> = std::iter::once("batch").chain(args.iter().copied()).collect();
    let out = common::run(&argv, input);
    (out.stdout.lines().map(str::to_string).collect(), Some(out.code))
}

#[test]
fn batch_jobs_keep_the_order_and_the_output() {
    // 300 lines (more than one chunk of 2 x 64 lines), with bad lines and blank lines among them.
    let mut input = String::new();
    let mut expected_ids = Vec::new();
    for i in 0..300 {
        match i % 50 {
            7 => input.push_str("{not json\n"),
            8 => input.push('\n'),
            9 => input.push_str("{\"id\": \"missing-answer\", \"question\": \"What is a cache?\"}\n"),
            _ => {
                let answer = format!(
                    "Answer {i}: I would put a cache in front of the database and expire keys after {} minutes.",
                    i % 7 + 1
                );
                input.push_str(&serde_json::json!({"id": format!("a{i}"), "question": "How would you speed up reads?", "answer": answer}).to_string());
                input.push('\n');
            }
        }
        if i % 50 != 8 {
            expected_ids.push(i);
        }
    }
    let (one, code_one) = timed("batch --jobs 1, 300 lines", || batch_cli(&["--jobs", "1"], input.as_bytes()));
    assert_eq!(code_one, Some(2), "bad lines make the exit status 2");
    assert_eq!(one.len(), expected_ids.len(), "one output line per non-blank input line");
    for (line, i) in one.iter().zip(&expected_ids) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        match i % 50 {
            7 => assert!(
                v["error"].as_str().unwrap_or("").starts_with(&format!("line {}: invalid JSON", i + 1)),
                "{}",
                line
            ),
            9 => assert_eq!(v["id"], "missing-answer"),
            _ => assert_eq!(v["id"], format!("a{i}"), "output in input order"),
        }
    }
    for jobs in ["2", "3", "0", "1000"] {
        let (many, code) =
            timed(&format!("batch --jobs {jobs}, 300 lines"), || batch_cli(&["--jobs", jobs], input.as_bytes()));
        assert_eq!(code, code_one, "--jobs {jobs}");
        assert_eq!(many, one, "--jobs {jobs} writes exactly what --jobs 1 writes");
    }
    // An empty input is refused whatever the number of workers.
    for jobs in ["1", "2"] {
        let (out, code) = batch_cli(&["--jobs", jobs], b"");
        assert!(out.is_empty());
        assert_eq!(code, Some(2));
    }
}
