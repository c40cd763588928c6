// End-to-end tests of the page's wrong claims (engine 0.7.0, a rubric question's `misconceptions`):
// an answer stating one of a bundled question's common wrong claims shows it in a "Wrong claims"
// list (the claim, the answer's words, the correction) and highlights it in the answer; a correct
// answer shows no such list. Both views: one answer, and a transcript's report.

import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE_TIMEOUT, bundledRubrics, openPage, useBrowser, waitForScore } from "./harness.mjs";

useBrowser();

/** @typedef {import("../../pkg/rubricate.js").RubricMisconception} RubricMisconception */
/** @typedef {import("../../pkg/rubricate.js").RubricQuestion} RubricQuestion */

/** What a screen reader hears before a wrong claim highlighted in the answer (www/render.js). */
const WRONG_CLAIM_LABEL = "Wrong claim: ";

/**
 * cloud-architect's disaster-recovery question and one of its misconceptions (the first question
 * with misconceptions when that one is gone).
 * @returns {Promise<{ rubricId: string, question: RubricQuestion, wrong: RubricMisconception, value: string }>}
 */
async function questionWithMisconception() {
  const rubrics = await bundledRubrics();
  const rubric = rubrics.find((r) => r.id === "cloud-architect");
  assert.ok(rubric, "the bundled cloud-architect rubric");
  /** @type {RubricQuestion[]} */
  const questions = rubric.questions;
  const question = questions.find((q) => q.id === "disaster-recovery" && q.misconceptions?.length) ?? questions.find((q) => q.misconceptions?.length);
  assert.ok(question, "a cloud-architect question with misconceptions");
  const wrong = question.misconceptions.find((m) => m.id === "rto-is-data-loss") ?? question.misconceptions[0];
  return { rubricId: rubric.id, question, wrong, value: `${rubric.id}/${question.id}` };
}

/**
 * An answer that states `wrong` in its own claim's words, after non-ASCII text (the engine's offsets
 * are UTF-16 code units: the page must highlight exactly the claim's words).
 * @param {RubricMisconception} wrong
 */
const wrongAnswer = (wrong) =>
  `Für unser Team 🚀: we run active-passive with a warm standby in a second region, promoted by a runbook. ${wrong.claim}, so we keep it small with hourly backups.`;

test("one answer stating a rubric's wrong claim: a Wrong claims list with the correction, and the claim highlighted", async () => {
  const { page, seen } = await openPage();
  const { question, wrong, value } = await questionWithMisconception();
  await page.selectOption("#question-pick", value);
  const answer = wrongAnswer(wrong);
  await page.fill("#answer", answer);
  assert.equal(await waitForScore(page), null, "the answer was graded");
  await page.waitForSelector("#wrong-claims-block:not([hidden])", { timeout: ENGINE_TIMEOUT });

  assert.ok(Number(await page.textContent("#score-value")) <= 3.4, "one wrong claim caps the score at 3.4");
  assert.equal(await page.textContent("#wrong-claims-block h3"), "Wrong claims");
  assert.equal(await page.getAttribute("#wrong-claims", "aria-labelledby"), "wrong-claims-heading");
  const items = await page.$$eval("#wrong-claims > li", (lis) =>
    lis.map((li) => ({
      claim: li.querySelector(".wrong-claim-text")?.textContent,
      said: li.querySelector(".wrong-claim-said q")?.textContent,
      correction: li.querySelector(".wrong-claim-correction")?.textContent,
    })),
  );
  assert.equal(items.length, 1, `one wrong claim listed (got ${JSON.stringify(items)})`);
  assert.equal(items[0].claim, wrong.claim);
  assert.equal(items[0].correction, `Correct: ${wrong.correction}`);
  assert.ok(items[0].said && answer.includes(items[0].said) && wrong.claim.startsWith(items[0].said.slice(0, 10)), `the answer's own words quoted (got "${items[0].said}")`);
  assert.ok(await page.isVisible("#wrong-claims-block"), "the list is shown");

  // Highlighted in the answer with its own class and a label for screen readers; the view is the
  // answer itself plus that label.
  const marks = await page.$$eval("#evidence-view mark.evidence-misconception", (ms) =>
    ms.map((m) => ({ label: m.querySelector(".visually-hidden")?.textContent, text: m.lastChild?.textContent, title: m.getAttribute("title") })),
  );
  assert.equal(marks.length, 1, "one wrong-claim mark");
  assert.equal(marks[0].label, WRONG_CLAIM_LABEL);
  assert.equal(marks[0].text, items[0].said, "the mark covers the quoted words, despite the emoji and umlaut before them");
  assert.match(marks[0].title, new RegExp(`misconception: ${wrong.claim}`));
  assert.equal((await page.textContent("#evidence-view")).replace(WRONG_CLAIM_LABEL, ""), answer, "the view shows the whole answer, unchanged");
  // The point it contradicts is missing, not covered.
  const covered = await page.$$eval("#covered li", (lis) => lis.map((li) => li.textContent));
  const missing = await page.$$eval("#missing li", (lis) => lis.map((li) => li.textContent));
  const point = question.points.find((p) => p.id === wrong.contradicts);
  assert.ok(point, "the contradicted point exists");
  assert.ok(missing.includes(point.text) && !covered.includes(point.text), `"${point.text}" is missing`);

  // A correct answer to the same question: no Wrong claims section, no wrong-claim mark.
  await page.fill("#answer", question.reference);
  await page.waitForSelector("#wrong-claims-block[hidden]", { state: "attached", timeout: ENGINE_TIMEOUT });
  assert.equal(await waitForScore(page), null);
  assert.ok(!(await page.isVisible("#wrong-claims-block")), "no Wrong claims section");
  assert.equal(await page.$$eval("#wrong-claims > li", (lis) => lis.length), 0);
  assert.equal(await page.$$eval("#evidence-view mark.evidence-misconception", (ms) => ms.length), 0);
  assert.equal(await page.textContent("#evidence-view"), question.reference);
  seen.check();
});

