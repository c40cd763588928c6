// Grades whole transcripts off the main thread, so typing stays smooth while a long interview is
// being scored. Messages in: {id, text, opts, rubrics: [custom rubric JSON texts], embeddings?: bytes};
// out: {id, report} or {id, error}. Custom rubrics the page loaded are replayed here once each; the
// optional semantic model arrives once, after the page has loaded it, and is loaded here too.

import init, { Scorer } from "./pkg/rubricate.js";

const ready = init().then(() => new Scorer());
const added = new Set();

self.addEventListener("message", async (event) => {
  const { id, text, opts, rubrics } = event.data;
  try {
    const scorer = await ready;
    if (event.data.embeddings) {
      try {
        scorer.loadEmbeddings(event.data.embeddings);
      } catch {
        // The page's scorer accepted these bytes already; a failure here leaves grading without it.
      }
    }
    for (const json of rubrics ?? []) {
      if (added.has(json)) continue;
      added.add(json);
      try {
        scorer.addRubric(json);
      } catch {
        // The page validated it with the same engine; a rubric it refused is simply not loaded.
      }
    }
    self.postMessage({ id, report: scorer.report(text, opts) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
