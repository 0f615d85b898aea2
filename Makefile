# MDLKit: the two commands a new user runs are `make demo` and `make test`; both install what they need.
SHELL := /bin/bash
APT_PACKAGES := libsodium-dev libcurl4-openssl-dev zlib1g-dev pkg-config libqrencode-dev python3-venv postgresql \
  chromium chromium-driver fonts-wqy-zenhei
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT_BUILD_FLAGS ?=

.PHONY: setup demo test build interop-setup bench fuzz docs clean

## Install the system packages (apt) that are missing.
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "== installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

build: setup
	swift build $(SWIFT_BUILD_FLAGS)

## Build and run the end-to-end demo against the embedded sandbox.
demo: build
	.build/debug/mdl-rp demo all
	@echo "== the web sample (rental counter, claim portal): .build/debug/mdl-rp-web --port 8080, then open http://127.0.0.1:8080/"

## Python peers for the interop suites (pymdoccbor, joserfc) in .venv.
interop-setup: setup
	@bash Tests/Interop/setup-venv.sh

## The whole test suite, with a scratch PostgreSQL server on loopback for the shared-storage suites (when it cannot
## start they are skipped with a "MDLKIT-POSTGRES-SKIPPED:" line; POSTGRES_FLAGS=--strict, as CI sets, fails
## instead). A hung test fails the run after TEST_TIMEOUT seconds instead of stalling CI.
TEST_TIMEOUT ?= 1200
POSTGRES_FLAGS ?=
test: setup interop-setup
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	timeout --kill-after=30 $(TEST_TIMEOUT) Tests/Postgres/with-postgres.sh $(POSTGRES_FLAGS) --require-use \
	  swift test --skip-build $(SWIFT_BUILD_FLAGS) 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}
	@# The web sample in headless Chromium (prints "SKIPPED: why" without it; MDLKIT_REQUIRE_BROWSER=1 fails instead).
	timeout --kill-after=10 300 python3 Tests/Browser/web_sample_test.py 2>&1 | tee .build/browser-test-output.txt; exit $${PIPESTATUS[0]}

## Benchmarks (package-benchmark, its own package in Benchmarks/).
bench: setup
	bash Benchmarks/run-all.sh

## libFuzzer targets, each for FUZZ_SECONDS (default 600).
FUZZ_SECONDS ?= 600
fuzz: setup
	bash Fuzz/run.sh all $(FUZZ_SECONDS)

## The DocC catalogs (the umbrella and each main product), warnings as errors.
DOC_TARGETS := MDLKit MDLVerifier MDLStatus MDLOpenID4VP MDLLicense
docs: setup
	for target in $(DOC_TARGETS); do \
	  swift package generate-documentation --target $$target --warnings-as-errors || exit 1; done

clean:
	rm -rf .build
