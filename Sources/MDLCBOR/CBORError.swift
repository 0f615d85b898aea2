/// Why bytes could not be decoded as CBOR. Compare ``code``; the message is for people.
public struct CBORError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable reason.
    public let code: Code
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// A message a person can act on.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "CBOR \(code.rawValue) at byte \(offset): \(message)" }

    public static func == (lhs: CBORError, rhs: CBORError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A stable decoding failure code. New codes may be added.
    public struct Code: Hashable, Sendable {
        /// The code's name.
        public let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }

        /// The input ends inside an item.
        public static let truncated = Code("truncated")
        /// Bytes follow the single top-level item.
        public static let trailingBytes = Code("trailingBytes")
        /// A map has the same key twice (compared by value, whatever the encoding).
        public static let duplicateKey = Code("duplicateKey")
        /// A text string is not valid UTF-8.
        public static let invalidUTF8 = Code("invalidUTF8")
        /// Additional information 28, 29 or 30, which RFC 8949 reserves.
        public static let reservedValue = Code("reservedValue")
        /// A break (0xff) outside an indefinite-length item, or an invalid chunk inside an indefinite string.
        public static let unexpectedBreak = Code("unexpectedBreak")
        /// A two-byte simple value below 32, which RFC 8949 forbids.
        public static let invalidSimpleValue = Code("invalidSimpleValue")
        /// Tag 24 over something other than a byte string.
        public static let invalidTagContent = Code("invalidTagContent")
        /// Strict mode: a head longer than needed for its argument.
        public static let nonPreferredEncoding = Code("nonPreferredEncoding")
        /// Strict mode: an indefinite-length string, array or map.
        public static let indefiniteLength = Code("indefiniteLength")
        /// The input is larger than ``CBORDecoder/Options/maxInputBytes``.
        public static let inputTooLarge = Code("inputTooLarge")
        /// Nesting deeper than ``CBORDecoder/Options/maxDepth``.
        public static let depthExceeded = Code("depthExceeded")
        /// A string's declared length exceeds the remaining input or ``CBORDecoder/Options/maxStringBytes``.
        public static let lengthExceeded = Code("lengthExceeded")
        /// An array or map declares more elements than ``CBORDecoder/Options/maxElements`` or the input can hold.
        public static let elementCountExceeded = Code("elementCountExceeded")

        /// Whether the code is one of the limits (size, depth, length, count) rather than a malformation.
        public var isLimit: Bool {
            self == .inputTooLarge || self == .depthExceeded || self == .lengthExceeded
                || self == .elementCountExceeded
        }
    }
}
