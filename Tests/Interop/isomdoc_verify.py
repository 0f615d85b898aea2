#!/usr/bin/env python3
"""Verify a DeviceResponse with isomdoc's verifier (isomdoc.verify_device_response).

usage: isomdoc_verify.py FILE --session-transcript FILE [--hex]

FILE holds the DeviceResponse as raw CBOR (or hex text). The SessionTranscript file may be binary or
hex, SessionTranscriptBytes (tag 24) or the bare SessionTranscript.
Prints one JSON object on stdout:
  {"verified": bool, "implementation": "isomdoc 0.0.5", "docType": str|null,
   "elements": {namespace: {identifier: value}},   # of the first document
   "documents": [{"docType", "elements", "validityInfo", "deviceSignatureAlgorithm"}],
   "checks": [...], "error": str (only on failure)}
Exit 0 if verified, 1 if not, 2 on a usage error.

What isomdoc checks (0.0.5): DeviceResponse version "1.0" and status 0; IssuerAuth protected header is
exactly {1: alg}; the ES256 signature with x5chain[0]; MSO version, docType; each item digest with the
MSO's digestAlgorithm; the deviceSignature (ES256 only, detached payload, empty unprotected header)
over DeviceAuthentication rebuilt from the decoded SessionTranscript. It does NOT check any
certificate chain, certificate or MSO validity dates, or DeviceMac.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version

import cbor2

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import mdoc_fixture as fx  # noqa: E402
from pymdoccbor_verify import read_input  # noqa: E402


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file")
    p.add_argument("--session-transcript", required=True, metavar="FILE")
    p.add_argument("--hex", action="store_true", help="FILE is hex text")
    args = p.parse_args(argv)

    import isomdoc

    result: dict = {"verified": False, "implementation": f"isomdoc {version('isomdoc')}",
                    "docType": None, "elements": {}, "documents": [],
                    "checks": ["issuerAuth ES256 (x5chain[0])", "MSO docType", "digests",
                               "deviceSignature ES256 over DeviceAuthentication"]}
    try:
        data = read_input(args.file, args.hex)
        transcript = cbor2.loads(fx.load_session_transcript(args.session_transcript))
        response = isomdoc.verify_device_response(data, transcript)
        for doc in response.documents:
            issuer_signed = doc.issuer_signed
            elements = {ns: {item.element_identifier: fx.to_json(item.element_value) for item in items}
                        for ns, items in issuer_signed.namespaces.items()}
            validity = issuer_signed.validity_info
            result["documents"].append({
                "docType": doc.doctype,
                "elements": elements,
                "validityInfo": {"signed": fx.to_json(validity.signed),
                                 "validFrom": fx.to_json(validity.valid_from),
                                 "validUntil": fx.to_json(validity.valid_until)},
                "deviceSignatureAlgorithm": doc.device_signed.device_signature_algorithm.name,
            })
        result["verified"] = bool(result["documents"])
        if result["documents"]:
            result["docType"] = result["documents"][0]["docType"]
            result["elements"] = result["documents"][0]["elements"]
        else:
            result["error"] = "no documents"
    except Exception as exc:  # noqa: BLE001 - isomdoc signals every failure by raising
        result["verified"] = False
        result["error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0 if result["verified"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
