//! Building a report: parse the transcript, grade every exchange, and sum each candidate up into an
//! overall score and a recommendation.

use super::hr::hr_report;
use super::policy::{overall, GRADING_ERROR_FLAG};
use super::types::*;
use crate::catalogue::RubricSet;
use crate::score::{BasisKind, Flag, Grading, Mode, ScoreRequest, ScoredAnswer};
use crate::transcript::{self, classify, Interview, QuestionKind, TranscriptFormat};
use crate::{InputError, MAX_INPUT_BYTES};
use std::collections::BTreeMap;

/// Parses `text`, grades each exchange and builds the report.
///
/// `rubric` (an id, or `id/question-id`) is used for every answer; `question` is the question of a
/// plain, unmarked answer (and of any exchange whose question is missing).
pub fn build_from_text(
    rubrics: &RubricSet,
    text: &str,
    rubric: Option<&str>,
    question: Option<&str>,
    grading: &Grading<'_>,
) -> Result<Report, InputError> {
    // A byte-order mark alone (U+FEFF, which `trim` keeps) is an empty transcript too.
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::new("transcript", "the transcript is empty"));
    }
    // Over the size limit, or binary (a NUL byte, mostly control characters): refused unread.
    crate::input::check_text_limited(text, "transcript", MAX_INPUT_BYTES)?;
    let rubric = rubric.map(str::trim).filter(|r| !r.is_empty());
    if let Some(name) = rubric {
        rubrics.resolve_name(name)?;
    }
    let question = question.map(str::trim).filter(|q| !q.is_empty());
    let interview = transcript::parse(text);
    if interview.format == TranscriptFormat::Plain && question.is_none() && rubric.is_none() {
        return Err(InputError::new(
            "question",
            "the transcript is a plain answer with no question in it; give the question it answers (or a rubric)",
        ));
    }
    if interview.candidates.iter().all(|c| c.exchanges.is_empty()) {
        return Err(InputError::new("transcript", "no question and answer could be found in the transcript"));
    }
    // Questions matched to a pack that is only in the index: the report would be wrong without
    // them, so the error names every such pack, for the caller to load them and ask again.
    let mut not_loaded: Vec<String> = Vec::new();
    let report = build_report(&interview, question, rubric, grading, |req| {
        let graded = crate::catalogue::grade_request(rubrics, req, grading);
        if let Err(e) = &graded {
            if let Some(ids) = e.problem.strip_prefix(crate::catalogue::NOT_LOADED) {
                let id = ids.split(' ').next().unwrap_or_default().to_string();
                if !not_loaded.contains(&id) {
                    not_loaded.push(id);
                }
            }
        }
        graded
    });
    if !not_loaded.is_empty() {
        return Err(crate::catalogue::not_loaded(&not_loaded.join(",")));
    }
    Ok(report)
}

/// Builds the report of a parsed interview with the given grading function, which grades in the
/// `grading` context (the report's `engine` field names it). An exchange that cannot be graded gets
/// an insufficient scored answer that says why; the report is still built.
pub fn build_report(
    interview: &Interview,
    question: Option<&str>,
    rubric: Option<&str>,
    grading: &Grading<'_>,
    mut grade: impl FnMut(&ScoreRequest) -> Result<ScoredAnswer, InputError>,
) -> Report {
    let engine = grading.engine_label();
    let candidates = interview
        .candidates
        .iter()
        .map(|c| {
            let questions = c
                .exchanges
                .iter()
                .map(|ex| {
                    let (q, kind) = if ex.question.trim().is_empty() {
                        let q = question.unwrap_or("").to_string();
                        let kind = classify(&q);
                        (q, kind)
                    } else {
                        (ex.question.clone(), ex.kind)
                    };
                    let req = ScoreRequest {
                        question: q.clone(),
                        answer: ex.answer.clone(),
                        rubric: rubric.map(String::from),
                        ..Default::default()
                    };
                    let scored = if kind.is_graded() {
                        grade(&req).unwrap_or_else(|e| ungraded(&ex.answer, &e, &engine))
                    } else {
                        not_graded(kind, &engine)
                    };
                    QuestionReport { number: ex.number, kind, question: q, answer: ex.answer.clone(), scored }
                })
                .collect();
            candidate_report(c.name.clone(), c.position.clone(), questions)
        })
        .collect();
    Report { engine, candidates }
}

