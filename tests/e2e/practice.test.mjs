// End-to-end tests of practice mode (www/practice.js, www/history.js): a role's questions answered
// one by one with feedback, the session summary and its Markdown download, the print stylesheet,
// shuffle and the timer; the opt-in history in IndexedDB (nothing stored before opting in, the
// chart after, nothing left after "Delete everything"); and an axe-core audit of every page state
// in light and dark (no serious or critical violation). Screenshots of practice mode go where the
// page's own do (harness.mjs SCREENSHOTS).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, FIXTURES, ROOT, SCREENSHOTS, bundledRubrics, openPage, technicalQuestion, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

const ROLE = "cloud-architect";
const DB_NAME = "rubricate-practice";

// A strong answer to cloud-architect/high-availability, written for this test (not the rubric's model answer).
const GOOD =
  "First I agree an availability target, say 99.95%, because it decides the downtime budget and whether a single region is enough, and multi-region is only worth its cost when the target justifies it. " +
  "I spread every tier across three availability zones for redundancy. A load balancer with health checks routes traffic around failed instances. " +
  "The web tier is stateless, with sessions in Redis, and runs in an auto scaling group so unhealthy instances are replaced automatically (self-healing). " +
  "The database is replicated to a standby in another zone with automatic failover, and backups are tested. " +
  "Calls between services use timeouts, retries with backoff and circuit breakers, so the app degrades gracefully instead of failing completely. " +
  "Monitoring and alerting on error rates and latency page the on-call engineer, who follows runbooks. " +
  "Finally we test failure on purpose with chaos experiments and game days, killing instances and a whole zone to prove the design works.";
// A weak answer to cloud-architect/disaster-recovery.
const WEAK = "I'm not sure, I think we would just take some backups and hope for the best.";

const AXE = await readFile(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** Opens the page in practice mode. @param {Parameters<typeof openPage>[0]} [options] */
async function openPractice(options) {
  const opened = await openPage(options);
  await opened.page.click("label[for=mode-practice]");
  await opened.page.waitForSelector("#practice-role option", { state: "attached" });
  return opened;
}

/** What the page keeps in this browser. @param {import("playwright-core").Page} page */
async function stored(page) {
  return page.evaluate(async () => ({
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookie: document.cookie,
  }));
}

/** The sessions in the history database, read in the page (only call once it exists). @param {import("playwright-core").Page} page */
async function dbSessions(page) {
  return page.evaluate(
    (name) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open(name);
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction("sessions").objectStore("sessions").getAll();
          get.onsuccess = () => {
            db.close();
            ok(get.result);
          };
          get.onerror = () => fail(get.error);
        };
      }),
    DB_NAME,
  );
}

/**
 * Submits `answer` to the current question and waits for the feedback; returns the score shown.
 * @param {import("playwright-core").Page} page
 * @param {string} answer
 */
async function answerQuestion(page, answer) {
  await page.fill("#practice-answer", answer);
  await page.click("#practice-submit");
  await page.waitForSelector("#practice-feedback:not([hidden])", { timeout: ENGINE_TIMEOUT });
  return Number(await page.textContent("#practice-score"));
}

