// Copies the rubric pack asset that build.rs wrote for the core wasm build into pkg/.
//
//   node scripts/copy-rubric-packs.mjs BUILD_MESSAGES.jsonl DEST
//
// BUILD_MESSAGES.jsonl is cargo's `--message-format=json` output for that build: its
// "build-script-executed" message for this package names the OUT_DIR build.rs wrote into (cargo
// prints it on fresh builds too). Fails loudly if the message or the file is missing.
import { copyFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

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
console.log(`${dest}: ${statSync(dest).size} bytes (rubric packs, from ${src})`);
