//! Skills lexicon: technologies and engineering practices with a display name and a category,
//! and a single-pass matcher that finds them in free text (case-insensitive, whole words).
//!
//! Each entry lists its spellings in lowercase. A spelling written with a leading `^` is also an
//! ordinary English word ("Go", "React", "Spring", "rest"...): it is matched case-sensitively, as
//! written after the `^`, and — unless it is an all-capitals acronym — not at the start of a
//! sentence, where capitalisation says nothing. Spaces in a spelling match any run of whitespace or a
//! single hyphen ("infrastructure as code" also finds "infrastructure-as-code"); other punctuation
//! must be as written. Spellings of four or more characters ending in a letter also match a plural
//! `s` ("canary releases").
//!
//! This module owns the matcher; the entries are curated data in `src/text/lexicons/skills.txt`
//! (`Display name | category | spelling | spelling…`, line format in `src/text/lexicons/README.md`),
//! compiled in by the build script (see [`super::data`]).

use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};
use std::sync::OnceLock;

/// Categories of the lexicon.
pub mod category {
    pub const CLOUD: &str = "cloud";
    pub const LANGUAGE: &str = "language";
    pub const FRAMEWORK: &str = "framework";
    pub const DATABASE: &str = "database";
    pub const MESSAGING: &str = "messaging";
    pub const DATA: &str = "data";
    pub const DEVOPS: &str = "devops";
    pub const TESTING: &str = "testing";
    pub const ML: &str = "ml";
    pub const MOBILE: &str = "mobile";
    pub const OBSERVABILITY: &str = "observability";
    pub const ARCHITECTURE: &str = "architecture";
    pub const PRACTICE: &str = "practice";
    pub const SECURITY: &str = "security";
    pub const PROTOCOL: &str = "protocol";
    pub const TOOL: &str = "tool";
}

/// One lexicon entry.
#[derive(Debug, Clone, Copy)]
pub struct Skill {
    /// How the skill is shown in reports.
    pub name: &'static str,
    pub category: &'static str,
    /// Lowercase spellings; a leading `^` marks a case-sensitive spelling (see the module header).
    pub spellings: &'static [&'static str],
}

/// The lexicon (`src/text/lexicons/skills.txt`). Grouped by category; order inside a group carries no
/// meaning.
pub use super::data::SKILLS;

/// One skill found in a text: byte offsets of the matched spelling and the entry it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillMatch {
    pub start: usize,
    pub end: usize,
    pub name: &'static str,
    pub category: &'static str,
}

/// Plural suffix: only spellings at least this long and ending in a letter may take a trailing `s`
/// (short ones such as "go" or "s3" would pick up unrelated words).
const PLURAL_MIN_LEN: usize = 4;

#[derive(Debug)]
struct Pattern {
    /// The spelling without the `^` marker (lowercase unless `exact`).
    text: &'static str,
    /// Bytes of punctuation before the first alphanumeric character (".net" has one).
    lead: usize,
    exact: bool,
    /// Whether an exact spelling can only be trusted away from the start of a sentence.
    not_at_sentence_start: bool,
    skill: usize,
}

#[derive(Debug)]
struct Index {
    /// Lowercase first word of each spelling → its patterns, longest first.
    by_first_word: HashMap<String, Vec<Pattern>>,
    /// Lowercase single-word spellings that are not ambiguous.
    single_words: HashSet<&'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    let mut by_first_word: HashMap<String, Vec<Pattern>> = HashMap::default();
    let mut single_words = HashSet::default();
    for (skill, entry) in SKILLS.iter().enumerate() {
        for &raw in entry.spellings {
            let (text, exact) = match raw.strip_prefix('^') {
                Some(rest) => (rest, true),
                None => (raw, false),
            };
            let lead = text.bytes().take_while(|b| !b.is_ascii_alphanumeric()).count();
            let first: String = text[lead..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_lowercase() as char)
                .collect();
            if first.is_empty() {
                continue;
            }
            let has_lower = text.bytes().any(|b| b.is_ascii_lowercase());
            if !exact && !text.contains(' ') {
                single_words.insert(text);
            }
            by_first_word.entry(first).or_default().push(Pattern {
                text,
                lead,
                exact,
                not_at_sentence_start: exact
                    && has_lower
                    && text.bytes().next().is_some_and(|b| b.is_ascii_uppercase()),
                skill,
            });
        }
    }
    for list in by_first_word.values_mut() {
        crate::sort::sort_by(list, |a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(b.text)));
    }
    Index { by_first_word, single_words }
}

