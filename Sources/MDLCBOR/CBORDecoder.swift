#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Reads one CBOR data item from received bytes: lenient on form, strict on meaning.
///
/// By default it accepts any well-formed encoding, including non-preferred heads and indefinite lengths, since real
/// issuers emit them and every digest and signature is computed over the received bytes anyway. It always refuses
/// what is ambiguous or hostile: duplicate map keys, trailing bytes, invalid UTF-8, truncation, reserved values and
/// anything past the limits, each with its own ``CBORError/Code``. ``Options/strict`` also refuses the non-preferred
/// forms.
///
/// ```swift
/// let item = try CBORDecoder().decode(bytes)
/// ```
public struct CBORDecoder: Sendable {
    /// Limits and strictness.
    public struct Options: Sendable, Hashable {
        /// Refuse non-preferred heads and indefinite lengths as well.
        public var strict: Bool
        /// The largest input accepted, in bytes.
        public var maxInputBytes: Int
        /// The deepest nesting of arrays, maps and tags accepted.
        public var maxDepth: Int
        /// The longest byte or text string accepted, in bytes.
        public var maxStringBytes: Int
        /// The most elements (array items or map entries) one container may declare.
        public var maxElements: Int
        /// The most data items (heads) the whole input may hold, at any depth: bounds the memory a decoded tree
        /// takes (tens of bytes per item) however the items are spread over containers.
        public var maxItems: Int

        /// Creates options; the defaults suit mdoc structures (a DeviceResponse with portraits is well under 16 MiB
        /// and a few thousand items).
        public init(
            strict: Bool = false, maxInputBytes: Int = 16 << 20, maxDepth: Int = 32,
            maxStringBytes: Int = 8 << 20, maxElements: Int = 65_536, maxItems: Int = 1 << 20
        ) {
            self.strict = strict
            self.maxInputBytes = maxInputBytes
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
            self.maxElements = maxElements
            self.maxItems = maxItems
        }
    }

    /// The options in use.
    public let options: Options

    /// Creates a decoder.
    public init(options: Options = .init()) { self.options = options }

    /// Decodes exactly one item; anything after it is an error.
    public func decode(_ bytes: [UInt8]) throws(CBORError) -> CBOR {
        guard bytes.count <= options.maxInputBytes else {
            throw CBORError(.inputTooLarge, at: 0, "input of \(bytes.count) bytes exceeds \(options.maxInputBytes)")
        }
        var reader = CBORReader(bytes: bytes, options: options)
        let item = try reader.readItem(depth: 0)
        guard reader.position == bytes.count else {
            throw CBORError(.trailingBytes, at: reader.position, "\(bytes.count - reader.position) bytes after the item")
        }
        return item
    }

    /// Decodes the first item and returns it with the number of bytes it took (for streams of items).
    package func decodePrefix(_ bytes: [UInt8]) throws(CBORError) -> (item: CBOR, length: Int) {
        var reader = CBORReader(bytes: bytes, options: options)
        let item = try reader.readItem(depth: 0)
        return (item, reader.position)
    }
}

