//! Question-kind classification: what an interview question is for, from phrase cues in its wording.
//!
//! The cues are checked in a fixed order, first match wins: small talk, closing, introduction, logistics,
//! behavioural, experience stories ("tell me about a time…", behavioural unless the story is about
//! building something technical), plainly technical asks ("difference between"), project, other
//! technical cues. Anything else is `Other`.
//!
//! This module owns the classification and the cue matcher ([`Folded`]); the cue lists and the section
//! labels are curated data, `src/transcript/lexicons/kind_*.txt`, `cue_stems.txt` and `label_*.txt`
//! (line format in `src/text/lexicons/README.md`), compiled in by the build script (see [`super::data`]).

use super::QuestionKind;
use crate::text::hash::FastMap as HashMap;
use std::sync::OnceLock;

/// Invitations for the candidate's own questions at the end of an interview. (`src/transcript/lexicons/kind_closing.txt`)
use super::data::KIND_CLOSING as CLOSING;

/// Pleasantries that open or close a conversation. (`src/transcript/lexicons/kind_small_talk.txt`)
use super::data::KIND_SMALL_TALK as SMALL_TALK;

/// Requests for the candidate to introduce themselves. (`src/transcript/lexicons/kind_introduction.txt`)
use super::data::KIND_INTRODUCTION as INTRODUCTION;

/// Practical questions that are not graded on content. (`src/transcript/lexicons/kind_logistics.txt`)
use super::data::KIND_LOGISTICS as LOGISTICS;

/// Words that make a question about working with people or handling adversity. (`src/transcript/lexicons/kind_behavioral.txt`)
use super::data::KIND_BEHAVIORAL as BEHAVIORAL;

/// Openers that ask for a story from the candidate's past. (`src/transcript/lexicons/kind_story.txt`)
use super::data::KIND_STORY as STORY;

/// Words that make a story question technical rather than behavioural. (`src/transcript/lexicons/kind_technical_subject.txt`)
use super::data::KIND_TECHNICAL_SUBJECT as TECHNICAL_SUBJECT;

/// Questions about the candidate's own projects, roles and resume. (`src/transcript/lexicons/kind_project.txt`)
use super::data::KIND_PROJECT as PROJECT;

/// Cues so plainly technical that they outrank project cues: "given your years with Postgres,
/// explain the difference between…" tests knowledge, whatever its preamble says. (`src/transcript/lexicons/kind_strong_technical.txt`)
use super::data::KIND_STRONG_TECHNICAL as STRONG_TECHNICAL;

/// Cues of a question that tests knowledge or problem solving. (`src/transcript/lexicons/kind_technical.txt`)
use super::data::KIND_TECHNICAL as TECHNICAL;

/// Only this many bytes of a question are read: real questions are far shorter, and the cue search
/// stays cheap on a runaway "question" (a whole document without a question mark, say).
const MAX_CLASSIFY_BYTES: usize = 4096;

/// Classifies a question by what it asks for.
pub fn classify(question: &str) -> QuestionKind {
    let mut cut = question.len().min(MAX_CLASSIFY_BYTES);
    while !question.is_char_boundary(cut) {
        cut -= 1;
    }
    let q = Folded::new(&question[..cut]);
    if q.is_empty() {
        return QuestionKind::Other;
    }
    let mask = q.cue_mask(cue_index());
    let has = |bit: u32| mask & bit != 0;
    if is_small_talk(&question[..cut]) {
        QuestionKind::SmallTalk
    } else if has(CLOSING_CUES) {
        QuestionKind::Closing
    } else if has(INTRODUCTION_CUES) {
        QuestionKind::Introduction
    } else if has(LOGISTICS_CUES) {
        QuestionKind::Logistics
    } else if has(BEHAVIORAL_CUES) {
        QuestionKind::Behavioral
    } else if has(STORY_CUES) {
        if has(TECHNICAL_SUBJECT_CUES) {
            QuestionKind::Technical
        } else {
            QuestionKind::Behavioral
        }
    } else if has(STRONG_TECHNICAL_CUES) {
        QuestionKind::Technical
    } else if has(PROJECT_CUES) {
        QuestionKind::Project
    } else if has(TECHNICAL_CUES) {
        QuestionKind::Technical
    } else {
        QuestionKind::Other
    }
}

