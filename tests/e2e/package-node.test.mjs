// The npm package (pkg/rubricate.js) used from Node, as a portal's build or a batch script would:
// init() finds the wasm and the rubric packs beside the module, `rubrics: false` skips the packs,
// and every way of getting them wrong is a clear error rather than a scorer without rubrics.
// Each case runs in its own Node process: init() runs once per process.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const MODULE = join(PKG, "rubricate.js");
// The bundled packs in listing order: `bundled::EXPECTED`, one space-separated string.
const EXPECTED = /** @type {string} */ (
  JSON.parse(
    (readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "rubric", "bundled.rs"), "utf8")
      .split("pub const EXPECTED")[1]
      .split(";")[0]
      .match(/"[a-z -]+"/) ?? ['""'])[0],
  )
).split(" ");

// Every pack in rubrics/, in listing order: EXPECTED's first, then the others by file name.
const ALL = [
  ...EXPECTED,
  ...readdirSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "rubrics"))
    .filter((n) => n.endsWith(".json") && !n.endsWith(".schema.json"))
    .map((n) => n.slice(0, -".json".length))
    .filter((n) => !EXPECTED.includes(n))
    .sort(),
];

/** Runs `body` (an async function's source, given `m` = the package module) in a fresh Node and returns its JSON result. */
function inNode(body) {
  const script = `
    import * as m from ${JSON.stringify(MODULE)};
    import { readdirSync, readFileSync } from "node:fs";
    const wasm = readFileSync(${JSON.stringify(join(PKG, "rubricate_bg.wasm"))});
    const packs = readFileSync(${JSON.stringify(join(PKG, "rubricate_rubrics.pack"))});
    const out = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

const ANSWER =
  "I watch consumer lag per partition, alert when it keeps growing, and scale consumers up to the partition count; " +
  "processing is idempotent so that a rebalance replaying a few messages does no harm.";

test("init() loads the wasm and the bundled rubric packs beside the module", () => {
  const out = inNode(`
    await m.default({ module_or_path: wasm });
    const scorer = new m.Scorer();
    const scored = scorer.score({ question: "How do you deal with Kafka consumer lag?", answer: ${JSON.stringify(ANSWER)} });
    return { ids: scorer.rubrics().map((r) => r.id), rubric: scored.rubric?.id, score: scored.score, version: scorer.version };`);
  assert.deepEqual(out.ids, ALL);
  assert.equal(out.rubric, "event-streaming");
  assert.ok(out.score > 0 && out.score <= 5, `score ${out.score}`);
  assert.match(out.version, /^rubricate \d+\.\d+\.\d+$/);
});

test("init({ rubrics: false }) starts without bundled rubrics; a custom rubric still grades", () => {
  const rubric = {
    id: "own-rubric",
    title: "Own",
    version: "1.0.0",
    role: "Engineer",
    questions: [
      {
        id: "q1",
        text: "What does a load balancer do?",
        kind: "technical",
        reference: "It spreads requests across healthy servers and stops sending traffic to failed ones.",
        criteria: [
          { id: "c", name: "Correctness", weight: 1, signals: ["coverage"], descriptors: { 1: "a", 2: "b", 3: "c", 4: "d", 5: "e" } },
        ],
        points: [{ id: "spread", text: "Spreads requests across servers", phrases: ["spreads requests", "distributes traffic"], weight: 1 }],
      },
    ],
  };
  const out = inNode(`
    await m.default({ module_or_path: wasm, rubrics: false });
    const scorer = new m.Scorer();
    const before = scorer.rubrics().length;
    scorer.addRubric(${JSON.stringify(JSON.stringify(rubric))});
    const scored = scorer.score({ question: "What does a load balancer do?", answer: "It distributes traffic across the servers that pass health checks.", rubric: "own-rubric" });
    return { before, after: scorer.rubrics().map((r) => r.id), rubric: scored.rubric?.id };`);
  assert.equal(out.before, 0);
  assert.deepEqual(out.after, ["own-rubric"]);
  assert.equal(out.rubric, "own-rubric");
});

test("the packs can be passed as bytes, and initSync takes them too", () => {
  const out = inNode(`
    m.initSync({ module: wasm, rubrics: packs });
    return new m.Scorer().rubrics().length;`);
  assert.equal(out, ALL.length);
});

test("a missing or wrong pack file rejects init with an error that says what to do", () => {
  const missing = inNode(`
    try { await m.default({ module_or_path: wasm, rubrics: new URL("file:///nonexistent/rubricate_rubrics.pack") }); return "resolved"; }
    catch (e) { return String(e.message); }`);
  assert.match(missing, /ENOENT|no such file/);
  const wrong = inNode(`
    try { await m.default({ module_or_path: wasm, rubrics: wasm }); return "resolved"; }
    catch (e) { return String(e.message); }`);
  assert.match(wrong, /rubricate_rubrics\.pack: record 1: this is not a rubric pack asset/);
  const cut = inNode(`
    try { await m.default({ module_or_path: wasm, rubrics: packs.subarray(0, packs.length >> 1) }); return "resolved"; }
    catch (e) { return String(e.message); }`);
  assert.match(cut, /rubricate_rubrics\.pack: (record \d+: pack "[a-z-]+" does not decode|\$: the rubric pack asset is corrupted or cut short)/);
});

test("a failed install leaves the installed rubrics as they were", () => {
  const out = inNode(`
    await m.default({ module_or_path: wasm });
    let message = null;
    try { m.installRubricPacks(new Uint8Array([0x7b, 0x7d])); } catch (e) { message = e.message; }
    return { message, count: new m.Scorer().rubrics().length, again: m.installRubricPacks(packs) };`);
  assert.match(out.message, /not a rubric pack asset/);
  assert.equal(out.count, ALL.length);
  assert.equal(out.again, ALL.length);
});

test("with the index alone, a pack loads on first use: withRubrics, loadRubrics and fullRubric", () => {
  const out = inNode(`
    await m.default({ module_or_path: wasm, rubrics: packs }); // the index only, as in a browser
    const scorer = new m.Scorer();
    const ids = scorer.rubrics().map((r) => r.id);
    const entry = scorer.rubric("event-streaming");
    const input = { question: "How do you deal with Kafka consumer lag?", answer: ${JSON.stringify(ANSWER)} };
    let notLoaded = null;
    try { scorer.score(input); } catch (e) { notLoaded = e.message; }
    const scored = await m.withRubrics(() => scorer.score(input));
    const later = new m.Scorer();
    const transcript = "Interviewer: How do you deal with Kafka consumer lag?\\nCandidate: ${ANSWER}\\n" +
      "Interviewer: How would you structure a UI test automation framework so it stays maintainable as the product grows?\\n" +
      "Candidate: Page objects hold the locators, tests hold the assertions, and the driver setup lives in fixtures.";
    let reportError = null;
    try { scorer.report(transcript); } catch (e) { reportError = e.message; }
    const report = await m.withRubrics(() => scorer.report(transcript));
    const full = await m.fullRubric(scorer, "system-design");
    let bad = null;
    try { await m.loadRubrics("no-such-pack"); } catch (e) { bad = e.message; }
    return {
      ids,
      entryCriteria: entry.questions.map((q) => q.criteria.length),
      notLoaded,
      scored: { rubric: scored.rubric?.id, score: scored.score },
      loadedHere: scorer.rubric("event-streaming").questions.every((q) => q.criteria.length > 0),
      loadedInLater: later.rubric("event-streaming").questions.every((q) => q.criteria.length > 0),
      stillIndex: scorer.rubric("react-frontend").questions.every((q) => q.criteria.length === 0),
      reportError,
      reportRubrics: report.candidates[0].questions.map((q) => q.rubric?.id ?? null),
      full: full.questions.every((q) => q.points.length >= 6),
      bad,
    };`);
  assert.deepEqual(out.ids, ALL, "the index lists every pack");
  assert.ok(out.entryCriteria.every((n) => n === 0), "an index entry has no criteria");
  assert.match(out.notLoaded, /^rubric: rubric packs not loaded yet: event-streaming \(/);
  assert.equal(out.scored.rubric, "event-streaming");
  assert.ok(out.scored.score > 0, `score ${out.scored.score}`);
  assert.ok(out.loadedHere && out.loadedInLater, "every scorer takes the loaded pack up");
  assert.ok(out.stillIndex, "packs not used stay unloaded");
  assert.match(out.reportError, /rubric packs not loaded yet: qa-engineer \(/);
  assert.deepEqual(out.reportRubrics, ["event-streaming", "qa-engineer"]);
  assert.ok(out.full, "fullRubric loads the pack");
  assert.match(out.bad, /no-such-pack/);
});

test("init() under Node loads every pack in full from disk", () => {
  const out = inNode(`
    await m.default({ module_or_path: wasm });
    const scorer = new m.Scorer();
    return scorer.rubrics().filter((r) => !scorer.rubric(r.id).questions.every((q) => q.criteria.length > 0)).map((r) => r.id);`);
  assert.deepEqual(out, []);
});
