#!/usr/bin/env python3
"""JWS / JWE peer for MDLKit's OpenID4VP interop tests, built on joserfc.

usage:
  jose_peer.py gen-jwk {P-256,Ed25519,X25519} PRIVATE_OUT PUBLIC_OUT [--kid KID] [--use sig|enc]
  jose_peer.py thumbprint JWK_FILE                       -> RFC 7638 SHA-256 thumbprint, base64url
  jose_peer.py sign-jws PAYLOAD_FILE PRIVATE_JWK_FILE --alg ES256|EdDSA|Ed25519
                        [--typ oauth-authz-req+jwt] [--kid KID] [--x5c CERT_PEM]...
                                                         -> compact JWS
  jose_peer.py verify-jws TOKEN_FILE JWK_OR_PEM [--alg ALG]...
                                                         -> {"header": {...}, "payload": ...}
  jose_peer.py make-jwe PAYLOAD_FILE PUBLIC_JWK_FILE [--enc A128GCM|A256GCM] [--alg ECDH-ES]
                        [--kid KID] [--apu B64U] [--apv B64U]
                                                         -> compact JWE
  jose_peer.py decrypt-jwe TOKEN_FILE PRIVATE_JWK_FILE [--json]
                                                         -> plaintext bytes exactly (no newline added),
                                                            or with --json {"header", "plaintext"}

Files may be "-" for stdin. Keys: a JWK (JSON object), a JWK Set (first key, or the one whose kid
matches the token's), a PEM public or private key, or a PEM certificate (its public key); for
verify-jws also the word "x5c": the first certificate of the token's own x5c header (no chain check).
Output goes to stdout with a trailing newline (except decrypt-jwe's raw plaintext). Exit 0 on success, 1 when a signature or decryption
fails (message on stderr), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import warnings

warnings.filterwarnings("ignore")  # joserfc's SecurityWarning for EdDSA etc.: not our concern here

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from joserfc import jwe, jwk, jws  # noqa: E402
from joserfc.errors import JoseError  # noqa: E402

class PeerJWSRegistry(jws.JWSRegistry):
    """joserfc's defaults cap the protected header at 512 bytes: an x5c chain needs more."""
    max_header_length = 64 * 1024
    max_payload_length = 4 * 1024 * 1024


class PeerJWERegistry(jwe.JWERegistry):
    """Room for large vp_tokens (a real mDL DeviceResponse is ~40 KB, base64url in JSON)."""
    max_protected_header_length = 64 * 1024
    max_ciphertext_length = 16 * 1024 * 1024


def jws_registry(algorithms: list[str]) -> jws.JWSRegistry:
    return PeerJWSRegistry(algorithms=algorithms, strict_check_header=False)


def jwe_registry(algorithms: list[str]) -> jwe.JWERegistry:
    return PeerJWERegistry(algorithms=algorithms, strict_check_header=False)


SIGN_ALGS = ["ES256", "ES384", "ES512", "EdDSA", "Ed25519"]
KEY_ALGS = ["ECDH-ES"]
ENCS = ["A128GCM", "A192GCM", "A256GCM"]


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token_header(token: str) -> dict:
    return json.loads(b64u_decode(token.split(".", 1)[0]))


def import_pem(data: bytes):
    if b"CERTIFICATE" in data:
        public = x509.load_pem_x509_certificate(data).public_key()
        data = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    for kty in ("EC", "OKP", "RSA"):
        try:
            return jwk.import_key(data, kty)
        except Exception:  # noqa: BLE001 - try the next key type
            continue
    raise SystemExit("unsupported PEM key")


def load_key(path: str, kid: str | None = None):
    data = read_bytes(path)
    if data.lstrip().startswith(b"-----BEGIN"):
        return import_pem(data)
    obj = json.loads(data)
    if "keys" in obj:
        keys = obj["keys"]
        chosen = next((k for k in keys if kid and k.get("kid") == kid), keys[0] if keys else None)
        if chosen is None:
            raise SystemExit("empty JWK Set")
        obj = chosen
    return jwk.import_key(obj)


def payload_json(payload: bytes):
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64url": base64.urlsafe_b64encode(payload).rstrip(b"=").decode()}
    try:
        return json.loads(text)
    except ValueError:
        return text


def cmd_gen_jwk(args) -> int:
    kty = "EC" if args.curve == "P-256" else "OKP"
    params = {k: v for k, v in (("kid", args.kid), ("use", args.use)) if v}
    key = jwk.generate_key(kty, args.curve, parameters=params or None, auto_kid=not args.kid)
    with open(args.private_out, "w") as f:
        json.dump(key.as_dict(private=True), f, indent=2)
    with open(args.public_out, "w") as f:
        json.dump(key.as_dict(private=False), f, indent=2)
    return 0


