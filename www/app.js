// The Rubricate page's entry point: wires each part of the page and starts the engine. It grades one
// answer as it is typed (single.js), a whole transcript (transcript.js), or a practice session of a
// role's questions one by one (practice.js), with the WebAssembly engine in pkg/ (engine.js). No
// framework and no network: every text that came from the user is put into the page with
// textContent (never innerHTML).
//
//   engine.js        the Scorer, the rubric tools module, the transcript worker (WorkerScorer)
//   state.js         the page's shared state
//   labels.js        the engine's label strings the page matches on
//   dom.js           DOM and text helpers
//   render.js        evidence highlighting, lists and flag badges for results
//   pickers.js       the rubric and question pickers
//   single.js        the one-answer view
//   rubric-files.js  rubric import, export and drafting
//   transcript.js    the transcript view and its report
//   practice.js      practice mode: a role's questions one by one, feedback, the session summary
//   history.js       practice history: opt-in, in this browser's IndexedDB only; its chart
//   embeddings.js    the optional semantic model
//   accurate.js      accurate mode: the sentence encoder, in a worker, on request

import { setupAccurate } from "./accurate.js";
import { $, message } from "./dom.js";
import { setupEmbeddings } from "./embeddings.js";
import { ready, rememberModel, warmTranscripts } from "./engine.js";
import { fillPickers } from "./pickers.js";
import { fillRoles, wirePractice } from "./practice.js";
import { updateDraftButton, wireRubricFiles } from "./rubric-files.js";
import { scoreNow, wireSingle } from "./single.js";
import { wireTranscript } from "./transcript.js";

/** Shows the one-answer view, the transcript view or practice mode. @param {string} mode */
function setMode(mode) {
  $("single").hidden = mode !== "single";
  $("transcript").hidden = mode !== "transcript";
  $("practice").hidden = mode !== "practice";
  if (mode === "transcript") warmTranscripts();
  if (mode === "practice") fillRoles(); // with any rubric loaded since
}

async function start() {
  wireSingle();
  wireRubricFiles();
  wireTranscript();
  wirePractice();
  for (const radio of document.querySelectorAll('input[name="mode"]')) {
    if (radio instanceof HTMLInputElement) radio.addEventListener("change", () => setMode(radio.value));
  }
  setupEmbeddings({ ready, rescore: scoreNow, onLoaded: rememberModel });
  setupAccurate({ rescore: scoreNow });
  const checked = document.querySelector('input[name="mode"]:checked');
  setMode(checked instanceof HTMLInputElement ? checked.value : "single");
  try {
    const scorer = await ready;
    $("engine-version").textContent = scorer.version;
    fillPickers(scorer);
    fillRoles();
    updateDraftButton();
    document.body.dataset.ready = "true";
    if ($("answer", HTMLTextAreaElement).value.trim()) scoreNow();
  } catch (err) {
    $("load-status").classList.add("error");
    $("load-status").textContent = `The grading engine could not be loaded: ${message(err)}`;
    document.body.dataset.ready = "error";
  }
}

start();
