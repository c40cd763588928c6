// End-to-end test of the optional semantic model control: nothing is fetched until it is pressed;
// then the asset comes from the page's own loopback server, progress is shown as bytes arrive, the
// model loads and the answer is graded again.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, FIXTURES, WWW, openPage, technicalQuestion, waitForScore } from "./harness.mjs";
import { useBrowser } from "./harness.mjs";

useBrowser();

const ASSET = "/models/minilm-l6-static.rbem";

test("the semantic model loads lazily from 127.0.0.1 with progress, then the answer is rescored", async () => {
  const { page, origin, seen } = await openPage();
  const size = (await stat(join(WWW, ASSET))).size;
  const button = page.locator("#embeddings-load");
  await button.waitFor({ state: "visible" });
  assert.match(await button.textContent(), /Load semantic model \(\d+(\.\d)? MB, from this page's own server, optional\)/);
  assert.equal(await button.isDisabled(), false);
  assert.ok(!seen.requests.some((u) => u.includes(ASSET)), "the asset must not be fetched before it is asked for");

  // An answer to grade first, so loading the model visibly rescores it.
  const { value, question } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null);

  // Record every status text the control shows while it works.
  await page.evaluate(() => {
    window.__embeddingStatus = [];
    const status = document.getElementById("embeddings-status");
    new MutationObserver(() => window.__embeddingStatus.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
  });
  const asset = page.waitForResponse((r) => r.url().endsWith(ASSET), { timeout: ENGINE_TIMEOUT });
  await button.click();
  const response = await asset;
  assert.equal(response.status(), 200);
  assert.equal(new URL(response.url()).origin, origin, "the asset comes from the page's own server");
  assert.equal(new URL(origin).hostname, "127.0.0.1");

  await page.waitForSelector('#embeddings-status[data-state="done"], #embeddings-status[data-state="error"]', { timeout: ENGINE_TIMEOUT });
  const status = await page.textContent("#embeddings-status");
  assert.equal(await page.getAttribute("#embeddings-status", "data-state"), "done", status);
  assert.match(status, /Semantic model loaded \(2\.\d MB/);
  const texts = await page.evaluate(() => window.__embeddingStatus);
  assert.ok(texts.some((t) => /Loading the semantic model… [\d.]+ (of [\d.]+ )?MB/.test(t)), `progress was shown: ${JSON.stringify(texts)}`);
  const progress = await page.evaluate(() => {
    const p = /** @type {HTMLProgressElement} */ (document.getElementById("embeddings-progress"));
    return { hidden: p.hidden, value: p.value, max: p.max };
  });
  assert.deepEqual(progress, { hidden: false, value: 1, max: 1 });
  assert.equal(await button.isDisabled(), true);
  assert.equal(await button.textContent(), "Semantic model loaded");
  assert.equal(seen.requests.filter((u) => u.includes(ASSET)).length, 1, "fetched once");
  assert.ok(size > 1_000_000);

  // Still grading, now with the model.
  assert.equal(await waitForScore(page), null);

  // Transcripts are graded in the worker: it gets the same model, and the report says so.
  await page.check("#mode-transcript", { force: true });
  await page.setInputFiles("#transcript-file", join(FIXTURES, "transcript.txt"));
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  const [js] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const report = JSON.parse(await readFile(await js.path(), "utf8"));
  assert.match(report.engine, /^rubricate \S+ \+embeddings [0-9a-f]{16}$/, "the worker graded with the model");
  assert.ok(report.candidates[0].questions.every((q) => q.engine === report.engine));
  assert.equal(seen.requests.filter((u) => u.includes(ASSET)).length, 1, "the worker got the bytes, not a second download");
  seen.check();
});
