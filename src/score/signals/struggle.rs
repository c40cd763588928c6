//! Signs of struggle: hedges ("I think", "maybe"), admitted unfamiliarity ("I don't know"),
//! deflection ("good question", "let's move on") and fillers ("um", "you know"), counted wherever
//! they are said once (repeats aside); fluency falls with their rate per on-topic words, hedging
//! rises with their count per on-topic sentence.

use super::topic::Topic;
use super::{found, Context, Found};
use crate::text::lexicon;

/// Fluency: struggle cues are counted per this many on-topic tokens (a long answer may hedge more
/// often for the same fluency). Hand-set in the first scoring engine (commit 977d3b5); no tuning is
/// recorded. Checked against the dev sets by `make accuracy`.
const FLUENCY_TOKENS_PER_RATE: f64 = 40.0;
/// Fluency: weight of an admitted gap against a hedge's 1 (hand-set in the first scoring engine).
const FLUENCY_UNFAMILIAR_WEIGHT: f64 = 1.5;
/// Fluency: weight of a filler against a hedge's 1 (a verbal tic says less about knowledge than a
/// hedge). Hand-set when fillers got their own lexicon (commit bfc61f2); no tuning is recorded.
const FLUENCY_FILLER_WEIGHT: f64 = 0.7;
/// Fluency is `e^(−FLUENCY_DECAY × rate)`: one hedge per 40 on-topic tokens leaves ≈ 0.45. (Hand-set
/// in the first scoring engine; no tuning is recorded.)
const FLUENCY_DECAY: f64 = 0.8;
/// Hedging: weight of an admitted gap against a hedge's (and a deflection's) 1 (hand-set in the first
/// scoring engine).
const HEDGING_UNFAMILIAR_WEIGHT: f64 = 2.0;
/// Hedging: cues are counted per on-topic sentence, and at least this many sentences (one hedge in a
/// one-sentence answer is not wholesale hedging). Hand-set in commit bfc61f2; no tuning is recorded.
const HEDGING_MIN_SENTENCES: usize = 2;

/// The struggle cues found, fluency and hedging.
#[derive(Debug, Default)]
pub(super) struct Struggle {
    pub hedges: Vec<Found>,
    pub unfamiliar: Vec<Found>,
    pub deflections: Vec<Found>,
    pub fluency: f64,
    pub hedging: f64,
}

/// Finds the struggle cues said once and measures fluency and hedging over the on-topic part.
pub(super) fn struggle(cx: &Context<'_>, topic: &Topic) -> Struggle {
    let (toks, keys) = (cx.toks, &cx.keys);
    let cues = |set: &crate::text::phrases::PhraseSet, label: &str| -> Vec<Found> {
        set.find_keyed(toks, keys).into_iter().filter(|h| cx.said(h.start)).map(|h| found(h, label)).collect()
    };
    let hedges = cues(lexicon::hedges(), "struggle: hedge");
    let unfamiliar = cues(lexicon::unfamiliarity(), "struggle: admits a gap");
    let deflections = cues(lexicon::deflection(), "struggle: deflection");
    let fillers_said = cx.ex.filler_hits.iter().filter(|h| cx.said(h.start)).count();
    // Rates are taken over the on-topic part, so off-topic padding cannot dilute them.
    let on_topic_tokens = (0..toks.len()).filter(|&i| topic.has(i)).count();
    let fluency = fluency(hedges.len(), unfamiliar.len(), fillers_said, on_topic_tokens);
    let sentences = topic.count.max(HEDGING_MIN_SENTENCES) as f64;
    let hedging =
        ((hedges.len() as f64 + HEDGING_UNFAMILIAR_WEIGHT * unfamiliar.len() as f64 + deflections.len() as f64)
            / sentences)
            .min(1.0);
    Struggle { hedges, unfamiliar, deflections, fluency, hedging }
}

/// Fluency (0–1] from the cues said over `on_topic_tokens` tokens.
fn fluency(hedges: usize, unfamiliar: usize, fillers: usize, on_topic_tokens: usize) -> f64 {
    let per = (on_topic_tokens as f64 / FLUENCY_TOKENS_PER_RATE).max(1.0);
    let rate =
        (hedges as f64 + FLUENCY_UNFAMILIAR_WEIGHT * unfamiliar as f64 + FLUENCY_FILLER_WEIGHT * fillers as f64) / per;
    (-FLUENCY_DECAY * rate).exp()
}

#[cfg(test)]
mod tests {
    use super::super::testing::measure_on;
    use super::*;
    use crate::score::Target;
    use crate::transcript::QuestionKind;

    fn target() -> Target {
        Target::from_question("How does a load balancer decide where to send a request?", QuestionKind::Technical)
    }

    #[test]
    fn a_plain_answer_is_fluent_and_unhedged() {
        let m = measure_on("The load balancer sends each request to the least busy healthy server.", &target());
        assert_eq!(m.fluency, 1.0);
        assert_eq!(m.hedging, 0.0);
        assert!(m.hedges.is_empty() && m.unfamiliar.is_empty() && m.deflections.is_empty());
    }

    #[test]
    fn a_hedged_sentence_raises_hedging_and_lowers_fluency() {
        let plain = measure_on("The load balancer sends each request to the least busy server.", &target());
        let hedged =
            measure_on("I think the load balancer maybe sends each request to the least busy server.", &target());
        assert_eq!(hedged.hedges.len(), 2, "{:?}", hedged.hedges);
        assert!(hedged.hedging > plain.hedging);
        assert!(hedged.fluency < plain.fluency);
    }

    #[test]
    fn admitting_a_gap_weighs_more_than_a_hedge() {
        let gap = measure_on("I don't know how the load balancer picks a server.", &target());
        let hedge = measure_on("I guess the load balancer picks a server somehow.", &target());
        assert_eq!(gap.unfamiliar.len(), 1);
        assert!(gap.hedging > hedge.hedging, "{} vs {}", gap.hedging, hedge.hedging);
        assert!(gap.fluency < hedge.fluency);
    }

    #[test]
    fn deflection_and_fillers_are_found() {
        let m = measure_on("Good question. Um, the load balancer, you know, round-robins requests.", &target());
        assert_eq!(m.deflections.len(), 1, "{:?}", m.deflections);
        assert!(m.fillers >= 2, "fillers {}", m.fillers);
        assert!(m.fluency < 1.0);
    }

    #[test]
    fn a_cue_said_in_a_repeated_sentence_counts_once() {
        let once = measure_on("I think the balancer uses round robin. It checks health too.", &target());
        let twice = measure_on(
            "I think the balancer uses round robin. I think the balancer uses round robin. It checks health too.",
            &target(),
        );
        assert_eq!(once.hedges.len(), 1);
        assert_eq!(twice.hedges.len(), 1);
    }

    #[test]
    fn fluency_is_a_decay_in_the_rate_per_forty_tokens() {
        assert_eq!(fluency(0, 0, 0, 10), 1.0);
        assert!((fluency(1, 0, 0, 10) - (-FLUENCY_DECAY).exp()).abs() < 1e-12);
        // Twice the tokens, the same cues: half the rate.
        assert!((fluency(1, 0, 0, 80) - (-FLUENCY_DECAY / 2.0).exp()).abs() < 1e-12);
        assert!(fluency(0, 1, 0, 10) < fluency(1, 0, 0, 10));
        assert!(fluency(0, 0, 1, 10) > fluency(1, 0, 0, 10));
    }
}