def cmd_thumbprint(args) -> int:
    print(load_key(args.jwk_file).thumbprint())
    return 0


def cmd_sign_jws(args) -> int:
    key = load_key(args.private_jwk_file)
    header = {"alg": args.alg}
    if args.typ:
        header["typ"] = args.typ
    kid = args.kid or (key.kid if getattr(key, "kid", None) else None)
    if kid:
        header["kid"] = kid
    if args.x5c:
        chain = []
        for path in args.x5c:
            for cert in x509.load_pem_x509_certificates(read_bytes(path)):
                chain.append(base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode())
        header["x5c"] = chain
    print(jws.serialize_compact(header, read_bytes(args.payload_file), key,
                                registry=jws_registry([args.alg])))
    return 0


def cmd_verify_jws(args) -> int:
    token = read_bytes(args.token_file).decode().strip()
    header = token_header(token)
    if args.key == "x5c":
        if not header.get("x5c"):
            print("verify-jws: token has no x5c header", file=sys.stderr)
            return 1
        cert = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
        key = import_pem(cert.public_bytes(serialization.Encoding.PEM))
    else:
        key = load_key(args.key, header.get("kid"))
    try:
        obj = jws.deserialize_compact(token, key, registry=jws_registry(args.alg or SIGN_ALGS))
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        print(f"verify-jws: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"header": obj.headers(), "payload": payload_json(obj.payload)}, ensure_ascii=False))
    return 0


def cmd_make_jwe(args) -> int:
    key = load_key(args.public_jwk_file)
    header = {"alg": args.alg, "enc": args.enc}
    kid = args.kid or (key.kid if getattr(key, "kid", None) else None)
    if kid:
        header["kid"] = kid
    if args.apu:
        header["apu"] = args.apu
    if args.apv:
        header["apv"] = args.apv
    print(jwe.encrypt_compact(header, read_bytes(args.payload_file), key,
                              registry=jwe_registry([args.alg, args.enc])))
    return 0


def cmd_decrypt_jwe(args) -> int:
    token = read_bytes(args.token_file).decode().strip()
    key = load_key(args.private_jwk_file, token_header(token).get("kid"))
    try:
        obj = jwe.decrypt_compact(token, key, registry=jwe_registry(KEY_ALGS + ENCS))
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        print(f"decrypt-jwe: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"header": obj.headers(), "plaintext": payload_json(obj.plaintext)}, ensure_ascii=False))
    else:
        sys.stdout.buffer.write(obj.plaintext)
    return 0


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("gen-jwk")
    g.add_argument("curve", choices=["P-256", "Ed25519", "X25519"])
    g.add_argument("private_out")
    g.add_argument("public_out")
    g.add_argument("--kid")
    g.add_argument("--use", choices=["sig", "enc"])
    g.set_defaults(run=cmd_gen_jwk)

    t = sub.add_parser("thumbprint")
    t.add_argument("jwk_file")
    t.set_defaults(run=cmd_thumbprint)

    s = sub.add_parser("sign-jws")
    s.add_argument("payload_file")
    s.add_argument("private_jwk_file")
    s.add_argument("--alg", choices=SIGN_ALGS, required=True)
    s.add_argument("--typ")
    s.add_argument("--kid")
    s.add_argument("--x5c", action="append", metavar="CERT_PEM")
    s.set_defaults(run=cmd_sign_jws)

    v = sub.add_parser("verify-jws")
    v.add_argument("token_file")
    v.add_argument("key", metavar="JWK_OR_PEM")
    v.add_argument("--alg", action="append", choices=SIGN_ALGS, help="allowed algorithms (default: all listed)")
    v.set_defaults(run=cmd_verify_jws)

    m = sub.add_parser("make-jwe")
    m.add_argument("payload_file")
    m.add_argument("public_jwk_file")
    m.add_argument("--enc", choices=ENCS, default="A256GCM")
    m.add_argument("--alg", choices=KEY_ALGS, default="ECDH-ES")
    m.add_argument("--kid")
    m.add_argument("--apu")
    m.add_argument("--apv")
    m.set_defaults(run=cmd_make_jwe)

    d = sub.add_parser("decrypt-jwe")
    d.add_argument("token_file")
    d.add_argument("private_jwk_file")
    d.add_argument("--json", action="store_true")
    d.set_defaults(run=cmd_decrypt_jwe)

    args = p.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
