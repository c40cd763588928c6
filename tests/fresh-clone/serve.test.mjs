// The README's first command, as a newcomer runs it: clone the repository into an empty directory,
// run `make serve` there (nothing built, no target/, no node_modules), fetch the page, the wasm and
// the rubric packs over HTTP, grade one answer in headless Chromium from that served page, stop the
// server. Then `make accuracy` in the same clone, which must not depend on any other target having
// run. Run by `make test` (scripts/test-all.sh, stage fresh-clone) on the committed HEAD.
//
//   node --test tests/fresh-clone/          (FRESH_CLONE_KEEP=1 keeps the clone for a look)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../e2e/browser.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** A cold build of both wasm modules, npm ci and wasm-opt on a busy 2-core machine take minutes. */
const BUILD_TIMEOUT_MS = 25 * 60_000;
/** How long the page may take to compile the module and say it is ready. */
const READY_TIMEOUT_MS = 60_000;

let clone;

/** The environment of a newcomer's shell: no make state from the caller, cargo's default target/. */
function newcomerEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"]) {
    delete env[k];
  }
  return env;
}

/** A TCP port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** Resolves true once something answers on the port, false once it is closed. */
async function answers(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(() => {
  clone = mkdtempSync(join(tmpdir(), "rubricate-fresh-"));
  execFileSync("git", ["clone", "-q", ROOT, clone], { stdio: "inherit" });
  assert.ok(!existsSync(join(clone, "target")), "the clone starts without target/");
  assert.ok(!existsSync(join(clone, "www", "pkg")), "the clone starts without www/pkg/");
});

after(() => {
  if (clone && !process.env.FRESH_CLONE_KEEP) rmSync(clone, { recursive: true, force: true });
});

test("fresh clone: `make serve` builds, serves the page, the wasm and the packs; an answer is graded in Chromium", { timeout: BUILD_TIMEOUT_MS + 5 * 60_000 }, async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn("make", ["serve"], { cwd: clone, env: newcomerEnv({ PORT: String(port) }), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const tail = () => log.split("\n").slice(-40).join("\n");
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGTERM"); // make and the python server it exec'd: one process group
    } catch {}
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) process.kill(-child.pid, "SIGKILL");
  };
  let browser;
  try {
    const deadline = Date.now() + BUILD_TIMEOUT_MS;
    while (!(await answers(`${origin}/`))) {
      assert.equal(exited, null, `make serve stopped before serving (${JSON.stringify(exited)}):\n${tail()}`);
      assert.ok(Date.now() < deadline, `make serve did not serve within ${BUILD_TIMEOUT_MS / 60_000} minutes:\n${tail()}`);
      await sleep(1000);
    }
    assert.match(log, new RegExp(`Rubricate: http://127\\.0\\.0\\.1:${port}/`), "make serve prints the page's address");

    // The page and every asset the engine needs, over HTTP, byte for byte what the build wrote.
    const page = await fetch(`${origin}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>[^<]*Rubricate/i);
    for (const [path, type] of [
      ["pkg/rubricate_bg.wasm", /application\/wasm/],
      ["pkg/rubricate_rubrics.pack", /./],
      ["pkg/rubrics/cloud-architect.pack", /./], // a role's pack, fetched the first time it grades
      ["pkg/rubricate.js", /javascript/],
      ["pkg/rubricate_engine.js", /javascript/],
    ]) {
      const r = await fetch(`${origin}/${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get("content-type") ?? "", type, `${path} content type`);
      const served = Buffer.from(await r.arrayBuffer());
      assert.ok(served.equals(readFileSync(join(clone, "www", path))), `${path} is served as built`);
      if (path.endsWith(".wasm")) assert.deepEqual([...served.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], "wasm magic");
    }

    // One answer graded in Chromium from the served page, with no request leaving the server.
    browser = await launch();
    const context = await browser.newContext();
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`${origin}/`);
    await tab.waitForSelector("body[data-ready]", { timeout: READY_TIMEOUT_MS });
    assert.equal(await tab.getAttribute("body", "data-ready"), "true", await tab.textContent("#load-status"));
    const options = await tab.$$eval("#question-pick option", (os) => os.map((o) => o.value).filter((v) => v.includes("/")));
    assert.ok(options.length > 0, "the bundled rubric questions are listed");
    await tab.selectOption("#question-pick", options[0]);
    await tab.fill("#answer", "I would run several instances in two zones behind a load balancer with health checks, keep the database replicated with automatic failover, and rehearse the failover so we know it works.");
    await tab.waitForSelector("#result-body:not([hidden]), #score-error:not([hidden])", { timeout: READY_TIMEOUT_MS });
    assert.equal(await tab.$("#score-error:not([hidden])"), null, "no grading error");
    const score = Number(await tab.textContent("#score-value"));
    assert.ok(Number.isFinite(score) && score >= 0 && score <= 5, `a 0-5 score (got ${score})`);
    assert.match(await tab.textContent("#grade"), /^Grade [0-5] of 5$/);
    assert.deepEqual(outside, [], "requests that left the served origin");
    assert.deepEqual(errors, [], "page errors");
  } finally {
    await browser?.close();
    await stop();
  }
  assert.equal(await answers(`${origin}/`), false, "the server stopped with make serve");
});

test("fresh clone: `make accuracy` runs on its own and passes its floors", { timeout: BUILD_TIMEOUT_MS }, () => {
  const out = execFileSync("make", ["accuracy"], { cwd: clone, env: newcomerEnv(), encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
  assert.match(out, /Development set: \d+ answers/, "the accuracy report is printed");
});

test("fresh clone: `make bench` runs on its own (a quick run: short criterion windows, 1,000 batch lines, the Python wheel)", { timeout: BUILD_TIMEOUT_MS }, () => {
  const out = execFileSync("make", ["bench", "BENCH_ARGS=--warm-up-time 0.2 --measurement-time 0.5", "LINES=1000", "JOBS=1"], {
    cwd: clone,
    env: newcomerEnv(),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "pipe"],
  });
  assert.match(out, /time:\s+\[/, "criterion timings are printed");
  assert.match(out, /score \d+-word answer, question matched: +median/, "the in-browser timings are printed");
  assert.match(out, /grading 1000 answers/, "the batch load figures are printed");
  assert.match(out, /score_many: +\d+ answers\/second \(one thread/, "the Python wheel's throughput is printed");
  assert.match(out, /same scores as the CLI/, "the wheel's scores are checked against the CLI's");
});
