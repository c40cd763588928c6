//! Specificity (on-topic sentences only): measurements ("40 ms", "3x"), bare numbers, named
//! technologies, signals of a concrete example ("for instance"), and the candidate's own actions
//! ("I migrated", "we added"); each kind counts up to a cap, and their weighted sum saturates.

use super::topic::Topic;
use super::{saturate, Context, Found};
use crate::text::phrases::PhraseHit;
use crate::text::{hash::FastSet as HashSet, lexicon, skills, Analysis};

// Weight of each kind of detail, and how many of it count (the first few show specificity; more of
// the same adds nothing). All hand-set in the first scoring engine (commit 977d3b5); no tuning is
// recorded. They are checked against the dev sets by `make accuracy`.

/// Weight of a measurement (a number with a unit).
const MEASUREMENT_WEIGHT: f64 = 0.5;
/// Measurements counted at most.
const MEASUREMENT_CAP: f64 = 4.0;
/// Weight of a bare number (no unit): half a measurement.
const NUMBER_WEIGHT: f64 = 0.25;
/// Bare numbers counted at most.
const NUMBER_CAP: f64 = 3.0;
/// Weight of a named technology (each counted once).
const TECHNOLOGY_WEIGHT: f64 = 0.35;
/// Distinct technologies counted at most.
const TECHNOLOGY_CAP: f64 = 8.0;
/// Weight of a signal of a concrete example ("for example", "in production").
const EXAMPLE_WEIGHT: f64 = 0.45;
/// Example signals counted at most.
const EXAMPLE_CAP: f64 = 3.0;
/// Weight of an own action ("I migrated", "we rolled back").
const ACTION_WEIGHT: f64 = 0.25;
/// Own actions counted at most.
const ACTION_CAP: f64 = 6.0;
/// The weighted sum at which specificity is `1 − 1/e` (≈ 0.63): see [`saturate`].
const SPECIFICITY_SCALE: f64 = 2.0;
/// How many tokens after "I" / "we" an action verb may come ("I quickly migrated").
const ACTION_VERB_REACH: usize = 2;
/// A number this short at the start of a sentence numbers a list item ("1." "2)" "10.").
const LIST_MARKER_MAX_LEN: usize = 2;

/// Numbers said in words (see [`specificity`]).
static NUMBER_WORDS: crate::text::WordList = crate::text::WordList::new(
    "two three four five six seven eight nine ten twenty fifty hundred thousand million billion dozen half",
);

/// The specifics found and the specificity signal.
#[derive(Debug, Default)]
pub(super) struct Specificity {
    /// Measurements, numbers, technologies and own actions, in that order.
    pub specifics: Vec<Found>,
    pub specificity: f64,
}

/// Measures specificity over the on-topic sentences.
pub(super) fn specificity(cx: &Context<'_>, topic: &Topic) -> Specificity {
    let (toks, a) = (cx.toks, cx.a);
    let mut specifics = Vec::new();
    let mut n_meas = 0.0f64;
    let mut n_bare = 0.0f64;
    for (i, t) in toks.iter().enumerate() {
        // (Only a number, in digits or words, is looked at further: most tokens are neither.)
        let number_word = !t.numeric && NUMBER_WORDS.contains(&t.lower);
        if !t.numeric && !number_word {
            continue;
        }
        let unit_next =
            toks.get(i + 1).map(|n| n.sentence == t.sentence && lexicon::is_unit(&n.lower)).unwrap_or(false);
        // A number said in words counts when a unit follows ("ten percent", "five minutes"): spoken
        // answers and transcripts spell numbers out; alone, "one" or "two" is mostly not a figure.
        let spelled = unit_next && number_word;
        if !(t.numeric || spelled) || !topic.has(i) || is_list_marker(a, i) {
            continue;
        }
        let unit_glued = !t.lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').is_empty();
        if unit_next || unit_glued {
            n_meas += 1.0;
            specifics.push(Found {
                start: i,
                end: i + 1 + usize::from(unit_next),
                label: "specific: measurement".into(),
            });
        } else {
            n_bare += 1.0;
            specifics.push(Found { start: i, end: i + 1, label: "specific: number".into() });
        }
    }
    let mut techs: HashSet<&'static str> = HashSet::default();
    for sk in skills::find_skills(cx.text) {
        // Tokens are sorted by offset: binary search keeps this linear in the answer (a scan per
        // skill made a 1 MiB answer take ~10 s).
        let ti = toks.partition_point(|t| t.end <= sk.start);
        if ti >= toks.len() {
            continue;
        }
        let tj = toks.partition_point(|t| t.start < sk.end).max(ti + 1);
        if topic.has(ti) && techs.insert(sk.name) {
            specifics.push(Found { start: ti, end: tj, label: format!("specific: {}", sk.name) });
        }
    }
    let ex_hits: Vec<PhraseHit> =
        lexicon::examples().find_keyed(toks, &cx.keys).into_iter().filter(|h| topic.has(h.start)).collect();
    let mut n_act = 0.0f64;
    for i in 0..toks.len() {
        if !topic.has(i) || !(toks[i].lower == "i" || toks[i].lower == "we") {
            continue;
        }
        let verb = (1..=ACTION_VERB_REACH)
            .filter_map(|d| toks.get(i + d))
            .find(|n| n.sentence == toks[i].sentence && lexicon::is_action_verb(&n.lower));
        if let Some(v) = verb {
            n_act += 1.0;
            let end = (i + 1..toks.len()).find(|&j| std::ptr::eq(&toks[j], v)).map(|j| j + 1).unwrap_or(i + 1);
            specifics.push(Found { start: i, end, label: "specific: own action".into() });
        }
    }
    let spec_raw = MEASUREMENT_WEIGHT * n_meas.min(MEASUREMENT_CAP)
        + NUMBER_WEIGHT * n_bare.min(NUMBER_CAP)
        + TECHNOLOGY_WEIGHT * (techs.len() as f64).min(TECHNOLOGY_CAP)
        + EXAMPLE_WEIGHT * (ex_hits.len() as f64).min(EXAMPLE_CAP)
        + ACTION_WEIGHT * n_act.min(ACTION_CAP);
    Specificity { specifics, specificity: saturate(spec_raw, SPECIFICITY_SCALE) }
}

