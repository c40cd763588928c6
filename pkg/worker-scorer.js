// WorkerScorer: the Scorer run in a dedicated module worker (worker.js beside this file), so a page
// can grade long transcripts without blocking its main thread. It has Scorer's methods, each
// returning a promise; requests are matched to replies by id, and the worker answers them in the
// order they were made. Every failure in the worker (the engine or the rubric packs that would not
// load, a rubric or a model refused, an error the engine threw) rejects that request's promise with
// an Error carrying the worker's message (and, for a RubricError, its name and `problems`).
//
//   import { WorkerScorer } from "./rubricate.js";
//   const scorer = await WorkerScorer.create();          // or new WorkerScorer() and await scorer.ready
//   const report = await scorer.report(transcriptText);
//   scorer.terminate();
//
// Re-exported by rubricate.js; typed in rubricate.d.ts.

import { rebuildError as rebuild } from "./worker-rpc.js";

/** @typedef {import("./rubricate.js").InitOptions} InitOptions */
/** @typedef {import("./rubricate.js").WorkerScorerOptions} WorkerScorerOptions */
/** @typedef {import("./rubricate.js").ScoreInput} ScoreInput */
/** @typedef {import("./rubricate.js").ScoredAnswer} ScoredAnswer */
/** @typedef {import("./rubricate.js").Report} Report */
/** @typedef {import("./rubricate.js").ReportOptions} ReportOptions */
/** @typedef {import("./rubricate.js").RenderFormat} RenderFormat */
/** @typedef {import("./rubricate.js").RubricSummary} RubricSummary */
/** @typedef {import("./rubricate.js").Rubric} Rubric */
/** @typedef {import("./rubricate.js").EmbeddingsInfo} EmbeddingsInfo */
/** @typedef {import("./rubricate.js").RubricProblem} RubricProblem */

/**
 * A request to the worker.
 * @typedef {{ id: number, method: string, args: unknown[] }} WorkerRequest
 */
/** A failure, as data: rebuilt into an Error on this side. @typedef {import("./worker-rpc.js").WorkerError} WorkerError */
/**
 * The worker's answer to one request.
 * @typedef {{ id: number, ok: true, value: unknown } | { id: number, ok: false, error: WorkerError }} WorkerReply
 */

/**
 * The page's base URL, against which relative URLs are resolved as init() on the page would resolve
 * them (the worker's own base is the package's folder).
 */
function baseUrl() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

/**
 * One of init()'s inputs in a form that can be posted to a worker: URLs and Requests become absolute
 * URL strings, Responses their bytes; bytes, compiled modules and `false` go as they are.
 * @param {unknown} value
 * @returns {Promise<unknown>}
 */
async function cloneable(value) {
  value = await value;
  if (value instanceof URL) return value.href;
  if (typeof value === "string") return new URL(value, baseUrl()).href;
  if (typeof Request === "function" && value instanceof Request) return value.url;
  if (typeof Response === "function" && value instanceof Response) {
    if (!value.ok) throw new Error(`rubricate: ${value.url || "a Response"} answered HTTP ${value.status}`);
    return new Uint8Array(await value.arrayBuffer());
  }
  return value;
}

export class WorkerScorer {
  /** @type {Worker} */
  #worker;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (err: Error) => void }>} */
  #pending = new Map();
  #next = 0;
  /** Why the worker is gone (terminated, or stopped by an error), or null while it runs. @type {Error | null} */
  #stopped = null;

