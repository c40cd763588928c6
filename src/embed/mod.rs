//! The optional semantic model: static word-piece embeddings (distilled from all-MiniLM-L6-v2 by
//! `scripts/embeddings/build.py`), parsed from a small binary asset, with a WordPiece tokenizer for
//! its vocabulary, word vectors (the mean of a word's pieces, unit length), cosine similarity and a
//! small cache of word vectors.
//!
//! Asset format, version 1 (little-endian):
//!
//! | offset | size | field |
//! | --- | --- | --- |
//! | 0 | 4 | magic `RBEM` |
//! | 4 | 2 | format version (1) |
//! | 6 | 2 | dims |
//! | 8 | 4 | vocabulary size `n` |
//! | 12 | 4 | vocabulary bytes `V` |
//! | 16 | 4 | flags (0) |
//! | 20 | 8 | FNV-1a 64 checksum of every byte after the 32-byte header |
//! | 28 | 4 | `w`: the last `w` pieces are whole words with vectors of their own |
//! | 32 | V | `n` pieces, each a length byte and UTF-8 (`##` marks a word-continuation piece) |
//! | 32+V | 4n | one f32 scale per piece |
//! | 32+V+4n | n×dims | int8 components (value = q × scale) |
//!
//! Parsing never panics: truncated, padded, corrupted or foreign bytes give an [`EmbeddingsError`].
//! The engine works without a model; with one loaded (see [`crate::Engine::load_embeddings`]) and the
//! `embeddings` feature on, talking-point words missing from an answer can earn partial credit from
//! the answer's most similar word (`score::semantic`).

use crate::text::hash::FastMap;
use std::fmt;
use std::sync::{Arc, Mutex};

/// The four bytes every asset starts with.
pub const MAGIC: &[u8; 4] = b"RBEM";
/// The asset format version this engine reads.
pub const FORMAT_VERSION: u16 = 1;
const HEADER_LEN: usize = 32;
/// Largest number of dimensions accepted.
const MAX_DIMS: usize = 1024;
/// Largest vocabulary accepted.
const MAX_VOCAB: usize = 1 << 20;
/// Longest word (in characters) the tokenizer splits; longer ones have no vector (as in BERT).
const MAX_WORD_CHARS: usize = 100;
/// Word vectors kept in the cache before it is emptied.
const CACHE_CAP: usize = 4096;

/// Why an embeddings asset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddingsError(pub String);

impl fmt::Display for EmbeddingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "embeddings: {}", self.0)
    }
}

impl std::error::Error for EmbeddingsError {}

fn err<T>(msg: impl Into<String>) -> Result<T, EmbeddingsError> {
    Err(EmbeddingsError(msg.into()))
}

/// A summary of a loaded model.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EmbeddingsInfo {
    pub dims: usize,
    pub vocabulary: usize,
    pub bytes: usize,
}

/// A parsed static embeddings model.
pub struct Embeddings {
    dims: usize,
    bytes: usize,
    /// The body checksum from the header: names the model in the `engine` field of outputs.
    checksum: u64,
    /// Piece text (with `##` for continuations) → row.
    pieces: FastMap<String, u32>,
    /// Longest piece, in bytes (bounds the tokenizer's search).
    longest: usize,
    /// Rows from this one on are whole words distilled from several pieces (inflections may use them).
    whole_from: u32,
    scales: Vec<f32>,
    data: Vec<i8>,
    cache: Mutex<FastMap<String, Option<Arc<[f32]>>>>,
}

impl fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Embeddings").field("dims", &self.dims).field("vocabulary", &self.scales.len()).finish()
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(w)
}

