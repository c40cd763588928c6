//! The HR summary of one candidate, written only from the graded evidence: suitability, strengths,
//! gaps, skills mentioned, communication, and the recommendation with its reason.

use super::policy::{
    counted, is_grading_error, is_not_graded, safe_score, ADVANCE_MIN_SCORE, CRITICAL_GAP_MAX_GRADE,
    DECLINE_BELOW_SCORE, STRUGGLED_SHARE_DECLINE,
};
use super::types::*;
use crate::number::fixed;
use crate::score::{Flag, Signal};
use crate::text::excerpt::first_words;
use crate::text::skills::find_skills;

/// At or above this overall score suitability is called a strong match (between "good" and "excellent").
const STRONG_MATCH_MIN_SCORE: f64 = 4.0;

/// A question is listed as a strength only at or above this score: praise has to be earned.
const STRENGTH_MIN_SCORE: f64 = ADVANCE_MIN_SCORE;

/// Most strengths listed.
const MAX_STRENGTHS: usize = 3;

/// A question below this score is listed among the gaps ("adequate" is 3).
const GAP_BELOW_SCORE: f64 = 3.0;

/// Most talking points quoted per strength or gap, and most words quoted from each.
const MAX_POINTS_QUOTED: usize = 3;
const MAX_WORDS_QUOTED: usize = 6;
/// Most words kept from the scorer's suggested next step.
const MAX_WORDS_NEXT_STEP: usize = 20;
/// Most words quoted from evidence or a question when no talking point is available.
const MAX_WORDS_EXCERPT: usize = 10;

/// Average answer length bands, in words: under 40 is brief, under 120 moderate, up to 400 developed.
const BRIEF_ANSWER_WORDS: f64 = 40.0;
const MODERATE_ANSWER_WORDS: f64 = 120.0;
const LONG_ANSWER_WORDS: f64 = 400.0;

/// Bands of the 0–1 `structure` and `fluency` signals.
const SIGNAL_HIGH: f64 = 0.65;
const SIGNAL_MID: f64 = 0.4;

/// Flags of an answer whose mentions of technologies do not count as skills shown.
const DISOWNING_FLAGS: &[Flag] = &[Flag::AdmitsUnfamiliarity, Flag::NonAnswer];

/// Evidence labels (prefixes) that support an answer rather than count against it.
const SUPPORTING_EVIDENCE: &str = "specific star";

/// Flags that show struggling, with how they are described.
const STRUGGLE_FLAGS: &[(Flag, &str)] = &[
    (Flag::Hedging, "hedging"),
    (Flag::AdmitsUnfamiliarity, "admitted unfamiliarity"),
    (Flag::Deflection, "deflection"),
    (Flag::NonAnswer, "no real answer"),
];

pub(crate) fn hr_report(
    name: Option<&str>,
    position: Option<&str>,
    questions: &[QuestionReport],
    overall: &Overall,
) -> HrReport {
    let idx = counted(questions);
    HrReport {
        suitability: suitability(name, position, questions, overall),
        strengths: strengths(questions, &idx),
        gaps: gaps(questions, &idx),
        skills: skills(questions),
        communication: communication(questions),
        recommendation: recommendation(questions, &idx, overall),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn kind_label(q: &QuestionReport) -> &'static str {
    q.kind.as_str()
}

fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> =
        items.iter().take(MAX_POINTS_QUOTED).map(|p| format!("\"{}\"", first_words(p, MAX_WORDS_QUOTED))).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn suitability(name: Option<&str>, position: Option<&str>, questions: &[QuestionReport], overall: &Overall) -> String {
    let who = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or("The candidate");
    let role = match position.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => format!("for the {p} position"),
        None => "for this role".to_string(),
    };
    let errors = questions.iter().filter(|q| is_grading_error(q)).count();
    if questions.is_empty() {
        return format!("{who} has no answers in this transcript, so suitability {role} cannot be judged.");
    }
    if overall.graded == 0 {
        return format!(
            "No answer from {who} could be graded, so suitability {role} cannot be judged from this transcript."
        );
    }
    let band = if overall.score >= STRONG_MATCH_MIN_SCORE {
        "a strong match on this evidence"
    } else if overall.score >= ADVANCE_MIN_SCORE {
        "a good match on this evidence"
    } else if overall.score >= DECLINE_BELOW_SCORE {
        "a partial match, with gaps worth probing"
    } else {
        "not a match on this evidence"
    };
    let mut s = format!(
        "{who} averaged {}/5 over {} {role}: {band}.",
        fixed(overall.score, 1),
        plural(overall.graded, "graded question", "graded questions")
    );
    if errors > 0 {
        s.push_str(&format!(
            " {} could not be graded and {} left out.",
            plural(errors, "answer", "answers"),
            if errors == 1 { "is" } else { "are" }
        ));
    }
    s
}

