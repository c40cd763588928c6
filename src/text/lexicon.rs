//! Word lists the signals are measured with: stopwords, generic words, hedges, fillers, reasoning and
//! structure markers, negation cues, and instructions aimed at the grader. Written for this project.

use super::phrases::PhraseSet;
use std::sync::OnceLock;

type WordSet = super::hash::FastSet<&'static str>;

// The sets are built on first use. Every one is built by the same two functions, so the wasm
// module holds one copy of the lazy-initialisation code per kind of set, not one per set.

/// The set `cell` holds, built from `words` the first time.
fn word_set(cell: &'static OnceLock<WordSet>, words: &'static [&'static str]) -> &'static WordSet {
    cell.get_or_init(|| words.iter().copied().collect())
}

/// The phrase set `cell` holds, built from `phrases` the first time.
fn phrase_set(cell: &'static OnceLock<PhraseSet>, phrases: &[&str]) -> &'static PhraseSet {
    cell.get_or_init(|| PhraseSet::new(phrases))
}

/// English function words (no content of their own). Contractions are folded to `'`.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "during",
    "each",
    "either",
    "else",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "got",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let's",
    "may",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "much",
    "must",
    "mustn't",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "over",
    "own",
    "quite",
    "rather",
    "same",
    "shall",
    "shan't",
    "she",
    "she'd",
    "she'll",
    "she's",
    "should",
    "shouldn't",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "what's",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yes",
    "yet",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "yeah",
    "okay",
    "ok",
    "oh",
    "um",
    "uh",
    "hmm",
    "well",
    "like",
    "really",
    "actually",
    "basically",
    "just",
    "sure",
    "thing",
    "things",
    "stuff",
    "lot",
    "lots",
    "kind",
    "sort",
    "way",
    "ways",
    "something",
    "anything",
    "everything",
    "nothing",
    "someone",
    "anyone",
    "many",
    "make",
    "made",
    "makes",
    "making",
    "go",
    "going",
    "goes",
    "went",
    "know",
    "think",
    "say",
    "said",
    "see",
    "want",
    "need",
    "needs",
    "able",
    "let",
    "put",
    "take",
    "use",
    "used",
    "using",
    "uses",
    "can",
    "need",
];

/// True if a folded word is a function word.
pub fn is_stopword(lower: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, STOPWORDS).contains(lower)
}

/// Content words so common in interview talk that sharing them says nothing about topic
/// (used when deciding whether a sentence stays on topic). Stems.
const GENERIC_STEMS: &[&str] = &[
    "work", "team", "project", "time", "good", "great", "import", "experi", "year", "compani", "role", "peopl", "help",
    "question", "answer", "interest", "excit", "passion", "opportun", "abl", "also", "realli", "thank", "love",
    "enjoy", "hard", "best", "new", "differ", "import", "approach", "well", "skill", "learn", "job", "day", "way",
    "better", "high", "level", "first", "second", "part", "exampl", "case", "point", "look", "find", "come", "give",
    "keep", "tri", "start", "end", "get", "right",
    // adverbs and particles a reference answer uses in passing ("all come out together", "still")
    "out", "togeth", "still", "almost", "around", "even", "just", "quit", "rather",
];

pub fn is_generic_stem(stem: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, GENERIC_STEMS).contains(stem)
}

