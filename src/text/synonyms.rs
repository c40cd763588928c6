//! Equivalent phrasings: a hand-made table of technical and everyday equivalents, so that
//! "scaling out" matches "horizontal scaling" and "RTO" matches "recovery time objective".
//!
//! Each group's members are compared as stem sequences; a member found in an answer also counts as
//! every other member of its group.
//!
//! This module owns the matching; the groups and the opposite pairs are curated data in
//! `src/text/lexicons/synonyms.txt` and `synonym_opposites.txt` (line format in
//! `src/text/lexicons/README.md`), compiled in by the build script (see [`super::data`]).

use super::hash::FastMap as HashMap;
use super::{content_stems, Token};
use std::sync::OnceLock;

/// Groups of phrasings that mean the same thing in an interview answer (`src/text/lexicons/synonyms.txt`).
/// A group's index is its key (`syn N`): the order of the file's lines is part of the data.
use super::data::SYNONYMS as GROUPS;

/// Pairs of groups (named by a member) that say opposite things: a clause naming one while the talking
/// point names the other states the point inverted (`src/text/lexicons/synonym_opposites.txt`).
use super::data::SYNONYM_OPPOSITES as OPPOSED;

/// [`OPPOSED`] as group indices.
pub fn opposed() -> &'static [(usize, usize)] {
    &opposed_named().0
}

/// The stems of the name of an opposed group ("horizontal scaling"): said in a clause, it starts a
/// new statement about that group rather than describing another.
pub fn opposed_name(group: usize) -> Option<&'static [String]> {
    opposed_named().1.iter().find(|(g, _)| *g == group).map(|(_, s)| s.as_slice())
}

#[allow(clippy::type_complexity)]
fn opposed_named() -> &'static (Vec<(usize, usize)>, Vec<(usize, Vec<String>)>) {
    static PAIRS: OnceLock<(Vec<(usize, usize)>, Vec<(usize, Vec<String>)>)> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut out = Vec::new();
        let mut names = Vec::new();
        for (a, b) in OPPOSED {
            let (sa, sb) = (content_stems(a), content_stems(b));
            if let (Some(ga), Some(gb)) = (groups_of(&sa).first().copied(), groups_of(&sb).first().copied()) {
                if ga != gb {
                    out.push((ga, gb));
                    names.push((ga, sa));
                    names.push((gb, sb));
                }
            }
        }
        (out, names)
    })
}

/// Groups of [`OPPOSED`] one of whose members the given stems spell out in full (a talking point's wording).
pub fn opposed_groups_in(has: &dyn Fn(&str) -> bool) -> Vec<usize> {
    let t = table();
    let mut out: Vec<usize> = Vec::new();
    for &(a, b) in opposed() {
        for g in [a, b] {
            // (members of two or more words only: one shared word such as "instance" says little)
            if !out.contains(&g)
                && t.members.iter().any(|(m, mg)| *mg == g && m.len() >= 2 && m.iter().all(|st| has(st)))
            {
                out.push(g);
            }
        }
    }
    out
}

struct Table {
    /// Stem sequences of every member, with their group index.
    members: Vec<(Vec<String>, usize)>,
    /// First stem → member indices, longest first.
    by_first: HashMap<String, Vec<usize>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut members = Vec::new();
        for (g, group) in GROUPS.iter().enumerate() {
            for m in group.iter() {
                let mut stems = content_stems(m);
                if stems.is_empty() {
                    stems = super::analyze(m).tokens.into_iter().map(|t| t.stem.to_string()).collect();
                }
                if !stems.is_empty() {
                    members.push((stems, g));
                }
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, (stems, _)) in members.iter().enumerate() {
            if let Some(f) = stems.first() {
                by_first.entry(f.clone()).or_default().push(i);
            }
        }
        for list in by_first.values_mut() {
            crate::sort::sort_by_key(list, |&i| std::cmp::Reverse(members[i].0.len()));
        }
        Table { members, by_first }
    })
}

/// The key a group is indexed under (never a real stem: it has a space): `syn N`, made once per group.
pub fn group_key(group: usize) -> &'static str {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| (0..GROUPS.len()).map(|g| format!("syn {g}")).collect());
    keys.get(group).map(String::as_str).unwrap_or("syn")
}

/// Groups whose member is exactly this stem sequence (a talking-point phrase).
pub fn groups_of(stems: &[String]) -> Vec<usize> {
    let t = table();
    let mut out: Vec<usize> = t.members.iter().filter(|(m, _)| m.as_slice() == stems).map(|(_, g)| *g).collect();
    crate::sort::sort(&mut out);
    out.dedup();
    out
}

/// Every group member found among the given content tokens (consecutive, stopwords skipped), as
/// (group, first token index, last token index + 1).
pub fn find(tokens: &[Token], content: &[usize]) -> Vec<(usize, usize, usize)> {
    let t = table();
    let mut hits = Vec::new();
    for (ci, &ti) in content.iter().enumerate() {
        let Some(cands) = t.by_first.get(tokens[ti].stem.as_str()) else { continue };
        for &mi in cands {
            let (stems, g) = &t.members[mi];
            if ci + stems.len() <= content.len()
                && stems.iter().enumerate().all(|(k, s)| tokens[content[ci + k]].stem == *s)
                && content[ci + stems.len() - 1] - ti <= stems.len() + 3
            {
                hits.push((*g, ti, content[ci + stems.len() - 1] + 1));
                break;
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn scaling_out_is_horizontal_scaling() {
        let a = analyze("We kept scaling out by adding more nodes behind the balancer.");
        let content: Vec<usize> = (0..a.tokens.len()).filter(|&i| !a.tokens[i].stop).collect();
        let hits = find(&a.tokens, &content);
        let g = groups_of(&content_stems("horizontal scaling"));
        assert_eq!(g.len(), 1);
        assert!(hits.iter().any(|h| h.0 == g[0]));
    }

    #[test]
    fn acronym_and_expansion_share_a_group() {
        assert_eq!(groups_of(&content_stems("RTO")), groups_of(&content_stems("recovery time objective")));
    }
}
