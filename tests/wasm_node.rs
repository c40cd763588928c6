//! The wasm `Scorer` in Node.js (wasm-bindgen-test): the JavaScript API of the contract, UTF-16
//! evidence offsets, errors thrown as `Error`, and the same JSON as the native build (golden).
//! Run by `make test` (`cargo test --target wasm32-unknown-unknown --test wasm_node`).
#![cfg(target_arch = "wasm32")]

#[path = "golden/wasm_support.rs"]
mod support;

use js_sys::{Array, JsString, Object};
use rubricate::score::Evidence;
use rubricate::wasm::{evidence_to_utf16, evidence_to_utf8, Scorer};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const HA_QUESTION: &str = "How would you design a web application on a public cloud so that it stays available when individual components fail?";
const HA_REFERENCE: &str =
    "Spread instances over several availability zones behind a load balancer with health checks, \
keep the database replicated with automatic failover, hold sessions outside the web servers, use DNS failover \
between regions for disasters, and rehearse the failover regularly.";

/// An answer mixing emoji (two UTF-16 units, four bytes), CJK (one unit, three bytes) and accents.
const UNICODE_ANSWER: &str =
    "我们 ran the service in the 東京 and 大阪 regions 🚀 behind a load balancer with health checks, \
kept the database replicated with automatic failover 😀, and held sessions outside the web servers. \
Ünïcödé café 👩‍💻 DNS failover between regions covered disasters, and we rehearsed the failover every month.";

fn score(scorer: &mut Scorer, input: serde_json::Value) -> Result<JsValue, js_sys::Error> {
    scorer.score(js(&input.to_string()).unchecked_into()).map(Into::into)
}

#[wasm_bindgen_test]
fn version_is_the_engine_version() {
    assert_eq!(Scorer::new().version(), rubricate::ENGINE_VERSION);
}

#[wasm_bindgen_test]
fn rubrics_match_the_native_list() {
    let listed = to_json(&Scorer::new().rubrics().expect("rubrics").into());
    let native = serde_json::to_value(rubricate::Engine::new().rubrics()).expect("serialise");
    assert_eq!(listed, native);
    for r in listed.as_array().expect("an array") {
        for key in ["id", "title", "version", "role", "questions"] {
            assert!(r.get(key).is_some(), "rubric summary without {key}: {r}");
        }
    }
}

#[wasm_bindgen_test]
fn score_returns_the_contract_object_with_plain_objects() {
    let mut scorer = Scorer::new();
    let answer = "I would spread instances over availability zones behind a load balancer with health checks, \
                  and replicate the database with automatic failover.";
    let scored =
        score(&mut scorer, serde_json::json!({"question": HA_QUESTION, "answer": answer, "reference": HA_REFERENCE}))
            .expect("score");
    let v = to_json(&scored);
    let s = v["score"].as_f64().expect("score is a number");
    assert!((0.0..=5.0).contains(&s), "score out of range: {s}");
    assert_eq!((s * 10.0).round() / 10.0, s, "score has one decimal");
    let grade = v["grade"].as_u64().expect("grade is an integer");
    assert!(grade <= 5);
    for key in [
        "relevance",
        "struggled",
        "insufficient",
        "justification",
        "evidence",
        "covered",
        "missing",
        "signals",
        "engine",
    ] {
        assert!(v.get(key).is_some(), "scored answer without {key}: {v}");
    }
    assert_eq!(v["engine"], rubricate::ENGINE_VERSION);
    // Maps come out as plain objects (JSON-compatible), not as JS Map instances.
    let signals = get(&scored, "signals");
    assert!(
        signals.is_instance_of::<Object>() && !signals.is_instance_of::<js_sys::Map>(),
        "signals is a plain object"
    );
    assert!(get(&scored, "evidence").is_instance_of::<Array>());
    assert_evidence_slices(answer, &scored);
}

#[wasm_bindgen_test]
fn evidence_offsets_are_utf16_indices_for_emoji_and_cjk() {
    let mut scorer = Scorer::new();
    for input in [
        serde_json::json!({"question": HA_QUESTION, "answer": UNICODE_ANSWER, "reference": HA_REFERENCE}),
        serde_json::json!({"question": HA_QUESTION, "answer": UNICODE_ANSWER}),
    ] {
        let scored = score(&mut scorer, input).expect("score");
        let n = assert_evidence_slices(UNICODE_ANSWER, &scored);
        assert!(n > 0, "no evidence found in an answer that makes several points: {}", to_json(&scored));
    }
}

