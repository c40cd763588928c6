//! Drafting a rubric question from a model answer alone.
//!
//! [`draft_question`] reads a reference answer and proposes what a hand-written rubric would hold:
//! talking points (the salient key phrases of the reference, each with a few phrasings to listen
//! for and a weight of 1–3), the three usual criteria (content, depth, communication) with generic
//! five-level descriptors, and the question kind. The importers in [`super::interop`] use it to fill
//! what a foreign format does not carry.
//!
//! How key phrases are found, without a tagger or a corpus:
//! 1. The reference is split into sentences and clauses (at `,` `;` `:` brackets and dashes).
//! 2. Inside a clause, runs of consecutive content words (no stopword, no clause punctuation
//!    between them) stand in for noun phrases; numbers and filler words break or trim a run.
//! 3. Every window of one to four words of a run is scored: each word by informativeness (words of
//!    the question and very common words count little; long words, acronyms, named technologies and
//!    words the reference repeats count more), the window by the sum over the square root of its
//!    length, so a weak word is not worth adding but two strong ones stay together.
//! 4. Windows are picked greedily by score, never two sharing a word, and with a penalty for
//!    taking a second phrase from the same clause so the points spread over the whole answer.
//!    The top ~30% by score weigh 3, the next ~40% weigh 2, the rest 1.
//! 5. Each point is listened for by its key phrase, its head and most informative words, a
//!    two-word sub-phrase, and the distinctive key phrases of its sentence that were not chosen as
//!    points (given to the nearest point), so an answer that makes the point in the terms of the
//!    reference's examples still gets credit. No phrasing is listed under two points.
//!
//! Everything is deterministic: ties are broken by position in the reference.

use super::model::{Criterion, Point, Question, Rubric};
use super::validate::is_kebab;
use crate::text::{self, lexicon, skills};
use crate::transcript::{self, QuestionKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// Fewest talking points a drafted question aims for (fewer only when the reference has too few
/// content words to make more).
pub const MIN_POINTS: usize = 6;
/// Most talking points a drafted question gets.
pub const MAX_POINTS: usize = 10;
/// Longest key phrase, in words.
const MAX_PHRASE_WORDS: usize = 4;
/// Most phrasings listed for one talking point.
const MAX_PHRASES: usize = 5;
/// A word scoring below this is too weak to stand alone as a phrase.
const STRONG_WORD: f64 = 0.9;

/// Drafts a rubric question from a question and its model answer.
///
/// The question's id is derived from its text, its kind comes from
/// [`crate::transcript::classify`], the reference is kept as given (trimmed). An empty or
/// content-free reference gives a question with no talking points, which
/// [`crate::rubric::parse_and_validate`] refuses; callers check the reference first.
pub fn draft_question(question: &str, reference: &str) -> Question {
    let kind = rubric_kind(transcript::classify(question));
    Question {
        id: slug(question, 4, "question"),
        text: question.trim().to_string(),
        alternatives: Vec::new(),
        kind: kind.as_str().to_string(),
        reference: reference.trim().to_string(),
        criteria: default_criteria(kind),
        points: draft_points(question, reference),
        misconceptions: Vec::new(),
        examples: Vec::new(),
    }
}

/// The rubric kind of a question as the transcript classifier reads it: small talk and logistics
/// are kinds of transcript exchanges, not of rubric questions (a rubric holds only what is graded),
/// so they become `other`.
pub fn rubric_kind(kind: QuestionKind) -> QuestionKind {
    match kind {
        QuestionKind::SmallTalk | QuestionKind::Logistics => QuestionKind::Other,
        k => k,
    }
}

/// A one-question rubric drafted from a question and its model answer (see [`draft_question`]).
/// Its id is derived from the question; version `1.0.0`.
pub fn draft_rubric(question: &str, reference: &str) -> Rubric {
    let q = draft_question(question, reference);
    let title = crate::text::excerpt::shorten(&one_line(question), 80);
    Rubric {
        id: slug(question, 6, "drafted-rubric"),
        title: if title.is_empty() { "Drafted rubric".to_string() } else { format!("Drafted: {}", title) },
        version: "1.0.0".to_string(),
        role: "Drafted from a model answer".to_string(),
        description: "Drafted automatically from a model answer: review the talking points, their phrasings and weights before relying on it."
            .to_string(),
        questions: vec![q],
    }
}

/// [`draft_rubric`] for input from a user: refuses an empty question or model answer, and a model
/// answer with no content words to draft talking points from. The error's location is `question`
/// or `reference`.
pub fn try_draft_rubric(question: &str, reference: &str) -> Result<Rubric, crate::InputError> {
    if question.trim().is_empty() {
        return Err(crate::InputError::new("question", "is empty"));
    }
    if reference.trim().is_empty() {
        return Err(crate::InputError::new("reference", "is empty"));
    }
    let rubric = draft_rubric(question, reference);
    if rubric.questions.iter().any(|q| q.points.is_empty()) {
        return Err(crate::InputError::new("reference", "has no content words to draft talking points from"));
    }
    Ok(rubric)
}

/// What a user may set on a draft besides the question and the model answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct DraftOptions {
    /// The rubric id (lowercase kebab-case); derived from the question when absent or blank.
    #[serde(default)]
    pub id: Option<String>,
    /// The rubric title; "Drafted: <question>" when absent or blank.
    #[serde(default)]
    pub title: Option<String>,
}

