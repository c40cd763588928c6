//! The measured features of an answer (each 0–1) and the evidence behind them: relevance, coverage,
//! specificity, reasoning, structure, fluency/hedging and length.
//!
//! Only on-topic sentences count towards content signals, so off-topic padding can lower a score
//! (through focus) but never raise it. Sentences that instruct the grader are set aside entirely.
//!
//! A talking point is matched by its phrasings (exact, stem, hand-made equivalents), by a WordNet
//! synonym of a one-word phrasing, or by aligning the words of its own text one by one; a match
//! denied in its clause or contradicted by an opposing term is not credited and costs coverage.

use super::target::{BagWord, PointMatch, Target};
use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};
use crate::text::{
    complexity, lexicon,
    phrases::{PhraseHit, WordKeys},
    skills, synonyms, wordnet, Analysis, Token,
};
use crate::transcript::QuestionKind;

/// A span of tokens found for a finding (token indices, end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// A talking point and how well the answer makes it.
#[derive(Debug, Clone, PartialEq)]
pub struct PointResult {
    pub index: usize,
    /// 0–1 credit (partial matches and negated statements get less).
    pub credit: f64,
    pub span: Option<(usize, usize)>,
    pub negated: bool,
}

/// Everything measured on one answer.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub content_words: usize,
    pub words: usize,
    pub on_topic: Vec<bool>,
    pub focus: f64,
    pub echo: f64,
    pub relevance: f64,
    pub coverage_raw: f64,
    pub coverage: f64,
    pub points: Vec<PointResult>,
    pub specificity: f64,
    pub specifics: Vec<Found>,
    pub reasoning: f64,
    pub reasons: Vec<Found>,
    pub structure: f64,
    pub star: Vec<Found>,
    pub fluency: f64,
    pub hedging: f64,
    pub hedges: Vec<Found>,
    pub unfamiliar: Vec<Found>,
    pub deflections: Vec<Found>,
    pub fillers: usize,
    pub instructions: Vec<Found>,
    pub length: f64,
    pub prose: f64,
    pub elaboration: f64,
}

/// Coverage at which content counts as complete: a strong answer rarely words every point the
/// rubric lists, so making ~70% of the weighted points earns full content credit.
pub const COVERAGE_FULL_RUBRIC: f64 = 0.7;
/// For a reference answer matched word by word, paraphrase leaves fewer exact matches: a correct
/// answer in the candidate's own words rarely shares more than half the model answer's content
/// words. (Measured in `make accuracy`, reference rows: 0.6 → 0.5 moved Pearson r 0.881 → 0.889 on
/// the development set graded against model answers and 0.645 → 0.647 on the short-answer set, and
/// their RMSE 0.88 → 0.82 and 1.72 → 1.63; 0.4 gained a little more but left answers that make 70%
/// and 100% of a model answer indistinguishable.)
pub const COVERAGE_FULL_REFERENCE: f64 = 0.5;
/// Exponent of the coverage curve (< 1: diminishing returns).
pub const COVERAGE_CURVE: f64 = 0.7;
/// A point counts as covered from this much credit on.
pub const COVERED_AT: f64 = 0.5;
/// Share of a multi-word phrase's words that must appear together for partial credit.
const PARTIAL_FROM: f64 = 0.6;
/// Credit kept by a talking point matched only through the question's own words.
const ECHO_CREDIT: f64 = 0.4;
/// Content words from which a text without function words reads as a keyword list.
const LIST_MIN_WORDS: usize = 8;
/// How many tokens a multi-word phrase may spread over beyond its own length.
const PHRASE_SLACK: usize = 4;
/// Credit for a one-word phrasing said with a WordNet synonym (exact or stem match earns 1).
pub const WORDNET_CREDIT: f64 = 0.7;
/// Most credit the alignment estimate gives (a point's full wording, aligned word by word).
pub const ALIGN_CREDIT: f64 = 0.8;
/// Credit kept by the only talking point an answer matches when one word in a sentence with no
/// other word of the grading standard matched it (see `measure`).
const LONE_WORD_CREDIT: f64 = 0.5;
/// Coverage taken off for a point denied or inverted, as a share of the credit it would have earned.
const CONTRADICTION_COST: f64 = 0.5;
/// Share of a point's words that must align for any alignment credit (a third: one word of a
/// three-word point is a stray match, two are a paraphrase).
const ALIGN_FROM: f64 = 0.34;

