//! The measured features of an answer (each 0–1) and the evidence behind them: relevance, coverage,
//! specificity, reasoning, structure, fluency/hedging and length.
//!
//! Only on-topic sentences count towards content signals, so off-topic padding can lower a score
//! (through focus) but never raise it. Sentences that instruct the grader are set aside entirely.

use super::target::{PointMatch, Target};
use crate::text::{lexicon, phrases::PhraseHit, skills, synonyms, Analysis, Token};
use crate::transcript::QuestionKind;
use crate::text::hash::{FastMap as HashMap, FastSet as HashSet};

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
/// For a reference answer matched word by word, paraphrase leaves fewer exact matches.
pub const COVERAGE_FULL_REFERENCE: f64 = 0.6;
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
/// Tokens after a negation cue in which a talking point is taken as denied.
const NEGATION_REACH: usize = 4;

pub fn measure(text: &str, a: &Analysis, target: &Target) -> Measured {
    PREFIXES.with(|p| p.set(target.features.prefixes));
    let toks = &a.tokens;
    let mut m = Measured { words: toks.len(), ..Default::default() };

    // Grader instructions: their sentences are excluded from everything else.
    let mut excluded = vec![false; a.sentences.len()];
    for h in lexicon::grader_instructions().find(toks) {
        if let Some(t) = toks.get(h.start) {
            if let Some(x) = excluded.get_mut(t.sentence) {
                *x = true;
            }
        }
        m.instructions.push(found(h, "grader instruction"));
    }
    // A sentence said again word for word adds nothing: repeats are set aside too.
    let mut seen: HashSet<Vec<&str>> = HashSet::default();
    let mut repeated = vec![false; a.sentences.len()];
    let mut padded = 0usize;
    for (si, sent) in a.sentences.iter().enumerate() {
        let stems: Vec<&str> = toks[sent.token_range()].iter().map(|t| t.stem.as_str()).collect();
        if stems.len() >= 3 && !seen.insert(stems) {
            excluded[si] = true;
            repeated[si] = true;
        }
    }
    // Struggle cues count wherever they are said once (even beside an instruction to the grader).
    let said = |i: usize| -> bool { toks.get(i).map(|t| !repeated.get(t.sentence).copied().unwrap_or(true)).unwrap_or(false) };
    // Self-description clichés ("I'm a hard worker") pad without answering: their sentences are set
    // aside unless they also carry technical content.
    for h in lexicon::fluff().find(toks) {
        let Some(si) = toks.get(h.start).map(|t| t.sentence) else { continue };
        // (the cliché's own words do not count: "110 percent" is not a measurement)
        let technical = a.sentences.get(si).map(|sent| sent.token_range().filter(|i| !(h.start..h.end).contains(i)).any(|i| toks[i].numeric || skills::is_technology(&toks[i].lower))).unwrap_or(false);
        if !technical {
            if let Some(x) = excluded.get_mut(si) {
                *x = true;
            }
            padded += 1;
        }
    }
    let filler_hits = lexicon::fillers().find(toks);
    let mut is_filler = vec![false; toks.len()];
    for h in &filler_hits {
        for f in is_filler.iter_mut().take(h.end).skip(h.start) {
            *f = true;
        }
    }
    m.fillers = filler_hits.len();
    let usable = |i: usize| -> bool { toks.get(i).map(|t| !excluded.get(t.sentence).copied().unwrap_or(true)).unwrap_or(false) };
    m.content_words = (0..toks.len()).filter(|&i| usable(i) && !toks[i].stop && !is_filler[i]).count();

    // Point matching over usable tokens.
    let negated = negated_tokens(a);
    let mut index: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, t) in toks.iter().enumerate() {
        if usable(i) && !is_filler[i] {
            index.entry(t.stem.as_str()).or_default().push(i);
        }
    }
    // Equivalent phrasings ("scaling out" for "horizontal scaling") are indexed under their group.
    let content_tokens: Vec<usize> = (0..toks.len()).filter(|&i| usable(i) && !toks[i].stop && !is_filler[i]).collect();
    let mut syn_end: HashMap<usize, usize> = HashMap::default();
    let syn_hits = if target.features.synonyms { synonyms::find(toks, &content_tokens) } else { Vec::new() };
    let syn_keys: Vec<(String, usize)> = syn_hits.iter().map(|(g, s, e)| {
        syn_end.insert(*s, *e);
        (synonyms::group_key(*g), *s)
    }).collect();
    for (k, s) in &syn_keys {
        index.entry(k.as_str()).or_default().push(*s);
    }
    for v in index.values_mut() {
        v.sort_unstable();
    }
    SORTED_KEYS.with(|k| {
        let mut k = k.borrow_mut();
        k.clear();
        k.extend(index.keys().map(|s| s.to_string()));
        k.sort_unstable();
    });
    let mut total_w = 0.0;
    let mut got_w = 0.0;
    for (pi, p) in target.points.iter().enumerate() {
        let (mut credit, span) = match &p.matcher {
            PointMatch::Phrases(phrases) => best_phrase(phrases, &index, &syn_end, &|(s, e): (usize, usize)| {
                // A match made only of the question's own words is an echo, not a point made.
                target.features.question_demoting
                    && toks[s..e.min(toks.len())].iter().filter(|t| !t.stop).all(|t| target.question_stems.contains(&t.stem))
            }),
            PointMatch::Bag(bag) => bag_match(bag, &index, target),
        };
        let is_negated = target.features.negation && span.map(|(s, _)| negated.get(s).copied().unwrap_or(false)).unwrap_or(false);
        if is_negated {
            credit *= 0.2;
        }
        total_w += p.weight;
        got_w += p.weight * credit;
        m.points.push(PointResult { index: pi, credit, span, negated: is_negated });
    }
    m.coverage_raw = if total_w > 0.0 { got_w / total_w } else { 0.0 };

    // On-topic sentences: they touch the topic vocabulary or a talking point, or carry on from one
    // that does; in question-only grading any sentence with a non-generic content word counts.
    let point_sentences: HashSet<usize> =
        m.points.iter().filter(|p| p.credit > 0.0).filter_map(|p| p.span).filter_map(|(s, _)| toks.get(s).map(|t| t.sentence)).collect();
    let question_only = target.points.is_empty();
    let mut on_topic = vec![false; a.sentences.len()];
    let mut topic_chain: HashSet<&str> = HashSet::default();
    for (si, s) in a.sentences.iter().enumerate() {
        if excluded[si] {
            continue;
        }
        let stems: Vec<&Token> = toks[s.token_range()]
            .iter()
            .filter(|t| !t.stop && !lexicon::is_generic_stem(&t.stem))
            .collect();
        let touches = point_sentences.contains(&si)
            || stems.iter().any(|t| target.topic_stems.contains(&t.stem) || topic_chain.contains(t.stem.as_str()))
            || stems.iter().any(|t| skills::is_technology(&t.lower))
            || (question_only && !stems.is_empty());
        if touches {
            on_topic[si] = true;
            topic_chain.extend(stems.iter().map(|t| t.stem.as_str()));
        }
    }
    // Focus: share of what was said (instructions aside) that stays on topic; repeats and clichés count against it.
    let said_sentences = a.sentences.len() - repeated.iter().filter(|x| **x).count() - excluded_instructions(&excluded, &repeated, padded);
    let on_count = on_topic.iter().filter(|x| **x).count();
    m.focus = if said_sentences == 0 { 0.0 } else { (on_count as f64 / said_sentences as f64).min(1.0) };
    let in_topic = |i: usize| -> bool { toks.get(i).map(|t| on_topic.get(t.sentence).copied().unwrap_or(false)).unwrap_or(false) };

    // Echo: share of the answer's content words that merely repeat the question.
    let content_idx: Vec<usize> = (0..toks.len()).filter(|&i| usable(i) && !toks[i].stop && !is_filler[i]).collect();
    let echoed = content_idx.iter().filter(|&&i| target.question_stems.contains(&toks[i].stem)).count();
    m.echo = if content_idx.is_empty() { 0.0 } else { echoed as f64 / content_idx.len() as f64 };
    let novel: HashSet<&str> = content_idx
        .iter()
        .filter(|&&i| in_topic(i) && !target.question_stems.contains(&toks[i].stem) && !lexicon::is_generic_stem(&toks[i].stem))
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
        let unit_next = toks.get(i + 1).map(|n| n.sentence == t.sentence && lexicon::is_unit(&n.lower)).unwrap_or(false);
        let unit_glued = t.lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len() > 0;
        if unit_next || unit_glued {
            n_meas += 1.0;
            m.specifics.push(Found { start: i, end: i + 1 + usize::from(unit_next), label: "specific: measurement".into() });
        } else {
            n_bare += 1.0;
            m.specifics.push(Found { start: i, end: i + 1, label: "specific: number".into() });
        }
    }
    let mut techs: HashSet<&'static str> = HashSet::default();
    for sk in skills::find_skills(text) {
        let Some(ti) = toks.iter().position(|t| t.end > sk.start) else { continue };
        let tj = toks.iter().rposition(|t| t.start < sk.end).map(|j| j + 1).unwrap_or(ti + 1).max(ti + 1);
        if in_topic(ti) && techs.insert(sk.name) {
            m.specifics.push(Found { start: ti, end: tj, label: format!("specific: {}", sk.name) });
        }
    }
    let ex_hits: Vec<PhraseHit> = lexicon::examples().find(toks).into_iter().filter(|h| in_topic(h.start)).collect();
    let mut n_act = 0.0f64;
    for i in 0..toks.len() {
        if !in_topic(i) || !(toks[i].lower == "i" || toks[i].lower == "we") {
            continue;
        }
        let verb = (1..=2).filter_map(|d| toks.get(i + d)).find(|n| n.sentence == toks[i].sentence && lexicon::is_action_verb(&n.lower));
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
        for h in set.find(toks) {
            if !in_topic(h.start) {
                continue;
            }
            // Plain contrast words show weighing less than an explicit trade-off.
            let weak = h.end - h.start == 1 && matches!(toks[h.start].lower.as_str(), "but" | "over" | "although" | "since" | "within");
            n += if weak { 0.5 } else { 1.0 };
            m.reasons.push(found(h, label));
        }
        reason_raw += w * f64::min(n, 4.0);
    }
    m.reasoning = saturate(reason_raw, 1.5);

    // Structure: STAR elements for behavioural questions; organisation otherwise.
    if target.kind == QuestionKind::Behavioral {
        let first = |set: &crate::text::phrases::PhraseSet, label: &str| -> Option<Found> {
            set.find(toks).into_iter().find(|h| in_topic(h.start)).map(|h| found(h, label))
        };
        let situation = first(lexicon::star_situation(), "STAR: situation");
        let task = first(lexicon::star_task(), "STAR: task");
        let action = m.specifics.iter().find(|f| f.label == "specific: own action").map(|f| Found { label: "STAR: action".into(), ..f.clone() });
        let result = first(lexicon::star_result(), "STAR: result").or_else(|| {
            m.specifics.iter().find(|f| f.label == "specific: measurement").map(|f| Found { label: "STAR: result".into(), ..f.clone() })
        });
        let parts = [situation, task, action, result];
        m.structure = parts.iter().filter(|p| p.is_some()).count() as f64 / 4.0;
        m.star = parts.into_iter().flatten().collect();
    } else {
        let seq = lexicon::sequencing().find(toks).into_iter().filter(|h| in_topic(h.start)).count() as f64;
        let sentences = on_count as f64;
        m.structure = (0.55 * (sentences / 4.0).min(1.0) + 0.45 * (seq / 2.0).min(1.0)).min(1.0);
    }

    // Hedging, unfamiliarity, deflection, fillers.
    for h in lexicon::hedges().find(toks).into_iter().filter(|h| said(h.start)) {
        m.hedges.push(found(h, "struggle: hedge"));
    }
    for h in lexicon::unfamiliarity().find(toks).into_iter().filter(|h| said(h.start)) {
        m.unfamiliar.push(found(h, "struggle: admits a gap"));
    }
    for h in lexicon::deflection().find(toks).into_iter().filter(|h| said(h.start)) {
        m.deflections.push(found(h, "struggle: deflection"));
    }
    let fillers_said = filler_hits.iter().filter(|h| said(h.start)).count();
    // Rates are taken over the on-topic part, so off-topic padding cannot dilute them.
    let on_topic_tokens = (0..toks.len()).filter(|&i| in_topic(i)).count();
    let per = (on_topic_tokens as f64 / 40.0).max(1.0);
    let rate = (m.hedges.len() as f64 + 1.5 * m.unfamiliar.len() as f64 + 0.7 * fillers_said as f64) / per;
    m.fluency = (-0.8 * rate).exp();
    let sentences = on_count.max(2) as f64;
    m.hedging = ((m.hedges.len() as f64 + 2.0 * m.unfamiliar.len() as f64 + m.deflections.len() as f64) / sentences).min(1.0);

    // Length: unique on-topic content words, with diminishing returns.
    m.length = saturate(novel.len() as f64 + 0.5 * (on_topic_content.min(novel.len() * 2) as f64 - novel.len() as f64).max(0.0), target.expected_words / 2.0);

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

