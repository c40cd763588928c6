// Errors across a worker boundary, shared by the package's two workers (worker.js / worker-scorer.js
// for the Scorer, accurate-worker.js / accurate.js for accurate mode's encoder): an Error turned into
// cloneable data in the worker, and rebuilt into an Error on the page with its name, message, and
// the extra fields callers match on (`problems` of a RubricError, `code` of an accurate-mode error).

/**
 * A failure, as data.
 * @typedef {{ name: string, message: string, problems?: { path: string, problem: string }[], code?: string }} WorkerError
 */

/**
 * @param {unknown} err
 * @returns {WorkerError}
 */
export function describeError(err) {
  if (err instanceof Error) {
    /** @type {WorkerError} */
    const out = { name: err.name, message: err.message };
    const { problems, code } = /** @type {{problems?: unknown, code?: unknown}} */ (err);
    if (Array.isArray(problems)) out.problems = problems.map((p) => ({ path: String(p?.path ?? ""), problem: String(p?.problem ?? "") }));
    if (typeof code === "string") out.code = code;
    return out;
  }
  return { name: "Error", message: String(err) };
}

/**
 * @param {WorkerError} data
 * @returns {Error & { problems?: { path: string, problem: string }[], code?: string }}
 */
export function rebuildError(data) {
  const err = /** @type {Error & { problems?: { path: string, problem: string }[], code?: string }} */ (new Error(data.message));
  if (data.name && data.name !== "Error") err.name = data.name;
  if (data.problems) err.problems = data.problems;
  if (data.code) err.code = data.code;
  return err;
}