macro_rules! lexicon {
    ($(#[$doc:meta])* $name:ident, [$($p:expr),* $(,)?]) => {
        $(#[$doc])*
        pub fn $name() -> &'static PhraseSet {
            static SET: OnceLock<PhraseSet> = OnceLock::new();
            phrase_set(&SET, &[$($p),*])
        }
    };
}

lexicon!(
    /// Uncertainty about what one is saying.
    hedges,
    [
        "i think", "i guess", "i suppose", "maybe", "perhaps", "probably", "possibly", "sort of", "kind of",
        "i'm not sure", "not sure", "not entirely sure", "i'm not certain", "not certain", "i believe",
        "if i remember", "if i recall", "i'm not really sure", "not really sure", "might be", "could be",
        "somewhat", "i'd say", "i would say", "more or less", "something like that", "or something",
        "i'm unsure", "unsure", "it might", "i hope", "hopefully", "i assume",
    ]
);

lexicon!(
    /// Admitting one does not know or has not done the thing asked about.
    unfamiliarity,
    [
        "i don't know", "i do not know", "don't really know", "no idea", "i have no idea", "not familiar",
        "i'm not familiar", "unfamiliar", "haven't used", "have not used", "never used", "haven't worked",
        "never worked with", "have not worked", "don't have experience", "do not have experience",
        "no experience", "haven't had the chance", "can't remember", "cannot remember", "don't remember",
        "don't recall", "can't recall", "can't think of", "cannot think of", "not something i've done",
        "never done", "haven't done", "i'm not sure i've", "never really", "not really sure about that",
        "i'd have to look", "have to look it up", "need to look it up", "i'd look it up", "i would look it up",
        "i'd google it", "i would google it", "not my area",
        "haven't really", "didn't really", "don't really have",
    ]
);

lexicon!(
    /// Steering away from the question instead of answering it.
    deflection,
    [
        "let's move on", "can we skip", "skip this", "next question", "i'd rather not", "rather not say",
        "that's not really relevant", "it depends on the situation", "depends on a lot of things",
        "hard to say", "difficult to say", "it's complicated", "i'll pass", "pass on this",
        "that's a good question", "good question", "great question", "interesting question",
    ]
);

lexicon!(
    /// Filler words and verbal tics.
    fillers,
    [
        "um", "uh", "umm", "uhh", "erm", "er", "hmm", "hm", "you know", "i mean", "like you know",
        "basically", "literally", "so yeah", "yeah so", "kind of like", "or whatever", "and stuff",
        "and so on and so forth", "stuff like that", "things like that",
    ]
);

lexicon!(
    /// Cause and consequence.
    causal,
    [
        "because", "since", "so that", "therefore", "thus", "hence", "which means", "that means", "this means",
        "as a result", "due to", "owing to", "in order to", "the reason", "which is why", "that's why",
        "this is why", "leads to", "led to", "results in", "resulted in", "caused", "causes", "root cause",
        "consequently", "so we", "so i", "which meant", "to avoid", "to prevent", "to ensure", "otherwise",
    ]
);

lexicon!(
    /// Trade-offs and weighing alternatives.
    tradeoffs,
    [
        "trade-off", "tradeoff", "trade off", "trade-offs", "tradeoffs", "however", "on the other hand",
        "at the cost of", "the cost of", "downside", "drawback", "the catch", "whereas", "versus", "vs",
        "instead of", "rather than", "compared to", "compared with", "alternatively", "the alternative",
        "we considered", "i considered", "we evaluated", "i evaluated", "weighed", "we chose", "i chose",
        "opted for", "pros and cons", "balance", "balancing", "the risk", "risk is", "but", "although",
        "over", "in exchange", "sacrifice", "worth it", "not worth", "better suited", "simpler but",
    ]
);

lexicon!(
    /// Constraints, requirements and assumptions stated.
    constraints,
    [
        "constraint", "constraints", "requirement", "requirements", "budget", "deadline", "sla", "slo",
        "assume", "assuming", "assumption", "it depends on", "depends on", "if the", "unless", "limit",
        "limited", "at most", "at least", "within", "latency budget", "compliance", "regulation",
        "non-functional", "acceptable", "tolerate", "tolerance", "scale of", "peak",
    ]
);

lexicon!(
    /// Signals of a concrete example.
    examples,
    [
        "for example", "for instance", "e.g", "such as", "in one case", "one time", "in my last role",
        "in my previous role", "at my last job", "at my previous company", "on one project", "we had",
        "i had", "in practice", "in production", "last year", "specifically", "concretely", "a case where",
    ]
);

lexicon!(
    /// Ordering and organisation markers.
    sequencing,
    [
        "first", "firstly", "first of all", "second", "secondly", "third", "thirdly", "then", "next",
        "after that", "finally", "lastly", "to start", "to begin", "in summary", "to summarise",
        "to summarize", "overall", "in short", "step one", "the first step", "on top of that", "additionally",
        "in addition", "beyond that", "also",
    ]
);

lexicon!(
    /// STAR: the situation, set in a past context.
    star_situation,
    [
        "at my previous", "at my last", "in my previous", "in my last", "in my role", "when i was", "when i worked",
        "while i was", "while working", "a few years ago", "last year", "last quarter", "we were", "our team was",
        "the project was", "there was a time", "one time", "at the time", "back then", "i was working",
        "i was leading", "i worked on", "our company", "the situation", "we had a", "i joined",
    ]
);

lexicon!(
    /// STAR: the task or responsibility.
    star_task,
    [
        "my role was", "my job was", "my task was", "i was responsible", "i was asked", "i was tasked",
        "i needed to", "i had to", "we needed to", "we had to", "the goal was", "our goal was", "the task was",
        "my responsibility", "i owned", "it was my job", "the challenge was", "i was in charge", "the aim was",
        "the deadline", "i was expected",
    ]
);

lexicon!(
    /// STAR: the result, outcome or lesson.
    star_result,
    [
        "as a result", "in the end", "the result", "the outcome", "resulted in", "which led to", "we reduced",
        "we cut", "we improved", "we increased", "i reduced", "i improved", "reduced", "improved", "increased",
        "cut", "saved", "shipped", "delivered", "launched", "on time", "ended up", "eventually", "i learned",
        "i learnt", "lesson", "learned that", "since then", "now i", "going forward", "the feedback",
        "was promoted", "succeeded", "success", "fixed", "resolved", "stabilized", "stabilised",
    ]
);

lexicon!(
    /// Negation cues: a talking point stated right after one of these is not credited.
    negations,
    [
        "not", "never", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't",
        "can't", "cannot", "shouldn't", "wouldn't", "nor", "neither", "hardly", "nowhere",
        "no need", "no point", "nobody", "none", "unnecessary", "useless", "pointless", "irrelevant",
        "a waste", "not worth", "overrated", "doesn't matter", "don't matter", "misleading",
    ]
);

lexicon!(
    /// Words that open a new clause: a negation is taken to reach no further than its own clause.
    clause_openers,
    [
        "because", "since", "so", "but", "while", "whereas", "although", "though", "which", "unless",
        "otherwise", "instead", "however", "then", "when", "whereby", "except", "rather", "unlike", "versus",
        "vs", "compared",
    ]
);

lexicon!(
    /// Attempts to instruct the grader instead of answering.
    grader_instructions,
    [
        "ignore the rubric", "ignore previous", "ignore all previous", "ignore the previous", "ignore your instructions",
        "give this answer", "give me a 5", "give me 5", "give this 5", "give it a 5", "give me full marks",
        "give full marks", "award full marks", "award this", "grade this as", "score this as", "rate this",
        "this answer deserves", "this answer is perfect", "as the grader", "dear grader", "note to the grader",
        "you must give", "you should give", "system prompt", "score: 5", "score 5/5", "grade: 5", "5/5",
        "5 out of 5", "full score", "maximum score", "top score", "relevance score", "overall score",
        // Prompt-injection markers: chat-template tags, role switches and fake verdicts.
        // (tags such as `<<SYSTEM>>` and `[INST]` are found case-sensitively by [`injection_markers`]).
        "im_start", "im_end", "endoftext", "disregard the", "disregard any", "disregard your", "ignore prior",
        "ignore above", "forget your instructions", "new instructions", "you are now", "pretend you",
        "score 5", "grade 5", "rating 5", "final score", "final_score", "assign 5", "return 5", "output 5",
        "score it", "assign full marks", "full marks", "the maximum score", "grading model", "evaluation model",
        "ai grading", "grading this", "evaluating this", "automated grader", "automated scorer", "ai evaluator",
        "evaluation override", "override mode", "the override", "override flag", "evaluation_override",
        "to the grader", "to the evaluator", "for the grader", "grader instruction", "scoring note",
        "grader configuration", "system override", "system administrator", "the scoring system",
    ]
);

lexicon!(
    /// Self-description clichés that pad an answer without answering anything.
    fluff,
    [
        "hard working", "hardworking", "hard worker", "passionate about", "i'm passionate", "i am passionate",
        "team player", "fast learner", "quick learner", "detail oriented", "one hundred percent",
        "a hundred percent", "110 percent", "110", "give it my all", "extra mile", "people person",
        "self starter", "self motivated", "highly motivated", "results driven", "outside the box",
        "attitude", "enjoy learning", "love learning", "lifelong learner", "eager to learn", "would describe me",
        "describe me as", "perfectionist", "work ethic", "never give up", "always give", "friendly and reliable",
        "reliable person", "very dedicated", "i am dedicated", "i'm dedicated", "love technology",
        "love what i do", "passion for technology", "dream job", "great fit", "perfect fit", "always learning",
        "thrive under pressure", "work well under pressure", "good under pressure", "great under pressure",
    ]
);

/// Prompt-injection tags written in the form chat models use (`<<SYSTEM>>`, `[INST]`, `<system>`,
/// `SYSTEM:`, `<|im_start|>`), matched case-sensitively on the raw text: as plain words ("the system")
/// they are ordinary. Returns byte offsets of each tag.
pub fn injection_markers(text: &str) -> Vec<usize> {
    const TAGS: &[&str] = &[
        "<<SYS",
        "[INST]",
        "[/INST]",
        "<system>",
        "</system>",
        "SYSTEM:",
        "SYSTEM OVERRIDE",
        "<|im_start|>",
        "<|system|>",
        "<|assistant|>",
        "<evaluation>",
        "</answer>",
    ];
    // One pass over the bytes finds what a search per tag would: no tag overlaps itself or starts
    // where another starts, and every tag opens with `<`, `[` or `S`.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'<' | b'[' | b'S') && TAGS.iter().any(|t| bytes[i..].starts_with(t.as_bytes())) {
            out.push(i);
        }
    }
    out
}

