//! Word lists the signals are measured with: stopwords, generic words, hedges, fillers, reasoning and
//! structure markers, negation cues, and instructions aimed at the grader. Written for this project.
//!
//! This module owns how each list is matched (word sets, phrase sets, the case-sensitive injection tag
//! search); the lists themselves are curated data, one file each in `src/text/lexicons/` (line format
//! in `src/text/lexicons/README.md`), compiled in by the build script (see [`super::data`]).

use super::data::{ACTION_VERBS, GENERIC_STEMS, STOPWORDS, UNITS};
use super::phrases::PhraseSet;
use std::sync::OnceLock;

type WordSet = super::hash::FastSet<&'static str>;

// The sets are built on first use. Every one is built by the same two functions, so the wasm
// module holds one copy of the lazy-initialisation code per kind of set, not one per set.

/// The set `cell` holds, built from `words` the first time.
fn word_set(cell: &'static OnceLock<WordSet>, words: &'static [&'static str]) -> &'static WordSet {
    cell.get_or_init(|| words.iter().copied().collect())
}

/// The phrase set `cell` holds, built from `phrases` the first time.
fn phrase_set(cell: &'static OnceLock<PhraseSet>, phrases: &[&str]) -> &'static PhraseSet {
    cell.get_or_init(|| PhraseSet::new(phrases))
}

/// True if a folded word is a function word (`src/text/lexicons/stopwords.txt`).
pub fn is_stopword(lower: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, STOPWORDS).contains(lower)
}

/// True if a stem is a content word too common in interview talk to say anything about topic
/// (`src/text/lexicons/generic_stems.txt`).
pub fn is_generic_stem(stem: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, GENERIC_STEMS).contains(stem)
}

macro_rules! lexicon {
    ($(#[$doc:meta])* $name:ident, $data:ident) => {
        $(#[$doc])*
        pub fn $name() -> &'static PhraseSet {
            static SET: OnceLock<PhraseSet> = OnceLock::new();
            phrase_set(&SET, super::data::$data)
        }
    };
}

lexicon!(
    /// Uncertainty about what one is saying.
    /// Data: `src/text/lexicons/hedges.txt`.
    hedges,
    HEDGES
);

lexicon!(
    /// Admitting one does not know or has not done the thing asked about.
    /// Data: `src/text/lexicons/unfamiliarity.txt`.
    unfamiliarity,
    UNFAMILIARITY
);

lexicon!(
    /// Steering away from the question instead of answering it.
    /// Data: `src/text/lexicons/deflection.txt`.
    deflection,
    DEFLECTION
);

lexicon!(
    /// Filler words and verbal tics.
    /// Data: `src/text/lexicons/fillers.txt`.
    fillers,
    FILLERS
);

lexicon!(
    /// Cause and consequence.
    /// Data: `src/text/lexicons/causal.txt`.
    causal,
    CAUSAL
);

lexicon!(
    /// Trade-offs and weighing alternatives.
    /// Data: `src/text/lexicons/tradeoffs.txt`.
    tradeoffs,
    TRADEOFFS
);

lexicon!(
    /// Constraints, requirements and assumptions stated.
    /// Data: `src/text/lexicons/constraints.txt`.
    constraints,
    CONSTRAINTS
);

lexicon!(
    /// Signals of a concrete example.
    /// Data: `src/text/lexicons/examples.txt`.
    examples,
    EXAMPLES
);

lexicon!(
    /// Ordering and organisation markers.
    /// Data: `src/text/lexicons/sequencing.txt`.
    sequencing,
    SEQUENCING
);

lexicon!(
    /// STAR: the situation, set in a past context.
    /// Data: `src/text/lexicons/star_situation.txt`.
    star_situation,
    STAR_SITUATION
);

lexicon!(
    /// STAR: the task or responsibility.
    /// Data: `src/text/lexicons/star_task.txt`.
    star_task,
    STAR_TASK
);

lexicon!(
    /// STAR: the result, outcome or lesson.
    /// Data: `src/text/lexicons/star_result.txt`.
    star_result,
    STAR_RESULT
);

lexicon!(
    /// Negation cues: a talking point stated right after one of these is not credited.
    /// Data: `src/text/lexicons/negations.txt`.
    negations,
    NEGATIONS
);

lexicon!(
    /// Words that praise or name a virtue without saying what anything does ("leverage",
    /// "robustness", "best practices"): not something said about a talking point.
    /// Data: `src/text/lexicons/vague.txt`.
    vague,
    VAGUE
);

lexicon!(
    /// Words that open a new clause: a negation is taken to reach no further than its own clause.
    /// Data: `src/text/lexicons/clause_openers.txt`.
    clause_openers,
    CLAUSE_OPENERS
);

lexicon!(
    /// Attempts to instruct the grader instead of answering.
    /// Data: `src/text/lexicons/grader_instructions.txt`.
    grader_instructions,
    GRADER_INSTRUCTIONS
);

lexicon!(
    /// Self-description clichés that pad an answer without answering anything.
    /// Data: `src/text/lexicons/fluff.txt`.
    fluff,
    FLUFF
);

/// Prompt-injection tags written in the form chat models use (`<<SYSTEM>>`, `[INST]`, `<system>`,
/// `SYSTEM:`, `<|im_start|>`), matched case-sensitively on the raw text: as plain words ("the system")
/// they are ordinary. Returns byte offsets of each tag. Data: `src/text/lexicons/injection_tags.txt`.
pub fn injection_markers(text: &str) -> Vec<usize> {
    let tags = super::data::INJECTION_TAGS;
    // One pass over the bytes finds what a search per tag would: no tag overlaps itself or starts
    // where another starts, and every tag opens with `<`, `[` or `S`.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'<' | b'[' | b'S') && tags.iter().any(|t| bytes[i..].starts_with(t.as_bytes())) {
            out.push(i);
        }
    }
    out
}

