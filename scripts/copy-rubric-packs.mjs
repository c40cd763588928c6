// Copies the rubric pack assets that build.rs wrote for the core wasm build into pkg/: the index
// (rubricate_rubrics.pack) to DEST, and every pack (rubrics/<id>.pack) into rubrics/ beside DEST,
// which is emptied first so that a removed pack does not linger.
//
//   node scripts/copy-rubric-packs.mjs BUILD_MESSAGES.jsonl DEST
//
// BUILD_MESSAGES.jsonl is cargo's `--message-format=json` output for that build: its
// "build-script-executed" message for this package names the OUT_DIR build.rs wrote into (cargo
// prints it on fresh builds too). Fails loudly if the message or the file is missing.
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const [messages, dest] = process.argv.slice(2);
if (!messages || !dest) {
  console.error("usage: node scripts/copy-rubric-packs.mjs BUILD_MESSAGES.jsonl DEST");
  process.exit(2);
}
let outDir = null;
for (const line of readFileSync(messages, "utf8").split("\n")) {
  if (!line.startsWith("{")) continue;
  const msg = JSON.parse(line);
  if (msg.reason === "build-script-executed" && /[#/]rubricate[@#]/.test(msg.package_id)) outDir = msg.out_dir;
}
if (!outDir) {
  console.error(`${messages}: cargo printed no build-script-executed message for rubricate`);
  process.exit(1);
}
const src = join(outDir, "rubricate_rubrics.pack");
copyFileSync(src, dest);
console.log(`${dest}: ${statSync(dest).size} bytes (rubric pack index, from ${src})`);
const parts = join(outDir, "rubrics");
const destParts = join(dirname(dest), "rubrics");
rmSync(destParts, { recursive: true, force: true });
cpSync(parts, destParts, { recursive: true });
const names = readdirSync(destParts).filter((n) => n.endsWith(".pack"));
if (!names.length) {
  console.error(`${parts}: build.rs wrote no rubric pack`);
  process.exit(1);
}
const bytes = names.reduce((sum, n) => sum + statSync(join(destParts, n)).size, 0);
console.log(`${destParts}/: ${names.length} packs, ${bytes} bytes (loaded on first use)`);