/// Characters that continue a word for boundary purposes.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the lowercase word is a technology or practice spelled as one word in the lexicon
/// (e.g. "kafka", "terraform", "ci/cd"). Ambiguous words ("go", "react", "rest") return false,
/// since their case is not known here.
pub fn is_technology(word_lower: &str) -> bool {
    index().single_words.contains(word_lower)
}

/// Every skill mentioned in `text`: byte offsets, sorted, non-overlapping; where spellings overlap
/// the longest wins ("Kinesis Data Analytics" over "Kinesis").
pub fn find_skills(text: &str) -> Vec<SkillMatch> {
    let idx = index();
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, skill)
                                                            // A word starting at `start` whose alphanumeric run, lower-cased, is `key`.
    let mut at_word = |start: usize, key: &str| {
        // A plural word ("Lambdas") is filed under its singular first word.
        let singular = key.strip_suffix('s').filter(|k| k.len() >= PLURAL_MIN_LEN);
        let buckets = [idx.by_first_word.get(key), singular.and_then(|k| idx.by_first_word.get(k))];
        let hit = buckets
            .into_iter()
            .flatten()
            .flat_map(|patterns| patterns.iter())
            .find_map(|p| match_pattern(text, bytes, start, p).map(|(s, e)| (s, e, p.skill)));
        if let Some(m) = hit {
            found.push(m);
        }
    };
    let mut key = String::new();
    if text.is_ascii() {
        // The same words as the general loop below, byte by byte.
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut i = 0;
        while i < bytes.len() {
            if !word(bytes[i]) || (i > 0 && word(bytes[i - 1])) {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            // (a run opened by `_` is not a name)
            if bytes[start] != b'_' {
                key.clear();
                key.push_str(&text[start..i]);
                key.make_ascii_lowercase();
                at_word(start, &key);
            }
        }
        return select_non_overlapping(found)
            .into_iter()
            .filter_map(|(start, end, skill)| skill_match(start, end, skill))
            .collect();
    }
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let starts_word = is_word_char(c) && !prev.is_some_and(is_word_char);
        prev = Some(c);
        if !starts_word {
            continue;
        }
        // The alphanumeric run beginning here is the lookup key.
        key.clear();
        let mut ascii = c.is_ascii_alphanumeric();
        key.push(c.to_ascii_lowercase());
        while let Some(&(_, d)) = iter.peek() {
            if !d.is_alphanumeric() {
                break;
            }
            ascii &= d.is_ascii_alphanumeric();
            key.push(d.to_ascii_lowercase());
            prev = Some(d);
            iter.next();
        }
        if ascii {
            at_word(start, &key);
        }
    }
    select_non_overlapping(found).into_iter().filter_map(|(start, end, skill)| skill_match(start, end, skill)).collect()
}

fn skill_match(start: usize, end: usize, skill: usize) -> Option<SkillMatch> {
    SKILLS.get(skill).map(|s| SkillMatch { start, end, name: s.name, category: s.category })
}

