#!/usr/bin/env bash
# Estimates the verification / signature-checks ratio from where the CPU's samples land rather than from clock time:
# `perf record` samples a loop of verifications and a loop of the same presentation's two signature checks; the share
# of samples in the signature arithmetic (BoringSSL's P-256, ECDSA and big-number code: the vectors' documents are
# ES256) in each loop gives
#     ratio ≈ share in the signature-only loop / share in the verification loop
# (both loops do the same signature arithmetic per presentation). Hashing counts as overhead in both, so the items'
# digests are overhead and the messages' own hashing cancels out. Time stolen by other tenants does not enter it;
# their load still does, through the caches (measured: 1.21 on a quiet machine, 1.26 beside a compiler), so compare
# runs made under the same load. Needs `perf` (Linux, root or perf_event_paranoid ≤ 1) and python3; a check for
# people, not part of `make test`.
#   Benchmarks/sample-share.sh [VECTOR-NAME-PREFIX] [COUNT]      default: auth0 40000
set -euo pipefail
name="${1:-auth0}"
count="${2:-40000}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
swift build -c release --product mdl-bench-ratios 2>&1 | tail -1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for loop in verify signatures; do
    mode=()
    [[ "$loop" == signatures ]] && mode=(signatures)
    perf record -q -F 4000 -o "$work/$loop.data" .build/release/mdl-bench-ratios --profile-vector "$count" "$name" "${mode[@]}" >/dev/null 2>&1
    perf script -i "$work/$loop.data" -F ip,sym 2>/dev/null >"$work/$loop.txt"
done
python3 - "$work/verify.txt" "$work/signatures.txt" <<'EOF'
import re, sys
arithmetic = re.compile(r"ecp_nistz256|beeu_mod_inverse|CCryptoBoringSSL_bn_|CCryptoBoringSSL_ec|ecdsa|ec_GFp|p256")
def share(path):
    lines = [line.strip() for line in open(path) if line.strip()]
    return sum(1 for line in lines if arithmetic.search(line)) / len(lines), len(lines)
verify, n_verify = share(sys.argv[1])
signatures, n_signatures = share(sys.argv[2])
print(f"samples in signature arithmetic: verification loop {verify:.1%} of {n_verify}, signature-only loop {signatures:.1%} of {n_signatures}")
print(f"estimated ratio verification / two signature checks: {signatures / verify:.3f}")
EOF
