//! Choosing the rubric question an answer is graded against: by id, or by matching the question
//! text (and each rubric question's alternative phrasings) with IDF-weighted word overlap.

use crate::rubric::{Question, Rubric, RubricSet};
use crate::text::{self, lexicon};
use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};

/// A matched question must reach this similarity to be used without being named.
/// 0 = no shared informative word, 1 = same informative words.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// Words that say how a question is asked rather than what it is about.
const ASKING_STEMS: &[&str] = &[
    "describ", "explain", "tell", "walk", "would", "could", "can", "time", "give", "discuss", "approach",
    "talk", "share", "exampl", "specif", "handl", "deal", "situat", "experi", "think", "mean", "differ",
];

fn informative_stems(s: &str) -> HashSet<String> {
    text::content_stems(s).into_iter().filter(|w| !ASKING_STEMS.contains(&w.as_str()) && !lexicon::is_generic_stem(w)).collect()
}

/// An index of every question text and phrasing in a rubric set.
#[derive(Debug, Clone, Default)]
pub struct QuestionIndex {
    entries: Vec<(usize, usize, HashSet<String>)>, // rubric index, question index, stems
    /// Summed weight of each entry's stems, computed once at build time (same order, same sums).
    norms: Vec<f64>,
    idf: HashMap<String, f64>,
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
        let mut index = QuestionIndex { entries, norms: Vec::new(), idf };
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

    /// Weighted overlap of `a` (summed weight `wa`) and `b` (summed weight `wb`), cosine-style.
    fn similarity(&self, a: &HashSet<String>, wa: f64, b: &HashSet<String>, wb: f64) -> f64 {
        if wa <= 0.0 || wb <= 0.0 {
            return 0.0;
        }
        let shared: f64 = a.intersection(b).map(|s| self.weight(s)).sum();
        shared / (wa * wb).sqrt()
    }

    /// The best matching (rubric index, question index, similarity), optionally within one rubric.
    pub fn best(&self, question: &str, only_rubric: Option<usize>) -> Option<(usize, usize, f64)> {
        let q = informative_stems(question);
        if q.is_empty() {
            return None;
        }
        let wq = self.norm(&q);
        let mut best: Option<(usize, usize, f64)> = None;
        for ((ri, qi, stems), &wb) in self.entries.iter().zip(&self.norms) {
            if only_rubric.map(|o| o != *ri).unwrap_or(false) {
                continue;
            }
            let sim = self.similarity(&q, wq, stems, wb);
            if best.map(|(_, _, b)| sim > b).unwrap_or(true) {
                best = Some((*ri, *qi, sim));
            }
        }
        best
    }
}

/// A question within a named rubric: by `rubric/question` id, else the closest to the question text,
/// else the rubric's only (or first) question.
pub fn question_in<'r>(index: &QuestionIndex, rubrics: &'r RubricSet, rubric: &'r Rubric, question_id: Option<&str>, question: &str) -> Option<(&'r Question, Option<f64>)> {
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
