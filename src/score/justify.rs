//! Explaining a score: evidence spans, covered and missing points, the next step, and a
//! justification that quotes the answer and names what is missing — never praise without evidence.

use super::signals::{Found, Measured, COVERED_AT};
use super::target::{Basis, Target};
use super::{byte_span, Evidence, MisconceptionFound, Signal};
use crate::number::fixed;
use crate::text::excerpt::shorten;
use crate::text::Analysis;
use crate::transcript::QuestionKind;

/// Longest quotation in a justification, in characters.
const QUOTE_MAX: usize = 60;

/// Evidence spans (points, STAR parts, specifics, struggle cues) in text order, plus covered and missing points.
pub fn evidence(
    answer: &str,
    a: &Analysis,
    m: &Measured,
    target: &Target,
) -> (Vec<Evidence>, Vec<String>, Vec<String>) {
    let mut ev = Vec::new();
    let mut covered = Vec::new();
    let mut missing: Vec<(f64, String)> = Vec::new();
    for pr in &m.points {
        let Some(p) = target.points.get(pr.index) else { continue };
        if pr.credit >= COVERED_AT {
            covered.push(p.text.clone());
            if let Some((s, e)) = pr.span.and_then(|(s, e)| byte_span(a, s, e)) {
                push(&mut ev, answer, s, e, &p.text);
            }
        } else {
            missing.push((p.weight * (1.0 - pr.credit), p.text.clone()));
            if pr.negated {
                if let Some((s, e)) = pr.span.and_then(|(s, e)| byte_span(a, s, e)) {
                    let wrong = m.misconceptions.iter().find(|h| h.point == pr.index);
                    let label = match wrong.and_then(|h| target.misconceptions.get(h.index)) {
                        Some(w) => format!("misconception: {}", w.claim),
                        None => format!("negated: {}", p.text),
                    };
                    push(&mut ev, answer, s, e, &label);
                }
            }
        }
    }
    for f in m
        .star
        .iter()
        .chain(m.unfamiliar.iter())
        .chain(m.hedges.iter())
        .chain(m.deflections.iter())
        .chain(m.instructions.iter())
    {
        if let Some((s, e)) = byte_span(a, f.start, f.end) {
            push(&mut ev, answer, s, e, &f.label);
        }
    }
    for f in m.specifics.iter().filter(|f| !f.label.ends_with("own action")) {
        if let Some((s, e)) = byte_span(a, f.start, f.end) {
            push(&mut ev, answer, s, e, &f.label);
        }
    }
    crate::sort::sort_by(&mut ev, |x, y| (x.start, x.end, &x.point).cmp(&(y.start, y.end, &y.point)));
    ev.dedup_by(|x, y| x.start == y.start && x.end == y.end && x.point == y.point);
    // Missing points, most valuable first (stable for equal weights).
    crate::sort::sort_by(&mut missing, |x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
    (ev, covered, missing.into_iter().map(|(_, t)| t).collect())
}

fn push(ev: &mut Vec<Evidence>, answer: &str, s: usize, e: usize, point: &str) {
    if let Some(text) = answer.get(s..e) {
        ev.push(Evidence { start: s, end: e, text: text.to_string(), point: point.to_string() });
    }
}

/// The rubric's common wrong claims the answer states, with the answer's words for each.
pub fn misconceptions(answer: &str, a: &Analysis, m: &Measured, target: &Target) -> Vec<MisconceptionFound> {
    m.misconceptions
        .iter()
        .filter_map(|h| {
            let w = target.misconceptions.get(h.index)?;
            let (start, end) = byte_span(a, h.start, h.end)?;
            Some(MisconceptionFound {
                id: w.id.clone(),
                claim: w.claim.clone(),
                correction: w.correction.clone(),
                point: target.points.get(w.point).map(|p| p.text.clone()).unwrap_or_default(),
                start,
                end,
                text: answer.get(start..end)?.to_string(),
            })
        })
        .collect()
}

/// The one thing that would lift the grade most.
pub fn next_step(m: &Measured, target: &Target) -> Option<String> {
    if !m.instructions.is_empty() && m.coverage < 0.3 {
        return Some("Answer the question itself: instructions to the grader earn nothing.".into());
    }
    if target.kind == QuestionKind::Behavioral && m.structure < 1.0 {
        let have = |l: &str| m.star.iter().any(|f| f.label.ends_with(l));
        for (part, advice) in [
            ("situation", "Set the scene: where you were and what was at stake."),
            ("action", "Say what you yourself did, step by step (\"I …\")."),
            ("result", "Finish with the result — a number if you have one — and what you learned."),
            ("task", "State what you were responsible for."),
        ] {
            if !have(part) {
                return Some(advice.into());
            }
        }
    }
    let worst = m
        .points
        .iter()
        .filter(|p| p.credit < COVERED_AT)
        .filter_map(|p| target.points.get(p.index).map(|tp| (tp.weight * (1.0 - p.credit), tp)))
        .fold(None::<(f64, &super::target::TargetPoint)>, |best, (v, tp)| match best {
            Some((bv, _)) if bv >= v => best,
            _ => Some((v, tp)),
        });
    if let Some((_, p)) = worst {
        return Some(match target.basis {
            Basis::Reference => format!("Cover this part of the model answer: \"{}\"", p.text),
            _ => format!("Cover: {}", p.text),
        });
    }
    if m.specificity < 0.4 && target.asks_for_specifics() {
        return Some("Back your points with a concrete example, a named tool and a measured result.".into());
    }
    if m.reasoning < 0.4 && target.weight(Signal::Reasoning) > 0.0 {
        // A concept asked about is explained by how it works, not by trade-offs weighed.
        if target.concept {
            return Some("Say how it works and why it matters: the mechanism, and what it is for.".into());
        }
        return Some("Explain why: the trade-offs you weighed and the alternatives you rejected.".into());
    }
    if m.hedging > 0.25 {
        return Some("State what you know plainly; drop the hedges.".into());
    }
    None
}

pub fn insufficient_next_step(target: &Target) -> String {
    match target.points.first() {
        Some(p) => format!("Give a full answer; start with: {}", p.text),
        None => "Give a full answer in a few sentences: what you would do, how, and why.".into(),
    }
}

fn quote(answer: &str, a: &Analysis, f_start: usize, f_end: usize) -> Option<String> {
    let (s, e) = byte_span(a, f_start, f_end)?;
    Some(format!("\u{201c}{}\u{201d}", shorten(answer.get(s..e)?, QUOTE_MAX)))
}

fn list(items: &[String], max: usize) -> String {
    let shown: Vec<&String> = items.iter().take(max).collect();
    let mut s = match shown.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        2 => format!("{} and {}", shown[0], shown[1]),
        _ => format!("{}, {} and {}", shown[0], shown[1], shown[2]),
    };
    if items.len() > max {
        s.push_str(&format!(" (+{} more)", items.len() - max));
    }
    s
}

