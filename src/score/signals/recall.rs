//! Key recall (grading against a model answer): how much of the model answer's content the answer
//! says, over the whole key at once. Unit matching ([`super::points`]) asks whether each sentence
//! of the key was made; recall also credits an answer that says most of the key's words in its own
//! order and grammar, spelled a little wrong, or with the question's words left implicit — the
//! way people answer short questions ("terminal 1 is connetced to terminal 4" for "Terminals 1
//! and 4 are connected").
//!
//! Each distinct content word of the key counts with its informativeness weight; words the question
//! already says count [`QUESTION_WORD_WEIGHT`] of that (an answer need not repeat the question,
//! but saying them is still part of the answer). A word is said when the answer has its stem, a
//! member of its hand synonym group, or a near-miss spelling of it ([`TYPO_CREDIT`]). Words of a
//! unit the answer contradicts (negated, inverted) are not credited.

use super::{Context, PointResult};
use crate::score::target::Basis;
use crate::text::hash::FastSet as HashSet;
use crate::text::{complexity, synonyms};

/// Weight of a key word the question already says, relative to a new one. Chosen on the real
/// development set (`../shared/data/semeval2013-train.jsonl`): 0 (words of the question ignored),
/// 0.3 and 1 gave ROC AUC of bare recall 0.696 / 0.749 / 0.719 on SciEntsBank and 0.741 / 0.754 /
/// 0.750 on Beetle; 0.3 is best on both.
pub const QUESTION_WORD_WEIGHT: f64 = 0.3;

/// Credit for a key word the answer spells one edit away ("connetced"), against 1 for the word.
/// Hand-set: most such words are misspellings of the key word, a few are other words.
pub const TYPO_CREDIT: f64 = 0.8;

/// Function words that carry the claim of a short answer ("they are in the *same* path", "*more*
/// current", "the gap is *between* 2 and 3"). They are stopwords for every other purpose; in a
/// model answer they are key words like any other (weight 1: they are not rare, but they are what
/// the answer turns on).
pub static RELATION_WORDS: crate::text::WordList =
    crate::text::WordList::new("above after against before below between both each every few less more most no not only other over same under without");

/// Most distinct words an answer may have for near-miss spellings to be looked for (each key word
/// is compared with each of the answer's words; a short answer is where a typo costs most).
const TYPO_MAX_WORDS: usize = 400;

/// Shortest stem compared for near-miss spelling: shorter stems are other words one edit away
/// ("bulb" / "bulk" aside, "gap" / "cap", "on" / "an").
const TYPO_MIN_LEN: usize = 5;

