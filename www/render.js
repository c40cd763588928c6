// Rendering helpers for the engine's results, shared by the one-answer view and the transcript
// report: evidence and wrong claims highlighted in an answer, lists of talking points and of wrong
// claims, flag badges. Every text is inserted as text; marks are built as DOM nodes from the
// engine's UTF-16 offsets (a wrong claim's span is checked against its own words).

import { el, humanize } from "./dom.js";
import { MISCONCEPTION_PREFIX, SIGNAL_EVIDENCE, STATUS_FLAGS, STRUGGLE_PREFIX } from "./labels.js";

/** @typedef {import("./pkg/rubricate.js").Evidence} Evidence */
/** @typedef {import("./pkg/rubricate.js").Misconception} Misconception */
/** @typedef {import("./pkg/rubricate.js").ScoredAnswer} ScoredAnswer */

/** What a screen reader hears before the words of a wrong claim highlighted in the answer. */
const WRONG_CLAIM_LABEL = "Wrong claim: ";

/**
 * What an evidence span shows, from its `point`: a struggle, a signal, a wrong claim, or a rubric
 * talking point.
 * @param {string} [point]
 * @returns {"struggle" | "signal" | "misconception" | "point"}
 */
export function evidenceKind(point = "") {
  if (point.startsWith(STRUGGLE_PREFIX)) return "struggle";
  if (point.startsWith(MISCONCEPTION_PREFIX)) return "misconception";
  if (SIGNAL_EVIDENCE.test(point)) return "signal";
  return "point";
}

/**
 * Where a wrong claim is stated in `answer`, as UTF-16 indices (the engine's offsets, like evidence
 * spans), or null. The offsets are trusted where the answer holds the claim's own words (`text`)
 * there; otherwise the first place the words occur is taken (a report edited or rebuilt by hand).
 * @param {string} answer
 * @param {Misconception} m
 * @returns {{ start: number, end: number } | null}
 */
export function wrongClaimSpan(answer, m) {
  const words = m.text;
  if (!words) return null;
  const { start, end } = m;
  if (Number.isInteger(start) && Number.isInteger(end) && answer.slice(start, end) === words) return { start, end };
  const at = answer.indexOf(words);
  return at >= 0 ? { start: at, end: at + words.length } : null;
}

/**
 * Fills `container` with `text`, wrapping each evidence span in a <mark>, and each span stating a
 * wrong claim in a <mark> of its own class with a label for screen readers ("Wrong claim: "; it is
 * the only text the view adds to the answer). Evidence offsets are UTF-16 code units (JavaScript
 * string indices). Spans out of range are skipped; overlapping ones are clipped; several findings on
 * the same span share one mark (its title lists them all, and a wrong claim gives it its class).
 * @param {Element} container
 * @param {string} text
 * @param {Evidence[]} [evidence]
 * @param {Misconception[]} [misconceptions]
 */
export function renderHighlighted(container, text, evidence = [], misconceptions = []) {
  /** @type {Pick<Evidence, "start" | "end" | "point">[]} */
  const wrong = [];
  for (const m of misconceptions) {
    const span = wrongClaimSpan(text, m);
    if (span) wrong.push({ ...span, point: `${MISCONCEPTION_PREFIX} ${m.claim}` });
  }
  // Wrong claims first: the sort is stable, so on a span shared with other evidence theirs is the mark.
  const spans = [...wrong, ...evidence]
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= text.length && e.start < e.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Node[]} */
  const nodes = [];
  let cursor = 0;
  /** @type {{ start: number, end: number, mark: HTMLElement } | null} */
  let last = null;
  for (const e of spans) {
    if (last && e.start === last.start && e.end === last.end) {
      const titles = last.mark.title ? last.mark.title.split("\n") : [];
      if (e.point && !titles.includes(e.point)) last.mark.title = [...titles, e.point].join("\n");
      continue;
    }
    const start = Math.max(e.start, cursor);
    if (start >= e.end) continue;
    if (start > cursor) nodes.push(document.createTextNode(text.slice(cursor, start)));
    const kind = evidenceKind(e.point);
    const mark = el("mark", `evidence evidence-${kind}`);
    if (kind === "misconception") mark.append(el("span", "visually-hidden", WRONG_CLAIM_LABEL));
    mark.append(text.slice(start, e.end));
    if (e.point) mark.title = e.point;
    nodes.push(mark);
    last = { start: e.start, end: e.end, mark };
    cursor = e.end;
  }
  if (cursor < text.length) nodes.push(document.createTextNode(text.slice(cursor)));
  container.replaceChildren(...nodes);
}

/**
 * Fills `list` with one item per text, or one "empty" item saying so.
 * @param {Element} list
 * @param {string[]} items
 * @param {string} empty
 */
export function fillList(list, items, empty) {
  list.replaceChildren(...(items.length ? items.map((t) => el("li", "", t)) : [el("li", "empty", empty)]));
}

/**
 * One item per wrong claim the answer states: the claim, the answer's own words (quoted), and what
 * is true instead ("Correct: …").
 * @param {Misconception[]} misconceptions
 * @returns {HTMLLIElement[]}
 */
export function wrongClaimItems(misconceptions) {
  return misconceptions.map((m) => {
    const li = el("li", "wrong-claim");
    li.append(el("p", "wrong-claim-text", m.claim));
    if (m.text) {
      const said = el("p", "wrong-claim-said");
      said.append(el("span", "wrong-claim-label", "Said: "), el("q", "", m.text));
      li.append(said);
    }
    const correct = el("p", "wrong-claim-correction");
    correct.append(el("strong", "", "Correct:"), document.createTextNode(` ${m.correction}`));
    li.append(correct);
    return li;
  });
}

/**
 * Badges for an answer: "too little to grade" and "struggled" first, then the engine's flags.
 * @param {Pick<ScoredAnswer, "insufficient" | "struggled" | "flags">} result
 * @returns {HTMLLIElement[]}
 */
export function flagBadges(result) {
  /** @type {[string, string][]} */
  const flags = [];
  for (const [key, text] of STATUS_FLAGS) if (result[key]) flags.push([key, text]);
  for (const f of result.flags ?? []) flags.push([f, humanize(f)]);
  return flags.map(([kind, text]) => el("li", `flag flag-${kind.replace(/[^a-z0-9-]/gi, "")}`, text));
}
