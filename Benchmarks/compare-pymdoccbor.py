#!/usr/bin/env python3
"""Times the Python peers' verification of MDLKit's ES256 benchmark document and prints MDLKit's speed-up.

usage: compare-pymdoccbor.py DIR [--rounds N]

DIR is what `mdl-bench-ratios --write-es256 DIR` wrote: device-response.cbor (a sandbox ES256 presentation,
12 elements), iaca.pem, session-transcript.cbor and mdlkit-timing.json (MDLKit's median verification and
two-signature times from the same run). Timed here, each as the median of N rounds:
  - pymdoccbor 1.4.0: MdocCbor().loads(bytes) + verify(trusted_root_certs=[IACA])
  - isomdoc 0.0.5: verify_device_response(bytes, transcript)
  - the document's two ECDSA P-256 checks alone with `cryptography` (the peers' own primitive)
Run with the interop venv: .venv/bin/python Benchmarks/compare-pymdoccbor.py DIR
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "Interop"))
sys.dont_write_bytecode = True

import cbor2  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature  # noqa: E402

import mdoc_fixture as fx  # noqa: E402


def per_call(fn, rounds: int, batch: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - start) / batch)
    return statistics.median(samples)


def two_signature_checks(response: bytes, transcript: bytes):
    """The document's IssuerAuth and DeviceSignature checks on precomputed Sig_structures."""
    doc = cbor2.loads(response)["documents"][0]
    protected, unprotected, payload, signature = doc["issuerSigned"]["issuerAuth"]
    chain = unprotected[33]
    ds = x509.load_der_x509_certificate(chain if isinstance(chain, bytes) else chain[0])
    issuer_tbs = cbor2.dumps(["Signature1", protected, b"", payload])
    issuer_der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    mso = cbor2.loads(cbor2.loads(payload).value)
    key = mso["deviceKeyInfo"]["deviceKey"]
    device_public = ec.EllipticCurvePublicNumbers(int.from_bytes(key[-2], "big"), int.from_bytes(key[-3], "big"),
                                                  ec.SECP256R1()).public_key()
    d_protected, _, _, d_signature = doc["deviceSigned"]["deviceAuth"]["deviceSignature"]
    namespaces = cbor2.dumps(doc["deviceSigned"]["nameSpaces"])
    device_tbs = cbor2.dumps(["Signature1", d_protected, b"",
                              fx.device_authentication_bytes(transcript, doc["docType"], namespaces)])
    device_der = encode_dss_signature(int.from_bytes(d_signature[:32], "big"), int.from_bytes(d_signature[32:], "big"))
    ds_public = ds.public_key()

    def run():
        ds_public.verify(issuer_der, issuer_tbs, ec.ECDSA(hashes.SHA256()))
        device_public.verify(device_der, device_tbs, ec.ECDSA(hashes.SHA256()))
    run()  # raises if either does not verify
    return run


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir")
    p.add_argument("--rounds", type=int, default=15)
    args = p.parse_args(argv)
    logging.getLogger("pymdoccbor").setLevel(logging.ERROR)
    from importlib.metadata import version

    import isomdoc
    from pymdoccbor.mdoc.verifier import MdocCbor

    read = lambda name: open(os.path.join(args.dir, name), "rb").read()  # noqa: E731
    response = read("device-response.cbor")
    anchors = x509.load_pem_x509_certificates(read("iaca.pem"))
    transcript = fx.load_session_transcript(os.path.join(args.dir, "session-transcript.cbor"))
    ours = json.loads(read("mdlkit-timing.json"))

    def pymdoccbor_verify():
        mdoc = MdocCbor()
        mdoc.loads(response)
        if not mdoc.verify(trusted_root_certs=anchors):
            raise SystemExit("pymdoccbor did not verify the benchmark document")

    decoded_transcript = cbor2.loads(transcript)

    def isomdoc_verify():
        isomdoc.verify_device_response(response, decoded_transcript)

    pymdoccbor_verify()
    isomdoc_verify()
    signatures = two_signature_checks(response, transcript)
    t_sig = per_call(signatures, args.rounds, 200)
    t_pym = per_call(pymdoccbor_verify, args.rounds, 20)
    t_iso = per_call(isomdoc_verify, args.rounds, 50)
    t_ours = ours["mdlkitVerifySeconds"]
    t_ours_sig = ours["mdlkitSignatureSeconds"]
    print(f"ES256 document, {ours['elements']} elements, {len(response)} bytes (median of {args.rounds} rounds)")
    print(f"{'verifier':42} {'verify (µs)':>12} {'/ its 2 sig checks':>19} {'MDLKit speed-up':>16}")
    rows = [
        (f"MDLKit (chain, MSO, digests, device sig)", t_ours, t_ours / t_ours_sig, 1.0),
        (f"pymdoccbor {version('pymdoccbor')} (sig, digests, DS→anchor)", t_pym, t_pym / t_sig, t_pym / t_ours),
        (f"isomdoc {version('isomdoc')} (sigs, digests, docType)", t_iso, t_iso / t_sig, t_iso / t_ours),
    ]
    for name, t, ratio, speedup in rows:
        print(f"{name:42} {t * 1e6:12.1f} {ratio:18.2f}× {speedup:15.1f}×")
    print(f"two bare ECDSA P-256 checks: cryptography {t_sig * 1e6:.1f} µs, MDLKit (swift-crypto) {t_ours_sig * 1e6:.1f} µs")
    print(f"MDLKit is {t_pym / t_ours:.1f}× faster than pymdoccbor on the same document")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
