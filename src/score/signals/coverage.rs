//! Coverage: the raw share of talking points made (from [`super::points`]), scaled to what counts
//! as complete for the basis, bent by a concave curve, and held back for a keyword list — prose
//! (function words glue explanations together; lists have almost none) and elaboration (on-topic
//! words said per point covered).

use super::points::COVERED_AT;
use super::topic::Topic;
use super::{Context, PointResult};
use crate::score::target::Basis;

/// Coverage at which content counts as complete: a strong answer rarely words every point the
/// rubric lists, so making ~70% of the weighted points earns full content credit.
pub const COVERAGE_FULL_RUBRIC: f64 = 0.7;
/// For a reference answer matched word by word, paraphrase leaves fewer exact matches: a correct
/// answer in the candidate's own words rarely shares more than half the model answer's content
/// words. (Measured in `make accuracy`, reference rows: 0.6 → 0.5 moved Pearson r 0.881 → 0.889 on
/// the development set graded against model answers and 0.645 → 0.647 on the short-answer set, and
/// their RMSE 0.88 → 0.82 and 1.72 → 1.63; 0.4 gained a little more but left answers that make 70%
/// and 100% of a model answer indistinguishable.)
pub const COVERAGE_FULL_REFERENCE: f64 = 0.5;
/// A model answer of at least this many units (clauses that stand as points: an interview answer
/// of a paragraph, not a one-line short-answer key) shares common words with any answer on a
/// neighbouring subject, so its recall alone cannot tell an answer to another question from a
/// partial one: there, coverage also asks that the answer's own words be about the key
/// ([`KEY_SHARE_FULL`]). Short keys (1–3 units, every set of real short answers) are left as they
/// were: on them the share lowered ROC AUC.
pub const LONG_KEY_UNITS: usize = 4;
/// Share of the answer's own content words that the model answer or the question says (see
/// `recall::key_share`) below which a long key's recall counts proportionally less. Chosen by
/// `scripts/cross-grade.py`, grading each of the 255 bundled model answers against another
/// question's model answer (an answer about something else: 192 of 255 scored above 1.5, mean
/// 1.88) and against itself: 0.2
/// brings that to 79 (mean 1.35), leaves self-grading (4.95) and the bundled examples against the
/// model answer (strong 4.10) as they were, and the real development set unchanged; 0.3 and 0.4
/// went to 41 and 18 but lowered the short-answer set's r (0.725 → 0.698 / 0.679).
pub const KEY_SHARE_FULL: f64 = 0.2;
/// Exponent of the coverage curve (< 1: diminishing returns).
pub const COVERAGE_CURVE: f64 = 0.7;
/// Content words from which a text without function words reads as a keyword list. (Hand-set in the
/// first scoring engine, commit 977d3b5; no tuning is recorded.)
const LIST_MIN_WORDS: usize = 8;
/// Share of function words among the usable words at or below which a text reads as a bare list
/// (prose 0). Hand-set in the first scoring engine; no tuning is recorded. Checked on the dev set's
/// `keyword-list` answers by `make accuracy`.
const PROSE_STOP_FROM: f64 = 0.12;
/// Prose rises linearly from [`PROSE_STOP_FROM`] to 1 over this much more share of function words
/// (full prose from 30% function words on; English prose runs at about half). Hand-set in the first
/// scoring engine; no tuning is recorded.
const PROSE_STOP_RANGE: f64 = 0.18;
/// On-topic content words per covered point for full elaboration (a point named with nothing said
/// about it is not explained). Hand-set in the first scoring engine; no tuning is recorded.
const ELABORATION_WORDS_PER_POINT: f64 = 6.0;
/// Coverage kept by a bare list of the right terms (prose and elaboration 0): it rises linearly to 1
/// by [`EXPLAINED_SHARE`]. Hand-set in the first scoring engine; no tuning is recorded.
const EXPLAINED_FLOOR: f64 = 0.25;
/// Coverage that depends on the answer being explained (`EXPLAINED_FLOOR + EXPLAINED_SHARE = 1`).
const EXPLAINED_SHARE: f64 = 0.75;