/// One candidate's report from their graded questions.
pub fn candidate_report(
    name: Option<String>,
    position: Option<String>,
    questions: Vec<QuestionReport>,
) -> CandidateReport {
    let overall = overall(&questions);
    let hr = hr_report(name.as_deref(), position.as_deref(), &questions, &overall);
    CandidateReport { name, position, questions, overall, hr }
}

/// The entry of an exchange that is part of every interview but not of the evaluation: small talk,
/// logistics, the closing. Shown, with a score of 0 that nothing counts (`not-graded`).
fn not_graded(kind: QuestionKind, engine: &str) -> ScoredAnswer {
    let what = match kind {
        QuestionKind::SmallTalk => "small talk",
        QuestionKind::Logistics => "logistics",
        _ => "the closing of the interview",
    };
    unscored(format!("Not graded: {what} is not part of the evaluation."), Flag::NotGraded, false, false, engine)
}

/// The scored answer given to an exchange the scorer refused (`engine`: the report's engine label).
fn ungraded(answer: &str, err: &InputError, engine: &str) -> ScoredAnswer {
    if answer.trim().is_empty() {
        unscored("No answer was given to this question.".to_string(), Flag::NonAnswer, true, true, engine)
    } else {
        unscored(format!("This answer could not be graded: {err}."), GRADING_ERROR_FLAG, false, true, engine)
    }
}

/// A report entry the engine gave no score: 0, no evidence or signals, the reason and one flag.
fn unscored(justification: String, flag: Flag, struggled: bool, insufficient: bool, engine: &str) -> ScoredAnswer {
    ScoredAnswer {
        id: None,
        score: 0.0,
        grade: 0,
        relevance: 0.0,
        struggled,
        insufficient,
        justification,
        evidence: Vec::new(),
        covered: Vec::new(),
        missing: Vec::new(),
        misconceptions: Vec::new(),
        next_step: None,
        signals: BTreeMap::new(),
        rubric: None,
        basis: BasisKind::None,
        flags: vec![flag],
        engine: engine.to_string(),
        mode: Mode::Default,
    }
}

#[cfg(test)]
mod tests {
    use super::super::policy::*;
    use super::super::testing::{question, scored};
    use super::*;
    use crate::transcript::{parse, QuestionKind};

    #[test]
    fn thresholds() {
        assert_eq!(recommend(3.5, 3, 0, false), Recommendation::Advance);
        assert_eq!(recommend(3.4, 3, 0, false), Recommendation::Hold);
        assert_eq!(recommend(4.8, 3, 0, true), Recommendation::Hold);
        assert_eq!(recommend(2.5, 3, 0, false), Recommendation::Hold);
        assert_eq!(recommend(2.4, 3, 0, false), Recommendation::Decline);
        assert_eq!(recommend(4.0, 4, 3, false), Recommendation::Decline);
        assert_eq!(recommend(4.0, 4, 2, false), Recommendation::Advance);
        assert_eq!(recommend(0.0, 0, 0, false), Recommendation::Hold);
    }

    #[test]
    fn overall_counts_core_kinds_only() {
        let qs = vec![
            question(1, QuestionKind::Introduction, scored(1.0, false)),
            question(2, QuestionKind::Technical, scored(4.0, false)),
            question(3, QuestionKind::Project, scored(3.5, false)),
            question(4, QuestionKind::Closing, scored(0.0, true)),
        ];
        let o = overall(&qs);
        assert_eq!(o.graded, 2);
        assert!((o.score - 3.8).abs() < 1e-9, "{}", o.score);
        assert_eq!(o.recommendation, Recommendation::Advance);
    }

    #[test]
    fn overall_falls_back_to_other_kinds() {
        let qs = vec![
            question(1, QuestionKind::Other, scored(2.0, false)),
            question(2, QuestionKind::Closing, scored(3.0, false)),
        ];
        let o = overall(&qs);
        assert_eq!(o.graded, 2);
        assert!((o.score - 2.5).abs() < 1e-9);
        assert_eq!(o.recommendation, Recommendation::Hold);
    }

    #[test]
    fn grading_errors_are_left_out() {
        let err = ungraded("some answer", &InputError::new("", "boom"), crate::ENGINE_VERSION);
        assert!(err.insufficient && !err.struggled);
        assert!(err.justification.contains("boom"));
        let qs =
            vec![question(1, QuestionKind::Technical, err), question(2, QuestionKind::Technical, scored(4.0, false))];
        let o = overall(&qs);
        assert_eq!(o.graded, 1);
        assert_eq!(o.score, 4.0);
        let none = ungraded("  ", &InputError::new("", "boom"), crate::ENGINE_VERSION);
        assert!(none.struggled && none.flags == vec![Flag::NonAnswer]);
    }

