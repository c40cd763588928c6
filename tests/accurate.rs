//! Accurate mode end to end through the `rubricate` binary: `--accurate` loads the sentence encoder
//! from the model directory (`make model` puts it in target/model; `make test` fetches it first) and
//! every output says which mode produced it. Needs the model: without it these tests fail with the
//! CLI's own message, which names `make model`.

mod common;

use common::*;
use serde_json::Value;

const QUESTION: &str = "What is vertical scaling?";
const KEY: &str =
    "Vertical scaling means adding more CPU, memory or disk to a single server so it can handle more load.";

fn model_dir() -> String {
    std::env::var("RUBRICATE_MODEL").unwrap_or_else(|_| format!("{}/target/model", env!("CARGO_MANIFEST_DIR")))
}

fn score(answer: &str, accurate: bool) -> Value {
    let dir = model_dir();
    let mut args = vec!["score", "--question", QUESTION, "--reference", KEY];
    if accurate {
        args.extend(["--accurate", "--model", &dir]);
    }
    ok_json(&run(&args, answer.as_bytes()))
}

#[test]
fn every_output_says_its_mode() {
    let answer = "You buy a beefier box with more RAM and cores so that one machine copes with the extra traffic.";
    let default = score(answer, false);
    assert_eq!(default["mode"], "default");

    let accurate = score(answer, true);
    assert_eq!(accurate["mode"], "accurate", "{accurate}");
    let j = accurate["justification"].as_str().unwrap_or_default();
    assert!(
        j.contains("Accurate mode (all-MiniLM-L6-v2)") && j.contains("from shared words alone the score would be"),
        "{j}"
    );
    let text = run(
        &[
            "score",
            "--question",
            QUESTION,
            "--reference",
            KEY,
            "--accurate",
            "--model",
            &model_dir(),
            "--format",
            "text",
        ],
        answer.as_bytes(),
    );
    assert!(text.stdout.contains("(accurate mode)"));
}

#[test]
fn the_key_scores_full_marks_and_unrelated_text_little() {
    let same = score(KEY, true);
    assert_eq!(same["score"], 5.0, "{same}");
    let unrelated = score("I enjoy cooking pasta on Sundays with my family and friends.", true);
    assert!(unrelated["score"].as_f64().unwrap_or(9.0) <= 1.0, "{unrelated}");
    // A paraphrase with hardly a word of the key gains over the words-only grade.
    let paraphrase = "You buy a beefier box with more RAM and cores so that one machine copes with the extra traffic.";
    let (d, a) = (score(paraphrase, false)["score"].as_f64(), score(paraphrase, true)["score"].as_f64());
    assert!(a > d, "accurate {a:?} should beat default {d:?} on a paraphrase");
}

#[test]
fn batch_compares_only_against_model_answers_and_is_deterministic() {
    let lines = [
        serde_json::json!({"id": "ref", "question": QUESTION, "answer": "Give the one server more memory and faster CPUs.", "reference": KEY}),
        serde_json::json!({"id": "rubric", "question": "How do you design for high availability?", "answer": "Run several instances across zones behind a load balancer with health checks.", "rubric": "cloud-architect"}),
        serde_json::json!({"id": "question", "question": "What is a load balancer?", "answer": "It spreads requests over several servers."}),
        serde_json::json!({"id": "given", "question": QUESTION, "answer": "Give the single server more RAM and faster processors.", "reference": KEY, "accurate": {"model": "mine", "cosine": 0.5, "recall": 0.5}}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let dir = model_dir();
    let one = run(&["batch", "--accurate", "--model", &dir, "--jobs", "1"], input.as_bytes());
    let two = run(&["batch", "--accurate", "--model", &dir, "--jobs", "2"], input.as_bytes());
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout, "the same bytes on one thread and on two");
    let out: Vec<Value> = one.stdout.lines().map(json).collect();
    let modes: Vec<&str> = out.iter().map(|v| v["mode"].as_str().unwrap_or("?")).collect();
    assert_eq!(modes, ["accurate", "default", "default", "accurate"]);
    let given = out[3]["justification"].as_str().unwrap_or_default();
    assert!(
        given.contains("Accurate mode (mine): sentence similarity to the model answer 0.50"),
        "evidence a line brings is kept: {given}"
    );
}

#[test]
fn evidence_that_does_not_fit_is_refused() {
    let bad = [
        (
            serde_json::json!({"question": QUESTION, "answer": "More RAM.", "rubric": "cloud-architect", "accurate": {"model": "m", "cosine": 0.5, "recall": 0.5}}),
            "accurate: accurate mode compares the answer with a model answer",
        ),
        (
            serde_json::json!({"question": QUESTION, "answer": "More RAM.", "reference": KEY, "accurate": {"model": "m", "cosine": 2, "recall": 0.5}}),
            "accurate: cosine and recall must be numbers between -1 and 1",
        ),
        (
            serde_json::json!({"question": QUESTION, "answer": "More RAM.", "reference": KEY, "accurate": {"cosine": 0.5}}),
            "field \"accurate\" must be",
        ),
    ];
    for (line, expected) in bad {
        let r = run(&["batch"], format!("{line}\n").as_bytes());
        let v = json(r.stdout.trim());
        assert!(v["error"].as_str().unwrap_or_default().contains(expected), "{v}");
    }
}

#[test]
fn a_missing_model_is_one_clear_line() {
    let r = run(
        &["score", "--question", QUESTION, "--reference", KEY, "--accurate", "--model", "/nonexistent/model"],
        b"More RAM.",
    );
    let msg = assert_bad_input(&r);
    assert!(msg.contains("model.safetensors") && msg.contains("make model"), "{msg}");
}
