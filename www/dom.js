// DOM and text helpers shared by every part of the page: element lookup and creation (text is
// always set as text, never parsed as HTML), small formatting functions, downloads and debouncing.
// Nothing here knows about the engine or about the page's state.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The element with this id, checked to be a `type` (HTMLElement by default). Throws when the page
 * lacks it: the markup and the scripts ship together.
 * @template {Element} [T=HTMLElement]
 * @param {string} id
 * @param {new (...args: any[]) => T} [type]
 * @returns {T}
 */
export function $(id, type) {
  const node = document.getElementById(id);
  const want = type ?? HTMLElement;
  if (!(node instanceof want)) throw new Error(`the page has no ${want.name} #${id}`);
  return /** @type {T} */ (/** @type {unknown} */ (node));
}

/**
 * The text box, text area or select with this id (its `value` is a string).
 * @param {string} id
 * @returns {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement}
 */
export function field(id) {
  const node = document.getElementById(id);
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) return node;
  throw new Error(`the page has no form field #${id}`);
}

/**
 * Creates an element with an optional class and text (always as text, never parsed).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {unknown} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * Creates an SVG element with attributes and optional text.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {unknown} [text]
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, text) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** @param {unknown} err @returns {string} */
export function message(err) {
  return err instanceof Error ? err.message : String(err);
}

/** @param {string} s @returns {string} */
export function titleCase(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "coverage" → "Coverage", "admits-unfamiliarity" → "Admits unfamiliarity". @param {unknown} name */
export function humanize(name) {
  return titleCase(String(name).replace(/[-_]+/g, " "));
}

/** "1 question", "2 questions". @param {number} n @param {string} word */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "0 words", "1 word". @param {string} text */
export function countWords(text) {
  const n = (text.match(/\S+/g) ?? []).length;
  return `${n} word${n === 1 ? "" : "s"}`;
}

/**
 * Offers `text` as a file to save.
 * @param {string} filename
 * @param {string} text
 * @param {string} type
 */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * `fn`, called `ms` after the last of a burst of calls.
 * @template {unknown[]} A
 * @param {(...args: A) => unknown} fn
 * @param {number} ms
 * @returns {(...args: A) => void}
 */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
