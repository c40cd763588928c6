// The worker side of accurate mode (accurate.js): fetches the sentence encoder's wasm module and its
// model files from the page's own origin, keeps the model files in the browser's Cache API (keyed by
// model name and file, so a second visit reads them from disk instead of downloading 90 MB again),
// loads the encoder (rubricate_encoder.js) and answers compare requests, one at a time, in order.
//
// Messages in:  {id, method: "load", args: [{ modelBase, model, wasm }]}, then
//               {id, method: "compare", args: [answer, reference]}.
// Messages out: {progress: AccurateProgress} while loading; {id, ok: true, value} or
//               {id, ok: false, error: WorkerError} for every request (error.code "model-missing"
//               when a model file is not on the server, "encoder-missing" when the wasm module is not).

import initEncoder, { Encoder } from "./rubricate_encoder.js";
import { readWithProgress } from "./fetch-progress.js";
import { describeError } from "./worker-rpc.js";

/** @typedef {import("./accurate.js").AccurateProgress} AccurateProgress */
/** @typedef {import("./accurate.js").AccurateResult} AccurateResult */

/** The model's files, as `make model` unpacks them and the server serves them. */
const MODEL_FILES = ["config.json", "tokenizer.json", "model.safetensors"];
/** The Cache API store the model files are kept in. */
const CACHE_NAME = "rubricate-accurate";

/** @type {Encoder | null} */
let encoder = null;
let queue = Promise.resolve();

/**
 * An Error with a code the page matches on.
 * @param {string} message
 * @param {string} code
 */
function coded(message, code) {
  return Object.assign(new Error(message), { code });
}

/**
 * The cache key of one model file: the model's name and the file's, on this origin (never fetched).
 * @param {string} model
 * @param {string} file
 */
function cacheKey(model, file) {
  return new URL(`/__rubricate-accurate-cache/${encodeURIComponent(model)}/${file}`, self.location.origin).href;
}

/** The model cache, or null where the Cache API is missing (not a secure context) or refused. */
async function openCache() {
  try {
    return self.caches ? await self.caches.open(CACHE_NAME) : null;
  } catch {
    return null;
  }
}

/**
 * One file's response: from the cache when it is there, else from the server (not yet read).
 * @param {Cache | null} cache
 * @param {string} key
 * @param {string} url
 * @param {string} code  the error code when the server does not have it
 * @param {string} what  what is missing, for the message
 * @returns {Promise<{ res: Response, cached: boolean }>}
 */
async function open(cache, key, url, code, what) {
  const hit = cache ? await cache.match(key).catch(() => undefined) : undefined;
  if (hit) return { res: hit, cached: true };
  const res = await fetch(url, { credentials: "same-origin" });
  if (res.status === 404) throw coded(`${what} (${new URL(url).pathname} answered 404)`, code);
  if (!res.ok) throw new Error(`${new URL(url).pathname}: the server answered ${res.status} ${res.statusText}`.trim());
  return { res, cached: false };
}

/**
 * Fetches (or reads from the cache) the encoder module and the model's files, reporting progress over
 * all of them, then loads the encoder.
 * @param {{ modelBase: string, model: string, wasm: string }} options
 * @returns {Promise<{ model: string, bytes: number, cached: boolean }>}
 */
async function load({ modelBase, model, wasm }) {
  const cache = await openCache();
  const missing = "model not installed on this server: run make model";
  const files = await Promise.all([
    open(null, "", wasm, "encoder-missing", "encoder module not built on this server: run make accurate"),
    ...MODEL_FILES.map((f) => open(cache, cacheKey(model, f), new URL(f, modelBase).href, "model-missing", missing)),
  ]);
  const cached = files.slice(1).every((f) => f.cached);
  const sizes = files.map((f) => Number(f.res.headers.get("content-length")) || 0);
  const received = files.map(() => 0);
  const total = sizes.every((s) => s > 0) ? sizes.reduce((a, b) => a + b, 0) : 0;
  let last = 0;
  /** @param {AccurateProgress} progress */
  const report = (progress) => self.postMessage({ progress });
  const bytes = await Promise.all(
    files.map((f, i) =>
      readWithProgress(f.res, (n) => {
        received[i] = n;
        const now = performance.now();
        if (now - last < 50) return; // a message per chunk would flood the page
        last = now;
        report({ phase: cached ? "cache" : "download", received: received.reduce((a, b) => a + b, 0), total });
      }),
    ),
  );
  const size = bytes.reduce((n, b) => n + b.length, 0);
  report({ phase: cached ? "cache" : "download", received: size, total: total || size });
  if (cache) {
    // Stored only once every file arrived whole; a full disk costs the next visit a download, no more.
    await Promise.all(
      files.slice(1).map((f, i) =>
        f.cached
          ? undefined
          : cache
              .put(
                cacheKey(model, MODEL_FILES[i]),
                new Response(/** @type {Uint8Array<ArrayBuffer>} */ (bytes[i + 1]), { headers: { "content-length": String(bytes[i + 1].length) } }),
              )
              .catch(() => undefined),
      ),
    );
  }
  report({ phase: "init", received: size, total: total || size });
  const [module, config, tokenizer, weights] = bytes;
  await initEncoder({ module_or_path: module });
  encoder = new Encoder(weights, config, tokenizer);
  return { model: encoder.model, bytes: size, cached };
}

/**
 * @param {{ method: string, args: any[] }} request
 * @returns {Promise<unknown>}
 */
async function run({ method, args }) {
  if (method === "load") return load(args[0]);
  if (method === "compare") {
    if (!encoder) throw new Error("accurate mode: the encoder is not loaded");
    const [answer, reference] = args;
    return /** @type {AccurateResult} */ (encoder.compare(String(answer ?? ""), String(reference ?? "")));
  }
  throw new Error(`accurate mode worker: unknown method ${JSON.stringify(method)}`);
}

self.addEventListener("message", (event) => {
  const request = event.data;
  queue = queue.then(async () => {
    try {
      self.postMessage({ id: request.id, ok: true, value: await run(request) });
    } catch (err) {
      self.postMessage({ id: request.id, ok: false, error: describeError(err) });
    }
  });
});