/// A drafted rubric with the user's options applied, validated like any custom rubric. Every
/// problem names its field as a JSON path (`$.question`, `$.reference`, `$.id`), so the command
/// line, the wasm tools and the page report them alike.
pub fn draft_with_options(
    question: &str,
    reference: &str,
    options: &DraftOptions,
) -> Result<Rubric, crate::RubricError> {
    let mut rubric = try_draft_rubric(question, reference)
        .map_err(|e| crate::RubricError::one(format!("$.{}", e.location), e.problem))?;
    if let Some(id) = options.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if !super::validate::is_kebab(id) {
            return Err(crate::RubricError::one(
                "$.id",
                format!(
                    "\"{id}\" is not lowercase kebab-case (letters a-z, digits, single hyphens, e.g. \"my-rubric\")"
                ),
            ));
        }
        rubric.id = id.to_string();
    }
    if let Some(title) = options.title.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        rubric.title = title.to_string();
    }
    let json = serde_json::to_string(&rubric)
        .map_err(|e| crate::RubricError::one("$", format!("internal error: cannot write JSON: {e}")))?;
    super::parse_and_validate(&json)
}

/// The three criteria a drafted question is graded by: content (coverage), depth (specificity and
/// reasoning) and communication (structure and fluency), with generic five-level descriptors.
/// Weights 0.6 / 0.25 / 0.15; behavioural questions, where the telling of the story matters more
/// (`rubrics/FORMAT.md`), get 0.4 / 0.3 / 0.3.
pub fn default_criteria(kind: QuestionKind) -> Vec<Criterion> {
    let behavioral = matches!(kind, QuestionKind::Behavioral);
    let (content, depth, communication) = if behavioral { (0.4, 0.3, 0.3) } else { (0.6, 0.25, 0.15) };
    let levels = |texts: [&str; 5]| -> BTreeMap<String, String> {
        texts.iter().enumerate().map(|(i, t)| ((i + 1).to_string(), t.to_string())).collect()
    };
    let communication_levels = if behavioral {
        levels([
            "No story to follow: the situation, what was done and how it ended stay unclear.",
            "Parts of a story, out of order or without the outcome.",
            "A recognisable story (situation, task, action, result) with one part thin.",
            "A clear story in order, with the candidate's own actions and the result stated.",
            "A tight, well-ordered story: context in a sentence, own actions in detail, a measured result and what was learned.",
        ])
    } else {
        levels([
            "Difficult to follow; wanders, dodges the question or hedges throughout.",
            "Some order, but jumps between ideas and qualifies much of what it says.",
            "Understandable and mostly in order, with the odd hedge or filler.",
            "Well organised and stated with confidence.",
            "Clear, well sequenced and concise: easy to repeat back after one hearing.",
        ])
    };
    vec![
        Criterion {
            id: "content".to_string(),
            name: "Content".to_string(),
            weight: content,
            signals: vec!["coverage".to_string()],
            descriptors: levels([
                "Makes none of the points a good answer needs, or gets them wrong.",
                "Makes one or two of the expected points; most of what matters is missing.",
                "Makes the main points correctly but leaves out several important ones.",
                "Makes nearly all of the expected points, accurately.",
                "Makes every expected point accurately, including the less obvious ones.",
            ]),
        },
        Criterion {
            id: "depth".to_string(),
            name: "Depth and reasoning".to_string(),
            weight: depth,
            signals: vec!["specificity".to_string(), "reasoning".to_string()],
            descriptors: levels([
                "Generalities only: no concrete detail and no reasons.",
                "Mentions a tool, number or example in passing without saying why it matters.",
                "Some concrete detail, and reasons behind some of the choices.",
                "Concrete detail throughout, with reasons and at least one trade-off or alternative considered.",
                "Precise detail, choices justified against the constraints, and limits or failure cases acknowledged.",
            ]),
        },
        Criterion {
            id: "communication".to_string(),
            name: "Communication".to_string(),
            weight: communication,
            signals: vec!["structure".to_string(), "fluency".to_string()],
            descriptors: communication_levels,
        },
    ]
}

/// Talking points drafted from a model answer: its 6–10 most salient key phrases (fewer only when
/// it has too few content words), in reading order, each with 2–5 phrasings and a weight of 1–3.
/// Words of the question count for little, so points name what the answer adds to the question.
pub fn draft_points(question: &str, reference: &str) -> Vec<Point> {
    let question_stems: HashSet<String> = text::content_stems(question).into_iter().collect();
    let doc = Doc::new(reference, &question_stems);
    let target = doc.clauses.clamp(MIN_POINTS, MAX_POINTS);
    let chosen = doc.select(target, true);
    // Weights by rank of salience: the top ~30% are essential (3), the next ~40% expected (2).
    let mut by_score: Vec<usize> = (0..chosen.len()).collect();
    crate::sort::sort_by(&mut by_score, |&a, &b| {
        chosen[b].score.total_cmp(&chosen[a].score).then(chosen[a].first.cmp(&chosen[b].first))
    });
    let n = chosen.len();
    let mut weights = vec![1.0; n];
    for (rank, &i) in by_score.iter().enumerate() {
        weights[i] = if rank < (n * 3).div_ceil(10) {
            3.0
        } else if rank < (n * 7).div_ceil(10) {
            2.0
        } else {
            1.0
        };
    }
    let mut order: Vec<usize> = (0..n).collect();
    crate::sort::sort_by_key(&mut order, |&i| chosen[i].first);
    // stems of every key phrase, so one point's phrasings do not claim another point's words
    let taken: HashSet<&str> =
        chosen.iter().flat_map(|w| (w.first..=w.last).map(|i| doc.words[i].stem.as_str())).collect();
    let siblings = doc.siblings(&chosen);
    let mut ids: HashSet<String> = HashSet::new();
    let mut points = Vec::with_capacity(n);
    // A phrasing listed under one point is not listed again under another: the more salient point keeps it.
    let mut phrasings: Vec<Vec<String>> =
        chosen.iter().enumerate().map(|(i, w)| doc.phrasings(w, &siblings[i], &taken)).collect();
    let mut listed: HashSet<Vec<String>> =
        phrasings.iter().filter_map(|p| p.first()).map(|k| text::content_stems(k)).collect();
    for &i in &by_score {
        let keep = phrasings[i].len().min(1);
        let rest: Vec<String> = phrasings[i].drain(keep..).collect();
        for p in rest {
            if listed.insert(text::content_stems(&p)) {
                phrasings[i].push(p);
            }
        }
    }
    for i in order {
        let w = &chosen[i];
        let surface = doc.surface(w.first, w.last);
        let id = unique_id(&mut ids, slug(&surface, 4, "point"));
        points.push(Point {
            id,
            text: capitalise(&surface),
            phrases: std::mem::take(&mut phrasings[i]),
            weight: weights[i],
        });
    }
    points
}

