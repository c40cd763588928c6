//! Shared by the wasm tests (`tests/wasm_node.rs`, `tests/wasm_browser.rs`): calls into the
//! `Scorer` exactly as JavaScript does (plain JS objects in, JS objects out), and the golden
//! comparison with the native outputs that `tests/goldens.rs` records in `tests/golden/NAME.*`.

use js_sys::{JsString, Reflect, JSON};
use rubricate::wasm::Scorer;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};

pub const INPUTS: &str = include_str!("inputs.json");

/// The golden files of every case of inputs.json, compiled in (a wasm test cannot read files):
/// `NAME.json` for each case, plus `NAME.md`, `NAME.txt` and `NAME.html` for a report.
macro_rules! golden_files {
    ($($name:literal => [$($ext:literal),*]),* $(,)?) => {
        pub const GOLDEN: &[(&str, &[(&str, &str)])] =
            &[$(($name, &[$(($ext, include_str!(concat!($name, ".", $ext)))),*])),*];
    };
}

golden_files! {
    "score-rubric-named" => ["json"],
    "score-reference" => ["json"],
    "score-reference-comparison" => ["json"],
    "score-question-only" => ["json"],
    "score-hedging" => ["json"],
    "score-unicode" => ["json"],
    "score-empty-answer" => ["json"],
    "score-unknown-rubric" => ["json"],
    "report-dialogue" => ["json", "md", "txt", "html"],
    "report-numbered" => ["json", "md", "txt", "html"],
    "report-unicode" => ["json", "md", "txt", "html"],
    "report-plain" => ["json", "md", "txt", "html"],
}

/// JSON text → a plain JS value, the way a page would build its arguments.
pub fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

/// A JS value → serde_json, through JSON.stringify (what a page would see or send on).
pub fn to_json(value: &JsValue) -> Value {
    if value.is_undefined() {
        return Value::Null;
    }
    let text: String = JSON::stringify(value).expect("stringify").into();
    serde_json::from_str(&text).expect("stringify gives JSON")
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("Reflect.get")
}

pub fn error_message(err: &js_sys::Error) -> String {
    err.message().into()
}

/// Checks that every evidence span satisfies `answer.slice(start, end) === text` in JavaScript.
/// Returns how many spans were checked.
pub fn assert_evidence_slices(answer: &str, scored: &JsValue) -> usize {
    let answer_js = JsString::from(answer);
    let evidence = get(scored, "evidence");
    let evidence: &js_sys::Array = evidence.dyn_ref().expect("evidence is an array");
    for e in evidence.iter() {
        let start = get(&e, "start").as_f64().expect("start is a number") as u32;
        let end = get(&e, "end").as_f64().expect("end is a number") as u32;
        let text = get(&e, "text").as_string().expect("text is a string");
        let sliced: String = answer_js.slice(start, end).into();
        assert_eq!(sliced, text, "answer.slice({start}, {end}) differs from the evidence text (answer: {answer:?})");
    }
    evidence.length() as usize
}

/// The UTF-16 index of a UTF-8 byte offset in `text`.
fn utf16_at(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).map(|(_, c)| c.len_utf16()).sum()
}

/// Native expected output → what the wasm API must return: evidence offsets in UTF-16 units.
fn to_utf16_offsets(scored: &mut Value, answer: &str) {
    if let Some(evidence) = scored.get_mut("evidence").and_then(Value::as_array_mut) {
        for e in evidence {
            for key in ["start", "end"] {
                if let Some(b) = e.get(key).and_then(Value::as_u64) {
                    e[key] = json!(utf16_at(answer, b as usize));
                }
            }
        }
    }
}

/// Equality of two JSON values where numbers are compared as numbers (`3` equals `3.0`, and a
/// last-digit difference from float printing is tolerated). Returns the path of the first difference.
pub fn diff(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            ((x - y).abs() > 1e-9 * x.abs().max(1.0)).then(|| format!("{path}: {x} != {y}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items != {} items", x.len(), y.len()));
            }
            x.iter().zip(y).enumerate().find_map(|(i, (p, q))| diff(p, q, &format!("{path}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => diff(p, q, &format!("{path}.{k}")),
                (p, q) => Some(format!("{path}.{k}: {} != {}", show(p), show(q))),
            })
        }
        _ => (a != b).then(|| format!("{path}: {} != {}", short(a), short(b))),
    }
}

