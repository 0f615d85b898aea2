import Crypto

/// A private key that makes COSE signatures, for the sandbox (issuing authority, holder wallet) and for tests.
/// Relying parties only verify; they never need this type.
///
/// ```swift
/// let key = try SigningPrivateKey.generate(for: .edDSA)
/// let signature = try key.sign(sigStructureBytes)
/// try key.publicKey.verify(signature: signature, message: sigStructureBytes, algorithm: key.algorithm)
/// ```
package enum SigningPrivateKey: Sendable {
    /// An Ed25519 key given by its 32-byte seed (RFC 8032 §5.1.5's private key); signed with libsodium.
    case ed25519(seed: [UInt8])
    /// A P-256 key for ES256.
    case p256(P256.Signing.PrivateKey)
    /// A P-384 key for ES384.
    case p384(P384.Signing.PrivateKey)
    /// A P-521 key for ES512.
    case p521(P521.Signing.PrivateKey)

    /// A new random key for a signature algorithm (Ed25519 seeds come from libsodium's `randombytes_buf`).
    ///
    /// - Throws: ``COSEError/Code/unsupportedAlgorithm`` for a MAC algorithm.
    package static func generate(for algorithm: COSEAlgorithm) throws -> SigningPrivateKey {
        switch algorithm {
        case .edDSA:
            try Sodium.ensureReady()
            return .ed25519(seed: SecureRandom.bytes(count: Ed25519.seedByteCount))
        case .es256: return .p256(P256.Signing.PrivateKey())
        case .es384: return .p384(P384.Signing.PrivateKey())
        case .es512: return .p521(P521.Signing.PrivateKey())
        case .hmac256: throw COSEError(code: .unsupportedAlgorithm, message: "\(algorithm) is not a signature algorithm")
        }
    }

    /// An Ed25519 key from its 32-byte seed.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` when the seed is not 32 bytes.
    package init(ed25519Seed seed: [UInt8]) throws {
        guard seed.count == Ed25519.seedByteCount else {
            throw COSEError(code: .invalidKey, message: "an Ed25519 seed is 32 bytes, got \(seed.count)")
        }
        self = .ed25519(seed: seed)
    }

    /// The COSE algorithm this key signs with.
    package var algorithm: COSEAlgorithm {
        switch self {
        case .ed25519: .edDSA
        case .p256: .es256
        case .p384: .es384
        case .p521: .es512
        }
    }

    /// The matching public key.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for an Ed25519 seed that is not 32 bytes.
    package var publicKey: SignaturePublicKey {
        get throws {
            switch self {
            case .ed25519(let seed): .ed25519(try Ed25519.keyPair(seed: seed).publicKey)
            case .p256(let key): .p256(key.publicKey)
            case .p384(let key): .p384(key.publicKey)
            case .p521(let key): .p521(key.publicKey)
            }
        }
    }

    /// Signs `message` (the encoded Sig_structure): 64 bytes for Ed25519, raw `r ‖ s` for ECDSA (RFC 9053 §2.1).
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` when the key cannot sign (an Ed25519 seed of the wrong length).
    package func sign(_ message: [UInt8]) throws -> [UInt8] {
        do {
            switch self {
            case .ed25519(let seed): return try Ed25519.sign(message: message, seed: seed)
            case .p256(let key): return Array(try key.signature(for: message).rawRepresentation)
            case .p384(let key): return Array(try key.signature(for: message).rawRepresentation)
            case .p521(let key): return Array(try key.signature(for: message).rawRepresentation)
            }
        } catch let error as COSEError {
            throw error
        } catch {
            throw COSEError(code: .invalidKey, message: "\(algorithm) signing failed")
        }
    }
}
