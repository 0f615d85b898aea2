#!/usr/bin/env bash
# Self-test of the Python interop peers, independent of MDLKit: sets up the venv, issues documents
# with pymdoccbor and isomdoc, verifies each with both verifiers (and refuses tampered ones), and
# round-trips JWS/JWE through jose_peer.py. Exits non-zero if any check fails.
# Usage: Tests/Interop/selftest.sh [-v]
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vectors="$here/../../../shared/vectors"
verbose=0
[ "${1:-}" = "-v" ] && verbose=1

ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(ms)
if ! "$here/setup-venv.sh"; then echo "selftest: setup-venv.sh failed" >&2; exit 1; fi
py="$(cd "$here/../.." && pwd)/.venv/bin/python"
[ -n "${MDL_INTEROP_VENV:-}" ] && py="$MDL_INTEROP_VENV/bin/python"
setup_ms=$(( $(ms) - start ))

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {  # check NAME COMMAND...: the command must succeed
    local name="$1"; shift
    if "$@" >"$work/out" 2>"$work/err"; then
        passed=$((passed + 1)); [ "$verbose" = 1 ] && echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"; sed 's/^/     /' "$work/out" "$work/err" | head -20
    fi
}
refuse() {  # refuse NAME COMMAND...: the command must exit 1 (a refusal, not a crash)
    local name="$1"; shift
    "$@" >"$work/out" 2>"$work/err"; local rc=$?
    if [ "$rc" = 1 ]; then
        passed=$((passed + 1)); [ "$verbose" = 1 ] && echo "ok   $name (refused)"
    else
        failed=$((failed + 1)); echo "FAIL $name: expected exit 1, got $rc"; sed 's/^/     /' "$work/out" "$work/err" | head -20
    fi
}
same_elements() {  # same_elements VERIFIER_JSON EXPECTED_JSON
    "$py" -c 'import json,sys
v=json.load(open(sys.argv[1])); e=json.load(open(sys.argv[2]))
sys.exit(0 if v["verified"] and v["docType"]==e["docType"] and v["elements"]==e["elements"] else 1)' "$1" "$2"
}
run_to() { local out="$1"; shift; "$@" >"$out"; }

cd "$here"
# --- pymdoccbor issuer
t0=$(ms)
check "pymdoccbor issues" "$py" pymdoccbor_issue.py "$work/p"
issue_ms=$(( $(ms) - t0 ))
check "pymdoccbor verifies its own document (chain to IACA)" \
    run_to "$work/p/pv.json" "$py" pymdoccbor_verify.py "$work/p/device-response.cbor" --trust-anchor "$work/p/iaca.pem"
check "  ... with the expected elements" same_elements "$work/p/pv.json" "$work/p/expected.json"
check "isomdoc verifies pymdoccbor's document + deviceSignature" \
    run_to "$work/p/iv.json" "$py" isomdoc_verify.py "$work/p/device-response.cbor" --session-transcript "$work/p/session-transcript.cbor"
check "  ... with the expected elements" same_elements "$work/p/iv.json" "$work/p/expected.json"
check "the hex transcript equals the binary one" \
    "$py" -c 'import sys; a=open(sys.argv[1],"rb").read().hex(); b=open(sys.argv[2]).read().strip(); sys.exit(a!=b)' \
    "$work/p/session-transcript.cbor" "$work/p/session-transcript-bytes.hex"
refuse "pymdoccbor refuses a foreign trust anchor" \
    "$py" pymdoccbor_verify.py "$work/p/device-response.cbor" --trust-anchor "$work/p/ds.pem"
check "pymdoccbor issues a tampered document" "$py" pymdoccbor_issue.py "$work/t" --tamper family_name
refuse "pymdoccbor refuses the tampered family_name" "$py" pymdoccbor_verify.py "$work/t/device-response.cbor"
refuse "isomdoc refuses the tampered family_name" \
    "$py" isomdoc_verify.py "$work/t/device-response.cbor" --session-transcript "$work/t/session-transcript.cbor"
refuse "isomdoc refuses a deviceSignature over another transcript" \
    "$py" isomdoc_verify.py "$work/p/device-response.cbor" --session-transcript "$work/t/session-transcript.cbor"
check "pymdoccbor issues 30 elements with an OpenID4VP transcript" "$py" pymdoccbor_issue.py "$work/o" \
    --elements 30 --openid4vp x509_san_dns:rp.example nonce-1 https://rp.example/post \
    --jwk-thumbprint dBDh3HExabol3P7b45PFoF6QOVRE3cz49mSAfi8Fhqg
check "isomdoc verifies it, deviceSignature over the OpenID4VP transcript" \
    run_to "$work/o/iv.json" "$py" isomdoc_verify.py "$work/o/device-response.cbor" --session-transcript "$work/o/session-transcript.cbor"
check "  ... with the expected elements" same_elements "$work/o/iv.json" "$work/o/expected.json"
# Neither Python verifier handles ES384 (pymdoccbor 1.4.0: P-256 only; isomdoc: ES256 only).
check "pymdoccbor issues ES384 (alg -35, P-384 DS)" bash -c "'$py' pymdoccbor_issue.py '$work/e' --alg ES384 &&
    '$py' -c 'import cbor2,sys; from cryptography import x509
