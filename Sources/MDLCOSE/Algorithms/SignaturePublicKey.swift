import Crypto

/// A public key that verifies COSE signatures: Ed25519 (EdDSA, via libsodium) or an ECDSA key (via swift-crypto).
///
/// Build keys with the throwing constructors, which reject malformed and weak keys; ``verify(signature:message:algorithm:)``
/// checks an Ed25519 key again, so a key made directly with ``ed25519(_:)`` is never trusted unchecked.
///
/// ```swift
/// let key = try SignaturePublicKey(ec2: .p256, x: x, y: y)        // from a COSE_Key (kty 2)
/// try key.verify(signature: signature, message: sigStructureBytes, algorithm: .es256)
/// ```
public enum SignaturePublicKey: Sendable {
    /// An Ed25519 public key: its 32-byte encoding (RFC 8032 §5.1.5).
    case ed25519([UInt8])
    /// A P-256 key for ES256.
    case p256(P256.Signing.PublicKey)
    /// A P-384 key for ES384.
    case p384(P384.Signing.PublicKey)
    /// A P-521 key for ES512.
    case p521(P521.Signing.PublicKey)

    /// An Ed25519 key from its 32-byte encoding (a COSE_Key OKP `x`).
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for a wrong length; ``COSEError/Code/weakKey`` for a small-order point
    ///   or a non-canonical encoding.
    public init(ed25519RawRepresentation encoding: [UInt8]) throws {
        try Ed25519PointEncoding.checkPublicKey(encoding)
        self = .ed25519(encoding)
    }

    /// A key from a COSE_Key of type OKP (kty 1): curve and `x`.
    ///
    /// - Throws: ``COSEError/Code/unsupportedAlgorithm`` for Ed448; ``COSEError/Code/invalidKey`` for a curve that is
    ///   not a signing OKP curve; the errors of ``init(ed25519RawRepresentation:)``.
    public init(okp curve: COSECurve, x: [UInt8]) throws {
        switch curve {
        case .ed25519: try self.init(ed25519RawRepresentation: x)
        case .ed448: throw COSEError(code: .unsupportedAlgorithm, message: "Ed448 is not supported")
        default: throw COSEError(code: .invalidKey, message: "\(curve) is not an OKP signature curve")
        }
    }

    /// An ECDSA key from a COSE_Key of type EC2 (kty 2): curve, `x` and `y`, each exactly the curve's coordinate
    /// length (RFC 9053 §7.1.1 keeps leading zero bytes).
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for a non-EC2 curve, wrong lengths or a point not on the curve.
    public init(ec2 curve: COSECurve, x: [UInt8], y: [UInt8]) throws {
        let size = curve.coordinateByteCount
        guard x.count == size, y.count == size else {
            throw COSEError(
                code: .invalidKey, message: "\(curve) coordinates are \(size) bytes, got \(x.count) and \(y.count)")
        }
        // One buffer of the exact size (`[0x04] + x + y` made two).
        var point: [UInt8] = []
        point.reserveCapacity(1 + x.count + y.count)
        point.append(0x04)
        point.append(contentsOf: x)
        point.append(contentsOf: y)
        try self.init(curve: curve, x963Representation: point)
    }

    /// An ECDSA key from a COSE_Key of type EC2 in compressed form: `x` and the sign bit given as COSE's boolean `y`.
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for a non-EC2 curve, a wrong length or an `x` with no point.
    public init(ec2 curve: COSECurve, x: [UInt8], yIsOdd: Bool) throws {
        guard x.count == curve.coordinateByteCount else {
            throw COSEError(code: .invalidKey, message: "\(curve) x is \(curve.coordinateByteCount) bytes, got \(x.count)")
        }
        let compressed = [yIsOdd ? 0x03 : 0x02] + x
        do {
            switch curve {
            case .p256: self = .p256(try P256.Signing.PublicKey(compressedRepresentation: compressed))
            case .p384: self = .p384(try P384.Signing.PublicKey(compressedRepresentation: compressed))
            case .p521: self = .p521(try P521.Signing.PublicKey(compressedRepresentation: compressed))
            default: throw COSEError(code: .invalidKey, message: "\(curve) is not an EC2 signature curve")
            }
        } catch let error as COSEError {
            throw error
        } catch {
            throw COSEError(code: .invalidKey, message: "\(curve) compressed point is not on the curve")
        }
    }

