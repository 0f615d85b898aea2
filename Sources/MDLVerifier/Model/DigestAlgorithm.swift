import Crypto

/// The digest algorithm of a Mobile Security Object (ISO/IEC 18013-5 §9.1.2.5): what its `valueDigests` were
/// computed with. The raw value is the MSO's text.
///
/// ```swift
/// if document.digestAlgorithm == .sha256 { … }
/// print(document.digestAlgorithm.rawValue)   // "SHA-256"
/// ```
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// SHA-256.
    case sha256 = "SHA-256"
    /// SHA-384.
    case sha384 = "SHA-384"
    /// SHA-512.
    case sha512 = "SHA-512"

    /// The algorithm an MSO names.
    /// - Throws: ``MDLError/Code/digestAlgorithmUnsupported`` for any other name.
    package init(msoName name: String) throws(MDLError) {
        guard let algorithm = DigestAlgorithm(rawValue: name) else {
            throw MDLError(code: .digestAlgorithmUnsupported, message: "digest algorithm \(name) is not supported")
        }
        self = algorithm
    }

    /// The digest of `bytes` under this algorithm (for issuers building an MSO).
    package func digest(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha384: Array(SHA384.hash(data: bytes))
        case .sha512: Array(SHA512.hash(data: bytes))
        }
    }
}