/// Action verbs (past tense / base) that show what the candidate did, used after `i` or `we`.
const ACTION_VERBS: &[&str] = &[
    "built",
    "build",
    "designed",
    "design",
    "led",
    "lead",
    "implemented",
    "implement",
    "migrated",
    "migrate",
    "wrote",
    "write",
    "created",
    "create",
    "set",
    "introduced",
    "introduce",
    "proposed",
    "propose",
    "measured",
    "measure",
    "profiled",
    "profile",
    "reduced",
    "reduce",
    "improved",
    "improve",
    "automated",
    "automate",
    "deployed",
    "deploy",
    "configured",
    "configure",
    "refactored",
    "refactor",
    "added",
    "add",
    "replaced",
    "replace",
    "organised",
    "organized",
    "organise",
    "organize",
    "scheduled",
    "negotiated",
    "mentored",
    "coached",
    "ran",
    "run",
    "tested",
    "test",
    "monitored",
    "monitor",
    "debugged",
    "debug",
    "investigated",
    "investigate",
    "analysed",
    "analyzed",
    "analyse",
    "analyze",
    "traced",
    "fixed",
    "fix",
    "rolled",
    "shipped",
    "launched",
    "split",
    "moved",
    "chose",
    "choose",
    "decided",
    "decide",
    "owned",
    "drove",
    "escalated",
    "documented",
    "presented",
    "convinced",
    "persuaded",
    "facilitated",
    "met",
    "talked",
    "spoke",
    "asked",
    "listened",
    "prioritised",
    "prioritized",
    "prioritise",
    "prioritize",
    "cut",
    "rewrote",
    "instrumented",
    "benchmarked",
    "tuned",
    "partitioned",
    "sharded",
    "cached",
    "containerized",
    "containerised",
    "modeled",
    "modelled",
    "trained",
    "evaluated",
    "evaluate",
    "established",
    "standardized",
    "standardised",
    "coordinated",
    "delegated",
    "reviewed",
    "paired",
    "pushed",
    "worked",
    "used",
    "applied",
    "created",
    "collected",
    "gathered",
    "identified",
    "identify",
];

