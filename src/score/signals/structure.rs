//! Structure: for behavioural questions, the STAR elements found (situation, task, action, result —
//! an own action and a measurement from [`super::specificity`] can stand for the last two); for other
//! questions, organisation — enough on-topic sentences and ordering markers ("first", "then").

use super::topic::Topic;
use super::{found, Context, Found};
use crate::text::{lexicon, phrases::PhraseSet};
use crate::transcript::QuestionKind;

/// Non-behavioural: on-topic sentences for full credit on length of organisation. (Hand-set in the
/// first scoring engine, commit 977d3b5; no tuning is recorded. Checked by `make accuracy`.)
const ORGANISED_SENTENCES: f64 = 4.0;
/// Non-behavioural: weight of the sentence count (the rest, [`SEQUENCING_WEIGHT`], is sequencing).
const SENTENCES_WEIGHT: f64 = 0.55;
/// Non-behavioural: ordering markers for full credit on sequencing (hand-set in the first engine).
const ORGANISED_MARKERS: f64 = 2.0;
/// Non-behavioural: weight of the ordering markers (`SENTENCES_WEIGHT + SEQUENCING_WEIGHT = 1`).
const SEQUENCING_WEIGHT: f64 = 0.45;

/// The structure signal and, for a behavioural question, the STAR elements found.
/// `specifics` are those of [`super::specificity`] (own actions and measurements stand for the
/// action and, when no result phrase is found, the result).
pub(super) fn structure(cx: &Context<'_>, topic: &Topic, specifics: &[Found]) -> (f64, Vec<Found>) {
    let (toks, keys) = (cx.toks, &cx.keys);
    if cx.target.kind == QuestionKind::Behavioral {
        let first = |set: &PhraseSet, label: &str| -> Option<Found> {
            set.find_keyed(toks, keys).into_iter().find(|h| topic.has(h.start)).map(|h| found(h, label))
        };
        let situation = first(lexicon::star_situation(), "STAR: situation");
        let task = first(lexicon::star_task(), "STAR: task");
        let action = specifics
            .iter()
            .find(|f| f.label == "specific: own action")
            .map(|f| Found { label: "STAR: action".into(), ..f.clone() });
        let result = first(lexicon::star_result(), "STAR: result").or_else(|| {
            specifics
                .iter()
                .find(|f| f.label == "specific: measurement")
                .map(|f| Found { label: "STAR: result".into(), ..f.clone() })
        });
        let parts = [situation, task, action, result];
        let structure = parts.iter().filter(|p| p.is_some()).count() as f64 / parts.len() as f64;
        (structure, parts.into_iter().flatten().collect())
    } else {
        let seq =
            lexicon::sequencing().find_keyed(toks, keys).into_iter().filter(|h| topic.has(h.start)).count() as f64;
        let sentences = topic.count as f64;
        let structure = (SENTENCES_WEIGHT * (sentences / ORGANISED_SENTENCES).min(1.0)
            + SEQUENCING_WEIGHT * (seq / ORGANISED_MARKERS).min(1.0))
        .min(1.0);
        (structure, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{measure_on, rubric_target};
    use super::*;
    use crate::score::Target;

    #[test]
    fn a_full_star_story_has_all_four_parts() {
        let t = rubric_target("handover");
        assert_eq!(t.kind, QuestionKind::Behavioral);
        let m = measure_on(
            "At my last job we had a memory leak in the search service at the end of a long shift. \
             My task was to hand it over to the next engineer. I wrote a handover note with what we had \
             ruled out and walked her through the dashboards. In the end she fixed the leak the next morning.",
            &t,
        );
        let labels: Vec<&str> = m.star.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["STAR: situation", "STAR: task", "STAR: action", "STAR: result"]);
        assert_eq!(m.structure, 1.0);
    }

    #[test]
    fn a_story_without_a_situation_or_task_is_half_structured() {
        let t = rubric_target("handover");
        let m = measure_on("I wrote a handover note for the next engineer and she fixed the leak.", &t);
        assert_eq!(m.structure, 0.5, "{:?}", m.star);
    }

    #[test]
    fn an_ordered_technical_answer_scores_organisation() {
        let t = Target::from_question("How do you roll out a schema change safely?", QuestionKind::Technical);
        let one = measure_on("Add the column as nullable.", &t);
        let ordered = measure_on(
            "First, add the new column as nullable. Then deploy code that writes both columns. \
             Next, backfill the old rows in batches. Finally, switch reads over and drop the old column.",
            &t,
        );
        assert!(one.star.is_empty());
        assert!((one.structure - SENTENCES_WEIGHT / ORGANISED_SENTENCES).abs() < 1e-12, "{}", one.structure);
        assert_eq!(ordered.structure, 1.0);
    }
}
