/// An elliptic curve from the IANA "COSE Elliptic Curves" registry (the COSE_Key `crv` parameter, label -1).
///
/// Only the curves of RFC 9053 are listed; brainpool curves, which ISO/IEC 18013-5 also allows, have no case and
/// `init?(coseValue:)` returns `nil` for them, so callers report them as unsupported.
public enum COSECurve: Int64, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// NIST P-256 (EC2).
    case p256 = 1
    /// NIST P-384 (EC2).
    case p384 = 2
    /// NIST P-521 (EC2).
    case p521 = 3
    /// X25519 for ECDH (OKP).
    case x25519 = 4
    /// X448 for ECDH (OKP); not implemented by MDLKit.
    case x448 = 5
    /// Ed25519 for EdDSA (OKP).
    case ed25519 = 6
    /// Ed448 for EdDSA (OKP); not implemented by MDLKit.
    case ed448 = 7

    /// The curve with this COSE identifier, or `nil` when it is not in the list.
    public init?(coseValue: Int64) { self.init(rawValue: coseValue) }

    /// The COSE identifier.
    public var coseValue: Int64 { rawValue }

    /// The byte length of one coordinate (EC2) or of the public key (OKP).
    public var coordinateByteCount: Int {
        switch self {
        case .p256, .x25519, .ed25519: 32
        case .p384: 48
        case .p521: 66
        case .x448: 56
        case .ed448: 57
        }
    }

    /// The name in the IANA registry, e.g. `"P-256"`.
    public var description: String {
        switch self {
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        case .x25519: "X25519"
        case .x448: "X448"
        case .ed25519: "Ed25519"
        case .ed448: "Ed448"
        }
    }
}
