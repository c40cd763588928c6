//! Golden outputs, byte for byte, tied to the engine version.
//!
//! Inputs: the cases of `tests/golden/inputs.json` (score requests, including non-ASCII ones, and
//! transcripts). For each case `NAME` the engine's output is stored, pretty-printed, in
//! `tests/golden/NAME.json`: the scored answer, or the report, or `{"error": "..."}`. A report case
//! also stores its renderings as `NAME.md`, `NAME.txt` and `NAME.html`. Evidence offsets are UTF-8
//! byte offsets (a wasm-side comparison converts them to UTF-16 first).
//!
//! Versioning: `tests/golden/ENGINE_VERSION` holds the engine version the goldens were made with,
//! and `tests/golden/CHECKSUM` a SHA-256 of every case's input and outputs. The test fails when
//!
//! * an output differs from its golden file (and tells you whether the version was bumped);
//! * an output changed while `rubricate::ENGINE_VERSION` is still the stored version, even under
//!   `UPDATE_GOLDENS=1`: every change to a score must come with a version bump (Cargo.toml);
//! * a golden file no longer matches CHECKSUM (edited by hand);
//! * ENGINE_VERSION was bumped but the goldens were not re-recorded.
//!
//! `UPDATE_GOLDENS=1 cargo test --test goldens` rewrites the files, ENGINE_VERSION and CHECKSUM.
//! Changing a case's *input* (or adding or removing a case) needs no bump: CHECKSUM records the
//! input's hash, so only outputs of unchanged inputs are held to the version rule.

mod common;
use common::sha256_hex;
use rubricate::{render, Engine, Format, ScoreRequest};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// One case's golden files (file name → exact contents) and the hash of its input.
struct CaseOutput {
    input_hash: String,
    files: BTreeMap<String, String>,
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("serialise") + "\n"
}

fn error(e: impl std::fmt::Display) -> Value {
    json!({ "error": e.to_string() })
}

fn run_case(engine: &Engine, name: &str, case: &Value) -> CaseOutput {
    let input_hash = sha256_hex(pretty(case).as_bytes());
    let mut files = BTreeMap::new();
    if let Some(input) = case.get("score") {
        let output = match serde_json::from_value::<ScoreRequest>(input.clone()) {
            Ok(req) => match engine.score(&req) {
                Ok(scored) => serde_json::to_value(&scored).unwrap_or_else(error),
                Err(e) => error(e),
            },
            Err(e) => error(e),
        };
        files.insert(format!("{}.json", name), pretty(&output));
    } else if let Some(input) = case.get("report") {
        let text = input.get("text").and_then(Value::as_str).unwrap_or("");
        let rubric = input.get("rubric").and_then(Value::as_str);
        let question = input.get("question").and_then(Value::as_str);
        match engine.report(text, rubric, question) {
            Ok(report) => {
                files.insert(format!("{}.json", name), pretty(&serde_json::to_value(&report).unwrap_or_else(error)));
                files.insert(format!("{}.md", name), render(&report, Format::Markdown));
                files.insert(format!("{}.txt", name), render(&report, Format::Text));
                files.insert(format!("{}.html", name), render(&report, Format::Html));
            }
            Err(e) => {
                files.insert(format!("{}.json", name), pretty(&error(e)));
            }
        }
    } else {
        panic!("golden case {:?} needs a \"score\" or a \"report\" object", name);
    }
    CaseOutput { input_hash, files }
}

fn run_all() -> BTreeMap<String, CaseOutput> {
    let inputs: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join("inputs.json")).expect("read tests/golden/inputs.json"),
    )
    .expect("tests/golden/inputs.json is JSON");
    let engine = Engine::new();
    let mut out = BTreeMap::new();
    for case in inputs["cases"].as_array().expect("inputs.json has a \"cases\" array") {
        let name = case["name"].as_str().expect("every case has a name");
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "case name {:?} must be lowercase kebab-case (it names files)",
            name
        );
        assert!(!["inputs", "expected"].contains(&name), "case name {:?} would overwrite another file", name);
        assert!(
            out.insert(name.to_string(), run_case(&engine, name, case)).is_none(),
            "duplicate case name {:?}",
            name
        );
    }
    out
}