/// One or two sentences: what was found (quoted), what is missing, and the level reached.
pub fn justification(
    answer: &str,
    a: &Analysis,
    m: &Measured,
    target: &Target,
    score: f64,
    insufficient: bool,
) -> String {
    if insufficient {
        let mut s = format!(
            "Too little to grade: the answer has {} content word{}",
            m.content_words,
            if m.content_words == 1 { "" } else { "s" }
        );
        if let Some(f) = m.unfamiliar.first().or(m.hedges.first()) {
            if let Some(q) = quote(answer, a, f.start, f.end) {
                s.push_str(&format!(" and says {}", q));
            }
        }
        if !m.instructions.is_empty() {
            s.push_str("; instructions to the grader were ignored");
        }
        s.push('.');
        return s;
    }
    let mut parts: Vec<String> = Vec::new();
    if !target.points.is_empty() {
        let mut got: Vec<(f64, String)> = m
            .points
            .iter()
            .filter(|p| p.credit >= COVERED_AT)
            .filter_map(|p| {
                let tp = target.points.get(p.index)?;
                let (s, e) = p.span?;
                Some((tp.weight * p.credit, quote(answer, a, s, e)?))
            })
            .collect();
        crate::sort::sort_by(&mut got, |x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
        let n_cov = m.points.iter().filter(|p| p.credit >= COVERED_AT).count();
        let mut quotes: Vec<String> = Vec::new();
        for (_, q) in got {
            if !quotes.contains(&q) {
                quotes.push(q);
            }
        }
        let mut s = if matches!(target.basis, Basis::Reference) {
            // Against a model answer: how much of its content the answer says, in any words, first.
            let share = match m.key_recall {
                r if r >= 0.8 => "nearly all",
                r if r >= 0.5 => "most",
                r if r >= 0.25 => "some",
                r if r > 0.0 => "little",
                _ => "none",
            };
            let mut s = format!("Says {share} of the model answer's content (key recall {})", fixed(m.key_recall, 2));
            if n_cov > 0 {
                s.push_str(&format!("; makes {} of its {} parts ({})", n_cov, target.points.len(), list(&quotes, 2)));
            }
            s
        } else if n_cov == 0 {
            format!("Makes none of the {} expected points", target.points.len())
        } else {
            format!("Covers {} of {} expected points ({})", n_cov, target.points.len(), list(&quotes, 2))
        };
        let mut missing: Vec<(f64, &str)> = m
            .points
            .iter()
            .filter(|p| p.credit < COVERED_AT)
            .filter_map(|p| target.points.get(p.index).map(|tp| (tp.weight, tp.text.as_str())))
            .collect();
        crate::sort::sort_by(&mut missing, |x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal));
        if matches!(target.basis, Basis::Reference) && n_cov == 0 {
            // (the parts are named as missing below and in the next step)
        } else if n_cov == 0 && !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|(_, t)| t.to_lowercase()).collect();
            s.push_str(&format!(", such as {}", list(&names, 2)));
        } else if !missing.is_empty() && !matches!(target.basis, Basis::Reference) {
            let names: Vec<String> = missing.iter().map(|(_, t)| t.to_lowercase()).collect();
            s.push_str(&format!(" but misses {}", list(&names, 2)));
        } else if !missing.is_empty() {
            s.push_str(&format!(
                " and leaves out {} part{} of the model answer",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ));
        }
        // Points named without a word about them: say which terms were only dropped.
        let named: Vec<String> =
            m.points.iter().filter(|p| p.named_only).filter_map(|p| quote(answer, a, p.span?.0, p.span?.1)).collect();
        if !named.is_empty() {
            s.push_str(&format!(
                "; names {} without saying what {}",
                list(&named, 3),
                if named.len() == 1 { "it does" } else { "they do" }
            ));
        }
        let wrong_point = |i: usize| m.misconceptions.iter().any(|h| h.point == i);
        if m.points.iter().any(|p| p.negated && !wrong_point(p.index)) {
            s.push_str("; a point stated in the negative was not credited");
        }
        parts.push(s);
    } else {
        parts.push(if m.relevance >= 0.5 {
            format!(
                "Addresses the question (relevance {}); its content was not checked: no rubric or model answer",
                fixed(m.relevance, 2)
            )
        } else {
            format!(
                "Says little that bears on the question (relevance {}); its content was not checked: no rubric or model answer",
                fixed(m.relevance, 2)
            )
        });
    }
    let mut depth = Vec::new();
    let spec_quotes: Vec<String> = m
        .specifics
        .iter()
        .filter(|f| !f.label.ends_with("own action"))
        .filter_map(|f| quote(answer, a, f.start, f.end))
        .take(2)
        .collect();
    if m.specificity >= 0.45 && !spec_quotes.is_empty() {
        depth.push(format!("gives specifics such as {}", list(&spec_quotes, 2)));
    } else if m.specificity < 0.25 && target.asks_for_specifics() {
        // Missing depth is named only where the grading asks for it: a model answer or a concept
        // question that weighs no specifics is not told to "back it with a measured result".
        depth.push("gives no measured results or named tools".to_string());
    }
    if m.reasoning >= 0.5 {
        if let Some(q) = m
            .reasons
            .iter()
            .find(|r| r.label.ends_with("trade-off"))
            .or(m.reasons.first())
            .and_then(|r| quote_sentence_part(answer, a, r))
        {
            depth.push(format!("reasons about choices ({})", q));
        }
    } else if m.reasoning < 0.2 && !target.points.is_empty() && target.weight(Signal::Reasoning) > 0.0 {
        depth.push("does not explain why".to_string());
    }
    if target.kind == QuestionKind::Behavioral {
        let found: Vec<&str> = m.star.iter().map(|f| f.label.trim_start_matches("STAR: ")).collect();
        let all = ["situation", "task", "action", "result"];
        let absent: Vec<String> = all.iter().filter(|p| !found.contains(p)).map(|s| s.to_string()).collect();
        if absent.is_empty() {
            depth.push("tells it as situation, task, action and result".into());
        } else {
            depth.push(format!("leaves out the {} of the story", list(&absent, 3)));
        }
    }
    if let Some(f) = m.unfamiliar.first() {
        if let Some(q) = quote(answer, a, f.start, f.end) {
            depth.push(format!("admits a gap ({})", q));
        }
    } else if m.hedging >= 0.25 {
        if let Some(q) = m.hedges.first().and_then(|f| quote(answer, a, f.start, f.end)) {
            depth.push(format!("hedges ({})", q));
        }
    }
    if m.prose < 0.5 {
        depth.push("reads as a list of terms rather than an explanation".into());
    }
    if !m.instructions.is_empty() {
        depth.push("instructions to the grader were ignored".into());
    }
    let mut out = parts.join(" ");
    if !depth.is_empty() {
        out.push_str("; it ");
        out.push_str(&depth.join(", "));
    }
    out.push('.');
    // Each wrong claim is named with the answer's words and what is true instead.
    for h in &m.misconceptions {
        if let (Some(w), Some(q)) = (target.misconceptions.get(h.index), quote(answer, a, h.start, h.end)) {
            out.push_str(&format!(" It says {}, which is wrong: {}", q, w.correction.trim()));
            if !out.ends_with(['.', '!', '?']) {
                out.push('.');
            }
        }
    }
    if let Some(c) = &target.main_criterion {
        let level = super::grade_of(score).max(1);
        if let Some(d) = c.descriptors.get(&level.to_string()) {
            out.push_str(&format!(" {} level {}: {}", c.name, level, d.trim_end_matches('.')));
            out.push('.');
        }
    }
    out
}

/// Quotes a reasoning marker with a few words after it, for context.
fn quote_sentence_part(answer: &str, a: &Analysis, f: &Found) -> Option<String> {
    let sentence = a.tokens.get(f.start)?.sentence;
    let mut end = f.end;
    while end < a.tokens.len() && end < f.end + 6 && a.tokens[end].sentence == sentence {
        end += 1;
    }
    quote(answer, a, f.start, end)
}
