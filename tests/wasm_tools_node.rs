//! The wasm `RubricTools` (the lazily loaded rubric tools module) in Node.js: Canvas/Prometheus
//! conversion, format detection, import, export and drafting, with errors thrown as `RubricError`s
//! carrying JSON paths, and their output loaded into the core `Scorer` with `addRubric` as the page does.
//! Run by `make test` (`cargo test --target wasm32-unknown-unknown --no-default-features
//! --features scorer,tools --test wasm_tools_node`).
#![cfg(all(target_arch = "wasm32", feature = "tools", feature = "scorer"))]

#[path = "golden/wasm_support.rs"]
#[allow(dead_code)] // shared with the core tests; these use only part of it
mod support;

use rubricate::wasm::{RubricTools, Scorer};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const HA_QUESTION: &str = "How would you design a web application on a public cloud so that it stays available when individual components fail?";
const HA_REFERENCE: &str =
    "Spread instances over several availability zones behind a load balancer with health checks, \
keep the database replicated with automatic failover, hold sessions outside the web servers, use DNS failover \
between regions for disasters, and rehearse the failover regularly.";

fn score(scorer: &mut Scorer, input: serde_json::Value) -> Result<JsValue, js_sys::Error> {
    scorer.score(js(&input.to_string()).unchecked_into()).map(Into::into)
}

fn rubric_count(scorer: &mut Scorer) -> Option<usize> {
    to_json(&scorer.rubrics().expect("rubrics").into()).as_array().map(Vec::len)
}

// ---------------------------------------------------------------------------------------------
// Rubric interop and drafting: convert, detectFormat, importRubric, exportRubric, draftRubric

const CANVAS_API: &str = include_str!("fixtures/interop/canvas-api.json");
const BAD_CANVAS: &str = include_str!("fixtures/interop/bad-canvas.json");
const PROMETHEUS_SINGLE: &str = include_str!("fixtures/interop/prometheus-single.json");

fn fmt(name: &str) -> JsValue {
    JsValue::from_str(name)
}

fn error_problems(err: &js_sys::Error) -> serde_json::Value {
    to_json(&get(err, "problems"))
}

#[wasm_bindgen_test]
fn convert_goes_every_way_and_equals_the_native_conversion() {
    use rubricate::rubric::interop::{convert, Format};
    let tools = RubricTools::new();
    for (text, from) in [(CANVAS_API, Format::Canvas), (PROMETHEUS_SINGLE, Format::Prometheus)] {
        for to in [Format::Rubricate, Format::Canvas, Format::Prometheus] {
            let native = convert(from, to, text).expect("native conversion");
            for from_arg in [from.name(), "auto"] {
                let js_out = tools
                    .convert(text, fmt(from_arg).unchecked_into(), fmt(to.name()).unchecked_into())
                    .expect("convert");
                assert_eq!(js_out, native, "{from_arg} -> {}", to.name());
            }
        }
    }
    // Rubricate -> Canvas -> Rubricate keeps the questions.
    let bundled =
        serde_json::to_string(&rubricate::Engine::new().rubric("system-design").expect("bundled")).expect("json");
    let canvas =
        tools.convert(&bundled, fmt("rubricate").unchecked_into(), fmt("canvas").unchecked_into()).expect("to canvas");
    let back: serde_json::Value = serde_json::from_str(
        &tools.convert(&canvas, fmt("canvas").unchecked_into(), fmt("rubricate").unchecked_into()).expect("back"),
    )
    .expect("json");
    assert_eq!(back["id"], "system-design");
    assert!(back["questions"].as_array().is_some_and(|q| q.len() >= 5), "{back}");
}

