#!/usr/bin/env bash
# The Python binding's tests: `make wheel`, then a fresh venv with pinned packages from PyPI, the
# wheel installed into it, and pytest over python/tests: the API against the native CLI
# (RUBRICATE_CLI) and the DuckDB, PySpark and Ray recipes on small local runs (RUBRICATE_RECIPES=
# require: a missing engine fails). Called by scripts/test-all.sh; prints pytest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
target=${CARGO_TARGET_DIR:-target}

# Pinned test dependencies (PyPI, Dec 2026). PySpark 4.3 runs on the machine's Java 17 and does
# not support pandas 3 yet (its mapInPandas workers warn and fail), hence pandas 2.3.
PINNED=(pytest==9.2.0 duckdb==2.0.1 pandas==2.3.3 pyarrow==26.0.1 pyspark==4.3.0 "ray[data]==2.60.0")

$MAKE wheel
version=$(awk -F'"' '/^version = / {print $2; exit}' python/Cargo.toml)
wheel=$(ls -t "$target"/wheels/rubricate-"$version"-cp39-abi3-*.whl | head -1)
echo "wheel: $wheel ($(stat -c %s "$wheel") bytes)"
cargo build --bin rubricate
cli=$(pwd)/$target/debug/rubricate

venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "${PINNED[@]}" "$wheel"
# From outside the source tree, so `import rubricate` is the installed wheel.
cd "$venv"
RUBRICATE_CLI=$cli RUBRICATE_RECIPES=require "$venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$OLDPWD/python/tests"