pub fn measure(text: &str, a: &Analysis, target: &Target) -> Measured {
    PREFIXES.with(|p| p.set(target.features.prefixes));
    let toks = &a.tokens;
    let mut m = Measured { words: toks.len(), ..Default::default() };
    // Every lexicon below is matched over the same words: their filter bits are computed once.
    let keys = WordKeys::new(toks);

    // Grader instructions: their sentences are excluded from everything else.
    let mut excluded = vec![false; a.sentences.len()];
    for h in lexicon::grader_instructions().find_keyed(toks, &keys) {
        if let Some(t) = toks.get(h.start) {
            if let Some(x) = excluded.get_mut(t.sentence) {
                *x = true;
            }
        }
        m.instructions.push(found(h, "grader instruction"));
    }
    // Prompt-injection tags (`<<SYSTEM>>`, `[INST]` …) open text addressed to the grader: their
    // sentence and the rest of the paragraph are set aside (up to a closing tag, if one follows).
    let markers = lexicon::injection_markers(text);
    for (k, &at) in markers.iter().enumerate() {
        let Some(ti) = toks.iter().position(|t| t.end > at) else { continue };
        let first = toks[ti].sentence;
        let para_end = text.get(at..).and_then(|t| t.find("\n\n")).map(|i| at + i).unwrap_or(text.len());
        let until = markers.get(k + 1).copied().filter(|&b| b < para_end).unwrap_or(para_end);
        for (si, sent) in a.sentences.iter().enumerate().skip(first) {
            if si > first && sent.start >= until {
                break;
            }
            excluded[si] = true;
        }
        m.instructions.push(Found { start: ti, end: ti + 1, label: "grader instruction".into() });
    }
    // A sentence said again word for word adds nothing: repeats are set aside too.
    let mut seen: HashSet<Stems<'_>> = HashSet::default();
    let mut repeated = vec![false; a.sentences.len()];
    let mut padded = 0usize;
    for (si, sent) in a.sentences.iter().enumerate() {
        let stems = Stems(&toks[sent.token_range()]);
        if stems.0.len() >= 3 && !seen.insert(stems) {
            excluded[si] = true;
            repeated[si] = true;
        }
    }
    // Struggle cues count wherever they are said once (even beside an instruction to the grader).
    let said =
        |i: usize| -> bool { toks.get(i).map(|t| !repeated.get(t.sentence).copied().unwrap_or(true)).unwrap_or(false) };
    // Self-description clichés ("I'm a hard worker") pad without answering: their sentences are set
    // aside unless they also carry technical content.
    for h in lexicon::fluff().find_keyed(toks, &keys) {
        let Some(si) = toks.get(h.start).map(|t| t.sentence) else { continue };
        // (the cliché's own words do not count: "110 percent" is not a measurement)
        let technical = a
            .sentences
            .get(si)
            .map(|sent| {
                sent.token_range()
                    .filter(|i| !(h.start..h.end).contains(i))
                    .any(|i| toks[i].numeric || skills::is_technology(&toks[i].lower))
            })
            .unwrap_or(false);
        if !technical {
            if let Some(x) = excluded.get_mut(si) {
                *x = true;
            }
            padded += 1;
        }
    }
    let filler_hits = lexicon::fillers().find_keyed(toks, &keys);
    let mut is_filler = vec![false; toks.len()];
    for h in &filler_hits {
        for f in is_filler.iter_mut().take(h.end).skip(h.start) {
            *f = true;
        }
    }
    m.fillers = filler_hits.len();
    let usable =
        |i: usize| -> bool { toks.get(i).map(|t| !excluded.get(t.sentence).copied().unwrap_or(true)).unwrap_or(false) };
    m.content_words = (0..toks.len()).filter(|&i| usable(i) && !toks[i].stop && !is_filler[i]).count();

    // Point matching over usable tokens.
    let content_tokens: Vec<usize> = (0..toks.len()).filter(|&i| usable(i) && !toks[i].stop && !is_filler[i]).collect();
    let syn_hits = if target.features.synonyms { synonyms::find(toks, &content_tokens) } else { Vec::new() };
    // A negation inside an equivalent phrasing is part of it ("data the model never saw" is
    // held-out data, "no single point of failure" high availability), not a denial.
    let (negated, clause) = negated_tokens(text, a, &keys, &|i| syn_hits.iter().any(|(_, s, e)| *s < i && i < *e));
    let mut index = StemIndex::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if usable(i) && !is_filler[i] {
            index.push(t.stem.as_str(), i);
        }
    }
    // Equivalent phrasings ("scaling out" for "horizontal scaling") are indexed under their group.
    let mut syn_end: HashMap<usize, usize> = HashMap::default();
    // Complexity classes ("O(log n)", "logarithmic") under their canonical keys.
    for c in complexity::find(text) {
        let ti = toks.partition_point(|t| t.end <= c.start);
        if ti < toks.len() && usable(ti) {
            index.push(c.key, ti);
        }
    }
    for &(g, s, e) in &syn_hits {
        syn_end.insert(s, e);
        index.push(synonyms::group_key(g), s);
    }
    // Single-word synonyms from WordNet are indexed under their group too (lower credit when matched).
    // Only in sentences that use the topic's own words: a synonym's other senses are many, and an
    // answer about something else must not collect them.
    // Per token: a content word that is not generic, and one of those that is a topic word.
    let specific: Vec<bool> = toks.iter().map(|t| !t.stop && !lexicon::is_generic_stem(&t.stem)).collect();
    let topic_word: Vec<bool> =
        toks.iter().zip(&specific).map(|(t, &s)| s && target.topic_stems.contains(t.stem.as_str())).collect();
    let topical: Vec<bool> = a.sentences.iter().map(|s| topic_word[s.token_range()].contains(&true)).collect();
    let wn_keys: Vec<(&'static str, usize)> = if target.features.wordnet {
        content_tokens
            .iter()
            .filter(|&&i| topical.get(toks[i].sentence).copied().unwrap_or(false))
            .flat_map(|&i| wordnet::groups(&toks[i].stem).iter().map(move |g| (wordnet::group_key(*g), i)))
            .collect()
    } else {
        Vec::new()
    };
    for &(k, s) in &wn_keys {
        index.push(k, s);
    }
    let index = index.finish();
    let swapped = if target.features.negation {
        swapped_attribution(toks, &clause, &negated, &content_tokens, &index, target)
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
        [x, y] => super::target::subject_of_tokens(text, toks, (x, y)),
        _ => Vec::new(),
    };
    let mut total_w = 0.0;
    let mut got_w = 0.0;
    for (pi, p) in target.points.iter().enumerate() {
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
            if p.critical && !disapproves(a, &negated, s.min(e)) {
                (credit, span) = (0.0, None);
                aligned.clear();
            }
        }
        // With a semantic model loaded, point words said in other words earn partial credit.
        if target.features.embeddings && credit < super::semantic::SEMANTIC_CAP {
            if let Some((c, s)) =
                super::semantic::point_credit(p, target, toks, &content_tokens, &|st| lookup(&index, st).is_some())
            {
                if c > credit {
                    (credit, span) = (c, Some(s));
                }
            }
        }
        // A point denied ("sharding doesn't help") or inverted ("vertical scaling adds more machines")
        // in its clause is not credited.
        let agrees = |(s, e): (usize, usize)| {
            toks.get(s..e.min(toks.len())).unwrap_or(&[]).iter().any(|t| !t.stop && p.denied.contains(t.stem.as_str()))
        };
        let denied_at = |i: usize| negated.get(i).copied().unwrap_or(false) && !agrees((i, i + 1));
        let is_negated = target.features.negation
            && credit > 0.0
            && span
                .map(|(s, e)| {
                    // Denied when most of the matched words are (a match may straddle clauses).
                    let words: Vec<usize> = if aligned.is_empty() {
                        (s..e.min(toks.len())).filter(|&i| !toks[i].stop).collect()
                    } else {
                        aligned.clone()
                    };
                    let denied = 2 * words.iter().filter(|&&i| denied_at(i)).count() > words.len();
                    denied
                        || (aligned.is_empty()
                            && (inverted(toks, &clause, s, e, &p.one_sided)
                                || opposed_group(toks, &clause, s, e, p, &syn_hits)))
                })
                .unwrap_or(false)
            || (credit > 0.0 && swapped.get(pi).copied().unwrap_or(false));
        total_w += p.weight;
        if is_negated {
            // Stating the opposite of a point is worse than leaving it out.
            got_w -= CONTRADICTION_COST * p.weight * credit;
            credit = 0.0;
        }
        got_w += p.weight * credit;
        m.points.push(PointResult { index: pi, credit, span, negated: is_negated });
    }
    // One talking point matched by one word, in a sentence that shares no other word with the
    // grading standard beyond the question's, and nothing else matched: a coincidence of vocabulary
    // as likely as a point made (a story about the pyramids of Giza for the test pyramid).
    // (Rubric phrasings only: a terse answer graded against a model answer often makes its one
    // point in one word, and the model answer's words are all on topic.)
    let credited: Vec<usize> = (0..m.points.len()).filter(|&k| m.points[k].credit > 0.0).collect();
    let phrasings = target.points.iter().all(|p| matches!(p.matcher, PointMatch::Phrases(_)));
    if let ([k], true) = (&credited[..], phrasings) {
        let k = *k;
        let pr = &mut m.points[k];
        if let Some((s, e)) = pr.span.filter(|(s, e)| e - s == 1 && !pr.negated) {
            let sentence = toks[s].sentence;
            let support = content_tokens
                .iter()
                .filter(|&&i| toks[i].sentence == sentence && i != s)
                .any(|&i| topic_word[i] && !target.question_stems.contains(toks[i].stem.as_str()));
            if !support && e <= toks.len() {
                let w = target.points.get(pr.index).map(|p| p.weight).unwrap_or(0.0);
                got_w -= w * pr.credit * (1.0 - LONE_WORD_CREDIT);
                pr.credit *= LONE_WORD_CREDIT;
            }
        }
    }
    m.coverage_raw = if total_w > 0.0 { (got_w / total_w).max(0.0) } else { 0.0 };

    // On-topic sentences: they touch the topic vocabulary or a talking point, or carry on from one
    // that does; in question-only grading any sentence with a non-generic content word counts.
    let point_sentences: HashSet<usize> = m
        .points
        .iter()
        .filter(|p| p.credit > 0.0)
        .filter_map(|p| p.span)
        .filter_map(|(s, _)| toks.get(s).map(|t| t.sentence))
        .collect();
    let question_only = target.points.is_empty();
    let mut on_topic = vec![false; a.sentences.len()];
    let mut topic_chain: HashSet<&str> = HashSet::default();
    for (si, s) in a.sentences.iter().enumerate() {
        if excluded[si] {
            continue;
        }
        let stems = || s.token_range().filter(|&i| specific[i]).map(|i| &toks[i]);
        let touches = point_sentences.contains(&si)
            || s.token_range().any(|i| topic_word[i] || (specific[i] && topic_chain.contains(toks[i].stem.as_str())))
            || stems().any(|t| skills::is_technology(&t.lower))
            || (question_only && stems().next().is_some());
        if touches {
            on_topic[si] = true;
            topic_chain.extend(stems().map(|t| t.stem.as_str()));
        }
    }
    // Focus: share of what was said (instructions aside) that stays on topic; repeats and clichés count against it.
    let said_sentences = a.sentences.len()
        - repeated.iter().filter(|x| **x).count()
        - excluded_instructions(&excluded, &repeated, padded);
    let on_count = on_topic.iter().filter(|x| **x).count();
    m.focus = if said_sentences == 0 { 0.0 } else { (on_count as f64 / said_sentences as f64).min(1.0) };
    let in_topic =
        |i: usize| -> bool { toks.get(i).map(|t| on_topic.get(t.sentence).copied().unwrap_or(false)).unwrap_or(false) };

    // Echo: share of the answer's content words that merely repeat the question.
    let content_idx = &content_tokens;
    let echoed = content_idx.iter().filter(|&&i| target.question_stems.contains(toks[i].stem.as_str())).count();
    m.echo = if content_idx.is_empty() { 0.0 } else { echoed as f64 / content_idx.len() as f64 };
    let novel: HashSet<&str> = content_idx
        .iter()
        .filter(|&&i| in_topic(i) && !target.question_stems.contains(toks[i].stem.as_str()) && specific[i])
        .map(|&i| toks[i].stem.as_str())
        .collect();

    // Prose vs keyword list: function words glue explanations together; lists have almost none.
    let stop = toks.iter().enumerate().filter(|(i, t)| usable(*i) && t.stop).count();
    let usable_count = (0..toks.len()).filter(|&i| usable(i)).count().max(1);
    let stop_ratio = stop as f64 / usable_count as f64;
    m.prose = ((stop_ratio - 0.12) / 0.18).clamp(0.0, 1.0);
    let covered = m.points.iter().filter(|p| p.credit >= COVERED_AT).count();
    let on_topic_content = content_idx.iter().filter(|&&i| in_topic(i)).count();
    m.elaboration = if covered == 0 { 1.0 } else { (on_topic_content as f64 / (6.0 * covered as f64)).min(1.0) };
    let full = match target.basis {
        super::target::Basis::Reference => COVERAGE_FULL_REFERENCE,
        _ => COVERAGE_FULL_RUBRIC,
    };
    // A list of the right terms is not an explanation: with a rubric, coverage counts only as far as
    // the answer is prose and says more than the bare terms. Short answers (and reference grading,
    // whose units are already dense) are judged on prose alone, and only from a list's length on.
    let explained = match target.basis {
        super::target::Basis::Rubric { .. } => 0.25 + 0.75 * m.prose.min(m.elaboration),
        _ if m.content_words >= LIST_MIN_WORDS => 0.25 + 0.75 * m.prose,
        _ => 1.0,
    };
    // Concave: the first points made show more understanding than the last ones add.
    m.coverage = ((m.coverage_raw / full).min(1.0).powf(COVERAGE_CURVE) * explained).clamp(0.0, 1.0);

    // Specificity (on-topic only): measurements, named technologies, examples, own actions.
    let mut n_meas = 0.0f64;
    let mut n_bare = 0.0f64;
    for (i, t) in toks.iter().enumerate() {
        if !t.numeric || !in_topic(i) || is_list_marker(a, i) {
            continue;
        }
        let unit_next =
            toks.get(i + 1).map(|n| n.sentence == t.sentence && lexicon::is_unit(&n.lower)).unwrap_or(false);
        let unit_glued = t.lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len() > 0;
        if unit_next || unit_glued {
            n_meas += 1.0;
            m.specifics.push(Found {
                start: i,
                end: i + 1 + usize::from(unit_next),
                label: "specific: measurement".into(),
            });
        } else {
            n_bare += 1.0;
            m.specifics.push(Found { start: i, end: i + 1, label: "specific: number".into() });
        }
    }
    let mut techs: HashSet<&'static str> = HashSet::default();
    for sk in skills::find_skills(text) {
        // Tokens are sorted by offset: binary search keeps this linear in the answer (a scan per
        // skill made a 1 MiB answer take ~10 s).
        let ti = toks.partition_point(|t| t.end <= sk.start);
        if ti >= toks.len() {
            continue;
        }
        let tj = toks.partition_point(|t| t.start < sk.end).max(ti + 1);
        if in_topic(ti) && techs.insert(sk.name) {
            m.specifics.push(Found { start: ti, end: tj, label: format!("specific: {}", sk.name) });
        }
    }
    let ex_hits: Vec<PhraseHit> =
        lexicon::examples().find_keyed(toks, &keys).into_iter().filter(|h| in_topic(h.start)).collect();
    let mut n_act = 0.0f64;
    for i in 0..toks.len() {
        if !in_topic(i) || !(toks[i].lower == "i" || toks[i].lower == "we") {
            continue;
        }
        let verb = (1..=2)
            .filter_map(|d| toks.get(i + d))
            .find(|n| n.sentence == toks[i].sentence && lexicon::is_action_verb(&n.lower));
        if let Some(v) = verb {
            n_act += 1.0;
            let end = (i + 1..toks.len()).find(|&j| std::ptr::eq(&toks[j], v)).map(|j| j + 1).unwrap_or(i + 1);
            m.specifics.push(Found { start: i, end, label: "specific: own action".into() });
        }
    }
    let spec_raw = 0.5 * n_meas.min(4.0)
        + 0.25 * n_bare.min(3.0)
        + 0.35 * (techs.len() as f64).min(8.0)
        + 0.45 * (ex_hits.len() as f64).min(3.0)
        + 0.25 * n_act.min(6.0);
    m.specificity = saturate(spec_raw, 2.0);

    // Reasoning (on-topic only): causes, trade-offs, constraints.
    let mut reason_raw = 0.0;
    for (set, label, w) in [
        (lexicon::causal(), "reasoning: cause", 0.45),
        (lexicon::tradeoffs(), "reasoning: trade-off", 0.6),
        (lexicon::constraints(), "reasoning: constraint", 0.35),
    ] {
        let mut n = 0.0;
        for h in set.find_keyed(toks, &keys) {
            if !in_topic(h.start) {
                continue;
            }
            // Plain contrast words show weighing less than an explicit trade-off.
            let weak = h.end - h.start == 1
                && matches!(toks[h.start].lower.as_str(), "but" | "over" | "although" | "since" | "within");
            n += if weak { 0.5 } else { 1.0 };
            m.reasons.push(found(h, label));
        }
        reason_raw += w * f64::min(n, 4.0);
    }
    m.reasoning = saturate(reason_raw, 1.5);

    // Structure: STAR elements for behavioural questions; organisation otherwise.
    if target.kind == QuestionKind::Behavioral {
        let first = |set: &crate::text::phrases::PhraseSet, label: &str| -> Option<Found> {
            set.find_keyed(toks, &keys).into_iter().find(|h| in_topic(h.start)).map(|h| found(h, label))
        };
        let situation = first(lexicon::star_situation(), "STAR: situation");
        let task = first(lexicon::star_task(), "STAR: task");
        let action = m
            .specifics
            .iter()
            .find(|f| f.label == "specific: own action")
            .map(|f| Found { label: "STAR: action".into(), ..f.clone() });
        let result = first(lexicon::star_result(), "STAR: result").or_else(|| {
            m.specifics
                .iter()
                .find(|f| f.label == "specific: measurement")
                .map(|f| Found { label: "STAR: result".into(), ..f.clone() })
        });
        let parts = [situation, task, action, result];
        m.structure = parts.iter().filter(|p| p.is_some()).count() as f64 / 4.0;
        m.star = parts.into_iter().flatten().collect();
    } else {
        let seq =
            lexicon::sequencing().find_keyed(toks, &keys).into_iter().filter(|h| in_topic(h.start)).count() as f64;
        let sentences = on_count as f64;
        m.structure = (0.55 * (sentences / 4.0).min(1.0) + 0.45 * (seq / 2.0).min(1.0)).min(1.0);
    }

    // Hedging, unfamiliarity, deflection, fillers.
    for h in lexicon::hedges().find_keyed(toks, &keys).into_iter().filter(|h| said(h.start)) {
        m.hedges.push(found(h, "struggle: hedge"));
    }
    for h in lexicon::unfamiliarity().find_keyed(toks, &keys).into_iter().filter(|h| said(h.start)) {
        m.unfamiliar.push(found(h, "struggle: admits a gap"));
    }
    for h in lexicon::deflection().find_keyed(toks, &keys).into_iter().filter(|h| said(h.start)) {
        m.deflections.push(found(h, "struggle: deflection"));
    }
    let fillers_said = filler_hits.iter().filter(|h| said(h.start)).count();
    // Rates are taken over the on-topic part, so off-topic padding cannot dilute them.
    let on_topic_tokens = (0..toks.len()).filter(|&i| in_topic(i)).count();
    let per = (on_topic_tokens as f64 / 40.0).max(1.0);
    let rate = (m.hedges.len() as f64 + 1.5 * m.unfamiliar.len() as f64 + 0.7 * fillers_said as f64) / per;
    m.fluency = (-0.8 * rate).exp();
    let sentences = on_count.max(2) as f64;
    m.hedging =
        ((m.hedges.len() as f64 + 2.0 * m.unfamiliar.len() as f64 + m.deflections.len() as f64) / sentences).min(1.0);

    // Length: unique on-topic content words, with diminishing returns.
    m.length = saturate(
        novel.len() as f64 + 0.5 * (on_topic_content.min(novel.len() * 2) as f64 - novel.len() as f64).max(0.0),
        target.expected_words / 2.0,
    );

    // Relevance: on-topic substance beyond echoing the question.
    let substance = if question_only {
        saturate(novel.len() as f64, 10.0)
    } else {
        m.coverage.max(saturate(novel.len() as f64, 12.0) * 0.6)
    };
    let anchor = if m.content_words == 0 { 0.0 } else { 1.0 - (m.echo - 0.5).max(0.0) };
    m.relevance = (substance * (0.6 + 0.4 * m.focus) * anchor).clamp(0.0, 1.0);
    m.on_topic = on_topic;
    m
}

