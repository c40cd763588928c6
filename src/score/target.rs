//! What an answer is graded against: a rubric question, a reference answer, or the question alone,
//! compiled into stemmed talking points, topic vocabulary and signal weights.

use super::types::{BasisKind, Selection, Signal};
use crate::rubric::{Criterion, Question, Rubric};
use crate::text::hash::FastSet as HashSet;
use crate::text::{self, complexity, lexicon, synonyms};
use crate::transcript::QuestionKind;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where the grading standard came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    Rubric { rubric_id: String, version: String, question_id: String, selected: Selection, confidence: Option<f64> },
    Reference,
    Question,
}

impl Basis {
    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }
    /// The basis as the scored answer names it.
    pub fn kind(&self) -> BasisKind {
        match self {
            Basis::Rubric { .. } => BasisKind::Rubric,
            Basis::Reference => BasisKind::Reference,
            Basis::Question => BasisKind::Question,
        }
    }
}

/// How a talking point is matched.
#[derive(Debug, Clone, PartialEq)]
pub enum PointMatch {
    /// Any of several short phrases (stem sequences), the words of each close together.
    Phrases(Vec<Vec<String>>),
    /// A bag of weighted stems (points drafted from a reference answer): credit is the weighted share found.
    Bag(Vec<BagWord>),
}

/// One content word of a model-answer unit.
#[derive(Debug, Clone, PartialEq)]
pub struct BagWord {
    pub stem: String,
    pub weight: f64,
    /// Keys of the hand synonym groups whose member the word is part of in the model answer
    /// ("scaling out" in "scaling out adds nodes"): the answer saying any member of the group says it.
    pub groups: Vec<String>,
    /// For a comparison question, which of the two contrasted things the model answer says this word
    /// of (the nearest one named before it): the answer must say it of the same one.
    pub subject: Option<String>,
}

/// The two things a comparison question contrasts, as stems: "the difference between a *process*
/// and a *thread*", "compare *TCP* and *UDP*", "*static* vs *dynamic* typing", "a *primary* key and
/// a *foreign* key". Each side's word is the last of its own words the other side does not share.
pub fn contrasted_subjects(question: &str) -> Option<(String, String)> {
    let a = text::analyze(question);
    let toks = &a.tokens;
    let is_cue = |w: &str| {
        w.starts_with("differ")
            || w.starts_with("compar")
            || w.starts_with("contrast")
            || w.starts_with("distinguish")
            || matches!(w, "between" | "versus" | "vs")
    };
    let c = toks.iter().position(|t| matches!(t.lower.as_str(), "and" | "vs" | "versus" | "or"))?;
    let sentence = toks[c].sentence;
    let cue_before = toks[..c].iter().rposition(|t| t.sentence == sentence && is_cue(&t.lower));
    if cue_before.is_none() && !is_cue(&toks[c].lower) {
        return None;
    }
    // Two quantities related or plotted against each other are not two things contrasted: "the
    // relationship between time and tree rings", "graph A: number of rings versus time" ask how one
    // goes with the other, and an answer says both in one clause ("as time goes on, the rings go
    // up"). Unless the sentence asks for a difference outright.
    let asks_difference = toks.iter().any(|t| {
        t.sentence == sentence && ["differ", "compar", "contrast", "distinguish"].iter().any(|c| t.lower.starts_with(c))
    });
    let relates = toks.iter().any(|t| t.sentence == sentence && RELATION_CUES.contains(&t.lower));
    if relates && !asks_difference {
        return None;
    }
    let from = cue_before.map(|i| i + 1).unwrap_or(0);
    let left: Vec<&str> =
        toks[from..c].iter().filter(|t| t.sentence == sentence && !t.stop).map(|t| t.stem.as_str()).collect();
    let right: Vec<&str> = toks[c + 1..]
        .iter()
        .take_while(|t| t.sentence == sentence)
        .filter(|t| !t.stop)
        .take(3)
        .map(|t| t.stem.as_str())
        .collect();
    let x = left.iter().rev().find(|w| !right.contains(w))?;
    let y = right.iter().find(|w| !left.contains(w))?;
    (x != y).then(|| (x.to_string(), y.to_string()))
}

/// Words that make "between X and Y" or "X versus Y" a relation of two quantities (a graph's axes,
/// a correlation), not a contrast of two things: see [`contrasted_subjects`].
static RELATION_CUES: crate::text::WordList = crate::text::WordList::new(
    "axes axis chart charts correlate correlated correlation graph graphed graphs plot plots plotted relate related relation relationship",
);

