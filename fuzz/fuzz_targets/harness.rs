//! The bodies of the fuzz targets, shared with `tests/limits.rs` (which includes this file with
//! `#[path]` and replays every input in `tests/fixtures/regressions/` through the same code).
//!
//! Each `run_*` function takes the raw fuzz input and panics only on a finding: a panic inside the
//! engine, or an output that breaks the contract (scores outside 0–5, evidence that is not a slice
//! of the answer, markup leaking into HTML, …).
#![allow(dead_code)]

use rubricate::{render, Engine, Format, ScoreRequest, ScoredAnswer};
use std::sync::OnceLock;

/// Separates question, answer and reference in a `score` input (the ASCII unit separator).
pub const FIELD_SEPARATOR: char = '\u{1f}';

/// The answer graded against every rubric `rubric_validate` accepts.
const PROBE_ANSWER: &str =
    "I would replicate the database across two zones, put a load balancer with health checks in \
front, and test failover every month because an untested failover usually fails.";

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

/// The ids of the loaded rubrics, in the engine's order.
pub fn rubric_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| engine().rubrics().into_iter().map(|r| r.id).collect())
}

/// A bundled rubric id picked by the input (so the fuzzer can steer towards each of them).
fn pick_rubric(data: &[u8]) -> Option<&'static str> {
    let ids = rubric_ids();
    let h = data.iter().fold(data.len(), |h, &b| h.wrapping_mul(31).wrapping_add(b as usize));
    (!ids.is_empty()).then(|| ids[h % ids.len()].as_str())
}

/// Panics when a scored answer breaks the contract.
pub fn check_scored(answer: &str, s: &ScoredAnswer) {
    assert!(s.score.is_finite() && (0.0..=5.0).contains(&s.score), "score out of range: {}", s.score);
    assert!(s.relevance.is_finite() && (0.0..=1.0).contains(&s.relevance), "relevance out of range: {}", s.relevance);
    assert_eq!(s.grade, (s.score + 0.5).floor() as u8, "grade {} is not score {} rounded half up", s.grade, s.score);
    for (name, v) in &s.signals {
        assert!(v.is_finite() && (0.0..=1.0).contains(v), "signal {} out of range: {}", name, v);
    }
    for e in &s.evidence {
        assert!(
            e.start <= e.end && e.end <= answer.len(),
            "evidence {}..{} outside the answer ({} bytes)",
            e.start,
            e.end,
            answer.len()
        );
        assert!(
            answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end),
            "evidence {}..{} not on char boundaries",
            e.start,
            e.end
        );
        assert_eq!(&answer[e.start..e.end], e.text, "evidence text differs from its slice");
    }
    if s.insufficient {
        assert_eq!(s.score, 0.0, "an insufficient answer must score 0");
    }
    serde_json::to_string(s).expect("a scored answer serialises");
}

/// `transcript_parse`: valid UTF-8 → the transcript parser; deterministic, exchanges numbered 1, 2, 3, …
pub fn transcript_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let interview = rubricate::transcript::parse(text);
    for c in &interview.candidates {
        for (i, x) in c.exchanges.iter().enumerate() {
            assert_eq!(x.number, i + 1, "exchange numbers must run 1, 2, 3, …");
        }
    }
    assert_eq!(interview, rubricate::transcript::parse(text), "parsing is not deterministic");
}

/// `score`: `question \x1f answer \x1f reference` graded against the question alone, the reference
/// (when given) and a bundled rubric picked by the input.
pub fn score(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, FIELD_SEPARATOR);
    let question = parts.next().unwrap_or("").to_string();
    let answer = parts.next().unwrap_or("").to_string();
    let reference = parts.next().map(str::to_string);
    let engine = engine();

    let bare = ScoreRequest { question, answer: answer.clone(), ..Default::default() };
    if let Ok(s) = engine.score(&bare) {
        check_scored(&answer, &s);
    }
    if reference.is_some() {
        let with_reference = ScoreRequest { reference: reference.clone(), ..bare.clone() };
        if let Ok(s) = engine.score(&with_reference) {
            check_scored(&answer, &s);
        }
    }
    if let Some(id) = pick_rubric(data) {
        let named = ScoreRequest { rubric: Some(id.to_string()), reference, ..bare };
        if let Ok(s) = engine.score(&named) {
            check_scored(&answer, &s);
            assert!(s.rubric.is_some(), "an answer graded against a named rubric must name it");
        }
    }
}

/// `rubric_validate`: valid UTF-8 → `Engine::add_rubric_json`. Every error lists problems with JSON
/// paths; a rubric that is accepted must grade an answer to each of its questions within the contract.
pub fn rubric_validate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut engine = engine().clone();
    match engine.add_rubric_json(text) {
        Err(e) => {
            assert!(!e.problems.is_empty(), "a rubric error must list a problem");
            for p in &e.problems {
                assert!(p.path.starts_with('$'), "problem path {:?} is not a JSON path", p.path);
                assert!(!p.problem.is_empty(), "a problem must say what is wrong");
            }
        }
        Ok(summary) => {
            for q in &summary.questions {
                let req = ScoreRequest {
                    question: q.text.clone(),
                    answer: PROBE_ANSWER.to_string(),
                    rubric: Some(format!("{}/{}", summary.id, q.id)),
                    ..Default::default()
                };
                match engine.score(&req) {
                    Ok(s) => check_scored(PROBE_ANSWER, &s),
                    Err(e) => panic!("an accepted rubric cannot grade its question {}: {}", q.id, e),
                }
            }
        }
    }
}