/// Up to `max` key phrases of a short text (a criterion of a foreign rubric, say), most salient
/// first, lowercase. Words whose stems are in `avoid` count for little.
pub fn key_phrases(text_: &str, avoid: &HashSet<String>, max: usize) -> Vec<String> {
    let doc = Doc::new(text_, avoid);
    let mut chosen = doc.select(max, false);
    crate::sort::sort_by(&mut chosen, |a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
    chosen.iter().map(|w| doc.surface(w.first, w.last).to_lowercase()).collect()
}

/// A lowercase kebab-case id from the content words of a text (at most `max_words` of them);
/// `fallback` when the text has none that can be spelled in ASCII.
pub fn slug(text_: &str, max_words: usize, fallback: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let words: Vec<String> = text_.unicode_words().map(text::fold).collect();
    let content: Vec<&String> = words.iter().filter(|w| !lexicon::is_stopword(w)).collect();
    let pick: Vec<&String> = if content.is_empty() { words.iter().collect() } else { content };
    let mut parts: Vec<String> = Vec::new();
    for w in pick {
        let mut part = String::new();
        for c in w.chars() {
            if c.is_ascii_alphanumeric() {
                part.push(c.to_ascii_lowercase());
            } else if let Some(plain) = ascii_letter(c) {
                part.push(plain);
            } else if !part.is_empty() && !part.ends_with('-') {
                part.push('-'); // "ci/cd", "node.js" keep their pieces apart
            }
        }
        let part = part.trim_matches('-').to_string();
        if !part.is_empty() {
            parts.push(part);
        }
        if parts.len() >= max_words {
            break;
        }
    }
    let id = parts.join("-");
    if is_kebab(&id) {
        id
    } else {
        fallback.to_string()
    }
}

/// `id`, or `id-2`, `id-3`, … when it is already taken; records the result.
pub fn unique_id(taken: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{}-{}", id, n);
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// The plain ASCII letter of a common accented Latin letter (é → e), for ids.
fn ascii_letter(c: char) -> Option<char> {
    const MAP: &[(&str, char)] = &[
        ("àáâãäåā", 'a'),
        ("çćč", 'c'),
        ("èéêëēę", 'e'),
        ("ìíîïī", 'i'),
        ("ñń", 'n'),
        ("òóôõöøō", 'o'),
        ("śšß", 's'),
        ("ùúûüū", 'u'),
        ("ýÿ", 'y'),
        ("źżž", 'z'),
    ];
    let lower = c.to_lowercase().next()?;
    MAP.iter().find(|(set, _)| set.contains(lower)).map(|(_, plain)| *plain)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Word lists

/// Content words so frequent in technical talk that they say little about what a point is.
/// Folded forms; compared by stem.
const COMMON: &[&str] = &[
    "system",
    "systems",
    "data",
    "service",
    "services",
    "user",
    "users",
    "application",
    "applications",
    "app",
    "code",
    "information",
    "process",
    "problem",
    "problems",
    "issue",
    "issues",
    "change",
    "changes",
    "result",
    "results",
    "number",
    "value",
    "values",
    "type",
    "types",
    "set",
    "group",
    "side",
    "place",
    "idea",
    "step",
    "steps",
    "plan",
    "solution",
    "option",
    "options",
    "decision",
    "choice",
    "reason",
    "reasons",
    "goal",
    "request",
    "requests",
    "feature",
    "features",
    "product",
    "customer",
    "customers",
    "business",
    "person",
    "everyone",
    "always",
    "never",
    "often",
    "usually",
    "sometimes",
    "important",
    "different",
    "simple",
    "easy",
    "possible",
    "available",
    "sure",
    "clear",
    "real",
    "main",
    "key",
    "whole",
    "small",
    "large",
    "big",
    "quick",
    "fast",
    "slow",
    "early",
    "later",
    "next",
    "last",
    "old",
    "enough",
    "certain",
    "specific",
    "general",
    "usual",
    "common",
    "likely",
    "instead",
    "still",
    "already",
    "almost",
    "usually",
    "typically",
    "especially",
    "simply",
    "directly",
    "across",
    "around",
    "behind",
    "otherwise",
    "means",
    "mean",
    "become",
    "becomes",
    "keeps",
    "start",
    "starts",
    "begin",
    "begins",
    "add",
    "adds",
    "choose",
    "try",
    "tell",
    "ask",
    "prove",
    "show",
    "shows",
    "decide",
    "happen",
    "happens",
    "matter",
    "matters",
    "depends",
    "turn",
    "turns",
    "call",
    "calls",
    "run",
    "runs",
    "bring",
    "brings",
    "cost",
    "costs",
    "stay",
    "stays",
    "rather",
    "whatever",
    "someone",
    "something",
    "cover",
    "covers",
    "include",
    "includes",
    "provide",
    "provides",
    "handle",
    "handles",
];

/// Words that never stand at the edge of a key phrase (counts and ordinals, vague quantities).
const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million", "billion", "first", "second", "third", "fourth", "fifth", "last", "half", "twice", "once", "dozen",
    "couple", "several", "single", "double", "least", "less", "fewer", "whole", "roughly", "about", "around", "nearly",
    "percent",
];

/// General verbs (not the ones that double as technical nouns, like "deploy", "cache", "check",
/// "call", "write", "split" or "join"):
/// they end a noun phrase, so a key phrase never runs across them. Base forms and irregular past
/// forms; the regular inflections are generated ([`verb_forms`]).
const VERBS: &[&str] = &[
    "absorb",
    "accept",
    "achieve",
    "add",
    "affect",
    "agree",
    "allow",
    "apply",
    "argue",
    "arrive",
    "ask",
    "assign",
    "attach",
    "avoid",
    "become",
    "begin",
    "believe",
    "belong",
    "bring",
    "care",
    "carry",
    "catch",
    "choose",
    "come",
    "compare",
    "complain",
    "confirm",
    "consider",
    "consist",
    "contain",
    "continue",
    "cover",
    "create",
    "cut",
    "deal",
    "decide",
    "decouple",
    "define",
    "deliver",
    "depend",
    "describe",
    "discuss",
    "drive",
    "earn",
    "emit",
    "enable",
    "encourage",
    "ensure",
    "enter",
    "equal",
    "establish",
    "expect",
    "explain",
    "explore",
    "expose",
    "express",
    "fail",
    "feel",
    "find",
    "finish",
    "fix",
    "follow",
    "gain",
    "get",
    "give",
    "go",
    "grow",
    "guess",
    "happen",
    "hear",
    "help",
    "hide",
    "hire",
    "hold",
    "hope",
    "identify",
    "imagine",
    "improve",
    "include",
    "increase",
    "indicate",
    "intend",
    "introduce",
    "invest",
    "involve",
    "judge",
    "justify",
    "keep",
    "kill",
    "know",
    "land",
    "learn",
    "leave",
    "let",
    "lie",
    "listen",
    "look",
    "lose",
    "make",
    "manage",
    "mean",
    "meet",
    "mention",
    "mitigate",
    "move",
    "need",
    "neutralise",
    "neutralize",
    "note",
    "notice",
    "obtain",
    "occur",
    "offer",
    "operate",
    "organise",
    "organize",
    "own",
    "pass",
    "pay",
    "perform",
    "permit",
    "persuade",
    "pick",
    "prefer",
    "prepare",
    "present",
    "pretend",
    "prevent",
    "produce",
    "promise",
    "promote",
    "propose",
    "protect",
    "prove",
    "provide",
    "put",
    "raise",
    "reach",
    "realise",
    "realize",
    "receive",
    "recognise",
    "recognize",
    "recommend",
    "reduce",
    "refuse",
    "reject",
    "relate",
    "rely",
    "remain",
    "remember",
    "remind",
    "remove",
    "repeat",
    "replace",
    "represent",
    "require",
    "resolve",
    "respond",
    "return",
    "reveal",
    "rise",
    "run",
    "satisfy",
    "save",
    "say",
    "see",
    "seek",
    "seem",
    "send",
    "serve",
    "settle",
    "shift",
    "show",
    "shut",
    "sit",
    "skip",
    "solve",
    "speak",
    "spend",
    "spread",
    "stay",
    "stick",
    "stop",
    "struggle",
    "succeed",
    "suffer",
    "suggest",
    "suppose",
    "surface",
    "survive",
    "suspect",
    "take",
    "talk",
    "teach",
    "tell",
    "tend",
    "think",
    "throw",
    "touch",
    "treat",
    "try",
    "turn",
    "understand",
    "vary",
    "wait",
    "want",
    "win",
    "wish",
    "wonder",
    "worry",
    "wrap",
    "yield",
    "kept",
    "ran",
    "took",
    "taken",
    "gave",
    "given",
    "made",
    "went",
    "gone",
    "got",
    "gotten",
    "brought",
    "chose",
    "chosen",
    "came",
    "found",
    "held",
    "knew",
    "known",
    "lost",
    "met",
    "paid",
    "said",
    "saw",
    "seen",
    "sent",
    "shown",
    "told",
    "thought",
    "understood",
    "won",
    "written",
    "became",
    "began",
    "begun",
    "felt",
    "grew",
    "grown",
    "heard",
    "caught",
    "drove",
    "spent",
    "taught",
    "sought",
    "threw",
    "thrown",
    "lay",
    "rose",
    "risen",
];

/// Linking words the stopword list leaves out; they end a phrase as stopwords do.
const LINKS: &[&str] = &[
    "plus",
    "versus",
    "vs",
    "whereas",
    "besides",
    "instead",
    "eg",
    "ie",
    "etc",
    "via",
    "per",
    "whose",
    "since",
    "along",
    "ago",
    "unless",
    "although",
    "despite",
    "toward",
    "towards",
    "throughout",
    "onto",
    "beyond",
    "among",
    "amongst",
    "whilst",
    "till",
    "inside",
    "outside",
    "upon",
    "within",
];

/// Every spelling of the verbs in [`VERBS`]: the base and its regular inflections (`stop`,
/// `stops`, `stopped`, `stopping`, `replace`, `replaced`, `replacing`, `carry`, `carries`, …).
/// Compared by spelling, not by stem, so nouns sharing a stem ("requirement", "receiver") are kept.
fn verb_forms() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for base in VERBS {
            let b = base.to_string();
            set.insert(b.clone());
            if let Some(stem) = b.strip_suffix('e') {
                set.extend([format!("{}s", b), format!("{}d", b), format!("{}ing", stem)]);
            } else if let Some(stem) = b.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
                set.extend([format!("{}ies", stem), format!("{}ied", stem), format!("{}ing", b)]);
            } else if b.ends_with(['s', 'x', 'z']) || b.ends_with("sh") || b.ends_with("ch") {
                set.extend([format!("{}es", b), format!("{}ed", b), format!("{}ing", b)]);
            } else {
                set.extend([format!("{}s", b), format!("{}ed", b), format!("{}ing", b)]);
                if let Some(last) = b.chars().last() {
                    set.extend([format!("{}{}ed", b, last), format!("{}{}ing", b, last)]);
                }
            }
        }
        set
    })
}