/// Weight of a complexity class in a model-answer unit (as much as the most informative word).
const COMPLEXITY_WEIGHT: f64 = 1.3;

/// How many content words into its clause a subject must be named to be the one the clause speaks of.
const SUBJECT_WITHIN: usize = 3;

/// For each token of `text`, the subject (one of `subjects`) its clause speaks of: the first one the
/// clause names, else the one the clause before spoke of. Clauses end at sentence ends, at clause
/// punctuation and before "and", "but", "while", "whereas" and "unlike" ("threads of a process share
/// its memory" speaks of threads; "a queue takes the oldest and a stack the newest" of each in turn).
pub fn subject_of_tokens<'a>(text: &str, toks: &[text::Token], subjects: (&'a str, &'a str)) -> Vec<Option<&'a str>> {
    let mut out = vec![None; toks.len()];
    let mut current: Option<&'a str> = None;
    let mut start = 0;
    while start < toks.len() {
        let mut end = start + 1;
        while end < toks.len() {
            let gap = text.get(toks[end - 1].end..toks[end].start).unwrap_or("");
            let opener = matches!(toks[end].lower.as_str(), "and" | "but" | "while" | "whereas" | "whilst" | "unlike");
            if toks[end].sentence != toks[end - 1].sentence
                || gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'])
                || opener
            {
                break;
            }
            end += 1;
        }
        let which = |k: usize| match &*toks[k].stem {
            st if st == subjects.0 => Some(subjects.0),
            st if st == subjects.1 => Some(subjects.1),
            _ => None,
        };
        // Only near the clause's start: a subject named later is an object or a modifier, as "merge"
        // in "rewriting them into a linear history without a merge commit". A subject's word right
        // before the other's modifies it: "binary" in "binary heap" against "binary search tree".
        let named = (start..end).filter(|&k| !toks[k].stop).take(SUBJECT_WITHIN).find_map(|k| {
            let here = which(k)?;
            match toks.get(k + 1).filter(|n| n.sentence == toks[k].sentence).and_then(|_| which(k + 1)) {
                Some(next) if next != here => Some(next),
                _ => Some(here),
            }
        });
        current = named.or(current);
        for o in &mut out[start..end] {
            *o = current;
        }
        start = end;
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetPoint {
    pub id: String,
    pub text: String,
    pub weight: f64,
    pub matcher: PointMatch,
    /// Content stems of the point's own text (the alignment estimate's word list).
    pub words: Vec<String>,
    /// Every stem of the point's text and phrasings, stopwords included (opposing-term check).
    pub vocabulary: HashSet<String>,
    /// Stems the point itself words in the negative ("never *raw production data*", "not *raw
    /// metrics*"): a negation in the answer over these agrees with the point instead of denying it.
    pub denied: HashSet<String>,
    /// Groups of opposed equivalents (`synonyms::opposed`) the point's wording names in full.
    pub opposed: Vec<usize>,
    /// Pairs of opposite words of which `vocabulary` holds one side only (see
    /// `signals::one_sided_opposites`): the opposing-term checks of grading look at these alone.
    pub one_sided: Vec<(usize, bool)>,
    /// The point is a judgement against what its phrases name ("100 percent is the *wrong* target"):
    /// naming the thing is not making the point unless the answer's sentence disapproves of it too.
    pub critical: bool,
}

/// A rubric's common wrong claim, compiled for matching (see `signals::misconception`).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetMisconception {
    pub id: String,
    pub claim: String,
    pub correction: String,
    /// Index of the talking point it contradicts, in [`Target::points`].
    pub point: usize,
    /// Its wordings: the content stems of each, in order, and whether the wording itself carries a
    /// negation ("never test failover"), in which case only a negated clause states it.
    pub phrases: Vec<(Vec<String>, bool)>,
}

impl TargetMisconception {
    /// Compiles the misconceptions of a rubric question whose contradicted point exists (the
    /// validator refuses others; a rubric built in code may still name a missing point).
    fn compile(q: &Question) -> Vec<TargetMisconception> {
        q.misconceptions
            .iter()
            .filter_map(|m| {
                let point = q.points.iter().position(|p| p.id == m.contradicts)?;
                let phrases = m
                    .phrases
                    .iter()
                    .map(|ph| text::claim_stems(ph))
                    .filter(|(stems, _)| stems.len() >= crate::rubric::validate::MISCONCEPTION_MIN_WORDS)
                    .collect::<Vec<_>>();
                (!phrases.is_empty()).then(|| TargetMisconception {
                    id: m.id.clone(),
                    claim: m.claim.clone(),
                    correction: m.correction.clone(),
                    point,
                    phrases,
                })
            })
            .collect()
    }
}

/// Words that make a talking point a judgement against what it names.
static JUDGEMENT_WORDS: text::WordList =
    text::WordList::new("wrong bad mistake mistaken unrealistic myth misguided harmful pointless fallacy");

/// Whether a point's own text passes judgement against what it names (see [`TargetPoint::critical`]).
fn is_critical(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().map(text::fold).any(|w| JUDGEMENT_WORDS.contains(&w))
}

/// Matching features that can be switched off, for ablation studies (`make accuracy`).
/// All are on in normal grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// Equivalent phrasings from the synonym table.
    pub synonyms: bool,
    /// Derivational relatives by shared stem prefix (`transaction` ~ `transact`).
    pub prefixes: bool,
    /// Words shared with the question count for less (question demoting).
    pub question_demoting: bool,
    /// Informativeness weights on reference words (otherwise every word weighs 1).
    pub weighting: bool,
    /// Negated statements of a point are not credited.
    pub negation: bool,
    /// Point words said in other words earn partial credit from the semantic model, when one is
    /// loaded (`Engine::load_embeddings`); without a model this has no effect.
    pub embeddings: bool,
    /// Single-word synonyms from the WordNet table (`text::wordnet`), at lower credit than exact/stem.
    pub wordnet: bool,
    /// Alignment: a second, bag-of-words estimate per talking point from the words of its text, for
    /// points made in other words than any listed phrasing.
    pub alignment: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            synonyms: true,
            prefixes: true,
            question_demoting: true,
            weighting: true,
            negation: true,
            embeddings: true,
            wordnet: true,
            alignment: true,
        }
    }
}

