"""Shared pieces of the interop issuers: test PKI, mDL data elements, SessionTranscripts,
the device signature, and the JSON form of element values.

Nothing here comes from MDLKit: it is written from ISO/IEC 18013-5 with cbor2 + cryptography,
so that documents made here check MDLKit independently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import sys
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID, ObjectIdentifier

MDL_DOCTYPE = "org.iso.18013.5.1.mDL"
MDL_NAMESPACE = "org.iso.18013.5.1"
MDL_DS_EKU = ObjectIdentifier("1.0.18013.5.1.2")

CURVES = {"ES256": (ec.SECP256R1(), hashes.SHA256(), -7, 1, 32),
          "ES384": (ec.SECP384R1(), hashes.SHA384(), -35, 2, 48),
          "ES512": (ec.SECP521R1(), hashes.SHA512(), -36, 3, 66)}


class Randomness:
    """Seeded (reproducible) or OS randomness for keys, values and salts."""

    def __init__(self, seed: int | None):
        self.seed = seed
        self.rng = random.Random(seed) if seed is not None else random.SystemRandom()

    def token_bytes(self, n: int) -> bytes:
        if self.seed is None:
            return os.urandom(n)
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def private_key(self, label: str, curve: ec.EllipticCurve) -> ec.EllipticCurvePrivateKey:
        if self.seed is None:
            return ec.generate_private_key(curve)
        order = {256: 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
                 384: int("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
                          "581a0db248b0a77aecec196accc52973", 16),
                 521: int("01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                          "fffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409", 16)}
        n = order[curve.key_size]
        digest = hashlib.sha512(f"mdlkit-interop:{self.seed}:{label}".encode()).digest()
        scalar = int.from_bytes(digest * 2, "big") % (n - 1) + 1
        return ec.derive_private_key(scalar, curve)

    def choice(self, items: list) -> Any:
        return self.rng.choice(items)

    def randint(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)


# ---------------------------------------------------------------- PKI

@dataclass
class TestPKI:
    iaca_key: ec.EllipticCurvePrivateKey
    iaca_cert: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds_cert: x509.Certificate


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Beijing"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(rand: Randomness, alg: str, now: dt.datetime, label: str) -> TestPKI:
    """IACA root (CA:TRUE, keyCertSign) and a DS certificate under it (EKU 1.0.18013.5.1.2,
    keyUsage digitalSignature), both C=CN, valid around `now` (IACA -1y..+10y, DS -30d..+3y)."""
    curve, sig_hash = CURVES[alg][0], CURVES[alg][1]
    iaca_key = rand.private_key("iaca", curve)
    ds_key = rand.private_key("ds", curve)
    org = f"MDLKit interop test issuer ({label})"
    iaca_name = _name(f"{label} test IACA", org)
    ds_name = _name(f"{label} test DS", org)
    alt = x509.IssuerAlternativeName([x509.UniformResourceIdentifier("https://iaca.example.cn")])
    crl = x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier("https://iaca.example.cn/crl")],
        relative_name=None, reasons=None, crl_issuer=None)])
    iaca_ski = x509.SubjectKeyIdentifier.from_public_key(iaca_key.public_key())
    iaca_cert = (x509.CertificateBuilder()
                 .subject_name(iaca_name).issuer_name(iaca_name)
                 .public_key(iaca_key.public_key())
                 .serial_number(int.from_bytes(rand.token_bytes(16), "big") >> 1 | 1)
                 .not_valid_before(now - dt.timedelta(days=365))
                 .not_valid_after(now + dt.timedelta(days=3650))
                 .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                 .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                              key_encipherment=False, data_encipherment=False,
                                              key_agreement=False, key_cert_sign=True, crl_sign=True,
                                              encipher_only=False, decipher_only=False), critical=True)
                 .add_extension(iaca_ski, critical=False)
                 .add_extension(alt, critical=False)
                 .add_extension(crl, critical=False)
                 .sign(iaca_key, sig_hash))
    ds_cert = (x509.CertificateBuilder()
               .subject_name(ds_name).issuer_name(iaca_name)
               .public_key(ds_key.public_key())
               .serial_number(int.from_bytes(rand.token_bytes(16), "big") >> 1 | 1)
               .not_valid_before(now - dt.timedelta(days=30))
               .not_valid_after(now + dt.timedelta(days=3 * 365))
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.ExtendedKeyUsage([MDL_DS_EKU]), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(iaca_ski),
                              critical=False)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(ds_key.public_key()), critical=False)
               .add_extension(alt, critical=False)
               .add_extension(crl, critical=False)
               .sign(iaca_key, sig_hash))
    return TestPKI(iaca_key, iaca_cert, ds_key, ds_cert)


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def cose_ec2_public(key: ec.EllipticCurvePublicKey, crv: int = 1) -> dict:
    size = (key.curve.key_size + 7) // 8
    nums = key.public_numbers()
    return {1: 2, -1: crv, -2: nums.x.to_bytes(size, "big"), -3: nums.y.to_bytes(size, "big")}


# ---------------------------------------------------------------- data elements

def tiny_jpeg(width: int = 96, height: int = 128) -> bytes:
    """A valid baseline greyscale JPEG (flat mid-grey), built from the JPEG spec: one DC and one AC
    Huffman code of length 1 ("0"), every block DC diff 0 then EOB."""
    blocks = (width // 8) * (height // 8)
    bits = "00" * blocks
    bits += "1" * (-len(bits) % 8)
    scan = bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
    seg = lambda marker, body: bytes([0xFF, marker]) + (len(body) + 2).to_bytes(2, "big") + body  # noqa: E731
    huff = lambda cls_id: bytes([cls_id]) + bytes([1] + [0] * 15) + b"\x00"  # noqa: E731
    return (b"\xff\xd8"
            + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + seg(0xDB, b"\x00" + b"\x01" * 64)
            + seg(0xC0, b"\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big") + b"\x01\x01\x11\x00")
            + seg(0xC4, huff(0x00)) + seg(0xC4, huff(0x10))
            + seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + scan + b"\xff\xd9")


def _cn_id_number(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


@dataclass
class Element:
    """One mDL data element: the CBOR value handed to the issuer library, and its expected JSON."""
    identifier: str
    value: Any
    json: Any = field(default=None)


def mdl_elements(rand: Randomness, today: dt.date, count: int, portrait: bytes | None) -> list[Element]:
    """`count` realistic mDL elements for a Chinese licence, in a fixed order (the first 10 are the
    ISO mandatory ones). Dates are 'YYYY-MM-DD' strings: the issuer libraries wrap them in tag 1004."""
    families = [("ZHANG", "张"), ("WANG", "王"), ("LI", "李"), ("LIU", "刘"), ("CHEN", "陈")]
    givens = [("WEI", "伟"), ("FANG", "芳"), ("XIUYING", "秀英"), ("JING", "静"), ("QIANG", "强")]
    fam, fam_cn = rand.choice(families)
    giv, giv_cn = rand.choice(givens)
    age = rand.randint(26, 58)
    birth = dt.date(today.year - age, rand.randint(1, 12), rand.randint(1, 28))
    issue = today - dt.timedelta(days=rand.randint(200, 900))
    expiry = issue.replace(year=issue.year + 6) if not (issue.month == 2 and issue.day == 29) \
        else dt.date(issue.year + 6, 3, 1)
    first_c1 = issue.replace(year=issue.year - rand.randint(1, 8), day=min(issue.day, 28))
    photo = portrait if portrait is not None else tiny_jpeg()
    privileges = [{"vehicle_category_code": "C1", "issue_date": first_c1.isoformat(),
                   "expiry_date": expiry.isoformat()}]
    base = [
        Element("family_name", fam), Element("given_name", giv),
        Element("birth_date", birth.isoformat()), Element("issue_date", issue.isoformat()),
        Element("expiry_date", expiry.isoformat()), Element("issuing_country", "CN"),
        Element("issuing_authority", "北京市公安局公安交通管理局"),
        Element("document_number", _cn_id_number("110101", birth, rand.randint(100, 999))),
        Element("portrait", photo), Element("driving_privileges", privileges),
        Element("un_distinguishing_sign", "CHN"), Element("age_over_18", True),
        Element("family_name_national_character", fam_cn), Element("given_name_national_character", giv_cn),
        Element("sex", rand.choice([1, 2])), Element("nationality", "CN"),
        Element("resident_address", "北京市东城区东长安街1号"), Element("age_over_21", True),
        Element("age_over_65", age >= 65), Element("age_in_years", age), Element("age_birth_year", birth.year),
        Element("issuing_jurisdiction", "CN-BJ"),
    ]
    used = {int(e.identifier[9:]) for e in base if e.identifier.startswith("age_over_")}
    for nn in range(100):
        if nn not in used:
            base.append(Element(f"age_over_{nn:02d}", age >= nn))
    if not 1 <= count <= len(base):
        print(f"--elements must be between 1 and {len(base)}", file=sys.stderr)
        raise SystemExit(2)
    chosen = base[:count]
    for e in chosen:
        e.json = to_json(e.value)
    return chosen


# ---------------------------------------------------------------- JSON form of values

def to_json(value: Any) -> Any:
    """JSON form of an element value: dates/tdates as strings, bytes as {"bytes": n, "sha256": hex},
    other tags as {"tag": n, "value": ...}."""
    if isinstance(value, cbor2.CBORTag):
        if value.tag in (0, 1004, 1):
            inner = to_json(value.value)
            return inner if value.tag != 1 else {"tag": 1, "value": inner}
        return {"tag": value.tag, "value": to_json(value.value)}
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        text = value.isoformat()
        return text + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True)


# ---------------------------------------------------------------- SessionTranscript

def tag24(payload: bytes) -> bytes:
    return cbor2.dumps(cbor2.CBORTag(24, payload))


def qr_session_transcript(rand: Randomness) -> bytes:
    """ISO 18013-5 QR engagement: [DeviceEngagementBytes, EReaderKeyBytes, null] (Handover null).
    Returns the encoded SessionTranscript (not yet wrapped in tag 24)."""
    e_device = rand.private_key("e-device", ec.SECP256R1()).public_key()
    e_reader = rand.private_key("e-reader", ec.SECP256R1()).public_key()
    engagement = {0: "1.0",
                  1: [1, cbor2.CBORTag(24, cbor2.dumps(cose_ec2_public(e_device)))],
                  2: [[2, 1, {0: False, 1: True, 11: rand.token_bytes(16)}]]}
    return cbor2.dumps([cbor2.CBORTag(24, cbor2.dumps(engagement)),
                        cbor2.CBORTag(24, cbor2.dumps(cose_ec2_public(e_reader))), None])


def openid4vp_session_transcript(client_id: str, nonce: str, response_uri: str,
                                 jwk_thumbprint_b64u: str | None) -> bytes:
    """OpenID4VP 1.0 (B.2.6.1): [null, null, ["OpenID4VPHandover", SHA-256(cbor(
    [client_id, nonce, jwk_thumbprint or null, response_uri]))]]."""
    import base64
    thumb = None
    if jwk_thumbprint_b64u:
        thumb = base64.urlsafe_b64decode(jwk_thumbprint_b64u + "=" * (-len(jwk_thumbprint_b64u) % 4))
    info = cbor2.dumps([client_id, nonce, thumb, response_uri])
    return cbor2.dumps([None, None, ["OpenID4VPHandover", hashlib.sha256(info).digest()]])


def load_session_transcript(path: str) -> bytes:
    """Reads a SessionTranscript file (binary or hex text; SessionTranscriptBytes with tag 24 or the
    bare SessionTranscript) and returns the bare SessionTranscript bytes, as received."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("ascii").strip()
        if text and len(text) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in text):
            raw = bytes.fromhex(text)
    except UnicodeDecodeError:
        pass
    item = cbor2.loads(raw)
    if isinstance(item, cbor2.CBORTag) and item.tag == 24 and isinstance(item.value, bytes):
        return item.value
    return raw


