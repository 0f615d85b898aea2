import Crypto
import Foundation
import MDLCOSE
import MDLVerifier

/// A private key that signs JWS objects: ES256 (P-256) or EdDSA (Ed25519).
public enum JWSSigningKey: Sendable {
    /// P-256, JWS `alg` `ES256`.
    case es256(P256.Signing.PrivateKey)
    /// Ed25519, JWS `alg` `EdDSA`.
    case edDSA(Curve25519.Signing.PrivateKey)

    /// The JWS `alg` name.
    public var algorithm: String {
        switch self {
        case .es256: "ES256"
        case .edDSA: "EdDSA"
        }
    }

    /// The public key as a certificate reads it.
    public var publicKey: SignerPublicKey {
        switch self {
        case .es256(let key): .p256(Array(key.publicKey.x963Representation))
        case .edDSA(let key): .ed25519(Array(key.publicKey.rawRepresentation))
        }
    }

    /// Signs `message`: ECDSA as `r ‖ s` (64 bytes), EdDSA as 64 bytes.
    package func signature(for message: [UInt8]) throws(MDLError) -> [UInt8] {
        do {
            switch self {
            case .es256(let key): return Array(try key.signature(for: message).rawRepresentation)
            case .edDSA(let key): return Array(try key.signature(for: message))
            }
        } catch {
            throw MDLError(code: .jwsSignatureInvalid, message: "signing failed")
        }
    }

    /// Reads a PKCS#8 PEM private key: P-256 (`ES256`) or Ed25519 (`EdDSA`).
    public init(pemEncoded pem: String) throws(MDLError) {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
            self = .es256(key)
            return
        }
        // PKCS#8 Ed25519 (RFC 8410): a fixed 16-byte prefix, then the 32-byte seed.
        let prefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
        let body = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: body).map(Array.init), der.count == 48, Array(der[0..<16]) == prefix,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der[16...])
        else { throw MDLError(code: .structureInvalid, message: "the key is neither a P-256 nor an Ed25519 PKCS#8 private key") }
        self = .edDSA(key)
    }

    /// The key as PKCS#8 PEM.
    public var pemRepresentation: String {
        switch self {
        case .es256(let key): return key.pemRepresentation
        case .edDSA(let key):
            let der: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
                + Array(key.rawRepresentation)
            let lines = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            return "-----BEGIN PRIVATE KEY-----\n\(lines)\n-----END PRIVATE KEY-----"
        }
    }
}
