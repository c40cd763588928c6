//! The compiled-in text lexicons. Owns nothing but the arrays: they are curated in
//! `src/text/lexicons/*.txt` (line format in `src/text/lexicons/README.md`) and turned into the
//! `static`s below by the build script (`build/lexicons.rs`), one per file, named after it
//! (`hedges.txt` → [`HEDGES`]). The modules that match them ([`super::lexicon`], [`super::synonyms`],
//! [`super::skills`]) keep their own API; only their word lists live here.
//!
//! The test of this module checks every `test:` / `test-not:` example of every data file (text and
//! transcript) through the code that really matches that lexicon.

include!(concat!(env!("OUT_DIR"), "/lexicons_text.rs"));

/// One example of a data file: `sentence` must (`expect`) or must not match entry `index` of `list`.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct LexiconTest {
    /// The data file, relative to the crate root.
    pub file: &'static str,
    /// The line of the example in that file.
    pub line: usize,
    /// The file's stem (`hedges`), which names the lexicon.
    pub list: &'static str,
    /// The entry's index in its file (a synonym group, a skill, a word or phrase).
    pub index: usize,
    pub expect: bool,
    pub sentence: &'static str,
}

#[cfg(test)]
mod tests {
    use super::LexiconTest;
    use crate::text::phrases::PhraseSet;
    use crate::text::{analyze, lexicon, skills, synonyms};
    use crate::transcript;

    /// The phrase set a phrase lexicon is matched with, by file stem.
    fn phrase_set(list: &str) -> Option<&'static PhraseSet> {
        Some(match list {
            "hedges" => lexicon::hedges(),
            "unfamiliarity" => lexicon::unfamiliarity(),
            "deflection" => lexicon::deflection(),
            "fillers" => lexicon::fillers(),
            "causal" => lexicon::causal(),
            "tradeoffs" => lexicon::tradeoffs(),
            "constraints" => lexicon::constraints(),
            "examples" => lexicon::examples(),
            "sequencing" => lexicon::sequencing(),
            "star_situation" => lexicon::star_situation(),
            "star_task" => lexicon::star_task(),
            "star_result" => lexicon::star_result(),
            "negations" => lexicon::negations(),
            "clause_openers" => lexicon::clause_openers(),
            "grader_instructions" => lexicon::grader_instructions(),
            "fluff" => lexicon::fluff(),
            "vague" => lexicon::vague(),
            _ => return None,
        })
    }

    /// Whether `t.sentence` matches entry `t.index` of its lexicon, through the matcher the engine uses
    /// for that lexicon. `Err` for a file whose examples this test cannot check.
    fn matches(t: &LexiconTest) -> Result<bool, String> {
        let a = analyze(t.sentence);
        if let Some(set) = phrase_set(t.list) {
            // The entry must be found as itself (not only inside a longer entry of the same lexicon).
            let entry = list(t.list).and_then(|l| l.get(t.index)).ok_or("no such entry")?;
            let words: Vec<String> = analyze(entry).tokens.into_iter().map(|w| w.lower.to_string()).collect();
            return Ok(set
                .find(&a.tokens)
                .iter()
                .any(|h| a.tokens[h.start..h.end].iter().map(|w| &*w.lower).eq(words.iter().map(String::as_str))));
        }
        let word = |pred: fn(&str) -> bool, stem: bool| -> Result<bool, String> {
            let entry = list(t.list).and_then(|l| l.get(t.index)).ok_or("no such entry")?;
            Ok(a.tokens.iter().any(|w| {
                let key: &str = if stem { &w.stem } else { &w.lower };
                key == *entry && pred(key)
            }))
        };
        match t.list {
            "stopwords" => word(lexicon::is_stopword, false),
            "generic_stems" => word(lexicon::is_generic_stem, true),
            "action_verbs" => word(lexicon::is_action_verb, false),
            "units" => word(lexicon::is_unit, false),
            "synonyms" => {
                let content: Vec<usize> = (0..a.tokens.len()).filter(|&i| !a.tokens[i].stop).collect();
                Ok(synonyms::find(&a.tokens, &content).iter().any(|h| h.0 == t.index))
            }
            "skills" => {
                let name = super::SKILLS.get(t.index).ok_or("no such skill")?.name;
                Ok(skills::find_skills(t.sentence).iter().any(|m| m.name == name))
            }
            other => transcript::data::example_matches(other, t.index, t.sentence)
                .ok_or_else(|| format!("no matcher for the examples of `{other}`")),
        }
    }

    /// A list lexicon of this module by file stem.
    fn list(stem: &str) -> Option<&'static [&'static str]> {
        Some(match stem {
            "stopwords" => super::STOPWORDS,
            "generic_stems" => super::GENERIC_STEMS,
            "action_verbs" => super::ACTION_VERBS,
            "units" => super::UNITS,
            "hedges" => super::HEDGES,
            "unfamiliarity" => super::UNFAMILIARITY,
            "deflection" => super::DEFLECTION,
            "fillers" => super::FILLERS,
            "causal" => super::CAUSAL,
            "tradeoffs" => super::TRADEOFFS,
            "constraints" => super::CONSTRAINTS,
            "examples" => super::EXAMPLES,
            "sequencing" => super::SEQUENCING,
            "star_situation" => super::STAR_SITUATION,
            "star_task" => super::STAR_TASK,
            "star_result" => super::STAR_RESULT,
            "negations" => super::NEGATIONS,
            "clause_openers" => super::CLAUSE_OPENERS,
            "grader_instructions" => super::GRADER_INSTRUCTIONS,
            "fluff" => super::FLUFF,
            "vague" => super::VAGUE,
            _ => return None,
        })
    }

    /// Every example of every data file, checked through the real matcher of its lexicon.
    #[test]
    fn every_lexicon_example_matches_its_entry() {
        let mut failures = Vec::new();
        let all: Vec<&LexiconTest> = super::TESTS.iter().chain(transcript::data::TESTS).collect();
        for t in &all {
            match matches(t) {
                Ok(found) if found == t.expect => {}
                Ok(_) => failures.push(format!(
                    "{}:{}: {} {:?}",
                    t.file,
                    t.line,
                    if t.expect { "does not match" } else { "matches, but must not:" },
                    t.sentence
                )),
                Err(e) => failures.push(format!("{}:{}: {e}", t.file, t.line)),
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} lexicon examples fail:\n{}",
            failures.len(),
            all.len(),
            failures.join("\n")
        );
        assert!(all.len() > 300, "the data files have examples");
    }

    /// Every skill category in the data is one of [`skills::category`].
    #[test]
    fn skill_categories_are_known() {
        use skills::category::*;
        let known = [
            CLOUD,
            LANGUAGE,
            FRAMEWORK,
            DATABASE,
            MESSAGING,
            DATA,
            DEVOPS,
            TESTING,
            ML,
            MOBILE,
            OBSERVABILITY,
            ARCHITECTURE,
            PRACTICE,
            SECURITY,
            PROTOCOL,
            TOOL,
        ];
        for s in super::SKILLS {
            assert!(known.contains(&s.category), "{}: {}", s.name, s.category);
        }
    }
}
