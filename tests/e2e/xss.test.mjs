// Hostile markup in every place a person can put text into the page: each payload of
// tests/fixtures/xss-payloads.txt goes into an answer, an own question, a custom rubric's title,
// role, question and talking-point texts, and a transcript's candidate name, position, questions and
// answers. No dialog may open, no script may run (window.__xss stays unset), no element may be
// created from user text (img/script/iframe/svg/... counts equal those of a run with plain words),
// and the Markdown and JSON downloads carry the payload as text only.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, ROOT, openPage, useBrowser } from "./harness.mjs";

useBrowser();

const PAYLOADS = (await readFile(join(ROOT, "tests/fixtures/xss-payloads.txt"), "utf8"))
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("# "));

/** Elements that user text must never create; counted over the whole document. */
const LIVE = ["img", "script", "iframe", "svg", "object", "embed", "video", "audio", "source", "details", "math", "style", "link", "meta", "base", "form", "a[href^='javascript' i]", "[onerror]", "[onload]", "[onfocus]", "[ontoggle]", "[onmouseover]", "[srcdoc]", "[autofocus]"];

const RUBRIC_ID = "xss-probe";

async function rubricWith(payload) {
  const base = JSON.parse(await readFile(join(ROOT, "tests/fixtures/rubrics/good-custom.json"), "utf8"));
  base.id = RUBRIC_ID;
  base.title = `Probe ${payload}`;
  base.role = `Role ${payload}`;
  for (const q of base.questions) {
    q.text = `${q.text} ${payload}`;
    for (const p of q.points) p.text = `${p.text} ${payload}`;
  }
  return base;
}

function transcriptWith(payload, marker) {
  return (
    `Candidate: Eve Probe - Engineer ${payload}\n=====\n\n` +
    `Interviewer: An alert pages you at night saying checkout errors have spiked. What do you do first? ${payload}\n\n` +
    `Candidate: I acknowledge the page and open an incident channel ${payload} then check the dashboards and roll back the recent deploy. ${marker}\n\n` +
    `Interviewer: Tell me about a time you handed over an unfinished incident. ${payload}\n\n` +
    `Candidate: ${payload}\n`
  );
}

async function counts(page) {
  return page.evaluate((selectors) => Object.fromEntries(selectors.map((s) => [s, document.querySelectorAll(s).length])), LIVE);
}

/** Markdown in which no link, image, autolink or raw HTML can form. */
function assertInertMarkdown(md, payload) {
  assert.ok(!md.includes("<"), `raw < in the Markdown export for ${payload}`);
  for (let i = 0; i < md.length; i++) {
    if ("[]`!".includes(md[i])) assert.equal(md[i - 1], "\\", `unescaped ${md[i]} in the Markdown export for ${payload}`);
  }
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return readFile(await file.path(), "utf8");
}

/** Runs every flow with `payload`; `i` makes each round's texts unique so waits see fresh output. */
async function runFlows(page, payload, i) {
  const marker = `roundmarker${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`;
  // 1. Own question and answer.
  await page.click("label[for=mode-single]");
  await page.selectOption("#question-pick", "");
  await page.fill("#own-question", `Which cache would you use? ${payload}`);
  const answer = `${payload} I would put Redis in front of the database ${payload} and expire keys after five minutes. ${marker}`;
  await page.fill("#answer", answer);
  await page.waitForFunction((a) => document.getElementById("evidence-view")?.textContent === a, answer, { timeout: ENGINE_TIMEOUT });
  const single = JSON.parse(await download(page, "#export-answer-json"));
  assert.equal(single.answer, answer, "the answer export keeps the payload as text");

  // 2. A custom rubric carrying the payload in its title, role, question and point texts.
  const rubric = await rubricWith(payload);
  await page.setInputFiles("#rubric-file", { name: `probe-${i}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(rubric)) });
  await page.waitForFunction((n) => document.getElementById("rubric-loaded")?.textContent.includes(n), `probe-${i}.json`, { timeout: ENGINE_TIMEOUT });
  assert.ok((await page.textContent("#rubric-loaded")).includes(payload.trim()), `rubric title shown as text for ${payload}`);
  await page.selectOption("#question-pick", `${RUBRIC_ID}/${rubric.questions[0].id}`);
  const ruled = `I acknowledge the page, open an incident channel and check the dashboards for the blast radius. ${marker} ${payload}`;
  await page.fill("#answer", ruled);
  await page.waitForFunction((a) => document.getElementById("evidence-view")?.textContent === a, ruled, { timeout: ENGINE_TIMEOUT });
  const points = await page.textContent("#points");
  assert.ok(points.includes(payload.trim()), `point texts shown as text for ${payload}`);

  // 3. A transcript with the payload in the name, position, questions and answers.
  await page.click("label[for=mode-transcript]");
  await page.fill("#transcript-text", transcriptWith(payload, marker));
  await page.click("#evaluate");
  await page.waitForFunction((m) => document.getElementById("candidates")?.textContent.includes(m), marker, { timeout: ENGINE_TIMEOUT });
  const shown = await page.textContent("#candidates");
  assert.ok(shown.includes(payload.trim()), `transcript payload shown as text for ${payload}`);
  const md = await download(page, "#export-md");
  assertInertMarkdown(md, payload);
  const report = JSON.parse(await download(page, "#export-json"));
  assert.ok(report.candidates[0].position.includes(payload.trim()), "the JSON export keeps the position as text");
  assert.ok(report.candidates[0].questions[0].answer.includes(marker));
}

test(`${PAYLOADS.length} XSS payloads in answers, questions, custom rubrics and transcripts stay text`, async () => {
  assert.ok(PAYLOADS.length >= 25, `only ${PAYLOADS.length} payloads`);
  const { page, seen } = await openPage();
  await runFlows(page, "plain words", 0);
  const baseline = await counts(page);
  for (const [k, payload] of PAYLOADS.entries()) {
    await runFlows(page, payload, k + 1);
    assert.deepEqual(await counts(page), baseline, `elements created from user text by ${payload}`);
  }
  await page.waitForTimeout(300); // give an injected handler the chance to fire
  assert.equal(await page.evaluate(() => window.__xss), undefined, "no injected script ran");
  assert.deepEqual(await counts(page), baseline);
  seen.check(); // no dialog, no console error, no request outside 127.0.0.1
});
