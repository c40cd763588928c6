// The Rubricate page: grades one answer as it is typed, or a whole transcript, with the WebAssembly
// engine in pkg/. No framework and no network: every text that came from the user is put into the
// page with textContent (never innerHTML), and evidence is highlighted by building DOM nodes from
// the UTF-16 offsets the engine returns.

import init, { Scorer } from "./pkg/rubricate.js";
import { setupEmbeddings } from "./embeddings.js";

const SCORE_DEBOUNCE_MS = 150;
const TRANSCRIPT_DEBOUNCE_MS = 400;
const MAX_FILE_BYTES = 1 << 20; // the engine's own input limit (MAX_INPUT_BYTES)
const SVG_NS = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);

/** Creates an element with an optional class and text (always as text, never parsed). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function message(err) {
  return err instanceof Error ? err.message : String(err);
}

function titleCase(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "coverage" → "Coverage", "admits-unfamiliarity" → "Admits unfamiliarity". */
function humanize(name) {
  return titleCase(String(name).replace(/[-_]+/g, " "));
}

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---- evidence highlighting -------------------------------------------------------------------

/** What an evidence span shows, from its `point`: a struggle, a signal, or a rubric talking point. */
function evidenceKind(point = "") {
  if (point.startsWith("struggle:")) return "struggle";
  if (/^(specific|reasoning|STAR|structure):/i.test(point)) return "signal";
  return "point";
}

/**
 * Fills `container` with `text`, wrapping each evidence span in a <mark>. Offsets are UTF-16 code
 * units (JavaScript string indices). Spans out of range are skipped; overlapping ones are clipped;
 * several findings on the same span share one mark (its title lists them all).
 */
function renderHighlighted(container, text, evidence = []) {
  const spans = evidence
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= text.length && e.start < e.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const nodes = [];
  let cursor = 0;
  let last = null;
  for (const e of spans) {
    if (last && e.start === last.start && e.end === last.end) {
      if (e.point) last.mark.title = last.mark.title ? `${last.mark.title}\n${e.point}` : e.point;
      continue;
    }
    const start = Math.max(e.start, cursor);
    if (start >= e.end) continue;
    if (start > cursor) nodes.push(document.createTextNode(text.slice(cursor, start)));
    const mark = el("mark", `evidence evidence-${evidenceKind(e.point)}`, text.slice(start, e.end));
    if (e.point) mark.title = e.point;
    nodes.push(mark);
    last = { start: e.start, end: e.end, mark };
    cursor = e.end;
  }
  if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
  container.replaceChildren(...nodes);
}

function fillList(list, items, empty) {
  list.replaceChildren(...(items.length ? items.map((t) => el("li", "", t)) : [el("li", "empty", empty)]));
}

function flagBadges(result) {
  const flags = [];
  if (result.insufficient) flags.push(["insufficient", "Too little to grade"]);
  if (result.struggled) flags.push(["struggled", "Struggled"]);
  for (const f of result.flags ?? []) flags.push([f, humanize(f)]);
  return flags.map(([kind, text]) => el("li", `flag flag-${kind.replace(/[^a-z0-9-]/gi, "")}`, text));
}

// ---- engine: main-thread scorer + a worker for transcripts ------------------------------------

const customRubrics = []; // JSON texts of rubrics the user loaded, replayed into the worker
let embeddingsModel = null; // bytes of the optional semantic model once loaded, sent to the worker once

/** Runs `report` in a module worker (created on first use), or on the main thread without one. */
class TranscriptRunner {
  #worker = undefined; // undefined: not started yet; null: unavailable
  #modelSent = null; // the model bytes the worker already has
  #pending = new Map();
  #next = 0;

  constructor(fallback) {
    this.fallback = fallback;
  }

  /** Starts the worker ahead of need (it compiles the module and parses the rubrics once). */
  warm() {
    if (this.#worker !== undefined) return;
    try {
      this.#worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      this.#worker.addEventListener("message", (e) => this.#settle(e.data));
      this.#worker.addEventListener("error", () => this.#fail("the grading worker stopped"));
    } catch {
      this.#worker = null; // no module workers here: grade on the main thread
    }
  }

  report(text, opts) {
    this.warm();
    if (!this.#worker) {
      return this.fallback().then((s) => s.report(text, opts));
    }
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // The model (2.8 MB) is copied to the worker once, with the first report after it loads.
      const embeddings = embeddingsModel && embeddingsModel !== this.#modelSent ? embeddingsModel : undefined;
      if (embeddings) this.#modelSent = embeddingsModel;
      this.#worker.postMessage({ id, text, opts, rubrics: customRubrics, embeddings });
    });
  }

  #settle({ id, report, error }) {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(report);
  }

  #fail(why) {
    for (const p of this.#pending.values()) p.reject(new Error(why));
    this.#pending.clear();
    this.#worker?.terminate();
    this.#worker = null;
  }
}