/// A sentence's tokens compared by their stems (the key under which repeated sentences are found).
struct Stems<'a>(&'a [Token]);

impl PartialEq for Stems<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(other.0).all(|(a, b)| a.stem == b.stem)
    }
}

impl Eq for Stems<'_> {}

impl std::hash::Hash for Stems<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for t in self.0 {
            t.stem.as_str().hash(state);
        }
    }
}

/// Sentences set aside for addressing the grader (excluded, but neither repeats nor clichés).
fn excluded_instructions(excluded: &[bool], repeated: &[bool], padded: usize) -> usize {
    let set_aside = excluded.iter().zip(repeated).filter(|(e, r)| **e && !**r).count();
    set_aside.saturating_sub(padded.min(set_aside))
}

fn found(h: PhraseHit, label: &str) -> Found {
    Found { start: h.start, end: h.end, label: label.to_string() }
}

/// `1 - e^(-x/k)`: grows quickly at first, then flattens (diminishing returns).
pub fn saturate(x: f64, k: f64) -> f64 {
    if k <= 0.0 || !x.is_finite() {
        return 0.0;
    }
    1.0 - (-x.max(0.0) / k).exp()
}

/// A number that only numbers a list item ("1." or "2)" at the start of a line).
fn is_list_marker(a: &Analysis, i: usize) -> bool {
    let t = &a.tokens[i];
    let first_in_sentence = a.sentences.get(t.sentence).map(|s| s.first_token == i).unwrap_or(false);
    first_in_sentence && t.lower.len() <= 2
}

