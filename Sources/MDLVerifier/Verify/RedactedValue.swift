import Crypto
import MDLCBOR

/// A disclosed element's value, safe to print, log or store: every byte string (a portrait, a signature image, a
/// biometric template) is replaced by its length and SHA-256, so no image ever reaches an output; everything else
/// keeps its value (text, numbers, booleans, dates as their text, arrays and maps element by element).
///
/// ```swift
/// for (nameSpace, elements) in document.redactedIssuerSigned {
///     for (identifier, value) in elements { log("\(nameSpace)/\(identifier): \(value)") }   // portrait → bytes+sha256
/// }
/// ```
public indirect enum RedactedValue: Sendable, Hashable, CustomStringConvertible {
    /// An integer.
    case integer(Int64)
    /// A number outside Int64, or a float.
    case number(Double)
    /// Text, including full-date and tdate text.
    case text(String)
    /// A boolean.
    case bool(Bool)
    /// CBOR null or undefined.
    case null
    /// A byte string, redacted to its length and SHA-256 digest.
    case bytes(count: Int, sha256: [UInt8])
    /// An array.
    case array([RedactedValue])
    /// A map, keys as text (integer keys as their decimal text), in the received order.
    case map([MapEntry])

    /// One map entry.
    public struct MapEntry: Sendable, Hashable {
        /// The key as text.
        public let key: String
        /// The value.
        public let value: RedactedValue

        /// Creates an entry.
        public init(key: String, value: RedactedValue) {
            self.key = key
            self.value = value
        }
    }

    /// The redacted form of `item`: tags dropped (a date keeps its text), byte strings and embedded CBOR reduced to
    /// length and digest.
    public init(_ item: CBOR) {
        switch item {
        case .unsigned(let n): self = n <= UInt64(Int64.max) ? .integer(Int64(n)) : .number(Double(n))
        case .negative(let n): self = n < UInt64(Int64.max) ? .integer(-1 - Int64(n)) : .number(-1 - Double(n))
        case .bytes(let bytes): self = .redacting(bytes)
        case .embedded(let embedded): self = .redacting(embedded.content)
        case .text(let text): self = .text(text)
        case .array(let items): self = .array(items.map(RedactedValue.init))
        case .map(let map):
            self = .map(map.map { entry in
                MapEntry(
                    key: entry.key.text ?? entry.key.int64.map(String.init) ?? CBORDiagnostic.format(entry.key),
                    value: RedactedValue(entry.value))
            })
        case .tagged(_, let content): self = RedactedValue(content)
        case .bool(let flag): self = .bool(flag)
        case .null, .undefined: self = .null
        case .simple(let simple): self = .integer(Int64(simple))
        case .float(let number): self = .number(number)
        }
    }

    private static func redacting(_ bytes: [UInt8]) -> RedactedValue {
        .bytes(count: bytes.count, sha256: Array(SHA256.hash(data: bytes)))
    }

    /// A short rendering for logs (`<1234 bytes, sha256 ab12…>` for bytes).
    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .text(let value): return value
        case .bool(let value): return String(value)
        case .null: return "null"
        case .bytes(let count, let digest): return "<\(count) bytes, sha256 \(Hex.encode(Array(digest.prefix(4))))…>"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

extension VerifiedDocument {
    /// The issuer-signed elements, redacted (``RedactedValue``): what may be printed or logged.
    public var redactedIssuerSigned: [String: [String: RedactedValue]] {
        issuerSigned.mapValues { $0.mapValues(RedactedValue.init) }
    }

    /// The device-signed elements, redacted (``RedactedValue``).
    public var redactedDeviceSigned: [String: [String: RedactedValue]] {
        deviceSigned.mapValues { $0.mapValues(RedactedValue.init) }
    }
}