#[wasm_bindgen_test]
fn report_evidence_offsets_are_utf16_in_every_question() {
    let transcript = format!(
        "Candidate: 王芳 🚀\nPosition: Cloud Engineer\n\nInterviewer: {HA_QUESTION}\n\nCandidate: \"{UNICODE_ANSWER}\"\n\n\
         Interviewer: What is a race condition?\n\nCandidate: \"Two threads 🧵🧵 touch shared state — 共享状态 — without a lock or an atomic, \
         so the result depends on timing; a mutex fixes it.\"\n"
    );
    let mut scorer = Scorer::new();
    let report: JsValue = scorer.report(&transcript, None).expect("report").into();
    let candidates: Array = get(&report, "candidates").dyn_into().expect("candidates array");
    assert!(candidates.length() > 0, "no candidate in the report");
    let mut spans = 0;
    for c in candidates.iter() {
        let questions: Array = get(&c, "questions").dyn_into().expect("questions array");
        assert!(questions.length() >= 2, "expected both questions, got {}", questions.length());
        for q in questions.iter() {
            let answer = get(&q, "answer").as_string().expect("answer");
            spans += assert_evidence_slices(&answer, &q);
        }
    }
    assert!(spans > 0, "no evidence anywhere in the report");
}

#[wasm_bindgen_test]
fn conversion_round_trips_on_every_character_width() {
    let text = "a é 東京 🚀 👩‍💻 z";
    let words = ["a", "é", "東京", "🚀", "👩‍💻", "z"];
    let mut evidence: Vec<Evidence> = words
        .iter()
        .map(|w| {
            let start = text.find(w).expect("present");
            Evidence { start, end: start + w.len(), text: w.to_string(), point: "p".into() }
        })
        .collect();
    let bytes = evidence.clone();
    evidence_to_utf16(text, &mut evidence);
    let js_text = JsString::from(text);
    for e in &evidence {
        assert_eq!(String::from(js_text.slice(e.start as u32, e.end as u32)), e.text);
    }
    evidence_to_utf8(text, &mut evidence);
    assert_eq!(evidence, bytes, "UTF-16 → UTF-8 gives back the byte offsets");
    // Out-of-range offsets clamp to the end instead of failing.
    let mut wild = vec![Evidence { start: 3, end: 10_000, text: String::new(), point: String::new() }];
    evidence_to_utf16(text, &mut wild);
    assert_eq!(wild[0].end as u32, js_text.length());
}

#[wasm_bindgen_test]
fn render_escapes_html_and_round_trips_offsets() {
    let transcript = format!(
        "Candidate: <b>Mallory</b>\nPosition: Engineer\n\nInterviewer: {HA_QUESTION} <script>alert(2)</script>\n\n\
         Candidate: \"<script>alert(1)</script> I would use availability zones 🚀 and a load balancer with health checks <img src=x onerror=alert(1)>, \
         plus a replicated database with automatic failover.\"\n"
    );
    let mut scorer = Scorer::new();
    let report = scorer.report(&transcript, None).expect("report");
    let html = scorer.render(report.clone(), JsValue::from_str("html").unchecked_into()).expect("render html");
    assert!(!html.contains("<script"), "raw <script> in rendered HTML");
    assert!(!html.contains("<img"), "raw <img> in rendered HTML");
    assert!(!html.contains("<b>Mallory"), "raw markup from the transcript in rendered HTML");
    assert!(html.contains("&lt;script"), "the question's script tag is shown as text:\n{html}");
    for format in ["md", "text", "json"] {
        let out = scorer.render(report.clone(), JsValue::from_str(format).unchecked_into()).expect(format);
        assert!(!out.is_empty(), "{format} rendering is empty");
    }
    // json rendering of the JS report equals the native rendering: offsets went back to bytes.
    let native = rubricate::Engine::new().report(&transcript, None, None).expect("native report");
    let json = scorer.render(report, JsValue::from_str("json").unchecked_into()).expect("json");
    assert_eq!(json, rubricate::render(&native, rubricate::Format::Json));
}

#[wasm_bindgen_test]
fn render_rejects_bad_formats_and_objects_with_an_error() {
    let mut scorer = Scorer::new();
    let report = scorer.report("Q1: What is DNS?\nA1: The system that maps names to addresses.\n", None);
    if let Ok(report) = report {
        let err = scorer.render(report, JsValue::from_str("pdf").unchecked_into()).expect_err("pdf is no format");
        assert!(error_message(&err).contains("pdf"), "{}", error_message(&err));
    }
    for bad in ["{}", "[]", "42", "null", "{\"engine\": 5, \"candidates\": \"x\"}"] {
        let err = scorer.render(js(bad).unchecked_into(), JsValue::from_str("md").unchecked_into()).expect_err(bad);
        assert!(error_message(&err).starts_with("invalid report"), "{}", error_message(&err));
    }
}