test("a correct answer shows no Wrong claims section (dark theme)", async () => {
  const { page, seen } = await openPage({ colorScheme: "dark" });
  const { question, value } = await questionWithMisconception();
  await page.selectOption("#question-pick", value);
  await page.fill("#answer", question.reference);
  assert.equal(await waitForScore(page), null);
  assert.ok(Number(await page.textContent("#score-value")) > 3.4, "the model answer is not capped");
  assert.ok(await page.isVisible("#points"), "Covered and Missing shown");
  assert.ok(!(await page.isVisible("#wrong-claims-block")), "no Wrong claims section");
  assert.equal(await page.$$eval("#wrong-claims > li", (lis) => lis.length), 0);
  seen.check();
});

test("transcript report: the question's card lists the wrong claim with its correction (dark theme)", async () => {
  const { page, seen } = await openPage({ colorScheme: "dark" });
  const { rubricId, question, wrong } = await questionWithMisconception();
  await page.check("#mode-transcript", { force: true });
  await page.selectOption("#transcript-rubric", rubricId);
  const answer = wrongAnswer(wrong);
  const transcript = `Candidate: Sam Rivera\nPosition: Cloud Architect\n\nInterviewer: ${question.text}\n\nCandidate: "${answer}"\n\nInterviewer: ${question.text}\n\nCandidate: "${question.reference}"\n`;
  // Graded once, as typed (debounced): clicking Evaluate too would grade it twice, and the second
  // report would replace the cards under the test's handles.
  await page.fill("#transcript-text", transcript);
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  const cards = await page.$$(".question-card");
  assert.equal(cards.length, 2, "one card per answer");

  const [wrongCard, rightCard] = cards;
  await (await wrongCard.$("summary")).click();
  assert.match(await (await wrongCard.$("summary")).textContent(), /wrong claims/);
  const block = await wrongCard.$(".wrong-claims-block");
  assert.ok(block && (await block.isVisible()), "the card shows its wrong claims");
  assert.equal(await (await block.$("h4")).textContent(), "Wrong claims");
  assert.equal(await (await block.$(".wrong-claim-text")).textContent(), wrong.claim);
  assert.equal(await (await block.$(".wrong-claim-correction")).textContent(), `Correct: ${wrong.correction}`);
  const said = await (await block.$(".wrong-claim-said q")).textContent();
  const mark = await wrongCard.$("mark.evidence-misconception");
  assert.ok(mark, "the wrong claim is highlighted in the answer");
  assert.equal(await mark.evaluate((m) => m.lastChild?.textContent), said);
  // Distinct from the light theme's colour: the dark theme's own.
  const background = await mark.evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.equal(background, "rgb(61, 38, 87)", "the dark theme's wrong-claim colour");

  assert.equal(await rightCard.$(".wrong-claims-block"), null, "the correct answer's card has no Wrong claims");
  assert.equal(await rightCard.$("mark.evidence-misconception"), null);
  seen.check();
});