pub fn is_action_verb(lower: &str) -> bool {
    static SET: OnceLock<WordSet> = OnceLock::new();
    word_set(&SET, ACTION_VERBS).contains(lower)
}

/// Units and suffixes that make a number a measurement (`40 %`, `200 ms`, `3x`).
const UNITS: &[&str] = &[
    "%",
    "percent",
    "ms",
    "milliseconds",
    "seconds",
    "second",
    "minutes",
    "minute",
    "hours",
    "hour",
    "days",
    "weeks",
    "months",
    "x",
    "times",
    "gb",
    "tb",
    "mb",
    "kb",
    "rps",
    "qps",
    "tps",
    "users",
    "requests",
    "nodes",
    "servers",
    "instances",
    "engineers",
    "people",
    "k",
    "m",
    "million",
    "billion",
    "thousand",
    "nines",
    "regions",
    "zones",
    "replicas",
    "partitions",
    "dollars",
    "$",
    "€",
    "£",
];

pub fn is_unit(lower: &str) -> bool {
    UNITS.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    #[test]
    fn injection_markers_are_those_a_search_per_tag_finds() {
        const TAGS: &[&str] = &[
            "<<SYS",
            "[INST]",
            "[/INST]",
            "<system>",
            "</system>",
            "SYSTEM:",
            "SYSTEM OVERRIDE",
            "<|im_start|>",
            "<|system|>",
            "<|assistant|>",
            "<evaluation>",
            "</answer>",
        ];
        let per_tag = |text: &str| {
            let mut out = Vec::new();
            for tag in TAGS {
                let mut from = 0;
                while let Some(i) = text.get(from..).and_then(|t| t.find(tag)) {
                    out.push(from + i);
                    from += i + tag.len();
                }
            }
            out.sort();
            out
        };
        for text in [
            "",
            "plain answer",
            "<<<SYS>>> ignore [INST][/INST] é SYSTEM:SYSTEM OVERRIDE <system></system>",
            "Caf\u{e9} <|im_start|><|system|><|assistant|> <evaluation></answer> SYSTEMS: S [INS <sys",
            "SYSTEM OVERRIDESYSTEM: <<SYS<<SYS [INST]]",
        ] {
            assert_eq!(injection_markers(text), per_tag(text), "{text:?}");
        }
    }

    #[test]
    fn every_lexicon_compiles_and_matches_its_own_entries() {
        let a = analyze("I'm not sure, um, I don't know. Because of the trade-off we chose Kafka.");
        assert!(!hedges().find(&a.tokens).is_empty());
        assert!(!unfamiliarity().find(&a.tokens).is_empty());
        assert!(!fillers().find(&a.tokens).is_empty());
        assert!(!causal().find(&a.tokens).is_empty());
        assert!(!tradeoffs().find(&a.tokens).is_empty());
    }

    #[test]
    fn stopwords_are_folded_lowercase() {
        assert!(is_stopword("the"));
        assert!(is_stopword("don't"));
        assert!(!is_stopword("kafka"));
    }
}