fn strengths(questions: &[QuestionReport], idx: &[usize]) -> Vec<String> {
    let mut best: Vec<&QuestionReport> = idx
        .iter()
        .filter_map(|&i| questions.get(i))
        .filter(|q| !q.scored.insufficient && safe_score(q.scored.score) >= STRENGTH_MIN_SCORE)
        .collect();
    crate::sort::sort_by(&mut best, |a, b| {
        safe_score(b.scored.score).total_cmp(&safe_score(a.scored.score)).then(a.number.cmp(&b.number))
    });
    best.into_iter()
        .take(MAX_STRENGTHS)
        .map(|q| {
            let head = format!("Q{} ({}, {}/5)", q.number, kind_label(q), fixed(safe_score(q.scored.score), 1));
            let specifics = supporting_quotes(q);
            if !q.scored.covered.is_empty() {
                format!("{head}: covered {}", quote_list(&q.scored.covered))
            } else if !specifics.is_empty() {
                format!("{head}: gave specifics such as {}", quote_list(&specifics))
            } else {
                format!("{head} on \"{}\"", first_words(&q.question, MAX_WORDS_EXCERPT))
            }
        })
        .collect()
}

/// Evidence that speaks for an answer (named specifics, parts of a STAR story), as quoted from it,
/// distinct, in answer order. Struggle cues and negated points are left out.
fn supporting_quotes(q: &QuestionReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &q.scored.evidence {
        let p = e.point.to_ascii_lowercase();
        let supportive = SUPPORTING_EVIDENCE.split(' ').any(|s| p.starts_with(s));
        let text = e.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if supportive && !text.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&text)) {
            out.push(text);
        }
    }
    out
}

fn struggle_words(q: &QuestionReport) -> Vec<&'static str> {
    STRUGGLE_FLAGS.iter().filter(|(f, _)| q.scored.flags.iter().any(|g| g == f)).map(|(_, d)| *d).collect()
}

fn gaps(questions: &[QuestionReport], idx: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for q in idx.iter().filter_map(|&i| questions.get(i)) {
        let s = &q.scored;
        let score = safe_score(s.score);
        let critical = s.grade <= CRITICAL_GAP_MAX_GRADE;
        if !(critical || score < GAP_BELOW_SCORE || s.struggled || s.insufficient) {
            continue;
        }
        let mut parts: Vec<String> = Vec::new();
        if s.insufficient {
            parts.push(if q.answer.trim().is_empty() {
                "no answer was given".into()
            } else {
                "too little to grade".into()
            });
        } else if !s.missing.is_empty() {
            parts.push(format!("did not cover {}", quote_list(&s.missing)));
        } else if let Some(step) = s.next_step.as_deref().filter(|t| !t.trim().is_empty()) {
            let step = first_words(step, MAX_WORDS_NEXT_STEP);
            parts.push(format!("next step: {}", step.trim_end_matches(['.', ';', ' '])));
        } else if score < GAP_BELOW_SCORE {
            parts.push("answered below the adequate level".into());
        }
        if s.struggled {
            let words = struggle_words(q);
            let words: Vec<&str> = words.into_iter().filter(|w| *w != "no real answer" || !s.insufficient).collect();
            if words.is_empty() {
                parts.push("showed signs of struggling".into());
            } else {
                parts.push(format!("showed signs of struggling ({})", words.join(", ")));
            }
        }
        let prefix = if critical { "Critical gap: " } else { "" };
        out.push(format!("{prefix}Q{} ({}, {}/5): {}", q.number, kind_label(q), fixed(score, 1), parts.join("; ")));
    }
    out
}

