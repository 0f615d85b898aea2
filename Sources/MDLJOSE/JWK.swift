import Crypto
import Foundation
import MDLVerifier

/// A JSON Web Key (RFC 7517) for the curves OpenID4VP uses here: EC P-256 and OKP Ed25519 / X25519.
///
/// Only the members MDLKit reads or writes are modelled; unknown members are ignored when decoding.
public struct JWK: Codable, Sendable, Hashable {
    /// `EC` or `OKP`.
    public var kty: String
    /// `P-256`, `Ed25519` or `X25519`.
    public var crv: String
    /// The x coordinate (EC) or the public key (OKP), base64url.
    public var x: String
    /// The y coordinate (EC only), base64url.
    public var y: String?
    /// The private scalar or seed, base64url; only in private keys, never sent.
    public var d: String?
    /// The key identifier.
    public var kid: String?
    /// `sig` or `enc`.
    public var use: String?
    /// The algorithm the key is for, e.g. `ECDH-ES`.
    public var alg: String?

    /// Creates a JWK from its members.
    public init(kty: String, crv: String, x: String, y: String? = nil, d: String? = nil, kid: String? = nil, use: String? = nil, alg: String? = nil) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.d = d
        self.kid = kid
        self.use = use
        self.alg = alg
    }

    /// The public JWK of a P-256 key-agreement key.
    public init(p256 key: P256.KeyAgreement.PublicKey, kid: String? = nil, use: String? = nil, alg: String? = nil) {
        let point = Array(key.x963Representation)
        self.init(kty: "EC", crv: "P-256", x: Base64URL.encode(point[1..<33]), y: Base64URL.encode(point[33..<65]), kid: kid, use: use, alg: alg)
    }

    /// The public JWK of an X25519 key-agreement key.
    public init(x25519 key: Curve25519.KeyAgreement.PublicKey, kid: String? = nil, use: String? = nil, alg: String? = nil) {
        self.init(kty: "OKP", crv: "X25519", x: Base64URL.encode(key.rawRepresentation), kid: kid, use: use, alg: alg)
    }

    /// This key without its private member.
    public var publicKey: JWK {
        var copy = self
        copy.d = nil
        return copy
    }

    /// The RFC 7638 SHA-256 thumbprint.
    public func thumbprint() throws(MDLError) -> [UInt8] {
        var members = ["kty": kty, "crv": crv, "x": x]
        if let y { members["y"] = y }
        return try JWKThumbprint.sha256(of: members)
    }

    /// The P-256 public key, when this is one.
    func p256PublicKey() throws(MDLError) -> P256.KeyAgreement.PublicKey {
        guard kty == "EC", crv == "P-256", let xBytes = Base64URL.decode(x), let yText = y, let yBytes = Base64URL.decode(yText),
            xBytes.count == 32, yBytes.count == 32,
            let key = try? P256.KeyAgreement.PublicKey(x963Representation: [0x04] + xBytes + yBytes)
        else { throw MDLError(code: .weakKey, message: "the JWK is not a valid P-256 public key") }
        return key
    }

    /// The X25519 public key, when this is one.
    func x25519PublicKey() throws(MDLError) -> Curve25519.KeyAgreement.PublicKey {
        guard kty == "OKP", crv == "X25519", let xBytes = Base64URL.decode(x), xBytes.count == 32,
            let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: xBytes)
        else { throw MDLError(code: .weakKey, message: "the JWK is not a valid X25519 public key") }
        return key
    }
}

/// A JWK Set (`{"keys": [...]}`).
public struct JWKSet: Codable, Sendable, Hashable {
    /// The keys.
    public var keys: [JWK]
    /// Creates a set.
    public init(keys: [JWK]) { self.keys = keys }
}
