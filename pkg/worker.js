// The worker side of WorkerScorer (worker-scorer.js): one Scorer in a dedicated module worker,
// answering requests one at a time, in the order they arrive, so that a rubric added or a model
// loaded is in place for every request sent after it.
//
// Messages in:  {id, method, args}. The first is method "init" with args [options] (init()'s options,
//               made cloneable by WorkerScorer); then any of the Scorer methods listed in METHODS.
// Messages out: {id, ok: true, value}, or {id, ok: false, error: {name, message, problems?}} for every
//               failure: the engine or the rubric packs that would not load, a rubric refused by
//               addRubric, a model refused by loadEmbeddings, any error the engine threw. Once init
//               has failed, every later request fails with the same error.

import init, { Scorer, fullRubric, withRubrics } from "./rubricate.js";
import { describeError as describe } from "./worker-rpc.js";

/** @typedef {import("./worker-scorer.js").WorkerRequest} WorkerRequest */
/** @typedef {import("./worker-scorer.js").WorkerReply} WorkerReply */

/** @type {Promise<Scorer> | null} */
let scorer = null;
/** Requests run one after another: each waits for the one before it to settle. */
let queue = Promise.resolve();

/**
 * What each request does with the scorer. Results are plain JSON-shaped objects (the engine builds
 * them from JSON), so they cross to the page by structured clone as they are.
 * @type {Record<string, (s: Scorer, args: any[]) => unknown>}
 */
const METHODS = {
  version: (s) => s.version,
  rubrics: (s) => s.rubrics(),
  rubric: (s, [id]) => fullRubric(s, id),
  score: (s, [input]) => withRubrics(() => s.score(input)),
  report: (s, [text, opts]) => withRubrics(() => s.report(text, opts)),
  render: (s, [report, format]) => s.render(report, format),
  addRubric: (s, [json]) => s.addRubric(json),
  loadEmbeddings: (s, [bytes]) => s.loadEmbeddings(bytes),
};

/**
 * @param {WorkerRequest} request
 * @returns {Promise<unknown>}
 */
async function run({ method, args }) {
  if (method === "init") {
    scorer = init(/** @type {any} */ (args[0])).then(() => new Scorer());
    return (await scorer).version;
  }
  scorer ??= init().then(() => new Scorer()); // a request before "init": the package's defaults
  const call = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!call) throw new Error(`rubricate worker: unknown method ${JSON.stringify(method)}`);
  return call(await scorer, args ?? []);
}

self.addEventListener("message", (event) => {
  const request = /** @type {WorkerRequest} */ (event.data);
  queue = queue.then(async () => {
    /** @type {WorkerReply} */
    let reply;
    try {
      reply = { id: request.id, ok: true, value: await run(request) };
    } catch (err) {
      reply = { id: request.id, ok: false, error: describe(err) };
    }
    try {
      self.postMessage(reply);
    } catch (err) {
      // A value that cannot be cloned still gets an answer.
      self.postMessage({ id: request.id, ok: false, error: describe(err) });
    }
  });
});