/// The cursor behind ``CBORDecoder``.
package struct CBORReader {
    /// The buffer being read.
    package let bytes: [UInt8]
    /// Where the input ends in ``bytes``: its end, or the end of an embedded item read in place.
    let end: Int
    /// The decoder's options, which every read checks.
    package let options: CBORDecoder.Options
    /// Where the next read starts in ``bytes``.
    package var position = 0
    /// Heads read so far, against ``CBORDecoder/Options/maxItems``.
    var itemCount = 0

    /// A reader of `bytes` up to `end` (their end when `nil`), from the start, with `options`' limits.
    package init(bytes: [UInt8], end: Int? = nil, options: CBORDecoder.Options) {
        self.bytes = bytes
        self.end = end ?? bytes.count
        self.options = options
    }

    /// A head: major type, additional information, and its argument (nil for indefinite length).
    package struct Head {
        package let major: UInt8
        package let info: UInt8
        package let argument: UInt64?
        package let offset: Int
    }

    mutating func readByte() throws(CBORError) -> UInt8 {
        guard position < end else { throw CBORError(.truncated, at: position, "input ends inside an item") }
        defer { position += 1 }
        return bytes[position]
    }

    package mutating func readHead() throws(CBORError) -> Head {
        let offset = position
        itemCount += 1
        guard itemCount <= options.maxItems else {
            throw CBORError(.elementCountExceeded, at: offset, "more than \(options.maxItems) data items in the input")
        }
        let initial = try readByte()
        let major = initial >> 5
        let info = initial & 0x1f
        let argument: UInt64?
        switch info {
        case 0..<24: argument = UInt64(info)
        case 24...27:
            let width = 1 << Int(info - 24)
            guard end - position >= width else {
                throw CBORError(.truncated, at: position, "input ends inside a \(width)-byte argument")
            }
            var value: UInt64 = 0
            for index in 0..<width { value = value << 8 | UInt64(bytes[position + index]) }
            position += width
            if options.strict && major != 7 && !Self.isPreferred(value, width: width) {
                throw CBORError(.nonPreferredEncoding, at: offset, "argument \(value) uses \(width) bytes")
            }
            argument = value
        case 31:
            guard major >= 2 && major != 6 else {
                throw CBORError(.reservedValue, at: offset, "indefinite length is not allowed for major type \(major)")
            }
            argument = nil
        default:
            throw CBORError(.reservedValue, at: offset, "additional information \(info) is reserved")
        }
        return Head(major: major, info: info, argument: argument, offset: offset)
    }

    static func isPreferred(_ value: UInt64, width: Int) -> Bool {
        switch width {
        case 1: return value >= 24
        case 2: return value > 0xff
        case 4: return value > 0xffff
        default: return value > 0xffff_ffff
        }
    }

    package mutating func readItem(depth: Int) throws(CBORError) -> CBOR {
        guard depth <= options.maxDepth else {
            throw CBORError(.depthExceeded, at: position, "nesting deeper than \(options.maxDepth)")
        }
        let head = try readHead()
        switch head.major {
        case 0: return .unsigned(head.argument ?? 0)
        case 1: return .negative(head.argument ?? 0)
        case 2: return .bytes(try readString(head))
        case 3:
            let text: String?
            if head.argument != nil {
                // Definite length: read the text straight from the input, without an intermediate array.
                let length = try readLength(head)
                text = Self.utf8Text(bytes[position..<position + length])
                position += length
            } else {
                text = Self.utf8Text(try readString(head)[...])
            }
            guard let text else { throw CBORError(.invalidUTF8, at: head.offset, "text string is not valid UTF-8") }
            return .text(text)
        case 4: return .array(try readArray(head, depth: depth))
        case 5: return .map(try readMap(head, depth: depth))
        case 6: return try readTagged(head, depth: depth)
        default: return try readSimple(head)
        }
    }

    /// `raw` as a string, or `nil` when it is not valid UTF-8.
    ///
    /// ASCII (nearly every mdoc key and most values) is valid UTF-8 as it stands, so it is decoded without the
    /// generic validator, which cost a twentieth of a presentation's verification (issue 7); anything else is
    /// validated strictly as before.
    static func utf8Text(_ raw: ArraySlice<UInt8>) -> String? {
        let isASCII = raw.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
        if isASCII {
            if raw.count > 15, let recurring = recurringText(raw) { return recurring }
            return String(decoding: raw, as: UTF8.self)
        }
        return String(validating: raw, as: UTF8.self)
    }

    /// Text strings that recur in every mdoc (namespaces, the docType, element identifiers) and are longer than the
    /// 15 bytes a `String` holds inline: decoded as these literals, they need no allocation (a presentation of twelve
    /// elements made about ten such strings, issue 16). The value is the same string either way.
    static let recurringTexts: [String] = [
        "org.iso.18013.5.1", "org.iso.18013.5.1.mDL", "cn.gov.mps.edl.1", "driving_privileges", "vehicle_category_code",
        "issuing_authority", "issuing_jurisdiction", "resident_address", "first_license_date", "un_distinguishing_sign",
        "administrative_number", "portrait_capture_date", "family_name_national_character", "given_name_national_character",
        "keyAuthorizations", "elementIdentifier", "eu.europa.ec.eudi.pid.1", "org.iso.18013.5.1.aamva",
    ]

    /// The literal in ``recurringTexts`` whose bytes are `raw`, if any.
    static func recurringText(_ raw: ArraySlice<UInt8>) -> String? {
        raw.withUnsafeBufferPointer { bytes in
            for candidate in recurringTexts where candidate.utf8.count == bytes.count {
                let equal = candidate.utf8.withContiguousStorageIfAvailable { known in
                    memcmp(known.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
                if equal == true { return candidate }
            }
            return nil
        }
    }

    package mutating func checkedCount(_ head: Head, minimumBytesEach: Int) throws(CBORError) -> Int {
        let declared = head.argument ?? 0
        guard declared <= UInt64(options.maxElements) else {
            throw CBORError(.elementCountExceeded, at: head.offset, "\(declared) elements exceed \(options.maxElements)")
        }
        let count = Int(declared)
        guard count <= (end - position) / minimumBytesEach else {
            throw CBORError(.truncated, at: head.offset, "\(count) elements cannot fit in the remaining input")
        }
        return count
    }

    package mutating func readLength(_ head: Head) throws(CBORError) -> Int {
        let declared = head.argument ?? 0
        guard declared <= UInt64(options.maxStringBytes) else {
            throw CBORError(.lengthExceeded, at: head.offset, "string of \(declared) bytes exceeds \(options.maxStringBytes)")
        }
        let length = Int(declared)
        guard length <= end - position else {
            throw CBORError(.truncated, at: head.offset, "string of \(length) bytes runs past the input")
        }
        return length
    }

    mutating func readString(_ head: Head) throws(CBORError) -> [UInt8] {
        if head.argument != nil {
            let length = try readLength(head)
            defer { position += length }
            return Array(bytes[position..<position + length])
        }
        if options.strict { throw CBORError(.indefiniteLength, at: head.offset, "indefinite-length string") }
        var result: [UInt8] = []
        while true {
            guard position < end else { throw CBORError(.truncated, at: position, "unterminated string") }
            if bytes[position] == 0xff {
                position += 1
                return result
            }
            let chunk = try readHead()
            guard chunk.major == head.major, chunk.argument != nil else {
                throw CBORError(.unexpectedBreak, at: chunk.offset, "an indefinite string chunk must be a definite string of the same type")
            }
            let length = try readLength(chunk)
            guard result.count + length <= options.maxStringBytes else {
                throw CBORError(.lengthExceeded, at: chunk.offset, "string exceeds \(options.maxStringBytes) bytes")
            }
            let chunkBytes = bytes[position..<position + length]
            // RFC 8949 §3.2.3: a text chunk is valid UTF-8 by itself; a character cannot straddle two chunks.
            if head.major == 3, String(validating: chunkBytes, as: UTF8.self) == nil {
                throw CBORError(.invalidUTF8, at: chunk.offset, "text string chunk is not valid UTF-8 by itself")
            }
            result.append(contentsOf: chunkBytes)
            position += length
        }
    }

    mutating func atBreak(_ head: Head) throws(CBORError) -> Bool {
        guard position < end else { throw CBORError(.truncated, at: position, "unterminated container") }
        if bytes[position] == 0xff {
            position += 1
            return true
        }
        return false
    }

    mutating func readArray(_ head: Head, depth: Int) throws(CBORError) -> [CBOR] {
        var items: [CBOR] = []
        if head.argument != nil {
            let count = try checkedCount(head, minimumBytesEach: 1)
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try readItem(depth: depth + 1)) }
            return items
        }
        if options.strict { throw CBORError(.indefiniteLength, at: head.offset, "indefinite-length array") }
        while try !atBreak(head) {
            guard items.count < options.maxElements else {
                throw CBORError(.elementCountExceeded, at: position, "more than \(options.maxElements) elements")
            }
            items.append(try readItem(depth: depth + 1))
        }
        return items
    }

    mutating func readMap(_ head: Head, depth: Int) throws(CBORError) -> CBORMap {
        var entries: [CBORMap.Entry] = []
        // Duplicate keys: mdoc maps are small, and comparing a key with the few before it is several times cheaper
        // than hashing every key into a set (measured: the set was a tenth of a verification). Larger maps switch
        // to the sets, so the check stays linear. Both use CBOR's value equality: an unsigned integer key equals only
        // the same unsigned integer, so those keys (the MSO's digestIDs) go into a set of integers, cheaper to hash
        // than `CBOR`; every other key goes into the set of `CBOR`.
        let linearLimit = 16
        var seen = Set<CBOR>()
        var seenUnsigned = Set<UInt64>()
        var inSets = false
        func insert(_ key: CBOR) -> Bool {
            if case .unsigned(let number) = key { return seenUnsigned.insert(number).inserted }
            return seen.insert(key).inserted
        }
        // Unsigned keys in strictly ascending order (the deterministic order every MSO's digestIDs arrive in)
        // cannot repeat, so they are appended without either check until a key breaks the run; from then on the
        // checks below see every earlier key, as before.
        var ascendingUnsigned = true
        var lastUnsigned: UInt64 = 0
        func add(_ key: CBOR, _ value: CBOR, at offset: Int) throws(CBORError) {
            if ascendingUnsigned, case .unsigned(let number) = key, entries.isEmpty || number > lastUnsigned {
                lastUnsigned = number
                entries.append(.init(key: key, value: value))
                return
            }
            ascendingUnsigned = false
            if entries.count < linearLimit {
                guard !entries.contains(where: { $0.key == key }) else {
                    throw CBORError(.duplicateKey, at: offset, "map key appears twice")
                }
            } else {
                if !inSets {
                    inSets = true
                    let capacity = max(entries.capacity, 2 * linearLimit)
                    if case .unsigned = key {
                        seenUnsigned.reserveCapacity(capacity)
                    } else {
                        seen.reserveCapacity(capacity)
                    }
                    for entry in entries { _ = insert(entry.key) }
                }
                guard insert(key) else {
                    throw CBORError(.duplicateKey, at: offset, "map key appears twice")
                }
            }
            entries.append(.init(key: key, value: value))
        }
        if head.argument != nil {
            let count = try checkedCount(head, minimumBytesEach: 2)
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let offset = position
                let key = try readItem(depth: depth + 1)
                try add(key, try readItem(depth: depth + 1), at: offset)
            }
            return CBORMap(uncheckedEntries: entries)
        }
        if options.strict { throw CBORError(.indefiniteLength, at: head.offset, "indefinite-length map") }
        while try !atBreak(head) {
            guard entries.count < options.maxElements else {
                throw CBORError(.elementCountExceeded, at: position, "more than \(options.maxElements) entries")
            }
            let offset = position
            let key = try readItem(depth: depth + 1)
            try add(key, try readItem(depth: depth + 1), at: offset)
        }
        return CBORMap(uncheckedEntries: entries)
    }

    mutating func readTagged(_ head: Head, depth: Int) throws(CBORError) -> CBOR {
        let tag = head.argument ?? 0
        if tag == 24 {
            let contentHead = try readHead()
            guard contentHead.major == 2 else {
                throw CBORError(.invalidTagContent, at: contentHead.offset, "tag 24 must enclose a byte string")
            }
            if contentHead.argument != nil {
                // Definite length: the content is the tail of the item's bytes, so only the item is copied.
                let length = try readLength(contentHead)
                let contentStart = position
                position += length
                // The item is kept as its place in the received bytes, which it shares: no copy (issue 16).
                return .embedded(EmbeddedCBOR(buffer: bytes, item: head.offset..<position, contentStart: contentStart, chunkedContent: []))
            }
            let content = try readString(contentHead)
            return .embedded(EmbeddedCBOR(buffer: bytes, item: head.offset..<position, contentStart: nil, chunkedContent: content))
        }
        return .tagged(tag, try readItem(depth: depth + 1))
    }

    mutating func readSimple(_ head: Head) throws(CBORError) -> CBOR {
        switch head.info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 24:
            let value = UInt8(head.argument ?? 0)
            guard value >= 32 else {
                throw CBORError(.invalidSimpleValue, at: head.offset, "simple value \(value) must use the one-byte form")
            }
            return .simple(value)
        case 25: return .float(Double(halfBits: UInt16(head.argument ?? 0)))
        case 26: return .float(Double(Float(bitPattern: UInt32(head.argument ?? 0))))
        case 27: return .float(Double(bitPattern: head.argument ?? 0))
        case 31: throw CBORError(.unexpectedBreak, at: head.offset, "break outside an indefinite-length item")
        default: return .simple(head.info)
        }
    }
}