/// A word that ends a noun phrase: a general verb or a linking word.
fn breaks_phrase(lower: &str) -> bool {
    LINKS.contains(&lower) || verb_forms().contains(lower)
}

fn common_stems() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let stemmer = text::stemmer();
        COMMON.iter().map(|w| text::stem_with(&stemmer, w)).collect()
    })
}

fn is_number_word(lower: &str) -> bool {
    NUMBER_WORDS.contains(&lower)
}

// ---------------------------------------------------------------------------------------------
// The analysed reference

/// One word of the text being drafted from.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    lower: String,
    stem: String,
    clause: usize,
    sentence: usize,
    /// Index of the content run the word is in (`None` for words that break runs).
    run: Option<usize>,
    /// Informativeness (see [`Doc::new`]).
    score: f64,
    /// Informativeness before the bonus for repeats: long or technical words score 1.3 or more.
    base: f64,
    /// Too weak to stand at the edge of a phrase.
    weak_edge: bool,
    /// Cannot end a phrase (besides the weak words): a past participle ("replicas *kept*").
    weak_end: bool,
}

/// A candidate key phrase: words `first..=last` of one run.
#[derive(Debug, Clone)]
struct Window {
    first: usize,
    last: usize,
    clause: usize,
    score: f64,
}

struct Doc<'a> {
    source: &'a str,
    words: Vec<Word>,
    /// Number of clauses (with at least one content word).
    clauses: usize,
    windows: Vec<Window>,
}

