//! Phrase matching over a token sequence: a lexicon of multi-word phrases indexed by first word,
//! matched case-insensitively on folded words, returning token ranges.

use super::hash::FastMap as HashMap;
use super::Token;
use unicode_segmentation::UnicodeSegmentation;

/// A compiled set of phrases (each a sequence of folded words).
#[derive(Debug, Default)]
pub struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// A 1024-bit filter over (first two bytes, length) of every first word: most words of a text
    /// start no phrase, and this rules them out without hashing the word.
    filter: [u64; 16],
}

/// The filter bit of a word: its first two bytes and its length, mixed.
#[inline]
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let (b0, b1) = (b.first().copied().unwrap_or(0) as usize, b.get(1).copied().unwrap_or(0) as usize);
    (b0.wrapping_mul(31).wrapping_add(b1.wrapping_mul(97)).wrapping_add(word.len().wrapping_mul(7))) & 1023
}

/// The filter bit of every token's word, computed once for a text that many phrase sets are
/// matched over (see [`PhraseSet::find_keyed`]).
pub struct WordKeys(Vec<u16>);

impl WordKeys {
    pub fn new(tokens: &[Token]) -> WordKeys {
        WordKeys(tokens.iter().map(|t| filter_bit(&t.lower) as u16).collect())
    }
}

/// One phrase found in a text: the token range `start..end` and the phrase's index in its lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    /// Compiles phrases; each is split into words exactly as texts are (`"trade-off"` is `trade off`).
    pub fn new(phrases: &[&str]) -> PhraseSet {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in phrases {
            let words: Vec<String> = p.unicode_words().map(super::fold).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        // Longest phrases first so the longest match wins.
        let mut filter = [0u64; 16];
        for (first, list) in by_first.iter_mut() {
            crate::sort::sort_by_key(list, |w| std::cmp::Reverse(w.len()));
            let bit = filter_bit(first);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        PhraseSet { by_first, filter }
    }

    /// Every non-overlapping match in `tokens[range]`, left to right, longest first.
    pub fn find_in(&self, tokens: &[Token], range: std::ops::Range<usize>) -> Vec<PhraseHit> {
        self.scan(tokens, range, |i| filter_bit(&tokens[i].lower))
    }

    /// Every match in the whole token list, whose filter bits are `keys` (made from these tokens).
    pub fn find_keyed(&self, tokens: &[Token], keys: &WordKeys) -> Vec<PhraseHit> {
        self.scan(tokens, 0..tokens.len().min(keys.0.len()), |i| usize::from(keys.0[i]))
    }

    fn scan(&self, tokens: &[Token], range: std::ops::Range<usize>, bit_of: impl Fn(usize) -> usize) -> Vec<PhraseHit> {
        let mut hits = Vec::new();
        let end = range.end.min(tokens.len());
        let mut i = range.start;
        while i < end {
            let mut matched = 0;
            let bit = bit_of(i);
            let maybe = self.filter[bit / 64] & (1 << (bit % 64)) != 0;
            if let Some(cands) = if maybe { self.by_first.get(tokens[i].lower.as_str()) } else { None } {
                for words in cands {
                    if i + words.len() <= end && words.iter().zip(&tokens[i..]).all(|(w, t)| *w == t.lower) {
                        matched = words.len();
                        break;
                    }
                }
            }
            if matched > 0 {
                hits.push(PhraseHit { start: i, end: i + matched });
                i += matched;
            } else {
                i += 1;
            }
        }
        hits
    }

    /// Every match in the whole token list.
    pub fn find(&self, tokens: &[Token]) -> Vec<PhraseHit> {
        self.find_in(tokens, 0..tokens.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn longest_phrase_wins_and_matches_do_not_overlap() {
        let set = PhraseSet::new(&["not sure", "i'm not sure", "sure"]);
        let a = analyze("Honestly I'm not sure. Sure, maybe.");
        let hits = set.find(&a.tokens);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (1, 4));
    }

    #[test]
    fn the_first_word_filter_never_hides_a_phrase() {
        let phrases = ["a", "zz", "trade-off", "in other words", "p99", "x", "é", "naïve approach"];
        let set = PhraseSet::new(&phrases);
        let a = analyze("A zz trade-off, in other words p99 x é and a naïve approach. Not here: b, zzz, tradeoff.");
        let found: Vec<String> = set
            .find(&a.tokens)
            .iter()
            .map(|h| a.tokens[h.start..h.end].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(found, ["a", "zz", "trade off", "in other words", "p99", "x", "é", "a", "naïve approach"]);
        assert!(PhraseSet::new(&[]).find(&a.tokens).is_empty());
        assert_eq!(set.find_keyed(&a.tokens, &WordKeys::new(&a.tokens)), set.find(&a.tokens));
    }
}
