#!/usr/bin/env bash
# Builds and runs a libFuzzer target for MDLCBOR.
#   Fuzz/run.sh TARGET SECONDS      e.g. Fuzz/run.sh CBORFuzz 120
# The binary goes to Fuzz/.build/TARGET, the working corpus to Fuzz/.corpus/TARGET (seeded by make-corpus.sh),
# crash reproducers to Fuzz/.artifacts/TARGET/. Exit status is libFuzzer's: non-zero when it found a crash.
set -euo pipefail

target="${1:?usage: Fuzz/run.sh TARGET SECONDS}"
seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
[[ -f "$here/$target/main.swift" ]] || { echo "no fuzz target $here/$target/main.swift" >&2; exit 2; }

build="$here/.build"
corpus="$here/.corpus/$target"
artifacts="$here/.artifacts/$target"
mkdir -p "$build" "$corpus" "$artifacts"

# One module: the library sources plus the target's entry point (-parse-as-library: main.swift holds no top-level code).
swiftc -O -parse-as-library -swift-version 6 -module-name "$target" \
    -sanitize=fuzzer,address \
    "$root"/Sources/MDLCBOR/*.swift "$here/$target/main.swift" \
    -o "$build/$target" 2> >(grep -v "Cannot export local symbol" >&2)

"$here/make-corpus.sh" "$corpus"

exec "$build/$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus"
