#!/usr/bin/env bash
# Builds and runs each workflow sample (RentalCounter, ClaimIntake, JobScreening) against the in-process sandbox.
# Each is a standalone package depending on MDLKit by path; only its product is built (a bare `swift build` would
# build every target of the path dependency). The three share one scratch path (SAMPLES_SCRATCH, default
# Samples/.build-samples) so MDLKit's modules are compiled once. Exit non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
scratch="${SAMPLES_SCRATCH:-$here/.build-samples}"
fail=0
for sample in RentalCounter:rental-counter ClaimIntake:claim-intake JobScreening:job-screening; do
    package="${sample%%:*}"
    product="${sample##*:}"
    start=$(date +%s)
    if ! swift build --package-path "$here/$package" --scratch-path "$scratch" --product "$product" 2>&1 | tail -3; then
        echo "FAIL: $package did not build"; fail=1; continue
    fi
    bin="$(swift build --package-path "$here/$package" --scratch-path "$scratch" --show-bin-path)"
    if "$bin/$product"; then
        echo "ok: $package ($(( $(date +%s) - start )) s)"
    else
        echo "FAIL: $package exited non-zero"; fail=1
    fi
done
exit "$fail"
