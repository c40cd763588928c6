// In-browser timings of the wasm engine (`make bench`): loads pkg/ in headless Chromium from a
// loopback server and measures the median time to score a ~300-word answer and to report a ~60 KB
// transcript, plus module start-up; then accurate mode (pkg/accurate.js, when `make accurate` has
// built it): download size, load time from the browser's cache, and per-answer compare time. Prints
// one line per figure.
//
//   node tests/e2e/browser-bench.mjs            (after make pkg www-pkg)

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";

const WWW = fileURLToPath(new URL("../../www/", import.meta.url));
const WASM = join(WWW, "pkg", "rubricate_bg.wasm");
if (!existsSync(WASM)) {
  console.error("www/pkg is missing: run `make pkg www-pkg` first");
  process.exit(2);
}

const QUESTION = "How would you design a web application on a public cloud so that it stays available when individual components fail?";

// Sentences in the benchmark's own words, combined into answers of the wanted length.
const SENTENCES = [
  "I would start by listing the failure domains: a single instance, a whole availability zone, a region, and the dependencies we do not run ourselves.",
  "The web tier is stateless, so it runs as an auto scaling group of at least three instances spread over three zones behind a load balancer.",
  "Health checks on the load balancer remove an unhealthy instance within twenty or thirty seconds, and the group replaces it on its own.",
  "Sessions live in a managed cache rather than on the servers, so any instance can serve any user after a failover.",
  "The database runs with a synchronous standby in another zone and automatic failover, which we measured at under a minute.",
  "For reads we add replicas, and we keep backups with point-in-time recovery because replication also copies mistakes.",
  "Every call to another service gets a timeout, retries with backoff and jitter, and a circuit breaker so one slow dependency cannot exhaust our threads.",
  "When the recommendation service is down the page still renders, just without recommendations, which is graceful degradation rather than an outage.",
  "Static assets and cached pages are served from a CDN, which also absorbs traffic spikes and shields the origin.",
  "We agree an availability target with the business first, because 99.9 and 99.99 percent lead to very different costs and designs.",
  "Multi-region active-active is only worth it when the target or the regulations demand it, since it doubles cost and complicates data consistency.",
  "Monitoring covers error rate, latency and saturation, with alerts routed to an on-call engineer and runbooks for the common failures.",
  "Finally we test all of this: game days where we terminate instances or block a zone, and we fix whatever surprised us.",
  "I'm not completely sure about the exact failover numbers for every managed service, so I would verify them in a test environment.",
];

function answerOf(words, offset = 0) {
  const out = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const s = SENTENCES[(i + offset) % SENTENCES.length];
    out.push(s);
    n += s.split(/\s+/).length;
  }
  return out.join(" ");
}

const TRANSCRIPT_QUESTIONS = [
  QUESTION,
  "How would you reduce the cloud bill of a system without hurting its reliability or performance?",
  "Tell me about a time you had to convince a team to change how they worked.",
  "How should microservices communicate with each other, and when would you choose synchronous calls over asynchronous messaging?",
  "How do you design a disaster recovery strategy for a critical system?",
  "What would you do in your first month in this role?",
];

const NAMES = ["Avery Stone", "Blake Moreno", "Casey Lindqvist", "Devon Achebe", "Emery Sato", "Finley Novak", "Harper Quist", "Jules Ferreira"];

/** A numbered transcript of several candidates, about `bytes` long. */
function transcriptOf(bytes) {
  let text = "";
  for (let c = 1; text.length < bytes; c++) {
    text += `Candidate: ${NAMES[(c - 1) % NAMES.length]} ${String.fromCharCode(64 + c)}. - Cloud Solutions Architect\n`;
    TRANSCRIPT_QUESTIONS.forEach((q, i) => {
      text += `Q${i + 1}: ${q}\nA${i + 1}: ${answerOf(60 + ((c * 37 + i * 53) % 140), c + i)}\n`;
    });
    text += "\n";
  }
  return text;
}