/// A compiled grading target.
#[derive(Debug, Clone)]
pub struct Target {
    /// Matching features in force (all on by default).
    pub features: Features,
    pub basis: Basis,
    pub kind: QuestionKind,
    /// Content stems of the question (words an answer merely echoes).
    pub question_stems: Arc<HashSet<String>>,
    /// Content stems of everything describing a good answer (question, reference, phrases).
    pub topic_stems: Arc<HashSet<String>>,
    pub points: Arc<Vec<TargetPoint>>,
    /// Weight of each signal in the score (sums to 1), from the rubric's criteria or a default per basis.
    /// (Keyed by `String` like [`ScoredAnswer::signals`](crate::ScoredAnswer), so the wasm module
    /// carries one map of this shape, not two.)
    pub weights: BTreeMap<Signal, f64>,
    /// The criterion that weighs most, whose descriptors name the level reached.
    pub main_criterion: Option<Criterion>,
    /// Unique on-topic content words for full length credit.
    pub expected_words: f64,
    /// Grading against a model answer: the key recall (see `signals::recall`) that counts as
    /// complete coverage ([`KEY_RECALL_FULL`]; the fitting script varies it).
    pub key_recall_full: f64,
    /// Grading against a model answer: the relation words it says (`signals::recall::RELATION_WORDS`),
    /// key words for recall though stopwords elsewhere.
    pub key_relations: Arc<Vec<String>>,
    /// Grading against a model answer: every content word of it, with the index of the talking
    /// point (model-answer unit) it belongs to, if its unit became one.
    pub key_bag: Arc<Vec<(BagWord, Option<usize>)>>,
    /// Graded on the question alone, and the question asks for a concept to be explained (see
    /// [`is_concept_question`]): weighed by [`CONCEPT_WEIGHTS`], advised on explanation, not trade-offs.
    pub concept: bool,
    /// A rubric question's common wrong claims (none for other bases).
    pub misconceptions: Arc<Vec<TargetMisconception>>,
}

/// Key recall (the weighted share of a model answer's content words an answer says) that counts as
/// saying the whole key. Fitted on the real development set by `examples/fit_reference.rs`
/// (question-grouped cross-validation; figures in README.md).
pub const KEY_RECALL_FULL: f64 = 0.8;

/// Default weights when grading against a reference answer: content dominates (short-answer grading).
/// Depth (reasoning, specifics, structure) counts only where the key asks for it: not by default.
const REFERENCE_WEIGHTS: [(Signal, f64); 3] =
    [(Signal::Coverage, 0.8), (Signal::Relevance, 0.1), (Signal::Fluency, 0.1)];
