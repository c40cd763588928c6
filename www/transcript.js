// The transcript view: a whole interview pasted, typed or dropped as a file, graded in the
// transcript worker (engine.js) and shown as one card per candidate (overall score and
// recommendation, a chart of the scores, every question with its evidence, the HR report), with
// Markdown and JSON downloads and a print layout.

import { $, debounce, download, el, field, message, svg, titleCase } from "./dom.js";
import { ready, reportTranscript } from "./engine.js";
import { fillList, flagBadges, renderHighlighted, wrongClaimItems } from "./render.js";
import { state } from "./state.js";
import { NOT_GRADED } from "./labels.js";

/** Whether a question was left out of grading (small talk, logistics, the closing). @param {QuestionReport} q */
const notGraded = (q) => q.flags.includes(NOT_GRADED);

/** @typedef {import("./pkg/rubricate.js").Report} Report */
/** @typedef {import("./pkg/rubricate.js").ReportOptions} ReportOptions */
/** @typedef {import("./pkg/rubricate.js").CandidateReport} CandidateReport */
/** @typedef {import("./pkg/rubricate.js").QuestionReport} QuestionReport */
/** @typedef {import("./pkg/rubricate.js").HrReport} HrReport */

const TRANSCRIPT_DEBOUNCE_MS = 400;
const MAX_FILE_BYTES = 1 << 20; // the engine's own input limit (MAX_INPUT_BYTES)

/** Counts grading runs, so that an older run finishing late does not overwrite a newer one. */
let reportRun = 0;

/** Grades the transcript in the text box and shows the report (or why there is none). */
export async function evaluateTranscript() {
  const text = field("transcript-text").value;
  const status = $("transcript-status");
  const run = ++reportRun;
  if (!text.trim()) {
    status.textContent = "";
    $("report").hidden = true;
    state.lastReport = null;
    return;
  }
  status.classList.remove("error");
  status.textContent = "Grading…";
  /** @type {ReportOptions} */
  const opts = {};
  const rubric = field("transcript-rubric").value;
  if (rubric) opts.rubric = rubric;
  try {
    const started = performance.now();
    const report = await reportTranscript(text, opts);
    if (run !== reportRun) return;
    state.lastReport = report;
    showReport(report);
    const n = report.candidates.reduce((sum, c) => sum + c.questions.length, 0);
    status.textContent = `Graded ${n} answer${n === 1 ? "" : "s"} from ${report.candidates.length} candidate${report.candidates.length === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms.`;
  } catch (err) {
    if (run !== reportRun) return;
    state.lastReport = null;
    $("report").hidden = true;
    status.classList.add("error");
    status.textContent = `This transcript could not be graded: ${message(err)}`;
  }
}

/** @param {Report} report */
function showReport(report) {
  $("candidates").replaceChildren(...report.candidates.map(candidateCard));
  $("report").hidden = false;
}

/**
 * @param {CandidateReport} c
 * @param {number} index
 */
function candidateCard(c, index) {
  const card = el("article", "candidate panel");
  const headingId = `candidate-${index}`;
  card.setAttribute("aria-labelledby", headingId);
  const head = el("header", "candidate-head");
  const title = el("h2", "", c.name ?? `Candidate ${index + 1}`);
  title.id = headingId;
  const who = el("div");
  who.append(title);
  if (c.position) who.append(el("p", "position", c.position));
  const overall = el("div", "overall");
  overall.append(
    el("span", "overall-score", Number(c.overall.score).toFixed(1)),
    el("span", "out-of", " / 5 overall"),
    el("span", `recommendation rec-${c.overall.recommendation}`, titleCase(c.overall.recommendation)),
  );
  head.append(who, overall);
  card.append(head, scoreChart(c.questions.filter((q) => !notGraded(q)), headingId));

  card.append(el("h3", "", "Evaluation"));
  const list = el("ol", "question-cards");
  list.append(...c.questions.map(questionCard));
  card.append(list);

  card.append(el("h3", "", "HR report"), hrReport(c.hr));
  return card;
}

/**
 * A horizontal-axis bar chart of the score of every question, as SVG with a text alternative.
 * @param {QuestionReport[]} questions
 * @param {string} headingId
 */
function scoreChart(questions, headingId) {
  const figure = el("figure", "chart");
  const left = 28;
  const top = 14;
  const h = 120;
  const slot = 56; // per question; the chart is drawn at its natural width, and shrinks to fit
  const barW = 32;
  const width = Math.max(240, left + questions.length * slot + 8);
  const height = top + h + 24;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "score-chart" });
  chart.style.maxWidth = `${width}px`;
  const titleId = `${headingId}-chart`;
  chart.setAttribute("aria-labelledby", titleId);
  chart.append(svg("title", { id: titleId }, `Scores by question: ${questions.map((q) => `Q${q.number} ${Number(q.score).toFixed(1)}`).join(", ")}`));
  for (let s = 0; s <= 5; s++) {
    const y = top + h - (s / 5) * h;
    chart.append(svg("line", { x1: left - 4, x2: width, y1: y, y2: y, class: "grid-line" }));
    chart.append(svg("text", { x: left - 8, y: y + 4, class: "axis-label", "text-anchor": "end" }, s));
  }
  questions.forEach((q, i) => {
    const score = Math.max(0, Math.min(5, Number(q.score) || 0));
    const bh = Math.max(1, (score / 5) * h);
    const x = left + i * slot + (slot - barW) / 2;
    chart.append(svg("rect", { x, y: top + h - bh, width: barW, height: bh, rx: 3, class: `bar-rect grade-${q.grade}` }));
    chart.append(svg("text", { x: x + barW / 2, y: top + h - bh - 3, class: "bar-value", "text-anchor": "middle" }, score.toFixed(1)));
    chart.append(svg("text", { x: x + barW / 2, y: top + h + 16, class: "axis-label", "text-anchor": "middle" }, `Q${q.number}`));
  });
  figure.append(chart, el("figcaption", "hint", "Score of each answer, 0 to 5."));
  return figure;
}