/// FNV-1a 64 of a byte string (the asset's body checksum).
pub fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in data {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

impl Embeddings {
    /// Parses an asset. Every inconsistency is an error naming what is wrong; nothing panics.
    pub fn parse(bytes: &[u8]) -> Result<Embeddings, EmbeddingsError> {
        if bytes.len() < HEADER_LEN {
            return err(format!("file too short ({} bytes; the header alone is {} bytes)", bytes.len(), HEADER_LEN));
        }
        if &bytes[0..4] != MAGIC {
            return err("not a Rubricate embeddings file (it does not start with RBEM)");
        }
        let version = u16_at(bytes, 4);
        if version != FORMAT_VERSION {
            return err(format!(
                "format version {} is not supported (this engine reads version {})",
                version, FORMAT_VERSION
            ));
        }
        let dims = usize::from(u16_at(bytes, 6));
        let n = u32_at(bytes, 8) as usize;
        let vocab_len = u32_at(bytes, 12) as usize;
        if dims == 0 || dims > MAX_DIMS {
            return err(format!("header: {} dimensions (expected 1 to {})", dims, MAX_DIMS));
        }
        if u32_at(bytes, 16) != 0 {
            return err("header: unknown flags are set (this engine reads flags 0)");
        }
        if n == 0 || n > MAX_VOCAB {
            return err(format!("header: vocabulary of {} pieces (expected 1 to {})", n, MAX_VOCAB));
        }
        let whole = u32_at(bytes, 28) as usize;
        if whole > n {
            return err(format!("header: {} whole words in a vocabulary of {}", whole, n));
        }
        let expected = n
            .checked_mul(dims)
            .and_then(|m| m.checked_add(n.checked_mul(4)?))
            .and_then(|m| m.checked_add(vocab_len))
            .and_then(|m| m.checked_add(HEADER_LEN));
        let Some(expected) = expected else { return err("header: sizes overflow") };
        if bytes.len() < expected {
            return err(format!("file truncated ({} bytes; the header announces {})", bytes.len(), expected));
        }
        if bytes.len() > expected {
            return err(format!(
                "{} unexpected bytes after the data (the header announces {} bytes)",
                bytes.len() - expected,
                expected
            ));
        }
        if fnv1a64(&bytes[HEADER_LEN..]) != u64_at(bytes, 20) {
            return err("checksum mismatch: the file is corrupted");
        }
        let vocab = &bytes[HEADER_LEN..HEADER_LEN + vocab_len];
        let mut pieces: FastMap<String, u32> = FastMap::default();
        pieces.reserve(n);
        let mut longest = 0;
        let mut at = 0usize;
        for row in 0..n {
            let Some(&len) = vocab.get(at) else {
                return err(format!("vocabulary ends after {} of {} pieces", row, n));
            };
            let len = usize::from(len);
            let Some(raw) = vocab.get(at + 1..at + 1 + len) else {
                return err(format!("vocabulary piece {} runs past the vocabulary section", row));
            };
            let Ok(piece) = std::str::from_utf8(raw) else {
                return err(format!("vocabulary piece {} is not UTF-8", row));
            };
            if piece.is_empty() || piece == "##" {
                return err(format!("vocabulary piece {} is empty", row));
            }
            longest = longest.max(piece.len());
            // The first occurrence wins if a piece repeats.
            pieces.entry(piece.to_string()).or_insert(row as u32);
            at += 1 + len;
        }
        if at != vocab_len {
            return err(format!("vocabulary section has {} bytes after its {} pieces", vocab_len - at, n));
        }
        let scale_at = HEADER_LEN + vocab_len;
        let mut scales = Vec::with_capacity(n);
        for i in 0..n {
            let s = f32::from_bits(u32_at(bytes, scale_at + 4 * i));
            if !(s.is_finite() && s > 0.0) {
                return err(format!("scale of piece {} is not a positive number", i));
            }
            scales.push(s);
        }
        let data: Vec<i8> = bytes[scale_at + 4 * n..].iter().map(|&b| b as i8).collect();
        Ok(Embeddings {
            dims,
            bytes: bytes.len(),
            checksum: u64_at(bytes, 20),
            pieces,
            longest,
            whole_from: (n - whole) as u32,
            scales,
            data,
            cache: Mutex::new(FastMap::default()),
        })
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    pub fn info(&self) -> EmbeddingsInfo {
        EmbeddingsInfo { dims: self.dims, vocabulary: self.scales.len(), bytes: self.bytes }
    }

    /// WordPiece rows of a word: lower-cased, common Latin accents folded, split at anything that is
    /// not a letter or digit, then greedy longest-match-first. `None` if any part cannot be split
    /// into known pieces (BERT's `[UNK]`) or nothing is left.
    pub fn piece_ids(&self, word: &str) -> Option<Vec<u32>> {
        let folded = fold_word(word)?;
        // A whole word with a vector of its own, or an inflection of one ("outages" → "outage").
        if let Some(id) = self.whole_word(&folded) {
            return Some(vec![id]);
        }
        let mut ids = Vec::new();
        for part in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
            let mut start = 0;
            while start < part.len() {
                let mut end = part.len().min(start + self.longest);
                let mut found = None;
                while end > start {
                    let key = if start == 0 { part[..end].to_string() } else { format!("##{}", &part[start..end]) };
                    if let Some(&id) = self.pieces.get(&key) {
                        found = Some(id);
                        break;
                    }
                    end -= 1;
                }
                ids.push(found?);
                start = end;
            }
        }
        if ids.is_empty() {
            None
        } else {
            Some(ids)
        }
    }

    fn whole_word(&self, w: &str) -> Option<u32> {
        if let Some(&id) = self.pieces.get(w) {
            return Some(id);
        }
        let base = |stem: &str, add: &str| -> Option<u32> {
            if stem.len() < 3 {
                return None;
            }
            self.pieces.get(&format!("{stem}{add}")).copied().filter(|&id| id >= self.whole_from)
        };
        let strip = |suffix: &str| w.strip_suffix(suffix);
        strip("ies")
            .and_then(|s| base(s, "y"))
            .or_else(|| strip("es").and_then(|s| base(s, "")))
            .or_else(|| strip("s").filter(|s| !s.ends_with('s')).and_then(|s| base(s, "")))
            .or_else(|| strip("ed").and_then(|s| base(s, "").or_else(|| base(s, "e"))))
            .or_else(|| strip("ing").and_then(|s| base(s, "").or_else(|| base(s, "e"))))
    }

    /// The pieces of a word as text (for tests and explanations).
    pub fn tokenize(&self, word: &str) -> Option<Vec<String>> {
        let ids = self.piece_ids(word)?;
        let mut by_row: Vec<Option<&str>> = vec![None; self.scales.len()];
        for (p, &r) in &self.pieces {
            if let Some(slot) = by_row.get_mut(r as usize) {
                *slot = Some(p.as_str());
            }
        }
        ids.iter().map(|&r| by_row.get(r as usize).copied().flatten().map(str::to_string)).collect()
    }

    /// A word's unit vector (mean of its pieces), computed once and cached. `None` for unknown words.
    pub fn vector(&self, word: &str) -> Option<Arc<[f32]>> {
        if let Ok(cache) = self.cache.lock() {
            if let Some(v) = cache.get(word) {
                return v.clone();
            }
        }
        let v = self.compute(word);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_CAP {
                cache.clear();
            }
            cache.insert(word.to_string(), v.clone());
        }
        v
    }

    fn compute(&self, word: &str) -> Option<Arc<[f32]>> {
        let ids = self.piece_ids(word)?;
        let mut v = vec![0f32; self.dims];
        for &id in &ids {
            let row = id as usize;
            let scale = *self.scales.get(row)?;
            let q = self.data.get(row * self.dims..(row + 1) * self.dims)?;
            for (x, &c) in v.iter_mut().zip(q) {
                *x += f32::from(c) * scale;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if !(norm.is_finite() && norm > 0.0) {
            return None;
        }
        v.iter_mut().for_each(|x| *x /= norm);
        Some(v.into())
    }

    /// Cosine similarity of two words, if both have vectors.
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(cosine(&self.vector(a)?, &self.vector(b)?))
    }
}

/// Cosine of two unit vectors (their dot product); 0 when the lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    // Eight independent sums (a fixed order, so results are deterministic) let the compiler use
    // SIMD lanes; a single running f32 sum cannot be reordered and runs one multiply at a time.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// Lower-cases and folds the Latin-1 and common Latin Extended-A accents the model's uncased
/// vocabulary strips; `None` if other non-ASCII letters remain or the word is too long.
fn fold_word(word: &str) -> Option<String> {
    if word.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'ś' | 'š' => "s",
            'ź' | 'ż' | 'ž' => "z",
            'ł' => "l",
            'ř' => "r",
            'ť' => "t",
            'ď' => "d",
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => "'",
            _ => return None,
        };
        out.push_str(folded);
    }
    Some(out)
}