  /**
   * Starts the worker and initialises the engine in it with `options` (init()'s options: where the
   * wasm and the rubric packs are; default: beside worker.js). `options.worker` replaces the worker
   * started from worker.js (e.g. one a bundler emitted); it must run worker.js.
   * @param {WorkerScorerOptions} [options]
   */
  constructor(options = {}) {
    const { worker, ...init } = options;
    this.#worker = worker ?? new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.#worker.addEventListener("message", (event) => this.#settle(/** @type {WorkerReply} */ (event.data)));
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.#stop(new Error(`rubricate: the grading worker stopped${event.message ? `: ${event.message}` : ""}`));
    });
    this.#worker.addEventListener("messageerror", () => this.#stop(new Error("rubricate: a message from the grading worker could not be read")));
    /**
     * Settles once the engine is loaded in the worker: rejects with the error that stopped it (for
     * instance rubric packs that would not load), which every later request then rejects with too.
     * @type {Promise<void>}
     */
    this.ready = Promise.all([cloneable(init.module_or_path), cloneable(init.rubrics)]).then(([module_or_path, rubrics]) => {
      /** @type {Record<string, unknown>} */
      const opts = {};
      if (module_or_path !== undefined) opts.module_or_path = module_or_path;
      if (rubrics !== undefined) opts.rubrics = rubrics;
      return this.#post("init", [opts]).then(() => undefined);
    });
    this.ready.catch(() => {}); // reported through ready and every request, never as unhandled
  }

  /**
   * A WorkerScorer whose engine is loaded: rejects if it could not be (and ends the worker then).
   * @param {WorkerScorerOptions} [options]
   * @returns {Promise<WorkerScorer>}
   */
  static async create(options) {
    const scorer = new WorkerScorer(options);
    try {
      await scorer.ready;
    } catch (err) {
      scorer.terminate();
      throw err;
    }
    return scorer;
  }

  /** The engine version, e.g. `rubricate 0.4.0`. @returns {Promise<string>} */
  get version() {
    return this.#call("version", []);
  }

  /** Every loaded rubric (bundled first, then custom). @returns {Promise<RubricSummary[]>} */
  rubrics() {
    return this.#call("rubrics", []);
  }

  /** One full rubric by id, or undefined. @param {string} id @returns {Promise<Rubric | undefined>} */
  rubric(id) {
    return this.#call("rubric", [id]);
  }

  /** Grades one answer. @param {ScoreInput} input @returns {Promise<ScoredAnswer>} */
  score(input) {
    return this.#call("score", [input]);
  }

  /** Grades every answer of a transcript. @param {string} text @param {ReportOptions | null} [opts] @returns {Promise<Report>} */
  report(text, opts) {
    return this.#call("report", [text, opts ?? undefined]);
  }

  /** Renders a report. @param {Report} report @param {RenderFormat} format @returns {Promise<string>} */
  render(report, format) {
    return this.#call("render", [report, format]);
  }

  /** Validates and loads a rubric (JSON text); rejects with a RubricError. @param {string} json @returns {Promise<RubricSummary>} */
  addRubric(json) {
    return this.#call("addRubric", [json]);
  }

  /**
   * Loads the optional semantic model from its bytes (copied to the worker; the caller keeps them).
   * @param {Uint8Array} bytes
   * @returns {Promise<EmbeddingsInfo>}
   */
  loadEmbeddings(bytes) {
    return this.#call("loadEmbeddings", [bytes]);
  }

  /** True once the worker is gone: terminated, or stopped by an error. */
  get terminated() {
    return this.#stopped !== null;
  }

  /** Ends the worker: pending and later requests reject. */
  terminate() {
    this.#stop(new Error("rubricate: the WorkerScorer was terminated"));
  }

  /** The same as terminate(), as Scorer's free() releases its memory. */
  free() {
    this.terminate();
  }

  /**
   * A request made after init was posted (requests reach the worker in the order they were made).
   * @template T
   * @param {string} method
   * @param {unknown[]} args
   * @returns {Promise<T>}
   */
  #call(method, args) {
    return this.ready.then(() => this.#post(method, args));
  }

  /**
   * @param {string} method
   * @param {unknown[]} args
   * @returns {Promise<any>}
   */
  #post(method, args) {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage(/** @satisfies {WorkerRequest} */ ({ id, method, args }));
      } catch (err) {
        this.#pending.delete(id); // e.g. an argument that cannot be cloned
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** @param {WorkerReply} reply */
  #settle(reply) {
    const p = this.#pending.get(reply?.id);
    if (!p) return;
    this.#pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(rebuild(reply.error));
  }

  /** @param {Error} why */
  #stop(why) {
    if (this.#stopped) return;
    this.#stopped = why;
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(why);
    this.#pending.clear();
  }
}

if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(WorkerScorer.prototype, Symbol.dispose, {
    value: WorkerScorer.prototype.terminate,
    writable: true,
    configurable: true,
  });
}
