#!/usr/bin/env bash
# Builds and runs MDLKit's libFuzzer targets.
#   Fuzz/run.sh TARGET SECONDS      TARGET: one of the targets below, or all
# Targets, one per place untrusted bytes enter: CBORFuzz (the CBOR reader), PipelineFuzz (a DeviceResponse through
# the whole verifier), ResponseFuzz (a form body posted to a request's response_uri: form, JWE, authorization
# response), RequestObjectFuzz (a request object on the wallet side), StatusTokenFuzz (status list tokens and point
# statements), VICALFuzz (trust lists), X5ChainFuzz (certificate sets in an x5chain).
# -timeout is short (TIMEOUT seconds per input, default 2): an input that costs more (a path explosion, a
# decompression bomb) is reported as a timeout, which counts as a failure.
# The binary goes to Fuzz/.build/TARGET, the working corpus to Fuzz/.corpus/TARGET (seeded by make-corpus.sh or
# make-pipeline-corpus.sh), crash reproducers to Fuzz/.artifacts/TARGET/. Exit status is libFuzzer's: non-zero when
# it found a crash (for `all`: the first non-zero status, after running every target).
set -euo pipefail

target="${1:?usage: Fuzz/run.sh TARGET|all SECONDS}"
seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

targets="CBORFuzz PipelineFuzz ResponseFuzz RequestObjectFuzz StatusTokenFuzz VICALFuzz X5ChainFuzz"
per_input_timeout="${TIMEOUT:-2}"
if [[ "$target" == all ]]; then
    status=0
    for t in $targets; do
        echo "== $t for $seconds s"
        "$here/run.sh" "$t" "$seconds" || { rc=$?; [[ $status == 0 ]] && status=$rc; }
    done
    exit "$status"
fi
[[ -f "$here/$target/main.swift" ]] || { echo "no fuzz target $here/$target/main.swift" >&2; exit 2; }

build="$here/.build"
corpus="$here/.corpus/$target"
artifacts="$here/.artifacts/$target"
mkdir -p "$build" "$corpus" "$artifacts"

case "$target" in
CBORFuzz)
    # One module: the library sources plus the target's entry point (-parse-as-library: main.swift holds no top-level code).
    swiftc -O -parse-as-library -swift-version 6 -module-name "$target" -package-name MDLKit \
        -sanitize=fuzzer,address \
        "$root"/Sources/MDLCBOR/*.swift "$here/$target/main.swift" \
        -o "$build/$target" 2> >(grep -v "Cannot export local symbol" >&2)
    "$here/make-corpus.sh" "$corpus"
    extra=()
    max_len=4096
    ;;
PipelineFuzz)
    "$here/build-pipeline.sh" "$build/$target"
    setup="$here/.corpus/$target.setup"
    "$here/make-pipeline-corpus.sh" "$corpus" "$setup"
    export MDL_FUZZ_SETUP="$setup"
    # Swift's runtime keeps metadata and the harness's verifiers for the process's life; LeakSanitizer reports
    # those at exit as leaks (and libFuzzer then records the empty input as a crash).
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
    extra=(-detect_leaks=0)
    max_len=65536
    ;;
ResponseFuzz|RequestObjectFuzz|StatusTokenFuzz|VICALFuzz|X5ChainFuzz)
    # The harness writes this run's seeds (fresh keys) into the corpus at start-up.
    "$here/build-pipeline.sh" "$build/$target" "$target"
    export MDL_FUZZ_CORPUS="$corpus"
    vical="$root/../shared/vectors/aamva-vical/vical-2025-11-18.cbor"
    [[ "$target" == VICALFuzz && -f "$vical" ]] && cp "$vical" "$corpus/seed-aamva-vical"
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
    extra=(-detect_leaks=0)
    max_len=65536
    ;;
*)
    echo "unknown fuzz target $target" >&2; exit 2 ;;
esac

exec "$build/$target" "${extra[@]}" -max_total_time="$seconds" -max_len="$max_len" -timeout="$per_input_timeout" -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus"