#[wasm_bindgen_test]
fn convert_and_detect_throw_errors_with_json_paths() {
    let tools = RubricTools::new();
    let err = tools
        .convert(BAD_CANVAS, fmt("canvas").unchecked_into(), fmt("rubricate").unchecked_into())
        .expect_err("bad canvas");
    assert_eq!(String::from(err.name()), "RubricError");
    let problems = error_problems(&err);
    let paths: Vec<&str> = problems.as_array().expect("problems").iter().filter_map(|p| p["path"].as_str()).collect();
    assert!(paths.contains(&"$.title") && paths.iter().any(|p| p.starts_with("$.data[")), "{problems}");
    assert!(error_message(&err).contains("$.data["), "{}", error_message(&err));
    let err =
        tools.convert("{}", fmt("canvas").unchecked_into(), fmt("excel").unchecked_into()).expect_err("bad format");
    assert!(error_message(&err).contains("\"excel\""), "{}", error_message(&err));
    let err = tools.convert("{", fmt("auto").unchecked_into(), fmt("canvas").unchecked_into()).expect_err("not JSON");
    assert!(error_message(&err).contains("line 1"), "{}", error_message(&err));
    let err = tools.detect_format("{\"owner\": \"x\"}").expect_err("unknown shape");
    assert_eq!(error_problems(&err)[0]["path"], "$");
    assert_eq!(JsValue::from(tools.detect_format(CANVAS_API).expect("canvas")).as_string().as_deref(), Some("canvas"));
    assert_eq!(
        JsValue::from(tools.detect_format(PROMETHEUS_SINGLE).expect("prom")).as_string().as_deref(),
        Some("prometheus")
    );
}

#[wasm_bindgen_test]
fn import_rubric_returns_rubricate_json_that_the_scorer_loads_and_grades_against() {
    let tools = RubricTools::new();
    let mut scorer = Scorer::new();
    let imported = to_json(&tools.import_rubric(CANVAS_API, None).expect("import").into());
    assert_eq!(imported["format"], "canvas");
    assert!(imported["warnings"].is_array(), "{imported}");
    let id = imported["id"].as_str().expect("an id").to_string();
    let json = imported["json"].as_str().expect("Rubricate JSON text");
    assert_eq!(serde_json::from_str::<serde_json::Value>(json).expect("json")["id"], id.as_str());
    // The tools load nothing themselves; the core scorer loads their output.
    let n = rubric_count(&mut scorer);
    let summary = to_json(&scorer.add_rubric(json).expect("loads").into());
    assert_eq!(summary["id"], id.as_str());
    assert_eq!(rubric_count(&mut scorer), n.map(|n| n + 1));
    let scored = to_json(
        &score(
            &mut scorer,
            serde_json::json!({"question": "How do you run code reviews?", "rubric": id,
                "answer": "I keep pull requests small and focused, and linters plus the test suite run in CI before anyone reviews."}),
        )
        .expect("score"),
    );
    assert_eq!(scored["rubric"]["id"], id.as_str(), "{scored}");
    assert!(!scored["covered"].as_array().expect("covered").is_empty(), "{scored}");
    // A bad file is refused with every problem.
    let err = tools.import_rubric(BAD_CANVAS, Some(fmt("auto").unchecked_into())).expect_err("bad");
    assert_eq!(String::from(err.name()), "RubricError");
    assert!(error_problems(&err).as_array().is_some_and(|p| p.len() >= 3), "{}", error_message(&err));
    let err = tools.import_rubric("{}", Some(fmt("excel").unchecked_into())).expect_err("bad format");
    assert!(error_message(&err).contains("\"excel\""), "{}", error_message(&err));
}

#[wasm_bindgen_test]
fn export_rubric_writes_a_loaded_rubric_in_each_format() {
    let tools = RubricTools::new();
    let mut scorer = Scorer::new();
    // As the page does it: the rubric object from the core scorer, as JSON text.
    let text = to_json(&scorer.rubric("system-design").expect("lookup").into()).to_string();
    let canvas: serde_json::Value =
        serde_json::from_str(&tools.export_rubric(&text, fmt("canvas").unchecked_into()).expect("canvas"))
            .expect("json");
    assert!(canvas["data"].as_array().is_some_and(|d| !d.is_empty()), "{canvas}");
    let prometheus: serde_json::Value =
        serde_json::from_str(&tools.export_rubric(&text, fmt("prometheus").unchecked_into()).expect("prom"))
            .expect("json");
    assert!(
        prometheus.as_array().is_some_and(|a| a.iter().all(|i| i["score5_description"].is_string())),
        "{prometheus}"
    );
    let same: serde_json::Value =
        serde_json::from_str(&tools.export_rubric(&text, fmt("rubricate").unchecked_into()).expect("rubricate"))
            .expect("json");
    let given: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!((&same["id"], &same["version"]), (&given["id"], &given["version"]));
    assert_eq!(same["questions"].as_array().map(Vec::len), given["questions"].as_array().map(Vec::len));
    let err = tools.export_rubric("{\"id\": 5}", fmt("canvas").unchecked_into()).expect_err("not a rubric");
    assert_eq!(String::from(err.name()), "RubricError");
    assert!(error_message(&err).contains("$.id"), "{}", error_message(&err));
    let err = tools.export_rubric(&text, fmt("auto").unchecked_into()).expect_err("auto is no target");
    assert!(error_message(&err).contains("\"auto\""), "{}", error_message(&err));
}