/// Weights when only the question is known and it asks for a concept ("What is dropout?", "Explain
/// gradient descent", "How does TCP ensure delivery?"; see [`is_concept_question`]): the content
/// cannot be checked, and what such a question asks for is an explanation on its subject, less
/// measured results. Relevance weighs more and specifics less than in [`QUESTION_WEIGHTS`]. Chosen
/// among five hand-made settings by two checks (`make accuracy` row (h), the development set
/// graded on its questions alone, r / adversarial violations; and five textbook explanations of
/// concept questions written for the purpose, in `tests/cli.rs`): the question weights 0.755 / 67 and
/// textbook answers 2.2–2.7; relevance 0.5 and no specifics 0.728 / 72 and 3.6–3.9; these 0.748 / 70
/// and 2.9–3.3, the middle way (a correct explanation reaches grade 3 without a key; the content
/// still cannot be checked, and the output says so).
const CONCEPT_WEIGHTS: [(Signal, f64); 5] = [
    (Signal::Relevance, 0.4),
    (Signal::Specificity, 0.1),
    (Signal::Reasoning, 0.2),
    (Signal::Structure, 0.15),
    (Signal::Fluency, 0.15),
];
/// Default weights when only the question is known: no content key, so depth and relevance carry the score.
const QUESTION_WEIGHTS: [(Signal, f64); 5] = [
    (Signal::Relevance, 0.3),
    (Signal::Specificity, 0.25),
    (Signal::Reasoning, 0.2),
    (Signal::Structure, 0.15),
    (Signal::Fluency, 0.1),
];

