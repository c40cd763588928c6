#!/usr/bin/env bash
# Every test suite of the project, in order, each run even when an earlier one failed, then one
# summary line `N passed, N failed` over all of them. Called by `make test` once the tools exist.
#
#   1. native: cargo test (unit, integration, goldens)
#   2. wasm:   wasm-bindgen-test in Node (tests/wasm_node.rs) and headless Chromium (tests/wasm_browser.rs)
#              on the core build (feature `scorer`), then the rubric tools (tests/wasm_tools_node.rs,
#              tests/wasm_tools_browser.rs) on a build with `tools` too
#   3. pkg:    make pkg, then the size budget on the gzipped core module (the tools module's size is printed)
#   4. e2e:    the page in headless Chromium (tests/e2e/*.test.mjs, node --test)
set -uo pipefail
cd "$(dirname "$0")/.."

MAKE=${MAKE:-make}
# The issue's target is 250 KB gzipped and it is NOT met (issue 4 stays open). Measured (gzip -9):
# 327 KB at e954eb9 (code ~165 KB, bundled rubric text ~95 KB, other tables/strings ~67 KB); 416 KB
# (426,036 B) at 0.2.0 after rubric import/export and drafting in the wasm API (~67 KB), the WordNet
# table (~13 KB) and the embeddings loader; 354 KB (362,610 B) once those rubric tools moved into the
# lazily loaded second module pkg/rubricate_tools_bg.wasm (188 KB, 192,764 B; no budget: it is
# fetched only when a rubric is imported, exported or drafted). Next on the plan to 250 KB: criteria
# text out of the core (issue notes). This ceiling only guards against growth of the core module;
# lower it as the module shrinks, never raise it to make a build pass.
SIZE_BUDGET_KB=${SIZE_BUDGET_KB:-355}
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

echo "== native: cargo test"
cargo test --no-fail-fast 2>&1 | tee "$logs/native"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/native")
record native "$status" "$p" "$f"

echo "== wasm: wasm-bindgen-test in Node and headless Chromium (core, then rubric tools)"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
# The core tests build without `tools`, as the core module is built; the tools tests add it.
cargo test --no-fail-fast --target wasm32-unknown-unknown --no-default-features --features scorer \
  --test wasm_node --test wasm_browser 2>&1 | tee "$logs/wasm"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/wasm")
record wasm "$status" "$p" "$f"
cargo test --no-fail-fast --target wasm32-unknown-unknown --no-default-features --features scorer,tools \
  --test wasm_tools_node --test wasm_tools_browser 2>&1 | tee "$logs/wasm-tools"
status=${PIPESTATUS[0]}
read -r p f < <(count_cargo "$logs/wasm-tools")
record wasm-tools "$status" "$p" "$f"

echo "== pkg: build the package and check its size"
if $MAKE pkg www-pkg; then
  bytes=$(gzip -9 -c pkg/rubricate_bg.wasm | wc -c)
  kb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1024}')
  echo "pkg/rubricate_bg.wasm: $(wc -c < pkg/rubricate_bg.wasm) bytes, $bytes bytes gzip -9 ($kb KB; budget $SIZE_BUDGET_KB KB)"
  tbytes=$(gzip -9 -c pkg/rubricate_tools_bg.wasm | wc -c)
  echo "pkg/rubricate_tools_bg.wasm: $(wc -c < pkg/rubricate_tools_bg.wasm) bytes, $tbytes bytes gzip -9 ($(awk -v b="$tbytes" 'BEGIN {printf "%.1f", b / 1024}') KB; loaded on demand, no budget)"
  if [ "$bytes" -le $((SIZE_BUDGET_KB * 1024)) ]; then record size 0 1 0; else echo "FAIL: over the size budget"; record size 1 0 1; fi
  pkg_ok=1
else
  record pkg 1 0 1
  pkg_ok=0
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

echo
echo "== summary"
printf '%s\n' "${lines[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
