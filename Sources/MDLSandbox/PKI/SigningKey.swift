import Crypto
import Foundation
import MDLKit
import X509

/// A sandbox private signing key: Ed25519 (the sandbox default) or P-256.
///
/// The raw key is exposed because the sandbox plays the issuer: its COSE signer signs MSOs with it.
///
/// ```swift
/// let key = SigningKey(generating: .ed25519)
/// let signature = try key.signature(for: toBeSigned)      // 64 bytes, COSE form
/// ```
public enum SigningKey: Sendable {
    /// An Ed25519 key (COSE alg EdDSA, -8).
    case ed25519(Curve25519.Signing.PrivateKey)
    /// A P-256 key (COSE alg ES256, -7).
    case p256(P256.Signing.PrivateKey)

    /// The kinds of key the sandbox makes.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// Ed25519: the sandbox default.
        case ed25519
        /// NIST P-256 with SHA-256.
        case p256
    }

    /// Generates a fresh random key.
    public init(generating algorithm: Algorithm = .ed25519) {
        switch algorithm {
        case .ed25519: self = .ed25519(Curve25519.Signing.PrivateKey())
        case .p256: self = .p256(P256.Signing.PrivateKey())
        }
    }

    /// Restores a key from ``rawRepresentation``.
    public init(algorithm: Algorithm, rawRepresentation: [UInt8]) throws {
        switch algorithm {
        case .ed25519: self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation))
        case .p256: self = .p256(try P256.Signing.PrivateKey(rawRepresentation: rawRepresentation))
        }
    }

    /// The key's algorithm.
    public var algorithm: Algorithm {
        switch self {
        case .ed25519: .ed25519
        case .p256: .p256
        }
    }

    /// The private key's raw bytes: the 32-byte Ed25519 seed, or the 32-byte P-256 scalar.
    public var rawRepresentation: [UInt8] {
        switch self {
        case .ed25519(let key): Array(key.rawRepresentation)
        case .p256(let key): Array(key.rawRepresentation)
        }
    }

    /// The public key as MDLKit reads it from a certificate (Ed25519 raw 32 bytes, P-256 X9.63 65 bytes).
    public var publicKey: SignerPublicKey {
        switch self {
        case .ed25519(let key): .ed25519(Array(key.publicKey.rawRepresentation))
        case .p256(let key): .p256(Array(key.publicKey.x963Representation))
        }
    }

    /// Signs `message`: a 64-byte Ed25519 signature, or a 64-byte `r ‖ s` ECDSA P-256/SHA-256 signature
    /// (COSE's form).
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        switch self {
        case .ed25519(let key): Array(try key.signature(for: message))
        case .p256(let key): Array(try key.signature(for: message).rawRepresentation)
        }
    }

    /// The key for swift-certificates' signing.
    public var certificatePrivateKey: Certificate.PrivateKey {
        switch self {
        case .ed25519(let key): Certificate.PrivateKey(key)
        case .p256(let key): Certificate.PrivateKey(key)
        }
    }

    /// The public key for a certificate's subjectPublicKeyInfo.
    public var certificatePublicKey: Certificate.PublicKey { certificatePrivateKey.publicKey }
}
