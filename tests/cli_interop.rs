//! The `convert` and `draft-rubric` commands of the `rubricate` binary: every direction of
//! conversion, drafting from a file and from stdin, and bad input (exit 2, one clear line).

mod common;

use common::{assert_bad_input as bad, fixture, ok_json, run, temp_file};
use serde_json::Value;

#[test]
fn convert_rubricate_to_canvas_and_back() {
    let source = fixture("rubrics/good-custom.json");
    let canvas = ok_json(&run(&["convert", "--from", "rubricate", "--to", "canvas", &source], b""));
    assert_eq!(canvas["title"], "On-call engineer (test fixture)");
    assert!(canvas["data"].as_array().is_some_and(|d| !d.is_empty()));
    let file = temp_file("canvas.json", canvas.to_string().as_bytes());
    let back = ok_json(&run(&["convert", "--from", "canvas", "--to", "rubricate", &file], b""));
    let original = rubricate::rubric::parse_and_validate(&std::fs::read_to_string(&source).unwrap()).unwrap();
    let parsed = rubricate::rubric::parse_and_validate(&back.to_string()).unwrap();
    assert_eq!(parsed.id, original.id);
    for (b, q) in parsed.questions.iter().zip(&original.questions) {
        assert_eq!(b.points, q.points);
        assert_eq!(b.criteria, q.criteria);
        assert_eq!(b.reference, q.reference);
    }
    assert!(back["questions"][0].get("examples").is_none(), "examples do not travel through Canvas");
    // the result is a valid rubric the other commands accept
    let file = temp_file("back.json", back.to_string().as_bytes());
    let check = run(&["check-rubric", &file], b"");
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn convert_to_and_from_prometheus_through_stdin() {
    let source = std::fs::read(fixture("rubrics/good-custom.json")).unwrap();
    let items = ok_json(&run(&["convert", "--from", "rubricate", "--to", "prometheus", "-"], &source));
    let items = items.as_array().expect("an array of Prometheus items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["criteria"], "What they do");
    assert!(items[0]["score5_description"].is_string());
    let back = ok_json(&run(
        &["convert", "--from", "prometheus", "--to", "rubricate", "-"],
        Value::Array(items.clone()).to_string().as_bytes(),
    ));
    assert_eq!(back["version"], "1.0.0");
    assert_eq!(back["questions"].as_array().unwrap().len(), 2);
    assert_eq!(back["questions"][0]["text"], items[0]["orig_instruction"]);
}

#[test]
fn convert_hand_written_files() {
    let r =
        ok_json(&run(&["convert", "--from", "canvas", "--to", "rubricate", &fixture("interop/canvas-api.json")], b""));
    assert_eq!(r["id"], "code-review-practices");
    let p = ok_json(&run(
        &["convert", "--from", "canvas", "--to", "prometheus", &fixture("interop/canvas-create.json")],
        b"",
    ));
    assert_eq!(p[0]["orig_instruction"], "Explaining caching");
    let c = ok_json(&run(
        &["convert", "--from", "prometheus", "--to", "canvas", &fixture("interop/prometheus-list.json")],
        b"",
    ));
    let rows = c["data"].as_array().unwrap();
    assert_eq!(rows[0]["description"], "Why would you put a message queue between two services?");
    let same = ok_json(&run(
        &["convert", "--from", "rubricate", "--to", "rubricate", &fixture("rubrics/good-custom.json")],
        b"",
    ));
    assert_eq!(same["id"], "fixture-on-call");
}

#[test]
fn convert_detects_the_input_format_when_from_is_auto_or_left_out() {
    let cases = [
        ("interop/canvas-api.json", "code-review-practices"),
        ("interop/prometheus-list.json", ""),
        ("rubrics/good-custom.json", "fixture-on-call"),
    ];
    for (file, id) in cases {
        let explicit = ok_json(&run(&["convert", "--from", "auto", "--to", "rubricate", &fixture(file)], b""));
        let implicit = ok_json(&run(&["convert", "--to", "rubricate", &fixture(file)], b""));
        assert_eq!(explicit, implicit, "{file}");
        assert!(explicit["questions"].as_array().is_some_and(|q| !q.is_empty()), "{file}");
        if !id.is_empty() {
            assert_eq!(explicit["id"], id, "{file}");
        }
    }
    // Detected as Canvas, then refused as a Canvas rubric, with its paths.
    let line = bad(&run(&["convert", "--to", "rubricate", &fixture("interop/bad-canvas.json")], b""));
    assert!(line.contains("not a valid canvas rubric"), "{}", line);
    // Nothing to tell the format by.
    let line = bad(&run(&["convert", "--to", "canvas", "-"], b"{\"name\": \"x\"}"));
    assert!(line.contains("stdin: cannot tell the rubric's format"), "{}", line);
    let line = bad(&run(&["convert", "--to", "canvas", "-"], b"[1, 2"));
    assert!(line.contains("stdin: JSON ends too early"), "{}", line);
}

#[test]
fn convert_refuses_bad_input_with_one_line() {
    let line =
        bad(&run(&["convert", "--from", "canvas", "--to", "rubricate", &fixture("interop/bad-canvas.json")], b""));
    assert!(line.contains("bad-canvas.json: not a valid canvas rubric"), "{}", line);
    assert!(line.contains("($.title)") && line.contains("and 5 more problems"), "{}", line);
    let line =
        bad(&run(&["convert", "--from", "prometheus", "--to", "canvas", &fixture("interop/bad-prometheus.json")], b""));
    assert!(line.contains("($[0].score3_description)"), "{}", line);
    let line = bad(&run(&["convert", "--from", "rubricate", "--to", "canvas", &fixture("rubrics/bad.json")], b""));
    assert!(line.contains("not a valid rubricate rubric"), "{}", line);
    let line = bad(&run(&["convert", "--from", "canvas", "--to", "rubricate", "-"], b"{\"title\": "));
    assert!(line.contains("stdin") && line.contains("JSON ends too early"), "{}", line);
    let line = bad(&run(&["convert", "--from", "canvas", "--to", "rubricate", "no/such/file.json"], b""));
    assert!(line.contains("no such file"), "{}", line);
    let line = bad(&run(&["convert", "--from", "canvas", "--to", "rubricate", "-"], b""));
    assert!(line.contains("stdin"), "{}", line);
    let binary = temp_file("binary.json", &[0u8, 159, 146, 150, 0, 1, 2]);
    bad(&run(&["convert", "--from", "canvas", "--to", "rubricate", &binary], b""));
    // an unknown format is a usage error (exit 2 from the argument parser)
    let r = run(&["convert", "--from", "moodle", "--to", "rubricate", &fixture("interop/canvas-api.json")], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("moodle"), "{}", r.stderr);
}

const REFERENCE: &str = "Start from the access patterns, because they decide the keys. Choose a partition key with high \
cardinality, such as the customer id, so writes spread evenly over the shards and no hot partition forms. Keep related \
rows together with a sort key so one query reads them in order. Plan resharding early: consistent hashing or a directory \
service moves only a fraction of the keys when a node joins. Cross-shard joins and transactions become expensive, so \
denormalise what is read together and accept eventual consistency for aggregates.";

#[test]
fn draft_rubric_from_a_file_and_from_stdin() {
    let file = temp_file("reference.txt", REFERENCE.as_bytes());
    let question = "How would you shard a database that has outgrown one machine?";
    let r = ok_json(&run(&["draft-rubric", "--question", question, "--reference", &file], b""));
    assert_eq!(r["version"], "1.0.0");
    assert_eq!(r["questions"][0]["text"], question);
    assert_eq!(r["questions"][0]["reference"], REFERENCE);
    let points = r["questions"][0]["points"].as_array().unwrap();
    assert!((6..=10).contains(&points.len()), "{}", r);
    let ids: Vec<&str> =
        r["questions"][0]["criteria"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["content", "depth", "communication"]);
    // the same from stdin, and the drafted rubric checks and grades
    let again = ok_json(&run(&["draft-rubric", "--question", question, "--reference", "-"], REFERENCE.as_bytes()));
    assert_eq!(again, r);
    let drafted = temp_file("drafted.json", r.to_string().as_bytes());
    assert_eq!(run(&["check-rubric", &drafted], b"").code, 0);
    let scored = ok_json(&run(
        &["score", "--question", question, "--rubric", &drafted],
        b"I'd pick a high-cardinality partition key like customer id so there is no hot partition, use consistent hashing so resharding moves few keys, and denormalise to avoid cross-shard joins.",
    ));
    assert!(scored["score"].as_f64().unwrap() > 1.0, "{}", scored);
    assert!(!scored["covered"].as_array().unwrap().is_empty(), "{}", scored);
}

#[test]
fn draft_rubric_refuses_bad_input_with_one_line() {
    let empty = temp_file("empty.txt", b"");
    let line = bad(&run(&["draft-rubric", "--question", "Why?", "--reference", &empty], b""));
    assert!(line.contains("empty.txt") && line.contains("empty"), "{}", line);
    let stop = temp_file("stopwords.txt", b"the of and to it is");
    let line = bad(&run(&["draft-rubric", "--question", "Why?", "--reference", &stop], b""));
    assert!(line.contains("no content words"), "{}", line);
    let file = temp_file("reference.txt", REFERENCE.as_bytes());
    let line = bad(&run(&["draft-rubric", "--question", "  ", "--reference", &file], b""));
    assert!(line.contains("--question"), "{}", line);
    let line = bad(&run(&["draft-rubric", "--question", "Why?", "--reference", "missing-reference.txt"], b""));
    assert!(line.contains("no such file"), "{}", line);
}

#[test]
fn draft_rubric_takes_an_id_and_a_title_as_javascript_does() {
    let file = temp_file("reference-named.txt", REFERENCE.as_bytes());
    let question = "How would you shard a database that has outgrown one machine?";
    let r = ok_json(&run(
        &["draft-rubric", "--question", question, "--reference", &file, "--id", "sharding", "--title", "Sharding"],
        b"",
    ));
    assert_eq!((r["id"].as_str(), r["title"].as_str()), (Some("sharding"), Some("Sharding")));
    let line = bad(&run(&["draft-rubric", "--question", question, "--reference", &file, "--id", "Not Kebab"], b""));
    assert!(line.starts_with("rubricate: --id: \"Not Kebab\" is not lowercase kebab-case"), "{}", line);
}
