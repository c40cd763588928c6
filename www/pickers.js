// The rubric pickers: the question select of the one-answer view (bundled and custom rubric
// questions grouped by role, or "my own question"), the rubric select of the transcript view, the
// note under the question, and which rubric the export buttons act on.

import { $, el, field } from "./dom.js";
import { state } from "./state.js";

/** @typedef {import("./pkg/rubricate.js").Scorer} Scorer */
/** @typedef {import("./pkg/rubricate.js").RubricSummary} RubricSummary */
/** @typedef {import("./pkg/rubricate.js").QuestionSummary} QuestionSummary */

/**
 * The rubric and question a picker value (`rubric-id/question-id`) names, if both exist.
 * @param {string} value
 * @returns {{ rubric: RubricSummary, question: QuestionSummary } | null}
 */
export function questionById(value) {
  const [rid, qid] = value.split("/");
  const rubric = state.rubricList.find((r) => r.id === rid);
  const question = rubric?.questions.find((q) => q.id === qid);
  return rubric && question ? { rubric, question } : null;
}

/** The picked rubric question, or null for "my own question". */
export function pickedQuestion() {
  const value = field("question-pick").value;
  return value ? questionById(value) : null;
}

/** The rubric of the picked question, if one is picked. */
export function selectedRubric() {
  return pickedQuestion()?.rubric ?? null;
}

/**
 * Lists every rubric of `scorer` in both pickers and picks `select` (a `rubric-id/question-id`, or
 * "" for an own question) if given.
 * @param {Scorer} scorer
 * @param {string} [select]
 */
export function fillPickers(scorer, select) {
  state.rubricList = scorer.rubrics();
  const pick = $("question-pick", HTMLSelectElement);
  const previous = pick.value;
  /** @type {Map<string, RubricSummary[]>} */
  const byRole = new Map();
  for (const r of state.rubricList) {
    let list = byRole.get(r.role);
    if (!list) byRole.set(r.role, (list = []));
    list.push(r);
  }
  const groups = [];
  for (const [role, rubrics] of byRole) {
    const group = el("optgroup");
    group.label = role;
    for (const r of rubrics) {
      for (const q of r.questions) {
        const option = el("option", "", rubrics.length > 1 ? `${r.title}: ${q.text}` : q.text);
        option.value = `${r.id}/${q.id}`;
        group.append(option);
      }
    }
    groups.push(group);
  }
  const own = el("option", "", "My own question…");
  own.value = "";
  pick.replaceChildren(own, ...groups);
  // The question asked for, else the one already chosen, else the first bundled one.
  const first = state.rubricList.find((r) => r.questions.length);
  let value = first ? `${first.id}/${first.questions[0].id}` : "";
  if (select !== undefined) value = select;
  else if (previous && questionById(previous)) value = previous;
  else if (previous === "" && pick.dataset.touched) value = "";
  pick.value = value;

  const tr = $("transcript-rubric", HTMLSelectElement);
  const current = tr.value;
  const auto = el("option", "", "The best-matching rubric question");
  auto.value = "";
  tr.replaceChildren(
    auto,
    ...state.rubricList.map((r) => {
      const o = el("option", "", `${r.title} (${r.role})`);
      o.value = r.id;
      return o;
    }),
  );
  tr.value = state.rubricList.some((r) => r.id === current) ? current : "";
  showQuestion();
}

/** Shows the picked question (or the own-question fields) and what it is graded against. */
export function showQuestion() {
  const found = pickedQuestion();
  $("own-fields").hidden = Boolean(found);
  $("question-text").textContent = found ? found.question.text : "";
  $("question-text").hidden = !found;
  updateExports();
  $("rubric-note").textContent = found
    ? `${found.rubric.title} rubric, version ${found.rubric.version} · ${found.question.kind} question`
    : state.rubricList.length
      ? "Graded against your model answer if you give one, otherwise against the closest bundled rubric question."
      : "";
}

/** The export buttons act on the picked question's rubric: disabled without one. */
function updateExports() {
  const rubric = selectedRubric();
  for (const id of ["export-canvas", "export-prometheus", "export-rubricate"]) $(id, HTMLButtonElement).disabled = !rubric;
  $("rubric-export-name").textContent = rubric ? ` (“${rubric.title}”)` : " (pick a rubric question first)";
}
