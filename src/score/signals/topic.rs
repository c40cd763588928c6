//! Staying on topic: which sentences are on topic (they touch the topic vocabulary or a talking
//! point, or carry on from one that does), focus (the share of what was said that stays on topic),
//! echo (the share of content words that merely repeat the question), and relevance (on-topic
//! substance beyond echoing the question).

use super::{saturate, Context, PointResult};
use crate::text::{hash::FastSet as HashSet, skills};

/// Question-only grading: how many new on-topic words make relevance `1 − 1/e` (≈ 0.63) of full.
/// (Hand-set in the first scoring engine, commit 977d3b5; no tuning is recorded. Checked against the
/// dev sets by `make accuracy`.)
const RELEVANCE_WORDS_QUESTION: f64 = 10.0;
/// Grading with a content key: the same for the vocabulary part of relevance (see
/// [`RELEVANCE_VOCABULARY_SHARE`]). Hand-set in the first scoring engine; no tuning is recorded.
const RELEVANCE_WORDS: f64 = 12.0;
/// With a content key, on-topic vocabulary alone earns at most this much relevance (coverage earns
/// the rest). Hand-set in the first scoring engine; no tuning is recorded.
const RELEVANCE_VOCABULARY_SHARE: f64 = 0.6;
/// Relevance kept by an answer wholly off topic in focus (it rises linearly to 1 at full focus, by
/// [`RELEVANCE_FOCUS_SHARE`]). Hand-set in the first scoring engine; no tuning is recorded.
const RELEVANCE_FOCUS_BASE: f64 = 0.6;
/// Relevance that depends on focus (`RELEVANCE_FOCUS_BASE + RELEVANCE_FOCUS_SHARE = 1`).
const RELEVANCE_FOCUS_SHARE: f64 = 0.4;
/// Echo up to this share of the content words costs no relevance; beyond it, relevance falls by the
/// excess (an answer made only of the question's words keeps half). Hand-set in the first scoring
/// engine; no tuning is recorded.
const ECHO_FREE: f64 = 0.5;

/// What is on topic in an answer.
#[derive(Debug, Default)]
pub(super) struct Topic {
    /// Per sentence: on topic (never an excluded one).
    pub sentences: Vec<bool>,
    /// Per token: in an on-topic sentence.
    pub tokens: Vec<bool>,
    /// On-topic sentences.
    pub count: usize,
    /// On-topic content words (usable, not stop words or fillers).
    pub content: usize,
    /// Distinct stems of on-topic, specific content words the question does not say.
    pub novel: usize,
    /// Share of what was said (instructions aside) that stays on topic.
    pub focus: f64,
    /// Share of the answer's content words that merely repeat the question.
    pub echo: f64,
}

impl Topic {
    /// Whether token `i` is in an on-topic sentence.
    pub(super) fn has(&self, i: usize) -> bool {
        self.tokens.get(i).copied().unwrap_or(false)
    }
}

/// On-topic sentences, focus and echo. A sentence is on topic when it touches the topic vocabulary
/// or a talking point, or carries on from one that does; in question-only grading any sentence with
/// a non-generic content word counts.
pub(super) fn on_topic(cx: &Context<'_>, points: &[PointResult]) -> Topic {
    let (toks, target, a) = (cx.toks, cx.target, cx.a);
    let point_sentences: HashSet<usize> = points
        .iter()
        .filter(|p| p.credit > 0.0)
        .filter_map(|p| p.span)
        .filter_map(|(s, _)| toks.get(s).map(|t| t.sentence))
        .collect();
    let question_only = target.points.is_empty();
    let mut on_topic = vec![false; a.sentences.len()];
    // (Sized for every content word at once: grown insert by insert, rehashing was a visible share
    // of a long answer's time.)
    let mut topic_chain: HashSet<&str> = HashSet::with_capacity_and_hasher(cx.content_tokens.len(), Default::default());
    for (si, s) in a.sentences.iter().enumerate() {
        if cx.ex.excluded[si] {
            continue;
        }
        let stems = || s.token_range().filter(|&i| cx.specific[i]).map(|i| &toks[i]);
        let touches = point_sentences.contains(&si)
            || s.token_range()
                .any(|i| cx.topic_word[i] || (cx.specific[i] && topic_chain.contains(toks[i].stem.as_str())))
            || stems().any(|t| skills::is_technology(&t.lower))
            || (question_only && stems().next().is_some());
        if touches {
            on_topic[si] = true;
            topic_chain.extend(stems().map(|t| t.stem.as_str()));
        }
    }
    // Focus: share of what was said (instructions aside) that stays on topic; repeats and clichés count against it.
    let said_sentences =
        a.sentences.len() - cx.ex.repeated.iter().filter(|x| **x).count() - cx.ex.instruction_sentences();
    let count = on_topic.iter().filter(|x| **x).count();
    let focus = if said_sentences == 0 { 0.0 } else { (count as f64 / said_sentences as f64).min(1.0) };
    let tokens: Vec<bool> = toks.iter().map(|t| on_topic.get(t.sentence).copied().unwrap_or(false)).collect();
    let in_topic = |i: usize| tokens.get(i).copied().unwrap_or(false);

    // Echo: share of the answer's content words that merely repeat the question.
    let content_idx = &cx.content_tokens;
    let echoed = content_idx.iter().filter(|&&i| target.question_stems.contains(toks[i].stem.as_str())).count();
    let echo = if content_idx.is_empty() { 0.0 } else { echoed as f64 / content_idx.len() as f64 };
    let mut novel: HashSet<&str> = HashSet::with_capacity_and_hasher(content_idx.len(), Default::default());
    novel.extend(
        content_idx
            .iter()
            .filter(|&&i| in_topic(i) && !target.question_stems.contains(toks[i].stem.as_str()) && cx.specific[i])
            .map(|&i| toks[i].stem.as_str()),
    );
    let content = content_idx.iter().filter(|&&i| in_topic(i)).count();
    Topic { novel: novel.len(), sentences: on_topic, tokens, count, content, focus, echo }
}

