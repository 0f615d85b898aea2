#!/usr/bin/env python3
"""Issue an mDL with isomdoc (create_mdoc(...).generate_credential(...)) and present it as a full
DeviceResponse. Same CLI and output files as pymdoccbor_issue.py, ES256 only (isomdoc's limit).

usage: isomdoc_issue.py OUTDIR [--elements N] [--seed S]
                        [--session-transcript FILE | --openid4vp CLIENT_ID NONCE RESPONSE_URI
                         [--jwk-thumbprint B64U]] [--portrait JPEG] [--no-device-signature]

isomdoc returns the encoded IssuerSigned; it is embedded byte for byte in the DeviceResponse, with a
DeviceSigned part built by mdoc_fixture.device_signed (isomdoc has no device-side signer).
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
from pymdoccbor_issue import session_transcript  # noqa: E402

DATE_ELEMENTS = {"birth_date", "issue_date", "expiry_date"}


def isomdoc_value(identifier: str, value):
    """isomdoc takes Python values: full-dates as datetime.date (cbor2 writes tag 1004)."""
    if identifier in DATE_ELEMENTS:
        return dt.date.fromisoformat(value)
    if identifier == "driving_privileges":
        return [{k: (dt.date.fromisoformat(v) if k in DATE_ELEMENTS else v) for k, v in p.items()}
                for p in value]
    return value


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("outdir")
    p.add_argument("--elements", type=int, default=12)
    p.add_argument("--seed", type=int)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--session-transcript", metavar="FILE")
    group.add_argument("--openid4vp", nargs=3, metavar=("CLIENT_ID", "NONCE", "RESPONSE_URI"))
    p.add_argument("--jwk-thumbprint", metavar="B64U")
    p.add_argument("--portrait", metavar="JPEG")
    p.add_argument("--no-device-signature", action="store_true")
    args = p.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)

    import isomdoc.create.create_mdoc as create_module
    from isomdoc import create_mdoc

    rand = fx.Randomness(args.seed)
    if args.seed is not None:
        create_module.os = type("SeededOS", (), {"urandom": staticmethod(rand.token_bytes)})
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    today = now.date()
    portrait = open(args.portrait, "rb").read() if args.portrait else None
    elements = fx.mdl_elements(rand, today, args.elements, portrait)
    pki = fx.make_pki(rand, "ES256", now, "isomdoc")
    device_key = rand.private_key("device", fx.CURVES["ES256"][0])
    transcript = session_transcript(args, rand)

    mdoc = create_mdoc(fx.MDL_DOCTYPE, [pki.ds_cert], pki.ds_key)
    for e in elements:
        mdoc.add_data_item(fx.MDL_NAMESPACE, e.identifier, isomdoc_value(e.identifier, e.value))
    issuer_signed = mdoc.generate_credential(device_key.public_key(), signed_datetime=now,
                                             valid_from_datetime=now,
                                             valid_until_datetime=now + dt.timedelta(days=365))
    document = (b"\xa3" if not args.no_device_signature else b"\xa2") \
        + cbor2.dumps("docType") + cbor2.dumps(fx.MDL_DOCTYPE) \
        + cbor2.dumps("issuerSigned") + issuer_signed
    if not args.no_device_signature:
        document += cbor2.dumps("deviceSigned") + cbor2.dumps(
            fx.device_signed(device_key, transcript, fx.MDL_DOCTYPE))
    response = b"\xa3" + cbor2.dumps("version") + cbor2.dumps("1.0") + cbor2.dumps("documents") \
        + b"\x81" + document + cbor2.dumps("status") + cbor2.dumps(0)

    issuer_auth = cbor2.loads(issuer_signed)["issuerAuth"]
    mso = cbor2.loads(cbor2.loads(issuer_auth[2]).value)
    transcript_bytes = fx.tag24(transcript)
    fx.write(args.outdir, "device-response.cbor", response)
    fx.write(args.outdir, "iaca.pem", fx.cert_pem(pki.iaca_cert))
    fx.write(args.outdir, "ds.pem", fx.cert_pem(pki.ds_cert))
    fx.write(args.outdir, "device-key.pem", fx.key_pem(device_key))
    fx.write(args.outdir, "session-transcript.cbor", transcript_bytes)
    fx.write(args.outdir, "session-transcript-bytes.hex", transcript_bytes.hex() + "\n")
    expected = {
        "issuer": f"isomdoc {version('isomdoc')}",
        "docType": fx.MDL_DOCTYPE,
        "alg": "ES256",
        "digestAlgorithm": mso["digestAlgorithm"],
        "validityInfo": {k: fx.to_json(v) for k, v in mso["validityInfo"].items()},
        "elements": {fx.MDL_NAMESPACE: {e.identifier: e.json for e in elements}},
        "tampered": None,
        "deviceSignature": not args.no_device_signature,
        "deviceResponseSha256": hashlib.sha256(response).hexdigest(),
        "sessionTranscriptBytesHex": transcript_bytes.hex(),
    }
    fx.write(args.outdir, "expected.json", fx.dump_json(expected) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
