// Privacy, tested: every flow of the page (score a bundled question, an own question, a custom rubric,
// a transcript from a file, every export, print) while every request is recorded. All of them must go
// to the page's own loopback origin, and afterwards nothing is left in localStorage, sessionStorage,
// IndexedDB, the Cache API, cookies or a service worker: the page keeps no drafts.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, FIXTURES, ROOT, openPage, technicalQuestion, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

async function storage(page, context) {
  const inPage = await page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    cookie: document.cookie,
    serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  return { ...inPage, contextCookies: (await context.cookies()).length };
}

const EMPTY = { localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [], cookie: "", serviceWorkers: 0, contextCookies: 0 };

test("every flow stays on the page's own origin and leaves no storage behind", async () => {
  const { page, context, origin, seen } = await openPage();
  assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content"), CSP, "the CSP, exactly");
  assert.equal((await page.$$('meta[http-equiv="Content-Security-Policy"]')).length, 1);
  assert.deepEqual(await storage(page, context), EMPTY, "nothing stored at load");

  // A bundled rubric question, graded as it is typed; its JSON export.
  const { question, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null);
  assert.equal((await download(page, "#export-answer-json")).name, "rubricate-answer.json");

  // An own question with a model answer.
  await page.selectOption("#question-pick", "");
  await page.fill("#own-question", "How would you keep a web service available when a server fails?");
  await page.fill("#reference", "Run several instances behind a load balancer with health checks.");
  const own = "I would run several instances across zones behind a load balancer that checks their health.";
  await page.fill("#answer", own);
  await page.waitForFunction((a) => document.getElementById("evidence-view")?.textContent === a, own, { timeout: ENGINE_TIMEOUT });

  // A custom rubric file.
  const custom = await readFile(join(ROOT, "tests/fixtures/rubrics/good-custom.json"));
  await page.setInputFiles("#rubric-file", { name: "custom.json", mimeType: "application/json", buffer: custom });
  await page.waitForFunction(() => /Loaded/.test(document.getElementById("rubric-loaded")?.textContent ?? ""), null, { timeout: ENGINE_TIMEOUT });
  await page.fill("#answer", "I acknowledge the page, open an incident channel and check the dashboards.");
  assert.equal(await waitForScore(page), null);

  // A transcript from a file, its exports, and print.
  await page.click("label[for=mode-transcript]");
  await page.setInputFiles("#transcript-file", join(FIXTURES, "transcript.txt"));
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  assert.equal((await download(page, "#export-md")).name, "rubricate-report.md");
  assert.equal((await download(page, "#export-json")).name, "rubricate-report.json");
  await page.evaluate(() => {
    window.print = () => {}; // headless Chromium has no print dialog: stand in for it, keep the page's hooks
  });
  await page.click("#print");
  await page.evaluate(() => {
    window.dispatchEvent(new Event("beforeprint"));
    window.dispatchEvent(new Event("afterprint"));
  });
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 1000, "the report prints");
  await page.emulateMedia({ media: "screen" });

  // Every request went to the page's own origin (or stayed in memory: blob:, data:).
  assert.ok(seen.requests.length >= 4, `requests recorded (${seen.requests.length})`);
  const foreign = seen.requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith(`blob:${origin}/`) || u.startsWith("data:")));
  assert.deepEqual(foreign, [], "requests outside the page's origin");
  assert.deepEqual(await storage(page, context), EMPTY, "nothing stored after every flow");

  // A reload starts empty: nothing typed was kept anywhere.
  await page.reload();
  await page.waitForSelector("body[data-ready]", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.inputValue("#answer"), "");
  assert.deepEqual(await storage(page, context), EMPTY, "nothing stored after a reload");
  seen.check();
});
