#!/usr/bin/env python3
"""Issue an mDL with pymdoccbor (MdocCborIssuer) and present it as a full DeviceResponse.

usage: pymdoccbor_issue.py OUTDIR [--elements N] [--seed S] [--alg ES256|ES384|ES512]
                           [--session-transcript FILE | --openid4vp CLIENT_ID NONCE RESPONSE_URI
                            [--jwk-thumbprint B64U]] [--portrait JPEG] [--tamper ELEMENT]
                           [--no-device-signature]

pymdoccbor makes the IssuerSigned part (items, MSO, IssuerAuth); it has no device side, so the
DeviceSigned part (deviceSignature over DeviceAuthentication) is built here with cbor2 + cryptography
(mdoc_fixture.device_signed). Files written to OUTDIR: see README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from importlib.metadata import version

import cbor2

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
import mdoc_fixture as fx  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("outdir")
    p.add_argument("--elements", type=int, default=12, help="number of data elements (default 12)")
    p.add_argument("--seed", type=int, help="reproducible keys, values and salts (signatures stay random)")
    p.add_argument("--alg", choices=sorted(fx.CURVES), default="ES256", help="IssuerAuth algorithm")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--session-transcript", metavar="FILE",
                       help="SessionTranscript(Bytes) to sign over, binary or hex (default: a QR one)")
    group.add_argument("--openid4vp", nargs=3, metavar=("CLIENT_ID", "NONCE", "RESPONSE_URI"))
    p.add_argument("--jwk-thumbprint", metavar="B64U", help="with --openid4vp: the encryption key's thumbprint")
    p.add_argument("--portrait", metavar="JPEG", help="portrait file (default: a generated 96x128 JPEG)")
    p.add_argument("--tamper", metavar="ELEMENT",
                   help="after signing, change this element's value (its digest then mismatches)")
    p.add_argument("--no-device-signature", action="store_true", help="omit deviceSigned (pymdoccbor's own output)")
    return p.parse_args(argv)


def session_transcript(args: argparse.Namespace, rand: fx.Randomness) -> bytes:
    if args.session_transcript:
        return fx.load_session_transcript(args.session_transcript)
    if args.openid4vp:
        return fx.openid4vp_session_transcript(*args.openid4vp, args.jwk_thumbprint)
    return fx.qr_session_transcript(rand)


def cose_private_key(key, alg: str) -> dict:
    size = (key.curve.key_size + 7) // 8
    return {"KTY": "EC2", "CURVE": {"ES256": "P_256", "ES384": "P_384", "ES512": "P_521"}[alg],
            "ALG": alg, "D": key.private_numbers().private_value.to_bytes(size, "big"),
            "KID": b"mdlkit-interop-ds"}


def tamper_item(document: dict, element: str) -> None:
    items = document["issuerSigned"]["nameSpaces"][fx.MDL_NAMESPACE]
    for index, tagged in enumerate(items):
        item = cbor2.loads(tagged.value)
        if item["elementIdentifier"] == element:
            value = item["elementValue"]
            if isinstance(value, str):
                item["elementValue"] = value + "X"
            elif isinstance(value, bool):
                item["elementValue"] = not value
            elif isinstance(value, int):
                item["elementValue"] = value + 1
            elif isinstance(value, bytes):
                item["elementValue"] = value + b"\x00"
            else:
                item["elementValue"] = "tampered"
            items[index] = cbor2.CBORTag(24, cbor2.dumps(item, canonical=True))
            return
    raise SystemExit(f"--tamper: element {element!r} not issued")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    rand = fx.Randomness(args.seed)
    if args.seed is not None:
        # pymdoccbor draws salts from `secrets` and shuffles element order with `random`.
        import random as _random

        import pymdoccbor.mso.issuer as mso_issuer
        mso_issuer.secrets = rand
        _random.seed(args.seed)
    from pymdoccbor.mdoc.issuer import MdocCborIssuer

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    today = now.date()
    portrait = open(args.portrait, "rb").read() if args.portrait else None
    elements = fx.mdl_elements(rand, today, args.elements, portrait)
    pki = fx.make_pki(rand, args.alg, now, "pymdoccbor")
    device_key = rand.private_key("device", fx.CURVES["ES256"][0])
    transcript = session_transcript(args, rand)

    issuer = MdocCborIssuer(private_key=cose_private_key(pki.ds_key, args.alg), alg=args.alg)
    issuer.new(
        data={fx.MDL_NAMESPACE: {e.identifier: e.value for e in elements}},
        doctype=fx.MDL_DOCTYPE,
        validity={"issuance_date": today.isoformat(),
                  "expiry_date": (today + dt.timedelta(days=365)).isoformat()},
        devicekeyinfo=fx.cose_ec2_public(device_key.public_key()),
        x509_chain=[pki.ds_cert],
    )
    document = issuer.signed["documents"][0]
    if not args.no_device_signature:
        document["deviceSigned"] = fx.device_signed(device_key, transcript, fx.MDL_DOCTYPE)
    if args.tamper:
        tamper_item(document, args.tamper)
    response = issuer.dump()  # pymdoccbor's own encoder: cbor2 canonical=True

    mso = cbor2.loads(cbor2.loads(document["issuerSigned"]["issuerAuth"][2]).value)
    transcript_bytes = fx.tag24(transcript)
    fx.write(args.outdir, "device-response.cbor", response)
    fx.write(args.outdir, "iaca.pem", fx.cert_pem(pki.iaca_cert))
    fx.write(args.outdir, "ds.pem", fx.cert_pem(pki.ds_cert))
    fx.write(args.outdir, "device-key.pem", fx.key_pem(device_key))
    fx.write(args.outdir, "session-transcript.cbor", transcript_bytes)
    fx.write(args.outdir, "session-transcript-bytes.hex", transcript_bytes.hex() + "\n")
    expected = {
        "issuer": f"pymdoccbor {version('pymdoccbor')}",
        "docType": fx.MDL_DOCTYPE,
        "alg": args.alg,
        "digestAlgorithm": mso["digestAlgorithm"],
        "validityInfo": {k: fx.to_json(v) for k, v in mso["validityInfo"].items()},
        "elements": {fx.MDL_NAMESPACE: {e.identifier: e.json for e in elements}},
        "tampered": args.tamper,
        "deviceSignature": not args.no_device_signature,
        "deviceResponseSha256": hashlib.sha256(response).hexdigest(),
        "sessionTranscriptBytesHex": transcript_bytes.hex(),
    }
    fx.write(args.outdir, "expected.json", fx.dump_json(expected) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