impl Target {
    /// A target from a rubric question.
    pub fn from_rubric(rubric: &Rubric, q: &Question, selected: Selection, confidence: Option<f64>) -> Target {
        let stemmer = text::stemmer();
        // Echo demoting uses the rubric's own wording of the question (plus, at grading time, the
        // question actually asked); alternative phrasings only help find the question.
        let question_stems: HashSet<String> = text::content_stems(&q.text).into_iter().collect();
        let mut topic_stems: HashSet<String> = question_stems.clone();
        for alt in &q.alternatives {
            topic_stems.extend(text::content_stems(alt));
        }
        topic_stems.extend(text::content_stems(&q.reference));
        let mut points = Vec::with_capacity(q.points.len());
        for p in &q.points {
            let mut phrases: Vec<Vec<String>> = Vec::with_capacity(p.phrases.len() + 1);
            for ph in p.phrases.iter().chain(std::iter::once(&p.text)) {
                // A phrasing that names a complexity class matches it however it is written.
                for c in complexity::find(ph) {
                    let key = vec![c.key.to_string()];
                    if !phrases.contains(&key) {
                        phrases.push(key);
                    }
                }
                let stems = phrase_stems(&stemmer, ph);
                if !stems.is_empty() && !phrases.contains(&stems) {
                    topic_stems.extend(stems.iter().cloned());
                    for g in synonyms::groups_of(&stems) {
                        let key = vec![synonyms::group_key(g).to_string()];
                        if !phrases.contains(&key) {
                            phrases.push(key);
                        }
                    }
                    phrases.push(stems);
                }
            }
            let mut words: Vec<String> = Vec::new();
            for w in phrase_stems(&stemmer, &p.text) {
                if !lexicon::is_generic_stem(&w) && !words.contains(&w) {
                    words.push(w);
                }
            }
            let (vocabulary, denied) =
                point_vocabulary(&stemmer, p.phrases.iter().chain(std::iter::once(&p.text)), false);
            points.push(TargetPoint {
                id: p.id.clone(),
                text: p.text.clone(),
                weight: if p.weight.is_finite() && p.weight > 0.0 { p.weight } else { 1.0 },
                matcher: PointMatch::Phrases(phrases),
                words,
                opposed: synonyms::opposed_groups_in(&|st: &str| vocabulary.contains(st)),
                one_sided: super::signals::one_sided_opposites(&vocabulary),
                vocabulary,
                denied,
                critical: is_critical(&p.text),
            });
        }
        let mut weights: BTreeMap<Signal, f64> = BTreeMap::new();
        for c in &q.criteria {
            let sigs: Vec<Signal> =
                c.signals.iter().filter_map(|s| Signal::WEIGHTED.iter().copied().find(|k| k.as_str() == s)).collect();
            if sigs.is_empty() || !(c.weight.is_finite() && c.weight > 0.0) {
                continue;
            }
            for s in &sigs {
                *weights.entry(*s).or_insert(0.0) += c.weight / sigs.len() as f64;
            }
        }
        if weights.is_empty() {
            weights = weight_map(&[
                (Signal::Coverage, 0.6),
                (Signal::Specificity, 0.15),
                (Signal::Reasoning, 0.15),
                (Signal::Fluency, 0.1),
            ]);
        }
        normalise(&mut weights);
        let main_criterion = q
            .criteria
            .iter()
            .filter(|c| c.weight.is_finite())
            .fold(None::<&Criterion>, |best, c| match best {
                Some(b) if b.weight >= c.weight => Some(b),
                _ => Some(c),
            })
            .cloned();
        let ref_words = unique_content(&q.reference) as f64;
        let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Technical);
        Target {
            features: Features::default(),
            basis: Basis::Rubric {
                rubric_id: rubric.id.clone(),
                version: rubric.version.clone(),
                question_id: q.id.clone(),
                selected,
                confidence,
            },
            kind,
            question_stems: Arc::new(question_stems),
            topic_stems: Arc::new(topic_stems),
            points: Arc::new(points),
            weights,
            main_criterion,
            expected_words: (ref_words * 0.45).clamp(12.0, 50.0),
            key_recall_full: KEY_RECALL_FULL,
            key_relations: Arc::default(),
            key_bag: Arc::default(),
            misconceptions: Arc::new(TargetMisconception::compile(q)),
            concept: false,
        }
    }

    /// A target from a model answer: each sentence of the reference becomes a point matched as a bag of stems.
    pub fn from_reference(question: &str, reference: &str, kind: QuestionKind) -> Target {
        let question_stems: HashSet<String> = text::content_stems(question).into_iter().collect();
        let mut topic_stems = question_stems.clone();
        let mut points = Vec::new();
        // A comparison question: which subject each model-answer word is said of, by its place in
        // the whole model answer (a clause after a colon still speaks of the sentence's subject).
        let subjects = contrasted_subjects(question);
        let whole = text::analyze(reference);
        let said_of: Vec<Option<&str>> = match &subjects {
            Some(sub)
                if whole.tokens.iter().any(|t| *t.stem == *sub.0) && whole.tokens.iter().any(|t| *t.stem == *sub.1) =>
            {
                subject_of_tokens(reference, &whole.tokens, (&sub.0, &sub.1))
            }
            _ => Vec::new(),
        };
        let toks = &whole.tokens;
        let subject_of = |k: usize| said_of.get(k).copied().flatten().map(str::to_string);
        let mut key_bag: Vec<(BagWord, Option<usize>)> = Vec::new();
        for (i, sentence) in reference_units(reference).into_iter().enumerate() {
            // The unit's tokens within the whole model answer's (units are slices of it).
            let offset = (sentence.as_ptr() as usize).saturating_sub(reference.as_ptr() as usize);
            let (lo, hi) = (
                toks.partition_point(|t| t.start < offset),
                toks.partition_point(|t| t.start < offset + sentence.len()),
            );
            let content: Vec<usize> = (lo..hi).filter(|&t| !toks[t].stop).collect();
            let hits = synonyms::find(toks, &content);
            let mut bag: Vec<BagWord> = Vec::new();
            // A complexity class is one word of the unit ("O(log n)" is not "o", "log", "n").
            let classes: Vec<(usize, usize, &'static str)> =
                complexity::find(sentence).into_iter().map(|c| (offset + c.start, offset + c.end, c.key)).collect();
            for &(start, _, key) in &classes {
                if !bag.iter().any(|b| b.stem == key) {
                    let at = toks.partition_point(|t| t.start < start);
                    bag.push(BagWord {
                        stem: key.to_string(),
                        weight: COMPLEXITY_WEIGHT,
                        groups: Vec::new(),
                        subject: subject_of(at),
                    });
                }
            }
            for &ti in
                content.iter().filter(|&&ti| !classes.iter().any(|&(s, e, _)| s <= toks[ti].start && toks[ti].end <= e))
            {
                let s = toks[ti].stem.to_string();
                topic_stems.insert(s.clone());
                let groups: Vec<String> = hits
                    .iter()
                    .filter(|(_, hs, he)| (*hs..*he).contains(&ti))
                    .map(|(g, _, _)| synonyms::group_key(*g).to_string())
                    .collect();
                // Words the question already says stay in the bag; matching skips them (question demoting).
                if let Some(b) = bag.iter_mut().find(|b| b.stem == s) {
                    for g in groups {
                        if !b.groups.contains(&g) {
                            b.groups.push(g);
                        }
                    }
                    continue;
                }
                let weight = stem_weight(&s);
                bag.push(BagWord { stem: s, weight, groups, subject: subject_of(ti) });
            }
            let weight: f64 = bag.iter().filter(|b| !question_stems.contains(&b.stem)).map(|b| b.weight).sum();
            // Every key word counts for recall, also those of a unit that only repeats the question's
            // words ("The bulb will light." when the question asks what the bulb will do).
            let unit = (weight > 0.0).then_some(points.len());
            key_bag.extend(bag.iter().map(|b| (b.clone(), unit)));
            if weight <= 0.0 {
                continue;
            }
            let (vocabulary, denied) = point_vocabulary(&text::stemmer(), std::iter::once(&sentence.to_string()), true);
            points.push(TargetPoint {
                id: format!("reference-{}", i + 1),
                text: crate::text::excerpt::shorten(sentence, 90),
                weight,
                matcher: PointMatch::Bag(bag),
                words: Vec::new(),
                opposed: synonyms::opposed_groups_in(&|st: &str| vocabulary.contains(st)),
                one_sided: super::signals::one_sided_opposites(&vocabulary),
                vocabulary,
                denied,
                // (a model-answer unit is matched as a bag that holds the judgement word itself)
                critical: false,
            });
        }
        let mut weights = weight_map(&REFERENCE_WEIGHTS);
        if matches!(kind, QuestionKind::Behavioral) {
            weights.insert(Signal::Structure, 0.15);
        }
        normalise(&mut weights);
        let ref_words = unique_content(reference) as f64;
        let mut key_relations: Vec<String> = Vec::new();
        for t in whole.tokens.iter().filter(|t| t.stop) {
            if super::signals::RELATION_WORDS.contains(&t.lower) && !key_relations.iter().any(|w| *w == *t.lower) {
                key_relations.push(t.lower.to_string());
            }
        }
        Target {
            features: Features::default(),
            basis: Basis::Reference,
            kind,
            question_stems: Arc::new(question_stems),
            topic_stems: Arc::new(topic_stems),
            points: Arc::new(points),
            weights,
            main_criterion: None,
            expected_words: (ref_words * 0.6).clamp(4.0, 45.0),
            key_recall_full: KEY_RECALL_FULL,
            key_relations: Arc::new(key_relations),
            key_bag: Arc::new(key_bag),
            misconceptions: Arc::default(),
            concept: false,
        }
    }

    /// A target from the question alone: no talking points; relevance and depth carry the score.
    pub fn from_question(question: &str, kind: QuestionKind) -> Target {
        let question_stems: HashSet<String> = text::content_stems(question).into_iter().collect();
        let concept = matches!(kind, QuestionKind::Technical | QuestionKind::Other) && is_concept_question(question);
        let mut weights = weight_map(if concept { &CONCEPT_WEIGHTS[..] } else { &QUESTION_WEIGHTS[..] });
        if matches!(kind, QuestionKind::Behavioral) {
            weights.insert(Signal::Structure, 0.3);
        }
        normalise(&mut weights);
        let expected_words = match kind {
            QuestionKind::Closing => 8.0,
            QuestionKind::Introduction => 25.0,
            QuestionKind::Behavioral => 40.0,
            _ => 30.0,
        };
        Target {
            features: Features::default(),
            basis: Basis::Question,
            kind,
            topic_stems: Arc::new(question_stems.clone()),
            question_stems: Arc::new(question_stems),
            points: Arc::new(Vec::new()),
            weights,
            main_criterion: None,
            expected_words,
            key_recall_full: KEY_RECALL_FULL,
            key_relations: Arc::default(),
            key_bag: Arc::default(),
            misconceptions: Arc::default(),
            concept,
        }
    }

    /// Adds the words of the question as actually asked to those an answer merely echoes.
    pub fn with_asked_question(mut self, asked: &str) -> Target {
        let extra: Vec<String> =
            text::content_stems(asked).into_iter().filter(|s| !self.question_stems.contains(s)).collect();
        if !extra.is_empty() {
            let mut q: HashSet<String> = (*self.question_stems).clone();
            q.extend(extra);
            self.question_stems = Arc::new(q);
        }
        self
    }

    /// Whether an answer to this target should be told to add specifics (a measured result, a named
    /// tool): when specifics count, except for a concept question graded on its own ("What is
    /// dropout?" asks for an explanation, not a measurement). Specifics still count in its score:
    /// dropping them made question-only grading worse on the dev set (r 0.744 → 0.688).
    pub fn asks_for_specifics(&self) -> bool {
        self.weight(Signal::Specificity) > 0.0
            && !(matches!(self.basis, Basis::Question)
                && matches!(self.kind, QuestionKind::Technical | QuestionKind::Other))
    }

    pub fn weight(&self, signal: Signal) -> f64 {
        self.weights.get(&signal).copied().unwrap_or(0.0)
    }
}