/// The weighted share of the key's content words the answer says (0–1); 0 when not grading
/// against a model answer.
pub(super) fn key_recall(cx: &Context<'_>, points: &[PointResult], opposites: &[(usize, &'static str)]) -> f64 {
    if !matches!(cx.target.basis, Basis::Reference) {
        return 0.0;
    }
    let toks = cx.toks;
    // The answer's words, and those it says by denying their opposite ("not the same": "different").
    let said: HashSet<&str> =
        cx.content_tokens.iter().map(|&i| toks[i].stem.as_str()).chain(opposites.iter().map(|&(_, s)| s)).collect();
    let groups: HashSet<&str> = cx.synonym_hits().iter().map(|&(g, _, _)| synonyms::group_key(g)).collect();
    // Near-miss spellings are looked for among the answer's longer words, and only in answers of
    // a size where a word-by-word comparison stays cheap (short answers are where typos cost).
    let long: Vec<&str> = if said.len() <= TYPO_MAX_WORDS {
        said.iter().copied().filter(|s| s.len() >= TYPO_MIN_LEN).collect()
    } else {
        Vec::new()
    };
    let contradicted = |i: usize| points.iter().any(|p| p.index == i && p.negated);
    let mut seen: HashSet<&str> = HashSet::default();
    let (mut total, mut got) = (0.0, 0.0);
    // Units whose words must be said in the right place: a comparison's words said of the right
    // subject, a complexity class not replaced by another. The unit matcher checks that; their
    // words count only as far as it credits the unit ("a semaphore admits one thread" against "a
    // mutex admits one thread" says every word, of the wrong subject).
    let structured: HashSet<usize> = cx
        .target
        .key_bag
        .iter()
        .filter(|(b, _)| b.subject.is_some() || complexity::is_key(&b.stem))
        .filter_map(|&(_, u)| u)
        .collect();
    for (b, unit) in cx.target.key_bag.iter() {
        if !seen.insert(b.stem.as_str()) {
            continue;
        }
        let w = b.weight * if cx.target.question_stems.contains(&b.stem) { QUESTION_WORD_WEIGHT } else { 1.0 };
        total += w;
        if unit.is_some_and(contradicted) {
            continue;
        }
        let direct = if unit.is_some_and(|u| structured.contains(&u)) {
            0.0
        } else if said.contains(b.stem.as_str()) || b.groups.iter().any(|g| groups.contains(g.as_str())) {
            1.0
        } else if long.iter().any(|a| one_edit(a.as_bytes(), b.stem.as_bytes())) {
            TYPO_CREDIT
        } else {
            0.0
        };
        // A unit made in other words (WordNet, alignment, the semantic model) says its words.
        let unit_credit = unit.and_then(|u| points.iter().find(|p| p.index == u)).map_or(0.0, |p| p.credit);
        got += w * direct.max(unit_credit);
    }
    // The relation words of the key, said anywhere in the answer (not after "not": a denied unit's
    // words are left out above, and these are few).
    let relations: HashSet<&str> = (0..toks.len())
        .filter(|&i| cx.usable(i) && toks[i].stop && RELATION_WORDS.contains(&toks[i].lower))
        .map(|i| toks[i].lower.as_str())
        .collect();
    for w in cx.target.key_relations.iter() {
        total += 1.0;
        if relations.contains(w.as_str()) {
            got += 1.0;
        }
    }
    if total > 0.0 {
        (got / total).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The weighted share of the answer's own distinct content words that the model answer or the
/// question says (by stem, hand synonym group or near-miss spelling): 1 when all it says is about
/// the key, near 0 for an answer about something else that shares only common words with a long
/// key. 0 when not grading against a model answer or the answer has no content words.
pub(super) fn key_share(cx: &Context<'_>) -> f64 {
    if !matches!(cx.target.basis, Basis::Reference) {
        return 0.0;
    }
    let toks = cx.toks;
    let key: HashSet<&str> = cx.target.key_bag.iter().map(|(b, _)| b.stem.as_str()).collect();
    let key_groups: HashSet<&str> =
        cx.target.key_bag.iter().flat_map(|(b, _)| b.groups.iter().map(String::as_str)).collect();
    // Per token: inside an equivalent phrasing of a group the key says.
    let mut in_key_group = vec![false; toks.len()];
    for &(g, s, e) in cx.synonym_hits() {
        if key_groups.contains(synonyms::group_key(g)) {
            for f in in_key_group.iter_mut().take(e).skip(s) {
                *f = true;
            }
        }
    }
    let in_group = |i: usize| in_key_group.get(i).copied().unwrap_or(false);
    let mut seen: HashSet<&str> = HashSet::default();
    let (mut total, mut got) = (0.0, 0.0);
    for &i in &cx.content_tokens {
        let stem = toks[i].stem.as_str();
        if !seen.insert(stem) {
            continue;
        }
        let w = crate::score::target::stem_weight(stem);
        total += w;
        let said = key.contains(stem)
            || cx.target.question_stems.contains(stem)
            || in_group(i)
            || (stem.len() >= TYPO_MIN_LEN && key.iter().any(|k| one_edit(stem.as_bytes(), k.as_bytes())));
        if said {
            got += w;
        }
    }
    if total > 0.0 {
        got / total
    } else {
        0.0
    }
}

/// Whether two words are one edit apart: one byte inserted, deleted or replaced, or two adjacent
/// bytes swapped ("connetced"). Both at least [`TYPO_MIN_LEN`] long; equal words are not.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len() < TYPO_MIN_LEN || b.len() < TYPO_MIN_LEN || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // (equal words are not one edit apart)
        if start == short.len() {
            return false;
        }
        let (ra, rb) = (&short[start + 1..], &long[start + 1..]);
        // one replaced, or two adjacent swapped
        ra == rb
            || (start + 1 < short.len()
                && short[start] == long[start + 1]
                && short[start + 1] == long[start]
                && ra[1..] == rb[1..])
    } else {
        short[start..] == long[start + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::measure_on;
    use crate::score::Target;
    use crate::transcript::QuestionKind;

    fn key(question: &str, reference: &str) -> Target {
        Target::from_reference(question, reference, QuestionKind::Technical)
    }

    #[test]
    fn words_in_another_order_and_spelling_are_recalled() {
        let t = key(
            "Explain why you got a voltage reading of 0 for terminal 1 and terminal 4.",
            "Terminals 1 and 4 are connected",
        );
        assert!(measure_on("terminal 1 is connetced to terminal 4", &t).key_recall > 0.8);
        assert!(measure_on("terminal 1 is connected to terminal 4", &t).key_recall > 0.95);
        assert!(measure_on("there is a gap between them", &t).key_recall < 0.4);
    }

    #[test]
    fn the_question_words_count_for_less_and_a_denied_unit_for_nothing() {
        let t = key(
            "What happens to the pitch when the string is longer?",
            "The pitch gets lower when the string is longer.",
        );
        let terse = measure_on("It gets lower.", &t).key_recall;
        let echo = measure_on("The pitch of a longer string.", &t).key_recall;
        assert!(terse > echo, "the new word weighs more than the question's: {terse} vs {echo}");
        let denied = measure_on("The pitch does not get lower when the string is longer.", &t).key_recall;
        assert!(denied < terse, "{denied} vs {terse}");
    }

    #[test]
    fn a_model_answer_is_read_with_the_polarity_an_answer_is_read_with() {
        // The key denies its whole clause ("contains little or no vitamin C"), as an answer's
        // negation does: an answer that denies it the same way agrees with it.
        let t = key(
            "They tested drinks for vitamin C. Why didn't the indophenol change color with Fruitsnap?",
            "Fruitsnap contains little or no vitamin C so Fruitsnap does not change the color of the indophenol.",
        );
        let agree = measure_on("Fruitsnap probably contains no vitamin C.", &t);
        assert!(agree.key_recall > 0.6 && agree.points.iter().all(|p| !p.negated), "{agree:?}");
        // "Not the same" says "different"; comparatives say their adjective.
        let t = key("Explain your reasoning.", "A and C are in different paths with the battery");
        assert!(measure_on("Bulb A is not in the same path as bulb C.", &t).key_recall > 0.8);
        let t = key("How is the sound different?", "If the string is shorter, the pitch will be higher.");
        assert!(measure_on("The short string sounds high.", &t).key_recall > 0.8);
    }

    #[test]
    fn no_recall_without_a_model_answer() {
        let t = Target::from_question("Why cache?", QuestionKind::Technical);
        assert_eq!(measure_on("A cache keeps hot data close.", &t).key_recall, 0.0);
    }

    #[test]
    fn near_misses_are_one_edit_between_long_enough_words() {
        let one = |a: &str, b: &str| super::one_edit(a.as_bytes(), b.as_bytes());
        assert!(one("connetc", "connect"), "a swap");
        assert!(one("connct", "connect") && one("connects", "connect"), "a deletion, an insertion");
        assert!(one("cannect", "connect"), "a replacement");
        assert!(!one("collect", "connect"), "two edits away");
        assert!(!one("connect", "connect"), "the same word is no near miss");
        assert!(!one("gap", "cap"), "short words are other words");
    }
}
