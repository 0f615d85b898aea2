/// A COSE algorithm MDLKit implements, with its IANA "COSE Algorithms" identifier.
///
/// The identifiers are those ISO/IEC 18013-5 uses in the protected header's `alg` (label 1).
///
/// ```swift
/// guard let algorithm = COSEAlgorithm(coseValue: -8) else { throw COSEError(code: .unsupportedAlgorithm) }
/// ```
public enum COSEAlgorithm: Int64, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// EdDSA (-8); MDLKit supports it with Ed25519 keys only.
    case edDSA = -8
    /// ECDSA with SHA-256 (-7), on P-256.
    case es256 = -7
    /// ECDSA with SHA-384 (-35), on P-384.
    case es384 = -35
    /// ECDSA with SHA-512 (-36), on P-521.
    case es512 = -36
    /// HMAC with SHA-256 and a 256-bit tag (5), used by DeviceMac.
    case hmac256 = 5

    /// The algorithm with this COSE identifier, or `nil` when MDLKit does not implement it.
    public init?(coseValue: Int64) { self.init(rawValue: coseValue) }

    /// The COSE identifier.
    public var coseValue: Int64 { rawValue }

    /// Whether this is a signature algorithm (COSE_Sign1) rather than a MAC (COSE_Mac0).
    public var isSignature: Bool { self != .hmac256 }

    /// The name in the IANA registry, e.g. `"ES256"`, `"HMAC 256/256"`.
    public var description: String {
        switch self {
        case .edDSA: "EdDSA"
        case .es256: "ES256"
        case .es384: "ES384"
        case .es512: "ES512"
        case .hmac256: "HMAC 256/256"
        }
    }
}