impl<'a> Doc<'a> {
    fn new(source: &'a str, question_stems: &HashSet<String>) -> Doc<'a> {
        let analysis = text::analyze(source);
        let mut words: Vec<Word> = Vec::new();
        let mut clause = 0usize;
        let mut run = 0usize;
        let mut in_run = false;
        let mut clause_has_content = false;
        let mut clauses = 0usize;
        let mut prev: Option<&text::Token> = None;
        for tok in &analysis.tokens {
            let gap = prev.and_then(|p| source.get(p.end..tok.start));
            let boundary = prev.is_some_and(|p| p.sentence != tok.sentence) || gap.is_some_and(breaks_clause);
            if boundary {
                if clause_has_content {
                    clauses += 1;
                }
                clause += 1;
                clause_has_content = false;
                in_run = false;
            } else if !gap.is_none_or(is_glue) {
                // words joined by anything but spaces, a hyphen or a slash do not form one phrase
                in_run = false;
            }
            let surface = source.get(tok.start..tok.end).unwrap_or("");
            let breaks_run = tok.stop || tok.numeric && !has_letters(&tok.lower) || breaks_phrase(&tok.lower);
            let (run_id, score, weak_edge) = if breaks_run {
                in_run = false;
                (None, 0.0, true)
            } else {
                if !in_run {
                    run += 1;
                    in_run = true;
                }
                clause_has_content = true;
                let score = word_score(&tok.lower, &tok.stem, surface, question_stems);
                let weak_edge = is_number_word(&tok.lower)
                    || lexicon::is_unit(&tok.lower)
                    || score < 0.5
                    || is_ly_adverb(&tok.lower);
                (Some(run), score, weak_edge)
            };
            let participle = tok.lower.chars().count() > 4
                && tok.lower.ends_with("ed")
                && !tok.lower.ends_with("eed")
                && !skills::is_technology(&tok.lower);
            words.push(Word {
                weak_end: weak_edge || participle,
                base: score,
                sentence: tok.sentence,
                start: tok.start,
                end: tok.end,
                lower: tok.lower.to_string(),
                stem: tok.stem.to_string(),
                clause,
                run: run_id,
                score,
                weak_edge,
            });
            prev = Some(tok);
        }
        if clause_has_content {
            clauses += 1;
        }
        // Words the reference comes back to are what it is about: a small bonus per repeat.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for w in words.iter().filter(|w| w.run.is_some()) {
            *counts.entry(w.stem.as_str()).or_insert(0) += 1;
        }
        let bonus: Vec<f64> = words
            .iter()
            .map(|w| {
                let n = counts.get(w.stem.as_str()).copied().unwrap_or(1);
                if w.score >= STRONG_WORD && n > 1 {
                    0.15 * (n - 1).min(3) as f64
                } else {
                    0.0
                }
            })
            .collect();
        for (w, b) in words.iter_mut().zip(bonus) {
            w.score += b;
        }
        let windows = windows_of(&words);
        Doc { source, words, clauses, windows }
    }

