#!/usr/bin/env bash
# `make bench`: the package-benchmark suite, then the ratio "presentation / its two signature checks", then the
# Python peers timed on the same ES256 document. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"
swift package benchmark --no-progress "$@"
swift build -c release --product mdl-bench-ratios
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== Ratio: one presentation / its two signature checks (same run, interleaved)"
"$here/.build/release/mdl-bench-ratios" --write-es256 "$work"
swift build -c release --product mdl-bench-status
echo "== Status in the pipeline: warm cache, concurrency, a 10M-entry list"
"$here/.build/release/mdl-bench-status"
echo "== Python peers on the same ES256 document"
if bash "$root/Tests/Interop/setup-venv.sh"; then
    "$root/.venv/bin/python" "$here/compare-pymdoccbor.py" "$work"
else
    echo "compare-pymdoccbor skipped: the interop venv (python3) could not be set up"
fi