/// Relevance: on-topic substance beyond echoing the question. `coverage` is the final coverage
/// signal; `content_words` the answer's usable content words.
pub(super) fn relevance(topic: &Topic, coverage: f64, content_words: usize, question_only: bool) -> f64 {
    let substance = if question_only {
        saturate(topic.novel as f64, RELEVANCE_WORDS_QUESTION)
    } else {
        coverage.max(saturate(topic.novel as f64, RELEVANCE_WORDS) * RELEVANCE_VOCABULARY_SHARE)
    };
    let anchor = if content_words == 0 { 0.0 } else { 1.0 - (topic.echo - ECHO_FREE).max(0.0) };
    (substance * (RELEVANCE_FOCUS_BASE + RELEVANCE_FOCUS_SHARE * topic.focus) * anchor).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{measure_on, rubric_target};
    use super::*;
    use crate::score::Target;
    use crate::transcript::QuestionKind;

    #[test]
    fn off_topic_padding_lowers_focus() {
        let t = rubric_target("first-minutes");
        let on = measure_on("I acknowledge the page, open an incident channel and check the dashboards.", &t);
        let padded = measure_on(
            "I acknowledge the page, open an incident channel and check the dashboards. My cat likes the sofa. \
             Yesterday it rained all afternoon. We ate pizza for dinner.",
            &t,
        );
        assert_eq!(on.focus, 1.0);
        assert!(padded.focus < 0.6, "focus {}", padded.focus);
        assert_eq!(padded.on_topic, vec![true, false, false, false]);
        assert!(padded.relevance < on.relevance);
    }

    #[test]
    fn echoing_the_question_is_measured_and_costs_relevance() {
        let t = Target::from_question("How does a CDN reduce latency?", QuestionKind::Technical);
        let echo = measure_on("A CDN reduces latency. A CDN reduces latency by reducing latency.", &t);
        assert!(echo.echo > 0.6, "echo {}", echo.echo);
        let fresh = measure_on("Edge servers cache copies near users, shortening round trips.", &t);
        assert!(fresh.echo < 0.2, "echo {}", fresh.echo);
        assert!(fresh.relevance > echo.relevance);
    }

    #[test]
    fn with_a_rubric_only_sentences_that_touch_the_topic_are_on_topic() {
        let t = rubric_target("first-minutes");
        let m =
            measure_on("I acknowledge the page and check the dashboards. I really enjoy gardening on weekends.", &t);
        assert_eq!(m.on_topic, vec![true, false]);
    }

    #[test]
    fn relevance_grows_with_new_words_and_is_scaled_by_focus() {
        let topic = |novel, focus| Topic { novel, focus, ..Default::default() };
        let q = |t: &Topic| relevance(t, 0.0, 10, true);
        assert_eq!(q(&topic(0, 1.0)), 0.0);
        assert!(q(&topic(5, 1.0)) < q(&topic(20, 1.0)));
        assert!((q(&topic(10, 1.0)) - saturate(10.0, RELEVANCE_WORDS_QUESTION)).abs() < 1e-12);
        assert!((q(&topic(10, 0.0)) - RELEVANCE_FOCUS_BASE * q(&topic(10, 1.0))).abs() < 1e-12);
        // With a content key, coverage counts in full; vocabulary alone only up to its share.
        assert_eq!(relevance(&topic(0, 1.0), 0.9, 10, false), 0.9);
        assert!(relevance(&topic(1000, 1.0), 0.0, 10, false) <= RELEVANCE_VOCABULARY_SHARE);
        // No content words: no relevance.
        assert_eq!(relevance(&topic(10, 1.0), 0.9, 0, false), 0.0);
    }
}