/// Skills named in the answers, in order of first mention. Answers that admit not knowing the
/// subject (or give nothing gradable) are skipped: naming Django while saying you have never used
/// it demonstrates nothing.
fn skills(questions: &[QuestionReport]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in questions {
        let disowned = q.scored.flags.iter().any(|f| DISOWNING_FLAGS.contains(f));
        if disowned || (q.scored.insufficient && !is_grading_error(q)) {
            continue;
        }
        for m in find_skills(&q.answer) {
            if !out.iter().any(|s| s == m.name) {
                out.push(m.name.to_string());
            }
        }
    }
    out
}

fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

fn communication(questions: &[QuestionReport]) -> String {
    let answered: Vec<&QuestionReport> =
        questions.iter().filter(|q| !q.answer.trim().is_empty() && !is_not_graded(q)).collect();
    if answered.is_empty() {
        return "There were no answers to assess.".to_string();
    }
    let n = answered.len();
    let words: Vec<f64> = answered.iter().map(|q| q.answer.split_whitespace().count() as f64).collect();
    let avg = mean(&words).unwrap_or(0.0);
    let length = if avg < BRIEF_ANSWER_WORDS {
        "brief"
    } else if avg < MODERATE_ANSWER_WORDS {
        "of moderate length"
    } else if avg <= LONG_ANSWER_WORDS {
        "well developed"
    } else {
        "long"
    };
    let mut parts = vec![format!("Answers averaged {} words ({length})", fixed(avg, 0))];
    let signal = |name: Signal| -> Option<f64> {
        let v: Vec<f64> =
            answered.iter().filter_map(|q| q.scored.signals.get(&name).copied()).filter(|x| x.is_finite()).collect();
        mean(&v).map(|m| m.clamp(0.0, 1.0))
    };
    if let Some(st) = signal(Signal::Structure) {
        let d = if st >= SIGNAL_HIGH {
            "clearly organised"
        } else if st >= SIGNAL_MID {
            "partly organised"
        } else {
            "loosely organised"
        };
        parts.push(format!("structure was {d} ({})", fixed(st, 2)));
    }
    if let Some(fl) = signal(Signal::Fluency) {
        let d = if fl >= SIGNAL_HIGH {
            "fluent"
        } else if fl >= SIGNAL_MID {
            "mostly fluent"
        } else {
            "halting"
        };
        parts.push(format!("delivery was {d} ({})", fixed(fl, 2)));
    }
    let flagged = |flag: Flag| answered.iter().filter(|q| q.scored.flags.contains(&flag)).count();
    let fillers = flagged(Flag::Fillers);
    if fillers > 0 {
        parts.push(format!("filler words were frequent in {fillers} of {n} answers"));
    }
    let hedges = flagged(Flag::Hedging);
    if hedges > 0 {
        parts.push(format!("hedging appeared in {hedges} of {n} answers"));
    }
    format!("{}.", parts.join("; "))
}