/// Whether a question asks for a concept to be explained rather than for an experience, a design
/// or a judgement: it opens with "what is/are/does", "define", "explain", "describe what", "what's
/// the difference" or "how does/do/is/are", and does not ask about "you" ("What would you do…",
/// "Explain how you test…", "How would you design…" and "Tell me about a time…" are not concept
/// questions).
pub fn is_concept_question(question: &str) -> bool {
    let words: Vec<String> = question
        .split_whitespace()
        .map(|w| text::fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')))
        .collect();
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    // About the candidate's own work ("Explain how you use fixtures", "What would you do …"): not a concept.
    if words.iter().any(|w| matches!(w.as_str(), "you" | "your" | "you've" | "you'd" | "yourself")) {
        return false;
    }
    match w(0) {
        "define" | "explain" => true,
        "what's" => true,
        "what" => matches!(w(1), "is" | "are" | "does" | "do"),
        "describe" => matches!(w(1), "what" | "how"),
        "how" => matches!(w(1), "does" | "do" | "is" | "are"),
        _ => false,
    }
}

/// Stems of a talking-point phrase (stopwords dropped; a phrase of stopwords only keeps them).
fn phrase_stems(stemmer: &rust_stemmers::Stemmer, phrase: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let words: Vec<String> = phrase.unicode_words().map(text::fold).collect();
    let content: Vec<&String> = words.iter().filter(|w| !lexicon::is_stopword(w)).collect();
    let chosen: Vec<&String> = if content.is_empty() { words.iter().collect() } else { content };
    chosen.into_iter().map(|w| text::stem_with(stemmer, w)).collect()
}

/// Every folded word and stem of a point's wordings, and the stems they word in the negative (after
/// a negative word, up to the end of its clause).
///
/// `whole_clause`: a negation denies its whole clause, on either side of the cue, as it does in an
/// answer (a model answer's sentence, "Fruitsnap contains little or no vitamin C", is read the way
/// the answer will be); otherwise only the words after the cue (a rubric phrasing such as "avoids a
/// single point of failure" denies what follows the verb, not a subject).
fn point_vocabulary<'a>(
    stemmer: &rust_stemmers::Stemmer,
    texts: impl Iterator<Item = &'a String>,
    whole_clause: bool,
) -> (HashSet<String>, HashSet<String>) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut vocabulary = HashSet::default();
    let mut denied = HashSet::default();
    for t in texts {
        for part in t.split([',', ';', ':', '(', ')']) {
            let mut negative = whole_clause && part.unicode_words().any(|w| NEGATIVE_WORDS.contains(&text::fold(w)));
            for w in part.unicode_words().map(text::fold) {
                let stem = text::stem_with(stemmer, &w);
                let cue = NEGATIVE_WORDS.contains(&w);
                if negative && !cue && !lexicon::is_stopword(&w) {
                    denied.insert(stem.clone());
                }
                negative |= cue;
                vocabulary.insert(stem);
                vocabulary.insert(w);
            }
        }
    }
    (vocabulary, denied)
}