/// Prose, elaboration and the coverage signal.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Coverage {
    pub prose: f64,
    pub elaboration: f64,
    pub coverage: f64,
}

/// Coverage from the raw share of points made (`coverage_raw`, see [`super::points`]).
pub(super) fn coverage(
    cx: &Context<'_>,
    topic: &Topic,
    points: &[PointResult],
    coverage_raw: f64,
    key_recall: f64,
    key_share: f64,
) -> Coverage {
    let toks = cx.toks;
    // Prose vs keyword list: function words glue explanations together; lists have almost none.
    let stop = toks.iter().enumerate().filter(|(i, t)| cx.usable(*i) && t.stop).count();
    let usable_count = (0..toks.len()).filter(|&i| cx.usable(i)).count().max(1);
    let prose = prose_of(stop, usable_count);
    let covered = points.iter().filter(|p| p.credit >= COVERED_AT).count();
    let elaboration = if covered == 0 {
        1.0
    } else {
        (topic.content as f64 / (ELABORATION_WORDS_PER_POINT * covered as f64)).min(1.0)
    };
    let full = match cx.target.basis {
        Basis::Reference => COVERAGE_FULL_REFERENCE,
        _ => COVERAGE_FULL_RUBRIC,
    };
    // A list of the right terms is not an explanation: with a rubric, coverage counts only as far as
    // the answer is prose and says more than the bare terms. Short answers (and reference grading,
    // whose units are already dense) are judged on prose alone, and only from a list's length on.
    let explained = match cx.target.basis {
        Basis::Rubric { .. } => EXPLAINED_FLOOR + EXPLAINED_SHARE * prose.min(elaboration),
        _ if cx.content_tokens.len() >= LIST_MIN_WORDS => EXPLAINED_FLOOR + EXPLAINED_SHARE * prose,
        _ => 1.0,
    };
    // Concave: the first points made show more understanding than the last ones add.
    let units = (coverage_raw / full).min(1.0);
    // Against a model answer, the key's words said anywhere count too (see `recall`): the answer
    // gets the better of the two readings.
    let raw = match cx.target.basis {
        Basis::Reference => {
            let long_key = cx.target.points.len() >= LONG_KEY_UNITS;
            let on_key = if long_key { (key_share / KEY_SHARE_FULL).min(1.0) } else { 1.0 };
            (key_recall / cx.target.key_recall_full).min(1.0) * on_key
        }
        _ => units,
    };
    // raw^COVERAGE_CURVE as exp(c·ln raw): the same curve (to the last bit or two), without linking
    // libm's general `pow` (2.2 KB of wasm) for one exponent.
    let curved = if raw > 0.0 { (COVERAGE_CURVE * raw.ln()).exp() } else { 0.0 };
    let coverage = (curved * explained).clamp(0.0, 1.0);
    Coverage { prose, elaboration, coverage }
}