    /// Picks up to `n` non-overlapping windows, best first, spreading them over the clauses.
    /// With `keep_min`, weak leftovers are still taken until [`MIN_POINTS`] are chosen.
    fn select(&self, n: usize, keep_min: bool) -> Vec<Window> {
        let mut chosen: Vec<Window> = Vec::new();
        let mut used_words: HashSet<usize> = HashSet::new();
        let mut used_stems: HashSet<&str> = HashSet::new();
        let mut per_clause: HashMap<usize, usize> = HashMap::new();
        let mut top = 0.0f64;
        while chosen.len() < n {
            let mut best: Option<(f64, &Window)> = None;
            for w in &self.windows {
                let overlaps = (w.first..=w.last).any(|i| {
                    used_words.contains(&i)
                        || (self.words[i].score >= STRONG_WORD && used_stems.contains(self.words[i].stem.as_str()))
                });
                if overlaps {
                    continue;
                }
                let taken = per_clause.get(&w.clause).copied().unwrap_or(0);
                let adjusted = w.score * 0.7f64.powi(taken as i32);
                // strictly greater: ties keep the earlier window (windows are in reading order)
                if best.is_none_or(|(b, _)| adjusted > b) {
                    best = Some((adjusted, w));
                }
            }
            let Some((adjusted, w)) = best else { break };
            if chosen.is_empty() {
                top = adjusted;
            } else if adjusted < 0.3 * top && !(keep_min && chosen.len() < MIN_POINTS) {
                break;
            }
            for i in w.first..=w.last {
                used_words.insert(i);
                if self.words[i].score >= STRONG_WORD {
                    used_stems.insert(self.words[i].stem.as_str());
                }
            }
            *per_clause.entry(w.clause).or_insert(0) += 1;
            chosen.push(w.clone());
        }
        chosen
    }

    /// The source text of words `first..=last`, whitespace collapsed.
    fn surface(&self, first: usize, last: usize) -> String {
        let (Some(a), Some(b)) = (self.words.get(first), self.words.get(last)) else { return String::new() };
        one_line(self.source.get(a.start..b.end).unwrap_or(""))
    }

