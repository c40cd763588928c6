//! Reasoning (on-topic sentences only): causes ("because", "which means"), trade-offs ("at the cost
//! of", "rather than") and constraints ("assuming", "within budget"); each family counts up to a
//! cap, plain contrast words count half, and the weighted sum saturates.

use super::topic::Topic;
use super::{found, saturate, Context, Found};
use crate::text::lexicon;

// Weights of the three families: an explicit trade-off shows the most weighing, a constraint the
// least. Hand-set in the first scoring engine (commit 977d3b5); no tuning is recorded. Checked against
// the dev sets by `make accuracy`.

/// Weight of a cause or consequence.
const CAUSE_WEIGHT: f64 = 0.45;
/// Weight of a trade-off.
const TRADEOFF_WEIGHT: f64 = 0.6;
/// Weight of a constraint, requirement or assumption.
const CONSTRAINT_WEIGHT: f64 = 0.35;
/// Markers of one family counted at most (hand-set in the first scoring engine).
const FAMILY_CAP: f64 = 4.0;
/// What a plain contrast word ("but", "over", "although", "since", "within") counts for, against 1
/// for an explicit marker: it shows weighing less (hand-set in the first scoring engine).
const WEAK_MARKER: f64 = 0.5;
/// The weighted sum at which reasoning is `1 − 1/e` (≈ 0.63): see [`saturate`].
const REASONING_SCALE: f64 = 1.5;

/// The reasoning markers found (in family order) and the reasoning signal.
pub(super) fn reasoning(cx: &Context<'_>, topic: &Topic) -> (Vec<Found>, f64) {
    let toks = cx.toks;
    let mut reasons = Vec::new();
    let mut reason_raw = 0.0;
    for (set, label, w) in [
        (lexicon::causal(), "reasoning: cause", CAUSE_WEIGHT),
        (lexicon::tradeoffs(), "reasoning: trade-off", TRADEOFF_WEIGHT),
        (lexicon::constraints(), "reasoning: constraint", CONSTRAINT_WEIGHT),
    ] {
        let mut n = 0.0;
        for h in set.find_keyed(toks, &cx.keys) {
            if !topic.has(h.start) {
                continue;
            }
            // Plain contrast words show weighing less than an explicit trade-off.
            let weak = h.end - h.start == 1
                && matches!(toks[h.start].lower.as_str(), "but" | "over" | "although" | "since" | "within");
            n += if weak { WEAK_MARKER } else { 1.0 };
            reasons.push(found(h, label));
        }
        reason_raw += w * f64::min(n, FAMILY_CAP);
    }
    (reasons, saturate(reason_raw, REASONING_SCALE))
}

#[cfg(test)]
mod tests {
    use super::super::testing::measure_on;
    use super::*;
    use crate::score::Target;
    use crate::transcript::QuestionKind;

    fn target() -> Target {
        Target::from_question("Would you put a cache in front of the database?", QuestionKind::Technical)
    }

    #[test]
    fn a_bare_claim_has_no_reasoning() {
        let m = measure_on("A cache in front of the database is good.", &target());
        assert!(m.reasons.is_empty(), "{:?}", m.reasons);
        assert_eq!(m.reasoning, 0.0);
    }

    #[test]
    fn causes_and_tradeoffs_raise_reasoning() {
        let m = measure_on(
            "I would add a cache because most reads repeat, which means the database does less work. \
             The trade-off is stale data, so I would set a short TTL rather than invalidate by hand.",
            &target(),
        );
        let labels: Vec<&str> = m.reasons.iter().map(|f| f.label.as_str()).collect();
        assert!(labels.contains(&"reasoning: cause"), "{labels:?}");
        assert!(labels.contains(&"reasoning: trade-off"), "{labels:?}");
        assert!(m.reasoning > 0.6, "reasoning {}", m.reasoning);
    }

    #[test]
    fn a_plain_contrast_word_counts_less_than_an_explicit_tradeoff() {
        let weak = measure_on("A cache helps reads of the database, but writes get harder.", &target());
        let strong = measure_on("A cache helps reads of the database; the downside is harder writes.", &target());
        assert!(weak.reasoning > 0.0);
        assert!(weak.reasoning < strong.reasoning, "{} vs {}", weak.reasoning, strong.reasoning);
        assert!((weak.reasoning - saturate(TRADEOFF_WEIGHT * WEAK_MARKER, REASONING_SCALE)).abs() < 1e-12);
    }
}