/** @param {QuestionReport} q */
function questionCard(q) {
  const li = el("li", "question-card");
  const head = el("div", "question-head");
  const scoreText = notGraded(q) ? "not graded" : `${Number(q.score).toFixed(1)} / 5`;
  head.append(el("span", "q-number", `Q${q.number}`), el("span", "kind", q.kind), el("span", `q-score grade-${notGraded(q) ? "none" : q.grade}`, scoreText));
  li.append(head, el("p", "q-text", q.question));
  const flags = el("ul", "flags");
  flags.setAttribute("aria-label", "Flags");
  flags.append(...flagBadges(q));
  if (flags.childElementCount) li.append(flags);
  li.append(el("p", "justification", q.justification));
  if (q.next_step) {
    const next = el("p", "next-step");
    next.append(el("strong", "", "Next step:"), document.createTextNode(` ${q.next_step}`));
    li.append(next);
  }
  const wrong = q.misconceptions ?? [];
  const details = el("details");
  details.append(el("summary", "", wrong.length ? "Answer, evidence, talking points and wrong claims" : "Answer, evidence and talking points"));
  const view = el("div", "answer-view");
  // It scrolls when long: focusable, so that keyboard users can scroll it too.
  view.tabIndex = 0;
  view.setAttribute("role", "region");
  view.setAttribute("aria-label", `Answer to question ${q.number}, with evidence`);
  renderHighlighted(view, q.answer, q.evidence, wrong);
  const points = el("div", "points");
  const covered = el("ul", "point-list covered");
  const missing = el("ul", "point-list missing");
  fillList(covered, q.covered ?? [], "None.");
  fillList(missing, q.missing ?? [], "Nothing missing.");
  const cov = el("div");
  cov.append(el("h4", "", "Covered"), covered);
  const mis = el("div");
  mis.append(el("h4", "", "Missing"), missing);
  points.append(cov, mis);
  if (wrong.length) {
    const block = el("div", "wrong-claims-block");
    const list = el("ul", "wrong-claims");
    list.append(...wrongClaimItems(wrong));
    block.append(el("h4", "", "Wrong claims"), list);
    points.append(block);
  }
  details.append(view);
  if (q.covered?.length || q.missing?.length || wrong.length) details.append(points);
  li.append(details);
  return li;
}

/** @param {HrReport} hr */
function hrReport(hr) {
  const dl = el("dl", "hr");
  /** @param {string} term @param {string | string[]} value */
  const add = (term, value) => {
    dl.append(el("dt", "", term));
    if (Array.isArray(value)) {
      const dd = el("dd");
      const ul = el("ul", term === "Skills" ? "tags" : "");
      ul.append(...(value.length ? value.map((v) => el("li", "", v)) : [el("li", "empty", "None noted.")]));
      dd.append(ul);
      dl.append(dd);
    } else {
      dl.append(el("dd", "", value));
    }
  };
  add("Suitability", hr.suitability);
  add("Strengths", hr.strengths);
  add("Gaps", hr.gaps);
  add("Skills", hr.skills);
  add("Communication", hr.communication);
  add("Recommendation", hr.recommendation);
  return dl;
}

/** Reads a transcript file into the text box and grades it. @param {File | undefined} file */
async function loadTranscriptFile(file) {
  const status = $("transcript-status");
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    status.classList.add("error");
    status.textContent = `${file.name} is too large (${file.size} bytes; the limit is 1 MiB).`;
    return;
  }
  field("transcript-text").value = await file.text();
  evaluateTranscript();
}

/** Wires the transcript view: typing, the rubric select, files (chosen or dropped), downloads, print. */
export function wireTranscript() {
  const evaluateSoon = debounce(evaluateTranscript, TRANSCRIPT_DEBOUNCE_MS);
  $("transcript-text").addEventListener("input", evaluateSoon);
  $("transcript-rubric").addEventListener("change", evaluateTranscript);
  $("evaluate").addEventListener("click", evaluateTranscript);
  const input = $("transcript-file", HTMLInputElement);
  $("transcript-choose").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    loadTranscriptFile(input.files?.[0]);
    input.value = "";
  });
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    loadTranscriptFile(e.dataTransfer?.files?.[0]);
  });

  $("export-json").addEventListener("click", () => {
    if (state.lastReport) download("rubricate-report.json", `${JSON.stringify(state.lastReport, null, 2)}\n`, "application/json");
  });
  $("export-md").addEventListener("click", async () => {
    const report = state.lastReport;
    if (!report) return;
    try {
      download("rubricate-report.md", (await ready).render(report, "md"), "text/markdown");
    } catch (err) {
      $("transcript-status").textContent = `Could not write Markdown: ${message(err)}`;
    }
  });
  $("print").addEventListener("click", () => window.print());

  // Printed reports show every answer: open the collapsed ones for the printout only.
  /** @type {HTMLDetailsElement[]} */
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")].filter((d) => d instanceof HTMLDetailsElement);
    for (const d of opened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}
