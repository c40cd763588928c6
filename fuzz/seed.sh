#!/usr/bin/env bash
# Builds the fuzz corpora (fuzz/corpus/<target>/, gitignored) from the repository's fixtures and
# bundled rubrics. Safe to rerun: files are named by content, so nothing is duplicated.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{transcript_parse,score,rubric_validate,report,rubric_convert,rubric_packs}

add() { # add TARGET FILE: copy FILE into the target's corpus under a content-derived name
  local sum; sum="$(sha1sum "$2" | cut -c1-16)"
  cp "$2" "$corpus/$1/seed-$sum"
}

for f in "$root"/tests/fixtures/transcripts/*; do
  [ -f "$f" ] || continue
  add transcript_parse "$f"
  add report "$f"
done
for f in "$root"/tests/fixtures/rubrics/*.json "$root"/rubrics/*.json; do
  [ -f "$f" ] || continue
  case "$f" in *rubric.schema.json) continue ;; esac
  add rubric_validate "$f"
done

# rubric_convert: one selector byte (0 Rubricate, 1 Canvas, 2 Prometheus, 3 detect) then the JSON.
tmp="$(mktemp)"; trap 'rm -f "$tmp"' EXIT
convert_seed() { { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$tmp"; add rubric_convert "$tmp"; }
for f in "$root"/tests/fixtures/rubrics/good-custom.json "$root"/rubrics/behavioral-star.json; do
  [ -f "$f" ] && convert_seed 0 "$f"
done
for f in "$root"/tests/fixtures/interop/*canvas*.json; do [ -f "$f" ] && convert_seed 1 "$f"; done
for f in "$root"/tests/fixtures/interop/*prometheus*.json; do [ -f "$f" ] && convert_seed 2 "$f"; done
# selector 3: detect the format
for f in "$root"/tests/fixtures/interop/*.json "$root"/tests/fixtures/rubrics/good-custom.json; do [ -f "$f" ] && convert_seed 3 "$f"; done

# rubric_packs: the asset the package ships (when a wasm build has written it), whole and cut short.
if [ -f "$root/pkg/rubricate_rubrics.pack" ]; then
  add rubric_packs "$root/pkg/rubricate_rubrics.pack"
  head -c 20000 "$root/pkg/rubricate_rubrics.pack" > "$tmp" && add rubric_packs "$tmp"
fi

# score: "question<US>answer<US>reference" from the batch fixture and the tier answers.
python3 - "$root" "$corpus/score" <<'PY'
import hashlib, json, sys, pathlib
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
US = "\x1f"
def write(q, a, r=None):
    s = q + US + a + ((US + r) if r else "")
    b = s.encode("utf-8")
    (out / ("seed-" + hashlib.sha1(b).hexdigest()[:16])).write_bytes(b)
for line in (root / "tests/fixtures/batch.jsonl").read_text(encoding="utf-8").splitlines():
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if isinstance(o, dict) and isinstance(o.get("question"), str) and isinstance(o.get("answer"), str):
        write(o["question"], o["answer"], o.get("reference") if isinstance(o.get("reference"), str) else None)
# The short-answer set: comparison questions, terse answers, model answers split into clauses.
for f in sorted((root / "tests/devset-reference").glob("*.jsonl"))[:4]:
    for line in f.read_text(encoding="utf-8").splitlines()[:5]:
        try:
            o = json.loads(line)
        except ValueError:
            continue
        write(o["question"], o["answer"], o["reference"])
tiers = json.loads((root / "tests/fixtures/tiers.json").read_text(encoding="utf-8"))
for t in tiers[:6]:
    for level in ("weak", "average", "strong"):
        if isinstance(t.get(level), str):
            write(t.get("question", ""), t[level])
PY

# Inputs that once crashed or hung are regression seeds too.
for f in "$root"/tests/fixtures/regressions/*; do
  [ -f "$f" ] || continue
  name="$(basename "$f")"
  target="${name%%-*}"
  if [ -d "$corpus/$target" ]; then add "$target" "$f"; fi
done

for t in "$corpus"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
