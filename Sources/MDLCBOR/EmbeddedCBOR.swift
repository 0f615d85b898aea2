/// An encoded CBOR data item embedded with tag 24: `#6.24(bstr .cbor X)`.
///
/// ISO 18013-5 hashes and signs such items as received (`IssuerSignedItemBytes`, `MobileSecurityObjectBytes`,
/// `SessionTranscriptBytes`, `DeviceAuthenticationBytes`, …). ``encoded`` holds the whole received item, tag head
/// and byte-string head included, exactly as it arrived; ``content`` the embedded item's bytes.
public struct EmbeddedCBOR: Sendable, Hashable {
    /// Where the bytes are: the buffer the item was received in (the whole input it was decoded from, shared rather
    /// than copied) or, for an item made here, its deterministic encoding; or, for a received item whose byte string
    /// came in chunks or that lies beyond 32-bit offsets, the item and its content as arrays of their own.
    ///
    /// Kept small (a reference and three 32-bit offsets): every `CBOR` value is as large as its largest case.
    private enum Storage: Sendable {
        case buffer([UInt8])
        case separate(Separate)
    }

    /// An item kept apart from its input: a byte string received in chunks (its joined content differs from the
    /// item's tail), or an item beyond the reach of 32-bit offsets.
    private final class Separate: Sendable {
        let encoded: [UInt8]
        let content: [UInt8]
        init(encoded: [UInt8], content: [UInt8]) {
            self.encoded = encoded
            self.content = content
        }
    }

    private let storage: Storage
    /// For `.buffer`: where the tag-24 item starts, where its content starts and where both end.
    private let start: UInt32
    private let contentStart: UInt32
    private let end: UInt32

    /// The complete tag-24 item as received (or, for items made here, as deterministically written). A copy
    /// when the item was received inside a larger input: prefer ``encodedBytes``.
    public var encoded: [UInt8] {
        switch storage {
        case .buffer(let buffer): start == 0 && Int(end) == buffer.count ? buffer : Array(encodedBytes)
        case .separate(let separate): separate.encoded
        }
    }

    /// The complete tag-24 item as received, without copying it. Digests are computed over these bytes.
    ///
    /// A received item shares the buffer it was decoded from, which lives as long as the item does: to keep a small
    /// item apart from a large input, keep ``encoded`` (a copy) instead.
    public var encodedBytes: ArraySlice<UInt8> {
        switch storage {
        case .buffer(let buffer): buffer[Int(start)..<Int(end)]
        case .separate(let separate): separate.encoded[...]
        }
    }

    /// The bytes of the embedded data item (the byte string's content). A copy: prefer ``contentBytes``.
    public var content: [UInt8] { Array(contentBytes) }

    /// The bytes of the embedded data item, without copying them.
    public var contentBytes: ArraySlice<UInt8> {
        switch storage {
        case .buffer(let buffer): buffer[Int(contentStart)..<Int(end)]
        case .separate(let separate): separate.content[...]
        }
    }

    /// The content's place for a reader working in place: the buffer, where the content starts and ends in it;
    /// `nil` for content kept apart (chunked, or beyond 32-bit offsets).
    package var inPlaceContent: (buffer: [UInt8], start: Int, end: Int)? {
        guard case .buffer(let buffer) = storage else { return nil }
        return (buffer, Int(contentStart), Int(end))
    }

    /// Where the item starts in its buffer (to turn a position in the buffer into one in ``encoded``).
    package var itemStart: Int { Int(start) }

    /// Wraps the encoding of a data item; ``encoded`` is written deterministically.
    public init(content: [UInt8]) {
        var writer = CBORWriter()
        writer.bytes.reserveCapacity(content.count + 10)
        writer.writeHead(major: 6, argument: 24)
        writer.writeHead(major: 2, argument: UInt64(content.count))
        let contentStart = writer.bytes.count
        writer.bytes.append(contentsOf: content)
        self.init(buffer: writer.bytes, item: 0..<writer.bytes.count, contentStart: contentStart, chunkedContent: [])
    }

    /// Embeds `item`, encoded deterministically.
    public init(_ item: CBOR) { self.init(content: CBOREncoder.encode(item)) }

    /// A received item: the `item` range of `buffer`, its content either the tail of the item from `contentStart`
    /// (definite length) or, for a chunked byte string, `chunkedContent`. An item ending beyond `maximumOffset`
    /// (`UInt32.max`; lower only in tests) is copied out of `buffer`.
    init(buffer: [UInt8], item: Range<Int>, contentStart: Int?, chunkedContent: [UInt8], maximumOffset: Int = Int(UInt32.max)) {
        guard let contentStart else {
            storage = .separate(Separate(encoded: Array(buffer[item]), content: chunkedContent))
            (start, self.contentStart, end) = (0, 0, 0)
            return
        }
        if item.upperBound <= maximumOffset {
            storage = .buffer(buffer)
            (start, self.contentStart, end) = (UInt32(item.lowerBound), UInt32(contentStart), UInt32(item.upperBound))
        } else {
            // Beyond 32-bit offsets (an input over 4 GiB, which only raised limits admit): arrays of its own.
            storage = .separate(Separate(encoded: Array(buffer[item]), content: Array(buffer[contentStart..<item.upperBound])))
            (start, self.contentStart, end) = (0, 0, 0)
        }
    }

    /// Decodes the embedded item.
    public func decoded(options: CBORDecoder.Options = .init()) throws(CBORError) -> CBOR {
        try CBORDecoder(options: options).decode(self)
    }

    public static func == (lhs: EmbeddedCBOR, rhs: EmbeddedCBOR) -> Bool { lhs.contentBytes == rhs.contentBytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(contentBytes) }
}
