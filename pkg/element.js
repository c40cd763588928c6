// <rubricate-scorer>: a drop-in answer box that grades what is typed into it, entirely in the page.
//
//   <script type="module" src="./element.js"></script>
//   <rubricate-scorer rubric="cloud-architect/high-availability"></rubricate-scorer>
//   <rubricate-scorer question="What is a race condition?" reference="A model answer…"></rubricate-scorer>
//
// Attributes: rubric (a rubric id or "rubric-id/question-id"), question, reference (a model answer),
// label (the text box's label). The element fires a `score` CustomEvent whose `detail` is the scored
// answer (see rubricate.d.ts), and `score-error` with `detail.message` when grading fails.
// It renders into light DOM with `rubricate-*` class names, so the host page styles it; every piece
// of text is set with textContent, never parsed as HTML.

import init, { Scorer } from "./rubricate.js";

const DEBOUNCE_MS = 150;

let shared;

/** Loads the WebAssembly module once and resolves to the Scorer every element shares. */
export function ready() {
  shared ??= init().then(() => new Scorer());
  return shared;
}

let instances = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class RubricateScorer extends HTMLElement {
  static observedAttributes = ["rubric", "question", "reference", "label"];

  #parts = null;
  #timer = 0;
  #run = 0;
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
    if (!this.#parts) this.#build();
    this.#parts.answer.value = String(text);
    this.#schedule(0);
  }

  /** The last scored answer, or null. */
  get result() {
    return this.#result;
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

  #schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#score(), delay);
  }

  async #score() {
    const run = ++this.#run;
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
      const input = { question: await this.#questionText(), answer: text };
      const rubric = this.getAttribute("rubric");
      const reference = this.getAttribute("reference");
      if (rubric) input.rubric = rubric;
      if (reference) input.reference = reference;
      const result = scorer.score(input);
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
