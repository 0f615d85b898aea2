/// An encoded CBOR data item embedded with tag 24: `#6.24(bstr .cbor X)`.
///
/// ISO 18013-5 hashes and signs such items as received (`IssuerSignedItemBytes`, `MobileSecurityObjectBytes`,
/// `SessionTranscriptBytes`, `DeviceAuthenticationBytes`, …). ``encoded`` holds the whole received item, tag head
/// and byte-string head included, exactly as it arrived; ``content`` the embedded item's bytes.
public struct EmbeddedCBOR: Sendable, Hashable {
    /// The complete tag-24 item as received (or, for items made here, as deterministically written).
    public let encoded: [UInt8]
    /// The bytes of the embedded data item (the byte string's content).
    public let content: [UInt8]

    /// Wraps the encoding of a data item; ``encoded`` is written deterministically.
    public init(content: [UInt8]) {
        var writer = CBORWriter()
        writer.writeHead(major: 6, argument: 24)
        writer.writeHead(major: 2, argument: UInt64(content.count))
        writer.bytes.append(contentsOf: content)
        self.encoded = writer.bytes
        self.content = content
    }

    /// Embeds `item`, encoded deterministically.
    public init(_ item: CBOR) { self.init(content: CBOREncoder.encode(item)) }

    init(encoded: [UInt8], content: [UInt8]) {
        self.encoded = encoded
        self.content = content
    }

    /// Decodes the embedded item.
    public func decoded(options: CBORDecoder.Options = .init()) throws(CBORError) -> CBOR {
        try CBORDecoder(options: options).decode(content)
    }

    public static func == (lhs: EmbeddedCBOR, rhs: EmbeddedCBOR) -> Bool { lhs.content == rhs.content }
    public func hash(into hasher: inout Hasher) { hasher.combine(content) }
}
