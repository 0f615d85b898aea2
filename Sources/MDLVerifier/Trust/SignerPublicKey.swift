import Crypto
import MDLCOSE
import X509

/// The public key of a certificate's subject, in the form signature verification needs.
///
/// Obtained from a validated certificate (``ValidatedDocumentSigner/publicKey``); the bytes come from a certificate
/// that chained to a trust anchor, and Ed25519 keys have already been checked to be valid, non-small-order points.
public enum SignerPublicKey: Sendable, Hashable {
    /// An Ed25519 key: the 32-byte encoded point (COSE alg EdDSA, -8).
    case ed25519([UInt8])
    /// A P-256 key: the 65-byte uncompressed X9.63 point `04 ‖ x ‖ y` (COSE alg ES256, -7).
    case p256([UInt8])
    /// A P-384 key: the 97-byte uncompressed X9.63 point (COSE alg ES384, -35).
    case p384([UInt8])
    /// A P-521 key: the 133-byte uncompressed X9.63 point (COSE alg ES512, -36).
    case p521([UInt8])

    /// The key of `certificate`, or `nil` when it is of another type (RSA, brainpool, Ed448, …).
    public init?(_ certificate: Certificate) {
        let key = certificate.publicKey
        if let ed25519 = Curve25519.Signing.PublicKey(key) {
            self = .ed25519(Array(ed25519.rawRepresentation))
        } else if let p256 = P256.Signing.PublicKey(key) {
            self = .p256(Array(p256.x963Representation))
        } else if let p384 = P384.Signing.PublicKey(key) {
            self = .p384(Array(p384.x963Representation))
        } else if let p521 = P521.Signing.PublicKey(key) {
            self = .p521(Array(p521.x963Representation))
        } else {
            return nil
        }
    }

    /// The key's curve, for messages: `"Ed25519"`, `"P-256"`, `"P-384"` or `"P-521"`.
    public var curveName: String {
        switch self {
        case .ed25519: "Ed25519"
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        }
    }
}