/// `report`: valid UTF-8 → `Engine::report` (bare, with a question, with a bundled rubric) → every
/// rendering. The JSON rendering must be JSON; the HTML rendering must not pass markup through.
pub fn report(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = engine();
    for (rubric, question) in [(None, None), (None, Some("Tell me about yourself.")), (pick_rubric(data), None)] {
        let Ok(report) = engine.report(text, rubric, question) else { continue };
        for c in &report.candidates {
            assert!(
                c.overall.score.is_finite() && (0.0..=5.0).contains(&c.overall.score),
                "overall score {}",
                c.overall.score
            );
            for q in &c.questions {
                check_scored(&q.answer, &q.scored);
            }
        }
        for format in [Format::Json, Format::Markdown, Format::Text, Format::Html] {
            let out = render(&report, format);
            match format {
                Format::Json => {
                    serde_json::from_str::<serde_json::Value>(&out).expect("the JSON rendering is JSON");
                }
                Format::Html => {
                    let lower = out.to_ascii_lowercase();
                    for tag in ["<script", "<img", "<iframe", "<svg", "<object"] {
                        assert!(!lower.contains(tag), "{} from the input reached the HTML unescaped", tag);
                    }
                }
                _ => {}
            }
        }
    }
}

/// `rubric_convert`: the first byte picks the source format (Rubricate, Canvas, Prometheus), the
/// rest is the JSON. Errors list problems with JSON paths; an imported rubric must pass the
/// validator, grade an answer, export to every format, and import again from each export.
pub fn rubric_convert(data: &[u8]) {
    use rubricate::rubric::interop::{self, Format as RubricFormat};
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let formats = [RubricFormat::Rubricate, RubricFormat::Canvas, RubricFormat::Prometheus];
    // Selector 3 (mod 4): the format is detected, as `convert --from auto` and the page do.
    let detected = interop::detect(text);
    let from = match (selector % 4, &detected) {
        (3, Ok(f)) => *f,
        (3, Err(e)) => {
            assert!(
                !e.problems.is_empty() && e.problems.iter().all(|p| p.path.starts_with('$')),
                "a detection error must name a place"
            );
            return;
        }
        (n, _) => formats[n as usize],
    };
    let rubric = match interop::import(from, text) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.problems.is_empty(), "an import error must list a problem");
            for p in &e.problems {
                assert!(p.path.starts_with('$'), "problem path {:?} is not a JSON path", p.path);
                assert!(!p.problem.is_empty(), "a problem must say what is wrong");
            }
            return;
        }
    };
    let json = serde_json::to_string(&rubric).expect("an imported rubric serialises");
    let revalidated = rubricate::rubric::parse_and_validate(&json)
        .unwrap_or_else(|e| panic!("a rubric imported from {} does not pass the validator: {}", from.name(), e));
    assert_eq!(revalidated, rubric, "an imported rubric changes when validated again");
    rubric_validate(json.as_bytes());
    for to in formats {
        let exported = interop::export(to, &rubric).to_string();
        if let Err(e) = interop::import(to, &exported) {
            panic!("{} → {} export cannot be imported again: {}", from.name(), to.name(), e);
        }
        assert_eq!(
            interop::detect(&exported).ok(),
            Some(to),
            "a {} export is not detected as {}",
            to.name(),
            to.name()
        );
        interop::convert(from, to, text).expect("convert agrees with import + export");
    }
}

/// `rubric_packs`: any bytes given as the rubric pack asset (what the npm package's `init()` fetches
/// and hands to `installRubricPacks`): an error naming a record, or installed rubrics that are valid
/// and score an answer; never a panic.
pub fn rubric_packs(data: &[u8]) {
    match rubricate::install_rubric_packs(data) {
        Ok(n) => {
            let rubrics = rubricate::rubric::bundled::rubrics();
            assert_eq!(rubrics.len(), n, "install reports the number of rubrics installed");
            for r in rubrics.iter() {
                let json = serde_json::to_string(r).expect("an installed rubric serialises");
                let _ = rubricate::rubric::parse_and_validate(&json);
            }
            let engine = Engine::new();
            if let Some(r) = rubrics.first() {
                let req = rubricate::ScoreRequest {
                    question: "Why?".into(),
                    answer: "Because the replicas lag behind the primary under load.".into(),
                    rubric: Some(r.id.clone()),
                    ..Default::default()
                };
                if let Ok(s) = engine.score(&req) {
                    check_scored(&req.answer, &s);
                }
            }
        }
        Err(e) => {
            assert!(!e.problems.is_empty(), "a refused asset must say why");
            assert!(e.problems.iter().all(|p| p.path == "$" || p.path.starts_with("record ")), "{e}");
        }
    }
}
