/// An error from the COSE layer with a stable, public ``Code``.
///
/// Callers branch on ``code``; an existing code never changes meaning. The ``message`` is for a person and may change
/// between releases. It never contains key material or personal data. Equality compares codes only, so tests can
/// write `#expect(throws: COSEError(code: .weakKey))`.
///
/// ```swift
/// do { try key.verify(signature: signature, message: toBeSigned, algorithm: .edDSA) }
/// catch let error as COSEError where error.code == .weakKey { /* refuse the issuer's key */ }
/// ```
public struct COSEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the failure.
    public let code: Code
    /// A message a person can act on.
    public let message: String
    /// Where the error was raised (`#fileID:#line`), for bug reports.
    public let location: String

    /// Creates an error.
    public init(code: Code, message: String = "", file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message.isEmpty ? code.rawValue : message
        self.location = "\(file):\(line)"
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: COSEError, rhs: COSEError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A stable error code. New codes may be added; existing ones never change meaning.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as printed in JSON, e.g. `"weakKey"`.
        public let rawValue: String
        /// Creates a code from its text (for codes read back from JSON or logs).
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The raw value.
        public var description: String { rawValue }
    }
}

extension COSEError.Code {
    /// An Ed25519 public key is a small-order point or a non-canonical encoding: it would let anyone forge signatures.
    public static let weakKey = Self("weakKey")
    /// A key is malformed: wrong length, a point not on its curve, a curve that does not fit the key type.
    public static let invalidKey = Self("invalidKey")
    /// A signature does not verify, or is malformed (wrong length, out-of-range values).
    public static let signatureInvalid = Self("signatureInvalid")
    /// A MAC tag does not match.
    public static let macInvalid = Self("macInvalid")
    /// The key type does not fit the algorithm (e.g. an ES256 signature checked with an Ed25519 key).
    public static let algorithmMismatch = Self("algorithmMismatch")
    /// An algorithm or curve that MDLKit does not implement (e.g. Ed448, brainpool curves).
    public static let unsupportedAlgorithm = Self("unsupportedAlgorithm")
    /// A parameter is out of range (e.g. an HKDF output length above 255 × 32 bytes).
    public static let parameterInvalid = Self("parameterInvalid")
    /// The cryptographic library could not be initialised (libsodium's `sodium_init` failed).
    public static let cryptoUnavailable = Self("cryptoUnavailable")
}
