// Accurate mode's control on the page: the "Accurate mode" checkbox under the model answer, its
// progress bar and status line. Checking it loads the sentence encoder (pkg/accurate.js: a worker
// that fetches the encoder and its ~92 MB model from this page's own server once, then from the
// browser's cache) and puts it in state.accurate; unchecking takes it out again (the loaded encoder
// is kept for a later check). single.js asks accurateEvidence() for the `accurate` field of each
// request that has a model answer.
//
// Markup it drives (index.html): #accurate-toggle (checkbox), #accurate-progress (<progress>),
// #accurate-status (role=status).

import { $, message } from "./dom.js";
import { loadAccurate } from "./pkg/accurate.js";
import { state } from "./state.js";

/** @typedef {import("./pkg/accurate.js").Accurate} Accurate */
/** @typedef {import("./pkg/accurate.js").AccurateProgress} AccurateProgress */
/** @typedef {import("./pkg/accurate.js").AccurateResult} AccurateResult */

export const ACCURATE_MODEL_BASE = new URL("./models/all-MiniLM-L6-v2/", import.meta.url);

const MB = 1_000_000;
/** @param {number} n */
const mb = (n) => (n / MB).toFixed(1);

/** The encoder once loaded (kept when the box is unchecked, so checking it again is instant). @type {Accurate | null} */
let loaded = null;

/**
 * @param {string} text
 * @param {"loading" | "done" | "error" | "off"} kind
 */
function say(text, kind) {
  const status = $("accurate-status");
  status.textContent = text;
  status.dataset.state = kind;
  status.classList.toggle("error", kind === "error");
}

/** @param {AccurateProgress} p */
function showProgress(p) {
  const bar = $("accurate-progress", HTMLProgressElement);
  if (p.phase === "init") {
    bar.removeAttribute("value"); // indeterminate while the encoder reads its weights
    say("Starting the sentence encoder…", "loading");
    return;
  }
  const from = p.phase === "cache" ? "Reading accurate mode's model from this browser's cache…" : "Downloading accurate mode's model…";
  if (p.total > 0) {
    bar.max = p.total;
    bar.value = p.received;
    say(`${from} ${mb(p.received)} of ${mb(p.total)} MB (${Math.floor((100 * p.received) / p.total)}%)`, "loading");
  } else {
    say(`${from} ${mb(p.received)} MB`, "loading");
  }
}

/**
 * What went wrong, in words a user can act on.
 * @param {unknown} err
 */
function why(err) {
  const code = /** @type {{ code?: unknown }} */ (err)?.code;
  if (code === "model-missing") return "model not installed on this server: run make model";
  if (code === "encoder-missing") return "the encoder module is not built on this server: run make accurate";
  return message(err);
}

/**
 * The `accurate` evidence for one request: the encoder's comparison of the answer with the model
 * answer, or undefined when accurate mode is off, there is no model answer, or the encoder failed
 * (then said in the status line; the answer is graded in default mode).
 * @param {string} answer
 * @param {string | null | undefined} reference
 * @returns {Promise<AccurateResult | undefined>}
 */
export async function accurateEvidence(answer, reference) {
  const encoder = state.accurate;
  if (!encoder || !reference?.trim() || !answer.trim()) return undefined;
  try {
    return await encoder.compare(answer, reference);
  } catch (err) {
    if (state.accurate === encoder) {
      state.accurate = null;
      loaded = null;
      $("accurate-toggle", HTMLInputElement).checked = false;
      say(`Accurate mode stopped: ${why(err)}. Grading goes on in default mode.`, "error");
    }
    return undefined;
  }
}

/**
 * Wires the checkbox. `rescore` grades the current answer again (in the new mode).
 * @param {{ rescore: () => unknown }} options
 */
export function setupAccurate({ rescore }) {
  const toggle = $("accurate-toggle", HTMLInputElement);
  const bar = $("accurate-progress", HTMLProgressElement);
  toggle.disabled = false;
  toggle.addEventListener("change", async () => {
    if (!toggle.checked) {
      state.accurate = null;
      say("Accurate mode off: answers are graded in default mode.", "off");
      await rescore();
      return;
    }
    if (loaded) {
      state.accurate = loaded;
      say(`Accurate mode on (${loaded.model}).`, "done");
      await rescore();
      return;
    }
    toggle.disabled = true;
    toggle.setAttribute("aria-busy", "true");
    bar.hidden = false;
    bar.removeAttribute("value");
    say("Loading accurate mode…", "loading");
    try {
      const encoder = await loadAccurate({ modelBase: ACCURATE_MODEL_BASE, onProgress: showProgress });
      loaded = encoder;
      state.accurate = toggle.checked ? encoder : null;
      bar.max = 1;
      bar.value = 1;
      say(
        `Accurate mode on (${encoder.model}, ${mb(encoder.bytes)} MB${encoder.cached ? ", from this browser's cache" : ""}): ` +
          "answers are also compared with your model answer by a sentence encoder, in this browser.",
        "done",
      );
      await rescore();
    } catch (err) {
      toggle.checked = false;
      bar.hidden = true;
      say(`Accurate mode is unavailable: ${why(err)}. Grading goes on in default mode.`, "error");
    } finally {
      toggle.disabled = false;
      toggle.removeAttribute("aria-busy");
    }
  });
}