/// Each token's clause, and whether the clause carries a negation. A clause ends at a sentence end,
/// at clause punctuation (`,` `;` `:` `(` `)` dashes) and before a clause-opening word (`because`,
/// `but`, `whereas` …); a negation cue anywhere in it ("there is no need for replicas", "sharding
/// doesn't help") denies what the clause says, on either side of the cue.
/// Cues inside an equivalent phrasing (`part_of_phrasing`) are part of its wording and deny nothing.
fn negated_tokens(
    text: &str,
    a: &Analysis,
    keys: &WordKeys,
    part_of_phrasing: &dyn Fn(usize) -> bool,
) -> (Vec<bool>, Vec<usize>) {
    let toks = &a.tokens;
    let mut clause = vec![0usize; toks.len()];
    let mut opens = vec![false; toks.len()];
    for h in lexicon::clause_openers().find_keyed(toks, &keys) {
        opens[h.start] = true;
    }
    let mut c = 0;
    for i in 1..toks.len() {
        let gap = text.get(toks[i - 1].end..toks[i].start).unwrap_or("");
        if toks[i].sentence != toks[i - 1].sentence
            || gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'])
            || gap.contains(" - ")
            || opens[i]
        {
            c += 1;
        }
        clause[i] = c;
    }
    let mut denied = vec![false; c + 1];
    for h in lexicon::negations().find_keyed(toks, &keys).into_iter().filter(|h| !part_of_phrasing(h.start)) {
        denied[clause[h.start]] = true;
    }
    (clause.iter().map(|&c| denied[c]).collect(), clause)
}