/// Whether a (folded) word is one of [`NEGATIVE_WORDS`].
pub(crate) fn is_negative_word(w: &str) -> bool {
    NEGATIVE_WORDS.contains(w)
}

/// Words that make a talking point's own wording negative.
static NEGATIVE_WORDS: text::WordList =
    text::WordList::new("not never no none nothing nobody without avoid avoids instead don't doesn't didn't isn't aren't wasn't weren't won't can't cannot nor neither rather");

/// How informative a stem is, without a corpus: generic interview words count little, long or
/// numeric words a little more. (A corpus IDF table can replace this.)
pub fn stem_weight(stem: &str) -> f64 {
    if lexicon::is_generic_stem(stem) {
        0.3
    } else if stem.chars().count() >= 7 {
        1.3
    } else if stem.chars().count() <= 2 {
        0.6
    } else {
        1.0
    }
}

fn unique_content(text_: &str) -> usize {
    text::content_stems(text_).into_iter().collect::<HashSet<_>>().len()
}

/// A weight map from `(signal, weight)` pairs (a later pair for the same signal wins, as in `collect`).
/// Inserted one by one: collecting would bring in a sort of its own.
fn weight_map(pairs: &[(Signal, f64)]) -> BTreeMap<Signal, f64> {
    // Inserted one by one (see `score::grade`: `collect()` would bring a second stable sort).
    let mut weights = BTreeMap::new();
    for &(signal, w) in pairs {
        weights.insert(signal, w);
    }
    weights
}

