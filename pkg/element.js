// <rubricate-scorer>: a drop-in answer box that grades what is typed into it, entirely in the page.
//
//   <script type="module" src="./element.js"></script>
//   <rubricate-scorer rubric="cloud-architect/high-availability"></rubricate-scorer>
//   <rubricate-scorer question="What is a race condition?" reference="A model answer…"></rubricate-scorer>
//
// Attributes: rubric (a rubric id or "rubric-id/question-id"), question, reference (a model answer),
// label (the text box's label). The element fires a `score` CustomEvent whose `detail` is the scored
// answer (see rubricate.d.ts), and `score-error` with `detail.message` when grading fails.
// `element.report(text, options)` grades a whole transcript in a WorkerScorer (off the main thread)
// that every element shares, and which `workerScorer()` returns (e.g. to add a rubric to it).
// It renders into light DOM with `rubricate-*` class names, so the host page styles it; every piece
// of text is set with textContent, never parsed as HTML.

import init, { Scorer, WorkerScorer, withRubrics } from "./rubricate.js";

/** @typedef {import("./rubricate.js").ScoreInput} ScoreInput */
/** @typedef {import("./rubricate.js").ScoredAnswer} ScoredAnswer */
/** @typedef {import("./rubricate.js").Report} Report */
/** @typedef {import("./rubricate.js").ReportOptions} ReportOptions */

const DEBOUNCE_MS = 150;

/** @type {Promise<Scorer> | undefined} */
let shared;

/** Loads the WebAssembly module once and resolves to the Scorer every element shares. */
export function ready() {
  shared ??= init().then(() => new Scorer());
  return shared;
}

/** @type {WorkerScorer | null | undefined} */
let worker;

/**
 * The WorkerScorer every element grades transcripts in, started on first use; null where module
 * workers are unavailable (or once it has stopped), and transcripts are then graded by `ready()`'s
 * Scorer on the main thread. Rubrics added to the main-thread Scorer are not in it: add them here too.
 * @returns {WorkerScorer | null}
 */
export function workerScorer() {
  if (worker === undefined) {
    try {
      worker = new WorkerScorer();
    } catch {
      worker = null;
    }
  }
  if (worker?.terminated) worker = null;
  return worker;
}

let instances = 0;

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class RubricateScorer extends HTMLElement {
  static observedAttributes = ["rubric", "question", "reference", "label"];

  /** @type {{ question: HTMLElement, label: HTMLLabelElement, answer: HTMLTextAreaElement, score: HTMLOutputElement, justification: HTMLElement, next: HTMLElement } | null} */
  #parts = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #timer;
  #run = 0;
  /** @type {ScoredAnswer | null} */
  #result = null;

  connectedCallback() {
    if (!this.#parts) this.#build();
    this.#schedule(0);
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
  }

  attributeChangedCallback() {
    if (!this.#parts) return;
    this.#parts.label.textContent = this.getAttribute("label") ?? "Your answer";
    this.#showQuestion();
    this.#schedule();
  }

  /** The answer text. Setting it grades the new text. */
  get value() {
    return this.#parts ? this.#parts.answer.value : "";
  }

  set value(text) {
    const parts = this.#parts ?? this.#build();
    parts.answer.value = String(text);
    this.#schedule(0);
  }

  /** The last scored answer, or null. */
  get result() {
    return this.#result;
  }

  /**
   * Grades a whole transcript off the main thread (in the shared WorkerScorer, see workerScorer()),
   * or on the main thread where module workers are unavailable. Rejects with the engine's error.
   * @param {string} text
   * @param {ReportOptions} [options]
   * @returns {Promise<Report>}
   */
  async report(text, options) {
    const scorer = workerScorer();
    if (scorer) return scorer.report(text, options);
    const local = await ready();
    return withRubrics(() => local.report(text, options));
  }

  #build() {
    const id = `rubricate-answer-${++instances}`;
    const question = el("p", "rubricate-question");
    const label = el("label", "rubricate-label", this.getAttribute("label") ?? "Your answer");
    label.htmlFor = id;
    const answer = el("textarea", "rubricate-answer");
    answer.id = id;
    answer.rows = 6;
    answer.spellcheck = true;
    const score = el("output", "rubricate-score");
    score.htmlFor = id;
    score.setAttribute("aria-live", "polite");
    const justification = el("p", "rubricate-justification");
    const next = el("p", "rubricate-next");
    answer.addEventListener("input", () => this.#schedule());
    this.replaceChildren(question, label, answer, score, justification, next);
    this.#parts = { question, label, answer, score, justification, next };
    this.#showQuestion();
    return this.#parts;
  }

  async #showQuestion() {
    const text = await this.#questionText();
    if (this.#parts) this.#parts.question.textContent = text;
  }

  /** The question attribute, or the text of the rubric question the rubric attribute names. */
  async #questionText() {
    const own = this.getAttribute("question");
    if (own) return own;
    const rubric = this.getAttribute("rubric");
    if (!rubric) return "";
    try {
      const [rubricId, questionId] = rubric.split("/");
      const pack = (await ready()).rubrics().find((r) => r.id === rubricId);
      const q = pack && (pack.questions.find((x) => x.id === questionId) ?? pack.questions[0]);
      return q ? q.text : "";
    } catch {
      return "";
    }
  }

  /** @param {number} [delay] */
  #schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#score(), delay);
  }

  async #score() {
    const run = ++this.#run;
    if (!this.#parts) return;
    const { answer, score, justification, next } = this.#parts;
    const text = answer.value;
    if (!text.trim()) {
      this.#result = null;
      score.textContent = "";
      justification.textContent = "";
      next.textContent = "";
      return;
    }
    try {
      const scorer = await ready();
      /** @type {ScoreInput} */
      const input = { question: await this.#questionText(), answer: text };
      const rubric = this.getAttribute("rubric");
      const reference = this.getAttribute("reference");
      if (rubric) input.rubric = rubric;
      if (reference) input.reference = reference;
      const result = await withRubrics(() => scorer.score(input));
      if (run !== this.#run) return; // a newer keystroke is being graded
      this.#result = result;
      score.textContent = `${result.score.toFixed(1)} / 5 (grade ${result.grade})`;
      justification.textContent = result.justification;
      next.textContent = result.next_step ? `Next step: ${result.next_step}` : "";
      this.dispatchEvent(new CustomEvent("score", { detail: result, bubbles: true, composed: true }));
    } catch (err) {
      if (run !== this.#run) return;
      this.#result = null;
      const message = err instanceof Error ? err.message : String(err);
      score.textContent = `Could not grade this answer: ${message}`;
      justification.textContent = "";
      next.textContent = "";
      this.dispatchEvent(new CustomEvent("score-error", { detail: { message }, bubbles: true, composed: true }));
    }
  }
}

if (!customElements.get("rubricate-scorer")) {
  customElements.define("rubricate-scorer", RubricateScorer);
}
