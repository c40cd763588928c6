//! The recommendation policy: which graded answers count towards a candidate's overall score, how
//! they are averaged, and when a candidate is advanced, held or declined. Shared by the evaluation
//! ([`super::build`]) and the HR summary ([`super::hr`]), which both read it and never each other.

use super::types::*;
use crate::score::Flag;
use crate::transcript::QuestionKind;

/// Overall score a candidate needs to be advanced (and no critical gap). On the 0–5 scale 3.5 is
/// half-way between "adequate" (3) and "good" (4): a candidate must lean clearly towards good.
pub const ADVANCE_MIN_SCORE: f64 = 3.5;

/// Overall score below which a candidate is declined: under 2.5 the answers were, on average,
/// closer to "weak" (2) than to "adequate" (3).
pub const DECLINE_BELOW_SCORE: f64 = 2.5;

/// A graded question at or below this grade is a critical gap: the answer showed little or nothing
/// of what was asked. One critical gap holds back an otherwise strong candidate.
pub const CRITICAL_GAP_MAX_GRADE: u8 = 1;

/// A candidate who struggled on more than this share of graded questions is declined.
pub const STRUGGLED_SHARE_DECLINE: f64 = 0.5;

/// Flag set on an answer the scorer could not grade; such answers are left out of the overall score.
pub const GRADING_ERROR_FLAG: Flag = Flag::GradingError;

/// Question kinds that count towards the overall score. Introductions, closings and other talk count
/// only when a candidate has nothing else.
const CORE_KINDS: &[QuestionKind] = &[QuestionKind::Technical, QuestionKind::Project, QuestionKind::Behavioral];

/// A score made safe to average: finite and within 0–5.
pub(crate) fn safe_score(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 5.0)
    } else {
        0.0
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn is_grading_error(q: &QuestionReport) -> bool {
    q.scored.flags.contains(&GRADING_ERROR_FLAG)
}

/// Whether an exchange was left out of grading on purpose (small talk, logistics, the closing).
pub fn is_not_graded(q: &QuestionReport) -> bool {
    q.scored.flags.contains(&Flag::NotGraded)
}

/// Indices of the questions that count towards the overall score: graded questions of the core kinds,
/// or, when there are none, every graded question.
pub(crate) fn counted(questions: &[QuestionReport]) -> Vec<usize> {
    let graded: Vec<usize> =
        (0..questions.len()).filter(|&i| !is_grading_error(&questions[i]) && !is_not_graded(&questions[i])).collect();
    let core: Vec<usize> = graded.iter().copied().filter(|&i| CORE_KINDS.contains(&questions[i].kind)).collect();
    if core.is_empty() {
        graded
    } else {
        core
    }
}

/// The overall score (mean of the counted questions, one decimal) and the recommendation.
pub fn overall(questions: &[QuestionReport]) -> Overall {
    let idx = counted(questions);
    if idx.is_empty() {
        return Overall { score: 0.0, recommendation: Recommendation::Hold, graded: 0 };
    }
    let n = idx.len();
    let mean = idx.iter().map(|&i| safe_score(questions[i].scored.score)).sum::<f64>() / n as f64;
    let score = round1(mean);
    let struggled = idx.iter().filter(|&&i| questions[i].scored.struggled).count();
    let critical = idx.iter().any(|&i| questions[i].scored.grade <= CRITICAL_GAP_MAX_GRADE);
    Overall { score, recommendation: recommend(score, n, struggled, critical), graded: n }
}

/// The recommendation rule: decline below [`DECLINE_BELOW_SCORE`] or when more than
/// [`STRUGGLED_SHARE_DECLINE`] of the graded questions were struggled; advance at
/// [`ADVANCE_MIN_SCORE`] or more with no critical gap; hold otherwise (and when nothing was graded).
pub fn recommend(score: f64, graded: usize, struggled: usize, has_critical_gap: bool) -> Recommendation {
    if graded == 0 {
        Recommendation::Hold
    } else if score < DECLINE_BELOW_SCORE || struggled as f64 > STRUGGLED_SHARE_DECLINE * graded as f64 {
        Recommendation::Decline
    } else if score >= ADVANCE_MIN_SCORE && !has_critical_gap {
        Recommendation::Advance
    } else {
        Recommendation::Hold
    }
}
