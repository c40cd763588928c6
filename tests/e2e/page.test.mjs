// End-to-end tests of the page (www/) in headless Chromium: what a person does with it, and what
// must never happen (a request leaving 127.0.0.1, user text run as markup, a console error).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, FIXTURES, SCREENSHOTS, bundledRubrics, openPage, technicalQuestion, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

const XSS_IMG = "<img src=x onerror=alert(1)>";
const XSS_SCRIPT = "<script>alert(1)</script>";

test("the page loads offline-only, with its privacy note, CSP and the bundled rubrics", async () => {
  const { page, seen } = await openPage();
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  assert.match(await page.textContent("#privacy-note"), /Nothing leaves this page/);
  assert.ok(await page.isVisible("#privacy-note"));
  const rubrics = await bundledRubrics();
  const groups = await page.$$eval("#question-pick optgroup", (gs) => gs.map((g) => /** @type {HTMLOptGroupElement} */ (g).label));
  assert.deepEqual(new Set(groups), new Set(rubrics.map((r) => r.role)), "one group per role");
  const options = await page.$$eval("#question-pick option", (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
  for (const r of rubrics) for (const q of r.questions) assert.ok(options.includes(`${r.id}/${q.id}`), `${r.id}/${q.id} listed`);
  assert.match(await page.textContent("#engine-version"), /^rubricate \d/);
  seen.check();
});

test("choose a rubric question, paste an answer: score, grade and highlighted evidence", async () => {
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  assert.equal(await page.textContent("#question-text"), question.text);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null, "the answer was graded");
  const score = Number(await page.textContent("#score-value"));
  assert.ok(score > 2.5 && score <= 5, `the rubric's own model answer scores well (got ${score})`);
  assert.match(await page.textContent("#grade"), /^Grade [0-5] of 5$/);
  assert.match(await page.textContent("#score-live"), /^Score \d\.\d out of 5, grade \d/);
  assert.equal(await page.getAttribute("#score-live", "aria-live"), "polite");
  assert.ok((await page.textContent("#justification")).length > 10, "a justification");
  const marks = await page.$$eval("#evidence-view mark.evidence", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0, "evidence is highlighted");
  for (const m of marks) assert.ok(question.reference.includes(m), `highlight "${m}" is text of the answer`);
  assert.equal(await page.textContent("#evidence-view"), question.reference, "the highlighted view shows the whole answer, unchanged");
  assert.ok((await page.$$("#covered li:not(.empty)")).length > 0, "covered points listed");
  assert.ok((await page.$$("#signals .signal")).length > 0, "signal bars");
  seen.check();
});

test("rubric packs load per role: the first load fetches their index, a pack the first time it grades", async () => {
  const { page, seen } = await openPage();
  const packs = () => seen.requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith("/pkg/rubrics/"));
  assert.ok(seen.requests.some((u) => new URL(u).pathname === "/pkg/rubricate_rubrics.pack"), "the index is fetched");
  assert.deepEqual(packs(), [], "no pack before anything is graded");
  const { question, value } = await technicalQuestion();
  const rubricId = value.split("/")[0];
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null, "the answer was graded");
  assert.deepEqual([...new Set(packs())], [`/pkg/rubrics/${rubricId}.pack`], "only the graded question's pack");
  const score = Number(await page.textContent("#score-value"));
  assert.ok(score > 2.5, `graded against the full rubric (got ${score})`);
  seen.check();
});

