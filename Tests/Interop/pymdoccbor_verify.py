#!/usr/bin/env python3
"""Verify a DeviceResponse with pymdoccbor's verifier (MdocCbor().loads(...).verify(...)).

usage: pymdoccbor_verify.py FILE [--trust-anchor PEM]... [--hex]

FILE holds the DeviceResponse as raw CBOR (or hex text with --hex, or if the file is plain hex).
Prints one JSON object on stdout:
  {"verified": bool, "implementation": "pymdoccbor 1.4.0", "docType": str|null,
   "elements": {namespace: {identifier: value}},   # of the first document
   "documents": [{"docType", "verified", "elements", "digests": {"total", "verified", "failed"}}],
   "checks": [...], "error": str (only when verification raised),
   "log": [pymdoccbor's warning/error lines, e.g. why a document failed]}
Exit 0 if pymdoccbor verified every document, 1 if not, 2 on a usage error.

What pymdoccbor checks (1.4.0): the IssuerAuth signature with the first x5chain certificate (P-256
only), the SHA-256 digest of every IssuerSignedItemBytes, and, with --trust-anchor, that an anchor
signed the DS certificate directly and the DS certificate's dates contain the wall-clock time.
It does NOT check MSO validity dates, docType, digestAlgorithm, or device authentication.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from importlib.metadata import version

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import mdoc_fixture as fx  # noqa: E402


def read_input(path: str, as_hex: bool) -> bytes:
    with open(path, "rb") as f:
        raw = f.read()
    text = None
    try:
        text = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        pass
    if as_hex or (text and len(text) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in text)):
        return bytes.fromhex(text or "")
    return raw


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file")
    p.add_argument("--trust-anchor", action="append", default=[], metavar="PEM",
                   help="IACA certificate(s); enables pymdoccbor's chain check")
    p.add_argument("--hex", action="store_true", help="FILE is hex text")
    args = p.parse_args(argv)
    # pymdoccbor reports why a document failed only through its logger: collect those lines.
    log: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: log.append(record.getMessage())  # type: ignore[method-assign]
    pylog = logging.getLogger("pymdoccbor")
    pylog.addHandler(handler)
    pylog.propagate = False

    from cryptography import x509
    from pymdoccbor.mdoc.verifier import MdocCbor

    result: dict = {"verified": False, "implementation": f"pymdoccbor {version('pymdoccbor')}",
                    "docType": None, "elements": {}, "documents": [],
                    "checks": ["issuerAuth signature (x5chain[0])", "digests (SHA-256)"]}
    try:
        data = read_input(args.file, args.hex)
        anchors = None
        if args.trust_anchor:
            anchors = []
            for path in args.trust_anchor:
                with open(path, "rb") as f:
                    anchors.extend(x509.load_pem_x509_certificates(f.read()))
            result["checks"].append("DS signed by an anchor, DS dates contain now")
        mdoc = MdocCbor()
        mdoc.loads(data)
        verified = mdoc.verify(trusted_root_certs=anchors)
        for doc in mdoc.documents + mdoc.documents_invalid:
            if isinstance(doc, dict):  # pymdoccbor keeps the raw dict when verification raised
                result["documents"].append({"docType": doc.get("docType"), "verified": False,
                                            "elements": {}, "error": "exception during verification"})
                continue
            entry = {"docType": doc.doctype, "verified": bool(doc.is_valid), "elements": {}}
            for ns, claims in doc.issuersigned.namespaces.items():
                entry["elements"][ns] = fx.to_json(mdoc._decode_claims(claims))
            if doc.hash_verification is not None:
                entry["digests"] = {k: doc.hash_verification[k] for k in ("total", "verified", "failed")}
            result["documents"].append(entry)
        result["verified"] = bool(verified) and bool(mdoc.documents)
        if result["documents"]:
            result["docType"] = result["documents"][0]["docType"]
            result["elements"] = result["documents"][0]["elements"]
    except Exception as exc:  # noqa: BLE001 - any failure is "not verified", with its reason
        result["verified"] = False
        result["error"] = f"{type(exc).__name__}: {exc}"
    errors = [line for line in log if "chain validation skipped" not in line]
    if errors:
        result["log"] = errors
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0 if result["verified"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
