// End-to-end tests of WorkerScorer (pkg/worker-scorer.js, running pkg/worker.js): the package's
// Scorer in a module worker, in headless Chromium on the page's loopback server. What it answers
// equals what the main-thread Scorer answers; every failure in the worker (a rubric refused, a model
// refused, an engine error, rubric packs that would not load) comes back as a rejected promise with
// the engine's message; the page and <rubricate-scorer> grade transcripts in it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ENGINE_TIMEOUT, FIXTURES, ROOT, openPage, technicalQuestion, useBrowser } from "./harness.mjs";

useBrowser();

const TRANSCRIPT = await readFile(join(FIXTURES, "transcript.txt"), "utf8");
const CUSTOM = await readFile(join(ROOT, "tests/fixtures/rubrics/good-custom.json"), "utf8");

/** @param {import("playwright-core").Page} page */
const workerUrls = (page) => page.workers().map((w) => new URL(w.url()).pathname);

test("WorkerScorer answers as the main-thread Scorer does: score, report, render, rubrics, addRubric", async () => {
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  const input = { question: question.text, answer: question.reference, rubric: value };
  const custom = JSON.parse(CUSTOM);
  const customInput = { question: custom.questions[0].text, answer: "I acknowledge the page and open an incident channel.", rubric: custom.id };
  const out = await page.evaluate(
    async ({ input, customInput, transcript, customJson }) => {
      const { default: init, Scorer, WorkerScorer, loadRubrics } = await import("/pkg/rubricate.js");
      await init();
      await loadRubrics(); // the main thread's packs, all at once (the worker loads its own on first use)
      const main = new Scorer();
      const worker = await WorkerScorer.create();
      // Not awaited in between: the worker answers in order, so the rubric is there for the score.
      const added = worker.addRubric(customJson);
      const [score, report, custom, rubrics, rubric, version] = await Promise.all([
        worker.score(input),
        worker.report(transcript),
        worker.score(customInput),
        worker.rubrics(),
        worker.rubric(input.rubric.split("/")[0]),
        worker.version,
      ]);
      const markdown = await worker.render(report, "md");
      const summary = await added;
      main.addRubric(customJson);
      const mainReport = main.report(transcript);
      const result = {
        worker: { score, report, custom, rubrics, rubric, version, markdown, summary },
        main: {
          score: main.score(input),
          report: mainReport,
          custom: main.score(customInput),
          rubrics: main.rubrics(),
          rubric: main.rubric(input.rubric.split("/")[0]),
          version: main.version,
          markdown: main.render(mainReport, "md"),
        },
        terminatedBefore: worker.terminated,
      };
      worker.terminate();
      return { ...result, terminatedAfter: worker.terminated };
    },
    { input, customInput, transcript: TRANSCRIPT, customJson: CUSTOM },
  );
  assert.ok(out.worker.score.score > 0, "the worker graded the answer");
  assert.deepEqual(out.worker.score, out.main.score, "score");
  assert.ok(out.worker.report.candidates.length > 0, "the worker graded the transcript");
  assert.deepEqual(out.worker.report, out.main.report, "report");
  assert.equal(out.worker.markdown, out.main.markdown, "render");
  assert.equal(out.worker.custom.rubric?.id, custom.id, "graded against the rubric added in the worker");
  assert.deepEqual(out.worker.custom, out.main.custom, "score against a custom rubric");
  assert.equal(out.worker.summary.id, custom.id);
  assert.deepEqual(out.worker.rubrics.slice(0, -1), out.main.rubrics.slice(0, -1), "the bundled rubrics");
  assert.deepEqual(out.worker.rubric, out.main.rubric, "rubric(id)");
  assert.equal(out.worker.version, out.main.version);
  assert.equal(out.terminatedBefore, false);
  assert.equal(out.terminatedAfter, true);
  seen.check();
});

