#!/usr/bin/env bash
# Seeds the pipeline fuzzer from the sandbox: runs the HostileFuzzSeedTests test (built by build-pipeline.sh), which
# writes verifying presentations to CORPUS and the trust anchors, transcript and time they verify with to SETUP.
#   Fuzz/make-pipeline-corpus.sh CORPUS SETUP
set -euo pipefail
corpus="${1:?usage: Fuzz/make-pipeline-corpus.sh CORPUS SETUP}"
setup="${2:?usage: Fuzz/make-pipeline-corpus.sh CORPUS SETUP}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && MDL_FUZZ_SEED_DIR="$work" swift test --skip-build --filter HostileFuzzSeedTests >"$work/log" 2>&1) \
    || { cat "$work/log" >&2; echo "make-pipeline-corpus.sh: the seed export test failed" >&2; exit 1; }
mkdir -p "$corpus"
rm -rf "$setup"
cp "$work"/corpus/* "$corpus"/
cp -r "$work/setup" "$setup"
echo "pipeline corpus: $(ls "$work/corpus" | wc -l) sandbox seeds, anchors and transcript in $setup"