/// Whether the sentence holding token `at` disapproves of something: a negation in it, or a word
/// of judgement ("unrealistic", "a mistake", "too expensive").
fn disapproves(a: &Analysis, negated: &[bool], at: usize) -> bool {
    let Some(sentence) = a.tokens.get(at).and_then(|t| a.sentences.get(t.sentence)) else { return false };
    sentence
        .token_range()
        .any(|i| negated.get(i).copied().unwrap_or(false) || DISAPPROVAL.contains(&a.tokens[i].lower.as_str()))
}

/// Words of judgement against something (see [`disapproves`]).
const DISAPPROVAL: &[&str] = &[
    "wrong",
    "bad",
    "mistake",
    "unrealistic",
    "impossible",
    "unachievable",
    "unattainable",
    "impractical",
    "infeasible",
    "myth",
    "pointless",
    "waste",
    "wasteful",
    "misguided",
    "naive",
    "trap",
    "overkill",
    "unnecessary",
    "too",
    "avoid",
    "instead",
    "rather",
    "never",
    "expensive",
    "costly",
    "unreasonable",
];

/// Pairs of words that state opposite things about the same subject (stems are compared).
const OPPOSITES: &[(&str, &str)] = &[
    ("horizontal", "vertical"),
    ("horizontally", "vertically"),
    ("across", "within"),
    ("synchronous", "asynchronous"),
    ("sync", "async"),
    ("increase", "reduce"),
    ("increase", "decrease"),
    ("more", "fewer"),
    ("more", "less"),
    ("most", "few"),
    ("many", "few"),
    ("strong", "weak"),
    ("strongly", "eventually"),
    ("static", "contextual"),
    ("static", "dynamic"),
    ("stateless", "stateful"),
    ("global", "local"),
    ("parent", "child"),
    ("higher", "lower"),
    ("faster", "slower"),
    ("cheaper", "expensive"),
    ("bigger", "smaller"),
    ("larger", "smaller"),
    ("upward", "downward"),
    ("overfitting", "underfitting"),
    ("variance", "bias"),
    ("read", "write"),
    ("optimistic", "pessimistic"),
    ("private", "public"),
    ("inside", "outside"),
    ("longer", "shorter"),
    ("owns", "borrows"),
];