test("live scoring follows typing (debounced) and clears when the answer is emptied", async () => {
  const { page, seen } = await openPage();
  const { value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  await page.click("#answer");
  await page.keyboard.type("Health checks and a load balancer over two availability zones.", { delay: 5 });
  assert.equal(await waitForScore(page), null);
  const first = await page.textContent("#score-value");
  await page.keyboard.type(" The database is replicated with automatic failover, and we rehearse failover every quarter.", { delay: 5 });
  await page.waitForFunction((prev) => document.getElementById("score-value").textContent !== prev, first, { timeout: ENGINE_TIMEOUT });
  await page.fill("#answer", "");
  await page.waitForSelector("#result-body[hidden]", { state: "attached" });
  assert.match(await page.textContent("#score-live"), /Type or paste/);
  seen.check();
});

test("an own question with a model answer; emoji and CJK are highlighted at the right places", async () => {
  const { page, seen } = await openPage();
  await page.selectOption("#question-pick", "");
  assert.ok(await page.isVisible("#own-question"));
  await page.fill("#own-question", "What is a race condition, and how do you prevent one?");
  await page.fill(
    "#reference",
    "A race condition is a bug where the result depends on the timing of threads that share state without synchronisation. Prevent it with a mutex or lock, atomic operations, or message passing instead of shared memory.",
  );
  const answer = "🚀 东京 team note: a race condition 😀 happens when two threads share state without synchronisation, so timing decides the result. Ünïcödé fix: a mutex, atomic operations, or message passing 👩‍💻.";
  await page.fill("#answer", answer);
  assert.equal(await waitForScore(page), null);
  assert.equal(await page.textContent("#evidence-view"), answer, "text preserved around every highlight");
  const marks = await page.$$eval("#evidence-view mark", (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0, "evidence highlighted");
  for (const m of marks) assert.ok(answer.includes(m) && !m.includes("\uFFFD"), `highlight "${m}" cut no character`);
  assert.match(await page.textContent("#basis"), /model answer/);
  seen.check();
});

test("markup in answers and transcripts is shown as inert text", async () => {
  const { page, seen } = await openPage();
  const scriptsBefore = await page.$$eval("script", (s) => s.length);
  await page.selectOption("#question-pick", "");
  await page.fill("#own-question", `Which cache would you use? ${XSS_IMG}`);
  const answer = `${XSS_IMG} I would put Redis in front of the database ${XSS_SCRIPT} and expire keys after five minutes.`;
  await page.fill("#answer", answer);
  assert.equal(await waitForScore(page), null);
  assert.equal(await page.textContent("#evidence-view"), answer, "the payload is displayed as text");

  await page.check("#mode-transcript", { force: true });
  const transcript = `Candidate: ${XSS_IMG}\nPosition: ${XSS_SCRIPT}\n\nInterviewer: What does a load balancer do? ${XSS_IMG}\n\nCandidate: "${XSS_SCRIPT} It spreads requests over healthy instances ${XSS_IMG} and stops sending traffic to ones that fail health checks."\n`;
  await page.fill("#transcript-text", transcript);
  await page.click("#evaluate");
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  const shown = await page.textContent("#candidates");
  assert.ok(shown.includes(XSS_SCRIPT) || shown.includes(XSS_IMG), "transcript payload shown as text");

  await page.waitForTimeout(300); // give an injected handler the chance to fire
  assert.equal(await page.$$eval("img", (i) => i.length), 0, "no <img> element was created");
  assert.equal(await page.$$eval("script", (s) => s.length), scriptsBefore, "no <script> element was added");
  assert.equal(await page.$$eval("iframe, object, embed", (x) => x.length), 0);
  seen.check(); // includes: no alert() dialog fired
});

test("transcript mode with a file: cards, chart, evaluation and HR report", async () => {
  const { page, seen } = await openPage();
  await page.check("#mode-transcript", { force: true });
  assert.ok(await page.isVisible("#transcript-text"));
  assert.ok(!(await page.isVisible("#answer")), "single-answer inputs hidden in transcript mode");
  await page.setInputFiles("#transcript-file", join(FIXTURES, "transcript.txt"));
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.textContent(".candidate h2"), "Jordan Okafor");
  assert.match(await page.textContent(".candidate .position"), /Cloud Solutions Architect/);
  const cards = await page.$$(".question-card");
  assert.ok(cards.length >= 4, `one card per question (got ${cards.length})`);
  // Small talk, logistics and the closing have a card that says "not graded", and no bar.
  const scoreTexts = await page.$$eval(".question-card .q-score", (s) => s.map((x) => x.textContent));
  const graded = scoreTexts.filter((t) => t !== "not graded");
  assert.ok(graded.length >= 3, `graded questions (got ${scoreTexts.join(", ")})`);
  for (const t of graded) assert.match(t, /^\d\.\d \/ 5$/);
  assert.equal((await page.$$(".score-chart rect.bar-rect")).length, graded.length, "one bar per graded question");
  assert.match(await page.textContent(".score-chart title"), /Scores by question: Q1 \d\.\d/);
  assert.match(await page.textContent(".recommendation"), /^(Advance|Hold|Decline)$/);
  const terms = await page.$$eval(".hr dt", (d) => d.map((x) => x.textContent));
  assert.deepEqual(terms, ["Suitability", "Strengths", "Gaps", "Skills", "Communication", "Recommendation"]);
  // The weak, hedged cost answer is flagged and scores below the strong availability answer.
  const scores = await page.$$eval(".question-card", (cs) =>
    cs.map((c) => ({ q: c.querySelector(".q-text").textContent, score: parseFloat(c.querySelector(".q-score").textContent), flags: c.textContent })),
  );
  const ha = scores.find((s) => /stays available/.test(s.q));
  const cost = scores.find((s) => /cloud bill/.test(s.q));
  assert.ok(ha && cost, "both technical questions present");
  assert.ok(ha.score > cost.score, `strong answer (${ha.score}) above the hedged one (${cost.score})`);
  assert.match(cost.flags, /Struggled|Hedging/i);
  assert.match(await page.textContent("#transcript-status"), /Graded \d+ answers?/);
  seen.check();
});

test("transcript mode: a file dropped on the text box is graded", async () => {
  const { page, seen } = await openPage();
  await page.check("#mode-transcript", { force: true });
  const text = await readFile(join(FIXTURES, "transcript.txt"), "utf8");
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], "interview.txt", { type: "text/plain" }));
    const zone = document.getElementById("drop-zone");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.inputValue("#transcript-text"), text, "the dropped file fills the text box");
  assert.equal(await page.textContent(".candidate h2"), "Jordan Okafor");
  seen.check();
});