    #[test]
    fn nothing_graded_is_hold() {
        let qs =
            vec![question(1, QuestionKind::Technical, ungraded("x", &InputError::new("", "e"), crate::ENGINE_VERSION))];
        let o = overall(&qs);
        assert_eq!((o.graded, o.score, o.recommendation), (0, 0.0, Recommendation::Hold));
    }

    #[test]
    fn critical_gap_holds_and_struggle_declines() {
        let qs = vec![
            question(1, QuestionKind::Technical, scored(5.0, false)),
            question(2, QuestionKind::Technical, scored(5.0, false)),
            question(3, QuestionKind::Technical, scored(1.0, false)),
        ];
        assert_eq!(overall(&qs).recommendation, Recommendation::Hold);
        let qs = vec![
            question(1, QuestionKind::Technical, scored(3.0, true)),
            question(2, QuestionKind::Technical, scored(3.0, true)),
            question(3, QuestionKind::Technical, scored(3.0, false)),
        ];
        assert_eq!(overall(&qs).recommendation, Recommendation::Decline);
    }

    #[test]
    fn build_report_uses_the_grader_and_survives_failures() {
        let iv = parse("Interviewer: What is a queue?\nCandidate: FIFO.\nInterviewer: Explain backpressure.\nCandidate: Slow down producers.\n");
        let mut seen = Vec::new();
        let r = build_report(&iv, None, Some("x"), &Grading::default(), |req| {
            seen.push((req.question.clone(), req.answer.clone(), req.rubric.clone()));
            if req.answer == "FIFO." {
                Err(InputError::new("", "scorer offline"))
            } else {
                Ok(scored(3.0, false))
            }
        });
        assert_eq!(r.engine, crate::ENGINE_VERSION);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0], ("What is a queue?".to_string(), "FIFO.".to_string(), Some("x".to_string())));
        let c = &r.candidates[0];
        assert!(c.questions[0].scored.insufficient);
        assert!(c.questions[0].scored.justification.contains("scorer offline"));
        assert_eq!(c.overall.graded, 1);
    }

    #[test]
    fn plain_answers_take_the_given_question() {
        let iv = parse("Retry with jittered backoff.");
        let r = build_report(&iv, Some("How would you handle a flaky dependency?"), None, &Grading::default(), |req| {
            assert_eq!(req.question, "How would you handle a flaky dependency?");
            Ok(scored(4.0, false))
        });
        assert_eq!(r.candidates[0].questions[0].kind, QuestionKind::Technical);
        assert_eq!(r.candidates[0].questions[0].question, "How would you handle a flaky dependency?");
    }

    #[test]
    fn input_errors() {
        let rubrics = RubricSet::default();
        let e = build_from_text(&rubrics, " \n\t ", None, None, &Grading::default()).unwrap_err();
        assert_eq!(e.location, "transcript");
        let e = build_from_text(&rubrics, "Just an answer.", None, None, &Grading::default()).unwrap_err();
        assert_eq!(e.location, "question");
        assert!(e.problem.contains("question"));
        let e = build_from_text(&rubrics, "Q1: What?\nA1: This.", Some("no-such-rubric"), None, &Grading::default())
            .unwrap_err();
        assert_eq!(e.location, "rubric");
        let big = "a ".repeat(MAX_INPUT_BYTES);
        assert_eq!(
            build_from_text(&rubrics, &big, None, Some("q"), &Grading::default()).unwrap_err().location,
            "transcript"
        );
        let e = build_from_text(&rubrics, "Relevance Score: 0.5\n[STRUGGLED]\n", None, Some("q"), &Grading::default())
            .unwrap_err();
        assert!(e.problem.contains("no question and answer"), "{e}");
    }

    #[test]
    fn build_from_text_reports_every_exchange() {
        let rubrics = RubricSet::default();
        let r = build_from_text(
            &rubrics,
            "Q1: What is DNS?\nA1: Name resolution.\nQ2: Explain TTLs.\nA2:\n",
            None,
            None,
            &Grading::default(),
        )
        .unwrap();
        assert_eq!(r.candidates.len(), 1);
        let qs = &r.candidates[0].questions;
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[1].answer, "");
        for q in qs {
            assert!((0.0..=5.0).contains(&q.scored.score));
            assert!(!q.scored.engine.is_empty());
        }
    }
}