/// Tokens that fall within a negation's reach (same sentence).
fn negated_tokens(a: &Analysis) -> Vec<bool> {
    let mut neg = vec![false; a.tokens.len()];
    for h in lexicon::negations().find(&a.tokens) {
        let sentence = a.tokens[h.start].sentence;
        for j in h.end..(h.end + NEGATION_REACH).min(a.tokens.len()) {
            if a.tokens[j].sentence != sentence {
                break;
            }
            neg[j] = true;
        }
    }
    neg
}

/// Best credit over a point's phrases, and the token span of the best match.
fn best_phrase(
    phrases: &[Vec<String>],
    index: &HashMap<&str, Vec<usize>>,
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
fn match_phrase(phrase: &[String], index: &HashMap<&str, Vec<usize>>) -> (f64, Option<(usize, usize)>) {
    let k = phrase.len();
    if k == 0 {
        return (0.0, None);
    }
    let positions: Vec<&Vec<usize>> = phrase.iter().filter_map(|s| lookup(index, s)).collect();
    if positions.is_empty() {
        return (0.0, None);
    }
    if k == 1 {
        let p = positions[0][0];
        return (1.0, Some((p, p + 1)));
    }
    let reach = k + PHRASE_SLACK;
    let mut best_count = 0usize;
    let mut best_span = None;
    for anchors in &positions {
        for &a in anchors.iter().take(8) {
            let lo = a.saturating_sub(reach);
            let hi = a + reach;
            let mut count = 0;
            let (mut s, mut e) = (a, a + 1);
            for stem in phrase {
                if let Some(p) = lookup(index, stem).and_then(|ps| ps.iter().copied().filter(|&p| p >= lo && p <= hi).min_by_key(|&p| p.abs_diff(a))) {
                    count += 1;
                    s = s.min(p);
                    e = e.max(p + 1);
                }
            }
            if count > best_count || (count == best_count && best_span.map(|(bs, be): (usize, usize)| e - s < be - bs).unwrap_or(true)) {
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

/// Credit for a bag of weighted stems: the weighted share found anywhere; span = the densest sentence's match.
fn bag_match(bag: &[(String, f64)], index: &HashMap<&str, Vec<usize>>, target: &Target) -> (f64, Option<(usize, usize)>) {
    let f = target.features;
    // Words the question already says are not content (question demoting).
    let counted = |s: &String| !(f.question_demoting && target.question_stems.contains(s));
    let weight = |w: f64| if f.weighting { w } else { 1.0 };
    let total: f64 = bag.iter().filter(|(s, _)| counted(s)).map(|(_, w)| weight(*w)).sum();
    if total <= 0.0 {
        return (0.0, None);
    }
    let mut got = 0.0;
    let mut first: Option<usize> = None;
    let mut last: Option<usize> = None;
    for (s, w) in bag.iter().filter(|(s, _)| counted(s)) {
        let w = weight(*w);
        if let Some(ps) = lookup(index, s) {
            got += w;
            let p = ps[0];
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
    /// The answer's stems, sorted, for prefix look-ups during the grading in progress.
    static SORTED_KEYS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Stems shorter than this never match by prefix (`state` must not match `stateless`).
const PREFIX_MIN: usize = 6;
/// A prefix relative may be at most this much longer (a derivational suffix, not a new word).
const PREFIX_MAX_EXTRA: usize = 3;

/// Positions of a stem in the answer: exact, else a derivational relative sharing a long prefix
/// (Porter2 leaves `transaction`/`transact`, `replication`/`replic` apart).
fn lookup<'a>(index: &'a HashMap<&str, Vec<usize>>, stem: &str) -> Option<&'a Vec<usize>> {
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
    // The answer's word is longer: the shortest key that extends the stem by a suffix.
    SORTED_KEYS.with(|keys| {
        let keys = keys.borrow();
        let from = keys.partition_point(|k| k.as_str() < stem);
        keys[from..]
            .iter()
            .take_while(|k| k.starts_with(stem))
            .filter(|k| k.len() > stem.len() && k.len() - stem.len() <= PREFIX_MAX_EXTRA && plain(k))
            .min_by_key(|k| (k.len(), k.as_str()))
            .and_then(|k| index.get(k.as_str()))
    })
}
