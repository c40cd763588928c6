// Practice history, kept only in this browser and only after the user opts in: the IndexedDB
// database `rubricate-practice` (finished sessions: role, rubric id, date, each question's id and
// score, the mean; never the answers) and the chart of each role's mean score across sessions,
// drawn as inline SVG. Nothing here touches IndexedDB before opt-in: the database exists only once
// the user has turned history on, and its existence is how a later visit knows that they did.
// "Delete everything" closes it and deletes the whole database.

import { el, svg } from "./dom.js";

/** The one database practice history lives in (named in the privacy note on the page). */
export const DB_NAME = "rubricate-practice";
const DB_VERSION = 1;
const SESSIONS = "sessions";
const SETTINGS = "settings";

/**
 * A finished practice session as stored.
 * @typedef {{ id?: number, role: string, rubric: string, title: string, date: string, scores: { question: string, score: number }[], mean: number }} SessionRecord
 */

/** The open connection, once history is on (or was on in an earlier visit). @type {IDBDatabase | null} */
let db = null;

/**
 * Whether the history database exists, without creating it: only `indexedDB.databases()` can
 * tell; without it (older browsers) history starts off.
 * @returns {Promise<boolean>}
 */
export async function historyExists() {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return false;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return false;
  }
}

/**
 * A request's result as a promise.
 * @template T
 * @param {IDBRequest<T>} req
 * @returns {Promise<T>}
 */
function done(req) {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

/**
 * Opens (creating on first use) the history database. Called only once the user has opted in, or
 * when `historyExists()` says an earlier visit did.
 * @returns {Promise<IDBDatabase>}
 */
async function open() {
  if (db) return db;
  const req = indexedDB.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const created = req.result;
    if (!created.objectStoreNames.contains(SESSIONS)) created.createObjectStore(SESSIONS, { keyPath: "id", autoIncrement: true });
    if (!created.objectStoreNames.contains(SETTINGS)) created.createObjectStore(SETTINGS, { keyPath: "key" });
  };
  const opened = await done(req);
  // Another tab deleting the database asks this one to let go.
  opened.onversionchange = () => {
    opened.close();
    if (db === opened) db = null;
  };
  db = opened;
  return opened;
}

/**
 * Runs `fn` on one store in a transaction and resolves when the transaction completes.
 * @template T
 * @param {string} store
 * @param {IDBTransactionMode} mode
 * @param {(s: IDBObjectStore) => IDBRequest<T>} fn
 * @returns {Promise<T>}
 */
async function inStore(store, mode, fn) {
  const tx = (await open()).transaction(store, mode);
  const result = done(fn(tx.objectStore(store)));
  await new Promise((ok, fail) => {
    tx.oncomplete = () => ok(undefined);
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error);
  });
  return result;
}

/**
 * Whether saving is on: true once opted in, until turned off. Reads the database only if it exists.
 * @returns {Promise<boolean>}
 */
export async function isEnabled() {
  if (!(await historyExists())) return false;
  const row = /** @type {{ key: string, value: unknown } | undefined} */ (await inStore(SETTINGS, "readonly", (s) => s.get("enabled")));
  return row ? row.value !== false : true;
}

/**
 * Turns saving on (creating the database) or off (the sessions already saved stay until deleted).
 * @param {boolean} on
 */
export async function setEnabled(on) {
  if (!on && !(await historyExists())) return; // nothing stored, nothing to remember
  await inStore(SETTINGS, "readwrite", (s) => s.put({ key: "enabled", value: on }));
}

/** Saves a finished session. @param {SessionRecord} session */
export async function saveSession(session) {
  await inStore(SESSIONS, "readwrite", (s) => s.add(session));
}

/**
 * Every saved session, oldest first; none (and no database opened) when history was never on.
 * @returns {Promise<SessionRecord[]>}
 */
export async function allSessions() {
  if (!db && !(await historyExists())) return [];
  return /** @type {SessionRecord[]} */ (await inStore(SESSIONS, "readonly", (s) => s.getAll()));
}

/** Deletes the whole history database (closing this page's connection first). */
export async function deleteHistory() {
  db?.close();
  db = null;
  if (typeof indexedDB === "undefined") return;
  await new Promise((ok, fail) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => ok(undefined);
    req.onerror = () => fail(req.error);
    // Another tab still holds it open: the deletion completes as soon as that tab lets go.
    req.onblocked = () => ok(undefined);
  });
}

/**
 * The history chart: for each role, its sessions' mean scores in date order, as a small inline SVG
 * line chart with a text alternative (the values, in words) and a caption.
 * @param {SessionRecord[]} sessions
 * @returns {HTMLElement[]}
 */
export function historyCharts(sessions) {
  /** @type {Map<string, SessionRecord[]>} */
  const byRole = new Map();
  for (const s of [...sessions].sort((a, b) => a.date.localeCompare(b.date))) {
    let list = byRole.get(s.role);
    if (!list) byRole.set(s.role, (list = []));
    list.push(s);
  }
  let index = 0;
  return [...byRole].map(([role, list]) => roleChart(role, list, index++));
}

/**
 * @param {string} role
 * @param {SessionRecord[]} list
 * @param {number} index
 */
function roleChart(role, list, index) {
  const figure = el("figure", "chart history-role");
  const left = 28;
  const top = 12;
  const h = 90;
  const step = 48;
  const width = Math.max(200, left + 16 + (list.length - 1) * step + 16);
  const height = top + h + 22;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "score-chart history-svg" });
  chart.style.maxWidth = `${width}px`;
  const titleId = `history-chart-${index}`;
  chart.setAttribute("aria-labelledby", titleId);
  const words = list.map((s, i) => `session ${i + 1} (${s.date.slice(0, 10)}) ${s.mean.toFixed(1)}`).join(", ");
  chart.append(svg("title", { id: titleId }, `${role}: mean score by session: ${words}`));
  for (let s = 0; s <= 5; s++) {
    const y = top + h - (s / 5) * h;
    chart.append(svg("line", { x1: left - 4, x2: width, y1: y, y2: y, class: "grid-line" }));
    chart.append(svg("text", { x: left - 8, y: y + 4, class: "axis-label", "text-anchor": "end" }, s));
  }
  const points = list.map((s, i) => {
    const x = left + 16 + i * step;
    const y = top + h - (Math.max(0, Math.min(5, s.mean)) / 5) * h;
    return { x, y, s, i };
  });
  if (points.length > 1) chart.append(svg("polyline", { points: points.map((p) => `${p.x},${p.y}`).join(" "), class: "history-line" }));
  for (const p of points) {
    chart.append(svg("circle", { cx: p.x, cy: p.y, r: 4, class: "history-dot" }));
    chart.append(svg("text", { x: p.x, y: p.y - 7, class: "bar-value", "text-anchor": "middle" }, p.s.mean.toFixed(1)));
    chart.append(svg("text", { x: p.x, y: top + h + 16, class: "axis-label", "text-anchor": "middle" }, `#${p.i + 1}`));
  }
  const caption = el("figcaption", "hint");
  caption.append(el("strong", "", role), document.createTextNode(`: mean score of each session, 0 to 5 (${list.length} session${list.length === 1 ? "" : "s"}).`));
  figure.append(chart, caption);
  return figure;
}
