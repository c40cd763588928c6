//! The answer's words by stem: [`StemIndex`] maps each key (a stem, an equivalence-group key, a
//! WordNet group key, a complexity class) to the token positions that say it, and [`StemIndex::lookup`]
//! finds a stem exactly or through a derivational relative sharing a long prefix.
//!
//! Whether prefix relatives are looked up is decided when the index is built (from
//! [`Features::prefixes`](crate::score::target::Features::prefixes)) and travels with it.

use crate::text::hash::FastMap as HashMap;

/// Stems shorter than this never match by prefix (`state` must not match `stateless`).
/// (Hand-set when prefix matching was introduced, commit 977d3b5; no tuning is recorded. Checked
/// against the dev sets by `make accuracy`.)
pub(super) const PREFIX_MIN: usize = 6;
/// A prefix relative may be at most this many bytes longer (a derivational suffix, not a new word).
/// (Hand-set with [`PREFIX_MIN`]; checked against the dev sets by `make accuracy`.)
pub(super) const PREFIX_MAX_EXTRA: usize = 3;

/// The answer's usable tokens by stem (and by synonym and WordNet group key): each key's positions,
/// ascending, in one flat list (no list per key), and the keys that can extend a stem for the prefix
/// look-ups of [`StemIndex::lookup`] (plain words longer than [`PREFIX_MIN`], in no particular order:
/// a look-up scans them, which costs less than sorting every key).
pub(super) struct StemIndex<'a> {
    /// Key → its slot.
    slots: HashMap<&'a str, usize>,
    /// Positions of slot `s`: `positions[starts[s]..starts[s + 1]]`.
    starts: Vec<usize>,
    positions: Vec<usize>,
    long_keys: Vec<&'a str>,
    /// Whether [`StemIndex::lookup`] falls back on prefix relatives.
    prefixes: bool,
}

/// A [`StemIndex`] being filled: (slot, position) pairs in the order they are pushed.
pub(super) struct StemIndexBuilder<'a> {
    slots: HashMap<&'a str, usize>,
    entries: Vec<(usize, usize)>,
    prefixes: bool,
}

impl<'a> StemIndex<'a> {
    /// An empty index for about `n` tokens; `prefixes` turns prefix look-ups on.
    pub(super) fn with_capacity(n: usize, prefixes: bool) -> StemIndexBuilder<'a> {
        StemIndexBuilder {
            slots: HashMap::with_capacity_and_hasher(n, Default::default()),
            entries: Vec::with_capacity(n + n / 4),
            prefixes,
        }
    }

    /// The positions of a key (never empty).
    pub(super) fn get(&self, key: &str) -> Option<&[usize]> {
        let &s = self.slots.get(key)?;
        self.positions.get(*self.starts.get(s)?..*self.starts.get(s + 1)?)
    }

    /// Positions of a stem in the answer: exact, else (with prefixes on) a derivational relative
    /// sharing a long prefix (Porter2 leaves `transaction`/`transact`, `replication`/`replic` apart).
    pub(super) fn lookup(&self, stem: &str) -> Option<&[usize]> {
        if let Some(p) = self.get(stem) {
            return Some(p);
        }
        let plain = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase());
        if !self.prefixes || stem.len() < PREFIX_MIN || !plain(stem) {
            return None;
        }
        // The answer's word is shorter: try the stem's own prefixes.
        for cut in (stem.len().saturating_sub(PREFIX_MAX_EXTRA).max(PREFIX_MIN)..stem.len()).rev() {
            if let Some(p) = stem.get(..cut).and_then(|k| self.get(k)) {
                return Some(p);
            }
        }
        // The answer's word is longer: the shortest key that extends the stem by a suffix (the first
        // in alphabetical order among equally short ones).
        self.long_keys
            .iter()
            .filter(|k| k.len() > stem.len() && k.len() - stem.len() <= PREFIX_MAX_EXTRA && k.starts_with(stem))
            .min_by_key(|k| (k.len(), **k))
            .and_then(|k| self.get(k))
    }
}

impl<'a> StemIndexBuilder<'a> {
    pub(super) fn push(&mut self, key: &'a str, position: usize) {
        let next = self.slots.len();
        let slot = *self.slots.entry(key).or_insert(next);
        self.entries.push((slot, position));
    }

    pub(super) fn finish(self) -> StemIndex<'a> {
        let n = self.slots.len();
        // Counting sort by slot: each slot's positions keep the order they were pushed in.
        let mut starts = vec![0usize; n + 1];
        for &(s, _) in &self.entries {
            starts[s + 1] += 1;
        }
        for s in 0..n {
            starts[s + 1] += starts[s];
        }
        let mut fill = starts.clone();
        let mut positions = vec![0usize; self.entries.len()];
        for &(s, p) in &self.entries {
            positions[fill[s]] = p;
            fill[s] += 1;
        }
        for s in 0..n {
            // Stems are indexed in token order; only keys that also got group positions need sorting.
            let v = &mut positions[starts[s]..starts[s + 1]];
            if !v.windows(2).all(|w| w[0] <= w[1]) {
                crate::sort::sort(v);
            }
        }
        let long_keys = self
            .slots
            .keys()
            .copied()
            .filter(|k| k.len() > PREFIX_MIN && k.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        StemIndex { slots: self.slots, starts, positions, long_keys, prefixes: self.prefixes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(entries: &[(&'static str, usize)], prefixes: bool) -> StemIndex<'static> {
        let mut b = StemIndex::with_capacity(entries.len(), prefixes);
        for &(k, p) in entries {
            b.push(k, p);
        }
        b.finish()
    }

    #[test]
    fn positions_come_back_ascending_per_key() {
        let ix = index(&[("cach", 4), ("shard", 1), ("cach", 0), ("cach", 9)], true);
        assert_eq!(ix.get("cach"), Some(&[0, 4, 9][..]));
        assert_eq!(ix.get("shard"), Some(&[1][..]));
        assert_eq!(ix.get("replic"), None);
    }

    #[test]
    fn a_long_stem_finds_its_derivational_relatives_both_ways() {
        // The answer says "transact", the point "transaction" (and the other way round).
        let ix = index(&[("transact", 2)], true);
        assert_eq!(ix.lookup("transaction"), Some(&[2][..]));
        assert_eq!(ix.lookup("transactional"), None, "five letters more are a new word, not a suffix");
        let ix = index(&[("replication", 5)], true);
        assert_eq!(ix.lookup("replicati"), Some(&[5][..]));
    }

    #[test]
    fn short_stems_and_switched_off_prefixes_match_exactly_only() {
        let ix = index(&[("stateless", 3)], true);
        assert_eq!(ix.lookup("state"), None, "shorter than PREFIX_MIN");
        let ix = index(&[("transact", 2)], false);
        assert_eq!(ix.lookup("transacti"), None, "prefixes off");
        assert_eq!(ix.lookup("transact"), Some(&[2][..]));
    }
}