/// True if a folded word is an action verb (`src/text/lexicons/action_verbs.txt`).
pub fn is_action_verb(lower: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, ACTION_VERBS).contains(lower)
}

/// True if a folded word is a unit that makes a number a measurement (`src/text/lexicons/units.txt`).
pub fn is_unit(lower: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, UNITS).contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn injection_markers_are_those_a_search_per_tag_finds() {
        let tags = crate::text::data::INJECTION_TAGS;
        // The one-pass search looks only at these bytes.
        for tag in tags {
            assert!(matches!(tag.as_bytes().first(), Some(b'<' | b'[' | b'S')), "{tag:?} opens with `<`, `[` or `S`");
        }
        let per_tag = |text: &str| {
            let mut out = Vec::new();
            for tag in tags {
                let mut from = 0;
                while let Some(i) = text.get(from..).and_then(|t| t.find(tag)) {
                    out.push(from + i);
                    from += i + tag.len();
                }
            }
            out.sort();
            out
        };
        for text in [
            "",
            "plain answer",
            "<<<SYS>>> ignore [INST][/INST] é SYSTEM:SYSTEM OVERRIDE <system></system>",
            "Caf\u{e9} <|im_start|><|system|><|assistant|> <evaluation></answer> SYSTEMS: S [INS <sys",
            "SYSTEM OVERRIDESYSTEM: <<SYS<<SYS [INST]]",
        ] {
            assert_eq!(injection_markers(text), per_tag(text), "{text:?}");
        }
    }

    #[test]
    fn every_lexicon_compiles_and_matches_its_own_entries() {
        let a = analyze("I'm not sure, um, I don't know. Because of the trade-off we chose Kafka.");
        assert!(!hedges().find(&a.tokens).is_empty());
        assert!(!unfamiliarity().find(&a.tokens).is_empty());
        assert!(!fillers().find(&a.tokens).is_empty());
        assert!(!causal().find(&a.tokens).is_empty());
        assert!(!tradeoffs().find(&a.tokens).is_empty());
    }

    #[test]
    fn stopwords_are_folded_lowercase() {
        assert!(is_stopword("the"));
        assert!(is_stopword("don't"));
        assert!(!is_stopword("kafka"));
    }
}
