/// Equality of CBOR data items as the CBOR data model defines it (RFC 8949 §2), which `Double` and `String` do not:
///
/// - floats are equal when they encode the same: `-0.0` differs from `0.0`, and every NaN equals every NaN (the
///   writer encodes all NaNs as `f9 7e00`), so `Hashable`'s laws hold and a map cannot carry two NaN keys;
/// - text strings are equal when their UTF-8 bytes are, without Unicode canonical equivalence, so `"é"` (`c3 a9`)
///   and `"e\u{301}"` (`65 cc 81`) are two different map keys, as they are on the wire.
///
/// Integers still compare by value whatever their encoding, and tag-24 items by their content.
extension CBOR {
    /// Whether two items are the same CBOR data item (see the extension's note on floats and text).
    public static func == (lhs: CBOR, rhs: CBOR) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)): return a == b
        case (.negative(let a), .negative(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.text(let a), .text(let b)): return sameUTF8(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.tagged(let tagA, let a), .tagged(let tagB, let b)): return tagA == tagB && a == b
        case (.embedded(let a), .embedded(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null), (.undefined, .undefined): return true
        case (.simple(let a), .simple(let b)): return a == b
        case (.float(let a), .float(let b)): return a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
        default: return false
        }
    }

    /// Whether two strings have the same UTF-8 bytes (no Unicode canonical equivalence). Compares the contiguous
    /// storage directly when both have it (native Swift strings always do); iterating the UTF-8 views was a
    /// visible part of map lookups (issue 7).
    static func sameUTF8(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let contiguous = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where left[index] != right[index] { return false }
                return true
            }
        }
        if let equal = contiguous ?? nil { return equal }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Hashes the item consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .unsigned(let n): hasher.combine(0 as UInt8); hasher.combine(n)
        case .negative(let n): hasher.combine(1 as UInt8); hasher.combine(n)
        case .bytes(let value): hasher.combine(2 as UInt8); hasher.combine(value)
        case .text(let value):
            hasher.combine(3 as UInt8)
            hasher.combine(value.utf8.count)
            for byte in value.utf8 { hasher.combine(byte) }
        case .array(let items): hasher.combine(4 as UInt8); hasher.combine(items)
        case .map(let map): hasher.combine(5 as UInt8); hasher.combine(map)
        case .tagged(let tag, let content): hasher.combine(6 as UInt8); hasher.combine(tag); hasher.combine(content)
        case .embedded(let embedded): hasher.combine(7 as UInt8); hasher.combine(embedded)
        case .bool(let value): hasher.combine(8 as UInt8); hasher.combine(value)
        case .null: hasher.combine(9 as UInt8)
        case .undefined: hasher.combine(10 as UInt8)
        case .simple(let value): hasher.combine(11 as UInt8); hasher.combine(value)
        case .float(let value): hasher.combine(12 as UInt8); hasher.combine(value.isNaN ? 0x7ff8_0000_0000_0000 : value.bitPattern)
        }
    }
}

/// Maps compare as the CBOR data model does: as sets of entries, whatever order they were received or added in, so
/// `{1: 1, 2: 2}` and `{2: 2, 1: 1}` are the same key of an outer map (and the same item when compared).
extension CBORMap {
    /// Whether both maps hold the same entries, in any order.
    public static func == (lhs: CBORMap, rhs: CBORMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.entries == rhs.entries { return true }
        var values: [CBOR: CBOR] = [:]
        values.reserveCapacity(rhs.count)
        for entry in rhs.entries { values[entry.key] = entry.value }
        guard values.count == rhs.count else { return false }
        for entry in lhs.entries {
            guard let value = values[entry.key], value == entry.value else { return false }
        }
        return true
    }

    /// Hashes the entries independently of their order, consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries {
            var entryHasher = Hasher()
            entryHasher.combine(entry.key)
            entryHasher.combine(entry.value)
            combined = combined &+ entryHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