/** Starts a session of ROLE (in order unless `shuffle`), answers GOOD then WEAK, and finishes. @param {import("playwright-core").Page} page */
async function twoAnswerSession(page, { timer = false } = {}) {
  await page.selectOption("#practice-role", ROLE);
  if (timer) await page.check("#practice-timer-toggle");
  await page.click("#practice-start");
  const good = await answerQuestion(page, GOOD);
  await page.click("#practice-next");
  const weak = await answerQuestion(page, WEAK);
  await page.click("#practice-finish");
  await page.waitForSelector("#practice-summary:not([hidden])");
  return { good, weak };
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. axe is injected from
 * node_modules without a request; evaluated through the DevTools protocol, since the page's CSP
 * (rightly) refuses an inline <script> such as page.addScriptTag({ content }) would add.
 * @param {import("playwright-core").Page} page
 */
async function axeProblems(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // @ts-ignore -- axe is the global axe-core defines
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((/** @type {any} */ v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((/** @type {any} */ n) => n.target.join(" ")).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

test("practice: pick a role, answer a good and a weak answer, feedback, summary, Markdown, print", async () => {
  const { page, context, seen } = await openPractice();
  const rubric = (await bundledRubrics()).find((r) => r.id === ROLE);
  assert.ok(rubric, "the cloud-architect rubric is bundled");
  const roles = await page.$$eval("#practice-role option", (os) => os.map((o) => /** @type {HTMLOptionElement} */ (o).value));
  for (const r of await bundledRubrics()) assert.ok(roles.includes(r.id), `${r.id} offered as a role`);
  assert.equal(await page.isVisible("#practice-timer"), false, "no timer by default");
  assert.equal(await page.isChecked("#practice-shuffle"), false);
  assert.equal(await page.isChecked("#practice-timer-toggle"), false);

  await page.selectOption("#practice-role", ROLE);
  await page.click("#practice-start");
  assert.equal(await page.textContent("#practice-question"), rubric.questions[0].text, "in order: the first question first");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-answer", "focus moves to the answer box, described by the question");
  assert.match(await page.getAttribute("#practice-answer", "aria-describedby"), /^practice-question /);
  assert.match(await page.textContent("#practice-progress"), /question 1 of 6/);

  // An empty answer is refused, with a message.
  await page.click("#practice-submit");
  assert.match(await page.textContent("#practice-error"), /Write an answer first/);

  const good = await answerQuestion(page, GOOD);
  assert.ok(good >= 3.5 && good <= 5, `the good answer scores well (got ${good})`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-feedback-heading", "focus moves to the feedback");
  assert.equal(await page.getAttribute("#practice-live", "aria-live"), "polite");
  assert.match(await page.textContent("#practice-live"), /^Score \d\.\d out of 5, grade \d/);
  assert.match(await page.textContent("#practice-grade"), /^Grade [0-5] of 5$/);
  assert.ok((await page.textContent("#practice-justification")).length > 10, "a justification");
  assert.ok((await page.$$("#practice-covered li:not(.empty)")).length >= 4, "covered points listed");
  assert.ok((await page.$$("#practice-evidence mark.evidence")).length > 0, "evidence highlighted");
  assert.equal(await page.textContent("#practice-evidence"), GOOD);
  assert.equal(await page.textContent("#practice-next"), "Next question");

  await page.click("#practice-next");
  assert.equal(await page.textContent("#practice-question"), rubric.questions[1].text);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-answer", "focus moves to the next question's answer box");
  assert.equal(await page.inputValue("#practice-answer"), "", "the answer box is emptied");
  assert.equal(await page.isVisible("#practice-feedback"), false, "the last feedback is cleared");
  const weak = await answerQuestion(page, WEAK);
  assert.ok(weak < good && weak < 2.5, `the weak answer scores low (got ${weak}, good ${good})`);
  assert.ok((await page.$$("#practice-missing li:not(.empty)")).length >= 4, "missing points listed");
  assert.match(await page.textContent("#practice-next-step"), /Next step:/, "the engine's next step");

  await page.click("#practice-finish");
  await page.waitForSelector("#practice-summary:not([hidden])");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-summary-heading", "focus moves to the summary");
  const rows = await page.$$eval("#practice-scores tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  assert.equal(rows.length, rubric.questions.length, "one row per question");
  assert.deepEqual(rows[0], ["1", rubric.questions[0].text, `${good.toFixed(1)} / 5`]);
  assert.deepEqual(rows[1], ["2", rubric.questions[1].text, `${weak.toFixed(1)} / 5`]);
  assert.equal(rows[2][2], "not answered");
  assert.match(await page.textContent("#practice-summary-meta"), new RegExp(`mean score ${((good + weak) / 2).toFixed(1)} / 5 over 2 of 6`));
  const strongest = await page.$$eval("#practice-strongest li", (ls) => ls.map((l) => l.textContent));
  const weakest = await page.$$eval("#practice-weakest li", (ls) => ls.map((l) => l.textContent));
  assert.ok(strongest.length > 0 && weakest.length > 0, "strongest and weakest talking points");
  const haPoints = rubric.questions[0].points.map((p) => (typeof p === "string" ? p : p.text));
  assert.ok(haPoints.includes(strongest[0]), `the strongest point comes from the best answer (${strongest[0]})`);
  const todo = await page.$$eval("#practice-todo li", (ls) => ls.map((l) => l.textContent));
  assert.ok(todo.some((t) => t.includes(rubric.questions[1].text)), `practise the weak question again: ${todo.join(" | ")}`);

  // Markdown download.
  const [file] = await Promise.all([page.waitForEvent("download"), page.click("#practice-download")]);
  assert.equal(file.suggestedFilename(), `rubricate-practice-${ROLE}.md`);
  const markdown = await readFile(await file.path(), "utf8");
  assert.match(markdown, /^# Practice session: Cloud Solutions Architect$/m);
  assert.match(markdown, new RegExp(`^\\| 1 \\| ${rubric.questions[0].text.replace(/[?.()]/g, "\\$&")} \\| ${good.toFixed(1)} / 5 \\|$`, "m"));
  assert.match(markdown, new RegExp(`^\\| 2 \\| .+ \\| ${weak.toFixed(1)} / 5 \\|$`, "m"));
  assert.match(markdown, /^\| 3 \| .+ \| not answered \|$/m);
  assert.match(markdown, /^## Strongest talking points$/m);
  assert.match(markdown, /^## Weakest talking points$/m);
  assert.match(markdown, /^## What to practise next$/m);
  assert.ok(markdown.includes(`- ${strongest[0]}`) && markdown.includes(`- ${weakest[0]}`));
  assert.match(markdown, /Mean score: \d\.\d \/ 5/);

  // Print: the stylesheet hides the controls and keeps the summary.
  const printRules = await page.evaluate(() =>
    [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSMediaRule && r.conditionText === "print").map((r) => r.cssText).join("\n"),
  );
  assert.match(printRules, /\.practice-setup/);
  assert.match(printRules, /\.practice-history/);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#practice-summary"), true, "the summary prints");
  for (const hidden of ["#practice-setup", "#practice-history", "#practice-download", ".modes", "#practice-again"]) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 1000, "the summary prints to PDF");
  await page.emulateMedia({ media: "screen" });
  seen.check();
  await context.close();
});

test("practice: shuffle asks the same set of questions; the timer shows when turned on", async () => {
  const { page, context, seen } = await openPractice();
  const rubric = (await bundledRubrics()).find((r) => r.id === ROLE);
  await page.selectOption("#practice-role", ROLE);
  await page.check("#practice-shuffle");
  await page.check("#practice-timer-toggle");
  await page.click("#practice-start");
  assert.equal(await page.isVisible("#practice-timer"), true, "the timer shows");
  assert.equal(await page.getAttribute("#practice-timer", "role"), "timer");
  assert.equal(await page.textContent("#practice-elapsed"), "0:00");
  await page.waitForFunction(() => document.getElementById("practice-elapsed")?.textContent !== "0:00", null, { timeout: 5000 });
  assert.match(await page.textContent("#practice-elapsed"), /^0:0[1-9]$/, "elapsed time ticks");
  /** @type {string[]} */
  const asked = [];
  for (let i = 0; i < rubric.questions.length; i++) {
    asked.push(await page.textContent("#practice-question"));
    await answerQuestion(page, i % 2 ? WEAK : "Redundancy across zones with health checks and automatic failover.");
    await page.click("#practice-next");
  }
  await page.waitForSelector("#practice-summary:not([hidden])");
  assert.deepEqual([...asked].sort(), rubric.questions.map((q) => q.text).sort(), "the same questions, each once");
  assert.equal(await page.isVisible("#practice-time-col"), true, "the summary shows the time per question");
  const times = await page.$$eval("#practice-scores tr td:last-child", (tds) => tds.map((t) => t.textContent));
  for (const t of times) assert.match(t, /^\d+:\d\d$/);
  // The timer never submits: a fresh question waits for its answer.
  await page.click("#practice-again");
  await page.uncheck("#practice-timer-toggle");
  await page.click("#practice-start");
  assert.equal(await page.isVisible("#practice-timer"), false, "timer off: not shown");
  seen.check();
  await context.close();
});

test("practice by keyboard alone: start, answer with Ctrl+Enter, reach Next, Finish", async () => {
  const { page, context, seen } = await openPractice();
  await page.focus("#practice-role");
  await page.keyboard.press("Tab"); // the shuffle checkbox
  await page.keyboard.press("Tab"); // the timer checkbox
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked("#practice-timer-toggle"), true);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-start");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-answer");
  await page.keyboard.type("Redundancy across availability zones, and a load balancer with health checks.");
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector("#practice-feedback:not([hidden])", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-feedback-heading");
  const stops = [];
  for (let i = 0; i < 3 && stops.at(-1) !== "practice-next"; i++) {
    await page.keyboard.press("Tab");
    stops.push(await page.evaluate(() => document.activeElement?.id));
  }
  assert.equal(stops.at(-1), "practice-next", `Next is a few Tabs from the feedback (${stops})`);
  const outline = await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.activeElement)).outlineStyle);
  assert.equal(outline, "solid", "the focused button shows its focus ring");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-answer");
  assert.match(await page.textContent("#practice-progress"), /question 2 of/);
  await page.focus("#practice-finish");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#practice-summary:not([hidden])");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "practice-summary-heading");
  seen.check();
  await context.close();
});

test("practice history: nothing stored before opt-in; saved and charted after; gone after Delete everything", async () => {
  const { page, context, seen } = await openPractice();
  assert.equal(await page.isChecked("#history-toggle"), false, "history is off by default");
  assert.match(await page.textContent("#history-privacy"), new RegExp(`IndexedDB database named ${DB_NAME}`));
  assert.match(await page.textContent("#history-privacy"), /never stored/);

  // A whole session without opting in: nothing stored anywhere.
  await twoAnswerSession(page);
  assert.deepEqual(await stored(page), { indexedDB: [], localStorage: 0, sessionStorage: 0, cookie: "" }, "nothing stored before opt-in");
  assert.equal((await context.cookies()).length, 0);
  assert.equal(await page.$$eval("#history-chart svg", (s) => s.length), 0, "no chart");

  // Opt in, practise: the session is stored and charted.
  await page.click("#practice-again");
  await page.check("#history-toggle");
  await page.waitForFunction(() => /History is on/.test(document.getElementById("history-status")?.textContent ?? ""));
  const { good, weak } = await twoAnswerSession(page);
  await page.waitForSelector("#history-chart svg");
  assert.deepEqual((await stored(page)).indexedDB, [DB_NAME]);
  assert.equal((await stored(page)).localStorage, 0, "still nothing in localStorage");
  const sessions = /** @type {any[]} */ (await dbSessions(page));
  assert.equal(sessions.length, 1, "one session saved (not the one before opt-in)");
  const [s] = sessions;
  assert.equal(s.role, "Cloud Solutions Architect");
  assert.equal(s.rubric, ROLE);
  assert.deepEqual(s.scores.map((x) => x.question), ["high-availability", "disaster-recovery"]);
  assert.ok(Math.abs(s.scores[0].score - good) < 0.051 && Math.abs(s.scores[1].score - weak) < 0.051, "per-question scores");
  assert.ok(Math.abs(s.mean - (s.scores[0].score + s.scores[1].score) / 2) < 0.01, "the mean");
  assert.ok(!JSON.stringify(s).includes("backups and hope"), "answers are not stored");
  assert.match(await page.getAttribute("#history-chart svg title", "id"), /^history-chart-/);
  assert.match(await page.textContent("#history-chart svg title"), /Cloud Solutions Architect: mean score by session: session 1/);

  // A reload remembers the opt-in (the database exists) and shows the chart; a second session adds a point.
  await page.reload();
  await page.waitForSelector("body[data-ready]", { timeout: ENGINE_TIMEOUT });
  await page.click("label[for=mode-practice]");
  await page.waitForSelector("#history-chart svg");
  assert.equal(await page.isChecked("#history-toggle"), true, "history stays on");
  await twoAnswerSession(page);
  await page.waitForFunction(() => document.querySelectorAll("#history-chart .history-dot").length === 2);
  assert.equal((/** @type {any[]} */ (await dbSessions(page))).length, 2);

  // Delete everything: the database is gone, the chart is empty, history is off.
  await page.click("#history-delete");
  await page.waitForFunction(() => /Deleted/.test(document.getElementById("history-status")?.textContent ?? ""));
  assert.deepEqual(await stored(page), { indexedDB: [], localStorage: 0, sessionStorage: 0, cookie: "" }, "nothing left after Delete everything");
  assert.equal(await page.$$eval("#history-chart svg", (s) => s.length), 0, "the chart is empty");
  assert.equal(await page.isChecked("#history-toggle"), false);
  // And a session afterwards is not saved.
  await page.click("#practice-again");
  await twoAnswerSession(page);
  assert.deepEqual((await stored(page)).indexedDB, [], "history off again: nothing saved");
  await page.reload();
  await page.waitForSelector("body[data-ready]", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.isChecked("#history-toggle"), false);
  seen.check();
  await context.close();
});

test("practice: a custom rubric loaded on the page is offered as a role", async () => {
  const { page, context, seen } = await openPage();
  const [rubric] = (await bundledRubrics()).filter((r) => r.questions.length);
  const mine = { ...rubric, id: "my-team-rubric", title: "My team's rubric", role: "Custom role" };
  await page.setInputFiles("#rubric-file", { name: "mine.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(mine)) });
  await page.waitForFunction(() => /Loaded/.test(document.getElementById("rubric-loaded")?.textContent ?? ""), null, { timeout: ENGINE_TIMEOUT });
  await page.click("label[for=mode-practice]");
  await page.selectOption("#practice-role", "my-team-rubric");
  await page.click("#practice-start");
  assert.equal(await page.textContent("#practice-question"), mine.questions[0].text);
  await answerQuestion(page, mine.questions[0].reference);
  assert.match(await page.textContent("#practice-progress"), /Custom role/);
  seen.check();
  await context.close();
});

for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
  test(`accessibility (axe-core, ${colorScheme}): no serious or critical violation in any page state`, async () => {
    const { page, context, seen } = await openPage({ colorScheme });
    /** @type {Record<string, unknown[]>} */
    const found = {};
    /** @param {string} name */
    const audit = async (name) => {
      const problems = await axeProblems(page);
      if (problems.length) found[name] = problems;
    };
    // One answer, graded.
    const { question, value } = await technicalQuestion();
    await page.selectOption("#question-pick", value);
    await page.fill("#answer", question.reference);
    assert.equal(await waitForScore(page), null);
    await audit("single answer, graded");
    // An own question (its extra fields).
    await page.selectOption("#question-pick", "");
    await page.fill("#own-question", "What is a race condition?");
    await page.fill("#answer", "Two threads racing on shared state; a mutex prevents it. I'm not sure about the rest.");
    assert.equal(await waitForScore(page), null);
    await audit("own question, graded");
    // A transcript report.
    await page.click("label[for=mode-transcript]");
    await page.setInputFiles("#transcript-file", join(FIXTURES, "transcript.txt"));
    await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
    await audit("transcript report");
    await page.$$eval("#candidates details", (ds) => ds.forEach((d) => ((/** @type {HTMLDetailsElement} */ (d)).open = true)));
    await audit("transcript report, every answer open");
    // Practice: set-up, a question with the timer, feedback, summary with history on and a chart.
    await page.click("label[for=mode-practice]");
    await page.waitForSelector("#practice-role option", { state: "attached" });
    await audit("practice set-up");
    await page.check("#history-toggle");
    await page.selectOption("#practice-role", ROLE);
    await page.check("#practice-timer-toggle");
    await page.click("#practice-start");
    await audit("practice question");
    await answerQuestion(page, GOOD);
    await audit("practice feedback");
    await page.click("#practice-next");
    await answerQuestion(page, WEAK);
    await page.click("#practice-finish");
    await page.waitForSelector("#history-chart svg");
    await audit("practice summary and history");
    await page.click("#history-delete");
    await page.waitForFunction(() => /Deleted/.test(document.getElementById("history-status")?.textContent ?? ""));
    assert.deepEqual(found, {}, "serious or critical axe violations");
    seen.check();
    await context.close();
  });
}

test("screenshot of practice mode: a question with the timer, feedback, summary (tests/e2e/screenshots/practice-*.png)", async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const { page, context, seen } = await openPractice();
  await page.selectOption("#practice-role", ROLE);
  await page.check("#practice-timer-toggle");
  await page.click("#practice-start");
  await page.fill("#practice-answer", GOOD.split(". ").slice(0, 3).join(". ") + ".");
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  await page.screenshot({ path: join(SCREENSHOTS, "practice-question.png"), fullPage: true });
  await answerQuestion(page, GOOD);
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  await page.screenshot({ path: join(SCREENSHOTS, "practice-feedback.png"), fullPage: true });
  await page.click("#practice-next");
  await answerQuestion(page, WEAK);
  await page.check("#history-toggle"); // so that the summary's picture shows the history chart
  await page.click("#practice-finish");
  await page.waitForSelector("#practice-summary:not([hidden])");
  await page.waitForSelector("#history-chart svg");
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
  await page.screenshot({ path: join(SCREENSHOTS, "practice-summary.png"), fullPage: true });
  await page.click("#history-delete");
  await page.waitForFunction(() => /Deleted/.test(document.getElementById("history-status")?.textContent ?? ""));
  seen.check();
  await context.close();
});