fn recommendation(questions: &[QuestionReport], idx: &[usize], overall: &Overall) -> String {
    if overall.graded == 0 {
        return "Hold: no answer could be graded, so there is no basis for a decision.".to_string();
    }
    let n = overall.graded;
    let s = overall.score;
    let struggled = idx.iter().filter(|&&i| questions.get(i).is_some_and(|q| q.scored.struggled)).count();
    let critical: Vec<String> = idx
        .iter()
        .filter_map(|&i| questions.get(i))
        .filter(|q| q.scored.grade <= CRITICAL_GAP_MAX_GRADE)
        .map(|q| format!("Q{} ({}/5)", q.number, q.scored.grade))
        .collect();
    match overall.recommendation {
        Recommendation::Decline => {
            let mut reasons = Vec::new();
            if s < DECLINE_BELOW_SCORE {
                reasons.push(format!(
                    "the overall score of {}/5 is below {}",
                    fixed(s, 1),
                    fixed(DECLINE_BELOW_SCORE, 1)
                ));
            }
            if struggled as f64 > STRUGGLED_SHARE_DECLINE * n as f64 {
                reasons.push(format!("the candidate struggled on {struggled} of {n} graded questions"));
            }
            format!("Decline: {}.", reasons.join(", and "))
        }
        Recommendation::Advance => format!(
            "Advance to the next round: the overall score of {}/5 meets the {} bar with no critical gap.",
            fixed(s, 1),
            fixed(ADVANCE_MIN_SCORE, 1)
        ),
        Recommendation::Hold => {
            if s >= ADVANCE_MIN_SCORE && !critical.is_empty() {
                format!(
                    "Hold: the overall score of {}/5 clears the {} bar, but {} {} a critical gap; probe {} before deciding.",
                    fixed(s, 1),
                    fixed(ADVANCE_MIN_SCORE, 1),
                    critical.join(", "),
                    if critical.len() == 1 { "was" } else { "were" },
                    if critical.len() == 1 { "it" } else { "them" }
                )
            } else {
                let mut t = format!(
                    "Hold: the overall score of {}/5 sits between {} and {}",
                    fixed(s, 1),
                    fixed(DECLINE_BELOW_SCORE, 1),
                    fixed(ADVANCE_MIN_SCORE, 1)
                );
                if !critical.is_empty() {
                    t.push_str(&format!(
                        ", and {} {} a critical gap",
                        critical.join(", "),
                        if critical.len() == 1 { "was" } else { "were" }
                    ));
                }
                t.push('.');
                t
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::build::candidate_report;
    use super::super::policy::overall;
    use super::super::testing::{question, scored};
    use super::*;
    use crate::transcript::QuestionKind;

    #[test]
    fn strong_candidate() {
        let mut q1 = question(1, QuestionKind::Technical, scored(4.5, false));
        q1.answer = "We ran Kafka on Kubernetes and later moved to Amazon SQS; Kafka stayed for analytics.".into();
        let q2 = question(2, QuestionKind::Project, scored(4.0, false));
        let c = candidate_report(Some("Ana Reyes".into()), Some("Platform Engineer".into()), vec![q1, q2]);
        let hr = &c.hr;
        assert!(
            hr.suitability
                .starts_with("Ana Reyes averaged 4.3/5 over 2 graded questions for the Platform Engineer position"),
            "{}",
            hr.suitability
        );
        assert_eq!(hr.strengths.len(), 2);
        assert!(
            hr.strengths[0].starts_with("Q1 (technical, 4.5/5): covered \"uses idempotent consumers\""),
            "{:?}",
            hr.strengths
        );
        assert_eq!(hr.skills, vec!["Apache Kafka", "Kubernetes", "Amazon SQS"]);
        assert!(hr.gaps.is_empty(), "{:?}", hr.gaps);
        assert!(hr.recommendation.starts_with("Advance to the next round"), "{}", hr.recommendation);
        assert!(hr.communication.contains("clearly organised"), "{}", hr.communication);
    }

    #[test]
    fn weak_candidate_gets_gaps_and_no_praise() {
        let mut q1 = scored(1.0, true);
        q1.flags = vec![Flag::Hedging, Flag::AdmitsUnfamiliarity];
        let q2 = scored(2.0, false);
        let qs = vec![question(1, QuestionKind::Technical, q1), question(2, QuestionKind::Behavioral, q2)];
        let c = candidate_report(None, None, qs);
        let hr = &c.hr;
        assert!(hr.strengths.is_empty());
        assert!(hr.suitability.starts_with("The candidate averaged 1.5/5"), "{}", hr.suitability);
        assert!(hr.suitability.contains("for this role"));
        assert_eq!(hr.gaps.len(), 2);
        assert!(hr.gaps[0].starts_with("Critical gap: Q1 (technical, 1.0/5): did not cover"), "{:?}", hr.gaps);
        assert!(hr.gaps[0].contains("hedging, admitted unfamiliarity"));
        assert!(!hr.gaps[1].starts_with("Critical"));
        assert!(
            hr.recommendation.starts_with("Decline: the overall score of 1.5/5 is below 2.5"),
            "{}",
            hr.recommendation
        );
    }

    #[test]
    fn hold_with_critical_gap_names_it() {
        let qs = vec![
            question(1, QuestionKind::Technical, scored(5.0, false)),
            question(2, QuestionKind::Technical, scored(5.0, false)),
            question(3, QuestionKind::Technical, scored(5.0, false)),
            question(4, QuestionKind::Technical, scored(1.0, false)),
        ];
        let o = overall(&qs);
        assert_eq!(o.recommendation, Recommendation::Hold);
        let hr = hr_report(None, None, &qs, &o);
        assert!(hr.recommendation.starts_with("Hold: the overall score of 4.0/5 clears"), "{}", hr.recommendation);
        assert!(hr.recommendation.contains("Q4 (1/5)"));
    }

    #[test]
    fn strengths_without_rubric_points_quote_specifics_not_struggles() {
        use crate::score::Evidence;
        let mut s = scored(4.6, false);
        s.covered.clear();
        let ev =
            |text: &str, point: &str| Evidence { start: 0, end: text.len(), text: text.into(), point: point.into() };
        s.evidence = vec![
            ev("great question", "struggle: deflection"),
            ev("Route 53", "specific: Amazon Route 53"),
            ev("route  53", "specific: Amazon Route 53"),
            ev("15 minutes", "specific: measurement"),
        ];
        let qs = vec![question(1, QuestionKind::Technical, s)];
        let hr = hr_report(None, None, &qs, &overall(&qs));
        assert_eq!(
            hr.strengths,
            vec!["Q1 (technical, 4.6/5): gave specifics such as \"Route 53\" and \"15 minutes\"".to_string()]
        );
    }

    #[test]
    fn skills_skip_answers_that_disown_them() {
        let mut a = question(1, QuestionKind::Technical, scored(1.0, true));
        a.answer = "Django? I have never used Django.".into();
        a.scored.flags = vec![Flag::AdmitsUnfamiliarity];
        let mut b = question(2, QuestionKind::Technical, scored(3.0, false));
        b.answer = "I wrote the API in Flask and deployed it with Docker.".into();
        let qs = vec![a, b];
        let hr = hr_report(None, None, &qs, &overall(&qs));
        assert_eq!(hr.skills, vec!["Flask", "Docker"]);
    }

    #[test]
    fn no_answers() {
        let o = overall(&[]);
        let hr = hr_report(Some("Kim"), None, &[], &o);
        assert!(hr.suitability.contains("cannot be judged"));
        assert!(hr.recommendation.starts_with("Hold"));
        assert_eq!(hr.communication, "There were no answers to assess.");
    }

    #[test]
    fn shorten_and_quote() {
        assert_eq!(first_words("a b c", 2), "a b\u{2026}");
        assert_eq!(first_words("  a  b ", 5), "a b");
        assert_eq!(quote_list(&["x".into(), "y".into(), "z".into(), "w".into()]), "\"x\", \"y\" and \"z\"");
    }
}