/// Small talk: the last sentence of the turn (what is actually asked; "Nice to meet you. How would
/// you shard this table?" asks the second) is a pleasantry, with no substantive cue in it. Generic
/// openers ("how are", "what is") are not substantive: "how are you doing today?" is small talk.
fn is_small_talk(question: &str) -> bool {
    // The last sentence: back over the closing punctuation, then to the previous sentence end
    // (ASCII delimiters, so every cut is on a character boundary).
    let b = question.as_bytes();
    let is_end = |c: u8| matches!(c, b'.' | b'!' | b'?' | b'\n');
    let mut end = b.len();
    while end > 0 && (is_end(b[end - 1]) || b[end - 1].is_ascii_whitespace()) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !is_end(b[start - 1]) {
        start -= 1;
    }
    let last = question.get(start..end).unwrap_or("").trim();
    let f = Folded::new(last);
    if f.is_empty() {
        return false;
    }
    let mask = f.cue_mask(cue_index());
    let substantive = CLOSING_CUES
        | INTRODUCTION_CUES
        | BEHAVIORAL_CUES
        | STORY_CUES
        | TECHNICAL_SUBJECT_CUES
        | STRONG_TECHNICAL_CUES
        | PROJECT_CUES;
    mask & SMALL_TALK_CUES != 0 && mask & substantive == 0
}

// One bit per cue list, so a question is scanned once for all of them.
const CLOSING_CUES: u32 = 1;
const INTRODUCTION_CUES: u32 = 1 << 1;
const LOGISTICS_CUES: u32 = 1 << 2;
const BEHAVIORAL_CUES: u32 = 1 << 3;
const STORY_CUES: u32 = 1 << 4;
const TECHNICAL_SUBJECT_CUES: u32 = 1 << 5;
const STRONG_TECHNICAL_CUES: u32 = 1 << 6;
const PROJECT_CUES: u32 = 1 << 7;
const TECHNICAL_CUES: u32 = 1 << 8;
const SMALL_TALK_CUES: u32 = 1 << 9;

/// Every cue list, indexed by the first word of each cue (stems apart, as they match word prefixes).
struct CueIndex {
    by_first_word: HashMap<&'static str, Vec<(u32, &'static str)>>,
    stems: Vec<(u32, &'static str)>,
}

fn cue_index() -> &'static CueIndex {
    static INDEX: OnceLock<CueIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let lists: [(u32, &'static [&'static str]); 10] = [
            (SMALL_TALK_CUES, SMALL_TALK),
            (CLOSING_CUES, CLOSING),
            (INTRODUCTION_CUES, INTRODUCTION),
            (LOGISTICS_CUES, LOGISTICS),
            (BEHAVIORAL_CUES, BEHAVIORAL),
            (STORY_CUES, STORY),
            (TECHNICAL_SUBJECT_CUES, TECHNICAL_SUBJECT),
            (STRONG_TECHNICAL_CUES, STRONG_TECHNICAL),
            (PROJECT_CUES, PROJECT),
            (TECHNICAL_CUES, TECHNICAL),
        ];
        let mut index = CueIndex { by_first_word: HashMap::default(), stems: Vec::new() };
        for (bit, cues) in lists {
            for &cue in cues {
                if STEMS.contains(&cue) {
                    index.stems.push((bit, cue));
                } else {
                    index.by_first_word.entry(first_word(cue)).or_default().push((bit, cue));
                }
            }
        }
        index
    })
}

/// Whether `cue` (an entry of a cue or label list) is found in `text`, as the classifier finds it.
#[cfg(test)]
pub(crate) fn cue_found(cue: &str, text: &str) -> bool {
    Folded::new(text).has(cue)
}

