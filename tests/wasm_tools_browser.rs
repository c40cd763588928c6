//! The wasm `RubricTools` (the lazily loaded rubric tools module) in headless Chromium: a Canvas
//! import and a draft, each loaded into the core `Scorer` with `addRubric` and graded against, as the
//! page does. Run by `make test` (`cargo test --target wasm32-unknown-unknown --no-default-features
//! --features scorer,tools --test wasm_tools_browser`).
#![cfg(all(target_arch = "wasm32", feature = "tools", feature = "scorer"))]

#[path = "golden/wasm_support.rs"]
#[allow(dead_code)] // shared with the core tests; these use only part of it
mod support;

use rubricate::wasm::{RubricTools, Scorer};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn canvas_import_export_and_drafting_work_in_the_browser() {
    let tools = RubricTools::new();
    let mut scorer = Scorer::new();
    let imported =
        to_json(&tools.import_rubric(include_str!("fixtures/interop/canvas-api.json"), None).expect("import").into());
    assert_eq!(imported["format"], "canvas");
    let summary = to_json(&scorer.add_rubric(imported["json"].as_str().expect("json")).expect("loads").into());
    let id = summary["id"].as_str().expect("id");
    let text = to_json(&scorer.rubric(id).expect("lookup").into()).to_string();
    let exported = tools.export_rubric(&text, JsValue::from_str("prometheus").unchecked_into()).expect("export");
    assert!(serde_json::from_str::<serde_json::Value>(&exported).is_ok_and(|v| v.is_array()), "{exported}");
    let input = serde_json::json!({"question": "How do you keep a web service available?",
        "reference": "Several availability zones behind a load balancer with health checks, a replicated database with automatic failover."});
    let drafted = to_json(&tools.draft_rubric(js(&input.to_string()).unchecked_into()).expect("draft").into());
    scorer.add_rubric(&drafted.to_string()).expect("the draft loads");
    let id = drafted["id"].as_str().expect("id");
    let answer = serde_json::json!({"question": "How do you keep a web service available?", "rubric": id,
        "answer": "Health checks behind a load balancer across availability zones, and database failover."});
    let scored = to_json(&scorer.score(js(&answer.to_string()).unchecked_into()).expect("score").into());
    assert_eq!(scored["rubric"]["id"], id);
    let err = tools.import_rubric("{\"title\": 3}", None).expect_err("bad");
    assert_eq!(String::from(err.name()), "RubricError");
}
