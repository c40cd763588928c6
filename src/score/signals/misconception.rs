//! Common wrong claims a rubric question lists (`misconceptions` in the rubric format): where an
//! answer states one, which talking point it contradicts. A wording is stated when its content
//! stems appear in order within one clause of a usable sentence, close together, and the clause's
//! negation agrees with the wording's ("RTO is not the data you can lose" does not state "RTO is
//! the data you can lose"; "never test the failover" states itself only where it is negated).

use super::contradiction::Clauses;
use super::Context;
use crate::text::hash::FastSet;

/// How many tokens a misconception wording may spread over beyond its own number of content
/// words (function words and a qualifier between them: "RTO is *basically the amount of* data").
/// Hand-set with the misconceptions format (0.7.0): wide enough for the function words of a
/// spoken clause, narrow enough that the words belong to one statement; the clause bound does
/// the rest.
const SLACK: usize = 5;

/// A misconception stated in the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct MisconceptionHit {
    /// Index in the target's misconceptions.
    pub index: usize,
    /// Index of the talking point it contradicts.
    pub point: usize,
    /// Token span of the wording found (end exclusive).
    pub start: usize,
    pub end: usize,
}

/// Every misconception of the target the answer states (the first wording found of each), in
/// the target's order.
pub(super) fn find(cx: &Context<'_>, clauses: &Clauses) -> Vec<MisconceptionHit> {
    let toks = cx.toks;
    let mut hits = Vec::new();
    if cx.target.misconceptions.is_empty() {
        return hits;
    }
    // The content stems said: a wording whose first stem is not among them is not looked for.
    let said: FastSet<&str> = cx.content_tokens.iter().map(|&i| toks[i].stem.as_str()).collect();
    for (index, m) in cx.target.misconceptions.iter().enumerate() {
        let found = m.phrases.iter().find_map(|(stems, negated)| {
            if !stems.first().is_some_and(|first| said.contains(first.as_str())) {
                return None;
            }
            cx.content_tokens.iter().find_map(|&start| {
                let end = span_from(cx, clauses, stems, start)?;
                let clause_negated = clauses.negated.get(start).copied().unwrap_or(false);
                let states = if *negated { clause_negated } else { !clause_negated && !rejects(cx, clauses, start) };
                states.then_some((start, end))
            })
        });
        if let Some((start, end)) = found {
            hits.push(MisconceptionHit { index, point: m.point, start, end: end.min(toks.len()) });
        }
    }
    hits
}

/// Words with which a speaker sets a claim aside rather than making it ("*rather than* alerting on
/// high CPU, …", "*instead of* sticky sessions", "*unlike* …", "the *myth* that …"): a clause holding
/// one does not state a misconception worded without a negation. (Set with misconceptions, 0.7.0,
/// from the ways the model answers and strong examples mention a wrong idea to reject it; "avoid" and
/// "mistake" were tried and left out: bundled wrong claims use them as content, "run the tests one
/// by one to avoid interference".)
static REJECTION_WORDS: crate::text::WordList = crate::text::WordList::new("instead rather unlike myth misconception");

/// Whether the clause of token `at` carries one of the [`REJECTION_WORDS`].
fn rejects(cx: &Context<'_>, clauses: &Clauses, at: usize) -> bool {
    let Some(&clause) = clauses.clause.get(at) else { return false };
    let from = clauses.clause.partition_point(|&c| c < clause);
    let to = clauses.clause.partition_point(|&c| c <= clause).min(cx.toks.len());
    cx.toks[from..to].iter().any(|t| REJECTION_WORDS.contains(&t.lower))
}

