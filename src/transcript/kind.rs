//! Question-kind classification: what an interview question is for, from phrase cues in its wording.
//!
//! The cues are checked in a fixed order, first match wins: closing, introduction, logistics (other),
//! behavioural, experience stories ("tell me about a time…", behavioural unless the story is about
//! building something technical), plainly technical asks ("difference between"), project, other
//! technical cues. Anything else is `Other`.

use super::QuestionKind;
use crate::text::hash::FastMap as HashMap;
use std::sync::OnceLock;

/// Invitations for the candidate's own questions at the end of an interview.
const CLOSING: &[&str] = &[
    "questions for me",
    "questions for us",
    "question for me",
    "questions about the role",
    "questions about the company",
    "questions about the team",
    "questions you have for",
    "any other questions",
    "any more questions",
    "any further questions",
    "like to ask",
    "want to ask",
    "like to know about us",
    "anything else you'd like to add",
    "anything else you would like to add",
    "anything else you'd like to share",
    "anything you'd like to add",
];

/// Requests for the candidate to introduce themselves.
const INTRODUCTION: &[&str] = &[
    "introduce yourself",
    "introducing yourself",
    "introduction of yourself",
    "about yourself",
    "describe yourself",
    "walk me through your background",
    "walk me through your resume",
    "walk me through your cv",
    "walk us through your background",
    "overview of your background",
    "tell me about your background",
    "tell us about your background",
    "a bit about your background",
];

/// Practical questions that are not graded on content.
const LOGISTICS: &[&str] = &[
    "salary",
    "compensation",
    "notice period",
    "start date",
    "when can you start",
    "relocat",
    "visa",
    "work authorization",
    "remote or on-site",
];

/// Words that make a question about working with people or handling adversity.
const BEHAVIORAL: &[&str] = &[
    "conflict",
    "disagree",
    "disagreement",
    "failure",
    "you failed",
    "a mistake",
    "your mistake",
    "mistakes you",
    "difficult colleague",
    "difficult coworker",
    "difficult co-worker",
    "difficult teammate",
    "difficult person",
    "difficult stakeholder",
    "coworker",
    "co-worker",
    "colleague",
    "teammate",
    "team member",
    "stakeholder",
    "your manager",
    "receive feedback",
    "received feedback",
    "give feedback",
    "gave feedback",
    "giving feedback",
    "critical feedback",
    "negative feedback",
    "constructive feedback",
    "feedback from",
    "criticism",
    "under pressure",
    "tight deadline",
    "missed a deadline",
    "persuade",
    "convince",
    "influence",
    "motivate",
    "mentor",
    "weakness",
    "greatest strength",
    "proud of",
    "ethical",
    "behavioral",
    "behavioural",
];

/// Openers that ask for a story from the candidate's past.
const STORY: &[&str] = &[
    "tell me about a time",
    "tell us about a time",
    "describe a time",
    "describe a situation",
    "describe an instance",
    "give me an example of a time",
    "give an example of a time",
    "share an example of a time",
    "share a time",
    "recall a time",
    "a time when",
    "a time you",
    "a situation where",
    "a situation in which",
];

/// Words that make a story question technical rather than behavioural.
const TECHNICAL_SUBJECT: &[&str] = &[
    "design",
    "architect",
    "implement",
    "system",
    "scal",
    "deploy",
    "debug",
    "optimi",
    "performance",
    "latency",
    "database",
    "api",
    "pipeline",
    "infrastructure",
    "outage",
    "production",
    "code",
    "algorithm",
    "availability",
    "security",
];

