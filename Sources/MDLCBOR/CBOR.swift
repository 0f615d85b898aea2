/// A CBOR data item (RFC 8949).
///
/// Values compare by meaning, not by encoding: `1` encoded as `0x01` equals `1` encoded as `0x18 0x01`. Floats and
/// text compare as the CBOR data model does (bit patterns, UTF-8 bytes; see `CBOREquality.swift`).
/// Items embedded with tag 24 keep the exact bytes they were received in (see ``EmbeddedCBOR``), because
/// ISO 18013-5 digests and signatures are computed over received bytes, never over a re-encoding.
///
/// Only ``tagged(_:_:)`` is `indirect` (it is the one case that holds a `CBOR` directly): boxing every case cost
/// one heap allocation per decoded item, a tenth of a presentation's verification (issue 7).
public enum CBOR: Sendable, Hashable {
    /// An unsigned integer (major type 0).
    case unsigned(UInt64)
    /// A negative integer (major type 1) holding `n` for the value `-1 - n`, so the whole range fits.
    case negative(UInt64)
    /// A byte string (major type 2).
    case bytes([UInt8])
    /// A text string (major type 3), valid UTF-8.
    case text(String)
    /// An array (major type 4).
    case array([CBOR])
    /// A map (major type 5), keeping the received order of its entries.
    case map(CBORMap)
    /// A tagged item (major type 6) other than tag 24.
    indirect case tagged(UInt64, CBOR)
    /// An encoded CBOR data item, tag 24 over a byte string (`#6.24(bstr .cbor X)`).
    case embedded(EmbeddedCBOR)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// `undefined`.
    case undefined
    /// Another simple value (major type 7, 0...19 or 32...255).
    case simple(UInt8)
    /// A floating-point number (half, single or double precision on the wire).
    case float(Double)
}

extension CBOR {
    /// An integer item for `value`.
    public static func int(_ value: Int64) -> CBOR {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-(value + 1)))
    }

    /// The value as `Int64` when it is an integer that fits.
    public var int64: Int64? {
        switch self {
        case .unsigned(let n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case .negative(let n): return n <= UInt64(Int64.max) ? -1 - Int64(n) : nil
        default: return nil
        }
    }

    /// The value as `Int` when it is an integer that fits.
    public var int: Int? { int64.flatMap { Int(exactly: $0) } }

    /// The text when the item is a text string.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The bytes when the item is a byte string.
    public var bytes: [UInt8]? {
        if case .bytes(let value) = self { return value }
        return nil
    }

    /// The elements when the item is an array.
    public var array: [CBOR]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The map when the item is a map.
    public var map: CBORMap? {
        if case .map(let value) = self { return value }
        return nil
    }

    /// The boolean when the item is `true` or `false`.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The embedded item when this is tag 24.
    public var embedded: EmbeddedCBOR? {
        if case .embedded(let value) = self { return value }
        return nil
    }

    /// Whether the item is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Looks up `key` when the item is a map with text keys.
    public subscript(key: String) -> CBOR? { map?[.text(key)] }

    /// Looks up an integer `key` when the item is a map (COSE headers and keys use integer labels).
    public subscript(label: Int64) -> CBOR? { map?[.int(label)] }
}

extension CBOR: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A text literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal.
    public init(arrayLiteral elements: CBOR...) { self = .array(elements) }
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
}
