//! Semantic partial credit for a talking point, used only when an embeddings model is loaded
//! (see [`crate::embed`]) and the `embeddings` feature is on.
//!
//! Each content word of the point that has no exact, stem or prefix counterpart in the answer is
//! compared with the answer's content words; the most similar one, if its cosine similarity is
//! above [`SIM_FROM`], gives the word a share of credit rising linearly to 1 at [`SIM_FULL`]. Words
//! the question already says are left out (question demoting), and so are answer words the grading
//! standard itself uses (topic words): those name concepts of their own, and a static model puts
//! opposites such as "horizontal" and "vertical" close together. The point's semantic credit is the
//! weighted share of its words made this way, capped at [`SEMANTIC_CAP`] (a paraphrase recognised
//! by a static model never counts as a point made in the rubric's own words), and needs at least
//! [`MIN_SHARE`] of the point's weight made (a stray related word earns nothing, as in phrase
//! matching). The caller keeps whichever is higher, this or the lexical credit.

use super::target::{stem_weight, PointMatch, Target, TargetPoint};
use crate::embed;
use crate::text::{self, lexicon, Token};
use std::cell::RefCell;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;

/// Answer words (token index, unit vector) a point word may be a paraphrase of.
type Candidates = Arc<Vec<(usize, Arc<[f32]>)>>;

/// Similarity below which an answer word is no paraphrase of a point word.
pub const SIM_FROM: f32 = 0.5;
/// Similarity from which an answer word counts as fully saying a point word.
pub const SIM_FULL: f32 = 0.8;
/// Most credit a point can earn with help from the model.
pub const SEMANTIC_CAP: f64 = 0.8;
/// Share of a point's weight that must be made (exactly or semantically) for any credit.
pub const MIN_SHARE: f64 = 0.5;

/// Semantic credit for point `p` and the answer token that carries most of it, or `None` when no
/// model is given (`model`: the grading's, [`super::Grading::embeddings`]) or the model adds nothing. `content` are the answer's usable content tokens;
/// `found` says whether a point stem has a lexical counterpart in the answer.
pub(crate) fn point_credit(
    model: Option<&embed::Embeddings>,
    p: &TargetPoint,
    target: &Target,
    toks: &[Token],
    content: &[usize],
    found: &dyn Fn(&str) -> bool,
) -> Option<(f64, (usize, usize))> {
    let model = model?;
    let f = target.features;
    let stemmer = text::stemmer();
    let mut total = 0.0;
    let mut got = 0.0;
    let mut best: Option<(f32, usize)> = None;
    let mut seen: Vec<String> = Vec::new();
    let mut candidates: Option<Candidates> = None;
    for word in p.text.unicode_words() {
        let lower = text::fold(word);
        if lexicon::is_stopword(&lower) {
            continue;
        }
        let stem = text::stem_with(&stemmer, &lower);
        if seen.contains(&stem) || (f.question_demoting && target.question_stems.contains(&stem)) {
            continue;
        }
        seen.push(stem.clone());
        let w = match &p.matcher {
            PointMatch::Bag(bag) => match bag.iter().find(|b| b.stem == stem) {
                Some(b) => {
                    if f.weighting {
                        b.weight
                    } else {
                        1.0
                    }
                }
                None => continue,
            },
            PointMatch::Phrases(_) => {
                if f.weighting {
                    stem_weight(&stem)
                } else {
                    1.0
                }
            }
        };
        total += w;
        if found(&stem) {
            got += w;
            continue;
        }
        let Some(pv) = model.vector(&lower) else { continue };
        if candidates.is_none() {
            candidates = Some(answer_vectors(model, target, toks, content));
        }
        let mut word_best: Option<(f32, usize)> = None;
        for (i, av) in candidates.iter().flat_map(|c| c.iter()) {
            let sim = embed::cosine(&pv, av);
            if word_best.map(|(s, _)| sim > s).unwrap_or(true) {
                word_best = Some((sim, *i));
            }
        }
        if let Some((sim, i)) = word_best.filter(|(s, _)| *s > SIM_FROM) {
            got += w * f64::from(((sim - SIM_FROM) / (SIM_FULL - SIM_FROM)).min(1.0));
            if best.map(|(s, _)| sim > s).unwrap_or(true) {
                best = Some((sim, i));
            }
        }
    }
    let (_, at) = best?;
    if total <= 0.0 {
        return None;
    }
    let share = got / total;
    if share < MIN_SHARE {
        return None;
    }
    Some((SEMANTIC_CAP * share, (at, at + 1)))
}

/// The answer words a point word may be a paraphrase of, with their vectors: content words, first
/// occurrence of each, without numbers and without words the grading standard itself uses (a word
/// the rubric uses names a concept of its own, not a paraphrase of another: static embeddings put
/// "vertical" next to "horizontal"). Computed once per grading and kept for its other points.
fn answer_vectors(model: &embed::Embeddings, target: &Target, toks: &[Token], content: &[usize]) -> Candidates {
    // What identifies this grading: the model, the target's topic words and the answer's words.
    let mut key = embed::fnv1a64(&(model as *const embed::Embeddings as usize).to_le_bytes());
    key ^= Arc::as_ptr(&target.topic_stems) as usize as u64;
    for &i in content {
        if let Some(t) = toks.get(i) {
            key = embed::fnv1a64(t.lower.as_bytes())
                ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ key.rotate_left(7);
        }
    }
    if let Some(hit) = LAST
        .with(|l| l.borrow().as_ref().filter(|(k, n, _)| *k == key && *n == content.len()).map(|(_, _, v)| v.clone()))
    {
        return hit;
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for &i in content {
        let Some(t) = toks.get(i) else { continue };
        if t.numeric || target.topic_stems.contains(t.stem.as_str()) || seen.contains(&t.lower.as_str()) {
            continue;
        }
        seen.push(t.lower.as_str());
        if let Some(v) = model.vector(&t.lower) {
            out.push((i, v));
        }
    }
    let out = Arc::new(out);
    LAST.with(|l| *l.borrow_mut() = Some((key, content.len(), out.clone())));
    out
}

thread_local! {
    /// The candidates of the grading in progress (key, content length, vectors).
    static LAST: RefCell<Option<(u64, usize, Candidates)>> = const { RefCell::new(None) };
}