fn show(v: Option<&Value>) -> String {
    v.map(short).unwrap_or_else(|| "(absent)".into())
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// Runs every case of inputs.json through the wasm `Scorer` and compares with the native golden
/// files: the output object (offsets converted to UTF-16), and for a report each rendering, which
/// the wasm side makes from the JS object after turning its offsets back into bytes.
pub fn check_golden() {
    let inputs: Value = serde_json::from_str(INPUTS).expect("inputs.json");
    let cases = inputs["cases"].as_array().expect("cases");
    let names: Vec<&str> = cases.iter().filter_map(|c| c["name"].as_str()).collect();
    let listed: Vec<&str> = GOLDEN.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, listed, "list every case of inputs.json in golden_files! (tests/golden/wasm_support.rs)");
    let mut scorer = Scorer::new();
    for (case, (name, files)) in cases.iter().zip(GOLDEN) {
        let file = |ext: &str| files.iter().find(|(e, _)| *e == ext).map(|(_, text)| *text);
        let mut want: Value = serde_json::from_str(file("json").expect("NAME.json")).expect("golden JSON");
        if let Some(answer) = case["score"]["answer"].as_str() {
            to_utf16_offsets(&mut want, answer);
        }
        if let Some(candidates) = want.get_mut("candidates").and_then(Value::as_array_mut) {
            for q in candidates
                .iter_mut()
                .flat_map(|c| c.get_mut("questions").and_then(Value::as_array_mut).into_iter().flatten())
            {
                let answer = q["answer"].as_str().unwrap_or("").to_string();
                to_utf16_offsets(q, &answer);
            }
        }
        let got = run_case(&mut scorer, case);
        if let Some(d) = diff(&got["output"], &want, name) {
            panic!("wasm and native outputs differ at {d}");
        }
        for (format, ext) in [("md", "md"), ("text", "txt"), ("html", "html")] {
            if let Some(native) = file(ext) {
                assert_eq!(
                    got[format].as_str(),
                    Some(native),
                    "{name}: the wasm {format} rendering differs from {name}.{ext}"
                );
            }
        }
        if let Some(json) = got["json"].as_str() {
            let native: Value = serde_json::from_str(file("json").expect("NAME.json")).expect("golden JSON");
            let rendered: Value = serde_json::from_str(json).expect("render json gives JSON");
            if let Some(d) = diff(&rendered, &native, name) {
                panic!("{name}: the wasm json rendering differs from the native output (offsets not restored?) at {d}");
            }
        }
    }
}

fn run_case(scorer: &mut Scorer, case: &Value) -> Value {
    if let Some(input) = case.get("score") {
        let output = match scorer.score(js(&input.to_string()).unchecked_into()) {
            Ok(scored) => to_json(&scored),
            Err(e) => json!({ "error": error_message(&e) }),
        };
        return json!({ "output": output });
    }
    let input = &case["report"];
    let text = input["text"].as_str().unwrap_or("");
    let mut opts = serde_json::Map::new();
    for key in ["rubric", "question"] {
        if let Some(v) = input.get(key) {
            opts.insert(key.into(), v.clone());
        }
    }
    match scorer.report(text, Some(js(&Value::Object(opts).to_string()).unchecked_into())) {
        Ok(report) => {
            let render = |format: &str| {
                let r: JsValue = report.clone().into();
                match scorer.render(r.unchecked_into(), JsValue::from_str(format).unchecked_into()) {
                    Ok(s) => json!(s),
                    Err(e) => json!({ "error": error_message(&e) }),
                }
            };
            json!({
                "output": to_json(&report),
                "md": render("md"),
                "text": render("text"),
                "html": render("html"),
                "json": render("json"),
            })
        }
        Err(e) => json!({ "output": { "error": error_message(&e) } }),
    }
}
