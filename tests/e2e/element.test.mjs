// End-to-end tests of the <rubricate-scorer> custom element (pkg/element.js) and of the package
// used as a plain ES module, in headless Chromium on the same loopback server as the page.

import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE_TIMEOUT, openPage, technicalQuestion, useBrowser } from "./harness.mjs";

useBrowser();

test("the ES module API works as the package README shows", async () => {
  const { page, seen } = await openPage();
  const out = await page.evaluate(async () => {
    const { default: init, Scorer } = await import("/pkg/rubricate.js");
    await init();
    const scorer = new Scorer();
    let thrown = null;
    try {
      scorer.addRubric("{not json");
    } catch (err) {
      thrown = { isError: err instanceof Error, name: err.name, problems: err.problems?.length ?? 0 };
    }
    let scoreError = null;
    try {
      scorer.score("not an object");
    } catch (err) {
      scoreError = err instanceof Error;
    }
    return { version: scorer.version, rubrics: scorer.rubrics().length, thrown, scoreError };
  });
  assert.match(out.version, /^rubricate /);
  assert.ok(out.rubrics > 0);
  assert.deepEqual(out.thrown, { isError: true, name: "RubricError", problems: 1 });
  assert.equal(out.scoreError, true);
  seen.check();
});

test("<rubricate-scorer> grades what is typed and fires a score event", async () => {
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  const detail = await page.evaluate(
    async ({ value, answer, timeout }) => {
      await import("/pkg/element.js");
      const el = document.createElement("rubricate-scorer");
      el.setAttribute("rubric", value);
      el.id = "embedded";
      document.body.append(el);
      const event = new Promise((resolve, reject) => {
        el.addEventListener("score", (e) => resolve(/** @type {CustomEvent} */ (e).detail), { once: true });
        el.addEventListener("score-error", (e) => reject(new Error(/** @type {CustomEvent} */ (e).detail.message)), { once: true });
        setTimeout(() => reject(new Error("no score event")), timeout);
      });
      const box = el.querySelector("textarea");
      box.value = answer;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      return event;
    },
    { value, answer: question.reference, timeout: ENGINE_TIMEOUT },
  );
  assert.equal(typeof detail.score, "number");
  assert.ok(Array.isArray(detail.evidence));
  await page.waitForFunction(() => /\d\.\d \/ 5/.test(document.querySelector("#embedded .rubricate-score").textContent));
  assert.equal(await page.textContent("#embedded .rubricate-question"), question.text, "the rubric question is shown");
  assert.equal(await page.getAttribute("#embedded label", "for"), await page.getAttribute("#embedded textarea", "id"));
  seen.check();
});

test("<rubricate-scorer> shows attribute text as text, never as markup", async () => {
  const { page, seen } = await openPage();
  const imgs = await page.evaluate(async () => {
    await import("/pkg/element.js");
    const el = document.createElement("rubricate-scorer");
    el.setAttribute("question", "<img src=x onerror=alert(1)> What is DNS?");
    el.setAttribute("label", "<b>Answer</b>");
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 100));
    return {
      imgs: document.querySelectorAll("img").length,
      bold: el.querySelectorAll("b").length,
      question: el.querySelector(".rubricate-question").textContent,
    };
  });
  assert.deepEqual(imgs, { imgs: 0, bold: 0, question: "<img src=x onerror=alert(1)> What is DNS?" });
  seen.check();
});
