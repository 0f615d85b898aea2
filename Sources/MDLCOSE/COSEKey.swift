import Crypto
import MDLCBOR

/// A public COSE_Key (RFC 9053 §7): OKP Ed25519, or EC2 on P-256 / P-384.
///
/// The MSO's `deviceKeyInfo.deviceKey` is one; so are the reader's ephemeral keys.
public struct COSEKey: Sendable, Hashable {
    /// Key types.
    public enum KeyType: Int64, Sendable {
        /// Octet key pair (RFC 8037).
        case okp = 1
        /// Elliptic curve with x and y.
        case ec2 = 2
    }

    /// Curves.
    public enum Curve: Int64, Sendable {
        /// NIST P-256.
        case p256 = 1
        /// NIST P-384.
        case p384 = 2
        /// X25519, for key agreement.
        case x25519 = 4
        /// Ed25519, for signatures.
        case ed25519 = 6
    }

    /// The key type.
    public let keyType: KeyType
    /// The curve.
    public let curve: Curve
    /// The x coordinate (or the OKP public key).
    public let x: [UInt8]
    /// The y coordinate (EC2 only).
    public let y: [UInt8]?

    /// Reads a COSE_Key map. Compressed EC2 points (y as a bool) are refused: ISO 18013-5 sends x and y.
    public init(_ item: CBOR) throws {
        guard let map = item.map else { throw COSEFormatError("COSE_Key must be a map") }
        guard let kty = map[.int(1)]?.int64, let keyType = KeyType(rawValue: kty) else {
            throw COSEFormatError("COSE_Key kty must be OKP (1) or EC2 (2)")
        }
        guard let crv = map[.int(-1)]?.int64, let curve = Curve(rawValue: crv) else {
            throw COSEFormatError("COSE_Key crv is missing or unsupported")
        }
        guard let x = map[.int(-2)]?.bytes else { throw COSEFormatError("COSE_Key x must be a byte string") }
        switch keyType {
        case .okp:
            guard curve == .ed25519 || curve == .x25519, x.count == 32 else {
                throw COSEFormatError("OKP key must be Ed25519 or X25519 with 32 bytes")
            }
            y = nil
        case .ec2:
            let size = curve == .p256 ? 32 : curve == .p384 ? 48 : 0
            guard size > 0, x.count == size, let y = map[.int(-3)]?.bytes, y.count == size else {
                throw COSEFormatError("EC2 key must have x and y of the curve's size")
            }
            self.y = y
        }
        self.keyType = keyType
        self.curve = curve
        self.x = x
    }

    /// Creates a key from its parts (no validation of the point; use the accessors to validate).
    public init(keyType: KeyType, curve: Curve, x: [UInt8], y: [UInt8]?) {
        self.keyType = keyType
        self.curve = curve
        self.x = x
        self.y = y
    }

    /// The COSE_Key map.
    public var cbor: CBOR {
        var map: CBORMap = [.int(1): .int(keyType.rawValue), .int(-1): .int(curve.rawValue), .int(-2): .bytes(x)]
        if let y { map[.int(-3)] = .bytes(y) }
        return .map(map)
    }

    /// The key for signature verification; throws `COSEError` `.invalidKey` or `.weakKey` when it is not usable.
    public func signaturePublicKey() throws -> SignaturePublicKey {
        switch (keyType, curve) {
        case (.okp, .ed25519): return try SignaturePublicKey(ed25519RawRepresentation: x)
        case (.ec2, .p256), (.ec2, .p384):
            guard let coseCurve = COSECurve(coseValue: curve.rawValue), let y else {
                throw COSEError(code: .invalidKey, message: "EC2 key without y")
            }
            return try SignaturePublicKey(ec2: coseCurve, x: x, y: y)
        default: throw COSEError(code: .invalidKey, message: "COSE_Key is not a signature key")
        }
    }

    /// The key for P-256 ECDH (DeviceMac); throws when the key is not a valid P-256 point.
    public func p256AgreementKey() throws -> P256.KeyAgreement.PublicKey {
        guard keyType == .ec2, curve == .p256, let y else {
            throw COSEError(code: .invalidKey, message: "COSE_Key is not a P-256 key")
        }
        do { return try P256.KeyAgreement.PublicKey(x963Representation: [0x04] + x + y) } catch {
            throw COSEError(code: .invalidKey, message: "COSE_Key is not a valid P-256 point")
        }
    }
}
