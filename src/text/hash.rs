//! A small, fast, deterministic hasher for the engine's internal maps of short strings and indices
//! (the Fx hash used inside rustc). Not for untrusted keys where collisions could be forced at scale;
//! the maps here are bounded by the input size limit.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail as a little-endian word padded with zeros, byte by byte (a copy of a
            // variable length would be a `memcpy` call per hashed string).
            let w = rest.iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.add(w);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written: each 8-byte chunk, then the tail copied into a zeroed word.
    fn reference(bytes: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            h.add(u64::from_le_bytes(w));
        }
        h.hash
    }

    #[test]
    fn hashes_are_those_of_the_padded_word_version() {
        let text = b"replication lag across availability zones \xe2\x80\x94 p99";
        for n in 0..text.len() {
            let mut h = FxHasher::default();
            h.write(&text[..n]);
            assert_eq!(h.finish(), reference(&text[..n]), "{n} bytes");
        }
    }
}