/// The leading run of alphanumeric characters.
fn first_word(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

/// Reads a section label such as `Behavioral Question:` or `System Design Question` that some
/// transcripts put before a question. Returns None when the label names no kind.
pub fn classify_label(label: &str) -> Option<QuestionKind> {
    let l = Folded::new(label);
    let has = |cues: &[&str]| l.has_any(cues);
    if has(super::data::LABEL_BEHAVIORAL) {
        Some(QuestionKind::Behavioral)
    } else if has(super::data::LABEL_INTRODUCTION) {
        Some(QuestionKind::Introduction)
    } else if has(super::data::LABEL_CLOSING) {
        Some(QuestionKind::Closing)
    } else if has(super::data::LABEL_PROJECT) {
        Some(QuestionKind::Project)
    } else if has(super::data::LABEL_TECHNICAL) {
        Some(QuestionKind::Technical)
    } else {
        None
    }
}

/// Cues that may run on into a longer word ("scal" finds "scalability", "colleague" "colleagues"). (`src/transcript/lexicons/cue_stems.txt`)
use super::data::CUE_STEMS as STEMS;

/// A text folded for cue matching: lowercase, plain apostrophes, single spaces, and the byte offset
/// of every word start. A cue is looked for only at word starts (a cheap `starts_with` each), so a
/// few hundred cues cost little even on long text.
pub(crate) struct Folded {
    text: String,
    starts: Vec<usize>,
}

impl Folded {
    pub(crate) fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut starts = Vec::new();
        let mut space = true;
        let mut prev_alnum = false;
        for c in s.trim().chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '`' => '\'',
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if c == ' ' {
                if !space {
                    text.push(' ');
                }
                space = true;
                prev_alnum = false;
                continue;
            }
            space = false;
            let alnum = c.is_alphanumeric();
            if alnum && !prev_alnum {
                starts.push(text.len());
            }
            prev_alnum = alnum;
            text.extend(c.to_lowercase());
        }
        Folded { text, starts }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether `cue` (lowercase) occurs at a word start and, unless it is a stem, ends at a word end.
    pub(crate) fn has(&self, cue: &str) -> bool {
        let stem = STEMS.contains(&cue);
        self.starts.iter().any(|&at| self.matches_at(at, cue, stem))
    }

    pub(crate) fn has_any(&self, cues: &[&str]) -> bool {
        cues.iter().any(|c| self.has(c))
    }

    fn matches_at(&self, at: usize, cue: &str, stem: bool) -> bool {
        self.text.get(at..).is_some_and(|t| t.starts_with(cue))
            && (stem
                || !self.text.get(at + cue.len()..).and_then(|t| t.chars().next()).is_some_and(char::is_alphanumeric))
    }

    /// The bits of every cue list with a cue in this text.
    fn cue_mask(&self, index: &CueIndex) -> u32 {
        let mut mask = 0;
        for &at in &self.starts {
            let Some(rest) = self.text.get(at..) else { continue };
            for &(bit, stem) in &index.stems {
                if mask & bit == 0 && rest.starts_with(stem) {
                    mask |= bit;
                }
            }
            if let Some(cues) = index.by_first_word.get(first_word(rest)) {
                for &(bit, cue) in cues {
                    if mask & bit == 0 && self.matches_at(at, cue, false) {
                        mask |= bit;
                    }
                }
            }
        }
        mask
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn pleasantries_are_small_talk_unless_a_question_follows_them() {
        use QuestionKind::*;
        assert_eq!(classify("Hi Dana, how are you doing today?"), SmallTalk);
        assert_eq!(classify("Thanks for your time today, we'll be in touch."), SmallTalk);
        assert_eq!(classify("Nice to meet you. How would you shard a table that outgrew one server?"), Technical);
        assert_eq!(classify("Good morning! Tell me about a time you disagreed with your manager."), Behavioral);
        assert_eq!(classify("Can you hear me okay? My connection has been spotty."), Logistics);
        assert_eq!(classify("How are transactions isolated in Postgres?"), Technical);
    }

    use super::*;
    use QuestionKind::*;

    #[test]
    fn introductions() {
        assert_eq!(classify("Could you please start by introducing yourself?"), Introduction);
        assert_eq!(classify("Tell me about yourself."), Introduction);
        assert_eq!(classify("Walk me through your background, briefly."), Introduction);
    }

    #[test]
    fn closings() {
        assert_eq!(classify("Before we finish, do you have any questions for me?"), Closing);
        assert_eq!(classify("Is there anything you'd like to ask us?"), Closing);
        assert_eq!(classify("Is there anything you\u{2019}d like to ask?"), Closing);
        assert_eq!(classify("Any other questions I can help with?"), Closing);
    }

    #[test]
    fn behavioral() {
        assert_eq!(classify("Tell me about a time you disagreed with your manager."), Behavioral);
        assert_eq!(classify("How do you handle conflict within a team?"), Behavioral);
        assert_eq!(classify("Describe a failure and what you learned from it."), Behavioral);
        assert_eq!(classify("Describe a situation where you had to win over a sceptical peer."), Behavioral);
        assert_eq!(
            classify("Can you tell us about a time when you faced a hard challenge, and how did you resolve it?"),
            Behavioral
        );
    }

    #[test]
    fn story_about_building_things_is_technical() {
        assert_eq!(classify("Describe a situation in which you built a fault-tolerant payment system."), Technical);
    }

    #[test]
    fn project() {
        assert_eq!(classify("Walk me through a project you are happy to have shipped."), Project);
        assert_eq!(classify("Could you tell me about a specific project where Python did the heavy lifting?"), Project);
        assert_eq!(classify("Walk me through a project that used event sourcing."), Project);
        assert_eq!(classify("Can you describe your experience with Terraform at scale?"), Project);
        assert_eq!(classify("In your role at Acme, what did the on-call rotation look like?"), Project);
        assert_eq!(classify("What was the hardest challenge you faced on the billing migration?"), Project);
        assert_eq!(classify("The resume says you moved 30 services to GCP. What went wrong?"), Project);
    }

    #[test]
    fn technical() {
        assert_eq!(classify("How would you shard a write-heavy table?"), Technical);
        assert_eq!(classify("Explain eventual consistency."), Technical);
        assert_eq!(classify("What is the difference between a process and a thread?"), Technical);
        assert_eq!(classify("Design a URL shortener."), Technical);
        assert_eq!(classify("In React, what\u{2019}s the difference between state and props?"), Technical);
    }

    #[test]
    fn other() {
        assert_eq!(classify(""), Other);
        assert_eq!(classify("   "), Other);
        assert_eq!(classify("What are your salary expectations?"), Logistics);
        assert_eq!(classify("Nice weather today."), Other);
    }

    #[test]
    fn word_boundaries() {
        // "describe the" must not fire inside "described them".
        assert_eq!(classify("Fine."), Other);
        assert!(Folded::new("So, how would you do it?").has("how would you"));
        assert!(Folded::new("How\twould  you do it").has("how would you"));
        assert!(!Folded::new("a showcase").has("how"));
        assert!(Folded::new("scalability").has("scal"));
        assert!(!Folded::new("pascal").has("scal"));
        assert!(Folded::new("you\u{2019}d like to ask").has("you'd like to ask"));
    }

    #[test]
    fn labels() {
        assert_eq!(classify_label("Behavioral Question:"), Some(Behavioral));
        assert_eq!(classify_label("System Design Question"), Some(Technical));
        assert_eq!(classify_label("Project Experience"), Some(Project));
        assert_eq!(classify_label("Question"), None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "é".repeat(MAX_CLASSIFY_BYTES);
        for s in ["é", "😀?", "\u{0}", "tell me about a time 😀 design", long.as_str()] {
            let _ = classify(s);
            let _ = classify_label(s);
        }
    }
}
