//! The bundled rubrics' own tests: every example answer in every pack is graded against its
//! question and must land in the example's [min, max] range; and every pack must validate.

use rubricate::rubric::bundled;
use rubricate::{Engine, ScoreRequest};

/// How many rubric packs the project ships at least (issue 17: 30 roles' question bank), and how many
/// questions they hold at least (issue 17: 250).
const EXPECTED_PACKS: usize = 30;
const EXPECTED_QUESTIONS: usize = 250;

#[test]
fn every_example_scores_within_its_range() {
    let engine = Engine::new();
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for summary in engine.rubrics() {
        let rubric = engine.rubric(&summary.id).expect("listed rubrics can be looked up");
        for q in &rubric.questions {
            for (i, example) in q.examples.iter().enumerate() {
                checked += 1;
                let request = ScoreRequest {
                    question: q.text.clone(),
                    answer: example.answer.clone(),
                    rubric: Some(format!("{}/{}", rubric.id, q.id)),
                    ..ScoreRequest::default()
                };
                let place = format!("{}/{} examples[{}] ({})", rubric.id, q.id, i, example.label);
                match engine.score(&request) {
                    Ok(scored) if scored.score >= example.min && scored.score <= example.max => {}
                    Ok(scored) => failures.push(format!(
                        "{}: scored {:.1}, expected {}..={} (covered {:?}; flags {:?})",
                        place, scored.score, example.min, example.max, scored.covered, scored.flags
                    )),
                    Err(e) => failures.push(format!("{}: could not be graded: {}", place, e)),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rubric examples score outside their range:\n  {}",
        failures.len(),
        checked,
        failures.join("\n  ")
    );
}

#[test]
fn every_bundled_rubric_passes_validation() {
    let loaded = bundled::load_all();
    let failures: Vec<String> = loaded
        .iter()
        .filter_map(|(name, r)| r.as_ref().err().map(|e| format!("rubrics/{}.json: {}", name, e)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // and every one that validates is loaded by the engine, under its own id
    let engine = Engine::new();
    for (name, _) in &loaded {
        assert!(engine.rubric(name).is_some(), "rubrics/{}.json is not loaded under the id {}", name, name);
    }
}

#[test]
fn every_bundled_question_has_a_weak_and_a_strong_example() {
    let engine = Engine::new();
    let mut missing = Vec::new();
    for summary in engine.rubrics() {
        let Some(rubric) = engine.rubric(&summary.id) else { continue };
        for q in &rubric.questions {
            for label in ["weak", "strong"] {
                if !q.examples.iter().any(|e| e.label == label) {
                    missing.push(format!("{}/{}: no {} example", rubric.id, q.id, label));
                }
            }
        }
    }
    assert!(missing.is_empty(), "rubrics/FORMAT.md asks for both on every question:\n  {}", missing.join("\n  "));
}

#[test]
fn the_question_bank_covers_thirty_roles_and_250_questions() {
    let engine = Engine::new();
    let ids: Vec<String> = engine.rubrics().into_iter().map(|r| r.id).collect();
    assert!(ids.len() >= EXPECTED_PACKS, "only {} bundled rubrics: {:?}", ids.len(), ids);
    let questions: usize = engine.rubrics().iter().map(|r| r.questions.len()).sum();
    assert!(questions >= EXPECTED_QUESTIONS, "only {questions} bundled questions");
    let roles: std::collections::BTreeSet<String> = engine.rubrics().into_iter().map(|r| r.role).collect();
    assert!(roles.len() >= EXPECTED_PACKS, "only {} roles: {:?}", roles.len(), roles);
    for id in bundled::EXPECTED.split(' ') {
        assert!(ids.iter().any(|i| i == id), "rubric {} is not bundled", id);
    }
}

/// Every misconception of every bundled question is its own test, as examples are: its `claim`,
/// said as an answer, states it (at least one wording finds it), and neither the question's model
/// answer nor its strong or exceptional examples state any misconception (a wording that a correct
/// answer contains would take points from right answers).
#[test]
fn every_misconception_finds_its_claim_and_spares_correct_answers() {
    let engine = Engine::new();
    let mut failures = Vec::new();
    for summary in engine.rubrics() {
        let rubric = engine.rubric(&summary.id).expect("listed rubrics can be looked up");
        for q in &rubric.questions {
            let grade = |answer: &str| {
                let request = ScoreRequest {
                    question: q.text.clone(),
                    answer: answer.to_string(),
                    rubric: Some(format!("{}/{}", rubric.id, q.id)),
                    ..ScoreRequest::default()
                };
                engine.score(&request).map(|s| s.misconceptions).unwrap_or_default()
            };
            for m in &q.misconceptions {
                if !grade(&m.claim).iter().any(|f| f.id == m.id) {
                    failures.push(format!(
                        "{}/{} misconception {}: its claim {:?} is not found",
                        rubric.id, q.id, m.id, m.claim
                    ));
                }
            }
            let correct = std::iter::once(("reference", q.reference.as_str())).chain(
                q.examples
                    .iter()
                    .filter(|e| matches!(e.label.as_str(), "strong" | "exceptional"))
                    .map(|e| (e.label.as_str(), e.answer.as_str())),
            );
            for (label, answer) in correct {
                for f in grade(answer) {
                    failures.push(format!(
                        "{}/{} {}: states misconception {} in {:?}",
                        rubric.id, q.id, label, f.id, f.text
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
