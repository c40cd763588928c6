// Rubrics of the user's own: a rubric file imported in any of three formats (Rubricate, Canvas LMS,
// Prometheus), the picked rubric exported in any of them, and a rubric drafted from the user's
// model answer; with the messages about each (problems with their JSON paths, warnings).

import { $, download, el, field, message, plural } from "./dom.js";
import { fullRubric, ready, rememberRubric, rubricTools } from "./engine.js";
import { AUTO_FORMAT, NATIVE_FORMAT, RUBRIC_FORMATS } from "./labels.js";
import { fillPickers, selectedRubric } from "./pickers.js";
import { scoreNow } from "./single.js";
import { state } from "./state.js";

/** @typedef {import("./pkg/rubricate.js").RubricProblem} RubricProblem */
/** @typedef {import("./pkg/rubricate_tools.js").RubricFormatName} RubricFormatName */

const MAX_RUBRIC_BYTES = 4 << 20; // four times the engine's input limit (MAX_INPUT_BYTES)

/**
 * The name the page shows for a format.
 * @param {string} format
 * @returns {string}
 */
function formatLabel(format) {
  return Object.hasOwn(RUBRIC_FORMATS, format) ? RUBRIC_FORMATS[/** @type {RubricFormatName} */ (format)] : format;
}

/**
 * List items for problems ({path, problem}): each path as code and the problem as text.
 * @param {RubricProblem[]} problems
 */
function problemItems(problems) {
  return problems.map((p) => {
    const li = el("li");
    li.append(el("code", "path", p.path), document.createTextNode(` ${p.problem}`));
    return li;
  });
}

/** The problems a RubricError carries, or none. @param {unknown} err @returns {RubricProblem[]} */
function problemsOf(err) {
  const problems = /** @type {{ problems?: unknown } | null} */ (err)?.problems;
  return Array.isArray(problems) ? problems : [];
}

function clearRubricMessages() {
  $("rubric-loaded").textContent = "";
  $("rubric-errors").hidden = true;
  $("rubric-errors-list").replaceChildren();
  $("rubric-warnings").hidden = true;
  $("rubric-warnings-list").replaceChildren();
}

/**
 * Shows an error thrown by the engine in place: every problem with its JSON path when it has them.
 * @param {string} title
 * @param {unknown} err
 */
function showRubricErrors(title, err) {
  const problems = problemsOf(err);
  $("rubric-errors-title").textContent = problems.length ? `${title}: ${plural(problems.length, "problem")}.` : `${title}.`;
  $("rubric-errors-list").replaceChildren(...(problems.length ? problemItems(problems) : [el("li", "", message(err))]));
  $("rubric-errors").hidden = false;
}

/**
 * @param {string} name
 * @param {RubricProblem[]} [warnings]
 */
function showRubricWarnings(name, warnings = []) {
  if (!warnings.length) return;
  $("rubric-warnings-title").textContent = `${name} loaded with ${plural(warnings.length, "warning")}:`;
  $("rubric-warnings-list").replaceChildren(...problemItems(warnings));
  $("rubric-warnings").hidden = false;
}

/**
 * Imports a rubric file in the chosen format (or the detected one), loads it and picks its first
 * question.
 * @param {File} file
 */
async function loadRubricFile(file) {
  clearRubricMessages();
  const format = field("rubric-format").value || AUTO_FORMAT;
  try {
    if (file.size > MAX_RUBRIC_BYTES) throw new Error(`${file.name} is too large (${file.size} bytes)`);
    const text = await file.text();
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const imported = tools.importRubric(text, /** @type {import("./pkg/rubricate_tools.js").RubricFormatIn} */ (format));
    const summary = { ...scorer.addRubric(imported.json), format: imported.format, warnings: imported.warnings };
    rememberRubric(imported.json);
    const first = summary.questions[0];
    fillPickers(scorer, first ? `${summary.id}/${first.id}` : undefined);
    const from = summary.format === NATIVE_FORMAT ? "" : ` (${formatLabel(summary.format)} format)`;
    $("rubric-loaded").textContent = `Loaded “${summary.title}” (${plural(summary.questions.length, "question")}) from ${file.name}${from}.`;
    showRubricWarnings(file.name, summary.warnings);
    scoreNow();
  } catch (err) {
    const what = format === AUTO_FORMAT ? "rubric" : `${formatLabel(format)} rubric`;
    showRubricErrors(problemsOf(err).length ? `${file.name} is not a valid ${what}` : `${file.name} could not be loaded`, err);
  }
}

/**
 * Downloads the picked question's rubric in `format`.
 * @param {RubricFormatName} format
 */
async function exportSelected(format) {
  const rubric = selectedRubric();
  const status = $("rubric-export-status");
  status.classList.remove("error");
  if (!rubric) return;
  try {
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const text = tools.exportRubric(JSON.stringify(await fullRubric(scorer, rubric.id)), format);
    download(`${rubric.id}.${format}.json`, `${text}\n`, "application/json");
    status.textContent = `Downloaded ${rubric.id}.${format}.json (${RUBRIC_FORMATS[format]}).`;
  } catch (err) {
    status.classList.add("error");
    status.textContent = `Could not export the rubric: ${message(err)}`;
  }
}

/** Drafting needs both an own question and a model answer. */
export function updateDraftButton() {
  $("draft-rubric", HTMLButtonElement).disabled = !(field("own-question").value.trim() && field("reference").value.trim());
}

/** Drafts a rubric from the own question and model answer, loads it, picks it and lists its points. */
async function draftFromModelAnswer() {
  clearRubricMessages();
  const question = field("own-question").value;
  const reference = field("reference").value;
  try {
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const rubric = tools.draftRubric({ question, reference });
    const json = JSON.stringify(rubric);
    scorer.addRubric(json);
    rememberRubric(json);
    state.drafted = rubric;
    const q = rubric.questions[0];
    fillPickers(scorer, `${rubric.id}/${q.id}`);
    $("draft-summary").textContent = `“${rubric.title}”: ${plural(q.points.length, "talking point")} drawn from your model answer, now selected above. Review them before relying on the grade.`;
    $("draft-points").replaceChildren(
      ...q.points.map((p) => {
        const li = el("li", "", p.text);
        li.append(el("span", "weight", ` · weight ${p.weight}`));
        const others = p.phrases.filter((ph) => ph.toLowerCase() !== p.text.toLowerCase());
        if (others.length) li.append(el("span", "phrases", ` · listens for: ${others.join(", ")}`));
        return li;
      }),
    );
    $("draft-result").hidden = false;
    $("draft-heading").focus();
    scoreNow();
  } catch (err) {
    showRubricErrors("The rubric could not be drafted", err);
  }
}

/** Wires the rubric file chooser, the export buttons and drafting. */
export function wireRubricFiles() {
  for (const id of ["own-question", "reference"]) $(id).addEventListener("input", updateDraftButton);
  $("draft-rubric").addEventListener("click", draftFromModelAnswer);
  $("draft-download").addEventListener("click", () => {
    const drafted = state.drafted;
    if (drafted) download(`${drafted.id}.json`, `${JSON.stringify(drafted, null, 2)}\n`, "application/json");
  });
  /** @type {RubricFormatName[]} */
  const formats = ["canvas", "prometheus", "rubricate"];
  for (const format of formats) $(`export-${format}`).addEventListener("click", () => exportSelected(format));
  const input = $("rubric-file", HTMLInputElement);
  $("rubric-choose").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) loadRubricFile(file);
    input.value = "";
  });
}
