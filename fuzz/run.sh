#!/usr/bin/env bash
# Runs the fuzz targets one after another: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   fuzz/run.sh                 # every target, 600 s each
#   fuzz/run.sh 60 score report # two targets, a minute each
#   SANITIZER=address fuzz/run.sh 600 score   # with AddressSanitizer (about 10x slower)
#
# The stable toolchain is enough: RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz passes.
# The engine has no `unsafe` code, so by default the targets are built without a sanitizer
# (`-s none`): panics, debug assertions (overflow), timeouts and memory blow-ups are still caught.
# A crash leaves its input in fuzz/artifacts/<target>/; copy it to
# tests/fixtures/regressions/<target>-<what> so `cargo test --test limits` replays it for good.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-600}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(transcript_parse score rubric_validate report rubric_convert rubric_packs)
sanitizer="${SANITIZER:-none}"

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
"$root/fuzz/seed.sh"
cd "$root"
status=0
for t in "${targets[@]}"; do
  echo "== fuzzing $t for $seconds s"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run -s "$sanitizer" "$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=2 -print_final_stats=1; then
    echo "!! $t found a problem: see fuzz/artifacts/$t/" >&2
    status=1
  fi
done
exit $status
