import MDLCBOR

/// A COSE structure that is not shaped as RFC 9052 requires (wrong array length, wrong types, a missing header).
public struct COSEFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for people. Never contains key material or personal data.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { "COSE structure invalid: \(message)" }
}