const answer = answerOf(300);
const transcript = transcriptOf(60 * 1024);

const server = await serve(WWW, { "/bench.html": "<!doctype html><title>rubricate bench</title>" });
const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + "bench.html");
  const r = await page.evaluate(
    async ({ answer, transcript, question }) => {
      const median = (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      };
      // Median over `samples` batches; each batch repeats fn for at least minMs, so that timer
      // resolution (coarsened in browsers) does not dominate short calls.
      const time = (fn, { samples = 15, minMs = 40, warmup = 3 } = {}) => {
        for (let i = 0; i < warmup; i++) fn();
        const per = [];
        for (let i = 0; i < samples; i++) {
          let n = 0;
          const start = performance.now();
          do {
            fn();
            n++;
          } while (performance.now() - start < minMs);
          per.push((performance.now() - start) / n);
        }
        return median(per);
      };
      const t0 = performance.now();
      const { default: init, Scorer, loadRubrics } = await import("/pkg/rubricate.js");
      await init();
      const initMs = performance.now() - t0;
      const tp = performance.now();
      const packs = (await loadRubrics()).length; // every pack in full (a page loads one per role, on first use)
      const packsMs = performance.now() - tp;
      const t1 = performance.now();
      const scorer = new Scorer();
      const newMs = performance.now() - t1;
      const rubrics = scorer.rubrics();
      const named = `${rubrics[0].id}/${rubrics[0].questions[0].id}`;
      const first = scorer.score({ question, answer });
      const report = scorer.report(transcript);
      return {
        initMs,
        packs,
        packsMs,
        newMs,
        words: answer.split(/\s+/).length,
        transcriptBytes: new TextEncoder().encode(transcript).length,
        answers: report.candidates.reduce((n, c) => n + c.questions.length, 0),
        candidates: report.candidates.length,
        matched: first.rubric ? `${first.rubric.id}/${first.rubric.question ?? ""}` : first.basis,
        scoreMatched: time(() => scorer.score({ question, answer })),
        scoreNamed: time(() => scorer.score({ question, answer, rubric: named })),
        scoreReference: time(() => scorer.score({ question, answer, reference: answer.slice(0, 600) })),
        report: time(() => scorer.report(transcript), { samples: 9, minMs: 0, warmup: 1 }),
        renderMd: time(() => scorer.render(report, "md"), { samples: 9, minMs: 20, warmup: 1 }),
      };
    },
    { answer, transcript, question: QUESTION },
  );
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  const ms = (x) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
  const wasm = readFileSync(WASM);
  console.log(`browser: ${await browser.version()} (headless), module ${statSync(WASM).size} bytes, ${gzipSync(wasm, { level: 9 }).length} gzipped`);
  const gz = (/** @type {string} */ f) => gzipSync(readFileSync(f), { level: 9 }).length;
  const index = join(WWW, "pkg", "rubricate_rubrics.pack");
  const js = ["rubricate.js", "rubricate_engine.js", "worker-scorer.js", "worker-rpc.js"].map((f) => join(WWW, "pkg", f));
  const jsGz = gzipSync(Buffer.concat(js.map((f) => readFileSync(f))), { level: 9 }).length;
  const partsDir = join(WWW, "pkg", "rubrics");
  const parts = readdirSync(partsDir).filter((n) => n.endsWith(".pack")).map((n) => gz(join(partsDir, n)));
  console.log(`rubric packs' index ${statSync(index).size} bytes, ${gz(index)} gzipped; ${parts.length} packs, ${parts.reduce((a, b) => a + b, 0)} bytes gzipped in all (${Math.min(...parts)}-${Math.max(...parts)} each, fetched on first use)`);
  console.log(`first load (core wasm + index + JS, gzip -9): ${gzipSync(wasm, { level: 9 }).length + gz(index) + jsGz} bytes`);
  console.log(`init(): wasm + the packs' index (fetch, compile, decode): ${ms(r.initMs)}`);
  console.log(`loadRubrics(): all ${r.packs} packs (fetch, decode, install):  ${ms(r.packsMs)}`);
  console.log(`new Scorer() (rubrics copied, question index):      ${ms(r.newMs)}`);
  console.log(`score ${r.words}-word answer, question matched:  median ${ms(r.scoreMatched)}   (matched ${r.matched})`);
  console.log(`score ${r.words}-word answer, rubric named:      median ${ms(r.scoreNamed)}`);
  console.log(`score ${r.words}-word answer, model answer:      median ${ms(r.scoreReference)}`);
  console.log(`report ${(r.transcriptBytes / 1024).toFixed(1)} KB transcript (${r.candidates} candidates, ${r.answers} answers): median ${ms(r.report)}`);
  console.log(`render that report as Markdown:              median ${ms(r.renderMd)}`);
  await accurateRows(browser, ms);
} finally {
  await browser.close();
  await server.close();
}

