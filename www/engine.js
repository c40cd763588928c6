// The engine, as the rest of the page reaches it: the main-thread Scorer (`ready`), the rubric
// tools module (loaded on first use), and transcript grading in the package's WorkerScorer, which
// is started on first use and kept in step with the page's scorer (custom rubrics, semantic model).
// Without module workers, transcripts are graded on the main thread.

import init, { Scorer, WorkerScorer, fullRubric, loadRubrics, withRubrics } from "./pkg/rubricate.js";

// Bundled rubric packs load on first use (the page starts with their index only): see pkg/rubricate.js.
export { fullRubric, loadRubrics, withRubrics };
import { state } from "./state.js";

/** @typedef {import("./pkg/rubricate.js").Report} Report */
/** @typedef {import("./pkg/rubricate.js").ReportOptions} ReportOptions */
/** @typedef {import("./pkg/rubricate_tools.js").RubricTools} RubricTools */

/** The page's scorer, once the engine and the bundled rubrics are loaded. */
export const ready = init().then(() => new Scorer());

/** @type {Promise<RubricTools> | null} */
let toolsReady = null;

/**
 * The rubric tools (import, export, drafting) live in a second wasm module, fetched and compiled
 * the first time one of them is used, so the page starts with the smaller core module alone.
 * @returns {Promise<RubricTools>}
 */
export function rubricTools() {
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

/**
 * The transcript worker: undefined until started, null when unavailable (grade on the main thread).
 * @type {WorkerScorer | null | undefined}
 */
let worker;

/** The page's scorer accepted these already; a copy the worker refuses is simply not loaded there. */
const ignore = () => {};

/** Starts the transcript worker ahead of need (it compiles the module and parses the rubrics once). */
export function warmTranscripts() {
  if (worker !== undefined) return;
  try {
    worker = new WorkerScorer();
  } catch {
    worker = null; // no module workers here: grade on the main thread
    return;
  }
  for (const json of state.customRubrics) worker.addRubric(json).catch(ignore);
  // The model (2.8 MB) is copied to the worker once.
  if (state.embeddingsModel) worker.loadEmbeddings(state.embeddingsModel).catch(ignore);
}

/**
 * Grades a transcript in the worker (or on the main thread without one).
 * @param {string} text
 * @param {ReportOptions} opts
 * @returns {Promise<Report>}
 */
export async function reportTranscript(text, opts) {
  warmTranscripts();
  if (worker?.terminated) worker = null; // it stopped: later transcripts are graded here
  if (!worker) {
    const scorer = await ready;
    return withRubrics(() => scorer.report(text, opts));
  }
  return worker.report(text, opts);
}

/**
 * Keeps a rubric the page's scorer loaded (as Rubricate JSON, whatever format it came in) for the
 * transcript worker: sent now if it runs, else when it starts.
 * @param {string} json
 */
export function rememberRubric(json) {
  state.customRubrics.push(json);
  if (worker && !worker.terminated) worker.addRubric(json).catch(ignore);
}

/**
 * Keeps the semantic model the page's scorer loaded, for the transcript worker.
 * @param {Uint8Array} bytes
 */
export function rememberModel(bytes) {
  state.embeddingsModel = bytes;
  if (worker && !worker.terminated) worker.loadEmbeddings(bytes).catch(ignore);
}
