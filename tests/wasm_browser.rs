//! The wasm `Scorer` in headless Chromium (wasm-bindgen-test with chromedriver): the module loads
//! in a real page, its rendered HTML is inert when inserted into the DOM, evidence offsets index
//! JavaScript strings, errors are thrown, and the output equals the native build's (golden).
//! Run by `make test` (`cargo test --target wasm32-unknown-unknown --test wasm_browser`).
#![cfg(target_arch = "wasm32")]

#[path = "golden/wasm_support.rs"]
mod support;

use js_sys::Function;
use rubricate::wasm::Scorer;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ANSWER: &str =
    "Ünïcödé 🚀 we spread instances over availability zones 東京 and 大阪 behind a load balancer with \
health checks 😀, replicated the database with automatic failover, and rehearsed failover monthly.";

/// Inserts `html` into a detached <div> with innerHTML and counts elements that could run code.
fn active_elements(html: &str) -> f64 {
    let f = Function::new_with_args(
        "html",
        "const d = document.createElement('div'); d.innerHTML = html; \
         return [...d.querySelectorAll('*')].filter((e) => \
           ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG'].includes(e.tagName) || \
           [...e.attributes].some((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))).length;",
    );
    f.call1(&JsValue::NULL, &JsValue::from_str(html)).expect("call").as_f64().expect("a count")
}

#[wasm_bindgen_test]
fn loads_in_the_browser_with_bundled_rubrics() {
    let mut scorer = Scorer::new();
    assert_eq!(scorer.version(), rubricate::ENGINE_VERSION);
    let rubrics = to_json(&scorer.rubrics().expect("rubrics").into());
    assert!(rubrics.as_array().is_some_and(|a| !a.is_empty()), "no bundled rubric: {rubrics}");
}

#[wasm_bindgen_test]
fn evidence_offsets_slice_javascript_strings() {
    let mut scorer = Scorer::new();
    let input = serde_json::json!({
        "question": "How would you design a web application on a public cloud so that it stays available when individual components fail?",
        "answer": ANSWER,
    });
    let scored: JsValue = scorer.score(js(&input.to_string()).unchecked_into()).expect("score").into();
    assert!(assert_evidence_slices(ANSWER, &scored) > 0, "no evidence: {}", to_json(&scored));
}

#[wasm_bindgen_test]
fn rendered_html_is_inert_in_the_dom() {
    let transcript = "Candidate: <img src=x onerror=alert(1)>\nPosition: <script>alert(2)</script>\n\n\
        Interviewer: How do you keep a service available when a server fails? <iframe src=javascript:alert(3)>\n\n\
        Candidate: \"<script>alert(1)</script> Health checks 🚀 on every instance behind a load balancer, \
        <img src=x onerror=alert(1)> instances in two availability zones, and a replicated database.\"\n";
    let mut scorer = Scorer::new();
    let report = scorer.report(transcript, None).expect("report");
    let html = scorer.render(report, JsValue::from_str("html").unchecked_into()).expect("render html");
    assert_eq!(active_elements(&html), 0.0, "rendered HTML creates active elements:\n{html}");
    assert!(html.contains("&lt;iframe"), "the question's markup is shown as escaped text:\n{html}");
}

#[wasm_bindgen_test]
fn add_rubric_errors_carry_their_paths() {
    let mut scorer = Scorer::new();
    let err = scorer.add_rubric(r#"{"id": "x", "questions": 3}"#).expect_err("invalid rubric");
    assert_eq!(String::from(err.name()), "RubricError");
    let problems = to_json(&get(&err, "problems"));
    assert!(
        problems
            .as_array()
            .is_some_and(|p| !p.is_empty() && p.iter().all(|x| x["path"].as_str().is_some_and(|s| s.starts_with('$')))),
        "{problems}"
    );
}

#[wasm_bindgen_test]
fn golden_wasm_output_equals_native_output() {
    check_golden();
}