    /// Key phrases of the text that were not chosen as points, each given to the chosen point
    /// nearest to it in the same sentence (an answer may make that point in those terms: a
    /// sentence of a model answer is usually about one thing). Indexed like `chosen`, best first.
    fn siblings(&self, chosen: &[Window]) -> Vec<Vec<Window>> {
        let mut out: Vec<Vec<Window>> = vec![Vec::new(); chosen.len()];
        let mut used_words: HashSet<usize> = chosen.iter().flat_map(|w| w.first..=w.last).collect();
        let mut used_stems: HashSet<&str> = chosen
            .iter()
            .flat_map(|w| w.first..=w.last)
            .filter(|&i| self.words[i].score >= STRONG_WORD)
            .map(|i| self.words[i].stem.as_str())
            .collect();
        // only distinctive ones: a long or technical word, or two or more strong words together
        let distinctive = |w: &&Window| {
            let (a, b) = (&self.words[w.first], &self.words[w.last]);
            if w.first == w.last {
                a.base >= 1.3
                    || a.score >= STRONG_WORD && a.lower.chars().count() >= 7 && !a.weak_end && !is_ly_adverb(&a.lower)
            } else {
                w.score >= 1.4 && a.score >= STRONG_WORD && b.score >= STRONG_WORD
            }
        };
        let mut candidates: Vec<&Window> = self.windows.iter().filter(distinctive).collect();
        crate::sort::sort_by(&mut candidates, |a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
        for c in candidates {
            let overlaps = (c.first..=c.last).any(|i| {
                used_words.contains(&i)
                    || (self.words[i].score >= STRONG_WORD && used_stems.contains(self.words[i].stem.as_str()))
            });
            if overlaps {
                continue;
            }
            let sentence = self.words[c.first].sentence;
            let nearest = chosen
                .iter()
                .enumerate()
                .filter(|(_, w)| self.words[w.first].sentence == sentence)
                .min_by_key(|(_, w)| (w.first.abs_diff(c.first), w.first))
                .map(|(i, _)| i);
            let Some(owner) = nearest else { continue };
            for i in c.first..=c.last {
                used_words.insert(i);
                if self.words[i].score >= STRONG_WORD {
                    used_stems.insert(self.words[i].stem.as_str());
                }
            }
            out[owner].push(c.clone());
        }
        out
    }

    /// The phrasings a talking point is listened for by, at most [`MAX_PHRASES`], distinct by
    /// stems, in this order: the key phrase; its head word (the last, in English noun phrases) and
    /// its most informative word; its strongest two-word sub-phrase; the unchosen key phrases of its
    /// sentence given to it ([`Doc::siblings`]); a second sub-phrase; strong single words of its
    /// clause (an acronym, a named technology); and, for a lone word with nothing else, that word
    /// paired with the strongest other word of its clause.
    fn phrasings(&self, w: &Window, siblings: &[Window], taken: &HashSet<&str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        let mut push = |phrase: String, out: &mut Vec<String>| {
            let phrase = phrase.to_lowercase();
            let stems = text::content_stems(&phrase);
            if out.len() < MAX_PHRASES && !phrase.trim().is_empty() && !stems.is_empty() && seen.insert(stems) {
                out.push(phrase);
            }
        };
        let strong = |i: usize| self.words[i].score >= STRONG_WORD;
        let standalone = |i: usize| {
            let lower = &self.words[i].lower;
            strong(i)
                && (lower.chars().count() >= 6 || self.words[i].base >= 1.3)
                && !self.words[i].weak_end
                && !is_ly_adverb(lower)
        };
        push(self.surface(w.first, w.last), &mut out);
        if w.last > w.first && standalone(w.last) {
            push(self.surface(w.last, w.last), &mut out);
        }
        let best = (w.first..=w.last)
            .filter(|&i| standalone(i))
            .max_by(|&a, &b| self.words[a].score.total_cmp(&self.words[b].score).then(b.cmp(&a)));
        if let Some(i) = best {
            push(self.surface(i, i), &mut out);
        }
        let mut pairs: Vec<(f64, usize)> = Vec::new();
        if w.last > w.first + 1 {
            pairs = (w.first..w.last)
                .filter(|&i| strong(i) || strong(i + 1))
                .filter(|&i| !self.words[i].weak_edge && !self.words[i + 1].weak_end)
                .map(|i| (self.words[i].score + self.words[i + 1].score, i))
                .collect();
            crate::sort::sort_by(&mut pairs, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        if let Some(&(_, i)) = pairs.first() {
            push(self.surface(i, i + 1), &mut out);
        }
        for s in siblings {
            push(self.surface(s.first, s.last), &mut out);
        }
        if let Some(&(_, i)) = pairs.get(1) {
            push(self.surface(i, i + 1), &mut out);
        }
        let clause = self.words[w.first].clause;
        let own: HashSet<&str> = (w.first..=w.last).map(|i| self.words[i].stem.as_str()).collect();
        let mut others: Vec<usize> = (0..self.words.len())
            .filter(|&i| self.words[i].clause == clause && (i < w.first || i > w.last) && self.words[i].run.is_some())
            .filter(|&i| {
                strong(i) && !own.contains(self.words[i].stem.as_str()) && !taken.contains(self.words[i].stem.as_str())
            })
            .collect();
        crate::sort::sort_by(&mut others, |&a, &b| self.words[b].score.total_cmp(&self.words[a].score).then(a.cmp(&b)));
        for &i in others.iter().filter(|&&i| self.words[i].base >= 1.3 && standalone(i)).take(2) {
            push(self.surface(i, i), &mut out);
        }
        if out.len() < 2 {
            if let Some(&p) = others.first() {
                let (a, b) = if p < w.first { (p, w.first) } else { (w.first, p) };
                push(format!("{} {}", self.words[a].lower, self.words[b].lower), &mut out);
            }
        }
        if out.len() < 2 {
            // a hyphenated or slashed phrase also written as one word
            let key = self.surface(w.first, w.last).to_lowercase();
            if key.contains('-') || key.contains('/') {
                out.push(key.chars().filter(|c| *c != '-' && *c != '/').collect());
            }
        }
        out
    }
}

/// Every candidate window (1–4 words of one run, edges not weak), scored, in reading order.
fn windows_of(words: &[Word]) -> Vec<Window> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some(run) = words[i].run else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j + 1 < words.len() && words[j + 1].run == Some(run) {
            j += 1;
        }
        for first in i..=j {
            if words[first].weak_edge {
                continue;
            }
            for last in first..=j.min(first + MAX_PHRASE_WORDS - 1) {
                if words[last].weak_end {
                    continue;
                }
                let n = (last - first + 1) as f64;
                let sum: f64 = words[first..=last].iter().map(|w| w.score).sum();
                out.push(Window { first, last, clause: words[first].clause, score: sum / n.sqrt() });
            }
        }
        i = j + 1;
    }
    out
}

/// How informative one content word is (0.2–2.5).
fn word_score(lower: &str, stem: &str, surface: &str, question_stems: &HashSet<String>) -> f64 {
    if question_stems.contains(stem) {
        return 0.2;
    }
    if lexicon::is_generic_stem(stem) || is_number_word(lower) || lexicon::is_unit(lower) {
        return 0.3;
    }
    if common_stems().contains(stem) {
        return 0.5;
    }
    let len = lower.chars().count();
    let mut score: f64 = 1.0;
    if len >= 9 {
        score += 0.5;
    } else if len >= 7 {
        score += 0.3;
    } else if len <= 3 {
        score -= 0.3;
    }
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2 && letters.len() <= 6 && letters.iter().filter(|c| c.is_uppercase()).count() >= 2;
    if acronym {
        score += if len <= 3 { 0.8 } else { 0.5 };
    }
    if skills::is_technology(lower) {
        score += 0.5;
    }
    if has_letters(lower) && lower.chars().any(|c| c.is_ascii_digit()) {
        score += 0.3; // p99, ec2, s3
    }
    score
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn is_ly_adverb(lower: &str) -> bool {
    lower.len() > 5
        && lower.ends_with("ly")
        && !matches!(lower, "reply" | "supply" | "apply" | "assembly" | "family" | "anomaly" | "monopoly")
}

/// Whether the text between two words ends a clause.
fn breaks_clause(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '"' | '“' | '”' | '!' | '?' | '.'))
        || gap.contains(" - ")
}

/// Whether the text between two words keeps them in one phrase (`multi-AZ`, `CI/CD`, `read replicas`).
fn is_glue(gap: &str) -> bool {
    let t = gap.trim();
    t.is_empty() || t == "-" || t == "/"
}

#[cfg(test)]
mod tests {

    #[test]
    fn options_set_the_id_and_title_and_are_checked() {
        let q = "What does a load balancer do?";
        let r = "It spreads requests over healthy servers and takes a failed server out of rotation.";
        let plain = draft_with_options(q, r, &DraftOptions::default()).unwrap();
        assert!(plain.title.starts_with("Drafted: "));
        let named = DraftOptions { id: Some(" my-lb ".into()), title: Some("Load balancing".into()) };
        let named = draft_with_options(q, r, &named).unwrap();
        assert_eq!((named.id.as_str(), named.title.as_str()), ("my-lb", "Load balancing"));
        let bad = draft_with_options(q, r, &DraftOptions { id: Some("My Rubric".into()), title: None }).unwrap_err();
        assert_eq!(bad.problems[0].path, "$.id");
        let empty = draft_with_options(q, " ", &DraftOptions::default()).unwrap_err();
        assert_eq!((empty.problems[0].path.as_str(), empty.problems[0].problem.as_str()), ("$.reference", "is empty"));
    }