/// Whether the clause around a match says the opposite of the point: it holds one word of an
/// opposing pair that the point's wordings lack, while the point's wordings hold the other.
/// (`one_sided` is the point's [`TargetPoint::one_sided`](super::target::TargetPoint::one_sided).)
fn inverted(toks: &[Token], clause: &[usize], s: usize, e: usize, one_sided: &[(usize, bool)]) -> bool {
    let stems = opposite_stems();
    let mut pairs = one_sided
        .iter()
        .filter_map(|&(k, first)| stems.get(k).map(|(a, b)| if first { (a, b) } else { (b, a) }))
        .peekable();
    if pairs.peek().is_none() {
        return false;
    }
    let (lo, hi) = clause_bounds(clause, s, e);
    let in_clause = toks.get(lo..hi).unwrap_or(&[]);
    let says =
        |w: &WordStem| in_clause.iter().any(|t| t.lower == w.0 || t.stem == w.0 || t.lower == w.1 || t.stem == w.1);
    // The point holds `own` only; the clause says the other side and not the point's.
    pairs.any(|(own, other)| says(other) && !says(own))
}

/// The pairs of [`OPPOSITES`], then of [`SIBLING_OPPOSITES`] (numbered on), of which a wording's
/// vocabulary holds one side only: (pair, whether that side is the pair's first word). Computed once
/// per talking point when its target is compiled.
pub(crate) fn one_sided_opposites(vocabulary: &HashSet<String>) -> Vec<(usize, bool)> {
    let has = |w: &WordStem| vocabulary.contains(&w.0) || vocabulary.contains(&w.1);
    opposite_stems()
        .iter()
        .chain(sibling_opposite_stems())
        .enumerate()
        .filter_map(|(k, (a, b))| match (has(a), has(b)) {
            (true, false) => Some((k, true)),
            (false, true) => Some((k, false)),
            _ => None,
        })
        .collect()
}

/// Opposites that set two sibling points apart when each point's wording holds one side
/// ("select_related … one-to-one" / "prefetch_related … many-to-many"), on top of [`OPPOSITES`].
const SIBLING_OPPOSITES: &[(&str, &str)] = &[("one", "many"), ("single", "multiple")];

/// A point named by its own first word when that word is also one of its one-word phrasings
/// ("Static embeddings give …", "select_related for foreign keys …"): it states facts about a thing.
fn point_name(p: &super::target::TargetPoint) -> Option<&str> {
    let first = p.words.first()?;
    phrases_of(p).iter().any(|ph| ph.len() == 1 && ph[0] == *first).then_some(first.as_str())
}