/**
 * Accurate mode's rows: what a first visit downloads (encoder wasm gzipped + model files), how long
 * loadAccurate() takes on a later visit (model from the Cache API, encoder initialised in the worker),
 * and the median time of compare() for a ~40-word and a ~300-word answer against a ~60-word model
 * answer (two encoder passes each, in the worker, including the round trip).
 * @param {import("playwright-core").Browser} browser
 * @param {(x: number) => string} ms
 */
async function accurateRows(browser, ms) {
  const encoder = join(WWW, "pkg", "rubricate_encoder_bg.wasm");
  const modelDir = join(WWW, "models", "all-MiniLM-L6-v2");
  if (!existsSync(encoder) || !existsSync(join(modelDir, "model.safetensors"))) {
    console.log("accurate mode: skipped (run make accurate: encoder module or model missing)");
    return;
  }
  const wasmGz = gzipSync(readFileSync(encoder), { level: 9 }).length;
  const model = ["model.safetensors", "config.json", "tokenizer.json"].reduce((n, f) => n + statSync(join(modelDir, f)).size, 0);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url + "bench.html");
    const r = await page.evaluate(
      async ({ short, long, reference }) => {
        const { loadAccurate } = await import("/pkg/accurate.js");
        const modelBase = "/models/all-MiniLM-L6-v2/";
        let t = performance.now();
        const first = await loadAccurate({ modelBase });
        const firstMs = performance.now() - t;
        first.close();
        t = performance.now();
        const acc = await loadAccurate({ modelBase });
        const cachedMs = performance.now() - t;
        const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
        const time = async (answer, n) => {
          await acc.compare(answer, reference); // warm-up
          const per = [];
          for (let i = 0; i < n; i++) {
            const s = performance.now();
            await acc.compare(answer, reference);
            per.push(performance.now() - s);
          }
          return median(per);
        };
        const out = {
          firstMs,
          cachedMs,
          cached: acc.cached,
          shortWords: short.split(/\s+/).length,
          longWords: long.split(/\s+/).length,
          refWords: reference.split(/\s+/).length,
          shortMs: await time(short, 9),
          longMs: await time(long, 5),
        };
        acc.close();
        return out;
      },
      { short: answerOf(40), long: answer, reference: answerOf(60, 5) },
    );
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    const mbytes = (b) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(`accurate mode download: encoder wasm ${wasmGz} bytes gzipped + model ${mbytes(model)} = ${mbytes(wasmGz + model)} (first visit; ${r.cached ? "cached after it" : "NOT cached"})`);
    console.log(`accurate mode load, first visit (loopback download + init):     ${ms(r.firstMs)}`);
    console.log(`accurate mode load, model from the browser's cache (init):      ${ms(r.cachedMs)}`);
    console.log(`accurate compare ${r.shortWords}-word answer vs ${r.refWords}-word model answer:  median ${ms(r.shortMs)}`);
    console.log(`accurate compare ${r.longWords}-word answer vs ${r.refWords}-word model answer: median ${ms(r.longMs)}`);
  } finally {
    await context.close();
  }
}