    use super::*;
    use crate::rubric::parse_and_validate;

    const Q: &str = "How would you make a web service stay available when parts of it fail?";
    const REF: &str = "I would spread the service over three availability zones behind a load balancer with health checks, \
        so a failed instance stops receiving traffic. The application tier stays stateless, with sessions kept in Redis, \
        and an auto scaling group replaces unhealthy instances. The database runs with a synchronous standby and automatic \
        failover, plus read replicas for reads. Calls between services use timeouts, retries with exponential backoff and \
        circuit breakers, so one slow dependency degrades gracefully instead of causing a cascading outage. Finally, \
        SLO-based alerting and chaos experiments prove that the design survives losing a zone.";

    #[test]
    fn drafts_six_to_ten_points_with_phrases_and_weights() {
        let q = draft_question(Q, REF);
        assert!((MIN_POINTS..=MAX_POINTS).contains(&q.points.len()), "{:#?}", q.points);
        for p in &q.points {
            assert!(is_kebab(&p.id), "{}", p.id);
            assert!((1..=MAX_PHRASES).contains(&p.phrases.len()), "{:?}", p);
            assert!([1.0, 2.0, 3.0].contains(&p.weight), "{:?}", p);
            assert!(!p.text.is_empty());
        }
        assert!(q.points.iter().filter(|p| p.phrases.len() >= 2).count() * 10 >= q.points.len() * 7, "{:#?}", q.points);
        let all: Vec<String> = q.points.iter().flat_map(|p| p.phrases.clone()).collect();
        for want in ["load balancer", "circuit breakers", "exponential backoff", "stateless", "automatic failover"] {
            assert!(all.iter().any(|p| p.contains(want)), "no {:?} in {:?}", want, all);
        }
        // weights: some essential, some minor
        assert!(q.points.iter().any(|p| p.weight == 3.0) && q.points.iter().any(|p| p.weight < 3.0));
        assert_eq!(q.kind, "technical");
        assert_eq!(q.criteria.len(), 3);
        assert_eq!(q.criteria[0].weight, 0.6);
    }

    #[test]
    fn question_words_are_not_points() {
        let q = draft_question(Q, REF);
        for p in &q.points {
            let stems = text::content_stems(&p.phrases[0]);
            let qs: HashSet<String> = text::content_stems(Q).into_iter().collect();
            assert!(!stems.iter().all(|s| qs.contains(s)), "{:?} only repeats the question", p);
        }
    }

    #[test]
    fn drafting_is_deterministic_and_valid() {
        let a = draft_rubric(Q, REF);
        let b = draft_rubric(Q, REF);
        assert_eq!(a, b);
        let json = serde_json::to_string(&a).unwrap();
        let back = parse_and_validate(&json).unwrap_or_else(|e| panic!("{}", e));
        assert_eq!(back, a);
        assert_eq!(a.id, "web-service-stay-available-parts-fail");
        assert_eq!(a.version, "1.0.0");
    }

    #[test]
    fn behavioural_questions_weight_the_story_more() {
        let q = draft_question(
            "Tell me about a time you disagreed with a colleague.",
            "A teammate wanted to rewrite the billing module, I thought a refactor was safer. We compared the risks, agreed on a spike and measured both options.",
        );
        assert_eq!(q.kind, "behavioral");
        assert_eq!(q.criteria[0].weight, 0.4);
        assert!(!q.points.is_empty());
    }

    #[test]
    fn try_draft_refuses_what_cannot_be_drafted() {
        assert_eq!(try_draft_rubric(" ", REF).unwrap_err().location, "question");
        assert_eq!(try_draft_rubric(Q, "").unwrap_err().location, "reference");
        assert!(try_draft_rubric(Q, "the of and to").unwrap_err().problem.contains("no content words"));
        assert_eq!(try_draft_rubric(Q, REF).unwrap(), draft_rubric(Q, REF));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("What is CI/CD, and why?", 4, "x"), "ci-cd");
        assert_eq!(slug("Café résumé naïve", 4, "x"), "cafe-resume-naive");
        assert_eq!(slug("日本語", 4, "fallback"), "fallback");
        assert_eq!(slug("", 4, "fallback"), "fallback");
        assert_eq!(slug("the of and", 4, "f"), "the-of-and");
        let mut taken = HashSet::new();
        assert_eq!(unique_id(&mut taken, "a".into()), "a");
        assert_eq!(unique_id(&mut taken, "a".into()), "a-2");
        assert_eq!(unique_id(&mut taken, "a".into()), "a-3");
    }

    #[test]
    fn odd_references_do_not_panic() {
        for r in
            ["", "   ", "the of and to", "1 2 3 4", "x", "Redis.", "ü", "a-b-c / d", "“Quoted” — dashed; (bracketed)"]
        {
            let q = draft_question("Why?", r);
            for p in &q.points {
                assert!(!p.phrases.is_empty() && is_kebab(&p.id));
            }
        }
        let q = draft_question("Why?", "Redis.");
        assert_eq!(q.points.len(), 1);
    }

    #[test]
    fn key_phrases_of_a_short_text() {
        let got = key_phrases(
            "Explains the trade-off between consistency and latency with a concrete example",
            &HashSet::new(),
            3,
        );
        assert!(!got.is_empty() && got.len() <= 3, "{:?}", got);
        assert!(got.iter().any(|p| p.contains("consistency") || p.contains("latency")), "{:?}", got);
    }
}
