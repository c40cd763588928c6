// Accurate mode, on the page's side: loadAccurate() starts the sentence encoder (all-MiniLM-L6-v2,
// rubricate_encoder_bg.wasm) in a module worker (accurate-worker.js beside this file), which fetches
// the encoder and the model's three files from the page's own origin, or reads the model from the
// browser's Cache API after the first visit, so neither the ~92 MB download nor inference ever blocks
// the page. It resolves once the encoder is loaded, with compare(), whose result is what
// Scorer.score's `accurate` field takes:
//
//   import { loadAccurate } from "./accurate.js";
//   const accurate = await loadAccurate({ modelBase: "models/all-MiniLM-L6-v2/", onProgress });
//   const evidence = await accurate.compare(answer, reference);   // { model, cosine, recall }
//   scorer.score({ question, answer, reference, accurate: evidence });
//   accurate.close();
//
// A failure rejects with an Error; its `code` is "model-missing" when the model's files are not on
// the server (make model), "encoder-missing" when the encoder module is not (make accurate).
// Typed in accurate.d.ts.

import { rebuildError } from "./worker-rpc.js";

/** @typedef {import("./accurate.js").AccurateOptions} AccurateOptions */
/** @typedef {import("./accurate.js").AccurateProgress} AccurateProgress */
/** @typedef {import("./accurate.js").AccurateResult} AccurateResult */
/** @typedef {import("./accurate.js").Accurate} Accurate */
/** @typedef {import("./worker-rpc.js").WorkerError} WorkerError */

/** The model accurate mode runs, and the folder its files are served from by default. */
export const ACCURATE_MODEL = "all-MiniLM-L6-v2";

/** The page's base URL (a worker's own base would be the package's folder). */
function baseUrl() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}

/**
 * Starts the encoder in a worker and loads it; rejects (and ends the worker) if it cannot be loaded.
 * @param {AccurateOptions} [options]
 * @returns {Promise<Accurate>}
 */
export async function loadAccurate(options = {}) {
  const modelBase = new URL(options.modelBase ?? `models/${ACCURATE_MODEL}/`, baseUrl()).href;
  const wasm = new URL(options.wasm ?? new URL("./rubricate_encoder_bg.wasm", import.meta.url), baseUrl()).href;
  const worker = options.worker ?? new Worker(new URL("./accurate-worker.js", import.meta.url), { type: "module" });
  /** @type {Map<number, { resolve: (value: any) => void, reject: (err: Error) => void }>} */
  const pending = new Map();
  let next = 0;
  /** @type {Error | null} */
  let stopped = null;
  /** @param {Error} why */
  const stop = (why) => {
    if (stopped) return;
    stopped = why;
    worker.terminate();
    for (const p of pending.values()) p.reject(why);
    pending.clear();
  };
  worker.addEventListener("message", (event) => {
    const data = event.data;
    if (data?.progress) {
      options.onProgress?.(/** @type {AccurateProgress} */ (data.progress));
      return;
    }
    const p = pending.get(data?.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.ok) p.resolve(data.value);
    else p.reject(rebuildError(/** @type {WorkerError} */ (data.error)));
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault?.();
    stop(new Error(`accurate mode: the encoder's worker stopped${event.message ? `: ${event.message}` : ""}`));
  });
  /**
   * @param {string} method
   * @param {unknown[]} args
   * @returns {Promise<any>}
   */
  const post = (method, args) => {
    if (stopped) return Promise.reject(stopped);
    const id = ++next;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  };
  /** @type {{ model: string, bytes: number, cached: boolean }} */
  let loaded;
  try {
    loaded = await post("load", [{ modelBase, model: options.model ?? ACCURATE_MODEL, wasm }]);
  } catch (err) {
    stop(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  return {
    model: loaded.model,
    bytes: loaded.bytes,
    cached: loaded.cached,
    compare: (answer, reference) => post("compare", [answer, reference]),
    close: () => stop(new Error("accurate mode: closed")),
  };
}