/// Swapped attribution: points whose statement is made about the wrong thing. Two named points are
/// contrasted siblings when their wordings hold opposite words ("static" / "contextual"). In each
/// sentence, a phrasing of a point at the start of its clause (or the point's name anywhere) is a
/// subject; any other phrasing is said of the latest subject. A phrasing of one sibling said of the
/// other ("BERT … uses a fixed lookup table", "select_related … for many-to-many") contradicts both,
/// unless its clause is negated; a point is swapped when it is contradicted so and never said of
/// itself. Returns one flag per point (empty when the question has no contrasted siblings).
fn swapped_attribution(
    toks: &[Token],
    clause: &[usize],
    negated: &[bool],
    content: &[usize],
    index: &StemIndex<'_>,
    target: &Target,
) -> Vec<bool> {
    let pts = &target.points;
    let names: Vec<Option<&str>> = pts.iter().map(point_name).collect();
    let contrasted = |a: usize, b: usize| -> bool {
        if a == b || names[a].is_none() || names[b].is_none() {
            return false;
        }
        // One holds one side only of a pair, the other the other side only.
        pts[a].one_sided.iter().any(|&(k, first)| pts[b].one_sided.contains(&(k, !first)))
    };
    let sided: Vec<usize> = (0..pts.len()).filter(|&a| (0..pts.len()).any(|b| contrasted(a, b))).collect();
    if sided.is_empty() {
        return Vec::new();
    }
    // Every occurrence of a sided point's phrasings: (start, end, point, is the point's name).
    let mut hits: Vec<(usize, usize, usize, bool)> = Vec::new();
    for &pi in &sided {
        for ph in phrases_of(&pts[pi]) {
            let Some(first) = ph.first() else { continue };
            if first.starts_with("syn ") || first.starts_with("wn ") {
                continue;
            }
            let Some(starts) = lookup(index, first) else { continue };
            for &st in starts {
                // The rest of the phrasing follows in order, function words between allowed.
                let (mut k, mut j) = (1, st + 1);
                while k < ph.len() && j < toks.len() && toks[j].sentence == toks[st].sentence && j - st <= ph.len() + 3
                {
                    if toks[j].stem == ph[k] {
                        k += 1;
                    } else if !toks[j].stop {
                        break;
                    }
                    j += 1;
                }
                if k == ph.len() {
                    hits.push((st, j, pi, ph.len() == 1 && names[pi] == Some(first.as_str())));
                }
            }
        }
    }
    hits.sort_by_key(|h| (h.0, std::cmp::Reverse(h.1)));
    let mut said_of_itself = vec![false; pts.len()];
    let mut contradicted = vec![false; pts.len()];
    let mut subject: Option<(usize, usize)> = None; // (point, sentence)
    let mut last_end = 0usize;
    let mut last_clause: Option<usize> = None;
    let mut subject_end: Option<usize> = None;
    for &(st, end, pi, is_name) in &hits {
        if st < last_end {
            continue; // (inside a longer phrasing already counted)
        }
        last_end = end;
        let sent = toks[st].sentence;
        // A phrasing that opens its clause (the clause's first hit, at most one content word in) is a subject.
        let c = clause.get(st).copied().unwrap_or(0);
        let lead = content.partition_point(|&ti| ti < st);
        // (a clause's own first word, such as "whereas" or "unlike", does not count)
        let before: Vec<usize> =
            content[..lead].iter().rev().take(2).take_while(|&&ti| clause.get(ti) == Some(&c)).copied().collect();
        let opens = last_clause != Some(c)
            && (before.is_empty() || (before.len() == 1 && before[0] > 0 && clause.get(before[0] - 1) != Some(&c)));
        last_clause = Some(c);
        // A name right after the subject ("BERT is static") says what the subject is.
        let predicate = subject_end.is_some_and(|e| e <= st && toks[e..st].iter().all(|t| t.stop));
        if ((is_name && !predicate) || opens) || subject.is_none_or(|(_, s)| s != sent) {
            subject = Some((pi, sent));
            subject_end = Some(end);
            continue;
        }
        let Some((sp, _)) = subject else { continue };
        if sp == pi {
            said_of_itself[pi] = true;
        } else if contrasted(sp, pi) && !negated.get(st).copied().unwrap_or(false) {
            contradicted[pi] = true;
            contradicted[sp] = true;
        }
    }
    (0..pts.len()).map(|i| contradicted[i] && !said_of_itself[i]).collect()
}

/// A word and its stem.
type WordStem = (String, String);

/// [`SIBLING_OPPOSITES`] as (word, stem) pairs.
fn sibling_opposite_stems() -> &'static [(WordStem, WordStem)] {
    static STEMS: std::sync::OnceLock<Vec<(WordStem, WordStem)>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| with_stems(SIBLING_OPPOSITES))
}

/// Word pairs with the stem of each word.
fn with_stems(pairs: &[(&str, &str)]) -> Vec<(WordStem, WordStem)> {
    let st = crate::text::stemmer();
    let ws = |w: &str| (w.to_string(), crate::text::stem_with(&st, w));
    pairs.iter().map(|(a, b)| (ws(a), ws(b))).collect()
}

/// The phrasings of a point matched by phrase (none for a bag).
fn phrases_of(p: &super::target::TargetPoint) -> &[Vec<String>] {
    match &p.matcher {
        PointMatch::Phrases(ph) => ph,
        PointMatch::Bag(_) => &[],
    }
}

/// Whether the clause around a match names an equivalence group opposed to one of the point's
/// ("vertical scaling means adding more machines": the point's group is vertical scaling, the
/// clause's horizontal).
fn opposed_group(
    toks: &[Token],
    clause: &[usize],
    s: usize,
    e: usize,
    p: &super::target::TargetPoint,
    syn_hits: &[(usize, usize, usize)],
) -> bool {
    let (Some(&c0), Some(&c1)) = (clause.get(s), clause.get(e.saturating_sub(1).max(s))) else { return false };
    let mut point: Vec<usize> = phrases_of(p)
        .iter()
        .filter(|ph| ph.len() == 1)
        .filter_map(|ph| ph[0].strip_prefix("syn ")?.parse().ok())
        .collect();
    point.extend(p.opposed.iter().copied());
    if point.is_empty() {
        return false;
    }
    // Groups described after the match in its clause, up to where another opposed group is named
    // ("vertical scaling means a bigger server and horizontal scaling means more servers": two statements).
    let mut hits: Vec<&(usize, usize, usize)> = syn_hits
        .iter()
        .filter(|(_, hs, _)| *hs >= e && clause.get(*hs).is_some_and(|c| *c >= c0 && *c <= c1.max(c0)))
        .collect();
    crate::sort::sort_by_key(&mut hits, |h| h.1);
    let mut said: Vec<usize> = Vec::new();
    for &&(g, hs, he) in &hits {
        let named = synonyms::opposed_name(g).is_some_and(|name| {
            let stems: Vec<&str> = toks
                .get(hs..he.min(toks.len()))
                .unwrap_or(&[])
                .iter()
                .filter(|t| !t.stop)
                .map(|t| t.stem.as_str())
                .collect();
            stems.len() == name.len() && stems.iter().zip(name).all(|(a, b)| *a == b)
        });
        if named {
            break;
        }
        said.push(g);
    }
    synonyms::opposed().iter().any(|&(a, b)| {
        (point.contains(&a) && !point.contains(&b) && said.contains(&b))
            || (point.contains(&b) && !point.contains(&a) && said.contains(&a))
    })
}

