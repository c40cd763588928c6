//! Choosing the rubric question an answer is graded against: by id, or by matching the question
//! text (and each rubric question's alternative phrasings) with IDF-weighted word overlap.

use super::RubricSet;
use crate::rubric::{Question, Rubric};
use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};
use crate::text::{self, lexicon};

/// A matched question must reach this similarity to be used without being named.
/// 0 = no shared informative word, 1 = same informative words.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// Words that say how a question is asked rather than what it is about.
static ASKING_STEMS: text::WordList = text::WordList::new(
    "describ explain tell walk would could can time give discuss approach talk share exampl \
specif handl deal situat experi think mean differ",
);

fn informative_stems(s: &str) -> HashSet<String> {
    text::content_stems(s).into_iter().filter(|w| !ASKING_STEMS.contains(w) && !lexicon::is_generic_stem(w)).collect()
}

/// An index of every question text and phrasing in a rubric set.
#[derive(Debug, Clone, Default)]
pub struct QuestionIndex {
    entries: Vec<(usize, usize, HashSet<String>)>, // rubric index, question index, stems
    /// Summed weight of each entry's stems, computed once at build time (same order, same sums).
    norms: Vec<f64>,
    idf: HashMap<String, f64>,
    /// Stem → the entries that contain it, so a question is compared only with entries it shares a stem with.
    postings: HashMap<String, Vec<u32>>,
}

impl QuestionIndex {
    pub fn build<'a>(rubrics: impl Iterator<Item = &'a Rubric>) -> QuestionIndex {
        let mut entries = Vec::new();
        for (ri, r) in rubrics.enumerate() {
            for (qi, q) in r.questions.iter().enumerate() {
                for t in std::iter::once(&q.text).chain(q.alternatives.iter()) {
                    let stems = informative_stems(t);
                    if !stems.is_empty() {
                        entries.push((ri, qi, stems));
                    }
                }
            }
        }
        let mut df: HashMap<String, f64> = HashMap::default();
        for (_, _, stems) in &entries {
            for s in stems {
                *df.entry(s.clone()).or_insert(0.0) += 1.0;
            }
        }
        let n = entries.len().max(1) as f64;
        let idf = df.into_iter().map(|(s, d)| (s, (1.0 + n / d).ln())).collect();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::default();
        for (e, (_, _, stems)) in entries.iter().enumerate() {
            for s in stems {
                postings.entry(s.clone()).or_default().push(e as u32);
            }
        }
        let mut index = QuestionIndex { entries, norms: Vec::new(), idf, postings };
        index.norms = index.entries.iter().map(|(_, _, stems)| index.norm(stems)).collect();
        index
    }

    fn weight(&self, stem: &str) -> f64 {
        // Unseen words are as informative as the rarest seen ones.
        self.idf.get(stem).copied().unwrap_or_else(|| (1.0 + self.entries.len().max(1) as f64).ln())
    }

    fn norm(&self, stems: &HashSet<String>) -> f64 {
        stems.iter().map(|s| self.weight(s)).sum()
    }

    /// The best matching (rubric index, question index, similarity), optionally within one rubric:
    /// the weighted overlap of the question's informative stems with each entry's, cosine-style (the
    /// shared stems' weight over the geometric mean of the two sets' weights); the first entry wins ties.
    pub fn best(&self, question: &str, only_rubric: Option<usize>) -> Option<(usize, usize, f64)> {
        let q = informative_stems(question);
        if q.is_empty() {
            return None;
        }
        let wq = self.norm(&q);
        // Shared weight per entry, from the postings of the question's stems (in sorted stem order,
        // so the sums do not depend on hash order).
        let mut stems: Vec<&String> = q.iter().collect();
        crate::sort::sort(&mut stems);
        let mut shared = vec![0.0f64; self.entries.len()];
        for s in stems {
            if let Some(list) = self.postings.get(s.as_str()) {
                let w = self.weight(s);
                for &e in list {
                    if let Some(x) = shared.get_mut(e as usize) {
                        *x += w;
                    }
                }
            }
        }
        let mut best: Option<(usize, usize, f64)> = None;
        for (((ri, qi, _), &wb), &sh) in self.entries.iter().zip(&self.norms).zip(&shared) {
            if only_rubric.map(|o| o != *ri).unwrap_or(false) {
                continue;
            }
            let sim = if wq <= 0.0 || wb <= 0.0 { 0.0 } else { sh / (wq * wb).sqrt() };
            if best.map(|(_, _, b)| sim > b).unwrap_or(true) {
                best = Some((*ri, *qi, sim));
            }
        }
        best
    }
}

/// A question within a named rubric: by `rubric/question` id, else the closest to the question text,
/// else the rubric's only (or first) question.
pub fn question_in<'r>(
    index: &QuestionIndex,
    rubrics: &'r RubricSet,
    rubric: &'r Rubric,
    question_id: Option<&str>,
    question: &str,
) -> Option<(&'r Question, Option<f64>)> {
    if let Some(qid) = question_id {
        return rubric.questions.iter().find(|q| q.id == qid).map(|q| (q, None));
    }
    let ri = rubrics.iter().position(|r| std::ptr::eq(r, rubric));
    if let Some((_, qi, sim)) = ri.and_then(|ri| index.best(question, Some(ri))) {
        if sim > 0.0 {
            return rubric.questions.get(qi).map(|q| (q, Some(sim)));
        }
    }
    rubric.questions.first().map(|q| (q, Some(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `best` as first written: every entry compared with the question by set intersection.
    fn brute_force(index: &QuestionIndex, question: &str, only: Option<usize>) -> Option<(usize, usize, f64)> {
        let q = informative_stems(question);
        if q.is_empty() {
            return None;
        }
        let wq = index.norm(&q);
        let mut best: Option<(usize, usize, f64)> = None;
        for (ri, qi, stems) in &index.entries {
            if only.is_some_and(|o| o != *ri) {
                continue;
            }
            let wb = index.norm(stems);
            let shared: f64 = q.intersection(stems).map(|s| index.weight(s)).sum();
            let sim = if wq <= 0.0 || wb <= 0.0 { 0.0 } else { shared / (wq * wb).sqrt() };
            if best.map(|(_, _, b)| sim > b).unwrap_or(true) {
                best = Some((*ri, *qi, sim));
            }
        }
        best
    }

    #[test]
    fn the_postings_give_what_comparing_every_entry_gives() {
        let rubrics = crate::rubric::bundled::rubrics();
        let index = QuestionIndex::build(rubrics.iter());
        let mut questions: Vec<String> =
            rubrics.iter().flat_map(|r| r.questions.iter().map(|q| q.text.clone())).collect();
        questions.extend(
            [
                "How do you keep consumers from falling behind a busy topic?",
                "Tell me about yourself.",
                "What is the capital of France?",
                "scaling scaling scaling",
                "",
            ]
            .map(String::from),
        );
        for q in &questions {
            for only in [None, Some(0), Some(2)] {
                let (fast, slow) = (index.best(q, only), brute_force(&index, q, only));
                match (fast, slow) {
                    (Some((r1, q1, s1)), Some((r2, q2, s2))) => {
                        assert!((s1 - s2).abs() < 1e-12, "{q:?}: {s1} vs {s2}");
                        assert_eq!((r1, q1), (r2, q2), "{q:?}");
                    }
                    (a, b) => assert_eq!(a.is_none(), b.is_none(), "{q:?}"),
                }
            }
        }
    }
}
