// Rendering helpers for the engine's results, shared by the one-answer view and the transcript
// report: evidence highlighted in an answer, lists of talking points, flag badges. Every text is
// inserted as text; marks are built as DOM nodes from the engine's UTF-16 offsets.

import { el, humanize } from "./dom.js";
import { SIGNAL_EVIDENCE, STATUS_FLAGS, STRUGGLE_PREFIX } from "./labels.js";

/** @typedef {import("./pkg/rubricate.js").Evidence} Evidence */
/** @typedef {import("./pkg/rubricate.js").ScoredAnswer} ScoredAnswer */

/**
 * What an evidence span shows, from its `point`: a struggle, a signal, or a rubric talking point.
 * @param {string} [point]
 * @returns {"struggle" | "signal" | "point"}
 */
export function evidenceKind(point = "") {
  if (point.startsWith(STRUGGLE_PREFIX)) return "struggle";
  if (SIGNAL_EVIDENCE.test(point)) return "signal";
  return "point";
}

/**
 * Fills `container` with `text`, wrapping each evidence span in a <mark>. Offsets are UTF-16 code
 * units (JavaScript string indices). Spans out of range are skipped; overlapping ones are clipped;
 * several findings on the same span share one mark (its title lists them all).
 * @param {Element} container
 * @param {string} text
 * @param {Evidence[]} [evidence]
 */
export function renderHighlighted(container, text, evidence = []) {
  const spans = evidence
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= text.length && e.start < e.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Node[]} */
  const nodes = [];
  let cursor = 0;
  /** @type {{ start: number, end: number, mark: HTMLElement } | null} */
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