/// Token range of the clauses a match spans (clause ids rise with the token index).
fn clause_bounds(clause: &[usize], s: usize, e: usize) -> (usize, usize) {
    let n = clause.len();
    let (s, e) = (s.min(n), e.min(n).max(s.min(n)));
    let (Some(&c0), Some(&c1)) = (clause.get(s), clause.get(e.saturating_sub(1).max(s))) else { return (s, s) };
    let mut lo = s;
    while lo > 0 && clause[lo - 1] >= c0 {
        lo -= 1;
    }
    let mut hi = e.max(s + 1).min(n);
    while hi < n && clause[hi] <= c1 {
        hi += 1;
    }
    (lo, hi)
}

/// [`OPPOSITES`] as (word, stem) pairs.
fn opposite_stems() -> &'static [(WordStem, WordStem)] {
    static STEMS: std::sync::OnceLock<Vec<(WordStem, WordStem)>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| with_stems(OPPOSITES))
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
    if counted.len() < 2 {
        return None;
    }
    let mut got = 0.0;
    let mut positions = Vec::new();
    for w in &counted {
        if let Some(p) = lookup(index, w).and_then(|v| v.first().copied()) {
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
    Some((ALIGN_CREDIT * share, if hi - lo < 25 { (lo, hi + 1) } else { (lo, lo + 1) }, positions))
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
    let found: Vec<Option<&[usize]>> = phrase.iter().map(|s| lookup(index, s)).collect();
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
        for &a in anchors.iter().take(8) {
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
        0.8 * frac
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
        let exact = lookup(index, &b.stem).and_then(|ps| ps.iter().copied().find(fits));
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
        (Some(f), Some(l)) if l - f < 25 => Some((f, l + 1)),
        (Some(f), _) => Some((f, f + 1)),
        _ => None,
    };
    (credit, span)
}

thread_local! {
    /// Whether prefix matching is on for the grading in progress (see `Features::prefixes`).
    static PREFIXES: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Stems shorter than this never match by prefix (`state` must not match `stateless`).
const PREFIX_MIN: usize = 6;
/// A prefix relative may be at most this much longer (a derivational suffix, not a new word).
const PREFIX_MAX_EXTRA: usize = 3;

/// Positions of a stem in the answer: exact, else a derivational relative sharing a long prefix
/// (Porter2 leaves `transaction`/`transact`, `replication`/`replic` apart).
fn lookup<'a>(index: &'a StemIndex<'_>, stem: &str) -> Option<&'a [usize]> {
    if let Some(p) = index.get(stem) {
        return Some(p);
    }
    let plain = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase());
    if !PREFIXES.with(|p| p.get()) || stem.len() < PREFIX_MIN || !plain(stem) {
        return None;
    }
    // The answer's word is shorter: try the stem's own prefixes.
    for cut in (stem.len().saturating_sub(PREFIX_MAX_EXTRA).max(PREFIX_MIN)..stem.len()).rev() {
        if let Some(p) = index.get(&stem[..cut]) {
            return Some(p);
        }
    }
    // The answer's word is longer: the shortest key that extends the stem by a suffix (the first
    // in alphabetical order among equally short ones).
    index
        .long_keys
        .iter()
        .filter(|k| k.len() > stem.len() && k.len() - stem.len() <= PREFIX_MAX_EXTRA && k.starts_with(stem))
        .min_by_key(|k| (k.len(), **k))
        .and_then(|k| index.get(*k))
}

/// The answer's usable tokens by stem (and by synonym and WordNet group key): each key's positions,
/// ascending, in one flat list (no list per key), and the keys that can extend a stem for the prefix
/// look-ups of [`lookup`] (plain words longer than [`PREFIX_MIN`], in no particular order: a look-up
/// scans them, which costs less than sorting every key).
struct StemIndex<'a> {
    /// Key → its slot.
    slots: HashMap<&'a str, usize>,
    /// Positions of slot `s`: `positions[starts[s]..starts[s + 1]]`.
    starts: Vec<usize>,
    positions: Vec<usize>,
    long_keys: Vec<&'a str>,
}

/// A [`StemIndex`] being filled: (slot, position) pairs in the order they are pushed.
struct StemIndexBuilder<'a> {
    slots: HashMap<&'a str, usize>,
    entries: Vec<(usize, usize)>,
}

impl<'a> StemIndex<'a> {
    fn with_capacity(n: usize) -> StemIndexBuilder<'a> {
        StemIndexBuilder {
            slots: HashMap::with_capacity_and_hasher(n, Default::default()),
            entries: Vec::with_capacity(n + n / 4),
        }
    }

    /// The positions of a key (never empty).
    fn get(&self, key: &str) -> Option<&[usize]> {
        let &s = self.slots.get(key)?;
        self.positions.get(self.starts[s]..self.starts[s + 1])
    }
}

impl<'a> StemIndexBuilder<'a> {
    fn push(&mut self, key: &'a str, position: usize) {
        let next = self.slots.len();
        let slot = *self.slots.entry(key).or_insert(next);
        self.entries.push((slot, position));
    }

    fn finish(self) -> StemIndex<'a> {
        let n = self.slots.len();
        // Counting sort by slot: each slot's positions keep the order they were pushed in.
        let mut starts = vec![0usize; n + 1];
        for &(s, _) in &self.entries {
            starts[s + 1] += 1;
        }
        for s in 0..n {
            starts[s + 1] += starts[s];
        }
        let mut fill = starts.clone();
        let mut positions = vec![0usize; self.entries.len()];
        for &(s, p) in &self.entries {
            positions[fill[s]] = p;
            fill[s] += 1;
        }
        for s in 0..n {
            // Stems are indexed in token order; only keys that also got group positions need sorting.
            let v = &mut positions[starts[s]..starts[s + 1]];
            if !v.windows(2).all(|w| w[0] <= w[1]) {
                crate::sort::sort(v);
            }
        }
        let long_keys = self
            .slots
            .keys()
            .copied()
            .filter(|k| k.len() > PREFIX_MIN && k.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        StemIndex { slots: self.slots, starts, positions, long_keys }
    }
}
