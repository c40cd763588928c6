// End-to-end test of accurate mode in the browser: the page's "Accurate mode" checkbox loads the
// sentence encoder (pkg/accurate.js, in a worker) and the model from the page's own loopback server
// with progress, every grade against a model answer then carries the encoder's evidence and says it
// was graded in accurate mode; the encoder's figures in wasm are sane and match the native build; a
// second load reads the model from the browser's cache; a server without the model says so.
//
// The model is 91 MB: it is downloaded once for this file (one page, shared by the tests that need
// it, in test order), not once per test. Needs `make accurate` (make test runs it).

import { before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, WWW, openPage, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

const MODEL = "all-MiniLM-L6-v2";
const MODEL_PATH = `/models/${MODEL}/`;
/** Loading 92 MB over loopback and initialising the encoder, on a busy 2-core CI machine. */
const LOAD_TIMEOUT = 180_000;

const QUESTION = "What is a race condition, and how do you prevent one?";
const REFERENCE =
  "A race condition is a bug where the outcome depends on the timing of threads that use shared state without synchronisation; protect that state with a mutex.";
const PARAPHRASE =
  "A race condition happens when two threads change shared data at the same time and the result depends on which one runs first; a lock around the shared data prevents it.";
const UNRELATED = "We moved the office plants closer to the window because they were not getting enough light in winter.";

// The native encoder's figures for the same pairs (answer, model answer), produced with
//   make model && cargo run --release -p rubricate-encoder --example compare -- "<answer>" "<model answer>"
// (the texts above, each answer against REFERENCE; f32 printed by serde_json, Dec 2026, after recall
// was restricted to the key's content tokens). The wasm build must agree within 1e-3.
const NATIVE = {
  self: { cosine: 1.0, recall: 0.9999998807907104 },
  paraphrase: { cosine: 0.8714025616645813, recall: 0.6544213891029358 },
  unrelated: { cosine: -0.016061337664723396, recall: 0.128469318151474 },
};

before(() => {
  for (const f of ["pkg/rubricate_encoder_bg.wasm", `models/${MODEL}/model.safetensors`]) {
    if (!existsSync(join(WWW, f))) throw new Error(`www/${f} is missing: run make accurate (make test does)`);
  }
});

/** The page with accurate mode on, shared by the tests below (opened by the first that needs it). */
let shared;
function accuratePage() {
  shared ??= (async () => {
    const opened = await openPage();
    const { page } = opened;
    await page.selectOption("#question-pick", "");
    await page.fill("#own-question", QUESTION);
    await page.fill("#reference", REFERENCE);
    await page.fill("#answer", PARAPHRASE);
    assert.equal(await waitForScore(page), null);
    return opened;
  })();
  return shared;
}

test("accurate mode turns on from the page: model from 127.0.0.1 with progress, then grades say mode accurate", { timeout: LOAD_TIMEOUT + 60_000 }, async () => {
  const { page, origin, seen } = await accuratePage();
  const toggle = page.locator("#accurate-toggle");
  assert.equal(await page.textContent('label[for="accurate-toggle"]'), "Accurate mode (downloads ~92 MB once, runs in this browser)");
  assert.equal(await toggle.isDisabled(), false);
  assert.equal(await page.getAttribute("#mode-badge", "data-mode"), "default");
  assert.ok(!seen.requests.some((u) => u.includes(MODEL_PATH) || u.includes("rubricate_encoder")), "nothing fetched before it is asked for");

  await page.evaluate(() => {
    window.__accurateStatus = [];
    const status = document.getElementById("accurate-status");
    new MutationObserver(() => window.__accurateStatus.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  // Keyboard: focus the checkbox and press Space.
  await toggle.focus();
  await page.keyboard.press("Space");
  await page.waitForSelector('#accurate-status[data-state="done"], #accurate-status[data-state="error"]', { timeout: LOAD_TIMEOUT });
  const status = await page.textContent("#accurate-status");
  assert.equal(await page.getAttribute("#accurate-status", "data-state"), "done", status);
  assert.match(status, /^Accurate mode on \(all-MiniLM-L6-v2, 9\d\.\d MB\)/);
  assert.equal(await toggle.isChecked(), true);
  const texts = await page.evaluate(() => window.__accurateStatus);
  assert.ok(texts.some((t) => /Downloading accurate mode's model… [\d.]+ of [\d.]+ MB \(\d+%\)/.test(t)), `progress shown: ${JSON.stringify(texts)}`);
  for (const f of ["model.safetensors", "config.json", "tokenizer.json"]) {
    const hits = seen.requests.filter((u) => u === `${origin}${MODEL_PATH}${f}`);
    assert.equal(hits.length, 1, `${f} fetched once, from the page's own server`);
  }

  // The answer is graded again with the encoder's evidence: the JSON says so.
  await page.waitForFunction(() => document.getElementById("mode-badge")?.dataset.mode === "accurate", null, { timeout: ENGINE_TIMEOUT }).catch(() => {});
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-answer-json")]);
  const json = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(json.accurate?.model, MODEL, "the request carried the encoder's evidence");
  assert.ok(Math.abs(json.accurate.cosine - NATIVE.paraphrase.cosine) < 1e-3, `cosine ${json.accurate.cosine}`);
  // Needs the engine's accurate mode (src/): until then the engine ignores the evidence.
  assert.equal(json.result.mode, "accurate", "the engine graded in accurate mode");
  assert.equal(await page.getAttribute("#mode-badge", "data-mode"), "accurate");
  assert.equal(await page.textContent("#mode-badge"), "Accurate mode");

  // Off again: default mode, no evidence.
  await toggle.uncheck();
  await page.waitForFunction(() => document.getElementById("mode-badge")?.dataset.mode === "default", null, { timeout: ENGINE_TIMEOUT });
  await toggle.check();
  await page.waitForSelector('#accurate-status[data-state="done"]', { timeout: ENGINE_TIMEOUT });
  seen.check();
});

test("the encoder in wasm: sane figures, equal to the native build's, model read from the cache the second time", { timeout: LOAD_TIMEOUT }, async () => {
  const { page, seen } = await accuratePage();
  const before = seen.requests.length;
  const r = await page.evaluate(
    async ({ reference, paraphrase, unrelated, base }) => {
      const { loadAccurate } = await import("/pkg/accurate.js");
      const acc = await loadAccurate({ modelBase: base });
      const out = {
        cached: acc.cached,
        model: acc.model,
        self: await acc.compare(reference, reference),
        paraphrase: await acc.compare(paraphrase, reference),
        unrelated: await acc.compare(unrelated, reference),
        empty: await acc.compare("", reference),
      };
      acc.close();
      return out;
    },
    { reference: REFERENCE, paraphrase: PARAPHRASE, unrelated: UNRELATED, base: MODEL_PATH },
  );
  assert.equal(r.model, MODEL);
  assert.equal(r.cached, true, "the second load reads the model from the browser's cache");
  const again = seen.requests.slice(before).filter((u) => u.includes(MODEL_PATH));
  assert.deepEqual(again, [], "no model file downloaded again");
  assert.ok(r.self.cosine > 0.999 && r.self.recall > 0.999, `an answer with itself: ${JSON.stringify(r.self)}`);
  assert.ok(r.paraphrase.cosine > r.unrelated.cosine + 0.3, `paraphrase ${r.paraphrase.cosine} vs unrelated ${r.unrelated.cosine}`);
  assert.ok(r.paraphrase.recall > r.unrelated.recall, `recall: paraphrase ${r.paraphrase.recall} vs unrelated ${r.unrelated.recall}`);
  for (const k of /** @type {const} */ (["self", "paraphrase", "unrelated"])) {
    assert.equal(r[k].model, MODEL);
    for (const f of /** @type {const} */ (["cosine", "recall"])) {
      assert.ok(Math.abs(r[k][f] - NATIVE[k][f]) < 1e-3, `${k} ${f}: wasm ${r[k][f]}, native ${NATIVE[k][f]}`);
    }
  }
  assert.ok(Number.isFinite(r.empty.cosine) && r.empty.recall === 0, `an empty answer: ${JSON.stringify(r.empty)}`);
  seen.check();
});

test("a server without the model says so, and grading goes on in default mode", async () => {
  const { page, context, seen } = await openPage();
  await context.route(`**${MODEL_PATH}**`, (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.selectOption("#question-pick", "");
  await page.fill("#own-question", QUESTION);
  await page.fill("#reference", REFERENCE);
  await page.fill("#answer", PARAPHRASE);
  assert.equal(await waitForScore(page), null);
  await page.check("#accurate-toggle");
  await page.waitForSelector('#accurate-status[data-state="error"]', { timeout: LOAD_TIMEOUT });
  assert.match(await page.textContent("#accurate-status"), /Accurate mode is unavailable: model not installed on this server: run make model\./);
  assert.equal(await page.isChecked("#accurate-toggle"), false);
  assert.equal(await page.isDisabled("#accurate-toggle"), false);
  assert.equal(await page.getAttribute("#mode-badge", "data-mode"), "default");
  // The failed fetches are the test's own 404s, logged by the browser as console errors.
  seen.errors = seen.errors.filter((e) => !/404/.test(e));
  seen.check();
});
