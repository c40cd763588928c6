//! End-to-end tests of the `rubricate` binary: every command, and every kind of bad input the
//! contract names (each must exit 2 with one clear `rubricate: ...` line on stderr, never a panic).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// Everything the contract promises about a scored answer, given the answer text it graded.
fn assert_scored_answer(v: &Value, answer: &str) {
    let score = v["score"].as_f64().unwrap_or_else(|| panic!("score missing: {}", v));
    assert!((0.0..=5.0).contains(&score), "score {} out of range", score);
    assert!(((score * 10.0).round() - score * 10.0).abs() < 1e-6, "score {} has more than one decimal", score);
    let grade = v["grade"].as_u64().unwrap_or_else(|| panic!("grade missing: {}", v));
    assert_eq!(grade, (score + 0.5).floor() as u64, "grade {} is not score {} rounded half up", grade, score);
    let relevance = v["relevance"].as_f64().expect("relevance");
    assert!((0.0..=1.0).contains(&relevance), "relevance {}", relevance);
    assert!(v["struggled"].is_boolean() && v["insufficient"].is_boolean(), "{}", v);
    if v["insufficient"] == Value::Bool(true) {
        assert_eq!(score, 0.0, "an insufficient answer scores 0");
    }
    assert!(!v["justification"].as_str().expect("justification").trim().is_empty());
    for e in v["evidence"].as_array().expect("evidence") {
        let (start, end) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert!(start <= end && end <= answer.len(), "evidence span {}..{} outside the answer", start, end);
        assert_eq!(e["text"].as_str().unwrap(), &answer[start..end], "evidence text is not the answer's bytes");
        assert!(e["point"].is_string());
    }
    assert!(v["covered"].as_array().expect("covered").iter().all(Value::is_string));
    assert!(v["missing"].as_array().expect("missing").iter().all(Value::is_string));
    assert!(v["next_step"].is_null() || v["next_step"].is_string());
    for (name, x) in v["signals"].as_object().expect("signals") {
        let x = x.as_f64().unwrap_or_else(|| panic!("signal {} is not a number", name));
        assert!((0.0..=1.0).contains(&x), "signal {} = {}", name, x);
    }
    if !v["rubric"].is_null() {
        assert!(v["rubric"]["id"].is_string() && v["rubric"]["version"].is_string(), "{}", v["rubric"]);
    }
    assert!(v["engine"].as_str().expect("engine").starts_with("rubricate"), "{}", v["engine"]);
}

const ON_CALL_QUESTION: &str =
    "An alert pages you at night saying checkout errors have spiked. What do you do in the first fifteen minutes?";
const ON_CALL_STRONG: &str = "I acknowledge the page and open an incident channel, then look at the dashboards for the blast radius: the error rate per endpoint and region. A deploy went out an hour before, so I roll back first because it is the quickest safe mitigation, post a status update for support every ten minutes, and escalate to the payments team if the rollback does not clear it.";
const ON_CALL_WEAK: &str = "Not sure really, I would probably look at it and maybe restart something.";

// ----------------------------------------------------------------------------------------------
// version, rubrics