/// Keeps the longest matches first, drops any that overlap an already kept one, and returns them sorted.
fn select_non_overlapping(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    crate::sort::sort_by(&mut found, |a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    // Kept matches sorted by start (a sorted Vec rather than a BTreeMap keyed by start: same
    // lookups, and no map code for this one key type in the wasm module).
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for (s, e, skill) in found {
        // The kept match starting last before `e` is the only one that can reach into `s..e`.
        let before = kept.partition_point(|k| k.0 < e);
        let clash_before = before.checked_sub(1).and_then(|i| kept.get(i)).is_some_and(|k| k.1 > s);
        if !clash_before {
            match kept.binary_search_by_key(&s, |k| k.0) {
                Ok(i) => kept[i] = (s, e, skill), // an empty match at a kept start replaces it
                Err(i) => kept.insert(i, (s, e, skill)),
            }
        }
    }
    kept
}

/// Tries one pattern at a word start; returns the matched byte range.
fn match_pattern(text: &str, bytes: &[u8], word_start: usize, p: &Pattern) -> Option<(usize, usize)> {
    let start = word_start.checked_sub(p.lead)?;
    if p.lead > 0 {
        // The leading punctuation must be there and must itself start a word (".NET", not "ASP.NET").
        if !text.is_char_boundary(start) {
            return None;
        }
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
    } else {
        // "node.js" is one name: do not find "js" inside it.
        let mut back = text[..start].chars().rev();
        if back.next() == Some('.') && back.next().is_some_and(is_word_char) {
            return None;
        }
    }
    let pat = p.text.as_bytes();
    let mut i = start;
    for &pb in pat {
        if pb == b' ' {
            if bytes.get(i) == Some(&b'-') {
                i += 1;
            } else {
                let from = i;
                while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
                    i += 1;
                }
                if i == from {
                    return None;
                }
            }
            continue;
        }
        let tb = *bytes.get(i)?;
        let same = if p.exact { tb == pb } else { tb.to_ascii_lowercase() == pb };
        if !same {
            return None;
        }
        i += 1;
    }
    let last = *pat.last()?;
    if pat.len() >= PLURAL_MIN_LEN && last.is_ascii_alphabetic() && bytes.get(i) == Some(&b's') {
        let after = text.get(i + 1..).and_then(|t| t.chars().next());
        if !after.is_some_and(is_word_char) {
            i += 1;
        }
    }
    // `i` always follows an ASCII byte here, so it is a char boundary.
    let next = text.get(i..).and_then(|t| t.chars().next());
    if next.is_some_and(is_word_char) {
        return None;
    }
    if last.is_ascii_alphanumeric() && matches!(next, Some('+') | Some('#')) {
        return None;
    }
    if p.not_at_sentence_start && at_sentence_start(text, start) {
        return None;
    }
    Some((start, i))
}

