#!/usr/bin/env python3
"""Digital Credentials API peer for MDLKit's interop tests, built on cbor2, joserfc and cryptography's HPKE.

It computes, from the specifications' CDDL and independently of MDLKit:

usage:
  dcapi_peer.py openid4vp-transcript ORIGIN NONCE JWK_FILE|-none
      -> {"thumbprint": B64U or null, "handoverInfoHex", "sessionTranscriptHex"}
         OpenID4VP 1.0 B.2.6.2: OpenID4VPDCAPIHandoverInfo = [origin, nonce, jwkThumbprint / null],
         OpenID4VPDCAPIHandover = ["OpenID4VPDCAPIHandover", SHA-256(CBOR(info))],
         SessionTranscript = [null, null, OpenID4VPDCAPIHandover]
  dcapi_peer.py annexc-seal ENCRYPTION_INFO_B64U ORIGIN PLAINTEXT_FILE
      -> {"sessionTranscriptHex", "encryptedResponseHex"}
         ISO/IEC 18013-7 Annex C: dcapiInfo = [Base64EncryptionInfo, SerializedOrigin],
         SessionTranscript = [null, null, ["dcapi", SHA-256(CBOR(dcapiInfo))]],
         EncryptedResponse = ["dcapi", {"enc": bstr, "cipherText": bstr}], HPKE base mode
         DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-128-GCM, info = CBOR(SessionTranscript), empty aad,
         sealed to the recipientPublicKey (COSE_Key) of EncryptionInfo = ["dcapi", {nonce, recipientPublicKey}].

Output: one JSON object on stdout. Exit 0 on success, 1 on a malformed input (message on stderr), 2 on usage.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys

import cbor2
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jwk


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def openid4vp_transcript(origin: str, nonce: str, jwk_file: str) -> dict:
    thumbprint = None
    if jwk_file != "-none":
        with open(jwk_file, encoding="utf-8") as handle:
            key = jwk.import_key(json.load(handle))
        thumbprint = b64u_decode(key.thumbprint())
    info = cbor2.dumps([origin, nonce, thumbprint])
    handover = ["OpenID4VPDCAPIHandover", hashlib.sha256(info).digest()]
    transcript = cbor2.dumps([None, None, handover])
    return {
        "thumbprint": b64u(thumbprint) if thumbprint is not None else None,
        "handoverInfoHex": info.hex(),
        "sessionTranscriptHex": transcript.hex(),
    }


def annexc_seal(encryption_info_b64u: str, origin: str, plaintext_file: str) -> dict:
    info = cbor2.loads(b64u_decode(encryption_info_b64u))
    if not (isinstance(info, list) and len(info) == 2 and info[0] == "dcapi" and isinstance(info[1], dict)):
        raise ValueError("EncryptionInfo is not [\"dcapi\", {...}]")
    cose_key = info[1]["recipientPublicKey"]
    # COSE_Key: kty(1)=EC2(2), crv(-1)=P-256(1), x(-2), y(-3)
    if cose_key.get(1) != 2 or cose_key.get(-1) != 1:
        raise ValueError("recipientPublicKey is not an EC2 P-256 COSE_Key")
    x = int.from_bytes(cose_key[-2], "big")
    y = int.from_bytes(cose_key[-3], "big")
    public_key = ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
    dcapi_info = cbor2.dumps([encryption_info_b64u, origin])
    transcript = cbor2.dumps([None, None, ["dcapi", hashlib.sha256(dcapi_info).digest()]])
    with open(plaintext_file, "rb") as handle:
        plaintext = handle.read()
    suite = hpke.Suite(hpke.KEM.P256, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
    sealed = suite.encrypt(plaintext, public_key, info=transcript)
    enc, cipher_text = sealed[:65], sealed[65:]  # the P-256 encapsulated key is an uncompressed point
    response = cbor2.dumps(["dcapi", {"enc": enc, "cipherText": cipher_text}])
    return {"sessionTranscriptHex": transcript.hex(), "encryptedResponseHex": response.hex()}


def main(argv: list[str]) -> int:
    try:
        if len(argv) == 4 and argv[0] == "openid4vp-transcript":
            result = openid4vp_transcript(argv[1], argv[2], argv[3])
        elif len(argv) == 4 and argv[0] == "annexc-seal":
            result = annexc_seal(argv[1], argv[2], argv[3])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (ValueError, KeyError, TypeError) as error:
        print(f"dcapi_peer: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
