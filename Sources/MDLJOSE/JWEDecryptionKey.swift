import Crypto
import Foundation
import MDLVerifier

/// A relying party's private key-agreement key for JWE ECDH-ES: P-256 or X25519. Generate one per request.
public enum JWEDecryptionKey: Sendable {
    /// A P-256 key.
    case p256(P256.KeyAgreement.PrivateKey)
    /// An X25519 key.
    case x25519(Curve25519.KeyAgreement.PrivateKey)

    /// A fresh P-256 key.
    public static func generateP256() -> JWEDecryptionKey { .p256(P256.KeyAgreement.PrivateKey()) }

    /// The public JWK (`use: enc`, `alg: ECDH-ES`) with `kid`.
    public func publicJWK(kid: String?) -> JWK {
        switch self {
        case .p256(let key): JWK(p256: key.publicKey, kid: kid, use: "enc", alg: "ECDH-ES")
        case .x25519(let key): JWK(x25519: key.publicKey, kid: kid, use: "enc", alg: "ECDH-ES")
        }
    }

    /// The private JWK (with `d`), e.g. to store a pending request or hand it to an interop peer.
    public func privateJWK(kid: String?) -> JWK {
        var jwk = publicJWK(kid: kid)
        switch self {
        case .p256(let key): jwk.d = Base64URL.encode(key.rawRepresentation)
        case .x25519(let key): jwk.d = Base64URL.encode(key.rawRepresentation)
        }
        return jwk
    }

    /// Restores a key from a private JWK.
    public init(privateJWK jwk: JWK) throws(MDLError) {
        guard let dText = jwk.d, let d = Base64URL.decode(dText) else {
            throw MDLError(code: .joseMalformed, message: "the JWK has no private member d")
        }
        switch (jwk.kty, jwk.crv) {
        case ("EC", "P-256"):
            guard let key = try? P256.KeyAgreement.PrivateKey(rawRepresentation: d) else {
                throw MDLError(code: .joseMalformed, message: "the P-256 private key is invalid")
            }
            self = .p256(key)
        case ("OKP", "X25519"):
            guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: d) else {
                throw MDLError(code: .joseMalformed, message: "the X25519 private key is invalid")
            }
            self = .x25519(key)
        default: throw MDLError(code: .joseMalformed, message: "JWK \(jwk.kty)/\(jwk.crv) is not a key-agreement key")
        }
    }

    /// The ECDH shared secret with the sender's ephemeral key `epk`.
    func sharedSecret(with epk: JWK) throws(MDLError) -> [UInt8] {
        do {
            switch self {
            case .p256(let key):
                return try key.sharedSecretFromKeyAgreement(with: try epk.p256PublicKey()).withUnsafeBytes { Array($0) }
            case .x25519(let key):
                let secret = try key.sharedSecretFromKeyAgreement(with: try epk.x25519PublicKey()).withUnsafeBytes { Array($0) }
                guard secret.contains(where: { $0 != 0 }) else { throw MDLError(code: .weakKey, message: "X25519 gave an all-zero secret") }
                return secret
            }
        } catch let error as MDLError {
            throw error
        } catch {
            throw MDLError(code: .jweDecryptionFailed, message: "key agreement failed")
        }
    }
}