const ready = init().then(() => new Scorer());

/** The rubric tools (import, export, drafting) live in a second wasm module, fetched and compiled
 * the first time one of them is used, so the page starts with the smaller core module alone. */
let toolsReady = null;
function rubricTools() {
  toolsReady ??= import("./pkg/rubricate_tools.js")
    .then(async (mod) => {
      await mod.default();
      return new mod.RubricTools();
    })
    .catch((err) => {
      toolsReady = null; // let a later click try again
      throw err;
    });
  return toolsReady;
}
const transcripts = new TranscriptRunner(() => ready);

// ---- rubric pickers ---------------------------------------------------------------------------

let rubricList = [];

function questionById(value) {
  const [rid, qid] = value.split("/");
  const rubric = rubricList.find((r) => r.id === rid);
  const question = rubric?.questions.find((q) => q.id === qid);
  return rubric && question ? { rubric, question } : null;
}

function fillPickers(scorer, select) {
  rubricList = scorer.rubrics();
  const pick = $("question-pick");
  const previous = pick.value;
  const byRole = new Map();
  for (const r of rubricList) {
    if (!byRole.has(r.role)) byRole.set(r.role, []);
    byRole.get(r.role).push(r);
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
  const first = rubricList.find((r) => r.questions.length);
  let value = first ? `${first.id}/${first.questions[0].id}` : "";
  if (select !== undefined) value = select;
  else if (previous && questionById(previous)) value = previous;
  else if (previous === "" && pick.dataset.touched) value = "";
  pick.value = value;

  const tr = $("transcript-rubric");
  const current = tr.value;
  const auto = el("option", "", "The best-matching rubric question");
  auto.value = "";
  tr.replaceChildren(
    auto,
    ...rubricList.map((r) => {
      const o = el("option", "", `${r.title} (${r.role})`);
      o.value = r.id;
      return o;
    }),
  );
  tr.value = rubricList.some((r) => r.id === current) ? current : "";
  showQuestion();
}

function showQuestion() {
  const value = $("question-pick").value;
  const found = value ? questionById(value) : null;
  $("own-fields").hidden = Boolean(found);
  $("question-text").textContent = found ? found.question.text : "";
  $("question-text").hidden = !found;
  updateExports();
  $("rubric-note").textContent = found
    ? `${found.rubric.title} rubric, version ${found.rubric.version} · ${found.question.kind} question`
    : rubricList.length
      ? "Graded against your model answer if you give one, otherwise against the closest bundled rubric question."
      : "";
}

// ---- one answer -------------------------------------------------------------------------------

let lastScored = null;
let scoreRun = 0;

function scoreRequest() {
  const answer = $("answer").value;
  const found = $("question-pick").value ? questionById($("question-pick").value) : null;
  if (found) {
    return { question: found.question.text, answer, rubric: `${found.rubric.id}/${found.question.id}` };
  }
  const req = { question: $("own-question").value, answer };
  const reference = $("reference").value;
  if (reference.trim()) req.reference = reference;
  return req;
}

function countWords(text) {
  const n = (text.match(/\S+/g) ?? []).length;
  return `${n} word${n === 1 ? "" : "s"}`;
}

async function scoreNow() {
  const run = ++scoreRun;
  const req = scoreRequest();
  $("answer-count").textContent = countWords(req.answer);
  if (!req.answer.trim()) {
    lastScored = null;
    $("result-body").hidden = true;
    $("score-error").hidden = true;
    $("score-live").textContent = "Type or paste an answer to see its score.";
    return;
  }
  let result;
  try {
    result = (await ready).score(req);
  } catch (err) {
    if (run !== scoreRun) return;
    lastScored = null;
    $("result-body").hidden = true;
    $("score-error").hidden = false;
    $("score-error").textContent = `This answer could not be graded: ${message(err)}`;
    $("score-live").textContent = "No score.";
    return;
  }
  if (run !== scoreRun) return; // a newer edit is being graded
  lastScored = { request: req, result };
  showResult(req.answer, result);
}

function showResult(answer, r) {
  $("score-error").hidden = true;
  $("result-body").hidden = false;
  const score = Number(r.score);
  $("score-value").textContent = score.toFixed(1);
  $("grade").textContent = `Grade ${r.grade} of 5`;
  const gauge = $("gauge");
  gauge.setAttribute("class", `gauge grade-${Math.max(0, Math.min(5, r.grade | 0))}`);
  $("gauge-value").setAttribute("stroke-dasharray", `${Math.max(0, Math.min(100, (score / 5) * 100)).toFixed(1)} 100`);
  $("score-live").textContent = `Score ${score.toFixed(1)} out of 5, grade ${r.grade}.${r.struggled ? " The candidate struggled." : ""}`;
  $("flags").replaceChildren(...flagBadges(r));
  $("justification").textContent = r.justification;
  $("next-step").hidden = !r.next_step;
  $("next-step-text").textContent = r.next_step ?? "";
  renderHighlighted($("evidence-view"), answer, r.evidence);
  fillList($("covered"), r.covered ?? [], "None of the rubric’s points yet.");
  fillList($("missing"), r.missing ?? [], "Nothing missing.");
  $("points").hidden = !(r.covered?.length || r.missing?.length); // graded on the question alone
  $("signals").replaceChildren(...signalRows(r.signals ?? {}));
  $("basis").textContent = basisNote(r);
}

function basisNote(r) {
  const against =
    r.basis === "rubric" && r.rubric
      ? `the rubric ${r.rubric.id} ${r.rubric.version}${r.rubric.question ? ` (question ${r.rubric.question})` : ""}`
      : r.basis === "reference"
        ? "your model answer"
        : "the question alone";
  return `Graded against ${against} by ${r.engine}.`;
}

/** Signals where more is worse: hedging (hedges, admitted gaps) and echo (the question's own words). */
const INVERSE_SIGNALS = new Set(["hedging", "echo"]);

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

// ---- custom rubric files: import (three formats), export, drafting ------------------------------

const FORMAT_LABELS = { rubricate: "Rubricate", canvas: "Canvas LMS", prometheus: "Prometheus" };

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Lists problems ({path, problem}) in `list`, each path as code and the problem as text. */
function problemItems(problems) {
  return problems.map((p) => {
    const li = el("li");
    li.append(el("code", "path", p.path), document.createTextNode(` ${p.problem}`));
    return li;
  });
}

function clearRubricMessages() {
  $("rubric-loaded").textContent = "";
  $("rubric-errors").hidden = true;
  $("rubric-errors-list").replaceChildren();
  $("rubric-warnings").hidden = true;
  $("rubric-warnings-list").replaceChildren();
}

/** Shows an error thrown by the engine in place: every problem with its JSON path when it has them. */
function showRubricErrors(title, err) {
  const problems = Array.isArray(err?.problems) ? err.problems : [];
  $("rubric-errors-title").textContent = problems.length ? `${title}: ${plural(problems.length, "problem")}.` : `${title}.`;
  $("rubric-errors-list").replaceChildren(...(problems.length ? problemItems(problems) : [el("li", "", message(err))]));
  $("rubric-errors").hidden = false;
}

function showRubricWarnings(name, warnings = []) {
  if (!warnings.length) return;
  $("rubric-warnings-title").textContent = `${name} loaded with ${plural(warnings.length, "warning")}:`;
  $("rubric-warnings-list").replaceChildren(...problemItems(warnings));
  $("rubric-warnings").hidden = false;
}

/** Keeps a loaded rubric for the transcript worker, as Rubricate JSON (whatever format it came in). */
function rememberRubric(json) {
  customRubrics.push(json);
}

async function loadRubricFile(file) {
  clearRubricMessages();
  const format = $("rubric-format").value || "auto";
  try {
    if (file.size > 4 * MAX_FILE_BYTES) throw new Error(`${file.name} is too large (${file.size} bytes)`);
    const text = await file.text();
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const imported = tools.importRubric(text, format);
    const summary = { ...scorer.addRubric(imported.json), format: imported.format, warnings: imported.warnings };
    rememberRubric(imported.json);
    const first = summary.questions[0];
    fillPickers(scorer, first ? `${summary.id}/${first.id}` : undefined);
    const from = summary.format === "rubricate" ? "" : ` (${FORMAT_LABELS[summary.format] ?? summary.format} format)`;
    $("rubric-loaded").textContent = `Loaded “${summary.title}” (${plural(summary.questions.length, "question")}) from ${file.name}${from}.`;
    showRubricWarnings(file.name, summary.warnings);
    scoreNow();
  } catch (err) {
    const what = format === "auto" ? "rubric" : `${FORMAT_LABELS[format] ?? format} rubric`;
    const problems = Array.isArray(err?.problems) ? err.problems : [];
    showRubricErrors(problems.length ? `${file.name} is not a valid ${what}` : `${file.name} could not be loaded`, err);
  }
}

/** The rubric of the picked question, if one is picked. */
function selectedRubric() {
  const value = $("question-pick").value;
  return value ? questionById(value)?.rubric ?? null : null;
}

function updateExports() {
  const rubric = selectedRubric();
  for (const id of ["export-canvas", "export-prometheus", "export-rubricate"]) $(id).disabled = !rubric;
  $("rubric-export-name").textContent = rubric ? ` (“${rubric.title}”)` : " (pick a rubric question first)";
}

async function exportSelected(format) {
  const rubric = selectedRubric();
  const status = $("rubric-export-status");
  status.classList.remove("error");
  if (!rubric) return;
  try {
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const text = tools.exportRubric(JSON.stringify(scorer.rubric(rubric.id)), format);
    download(`${rubric.id}.${format}.json`, `${text}\n`, "application/json");
    status.textContent = `Downloaded ${rubric.id}.${format}.json (${FORMAT_LABELS[format]}).`;
  } catch (err) {
    status.classList.add("error");
    status.textContent = `Could not export the rubric: ${message(err)}`;
  }
}

let drafted = null;

function updateDraftButton() {
  $("draft-rubric").disabled = !($("own-question").value.trim() && $("reference").value.trim());
}

async function draftFromModelAnswer() {
  clearRubricMessages();
  const question = $("own-question").value;
  const reference = $("reference").value;
  try {
    const [scorer, tools] = await Promise.all([ready, rubricTools()]);
    const rubric = tools.draftRubric({ question, reference });
    const json = JSON.stringify(rubric);
    scorer.addRubric(json);
    rememberRubric(json);
    drafted = rubric;
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

// ---- transcripts --------------------------------------------------------------------------------

let lastReport = null;
let reportRun = 0;

async function evaluateTranscript() {
  const text = $("transcript-text").value;
  const status = $("transcript-status");
  const run = ++reportRun;
  if (!text.trim()) {
    status.textContent = "";
    $("report").hidden = true;
    lastReport = null;
    return;
  }
  status.classList.remove("error");
  status.textContent = "Grading…";
  const opts = {};
  if ($("transcript-rubric").value) opts.rubric = $("transcript-rubric").value;
  try {
    const started = performance.now();
    const report = await transcripts.report(text, opts);
    if (run !== reportRun) return;
    lastReport = report;
    showReport(report);
    const n = report.candidates.reduce((sum, c) => sum + c.questions.length, 0);
    status.textContent = `Graded ${n} answer${n === 1 ? "" : "s"} from ${report.candidates.length} candidate${report.candidates.length === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms.`;
  } catch (err) {
    if (run !== reportRun) return;
    lastReport = null;
    $("report").hidden = true;
    status.classList.add("error");
    status.textContent = `This transcript could not be graded: ${message(err)}`;
  }
}

function showReport(report) {
  $("candidates").replaceChildren(...report.candidates.map(candidateCard));
  $("report").hidden = false;
}

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
  card.append(head, scoreChart(c.questions, headingId));

  card.append(el("h3", "", "Evaluation"));
  const list = el("ol", "question-cards");
  list.append(...c.questions.map(questionCard));
  card.append(list);

  card.append(el("h3", "", "HR report"), hrReport(c.hr));
  return card;
}

/** A horizontal-axis bar chart of the score of every question, as SVG with a text alternative. */
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

function questionCard(q) {
  const li = el("li", "question-card");
  const head = el("div", "question-head");
  head.append(el("span", "q-number", `Q${q.number}`), el("span", "kind", q.kind), el("span", `q-score grade-${q.grade}`, `${Number(q.score).toFixed(1)} / 5`));
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
  const details = el("details");
  details.append(el("summary", "", "Answer, evidence and talking points"));
  const view = el("div", "answer-view");
  renderHighlighted(view, q.answer, q.evidence);
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
  details.append(view);
  if (q.covered?.length || q.missing?.length) details.append(points);
  li.append(details);
  return li;
}

function hrReport(hr) {
  const dl = el("dl", "hr");
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

async function loadTranscriptFile(file) {
  const status = $("transcript-status");
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    status.classList.add("error");
    status.textContent = `${file.name} is too large (${file.size} bytes; the limit is 1 MiB).`;
    return;
  }
  $("transcript-text").value = await file.text();
  evaluateTranscript();
}

// ---- wiring -----------------------------------------------------------------------------------

function setMode(mode) {
  $("single").hidden = mode !== "single";
  $("transcript").hidden = mode !== "transcript";
  if (mode === "transcript") transcripts.warm();
}

function wire() {
  const scoreSoon = debounce(scoreNow, SCORE_DEBOUNCE_MS);
  for (const id of ["answer", "own-question", "reference"]) $(id).addEventListener("input", scoreSoon);
  for (const id of ["own-question", "reference"]) $(id).addEventListener("input", updateDraftButton);
  $("draft-rubric").addEventListener("click", draftFromModelAnswer);
  $("draft-download").addEventListener("click", () => {
    if (drafted) download(`${drafted.id}.json`, `${JSON.stringify(drafted, null, 2)}\n`, "application/json");
  });
  $("export-canvas").addEventListener("click", () => exportSelected("canvas"));
  $("export-prometheus").addEventListener("click", () => exportSelected("prometheus"));
  $("export-rubricate").addEventListener("click", () => exportSelected("rubricate"));
  $("question-pick").addEventListener("change", () => {
    $("question-pick").dataset.touched = "1";
    showQuestion();
    scoreNow();
  });

  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    radio.addEventListener("change", () => setMode(radio.value));
  }

  $("rubric-choose").addEventListener("click", () => $("rubric-file").click());
  $("rubric-file").addEventListener("change", (e) => {
    const file = e.target.files?.[0];
    if (file) loadRubricFile(file);
    e.target.value = "";
  });

  const evaluateSoon = debounce(evaluateTranscript, TRANSCRIPT_DEBOUNCE_MS);
  $("transcript-text").addEventListener("input", evaluateSoon);
  $("transcript-rubric").addEventListener("change", evaluateTranscript);
  $("evaluate").addEventListener("click", evaluateTranscript);
  $("transcript-choose").addEventListener("click", () => $("transcript-file").click());
  $("transcript-file").addEventListener("change", (e) => {
    loadTranscriptFile(e.target.files?.[0]);
    e.target.value = "";
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

  $("export-answer-json").addEventListener("click", () => {
    if (lastScored) download("rubricate-answer.json", `${JSON.stringify({ ...lastScored.request, result: lastScored.result }, null, 2)}\n`, "application/json");
  });
  $("export-json").addEventListener("click", () => {
    if (lastReport) download("rubricate-report.json", `${JSON.stringify(lastReport, null, 2)}\n`, "application/json");
  });
  $("export-md").addEventListener("click", async () => {
    if (!lastReport) return;
    try {
      download("rubricate-report.md", (await ready).render(lastReport, "md"), "text/markdown");
    } catch (err) {
      $("transcript-status").textContent = `Could not write Markdown: ${message(err)}`;
    }
  });
  $("print").addEventListener("click", () => window.print());

  // Printed reports show every answer: open the collapsed ones for the printout only.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    for (const d of opened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}

async function start() {
  wire();
  setupEmbeddings({ ready, rescore: scoreNow, onLoaded: (bytes) => (embeddingsModel = bytes) });
  setMode(document.querySelector('input[name="mode"]:checked')?.value ?? "single");
  try {
    const scorer = await ready;
    $("engine-version").textContent = scorer.version;
    fillPickers(scorer);
    updateDraftButton();
    document.body.dataset.ready = "true";
    if ($("answer").value.trim()) scoreNow();
  } catch (err) {
    $("load-status").classList.add("error");
    $("load-status").textContent = `The grading engine could not be loaded: ${message(err)}`;
    document.body.dataset.ready = "error";
  }
}

start();