test("exports: Markdown and JSON downloads of a report, JSON of one answer", async () => {
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null);
  const [one] = await Promise.all([page.waitForEvent("download"), page.click("#export-answer-json")]);
  assert.equal(one.suggestedFilename(), "rubricate-answer.json");
  const single = JSON.parse(await readFile(await one.path(), "utf8"));
  assert.equal(single.answer, question.reference);
  assert.equal(typeof single.result.score, "number");

  await page.check("#mode-transcript", { force: true });
  await page.setInputFiles("#transcript-file", join(FIXTURES, "transcript.txt"));
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  const [md] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
  assert.equal(md.suggestedFilename(), "rubricate-report.md");
  const markdown = await readFile(await md.path(), "utf8");
  assert.match(markdown, /Jordan Okafor/);
  assert.match(markdown, /^#/m, "Markdown headings");
  const [js] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  assert.equal(js.suggestedFilename(), "rubricate-report.json");
  const report = JSON.parse(await readFile(await js.path(), "utf8"));
  assert.equal(report.candidates[0].name, "Jordan Okafor");
  assert.ok(report.candidates[0].questions.length >= 4);
  assert.match(report.engine, /^rubricate /);
  seen.check();
});

test("a bad custom rubric shows every problem in place; a good one joins the picker", async () => {
  const { page, seen } = await openPage();
  const bad = {
    id: XSS_IMG,
    title: "",
    version: "first",
    role: "Tester",
    questions: [{ id: "q", text: "What?", kind: "riddle", reference: "", criteria: [], points: [] }],
  };
  await page.setInputFiles("#rubric-file", { name: "bad-rubric.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForSelector("#rubric-errors:not([hidden])");
  assert.match(await page.textContent("#rubric-errors-title"), /bad-rubric\.json is not a valid rubric: \d+ problems?/);
  const paths = await page.$$eval("#rubric-errors-list code.path", (cs) => cs.map((c) => c.textContent));
  assert.ok(paths.length >= 3, `several problems listed (got ${paths.join(", ")})`);
  for (const p of paths) assert.match(p, /^\$/, "each problem has its JSON path");
  assert.ok(paths.some((p) => p.startsWith("$.questions[0]")), "problems inside a question are located");
  assert.equal(await page.getAttribute("#rubric-errors", "role"), "alert");
  assert.equal(await page.$$eval("img", (i) => i.length), 0, "the payload in the rubric id stays text");

  const [rubric] = (await bundledRubrics()).filter((r) => r.questions.length);
  const mine = { ...rubric, id: "my-team-rubric", title: "My team's rubric", role: "Custom role" };
  await page.setInputFiles("#rubric-file", { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(mine)) });
  await page.waitForSelector("#rubric-errors", { state: "hidden" });
  assert.match(await page.textContent("#rubric-loaded"), /Loaded “My team's rubric”/);
  assert.equal(await page.inputValue("#question-pick"), `my-team-rubric/${mine.questions[0].id}`);
  assert.ok((await page.$$eval("#question-pick optgroup", (g) => g.map((x) => /** @type {HTMLOptGroupElement} */ (x).label))).includes("Custom role"));
  assert.ok((await page.$$eval("#transcript-rubric option", (o) => o.map((x) => /** @type {HTMLOptionElement} */ (x).value))).includes("my-team-rubric"));
  seen.check();
});

test("keyboard and screen readers: labelled controls, skip link, live region", async () => {
  const { page, seen } = await openPage();
  const unlabelled = await page.$$eval("textarea, select, input:not([type=file]):not([type=hidden])", (els) =>
    els.filter((e) => !(/** @type {HTMLInputElement} */ (e).labels?.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby")).map((e) => e.id || e.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  // Tab reaches the mode switch, then the question picker, then the answer box.
  const order = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(order.indexOf("question-pick") >= 0 && order.indexOf("answer") > order.indexOf("question-pick"), `focus order: ${order}`);
  // Arrow keys switch modes (native radio group).
  await page.focus("#mode-single");
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.isVisible("#transcript-text"));
  assert.equal(await page.getAttribute("#score-live", "aria-live"), "polite");
  seen.check();
});

test("phone width: one column, no sideways scrolling; dark scheme; screenshots", async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const { page, seen } = await openPage({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const { question, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  await waitForScore(page);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `page fits the phone (${widths[0]} > ${widths[1]})`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, "rgb(245, 246, 248)", "dark scheme applied");
  await page.screenshot({ path: join(SCREENSHOTS, "phone-dark.png"), fullPage: true });
  seen.check();
});

test("screenshot of the page with a graded answer (tests/e2e/screenshots/page.png)", async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  await page.selectOption("#question-pick", value);
  // A middling answer: some points made, some missing, one hedge, so every part of the result shows.
  await page.fill(
    "#answer",
    "I would run several instances in two availability zones behind a load balancer with health checks, so one bad server drops out of rotation quickly. " +
      "I think the database should be replicated with automatic failover, though I'm not sure about the details. " +
      question.reference.split(". ").slice(0, 2).join(". ") + ".",
  );
  const error = await waitForScore(page);
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur()); // no focus ring in the picture
  await page.screenshot({ path: join(SCREENSHOTS, "page.png"), fullPage: true });
  assert.equal(error, null, "the answer was graded");
  seen.check();
});