/// The end of a match of `stems` (in order) starting at content token `start`, within its clause
/// and within `stems.len() + SLACK` tokens; `None` if there is none.
fn span_from(cx: &Context<'_>, clauses: &Clauses, stems: &[String], start: usize) -> Option<usize> {
    let toks = cx.toks;
    let (first, rest) = stems.split_first()?;
    if toks.get(start)?.stem.as_str() != first.as_str() {
        return None;
    }
    let clause = clauses.clause.get(start).copied()?;
    let limit = (start + stems.len() + SLACK).min(toks.len());
    let mut at = start + 1;
    for stem in rest {
        let next = (at..limit).find(|&i| {
            clauses.clause.get(i) == Some(&clause) && cx.usable(i) && toks[i].stem.as_str() == stem.as_str()
        })?;
        at = next + 1;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use crate::score::signals::testing::measure_on;
    use crate::score::Target;

    /// A rubric question with one misconception per kind of wording.
    fn target() -> Target {
        let json = r#"{"id": "dr", "title": "DR", "version": "1.0.0", "role": "SRE", "questions": [{
            "id": "rto-rpo", "text": "What are RTO and RPO?", "kind": "technical",
            "reference": "RTO is how long you may be down; RPO is how much data you may lose.",
            "criteria": [{"id": "content", "name": "Content", "weight": 1, "signals": ["coverage"],
              "descriptors": {"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"}}],
            "points": [
              {"id": "rto", "text": "RTO is the time to restore service", "phrases": ["recovery time objective"], "weight": 2},
              {"id": "drills", "text": "Test the failover regularly", "phrases": ["failover drill", "test the failover"], "weight": 1}
            ],
            "misconceptions": [
              {"id": "rto-data", "claim": "RTO is the data you can lose", "phrases": ["rto data lose", "rto amount of data"],
               "contradicts": "rto", "correction": "RTO is how long you may be down; RPO is the data you may lose."},
              {"id": "no-drills", "claim": "Failover should never be tested", "phrases": ["never test failover"],
               "contradicts": "drills", "correction": "Untested failover fails when it is needed; rehearse it."}
            ]}]}"#;
        let rubric = crate::rubric::parse_and_validate(json).unwrap_or_else(|e| panic!("test rubric: {e:?}"));
        Target::from_rubric(&rubric, &rubric.questions[0], crate::score::Selection::Named, None)
    }

    fn stated(answer: &str) -> Vec<usize> {
        measure_on(answer, &target()).misconceptions.iter().map(|h| h.index).collect()
    }

    #[test]
    fn a_wording_is_stated_in_order_within_one_clause() {
        assert_eq!(stated("The RTO is basically the amount of data we could lose."), vec![0]);
        assert_eq!(stated("Honestly RTO is data you lose in the outage."), vec![0]);
        // The words spread over two clauses, or out of order, state nothing.
        assert!(stated("RTO is how long we are down, while RPO is the data we lose.").is_empty());
        assert!(stated("You lose data past the RPO; the RTO is about time.").is_empty());
    }

    #[test]
    fn a_claim_set_aside_is_not_stated() {
        assert!(stated("Rather than treating RTO as the data we lose, we measure it as downtime.").is_empty());
        assert!(stated("It is a myth that the RTO is the amount of data you lose.").is_empty());
        assert_eq!(stated("In our plan the RTO is the amount of data we lose."), vec![0]);
    }

    #[test]
    fn negation_must_agree_with_the_wording() {
        assert!(stated("RTO is not the amount of data you lose.").is_empty());
        assert_eq!(stated("We never test the failover because it is risky."), vec![1]);
        assert!(stated("We test the failover every quarter.").is_empty());
    }

    #[test]
    fn a_stated_misconception_costs_its_point() {
        let t = target();
        let right = measure_on("The recovery time objective is how long we can be down.", &t);
        let wrong = measure_on("The RTO is the amount of data we lose.", &t);
        assert!(right.points[0].credit > 0.0 && !right.points[0].negated);
        assert_eq!(wrong.points[0].credit, 0.0);
        assert!(wrong.points[0].negated);
        assert!(wrong.coverage_raw < right.coverage_raw);
    }
}