fn output_hash(c: &CaseOutput) -> String {
    let mut all = Vec::new();
    for (file, text) in &c.files {
        all.extend_from_slice(file.as_bytes());
        all.push(0);
        all.extend_from_slice(sha256_hex(text.as_bytes()).as_bytes());
        all.push(b'\n');
    }
    sha256_hex(&all)
}

/// CHECKSUM: one line per case, `NAME input=SHA256 output=SHA256 files=a.json,a.md,...`, and a total.
fn checksum_text(cases: &BTreeMap<String, CaseOutput>) -> String {
    let mut lines = String::from(
        "# SHA-256 of each golden case's input and outputs. Written by `UPDATE_GOLDENS=1 cargo test --test goldens`;\n\
         # do not edit by hand.\n",
    );
    let mut total = Vec::new();
    for (name, c) in cases {
        let files: Vec<&str> = c.files.keys().map(String::as_str).collect();
        let line = format!("{} input={} output={} files={}\n", name, c.input_hash, output_hash(c), files.join(","));
        total.extend_from_slice(line.as_bytes());
        lines.push_str(&line);
    }
    lines.push_str(&format!("total {}\n", sha256_hex(&total)));
    lines
}

/// A stored CHECKSUM line.
struct Stored {
    input: String,
    output: String,
    files: Vec<String>,
}

fn parse_checksum(text: &str) -> BTreeMap<String, Stored> {
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.starts_with("total ")) {
        let mut parts = line.split(' ');
        let Some(name) = parts.next() else { continue };
        let (mut input, mut output, mut files) = (String::new(), String::new(), Vec::new());
        for p in parts {
            if let Some(v) = p.strip_prefix("input=") {
                input = v.to_string();
            } else if let Some(v) = p.strip_prefix("output=") {
                output = v.to_string();
            } else if let Some(v) = p.strip_prefix("files=") {
                files = v.split(',').map(str::to_string).collect();
            }
        }
        out.insert(name.to_string(), Stored { input, output, files });
    }
    out
}

fn read(name: &str) -> Option<String> {
    std::fs::read_to_string(dir().join(name)).ok()
}

const BUMP: &str = "bump `version` in Cargo.toml (rubricate::ENGINE_VERSION comes from it), then rerun \
`UPDATE_GOLDENS=1 cargo test --test goldens` and review the diff of tests/golden/";