    /// An ECDSA key from its uncompressed SEC 1 encoding `04 ‖ x ‖ y` (ANSI X9.63).
    ///
    /// - Throws: ``COSEError/Code/invalidKey`` for a non-EC2 curve or an encoding that is not a point on the curve.
    public init(curve: COSECurve, x963Representation encoding: [UInt8]) throws {
        guard encoding.count == 1 + 2 * curve.coordinateByteCount, encoding.first == 0x04 else {
            throw COSEError(code: .invalidKey, message: "not an uncompressed \(curve) point")
        }
        do {
            switch curve {
            case .p256: self = .p256(try P256.Signing.PublicKey(x963Representation: encoding))
            case .p384: self = .p384(try P384.Signing.PublicKey(x963Representation: encoding))
            case .p521: self = .p521(try P521.Signing.PublicKey(x963Representation: encoding))
            default: throw COSEError(code: .invalidKey, message: "\(curve) is not an EC2 signature curve")
            }
        } catch let error as COSEError {
            throw error
        } catch {
            throw COSEError(code: .invalidKey, message: "the \(curve) point is not on the curve")
        }
    }

    /// The curve of the key.
    public var curve: COSECurve {
        switch self {
        case .ed25519: .ed25519
        case .p256: .p256
        case .p384: .p384
        case .p521: .p521
        }
    }

    /// The one COSE algorithm this key verifies: EdDSA, ES256, ES384 or ES512.
    public var algorithm: COSEAlgorithm {
        switch self {
        case .ed25519: .edDSA
        case .p256: .es256
        case .p384: .es384
        case .p521: .es512
        }
    }

    /// Verifies a COSE signature (for ECDSA the raw `r ‖ s` of RFC 9053 §2.1, not DER) over `message`, the
    /// encoded Sig_structure.
    ///
    /// - Throws: ``COSEError/Code/algorithmMismatch`` when `algorithm` is not this key's (EdDSA needs Ed25519,
    ///   ES256 P-256, ES384 P-384, ES512 P-521); ``COSEError/Code/weakKey`` for a weak Ed25519 key;
    ///   ``COSEError/Code/signatureInvalid`` when the signature is malformed or does not verify.
    public func verify(signature: [UInt8], message: [UInt8], algorithm: COSEAlgorithm) throws {
        guard algorithm == self.algorithm else {
            throw COSEError(
                code: .algorithmMismatch, message: "a \(curve) key cannot verify \(algorithm) (needs \(self.algorithm))")
        }
        let valid: Bool
        switch self {
        case .ed25519(let encoding):
            try Ed25519.verify(signature: signature, message: message, publicKey: encoding)
            return
        case .p256(let key):
            let signature = try Self.ecdsaSignature(signature, size: 64) {
                try P256.Signing.ECDSASignature(rawRepresentation: $0)
            }
            valid = key.isValidSignature(signature, for: message)
        case .p384(let key):
            let signature = try Self.ecdsaSignature(signature, size: 96) {
                try P384.Signing.ECDSASignature(rawRepresentation: $0)
            }
            valid = key.isValidSignature(signature, for: message)
        case .p521(let key):
            let signature = try Self.ecdsaSignature(signature, size: 132) {
                try P521.Signing.ECDSASignature(rawRepresentation: $0)
            }
            valid = key.isValidSignature(signature, for: message)
        }
        guard valid else { throw COSEError(code: .signatureInvalid, message: "\(algorithm) signature does not verify") }
    }

    /// Parses a raw `r ‖ s` signature of exactly `size` bytes.
    private static func ecdsaSignature<Signature>(
        _ bytes: [UInt8], size: Int, _ parse: ([UInt8]) throws -> Signature
    ) throws -> Signature {
        guard bytes.count == size else {
            throw COSEError(code: .signatureInvalid, message: "an ECDSA signature here is \(size) bytes, got \(bytes.count)")
        }
        do { return try parse(bytes) } catch {
            throw COSEError(code: .signatureInvalid, message: "malformed ECDSA signature")
        }
    }
}