/// A number that only numbers a list item ("1." or "2)" at the start of a line).
fn is_list_marker(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    let first_in_sentence = a.sentences.get(t.sentence).map(|s| s.first_token == i).unwrap_or(false);
    first_in_sentence && t.lower.len() <= LIST_MARKER_MAX_LEN
}

#[cfg(test)]
mod tests {
    use super::super::testing::measure_on;
    use crate::score::Target;
    use crate::transcript::QuestionKind;

    fn target() -> Target {
        Target::from_question("How did you make the checkout service faster?", QuestionKind::Project)
    }

    fn labels(answer: &str) -> (Vec<String>, f64) {
        let m = measure_on(answer, &target());
        (m.specifics.iter().map(|f| f.label.clone()).collect(), m.specificity)
    }

    #[test]
    fn a_vague_answer_has_no_specifics() {
        let (l, s) = labels("We made things better in general and it went well.");
        assert!(l.is_empty(), "{l:?}");
        assert_eq!(s, 0.0);
    }

    #[test]
    fn measurements_technologies_and_own_actions_are_found_and_raise_specificity() {
        let (l, s) = labels(
            "I migrated the checkout service to Redis and cut p99 latency from 400 ms to 120 ms, \
             for example on the payment page.",
        );
        assert!(l.iter().any(|x| x == "specific: measurement"), "{l:?}");
        assert!(l.iter().any(|x| x == "specific: own action"), "{l:?}");
        assert!(l.iter().any(|x| x.to_lowercase() == "specific: redis"), "{l:?}");
        let (_, vague) = labels("We made the checkout service faster with a cache.");
        assert!(s > vague + 0.3, "{s} vs {vague}");
    }

    #[test]
    fn a_number_said_in_words_counts_with_its_unit_only() {
        let (l, _) = labels("The checkout service idled at ten percent CPU, so we cut it by half within five minutes.");
        assert_eq!(l.iter().filter(|x| *x == "specific: measurement").count(), 2, "{l:?}");
        let (l, _) = labels("We had two ideas for the checkout service and picked one.");
        assert!(!l.iter().any(|x| x.starts_with("specific: m") || x == "specific: number"), "{l:?}");
    }

    #[test]
    fn a_list_number_is_not_a_specific() {
        let (l, _) = labels("1. Profile the checkout service.\n2. Cache the slow queries.");
        assert!(!l.iter().any(|x| x == "specific: number"), "{l:?}");
    }

    #[test]
    fn more_of_the_same_kind_adds_nothing_past_the_cap() {
        let (_, four) = labels("Latency went from 400 ms to 300 ms, then 200 ms, then 100 ms.");
        let (_, six) = labels("Latency went from 400 ms to 300 ms, then 200 ms, then 100 ms, then 90 ms, then 80 ms.");
        assert!((four - six).abs() < 1e-12, "{four} vs {six}");
    }
}
