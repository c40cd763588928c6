// Launches the system Chromium through playwright-core (no browser download), headless and quiet:
// the flags stop Chromium's own background traffic, so every request seen comes from the page.

import { chromium } from "playwright-core";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM, or run make test to install it)`);
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}
