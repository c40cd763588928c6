//! The optional semantic model: the committed asset matches its recorded checksum and parses; the
//! real vocabulary tokenizes and relates words sensibly; loading it never changes grading when the
//! feature is off, and helps (never hurts, on average) paraphrased answers when on.

mod common;
use common::sha256_hex;
use rubricate::embed::Embeddings;
use rubricate::{Engine, ScoreRequest};
use std::path::{Path, PathBuf};

const ASSET: &str = "www/models/minilm-l6-static.rbem";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn asset() -> Vec<u8> {
    std::fs::read(root().join(ASSET)).unwrap_or_else(|e| panic!("{ASSET}: {e}"))
}

fn model() -> Embeddings {
    Embeddings::parse(&asset()).unwrap_or_else(|e| panic!("{ASSET}: {e}"))
}

#[test]
fn committed_asset_matches_sha256sums() {
    let sums = std::fs::read_to_string(root().join("scripts/embeddings/SHA256SUMS")).expect("SHA256SUMS");
    let line = sums.lines().find(|l| l.trim_end().ends_with(ASSET)).expect("a line for the asset in SHA256SUMS");
    let recorded = line.split_whitespace().next().expect("a checksum");
    assert_eq!(sha256_hex(&asset()), recorded, "{ASSET} differs from scripts/embeddings/SHA256SUMS");
}

#[test]
fn asset_parses_and_stays_small() {
    let bytes = asset();
    assert!(bytes.len() <= 3_200_000, "asset is {} bytes", bytes.len());
    let info = model().info();
    assert_eq!(info.bytes, bytes.len());
    assert!(info.dims >= 32 && info.vocabulary > 20_000, "{info:?}");
}

#[test]
fn real_vocabulary_tokenizes_words() {
    let m = model();
    assert_eq!(m.tokenize("scale"), Some(vec!["scale".to_string()]));
    // A common word the model splits has a whole-word vector; its plural finds it.
    assert_eq!(m.tokenize("Latency"), Some(vec!["latency".to_string()]));
    assert_eq!(m.tokenize("latencies"), Some(vec!["latency".to_string()]));
    // A made-up word falls back to word pieces.
    let pieces = m.tokenize("zorbleflux").expect("pieces");
    assert!(pieces.len() >= 2 && pieces[1..].iter().all(|p| p.starts_with("##")), "{pieces:?}");
    assert_eq!(m.tokenize("東京"), None);
}

#[test]
fn similarity_sanity() {
    let m = model();
    let sim = |a: &str, b: &str| m.similarity(a, b).unwrap_or_else(|| panic!("no vector for {a} or {b}"));
    assert!(sim("scaling", "scale") > sim("scaling", "banana") + 0.3);
    assert!(sim("replica", "copy") > sim("replica", "banana"));
    assert!(sim("outage", "downtime") > sim("outage", "giraffe"));
    assert!(sim("conflict", "disagreement") > sim("conflict", "database"));
    assert!((sim("queue", "queue") - 1.0).abs() < 1e-4);
}

#[test]
fn loading_garbage_is_an_error_and_leaves_the_engine_working() {
    let mut engine = Engine::new();
    let e = engine.load_embeddings(b"definitely not an embeddings asset").unwrap_err();
    assert!(e.to_string().contains("embeddings"), "{e}");
    let bytes = asset();
    assert!(engine.load_embeddings(&bytes[..bytes.len() / 2]).unwrap_err().to_string().contains("truncated"));
    assert!(engine.embeddings().is_none());
    let req = ScoreRequest {
        question: "What is a load balancer?".into(),
        answer: "It spreads requests over servers.".into(),
        ..Default::default()
    };
    assert!(engine.score(&req).is_ok());
}