/// True when only spaces separate `pos` from the start of the text, a line start, or sentence-ending punctuation.
fn at_sentence_start(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\u{201c}' | '\'' | '\u{2018}' | '*' | '(' => continue,
            '.' | '!' | '?' | '\n' | '\r' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `select_non_overlapping` as it was written with a BTreeMap keyed by start.
    fn select_with_map(mut found: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
        found.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut kept = std::collections::BTreeMap::new();
        for (s, e, skill) in found {
            if kept.range(..e).next_back().is_none_or(|(_, &(ke, _))| ke <= s) {
                kept.insert(s, (e, skill));
            }
        }
        kept.into_iter().map(|(s, (e, skill))| (s, e, skill)).collect()
    }

    #[test]
    fn overlap_selection_matches_the_map_version() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for round in 0..2000 {
            let found: Vec<(usize, usize, usize)> = (0..next(12))
                .map(|skill| {
                    let start = next(30);
                    (start, start + next(6), skill) // empty matches included
                })
                .collect();
            assert_eq!(select_non_overlapping(found.clone()), select_with_map(found), "round {round}");
        }
    }

    #[test]
    fn ascii_text_finds_what_the_general_loop_finds() {
        for text in [
            "We moved from Kafka to Kinesis Data Analytics, ran k8s on AWS EKS and wrote Go services. React Lambdas.",
            "__init__ node.js ASP.NET .NET C# c++ CI/CD pipelines with GitHub Actions; Terraform_modules terraform-modules",
            "Postgres, PostgreSQL and Redis caches; a_kafka kafka_b 3kafka Kafkas; infrastructure-as-code\nSQL. Rust",
        ] {
            // A non-ASCII character after a line break sends the text through the general loop.
            let general = format!("{text}\n\u{e9}");
            let found = |t: &str| find_skills(t).into_iter().map(|m| (m.start, m.end, m.name)).collect::<Vec<_>>();
            assert_eq!(found(text), found(&general), "{text}");
        }
    }

    fn names(text: &str) -> Vec<&'static str> {
        find_skills(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn lexicon_is_large_and_well_formed() {
        assert!(SKILLS.len() >= 150, "only {} entries", SKILLS.len());
        let mut seen = HashSet::default();
        for s in SKILLS {
            assert!(!s.spellings.is_empty(), "{} has no spelling", s.name);
            for sp in s.spellings {
                let plain = sp.trim_start_matches('^');
                assert!(plain.is_ascii(), "{sp} is not ASCII");
                if !sp.starts_with('^') {
                    assert_eq!(plain, plain.to_ascii_lowercase(), "{sp} must be lowercase");
                }
                assert!(seen.insert(plain.to_ascii_lowercase()), "{sp} listed twice");
            }
        }
    }

    #[test]
    fn every_spelling_is_found_in_a_sentence() {
        for s in SKILLS {
            for sp in s.spellings {
                let plain = sp.trim_start_matches('^');
                let text = format!("Last year we used {plain} in production.");
                let found = find_skills(&text);
                assert!(
                    found.iter().any(|m| m.name == s.name && &text[m.start..m.end] == plain),
                    "{plain} not found as {}: {found:?}",
                    s.name
                );
            }
        }
    }

    #[test]
    fn case_insensitive_with_word_boundaries() {
        assert_eq!(names("We ran KAFKA and kubernetes."), vec!["Apache Kafka", "Kubernetes"]);
        assert!(names("JavaScript").contains(&"JavaScript"));
        assert!(!names("JavaScript").contains(&"Java"));
        assert!(names("my_kafka_topic").is_empty());
        assert!(names("awsome").is_empty());
    }

    #[test]
    fn offsets_are_bytes_sorted_and_non_overlapping() {
        let text = "Ünïcode first: Terraform, then AWS Lambda and Amazon Kinesis Data Analytics.";
        let found = find_skills(text);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, vec!["Terraform", "AWS Lambda", "Amazon Kinesis Data Analytics"]);
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(names("Spring Boot services"), vec!["Spring Boot"]);
        assert_eq!(names("we use React Native daily"), vec!["React Native"]);
        assert_eq!(names("ran a Kafka Streams job"), vec!["Kafka Streams"]);
    }

    #[test]
    fn punctuation_in_names() {
        assert_eq!(names("Modern C++ and C# code"), vec!["C++", "C#"]);
        assert_eq!(names("a Node.js service"), vec!["Node.js"]);
        assert_eq!(names("we ship .NET apps"), vec![".NET"]);
        assert_eq!(names("ASP.NET Core sites"), vec!["ASP.NET"]);
        assert_eq!(names("solid CI/CD."), vec!["CI/CD"]);
        assert_eq!(names("AWS/GCP"), vec!["AWS", "Google Cloud"]);
        assert!(names("the file main.js").is_empty());
    }

    #[test]
    fn hyphens_spaces_and_plurals() {
        assert_eq!(names("we practise infrastructure-as-code"), vec!["Infrastructure as code"]);
        assert_eq!(
            names("we did blue-green deployments and canary releases"),
            vec!["Blue/green deployment", "Canary releases"]
        );
        assert_eq!(names("chaos\n engineering"), vec!["Chaos engineering"]);
        assert_eq!(names("many Lambdas"), vec!["AWS Lambda"]);
    }

    #[test]
    fn ambiguous_words_need_capitals_mid_sentence() {
        assert!(names("I go to work and react quickly to a rest period in spring.").is_empty());
        assert_eq!(names("Services in Go talk to a React front end over REST."), vec!["Go", "React", "REST APIs"]);
        // At the start of a sentence the capital says nothing.
        assert!(names("Go ahead. React calmly.").is_empty());
        // Acronyms in capitals are fine anywhere.
        assert_eq!(names("IAM roles matter."), vec!["AWS IAM"]);
        assert!(names("iam not sure").is_empty());
    }

    #[test]
    fn is_technology_lookups() {
        assert!(is_technology("kafka"));
        assert!(is_technology("terraform"));
        assert!(is_technology("ci/cd"));
        assert!(!is_technology("go"));
        assert!(!is_technology("react"));
        assert!(!is_technology("the"));
        assert!(!is_technology(""));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "+",
            "#",
            ".",
            ".net",
            "C",
            "c++",
            "é",
            "😀 aws 😀",
            "a/b",
            "blue/",
            "ci/",
            "\u{feff}Kafka",
            "route\u{a0}53",
        ] {
            let found = find_skills(t);
            for m in found {
                assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            }
        }
    }
}