/// Questions about the candidate's own projects, roles and resume.
const PROJECT: &[&str] = &[
    "walk me through a project",
    "walk us through a project",
    "walk me through the project",
    "project where",
    "project that",
    "project you",
    "project in which",
    "project you worked",
    "projects you",
    "describe a project",
    "tell me about a project",
    "your project",
    "your experience with",
    "your experience in",
    "your experience using",
    "experience with",
    "in your role at",
    "in your current role",
    "in your previous role",
    "in your last role",
    "your role in",
    "your role at",
    "at your previous",
    "at your last",
    "at your current",
    "during your internship",
    "your internship",
    "on your resume",
    "your resume",
    "the resume",
    "from your resume",
    "you mentioned",
    "you led",
    "you built",
    "you worked on",
    "you've worked",
    "you have worked",
    "challenge you faced",
    "challenges you faced",
    "challenge you encountered",
    "challenges you encountered",
    "tell me more about",
    "you spearheaded",
    "you encountered",
    "you've encountered",
    "you have experience",
    "you've had experience",
    "your profile",
    "your cv",
    "the cv",
];

/// Cues so plainly technical that they outrank project cues: "given your years with Postgres,
/// explain the difference between…" tests knowledge, whatever its preamble says.
const STRONG_TECHNICAL: &[&str] = &[
    "difference between",
    "how would you",
    "explain how",
    "explain the",
    "explain why",
    "explain what",
    "what happens when",
    "trade-off",
    "trade-offs",
    "tradeoffs",
    "design a",
    "design an",
    "compare",
];

/// Cues of a question that tests knowledge or problem solving.
const TECHNICAL: &[&str] = &[
    "how would you",
    "what would you",
    "how do you",
    "how does",
    "how do",
    "how can",
    "how is",
    "how are",
    "explain",
    "what is",
    "what's",
    "what are",
    "what happens",
    "difference between",
    "differ",
    "compare",
    "contrast",
    "design",
    "implement",
    "trade-off",
    "tradeoff",
    "trade off",
    "when would you",
    "why would you",
    "which would you",
    "optimi",
    "architecture",
    "algorithm",
    "complexity",
    "debug",
    "troubleshoot",
    "scale",
    "walk me through how",
    "walk me through the",
    "walk through how",
    "steps",
    "describe how",
    "describe the",
    "define",
    "your approach",
    "approach to",
    "strategies",
    "measures",
    "would you consider",
    "best practices",
    "considerations",
    "metrics",
];

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
    if has(CLOSING_CUES) {
        QuestionKind::Closing
    } else if has(INTRODUCTION_CUES) {
        QuestionKind::Introduction
    } else if has(LOGISTICS_CUES) {
        QuestionKind::Other
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

/// Every cue list, indexed by the first word of each cue (stems apart, as they match word prefixes).
struct CueIndex {
    by_first_word: HashMap<&'static str, Vec<(u32, &'static str)>>,
    stems: Vec<(u32, &'static str)>,
}

fn cue_index() -> &'static CueIndex {
    static INDEX: OnceLock<CueIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let lists: [(u32, &'static [&'static str]); 9] = [
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
    if has(&["behavioral", "behavioural", "situational", "culture", "soft skill"]) {
        Some(QuestionKind::Behavioral)
    } else if has(&["introduction", "intro", "warm-up", "warm up", "opening"]) {
        Some(QuestionKind::Introduction)
    } else if has(&["closing", "wrap-up", "wrap up", "candidate questions"]) {
        Some(QuestionKind::Closing)
    } else if has(&["project", "experience", "resume", "background"]) {
        Some(QuestionKind::Project)
    } else if has(&[
        "technical",
        "system design",
        "design",
        "coding",
        "architecture",
        "knowledge",
        "problem solving",
        "problem-solving",
    ]) {
        Some(QuestionKind::Technical)
    } else {
        None
    }
}

/// Cues that may run on into a longer word ("scal" finds "scalability", "colleague" "colleagues").
const STEMS: &[&str] = &[
    "scal",
    "debug",
    "optimi",
    "relocat",
    "differ",
    "architect",
    "influence",
    "mentor",
    "colleague",
    "teammate",
    "stakeholder",
    "coworker",
    "co-worker",
];

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
        assert_eq!(classify("What are your salary expectations?"), Other);
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
