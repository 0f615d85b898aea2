/// The entries of a CBOR map, in the order they were received or added.
///
/// The decoder refuses duplicate keys, so a key identifies at most one entry. The encoder writes entries in the
/// deterministic order of RFC 8949 §4.2.1 whatever order they are kept in here.
public struct CBORMap: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// One key/value pair.
    public struct Entry: Sendable, Hashable {
        /// The key.
        public var key: CBOR
        /// The value.
        public var value: CBOR
        /// Creates an entry.
        public init(key: CBOR, value: CBOR) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in order.
    public private(set) var entries: [Entry]

    /// Creates a map from entries; a later entry with an existing key replaces the earlier value.
    public init(_ entries: [Entry] = []) {
        self.entries = []
        for entry in entries { self[entry.key] = entry.value }
    }

    /// Creates a map from key/value pairs.
    public init(dictionaryLiteral elements: (CBOR, CBOR)...) {
        self.init(elements.map { Entry(key: $0.0, value: $0.1) })
    }

    package init(uncheckedEntries: [Entry]) { self.entries = uncheckedEntries }

    /// The number of entries.
    public var count: Int { entries.count }

    /// The value for `key`, or `nil`. Setting `nil` removes the entry.
    public subscript(key: CBOR) -> CBOR? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// The value for a text key.
    public subscript(key: String) -> CBOR? {
        get {
            // Same answer as `self[.text(key)]`, without building a `CBOR` and switching over every entry's pair.
            for entry in entries {
                if case .text(let text) = entry.key, CBOR.sameUTF8(text, key) { return entry.value }
            }
            return nil
        }
        set { self[.text(key)] = newValue }
    }

    /// The keys in order.
    public var keys: [CBOR] { entries.map(\.key) }

    /// Iterates over the entries in order.
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}
