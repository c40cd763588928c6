//! Talking-point matching and raw coverage: each point of the target is looked for in the answer by
//! its phrasings (exact, stem, prefix relative, hand-made equivalents, complexity classes), by a
//! WordNet synonym of a one-word phrasing, by aligning the words of its own text, as a weighted bag
//! of a model answer's words, or (with a model loaded) semantically; a match that is denied or
//! contradicted (see [`super::contradiction`]) is not credited and costs coverage.

use super::contradiction;
use super::index::StemIndex;
use super::misconception::{self, MisconceptionHit};
use super::{Context, PointResult};
use crate::score::target::{self, BagWord, PointMatch, Target};
use crate::text::hash::FastMap as HashMap;
use crate::text::{complexity, lexicon, synonyms, wordnet};

/// A point counts as covered from this much credit on. (Hand-set in the first scoring engine,
/// commit 977d3b5: half a point made is a point touched; no tuning is recorded.)
pub const COVERED_AT: f64 = 0.5;
/// Share of a multi-word phrase's words that must appear together for partial credit.
/// (Hand-set in the first scoring engine; no tuning is recorded. Checked against the dev sets by
/// `make accuracy`.)
const PARTIAL_FROM: f64 = 0.6;
/// Credit per word share for a multi-word phrase found in part: a phrase with 3 of its 4 words
/// together earns `0.8 × 0.75 = 0.6`, so a partial match never equals a full one. (Hand-set in the
/// first scoring engine; no tuning is recorded.)
const PARTIAL_CREDIT: f64 = 0.8;
/// Credit kept by a talking point matched only through the question's own words. (Hand-set when
/// echo-aware matching came in, commit bfc61f2; no tuning is recorded.)
const ECHO_CREDIT: f64 = 0.4;
/// How many tokens a multi-word phrase may spread over beyond its own length. (Hand-set in the first
/// scoring engine; no tuning is recorded.)
const PHRASE_SLACK: usize = 4;
/// Occurrences of each phrase word tried as the anchor of a phrase match (a bound on the work for a
/// word said very often; later occurrences rarely give a tighter span). Hand-set in the first
/// scoring engine for speed.
const MAX_ANCHORS: usize = 8;
/// Credit for a one-word phrasing said with a WordNet synonym (exact or stem match earns 1).
/// (Set when WordNet synonyms came in, version 0.2.0, commit 44c205b: below an exact match, above
/// a partial phrase; checked against the dev sets by `make accuracy`.)
pub const WORDNET_CREDIT: f64 = 0.7;
/// Most credit the alignment estimate gives (a point's full wording, aligned word by word).
/// (Set with alignment coverage, version 0.2.0, commit 44c205b: a point's own words found one by one
/// are weaker evidence than one of its phrasings; checked by `make accuracy`.)
pub const ALIGN_CREDIT: f64 = 0.8;
/// Share of a point's words that must align for any alignment credit (a third: one word of a
/// three-word point is a stray match, two are a paraphrase). Set with alignment coverage (0.2.0).
const ALIGN_FROM: f64 = 0.34;
/// A point's text needs at least this many words (beyond the question's) to be aligned: one word
/// alone is a stray match. Set with alignment coverage (0.2.0).
const ALIGN_MIN_WORDS: usize = 2;
/// An alignment or bag match whose words spread over this many tokens or more is shown as its first
/// word only (a span that long is not one statement). Set with alignment coverage (0.2.0); it
/// changes only the evidence span, not the credit.
const SPAN_MAX_TOKENS: usize = 25;
/// Credit kept by the only talking point an answer matches when one word in a sentence with no
/// other word of the grading standard matched it (see [`lone_word`]). Set in 0.4.0 (commit
/// d74c805), which took the dev set from 4 violations to 0 (Pearson r 0.916).
const LONE_WORD_CREDIT: f64 = 0.5;
/// Words a sentence must say per talking point it names, beyond the names themselves, for the
/// points to count as explained (see [`named_only`]): a term and at least three words about it,
/// function words included ("the load balancer *stops routing to* failed instances"). Hand-set with
/// claim checking (0.7.0) from what a clause about a term needs (a verb, its object or qualifier,
/// a word to join them); a list item has one or two ("and", "for"). Checked on the rubric examples
/// and the development sets, not fitted.
const EXPLAIN_WORDS: f64 = 3.0;
/// Longest match (in tokens) taken for a bare name of a point (see [`named_only`]): the names of
/// things run to one or two words ("idempotency", "load balancer", "multi-AZ"); a longer match is a
/// phrasing that says something ("route traffic away", "cost more memory") or an alignment of the
/// point's own words across a sentence, a statement either way. Set with claim checking (0.7.0),
/// after a three-word phrasing ("cost more memory") was taken for a name in the development set.
const NAME_MAX_TOKENS: usize = 2;
/// Credit kept by a talking point named but not explained: a name is not a claim, so none. Set to a
/// third of a point (0.3) with claim checking in 0.7.0; 0.8.0 compared 0.3, 0.15 and 0 on the
/// tuning set (`tests/tuning`): buzzword paragraphs within their bound 10 / 13 / 14 of 75, concise,
/// story and wrong answers unchanged, the development set's r 0.919 / 0.919 / 0.918 with no
/// constraint violated. The point is still listed (as named without being explained).
const NAMED_CREDIT: f64 = 0.0;
/// Most words between two names of points for them to read as one list ("Terraform, modules and
/// remote state", "blue-green or canary"): only "and" and "or" may stand
/// between them, or nothing but a comma or slash. Set with the list rule (0.10.0), looking at the
/// tuning set's buzzword paragraphs (`tests/tuning`); 2 and 3 measured the same there.
const LIST_GAP: usize = 2;
/// Names of points joined into one list, at least, for them to count as named only (see
/// [`named_only`]). 0.10.0 compared 2 and 3 on the tuning set: buzzword paragraphs within their
/// bound 18 / 16 of 75 (14 before the rule), concise answers unchanged (32 of 70), the development
/// set's r 0.919 / 0.920 (0.920 before) with no constraint violated.
const LIST_RUN: usize = 2;
/// Coverage taken off for a point denied or inverted, as a share of the credit it would have earned
/// (stating the opposite of a point is worse than leaving it out). Set with clause-scoped negation,
/// version 0.2.0 (commit 44c205b); checked on the dev set's `negated` answers by `make accuracy`.
const CONTRADICTION_COST: f64 = 0.5;

