/// Writes CBOR deterministically (RFC 8949 §4.2.1): preferred heads, definite lengths, map keys sorted by the
/// bytewise order of their encodings, floats in the shortest form that keeps their value.
///
/// ```swift
/// let bytes = CBOREncoder.encode(["DeviceAuthentication", transcript, .text(docType), .embedded(nameSpaces)])
/// ```
public enum CBOREncoder {
    /// The deterministic encoding of `item`.
    public static func encode(_ item: CBOR) -> [UInt8] {
        var writer = CBORWriter()
        writer.write(item)
        return writer.bytes
    }
}

/// An append-only CBOR writer, for structures that must include received bytes verbatim
/// (a SessionTranscript inside DeviceAuthentication is one).
package struct CBORWriter: Sendable {
    /// The bytes written so far.
    package var bytes: [UInt8] = []

    /// Creates an empty writer.
    package init() {}

    /// Writes a head with the shortest argument encoding.
    package mutating func writeHead(major: UInt8, argument: UInt64) {
        let type = major << 5
        switch argument {
        case 0..<24: bytes.append(type | UInt8(argument))
        case 24...0xff:
            bytes.append(type | 24)
            bytes.append(UInt8(argument))
        case 0x100...0xffff: bytes.append(type | 25); appendBigEndian(argument, width: 2)
        case 0x1_0000...0xffff_ffff: bytes.append(type | 26); appendBigEndian(argument, width: 4)
        default: bytes.append(type | 27); appendBigEndian(argument, width: 8)
        }
    }

    /// Appends bytes that already are one encoded item (kept exactly as given).
    package mutating func writeRaw(_ encodedItem: [UInt8]) { bytes.append(contentsOf: encodedItem) }

    /// The length of a head whose argument is `argument`.
    package static func headLength(_ argument: Int) -> Int {
        switch argument {
        case ..<24: 1
        case 24...0xff: 2
        case 0x100...0xffff: 3
        case 0x1_0000...0xffff_ffff: 5
        default: 9
        }
    }

    /// Writes a byte string whose content is `content`.
    package mutating func writeByteString(_ content: some Collection<UInt8>) {
        writeHead(major: 2, argument: UInt64(content.count))
        bytes.append(contentsOf: content)
    }

    /// Writes a text string.
    package mutating func writeText(_ text: String) {
        writeHead(major: 3, argument: UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends already encoded bytes held in a slice of a larger buffer.
    package mutating func writeRaw(_ encodedItem: ArraySlice<UInt8>) { bytes.append(contentsOf: encodedItem) }

    /// Writes `item` deterministically.
    package mutating func write(_ item: CBOR) {
        switch item {
        case .unsigned(let n): writeHead(major: 0, argument: n)
        case .negative(let n): writeHead(major: 1, argument: n)
        case .bytes(let value):
            writeHead(major: 2, argument: UInt64(value.count))
            bytes.append(contentsOf: value)
        case .text(let value):
            writeHead(major: 3, argument: UInt64(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        case .array(let items):
            writeHead(major: 4, argument: UInt64(items.count))
            for element in items { write(element) }
        case .map(let map): writeMap(map)
        case .tagged(let tag, let content):
            writeHead(major: 6, argument: tag)
            write(content)
        case .embedded(let embedded):
            writeHead(major: 6, argument: 24)
            let content = embedded.contentBytes
            writeHead(major: 2, argument: UInt64(content.count))
            bytes.append(contentsOf: content)
        case .bool(let value): bytes.append(value ? 0xf5 : 0xf4)
        case .null: bytes.append(0xf6)
        case .undefined: bytes.append(0xf7)
        case .simple(let value):
            if value < 24 { bytes.append(0xe0 | value) } else { bytes.append(contentsOf: [0xf8, value]) }
        case .float(let value): writeFloat(value)
        }
    }

    private mutating func writeMap(_ map: CBORMap) {
        writeHead(major: 5, argument: UInt64(map.count))
        let encoded = map.entries.map { (key: CBOREncoder.encode($0.key), value: $0.value) }
        for entry in encoded.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            bytes.append(contentsOf: entry.key)
            write(entry.value)
        }
    }

    private mutating func writeFloat(_ value: Double) {
        if let half = value.exactHalfBits {
            bytes.append(0xf9)
            appendBigEndian(UInt64(half), width: 2)
        } else if Double(Float(value)) == value {
            bytes.append(0xfa)
            appendBigEndian(UInt64(Float(value).bitPattern), width: 4)
        } else {
            bytes.append(0xfb)
            appendBigEndian(value.bitPattern, width: 8)
        }
    }

    private mutating func appendBigEndian(_ value: UInt64, width: Int) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