/// The `engine` field of an output: [`crate::ENGINE_VERSION`], plus the model's checksum when a
/// semantic model takes part (`rubricate 0.4.0 +embeddings 5f3c…`), since the same answer can then
/// score differently: an output says exactly what produced it. `model` is the one the grading used
/// ([`crate::score::Grading::embeddings`]).
pub fn engine_label(model: Option<&Embeddings>) -> String {
    match model {
        Some(m) => format!("{} +embeddings {:016x}", crate::ENGINE_VERSION, m.checksum),
        None => crate::ENGINE_VERSION.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny hand-made asset: pieces with 3-dimensional vectors.
    pub(crate) fn asset(pieces: &[(&str, [i8; 3])]) -> Vec<u8> {
        let mut vocab = Vec::new();
        for (p, _) in pieces {
            vocab.push(p.len() as u8);
            vocab.extend_from_slice(p.as_bytes());
        }
        let mut body = vocab.clone();
        for _ in pieces {
            body.extend_from_slice(&0.01f32.to_le_bytes());
        }
        for (_, v) in pieces {
            body.extend(v.iter().map(|&x| x as u8));
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&3u16.to_le_bytes());
        out.extend_from_slice(&(pieces.len() as u32).to_le_bytes());
        out.extend_from_slice(&(vocab.len() as u32).to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&fnv1a64(&body).to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes()); // the last piece is a whole word
        out.extend_from_slice(&body);
        out
    }

    fn sample() -> Vec<u8> {
        asset(&[
            ("scal", [100, 10, 0]),
            ("##ing", [20, 0, 0]),
            ("scale", [110, 5, 0]),
            ("banana", [0, 0, 120]),
            ("un", [0, 50, 0]),
            ("##aff", [0, 60, 10]),
            ("outage", [5, 5, 100]),
        ])
    }

    #[test]
    fn parses_a_well_formed_asset() {
        let e = Embeddings::parse(&sample()).expect("valid asset");
        assert_eq!(e.info(), EmbeddingsInfo { dims: 3, vocabulary: 7, bytes: sample().len() });
    }

    #[test]
    fn wordpiece_is_greedy_longest_first() {
        let e = Embeddings::parse(&sample()).expect("valid asset");
        assert_eq!(e.tokenize("Scaling"), Some(vec!["scal".to_string(), "##ing".to_string()]));
        assert_eq!(e.tokenize("scale"), Some(vec!["scale".to_string()]));
        assert_eq!(e.tokenize("unaff"), Some(vec!["un".to_string(), "##aff".to_string()]));
        assert_eq!(e.tokenize("zebra"), None);
        // Inflections find whole words, not word-start pieces ("scal").
        assert_eq!(e.tokenize("outages"), Some(vec!["outage".to_string()]));
        assert_eq!(e.tokenize("scaling"), Some(vec!["scal".to_string(), "##ing".to_string()]));
        assert_eq!(e.tokenize("scales"), None);
        assert_eq!(e.tokenize("東京"), None);
        assert_eq!(e.tokenize(""), None);
    }

    #[test]
    fn similarity_prefers_related_vectors() {
        let e = Embeddings::parse(&sample()).expect("valid asset");
        let near = e.similarity("scaling", "scale").unwrap_or(0.0);
        let far = e.similarity("scaling", "banana").unwrap_or(1.0);
        assert!(near > 0.9 && far < 0.1, "near {near}, far {far}");
        assert!((e.similarity("banana", "banana").unwrap_or(0.0) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn every_prefix_and_corruption_is_an_error_not_a_panic() {
        let good = sample();
        for len in 0..good.len() {
            assert!(Embeddings::parse(&good[..len]).is_err(), "prefix of {len} bytes accepted");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x5A;
            // Header edits must be caught by the checks, body edits by the checksum.
            assert!(Embeddings::parse(&bad).is_err(), "flipped byte {i} accepted");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(Embeddings::parse(&longer).unwrap_err().0.contains("unexpected bytes"));
        assert!(Embeddings::parse(b"GIF89a-and-then-some-bytes-here-to-fill-the-header")
            .unwrap_err()
            .0
            .contains("RBEM"));
    }

    #[test]
    fn the_engine_label_names_the_model_that_took_part() {
        let e = Embeddings::parse(&sample()).expect("valid asset");
        assert_eq!(engine_label(None), crate::ENGINE_VERSION);
        let with = engine_label(Some(&e));
        assert!(with.starts_with(&format!("{} +embeddings ", crate::ENGINE_VERSION)), "{with}");
        assert!(with.ends_with(&format!("{:016x}", e.checksum)), "{with}");
    }
}
