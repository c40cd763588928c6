// The optional semantic model: static word embeddings (models/minilm-l6-static.rbem) fetched from
// this page's own server only when the user asks, with a byte-counting progress indicator, then
// loaded into the scorer; the current answer is graded again with it.
//
// Markup it drives (index.html): #embeddings-load (button), #embeddings-progress (<progress>),
// #embeddings-status (role=status).

// The progress-counting fetch is the package's (shared with accurate mode's worker).
import { fetchWithProgress } from "./pkg/fetch-progress.js";

/** @typedef {import("./pkg/rubricate.js").Scorer} Scorer */

export const EMBEDDINGS_URL = new URL("./models/minilm-l6-static.rbem", import.meta.url);

const MB = 1_000_000; // decimal megabytes, as the button label says
/** @param {number} n */
const mb = (n) => (n / MB).toFixed(1);

/**
 * Wires the control. `ready` resolves to the page's Scorer; `rescore` grades the current answer
 * again; `onLoaded(bytes)` hears of a model once the page's scorer has accepted it. Nothing is
 * fetched until the button is pressed.
 * @param {{ ready: Promise<Scorer>, rescore: () => unknown, onLoaded?: (bytes: Uint8Array) => void }} options
 */
export function setupEmbeddings({ ready, rescore, onLoaded }) {
  const button = document.getElementById("embeddings-load");
  const progress = document.getElementById("embeddings-progress");
  const status = document.getElementById("embeddings-status");
  if (!(button instanceof HTMLButtonElement) || !(progress instanceof HTMLProgressElement) || !status) return;
  button.disabled = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    progress.hidden = false;
    progress.removeAttribute("value"); // indeterminate until the first bytes arrive
    status.textContent = "Loading the semantic model…";
    try {
      const bytes = await fetchWithProgress(EMBEDDINGS_URL, (received, total) => {
        if (total > 0) {
          progress.max = total;
          progress.value = received;
          status.textContent = `Loading the semantic model… ${mb(received)} of ${mb(total)} MB (${Math.floor((100 * received) / total)}%)`;
        } else {
          status.textContent = `Loading the semantic model… ${mb(received)} MB`;
        }
      });
      const scorer = await ready;
      const info = scorer.loadEmbeddings(bytes);
      onLoaded?.(bytes); // e.g. the transcript worker gets the same model
      progress.max = 1;
      progress.value = 1;
      status.textContent = `Semantic model loaded (${mb(info.bytes)} MB, ${info.vocabulary.toLocaleString("en")} words and pieces): talking points made in other words now earn partial credit.`;
      status.dataset.state = "done";
      button.textContent = "Semantic model loaded";
      await rescore();
    } catch (err) {
      progress.hidden = true;
      status.textContent = `Could not load the semantic model: ${err instanceof Error ? err.message : String(err)}. Grading goes on without it.`;
      status.dataset.state = "error";
      button.disabled = false;
    }
  });
}