#[wasm_bindgen_test]
fn add_rubric_throws_an_error_listing_every_problem() {
    let mut scorer = Scorer::new();
    // Syntax error: one problem with a line and column.
    let err = scorer.add_rubric("{\"id\": ").expect_err("not JSON");
    assert_eq!(String::from(err.name()), "RubricError");
    assert!(error_message(&err).contains('$'), "{}", error_message(&err));

    // Well-formed JSON with several problems: every one is reported with its JSON path.
    let bad = r#"{"id": "Not Kebab!", "title": "", "version": "one", "role": "QA", "questions": [],
                  "colour": "blue"}"#;
    let err = scorer.add_rubric(bad).expect_err("invalid rubric");
    let problems = to_json(&get(&err, "problems"));
    let problems = problems.as_array().expect("problems is an array");
    assert!(problems.len() >= 2, "expected several problems, got {problems:?}");
    let message = error_message(&err);
    for p in problems {
        let path = p["path"].as_str().expect("path");
        assert!(path.starts_with('$'), "path {path}");
        assert!(message.contains(path), "message does not list {path}: {message}");
        assert!(!p["problem"].as_str().unwrap_or("").is_empty());
    }
    // The failed rubric was not loaded.
    assert!(!to_json(&scorer.rubrics().expect("rubrics").into()).to_string().contains("Not Kebab"));
}

#[wasm_bindgen_test]
fn add_rubric_loads_a_valid_rubric() {
    let mut scorer = Scorer::new();
    let rubrics = to_json(&scorer.rubrics().expect("rubrics").into());
    let Some(first) = rubrics.as_array().and_then(|a| a.first()) else {
        return; // no bundled rubric to copy yet
    };
    let id = first["id"].as_str().expect("id");
    let mut rubric = to_json(&scorer.rubric(id).expect("rubric").into());
    rubric["id"] = serde_json::json!("my-copy");
    rubric["title"] = serde_json::json!("My copy");
    let summary = to_json(&scorer.add_rubric(&rubric.to_string()).expect("valid rubric").into());
    assert_eq!(summary["id"], "my-copy");
    let ids: Vec<String> = to_json(&scorer.rubrics().expect("rubrics").into())
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect();
    assert!(ids.contains(&"my-copy".to_string()), "{ids:?}");
    let q = summary["questions"][0]["id"].as_str().expect("question id");
    let scored = score(
        &mut scorer,
        serde_json::json!({"question": "", "answer": "A short answer about nothing much.", "rubric": format!("my-copy/{q}")}),
    );
    let v = to_json(&scored.expect("score against the custom rubric"));
    assert_eq!(v["rubric"]["id"], "my-copy");
    assert!(scorer.rubric("no-such-rubric").expect("lookup").is_undefined());
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_crash() {
    let mut scorer = Scorer::new();
    for bad in ["\"just a string\"", "42", "[1, 2]", "{\"question\": 5, \"answer\": \"x\"}"] {
        let err = score(&mut scorer, serde_json::from_str(bad).expect("json")).expect_err(bad);
        assert!(error_message(&err).starts_with("invalid score input"), "{}", error_message(&err));
    }
    // Missing fields default to empty; whatever the engine says, it says it with a result or an Error.
    let _ = score(&mut scorer, serde_json::json!({}));
    let _ = score(&mut scorer, serde_json::json!({"question": "", "answer": "   "}));
    let _ = score(&mut scorer, serde_json::json!({"question": "q", "answer": "a", "rubric": "nope/nothing"}));
    let huge = "word ".repeat(300_000); // 1.5 MB: over the engine's input limit
    assert!(
        score(&mut scorer, serde_json::json!({"question": "q", "answer": huge})).is_err(),
        "oversized answer is refused"
    );
    // Report options of the wrong shape, and transcripts that are empty or odd.
    assert!(scorer.report("Q1: a\nA1: b\n", Some(js("42").unchecked_into())).is_err());
    let _ = scorer.report("Q1: a\nA1: b\n", Some(JsValue::NULL.unchecked_into()));
    let _ = scorer.report("Q1: a\nA1: b\n", Some(JsValue::UNDEFINED.unchecked_into()));
    let _ = scorer.report("", None);
    let _ = scorer.report("\u{feff}\0\0\u{1}binary", None);
    let _ = scorer.report("Candidate:\nCandidate:\nInterviewer:\n", None);
    let _ = scorer.report("Q1: a\nA1: b\n", Some(js("{\"rubric\": \"nope\"}").unchecked_into()));
}

#[wasm_bindgen_test]
fn golden_wasm_output_equals_native_output() {
    check_golden();
}
