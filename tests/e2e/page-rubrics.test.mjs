// End-to-end tests of the page's rubric tools: importing Canvas / Prometheus / Rubricate files
// (format detected or chosen), problems shown in place, exports of the selected rubric as
// downloads, and drafting a rubric from the user's own model answer.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, ROOT, openPage, technicalQuestion, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

const INTEROP = join(ROOT, "tests", "fixtures", "interop");

async function fileInput(name) {
  return { name, mimeType: "application/json", buffer: await readFile(join(INTEROP, name)) };
}

/** Clicks `selector` and returns the downloaded file's name and parsed JSON. */
async function downloadJson(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: ENGINE_TIMEOUT }), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), json: JSON.parse(await readFile(path, "utf8")) };
}

test("a Canvas rubric file is detected, loaded, selected, and answers are scored against it", async () => {
  const { page, seen } = await openPage();
  assert.equal(await page.inputValue("#rubric-format"), "auto");
  await page.setInputFiles("#rubric-file", await fileInput("canvas-api.json"));
  await page.waitForFunction(() => document.getElementById("rubric-loaded").textContent !== "", null, { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-loaded"), /^Loaded “.+” \(1 question\) from canvas-api\.json \(Canvas LMS format\)\.$/);
  assert.ok(await page.isHidden("#rubric-errors"));
  const picked = await page.inputValue("#question-pick");
  assert.ok(picked.includes("/"), `the imported question is selected (got "${picked}")`);
  const [rubricId] = picked.split("/");
  await page.fill(
    "#answer",
    "I keep pull requests small and focused so they can be read in one sitting, and formatting, linters and the test suite run in CI before anyone reviews, so reviewers look at design and naming.",
  );
  assert.equal(await waitForScore(page), null, "the answer was graded");
  assert.match(await page.textContent("#basis"), new RegExp(`Graded against the rubric ${rubricId} `));
  assert.ok((await page.$$("#covered li:not(.empty)")).length > 0, "talking points from the Canvas criteria are covered");
  const weak = Number(await page.textContent("#score-value"));
  assert.ok(weak > 0, `a relevant answer scores above zero (got ${weak})`);
  // The same file read with the format chosen explicitly, and the worker grades transcripts with it.
  await page.selectOption("#rubric-format", "canvas");
  await page.setInputFiles("#rubric-file", await fileInput("canvas-api.json"));
  await page.waitForFunction(() => /Loaded/.test(document.getElementById("rubric-loaded").textContent), null, { timeout: ENGINE_TIMEOUT });
  assert.ok((await page.$$eval("#transcript-rubric option", (o) => o.map((x) => /** @type {HTMLOptionElement} */ (x).value))).includes(rubricId));
  seen.check();
});

test("a Prometheus file imports; a file read in the wrong format shows its problems with paths", async () => {
  const { page, seen } = await openPage();
  await page.setInputFiles("#rubric-file", await fileInput("prometheus-single.json"));
  await page.waitForFunction(() => /Loaded/.test(document.getElementById("rubric-loaded").textContent), null, { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-loaded"), /\(Prometheus format\)/);
  await page.selectOption("#rubric-format", "prometheus");
  await page.setInputFiles("#rubric-file", await fileInput("canvas-api.json"));
  await page.waitForSelector("#rubric-errors:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-errors-title"), /canvas-api\.json is not a valid Prometheus rubric: \d+ problems?\./);
  assert.equal(await page.textContent("#rubric-loaded"), "", "no success message next to the errors");
  seen.check();
});

test("a bad Canvas file shows every problem in place, each with its JSON path, as text", async () => {
  const { page, seen } = await openPage();
  const bad = JSON.parse(await readFile(join(INTEROP, "bad-canvas.json"), "utf8"));
  bad.data.push({ description: "<img src=x onerror=alert(1)>", points: "<script>alert(2)</script>" });
  await page.setInputFiles("#rubric-file", { name: "bad-canvas.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForSelector("#rubric-errors:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-errors-title"), /^bad-canvas\.json is not a valid rubric: \d+ problems\.$/);
  const paths = await page.$$eval("#rubric-errors-list code.path", (cs) => cs.map((c) => c.textContent));
  assert.ok(paths.length >= 4, `every problem listed (got ${paths.join(", ")})`);
  assert.ok(paths.includes("$.title"), `the empty title is located (got ${paths.join(", ")})`);
  assert.ok(paths.some((p) => p.startsWith("$.data[0]")) && paths.some((p) => p.startsWith("$.data[2]")), paths.join(", "));
  assert.equal(await page.$$eval("#main img, #main script", (n) => n.length), 0, "the payloads stay text");
  // A file that is not JSON at all.
  await page.setInputFiles("#rubric-file", { name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await page.waitForFunction(() => /notes\.json/.test(document.getElementById("rubric-errors-title").textContent), null, { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-errors-list"), /JSON syntax error.*line 1/);
  seen.check();
});

test("the selected rubric exports to Canvas and Prometheus JSON downloads that parse", async () => {
  const { page, seen } = await openPage();
  const { rubric, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  assert.ok(await page.isEnabled("#export-canvas"));
  const canvas = await downloadJson(page, "#export-canvas");
  assert.equal(canvas.name, `${rubric.id}.canvas.json`);
  assert.equal(canvas.json.title, rubric.title);
  assert.ok(Array.isArray(canvas.json.data) && canvas.json.data.length > rubric.questions.length, "criteria rows");
  for (const row of canvas.json.data) assert.ok(typeof row.description === "string" && Array.isArray(row.ratings), JSON.stringify(row));
  const prometheus = await downloadJson(page, "#export-prometheus");
  assert.equal(prometheus.name, `${rubric.id}.prometheus.json`);
  assert.equal(prometheus.json.length, rubric.questions.length);
  for (const item of prometheus.json) {
    assert.equal(typeof item.criteria, "string");
    for (let i = 1; i <= 5; i++) assert.equal(typeof item[`score${i}_description`], "string");
  }
  assert.match(await page.textContent("#rubric-export-status"), /Downloaded .*prometheus\.json/);
  // An exported Canvas file loads back into the page.
  await page.setInputFiles("#rubric-file", { name: "back.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(canvas.json)) });
  await page.waitForFunction(() => /Loaded/.test(document.getElementById("rubric-loaded").textContent), null, { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-loaded"), new RegExp(`\\(${rubric.questions.length} questions\\) from back\\.json \\(Canvas LMS format\\)`));
  // With "My own question" picked there is no rubric to export.
  await page.selectOption("#question-pick", "");
  assert.ok(await page.isDisabled("#export-canvas"));
  seen.check();
});

test("draft a rubric from my model answer: points shown, selected, answers graded with covered and missing points", async () => {
  const { page, seen } = await openPage();
  await page.selectOption("#question-pick", "");
  assert.ok(await page.isDisabled("#draft-rubric"), "nothing to draft from yet");
  const question = "How would you find a memory leak in a long-running service?";
  await page.fill("#own-question", question);
  await page.fill(
    "#reference",
    "Watch resident memory and heap size over days to confirm steady growth, then take heap snapshots or heap dumps some hours apart and diff them " +
      "to see which object types keep growing. Follow the retaining paths to the owner, often an unbounded cache, a listener never removed, " +
      "or a global collection. Reproduce it under a load test, fix it with eviction or weak references, and add a memory alert so it is caught early.",
  );
  assert.ok(await page.isEnabled("#draft-rubric"));
  await page.focus("#draft-rubric");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#draft-result:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.evaluate(() => document.activeElement.id), "draft-heading", "focus moves to the drafted rubric");
  const points = await page.$$eval("#draft-points li", (ls) => ls.map((l) => l.textContent));
  assert.ok(points.length >= 4, `talking points listed: ${points.join(" | ")}`);
  const picked = await page.inputValue("#question-pick");
  assert.ok(picked && picked.includes("/"), "the drafted question is selected");
  assert.equal(await page.textContent("#question-text"), question);
  await page.fill("#answer", "I would take heap snapshots a few hours apart and diff them, then follow the retaining paths; usually an unbounded cache is the owner.");
  assert.equal(await waitForScore(page), null);
  const covered = await page.$$eval("#covered li:not(.empty)", (ls) => ls.map((l) => l.textContent));
  const missing = await page.$$eval("#missing li:not(.empty)", (ls) => ls.map((l) => l.textContent));
  assert.ok(covered.length > 0 && missing.length > 0, `covered: ${covered}; missing: ${missing}`);
  assert.match(await page.textContent("#basis"), /Graded against the rubric /);
  const file = await downloadJson(page, "#draft-download");
  assert.equal(`${file.json.id}/${file.json.questions[0].id}`, picked);
  assert.equal(file.json.questions[0].points.length, points.length);
  seen.check();
});

test("drafting from a model answer with no content words shows the problem in place", async () => {
  const { page, seen } = await openPage();
  await page.selectOption("#question-pick", "");
  await page.fill("#own-question", "Why?");
  await page.fill("#reference", "It is what it is, and that is that.");
  await page.click("#draft-rubric");
  await page.waitForSelector("#rubric-errors:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-errors-title"), /The rubric could not be drafted/);
  assert.deepEqual(await page.$$eval("#rubric-errors-list code.path", (cs) => cs.map((c) => c.textContent)), ["$.reference"]);
  assert.ok(await page.isHidden("#draft-result"));
  seen.check();
});

test("a rubric with a phrasing that would match any answer loads with a warning at its path", async () => {
  const { page, seen } = await openPage();
  const mine = JSON.parse(await readFile(join(ROOT, "tests", "fixtures", "rubrics", "good-custom.json"), "utf8"));
  mine.questions[0].points[1].phrases.push("the work");
  await page.setInputFiles("#rubric-file", { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(mine)) });
  await page.waitForSelector("#rubric-warnings:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.match(await page.textContent("#rubric-loaded"), /^Loaded “/);
  assert.match(await page.textContent("#rubric-warnings-title"), /mine\.json loaded with 1 warning/);
  const n = mine.questions[0].points[1].phrases.length - 1;
  assert.deepEqual(await page.$$eval("#rubric-warnings-list code.path", (cs) => cs.map((c) => c.textContent)), [`$.questions[0].points[1].phrases[${n}]`]);
  assert.ok(await page.isHidden("#rubric-errors"));
  seen.check();
});