/// The talking points found in an answer.
#[derive(Debug, Default)]
pub(super) struct Points {
    /// One per point of the target, in its order.
    pub results: Vec<PointResult>,
    /// Weighted share of the points made, contradictions taken off (0–1, before the coverage curve).
    pub coverage_raw: f64,
    /// The rubric's common wrong claims the answer states (see [`super::misconception`]).
    pub misconceptions: Vec<MisconceptionHit>,
    /// Words said by denying their opposite ("not the same" for "different"): position and the
    /// stem they say (see [`contradiction::negated_opposites`]).
    pub opposites: Vec<(usize, &'static str)>,
}

/// Matches every talking point of the target in the answer.
pub(super) fn match_points(cx: &Context<'_>) -> Points {
    let (toks, target) = (cx.toks, cx.target);
    let content_tokens = &cx.content_tokens;
    let syn_hits: &[(usize, usize, usize)] = if target.features.synonyms { cx.synonym_hits() } else { &[] };
    // A negation inside an equivalent phrasing is part of it ("data the model never saw" is
    // held-out data, "no single point of failure" high availability), not a denial.
    let mut clauses =
        contradiction::negated_tokens(cx.text, cx.a, &cx.keys, &|i| syn_hits.iter().any(|(_, s, e)| *s < i && i < *e));
    // "Not the same" where the standard says "different": the opposite, said by denial.
    // (Against a model answer: its words are the key's bag.)
    let opposites = if target.features.negation && !target.key_bag.is_empty() {
        contradiction::negated_opposites(toks, &mut clauses, &|s: &str| target.key_bag.iter().any(|(b, _)| b.stem == s))
    } else {
        Vec::new()
    };
    let wrong = if target.features.negation { misconception::find(cx, &clauses) } else { Vec::new() };
    let (index, syn_end) = answer_index(cx, syn_hits, &opposites);
    let swapped = if target.features.negation {
        contradiction::swapped_attribution(toks, &clauses, content_tokens, &index, target)
    } else {
        Vec::new()
    };
    // A comparison question graded against a model answer: which of the two subjects each answer
    // word is said of (see `BagWord::subject`).
    let mut subjects: Vec<&str> = Vec::new();
    for p in target.points.iter() {
        if let PointMatch::Bag(bag) = &p.matcher {
            for sub in bag.iter().filter_map(|b| b.subject.as_deref()) {
                if !subjects.contains(&sub) {
                    subjects.push(sub);
                }
            }
        }
    }
    let said_of: Vec<Option<&str>> = match subjects[..] {
        [x, y] => target::subject_of_tokens(cx.text, toks, (x, y)),
        _ => Vec::new(),
    };
    let mut results = Vec::with_capacity(target.points.len());
    let mut total_w = 0.0;
    let mut got_w = 0.0;
    for (pi, p) in target.points.iter().enumerate() {
        // A point the answer contradicts with a known wrong claim is not made, whatever else it
        // says of it, and costs coverage as a point stated in the negative does at full credit.
        if let Some(h) = wrong.iter().find(|h| h.point == pi) {
            total_w += p.weight;
            got_w -= CONTRADICTION_COST * p.weight;
            results.push(PointResult {
                index: pi,
                credit: 0.0,
                span: Some((h.start, h.end)),
                negated: true,
                named_only: false,
            });
            continue;
        }
        let (mut credit, mut span) = match &p.matcher {
            PointMatch::Phrases(phrases) => best_phrase(phrases, &index, &syn_end, &|(s, e): (usize, usize)| {
                // A match made only of the question's own words is an echo, not a point made.
                target.features.question_demoting
                    && toks[s..e.min(toks.len())]
                        .iter()
                        .filter(|t| !t.stop)
                        .all(|t| target.question_stems.contains(t.stem.as_str()))
            }),
            PointMatch::Bag(bag) => bag_match(bag, &index, target, &said_of),
        };
        // Positions of an alignment match (its words may be spread over the answer).
        let mut aligned: Vec<usize> = Vec::new();
        if let PointMatch::Phrases(phrases) = &p.matcher {
            // A one-word phrasing said with a WordNet synonym.
            if target.features.wordnet && credit < WORDNET_CREDIT {
                if let Some(pos) =
                    phrases.iter().filter(|ph| ph.len() == 1).find_map(|ph| wordnet_position(&ph[0], &index))
                {
                    if !(target.features.question_demoting && target.question_stems.contains(toks[pos].stem.as_str())) {
                        (credit, span) = (WORDNET_CREDIT, Some((pos, pos + 1)));
                    }
                }
            }
            // Alignment: the words of the point's own text, each matched exactly, by stem or synonym.
            if target.features.alignment && credit < ALIGN_CREDIT {
                if let Some((c, s, at)) = align_words(&p.words, &index, target) {
                    if c > credit {
                        (credit, span) = (c, Some(s));
                        aligned = at;
                    }
                }
            }
        }
        if let (true, Some((s, e))) = (credit > 0.0, span) {
            // A point that judges what it names ("100 percent is the wrong target") is made only
            // where the answer's sentence disapproves of it too, not where it aims for it.
            if p.critical && !contradiction::disapproves(cx.a, &clauses.negated, s.min(e)) {
                (credit, span) = (0.0, None);
                aligned.clear();
            }
        }
        // With a semantic model loaded, point words said in other words earn partial credit.
        if target.features.embeddings && credit < crate::score::semantic::SEMANTIC_CAP {
            let found = |st: &str| index.lookup(st).is_some();
            let model = cx.grading.embeddings;
            if let Some((c, s)) = crate::score::semantic::point_credit(model, p, target, toks, content_tokens, &found) {
                if c > credit {
                    (credit, span) = (c, Some(s));
                }
            }
        }
        // A point denied ("sharding doesn't help") or inverted ("vertical scaling adds more machines")
        // in its clause is not credited.
        let is_negated = target.features.negation
            && credit > 0.0
            && span.map(|sp| contradiction::denies(toks, &clauses, p, sp, &aligned, syn_hits)).unwrap_or(false)
            || (credit > 0.0 && swapped.get(pi).copied().unwrap_or(false));
        total_w += p.weight;
        if is_negated {
            // Stating the opposite of a point is worse than leaving it out.
            got_w -= CONTRADICTION_COST * p.weight * credit;
            credit = 0.0;
        }
        got_w += p.weight * credit;
        results.push(PointResult { index: pi, credit, span, negated: is_negated, named_only: false });
    }
    lone_word(cx, &mut results, &mut got_w);
    let names = point_names(cx, &index, &syn_end);
    named_only(cx, &mut results, &mut got_w, &names);
    let coverage_raw = if total_w > 0.0 { (got_w / total_w).max(0.0) } else { 0.0 };
    Points { results, coverage_raw, misconceptions: wrong, opposites }
}

/// One talking point matched by one word, in a sentence that shares no other word with the
/// grading standard beyond the question's, and nothing else matched: a coincidence of vocabulary
/// as likely as a point made (a story about the pyramids of Giza for the test pyramid). Its credit
/// is cut to [`LONE_WORD_CREDIT`] (and `got_w`, the weighted credit, with it).
/// (Rubric phrasings only: a terse answer graded against a model answer often makes its one
/// point in one word, and the model answer's words are all on topic.)
fn lone_word(cx: &Context<'_>, points: &mut [PointResult], got_w: &mut f64) {
    let (toks, target) = (cx.toks, cx.target);
    let credited: Vec<usize> = (0..points.len()).filter(|&k| points[k].credit > 0.0).collect();
    let phrasings = target.points.iter().all(|p| matches!(p.matcher, PointMatch::Phrases(_)));
    if let ([k], true) = (&credited[..], phrasings) {
        let k = *k;
        let pr = &mut points[k];
        if let Some((s, e)) = pr.span.filter(|(s, e)| e - s == 1 && !pr.negated) {
            let sentence = toks[s].sentence;
            let support = cx
                .content_tokens
                .iter()
                .filter(|&&i| toks[i].sentence == sentence && i != s)
                .any(|&i| cx.topic_word[i] && !target.question_stems.contains(toks[i].stem.as_str()));
            if !support && e <= toks.len() {
                let w = target.points.get(pr.index).map(|p| p.weight).unwrap_or(0.0);
                *got_w -= w * pr.credit * (1.0 - LONE_WORD_CREDIT);
                pr.credit *= LONE_WORD_CREDIT;
            }
        }
    }
}

/// A talking point is a claim, not a name: a rubric point named in one or two words, in a sentence
/// that says fewer than [`EXPLAIN_WORDS`] words per point it names beyond the names themselves (and
/// the question's words, generic interview words and vague praise) ("we'd leverage multi-AZ, load balancers and autoscaling for
/// robustness"), or strung with [`LIST_RUN`] or more other names into a list, is named only. Its credit is cut to [`NAMED_CREDIT`] (below [`COVERED_AT`], so it
/// is listed as missing and the justification says it was named without being explained).
/// (Rubric phrasings only: a model answer's units are graded on their own words, which already
/// carry what is said about each term.)
/// Which answer tokens are a name of some talking point: every place a phrasing of at most
/// [`NAME_MAX_TOKENS`] words is said (a point's match is one of them; its other names, and other
/// points' names, are names too, not words said about one).
fn point_names(cx: &Context<'_>, index: &StemIndex<'_>, syn_end: &HashMap<usize, usize>) -> Vec<bool> {
    let mut names = vec![false; cx.toks.len()];
    if !matches!(cx.target.basis, crate::score::Basis::Rubric { .. }) {
        return names;
    }
    for p in cx.target.points.iter() {
        let PointMatch::Phrases(phrases) = &p.matcher else { continue };
        for phrase in phrases.iter().filter(|ph| ph.len() <= NAME_MAX_TOKENS) {
            let Some(starts) = phrase.first().and_then(|st| index.lookup(st)) else { continue };
            for &a in starts {
                let end = match &phrase[..] {
                    [one] if one.starts_with("syn ") => syn_end.get(&a).copied().unwrap_or(a + 1),
                    [_] => a + 1,
                    // A two-word name: its second word right after the first (or one word on).
                    [_, second] => {
                        match index.lookup(second).and_then(|ps| ps.iter().find(|&&q| q > a && q <= a + 2)) {
                            Some(&q) => q + 1,
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                for n in names.iter_mut().take(end).skip(a) {
                    *n = true;
                }
            }
        }
    }
    names
}

fn named_only(cx: &Context<'_>, points: &mut [PointResult], got_w: &mut f64, names: &[bool]) {
    let (toks, target) = (cx.toks, cx.target);
    if !matches!(target.basis, crate::score::Basis::Rubric { .. }) {
        return;
    }
    let vague = crate::text::lexicon::vague().find_keyed(toks, &cx.keys);
    // (point, its span, the sentence the span starts in) of every point credited.
    let credited: Vec<(usize, (usize, usize), usize)> = points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.credit > 0.0 && !p.negated)
        .filter_map(|(k, p)| p.span.and_then(|sp| Some((k, sp, toks.get(sp.0)?.sentence))))
        // A match of several words says something of its own; only short ones can be bare names.
        .filter(|&(_, (s, e), _)| e.saturating_sub(s) <= NAME_MAX_TOKENS)
        .collect();
    // Each sentence once (a handful of points: a linear check, and no sort code in the wasm module).
    let mut sentences: Vec<usize> = Vec::new();
    for c in &credited {
        if !sentences.contains(&c.2) {
            sentences.push(c.2);
        }
    }
    for sentence in sentences {
        let here: Vec<usize> = credited.iter().filter(|c| c.2 == sentence).map(|c| c.0).collect();
        let in_span = |i: usize| {
            names.get(i).copied().unwrap_or(false)
                || credited.iter().any(|&(_, (s, e), _)| s <= i && i < e)
                || vague.iter().any(|h| h.start <= i && i < h.end)
        };
        // Every word of the sentence outside the names counts, function words included ("that",
        // "so", "when" carry what is said about a term), except fillers and, among content words,
        // generic ones and the question's own.
        let explaining =
            cx.a.sentences
                .get(sentence)
                .map(|s| s.first_token..s.last_token.min(toks.len()))
                .unwrap_or(0..0)
                .filter(|&i| cx.usable(i) && !cx.ex.is_filler[i] && !in_span(i))
                .filter(|&i| {
                    let t = &toks[i];
                    t.stop || !(lexicon::is_generic_stem(&t.stem) || target.question_stems.contains(t.stem.as_str()))
                })
                .count();
        // Names strung together by commas, "and" or "or" ("Terraform, modules and remote state";
        // "blue-green or canary deployments") are a list of terms, however long the sentence
        // around them; a name followed by another after any other word ("browsers cache a 301")
        // is not.
        let bytes = cx.text.as_bytes();
        // (Other names of points between two names belong to the list: "rollback, revert or
        // failover".)
        let glue = |from: usize, to: usize| match (toks.get(from.wrapping_sub(1)), toks.get(from..to), toks.get(to)) {
            (Some(prev), Some(gap), Some(next)) => {
                let joins: Vec<&str> = (from..to)
                    .filter(|&i| !names.get(i).copied().unwrap_or(false))
                    .filter_map(|i| toks.get(i).map(|t| t.lower.as_str()))
                    .collect();
                joins.len() <= LIST_GAP
                    && joins.iter().all(|w| *w == "and" || *w == "or")
                    && (!joins.is_empty()
                        || bytes.get(prev.end..next.start).is_some_and(|g| g.iter().any(|&c| c == b',' || c == b'/')))
                    && gap.len() <= 3 * LIST_GAP
            }
            _ => false,
        };
        // Whether point k's name is joined to another name of this sentence, before or after it (a
        // handful of names per sentence: pairwise).
        let in_list = |k: usize| {
            credited
                .iter()
                .filter(|a| a.2 == sentence && a.0 == k)
                .any(|a| credited.iter().any(|b| b.2 == sentence && (glue(a.1 .1, b.1 .0) || glue(b.1 .1, a.1 .0))))
        };
        let list = here.iter().filter(|&&k| in_list(k)).count() >= LIST_RUN;
        let weak = (explaining as f64) < EXPLAIN_WORDS * here.len() as f64;
        for k in here {
            if weak || (list && in_list(k)) {
                let w = target.points.get(points[k].index).map(|p| p.weight).unwrap_or(0.0);
                let kept = points[k].credit.min(NAMED_CREDIT);
                *got_w -= w * (points[k].credit - kept);
                points[k].credit = kept;
                points[k].named_only = true;
            }
        }
    }
}

/// The answer's usable words indexed for matching (fillers left out): stems, complexity classes
/// under their canonical keys, equivalent phrasings under their group key (with where each ends),
/// and — in sentences that use the topic's own words — WordNet groups of content words.
fn answer_index<'a>(
    cx: &'a Context<'_>,
    syn_hits: &[(usize, usize, usize)],
    opposites: &[(usize, &'static str)],
) -> (StemIndex<'a>, HashMap<usize, usize>) {
    let (toks, target) = (cx.toks, cx.target);
    let mut index = StemIndex::with_capacity(toks.len(), target.features.prefixes);
    for (i, t) in toks.iter().enumerate() {
        if cx.usable(i) && !cx.ex.is_filler[i] {
            index.push(t.stem.as_str(), i);
        }
    }
    // Equivalent phrasings ("scaling out" for "horizontal scaling") are indexed under their group.
    let mut syn_end: HashMap<usize, usize> = HashMap::default();
    // Complexity classes ("O(log n)", "logarithmic") under their canonical keys.
    for c in complexity::find(cx.text) {
        let ti = toks.partition_point(|t| t.end <= c.start);
        if ti < toks.len() && cx.usable(ti) {
            index.push(c.key, ti);
        }
    }
    for &(i, stem) in opposites {
        index.push(stem, i);
    }
    for &(g, s, e) in syn_hits {
        syn_end.insert(s, e);
        index.push(synonyms::group_key(g), s);
    }
    // Single-word synonyms from WordNet are indexed under their group too (lower credit when matched).
    // Only in sentences that use the topic's own words: a synonym's other senses are many, and an
    // answer about something else must not collect them.
    let topical: Vec<bool> = cx.a.sentences.iter().map(|s| cx.topic_word[s.token_range()].contains(&true)).collect();
    if target.features.wordnet {
        for &i in &cx.content_tokens {
            if topical.get(toks[i].sentence).copied().unwrap_or(false) {
                for g in wordnet::groups(&toks[i].stem) {
                    index.push(wordnet::group_key(*g), i);
                }
            }
        }
    }
    (index.finish(), syn_end)
}

/// Where a stem is said with a WordNet synonym (the earliest position of any of its groups).
fn wordnet_position(stem: &str, index: &StemIndex<'_>) -> Option<usize> {
    if stem.starts_with("syn ") {
        return None;
    }
    wordnet::groups(stem)
        .iter()
        .filter_map(|g| index.get(wordnet::group_key(*g)).and_then(|v| v.first().copied()))
        .min()
}

/// Alignment of a point's own words with the answer: each word found exactly or by stem counts 1, by
/// a WordNet synonym [`WORDNET_CREDIT`]; words the question says are left out. Credit is
/// [`ALIGN_CREDIT`] × the share aligned, from [`ALIGN_FROM`] of the words on (a stray word earns nothing).
fn align_words(words: &[String], index: &StemIndex<'_>, target: &Target) -> Option<(f64, (usize, usize), Vec<usize>)> {
    let wn = target.features.wordnet;
    let counted: Vec<&String> =
        words.iter().filter(|w| !(target.features.question_demoting && target.question_stems.contains(*w))).collect();
    if counted.len() < ALIGN_MIN_WORDS {
        return None;
    }
    let mut got = 0.0;
    let mut positions = Vec::new();
    for w in &counted {
        if let Some(p) = index.lookup(w).and_then(|v| v.first().copied()) {
            got += 1.0;
            positions.push(p);
        } else if let Some(p) = wn.then(|| wordnet_position(w, index)).flatten() {
            got += WORDNET_CREDIT;
            positions.push(p);
        }
    }
    let share = got / counted.len() as f64;
    if share < ALIGN_FROM {
        return None;
    }
    let (lo, hi) = (positions.iter().copied().min()?, positions.iter().copied().max()?);
    Some((ALIGN_CREDIT * share, if hi - lo < SPAN_MAX_TOKENS { (lo, hi + 1) } else { (lo, lo + 1) }, positions))
}

/// Best credit over a point's phrases, and the token span of the best match.
fn best_phrase(
    phrases: &[Vec<String>],
    index: &StemIndex<'_>,
    syn_end: &HashMap<usize, usize>,
    is_echo: &dyn Fn((usize, usize)) -> bool,
) -> (f64, Option<(usize, usize)>) {
    let mut best = (0.0, None);
    for phrase in phrases {
        let (mut credit, mut span) = match_phrase(phrase, index);
        if let (Some((s, _)), true) = (span, phrase.len() == 1 && phrase[0].starts_with("syn ")) {
            span = Some((s, syn_end.get(&s).copied().unwrap_or(s + 1)));
        }
        if span.map(is_echo).unwrap_or(false) {
            credit *= ECHO_CREDIT;
        }
        if credit > best.0 {
            best = (credit, span);
        }
    }
    best
}

/// Credit for one phrase: all its stems within a short window = 1; most of them = partial.
fn match_phrase(phrase: &[String], index: &StemIndex<'_>) -> (f64, Option<(usize, usize)>) {
    let k = phrase.len();
    if k == 0 {
        return (0.0, None);
    }
    // Each stem's positions, looked up once.
    let found: Vec<Option<&[usize]>> = phrase.iter().map(|s| index.lookup(s)).collect();
    let Some(first) = found.iter().flatten().next() else {
        return (0.0, None);
    };
    if k == 1 {
        let p = first[0];
        return (1.0, Some((p, p + 1)));
    }
    let reach = k + PHRASE_SLACK;
    let mut best_count = 0usize;
    let mut best_span = None;
    for anchors in found.iter().flatten() {
        for &a in anchors.iter().take(MAX_ANCHORS) {
            let lo = a.saturating_sub(reach);
            let hi = a + reach;
            let mut count = 0;
            let (mut s, mut e) = (a, a + 1);
            for ps in found.iter().flatten() {
                if let Some(p) = ps.iter().copied().filter(|&p| p >= lo && p <= hi).min_by_key(|&p| p.abs_diff(a)) {
                    count += 1;
                    s = s.min(p);
                    e = e.max(p + 1);
                }
            }
            if count > best_count
                || (count == best_count && best_span.map(|(bs, be): (usize, usize)| e - s < be - bs).unwrap_or(true))
            {
                best_count = count;
                best_span = Some((s, e));
            }
        }
    }
    let frac = best_count as f64 / k as f64;
    // Most of a phrase's words together earn partial credit; a stray word of it earns none.
    let credit = if best_count == k {
        1.0
    } else if frac >= PARTIAL_FROM {
        PARTIAL_CREDIT * frac
    } else {
        0.0
    };
    (credit, if credit > 0.0 { best_span } else { None })
}

/// Credit for a bag of weighted stems: the weighted share found anywhere, each word exactly, by
/// stem or prefix, or through a hand synonym group it is part of; span = from the first to the
/// last word found. (WordNet synonyms are not used here: on the short-answer set graded against a
/// model answer they lowered Pearson r, 0.640 → 0.631, each stray sense match crediting a word.)
fn bag_match(
    bag: &[BagWord],
    index: &StemIndex<'_>,
    target: &Target,
    said_of: &[Option<&str>],
) -> (f64, Option<(usize, usize)>) {
    let f = target.features;
    // Words the question already says are not content (question demoting).
    let counted = |b: &&BagWord| !(f.question_demoting && target.question_stems.contains(&b.stem));
    let weight = |w: f64| if f.weighting { w } else { 1.0 };
    let total: f64 = bag.iter().filter(counted).map(|b| weight(b.weight)).sum();
    if total <= 0.0 {
        return (0.0, None);
    }
    // Said of the same subject as in the model answer (or of none).
    let fits_for = |b: &BagWord, p: usize| match (b.subject.as_deref(), said_of.get(p).copied().flatten()) {
        (Some(want), Some(got)) => want == got,
        _ => true,
    };
    let named_fitting = |b: &BagWord, key: &str| index.get(key).is_some_and(|ps| ps.iter().any(|&p| fits_for(b, p)));
    // The unit names a complexity class and the answer names only other ones (of the same subject):
    // it states a different complexity ("O(n)" for "O(log n)"), and the unit is not made whatever
    // else matches.
    let contradicted = bag.iter().filter(|b| complexity::is_key(&b.stem)).any(|b| {
        !named_fitting(b, &b.stem) && complexity::CLASS_KEYS.iter().any(|k| *k != b.stem && named_fitting(b, k))
    });
    if contradicted {
        return (0.0, None);
    }
    let mut got = 0.0;
    let mut first: Option<usize> = None;
    let mut last: Option<usize> = None;
    for b in bag.iter().filter(counted) {
        let w = weight(b.weight);
        let fits = |p: &usize| fits_for(b, *p);
        let exact = index.lookup(&b.stem).and_then(|ps| ps.iter().copied().find(fits));
        let group = || {
            f.synonyms
                .then(|| {
                    b.groups.iter().find_map(|g| index.get(g.as_str()).and_then(|ps| ps.iter().copied().find(fits)))
                })
                .flatten()
        };
        if let Some(p) = exact.or_else(group) {
            got += w;
            first = Some(first.map_or(p, |f| f.min(p)));
            last = Some(last.map_or(p, |l| l.max(p)));
        }
    }
    let credit = (got / total).clamp(0.0, 1.0);
    let span = match (first, last) {
        (Some(f), Some(l)) if l - f < SPAN_MAX_TOKENS => Some((f, l + 1)),
        (Some(f), _) => Some((f, f + 1)),
        _ => None,
    };
    (credit, span)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{measure_on, rubric_target};
    use super::*;

    fn index(words: &[(&'static str, usize)]) -> StemIndex<'static> {
        let mut b = StemIndex::with_capacity(words.len(), true);
        for &(k, p) in words {
            b.push(k, p);
        }
        b.finish()
    }

    fn phrase(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    /// The result for point `id` of `target`.
    fn point<'m>(m: &'m crate::score::signals::Measured, target: &Target, id: &str) -> &'m PointResult {
        let k = target.points.iter().position(|p| p.id == id).unwrap_or_else(|| panic!("no point {id}"));
        &m.points[k]
    }

    #[test]
    fn a_phrase_is_matched_whole_in_part_or_not_at_all() {
        let ix = index(&[("blast", 3), ("radius", 4), ("error", 10), ("rate", 30)]);
        assert_eq!(match_phrase(&phrase(&["blast", "radius"]), &ix), (1.0, Some((3, 5))));
        // Three of four words together: partial credit.
        let ix4 = index(&[("a1", 0), ("a2", 1), ("a3", 2)]);
        let (c, span) = match_phrase(&phrase(&["a1", "a2", "a3", "a4"]), &ix4);
        assert!((c - PARTIAL_CREDIT * 0.75).abs() < 1e-12, "{c}");
        assert_eq!(span, Some((0, 3)));
        // Words too far apart are not one phrase; one word of two is a stray match.
        assert_eq!(match_phrase(&phrase(&["error", "rate"]), &ix), (0.0, None));
        assert_eq!(match_phrase(&phrase(&["blast", "zone"]), &ix), (0.0, None));
        assert_eq!(match_phrase(&[], &ix), (0.0, None));
    }

    #[test]
    fn a_match_made_of_the_question_own_words_keeps_only_echo_credit() {
        let ix = index(&[("cach", 2)]);
        let none = HashMap::default();
        let (c, _) = best_phrase(&[phrase(&["cach"])], &ix, &none, &|_| true);
        assert_eq!(c, ECHO_CREDIT);
        let (c, span) = best_phrase(&[phrase(&["cach"])], &ix, &none, &|_| false);
        assert_eq!((c, span), (1.0, Some((2, 3))));
    }

    #[test]
    fn the_other_names_of_points_are_not_words_said_about_them() {
        let t = rubric_target("first-minutes");
        // One name per point is its match; the rest of the sentence is more names (of the same
        // points and of others), not something said about them.
        let names = "In that situation I would think about rollback, revert or failover.";
        let m = measure_on(names, &t);
        for id in ["recent-change", "mitigate"] {
            let p = point(&m, &t, id);
            assert!(p.named_only && p.credit == 0.0, "{id}: {p:?}");
        }
        // The same points with what they do are made.
        let said = "I would roll back the deploy that went out an hour ago, and flip the feature flag off so \
                    the new code path stops taking traffic.";
        let m = measure_on(said, &t);
        for id in ["recent-change", "mitigate"] {
            let p = point(&m, &t, id);
            assert!(!p.named_only && p.credit == 1.0, "{id}: {p:?}");
        }
    }

    #[test]
    fn a_point_is_credited_where_the_answer_makes_it() {
        let t = rubric_target("first-minutes");
        let m = measure_on("Because a deploy had just gone out, I would roll back the recent deploy first.", &t);
        let p = point(&m, &t, "recent-change");
        assert_eq!(p.credit, 1.0);
        assert!(!p.negated);
        assert!(p.span.is_some());
        assert!(m.coverage_raw > 0.0);
    }

    #[test]
    fn a_negated_point_is_not_credited_and_costs_coverage() {
        let t = rubric_target("first-minutes");
        let m = measure_on("I would not roll back the deploy, and I would acknowledge the page.", &t);
        let p = point(&m, &t, "recent-change");
        assert!(p.negated, "{p:?}");
        assert_eq!(p.credit, 0.0);
        let ack = point(&m, &t, "acknowledge");
        assert!(ack.credit > 0.0 && !ack.negated, "{ack:?}");
        let plain = measure_on("I would acknowledge the page.", &t);
        assert!(m.coverage_raw < plain.coverage_raw, "{} vs {}", m.coverage_raw, plain.coverage_raw);
    }

    #[test]
    fn a_points_own_words_aligned_one_by_one_earn_a_share_of_align_credit() {
        use crate::transcript::QuestionKind;
        let t = Target::from_question("What do you do first?", QuestionKind::Technical);
        let words = phrase(&["escal", "own", "team", "earli"]);
        let ix = index(&[("own", 3), ("team", 4), ("earli", 9)]);
        let (c, span, at) = align_words(&words, &ix, &t).unwrap_or_else(|| panic!("aligned"));
        assert!((c - ALIGN_CREDIT * 0.75).abs() < 1e-12, "{c}");
        assert_eq!((span, at), ((3, 10), vec![3, 4, 9]));
        // One word of four is a stray match.
        assert_eq!(align_words(&words, &index(&[("team", 4)]), &t), None);
        // Words the question says are left out: two of "team early" say nothing new.
        let q = Target::from_question("Which team do you page early?", QuestionKind::Technical);
        assert_eq!(align_words(&phrase(&["team", "earli"]), &ix, &q), None);
    }

    #[test]
    fn a_lone_word_coincidence_keeps_half_its_credit() {
        let t = rubric_target("first-minutes");
        // "revert" is a phrasing of the recent-change point, but nothing around it is on the topic.
        let lone = measure_on("On weekends I revert my furniture layout to the old one.", &t);
        let p = point(&lone, &t, "recent-change");
        assert_eq!(p.credit, LONE_WORD_CREDIT, "{p:?}");
        // Said with other words of the topic, the same word is a point made.
        let made = measure_on("After the deploy I revert the change and watch the error dashboards.", &t);
        assert_eq!(point(&made, &t, "recent-change").credit, 1.0);
    }

    #[test]
    fn nothing_said_makes_no_point() {
        let t = rubric_target("first-minutes");
        let m = measure_on("I like gardening.", &t);
        assert!(m.points.iter().all(|p| p.credit == 0.0 && p.span.is_none()), "{:?}", m.points);
        assert_eq!(m.coverage_raw, 0.0);
    }
}
