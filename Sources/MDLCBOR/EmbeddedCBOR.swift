/// An encoded CBOR data item embedded with tag 24: `#6.24(bstr .cbor X)`.
///
/// ISO 18013-5 hashes and signs such items as received (`IssuerSignedItemBytes`, `MobileSecurityObjectBytes`,
/// `SessionTranscriptBytes`, `DeviceAuthenticationBytes`, …). ``encoded`` holds the whole received item, tag head
/// and byte-string head included, exactly as it arrived; ``content`` the embedded item's bytes.
public struct EmbeddedCBOR: Sendable, Hashable {
    /// The complete tag-24 item as received (or, for items made here, as deterministically written).
    public let encoded: [UInt8]
    /// Where ``content`` starts in ``encoded`` when it is its tail (a definite-length byte string, always the case
    /// for items made here); `nil` for a received indefinite-length (chunked) byte string, whose content is kept
    /// in `chunkedContent`. Keeping one array instead of two saves an allocation and a copy for every disclosed
    /// element (issue 7).
    private let contentStart: Int?
    private let chunkedContent: [UInt8]

    /// The bytes of the embedded data item (the byte string's content). A copy: prefer ``contentBytes``.
    public var content: [UInt8] { Array(contentBytes) }

    /// The bytes of the embedded data item, without copying them.
    public var contentBytes: ArraySlice<UInt8> {
        if let contentStart { return encoded[contentStart...] }
        return chunkedContent[...]
    }

    /// Wraps the encoding of a data item; ``encoded`` is written deterministically.
    public init(content: [UInt8]) {
        var writer = CBORWriter()
        writer.writeHead(major: 6, argument: 24)
        writer.writeHead(major: 2, argument: UInt64(content.count))
        let start = writer.bytes.count
        writer.bytes.append(contentsOf: content)
        self.encoded = writer.bytes
        self.contentStart = start
        self.chunkedContent = []
    }

    /// Embeds `item`, encoded deterministically.
    public init(_ item: CBOR) { self.init(content: CBOREncoder.encode(item)) }

    /// A received item: `encoded` as received, its content either the tail of `encoded` from `contentStart`
    /// (definite length) or, for a chunked byte string, `chunkedContent`.
    init(encoded: [UInt8], contentStart: Int?, chunkedContent: [UInt8]) {
        self.encoded = encoded
        self.contentStart = contentStart
        self.chunkedContent = contentStart == nil ? chunkedContent : []
    }

    /// Decodes the embedded item.
    public func decoded(options: CBORDecoder.Options = .init()) throws(CBORError) -> CBOR {
        try CBORDecoder(options: options).decode(content)
    }

    public static func == (lhs: EmbeddedCBOR, rhs: EmbeddedCBOR) -> Bool { lhs.contentBytes == rhs.contentBytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(contentBytes) }
}