/// Prose (0–1) from `stop` function words among `usable` words.
fn prose_of(stop: usize, usable: usize) -> f64 {
    let stop_ratio = stop as f64 / usable as f64;
    ((stop_ratio - PROSE_STOP_FROM) / PROSE_STOP_RANGE).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{measure_on, rubric_target};
    use super::*;

    #[test]
    fn a_long_key_asks_that_the_answer_be_about_it_not_just_share_its_common_words() {
        let key = "I set service level objectives with the team from what users experience. We pick \
                   indicators for the key journeys, such as the share of payment requests that succeed. \
                   The target leaves an error budget for the month. When the budget is spent, the team \
                   stops releases and works on reliability until it recovers.";
        let q = "How would you set reliability targets for a payments API?";
        let target = crate::score::Target::from_reference(q, key, crate::transcript::QuestionKind::Technical);
        assert!(target.points.len() >= LONG_KEY_UNITS, "{} units", target.points.len());
        let other = "First I ask the team which tables grow fastest. We partition them by date, add an \
                     index on the tenant column, and the team moves cold rows to cheaper storage each \
                     night, so the journeys that read recent rows stay quick.";
        let own = "Objectives come from what users experience: indicators on key journeys such as \
                   successful payment requests, a target that leaves a monthly error budget, and a \
                   freeze on releases for reliability work when the budget is spent.";
        let (m_other, m_own) = (measure_on(other, &target), measure_on(own, &target));
        assert!(m_other.key_share < KEY_SHARE_FULL, "{}", m_other.key_share);
        assert!(m_own.key_share > 0.6, "{}", m_own.key_share);
        // The other question's answer keeps only part of what its shared words would give it.
        let lone = (m_other.key_recall / target.key_recall_full).min(1.0);
        assert!(m_other.coverage < 0.9 * lone.powf(COVERAGE_CURVE), "{} vs {}", m_other.coverage, lone);
        assert!(m_own.coverage > 2.0 * m_other.coverage, "{} vs {}", m_own.coverage, m_other.coverage);
    }

    #[test]
    fn prose_is_zero_for_a_list_and_full_for_ordinary_sentences() {
        assert_eq!(prose_of(0, 10), 0.0);
        assert_eq!(prose_of(1, 10), 0.0, "10% function words is still a list");
        assert_eq!(prose_of(4, 10), 1.0);
        assert!((prose_of(2, 10) - (0.2 - PROSE_STOP_FROM) / PROSE_STOP_RANGE).abs() < 1e-12);
    }

    #[test]
    fn a_list_of_bare_words_has_low_prose_and_less_coverage_than_its_explanation() {
        let t = rubric_target("first-minutes");
        let list = measure_on("acknowledge incident channel dashboards blast radius rollback mitigate escalate", &t);
        let prose = measure_on(
            "I acknowledge the page and open an incident channel, then I check the dashboards for the blast \
             radius. If a deploy went out I roll back to mitigate, and I escalate to the owning team early.",
            &t,
        );
        assert!(list.prose < 0.2, "prose {}", list.prose);
        assert!(prose.prose > 0.8, "prose {}", prose.prose);
        // The list names the points but says nothing about them: named only, below covered.
        assert!(list.points.iter().filter(|p| p.named_only).count() >= 4, "{:?}", list.points);
        assert!(list.coverage_raw < prose.coverage_raw, "{} vs {}", list.coverage_raw, prose.coverage_raw);
        assert!(list.coverage < prose.coverage, "{} vs {}", list.coverage, prose.coverage);
    }

    #[test]
    fn coverage_is_full_from_the_basis_threshold_on() {
        let t = rubric_target("first-minutes");
        let m = measure_on(
            "I acknowledge the page and open an incident channel, then I check the dashboards for the blast \
             radius and the error rate. I look at what changed, and because a deploy went out an hour earlier \
             I roll back first as the fastest mitigation. I post a status update for support every ten \
             minutes and escalate to the owning team when it does not clear.",
            &t,
        );
        assert!(m.coverage_raw >= COVERAGE_FULL_RUBRIC, "raw {}", m.coverage_raw);
        // Past the threshold only the explanation discount is left.
        let explained = EXPLAINED_FLOOR + EXPLAINED_SHARE * m.prose.min(m.elaboration);
        assert!((m.coverage - explained).abs() < 1e-12, "coverage {} vs {explained}", m.coverage);
        let half = measure_on("I acknowledge the page and open an incident channel, then I check the dashboards.", &t);
        assert!(half.coverage_raw < COVERAGE_FULL_RUBRIC);
        assert!(half.coverage < m.coverage, "{} vs {}", half.coverage, m.coverage);
    }
}