d=cbor2.loads(open(sys.argv[1],\"rb\").read()); ia=d[\"documents\"][0][\"issuerSigned\"][\"issuerAuth\"]
sys.exit(not(cbor2.loads(ia[0])=={1:-35} and x509.load_der_x509_certificate(ia[1][33]).public_key().curve.name==\"secp384r1\"))' '$work/e/device-response.cbor'"
check "seeded issuance repeats its values" bash -c "'$py' pymdoccbor_issue.py '$work/s1' --seed 7 && '$py' pymdoccbor_issue.py '$work/s2' --seed 7 &&
    cmp '$work/s1/device-key.pem' '$work/s2/device-key.pem' && '$py' -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); sys.exit(a[\"elements\"]!=b[\"elements\"])' '$work/s1/expected.json' '$work/s2/expected.json'"

# --- isomdoc issuer
check "isomdoc issues" "$py" isomdoc_issue.py "$work/i" --elements 20
check "isomdoc verifies its own document" \
    run_to "$work/i/iv.json" "$py" isomdoc_verify.py "$work/i/device-response.cbor" --session-transcript "$work/i/session-transcript-bytes.hex"
check "  ... with the expected elements" same_elements "$work/i/iv.json" "$work/i/expected.json"
check "pymdoccbor verifies isomdoc's document (chain to IACA)" \
    run_to "$work/i/pv.json" "$py" pymdoccbor_verify.py "$work/i/device-response.cbor" --trust-anchor "$work/i/iaca.pem"
check "  ... with the expected elements" same_elements "$work/i/pv.json" "$work/i/expected.json"

# --- JOSE
j="$work/jose"; mkdir -p "$j"
jp() { "$py" jose_peer.py "$@"; }
printf '{"client_id":"x509_san_dns:rp.example","nonce":"n-1","response_mode":"direct_post.jwt"}' >"$j/req.json"
check "gen-jwk P-256/Ed25519/X25519" bash -c "'$py' jose_peer.py gen-jwk P-256 '$j/es.jwk' '$j/es.pub.jwk' --kid rp-1 &&
    '$py' jose_peer.py gen-jwk Ed25519 '$j/ed.jwk' '$j/ed.pub.jwk' && '$py' jose_peer.py gen-jwk X25519 '$j/x.jwk' '$j/x.pub.jwk' --use enc &&
    '$py' jose_peer.py gen-jwk P-256 '$j/pe.jwk' '$j/pe.pub.jwk' --use enc"
for alg in ES256 EdDSA Ed25519; do
    key=es; [ "$alg" != ES256 ] && key=ed
    check "sign-jws $alg" run_to "$j/$alg.jws" jp sign-jws "$j/req.json" "$j/$key.jwk" --alg "$alg" --typ oauth-authz-req+jwt
    check "verify-jws $alg" run_to "$j/$alg.out" jp verify-jws "$j/$alg.jws" "$j/$key.pub.jwk"
    check "  ... header typ and payload" "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not(d["header"]["typ"]=="oauth-authz-req+jwt" and d["header"]["alg"]==sys.argv[2] and d["payload"]["nonce"]=="n-1"))' "$j/$alg.out" "$alg"
done
refuse "verify-jws refuses the wrong key" jp verify-jws "$j/ES256.jws" "$j/pe.pub.jwk"
check "sign-jws with an x5c header" bash -c "'$py' -c '
import datetime as dt, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization as s
from cryptography.hazmat.primitives.asymmetric import ec
k = ec.generate_private_key(ec.SECP256R1()); n = x509.Name.from_rfc4514_string(\"CN=rp.example\")
now = dt.datetime.now(dt.timezone.utc)
c = x509.CertificateBuilder().subject_name(n).issuer_name(n).public_key(k.public_key()).serial_number(1) \\
    .not_valid_before(now).not_valid_after(now + dt.timedelta(days=2)).sign(k, hashes.SHA256())
open(sys.argv[1], \"wb\").write(k.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()))
open(sys.argv[2], \"wb\").write(c.public_bytes(s.Encoding.PEM))' '$j/rp.key' '$j/rp.pem' &&
    '$py' jose_peer.py sign-jws '$j/req.json' '$j/rp.key' --alg ES256 --x5c '$j/rp.pem' >'$j/x5c.jws'"
check "verify-jws with the token's x5c" jp verify-jws "$j/x5c.jws" x5c
check "verify-jws with the certificate PEM" jp verify-jws "$j/x5c.jws" "$j/rp.pem"
for enc in A128GCM A256GCM; do
    for k in x pe; do
        check "make-jwe ECDH-ES $enc ($k)" run_to "$j/$k.$enc.jwe" jp make-jwe "$j/req.json" "$j/$k.pub.jwk" --enc "$enc"
        check "decrypt-jwe $enc ($k) gives the plaintext back" bash -c "'$py' jose_peer.py decrypt-jwe '$j/$k.$enc.jwe' '$j/$k.jwk' | cmp - '$j/req.json'"
    done
done
refuse "decrypt-jwe refuses the wrong key" jp decrypt-jwe "$j/pe.A256GCM.jwe" "$j/es.jwk"
check "thumbprint" bash -c "[ \"\$('$py' jose_peer.py thumbprint '$j/pe.pub.jwk' | wc -c)\" = 44 ]"

# --- third-party vectors, when the shared folder is there
if [ -d "$vectors/auth0-mdl-example1" ]; then
    a="$vectors/auth0-mdl-example1"
    check "pymdoccbor verifies auth0 example 1 (non-preferred CBOR)" \
        "$py" pymdoccbor_verify.py "$a/device-response.hex" --trust-anchor "$a/issuer.pem"
    refuse "pymdoccbor refuses auth0 example 3 (tampered family_name)" \
        "$py" pymdoccbor_verify.py "$a/device-response-tampered-family_name.hex"
else
    echo "selftest: $vectors absent; third-party vector checks skipped"
fi

echo "selftest: setup ${setup_ms} ms, one pymdoccbor issuance ${issue_ms} ms, total $(( $(ms) - start )) ms"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