test("WorkerScorer rejects with the engine's message: a bad rubric, a bad model, a bad input; then still grades", async () => {
  const { page, seen } = await openPage();
  const { question, value } = await technicalQuestion();
  const out = await page.evaluate(
    async ({ input }) => {
      const { default: init, Scorer, WorkerScorer, loadRubrics } = await import("/pkg/rubricate.js");
      await init();
      await loadRubrics(); // the main thread's packs, all at once (the worker loads its own on first use)
      const main = new Scorer();
      const worker = new WorkerScorer();
      /** What a call threw (main thread) or rejected with (worker). */
      const failure = async (/** @type {() => unknown} */ call) => {
        try {
          await call();
          return null;
        } catch (err) {
          return { isError: err instanceof Error, name: err.name, message: err.message, problems: err.problems ?? null };
        }
      };
      const failures = {
        rubric: { worker: await failure(() => worker.addRubric("{not json")), main: await failure(() => main.addRubric("{not json")) },
        invalid: {
          worker: await failure(() => worker.addRubric(JSON.stringify({ id: "Bad Id", questions: [] }))),
          main: await failure(() => main.addRubric(JSON.stringify({ id: "Bad Id", questions: [] }))),
        },
        model: {
          worker: await failure(() => worker.loadEmbeddings(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))),
          main: await failure(() => main.loadEmbeddings(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))),
        },
        input: { worker: await failure(() => worker.score("not an object")), main: await failure(() => main.score("not an object")) },
        report: { worker: await failure(() => worker.report("Q: a?\nA: b.", { rubric: "no-such-rubric" })), main: await failure(() => main.report("Q: a?\nA: b.", { rubric: "no-such-rubric" })) },
        render: { worker: await failure(() => worker.render({ engine: "x", candidates: [] }, "pdf")), main: await failure(() => main.render({ engine: "x", candidates: [] }, "pdf")) },
      };
      const after = (await worker.score(input)).score === main.score(input).score;
      worker.terminate();
      return { failures, after };
    },
    { input: { question: question.text, answer: question.reference, rubric: value } },
  );
  for (const [what, { worker, main }] of Object.entries(out.failures)) {
    assert.ok(main, `${what}: the main-thread Scorer throws`);
    assert.ok(worker, `${what}: the worker rejects`);
    assert.equal(worker.isError, true, `${what}: an Error`);
    assert.ok(worker.message.length > 0, `${what}: with a message`);
    assert.deepEqual(worker, main, `${what}: the same error as on the main thread`);
  }
  assert.equal(out.failures.rubric.worker.name, "RubricError");
  assert.ok(out.failures.rubric.worker.problems.length >= 1, "a RubricError keeps its problems");
  assert.ok(out.failures.invalid.worker.problems.length >= 1);
  assert.equal(out.after, true, "the worker still grades after its failures");
  seen.check();
});

test("WorkerScorer rejects when the engine or the rubric packs cannot load, and after terminate()", async () => {
  const { page, seen } = await openPage();
  const out = await page.evaluate(async () => {
    const { WorkerScorer } = await import("/pkg/rubricate.js");
    const message = async (/** @type {Promise<unknown>} */ p) => p.then(() => null, (err) => (err instanceof Error ? err.message : `not an Error: ${err}`));
    // The wasm where the rubric packs should be: not a pack.
    const badPacks = new WorkerScorer({ rubrics: "/pkg/rubricate_bg.wasm" });
    const packs = { ready: await message(badPacks.ready), score: await message(badPacks.score({ question: "q", answer: "a" })) };
    badPacks.terminate();
    const create = await message(WorkerScorer.create({ rubrics: new Uint8Array([1, 2, 3]) }));
    // The rubric packs where the wasm should be: not a WebAssembly module.
    const badEngine = await message(WorkerScorer.create({ module_or_path: new URL("/pkg/rubricate_rubrics.pack", location.href) }));
    // No bundled rubrics: a scorer with none.
    const bare = await WorkerScorer.create({ rubrics: false });
    const none = (await bare.rubrics()).length;
    const pending = bare.report("Q1: What is DNS?\nA1: It maps names to addresses.");
    bare.terminate();
    const terminated = { pending: await message(pending), later: await message(bare.rubrics()) };
    return { packs, create, badEngine, none, terminated };
  });
  assert.match(out.packs.ready ?? "", /rubricate_rubrics\.pack: .*not a rubric pack asset/);
  assert.equal(out.packs.score, out.packs.ready, "every request rejects with the load error");
  assert.match(out.create ?? "", /rubricate_rubrics\.pack/);
  assert.ok(out.badEngine, "a wasm that is not one rejects");
  assert.equal(out.none, 0);
  assert.match(out.terminated.pending ?? "", /terminated/);
  assert.match(out.terminated.later ?? "", /terminated/);
  seen.check();
});

test("the page and <rubricate-scorer> grade transcripts in the package's worker", async () => {
  const { page, seen } = await openPage();
  await page.check("#mode-transcript", { force: true });
  await page.fill("#transcript-text", TRANSCRIPT);
  await page.click("#evaluate");
  await page.waitForSelector(".candidate", { timeout: ENGINE_TIMEOUT });
  assert.deepEqual(workerUrls(page), ["/pkg/worker.js"], "the page's transcript worker is the package's");
  assert.ok(!seen.requests.some((u) => new URL(u).pathname === "/worker.js"), "no worker of the page's own");

  const out = await page.evaluate(async (transcript) => {
    const { ready, workerScorer } = await import("/pkg/element.js");
    const { withRubrics } = await import("/pkg/rubricate.js");
    const el = /** @type {any} */ (document.createElement("rubricate-scorer"));
    document.body.append(el);
    const report = await el.report(transcript);
    const scorer = await ready();
    const main = await withRubrics(() => scorer.report(transcript));
    let error = null;
    await el.report(transcript, { rubric: "no-such-rubric" }).catch((/** @type {Error} */ err) => (error = err.message));
    return { same: JSON.stringify(report) === JSON.stringify(main), candidates: report.candidates.length, shared: workerScorer() === workerScorer(), error };
  }, TRANSCRIPT);
  assert.equal(out.same, true, "the element's report equals the main-thread Scorer's");
  assert.ok(out.candidates > 0);
  assert.equal(out.shared, true);
  assert.ok(out.error, "an engine error rejects the element's report()");
  assert.deepEqual(workerUrls(page), ["/pkg/worker.js", "/pkg/worker.js"], "the element started its own shared worker");
  seen.check();
});
