//! Golden outputs: what the native engine answers to `tests/golden/inputs.json`, kept in
//! `tests/golden/expected.json`. The wasm tests (`tests/wasm_node.rs`, `tests/wasm_browser.rs`)
//! compare the WebAssembly build with that file, so the two builds must produce the same JSON (with
//! evidence offsets turned from UTF-8 bytes into UTF-16 units on the wasm side).
//!
//! Natively this test checks that grading is deterministic (two fresh engines agree byte for byte)
//! and keeps `expected.json` in step with the engine: when an output changed, it rewrites the file
//! and says which cases moved, so the diff shows every score a change touched. `make test` runs it
//! before the wasm tests. With `GOLDEN_STRICT=1` a stale file fails the test instead.

use rubricate::{render, Engine, Format, ScoreRequest};
use serde_json::{json, Value};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn error(e: impl std::fmt::Display) -> Value {
    json!({ "error": e.to_string() })
}

/// The native output for one case of inputs.json.
fn run_case(engine: &Engine, case: &Value) -> Value {
    if let Some(input) = case.get("score") {
        let output = match serde_json::from_value::<ScoreRequest>(input.clone()) {
            Ok(req) => match engine.score(&req) {
                Ok(scored) => serde_json::to_value(&scored).unwrap_or_else(error),
                Err(e) => error(e),
            },
            Err(e) => error(e),
        };
        return json!({ "output": output });
    }
    if let Some(input) = case.get("report") {
        let text = input.get("text").and_then(Value::as_str).unwrap_or("");
        let rubric = input.get("rubric").and_then(Value::as_str);
        let question = input.get("question").and_then(Value::as_str);
        return match engine.report(text, rubric, question) {
            Ok(report) => json!({
                "output": serde_json::to_value(&report).unwrap_or_else(error),
                "md": render(&report, Format::Markdown),
                "text": render(&report, Format::Text),
                "html": render(&report, Format::Html),
                "json": render(&report, Format::Json),
            }),
            Err(e) => json!({ "output": error(e) }),
        };
    }
    error("a case needs a \"score\" or a \"report\" object")
}

fn run_all(inputs: &Value) -> Value {
    let engine = Engine::new();
    let mut cases = serde_json::Map::new();
    for case in inputs["cases"].as_array().into_iter().flatten() {
        let name = case["name"].as_str().unwrap_or("unnamed").to_string();
        cases.insert(name, run_case(&engine, case));
    }
    json!({ "engine": rubricate::ENGINE_VERSION, "cases": cases })
}

#[test]
fn golden_outputs_are_deterministic_and_current() {
    let inputs: Value = serde_json::from_str(&std::fs::read_to_string(dir().join("inputs.json")).expect("read inputs.json"))
        .expect("inputs.json is JSON");
    let first = run_all(&inputs);
    let second = run_all(&inputs);
    let text = serde_json::to_string_pretty(&first).expect("serialise") + "\n";
    assert_eq!(text, serde_json::to_string_pretty(&second).expect("serialise") + "\n", "two fresh engines disagree: grading is not deterministic");

    let path = dir().join("expected.json");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if old == text {
        return;
    }
    let old_value: Value = serde_json::from_str(&old).unwrap_or(Value::Null);
    let moved: Vec<&String> = first["cases"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, v)| old_value["cases"].get(name.as_str()) != Some(*v))
        .map(|(name, _)| name)
        .collect();
    if std::env::var_os("GOLDEN_STRICT").is_some_and(|v| v == "1") {
        panic!("tests/golden/expected.json is out of date for {:?}: run `make golden` and review the diff", moved);
    }
    std::fs::write(&path, text).expect("write expected.json");
    eprintln!("note: tests/golden/expected.json rewritten; cases that changed: {:?} (review with git diff)", moved);
}