# ---------------------------------------------------------------- device signature

def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
    raise ValueError("length too large")


def device_authentication_bytes(transcript: bytes, doctype: str, device_namespaces_bytes: bytes) -> bytes:
    """DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript, DocType,
    DeviceNameSpacesBytes]), the transcript and namespaces embedded as their exact bytes."""
    inner = b"\x84" + cbor2.dumps("DeviceAuthentication") + transcript + cbor2.dumps(doctype) \
        + device_namespaces_bytes
    return b"\xd8\x18" + _head(2, len(inner)) + inner


def device_signed(device_key: ec.EllipticCurvePrivateKey, transcript: bytes, doctype: str) -> dict:
    """DeviceSigned with empty DeviceNameSpaces and a deviceSignature: COSE_Sign1 ES256, protected
    {1: -7}, empty unprotected, detached (null) payload, signature r||s over
    Sig_structure ["Signature1", protected, h'', DeviceAuthenticationBytes]."""
    namespaces_bytes = tag24(cbor2.dumps({}))
    protected = cbor2.dumps({1: -7})
    to_be_signed = cbor2.dumps(["Signature1", protected, b"",
                                device_authentication_bytes(transcript, doctype, namespaces_bytes)])
    r, s = decode_dss_signature(device_key.sign(to_be_signed, ec.ECDSA(hashes.SHA256())))
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return {"nameSpaces": cbor2.loads(namespaces_bytes),
            "deviceAuth": {"deviceSignature": [protected, {}, None, signature]}}


def write(outdir: str, name: str, data: bytes | str) -> None:
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(outdir, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)