fn normalise(weights: &mut BTreeMap<Signal, f64>) {
    let total: f64 = weights.values().sum();
    if total > 0.0 {
        for v in weights.values_mut() {
            *v /= total;
        }
    }
}

/// Splits a model answer into units of meaning: sentences, and long sentences further at clause
/// punctuation (`,` `;` `:`) where each side keeps at least [`MIN_UNIT_WORDS`] content words.
fn reference_units(reference: &str) -> Vec<&str> {
    let mut units = Vec::new();
    for (_, sentence) in text::split_sentences(reference) {
        let mut rest = sentence;
        loop {
            let cut =
                rest.char_indices().filter(|(_, c)| matches!(c, ',' | ';' | ':')).map(|(i, _)| i).find(|&i| {
                    content_len(&rest[..i]) >= MIN_UNIT_WORDS && content_len(&rest[i + 1..]) >= MIN_UNIT_WORDS
                });
            match cut {
                Some(i) => {
                    units.push(rest[..i].trim());
                    rest = rest[i + 1..].trim();
                }
                None => {
                    units.push(rest.trim());
                    break;
                }
            }
        }
    }
    units.retain(|u| !u.is_empty());
    units
}

/// A clause of a model answer needs this many content words to stand as a point of its own.
const MIN_UNIT_WORDS: usize = 3;

fn content_len(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    s.unicode_words().filter(|w| !lexicon::is_stopword(&text::fold(w))).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(q: &str) -> Option<(String, String)> {
        contrasted_subjects(q)
    }

    #[test]
    fn comparison_questions_name_their_two_subjects() {
        let stem = |w: &str| text::stem_with(&text::stemmer(), w);
        assert_eq!(
            pair("What is the difference between a process and a thread?"),
            Some((stem("process"), stem("thread")))
        );
        assert_eq!(pair("Compare TCP and UDP."), Some((stem("tcp"), stem("udp"))));
        assert_eq!(
            pair("What is the difference between a primary key and a foreign key?"),
            Some((stem("primary"), stem("foreign")))
        );
        assert_eq!(pair("git merge vs git rebase: when would you use each?"), Some((stem("merge"), stem("rebase"))));
        // Not a comparison, or nothing to tell apart.
        assert_eq!(pair("How do you design and run a load test?"), None);
        assert_eq!(pair("What is a hash table?"), None);
        assert_eq!(pair("Compare this and that."), None);
        // Two quantities related or plotted, not contrasted.
        assert_eq!(pair("Explain what each graph tells you. Graph A) number of tree rings versus time."), None);
        assert_eq!(pair("Describe the relationship between temperature and pressure."), None);
        assert_eq!(pair("Compare the relationship between cost and speed."), Some((stem("cost"), stem("speed"))));
    }

    #[test]
    fn concept_questions_ask_for_an_explanation() {
        for q in [
            "What is dropout?",
            "Explain gradient descent.",
            "What's a p-value?",
            "Define idempotence.",
            "How does a hash map work?",
            "What are the ACID properties?",
            "Describe what a mutex does.",
            "How does TCP ensure reliable delivery?",
        ] {
            assert!(is_concept_question(q), "{q}");
        }
        for q in [
            "What would you do if the build broke?",
            "How would you design a URL shortener?",
            "Tell me about a time you disagreed.",
            "What is your biggest weakness?",
            "How do you test it?",
            "Explain how you use fixtures and mocking in your tests.",
        ] {
            assert!(!is_concept_question(q), "{q}");
        }
    }

    #[test]
    fn each_clause_speaks_of_the_subject_it_names_first_or_the_one_before() {
        let text = "Threads of one process share its memory, while a process owns its address space and a thread runs inside it.";
        let a = text::analyze(text);
        let (p, t) = (text::stem_with(&text::stemmer(), "process"), text::stem_with(&text::stemmer(), "thread"));
        let of = subject_of_tokens(text, &a.tokens, (&p, &t));
        let at = |w: &str| a.tokens.iter().position(|tok| &*tok.lower == w).and_then(|i| of[i]);
        assert_eq!(at("memory"), Some(t.as_str()), "'process' is named too late in its clause to be what it speaks of");
        assert_eq!(at("address"), Some(p.as_str()));
        assert_eq!(at("runs"), Some(t.as_str()));
    }
}