/// A paraphrase of a talking point: the rubric says "copies", "machines", "outage" in other words.
#[test]
fn paraphrased_answer_scores_at_least_as_high_with_the_model() {
    let mut with = Engine::new();
    with.load_embeddings(&asset()).expect("asset loads");
    let without = Engine::new();
    let mut raised = 0;
    let mut items = 0;
    for (question, answer, reference) in [
        (
            "How do you keep a service running when a server dies?",
            "We keep duplicates of every component on separate hosts, so when one host crashes the traffic is redirected to a healthy duplicate and users notice no interruption.",
            "Run redundant replicas on different machines and fail over automatically to a healthy replica, so an outage of one machine causes no downtime.",
        ),
        (
            "How would you make a slow page faster?",
            "First I would measure where the delay comes from, then store frequently requested results in memory so repeated lookups skip the expensive computation.",
            "Profile to find the bottleneck in latency, then cache hot results so repeated requests avoid costly work.",
        ),
        (
            "What is a database index?",
            "It is an ordered search structure so a query can locate records fast without reading the entire table.",
            "An index is a sorted lookup structure that lets queries find rows quickly without scanning the whole table.",
        ),
    ] {
        let req = ScoreRequest { question: question.into(), answer: answer.into(), reference: Some(reference.into()), ..Default::default() };
        let a = with.score(&req).expect("scores");
        let b = without.score(&req).expect("scores");
        assert!(a.score >= b.score, "{question}: {} with the model < {} without", a.score, b.score);
        raised += usize::from(a.score > b.score);
        items += 1;
    }
    assert!(raised >= 1, "the model raised none of {items} paraphrases");
}

/// An output graded with the model says so in its `engine` field (the same answer can score
/// differently with it); without the model the field is the plain engine version.
#[test]
fn outputs_name_the_model_that_took_part() {
    let mut with = Engine::new();
    with.load_embeddings(&asset()).expect("asset loads");
    let without = Engine::new();
    let req = ScoreRequest {
        question: "How do you keep a service running when a server dies?".into(),
        answer: "Replicas on separate hosts take over when one host crashes.".into(),
        ..Default::default()
    };
    let plain = without.score(&req).expect("scores");
    assert_eq!(plain.engine, rubricate::ENGINE_VERSION);
    let a = with.score(&req).expect("scores");
    let label = format!("{} +embeddings ", rubricate::ENGINE_VERSION);
    assert!(a.engine.starts_with(&label) && a.engine.len() == label.len() + 16, "{}", a.engine);
    let transcript = "Interviewer: How do you keep a service running when a server dies?\nCandidate: Replicas on separate hosts take over when one host crashes.\n";
    let r = with.report(transcript, None, None).expect("reports");
    assert_eq!(r.engine, a.engine);
    assert!(r.candidates.iter().flat_map(|c| &c.questions).all(|q| q.scored.engine == a.engine));
    assert_eq!(without.report(transcript, None, None).expect("reports").engine, rubricate::ENGINE_VERSION);
}

/// The development set's paraphrased answers score higher on average with the model, and loading it
/// with the feature off changes nothing.
#[test]
fn devset_paraphrases_gain_on_average() {
    let mut with = Engine::new();
    with.load_embeddings(&asset()).expect("asset loads");
    let without = Engine::new();
    let (mut sum_with, mut sum_without, mut n) = (0.0, 0.0, 0);
    for path in devset_files() {
        let text = std::fs::read_to_string(&path).expect("devset file");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("devset line");
            if v["category"] != "paraphrase" {
                continue;
            }
            let req = ScoreRequest {
                question: v["question"].as_str().unwrap_or_default().into(),
                answer: v["answer"].as_str().unwrap_or_default().into(),
                rubric: v["rubric"].as_str().map(str::to_string),
                ..Default::default()
            };
            sum_with += with.score(&req).expect("scores").score;
            sum_without += without.score(&req).expect("scores").score;
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} paraphrases found");
    assert!(
        sum_with >= sum_without,
        "mean {} with the model < {} without",
        sum_with / n as f64,
        sum_without / n as f64
    );
}

fn devset_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/devset"))
        .expect("tests/devset")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

#[test]
fn sha256_known_answer() {
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/// `--embeddings PATH` on the CLI: a good asset is used, a bad one is exit 2 with one clear line.
#[test]
fn cli_embeddings_flag() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rubricate"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the CLI runs");
        child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
        child.wait_with_output().expect("the CLI finishes")
    };
    let asset_path = root().join(ASSET);
    let asset_path = asset_path.to_str().expect("a UTF-8 path");
    let answer = "We keep duplicates of every component on separate hosts so a crash goes unnoticed.";
    let ok = run(&["score", "--question", "How do you keep a service up?", "--embeddings", asset_path], answer);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("JSON out");
    assert!(v["score"].is_number());

    let bad = std::env::temp_dir().join(format!("rubricate-bad-embeddings-{}.rbem", std::process::id()));
    std::fs::write(&bad, &asset()[..1000]).expect("write a truncated copy");
    let out = run(&["batch", "--embeddings", bad.to_str().expect("UTF-8")], "");
    let _ = std::fs::remove_file(&bad);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("truncated"), "{err}");
}
