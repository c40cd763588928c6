// The one-answer view: grades the answer as it is typed (debounced) against the picked rubric
// question, or against the user's own question and model answer, and shows the result: score
// gauge, flags, justification, the answer with its evidence, talking points and wrong claims,
// signals, basis.

import { accurateEvidence } from "./accurate.js";
import { $, countWords, debounce, download, el, field, humanize, message } from "./dom.js";
import { ready, withRubrics } from "./engine.js";
import { BASIS, INVERSE_SIGNALS } from "./labels.js";
import { pickedQuestion, showQuestion } from "./pickers.js";
import { fillList, flagBadges, renderHighlighted, wrongClaimItems } from "./render.js";
import { state } from "./state.js";

/** @typedef {import("./pkg/rubricate.js").ScoreInput} ScoreInput */
/** @typedef {import("./pkg/rubricate.js").ScoredAnswer} ScoredAnswer */
/** @typedef {import("./pkg/accurate.js").AccurateResult} AccurateResult */
/**
 * A request, with accurate mode's evidence when it is on and a model answer is given.
 * @typedef {ScoreInput & { answer: string, accurate?: AccurateResult }} Request
 */

const SCORE_DEBOUNCE_MS = 150;

/** Counts grading runs, so that an older run finishing late does not overwrite a newer one. */
let scoreRun = 0;

/**
 * What to grade, from the form.
 * @returns {Request}
 */
function scoreRequest() {
  const answer = field("answer").value;
  const found = pickedQuestion();
  if (found) {
    return { question: found.question.text, answer, rubric: `${found.rubric.id}/${found.question.id}` };
  }
  /** @type {ScoreInput} */
  const req = { question: field("own-question").value, answer };
  const reference = field("reference").value;
  if (reference.trim()) req.reference = reference;
  return req;
}

/** Grades the answer in the form now and shows the result (or why there is none). */
export async function scoreNow() {
  const run = ++scoreRun;
  const req = scoreRequest();
  $("answer-count").textContent = countWords(req.answer);
  if (!req.answer.trim()) {
    state.lastScored = null;
    $("result-body").hidden = true;
    $("score-error").hidden = true;
    $("score-live").textContent = "Type or paste an answer to see its score.";
    return;
  }
  const accurate = await accurateEvidence(req.answer, req.reference);
  if (run !== scoreRun) return; // a newer edit is being graded
  if (accurate) req.accurate = accurate;
  let result;
  try {
    const scorer = await ready;
    result = await withRubrics(() => scorer.score(req));
    if (run !== scoreRun) return; // a newer edit was graded while a rubric pack loaded
  } catch (err) {
    if (run !== scoreRun) return;
    state.lastScored = null;
    $("result-body").hidden = true;
    $("score-error").hidden = false;
    $("score-error").textContent = `This answer could not be graded: ${message(err)}`;
    $("score-live").textContent = "No score.";
    return;
  }
  if (run !== scoreRun) return; // a newer edit is being graded
  state.lastScored = { request: req, result };
  showResult(req.answer, result);
}

/**
 * @param {string} answer
 * @param {ScoredAnswer} r
 */
function showResult(answer, r) {
  $("score-error").hidden = true;
  $("result-body").hidden = false;
  const score = Number(r.score);
  $("score-value").textContent = score.toFixed(1);
  $("grade").textContent = `Grade ${r.grade} of 5`;
  const gauge = $("gauge", SVGElement);
  gauge.setAttribute("class", `gauge grade-${Math.max(0, Math.min(5, r.grade | 0))}`);
  $("gauge-value", SVGElement).setAttribute("stroke-dasharray", `${Math.max(0, Math.min(100, (score / 5) * 100)).toFixed(1)} 100`);
  $("score-live").textContent = `Score ${score.toFixed(1)} out of 5, grade ${r.grade}.${r.struggled ? " The candidate struggled." : ""}`;
  // `mode` is "accurate" when the engine used accurate mode's evidence, else "default".
  const mode = /** @type {{ mode?: string }} */ (r).mode === "accurate" ? "accurate" : "default";
  $("mode-badge").dataset.mode = mode;
  $("mode-badge").textContent = mode === "accurate" ? "Accurate mode" : "Default mode";
  $("flags").replaceChildren(...flagBadges(r));
  $("justification").textContent = r.justification;
  $("next-step").hidden = !r.next_step;
  $("next-step-text").textContent = r.next_step ?? "";
  const wrong = r.misconceptions ?? [];
  renderHighlighted($("evidence-view"), answer, r.evidence, wrong);
  fillList($("covered"), r.covered ?? [], "None of the rubric’s points yet.");
  fillList($("missing"), r.missing ?? [], "Nothing missing.");
  $("wrong-claims").replaceChildren(...wrongClaimItems(wrong));
  $("wrong-claims-block").hidden = !wrong.length;
  $("points").hidden = !(r.covered?.length || r.missing?.length || wrong.length); // graded on the question alone
  $("signals").replaceChildren(...signalRows(r.signals ?? {}));
  $("basis").textContent = basisNote(r);
}

/** "Graded against … by rubricate 0.4.0." @param {ScoredAnswer} r */
function basisNote(r) {
  const against =
    r.basis === BASIS.rubric && r.rubric
      ? `the rubric ${r.rubric.id} ${r.rubric.version}${r.rubric.question ? ` (question ${r.rubric.question})` : ""}`
      : r.basis === BASIS.reference
        ? "your model answer"
        : "the question alone";
  return `Graded against ${against} by ${r.engine}.`;
}

/**
 * One row per signal: its name, a bar and a percentage (inverse signals: lower is better).
 * @param {Record<string, number>} signals
 */
function signalRows(signals) {
  return Object.entries(signals).map(([name, value]) => {
    const v = Math.max(0, Math.min(1, Number(value) || 0));
    const inverse = INVERSE_SIGNALS.has(name);
    const li = el("li", inverse ? "signal inverse" : "signal");
    const label = el("span", "signal-name", humanize(name));
    if (inverse) {
      label.title = "Lower is better";
      label.append(el("span", "visually-hidden", " (lower is better)"));
    }
    const bar = el("span", "bar");
    bar.setAttribute("aria-hidden", "true");
    const fill = el("span", "bar-fill");
    fill.style.width = `${(v * 100).toFixed(0)}%`;
    bar.append(fill);
    li.append(label, bar, el("span", "signal-value", `${Math.round(v * 100)}%`));
    return li;
  });
}

/** Wires the one-answer view: grading as the user types, the question picker, the JSON download. */
export function wireSingle() {
  const scoreSoon = debounce(scoreNow, SCORE_DEBOUNCE_MS);
  for (const id of ["answer", "own-question", "reference"]) $(id).addEventListener("input", scoreSoon);
  const pick = $("question-pick", HTMLSelectElement);
  pick.addEventListener("change", () => {
    pick.dataset.touched = "1";
    showQuestion();
    scoreNow();
  });
  $("export-answer-json").addEventListener("click", () => {
    const last = state.lastScored;
    if (last) download("rubricate-answer.json", `${JSON.stringify({ ...last.request, result: last.result }, null, 2)}\n`, "application/json");
  });
}