#[test]
fn goldens_match_and_changes_bump_the_engine_version() {
    let current = rubricate::ENGINE_VERSION;
    let fresh = run_all();
    // Determinism first: a second fresh engine must give the same bytes.
    let again = run_all();
    for (name, c) in &fresh {
        assert_eq!(
            c.files, again[name].files,
            "case {}: two fresh engines disagree; grading is not deterministic",
            name
        );
    }

    let stored_version = read("ENGINE_VERSION").map(|s| s.trim().to_string());
    let stored = read("CHECKSUM").map(|s| parse_checksum(&s)).unwrap_or_default();
    // Cases whose input is unchanged but whose outputs moved: these need a version bump.
    let moved: Vec<&String> = fresh
        .iter()
        .filter(|(name, c)| stored.get(*name).is_some_and(|s| s.input == c.input_hash && s.output != output_hash(c)))
        .map(|(name, _)| name)
        .collect();
    let same_version = stored_version.as_deref() == Some(current);

    if std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v == "1") {
        if same_version && !moved.is_empty() {
            panic!(
                "golden outputs changed for {:?} but the engine version is still {:?}.\n\
                 Every change to an output must come with a new engine version: {}.",
                moved, current, BUMP
            );
        }
        for old in stored.values().flat_map(|s| s.files.iter()) {
            if !fresh.values().any(|c| c.files.contains_key(old)) {
                let _ = std::fs::remove_file(dir().join(old));
            }
        }
        for c in fresh.values() {
            for (file, text) in &c.files {
                std::fs::write(dir().join(file), text).expect("write a golden file");
            }
        }
        std::fs::write(dir().join("ENGINE_VERSION"), format!("{}\n", current)).expect("write ENGINE_VERSION");
        std::fs::write(dir().join("CHECKSUM"), checksum_text(&fresh)).expect("write CHECKSUM");
        eprintln!("goldens rewritten for {} ({} cases); outputs that changed: {:?}", current, fresh.len(), moved);
        return;
    }

    let Some(stored_version) = stored_version else {
        panic!("tests/golden/ENGINE_VERSION is missing: record the goldens with `UPDATE_GOLDENS=1 cargo test --test goldens`");
    };
    // Byte-for-byte comparison with the stored files.
    let mut differ = Vec::new();
    for (name, c) in &fresh {
        for (file, text) in &c.files {
            if read(file).as_deref() != Some(text.as_str()) {
                differ.push(format!("{} ({})", file, name));
            }
        }
    }
    if !differ.is_empty() {
        let new_or_edited: Vec<&String> = fresh
            .iter()
            .filter(|(n, c)| stored.get(*n).is_none_or(|s| s.input != c.input_hash))
            .map(|(n, _)| n)
            .collect();
        if same_version && !moved.is_empty() {
            panic!(
                "golden outputs changed but the engine version did not ({}).\nChanged: {:?}\nTo accept the new outputs, {}.",
                current, differ, BUMP
            );
        }
        if same_version && new_or_edited.is_empty() {
            panic!(
                "golden files {:?} differ from what the engine writes, yet CHECKSUM records the engine's output: \
                 they were edited by hand. Restore them with `UPDATE_GOLDENS=1 cargo test --test goldens`.",
                differ
            );
        }
        panic!(
            "golden outputs differ: {:?}\nstored engine version {:?}, current {:?}; new or edited inputs: {:?}.\n\
             If the change is intended, rerun `UPDATE_GOLDENS=1 cargo test --test goldens` and review the diff.",
            differ, stored_version, current, new_or_edited
        );
    }
    // The stored files match the engine; CHECKSUM must match them too (no hand edits).
    let expected = checksum_text(&fresh);
    assert_eq!(
        read("CHECKSUM").unwrap_or_default(),
        expected,
        "tests/golden/CHECKSUM does not match the golden files (edited by hand?): rerun `UPDATE_GOLDENS=1 cargo test --test goldens`"
    );
    assert_eq!(
        stored_version, current,
        "the engine version changed from {:?} to {:?} but the goldens were recorded with the old one: \
         rerun `UPDATE_GOLDENS=1 cargo test --test goldens`",
        stored_version, current
    );
}

#[test]
fn checksum_is_sha256() {
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    let long = vec![b'a'; 1000];
    assert_eq!(sha256_hex(&long), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

/// tests/golden/ holds exactly the recorded cases, their bookkeeping and the wasm tests' shared
/// module: no stale golden file nobody compares, and no `main.rs` (cargo would build it as a
/// separate test target; the old helper of that name was folded into this file and wasm_support.rs).
#[test]
fn golden_directory_has_no_stray_files() {
    let fresh = run_all();
    let mut known: std::collections::BTreeSet<String> =
        ["inputs.json", "CHECKSUM", "ENGINE_VERSION", "wasm_support.rs"].iter().map(|s| s.to_string()).collect();
    for c in fresh.values() {
        known.extend(c.files.keys().cloned());
    }
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("read tests/golden") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if !known.contains(&name) {
            stray.push(name);
        }
    }
    assert!(stray.is_empty(), "files in tests/golden/ that no golden case or test uses: {:?}", stray);
}