#[test]
fn version_prints_the_engine_version() {
    let r = run(&["version"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), format!("rubricate {}", env!("CARGO_PKG_VERSION")));
    let r = run(&["--version"], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn rubrics_lists_the_bundled_rubrics() {
    let r = run(&["rubrics"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = json(&r.stdout);
    let list = list.as_array().expect("a JSON array");
    let mut ids = Vec::new();
    for item in list {
        for key in ["id", "title", "version", "role"] {
            assert!(item[key].as_str().is_some_and(|s| !s.is_empty()), "{} missing in {}", key, item);
        }
        let questions = item["questions"].as_array().expect("questions array");
        assert!(!questions.is_empty());
        for q in questions {
            assert!(q["id"].is_string() && q["text"].is_string() && q["kind"].is_string(), "{}", q);
        }
        ids.push(item["id"].as_str().unwrap().to_string());
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {:?}", ids);
    // every rubric file in rubrics/ is listed
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".json").filter(|s| !s.ends_with(".schema")) {
            assert!(ids.iter().any(|i| i == stem), "rubrics/{} is not listed", name);
        }
    }
}

// ----------------------------------------------------------------------------------------------
// check-rubric

#[test]
fn check_rubric_accepts_a_good_file() {
    let r = run(&["check-rubric", &fixture("rubrics/good-custom.json")], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: fixture-on-call 1.0.0, 2 questions, 11 points"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1);
    // and from stdin
    let text = std::fs::read(fixture("rubrics/good-custom.json")).unwrap();
    let r = run(&["check-rubric", "-"], &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn check_rubric_accepts_every_bundled_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") && !name.ends_with(".schema.json") {
            let r = run(&["check-rubric", &path.to_string_lossy()], b"");
            assert_eq!(r.code, 0, "rubrics/{}:\n{}", name, r.stderr);
            assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
        }
    }
}

#[test]
fn check_rubric_lists_every_problem_with_its_path() {
    let file = fixture("rubrics/bad.json");
    let r = run(&["check-rubric", &file], b"");
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(!r.stderr.contains("panicked"));
    let lines: Vec<&str> = r.stderr.lines().collect();
    for line in &lines {
        assert!(line.starts_with(&format!("rubricate: {}: ", file)), "{}", line);
        assert!(line.ends_with(')') && line.contains("($"), "no JSON path in: {}", line);
    }
    for path in [
        "($.owner)",
        "($.id)",
        "($.title)",
        "($.version)",
        "($.questions[0].kind)",
        "($.questions[0].criteria[0].weight)",
        "($.questions[0].criteria[0].signals[1])",
        "($.questions[0].criteria[0].descriptors)",
        "($.questions[0].points[0].phrases)",
        "($.questions[0].points[1].id)",
        "($.questions[0].points[1].weight)",
        "($.questions[0].examples[0].max)",
        "($.questions[1].id)",
        "($.questions[1].criteria)",
    ] {
        assert!(lines.iter().any(|l| l.ends_with(path)), "no problem reported at {}:\n{}", path, r.stderr);
    }
    assert_eq!(lines.len(), 14, "{}", r.stderr);
}

#[test]
fn check_rubric_warns_about_phrasings_that_match_any_answer() {
    let mut rubric = json(&std::fs::read_to_string(fixture("rubrics/good-custom.json")).unwrap());
    rubric["questions"][1]["points"][0]["phrases"].as_array_mut().expect("phrases").push(Value::from("the work"));
    rubric["questions"][0]["points"][2]["text"] = Value::from("Really important things");
    let file = temp_file("generic-phrases.json", rubric.to_string().as_bytes());
    let n = rubric["questions"][1]["points"][0]["phrases"].as_array().map_or(0, Vec::len) - 1;
    let r = run(&["check-rubric", &file], b"");
    assert_eq!(r.code, 0, "a warning does not fail the check: {}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains(", 2 warnings (on stderr)"), "{}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(lines.iter().all(|l| l.starts_with(&format!("rubricate: warning: {}: ", file))), "{}", r.stderr);
    assert!(
        lines[0].contains("\"Really important things\"") && lines[0].ends_with("($.questions[0].points[2].text)"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("match almost any answer"), "{}", lines[1]);
    assert!(lines[1].ends_with(&format!("($.questions[1].points[0].phrases[{}])", n)), "{}", lines[1]);
    // --strict makes them problems: exit 2, the same lines.
    let r = run(&["check-rubric", "--strict", &file], b"");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    // The fixture itself has none.
    let r = run(&["check-rubric", "--strict", &fixture("rubrics/good-custom.json")], b"");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn check_rubric_reports_syntax_errors_with_line_and_column() {
    let r = run(&["check-rubric", &fixture("rubrics/syntax-error.json")], b"");
    let line = assert_bad_input(&r);
    assert!(line.contains("JSON syntax error"), "{}", line);
    assert!(line.contains("line 4, column 3"), "{}", line);
}

#[test]
fn check_rubric_refuses_missing_directory_binary_and_oversized_files() {
    let line = assert_bad_input(&run(&["check-rubric", "tests/fixtures/rubrics/no-such.json"], b""));
    assert!(line.contains("no-such.json: no such file"), "{}", line);
    let line = assert_bad_input(&run(&["check-rubric", "tests/fixtures"], b""));
    assert!(line.contains("is a directory"), "{}", line);
    let bin = temp_file("rubric.bin", b"{\"id\": \"x\0\"}");
    let line = assert_bad_input(&run(&["check-rubric", &bin], b""));
    assert!(line.contains("binary") && line.contains("byte offset 9"), "{}", line);
    let big = temp_file("big-rubric.json", &vec![b' '; 3 << 20]);
    let line = assert_bad_input(&run(&["check-rubric", &big], b""));
    assert!(line.contains("too large") && line.contains("2097152 bytes"), "{}", line);
    let deep = temp_file("deep.json", format!("{}{}", "[".repeat(5000), "]".repeat(5000)).as_bytes());
    let line = assert_bad_input(&run(&["check-rubric", &deep], b""));
    assert!(line.contains("nested too deeply"), "{}", line);
}

// ----------------------------------------------------------------------------------------------
// score

#[test]
fn score_prints_a_scored_answer_as_json() {
    let rubric = fixture("rubrics/good-custom.json");
    let r = run(&["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric], ON_CALL_STRONG.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_scored_answer(&v, ON_CALL_STRONG);
    assert!(v.get("id").is_none() || v["id"].is_null(), "score has no id: {}", v["id"]);
    assert_eq!(v["rubric"]["id"], "fixture-on-call");
    assert_eq!(v["rubric"]["version"], "1.0.0");
}

#[test]
fn score_ranks_a_strong_answer_above_a_weak_one() {
    let rubric = fixture("rubrics/good-custom.json");
    let strong = run(&["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric], ON_CALL_STRONG.as_bytes());
    let weak = run(&["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric], ON_CALL_WEAK.as_bytes());
    assert_eq!(strong.code, 0, "{}", strong.stderr);
    assert_eq!(weak.code, 0, "{}", weak.stderr);
    let (s, w) = (json(&strong.stdout), json(&weak.stdout));
    assert_scored_answer(&w, ON_CALL_WEAK);
    assert!(s["score"].as_f64() > w["score"].as_f64(), "strong {} <= weak {}", s["score"], w["score"]);
    assert!(s["covered"].as_array().unwrap().len() > w["covered"].as_array().unwrap().len());
}

#[test]
fn score_is_deterministic() {
    let rubric = fixture("rubrics/good-custom.json");
    let a = run(&["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric], ON_CALL_STRONG.as_bytes());
    let b = run(&["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric], ON_CALL_STRONG.as_bytes());
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn score_against_a_reference_or_the_question_alone() {
    let reference = "Ship migrations that stay backwards compatible, put new code behind a feature flag, and keep the previous build ready so a rollback is one command.";
    let answer =
        "Backwards compatible migrations first, then the code behind a flag, and we keep the last build around to roll back in one step.";
    let r = run(
        &["score", "--question", "How do you keep a deploy safe to roll back?", "--reference", reference],
        answer.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_scored_answer(&v, answer);
    assert!(v["rubric"].is_null(), "a reference, not a rubric: {}", v["rubric"]);

    let r = run(
        &["score", "--question", "What is your favourite sorting algorithm and why?"],
        b"Merge sort, because it is stable and its worst case stays n log n.",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_scored_answer(&json(&r.stdout), "Merge sort, because it is stable and its worst case stays n log n.");
}

#[test]
fn score_with_a_bundled_rubric_question() {
    let list = json(&run(&["rubrics"], b"").stdout);
    let Some(first) = list.as_array().and_then(|l| l.first()).cloned() else {
        eprintln!("no bundled rubrics yet; skipped");
        return;
    };
    let (rid, q) = (first["id"].as_str().unwrap(), &first["questions"][0]);
    let name = format!("{}/{}", rid, q["id"].as_str().unwrap());
    let answer =
        "I would start from the requirements, explain the trade-offs of two options with numbers, and pick one for a stated reason.";
    let r = run(&["score", "--question", q["text"].as_str().unwrap(), "--rubric", &name], answer.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_scored_answer(&v, answer);
    assert_eq!(v["rubric"]["id"], rid);
}

#[test]
fn score_renders_markdown_and_text() {
    let rubric = fixture("rubrics/good-custom.json");
    let r = run(
        &["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric, "--format", "text"],
        ON_CALL_STRONG.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in ["Score: ", "/ 5 (grade ", "Justification: ", "Covered:", "Missing:", "Flags: "] {
        assert!(r.stdout.contains(want), "text lacks {:?}:\n{}", want, r.stdout);
    }
    assert!(serde_json::from_str::<Value>(&r.stdout).is_err(), "text output should not be JSON");
    let r = run(
        &["score", "--question", ON_CALL_QUESTION, "--rubric", &rubric, "--format", "md"],
        ON_CALL_STRONG.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for want in ["## Score: ", "### Covered", "### Missing", "**Flags:**"] {
        assert!(r.stdout.contains(want), "markdown lacks {:?}:\n{}", want, r.stdout);
    }
    let r = run(&["score", "--question", "q", "--format", "yaml"], b"answer");
    assert_eq!(r.code, 2, "clap refuses an unknown format");
}

#[test]
fn score_refuses_empty_and_blank_stdin() {
    let line = assert_bad_input(&run(&["score", "--question", "Why?"], b""));
    assert_eq!(line, "rubricate: stdin: is empty");
    let line = assert_bad_input(&run(&["score", "--question", "Why?"], b"  \n\t\r\n "));
    assert_eq!(line, "rubricate: stdin: contains only whitespace");
}

#[test]
fn score_refuses_binary_stdin() {
    let line =
        assert_bad_input(&run(&["score", "--question", "Why?"], b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff"));
    assert!(line.contains("binary") && line.contains("byte offset 7"), "{}", line);
    let mut controls = b"ok ".to_vec();
    controls.extend(std::iter::repeat_n(0x1bu8, 20));
    let line = assert_bad_input(&run(&["score", "--question", "Why?"], &controls));
    assert!(line.contains("binary") && line.contains("byte offset 3"), "{}", line);
}

#[test]
fn score_refuses_invalid_utf8_with_its_offset() {
    let line = assert_bad_input(&run(&["score", "--question", "Why?"], b"first line\nsecond \xc3\x28 line"));
    assert_eq!(line, "rubricate: stdin: invalid UTF-8 (byte offset 18, line 2)");
}

#[test]
fn score_refuses_ten_megabytes_quickly() {
    let big = vec![b'a'; 10 << 20];
    let r = run(&["score", "--question", "Why?"], &big);
    let line = assert_bad_input(&r);
    assert!(
        line.contains("too large") && line.contains("10485760 bytes") && line.contains("1048576 bytes"),
        "{}",
        line
    );
}

#[test]
fn score_refuses_unknown_rubrics_and_bad_rubric_files() {
    let line = assert_bad_input(&run(&["score", "--question", "Why?", "--rubric", "no-such-rubric"], b"Because."));
    // the same words as grading, the library and JavaScript use (src/rubric/mod.rs, resolve_name)
    assert_eq!(line, "rubricate: --rubric: no rubric with id 'no-such-rubric'");
    let line = assert_bad_input(&run(&["score", "--question", "Why?", "--rubric", "missing/rubric.json"], b"Because."));
    assert_eq!(line, "rubricate: missing/rubric.json: no such file");
    let bad = fixture("rubrics/bad.json");
    let line = assert_bad_input(&run(&["score", "--question", "Why?", "--rubric", &bad], b"Because."));
    assert!(line.contains("invalid rubric, 14 problems") && line.contains("($.owner)"), "{}", line);
    let line = assert_bad_input(&run(
        &["score", "--question", "Why?", "--rubric", "fixture-on-call/first-minutes"],
        b"Because.",
    ));
    assert_eq!(
        line, "rubricate: --rubric: no rubric with id 'fixture-on-call'",
        "a custom rubric is only known once loaded"
    );
}

#[test]
fn score_refuses_binary_arguments() {
    // (an argument over the 1 MiB limit cannot be passed at all: Linux caps one at 128 KiB;
    // input::check_text's unit tests cover the size check)
    let line = assert_bad_input(&run(&["score", "--question", "\u{7}\u{8}\u{7}\u{8} why"], b"An answer."));
    assert!(line.starts_with("rubricate: --question: looks like binary"), "{}", line);
    let line =
        assert_bad_input(&run(&["score", "--question", "Why?", "--reference", "\u{1}\u{2}\u{3}\u{4}"], b"An answer."));
    assert!(line.starts_with("rubricate: --reference: looks like binary"), "{}", line);
}

#[test]
fn score_needs_a_question() {
    let r = run(&["score"], b"An answer.");
    assert_eq!(r.code, 2, "clap usage error");
    assert!(r.stderr.contains("--question"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
}

// ----------------------------------------------------------------------------------------------
// batch

fn batch_lines(stdout: &str) -> Vec<Value> {
    stdout.lines().map(json).collect()
}

#[test]
fn batch_grades_good_lines_and_reports_bad_ones_in_order() {
    let input = std::fs::read(fixture("batch.jsonl")).unwrap();
    let text = String::from_utf8(input.clone()).unwrap();
    let r = run(&["batch", "--rubric", &fixture("rubrics/good-custom.json")], &input);
    // some lines are bad: the batch still finishes, then says so on stderr and exits 2
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("rubricate: stdin: 5 of 8 lines could not be graded, the first at line 3"),
        "{}",
        r.stderr
    );
    let out = batch_lines(&r.stdout);
    // one output line per non-blank input line, in the same order
    let ids: Vec<Value> = out.iter().map(|v| v["id"].clone()).collect();
    assert_eq!(
        ids,
        vec![
            Value::from("a1"),
            Value::Null,
            Value::from("a3"),
            Value::Null,
            Value::from("a4"),
            Value::from("a5"),
            Value::from("a6"),
            Value::from("a7")
        ]
    );
    let error = |i: usize| {
        out[i]["error"].as_str().unwrap_or_else(|| panic!("line {} should be an error: {}", i, out[i])).to_string()
    };
    assert!(error(1).starts_with("line 3: invalid JSON"), "{}", error(1));
    assert!(error(3).starts_with("line 5: expected a JSON object, found an array"), "{}", error(3));
    assert!(error(4).starts_with("line 6: missing field \"answer\""), "{}", error(4));
    assert!(error(5).starts_with("line 7: field \"answer\" must be a string, found a number"), "{}", error(5));
    assert!(error(6).starts_with("line 8: ") && error(6).contains("no-such-rubric"), "{}", error(6));
    // the good lines (1, 4 and 9; line 2 is blank) are scored answers with their id copied
    let answers: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).collect();
    for i in [0usize, 2, 7] {
        let input = answers.iter().find(|a| a["id"] == out[i]["id"]).expect("the input line");
        let answer = input["answer"].as_str().unwrap();
        assert!(out[i].get("error").is_none(), "line {} failed: {}", i, out[i]);
        assert_scored_answer(&out[i], answer);
        assert_eq!(out[i]["rubric"]["id"], "fixture-on-call", "--rubric applies to lines that name none");
    }
}

#[test]
fn batch_with_only_good_lines_exits_0() {
    let lines = [
        serde_json::json!({"id": "one", "question": ON_CALL_QUESTION, "answer": ON_CALL_STRONG}),
        serde_json::json!({"id": "two", "question": ON_CALL_QUESTION, "answer": ON_CALL_WEAK, "reference": "Acknowledge, judge the blast radius, roll back, communicate."}),
        serde_json::json!({"id": "three", "question": "Why do you want this job?", "answer": "The team runs the systems I already know, and I want to own reliability work end to end."}),
    ];
    let input: String = lines.iter().map(|l| format!("{}\r\n\n", l)).collect();
    let r = run(&["batch"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let out = batch_lines(&r.stdout);
    assert_eq!(out.len(), 3);
    for (o, l) in out.iter().zip(&lines) {
        assert_eq!(o["id"], l["id"]);
        assert_scored_answer(o, l["answer"].as_str().unwrap());
    }
}

#[test]
fn batch_refuses_empty_input() {
    let line = assert_bad_input(&run(&["batch"], b""));
    assert!(line.contains("stdin") && line.contains("empty"), "{}", line);
    let line = assert_bad_input(&run(&["batch"], b"\n  \n\n"));
    assert!(line.contains("empty"), "{}", line);
}

#[test]
fn batch_survives_invalid_utf8_and_a_huge_line() {
    let mut input = b"{\"id\": \"x\", \"question\": \"q\", \"answer\": \"caf\xe9\"}\n".to_vec();
    input.extend_from_slice(b"{\"id\": \"big\", \"question\": \"q\", \"answer\": \"");
    input.extend(std::iter::repeat_n(b'a', 5 << 20));
    input.extend_from_slice(b"\"}\n");
    input.extend_from_slice(b"{\"id\": \"field\", \"question\": \"q\", \"answer\": \"\\u0000\\u0000 zero\"}\n");
    let r = run(&["batch"], &input);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    let out = batch_lines(&r.stdout);
    assert_eq!(out.len(), 3, "{}", r.stdout);
    assert!(out[0]["error"].as_str().unwrap().starts_with("line 1: invalid UTF-8 (byte offset 43"), "{}", out[0]);
    assert!(
        out[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 2: the line is too long (5242924 bytes; the limit is 4194304 bytes"),
        "{}",
        out[1]
    );
    assert_eq!(out[2]["id"], "field");
    assert!(out[2]["error"].as_str().unwrap().contains("answer: looks like binary"), "{}", out[2]);
}

// ----------------------------------------------------------------------------------------------
// report

fn assert_report(v: &Value) {
    assert!(v["engine"].as_str().unwrap_or_default().starts_with("rubricate"), "{}", v);
    let candidates = v["candidates"].as_array().expect("candidates");
    assert!(!candidates.is_empty());
    for c in candidates {
        for q in c["questions"].as_array().expect("questions") {
            assert!(q["number"].as_u64().is_some_and(|n| n >= 1), "{}", q);
            let kind = q["kind"].as_str().unwrap();
            assert!(
                ["introduction", "project", "technical", "behavioral", "closing", "other"].contains(&kind),
                "{}",
                kind
            );
            assert!(q["question"].is_string());
            assert_scored_answer(q, q["answer"].as_str().expect("answer"));
        }
        let overall = &c["overall"];
        assert!((0.0..=5.0).contains(&overall["score"].as_f64().expect("overall score")));
        assert!(["advance", "hold", "decline"].contains(&overall["recommendation"].as_str().unwrap()), "{}", overall);
        let hr = &c["hr"];
        for key in ["suitability", "communication", "recommendation"] {
            assert!(hr[key].is_string(), "hr.{} missing", key);
        }
        for key in ["strengths", "gaps", "skills"] {
            assert!(hr[key].is_array(), "hr.{} missing", key);
        }
    }
}

#[test]
fn report_reads_a_dialogue_transcript() {
    let r = run(&["report", &fixture("cli/dialogue.txt")], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_report(&v);
    let c = &v["candidates"][0];
    assert_eq!(c["name"], "Priya Raman");
    assert_eq!(c["position"], "Site Reliability Engineer");
    let questions = c["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4, "four exchanges");
    assert_eq!(questions[0]["kind"], "introduction");
    // the answer spanning two paragraphs is kept whole
    assert!(questions[1]["answer"].as_str().unwrap().contains("status update"), "{}", questions[1]["answer"]);
    assert_eq!(questions[2]["struggled"], true, "the hedged non-example should be flagged");
}

#[test]
fn report_reads_numbered_transcripts_with_several_candidates() {
    let r = run(&["report", &fixture("cli/numbered.txt")], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_report(&v);
    let c = v["candidates"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(c[0]["name"], "Tomas Novak");
    assert_eq!(c[0]["position"], "Backend Developer");
    assert_eq!(c[0]["questions"].as_array().unwrap().len(), 2);
    assert_eq!(c[1]["questions"].as_array().unwrap().len(), 1);
    for q in c[0]["questions"].as_array().unwrap() {
        let a = q["answer"].as_str().unwrap();
        assert!(!a.contains("Relevance Score") && !a.contains("[STRUGGLED]"), "annotations must be stripped: {}", a);
    }
}

#[test]
fn report_reads_a_plain_answer_from_stdin() {
    let text = std::fs::read(fixture("cli/plain.txt")).unwrap();
    let r =
        run(&["report", "-", "--question", ON_CALL_QUESTION, "--rubric", &fixture("rubrics/good-custom.json")], &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json(&r.stdout);
    assert_report(&v);
    let q = &v["candidates"][0]["questions"][0];
    assert_eq!(q["rubric"]["id"], "fixture-on-call");
}

#[test]
fn report_renders_markdown_and_text() {
    for format in ["md", "text"] {
        let r = run(&["report", &fixture("cli/dialogue.txt"), "--format", format], b"");
        assert_eq!(r.code, 0, "{}: {}", format, r.stderr);
        assert!(r.stdout.contains("Priya Raman"), "{} output lacks the name:\n{}", format, r.stdout);
        assert!(serde_json::from_str::<Value>(&r.stdout).is_err(), "{} output should not be JSON", format);
    }
}

#[test]
fn report_refuses_bad_files() {
    let line = assert_bad_input(&run(&["report", "tests/fixtures/cli/none.txt"], b""));
    assert_eq!(line, "rubricate: tests/fixtures/cli/none.txt: no such file");
    let line = assert_bad_input(&run(&["report", "tests/fixtures/cli"], b""));
    assert!(line.contains("is a directory"), "{}", line);
    let empty = temp_file("empty.txt", b"");
    let line = assert_bad_input(&run(&["report", &empty], b""));
    assert_eq!(line, format!("rubricate: {}: is empty", empty));
    let binary = temp_file("program.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    let line = assert_bad_input(&run(&["report", &binary], b""));
    assert!(line.contains("binary") && line.contains("byte offset 7"), "{}", line);
    let latin1 = temp_file("latin1.txt", b"Candidate: Jos\xe9\nPosition: Tester\n");
    let line = assert_bad_input(&run(&["report", &latin1], b""));
    assert_eq!(line, format!("rubricate: {}: invalid UTF-8 (byte offset 14, line 1)", latin1));
    let line = assert_bad_input(&run(&["report", "-"], b""));
    assert_eq!(line, "rubricate: stdin: is empty");
}

#[test]
fn report_refuses_a_ten_megabyte_file_quickly() {
    let big = temp_file("big.txt", &"Candidate: more words than anyone needs.\n".repeat(260_000).into_bytes());
    let r = run(&["report", &big], b"");
    let line = assert_bad_input(&r);
    assert!(line.contains("too large") && line.contains("10660000 bytes"), "{}", line);
    // the same through stdin
    let bytes = std::fs::read(&big).unwrap();
    let r = run(&["report", "-"], &bytes);
    let line = assert_bad_input(&r);
    assert!(line.contains("stdin: is too large (10660000 bytes"), "{}", line);
}

#[test]
fn report_refuses_unknown_rubric() {
    let line = assert_bad_input(&run(&["report", &fixture("cli/dialogue.txt"), "--rubric", "nope"], b""));
    assert_eq!(line, "rubricate: --rubric: no rubric with id 'nope'");
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    for args in [&["grade"][..], &["score", "--question", "q", "--colour"][..], &[][..]] {
        let r = run(args, b"");
        assert_eq!(r.code, 2, "{:?}: {}", args, r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
}

/// Concept questions graded on the question alone (no rubric matches them, no key given): a correct
/// textbook explanation reaches grade 3, is told its content was not checked and is never asked for
/// trade-offs or measured results; an answer about something else that happens to share the term
/// ("dropout" as user churn) stays below every one of them.
#[test]
fn concept_questions_alone_grade_a_textbook_explanation_as_good_and_say_what_was_not_checked() {
    let input = std::fs::read_to_string(fixture("concept-questions.jsonl")).expect("fixture");
    let r = run(&["batch"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Value> = r.stdout.lines().map(json).collect();
    assert_eq!(rows.len(), 5);
    let mut good = Vec::new();
    for v in &rows {
        assert_eq!(v["basis"], "question", "{v}");
        let justification = v["justification"].as_str().unwrap_or("");
        assert!(justification.contains("not checked"), "{justification}");
        let advice = v["next_step"].as_str().unwrap_or("");
        assert!(!advice.contains("trade-offs") && !advice.contains("measured result"), "{advice}");
        let score = v["score"].as_f64().unwrap_or(-1.0);
        if v["id"] == "bad1" {
            assert!(score <= 2.0, "off-subject answer: {score}");
        } else {
            assert!(score >= 2.8, "{}: {score}", v["id"]);
            good.push(score);
        }
    }
    let off = rows.iter().find(|v| v["id"] == "bad1").and_then(|v| v["score"].as_f64()).unwrap_or(5.0);
    assert!(good.iter().all(|&s| s > off + 0.8), "{good:?} vs {off}");
}
