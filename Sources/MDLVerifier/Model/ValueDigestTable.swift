import MDLCBOR

/// One namespace's `valueDigests`, sorted by digestID: what the digest check looks items up in.
///
/// An array searched by bisection instead of a dictionary: the MSO's digest maps arrive in ascending digestID order,
/// so reading one is an append per digest instead of a hash and an insert, and a look-up is a few comparisons of
/// integers (issue 7, fourth round).
struct ValueDigestTable: Sendable, Hashable {
    /// One digest and the digestID it is under.
    struct Entry: Sendable, Hashable {
        let digestID: UInt64
        /// The digest: for a received MSO, its place in the received bytes (not a copy of it).
        let digest: ArraySlice<UInt8>
    }

    /// The digests, in ascending digestID order, no digestID twice.
    let entries: [Entry]

    /// A table of `entries`, whose digestIDs are distinct (a map's keys); sorted here unless already in order.
    init(distinct entries: [Entry]) {
        var isSorted = true
        for index in entries.indices.dropFirst() where entries[index - 1].digestID >= entries[index].digestID {
            isSorted = false
            break
        }
        self.entries = isSorted ? entries : entries.sorted { $0.digestID < $1.digestID }
    }

    /// A table of the digests in `digests`.
    init(_ digests: [UInt64: [UInt8]]) {
        self.init(distinct: digests.map { Entry(digestID: $0.key, digest: $0.value[...]) })
    }

    /// The digests as a dictionary (the public model's form).
    var dictionary: [UInt64: [UInt8]] {
        var result: [UInt64: [UInt8]] = [:]
        result.reserveCapacity(entries.count)
        for entry in entries { result[entry.digestID] = Array(entry.digest) }
        return result
    }

    /// The position in ``entries`` of the digest under `digestID`, if the table has one.
    func index(of digestID: UInt64) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = entries[middle].digestID
            if candidate == digestID { return middle }
            if candidate < digestID { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}

extension ValueDigestTable {
    /// Reads `valueDigests` (`{ + NameSpace => { + DigestID => Digest } }`) in place from `reader`, each digest
    /// kept as its place in the received bytes, into `tables`.
    ///
    /// Only the regular form: definite-length maps, text namespaces, unsigned digestIDs in ascending order (as
    /// deterministic encoding writes them) and definite-length byte strings. For anything else it returns `false`
    /// and the MSO is read by the general decoder, which accepts or refuses it exactly as before; whenever this
    /// answers, the general path would have built the same tables.
    static func read(_ reader: inout CBORReader, into tables: inout [String: ValueDigestTable]) throws(CBORError) -> Bool {
        // The map is at depth 1, its namespaces at 2, their digests at 3: a shallower limit is the general path's.
        guard reader.options.maxDepth >= 3 else { return false }
        let head = try reader.readHead()
        guard head.major == 5, head.argument != nil else { return false }
        let count = try reader.checkedCount(head, minimumBytesEach: 2)
        tables.reserveCapacity(count)
        for _ in 0..<count {
            guard case .text(let nameSpace) = try reader.readItem(depth: 2), tables[nameSpace] == nil else { return false }
            let digestsHead = try reader.readHead()
            guard digestsHead.major == 5, digestsHead.argument != nil else { return false }
            let digestCount = try reader.checkedCount(digestsHead, minimumBytesEach: 2)
            var entries: [Entry] = []
            entries.reserveCapacity(digestCount)
            for _ in 0..<digestCount {
                let idHead = try reader.readHead()
                guard idHead.major == 0, let digestID = idHead.argument,
                    entries.last.map({ digestID > $0.digestID }) ?? true,
                    let range = try reader.readDefiniteByteStringRange()
                else { return false }
                entries.append(Entry(digestID: digestID, digest: reader.bytes[range]))
            }
            tables[nameSpace] = ValueDigestTable(distinct: entries)
        }
        return true
    }
}
