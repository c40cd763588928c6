// Shared set-up of the end-to-end tests: one loopback server for www/ and one Chromium per test
// file, a fresh browser context per test that records every request (anything not addressed to
// the loopback server is blocked and reported), console errors, page errors and dialogs.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WWW = join(ROOT, "www");
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
/**
 * Where the tests that take screenshots write them: tests/e2e/screenshots/ (the pictures the README
 * shows) only under `make screenshots` (UPDATE_SCREENSHOTS=1); otherwise a temporary directory, so
 * `make test` never rewrites tracked files.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL("./screenshots/", import.meta.url))
  : join(tmpdir(), "rubricate-screenshots");

/** How long to wait for the engine to answer (a cold module compile on a busy CI machine). */
export const ENGINE_TIMEOUT = 30_000;

/** @type {Awaited<ReturnType<typeof serve>> | undefined} */
let server;
/** @type {import("playwright-core").Browser | undefined} */
let browser;

/** Starts the server and Chromium for the calling test file. */
export function useBrowser() {
  before(async () => {
    if (!existsSync(join(WWW, "pkg", "rubricate_bg.wasm"))) {
      throw new Error("www/pkg is missing: run `make pkg www-pkg` (make test does) before the e2e tests");
    }
    server = await serve(WWW);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * What a test saw: every request, those that left 127.0.0.1, console errors and dialogs.
 * @typedef {{ requests: string[], outside: string[], errors: string[], dialogs: string[], check: () => void }} Seen
 */

/**
 * Opens the page in a fresh context. Returns {page, context, origin, seen}; call `seen.check()` at
 * the end of a test to assert that no request left 127.0.0.1, no error was logged, no dialog opened.
 * @param {{ viewport?: { width: number, height: number }, colorScheme?: "light" | "dark", path?: string }} [options]
 */
export async function openPage({ viewport = { width: 1280, height: 900 }, colorScheme = "light", path = "" } = {}) {
  if (!browser || !server) throw new Error("openPage() before useBrowser() started the browser");
  const context = await browser.newContext({ acceptDownloads: true, viewport, colorScheme });
  const origin = server.origin;
  /** @type {Seen} */
  const seen = { requests: [], outside: [], errors: [], dialogs: [], check: () => {} };
  /** @param {string} url */
  const local = (url) => url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:");
  await context.route("**/*", (route) => {
    const url = route.request().url();
    seen.requests.push(url);
    if (local(url)) return route.continue();
    seen.outside.push(url);
    return route.abort();
  });
  context.on("request", (req) => {
    if (!local(req.url())) seen.outside.push(req.url());
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") seen.errors.push(msg.text());
  });
  page.on("pageerror", (err) => seen.errors.push(`page error: ${err.message}`));
  page.on("dialog", async (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  seen.check = () => {
    assert.deepEqual([...new Set(seen.outside)], [], "requests that left 127.0.0.1");
    assert.deepEqual(seen.errors, [], "console errors");
    assert.deepEqual(seen.dialogs, [], "dialogs opened");
  };
  await page.goto(origin + "/" + path);
  await page.waitForSelector("body[data-ready]", { timeout: ENGINE_TIMEOUT });
  assert.equal(await page.getAttribute("body", "data-ready"), "true", await page.textContent("#load-status"));
  return { page, context, origin, seen };
}

/**
 * Waits until the single-answer panel shows a score or an error; returns the error text, if any.
 * @param {import("playwright-core").Page} page
 */
export async function waitForScore(page) {
  await page.waitForSelector("#result-body:not([hidden]), #score-error:not([hidden])", { timeout: ENGINE_TIMEOUT });
  const error = await page.$("#score-error:not([hidden])");
  return error ? await error.textContent() : null;
}

/**
 * The bundled rubric packs, read from rubrics/*.json (the page lists the same ones).
 * @returns {Promise<import("../../pkg/rubricate.js").Rubric[]>}
 */
export async function bundledRubrics() {
  const dir = join(ROOT, "rubrics");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.endsWith(".schema.json")).sort();
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), "utf8"))));
}

/** A technical question of a bundled rubric with its model answer (cloud-architect when present). */
export async function technicalQuestion() {
  const rubrics = await bundledRubrics();
  const ordered = [...rubrics.filter((r) => r.id === "cloud-architect"), ...rubrics];
  for (const r of ordered) {
    const q = r.questions.find((x) => x.kind === "technical");
    if (q) return { rubric: r, question: q, value: `${r.id}/${q.id}` };
  }
  throw new Error("no bundled rubric has a technical question");
}