#[wasm_bindgen_test]
fn draft_rubric_drafts_a_rubric_the_scorer_loads_and_grades_with() {
    let tools = RubricTools::new();
    let mut scorer = Scorer::new();
    let input =
        serde_json::json!({"question": HA_QUESTION, "reference": HA_REFERENCE, "id": "my-ha", "title": "My HA key"});
    let drafted = to_json(&tools.draft_rubric(js(&input.to_string()).unchecked_into()).expect("draft").into());
    assert_eq!((drafted["id"].as_str(), drafted["title"].as_str()), (Some("my-ha"), Some("My HA key")));
    let points = drafted["questions"][0]["points"].as_array().expect("points");
    assert!(points.len() >= 4, "{drafted}");
    scorer.add_rubric(&drafted.to_string()).expect("the draft loads");
    // A strong answer covers more of the drafted points than a weak one, and scores higher.
    let strong = to_json(&score(&mut scorer, serde_json::json!({"question": HA_QUESTION, "rubric": "my-ha", "answer":
        "I spread instances over several availability zones behind a load balancer with health checks, replicate the database \
         with automatic failover, keep sessions out of the web servers, and use DNS failover between regions, rehearsed often."})).expect("strong"));
    let weak = to_json(
        &score(
            &mut scorer,
            serde_json::json!({"question": HA_QUESTION, "rubric": "my-ha", "answer":
        "I would make sure the application is good and works well for the users."}),
        )
        .expect("weak"),
    );
    assert_eq!(strong["rubric"]["id"], "my-ha");
    assert!(strong["score"].as_f64() > weak["score"].as_f64(), "strong {strong}\nweak {weak}");
    assert!(strong["covered"].as_array().map(Vec::len) > weak["covered"].as_array().map(Vec::len));
    let input = serde_json::json!({"question": "What is a message queue for?", "reference": "Decoupling producers from consumers, buffering bursts, and retrying failed deliveries."});
    let other = to_json(&tools.draft_rubric(js(&input.to_string()).unchecked_into()).expect("draft").into());
    assert!(other["id"].as_str().is_some_and(|s| !s.is_empty()));
}

#[wasm_bindgen_test]
fn draft_rubric_errors_name_the_field() {
    let tools = RubricTools::new();
    for (input, path) in [
        (serde_json::json!({"question": "Why?", "reference": "   "}), "$.reference"),
        (serde_json::json!({"question": "", "reference": "Because caching."}), "$.question"),
        (serde_json::json!({"question": "Why?", "reference": "the a of"}), "$.reference"),
        (
            serde_json::json!({"question": "Why?", "reference": "Caching avoids recomputation.", "id": "Not Kebab"}),
            "$.id",
        ),
    ] {
        let err = tools.draft_rubric(js(&input.to_string()).unchecked_into()).expect_err("refused");
        assert_eq!(error_problems(&err)[0]["path"], path, "{input}: {}", error_message(&err));
        assert!(error_message(&err).contains(path), "{}", error_message(&err));
    }
    let err = tools.draft_rubric(js("[1, 2]").unchecked_into()).expect_err("not an object");
    assert!(error_message(&err).contains("expected an object"), "{}", error_message(&err));
    let err = tools.draft_rubric(js("{\"question\": \"Why?\"}").unchecked_into()).expect_err("no reference");
    assert!(error_message(&err).contains("reference"), "{}", error_message(&err));
}
